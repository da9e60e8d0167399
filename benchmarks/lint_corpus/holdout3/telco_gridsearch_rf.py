#!/usr/bin/env python
# coding: utf-8

# # Telco churn – random forest with grid search

# In[1]:


import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score, accuracy_score


# In[2]:


df = pd.read_csv('WA_Fn-UseC_-Telco-Customer-Churn.csv')
df['TotalCharges'] = pd.to_numeric(df['TotalCharges'], errors='coerce').fillna(0)
df['Churn'] = (df['Churn'] == 'Yes').astype(int)
X = pd.get_dummies(df.drop(columns=['customerID', 'Churn']), drop_first=True)
y = df['Churn']
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=1)


# In[3]:


param_grid = {'n_estimators': [200, 500], 'max_depth': [6, 10, None], 'min_samples_leaf': [1, 5, 20]}
gs = GridSearchCV(RandomForestClassifier(random_state=1, n_jobs=-1), param_grid, cv=5, scoring='roc_auc')
gs.fit(X, y)
gs.best_params_


# In[4]:


best = gs.best_estimator_
print('test AUC', roc_auc_score(y_test, best.predict_proba(X_test)[:, 1]))
print('test accuracy', accuracy_score(y_test, best.predict(X_test)))

