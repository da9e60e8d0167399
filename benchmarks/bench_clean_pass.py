"""Do profiled contracts cry wolf? Share of clean held-out batches that pass a freshly profiled contract, and of corrupted ones that fail.

    .venv/bin/python benchmarks/bench_clean_pass.py [--reps 50] [--tables diabetes,wine,...] [--sizes 20,100,1000] [--json out.json]

For each table and each repetition (seeded), the rows are shuffled and cut in two halves: the first half is the
reference a contract is profiled from (`build_suite`), the second half gives clean batches of realistic sizes drawn
without replacement. Each batch goes through a CSV file and comes back from `pd.read_csv` (time column as text, as a
scheduled check reads it), then `validate`. A batch *passes* when no critical expectation fails; *quiet* when nothing
fails at all (no warning either).

Corrupted batches (one batch of `--corrupt-size` rows per repetition and kind) must fail: a numeric feature in units
x100, a feature renamed, a feature dropped, a numeric feature turned to text. The feature is drawn at random per
repetition. "diagnosed" counts the failures whose schema diagnosis names that column and that kind of change.

"old" is the contract code as it was at commit OLD_COMMIT (loaded from git into a temporary module), fed frames whose
time column is already parsed (it could not parse text); "new" is workbench.contracts today, fed the read_csv frame.
"""
from __future__ import annotations
import argparse, importlib.util, io, json, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OLD_COMMIT = "1247ec7214bbc2546dd2b84e2781dbe4f5a5c74a"  # the contract rules before "Contracts that do not cry wolf"
CORRUPTIONS = ("unit_x100", "renamed", "dropped", "type_change")


def old_contracts():
    "The contracts module as it was at OLD_COMMIT, importable next to today's."
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:src/workbench/contracts.py"],
                          capture_output=True, text=True, check=True).stdout
    text = (text.replace("from .data import free_stem, write_atomic", "from workbench.files import free_stem, write_atomic")
                .replace("from .errors import", "from workbench.errors import").replace("from .schema import", "from workbench.schema import"))
    path = Path(tempfile.mkdtemp()) / "old_contracts.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location("old_contracts", path)
    mod = sys.modules["old_contracts"] = importlib.util.module_from_spec(spec)  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def generated_table(n=2000, seed=7):
    "Loans by year: an integer-year time column, Yes/No labels, NaNs in a number and a category, a categorical plan."
    rng = np.random.default_rng(seed)
    year = rng.integers(2015, 2025, n)
    income = rng.lognormal(10.5, 0.6, n).round(0)
    income[rng.random(n) < 0.06] = np.nan
    region = rng.choice(["north", "south", "east", "west"], n).astype(object)
    region[rng.random(n) < 0.03] = None
    plan = rng.choice(["basic", "plus", "premium"], n, p=[0.6, 0.3, 0.1])
    amount = rng.gamma(2.0, 4000, n).round(2)
    age = rng.integers(19, 80, n)
    logit = -1.5 + 0.00004 * amount - 0.00001 * np.nan_to_num(income, nan=36000) + 0.3 * (plan == "basic")
    default = np.where(rng.random(n) < 1 / (1 + np.exp(-logit)), "Yes", "No")
    return pd.DataFrame({"loan_year": year, "age": age, "income": income, "amount": amount, "region": region, "plan": plan,
                         "defaulted": default}).sort_values("loan_year", kind="stable", ignore_index=True)


def tables():
    "{name: (frame as a CSV file gives it, DatasetSpec)} for every benchmark table."
    from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
    from workbench.data import DatasetSpec
    from workbench.demo import CHURN, generate_churn
    out = {}
    out["diabetes"] = (load_diabetes(as_frame=True).frame, DatasetSpec(name="diabetes", target="target", task="regression"))
    wine = load_wine(as_frame=True)
    out["wine"] = (wine.frame.assign(target=wine.target_names[wine.target]),
                   DatasetSpec(name="wine", target="target", task="multiclass", classes=tuple(wine.target_names)))
    bc = load_breast_cancer(as_frame=True)
    out["breast_cancer"] = (bc.frame.assign(target=bc.target_names[bc.target]),
                            DatasetSpec(name="breast_cancer", target="target", task="binary", positive="malignant",
                                        classes=("benign", "malignant")))
    out["churn"] = (generate_churn(), CHURN)
    out["loans"] = (generated_table(), DatasetSpec(name="loans", target="defaulted", task="binary", positive="Yes", classes=("No", "Yes"),
                                                   time="loan_year", time_format="year", categorical=("region", "plan")))
    return {k: (via_csv(df), spec) for k, (df, spec) in out.items()}


def via_csv(df):
    "The frame as `pd.read_csv` gives it back from a CSV file."
    return pd.read_csv(io.StringIO(df.to_csv(index=False)))


def numeric_features(df, spec):
    "Feature columns a unit change or a type change can hit: numbers with more than two values, not declared categorical."
    skip = {spec.target, spec.time, spec.entity, *spec.categorical}
    return [c for c in df.columns if c not in skip and pd.api.types.is_numeric_dtype(df[c])
            and not pd.api.types.is_bool_dtype(df[c]) and df[c].nunique() > 2]


def corrupt(batch, kind, col):
    "The batch with one upstream change applied to column `col`."
    if kind == "unit_x100": return batch.assign(**{col: batch[col] * 100})
    if kind == "renamed": return batch.rename(columns={col: f"{col}_v2"})
    if kind == "dropped": return batch.drop(columns=[col])
    if kind == "type_change": return batch.assign(**{col: batch[col].map(lambda v: f"{v} units" if pd.notna(v) else None)})
    raise ValueError(kind)


def diagnosed(report, kind, col):
    "Does the report's schema diagnosis name this column and this kind of change?"
    words = {"unit_x100": "100x its recorded scale", "renamed": f"renamed from {col!r}", "dropped": "Columns removed",
             "type_change": "changed type"}[kind]
    return any(words in d and col in d for d in report.diagnoses)


def run_table(name, df, spec, *, reps, sizes, corrupt_size, new, old, verbose=False, tuning=None):
    "Counts of passing and failing batches for one table, old and new rules."
    from workbench.data import apply_spec
    parse = lambda frame: apply_spec(frame, spec, require_declared=False, require_label=False)
    c = {"rows": len(df), "batches": 0, "labels": 0,
         **{f"{rules}_{what}": 0 for rules in ("old", "new") for what in ("pass", "quiet")}, "new_unlabelled_pass": 0,
         **{f"{rules}_{k}": 0 for rules in ("old", "new") for k in CORRUPTIONS}, **{f"diag_{k}": 0 for k in CORRUPTIONS},
         "corrupted": 0, "why_new_failed": {}, "why_new_warned": {}, "why_old_failed": {}, "escaped": {}}
    for rep in range(reps):
        rng = np.random.default_rng([rep, len(name)])
        perm = rng.permutation(len(df))
        half = len(df) // 2
        ref, hold = df.iloc[np.sort(perm[:half])].reset_index(drop=True), df.iloc[np.sort(perm[half:])].reset_index(drop=True)
        suite_new, suite_old = new.build_suite(ref, spec, **(tuning or {})), old.build_suite(parse(ref), spec)
        left = rng.permutation(len(hold))
        for size in sorted({min(s, len(hold)) for s in sizes}):
            batch = via_csv(hold.iloc[np.sort(left[:size])])
            left = np.roll(left, -size)  # batches of one repetition overlap only when the held-out half runs out
            r_new, r_old = new.validate(batch, suite_new, source="batch"), old.validate(parse(batch), suite_old, source="batch")
            c["batches"] += 1
            c["new_pass"] += r_new.success; c["new_quiet"] += r_new.success and not r_new.warnings
            c["old_pass"] += r_old.success; c["old_quiet"] += r_old.success and not r_old.warnings
            for why, outcomes in (("why_new_failed", r_new.failures), ("why_new_warned", r_new.warnings), ("why_old_failed", r_old.failures)):
                for key in {o.expectation.replace("expect_", "") for o in outcomes}:  # batches, not expectations
                    c[why][key] = c[why].get(key, 0) + 1
            for o in r_new.failures:
                if verbose: print(f"  {name} rep {rep} size {size}: {o.column} {o.expectation} {o.expected} | {o.observed}")
            unlabelled = new.validate(batch.drop(columns=[spec.target]), suite_new)
            c["labels"] += 1; c["new_unlabelled_pass"] += unlabelled.success
        batch = via_csv(hold.iloc[np.sort(rng.permutation(len(hold))[:min(corrupt_size, len(hold))])])
        numeric = numeric_features(ref, spec)
        features = [col for col in spec.feature_columns(ref)]
        c["corrupted"] += 1
        for kind in CORRUPTIONS:
            col = str(rng.choice(numeric if kind in ("unit_x100", "type_change") else features))
            bad = corrupt(batch, kind, col)
            r_new = new.validate(bad, suite_new)
            try: r_old = old.validate(parse(bad), suite_old)
            except Exception: r_old = None  # the old rules could raise where the new report
            c[f"new_{kind}"] += not r_new.success
            c[f"old_{kind}"] += r_old is None or not r_old.success
            c[f"diag_{kind}"] += (not r_new.success) and diagnosed(r_new, kind, col)
            if r_new.success: c["escaped"].setdefault(kind, []).append(str(col))
    return c


def measure(args):
    "One table in a worker process: today's rules and the old ones, imported there."
    import warnings
    import workbench.contracts as new
    warnings.simplefilter("ignore")  # GX and pandas deprecation chatter
    name, reps, sizes, corrupt_size, verbose, tuning = args
    df, spec = tables()[name]
    t = time.perf_counter()
    out = run_table(name, df, spec, reps=reps, sizes=sizes, corrupt_size=corrupt_size, new=new, old=old_contracts(), verbose=verbose, tuning=tuning)
    print(f"{name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return out


def pct(k, n): return f"{100 * k / n:5.1f}%" if n else "  -  "


def print_report(results, reps, sizes, corrupt_size, seconds):
    "Two tables: clean batches, then corrupted ones."
    print(f"\n{reps} repetitions per table; clean batch sizes {sizes} (capped at the held-out half); corrupted batches of {corrupt_size} rows; {seconds:.0f} s\n")
    print(f"{'table':<14}{'rows':>7}{'batches':>9}{'old pass':>10}{'new pass':>10}{'old quiet':>11}{'new quiet':>11}{'unlabelled pass':>17}")
    for name, c in results.items():
        n = c["batches"]
        print(f"{name:<14}{c['rows']:>7}{n:>9}{pct(c['old_pass'], n):>10}{pct(c['new_pass'], n):>10}{pct(c['old_quiet'], n):>11}"
              f"{pct(c['new_quiet'], n):>11}{pct(c['new_unlabelled_pass'], c['labels']):>17}")
    print(f"\n{'table':<14}" + "".join(f"{k + ' old/new/diag':>30}" for k in CORRUPTIONS))
    for name, c in results.items():
        n = c["corrupted"]
        print(f"{name:<14}" + "".join(f"{pct(c[f'old_{k}'], n) + ' / ' + pct(c[f'new_{k}'], n) + ' / ' + pct(c[f'diag_{k}'], n):>30}" for k in CORRUPTIONS))
    for name, c in results.items():
        for why in ("why_old_failed", "why_new_failed", "why_new_warned"):
            if c[why]: print(f"{name}: clean batches {why.split('_', 1)[1].replace('_', ' ')} on {c[why]}")
        if c["escaped"]: print(f"{name}: corruptions that passed (new): " + "; ".join(f"{k}: {sorted(set(v))}" for k, v in c["escaped"].items()))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=50)
    p.add_argument("--tables", default="diabetes,wine,breast_cancer,churn,loans")
    p.add_argument("--sizes", default="20,100,1000")
    p.add_argument("--corrupt-size", type=int, default=100)
    p.add_argument("--json", help="also write the counts here")
    p.add_argument("--verbose", action="store_true", help="print every critical failure on a clean batch")
    p.add_argument("--widen", type=float, help="override build_suite's widen (for tuning)")
    p.add_argument("--scale", type=float, help="override build_suite's scale (for tuning)")
    p.add_argument("--jobs", type=int, default=2, help="tables measured in parallel processes")
    a = p.parse_args(argv)
    from concurrent.futures import ProcessPoolExecutor
    sizes, names, t0 = [int(s) for s in a.sizes.split(",")], a.tables.split(","), time.perf_counter()
    tuning = {k: v for k, v in (("widen", a.widen), ("scale", a.scale)) if v is not None}
    args = [(name, a.reps, sizes, a.corrupt_size, a.verbose, tuning) for name in names]
    with ProcessPoolExecutor(max_workers=a.jobs) as pool: results = dict(zip(names, pool.map(measure, args)))
    if tuning: print(f"build_suite overrides: {tuning}")
    print_report(results, a.reps, sizes, a.corrupt_size, time.perf_counter() - t0)
    if a.json: Path(a.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
