"""The reliability corpus: bad input, hostile names, broken settings and store faults, each one exit code, one message that
names the problem and the fix, and nothing created or half-written in the project.

Cases run the real command line in-process (`workbench.cli.main`, the function the `workbench` script calls) in a project
folder of their own, so 150-odd cases cost seconds, not minutes of interpreter start-ups."""
import os, shutil, socket
from pathlib import Path
import pytest
from conftest import make_project
from workbench.cli import main


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    "A project with the demo data written and a store-free state; each case runs in a copy of it."
    root = make_project(tmp_path_factory.mktemp("reliability-base"))
    from workbench.demo import write_demo_data
    write_demo_data(root / "data")
    (root / "notes").mkdir()
    (root / "nbs" / "experiments" / "noparams.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "execution_count": null, "id": "a1", "metadata": {}, "outputs": [], "source": "x = 1"}], '
        '"metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}')
    return root


@pytest.fixture
def project(base, tmp_path, monkeypatch):
    dst = tmp_path / "p"
    shutil.copytree(base, dst)
    for k in list(os.environ):
        if k.startswith("WORKBENCH_"): monkeypatch.delenv(k)
    monkeypatch.chdir(dst)
    return dst


def _files(root):
    return {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*") if p.is_file()}


def run_cli(args, capsys):
    "Exit code and stderr of `workbench ARGS` run in-process."
    try: code = main([str(a) for a in args])
    except SystemExit as exc: code = exc.code  # argparse's own refusals
    return code, capsys.readouterr().err


def check(project, capsys, args, code, says, *, setup=None):
    "Run one case: `setup(project)` first, then the command; assert its exit code, its message and that nothing was written."
    if setup: setup(project)
    before = _files(project)
    got, err = run_cli(args, capsys)
    assert got == code, (args, got, err)
    assert says in err, (args, err)
    assert "Traceback" not in err
    assert _files(project) == before, "the command created or changed files"
    assert not any(Path("/tmp").glob("evil*")) and not (project.parent / "evil.json").exists()


# --- names that become paths: one pattern for datasets, contracts, experiments, models and schedules -----------------------
BAD_NAMES = ["../../evil", "/tmp/evil", "", ".hidden", "a\nb", "a/b", "x" * 101, "..", "a b", "a;rm -rf ~"]
NAME_COMMANDS = {
    "contract-init": lambda n: ["contract", "init", "data/churn.csv", "--name", n, "--target", "churned"],
    "contract-check": lambda n: ["contract", "check", "data/churn.csv", "--name", n],
    "run-dataset": lambda n: ["run", "nbs/experiments/train.ipynb", "-p", "dataset", n],
    "run-experiment": lambda n: ["run", "nbs/experiments/train.ipynb", "-p", "experiment", n],
    "new-experiment": lambda n: ["new", "experiment", n, "--dataset", "churn"],
    "schedule-add": lambda n: ["schedule", "add", n, "nbs/experiments/train.ipynb", "--cron", "0 6 * * *"],
}


@pytest.mark.parametrize("command", list(NAME_COMMANDS))
@pytest.mark.parametrize("name", BAD_NAMES, ids=[repr(n)[:20] for n in BAD_NAMES])
def test_names_are_identifiers_checked_before_anything_is_created(project, capsys, command, name):
    if command == "run-experiment" and not name: pytest.skip("an empty experiment means the default one, <dataset>-train")
    check(project, capsys, NAME_COMMANDS[command](name), 2, "not a valid name" if name else "")


# --- settings ------------------------------------------------------------------------------------------------------------------
SETTINGS = [
    ("seed = three", "seed = 'three' in settings.ini is not a valid int"),
    ("test_fraction = 1.5", "test_fraction = 1.5 must be between 0 and 1"),
    ("test_fraction = 0", "test_fraction = 0.0 must be between 0 and 1"),
    ("confidence_level = 1", "confidence_level = 1.0 must be between 0 and 1"),
    ("threads = -1", "threads = -1 must be 0"),
    ("bootstrap_resamples = 0", "bootstrap_resamples = 0 must be at least 1"),
    ("shap_sample_rows = 0", "shap_sample_rows = 0 must be at least 1"),
    ("drift_reference_days = 0", "drift_reference_days = 0 must be at least 1"),
    ("split_gap_days = -3", "split_gap_days = -3 must not be negative"),
    ("leakage_action = ignore", "leakage_action = 'ignore' must be one of exclude, fail"),
    ("leakage_suspect_threshold = -5", "leakage thresholds must satisfy"),
    ("leakage_certain_threshold = 2", "leakage thresholds must satisfy"),
    ("leakage_suspect_threshold = 0.99\nleakage_certain_threshold = 0.9", "leakage thresholds must satisfy"),
    ("drift_psi_alert = 0", "drift_psi_alert = 0.0 must be above 0"),
    ("drift_ks_alert = -1", "drift_ks_alert = -1.0 must be above 0"),
    ("tracking_uri =", "tracking_uri is empty"),
    ("tracking_uri = notauri", "is not a tracking store URI"),
    ("tracking_uri = file:///tmp/mlruns", "file store is deprecated"),
    ("tracking_uri = sqlite://mlflow.db", "a SQLite store is sqlite:///"),
    ("lint_fail = temporal, tempral", "lint_fail names unknown types tempral"),
    ("leakage_fail = entity_overlap, nope", "leakage_fail names unknown types nope"),
    ("sead = 3", "Unknown setting 'sead'"),
    ("seed = 1e400", "is not a valid int"),
    ("test_fraction = nan", "is not a valid float"),
]


@pytest.mark.parametrize("line, says", SETTINGS, ids=[s[0][:30] for s in SETTINGS])
def test_bad_settings_name_the_key_and_the_fix(project, capsys, line, says):
    check(project, capsys, ["settings"], 2, says, setup=lambda p: (p / "settings.ini").write_text(f"[workbench]\n{line}\n"))


@pytest.mark.parametrize("text, says", [
    ("seed = 3\n", "not a valid INI file"),
    ("[other]\nseed = 3\n", "has no [workbench] section"),
    ("[workbench\nseed = 3\n", "not a valid INI file"),
], ids=["no-section-header", "wrong-section", "broken-header"])
def test_malformed_settings_files(project, capsys, text, says):
    check(project, capsys, ["settings"], 2, says, setup=lambda p: (p / "settings.ini").write_text(text))


@pytest.mark.parametrize("var, value, says", [
    ("WORKBENCH_SEEDS", "1", "Unknown environment variable WORKBENCH_SEEDS"),
    ("WORKBENCH_SEED", "x", "is not a valid int"),
    ("WORKBENCH_TRACKING_URI", "notauri", "is not a tracking store URI"),
    ("WORKBENCH_SETTINGS", "/nonexistent/settings.ini", "which does not exist"),
])
def test_bad_environment_variables(project, capsys, monkeypatch, var, value, says):
    monkeypatch.setenv(var, value)
    check(project, capsys, ["settings"], 2, says)


def test_settings_mask_the_tracking_password(project, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TRACKING_URI", "postgresql://ml:s3cr@t@127.0.0.1:9/mlflow")
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert "s3cr" not in out and "postgresql://ml:***@127.0.0.1:9/mlflow" in out


# --- data files ---------------------------------------------------------------------------------------------------------------
DATA = [
    (None, "does not exist"),
    ("dir", "is a folder"),
    (b"", "is empty"),
    (b"customer_id,churned\n", "has a header but no rows"),
    ("customer_id,churned\n1,caf\xe9\n".encode("latin-1"), "is not UTF-8"),
    (b"customer_id,churned,churned\n1,0,0\n", "repeats the column names ['churned']"),
    (b"customer_id;churned\n1;0\n", "looks separated by semicolons"),
    (b"customer_id\tchurned\n1\t0\n", "looks separated by tabs"),
    (b"customer_id,usage_gb\n1,2.5\n2,inf\n", "holds 1 infinite values"),
    (b"customer_id,usage_gb\n" + b"".join(b"%d,%d.5\n" % (i, i) for i in range(30)) + b"31,about 3\n", "mixes numbers and text"),
]


@pytest.mark.parametrize("content, says", DATA, ids=["missing", "folder", "empty", "header-only", "latin-1", "repeated-header",
                                                     "semicolons", "tabs", "infinity", "mixed-types"])
@pytest.mark.parametrize("action", ["check", "init"])
def test_bad_data_files_fail_with_one_line(project, capsys, content, says, action):
    def setup(p):
        if content == "dir": (p / "batch.csv").mkdir()
        elif content is not None: (p / "batch.csv").write_bytes(content)
    args = ["contract", action, "batch.csv", "--name", "churn"] + (["--target", "churned", "--force"] if action == "init" else [])
    check(project, capsys, args, 2, says, setup=setup)


@pytest.mark.parametrize("suffix, says", [(".xlsx", "unsupported extension '.xlsx'"), (".parquet", "Could not read")])
def test_unreadable_formats(project, capsys, suffix, says):
    check(project, capsys, ["contract", "check", f"batch{suffix}", "--name", "churn"], 2, says,
          setup=lambda p: (p / f"batch{suffix}").write_bytes(b"PK\x03\x04 not really"))


# --- declarations ---------------------------------------------------------------------------------------------------------------
DECLARATIONS = [
    ("name: churn\n", "must be a mapping with at least `target:`"),
    ("[1, 2]\n", "must be a mapping"),
    ("name: churn\ntarget: churned\ntask: ranking\n", "task 'ranking' is not one of binary, multiclass, regression"),
    ("name: churn\ntarget: churned\ntime_format: weekly\n", "time_format 'weekly' is not one of"),
    ("name: other\ntarget: churned\n", "declares dataset 'other', not 'churn'"),
    ("name: churn\ntarget: churned\ndecisions: {usage_gb: {decision: maybe, reason: x}}\n", "must be {decision: keep|exclude"),
    ("name: churn\ntarget: churned\ndecisions: {usage_gb: {decision: keep}}\n", "must be {decision: keep|exclude"),
    ("name: churn\ntarget: [unclosed\n", "is not valid YAML"),
]


@pytest.mark.parametrize("text, says", DECLARATIONS, ids=[f"decl{i}" for i in range(len(DECLARATIONS))])
def test_malformed_declarations_are_refused_before_a_kernel_starts(project, capsys, text, says):
    check(project, capsys, ["run", "nbs/experiments/train.ipynb", "-p", "dataset", "churn"], 2, says,
          setup=lambda p: (p / "datasets" / "churn.yaml").write_text(text))


INIT = [
    (["--target", "churned_later"], "no column --target 'churned_later'"),
    (["--target", "churned", "--time", "when"], "no column --time 'when'"),
    (["--target", "churned", "--entity", "who"], "no column --entity 'who'"),
    (["--target", "churned", "--categorical", "region,nope"], "no column --categorical 'nope'"),
    (["--target", "churned", "--positive", "2"], "--positive '2' is not one of the label's values"),
    (["--target", "monthly_charges", "--task", "binary"], "needs two label values"),
    (["--target", "contract_type", "--task", "regression"], "must be numbers"),
    (["--target", "churned", "--time", "usage_gb"], "does not look like time"),
    (["--target", "churned", "--task", "ranking"], "invalid choice"),
    (["--target", "churned", "--period", "fortnight"], "invalid choice"),
]


@pytest.mark.parametrize("flags, says", INIT, ids=[f"init{i}" for i in range(len(INIT))])
def test_bad_declarations_at_init_exit_2_and_write_nothing(project, capsys, flags, says):
    (project / "datasets" / "churn.yaml").unlink()
    (project / "expectations" / "churn.json").unlink()
    code, err = run_cli(["contract", "init", "data/churn.csv", "--name", "churn", *flags], capsys)
    assert code == 2 and says in err, (flags, err)
    assert not (project / "datasets" / "churn.yaml").exists() and not (project / "expectations" / "churn.json").exists()


# --- experiment parameters ------------------------------------------------------------------------------------------------------
RUN = [
    (["-p", "modle", "xgboost"], "has no parameter 'modle'"),
    (["-p", "seed", "three"], "seed must be int"),
    (["-p", "register", "maybe"], "register must be bool"),
    (["-p", "model_params", "[1, 2]"], "model_params must be dict"),
    (["-p", "model", "svm"], "Unknown model 'svm'"),
    (["-p", "model", "os.system"], "os"),
    (["-p", "model", "subprocess.Popen"], "subprocess"),
    (["-p", "model", "ridge"], "binary"),
    (["-p", "model", "sklearn.linear_model.Ridge"], "binary"),
    (["-p", "dataset", "nope"], "is not declared"),
    (["-f", "missing.yaml"], "does not exist"),
    (["-f", "notes"], "does not exist"),
    (["-f", "bad.yaml"], "is not valid YAML"),
    (["-f", "list.yaml"], "must be a mapping of parameter names"),
    (["-f", "typed.yaml"], "seed must be int"),
]


@pytest.mark.parametrize("args, says", RUN, ids=[" ".join(a)[:30] for a, _ in RUN])
def test_bad_run_parameters_are_refused_before_any_kernel_or_run(project, capsys, args, says):
    def setup(p):
        (p / "bad.yaml").write_text("seed: [unclosed\n")
        (p / "list.yaml").write_text("- 1\n- 2\n")
        (p / "typed.yaml").write_text("seed: three\n")
    check(project, capsys, ["run", "nbs/experiments/train.ipynb", *args], 2, says, setup=setup)
    assert not (project / "mlflow.db").exists() and not (project / "reports").exists()


@pytest.mark.parametrize("notebook, args, says", [
    ("nbs/experiments/nope.ipynb", [], "does not exist"),
    ("nbs/experiments", [], "is a folder"),
    ("nbs/experiments/noparams.ipynb", ["-p", "model", "xgboost"], "has no parameters cell"),
    ("nbs/experiments/noparams.ipynb", [], "must declare `run_id` and `experiment`"),
], ids=["missing", "folder", "no-parameters-cell", "no-run-id"])
def test_bad_notebooks(project, capsys, notebook, args, says):
    check(project, capsys, ["run", notebook, *args], 2, says)


# --- command-line arguments -----------------------------------------------------------------------------------------------------
ARGS = [
    (["runs", "--limit", "0"], "must be at least 1"),
    (["runs", "--limit", "x"], "is not a whole number"),
    (["ui", "--port", "99999"], "is not a port number"),
    (["schedule", "run", "--grace", "abc"], "neither a number of seconds nor 'none'"),
    (["schedule", "run", "--grace", "-1"], "must be 0 or more seconds"),
    (["sweep", "nbs/experiments/train.ipynb", "--grid", "g.yaml", "--scheduler", "notaurl"], "is not a Dask scheduler address"),
    (["sweep", "nbs/experiments/train.ipynb", "--grid", "missing.yaml"], "does not exist"),
    (["sweep", "nbs/experiments/train.ipynb", "--grid", "g.yaml", "--workers", "0"], "must be at least 1"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "0 6 30 2 *"], "never fires"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "0 6 * *"], "has 4 fields"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "61 * * * *"], "is not valid"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "0 0 6 * * *"], "Six fields mean seconds-first in Quartz and year-last in AWS"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "0 6 * * * 2027"], "for seconds write `@every 30s`"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "@every 7m"], "does not divide 60"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "@every 5h"], "does not divide 24"),
    (["schedule", "add", "nightly", "nbs/experiments/train.ipynb", "--cron", "0 6 * * *", "--timezone", "Mars/Olympus"], "Unknown time zone"),
    (["schedule", "add", "nightly"], "needs NAME NOTEBOOK --cron"),
    (["schedule", "remove"], "needs the schedule's NAME"),
    (["schedule", "export"], "pass --crontab"),
    (["generate", "--out", "settings.ini"], "is not a folder"),
    (["contract", "check", "postgresql://u@127.0.0.1:1/db", "--name", "churn"], "exactly one of --table"),
    (["new", "experiment", "x", "--dataset", "nope"], "is not declared"),
    (["new", "experiment", "train", "--dataset", "churn"], "exists"),
    (["contract", "init", "data/churn.csv", "--name", "churn", "--target", "churned"], "Pass --force"),
    (["contract", "init", "data/churn.csv", "--name", "c2", "--target", "churned", "--segment", "planet"], "no column --segment 'planet'"),
    (["contract", "init", "data/churn.csv", "--name", "c2", "--target", "churned", "--sensitive", "churned"], "also the target column"),
    (["contract", "init", "data/churn.csv", "--name", "c2", "--target", "churned", "--segment", "region", "--sensitive", "region"], "also the segment column"),
    (["promote", "0" * 32, "--force"], "--force needs --reason"),
    (["promote", "0" * 32, "--force", "--reason", "   "], "--force needs --reason"),
    (["promote"], "promote needs a RUN_ID"),
    (["promote", "--history", "../x"], "is not a valid name"),
    (["monitor", "data/churn_next_month.csv", "--model", "../../x"], "is not a valid name"),
    (["monitor", "data/churn_next_month.csv", "--model", "churn", "--alias", "../x"], "is not a valid name"),
    (["card", "write", "0" * 32, "--verify"], "`workbench card write` does not take --verify"),
    (["card", "0" * 32, "--format", "json"], "`workbench card write` does not take --format"),
    (["card", "verify", "0" * 32, "--format", "json"], "`workbench card verify` does not take --format"),
    (["card", "diff", "0" * 32], "`workbench card diff` takes 2 cards"),
    (["card", "verify"], "`workbench card verify` takes 1 card"),
    (["card", "0" * 32, "1" * 32], "`workbench card write` takes 1 card"),
    (["card", "verify", "/tmp"], "/tmp is not a model card"),
    (["card", "verify", "settings.ini"], "settings.ini is not a model card"),
]


@pytest.mark.parametrize("args, says", ARGS, ids=[" ".join(a)[:40] for a, _ in ARGS])
def test_bad_arguments(project, capsys, args, says):
    check(project, capsys, args, 2, says, setup=lambda p: (p / "g.yaml").write_text("grid: {model: [baseline]}\n"))


# --- the tracking store -----------------------------------------------------------------------------------------------------------
def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


STORES = {
    "missing-folder": lambda p: "sqlite:////nonexistent/dir/x.db",
    "not-sqlite": lambda p: (p.joinpath("text.db").write_text("not a database"), f"sqlite:///{p}/text.db")[1],
    "truncated": lambda p: (p.joinpath("cut.db").write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 90), f"sqlite:///{p}/cut.db")[1],
    "unreachable-server": lambda p: f"http://127.0.0.1:{_closed_port()}",
    "unreachable-postgresql": lambda p: f"postgresql://ml:secret@127.0.0.1:{_closed_port()}/mlflow",
}
STORE_COMMANDS = {"runs": ["runs"], "card": ["card", "0" * 32], "promote": ["promote", "0" * 32],
                  "monitor": ["monitor", "data/churn_next_month.csv", "--model", "churn"], "rerun": ["rerun", "0" * 32]}


@pytest.mark.parametrize("command", list(STORE_COMMANDS))
@pytest.mark.parametrize("store", list(STORES))
def test_store_faults_are_errors_with_the_fix(project, capsys, monkeypatch, store, command):
    uri = STORES[store](project)
    monkeypatch.setenv("WORKBENCH_TRACKING_URI", uri)
    before = _files(project)
    code, err = run_cli(STORE_COMMANDS[command], capsys)
    assert code == 2 and "Traceback" not in err, err
    assert any(s in err for s in ("does not exist", "not a SQLite database", "could not be opened", "Could not reach")), err
    assert "secret" not in err
    assert _files(project) == before
    assert not Path("/nonexistent").exists()


@pytest.mark.parametrize("source", ["s = 'ab'\n" + "s = s + s\n" * 80 + "import pandas as pd\ndf = pd.read_csv(s)\n",
                                    "n = 10 ** 10 ** 10\nx = n * 2\n"], ids=["string-doubling", "huge-power"])
def test_the_linter_stays_cheap_on_hostile_constants(project, capsys, source):
    "A reviewed file must not make the linter build a 2**80-character string or compute a giant power."
    import time
    (project / "hostile.py").write_text(source)
    t0 = time.time()
    code, err = run_cli(["lint", "hostile.py"], capsys)
    assert code in (0, 1) and "Traceback" not in err and time.time() - t0 < 30
