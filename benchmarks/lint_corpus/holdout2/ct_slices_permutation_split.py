"""Nodule malignancy from per-slice radiomics features.

features/slices.csv has one row per CT slice through a nodule, with the scan's patient_id,
the slice index and ~100 PyRadiomics features; the label is the nodule's pathology result.
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

np.random.seed(7)

meta = pd.read_csv("features/slices.csv")
feat_cols = [c for c in meta.columns if c.startswith("original_")]
print(f"{len(meta)} slices, {meta['patient_id'].nunique()} patients, "
      f"{meta.groupby('patient_id').size().median():.0f} slices per patient (median)")

X = meta[feat_cols].to_numpy(dtype=np.float32)
y = meta["malignant"].to_numpy()

idx = np.random.permutation(len(meta))
n_test = int(0.2 * len(idx))
test_idx, train_idx = idx[:n_test], idx[n_test:]

clf = ExtraTreesClassifier(n_estimators=800, max_features="sqrt", min_samples_leaf=2, n_jobs=-1, random_state=7)
clf.fit(X[train_idx], y[train_idx])

proba = clf.predict_proba(X[test_idx])[:, 1]
print("slice-level AUC:", round(roc_auc_score(y[test_idx], proba), 4))
print("balanced acc:   ", round(balanced_accuracy_score(y[test_idx], proba > 0.5), 4))
