# Intent classifier for the banking chatbot.
# We only have ~1.8k labelled utterances, so every utterance gets 3 augmented variants
# (synonym replacement + random swap) before training.
import random

import nlpaug.augmenter.word as naw
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

random.seed(0)
data = pd.read_csv("intents_labelled.csv")  # columns: text, intent
data = data.drop_duplicates("text")

syn = naw.SynonymAug(aug_src="wordnet", aug_p=0.2)
swap = naw.RandomWordAug(action="swap", aug_p=0.1)


def augment(text, n=3):
    out = []
    for _ in range(n):
        aug = syn.augment(text)[0]
        out.append(swap.augment(aug)[0] if random.random() < 0.5 else aug)
    return out


aug_rows = [(t, intent) for text, intent in zip(data.text, data.intent) for t in augment(text)]
augmented = pd.concat([data, pd.DataFrame(aug_rows, columns=["text", "intent"])], ignore_index=True)
print(len(data), "->", len(augmented))

X_train, X_test, y_train, y_test = train_test_split(
    augmented.text, augmented.intent, test_size=0.2, stratify=augmented.intent, random_state=0
)
model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(C=5, max_iter=3000))
model.fit(X_train, y_train)
pred = model.predict(X_test)
print("accuracy", accuracy_score(y_test, pred))
print(classification_report(y_test, pred))
