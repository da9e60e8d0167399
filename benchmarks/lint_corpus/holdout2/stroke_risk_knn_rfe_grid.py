"""Stroke risk model: KNN imputation, variance filter, RFE and a tuned logistic regression, all in one pipeline.

Usage: python stroke_risk_knn_rfe_grid.py healthcare-dataset-stroke-data.csv
"""
import sys

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_selection import RFE, VarianceThreshold
from sklearn.impute import KNNImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUM = ["age", "avg_glucose_level", "bmi"]
BIN = ["hypertension", "heart_disease"]
CAT = ["gender", "ever_married", "work_type", "Residence_type", "smoking_status"]


def make_search():
    pre = ColumnTransformer([
        ("num", Pipeline([("knn", KNNImputer(n_neighbors=10)), ("sc", StandardScaler())]), NUM),
        ("bin", "passthrough", BIN),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CAT),
    ])
    pipe = Pipeline([
        ("pre", pre),
        ("var", VarianceThreshold(threshold=0.01)),
        ("rfe", RFE(LogisticRegression(max_iter=2000), n_features_to_select=8)),
        ("clf", LogisticRegression(max_iter=2000, class_weight="balanced")),
    ])
    grid = {
        "pre__num__knn__n_neighbors": [5, 10, 25],
        "rfe__n_features_to_select": [6, 8, 12],
        "clf__C": [0.01, 0.1, 1.0],
    }
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
    return GridSearchCV(pipe, grid, cv=cv, scoring="average_precision", n_jobs=-1)


def main(path):
    df = pd.read_csv(path)
    assert df["id"].is_unique
    X, y = df[NUM + BIN + CAT], df["stroke"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)

    search = make_search().fit(X_train, y_train)
    print("best params:", search.best_params_)
    print(f"CV average precision: {search.best_score_:.3f}")

    p = search.predict_proba(X_test)[:, 1]
    print(f"test: AUC {roc_auc_score(y_test, p):.3f}, average precision {average_precision_score(y_test, p):.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
