"""Train the upsell propensity model.

Usage: python train_propensity.py --config configs/propensity.yaml
"""
from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import yaml
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

log = logging.getLogger("propensity")

DEFAULT_CONFIG = {
    "data_path": "data/accounts_snapshot.parquet",
    "target": "upgraded_90d",
    "id_col": "account_id",
    "test_size": 0.2,
    "seed": 1234,
    "models": {
        "logreg": {"C": 0.3, "max_iter": 2000},
        "rf": {"n_estimators": 500, "min_samples_leaf": 10},
        "gbm": {"n_estimators": 300, "learning_rate": 0.05, "max_depth": 3},
    },
    "out_dir": "artifacts/propensity",
}

MODEL_FACTORY = {
    "logreg": LogisticRegression,
    "rf": RandomForestClassifier,
    "gbm": GradientBoostingClassifier,
}


def load_config(path: str | None) -> dict:
    cfg = dict(DEFAULT_CONFIG)
    if path:
        cfg.update(yaml.safe_load(Path(path).read_text()))
    return cfg


def load_data(cfg: dict) -> pd.DataFrame:
    df = pd.read_parquet(cfg["data_path"])
    log.info("loaded %d rows, %d cols", *df.shape)
    return df.drop_duplicates(cfg["id_col"])


def prepare(df: pd.DataFrame, cfg: dict) -> tuple[pd.DataFrame, pd.Series, StandardScaler]:
    y = df[cfg["target"]].astype(int)
    X = df.drop(columns=[cfg["target"], cfg["id_col"]])
    X = pd.get_dummies(X, columns=X.select_dtypes("object").columns.tolist(), dummy_na=True)
    num_cols = X.select_dtypes("number").columns
    X[num_cols] = X[num_cols].fillna(0)
    scaler = StandardScaler()
    X[num_cols] = scaler.fit_transform(X[num_cols])
    return X, y, scaler


class Trainer:
    def __init__(self, name: str, params: dict, seed: int):
        self.name = name
        self.model = MODEL_FACTORY[name](**params, random_state=seed)

    def fit(self, X: pd.DataFrame, y: pd.Series) -> "Trainer":
        self.model.fit(X, y)
        return self

    def evaluate(self, X: pd.DataFrame, y: pd.Series) -> dict:
        p = self.model.predict_proba(X)[:, 1]
        return {"auc": roc_auc_score(y, p), "ap": average_precision_score(y, p)}

    def save(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.model, out_dir / f"{self.name}.joblib")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    cfg = load_config(args.config)

    df = load_data(cfg)
    X, y, scaler = prepare(df, cfg)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=cfg["test_size"], stratify=y, random_state=cfg["seed"]
    )

    results = {}
    trainers = {}
    for name, params in cfg["models"].items():
        trainer = Trainer(name, params, cfg["seed"]).fit(X_train, y_train)
        results[name] = trainer.evaluate(X_test, y_test)
        trainers[name] = trainer
        log.info("%s: %s", name, results[name])

    best = max(results, key=lambda n: results[n]["auc"])
    out_dir = Path(cfg["out_dir"])
    trainers[best].save(out_dir)
    joblib.dump(scaler, out_dir / "scaler.joblib")
    (out_dir / "metrics.json").write_text(json.dumps({"model": best, **results[best]}, indent=2))
    log.info("selected %s (test AUC %.4f)", best, results[best]["auc"])


if __name__ == "__main__":
    main()
