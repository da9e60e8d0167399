"""Predict next-day direction of SPY from technical indicators."""
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import KFold, cross_val_score

prices = pd.read_csv("data/SPY_daily.csv", parse_dates=["Date"], index_col="Date").sort_index()
close = prices["Adj Close"]

feats = pd.DataFrame(index=prices.index)
feats["ret_1"] = close.pct_change()
feats["ret_5"] = close.pct_change(5)
feats["vol_20"] = feats["ret_1"].rolling(20).std()
feats["ma_ratio"] = close / close.rolling(50).mean()
feats["ma_10_centered"] = close.rolling(10, center=True).mean() / close
feats["volume_z"] = (prices["Volume"] - prices["Volume"].rolling(20).mean()) / prices["Volume"].rolling(20).std()

target = (close.shift(-1) > close).astype(int)
data = feats.assign(target=target).iloc[:-1].dropna()

X, y = data.drop(columns="target"), data["target"]
clf = RandomForestClassifier(n_estimators=500, min_samples_leaf=20, n_jobs=-1, random_state=0)
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(clf, X, y, cv=cv, scoring="accuracy")
print("directional accuracy: %.3f +/- %.3f" % (scores.mean(), scores.std()))
