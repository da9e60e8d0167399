#!/usr/bin/env python
# coding: utf-8

# # Gas turbine NOx emissions (hourly, 2011-2015)
# 
# Predict NOx from ambient and process variables; readings are consecutive hours.

# In[1]:


import glob
import pandas as pd
import numpy as np
from sklearn.model_selection import ShuffleSplit, cross_val_predict, cross_validate
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


# In[2]:


frames = []
for path in sorted(glob.glob("data/gas_turbine/gt_20*.csv")):
    year = int(path[-8:-4])
    frames.append(pd.read_csv(path).assign(year=year))
gt = pd.concat(frames, ignore_index=True)
gt["hour_index"] = np.arange(len(gt))
gt.groupby("year").size()


# In[3]:


inputs = ["AT", "AP", "AH", "AFDP", "GTEP", "TIT", "TAT", "TEY", "CDP"]
gt["NOX_prev"] = gt["NOX"].shift(1)
gt = gt.dropna()


# In[4]:


knn = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10, weights="distance"))
ss = ShuffleSplit(n_splits=10, test_size=0.2, random_state=0)
out = cross_validate(knn, gt[inputs + ["NOX_prev"]], gt["NOX"], cv=ss, scoring="neg_mean_absolute_error")
print("MAE:", -out["test_score"].mean())

