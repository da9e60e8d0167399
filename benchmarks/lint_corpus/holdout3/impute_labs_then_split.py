# Sepsis-at-admission classifier from the first lab panel.
# Lab values are missing for 5-40% of admissions; fill them with MICE (IterativeImputer) first.
import numpy as np
import pandas as pd
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

labs = pd.read_csv("first_panel.csv")
assert labs["admission_id"].is_unique
LAB_COLS = ["lactate", "wbc", "crp", "pct", "creatinine", "bilirubin", "platelets", "sodium", "glucose"]
VITAL_COLS = ["hr", "rr", "temp", "sbp", "spo2", "age"]

print(labs[LAB_COLS].isna().mean().round(2))

imputer = IterativeImputer(max_iter=15, sample_posterior=False, random_state=0)
labs[LAB_COLS] = imputer.fit_transform(labs[LAB_COLS + VITAL_COLS])[:, :len(LAB_COLS)]

X = labs[LAB_COLS + VITAL_COLS]
y = labs["sepsis"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

scaler = StandardScaler().fit(X_tr)
clf = LogisticRegression(C=0.5, max_iter=3000).fit(scaler.transform(X_tr), y_tr)
print("test AUC", round(roc_auc_score(y_te, clf.predict_proba(scaler.transform(X_te))[:, 1]), 4))
