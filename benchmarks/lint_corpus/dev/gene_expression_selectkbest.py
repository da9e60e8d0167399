#!/usr/bin/env python
"""Leukemia subtype classification from microarray data (72 samples x 7129 genes)."""
import argparse

import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--expr", default="data/golub_expression.csv")
    p.add_argument("--labels", default="data/golub_labels.csv")
    p.add_argument("--k", type=int, default=50)
    return p.parse_args()


def main():
    args = parse_args()
    expr = pd.read_csv(args.expr, index_col=0).T  # samples x genes
    labels = pd.read_csv(args.labels, index_col=0)["cancer"]
    y = (labels.loc[expr.index] == "AML").astype(int).values

    selector = SelectKBest(score_func=f_classif, k=args.k)
    X_sel = selector.fit_transform(expr.values, y)
    top_genes = expr.columns[selector.get_support()]
    print("top genes:", list(top_genes[:10]))

    clf = LogisticRegression(penalty="l2", C=0.1, max_iter=5000)
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=42)
    scores = cross_val_score(clf, X_sel, y, cv=cv, scoring="accuracy")
    print(f"accuracy: {scores.mean():.3f} ({scores.std():.3f})")


if __name__ == "__main__":
    main()
