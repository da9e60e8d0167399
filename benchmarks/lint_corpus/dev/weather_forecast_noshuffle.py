#!/usr/bin/env python
# coding: utf-8

# # Next-day max temperature, Seattle

# In[1]:


import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error


# In[2]:


weather = pd.read_csv("data/seattle-weather.csv", parse_dates=["date"]).sort_values("date")
weather = weather.set_index("date")
weather.head()


# In[3]:


df = pd.DataFrame(index=weather.index)
df["tmax_next"] = weather["temp_max"].shift(-1)
df["tmax"] = weather["temp_max"]
df["tmin"] = weather["temp_min"]
df["precip"] = weather["precipitation"]
df["wind"] = weather["wind"]
df["tmax_lag1"] = weather["temp_max"].shift(1)
df["tmax_roll7"] = weather["temp_max"].rolling(7).mean()
df["tmax_expanding"] = weather["temp_max"].expanding().mean()
df["doy_sin"] = np.sin(2 * np.pi * df.index.dayofyear / 365.25)
df = df.dropna()


# In[4]:


X = df.drop(columns="tmax_next")
y = df["tmax_next"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)
print(X_train.index.max(), "<", X_test.index.min())


# In[5]:


rf = RandomForestRegressor(n_estimators=400, min_samples_leaf=3, random_state=0).fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, rf.predict(X_test)))
print("persistence MAE:", mean_absolute_error(y_test, X_test["tmax"]))

