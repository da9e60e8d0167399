"""A run's fixed cost: the demo's experiment notebook through `workbench run`, through plain papermill (the same notebook and kernel,
without the runner), and its compute alone (the notebook's split, fit, evaluate and explain cells), each measured in the same session,
alternated, medians reported; then where the time of one `workbench run` goes, stage by stage (papermill's per-cell timings).

    .venv/bin/python benchmarks/bench_run.py [--reps 3] [--model baseline]

It builds a throwaway project (the repository's settings, declarations, contracts and notebooks, and the demo data) in a temporary folder.
"""
import argparse, json, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = "nbs/experiments/train.ipynb"
COMPUTE = ("split(", "fit(", "evaluate(", "explain(")  # the cells that are the notebook's own work, not its set-up or its recording

def project(tmp):
    "A project folder as a fresh clone has it, with the demo data generated."
    for part in ("settings.ini",): shutil.copy(ROOT / part, tmp / part)
    for part in ("datasets", "expectations", "compliance"): shutil.copytree(ROOT / part, tmp / part)
    shutil.copytree(ROOT / "nbs" / "experiments", tmp / "nbs" / "experiments")
    subprocess.run([BIN / "workbench", "generate", "--out", "data"], cwd=tmp, check=True, capture_output=True)
    return tmp

def timed(cmd, cwd):
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode: sys.exit(f"{cmd} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t, proc.stdout

def cells(executed):
    "[(first line, seconds)] of the code cells of an executed notebook, from papermill's metadata."
    nb = json.loads(Path(executed).read_text())
    return [("".join(c["source"]).splitlines()[0] if c["source"] else "", c["metadata"].get("papermill", {}).get("duration") or 0.0)
            for c in nb["cells"] if c["cell_type"] == "code"]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--model", default="baseline")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        p = project(Path(tmp))
        run_cmd = [BIN / "workbench", "run", NOTEBOOK, "-p", "model", a.model]
        pm_cmd = [BIN / "papermill", NOTEBOOK, "out.ipynb", "-p", "model", a.model, "--no-progress-bar", "--log-level", "ERROR"]
        timed(pm_cmd, p)  # warm the file caches and create the store, so that neither side pays it
        runs, plain, compute, last = [], [], [], None
        for _ in range(a.reps):
            s, out = timed(run_cmd, p); runs.append(s)
            last = next(Path(l.split(": ", 1)[1].strip()) for l in out.splitlines() if "executed notebook:" in l) if "executed notebook:" in out else last
            s, _ = timed(pm_cmd, p); plain.append(s)
            compute.append(sum(d for line, d in cells(p / "out.ipynb") if line.startswith(COMPUTE)))
        m_run, m_pm, m_c = (statistics.median(x) for x in (runs, plain, compute))
        print(f"model {a.model}, {a.reps} alternated repetitions, medians")
        print(f"{'workbench run':32} {m_run:7.2f} s   fixed cost over the compute {m_run - m_c:6.2f} s (goal <= 5 s)")
        print(f"{'plain papermill, same notebook':32} {m_pm:7.2f} s   fixed cost over the compute {m_pm - m_c:6.2f} s")
        print(f"{'compute alone (split..explain)':32} {m_c:7.2f} s")
        executed = p / last if last else None
        if executed and executed.is_file():
            print("\nwhere one `workbench run` goes (kernel cells from papermill's timings; the rest is the runner):")
            kernel = cells(executed)
            for line, d in kernel: print(f"  {d:6.2f} s  {line[:90]}")
            print(f"  {m_run - sum(d for _, d in kernel):6.2f} s  runner: imports, input checks, lint, kernel start and shutdown, card")

if __name__ == "__main__":
    main()
