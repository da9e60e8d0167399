#!/usr/bin/env python
"""Delivery-delay regressor: grid search with CV on the training split, one evaluation on the held-out split."""
import argparse

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.impute import SimpleImputer

NUMERIC = ["distance_km", "items", "basket_value", "courier_load", "hour", "rain_mm"]
CATEGORICAL = ["city", "vehicle", "weekday"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="deliveries_features.csv")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    df = pd.read_csv(args.data)
    X, y = df[NUMERIC + CATEGORICAL], df["delay_minutes"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=args.seed)

    pre = ColumnTransformer([
        ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
    pipe = Pipeline([("pre", pre), ("gbr", GradientBoostingRegressor(random_state=args.seed))])
    grid = {
        "gbr__n_estimators": [200, 500, 1000],
        "gbr__max_depth": [2, 3, 5],
        "gbr__learning_rate": [0.02, 0.05, 0.1],
    }
    search = GridSearchCV(pipe, grid, cv=KFold(5, shuffle=True, random_state=args.seed),
                          scoring="neg_mean_absolute_error", n_jobs=-1, refit=True)
    search.fit(X_train, y_train)
    print("best params", search.best_params_, "CV MAE", round(-search.best_score_, 3))

    train_mae = mean_absolute_error(y_train, search.predict(X_train))
    test_mae = mean_absolute_error(y_test, search.predict(X_test))
    print(f"train MAE {train_mae:.3f} (for the overfitting check)  test MAE {test_mae:.3f}")
    joblib.dump(search.best_estimator_, "delay_model.joblib")


if __name__ == "__main__":
    main()
