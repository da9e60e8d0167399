#!/usr/bin/env python
# coding: utf-8

# # Handwritten digits: PCA + SVM
# Reduce the 784 pixels to 50 principal components, then train an RBF SVM.

# In[1]:


import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import fetch_openml
from sklearn.decomposition import PCA
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, ConfusionMatrixDisplay


# In[2]:


mnist = fetch_openml('mnist_784', version=1, as_frame=False, parser='auto')
X, y = mnist.data[:20000] / 255.0, mnist.target[:20000]
X.shape


# In[3]:


pca = PCA(n_components=50, whiten=True, random_state=0)
Z = pca.fit_transform(X)
print('explained variance:', pca.explained_variance_ratio_.sum().round(3))


# In[4]:


plt.plot(np.cumsum(pca.explained_variance_ratio_))


# In[5]:


Z_train, Z_test, y_train, y_test = train_test_split(Z, y, test_size=0.25, random_state=0)
svm = SVC(C=5, gamma='scale').fit(Z_train, y_train)
print('accuracy', accuracy_score(y_test, svm.predict(Z_test)))


# In[6]:


ConfusionMatrixDisplay.from_estimator(svm, Z_test, y_test)

