"""Inter-annotator agreement between the first pass (``ann/``) and the second pass (``ann2/``).

    python scripts/corpus_agreement.py                 # Markdown table on stdout
    python scripts/corpus_agreement.py --json          # the same figures as JSON
    python scripts/corpus_agreement.py --diff          # also list every disagreement per document
    python scripts/corpus_agreement.py --split train --exclude thaigov-69896-0   # one split, some left out

Only documents present in both folders (same split and doc id) are compared, and only when the
first-pass file is checked by hand (no ``# PRE-ANNOTATED`` line). Each file is parsed with
``corpus_format.parse`` and compared with its excerpt in ``selection.jsonl``.

- Entities: exact (start, end, label) precision / recall / F1 per label and micro, with the
  first pass as the reference (F1 is symmetric, so the choice only swaps P and R); also the
  micro partial-overlap view (same label, overlapping span).
- Relations: document-level "who to whom" triples per type
  (``thaigov_ner.relations.who_to_whom``, as in SCHEMA.md's Evaluation), each pass resolved
  with its own HOLDS_POSITION links.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_format import check_text, parse, to_document  # noqa: E402
from thaigov_ner.evaluate import PRF, exact_scores, partial_scores, relation_scores  # noqa: E402
from thaigov_ner.relations import who_to_whom  # noqa: E402
from thaigov_ner.schema import LABELS, RELATION_TYPES, Document  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "thaigov"


def load_selection(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: r for r in (json.loads(line) for line in fh if line.strip())}


def load_pass(path: Path, rec: dict) -> tuple[Document, bool]:
    ann = parse(path.read_text(encoding="utf-8"), str(path))
    check_text(ann, rec["text"])
    return to_document(ann, rec["id"], {}), ann.checked


def load_pairs(ann_dir: Path, ann2_dir: Path, selection: dict[str, dict], split: str = "*",
               exclude: frozenset[str] = frozenset()):
    """``[(first pass, second pass)]`` for documents in both folders (of one split, less the
    ``exclude``d ids), and the ids skipped because the first pass is not checked yet."""
    pairs, skipped = [], []
    for path2 in sorted(ann2_dir.glob(f"{split}/*.txt")):
        if path2.stem in exclude:
            continue
        path1 = ann_dir / path2.parent.name / path2.name
        if not path1.exists():
            continue
        rec = selection[path2.stem]
        doc1, checked1 = load_pass(path1, rec)
        doc2, _ = load_pass(path2, rec)
        if not checked1:
            skipped.append(rec["id"])
            continue
        pairs.append((doc1, doc2))
    return pairs, skipped


def agreement(pairs) -> dict:
    ents = exact_scores(pairs)
    rels = relation_scores(pairs, who_to_whom)
    rel_micro = [sum(getattr(rels[t], k) for t in RELATION_TYPES) for k in ("tp", "fp", "fn")]
    out = {"documents": len(pairs),
           "entities": {k: v.to_dict() for k, v in ents.items()},
           "entities_partial_micro": partial_scores(pairs).to_dict(),
           "relations_who_to_whom": {k: v.to_dict() for k, v in rels.items()}}
    out["relations_who_to_whom"]["micro"] = PRF(*rel_micro).to_dict()
    return out


def markdown(res: dict) -> str:
    def row(name, d):
        return (f"| {name} | {d['support']} | {d['predicted']} | {d['precision']:.3f} | "
                f"{d['recall']:.3f} | {d['f1']:.3f} |")
    lines = [f"Documents compared: {res['documents']} (reference: pass 1 `ann/`; P = share of pass-2 "
             "items also in pass 1, R = share of pass-1 items also in pass 2)", "",
             "| entities (exact span + label) | pass 1 | pass 2 | P | R | F1 |",
             "|---|---:|---:|---:|---:|---:|"]
    for label in LABELS:
        lines.append(row(label, res["entities"][label]))
    lines.append(row("**micro**", res["entities"]["micro"]))
    lines.append(row("micro, partial overlap", res["entities_partial_micro"]))
    lines += ["", "| relations (who to whom) | pass 1 | pass 2 | P | R | F1 |",
              "|---|---:|---:|---:|---:|---:|"]
    for rtype in RELATION_TYPES:
        lines.append(row(rtype, res["relations_who_to_whom"][rtype]))
    lines.append(row("**micro**", res["relations_who_to_whom"]["micro"]))
    return "\n".join(lines)


def differences(pairs) -> str:
    out = []
    for d1, d2 in pairs:
        s1 = {(e.start, e.end, e.label, e.text) for e in d1.entities}
        s2 = {(e.start, e.end, e.label, e.text) for e in d2.entities}
        r1, r2 = who_to_whom(d1), who_to_whom(d2)
        if s1 == s2 and r1 == r2:
            continue
        out.append(f"## {d1.id}")
        for e in sorted(s1 - s2):
            out.append(f"  only pass 1: {e[2]:8} {e[3]!r} [{e[0]}:{e[1]}]")
        for e in sorted(s2 - s1):
            out.append(f"  only pass 2: {e[2]:8} {e[3]!r} [{e[0]}:{e[1]}]")
        for t in sorted(r1 - r2):
            out.append(f"  only pass 1: {t}")
        for t in sorted(r2 - r1):
            out.append(f"  only pass 2: {t}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ann", type=Path, default=CORPUS / "ann", help="first pass (reference)")
    ap.add_argument("--ann2", type=Path, default=CORPUS / "ann2", help="second pass")
    ap.add_argument("--selection", type=Path, default=CORPUS / "selection.jsonl")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--diff", action="store_true", help="also list the disagreements per document")
    ap.add_argument("--split", default="*", help="only this split (default: all)")
    ap.add_argument("--exclude", nargs="*", default=[], metavar="ID", help="leave these documents out")
    args = ap.parse_args(argv)
    pairs, skipped = load_pairs(args.ann, args.ann2, load_selection(args.selection), args.split,
                                frozenset(args.exclude))
    if not pairs:
        print("no document annotated in both passes", file=sys.stderr)
        return 1
    res = agreement(pairs)
    res["skipped_unchecked_first_pass"] = skipped
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
    else:
        print(markdown(res))
        if skipped:
            print(f"\nSkipped (first pass not checked yet): {', '.join(skipped)}")
    if args.diff:
        print("\n" + differences(pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
