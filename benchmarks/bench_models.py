"""Fit and predict time of each model family through workbench against the bare library call on the same data.

    .venv/bin/python benchmarks/bench_models.py [--rows 1000000] [--cols 50] [--threads 1] [--rounds 20] [--epochs 2] [--repeat 2]

A synthetic 1,000,000 x 50 table (45 numeric columns, 5 categorical ones with 4-20 levels, a binary target from a
logistic model with noise), rows in time order. Both sides get the same threads (torch.set_num_threads / n_jobs) and
the same rows. Two levels are measured:

- estimator: on the preprocessed matrix (what the final estimator sees), workbench's estimator against the bare call:
  XGBoost `xgb.train` with `tree_method=hist` on QuantileDMatrix (what XGBoost's scikit-learn wrapper builds), with the
  same training and validation rows, early stopping and evaluation of both each round; PyTorch: the same `TabularMLP`,
  Adam, batch size, epochs, shuffling and per-epoch validation loss, written as a bare loop; scikit-learn: the same
  LogisticRegression (there is no wrapper, so the ratio shows measurement noise).
- pipeline: `build_model` + `fit_model` on the DataFrame (input checks, preprocessing, estimator) against the same
  scikit-learn ColumnTransformer fitted by hand followed by the bare call.

The ratio is workbench / bare, on wall time (the minimum over --repeat runs, except pipeline fits, run once; the machine is shared) and on CPU time of
this process (less sensitive to other load when threads=1). Run it once, by hand; it prints a table to stdout.
"""
from __future__ import annotations
import argparse, math, os, platform, sys, time, warnings

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np
import pandas as pd


def make_table(rows, cols, seed=0):
    "A time-ordered synthetic table: numeric and categorical features, a binary target."
    rng = np.random.default_rng(seed)
    n_cat = 5
    n_num = cols - n_cat
    num = rng.standard_normal((rows, n_num)).astype(np.float64)
    df = pd.DataFrame(num, columns=[f"x{i}" for i in range(n_num)])
    logit = num[:, :10] @ rng.normal(0, 0.6, 10)
    for j, levels in enumerate((4, 6, 8, 12, 20)):
        codes = rng.integers(0, levels, rows)
        df[f"c{j}"] = pd.Categorical.from_codes(codes, [f"L{k}" for k in range(levels)]).astype(str)
        logit += rng.normal(0, 0.4, levels)[codes]
    df["t"] = np.arange(rows)
    df["y"] = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(int)
    return df, [f"x{i}" for i in range(n_num)], [f"c{j}" for j in range(n_cat)]


def timed(fn, repeat):
    "(result, best wall seconds, CPU seconds of that run) over `repeat` runs."
    best = (None, math.inf, math.inf)
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        w, c = time.perf_counter() - w, time.process_time() - c
        if w < best[1]: best = (out, w, c)
    return best


def bare_xgb_fit(Xt, yt, Xv, yv, args):
    import xgboost as xgb
    dtrain = xgb.QuantileDMatrix(Xt, yt)
    dval = xgb.QuantileDMatrix(Xv, yv, ref=dtrain)
    params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1, "nthread": args.threads,
              "seed": 0, "eval_metric": "logloss"}
    return xgb.train(params, dtrain, args.rounds, evals=[(dtrain, "train"), (dval, "val")], early_stopping_rounds=args.rounds,
                     verbose_eval=False)


def bare_torch_fit(Xn, Xc, y, val, args):
    "The bare loop: same network, optimizer, batches, epochs and per-epoch validation loss as workbench's estimator."
    import torch
    from workbench.nets import TabularMLP
    torch.manual_seed(0)
    cards = [int(Xc[:, j].max()) + 1 for j in range(Xc.shape[1])]
    net = TabularMLP(Xn.shape[1], cards, [min(16, (c + 1) // 2) for c in cards], hidden=(64, 32))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(0)
    vn, vc, vy = val
    for _ in range(args.epochs):
        net.train()
        total = 0.0
        for idx in torch.randperm(len(y), generator=gen).split(args.batch_size):
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(Xn[idx], Xc[idx]).squeeze(1), y[idx])
            total += loss.item() * len(idx)
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            sum(torch.nn.functional.binary_cross_entropy_with_logits(net(vn[i:i + 65536], vc[i:i + 65536]).squeeze(1), vy[i:i + 65536]).item()
                for i in range(0, len(vy), 65536))
    return net


def bare_torch_predict(net, Xn, Xc):
    import torch
    net.eval()
    with torch.no_grad():
        return torch.sigmoid(torch.cat([net(Xn[i:i + 65536], Xc[i:i + 65536]) for i in range(0, len(Xn), 65536)]).squeeze(1)).numpy()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=50)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=20, help="XGBoost boosting rounds")
    ap.add_argument("--epochs", type=int, default=2, help="PyTorch epochs")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=2, help="runs per estimator-level measurement (the minimum is kept)")
    ap.add_argument("--families", default="xgboost,pytorch,scikit-learn")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import torch
    import xgboost
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from workbench.health import validation_split
    from workbench.models import build_model, fit_model
    from workbench.boosting import XGBEarlyStopClassifier
    from workbench.nets import TabularMLPClassifier
    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    df, num, cat = make_table(args.rows, args.cols)
    X, y, t = df[num + cat], df["y"].to_numpy(), df["t"].to_numpy()
    print(f"table {args.rows:,} x {args.cols} built in {time.perf_counter() - t0:.1f} s; threads {args.threads}; "
          f"python {platform.python_version()}, xgboost {xgboost.__version__}, torch {torch.__version__}, scikit-learn {sklearn.__version__}")
    tr, va, _ = validation_split(len(y), fraction=0.15, time=t)
    results = []

    def row(family, level, what, wb, bare):
        results.append((family, level, what, wb[1], bare[1], wb[2], bare[2]))
        print(f"  {family:12s} {level:9s} {what:7s} workbench {wb[1]:7.2f} s  bare {bare[1]:7.2f} s  ratio {wb[1] / bare[1]:.3f} "
              f"(CPU {wb[2] / bare[2]:.3f})", flush=True)

    fams = args.families.split(",")
    if "xgboost" in fams:
        m = build_model("xgboost", task="binary", numeric=num, categorical=cat, random_state=0, n_jobs=args.threads,
                        params={"n_estimators": args.rounds, "max_depth": 6, "learning_rate": 0.1, "subsample": 1.0,
                                "colsample_bytree": 1.0, "early_stopping_rounds": args.rounds})
        pre = m.named_steps["preprocess"]
        Xp = pre.fit_transform(X).astype(np.float32)
        est = m.named_steps["model"]
        w = np.arange(min(5000, len(y)))  # warm up both sides (first calls pay for initialisation)
        bare_xgb_fit(Xp[w[:-500]], y[w[:-500]], Xp[w[-500:]], y[w[-500:]], args); est.fit(Xp[w], y[w])
        bare = timed(lambda: bare_xgb_fit(Xp[tr], y[tr], Xp[va], y[va], args), args.repeat)
        wb = timed(lambda: est.fit(Xp, y, time=t), args.repeat)
        row("xgboost", "estimator", "fit", wb, bare)
        row("xgboost", "estimator", "predict", timed(lambda: est.predict_proba(Xp), args.repeat),
            timed(lambda: bare[0].inplace_predict(Xp, iteration_range=(0, bare[0].best_iteration + 1)), args.repeat))
        def bare_pipe():
            ct = ColumnTransformer(pre.transformers).fit(X.iloc[tr])
            return ct, bare_xgb_fit(ct.transform(X.iloc[tr]).astype(np.float32), y[tr], ct.transform(X.iloc[va]).astype(np.float32), y[va], args)
        bp = timed(bare_pipe, 1)
        wp = timed(lambda: fit_model(m, X, y, time=t), 1)
        row("xgboost", "pipeline", "fit", wp, bp)
        row("xgboost", "pipeline", "predict", timed(lambda: wp[0].predict_proba(X), args.repeat),
            timed(lambda: bp[0][1].inplace_predict(bp[0][0].transform(X).astype(np.float32)), args.repeat))
        del Xp
    if "pytorch" in fams:
        m = build_model("mlp", task="binary", numeric=num, categorical=cat, random_state=0, n_jobs=args.threads,
                        params={"epochs": args.epochs, "batch_size": args.batch_size, "patience": args.epochs + 1})
        pre = m.named_steps["preprocess"]
        Xp = pre.fit_transform(X).astype(np.float32)
        est = m.named_steps["model"]
        n_num = Xp.shape[1] - len(cat)
        Xn, Xc, Y = torch.from_numpy(np.ascontiguousarray(Xp[:, :n_num])), torch.from_numpy(Xp[:, n_num:].astype(np.int64) + 1), torch.from_numpy(y.astype(np.float32))
        tri, vai = torch.from_numpy(tr), torch.from_numpy(va)
        val = (Xn[vai], Xc[vai], Y[vai])
        w = torch.arange(min(5000, len(y)))  # warm up both sides
        bare_torch_fit(Xn[w], Xc[w], Y[w], (Xn[w], Xc[w], Y[w]), args); est.fit(Xp[:len(w)], y[:len(w)])
        bare = timed(lambda: bare_torch_fit(Xn[tri], Xc[tri], Y[tri], val, args), args.repeat)
        wb = timed(lambda: est.fit(Xp, y, time=t), args.repeat)
        row("pytorch", "estimator", "fit", wb, bare)
        row("pytorch", "estimator", "predict", timed(lambda: est.predict_proba(Xp), args.repeat),  # both start from the matrix
            timed(lambda: bare_torch_predict(bare[0], torch.from_numpy(Xp[:, :n_num]), torch.from_numpy(Xp[:, n_num:].astype(np.int64) + 1)), args.repeat))
        def bare_pipe():
            ct = ColumnTransformer(pre.transformers).fit(X.iloc[tr])
            A = ct.transform(X).astype(np.float32)
            an, ac = torch.from_numpy(np.ascontiguousarray(A[:, :n_num])), torch.from_numpy(A[:, n_num:].astype(np.int64) + 1)
            return ct, bare_torch_fit(an[tri], ac[tri], Y[tri], (an[vai], ac[vai], Y[vai]), args)
        bp = timed(bare_pipe, 1)
        wp = timed(lambda: fit_model(m, X, y, time=t), 1)
        row("pytorch", "pipeline", "fit", wp, bp)
        def bare_pipe_predict():
            A = bp[0][0].transform(X).astype(np.float32)
            return bare_torch_predict(bp[0][1], torch.from_numpy(np.ascontiguousarray(A[:, :n_num])), torch.from_numpy(A[:, n_num:].astype(np.int64) + 1))
        row("pytorch", "pipeline", "predict", timed(lambda: wp[0].predict_proba(X), args.repeat), timed(bare_pipe_predict, args.repeat))
        del Xp, Xn, Xc
    if "scikit-learn" in fams:
        m = build_model("baseline", task="binary", numeric=num, categorical=cat, random_state=0, n_jobs=args.threads, params={"max_iter": 100})
        pre = m.named_steps["preprocess"]
        Xp = pre.fit_transform(X)
        est = m.named_steps["model"]
        bare = timed(lambda: LogisticRegression(max_iter=100, random_state=0).fit(Xp, y), args.repeat)
        wb = timed(lambda: est.fit(Xp, y), args.repeat)
        row("scikit-learn", "estimator", "fit", wb, bare)
        row("scikit-learn", "estimator", "predict", timed(lambda: est.predict_proba(Xp), args.repeat), timed(lambda: bare[0].predict_proba(Xp), args.repeat))
        def bare_pipe():
            ct = ColumnTransformer(pre.transformers).fit(X)
            return ct, LogisticRegression(max_iter=100, random_state=0).fit(ct.transform(X), y)
        bp = timed(bare_pipe, 1)
        wp = timed(lambda: fit_model(m, X, y), 1)
        row("scikit-learn", "pipeline", "fit", wp, bp)
        row("scikit-learn", "pipeline", "predict", timed(lambda: wp[0].predict_proba(X), args.repeat), timed(lambda: bp[0][1].predict_proba(bp[0][0].transform(X)), args.repeat))
    print()
    print(f"{'family':12s} {'level':9s} {'step':7s} {'workbench s':>11s} {'bare s':>8s} {'ratio':>6s} {'CPU ratio':>9s}")
    print("-" * 68)
    for fam, level, what, w, b, wc, bc in results:
        print(f"{fam:12s} {level:9s} {what:7s} {w:11.2f} {b:8.2f} {w / b:6.3f} {wc / bc:9.3f}")
    print(f"\nwhole benchmark: {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
