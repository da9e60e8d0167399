"Thresholds chosen by a rule against a brute-force loop over every candidate with scikit-learn; calibration against calibration_curve and a calibrated simulation; bad rules and bad inputs; evidence and displays."
import json
import math
from functools import lru_cache
import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from workbench.calibration import (Calibration, CalibrationBin, ThresholdChoice, ThresholdRule, calibration_report, choose_threshold,
                                   confusion_at, parse_threshold_rule, render_calibration_markdown, render_calibration_png)
from workbench.errors import ConfigError, DataError


def _generated(kind):
    "Labels and scores of an awkward shape: continuous, heavily tied, or rare positives."
    rng = np.random.default_rng({"continuous": 0, "ties": 1, "rare": 2}[kind])
    if kind == "rare":  # 5% positives, the setting where 0.5 means nothing
        y = (rng.random(400) < 0.05).astype(int)
        return y, 1 / (1 + np.exp(-(rng.normal(-3, 1, 400) + 1.8 * y)))
    y = rng.integers(0, 2, 150)
    p = np.clip(0.25 * y + 0.75 * rng.random(150), 0, 1)
    return (y, np.round(p, 1)) if kind == "ties" else (y, p)  # rounded: 11 distinct scores for 150 rows


@lru_cache(maxsize=None)
def _table(kind):
    "Every candidate threshold (each distinct score, highest first) with scikit-learn's counts and metrics there."
    y, p = _generated(kind)
    rows = []
    for t in np.unique(p)[::-1]:
        pred = (p >= t).astype(int)
        tn, fp, fn, tp = skm.confusion_matrix(y, pred, labels=[0, 1]).ravel().tolist()
        rows.append({"threshold": float(t), "precision": skm.precision_score(y, pred, zero_division=np.nan),
                     "recall": skm.recall_score(y, pred), "f1": skm.f1_score(y, pred), "tn": tn, "fp": fp, "fn": fn, "tp": tp})
    return rows


def _best(rows, key, largest=True):
    "The highest threshold whose value is (within rounding) the best: the documented tie-break."
    values = [key(r) for r in rows]
    best = max(values) if largest else min(values)
    return next(r for r, v in zip(rows, values) if abs(v - best) <= 1e-9 * max(1.0, abs(best)))


def _reference(kind, text):
    "The choice a plain loop over every candidate makes, and whether the rule was met."
    rows, rule = _table(kind), parse_threshold_rule(text)
    if rule.kind == "f1": return _best(rows, lambda r: r["f1"]), True
    if rule.kind == "cost": return _best(rows, lambda r: rule.value * r["fn"] + r["fp"], largest=False), True
    if rule.kind == "recall": return max((r for r in rows if r["recall"] >= rule.value), key=lambda r: r["threshold"]), True
    met = [r for r in rows if r["precision"] >= rule.value]
    return (min(met, key=lambda r: r["threshold"]), True) if met else (_best(rows, lambda r: r["f1"]), False)


RULES = ["f1", "precision>=0.5", "precision>=0.7", "precision>=0.95", "recall>=0.3", "recall>=0.9", "recall>=1",
         "cost=0.3", "cost=1", "cost=2.5", "cost=20"]


@pytest.mark.parametrize("kind", ["continuous", "ties", "rare"])
@pytest.mark.parametrize("text", RULES)
def test_each_rule_matches_a_loop_over_every_candidate(kind, text):
    y, p = _generated(kind)
    ref, feasible = _reference(kind, text)
    got = choose_threshold(y, p, text)
    assert got.threshold == ref["threshold"] and got.feasible == feasible
    assert got.confusion() == {k: ref[k] for k in ("tn", "fp", "fn", "tp")} and got.n == len(y)
    assert [got.precision, got.recall, got.f1] == pytest.approx([ref["precision"], ref["recall"], ref["f1"]], abs=1e-12)
    assert got.rule == parse_threshold_rule(text).text


@pytest.mark.parametrize("kind", ["continuous", "ties", "rare"])
def test_the_objective_is_what_the_rule_looks_at(kind):
    y, p = _generated(kind)
    assert choose_threshold(y, p, "f1").objective == choose_threshold(y, p, "f1").f1
    assert choose_threshold(y, p, "recall>=0.8").objective == choose_threshold(y, p, "recall>=0.8").recall
    c = choose_threshold(y, p, "cost=5")
    assert c.objective == pytest.approx(5 * c.fn + c.fp)
    assert math.isnan(choose_threshold(y, p, "fixed=0.5").objective)


@pytest.mark.parametrize("t", [0.0, 0.2, 0.5, 0.73, 1.0])
def test_fixed_threshold_and_confusion_at_are_sklearns(t):
    y, p = _generated("ties")
    want = dict(zip(("tn", "fp", "fn", "tp"), skm.confusion_matrix(y, p >= t, labels=[False, True]).ravel().tolist()))
    assert confusion_at(y, p, t) == want
    c = choose_threshold(y, p, f"fixed={t}")
    assert (c.threshold, c.confusion(), c.feasible) == (t, want, True)
    assert all(isinstance(v, int) for v in confusion_at(y, p, t).values())


def test_tied_scores_are_one_candidate_and_the_tie_break_is_the_highest_threshold():
    # F1 is 2/3 at 0.8 (tp 1, fp 0, 2 positives) and 2/3 at 0.5 (tp 2, fp 2): equal, so the higher threshold wins
    y, p = [1, 1, 0, 0, 0], [0.8, 0.5, 0.5, 0.5, 0.1]
    c = choose_threshold(y, p, "f1")
    assert (c.threshold, c.f1) == (0.8, pytest.approx(2 / 3))
    assert choose_threshold(y, p, "recall>=1").confusion() == {"tn": 1, "fp": 2, "fn": 0, "tp": 2}  # the 0.5 run moves together
    # cost 0.5: 0.5*FN + FP is 0.5 at 0.8 and 2 at 0.5; cost 2: 2 at 0.8 and 2 at 0.5 (a tie, the higher threshold wins)
    assert choose_threshold(y, p, "cost=0.5").threshold == 0.8 and choose_threshold(y, p, "cost=2").threshold == 0.8


def test_a_cost_tie_lost_to_rounding_still_breaks_towards_the_highest_threshold():
    # cost 0.1: 0.1*12 + 0 at 0.9 and 0.1*2 + 1 at 0.5 are equal in arithmetic, but 1.2000000000000002 and 1.2 in floating point
    y = np.r_[1, np.ones(10, int), 0, 1, 1, 0]
    p = np.r_[0.9, np.full(11, 0.5), 0.1, 0.1, 0.1]
    assert 0.1 * 12 + 0 != 0.1 * 2 + 1
    c = choose_threshold(y, p, "cost=0.1")
    assert (c.threshold, c.fn, c.fp) == (0.9, 12, 0)


@pytest.mark.parametrize("text", ["f1", "precision>=0.4", "recall>=0.5", "cost=3", "fixed=0.6"])
def test_all_scores_equal(text):
    y, p = np.array([0, 1, 1, 0, 1]), np.full(5, 0.6)
    c = choose_threshold(y, p, text)
    assert (c.threshold, c.confusion(), c.feasible) == (0.6, {"tn": 0, "fp": 2, "fn": 0, "tp": 3}, True)
    assert c.precision == pytest.approx(0.6)


def test_infeasible_precision_floor_falls_back_to_f1_and_says_so():
    rng = np.random.default_rng(5)
    p = rng.random(300)
    y = np.where(np.arange(300) == p.argmax(), 0, (rng.random(300) < 0.3).astype(int))  # no signal; the top-scored row is a negative
    best = max(skm.precision_score(y, p >= t) for t in np.unique(p))
    assert best < 0.9
    c = choose_threshold(y, p, "precision>=0.9")
    f1_choice = max(np.unique(p), key=lambda t: (round(skm.f1_score(y, p >= t), 12), t))  # the loop: best F1, then the highest threshold
    assert not c.feasible and c.threshold == f1_choice == choose_threshold(y, p, "f1").threshold
    assert c.note.startswith(f"No threshold reaches precision 0.9 on these 300 rows: the best is {best:.4f}")
    assert c.note.endswith("Fell back to the threshold maximising F1.") and "NOT FEASIBLE" in repr(c)
    assert choose_threshold(y, p, f"precision>={best!r}").feasible  # exactly the best is reachable


@pytest.mark.parametrize("text,rule", [
    ("f1", ThresholdRule("f1")), ("  F1 ", ThresholdRule("f1")),
    ("precision>=0.8", ThresholdRule("precision", 0.8)), ("Precision >= .8", ThresholdRule("precision", 0.8)),
    ("recall>=1", ThresholdRule("recall", 1.0)), ("RECALL>= 0.7", ThresholdRule("recall", 0.7)),
    ("cost=5", ThresholdRule("cost", 5)), ("cost = 0.25", ThresholdRule("cost", 0.25)), ("cost=1e3", ThresholdRule("cost", 1000)),
    ("fixed=0", ThresholdRule("fixed", 0.0)), ("\tfixed =0.5\n", ThresholdRule("fixed", 0.5)),
])
def test_rule_texts_parse_and_round_trip(text, rule):
    got = parse_threshold_rule(text)
    assert got == rule and parse_threshold_rule(got.text) == got and parse_threshold_rule(got) is got
    assert ThresholdRule.from_dict(json.loads(json.dumps(got.to_dict()))) == got


@pytest.mark.parametrize("text,match", [
    ("", "is not understood"), ("accuracy>=0.9", "is not understood"), ("f1=0.5", "is not understood"),
    ("precision", "is not understood"), ("precision=0.8", "is not understood"), ("precision>0.8", "is not understood"),
    ("recall<=0.7", "is not understood"), ("cost>=5", "is not understood"), ("fixed 0.5", "is not understood"),
    ("precision>=1.5", r"must be a precision floor in \(0, 1\]"), ("precision>=0", r"must be a precision floor in \(0, 1\]"),
    ("recall>=-0.1", r"must be a recall floor in \(0, 1\]"), ("cost=-1", "above 0"), ("cost=0", "above 0"),
    ("cost=inf", "above 0"), ("fixed=1.2", r"must be a score in \[0, 1\]"), ("fixed=nan", r"must be a score in \[0, 1\]"),
    ("cost=five", "'five' is not a number"), ("precision>=80%", "is not a number"),
])
def test_bad_rule_texts_name_the_accepted_forms(text, match):
    with pytest.raises(ConfigError, match=match) as err:
        parse_threshold_rule(text)
    for form in ("f1", "precision>=0.8", "recall>=0.7", "cost=5", "fixed=0.5"): assert form in str(err.value)


@pytest.mark.parametrize("kind,value", [("cost", -1), ("fixed", 2), ("precision", None), ("f1", 0.5), ("recall", "0.7"), ("auc", 0.8)])
def test_rules_built_in_code_are_checked_too(kind, value):
    with pytest.raises(ConfigError, match="Use one of: f1"):
        ThresholdRule(kind, value)


BAD_INPUTS = [
    ([0, 1, 1], [0.2, 0.9], "3 labels but 2 scores"),
    ([0, 1, 1], [0.2, np.nan, 0.5], r"scores are NaN for 1 of 3 rows \(e.g. rows \[1\]\)"),
    ([0, 1, 1], [0.2, 1.4, 0.5], r"probabilities in \[0, 1\]; got min 0.2, max 1.4"),
    ([0, 1, 1], [-0.1, 0.4, 0.5], "not decision_function"),
    ([0, 1, 2], [0.2, 0.4, 0.5], r"labels must be 0/1 .* got \[2.0\]"),
    ([0, 1, np.nan], [0.2, 0.4, 0.5], "drop unlabelled rows"),
    ([1, 1, 1], [0.2, 0.4, 0.5], r"one class only \(1 in all 3 rows\)"),
    ([], [], "No rows"),
    (["a", "b"], [0.2, 0.4], "must be numbers"),
    ([0, 1], [[0.8, 0.2], [0.3, 0.7]], r"predict_proba\(X\)\[:, 1\]"),
]


@pytest.mark.parametrize("fn", [choose_threshold, calibration_report], ids=["choose_threshold", "calibration_report"])
@pytest.mark.parametrize("y,p,match", BAD_INPUTS)
def test_bad_inputs_say_what_to_fix(fn, y, p, match):
    with pytest.raises(DataError, match=match):
        fn(y, p)


def test_confusion_at_counts_a_batch_of_one_class_and_refuses_a_bad_threshold():
    assert confusion_at([0, 0, 0], [0.1, 0.5, 0.9], 0.5) == {"tn": 1, "fp": 2, "fn": 0, "tp": 0}
    with pytest.raises(ConfigError, match="finite number"):
        confusion_at([0, 1], [0.1, 0.9], float("nan"))


def test_a_perfectly_calibrated_simulation():
    rng = np.random.default_rng(7)
    p = rng.random(100_000)
    y = (rng.random(100_000) < p).astype(int)
    cal = calibration_report(y, p)
    assert cal.ece < 0.01 and cal.mce < 0.02 and cal.reliability < 2e-4
    assert cal.brier == pytest.approx(skm.brier_score_loss(y, p), abs=1e-15)
    # the binned decomposition sums to the Brier score up to the stated residual, which is small and computed independently
    assert cal.reliability - cal.resolution + cal.uncertainty + cal.residual == pytest.approx(cal.brier, abs=1e-12)
    assert abs(cal.brier - (cal.reliability - cal.resolution + cal.uncertainty)) == pytest.approx(abs(cal.residual), abs=1e-12)
    assert abs(cal.residual) < 2e-3 and cal.residual == pytest.approx(-(0.1 ** 2) / 12, abs=2e-4)
    edges = np.quantile(p, np.linspace(0, 1, 11))
    ids = np.clip(np.searchsorted(edges, p, side="left") - 1, 0, 9)
    within_var = sum(((p[ids == k] - p[ids == k].mean()) ** 2).sum() for k in range(10)) / len(p)
    within_cov = sum(((p[ids == k] - p[ids == k].mean()) * (y[ids == k] - y[ids == k].mean())).sum() for k in range(10)) / len(p)
    assert cal.residual == pytest.approx(within_var - 2 * within_cov, abs=1e-12)


def test_a_squashed_model_is_visibly_worse_calibrated():
    rng = np.random.default_rng(3)
    p = rng.random(20_000)
    y = (rng.random(20_000) < p).astype(int)
    good, squashed = calibration_report(y, p), calibration_report(y, 0.25 + 0.5 * p)
    assert squashed.ece > 10 * good.ece and squashed.reliability > 100 * good.reliability
    assert squashed.resolution == pytest.approx(good.resolution, abs=1e-12)  # same ranking, same bins: resolution does not move


@pytest.mark.parametrize("strategy", ["quantile", "uniform"])
@pytest.mark.parametrize("kind", ["continuous", "ties", "rare"])
def test_the_curve_is_sklearns_and_the_errors_are_count_weighted(kind, strategy):
    y, p = _generated(kind)
    cal = calibration_report(y, p, n_bins=8, strategy=strategy)
    observed, predicted = calibration_curve(y, p, n_bins=8, strategy=strategy)
    assert [b.observed_rate for b in cal.bins] == pytest.approx(observed.tolist(), abs=1e-12)
    assert [b.mean_predicted for b in cal.bins] == pytest.approx(predicted.tolist(), abs=1e-12)
    assert sum(b.count for b in cal.bins) == len(y) and cal.bins_used == len(cal.bins) == len(observed)
    gaps = [abs(b.observed_rate - b.mean_predicted) for b in cal.bins]
    assert cal.ece == pytest.approx(sum(b.count * g for b, g in zip(cal.bins, gaps)) / len(y), abs=1e-12)
    assert cal.mce == pytest.approx(max(gaps), abs=1e-12)
    for b in cal.bins:  # each bin's rows lie between its edges
        assert b.lower - 1e-12 <= b.mean_predicted <= b.upper + 1e-12 and b.count > 0  # a mean of equal scores can gain a last bit
    assert cal.reliability - cal.resolution + cal.uncertainty + cal.residual == pytest.approx(cal.brier, abs=1e-12)


def test_tied_scores_collapse_quantile_bins_and_say_so():
    rng = np.random.default_rng(4)
    p = rng.choice([0.1, 0.4, 0.8], size=600, p=[0.6, 0.3, 0.1])
    y = (rng.random(600) < p).astype(int)
    cal = calibration_report(y, p, n_bins=10)
    assert cal.bins_used == 3 and cal.n_bins == 10 and "7 of 10 quantile bins are empty" in cal.notes[0]
    assert cal.residual == pytest.approx(0.0, abs=1e-12)  # equal scores within each bin: the identity is exact
    one = calibration_report([0, 1, 1, 0], [0.3] * 4)
    assert (one.bins_used, one.bins[0].lower, one.bins[0].upper) == (1, 0.3, 0.3) and one.ece == pytest.approx(0.2)


@pytest.mark.parametrize("kwargs,match", [({"n_bins": 0}, "at least 1"), ({"n_bins": 2.5}, "whole number"), ({"n_bins": True}, "whole number"),
                                          ({"strategy": "kmeans"}, "use 'quantile'")])
def test_bad_bin_settings(kwargs, match):
    with pytest.raises(ConfigError, match=match):
        calibration_report([0, 1, 1, 0], [0.1, 0.8, 0.6, 0.3], **kwargs)


def test_evidence_round_trips_through_json_with_nan_as_null():
    y, p = _generated("ties")
    cal = calibration_report(y, p)
    text = json.dumps(cal.to_dict(), allow_nan=False)
    assert Calibration.from_dict(json.loads(text)) == cal and repr(Calibration.from_dict(json.loads(text))) == repr(cal)
    assert CalibrationBin.from_dict(cal.bins[0].to_dict()) == cal.bins[0]
    none = choose_threshold(y, p, "fixed=1")  # the top score is 1.0 here, so rows do score at or above it
    empty = choose_threshold([0, 1, 0], [0.1, 0.6, 0.3], "fixed=0.9")  # nothing flagged: precision undefined
    for c in (none, empty, choose_threshold(y, p, "cost=2")):
        d = json.loads(json.dumps(c.to_dict(), allow_nan=False))
        back = ThresholdChoice.from_dict(d)
        assert repr(back) == repr(c) and back.confusion() == c.confusion()
    assert empty.to_dict()["precision"] is None and math.isnan(ThresholdChoice.from_dict(empty.to_dict()).precision)
    assert repr(choose_threshold(y, p, "f1")) == repr(choose_threshold(list(y), list(p), "f1"))  # deterministic


def test_displays_escape_text_and_the_png_is_a_deterministic_image():
    from PIL import Image
    import io
    y, p = _generated("continuous")
    hostile = "<img src=x onerror=alert(1)> | [x](javascript:alert(1))"
    cal = Calibration.from_dict({**calibration_report(y, p).to_dict(), "notes": [hostile]})
    html, md = cal._repr_html_(), render_calibration_markdown(cal)
    assert "<img" not in html and "&lt;img" in html
    assert "<img" not in md and r"\[x\]" in md and md.count("\n| ") == len(cal.bins)
    choice = ThresholdChoice.from_dict({**choose_threshold(y, p, "cost=3").to_dict(), "note": hostile, "feasible": False})
    assert "<img" not in choice._repr_html_() and "cost 3*FN + FP" in choice._repr_html_()
    png = render_calibration_png(cal, title="$5 cost <b>")
    assert png == render_calibration_png(cal, title="$5 cost <b>")
    assert Image.open(io.BytesIO(png)).size == (550, 600)
