"""HOLDS_POSITION rules: PERSON → POSITION when the text states the person holds the office.

Patterns (each a small named function over the entity sequence and the text
between entities; the words come from ``data/cues/structure.json`` and
``honorifics.json``):

- ``apposition``: นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ — the position right after
  the name, only spaces, brackets, commas or address words (ท่าน, ท่านรอง) between;
- ``conjoined``: a second office joined by และ (รองนายกรัฐมนตรี และรัฐมนตรีว่าการ...);
- ``in_role``: ... ในฐานะ POSITION;
- ``holds_office``: ... ดำรงตำแหน่ง POSITION;
- ``position_before_name``: ท่านผู้ว่าฯ วันชัย จันทร์พร / รองนายกรัฐมนตรี (พลเอก ประวิตร ...),
  for a position that no name before it has claimed.
"""

from __future__ import annotations

from ..schema import Entity, Relation
from .context import Context

RULE_SCORES = {"apposition": 0.95, "conjoined": 0.85, "in_role": 0.9, "holds_office": 0.9,
               "position_before_name": 0.8}


def gap_kind(ctx: Context, gap: str) -> str | None:
    """How a PERSON (or its previous POSITION) and the next POSITION are joined, or None."""
    c = ctx.cues
    if c.only([("honorifics", "address_words")]).match(gap):
        return "apposition"
    if c.only([("structure", "in_role"), ("honorifics", "address_words")]).match(gap):
        return "in_role"
    if c.only([("structure", "holds_office"), ("structure", "in_role"), ("honorifics", "address_words")]).match(gap):
        return "holds_office"
    if c.only([("structure", "conjoined")]).match(gap):
        return "conjoined"
    return None


def positions_after_name(ctx: Context) -> list[tuple[Entity, Entity, str]]:
    """PERSON followed by one or more POSITIONs (apposition, conjoined, ในฐานะ, ดำรงตำแหน่ง)."""
    ents = ctx.entities
    found = []
    for i, person in enumerate(ents):
        if person.label != "PERSON":
            continue
        j = i + 1
        while j < len(ents) and ents[j].label == "POSITION":
            kind = gap_kind(ctx, ctx.text[ents[j - 1].end:ents[j].start])
            if kind is None or (kind == "conjoined" and j == i + 1):
                break
            if kind in ("conjoined", "apposition") and j > i + 1 and _names_next(ctx, j):
                break  # ... และ/space POSITION นาย Y: the office belongs to the next name
            found.append((person, ents[j], kind))
            j += 1
    return found


def position_before_name(ctx: Context, claimed: set[str]) -> list[tuple[Entity, Entity, str]]:
    """POSITION(s) written before a PERSON, e.g. ท่านผู้ว่าฯ วันชัย จันทร์พร, when unclaimed."""
    ents = ctx.entities
    found = []
    for j, person in enumerate(ents):
        if person.label != "PERSON":
            continue
        k = j - 1
        while k >= 0 and ents[k].label == "POSITION" and ents[k].id not in claimed:
            gap = ctx.text[ents[k].end:ents[k + 1].start]
            kind = gap_kind(ctx, gap)
            if kind not in ("apposition", "conjoined") or (k == j - 1 and kind != "apposition"):
                break
            if _acted_for(ctx, ents[k]):
                break  # … รักษาราชการแทนอธิบดีกรม… นาย Y: the office is the one acted for, not Y's
            if _of_a_spouse(ctx, ents[k]):
                break  # … ภริยานายกรัฐมนตรี นาย Y: the office is the spouse's, not Y's
            found.append((person, ents[k], "position_before_name"))
            k -= 1
    return found


def _acted_for(ctx: Context, pos: Entity) -> bool:
    """Is the office written right after an on-behalf cue (รักษาราชการแทน, ปฏิบัติราชการแทน)?"""
    i = ctx.index(pos)
    before = ctx.text[ctx.entities[i - 1].end if i else 0:pos.start].rstrip()
    return any(before.endswith(cue) for cue in ctx.cues.on_behalf_kind)


def _of_a_spouse(ctx: Context, pos: Entity) -> bool:
    """Is the office glued to a spouse word (ภริยานายกรัฐมนตรี: the prime minister's wife;
    ``structure.json`` ``spouse_words``)?"""
    return ctx.text[:pos.start].endswith(tuple(ctx.cues.words("structure", "spouse_words")))


def _names_next(ctx: Context, j: int) -> bool:
    ents = ctx.entities
    return j + 1 < len(ents) and ents[j + 1].label == "PERSON" and \
        gap_kind(ctx, ctx.text[ents[j].end:ents[j + 1].start]) == "apposition"


HOLDS_RULES = (positions_after_name,)


def find_holds(ctx: Context) -> list[Relation]:
    """Every HOLDS_POSITION relation of the document, in text order of the position."""
    pairs = []
    for rule in HOLDS_RULES:
        pairs += rule(ctx)
    claimed = {pos.id for _, pos, _ in pairs}
    pairs += position_before_name(ctx, claimed)
    pairs.sort(key=lambda p: p[1].start)
    return [
        Relation("HOLDS_POSITION", person.id, pos.id, rule=kind, score=_score(kind, person, pos),
                 evidence=ctx.evidence(person.start, pos.end - 1))
        for person, pos, kind in pairs
    ]


def _score(kind: str, *ents: Entity) -> float:
    s = RULE_SCORES[kind]
    for e in ents:
        if e.score is not None:
            s *= e.score
    return round(s, 4)
