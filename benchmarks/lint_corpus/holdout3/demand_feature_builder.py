"""Feature builder + training for the daily SKU demand model (store 0042 pilot)."""
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

TRAIN_END = "2024-03-31"
VALID_END = "2024-05-31"


def load() -> pd.DataFrame:
    sales = pd.read_parquet("sku_daily.parquet")          # sku, date, units, price, promo_depth, page_views
    stock = pd.read_parquet("stock_snapshots.parquet")    # sku, date, stock_level (weekly counts)
    sales["date"] = pd.to_datetime(sales["date"])
    stock["date"] = pd.to_datetime(stock["date"])
    df = sales.merge(stock, on=["sku", "date"], how="left")
    return df.sort_values(["sku", "date"]).reset_index(drop=True)


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    g = df.groupby("sku")
    # stock is only counted on Mondays -> fill the other days from the nearest count
    df["stock_level"] = g["stock_level"].bfill()
    df["views_7d"] = g["page_views"].transform(lambda s: s.rolling(7, center=True, min_periods=3).mean())
    for lag in (7, 14, 28):
        df[f"units_lag{lag}"] = g["units"].shift(lag)
    df["units_ma28"] = g["units"].transform(lambda s: s.shift(7).rolling(28).mean())
    df["dow"] = df["date"].dt.dayofweek
    df["month"] = df["date"].dt.month
    return df


FEATURES = ["stock_level", "views_7d", "units_lag7", "units_lag14", "units_lag28", "units_ma28",
            "price", "promo_depth", "dow", "month"]


def main():
    df = build_features(load()).dropna(subset=["units_lag28", "units_ma28"])
    train = df[df["date"] <= TRAIN_END]
    valid = df[(df["date"] > TRAIN_END) & (df["date"] <= VALID_END)]
    model = lgb.LGBMRegressor(objective="tweedie", n_estimators=600, learning_rate=0.03, num_leaves=31)
    model.fit(train[FEATURES], train["units"])
    print("valid MAE", mean_absolute_error(valid["units"], model.predict(valid[FEATURES])))


if __name__ == "__main__":
    main()
