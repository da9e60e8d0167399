#!/usr/bin/env python
# coding: utf-8

# # SMS spam: Naive Bayes vs SVM vs logistic regression

# In[1]:


import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, classification_report


# In[2]:


sms = pd.read_csv("spam.csv", encoding="latin-1")[["v1", "v2"]]
sms.columns = ["label", "text"]
print(sms.shape, sms.duplicated("text").sum(), "duplicate texts")
sms = sms.drop_duplicates("text").reset_index(drop=True)


# ## Vectorise

# In[3]:


vec = TfidfVectorizer(stop_words="english", min_df=2, ngram_range=(1, 2))
X = vec.fit_transform(sms["text"])
y = (sms["label"] == "spam").astype(int)
X.shape


# In[4]:


X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)


# ## Compare classifiers

# In[5]:


candidates = {
    "MultinomialNB": MultinomialNB(alpha=0.1),
    "LinearSVC": LinearSVC(C=1.0),
    "LogReg": LogisticRegression(C=10, max_iter=2000),
}
scores = {}
for name, clf in candidates.items():
    clf.fit(X_train, y_train)
    scores[name] = f1_score(y_test, clf.predict(X_test))
    print(f"{name:14s} F1={scores[name]:.4f}")


# In[6]:


best = max(scores, key=scores.get)
print("winner:", best)
print(classification_report(y_test, candidates[best].predict(X_test), digits=4))

