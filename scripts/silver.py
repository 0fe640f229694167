"""Silver training data for self-training: excerpts of the real thaigov.go.th
articles that are in no corpus/thaigov split, tagged by a trained model.

    python scripts/silver.py --out runs/silver/silver.jsonl [--docs 1500] [--model DIR] [--seed 13]

Each excerpt is cut at a line break near ``--chars`` characters; every record
keeps its source URL and says that its entities come from a model, not a person.
The file is a project JSONL corpus (entities only), for a training config such as
configs/selftrain-b.yaml. It is not committed: rebuild it with this command.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "data" / "thaigov-v2-sample" / "articles.jsonl.gz"


def corpus_urls() -> set[str]:
    urls = set()
    for split in ("train", "dev", "test"):
        with open(REPO / "corpus" / "thaigov" / f"{split}.jsonl", encoding="utf-8") as fh:
            urls.update(json.loads(line)["meta"]["url"] for line in fh if line.strip())
    return urls


def excerpt(text: str, chars: int) -> str:
    """The text up to the last line break before ``chars`` (or all of it when shorter)."""
    if len(text) <= chars:
        return text.strip()
    cut = text.rfind("\n", 0, chars)
    return text[:cut if cut > chars // 2 else chars].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--chars", type=int, default=1500)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    from thaigov_ner.pipeline import Annotator
    from thaigov_ner.schema import Document

    held = corpus_urls()
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        articles = [a for a in map(json.loads, fh) if a["url"] not in held and len(a["text"].strip()) >= 300]
    random.Random(args.seed).shuffle(articles)
    chosen = articles[:args.docs]
    texts = [excerpt(a["text"], args.chars) for a in chosen]
    tagger = Annotator.load(args.model).tagger
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for start in range(0, len(texts), 64):
            found = tagger.predict(texts[start:start + 64], batch_size=16)
            for a, text, ents in zip(chosen[start:start + 64], texts[start:start + 64], found):
                doc = Document(f"silver-{a['url'].rsplit('/', 1)[-1]}", text, tuple(ents),
                               meta={"url": a["url"], "source": a["id"], "annotation": "model (silver)",
                                     "model": str(args.model or "shipped default")}).with_ids()
                record = doc.to_dict()
                for e in record["entities"]:
                    e.pop("score", None)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(texts)} silver documents ({len(held)} corpus articles held out) -> {args.out}")


if __name__ == "__main__":
    main()
