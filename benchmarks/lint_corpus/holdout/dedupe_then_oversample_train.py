"""Phishing URL classifier.

The raw dump has many repeated URLs (same features, same label), so rows are de-duplicated before splitting,
and only the training part is oversampled.
"""
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

urls = pd.read_csv("data/phishing_urls_features.csv")
feature_cols = [c for c in urls.columns if c not in ("url", "is_phishing")]
print("rows:", len(urls), "duplicated feature rows:", urls.duplicated(subset=feature_cols).sum())
urls = urls.drop_duplicates(subset=["url"]).drop_duplicates(subset=feature_cols + ["is_phishing"])

Xtr, Xte, ytr, yte = train_test_split(urls[feature_cols], urls["is_phishing"], test_size=0.25,
                                      stratify=urls["is_phishing"], random_state=9)
Xtr_os, ytr_os = RandomOverSampler(sampling_strategy=0.5, random_state=9).fit_resample(Xtr, ytr)

gbc = GradientBoostingClassifier(n_estimators=300, max_depth=3, random_state=9).fit(Xtr_os, ytr_os)
print(classification_report(yte, gbc.predict(Xte), digits=3))
