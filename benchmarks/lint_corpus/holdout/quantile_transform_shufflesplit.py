"""Energy efficiency of buildings (UCI ENB2012): heating load regression."""
import numpy as np
import pandas as pd
from sklearn.kernel_ridge import KernelRidge
from sklearn.model_selection import ShuffleSplit, cross_validate
from sklearn.preprocessing import QuantileTransformer


def load(path: str = "data/ENB2012_data.xlsx") -> pd.DataFrame:
    cols = ["compactness", "surface_area", "wall_area", "roof_area", "height", "orientation",
            "glazing_area", "glazing_distribution", "heating_load", "cooling_load"]
    return pd.read_excel(path).set_axis(cols, axis=1).dropna(how="all")


def main() -> None:
    enb = load()
    data_x = enb.drop(columns=["heating_load", "cooling_load"]).to_numpy()
    data_y = enb["heating_load"].to_numpy()

    qt = QuantileTransformer(n_quantiles=200, output_distribution="normal")
    data_x = qt.fit_transform(data_x)

    splitter = ShuffleSplit(n_splits=20, test_size=0.25, random_state=0)
    out = cross_validate(KernelRidge(kernel="rbf", alpha=0.01, gamma=0.1), data_x, data_y, cv=splitter,
                         scoring=("neg_mean_absolute_error", "r2"), return_train_score=True)
    print("MAE %.3f  R2 %.4f" % (-np.mean(out["test_neg_mean_absolute_error"]), np.mean(out["test_r2"])))


if __name__ == "__main__":
    main()
