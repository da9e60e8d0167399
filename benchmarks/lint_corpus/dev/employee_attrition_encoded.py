#!/usr/bin/env python
# coding: utf-8

# # IBM HR attrition - XGBoost with SHAP

# In[1]:


import pandas as pd
import numpy as np
import shap
from xgboost import XGBClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score


# In[2]:


hr = pd.read_csv("data/WA_Fn-UseC_-HR-Employee-Attrition.csv")
hr = hr.drop(columns=["EmployeeCount", "Over18", "StandardHours", "EmployeeNumber"])
hr["Attrition_Flag"] = (hr["Attrition"] == "Yes").astype(int)
hr["Attrition_Flag"].mean()


# In[3]:


X = pd.get_dummies(hr.drop(columns=["Attrition"]), drop_first=True)
y = hr["Attrition_Flag"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)


# In[4]:


model = XGBClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, eval_metric="logloss")
model.fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))


# In[5]:


explainer = shap.TreeExplainer(model)
shap_values = explainer.shap_values(X_test)
shap.summary_plot(shap_values, X_test, max_display=15)

