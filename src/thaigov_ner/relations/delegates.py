"""DELEGATES_TO rules: delegator → delegatee.

The layer finds triggers (``data/cues/delegation.json``) in the text between
entities, drops negated and hypothetical ones (two swappable policies), and
hands each to the rule of its pattern:

- ``active``   X (ได้)มอบหมายให้ Y [และ Z] TASK     head X, one relation per delegatee
- ``ordered``  X สั่งการให้ Y TASK                  same shape as active
- ``passive``  Y ได้รับมอบหมายจาก X (ให้) TASK       head X (the one who assigned)
- ``on_behalf`` Y ... ปฏิบัติราชการแทน/รักษาราชการแทน/แทน/ในนามของ/เป็นผู้แทน X   head X

The delegator of active/ordered is, in this order: the subject of the clause when
the trigger follows a bare โดย (… ผม…, โดยมอบหมายให้ …), else the nearest party before
the trigger in the sentence, else the first party of the previous sentence. A
pronoun (ผม, ตน) in reported speech is replaced by the speaker's mention, a bare ท่าน by
the person or office named before it (not the speaker, who says ผม).
A POSITION held by a named PERSON is replaced by the PERSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..schema import Entity, Relation
from .context import PARTY_LABELS, Context, Party
from .cues import SPACE, alternation, bare
from .officials import agency_of, person_name, position_key

RULE_SCORES = {"active": 0.9, "ordered": 0.85, "passive": 0.9, "on_behalf": 0.75}
HOW_FACTOR = {"nearest": 1.0, "adjacent": 1.0, "clause_subject": 0.95, "previous_sentence": 0.75, "speaker": 0.8,
              "previous_clause": 0.8,
              "pronoun": 0.85, "after": 0.8, "shared_subject": 0.9,
              "relative": 0.9, "resolution_list": 0.9}


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    kind: str            # active / ordered / passive / passive_without_agent / on_behalf
    detail: str | None = None  # the on-behalf kind (acting, in_the_name_of, representative, instead_of)


@dataclass(frozen=True)
class Found:
    """One delegation found by a rule, before it becomes a :class:`Relation`."""

    head: Party
    tail: Party
    trigger: Trigger
    rule: str
    how: str
    task_span: tuple[int, int] | None
    evidence: tuple[int, int]


# --- triggers and policies ------------------------------------------------------------

def find_triggers(ctx: Context, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Trigger cues in the text between entities (within ``[start, end)``, default all of it),
    leftmost-longest within each gap, so a cue never starts inside an entity (…ศึกษาธิการมอบหมายให้
    is the office, then มอบหมายให้, not การมอบหมาย); decoys (ส่งมอบ, รับมอบ) are consumed and dropped,
    also where one runs on into the entity after it (ผู้แทน|การค้าไทย)."""
    end = len(ctx.text) if end is None else end
    found = []
    ends = [0] + [e.end for e in ctx.entities]
    starts = [e.start for e in ctx.entities] + [len(ctx.text)]
    for gap_start, gap_end in zip(ends, starts):
        lo, hi = max(gap_start, start), min(gap_end, end)
        for m in ctx.cues.triggers.finditer(ctx.text, lo, hi) if lo < hi else ():
            kind = ctx.cues.trigger_kind[m.group()]
            decoy = ctx.decoy.match(ctx.text, m.start())
            if kind != "decoy" and not (decoy and decoy.end() > m.end()):
                found.append(Trigger(m.start(), m.end(), m.group(), kind, ctx.cues.on_behalf_kind.get(m.group())))
    return found


def next_trigger(ctx: Context, start: int, end: int, kinds: Sequence[str] | None = None) -> int:
    """Where the first trigger (of ``kinds``, default any) in ``[start, end)`` begins, else ``end``."""
    return next((t.start for t in find_triggers(ctx, start, end) if kinds is None or t.kind in kinds), end)


def _word_right_before(ctx: Context, trig: Trigger, word_end: re.Pattern[str]) -> bool:
    """Does the text right before the trigger (same sentence, 15 characters) end in ``word_end``?"""
    before = ctx.text[max(ctx.sentence(trig.start)[0], trig.start - 15):trig.start]
    return word_end.search(before) is not None


def is_negated(ctx: Context, trig: Trigger) -> bool:
    """ไม่ได้มอบหมาย, มิได้รับมอบหมายจาก: a negation word right before the trigger."""
    return _word_right_before(ctx, trig, ctx.negation_end)


def is_purpose(ctx: Context, trig: Trigger) -> bool:
    """เพื่อมอบหมายให้ X …: an assigning trigger states what another act is for, not an assignment
    made (an on-behalf cue after เพื่อ, …เข้าร่วมประชุม เพื่อเป็นผู้แทนกระทรวง, is how one stands in)."""
    return trig.kind in ("active", "ordered") and _word_right_before(ctx, trig, ctx.purpose_end)


def is_hypothetical(ctx: Context, trig: Trigger) -> bool:
    """หาก/ถ้า/ในกรณีที่ ... มอบหมาย: a conditional word shortly before the trigger, same sentence."""
    sent_start = ctx.sentence(trig.start)[0]
    window = ctx.cues.value("modality", "hypothetical_window")
    before = ctx.text[max(sent_start, trig.start - window):trig.start]
    for word in ctx.cues.words("modality", "not_hypothetical"):
        before = before.replace(word, " " * len(word))
    last = max((before.rfind(w) for w in ctx.cues.words("modality", "hypothetical")), default=-1)
    if last < 0:
        return False
    # หากเจ้าหนี้… ใช้ความรุนแรง รวมทั้งมอบหมายให้…: a new coordinated clause ends the condition
    return not any(w in before[last:] for w in ctx.cues.words("modality", "condition_ends"))


MODALITY_POLICIES: tuple[Callable[[Context, Trigger], bool], ...] = (is_negated, is_purpose, is_hypothetical)


# --- arguments --------------------------------------------------------------------

def chain_end(ctx: Context, party: Party) -> int:
    """End of a party's mention with the offices written right after it (นาย X รองผู้ว่าฯ ...)."""
    if party.via == "pronoun":
        return party.end
    end = max(party.end, party.entity.end)
    # นาย X รมช.มหาดไทย ในฐานะผู้อำนวยการ ศปช.: an office held in a role is part of the chain too
    chain_gap = ctx.cues.only([("structure", "co_assignee"), ("honorifics", "address_words"), ("structure", "in_role")])
    i = ctx.index(party.entity) + 1
    while i < len(ctx.entities):
        ent = ctx.entities[i]
        if ent.start < end:
            i += 1
            continue
        same = ctx.holder.get(ent.id) is party.entity or ent is party.entity
        if not same or not chain_gap.match(ctx.text[end:ent.start]):
            break
        end = ent.end
        i += 1
    return end


OPENING_QUOTE = re.compile(SPACE + r"*[“\"‘']")
# Past the bracket or quote closing a name, and ให้: (นาย X) ลงพื้นที่, สั่ง “ดีอี” ผนึกกำลัง
TASK_OPENING = re.compile(r"(?:" + SPACE + r"|[)”\"’'])*(?:ให้)?" + SPACE + "*")


def parties_after(ctx: Context, pos: int, *, same_line: bool = False) -> list[Party]:
    """The party right after ``pos`` (with ``same_line``, not past a line break) and its
    co-assignees joined by และ / , (one each); stops at accompaniment (พร้อมด้วย, และคณะ) and at
    any other word. A name in quotes is the name (“นายกฯ” สั่ง “ดีอี” ผนึกกำลัง…)."""
    quote = OPENING_QUOTE.match(ctx.text, pos)
    first = ctx.next_entity(quote.end() if quote else pos, same_line=same_line)
    if first is None or first.label not in PARTY_LABELS:
        pronoun = ctx.pronoun_at(pos)
        if pronoun is not None:  # มอบหมายผมและท่านไชยา…: the speaker and the ones joined to him
            return [pronoun] + _joined_after(ctx, pronoun, set(PARTY_LABELS))
        first = _enumerated_first(ctx, pos)
        if first is None:
            return []
    parties = [ctx.as_party(first)]
    end = chain_end(ctx, parties[0])
    entourage = ctx.cues.words("structure", "entourage")
    joiners = ctx.cues.words("structure", "co_assignee")
    run: list[tuple[Party, bool]] = []  # the following parties, and whether a joiner precedes each
    for ent in ctx.entities[ctx.index(first) + 1:]:
        if ent.start < end:
            continue
        gap = ctx.text[end:ent.start]
        if ent.label not in PARTY_LABELS or ent.id in ctx.accompanied or any(w in gap for w in entourage):
            break
        filler = ctx.is_filler_gap(gap)  # ผู้ว่าราชการจังหวัด นายอำเภอ ผู้นำท้องที่ การไฟฟ้าส่วนภูมิภาค
        if not ctx.is_list_gap(gap) and not filler:
            break
        if bare(gap) == "(" and ctx.text[ent.end:ent.end + 1] == ")":
            end = ent.end + 1  # กรมส่งเสริมอุตสาหกรรม (กสอ.): the same body, abbreviated
            continue
        party = ctx.as_party(ent)
        run.append((party, filler or "," in gap or any(w in gap for w in joiners)))
        end = chain_end(ctx, party)
    # สำนักงานประกันสังคม กระทรวงแรงงาน: a ministry after a bare space is the parent of the
    # organisation before it, unless a joiner later in the run shows a list (ก ข และ ค), or
    # two or more of them end with a joiner and a group word (ก ข และหน่วยงานที่เกี่ยวข้อง);
    # other organisations, people and offices after a bare space are listed (กรม ก กรม ข).
    listed = any(joined for _, joined in run) or (len(run) >= 2 and ctx.list_closer.match(ctx.text, end) is not None)
    previous = parties[0]
    for party, joined in run:
        if not (joined or listed or _listed_after_space(ctx, previous.entity, party.entity)):
            break
        previous = party
        if all(p.entity.id != party.entity.id for p in parties):
            parties.append(party)
    return parties


def parallel_assignees(ctx: Context, task: tuple[int, int], tails: Sequence[Party]) -> list[Party]:
    """Further delegatees, each given the same action in its own words: มอบหมายให้ A ลงพื้นที่จังหวัด ก
    B ลงพื้นที่จังหวัด ข และ C ลงพื้นที่จังหวัด ค. The action's first word (up to a space or an entity,
    ``min_parallel_lead`` characters at least) must follow each further party, in the same paragraph
    and before the next trigger."""
    first = next((e.start for e in ctx.entities_in(task[0], task[1])), task[1])
    lead = ctx.text[task[0]:first].split()[0] if ctx.text[task[0]:first].split() else ""
    if len(lead) < ctx.cues.value("delegation", "min_parallel_lead") or ctx.text[task[0]:first].strip() != lead:
        return []
    end = ctx.paragraph(task[0])[1]
    nxt = next_trigger(ctx, task[0] + len(lead), end)
    found: list[Party] = []
    seen = {t.entity.id for t in tails}
    for m in re.finditer(re.escape(lead), ctx.text[task[0] + len(lead):nxt]):
        at = task[0] + len(lead) + m.start()
        before = ctx.entities_in(task[0], at)
        if not before or before[-1].label not in ("PERSON", "POSITION") or ctx.text[before[-1].end:at].strip(" )"):
            continue
        party = ctx.as_party(before[-1])
        if party.entity.id not in seen and party.entity.id not in ctx.accompanied:
            seen.add(party.entity.id)
            found.append(party)
    return found


def _enumerated_first(ctx: Context, pos: int) -> Entity | None:
    """The first named party of an enumeration after a group word: มอบหมายให้ภาคเอกชน ทั้ง<หอการค้าไทย>...,
    สั่งการให้เจ้าหน้าที่ในพื้นที่ รวมถึง<กำนัน>... (``structure.json`` ``enumeration``), or the leader
    of a unit: สั่งการฝ่ายปกครอง<จังหวัด X> นำโดย<นาย Y>... (``led_by``). A place named inside the
    group word is part of it (สั่งการให้กองทัพใน<พื้นที่ภาคใต้> ทั้ง<กองทัพบก>...); a party is not."""
    m = ctx.enumeration.match(ctx.text, pos) or ctx.led_by.match(ctx.text, pos)
    if m is None or any(e.label in PARTY_LABELS for e in ctx.entities_in(pos, m.end())):
        return None
    ent = ctx.next_entity(m.end())
    return ent if ent is not None and ent.label in PARTY_LABELS else None


def _listed_after_space(ctx: Context, before: Entity, ent: Entity) -> bool:
    """After a bare space, is ``ent`` a further co-assignee of ``before``? A person or an office
    is; an organisation is not when it follows a person or office (their affiliation) or is
    the parent ministry of the organisation before it (สำนักงานประกันสังคม กระทรวงแรงงาน), and
    is otherwise (กรมส่งเสริมการเกษตร กรมส่งเสริมสหกรณ์)."""
    if ent.label != "AGENCY":
        return True
    return before.label == "AGENCY" and not ctx.is_parent_of(before, ent)


def _block_start(ctx: Context, party: Party) -> int:
    """Index of the first entity of a party's block: its name and the offices written around it."""
    i = ctx.index(party.entity)
    while i > 0 and ctx.holder.get(ctx.entities[i - 1].id) is party.entity:
        i -= 1
    return i


def co_delegators(ctx: Context, party: Party) -> list[Party]:
    """Parties joined to a delegator by และ / , right before it: A (นาย X) และ B (นาย Y) มอบหมายให้ ...;
    for bare ท่าน, before the one it stands for (A และ B … ท่านได้กำชับให้ …: both)."""
    if party.via == "pronoun" and not ctx.is_address_pronoun(party.start, party.end):
        return []  # ผม is one person
    joiners = ctx.cues.words("structure", "co_assignee")
    found: list[Party] = []
    i = _block_start(ctx, party)
    while i > 0:
        prev = ctx.entities[i - 1]
        gap = ctx.text[prev.end:ctx.entities[i].start]
        joined = ctx.is_list_gap(gap) and ("," in gap or any(w in gap for w in joiners))
        if not joined or not ctx.is_candidate(prev):
            break
        other = ctx.as_party(prev)
        if other.entity.label not in ("PERSON", "POSITION") or other.entity.id == party.entity.id:
            break
        found.append(other)
        i = _block_start(ctx, other)
    return found


def skip_accompaniment(ctx: Context, pos: int) -> int:
    """Past the people who only accompany (พร้อมด้วย นาง X ปลัดจังหวัด ...) right after ``pos``."""
    words = ctx.cues.only([("structure", "accompaniment"), ("structure", "co_assignee"),
                           ("honorifics", "address_words")])
    for ent in ctx.entities_in(pos, len(ctx.text)):
        if ent.id not in ctx.accompanied or not words.match(ctx.text[pos:ent.start]):
            break
        pos = ent.end
    return pos


def task_after(ctx: Context, pos: int) -> tuple[int, int] | None:
    """The assigned action after ``pos``: up to the sentence end, the next assigning
    trigger, or a clause-ending cue (โดยมี, ทั้งนี้, และโอกาสหน้าผม ...)."""
    text = ctx.text
    m = TASK_OPENING.match(text, pos)
    start = m.end() if m else pos
    end = min(ctx.sentence(start)[1] if start < len(text) else start, ctx.paragraph(start)[1])
    end = next_trigger(ctx, start, end, ("active", "ordered", "passive"))
    stop = ctx.cues.task_stops.search(text, start, end)
    if stop:
        end = stop.start()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return (start, end) if end > start else None


def parties_just_before(ctx: Context, pos: int, start: int | None = None) -> list[Party]:
    """Parties between ``start`` (default: the sentence start) and ``pos``; when there are none,
    ``start`` is the sentence start, and only spaces separate ``pos`` from the previous sentence
    (a space-made break: นาย X ปลัด...  ได้รับมอบหมายจาก), the parties of the previous sentence."""
    i = ctx.sentence_index(pos)
    sent_start = ctx.sentence(pos)[0]
    start = sent_start if start is None else start
    parties = ctx.parties_between(start, pos)
    if parties or start != sent_start or i == 0 or ctx.sentences[i][0] > pos:
        return parties
    prev_start, prev_end = ctx.sentences[i - 1]
    if bare(ctx.text[prev_end:sent_start]) or "\n" in ctx.text[prev_end:sent_start]:
        return []
    joined = ctx.text[sent_start:pos]
    particles = ctx.cues.only([("structure", "subject_particles"), ("honorifics", "address_words")])
    return ctx.parties_between(prev_start, prev_end) if particles.match(joined) else []


def clause_start(ctx: Context, sent_start: int, pos: int) -> int:
    """Where the clause of a trigger at ``pos`` begins: after the last speech cue (กล่าวว่า) or
    clause opener (ทั้งนี้, นอกจากนี้, ในการนี้; สุดท้าย after a space) between the sentence
    start and ``pos``."""
    start = sent_start
    cues = ctx.speech_cues(sent_start, pos)
    if cues:
        start = cues[-1].end()
    for m in ctx.clause_opener.finditer(ctx.text, start, pos):
        if not ctx.inside_entity(m.start(), m.end()):
            start = m.end()
    return start


def _subject_elided(ctx: Context, sent_start: int, pos: int) -> bool:
    """โดย shortly before the trigger, with no party or pronoun between them; or the trigger opens
    a numbered item (… 4) มอบหมาย…)."""
    lo = max(sent_start, pos - ctx.cues.value("structure", "clause_subject_window"))
    if ctx.item_number_end.search(ctx.text, lo, pos):
        return True
    cue = None
    adverbs = ctx.cues.words("structure", "adverbial_doi")
    for m in re.finditer(alternation(ctx.cues.words("structure", "clause_subject_cue") + adverbs), ctx.text[lo:pos]):
        cue = None if m.group() in adverbs else m  # โดยด่วน: a manner adverb
    if cue is None:
        return False
    start = lo + cue.end()
    has_party = any(e.label in PARTY_LABELS for e in ctx.entities_in(start, pos))
    return not has_party and not any(start <= ps < pos for ps, _ in ctx.pronouns)


def _headline_subject(ctx: Context, trig: Trigger, parties: list[Party]) -> Party:
    """The nearest of ``parties``; but in a headline (``structure.json`` ``headline``) an
    organisation nearest the trigger is usually the object of an earlier verb (ลุงตู่ ห่วงลูกจ้าง
    JSL กำชับ รมว.เฮ้ง…), so there the first person or office named after the last reporting verb
    acts (โฆษกรัฐบาลเผย “นายกฯ” … มอบ…), by the name that follows a title (“รองนายกฯสมศักดิ์” สั่ง…)."""
    nearest = parties[-1]
    line_start = ctx.paragraph(trig.start)[0]
    if nearest.entity.label != "AGENCY" or not _headline_line(ctx, line_start):
        return nearest
    said = [m.end() for m in ctx.reporting_verb.finditer(ctx.text, line_start, trig.start)]
    people = [p for p in parties if p.entity.label in ("PERSON", "POSITION") and p.start >= (said[-1] if said else 0)]
    if not people:
        return nearest
    chain = people[:1]
    for p in people[1:]:
        if bare(ctx.text[chain[-1].entity.end:p.start]).strip("“”\"‘’'"):
            break
        chain.append(p)
    named = [p for p in chain if p.entity.label == "PERSON"]
    return named[-1] if named else chain[0]


def _headline_line(ctx: Context, line_start: int) -> bool:
    """Is the line at ``line_start`` in the title block: the text's leading lines of at most
    ``max_chars``, up to the first that opens with a dateline word (a headline, a subtitle, the
    headline written again as the lead; ``structure.json`` ``headline``)?"""
    h = ctx.cues.value("structure", "headline")
    start = 0
    while start <= line_start:
        end = ctx.text.find("\n", start)
        if end == -1:
            return False  # a one-line text, or the last line, is no title
        line = ctx.text[start:end].strip()
        if len(line) > h["max_chars"] or line.startswith(tuple(h["dateline_openers"])):
            return False
        if start == line_start:
            return True
        start = end + 1
    return False


def _unnamed_subject_before(ctx: Context, start: int, trig: Trigger) -> bool:
    """Does the text from ``start`` to the trigger end in an unnamed subject (รัฐบาล, ผู้บังคับบัญชา),
    particles allowed after it?"""
    return ctx.unnamed_subject_end.search(ctx.text, start, trig.start) is not None


def _meeting_subject(ctx: Context, trig: Trigger) -> bool:
    """Does an unnamed meeting (``structure.json`` ``unnamed_clause_subjects``) open a clause
    earlier in the trigger's paragraph, no party named between it and the trigger?"""
    lo = ctx.paragraph(trig.start)[0]
    return any(not ctx.inside_entity(m.start(), m.end()) and not ctx.parties_between(m.end(), trig.start)
               for m in ctx.meeting_subject.finditer(ctx.text, lo, trig.start))


def _unresolved_speaker_before(ctx: Context, start: int, trig: Trigger) -> bool:
    """Is there a first-person pronoun (ผม, ดิฉัน, ตน) between ``start`` and the trigger whose
    speaker is not found? (A resolved one is a party itself.)"""
    first_person = ctx.cues.words("speech", "first_person")
    return any(start <= ps and pe <= trig.start and ctx.text[ps:pe] in first_person and ctx.speaker(ps) is None
               for ps, pe in ctx.pronouns)


def _nothing_before(ctx: Context, start: int, trig: Trigger) -> bool:
    """Is the subject of the clause left unsaid? Nothing, or a text ending in a particle (ได้,
    จึง, ก็), a bare โดย, a word that shares the subject of the verb before (พร้อม) or punctuation, between the clause start and the trigger
    (…การจราจรเริ่มมีการชะลอตัว จึงได้สั่งการให้), or a space before a trigger that opens with
    ได้ (…ซึ่งอยู่ระหว่างศึกษา ได้มอบหมาย); a noun right before the trigger (รัฐบาล มอบหมายให้)
    is an unnamed subject, not an elided one."""
    raw = ctx.text[start:trig.start]
    gap = raw.rstrip()
    if not gap:
        return True
    if _unnamed_subject_before(ctx, start, trig):
        return False  # …“โดรน” รัฐบาลจึงได้มอบหมายให้: the government, unnamed, not the speaker
    words = ctx.cues.words("structure", "subject_particles") + ctx.cues.words("structure", "clause_subject_cue") + \
        ctx.cues.words("structure", "shared_subject") + ctx.cues.words("structure", "elided_subject_markers")
    if gap != raw and any(trig.text.startswith(w) for w in words):
        return True
    return re.search(r"(?:" + alternation(words) + r")$", gap) is not None or \
        gap[-1] in ctx.cues.value("structure", "punctuation")


def _relative_subject(ctx: Context, trig: Trigger) -> Party | None:
    """The party a relative clause is about: ของกระทรวงมหาดไทย ที่เน้นย้ำสั่งการให้ … → กระทรวงมหาดไทย
    (``structure.json`` ``relative_subject``, ``relative_manner``)."""
    before = ctx.entities_in(ctx.sentence(trig.start)[0], trig.start)
    if not before or before[-1].label not in PARTY_LABELS:
        return None
    gap = ctx.text[before[-1].end:trig.start]
    relative = ctx.cues.words("structure", "relative_subject")
    gap_words = ctx.cues.only([("structure", "relative_subject"), ("structure", "relative_manner")], punctuation=False)
    if not gap_words.match(gap) or not any(bare(gap).startswith(w) for w in relative):
        return None
    i = len(before) - 1  # นาย X รักษาการอธิบดีกรมเจ้าท่า กระทรวงคมนาคม ที่สั่งการให้: the ministry is X's affiliation
    while i > 0 and before[i].label == "AGENCY" and before[i - 1].label in ("PERSON", "POSITION") \
            and ctx.is_blank(before[i - 1].end, before[i].start):
        i -= 1
    return ctx.as_party(before[i])


def _shared_subject_trigger(ctx: Context, trig: Trigger) -> Trigger | None:
    """The assigning trigger whose subject a trigger shares: X สั่งการไปยัง Y แล้ว พร้อมกำชับให้ Z,
    X ขอมอบหมายให้ Y … และขอสั่งการให้ Z. The trigger follows a shared-subject word (และ, พร้อม,
    แล้ว; particles such as ได้/ขอ between) and an earlier active or ordered trigger stands in the
    same or the previous sentence of the paragraph."""
    para_start = ctx.paragraph(trig.start)[0]
    m = ctx.shared_subject_end.search(ctx.text[para_start:trig.start])
    if m is None:
        return None
    word = m.group().lstrip()
    word_at = para_start + m.end() - len(word)
    if any(word.startswith(w) for w in ctx.cues.words("structure", "shared_subject_unless_named")):
        named = ctx.parties_between(para_start, word_at)
        if named and ctx.is_blank(chain_end(ctx, named[-1]), word_at):
            return None  # C จึงสั่งการให้ D: C is the subject, written
    i = ctx.sentence_index(trig.start)
    lo = max(para_start, ctx.sentences[max(0, i - 1)][0] if ctx.sentences else 0)
    earlier = [t for t in find_triggers(ctx, lo, trig.start) if
               t.kind in ("active", "ordered") and not any(policy(ctx, t) for policy in MODALITY_POLICIES)]
    return earlier[-1] if earlier else None


def official_key(ent: Entity) -> tuple[str, str]:
    """The same-official test of the rule layer: the name without titles, or the office with
    its abbreviation expanded, or the organisation's name."""
    if ent.label == "PERSON":
        return ent.label, person_name(ent.text)
    if ent.label == "POSITION":
        return ent.label, position_key(ent.text)
    return ent.label, " ".join(ent.text.split())


def delegator_before(ctx: Context, trig: Trigger, tails: Sequence[Party] = ()) -> tuple[Party, str] | None:
    """Who assigned (:func:`_delegator_before`); a body found away from the trigger gives way to the
    speaker who heads it (นาย X รัฐมนตรีว่าการกระทรวงอุตสาหกรรม เปิดเผยว่า กระทรวงอุตสาหกรรม มีนโยบาย…
    ล่าสุดได้สั่งการให้ กรอ. → นาย X)."""
    who = _delegator_before(ctx, trig, tails)
    if who is None or who[0].entity.label != "AGENCY" or who[1] in ("relative", "clause_subject"):
        return who  # …ว่า กระทรวงยุติธรรมได้เล็งเห็น… โดยมอบหมายให้ กรม ก: the body is the clause's subject
    party, how = who
    if how == "nearest" and _adjacent_subject(ctx, party, trig):
        return who  # …ว่า กระทรวงอุตสาหกรรม ได้สั่งการให้ กรอ.: the body is the subject it names
    speaker = ctx.speaker(trig.start)
    if speaker is None or speaker.label != "PERSON":
        return who
    body = "".join(party.entity.text.split())
    if any("".join((agency_of(pos.text) or "").split()) == body for pos in ctx.offices_held(speaker)):
        return ctx.as_party(speaker), "speaker"
    return who


def _reported_by_a_spokesman(ctx: Context, trig: Trigger, spokesman_speaks: bool, clause: tuple[int, int],
                             usable: Callable[[list[Party]], list[Party]]) -> Party | None:
    """Who acts in a clause with no subject when a spokesman reports: the first other party of
    the sentence before the ``clause`` (sentence start, clause start) when the spokesman is the
    speaker (โฆษก… เปิดเผยว่า พลเอก X … จึงฝากเตือน… ทั้งนี้ กำชับ Y → X); else the first party named
    after a spokesman's speech verb, with no ว่า, in the trigger's paragraph (นาย X โฆษก… เผยพล.อ. Y …
    รับทราบ… จึงได้สั่งการให้ Z → Y)."""
    def named(start: int, end: int) -> list[Party]:
        return [p for p in usable(ctx.parties_between(start, end))
                if not reports_only(ctx, p.entity) and not ctx.object_marked(p.entity)]

    sent_start, start = clause
    if spokesman_speaks and start > sent_start and named(sent_start, start):
        return named(sent_start, start)[0]
    p_start = ctx.paragraph(trig.start)[0]
    for verb in ctx.speech_verbs(p_start, trig.start):
        who = ctx.speaker_before(p_start, verb.start())
        if who is not None and reports_only(ctx, who) and named(verb.end(), trig.start):
            return named(verb.end(), trig.start)[0]
    return None


def _resolution_list_subject(ctx: Context, trig: Trigger) -> Party | None:
    """Who resolved a numbered list whose item opens with the trigger: คณะรัฐมนตรีมีมติ… ดังนี้⏎
    1. รับทราบ…⏎2. มอบให้กระทรวงคมนาคม… → คณะรัฐมนตรี, the party before มีมติ on the list's
    opening line (``structure.json`` ``resolution_list``)."""
    line_start = ctx.text.rfind("\n", 0, trig.start) + 1
    if not ctx.item_number_end.fullmatch(ctx.text, line_start, trig.start):
        return None
    cue = ctx.cues.value("structure", "resolution_list")
    line = ""  # back over blank lines and the list's earlier items to the line that opens it
    while not line or ctx.item_number_end.match(line.split(" ", 1)[0] + " "):
        if line_start == 0:
            return None
        end = line_start - 1
        line_start = ctx.text.rfind("\n", 0, end) + 1
        line = ctx.text[line_start:end]
    if not line.rstrip().endswith(cue["list_end"]) or cue["resolved"] not in line:
        return None
    verb = line_start + line.find(cue["resolved"])
    parties = [p for p in ctx.parties_between(line_start, verb) if not reports_only(ctx, p.entity)]
    return parties[-1] if parties else None


def _adjacent_subject(ctx: Context, party: Party, trig: Trigger) -> bool:
    """Only particles (ได้, จึง, ก็…) between a party and the trigger: it is the trigger's own subject."""
    particles = ctx.cues.only([("structure", "subject_particles"), ("honorifics", "address_words")])
    return bool(particles.match(ctx.text[chain_end(ctx, party):trig.start]))


def _delegator_before(ctx: Context, trig: Trigger, tails: Sequence[Party] = ()) -> tuple[Party, str] | None:
    """Who assigned, never one of the ``tails`` (กรอ. ... ได้สั่งการให้ กรอ.): the clause subject after
    a bare โดย; else the nearest party of the clause; when the clause names none and its subject is
    left unsaid, the speaker of reported speech, else the first party of the previous sentence."""
    not_tails = {official_key(t.entity) for t in tails}
    for ent in ctx.entities:  # กรมโรงงานอุตสาหกรรม (กรอ.): a body and its bracketed abbreviation are one
        if ctx.is_abbreviation(ent):
            pair = {official_key(ent), official_key(ctx.entities[ctx.index(ent) - 1])}
            if pair & not_tails:
                not_tails |= pair

    def usable(parties: list[Party]) -> list[Party]:
        return [p for p in parties if official_key(p.entity) not in not_tails]

    relative = _relative_subject(ctx, trig)
    if relative is not None and official_key(relative.entity) not in not_tails:
        return relative, "relative"
    earlier = _shared_subject_trigger(ctx, trig)
    if earlier is not None:
        who = delegator_before(ctx, earlier, tails)
        if who is not None:
            return who[0], "shared_subject"
        if _meeting_subject(ctx, earlier):
            return None  # โดยที่ประชุมฯ ได้มอบให้ ก … รวมทั้งมอบหมายให้ ข: the meeting gave both, unnamed
        # …ได้สั่งการ กรม ก … พร้อมทั้งมอบหมายให้ ปลัด ข: กรม ก received the first order; it does not
        # give the second
        not_tails |= {official_key(p.entity) for p in parties_after(ctx, earlier.end)}
    if _meeting_subject(ctx, trig):
        return None  # …ที่ประชุมได้เห็นชอบ… โดยมอบหมายให้ X: the meeting assigned, unnamed
    resolver = _resolution_list_subject(ctx, trig)
    if resolver is not None and official_key(resolver.entity) not in not_tails:
        return resolver, "resolution_list"
    sent_start = ctx.sentence(trig.start)[0]
    start = clause_start(ctx, sent_start, trig.start)
    if _subject_elided(ctx, sent_start, trig.start):
        # …ได้รับรายงานจาก นพ.X ปลัดกระทรวง… โดยมอบหมาย: the office of one reported from is no subject
        parties = [p for p in usable(ctx.parties_between(start, trig.start))
                   if not (p.via == "holder" and ctx.office_of_an_object(p.entity, p.start))]
        if not parties and start == sent_start:
            # …เผยว่า พลเอก X … แสดงความเสียใจต่อกรณี… โดยมอบหมาย นาย Y: spaces cut the clause; its
            # subject is the first party after the last speech cue or clause opener of the paragraph
            lo = clause_start(ctx, ctx.paragraph(trig.start)[0], trig.start)
            parties = usable(ctx.parties_between(lo, trig.start))
        people = [p for p in parties if p.entity.label != "AGENCY" or p.via == "pronoun"]
        if people or parties:
            return (people or parties)[0], "clause_subject"
    else:
        parties = usable(parties_just_before(ctx, trig.start, start))
        if parties and _unnamed_subject_before(ctx, chain_end(ctx, parties[-1]), trig):
            return None  # …นาง X … ซึ่งรัฐบาลมอบหมายให้กระทรวง Y: the government assigned, unnamed
        if parties and not _adjacent_subject(ctx, parties[-1], trig) and \
                ctx.unnamed_subject_word.search(ctx.text, start, parties[0].start):
            # …ว่า ในด้านกำลังคน ที่ประชุมได้เห็นชอบตามข้อเสนอของ… อัตราที่องค์การอนามัยโลกแนะนำ… และมอบให้
            # สบช.: the clause's subject is the meeting, unnamed; the parties after it are not
            return None
        if parties and _unresolved_speaker_before(ctx, chain_end(ctx, parties[-1]), trig):
            # …กระทรวงพาณิชย์และกระทรวงมหาดไทย โดยผมได้มอบให้ Y: whoever says ผม is a person
            parties = [p for p in parties if p.entity.label == "PERSON"]
        if parties:
            return _headline_subject(ctx, trig, parties), "nearest"
        if not _nothing_before(ctx, start, trig):
            return None
    speaker = ctx.speaker(trig.start)
    if speaker is not None and not reports_only(ctx, speaker):
        party = ctx.as_party(speaker)
        return (party, "speaker") if official_key(party.entity) not in not_tails else None
    reported = _reported_by_a_spokesman(ctx, trig, speaker is not None, (sent_start, start), usable)
    if reported is not None:
        return reported, "previous_clause"
    i = ctx.sentence_index(trig.start)
    p_start = ctx.paragraph(trig.start)[0]
    for k in range(i - 1, max(-1, i - 1 - ctx.cues.value("structure", "previous_sentence_steps")), -1):
        if ctx.sentences[k][1] > trig.start or (k < i - 1 and ctx.sentences[k][1] <= p_start):
            break  # the sentence right before may be the previous paragraph's; further ones only in this one
        prev = [p for p in usable(ctx.parties_between(*ctx.sentences[k])) if not reports_only(ctx, p.entity)]
        if prev and find_triggers(ctx, ctx.sentences[k][0], prev[0].start):
            # …ที่ประชุมมอบให้กระทรวงพาณิชย์โดยกรมเจรจาฯ หารือ… / 4. … ได้มอบให้กรมการค้าต่างประเทศ: that
            # sentence's first party comes after its own trigger, so its subject is unnamed too
            return None
        if prev:
            return prev[0], "previous_sentence"
    return None


# --- the rules ------------------------------------------------------------------------

def _is_handover(ctx: Context, trig: Trigger) -> bool:
    """มอบให้ as handing over a thing: an object word shortly before, or แก่/กับ after."""
    if "มอบให้" not in trig.text and not trig.text.endswith("มอบ"):
        return False
    d = ctx.cues.raw["delegation"]
    sent_start = ctx.sentence(trig.start)[0]
    before = ctx.text[max(sent_start, trig.start - d["handover_window"]):trig.start]
    after = ctx.text[trig.end:trig.end + 6].lstrip()
    return any(w in before for w in d["handover_objects"]) or any(after.startswith(w) for w in d["recipient_markers"])


def assign(ctx: Context, trig: Trigger) -> list[Found]:
    """active and ordered: X มอบหมายให้ / สั่งการให้ Y [และ Z] TASK."""
    if _is_handover(ctx, trig):
        return []
    # a bare มอบ or สั่ง ending a paragraph (…ตามเจตนารมณ์ของผู้มอบ⏎นายกรัฐมนตรี…) assigns nobody below it
    light = any(trig.text.endswith(w) for w in ctx.cues.words("delegation", "need_a_task"))
    co_verb = ctx.co_verb.match(ctx.text, trig.end)  # กำชับและเน้นย้ำ X: X comes after the second verb
    tails = parties_after(ctx, co_verb.end() if co_verb else trig.end, same_line=light)
    if not tails:
        return []
    who = delegator_before(ctx, trig, tails)
    if who is None:
        return []
    head, how = who
    heads = [head] + (co_delegators(ctx, head) if how == "nearest" else [])
    task = task_after(ctx, skip_accompaniment(ctx, chain_end(ctx, tails[-1])))
    if task is not None:
        tails = tails + parallel_assignees(ctx, task, tails)
    if task is None and any(trig.text.endswith(w) for w in ctx.cues.words("delegation", "need_a_task")):
        return []  # มอบให้ นาย X with no action is a handing-over; สั่ง X with no action is not an order
    evidence = ctx.evidence(min(h.start for h in heads), trig.start, task[1] - 1 if task else trig.end)
    return [Found(h, t, trig, trig.kind, how, task, evidence) for h in heads for t in tails]


def passive(ctx: Context, trig: Trigger) -> list[Found]:
    """Y ได้รับมอบหมายจาก X (ให้) TASK: head X. Y stands right before the trigger (its companions,
    พร้อมด้วย…, may come between), or Y is the speaker who leaves the subject unsaid
    (นาย Y กล่าวว่า ได้รับมอบหมายจาก X …)."""
    heads = parties_after(ctx, trig.end)
    if not heads:
        return []
    found = _passive_subject(ctx, trig)
    if found is None:
        return []
    tail, how = found
    task = task_after(ctx, chain_end(ctx, heads[-1]))
    evidence = ctx.evidence(tail.start, trig.start, task[1] - 1 if task else trig.end)
    # ได้รับมอบหมายจาก X และ Y: both assigned
    return [Found(h, tail, trig, "passive", how, task, evidence) for h in heads]


def _passive_subject(ctx: Context, trig: Trigger) -> tuple[Party, str] | None:
    """The one who was assigned: the party right before the trigger (``adjacent``), else the
    speaker when reported speech leaves the subject unsaid (``speaker``); None when the
    delegatee is not named (ผู้แทนที่ได้รับมอบหมายจาก …)."""
    particles = ctx.cues.only([("structure", "subject_particles"), ("structure", "passive_subject_openers"),
                               ("honorifics", "address_words")])
    before = parties_just_before(ctx, trig.start)
    if before:
        tail = before[-1]
        end = _past_companions(ctx, chain_end(ctx, tail), trig.start)
        between = ctx.text[end:trig.start]
        if any(ctx.is_abbreviation(e) for e in ctx.entities_in(end, trig.start)):
            between = re.sub(r"\([^()]*\)", " ", between)  # นาย Y รัฐมนตรีว่าการ… (ดีอี) ได้รับมอบหมายจาก
        if particles.match(between):
            return tail, "adjacent"
    p_start = ctx.paragraph(trig.start)[0]
    cues = ctx.speech_cues(p_start, trig.start)
    if not cues or any(e.label != "DATE" for e in ctx.entities_in(cues[-1].end(), trig.start)):
        return None  # a date between says when (…กล่าวว่า เมื่อวันที่ 11 พ.ค. 65 ได้รับมอบหมายจาก…)
    gap = ctx.text[cues[-1].end():trig.start]
    space_before_dai = gap != gap.rstrip() and trig.text.startswith("ได้")
    speaker = ctx.speaker(trig.start)
    if speaker is None or not (particles.match(gap) or space_before_dai):
        return None
    return ctx.as_party(speaker), "speaker"


def _past_companions(ctx: Context, pos: int, limit: int) -> int:
    """Past the companions after a party (พร้อมด้วย นาย X ตำแหน่ง และนาย Y ตำแหน่ง) and the
    organisation written after the last of them (their affiliation), up to ``limit``."""
    end = skip_accompaniment(ctx, pos)
    if end == pos:
        return pos
    for ent in ctx.entities_in(end, limit):
        if ent.label != "AGENCY" or ctx.is_candidate(ent) or bare(ctx.text[end:ent.start]):
            break
        end = ent.end
    return end


def on_behalf(ctx: Context, trig: Trigger) -> list[Found]:
    """Y ... แทน X (ปฏิบัติราชการแทน, รักษาราชการแทน, ในนามของ, เป็นผู้แทน, เป็นประธาน…แทน): head X,
    on the same line (…ไม่แสดงอาการ เข้ม DMHT 5 วันแทน⏎รองนายกรัฐมนตรี…: แทน ends a headline)."""
    obj = ctx.next_entity(trig.end, same_line=True)
    allowed = {"PERSON", "POSITION"}
    if trig.detail in ctx.cues.value("delegation", "on_behalf_agency_ok"):
        allowed.add("AGENCY")
    if obj is None or obj.label not in allowed:
        return []
    head = ctx.as_party(obj)
    if trig.detail == "instead_of" and _is_succession(ctx, trig, head):
        return []
    if trig.detail == "in_the_name_of" and _with_the_people(ctx, head):
        return []
    # เป็นผู้แทนรัฐมนตรีว่าการ… และปลัดกระทรวง…: one relation per party represented; one acts
    # for one office (รักษาราชการแทนอธิบดี… และนาย Z …: Z is the next member of a list)
    heads = [head] + ([] if trig.detail == "acting" else _joined_after(ctx, head, allowed))
    sent_start, sent_end = ctx.sentence(trig.start)
    adjacent = _stand_in_before(ctx, trig)
    if adjacent is not None and never_assigned(ctx, adjacent.entity):
        adjacent = None  # …ถวายบังคม พระบรมราชานุสรณ์พระบาทสมเด็จ… ในนาม…: the king honoured stands in for nobody
    if adjacent is not None and _next_in_a_list_of_representatives(ctx, heads[-1], trig, adjacent):
        return []  # …ปลัดกระทรวง ก ผู้แทนเลขาธิการ ข ผู้แทนประธาน ค…: unnamed attendees listed, no apposition
    if adjacent is not None and head.entity.label == "POSITION" and \
            trig.text in ctx.cues.words("delegation", "capacity_when_apposed"):
        return []  # นายกรัฐมนตรีในนามผู้อำนวยการ ศบค. สั่งการ…: in the capacity of an office of one's own
    if adjacent is not None and adjacent.entity.id != head.entity.id:
        evidence = ctx.evidence(adjacent.start, trig.start, heads[-1].entity.end - 1)
        return [Found(h, adjacent, trig, "on_behalf", trig.detail or "on_behalf", None, evidence) for h in heads]
    if trig.detail in ctx.cues.value("delegation", "on_behalf_adjacent_only"):
        return []  # the noun ผู้แทน names a stand-in only in apposition: นาย Y ตำแหน่ง ผู้แทนรัฐมนตรี…
    if trig.detail == "representative" and _relative_to_an_unnamed_noun(ctx, trig):
        return []  # …และคณะกรรมการซึ่งเป็นผู้แทนกระทรวงกลาโหม: the members stand in, unnamed
    people = ("PERSON", "POSITION")  # an office or a person acts for someone, not an organisation
    before = [p for p in ctx.parties_between(sent_start, trig.start)
              if p.entity.id != head.entity.id and p.entity.label in people]
    how = "nearest"
    if not before:  # “ในนามของกระทรวง… ขอขอบคุณ…” นาง X กล่าว: the speaker, after
        end = chain_end(ctx, head)
        before = [p for p in ctx.parties_between(end, sent_end)
                  if p.entity.id != head.entity.id and p.entity.label in people][:1]
        if before and trig.detail == "acting" and not ctx.is_address_only(ctx.text[end:before[0].start]):
            # one who acts for an office is named next to it (รักษาราชการแทนนายกรัฐมนตรี นาย Y); not
            # …และคู่สมรส ทูลเกล้าฯ ถวาย…พระบาทสมเด็จพระเจ้าอยู่หัว, someone later in the sentence
            before = []
        how = "after"
    if not before and trig.detail == "in_the_name_of" and ctx.speaker_act.match(ctx.text, chain_end(ctx, head)):
        # “ในนามของกรมทางหลวงชนบท ขอขอบคุณ… ⏎ …” อธิบดีกรมทางหลวงชนบท กล่าว: the speaker of the quote
        speaker = ctx.speaker(trig.start)
        if speaker is not None and speaker.label in people and speaker.id != head.entity.id \
                and not reports_only(ctx, speaker):
            before, how = [ctx.as_party(speaker)], "speaker"
    if not before:
        return []
    if how == "nearest" and trig.detail == "in_the_name_of" and never_assigned(ctx, before[-1].entity):
        # …นำ … วางพวงมาลาถวายบังคม พระบรมราชานุสรณ์พระบาทสมเด็จ… ในนามกระทรวง…: the king honoured
        # is nearest; the one who leads the sentence acts
        before, how = [p for p in before if not never_assigned(ctx, p.entity)][:1], "clause_subject"
        if not before:
            return []
    tail = before[-1] if how == "nearest" else before[0]
    return [Found(head, tail, trig, "on_behalf", trig.detail or "on_behalf", None,
                  ctx.evidence(tail.start, trig.start, head.entity.end - 1))]


def _next_in_a_list_of_representatives(ctx: Context, represented: Party, trig: Trigger, stand_in: Party) -> bool:
    """Does another ผู้แทน follow the party represented, only spaces between, or another office
    when the one before the cue is an office, not a name? Then the cue is one item of a list of
    attendees (…นายกรัฐมนตรี ผู้แทนประธานรัฐสภา ประธานศาลฎีกา…), not in apposition to the office
    before it (นายแพทย์ ก ผู้แทนปลัดกระทรวงสาธารณสุข ผู้ทรงคุณวุฒิ…: his own title follows)."""
    if trig.detail != "apposed_representative":
        return False
    end = chain_end(ctx, represented)
    rest = ctx.text[end:ctx.sentence(trig.start)[1]]
    if rest.lstrip(" ").startswith(trig.text) and rest[:1] == " ":
        return True
    following = ctx.next_entity(end, address_ok=False, same_line=True)
    return stand_in.entity.label != "PERSON" and following is not None and following.label == "POSITION" \
        and rest[:1] == " " and following.id not in ctx.holder


def _relative_to_an_unnamed_noun(ctx: Context, trig: Trigger) -> bool:
    """Does a relative word (ซึ่ง, ที่) stand right before the cue, after words that are not a
    party (…คณะกรรมการซึ่งเป็นผู้แทน…)? The clause is about that unnamed noun."""
    before = ctx.entities_in(ctx.sentence(trig.start)[0], trig.start)
    gap = ctx.text[before[-1].end if before else ctx.sentence(trig.start)[0]:trig.start].rstrip()
    for word in ctx.cues.words("structure", "relative_subject"):
        if gap.endswith(word):
            return bool(bare(gap[:-len(word)]))
    return False


def _with_the_people(ctx: Context, party: Party) -> bool:
    """ในนามคณะรัฐมนตรี ข้าราชการ และพสกนิกรชาวไทย…: the body is joined by และ to the people, for whom
    one speaks as a nation (``delegation.json`` ``the_people``)."""
    d = ctx.cues.raw["delegation"]
    end = chain_end(ctx, party)
    after = ctx.text[end:min(ctx.paragraph(end)[1], end + d["the_people_window"])]
    joined = alternation(ctx.cues.words("structure", "conjoined"))
    return re.search(r"(?:" + joined + ")" + SPACE + r"*(?:" + alternation(d["the_people"]) + ")", after) is not None


def _is_succession(ctx: Context, trig: Trigger, replaced: Party) -> bool:
    """แทน naming a successor: แต่งตั้ง X … แทน Y (ตำแหน่ง)เดิมที่ลาออก, a departure word shortly
    after Y; or X รับตำแหน่ง<office>แทน Y, an office taken over right before the cue."""
    d = ctx.cues.raw["delegation"]
    end = chain_end(ctx, replaced)
    after = ctx.text[end:min(ctx.sentence(trig.start)[1], end + d["succession_window"])]
    if any(w in after for w in d["succession_markers"]):
        return True
    sent_start = ctx.sentence(trig.start)[0]
    before = ctx.entities_in(sent_start, trig.start)
    return bool(before) and before[-1].label == "POSITION" and not bare(ctx.text[before[-1].end:trig.start]) \
        and ctx.text[sent_start:before[-1].start].rstrip().endswith(tuple(d["succession_office_verbs"]))


def _joined_after(ctx: Context, party: Party, labels: set[str]) -> list[Party]:
    """Parties joined to ``party`` by และ / รวมทั้ง (a joiner word, not a bare space), one each."""
    joiners = ctx.cues.words("structure", "co_assignee")
    found: list[Party] = []
    end = chain_end(ctx, party)
    for ent in ctx.entities_in(end, len(ctx.text)):
        gap = ctx.text[end:ent.start]
        if ent.label not in labels or not ctx.is_list_gap(gap) or not any(w in gap for w in joiners):
            break
        found.append(ctx.as_party(ent))
        end = chain_end(ctx, found[-1])
    return found


def _stand_in_before(ctx: Context, trig: Trigger) -> Party | None:
    """The person or office written right before an on-behalf cue, spaces (or an opening
    bracket) only between, even in a list of companions (… นาย Y ผู้ช่วย ผบ.ตร. รักษาราชการแทน
    เลขาธิการ ป.ป.ส.; … รองอธิบดีกรม… (รักษาราชการแทนอธิบดีกรม…))."""
    before = ctx.entities_in(ctx.paragraph(trig.start)[0], trig.start)
    if (not before or before[-1].label not in ("PERSON", "POSITION")
            or bare(ctx.text[before[-1].end:trig.start].replace("(", " "))):
        return None
    if acted_for(ctx, before[-1], ("acting", "apposed_representative")):
        # … รักษาราชการแทน ผู้อำนวยการ… เป็นผู้แทน…, … ผู้แทนเลขาธิการ ก ผู้แทนประธาน ข: the office acted
        # for, or represented by someone unnamed, is not the stand-in
        return None
    return ctx.as_party(before[-1])


def acted_for(ctx: Context, ent: Entity, kinds: Sequence[str] = ("acting",)) -> bool:
    """Is the entity written right after an on-behalf cue of ``kinds`` (รักษาราชการแทน <office>),
    the one acted for?"""
    i = ctx.index(ent)
    before = ctx.text[ctx.entities[i - 1].end if i else 0:ent.start].rstrip()
    return any(before.endswith(cue) for cue, kind in ctx.cues.on_behalf_kind.items() if kind in kinds)


DELEGATION_RULES: dict[str, Callable[[Context, Trigger], list[Found]]] = {
    "active": assign,
    "ordered": assign,
    "passive": passive,
    "on_behalf": on_behalf,
}


def find_delegations(ctx: Context) -> list[Relation]:
    """Every DELEGATES_TO relation, in trigger order; one per (head, tail) mention pair."""
    out: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    for trig in find_triggers(ctx):
        rule = DELEGATION_RULES.get(trig.kind)
        if rule is None or any(policy(ctx, trig) for policy in MODALITY_POLICIES):
            continue
        for f in rule(ctx, trig):
            key = (f.head.entity.id, f.tail.entity.id)
            if official_key(f.head.entity) == official_key(f.tail.entity) or key in seen or \
                    never_assigned(ctx, f.tail.entity):
                continue
            seen.add(key)
            out.append(_relation(ctx, f))
    return out


def reports_only(ctx: Context, ent: Entity) -> bool:
    """Does the party report what others decided: a spokesperson, by the office named or held
    (``delegation.json`` ``reporters``)?"""
    offices = [ent.text] + [pos.text for pos in ctx.offices_held(ent)]
    return any(w in text for text in offices for w in ctx.cues.words("delegation", "reporters"))


def never_assigned(ctx: Context, ent: Entity) -> bool:
    """Is the party one who is never a delegatee: the King, the royal family, senior monks
    (``delegation.json`` ``never_assigned``)?"""
    return ent.text.lstrip().startswith(tuple(ctx.cues.words("delegation", "never_assigned")))


def _relation(ctx: Context, f: Found) -> Relation:
    how = "pronoun" if "pronoun" in (f.head.via, f.tail.via) else f.how
    score = RULE_SCORES[f.trigger.kind if f.trigger.kind in RULE_SCORES else "active"] * HOW_FACTOR.get(how, 0.9)
    for e in (f.head.entity, f.tail.entity):
        if e.score is not None:
            score *= e.score
    task = ctx.text[f.task_span[0]:f.task_span[1]] if f.task_span else None
    return Relation("DELEGATES_TO", f.head.entity.id, f.tail.entity.id, trigger=f.trigger.text, task=task,
                    task_span=f.task_span, rule=f"{f.rule}.{how}", score=round(score, 4), evidence=f.evidence)
