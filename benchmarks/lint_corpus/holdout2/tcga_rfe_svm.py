"""Basal-like vs other BRCA subtypes from RNA-seq, with recursive feature elimination.

Inputs: data/brca_expression.csv (TCGA barcodes x genes, upper-quartile FPKM), data/brca_pam50.csv.
"""
import numpy as np
import pandas as pd
from sklearn.feature_selection import RFE
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC, SVC

expr = pd.read_csv("data/brca_expression.csv", index_col=0)
pam50 = pd.read_csv("data/brca_pam50.csv", index_col=0)["subtype"]

# primary tumours only (sample type 01), one aliquot per patient
expr = expr[expr.index.str[13:15] == "01"]
expr = expr[~expr.index.str[:12].duplicated()]
assert expr.index.str[:12].is_unique
expr = expr.loc[expr.index.intersection(pam50.index)]

X = np.log2(expr + 1.0)
y = (pam50.loc[X.index] == "Basal").astype(int).to_numpy()
print(X.shape, "basal fraction", y.mean().round(3))

rfe = RFE(LinearSVC(C=0.01, dual=False, max_iter=10000), n_features_to_select=50, step=0.1)
rfe.fit(X, y)
genes = X.columns[rfe.support_]
print("selected:", ", ".join(genes[:15]), "...")

clf = make_pipeline(StandardScaler(), SVC(kernel="linear", C=0.1))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
auc = cross_val_score(clf, X[genes], y, cv=cv, scoring="roc_auc")
print(f"5-fold AUC with {len(genes)} genes: {auc.mean():.3f} +/- {auc.std():.3f}")
