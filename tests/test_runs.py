"Experiment runs from the command line: parameters are data, checked before a kernel starts; the linter reviews the notebook first."
import json, re, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from conftest import WORKBENCH, make_project, start_run_and_wait, tracking_uri, workbench, write_notebook

ECHO_PARAMS = 'text = "default"\ncount = 1\nratio = 0.5\nrun_id = ""\nexperiment = ""'


def runs(project, experiment):
    import mlflow
    client = mlflow.MlflowClient(tracking_uri(project))
    exp = client.get_experiment_by_name(experiment)
    return client.search_runs([exp.experiment_id], order_by=["attributes.start_time DESC"]) if exp else []


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


ECHO = "import json, pathlib; pathlib.Path('echo.json').write_text(json.dumps({'text': text, 'count': count, 'ratio': ratio}))"
NASTY = 'he said "stop"; \'quoted\'\nsecond line\\n {braces} __import__("os").system("touch pwned") # not code'


def test_parameter_values_arrive_as_data_never_as_code(project):
    write_notebook(project / "nbs" / "experiments" / "echo.ipynb", ECHO_PARAMS, ECHO)
    proc = workbench("run", "nbs/experiments/echo.ipynb", "-p", "text", NASTY, "-p", "count", "7", "-p", "ratio", "2", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((project / "echo.json").read_text()) == {"text": NASTY, "count": 7, "ratio": 2.0}
    assert not (project / "pwned").exists()
    run = runs(project, "data-echo")[0]
    assert run.info.status == "FINISHED" and json.loads(run.data.tags["workbench.parameters"])["text"] == NASTY


def test_a_parameter_file_is_read_and_the_command_line_overrides_it(project):
    write_notebook(project / "nbs" / "experiments" / "echo.ipynb", ECHO_PARAMS, ECHO)
    (project / "params.yaml").write_text("text: from the file\ncount: 3\n")
    proc = workbench("run", "nbs/experiments/echo.ipynb", "-f", "params.yaml", "-p", "count", "4", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((project / "echo.json").read_text()) == {"text": "from the file", "count": 4, "ratio": 0.5}


@pytest.mark.parametrize("args, expected", [
    (["-p", "count", "many"], "count must be int (default 1), got str 'many'"),
    (["-p", "ratio", "True"], "ratio must be float (default 0.5), got bool True"),
    (["-p", "cuont", "2"], "has no parameter 'cuont'. Its parameters: text (str), count (int), ratio (float)"),
    (["-f", "missing.yaml"], "Parameter file missing.yaml does not exist"),
])
def test_bad_parameters_are_refused_before_any_kernel_starts(project, args, expected):
    write_notebook(project / "nbs" / "experiments" / "echo.ipynb", ECHO_PARAMS, ECHO)
    proc = workbench("run", "nbs/experiments/echo.ipynb", *args, cwd=project)
    assert proc.returncode == 2 and expected in proc.stderr, proc.stderr
    assert runs(project, "data-echo") == [] and not (project / "echo.json").exists()


LEAKY = """import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data/customers.csv")
X, y = df.drop(columns=["churned"]), df["churned"]
X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = LogisticRegression().fit(X_train, y_train)
print(model.score(X_test, y_test))"""


def test_a_leaky_notebook_is_linted_and_refused_before_it_runs(project):
    write_notebook(project / "nbs" / "experiments" / "leaky.ipynb", ECHO_PARAMS, LEAKY)
    proc = workbench("run", "nbs/experiments/leaky.ipynb", cwd=project)
    assert proc.returncode == 1 and "preprocessing" in proc.stderr and "workbench: ignore" in proc.stderr, proc.stderr
    run = runs(project, "data-leaky")[0]
    assert run.info.status == "FAILED" and run.data.tags["workbench.lint_findings"] != "0"
    assert not (project / "reports" / "experiments" / "data-leaky" / run.info.run_id / "leaky.ipynb").exists()


def test_lint_findings_only_warn_when_lint_fail_is_empty(project):
    write_notebook(project / "nbs" / "experiments" / "leaky.ipynb", ECHO_PARAMS, "print('reviewed')\n" + "# " + LEAKY.replace("\n", "\n# "))
    proc = workbench("lint", "nbs/experiments/leaky.ipynb", cwd=project)
    assert proc.returncode == 0, proc.stdout  # all commented out: nothing to find
    write_notebook(project / "nbs" / "experiments" / "leaky.ipynb", ECHO_PARAMS, "print('reviewed')", LEAKY.replace("import pandas as pd", "import pandas as pd\nimport os"))
    proc = workbench("run", "nbs/experiments/leaky.ipynb", cwd=project, env={"WORKBENCH_LINT_FAIL": ""})
    # it runs (and fails on the missing data file), with the findings recorded on the run
    assert "customers.csv" in proc.stderr
    import mlflow
    run = runs(project, "data-leaky")[0]
    lint = json.loads(Path(mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="evidence/lint.json",
                                                               tracking_uri=tracking_uri(project))).read_text())
    assert {f["type"] for f in lint["findings"]} >= {"preprocessing"} and lint["fail_types"] == []


def _baseline_run(project):
    return next(r for r in runs(project, "churn-train") if r.data.params.get("model") == "baseline" and r.info.status == "FINISHED")


def test_rerun_reproduces_the_metrics_of_a_past_run(demo_copy):
    old = _baseline_run(demo_copy)
    proc = workbench("rerun", old.info.run_id, cwd=demo_copy)
    assert proc.returncode == 0 and "metrics reproduced" in proc.stdout, proc.stdout + proc.stderr
    new = runs(demo_copy, "churn-train")[0]
    assert new.data.tags["workbench.rerun_of"] == old.info.run_id and new.info.run_id != old.info.run_id
    assert new.data.metrics["roc_auc"] == old.data.metrics["roc_auc"]
    assert new.data.params["data_hash"] == old.data.params["data_hash"]


def test_rerun_refuses_when_the_data_changed_and_says_what_changed(demo_copy):
    old = _baseline_run(demo_copy)
    data = demo_copy / "data" / "churn.csv"
    lines = data.read_text().splitlines(keepends=True)
    data.write_text("".join(lines[:-100]))
    proc = workbench("rerun", old.info.run_id, cwd=demo_copy)
    assert proc.returncode == 2 and "no longer matches the file" in proc.stderr, proc.stderr
    assert f"now {len(lines) - 101}" in proc.stderr  # rows now: minus the header and the 100 removed


def test_runs_lists_recent_runs_with_status_metrics_and_duration(demo_project):
    project, _ = demo_project
    proc = workbench("runs", "--limit", "3", cwd=project)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["started", "(UTC)", "status"] and len(lines) == 4
    assert all("FINISHED" in l and "churn-train" in l and re.search(r" 0\.\d{4} ", l) for l in lines[1:])
    rows = json.loads(workbench("runs", "--format", "json", "--experiment", "churn-train", cwd=project).stdout)
    assert {r["model"] for r in rows} == {"baseline", "xgboost", "mlp"} and all(r["seconds"] > 0 for r in rows)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, proc, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, f"server exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200: return
        except OSError: time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def test_ui_serves_the_projects_store_on_loopback(demo_project):
    import mlflow
    project, _ = demo_project
    port = free_port()
    proc = subprocess.Popen([WORKBENCH, "ui", "--port", str(port)], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", proc)
        names = {e.name for e in mlflow.MlflowClient(f"http://127.0.0.1:{port}").search_experiments()}
        assert "churn-train" in names
    finally:
        proc.send_signal(signal.SIGTERM)  # a scheduler's stop: the MLflow server goes down with it, not orphaned on its port
        out, _ = proc.communicate(timeout=60)
    assert f"MLflow UI: http://127.0.0.1:{port}" in out and proc.returncode == 0
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the MLflow server outlived workbench ui"


@pytest.fixture
def mlflow_server(tmp_path):
    "A real `mlflow server` on loopback with its own SQLite store and proxied artifact store."
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mlflow", "server", "--backend-store-uri", f"sqlite:///{tmp_path}/server.db",
                             "--artifacts-destination", str(tmp_path / "server-artifacts"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", proc)
        yield f"http://127.0.0.1:{port}", tmp_path / "server-artifacts"
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_a_tracking_server_works_like_the_sqlite_store(tmp_path, mlflow_server):
    import mlflow
    uri, artifacts = mlflow_server
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    env = {"WORKBENCH_TRACKING_URI": uri}
    assert workbench("generate", cwd=project, env=env).returncode == 0
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "model", "baseline", cwd=project, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    client = mlflow.MlflowClient(uri)
    run = client.search_runs([client.get_experiment_by_name("churn-train").experiment_id])[0]
    assert run.info.status == "FINISHED" and run.info.artifact_uri.startswith("mlflow-artifacts:")
    assert run.inputs.dataset_inputs[0].dataset.name == "churn"
    assert client.get_model_version_by_alias("churn", "challenger").run_id == run.info.run_id
    assert list(artifacts.rglob("lineage.json")) and not (project / "mlflow.db").exists() and not (project / "mlartifacts").exists()
    assert workbench("card", run.info.run_id, "--verify", cwd=project, env=env).returncode == 0


def test_an_unregistered_run_keeps_the_aliases_until_it_is_promoted(demo_copy):
    "A run kept out of the registry (a sweep point) moves no alias; promote registers it and moves champion only through the gates."
    import mlflow
    client = mlflow.MlflowClient(tracking_uri(demo_copy))
    champion, challenger = (client.get_model_version_by_alias("churn", a) for a in ("champion", "challenger"))
    proc = workbench("run", "nbs/experiments/train.ipynb", "-p", "model", "baseline", "-p", "register", "False", cwd=demo_copy)
    assert proc.returncode == 0 and "model card:        none" in proc.stdout, proc.stdout + proc.stderr
    run = runs(demo_copy, "churn-train")[0]
    assert [client.get_model_version_by_alias("churn", a).version for a in ("champion", "challenger")] == [champion.version, challenger.version]
    refused = workbench("promote", run.info.run_id, cwd=demo_copy)  # the champion's model again, on the same rows: not better
    assert refused.returncode == 1 and "not different" in refused.stdout, refused.stdout + refused.stderr
    version = max(client.search_model_versions("name='churn'"), key=lambda v: int(v.version))
    assert version.run_id == run.info.run_id and not version.aliases  # registered, inert: nothing scores with it
    assert client.get_model_version_by_alias("churn", "champion").version == champion.version
    forced = workbench("promote", run.info.run_id, "--force", "--reason", "drill", cwd=demo_copy)
    assert forced.returncode == 0 and client.get_model_version_by_alias("churn", "champion").run_id == run.info.run_id, forced.stderr
    assert workbench("card", run.info.run_id, "--verify", cwd=demo_copy).returncode == 0
    assert workbench("monitor", "data/churn_next_month_clean.csv", "--model", "churn", cwd=demo_copy).returncode == 0
    back = workbench("promote", champion.run_id, "--force", "--reason", "roll back the drill", cwd=demo_copy)  # a rollback is a decision too
    assert back.returncode == 0 and "churn v%s forced" % champion.version in back.stdout, back.stdout + back.stderr
    assert client.get_model_version_by_alias("churn", "champion").version == champion.version
    assert "| rollback | forced |" in workbench("promote", "--history", "churn", cwd=demo_copy).stdout


def test_two_runs_started_at_the_same_moment_keep_their_own_outputs_and_runs(project):
    write_notebook(project / "nbs" / "experiments" / "echo.ipynb", ECHO_PARAMS,
                   "import json, pathlib; pathlib.Path(f'echo-{count}.json').write_text(json.dumps(text))")
    procs = [subprocess.Popen([WORKBENCH, "run", "nbs/experiments/echo.ipynb", "-p", "count", str(i), "-p", "text", f"run {i}"],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in (1, 2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert [json.loads((project / f"echo-{i}.json").read_text()) for i in (1, 2)] == ["run 1", "run 2"]
    finished = runs(project, "data-echo")
    assert len(finished) == 2 and {r.info.status for r in finished} == {"FINISHED"}
    assert {json.loads(r.data.tags["workbench.parameters"])["count"] for r in finished} == {1, 2}
    for r in finished:
        assert (project / "reports" / "experiments" / "data-echo" / r.info.run_id / "echo.ipynb").is_file()
    assert not list(project.glob("kernel-ipc-*"))  # kernel sockets live in each run's private temporary folder


def test_rerun_refuses_when_settings_or_notebook_code_changed(demo_copy):
    old = _baseline_run(demo_copy)
    proc = workbench("rerun", old.info.run_id, cwd=demo_copy, env={"WORKBENCH_SPLIT_GAP_DAYS": "10"})
    assert proc.returncode == 2 and "settings changed: split_gap_days = 10 (was 30)" in proc.stderr, proc.stderr
    nb = demo_copy / "nbs" / "experiments" / "train.ipynb"
    nb.write_text(nb.read_text().replace("explain(exp)", "explain(exp).importance"))
    proc = workbench("rerun", old.info.run_id, cwd=demo_copy)
    assert proc.returncode == 2 and "the code of nbs/experiments/train.ipynb changed" in proc.stderr, proc.stderr


def test_a_run_that_fails_after_logging_its_model_leaves_the_registry_as_it_was(demo_copy):
    "The reliability review's repro: a last cell that raises. The model was logged, but the alias and the card must not move."
    import mlflow
    client = mlflow.MlflowClient(tracking_uri(demo_copy))
    before = client.get_model_version_by_alias("churn", "challenger")
    card_file = demo_copy / "model_cards" / "churn" / f"v{before.version}" / "card.md"
    card = card_file.read_text()
    nb = json.loads((demo_copy / "nbs" / "experiments" / "train.ipynb").read_text())
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "late0001", "metadata": {}, "outputs": [],
                        "source": "raise RuntimeError('late failure')"})
    (demo_copy / "nbs" / "experiments" / "late.ipynb").write_text(json.dumps(nb))
    proc = workbench("run", "nbs/experiments/late.ipynb", "-p", "model", "baseline", cwd=demo_copy)
    assert proc.returncode == 1 and "late failure" in proc.stderr and "its model was not registered" in proc.stderr
    run = runs(demo_copy, "churn-late")[0]
    assert run.info.status == "FAILED"
    assert client.get_model_version_by_alias("churn", "challenger").version == before.version
    assert card_file.read_text() == card
    assert run.info.run_id not in {v.run_id for v in client.search_model_versions("name='churn'")}
    refused = workbench("promote", run.info.run_id, cwd=demo_copy)   # promote refuses it too: the two paths agree
    assert refused.returncode == 1 and "FAIL  finished" in refused.stdout and "is FAILED" in refused.stderr


def test_a_run_killed_with_sigkill_is_marked_failed_by_the_next_command(demo_copy):
    "kill -9 leaves no handler to run: the next command that opens the store ends the run FAILED and removes its partial files."
    import os
    proc, partial = start_run_and_wait(demo_copy, "-p", "model", "mlp")
    run_id = partial.parent.name
    import mlflow
    client = mlflow.MlflowClient(tracking_uri(demo_copy))
    sockets = client.get_run(run_id).data.tags.get("workbench.sockets")
    kernels = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()  # papermill's kernel
    proc.kill(); proc.wait(30)
    try:
        assert client.get_run(run_id).info.status == "RUNNING"    # nothing ran to close it
        listed = workbench("runs", cwd=demo_copy)
        assert listed.returncode == 0
        run = client.get_run(run_id)
        assert run.info.status == "FAILED" and "is gone" in run.data.tags["workbench.error"]
        assert not partial.exists() and not (sockets and Path(sockets).exists())
        refused = workbench("rerun", run_id, cwd=demo_copy)
        assert refused.returncode == 2 and "recorded no metrics" in refused.stderr
    finally:  # the orphaned kernel of the killed runner
        for pid in kernels:
            try: os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError: pass
