#!/usr/bin/env python
# coding: utf-8

# # Mobile app: 30-day churn per install
# One row per app install at day 7 after install. Users who reinstall or use several devices have several installs.

# In[1]:


import pandas as pd
import numpy as np
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score


# In[2]:


inst = pd.read_parquet('installs_day7.parquet')
inst.shape, inst['user_id'].nunique()


# In[3]:


inst.groupby('user_id').size().value_counts().head()


# In[4]:


inst['churn_30d'] = (inst['sessions_next_30d'] == 0).astype(int)
inst['churn_30d'].mean()


# In[5]:


inst['sessions_per_day'] = inst['sessions_first_7d'] / 7
inst['push_opt_in'] = inst['push_opt_in'].astype(int)
inst = pd.get_dummies(inst, columns=['platform', 'acq_channel', 'country'], dtype=int)


# In[6]:


X = inst.drop(columns=['install_id', 'user_id', 'churn_30d', 'install_ts'])
y = inst['churn_30d']
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)


# In[7]:


model = lgb.LGBMClassifier(n_estimators=500, learning_rate=0.05, num_leaves=31, verbose=-1)
model.fit(X_train, y_train)
print('AUC', roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))


# In[8]:


imp = pd.Series(model.feature_importances_, index=X.columns).sort_values(ascending=False)
imp.head(15)

