"""Daily bike-share demand per station: global model, expanding-window CV with a one-week gap."""
import numpy as np
import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.model_selection import TimeSeriesSplit
from sklearn.metrics import mean_poisson_deviance


def features(df: pd.DataFrame) -> pd.DataFrame:
    g = df.groupby("station_id")["rides"]
    return df.assign(
        lag_7=g.shift(7),
        lag_14=g.shift(14),
        roll_28=g.transform(lambda s: s.shift(7).rolling(28, min_periods=14).mean()),
        ewm_14=g.transform(lambda s: s.shift(7).ewm(span=14).mean()),
        temp_filled=df.groupby("station_id")["temp_c"].ffill(),
        dow=df["day"].dt.dayofweek,
    ).dropna(subset=["lag_14", "roll_28"])


rides = pd.read_csv("data/station_daily_rides.csv", parse_dates=["day"]).sort_values(["day", "station_id"])
frame = features(rides).sort_values("day").reset_index(drop=True)
cols = ["lag_7", "lag_14", "roll_28", "ewm_14", "temp_filled", "dow"]

days = frame["day"].drop_duplicates().sort_values().to_numpy()
deviances = []
for fit_days, eval_days in TimeSeriesSplit(n_splits=6, gap=7).split(days):
    fit = frame[frame["day"].isin(days[fit_days])]
    ev = frame[frame["day"].isin(days[eval_days])]
    model = PoissonRegressor(alpha=1e-3, max_iter=500).fit(fit[cols], fit["rides"])
    deviances.append(mean_poisson_deviance(ev["rides"], np.clip(model.predict(ev[cols]), 1e-6, None)))
print("mean Poisson deviance per fold:", np.round(deviances, 3))
