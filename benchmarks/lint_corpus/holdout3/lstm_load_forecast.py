# Multi-step load forecast with a small LSTM.
# Input: 15-minute feeder load, output: next 4 hours (16 steps) from the previous 24 hours (96 steps).
import numpy as np
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from sklearn.preprocessing import MinMaxScaler

LOOKBACK, HORIZON = 96, 16
TRAIN_FRAC, VAL_FRAC = 0.7, 0.15
torch.manual_seed(0)

series = (pd.read_csv("feeder_17.csv", parse_dates=["ts"])
            .set_index("ts").sort_index()["load_kw"]
            .asfreq("15min").ffill(limit=4))
series = series.dropna()

scaler = MinMaxScaler()
values = scaler.fit_transform(series.to_numpy().reshape(-1, 1)).ravel()

def make_windows(arr):
    X, Y = [], []
    for i in range(len(arr) - LOOKBACK - HORIZON + 1):
        X.append(arr[i:i + LOOKBACK])
        Y.append(arr[i + LOOKBACK:i + LOOKBACK + HORIZON])
    return np.asarray(X, dtype=np.float32)[..., None], np.asarray(Y, dtype=np.float32)

n = len(values)
n_train, n_val = int(n * TRAIN_FRAC), int(n * VAL_FRAC)
train_arr = values[:n_train]
val_arr = values[n_train - LOOKBACK:n_train + n_val]
test_arr = values[n_train + n_val - LOOKBACK:]

Xtr, Ytr = make_windows(train_arr)
Xva, Yva = make_windows(val_arr)
Xte, Yte = make_windows(test_arr)


class LoadLSTM(nn.Module):
    def __init__(self, hidden=64):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, num_layers=2, batch_first=True, dropout=0.1)
        self.head = nn.Linear(hidden, HORIZON)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


model = LoadLSTM()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()
train_dl = DataLoader(TensorDataset(torch.from_numpy(Xtr), torch.from_numpy(Ytr)), batch_size=128, shuffle=True)

best_val, best_state, patience = np.inf, None, 0
for epoch in range(100):
    model.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        val_loss = loss_fn(model(torch.from_numpy(Xva)), torch.from_numpy(Yva)).item()
    if val_loss < best_val - 1e-5:
        best_val, best_state, patience = val_loss, {k: v.clone() for k, v in model.state_dict().items()}, 0
    else:
        patience += 1
        if patience >= 8:
            break

model.load_state_dict(best_state)
with torch.no_grad():
    pred = model(torch.from_numpy(Xte)).numpy()
pred_kw = scaler.inverse_transform(pred.reshape(-1, 1)).reshape(pred.shape)
true_kw = scaler.inverse_transform(Yte.reshape(-1, 1)).reshape(Yte.shape)
print("test MAE (kW):", np.abs(pred_kw - true_kw).mean())
