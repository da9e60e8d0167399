#!/usr/bin/env python
# coding: utf-8

# # Hotel booking cancellations

# In[1]:


import pandas as pd
import numpy as np
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import f1_score, roc_auc_score


# In[2]:


hotel = pd.read_csv("data/hotel_bookings.csv")
hotel = hotel.drop(columns=["reservation_status", "reservation_status_date", "company", "agent"])
hotel["children"] = hotel["children"].fillna(0)
hotel = pd.get_dummies(hotel, columns=["hotel", "meal", "market_segment", "distribution_channel",
                                       "deposit_type", "customer_type", "reserved_room_type",
                                       "assigned_room_type", "arrival_date_month"], drop_first=True)
hotel = hotel.drop(columns=["country"])


# In[3]:


X = hotel.drop(columns="is_canceled")
y = hotel["is_canceled"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=21)


# In[4]:


rus = RandomUnderSampler(random_state=21)
X_train_bal, y_train_bal = rus.fit_resample(X_train, y_train)
y_train_bal.value_counts()


# In[5]:


et = ExtraTreesClassifier(n_estimators=400, min_samples_leaf=2, n_jobs=-1, random_state=21)
et.fit(X_train_bal, y_train_bal)
proba = et.predict_proba(X_test)[:, 1]
print("F1", f1_score(y_test, proba > 0.5), "AUC", roc_auc_score(y_test, proba))

