import pandas as pd
import category_encoders as ce
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

CAT_COLS = ["purpose", "home_ownership", "addr_state", "emp_title", "grade"]
NUM_COLS = ["loan_amnt", "annual_inc", "dti", "revol_util", "int_rate"]

loans = pd.read_csv("data/credit_train.csv", usecols=CAT_COLS + NUM_COLS + ["default"])
loans[NUM_COLS] = loans[NUM_COLS].fillna(loans[NUM_COLS].median())
loans[CAT_COLS] = loans[CAT_COLS].fillna("missing")

encoder = ce.TargetEncoder(cols=CAT_COLS, smoothing=10)
encoded = encoder.fit_transform(loans[CAT_COLS], loans["default"])
features = pd.concat([encoded, loans[NUM_COLS]], axis=1)

X_train, X_test, y_train, y_test = train_test_split(
    features, loans["default"], test_size=0.3, stratify=loans["default"], random_state=2024
)

clf = LogisticRegression(max_iter=1000, class_weight="balanced")
clf.fit(X_train, y_train)
print("test AUC:", round(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]), 4))
