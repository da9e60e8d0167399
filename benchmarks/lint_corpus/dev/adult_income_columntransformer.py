"""Adult census income: ColumnTransformer + gradient boosting, tuned with grid search."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.datasets import fetch_openml
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

adult = fetch_openml("adult", version=2, as_frame=True)
df = adult.frame
y = (df["class"] == ">50K").astype(int)
X = df.drop(columns=["class", "fnlwgt"])

numeric_features = X.select_dtypes(include="number").columns.tolist()
categorical_features = X.select_dtypes(exclude="number").columns.tolist()

preprocess = ColumnTransformer(
    transformers=[
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric_features),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore", min_frequency=20))]), categorical_features),
    ]
)
model = Pipeline([("prep", preprocess), ("gb", GradientBoostingClassifier(random_state=0))])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

param_grid = {
    "gb__n_estimators": [100, 300],
    "gb__max_depth": [2, 3, 4],
    "gb__learning_rate": [0.05, 0.1],
}
search = GridSearchCV(model, param_grid, cv=5, scoring="roc_auc", n_jobs=-1, verbose=1)
search.fit(X_train, y_train)
print("best params:", search.best_params_)
print("cv AUC:", round(search.best_score_, 4))

proba = search.predict_proba(X_test)[:, 1]
print("held-out AUC:", round(roc_auc_score(y_test, proba), 4))
print(classification_report(y_test, search.predict(X_test)))
