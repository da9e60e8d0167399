"""Feature building for the insurance cross-sell model.

The FeatureBuilder keeps every learned statistic so the same transformation can be applied in production.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


class FeatureBuilder:
    def __init__(self, numeric: list[str], categorical: list[str], min_count: int = 50):
        self.numeric = numeric
        self.categorical = categorical
        self.min_count = min_count
        self.stats_: dict = {}

    def fit(self, frame: pd.DataFrame) -> "FeatureBuilder":
        self.stats_["mean"] = frame[self.numeric].mean().to_dict()
        self.stats_["std"] = frame[self.numeric].std().to_dict()
        self.stats_["median"] = frame[self.numeric].median().to_dict()
        self.stats_["levels"] = {
            c: frame[c].value_counts().loc[lambda s: s >= self.min_count].index.tolist() for c in self.categorical
        }
        return self

    def transform(self, frame: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame(index=frame.index)
        for c in self.numeric:
            x = frame[c].fillna(self.stats_["median"][c])
            out[c] = (x - self.stats_["mean"][c]) / self.stats_["std"][c]
        for c in self.categorical:
            for level in self.stats_["levels"][c]:
                out[f"{c}={level}"] = (frame[c] == level).astype(np.int8)
        return out

    def save(self, path: str) -> None:
        with open(path, "w") as fh:
            json.dump(self.stats_, fh)


if __name__ == "__main__":
    raw = pd.read_csv("data/health_insurance_cross_sell.csv")
    builder = FeatureBuilder(
        numeric=["Age", "Annual_Premium", "Vintage"],
        categorical=["Gender", "Region_Code", "Vehicle_Age", "Vehicle_Damage", "Policy_Sales_Channel"],
    ).fit(raw)
    builder.save("artifacts/feature_stats.json")

    is_test = np.random.default_rng(1).random(len(raw)) < 0.2
    tr, te = raw[~is_test], raw[is_test]
    lr = LogisticRegression(max_iter=2000, class_weight="balanced")
    lr.fit(builder.transform(tr), tr["Response"])
    print("test AUC:", round(roc_auc_score(te["Response"], lr.predict_proba(builder.transform(te))[:, 1]), 4))
