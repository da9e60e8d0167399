"""Half-hourly electricity price model evaluated with expanding-window CV."""
import numpy as np
import pandas as pd
from sklearn.linear_model import ElasticNet
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/elec_prices.csv")
df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True)
df = df.sort_values("timestamp").reset_index(drop=True)

df["price_lag_48"] = df["price"].shift(48)
df["price_lag_336"] = df["price"].shift(336)
df["demand_lag_48"] = df["demand"].shift(48)
df["price_roll_max_48"] = df["price"].shift(48).rolling(48).max()
df["slot"] = df["timestamp"].dt.hour * 2 + df["timestamp"].dt.minute // 30
df = df.dropna().reset_index(drop=True)

features = ["price_lag_48", "price_lag_336", "demand_lag_48", "price_roll_max_48", "slot", "wind_forecast"]
X, y = df[features], df["price"]

tscv = TimeSeriesSplit(n_splits=8, gap=48)
model = make_pipeline(StandardScaler(), ElasticNet(alpha=0.01, l1_ratio=0.5, max_iter=5000))
mae = -cross_val_score(model, X, y, cv=tscv, scoring="neg_mean_absolute_error")
for i, m in enumerate(mae):
    print(f"fold {i}: MAE {m:.2f}")
print("mean MAE", np.mean(mae))
