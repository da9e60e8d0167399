#!/usr/bin/env python
# coding: utf-8

# # Customer spend in the next 90 days
# Monthly panel built from card transactions. For every customer-month the label is the spend in the following three months; features only use months up to and including the current one.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error


# In[2]:


tx = pd.read_parquet('card_tx.parquet', columns=['customer_id', 'tx_date', 'amount', 'mcc_group'])
tx['month'] = pd.to_datetime(tx['tx_date']).dt.to_period('M').dt.to_timestamp()
panel = (tx.groupby(['customer_id', 'month'])
           .agg(spend=('amount', 'sum'), n_tx=('amount', 'size'), n_groups=('mcc_group', 'nunique'))
           .reset_index())
full_idx = pd.MultiIndex.from_product([panel.customer_id.unique(), pd.date_range(panel.month.min(), panel.month.max(), freq='MS')],
                                      names=['customer_id', 'month'])
panel = panel.set_index(['customer_id', 'month']).reindex(full_idx, fill_value=0).reset_index()
panel = panel.sort_values(['customer_id', 'month'])


# In[3]:


g = panel.groupby('customer_id')
panel['spend_l1'] = g['spend'].shift(1)
panel['spend_3m'] = g['spend'].transform(lambda s: s.rolling(3).sum())
panel['spend_12m'] = g['spend'].transform(lambda s: s.rolling(12, min_periods=6).mean())
panel['tx_3m'] = g['n_tx'].transform(lambda s: s.rolling(3).sum())
panel['months_active_12m'] = g['n_tx'].transform(lambda s: s.gt(0).rolling(12, min_periods=6).sum())
# label: spend over the next three months
panel['y_next90'] = g['spend'].transform(lambda s: s.shift(-1) + s.shift(-2) + s.shift(-3))
panel = panel.dropna(subset=['spend_12m', 'y_next90'])


# In[4]:


features = ['spend', 'spend_l1', 'spend_3m', 'spend_12m', 'n_tx', 'tx_3m', 'n_groups', 'months_active_12m']
cut = pd.Timestamp('2023-07-01')
train = panel[panel.month < cut - pd.DateOffset(months=3)]
test = panel[panel.month >= cut]
train.month.max(), test.month.min()


# In[5]:


model = HistGradientBoostingRegressor(loss='poisson', max_iter=400, learning_rate=0.05)
model.fit(train[features], train['y_next90'])
print('MAE', mean_absolute_error(test['y_next90'], model.predict(test[features])))

