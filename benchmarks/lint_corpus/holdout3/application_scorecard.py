"""Application scorecard refresh (SME loans).

bad_flag = 1 if the loan reached 90+ days past due within 12 months of disbursement.
"""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import KBinsDiscretizer, OneHotEncoder
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.compose import make_column_transformer

apps = pd.read_csv("sme_applications_labelled.csv")
apps = apps[apps["decision"] == "approved"]
print(apps["bad_flag"].mean())

apps["debt_service_ratio"] = apps["monthly_debt"] / apps["monthly_revenue"].replace(0, np.nan)
apps["years_trading"] = apps["months_trading"] / 12

numeric = apps.select_dtypes("number").columns.drop(["application_id", "months_trading"])
categorical = ["sector", "legal_form", "region"]

X = apps[list(numeric) + categorical]
y = apps["bad_flag"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=11)

scorecard = make_pipeline(
    make_column_transformer(
        (make_pipeline(SimpleImputer(strategy="median"),
                       KBinsDiscretizer(n_bins=5, encode="onehot", strategy="quantile")), list(numeric)),
        (OneHotEncoder(handle_unknown="ignore"), categorical),
    ),
    LogisticRegression(C=0.2, max_iter=5000),
)
scorecard.fit(X_train, y_train)
gini = 2 * roc_auc_score(y_test, scorecard.predict_proba(X_test)[:, 1]) - 1
print(f"Gini on holdout: {gini:.3f}")
