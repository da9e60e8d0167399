#!/usr/bin/env python
# coding: utf-8

# # Activity recognition from wrist accelerometer: leave-one-subject-out
# 
# 30 volunteers, 6 activities. Windows of 2.56 s (50% overlap) were turned into features in the
# previous notebook; overlapping windows of the same person are near-duplicates, so evaluation
# holds out whole subjects.

# In[1]:


import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, ConfusionMatrixDisplay


# In[2]:


win = pd.read_parquet("har_windows_features.parquet")
win.groupby("subject").size().describe()


# In[3]:


feature_cols = [c for c in win.columns if c.startswith(("acc_", "gyro_"))]
X = win[feature_cols]
y = win["activity"]
subjects = win["subject"]


# In[4]:


model = make_pipeline(StandardScaler(), RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0))
logo = LeaveOneGroupOut()
pred = cross_val_predict(model, X, y, groups=subjects, cv=logo, n_jobs=-1)
print("LOSO accuracy:", round(accuracy_score(y, pred), 4))


# In[5]:


per_subject = pd.Series(pred == y.to_numpy()).groupby(subjects.to_numpy()).mean()
per_subject.sort_values().plot.bar(figsize=(10, 3), title="accuracy per held-out subject")


# In[6]:


ConfusionMatrixDisplay.from_predictions(y, pred, xticks_rotation=45)
plt.show()

