"""Optuna search with cross-validation on the training part; the test part is scored once at the end."""
import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split

df_train = pd.read_csv("data/santander/train.csv").drop(columns=["ID"])
tr, te = train_test_split(df_train, test_size=0.25, stratify=df_train["TARGET"], random_state=0)
keep = tr.columns[tr.nunique() > 1]
tr, te = tr[keep], te[keep]
Xtr, ytr = tr.drop(columns="TARGET"), tr["TARGET"]
Xte, yte = te.drop(columns="TARGET"), te["TARGET"]
folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)


def make_model(params):
    return HistGradientBoostingClassifier(early_stopping=False, **params)


def objective(trial):
    params = {
        "max_iter": trial.suggest_int("max_iter", 100, 800, step=100),
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 128, log=True),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-4, 10, log=True),
    }
    return cross_val_score(make_model(params), Xtr, ytr, cv=folds, scoring="roc_auc").mean()


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=60, show_progress_bar=True)
    print("best CV AUC:", round(study.best_value, 4), study.best_params)
    final = make_model(study.best_params).fit(Xtr, ytr)
    print("test AUC:", round(roc_auc_score(yte, final.predict_proba(Xte)[:, 1]), 4))
