"Static leakage lint (workbench.lint): each leak type, output formats, suppression, bad input, idioms beyond the corpus, the corpus targets."
import importlib.util, json, re, textwrap
from pathlib import Path

import nbformat
import pytest

from workbench.errors import DataError
from workbench.lint import (LINT_TYPES, LintFinding, LintInputError, LintProblem, LintResult, lint_code, lint_file,
                            lint_notebook, lint_paths, render_findings)

ROOT = Path(__file__).resolve().parents[1]
HEAD = """import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score, KFold, StratifiedKFold, GroupKFold, TimeSeriesSplit
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, roc_auc_score
"""
N = HEAD.count("\n")


def found(body):
    "(type, line within body) of each finding for HEAD + body."
    return sorted((f.type, f.line - N) for f in lint_code(HEAD + textwrap.dedent(body).lstrip("\n"), path="t.py"))


LEAKY = {
    "preprocessing": ('''
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        sc = StandardScaler().fit(X)
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        model = LogisticRegression().fit(sc.transform(X_train), y_train)
        print(model.score(sc.transform(X_test), y_test))
    ''', 3),
    "preprocessing-by-hand": ('''
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y").to_numpy(), df["y"].to_numpy()
        X = (X - X.mean(axis=0)) / X.std(axis=0)
        X_train, X_test = X[:800], X[800:]
    ''', 3),
    "overlap": ('''
        from sklearn.utils import resample
        df = pd.read_csv("d.csv")
        minority = df[df["y"] == 1]
        up = resample(minority, replace=True, n_samples=5000, random_state=0)
        df = pd.concat([df[df["y"] == 0], up])
        X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])
    ''', 4),
    "overlap-train-rows": ('''
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        model = RandomForestClassifier().fit(X, y)
        pred = model.predict(X)
        print("accuracy", accuracy_score(y, pred))
    ''', 4),
    "multi_test": ('''
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        models = {"lr": LogisticRegression(), "rf": RandomForestClassifier()}
        scores = {}
        for name, m in models.items():
            m.fit(X_train, y_train)
            scores[name] = roc_auc_score(y_test, m.predict_proba(X_test)[:, 1])
        best = models[max(scores, key=scores.get)]
    ''', 8),
    "temporal": ('''
        df = pd.read_csv("d.csv", parse_dates=["day"]).sort_values("day")
        X, y = df.drop(columns=["y", "day"]), df["y"]
        print(cross_val_score(LogisticRegression(), X, y, cv=KFold(5, shuffle=True)))
    ''', 3),
    "temporal-feature": ('''
        df = pd.read_csv("d.csv", parse_dates=["day"]).sort_values("day")
        df["centred"] = df["load"].rolling(7, center=True).mean()
        X, y = df[["centred", "temp"]], df["y"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, shuffle=False)
        LogisticRegression().fit(X_train, y_train)
    ''', 2),
    "group": ('''
        df = pd.read_csv("sessions.csv")
        print(df["user_id"].value_counts().head())
        X, y = df.drop(columns=["user_id", "y"]), df["y"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    ''', 4),
    "target": ('''
        df = pd.read_csv("d.csv")
        df["city_rate"] = df.groupby("city")["churn"].transform("mean")
        X, y = df.drop(columns=["churn"]), df["churn"]
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        LogisticRegression().fit(X_train, y_train)
    ''', 2),
    "target-label-in-X": ('''
        df = pd.read_csv("d.csv")
        features = ["age", "income", "churn"]
        X, y = df[features], df["churn"]
        LogisticRegression().fit(X, y)
    ''', 3),
}

CLEAN = {
    "preprocessing": '''
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        print(cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), X, y, cv=5))
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler().fit(X_train)
        model = LogisticRegression().fit(sc.transform(X_train), y_train)
        print(model.score(sc.transform(X_test), y_test))
    ''',
    "overlap": '''
        from imblearn.over_sampling import SMOTE
        from imblearn.pipeline import Pipeline
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        pipe = Pipeline([("smote", SMOTE()), ("lr", LogisticRegression())])
        print(cross_val_score(pipe, X, y, cv=StratifiedKFold(5, shuffle=True)))
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        X_bal, y_bal = SMOTE().fit_resample(X_train, y_train)
        model = LogisticRegression().fit(X_bal, y_bal)
        print(model.score(X_train, y_train), model.score(X_test, y_test))
    ''',
    "multi_test": '''
        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        X_dev, X_test, y_dev, y_test = train_test_split(X, y)
        X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev)
        results = []
        for depth in [2, 4, 8]:
            m = RandomForestClassifier(max_depth=depth).fit(X_train, y_train)
            results.append((m.score(X_val, y_val), depth))
        best_depth = max(results)[1]
        final = RandomForestClassifier(max_depth=best_depth).fit(X_dev, y_dev)
        print(final.score(X_test, y_test))
        other = LogisticRegression().fit(X_dev, y_dev)
        print(other.score(X_test, y_test))          # reported next to it, not chosen by it
    ''',
    "temporal": '''
        df = pd.read_csv("d.csv", parse_dates=["day"]).sort_values("day")
        df["lag_7"] = df["load"].shift(7)
        df["trail_7"] = df["load"].shift(1).rolling(7).mean()
        X, y = df[["lag_7", "trail_7"]], df["y"]
        print(cross_val_score(LogisticRegression(), X, y, cv=TimeSeriesSplit(5)))
        cutoff = "2023-01-01"
        train, test = df[df["day"] < cutoff], df[df["day"] >= cutoff]
    ''',
    "group": '''
        df = pd.read_csv("sessions.csv")
        print(df["user_id"].value_counts().head())
        X, y = df.drop(columns=["user_id", "y"]), df["y"]
        print(cross_val_score(LogisticRegression(), X, y, cv=GroupKFold(5), groups=df["user_id"]))
        users = df["user_id"].unique()
        rng = np.random.default_rng(0)
        test_users = rng.choice(users, size=len(users) // 5, replace=False)
        is_test = df["user_id"].isin(test_users)
        train, test = df[~is_test], df[is_test]
    ''',
    "target": '''
        df = pd.read_csv("d.csv")
        y = df.pop("churn")
        df["tenure_years"] = df["tenure_months"] / 12
        X_train, X_test, y_train, y_test = train_test_split(df, y)
        LogisticRegression().fit(X_train, y_train)
    ''',
}


@pytest.mark.parametrize("case", sorted(LEAKY))
def test_leaky_snippet_is_flagged_at_the_right_line(case):
    body, line = LEAKY[case]
    assert found(body) == [(case.split("-")[0], line)]


@pytest.mark.parametrize("case", sorted(CLEAN))
def test_fixed_snippet_is_clean(case):
    assert found(CLEAN[case]) == []


def test_every_type_has_a_leaky_and_a_clean_case():
    assert {k.split("-")[0] for k in LEAKY} == set(LINT_TYPES) == set(CLEAN)


def test_message_names_the_calls_and_lines_and_the_fix():
    f = lint_code(HEAD + textwrap.dedent(LEAKY["preprocessing"][0]).lstrip("\n"), path="p.py")[0]
    assert f.render().startswith(f"p.py:{N + 3}: preprocessing: StandardScaler.fit at line {N + 3}")
    assert f"StandardScaler.transform at line {N + 6} applies it to held-out rows" in f.message
    assert " -- split first" in f.render()


def test_each_piece_of_evidence_is_named_once():
    code = HEAD + textwrap.dedent('''
        def load(path):
            frame = pd.read_csv(path)
            frame["day"] = pd.to_datetime(frame["day"])
            return frame
        df = pd.concat([load("a.csv"), load("b.csv")])
        print(cross_val_score(LogisticRegression(), df[["x"]], df["y"], cv=KFold(5, shuffle=True)))
    ''')
    (f,) = [f for f in lint_code(code) if f.type == "temporal"]
    assert f.message.count(f"pd.to_datetime at line {N + 4}") == 1, f.message


def test_output_formats():
    res = lint_paths([])
    assert (res.files, res.exit_code, render_findings(res)) == (0, 0, "")
    fs = [LintFinding("a.ipynb", 2, 5, "group", "what", "fix"), LintFinding("b.py", None, 7, "target", "w", "f")]
    assert render_findings(fs).splitlines() == ["a.ipynb:cell_2:5: group: what -- fix", "b.py:7: target: w -- f"]
    rows = json.loads(render_findings(fs, format="json"))
    assert rows[0] == {"path": "a.ipynb", "cell": 2, "line": 5, "type": "group", "message": "what", "fix": "fix"}
    assert rows[1]["cell"] is None
    res = LintResult(fs, [LintProblem("c.py", 3, "syntax error: invalid syntax")], 3)
    assert json.loads(render_findings(res, "json"))[-1] == {"path": "c.py", "cell": None, "line": 3, "type": "error",
                                                           "message": "syntax error: invalid syntax", "fix": ""}
    assert render_findings(res).splitlines()[-1] == "c.py:3: error: syntax error: invalid syntax"
    assert LintResult.from_dict(res.to_dict()) == res
    with pytest.raises(ValueError, match="text.*json"):
        render_findings(fs, format="xml")


@pytest.mark.parametrize("comment, kept", [("  # workbench: ignore[preprocessing]", False), ("  # workbench: ignore", False),
                                           ("  # workbench: ignore[group, preprocessing]", False),
                                           ("  # workbench: ignore[temporal]", True), ("  # noqa", True)])
def test_inline_suppression(comment, kept):
    body = textwrap.dedent(LEAKY["preprocessing"][0]).lstrip("\n").split("\n")
    body[2] += comment
    assert bool(lint_code(HEAD + "\n".join(body))) == kept


def notebook(*cells):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(c[3:]) if c.startswith("md:")
                                           else nbformat.v4.new_code_cell(c) for c in cells])


def test_notebook_cells_in_order_with_magics_and_markdown_counted():
    nb = notebook("md:# Title", "%matplotlib inline\n!pip install x\n" + HEAD,
                  "files = !ls data\ndf = pd.read_csv('d.csv')\ndf.head?",
                  "%%time\nX, y = df.drop(columns='y'), df['y']\n%time X = StandardScaler().fit_transform(X)",
                  "%%bash\necho not python (",
                  "md:split", "X_train, X_test, y_train, y_test = train_test_split(X, y)")
    fs = lint_notebook(nb, path="n.ipynb")
    assert [(f.cell, f.line, f.type) for f in fs] == [(3, 3, "preprocessing")]
    assert "cell_6:1" in fs[0].message and fs[0].location == "n.ipynb:cell_3:3"
    assert lint_notebook(json.loads(nbformat.writes(nb)), path="n.ipynb") == fs    # a plain dict works too


def test_exported_script_with_cell_markers(tmp_path):
    src = ("#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\n" + HEAD + "get_ipython().run_line_magic('matplotlib', 'inline')\n\n\n"
           "# In[2]:\n\n\ndf = pd.read_csv('d.csv')\nX, y = df.drop(columns='y'), df['y']\nX = StandardScaler().fit_transform(X)\n"
           "X_train, X_test, y_train, y_test = train_test_split(X, y)\n")
    (tmp_path / "exported.py").write_text(src)
    fs = lint_file(tmp_path / "exported.py")
    assert [(f.cell, f.type) for f in fs] == [(None, "preprocessing")]
    assert src.split("\n")[fs[0].line - 1].startswith("X = StandardScaler()")


def test_bad_input_is_reported_with_file_and_line_and_linting_continues(tmp_path):
    (tmp_path / "ok.py").write_text(HEAD + textwrap.dedent(LEAKY["overlap"][0]))
    (tmp_path / "syntax.py").write_text("x = 1\ndef f(:\n    pass\n")
    (tmp_path / "latin1.py").write_bytes(b"a = 1\nb = 2\nname = '\xe9t\xe9'\n")
    (tmp_path / "notjson.ipynb").write_text('{"cells": [\n  oops\n')
    (tmp_path / "notnb.ipynb").write_text('[1, 2]')
    nb = notebook("x = 1", "md:text", "def broken(:\n    pass")
    (tmp_path / "cellsyntax.ipynb").write_text(nbformat.writes(nb))
    (tmp_path / "notes.txt").write_text("ignored: not .py/.ipynb")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "old.py").write_text("def (")
    res = lint_paths([tmp_path, tmp_path / "missing.ipynb"])
    assert res.files == 7 and res.exit_code == 2 and [f.type for f in res.findings] == ["overlap"]
    probs = {Path(p.path).name: p for p in res.problems}
    assert sorted(probs) == ["cellsyntax.ipynb", "latin1.py", "missing.ipynb", "notjson.ipynb", "notnb.ipynb", "syntax.py"]
    assert probs["syntax.py"].line == 2 and "syntax error" in probs["syntax.py"].message
    assert probs["latin1.py"].line == 3 and "UTF-8" in probs["latin1.py"].message
    assert probs["notjson.ipynb"].line == 2 and "JSON" in probs["notjson.ipynb"].message
    assert "no such file" in probs["missing.ipynb"].message and probs["missing.ipynb"].line is None
    assert "cell_2 line 1" in probs["cellsyntax.ipynb"].message and probs["cellsyntax.ipynb"].line == 1
    text = render_findings(res)
    assert f"{tmp_path / 'syntax.py'}:2: error: syntax error" in text


@pytest.mark.parametrize("name, content, match", [
    ("s.py", "if x\n", r"s\.py:1: syntax error"),
    ("n.ipynb", "nope", r"n\.ipynb:1: not a notebook: invalid JSON"),
    ("r.txt", "x = 1", r"not a notebook or Python file"),
])
def test_lint_file_raises_lint_input_error(tmp_path, name, content, match):
    (tmp_path / name).write_text(content)
    with pytest.raises(LintInputError, match=match) as e:
        lint_file(tmp_path / name)
    assert str(e.value).startswith(str(tmp_path / name))
    assert isinstance(e.value, DataError) and e.value.exit_code == 2


def test_lint_code_and_notebook_raise_on_syntax_error():
    with pytest.raises(LintInputError, match=r"<string>:2: syntax error"):
        lint_code("x = 1\nfor\n")
    with pytest.raises(LintInputError, match=r"nb\.ipynb:cell_1:2: syntax error in cell_1 line 2") as e:
        lint_notebook(notebook("md:x", "y = 1\nfor\n"), path="nb.ipynb")
    assert (e.value.cell, e.value.line) == (1, 2)


def nb_json(*cells):
    "A v4 notebook dict whose cells are given raw (possibly malformed)."
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


CODE = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "x = 1"}
MALFORMED_NOTEBOOKS = {                # name: (notebook, cell named in the error or None, text in the message)
    "source-null": (nb_json(CODE, dict(CODE, source=None)), 1, "cell_1 'source' is null"),
    "source-number": (nb_json(dict(CODE, source=5)), 0, "cell_0 'source' is 5 (a number)"),
    "source-list-with-number": (nb_json(dict(CODE, source=["x = 1\n", 5])), 0, "cell_0 'source' has 5 (a number) at position 1"),
    "source-object": (nb_json(dict(CODE, source={"a": 1})), 0, "cell_0 'source' is {'a': 1} (an object)"),
    "markdown-source-null": (nb_json({"cell_type": "markdown", "metadata": {}, "source": None}), 0, "cell_0 'source' is null"),
    "cell-is-string": (nb_json(CODE, "x = 1"), 1, "cell_1 is 'x = 1' (a string), expected an object"),
    "cell-is-null": (nb_json(None), 0, "cell_0 is null"),
    "no-cell-type": (nb_json({"source": "x = 1"}), 0, "cell_0 has no 'cell_type'"),
    "cell-type-number": (nb_json(dict(CODE, cell_type=3)), 0, "cell_0 'cell_type' is 3 (a number)"),
    "no-source": (nb_json({"cell_type": "code", "metadata": {}}), 0, "cell_0 has no 'source'"),
    "cells-null": ({"cells": None, "nbformat": 4}, None, "no 'cells' list ('cells' is null)"),
    "cells-string": ({"cells": "x = 1", "nbformat": 4}, None, "no 'cells' list ('cells' is 'x = 1' (a string))"),
    "no-cells": ({"metadata": {}, "nbformat": 4}, None, "no 'cells' list"),
    "worksheets-string": ({"worksheets": "x", "nbformat": 3}, None, "'worksheets' is 'x' (a string)"),
}


@pytest.mark.parametrize("name", MALFORMED_NOTEBOOKS)
def test_malformed_notebook_raises_lint_input_error_naming_the_cell(name):
    nb, cell, text = MALFORMED_NOTEBOOKS[name]
    with pytest.raises(LintInputError) as e:
        lint_notebook(nb, path="bad.ipynb")
    assert text in e.value.detail and e.value.detail.startswith("not a notebook: "), e.value.detail
    assert (e.value.path, e.value.cell, e.value.line) == ("bad.ipynb", cell, None)
    assert str(e.value).startswith("bad.ipynb:cell_%d: " % cell if cell is not None else "bad.ipynb: not a notebook")


def test_notebook_that_is_not_an_object_raises():
    for nb in ([1, 2], "x = 1", None):
        with pytest.raises(LintInputError, match="expected an object with a 'cells' list"):
            lint_notebook(nb, path="bad.ipynb")


def test_wellformed_notebook_shapes_still_lint():
    "Source as a list of strings, raw cells, and nbformat 3 worksheets with 'input' are all read."
    leaky = textwrap.dedent(LEAKY["preprocessing"][0]).lstrip("\n")
    v4 = nb_json(dict(CODE, source=(HEAD + leaky).splitlines(keepends=True)), {"cell_type": "raw", "metadata": {}, "source": []})
    assert [f.type for f in lint_notebook(v4)] == ["preprocessing"]
    v3 = {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": HEAD + leaky, "language": "python"},
                                                   {"cell_type": "heading", "level": 1, "source": "Title"}]}]}
    assert [f.type for f in lint_notebook(v3)] == ["preprocessing"]


DEEP_SUM = "x = " + " + ".join(["a"] * 3000) + "\n"          # deeper than Python's parser goes
MINUSES = "x = " + "-" * 100_000 + "1\n"                      # the parser runs out of memory (or recursion)
DEEP_ATTR = "x = a" + ".b" * 800 + "\n"                        # parses, but deeper than the analysis can follow


@pytest.mark.parametrize("code", [DEEP_SUM, MINUSES], ids=["3000-term-sum", "100000-minuses"])
def test_code_too_deep_to_parse_is_reported_not_raised(code):
    with pytest.raises(LintInputError, match=r"^deep\.py: the code is too deeply nested to analyse \(Python's parser") as e:
        lint_code("import pandas as pd\n" + code, path="deep.py")
    assert "exclude the file" in e.value.detail and e.value.exit_code == 2


def test_code_too_deep_to_analyse_is_reported_with_the_statement_line():
    with pytest.raises(LintInputError, match=r"^deep\.py:2: the statement at line 2 is too deeply nested to analyse "
                                             r"\(the analysis hit Python's recursion limit\)") as e:
        lint_code("y = 1\n" + DEEP_ATTR, path="deep.py")
    assert (e.value.line, e.value.cell) == (2, None)


def test_notebook_cell_too_deep_names_the_cell():
    with pytest.raises(LintInputError, match=r"^n\.ipynb:cell_2: cell_2 is too deeply nested to analyse .*exclude the notebook$") as e:
        lint_notebook(notebook("md:t", "a = 1", DEEP_SUM), path="n.ipynb")
    assert (e.value.cell, e.value.line) == (2, None)
    with pytest.raises(LintInputError, match=r"^n\.ipynb:cell_2:2: the statement at cell_2:2 is too deeply nested") as e:
        lint_notebook(notebook("md:t", "a = 1", "b = 2\n" + DEEP_ATTR), path="n.ipynb")
    assert (e.value.cell, e.value.line) == (2, 2)


def test_a_long_but_reasonable_expression_still_lints():
    assert lint_code("x = " + " + ".join(["a"] * 200) + "\n") == []


def test_null_byte_is_reported_not_raised():
    with pytest.raises(LintInputError, match=r"null bytes"):
        lint_code("x = 1\0\n", path="nul.py")
    with pytest.raises(LintInputError, match=r"^nul\.ipynb:cell_0: .*cell_0[: ].*null bytes") as e:
        lint_notebook(notebook("x = 1\0"), path="nul.ipynb")
    assert "None" not in str(e.value)


def test_parser_value_error_is_reported(monkeypatch):
    "Older Pythons raise ValueError (not SyntaxError) for a null byte; it becomes a LintInputError too."
    import workbench.lint as lint_mod
    def parse(src): raise ValueError("source code string cannot contain null bytes")
    monkeypatch.setattr(lint_mod.ast, "parse", parse)
    with pytest.raises(LintInputError, match=r"^v\.py: the code is not parseable Python \(source code string cannot contain null bytes\)"):
        lint_code("x = 1", path="v.py")
    with pytest.raises(LintInputError, match=r"^v\.ipynb:cell_0: cell_0 is not parseable Python"):
        lint_notebook(notebook("x = 1"), path="v.ipynb")


def test_deeply_nested_notebook_json_is_reported(tmp_path):
    (tmp_path / "deep.ipynb").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(LintInputError, match=r"deep\.ipynb: not a notebook: the JSON is nested too deeply"):
        lint_file(tmp_path / "deep.ipynb")


def test_bad_files_next_to_a_good_one_are_problems_and_the_good_one_is_linted(tmp_path):
    (tmp_path / "good.py").write_text(HEAD + textwrap.dedent(LEAKY["preprocessing"][0]))
    for name, (nb, _, _) in MALFORMED_NOTEBOOKS.items():
        (tmp_path / f"{name}.ipynb").write_text(json.dumps(nb))
    (tmp_path / "not-an-object.ipynb").write_text("[1, 2]")
    (tmp_path / "deep_sum.py").write_text(DEEP_SUM)
    (tmp_path / "minuses.py").write_text(MINUSES)
    (tmp_path / "deep_attr.py").write_text(DEEP_ATTR)
    (tmp_path / "deep_cell.ipynb").write_text(json.dumps(nb_json(CODE, dict(CODE, source=DEEP_SUM))))
    (tmp_path / "deep_json.ipynb").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "nul.py").write_bytes(b"x = 1\x00\n")
    res = lint_paths(tmp_path)
    bad = len(MALFORMED_NOTEBOOKS) + 7
    assert (res.files, [f.type for f in res.findings], len(res.problems), res.exit_code) == (bad + 1, ["preprocessing"], bad, 2)
    probs = {Path(p.path).name: p for p in res.problems}
    assert "cell_1 'source' is null" in probs["source-null.ipynb"].message
    assert "too deeply nested" in probs["deep_sum.py"].message and "too deeply nested" in probs["minuses.py"].message
    assert probs["deep_attr.py"].line == 1 and "cell_1 is too deeply nested" in probs["deep_cell.ipynb"].message
    assert not any("linter failed" in p.message for p in res.problems)


def test_a_linter_crash_on_one_file_is_a_problem_and_the_others_are_linted(tmp_path, monkeypatch):
    import workbench.lint as lint_mod
    (tmp_path / "a_good.py").write_text(HEAD + textwrap.dedent(LEAKY["preprocessing"][0]))
    (tmp_path / "b_crash.py").write_text("x = 1\n")
    (tmp_path / "c_good.ipynb").write_text(nbformat.writes(notebook(HEAD + textwrap.dedent(LEAKY["preprocessing"][0]))))
    real = lint_mod.lint_file
    def lint_file(p):
        if Path(p).name == "b_crash.py": raise KeyError("boom")
        return real(p)
    monkeypatch.setattr(lint_mod, "lint_file", lint_file)
    res = lint_paths(tmp_path)
    assert (res.files, [Path(f.path).name for f in res.findings], res.exit_code) == (3, ["a_good.py", "c_good.ipynb"], 2)
    (p,) = res.problems
    assert (Path(p.path).name, p.line) == ("b_crash.py", None)
    assert p.message == "the linter failed on this file: KeyError: 'boom'; please report it"


def test_cli_exits_2_on_malformed_input(tmp_path, capsys, monkeypatch):
    from workbench.cli import main
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.py").write_text("x = 1\n")
    (tmp_path / "bad.ipynb").write_text(json.dumps(nb_json(dict(CODE, source=None))))
    (tmp_path / "deep.py").write_text(DEEP_SUM)
    code = main(["lint", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "bad.ipynb" in err and "cell_0 'source' is null" in err and "deep.py" in err and "too deeply nested" in err



# Other styles and libraries (keras, torch, native xgboost, helper functions, classes, chained pandas, hand-made
# feature selection, records of scores): {(type, line)} expected for each whole program.
VARIANTS = {
    "keras_es_test": ({("multi_test", 10)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow import keras
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y").values, df["y"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
es = keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)
model.fit(X_train, y_train, epochs=100, validation_data=(X_test, y_test), callbacks=[es])
print(model.evaluate(X_test, y_test))
"""),
    "keras_val_split_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y").values, df["y"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
sc = StandardScaler().fit(X_train)
model = keras.Sequential([keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(sc.transform(X_train), y_train, validation_split=0.2, callbacks=[keras.callbacks.EarlyStopping()])
print(model.evaluate(sc.transform(X_test), y_test))
"""),
    "torch_random_split_scaler": ({("preprocessing", 7)}, """
import torch, numpy as np
from torch.utils.data import TensorDataset, random_split, DataLoader
from sklearn.preprocessing import StandardScaler
X = np.load("X.npy")
y = np.load("y.npy")
ds_X = torch.tensor(X)
Xs = StandardScaler().fit_transform(X)
ds = TensorDataset(torch.tensor(Xs, dtype=torch.float32), torch.tensor(y))
train_ds, test_ds = random_split(ds, [800, 200])
loader = DataLoader(train_ds, batch_size=32, shuffle=True)
"""),
    "xgb_native_es_val_clean": (set(), """
import xgboost as xgb, pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_tmp, X_test, y_tmp, y_test = train_test_split(X, y, test_size=0.2)
X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp, test_size=0.2)
dtrain, dval = xgb.DMatrix(X_train, label=y_train), xgb.DMatrix(X_val, label=y_val)
bst = xgb.train({"objective": "binary:logistic"}, dtrain, 1000, evals=[(dval, "val")], early_stopping_rounds=50)
print(bst.predict(xgb.DMatrix(X_test)))
"""),
    "xgb_native_es_test": ({("multi_test", 8)}, """
import xgboost as xgb, pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
dtrain, dtest = xgb.DMatrix(X_train, label=y_train), xgb.DMatrix(X_test, label=y_test)
params = {"objective": "binary:logistic"}
bst = xgb.train(params, dtrain, 1000, evals=[(dtrain, "train"), (dtest, "test")], early_stopping_rounds=50)
"""),
    "agg_to_customer_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
tx = pd.read_csv("transactions.csv")
print(tx.groupby("customer_id").size().describe())
cust = tx.groupby("customer_id").agg(n=("amount", "size"), total=("amount", "sum")).reset_index()
labels = pd.read_csv("labels.csv")
cust = cust.merge(labels, on="customer_id")
X, y = cust.drop(columns=["customer_id", "churn"]), cust["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test)
"""),
    "functions_style": ({("preprocessing", 13), ("multi_test", 17)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
from sklearn.metrics import f1_score
def prepare(df, target="label"):
    X = df.drop(columns=[target]); y = df[target]
    X = MinMaxScaler().fit_transform(X)
    return train_test_split(X, y, test_size=0.25, random_state=0)
def evaluate(model, X, y):
    return f1_score(y, model.predict(X))
def main(path):
    from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
    X_train, X_test, y_train, y_test = prepare(pd.read_csv(path))
    best, best_f1 = None, -1
    for m in [RandomForestClassifier(), GradientBoostingClassifier()]:
        m.fit(X_train, y_train)
        f1 = evaluate(m, X_test, y_test)
        if f1 > best_f1:
            best, best_f1 = m, f1
    return best
if __name__ == "__main__":
    main("data.csv")
"""),
    "statsmodels_clean": (set(), """
import pandas as pd, statsmodels.api as sm
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
train, test = train_test_split(df, test_size=0.3, random_state=0)
model = sm.Logit(train["y"], sm.add_constant(train[["a", "b"]])).fit()
pred = model.predict(sm.add_constant(test[["a", "b"]]))
"""),
    "pd_results_frame_loc": ({("multi_test", 10)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])
results = pd.DataFrame(columns=["k", "acc"])
for k in range(1, 15):
    knn = KNeighborsClassifier(k).fit(X_train, y_train)
    results.loc[len(results)] = [k, accuracy_score(y_test, knn.predict(X_test))]
best_k = results.sort_values("acc", ascending=False).iloc[0]["k"]
"""),
    "xtr_names": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("d.csv")
Xtr, Xte, ytr, yte = train_test_split(df.drop(columns="y"), df["y"])
m = Ridge().fit(Xtr, ytr)
print(m.score(Xtr, ytr), m.score(Xte, yte))
"""),
    "comment_group_evidence": ({("group", 7)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
# each user appears many times: one row per session
df = pd.read_csv("sessions.csv")
X = df.drop(columns=["user_id", "bought"])
y = df["bought"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
"""),
    "date_features_only_clean_no_sort": ({("temporal", 7)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
df = pd.read_csv("d.csv", parse_dates=["signup_date"])
df["signup_month"] = df["signup_date"].dt.month
X = df.drop(columns=["signup_date", "ltv"])
X_train, X_test, y_train, y_test = train_test_split(X, df["ltv"])
RandomForestRegressor().fit(X_train, y_train)
"""),
    "fillna_mean_then_split": ({("preprocessing", 4)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
df["age"] = df["age"].fillna(df["age"].mean())
train, test = train_test_split(df, test_size=0.2)
"""),
    "fillna_train_mean_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
train, test = train_test_split(df, test_size=0.2)
med = train["age"].median()
train["age"] = train["age"].fillna(med)
test["age"] = test["age"].fillna(med)
"""),
    "groupby_first_time_split_clean": (set(), """
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("orders.csv", parse_dates=["order_date"]).sort_values("order_date")
df["prev_orders"] = df.groupby("customer_id").cumcount()
cut = df["order_date"].quantile(0.8)
train, test = df[df["order_date"] <= cut], df[df["order_date"] > cut]
feats = ["prev_orders", "amount"]
m = RandomForestClassifier().fit(train[feats], train["returned"])
print(m.score(test[feats], test["returned"]))
"""),
    "loo_target_encode_full": ({("target", 5)}, """
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
df["zip_rate"] = df.groupby("zip")["default"].transform("mean")
X, y = df[["zip_rate", "income"]], df["default"]
cross_val_score(LogisticRegression(), X, y, cv=5)
"""),
    "chained_assign_lambda": ({("target", 5)}, """
import pandas as pd, seaborn as sns
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
tips = (sns.load_dataset("tips").dropna()
        .assign(tip_pct=lambda d: d.tip / d.total_bill))
X = tips[["total_bill", "size", "tip_pct"]]
y = tips["tip"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
LinearRegression().fit(X_train, y_train)
"""),
    "loc_columns_neq_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
X = df.loc[:, df.columns != "target"]
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
LogisticRegression().fit(X_train, y_train)
"""),
    "iloc_xy_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
X, y = df.iloc[:, :-1], df.iloc[:, -1]
X_train, X_test, y_train, y_test = train_test_split(X, y)
LogisticRegression().fit(X_train, y_train)
"""),
    "forgot_drop_alias": ({("target", 5)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("d.csv")
X = df
y = df["Outcome"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
RandomForestClassifier().fit(X_train, y_train)
"""),
    "hf_datasets_tfidf": ({("preprocessing", 6)}, """
from datasets import load_dataset
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
ds = load_dataset("imdb", split="train").to_pandas()
vec = TfidfVectorizer(min_df=3)
X = vec.fit_transform(ds["text"])
X_train, X_test, y_train, y_test = train_test_split(X, ds["label"])
"""),
    "pipe_in_gridsearch_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
gs = GridSearchCV(Pipeline([("sc", StandardScaler()), ("svc", SVC())]), {"svc__C": [0.1, 1, 10]}, cv=5)
gs.fit(X_train, y_train)
print(gs.best_params_, gs.score(X_test, y_test))
"""),
    "manual_kfold_fold_col_clean": (set(), """
import pandas as pd, numpy as np
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
df["fold"] = np.arange(len(df)) % 5
scores = []
for k in range(5):
    tr, te = df[df.fold != k], df[df.fold == k]
    m = LogisticRegression().fit(tr[["a", "b"]], tr["y"])
    scores.append(m.score(te[["a", "b"]], te["y"]))
print(np.mean(scores))
"""),
    "shuffle_then_tscv": ({("temporal", 7)}, """
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
df = pd.read_csv("d.csv", parse_dates=["ts"]).sort_values("ts")
df = df.sample(frac=1, random_state=0)
X, y = df[["a", "b"]], df["y"]
cross_val_score(Ridge(), X, y, cv=TimeSeriesSplit(5))
"""),
    "wrapper_fn_returns_model_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
def build():
    return RandomForestClassifier(n_estimators=100)
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])
model = build()
model.fit(X_train, y_train)
print(model.score(X_test, y_test))
"""),
    "label_encoder_loop_clean": (set(), """
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
for col in ["a", "b"]:
    df[col] = LabelEncoder().fit_transform(df[col])
train, test = train_test_split(df)
"""),
    "corr_select_full": ({("preprocessing", 5)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
corr = df.corr(numeric_only=True)["target"].abs().sort_values(ascending=False)
top = corr[corr > 0.1].index.drop("target")
X, y = df[top], df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
LogisticRegression().fit(X_train, y_train)
"""),
    "corr_select_train_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
train, test = train_test_split(df, random_state=0)
corr = train.corr(numeric_only=True)["target"].abs()
top = [c for c in corr.index if corr[c] > 0.1 and c != "target"]
LogisticRegression().fit(train[top], train["target"]).score(test[top], test["target"])
"""),
    "mi_select_full": ({("preprocessing", 6)}, """
import pandas as pd
from sklearn.feature_selection import mutual_info_classif
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LogisticRegression
X, y = pd.read_csv("X.csv"), pd.read_csv("y.csv")["y"]
mi = pd.Series(mutual_info_classif(X, y), index=X.columns)
keep = mi.nlargest(20).index
print(cross_val_score(LogisticRegression(), X[keep], y, cv=5))
"""),
    "upsample_sample_replace": ({("overlap", 5)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
maj, mino = df[df.y == 0], df[df.y == 1]
mino_up = mino.sample(n=len(maj), replace=True, random_state=0)
bal = pd.concat([maj, mino_up])
X_train, X_test, y_train, y_test = train_test_split(bal.drop(columns="y"), bal["y"])
"""),
    "sk_scale_function": ({("preprocessing", 5)}, """
import pandas as pd
from sklearn.preprocessing import scale
from sklearn.model_selection import train_test_split
X, y = pd.read_csv("X.csv"), pd.read_csv("y.csv")["y"]
X = scale(X)
X_train, X_test, y_train, y_test = train_test_split(X, y)
"""),
    "customers_table_tx_features_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
customers = pd.read_csv("customers.csv")
tx = pd.read_csv("transactions.csv")
print(tx.groupby("customer_id").size().describe())
feats = tx.groupby("customer_id").agg(n_tx=("amount", "size"), spend=("amount", "sum")).reset_index()
df = customers.merge(feats, on="customer_id", how="left")
X, y = df.drop(columns=["customer_id", "churn"]), df["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test)
"""),
    "tx_rows_with_customer_info": ({("group", 9)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
customers = pd.read_csv("customers.csv")
tx = pd.read_csv("transactions.csv")
print(tx.groupby("customer_id").size().describe())
df = tx.merge(customers, on="customer_id", how="left")
X, y = df.drop(columns=["customer_id", "fraud"]), df["fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test)
"""),
    "cv_plus_train_score_clean": (set(), """
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
model = RandomForestClassifier()
print("cv", cross_val_score(model, X, y, cv=5).mean())
model.fit(X, y)
print("train", model.score(X, y))
"""),
    "mixed_records_pick_by_val_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_tmp, X_test, y_tmp, y_test = train_test_split(X, y)
X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp)
rows = []
for d in [2, 4, 8]:
    m = DecisionTreeClassifier(max_depth=d).fit(X_train, y_train)
    rows.append({"depth": d, "val": m.score(X_val, y_val), "test": m.score(X_test, y_test)})
res = pd.DataFrame(rows)
best = res.sort_values("val", ascending=False).iloc[0]
best2 = max(rows, key=lambda r: r["val"])
"""),
    "mixed_records_pick_by_test": ({("multi_test", 11)}, """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_tmp, X_test, y_tmp, y_test = train_test_split(X, y)
X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp)
rows = []
for d in [2, 4, 8]:
    m = DecisionTreeClassifier(max_depth=d).fit(X_train, y_train)
    rows.append((d, m.score(X_val, y_val), m.score(X_test, y_test)))
res = pd.DataFrame(rows, columns=["depth", "val", "test"])
best = res.sort_values("test", ascending=False).iloc[0]
"""),
    "test_rows_added_to_train": ({("overlap", 6)}, """
import pandas as pd, numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])
X_more, y_more = pd.concat([X_train, X_test[:100]]), pd.concat([y_train, y_test[:100]])
m = LogisticRegression().fit(X_more, y_more)
print(m.score(X_test, y_test))
"""),
    "final_refit_on_all_clean": (set(), """
import pandas as pd, numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
final = LogisticRegression().fit(pd.concat([X_train, X_test]), pd.concat([y_train, y_test]))
"""),
    "datetime_index_string_slices_clean": (set(), """
import pandas as pd
from sklearn.linear_model import Ridge
df = pd.read_csv("d.csv", parse_dates=["date"], index_col="date").sort_index()
X, y = df.drop(columns="y"), df["y"]
X_train, X_test = X[:"2019"], X["2020":]
y_train, y_test = y[:"2019"], y["2020":]
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
"""),
    "named_like_label": ({("target", 5)}, """
import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
print(df["churn_reason"].value_counts())
X = df.drop(columns=["customer_id", "churn"])
y = df["churn"]
LogisticRegression().fit(X, y)
"""),
    "ames_salecondition_clean": (set(), """
import pandas as pd
from sklearn.linear_model import Ridge
df = pd.read_csv("ames.csv")
feats = ["GrLivArea", "SaleCondition", "OverallQual"]
Ridge().fit(pd.get_dummies(df[feats]), df["SalePrice"])
"""),
    "train_only_target_mean_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
df = pd.read_csv("d.csv")
train, test = train_test_split(df, test_size=0.2, random_state=0)
means = train.groupby("city")["price"].mean()
train["city_te"] = train["city"].map(means)
test["city_te"] = test["city"].map(means).fillna(train["price"].mean())
feats = ["city_te", "rooms"]
m = GradientBoostingRegressor().fit(train[feats], train["price"])
print(m.score(test[feats], test["price"]))
"""),
    "assert_unique_ids_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("patients.csv")
assert df["patient_id"].nunique() == len(df)
print(df["patient_id"].nunique(), "patients")
X, y = df.drop(columns=["patient_id", "y"]), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
LogisticRegression().fit(X_train, y_train).score(X_test, y_test)
"""),
    "nunique_eq_len_clean": (set(), """
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("patients.csv")
print(df["patient_id"].nunique() == len(df))
train, test = train_test_split(df)
"""),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variants(name):
    expected, code = VARIANTS[name]
    assert {(f.type, f.line) for f in lint_code(textwrap.dedent(code).lstrip("\n"), path=name)} == expected



# Idioms beyond the corpus, written for this suite: each line ending in `# expect: TYPE` must be reported with that
# type, and nothing else may be reported. Families: other split helpers (ShuffleSplit, LeaveOneOut, masks, samples, hashes,
# tf.data, datasets, sktime), other fit/transform/score spellings (adapt, fit().transform(), partial_fit, losses, errors by
# hand), data flowing through functions, methods, pipe/assign, dicts and lists of models, optimisers, early stopping and
# thresholds on test, Keras/torch loops, statsmodels, merge_asof, feature selection by importances; and clean traps.
IDIOMS = {}

IDIOMS["shufflesplit_on_time_series"] = '''
import pandas as pd
from sklearn.model_selection import ShuffleSplit, cross_val_score
from sklearn.ensemble import RandomForestRegressor
energy = pd.read_csv("energy.csv", parse_dates=["timestamp"]).sort_values("timestamp")
energy["lag_24"] = energy["load"].shift(24)
energy = energy.dropna()
X, y = energy[["lag_24", "temp", "hour"]], energy["load"]
cv = ShuffleSplit(n_splits=5, test_size=0.2, random_state=0)
print(cross_val_score(RandomForestRegressor(), X, y, cv=cv).mean())  # expect: temporal
'''

IDIOMS["leave_one_out_repeated_subjects"] = '''
import pandas as pd
from sklearn.model_selection import LeaveOneOut, cross_val_predict
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score
gait = pd.read_csv("gait.csv")
print(gait.groupby("subject_id").size().describe())   # ~20 strides per subject
X, y = gait.drop(columns=["subject_id", "impaired"]), gait["impaired"]
pred = cross_val_predict(SVC(), X, y, cv=LeaveOneOut())  # expect: group
print(accuracy_score(y, pred))
'''

IDIOMS["cross_validate_kfold_patients"] = '''
import pandas as pd
from sklearn.model_selection import KFold, cross_validate
from sklearn.ensemble import GradientBoostingClassifier
ecg = pd.read_parquet("ecg_beats.parquet")
n_per_patient = ecg["patient_id"].value_counts()
print(n_per_patient.head())
X = ecg.drop(columns=["patient_id", "arrhythmia"])
y = ecg["arrhythmia"]
res = cross_validate(GradientBoostingClassifier(), X, y, cv=KFold(n_splits=5, shuffle=True, random_state=1),  # expect: group
                     scoring=["roc_auc", "f1"])
print(res["test_roc_auc"].mean())
'''

IDIOMS["hash_split_by_user_clean"] = '''
import zlib
import pandas as pd
from sklearn.linear_model import LogisticRegression
events = pd.read_csv("clicks.csv")
print(events.groupby("user_id").size().describe())
bucket = events["user_id"].astype(str).map(lambda u: zlib.crc32(u.encode()) % 100)
train, test = events[bucket < 80], events[bucket >= 80]
feats = ["n_prev_clicks", "dwell", "position"]
clf = LogisticRegression(max_iter=1000).fit(train[feats], train["clicked"])
print(clf.score(test[feats], test["clicked"]))
'''

IDIOMS["random_mask_split_time_series"] = '''
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
df = pd.read_csv("sales.csv")
df["date"] = pd.to_datetime(df["date"])
df = df.sort_values("date")
df["lag_7"] = df["units"].shift(7)
df = df.dropna()
msk = np.random.rand(len(df)) < 0.8
train, test = df[msk], df[~msk]  # expect: temporal
m = Ridge().fit(train[["lag_7", "price"]], train["units"])
print(m.score(test[["lag_7", "price"]], test["units"]))
'''

IDIOMS["sample_then_drop_index_time"] = '''
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
rides = pd.read_csv("rides.csv", parse_dates=["pickup_time"]).sort_values("pickup_time")
rides["demand_lag1"] = rides["demand"].shift(1)
train = rides.sample(frac=0.8, random_state=0)  # expect: temporal
test = rides.drop(train.index)
feats = ["demand_lag1", "temp"]
gbr = GradientBoostingRegressor().fit(train[feats], train["demand"])
print(gbr.score(test[feats], test["demand"]))
'''

IDIOMS["stratified_shuffle_split_loop_scaler_first"] = '''
import pandas as pd
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.preprocessing import MinMaxScaler
from sklearn.neighbors import KNeighborsClassifier
wine = pd.read_csv("wine.csv")
X, y = wine.drop(columns="quality_class"), wine["quality_class"]
X = pd.DataFrame(MinMaxScaler().fit_transform(X), columns=X.columns)  # expect: preprocessing
sss = StratifiedShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
for tr_idx, te_idx in sss.split(X, y):
    X_train, X_test = X.iloc[tr_idx], X.iloc[te_idx]
    y_train, y_test = y.iloc[tr_idx], y.iloc[te_idx]
knn = KNeighborsClassifier().fit(X_train, y_train)
print(knn.score(X_test, y_test))
'''

IDIOMS["group_kfold_cross_validate_clean"] = '''
import pandas as pd
from sklearn.model_selection import GroupKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
visits = pd.read_csv("visits.csv")
print(visits.groupby("patient_id").size().describe())
X, y = visits.drop(columns=["patient_id", "readmit"]), visits["readmit"]
res = cross_validate(make_pipeline(StandardScaler(), LogisticRegression()), X, y,
                     groups=visits["patient_id"], cv=GroupKFold(n_splits=5))
print(res["test_score"].mean())
'''

IDIOMS["separate_fit_then_transform_all"] = '''
import pandas as pd
from sklearn.preprocessing import OneHotEncoder
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("bank.csv")
cats = ["job", "marital", "education"]
enc = OneHotEncoder(handle_unknown="ignore", min_frequency=20).fit(df[cats])  # expect: preprocessing
X = enc.transform(df[cats])
X_train, X_test, y_train, y_test = train_test_split(X, df["deposit"], random_state=0)
print(LogisticRegression(max_iter=500).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["column_transformer_fit_transform_all"] = '''
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("adult.csv")
num = ["age", "hours_per_week", "capital_gain"]
cat = ["workclass", "occupation"]
prep = ColumnTransformer([("num", StandardScaler(), num), ("cat", OneHotEncoder(handle_unknown="ignore"), cat)])
X = prep.fit_transform(df)  # expect: preprocessing
y = (df["income"] == ">50K").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["imputers_in_dict_loop"] = '''
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
houses = pd.read_csv("houses.csv")
imputers = {"LotFrontage": SimpleImputer(strategy="median"), "MasVnrArea": SimpleImputer(strategy="constant", fill_value=0)}
for col, imp in imputers.items():
    houses[[col]] = imp.fit_transform(houses[[col]])  # expect: preprocessing
X, y = houses[["LotFrontage", "MasVnrArea", "GrLivArea"]], houses["SalePrice"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
print(RandomForestRegressor().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["pca_for_eda_then_pipeline_clean"] = '''
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("sensors.csv")
X, y = df.drop(columns="fault"), df["fault"]
pca = PCA().fit(StandardScaler().fit_transform(X))
plt.plot(pca.explained_variance_ratio_.cumsum())
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = make_pipeline(StandardScaler(), PCA(n_components=10), LogisticRegression()).fit(X_train, y_train)
print(model.score(X_test, y_test))
'''

IDIOMS["preprocess_function_then_split"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

NUM = ["age", "chol", "thalach", "oldpeak"]

def preprocess(frame):
    frame = frame.copy()
    frame[NUM] = StandardScaler().fit_transform(frame[NUM])
    return frame

heart = preprocess(pd.read_csv("heart.csv"))  # expect: preprocessing
train, test = train_test_split(heart, test_size=0.2, random_state=42, stratify=heart["target"])
svc = SVC().fit(train[NUM], train["target"])
print(svc.score(test[NUM], test["target"]))
'''

IDIOMS["preprocessor_class_method"] = '''
import pandas as pd
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Lasso

class Prep:
    def __init__(self, cols):
        self.cols = cols
        self.scaler = RobustScaler()

    def run(self, frame):
        out = frame.copy()
        out[self.cols] = self.scaler.fit_transform(out[self.cols])
        return out

cols = ["sqft", "rooms", "age"]
homes = pd.read_csv("homes.csv")
homes = Prep(cols).run(homes)  # expect: preprocessing
tr, te = train_test_split(homes, random_state=0)
print(Lasso().fit(tr[cols], tr["price"]).score(te[cols], te["price"]))
'''

IDIOMS["vectorizer_fit_on_train_plus_test_text"] = '''
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
reviews = pd.read_csv("reviews.csv")
train, test = train_test_split(reviews, test_size=0.2, random_state=0)
vec = TfidfVectorizer(min_df=2)
vec.fit(list(train["text"]) + list(test["text"]))  # expect: preprocessing
clf = LogisticRegression().fit(vec.transform(train["text"]), train["sentiment"])
print(clf.score(vec.transform(test["text"]), test["sentiment"]))
'''

IDIOMS["smote_then_cross_val_score"] = '''
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.ensemble import RandomForestClassifier
cc = pd.read_csv("creditcard.csv")
X, y = cc.drop(columns="Class"), cc["Class"]
X_res, y_res = SMOTE(random_state=42).fit_resample(X, y)  # expect: overlap
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
print(cross_val_score(RandomForestClassifier(), X_res, y_res, cv=skf, scoring="f1").mean())
'''

IDIOMS["noise_augmentation_stacked_before_split"] = '''
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
X = np.load("signals.npy")
y = np.load("labels.npy")
noisy = X + np.random.normal(0, 0.05, X.shape)
X_aug = np.vstack([X, noisy])  # expect: overlap
y_aug = np.concatenate([y, y])
X_train, X_test, y_train, y_test = train_test_split(X_aug, y_aug, test_size=0.2)
print(MLPClassifier(max_iter=300).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["upsample_train_only_clean"] = '''
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("churn.csv")
train, test = train_test_split(df, test_size=0.2, stratify=df["churn"], random_state=0)
minority = train[train["churn"] == 1]
majority = train[train["churn"] == 0]
up = resample(minority, replace=True, n_samples=len(majority), random_state=0)
train_bal = pd.concat([majority, up])
feats = ["tenure", "monthly", "calls"]
m = LogisticRegression().fit(train_bal[feats], train_bal["churn"])
print(m.score(test[feats], test["churn"]))
'''

IDIOMS["imblearn_pipeline_cross_validate_clean"] = '''
import pandas as pd
from imblearn.pipeline import Pipeline
from imblearn.over_sampling import SMOTE
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
cc = pd.read_csv("creditcard.csv")
X, y = cc.drop(columns="Class"), cc["Class"]
pipe = Pipeline([("sc", StandardScaler()), ("smote", SMOTE()), ("lr", LogisticRegression(max_iter=1000))])
out = cross_validate(pipe, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="average_precision")
print(out["test_score"].mean())
'''

IDIOMS["threshold_loop_on_test"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
df = pd.read_csv("fraud.csv")
X, y = df.drop(columns="fraud"), df["fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
rf = RandomForestClassifier(n_estimators=300).fit(X_train, y_train)
proba = rf.predict_proba(X_test)[:, 1]
best_t, best_f1 = 0.5, 0.0
for t in np.arange(0.05, 0.95, 0.05):
    f1 = f1_score(y_test, proba >= t)  # expect: multi_test
    if f1 > best_f1:
        best_t, best_f1 = t, f1
print(f"threshold {best_t:.2f}: test F1 {best_f1:.3f}")
'''

IDIOMS["pr_curve_threshold_on_test"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve
df = pd.read_csv("claims.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="fraud"), df["fraud"], random_state=3)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
prec, rec, thr = precision_recall_curve(y_test, clf.predict_proba(X_test)[:, 1])  # expect: multi_test
f1 = 2 * prec * rec / (prec + rec + 1e-9)
best_threshold = thr[np.argmax(f1[:-1])]
print("chosen threshold", best_threshold, "test F1", f1.max())
'''

IDIOMS["threshold_on_validation_clean"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve, f1_score
df = pd.read_csv("claims.csv")
X_tmp, X_test, y_tmp, y_test = train_test_split(df.drop(columns="fraud"), df["fraud"], random_state=3)
X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp, random_state=3)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
prec, rec, thr = precision_recall_curve(y_val, clf.predict_proba(X_val)[:, 1])
f1 = 2 * prec * rec / (prec + rec + 1e-9)
best_threshold = thr[np.argmax(f1[:-1])]
print("test F1", f1_score(y_test, clf.predict_proba(X_test)[:, 1] >= best_threshold))
'''

IDIOMS["catboost_eval_set_test"] = '''
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score
df = pd.read_csv("telco.csv")
X, y = df.drop(columns="Churn"), df["Churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
model = CatBoostClassifier(iterations=3000, learning_rate=0.03, verbose=0)
model.fit(X_train, y_train, eval_set=(X_test, y_test), early_stopping_rounds=100, use_best_model=True)  # expect: multi_test
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
'''

IDIOMS["lgb_train_valid_sets_test_callback"] = '''
import lightgbm as lgb
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("loans.csv")
X, y = df.drop(columns="default"), df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
dtrain = lgb.Dataset(X_train, label=y_train)
dtest = lgb.Dataset(X_test, label=y_test, reference=dtrain)
booster = lgb.train({"objective": "binary", "metric": "auc"}, dtrain, num_boost_round=5000,  # expect: multi_test
                    valid_sets=[dtest], callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)])
print(booster.best_score)
'''

IDIOMS["list_of_models_argmax_test"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier
from sklearn.metrics import accuracy_score
df = pd.read_csv("spam.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="spam"), df["spam"], random_state=0)
models = [LogisticRegression(max_iter=1000), RandomForestClassifier(), ExtraTreesClassifier()]
accs = [accuracy_score(y_test, m.fit(X_train, y_train).predict(X_test)) for m in models]  # expect: multi_test
best = models[int(np.argmax(accs))]
print(type(best).__name__, max(accs))
'''

IDIOMS["feature_subsets_scored_on_test"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
cars = pd.read_csv("cars.csv")
train, test = train_test_split(cars, test_size=0.25, random_state=1)
candidates = {"base": ["hp", "weight"], "plus_year": ["hp", "weight", "year"], "all": ["hp", "weight", "year", "cyl"]}
results = {}
for name, cols in candidates.items():
    lr = LinearRegression().fit(train[cols], train["mpg"])
    results[name] = mean_absolute_error(test["mpg"], lr.predict(test[cols]))  # expect: multi_test
best = min(results, key=results.get)
print(best, results[best])
'''

IDIOMS["compare_models_print_only_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("spam.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="spam"), df["spam"], random_state=0)
cands = {"lr": LogisticRegression(max_iter=1000), "rf": RandomForestClassifier()}
cv = {k: cross_val_score(m, X_train, y_train, cv=5).mean() for k, m in cands.items()}
best = max(cv, key=cv.get)
final = cands[best].fit(X_train, y_train)
print(best, final.score(X_test, y_test))
'''

IDIOMS["hyperopt_fmin_on_test"] = '''
import pandas as pd
from hyperopt import fmin, tpe, hp, STATUS_OK
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
df = pd.read_csv("bank.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)

def objective(params):
    clf = GradientBoostingClassifier(max_depth=int(params["depth"]), learning_rate=params["lr"]).fit(X_train, y_train)
    auc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])  # expect: multi_test
    return {"loss": -auc, "status": STATUS_OK}

space = {"depth": hp.quniform("depth", 2, 8, 1), "lr": hp.loguniform("lr", -5, 0)}
best = fmin(objective, space, algo=tpe.suggest, max_evals=50)
'''

IDIOMS["optuna_cv_on_train_clean"] = '''
import optuna
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("bank.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)

def objective(trial):
    clf = RandomForestClassifier(max_depth=trial.suggest_int("max_depth", 2, 16))
    return cross_val_score(clf, X_train, y_train, cv=5, scoring="roc_auc").mean()

study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=30)
final = RandomForestClassifier(**study.best_params).fit(X_train, y_train)
print(final.score(X_test, y_test))
'''

IDIOMS["merge_asof_forward_feature"] = '''
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
trades = pd.read_csv("trades.csv", parse_dates=["ts"]).sort_values("ts")
quotes = pd.read_csv("quotes.csv", parse_dates=["ts"]).sort_values("ts")
df = pd.merge_asof(trades, quotes, on="ts", by="symbol", direction="forward")  # expect: temporal
cut = df["ts"].quantile(0.8)
train, test = df[df["ts"] <= cut], df[df["ts"] > cut]
feats = ["bid", "ask", "size"]
m = GradientBoostingRegressor().fit(train[feats], train["ret_5m"])
print(m.score(test[feats], test["ret_5m"]))
'''

IDIOMS["merge_asof_backward_clean"] = '''
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
trades = pd.read_csv("trades.csv", parse_dates=["ts"]).sort_values("ts")
quotes = pd.read_csv("quotes.csv", parse_dates=["ts"]).sort_values("ts")
df = pd.merge_asof(trades, quotes, on="ts", by="symbol", direction="backward")
cut = df["ts"].quantile(0.8)
train, test = df[df["ts"] <= cut], df[df["ts"] > cut]
feats = ["bid", "ask", "size"]
m = GradientBoostingRegressor().fit(train[feats], train["ret_5m"])
print(m.score(test[feats], test["ret_5m"]))
'''

IDIOMS["groupby_shift_negative_feature"] = '''
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.ensemble import RandomForestClassifier
visits = pd.read_csv("visits.csv", parse_dates=["visit_date"]).sort_values(["visit_date"])
visits["days_to_next"] = visits.groupby("customer_id")["visit_date"].shift(-1).sub(visits["visit_date"]).dt.days  # expect: temporal
visits["prev_spend"] = visits.groupby("customer_id")["spend"].shift(1)
X = visits[["days_to_next", "prev_spend"]].fillna(-1)
print(cross_val_score(RandomForestClassifier(), X, visits["churned"], cv=TimeSeriesSplit(5)))
'''

IDIOMS["tts_time_sorted_default_shuffle"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from xgboost import XGBRegressor
air = pd.read_csv("air_quality.csv")
air["datetime"] = pd.to_datetime(air["date"] + " " + air["time"])
air = air.set_index("datetime").sort_index()
air["no2_lag1"] = air["NO2"].shift(1)
air = air.dropna()
X_train, X_test, y_train, y_test = train_test_split(air[["no2_lag1", "T", "RH"]], air["NO2"], test_size=0.2)  # expect: temporal
print(XGBRegressor().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["stratified_kfold_repeated_patients"] = '''
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
scans = pd.read_csv("scans.csv")
# several scans per patient (left/right eye, follow-ups)
X, y = scans.drop(columns=["patient_id", "dr"]), scans["dr"]
aucs = []
for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y):  # expect: group
    rf = RandomForestClassifier().fit(X.iloc[tr], y.iloc[tr])
    aucs.append(roc_auc_score(y.iloc[va], rf.predict_proba(X.iloc[va])[:, 1]))
print(sum(aucs) / len(aucs))
'''

IDIOMS["target_in_select_dtypes"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
houses = pd.read_csv("houses.csv")
X = houses.select_dtypes(include="number").fillna(0)  # expect: target
y = houses["SalePrice"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(RandomForestRegressor().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["statsmodels_ols_with_label_column"] = '''
import pandas as pd
import statsmodels.api as sm
ins = pd.read_csv("insurance.csv")
ins["charges_per_child"] = ins["charges"] / (ins["children"] + 1)  # expect: target
train = ins.sample(frac=0.8, random_state=0)
test = ins.drop(train.index)
X_train = sm.add_constant(train[["age", "bmi", "children", "charges_per_child"]])
ols = sm.OLS(train["charges"], X_train).fit()
print(ols.rsquared)
'''

IDIOMS["formula_ols_clean"] = '''
import pandas as pd
import statsmodels.formula.api as smf
ins = pd.read_csv("insurance.csv")
train = ins.sample(frac=0.8, random_state=0)
test = ins.drop(train.index)
ols = smf.ols("charges ~ age + bmi + C(smoker) + children", data=train).fit()
pred = ols.predict(test)
print(((pred - test["charges"]) ** 2).mean() ** 0.5)
'''

IDIOMS["experiment_class_picks_on_test"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC
from sklearn.metrics import balanced_accuracy_score

class Experiment:
    def __init__(self, X_train, X_test, y_train, y_test):
        self.X_train, self.X_test, self.y_train, self.y_test = X_train, X_test, y_train, y_test

    def run(self, model):
        model.fit(self.X_train, self.y_train)
        return balanced_accuracy_score(self.y_test, model.predict(self.X_test))

df = pd.read_csv("cells.csv")
exp = Experiment(*train_test_split(df.drop(columns="label"), df["label"], random_state=0))
scores = {name: exp.run(m) for name, m in {"lr": LogisticRegression(), "svc": SVC()}.items()}  # expect: multi_test
print(max(scores, key=scores.get))
'''

IDIOMS["keras_adapt_then_split"] = '''
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split
X = np.load("X.npy").astype("float32")
y = np.load("y.npy")
norm = tf.keras.layers.Normalization()
norm.adapt(X)  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = tf.keras.Sequential([norm, tf.keras.layers.Dense(16, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, epochs=20, validation_split=0.1)
print(model.evaluate(X_test, y_test))
'''

IDIOMS["keras_adapt_train_only_clean"] = '''
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split
X = np.load("X.npy").astype("float32")
y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
norm = tf.keras.layers.Normalization()
norm.adapt(X_train)
model = tf.keras.Sequential([norm, tf.keras.layers.Dense(16, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, epochs=20, validation_split=0.1)
print(model.evaluate(X_test, y_test))
'''

IDIOMS["torch_loop_best_epoch_on_test"] = '''
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
import numpy as np
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
train_dl = DataLoader(TensorDataset(torch.tensor(X_tr).float(), torch.tensor(y_tr)), batch_size=64, shuffle=True)
test_dl = DataLoader(TensorDataset(torch.tensor(X_te).float(), torch.tensor(y_te)), batch_size=256)
net = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 2))
opt = torch.optim.Adam(net.parameters())
best = 0
for epoch in range(30):
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad(); nn.functional.cross_entropy(net(xb), yb).backward(); opt.step()
    net.eval()
    with torch.no_grad():
        correct = sum((net(xb).argmax(1) == yb).sum().item() for xb, yb in test_dl)  # expect: multi_test
    acc = correct / len(X_te)
    if acc > best:
        best = acc
        torch.save(net.state_dict(), "best.pt")
print("best test acc", best)
'''

IDIOMS["torch_loop_val_clean"] = '''
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
import numpy as np
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_tmp, X_te, y_tmp, y_te = train_test_split(X, y, test_size=0.2)
X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, test_size=0.2)
train_dl = DataLoader(TensorDataset(torch.tensor(X_tr).float(), torch.tensor(y_tr)), batch_size=64, shuffle=True)
val_dl = DataLoader(TensorDataset(torch.tensor(X_va).float(), torch.tensor(y_va)), batch_size=256)
net = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 2))
opt = torch.optim.Adam(net.parameters())
best = 0
for epoch in range(30):
    for xb, yb in train_dl:
        opt.zero_grad(); nn.functional.cross_entropy(net(xb), yb).backward(); opt.step()
    with torch.no_grad():
        correct = sum((net(xb).argmax(1) == yb).sum().item() for xb, yb in val_dl)
    acc = correct / len(X_va)
    if acc > best:
        best = acc
        torch.save(net.state_dict(), "best.pt")
'''

IDIOMS["augment_rows_in_loop_before_split"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression

def back_translate(s):
    return s[::-1]

faq = pd.read_csv("faq.csv")
texts, labels = [], []
for q, a in zip(faq["question"], faq["topic"]):
    texts.append(q)
    labels.append(a)
    texts.append(back_translate(q))  # expect: overlap
    labels.append(a)
X_train, X_test, y_train, y_test = train_test_split(texts, labels, test_size=0.2)
clf = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(X_train, y_train)
print(clf.score(X_test, y_test))
'''

IDIOMS["pipe_user_function_scaler"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge

def scale(frame, cols):
    frame = frame.copy()
    frame[cols] = StandardScaler().fit_transform(frame[cols])
    return frame

cols = ["x1", "x2", "x3"]
df = (pd.read_csv("d.csv")
        .dropna()
        .pipe(scale, cols))  # expect: preprocessing
tr, te = train_test_split(df, random_state=0)
print(Ridge().fit(tr[cols], tr["y"]).score(te[cols], te["y"]))
'''

IDIOMS["assign_zscore_chain"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = (pd.read_csv("d.csv")
        .assign(income_z=lambda d: (d["income"] - d["income"].mean()) / d["income"].std()))  # expect: preprocessing
train, test = train_test_split(df, test_size=0.3, random_state=0)
feats = ["income_z", "age"]
print(LogisticRegression().fit(train[feats], train["default"]).score(test[feats], test["default"]))
'''

IDIOMS["tf_data_take_skip_after_scaling"] = '''
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
X = np.load("X.npy"); y = np.load("y.npy")
X = StandardScaler().fit_transform(X)  # expect: preprocessing
idx = np.random.permutation(len(X))
cut = int(0.8 * len(X))
X_train, X_test = X[idx[:cut]], X[idx[cut:]]
y_train, y_test = y[idx[:cut]], y[idx[cut:]]
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["evaluate_on_training_rows_only"] = '''
import pandas as pd
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import classification_report
titanic = pd.read_csv("titanic.csv")
X = titanic[["Pclass", "Age", "Fare"]].fillna(0)
y = titanic["Survived"]
tree = DecisionTreeClassifier(max_depth=6).fit(X, y)
print(classification_report(y, tree.predict(X)))  # expect: overlap
'''

IDIOMS["dict_of_pipelines_val_pick_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, test_size=0.25, random_state=0)
pipes = {"lr": make_pipeline(StandardScaler(), LogisticRegression()), "rf": RandomForestClassifier()}
val_scores = {k: p.fit(X_train, y_train).score(X_val, y_val) for k, p in pipes.items()}
winner = pipes[max(val_scores, key=val_scores.get)].fit(X_dev, y_dev)
print("test", winner.score(X_test, y_test))
'''

IDIOMS["fit_then_transform_chain_positional"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR
df = pd.read_csv("concrete.csv").sample(frac=1.0, random_state=0)
X, y = df.drop(columns="strength").values, df["strength"].values
X = StandardScaler().fit(X).transform(X)  # expect: preprocessing
n = int(0.8 * len(X))
X_train, X_test, y_train, y_test = X[:n], X[n:], y[:n], y[n:]
print(SVR().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["knn_imputer_then_cv"] = '''
import pandas as pd
from sklearn.impute import KNNImputer
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("pima.csv")
X, y = df.drop(columns="Outcome"), df["Outcome"]
X_imp = KNNImputer(n_neighbors=5).fit_transform(X)  # expect: preprocessing
print(cross_val_score(RandomForestClassifier(random_state=0), X_imp, y, cv=10).mean())
'''

IDIOMS["selectkbest_before_split"] = '''
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
genes = pd.read_csv("expression.csv")
X, y = genes.drop(columns="tumour"), genes["tumour"]
X_sel = SelectKBest(f_classif, k=50).fit_transform(X, y)  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X_sel, y, stratify=y, random_state=0)
print(LogisticRegression(max_iter=2000).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["minmax_by_hand"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
seeds = pd.read_csv("seeds.csv")
feats = seeds.drop(columns="variety")
feats = (feats - feats.min()) / (feats.max() - feats.min())  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(feats, seeds["variety"], random_state=4)
print(KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["fillna_frame_mean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
cars = pd.read_csv("autos.csv")
num = cars.select_dtypes("number")
num = num.fillna(num.mean())  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(num.drop(columns="price"), num["price"], random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["target_mean_map_all_rows"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
flats = pd.read_csv("flats.csv")
district_mean = flats.groupby("district")["rent"].mean()
flats["district_rent"] = flats["district"].map(district_mean)  # expect: target
train, test = train_test_split(flats, test_size=0.2, random_state=0)
feats = ["district_rent", "area", "rooms"]
gbr = GradientBoostingRegressor().fit(train[feats], train["rent"])
print(gbr.score(test[feats], test["rent"]))
'''

IDIOMS["oversample_by_concat_duplicates"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
churn = pd.read_csv("churn.csv")
pos = churn[churn["Exited"] == 1]
churn = pd.concat([churn, pos, pos], ignore_index=True)  # expect: overlap
X_train, X_test, y_train, y_test = train_test_split(churn.drop(columns="Exited"), churn["Exited"], random_state=1)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["copy_augment_concat"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline

def swap_words(s):
    w = s.split()
    return " ".join(w[1:] + w[:1])

sms = pd.read_csv("sms.csv")
aug = sms.copy()
aug["text"] = aug["text"].apply(swap_words)
sms = pd.concat([sms, aug], ignore_index=True)  # expect: overlap
X_train, X_test, y_train, y_test = train_test_split(sms["text"], sms["spam"], random_state=0)
print(make_pipeline(CountVectorizer(), MultinomialNB()).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["fit_on_all_score_on_test"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
bikes = pd.read_csv("bikes.csv")
X, y = bikes[["temp", "hum", "windspeed"]], bikes["cnt"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
rf = RandomForestRegressor().fit(X, y)
print("test R2", rf.score(X_test, y_test))  # expect: overlap
'''

IDIOMS["train_and_test_scores_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score
df = pd.read_csv("mushrooms.csv")
X = pd.get_dummies(df.drop(columns="class"))
y = df["class"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
tree = DecisionTreeClassifier(max_depth=5).fit(X_train, y_train)
print("train", accuracy_score(y_train, tree.predict(X_train)))
print("test", accuracy_score(y_test, tree.predict(X_test)))
'''

IDIOMS["xgb_sklearn_es_on_test"] = '''
import pandas as pd
from xgboost import XGBClassifier
from sklearn.model_selection import train_test_split
df = pd.read_csv("higgs.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="label"), df["label"], test_size=0.2)
xgb = XGBClassifier(n_estimators=2000, early_stopping_rounds=50, eval_metric="auc")
xgb.fit(X_train, y_train, eval_set=[(X_test, y_test)], verbose=False)  # expect: multi_test
print(xgb.best_iteration, xgb.score(X_test, y_test))
'''

IDIOMS["knn_k_argmax_on_test"] = '''
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
iris = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(iris.drop(columns="species"), iris["species"], random_state=2)
acc = []
for k in range(1, 26):
    knn = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    acc.append(knn.score(X_test, y_test))  # expect: multi_test
plt.plot(range(1, 26), acc)
best_k = int(np.argmax(acc)) + 1
print("best k", best_k)
'''

IDIOMS["best_model_if_greater"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier, AdaBoostClassifier
from sklearn.metrics import f1_score
df = pd.read_csv("heart.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="target"), df["target"], random_state=0)
best_model, best_score = None, -1
for model in (RandomForestClassifier(), GradientBoostingClassifier(), AdaBoostClassifier()):
    model.fit(X_train, y_train)
    score = f1_score(y_test, model.predict(X_test))  # expect: multi_test
    if score > best_score:
        best_model, best_score = model, score
print(best_model, best_score)
'''

IDIOMS["keras_checkpoint_best_on_test"] = '''
import numpy as np
from tensorflow import keras
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
model.fit(X_train, y_train, epochs=50, validation_data=(X_test, y_test), callbacks=[ckpt])  # expect: multi_test
model = keras.models.load_model("best.keras")
print(model.evaluate(X_test, y_test))
'''

IDIOMS["keras_history_argmax_on_test"] = '''
import numpy as np
from tensorflow import keras
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(X_train, y_train, epochs=100, validation_data=(X_test, y_test))  # expect: multi_test
best_epochs = int(np.argmax(history.history["val_accuracy"])) + 1
final = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
final.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
final.fit(X_train, y_train, epochs=best_epochs)
print(final.evaluate(X_test, y_test))
'''

IDIOMS["keras_validation_data_monitor_only_clean"] = '''
import numpy as np
from tensorflow import keras
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=0)
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(X_tr, y_tr, epochs=100, validation_data=(X_val, y_val),
                    callbacks=[keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)])
print(model.evaluate(X_test, y_test))
'''

IDIOMS["rolling_target_includes_today"] = '''
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
demand = pd.read_csv("demand.csv", parse_dates=["day"]).sort_values("day")
demand["units_ma7"] = demand["units"].rolling(7).mean()  # expect: target
demand["units_lag1"] = demand["units"].shift(1)
demand = demand.dropna()
X, y = demand[["units_ma7", "units_lag1", "price"]], demand["units"]
print(cross_val_score(Ridge(), X, y, cv=TimeSeriesSplit(5)).mean())
'''

IDIOMS["rolling_target_shifted_clean"] = '''
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
demand = pd.read_csv("demand.csv", parse_dates=["day"]).sort_values("day")
demand["units_ma7"] = demand["units"].shift(1).rolling(7).mean()
demand["units_lag1"] = demand["units"].shift(1)
demand = demand.dropna()
X, y = demand[["units_ma7", "units_lag1", "price"]], demand["units"]
print(cross_val_score(Ridge(), X, y, cv=TimeSeriesSplit(5)).mean())
'''

IDIOMS["kfold_no_shuffle_on_time"] = '''
import pandas as pd
from sklearn.model_selection import KFold, cross_val_score
from sklearn.ensemble import RandomForestRegressor
power = pd.read_csv("power.csv", index_col="datetime", parse_dates=True).sort_index()
power["lag_1h"] = power["kw"].shift(1)
power = power.dropna()
X, y = power.drop(columns="kw"), power["kw"]
print(cross_val_score(RandomForestRegressor(), X, y, cv=KFold(n_splits=5)).mean())  # expect: temporal
'''

IDIOMS["cross_val_score_default_cv_on_time"] = '''
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import Ridge
sales = pd.read_csv("sales.csv")
sales["date"] = pd.to_datetime(sales["date"])
sales = sales.sort_values("date")
sales["lag_7"] = sales["sales"].shift(7)
sales = sales.dropna()
print(cross_val_score(Ridge(), sales[["lag_7", "promo"]], sales["sales"]).mean())  # expect: temporal
'''

IDIOMS["features_list_remove_forgets_label"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
loans = pd.read_csv("loans.csv")
features = loans.columns.tolist()
features.remove("loan_id")
X = loans[features]  # expect: target
y = loans["defaulted"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["features_list_remove_label_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
loans = pd.read_csv("loans.csv")
features = loans.columns.tolist()
features.remove("loan_id")
features.remove("defaulted")
X = loans[features]
y = loans["defaulted"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["label_copy_as_feature"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("employees.csv")
df["left_flag"] = df["attrition"].map({"Yes": 1, "No": 0})  # expect: target
X = df[["age", "income", "left_flag"]]
y = (df["attrition"] == "Yes").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["pop_label_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
df = pd.read_csv("credit.csv")
y = df.pop("default")
X = df
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
print(GradientBoostingClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["values_slice_last_col_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
data = pd.read_csv("banknote.csv", header=None).values
X, y = data[:, :-1], data[:, -1]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(SVC().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["helper_returns_score_loop_pick"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import roc_auc_score

def fit_and_score(model, X_tr, y_tr, X_ev, y_ev):
    model.fit(X_tr, y_tr)
    return roc_auc_score(y_ev, model.decision_function(X_ev))

df = pd.read_csv("cancer.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="malignant"), df["malignant"], random_state=0)
results = {}
for C in [0.1, 1, 10, 100]:
    results[C] = fit_and_score(SVC(C=C), X_train, y_train, X_test, y_test)  # expect: multi_test
best_C = max(results, key=results.get)
print(best_C, results[best_C])
'''

IDIOMS["splits_dict_lookup"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
df = pd.read_csv("d.csv")
X_tmp, X_te, y_tmp, y_te = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
X_tr, X_va, y_tr, y_va = train_test_split(X_tmp, y_tmp, random_state=0)
data = {"train": (X_tr, y_tr), "val": (X_va, y_va), "test": (X_te, y_te)}
scores = {}
for C in [0.01, 0.1, 1.0]:
    m = LogisticRegression(C=C).fit(*data["train"])
    scores[C] = accuracy_score(data["val"][1], m.predict(data["val"][0]))
best = max(scores, key=scores.get)
final = LogisticRegression(C=best).fit(*data["train"])
print(accuracy_score(data["test"][1], final.predict(data["test"][0])))
'''

IDIOMS["fold_index_on_scaled_full"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.naive_bayes import MultinomialNB
docs = pd.read_csv("docs.csv")
X = docs.drop(columns="topic").values
y = docs["topic"].values
selector = SelectKBest(chi2, k=200).fit(X, y)  # expect: preprocessing
X_sel = selector.transform(X)
accs = []
for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X_sel, y):
    nb = MultinomialNB().fit(X_sel[tr], y[tr])
    accs.append(nb.score(X_sel[te], y[te]))
print(np.mean(accs))
'''

IDIOMS["tf_data_shuffle_take_skip_scaled"] = '''
import numpy as np
import tensorflow as tf
X = np.load("X.npy").astype("float32"); y = np.load("y.npy")
mu, sd = X.mean(axis=0), X.std(axis=0)  # expect: preprocessing
X = (X - mu) / sd
ds = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(10000, seed=0)
n_train = int(0.8 * len(X))
train_ds = ds.take(n_train).batch(64)
test_ds = ds.skip(n_train).batch(64)
model = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(train_ds, epochs=10)
print(model.evaluate(test_ds))
'''

IDIOMS["hf_dataset_train_test_split_after_tfidf"] = '''
from datasets import load_dataset
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
ds = load_dataset("csv", data_files="reviews.csv")["train"]
vec = TfidfVectorizer(max_features=20000).fit(ds["text"])  # expect: preprocessing
parts = ds.train_test_split(test_size=0.2, seed=0)
train, test = parts["train"], parts["test"]
clf = LogisticRegression(max_iter=1000).fit(vec.transform(train["text"]), train["label"])
print(clf.score(vec.transform(test["text"]), test["label"]))
'''

IDIOMS["group_split_by_unique_ids_clean"] = '''
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
logs = pd.read_csv("logs.csv")
print(logs.groupby("device_id").size().describe())
ids = logs["device_id"].unique()
rng = np.random.default_rng(0)
test_ids = rng.choice(ids, size=len(ids) // 5, replace=False)
test = logs[logs["device_id"].isin(test_ids)]
train = logs[~logs["device_id"].isin(test_ids)]
feats = ["cpu", "mem", "temp"]
rf = RandomForestClassifier().fit(train[feats], train["failure"])
print(rf.score(test[feats], test["failure"]))
'''

IDIOMS["kfold_with_groups_kwarg_ignored"] = '''
import pandas as pd
from sklearn.model_selection import KFold, cross_val_score
from sklearn.linear_model import LogisticRegression
eeg = pd.read_csv("eeg_windows.csv")
groups = eeg["subject"]
print(groups.value_counts().head())
X, y = eeg.drop(columns=["subject", "seizure"]), eeg["seizure"]
print(cross_val_score(LogisticRegression(max_iter=1000), X, y, groups=groups, cv=KFold(5, shuffle=True)).mean())  # expect: group
'''

IDIOMS["users_tts_with_nunique_print"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
ratings = pd.read_csv("ratings.csv")
print(len(ratings), "ratings from", ratings["user_id"].nunique(), "users")
X = ratings.drop(columns=["user_id", "liked"])
y = ratings["liked"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  # expect: group
print(HistGradientBoostingClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["one_row_per_customer_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
# one row per customer (snapshot at 2023-01-01)
cust = pd.read_csv("customers.csv")
assert cust["customer_id"].is_unique
X = cust.drop(columns=["customer_id", "churned"])
y = cust["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
print(LogisticRegression(max_iter=1000).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["groupby_rolling_center_per_store"] = '''
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
sales = pd.read_csv("store_sales.csv", parse_dates=["date"]).sort_values(["store_id", "date"])
sales["smooth"] = sales.groupby("store_id")["sales"].transform(lambda s: s.rolling(5, center=True).mean())  # expect: temporal
sales["lag7"] = sales.groupby("store_id")["sales"].shift(7)
train = sales[sales["date"] < "2017-01-01"]
test = sales[sales["date"] >= "2017-01-01"]
feats = ["smooth", "lag7", "onpromotion"]
rf = RandomForestRegressor().fit(train[feats].fillna(0), train["sales"])
print(rf.score(test[feats].fillna(0), test["sales"]))
'''

IDIOMS["scaler_fit_all_before_tscv"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
df = pd.read_csv("stocks.csv", parse_dates=["date"]).sort_values("date")
df["ret_lag1"] = df["ret"].shift(1)
df = df.dropna()
X = StandardScaler().fit_transform(df[["ret_lag1", "volume"]])  # expect: preprocessing
print(cross_val_score(Ridge(), X, df["ret"], cv=TimeSeriesSplit(5)).mean())
'''

IDIOMS["pipeline_tscv_clean"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
df = pd.read_csv("stocks.csv", parse_dates=["date"]).sort_values("date")
df["ret_lag1"] = df["ret"].shift(1)
df = df.dropna()
print(cross_val_score(make_pipeline(StandardScaler(), Ridge()), df[["ret_lag1", "volume"]], df["ret"], cv=TimeSeriesSplit(5)).mean())
'''

IDIOMS["refit_on_all_for_deploy_clean"] = '''
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
sc = StandardScaler().fit(X_train)
clf = LogisticRegression().fit(sc.transform(X_train), y_train)
print(clf.score(sc.transform(X_test), y_test))
sc_all = StandardScaler().fit(X)
clf_all = LogisticRegression().fit(sc_all.transform(X), y)
joblib.dump((sc_all, clf_all), "model.joblib")
'''

IDIOMS["youden_threshold_on_test"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_curve, confusion_matrix
df = pd.read_csv("diabetes.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="Outcome"), df["Outcome"], random_state=0)
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
p = rf.predict_proba(X_test)[:, 1]
fpr, tpr, thr = roc_curve(y_test, p)  # expect: multi_test
cut = thr[np.argmax(tpr - fpr)]
print(confusion_matrix(y_test, p >= cut))
'''

IDIOMS["roc_curve_plot_only_clean"] = '''
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_curve, auc
df = pd.read_csv("diabetes.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="Outcome"), df["Outcome"], random_state=0)
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
fpr, tpr, _ = roc_curve(y_test, rf.predict_proba(X_test)[:, 1])
plt.plot(fpr, tpr, label=f"AUC {auc(fpr, tpr):.3f}")
plt.legend()
'''

IDIOMS["two_independent_samples"] = '''
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("loans.csv")
train = df.sample(frac=0.8, random_state=1)  # expect: overlap
test = df.sample(frac=0.2, random_state=2)
feats = ["income", "age", "debt"]
rf = RandomForestClassifier().fit(train[feats], train["default"])
print(rf.score(test[feats], test["default"]))
'''

IDIOMS["sample_and_complement_clean"] = '''
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("loans.csv")
train = df.sample(frac=0.8, random_state=1)
test = df.drop(train.index)
feats = ["income", "age", "debt"]
rf = RandomForestClassifier().fit(train[feats], train["default"])
print(rf.score(test[feats], test["default"]))
'''

IDIOMS["iloc_head_tail_complement_clean"] = '''
import pandas as pd
from sklearn.linear_model import Ridge
df = pd.read_csv("houses.csv").sample(frac=1, random_state=0)
n_train = int(len(df) * 0.8)
train, test = df.iloc[:n_train], df.iloc[n_train:]
feats = ["sqft", "rooms"]
print(Ridge().fit(train[feats], train["price"]).score(test[feats], test["price"]))
'''

IDIOMS["parallel_delayed_models_pick_test"] = '''
import pandas as pd
from joblib import Parallel, delayed
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

def run(C, X_tr, y_tr, X_ev, y_ev):
    m = LogisticRegression(C=C, max_iter=1000).fit(X_tr, y_tr)
    return C, roc_auc_score(y_ev, m.predict_proba(X_ev)[:, 1])

df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
res = Parallel(n_jobs=2)(delayed(run)(C, X_train, y_train, X_test, y_test) for C in [0.01, 0.1, 1, 10])  # expect: multi_test
best_C, best_auc = max(res, key=lambda r: r[1])
print(best_C, best_auc)
'''

IDIOMS["datamodule_class_scaler_before_split"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

class DataModule:
    def __init__(self, path, features, target):
        self.df = pd.read_csv(path)
        self.features, self.target = features, target

    def setup(self):
        X = self.df[self.features]
        self.scaler = StandardScaler().fit(X)  # expect: preprocessing
        X = self.scaler.transform(X)
        self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(X, self.df[self.target], random_state=0)

dm = DataModule("d.csv", ["a", "b", "c"], "y")
dm.setup()
clf = LogisticRegression().fit(dm.X_train, dm.y_train)
print(clf.score(dm.X_test, dm.y_test))
'''

IDIOMS["datamodule_class_clean"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

class DataModule:
    def __init__(self, path, features, target):
        self.df = pd.read_csv(path)
        self.features, self.target = features, target

    def setup(self):
        X_train, X_test, self.y_train, self.y_test = train_test_split(self.df[self.features], self.df[self.target], random_state=0)
        self.scaler = StandardScaler().fit(X_train)
        self.X_train, self.X_test = self.scaler.transform(X_train), self.scaler.transform(X_test)

dm = DataModule("d.csv", ["a", "b", "c"], "y")
dm.setup()
clf = LogisticRegression().fit(dm.X_train, dm.y_train)
print(clf.score(dm.X_test, dm.y_test))
'''

IDIOMS["predictions_dict_then_scores_pick"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
models = {"lr": LogisticRegression(max_iter=500), "rf": RandomForestClassifier()}
preds = {}
for name, m in models.items():
    preds[name] = m.fit(X_train, y_train).predict(X_test)
scores = {name: f1_score(y_test, p) for name, p in preds.items()}  # expect: multi_test
chosen = max(scores, key=scores.get)
print(chosen, scores[chosen])
'''

IDIOMS["results_frame_idxmax"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor
from sklearn.metrics import mean_squared_error
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
rows = []
for depth in range(2, 12):
    m = DecisionTreeRegressor(max_depth=depth).fit(X_train, y_train)
    rows.append({"depth": depth, "rmse": mean_squared_error(y_test, m.predict(X_test)) ** 0.5})  # expect: multi_test
res = pd.DataFrame(rows).set_index("depth")
print("best depth", res["rmse"].idxmin())
'''

IDIOMS["gridsearch_on_all_then_test_subset"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
gs = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, cv=5).fit(X, y)
print(gs.best_params_, gs.score(X_test, y_test))  # expect: overlap
'''

IDIOMS["gridsearch_cv_only_clean"] = '''
import pandas as pd
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
pipe = Pipeline([("sc", StandardScaler()), ("svc", SVC())])
gs = GridSearchCV(pipe, {"svc__C": [0.1, 1, 10]}, cv=StratifiedKFold(5, shuffle=True, random_state=0)).fit(X, y)
print(gs.best_params_, gs.best_score_)
'''

IDIOMS["clip_quantiles_all_rows"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = pd.read_csv("d.csv")
num = ["income", "balance"]
df[num] = df[num].clip(lower=df[num].quantile(0.01), upper=df[num].quantile(0.99), axis=1)  # expect: preprocessing
train, test = train_test_split(df, random_state=0)
print(LinearRegression().fit(train[num], train["spend"]).score(test[num], test["spend"]))
'''

IDIOMS["fixed_bins_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
df["age_band"] = pd.cut(df["age"], bins=[0, 25, 45, 65, 120], labels=False)
df["log_income"] = df["income"].apply(lambda v: 0 if v <= 0 else v ** 0.5)
train, test = train_test_split(df, random_state=0)
feats = ["age_band", "log_income"]
print(LogisticRegression().fit(train[feats], train["default"]).score(test[feats], test["default"]))
'''

IDIOMS["bfill_on_time_series"] = '''
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
air = pd.read_csv("air.csv", parse_dates=["time"]).set_index("time").sort_index()
air = air.bfill()  # expect: temporal
air["pm25_lag1"] = air["pm25"].shift(1)
air = air.dropna()
train, test = air.loc[:"2019-12-31"], air.loc["2020-01-01":]
feats = ["pm25_lag1", "temp", "wind"]
gbr = GradientBoostingRegressor().fit(train[feats], train["pm25"])
print(gbr.score(test[feats], test["pm25"]))
'''

IDIOMS["ffill_on_time_series_clean"] = '''
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
air = pd.read_csv("air.csv", parse_dates=["time"]).set_index("time").sort_index()
air = air.ffill()
air["pm25_lag1"] = air["pm25"].shift(1)
air = air.dropna()
train, test = air.loc[:"2019-12-31"], air.loc["2020-01-01":]
feats = ["pm25_lag1", "temp", "wind"]
gbr = GradientBoostingRegressor().fit(train[feats], train["pm25"])
print(gbr.score(test[feats], test["pm25"]))
'''

IDIOMS["stratified_kfold_on_dated_events"] = '''
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.ensemble import RandomForestClassifier
tx = pd.read_csv("transactions.csv")
tx["ts"] = pd.to_datetime(tx["ts"])
tx = tx.sort_values("ts")
tx["amt_prev"] = tx.groupby("card_id")["amount"].shift(1)
X, y = tx[["amount", "amt_prev"]].fillna(0), tx["is_fraud"]
print(cross_val_score(RandomForestClassifier(), X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0)).mean())  # expect: temporal # expect: group
'''

IDIOMS["comment_multiple_images_per_patient"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
meta = pd.read_csv("xrays.csv")   # several images per patient (follow-up visits)
X = np.load("embeddings.npy")
y = meta["pneumonia"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)  # expect: group
print(LogisticRegression(max_iter=1000).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["pipeline_chain_pipe_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge

def clean(frame):
    return frame.dropna(subset=["price"]).query("sqft > 100")

def add_features(frame):
    return frame.assign(age=lambda d: 2024 - d["year_built"], log_sqft=lambda d: d["sqft"] ** 0.5)

homes = pd.read_csv("homes.csv").pipe(clean).pipe(add_features)
feats = ["age", "log_sqft", "rooms"]
train, test = train_test_split(homes, test_size=0.2, random_state=0)
model = make_pipeline(StandardScaler(), Ridge()).fit(train[feats], train["price"])
print(model.score(test[feats], test["price"]))
'''

IDIOMS["label_in_features_via_pipe_function"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor

def add_features(frame):
    return frame.assign(price_per_sqft=lambda d: d["price"] / d["sqft"])  # expect: target

homes = pd.read_csv("homes.csv").pipe(add_features)
feats = ["sqft", "rooms", "price_per_sqft"]
train, test = train_test_split(homes, test_size=0.2, random_state=0)
rf = RandomForestRegressor().fit(train[feats], train["price"])
print(rf.score(test[feats], test["price"]))
'''

IDIOMS["smote_on_train_in_function_clean"] = '''
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

def balance(X, y):
    return SMOTE(random_state=0).fit_resample(X, y)

df = pd.read_csv("fraud.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="fraud"), df["fraud"], stratify=df["fraud"], random_state=0)
X_bal, y_bal = balance(X_train, y_train)
print(RandomForestClassifier().fit(X_bal, y_bal).score(X_test, y_test))
'''

IDIOMS["smote_in_function_before_split"] = '''
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

def balance(X, y):
    return SMOTE(random_state=0).fit_resample(X, y)

df = pd.read_csv("fraud.csv")
X_bal, y_bal = balance(df.drop(columns="fraud"), df["fraud"])  # expect: overlap
X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, random_state=0)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["lightgbm_sklearn_callbacks_es_test"] = '''
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
clf = lgb.LGBMClassifier(n_estimators=5000, learning_rate=0.02)
clf.fit(X_train, y_train, eval_set=[(X_test, y_test)], callbacks=[lgb.early_stopping(200)])  # expect: multi_test
print(clf.best_iteration_)
'''

IDIOMS["lightgbm_es_on_val_clean"] = '''
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X_dev, X_test, y_dev, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
X_train, X_valid, y_train, y_valid = train_test_split(X_dev, y_dev, random_state=0)
clf = lgb.LGBMClassifier(n_estimators=5000, learning_rate=0.02)
clf.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], callbacks=[lgb.early_stopping(200)])
print(clf.score(X_test, y_test))
'''

IDIOMS["feature_importance_selection_on_all_rows"] = '''
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
rf = RandomForestClassifier(random_state=0).fit(X, y)  # expect: preprocessing
imp = pd.Series(rf.feature_importances_, index=X.columns).sort_values(ascending=False)
top = imp.index[:15]
print(cross_val_score(RandomForestClassifier(random_state=0), X[top], y, cv=5).mean())
'''

IDIOMS["rfe_on_all_then_cv"] = '''
import pandas as pd
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
rfe = RFE(LogisticRegression(max_iter=1000), n_features_to_select=10).fit(X, y)  # expect: preprocessing
X_small = X.loc[:, rfe.support_]
print(cross_val_score(LogisticRegression(max_iter=1000), X_small, y, cv=5).mean())
'''

IDIOMS["sktime_temporal_split_clean"] = '''
import pandas as pd
from sktime.split import temporal_train_test_split
from sklearn.ensemble import GradientBoostingRegressor
df = pd.read_csv("load.csv", parse_dates=["ts"]).sort_values("ts")
df["lag_1"] = df["load"].shift(1)
df = df.dropna()
X_train, X_test, y_train, y_test = temporal_train_test_split(df[["lag_1", "temp"]], df["load"], test_size=0.2)
print(GradientBoostingRegressor().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["arima_fit_on_full_series"] = '''
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA
from sklearn.metrics import mean_absolute_error
sales = pd.read_csv("monthly_sales.csv", parse_dates=["month"], index_col="month").sort_index()["sales"]
train, test = sales[:-12], sales[-12:]
model = ARIMA(sales, order=(2, 1, 1)).fit()
pred = model.predict(start=len(train), end=len(sales) - 1)  # expect: overlap
print("MAE", mean_absolute_error(test, pred))
'''

IDIOMS["arima_fit_on_train_clean"] = '''
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA
from sklearn.metrics import mean_absolute_error
sales = pd.read_csv("monthly_sales.csv", parse_dates=["month"], index_col="month").sort_index()["sales"]
train, test = sales[:-12], sales[-12:]
model = ARIMA(train, order=(2, 1, 1)).fit()
pred = model.forecast(steps=len(test))
print("MAE", mean_absolute_error(test, pred))
'''

IDIOMS["torch_manual_early_stopping_on_test"] = '''
import copy
import numpy as np
import torch
from torch import nn
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
Xtr_t, ytr_t = torch.tensor(X_tr, dtype=torch.float32), torch.tensor(y_tr, dtype=torch.float32)
Xte_t, yte_t = torch.tensor(X_te, dtype=torch.float32), torch.tensor(y_te, dtype=torch.float32)
model = nn.Sequential(nn.Linear(X.shape[1], 32), nn.ReLU(), nn.Linear(32, 1))
criterion = nn.MSELoss()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
best_loss, best_state, wait = float("inf"), None, 0
for epoch in range(500):
    model.train()
    opt.zero_grad()
    loss = criterion(model(Xtr_t).squeeze(), ytr_t)
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        test_loss = criterion(model(Xte_t).squeeze(), yte_t).item()  # expect: multi_test
    if test_loss < best_loss:
        best_loss, best_state, wait = test_loss, copy.deepcopy(model.state_dict()), 0
    else:
        wait += 1
        if wait >= 20:
            break
model.load_state_dict(best_state)
print("test MSE", best_loss)
'''

IDIOMS["target_scaler_before_split"] = '''
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVR
df = pd.read_csv("d.csv")
X = df.drop(columns="price").values
y = StandardScaler().fit_transform(df[["price"]]).ravel()  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(SVR().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["corrwith_selection_all_rows"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
corr = X.corrwith(y).abs()  # expect: preprocessing
keep = corr[corr > 0.2].index
X_train, X_test, y_train, y_test = train_test_split(X[keep], y, random_state=0)
print(LinearRegression().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["scipy_minimize_threshold_on_test"] = '''
import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
p_test = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]
res = minimize_scalar(lambda t: -f1_score(y_test, p_test > t), bounds=(0.05, 0.95), method="bounded")  # expect: multi_test
print("threshold", res.x, "F1", -res.fun)
'''

IDIOMS["hf_trainer_best_model_on_test"] = '''
import pandas as pd
from datasets import Dataset
from transformers import AutoTokenizer, AutoModelForSequenceClassification, Trainer, TrainingArguments
df = pd.read_csv("tweets.csv")
ds = Dataset.from_pandas(df).train_test_split(test_size=0.2, seed=0)
tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
enc = ds.map(lambda b: tok(b["text"], truncation=True), batched=True)
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)
args = TrainingArguments("out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True, num_train_epochs=5)
trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["test"])  # expect: multi_test
trainer.train()
print(trainer.evaluate())
'''

IDIOMS["function_returns_split_dict_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

def make_splits(path):
    df = pd.read_csv(path)
    X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
    sc = StandardScaler().fit(X_tr)
    return {"train": (sc.transform(X_tr), y_tr), "test": (sc.transform(X_te), y_te)}

splits = make_splits("d.csv")
clf = LogisticRegression().fit(*splits["train"])
print(clf.score(*splits["test"]))
'''

IDIOMS["function_returns_split_dict_leaky"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

def make_splits(path):
    df = pd.read_csv(path)
    X = StandardScaler().fit_transform(df.drop(columns="y"))  # expect: preprocessing
    X_tr, X_te, y_tr, y_te = train_test_split(X, df["y"], random_state=0)
    return {"train": (X_tr, y_tr), "test": (X_te, y_te)}

splits = make_splits("d.csv")
clf = LogisticRegression().fit(*splits["train"])
print(clf.score(*splits["test"]))
'''

IDIOMS["while_loop_tuning_on_test"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
n, best, best_n = 50, 0.0, 50
while n <= 800:
    acc = GradientBoostingClassifier(n_estimators=n).fit(X_train, y_train).score(X_test, y_test)  # expect: multi_test
    if acc > best:
        best, best_n = acc, n
    n *= 2
print(best_n, best)
'''

IDIOMS["ts_plot_then_random_split_clean_no_time_order"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
# one row per applicant; application_date is only used to derive the weekday
apps = pd.read_csv("applications.csv")
apps["weekday"] = pd.to_datetime(apps["application_date"]).dt.weekday
X = apps[["income", "amount", "weekday"]]
y = apps["approved"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)  # expect: temporal
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["separate_scalers_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.neighbors import KNeighborsRegressor
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
x_scaler, y_scaler = StandardScaler(), StandardScaler()
Xs_train = x_scaler.fit_transform(X_train)
ys_train = y_scaler.fit_transform(y_train.values.reshape(-1, 1)).ravel()
knn = KNeighborsRegressor().fit(Xs_train, ys_train)
pred = y_scaler.inverse_transform(knn.predict(x_scaler.transform(X_test)).reshape(-1, 1)).ravel()
print(((pred - y_test) ** 2).mean())
'''

IDIOMS["val_split_from_train_with_es_clean"] = '''
import pandas as pd
from xgboost import XGBRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error
df = pd.read_csv("d.csv")
train_df, test_df = train_test_split(df, test_size=0.2, random_state=0)
fit_df, es_df = train_test_split(train_df, test_size=0.15, random_state=0)
feats = [c for c in df.columns if c != "y"]
model = XGBRegressor(n_estimators=3000, early_stopping_rounds=100)
model.fit(fit_df[feats], fit_df["y"], eval_set=[(es_df[feats], es_df["y"])], verbose=False)
print(mean_absolute_error(test_df["y"], model.predict(test_df[feats])))
'''

IDIOMS["target_values_scaled_before_split"] = '''
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
df = pd.read_csv("d.csv")
X = df[["a", "b", "c"]].values
y = MinMaxScaler().fit_transform(df["price"].values.reshape(-1, 1)).ravel()  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(KNeighborsRegressor().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["rows_loop_one_row_each_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

def featurize(row):
    return [len(row["text"]), row["text"].count("!")]

posts = pd.read_csv("posts.csv")
X, y = [], []
for _, row in posts.iterrows():
    X.append(featurize(row))
    y.append(row["toxic"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["keras_monitor_test_no_choice_clean"] = '''
import numpy as np
from tensorflow import keras
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(X_train, y_train, epochs=20, validation_data=(X_test, y_test))
print(model.evaluate(X_test, y_test))
'''

IDIOMS["imported_split_helper_clean"] = '''
import pandas as pd
from mylib.data import split_data
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = split_data(df, target="y", test_size=0.2)
rf = RandomForestClassifier().fit(X_train, y_train)
print(rf.score(X_test, y_test))
'''

IDIOMS["error_analysis_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
rf = RandomForestClassifier().fit(X_train, y_train)
pred = rf.predict(X_test)
print("accuracy", (pred == y_test).mean())
wrong = X_test[pred != y_test]
print(wrong.describe())
'''

IDIOMS["print_all_test_scores_no_choice_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
for name, m in {"lr": LogisticRegression(), "rf": RandomForestClassifier()}.items():
    print(name, m.fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["transform_all_with_train_fit_clean"] = '''
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_all = scaler.transform(X)
m = Ridge().fit(scaler.transform(X_train), y_train)
print(m.score(scaler.transform(X_test), y_test), m.predict(X_all)[:5])
'''

IDIOMS["permutation_split_iid_clean"] = '''
import numpy as np
import pandas as pd
from sklearn.svm import SVC
df = pd.read_csv("iris.csv")
rng = np.random.default_rng(0)
idx = rng.permutation(len(df))
train, test = df.iloc[idx[:120]], df.iloc[idx[120:]]
feats = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
print(SVC().fit(train[feats], train["species"]).score(test[feats], test["species"]))
'''

IDIOMS["pipe_lambda_filter_clean"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = (pd.read_csv("cars.csv")
        .pipe(lambda d: d[d["price"] > 0])
        .assign(age=lambda d: 2024 - d["year"]))
train, test = train_test_split(df, random_state=0)
print(LinearRegression().fit(train[["age", "km"]], train["price"]).score(test[["age", "km"]], test["price"]))
'''

IDIOMS["head_and_rest_clean"] = '''
import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv").sample(frac=1, random_state=0)
train = df.head(800)
test = df.iloc[800:]
feats = ["a", "b"]
print(LogisticRegression().fit(train[feats], train["y"]).score(test[feats], test["y"]))
'''

IDIOMS["val_curve_pick_clean"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, validation_curve
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
Cs = np.logspace(-3, 3, 7)
tr, va = validation_curve(SVC(), X_train, y_train, param_name="C", param_range=Cs, cv=5)
best_C = Cs[np.argmax(va.mean(axis=1))]
print(SVC(C=best_C).fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["cv_oof_threshold_clean"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_predict
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
oof = cross_val_predict(LogisticRegression(), X_train, y_train, cv=5, method="predict_proba")[:, 1]
ts = np.linspace(0.1, 0.9, 17)
best_t = ts[np.argmax([f1_score(y_train, oof > t) for t in ts])]
final = LogisticRegression().fit(X_train, y_train)
print(f1_score(y_test, final.predict_proba(X_test)[:, 1] > best_t))
'''

IDIOMS["hash_split_on_row_number_with_repeated_users"] = '''
import zlib
import pandas as pd
from sklearn.linear_model import LogisticRegression

def in_test(identifier, ratio=0.2):
    return zlib.crc32(str(identifier).encode()) % 100 < ratio * 100

events = pd.read_csv("events.csv").reset_index()
print(events["user_id"].value_counts().describe())
is_test = events["index"].apply(lambda i: in_test(i))
train, test = events[~is_test], events[is_test]  # expect: group
feats = ["n_prev", "dwell"]
clf = LogisticRegression().fit(train[feats], train["clicked"])
print(clf.score(test[feats], test["clicked"]))
'''

IDIOMS["hash_split_by_user_function_clean"] = '''
import zlib
import pandas as pd
from sklearn.linear_model import LogisticRegression

def in_test(identifier, ratio=0.2):
    return zlib.crc32(str(identifier).encode()) % 100 < ratio * 100

events = pd.read_csv("events.csv")
print(events["user_id"].value_counts().describe())
is_test = events["user_id"].apply(lambda u: in_test(u))
train, test = events[~is_test], events[is_test]
feats = ["n_prev", "dwell"]
clf = LogisticRegression().fit(train[feats], train["clicked"])
print(clf.score(test[feats], test["clicked"]))
'''

IDIOMS["inherited_predict_model_scored_on_train"] = '''
import numpy as np
import pandas as pd

class BaseModel:
    def predict(self, X):
        return X @ self.w_

class LeastSquares(BaseModel):
    def fit(self, X, y):
        self.w_ = np.linalg.lstsq(X, y, rcond=None)[0]
        return self

df = pd.read_csv("d.csv")
X, y = df[["a", "b"]].values, df["y"].values
m = LeastSquares().fit(X, y)
print("MSE", ((m.predict(X) - y) ** 2).mean())  # expect: overlap
'''


IDIOMS["spark_scaler_fit_before_random_split"] = '''
from pyspark.sql import SparkSession
from pyspark.ml.feature import VectorAssembler, StandardScaler
from pyspark.ml.classification import LogisticRegression
spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("churn.parquet")
df = VectorAssembler(inputCols=["tenure", "charges"], outputCol="raw").transform(df)
scaler = StandardScaler(inputCol="raw", outputCol="features").fit(df)  # expect: preprocessing
df = scaler.transform(df)
train, test = df.randomSplit([0.8, 0.2], seed=42)
model = LogisticRegression(labelCol="churn").fit(train)
print(model.evaluate(test).areaUnderROC)
'''


# Families met in holdout2 and their relatives (helper A3): a feature that is a threshold/quantile/cut of the label or of
# the one column the label is computed from (log_price = log1p(price)); CatBoost's use_best_model and other 'keep the best
# iteration' settings (params dicts, Lightning); selectors fitted on all rows whose support picks columns; entity ids
# spelled with spaces or new nouns; next-row reads (np.roll, groupby shift inside transform); sources stacked with
# duplicates counted but kept; features built inside helpers reported where they are built; df.filter/eval/append;
# zscore and Keras Tokenizer fitted on all rows; and the clean traps next to each.

IDIOMS["a3_cut_of_target"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
df = pd.read_csv("houses.csv")
df["price_band"] = pd.cut(df["price"], bins=[0, 1e5, 3e5, 1e7], labels=False)  # expect: target
X = df.drop(columns=["price"])
y = df["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_where_of_log_target_source"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("houses.csv")
df["log_price"] = np.log(df["SalePrice"])
df["expensive"] = np.where(df["SalePrice"] > df["SalePrice"].median(), 1, 0)  # expect: target
feats = ["area", "rooms", "expensive"]
X_train, X_test, y_train, y_test = train_test_split(df[feats], df["log_price"], random_state=0)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_rank_pct_of_target_source"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("houses.csv")
df["y"] = np.sqrt(df["sales"])
df["sales_pct"] = df["sales"].rank(pct=True)  # expect: target
X_train, X_test, y_train, y_test = train_test_split(df[["store_size", "sales_pct"]], df["y"], random_state=0)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_apply_lambda_on_target"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("wine.csv")
df["good"] = (df["quality"] >= 7).astype(int)
df["quality_tier"] = df["quality"].apply(lambda q: 2 if q >= 8 else 1 if q >= 6 else 0)  # expect: target
X = df.drop(columns=["good", "quality"])
X_train, X_test, y_train, y_test = train_test_split(X, df["good"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_log_target_source_dropped"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("houses.csv")
df["price"] = df["price"].str.replace(",", "").astype(float)
df["log_price"] = np.log1p(df["price"])
df["area_per_room"] = df["area"] / df["rooms"]
X = df.drop(columns=["price", "log_price"])
X_train, X_test, y_train, y_test = train_test_split(X, df["log_price"], random_state=0)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_clean_label_from_two_columns"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("homes.csv")
df["price_per_sqft"] = df["price"] / df["sqft"]
df["sqft_bucket"] = pd.cut(df["sqft"], 5, labels=False)
X = df[["sqft_bucket", "rooms", "age"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["price_per_sqft"], random_state=0)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_clean_next_day_label_with_lags"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")
df["target"] = df["units"].shift(-1)
df["units_lag1"] = df["units"].shift(1)
df["units_roll7"] = df["units"].rolling(7).mean()
df = df.dropna()
X = df[["units", "units_lag1", "units_roll7"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["target"], shuffle=False)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_clean_label_compare_reversed_next_day"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("prices.csv", parse_dates=["date"]).sort_values("date")
df["up"] = (df["close"] < df["close"].shift(-1)).astype(int)
df["ret_1"] = df["close"].pct_change()
df["close_ma5"] = df["close"].rolling(5).mean() / df["close"]
df = df.dropna()
X = df[["ret_1", "close_ma5", "volume"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["up"], shuffle=False)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_rfe_support_loc"] = '''
import pandas as pd
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
rfe = RFE(LogisticRegression(max_iter=1000), n_features_to_select=10).fit(X, y)  # expect: preprocessing
X_sel = X.loc[:, rfe.support_]
print(cross_val_score(LogisticRegression(), X_sel, y, cv=5).mean())
'''

IDIOMS["a3_selectkbest_indices_iloc"] = '''
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
skb = SelectKBest(f_classif, k=20)
skb.fit(X, y)  # expect: preprocessing
idx = skb.get_support(indices=True)
X_train, X_test, y_train, y_test = train_test_split(X.iloc[:, idx], y, random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_sfm_feature_names_out"] = '''
import pandas as pd
from sklearn.feature_selection import SelectFromModel
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
sfm = SelectFromModel(RandomForestClassifier(n_estimators=200)).fit(X, y)  # expect: preprocessing
cols = sfm.get_feature_names_out()
X_train, X_test, y_train, y_test = train_test_split(X[cols], y, random_state=0)
RandomForestClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_list_of_names_masked_by_support"] = '''
import numpy as np
import pandas as pd
from sklearn.feature_selection import RFECV
from sklearn.svm import LinearSVC
from sklearn.model_selection import cross_val_score
df = pd.read_csv("d.csv")
features = [c for c in df.columns if c != "label"]
selector = RFECV(LinearSVC(dual=False), cv=5).fit(df[features], df["label"])  # expect: preprocessing
kept = np.array(features)[selector.support_]
print(cross_val_score(LinearSVC(dual=False), df[kept], df["label"], cv=5).mean())
'''

IDIOMS["a3_boruta_support"] = '''
import pandas as pd
from boruta import BorutaPy
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
bor = BorutaPy(RandomForestClassifier(max_depth=5), n_estimators="auto", random_state=1)
bor.fit(X.values, y.values)  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X.loc[:, bor.support_], y, random_state=0)
RandomForestClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_mlxtend_sfs_names"] = '''
import pandas as pd
from mlxtend.feature_selection import SequentialFeatureSelector as SFS
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
sfs = SFS(KNeighborsClassifier(), k_features=5, forward=True, cv=5).fit(X, y)  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X[list(sfs.k_feature_names_)], y, random_state=0)
KNeighborsClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_clean_rfe_on_train"] = '''
import pandas as pd
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
rfe = RFE(LogisticRegression(max_iter=1000), n_features_to_select=10).fit(X_train, y_train)
cols = X_train.columns[rfe.support_]
m = LogisticRegression().fit(X_train[cols], y_train)
print(m.score(X_test[cols], y_test))
'''

IDIOMS["a3_clean_final_selector_on_all_rows_after_cv"] = '''
import pandas as pd
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import LassoCV, LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import cross_val_score
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
pipe = make_pipeline(SelectFromModel(LassoCV()), LinearRegression())
print(cross_val_score(pipe, X, y, cv=5).mean())
sel = SelectFromModel(LassoCV()).fit(X, y)
print("kept for the production model:", list(X.columns[sel.get_support()]))
'''

IDIOMS["a3_catboost_pool_eval_default_best"] = '''
import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
model = CatBoostClassifier(iterations=3000, learning_rate=0.05, verbose=0)
model.fit(Pool(X_train, y_train), eval_set=Pool(X_test, y_test))  # expect: multi_test
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
'''

IDIOMS["a3_clean_catboost_use_best_model_false"] = '''
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
model = CatBoostClassifier(iterations=500, use_best_model=False, verbose=0)
model.fit(X_train, y_train, eval_set=(X_test, y_test))
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
'''

IDIOMS["a3_clean_catboost_val_split"] = '''
import pandas as pd
from catboost import CatBoostRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error
df = pd.read_csv("d.csv")
X_dev, X_test, y_dev, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, random_state=1)
model = CatBoostRegressor(iterations=5000, od_type="Iter", od_wait=100, verbose=0)
model.fit(X_train, y_train, eval_set=(X_val, y_val))
print(mean_absolute_error(y_test, model.predict(X_test)))
'''

IDIOMS["a3_xgb_train_params_early_stopping"] = '''
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
dtrain, dtest = xgb.DMatrix(X_train, label=y_train), xgb.DMatrix(X_test, label=y_test)
bst = xgb.train({"objective": "binary:logistic", "eta": 0.05}, dtrain, 2000, evals=[(dtest, "test")], early_stopping_rounds=50)  # expect: multi_test
print(bst.best_score)
'''

IDIOMS["a3_lgb_fit_callbacks_test"] = '''
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
m = lgb.LGBMRegressor(n_estimators=5000)
m.fit(X_train, y_train, eval_set=[(X_test, y_test)], callbacks=[lgb.early_stopping(100), lgb.log_evaluation(100)])  # expect: multi_test
print(m.score(X_test, y_test))
'''

IDIOMS["a3_keras_checkpoint_best_on_test"] = '''
import numpy as np
from sklearn.model_selection import train_test_split
from tensorflow import keras
X, y = np.load("X.npy"), np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True)
model.fit(X_train, y_train, epochs=50, validation_data=(X_test, y_test), callbacks=[ckpt])  # expect: multi_test
model = keras.models.load_model("best.keras")
print(model.evaluate(X_test, y_test))
'''

IDIOMS["a3_lightning_val_loader_is_test"] = '''
import numpy as np
import torch
import lightning as L
from lightning.pytorch.callbacks import EarlyStopping
from torch.utils.data import DataLoader, TensorDataset
from sklearn.model_selection import train_test_split
X, y = np.load("X.npy"), np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
train_dl = DataLoader(TensorDataset(torch.tensor(X_train), torch.tensor(y_train)), batch_size=64)
test_dl = DataLoader(TensorDataset(torch.tensor(X_test), torch.tensor(y_test)), batch_size=256)
trainer = L.Trainer(max_epochs=100, callbacks=[EarlyStopping(monitor="val_loss", patience=5)])
trainer.fit(net, train_dl, test_dl)  # expect: multi_test
trainer.test(net, test_dl)
'''

IDIOMS["a3_patient_id_with_space_kfold"] = '''
import pandas as pd
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.ensemble import RandomForestClassifier
scans = pd.read_csv("scans.csv")
print(scans.groupby("Patient ID").size().describe())
X, y = scans.drop(columns=["Patient ID", "label"]), scans["label"]
print(cross_val_score(RandomForestClassifier(), X, y, cv=StratifiedKFold(5, shuffle=True)))  # expect: group
'''

IDIOMS["a3_camel_subject_value_counts_split"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
eeg = pd.read_csv("eeg_windows.csv")
print(eeg["SubjectID"].value_counts().head())
X_train, X_test, y_train, y_test = train_test_split(eeg.drop(columns=["SubjectID", "state"]), eeg["state"], test_size=0.2)  # expect: group
SVC().fit(X_train, y_train)
'''

IDIOMS["a3_clean_groupby_of_errors_by_segment"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
df = pd.read_csv("customers.csv")
X, y = df.drop(columns=["customer_id", "spend"]), df["spend"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
m = GradientBoostingRegressor().fit(X_train, y_train)
report = pd.DataFrame({"store": X_test["store_id"], "abs_err": np.abs(y_test - m.predict(X_test))})
print(report.groupby("store")["abs_err"].mean())
'''

IDIOMS["a3_next_row_np_roll"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
load = pd.read_csv("load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
load["temp_next"] = np.roll(load["temp"].to_numpy(), -1)  # expect: temporal
X, y = load[["temp", "temp_next", "hour"]], load["demand"]
print(cross_val_score(Ridge(), X, y, cv=TimeSeriesSplit(5)))
'''

IDIOMS["a3_next_row_iloc_shifted_assignment"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
px = pd.read_csv("prices.csv", parse_dates=["date"]).sort_values("date")
px["ret"] = px["close"].pct_change()
px["vol_next"] = px["volume"].shift(periods=-1)  # expect: temporal
px["up"] = (px["ret"].shift(-1) > 0).astype(int)
px = px.dropna()
X_train, X_test, y_train, y_test = train_test_split(px[["ret", "vol_next"]], px["up"], shuffle=False)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_next_reading_in_groupby_transform"] = '''
import pandas as pd
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.ensemble import RandomForestClassifier
v = pd.read_csv("vitals.csv", parse_dates=["charttime"]).sort_values(["stay_id", "charttime"])
v["spo2_next"] = v.groupby("stay_id")["spo2"].transform(lambda s: s.shift(-1))  # expect: temporal
v["desat"] = (v.groupby("stay_id")["spo2"].shift(-2) < 90).astype(int)
v = v.dropna()
print(cross_val_score(RandomForestClassifier(), v[["spo2", "hr", "spo2_next"]], v["desat"], groups=v["stay_id"], cv=GroupKFold(5)))
'''

IDIOMS["a3_clean_lead_used_only_for_label"] = '''
import pandas as pd
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.ensemble import RandomForestClassifier
v = pd.read_csv("vitals.csv", parse_dates=["charttime"]).sort_values(["stay_id", "charttime"])
v["map_next"] = v.groupby("stay_id")["map"].shift(-1)
v["hypo_next"] = (v["map_next"] < 65).astype(int)
v["map_prev"] = v.groupby("stay_id")["map"].shift(1)
v = v.dropna()
print(cross_val_score(RandomForestClassifier(), v[["map", "hr", "map_prev"]], v["hypo_next"], groups=v["stay_id"], cv=GroupKFold(5)))
'''

IDIOMS["a3_two_sources_dups_counted_not_dropped"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
a = pd.read_csv("reviews_2022.csv")
b = pd.read_csv("reviews_2023_scrape.csv")
reviews = pd.concat([a, b], ignore_index=True)  # expect: overlap
print("duplicates:", reviews.duplicated(subset=["text"]).sum())
X_train, X_test, y_train, y_test = train_test_split(reviews[["len", "stars_hint"]], reviews["helpful"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_two_sources_deduplicated"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
a = pd.read_csv("reviews_2022.csv")
b = pd.read_csv("reviews_2023_scrape.csv")
reviews = pd.concat([a, b], ignore_index=True)
print("duplicates:", reviews.duplicated(subset=["text"]).sum())
reviews = reviews.drop_duplicates(subset=["text"])
X_train, X_test, y_train, y_test = train_test_split(reviews[["len", "stars_hint"]], reviews["helpful"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_two_sources_mask_dedup"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
a = pd.read_csv("reviews_2022.csv")
b = pd.read_csv("reviews_2023_scrape.csv")
reviews = pd.concat([a, b], ignore_index=True)
dup = reviews.duplicated(subset=["text"])
print(dup.sum(), "duplicates")
reviews = reviews[~dup]
X_train, X_test, y_train, y_test = train_test_split(reviews[["len", "stars_hint"]], reviews["helpful"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_two_sources_dups_shown_not_dropped"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
a = pd.read_csv("reviews_2022.csv")
b = pd.read_csv("reviews_2023_scrape.csv")
reviews = pd.concat([a, b], ignore_index=True)  # expect: overlap
print(reviews[reviews.duplicated(subset=["text"], keep=False)].head())
print(len(reviews) - len(reviews.drop_duplicates()))
X_train, X_test, y_train, y_test = train_test_split(reviews[["len", "stars_hint"]], reviews["helpful"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_two_sources_no_dup_check"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
a = pd.read_csv("reviews_2022.csv")
b = pd.read_csv("reviews_2023_scrape.csv")
reviews = pd.concat([a, b], ignore_index=True)
X_train, X_test, y_train, y_test = train_test_split(reviews[["len", "stars_hint"]], reviews["helpful"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_append_method_two_sources"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
a = pd.read_csv("reviews_2022.csv")
b = pd.read_csv("reviews_2023_scrape.csv")
reviews = a.append(b, ignore_index=True)  # expect: overlap
print(reviews.duplicated().sum())
X_train, X_test, y_train, y_test = train_test_split(reviews[["len", "stars_hint"]], reviews["helpful"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_train_test_files_concat_for_encoding"] = '''
import pandas as pd
from sklearn.linear_model import LogisticRegression
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
full = pd.concat([train, test])
print(full.duplicated().sum())
full = pd.get_dummies(full, columns=["city"])
X_train = full.iloc[:len(train)].drop(columns="y")
LogisticRegression().fit(X_train, train["y"])
'''

IDIOMS["a3_scaler_on_column_subset_then_split"] = '''
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
df = pd.read_csv("heart.csv")
num_cols = ["age", "chol", "trestbps", "thalach"]
df[num_cols] = MinMaxScaler().fit_transform(df[num_cols])  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="target"), df["target"], random_state=0)
KNeighborsClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_groupby_mean_of_label_as_feature"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
df = pd.read_csv("loans.csv")
df["grade_default_rate"] = df.groupby("grade")["defaulted"].transform("mean")  # expect: target
X = df[["amount", "income", "grade_default_rate"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["defaulted"], random_state=0)
GradientBoostingClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_label_left_via_select_dtypes"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
df = pd.read_csv("cars.csv")
X = df.select_dtypes("number")  # expect: target
y = df["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_clean_select_dtypes_then_drop_label"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
df = pd.read_csv("cars.csv")
X = df.select_dtypes("number").drop(columns=["price"])
y = df["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_label_ratio_feature_with_other_name"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = pd.read_csv("shops.csv")
df["revenue_per_visit"] = df["revenue"] / df["visits"]  # expect: target
X = df[["visits", "area", "revenue_per_visit"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["revenue"], random_state=0)
LinearRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_feature_from_other_columns_with_log_label"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = pd.read_csv("shops.csv")
df["log_rev"] = np.log1p(df["revenue"])
df["visits_per_m2"] = df["visits"] / df["area"]
df["big"] = (df["area"] > df["area"].quantile(0.75)).astype(int)
X = df[["visits", "area", "visits_per_m2", "big"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["log_rev"], random_state=0)
LinearRegression().fit(X_train, y_train)
'''

IDIOMS["a3_label_from_column_in_X_threshold"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("students.csv")
df["passed"] = (df["G3"] >= 10).astype(int)
X = df.drop(columns=["passed"])  # expect: target
X_train, X_test, y_train, y_test = train_test_split(X, df["passed"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_label_from_column_dropped"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("students.csv")
df["passed"] = (df["G3"] >= 10).astype(int)
df["absence_rate"] = df["absences"] / 93
X = df.drop(columns=["passed", "G3"])
X_train, X_test, y_train, y_test = train_test_split(X, df["passed"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_label_from_source_then_source_feature_binned"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("students.csv")
df["passed"] = (df["G3"] >= 10).astype(int)
df["grade_band"] = pd.cut(df["G3"], [0, 5, 10, 15, 20], labels=False)  # expect: target
X = df.drop(columns=["passed", "G3"])
X_train, X_test, y_train, y_test = train_test_split(X, df["passed"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_image_paths_patient_from_filename"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
meta = pd.read_csv("meta.csv")
meta["patient"] = meta["filename"].str.split("_").str[0]
print(meta["patient"].nunique(), "patients for", len(meta), "images")
train_df, test_df = train_test_split(meta, test_size=0.2, stratify=meta["label"], random_state=0)  # expect: group
'''

IDIOMS["a3_markdown_note_recordings_per_speaker"] = '''
# Each speaker contributes 20 recordings.
import pandas as pd
from sklearn.model_selection import cross_val_score, KFold
from sklearn.svm import SVC
df = pd.read_csv("mfcc.csv")
X, y = df.drop(columns=["speaker_id", "emotion"]), df["emotion"]
print(cross_val_score(SVC(), X, y, cv=KFold(5, shuffle=True, random_state=0)))  # expect: group
'''

IDIOMS["a3_clean_one_row_per_customer_groupby_elsewhere"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
orders = pd.read_csv("orders.csv")
cust = orders.groupby("customer_id").agg(n_orders=("order_id", "count"), spend=("amount", "sum"), churned=("churned", "max")).reset_index()
X_train, X_test, y_train, y_test = train_test_split(cust[["n_orders", "spend"]], cust["churned"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_groupkfold_cv"] = '''
import pandas as pd
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("visits.csv")
print(df.groupby("patient_id").size().describe())
X, y = df.drop(columns=["patient_id", "y"]), df["y"]
print(cross_val_score(RandomForestClassifier(), X, y, groups=df["patient_id"], cv=GroupKFold(5)))
'''

IDIOMS["a3_gridsearch_without_groups_on_repeated_users"] = '''
import pandas as pd
from sklearn.model_selection import GridSearchCV
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("sessions.csv")
print(df["user_id"].value_counts().describe())
X, y = df.drop(columns=["user_id", "converted"]), df["converted"]
gs = GridSearchCV(RandomForestClassifier(), {"max_depth": [3, 6, None]}, cv=5)
gs.fit(X, y)  # expect: group
print(gs.best_score_)
'''

IDIOMS["a3_daily_data_kfold_shuffle"] = '''
import pandas as pd
from sklearn.model_selection import KFold, cross_val_score
from sklearn.linear_model import Ridge
df = pd.read_csv("daily.csv")
df["date"] = pd.to_datetime(df["date"])
df = df.sort_values("date")
df["lag7"] = df["sales"].shift(7)
df = df.dropna()
print(cross_val_score(Ridge(), df[["lag7", "promo"]], df["sales"], cv=KFold(5, shuffle=True, random_state=1)))  # expect: temporal
'''

IDIOMS["a3_clean_timeseriessplit_gridsearch"] = '''
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, GridSearchCV
from sklearn.linear_model import Ridge
df = pd.read_csv("daily.csv", parse_dates=["date"]).sort_values("date")
df["lag7"] = df["sales"].shift(7)
df = df.dropna()
gs = GridSearchCV(Ridge(), {"alpha": [0.1, 1, 10]}, cv=TimeSeriesSplit(5)).fit(df[["lag7", "promo"]], df["sales"])
print(gs.best_params_)
'''

IDIOMS["a3_future_mean_expanding_reverse"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("daily.csv", parse_dates=["date"]).sort_values("date")
df["next7_mean"] = df["sales"].rolling(7).mean().shift(-7)  # expect: temporal
df["target"] = df["sales"].shift(-1)
df = df.dropna()
X_train, X_test, y_train, y_test = train_test_split(df[["sales", "next7_mean"]], df["target"], shuffle=False)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_bfill_before_features"] = '''
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import Ridge
air = pd.read_csv("air.csv", parse_dates=["time"], index_col="time").sort_index()
air["temp"] = air["temp"].bfill()  # expect: temporal
air["pm25_lag1"] = air["pm25"].shift(1)
air = air.dropna()
print(cross_val_score(Ridge(), air[["pm25_lag1", "temp"]], air["pm25"], cv=TimeSeriesSplit(5)))
'''

IDIOMS["a3_threshold_tuned_on_test"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
p = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]
f1s = [f1_score(y_test, p > t) for t in np.arange(0.1, 0.9, 0.05)]  # expect: multi_test
best_t = np.arange(0.1, 0.9, 0.05)[int(np.argmax(f1s))]
print(best_t, max(f1s))
'''

IDIOMS["a3_results_table_idxmax_on_test"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
rows = []
for name, m in [("lr", LogisticRegression()), ("rf", RandomForestClassifier())]:
    m.fit(X_train, y_train)
    rows.append({"model": name, "acc": accuracy_score(y_test, m.predict(X_test))})  # expect: multi_test
res = pd.DataFrame(rows).sort_values("acc", ascending=False)
print(res.iloc[0])
'''

IDIOMS["a3_clean_compare_on_val_then_test_once"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
df = pd.read_csv("d.csv")
X_dev, X_test, y_dev, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, random_state=1)
scores = {}
for name, m in {"lr": LogisticRegression(), "rf": RandomForestClassifier()}.items():
    scores[name] = accuracy_score(y_val, m.fit(X_train, y_train).predict(X_val))
best = max(scores, key=scores.get)
final = {"lr": LogisticRegression(), "rf": RandomForestClassifier()}[best].fit(X_dev, y_dev)
print(accuracy_score(y_test, final.predict(X_test)))
'''

IDIOMS["a3_clean_report_several_models_on_test_no_choice"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
for m in [LogisticRegression(), RandomForestClassifier()]:
    m.fit(X_train, y_train)
    print(type(m).__name__, accuracy_score(y_test, m.predict(X_test)))
'''

IDIOMS["a3_smote_then_cv"] = '''
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("fraud.csv")
X, y = df.drop(columns="Class"), df["Class"]
X_sm, y_sm = SMOTE(random_state=0).fit_resample(X, y)  # expect: overlap
print(cross_val_score(RandomForestClassifier(), X_sm, y_sm, cv=5, scoring="f1").mean())
'''

IDIOMS["a3_clean_smote_in_imblearn_pipeline"] = '''
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("fraud.csv")
X, y = df.drop(columns="Class"), df["Class"]
print(cross_val_score(make_pipeline(SMOTE(random_state=0), RandomForestClassifier()), X, y, cv=5, scoring="f1").mean())
'''

IDIOMS["a3_train_score_reported_as_result"] = '''
import pandas as pd
from sklearn.tree import DecisionTreeRegressor
from sklearn.metrics import r2_score
df = pd.read_csv("concrete.csv")
X, y = df.drop(columns="strength"), df["strength"]
tree = DecisionTreeRegressor(max_depth=8).fit(X, y)
print("R2:", r2_score(y, tree.predict(X)))  # expect: overlap
'''

IDIOMS["a3_replace_nan_with_mean_of_all"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("d.csv")
df["income"] = df["income"].replace(np.nan, df["income"].mean())  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(df[["income", "age"]], df["y"], random_state=0)
LogisticRegression().fit(X_train, y_train)
'''

IDIOMS["a3_scipy_zscore_apply"] = '''
import pandas as pd
from scipy.stats import zscore
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
num = ["a", "b", "c"]
df[num] = df[num].apply(zscore)  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(df[num], df["y"], random_state=0)
SVC().fit(X_train, y_train)
'''

IDIOMS["a3_scipy_zscore_call"] = '''
import pandas as pd
from scipy import stats
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
X = stats.zscore(df[["a", "b", "c"]])  # expect: preprocessing
print(cross_val_score(SVC(), X, df["y"], cv=5))
'''

IDIOMS["a3_keras_tokenizer_fit_on_all_texts"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
df = pd.read_csv("tweets.csv")
tok = Tokenizer(num_words=20000, oov_token="<unk>")
tok.fit_on_texts(df["text"])  # expect: preprocessing
X = pad_sequences(tok.texts_to_sequences(df["text"]), maxlen=60)
X_train, X_test, y_train, y_test = train_test_split(X, df["label"].values, test_size=0.2, random_state=0)
'''

IDIOMS["a3_clean_keras_tokenizer_on_train"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow.keras.preprocessing.text import Tokenizer
df = pd.read_csv("tweets.csv")
tr, te = train_test_split(df, test_size=0.2, random_state=0)
tok = Tokenizer(num_words=20000)
tok.fit_on_texts(tr["text"])
X_tr, X_te = tok.texts_to_sequences(tr["text"]), tok.texts_to_sequences(te["text"])
'''

IDIOMS["a3_groupby_sample_upsampling"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
df = pd.read_csv("d.csv")
n = df["y"].value_counts().max()
bal = df.groupby("y", group_keys=False).sample(n=n, replace=True, random_state=0)  # expect: overlap
X_train, X_test, y_train, y_test = train_test_split(bal.drop(columns="y"), bal["y"], random_state=0)
'''

IDIOMS["a3_best_by_max_key_lambda_on_test"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
models = [LogisticRegression().fit(X_train, y_train), DecisionTreeClassifier().fit(X_train, y_train)]
best = max(models, key=lambda m: m.score(X_test, y_test))  # expect: multi_test
'''

IDIOMS["a3_engine_unit_number_random_split"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
cols = ["unit_number", "cycle"] + [f"s{i}" for i in range(1, 22)]
fd = pd.read_csv("train_FD001.txt", sep=" ", header=None, names=cols)
fd["RUL"] = fd.groupby("unit_number")["cycle"].transform("max") - fd["cycle"]
X_train, X_test, y_train, y_test = train_test_split(fd.drop(columns=["RUL", "unit_number"]), fd["RUL"], random_state=0)  # expect: group
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_eval_string_feature_from_label"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = pd.read_csv("flats.csv")
df = df.eval("price_per_m2 = price / area")  # expect: target
X = df[["area", "rooms", "price_per_m2"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["price"], random_state=0)
LinearRegression().fit(X_train, y_train)
'''

IDIOMS["a3_clean_eval_string_feature"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
df = pd.read_csv("flats.csv")
df.eval("area_per_room = area / rooms", inplace=True)
X = df[["area", "rooms", "area_per_room"]]
X_train, X_test, y_train, y_test = train_test_split(X, df["price"], random_state=0)
LinearRegression().fit(X_train, y_train)
'''

IDIOMS["a3_label_encoded_copy_kept"] = '''
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
df = pd.read_csv("iris.csv")
df["species_code"] = LabelEncoder().fit_transform(df["species"])  # expect: target
X = df.drop(columns=["species"])
X_train, X_test, y_train, y_test = train_test_split(X, df["species"], random_state=0)
RandomForestClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_yfinance_random_split"] = '''
import yfinance as yf
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
px = yf.download("SPY", start="2015-01-01", end="2024-01-01")
px["ret"] = px["Close"].pct_change()
px["ret_5"] = px["Close"].pct_change(5)
px["target"] = (px["Close"].shift(-1) > px["Close"]).astype(int)
px = px.dropna()
X_train, X_test, y_train, y_test = train_test_split(px[["ret", "ret_5", "Volume"]], px["target"], test_size=0.2, random_state=0)  # expect: temporal
RandomForestClassifier().fit(X_train, y_train)
'''


IDIOMS["a3_lstm_windows_scaled_on_all_then_shuffled_split"] = '''
import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
load = pd.read_csv("load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
scaler = MinMaxScaler()
series = scaler.fit_transform(load[["mw"]])  # expect: preprocessing
X, y = [], []
for i in range(len(series) - 24):
    X.append(series[i:i + 24])
    y.append(series[i + 24])
X, y = np.array(X), np.array(y)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)  # expect: temporal
'''

IDIOMS["a3_clean_lstm_windows_ordered"] = '''
import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
load = pd.read_csv("load.csv", parse_dates=["timestamp"]).sort_values("timestamp")
values = load[["mw"]].to_numpy()
n_train = int(len(values) * 0.8)
scaler = MinMaxScaler().fit(values[:n_train])
series = scaler.transform(values)
X = np.array([series[i:i + 24] for i in range(len(series) - 24)])
y = np.array([series[i + 24] for i in range(len(series) - 24)])
X_train, X_test, y_train, y_test = X[:n_train - 24], X[n_train - 24:], y[:n_train - 24], y[n_train - 24:]
'''

IDIOMS["a3_pca_on_all_digits_then_split"] = '''
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
X, y = load_digits(return_X_y=True)
X_pca = PCA(n_components=30).fit_transform(X)  # expect: preprocessing
X_train, X_test, y_train, y_test = train_test_split(X_pca, y, random_state=0)
print(SVC().fit(X_train, y_train).score(X_test, y_test))
'''

IDIOMS["a3_gridsearch_scored_on_test_param_loop"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
df = pd.read_csv("d.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"], random_state=0)
results = {}
for depth in [4, 8, 16]:
    for n in [100, 300]:
        m = RandomForestRegressor(max_depth=depth, n_estimators=n).fit(X_train, y_train)
        results[(depth, n)] = mean_absolute_error(y_test, m.predict(X_test))  # expect: multi_test
best = min(results, key=results.get)
print(best, results[best])
'''

IDIOMS["a3_gridsearch_fit_on_full_then_test_subset"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.svm import SVC
df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
gs = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, cv=5).fit(X, y)
print(gs.score(X_test, y_test))  # expect: overlap
'''

IDIOMS["a3_customer_features_over_label_window"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
tx = pd.read_csv("transactions.csv", parse_dates=["date"])
cutoff = pd.Timestamp("2023-06-30")
feats = tx.groupby("customer_id").agg(n_orders=("order_id", "count"), spend=("amount", "sum"))  # expect: temporal
future = tx[(tx["date"] > cutoff) & (tx["date"] <= cutoff + pd.Timedelta(days=90))]
y = future.groupby("customer_id")["amount"].sum().rename("spend_next90")
df = feats.join(y).fillna({"spend_next90": 0})
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="spend_next90"), df["spend_next90"], random_state=0)
GradientBoostingRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_clean_customer_features_before_cutoff"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
tx = pd.read_csv("transactions.csv", parse_dates=["date"])
cutoff = pd.Timestamp("2023-06-30")
hist = tx[tx["date"] <= cutoff]
feats = hist.groupby("customer_id").agg(n_orders=("order_id", "count"), spend=("amount", "sum"))
future = tx[tx["date"] > cutoff]
y = future.groupby("customer_id")["amount"].sum().rename("spend_next90")
df = feats.join(y).fillna({"spend_next90": 0})
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="spend_next90"), df["spend_next90"], random_state=0)
GradientBoostingRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_churn_label_after_cutoff_merge"] = '''
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LogisticRegression
ev = pd.read_csv("events.csv", parse_dates=["ts"])
cut = ev["ts"].max() - pd.Timedelta(days=30)
active_later = ev[ev["ts"] >= cut].groupby("user_id").size().rename("n_later").reset_index()
usage = ev.groupby("user_id").agg(sessions=("session_id", "nunique"), minutes=("minutes", "sum")).reset_index()  # expect: temporal
data = pd.merge(usage, active_later, on="user_id", how="left")
data["churned"] = data["n_later"].isna().astype(int)
print(cross_val_score(LogisticRegression(), data[["sessions", "minutes"]], data["churned"], cv=5))
'''

IDIOMS["a3_query_cutoff_label_features_all"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
orders = pd.read_csv("orders.csv", parse_dates=["order_date"])
cutoff = pd.Timestamp("2024-01-01")
rfm = orders.groupby("customer_id").agg(freq=("order_id", "count"), monetary=("amount", "sum"))  # expect: temporal
bought = orders.query("order_date >= @cutoff").groupby("customer_id").size().rename("n_next")
data = rfm.merge(bought, left_index=True, right_index=True, how="left")
data["will_buy"] = data["n_next"].notna().astype(int)
X_train, X_test, y_train, y_test = train_test_split(data[["freq", "monetary"]], data["will_buy"], random_state=0)
RandomForestClassifier().fit(X_train, y_train)
'''

IDIOMS["a3_clean_query_cutoff_both_sides"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
orders = pd.read_csv("orders.csv", parse_dates=["order_date"])
cutoff = pd.Timestamp("2024-01-01")
rfm = orders.query("order_date < @cutoff").groupby("customer_id").agg(freq=("order_id", "count"), monetary=("amount", "sum"))
bought = orders.query("order_date >= @cutoff").groupby("customer_id").size().rename("n_next")
data = rfm.merge(bought, left_index=True, right_index=True, how="left")
data["will_buy"] = data["n_next"].notna().astype(int)
X_train, X_test, y_train, y_test = train_test_split(data[["freq", "monetary"]], data["will_buy"], random_state=0)
RandomForestClassifier().fit(X_train, y_train)
'''


IDIOMS["a3_label_left_in_X_inside_helper"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor

def split_xy(frame):
    X = frame.drop(columns=["listing_id"])  # expect: target
    y = frame["price"]
    return X, y

homes = pd.read_csv("homes.csv")
X, y = split_xy(homes)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_clean_label_dropped_inside_helper"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor

def split_xy(frame, target="price"):
    return frame.drop(columns=["listing_id", target]), frame[target]

homes = pd.read_csv("homes.csv")
X, y = split_xy(homes)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''


IDIOMS["a3_clean_qcut_label_for_stratify_only"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
df = pd.read_csv("houses.csv")
df["log_price"] = np.log1p(df["price"])
df["price_bin"] = pd.qcut(df["price"], 10, labels=False)
X = df.drop(columns=["price", "log_price", "price_bin"])
X_train, X_test, y_train, y_test = train_test_split(X, df["log_price"], stratify=df["price_bin"], random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_qcut_feature_edges_from_all_rows"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
df = pd.read_csv("houses.csv")
df["age_bin"] = pd.qcut(df["age"], 4, labels=False)  # expect: preprocessing
X = df.drop(columns=["price"])
X_train, X_test, y_train, y_test = train_test_split(X, df["price"], random_state=0)
RandomForestRegressor().fit(X_train, y_train)
'''

IDIOMS["a3_clean_outlier_filter_on_label_source"] = '''
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("houses.csv")
df = df[df["price"] < df["price"].quantile(0.99)]
df["log_price"] = np.log(df["price"])
X = df.drop(columns=["price", "log_price"])
X_train, X_test, y_train, y_test = train_test_split(X, df["log_price"], random_state=0)
Ridge().fit(X_train, y_train)
'''


IDIOMS["a3_per_customer_stats_joined_back_to_rows"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
tx = pd.read_csv("transactions.csv")
stats = tx.groupby("customer_id").agg(n_tx=("amount", "size"), avg_amount=("amount", "mean")).reset_index()
rows = stats.merge(tx, on="customer_id")
X, y = rows[["n_tx", "avg_amount", "amount"]], rows["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)  # expect: group
RandomForestClassifier().fit(X_train, y_train)
'''


IDIOMS["a3_filter_like_keeps_label"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("flats.csv")
X = df.filter(like="price")  # expect: target
X_train, X_test, y_train, y_test = train_test_split(X, df["price"], random_state=0)
Ridge().fit(X_train, y_train)
'''

IDIOMS["a3_clean_filter_items_without_label"] = '''
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
df = pd.read_csv("flats.csv")
X = df.filter(items=["area", "rooms", "floor"])
X_train, X_test, y_train, y_test = train_test_split(X, df["price"], random_state=0)
Ridge().fit(X_train, y_train)
'''


def _expected(code):
    return {(t, i + 1) for i, line in enumerate(code.split("\n")) for t in re.findall(r"# expect: (\w+)", line)}


@pytest.mark.parametrize("name", sorted(IDIOMS))
def test_idioms(name):
    code = textwrap.dedent(IDIOMS[name]).lstrip("\n")
    got = {(f.type, f.line) for f in lint_code(code, path=name)}
    assert got == _expected(code), "\n".join(f.render() for f in lint_code(code, path=name))


def test_idioms_cover_every_type_leaky_and_clean():
    kinds = {t for code in IDIOMS.values() for t, _ in _expected(code)}
    assert kinds == set(LINT_TYPES)
    assert sum(not _expected(code) for code in IDIOMS.values()) >= 30


def _bench():
    spec = importlib.util.spec_from_file_location("bench_lint", ROOT / "benchmarks" / "bench_lint.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("folder", ["dev", "holdout", "holdout2"])   # development sets; untouched ones are measured by the lead
def test_corpus_meets_precision_and_recall_targets(folder):
    if not (ROOT / f"benchmarks/lint_corpus/{folder}/labels.json").exists(): pytest.skip(f"{folder} corpus not present")
    import workbench.lint as lint
    bench = _bench()
    labels, out, problems, unlabelled = bench.lint_folder(ROOT / f"benchmarks/lint_corpus/{folder}", lint)
    assert not problems, problems
    rows, misses, fps = bench.score(labels, out, LINT_TYPES)
    low = {t: (round(r["precision"], 3), round(r["recall"], 3)) for t, r in rows.items()
           if r["labels"] and (r["precision"] < bench.TARGET_PRECISION or r["recall"] < bench.TARGET_RECALL)}
    assert not low, f"below target: {low}; misses {misses}; false positives {fps}"
