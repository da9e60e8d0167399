"""Bot-account classifier trained on request logs.

`requests.parquet` has one row per HTTP request; `accounts.csv` carries the trust-and-safety verdict
(is_bot) per account. The model scores individual requests.
"""
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report, roc_auc_score

req = pd.read_parquet("requests.parquet")
acc = pd.read_csv("accounts.csv", usecols=["account_id", "is_bot"])
df = req.merge(acc, on="account_id", how="inner")
print(f"{len(df):,} requests from {df['account_id'].nunique():,} accounts")
print(df.groupby("account_id").size().describe())

df["path_depth"] = df["path"].str.count("/")
df["has_referer"] = df["referer"].notna().astype(int)
df["ua_len"] = df["user_agent"].str.len()
df["ua_is_headless"] = df["user_agent"].str.contains("Headless|PhantomJS|python-requests", case=False).astype(int)

features = ["path_depth", "has_referer", "ua_len", "ua_is_headless", "resp_bytes", "latency_ms",
            "ms_since_prev_request", "status_code", "tls_version"]
X = pd.get_dummies(df[features], columns=["tls_version"])
y = df["is_bot"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)

clf = HistGradientBoostingClassifier(max_iter=300, random_state=42)
clf.fit(X_train, y_train)
print("AUC", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
print(classification_report(y_test, clf.predict(X_test), digits=3))
