"""What a person waits for before a command answers, and what a run pays to save or load a model: each measured in fresh processes,
alternated with its reference in the same run, medians reported with the ratio. Run from a project that has runs (e.g. after `make demo`):

    .venv/bin/python benchmarks/bench_startup.py [--reps 5] [--project .]
"""
import argparse, statistics, subprocess, sys, time
from pathlib import Path

PY = sys.executable
WORKBENCH = str(Path(PY).parent / "workbench")

def seconds(cmd, cwd):
    "Wall seconds of one fresh process running `cmd` (its output discarded; a failure stops the benchmark)."
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

MLFLOW_RUNS = ("from workbench.config import load_settings; from workbench.tracking import recent_runs, reap_dead_runs; s = load_settings(); "
               "reap_dead_runs(s.tracking_uri); recent_runs(s.tracking_uri)")  # what `workbench runs` did before it read SQLite itself
PAIRS = [  # (what, the measured command, the reference command, the reference's name)
    ("workbench runs", [WORKBENCH, "runs"], [PY, "-c", MLFLOW_RUNS], "the same rows through MLflow"),
    ("workbench --help", [WORKBENCH, "--help"], [PY, "-c", "import sys"], "python -c 'import sys'"),
    ("workbench settings", [WORKBENCH, "settings"], [PY, "-c", "import sys"], "python -c 'import sys'"),
    ("workbench schedule list", [WORKBENCH, "schedule", "list"], [PY, "-c", "import sys"], "python -c 'import sys'"),
    ("skops import (save/load a model)", [PY, "-c", "from workbench.persist import skops_io; skops_io()"], [PY, "-c", "import skops.io"],
     "plain `import skops.io`"),
]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--project", default=".")
    args = ap.parse_args()
    print(f"{'what':34} {'median s':>9} {'reference s':>12} {'ratio':>7}  reference")
    for what, cmd, ref, ref_name in PAIRS:
        a, b = [], []
        for _ in range(args.reps):  # alternated, so load on the shared machine hits both alike
            a.append(seconds(cmd, args.project)); b.append(seconds(ref, args.project))
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"{what:34} {ma:9.3f} {mb:12.3f} {ma / mb:7.2f}  {ref_name}")

if __name__ == "__main__":
    main()
