"""Check the leakage-lint corpus labels: run `.venv/bin/python benchmarks/lint_corpus/check_labels.py`.

For dev/, holdout/ and holdout2/: every corpus file is in labels.json and vice versa; every file parses as Python
(notebook cells after IPython's magic transform, line numbers kept); every labelled and accepted location
exists and is a non-blank, non-comment code line; types are the six known names. Prints the positive labels
per type, the clean files, and the clean "trap" files per type (files that contain the safe version of a
pattern, read from sources/traps_<split>.json, which build_corpus.py writes from the '#@TRAPS' source lines;
a trap file must have no label of that type). Exits 1 on any problem.
"""
import ast
import json
import sys
from collections import Counter
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parent
FOLDERS = ["dev", "holdout", "holdout2", "holdout3"]
TYPES = ["preprocessing", "overlap", "multi_test", "temporal", "group", "target"]
KEYS = {"type", "cell", "line", "accept", "why"}
SUFFIXES = {".ipynb", ".py"}
PY_CELL_MAGICS = {"time", "timeit", "capture", "prun"}  # cell magics whose body is Python



def load_traps(name):
    """Clean trap types per file of split `name`, from sources/traps_<name>.json (written by build_corpus.py).

    A trap file contains the safe version of a pattern (e.g. GroupKFold for `group`); it must have no label of
    that type. Returns ({file: [types]}, problems)."""
    path = ROOT / "sources" / f"traps_{name}.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        return {}, [f"{path.relative_to(ROOT)} unreadable: {e} (run build_corpus.py {name})"]
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        return {}, [f"{path.relative_to(ROOT)}: expected {{file name: [trap types]}}"]
    return {f: ts for f, ts in data.items() if ts}, []


def code_cells(path):
    "Return {cell index: source lines} for the code cells of a notebook, or {None: lines} for a script."
    if path.suffix == ".py":
        return {None: path.read_text().split("\n")}
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    return {i: c.source.split("\n") for i, c in enumerate(nb.cells) if c.cell_type == "code"}, len(nb.cells)


def parse_errors(path):
    "Parse the file (cells after the IPython transform); return a list of problems."
    errs = []
    if path.suffix == ".py":
        try:
            ast.parse(path.read_text(), filename=str(path))
        except SyntaxError as e:
            errs.append(f"{path.name}: syntax error line {e.lineno}: {e.msg}")
        return errs
    tm = TransformerManager()
    cells, _ = code_cells(path)
    for i, lines in cells.items():
        offset = 0
        if lines and lines[0].startswith("%%"):
            magic = lines[0][2:].split()[0] if lines[0][2:].split() else ""
            if magic not in PY_CELL_MAGICS:
                errs.append(f"{path.name}: cell {i}: cell magic %%{magic} does not run Python")
                continue
            lines, offset = lines[1:], 1  # the body of %%time etc. is Python; line numbers stay cell-relative
        src = "\n".join(lines)
        py = tm.transform_cell(src)
        if py.count("\n") != src.count("\n") + 1 and src.strip():
            errs.append(f"{path.name}: cell {i}: IPython transform changed the line count")
        try:
            ast.parse(py, filename=f"{path.name}[{i}]")
        except SyntaxError as e:
            errs.append(f"{path.name}: cell {i}: syntax error line {(e.lineno or 0) + offset}: {e.msg}")
    return errs


def location_error(path, cells, cell, line):
    "Return a problem string if [cell, line] is not a non-blank, non-comment code line, else None."
    if path.suffix == ".py":
        if cell is not None:
            return f"cell must be null for a .py file, got {cell}"
        lines = cells[None]
    else:
        if not isinstance(cell, int) or cell not in cells:
            return f"cell {cell} is not a code cell"
        lines = cells[cell]
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        return f"line {line} out of range 1..{len(lines)}"
    text = lines[line - 1].strip()
    if not text or text.startswith("#"):
        return f"line {line} is blank or a comment: {text!r}"
    if text.startswith(("%", "!")):
        return f"line {line} is an IPython magic or shell line: {text!r}"
    return None


def check_folder(name):
    folder = ROOT / name
    errs = []
    if not folder.is_dir():
        return [f"{name}/ is missing"], None
    labels_path = folder / "labels.json"
    try:
        labels = json.loads(labels_path.read_text())
    except (OSError, ValueError) as e:
        return [f"{name}/labels.json unreadable: {e}"], None
    files = {p.name for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES}
    others = {p.name for p in folder.iterdir() if p.name != "labels.json" and p.name not in files}
    errs += [f"{name}/{f}: unexpected file (corpus files are .ipynb or .py)" for f in sorted(others)]
    errs += [f"{name}/{f}: missing from labels.json" for f in sorted(files - labels.keys())]
    errs += [f"{name}/labels.json: {f} has no file" for f in sorted(labels.keys() - files)]
    traps, terrs = load_traps(name)
    errs += terrs
    pos, files_with = Counter(), {t: set() for t in TYPES}
    for fname in sorted(files):
        path = folder / fname
        if "#@" in path.read_text():
            errs.append(f"{name}/{fname}: annotation marker left in the file")
        errs += [f"{name}/{e}" for e in parse_errors(path)]
    for fname in sorted(files & labels.keys()):
        path = folder / fname
        cells = code_cells(path)
        cells = cells[0] if isinstance(cells, tuple) else cells
        labs = labels[fname]
        if not isinstance(labs, list):
            errs.append(f"{name}/{fname}: labels must be a list")
            continue
        for k, lab in enumerate(labs):
            where = f"{name}/{fname} label {k}"
            if not isinstance(lab, dict) or not {"type", "cell", "line", "why"} <= lab.keys() or lab.keys() - KEYS:
                errs.append(f"{where}: keys must be type, cell, line, why and optional accept: {lab}")
                continue
            if lab["type"] not in TYPES:
                errs.append(f"{where}: unknown type {lab['type']!r}")
            if not str(lab["why"]).strip():
                errs.append(f"{where}: empty why")
            e = location_error(path, cells, lab["cell"], lab["line"])
            if e:
                errs.append(f"{where}: {e}")
            for acc in lab.get("accept", []):
                if not (isinstance(acc, list) and len(acc) == 2):
                    errs.append(f"{where}: accept entries are [cell, line], got {acc!r}")
                    continue
                e = location_error(path, cells, acc[0], acc[1])
                if e:
                    errs.append(f"{where}: accept {acc}: {e}")
            pos[lab["type"]] += 1
            files_with.setdefault(lab["type"], set()).add(fname)
        for t in traps.get(fname, []):
            if t not in TYPES:
                errs.append(f"{name}/{fname}: unknown trap type {t!r}")
            elif fname in files_with.get(t, ()):
                errs.append(f"{name}/{fname}: listed as a {t} trap but has a {t} label")
    for fname in traps:
        if fname not in files:
            errs.append(f"{name}: traps_{name}.json names missing file {fname}")
    clean = sorted(f for f in files & labels.keys() if labels[f] == [])
    kinds = Counter(Path(f).suffix for f in files)
    exported = sum(1 for f in files if f.endswith(".py") and (folder / f).read_text().startswith("#!/usr/bin/env python\n# coding: utf-8"))
    print(f"== {name}/: {len(files)} files ({kinds['.ipynb']} .ipynb, {kinds['.py'] - exported} .py, "
          f"{exported} nbconvert .py), {sum(pos.values())} labels, {len(clean)} clean files")
    print(f"   {'type':14s} {'labels':>6s} {'files':>5s} {'traps(clean file)':>18s} {'traps(any file)':>16s}")
    for t in TYPES:
        tr_any = [f for f, ts in traps.items() if t in ts and f in files]
        tr_clean = [f for f in tr_any if f in clean]
        print(f"   {t:14s} {pos[t]:6d} {len(files_with[t]):5d} {len(tr_clean):18d} {len(tr_any):16d}")
    return errs, pos


def main():
    problems = []
    for name in FOLDERS:
        errs, _ = check_folder(name)
        problems += errs
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
