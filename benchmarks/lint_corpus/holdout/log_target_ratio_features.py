"""Bluebook for bulldozers (subset): sale price model with log target and ratio features."""
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_log_error
from sklearn.model_selection import train_test_split

TARGET = "SalePrice"

dozers = pd.read_csv("data/bulldozers_subset.csv", low_memory=False)
dozers = dozers[dozers["YearMade"] > 1900]
dozers["machine_age"] = 2012 - dozers["YearMade"]
dozers["hours_per_year"] = dozers["MachineHoursCurrentMeter"].fillna(0) / dozers["machine_age"].clip(lower=1)
for col in ["ProductSize", "Enclosure", "Hydraulics", "fiBaseModel"]:
    dozers[col] = dozers[col].astype("category").cat.codes

log_price = np.log(dozers.pop(TARGET))
inputs = dozers[["machine_age", "hours_per_year", "ProductSize", "Enclosure", "Hydraulics", "fiBaseModel", "ModelID"]]
assert TARGET not in inputs.columns

in_tr, in_te, lp_tr, lp_te = train_test_split(inputs, log_price, test_size=0.2, random_state=0)
rf = RandomForestRegressor(n_estimators=200, min_samples_leaf=3, max_features=0.5, n_jobs=-1).fit(in_tr, lp_tr)
print("RMSLE:", np.sqrt(mean_squared_log_error(np.exp(lp_te), np.exp(rf.predict(in_te)))))
