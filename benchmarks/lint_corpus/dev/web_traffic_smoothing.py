#!/usr/bin/env python
# coding: utf-8

# # Wikipedia page views - next-day forecast for one article

# In[1]:


import pandas as pd
import numpy as np
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error


# In[2]:


views = pd.read_csv("data/pageviews_Machine_learning.csv", parse_dates=["date"])
views = views.set_index("date").sort_index()["views"].asfreq("D")
views = views.fillna(0)
views.tail()


# In[3]:


frame = pd.DataFrame({"views": np.log1p(views)})
frame["lag_1"] = frame["views"].shift(1)
frame["lag_7"] = frame["views"].shift(7)
frame["smooth_7"] = frame["views"].rolling(7, center=True).mean()
frame["dow"] = frame.index.dayofweek
frame = frame.dropna()


# In[4]:


cutoff = "2023-01-01"
train, test = frame[frame.index < cutoff], frame[frame.index >= cutoff]
features = ["lag_1", "lag_7", "smooth_7", "dow"]
model = Ridge(alpha=1.0).fit(train[features], train["views"])
pred = model.predict(test[features])
print("MAE (log views):", mean_absolute_error(test["views"], pred))

