"""Will this session end in a purchase? Trained on the e-commerce clickstream sessions table."""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold

sessions = pd.read_csv("data/sessions.csv")
print(f"{len(sessions)} sessions from {sessions['user_id'].nunique()} users")

sessions["pages_per_minute"] = sessions["n_pages"] / (sessions["duration_sec"] / 60 + 1)
sessions["is_weekend"] = sessions["weekday"].isin([5, 6]).astype(int)

feature_cols = ["n_pages", "duration_sec", "pages_per_minute", "is_weekend", "n_cart_adds", "device_mobile",
                "referrer_search", "returning_visitor"]
X = sessions[feature_cols].to_numpy()
y = sessions["purchased"].to_numpy()

kf = KFold(n_splits=5, shuffle=True, random_state=3)
aucs = []
for fold, (train_idx, test_idx) in enumerate(kf.split(X)):
    clf = HistGradientBoostingClassifier(max_iter=300)
    clf.fit(X[train_idx], y[train_idx])
    aucs.append(roc_auc_score(y[test_idx], clf.predict_proba(X[test_idx])[:, 1]))
    print(f"fold {fold} AUC {aucs[-1]:.4f}")
print("mean AUC", np.mean(aucs))
