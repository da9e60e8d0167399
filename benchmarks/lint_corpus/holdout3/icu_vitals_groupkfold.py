#!/usr/bin/env python
# coding: utf-8

# # Deterioration within 12 h from ward vitals
# Each row is a 4-hour vitals summary of one admission; patients can have several admissions.

# In[1]:


import numpy as np
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.impute import KNNImputer
from sklearn.preprocessing import RobustScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict
from sklearn.metrics import roc_auc_score, average_precision_score


# In[2]:


vitals = pd.read_parquet('ward_vitals_4h.parquet')
print(vitals.shape, vitals.patient_id.nunique(), 'patients', vitals.admission_id.nunique(), 'admissions')


# In[3]:


features = ['hr_mean', 'hr_max', 'rr_mean', 'rr_max', 'spo2_min', 'sbp_min', 'temp_max', 'gcs_min', 'o2_flow', 'age']
X = vitals[features]
y = vitals['deteriorated_12h']
groups = vitals['patient_id']


# In[4]:


model = make_pipeline(KNNImputer(n_neighbors=10), RobustScaler(), LogisticRegression(C=0.2, max_iter=3000, class_weight='balanced'))
cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)
oof = cross_val_predict(model, X, y, groups=groups, cv=cv, method='predict_proba')[:, 1]


# In[5]:


print('AUROC', round(roc_auc_score(y, oof), 3), ' AUPRC', round(average_precision_score(y, oof), 3))

