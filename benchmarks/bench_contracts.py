"""Speed and memory of contract validation: a 1M x 50 pandas frame, and a 10M-row PostgreSQL table validated in the database.

    .venv/bin/python benchmarks/bench_contracts.py [--rows N] [--cols C] [--pg-rows M] [--skip-pg]

Each measurement runs in a fresh child process, so its peak resident memory (VmHWM, reset just before the timed call
where the kernel allows) is its own and not the previous case's. The PostgreSQL table is generated inside the server
with generate_series, never from Python, by a throwaway server that tests/postgres.py starts and removes.
"""
from __future__ import annotations
import argparse, json, os, platform, subprocess, sys, tempfile, time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def rss_mb(field="VmRSS"):
    "This process's resident memory (VmRSS) or its peak (VmHWM), in MB."
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"): return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak():
    "Reset VmHWM to the current RSS (Linux >= 4.0); False where not allowed."
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError: return False


def synthetic_frame(rows, cols, seed=0):
    "A frame of `cols` columns: 70% numeric (normal, lognormal, ints), 30% categorical text with 3-20 levels."
    import numpy as np, pandas as pd
    rng = np.random.default_rng(seed)
    n_cat = int(cols * 0.3)
    data = {"id": np.arange(rows)}
    for j in range(cols - n_cat - 1):
        kind = j % 3
        data[f"num_{j:02d}"] = (rng.normal(50, 10, rows) if kind == 0 else rng.lognormal(3, 0.5, rows) if kind == 1
                                else rng.integers(0, 1000, rows))
    for j in range(n_cat):
        levels = np.array([f"level_{k}" for k in range(3 + j % 18)], dtype=object)
        data[f"cat_{j:02d}"] = pd.Categorical.from_codes(rng.integers(0, len(levels), rows), levels).astype(object)
    return pd.DataFrame(data)


def case_pandas(rows, cols):
    "Child: build the frame and its suite, then time `validate`."
    import workbench.contracts as C
    from workbench.data import DatasetSpec
    t = time.perf_counter(); df = synthetic_frame(rows, cols); t_make = time.perf_counter() - t
    t = time.perf_counter(); suite = C.build_suite(df, DatasetSpec(name="bench", target="num_00", entity="id")); t_build = time.perf_counter() - t
    C.gx_context()  # import GX and warm it up outside the timed call, as a long-lived process would
    import gc; gc.collect()
    before, reset = rss_mb(), reset_peak()
    t = time.perf_counter(); report = C.validate(df, suite, source="synthetic"); wall = time.perf_counter() - t
    peak = rss_mb("VmHWM")
    raw = []
    for _ in range(3):  # the reference: GX alone on the expectations GX judges, on the same frame, in the same process
        t = time.perf_counter(); raw_gx(C, df, suite); raw.append(time.perf_counter() - t)
        t = time.perf_counter(); C.validate(df, suite, source="synthetic"); raw.append(-(time.perf_counter() - t))  # alternated with validate
    gx_s, again_s = sorted(r for r in raw if r > 0)[1], sorted(-r for r in raw if r < 0)[1]
    return {"case": f"pandas validate ({rows:,} x {df.shape[1]})", "rows": rows, "expectations": len(suite["expectations"]),
            "success": report.success, "wall_s": wall, "rss_before_mb": before, "peak_mb": peak, "peak_reset": reset,
            "make_s": t_make, "build_suite_s": t_build, "frame_mb": df.memory_usage(deep=False).sum() / 2**20,
            "raw_gx_s": gx_s, "validate_median_s": again_s}


def raw_gx(C, df, suite):
    "GX's own validation of the expectations workbench hands it (the type and period checks workbench judges itself are left out)."
    view, _, _ = C.label_view(suite, df.columns)
    exps = [e for e in view["expectations"] if not (e.get("type") in C.TYPE_EXPECTATIONS or C.period_band(e, view) is not None)]
    batch = (C.gx_context().data_sources.add_pandas(f"raw{time.monotonic_ns()}").add_dataframe_asset("data")
             .add_batch_definition_whole_dataframe("batch").get_batch(batch_parameters={"dataframe": df}))
    return batch.validate(C.gx_suite({**view, "expectations": exps}), result_format="SUMMARY")


def case_sql(url, table, suite_path):
    "Child: time `validate_sql` on a table; the table never enters this process."
    import workbench.contracts as C
    from workbench.sql import validate_sql
    suite = json.loads(Path(suite_path).read_text())
    C.gx_context()
    before, reset = rss_mb(), reset_peak()
    t = time.perf_counter(); report = validate_sql(url, suite, table=table); wall = time.perf_counter() - t
    return {"case": f"postgres validate_sql ({report.rows:,} rows)", "rows": report.rows, "expectations": len(suite["expectations"]),
            "success": report.success, "wall_s": wall, "rss_before_mb": before, "peak_mb": rss_mb("VmHWM"), "peak_reset": reset,
            "failed": [f"{o.column}:{o.expectation}" for o in report.failures + report.warnings]}


def child(*args):
    "Run one case in a fresh interpreter; returns its result dict."
    proc = subprocess.run([sys.executable, __file__, *map(str, args)], capture_output=True, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    if proc.returncode or not lines: sys.exit(f"case {args} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][7:])


TABLE_SQL = """
CREATE TABLE {t} AS SELECT
  i AS customer_id,
  timestamp '2025-01-01' + (i % 31536000) * interval '1 second' AS event_time,
  (i % 120)::int AS tenure_months,
  round((15 + random() * 125)::numeric, 2)::float8 AS monthly_charges,
  (random() * 100)::float8 AS usage_gb,
  (random() * 8)::int AS support_calls,
  (ARRAY['month_to_month','one_year','two_year'])[1 + i % 3] AS contract_type,
  (ARRAY['north','south','east','west'])[1 + (i / 7) % 4] AS region,
  (ARRAY['card','bank_transfer','electronic_check','mailed_check'])[1 + (i / 3) % 4] AS payment_method,
  (random() < 0.03)::int AS retention_call_logged,
  (random() < 0.2)::int AS churned
FROM generate_series(1, {n}) AS i;
ANALYZE {t};
"""


def run_pg(pg_rows, tmp):
    "Start a server, generate the table in it, profile a sample into a suite, then validate the whole table in a child."
    from postgres import start_postgres, psql
    import pandas as pd, sqlalchemy as sa
    from workbench.contracts import build_suite
    from workbench.data import DatasetSpec
    out = []
    t = time.perf_counter()
    server = start_postgres(settings={"shared_buffers": "512MB", "work_mem": "64MB", "max_wal_size": "4GB",
                                      "checkpoint_timeout": "30min", "wal_level": "minimal", "max_wal_senders": 0})
    try:
        out.append({"case": "postgres server start", "wall_s": time.perf_counter() - t})
        t = time.perf_counter()
        psql(server, TABLE_SQL.format(t="churn_big", n=pg_rows))
        size = psql(server, "SELECT pg_total_relation_size('churn_big')").strip()
        out.append({"case": f"postgres load {pg_rows:,} rows (generate_series)", "rows": pg_rows, "wall_s": time.perf_counter() - t,
                    "table_mb": int(size) / 2**20})
        engine = sa.create_engine(server.url)
        pct = min(100.0, 100 * 20_000 / pg_rows)  # ~20,000 rows: the contract is authored from a sample, enforced on all
        with engine.connect() as conn:
            sample = pd.read_sql(f"SELECT * FROM churn_big TABLESAMPLE BERNOULLI ({pct}) REPEATABLE (0)", conn)
        engine.dispose()
        suite = build_suite(sample, DatasetSpec(name="churn_big", target="churned", time="event_time", entity="customer_id"))
        for e in suite["expectations"]:  # the sample's row count is not the table's: band it around the real size
            if e["type"] == "expect_table_row_count_to_be_between":
                e["kwargs"].update(min_value=pg_rows // 2, max_value=pg_rows * 2)
        suite_path = Path(tmp) / "suite.json"
        suite_path.write_text(json.dumps(suite))
        r = child("--case", "sql", "--url", server.url, "--table", "churn_big", "--suite", suite_path)
        r["sample_rows"] = len(sample)
        out.append(r)
    finally:
        server.stop()
    return out


def fmt_row(r):
    mem = (f"{r['rss_before_mb']:8.0f} {r['peak_mb']:8.0f} {r['peak_mb'] - r['rss_before_mb']:+8.0f}"
           if "peak_mb" in r else f"{'':>8} {'':>8} {'':>8}")
    exps = f"{r['expectations']:>5}" if "expectations" in r else f"{'':>5}"
    ok = {True: "pass", False: "FAIL"}.get(r.get("success"), "")
    return f"{r['case']:<48} {exps} {r['wall_s']:9.2f} {mem}  {ok}"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of the pandas frame")
    p.add_argument("--cols", type=int, default=50, help="columns of the pandas frame")
    p.add_argument("--pg-rows", type=int, default=10_000_000, help="rows of the PostgreSQL table")
    p.add_argument("--skip-pg", action="store_true", help="only the pandas case")
    p.add_argument("--case", choices=["pandas", "sql"], help=argparse.SUPPRESS)
    p.add_argument("--url", help=argparse.SUPPRESS)
    p.add_argument("--table", help=argparse.SUPPRESS)
    p.add_argument("--suite", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.case == "pandas": print("RESULT " + json.dumps(case_pandas(a.rows, a.cols))); return
    if a.case == "sql": print("RESULT " + json.dumps(case_sql(a.url, a.table, a.suite))); return

    print(f"workbench contract benchmark, {date.today()}, {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}")
    results = [child("--case", "pandas", "--rows", a.rows, "--cols", a.cols)]
    pr = results[0]
    extra = [f"pandas: frame {pr['frame_mb']:.0f} MB built in {pr['make_s']:.1f} s; build_suite (profile) {pr['build_suite_s']:.1f} s",
             f"pandas: validate {pr['validate_median_s']:.2f} s against GX alone on the expectations it judges {pr['raw_gx_s']:.2f} s "
             f"(medians of 3, alternated): {pr['validate_median_s'] / pr['raw_gx_s']:.2f}x"]
    if not a.skip_pg:
        with tempfile.TemporaryDirectory() as tmp: results += run_pg(a.pg_rows, tmp)
        load = next(r for r in results if "table_mb" in r)
        sq = results[-1]
        extra.append(f"postgres: table {load['table_mb']:.0f} MB on disk; suite profiled from a {sq['sample_rows']:,}-row sample;"
                     f" validate_sql peak RSS {sq['peak_mb']:.0f} MB vs {load['table_mb']:.0f} MB of table"
                     + (f"; not passing: {sq['failed']}" if sq["failed"] else ""))
    head = f"{'measurement':<48} {'exps':>5} {'wall s':>9} {'RSS MB':>8} {'peak MB':>8} {'delta MB':>8}  verdict"
    print(head, "-" * len(head), *map(fmt_row, results), sep="\n")
    print(*extra, sep="\n")
    if not all(r.get("peak_reset", True) for r in results):
        print("note: peak RSS could not be reset here; 'peak MB' is the child's lifetime peak")


if __name__ == "__main__":
    main()
