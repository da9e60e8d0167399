#!/usr/bin/env python
# coding: utf-8

# # Walmart weekly sales – store/department model

# In[1]:


import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.metrics import mean_absolute_error


# In[2]:


train = pd.read_csv('walmart/train.csv', parse_dates=['Date'])
feats = pd.read_csv('walmart/features.csv', parse_dates=['Date'])
stores = pd.read_csv('walmart/stores.csv')
df = (train.merge(feats.drop(columns='IsHoliday'), on=['Store', 'Date'], how='left')
           .merge(stores, on='Store', how='left')
           .sort_values(['Store', 'Dept', 'Date']))
df.Date.min(), df.Date.max()


# In[3]:


df['Week'] = df.Date.dt.isocalendar().week.astype(int)
df['Year'] = df.Date.dt.year
df['Type'] = df['Type'].map({'A': 0, 'B': 1, 'C': 2})
grp = df.groupby(['Store', 'Dept'])['Weekly_Sales']
df['lag_1'] = grp.shift(1)
df['lag_52'] = grp.shift(52)
df['roll_4'] = grp.transform(lambda s: s.shift(1).rolling(4).mean())
df[['MarkDown1', 'MarkDown2', 'MarkDown3', 'MarkDown4', 'MarkDown5']] = df[['MarkDown1', 'MarkDown2', 'MarkDown3', 'MarkDown4', 'MarkDown5']].fillna(0)
df = df.dropna(subset=['lag_1', 'lag_52', 'roll_4'])


# In[4]:


cols = ['Store', 'Dept', 'Week', 'Year', 'IsHoliday', 'Type', 'Size', 'Temperature', 'Fuel_Price', 'CPI',
        'Unemployment', 'MarkDown1', 'MarkDown2', 'MarkDown3', 'MarkDown4', 'MarkDown5', 'lag_1', 'lag_52', 'roll_4']
X_train, X_test, y_train, y_test = train_test_split(df[cols], df['Weekly_Sales'], test_size=0.2, random_state=42)


# In[5]:


et = ExtraTreesRegressor(n_estimators=300, min_samples_leaf=3, n_jobs=-1, random_state=42)
et.fit(X_train, y_train)
weights = np.where(X_test['IsHoliday'], 5, 1)
print('WMAE:', np.sum(weights * np.abs(y_test - et.predict(X_test))) / weights.sum())

