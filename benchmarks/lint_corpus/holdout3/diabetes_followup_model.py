"""Predict diabetes at the 2-year follow-up from a routine visit (cohort: primary care, 2015-2021).

Each patient has one row per routine visit (median 4 visits). Run: python diabetes_followup_model.py
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import KFold
from sklearn.metrics import roc_auc_score, brier_score_loss

visits = pd.read_csv("visits_with_followup.csv")
print(visits.shape, "visits;", visits["patient_id"].nunique(), "patients")

visits["diabetic_2y"] = (visits["hba1c_followup"] >= 6.5).astype(int)
visits = visits[visits["hba1c"] < 6.5]   # only visits without diabetes at baseline

FEATURES = ["age", "sex_male", "bmi", "waist_cm", "sbp", "hba1c", "fasting_glucose", "triglycerides",
            "hdl", "smoker", "family_history", "statin", "hba1c_followup"]
X = visits[FEATURES].to_numpy()
y = visits["diabetic_2y"].to_numpy()

kf = KFold(n_splits=5, shuffle=True, random_state=2021)
oof = np.zeros(len(y))
for fold, (tr, va) in enumerate(kf.split(X)):
    rf = RandomForestClassifier(n_estimators=500, min_samples_leaf=20, n_jobs=-1, random_state=fold)
    rf.fit(np.nan_to_num(X[tr]), y[tr])
    oof[va] = rf.predict_proba(np.nan_to_num(X[va]))[:, 1]
    print(f"fold {fold}: AUC {roc_auc_score(y[va], oof[va]):.3f}")

print(f"OOF AUC {roc_auc_score(y, oof):.3f}  Brier {brier_score_loss(y, oof):.4f}")
