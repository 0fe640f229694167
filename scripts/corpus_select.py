"""Select the source excerpts of the gold corpus, deterministically.

Reads the 12,000 thaigov.go.th articles, cuts one contiguous excerpt of
300..MAX_CHARS characters out of each chosen article at line or space
boundaries (copied exactly; ``meta.excerpt_start`` is its offset in the
article), fills the quotas below and assigns each article to one split.

    python scripts/corpus_select.py                       # writes corpus/thaigov/selection.jsonl
    python scripts/corpus_select.py --seed 2566 --out other.jsonl
    python scripts/corpus_select.py --extend 90           # appends 90 delegation-rich excerpts
    python scripts/corpus_select.py --extend 160 --split train --seed 2568   # all 160 to train

Quotas (see corpus/thaigov/DATASHEET.md): 300 documents, 200 train / 50 dev /
50 test; at least 150 with a delegation cue; decoys (negated or hypothetical
delegation, มอบ as handing over an object, an agency assigned); provincial,
cabinet/ministry, disaster relief, budget, ceremony and inspection news; at
least 40 provinces overall. The figures are printed at the end.

Extension mode (``--extend N``) leaves the existing records untouched and appends N
excerpts from articles no existing record uses (compared by article id), chosen for a
real delegation between officials (see ``delegation_family``), round robin over the
delegation patterns, rarest first, preferring new provinces and ministries; split by
article 4:1:1 (train/test/dev; N=90 gives 60/15/15), or all to one split with ``--split``
(more training data without moving the dev and test sets). ``--kind topical`` takes article
openings instead, round robin over the topics, for when the delegation-rich articles run out.
Their ``reasons`` start with ``extension``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "data" / "thaigov-v2-sample" / "articles.jsonl.gz"
OUT = REPO / "corpus" / "thaigov" / "selection.jsonl"
LICENSE = "public domain (Thai Copyright Act B.E. 2537 s.7)"

MIN_CHARS, MAX_CHARS = 300, 1200       # the contract allows up to 2,500; shorter is kinder to annotators
SPLIT_SIZES = {"train": 200, "dev": 50, "test": 50}
QUOTAS = {"delegation": 170, "decoy": 30}  # the rest is topical news, chosen to widen province coverage
MIN_PROVINCES = 40

# Delegation cues, by trigger family (the same families as corpus_stats.py reports).
DELEGATION_CUES = re.compile(
    r"ได้รับมอบหมาย|มอบหมายให้|มอบหมาย|สั่งการให้|สั่งการ|ปฏิบัติราชการแทน|รักษาราชการแทน"
    r"|ในนามของ|เป็นผู้แทน|เป็นประธาน[^\n]{0,120}?แทน(?!ที่|ค่า)")
# Decoys: look like delegation but are not one (negated, hypothetical, an object handed over,
# or an organisation assigned with no official named).
DECOY_CUES = {
    # No negated delegation (ไม่ได้มอบหมาย) occurs in the 12,000 articles; the constructed
    # minimal pairs of corpus/thaigov-challenge/ cover that case.
    "negated": re.compile(r"ไม่ได้(?:รับ)?มอบหมาย|ไม่ได้สั่งการ"),
    # หาก/ถ้า must start a word: ปัญหาการ contains หาก.
    "hypothetical": re.compile(r"(?:^|(?<=[\s(]))(?:หาก|ถ้า)[^\n]{0,60}?มอบหมาย", re.M),
    "handover": re.compile(r"มอบ(?:เงิน|สิ่งของ|ถุงยังชีพ|ทุน|เกียรติบัตร|โล่|รางวัล|ประกาศนียบัตร|เครื่อง)"),
    "agency_assigned": re.compile(r"มอบหมายให้(?:กระทรวง|กรม|หน่วยงาน|สำนักงาน|ส่วนราชการ)"),
}
TOPICS = {
    "provincial": re.compile(r"ผู้ว่าราชการจังหวัด"),
    "cabinet": re.compile(r"คณะรัฐมนตรี|ครม\."),
    "ministry": re.compile(r"กระทรวง"),
    "disaster": re.compile(r"อุทกภัย|น้ำท่วม|ภัยแล้ง|ผู้ประสบภัย|วาตภัย|ดินโคลนถล่ม"),
    "budget": re.compile(r"งบประมาณ[^\n]{0,60}?บาท"),
    "ceremony": re.compile(r"พิธี"),
    "inspection": re.compile(r"ตรวจเยี่ยม|ตรวจติดตาม|ลงพื้นที่"),
}
# Excerpts containing something that looks like an annotation tag are refused, so that the
# annotation format (corpus_format.py) can never confuse source text with a tag.
TAG_LIKE = re.compile(r"\[/?[A-Z]+(?:#[^\]\s]*)?\]")


def province_names() -> list[str]:
    """Thai names of the 77 provinces (PyThaiNLP's bundled list, offline), with กรุงเทพฯ."""
    from pythainlp.corpus import provinces

    names = {p["name_th"] for p in provinces(details=True)}
    names.add("กรุงเทพฯ")
    return sorted(names, key=len, reverse=True)


def province_pattern() -> re.Pattern[str]:
    """A province after จังหวัด/จ., or a bare province name standing alone (not inside a
    Thai word: แพร่ in เผยแพร่ or เลย the adverb are not provinces)."""
    names = "|".join(map(re.escape, province_names()))
    return re.compile(rf"(?:จังหวัด|จ\.\s?)({names})|(?<![ก-๙])({names})(?![ก-๙])")


def provinces_in(text: str, pattern: re.Pattern[str]) -> set[str]:
    found = set()
    for m in pattern.finditer(text):
        name = m.group(1) or m.group(2)
        found.add("กรุงเทพมหานคร" if name == "กรุงเทพฯ" else name)
    return found


def article_number(article: dict) -> str:
    m = re.search(r"/(\d+)/?$", article["url"])
    if not m:
        raise SystemExit(f"article {article['id']!r} has no numeric url tail ({article['url']}); "
                         "fix the id scheme in article_number()")
    return m.group(1)


def line_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)``, without surrounding whitespace."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def cut_excerpt(text: str, anchor: int) -> tuple[int, int] | None:
    """An excerpt ``(start, end)`` of MIN_CHARS..MAX_CHARS containing ``anchor``.

    Whole lines are added around the anchor's line, next lines first, while the
    excerpt stays under MAX_CHARS. A line longer than MAX_CHARS is cut at spaces
    around the anchor. Returns None when no such excerpt exists.
    """
    lines = line_spans(text)
    idx = next((i for i, (s, e) in enumerate(lines) if s <= anchor < e), None)
    if idx is None:
        return None
    s, e = lines[idx]
    if e - s > MAX_CHARS:
        spaces = [m.start() for m in re.finditer(r" ", text[s:e])]
        cuts = [s + k for k in spaces]
        lo = max([c + 1 for c in cuts if c + 1 <= anchor - 200] or [s])
        hi_cands = [c for c in cuts if c <= lo + MAX_CHARS]
        hi = max(hi_cands) if hi_cands else e
        if not (lo <= anchor < hi):
            return None
        s, e = lo, hi
        while e > s and text[e - 1].isspace():
            e -= 1
    lo_i, hi_i = idx, idx
    while e - s < MIN_CHARS or (hi_i + 1 < len(lines) and lines[hi_i + 1][1] - s <= MAX_CHARS // 2):
        grown = False
        if hi_i + 1 < len(lines) and lines[hi_i + 1][1] - s <= MAX_CHARS:
            hi_i += 1
            e = lines[hi_i][1]
            grown = True
        elif lo_i - 1 >= 0 and e - lines[lo_i - 1][0] <= MAX_CHARS:
            lo_i -= 1
            s = lines[lo_i][0]
            grown = True
        if not grown:
            break
    if not (MIN_CHARS <= e - s <= MAX_CHARS):
        return None
    return s, e


def candidates(article: dict, prov_re: re.Pattern[str]) -> list[dict]:
    """Every usable excerpt of one article, one per kind of anchor, with why it was chosen."""
    text = article["text"]
    anchors: list[tuple[str, int]] = []
    for name, rx in DECOY_CUES.items():
        m = rx.search(text)
        if m:
            anchors.append((f"decoy:{name}", m.start()))
    m = DELEGATION_CUES.search(text)
    if m:
        anchors.append(("delegation", m.start()))
    anchors.append(("topical", 0))
    out = []
    for kind, pos in anchors:
        span = cut_excerpt(text, pos)
        if span is None:
            continue
        s, e = span
        excerpt = text[s:e]
        if TAG_LIKE.search(excerpt):
            continue
        reasons = [kind]
        cue = DELEGATION_CUES.search(excerpt)
        if cue and kind != "delegation":
            reasons.append("delegation")
        reasons += [f"topic:{t}" for t, rx in TOPICS.items() if rx.search(excerpt)]
        out.append({"start": s, "end": e, "text": excerpt, "reasons": reasons,
                    "cue": cue.group(0) if cue else None,
                    "provinces": sorted(provinces_in(excerpt, prov_re))})
    return out


# --- Extension mode: excerpts with a real delegation between officials ------------------

# A named person: an honorific or rank in front of a Thai name (นาย of นายกรัฐมนตรี, นายอำเภอ
# and the like is an office, not an honorific).
NAMED = (r"(?:นางสาว|นาง|นาย(?!ก(?:รัฐมนตรี|ฯ|เทศมนตรี|องค์การ|สมาคม|สภา)|อำเภอ|ทหาร|ตำรวจ|จ้าง|ช่าง|ทะเบียน)"
         r"|น\.ส\.|พลเอก|พลตำรวจ|พลเรือ|พลอากาศ|พล\.|ดร\.|ว่าที่)[ \xa0]?(?=[ก-๙])")
# A named person or an office word.
OFFICIAL = NAMED + r"|ผู้ว่าราชการ|ผู้ว่าฯ|รัฐมนตรี|รมว\.|รมช\.|อธิบดี|ปลัด|นายก"
# Delegation patterns, by family; the party after the cue must follow at once (ท่าน allowed).
EXTENSION_CUES: dict[str, re.Pattern[str]] = {
    "passive": re.compile(r"ได้รับมอบหมายจาก"),
    "on_behalf": re.compile(r"เป็นผู้แทน|ในนามของ"),
    "acting": re.compile(r"ปฏิบัติราชการแทน|รักษาราชการแทน"),
    "ordered": re.compile(r"สั่งการให้"),
    "active": re.compile(r"(?<!รับ)มอบหมายให้"),
}
PARTY_AFTER = re.compile(rf"[ \t\xa0]*(?:ท่าน)?[ \t\xa0]*(?:{OFFICIAL})")
NAMED_AFTER = re.compile(rf"[ \t\xa0]*(?:ท่าน)?[ \t\xa0]*(?:{NAMED})")
PARTY_BEFORE = re.compile(OFFICIAL)
NAMED_BEFORE = re.compile(NAMED)
# Not a stated delegation: hypothetical or negated (หาก, ถ้า, กรณี, ไม่ได้, มิได้) shortly before the
# cue; the title of an order (คำสั่ง… เรื่อง); a generic representative (ผู้แทนที่ได้รับมอบหมาย).
NOT_STATED = re.compile(r"(?:หาก|ถ้า|กรณี|ไม่ได้|มิได้|คำสั่ง|เรื่อง)[^\n]{0,40}$|(?:ผู้แทน|ผู้|หน่วยงาน)(?:ที่|ซึ่ง)\s*$")
BEFORE_WINDOW = 150
MINISTRIES = re.compile(
    r"สำนักนายกรัฐมนตรี|กระทรวง(?:กลาโหม|การคลัง|การต่างประเทศ|การท่องเที่ยวและกีฬา|การพัฒนาสังคม"
    r"|การอุดมศึกษา|เกษตรและสหกรณ์|คมนาคม|ดิจิทัล|ทรัพยากรธรรมชาติ|พลังงาน|พาณิชย์|มหาดไทย|ยุติธรรม"
    r"|แรงงาน|วัฒนธรรม|ศึกษาธิการ|สาธารณสุข|อุตสาหกรรม)")


def delegation_family(text: str, m: re.Match[str], family: str) -> str | None:
    """``family`` when the cue ``m`` links two officials written in ``text``, else None.

    An official (honorific + name, or an office word) must stand on the same line within
    BEFORE_WINDOW characters before the cue, another must follow the cue at once, and at
    least one of the two must be a named person; see NOT_STATED for what is refused.
    """
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[max(line_start, m.start() - BEFORE_WINDOW):m.start()]
    if not PARTY_BEFORE.search(before) or NOT_STATED.search(before):
        return None
    if not PARTY_AFTER.match(text, m.end()):
        return None
    if not (NAMED_BEFORE.search(before) or NAMED_AFTER.match(text, m.end())):
        return None
    return family


def real_delegations(text: str) -> list[tuple[int, str, str]]:
    """``(position, family, cue)`` of every real delegation cue in ``text``, in text order."""
    found = []
    for family, rx in EXTENSION_CUES.items():
        for m in rx.finditer(text):
            if delegation_family(text, m, family):
                found.append((m.start(), family, m.group(0)))
    return sorted(found)


def at_line_breaks(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` starts and ends at line breaks (only whitespace between)."""
    head = text[text.rfind("\n", 0, s) + 1:s]
    nl = text.find("\n", e)
    tail = text[e:len(text) if nl < 0 else nl]
    return not head.strip() and not tail.strip()


def extension_candidate(article: dict, prov_re: re.Pattern[str]) -> dict | None:
    """The best excerpt of one article for the extension (most real delegations, then the
    earliest), cut at line breaks, or None when the article has no usable one."""
    text = article["text"]
    best = None
    for pos, _family, _cue in real_delegations(text)[:4]:
        span = cut_excerpt(text, pos)
        if span is None or not at_line_breaks(text, *span):
            continue
        s, e = span
        excerpt = text[s:e]
        if TAG_LIKE.search(excerpt):
            continue
        found = real_delegations(excerpt)
        if not found:          # the official before the cue fell outside the excerpt
            continue
        if best is None or len(found) > len(best["found"]):
            best = {"start": s, "end": e, "text": excerpt, "found": found}
    if best is None:
        return None
    excerpt = best["text"]
    families = sorted({f for _, f, _ in best["found"]}, key=list(EXTENSION_CUES).index)
    best["family"] = best["found"][0][1]
    best["reasons"] = (["extension", "delegation"] + [f"pattern:{f}" for f in families]
                       + [f"topic:{t}" for t, rx in TOPICS.items() if rx.search(excerpt)])
    best["cue"] = best["found"][0][2]
    # The party after the first cue (about a name's length), to vary the people delegated to.
    pos, _, cue = best["found"][0]
    best["party"] = " ".join(excerpt[pos + len(cue):pos + len(cue) + 30].split())[:20]
    best["provinces"] = sorted(provinces_in(excerpt, prov_re))
    best["ministries"] = sorted(set(MINISTRIES.findall(excerpt)))
    return best


def select_extension(articles: list[dict], existing: list[dict], n: int, seed: int,
                     only_split: str | None = None) -> list[dict]:
    """N new records from articles that no ``existing`` record uses; see the module docstring."""
    prov_re = province_pattern()
    fresh, rank, seen_titles = unused_articles(articles, existing, seed)
    pools: dict[str, list[tuple[dict, dict]]] = {f: [] for f in EXTENSION_CUES}
    for art in fresh:
        cand = extension_candidate(art, prov_re)
        if cand is not None:
            pools[cand["family"]].append((art, cand))
    for pool in pools.values():     # several real delegations first (up to 3), then the seeded order
        pool.sort(key=lambda ac: (-min(len(ac[1]["found"]), 3), rank[ac[0]["id"]]))

    chosen: list[tuple[dict, dict]] = []
    seen: set[str] = set()
    parties: set[str] = set()

    def take_one(pool: list[tuple[dict, dict]]) -> bool:
        # Passes: a new province or ministry and a new assignee; a new assignee; anything.
        for wants_new_place, wants_new_party in ((True, True), (False, True), (False, False)):
            for art, cand in pool:
                if art["title"] in seen_titles or any(cand["text"] == c["text"] for _, c in chosen):
                    continue
                if wants_new_place and not (set(cand["provinces"]) | set(cand["ministries"])) - seen:
                    continue
                if wants_new_party and cand["party"] in parties:
                    continue
                chosen.append((art, cand))
                seen_titles.add(art["title"])
                seen.update(cand["provinces"], cand["ministries"])
                parties.add(cand["party"])
                return True
        return False

    families = sorted(pools, key=lambda f: (len(pools[f]), list(EXTENSION_CUES).index(f)))
    round_robin([pools[f] for f in families], take_one, chosen, n, "extension")

    chosen.sort(key=lambda ac: (list(EXTENSION_CUES).index(ac[1]["family"]), rank[ac[0]["id"]]))
    return split_extension(chosen, n, only_split)


def select_topical_extension(articles: list[dict], existing: list[dict], n: int, seed: int,
                             only_split: str | None = None) -> list[dict]:
    """N new topical records (an article's opening, whatever it is about) from articles no
    ``existing`` record uses: round robin over the topics, rarest first, preferring new provinces."""
    prov_re = province_pattern()
    fresh, _rank, seen_titles = unused_articles(articles, existing, seed)
    by_topic: dict[str, list[tuple[dict, dict]]] = {}
    for art in fresh:
        cand = next((c for c in candidates(art, prov_re) if c["reasons"][0] == "topical"), None)
        if cand is None:
            continue
        cand["reasons"] = ["extension"] + cand["reasons"]
        for topic in [r for r in cand["reasons"] if r.startswith("topic:")] or ["topic:other"]:
            by_topic.setdefault(topic, []).append((art, cand))

    chosen: list[tuple[dict, dict]] = []
    provinces: set[str] = set()

    def take_one(pool: list[tuple[dict, dict]]) -> bool:
        for wants_new in (True, False):
            for art, cand in pool:
                if art["title"] in seen_titles:
                    continue
                if wants_new and not set(cand["provinces"]) - provinces:
                    continue
                chosen.append((art, cand))
                seen_titles.add(art["title"])
                provinces.update(cand["provinces"])
                return True
        return False

    topics = sorted(by_topic, key=lambda t: (len(by_topic[t]), t))
    round_robin([by_topic[t] for t in topics], take_one, chosen, n, "topical")
    return split_extension(chosen, n, only_split)


def unused_articles(articles: list[dict], existing: list[dict], seed: int) -> tuple[list[dict], dict[str, int], set[str]]:
    """The articles no ``existing`` record uses, in the seeded order; every article's rank in that
    order; the titles the existing records already have."""
    rng = random.Random(seed)
    used_ids = {r["meta"]["article_id"] for r in existing}
    used_sources = {r["meta"]["source"] for r in existing}
    order = list(range(len(articles)))
    rng.shuffle(order)
    rank = {articles[i]["id"]: k for k, i in enumerate(order)}
    fresh = [articles[i] for i in order
             if article_number(articles[i]) not in used_ids and articles[i]["id"] not in used_sources]
    return fresh, rank, {r["meta"]["title"] for r in existing}


def round_robin(pools: list[list[tuple[dict, dict]]], take_one: Callable[[list[tuple[dict, dict]]], bool],
                chosen: list[tuple[dict, dict]], n: int, what: str) -> None:
    """Let ``take_one`` add one excerpt from each pool in turn to ``chosen`` until it holds ``n``."""
    while len(chosen) < n:
        before = len(chosen)
        for pool in pools:
            if len(chosen) >= n:
                break
            take_one(pool)
        if len(chosen) == before:
            raise SystemExit(f"only {len(chosen)} {what} excerpts could be selected; lower --extend")


def split_extension(chosen: list[tuple[dict, dict]], n: int, only_split: str | None) -> list[dict]:
    """Records for the chosen excerpts, split by article in their order 4:1:1, or all to ``only_split``."""
    if only_split:
        sizes = {s: (n if s == only_split else 0) for s in ("train", "dev", "test")}
    else:
        sizes = {"test": n // 6, "dev": n // 6}
        sizes["train"] = n - sizes["test"] - sizes["dev"]
    pattern = ["train", "train", "test", "train", "train", "dev"]
    counts: Counter = Counter()
    records = []
    for k, (art, cand) in enumerate(chosen):
        split = pattern[k % len(pattern)]
        if counts[split] >= sizes[split]:
            split = next(s for s in ("train", "dev", "test") if counts[s] < sizes[s])
        counts[split] += 1
        records.append(make_record(art, cand, split))
    records.sort(key=lambda r: ({"test": 0, "dev": 1, "train": 2}[r["split"]], r["id"]))
    return records


def make_record(art: dict, cand: dict, split: str) -> dict:
    """One selection.jsonl record (the same fields in the same order in both modes)."""
    number = article_number(art)
    return {
        "id": f"thaigov-{number}-0",
        "split": split,
        "text": cand["text"],
        "reasons": cand["reasons"],
        "cue": cand["cue"],
        "provinces": cand["provinces"],
        "meta": {"source": art["id"], "url": art["url"], "article_id": number, "title": art["title"],
                 "date": art["date"], "excerpt_start": cand["start"], "excerpt_end": cand["end"],
                 "license": LICENSE},
    }


def select(articles: list[dict], seed: int) -> list[dict]:
    rng = random.Random(seed)
    prov_re = province_pattern()
    order = list(range(len(articles)))
    rng.shuffle(order)

    pools: dict[str, list[tuple[dict, dict]]] = {"decoy": [], "delegation": [], "topical": []}
    for i in order:
        art = articles[i]
        for cand in candidates(art, prov_re):
            kind = cand["reasons"][0].split(":")[0]
            pools[kind].append((art, cand))

    chosen: list[tuple[dict, dict]] = []
    used_articles: set[str] = set()
    provinces: set[str] = set()

    def take(pool: list[tuple[dict, dict]], n: int, prefer_new_provinces: bool) -> None:
        picked = 0
        # First pass takes excerpts that add provinces when asked to, second pass fills up.
        for wants_new in ((True, False) if prefer_new_provinces else (False,)):
            for art, cand in pool:
                if picked >= n:
                    return
                if art["id"] in used_articles:
                    continue
                if wants_new and not (set(cand["provinces"]) - provinces):
                    continue
                chosen.append((art, cand))
                used_articles.add(art["id"])
                provinces.update(cand["provinces"])
                picked += 1

    decoys_by_kind: dict[str, list] = {}
    for art, cand in pools["decoy"]:
        decoys_by_kind.setdefault(cand["reasons"][0], []).append((art, cand))
    per_kind = QUOTAS["decoy"] // max(1, len(decoys_by_kind))
    for kind in sorted(decoys_by_kind):
        take(decoys_by_kind[kind], per_kind, prefer_new_provinces=False)
    take(pools["decoy"], QUOTAS["decoy"] - sum(1 for _, c in chosen if c["reasons"][0].startswith("decoy")),
         prefer_new_provinces=False)
    take(pools["delegation"], QUOTAS["delegation"], prefer_new_provinces=True)
    total = sum(SPLIT_SIZES.values())
    # Topical news: round robin over the topics, rarest first, so that each topic is present.
    topic_count = Counter(r for _, c in pools["topical"] for r in c["reasons"] if r.startswith("topic:"))
    topics = sorted(topic_count, key=lambda t: topic_count[t])
    while len(chosen) < total:
        before = len(chosen)
        for topic in topics:
            if len(chosen) >= total:
                break
            take([(a, c) for a, c in pools["topical"] if topic in c["reasons"]], 1, prefer_new_provinces=True)
        if len(chosen) == before:
            raise SystemExit(f"only {len(chosen)} excerpts could be selected; lower the quotas")

    # Split by article: stratified round robin over the kinds, in the seeded order.
    rank = {articles[i]["id"]: k for k, i in enumerate(order)}
    chosen.sort(key=lambda ac: (ac[1]["reasons"][0].split(":")[0], rank[ac[0]["id"]]))
    pattern = ["train", "train", "test", "train", "train", "dev"]
    counts: Counter = Counter()
    records = []
    for k, (art, cand) in enumerate(chosen):
        split = pattern[k % len(pattern)]
        if counts[split] >= SPLIT_SIZES[split]:
            split = next(s for s in SPLIT_SIZES if counts[s] < SPLIT_SIZES[s])
        counts[split] += 1
        records.append(make_record(art, cand, split))
    records.sort(key=lambda r: ({"test": 0, "dev": 1, "train": 2}[r["split"]], r["id"]))
    return records


def report(records: list[dict]) -> str:
    by_split = Counter(r["split"] for r in records)
    deleg = Counter(r["split"] for r in records if "delegation" in r["reasons"])
    decoy = Counter(r["reasons"][0] for r in records if r["reasons"][0].startswith("decoy"))
    topics = Counter(t for r in records for t in r["reasons"] if t.startswith("topic:"))
    provinces = {p for r in records for p in r["provinces"]}
    lens = sorted(len(r["text"]) for r in records)
    lines = [f"documents: {len(records)}  " + "  ".join(f"{s}={by_split[s]}" for s in SPLIT_SIZES),
             f"with a delegation cue: {sum(deleg.values())}  " + "  ".join(f"{s}={deleg[s]}" for s in SPLIT_SIZES),
             "decoys: " + "  ".join(f"{k.split(':')[1]}={v}" for k, v in sorted(decoy.items())),
             "topics: " + "  ".join(f"{k.split(':')[1]}={v}" for k, v in sorted(topics.items())),
             f"provinces covered: {len(provinces)} of 77",
             f"excerpt length: min {lens[0]}  median {lens[len(lens) // 2]}  max {lens[-1]}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ARTICLES)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=2566)
    ap.add_argument("--extend", type=int, metavar="N", default=None,
                    help="append N delegation-rich excerpts from unused articles to --out (existing records untouched)")
    ap.add_argument("--split", choices=("train", "dev", "test"), default=None,
                    help="with --extend: put every new excerpt in this split (default 4:1:1 train/test/dev)")
    ap.add_argument("--kind", choices=("delegation", "topical"), default="delegation",
                    help="with --extend: delegation-rich excerpts, or article openings round robin over the topics")
    args = ap.parse_args(argv)
    with gzip.open(args.articles, "rt", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    if args.extend is not None:
        return extend(args.out, articles, args.extend, args.seed, args.split, args.kind)
    records = select(articles, args.seed)
    ids = Counter(r["id"] for r in records)
    if any(v > 1 for v in ids.values()):
        raise SystemExit(f"duplicate document ids: {[k for k, v in ids.items() if v > 1]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} excerpts to {args.out}")
    print(report(records))
    provinces = {p for r in records for p in r["provinces"]}
    if len(provinces) < MIN_PROVINCES:
        print(f"warning: only {len(provinces)} provinces covered (< {MIN_PROVINCES})", file=sys.stderr)
    return 0


def extend(path: Path, articles: list[dict], n: int, seed: int, only_split: str | None = None,
           kind: str = "delegation") -> int:
    """Append ``n`` extension records to the selection file ``path``; existing lines are kept byte for byte."""
    if n < 1:
        raise SystemExit(f"--extend needs a positive number of excerpts, got {n}")
    if not path.exists():
        raise SystemExit(f"{path} does not exist; run corpus_select.py without --extend first")
    raw = path.read_text(encoding="utf-8")
    existing = [json.loads(line) for line in raw.splitlines() if line.strip()]
    select_fn = select_topical_extension if kind == "topical" else select_extension
    records = select_fn(articles, existing, n, seed, only_split)
    old_ids = {r["id"] for r in existing}
    clash = [r["id"] for r in records if r["id"] in old_ids]
    if clash:
        raise SystemExit(f"extension ids already in {path}: {clash}; fix article_number()")
    with open(path, "a", encoding="utf-8") as fh:
        if raw and not raw.endswith("\n"):
            fh.write("\n")
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"appended {len(records)} extension excerpts to {path} (now {len(existing) + len(records)})")
    print(report(records))
    patterns = Counter(x for r in records for x in r["reasons"] if x.startswith("pattern:"))
    print("patterns: " + "  ".join(f"{k.split(':')[1]}={v}" for k, v in sorted(patterns.items())))
    ministries = {m for r in records for m in MINISTRIES.findall(r["text"])}
    print(f"ministries named: {len(ministries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
