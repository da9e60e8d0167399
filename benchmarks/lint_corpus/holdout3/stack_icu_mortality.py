"""Stacked ICU mortality model.

Level-0 models produce out-of-fold probabilities with cross_val_predict (GroupKFold by patient, since
patients have several ICU stays); a logistic meta-model combines them. Test patients are held out
from everything until the final line.
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier, HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, GroupShuffleSplit, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

stays = pd.read_parquet("icu_stays_first24h.parquet")
print(len(stays), "stays,", stays["subject_id"].nunique(), "patients")

y = stays["hospital_expire_flag"].to_numpy()
X = stays.drop(columns=["stay_id", "subject_id", "hospital_expire_flag", "dischtime", "deathtime"])
groups = stays["subject_id"].to_numpy()

outer = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
tr, te = next(outer.split(X, y, groups))
X_tr, X_te, y_tr, y_te, g_tr = X.iloc[tr], X.iloc[te], y[tr], y[te], groups[tr]

base_models = {
    "hgb": HistGradientBoostingClassifier(max_iter=400, learning_rate=0.05, random_state=0),
    "et": make_pipeline(SimpleImputer(strategy="median"), ExtraTreesClassifier(500, min_samples_leaf=5, n_jobs=-1, random_state=0)),
    "lr": make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(C=0.1, max_iter=3000)),
}
cv = GroupKFold(n_splits=5)
oof = np.column_stack([
    cross_val_predict(m, X_tr, y_tr, groups=g_tr, cv=cv, method="predict_proba")[:, 1]
    for m in base_models.values()
])
for name, col in zip(base_models, oof.T):
    print(f"{name}: OOF AUC {roc_auc_score(y_tr, col):.4f}")

meta = LogisticRegression(C=1.0)
meta_oof = cross_val_predict(meta, oof, y_tr, groups=g_tr, cv=cv, method="predict_proba")[:, 1]
print(f"stack: OOF AUC {roc_auc_score(y_tr, meta_oof):.4f}")
meta.fit(oof, y_tr)

test_level0 = np.column_stack([m.fit(X_tr, y_tr).predict_proba(X_te)[:, 1] for m in base_models.values()])
print(f"stack: test AUC {roc_auc_score(y_te, meta.predict_proba(test_level0)[:, 1]):.4f}")
