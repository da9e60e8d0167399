"""Nested cross-validation for an RBF SVM on the ionosphere radar returns.

Inner loop: hyperparameter search. Outer loop: performance estimate of the whole search procedure.
"""
import numpy as np
from sklearn.datasets import fetch_openml
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

iono = fetch_openml("ionosphere", version=1, as_frame=False)
data_x, data_y = iono.data, (iono.target == "g").astype(int)

inner_cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
outer_cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=2)

tuned_svm = GridSearchCV(
    Pipeline([("scale", StandardScaler()), ("svc", SVC())]),
    param_grid={"svc__C": np.logspace(-1, 3, 5), "svc__gamma": np.logspace(-4, 0, 5)},
    cv=inner_cv,
)
nested = cross_val_score(tuned_svm, data_x, data_y, cv=outer_cv)
print(f"nested CV accuracy: {nested.mean():.3f} +/- {nested.std():.3f}")

tuned_svm.fit(data_x, data_y)
print("hyperparameters for the deployed model:", tuned_svm.best_params_)
