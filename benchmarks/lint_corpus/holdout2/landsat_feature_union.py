"""Land-cover classification on the Statlog (Landsat Satellite) data.

Builds a PCA + univariate-selection feature union, then trains an RBF SVM.
"""
import logging

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.metrics import accuracy_score, classification_report
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(__name__)

CLASSES = {1: "red soil", 2: "cotton crop", 3: "grey soil", 4: "damp grey soil", 5: "vegetation stubble", 7: "very damp grey soil"}


def read_statlog(*paths):
    frames = [pd.read_csv(p, sep=" ", header=None) for p in paths]
    data = pd.concat(frames, ignore_index=True)
    return data.iloc[:, :-1].to_numpy(dtype=float), data.iloc[:, -1].to_numpy()


def feature_builder(n_components=12, k=16):
    return Pipeline([
        ("scale", StandardScaler()),
        ("union", FeatureUnion([
            ("pca", PCA(n_components=n_components, random_state=0)),
            ("kbest", SelectKBest(f_classif, k=k)),
        ])),
    ])


def main():
    # the UCI distribution ships sat.trn and sat.tst; we pool them and make our own split
    X, y = read_statlog("data/sat.trn", "data/sat.tst")
    log.info("pooled %d pixels, %d features", *X.shape)

    fb = feature_builder()
    Z = fb.fit(X, y).transform(X)
    Z_train, Z_test, y_train, y_test = train_test_split(Z, y, test_size=0.3, stratify=y, random_state=0)

    svm = SVC(C=10.0, gamma="scale")
    svm.fit(Z_train, y_train)
    pred = svm.predict(Z_test)
    log.info("test accuracy %.4f", accuracy_score(y_test, pred))
    print(classification_report(y_test, pred, target_names=[CLASSES[c] for c in sorted(CLASSES)]))


if __name__ == "__main__":
    main()
