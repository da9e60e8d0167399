"""Lending Club 2007-2011: predict charge-off."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

USECOLS = ["loan_amnt", "term", "int_rate", "installment", "grade", "emp_length", "annual_inc",
           "dti", "revol_util", "total_acc", "loan_status"]

loans = pd.read_csv("data/LoanStats3a.csv", skiprows=1, usecols=USECOLS, low_memory=False)
loans = loans[loans["loan_status"].isin(["Fully Paid", "Charged Off"])].copy()
loans["term"] = loans["term"].str.extract(r"(\d+)").astype(float)
loans["int_rate"] = loans["int_rate"].str.rstrip("%").astype(float)
loans["revol_util"] = loans["revol_util"].str.rstrip("%").astype(float)
loans["emp_length"] = loans["emp_length"].str.extract(r"(\d+)").astype(float)
loans["charged_off"] = (loans["loan_status"] == "Charged Off").astype(int)
loans = pd.get_dummies(loans, columns=["grade", "loan_status"], drop_first=True)
loans = loans.dropna()

X = loans.drop(columns=["charged_off"])
y = loans["charged_off"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=1)

clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
clf.fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
print("largest coefficients:")
coefs = pd.Series(clf[-1].coef_[0], index=X.columns)
print(coefs.reindex(coefs.abs().sort_values(ascending=False).index).head(8))
