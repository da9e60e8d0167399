"Monitoring across tasks, labelled and unlabelled batches, schema breaks, hostile names, and post-mortem files."
import functools, json
import numpy as np
import pandas as pd
import pytest
from workbench.contracts import build_suite
from workbench.data import DatasetSpec, class_names, encode_target
from workbench.demo import CHURN, generate_churn, generate_next_month
from workbench.evaluate import primary_metric
from workbench.files import dumps
from workbench.models import build_model
from workbench.monitor import MonitorReport, compute_drift, monitor_batch, render_monitor_report, save_monitor_report
from workbench.postmortem import render_postmortem, save_postmortem

TASKS = ("binary", "multiclass", "regression")
EVIL = "<img src=x onerror=alert(1)>"


@functools.lru_cache(maxsize=None)
def case(task):
    "(reference, batch, keyword arguments for monitor_batch) of a small table for `task`."
    if task == "binary":
        ref = generate_churn(n_customers=600, months=6)
        latest = ref[ref["snapshot_date"].dt.to_period("M") == ref["snapshot_date"].max().to_period("M")]
        num, cat = ["tenure_months", "monthly_charges", "usage_gb", "support_calls"], list(CHURN.categorical)
        spec, batch, fit_on, suite = CHURN, generate_next_month(n_customers=600, months=6, drift=False), ref, build_suite(ref, CHURN)
        ref = latest
        name = "baseline"
    else:
        from sklearn.datasets import load_diabetes, load_wine
        if task == "multiclass":
            wine = load_wine(as_frame=True)
            df = wine.frame.assign(cultivar=np.asarray(wine.target_names, dtype=object)[wine.target]).drop(columns="target")
            spec, name = DatasetSpec("wine", target="cultivar", task="multiclass", classes=tuple(wine.target_names)), "baseline"
            ref = df.groupby("cultivar").sample(frac=0.6, random_state=0)
        else:
            df = load_diabetes(as_frame=True).frame
            spec, name = DatasetSpec("diabetes", target="target", task="regression"), "ridge"
            ref = df.sample(frac=0.6, random_state=0)
        num, cat, batch, fit_on = [c for c in df.columns if c != spec.target], [], df.drop(ref.index), ref
        suite = build_suite(ref, spec)
    model = build_model(name, numeric=num, categorical=cat, task=task, random_state=0).fit(fit_on[num + cat], encode_target(fit_on[spec.target], spec))
    return ref, batch, dict(spec=spec, suite=suite, numeric=num, categorical=cat, model=model, model_name=f"{spec.name}-{name}",
                            run_id="run-test", resamples=50, random_state=0)


@pytest.mark.parametrize("labelled", [True, False], ids=["labelled", "unlabelled"])
@pytest.mark.parametrize("task", TASKS)
def test_every_task_is_monitored_with_or_without_labels(task, labelled):
    ref, batch, kw = case(task)
    spec = kw["spec"]
    if not labelled: batch = batch.drop(columns=spec.target)
    r = monitor_batch(ref, batch, source=f"{task}.csv", **kw)
    assert (r.task, r.labelled, r.contract.success) == (task, labelled, True), r.contract.table()
    assert r.alert == bool(r.reasons) and not any("could not score" in s for s in r.reasons)
    assert r.predictions is not None and r.predictions.batch.rows == len(batch) and r.predictions.reference.rows == len(ref)
    b = r.predictions.batch
    if task == "binary": assert b.share_above is not None and 0 <= b.mean <= 1 and list(b.quantiles) == ["p05", "p25", "p50", "p75", "p95"]
    if task == "multiclass": assert list(b.class_shares) == class_names(spec) and abs(sum(b.class_shares.values()) - 1) < 1e-5
    if task == "regression": assert b.std > 0 and b.quantiles["p05"] < b.quantiles["p95"]
    if labelled:
        assert r.performance is not None and r.performance_note is None
        assert r.performance.task == task and primary_metric(task)[0] in r.performance.metrics
        assert r.performance.metrics[primary_metric(task)[0]].name in r.summary()
    else:
        assert r.performance is None and f"no labels (no values in column {spec.target!r})" in r.performance_note
        assert "unlabelled, prediction PSI" in r.summary()
    md = render_monitor_report(r)
    assert "## Predictions" in md and ("(primary)" in md) == labelled and ("Not measured: the batch carries no labels" in md) != labelled
    assert MonitorReport.from_dict(json.loads(dumps(r.to_dict()))) == r


@pytest.mark.parametrize("task,primary", [("binary", "ROC AUC"), ("multiclass", "macro F1"), ("regression", "RMSE")])
def test_the_summary_names_the_tasks_primary_metric(task, primary):
    ref, batch, kw = case(task)
    r = monitor_batch(ref, batch, **kw)
    assert f"; {primary} " in r.summary() and f"| {primary} (primary) |" in render_monitor_report(r)
    assert task == "binary" or "ROC AUC " not in r.summary()


def test_a_clean_unlabelled_month_does_not_alert():
    ref, batch, kw = case("binary")
    r = monitor_batch(ref, batch.drop(columns="churned"), **kw)
    assert (r.alert, r.reasons, r.predictions.drifted) == (False, [], False)


def test_prediction_drift_alone_alerts():
    ref, batch, kw = case("binary")
    r = monitor_batch(ref, batch.drop(columns="churned"), **{**kw, "prediction_psi_alert": 0.0})
    assert r.alert and r.reasons == [s for s in r.reasons if s.startswith("the model's outputs drifted (PSI")]


@pytest.mark.parametrize("value,words", [(np.nan, "is entirely null in the batch"), ("n/a", "holds text where numbers belong in the batch")])
def test_a_broken_numeric_feature_is_an_alert_and_everything_is_still_written(tmp_path, value, words):
    ref, batch, kw = case("binary")
    broken = batch.assign(usage_gb=value)
    d = {x.feature: x for x in compute_drift(ref, broken, numeric=kw["numeric"], categorical=kw["categorical"])}["usage_gb"]
    assert (d.psi, d.drifted) == (None, True) and d.problem.startswith(words)
    r = monitor_batch(ref, broken, source="data/broken.csv", **kw)
    assert r.alert and any(s.startswith(f"schema break: usage_gb {words}") for s in r.reasons)
    assert r.diagnoses[0].startswith(f"usage_gb: {words}")
    paths = save_monitor_report(r, tmp_path)
    pm = save_postmortem(r, tmp_path)
    assert paths["json"].is_file() and paths["md"].is_file()
    assert f"**Probable cause:** usage_gb: {words}" in pm.read_text()


def test_a_renamed_column_the_model_cannot_score_is_an_alert_not_a_crash():
    ref, batch, kw = case("binary")
    lenient = {**kw["suite"], "expectations": [e for e in kw["suite"]["expectations"]
                                               if e["kwargs"].get("column") is None and "column_list" not in e["kwargs"]]}
    r = monitor_batch(ref, batch.rename(columns={"usage_gb": "usage"}), **{**kw, "suite": lenient})
    assert r.alert and r.contract.success and r.predictions is None and r.performance is None
    failure = next(s for s in r.reasons if s.startswith("the model could not score the batch:"))
    assert "missing ['usage_gb']" in failure and r.performance_note == failure
    assert "**failed**" in render_postmortem(r)


def test_a_rename_the_contract_diagnoses_is_the_postmortems_probable_cause():
    ref, batch, kw = case("binary")
    r = monitor_batch(ref, batch.rename(columns={"usage_gb": "usage"}), **kw)
    pm = render_postmortem(r)
    assert "**Probable cause:** Column 'usage_gb' is missing and a new column 'usage' has matching statistics: probably renamed" in pm
    assert "No single cause stood out" not in pm


def _unescaped_pipes(line):
    return line.count("|") - line.count("\\|")


def _table_rows(text):
    "(header's unescaped pipes, row) for each row of each Markdown table in `text`."
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---"):
            j = i + 1
            while j < len(lines) and lines[j].startswith("| "):
                yield _unescaped_pipes(lines[i - 1]), lines[j]
                j += 1


def test_hostile_names_and_values_are_inert_in_every_output(tmp_path):
    ref, batch, kw = case("binary")
    hostile = batch.rename(columns={"usage_gb": EVIL})
    hostile.loc[hostile.index[:30], "payment_method"] = "<script>alert(1)</script>|`x`"
    suite = {**kw["suite"], "expectations": [e for e in kw["suite"]["expectations"] if e["kwargs"].get("column") != "payment_method"]}
    r = monitor_batch(ref, hostile, source=f"data/{EVIL}.csv", **{**kw, "suite": suite})
    assert r.alert and any(EVIL in s for s in r.diagnoses) and any("<script>" in s for s in r.diagnoses)
    outputs = {"markdown": render_monitor_report(r), "html": r._repr_html_(), "post-mortem": render_postmortem(r)}
    for kind, text in outputs.items():
        assert "<img" not in text and "<script" not in text, kind
    for kind in ("markdown", "post-mortem"):
        text = outputs[kind]
        assert "&lt;img src=x onerror=alert(1)&gt;" in text and "&lt;script&gt;" in text, kind
        rows = list(_table_rows(text))
        assert any("script" in row or "img" in row for _, row in rows), kind
        assert all(_unescaped_pipes(row) == head for head, row in rows), kind   # a hostile pipe never adds a column
    mistune = pytest.importorskip("mistune")
    permissive = mistune.create_markdown(escape=False, plugins=["table"])   # raw HTML passed through, as a lax viewer would
    for kind in ("markdown", "post-mortem"):
        page = permissive(outputs[kind])
        assert "<img" not in page and "<script" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page, kind
    paths = save_monitor_report(r, tmp_path)
    assert "<img" not in paths["md"].read_text() and "<img" not in save_postmortem(r, tmp_path).read_text()


def test_two_postmortems_of_the_same_batch_on_the_same_day_are_both_kept(tmp_path):
    ref, batch, kw = case("binary")
    r = monitor_batch(ref, batch.assign(usage_gb=np.nan), source="data/churn_2025.06.csv", **kw)
    first = save_postmortem(r, tmp_path)
    again = monitor_batch(ref, batch.assign(usage_gb="n/a"), source="data/churn_2025.06.csv", **kw)
    again.created_at = r.created_at  # the same day, even when the test runs across midnight
    second = save_postmortem(again, tmp_path)
    assert first != second and first.is_file() and second.is_file()
    assert second.name == first.name.replace(".md", "-2.md")
    assert "entirely null" in first.read_text() and "holds text" in second.read_text()
