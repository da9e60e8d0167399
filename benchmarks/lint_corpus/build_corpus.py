"""Build the lint corpus (dev/, holdout/ and their labels.json) from the annotated sources in sources/<split>/.

Source names: NAME.ipynb.txt (notebook in '#%%' form), NAME.py.txt (plain script),
NAME.py.nbc.txt (notebook in '#%%' form, exported with jupyter nbconvert --to script).
Markers at the end of a line: '#@L<id> <type> | <why>' labels the line; '#@A<id>' adds an accept
location to label <id>. First line '#@TRAPS t1 t2' lists trap types (written to sources/traps_<split>.json).
"""
import json, os, re, subprocess, sys, tempfile
from pathlib import Path
import nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell

TYPES = {"preprocessing", "overlap", "multi_test", "temporal", "group", "target"}
MARK = re.compile(r"\s*#@(?=[LA])")
ROOT = Path(__file__).resolve().parent

def strip_markers(line):
    m = MARK.search(line)
    if not m: return line, []
    code, rest = line[:m.start()].rstrip(), line[m.end():]
    marks = []
    for part in re.split(r"\s*#@", rest):
        part = part.strip()
        mm = re.match(r"([LA])(\w*)(?:\s+(\w+)\s*\|\s*(.*))?$", part)
        if not mm: raise ValueError(f"bad marker {part!r} in {line!r}")
        kind, lid, typ, why = mm.groups()
        if kind == "L" and (typ not in TYPES or not why): raise ValueError(f"bad label {part!r}")
        marks.append((kind, lid, typ, why))
    if not code.strip(): raise ValueError(f"marker on blank line: {line!r}")
    return code, marks

def parse_cells(text):
    cells, cur, kind = [], None, None
    for line in text.split("\n"):
        if line.strip() in ("#%%", "#%% md"):
            if cur is not None: cells.append((kind, cur))
            kind, cur = ("markdown" if line.strip() == "#%% md" else "code"), []
        else:
            if cur is None: kind, cur = "code", []
            cur.append(line)
    if cur is not None: cells.append((kind, cur))
    out = []
    for kind, lines in cells:
        while lines and not lines[0].strip(): lines.pop(0)
        while lines and not lines[-1].strip(): lines.pop()
        if lines: out.append((kind, lines))
    return out

def collect(marks_by_loc, name):
    labels, accepts = {}, {}
    for loc, marks in marks_by_loc:
        for kind, lid, typ, why in marks:
            if kind == "L":
                if lid in labels: raise ValueError(f"{name}: duplicate label id {lid!r}")
                labels[lid] = {"type": typ, "cell": loc[0], "line": loc[1], "why": why}
            else: accepts.setdefault(lid, []).append(list(loc))
    for lid, locs in accepts.items():
        if lid not in labels: raise ValueError(f"{name}: accept for unknown label {lid!r}")
        labels[lid]["accept"] = locs
    res = []
    for l in labels.values():
        d = {"type": l["type"], "cell": l["cell"], "line": l["line"]}
        if "accept" in l: d["accept"] = l["accept"]
        d["why"] = l["why"]
        res.append(d)
    return sorted(res, key=lambda d: (d["cell"] if d["cell"] is not None else -1, d["line"], d["type"]))

def build_nb(cells, numbered=False):
    nb = new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                                     "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                                     "pygments_lexer": "ipython3", "version": "3.10.12"}}
    n = 0
    for kind, lines in cells:
        if kind == "markdown": nb.cells.append(new_markdown_cell("\n".join(lines)))
        else:
            n += 1
            c = new_code_cell("\n".join(lines)); c.execution_count = n if numbered else None
            nb.cells.append(c)
    return nb

def build_one(src, outdir):
    text = src.read_text()
    traps = []
    if text.startswith("#@TRAPS"):
        first, text = text.split("\n", 1)
        traps = first.split()[1:]
        assert all(t in TYPES for t in traps), (src, traps)
    name = src.name[:-4]
    marks = []
    if name.endswith(".ipynb"):
        cells = []
        for ci, (kind, lines) in enumerate(parse_cells(text)):
            new = []
            for li, line in enumerate(lines, 1):
                code, mk = strip_markers(line)
                if mk:
                    if kind != "code": raise ValueError(f"{name}: marker in markdown")
                    marks.append(((ci, li), mk))
                new.append(code)
            cells.append((kind, new))
        nb = build_nb(cells)
        nbformat.validate(nb)
        out = outdir / name
        nbformat.write(nb, str(out))
    elif name.endswith(".py.nbc"):
        name = name[:-4]
        nb = build_nb(parse_cells(text), numbered=True)
        from nbconvert import ScriptExporter
        script = ScriptExporter().from_notebook_node(nb)[0]
        assert script.startswith("#!/usr/bin/env python"), script[:100]
        lines = script.split("\n")
        new = []
        for li, line in enumerate(lines, 1):
            code, mk = strip_markers(line)
            if mk: marks.append(((None, li), mk))
            new.append(code)
        (outdir / name).write_text("\n".join(new))
    elif name.endswith(".py"):
        lines = text.split("\n")
        while lines and not lines[-1].strip(): lines.pop()
        new = []
        for li, line in enumerate(lines, 1):
            code, mk = strip_markers(line)
            if mk: marks.append(((None, li), mk))
            new.append(code)
        (outdir / name).write_text("\n".join(new) + "\n")
    else: raise ValueError(name)
    return name, collect(marks, name), traps

def main(split):
    outdir = ROOT / split; outdir.mkdir(exist_ok=True)
    labels, traps = {}, {}
    for src in sorted((ROOT / "sources" / split).glob("*.txt")):
        name, labs, tr = build_one(src, outdir)
        labels[name] = labs
        for l in labs:
            if l["type"] in tr: raise ValueError(f"{name}: trap {l['type']} but also labelled")
        traps[name] = tr
    tmp = outdir / "labels.json.tmp"
    parts = []
    for k, labs in sorted(labels.items()):
        if not labs: parts.append(f" {json.dumps(k)}: []")
        else: parts.append(f" {json.dumps(k)}: [\n" + ",\n".join("  " + json.dumps(l) for l in labs) + "\n ]")
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    json.loads(text)
    tmp.write_text(text)
    os.replace(tmp, outdir / "labels.json")
    (ROOT / "sources" / f"traps_{split}.json").write_text(json.dumps(dict(sorted(traps.items())), indent=1) + "\n")
    print(split, len(labels), "files", sum(map(len, labels.values())), "labels")

if __name__ == "__main__":
    main(sys.argv[1])
