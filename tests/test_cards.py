"Model cards for every task, built from what the producers (evaluate, leakage, explain, data) really write: metrics, leakage, escaping, files."
import os
import re
import stat

import numpy as np
import pytest
from conftest import Tags, table_widths
import yaml

from workbench.cards import FIELD_PROMPTS, KEPT_SUSPECT, card_context, render_card, save_card, verify_card
from workbench.data import DatasetSpec
from workbench.evaluate import evaluate_predictions
from workbench.explain import ShapImportance
from workbench.leakage import apply_leakage_policy
from workbench.splits import LeakageFinding
from workbench.tracking import RunEvidence

EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a|b", "`x`", "[x](javascript:alert(1))"]
CLASSES = {"binary": ["stayed", "left"], "multiclass": ["basic", "plus", "premium"], "regression": []}
PRIMARY = {"binary": "roc_auc", "multiclass": "macro_f1", "regression": "rmse"}


def _scores(task, n_classes, rng, n=160):
    "Encoded labels and informative scores of the shape each task is evaluated on."
    if task == "regression":
        y = rng.normal(100, 20, n)
        return y, y + rng.normal(0, 10, n)
    y = rng.integers(0, n_classes, n)
    y[:n_classes] = np.arange(n_classes)  # every class present
    logits = rng.normal(size=(n, n_classes)) + 2 * np.eye(n_classes)[y]
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return y, (p[:, 1] if task == "binary" else p)


def _leakage(features, decisions):
    "A LeakageReport dict from the real policy: the first feature near-certain, the second a suspect."
    strengths = {f: 0.6 for f in features}
    strengths.update({features[0]: 0.999, features[1]: 0.96})
    found = [LeakageFinding("target", f, evidence={"strength": s, "measure": "roc_auc"}, message=f"{f} alone predicts the target ({s})",
                            fix=f"drop {f!r}") for f, s in strengths.items() if s >= 0.95]
    _, report = apply_leakage_policy(found, strengths, features, action="exclude", suspect=0.95, certain=0.995, decisions=decisions)
    return report.to_dict()


def make_run(task="binary", *, name="churn", target="churned", classes=None, features=("tenure", "charges", "region", "notes"),
             time="month", entity="customer_id", decisions=None, manifest=None, images=None):
    "A RunEvidence holding what a finished, registered run of `task` records, made by the producers themselves."
    rng, classes, features = np.random.default_rng(0), list(classes or CLASSES[task]), list(features)
    spec = DatasetSpec(name=name, target=target, task=task, positive=classes[-1] if task == "binary" else None, classes=tuple(classes),
                       time=time, time_format="year_month" if time else None, entity=entity, decisions=decisions or {})
    y, s = _scores(task, len(classes), rng)
    evaluation = evaluate_predictions(y, s, task=task, classes=classes or None, resamples=50, random_state=0)
    importance = ShapImportance(importance={f: 0.5 / (i + 1) for i, f in enumerate(features)}, n_rows=160, explainer="TreeExplainer",
                                output="target units" if task == "regression" else "log-odds", task=task,
                                per_class={c: {f: 0.1 for f in features} for c in classes} if task == "multiclass" else {})
    timed = time is not None
    manifest = {"strategy": "time+group" if timed else "group", "train_rows": 480, "test_rows": 160,
                "train_time": ["2023-01-01", "2023-06-30"] if timed else [None, None], "test_time": ["2023-08-01", "2023-09-30"] if timed else [None, None],
                "gap_days": 32.0 if timed else None, "required_gap_days": 30 if timed else None, "entity_overlap": 0, "duplicate_overlap": 0,
                "time_order_rows": 0, "train_class_counts": {c: 160 for c in classes}, "test_class_counts": {c: 50 for c in classes}, **(manifest or {})}
    lineage = {"data_hash": "ab" * 32, "data_source": f"data/{name}.csv", "rows": 700, "features": features, "target": target, "task": task,
               "dataset": spec.to_dict(), "seed": 0, "python": "3.11.9", "packages": {"workbench": "0.1"}, "git_commit": "c0ffee" * 6 + "c0ff",
               "git_dirty": False}
    evidence = {"evaluation": evaluation.to_dict(), "split_manifest": manifest, "leakage": _leakage(features, decisions), "lineage": lineage,
                "shap_importance": importance.to_dict(), "model": {"name": "churn-xgboost", "version": "2", "family": "xgboost", "sha256": "5e" * 32},
                "contract": {"dataset": name, "rows": 700, "success": True, "validated_at": "2024-06-01T00:00:00+00:00", "outcomes": []}}
    return RunEvidence(run_id="f" * 32, experiment=f"{name}-train", status="FINISHED", start_time=1717200000000, end_time=1717203600000,
                       params={"model": "xgboost", "dataset": name, "task": task}, metrics=evaluation.flat(), tags={}, evidence=evidence,
                       images=images or {})


def front_matter(md):
    return yaml.safe_load(md.split("---\n")[1])


@pytest.mark.parametrize("task,pipeline_tag", [("binary", "tabular-classification"), ("multiclass", "tabular-classification"),
                                               ("regression", "tabular-regression")])
def test_front_matter_holds_the_tasks_metrics_primary_first(task, pipeline_tag):
    ev = make_run(task)
    md = render_card(card_context(ev, FIELD_PROMPTS))
    meta = front_matter(md)
    result = meta["model-index"][0]["results"][0]
    assert (meta["pipeline_tag"], result["task"]["type"], meta["datasets"]) == (pipeline_tag, pipeline_tag, ["churn"])
    keys = list(ev.evidence["evaluation"]["metrics"])
    assert [m["type"] for m in result["metrics"]] == [PRIMARY[task]] + [k for k in keys if k != PRIMARY[task]]
    for m in result["metrics"]:
        ci = m["args"]  # the interval rides in `args`, which huggingface_hub keeps
        assert (m["value"], ci["ci_low"], ci["ci_high"]) == (ev.metrics[m["type"]], ev.metrics[m["type"] + "_ci_low"], ev.metrics[m["type"] + "_ci_high"])
        assert f"| {m['name']} | {m['value']:.4f} | {ci['ci_low']:.4f} | {ci['ci_high']:.4f} |" in md
    assert "by row bootstrap (50 resamples)" in md
    assert ("ROC AUC" in md.split("## Metrics")[1].split("## Evaluation data")[0]) == (task != "regression")


def test_huggingface_reads_the_front_matter():
    hub = pytest.importorskip("huggingface_hub")
    card = hub.ModelCard(render_card(card_context(make_run("regression"), FIELD_PROMPTS)))
    result = card.data.eval_results[0]
    assert (result.task_type, result.dataset_name, result.metric_type) == ("tabular-regression", "churn", "rmse")
    assert card.data.to_dict()["pipeline_tag"] == "tabular-regression" and card.data.to_dict()["license"] == "other"
    path = __import__("tempfile").mkdtemp() + "/README.md"
    card.save(path)  # a save/load round trip through huggingface_hub keeps every interval
    back = hub.ModelCard.load(path)
    assert [(r.metric_type, r.metric_args["ci_low"], r.metric_args["ci_high"]) for r in back.data.eval_results] == \
           [(r.metric_type, r.metric_args["ci_low"], r.metric_args["ci_high"]) for r in card.data.eval_results]
    assert all(r.metric_args["ci_low"] <= r.metric_value <= r.metric_args["ci_high"] for r in back.data.eval_results)


def test_binary_card_names_the_positive_class_and_threshold():
    md = render_card(card_context(make_run("binary"), FIELD_PROMPTS))
    assert "the positive class is `left` (encoded 1), predicted when its probability is at or above 0.5" in md
    assert "Per class" not in md


def test_multiclass_card_has_a_per_class_table():
    ev = make_run("multiclass")
    md = render_card(card_context(ev, FIELD_PROMPTS))
    per_class = ev.evidence["evaluation"]["per_class"]
    for c in CLASSES["multiclass"]:
        p, r = per_class[c]["precision"], per_class[c]["recall"]
        assert (f"| {c} | {p['value']:.4f} | {p['ci_low']:.4f} to {p['ci_high']:.4f} | {r['value']:.4f} | {r['ci_low']:.4f} to {r['ci_high']:.4f} "
                f"| {per_class[c]['support']} |") in md


def test_regression_card_has_no_classes():
    md = render_card(card_context(make_run("regression"), FIELD_PROMPTS))
    assert "positive class" not in md and "Per class" not in md and "Regression of `churned`" in md


def test_leakage_section_opens_with_exclusions_and_kept_suspects():
    decisions = {"notes": {"decision": "exclude", "reason": "typed after the call"}}
    section = render_card(card_context(make_run("binary", decisions=decisions), FIELD_PROMPTS)).split("### Leakage checks")[1].split("### Code review")[0]
    excluded, kept = section.split("Kept, though suspected:")
    assert "- `tenure`: near-certain" in excluded and "- `notes`: declared by the team: typed after the call" in excluded
    assert f"- `charges` (target; strength 0.9600): {KEPT_SUSPECT}" in kept
    decisions["charges"] = {"decision": "keep", "reason": "billed before the outcome"}
    section = render_card(card_context(make_run("binary", decisions=decisions), FIELD_PROMPTS)).split("### Leakage checks")[1]
    assert "- `charges` (target; strength 0.9600): declared keep: billed before the outcome" in section


def test_old_evidence_still_renders():
    ev = make_run("binary")
    ev.evidence["evaluation"] = {"metrics": {"roc_auc": {"name": "ROC AUC", "value": 0.8, "ci_low": 0.75, "ci_high": 0.85},
                                             "accuracy": {"name": "accuracy at 0.5", "value": 0.7, "ci_low": 0.65, "ci_high": 0.75}},
                                 "n_rows": 160, "positive_rate": 0.2, "confidence": 0.95, "resamples": 1000,
                                 "method": "percentile bootstrap (scipy.stats.bootstrap, paired)"}
    ev.evidence["leakage"] = {"action": "exclude", "threshold": 0.95, "univariate_auc": {"tenure": 0.99}, "excluded": ["tenure"],
                              "findings": [{"type": "target", "feature": "tenure", "message": "tenure alone predicts the target with ROC AUC 0.990",
                                            "fix": "drop 'tenure'", "evidence": {}}], "warnings": [], "fail_types": []}
    ev.evidence["lineage"] = {k: v for k, v in ev.evidence["lineage"].items() if k not in ("task", "dataset")}
    ev.evidence["shap_importance"] = {"importance": {"charges": 0.2}, "n_rows": 100, "explainer": "LinearExplainer", "output": "log-odds"}
    ev.params.pop("task")
    ev.metrics = {"roc_auc": 0.8, "roc_auc_ci_low": 0.75, "roc_auc_ci_high": 0.85}  # accuracy is read from evaluation.json
    context = card_context(ev, FIELD_PROMPTS)
    md, html = render_card(context), render_card(context, "html")
    assert front_matter(md)["pipeline_tag"] == "tabular-classification"
    assert "| ROC AUC | 0.8000 | 0.7500 | 0.8500 |\n| accuracy at 0.5 | 0.7000 | 0.6500 | 0.7500 |" in md and "at or above 0.5" in md
    assert "- `tenure`: tenure alone predicts the target with ROC AUC 0.990" in md
    assert "<h2>Metrics</h2>" in html


def test_no_time_column_means_no_dates_or_gap():
    md = render_card(card_context(make_run("regression", time=None), FIELD_PROMPTS))
    assert "None" not in md and "days after" not in md
    assert re.search(r"\d+ (test|training) rows from", md) is None
    assert "The dataset declares no time column" in md


def test_integer_year_time_is_shown_as_recorded():
    run = make_run("binary", time="year", manifest={"train_time": [2015, 2019], "test_time": [2021, 2022], "gap_days": 731.0})
    md = render_card(card_context(run, FIELD_PROMPTS))
    assert "160 test rows from 2021 to 2022" in md and "480 training rows from 2015 to 2019" in md


def test_user_text_cannot_inject_markup_or_break_tables():
    run = make_run("multiclass", name=EVIL[0], target=EVIL[1], classes=EVIL, features=EVIL, entity=EVIL[4])
    fields = {**FIELD_PROMPTS, "owners": " ".join(EVIL), "intended_use": "\n".join(EVIL), "caveats": EVIL[1], "factors": EVIL[4]}
    context = card_context(run, fields)
    md, html = render_card(context, "md"), render_card(context, "html")
    widths = table_widths(md)
    assert len(widths) == 5 and all(len(w) == 1 for w in widths)  # model details, metrics, per class, SHAP, lineage
    doc = Tags(html)
    assert [len(set(rows)) for rows in doc.tables] == [1] * 5
    assert "<script" not in html
    assert [t for t, a in doc.tags if t in ("script", "img", "iframe") or any(k.startswith("on") for k in a)] == []
    assert [a for t, a in doc.tags if t == "a" and "javascript" in a.get("href", "")] == []
    text = re.sub(r"(`+).+?\1", "", md.split("---\n", 2)[2])  # outside code spans, whose content is shown literally
    assert re.findall(r"(?<!\\)[<>]", text) == [] and re.findall(r"(?<!\\)\]\(javascript", text) == []
    assert front_matter(md)["datasets"] == [EVIL[0]]  # YAML quotes it; the front matter is data, not Markdown
    assert "Model card: churn-xgboost v2" in html and EVIL[0].replace("<", "&lt;").replace(">", "&gt;") in html


def test_saved_cards_are_world_readable_and_verify(tmp_path):
    old = os.umask(0o022)
    try: paths = save_card(make_run("multiclass", images={"plots/shap_importance.png": b"\x89PNG fake"}), tmp_path)
    finally: os.umask(old)
    assert sorted(paths) == ["html", "md", "shap_importance.png"]
    for p in [*paths.values(), tmp_path / "churn-xgboost" / "card_fields.yaml"]:
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p
    run = make_run("multiclass", images={"plots/shap_importance.png": b"\x89PNG fake"})
    assert verify_card(run, tmp_path) == []
    md = paths["md"].read_text()
    primary = run.evidence["evaluation"]["metrics"]["macro_f1"]
    paths["md"].write_text(md.replace(f"| macro F1 | {primary['value']:.4f}", "| macro F1 | 0.9999"))
    diffs = verify_card(run, tmp_path)
    assert len(diffs) == 1 and diffs[0].startswith("card.md line") and "0.9999" in diffs[0]


def test_training_health_and_lint_sections_render():
    run = make_run("regression", images={"plots/training_health.png": b"\x89PNG fake"})
    run.evidence["training_health"] = {"family": "xgboost", "unit": "round", "loss": "rmse", "epochs_run": 40, "best_epoch": 31, "stopped_early": True,
                                       "history": [{"epoch": 40, "train_loss": 20.5, "val_loss": 24.25}],
                                       "findings": [{"severity": "warning", "message": "validation <rmse> rose|fell"}],
                                       "validation": {"strategy": "time", "val_rows": 60, "train_rows": 400, "left_out_rows": 20}}
    run.evidence["lint"] = {"notebook": "nbs/experiments/train.ipynb", "findings": [], "fail_types": [], "error": "RecursionError: too deep"}
    md = render_card(card_context(run, FIELD_PROMPTS))
    assert "40 rounds run, stopped early; the best validation loss came at round 31" in md
    assert "Final round: train rmse 20.5000, validation rmse 24.2500." in md and r"validation &lt;rmse&gt; rose\|fell" in md
    assert "![Training health](training_health.png)" in md
    assert "could not be linted (RecursionError: too deep), so its code was not reviewed" in md
    del run.evidence["contract"], run.evidence["lint"]
    md = render_card(card_context(run, FIELD_PROMPTS))
    assert "No data contract was checked in this run." in md and "Not linted" in md
