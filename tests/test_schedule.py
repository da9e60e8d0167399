"Schedules: checks at add time, crontab export, and the runner with real APScheduler and papermill kernels: firing, no overlap, missed runs, one runner per project."
import os, re, signal, sqlite3, subprocess, sys, threading, time
from datetime import datetime, timedelta, timezone
from pathlib import Path
import pytest
import conftest

PARAMETERS = 'pause = 0.0\nfail = False\nrun_id = ""\nexperiment = ""'
BODY = 'import time\ntime.sleep(pause)\nassert not fail, "asked to fail"'


def write_notebook(path, parameters=PARAMETERS, body=BODY):
    "An experiment notebook: a tagged parameters cell, then `body`."
    return conftest.write_notebook(path, parameters, body)


@pytest.fixture
def project(tmp_path):
    "A project holding a quick notebook that sleeps `pause` seconds: (root, notebook, settings)."
    from workbench.config import load_settings
    root = tmp_path / "project"
    root.mkdir()
    (root / "settings.ini").write_text("[workbench]\nthreads = 1\n")
    notebook = write_notebook(root / "nbs" / "experiments" / "tick.ipynb")
    return root, notebook, load_settings(root, environ={})


def set_last_due(root, name, when):
    "Pretend the runner last handled `name`'s due time `when` (the store is plain SQLite)."
    with sqlite3.connect(root / "schedules.db") as con:
        con.execute("UPDATE schedules SET last_due = ? WHERE name = ?", (when.isoformat(timespec="seconds"), name))


# --- add, list, remove, export ---------------------------------------------------------------------

@pytest.mark.parametrize("name, cron, parameters, message", [
    ("nightly", "61 * * * *", {}, "Cron expression '61 * * * *' is not valid: Error validating expression '61'"),
    ("nightly", "0 6 * *", {}, "has 4 fields; write five"),
    ("nightly", "0 6 1 * 1", {}, "restricts both day-of-month (1) and day-of-week (1)"),
    ("nightly", "0 6 * * 9", {}, "'9' is not a day of the week"),
    ("nightly", "0 6 * * *", {"paws": 1.0}, "tick.ipynb has no parameter 'paws'"),
    ("nightly", "0 6 * * *", {"pause": "1"}, "pause = '1' is a str, but the notebook's pause is float"),
    ("nightly", "0 6 * * *", {"run_id": "x"}, "run_id is set by the runner"),
    ("night ly", "0 6 * * *", {}, "Schedule 'night ly' is not a valid name"),
], ids=["minute-range", "fields", "dom-and-dow", "weekday", "unknown-parameter", "parameter-type", "reserved", "name"])
def test_add_refuses_what_would_fail_later(project, name, cron, parameters, message):
    from workbench.errors import ConfigError
    from workbench.schedule import add_schedule, list_schedules
    root, notebook, settings = project
    with pytest.raises(ConfigError) as caught:
        add_schedule(settings, name, notebook, cron, parameters)
    assert message in str(caught.value)
    assert list_schedules(settings).schedules == []


def test_add_list_remove_and_export(project, tmp_path):
    from workbench.errors import ConfigError
    from workbench.schedule import add_schedule, export_crontab, list_schedules, remove_schedule
    root, notebook, settings = project
    outside = write_notebook(tmp_path / "elsewhere.ipynb")
    with pytest.raises(ConfigError, match="is outside the project"):
        add_schedule(settings, "stray", outside, "@daily")
    with pytest.raises(ConfigError, match="Unknown time zone 'Mars/Olympus'"):
        add_schedule(settings, "mars", notebook, "@daily", timezone="Mars/Olympus")
    add_schedule(settings, "weekdays", notebook, "30 6 * * 1-5", {"pause": 0.5, "fail": False}, timezone="UTC")
    add_schedule(settings, "sundays", notebook, "0 7 * * 0", timezone="UTC")
    add_schedule(settings, "fast", notebook, "@every 10s", timezone="UTC")
    add_schedule(settings, "quarterly", notebook, "@every 15m", timezone="UTC")
    with pytest.raises(ConfigError, match="A schedule named 'sundays' exists"):
        add_schedule(settings, "sundays", notebook, "0 8 * * 0")
    add_schedule(settings, "sundays", notebook, "0 8 * * 7", timezone="UTC", replace=True)  # 7 is Sunday too
    saturday = datetime(2026, 1, 3, 12, tzinfo=timezone.utc)
    listed = {s.name: s for s in list_schedules(settings, now=saturday).schedules}
    assert listed["weekdays"].next_due == "2026-01-05T06:30:00+00:00"  # Monday
    assert listed["sundays"].next_due == "2026-01-04T08:00:00+00:00" and listed["sundays"].cron == "0 8 * * 7"
    assert listed["weekdays"].parameters == {"pause": 0.5, "fail": False}
    assert re.search(r"^weekdays +30 6 \* \* 1-5 +UTC", list_schedules(settings).table(), re.M)

    text = export_crontab(settings, executable=root / ".venv" / "bin" / "workbench")
    assert (f"30 6 * * 1-5 cd {root} && mkdir -p reports && flock -n reports/.schedule-weekdays.lock .venv/bin/workbench run "
            "nbs/experiments/tick.ipynb -p pause 0.5 -p fail False >> reports/schedules.log 2>&1") in text
    assert "# fast is not exported: '@every 10s' steps by seconds" in text
    assert not [l for l in text.splitlines() if l.startswith("*/10")]
    assert [l for l in text.splitlines() if l.startswith("*/15 * * * * cd ")]  # @every 15m is written as its five fields
    assert listed["quarterly"].next_due == "2026-01-03T12:15:00+00:00"

    assert remove_schedule(settings, "fast").name == "fast"
    with pytest.raises(ConfigError, match="No schedule named 'fast'. Schedules: quarterly, sundays, weekdays."):
        remove_schedule(settings, "fast")


def test_crontab_lines_quote_what_the_shell_and_cron_would_read(tmp_path):
    from workbench.config import load_settings
    from workbench.schedule import add_schedule, export_crontab
    root = tmp_path / "my project"
    root.mkdir()
    (root / "settings.ini").write_text("[workbench]\n")
    notebook = write_notebook(root / "nbs" / "experiments" / "tick.ipynb", parameters='label = "x"\nrun_id = ""\nexperiment = ""', body="label")
    add_schedule(load_settings(root, environ={}), "quoted", notebook, "@daily", {"label": "50% off; rm -rf /"})
    line = [l for l in export_crontab(load_settings(root, environ={})).splitlines() if l.startswith("@daily")][0]
    assert f"cd '{root}' && " in line and "-p label '50\\% off; rm -rf /'" in line


# --- the runner ------------------------------------------------------------------------------------

def test_runner_fires_schedules_added_while_it_runs(project):
    import mlflow
    from workbench.schedule import add_schedule, run_schedules
    root, notebook, settings = project
    events, out = [], {}
    runner = threading.Thread(target=lambda: out.update(report=run_schedules(settings, max_firings=2, until=90, poll=0.5,
                                                                               on_event=events.append)))
    runner.start()
    time.sleep(1)
    add_schedule(settings, "tick", notebook, "@every 2s", timezone="UTC")  # the runner picks it up within `poll` seconds
    runner.join(120)
    report = out["report"]
    assert report.reason == "max_firings" and report.counts["finished"] == 2
    first, second = [f for f in report.firings if f.status == "finished"]  # due times met while the first still ran are skipped
    assert first.run_id != second.run_id and first.due < second.due
    assert datetime.fromisoformat(first.due).second % 2 == 0
    statuses = [e.status for e in events]  # every event reaches the callback, as it happens
    assert statuses[0] == "started" and statuses.count("started") == statuses.count("finished") == 2
    assert set(statuses) <= {"started", "finished", "skipped"}
    client = mlflow.MlflowClient(settings.tracking_uri)
    for f in (first, second):
        run = client.get_run(f.run_id)
        assert run.info.status == "FINISHED" and run.data.tags["workbench.schedule"] == "tick"
        assert run.data.tags["workbench.schedule_due"] == f.due
    log = (root / "reports" / "schedules.log").read_text()
    assert f"schedule=tick due={first.due} status=finished run_id={first.run_id}" in log
    with sqlite3.connect(root / "schedules.db") as con:
        assert con.execute("SELECT count(*) FROM firings WHERE status = 'finished'").fetchone()[0] == 2


def test_a_schedule_never_overlaps_itself(project):
    from workbench.schedule import add_schedule, run_schedules
    root, notebook, settings = project
    add_schedule(settings, "slow", notebook, "@every 1s", {"pause": 3.0}, timezone="UTC")  # due every second, runs for 3+
    report = run_schedules(settings, until=7, workers=2)
    runs = [f for f in report.firings if f.status == "finished"]
    skipped = [f for f in report.firings if f.status == "skipped"]
    assert runs and len(skipped) >= 2
    assert all("still running" in f.note for f in skipped)
    spans = sorted((datetime.fromisoformat(f.started), datetime.fromisoformat(f.finished)) for f in runs)
    assert all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:]))  # one at a time, though two workers were free
    assert "status=skipped" in (root / "reports" / "schedules.log").read_text()


def test_missed_runs_coalesce_into_one_catch_up_within_the_grace_time(project):
    from workbench.schedule import add_schedule, run_schedules
    root, notebook, settings = project
    add_schedule(settings, "minutely", notebook, "* * * * *", timezone="UTC")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    set_last_due(root, "minutely", now - timedelta(minutes=10, seconds=30))  # the runner was down for ten due times
    report = run_schedules(settings, until=40, max_firings=1, grace=3600)
    ran = [f for f in report.firings if f.status != "skipped"]  # on a loaded machine the next minute may come due while it runs: skipped
    assert report.reason == "max_firings" and [f.status for f in ran] == ["finished"], [f.line() for f in report.firings]
    catch_up = ran[0]
    assert datetime.fromisoformat(catch_up.due) >= now.replace(second=0)  # the most recent due time, not the oldest
    assert "catch-up: one run for 10 due times" in catch_up.note or "catch-up: one run for 11 due times" in catch_up.note


def test_missed_runs_beyond_the_grace_time_are_logged_not_run(project):
    from workbench.schedule import add_schedule, run_schedules
    root, notebook, settings = project
    now = datetime.now(timezone.utc)
    if now.hour == 0 and now.minute < 2: pytest.skip("too close to the daily due time")
    add_schedule(settings, "daily", notebook, "0 0 * * *", timezone="UTC")
    set_last_due(root, "daily", now - timedelta(days=3))
    report = run_schedules(settings, until=3, grace=60)
    assert [f.status for f in report.firings] == ["missed"]
    missed = report.firings[0]
    assert missed.due == now.replace(hour=0, minute=0, second=0, microsecond=0).isoformat() and missed.run_id is None
    assert "beyond the grace time of 60 s" in missed.note
    assert run_schedules(settings, until=2, grace=60).firings == []  # handled: the next session does not report it again
    assert "status=missed" in (root / "reports" / "schedules.log").read_text()


@pytest.fixture
def background_runner(project):
    "A `run_schedules` in another process on the project, stopped with SIGTERM after the test: (process, project)."
    root, notebook, settings = project
    code = ("import sys; from workbench.config import load_settings; from workbench.schedule import run_schedules\n"
            "r = run_schedules(load_settings(sys.argv[1], environ={}), until=120)\nprint(r.reason)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            lock = root / "schedules.lock"
            if lock.is_file() and lock.read_text().strip() == str(proc.pid): break
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.2)
        yield proc, project
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try: proc.wait(timeout=30)
            except subprocess.TimeoutExpired: proc.kill(); proc.wait()


def test_one_runner_per_project(background_runner):
    from workbench.schedule import ScheduleLocked, run_schedules
    proc, (root, notebook, settings) = background_runner
    with pytest.raises(ScheduleLocked, match=f"pid {proc.pid}"):
        run_schedules(settings, until=1)
    proc.send_signal(signal.SIGTERM)  # a service manager's stop: the runner ends cleanly and frees the lock
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0 and stdout.strip() == "terminated", stderr
    assert run_schedules(settings, until=0.5).reason == "until"


# --- a firing always ends; workers leave signals to the runner -------------------------------------

class _Raising:
    "A stand-in for the worker pool that hands back `exc`, as the pool does when its worker raised it."
    def __init__(self, exc): self.exc = exc
    def run(self, *args, **kwargs): raise self.exc


@pytest.mark.parametrize("exc, status", [(KeyboardInterrupt("signal 15"), "killed"), (SystemExit(1), "killed"),
                                         (__import__("concurrent.futures.process").futures.process.BrokenProcessPool("a worker died"), "failed")],
                         ids=["keyboard-interrupt", "system-exit", "broken-pool"])
def test_a_firing_always_ends_whatever_its_worker_sends_back(project, exc, status):
    "A KeyboardInterrupt from a worker used to escape `fire`: the row stayed `started` and --max-firings never stopped the runner."
    from workbench.schedule import _Runner, add_schedule
    root, notebook, settings = project
    add_schedule(settings, "tick", notebook, "@hourly", timezone="UTC")
    events = []
    runner = _Runner(settings, grace=None, max_firings=1, on_event=events.append, workers=_Raising(exc))
    runner.fire("tick", due=datetime(2026, 1, 3, 12, tzinfo=timezone.utc))  # must not raise: APScheduler would swallow it
    assert [e.status for e in events] == ["started", status]
    assert (runner.started, runner.ended, runner.stop.is_set(), runner.reason) == (1, 1, True, "max_firings")
    assert type(exc).__name__ in runner.firings[0].note
    with sqlite3.connect(root / "schedules.db") as con:
        assert con.execute("SELECT status FROM firings").fetchall() == [(status,)]
        assert con.execute("SELECT last_due FROM schedules").fetchone()[0] == "2026-01-03T12:00:00+00:00"  # handled: no catch-up next time


def test_a_schedule_removed_before_its_firing_does_not_stall_the_count(project):
    from workbench.schedule import _Runner
    root, notebook, settings = project
    runner = _Runner(settings, grace=None, max_firings=1, on_event=None, workers=_Raising(AssertionError("must not run")))
    runner.fire("removed-meanwhile", due=datetime(2026, 1, 3, 12, tzinfo=timezone.utc))
    assert (runner.started, runner.ended, runner.stop.is_set(), runner.firings) == (1, 1, True, [])


PID_PARAMETERS = 'pause = 3.0\npids = ""\nrun_id = ""\nexperiment = ""'
PID_BODY = 'import os, time, pathlib\npathlib.Path(pids, f"{time.time():.6f}-{os.getpid()}-{os.getppid()}").touch()\ntime.sleep(pause)'


def _alive(pid):
    try: os.kill(pid, 0)
    except ProcessLookupError: return False
    return True


def test_workers_leave_signals_to_the_runner_and_a_killed_run_ends_its_firing(project, tmp_path):
    "SIGINT (a terminal's Ctrl-C reaches the whole group) does not stop a worker's run; a SIGTERM that stops one ends its firing `killed`."
    import mlflow
    from workbench.schedule import add_schedule, run_schedules
    root, _, settings = project
    notebook = write_notebook(root / "nbs" / "experiments" / "pids.ipynb", parameters=PID_PARAMETERS, body=PID_BODY)
    pids = tmp_path / "pids"
    pids.mkdir()
    add_schedule(settings, "tick", notebook, "@every 1s", {"pids": str(pids)}, timezone="UTC")
    out, seen = {}, []
    runner = threading.Thread(target=lambda: out.update(report=run_schedules(settings, max_firings=2, until=60, workers=1)))
    runner.start()
    try:
        def next_run(count, timeout=60):
            deadline = time.time() + timeout
            while time.time() < deadline:
                found = sorted(pids.iterdir())
                if len(found) >= count: return tuple(map(int, found[count - 1].name.split("-")[1:]))  # (kernel, worker)
                time.sleep(0.1)
            raise AssertionError(f"run {count} did not start")
        seen.append(next_run(1))
        os.kill(seen[0][1], signal.SIGINT)  # ignored by the worker: the run goes on
        seen.append(next_run(2))
        assert seen[1][1] == seen[0][1]  # the same worker, still up
        os.kill(seen[1][1], signal.SIGTERM)  # stops the run (KILLED) and ends the firing
        runner.join(90)
        assert not runner.is_alive()
    finally:
        runner.join(90)
    report = out["report"]
    assert report.reason == "max_firings"
    ended = [f for f in report.firings if f.status != "skipped"]
    assert [f.status for f in ended] == ["finished", "killed"] and report.counts["killed"] == 1
    killed = ended[1]
    assert killed.run_id and "KeyboardInterrupt" in killed.note
    client = mlflow.MlflowClient(settings.tracking_uri)
    assert client.get_run(ended[0].run_id).info.status == "FINISHED" and client.get_run(killed.run_id).info.status == "KILLED"
    with sqlite3.connect(root / "schedules.db") as con:
        assert con.execute("SELECT count(*) FROM firings WHERE status = 'started'").fetchone()[0] == 0
    assert f"status=killed run_id={killed.run_id}" in (root / "reports" / "schedules.log").read_text()
    deadline = time.time() + 30  # the pool shut down with the runner, and the kernels followed their worker
    while any(_alive(pid) for pair in seen for pid in pair) and time.time() < deadline: time.sleep(0.2)
    leftover = [pid for pair in seen for pid in pair if _alive(pid)]
    for pid in leftover: os.kill(pid, signal.SIGKILL)
    assert not leftover


def test_add_takes_the_models_workbench_run_takes(project):
    from workbench.errors import ConfigError
    from workbench.schedule import add_schedule
    root, _, settings = project
    notebook = write_notebook(root / "nbs" / "experiments" / "pick.ipynb", parameters='model = "baseline"\nrun_id = ""\nexperiment = ""', body="model")
    added = add_schedule(settings, "trees", notebook, "@daily", {"model": "sklearn.ensemble.ExtraTreesClassifier"}, timezone="UTC")
    assert added.parameters == {"model": "sklearn.ensemble.ExtraTreesClassifier"}
    with pytest.raises(ConfigError, match=r"unknown model 'xgbost' \(available: baseline, xgboost, .*import path"):
        add_schedule(settings, "typo", notebook, "@daily", {"model": "xgbost"}, timezone="UTC")
