"""Statistics of the compiled gold corpus, as a Markdown block for DATASHEET.md.

    python scripts/corpus_stats.py                       # corpus/thaigov/{train,dev,test}.jsonl
    python scripts/corpus_stats.py --dir /tmp/all        # e.g. a `corpus_compile.py --all` output

Counts documents per split, entities per label, relations per type, DELEGATES_TO
per trigger family, and the provinces named in the documents.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from thaigov_ner.io.jsonl import read_jsonl
from thaigov_ner.schema import LABELS, RELATION_TYPES

REPO = Path(__file__).resolve().parents[1]
SPLITS = ("train", "dev", "test")

# Trigger families, tried in order on the trigger text as written.
TRIGGER_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("passive (ได้รับมอบหมาย)", re.compile(r"รับมอบหมาย")),
    ("active (มอบหมาย/มอบให้)", re.compile(r"มอบหมาย|มอบให้|มอบภารกิจ|^(?:ได้)?มอบ$")),
    ("ordered (สั่งการ/สั่งให้)", re.compile(r"สั่ง")),
    ("instructed (กำชับ)", re.compile(r"กำชับ")),
    ("acting (ปฏิบัติ/รักษาราชการแทน)", re.compile(r"ราชการแทน")),
    ("on behalf (แทน/ในนามของ/ผู้แทน)", re.compile(r"แทน|ในนาม")),
]


def trigger_family(trigger: str | None) -> str:
    if not trigger:
        return "(no trigger)"
    return next((name for name, rx in TRIGGER_FAMILIES if rx.search(trigger)), "other")


def provinces_named(text: str, pattern: re.Pattern[str]) -> set[str]:
    return {("กรุงเทพมหานคร" if (m.group(1) or m.group(2)) == "กรุงเทพฯ" else (m.group(1) or m.group(2)))
            for m in pattern.finditer(text)}


def stats_markdown(corpus_dir: Path) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus_select import province_pattern

    prov_re = province_pattern()
    per_split = {s: list(read_jsonl(corpus_dir / f"{s}.jsonl")) if (corpus_dir / f"{s}.jsonl").exists() else []
                 for s in SPLITS}
    labels = {s: Counter(e.label for d in docs for e in d.entities) for s, docs in per_split.items()}
    rels = {s: Counter(r.type for d in docs for r in d.relations) for s, docs in per_split.items()}
    families = {s: Counter(trigger_family(r.trigger) for d in docs for r in d.relations if r.type == "DELEGATES_TO")
                for s, docs in per_split.items()}
    with_deleg = {s: sum(any(r.type == "DELEGATES_TO" for r in d.relations) for d in docs) for s, docs in per_split.items()}
    decoys = {s: sum(any(x.startswith("decoy") for x in d.meta.get("selected_for", ())) for d in docs)
              for s, docs in per_split.items()}
    provinces = {s: set().union(*(provinces_named(d.text, prov_re) for d in docs)) if docs else set()
                 for s, docs in per_split.items()}

    def table(title: str, rows: list[str], counts: dict[str, Counter]) -> list[str]:
        out = [f"| {title} | " + " | ".join(SPLITS) + " | total |", "|---|" + "---:|" * (len(SPLITS) + 1)]
        for row in rows:
            vals = [counts[s][row] for s in SPLITS]
            out.append(f"| {row} | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |")
        return out + [""]

    docs_counter = {s: Counter({"documents": len(per_split[s]), "characters": sum(len(d.text) for d in per_split[s]),
                                "with a DELEGATES_TO relation": with_deleg[s], "decoy documents": decoys[s]}) for s in SPLITS}
    lines = table("documents", ["documents", "characters", "with a DELEGATES_TO relation", "decoy documents"],
                   docs_counter)
    lines += table("entities", list(LABELS), labels)
    lines += table("relations", list(RELATION_TYPES), rels)
    lines += table("DELEGATES_TO by trigger family", [n for n, _ in TRIGGER_FAMILIES] + ["(no trigger)", "other"],
                   families)
    all_prov = set().union(*provinces.values())
    lines.append("Provinces named: " + ", ".join(f"{s} {len(provinces[s])}" for s in SPLITS)
                 + f"; all splits together {len(all_prov)} of 77.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=REPO / "corpus" / "thaigov")
    args = ap.parse_args(argv)
    print(stats_markdown(args.dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
