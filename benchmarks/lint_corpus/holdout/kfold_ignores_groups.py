"""Music streaming: will the user skip this track? One row per play; users have hundreds of plays."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.compose import ColumnTransformer

plays = pd.read_parquet("data/plays_sample.parquet")
plays_per_user = plays.groupby("user_id").size()
print(f"{plays['user_id'].nunique()} users, median {plays_per_user.median():.0f} plays per user")

num_cols = ["track_popularity", "track_duration_s", "position_in_session", "hour", "user_plays_30d"]
cat_cols = ["context_type", "platform", "genre"]
prep = ColumnTransformer([("num", StandardScaler(), num_cols),
                          ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=50), cat_cols)])
model = make_pipeline(prep, LogisticRegression(max_iter=1000))

scores = cross_validate(
    model,
    plays[num_cols + cat_cols],
    plays["skipped"],
    groups=plays["user_id"],
    cv=KFold(n_splits=5, shuffle=True, random_state=0),
    scoring="roc_auc",
)
print("AUC per fold:", np.round(scores["test_score"], 4))
