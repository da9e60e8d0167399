#!/usr/bin/env python
# coding: utf-8

# # Next-basket reorder prediction (Instacart sample)
# 
# One row per (user, product) pair; users have dozens of rows. Users are assigned to train/test by a stable hash of the user id,
# so the split does not change when new data arrives.

# In[1]:


import zlib
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from lightgbm import LGBMClassifier
from sklearn.metrics import f1_score


# In[2]:


pairs = pd.read_parquet("data/instacart_user_product_features.parquet")
pairs.groupby("user_id").size().describe()


# In[3]:


def bucket(uid: int, n: int = 100) -> int:
    return zlib.crc32(str(uid).encode()) % n

in_test = pairs["user_id"].map(bucket) < 20
train_pairs, test_pairs = pairs[~in_test], pairs[in_test]
assert not set(train_pairs["user_id"]) & set(test_pairs["user_id"])


# In[4]:


cols = [c for c in pairs.columns if c not in ("user_id", "product_id", "reordered")]
Xb, yb = RandomOverSampler(sampling_strategy=0.4, random_state=0).fit_resample(train_pairs[cols], train_pairs["reordered"])
lgbm = LGBMClassifier(n_estimators=600, learning_rate=0.05, num_leaves=63, verbose=-1).fit(Xb, yb)
print("test F1:", f1_score(test_pairs["reordered"], lgbm.predict(test_pairs[cols])))

