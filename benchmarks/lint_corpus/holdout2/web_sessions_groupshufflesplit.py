#!/usr/bin/env python
# coding: utf-8

# # Purchase-intent model on web sessions
# 
# One row per session with aggregated clickstream features. Logged-in users have many sessions,
# so the test set is made of users the model has never seen.

# In[1]:


import pandas as pd
import numpy as np
from sklearn.model_selection import GroupShuffleSplit
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score


# In[2]:


sess = pd.read_parquet("sessions_agg.parquet")
print(len(sess), "sessions from", sess["user_id"].nunique(), "users")
sess.groupby("user_id").size().quantile([0.5, 0.9, 0.99])


# In[3]:


features = ["n_pageviews", "n_product_views", "n_cart_adds", "session_minutes", "bounce",
            "from_search", "from_email", "device_mobile", "hour_of_day", "is_weekend"]
X, y, users = sess[features], sess["purchased"], sess["user_id"]


# In[4]:


gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=11)
train_idx, test_idx = next(gss.split(X, y, groups=users))
assert not set(users.iloc[train_idx]) & set(users.iloc[test_idx])


# In[5]:


rf = RandomForestClassifier(n_estimators=300, min_samples_leaf=10, n_jobs=-1, random_state=11)
rf.fit(X.iloc[train_idx], y.iloc[train_idx])


# Train vs test AUC, to see how much the forest overfits:

# In[6]:


auc_train = roc_auc_score(y.iloc[train_idx], rf.predict_proba(X.iloc[train_idx])[:, 1])
auc_test = roc_auc_score(y.iloc[test_idx], rf.predict_proba(X.iloc[test_idx])[:, 1])
print(f"train AUC {auc_train:.3f} | test AUC (unseen users) {auc_test:.3f}")

