# citywide_bike_demand_kfold.py
# Daily trip counts for the whole bike-share network, 2019-2023, joined with daily weather.
# Evaluates a random forest with 5-fold CV and writes the fold scores to results/.
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import KFold, cross_val_score

DATA = os.environ.get("BIKE_DATA", "data/daily_trips.csv")
WEATHER = os.environ.get("WEATHER_DATA", "data/daily_weather.csv")
SEED = 2024


def load():
    trips = pd.read_csv(DATA, parse_dates=["day"])
    weather = pd.read_csv(WEATHER, parse_dates=["day"])
    df = trips.merge(weather, on="day", how="left").sort_values("day").reset_index(drop=True)
    return df


def add_features(df):
    df = df.copy()
    df["dow"] = df["day"].dt.dayofweek
    df["month"] = df["day"].dt.month
    df["is_weekend"] = (df["dow"] >= 5).astype(int)
    df["trips_lag1"] = df["trips"].shift(1)
    df["trips_lag7"] = df["trips"].shift(7)
    df["trips_mean7"] = df["trips"].shift(1).rolling(7).mean()
    df["temp_range"] = df["tmax"] - df["tmin"]
    return df.dropna().reset_index(drop=True)


FEATURES = ["dow", "month", "is_weekend", "trips_lag1", "trips_lag7", "trips_mean7",
            "tmax", "tmin", "temp_range", "precip_mm", "wind_kmh", "is_holiday"]


def main():
    df = add_features(load())
    print(f"{len(df)} days from {df['day'].min():%Y-%m-%d} to {df['day'].max():%Y-%m-%d}")
    X, y = df[FEATURES], df["trips"]

    model = RandomForestRegressor(n_estimators=500, min_samples_leaf=2, n_jobs=-1, random_state=SEED)
    cv = KFold(n_splits=5, shuffle=True, random_state=SEED)
    scores = -cross_val_score(model, X, y, cv=cv, scoring="neg_mean_absolute_error")
    print("MAE per fold:", np.round(scores, 1))
    print(f"MAE {scores.mean():.1f} +/- {scores.std():.1f} trips/day")

    os.makedirs("results", exist_ok=True)
    pd.DataFrame({"fold": range(1, 6), "mae": scores}).to_csv("results/bike_rf_cv.csv", index=False)


if __name__ == "__main__":
    main()
