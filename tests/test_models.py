"Model families behind one interface: fitting, validation slices, bad input, training health."
import subprocess, sys, warnings
import numpy as np
import pandas as pd
import pytest
from workbench.data import CHURN, generate_churn
from workbench.errors import ModelError
from workbench.models import (MODEL_FAMILIES, HealthFinding, TrainingDiverged, TrainingHealth, UnseenCategoryWarning, build_model,
                              fit_model, is_model_name, model_family, render_training_png, training_health, training_history,
                              validation_split)

NUM = ["tenure_months", "monthly_charges", "usage_gb", "support_calls"]
CAT = list(CHURN.categorical)
FAST = {"xgboost": {"n_estimators": 30}, "pytorch": {"epochs": 3}, "scikit-learn": {}}


@pytest.fixture(scope="module")
def churn():
    df = generate_churn(n_customers=400, months=5).sort_values("snapshot_date", kind="stable").reset_index(drop=True)
    cut = df.snapshot_date.quantile(0.75)
    return df[df.snapshot_date < cut], df[df.snapshot_date >= cut]


def fit(name, train, params=None, **kw):
    spec = MODEL_FAMILIES[name]
    num = NUM if spec.task == "classification" else NUM[:-1]
    y = train["churned"] if spec.task == "classification" else train["support_calls"].astype(float)
    m = build_model(name, numeric=num, categorical=CAT, random_state=0, n_jobs=1, params={**FAST[spec.family], **(params or {})})
    return fit_model(m, train[num + CAT], y, time=train.snapshot_date, groups=train.customer_id, **kw), num


@pytest.mark.parametrize("name", list(MODEL_FAMILIES))
def test_every_family_fits_and_scores_through_one_pipeline(churn, name):
    train, test = churn
    m, num = fit(name, train)
    assert list(m.named_steps) == ["inputs", "preprocess", "model"]
    out = m.predict_proba(test[num + CAT])[:, 1] if MODEL_FAMILIES[name].task == "classification" else m.predict(test[num + CAT])
    assert out.shape == (len(test),) and np.isfinite(out).all()
    health = training_health(m)
    if MODEL_FAMILIES[name].family == "scikit-learn":
        assert health is None and training_history(m) is None
    else:
        assert health.family == MODEL_FAMILIES[name].family and health.epochs_run == len(health.history) >= 1
        assert health.validation["strategy"] == "time+group"
        assert TrainingHealth.from_dict(health.to_dict()) == health


@pytest.mark.parametrize("name", ["baseline", "xgboost", "mlp", "random_forest"])
def test_same_seed_same_scores(churn, name):
    train, test = churn
    a, num = fit(name, train)
    b, _ = fit(name, train)
    np.testing.assert_array_equal(a.predict_proba(test[num + CAT]), b.predict_proba(test[num + CAT]))


def test_torch_threads_are_restored(churn):
    import torch
    before = torch.get_num_threads()
    fit("mlp", churn[0], {"n_threads": 1})
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


def test_unknown_model_lists_available():
    with pytest.raises(ModelError, match="Available models: baseline, xgboost, mlp"):
        build_model("svm", numeric=NUM, categorical=CAT)
    with pytest.raises(ModelError, match="no such import path"):
        build_model("sklearn.nothing.Here", numeric=NUM, categorical=CAT)
    assert is_model_name("sklearn.ensemble.RandomForestClassifier") and not is_model_name("svm")
    assert model_family("sklearn.ensemble.RandomForestClassifier") == "scikit-learn"


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
        build_model(name, numeric=NUM, categorical=CAT, params=params)


@pytest.mark.parametrize("name", ["baseline", "xgboost", "mlp"])
def test_bad_training_input(churn, name):
    train, _ = churn
    m = build_model(name, numeric=NUM, categorical=CAT, params=FAST[MODEL_FAMILIES[name].family])
    with pytest.raises(ModelError, match="one class only"):
        m.fit(train[NUM + CAT], np.ones(len(train)))
    with pytest.raises(ModelError, match=r"\['usage_gb'\] are entirely NaN"):
        m.fit(train[NUM + CAT].assign(usage_gb=np.nan), train["churned"])
    with pytest.raises(ModelError, match="lacks the declared feature column"):
        m.fit(train[NUM], train["churned"])


@pytest.mark.parametrize("name", ["baseline", "xgboost", "mlp"])
def test_scoring_unseen_categories_and_mismatched_columns(churn, name):
    train, test = churn
    m, num = fit(name, train)
    with pytest.raises(ModelError, match=r"missing \['region'\], extra \['plan'\].*expects exactly"):
        m.predict_proba(test[num + CAT].drop(columns="region").assign(plan=1))
    new = test[num + CAT].assign(region=np.where(np.arange(len(test)) % 2, "Atlantis", test.region))
    with pytest.warns(UnseenCategoryWarning, match="region"):
        p = m.predict_proba(new)[:, 1]
    assert np.isfinite(p).all()
    assert m.named_steps["inputs"].unseen_ == {"region": {"rows": len(test) // 2, "values": ["Atlantis"]}}
    with pytest.raises(ModelError, match="needs a pandas DataFrame"):
        m.predict_proba(test[num + CAT].to_numpy())


def test_divergence_raises_with_epoch_layer_and_fixes(churn):
    with pytest.raises(TrainingDiverged, match=r"diverged at epoch 0, batch \d+.*lower the learning rate.*clip gradients") as e:
        fit("mlp", churn[0], {"optimizer": "sgd", "lr": 1e4, "weight_decay": 0.0})
    assert isinstance(e.value, ModelError) and e.value.layer and e.value.epoch == 0
    assert e.value.health.findings[-1].check == "diverged"


def test_dead_layer_and_vanishing_gradients_are_reported(churn):
    import torch
    from workbench.nets import TabularMLPClassifier

    class DeadStart(TabularMLPClassifier):
        def _network(self, *args, **kwargs):
            net = super()._network(*args, **kwargs)
            with torch.no_grad(): net.body[0].bias.fill_(-50.0)
            return net

    train, _ = churn
    m = fit_model(build_model(DeadStart(epochs=2, n_threads=1, random_state=0), numeric=NUM, categorical=CAT), train[NUM + CAT], train["churned"])
    h = training_health(m)
    found = {(f.check, f.layer) for f in h.findings}
    assert ("dead_relu", "body.1") in found and ("vanishing_gradients", "body.0") in found
    assert h.history[0]["dead_fraction/body.1"] == 1.0 and not h.ok


def test_batchnorm_and_gradient_series_are_recorded(churn):
    m, _ = fit("mlp", churn[0], {"batch_norm": True, "epochs": 2})
    h = training_health(m)
    row = h.history[-1]
    assert {"train_loss", "val_loss", "lr", "grad_norm/body.0", "weight_norm/head", "dead_fraction/body.2", "bn_drift/body.1"} <= set(row)
    assert all(np.isfinite(v) for r in h.series() for v in r.values())


def test_overfitting_is_found_and_best_epoch_kept(churn):
    small = churn[0].iloc[:500]
    m = fit_model(build_model("mlp", numeric=NUM, categorical=CAT, random_state=0, n_jobs=1,
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
