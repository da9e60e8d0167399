"""Train a LightGBM regressor on the engineered house features and report RMSLE."""
import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

PARAMS = {
    "objective": "regression",
    "metric": "rmse",
    "learning_rate": 0.03,
    "num_leaves": 63,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "verbose": -1,
}


def rmsle(y_true, y_pred):
    return np.sqrt(np.mean((np.log1p(y_pred) - np.log1p(y_true)) ** 2))


def run(path="data/house_features.parquet"):
    df = pd.read_parquet(path)
    y = np.log1p(df.pop("price"))
    X_tr, X_te, y_tr, y_te = train_test_split(df, y, test_size=0.15, random_state=1)

    dtrain = lgb.Dataset(X_tr, label=y_tr)
    dtest = lgb.Dataset(X_te, label=y_te, reference=dtrain)
    booster = lgb.train(
        PARAMS,
        dtrain,
        num_boost_round=10000,
        valid_sets=[dtrain, dtest],
        valid_names=["train", "test"],
        callbacks=[lgb.early_stopping(100), lgb.log_evaluation(500)],
    )
    pred = np.expm1(booster.predict(X_te, num_iteration=booster.best_iteration))
    print("best iteration:", booster.best_iteration)
    print("test RMSLE:", rmsle(np.expm1(y_te), pred))
    return booster


if __name__ == "__main__":
    run()
