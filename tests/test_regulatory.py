"The regulatory appendix: the shipped map, its vocabulary against card_context, coverage statuses on real runs, refusals, escaping."
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import Tags, table_widths
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.model_selection import train_test_split

from workbench.calibration import calibration_report, choose_threshold, confusion_at
from workbench.cards import FIELD_PROMPTS, card_context, render_card
from workbench.compare import compare_predictions
from workbench.data import DatasetSpec
from workbench.errors import ConfigError
from workbench.evaluate import evaluate_predictions
from workbench.explain import explain_model, explain_rows
from workbench.leakage import apply_leakage_policy, find_target_leakage
from workbench.lint import lint_code
from workbench.markup import md_to_html
from workbench.models import build_model, fit_model, resolved_params, training_health
from workbench.regulatory import (EVIDENCE, REGULATORY_MAP, STATUSES, RegulatoryCoverage, RegulatoryMap, evidence_state, load_regulatory_map,
                                  parse_regulatory_map, regulatory_appendix, regulatory_coverage, render_regulatory_markdown)
from workbench.slices import slice_metrics
from workbench.tracking import RunEvidence

ROOT = Path(__file__).resolve().parents[1]
EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a|b", "`x`", "[x](javascript:alert(1))"]


def make_run(task):
    "A registered run holding every kind of evidence, made by the producers on a scikit-learn table (binary: breast cancer; regression: diabetes)."
    binary = task == "binary"
    X, y = (load_breast_cancer if binary else load_diabetes)(return_X_y=True, as_frame=True)
    y = 1 - y if binary else y
    X_fit, X_rest, y_fit, y_rest = train_test_split(X, y, test_size=0.5, stratify=y if binary else None, random_state=1)
    X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, stratify=y_rest if binary else None, random_state=1)
    fit = lambda m: fit_model(build_model(m, task=task, numeric=list(X.columns), categorical=[], random_state=1, n_jobs=1), X_fit, y_fit)
    model, baseline = fit("xgboost"), fit("baseline")
    score = (lambda m, rows: m.predict_proba(rows)[:, 1]) if binary else (lambda m, rows: m.predict(rows))
    val, test = score(model, X_val), score(model, X_test)
    choice = choose_threshold(y_val, val, "f1") if binary else None
    t = choice.threshold if choice else 0.5
    evaluation = lambda y_, s: evaluate_predictions(y_, s, task=task, threshold=t, resamples=30, random_state=1).to_dict()
    comparison = compare_predictions(y_test, score(baseline, X_test), test, task=task, threshold_a=t, threshold_b=t, resamples=30, random_state=1)
    findings, strengths = find_target_leakage(X_fit, y_fit, task=task)
    spec = DatasetSpec(name="tbl", target="y", task=task, positive="1" if binary else None, classes=("0", "1") if binary else ())
    evidence = {
        "evaluation": evaluation(y_test, test), "split_manifest": {"strategy": "random", "train_rows": len(X_fit) + len(X_val), "test_rows": len(X_test)},
        "validation": {"rows": len(y_val), "threshold_rule": "f1" if binary else None, "threshold": choice.to_dict() if binary else None,
                       "test_confusion": confusion_at(y_test, test, t) if binary else None, "evaluation": evaluation(y_val, val)},
        "validation_manifest": {"strategy": "random", "train_rows": len(X_fit)},
        "slices": slice_metrics(y_test, test, X_test[[X.columns[1]]], task=task, threshold=t, resamples=30, random_state=1, min_count=20).to_dict(),
        "leakage": apply_leakage_policy(findings, strengths, list(X.columns), action="exclude")[1].to_dict(),
        "lint": {"notebook": "train.ipynb", "findings": [f.to_dict() for f in lint_code("model.fit(X_train, y_train)\n")], "fail_types": []},
        "training_health": training_health(model).to_dict(), "shap_importance": explain_model(model, X_test, task=task, random_state=1).to_dict(),
        "local_explanations": explain_rows(model, X_test, task=task, background=X_fit, random_state=1).to_dict(),
        "hyperparameters": resolved_params(model, "xgboost", task, {"max_depth": 4}),
        "contract": {"dataset": "tbl", "rows": len(X), "success": True, "validated_at": "2026-12-01T00:00:00+00:00",
                     "outcomes": [{"expectation": "expect_column_values_to_not_be_null", "column": c, "severity": "critical", "success": bool(X[c].notna().all()),
                                   "expected": "no missing values", "observed": f"{int(X[c].isna().sum())} missing", "examples": []} for c in X.columns]},
        "lineage": {"data_hash": hashlib.sha256(pd.util.hash_pandas_object(X).to_numpy().tobytes()).hexdigest(), "data_source": "sklearn", "rows": len(X),
                    "features": list(X.columns), "target": "y", "task": task, "dataset": spec.to_dict(), "seed": 1, "python": "3.11", "packages": {}},
        "model": {"name": "tbl-xgboost", "version": "4", "family": "xgboost", "sha256": hashlib.sha256(bytes(model[-1].get_booster().save_raw())).hexdigest()}}
    if binary: evidence["calibration"] = calibration_report(y_test, test, n_bins=5).to_dict()
    decision = {"version": "4", "outcome": "promoted", "action": "promote", "at": "2026-12-02T00:00:00+00:00", "by": "committee",
                "gates": [{"name": "comparison", "passed": True, "evidence": comparison.summary()}]}
    return RunEvidence(run_id="e" * 32, experiment="tbl-train", status="FINISHED", start_time=0, end_time=1,
                       params={"model": "xgboost", "dataset": "tbl", "task": task, "model.max_depth": "4"}, metrics={}, tags={}, evidence=evidence,
                       decisions=[decision], comparisons=[{**comparison.to_dict(), "runs": ["d" * 32, "e" * 32], "report": "r.md"}])


@pytest.fixture(scope="module")
def runs():
    return {task: make_run(task) for task in ("binary", "regression")}


@pytest.fixture(scope="module")
def shipped():
    return load_regulatory_map(ROOT / REGULATORY_MAP)


def written(mapping):
    return {f: f"The team's text for {f}." for f in mapping.prompts()}


def test_shipped_map_names_every_annex_iv_heading_and_the_three_sr_11_7_areas(shipped):
    annex, sr = (next(f for f in shipped.frameworks if f.id == i) for i in ("eu_ai_act_annex_iv", "sr_11_7"))
    assert [h.id for h in annex.headings] == [str(i) for i in range(1, 10)]
    assert all(h.title and (h.evidence or h.optional_evidence or h.human) for f in shipped.frameworks for h in f.headings)
    assert {h.title.split(":")[0] for h in sr.headings} == {"Model development, implementation, and use", "Model validation",
                                                            "Governance, policies, and controls"}
    assert [h.id for h in sr.headings] == ["IV", "V.1", "V.2", "V.3", "VI"]
    assert all(f.source.startswith("https://") for f in shipped.frameworks)
    assert shipped.source == "compliance/regulatory_map.yaml"
    assert RegulatoryMap.from_dict(shipped.to_dict()) == shipped


@pytest.mark.parametrize("task", ["binary", "regression"])
def test_every_evidence_key_exists_in_card_context(runs, shipped, task):
    context = card_context(runs[task], FIELD_PROMPTS)
    assert set(shipped.evidence_keys()) <= set(EVIDENCE) <= set(context), "a card_context key was renamed: update EVIDENCE and the map"


def test_full_binary_run_records_everything_a_binary_run_can(runs):
    context = card_context(runs["binary"], FIELD_PROMPTS)
    assert {k for k in EVIDENCE if evidence_state(context, k) != "recorded"} == {"per_class", "incidents"}
    assert evidence_state(context, "per_class") == "not applicable"
    assert evidence_state({**context, "task": "multiclass", "per_class": []}, "per_class") == "missing"
    assert evidence_state({**context, "family": "scikit-learn", "health": None}, "health") == "not applicable"


def test_binary_run_with_fields_written_is_covered_everywhere(runs, shipped):
    coverage = regulatory_coverage(card_context(runs["binary"], written(shipped)), shipped)
    assert len(coverage) == 14 and coverage.counts() == {"covered": 14}
    assert {(r.framework, r.heading): r.not_applicable for r in coverage if r.not_applicable} == {("eu_ai_act_annex_iv", "3"): ["per_class"]}
    assert RegulatoryCoverage.from_dict(coverage.to_dict()) == coverage


def test_regression_without_calibration_lacks_nothing(runs, shipped):
    coverage = regulatory_coverage(card_context(runs["regression"], written(shipped)), shipped)
    assert coverage.counts() == {"covered": 14}
    assert all(not r.missing for r in coverage)
    assert {r.heading for r in coverage if "calibration_md" in r.not_applicable} == {"3", "4", "V.3"}
    md = render_regulatory_markdown(coverage)
    assert "Not applicable to this run: decision threshold (binary classifiers only); metrics per class (multiclass classifiers only); calibration" in md


def test_unwritten_fields_need_human_text(runs, shipped):
    coverage = regulatory_coverage(card_context(runs["binary"], FIELD_PROMPTS), shipped)
    assert coverage.counts() == {"covered": 1, "needs human text": 13}
    assert coverage.status("eu_ai_act_annex_iv", "6") == "covered"  # changes through the lifecycle: answered by the record alone
    rows = {(r.framework, r.heading): r for r in coverage}
    assert rows["eu_ai_act_annex_iv", "1"].to_write == ["intended_use", "out_of_scope", "owners", "deployment"]
    assert rows["eu_ai_act_annex_iv", "8"].to_write == ["declaration_of_conformity"]
    assert rows["sr_11_7", "VI"].to_write == ["owners", "governance"]
    blank = {**FIELD_PROMPTS, "owners": "  ", "intended_use": "Score patients for review."}
    row = next(r for r in regulatory_coverage(card_context(runs["binary"], blank), shipped) if r.heading == "1")
    assert (row.written, row.to_write) == (["intended_use"], ["out_of_scope", "owners", "deployment"])
    md = render_regulatory_markdown(coverage)
    assert "| 8 Copy of the EU declaration of conformity (Article 47) | needs human text | none | none | declaration_of_conformity: to be written |" in md


def test_missing_evidence_is_partly_or_not_covered(runs, shipped):
    context = {**card_context(runs["regression"], written(shipped)), "lint": None, "decisions": [], "contract": None}
    coverage = regulatory_coverage(context, shipped)
    rows = {(r.framework, r.heading): r for r in coverage}
    assert rows["eu_ai_act_annex_iv", "2"].status == "partly" and rows["eu_ai_act_annex_iv", "2"].missing == ["contract", "lint"]
    assert rows["sr_11_7", "VI"].missing == ["decisions"] and rows["eu_ai_act_annex_iv", "6"].status == "covered"  # decisions are optional there
    strict = parse_regulatory_map("frameworks:\n  - {id: p, title: Policy, source: s, headings: [{id: A, title: Approved, evidence: [decisions]},"
                                  " {id: B, title: Photos, human: [owners], not_applicable: no product}]}\n")
    assert [r.status for r in regulatory_coverage(context, strict)] == ["not covered", "not applicable"]
    assert set(STATUSES) >= {r.status for r in coverage}


GOOD = """schema: 1
human_fields:
  monitoring_plan: Describe the monitoring.
frameworks:
  - id: demo
    title: Demo
    source: https://example.org
    headings:
      - id: "1"
        title: Performance
        evidence: [metrics, calibration_md]
        human: [intended_use]
      - id: "2"
        title: Monitoring
        optional_evidence: [incidents]
        human: [monitoring_plan]
"""


@pytest.mark.parametrize("old,new,message", [
    ("title: Performance", "title: Performance: [x", "map.yaml line 10, column 27: not valid YAML (mapping values are not allowed here). Fix the syntax"),
    ("calibration_md]", "calibration]", "map.yaml line 9: heading '1' of demo: unknown evidence name 'calibration' (did you mean 'calibration_md'?). "
                                         "Evidence names are keys of the card's context"),
    ("[incidents]", "[incident]", "unknown optional evidence name 'incident' (did you mean 'incidents'?)"),
    ("        title: Monitoring\n", "", "map.yaml line 13: heading '2' of demo has no title. Add `title: ...`"),
    ("    title: Demo\n", "", "framework 'demo' has no title"),
    ("[intended_use]", "[intended_uses]", "unknown human name 'intended_uses' (did you mean 'intended_use'?). Use a card field"),
    ("human: [monitoring_plan]", "human: [oversight]", "declare the field under human_fields: with the prompt"),
    ("evidence: [metrics", "evidences: [metrics", "unknown key 'evidences' (did you mean 'evidence'?)"),
    ('id: "2"', 'id: "1"', "map.yaml line 13: heading '1' of demo appears twice"),
    ("optional_evidence: [incidents]\n        human: [monitoring_plan]", "asks: watch it", "heading '2' of demo maps nothing"),
    ("evidence: [metrics, calibration_md]", "evidence: metrics", "evidence must be a list of names"),
    ("evidence: [metrics, calibration_md]", "evidence: [metrics, metrics]", "names ['metrics'] more than once"),
    ("optional_evidence: [incidents]", "optional_evidence: [incidents]\n        evidence: [incidents]", "is both expected and optional evidence"),
    ("  monitoring_plan: Describe the monitoring.", "  monitoring plan: Describe.", "a field name is lower_case_with_underscores"),
    ("  monitoring_plan: Describe the monitoring.", "  owners: Who.", "human field 'owners' is already a card field"),
    ("schema: 1", "schema: 2", "schema 2 is not one this workbench reads"),
    ("frameworks:", "framework:", "unknown key 'framework' (did you mean 'frameworks'?)"),
])
def test_malformed_maps_are_refused_with_the_fix(old, new, message):
    assert old in GOOD
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_regulatory_map(GOOD.replace(old, new, 1), source="map.yaml")


def test_map_files_are_checked_when_read(tmp_path):
    with pytest.raises(ConfigError, match="No regulatory map at .*Copy compliance/regulatory_map.yaml"):
        load_regulatory_map(tmp_path / "missing.yaml")
    (tmp_path / "settings.ini").write_text("[workbench]\n")
    (tmp_path / "compliance").mkdir()
    (tmp_path / REGULATORY_MAP).write_bytes(b"\xff\xfe not text")
    with pytest.raises(ConfigError, match="cannot be read as UTF-8 text"):
        load_regulatory_map(tmp_path / REGULATORY_MAP)
    (tmp_path / REGULATORY_MAP).write_text(GOOD.replace("[metrics,", "[metric,"))
    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / REGULATORY_MAP} line 9: heading '1' of demo: unknown evidence name 'metric'")):
        load_regulatory_map(tmp_path / REGULATORY_MAP)
    (tmp_path / REGULATORY_MAP).write_text(GOOD)
    assert load_regulatory_map(tmp_path / REGULATORY_MAP).source == "compliance/regulatory_map.yaml"


def test_hostile_text_stays_text(runs):
    yaml_text = (f'human_fields:\n  monitoring_plan: "{EVIL[1]}"\nframeworks:\n  - id: evil\n    title: "{EVIL[0]} {EVIL[2]}"\n'
                 f'    source: "{EVIL[4]}"\n    note: "{EVIL[3]} {EVIL[1]}"\n    headings:\n'
                 + "".join(f'      - id: "{e}"\n        title: "{e} {EVIL[2]}"\n        evidence: [metrics]\n        human: [caveats, monitoring_plan]\n'
                           for e in EVIL))
    mapping = parse_regulatory_map(yaml_text)
    fields = {**FIELD_PROMPTS, "caveats": "FIELD " + "\n".join(EVIL), "monitoring_plan": "FIELD " + " ".join(EVIL)}
    context = card_context(runs["binary"], fields)
    md = render_regulatory_markdown(regulatory_coverage(context, mapping))
    assert "FIELD" not in md  # the team's texts are on the card, escaped there; the appendix only says they are written
    assert [len(w) for w in table_widths(md)] == [1] and table_widths(md)[0] == {6}
    html = md_to_html(md)
    doc = Tags(html)
    assert doc.tables == [[5] * (len(EVIL) + 1)]
    assert [t for t, a in doc.tags if t in ("script", "img", "a") or "onerror" in a] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; a|b" in html
    card = render_card(context) + "\n" + regulatory_appendix(context, mapping)  # on the card: every table keeps its shape
    assert all(len(w) == 1 for w in table_widths(card))
    assert "<script" not in md_to_html(card)


def test_appendix_goes_after_the_card_and_renders_as_html(runs, shipped):
    context = card_context(runs["binary"], FIELD_PROMPTS)
    appendix = regulatory_appendix(context, shipped)
    assert appendix == render_regulatory_markdown(regulatory_coverage(context, shipped))
    assert appendix.startswith("## Regulatory appendix\n") and "not legal advice" in appendix
    assert render_regulatory_markdown(regulatory_coverage(context, shipped), heading=None).startswith("How the evidence")
    html = md_to_html(appendix)
    assert [len(set(rows)) for rows in Tags(html).tables] == [1, 1]
    assert Tags(html).tables[0][0] == 5 and len(Tags(html).tables[0]) == 10 and len(Tags(html).tables[1]) == 6
    assert appendix == regulatory_appendix(card_context(runs["binary"], FIELD_PROMPTS), load_regulatory_map(ROOT / REGULATORY_MAP))  # deterministic
    assert repr(regulatory_coverage(context, shipped)) == ("RegulatoryCoverage(tbl-xgboost v4 (run " + "e" * 32 + "): eu_ai_act_annex_iv 1 covered, "
                                                           "8 needs human text; sr_11_7 5 needs human text)")
