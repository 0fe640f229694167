"""Recall of the delegations in real articles that nobody annotated, by reading whole articles.

    python benchmarks/wild_recall.py draw runs/batch-12k.jsonl --seed 3001 --n 80 -o sample.jsonl [--exclude earlier.jsonl]
    python benchmarks/wild_recall.py score sample-read.jsonl runs/batch-12k.jsonl [--misses]

``draw`` writes a seeded random sample of the articles of an ``thaigov-ner annotate``
output whose text holds one of :data:`CUES`, a list wider than the rule layer's lexicon
(any มอบ, สั่ง or แทน, not only มอบหมายให้ or สั่งการให้), chosen before any article was
read. It writes the article ids only, never the tool's output, so the reader is blind
to it. The reader lists every DELEGATES_TO the article states, as SCHEMA.md and
corpus/GUIDELINES.md define it, adding to each line ``delegations``: a list of
``{"delegator", "delegatee", "trigger", "quote"}``, each party the official's name without
honorifics, or the office or agency as written when no person holds it in the text.

``score`` relinks the sampled articles' entities with the rules of this commit and
counts a read delegation as found when one of the tool's who-to-whom pairs names the
same two parties (:func:`same_party`). Recall is the share found, with a 95 % Wilson
interval; where a second reader, who did not know which were found, marked each read
delegation ``in_scope`` (do SCHEMA.md and the guidelines make it a relation, as named?),
recall is also given over those. ``--misses`` prints each delegation not found, with its
quote, to be read; ``--extras`` each of the tool's that the reader did not list (a reader's
miss or a tool's error; the precision samples of ``wild_sample.py`` measure the latter).
Delegations worded without any of :data:`CUES` are outside this measure.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from wild_sample import wilson  # noqa: E402

CUES = re.compile("มอบ|สั่ง|แทน|ในนาม|กำชับ|รักษาการ|รักษาราชการ")


def annotated_rows(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh)
        return {r["id"]: r for r in rows if "entities" in r}  # error records have none


def draw(annotated: Path, seed: int, n: int, exclude: set[str] = frozenset()) -> list[dict]:
    rows = [r for r in annotated_rows(annotated).values() if CUES.search(r["text"]) and r["id"] not in exclude]
    rows.sort(key=lambda r: r["id"])
    random.Random(seed).shuffle(rows)
    return [{"n": i + 1, "doc": r["id"], "chars": len(r["text"])} for i, r in enumerate(rows[:n])]


def _key(name: str) -> str:
    from thaigov_ner.relations.officials import person_name, position_key

    return position_key(person_name(name)).replace(" ", "")


def same_party(read: str, names: set[str], *, loose: bool = True) -> bool:
    """Does the reader's party name one of ``names`` (the tool's official: its name, offices
    and mentions)? Equal once titles, abbreviations and spaces are taken away; with
    ``loose``, also one holding the other when the shorter has at least four characters (a
    first name alone, an office without its province)."""
    a = _key(read)
    for name in names:
        b = _key(name)
        short, long_ = sorted((a, b), key=len)
        if a == b or (loose and len(short) >= 4 and short in long_):
            return True
    return False


def match(read: list[dict], pairs: list) -> list[bool]:
    """Which read delegations one of the tool's ``pairs`` names, each pair used once: exact
    names first, so that a loose match cannot take the pair an exact one needs."""
    found = [False] * len(read)
    pairs = list(pairs)
    for loose in (False, True):
        for i, d in enumerate(read):
            hit = None if found[i] else next(
                (p for p in pairs if same_party(d["delegator"], p[0], loose=loose)
                 and same_party(d["delegatee"], p[1], loose=loose)), None)
            if hit is not None:
                found[i] = True
                pairs.remove(hit)
    return found


def tool_pairs(row: dict) -> list[tuple[set[str], set[str], str]]:
    """The tool's delegations in one article: every name each party goes by there (its
    official's name, offices and mentions), and the trigger."""
    from thaigov_ner.pipeline import link
    from thaigov_ner.relations.officials import cluster
    from thaigov_ner.schema import Document

    doc = link(Document.from_dict(row))
    text_of = {e.id: e.text for e in doc.entities}
    _, officials = cluster(doc.text, doc.entities, doc.relations)

    def names(entity_id: str) -> set[str]:
        o = officials[entity_id]
        return {o.name, *o.positions, *(text_of[m] for m in o.mentions)}

    pairs = {}  # who to whom: one per pair of officials
    for r in doc.relations:
        if r.type == "DELEGATES_TO":
            pairs.setdefault((officials[r.head].name, officials[r.tail].name), (names(r.head), names(r.tail), r.trigger))
    return list(pairs.values())


def score(read_path: Path, annotated: Path, show_misses: bool = False, show_extras: bool = False) -> dict:
    rows = annotated_rows(annotated)
    lines = [json.loads(x) for x in read_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    unread = [r["n"] for r in lines if not isinstance(r.get("delegations"), list)]
    if unread:
        raise SystemExit(f"{read_path}: lines n={unread[:5]} have no 'delegations' list")
    found = total = 0
    misses, extras = [], []
    in_scope = [0, 0]  # found, read: the delegations an adjudicator marked "in_scope"
    for line in lines:
        pairs = tool_pairs(rows[line["doc"]])
        read = line["delegations"]
        hits = match(read, pairs)
        total += len(hits)
        found += sum(hits)
        for d, hit in zip(read, hits):
            if d.get("in_scope"):
                in_scope[0] += hit
                in_scope[1] += 1
        misses += [{"n": line["n"], "doc": line["doc"], **d} for d, hit in zip(read, hits) if not hit]
        extras += [{"n": line["n"], "doc": line["doc"], "delegator": sorted(h), "delegatee": sorted(t), "trigger": g}
                   for h, t, g in pairs
                   if not any(same_party(d["delegator"], h) and same_party(d["delegatee"], t) for d in read)]
    for shown in (misses if show_misses else []) + (extras if show_extras else []):
        print(json.dumps(shown, ensure_ascii=False))
    out = {"articles": len(lines), "delegations_read": total, "found": found, "tool_not_read": len(extras),
           **_recall(found, total)}
    if any("in_scope" in d for line in lines for d in line["delegations"]):
        out["in_scope"] = {"delegations_read": in_scope[1], "found": in_scope[0], **_recall(*in_scope)}
    return out


def _recall(found: int, total: int) -> dict:
    low, high = wilson(found, total) if total else (0.0, 0.0)
    return {"recall": round(found / total, 3) if total else None, "interval_95": [round(low, 3), round(high, 3)]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("annotated", type=Path)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--n", type=int, default=80)
    d.add_argument("-o", "--out", type=Path, required=True)
    d.add_argument("--exclude", type=Path, nargs="*", default=[], help="earlier samples whose articles are not drawn again")
    s = sub.add_parser("score")
    s.add_argument("read", type=Path, help="the drawn sample with the reader's 'delegations'")
    s.add_argument("annotated", type=Path)
    s.add_argument("--misses", action="store_true", help="print each read delegation the tool did not find")
    s.add_argument("--extras", action="store_true", help="print each delegation of the tool the reader did not list")
    args = ap.parse_args()
    if args.command == "draw":
        seen = {json.loads(x)["doc"] for f in args.exclude for x in f.read_text(encoding="utf-8").splitlines() if x.strip()}
        rows = draw(args.annotated, args.seed, args.n, seen)
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles -> {args.out}", file=sys.stderr)
        return 0
    print(json.dumps(score(args.read, args.annotated, args.misses, args.extras), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
