"Saving and loading models without pickle: round trips, tampered and foreign files, MLflow registration."
import builtins, json, os, pickle, shutil
from importlib.util import find_spec
from pathlib import Path
import numpy as np
import pytest
from workbench.demo import CHURN, generate_churn
from workbench.errors import ModelError, TrackingError
from workbench.models import MODEL_FAMILIES, build_model, fit_model, model_family, training_health
from workbench.persist import TRUSTED_TYPES, UnsafeModelFile, generate_trusted_types, load_model, save_model, verify_model

NUM = ["tenure_months", "monthly_charges", "usage_gb", "support_calls"]
CAT = list(CHURN.categorical)
FAST = {"xgboost": {"n_estimators": 25}, "pytorch": {"epochs": 2}, "scikit-learn": {}}
PAIRS = [(name, task) for name, specs in MODEL_FAMILIES.items() for task in specs]


@pytest.fixture(scope="module")
def data():
    df = generate_churn(n_customers=250, months=4).sort_values("snapshot_date", kind="stable").reset_index(drop=True)
    return df.assign(contract_code=df.contract_type.map({c: i for i, c in enumerate(sorted(df.contract_type.unique()))}))


def fitted(name, df, task="binary"):
    target = {"binary": "churned", "multiclass": "contract_code", "regression": "usage_gb"}[task]
    drop = {"multiclass": "contract_type", "regression": "usage_gb"}.get(task)
    num, cat = [c for c in NUM if c != drop], [c for c in CAT if c != drop]
    m = build_model(name, task=task, numeric=num, categorical=cat, random_state=0, n_jobs=1, params=FAST[model_family(name)])
    return fit_model(m, df[num + cat], df[target], time=df.snapshot_date), df[num + cat]


def scores(m, X): return m.predict_proba(X) if hasattr(m, "predict_proba") else m.predict(X)


class Exploit:
    "Unpickling this creates the file at `path`: what a malicious model file would do."
    def __init__(self, path): self.path = str(path)
    def __reduce__(self): return (builtins.exec, (f"open({self.path!r}, 'w').close()",))


def rehash(folder, name):
    "Rewrite the manifest so that it vouches for the planted file (an attacker with write access to the folder)."
    man = json.loads((folder / "manifest.json").read_text())
    from workbench.persist import _sha256
    man["files"][name] = _sha256(folder / name)
    (folder / "manifest.json").write_text(json.dumps(man))


@pytest.mark.parametrize("name,task", PAIRS)
def test_every_family_round_trips_in_every_task(tmp_path, data, name, task):
    m, X = fitted(name, data, task)
    saved = save_model(m, tmp_path / "m")
    back = load_model(tmp_path / "m", expected_sha256=saved.sha256)
    np.testing.assert_array_equal(scores(back, X), scores(m, X))
    np.testing.assert_array_equal(back.predict(X), m.predict(X))
    if task == "multiclass": assert scores(back, X).shape == (len(X), 3)
    assert back.named_steps["inputs"].task == task
    assert list(back.named_steps) == ["inputs", "preprocess", "model"]
    assert type(back.named_steps["model"]) is type(m.named_steps["model"])
    assert training_health(back) == training_health(m)
    assert not list(tmp_path.rglob("*.pkl")) and saved.manifest["skops_types"] == sorted(set(saved.manifest["skops_types"]) & set(TRUSTED_TYPES))


@pytest.mark.parametrize("fmt", ["torch", pytest.param("safetensors", marks=pytest.mark.skipif(not find_spec("safetensors"), reason="safetensors not installed"))])
def test_network_weights_in_either_tensor_format(tmp_path, data, fmt):
    m, X = fitted("mlp", data, "multiclass")
    saved = save_model(m, tmp_path / "m", torch_format=fmt)
    assert saved.manifest["estimator"]["format"] == {"torch": "pt", "safetensors": "safetensors"}[fmt]
    np.testing.assert_array_equal(load_model(tmp_path / "m").predict_proba(X), m.predict_proba(X))


def test_trusted_types_are_the_generated_list():
    assert generate_trusted_types() == TRUSTED_TYPES


def test_changed_file_or_fingerprint_is_refused(tmp_path, data):
    m, _ = fitted("xgboost", data)
    saved = save_model(m, tmp_path / "m")
    with pytest.raises(UnsafeModelFile, match="changed since"):
        load_model(tmp_path / "m", expected_sha256="0" * 64)
    est = tmp_path / "m" / "estimator.ubj"
    est.write_bytes(est.read_bytes()[:-10] + b"0" * 10)
    with pytest.raises(UnsafeModelFile, match="estimator.ubj .* does not match the SHA-256"):
        load_model(tmp_path / "m")
    with pytest.raises(UnsafeModelFile, match="changed since"):  # the attacker rewrote the manifest: the recorded fingerprint still catches it
        rehash(tmp_path / "m", "estimator.ubj")
        load_model(tmp_path / "m", expected_sha256=saved.sha256)


@pytest.mark.parametrize("name,target", [("baseline", "pipeline.skops"), ("xgboost", "pipeline.skops"), ("mlp", "estimator.pt")])
def test_planted_pickle_is_refused_without_running(tmp_path, data, name, target):
    m, _ = fitted(name, data)
    save_model(m, tmp_path / "m", torch_format="torch")
    marker = tmp_path / "PWNED"
    pickle.loads(pickle.dumps(Exploit(marker)))  # the payload does work when unpickled
    assert marker.exists(); marker.unlink()
    if target == "estimator.pt":
        import torch
        torch.save({"weight": Exploit(marker)}, tmp_path / "m" / target)
    else:
        (tmp_path / "m" / target).write_bytes(pickle.dumps(Exploit(marker)))
    rehash(tmp_path / "m", target)
    with pytest.raises(UnsafeModelFile, match="not a skops file|holds more than tensors"):
        load_model(tmp_path / "m")
    assert not marker.exists()


def test_skops_file_with_an_unexpected_type_is_refused(tmp_path, data):
    import skops.io as sio
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer
    m, _ = fitted("baseline", data)
    save_model(m, tmp_path / "m")
    sio.dump(Pipeline([("run", FunctionTransformer(os.system))]), tmp_path / "m" / "pipeline.skops")
    rehash(tmp_path / "m", "pipeline.skops")
    with pytest.raises(UnsafeModelFile, match=r"holds type\(s\) \['posix.system'\], which are not on workbench's trusted list"):
        load_model(tmp_path / "m")


def test_unknown_estimator_class_and_foreign_folders_are_refused(tmp_path, data):
    m, _ = fitted("mlp", data)
    save_model(m, tmp_path / "m")
    info = json.loads((tmp_path / "m" / "estimator.json").read_text())
    info["class"] = "subprocess.Popen"
    (tmp_path / "m" / "estimator.json").write_text(json.dumps(info))
    rehash(tmp_path / "m", "estimator.json")
    with pytest.raises(UnsafeModelFile, match="names class 'subprocess.Popen'"):
        load_model(tmp_path / "m")
    (tmp_path / "pickled").mkdir()
    (tmp_path / "pickled" / "model.pkl").write_bytes(pickle.dumps(m))
    with pytest.raises(UnsafeModelFile, match="not a saved workbench model"):
        load_model(tmp_path / "pickled")
    man = json.loads((tmp_path / "m" / "manifest.json").read_text())
    man["files"]["../../etc/passwd"] = "0" * 64
    (tmp_path / "m" / "manifest.json").write_text(json.dumps(man))
    with pytest.raises(UnsafeModelFile, match="not a file in"):
        verify_model(tmp_path / "m")


def test_saving_refuses_types_it_could_not_load(tmp_path, data):
    from sklearn.preprocessing import FunctionTransformer
    m = build_model("baseline", task="binary", numeric=NUM, categorical=CAT)
    m.steps.insert(0, ("odd", FunctionTransformer(json.dumps)))
    with pytest.raises(ModelError, match=r"holds type\(s\) \['json.dumps'\].*pass them in trusted="):
        save_model(m, tmp_path / "m")
    assert not (tmp_path / "m").exists() and not list(tmp_path.iterdir())


def test_mlflow_registration_and_loading_keep_pickle_out(tmp_path, data):
    import mlflow
    from workbench.tracking import MlflowTracker, load_model as load_registered
    tr = MlflowTracker(f"sqlite:///{tmp_path}/mlflow.db", tmp_path / "artifacts")
    m, X = fitted("mlp", data)
    rid = tr.start("persist-test")
    reg = tr.log_model(m, input_example=X.head(5), registered_name="t-mlp", family="pytorch")
    tr.end()
    assert tr.client.get_run(rid).data.params["model_sha256"] == reg["sha256"]
    assert tr.client.get_model_version("t-mlp", reg["version"]).tags["workbench.sha256"] == reg["sha256"]
    back = load_registered("models:/t-mlp@challenger", tr.tracking_uri)
    np.testing.assert_array_equal(back.predict_proba(X), m.predict_proba(X))
    src = Path(tr.client.get_model_version_download_uri("t-mlp", reg["version"]).removeprefix("file://"))
    mlmodel = (src / "MLmodel").read_text()
    # a loader module from the installed package: the store holds data only, no pickle and no code to execute on load
    assert "loader_module: workbench.mlflow_model" in mlmodel and "model_code_path" not in mlmodel
    assert not list(src.rglob("*.pkl")) and not list(src.rglob("*.py"))
    np.testing.assert_array_equal(mlflow.pyfunc.load_model(reg["uri"]).predict(X.head(3)), m.predict_proba(X.head(3))[:, 1])
    requirements = (src / "requirements.txt").read_text()
    assert "torch==" in requirements and "skops==" in requirements
    (src / "data" / "model" / "estimator.json").write_text("{}")
    with pytest.raises(UnsafeModelFile, match="does not match the SHA-256"):
        load_registered(f"models:/t-mlp/{reg['version']}", tr.tracking_uri)


def test_a_pickled_mlflow_model_is_not_loaded(tmp_path, data):
    import mlflow
    from workbench.tracking import MlflowTracker, load_model as load_registered
    tr = MlflowTracker(f"sqlite:///{tmp_path}/mlflow.db", tmp_path / "artifacts")
    m, X = fitted("baseline", data)
    tr.start("persist-test")
    mlflow.sklearn.log_model(m, name="model", registered_model_name="old-style", serialization_format="cloudpickle",
                             pip_requirements=["scikit-learn"])
    tr.end()
    with pytest.raises(TrackingError, match="not saved by workbench's safe format"):
        load_registered("models:/old-style/1", tr.tracking_uri)


def test_a_file_added_next_to_a_saved_model_is_refused(tmp_path, data):
    m, X = fitted("baseline", data)
    saved = save_model(m, tmp_path / "m")
    (tmp_path / "m" / "estimator.safetensors").write_bytes(b"weights nobody saved")
    with pytest.raises(UnsafeModelFile, match="does not list \\(estimator.safetensors\\)"):
        load_model(tmp_path / "m", expected_sha256=saved.sha256)
