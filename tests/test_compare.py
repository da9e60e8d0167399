"Paired comparison: DeLong against its definition and pROC's published aSAH results, McNemar and Holm against statsmodels, permutation p-values against scipy's exact test, and compare_predictions on every task (identical models, a clearly better model, mirror, entities, ties, tiny n, one class, bad input, evidence, display)."
import json
import math
from functools import lru_cache
import numpy as np
import pytest
from scipy import stats
from sklearn import metrics as skm
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar
from statsmodels.stats.multitest import multipletests
from workbench.compare import (Comparison, compare_predictions, delong_test, holm, mcnemar_test, paired_bootstrap, paired_permutation_test,
                               render_comparison_html, render_comparison_markdown)
from workbench.compare import _ap_swap, _delong, _linear, _stacked
from workbench.errors import ConfigError, DataError
from workbench.evaluate import METRICS, PRIMARY, evaluate_predictions

# ---------------------------------------------------------------------------------------------------------------------------------
# DeLong

# pROC's example data `aSAH` (Turck et al. 2010, Intensive Care Medicine 36:107-115), shipped with R's pROC as data/aSAH.rda
# (github.com/xrobin/pROC): 113 patients in the package's row order. outcome: 1 = "Poor"; wfns: the WFNS grade 1-5 (an ordered
# factor in R, its level codes here); s100b and ndka: the two biomarkers. Transcribed from two independent public copies of the R
# data, which agree row for row; the published figures below are reproduced to 1e-10, which a wrong row would not survive.
ASAH_POOR = "00001101001011001011101000000000100110110000000001100010001010011101101111000110100000010000000000001111110001000"
ASAH_WFNS = "11113254125255125225211112121134214541425511241125521251222151125214524414121421232421451154221113125225552445111"
ASAH_S100B = """0.13 0.14 0.1 0.04 0.13 0.1 0.47 0.16 0.18 0.1 0.12 0.1 0.44 0.71 0.04 0.08 0.49 0.04 0.07 0.33 0.09 0.09 0.07 0.11 0.07
0.17 0.07 0.11 0.13 0.19 0.05 0.16 0.41 0.14 0.34 0.35 0.48 0.09 0.96 0.25 0.5 0.46 0.16 0.07 0.43 0.45 0.11 0.08 0.09 0.86 0.52 0.08
0.06 0.13 2.07 0.1 0.14 0.15 0.07 0.06 0.77 0.05 0.09 0.3 0.03 0.09 0.04 0.23 0.7 0.09 0.27 0.71 0.08 0.26 0.08 0.16 0.09 0.13 0.1
0.08 0.11 0.33 0.11 0.28 0.07 0.1 0.32 0.22 0.07 0.05 0.24 0.38 0.1 0.15 0.08 0.14 0.1 0.07 0.04 0.19 0.56 0.14 0.58 0.32 0.82 0.74
0.15 0.47 0.17 0.44 0.15 0.5 0.48"""
ASAH_NDKA = """3.01 8.54 8.09 10.42 17.4 12.75 6 13.2 15.54 6.01 15.96 17.86 5.18 8.9 13.41 20.75 11.6 16.11 32.37 54.82 32.41 49.94 40.34
9.47 6.29 12.53 6.54 6.3 80.3 12.8 9.8 9.81 9.85 18.21 5.03 14.04 21.93 8.02 7.42 8.38 6.59 9.63 13.12 7.96 14.34 41.43 7.63 7.06
12.59 13.56 3.87 9.44 7.66 12.98 419.19 27.19 22.27 9.95 21.22 11.73 10.4 58.83 6.39 11.09 12.22 13.67 17.21 22.63 12.9 9.7 21.57
8.23 72.57 15.54 10.51 10.6 14.57 5.19 9.63 4.61 21.48 17.3 12.71 9.44 11.07 19.46 10.83 5.37 11.97 7.75 9.83 10.55 28.49 8.53 12.57
12.9 46.83 11.68 12.67 9.01 9.57 34.06 11.72 14.26 47.61 11.67 24.58 10.33 13.87 15.89 22.43 6.79 13.45"""
ASAH = {"y": np.array([int(c) for c in ASAH_POOR]), "wfns": np.array([float(c) for c in ASAH_WFNS]),
        "s100b": np.array(ASAH_S100B.split(), dtype=float), "ndka": np.array(ASAH_NDKA.split(), dtype=float)}

# pROC's own test suite, tests/testthat/test-roc.test.R, "roc.test statistic and p are as expected with defaults":
# roc.test(r1, r2) is DeLong's paired test of AUC(r1) - AUC(r2), with its 95% interval. delong_test reports B - A, so A = r2, B = r1.
PROC_ROC_TEST = [  # (r1, r2, Z, p, interval low, interval high)
    ("wfns", "s100b", 2.20898359144091, 0.0271757822291882, 0.0104061769564846, 0.174214419249478),
    ("wfns", "ndka", 2.79777591868904, 0.00514557970691098, 0.0634011709339876, 0.3600405634833566),
    ("ndka", "s100b", -1.39077002573558, 0.164295175223054, -0.2876917446341914, 0.0488706064228094),
]
# tests/testthat/test-var.R, "var with delong works"; the AUCs as pROC's documentation prints them (auc(r.wfns) etc.).
PROC_VAR = {"wfns": 0.00146991470882363, "ndka": 0.0031908105493913, "s100b": 0.00266868245717244}
PROC_AUC = {"wfns": 0.8237, "ndka": 0.6120, "s100b": 0.7314}


def test_asah_has_the_published_shape():
    assert len(ASAH["y"]) == len(ASAH["wfns"]) == len(ASAH["s100b"]) == len(ASAH["ndka"]) == 113
    assert ASAH["y"].sum() == 41  # 72 Good, 41 Poor


@pytest.mark.parametrize("r1,r2,z,p,low,high", PROC_ROC_TEST, ids=[f"{a}-{b}" for a, b, *_ in PROC_ROC_TEST])
def test_delong_reproduces_proc_roc_test_on_asah(r1, r2, z, p, low, high):
    d = delong_test(ASAH["y"], ASAH[r2], ASAH[r1])
    assert d.z == pytest.approx(z, rel=1e-10) and d.p_value == pytest.approx(p, rel=1e-10)
    half = stats.norm.ppf(0.975) * d.std_error
    assert (d.difference - half, d.difference + half) == pytest.approx((low, high), rel=1e-9)
    assert round(d.auc_b, 4) == PROC_AUC[r1] and round(d.auc_a, 4) == PROC_AUC[r2]
    mirror = delong_test(ASAH["y"], ASAH[r1], ASAH[r2])
    assert mirror.z == pytest.approx(-z, rel=1e-10) and mirror.p_value == pytest.approx(p, rel=1e-10)


def test_delong_variances_reproduce_proc_var():
    auc, cov = _delong(ASAH["y"], np.vstack([ASAH[k] for k in PROC_VAR]))
    assert np.diag(cov) == pytest.approx(list(PROC_VAR.values()), rel=1e-10)
    assert auc == pytest.approx([skm.roc_auc_score(ASAH["y"], ASAH[k]) for k in PROC_VAR], abs=1e-12)


def delong_direct(y, a, b):
    "DeLong et al. (1988) written out pair by pair: structural components V10 (per positive) and V01 (per negative), O(n_pos * n_neg)."
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    v10, v01 = np.zeros((2, len(pos))), np.zeros((2, len(neg)))
    for r, s in enumerate((a, b)):
        for i, p in enumerate(pos):
            for j, q in enumerate(neg):
                psi = 1.0 if s[p] > s[q] else 0.5 if s[p] == s[q] else 0.0
                v10[r, i] += psi / len(neg)
                v01[r, j] += psi / len(pos)
    auc = v10.mean(axis=1)
    S = np.cov(v10) / len(pos) + np.cov(v01) / len(neg)
    se = math.sqrt(S[0, 0] + S[1, 1] - 2 * S[0, 1])
    return auc, auc[1] - auc[0], se


@pytest.mark.parametrize("n,positives,decimals,seed", [(60, 0.5, 1, 0), (80, 0.2, 0, 1), (45, 0.7, 2, 2), (4, 0.5, 1, 3), (7, 0.4, 0, 4)])
def test_delong_equals_the_direct_definition_with_ties(n, positives, decimals, seed):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < positives).astype(int)
    y[:2], y[2:4] = 1, 0  # at least two of each class
    a = np.round(0.6 * y + rng.normal(0, 1, n), decimals)  # rounding ties scores within and across classes
    b = np.round(0.5 * a + rng.normal(0, 0.7, n), decimals)
    d = delong_test(y, a, b)
    auc, diff, se = delong_direct(y, a, b)
    assert (d.auc_a, d.auc_b, d.difference, d.std_error) == pytest.approx((*auc, diff, se), abs=1e-12)
    assert d.z == pytest.approx(diff / se, rel=1e-9) if se > 0 else d.z in (0.0, math.inf, -math.inf)


def test_delong_on_identical_scores_is_z_0_p_1():
    d = delong_test(ASAH["y"], ASAH["wfns"], ASAH["wfns"].copy())
    assert (d.difference, d.std_error, d.z, d.p_value) == (0.0, 0.0, 0.0, 1.0)


@pytest.mark.parametrize("y,a,b,match", [
    ([0, 1, 0, 1], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3, 0.4], "shapes"),
    ([0, 1, 2, 1], [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], "0/1 labels"),
    ([0, 1, 0, 1], [0.1, np.nan, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], "finite scores"),
    ([0, 1, 1, 1], [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], "at least 2 rows of each class; got 1 negative and 3 positive"),
])
def test_delong_refuses_bad_input(y, a, b, match):
    with pytest.raises(DataError, match=match):
        delong_test(y, a, b)

# ---------------------------------------------------------------------------------------------------------------------------------
# McNemar and Holm


def _pairs(both, only_a, only_b, neither):
    "Labels and two models' predictions with the given 2x2 counts of right/wrong."
    y = np.ones(both + only_a + only_b + neither, int)
    right_a = np.r_[np.ones(both + only_a), np.zeros(only_b + neither)].astype(bool)
    right_b = np.r_[np.ones(both), np.zeros(only_a), np.ones(only_b), np.zeros(neither)].astype(bool)
    return y, np.where(right_a, 1, 0), np.where(right_b, 1, 0)


@pytest.mark.parametrize("table", [(10, 1, 7, 3), (1, 1, 7, 12), (5, 4, 4, 5), (0, 0, 0, 9), (20, 0, 3, 2), (100, 37, 61, 12), (3, 250, 190, 40)])
def test_mcnemar_exact_p_equals_statsmodels(table):
    both, only_a, only_b, neither = table
    r = mcnemar_test(*_pairs(*table), midp=False)
    expected = sm_mcnemar([[both, only_a], [only_b, neither]], exact=True).pvalue
    assert (r.only_a, r.only_b) == (only_a, only_b)
    assert r.p_value == r.exact_p == pytest.approx(expected, rel=1e-12)
    assert mcnemar_test(*_pairs(*table)).p_value <= r.exact_p  # the mid-p is never larger


def test_mcnemar_midp_follows_fagerland_et_al():
    "Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol 13:91, supplement 'How to calculate the McNemar mid-p test': their Table 1"
    " (Bentur et al., 21 children, n12 = 1, n21 = 7), exact = 2 binomcdf(1, 8, 0.5) and mid-p = exact - binompdf(1, 8, 0.5) (eq. 2)."
    r = mcnemar_test(*_pairs(1, 1, 7, 12))
    assert (round(r.exact_p, 3), round(r.p_value, 3)) == (0.070, 0.039)
    assert (r.exact_p, r.p_value) == pytest.approx((18 / 256, 10 / 256), rel=1e-12)
    tie = mcnemar_test(*_pairs(3, 4, 4, 3))  # n12 = n21: exact 1, mid-p 1 - binompdf(4, 8, 0.5) / 2
    assert (tie.exact_p, tie.p_value) == pytest.approx((1.0, 1 - 0.5 * 70 / 256), rel=1e-12)
    assert mcnemar_test(*_pairs(5, 0, 0, 5))[2:] == (1.0, 1.0)  # no discordant row: nothing to test


@pytest.mark.parametrize("seed,size", [(0, 7), (1, 1), (2, 20), (3, 4)])
def test_holm_equals_statsmodels(seed, size):
    p = np.random.default_rng(seed).random(size) ** 3
    if size > 3: p[1] = p[2]  # a tie
    assert holm(p) == pytest.approx(multipletests(p, method="holm")[1], abs=1e-15)


def test_holm_leaves_nan_out():
    got = holm([0.01, np.nan, 0.04])
    assert np.isnan(got[1]) and got[[0, 2]] == pytest.approx(multipletests([0.01, 0.04], method="holm")[1])

# ---------------------------------------------------------------------------------------------------------------------------------
# Permutations


def _generated(task, n, seed=0, ties=False):
    "Labels and two models' scores of different quality; `ties` rounds them so that they tie often."
    rng = np.random.default_rng(seed)
    if task == "binary":
        y = rng.integers(0, 2, n)
        y[:2], y[2:4] = 1, 0
        a, b = np.clip(0.2 * y + 0.8 * rng.random(n), 0.01, 0.99), np.clip(0.35 * y + 0.65 * rng.random(n), 0.01, 0.99)
        return (y, np.round(a, 1), np.round(b, 1)) if ties else (y, a, b)
    if task == "multiclass":
        y = rng.integers(0, 3, n)
        y[:3] = [0, 1, 2]
        soft = lambda w: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(np.round(rng.normal(size=(n, 3)) + w * np.eye(3)[y], 0 if ties else 8)))
        return y, soft(0.8), soft(1.6)
    y = rng.normal(50, 10, n)
    a, b = y + rng.normal(0, 8, n), y + rng.normal(0, 5, n)
    return (y, np.round(a), np.round(b)) if ties else (y, a, b)


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
@pytest.mark.parametrize("ties", [False, True])
def test_linear_swap_shortcuts_equal_the_weighted_metric(task, ties):
    "B' - A' for linear metrics (means of per-row values, ROC AUC) and for average precision equals the metric's own weighted function."
    y, a, b = _generated(task, 50, seed=1, ties=ties)
    swap = np.random.default_rng(2).random((30, 50)) < 0.5
    U = swap.astype(float)
    WA, y2 = np.hstack([1 - U, U]), np.r_[y, y]
    for key, m in METRICS[task].items():
        s2 = _stacked(m, a, b, 0.5, 0.5)
        weighted = m.boot(1 - WA, y2, s2, 0.5) - m.boot(WA, y2, s2, 0.5)
        linear = _linear(task, key, y, a, b)
        if linear is not None:
            assert linear[0] + U @ linear[1] == pytest.approx(weighted, abs=1e-12), key
        if key == "average_precision":
            assert _ap_swap(WA, y2, s2) == pytest.approx(weighted, abs=1e-12)


def test_permutation_p_matches_the_exact_permutation_test():
    "On 12 rows all 4,096 swap patterns can be enumerated (scipy); 20,000 random swaps land within Monte Carlo error of it."
    y, a, b = _generated("binary", 12, seed=5)
    nll = lambda s: -np.log(np.where(y == 1, s, 1 - s))
    exact = stats.permutation_test((nll(a), nll(b)), lambda u, v, axis: np.mean(v - u, axis=axis), permutation_type="samples",
                                   n_resamples=np.inf).pvalue
    got = paired_permutation_test(y, a, b, task="binary", metric="log_loss", permutations=20000, random_state=0)
    assert got.p_value == pytest.approx(exact, abs=0.015) and got.permutations == 20000


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_permutation_of_identical_models_gives_p_1(task):
    y, a, _ = _generated(task, 40)
    for key in METRICS[task]:
        r = paired_permutation_test(y, a, a.copy(), task=task, metric=key, permutations=200, random_state=0)
        assert (r.difference, r.p_value) == (0.0, 1.0), key


def test_permutation_swaps_whole_entities():
    "Ten entities: 2^10 swap patterns at most, so the smallest possible p is far above 1/1001; rows alone would give it."
    rng = np.random.default_rng(0)
    entity = np.repeat(np.arange(10), 30)
    y = rng.normal(size=300)
    a, b = y + rng.normal(0, 1, 300), y + rng.normal(0, 1, 300) * 0.5
    by_row = paired_permutation_test(y, a, b, task="regression", metric="mae", random_state=0)
    by_entity = paired_permutation_test(y, a, b, task="regression", metric="mae", groups=entity, random_state=0)
    assert by_row.p_value == 1 / 1001 and by_entity.p_value >= 2 / 1024


def test_permutation_refuses_an_unknown_or_undefined_metric():
    y, a, b = _generated("binary", 30)
    with pytest.raises(ConfigError, match="'rmse' is not a binary metric"):
        paired_permutation_test(y, a, b, task="binary", metric="rmse")
    with pytest.raises(DataError, match="roc_auc is undefined here: the labels hold one class only"):
        paired_permutation_test(np.zeros(30), a, b, task="binary")

# ---------------------------------------------------------------------------------------------------------------------------------
# compare_predictions on scikit-learn's data


@lru_cache(maxsize=None)
def _real(task):
    "Test labels, a weak model's scores and a strong model's on scikit-learn's bundled data (same rows)."
    if task == "binary":
        X, y = load_breast_cancer(return_X_y=True)
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
        weak = DecisionTreeClassifier(max_depth=1, random_state=0).fit(Xtr, ytr).predict_proba(Xte)[:, 1]
        strong = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(Xtr, ytr).predict_proba(Xte)[:, 1]
    elif task == "multiclass":
        X, y = load_wine(return_X_y=True)
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
        fit = lambda cols: make_pipeline(StandardScaler(), LogisticRegression(C=0.05)).fit(Xtr[:, cols], ytr).predict_proba(Xte[:, cols])
        weak, strong = fit([0, 1]), fit(list(range(13)))
    else:
        X, y = load_diabetes(return_X_y=True)
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
        weak, strong = np.full(len(yte), ytr.mean()), LinearRegression().fit(Xtr, ytr).predict(Xte)
    return yte, weak, strong


TASKS = ["binary", "multiclass", "regression"]


@pytest.mark.parametrize("task", TASKS)
def test_identical_models_differ_by_zero_and_are_not_different(task):
    y, _, strong = _real(task)
    c = compare_predictions(y, strong, strong.copy(), task=task, resamples=300, random_state=0)
    assert list(c.metrics) == list(METRICS[task]) and c.primary == PRIMARY[task]
    assert {(m.difference, m.ci_low, m.ci_high, m.p, m.p_holm, m.verdict) for m in c.metrics.values()} == {(0.0, 0.0, 0.0, 1.0, 1.0, "not different")}
    assert c.verdict == "not different"


@pytest.mark.parametrize("task", TASKS)
def test_a_clearly_better_model_is_better_and_its_interval_excludes_0(task):
    y, weak, strong = _real(task)
    c = compare_predictions(y, weak, strong, task=task, resamples=500, random_state=0, names=("weak", "strong"))
    primary = c.metrics[PRIMARY[task]]
    assert c.verdict == primary.verdict == "better"
    assert primary.ci_low > 0 if primary.goal == "maximize" else primary.ci_high < 0
    assert primary.p_holm < 0.05 and primary.p <= primary.p_holm
    expected = {"binary": "DeLong", "multiclass": "paired permutation", "regression": "paired permutation"}[task]
    assert primary.test == expected


@pytest.mark.parametrize("task", TASKS)
def test_b_vs_a_is_the_mirror_of_a_vs_b(task):
    y, weak, strong = _real(task)
    ab = compare_predictions(y, weak, strong, task=task, resamples=300, random_state=1)
    ba = compare_predictions(y, strong, weak, task=task, resamples=300, random_state=1)
    flip = {"better": "worse", "worse": "better", "not different": "not different"}
    assert ba.verdict == flip[ab.verdict]
    for k, m in ab.metrics.items():
        r = ba.metrics[k]
        assert (r.value_a, r.value_b) == (m.value_b, m.value_a)
        assert (r.difference, r.ci_low, r.ci_high) == pytest.approx((-m.difference, -m.ci_high, -m.ci_low), abs=2e-6)
        assert (r.p, r.p_holm) == pytest.approx((m.p, m.p_holm), rel=1e-9) and r.verdict == flip[m.verdict]


@pytest.mark.parametrize("task", TASKS)
def test_values_are_evaluates_and_intervals_are_paired_bootstraps(task):
    y, weak, strong = _real(task)
    c = compare_predictions(y, weak, strong, task=task, resamples=200, random_state=4)
    boot = paired_bootstrap(y, weak, strong, task=task, resamples=200, random_state=4)
    ev_a, ev_b = (evaluate_predictions(y, s, task=task, resamples=1, random_state=0).metrics for s in (weak, strong))
    for k, m in c.metrics.items():
        assert (m.ci_low, m.ci_high, m.difference) == (boot[k].ci_low, boot[k].ci_high, boot[k].value)
        assert (m.value_a, m.value_b) == (ev_a[k].value, ev_b[k].value)


def test_one_resample_pairs_both_models_on_the_same_drawn_rows():
    y, weak, strong = _real("binary")
    one = paired_bootstrap(y, weak, strong, task="binary", resamples=1, random_state=7)
    drawn = np.random.default_rng(7).integers(0, len(y), len(y))
    for key, f in (("roc_auc", skm.roc_auc_score), ("log_loss", skm.log_loss), ("recall", lambda t, s: skm.recall_score(t, s >= 0.5))):
        assert one[key].ci_low == one[key].ci_high == pytest.approx(f(y[drawn], strong[drawn]) - f(y[drawn], weak[drawn]), abs=1e-6)

# ---------------------------------------------------------------------------------------------------------------------------------
# generated awkward data


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("n,ties,grouped", [(300, True, False), (300, False, True), (12, False, False), (12, True, True)])
def test_awkward_data_gives_a_complete_comparison(task, n, ties, grouped):
    y, a, b = _generated(task, n, seed=3, ties=ties)
    groups = np.arange(n) // 3 if grouped else None
    c = compare_predictions(y, a, b, task=task, groups=groups, resamples=200, random_state=0)
    assert c.n_rows == n and c.method == (f"entity bootstrap over {n // 3} groups" if grouped else "row bootstrap")
    for k, m in c.metrics.items():
        assert m.ci_low <= m.ci_high and 0 < m.p <= m.p_holm <= 1 and m.verdict in ("better", "worse", "not different"), (k, m)
        if grouped: assert m.test == "paired permutation"
    json.dumps(c.to_dict(), allow_nan=False)


def test_ties_everywhere_two_constant_models():
    "Two models that score every row the same (each its own constant): AUC 0.5 each, differences 0, nothing to tell apart."
    y = np.r_[np.zeros(20, int), np.ones(20, int)]
    c = compare_predictions(y, np.full(40, 0.3), np.full(40, 0.7), task="binary", resamples=200, random_state=0)
    assert c.metrics["roc_auc"].difference == 0.0 and c.metrics["roc_auc"].p == 1.0 and c.verdict == "not different"
    assert c.metrics["recall"].difference == 1.0  # A predicts nothing positive, B everything


def test_one_class_labels_compare_what_is_defined_and_say_what_is_not():
    y = np.zeros(50, int)
    a, b = np.linspace(0.3, 0.9, 50), np.linspace(0.1, 0.7, 50)
    c = compare_predictions(y, a, b, task="binary", resamples=200, random_state=0)
    assert c.verdict == "not compared" and c.summary().startswith("B vs A: roc_auc not compared")
    assert set(c.metrics) == {"log_loss", "brier", "precision", "f1"}
    assert c.metrics["brier"].verdict == "better"
    assert any(n.startswith("roc_auc is not compared: the labels hold one class only") for n in c.notes)
    assert any(n.startswith("recall is not compared") for n in c.notes)


def test_non_inferiority_and_margin():
    y, weak, strong = _real("binary")
    near = np.clip(strong + np.random.default_rng(0).normal(0, 0.002, len(strong)), 0, 1)
    assert compare_predictions(y, strong, near, task="binary", margin=0.01, non_inferiority=True, random_state=0).verdict == "not worse"
    assert compare_predictions(y, strong, near, task="binary", margin=0.01, random_state=0).verdict == "not different"
    assert compare_predictions(y, strong, weak, task="binary", margin=0.01, non_inferiority=True, random_state=0).verdict == "worse"
    huge = compare_predictions(y, weak, strong, task="binary", margin=0.5, random_state=0)  # AUC cannot improve by half
    assert huge.verdict == "not different" and huge.metrics["log_loss"].verdict == "better"  # the margin is the primary metric's


def test_two_thresholds_are_named():
    y, weak, strong = _real("binary")
    c = compare_predictions(y, weak, strong, task="binary", threshold_a=0.5, threshold_b=0.7, resamples=100, random_state=0)
    assert c.metrics["precision"].name == "precision at 0.5 (B at 0.7)"
    assert c.metrics["recall"].value_b == pytest.approx(skm.recall_score(y, strong >= 0.7), abs=1e-6)


@pytest.mark.parametrize("args,kwargs,error,match", [
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 0.7, 0.4]), {}, DataError, r"scores_a has shape \(4,\) but scores_b has \(3,\)"),
    ((np.r_[0, 1, 0], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 0.7, 0.4, 0.6]), {}, DataError, r"scores_a: y_true has shape \(3,\)"),
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, np.nan, 0.4, 0.6]), {}, DataError, "scores_b: scores are NaN or infinite for 1 of 4 rows"),
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 1.7, 0.4, 0.6]), {}, DataError, r"scores_b: binary scores must be probabilities"),
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 0.7, 0.4, 0.6]), {"task": "ranking"}, ConfigError, "task = 'ranking' is not one of"),
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 0.7, 0.4, 0.6]), {"names": ("m", "m")}, ConfigError, "different names"),
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 0.7, 0.4, 0.6]), {"margin": -0.1}, ConfigError, "margin >= 0"),
    ((np.r_[0, 1, 0, 1], np.r_[0.1, 0.8, 0.3, 0.9], np.r_[0.2, 0.7, 0.4, 0.6]), {"groups": [1, 1, 2]}, DataError, "groups has 3 ids for 4 rows"),
])
def test_bad_input_says_what_to_fix(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        compare_predictions(*args, **({"task": "binary"} | kwargs))


def test_multiclass_scores_of_the_wrong_width_name_the_model():
    y, weak, strong = _real("multiclass")
    with pytest.raises(DataError, match="scores_a: `classes` must name the 3 score columns"):
        compare_predictions(y, weak, strong, task="multiclass", classes=["a", "b"])

# ---------------------------------------------------------------------------------------------------------------------------------
# evidence and display


def test_comparison_round_trips_through_json_and_escapes_user_text():
    y, weak, strong = _real("binary")
    hostile = "<img src=x onerror=alert(1)>"
    c = compare_predictions(y, weak, strong, task="binary", resamples=200, random_state=0, names=("champion | v1", hostile))
    assert Comparison.from_dict(json.loads(json.dumps(c.to_dict(), allow_nan=False))) == c
    page = render_comparison_html(c)
    assert page.startswith("<!DOCTYPE html>") and "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    md = render_comparison_markdown(c)
    assert "<img" not in md and "champion \\| v1" in md and md.count("\n| ") == len(c.metrics) + 1
    assert "<img" not in c._repr_html_() and repr(c) == repr(Comparison.from_dict(c.to_dict()))
    assert c.summary().startswith(f"{hostile} vs champion | v1: better on ROC AUC (+")
