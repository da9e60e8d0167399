"""Bank telemarketing (term deposit subscription): upsample the positives in the training rows only.

The call `duration` is dropped: it is only known after the call, so it cannot be used to decide whom to call.
"""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, classification_report
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils import resample

SEED = 42

bank = pd.read_csv("data/bank-additional-full.csv", sep=";")
bank = bank.drop(columns=["duration"])
bank["y"] = (bank["y"] == "yes").astype(int)

num_cols = bank.select_dtypes("number").columns.drop("y").tolist()
cat_cols = bank.select_dtypes("object").columns.tolist()

train, test = train_test_split(bank, test_size=0.2, stratify=bank["y"], random_state=SEED)

# upsample the minority class inside the training rows only
pos, neg = train[train["y"] == 1], train[train["y"] == 0]
pos_up = resample(pos, replace=True, n_samples=len(neg) // 2, random_state=SEED)
train_bal = pd.concat([neg, pos_up]).sample(frac=1.0, random_state=SEED)
print("train after upsampling:", train_bal["y"].value_counts().to_dict(), "| test untouched:", test["y"].value_counts().to_dict())

scaler = StandardScaler().fit(train_bal[num_cols])
ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(train_bal[cat_cols])


def transform(df):
    return np.hstack([scaler.transform(df[num_cols]), ohe.transform(df[cat_cols])])


clf = LogisticRegression(C=0.5, max_iter=3000)
clf.fit(transform(train_bal), train_bal["y"])

proba = clf.predict_proba(transform(test))[:, 1]
print("test average precision:", round(average_precision_score(test["y"], proba), 4))
print(classification_report(test["y"], (proba >= 0.5).astype(int), digits=3))
