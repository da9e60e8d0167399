#!/usr/bin/env python
# coding: utf-8

# # Insurance claim severity per claim
# 
# `claims` table: one row per claim; many policyholders file several claims.

# In[1]:


import sqlite3
import pandas as pd
import numpy as np
from sklearn.model_selection import ShuffleSplit
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error


# In[2]:


con = sqlite3.connect("data/claims.db")
claims = pd.read_sql_query("""
    SELECT c.claim_id, c.customer_id, c.claim_type, c.vehicle_age, c.driver_age, c.region,
           c.prior_claims, c.policy_tenure_years, c.severity
    FROM claims c JOIN policies p ON p.policy_id = c.policy_id
    WHERE p.product = 'motor'
""", con)
claims.groupby("customer_id")["claim_id"].count().value_counts().sort_index()


# In[3]:


claims = pd.get_dummies(claims, columns=["claim_type", "region"])
feature_cols = [c for c in claims.columns if c not in ("claim_id", "customer_id", "severity")]
y_sev = np.log1p(claims["severity"])


# In[4]:


splitter = ShuffleSplit(n_splits=5, test_size=0.2, random_state=0)
maes = []
for fit_idx, eval_idx in splitter.split(claims):
    forest = RandomForestRegressor(n_estimators=300, min_samples_leaf=5, n_jobs=-1, random_state=0)
    forest.fit(claims.iloc[fit_idx][feature_cols], y_sev.iloc[fit_idx])
    maes.append(mean_absolute_error(y_sev.iloc[eval_idx], forest.predict(claims.iloc[eval_idx][feature_cols])))
np.mean(maes)

