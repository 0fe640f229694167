"""Accuracy, speed and memory of a trained model (default: the shipped one).

    python benchmarks/model.py [--model DIR] [--docs 120] [--out benchmarks/results/model.json]

Accuracy (exact span and label, micro and per label, with a 95 % bootstrap interval of
the micro F1 over the documents):
- corpus/thaigov/test.jsonl, all labels;
- ThaiNER 1.5.1 test (corpus/thainer-1.5.1/test.jsonl), on the labels ThaiNER
  annotates: predicted POSITION spans are removed first (ThaiNER has no such
  label), and AMOUNT is reported apart because ThaiNER tags only money and
  percentages while this schema's AMOUNT also covers counts;
- the seed article.
Speed: documents of about 1,500 characters (excerpts of the real articles) per
second in batch mode, model load time, and peak memory (max RSS of this process).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "data" / "thaigov-v2-sample" / "articles.jsonl.gz"


def excerpts(n: int, size: int = 1500) -> list[str]:
    """The first ``n`` articles of at least ``size`` characters, cut at the last line break or space before ``size``."""
    out = []
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if len(text) < size:
                continue
            cut = max(text.rfind("\n", 0, size), text.rfind(" ", 0, size))
            out.append(text[:cut if cut > size // 2 else size])
            if len(out) == n:
                break
    return out


def scores(annotator, docs, drop=()) -> dict:
    from thaigov_ner.evaluate import evaluate

    preds = list(annotator.tagger.predict([d.text for d in docs], batch_size=16))
    pairs = [(g, replace(g, entities=tuple(e for e in p if e.label not in drop), relations=()))
             for g, p in zip(docs, preds)]
    report = evaluate(pairs)
    found = report.exact
    out = {k: v.to_dict() for k, v in found.items()}
    out["micro_f1_interval_95"] = [round(x, 4) for x in report.intervals["entities"]]
    if drop:  # micro over the labels the gold corpus annotates alike, AMOUNT left out
        from thaigov_ner.evaluate import PRF

        kept = ("PERSON", "AGENCY", "LOCATION", "VENUE", "DATE")
        out["micro_without_amount"] = PRF(*(sum(getattr(found[l], k) for l in kept)
                                            for k in ("tp", "fp", "fn"))).to_dict()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--docs", type=int, default=120, help="documents for the speed measurement")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "model.json")
    parser.add_argument("--backend", default=None, help="onnx or torch (default: the Annotator's default)")
    args = parser.parse_args()

    from thaigov_ner.io.jsonl import read_jsonl
    from thaigov_ner.pipeline import DEFAULT_BACKEND, Annotator

    backend = args.backend or DEFAULT_BACKEND.value
    t0 = time.perf_counter()
    annotator = Annotator.load(args.model, backend=backend, batch_size=16)
    load_s = time.perf_counter() - t0

    result = {"model": str(args.model or "shipped default"), "backend": backend, "date": time.strftime("%Y-%m-%d"),
              "load_seconds": round(load_s, 2)}
    thaigov = list(read_jsonl(REPO / "corpus/thaigov/test.jsonl"))
    result["thaigov_test"] = scores(annotator, thaigov)
    thainer = list(read_jsonl(REPO / "corpus/thainer-1.5.1/test.jsonl"))
    thainer_scores = scores(annotator, thainer, drop=("POSITION",))
    result["thainer_test"] = thainer_scores
    seed = list(read_jsonl(REPO / "corpus/examples/phrae-2566.jsonl"))
    result["seed_article"] = scores(annotator, seed)["micro"]

    texts = excerpts(args.docs)
    annotator.tagger.predict(texts[:4], batch_size=16)  # warm-up
    t0 = time.perf_counter()
    docs = list(annotator.pipe(texts, batch_size=16))
    elapsed = time.perf_counter() - t0
    result["speed"] = {
        "documents": len(docs), "mean_characters": round(sum(map(len, texts)) / len(texts)),
        "seconds": round(elapsed, 2), "documents_per_second": round(len(docs) / elapsed, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    result["machine"] = {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(),
                         "python": platform.python_version(), "load_average": [round(x, 2) for x in os.getloadavg()]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"thaigov_test_micro_f1": result["thaigov_test"]["micro"]["f1"],
                      "thaigov_test_micro_f1_interval_95": result["thaigov_test"]["micro_f1_interval_95"],
                      "thainer_test_micro_f1": thainer_scores["micro"]["f1"],
                      "thainer_test_micro_f1_without_amount": thainer_scores["micro_without_amount"]["f1"],
                      "seed_f1": result["seed_article"]["f1"], **result["speed"], "load_seconds": result["load_seconds"]},
                     indent=1))


if __name__ == "__main__":
    main()
