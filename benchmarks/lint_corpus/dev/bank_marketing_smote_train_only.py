import logging

import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.metrics import balanced_accuracy_score, classification_report
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OrdinalEncoder, StandardScaler
from xgboost import XGBClassifier

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("bank")

bank = pd.read_csv("data/bank-additional-full.csv", sep=";")
bank = bank.drop(columns=["duration"])  # only known after the call
y = (bank.pop("y") == "yes").astype(int)
cat_cols = bank.select_dtypes("object").columns.tolist()
num_cols = [c for c in bank.columns if c not in cat_cols]

X_train, X_test, y_train, y_test = train_test_split(bank, y, test_size=0.25, stratify=y, random_state=3)

enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
scaler = StandardScaler()
X_train = X_train.copy()
X_test = X_test.copy()
X_train[cat_cols] = enc.fit_transform(X_train[cat_cols])
X_test[cat_cols] = enc.transform(X_test[cat_cols])
X_train[num_cols] = scaler.fit_transform(X_train[num_cols])
X_test[num_cols] = scaler.transform(X_test[num_cols])

cat_idx = [X_train.columns.get_loc(c) for c in cat_cols]
smote = SMOTENC(categorical_features=cat_idx, random_state=3)
X_train_res, y_train_res = smote.fit_resample(X_train, y_train)
log.info("train after SMOTENC: %s", y_train_res.value_counts().to_dict())

clf = XGBClassifier(n_estimators=300, max_depth=4, learning_rate=0.1, eval_metric="logloss")
clf.fit(X_train_res, y_train_res)
pred = clf.predict(X_test)
log.info("balanced accuracy on test: %.4f", balanced_accuracy_score(y_test, pred))
print(classification_report(y_test, pred))
