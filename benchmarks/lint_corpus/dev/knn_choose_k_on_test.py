import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_wine(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=10)

k_values = list(range(1, 31, 2))
test_acc = []
for k in k_values:
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k, weights="distance"))
    model.fit(X_train, y_train)
    test_acc.append(model.score(X_test, y_test))

best_k = k_values[int(np.argmax(test_acc))]
print(f"best k: {best_k}  accuracy: {max(test_acc):.3f}")

plt.plot(k_values, test_acc, "o-")
plt.axvline(best_k, ls="--", c="grey")
plt.xlabel("k")
plt.ylabel("accuracy")
plt.savefig("knn_k_curve.png", dpi=120)
