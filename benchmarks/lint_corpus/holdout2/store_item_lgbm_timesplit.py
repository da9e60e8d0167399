"""Store-item demand forecasting (daily), LightGBM with lag features.

Layout of the data: one row per (date, store, item) with the units sold.
Split: the last 90 days are the test period, the 56 days before it are the validation period
used for early stopping, everything earlier is training.

    python store_item_lgbm_timesplit.py --data data/store_item_sales.csv --horizon 90
"""
import argparse
import json

import lightgbm as lgb
import numpy as np
import pandas as pd

LAGS = [7, 14, 28, 364]


def build_features(df):
    df = df.sort_values(["store", "item", "date"]).copy()
    g = df.groupby(["store", "item"])["sales"]
    for lag in LAGS:
        df[f"lag_{lag}"] = g.shift(lag)
    df["roll_mean_28"] = g.transform(lambda s: s.shift(7).rolling(28).mean())
    df["roll_std_28"] = g.transform(lambda s: s.shift(7).rolling(28).std())
    df["ewm_7"] = g.transform(lambda s: s.shift(7).ewm(alpha=0.3).mean())
    df["dow"] = df["date"].dt.dayofweek
    df["dom"] = df["date"].dt.day
    df["month"] = df["date"].dt.month
    df["year"] = df["date"].dt.year
    return df


def smape(y, p):
    denom = (np.abs(y) + np.abs(p)) / 2
    return 100 * np.mean(np.where(denom == 0, 0, np.abs(y - p) / denom))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--horizon", type=int, default=90)
    ap.add_argument("--val-days", type=int, default=56)
    args = ap.parse_args()

    raw = pd.read_csv(args.data, parse_dates=["date"])
    df = build_features(raw).dropna(subset=[f"lag_{l}" for l in LAGS])

    last = df["date"].max()
    test_start = last - pd.Timedelta(days=args.horizon - 1)
    val_start = test_start - pd.Timedelta(days=args.val_days)
    train = df[df["date"] < val_start]
    valid = df[(df["date"] >= val_start) & (df["date"] < test_start)]
    test = df[df["date"] >= test_start]
    print(f"train to {train['date'].max():%Y-%m-%d}, valid {val_start:%Y-%m-%d}.., test {test_start:%Y-%m-%d}..{last:%Y-%m-%d}")

    feats = [c for c in df.columns if c not in ("date", "sales")]
    params = dict(objective="tweedie", learning_rate=0.05, num_leaves=127, min_data_in_leaf=100,
                  feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, verbose=-1)
    dtrain = lgb.Dataset(train[feats], train["sales"], categorical_feature=["store", "item"])
    dvalid = lgb.Dataset(valid[feats], valid["sales"], reference=dtrain)
    booster = lgb.train(params, dtrain, num_boost_round=5000, valid_sets=[dvalid],
                        callbacks=[lgb.early_stopping(100), lgb.log_evaluation(250)])

    pred = booster.predict(test[feats], num_iteration=booster.best_iteration)
    score = smape(test["sales"].to_numpy(), pred)
    print(f"test SMAPE: {score:.3f}")
    with open("metrics.json", "w") as fh:
        json.dump({"smape": score, "best_iteration": booster.best_iteration}, fh)


if __name__ == "__main__":
    main()
