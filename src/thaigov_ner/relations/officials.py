"""Officials: the people (and unnamed offices, and assigning organisations) of one
document, with their mentions clustered.

Clustering, in this order:

1. PERSON mentions with the same name once titles and honorifics are stripped
   (นางสาวนิติยา พงษ์พานิช == นางนิติยา พงษ์พานิช == ท่านรองนางนิติยา พงษ์พานิช);
2. a first name alone (นายอนุทิน) joins the one full name that starts with it;
3. a POSITION linked by HOLDS_POSITION joins its PERSON;
4. an unlinked POSITION (ผู้ว่าฯ) joins the one person holding an office that it
   abbreviates, or that adds only its jurisdiction to it (ผู้ว่าฯ → ผู้ว่าราชการจังหวัด… →
   ผู้ว่าราชการจังหวัดแพร่; not รัฐมนตรี → รัฐมนตรีว่าการกระทรวงการคลัง, a different office, nor
   รมว.กห. → รมว.กห.สหรัฐฯ, another country's); an office cut short by ฯ joins the one
   holder whose office begins with what is written (ผู้ตรวจราชการฯ → ผู้ตรวจราชการกระทรวงอุตสาหกรรม);
   otherwise equal offices form one position-only official named by the office;
5. an AGENCY is an official of its own (it takes part only when it assigns or is assigned).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..schema import Entity, Relation
from .cues import Cues, bare, load_cues


@dataclass(frozen=True)
class Official:
    """One official of a document. ``name`` is the name without honorifics, or the office
    (abbreviations expanded) for a position-only official, or the agency's name."""

    name: str
    kind: str                       # PERSON, POSITION or AGENCY
    mentions: tuple[str, ...]       # entity ids, in text order
    positions: tuple[str, ...] = ()  # offices as written (whitespace collapsed)
    agency: str | None = None       # derived from an office: รัฐมนตรีว่าการกระทรวงมหาดไทย -> กระทรวงมหาดไทย

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "mentions": list(self.mentions),
                "positions": list(self.positions), "agency": self.agency}


@dataclass(frozen=True)
class Delegation:
    """One who-to-whom delegation between officials (deduplicated over mentions)."""

    delegator: str
    delegatee: str
    trigger: str | None
    task: str | None
    relations: tuple[str, ...]      # ids of the DELEGATES_TO relations behind it

    def to_dict(self) -> dict:
        return {"delegator": self.delegator, "delegatee": self.delegatee, "trigger": self.trigger,
                "task": self.task, "relations": list(self.relations)}


# --- names and offices ------------------------------------------------------------------

def _squash(s: str) -> str:
    return " ".join(bare(s).split())


def person_name(text: str, cues: Cues | None = None) -> str:
    """``"ท่านรองนางนิติยา  พงษ์พานิช"`` -> ``"นิติยา พงษ์พานิช"``: titles stripped, spaces collapsed;
    the mark of a shortened name dropped (``"นายพีระพันธุ์ฯ"`` -> ``"พีระพันธุ์"``, the first name)."""
    cues = cues or load_cues()
    name = _squash(text)
    if name.endswith("ฯ") and not name.endswith("ฯลฯ"):
        name = name[:-1].rstrip()
    while True:
        m = cues.titles.match(name)
        if not m or m.end() == 0 or m.end() >= len(name):
            return name
        name = name[m.end():]


def position_key(text: str, cues: Cues | None = None) -> str:
    """An office with its abbreviation and a short ministry name expanded: ``"รมว.แรงงาน"`` ->
    ``"รัฐมนตรีว่าการกระทรวงแรงงาน"``, ``"ปลัด มท."`` -> ``"ปลัดกระทรวงมหาดไทย"``."""
    cues = cues or load_cues()
    key = _squash(text)
    abbr = cues.value("positions", "abbreviations")
    for short in sorted(abbr, key=len, reverse=True):
        if key.startswith(short):
            key = abbr[short] + key[len(short):].lstrip()
            break
    ministries = cues.value("positions", "ministries")
    for office in cues.words("positions", "ministry_offices"):
        short = office.removesuffix("กระทรวง")  # ปลัด มท.: the ministry's office without กระทรวง
        for head in (office, short):
            if not key.startswith(head):
                continue
            rest = key[len(head):].strip()
            for name in (rest, rest + "."):  # the closing dot is sometimes left off: ผตร.อก
                if name in ministries:
                    return office + ministries[name]
    return key


def names_jurisdiction(short: str, full: str, cues: Cues | None = None) -> bool:
    """Is the office ``full`` the office ``short`` with its jurisdiction added? ``short`` must
    begin ``full`` and either end with a jurisdiction word (ผู้ว่าราชการจังหวัด + แพร่,
    รัฐมนตรีว่าการกระทรวง + มหาดไทย) or be followed by one (อธิบดี + กรมทางหลวง);
    ``positions.json`` ``jurisdiction_heads`` and ``agency_heads``."""
    cues = cues or load_cues()
    if not full.startswith(short) or len(full) == len(short):
        return False
    heads = cues.words("positions", "jurisdiction_heads") + cues.words("positions", "agency_heads")
    rest = full[len(short):].lstrip()
    return any(short.endswith(h) or rest.startswith(h) for h in heads)


def agency_of(position: str, cues: Cues | None = None) -> str | None:
    """The agency an office names, if any: ``"ปลัดกระทรวงมหาดไทย"`` -> ``"กระทรวงมหาดไทย"``."""
    cues = cues or load_cues()
    key = position_key(position, cues)
    best = None
    for head in cues.words("positions", "agency_heads"):
        i = key.find(head, 1)
        if i > 0 and len(key) > i + len(head) and (best is None or i < best):
            best = i
    return key[best:] if best is not None else None


def office_texts(entities: Sequence[Entity]) -> dict[str, str]:
    """The office each POSITION names: its text, and an AGENCY written flush after it
    (``รัฐมนตรีว่าการ`` + ``กระทรวงยุติธรรม``, a span edge a tagger may put inside one title; the
    guidelines keep the organisation inside the POSITION)."""
    ents = sorted(entities, key=lambda e: (e.start, e.end))
    out = {}
    for i, e in enumerate(ents):
        if e.label != "POSITION":
            continue
        text = e.text
        if i + 1 < len(ents) and ents[i + 1].label == "AGENCY" and ents[i + 1].start == e.end:
            text += ents[i + 1].text
        out[e.id] = text
    return out


# --- clustering ----------------------------------------------------------------------

@dataclass
class _Cluster:
    kind: str
    name: str
    mentions: list[Entity] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)


def bracketed_aliases(text: str, ents: Sequence[Entity]) -> dict[str, Entity]:
    """PERSON or AGENCY mentions in brackets right after one of the same label, which they
    name again (นายเอวาน โจนส์ (H.E. Mr. Evan Jones), สำนักงานคณะกรรมการคุ้มครองผู้บริโภค (สคบ.)):
    alias id -> the mention before it. ``ents`` sorted."""
    out: dict[str, Entity] = {}
    for before, e in zip(ents, ents[1:]):
        if before.label == e.label and e.label in ("PERSON", "AGENCY") and bare(text[before.end:e.start]) == "(" \
                and bare(text[e.end:e.end + 3]).startswith(")"):
            out[e.id] = out.get(before.id, before)
    return out


def cluster(text: str, entities: Sequence[Entity], relations: Sequence[Relation]) -> tuple[list[Official], dict[str, Official]]:
    """Officials of a document and, for every PERSON/POSITION/AGENCY entity id, its official."""
    cues = load_cues()
    ents = sorted(entities, key=lambda e: (e.start, e.end))
    by_id = {e.id: e for e in ents}
    office = office_texts(ents)
    clusters: list[_Cluster] = []
    of: dict[str, _Cluster] = {}
    names: dict[str, _Cluster] = {}

    aliases = bracketed_aliases(text, ents)
    persons = [e for e in ents if e.label == "PERSON" and e.id not in aliases]
    full = [e for e in persons if " " in person_name(e.text, cues)]
    short = [e for e in persons if " " not in person_name(e.text, cues)]
    for e in full + short:
        name = person_name(e.text, cues)
        c = names.get(name)
        if c is None and e in short:
            matches = {id(c): c for n, c in names.items() if n.split(" ")[0] == name and " " in n}
            c = next(iter(matches.values())) if len(matches) == 1 else None
        if c is None:
            c = _Cluster("PERSON", name)
            clusters.append(c)
            names[name] = c
        c.mentions.append(e)
        of[e.id] = c
    for alias, named in aliases.items():
        if named.label == "PERSON":
            of[named.id].mentions.append(by_id[alias])
            of[alias] = of[named.id]

    held_keys: list[tuple[str, _Cluster]] = []
    for r in relations:
        if r.type == "HOLDS_POSITION" and r.head in of and r.tail in by_id and r.tail not in of:
            c = of[r.head]
            pos = by_id[r.tail]
            c.mentions.append(pos)
            of[pos.id] = c
            if _squash(office[pos.id]) not in c.positions:
                c.positions.append(_squash(office[pos.id]))
            held_keys.append((position_key(office[pos.id], cues), c))
    # an office the model split in two where its holder is named (ที่ปรึกษา… | สศค.) is one office
    # when written again whole (ที่ปรึกษา… สศค.)
    held = [e for e in ents if e.label == "POSITION" and e.id in of]  # ents are in text order
    for a, b in zip(held, held[1:]):
        if of[a.id] is of[b.id] and not text[a.end:b.start].strip():
            held_keys.append((position_key(text[a.start:b.end], cues), of[a.id]))

    offices: dict[str, _Cluster] = {}
    for e in ents:
        if e.label != "POSITION" or e.id in of:
            continue
        key = position_key(office[e.id], cues)
        cut = next((key[: -len(m)].rstrip() for m in cues.words("positions", "truncation_marks") if key.endswith(m)), None)
        flat = key.replace(" ", "")  # the space between a title and its body is optional: รองอธิบดี กรม ก
        holders = {id(c): c for k, c in held_keys if k.replace(" ", "") == flat
                   or names_jurisdiction(key, k, cues) or (cut and k.startswith(cut) and k != cut)}
        if len(holders) == 1:
            c = next(iter(holders.values()))
        else:
            c = offices.get(flat)
            if c is None:
                c = offices[flat] = _Cluster("POSITION", key, positions=[_squash(office[e.id])])
                clusters.append(c)
        c.mentions.append(e)
        of[e.id] = c

    # the same words tagged AGENCY elsewhere are the same official (ผตร.อก. held, then ผตร.อก. as AGENCY)
    held_texts: dict[str, dict[int, _Cluster]] = {}
    for e in ents:
        if e.label == "POSITION" and e.id in of and of[e.id].kind == "PERSON":
            held_texts.setdefault(_squash(e.text), {})[id(of[e.id])] = of[e.id]
    agencies: dict[str, _Cluster] = {
        k: next(iter(cs.values())) for k, cs in held_texts.items() if len(cs) == 1}
    for e in ents:
        if e.label == "AGENCY":
            key = _squash(e.text)
            c = agencies.get(key)
            if c is None and e.id in aliases:  # (สคบ.): this and later mentions are the body named before
                c = agencies[key] = of[aliases[e.id].id]
            if c is None:
                c = agencies[key] = _Cluster("AGENCY", key)
                clusters.append(c)
            c.mentions.append(e)
            of[e.id] = c

    made: dict[int, Official] = {}
    for c in clusters:
        agency = c.name if c.kind == "AGENCY" else next(
            (a for a in (agency_of(p, cues) for p in c.positions) if a), None)
        made[id(c)] = Official(c.name, c.kind, tuple(m.id for m in sorted(c.mentions, key=lambda m: m.start)),
                               tuple(c.positions), agency)
    officials_list = sorted(made.values(), key=lambda o: by_id[o.mentions[0]].start)
    return officials_list, {eid: made[id(c)] for eid, c in of.items()}
