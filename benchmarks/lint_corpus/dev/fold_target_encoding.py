"""Out-of-fold mean encoding for high-cardinality categoricals (Amazon employee access)."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold, train_test_split

CAT_COLS = ["RESOURCE", "MGR_ID", "ROLE_ROLLUP_1", "ROLE_ROLLUP_2", "ROLE_DEPTNAME", "ROLE_TITLE", "ROLE_FAMILY"]


def oof_mean_encode(train, col, target, n_splits=5, alpha=20, seed=0):
    """Encode train rows with means from the other folds; return the encoding and the full-train mapping."""
    prior = train[target].mean()
    encoded = pd.Series(np.nan, index=train.index)
    for fit_idx, enc_idx in KFold(n_splits, shuffle=True, random_state=seed).split(train):
        stats = train.iloc[fit_idx].groupby(col)[target].agg(["sum", "count"])
        smooth = (stats["sum"] + prior * alpha) / (stats["count"] + alpha)
        encoded.iloc[enc_idx] = train[col].iloc[enc_idx].map(smooth).fillna(prior).to_numpy()
    stats = train.groupby(col)[target].agg(["sum", "count"])
    mapping = (stats["sum"] + prior * alpha) / (stats["count"] + alpha)
    return encoded, mapping, prior


access = pd.read_csv("data/amazon_access_train.csv")
train, test = train_test_split(access, test_size=0.2, stratify=access["ACTION"], random_state=0)
train, test = train.copy(), test.copy()

for col in CAT_COLS:
    train[col + "_te"], mapping, prior = oof_mean_encode(train, col, "ACTION")
    test[col + "_te"] = test[col].map(mapping).fillna(prior)

features = [c + "_te" for c in CAT_COLS]
clf = LogisticRegression(max_iter=1000)
clf.fit(train[features], train["ACTION"])
print("test AUC:", roc_auc_score(test["ACTION"], clf.predict_proba(test[features])[:, 1]))
