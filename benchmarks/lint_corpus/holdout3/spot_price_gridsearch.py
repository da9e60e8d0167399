#!/usr/bin/env python
# coding: utf-8

# # Day-ahead spot price (hourly) – tuned random forest

# In[1]:


import pandas as pd
import numpy as np
from sklearn.model_selection import KFold, GridSearchCV
from sklearn.ensemble import RandomForestRegressor


# In[2]:


prices = pd.read_csv('spot_prices_hourly.csv', parse_dates=['hour_utc'])
prices = prices.sort_values('hour_utc').set_index('hour_utc')
prices.index.min(), prices.index.max(), prices.index.is_monotonic_increasing


# In[3]:


prices['hour'] = prices.index.hour
prices['dow'] = prices.index.dayofweek
prices['price_lag24'] = prices['price_eur_mwh'].shift(24)
prices['price_lag168'] = prices['price_eur_mwh'].shift(168)
prices['load_fc_ratio'] = prices['load_forecast_mw'] / prices['load_forecast_mw'].shift(24)
prices = prices.dropna()


# In[4]:


features = ['hour', 'dow', 'price_lag24', 'price_lag168', 'load_forecast_mw', 'wind_forecast_mw', 'solar_forecast_mw', 'load_fc_ratio', 'gas_price']
X, y = prices[features], prices['price_eur_mwh']


# In[5]:


cv = KFold(n_splits=5, shuffle=True, random_state=0)
search = GridSearchCV(RandomForestRegressor(n_jobs=-1, random_state=0),
                      {'max_depth': [8, 16, None], 'min_samples_leaf': [1, 5, 20]},
                      cv=cv, scoring='neg_mean_absolute_error')
search.fit(X, y)
print(search.best_params_, 'CV MAE', -search.best_score_)

