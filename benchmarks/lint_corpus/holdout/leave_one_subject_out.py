"""Parkinson's voice data evaluated leaving out one subject at a time."""
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVC

voice = pd.read_csv("data/parkinsons.data")
subject = voice["name"].str.extract(r"_S(\d+)_")[0]
print(subject.nunique(), "subjects,", len(voice), "recordings")

X_voice = voice.drop(columns=["name", "status"]).to_numpy()
y_voice = voice["status"].to_numpy()

svc = make_pipeline(MinMaxScaler(), SVC(C=10, gamma=0.5))
logo_pred = cross_val_predict(svc, X_voice, y_voice, groups=subject, cv=LeaveOneGroupOut())
print("leave-one-subject-out accuracy:", round(accuracy_score(y_voice, logo_pred), 3))

per_subject = pd.Series(logo_pred == y_voice).groupby(subject.to_numpy()).mean()
print(per_subject.describe())
