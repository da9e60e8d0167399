"""IBM HR attrition: balance the classes by upsampling leavers, then fit a gradient boosting model."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

hr = pd.read_csv("WA_Fn-UseC_-HR-Employee-Attrition.csv")
hr = hr.drop(columns=["EmployeeCount", "Over18", "StandardHours", "EmployeeNumber"])
hr["Attrition"] = (hr["Attrition"] == "Yes").astype(int)
hr = pd.get_dummies(hr, drop_first=True, dtype=int)

stayers = hr[hr["Attrition"] == 0]
leavers = hr[hr["Attrition"] == 1]
print(len(stayers), "stayers,", len(leavers), "leavers")

leavers_up = resample(leavers, replace=True, n_samples=len(stayers), random_state=27)
balanced = pd.concat([stayers, leavers_up]).sample(frac=1, random_state=27)

X = balanced.drop(columns="Attrition")
y = balanced["Attrition"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=27)

gb = GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, random_state=27)
gb.fit(X_train, y_train)

proba = gb.predict_proba(X_test)[:, 1]
print("ROC AUC:", round(roc_auc_score(y_test, proba), 3))
print(classification_report(y_test, (proba > 0.5).astype(int)))
