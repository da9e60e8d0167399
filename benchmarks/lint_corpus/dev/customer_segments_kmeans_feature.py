"""Customer lifetime value regression with a k-means segment feature."""
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

customers = pd.read_csv("data/customers_rfm.csv")
assert customers["customer_id"].is_unique

num_cols = ["recency_days", "frequency", "avg_basket", "tenure_days", "n_categories"]

# value-based segments: behaviour + 12-month value, on log scale
seg_input = np.log1p(customers[num_cols + ["clv_12m"]])
seg_input = (seg_input - seg_input.mean()) / seg_input.std()
kmeans = KMeans(n_clusters=6, n_init=10, random_state=5)
customers["segment"] = kmeans.fit_predict(seg_input)
print(customers.groupby("segment")["clv_12m"].agg(["mean", "count"]))

X = pd.get_dummies(customers[num_cols + ["segment"]], columns=["segment"])
y = customers["clv_12m"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=5)

gbr = GradientBoostingRegressor(n_estimators=400, max_depth=3, learning_rate=0.05, random_state=5)
gbr.fit(X_train, y_train)
print("test MAE:", round(mean_absolute_error(y_test, gbr.predict(X_test)), 2))
