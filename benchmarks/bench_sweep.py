"""Wall time of a sweep on 1 worker process vs 2, on a fresh demo project: the speed-up Dask buys on this machine.

    .venv/bin/python benchmarks/bench_sweep.py [--points 8] [--workers 1,2] [--experiment train|compact] [--keep]

`train` (the default) sweeps the real experiment notebook, nbs/experiments/train.ipynb, on the baseline model over `--points`
seeds: every point checks the contract, splits, checks for leakage, fits, bootstraps its confidence intervals, explains with SHAP
and registers its model, as `workbench run` does. `compact` writes a small notebook instead (read the data, time split, logistic
regression at a swept C, ROC AUC into MLflow) for a quicker, kernel-dominated measure. Each worker count runs the same points
into its own MLflow experiment in one project, so no point is skipped as already done; each starts a fresh LocalCluster, whose
start-up and per-worker imports count in its wall time.
"""
from __future__ import annotations
import argparse, json, os, platform, shutil, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMPACT_PARAMETERS = 'data_path = "data/churn.csv"\nC = 1.0\nseed = 0\nrun_id = ""\nexperiment = ""'
COMPACT_BODY = '''
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from workbench.config import load_settings
from workbench.data import load_table
from workbench.demo import CHURN
from workbench.tracking import MlflowTracker
settings = load_settings()
df = load_table(settings.root / data_path, CHURN).sort_values(CHURN.time)
cut = df[CHURN.time].quantile(0.75)
train, test = df[df[CHURN.time] <= cut], df[df[CHURN.time] > cut + pd.Timedelta(days=30)]
features = [c for c in CHURN.feature_columns(df) if c != "retention_call_logged"]
categorical = [c for c in features if c in CHURN.categorical]
model = make_pipeline(make_column_transformer((OneHotEncoder(handle_unknown="ignore"), categorical), remainder=StandardScaler()),
                      LogisticRegression(C=C, max_iter=2000, random_state=seed))
model.fit(train[features], train[CHURN.target])
tracker = MlflowTracker(settings.tracking_uri, settings.artifact_dir)
tracker.start(experiment, run_id=run_id)
tracker.log_params({"C": C, "seed": seed})
tracker.log_metrics({"roc_auc": roc_auc_score(test[CHURN.target], model.predict_proba(test[features])[:, 1])})
tracker.end()
'''


def make_project(dst):
    "A project as a fresh clone has it (the tests' make_project: settings, contracts, notebooks, card fields), plus the demo data."
    from workbench.demo import write_demo_data
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import make_project as clone_like
    project = clone_like(dst)
    write_demo_data(project / "data", seed=0)
    return project


def write_compact(path):
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(COMPACT_PARAMETERS, metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(COMPACT_BODY)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--points", type=int, default=8, help="points per sweep (default 8)")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--experiment", choices=["train", "compact"], default="train")
    ap.add_argument("--keep", action="store_true", help="keep the project folder and print where it is")
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    os.environ.setdefault("MLFLOW_LOGGING_LEVEL", "WARNING")
    from workbench.config import load_settings
    from workbench.sweep import run_sweep
    started = time.time()
    project = make_project(Path(tempfile.mkdtemp(prefix="bench-sweep-")))
    settings = load_settings(project, environ={})
    if args.experiment == "train":
        notebook = project / "nbs" / "experiments" / "train.ipynb"
        grid, metric = {"model": ["baseline"], "seed": list(range(1, args.points + 1))}, "roc_auc"
    else:
        notebook = write_compact(project / "nbs" / "experiments" / "compact.ipynb")
        grid, metric = {"C": [round(0.01 * 3 ** i, 4) for i in range(args.points)]}, "roc_auc"
    print(f"{platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; Python {platform.python_version()}; "
          f"{args.points} points of {notebook.name} ({args.experiment}); project {project}", flush=True)
    rows = []
    for n in counts:
        spec = {"metric": metric, "experiment": f"bench-{args.experiment}-{n}w", "grid": grid}
        t0 = time.time()
        result = run_sweep(notebook, spec, settings, workers=n, progress=False)
        wall = time.time() - t0
        point_s = [p.seconds for p in result.points if p.seconds is not None]
        rows.append({"workers": n, "wall_s": round(wall, 1), "finished": result.counts["finished"], "failed": result.counts["failed"],
                     "mean_point_s": round(sum(point_s) / len(point_s), 1), "sum_point_s": round(sum(point_s), 1),
                     "best": f"{result.best.metric:.4f} ({result.best.label()})" if result.best else None,
                     "errors": sorted({p.error for p in result.points if p.error})[:3]})
        print(json.dumps(rows[-1]), flush=True)
    base = rows[0]["wall_s"]
    print(f"\n{'workers':>7} {'wall s':>8} {'speed-up':>9} {'efficiency':>10} {'mean s/point':>13} {'finished':>9} {'failed':>7}")
    for r in rows:
        speedup = base / r["wall_s"]
        print(f"{r['workers']:>7} {r['wall_s']:>8.1f} {speedup:>9.2f} {speedup / (r['workers'] / rows[0]['workers']):>10.2f} "
              f"{r['mean_point_s']:>13.1f} {r['finished']:>9} {r['failed']:>7}")
    print(f"\nwhole benchmark (project set-up included): {time.time() - started:.0f} s; load average at the end {os.getloadavg()[0]:.2f}")
    if args.keep: print(f"project kept at {project}")
    else: shutil.rmtree(project, ignore_errors=True)
    return 0 if all(r["failed"] == 0 for r in rows) else 1


if __name__ == "__main__":  # Dask starts its worker processes with spawn: they import this file, and must not rerun it
    sys.exit(main())
