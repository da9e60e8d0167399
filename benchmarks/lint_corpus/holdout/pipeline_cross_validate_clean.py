"""Spambase: power transform + model-based feature selection inside the pipeline, 10x ShuffleSplit."""
import numpy as np
from sklearn.datasets import fetch_openml
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import ShuffleSplit, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PowerTransformer
from sklearn.svm import LinearSVC

spam = fetch_openml("spambase", version=1, as_frame=True)
X = spam.data.to_numpy()
y = spam.target.astype(int).to_numpy()

pipe = Pipeline([
    ("power", PowerTransformer(method="yeo-johnson")),
    ("select", SelectFromModel(LinearSVC(C=0.05, penalty="l1", dual=False, max_iter=5000))),
    ("clf", LogisticRegression(C=1.0, max_iter=2000)),
])
cv = ShuffleSplit(n_splits=10, test_size=0.2, random_state=0)
scores = cross_validate(pipe, X, y, cv=cv, scoring=["accuracy", "roc_auc"], return_estimator=True)
print("accuracy %.4f  AUC %.4f" % (scores["test_accuracy"].mean(), scores["test_roc_auc"].mean()))
kept = [est.named_steps["select"].get_support().sum() for est in scores["estimator"]]
print("features kept per split:", kept)
