#!/usr/bin/env python
# coding: utf-8

# # MNIST with PCA features

# In[1]:


import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import fetch_openml
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
get_ipython().run_line_magic('matplotlib', 'inline')


# In[2]:


mnist = fetch_openml("mnist_784", version=1, as_frame=False, parser="auto")
X = mnist.data / 255.0
y = mnist.target.astype(int)
X_train, X_test = X[:60000], X[60000:]
y_train, y_test = y[:60000], y[60000:]


# The first 60k images are the official training set; the last 10k the official test set.

# In[3]:


pca = PCA(n_components=50, random_state=0)
Z_train = pca.fit_transform(X_train)
Z_test = pca.transform(X_test)
print(pca.explained_variance_ratio_.sum())


# In[4]:


fig, axes = plt.subplots(1, 5, figsize=(10, 2))
for i, ax in enumerate(axes):
    ax.imshow(pca.components_[i].reshape(28, 28), cmap="RdBu")
    ax.axis("off")


# In[5]:


clf = LogisticRegression(max_iter=300, multi_class="multinomial")
clf.fit(Z_train, y_train)
print("test accuracy:", accuracy_score(y_test, clf.predict(Z_test)))

