"""Small CNN-free baseline for plant leaf images: HOG features + SVM, with flip/rotate augmentation."""
from pathlib import Path

import numpy as np
from skimage.feature import hog
from skimage.io import imread
from skimage.transform import resize
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

DATA_DIR = Path("data/leaves")
IMG_SIZE = (64, 64)


def load_images(root):
    images, labels = [], []
    for class_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(class_dir.glob("*.jpg")):
            img = resize(imread(path, as_gray=True), IMG_SIZE, anti_aliasing=True)
            images.append(img)
            labels.append(class_dir.name)
    return np.stack(images), np.array(labels)


def augment(images, labels):
    flipped_lr = images[:, :, ::-1]
    flipped_ud = images[:, ::-1, :]
    rotated = np.rot90(images, k=1, axes=(1, 2))
    all_images = np.concatenate([images, flipped_lr, flipped_ud, rotated])
    all_labels = np.concatenate([labels] * 4)
    return all_images, all_labels


def hog_features(images):
    return np.array([hog(img, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(2, 2)) for img in images])


images, labels = load_images(DATA_DIR)
print(images.shape, np.unique(labels).size, "classes")

aug_images, aug_labels = augment(images, labels)
features = hog_features(aug_images)

X_train, X_test, y_train, y_test = train_test_split(features, aug_labels, test_size=0.2, stratify=aug_labels, random_state=0)

svm = SVC(C=10, gamma="scale")
svm.fit(X_train, y_train)
print("test accuracy:", accuracy_score(y_test, svm.predict(X_test)))
