"""Parkinson's detection from sustained-phonation voice measures (UCI 'parkinsons' data).

Leave-one-out estimate of an RBF-SVM, as in the original paper's small-sample setting.
"""
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import LeaveOneOut, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("data/parkinsons.data")
# name looks like phon_R01_S01_1: recording 1 of subject S01
df["subject"] = df["name"].str.rsplit("_", n=1).str[0]
print(len(df), "recordings from", df["subject"].nunique(), "subjects")
print(df.groupby("subject").size().describe())

X = df.drop(columns=["name", "subject", "status"]).to_numpy()
y = df["status"].to_numpy()

pipe = make_pipeline(StandardScaler(), SVC(C=10.0, gamma="scale", class_weight="balanced"))
loo = LeaveOneOut()
pred = cross_val_predict(pipe, X, y, cv=loo, n_jobs=-1)

print("LOO accuracy:", round(accuracy_score(y, pred), 3))
print("LOO F1:      ", round(f1_score(y, pred), 3))
print(confusion_matrix(y, pred))
