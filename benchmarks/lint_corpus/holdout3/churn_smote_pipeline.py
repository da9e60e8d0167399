#!/usr/bin/env python
# coding: utf-8

# # Bank churn with SMOTENC inside the CV pipeline

# In[1]:


import pandas as pd
from imblearn.pipeline import make_pipeline
from imblearn.over_sampling import SMOTENC
from sklearn.compose import make_column_transformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split, cross_validate, StratifiedKFold
from sklearn.metrics import classification_report


# In[2]:


bank = pd.read_csv('Churn_Modelling.csv')
X = bank.drop(columns=['RowNumber', 'CustomerId', 'Surname', 'Exited'])
y = bank['Exited']
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=8)


# In[3]:


cat_cols = ['Geography', 'Gender']
num_cols = [c for c in X.columns if c not in cat_cols]
cat_idx = [X.columns.get_loc(c) for c in cat_cols]
pipe = make_pipeline(
    SMOTENC(categorical_features=cat_idx, random_state=8),
    make_column_transformer((OneHotEncoder(handle_unknown='ignore'), cat_cols), (StandardScaler(), num_cols)),
    RandomForestClassifier(n_estimators=400, min_samples_leaf=3, random_state=8),
)
cv_res = cross_validate(pipe, X_train, y_train, cv=StratifiedKFold(5, shuffle=True, random_state=8), scoring=['recall', 'precision', 'roc_auc'])
pd.DataFrame(cv_res).mean()


# In[4]:


pipe.fit(X_train, y_train)
print(classification_report(y_test, pipe.predict(X_test)))

