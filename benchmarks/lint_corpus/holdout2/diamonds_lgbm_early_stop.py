#!/usr/bin/env python
# coding: utf-8

# # Diamonds: price regression with LightGBM

# In[1]:


import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, mean_squared_error


# In[2]:


diamonds = pd.read_csv("diamonds.csv")
diamonds = diamonds[(diamonds[["x", "y", "z"]] > 0).all(axis=1)]
diamonds.shape


# In[3]:


for c in ["cut", "color", "clarity"]:
    diamonds[c] = diamonds[c].astype("category")
diamonds["volume"] = diamonds["x"] * diamonds["y"] * diamonds["z"]
diamonds["depth_ratio"] = diamonds["z"] / ((diamonds["x"] + diamonds["y"]) / 2)


# In[4]:


features = ["carat", "cut", "color", "clarity", "depth", "table", "volume", "depth_ratio"]
X = diamonds[features]
y = np.log(diamonds["price"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=11)


# Many trees with a small learning rate; early stopping decides when to stop.

# In[5]:


model = lgb.LGBMRegressor(n_estimators=10000, learning_rate=0.02, num_leaves=63, min_child_samples=30, subsample=0.8, subsample_freq=1, colsample_bytree=0.8)
model.fit(
    X_train, y_train,
    eval_set=[(X_test, y_test)],
    eval_metric="l2",
    callbacks=[lgb.early_stopping(300), lgb.log_evaluation(1000)],
)
print("best iteration:", model.best_iteration_)


# In[6]:


pred = np.exp(model.predict(X_test, num_iteration=model.best_iteration_))
actual = np.exp(y_test)
print("MAE  $", round(mean_absolute_error(actual, pred), 1))
print("RMSE $", round(mean_squared_error(actual, pred) ** 0.5, 1))


# In[7]:


lgb.plot_importance(model, max_num_features=10, importance_type="gain")

