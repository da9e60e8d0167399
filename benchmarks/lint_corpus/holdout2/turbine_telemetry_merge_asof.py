"""Wind turbine gearbox failure: will this turbine fail within the next 7 days?

telemetry.parquet: 10-minute SCADA aggregates per turbine (turbine_id, ts, ...).
maintenance.csv:   past maintenance events (turbine_id, ts, kind).
failures.csv:      confirmed gearbox failures (turbine_id, ts).
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, roc_auc_score

HORIZON = pd.Timedelta(days=7)
CUTOFF = pd.Timestamp("2023-01-01")


def load():
    tel = pd.read_parquet("data/telemetry.parquet")
    tel["ts"] = pd.to_datetime(tel["ts"])
    maint = pd.read_csv("data/maintenance.csv", parse_dates=["ts"])
    fail = pd.read_csv("data/failures.csv", parse_dates=["ts"])
    return tel.sort_values("ts"), maint.sort_values("ts"), fail.sort_values("ts")


def add_maintenance_features(tel, maint):
    # most recent maintenance at or before each telemetry row
    m = maint.rename(columns={"ts": "maint_ts"})
    out = pd.merge_asof(tel, m, left_on="ts", right_on="maint_ts", by="turbine_id", direction="backward")
    out["hours_since_maint"] = (out["ts"] - out["maint_ts"]).dt.total_seconds() / 3600
    out["last_maint_kind"] = out["kind"].astype("category").cat.codes
    return out.drop(columns=["maint_ts", "kind"])


def add_label(tel, fail):
    # label: the next failure of this turbine happens within HORIZON (looks forward on purpose: it is the target)
    f = fail.rename(columns={"ts": "next_fail_ts"})
    out = pd.merge_asof(tel, f, left_on="ts", right_on="next_fail_ts", by="turbine_id", direction="forward")
    out["fail_7d"] = ((out["next_fail_ts"] - out["ts"]) <= HORIZON).astype(int)
    return out.drop(columns=["next_fail_ts"])


def add_rolling(tel):
    tel = tel.sort_values(["turbine_id", "ts"])
    g = tel.groupby("turbine_id")
    for col in ["gear_oil_temp", "gear_bearing_temp", "rotor_rpm", "power_kw"]:
        tel[f"{col}_mean_24h"] = g[col].transform(lambda s: s.rolling(144, min_periods=36).mean())
        tel[f"{col}_std_24h"] = g[col].transform(lambda s: s.rolling(144, min_periods=36).std())
    tel["oil_minus_ambient"] = tel["gear_oil_temp"] - tel["ambient_temp"]
    return tel


def main():
    tel, maint, fail = load()
    df = add_rolling(add_label(add_maintenance_features(tel, maint), fail))
    df = df.dropna()
    feats = [c for c in df.columns if c not in ("turbine_id", "ts", "fail_7d")]

    train = df[df["ts"] < CUTOFF - HORIZON]   # a gap so that no training label looks into the test period
    test = df[df["ts"] >= CUTOFF]
    print(f"train {len(train)} rows to {train['ts'].max()}, test {len(test)} rows from {test['ts'].min()}")

    rf = RandomForestClassifier(n_estimators=300, min_samples_leaf=50, class_weight="balanced", n_jobs=-1, random_state=0)
    rf.fit(train[feats], train["fail_7d"])
    p = rf.predict_proba(test[feats])[:, 1]
    print("test AUC", round(roc_auc_score(test["fail_7d"], p), 3), "AP", round(average_precision_score(test["fail_7d"], p), 3))


if __name__ == "__main__":
    main()
