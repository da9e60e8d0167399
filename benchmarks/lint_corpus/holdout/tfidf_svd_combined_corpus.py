#!/usr/bin/env python
# coding: utf-8

# # Toxic comment classification - TF-IDF + SVD + logistic regression
# 
# Labelled comments are split 80/20; the TF-IDF vectorisers are fitted on the whole text corpus to get a richer vocabulary.

# In[1]:


import pandas as pd
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.decomposition import TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


# In[2]:


comments = pd.read_csv("data/jigsaw/train.csv", usecols=["id", "comment_text", "toxic"])
df_train, df_valid = train_test_split(comments, test_size=0.2, stratify=comments["toxic"], random_state=2018)


# In[3]:


all_text = pd.concat([df_train["comment_text"], df_valid["comment_text"]])
word_vec = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=3, max_features=200_000, sublinear_tf=True)
char_vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=5, max_features=200_000, sublinear_tf=True)
word_vec.fit(all_text)
char_vec.fit(all_text)


# In[4]:


def featurize(text):
    return hstack([word_vec.transform(text), char_vec.transform(text)]).tocsr()

tr_sparse = featurize(df_train["comment_text"])
va_sparse = featurize(df_valid["comment_text"])


# In[5]:


svd = TruncatedSVD(n_components=300, random_state=0)
svd.fit(tr_sparse)
tr_dense = svd.transform(tr_sparse)
va_dense = svd.transform(va_sparse)


# In[6]:


clf = LogisticRegression(C=4, solver="saga", max_iter=300)
clf.fit(hstack([tr_sparse, tr_dense]).tocsr(), df_train["toxic"])
print("validation AUC:", roc_auc_score(df_valid["toxic"], clf.predict_proba(hstack([va_sparse, va_dense]).tocsr())[:, 1]))

