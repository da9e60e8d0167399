"""Thyroid disease detection (imbalanced): hybrid resampling + random forest, 5x2 CV."""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from imblearn.combine import SMOTETomek
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import RepeatedStratifiedKFold, cross_validate


@dataclass
class ResampledExperiment:
    path: str = "data/thyroid0387.csv"
    target: str = "hyperthyroid"
    seed: int = 0
    scores: dict = field(default_factory=dict)

    def load(self):
        frame = pd.read_csv(self.path).dropna(subset=["TSH", "T3", "TT4", "T4U", "FTI"])
        frame = pd.get_dummies(frame, columns=["sex", "referral_source"], drop_first=True)
        return frame.drop(columns=[self.target, "patient_ref"]), frame[self.target]

    def balance(self, feats, lbl):
        return SMOTETomek(random_state=self.seed).fit_resample(feats, lbl)

    def evaluate(self):
        feats, lbl = self.load()
        print("prevalence before:", lbl.mean().round(4))
        feats_bal, lbl_bal = self.balance(feats, lbl)
        cv = RepeatedStratifiedKFold(n_splits=2, n_repeats=5, random_state=self.seed)
        forest = RandomForestClassifier(n_estimators=500, n_jobs=-1, random_state=self.seed)
        res = cross_validate(forest, feats_bal, lbl_bal, cv=cv, scoring=["recall", "precision", "f1"])
        self.scores = {k: float(np.mean(v)) for k, v in res.items() if k.startswith("test_")}
        return self.scores


if __name__ == "__main__":
    print(ResampledExperiment().evaluate())
