"""Delivery delay model: join each order to the latest known warehouse backlog (backward as-of join)."""
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

orders = pd.read_csv("data/orders.csv", parse_dates=["placed_at"]).sort_values("placed_at")
backlog = pd.read_csv("data/warehouse_backlog.csv", parse_dates=["snapshot_at"]).sort_values("snapshot_at")

orders = pd.merge_asof(orders, backlog, left_on="placed_at", right_on="snapshot_at",
                       by="warehouse_id", direction="backward", allow_exact_matches=False)
orders["hour"] = orders["placed_at"].dt.hour
orders["weekday"] = orders["placed_at"].dt.weekday
orders["orders_prev_hour"] = (orders.set_index("placed_at")
                                    .groupby("warehouse_id")["n_items"]
                                    .transform(lambda s: s.rolling("1h", closed="left").count())
                                    .fillna(0)
                                    .to_numpy())

cols = ["hour", "weekday", "n_items", "distance_km", "backlog_orders", "backlog_staff", "orders_prev_hour"]
cut = orders["placed_at"].quantile(0.8)
early, late = orders[orders["placed_at"] <= cut], orders[orders["placed_at"] > cut]
reg = HistGradientBoostingRegressor(max_iter=400).fit(early[cols], early["delay_hours"])
print("MAE (h) on the last 20% of orders:", round(mean_absolute_error(late["delay_hours"], reg.predict(late[cols])), 3))
