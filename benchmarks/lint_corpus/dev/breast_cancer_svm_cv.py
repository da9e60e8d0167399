"""SVM baseline on the Wisconsin breast cancer data, 10-fold CV."""
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.model_selection import StratifiedKFold, cross_val_score

RANDOM_STATE = 0


def load_data():
    data = load_breast_cancer()
    return data.data, data.target, data.feature_names


def main():
    X, y, feature_names = load_data()
    print(f"{X.shape[0]} samples, {X.shape[1]} features, {y.mean():.2%} benign")

    X_scaled = StandardScaler().fit_transform(X)

    cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=RANDOM_STATE)
    for C in [0.1, 1.0, 10.0]:
        clf = SVC(kernel="rbf", C=C, gamma="scale")
        scores = cross_val_score(clf, X_scaled, y, cv=cv, scoring="roc_auc")
        print(f"C={C:>5}: AUC {scores.mean():.4f} +/- {scores.std():.4f}")


if __name__ == "__main__":
    main()
