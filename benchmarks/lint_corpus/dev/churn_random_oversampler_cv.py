"""Bank customer churn (Churn_Modelling.csv), balanced with random oversampling."""
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from lightgbm import LGBMClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

DATA = "data/Churn_Modelling.csv"


def load():
    df = pd.read_csv(DATA)
    df = df.drop(columns=["RowNumber", "CustomerId", "Surname"])
    df = pd.get_dummies(df, columns=["Geography", "Gender"], drop_first=True)
    return df.drop(columns="Exited"), df["Exited"]


if __name__ == "__main__":
    X, y = load()
    print("positive rate before:", round(y.mean(), 3))

    ros = RandomOverSampler(random_state=7)
    X_bal, y_bal = ros.fit_resample(X, y)
    print("positive rate after:", round(y_bal.mean(), 3))

    model = LGBMClassifier(n_estimators=400, learning_rate=0.05, num_leaves=31, verbose=-1)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
    res = cross_validate(model, X_bal, y_bal, cv=cv, scoring=["roc_auc", "f1", "recall"])
    for metric in ["test_roc_auc", "test_f1", "test_recall"]:
        print(metric, round(res[metric].mean(), 4))
