"""Do workbench's bootstrap intervals cover the true metric at the nominal rate? A simulation with the truth known.

    .venv/bin/python benchmarks/bench_coverage.py [--reps 1000] [--resamples 500] [--jobs 2] [--quick] [--only NAME,...] [--json out.json]

Each scenario is a data-generating process and a fixed scoring rule (not refitted: the model is given, the test set
is random). Its population value of every metric `evaluate_predictions` reports is computed by the same scikit-learn
point functions on TRUTH_ROWS fresh rows (a second, independent sample of as many rows checks that truth's own
error). Then `reps` test sets of n rows are drawn, each gets 95% intervals from `evaluate_predictions` under every
bootstrap scheme of its scenario (the same test set for every scheme, so schemes are compared pairwise), and an
interval *covers* when low <= truth <= high. Coverage's standard error is binomial, sqrt(c (1 - c) / reps).

Scenarios, fixed before any figure was seen (x are independent standard normal features, sigmoid = logistic):
- independent: binary, y ~ Bernoulli(sigmoid(-1 + x.B)), 4 features; score = sigmoid(-0.8 + x.B_HAT) (misspecified,
  miscalibrated). Scheme: row bootstrap.
- entity-label: n/10 entities of 10 rows. Entity risk u and score nuisance v ~ N(0, 1) per entity; the label is the
  entity's (y ~ Bernoulli(sigmoid(-1 + 1.5 u)), the same on all its rows, as "this customer churned" on each monthly
  snapshot); row score = sigmoid(-1 + 1.2 u + 0.8 v + 0.8 e), e row noise. Schemes: row, entity.
- entity-rows: as above but the label is drawn per row, y ~ Bernoulli(sigmoid(-1.2 + u + x)), and the score is
  sigmoid(-1.1 + 0.7 u + 0.5 v + 0.9 x): entities share a label rate and a score level. Schemes: row, entity.
- drift-0.9 and drift-0.99: n consecutive rows, one per timestamp, labels as in `independent` plus a drift d_t on the
  logit, stationary AR(1) with sd 0.7 and coefficient 0.9 (about 19 rows of integrated autocorrelation) or 0.99
  (about 199 rows); the score is `independent`'s rule, blind to the drift. Truth is the stationary population (d drawn
  from its marginal). Schemes: row, time (`time_blocks(times)`: about n^(1/3) rows a block), time-sqrt
  (`time_blocks(times, block_rows=round(sqrt(n)))`).
- regression: y = 10 + x.BR + (0.6 + 0.4 |x1|) e, 5 features; prediction 10.2 + x.BR_HAT. Scheme: row.
- multiclass: 3 classes, y ~ softmax(x.WM + BM); score = softmax(1.3 (x.WM_HAT + BM)) (a feature dropped, one shrunk,
  overconfident). Scheme: row.
Every scenario at n = 300 and n = 2,000. Seeds: test set `rep` of a scenario at n is drawn from
default_rng([SEED, scenario index, n, rep]); its bootstrap seed derives from the same numbers.

Columns: coverage (share of intervals holding the truth), se, width (mean interval width), spread (width of the central
95% of the point estimates over the reps: about what a right interval's width should be), bias (mean point estimate
minus truth), below / above (share of intervals lying wholly below / above the truth), undefined (reps where the metric
or its interval was not reported), seconds (time inside evaluate_predictions for that scenario, n and scheme, summed
over workers: one call gives every metric).
"""
from __future__ import annotations
import os
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"): os.environ.setdefault(_v, "1")  # one thread per worker
import argparse, json, platform, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import numpy as np

SEED = 20261206
TRUTH_ROWS = 2_000_000
SIZES = (300, 2000)
NOMINAL = 0.95
B = np.array([1.0, -0.8, 0.6, 0.4]); B_HAT = np.array([0.9, -0.9, 0.3, 0.0])
BR = np.array([1.0, 0.7, -0.5, 0.3, 0.0]); BR_HAT = np.array([0.9, 0.7, -0.4, 0.0, 0.1])
WM = np.array([[1.0, -0.5, -0.5], [0.0, 0.8, -0.8], [0.5, 0.5, -1.0], [0.3, -0.3, 0.0]]); BM = np.array([0.3, 0.0, -0.3])
WM_HAT = WM * np.array([[0.8], [1.0], [1.0], [0.0]])
DRIFT_SD = 0.7


def sigmoid(z): return 1 / (1 + np.exp(-z))
def softmax(z): e = np.exp(z - z.max(axis=1, keepdims=True)); return e / e.sum(axis=1, keepdims=True)
def bernoulli(rng, p): return (rng.random(len(p)) < p).astype(int)


def independent(rng, n, truth=False):
    x = rng.standard_normal((n, 4))
    return dict(y=bernoulli(rng, sigmoid(-1 + x @ B)), s=sigmoid(-0.8 + x @ B_HAT))


def entity_label(rng, n, truth=False):
    e = n // 10
    u, v, ent = rng.standard_normal(e), rng.standard_normal(e), np.repeat(np.arange(e), 10)
    y = bernoulli(rng, sigmoid(-1 + 1.5 * u))[ent]
    return dict(y=y, s=sigmoid(-1 + 1.2 * u[ent] + 0.8 * v[ent] + 0.8 * rng.standard_normal(n)), entity=ent)


def entity_rows(rng, n, truth=False):
    e = n // 10
    u, v, ent = rng.standard_normal(e), rng.standard_normal(e), np.repeat(np.arange(e), 10)
    x = rng.standard_normal(n)
    return dict(y=bernoulli(rng, sigmoid(-1.2 + u[ent] + x)), s=sigmoid(-1.1 + 0.7 * u[ent] + 0.5 * v[ent] + 0.9 * x), entity=ent)


def drift(phi):
    def gen(rng, n, truth=False):
        x = rng.standard_normal((n, 4))
        if truth: d = DRIFT_SD * rng.standard_normal(n)  # the stationary marginal: rows of every period, independent
        else:
            eta, d = DRIFT_SD * np.sqrt(1 - phi ** 2) * rng.standard_normal(n), np.empty(n)
            d[0] = DRIFT_SD * rng.standard_normal()
            for t in range(1, n): d[t] = phi * d[t - 1] + eta[t]
        return dict(y=bernoulli(rng, sigmoid(-1 + x @ B + d)), s=sigmoid(-0.8 + x @ B_HAT), time=np.arange(n))
    return gen


def regression(rng, n, truth=False):
    x = rng.standard_normal((n, 5))
    return dict(y=10 + x @ BR + (0.6 + 0.4 * np.abs(x[:, 0])) * rng.standard_normal(n), s=10.2 + x @ BR_HAT)


def multiclass(rng, n, truth=False):
    x = rng.standard_normal((n, 4))
    p = softmax(x @ WM + BM)
    y = (rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1).clip(0, 2)
    return dict(y=y, s=softmax(1.3 * (x @ WM_HAT + BM)))


def row(d): return {}
def entity(d): return dict(groups=d["entity"], group_kind="entity")
def time_default(d):
    from workbench.evaluate import time_blocks
    return dict(groups=time_blocks(d["time"]), group_kind="time")
def time_sqrt(d):
    from workbench.evaluate import time_blocks
    return dict(groups=time_blocks(d["time"], block_rows=round(np.sqrt(len(d["time"])))), group_kind="time")


# name -> (task, generator, {scheme name: evaluate_predictions keywords from the test set})
SCENARIOS = {
    "independent": ("binary", independent, {"row": row}),
    "entity-label": ("binary", entity_label, {"row": row, "entity": entity}),
    "entity-rows": ("binary", entity_rows, {"row": row, "entity": entity}),
    "drift-0.9": ("binary", drift(0.9), {"row": row, "time": time_default, "time-sqrt": time_sqrt}),
    "drift-0.99": ("binary", drift(0.99), {"row": row, "time": time_default, "time-sqrt": time_sqrt}),
    "regression": ("regression", regression, {"row": row}),
    "multiclass": ("multiclass", multiclass, {"row": row}),
}


def population(name, rows):
    "Each metric's value on two independent samples of `rows` fresh rows (the truth, and a check on it)."
    from workbench.evaluate import METRICS
    task, gen, _ = SCENARIOS[name]
    out = []
    for k in (0, 1):
        d = gen(np.random.default_rng([SEED, list(SCENARIOS).index(name), 0, k]), rows, truth=True)
        out.append({key: float(m.point(d["y"], d["s"], 0.5)) for key, m in METRICS[task].items()})
    return out


def simulate(name, n, start, stop, resamples):
    "Point values and intervals of every metric, per scheme, for test sets start..stop-1 of one scenario at n rows."
    from workbench.evaluate import METRICS, evaluate_predictions
    task, gen, schemes = SCENARIOS[name]
    keys = list(METRICS[task])
    out = {s: np.full((stop - start, len(keys), 3), np.nan) for s in schemes}
    seconds = dict.fromkeys(schemes, 0.0)
    sid = list(SCENARIOS).index(name)
    for i, rep in enumerate(range(start, stop)):
        d = gen(np.random.default_rng([SEED, sid, n, rep]), n)
        state = int(np.random.SeedSequence([SEED, sid, n, rep, 1]).generate_state(1)[0])
        for scheme, kwargs in schemes.items():
            t0 = time.perf_counter()
            ev = evaluate_predictions(d["y"], d["s"], task=task, resamples=resamples, confidence=NOMINAL, random_state=state, **kwargs(d))
            seconds[scheme] += time.perf_counter() - t0
            for j, k in enumerate(keys):
                if k in ev.metrics: out[scheme][i, j] = (ev.metrics[k].value, ev.metrics[k].ci_low, ev.metrics[k].ci_high)
    return name, n, start, out, seconds


def summarise(truth, draws, reps, seconds, keys):
    "One row per metric: coverage and its standard error, widths, bias, misses, undefined."
    rows = []
    for j, k in enumerate(keys):
        v, lo, hi = draws[:, j, 0], draws[:, j, 1], draws[:, j, 2]
        ok = np.isfinite(v) & np.isfinite(lo) & np.isfinite(hi)
        c = float(np.mean(ok & (lo <= truth[k]) & (truth[k] <= hi)))
        rows.append(dict(metric=k, truth=truth[k], coverage=c, se=float(np.sqrt(c * (1 - c) / reps)),
                         width=float(np.mean((hi - lo)[ok])), spread=float(np.subtract(*np.quantile(v[ok], [0.975, 0.025]))),
                         bias=float(np.mean(v[ok]) - truth[k]), below=float(np.mean(ok & (hi < truth[k]))),
                         above=float(np.mean(ok & (lo > truth[k]))), undefined=int((~ok).sum()), reps=reps, seconds=seconds))
    return rows


def versions():
    import numpy, pandas, scipy, sklearn, workbench
    return dict(python=platform.python_version(), numpy=numpy.__version__, pandas=pandas.__version__, scipy=scipy.__version__,
                sklearn=sklearn.__version__, workbench=workbench.__version__)


def pivot(results, tasks):
    "Markdown tables for the README: coverage % (SE) per metric, one row per scenario, n and scheme."
    lines = []
    for task in tasks:
        rs = [r for r in results if r["task"] == task]
        if not rs: continue
        keys = list(dict.fromkeys(r["metric"] for r in rs))
        lines += ["", f"{task}: coverage % (SE) of nominal 95% intervals; width = mean width of the {keys[0]} interval (spread of the estimates)", "",
                  "| scenario | n | scheme | " + " | ".join(keys) + f" | {keys[0]} width (spread) |", "|---" * (len(keys) + 4) + "|"]
        for (sc, n, scheme) in dict.fromkeys((r["scenario"], r["n"], r["scheme"]) for r in rs):
            cell = {r["metric"]: r for r in rs if (r["scenario"], r["n"], r["scheme"]) == (sc, n, scheme)}
            first = cell[keys[0]]
            lines.append(f"| {sc} | {n:,} | {scheme} | " + " | ".join(f"{100 * cell[k]['coverage']:.1f} ({100 * cell[k]['se']:.1f})" for k in keys)
                         + f" | {first['width']:.4f} ({first['spread']:.4f}) |")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, help="test sets per scenario and n (default 1000; 20 with --quick)")
    p.add_argument("--resamples", type=int, help="bootstrap resamples per interval (default 500; 200 with --quick)")
    p.add_argument("--quick", action="store_true", help="a smoke run: few reps, fewer resamples, 200,000 truth rows")
    p.add_argument("--only", help="comma-separated scenario names (default: all)")
    p.add_argument("--jobs", type=int, default=2, help="worker processes")
    p.add_argument("--chunk", type=int, default=50, help="test sets per work item")
    p.add_argument("--json", help="also write every row and the run's details here")
    a = p.parse_args(argv)
    reps = a.reps or (20 if a.quick else 1000)
    resamples = a.resamples or (200 if a.quick else 500)
    truth_rows = 200_000 if a.quick else TRUTH_ROWS
    names = a.only.split(",") if a.only else list(SCENARIOS)
    unknown = set(names) - set(SCENARIOS)
    if unknown: p.error(f"unknown scenario(s) {sorted(unknown)}; choose from {list(SCENARIOS)}")
    from workbench.evaluate import METRICS
    t_start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=a.jobs) as pool:
        truths = dict(zip(names, pool.map(population, names, [truth_rows] * len(names))))
        t_truth = time.perf_counter() - t_start
        jobs = [(nm, n, s, min(s + a.chunk, reps), resamples) for nm in names for n in SIZES for s in range(0, reps, a.chunk)]
        parts = list(pool.map(simulate, *zip(*jobs)))
    wall = time.perf_counter() - t_start
    results = []
    for nm in names:
        task, _, schemes = SCENARIOS[nm]
        keys = list(METRICS[task])
        truth, check = truths[nm]
        for n in SIZES:
            mine = sorted((pt for pt in parts if pt[0] == nm and pt[1] == n), key=lambda pt: pt[2])
            for scheme in schemes:
                draws = np.concatenate([pt[3][scheme] for pt in mine])
                secs = sum(pt[4][scheme] for pt in mine)
                for r in summarise(truth, draws, reps, secs, keys):
                    results.append(dict(scenario=nm, task=task, n=n, scheme=scheme, nominal=NOMINAL,
                                        truth_check_diff=abs(check[r["metric"]] - truth[r["metric"]]), **r))
    head = f"{'scenario':<13}{'n':>6} {'scheme':<10}{'metric':<18}{'nominal':>8}{'coverage':>9}{'se':>6}{'width':>9}{'spread':>9}{'bias':>9}{'below':>7}{'above':>7}{'undef':>6}{'reps':>6}{'seconds':>8}"
    print(head); print("-" * len(head))
    for r in results:
        print(f"{r['scenario']:<13}{r['n']:>6} {r['scheme']:<10}{r['metric']:<18}{r['nominal']:>8.2f}{100 * r['coverage']:>8.1f}%{100 * r['se']:>6.1f}"
              f"{r['width']:>9.4f}{r['spread']:>9.4f}{r['bias']:>+9.4f}{100 * r['below']:>6.1f}%{100 * r['above']:>6.1f}%{r['undefined']:>6}{r['reps']:>6}{r['seconds']:>8.1f}")
    worst = max(results, key=lambda r: r["truth_check_diff"] / r["width"])
    print(f"\ntruth: {truth_rows:,} rows per scenario ({t_truth:.1f} s); the largest gap to an independent second sample, relative to "
          f"the mean interval width, is {worst['truth_check_diff']:.5f} = {worst['truth_check_diff'] / worst['width']:.1%} of the width "
          f"({worst['scenario']}, {worst['metric']}, n = {worst['n']})")
    print(f"{reps} test sets per scenario and n, {resamples} resamples per interval, {a.jobs} workers; wall {wall:.1f} s")
    print(pivot(results, ["binary", "regression", "multiclass"]))
    if a.json:
        Path(a.json).write_text(json.dumps(dict(reps=reps, resamples=resamples, truth_rows=truth_rows, wall_seconds=wall, jobs=a.jobs,
                                                seed=SEED, versions=versions(), results=results), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
