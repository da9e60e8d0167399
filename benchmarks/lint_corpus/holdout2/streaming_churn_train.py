"""Train the churn model used by the monthly retention campaign.

Usage:
    python streaming_churn_train.py --data data/subscribers_2024q1.csv --out models/churn_gbm.joblib
"""
import argparse
import json
import logging
from pathlib import Path

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

log = logging.getLogger("churn")

NUMERIC = ["tenure_months", "monthly_fee", "hours_watched_30d", "profiles", "support_contacts_90d"]
CATEGORICAL = ["plan", "billing_channel", "device_primary", "country"]
TARGET = "churned"


def load(path):
    """Read the subscriber snapshot and coerce types."""
    df = pd.read_csv(path)
    df["monthly_fee"] = pd.to_numeric(df["monthly_fee"], errors="coerce").fillna(0.0)
    df[TARGET] = df[TARGET].map({"yes": 1, "no": 0}).astype(int)
    log.info("loaded %d subscribers, churn rate %.3f", len(df), df[TARGET].mean())
    return df.drop(columns=["subscriber_id"])


def build_features(df):
    """Scale the numeric columns and one-hot the categoricals; returns the matrix and the transformer."""
    ct = ColumnTransformer(
        [
            ("num", StandardScaler(), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), CATEGORICAL),
        ]
    )
    X = ct.fit_transform(df[NUMERIC + CATEGORICAL])
    return X, ct


def train(X, y, seed):
    model = GradientBoostingClassifier(n_estimators=300, learning_rate=0.05, max_depth=3, subsample=0.8, random_state=seed)
    model.fit(X, y)
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, default=Path("models/churn_gbm.joblib"))
    p.add_argument("--test-size", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=13)
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    df = load(args.data)
    X, ct = build_features(df)
    y = df[TARGET].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=args.test_size, stratify=y, random_state=args.seed)

    model = train(X_train, y_train, args.seed)
    proba = model.predict_proba(X_test)[:, 1]
    auc = roc_auc_score(y_test, proba)
    log.info("test ROC AUC %.4f", auc)
    print(classification_report(y_test, (proba >= 0.5).astype(int), digits=3))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"transformer": ct, "model": model}, args.out)
    (args.out.with_suffix(".json")).write_text(json.dumps({"test_auc": round(auc, 4), "n_train": len(y_train)}))
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
