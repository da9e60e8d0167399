"Splitters, manifests and split findings of workbench.splits: each guarantee a split makes, and each way it refuses bad input."
import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (GroupKFold, KFold, StratifiedGroupKFold, StratifiedKFold, StratifiedShuffleSplit,
                                     cross_val_score, train_test_split)
from sklearn.pipeline import make_pipeline

from workbench.config import SPLIT_LEAKAGE_TYPES
from workbench.data import DatasetSpec, encode_target
from workbench.demo import CHURN, generate_churn
from workbench.errors import ConfigError, DataError, LeakageError
from workbench.manifest import (SplitChoice, SplitManifest, check_split, check_splits, choose_splitter, make_manifest, make_manifests,
                                manifest_table, split_findings, DROP_REASONS)
from workbench.splits import LeakageFinding, PurgedKFold, StratifiedGroupShuffleSplit, TimeGroupSplit, WalkForwardSplit

DAY = pd.Timedelta(days=1)


@pytest.fixture(scope="module")
def churn():
    return generate_churn(n_customers=300, months=8)


@pytest.fixture(scope="module")
def daily():
    "One row a day for a year, a binary label and two features; no entity."
    rng = np.random.default_rng(1)
    n = 365
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="D"), "x1": rng.normal(size=n).round(6),
                         "x2": rng.normal(size=n).round(6), "y": rng.integers(0, 2, n)})


DAILY = DatasetSpec("daily", target="y", time="date")


def times(df, idx, col="snapshot_date"):
    return df[col].iloc[idx]


# ---------------------------------------------------------------- TimeGroupSplit
def test_time_group_split_orders_gaps_and_groups(churn):
    split = TimeGroupSplit(time_col="snapshot_date", test_fraction=0.25, gap="30D", random_state=0)
    folds = list(split.split(churn, groups=churn["customer_id"]))
    assert len(folds) == split.get_n_splits() == 1
    tr, te = folds[0]
    assert len(np.intersect1d(tr, te)) == 0
    assert times(churn, tr).max() + 30 * DAY < times(churn, te).min()
    assert not set(churn["customer_id"].iloc[tr]) & set(churn["customer_id"].iloc[te])


def test_time_split_without_groups_keeps_every_entity_row(churn):
    tr, te = next(TimeGroupSplit(time_col="snapshot_date", gap=0).split(churn))
    assert len(tr) + len(te) == len(churn)  # no gap, no entity draw: nothing dropped
    assert times(churn, tr).max() < times(churn, te).min()


def test_time_group_split_is_deterministic_with_random_state(churn):
    a = next(TimeGroupSplit(time_col="snapshot_date", random_state=3).split(churn, groups=churn["customer_id"]))
    b = next(TimeGroupSplit(time_col="snapshot_date", random_state=3).split(churn, groups=churn["customer_id"]))
    c = next(TimeGroupSplit(time_col="snapshot_date", random_state=4).split(churn, groups=churn["customer_id"]))
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[1], c[1])


@pytest.mark.parametrize("gap", [pd.Timedelta(days=30), "30D", 30, 30.0])
def test_gap_accepts_timedelta_string_or_days(churn, gap):
    tr, te = next(TimeGroupSplit(time_col="snapshot_date", gap=gap).split(churn))
    assert times(churn, te).min() - times(churn, tr).max() > 30 * DAY


def test_time_split_reads_a_datetime_index(daily):
    tr, te = next(TimeGroupSplit(time_col=None, gap="7D").split(daily.set_index("date")))
    assert daily["date"].iloc[te].min() - daily["date"].iloc[tr].max() > 7 * DAY


@pytest.mark.parametrize("kwargs, error, match", [
    ({"gap": "400D"}, DataError, "the data spans only 239 days"),
    ({"test_fraction": 0}, ConfigError, "test_fraction = 0 must be a number between 0 and 1"),
    ({"test_fraction": 1.5}, ConfigError, "test_fraction = 1.5"),
    ({"gap": -3}, ConfigError, "gap = -3 is negative"),
    ({"gap": "a month"}, ConfigError, "is not a duration"),
    ({"time_col": "when"}, DataError, "orders rows by 'when', which X lacks"),
    ({"entity_fraction": 1}, ConfigError, "entity_fraction = 1 must be"),
])
def test_time_group_split_bad_parameters(churn, kwargs, error, match):
    split = TimeGroupSplit(**{"time_col": "snapshot_date", **kwargs})
    with pytest.raises(error, match=match) as info:
        next(split.split(churn, groups=churn["customer_id"]))
    assert isinstance(info.value, ValueError)


def test_time_split_refuses_missing_times_and_ids(churn):
    holes = churn.assign(snapshot_date=churn["snapshot_date"].where(churn.index != 5))
    with pytest.raises(DataError, match=r"1 rows have no time in snapshot_date \(positions \[5\]\)"):
        next(TimeGroupSplit(time_col="snapshot_date").split(holes))
    with pytest.raises(DataError, match="at least 2 entities"):
        next(TimeGroupSplit(time_col="snapshot_date").split(churn, groups=np.ones(len(churn))))
    with pytest.raises(DataError, match="rows have no entity id"):
        next(TimeGroupSplit(time_col="snapshot_date").split(churn, groups=churn["customer_id"].where(churn.index != 0)))


# ---------------------------------------------------------------- WalkForwardSplit
def test_walk_forward_gap_embargo_and_order(churn):
    wf = WalkForwardSplit(4, time_col="snapshot_date", test_size=0.08, gap="30D", embargo="10D")
    folds = list(wf.split(churn))
    assert len(folds) == wf.get_n_splits() == 4
    for tr, te in folds:
        assert len(np.intersect1d(tr, te)) == 0
        assert times(churn, tr).max() + 30 * DAY < times(churn, te).min()
    for (_, te_a), (_, te_b) in zip(folds, folds[1:]):
        assert times(churn, te_a).max() + 10 * DAY < times(churn, te_b).min()  # windows move forward, an embargo apart
    assert len(folds[-1][0]) > len(folds[0][0])  # expanding window
    assert times(churn, folds[-1][1]).max() == churn["snapshot_date"].max()


def test_walk_forward_rolling_window(churn):
    for tr, te in WalkForwardSplit(3, time_col="snapshot_date", test_size=0.1, gap="30D", max_train_period="60D").split(churn):
        assert times(churn, te).min() - times(churn, tr).min() <= (30 + 60) * DAY


def test_walk_forward_groups_keep_each_entity_to_one_side_per_fold(churn):
    wf = WalkForwardSplit(3, time_col="snapshot_date", test_size=0.1, gap="30D", random_state=0)
    table = wf.fold_table(churn, groups=churn["customer_id"])
    folds = list(wf.split(churn, groups=churn["customer_id"]))
    for (tr, te), (_, row) in zip(folds, table.iterrows()):
        assert not set(churn["customer_id"].iloc[tr]) & set(churn["customer_id"].iloc[te])
        assert row["train_rows"] + row["test_rows"] + row.filter(like="dropped_").sum() == len(churn)  # every row counted
    assert set(table.filter(like="dropped_").columns) == {"dropped_gap", "dropped_after_test_window", "dropped_entity_in_test_period",
                                                          "dropped_entity_in_train_period"}
    again = list(wf.split(churn, groups=churn["customer_id"]))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(folds, again))


def test_walk_forward_too_many_folds_or_too_long_gap(churn):
    with pytest.raises(DataError, match="do not fit in"):
        list(WalkForwardSplit(20, time_col="snapshot_date", test_size=0.1).split(churn))
    with pytest.raises(DataError, match="fold 0 .* has 0 training"):
        list(WalkForwardSplit(2, time_col="snapshot_date", test_size=0.1, gap="300D").split(churn))
    with pytest.raises(ConfigError, match="n_splits = 0 must be an integer of at least 1"):
        list(WalkForwardSplit(0, time_col="snapshot_date").split(churn))


# ---------------------------------------------------------------- PurgedKFold
def test_purged_kfold_purges_and_embargoes(daily):
    pk = PurgedKFold(5, time_col="date", label_horizon="10D", embargo="3D")
    t0, t1 = pk.label_windows(daily)
    folds = list(pk.split(daily))
    assert len(folds) == pk.get_n_splits() == 5
    assert np.array_equal(np.sort(np.concatenate([te for _, te in folds])), np.arange(len(daily)))  # test blocks partition the rows
    for tr, te in folds:
        assert len(np.intersect1d(tr, te)) == 0
        assert not ((t0[tr] <= t1[te].max()) & (t1[tr] >= t0[te].min())).any()  # no label window overlaps the test span
        after = t0[tr][t0[tr] > t0[te].max()]
        if len(after): assert after.min() > t1[te].max() + np.timedelta64(3, "D")  # embargo after the last test label
    table = pk.fold_table(daily)
    assert table[["dropped_purged", "dropped_embargo"]].iloc[2].tolist() == [20, 3]  # 10 days each side; 3 embargoed
    assert table[["dropped_purged", "dropped_embargo"]].iloc[-1].tolist() == [10, 0]


def test_purged_kfold_label_end_column(daily):
    df = daily.assign(label_end=daily["date"] + pd.to_timedelta(np.where(np.arange(len(daily)) % 2, 2, 15), unit="D"))
    pk = PurgedKFold(4, time_col="date", label_end_col="label_end")
    t0, t1 = pk.label_windows(df)
    for tr, te in pk.split(df):
        assert not ((t0[tr] <= t1[te].max()) & (t1[tr] >= t0[te].min())).any()
    with pytest.raises(DataError, match="end their label window before it starts"):
        next(PurgedKFold(4, time_col="date", label_end_col="label_end").split(df.assign(label_end=df["date"] - DAY)))
    with pytest.raises(ConfigError, match="label_end_col or label_horizon, not both"):
        next(PurgedKFold(4, time_col="date", label_end_col="label_end", label_horizon="5D").split(df))


def test_purged_kfold_without_purging_is_contiguous_kfold(daily):
    ours = [te for _, te in PurgedKFold(5, time_col="date").split(daily)]
    theirs = [te for _, te in KFold(5).split(daily)]
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs))


def test_purged_kfold_groups_and_bad_parameters(churn, daily):
    pk = PurgedKFold(3, time_col="snapshot_date")
    with pytest.raises(DataError, match="keeps no training rows"):  # every customer appears in every block
        list(pk.split(churn, groups=churn["customer_id"]))
    groups = np.repeat(np.arange(73), 5)  # five consecutive days per group
    for tr, te in PurgedKFold(5, time_col="date").split(daily, groups=groups):
        assert not set(groups[tr]) & set(groups[te])
    with pytest.raises(ConfigError, match="at least 2"):
        next(PurgedKFold(1, time_col="date").split(daily))
    with pytest.raises(DataError, match="more than the 4 rows"):
        next(PurgedKFold(5, time_col="date").split(daily.head(4)))


# ---------------------------------------------------------------- StratifiedGroupShuffleSplit
def test_stratified_group_shuffle_split(churn):
    y, g = churn["churned"], churn["customer_id"]
    sgs = StratifiedGroupShuffleSplit(3, test_size=0.3, random_state=0)
    folds = list(sgs.split(churn, y, g))
    assert len(folds) == sgs.get_n_splits() == 3
    for tr, te in folds:
        assert len(tr) + len(te) == len(churn) and not set(g.iloc[tr]) & set(g.iloc[te])
        assert abs(len(te) / len(churn) - 0.3) < 0.02
        assert abs(y.iloc[te].mean() - y.mean()) < 0.006
    assert not np.array_equal(folds[0][1], folds[1][1])  # independent draws
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(folds, sgs.split(churn, y, g)))  # deterministic


def test_stratified_group_shuffle_split_refuses(churn):
    with pytest.raises(DataError, match="needs both y"):
        next(StratifiedGroupShuffleSplit().split(churn, churn["churned"]))
    with pytest.raises(DataError, match="at least 2 entities"):
        next(StratifiedGroupShuffleSplit().split(churn, churn["churned"], np.zeros(len(churn))))
    with pytest.raises(ConfigError, match="test_size = 2"):
        next(StratifiedGroupShuffleSplit(test_size=2).split(churn, churn["churned"], churn["customer_id"]))


# ---------------------------------------------------------------- scikit-learn integration
def _model():
    return make_pipeline(ColumnTransformer([("num", "passthrough", ["tenure_months", "support_calls", "usage_gb", "monthly_charges"])]),
                         LogisticRegression(max_iter=500))


@pytest.mark.parametrize("cv", [
    TimeGroupSplit(time_col="snapshot_date", random_state=0),
    WalkForwardSplit(3, time_col="snapshot_date", test_size=0.1, gap="30D", random_state=0),
    PurgedKFold(3, time_col="snapshot_date", label_horizon="30D"),
    StratifiedGroupShuffleSplit(2, random_state=0),
], ids=lambda cv: type(cv).__name__)
def test_cross_val_score_takes_the_splitters(churn, cv):
    groups = None if isinstance(cv, PurgedKFold) else churn["customer_id"]
    scores = cross_val_score(_model(), churn, churn["churned"], cv=cv, groups=groups, scoring="roc_auc")
    assert len(scores) == cv.get_n_splits() and np.isfinite(scores).all()


def test_metadata_routing_passes_groups(churn):
    cv = WalkForwardSplit(2, time_col="snapshot_date", test_size=0.1, gap="30D", random_state=0)
    plain = cross_val_score(_model(), churn, churn["churned"], cv=cv, groups=churn["customer_id"], scoring="roc_auc")
    with sklearn.config_context(enable_metadata_routing=True):
        routed = cross_val_score(_model(), churn, churn["churned"], cv=cv, params={"groups": churn["customer_id"]}, scoring="roc_auc")
    assert np.allclose(plain, routed)


# ---------------------------------------------------------------- manifests and findings
def test_manifest_of_a_clean_split_is_json_and_round_trips(churn):
    tr, te = next(TimeGroupSplit(time_col="snapshot_date", gap="30D", random_state=0).split(churn, groups=churn["customer_id"]))
    m = check_split(make_manifest(churn, tr, te, CHURN, strategy="time+group", required_gap_days=30))
    assert (m.train_rows, m.test_rows) == (len(tr), len(te))
    assert m.train_time[1] < m.test_time[0] and m.gap_days > 30
    assert sum(m.train_class_counts.values()) == len(tr) and set(m.test_class_counts) == {"0", "1"}
    assert m.train_positive_rate == round(churn["churned"].iloc[tr].mean(), 4)
    d = json.loads(json.dumps(m.to_dict()))
    assert SplitManifest.from_dict(d) == m
    assert split_findings(m) == []


def test_old_manifest_dict_still_loads_and_is_judged():
    old = {"strategy": "random", "train_rows": 8, "test_rows": 2, "train_time": ["2025-01-01T00:00:00", "2025-06-01T00:00:00"],
           "test_time": ["2025-02-01T00:00:00", "2025-03-01T00:00:00"], "gap_days": -120.0, "required_gap_days": None,
           "entity_overlap": 0, "entity_examples": [], "duplicate_overlap": 0, "train_positive_rate": 0.5, "test_positive_rate": 0.5}
    m = SplitManifest.from_dict(old)
    assert (m.fold, m.time_order_rows, m.duplicate_examples, m.warnings) == (None, 0, [], [])
    assert [f.type for f in split_findings(m)] == ["time_order"]  # told by the negative gap alone
    with pytest.raises(LeakageError, match="test starts 2025-02-01T00:00:00, training ends 2025-06-01T00:00:00"):
        check_split(m)


def _finding(m, kind):
    found = [f for f in split_findings(m) if f.type == kind]
    assert len(found) == 1, split_findings(m)
    return found[0]


def test_shuffled_split_finds_entity_overlap_and_time_order(churn):
    tr, te = train_test_split(np.arange(len(churn)), test_size=0.25, random_state=0)
    m = make_manifest(churn, tr, te, CHURN, strategy="random")
    assert {f.type for f in split_findings(m)} == {"entity_overlap", "time_order"}
    ent = _finding(m, "entity_overlap")
    shared = set(churn["customer_id"].iloc[tr]) & set(churn["customer_id"].iloc[te])
    assert ent.evidence["entities"] == len(shared) and set(ent.evidence["examples"]) <= shared
    assert ent.evidence["test_rows"] == churn["customer_id"].iloc[te].isin(shared).sum()
    order = _finding(m, "time_order")
    newest = churn["snapshot_date"].iloc[tr].max()
    assert order.evidence["rows"] == (churn["snapshot_date"].iloc[te] <= newest).sum()
    ex = order.evidence["examples"][0]
    assert pd.Timestamp(ex["test_time"]) <= pd.Timestamp(ex["train_time"]) == newest
    with pytest.raises(LeakageError) as info:
        check_split(m)
    assert all(isinstance(f, LeakageFinding) for f in info.value.findings)
    text = str(info.value)
    assert f"e.g. {ent.evidence['examples']}" in text and "Fix: declare `entity=`" in text and "Fix: use a time-ordered split" in text


def test_duplicate_rows_found_by_features_only(daily):
    copy = pd.concat([daily, daily.iloc[[3]].assign(date=daily["date"].max() + DAY, y=1 - daily["y"].iloc[3])], ignore_index=True)
    tr, te = np.arange(300), np.arange(310, len(copy))
    m = make_manifest(copy, tr, te, DAILY, strategy="time")
    f = _finding(m, "duplicate_rows")
    assert f.evidence["rows"] == 1 and f.evidence["examples"] == [{"test_row": len(daily), "train_row": 3}]
    assert "test row 365 = train row 3" in f.message


def test_empty_split_and_short_gap(daily):
    empty = make_manifest(daily, np.arange(100), [], DAILY, strategy="time", required_gap_days=7)
    assert [f.type for f in split_findings(empty)] == ["empty_split"]
    short = make_manifest(daily, np.arange(100), np.arange(103, 150), DAILY, strategy="time", required_gap_days=7)
    f = _finding(short, "short_gap")
    assert (f.evidence["observed_days"], f.evidence["required_days"], f.evidence["side"]) == (4, 7, "before")
    assert "only 4 days separate" in f.message and "less than the 7 required" in f.message
    assert split_findings(make_manifest(daily, np.arange(100), np.arange(108, 150), DAILY, strategy="time", required_gap_days=7)) == []


def test_two_sided_manifest_checks_both_gaps_and_interleaving(daily):
    tr = np.r_[np.arange(0, 90), np.arange(130, 200)]
    m = make_manifest(daily, tr, np.arange(100, 120), DAILY, strategy="purged-kfold", required_gap_days=10,
                      required_embargo_days=15, train_after_test=True)
    assert (m.gap_days, m.gap_after_days, m.time_order_rows) == (11, 11, 0)
    f = _finding(m, "short_gap")
    assert (f.evidence["side"], f.evidence["observed_days"]) == ("after", 11)
    inside = make_manifest(daily, np.r_[tr, 110], np.setdiff1d(np.arange(100, 120), [110]), DAILY, strategy="purged-kfold",
                           train_after_test=True)
    assert _finding(inside, "time_order").evidence["rows"] == 10  # test rows 100..109 are not newer than training row 110


def test_make_manifests_per_fold_and_table(churn):
    wf = WalkForwardSplit(3, time_col="snapshot_date", test_size=0.1, gap="30D", random_state=0)
    ms = make_manifests(churn, wf, CHURN, strategy="walk-forward+group", required_gap_days=30)
    assert [m.fold for m in ms] == [0, 1, 2]
    assert all(set(m.dropped) == {"gap", "after_test_window", "entity_in_test_period", "entity_in_train_period"} for m in ms)
    assert all(m.train_rows + m.test_rows + sum(m.dropped.values()) == m.input_rows == len(churn) for m in ms)
    assert check_splits(ms) == ms
    table = manifest_table(ms)
    assert list(table.index) == [0, 1, 2] and (table["gap_days"] > 30).all() and (table["entity_overlap"] == 0).all()
    holdout, = make_manifests(churn, TimeGroupSplit(time_col="snapshot_date", random_state=0), CHURN, strategy="time+group")
    assert holdout.fold is None


def test_purged_manifests_pass_where_plain_kfold_fails(daily):
    plain = make_manifests(daily, KFold(4), DAILY, strategy="kfold", required_gap_days=10, required_embargo_days=3, train_after_test=True)
    with pytest.raises(LeakageError, match="fold 1: only 1 days separate") as info:
        check_splits(plain)
    assert {f.type for f in info.value.findings} == {"short_gap"}
    purged = make_manifests(daily, PurgedKFold(4, time_col="date", label_horizon="10D", embargo="3D"), DAILY, strategy="purged-kfold",
                            required_gap_days=10, required_embargo_days=3)
    assert check_splits(purged) == purged and all(m.train_after_test for m in purged)
    assert purged[1].dropped == {"purged": 20, "embargo": 3}


def test_check_split_fail_selects_what_raises(churn):
    tr, te = train_test_split(np.arange(len(churn)), test_size=0.25, random_state=0)
    m = make_manifest(churn, tr, te, CHURN, strategy="random")
    assert check_split(m, fail=["duplicate_rows", "short_gap"]) is m
    assert check_split(m, fail=()) is m
    with pytest.raises(LeakageError) as info:
        check_split(m, fail="time_order")
    assert [f.type for f in info.value.findings] == ["time_order"]
    with pytest.raises(ConfigError, match=r"unknown split finding types \['overlap'\]"):
        check_split(m, fail=["overlap"])
    check_split(m, fail=["near_duplicates"])  # settings.leakage_fail may name workbench.leakage's types too


def test_every_split_finding_type_is_a_setting():
    assert set(SPLIT_LEAKAGE_TYPES) == {"empty_split", "entity_overlap", "duplicate_rows", "time_order", "short_gap"}


def test_leakage_finding_round_trip_and_defaults():
    f = LeakageFinding(type="time_order", evidence={"rows": 3}, message="m", fix="f")
    assert f.feature is None and LeakageFinding.from_dict(f.to_dict()) == f
    written_by_leakage = {"type": "target", "feature": "x", "evidence": {"univariate_auc": 0.99}, "message": "m", "fix": "f"}
    assert LeakageFinding.from_dict(written_by_leakage).to_dict() == written_by_leakage
    with pytest.raises(TypeError):
        LeakageFinding(type="x", evidence={})  # message and fix are required


# ---------------------------------------------------------------- choose_splitter
@pytest.mark.parametrize("time, entity, n_splits, strategy, kind", [
    ("snapshot_date", "customer_id", 1, "time+group", TimeGroupSplit),
    ("snapshot_date", None, 1, "time", TimeGroupSplit),
    (None, "customer_id", 1, "group+stratified", StratifiedGroupShuffleSplit),
    (None, None, 1, "random+stratified", StratifiedShuffleSplit),
    ("snapshot_date", "customer_id", 3, "walk-forward+group", WalkForwardSplit),
    ("snapshot_date", None, 3, "walk-forward", WalkForwardSplit),
    (None, "customer_id", 3, "group-kfold+stratified", StratifiedGroupKFold),
    (None, None, 3, "kfold+stratified", StratifiedKFold),
])
def test_choose_splitter_follows_the_declared_structure(churn, time, entity, n_splits, strategy, kind):
    spec = replace(CHURN, time=time, entity=entity)
    choice = choose_splitter(spec, test_fraction=0.25, gap_days=30, seed=0, n_splits=n_splits, embargo_days=7)
    assert isinstance(choice, SplitChoice) and isinstance(choice.splitter, kind) and choice.strategy == strategy
    assert bool(choice.warnings) == (time is None and entity is None)
    folds = list(choice.split(churn))
    assert len(folds) == n_splits == choice.splitter.get_n_splits()
    manifests = choice.manifests(churn)
    assert [m.strategy for m in manifests] == [strategy] * n_splits and all(m.warnings == choice.warnings for m in manifests)
    check_splits(manifests)  # what the spec declares is what the manifest measures, and the chosen split passes it
    if time: assert choice.required_gap_days == 30 and all(m.gap_days > 30 for m in manifests)
    json.dumps(choice.to_dict())


def test_choose_splitter_without_stratification(churn):
    choice = choose_splitter(replace(CHURN, time=None), test_fraction=0.25, gap_days=0, seed=0, n_splits=3, stratify=False)
    assert isinstance(choice.splitter, GroupKFold) and choice.strategy == "group-kfold"


def test_undeclared_structure_is_a_warning_and_a_finding():
    choice = choose_splitter(DatasetSpec("plain", target="y"), test_fraction=0.2, gap_days=30, seed=1)
    assert "declares neither a time nor an entity column" in choice.warnings[0]
    f, = choice.findings()
    assert f.type == "undeclared_structure" and f.evidence["dataset"] == "plain"


@pytest.mark.parametrize("kwargs, error, match", [
    ({"test_fraction": 0}, ConfigError, "test_fraction = 0"),
    ({"gap_days": -1}, ConfigError, "gap_days = -1 is negative"),
    ({"n_splits": 0}, ConfigError, "n_splits = 0"),
    ({"embargo_days": "soon"}, ConfigError, "embargo_days = 'soon' is not a duration"),
])
def test_choose_splitter_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        choose_splitter(CHURN, **{"test_fraction": 0.25, "gap_days": 30, "seed": 0, **kwargs})


def test_choice_split_refuses_what_the_data_cannot_give(churn):
    grouped = choose_splitter(replace(CHURN, time=None), test_fraction=0.25, gap_days=0, seed=0, n_splits=5)
    with pytest.raises(DataError, match="only 3 entities"):
        list(grouped.split(churn[churn["customer_id"].isin([10000, 10001, 10002])]))
    timed = choose_splitter(CHURN, test_fraction=0.25, gap_days=400, seed=0)
    with pytest.raises(DataError, match="data spans only"):
        timed.manifests(churn)
    with pytest.raises(DataError, match=r"needs the columns \['snapshot_date'\]"):
        list(timed.split(churn.drop(columns="snapshot_date")))
    rare = churn.head(40).assign(churned=[1] + [0] * 39)
    with pytest.raises(DataError, match="random\\+stratified split of 40 rows failed"):
        list(choose_splitter(replace(CHURN, time=None, entity=None), test_fraction=0.25, gap_days=0, seed=0).split(rare))


# ---------------------------------------------------------------- every row counted (issue "Your data, your task")
def test_unique_id_entity_with_time_keeps_every_row():
    "The issue's repro: an id unique per row declared as the entity, plus a time column, once kept 1,099 of 2,223 rows."
    rng = np.random.default_rng(0)
    n = 2223
    df = pd.DataFrame({"order_id": np.arange(n), "ordered_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 730, n)), unit="D"),
                       "amount": rng.gamma(2.0, 30.0, n), "returned": rng.integers(0, 2, n)})
    spec = DatasetSpec("orders", target="returned", task="binary", classes=(0, 1), positive=1, time="ordered_at", entity="order_id")
    tr, te, m = choose_splitter(spec, test_fraction=0.25, gap_days=30, seed=0).split_with_manifest(df)
    assert m.dropped == {"gap": m.dropped["gap"], "entity_in_test_period": 0, "entity_in_train_period": 0}
    assert len(tr) + len(te) + sum(m.dropped.values()) == m.input_rows == n
    assert len(tr) + len(te) > 0.9 * n
    assert any("unique in every row: grouping by it changes nothing" in w for w in m.warnings)
    check_split(m)


def test_entities_on_one_side_of_the_cut_keep_their_rows():
    days = pd.date_range("2024-01-01", periods=10, freq="30D")
    df = pd.DataFrame({"when": np.tile(days, 3), "who": np.repeat(["early", "late", "both"], 10), "x": np.arange(30), "y": np.arange(30) % 2})
    df.loc[df["who"] == "early", "when"] = days[0]   # only before the cut
    df.loc[df["who"] == "late", "when"] = days[-1]   # only after it
    tr, te = next(TimeGroupSplit(time_col="when", test_fraction=0.3, gap=0, random_state=0).split(df, groups=df["who"]))
    assert set(df["who"].iloc[tr]) >= {"early"} and set(df["who"].iloc[te]) >= {"late"}
    assert (df["who"].iloc[tr] == "early").sum() == 10 and (df["who"].iloc[te] == "late").sum() == 10
    assert not set(df["who"].iloc[tr]) & set(df["who"].iloc[te])


@pytest.mark.parametrize("time, entity, n_splits", [
    ("snapshot_date", "customer_id", 1), ("snapshot_date", None, 1), (None, "customer_id", 1), (None, None, 1),
    ("snapshot_date", "customer_id", 3), ("snapshot_date", None, 3), (None, "customer_id", 3), (None, None, 3),
])
def test_manifest_counts_add_up_to_the_input(churn, time, entity, n_splits):
    holes = churn.copy()
    holes.loc[holes.index[:10], "churned"] = np.nan  # 10 rows without a label: dropped, counted, named
    choice = choose_splitter(replace(CHURN, time=time, entity=entity), test_fraction=0.25, gap_days=30, seed=0, n_splits=n_splits)
    folds = choice.split_with_manifests(holes)
    assert len(folds) == n_splits
    for tr, te, m in folds:
        assert m.train_rows + m.test_rows + sum(m.dropped.values()) == m.input_rows == len(holes)
        assert m.dropped["missing_label"] == 10 and not holes["churned"].iloc[np.r_[tr, te]].isna().any()
        assert set(m.dropped) <= set(DROP_REASONS)
        assert any("10 of 1923 rows dropped: missing_label" in w for w in m.warnings)
    assert [(tr.tolist(), te.tolist()) for tr, te, _ in folds] == [(tr.tolist(), te.tolist()) for tr, te in choice.split(holes)]


@pytest.mark.parametrize("column, reason", [("snapshot_date", "missing_time"), ("customer_id", "missing_entity"), ("churned", "missing_label")])
def test_too_many_unplanned_drops_stop_with_the_fix(churn, column, reason):
    holes = churn.assign(**{column: churn[column].mask(np.arange(len(churn)) % 10 == 0)})  # 10% missing
    choice = choose_splitter(CHURN, test_fraction=0.25, gap_days=30, seed=0)
    with pytest.raises(DataError, match=rf"would drop 193 of 1923 rows \(10.0%\) .* Fix: {reason} \(193 rows\)") as info:
        choice.split_with_manifest(holes)
    assert info.value.dropped == {reason: 193}
    assert f"df.dropna(subset=['{column}'])" in str(info.value) or "label those rows" in str(info.value)
    lenient = choose_splitter(CHURN, test_fraction=0.25, gap_days=30, seed=0, max_dropped_share=0.2)
    _, _, m = lenient.split_with_manifest(holes)
    assert m.dropped[reason] == 193 and m.train_rows + m.test_rows + sum(m.dropped.values()) == len(holes)


def test_a_row_missing_several_values_counts_once(churn):
    holes = churn.copy()
    holes.loc[holes.index[:5], ["snapshot_date", "customer_id", "churned"]] = np.nan
    _, _, m = choose_splitter(CHURN, test_fraction=0.25, gap_days=30, seed=0).split_with_manifest(holes)
    assert m.dropped["missing_time"] == 5 and "missing_entity" not in m.dropped and "missing_label" not in m.dropped


def test_max_dropped_share_is_checked():
    with pytest.raises(ConfigError, match="max_dropped_share = 1.5"):
        choose_splitter(CHURN, test_fraction=0.25, gap_days=30, seed=0, max_dropped_share=1.5)


def test_a_splitter_leaving_rows_unexplained_is_counted(daily):
    from sklearn.model_selection import ShuffleSplit
    choice = SplitChoice(ShuffleSplit(1, test_size=0.2, train_size=0.5, random_state=0), "random", spec=replace(DAILY, time=None),
                         max_dropped_share=0.5)
    _, _, m = choice.split_with_manifest(daily)
    assert m.dropped == {"unassigned": len(daily) - m.train_rows - m.test_rows}
    with pytest.raises(DataError, match="unassigned"):
        SplitChoice(choice.splitter, "random", spec=replace(DAILY, time=None)).split_with_manifest(daily)


# ---------------------------------------------------------------- tasks
def _task_frame(task, n=400):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"day": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(n) // 2, unit="D"), "who": rng.integers(0, 80, n),
                       "x": rng.normal(size=n)})
    if task == "binary": return df.assign(y=np.where(rng.random(n) < 0.3, "Yes", "No")), {"positive": "Yes", "classes": ("No", "Yes")}
    if task == "multiclass": return df.assign(y=rng.choice(["red", "green", "blue"], n)), {"classes": ("blue", "green", "red")}
    return df.assign(y=rng.normal(50, 10, n)), {}


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
@pytest.mark.parametrize("time, entity", [("day", "who"), (None, "who"), (None, None)])
def test_split_and_manifest_per_task(task, time, entity):
    df, declared = _task_frame(task)
    spec = DatasetSpec("t", target="y", task=task, time=time, entity=entity, **declared)
    choice = choose_splitter(spec, test_fraction=0.25, gap_days=0, seed=0)
    stratified = "+stratified" in choice.strategy
    assert stratified == (task != "regression" and time is None)
    if task == "regression" and time is None: assert "not stratified: regression target" in choice.strategy
    tr, te, m = choice.split_with_manifest(df)
    assert m.task == task and m.train_rows + m.test_rows + sum(m.dropped.values()) == len(df)
    if task == "regression":
        assert m.train_class_counts == {} and m.train_positive_rate is None
        assert m.test_target == {"mean": round(df["y"].iloc[te].mean(), 4), "std": round(df["y"].iloc[te].std(ddof=0), 4)}
    else:
        assert list(m.test_class_counts) == list(declared["classes"]) and sum(m.test_class_counts.values()) == len(te)
        assert m.test_class_counts[declared["classes"][0]] == (df["y"].iloc[te] == declared["classes"][0]).sum()
        if task == "binary": assert m.test_positive_rate == round((df["y"].iloc[te] == "Yes").mean(), 4)
        else: assert m.test_positive_rate is None
    assert SplitManifest.from_dict(json.loads(json.dumps(m.to_dict()))) == m


def test_undeclared_classes_are_inferred_and_wrong_labels_refused(daily):
    _, _, m = choose_splitter(DAILY, test_fraction=0.25, gap_days=0, seed=0).split_with_manifest(daily)  # DAILY declares no classes
    assert set(m.train_class_counts) == {"0", "1"} and m.train_positive_rate is not None
    declared = replace(DAILY, classes=("no", "yes"), positive="yes")
    _, _, coded = choose_splitter(declared, test_fraction=0.25, gap_days=0, seed=0).split_with_manifest(daily)  # 0/1 read as codes
    assert coded.train_class_counts == {"no": m.train_class_counts["0"], "yes": m.train_class_counts["1"]}
    unknown = daily.assign(y=np.where(daily["y"] == 1, "yes", "maybe"))
    with pytest.raises(DataError, match="does not declare"):
        choose_splitter(declared, test_fraction=0.25, gap_days=0, seed=0).split_with_manifest(unknown)


def test_integer_year_time_is_parsed_as_declared():
    df = pd.DataFrame({"year": np.repeat(np.arange(2010, 2020), 20), "x": np.arange(200), "y": np.arange(200) % 2})
    spec = DatasetSpec("years", target="y", classes=(0, 1), positive=1, time="year", time_format="year")
    tr, te, m = choose_splitter(spec, test_fraction=0.2, gap_days=0, seed=0).split_with_manifest(df)
    assert m.train_time[0] == "2010-01-01T00:00:00" and m.test_time[1] == "2019-01-01T00:00:00"
    assert df["year"].iloc[tr].max() < df["year"].iloc[te].min() and len(tr) + len(te) == len(df)
    with pytest.raises(DataError, match="holds numbers .* not timestamps"):
        next(TimeGroupSplit(time_col="year").split(df))
    by_hand = make_manifest(df, tr, te, spec, strategy="time")  # raw integer years: parsed as declared, not read as nanoseconds
    assert by_hand.train_time == m.train_time and by_hand.test_time == m.test_time


def test_manifest_html_escapes_user_text():
    hostile = "<img src=x onerror=alert(1)>"
    m = SplitManifest(strategy=hostile, train_rows=1, test_rows=1, train_class_counts={hostile: 1}, dropped={hostile: 2},
                      warnings=[f"entity {hostile} | pipe"])
    page = m._repr_html_()
    assert "<img" not in page and page.count("&lt;img src=x onerror=alert(1)&gt;") == 4
    assert not hasattr(m, "_repr_markdown_")


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_manifest_reads_raw_or_encoded_labels_alike(task):
    df, declared = _task_frame(task)
    spec = DatasetSpec("t", target="y", task=task, entity="who", **declared)
    encoded = df.assign(y=encode_target(df["y"], spec))
    choice = choose_splitter(spec, test_fraction=0.25, gap_days=0, seed=0)
    _, _, raw_m = choice.split_with_manifest(df)
    _, _, enc_m = choice.split_with_manifest(encoded)
    assert (raw_m.train_class_counts, raw_m.test_positive_rate, raw_m.test_target) == (enc_m.train_class_counts, enc_m.test_positive_rate,
                                                                                        enc_m.test_target)
