#!/usr/bin/env python
# coding: utf-8

# # Human activity recognition from phone accelerometers
# 
# Raw tri-axial signals from 30 volunteers' phones (`device_id`), cut into 2.56 s windows.

# In[1]:


import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score


# In[2]:


raw = pd.read_csv("data/accelerometer_raw.csv")
raw = raw.sort_values(["device_id", "t"])
raw["device_id"].nunique(), raw.groupby("device_id").size().min()


# In[3]:


def windows(frame, size=128, step=128):
    feats, acts, devs = [], [], []
    for dev, g in frame.groupby("device_id"):
        sig = g[["ax", "ay", "az"]].to_numpy()
        act = g["activity"].to_numpy()
        for start in range(0, len(g) - size, step):
            w = sig[start:start + size]
            mag = np.linalg.norm(w, axis=1)
            feats.append(np.concatenate([w.mean(0), w.std(0), w.min(0), w.max(0), [mag.mean(), mag.std()],
                                         np.abs(np.fft.rfft(mag))[1:11]]))
            acts.append(pd.Series(act[start:start + size]).mode()[0])
            devs.append(dev)
    return np.array(feats), np.array(acts), np.array(devs)

X, y, device = windows(raw)
X.shape


# In[4]:


X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=2)


# In[5]:


svm = SVC(C=10, gamma="scale").fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, svm.predict(X_test)))

