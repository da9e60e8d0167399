"Leakage checks of workbench.leakage per task, and the policy: suspects reported, near-certain leaks excluded, declared decisions obeyed."
import json

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from workbench.data import DatasetSpec, encode_target
from workbench.errors import LeakageError
from workbench.leakage import (MEASURES, LeakageReport, apply_leakage_policy, check_data_leakage, feature_strength, find_future_timestamps,
                               find_identifier_leakage, find_near_duplicates, find_target_leakage)
from workbench.splits import LeakageFinding

TASKS = ["binary", "multiclass", "regression"]


def _table(task, n=600, seed=0):
    "Encoded target `y`, a planted leak (`leak`), an honest feature, noise and a category that leaks through its levels."
    rng = np.random.default_rng(seed)
    if task == "binary": y = rng.integers(0, 2, n)
    elif task == "multiclass": y = rng.integers(0, 3, n)
    else: y = rng.normal(50, 10, n)
    X = pd.DataFrame({"leak": y + rng.normal(0, 1e-3, n), "honest": y + rng.normal(0, 3 if task != "regression" else 30, n),
                      "noise": rng.normal(size=n), "code": [f"z{i}" for i in range(n)],
                      "grade": pd.Series(np.asarray(y, dtype=float)).rank(method="dense").astype(int).map(lambda v: f"g{v}").to_numpy()
                      if task != "regression" else pd.qcut(y, 20, labels=False).astype(str)})
    return X, y


# ---------------------------------------------------------------- strength per task
@pytest.mark.parametrize("task", TASKS)
def test_strength_finds_the_planted_leak_per_task(task):
    X, y = _table(task)
    s = feature_strength(X, y, task=task, categorical=["code", "grade"])
    assert s["leak"] >= 0.995 and s["noise"] < 0.6 and s["code"] < 0.6
    assert s["grade"] >= 0.95  # a category that is the label, through the task's target encoder
    findings, strengths = find_target_leakage(X, y, task=task, categorical=["code", "grade"])
    assert strengths == s
    assert {f.feature for f in findings} >= {"leak", "grade"} and "noise" not in {f.feature for f in findings}
    assert all(f.evidence["measure"] == MEASURES[task] and f.evidence["strength"] == s[f.feature] for f in findings)


def test_binary_strength_is_direction_free_auc():
    X, y = _table("binary")
    s = feature_strength(X[["honest"]].assign(flipped=-X["honest"]), y)
    auc = roc_auc_score(y, X["honest"])
    assert s["honest"] == s["flipped"] == round(max(auc, 1 - auc), 4)


def test_multiclass_strength_is_macro_one_vs_rest_auc():
    X, y = _table("multiclass", n=3000)
    only_first = pd.DataFrame({"f": (y == 0) + np.random.default_rng(2).normal(0, 1e-3, len(y))})
    # class 0 vs rest: AUC 1; classes 1 and 2 vs rest: the feature only says "not class 0", AUC 0.75 each
    assert abs(feature_strength(only_first, y, task="multiclass")["f"] - (1 + 0.75 + 0.75) / 3) < 0.02
    middle = pd.DataFrame({"code": y.astype(float)})  # the class code itself: the middle class must count too
    assert feature_strength(middle, y, task="multiclass")["code"] >= 0.995


def test_regression_strength_is_absolute_spearman():
    X, y = _table("regression")
    rho = spearmanr(-X["honest"], y).statistic
    assert feature_strength((-X[["honest"]]), y, task="regression")["honest"] == round(abs(rho), 4)


def test_strength_skips_dates_and_handles_one_class():
    X, y = _table("binary", n=50)
    assert "when" not in feature_strength(X.assign(when=pd.Timestamp("2024-01-01")), y)
    assert feature_strength(X, np.zeros(50, int)) == {}


@pytest.mark.parametrize("task", TASKS)
def test_identifier_ordered_by_outcome_is_found_per_task(task):
    X, y = _table(task, n=300)
    ids = pd.DataFrame({"row_no": pd.Series(np.asarray(y, dtype=float)).rank(method="first").astype(int).to_numpy(),
                        "visit_id": np.random.default_rng(1).permutation(300)})
    found = find_identifier_leakage(ids, y, task=task)
    assert [f.feature for f in found] == ["row_no"] and found[0].evidence["measure"] == MEASURES[task]


# ---------------------------------------------------------------- the policy
def _target(feature, strength, *, certain=0.995):
    return LeakageFinding(type="target", feature=feature, evidence={"strength": strength, "measure": "roc_auc"}, message=f"{feature} is strong",
                          fix=f"drop {feature}")


KEEP = {"decision": "keep", "reason": "measured at intake"}
EXCLUDE = {"decision": "exclude", "reason": "entered after the outcome"}


@pytest.mark.parametrize("strength, decision, action, outcome", [
    (None, None, "exclude", "kept"),
    (None, KEEP, "exclude", "kept"),
    (None, EXCLUDE, "exclude", "excluded: declared: entered after the outcome"),
    (0.96, None, "exclude", "suspect: suspect: strength below the near-certain 0.995"),
    (0.96, None, "fail", "suspect: suspect: strength below the near-certain 0.995"),
    (0.96, KEEP, "fail", "suspect: declared keep: measured at intake"),
    (0.96, EXCLUDE, "exclude", "excluded: declared: entered after the outcome"),
    (0.998, None, "exclude", "excluded: near-certain: strength 0.998"),
    (0.998, None, "fail", "fails"),
    (0.998, KEEP, "fail", "suspect: declared keep: measured at intake"),
    (0.998, EXCLUDE, "fail", "excluded: declared: entered after the outcome"),
])
def test_policy_table(strength, decision, action, outcome):
    findings = [] if strength is None else [_target("f", strength)]
    decisions = {} if decision is None else {"f": decision}
    features = ["f", "other"]
    if outcome == "fails":
        with pytest.raises(LeakageError, match="Declare a decision for the feature") as info:
            apply_leakage_policy(findings, {"f": strength}, features, action=action, decisions=decisions)
        assert [f.feature for f in info.value.findings] == ["f"] and info.value.report.action == "fail"
        return
    kept, report = apply_leakage_policy(findings, {"f": strength}, features, action=action, decisions=decisions)
    assert "other" in kept
    if outcome == "kept":
        assert "f" in kept and report.suspects == [] and report.excluded == []
    elif outcome.startswith("excluded: "):
        assert "f" not in kept and report.excluded == [{"feature": "f", "reason": outcome[len("excluded: "):]}] and report.suspects == []
    else:
        assert "f" in kept and report.excluded == []
        assert report.suspects == [{"feature": "f", "types": ["target"], "strength": strength, "reason": outcome[len("suspect: "):]}]
        assert report.warnings == ["target"]
    assert report.decisions == decisions
    assert LeakageReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def test_future_timestamp_is_near_certain_and_identifier_a_suspect():
    future = LeakageFinding(type="future_timestamp", feature="closed_at", evidence={"share": 0.4, "rows_after": 40}, message="m", fix="f")
    ident = LeakageFinding(type="identifier", feature="row_no", evidence={"strength": 0.9, "measure": "roc_auc"}, message="m", fix="f")
    sure_id = LeakageFinding(type="identifier", feature="ticket_no", evidence={"strength": 1.0, "measure": "roc_auc"}, message="m", fix="f")
    kept, report = apply_leakage_policy([future, ident, sure_id], {}, ["closed_at", "row_no", "ticket_no", "x"], action="exclude")
    assert kept == ["row_no", "x"]
    assert report.excluded == [{"feature": "closed_at", "reason": "near-certain: dated after the prediction time in 40.0% of rows"},
                               {"feature": "ticket_no", "reason": "near-certain: strength 1"}]
    assert report.suspect_features == ["row_no"] and report.warnings == ["identifier"]
    kept, report = apply_leakage_policy([future], {}, ["closed_at"], action="fail", decisions={"closed_at": KEEP})
    assert kept == ["closed_at"] and report.suspects == [{"feature": "closed_at", "types": ["future_timestamp"], "strength": None,
                                                          "reason": "declared keep: measured at intake"}]


def test_row_findings_fail_by_type_and_otherwise_warn():
    near = LeakageFinding(type="near_duplicates", evidence={"rows": 3}, message="3 rows", fix="dedupe")
    with pytest.raises(LeakageError, match="removed from leakage_fail"):
        apply_leakage_policy([near], {}, ["x"], action="exclude", fail_types=["near_duplicates"])
    kept, report = apply_leakage_policy([near], {}, ["x"], action="fail", fail_types=["entity_overlap"])
    assert kept == ["x"] and report.warnings == ["near_duplicates"] and report.excluded == []


def test_old_report_dict_still_reads():
    old = {"action": "exclude", "threshold": 0.95, "univariate_auc": {"x": 0.99, "y": 0.6}, "excluded": ["x"], "warnings": ["near_duplicates"],
           "fail_types": ["entity_overlap"],
           "findings": [{"type": "target", "feature": "x", "evidence": {"univariate_auc": 0.99}, "message": "m", "fix": "f"}]}
    r = LeakageReport.from_dict(old)
    assert (r.suspect, r.certain, r.measure, r.strength) == (0.95, 0.95, "roc_auc", {"x": 0.99, "y": 0.6})
    assert r.excluded == [{"feature": "x", "reason": "excluded (reason not recorded)"}] and r.suspects == [] and r.decisions == {}
    assert r.findings[0].feature == "x" and LeakageReport.from_dict(r.to_dict()) == r
    # the old evidence key is still read by the policy
    _, again = apply_leakage_policy(r.findings, r.strength, ["x", "y"], action="exclude", suspect=0.95, certain=0.95)
    assert again.excluded == [{"feature": "x", "reason": "near-certain: strength 0.99"}]


def test_report_html_escapes_hostile_names():
    hostile = "<img src=x onerror=alert(1)>"
    f = _target(hostile, 0.999)
    _, report = apply_leakage_policy([f, _target("a|b", 0.96)], {hostile: 0.999, "a|b": 0.96}, [hostile, "a|b"], action="exclude",
                                     decisions={"a|b": {"decision": "keep", "reason": "<script>x</script>"}})
    page = report._repr_html_()
    assert "<img" not in page and "<script>" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page and "a|b" in page
    assert not hasattr(report, "_repr_markdown_") and "LeakageReport(2 findings" in repr(report)


# ---------------------------------------------------------------- all checks on declared data
@pytest.mark.parametrize("task", TASKS)
def test_check_data_leakage_takes_raw_labels_per_task(task):
    X, y = _table(task, n=400)
    if task == "binary": raw, declared = np.where(y == 1, "Yes", "No"), {"positive": "Yes", "classes": ("No", "Yes")}
    elif task == "multiclass": raw, declared = np.array(["red", "green", "blue"])[y], {"classes": ("red", "green", "blue")}
    else: raw, declared = y, {}
    df = X.drop(columns=["code"]).assign(label=raw, day=pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(400), unit="D"))
    spec = DatasetSpec("t", target="label", task=task, time="day", categorical=("grade",), **declared)
    features = ["leak", "honest", "noise", "grade"]
    findings, strengths = check_data_leakage(df.iloc[:300], df.iloc[300:], spec, features)
    assert {f.feature for f in findings if f.type == "target"} >= {"leak", "grade"}
    assert set(strengths) == set(features)
    kept, report = apply_leakage_policy(findings, strengths, features, action="exclude", decisions={"grade": KEEP})
    assert "leak" not in kept and "grade" in kept and report.measure == MEASURES[task]
    encoded = df.assign(label=encode_target(df["label"], spec))  # labels already encoded read the same
    assert check_data_leakage(encoded.iloc[:300], encoded.iloc[300:], spec, features)[1] == strengths


def test_check_data_leakage_infers_undeclared_classes_and_parses_year_times():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"season": np.repeat(np.arange(2000, 2020), 10), "x": rng.normal(size=200), "won": rng.integers(0, 2, 200)})
    df["contract_end_date"] = (pd.to_datetime(df["season"].astype(str)) + pd.to_timedelta(np.where(df["won"] == 1, 400, -30), unit="D")).astype(str)
    spec = DatasetSpec("seasons", target="won", time="season", time_format="year")  # no classes declared
    findings, _ = check_data_leakage(df.iloc[:150], df.iloc[150:], spec, ["x", "contract_end_date"])
    future = [f for f in findings if f.type == "future_timestamp"]
    assert [f.feature for f in future] == ["contract_end_date"] and future[0].evidence["rows_after"] == df["won"].iloc[:150].sum()


def test_near_duplicates_ignore_the_target_and_keep_index_labels():
    rng = np.random.default_rng(0)
    train = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200), "y": rng.normal(size=200)},
                         index=[f"r{i}" for i in range(200)])
    copy = train.iloc[:5].assign(a=lambda d: d["a"] + 1e-4, y=rng.normal(size=5))
    copy.index = [f"copy{i}" for i in range(5)]
    found, = find_near_duplicates(train, copy, numeric=["a", "b"])
    assert found.evidence["rows"] == 5 and found.evidence["examples"][0]["test_row"].startswith("copy")
    json.dumps(found.to_dict())


def test_future_timestamps_compare_time_zones_in_utc():
    df = pd.DataFrame({"at": pd.to_datetime(["2024-01-01 12:00"] * 4).tz_localize("UTC"),
                       "paid_at": pd.to_datetime(["2024-01-01 11:00", "2024-01-01 13:00", "2024-01-01 10:00", "2024-01-01 09:00"])})
    found, = find_future_timestamps(df, time="at")
    assert found.evidence["rows_after"] == 1
