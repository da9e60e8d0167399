"""Compare candidate feature sets for the churn model and keep the best one.

Usage: python feature_set_experiments.py data/churn_features.parquet
"""
import sys
from typing import Dict, List

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

FEATURE_SETS: Dict[str, List[str]] = {
    "usage": ["minutes_month", "data_gb_month", "sms_month"],
    "usage+billing": ["minutes_month", "data_gb_month", "sms_month", "monthly_fee", "late_payments"],
    "usage+billing+support": ["minutes_month", "data_gb_month", "sms_month", "monthly_fee", "late_payments",
                              "tickets_90d", "avg_ticket_hours"],
    "all": None,
}


class FeatureSetExperiment:
    def __init__(self, frame: pd.DataFrame, label: str = "churned", seed: int = 13):
        self.label = label
        self.seed = seed
        self.train, self.holdout = train_test_split(frame, test_size=0.2, stratify=frame[label], random_state=seed)
        self.results: Dict[str, float] = {}

    def columns(self, name: str) -> List[str]:
        cols = FEATURE_SETS[name]
        return cols if cols is not None else [c for c in self.train.columns if c not in (self.label, "account_id")]

    def run(self, name: str) -> float:
        cols = self.columns(name)
        model = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=self.seed, n_jobs=-1)
        model.fit(self.train[cols], self.train[self.label])
        score = roc_auc_score(self.holdout[self.label], model.predict_proba(self.holdout[cols])[:, 1])
        self.results[name] = score
        return score

    def best(self) -> str:
        return max(self.results, key=self.results.get)


if __name__ == "__main__":
    frame = pd.read_parquet(sys.argv[1] if len(sys.argv) > 1 else "data/churn_features.parquet")
    exp = FeatureSetExperiment(frame)
    for name in FEATURE_SETS:
        print(f"{name:28s} AUC={exp.run(name):.4f}")
    winner = exp.best()
    print("selected feature set:", winner, "holdout AUC:", round(exp.results[winner], 4))
