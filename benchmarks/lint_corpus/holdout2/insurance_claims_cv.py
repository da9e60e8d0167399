#!/usr/bin/env python
# coding: utf-8

# # Claim severity model: large-loss flag
# 
# Claims from the motor book (one row per claim). A claim is "large" above 25k.
# We check how well the first-notice-of-loss fields separate large losses.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import cross_val_score


# In[2]:


claims = pd.read_csv("fnol_claims.csv")
claims["large_loss"] = (claims["incurred"] > 25_000).astype(int)
claims.shape, claims["large_loss"].mean()


# In[3]:


per_holder = claims.groupby("policy_holder_id").size()
per_holder.describe()


# In[4]:


(per_holder > 1).mean()


# About a quarter of policy holders have more than one claim in the period.

# In[5]:


num_cols = ["driver_age", "vehicle_value", "vehicle_age", "annual_mileage", "bonus_malus", "n_parties", "reported_delay_days"]
cat_cols = ["cover_type", "region", "vehicle_group", "claim_cause", "injury_reported"]
X = claims[num_cols + cat_cols]
y = claims["large_loss"]


# In[6]:


pre = ColumnTransformer([
    ("num", StandardScaler(), num_cols),
    ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), cat_cols),
])
model = Pipeline([("pre", pre), ("hgb", HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05))])


# In[7]:


auc = cross_val_score(model, X, y, cv=5, scoring="roc_auc")
print(auc.round(3), auc.mean().round(3))

