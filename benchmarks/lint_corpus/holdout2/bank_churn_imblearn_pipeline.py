"""Bank customer churn (Churn_Modelling.csv): SMOTE inside an imblearn pipeline, CV on train, one test score.

python bank_churn_imblearn_pipeline.py --data data/Churn_Modelling.csv
"""
import argparse

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUM = ["CreditScore", "Age", "Tenure", "Balance", "NumOfProducts", "HasCrCard", "IsActiveMember", "EstimatedSalary"]
CAT = ["Geography", "Gender"]


def build_pipeline(seed):
    pre = ColumnTransformer([
        ("num", StandardScaler(), NUM),
        ("cat", OneHotEncoder(drop="if_binary"), CAT),
    ])
    return Pipeline([
        ("pre", pre),
        ("smote", SMOTE(random_state=seed)),
        ("rf", RandomForestClassifier(n_estimators=400, min_samples_leaf=4, n_jobs=-1, random_state=seed)),
    ])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/Churn_Modelling.csv")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    df = pd.read_csv(args.data)
    assert df["CustomerId"].is_unique, "expected one row per customer"
    X, y = df[NUM + CAT], df["Exited"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=args.seed)

    pipe = build_pipeline(args.seed)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    res = cross_validate(pipe, X_train, y_train, cv=cv, scoring=["roc_auc", "f1"])
    print(f"CV AUC {np.mean(res['test_roc_auc']):.3f}  CV F1 {np.mean(res['test_f1']):.3f}")

    pipe.fit(X_train, y_train)
    proba = pipe.predict_proba(X_test)[:, 1]
    print(f"test AUC {roc_auc_score(y_test, proba):.3f}  test F1 {f1_score(y_test, proba > 0.5):.3f}")


if __name__ == "__main__":
    main()
