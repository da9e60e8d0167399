"""Purchase-intent model on sessions, holding out whole users."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupShuffleSplit

sessions = pd.read_csv("data/sessions.csv")
print(f"{len(sessions)} sessions, {sessions['user_id'].nunique()} users")

sessions["pages_per_minute"] = sessions["n_pages"] / (sessions["duration_sec"] / 60 + 1)
features = ["n_pages", "duration_sec", "pages_per_minute", "n_cart_adds", "device_mobile", "referrer_search"]

gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
train_idx, test_idx = next(gss.split(sessions, groups=sessions["user_id"]))
train, test = sessions.iloc[train_idx], sessions.iloc[test_idx]
assert set(train["user_id"]).isdisjoint(test["user_id"])

rf = RandomForestClassifier(n_estimators=400, min_samples_leaf=5, n_jobs=-1, random_state=0)
rf.fit(train[features], train["purchased"])
proba = rf.predict_proba(test[features])[:, 1]
print("AUC", round(roc_auc_score(test["purchased"], proba), 4))
print("AP ", round(average_precision_score(test["purchased"], proba), 4))
