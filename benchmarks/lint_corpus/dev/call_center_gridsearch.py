"""Call-level model: will the caller need a second call within 7 days?

calls.csv has one row per inbound call; repeat callers are common (customer_id).
"""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV

calls = pd.read_csv("data/calls.csv")
calls_per_customer = calls.groupby("customer_id").size()
print("calls per customer:", calls_per_customer.describe().round(2).to_dict())

calls["wait_min"] = calls["wait_sec"] / 60
calls["transferred"] = calls["n_transfers"].gt(0).astype(int)
X = pd.get_dummies(calls[["start_hour", "wait_min", "talk_sec", "transferred", "queue", "customer_segment", "tenure_months"]],
                   columns=["queue", "customer_segment"])
y = calls["repeat_within_7d"]

search = GridSearchCV(
    RandomForestClassifier(n_jobs=-1, random_state=0),
    {"n_estimators": [200, 500], "max_depth": [8, 16, None], "min_samples_leaf": [1, 5]},
    cv=5,
    scoring="roc_auc",
)
search.fit(X, y)
print(search.best_params_, round(search.best_score_, 4))
