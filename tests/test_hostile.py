"""Hostile text through every output a person opens: column names, category values and class names that are script tags,
event handlers, `javascript:` links, Markdown image tricks, and `|` or backticks that break tables. Each HTML output (and each
Markdown output, rendered as a Markdown viewer would, raw HTML allowed) is opened in headless Chromium: no script may run, and
every table keeps its shape.

The payloads set an attribute on <body> whose name is built at run time ('data-' + 'pwned'), so the attribute appears in the
browser's DOM only if a payload ran; its text in an escaped page never matches."""
import json, re, shutil, subprocess
from pathlib import Path
import numpy as np
import pandas as pd
import pytest
from conftest import Tags, make_project, workbench

pytestmark = pytest.mark.xdist_group("hostile")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
RUN = "document.body.setAttribute('data-'+'pwned','1')"
PAYLOADS = [f"<script>{RUN}</script>", f'<img src=x onerror="{RUN}">', f"[click](javascript:{RUN})",
            f'![x](x" onerror="{RUN})', "a|b `c` d", f"<svg onload=\"{RUN}\">"]


def hostile_frame(n=600, seed=0):
    "A binary table whose column names, category values and labels are payloads."
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    cat = rng.choice(PAYLOADS[:4] + ["plain"], n)
    y = np.where(x[:, 0] + 0.5 * x[:, 1] + rng.normal(0, 1, n) > 0, PAYLOADS[0], "<b>no</b>")
    return pd.DataFrame({PAYLOADS[1]: x[:, 0], PAYLOADS[4]: x[:, 1], PAYLOADS[5]: x[:, 2], PAYLOADS[3]: cat, "label": y})


def ran_script(page: Path):
    "Whether any script ran when Chromium loaded `page` (its DOM after load carries the payloads' marker)."
    dom = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom",
                          page.resolve().as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "<body" in dom, f"Chromium rendered nothing for {page}"
    return 'data-pwned="1"' in dom


def table_shapes(text):
    return [sorted(set(t)) for t in Tags(text).tables if t]


def markdown_page(md_path, out):
    "A Markdown file rendered to HTML as a permissive viewer would (raw HTML passed through), for the browser check."
    import mistune
    body = mistune.create_markdown(escape=False, plugins=["table"])(md_path.read_text().split("---\n", 2)[-1])
    out.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>")
    return out


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    "A project that declared, profiled, trained, carded and monitored the hostile table through the real command line."
    project = make_project(tmp_path_factory.mktemp("hostile"))
    (project / "data").mkdir()
    df = hostile_frame()
    df.iloc[:450].to_csv(project / "data" / "evil.csv", index=False)
    batch = df.iloc[450:].copy()
    batch[PAYLOADS[1]] = batch[PAYLOADS[1]] * 100  # a unit change: an alert, a post-mortem
    batch.to_csv(project / "data" / "evil_batch.csv", index=False)
    def step(*args):
        proc = workbench(*args, cwd=project)
        assert proc.returncode in (0, 1), (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc
    step("contract", "init", "data/evil.csv", "--name", "evil", "--target", "label", "--positive", PAYLOADS[0])
    decl = project / "datasets" / "evil.yaml"  # the team slices the metrics by the hostile column, as its reviewers would edit the file
    decl.write_text(decl.read_text().replace("segments: []", "segments:\n- " + json.dumps(PAYLOADS[3])))
    step("contract", "check", "data/evil_batch.csv", "--name", "evil")
    runs = [re.search(r"^run ([0-9a-f]{32}) ", step("run", "nbs/experiments/train.ipynb", "-p", "dataset", "evil", "-p", "data_path",
                                                   "data/evil.csv", "-p", "model", model).stdout, re.M).group(1) for model in ("baseline", "random_forest")]
    for run in runs:  # the second promotion compares with the first: a comparison report; the reason is user text on the card
        step("promote", run, "--force", "--reason", PAYLOADS[2] + " " + PAYLOADS[4])
    step("monitor", "data/evil_batch.csv", "--model", "evil")
    return project


def outputs(project):
    "Every HTML and Markdown file a person would open."
    found = [*project.glob("reports/**/*.html"), *project.glob("model_cards/**/*.html")]
    mds = [*project.glob("model_cards/**/card.md"), *project.glob("reports/postmortems/*.md"), *project.glob("reports/monitoring/*.md"),
           *project.glob("reports/comparisons/*.md")]
    return found, mds


@pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (make test installs Debian's chromium package as root)")
def test_no_payload_runs_in_any_output_and_tables_keep_their_shape(hostile_project, tmp_path):
    pages, mds = outputs(hostile_project)
    kinds = lambda files: {part for p in files for part in ("contracts", "experiments", "model_cards", "monitoring", "postmortems", "comparisons")
                           if part in p.parts}
    assert kinds(pages) == {"contracts", "experiments", "model_cards", "comparisons"}, pages  # HTML: contract reports, notebook, cards, comparison
    assert kinds(mds) == {"model_cards", "monitoring", "postmortems", "comparisons"}, mds  # Markdown: cards, monitoring, post-mortem, comparison
    cards = [md.read_text() for md in mds if "model_cards" in md.parts]
    assert all("### Slices" in c and "## Comparison and promotion" in c and "reason: " in c for c in cards)  # the hostile slices and reason are there
    assert all("### Local explanations" in c and "### Hyperparameters" in c for c in cards)  # hostile feature names and category values
    assert sum("(post-mortem `" in c.split("## Incidents")[1] for c in cards) == 1  # the monitored champion embeds its incident
    rendered = [markdown_page(md, tmp_path / f"{i}-{md.stem}.html") for i, md in enumerate(mds)]
    for page in pages + rendered:
        assert not ran_script(page), f"a payload ran in {page}"
        for shape in table_shapes(page.read_text()):
            assert len(shape) == 1, f"a table in {page} has rows of {shape} cells"


def test_markdown_tables_keep_their_columns(hostile_project):
    "A `|` in a column name must not split a Markdown table cell."
    _, mds = outputs(hostile_project)
    for md in mds:
        for block in md.read_text().split("\n\n"):
            rows = [r for r in block.splitlines() if r.startswith("|")]
            if len(rows) < 2: continue
            counts = {len([c for c in _cells(r)]) for r in rows}
            assert len(counts) == 1, (md, rows[:3])


def _cells(row):
    "Cells of a Markdown table row, honouring `\\|` escapes."
    out, cur, i = [], "", 1
    while i < len(row):
        ch = row[i]
        if ch == "\\" and i + 1 < len(row): cur += row[i:i + 2]; i += 2; continue
        if ch == "|": out.append(cur); cur = ""
        else: cur += ch
        i += 1
    return out


@pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed")
def test_notebook_displays_escape_user_text(tmp_path):
    "What JupyterLab shows for each result object (its _repr_html_) runs no payload."
    from workbench.config import load_settings
    from workbench.contracts import build_suite
    from workbench.data import declare_dataset
    from workbench.steps import run_experiment
    from workbench.tracking import MemoryTracker
    df = hostile_frame()
    spec, _ = declare_dataset(df, "evil", "label", positive=PAYLOADS[0])
    settings = load_settings(tmp_path, environ={"WORKBENCH_BOOTSTRAP_RESAMPLES": "50", "WORKBENCH_SHAP_SAMPLE_ROWS": "100"})
    exp = run_experiment(df, spec, build_suite(df, spec), settings, model="baseline", tracker=MemoryTracker(), register=False)
    parts = [exp, exp.contract, exp.manifest, exp.leakage, exp.evaluation, exp.importance]
    page = tmp_path / "displays.html"
    page.write_text("<!DOCTYPE html><html><body>" + "".join(p._repr_html_() for p in parts) + "</body></html>")
    assert not ran_script(page)
