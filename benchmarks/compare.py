"""Compare model folders on every labeled split, for choosing between training runs.

    python benchmarks/compare.py shipped runs/default runs/default-9L --backend torch

Prints one JSON line per model: exact-span micro F1 on thaigov dev and test, the seed
article, and ThaiNER 1.5.1 val and test (predicted POSITION spans dropped first, as in
benchmarks/model.py). Select on the dev splits (thaigov dev, ThaiNER val); test figures
are for reporting. ``shipped`` is the default model in the package.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from model import REPO, scores  # noqa: E402

SPLITS = {
    "thaigov_dev": REPO / "corpus/thaigov/dev.jsonl",
    "thaigov_test": REPO / "corpus/thaigov/test.jsonl",
    "seed": REPO.parent / "shared/examples/phrae-2566.jsonl",
    "thainer_val": REPO / "corpus/thainer-1.5.1/val.jsonl",
    "thainer_test": REPO / "corpus/thainer-1.5.1/test.jsonl",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", help="model folders, or 'shipped'")
    parser.add_argument("--backend", default="torch", choices=("torch", "onnx"))
    args = parser.parse_args()
    from thaigov_ner.io.jsonl import read_jsonl
    from thaigov_ner.pipeline import Annotator

    docs = {k: list(read_jsonl(p)) for k, p in SPLITS.items()}
    for name in args.models:
        annotator = Annotator.load(None if name == "shipped" else name, backend=args.backend)
        row = {k: round(scores(annotator, d, drop=("POSITION",) if k.startswith("thainer") else ())["micro"]["f1"], 4)
               for k, d in docs.items()}
        print(json.dumps({"model": name, "backend": args.backend, **row}), flush=True)


if __name__ == "__main__":
    main()
