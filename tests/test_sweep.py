"Sweeps on Dask: the spec format, points that fail without stopping the others, resuming, and a real scheduler with workers on loopback."
import json, os, signal, subprocess, sys, time
from pathlib import Path
import pytest
import conftest

DASK = str(Path(sys.executable).parent / "dask")
PARAMETERS = 'data_path = "data/points.csv"\nslope = 1.0\nseed = 0\nrun_id = ""\nexperiment = ""'
BODY = '''
import pandas as pd
from workbench.config import load_settings
from workbench.tracking import MlflowTracker
settings = load_settings()
df = pd.read_csv(settings.root / data_path)
tracker = MlflowTracker(settings.tracking_uri, settings.artifact_dir)
tracker.start(experiment, run_id=run_id)
if slope < 0: raise ValueError("slope must not be negative")
tracker.log_params({"slope": slope, "seed": seed})
mse = float(((df.y - slope * df.x) ** 2).mean())
tracker.log_metrics({"val_error": mse + seed / 1000, "error": mse - seed / 1000})  # ranking reads val_error; error is the test figure
tracker.end()
'''


def write_notebook(path, parameters=PARAMETERS, body=BODY, markdown=None):
    "An experiment notebook: a tagged parameters cell, then `body`."
    return conftest.write_notebook(path, parameters, body, markdown=markdown)


@pytest.fixture
def project(tmp_path):
    "A project with settings, a three-row data file and the probe notebook: (root, notebook, settings)."
    from workbench.config import load_settings
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "settings.ini").write_text("[workbench]\nthreads = 1\n")
    (root / "data" / "points.csv").write_text("x,y\n1,2\n2,4\n3,7\n")
    notebook = write_notebook(root / "nbs" / "experiments" / "probe.ipynb")
    return root, notebook, load_settings(root, environ={})


def client_of(settings):
    import mlflow
    return mlflow.MlflowClient(settings.tracking_uri)


# --- the spec, checked before anything runs ---------------------------------------------------------

@pytest.mark.parametrize("spec, message", [
    ({"metric": 3, "grid": {"slope": [1.0]}}, "`metric:` must name the metric"),
    ({"metric": "error", "grid": {"slope": 1.0}}, "grid.slope must be a non-empty list"),
    ({"metric": "error", "grid": {"slope": []}}, "grid.slope must be a non-empty list"),
    ({"metric": "error", "grid": {"slope": [1.0, 1.0]}}, "grid.slope lists 1.0 more than once"),
    ({"metric": "error", "gird": {"slope": [1.0]}}, "unknown key 'gird'"),
    ({"metric": "error", "goal": "max", "grid": {"slope": [1.0]}}, "`goal:` must be maximize or minimize"),
    ({"metric": "error", "fixed": {"slope": 2.0}, "grid": {"slope": [1.0]}}, "slope is both fixed and varied"),
    ({"metric": "error", "grid": {"slope": [1.0]}, "random": {"n": 2}}, "exactly one of `grid:`"),
    ({"metric": "error", "random": {"n": 0, "params": {"slope": [1.0, 2.0]}}}, "random.n must be a whole number"),
    ({"metric": "error", "random": {"n": 3, "params": {"slope": [1.0, 2.0]}}}, "allow only 2 distinct points"),
    ({"metric": "error", "random": {"n": 3, "params": {"slope": {"normal": [0, 1]}}}}, "random.params.slope must be a list of values or one of"),
    ({"metric": "error", "random": {"n": 3, "params": {"slope": {"loguniform": [0, 1]}}}}, "loguniform needs a positive low"),
    ({"metric": "error", "random": {"n": 3, "params": {"seed": {"randint": [1.5, 3]}}}}, "randint takes [low, high] integers"),
    ({"metric": "error", "grid": {"run_id": ["x"]}}, "run_id is set by the runner"),
    ({"metric": "error", "grid": {"seed": [1, 2]}, "fixed": {"when": __import__("datetime").date(2025, 1, 1)}}, "quote dates"),
], ids=["no-metric", "scalar", "empty", "repeated", "typo", "goal", "fixed-and-varied", "both-kinds", "n", "n-too-big",
        "unknown-distribution", "loguniform", "randint", "reserved", "date"])
def test_bad_specs_are_refused_with_the_reason(spec, message):
    from workbench.errors import ConfigError
    from workbench.sweep import load_sweep_spec
    with pytest.raises(ConfigError, match="not a valid sweep") as caught:
        load_sweep_spec(spec)
    assert message in str(caught.value)


def test_spec_values_are_checked_against_the_notebook(project):
    from workbench.errors import ConfigError, DataError
    from workbench.sweep import plan_sweep
    root, notebook, settings = project
    with pytest.raises(ConfigError) as caught:
        plan_sweep(notebook, {"metric": "error", "fixed": {"slop": 1.0}, "grid": {"seed": ["1", 2]}}, settings)
    text = str(caught.value)  # every problem at once, each with where it is
    assert "fixed: probe.ipynb has no parameter 'slop'" in text
    assert "grid: seed = '1' is a str, but the notebook's seed is int (default 0) (write it without quotes)" in text
    with pytest.raises(ConfigError, match="random.params: seed = 0.0 is a float, but the notebook's seed is int"):  # uniform draws floats
        plan_sweep(notebook, {"metric": "error", "random": {"n": 2, "params": {"seed": {"uniform": [0, 1]}}}}, settings)
    plan_sweep(notebook, {"metric": "error", "random": {"n": 2, "params": {"slope": {"randint": [1, 3]}}}}, settings)  # an int is a fine float
    with pytest.raises(DataError, match="does not exist"):
        plan_sweep(notebook, {"metric": "error", "fixed": {"data_path": "data/missing.csv"}, "grid": {"seed": [1]}}, settings)


def test_yaml_file_and_random_draws(project, tmp_path):
    from workbench.sweep import load_sweep_spec, plan_sweep
    root, notebook, settings = project
    spec_file = tmp_path / "sweep.yaml"
    spec_file.write_text("metric: error\ngoal: minimize\nrandom:\n  n: 6\n  seed: 3\n  params:\n"
                         "    slope: {uniform: [0.5, 2.5]}\n    seed: {randint: [1, 4]}\n")
    spec = load_sweep_spec(spec_file)
    plan = plan_sweep(notebook, spec_file, settings)
    assert (spec.kind, spec.n, len(plan.points)) == ("random", 6, 6)
    assert all(0.5 <= p.parameters["slope"] <= 2.5 and p.parameters["seed"] in (1, 2, 3, 4) for p in plan.points)
    assert [p.parameters for p in plan_sweep(notebook, spec_file, settings).points] == [p.parameters for p in plan.points]
    spec_file.write_text("metric: error\ngrid: [1, 2\n")
    from workbench.errors import ConfigError
    with pytest.raises(ConfigError, match="is not valid YAML"):
        load_sweep_spec(spec_file)


def test_keys_follow_data_and_code_not_prose(project):
    from workbench.sweep import plan_sweep
    root, notebook, settings = project
    spec = {"metric": "error", "grid": {"slope": [1.0, 2.0]}}
    keys = lambda: [p.key for p in plan_sweep(notebook, spec, settings).points]
    first = keys()
    assert len(set(first)) == 2 and keys() == first
    write_notebook(notebook, markdown="A note on the method.")  # prose and outputs do not change what runs
    assert keys() == first
    with open(root / "data" / "points.csv", "a") as fh: fh.write("4,8\n")  # new data: every point runs again
    changed_data = keys()
    assert not set(changed_data) & set(first)
    write_notebook(notebook, body=BODY.replace("seed / 1000", "seed / 100"))  # new code: likewise
    assert not set(keys()) & set(changed_data)
    assert plan_sweep(notebook, {**spec, "fixed": {"data_path": "data/points.csv"}}, settings).points[0].key == keys()[0]  # a default written out is the same run


# --- running on Dask ------------------------------------------------------------------------------

def test_sweep_on_a_local_cluster_survives_a_failing_point_and_resumes(project):
    from workbench.sweep import run_sweep
    root, notebook, settings = project
    spec = {"metric": "error", "goal": "minimize", "grid": {"slope": [1.0, 2.0, 3.0, -1.0]}}
    seen, handler = [], signal.getsignal(signal.SIGTERM)
    result = run_sweep(notebook, spec, settings, workers=2, progress=lambda point, counts: seen.append(dict(counts)))
    assert signal.getsignal(signal.SIGTERM) is handler  # the sweep's SIGTERM handler is gone with it
    assert result.counts == {"finished": 3, "failed": 1, "skipped": 0} and not result.ok
    assert [p.parameters["slope"] for p in result.ranked()] == [2.0, 3.0, 1.0, -1.0]  # error 0.33, 3.0, 7.0, then the failure
    assert seen[-1] == {"done": 3, "failed": 1, "remaining": 0, "skipped": 0} and len(seen) == 4
    failed = next(p for p in result.points if p.status == "failed")
    assert "slope must not be negative" in failed.error and failed.run_id
    assert len({p.worker for p in result.points}) == 2  # both worker processes ran points

    client = client_of(settings)
    parent = client.get_run(result.parent_run_id)
    assert parent.info.status == "FAILED" and parent.data.metrics["failed"] == 1 and parent.data.metrics["best_val_error"] == pytest.approx(1 / 3)
    children = {p.run_id: client.get_run(p.run_id) for p in result.points}
    assert all(r.data.tags["mlflow.parentRunId"] == result.parent_run_id for r in children.values())
    assert {r.info.status for r in children.values()} == {"FINISHED", "FAILED"}
    assert client.get_run(failed.run_id).info.status == "FAILED"
    assert all(r.data.metrics.get("val_error") is not None for rid, r in children.items() if rid != failed.run_id)  # every write landed
    # two processes wrote to the SQLite store at the same time: the runs overlap, and nothing was lost to "database is locked"
    spans = sorted((r.info.start_time, r.info.end_time) for r in children.values())
    assert any(b[0] < a[1] for a, b in zip(spans, spans[1:]))
    outputs = [root / "reports" / "experiments" / result.experiment / rid / "probe.ipynb" for rid in children]
    assert all(o.is_file() for o in outputs) and len(set(outputs)) == 4

    again = run_sweep(notebook, spec, settings, workers=2, progress=False)  # the finished points are skipped, the failed one retried
    assert again.counts == {"finished": 0, "failed": 1, "skipped": 3}
    assert again.parent_run_id == result.parent_run_id
    assert {p.run_id for p in again.points if p.status == "skipped"} == {p.run_id for p in result.points if p.status == "finished"}
    assert again.best.parameters == {"slope": 2.0} and again.best.metric == pytest.approx(1 / 3)
    assert "skipped (finished earlier)" in again.summary() and again.table().splitlines()[1].split()[1] == "skipped"

    with open(root / "data" / "points.csv", "a") as fh: fh.write("4,8\n")  # new data: everything runs again, under a new parent
    fresh = run_sweep(notebook, {**spec, "grid": {"slope": [2.0]}}, settings, workers=1, progress=False)
    assert fresh.counts == {"finished": 1, "failed": 0, "skipped": 0} and fresh.ok
    assert fresh.parent_run_id != result.parent_run_id
    assert client.get_run(fresh.parent_run_id).info.status == "FINISHED"


def test_unreachable_scheduler_fails_fast_without_a_run(project):
    from workbench.errors import ConfigError
    from workbench.sweep import run_sweep
    root, notebook, settings = project
    with pytest.raises(ConfigError, match="Could not reach the Dask scheduler at tcp://127.0.0.1:9"):
        run_sweep(notebook, {"metric": "error", "grid": {"slope": [1.0]}}, settings, scheduler="tcp://127.0.0.1:9", progress=False)
    runs = client_of(settings).search_runs([e.experiment_id for e in client_of(settings).search_experiments()])
    assert runs == []  # no parent run was opened for a sweep that could not start
    with pytest.raises(ConfigError, match="not both"):
        run_sweep(notebook, {"metric": "error", "grid": {"slope": [1.0]}}, settings, workers=2, scheduler="tcp://127.0.0.1:9")


@pytest.fixture
def dask_cluster(tmp_path):
    "A real `dask scheduler` and two `dask worker` processes on loopback, stopped after the test: the scheduler's address."
    procs, log = [], open(tmp_path / "dask.log", "w")
    def start(*args):
        procs.append(subprocess.Popen([DASK, *args], stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
    def stop():
        for p in reversed(procs):
            with_signal = lambda sig: os.killpg(p.pid, sig) if p.poll() is None else None
            try:
                with_signal(signal.SIGTERM); p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with_signal(signal.SIGKILL); p.wait(timeout=5)
            except ProcessLookupError: pass
        log.close()
    try:
        scheduler_file = tmp_path / "scheduler.json"
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file))
        deadline = time.time() + 60
        while not scheduler_file.is_file() and time.time() < deadline: time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        start("worker", address, "--nthreads", "1", "--nworkers", "2", "--no-dashboard", "--host", "127.0.0.1")
        from distributed import Client
        with Client(address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
            workers = set(client.scheduler_info()["workers"])
        yield address, workers
    finally:
        stop()


def test_sweep_on_an_existing_cluster(project, dask_cluster):
    from workbench.sweep import run_sweep
    root, notebook, settings = project
    address, workers = dask_cluster
    result = run_sweep(notebook, {"metric": "error", "goal": "minimize", "grid": {"slope": [1.0, 2.0], "seed": [0, 1]}}, settings,
                       scheduler=address, progress=False)
    assert result.counts == {"finished": 4, "failed": 0, "skipped": 0} and result.cluster == address
    assert {p.worker for p in result.points} <= workers and len({p.worker for p in result.points}) == 2
    assert result.best.parameters == {"slope": 2.0, "seed": 0}  # the best validation error; seed 1 has the better test error
    assert result.test_metric == pytest.approx(result.best.metric)  # seed 0: val_error and error coincide
    assert "its test error" in result.summary() and "val_error" in result.table().splitlines()[0]
    client = client_of(settings)
    test_errors = {p.parameters["seed"]: client.get_run(p.run_id).data.metrics["error"] for p in result.points if p.parameters["slope"] == 2.0}
    assert test_errors[1] < test_errors[0]  # ranking on the test figure would have chosen seed 1
    assert all(client.get_run(p.run_id).data.tags["workbench.sweep_key"] == p.key for p in result.points)


# --- models, keys beyond code and data, and stopping a sweep -------------------------------------

def test_models_are_judged_as_workbench_run_judges_them(project):
    "A scikit-learn import path runs under `workbench run`, so a sweep takes it too; a typo lists the names there are."
    from workbench.errors import ConfigError
    from workbench.sweep import plan_sweep
    root, notebook, settings = project
    picker = write_notebook(root / "nbs" / "experiments" / "pick.ipynb", parameters='model = "baseline"\nrun_id = ""\nexperiment = ""', body="model")
    plan = plan_sweep(picker, {"metric": "roc_auc", "grid": {"model": ["baseline", "sklearn.ensemble.ExtraTreesClassifier"]}}, settings)
    assert [p.parameters["model"] for p in plan.points] == ["baseline", "sklearn.ensemble.ExtraTreesClassifier"]
    with pytest.raises(ConfigError) as caught:
        plan_sweep(picker, {"metric": "roc_auc", "grid": {"model": ["xgbost", "sklearn.ensemble.NoSuchForest"]}}, settings)
    text = str(caught.value)
    assert "unknown model 'xgbost' (available: baseline, xgboost, " in text and "unknown model 'sklearn.ensemble.NoSuchForest'" in text
    assert "or a scikit-learn estimator's import path such as sklearn.ensemble.ExtraTreesClassifier" in text


@pytest.mark.parametrize("setting", ["seed = 7", "test_fraction = 0.3", "split_gap_days = 10", "leakage_action = fail",
                                     "leakage_suspect_threshold = 0.9", "leakage_fail =", "bootstrap_resamples = 200",
                                     "confidence_level = 0.9", "shap_sample_rows = 50"])
def test_keys_follow_the_settings_that_change_results(project, setting):
    "A resumed sweep must not skip points, and rank their old metrics, after a setting that changes results changed."
    from workbench.config import load_settings
    from workbench.sweep import plan_sweep
    root, notebook, settings = project
    spec = {"metric": "error", "grid": {"slope": [1.0, 2.0]}}
    def keys(ini):
        (root / "settings.ini").write_text("[workbench]\n" + ini)
        plan = plan_sweep(notebook, spec, load_settings(root, environ={}))
        return [p.key for p in plan.points], plan.sweep_id
    first, sweep_id = keys("threads = 1\n")
    assert keys("threads = 2\nreports_dir = elsewhere\ntracking_uri = sqlite:///other.db\n") == (first, sweep_id)  # where and how fast: same runs
    changed, changed_id = keys(f"threads = 1\n{setting}\n")
    assert not set(changed) & set(first) and changed_id != sweep_id


def test_keys_follow_the_workbench_version_and_the_project_commit(project, monkeypatch):
    import subprocess
    import workbench.sweep
    from workbench.sweep import plan_sweep
    root, notebook, settings = project
    spec = {"metric": "error", "grid": {"slope": [1.0, 2.0]}}
    plan = lambda: plan_sweep(notebook, spec, settings)
    first = plan()
    assert first.environment["workbench"] == workbench.__version__ and first.environment["git_commit"] is None  # not a repository
    monkeypatch.setattr(workbench.sweep, "__version__", "99.0")
    upgraded = plan()
    assert not {p.key for p in upgraded.points} & {p.key for p in first.points}
    monkeypatch.undo()
    git = lambda *a: subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *a],
                                    check=True, capture_output=True)
    git("init", "-q"); git("add", "-A"); git("commit", "-qm", "one")
    committed = plan()
    assert committed.environment["git_commit"] and not {p.key for p in committed.points} & {p.key for p in first.points}
    assert [p.key for p in plan().points] == [p.key for p in committed.points]  # the same commit, the same keys
    (root / "README.md").write_text("a change elsewhere in the project\n")
    git("add", "-A"); git("commit", "-qm", "two")
    assert not {p.key for p in plan().points} & {p.key for p in committed.points}


def test_local_workers_leave_ctrl_c_to_the_coordinator():
    "A terminal's Ctrl-C reaches every process of its group: the local workers ignore it, so they do not die under a running point."
    from workbench.sweep import _dask_client
    with _dask_client(1, None) as client:
        (pid,) = client.run(os.getpid).values()
        os.kill(pid, signal.SIGINT)
        time.sleep(1.5)
        assert list(client.run(os.getpid).values()) == [pid]


SLEEPER = 'pause = 60.0\npids = ""\nrun_id = ""\nexperiment = ""'
SLEEP_BODY = 'import os, time, pathlib\npathlib.Path(pids, f"{os.getpid()}-{os.getppid()}").touch()\ntime.sleep(pause)'
SWEEP_IN_A_PROCESS = """
import sys
from workbench.config import load_settings
from workbench.sweep import run_sweep
spec = {"metric": "error", "fixed": {"pids": sys.argv[3]}, "grid": {"pause": [60.0, 61.0]}}
run_sweep(sys.argv[1], spec, load_settings(sys.argv[2], environ={}), workers=2, progress=False)
"""


def _alive(pid):
    try: os.kill(pid, 0)
    except ProcessLookupError: return False
    return True


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_a_stopped_sweep_leaves_no_run_running(project, tmp_path, stop):
    "Ctrl-C at the terminal (SIGINT to the whole group) or a service manager's SIGTERM to the coordinator: every run ends KILLED."
    root, _, settings = project
    notebook = write_notebook(root / "nbs" / "experiments" / "sleeper.ipynb", parameters=SLEEPER, body=SLEEP_BODY)
    pids = tmp_path / "pids"
    pids.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", SWEEP_IN_A_PROCESS, str(notebook), str(root), str(pids)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    started = []
    try:
        deadline = time.time() + 120
        while len(started) < 2 and time.time() < deadline:  # both points' kernels are running: both runs are RUNNING
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            started = [tuple(map(int, f.name.split("-"))) for f in pids.iterdir()]
            time.sleep(0.2)
        assert len(started) == 2, "the points did not start"
        if stop == "ctrl-c": os.killpg(proc.pid, signal.SIGINT)
        else: os.kill(proc.pid, signal.SIGTERM)
        _, stderr = proc.communicate(timeout=90)
        assert "KeyboardInterrupt" in stderr, stderr[-3000:]

        client = client_of(settings)
        runs = client.search_runs([e.experiment_id for e in client.search_experiments()])
        parent = [r for r in runs if r.data.tags.get("workbench.sweep_role") == "parent"]
        children = [r for r in runs if r.data.tags.get("workbench.sweep_role") != "parent"]
        assert len(parent) == 1 and parent[0].info.status == "KILLED"
        assert len(children) == 2 and {r.info.status for r in children} == {"KILLED"}
        assert all("interrupted" in r.data.tags["workbench.error"] for r in children)
        deadline = time.time() + 30  # the workers went with the cluster, and their kernels followed
        while any(map(_alive, (pid for pair in started for pid in pair))) and time.time() < deadline: time.sleep(0.2)
        assert not any(map(_alive, (pid for pair in started for pid in pair)))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL); proc.wait()
        for pid in (pid for pair in started for pid in pair):
            if _alive(pid): os.kill(pid, signal.SIGKILL)
