import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

trips = pd.read_parquet("data/yellow_tripdata_2023.parquet", columns=["tpep_pickup_datetime", "PULocationID"])
trips["tpep_pickup_datetime"] = pd.to_datetime(trips["tpep_pickup_datetime"])

# pickups per hour in Manhattan midtown zones
midtown = trips[trips["PULocationID"].isin([161, 162, 163, 164, 230])]
hourly = midtown.resample("h", on="tpep_pickup_datetime").size().rename("pickups").to_frame()
hourly["hour"] = hourly.index.hour
hourly["dow"] = hourly.index.dayofweek
hourly["lag_1"] = hourly["pickups"].shift(1)
hourly["lag_24"] = hourly["pickups"].shift(24)
hourly["lag_168"] = hourly["pickups"].shift(168)
hourly["rolling_mean_24"] = hourly["pickups"].shift(1).rolling(24).mean()
hourly = hourly.dropna()

X = hourly.drop(columns="pickups")
y = hourly["pickups"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)

gbr = GradientBoostingRegressor(n_estimators=600, max_depth=4, learning_rate=0.05, subsample=0.8)
gbr.fit(X_train, y_train)
print("MAE:", round(mean_absolute_error(y_test, gbr.predict(X_test)), 2))
print("naive lag-24 MAE:", round(mean_absolute_error(y_test, X_test["lag_24"]), 2))
