"Card formats: the Model Card Toolkit JSON validates against the schema and holds the run's own numbers; the PDF prints every section, offline."
import base64
import functools
import hashlib
import http.server
import io
import json
import logging
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine, make_classification
from sklearn.model_selection import train_test_split
from workbench.calibration import calibration_report, choose_threshold, confusion_at, render_calibration_png
from workbench.card_formats import PRINT_CSS, load_card_schema, render_card_json, render_card_pdf, validate_card_json
from workbench.cards import CARD_PLOTS, FIELD_PROMPTS, card_context, incident_links, render_card
from workbench.errors import DataError
from workbench.evaluate import evaluate_predictions
from workbench.explain import explain_model, explain_rows, render_importance_png
from workbench.models import build_model, fit_model, resolved_params
from workbench.slices import slice_metrics
from workbench.steps import predict_scores
from workbench.tracking import RunEvidence

pypdf = pytest.importorskip("pypdf")
ROOT = Path(__file__).resolve().parents[1]
SHARED_SCHEMA = ROOT.parent / "shared" / "schemas" / "model_card_toolkit.v0.0.2.schema.json"
EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a|b", "`x`", "[x](javascript:alert(1))"]
EVIL_SEGMENT, EVIL_SENSITIVE = "</td><script>alert(2)</script>", "age|band`"
EXTRA_FIELDS = ["users", "tradeoffs", "license", "references", "citations"]
CLASSES_WINE = ["class_0", "class_1", "class_2"]


def _table(task, wide):
    "Features, encoded labels and class names: scikit-learn's bundled tables, or a generated binary table `wide` columns wide."
    if wide:
        X, y = make_classification(n_samples=600, n_features=wide, n_informative=6, random_state=0)
        return pd.DataFrame(X, columns=[f"x{i:03d}" for i in range(wide)]), y, ["stayed", "left"]
    load, width = {"binary": (load_breast_cancer, 30), "multiclass": (load_wine, 5), "regression": (load_diabetes, 10)}[task]
    data = load(as_frame=True)
    return data.data.iloc[:, :width], data.target.to_numpy(), [] if task == "regression" else [str(c) for c in data.target_names]


@functools.lru_cache(maxsize=None)
def make_run(task="binary", *, wide=None, hostile=False):
    "A RunEvidence of a real fit, recorded as workbench's steps record it (validation cut, threshold, slices, calibration, SHAP)."
    X, y, names = _table(task, wide)
    segment, sensitive = (EVIL_SEGMENT, EVIL_SENSITIVE) if hostile else ("site", "age_band")
    if hostile: X, names = X.rename(columns=dict(zip(X.columns, EVIL))), (EVIL[:len(names)] if names else [])
    rng = np.random.default_rng(0)
    X = X.assign(**{segment: rng.choice(["north", "south", "east"], len(X)), sensitive: rng.choice(["<40", "40-60", ">60"], len(X))})
    features = [c for c in X.columns if c != sensitive]
    X_fit, X_test, y_fit, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    X_fit, X_val, y_fit, y_val = train_test_split(X_fit, y_fit, test_size=0.25, random_state=0)
    pipe = fit_model(build_model("baseline", task=task, numeric=[f for f in features if f != segment], categorical=[segment], random_state=0),
                     X_fit[features], y_fit)
    s_val, s = predict_scores(pipe, X_val[features], task), predict_scores(pipe, X_test[features], task)
    choice = choose_threshold(y_val, s_val) if task == "binary" else None
    t, common = choice.threshold if choice else 0.5, dict(task=task, classes=names or None, resamples=100, random_state=0)
    ev = evaluate_predictions(y_test, s, threshold=t, **common)
    val = evaluate_predictions(y_val, s_val, threshold=t, **common)
    sl = slice_metrics(y_test, s, X_test[[segment, sensitive]].reset_index(drop=True), threshold=t, roles={segment: "segment", sensitive: "sensitive"},
                       min_count=10, **common)
    imp = explain_model(pipe, X_test[features], task=task, classes=names or None, random_state=0)
    name = EVIL[0] if hostile else "churn"
    spec = {"name": name, "target": "label", "task": task, "positive": names[-1] if task == "binary" else None, "classes": names, "time": None,
            "entity": None, "categorical": [segment], "segments": [segment], "sensitive": [sensitive], "decisions": {}}
    local = explain_rows(pipe, X_test[features], task=task, classes=names or None, background=X_fit[features], random_state=0)
    evidence = {"evaluation": ev.to_dict(), "slices": sl.to_dict(), "shap_importance": imp.to_dict(), "local_explanations": local.to_dict(),
                "hyperparameters": resolved_params(pipe, "baseline", task),
                "validation": {"rows": len(X_val), "evaluation": val.to_dict(), "threshold_rule": "f1" if choice else None,
                               "threshold": choice.to_dict() if choice else None, "test_confusion": confusion_at(y_test, s, t) if choice else None},
                "split_manifest": {"strategy": "random", "train_rows": len(X_fit) + len(X_val), "test_rows": len(X_test)},
                "validation_manifest": {"strategy": "random", "train_rows": len(X_fit), "test_rows": len(X_val)},
                "lineage": {"data_hash": "ab" * 32, "data_source": "/srv/data/churn.csv", "rows": len(X), "features": features, "categorical": [segment],
                            "target": "label", "task": task, "dataset": spec, "seed": 0, "python": "3.11.9", "packages": {"scikit-learn": "1.9.0"},
                            "git_commit": "c0ffee" * 6 + "c0ff", "git_dirty": True},
                "contract": {"dataset": name, "rows": len(X), "success": True, "validated_at": "2024-06-01T00:00:00+00:00", "outcomes": []},
                "model": {"name": "churn-baseline", "version": "7", "family": "scikit-learn", "sha256": "5e" * 32}}
    images = {"plots/shap_importance.png": render_importance_png(imp)}
    if task == "binary":
        cal = calibration_report(y_test, s)
        evidence["calibration"], images["plots/calibration.png"] = cal.to_dict(), render_calibration_png(cal)
    incident = {"id": "2024-07-01-churn-batch", "date": "2024-07-01", "title": f"{name} batch july", "postmortem": "reports/postmortems/2024-07-01-churn-batch.md",
                "summary": f"{segment} has a new category {EVIL[1] if hostile else 'west'}. Probable cause: a new region", "reasons": []}
    return RunEvidence(run_id="f" * 32, experiment="churn-train", status="FINISHED", start_time=1717200000000, end_time=1717203600000,
                       params={"model": "baseline", "dataset": name, "task": task, "model.C": "1.0"}, metrics=ev.flat(), tags={},
                       evidence=evidence, images=images, incidents=[incident])


CARD_DIR, PROJECT = "/p/model_cards/churn/v7", "/p"  # where the card of make_run's version would live in a project at /p


def context_of(run, fields=FIELD_PROMPTS):
    "card_context's dict with the raw slice and calibration evidence and the run's incidents, as workbench.cards gathers them."
    return {**card_context(run, fields, incident_links=incident_links(run.incidents, CARD_DIR, PROJECT)),
            "slices": run.evidence.get("slices"), "calibration": run.evidence.get("calibration")}


def plots_of(run):
    return {name: run.images[key] for key, name in CARD_PLOTS.items() if key in run.images}


def metric(doc, kind, slice=None):
    "The one performance metric of `kind` on `slice` (None: not sliced)."
    found = [m for m in doc["quantitative_analysis"]["performance_metrics"] if m["type"] == kind and m.get("slice") == slice]
    assert len(found) == 1, (kind, slice, found)
    return found[0]


def same_number(text, value):
    "The schema's text reads back as the evidence's number (null in evidence is an undefined value, 'NaN')."
    return text == "NaN" if value is None else float(text) == value


def strings(v):
    "Every string value in a JSON document."
    if isinstance(v, dict): return [s for x in v.values() for s in strings(x)]
    if isinstance(v, list): return [s for x in v for s in strings(x)]
    return [v] if isinstance(v, str) else []


# --- JSON --------------------------------------------------------------------------------------------------------------------------------

def test_the_shipped_schema_is_the_published_one():
    from jsonschema import Draft7Validator
    schema = load_card_schema()
    Draft7Validator.check_schema(schema)
    assert schema["title"] == "Model Card" and schema["additionalProperties"] is False
    shipped = ROOT / "src" / "workbench" / "schemas" / SHARED_SCHEMA.name
    # the SHA-256 of tensorflow/model-card-toolkit's v0.0.2 schema (commit 74d7e6d), so a clean clone without the shared copy checks it too
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == "5fa8263ea5036c17ba4a8b93e3b34d07e11077b4e9c0c2048d3ba8897a48757c"
    if SHARED_SCHEMA.is_file(): assert shipped.read_bytes() == SHARED_SCHEMA.read_bytes()


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_json_card_validates_and_holds_the_runs_numbers(task):
    run = make_run(task)
    context = context_of(run)
    doc = validate_card_json(render_card_json(context, plots=plots_of(run)))
    assert json.loads(json.dumps(doc)) == doc and doc["schema_version"] == "0.0.2"
    assert doc["quantitative_analysis"]["performance_metrics"][0]["type"] == context["metrics"][0]["key"]  # the primary first
    for m in context["metrics"]:
        got = metric(doc, m["key"])
        assert float(got["value"]) == m["value"] == run.metrics[m["key"]]
        ci = got["confidence_interval"]
        assert (float(ci["lower_bound"]), float(ci["upper_bound"])) == (m["ci_low"], m["ci_high"])
    for c, row in run.evidence["evaluation"]["per_class"].items():
        for k in ("precision", "recall"):
            got = metric(doc, k, f"class = {c}")
            ci = got.get("confidence_interval", {})
            assert same_number(got["value"], row[k]["value"]) and same_number(ci.get("lower_bound", "NaN"), row[k]["ci_low"])
    n_sliced = 0
    for col in run.evidence["slices"]["columns"]:
        for s in col["slices"]:
            for k, est in s["metrics"].items():
                got = metric(doc, k, f"{col['name']} = {s['value']}")
                assert same_number(got["value"], est["value"])
                n_sliced += 1
        for k, g in col["gaps"].items():
            assert same_number(metric(doc, f"{k} gap (best minus worst slice)", f"{col['name']}: best {g['best']}, worst {g['worst']}")["value"], g["value"])
    assert n_sliced == 2 * 3 * len(run.evidence["slices"]["metrics"])  # two columns of three slices, every metric
    details, params = doc["model_details"], doc["model_parameters"]
    assert details["version"] == {"name": "7", "date": "2024-06-01"} and details["path"] == "models:/churn-baseline/7"
    assert "with uncommitted changes" in details["documentation"] and "None" not in details["documentation"]
    assert [d["name"] for d in params["data"]] == ["churn: training rows", "churn: validation rows", "churn: test rows"]
    assert all(d["link"] == "file:///srv/data/churn.csv" and d["sensitive"] == {"sensitive_data": ["age_band"]} for d in params["data"])
    resolved = "; ".join(f"{k}={v['value']}" for k, v in run.evidence["hyperparameters"]["params"].items())
    assert params["model_architecture"] == f"baseline (scikit-learn): {run.evidence['hyperparameters']['estimator']} with {resolved}"
    images = {g["name"]: base64.b64decode(g["image"]) for g in doc["quantitative_analysis"]["graphics"]["collection"]}
    assert images["SHAP global importance"] == run.images["plots/shap_importance.png"]
    assert ("Reliability diagram" in images) == (task == "binary")


def test_binary_card_has_the_threshold_its_confusion_and_calibration():
    run = make_run("binary")
    doc = validate_card_json(render_card_json(context_of(run)))
    t = run.evidence["evaluation"]["threshold"]
    outputs = {p["key"]: p["value"] for p in doc["model_parameters"]["output_format_map"]}
    assert (float(outputs["threshold"]), outputs["positive_class"], outputs["threshold_rule"]) == (t, "benign", "f1")
    for k, name in {"tn": "true_negatives", "fp": "false_positives", "fn": "false_negatives", "tp": "true_positives"}.items():
        assert int(metric(doc, name, f"test rows at threshold {t!r}")["value"]) == run.evidence["validation"]["test_confusion"][k]
    assert float(metric(doc, "expected_calibration_error")["value"]) == run.evidence["calibration"]["ece"]
    val = run.evidence["validation"]["evaluation"]["metrics"]["roc_auc"]
    assert float(metric(doc, "roc_auc", "validation rows (model selection)")["value"]) == val["value"]
    assert doc["considerations"]["tradeoffs"][0]["description"].startswith(f"The decision threshold {t!r} was chosen on")


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_card_has_resolved_hyperparameters_local_explanations_and_embedded_incidents(task):
    "What an auditor asks for beyond the metrics, on scikit-learn's bundled tables: every parameter the fit used, why single rows scored as they did, incidents."
    run = make_run(task)
    context = context_of(run)
    md = render_card(context)
    hyper, local = run.evidence["hyperparameters"], run.evidence["local_explanations"]
    estimator = {"regression": "sklearn.linear_model.Ridge"}.get(task, "sklearn.linear_model.LogisticRegression")
    assert hyper["estimator"] == estimator and f"hyperparameters of `{estimator}`, as the fit used them" in md
    section = md.split("### Hyperparameters")[1].split("\n## ")[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and not r.startswith("| parameter")]
    assert len(rows) == len(hyper["params"]) >= 7 and "library defaults of" not in md
    expected = "| alpha | 1.0 | library default |" if task == "regression" else "| C | 1.0 | workbench |"
    assert expected in rows and "| random_state | 0 | workbench |" in rows
    shown = md.split("### Local explanations")[1].split("\n## ")[0]
    assert [r["which"] for r in local["rows"]] == ["highest", "highest", "lowest", "lowest"]
    assert shown.count("| all other features | |") == 4 and shown.count("**Highest score, row ") == 2
    for r in local["rows"]:
        assert len(r["contributions"]) == 5 and f"**{r['which'].capitalize()} score, row {r['row']}**" in shown
        if task == "binary":  # a logistic model's SHAP values add up to its log-odds: back through the sigmoid, the row's probability
            assert abs(1 / (1 + np.exp(-(r["base"] + sum(c["shap"] for c in r["contributions"]) + r["rest"]))) - r["score"]) < 1e-5
    if task == "multiclass": assert all(r["label"] in CLASSES_WINE for r in local["rows"])
    if task == "regression":  # a Ridge model's output is the prediction itself
        for r in local["rows"]: assert abs(r["base"] + sum(c["shap"] for c in r["contributions"]) + r["rest"] - r["score"]) < 1e-2
    assert ("- 2024-07-01: [churn batch july](../../../reports/postmortems/2024-07-01-churn-batch.md) (post-mortem `2024-07-01-churn-batch`). "
            "site has a new category west. Probable cause: a new region") in md
    doc = validate_card_json(render_card_json(context, plots=plots_of(run)))
    assert doc["model_parameters"]["model_architecture"].startswith(f"baseline (scikit-learn): {estimator} with ")
    assert "Incident 2024-07-01-churn-batch on 2024-07-01" in doc["model_details"]["documentation"]


def test_hostile_strings_in_every_human_field_and_name_stay_text():
    run = make_run("multiclass", hostile=True)
    fields = {k: "\n".join(EVIL) for k in [*FIELD_PROMPTS, *EXTRA_FIELDS]}
    doc = validate_card_json(render_card_json(context_of(run, fields), plots=plots_of(run)))
    assert json.loads(json.dumps(doc)) == doc
    text = "\n".join(EVIL)
    cons, details = doc["considerations"], doc["model_details"]
    assert cons["use_cases"] == cons["users"] == [{"description": text}] and {"description": text} in cons["limitations"]
    assert cons["ethical_considerations"] == [{"name": text}] and {"description": text} in cons["tradeoffs"]
    assert details["owners"] == [{"name": text}] and details["licenses"] == [{"custom_text": text}]
    assert "references" not in details and details["citations"] == [{"citation": text}] * 2  # not a URI: kept as text, twice (citations, references)
    assert [p["key"] for p in doc["model_parameters"]["input_format_map"][:5]] == EVIL
    assert doc["model_parameters"]["data"][0]["sensitive"] == {"sensitive_data": [EVIL_SENSITIVE]}
    slices = {m.get("slice") for m in doc["quantitative_analysis"]["performance_metrics"]}
    assert {f"class = {c}" for c in EVIL[:3]} <= slices and f"{EVIL_SEGMENT} = north" in slices and f"{EVIL_SENSITIVE} = >60" in slices
    everything = strings(doc)
    assert all(any(e in s for s in everything) for e in EVIL + [EVIL_SEGMENT, EVIL_SENSITIVE])  # stored as written, not escaped


@pytest.mark.parametrize("value,expected", [
    ({"Proxy discrimination": "age band kept out of the features", "Automation bias": None},
     [{"name": "Proxy discrimination", "mitigation_strategy": "age band kept out of the features"}, {"name": "Automation bias"}]),
    ([{"risk": "Missed cancer", "mitigation": "second reader below the threshold"}, "Drift after a new scanner"],
     [{"name": "Missed cancer", "mitigation_strategy": "second reader below the threshold"}, {"name": "Drift after a new scanner"}]),
    ("- Missed cancer. Mitigation: second reader.\n- Drift. mitigation strategy: monthly monitoring",
     [{"name": "Missed cancer.", "mitigation_strategy": "second reader."}, {"name": "Drift.", "mitigation_strategy": "monthly monitoring"}]),
], ids=["mapping", "list", "text"])
def test_ethical_considerations_carry_their_mitigations(value, expected):
    doc = validate_card_json(render_card_json(context_of(make_run("regression"), {**FIELD_PROMPTS, "ethical_considerations": value})))
    assert doc["considerations"]["ethical_considerations"] == expected


def test_a_sparse_old_run_still_makes_a_valid_card_without_none():
    full = make_run("regression")
    old = RunEvidence(run_id="e" * 32, experiment="old", status="FINISHED", start_time=None, end_time=None, params={"model": "baseline"},
                      metrics={}, tags={}, evidence={"evaluation": full.evidence["evaluation"]})
    doc = validate_card_json(render_card_json(card_context(old, FIELD_PROMPTS)))
    assert "None" not in json.dumps(doc) and "date" not in doc["model_details"].get("version", {})
    assert float(doc["quantitative_analysis"]["performance_metrics"][0]["value"]) == full.evidence["evaluation"]["metrics"]["rmse"]["value"]


@pytest.mark.parametrize("change,where", [
    (lambda d: d.update(notes="typed by hand"), r"\(the document\): Additional properties are not allowed \('notes'"),
    (lambda d: d["quantitative_analysis"]["performance_metrics"][0].update(value=0.5), r"quantitative_analysis/performance_metrics/0/value: 0\.5 is not of type 'string'"),
    (lambda d: d["model_details"]["version"].update(date="1 June 2024"), r"model_details/version/date: '1 June 2024' is not a 'date'"),
    (lambda d: d["model_details"].update(licenses=[{}]), r"model_details/licenses/0: \{\} is not valid"),
], ids=["unknown key", "number as value", "bad date", "empty license"])
def test_validation_names_each_problem(change, where):
    doc = json.loads(json.dumps(render_card_json(context_of(make_run("binary")))))
    change(doc)
    with pytest.raises(DataError, match=r"breaks the Model Card Toolkit v0\.0\.2 schema in 1 place\(s\): " + where):
        validate_card_json(doc)


def test_plots_must_be_png():
    with pytest.raises(DataError, match=r"Plots \['shap_importance.png'\] are not PNG"):
        render_card_json(context_of(make_run("regression")), plots={"shap_importance.png": b"GIF89a..."})


# --- PDF ---------------------------------------------------------------------------------------------------------------------------------

class Headings(HTMLParser):
    "The text of each h2, h3 and h4 of an HTML document."
    def __init__(self, text):
        super().__init__()
        self.found, self._open = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "h4"): self._open = ""

    def handle_data(self, data):
        if self._open is not None: self._open += data

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4") and self._open is not None:
            self.found.append(" ".join(self._open.split()))
            self._open = None


def page_lines(pdf):
    "Each page's non-empty text lines (pypdf), the footer line ('<title> Page n of N') checked and removed."
    pages = [[l.strip() for l in p.extract_text().splitlines() if l.strip()] for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    for i, lines in enumerate(pages):
        assert lines[-1].endswith(f"Page {i + 1} of {len(pages)}"), lines[-1]
    return [lines[:-1] for lines in pages]


@pytest.fixture(scope="module")
def wide_card():
    "A binary card whose SHAP table (81 rows) must run over pages: its context, HTML and PDF."
    run = make_run("binary", wide=80)
    context = context_of(run)
    html = render_card(context, "html", plots=plots_of(run))
    return run, context, html, render_card_pdf(html)


def test_pdf_holds_the_title_every_heading_and_the_primary_metric(wide_card):
    run, context, html, pdf = wide_card
    pages = page_lines(pdf)
    lines = [l for p in pages for l in p]
    title = f"Model card: {context['name']} v{context['version']}"
    heads = Headings(html).found
    assert lines[0] == title and len(heads) >= 12 and len(pages) >= 6
    assert [h for h in heads if h not in lines] == []  # each heading on a line of its own
    primary = context["metrics"][0]
    assert any(l.startswith(f"{primary['name']} {primary['value']:.4f} {primary['ci_low']:.4f} {primary['ci_high']:.4f}") for l in lines)
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata["/Title"] == title
    assert render_card_pdf(html) == pdf  # deterministic


def test_no_page_ends_on_a_heading(wide_card):
    _, _, html, pdf = wide_card
    heads = set(Headings(html).found)
    assert [(i + 1, p[-1]) for i, p in enumerate(page_lines(pdf)) if p and p[-1] in heads] == []


def test_a_long_table_breaks_between_rows_with_its_header_on_every_page(wide_card):
    run, _, _, pdf = wide_card
    rows = [f"{f} {v:.4f}" for f, v in run.evidence["shap_importance"]["importance"].items()]
    held = [(sum(r in p for r in rows), "feature mean abs SHAP" in p) for p in page_lines(pdf) if any(r in p for r in rows)]
    assert len(held) >= 2 and sum(n for n, _ in held) == len(rows)  # spans pages, every row printed once
    assert all(n > 1 and header for n, header in held), held


NO_ROW_RULES = PRINT_CSS.replace("tbody tr:first-child { break-after: avoid; page-break-after: avoid; }", "") \
                        .replace("tbody tr:last-child { break-before: avoid; page-break-before: avoid; }", "")


def _table_doc(n_rows, spacer_mm):
    rows = "".join(f"<tr><td>row_{i:03d}</td><td>{i / 7:.4f}</td></tr>" for i in range(n_rows))
    return (f"<!DOCTYPE html><html><head><title>t</title></head><body><h1>Model card: t v1</h1><div style='height:{spacer_mm}mm'></div>"
            f"<h2>Quantitative analyses</h2><p>Importance:</p><table><thead><tr><th>feature</th><th>value</th></tr></thead><tbody>{rows}</tbody></table>"
            "<h2>Lineage</h2><p>end</p></body></html>")


def _rows_per_page(pdf):
    return [len(re.findall(r"row_\d{3}", p.extract_text())) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _without_row_rules(html):
    import weasyprint
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=NO_ROW_RULES)])


def test_no_page_holds_a_single_table_row():
    "Find where a long table would leave one row alone at a page's foot, and at its end, without the row rules; PRINT_CSS leaves none."
    low, high = 0.0, 250.0  # spacer heights: at `low` the first page holds rows of the table, at `high` none
    assert _rows_per_page(_without_row_rules(_table_doc(60, low)))[0] > 1 and _rows_per_page(_without_row_rules(_table_doc(60, high)))[0] == 0
    while high - low > 0.5:  # the largest spacer that still leaves a row on the first page leaves exactly one
        mid = (low + high) / 2
        low, high = (mid, high) if _rows_per_page(_without_row_rules(_table_doc(60, mid)))[0] > 0 else (low, mid)
    first = _rows_per_page(_without_row_rules(_table_doc(60, 0)))[0]
    for n, spacer in ((60, low), (first + 1, 0)):  # one row alone at the foot of page 1; a table one row longer than page 1 holds
        html = _table_doc(n, spacer)
        assert 1 in _rows_per_page(_without_row_rules(html))  # the row rules matter here
        counts = _rows_per_page(render_card_pdf(html))
        assert 1 not in counts and sum(counts) == n, counts


def test_print_css_is_understood_by_weasyprint():
    import weasyprint
    from weasyprint.logger import LOGGER
    messages = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())
    LOGGER.addHandler(handler)
    try:
        weasyprint.CSS(string=PRINT_CSS)
        assert messages == []
        weasyprint.CSS(string="@media print { h2 { break-after: sometimes } }")
        assert len(messages) == 1  # the check can fail
    finally:
        LOGGER.removeHandler(handler)


@pytest.fixture()
def loopback_server():
    "An HTTP server on 127.0.0.1 that counts the requests it gets."
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args): pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_printing_fetches_nothing_outside_the_html(loopback_server, tmp_path):
    url, hits = loopback_server
    (tmp_path / "style.css").write_text("body { color: red }")
    html = render_card(card_context(make_run("regression"), FIELD_PROMPTS), "html", plots=plots_of(make_run("regression")))
    outside = html.replace("</body>", f'<img src="{url}/logo.png"><link rel="stylesheet" href="{(tmp_path / "style.css").as_uri()}"></body>')
    import weasyprint
    weasyprint.HTML(string=outside).write_pdf()
    assert hits == ["/logo.png"]  # control: WeasyPrint on its own does fetch it
    hits.clear()
    with pytest.raises(DataError, match=r"names 2 resource\(s\) outside itself") as raised:
        render_card_pdf(outside)
    assert f"{url}/logo.png" in str(raised.value) and (tmp_path / "style.css").as_uri() in str(raised.value)
    assert hits == []
    assert render_card_pdf(html)[:5] == b"%PDF-"  # the card itself, with its plots as data: URLs, prints
