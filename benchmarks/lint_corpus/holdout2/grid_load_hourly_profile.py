#!/usr/bin/env python
# coding: utf-8

# # Day-ahead load model, zone 4
# 
# Hourly load (MW) for one balancing zone, 2018-2023. The model predicts each hour's load from calendar
# features, temperature forecasts and the typical profile for that hour of the week.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error


# In[2]:


load = pd.read_csv("zone4_hourly_load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
temps = pd.read_csv("zone4_temp_forecast.csv", parse_dates=["timestamp"])
df = load.merge(temps, on="timestamp", how="inner").set_index("timestamp")
df.head()


# In[3]:


df["hour"] = df.index.hour
df["dow"] = df.index.dayofweek
df["month"] = df.index.month
df["hdd"] = (18 - df["temp_fc"]).clip(lower=0)
df["cdd"] = (df["temp_fc"] - 22).clip(lower=0)


# Typical weekly shape: the average load for each (day of week, hour) slot.

# In[4]:


df["profile_mw"] = df.groupby(["dow", "hour"])["load_mw"].transform("mean")
df["load_lag_168"] = df["load_mw"].shift(168)
df = df.dropna()


# In[5]:


train = df[df.index < "2023-01-01"]
test = df[df.index >= "2023-01-01"]
features = ["hour", "dow", "month", "temp_fc", "hdd", "cdd", "profile_mw", "load_lag_168"]


# In[6]:


gbr = GradientBoostingRegressor(n_estimators=600, max_depth=4, learning_rate=0.05, subsample=0.8, random_state=4)
gbr.fit(train[features], train["load_mw"])
mape = mean_absolute_percentage_error(test["load_mw"], gbr.predict(test[features]))
print(f"2023 MAPE: {mape:.2%}")

