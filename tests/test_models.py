"Model families behind one interface, for every task: fitting, validation slices, bad input, refusals, training health."
import re, subprocess, sys, warnings
import numpy as np
import pandas as pd
import pytest
from workbench.demo import CHURN, generate_churn
from workbench.errors import ModelError
from workbench.health import HealthFinding, TrainingDiverged, TrainingHealth, render_training_png, validation_split
from workbench.models import (IMPORTABLE_PACKAGES, MODEL_FAMILIES, UnseenCategoryWarning, build_model, check_model, check_target,
                              fit_model, is_model_name, model_family, model_tasks, models_for_task, training_health, training_history)

NUM = ["tenure_months", "monthly_charges", "usage_gb", "support_calls"]
CAT = list(CHURN.categorical)
FAST = {"xgboost": {"n_estimators": 30}, "pytorch": {"epochs": 3}, "scikit-learn": {}}
TARGET = {"binary": "churned", "multiclass": "contract_code", "regression": "usage_gb"}
PAIRS = [(name, task) for name, specs in MODEL_FAMILIES.items() for task in specs]
LOSS = {("xgboost", "binary"): "logloss", ("xgboost", "multiclass"): "mlogloss", ("xgboost", "regression"): "rmse",
        ("pytorch", "binary"): "log_loss", ("pytorch", "multiclass"): "log_loss", ("pytorch", "regression"): "mse"}


@pytest.fixture(scope="module")
def churn():
    df = generate_churn(n_customers=400, months=5).sort_values("snapshot_date", kind="stable").reset_index(drop=True)
    df["contract_code"] = df.contract_type.map({c: i for i, c in enumerate(sorted(df.contract_type.unique()))})
    cut = df.snapshot_date.quantile(0.75)
    return df[df.snapshot_date < cut], df[df.snapshot_date >= cut]


def columns(task):
    "Feature columns for `task`: the churn table's, less the column the target comes from."
    drop = {"multiclass": "contract_type", "regression": "usage_gb"}.get(task)
    return [c for c in NUM if c != drop], [c for c in CAT if c != drop]


def fit(name, task, train, params=None, **kw):
    num, cat = columns(task)
    family = model_family(name)
    m = build_model(name, task=task, numeric=num, categorical=cat, random_state=0, n_jobs=1, params={**FAST[family], **(params or {})})
    return fit_model(m, train[num + cat], train[TARGET[task]], time=train.snapshot_date, groups=train.customer_id, **kw), num + cat


def scores(m, X, task): return m.predict(X) if task == "regression" else m.predict_proba(X)


@pytest.mark.parametrize("name,task", PAIRS)
def test_every_family_fits_and_scores_every_task_through_one_pipeline(churn, name, task):
    train, test = churn
    m, cols = fit(name, task, train)
    assert list(m.named_steps) == ["inputs", "preprocess", "model"] and m.named_steps["inputs"].task == task
    out = scores(m, test[cols], task)
    k = {"binary": 2, "multiclass": 3}.get(task)
    assert out.shape == ((len(test),) if k is None else (len(test), k)) and np.isfinite(out).all()
    if k:
        np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)  # XGBoost returns float32
        assert set(m.predict(test[cols])) <= set(range(k))
    family = model_family(name)
    health = training_health(m)
    if family == "scikit-learn":
        assert health is None and training_history(m) is None
    else:
        assert health.family == family and health.loss == LOSS[family, task] and health.epochs_run == len(health.history) >= 1
        assert health.validation["strategy"] == "time+group"
        assert TrainingHealth.from_dict(health.to_dict()) == health


def test_the_table_resolves_names_per_task():
    assert models_for_task("multiclass") == ["baseline", "xgboost", "mlp", "random_forest", "hist_gradient_boosting"]
    assert models_for_task("regression")[-3:] == ["ridge", "xgboost_regressor", "mlp_regressor"]
    specs = {(n, t): s.path.rsplit(".", 1)[1] for n, ts in MODEL_FAMILIES.items() for t, s in ts.items()}
    assert specs["baseline", "multiclass"] == "LogisticRegression" and specs["baseline", "regression"] == "Ridge"
    assert specs["xgboost", "multiclass"] == "XGBEarlyStopClassifier" and specs["mlp", "regression"] == "TabularMLPRegressor"
    assert all(len({s.family for s in ts.values()}) == 1 for ts in MODEL_FAMILIES.values())
    assert model_tasks("mlp") == ("binary", "multiclass", "regression") and model_tasks("sklearn.svm.SVR") == ("regression",)


@pytest.mark.parametrize("name,task", [("baseline", "multiclass"), ("xgboost", "multiclass"), ("mlp", "multiclass"),
                                       ("random_forest", "binary"), ("mlp", "regression")])
def test_same_seed_same_scores(churn, name, task):
    train, test = churn
    a, cols = fit(name, task, train)
    b, _ = fit(name, task, train)
    np.testing.assert_array_equal(scores(a, test[cols], task), scores(b, test[cols], task))


def test_torch_threads_are_restored(churn):
    import torch
    before = torch.get_num_threads()
    fit("mlp", "multiclass", churn[0], {"n_threads": 1})
    assert torch.get_num_threads() == before


def test_validation_slice_keeps_time_order_and_whole_groups(churn):
    train, _ = churn
    tr, va, info = validation_split(len(train), time=train.snapshot_date, groups=train.customer_id, random_state=1)
    assert train.snapshot_date.iloc[tr].max() < train.snapshot_date.iloc[va].min()
    assert not set(train.customer_id.iloc[tr]) & set(train.customer_id.iloc[va])
    assert info["train_rows"] + info["val_rows"] + info["left_out_rows"] == len(train)
    tr, va, info = validation_split(len(train), groups=train.customer_id, random_state=1)
    assert info["strategy"] == "group" and not set(train.customer_id.iloc[tr]) & set(train.customer_id.iloc[va])
    tr, va, info = validation_split(100, fraction=0.2)
    assert (info["strategy"], tr.max(), va.min()) == ("tail", 79, 80)


def test_unknown_model_lists_the_ones_for_the_task():
    with pytest.raises(ModelError, match="Unknown model 'svm'. Models for binary: baseline, xgboost, mlp"):
        build_model("svm", task="binary", numeric=NUM, categorical=CAT)
    with pytest.raises(ModelError, match="no such import path"):
        build_model("sklearn.nothing.Here", task="binary", numeric=NUM, categorical=CAT)
    with pytest.raises(ModelError, match="Unknown task 'classification'"):
        build_model("baseline", task="classification", numeric=NUM, categorical=CAT)
    with pytest.raises(TypeError):  # the task is required
        build_model("baseline", numeric=NUM, categorical=CAT)
    assert is_model_name("sklearn.ensemble.RandomForestClassifier") and not is_model_name("svm")
    assert model_family("sklearn.ensemble.RandomForestClassifier") == "scikit-learn"


@pytest.mark.parametrize("name,task,match", [
    ("ridge", "multiclass", "Model 'ridge' does not do multiclass classification. Models for multiclass: baseline, xgboost, mlp, "
                            "random_forest, hist_gradient_boosting, or a scikit-learn classifier's import path."),
    ("xgboost_regressor", "binary", "does not do binary classification. Models for binary: baseline"),
    ("mlp_regressor", "multiclass", "does not do multiclass classification"),
    ("sklearn.linear_model.Ridge", "binary", "'sklearn.linear_model.Ridge' is a regressor, so it does not do binary classification"),
    ("sklearn.ensemble.RandomForestClassifier", "regression", "is a classifier, so it does not do regression. Models for regression: baseline, "
                                                               "xgboost, mlp, random_forest, hist_gradient_boosting, ridge, xgboost_regressor, "
                                                               "mlp_regressor, or a scikit-learn regressor's import path."),
    ("sklearn.preprocessing.StandardScaler", "binary", "neither a classifier nor a regressor"),
])
def test_a_model_that_cannot_do_the_task_is_refused(name, task, match):
    with pytest.raises(ModelError, match=re.escape(match)):
        check_model(name, task)
    with pytest.raises(ModelError, match="does not do"):
        build_model(name, task=task, numeric=NUM, categorical=CAT)


def test_an_estimator_instance_is_checked_against_the_task():
    from sklearn.linear_model import LogisticRegression, Ridge
    with pytest.raises(ModelError, match="'Ridge' is a regressor, so it does not do multiclass classification"):
        build_model(Ridge(), task="multiclass", numeric=NUM, categorical=CAT)
    check_model(LogisticRegression(), "multiclass")
    assert build_model(Ridge(), task="regression", numeric=NUM, categorical=CAT).named_steps["inputs"].task == "regression"


@pytest.mark.parametrize("path", ["os.path.join", "subprocess.Popen", "builtins.exec", "this.s", "os.system", "evil_module_xyz.Model"])
def test_import_paths_outside_the_allow_list_are_refused(path):
    with pytest.raises(ModelError, match=f"refused without importing it.*{path.split('.')[0]!r} is not one of them"):
        check_model(path, "binary")
    with pytest.raises(ModelError, match="refused without importing it"):
        build_model(path, task="regression", numeric=NUM, categorical=CAT)
    assert not is_model_name(path)
    assert path.split(".")[0] in {"os", "subprocess", "builtins"} or path.split(".")[0] not in sys.modules


def test_a_module_outside_the_allow_list_is_never_imported(tmp_path, monkeypatch):
    "The reliability issue: `-p model some.module.Class` ran the module's top-level code. The module here would leave a file."
    marker = tmp_path / "RAN"
    (tmp_path / "wb_planted_module.py").write_text(f"open({str(marker)!r}, 'w').close()\nclass Model: pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for call in (lambda: check_model("wb_planted_module.Model", "binary"), lambda: model_family("wb_planted_module.Model"),
                 lambda: model_tasks("wb_planted_module.Model")):
        with pytest.raises(ModelError, match="'wb_planted_module' is not one of them"):
            call()
    assert not is_model_name("wb_planted_module.Model")
    assert not marker.exists() and "wb_planted_module" not in sys.modules
    assert "sklearn" in IMPORTABLE_PACKAGES and "os" not in IMPORTABLE_PACKAGES


def test_checking_a_short_name_imports_neither_torch_nor_xgboost():
    code = ("import sys, workbench.models as m\n"
            "for t in ('binary', 'multiclass', 'regression'):\n"
            "    for n in m.models_for_task(t): m.check_model(n, t)\n"
            "print(sorted(k for k in ('torch', 'xgboost') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


@pytest.mark.parametrize("name,params,match", [
    ("baseline", {"C": "strong"}, "'C' parameter of LogisticRegression"),
    ("xgboost", {"max_depth": "deep"}, "'max_depth' parameter"),
    ("mlp", {"lr": "fast"}, "'lr' parameter of TabularMLPClassifier"),
    ("mlp", {"optimizer": "rmsprop"}, "'optimizer' parameter"),
    ("mlp", {"layers": 3}, r"has no parameter\(s\) \['layers'\]"),
    ("random_forest", {"n_estimators": 2.5}, "'n_estimators' parameter"),
])
def test_parameters_of_the_wrong_type_say_which_and_what(name, params, match):
    with pytest.raises(ModelError, match=match):
        build_model(name, task="multiclass", numeric=NUM, categorical=CAT, params=params)


@pytest.mark.parametrize("y,task,match", [
    (np.ones(60), "binary", "one class only"),
    (np.ones(60), "multiclass", "one class only"),
    (np.arange(60) % 3, "binary", "has 3 classes .* but the task is binary"),
    (np.arange(60) % 51, "multiclass", "51 classes in 60 training rows, more than the 50.*regression"),
    (np.where(np.arange(60) == 5, np.nan, 1.0), "regression", "1 missing values"),
    (np.where(np.arange(60) == 5, np.inf, 1.0), "regression", "infinite in 1 of 60"),
    (np.array(["a", "b"] * 30), "regression", "must be numbers; this one holds string values"),
    (np.arange(60) % 2 == 0, "regression", "holds boolean values"),
])
def test_targets_that_do_not_fit_the_task_are_refused(y, task, match):
    with pytest.raises(ModelError, match=match):
        check_target(y, task)


@pytest.mark.parametrize("name,task", [("baseline", "binary"), ("xgboost", "multiclass"), ("mlp", "multiclass"), ("mlp", "regression")])
def test_bad_training_input(churn, name, task):
    train, _ = churn
    num, cat = columns(task)
    m = build_model(name, task=task, numeric=num, categorical=cat, params=FAST[model_family(name)])
    bad_y = np.ones(len(train)) if task != "regression" else np.full(len(train), np.inf)
    with pytest.raises(ModelError, match="one class only" if task != "regression" else "infinite in"):
        m.fit(train[num + cat], bad_y)
    with pytest.raises(ModelError, match=r"\['tenure_months'\] are entirely NaN"):
        m.fit(train[num + cat].assign(tenure_months=np.nan), train[TARGET[task]])
    with pytest.raises(ModelError, match="lacks the declared feature column"):
        m.fit(train[num], train[TARGET[task]])


def test_xgboost_names_a_class_missing_from_training(churn):
    train, _ = churn
    num, cat = columns("multiclass")
    m = build_model("xgboost", task="multiclass", numeric=num, categorical=cat, params={"n_estimators": 5})
    gap = train.contract_code.replace({1: 2})
    with pytest.raises(ModelError, match=r"Class code\(s\) \[1\] have no rows among the \d+ training rows .*codes present: \[0, 2\]"):
        fit_model(m, train[num + cat], gap)
    by_class = train.sort_values("contract_code", kind="stable")  # the validation tail holds every row of the last class
    share = (by_class.contract_code == 2).mean() + 0.05
    with pytest.raises(ModelError, match=r"Class code\(s\) \[2\] have no rows left to train on.*Lower validation_fraction"):
        fit_model(build_model("xgboost", task="multiclass", numeric=num, categorical=cat, params={"n_estimators": 5, "validation_fraction": share}),
                  by_class[num + cat], by_class.contract_code)
    with pytest.raises(ModelError, match="needs the target as class codes 0..K-1"):
        m.named_steps["model"].fit(np.zeros((30, 2)), np.array(["a", "b", "c"] * 10))


@pytest.mark.parametrize("task", ["binary", "multiclass"])
def test_scoring_unseen_categories_and_mismatched_columns(churn, task):
    train, test = churn
    m, cols = fit("mlp", task, train)
    with pytest.raises(ModelError, match=r"missing \['region'\], extra \['plan'\].*expects exactly"):
        m.predict_proba(test[cols].drop(columns="region").assign(plan=1))
    new = test[cols].assign(region=np.where(np.arange(len(test)) % 2, "Atlantis", test.region))
    with pytest.warns(UnseenCategoryWarning, match="region"):
        p = m.predict_proba(new)
    assert np.isfinite(p).all() and p.shape[1] == {"binary": 2, "multiclass": 3}[task]
    assert m.named_steps["inputs"].unseen_ == {"region": {"rows": len(test) // 2, "values": ["Atlantis"]}}
    with pytest.raises(ModelError, match="needs a pandas DataFrame"):
        m.predict_proba(test[cols].to_numpy())


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_divergence_raises_with_epoch_layer_and_fixes(churn, task):
    with pytest.raises(TrainingDiverged, match=r"diverged at epoch 0, batch \d+.*lower the learning rate.*clip gradients") as e:
        fit("mlp", task, churn[0], {"optimizer": "sgd", "lr": 1e4, "weight_decay": 0.0})
    assert isinstance(e.value, ModelError) and e.value.layer and e.value.epoch == 0
    assert e.value.health.findings[-1].check == "diverged"


@pytest.mark.parametrize("task", ["binary", "multiclass"])
def test_dead_layer_and_vanishing_gradients_are_reported(churn, task):
    import torch
    from workbench.nets import TabularMLPClassifier

    class DeadStart(TabularMLPClassifier):
        def _network(self, *args, **kwargs):
            net = super()._network(*args, **kwargs)
            with torch.no_grad(): net.body[0].bias.fill_(-50.0)
            return net

    train, _ = churn
    num, cat = columns(task)
    m = fit_model(build_model(DeadStart(epochs=2, n_threads=1, random_state=0), task=task, numeric=num, categorical=cat),
                  train[num + cat], train[TARGET[task]])
    h = training_health(m)
    found = {(f.check, f.layer) for f in h.findings}
    assert ("dead_relu", "body.1") in found and ("vanishing_gradients", "body.0") in found
    assert h.history[0]["dead_fraction/body.1"] == 1.0 and not h.ok


def test_batchnorm_and_gradient_series_are_recorded(churn):
    m, _ = fit("mlp", "multiclass", churn[0], {"batch_norm": True, "epochs": 2})
    h = training_health(m)
    row = h.history[-1]
    assert {"train_loss", "val_loss", "lr", "grad_norm/body.0", "weight_norm/head", "dead_fraction/body.2", "bn_drift/body.1"} <= set(row)
    assert all(np.isfinite(v) for r in h.series() for v in r.values())
    assert m.named_steps["model"].architecture_["n_outputs"] == 3


def test_overfitting_is_found_and_best_epoch_kept(churn):
    small = churn[0].iloc[:500]
    m = fit_model(build_model("mlp", task="binary", numeric=NUM, categorical=CAT, random_state=0, n_jobs=1,
                              params={"hidden": (256, 256), "lr": 1e-2, "weight_decay": 0.0, "epochs": 40, "patience": 10, "batch_size": 32}),
                  small[NUM + CAT], small["churned"])
    h = training_health(m)
    assert [f.check for f in h.findings] == ["overfitting"]
    assert h.history[h.best_epoch]["val_loss"] == min(r["val_loss"] for r in h.history)


def test_health_record_is_stable_and_renders():
    h = TrainingHealth(family="xgboost", unit="round", loss="logloss", epochs_run=2, best_epoch=0,
                       history=[{"epoch": 0, "train_loss": 0.6, "val_loss": 0.5}, {"epoch": 1, "train_loss": 0.5, "val_loss": 0.55}],
                       findings=[HealthFinding("overfitting", "info", "rose", epoch=1)])
    assert repr(TrainingHealth.from_dict(h.to_dict())) == repr(h) == \
        "TrainingHealth(xgboost: 2 rounds, best round 0, stopped early False, findings: overfitting@1)"
    assert "| info | overfitting | 1 |" in h._repr_markdown_()
    assert render_training_png(h)[:8] == b"\x89PNG\r\n\x1a\n"


def test_models_module_imports_neither_torch_nor_xgboost():
    code = "import sys, workbench.models, workbench.persist; print(sorted(m for m in ('torch', 'xgboost', 'mlflow') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
