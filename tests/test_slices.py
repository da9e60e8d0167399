"Metrics per slice for every task: point values and gaps equal fairlearn's MetricFrame, intervals, undefined slices, escaping, entities, bad input."
import json
import re
import mistune
import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame
from sklearn import metrics as skm
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
from workbench.errors import ConfigError, DataError
from workbench.evaluate import metric_goal
from workbench.markup import md_to_html
from workbench.slices import (DEFAULT_METRICS, MISSING, SliceReport, render_slices_html, render_slices_markdown, slice_labels,
                              slice_metrics)

TASKS = ["binary", "multiclass", "regression"]
HOSTILE = "<img src=x onerror=alert(1)>|x"
SKLEARN = {  # task -> key -> scikit-learn's own function, as a MetricFrame metric
    "binary": {"roc_auc": skm.roc_auc_score, "recall": lambda y, s: skm.recall_score(y, s >= 0.5),
               "precision": lambda y, s: skm.precision_score(y, s >= 0.5)},
    "multiclass": {"macro_f1": lambda y, s: skm.f1_score(y, s.argmax(1), average="macro", labels=[0, 1, 2], zero_division=np.nan),
                   "accuracy": lambda y, s: skm.accuracy_score(y, s.argmax(1))},
    "regression": {"rmse": skm.root_mean_squared_error, "mae": skm.mean_absolute_error},
}


def _data(task, n=900, seed=0):
    "Labels, scores and slicing columns where the model is worse on one segment: text with a missing value, a binned number, a flag."
    rng = np.random.default_rng(seed)
    segment = rng.choice(["north", "south", HOSTILE], n, p=[0.5, 0.3, 0.2]).astype(object)
    segment[rng.random(n) < 0.08] = None
    noise = np.where(segment == "south", 2.0, 1.0)  # the model is worse in the south
    cols = pd.DataFrame({"segment": segment, "age": rng.integers(18, 90, n), "member": rng.random(n) < 0.4})
    if task == "binary":
        y = rng.integers(0, 2, n)
        return y, 1 / (1 + np.exp(-(2 * y - 1) * 1.5 / noise - rng.normal(0, 1, n))), cols
    if task == "multiclass":
        y = rng.integers(0, 3, n)
        logits = rng.normal(size=(n, 3)) * noise[:, None] + 1.5 * np.eye(3)[y]
        return y, np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), cols
    y = rng.normal(10, 3, n)
    return y, y + rng.normal(0, 2, n) * noise, cols


@pytest.fixture(scope="module", params=TASKS)
def sliced(request):
    task = request.param
    y, s, cols = _data(task)
    return task, y, s, cols, slice_metrics(y, s, cols, task=task, resamples=300, random_state=0, roles={"segment": "sensitive"})


def test_point_values_and_gaps_equal_metricframe(sliced):
    task, y, s, cols, rep = sliced
    assert list(rep.metrics) == DEFAULT_METRICS[task]
    for name in cols:
        col = rep.column(name)
        mf = MetricFrame(metrics=SKLEARN[task], y_true=y, y_pred=s, sensitive_features=slice_labels(cols[name])[0])
        for key in SKLEARN[task]:
            ours = [sl.metrics[key].value for sl in col.slices]
            assert ours == pytest.approx(mf.by_group[key].reindex([sl.value for sl in col.slices]).tolist(), abs=1e-6), (name, key)
            assert col.gaps[key].value == pytest.approx(mf.difference()[key], abs=1e-6), (name, key)
        assert [sl.rows for sl in col.slices] == [int((slice_labels(cols[name])[0] == sl.value).sum()) for sl in col.slices]


def test_gap_is_best_minus_worst_and_its_interval_holds_it(sliced):
    task, y, s, cols, rep = sliced
    for col in rep.columns:
        for key, gap in col.gaps.items():
            value = {sl.value: sl.metrics[key].value for sl in col.slices}
            sign = 1 if metric_goal(key) == "maximize" else -1
            assert sign * (value[gap.best] - value[gap.worst]) == pytest.approx(gap.value, abs=2e-6) and gap.value >= 0
            assert max(sign * v for v in value.values()) == pytest.approx(sign * value[gap.best], abs=1e-9)
            assert gap.ci_low <= gap.value <= gap.ci_high, (col.name, key, gap)
        for sl in col.slices:
            for key, m in sl.metrics.items():
                assert m.ci_low <= m.value <= m.ci_high, (col.name, sl.value, key, m)


def test_the_worse_segment_is_found(sliced):
    task, y, s, cols, rep = sliced
    gap = rep.column("segment").gaps[DEFAULT_METRICS[task][0]]
    assert gap.worst == "south" and gap.ci_low > 0, gap  # twice the noise there: a real gap, told apart from 0
    assert rep.column("segment").role == "sensitive" and rep.column("age").role == "segment"


def test_slicing_rules_missing_values_and_bins(sliced):
    task, y, s, cols, rep = sliced
    seg, age, member = (rep.column(c) for c in cols)
    assert [sl.value for sl in seg.slices] == [HOSTILE, "north", "south", MISSING] and seg.binned == ""
    assert len(age.slices) == 4 and age.binned.startswith("cut into 4 quartile bins") and age.slices[0].value.startswith("[18, ")
    assert [sl.value for sl in member.slices] == ["False", "True"]
    assert sum(sl.rows for sl in age.slices) == rep.n_rows


def test_json_round_trip_and_determinism(sliced):
    task, y, s, cols, rep = sliced
    d = json.loads(json.dumps(rep.to_dict()))
    assert SliceReport.from_dict(d).to_dict() == rep.to_dict()
    again = slice_metrics(y, s, cols, task=task, resamples=300, random_state=0, roles={"segment": "sensitive"})
    assert again.to_dict() == rep.to_dict() and repr(again) == repr(rep)
    assert set(rep.to_frame()["metric"]) == set(DEFAULT_METRICS[task])


@pytest.mark.parametrize("task,key,y,s,reason", [
    ("binary", "roc_auc", [0] * 8 + [0, 1] * 20, None, "the slice holds one class only"),
    ("binary", "recall", [0] * 8 + [0, 1] * 20, None, "the slice holds one class only"),
    ("multiclass", "roc_auc_ovr", [0, 1] * 4 + [0, 1, 2] * 14, None, "a class has no test rows"),
    ("regression", "r2", [5.0] * 8 + list(np.linspace(0, 9, 40)), None, "the target is constant"),
])
def test_undefined_metric_on_a_slice_is_a_note_not_an_error(task, key, y, s, reason):
    y = np.array(y)
    rng = np.random.default_rng(0)
    s = {"binary": lambda: rng.random(len(y)), "multiclass": lambda: rng.dirichlet([1, 1, 1], len(y)),
         "regression": lambda: y + rng.normal(0, 1, len(y))}[task]()
    cols = pd.DataFrame({"part": ["odd"] * 8 + ["rest"] * (len(y) - 8)})
    rep = slice_metrics(y, s, cols, task=task, metrics=[key], min_count=5, resamples=100, random_state=0)
    odd, rest = rep.column("part").slices
    assert np.isnan(odd.metrics[key].value) and np.isfinite(rest.metrics[key].value)
    assert any(w.startswith("part = 'odd'") and reason in w for w in rep.warnings), rep.warnings
    assert any("fewer than two slices define" in w for w in rep.warnings) and not rep.column("part").gaps
    assert "undefined" in render_slices_markdown(rep)


def test_small_slices_are_warned_about():
    y, s, cols = _data("binary", n=300)
    cols["segment"] = np.where(np.arange(300) < 7, "rare", cols["segment"])
    rep = slice_metrics(y, s, cols[["segment"]], task="binary", resamples=100, random_state=0)
    assert any(w.startswith("segment = 'rare': 7 rows, under min_count = 30") for w in rep.warnings)
    assert "7 (under 30)" in render_slices_markdown(rep)


permissive = mistune.create_markdown(escape=False, plugins=["table"])  # raw HTML passed through, as a lax viewer would


@pytest.mark.parametrize("render", [permissive, md_to_html], ids=["permissive", "md_to_html"])
def test_hostile_slice_values_and_column_names_stay_text(render):
    y, s, cols = _data("binary", n=400)
    cols = cols.rename(columns={"member": "<script>alert(1)</script>"})
    rep = slice_metrics(y, s, cols, task="binary", resamples=50, random_state=0)
    for page in (render(render_slices_markdown(rep)), render_slices_html(rep), rep._repr_html_()):
        assert not re.search(r"<(script|img)\b", page), page[:500]
        rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
        assert {len(re.findall(r"<t[hd]\b", r)) for r in rows} == {4, 6}  # gap rows and slice rows: the | split no cell
        assert "&lt;img src=x onerror=alert(1)&gt;|x" in page


def test_entities_resample_whole_entities():
    rng = np.random.default_rng(0)
    customer = np.repeat(np.arange(80), 10)
    label = rng.integers(0, 2, 80)[customer]
    score = np.clip(0.25 * label + 0.6 * rng.random(80)[customer] + 0.1 * rng.random(800), 0, 1)
    cols = pd.DataFrame({"segment": rng.choice(["a", "b"], 80)[customer]})
    by_row = slice_metrics(label, score, cols, task="binary", resamples=300, random_state=0).column("segment")
    whole = slice_metrics(label, score, cols, task="binary", groups=customer, resamples=300, random_state=0)
    by_customer = whole.column("segment")
    width = lambda m: m.ci_high - m.ci_low
    assert whole.method == "entity bootstrap over 80 groups"
    for r, c in zip(by_row.slices, by_customer.slices):
        assert r.metrics["roc_auc"].value == c.metrics["roc_auc"].value
        assert width(c.metrics["roc_auc"]) > 2 * width(r.metrics["roc_auc"])
    assert width(by_customer.gaps["roc_auc"]) > 2 * width(by_row.gaps["roc_auc"])


def test_real_data_diabetes_by_sex():
    X, y = load_diabetes(return_X_y=True, as_frame=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    pred = Ridge(alpha=0.1).fit(X_train, y_train).predict(X_test)
    rep = slice_metrics(y_test, pred, X_test[["sex"]], task="regression", metrics=["rmse", "r2"], resamples=300, random_state=0)
    mf = MetricFrame(metrics={"rmse": skm.root_mean_squared_error, "r2": skm.r2_score}, y_true=y_test, y_pred=pred,
                     sensitive_features=slice_labels(X_test["sex"])[0])
    sex = rep.column("sex")
    assert [sl.rows for sl in sex.slices] == [74, 59]
    for key in ("rmse", "r2"):
        assert [sl.metrics[key].value for sl in sex.slices] == pytest.approx(mf.by_group[key].tolist(), abs=1e-6)
        assert sex.gaps[key].value == pytest.approx(mf.difference()[key], abs=1e-6)
    assert rep.overall["rmse"].value == pytest.approx(skm.root_mean_squared_error(y_test, pred), abs=1e-6)


def _bad(**change):
    y, s, cols = _data("binary", n=200)
    kwargs = dict(y=y, scores=s, columns=cols, task="binary", resamples=20)
    kwargs.update(change)
    return lambda: slice_metrics(kwargs.pop("y"), kwargs.pop("scores"), kwargs.pop("columns"), **kwargs)


@pytest.mark.parametrize("call,error,match", [
    (_bad(columns=pd.DataFrame({"segment": ["a", "b"] * 60})), DataError, "has 120 rows but there are 200 test rows.*same order"),
    (_bad(columns=pd.DataFrame(index=range(200))), DataError, "one or more slicing columns"),
    (_bad(columns=["north"] * 200), DataError, "must be a DataFrame"),
    (_bad(columns=pd.DataFrame({"id": [f"u{i}" for i in range(200)]})), DataError, "Slice by a coarser copy"),
    (_bad(metrics=["roc_auc", "rmse"]), ConfigError, r"Unknown binary metric\(s\) \['rmse'\]. Choose from"),
    (_bad(metrics=[]), ConfigError, "Choose from"),
    (_bad(roles={"region": "sensitive"}), ConfigError, r"roles names \['region'\], not a column.*add that column"),
    (_bad(roles={"segment": "protected"}), ConfigError, "'segment' or 'sensitive'"),
    (_bad(min_count=0), ConfigError, "min_count >= 1"),
    (_bad(task="ranking"), ConfigError, "is not one of"),
    (_bad(scores=np.full(200, 2.0)), DataError, r"probabilities in \[0, 1\]"),
], ids=["rows", "no-columns", "a-list", "too-many-levels", "unknown-metric", "no-metric", "role-column", "role-value", "min-count",
        "task", "scores"])
def test_bad_inputs_say_what_to_fix(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_a_series_is_one_column():
    y, s, cols = _data("binary", n=200)
    rep = slice_metrics(y, s, cols["segment"], task="binary", resamples=20, random_state=0)
    assert [c.name for c in rep.columns] == ["segment"]
