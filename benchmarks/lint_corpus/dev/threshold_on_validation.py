#!/usr/bin/env python
# coding: utf-8

# # Customer attrition: choosing the threshold on a validation split

# In[1]:


import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score, precision_recall_curve


# In[2]:


hr = pd.read_csv("data/WA_Fn-UseC_-HR-Employee-Attrition.csv")
hr = hr.drop(columns=["EmployeeCount", "Over18", "StandardHours", "EmployeeNumber"])
y = (hr.pop("Attrition") == "Yes").astype(int)
X = pd.get_dummies(hr, drop_first=True)


# In[3]:


X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=17)
X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=17)


# In[4]:


gbc = GradientBoostingClassifier(n_estimators=200, max_depth=3, random_state=17).fit(X_train, y_train)
precision, recall, thresholds = precision_recall_curve(y_val, gbc.predict_proba(X_val)[:, 1])
f1 = 2 * precision * recall / (precision + recall + 1e-12)
threshold = thresholds[np.argmax(f1[:-1])]
print("threshold chosen on validation:", round(threshold, 3))


# In[5]:


test_pred = gbc.predict_proba(X_test)[:, 1] >= threshold
print("test F1:", round(f1_score(y_test, test_pred), 4))

