import numpy as np
import pandas as pd

wine = pd.read_csv("data/winequality-red.csv", sep=";")
X = wine.drop(columns="quality").to_numpy(dtype=np.float64)
y = (wine["quality"] >= 7).astype(np.float64).to_numpy()

rng = np.random.default_rng(42)
order = rng.permutation(len(X))
n_train = int(0.8 * len(X))
train_idx, test_idx = order[:n_train], order[n_train:]
X_train, X_test = X[train_idx], X[test_idx]
y_train, y_test = y[train_idx], y[test_idx]

# standardise with training statistics
mean = X_train.mean(axis=0)
std = X_train.std(axis=0) + 1e-8
X_train = (X_train - mean) / std
X_test = (X_test - mean) / std


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train_logreg(X, y, lr=0.1, l2=1e-3, n_iter=3000):
    w = np.zeros(X.shape[1])
    b = 0.0
    for i in range(n_iter):
        p = sigmoid(X @ w + b)
        grad_w = X.T @ (p - y) / len(y) + l2 * w
        grad_b = np.mean(p - y)
        w -= lr * grad_w
        b -= lr * grad_b
        if i % 500 == 0:
            loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
            print(f"iter {i:5d} loss {loss:.4f}")
    return w, b


w, b = train_logreg(X_train, y_train)
test_pred = sigmoid(X_test @ w + b) > 0.5
print("test accuracy:", np.mean(test_pred == y_test))
