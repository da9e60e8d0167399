#!/usr/bin/env python
# coding: utf-8

# # Telco customer churn
# 
# One row per customer (`customerID`). Baseline gradient boosting.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


# In[2]:


telco = pd.read_csv("data/WA_Fn-UseC_-Telco-Customer-Churn.csv")
telco["TotalCharges"] = pd.to_numeric(telco["TotalCharges"], errors="coerce").fillna(0)
telco.shape, telco["customerID"].is_unique


# In[3]:


def prepare_features(frame):
    frame = frame.copy()
    frame["Churn"] = (frame["Churn"] == "Yes").astype(int)
    cat_cols = frame.select_dtypes("object").columns.drop("customerID")
    frame = pd.get_dummies(frame, columns=list(cat_cols), drop_first=True)
    num_cols = ["tenure", "MonthlyCharges", "TotalCharges"]
    scaler = MinMaxScaler()
    frame[num_cols] = scaler.fit_transform(frame[num_cols])
    return frame


# In[4]:


data = prepare_features(telco)
X = data.drop(columns=["customerID", "Churn"])
y = data["Churn"]


# In[5]:


X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=11)


# In[6]:


model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05)
model.fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))

