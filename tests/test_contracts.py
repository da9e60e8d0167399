"Contracts across tasks and time shapes: clean batches pass, unit changes and renames fail with a diagnosis, unlabelled batches are checked on their features."
import dataclasses, html, io
import numpy as np
import pandas as pd
import pytest

from workbench.contracts import build_suite, render_contract_html, validate
from workbench.data import DatasetSpec
from workbench.demo import CHURN, generate_churn, generate_next_month


def _via_csv(df):
    "The frame as `pd.read_csv` gives it back: time columns as text or numbers, strings as strings."
    return pd.read_csv(io.StringIO(df.to_csv(index=False)))


def _loans(n=600, seed=3):
    "Integer-year time column, Yes/No labels, NaNs in a number and a category, a declared categorical."
    rng = np.random.default_rng(seed)
    income = rng.lognormal(10.5, 0.6, n).round(0)
    income[rng.random(n) < 0.06] = np.nan
    region = rng.choice(["north", "south", "east"], n).astype(object)
    region[rng.random(n) < 0.05] = None
    return pd.DataFrame({"loan_year": np.sort(rng.integers(2015, 2025, n)), "income": income, "amount": rng.gamma(2.0, 4000, n).round(2),
                         "region": region, "plan": rng.choice(["basic", "plus"], n), "defaulted": rng.choice(["Yes", "No"], n, p=[0.2, 0.8])})


def _table(name):
    "(frame as read from CSV, DatasetSpec, a numeric feature) for each task and time shape."
    from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
    if name == "regression":
        return _via_csv(load_diabetes(as_frame=True).frame), DatasetSpec(name="diabetes", target="target", task="regression"), "bmi"
    if name == "multiclass":
        wine = load_wine(as_frame=True)
        return (_via_csv(wine.frame.assign(target=wine.target_names[wine.target])),
                DatasetSpec(name="wine", target="target", task="multiclass", classes=tuple(wine.target_names)), "alcohol")
    if name == "binary":
        bc = load_breast_cancer(as_frame=True)
        return (_via_csv(bc.frame.assign(target=bc.target_names[bc.target])),
                DatasetSpec(name="bc", target="target", positive="malignant", classes=("benign", "malignant")), "mean radius")
    if name == "integer_year":
        return (_via_csv(_loans()), DatasetSpec(name="loans", target="defaulted", positive="Yes", classes=("No", "Yes"), time="loan_year",
                                                time_format="year", categorical=("region", "plan")), "amount")
    return _via_csv(generate_churn(n_customers=400, months=6)), CHURN, "monthly_charges"


TABLES = ["regression", "multiclass", "binary", "integer_year", "churn"]


@pytest.fixture(scope="module", params=TABLES)
def profiled(request):
    "(reference half, held-out half, spec, suite, numeric feature): the suite profiled from every other row."
    df, spec, col = _table(request.param)
    ref, rest = df.iloc[::2].reset_index(drop=True), df.iloc[1::2].reset_index(drop=True)
    return ref, rest, spec, build_suite(ref, spec), col


def test_a_clean_batch_of_the_same_source_passes(profiled):
    _, rest, spec, suite, _ = profiled
    for batch in (rest, rest.head(20), rest.sample(frac=0.5, random_state=1).sort_index()):
        report = validate(batch, suite, source="held-out")
        assert report.success and report.labelled, report.table()


def test_a_unit_change_fails_with_its_diagnosis(profiled):
    _, rest, _, suite, col = profiled
    report = validate(rest.assign(**{col: rest[col] * 100}), suite)
    assert not report.success
    assert [(o.column, o.expectation) for o in report.failures] == [(col, "expect_column_quantile_values_to_be_between")]
    assert any(f"{col!r} is about 100x its recorded scale" in d for d in report.diagnoses), report.diagnoses


def test_a_renamed_column_fails_and_is_diagnosed(profiled):
    _, rest, _, suite, col = profiled
    report = validate(rest.rename(columns={col: "renamed_upstream"}), suite)
    assert not report.success and "expect_table_columns_to_match_ordered_list" in {o.expectation for o in report.failures}
    assert f"probably renamed from {col!r} to 'renamed_upstream'" in " ".join(report.diagnoses)


def test_an_unlabelled_batch_is_checked_on_its_features(profiled):
    _, rest, spec, suite, col = profiled
    report = validate(rest.drop(columns=[spec.target]), suite)
    assert report.success and not report.labelled and report.diagnoses == [], report.table()
    assert report.skipped and {o.column for o in report.skipped} == {spec.target}
    assert all(o.severity == "info" and o.success for o in report.skipped)
    assert "unlabelled" in report.summary()
    broken = validate(rest.drop(columns=[spec.target]).assign(**{col: rest[col] * 100}), suite)  # features are still checked
    assert not broken.success and not broken.labelled


def test_label_expectations_carry_role_label(profiled):
    _, _, spec, suite, _ = profiled
    on_label = [e for e in suite["expectations"] if e["kwargs"].get("column") == spec.target]
    assert on_label and all(e["meta"].get("role") == "label" for e in on_label)
    kinds = {e["type"] for e in on_label}
    assert {"expect_column_values_to_be_in_type_list", "expect_column_values_to_not_be_null"} <= kinds
    if spec.task == "regression": assert "expect_column_values_to_be_between" in kinds
    else: assert next(e for e in on_label if e["type"] == "expect_column_values_to_be_in_set")["kwargs"]["value_set"] == list(spec.classes)
    assert not any(e["meta"].get("role") == "label" for e in suite["expectations"] if e["kwargs"].get("column") != spec.target)
    assert DatasetSpec.from_dict(suite["meta"]["dataset"]) == spec


def test_only_structure_and_unit_guards_are_critical(profiled):
    _, _, _, suite, _ = profiled
    critical = {e["type"] for e in suite["expectations"] if e["severity"] == "critical"}
    assert critical <= {"expect_table_columns_to_match_ordered_list", "expect_table_row_count_to_be_between", "expect_compound_columns_to_be_unique",
                        "expect_column_values_to_be_in_type_list", "expect_column_values_to_not_be_null",
                        "expect_column_quantile_values_to_be_between"}
    assert all("mostly" not in e["kwargs"] for e in suite["expectations"] if e["severity"] == "critical")


def test_the_demo_months():
    "The drifted month fails on the unit change only, with its diagnoses; the clean month passes without a warning."
    suite = build_suite(generate_churn(), CHURN)
    drifted = validate(_via_csv(generate_next_month(drift=True)), suite)
    assert [o.column for o in drifted.failures] == ["monthly_charges"]
    assert any("'monthly_charges' is about 100x" in d and "cents instead of dollars" in d for d in drifted.diagnoses)
    assert any("new categories ['crypto_wallet']" in d for d in drifted.diagnoses)
    clean = validate(_via_csv(generate_next_month(drift=False)), suite)
    assert clean.success and not clean.warnings, clean.table()


def test_a_read_csv_frame_with_text_time_gives_no_false_alarm():
    ref = generate_churn(n_customers=300, months=4)
    suite = build_suite(ref, CHURN)
    raw = _via_csv(generate_next_month(n_customers=300, months=4, drift=False))
    assert raw["snapshot_date"].dtype != "datetime64[ns]"
    report = validate(raw, suite)
    assert report.success and not report.warnings, report.table()
    assert report.summary().startswith("contract churn: PASSED on <frame> (")
    garbled = validate(raw.assign(snapshot_date="not a date"), suite)  # reported, not raised
    assert not garbled.success and "snapshot_date" in garbled.diagnoses[0]


def test_row_bands_follow_the_declared_period():
    ref = generate_churn(n_customers=300, months=4)
    no_period = dataclasses.replace(CHURN, period=None)
    bands = lambda s: [e for e in s["expectations"] if e["type"] == "expect_table_row_count_to_be_between"]
    assert [(e["kwargs"], e["severity"]) for e in bands(build_suite(ref, no_period))] == [({"min_value": 1}, "critical")]
    monthly = bands(build_suite(ref, CHURN))
    assert [e["severity"] for e in monthly] == ["critical", "warning"] and monthly[1]["meta"]["period"] == "month"
    few = ref.head(5)  # far smaller than the reference, and than any month of it
    assert validate(few, build_suite(ref, no_period)).success
    report = validate(few, build_suite(ref, CHURN))
    assert report.success and [o.expected for o in report.warnings] == [f"between {monthly[1]['kwargs']['min_value']} and {monthly[1]['kwargs']['max_value']} rows per month"]


def test_open_bounds_read_as_words():
    ref = generate_churn(n_customers=200, months=3)
    report = validate(ref.assign(snapshot_date=ref.snapshot_date - pd.Timedelta(days=400)), build_suite(ref, CHURN))
    time_bound = next(o for o in report.warnings if o.column == "snapshot_date" and o.expectation == "expect_column_values_to_be_between")
    assert time_bound.expected == f"at least {ref.snapshot_date.min():%Y-%m-%d}" and "None" not in report.table()


def test_user_text_is_escaped_in_both_html_views():
    evil_col, evil_cat = "<img src=x onerror=alert(1)>", "<script>alert(1)</script>"
    frame = pd.DataFrame({evil_col: np.arange(1.0, 61.0), "kind": ["a", "b", "c"] * 20, "y": [0, 1] * 30})
    suite = build_suite(frame, DatasetSpec(name="evil", target="y", classes=(0, 1), positive=1))
    report = validate(frame.assign(kind=evil_cat, **{evil_col: frame[evil_col] * 100}), suite, source=f"{evil_col}.csv")
    assert not report.success and any(evil_cat in o.examples for o in report.warnings)
    for page in (report._repr_html_(), render_contract_html(report)):
        assert evil_col not in page and evil_cat not in page
        assert html.escape(evil_col) in page and html.escape(evil_cat) in page


def test_reports_round_trip_with_the_label_flag():
    from workbench.contracts import ContractReport
    ref = generate_churn(n_customers=200, months=3)
    report = validate(ref.drop(columns=["churned"]), build_suite(ref, CHURN))
    back = ContractReport.from_dict(report.to_dict())
    assert (back.labelled, len(back.skipped), back.summary()) == (False, len(report.skipped), report.summary())


def test_an_undeclared_integer_id_gets_no_range_or_scale_check():
    "Ids grow batch after batch: a later batch of larger ids must pass even when the id was not declared as the entity."
    import numpy as np, pandas as pd
    from workbench.contracts import build_suite, validate
    from workbench.data import declare_dataset
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"order_id": np.arange(1, 401), "amount": rng.gamma(2, 50, 400).round(2), "label": rng.choice(["a", "b"], 400)})
    spec, _ = declare_dataset(df, "orders", "label", positive="b")
    later = df.assign(order_id=df.order_id + 1_000_000)
    report = validate(later, build_suite(df, spec))
    assert report.success and not [o for o in report.outcomes if o.column == "order_id" and not o.success]
