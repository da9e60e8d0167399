#!/usr/bin/env python
# coding: utf-8

# # Diabetes 130-US hospitals: 30-day readmission
# 
# Each row is an encounter; `patient_nbr` identifies the patient.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score, recall_score


# In[2]:


enc = pd.read_csv("data/diabetic_data.csv", na_values="?")
print(len(enc), "encounters,", enc["patient_nbr"].nunique(), "patients")
enc["readmitted_30"] = (enc["readmitted"] == "<30").astype(int)
enc["readmitted_30"].mean()


# In[3]:


enc.groupby("patient_nbr").size().describe()


# In[4]:


keep = ["race", "gender", "age", "admission_type_id", "discharge_disposition_id", "time_in_hospital",
        "num_lab_procedures", "num_procedures", "num_medications", "number_outpatient",
        "number_emergency", "number_inpatient", "number_diagnoses", "A1Cresult", "insulin", "diabetesMed"]
data = pd.get_dummies(enc[keep + ["readmitted_30"]], drop_first=True)


# In[5]:


positives = data[data["readmitted_30"] == 1]
data = pd.concat([data, positives, positives], ignore_index=True)
data["readmitted_30"].mean()


# In[6]:


X = data.drop(columns="readmitted_30")
y = data["readmitted_30"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)


# In[7]:


forest = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, n_jobs=-1, random_state=5)
forest.fit(X_train, y_train)
proba = forest.predict_proba(X_test)[:, 1]
print("AUC", roc_auc_score(y_test, proba))
print("recall", recall_score(y_test, proba > 0.5))

