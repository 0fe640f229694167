"""Consistency checks over the compiled gold corpus, for the annotators.

    python scripts/corpus_consistency.py                  # corpus/thaigov/{train,dev,test}.jsonl
    python scripts/corpus_consistency.py --dir /tmp/all

Reports (does not fix):
1. the same surface string tagged with different labels across the corpus;
2. a surface tagged somewhere but left untagged elsewhere (as a whole word run);
3. a person linked by HOLDS_POSITION to two different offices in one document
   (legitimate for "รองนายกรัฐมนตรีและรัฐมนตรีว่าการ...", worth a look otherwise).
Exit status 0 always; the report is a worklist, not a gate.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from thaigov_ner.io.jsonl import read_jsonl

REPO = Path(__file__).resolve().parents[1]
SPLITS = ("train", "dev", "test")


def load(corpus_dir: Path):
    return [d for s in SPLITS if (corpus_dir / f"{s}.jsonl").exists() for d in read_jsonl(corpus_dir / f"{s}.jsonl")]


def label_conflicts(docs) -> dict[str, Counter]:
    """surface -> Counter(label) for surfaces carrying more than one label."""
    by_surface: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        for e in d.entities:
            by_surface[e.text][e.label] += 1
    return {s: c for s, c in by_surface.items() if len(c) > 1}


def untagged_occurrences(docs, min_len: int = 6) -> list[tuple[str, str, int, str]]:
    """``(doc id, surface, offset, label)`` where a tagged surface occurs untouched by any span,
    bounded by whitespace or punctuation (Thai has no spaces inside a run, so this is conservative)."""
    surfaces = {e.text: e.label for d in docs for e in d.entities if len(e.text) >= min_len}
    out = []
    for d in docs:
        covered = [False] * len(d.text)
        for e in d.entities:
            for k in range(e.start, e.end):
                covered[k] = True
        for surface, label in surfaces.items():
            start = d.text.find(surface)
            while start != -1:
                end = start + len(surface)
                left_ok = start == 0 or not d.text[start - 1].isalpha()
                right_ok = end == len(d.text) or not d.text[end].isalpha()
                if left_ok and right_ok and not any(covered[start:end]):
                    out.append((d.id, surface, start, label))
                start = d.text.find(surface, start + 1)
    return out


def multi_office(docs) -> list[tuple[str, str, list[str]]]:
    out = []
    for d in docs:
        offices: dict[str, set[str]] = defaultdict(set)
        for r in d.relations:
            if r.type == "HOLDS_POSITION":
                offices[d.entity(r.head).text].add(d.entity(r.tail).text)
        out += [(d.id, person, sorted(pos)) for person, pos in offices.items() if len(pos) > 1]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=REPO / "corpus" / "thaigov")
    args = ap.parse_args(argv)
    docs = load(args.dir)
    print(f"{len(docs)} documents")
    conflicts = label_conflicts(docs)
    print(f"\n== same surface, different labels: {len(conflicts)}")
    for surface, c in sorted(conflicts.items()):
        print(f"  {surface!r}: " + ", ".join(f"{label} x{n}" for label, n in c.most_common()))
    missed = untagged_occurrences(docs)
    print(f"\n== tagged elsewhere, untagged here: {len(missed)}")
    for doc_id, surface, offset, label in missed:
        print(f"  {doc_id} @{offset}: {surface!r} (elsewhere {label})")
    multi = multi_office(docs)
    print(f"\n== person linked to two or more offices in one document: {len(multi)}")
    for doc_id, person, offices in multi:
        print(f"  {doc_id}: {person} -> {' | '.join(offices)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
