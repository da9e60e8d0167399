"The command line on bad input and the light start-up; each in a fresh project folder."
import json, subprocess, sys
import pytest
from conftest import make_project, workbench


def test_help_is_light():
    code = ("import sys; from workbench.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('mlflow', 'great_expectations', 'shap', 'torch', 'xgboost') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("ini, expected", [
    ("[workbench]\nsead = 3\n", "Unknown setting 'sead'"),
    ("[workbench]\nseed = three\n", "seed = 'three' in settings.ini is not a valid int"),
    ("[workbench]\ntest_fraction = 1.5\n", "test_fraction = 1.5 must be between 0 and 1"),
])
def test_bad_settings_name_the_key(tmp_path, ini, expected):
    make_project(tmp_path)
    (tmp_path / "settings.ini").write_text(ini)
    proc = workbench("settings", cwd=tmp_path)
    assert proc.returncode == 2 and expected in proc.stderr and proc.stderr.startswith("error: ")


def test_environment_overrides_settings(tmp_path):
    make_project(tmp_path)
    proc = workbench("settings", cwd=tmp_path, env={"WORKBENCH_SEED": "7"})
    assert proc.returncode == 0 and "seed = 7" in proc.stdout
    bad = workbench("settings", cwd=tmp_path, env={"WORKBENCH_SEEDS": "7"})
    assert bad.returncode == 2 and "Unknown environment variable WORKBENCH_SEEDS" in bad.stderr


@pytest.mark.parametrize("content, expected", [
    (None, "does not exist"),
    (b"", "is empty"),
    (b"customer_id,churned\n", "has a header but no rows"),
    ("customer_id,churned\n1,caf\xe9\n".encode("latin-1"), "is not UTF-8"),
    (b"customer_id,churned,churned\n1,0,0\n", "repeats the column names ['churned']"),
    (b"customer_id;churned\n1;0\n", "looks separated by semicolons"),
    (b"customer_id,usage_gb\n1,2.5\n2,inf\n", "'usage_gb' of batch.csv holds 1 infinite values"),
    (b"customer_id,usage_gb\n" + b"".join(b"%d,%d.5\n" % (i, i) for i in range(30)) + b"31,about 3\n", "'usage_gb' of batch.csv mixes numbers and text"),
], ids=["missing", "empty", "header-only", "latin-1", "repeated-header", "semicolons", "infinity", "mixed-types"])
def test_bad_data_files_fail_with_one_line(tmp_path, content, expected):
    make_project(tmp_path)
    if content is not None: (tmp_path / "batch.csv").write_bytes(content)
    proc = workbench("contract", "check", "batch.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 2 and expected in proc.stderr
    assert not (tmp_path / "reports").exists()


def test_malformed_contract_is_reported(tmp_path):
    make_project(tmp_path)
    assert workbench("generate", cwd=tmp_path).returncode == 0
    (tmp_path / "expectations" / "churn.json").write_text("{\"name\": \"churn\", ")
    proc = workbench("contract", "check", "data/churn.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 2 and "is not valid JSON" in proc.stderr


def test_contract_init_writes_a_reviewable_suite(tmp_path):
    make_project(tmp_path)
    workbench("generate", cwd=tmp_path)
    kept = workbench("contract", "init", "data/churn.csv", "--name", "churn", cwd=tmp_path)
    assert kept.returncode == 2 and "Pass --force" in kept.stderr  # a hand-edited contract is not silently replaced
    proc = workbench("contract", "init", "data/churn.csv", "--name", "churn", "--force", cwd=tmp_path)
    assert proc.returncode == 0
    import json
    suite = json.loads((tmp_path / "expectations" / "churn.json").read_text())
    shipped = json.loads((make_project.__globals__["ROOT"] / "expectations" / "churn.json").read_text())
    assert suite == shipped  # the committed contract is exactly what the profiler writes for the demo data


def _demo_batch(tmp_path, change):
    "The clean next-month demo batch with one upstream change applied, written as batch.csv."
    import pandas as pd
    from workbench.demo import generate_next_month
    df = change(generate_next_month(drift=False))  # the month after the reference the contract was profiled from
    df.to_csv(tmp_path / "batch.csv", index=False)


@pytest.mark.parametrize("change, expected", [
    (lambda df: df.assign(usage_gb=df.usage_gb.where(df.index % 7 != 0)), r"critical\s+usage_gb\s+column_values_to_not_be_null\s+no nulls"),
    (lambda df: df.rename(columns={"region": "sales_region"}), "probably renamed from 'region' to 'sales_region'"),
    (lambda df: df.assign(monthly_charges=df.monthly_charges * 100), "'monthly_charges' is about 100x its recorded scale"),
    (lambda df: df.assign(support_calls=df.support_calls.astype(str) + " calls"), "'support_calls' changed type from integer to string"),
    (lambda df: df.drop(columns=["usage_gb"]), "Columns removed: usage_gb."),
], ids=["nulls", "renamed", "unit-change", "type-change", "removed"])
def test_schema_changes_are_violations_with_a_plain_diagnosis(tmp_path, change, expected):
    import re
    make_project(tmp_path)
    _demo_batch(tmp_path, change)
    proc = workbench("contract", "check", "batch.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert re.search(expected, proc.stdout), proc.stdout
    assert list((tmp_path / "reports" / "contracts").glob("churn-batch-*.html"))


def test_an_unlabelled_batch_is_checked_on_its_features(tmp_path):
    "A production batch arrives without its label: the features are checked and it passes; without another feature it fails."
    make_project(tmp_path)
    _demo_batch(tmp_path, lambda df: df.drop(columns=["churned"]))
    proc = workbench("contract", "check", "batch.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 0 and "PASSED" in proc.stdout, proc.stdout + proc.stderr
    _demo_batch(tmp_path, lambda df: df.drop(columns=["churned", "usage_gb"]))
    proc = workbench("contract", "check", "batch.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 1 and "Columns removed: usage_gb." in proc.stdout


@pytest.mark.parametrize("suite_text, expected", [
    ('{"name": "sales", "expectations": []}', "is for dataset 'sales', not 'churn'"),
    ('{"name": "churn", "expectations": [{"type": "expect_column_to_sparkle", "kwargs": {"column": "region"}}]}',
     "unknown type 'expect_column_to_sparkle'"),
    ('{"name": "churn", "expectations": ["oops"]}', "expectation 0 is not an object with a 'type'"),
])
def test_a_bad_suite_is_bad_input(tmp_path, suite_text, expected):
    make_project(tmp_path)
    _demo_batch(tmp_path, lambda df: df)
    (tmp_path / "expectations" / "churn.json").write_text(suite_text)
    proc = workbench("contract", "check", "batch.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 2 and expected in proc.stderr


def test_parquet_sources_are_checked_like_csv(tmp_path):
    from workbench.demo import generate_next_month
    make_project(tmp_path)
    generate_next_month(drift=False).to_parquet(tmp_path / "clean.parquet", index=False)
    generate_next_month(drift=True).to_parquet(tmp_path / "drifted.parquet", index=False)
    assert workbench("contract", "check", "clean.parquet", "--name", "churn", cwd=tmp_path).returncode == 0
    drifted = workbench("contract", "check", "drifted.parquet", "--name", "churn", cwd=tmp_path)
    assert drifted.returncode == 1 and "'monthly_charges' is about 100x" in drifted.stdout


def test_a_clean_month_passes_without_warnings(tmp_path):
    make_project(tmp_path)
    _demo_batch(tmp_path, lambda df: df)
    proc = workbench("contract", "check", "batch.csv", "--name", "churn", cwd=tmp_path)
    assert proc.returncode == 0 and "0 failed, 0 warnings" in proc.stdout  # the row band is per month, like the batches


LEAKY_SCRIPT = """import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("data/patients.csv")
X, y = df.drop(columns=["readmitted"]), df["readmitted"]
X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""
CLEAN_SCRIPT = LEAKY_SCRIPT.replace("X = StandardScaler().fit_transform(X)\n", "").replace(
    "print(LogisticRegression().fit(X_train, y_train)", "from sklearn.pipeline import make_pipeline\n"
    "print(make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)")


def test_lint_exit_codes_and_both_output_formats(tmp_path):
    (tmp_path / "leaky.py").write_text(LEAKY_SCRIPT)
    (tmp_path / "clean.py").write_text(CLEAN_SCRIPT)
    clean = workbench("lint", "clean.py", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == "", clean.stdout
    text = workbench("lint", "leaky.py", "clean.py", cwd=tmp_path)
    assert text.returncode == 1
    line = text.stdout.splitlines()[0]
    assert line.startswith("leaky.py:8: preprocessing: ") and " -- " in line and "line 9" in line, line
    found = json.loads(workbench("lint", "leaky.py", "--format", "json", cwd=tmp_path).stdout)
    assert [(f["path"], f["cell"], f["line"], f["type"]) for f in found] == [("leaky.py", None, 8, "preprocessing")]
    assert set(found[0]) == {"path", "cell", "line", "type", "message", "fix"}


def test_lint_reports_notebook_cells_and_goes_on_after_bad_input(tmp_path):
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Readmissions"),
                                         *(nbformat.v4.new_code_cell(c) for c in LEAKY_SCRIPT.split("\n\n"))])
    nbformat.write(nb, str(tmp_path / "analysis.ipynb"))
    (tmp_path / "broken.py").write_text("def f(:\n    pass\n")
    (tmp_path / "binary.py").write_bytes(b"\xff\xfe\x00bad")
    proc = workbench("lint", "broken.py", "binary.py", "analysis.ipynb", cwd=tmp_path)
    assert proc.returncode == 2
    assert "broken.py:1" in proc.stderr and "binary.py" in proc.stderr
    assert proc.stdout.startswith("analysis.ipynb:cell_2:3: preprocessing: "), proc.stdout


def test_the_projects_own_notebooks_lint_clean():
    from conftest import ROOT
    proc = workbench("lint", "nbs", cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # deliberate leaks in lessons carry `# workbench: ignore[...]`
