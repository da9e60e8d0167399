"Metrics with intervals for every task: keys, intervals, agreement with scikit-learn, entity bootstrap, input errors, evidence, display."
import numpy as np
import pytest
from sklearn import metrics as skm
from workbench.errors import ConfigError, DataError
from workbench.evaluate import (METRICS, PRIMARY, Evaluation, MetricEstimate, evaluate_predictions, metric_goal, primary_metric)


def _data(task, n=300, seed=0):
    "Labels and scores with some signal, for a task."
    rng = np.random.default_rng(seed)
    if task == "binary":
        y = rng.integers(0, 2, n)
        return y, np.clip(0.3 * y + 0.7 * rng.random(n), 0, 1)
    if task == "multiclass":
        y = rng.integers(0, 3, n)
        logits = rng.normal(size=(n, 3)) + 1.5 * np.eye(3)[y]
        return y, np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = rng.normal(10, 3, n)
    return y, y + rng.normal(0, 2, n)


KEYS = {"binary": ["roc_auc", "average_precision", "log_loss", "brier", "precision", "recall", "f1"],
        "multiclass": ["accuracy", "macro_f1", "log_loss", "roc_auc_ovr"],
        "regression": ["rmse", "mae", "r2", "mape"]}

SKLEARN = {  # task -> key -> the scikit-learn value on all rows
    "binary": {"roc_auc": lambda y, s: skm.roc_auc_score(y, s), "average_precision": lambda y, s: skm.average_precision_score(y, s),
               "log_loss": lambda y, s: skm.log_loss(y, s), "brier": lambda y, s: skm.brier_score_loss(y, s),
               "precision": lambda y, s: skm.precision_score(y, s >= 0.5), "recall": lambda y, s: skm.recall_score(y, s >= 0.5),
               "f1": lambda y, s: skm.f1_score(y, s >= 0.5)},
    "multiclass": {"accuracy": lambda y, s: skm.accuracy_score(y, s.argmax(1)), "macro_f1": lambda y, s: skm.f1_score(y, s.argmax(1), average="macro"),
                   "log_loss": lambda y, s: skm.log_loss(y, s), "roc_auc_ovr": lambda y, s: skm.roc_auc_score(y, s, multi_class="ovr")},
    "regression": {"rmse": lambda y, s: skm.root_mean_squared_error(y, s), "mae": lambda y, s: skm.mean_absolute_error(y, s),
                   "r2": lambda y, s: skm.r2_score(y, s), "mape": lambda y, s: skm.mean_absolute_percentage_error(y, s)},
}


@pytest.mark.parametrize("task", list(KEYS))
def test_metric_keys_primary_and_registry(task):
    ev = evaluate_predictions(*_data(task), task=task, resamples=200, random_state=0)
    assert list(ev.metrics) == KEYS[task] == list(METRICS[task])
    assert ev.primary == PRIMARY[task] == primary_metric(task)[0] and ev.task == task
    assert all(metric_goal(k) in ("maximize", "minimize") for k in ev.metrics)


@pytest.mark.parametrize("task", list(KEYS))
def test_intervals_bracket_the_point_values(task):
    ev = evaluate_predictions(*_data(task), task=task, resamples=300, random_state=1)
    for key, m in ev.metrics.items():
        assert m.ci_low <= m.value <= m.ci_high, (key, m)
        assert m.ci_low < m.ci_high, (key, m)


@pytest.mark.parametrize("task,key", [(t, k) for t, table in SKLEARN.items() for k in table])
def test_point_values_are_sklearns(task, key):
    y, s = _data(task, seed=2)
    ev = evaluate_predictions(y, s, task=task, resamples=20, random_state=0)
    assert ev.metrics[key].value == pytest.approx(SKLEARN[task][key](y, s), abs=1e-6)


@pytest.mark.parametrize("task", list(KEYS))
def test_one_resample_equals_sklearn_on_the_drawn_rows(task):
    "With one resample both bounds are that resample's value: the numpy metric on the drawn rows, which must be sklearn's."
    y, s = _data(task, n=80, seed=3)
    ev = evaluate_predictions(y, s, task=task, resamples=1, random_state=5)
    drawn = np.random.default_rng(5).integers(0, len(y), (1, len(y)))[0]
    for key, m in ev.metrics.items():
        assert m.ci_low == m.ci_high == pytest.approx(SKLEARN[task][key](y[drawn], s[drawn]), abs=1e-6), key


def test_per_class_precision_recall_and_support():
    y, s = _data("multiclass")
    ev = evaluate_predictions(y, s, task="multiclass", classes=["a", "b", "c"], resamples=200, random_state=0)
    precision, recall = skm.precision_score(y, s.argmax(1), average=None), skm.recall_score(y, s.argmax(1), average=None)
    for j, c in enumerate("abc"):
        row = ev.per_class[c]
        assert row["support"] == int((y == j).sum()) == ev.class_counts[c]
        assert row["precision"].value == pytest.approx(precision[j], abs=1e-6) and row["recall"].value == pytest.approx(recall[j], abs=1e-6)
        assert row["recall"].ci_low <= row["recall"].value <= row["recall"].ci_high
    assert not any(k.startswith(("precision", "recall")) for k in ev.metrics)


def test_entity_bootstrap_is_at_least_as_wide_when_a_group_shares_its_label():
    rng = np.random.default_rng(0)
    group = np.repeat(np.arange(50), 8)
    y = rng.integers(0, 2, 50)[group]
    s = np.clip(0.25 * y + 0.6 * rng.random(50)[group] + 0.1 * rng.random(len(group)), 0, 1)
    rows = evaluate_predictions(y, s, task="binary", random_state=0)
    entities = evaluate_predictions(y, s, task="binary", groups=group, random_state=0)
    assert (rows.method, entities.method) == ("row bootstrap", "entity bootstrap over 50 groups")
    for key in ("roc_auc", "brier", "log_loss"):
        r, e = rows.metrics[key], entities.metrics[key]
        assert e.value == r.value and e.ci_high - e.ci_low >= r.ci_high - r.ci_low, key


def test_same_seed_same_evaluation():
    y, s = _data("binary")
    assert evaluate_predictions(y, s, task="binary", random_state=3) == evaluate_predictions(y, s, task="binary", random_state=3)


def test_mape_left_out_with_a_note_when_a_target_is_zero():
    y, s = _data("regression")
    y[0] = 0.0
    ev = evaluate_predictions(y, s, task="regression", resamples=50, random_state=0)
    assert "mape" not in ev.metrics and any(n.startswith("mape is not reported: a true value is zero") for n in ev.notes)


@pytest.mark.parametrize("task,y,scores,kwargs,match", [
    ("binary", [0, 1, 1], [0.2, 0.9], {}, r"y_true has shape \(3,\) but scores has \(2,\)"),
    ("binary", [0, np.nan, 1], [0.2, 0.5, 0.9], {}, r"y_true is missing for 1 of 3 rows"),
    ("binary", [0, 1, 1], [0.2, np.nan, 0.9], {}, r"scores are NaN or infinite for 1 of 3 rows"),
    ("binary", [1, 1, 1], [0.2, 0.9, 0.4], {}, r"one class only .*Evaluate on more rows"),
    ("multiclass", [2, 2], [[0.1, 0.1, 0.8], [0.2, 0.2, 0.6]], {}, r"one class only .*Evaluate on more rows"),
    ("binary", [0, 1], [-0.5, 1.5], {}, r"probabilities in \[0, 1\]; got min -0.5, max 1.5"),
    ("multiclass", [0, 1], [[0.5, 0.5], [0.4, 0.6]], {"classes": ["a", "b", "c"]}, r"must name the 2 score columns"),
    ("multiclass", [0, 1], [[0.9, 0.9, 0.1], [0.1, 0.8, 0.1]], {}, r"must sum to 1"),
    ("binary", [0, 2], [0.1, 0.9], {}, r"binary labels must be codes 0..1"),
    ("binary", [0, 1], [[0.9, 0.1], [0.2, 0.8]], {}, r"predict_proba\(X\)\[:, 1\]"),
    ("binary", [0, 1, 0], [0.1, 0.9, 0.3], {"groups": ["a", "b"]}, r"groups has 2 ids for 3 rows"),
])
def test_bad_input_says_what_to_fix(task, y, scores, kwargs, match):
    with pytest.raises(DataError, match=match):
        evaluate_predictions(y, scores, task=task, resamples=10, **kwargs)


def test_unknown_task_and_metric():
    with pytest.raises(ConfigError, match="task = 'ranking' is not one of"):
        evaluate_predictions([0, 1], [0.1, 0.9], task="ranking")
    with pytest.raises(ConfigError, match="Unknown metric 'auc'"):
        metric_goal("auc")
    assert primary_metric("regression") == ("rmse", "minimize") and metric_goal("rmse_ci_high") == "minimize"


def test_old_binary_evidence_still_loads():
    old = {"metrics": {"roc_auc": {"name": "ROC AUC", "value": 0.81, "ci_low": 0.78, "ci_high": 0.84},
                       "accuracy": {"name": "accuracy at 0.5", "value": 0.9, "ci_low": 0.88, "ci_high": 0.92}},
           "n_rows": 1500, "positive_rate": 0.1, "confidence": 0.95, "resamples": 1000,
           "method": "percentile bootstrap (scipy.stats.bootstrap, paired)"}
    ev = Evaluation.from_dict(old)
    assert (ev.task, ev.primary, ev.positive_rate, ev.per_class, ev.notes) == ("binary", "roc_auc", 0.1, {}, [])
    assert ev.metrics["roc_auc"] == MetricEstimate("ROC AUC", 0.81, 0.78, 0.84)
    assert ev.flat() == {"roc_auc": 0.81, "roc_auc_ci_low": 0.78, "roc_auc_ci_high": 0.84,
                         "accuracy": 0.9, "accuracy_ci_low": 0.88, "accuracy_ci_high": 0.92}


@pytest.mark.parametrize("task", list(KEYS))
def test_round_trip_through_json(task):
    import json
    ev = evaluate_predictions(*_data(task), task=task, classes=["x", "y", "z"] if task == "multiclass" else None, resamples=50, random_state=0)
    assert Evaluation.from_dict(json.loads(json.dumps(ev.to_dict(), allow_nan=False))) == ev
    assert repr(ev) == repr(Evaluation.from_dict(ev.to_dict()))


def test_html_escapes_a_hostile_class_name():
    hostile = "<script>alert(1)</script>"
    y, s = _data("multiclass")
    ev = evaluate_predictions(y, s, task="multiclass", classes=[hostile, "b", "c"], resamples=50, random_state=0)
    shown = ev._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert all("<" not in k for k in ev.flat())
