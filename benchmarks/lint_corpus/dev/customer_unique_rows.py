#!/usr/bin/env python
# coding: utf-8

# # Credit card customers - attrition
# 
# `BankChurners.csv`: one row per customer (`CLIENTNUM`), a single snapshot.

# In[1]:


import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report


# In[2]:


bank = pd.read_csv("data/BankChurners.csv")
bank = bank.loc[:, ~bank.columns.str.startswith("Naive_Bayes")]
assert bank["CLIENTNUM"].is_unique
bank["CLIENTNUM"].nunique() == len(bank)


# In[3]:


y = (bank["Attrition_Flag"] == "Attrited Customer").astype(int)
X = pd.get_dummies(bank.drop(columns=["CLIENTNUM", "Attrition_Flag"]), drop_first=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)


# In[4]:


rf = RandomForestClassifier(n_estimators=500, class_weight="balanced_subsample", random_state=0)
rf.fit(X_train, y_train)
print(classification_report(y_test, rf.predict(X_test), digits=3))

