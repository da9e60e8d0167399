"Contracts on a real PostgreSQL server that these tests start themselves (tests/postgres.py)."
import json, os, sys
from pathlib import Path
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from postgres import free_port, start_postgres, why_unavailable  # noqa: E402
from workbench.contracts import build_suite  # noqa: E402
from workbench.demo import CHURN, generate_churn, generate_next_month  # noqa: E402
from workbench.errors import DataError  # noqa: E402
from workbench.sql import validate_sql  # noqa: E402

pytestmark = pytest.mark.xdist_group("postgres")
SIZE = dict(n_customers=400, months=6)


@pytest.fixture(scope="session")
def pg():
    "A running throwaway PostgreSQL server, stopped and deleted at the end of the session."
    reason = why_unavailable()
    if reason and os.geteuid() == 0:
        pytest.fail(f"{reason} Running as root, so it can be installed: `make setup` does it.")
    if reason: pytest.skip(f"{reason} Not root here, so the tests cannot install it.")
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def churn_db(pg):
    "The server loaded with the reference month and the clean and drifted next months; returns (url, suite)."
    import sqlalchemy as sa
    ref = generate_churn(**SIZE)
    engine = sa.create_engine(pg.url)
    ref.to_sql("churn", engine, index=False)
    generate_next_month(**SIZE, drift=False).to_sql("churn_next_clean", engine, index=False)
    generate_next_month(**SIZE, drift=True).to_sql("churn_next_drift", engine, index=False)
    engine.dispose()
    return pg.url, build_suite(ref, CHURN)


@pytest.mark.parametrize("table, passes", [("churn", True), ("churn_next_clean", True), ("churn_next_drift", False)])
def test_contract_on_postgres_table(churn_db, pg, table, passes):
    url, suite = churn_db
    report = validate_sql(url, suite, table=table)
    assert report.success is passes, report.table()
    assert report.source == f"postgresql://{pg.user}:***@127.0.0.1:{pg.port}/{pg.database}#{table}"
    assert pg.password not in json.dumps(report.to_dict(), default=str)
    if not passes:
        # the silent cents-for-dollars change and the new payment method are named by column
        assert "monthly_charges" in {o.column for o in report.failures}      # the unit change breaks the scale guard (critical)
        assert "crypto_wallet" in next(o for o in report.warnings if o.column == "payment_method").examples  # a new category warns
    else:
        assert report.rows > 0 and not report.failures


def test_query_source(churn_db):
    url, suite = churn_db
    report = validate_sql(url, suite, query="SELECT * FROM churn WHERE contract_type = 'one_year'")
    assert report.success, report.table()
    ref = generate_churn(**SIZE)
    assert report.rows == int((ref.contract_type == "one_year").sum())
    assert report.source.endswith("#(SELECT * FROM churn WHERE contract_type = 'one_year')")


def test_unreachable_server_names_redacted_url(pg):
    url = f"postgresql://wb:hunter2-secret@127.0.0.1:{free_port()}/workbench"
    with pytest.raises(DataError, match=r"Could not connect to postgresql://wb:\*\*\*@127\.0\.0\.1:\d+/workbench: connection refused\. "
                                        r"Check that the server is running") as err:
        validate_sql(url, {"name": "churn", "expectations": []}, table="churn")
    assert "hunter2-secret" not in str(err.value) and err.value.__cause__ is None


@pytest.mark.parametrize("change, message", [
    (lambda pg: pg.url.replace(pg.password, "wrong-password"), "password authentication failed.*Check the user name and password"),
    (lambda pg: pg.url.rsplit("/", 1)[0] + "/nosuchdb", "database \"nosuchdb\" does not exist. Check the database name"),
])
def test_bad_credentials_and_database(pg, change, message):
    with pytest.raises(DataError, match=message) as err:
        validate_sql(change(pg), {"name": "churn", "expectations": []}, table="churn")
    assert pg.password not in str(err.value) and "wrong-password" not in str(err.value)


def test_missing_table_lists_the_tables_there(churn_db, pg):
    url, suite = churn_db
    with pytest.raises(DataError, match=r"Table 'churn_v2' does not exist in postgresql://wb:\*\*\*@.*Tables there: churn, "
                                        r"churn_next_clean, churn_next_drift\. Check the name") as err:
        validate_sql(url, suite, table="churn_v2")
    assert pg.password not in str(err.value)


def test_failing_query(churn_db):
    url, suite = churn_db
    with pytest.raises(DataError, match=r"The query failed on postgresql://wb:\*\*\*@.*column \"nope\" does not exist"):
        validate_sql(url, suite, query="SELECT nope FROM churn")


def test_pandas_only_expectation_is_recorded_not_silent(churn_db):
    url, suite = churn_db
    extra = {**suite, "expectations": suite["expectations"] + [
        {"type": "expect_column_values_to_be_increasing", "kwargs": {"column": "snapshot_date"}}]}
    report = validate_sql(url, extra, table="churn")
    info = [o for o in report.outcomes if o.severity == "info"]
    assert "expect_column_values_to_be_increasing" in {o.expectation for o in info}   # (so is the per-month row band: pandas counts it)
    increasing = next(o for o in info if o.expectation == "expect_column_values_to_be_increasing")
    assert increasing.observed.startswith("not run: GX has no SQL implementation") and report.success


def test_type_expectations_judged_by_kind(churn_db):
    "PostgreSQL spells types its own way (BIGINT, DOUBLE PRECISION, TIMESTAMP WITHOUT TIME ZONE); pandas dtype names still match."
    url, suite = churn_db
    types = {"customer_id": "int64", "monthly_charges": "float64", "snapshot_date": "datetime64[ns]", "region": "object"}
    checks = [{"type": "expect_column_values_to_be_of_type", "kwargs": {"column": c, "type_": t}} for c, t in types.items()]
    wrong = {"type": "expect_column_values_to_be_of_type", "kwargs": {"column": "region", "type_": "int64"}}
    report = validate_sql(url, {"name": "churn", "expectations": checks + [wrong]}, table="churn")
    observed = {(o.column, o.success): o.observed for o in report.outcomes}
    assert observed == {("customer_id", True): "BIGINT (integer)", ("monthly_charges", True): "DOUBLE PRECISION (float)",
                        ("snapshot_date", True): "TIMESTAMP WITHOUT TIME ZONE (datetime)", ("region", True): "TEXT (string)",
                        ("region", False): "TEXT (string)"}


def test_cli_checks_a_database_table(churn_db, pg, tmp_path):
    from conftest import make_project, workbench
    make_project(tmp_path)
    url, _ = churn_db
    drifted = workbench("contract", "check", url, "--name", "churn", "--table", "churn_next_drift", cwd=tmp_path)
    assert drifted.returncode == 1 and "monthly_charges" in drifted.stdout and pg.password not in drifted.stdout
    closed = url.replace(f":{pg.port}/", f":{free_port()}/")
    down = workbench("contract", "check", closed, "--name", "churn", "--table", "churn", cwd=tmp_path)
    assert down.returncode == 2 and "Could not connect" in down.stderr and pg.password not in down.stderr
    both = workbench("contract", "check", url, "--name", "churn", cwd=tmp_path)
    assert both.returncode == 2 and "exactly one of --table" in both.stderr


def test_a_raw_at_sign_in_the_password_never_leaks():
    from workbench.sql import redact_url
    url = "postgresql://wb:top@secret@127.0.0.1:1/churn"
    assert redact_url(url) == "postgresql://wb:***@127.0.0.1:1/churn"
    with pytest.raises(DataError, match="holds a raw '@'. Write it as %40") as err:
        validate_sql(url, {"name": "churn", "expectations": []}, table="churn")
    assert "top" not in str(err.value) and "secret" not in str(err.value)


def test_a_colon_in_a_query_is_sql_not_a_parameter(churn_db):
    url, suite = churn_db
    report = validate_sql(url, suite, query="SELECT * FROM churn WHERE region <> 'x:y'")
    assert report.rows > 0
