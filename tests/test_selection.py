"Model selection an auditor can trust: validation choice, paired comparison of two runs, champion/challenger promotion with gates."
import io, json, re
from dataclasses import replace
import mlflow
import numpy as np
import pandas as pd
import pytest
from conftest import make_project, tracking_uri, workbench


# --- in-process projects: real MLflow stores, real runs of the step API ---------------------------------------------

def _project(tmp_path, **env):
    from workbench.config import load_settings
    make_project(tmp_path)
    return load_settings(tmp_path, environ={"WORKBENCH_BOOTSTRAP_RESAMPLES": "300", "WORKBENCH_SHAP_SAMPLE_ROWS": "100", **env})


def _cancer(tmp_path, settings):
    "scikit-learn's breast-cancer table with string labels, declared without time or entity: a random stratified split."
    from sklearn.datasets import load_breast_cancer
    from workbench.contracts import build_suite
    from workbench.data import declare_dataset, save_dataset
    d = load_breast_cancer(as_frame=True)
    df = d.frame.drop(columns="target").assign(diagnosis=np.where(d.target == 1, "benign", "malignant"))
    spec, _ = declare_dataset(df, "cancer", "diagnosis", positive="malignant")
    save_dataset(spec, settings.datasets_dir)
    return df, spec, build_suite(df, spec)


def _run(df, spec, suite, settings, model, **kw):
    from workbench.steps import run_experiment
    from workbench.tracking import MlflowTracker
    return run_experiment(df, spec, suite, settings, model=model, tracker=MlflowTracker(settings.tracking_uri, settings.artifact_dir), **kw)


def _predictions(settings, run_id):
    from workbench.tracking import load_artifact_bytes
    return pd.read_parquet(io.BytesIO(load_artifact_bytes(settings.tracking_uri, run_id, "evidence/test_predictions.parquet")))


def test_compare_p_values_equal_the_reference_implementations(tmp_path):
    "Rows without entities: DeLong for ROC AUC and McNemar for recall, each equal to a reference recomputed from the logged predictions."
    from statsmodels.stats.contingency_tables import mcnemar
    from test_compare import delong_direct
    from workbench.promotion import compare_runs
    settings = _project(tmp_path)
    df, spec, suite = _cancer(tmp_path, settings)
    a, b = _run(df, spec, suite, settings, "baseline"), _run(df, spec, suite, settings, "random_forest")
    out = compare_runs(a.run_id, b.run_id, settings)
    pa, pb = _predictions(settings, a.run_id), _predictions(settings, b.run_id)
    pb = pb.set_index("row").loc[pa["row"]].reset_index()
    y = pa["y"].to_numpy()
    auc = out.comparison.metrics["roc_auc"]
    from scipy.stats import norm
    _, diff, se = delong_direct(y, pa["score"].to_numpy(), pb["score"].to_numpy())
    assert auc.test == "DeLong" and auc.difference == pytest.approx(diff, abs=1e-6)
    assert auc.p == pytest.approx(2 * norm.sf(abs(diff) / se), rel=1e-4)  # the pair-by-pair definition, from the logged predictions
    pos = y == 1
    right_a, right_b = pa["score"].to_numpy()[pos] >= a.evaluation.threshold, pb["score"].to_numpy()[pos] >= b.evaluation.threshold
    table = [[np.sum(right_a & right_b), np.sum(right_a & ~right_b)], [np.sum(~right_a & right_b), np.sum(~right_a & ~right_b)]]
    recall = out.comparison.metrics["recall"]
    assert recall.test == "McNemar mid-p"
    from scipy.stats import binom
    b, c = table[0][1], table[1][0]  # mid-p from statsmodels' exact p (Fagerland, Lydersen and Laake 2013)
    midp = 1.0 if b + c == 0 else 1 - 0.5 * binom.pmf(b, b + c, 0.5) if b == c else mcnemar(table, exact=True).pvalue - binom.pmf(min(b, c), b + c, 0.5)
    assert recall.p == pytest.approx(midp, rel=1e-5)
    report = out.paths["md"].read_text()
    assert (tmp_path / "reports" / "comparisons").is_dir() and report.count("| ROC AUC (primary) |") == 1 and f"{auc.difference:+.4f}" in report


def test_runs_on_other_rows_are_not_compared(tmp_path):
    from workbench.errors import NotComparable
    from workbench.promotion import compare_runs
    settings = _project(tmp_path)
    df, spec, suite = _cancer(tmp_path, settings)
    a = _run(df, spec, suite, settings, "baseline")
    other_seed = _run(df, spec, suite, replace(settings, seed=7), "baseline", register=False)
    with pytest.raises(NotComparable, match=r"their splits differ \(seed 42 vs 7\)"):
        compare_runs(a.run_id, other_seed.run_id, settings)
    fewer = _run(df.iloc[:-5], spec, suite, settings, "baseline", register=False)
    with pytest.raises(NotComparable, match="they used different data"):
        compare_runs(a.run_id, fewer.run_id, settings)


def test_validation_chooses_and_the_test_rows_only_report(tmp_path):
    "Three disjoint row sets; the threshold comes from validation; val_ metrics are logged beside the test ones."
    settings = _project(tmp_path, WORKBENCH_THRESHOLD_RULE="recall>=0.95")
    df, spec, suite = _cancer(tmp_path, settings)
    exp = _run(df, spec, suite, settings, "baseline")
    assert not (set(exp.train.index) & set(exp.valid.index) or set(exp.valid.index) & set(exp.test.index))
    assert exp.threshold.rule == "recall>=0.95" and exp.threshold.recall >= 0.95 and exp.evaluation.threshold == exp.threshold.threshold
    run = mlflow.MlflowClient(settings.tracking_uri).get_run(exp.run_id)
    assert run.data.metrics["val_roc_auc"] == exp.validation.metrics["roc_auc"].value
    assert run.data.metrics["roc_auc"] == exp.evaluation.metrics["roc_auc"].value
    assert len(_predictions(settings, exp.run_id)) == len(exp.test)


def test_a_time_only_dataset_gets_a_time_block_bootstrap(tmp_path):
    from sklearn.datasets import load_diabetes
    from workbench.contracts import build_suite
    from workbench.data import declare_dataset
    settings = _project(tmp_path, WORKBENCH_SPLIT_GAP_DAYS="0")
    diab = load_diabetes(as_frame=True).frame.assign(year=lambda f: 1990 + f.index // 15)
    spec, _ = declare_dataset(diab, "diabetes", "target", time="year", segments=["sex"])
    exp = _run(diab, spec, build_suite(diab, spec), settings, "baseline", register=False)
    assert exp.evaluation.method.startswith("time-block bootstrap over") and exp.validation.method.startswith("time-block")
    assert exp.slices is not None and exp.slices.column("sex") is not None


# --- the command line on the demo project ----------------------------------------------------------------------------

def _champion(project):
    return mlflow.MlflowClient(tracking_uri(project)).get_model_version_by_alias("churn", "champion")


def test_the_demo_promotes_through_the_gates_and_the_card_shows_it(demo_project):
    project, proc = demo_project
    assert "== 8. choose on the validation rows" in proc.stdout and "pass  card" in proc.stdout
    champion = _champion(project)
    card = (project / "model_cards" / "churn" / f"v{champion.version}" / "card.md").read_text()
    section = card.split("## Comparison and promotion")[1].split("## Incidents")[0]
    assert "**promoted**" in section and "passed comparison" in section
    history = workbench("promote", "--history", "churn", cwd=project)
    assert history.returncode == 0 and f"champion v{champion.version}" in history.stdout and "| promote | promoted |" in history.stdout
    assert "### How this model and its threshold were chosen" in card and "validation rows" in card


def test_a_challenger_that_is_not_better_is_refused_and_recorded(demo_copy):
    "A rerun of the champion scores the same rows the same way: not better, so promote refuses, exit 1, and records the refusal."
    before = _champion(demo_copy)
    rerun = workbench("rerun", before.run_id, cwd=demo_copy)
    assert rerun.returncode == 0, rerun.stderr
    client = mlflow.MlflowClient(tracking_uri(demo_copy))
    new_run = client.search_runs([client.get_experiment_by_name("churn-train").experiment_id], order_by=["attributes.start_time DESC"])[0].info.run_id
    refused = workbench("promote", new_run, cwd=demo_copy)
    assert refused.returncode == 1 and "FAIL  comparison" in refused.stdout and "not different" in refused.stdout, refused.stdout + refused.stderr
    assert "champion is unchanged" in refused.stderr
    assert _champion(demo_copy).version == before.version
    history = workbench("promote", "--history", "churn", cwd=demo_copy).stdout
    assert "| refused |" in history
    no_reason = workbench("promote", new_run, "--force", cwd=demo_copy)
    assert no_reason.returncode == 2 and "--force needs --reason" in no_reason.stderr
    forced = workbench("promote", new_run, "--force", "--reason", "audit <b>drill</b>", cwd=demo_copy, env={"WORKBENCH_USER": "ana"})
    assert forced.returncode == 0 and "forced" in forced.stdout
    assert _champion(demo_copy).run_id == new_run
    decisions = [json.loads(v) for k, v in _champion(demo_copy).tags.items() if k.startswith("workbench.decision.")]
    assert {(d["outcome"], d["by"], d.get("reason")) for d in decisions} >= {("forced", "ana", "audit <b>drill</b>")}
    html = next((demo_copy / "model_cards" / "churn").glob(f"v{_champion(demo_copy).version}/card.html")).read_text()
    assert "audit &lt;b&gt;drill&lt;/b&gt;" in html and "<b>drill</b>" not in html


def test_monitor_follows_the_champion_unless_told_otherwise(demo_copy):
    champion = _champion(demo_copy)
    out = workbench("monitor", "data/churn_next_month_clean.csv", "--model", "churn", cwd=demo_copy)
    assert out.returncode == 0
    report = json.loads(sorted((demo_copy / "reports" / "monitoring").glob("churn-churn_next_month_clean-*.json"))[-1].read_text())
    assert report["run_id"] == champion.run_id
    challenger = mlflow.MlflowClient(tracking_uri(demo_copy)).get_model_version_by_alias("churn", "challenger")
    other = workbench("monitor", "data/churn_next_month_clean.csv", "--model", "churn", "--alias", "challenger", cwd=demo_copy)
    assert other.returncode == 0
    report = json.loads(sorted((demo_copy / "reports" / "monitoring").glob("churn-churn_next_month_clean-*.json"))[-1].read_text())
    assert report["run_id"] == challenger.run_id
    missing = workbench("monitor", "data/churn_next_month_clean.csv", "--model", "churn", "--alias", "staging", cwd=demo_copy)
    assert missing.returncode == 2 and "churn@staging does not exist" in missing.stderr and "champion" in missing.stderr


def test_compare_on_the_command_line(demo_copy):
    client = mlflow.MlflowClient(tracking_uri(demo_copy))
    runs = {client.get_run(v.run_id).data.params["model"]: v.run_id for v in client.search_model_versions("name='churn'")}
    out = workbench("compare", runs["baseline"], runs["xgboost"], "--format", "json", cwd=demo_copy)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["primary"] == "roc_auc" and result["verdict"] in ("better", "worse", "not different")
    assert result["method"].startswith("entity bootstrap over") and (demo_copy / result["report"]["html"]).is_file()
    same = workbench("compare", runs["baseline"], runs["baseline"], cwd=demo_copy)
    assert same.returncode == 2 and "compare two different runs" in same.stderr
