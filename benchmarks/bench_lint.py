"""Precision and recall of `workbench lint` on the labelled corpus, and its speed.

    .venv/bin/python benchmarks/bench_lint.py [--verbose] [--only FOLDER ...] [--runs N]

By default scores `benchmarks/lint_corpus/dev/`, `holdout/` and `holdout2/` (the sets used to develop the linter);
`--only` names the folders to score instead (any folder of `lint_corpus/` with a `labels.json`, e.g. an untouched
set written later). Prints, per leak type, the labels, the findings, the true positives (findings matching a
label), the labels found, precision and recall (matching rule in `benchmarks/lint_corpus/README.md`);
`--verbose` lists the misses and false positives. Then times linting a 300-cell notebook built from the dev
notebooks' cells (median of `--runs`) and the mean time per dev file. Exits 1 when any type of a scored
folder is below the target (precision 0.95, recall 0.9).
"""
from __future__ import annotations
import argparse, json, statistics, sys, time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "lint_corpus"
TARGET_PRECISION, TARGET_RECALL = 0.95, 0.90


def _key(cell, line): return (cell, line)


def score(labels, findings_by_file, types):
    "Per-type counts and the lists of misses and false positives for one corpus folder."
    rows = {t: {"labels": 0, "findings": 0, "tp": 0, "found": 0} for t in types}
    misses, false_pos = [], []
    for name, labs in labels.items():
        found = findings_by_file.get(name, [])
        hit = [False] * len(labs)
        for lab in labs:
            rows.setdefault(lab["type"], {"labels": 0, "findings": 0, "tp": 0, "found": 0})["labels"] += 1
        for f in found:
            r = rows.setdefault(f["type"], {"labels": 0, "findings": 0, "tp": 0, "found": 0})
            r["findings"] += 1
            ok = False
            for i, lab in enumerate(labs):
                where = {_key(lab["cell"], lab["line"])} | {_key(c, l) for c, l in lab.get("accept", [])}
                if lab["type"] == f["type"] and _key(f["cell"], f["line"]) in where:
                    ok = hit[i] = True
            if ok: r["tp"] += 1
            else: false_pos.append((name, f))
        for i, lab in enumerate(labs):
            if hit[i]: rows[lab["type"]]["found"] += 1
            else: misses.append((name, lab))
    for r in rows.values():
        r["precision"] = r["tp"] / r["findings"] if r["findings"] else 1.0
        r["recall"] = r["found"] / r["labels"] if r["labels"] else 1.0
    return rows, misses, false_pos


def lint_folder(folder, lint):
    "Findings (as dicts) per file name, the files that could not be linted, and the labels."
    labels = json.loads((folder / "labels.json").read_text())
    out, problems = {}, {}
    for name in sorted(labels):
        try: out[name] = [f.to_dict() for f in lint.lint_file(folder / name)]
        except lint.LintInputError as e: problems[name] = str(e)
    unlabelled = sorted(p.name for p in folder.iterdir() if p.suffix in (".py", ".ipynb") and p.name not in labels)
    return labels, out, problems, unlabelled


def _where(cell, line): return f"cell_{cell}:{line}" if cell is not None else f"line {line}"


def report(title, folder, lint, verbose):
    labels, found, problems, unlabelled = lint_folder(folder, lint)
    rows, misses, false_pos = score(labels, found, lint.LINT_TYPES)
    print(f"\n## {title}: {len(labels)} files, {sum(len(v) for v in labels.values())} labels")
    print(f"{'type':<14}{'labels':>7}{'findings':>9}{'TP':>5}{'found':>6}{'precision':>11}{'recall':>8}")
    for t, r in rows.items():
        print(f"{t:<14}{r['labels']:>7}{r['findings']:>9}{r['tp']:>5}{r['found']:>6}{r['precision']:>11.3f}{r['recall']:>8.3f}")
    tot = {k: sum(r[k] for r in rows.values()) for k in ("labels", "findings", "tp", "found")}
    print(f"{'all':<14}{tot['labels']:>7}{tot['findings']:>9}{tot['tp']:>5}{tot['found']:>6}"
          f"{(tot['tp'] / tot['findings'] if tot['findings'] else 1):>11.3f}{(tot['found'] / tot['labels'] if tot['labels'] else 1):>8.3f}")
    for name, msg in problems.items(): print(f"  PROBLEM {name}: {msg}")
    for name in unlabelled: print(f"  not in labels.json: {name}")
    if verbose:
        for name, lab in misses:
            print(f"  MISS {name}:{_where(lab['cell'], lab['line'])} {lab['type']}: {lab.get('why', '')}")
        for name, f in false_pos:
            print(f"  FP   {name}:{_where(f['cell'], f['line'])} {f['type']}: {f['message']}")
    return rows


def timing(folders, lint, runs):
    "Median seconds to lint a 300-cell notebook made of corpus cells, and mean seconds per corpus file."
    cells = []
    files = []
    for folder in folders:
        for p in sorted(folder.iterdir()):
            if p.suffix == ".ipynb": cells.extend(json.loads(p.read_text())["cells"])
            if p.suffix in (".py", ".ipynb"): files.append(p)
    if not cells: return None, None
    big = {"cells": [cells[i % len(cells)] for i in range(300)], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    lint.lint_notebook(big, path="big.ipynb")                       # warm-up: imports, regex compilation
    times = []
    for _ in range(runs):
        t = time.perf_counter(); lint.lint_notebook(big, path="big.ipynb"); times.append(time.perf_counter() - t)
    t = time.perf_counter()
    for p in files:
        try: lint.lint_file(p)
        except lint.LintInputError: pass
    per_file = (time.perf_counter() - t) / len(files)
    return statistics.median(times), per_file


def main(argv=None, lint=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    ap.add_argument("--only", nargs="+", metavar="FOLDER", help="score these folders of lint_corpus/ (default: dev holdout holdout2)",
                    default=["dev", "holdout", "holdout2"])
    ap.add_argument("--runs", type=int, default=7, help="timing runs for the 300-cell notebook")
    a = ap.parse_args(argv)
    if lint is None:
        import workbench.lint as lint
    ok = True
    for name in a.only:
        folder = CORPUS / name
        if not (folder / "labels.json").exists():
            print(f"\n## {name}: not present"); continue
        rows = report(name, folder, lint, a.verbose)
        low = [t for t, r in rows.items() if r["labels"] and (r["precision"] < TARGET_PRECISION or r["recall"] < TARGET_RECALL)]
        if low:
            ok = False
            print(f"  below target (precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}): {', '.join(low)}")
    dev = CORPUS / "dev"
    if dev.exists():
        med, per_file = timing([dev], lint, a.runs)
        if med is not None:
            print(f"\n300-cell notebook: {med * 1000:.1f} ms (median of {a.runs}); {per_file * 1000:.1f} ms per corpus file")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
