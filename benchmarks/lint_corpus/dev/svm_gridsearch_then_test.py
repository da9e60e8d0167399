"""Tune an RBF SVM on the digits data with 5-fold grid search, then report the held-out score once."""
from sklearn.datasets import load_digits
from sklearn.metrics import classification_report
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVC


def main(seed=0):
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)

    pipe = Pipeline([("scale", MinMaxScaler()), ("svc", SVC(kernel="rbf"))])
    grid = {"svc__C": [0.1, 1, 10, 100], "svc__gamma": ["scale", 0.001, 0.01, 0.1]}
    search = GridSearchCV(pipe, grid, cv=5, n_jobs=-1)
    search.fit(X_train, y_train)

    print("best params:", search.best_params_, "cv accuracy:", round(search.best_score_, 4))
    for mean, params in sorted(zip(search.cv_results_["mean_test_score"], search.cv_results_["params"]),
                               key=lambda t: -t[0])[:5]:
        print(f"  {mean:.4f}  {params}")

    y_pred = search.best_estimator_.predict(X_test)
    print(classification_report(y_test, y_pred))


if __name__ == "__main__":
    main()
