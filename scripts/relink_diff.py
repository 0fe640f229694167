"""What a rule change changes: relink documents with the rules of the working tree, and
compare two such dumps delegation by delegation.

    python scripts/relink_diff.py dump OUT.jsonl corpus/thaigov/train.jsonl corpus/thaigov/dev.jsonl runs/batch-12k.jsonl
    python scripts/relink_diff.py diff BEFORE.jsonl AFTER.jsonl [--context 200]

``dump`` reads JSONL documents with entities (gold corpus files, or the output of
``thaigov-ner annotate``; error records are skipped), replaces their relations by the
rules' (``thaigov_ner.pipeline.link``) and writes one line per document: its key (file
name and id), the delegations (delegator, delegatee, trigger, rule, where the trigger is)
and the number of officials. ``diff`` prints every delegation one dump has and the other
has not, with the text around its trigger, so each can be read and judged; then the
totals. Test files are the caller's to leave out: the rules are tuned on train, dev and
unlabeled articles only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def dump(out: Path, sources: list[Path]) -> None:
    from thaigov_ner.pipeline import link
    from thaigov_ner.schema import Document

    with open(out, "w", encoding="utf-8") as fh:
        for source in sources:
            with open(source, encoding="utf-8") as lines:
                for line in lines:
                    row = json.loads(line)
                    if "entities" not in row:
                        continue
                    doc = link(Document.from_dict(row))
                    by_id = {e.id: e for e in doc.entities}
                    found = []
                    for r in doc.relations:
                        if r.type == "DELEGATES_TO":
                            at = doc.text.find(r.trigger, r.evidence[0]) if r.evidence else -1
                            found.append([by_id[r.head].text, by_id[r.tail].text, r.trigger, r.rule, at])
                    fh.write(json.dumps({"key": f"{source.name}:{doc.id}", "text": doc.text, "delegations": found,
                                         "officials": len(doc.officials)}, ensure_ascii=False) + "\n")


def read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {r["key"]: r for r in map(json.loads, fh)}


def diff(before: Path, after: Path, context: int) -> None:
    old, new = read(before), read(after)
    changed = 0
    counts = {"removed": 0, "added": 0}
    for key in sorted(old.keys() | new.keys()):
        a = {tuple(d[:3]): d for d in old.get(key, {}).get("delegations", [])}
        b = {tuple(d[:3]): d for d in new.get(key, {}).get("delegations", [])}
        if a.keys() == b.keys():
            continue
        changed += 1
        text = (new.get(key) or old[key])["text"]
        print(f"== {key}")
        for sign, mine, theirs, what in (("-", a, b, "removed"), ("+", b, a, "added")):
            for k in sorted(mine.keys() - theirs.keys()):
                head, tail, trigger, rule, at = mine[k]
                counts[what] += 1
                around = text[max(0, at - context):at + context].replace("\n", " / ") if at >= 0 else ""
                print(f"{sign} {head} -> {tail} [{trigger}, {rule}]\n    …{around}…")
    print(f"documents changed: {changed}; delegations removed: {counts['removed']}, added: {counts['added']}; "
          f"delegations before {sum(len(r['delegations']) for r in old.values())}, "
          f"after {sum(len(r['delegations']) for r in new.values())}; officials before "
          f"{sum(r['officials'] for r in old.values())}, after {sum(r['officials'] for r in new.values())}",
          file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("sources", type=Path, nargs="+")
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--context", type=int, default=200)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.sources)
    else:
        diff(args.before, args.after, args.context)


if __name__ == "__main__":
    main()
