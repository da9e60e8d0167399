"""Rolling-origin backtest of the weekly demand model.

For each cutoff the model is trained on all weeks before it and scored on the following 8 weeks.
"""
import numpy as np
import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import mean_absolute_error

HORIZON_WEEKS = 8
CUTOFFS = pd.date_range("2023-01-02", "2024-01-01", freq="8W-MON")


def load() -> pd.DataFrame:
    df = pd.read_parquet("weekly_demand.parquet")
    df["week"] = pd.to_datetime(df["week"])
    return df.sort_values(["sku", "week"]).reset_index(drop=True)


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    by_sku = out.groupby("sku")["units"]
    for lag in (1, 2, 4, 8, 52):
        out[f"lag_{lag}"] = by_sku.shift(lag)
    out["ma_4"] = by_sku.transform(lambda s: s.shift(1).rolling(4).mean())
    out["ma_13"] = by_sku.transform(lambda s: s.shift(1).rolling(13).mean())
    out["ewm_8"] = by_sku.transform(lambda s: s.shift(1).ewm(span=8).mean())
    out["price_ratio"] = out["price"] / out.groupby("sku")["price"].transform(lambda s: s.shift(1).rolling(13).median())
    out["weekofyear"] = out["week"].dt.isocalendar().week.astype(int)
    return out.dropna()


FEATURES = ["lag_1", "lag_2", "lag_4", "lag_8", "lag_52", "ma_4", "ma_13", "ewm_8", "price_ratio", "weekofyear", "promo"]


def backtest(df: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for cutoff in CUTOFFS:
        train = df[df["week"] < cutoff]
        test = df[(df["week"] >= cutoff) & (df["week"] < cutoff + pd.Timedelta(weeks=HORIZON_WEEKS))]
        if test.empty:
            continue
        model = make_pipeline(StandardScaler(), PoissonRegressor(alpha=1e-3, max_iter=500))
        model.fit(train[FEATURES], train["units"])
        pred = model.predict(test[FEATURES])
        rows.append({"cutoff": cutoff.date(), "n_train": len(train), "n_test": len(test),
                     "mae": mean_absolute_error(test["units"], pred),
                     "mae_naive": mean_absolute_error(test["units"], test["lag_1"])})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    res = backtest(add_features(load()))
    print(res.to_string(index=False))
    print("mean MAE", res["mae"].mean().round(3), "naive", res["mae_naive"].mean().round(3))
