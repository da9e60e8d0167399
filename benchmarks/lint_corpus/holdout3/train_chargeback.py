"""Chargeback model training entry point (run by the nightly job)."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, asdict
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

logger = logging.getLogger(__name__)


@dataclass
class Config:
    data_path: str = "warehouse/chargebacks_labelled.parquet"
    label: str = "chargeback"
    # filled in by the disputes team after the fact -> never a feature
    post_outcome_cols: list = field(default_factory=lambda: ["dispute_reason", "chargeback_amount", "chargeback_date"])
    numeric: list = field(default_factory=lambda: ["amount", "account_age_days", "n_prev_orders", "ip_distance_km"])
    categorical: list = field(default_factory=lambda: ["payment_method", "country", "device_type"])
    learning_rates: tuple = (0.03, 0.1)
    max_leaf_nodes: tuple = (15, 31, 63)
    seed: int = 7
    out: str = "artifacts/chargeback"


def split_three_way(df: pd.DataFrame, cfg: Config):
    train, rest = train_test_split(df, test_size=0.3, stratify=df[cfg.label], random_state=cfg.seed)
    val, test = train_test_split(rest, test_size=0.5, stratify=rest[cfg.label], random_state=cfg.seed)
    return train, val, test


def build_pipeline(cfg: Config, lr: float, leaves: int) -> Pipeline:
    pre = ColumnTransformer([
        ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), cfg.numeric),
        ("cat", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=50), cfg.categorical),
    ])
    clf = HistGradientBoostingClassifier(learning_rate=lr, max_leaf_nodes=leaves, max_iter=1000,
                                         early_stopping=True, validation_fraction=0.1, random_state=cfg.seed)
    return Pipeline([("pre", pre), ("clf", clf)])


class Trainer:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.history: list[dict] = []

    def features(self, df: pd.DataFrame) -> pd.DataFrame:
        return df[self.cfg.numeric + self.cfg.categorical]

    def select(self, train: pd.DataFrame, val: pd.DataFrame) -> Pipeline:
        best, best_ap = None, -np.inf
        for lr in self.cfg.learning_rates:
            for leaves in self.cfg.max_leaf_nodes:
                pipe = build_pipeline(self.cfg, lr, leaves).fit(self.features(train), train[self.cfg.label])
                ap = average_precision_score(val[self.cfg.label], pipe.predict_proba(self.features(val))[:, 1])
                self.history.append({"lr": lr, "leaves": leaves, "val_ap": ap})
                if ap > best_ap:
                    best, best_ap = pipe, ap
        return best

    def final_report(self, model: Pipeline, test: pd.DataFrame) -> dict:
        p = model.predict_proba(self.features(test))[:, 1]
        return {"test_auc": roc_auc_score(test[self.cfg.label], p), "test_ap": average_precision_score(test[self.cfg.label], p)}


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    cfg = Config()
    df = pd.read_parquet(cfg.data_path).drop(columns=cfg.post_outcome_cols)
    train, val, test = split_three_way(df, cfg)
    trainer = Trainer(cfg)
    model = trainer.select(train, val)
    report = trainer.final_report(model, test)
    logger.info("validation history: %s", trainer.history)
    logger.info("test: %s", report)
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out / "model.joblib")
    (out / "report.json").write_text(json.dumps({"config": asdict(cfg), **report}, indent=2, default=str))


if __name__ == "__main__":
    main()
