"""Count the constructions behind the open DELEGATES_TO error categories (issue #5, round 4)
in unlabeled articles and in the gold corpus, to tell a general construction from a one-off.

    python benchmarks/relation_constructions.py /work/shared/data/thaigov-v2-sample/articles.jsonl.gz \
        --corpus corpus/thaigov/train.jsonl corpus/thaigov/dev.jsonl

Each category is a plain regular expression over the raw text (no entities), so the counts
are approximate: they show how often the surface shape occurs, not how many of the matches
are delegations. For each category the number of matches, the number of articles with one,
and a few examples are printed; ``--corpus`` files are searched the same way and their
matching document ids listed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

TRIGGER = r"(?:ได้)?(?:มอบหมายให้|สั่งการให้|กำชับให้|มอบหมาย|สั่งการ|กำชับ)"
PERSON_TITLE = r"(?:นาย|นางสาว|นาง|น\.ส\.|พล\.[อทตรี]\.|พ\.ต\.[อทต]\.|ร\.ต\.[อทต]\.|พลเอก|ร้อยเอก|ดร\.)"

CATEGORIES = {
    # สั่งการให้กองทัพในพื้นที่ภาคใต้ ทั้งกองทัพบก…: a group word with a place inside it, then its members
    "group_with_place": re.compile(
        TRIGGER + r"\s*[^\s]{0,30}?(?:ในพื้นที่|ในจังหวัด|ในเขต|จังหวัด|ภาค|อำเภอ)[^\s]{0,25}\s?"
        r"(?:ทั้ง(?!นี้|หมด|สิ้น)|อาทิ|ได้แก่|รวมถึง|รวมทั้ง|ตลอดจน)"),
    # นาย A ตำแหน่ง นาย B ตำแหน่ง ได้สั่งการให้: two assigners with only a space between them
    "bare_space_co_delegators": re.compile(
        PERSON_TITLE + r"[^\s]+\s[^\s]+\s[^\s]{2,40}\s" + PERSON_TITLE + r"[^\s]+\s[^\s]+\s[^\s]{2,40}\s*"
        r"(?:ได้|จึง|ก็)*(?:มอบหมายให้|สั่งการให้|กำชับให้)"),
    # นาง Y … ได้รับมอบหมาย(ให้)เป็นผู้แทน X: the stand-in, then the passive cue, then the represented party
    "passive_as_representative": re.compile(r"(?:ได้)?รับ(?:การ)?มอบหมาย(?:ให้)?\s*(?:เป็นผู้แทน|เป็นตัวแทน)"),
    # นาย Y … เปิดเผยภายหลังได้รับมอบหมายจาก X: a speech verb between the passive subject and its cue
    "speech_verb_before_passive": re.compile(
        r"(?:เปิดเผย|กล่าว|แถลง)(?:ภายหลัง|หลัง)(?:จาก)?(?:ที่)?(?:ได้)?รับ(?:การ)?มอบหมายจาก"),
    # (for comparison, read since round 2) นาย Y … กล่าวว่า ได้รับมอบหมายจาก X: the speaker is Y
    "speech_cue_before_passive": re.compile(r"(?:เปิดเผย|กล่าว|แถลง)ว่า\s*(?:ตามที่)?(?:ได้)?รับ(?:การ)?มอบหมายจาก"),
    # ได้รับมอบหมายจากรัฐบาลและกระทรวงคมนาคม: an unnamed body joined to the named one after จาก
    "government_and_party": re.compile(r"(?:รับ(?:การ)?มอบหมาย|คำสั่ง|ข้อสั่งการ)จาก\s*รัฐบาล\s*(?:และ|,|รวมทั้ง)\s*[^\s]"),
    # …ว่า นายกรัฐมนตรีได้มอบหมายให้มาช่วยดูแล…: no assignee after the cue, มา (towards the speaker)
    "speaker_implicit_assignee": re.compile(r"(?:มอบหมาย|สั่งการ)(?:ให้)?มา(?:เป็น|ช่วย|ดูแล|ร่วม|ติดตาม|ตรวจ|เปิด|ลง|พบ|รับ)"),
}

# the re-named subject needs a back-reference: สั่ง/มอบหมายให้ นาย Y … นาย Y ก็… พร้อมกำชับ/และสั่งการ
RENAMED = re.compile(
    r"(?:มอบหมายให้|สั่งการให้)\s*" + PERSON_TITLE + r"\s?([^\s]{2,})"
    r"[^\n]{1,300}?\1[^\n]{0,120}?(?:พร้อม|และ)(?:ทั้ง)?(?:ได้|ขอ)?(?:กำชับ|สั่งการ|มอบหมาย)")


def _texts(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield rec.get("id", "?"), rec.get("text") or ""


def count(path: Path, examples: int = 3) -> dict[str, dict]:
    cats = dict(CATEGORIES, renamed_subject=RENAMED)
    out = {name: {"matches": 0, "articles": 0, "ids": [], "examples": []} for name in cats}
    for doc_id, text in _texts(path):
        for name, rx in cats.items():
            found = list(rx.finditer(text))
            if not found:
                continue
            c = out[name]
            c["matches"] += len(found)
            c["articles"] += 1
            c["ids"].append(doc_id)
            for m in found[: max(0, examples - len(c["examples"]))]:
                c["examples"].append(" ".join(text[max(0, m.start() - 60):m.end() + 30].split()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path, help="unlabeled articles (JSONL or JSONL.gz with text)")
    ap.add_argument("--corpus", nargs="*", type=Path, default=[], help="gold JSONL files to search too")
    args = ap.parse_args(argv)
    for path in [args.articles, *args.corpus]:
        print(f"== {path}")
        for name, c in count(path).items():
            print(f"{name:28s} matches {c['matches']:5d}  articles {c['articles']:5d}")
            if path != args.articles:
                print("    ids: " + ", ".join(c["ids"][:12]))
            for ex in c["examples"]:
                print(f"    | {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
