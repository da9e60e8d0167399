#!/usr/bin/env python
# coding: utf-8

# # Beijing PM2.5 – next-day forecast
# Hourly readings from the US embassy station (2010–2014), resampled to daily means.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score


# In[2]:


raw = pd.read_csv('PRSA_data_2010.1.1-2014.12.31.csv')
raw['ts'] = pd.to_datetime(raw[['year', 'month', 'day', 'hour']])
raw = raw.set_index('ts').sort_index()
daily = raw[['pm2.5', 'DEWP', 'TEMP', 'PRES', 'Iws']].resample("D").mean().ffill(limit=3)


# In[3]:


daily['target'] = daily['pm2.5'].shift(-1)
for k in (1, 2, 3, 7):
    daily[f'pm_lag{k}'] = daily['pm2.5'].shift(k - 1)
daily['pm_ma7'] = daily['pm2.5'].rolling(7).mean()
daily['month'] = daily.index.month
daily['dow'] = daily.index.dayofweek
daily = daily.dropna()


# In[4]:


X = daily.drop(columns=['target'])
y = daily['target']
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)


# In[5]:


gbr = GradientBoostingRegressor(n_estimators=500, max_depth=3, learning_rate=0.03, subsample=0.8, random_state=1)
gbr.fit(X_tr, y_tr)
pred = gbr.predict(X_te)
print('MAE', mean_absolute_error(y_te, pred), 'R2', r2_score(y_te, pred))

