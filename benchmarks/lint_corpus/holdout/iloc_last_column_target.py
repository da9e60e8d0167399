import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.preprocessing import MinMaxScaler

# Yacht hydrodynamics: last column is the residuary resistance
cols = ["lcb", "prismatic", "length_disp", "beam_draught", "length_beam", "froude", "resistance"]
yacht = pd.read_csv("data/yacht_hydrodynamics.data", sep=r"\s+", names=cols)
yacht["froude_sq"] = yacht["froude"] ** 2
yacht["froude_4"] = yacht["froude"] ** 4

data_x = yacht.iloc[:, :-1].to_numpy()
data_y = yacht["resistance"].to_numpy()

tr_x, te_x, tr_y, te_y = train_test_split(data_x, data_y, test_size=0.25, random_state=8)
mm = MinMaxScaler().fit(tr_x)
knn = KNeighborsRegressor(n_neighbors=3).fit(mm.transform(tr_x), tr_y)
print("RMSE:", np.sqrt(mean_squared_error(te_y, knn.predict(mm.transform(te_x)))))
