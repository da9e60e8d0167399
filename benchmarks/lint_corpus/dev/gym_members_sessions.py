import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

workouts = pd.read_csv("data/gym_workouts.csv")
print(workouts.head())
print("members:", workouts["member_id"].nunique(), "workouts:", len(workouts))

workouts["bmi"] = workouts["weight_kg"] / (workouts["height_m"] ** 2)
workouts["intensity"] = workouts["avg_bpm"] / workouts["max_bpm"]
workouts = pd.get_dummies(workouts, columns=["workout_type", "gender"])

X = workouts.drop(columns=["member_id", "session_no", "calories_burned"])
y = workouts["calories_burned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)

model = RandomForestRegressor(n_estimators=300, random_state=42)
model.fit(X_train, y_train)
print("MAE kcal:", round(mean_absolute_error(y_test, model.predict(X_test)), 1))
