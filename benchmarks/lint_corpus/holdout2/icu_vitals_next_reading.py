"""Hypotension early warning: predict MAP < 65 in the next hour from the current vitals.

Input: vitals/hourly.parquet, one row per ICU stay and hour (stay_id, patient_id, hour_idx, vitals...).
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold

VITALS = ["heart_rate", "map", "sbp", "resp_rate", "spo2", "temp_c"]


def make_features(v):
    v = v.sort_values(["stay_id", "hour_idx"]).copy()
    g = v.groupby("stay_id")
    for col in VITALS:
        v[f"{col}_d1"] = g[col].diff()
        v[f"{col}_mean6"] = g[col].transform(lambda s: s.rolling(6, min_periods=1).mean())
    v["map_next"] = g["map"].shift(-1)
    v["hypotension_next"] = (v["map_next"] < 65).astype(int)
    v["hr_next"] = g["heart_rate"].shift(-1)
    v["shock_index"] = v["heart_rate"] / v["sbp"]
    return v.dropna(subset=["map_next"])


def main():
    v = pd.read_parquet("vitals/hourly.parquet")
    print(v["patient_id"].nunique(), "patients,", v["stay_id"].nunique(), "stays,", len(v), "hours")
    v = make_features(v)

    feats = VITALS + [f"{c}_d1" for c in VITALS] + [f"{c}_mean6" for c in VITALS] + ["hr_next", "shock_index"]
    X, y, groups = v[feats], v["hypotension_next"], v["patient_id"]

    aucs, aps = [], []
    for fold, (tr, te) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05)
        clf.fit(X.iloc[tr], y.iloc[tr])
        p = clf.predict_proba(X.iloc[te])[:, 1]
        aucs.append(roc_auc_score(y.iloc[te], p))
        aps.append(average_precision_score(y.iloc[te], p))
        print(f"fold {fold}: AUC {aucs[-1]:.3f} AP {aps[-1]:.3f}")
    print(f"mean AUC {np.mean(aucs):.3f}  mean AP {np.mean(aps):.3f}")


if __name__ == "__main__":
    main()
