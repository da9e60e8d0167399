"""LambdaMART ranker for product search.

Rows are (query, product) pairs with graded relevance 0-3. Splits are by query: a query's results
never straddle train/validation/test.
"""
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import GroupShuffleSplit
from sklearn.preprocessing import QuantileTransformer
from sklearn.metrics import ndcg_score

FEATURES = ["bm25_title", "bm25_desc", "embed_cos", "price_log", "ctr_30d", "rating", "n_reviews", "in_stock"]


def split_by_query(df, test_size, seed):
    gss = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
    a, b = next(gss.split(df, groups=df["query_id"]))
    return df.iloc[a].sort_values("query_id"), df.iloc[b].sort_values("query_id")


def mean_ndcg(df, scores, k=10):
    out = []
    for _, idx in df.groupby("query_id").indices.items():
        if len(idx) > 1 and df["rel"].to_numpy()[idx].max() > 0:
            out.append(ndcg_score([df["rel"].to_numpy()[idx]], [scores[idx]], k=k))
    return float(np.mean(out))


def main():
    df = pd.read_parquet("judgements.parquet")
    print(df["query_id"].nunique(), "queries,", len(df), "pairs")
    trainval, test = split_by_query(df, 0.2, 0)
    train, val = split_by_query(trainval, 0.2, 1)

    qt = QuantileTransformer(n_quantiles=200, output_distribution="normal").fit(train[FEATURES])
    Xtr, Xva, Xte = (qt.transform(d[FEATURES]) for d in (train, val, test))

    ranker = lgb.LGBMRanker(objective="lambdarank", n_estimators=2000, learning_rate=0.03, num_leaves=31)
    ranker.fit(Xtr, train["rel"], group=train.groupby("query_id").size().to_numpy(),
               eval_set=[(Xva, val["rel"])], eval_group=[val.groupby("query_id").size().to_numpy()],
               eval_at=[10], callbacks=[lgb.early_stopping(100, verbose=False)])
    print("best iteration", ranker.best_iteration_)
    test = test.reset_index(drop=True)
    print("test NDCG@10", round(mean_ndcg(test, ranker.predict(Xte)), 4))


if __name__ == "__main__":
    main()
