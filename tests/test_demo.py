"The whole path, as `make demo` runs it, checked by what it wrote."
import json, re, signal, subprocess, time
from pathlib import Path
import mlflow
import pytest
import yaml
from conftest import WORKBENCH, front_matter, start_run_and_wait, tracking_uri, workbench
from workbench.tracking import load_run_evidence

MODELS = ("baseline", "xgboost", "mlp")  # the demo's families: three versions of one registered model, `churn`


def versions(project):
    "{model family: (version, run id)} of the versions of `churn` in `project`."
    client = mlflow.MlflowClient(tracking_uri(project))
    return {client.get_run(v.run_id).data.params["model"]: (v.version, v.run_id) for v in client.search_model_versions("name='churn'")}


def card_path(project, model, fmt="md"):
    return project / "model_cards" / "churn" / f"v{versions(project)[model][0]}" / f"card.{fmt}"


def test_demo_reports_every_step(demo_project):
    project, proc = demo_project
    for step in ("== 1. data", "== 2. contract", "== 3-7. experiments", "== 8. choose on the validation rows", "== 9. monitoring", "== done"):
        assert step in proc.stdout
    assert "contract churn: PASSED on data/churn.csv" in proc.stdout
    for path in re.findall(r"(?:report|post-mortem|executed notebook|html|model card): +(\S+)", proc.stdout):
        assert (project / path).is_file(), path


@pytest.mark.parametrize("model", MODELS)
def test_card_numbers_equal_the_run_metrics(demo_project, model):
    project, _ = demo_project
    card = card_path(project, model).read_text()
    meta = front_matter(card)
    ev = load_run_evidence(tracking_uri(project), meta["mlflow_run_id"])
    assert ev.status == "FINISHED"
    metrics = meta["model-index"][0]["results"][0]["metrics"]
    assert {m["type"] for m in metrics} == {"roc_auc", "average_precision", "log_loss", "brier", "precision", "recall", "f1"}
    assert metrics[0]["type"] == "roc_auc"  # the primary metric of a binary task comes first
    for m in metrics:
        ci = m["args"]
        assert (m["value"], ci["ci_low"], ci["ci_high"]) == (ev.metrics[m["type"]], ev.metrics[m["type"] + "_ci_low"], ev.metrics[m["type"] + "_ci_high"])
        assert ci["ci_low"] <= m["value"] <= ci["ci_high"] and ci["method"].startswith("entity bootstrap")
        row = f"| {m['name']} | {m['value']:.4f} | {ci['ci_low']:.4f} | {ci['ci_high']:.4f} |"
        assert row in card
    assert 0.65 < ev.metrics["roc_auc"] < 0.9
    assert meta["data_hash"] == ev.params["data_hash"] == ev.evidence["lineage"]["data_hash"]
    head = subprocess.run(["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert ev.evidence["lineage"]["git_commit"] == head and f"`{head}`" in card
    html = card_path(project, model, "html").read_text()
    assert f"{ev.metrics['roc_auc']:.4f}" in html and "data:image/png;base64," in html


@pytest.mark.parametrize("model", MODELS)
def test_runs_record_the_evidence_and_register_the_model(demo_project, model):
    project, _ = demo_project
    client = mlflow.MlflowClient(tracking_uri(project))
    version, run_id = versions(project)[model]
    ev = load_run_evidence(tracking_uri(project), run_id)
    assert set(ev.evidence) >= {"contract", "split_manifest", "leakage", "evaluation", "shap_importance", "lineage", "model",
                                "validation", "validation_manifest", "calibration", "slices"}
    manifest = ev.evidence["split_manifest"]
    assert (manifest["entity_overlap"], manifest["duplicate_overlap"]) == (0, 0)
    assert manifest["gap_days"] > 30 and manifest["train_time"][1] < manifest["test_time"][0]
    excluded = ev.evidence["leakage"]["excluded"]
    assert [e["feature"] for e in excluded] == ["retention_call_logged"]
    assert "recorded after the outcome" in excluded[0]["reason"]  # the team's decision in datasets/churn.yaml, with its reason
    assert "retention_call_logged" not in ev.evidence["lineage"]["features"]
    assert ev.evidence["contract"]["success"] is True
    assert ev.images["plots/shap_importance.png"].startswith(b"\x89PNG")
    artifacts = {a.path for a in client.list_artifacts(run_id, "notebook")}
    assert artifacts == {"notebook/train.ipynb", "notebook/train.html"}
    executed = project / "reports" / "experiments" / "churn-train" / run_id / "train.ipynb"
    nb = json.loads(executed.read_text())
    assert any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert f'model = "{model}"' in "".join("".join(c["source"]) for c in nb["cells"])
    assert (executed.parent / "train.html").read_text().count("<html") == 1


def test_drifted_batch_writes_a_postmortem_and_the_clean_one_does_not(demo_project):
    project, proc = demo_project
    postmortems = list((project / "reports" / "postmortems").glob("*.md"))
    assert len(postmortems) == 1 and "churn_next_month_clean" not in postmortems[0].name
    text = postmortems[0].read_text()
    for needle in ("monthly_charges", "about 100x", "crypto_wallet", "## Action items", "**blocked**"):
        assert needle in text
    reports = {p.name.split("-2")[0]: json.loads(p.read_text()) for p in (project / "reports" / "monitoring").glob("*.json")}
    assert reports["churn-churn_next_month_clean"]["alert"] is False
    assert reports["churn-churn_next_month"]["alert"] is True
    assert reports["churn-churn_next_month_clean"]["performance"]["metrics"]["roc_auc"]["value"] > 0.6
    assert "monitor churn: OK on data/churn_next_month_clean.csv" in proc.stdout


def test_the_monitored_models_card_links_its_postmortem(demo_project):
    "Monitoring follows the champion: its card links the post-mortem; the other versions' cards have no incident."
    project, proc = demo_project
    champion = re.search(r"== 9. monitoring churn@champion \((\S+)\)", proc.stdout).group(1)
    card = card_path(project, champion)
    incidents = card.read_text().split("## Incidents")[1].split("\n## ")[0]
    links = re.findall(r"^- \d{4}-\d\d-\d\d: \[churn batch churn_next_month, model churn\]\(([^)]+)\) \(post-mortem `[^`]+`\)\. (.+)$", incidents, re.M)
    assert len(links) == 1 and (card.parent / links[0][0]).resolve().is_file(), incidents
    assert "monthly_charges" in links[0][1] and "Probable cause: " in links[0][1]  # the summary travels with the card
    for other in set(MODELS) - {champion}:
        assert "No incidents recorded" in card_path(project, other).read_text()


def test_card_verify_catches_an_edited_number(demo_copy):
    card = card_path(demo_copy, "xgboost")
    run_id = front_matter(card.read_text())["mlflow_run_id"]
    ok = workbench("card", run_id, "--verify", cwd=demo_copy)
    assert ok.returncode == 0 and "matches the run" in ok.stdout
    auc = load_run_evidence(tracking_uri(demo_copy), run_id).metrics["roc_auc"]
    card.write_text(card.read_text().replace(f"| ROC AUC | {auc:.4f}", "| ROC AUC | 0.9900"))
    bad = workbench("card", run_id, "--verify", cwd=demo_copy)
    assert bad.returncode == 1 and "1 difference from the run" in bad.stdout
    assert re.search(r"card.md line \d+ \(Metrics\): '\| ROC AUC \| 0.9900 ", bad.stdout), bad.stdout  # the line, its section, the edit


def champion_card(project):
    "The card of churn@champion: the version the demo promoted and monitored, with its incident."
    version = mlflow.MlflowClient(tracking_uri(project)).get_model_version_by_alias("churn", "champion").version
    return project / "model_cards" / "churn" / f"v{version}" / "card.md"


def test_card_verify_rehashes_the_data_and_the_model_files(demo_copy):
    "A changed data file and a swapped model file are caught by recomputing their hashes, not by reading the card."
    card = champion_card(demo_copy)  # the project was copied elsewhere: its incident's link and the card's text must not change
    run_id = front_matter(card.read_text())["mlflow_run_id"]
    for ref in ("churn@champion", str(card.relative_to(demo_copy)), str(card.parent.relative_to(demo_copy))):
        ok = workbench("card", "verify", ref, cwd=demo_copy)
        assert ok.returncode == 0 and "matches the run, its data, its model files and its recomputed metrics" in ok.stdout, ok.stdout + ok.stderr
    data = demo_copy / "data" / "churn.csv"
    original = data.read_text()
    data.write_text(original.replace(",north,", ",south,", 1))
    changed = workbench("card", run_id, "--verify", cwd=demo_copy)
    assert changed.returncode == 1 and "data: data/churn.csv now hashes to" in changed.stdout, changed.stdout + changed.stderr
    data.write_text(original)
    model_id = load_run_evidence(tracking_uri(demo_copy), run_id).evidence["model"]["logged_uri"].removeprefix("models:/")
    saved = next((demo_copy / "mlartifacts").glob(f"*/models/{model_id}/artifacts/data/model"))  # the saved model's files
    target = next(p for p in sorted(saved.rglob("*")) if p.is_file() and p.name != "manifest.json")
    target.write_bytes(target.read_bytes() + b" ")  # a model file edited in the artifact store
    swapped = workbench("card", run_id, "--verify", cwd=demo_copy)
    assert swapped.returncode == 1 and "model files of churn" in swapped.stdout, swapped.stdout + swapped.stderr


def test_contract_check_verdicts_and_exit_codes(demo_copy):
    clean = workbench("contract", "check", "data/churn_next_month_clean.csv", "--name", "churn", cwd=demo_copy)
    assert clean.returncode == 0 and "PASSED" in clean.stdout
    drifted = workbench("contract", "check", "data/churn_next_month.csv", "--name", "churn", cwd=demo_copy)
    assert drifted.returncode == 1
    assert re.search(r"critical\s+monthly_charges\s+column_quantile_values", drifted.stdout)  # the unit change breaks the scale guard
    assert re.search(r"warning\s+payment_method\s+column_values_to_be_in_set", drifted.stdout)  # a new category is a warning
    assert "about 100x its recorded scale" in drifted.stdout and "new categories ['crypto_wallet']" in drifted.stdout
    saved = demo_copy / re.search(r"result: (\S+)", drifted.stdout).group(1)
    assert json.loads(saved.read_text())["gx_result"]["success"] is False


def _runs(project, experiment="churn-train"):
    client = mlflow.MlflowClient(tracking_uri(project))
    exp = client.get_experiment_by_name(experiment)
    return client.search_runs([exp.experiment_id], order_by=["attributes.start_time DESC"])


def test_a_tampered_contract_stops_the_run(demo_copy):
    suite_path = demo_copy / "expectations" / "churn.json"
    suite = json.loads(suite_path.read_text())
    for e in suite["expectations"]:  # the critical scale guard: the median of monthly_charges (about 64) must now be under 50
        if e["type"] == "expect_column_quantile_values_to_be_between" and e["kwargs"]["column"] == "monthly_charges":
            e["kwargs"]["quantile_ranges"]["value_ranges"] = [[0.0, 50.0]] * len(e["kwargs"]["quantile_ranges"]["quantiles"])
    suite_path.write_text(json.dumps(suite))
    card = card_path(demo_copy, "baseline")
    before = card.read_text()
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "model", "baseline", cwd=demo_copy)
    assert proc.returncode == 1
    assert "ContractViolation" in proc.stderr and re.search(r"monthly_charges .*between [0-9.]+ and 50", proc.stderr)
    run = _runs(demo_copy)[0]
    assert run.info.status == "FAILED" and "ContractViolation" in run.data.tags["workbench.error"]
    assert card.read_text() == before
    assert not list(demo_copy.glob("model_cards/**/.*.tmp"))


def test_a_notebook_that_raises_is_kept_and_marked_failed(demo_copy):
    nb = json.loads((demo_copy / "nbs" / "experiments" / "train.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    code[1]["source"] = "raise RuntimeError('feature store unavailable')"
    (demo_copy / "nbs" / "experiments" / "broken.ipynb").write_text(json.dumps(nb))
    proc = workbench("run", "nbs/experiments/broken.ipynb", cwd=demo_copy)
    assert proc.returncode == 1
    assert "failed in cell" in proc.stderr and "RuntimeError: feature store unavailable" in proc.stderr
    run = _runs(demo_copy, "churn-broken")[0]
    # execution count in the executed copy: parameters (1), papermill's injected parameters (2), the raising cell (3)
    assert run.info.status == "FAILED" and run.data.tags["workbench.failed_cell"] == "3"
    kept = demo_copy / "reports" / "experiments" / "churn-broken" / run.info.run_id / "broken.ipynb"
    assert "feature store unavailable" in kept.read_text()


def test_a_missing_data_file_fails_the_run_with_one_clear_message(demo_copy):
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "data_path", "data/missing.csv", cwd=demo_copy)
    assert proc.returncode == 1 and "data/missing.csv does not exist" in proc.stderr
    assert _runs(demo_copy)[0].info.status == "FAILED"


def test_an_unknown_model_is_refused_before_any_run(demo_copy):
    before = len(_runs(demo_copy))
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "model", "svm", cwd=demo_copy)
    assert proc.returncode == 2 and "Unknown model 'svm'. Models for binary: baseline, xgboost, mlp" in proc.stderr
    assert len(_runs(demo_copy)) == before and not (demo_copy / "model_cards" / "churn-svm").exists()


def test_leakage_action_fail_stops_the_run(demo_copy):
    "Without the team's decision, the planted leak (ROC AUC about 0.97) is only a suspect; declared near-certain, it fails the run."
    decl = demo_copy / "datasets" / "churn.yaml"
    decl.write_text(yaml.safe_dump({**yaml.safe_load(decl.read_text()), "decisions": {}}))
    kept = workbench("run", "nbs/experiments/train.ipynb", "-p", "model", "baseline", "-p", "register", "false", cwd=demo_copy)
    assert kept.returncode == 0 and "suspects kept: retention_call_logged" in kept.stdout, kept.stdout + kept.stderr
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "model", "baseline", cwd=demo_copy,
                     env={"WORKBENCH_LEAKAGE_ACTION": "fail", "WORKBENCH_LEAKAGE_SUSPECT_THRESHOLD": "0.9",
                          "WORKBENCH_LEAKAGE_CERTAIN_THRESHOLD": "0.95"})
    assert proc.returncode == 1
    assert "LeakageError" in proc.stderr and "retention_call_logged alone predicts the target" in proc.stderr
    run = _runs(demo_copy)[0]
    assert run.info.status == "FAILED" and run.data.params["leakage_action"] == "fail"


def test_an_unknown_parameter_is_refused_before_any_run(demo_copy):
    before = len(_runs(demo_copy))
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "modle", "xgboost", cwd=demo_copy)
    assert proc.returncode == 2 and "has no parameter 'modle'. Its parameters: data_path (str), dataset (str)" in proc.stderr
    assert len(_runs(demo_copy)) == before


def test_monitor_refuses_when_the_reference_data_changed(demo_copy):
    ref = demo_copy / "data" / "churn.csv"
    ref.write_text(ref.read_text().replace(",north,", ",south,", 1))
    proc = workbench("monitor", "data/churn_next_month.csv", "--model", "churn", cwd=demo_copy)
    assert proc.returncode == 2 and "changed since run" in proc.stderr


def test_sigterm_marks_the_run_killed_and_leaves_no_half_files(demo_copy):
    card = card_path(demo_copy, "mlp")
    before = card.read_text()
    proc, _ = start_run_and_wait(demo_copy, "-p", "model", "mlp")
    time.sleep(2)  # inside the kernel now
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    run = _runs(demo_copy)[0]
    assert run.info.status == "KILLED"
    assert not list(demo_copy.glob("reports/**/.*.running.ipynb"))
    assert card.read_text() == before


def test_card_verify_recomputes_every_metric_from_the_test_predictions(demo_copy):
    "A number edited in the run's evidence (not in the card) is caught: the metrics are computed again from the recorded predictions."
    card = champion_card(demo_copy)
    run_id = front_matter(card.read_text())["mlflow_run_id"]
    evaluation = next(demo_copy.glob(f"mlartifacts/*/{run_id}/artifacts/evidence/evaluation.json"))
    record = json.loads(evaluation.read_text())
    record["metrics"]["log_loss"]["ci_high"] = round(record["metrics"]["log_loss"]["ci_high"] + 0.01, 6)
    evaluation.write_text(json.dumps(record))
    bad = workbench("card", "verify", "churn@champion", cwd=demo_copy)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"evaluation.json metrics.log_loss.ci_high holds [0-9.]+, the run's test predictions give [0-9.]+", bad.stdout), bad.stdout


def test_every_card_format_is_written_and_two_versions_diff(demo_project):
    "The champion's card in every format, with the human fields it was written with; `card diff` names what changed between two versions."
    project, _ = demo_project
    folder = champion_card(project).parent
    assert {p.name for p in folder.iterdir()} >= {"card.md", "card.html", "card.json", "card.pdf", "human_fields.yaml", "shap_importance.png"}
    assert folder.joinpath("card.pdf").read_bytes().startswith(b"%PDF-")
    md = champion_card(project).read_text()
    assert "### Hyperparameters" in md and "### Local explanations" in md and "library defaults" not in md
    (base, _), (xgb, _) = versions(project)["baseline"], versions(project)["xgboost"]
    diff = workbench("card", "diff", f"churn/{base}", f"churn/{xgb}", cwd=project)
    assert diff.returncode == 0, diff.stderr
    out = diff.stdout
    assert out.startswith(f"churn v{base} (run ") and "\nMetrics:\n  ROC AUC: " in out and "\nParameters:\n  model: baseline → xgboost" in out
    assert "estimator: sklearn.linear_model.LogisticRegression → workbench.boosting.XGBEarlyStopClassifier" in out
    assert "Both cards were tested on the same data" in out  # same data file and split: the paired test is offered
    doc = json.loads(workbench("card", "diff", f"churn/{base}", f"churn/{xgb}", "--format", "json", cwd=project).stdout)
    assert set(doc["sections"]) >= {"Metrics", "Parameters", "Lineage"} and "Data" not in doc["sections"]
    wrong = workbench("card", "diff", f"churn/{base}", cwd=project)
    assert wrong.returncode == 2 and "`workbench card diff` takes 2 cards" in wrong.stderr
