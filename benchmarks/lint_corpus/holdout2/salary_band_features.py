"""Salary benchmark model for the compensation team.

Fits a gradient-boosted regressor on the 2024 salary survey and prints hold-out error
by job family. Input: data/salary_survey.csv (one row per respondent).
"""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

TARGET = "base_salary"


@dataclass
class SurveyFeatures:
    path: str
    drop_cols: list = field(default_factory=lambda: ["respondent_id", "submitted_via", "free_text_comment"])

    def load(self):
        df = pd.read_csv(self.path)
        df = df[df[TARGET].between(15_000, 600_000)]
        return df.drop(columns=self.drop_cols)

    def encode(self, df):
        df = df.copy()
        df["seniority"] = df["job_title"].str.extract(r"(Junior|Senior|Lead|Principal|Staff)", expand=False).fillna("Mid")
        df["remote"] = df["work_arrangement"].eq("remote").astype(int)
        for col in ["country", "job_family", "seniority", "company_size", "education"]:
            df[col] = df[col].astype("category")
        return df.drop(columns=["job_title", "work_arrangement"])

    def add_bands(self, df):
        # salary quintile, used to stratify the split so every band is represented in the test set
        df["salary_band"] = pd.qcut(df[TARGET], q=5, labels=False)
        return df


def main():
    sf = SurveyFeatures("data/salary_survey.csv")
    df = sf.add_bands(sf.encode(sf.load()))
    feature_cols = [c for c in df.columns if c != TARGET]
    X, y = df[feature_cols], np.log(df[TARGET])

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=df["salary_band"], random_state=3)
    model = HistGradientBoostingRegressor(max_iter=500, learning_rate=0.05, categorical_features="from_dtype")
    model.fit(X_train, y_train)

    pred = np.exp(model.predict(X_test))
    actual = np.exp(y_test)
    print(f"overall MAE: {mean_absolute_error(actual, pred):,.0f}")
    err = pd.DataFrame({"family": X_test["job_family"], "abs_err": np.abs(actual - pred)})
    print(err.groupby("family", observed=True)["abs_err"].median().sort_values().round(0))


if __name__ == "__main__":
    main()
