#!/usr/bin/env python
# coding: utf-8

# # Negative review detector (for the CX triage queue)
# 
# Reviews with 1-2 stars are "negative". Train / validation / test = 70 / 15 / 15.
# The validation set is used to choose the alert threshold; the test set is scored once at the end.

# In[1]:


import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import precision_recall_curve, precision_score, recall_score


# In[2]:


rev = pd.read_csv("reviews_export.csv", usecols=["review_text", "stars"]).dropna()
rev["negative"] = (rev["stars"] <= 2).astype(int)
rev["negative"].mean()


# In[3]:


train_df, rest = train_test_split(rev, test_size=0.30, stratify=rev["negative"], random_state=17)
val_df, test_df = train_test_split(rest, test_size=0.50, stratify=rest["negative"], random_state=17)
len(train_df), len(val_df), len(test_df)


# In[4]:


tfidf = TfidfVectorizer(min_df=5, max_features=50_000, ngram_range=(1, 2), sublinear_tf=True)
Xtr = tfidf.fit_transform(train_df["review_text"])
Xva = tfidf.transform(val_df["review_text"])
Xte = tfidf.transform(test_df["review_text"])


# In[5]:


clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
clf.fit(Xtr, train_df["negative"])


# CX wants at least 90% precision on alerts; take the lowest threshold that gets there on validation.

# In[6]:


p_val = clf.predict_proba(Xva)[:, 1]
prec, rec, thr = precision_recall_curve(val_df["negative"], p_val)
ok = np.where(prec[:-1] >= 0.90)[0]
threshold = thr[ok[0]] if len(ok) else 0.5
print(f"threshold {threshold:.3f}: val precision {prec[ok[0]]:.3f} recall {rec[ok[0]]:.3f}")


# Final numbers on the untouched test set:

# In[7]:


p_test = clf.predict_proba(Xte)[:, 1]
alert = p_test >= threshold
print(f"test precision {precision_score(test_df['negative'], alert):.3f}, recall {recall_score(test_df['negative'], alert):.3f}")

