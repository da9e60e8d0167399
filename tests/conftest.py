"Shared helpers: a fresh project folder per test, the real `workbench` command, and one demo run per session."
import json, os, re, shutil, subprocess, sys
from html.parser import HTMLParser
from pathlib import Path
import pytest

# Two pytest workers share 2 cores: numeric libraries in the in-process notebook tests get one thread each,
# as `workbench run` gives its kernels (settings.ini `threads`). Set before any of them builds its thread pool.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
WORKBENCH = str(Path(sys.executable).parent / "workbench")


def make_project(dst):
    "A project folder holding what a fresh clone has: settings, dataset declarations, contracts, experiment notebooks, card fields."
    dst = Path(dst)
    shutil.copy(ROOT / "settings.ini", dst / "settings.ini")
    shutil.copytree(ROOT / "datasets", dst / "datasets")
    shutil.copytree(ROOT / "expectations", dst / "expectations")
    shutil.copytree(ROOT / "nbs" / "experiments", dst / "nbs" / "experiments")
    shutil.copytree(ROOT / "compliance", dst / "compliance")  # the regulatory map every card's appendix is drawn from
    for fields in ROOT.glob("model_cards/*/card_fields.yaml"):
        (dst / fields.parent.relative_to(ROOT)).mkdir(parents=True, exist_ok=True)
        shutil.copy(fields, dst / fields.relative_to(ROOT))
    return dst


def write_notebook(path, parameters, *cells, markdown=None):
    "An experiment notebook: a tagged papermill parameters cell, then the code `cells` (and a markdown cell, if given)."
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}), *map(nbformat.v4.new_code_cell, cells)]
    if markdown: nb.cells.append(nbformat.v4.new_markdown_cell(markdown))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return Path(path)


def workbench(*args, cwd, env=None, timeout=900):
    "Run the installed `workbench` command in `cwd`; returns the CompletedProcess."
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    full_env.update(env or {})
    return subprocess.run([WORKBENCH, *map(str, args)], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def front_matter(card_text):
    import yaml
    return yaml.safe_load(card_text.split("---\n")[1])


def table_widths(md):
    "For each Markdown table, the set of unescaped-pipe counts of its lines: one value when no row is broken."
    widths, current = [], set()
    for line in md.splitlines() + [""]:
        if line.startswith("|"): current.add(len(re.findall(r"(?<!\\)\|", line)))
        elif current: widths.append(current); current = set()
    return widths


class Tags(HTMLParser):
    "Every start tag of an HTML document with its attributes, and the cell count of each row of each table."
    def __init__(self, text):
        super().__init__()
        self.tags, self.tables = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table": self.tables.append([])
        if tag == "tr" and self.tables: self.tables[-1].append(0)
        if tag in ("td", "th") and self.tables and self.tables[-1]: self.tables[-1][-1] += 1


def tracking_uri(project):
    return f"sqlite:///{Path(project).resolve()}/mlflow.db"


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory, worker_id):
    "A project in which `workbench demo` has run once for the whole session, shared by the pytest workers: (path, completed process)."
    import fcntl
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base  # the folder every worker's temporary folder lives in
    project, done = shared / "demo-shared", shared / "demo-shared.json"
    with open(shared / "demo-shared.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker runs the demo; the others wait for it and read what it did
        if not done.exists():
            project.mkdir()
            make_project(project)
            git = lambda *a: subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *a],
                                            check=True, capture_output=True)
            git("init", "-q"); git("add", "."); git("commit", "-qm", "project under test")  # so lineage has a commit to record
            proc = workbench("demo", cwd=project)
            done.write_text(json.dumps({"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}))
    ran = json.loads(done.read_text())
    proc = subprocess.CompletedProcess([WORKBENCH, "demo"], ran["returncode"], ran["stdout"], ran["stderr"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project, proc


@pytest.fixture
def demo_copy(demo_project, tmp_path):
    "A private copy of the demo project, for tests that change it."
    dst = tmp_path / "project"
    shutil.copytree(demo_project[0], dst)
    repoint_store(dst / "mlflow.db", demo_project[0], dst)
    return dst


def repoint_store(db, old_root, new_root):
    "Make a copied MLflow store point at the copy's artifacts: MLflow keeps absolute artifact paths, so a copy would write into the original."
    import sqlite3
    old, new = str(Path(old_root).resolve()), str(Path(new_root).resolve())
    with sqlite3.connect(db) as con:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for _, column, kind, *_ in con.execute(f'PRAGMA table_info("{table}")').fetchall():
                if kind.upper().startswith(("VARCHAR", "TEXT")):
                    con.execute(f'UPDATE "{table}" SET "{column}" = replace("{column}", ?, ?) WHERE "{column}" LIKE ?', (old, new, f"%{old}%"))


def start_run_and_wait(project, *args, timeout=180):
    "Start `workbench run nbs/experiments/train.ipynb ARGS` and wait until its notebook is executing; returns (process, partial notebook)."
    import time
    proc = subprocess.Popen([WORKBENCH, "run", "nbs/experiments/train.ipynb", *args], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, pattern = time.time() + timeout, "reports/experiments/churn-train/*/.train.running.ipynb"
    while not list(Path(project).glob(pattern)):
        assert time.time() < deadline and proc.poll() is None, "the run never started executing"
        time.sleep(0.2)
    return proc, next(Path(project).glob(pattern))
