"""Precision of the delegations found in real articles that nobody annotated, by reading a sample.

    python benchmarks/wild_sample.py runs/batch-12k.jsonl --seed 2610 --n 80 -o sample.jsonl
    python benchmarks/wild_sample.py --verdicts benchmarks/results/wild-delegations-s9b.jsonl

The first form relinks the entities of an ``thaigov-ner annotate`` output with the rules of
this commit and writes a seeded random sample of the delegations found, one per document
(documents shuffled, the first delegation of each), with the text before the evidence, for
a reader to judge against SCHEMA.md and corpus/GUIDELINES.md. The judge adds ``verdict``
(correct, wrong_delegator, wrong_delegatee, not_a_delegation, entity_error) and ``note``
to each line. The second form counts the verdicts of such a file and prints the precision
(share of "correct") with a 95 % Wilson interval. Recall is not measured this way.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

VERDICTS = ("correct", "wrong_delegator", "wrong_delegatee", "not_a_delegation", "entity_error")


def sample(annotated: Path, seed: int, n: int) -> list[dict]:
    from thaigov_ner.pipeline import link
    from thaigov_ner.schema import Document

    rows = []
    with open(annotated, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if "entities" in r:  # error records have none
                rows.append(r)
    random.Random(seed).shuffle(rows)
    out: list[dict] = []
    for r in rows:
        doc = link(Document.from_dict(r))  # the rules of this commit replace the stored relations
        by_id = {e.id: e for e in doc.entities}
        rel = next((x for x in doc.relations if x.type == "DELEGATES_TO"), None)
        if rel is None:
            continue
        head, tail = by_id[rel.head], by_id[rel.tail]
        start, end = rel.evidence
        out.append({"n": len(out) + 1, "doc": r["id"], "delegator": head.text, "delegator_label": head.label,
                    "delegatee": tail.text, "delegatee_label": tail.label, "trigger": rel.trigger,
                    "rule": rel.rule, "evidence": r["text"][max(0, start - 300):end + 1][-1500:]})
        if len(out) == n:
            break
    return out


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion k / n."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("annotated", nargs="?", type=Path, help="output of thaigov-ner annotate (JSONL)")
    ap.add_argument("--seed", type=int, default=2610)
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("-o", "--out", type=Path)
    ap.add_argument("--verdicts", type=Path, help="a judged sample: count its verdicts")
    args = ap.parse_args()
    if args.verdicts:
        rows = [json.loads(line) for line in args.verdicts.read_text(encoding="utf-8").splitlines() if line.strip()]
        unknown = [r["n"] for r in rows if r.get("verdict") not in VERDICTS]
        if unknown:
            ap.error(f"{args.verdicts}: lines n={unknown[:5]} have no verdict among {', '.join(VERDICTS)}")
        counts = Counter(r["verdict"] for r in rows)
        low, high = wilson(counts["correct"], len(rows))
        print(json.dumps({"judged": len(rows), **dict(counts), "precision": round(counts["correct"] / len(rows), 3),
                          "interval_95": [round(low, 3), round(high, 3)]}))
        return 0
    if args.annotated is None or args.out is None:
        ap.error("give an annotated JSONL and -o, or --verdicts")
    rows = sample(args.annotated, args.seed, args.n)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} delegations from {len(rows)} documents -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
