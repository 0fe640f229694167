"""What every rule needs to know about one document: its entities in order, the
text between them, sentences, accompaniment, pronouns and reported speech.

A :class:`Context` is built once per ``(text, entities)`` and only read by the
rules. A *party* is a possible relation argument: a PERSON, POSITION or AGENCY
entity, or a pronoun resolved to a mention (ผม to the speaker, ท่าน to the one named
before it).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Sequence

from ..schema import Entity
from ..text import sentence_spans
from .cues import SPACE, Cues, alternation, bare

PARTY_LABELS = frozenset({"PERSON", "POSITION", "AGENCY"})


def joined_over_entities(sentences: Sequence[tuple[int, int]], entities: Sequence[Entity]) -> list[tuple[int, int]]:
    """``sentences`` without the boundaries that fall inside one of ``entities`` (sorted by
    start). A splitter that breaks at double spaces or ``. `` cuts ``นายภูมิธรรม  เวชยชัย`` and
    ``พล.อ. ประยุทธ์`` in two; the entity says they are one unit, so the two sentences are one."""
    starts = [e.start for e in entities]
    reach, furthest = [], -1  # reach[i]: the furthest end among entities[:i + 1]
    for e in entities:
        furthest = max(furthest, e.end)
        reach.append(furthest)
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        before = bisect.bisect_left(starts, start)  # entities starting before this sentence
        if out and before and reach[before - 1] > out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@dataclass(frozen=True)
class Party:
    """A resolved argument: ``entity`` is the mention a relation will name.

    ``via`` says how it was reached: ``mention`` (the entity itself), ``holder``
    (a POSITION replaced by the PERSON holding it) or ``pronoun`` (ผม, ตน in reported
    speech, resolved to the speaker; ท่าน, to the one named before it:
    :meth:`Context.referent`); ``start``/``end`` is where the party was found in the text
    (the position mention, or the pronoun).
    """

    entity: Entity
    via: str
    start: int
    end: int


@dataclass
class Context:
    text: str
    entities: tuple[Entity, ...]          # sorted by offset
    cues: Cues
    sentences: list[tuple[int, int]]
    holder: dict[str, Entity] = field(default_factory=dict)  # POSITION id -> PERSON holding it

    def __post_init__(self) -> None:
        self._starts = [e.start for e in self.entities]
        self._index = {e.id: i for i, e in enumerate(self.entities)}
        self._sent_starts = [s for s, _ in self.sentences]
        s = self.cues
        # An entity after these is an object (จาก, ให้, แทน ...) or the role of someone named before it (ในฐานะ).
        self._object_end = re.compile(r"(?:" + alternation(s.words("structure", "object_markers")
                                                          + s.words("structure", "in_role")) + r")$")
        self._orderer_end = re.compile(r"(?:" + alternation(s.words("structure", "orderer_markers")) + r")$")
        self._assigning_end = re.compile(r"(?:" + alternation(w for w, k in s.trigger_kind.items()
                                                              if k in ("active", "ordered")) + r")" + SPACE + "*$")
        self._proposer_before = re.compile(r"(?:" + alternation(s.words("structure", "proposer_before")) + r")" + SPACE + "*$")
        self._proposer_after = re.compile(SPACE + r"*(?:" + alternation(s.words("structure", "proposer_verbs")) + r")")
        self._accompany_end = re.compile(r"(?:" + alternation(s.words("structure", "accompaniment")) + r")$")
        self._address = s.only([("honorifics", "address_words")])
        # Between a cue and its party: spaces, address words, an opening bracket; never a closing quote.
        self._to_party = re.compile(r"^(?:" + SPACE + r"|[(\[]|" + alternation(s.words("honorifics", "address_words")) + r")*$")
        self._list_gap = s.only([("structure", "co_assignee"), ("honorifics", "address_words")])
        # …กองทัพเรือ กรมเจ้าท่า และหน่วยงานอื่นที่เกี่ยวข้อง: a joiner and a group word close a list
        self.list_closer = re.compile(SPACE + r"*(?:" + alternation(s.words("structure", "co_assignee")) + r")" + SPACE
                                      + r"*(?:" + alternation(s.words("structure", "list_closers")) + ")")
        self._filler_gap = re.compile(r"^(?:" + SPACE + r"|,|" + alternation(s.words("structure", "co_assignee")) + "|"
                                      + "|".join(s.words("structure", "list_fillers")) + r")*$")
        self._bare_wa = re.compile(r"ว่า$")
        self._curly_quote = re.compile("[“”]")
        self._wa_end = re.compile(r"ว่า" + SPACE + r"*$")
        # ”… รมว.แรงงาน กล่าว: .match right after a name, .search anywhere on the rest of its line,
        # .finditer for who says ผม outside reported speech (not in ดังกล่าว, :meth:`_reporter`)
        self._speech_verb = re.compile(SPACE + r"*(?:" + alternation(s.words("speech", "speech_verbs_after_quote")) + ")")
        self._not_speech_verb = re.compile(alternation(s.words("speech", "not_speech_verbs")))
        self.enumeration = re.compile(s.value("structure", "enumeration"))
        self.led_by = re.compile(s.value("structure", "led_by"))
        # A clause opener (ทั้งนี้, often glued to the word before), or one that opens a clause only
        # after a space (สุดท้าย, not in นักศึกษาชั้นปีสุดท้าย).
        self.clause_opener = re.compile(alternation(s.words("structure", "clause_openers")) + r"|(?<=" + SPACE + r")(?:"
                                        + alternation(s.words("structure", "clause_openers_after_space")) + ")")
        self.item_number_end = re.compile(s.value("structure", "item_number"))
        self.co_verb = re.compile(s.value("structure", "co_verb"))
        # a decoy that runs into the entity after it (ผู้แทน|การค้าไทย: the title ผู้แทนการค้าไทย cut in two)
        self.decoy = re.compile(alternation(s.words("delegation", "decoys")))
        # ในนามของ X ขอขอบคุณ…: the speaker's own act right after the body acted for
        self.speaker_act = re.compile(r"\s*(?:" + alternation(s.words("delegation", "speaker_acts")) + ")")
        # A negation (ไม่ได้) or purpose (เพื่อ) word ending the text before a trigger.
        self.negation_end = re.compile(r"(?:" + alternation(s.words("modality", "negation")) + r")" + SPACE + r"*$")
        self.purpose_end = re.compile(r"(?:" + alternation(s.words("modality", "purpose")) + r")" + SPACE + r"*$")
        # A shared-subject word (และ, พร้อม, แล้ว; particles such as ได้/ขอ after it) ending the text before a trigger.
        self.shared_subject_end = re.compile(r"(?:^|" + SPACE + r")(?:" + alternation(s.words("structure", "shared_subject")) + r")" + SPACE + r"*(?:"
                                             + alternation(s.words("structure", "subject_particles")
                                                           + s.words("structure", "elided_subject_markers")) + r")*$")
        # An unnamed subject (รัฐบาล, ที่ประชุม; particles after it) ending the text before a trigger.
        self.unnamed_subject_end = re.compile(r"(?:" + alternation(s.words("structure", "unnamed_subjects")) + r")(?:"
                                              + SPACE + r"|" + alternation(s.words("structure", "subject_particles")) + r")*$")
        # An unnamed subject opening a clause (after a space or at its start): …ว่า ในด้านกำลังคน ที่ประชุมได้…
        self.unnamed_subject_word = re.compile(r"(?:^|" + SPACE + r")(?:" + alternation(s.words("structure", "unnamed_clause_subjects")) + r")")
        # …ที่ประชุมได้เห็นชอบ…, โดยที่ประชุมฯ ได้มอบให้…: the meeting as a clause's subject, anywhere in a paragraph
        self.meeting_subject = re.compile(r"(?:^|(?<=" + SPACE + r")|(?<=โดย))(?:"
                                          + alternation(s.words("structure", "unnamed_clause_subjects")) + r")", re.M)
        self.reporting_verb = re.compile(alternation(s.value("structure", "headline")["reporting_verbs"]))
        self.accompanied = self._find_accompanied()
        self.pronouns = self._find_pronouns()

    @classmethod
    def build(cls, text: str, entities: Sequence[Entity], cues: Cues, sentence_engine: str) -> "Context":
        ents = tuple(sorted(entities, key=lambda e: (e.start, e.end)))
        # Only names join sentences: joining over every label (dates such as ``23 ส.ค. 68``) also
        # lets the nearest-party rule reach over what were sentence ends (docs/relations.md, ninth round).
        names = [e for e in ents if e.label == "PERSON"]
        return cls(text, ents, cues, joined_over_entities(sentence_spans(text, sentence_engine), names))

    # --- positions in the text --------------------------------------------------------

    def inside_entity(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` overlap an entity span?"""
        i = bisect.bisect_left(self._starts, end)
        return any(self.entities[j].end > start for j in range(max(0, i - 3), i))

    def index(self, ent: Entity) -> int:
        return self._index[ent.id]

    def gap_before(self, i: int) -> str:
        """Text between entity ``i`` and the entity before it (or the line start)."""
        ent = self.entities[i]
        lo = self.entities[i - 1].end if i > 0 else 0
        lo = max(lo, self.text.rfind("\n", 0, ent.start) + 1)
        return self.text[lo:ent.start]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def sentence(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        return self.sentences[self.sentence_index(pos)]

    def evidence(self, *offsets: int) -> tuple[int, int]:
        """From the start of the sentence of the first offset to the end of that of the last."""
        return self.sentence(min(offsets))[0], max(self.sentence(max(offsets))[1], max(offsets))

    def paragraph(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def entities_in(self, start: int, end: int) -> list[Entity]:
        lo = bisect.bisect_left(self._starts, start)
        return [e for e in self.entities[lo:] if e.start < end and e.end <= end]

    def is_blank(self, start: int, end: int) -> bool:
        """Only whitespace (zero-width characters included) in ``text[start:end]``."""
        return not bare(self.text[start:end])

    def is_address_only(self, gap: str) -> bool:
        return bool(self._address.match(gap))

    def is_list_gap(self, gap: str) -> bool:
        return bool(self._list_gap.match(gap))

    def is_filler_gap(self, gap: str) -> bool:
        """A gap inside a list of assignees made of a quantifier or an unnamed member (ทุกกรม,
        ทั้ง 76 จังหวัด, ผู้นำท้องที่: ``structure.json`` ``list_fillers``), with spaces and joiners."""
        return bool(bare(gap)) and bool(self._filler_gap.match(gap))

    # --- roles ---------------------------------------------------------------------

    def object_marked(self, ent: Entity) -> bool:
        """Is the entity the object of a preposition or verb (จาก, กับ, ของ, ให้...), or joined by
        และ to one (ประสานกับผู้ว่าราชการจังหวัดและผู้ว่าราชการกรุงเทพมหานคร)? Not after
        ข้อสั่งการของ: that names who ordered."""
        i = self.index(ent)
        gap = self._strip_address(self.gap_before(i))
        if self._object_end.search(gap) and not self._orderer_end.search(gap):
            return True
        return i > 0 and bare(gap) in self.cues.words("structure", "co_assignee") and self.object_marked(self.entities[i - 1])

    def office_of_an_object(self, person: Entity, office_start: int) -> bool:
        """Is ``person``, named before an office of theirs written at ``office_start``, an object
        (ได้รับรายงานจาก นพ.X ปลัดกระทรวง…)? Then that office is no subject or speaker either."""
        return person.start < office_start and self.object_marked(person)

    def proposes(self, ent: Entity) -> bool:
        """Is the entity (or the name-and-office run it belongs to) the proposer in ตามที่ X เสนอ
        (คณะรัฐมนตรีมีมติอนุมัติตามที่กระทรวงการคลังเสนอ มอบหมายให้…): it proposed, someone else decides."""
        lo = hi = self.index(ent)
        while lo > 0 and self.is_blank(self.entities[lo - 1].end, self.entities[lo].start):
            lo -= 1
        while hi + 1 < len(self.entities) and self.is_blank(self.entities[hi].end, self.entities[hi + 1].start):
            hi += 1
        return bool(self._proposer_before.search(self.gap_before(lo))) and \
            bool(self._proposer_after.match(self.text, self.entities[hi].end))

    def assigned_by_cue(self, ent: Entity) -> bool:
        """Is the entity written right after an assigning cue (มอบหมาย…, สั่งการให้…), i.e. an assignee?"""
        gap = self._strip_address(self.gap_before(self.index(ent)))
        m = self._assigning_end.search(gap)
        return m is not None and self.cues.trigger_kind.get(m.group()) in ("active", "ordered")

    def _strip_address(self, gap: str) -> str:
        gap = gap.rstrip()
        for w in sorted(self.cues.words("honorifics", "address_words"), key=len, reverse=True):
            if gap.endswith(w):
                gap = gap[: -len(w)].rstrip()
                break
        return gap

    def _find_accompanied(self) -> set[str]:
        """Ids of entities that only accompany someone (พร้อมด้วย นาย X ..., a list after it)."""
        marked: set[str] = set()
        in_list = False
        for i, ent in enumerate(self.entities):
            gap = self.gap_before(i)
            if i > 0 and "\n" in self.text[self.entities[i - 1].end:ent.start]:
                in_list = False  # a list of companions ends with its paragraph
            if self._accompany_end.search(self._strip_address(gap)):
                in_list = True
            elif not (in_list and (self.is_list_gap(gap))):
                in_list = False
            if in_list and ent.label in ("PERSON", "POSITION"):
                marked.add(ent.id)
            elif in_list:
                in_list = False
        return marked

    def _find_pronouns(self) -> list[tuple[int, int]]:
        """Pronoun spans outside entities. Bare ท่าน counts only when no name or position follows it."""
        sp = self.cues.raw["speech"]
        address = set(sp["address_pronouns"])
        out = []
        for m in self.cues.pronouns.finditer(self.text):
            if self.inside_entity(m.start(), m.end()):
                continue
            if m.group() in address:
                after = self.text[m.end():m.end() + 12]
                before = self.text[max(0, m.start() - 4):m.start()]
                if any(after.startswith(w) for w in sp["not_pronoun_after"]) or \
                        any(before.endswith(w) for w in sp["not_pronoun_before"]):
                    continue
                if self.next_entity(m.end(), address_ok=True) is not None:
                    continue
                if after.startswith("รอง"):
                    continue
            out.append((m.start(), m.end()))
        return out

    def next_entity(self, pos: int, *, address_ok: bool = True, same_line: bool = False) -> Entity | None:
        """The entity right after ``pos``, when only spaces (and address words) lie between
        (and, with ``same_line``, no line break)."""
        i = bisect.bisect_left(self._starts, pos)
        if i >= len(self.entities):
            return None
        ent = self.entities[i]
        gap = self.text[pos:ent.start]
        if same_line and "\n" in gap:
            return None
        if (address_ok and self._to_party.match(gap)) or not bare(gap):
            return ent
        return None

    def pronoun_at(self, pos: int) -> Party | None:
        """A pronoun right after ``pos`` (มอบหมายให้ดิฉัน ...), resolved (:meth:`referent`)."""
        for ps, pe in self.pronouns:
            if ps >= pos and not bare(self.text[pos:ps]):
                who = self.referent(ps, pe)
                return self.as_party(who, "pronoun", ps, pe) if who is not None else None
            if ps > pos:
                break
        return None

    # --- parties -------------------------------------------------------------------

    def offices_held(self, person: Entity) -> list[Entity]:
        """The POSITION mentions linked to ``person`` (HOLDS_POSITION), in text order."""
        return [ent for ent in self.entities if self.holder.get(ent.id) is person]

    def as_party(self, ent: Entity, via: str = "mention", start: int | None = None, end: int = 0) -> Party:
        """The mention a relation names for ``ent``: a held POSITION becomes its PERSON."""
        start, end = (ent.start, ent.end) if start is None else (start, end)
        if ent.label == "POSITION" and ent.id in self.holder:
            return Party(self.holder[ent.id], "holder" if via == "mention" else via, start, end)
        return Party(ent, via, start, end)

    def is_abbreviation(self, ent: Entity) -> bool:
        """Is the entity a bracketed organisation name right after another party (กรมโรงงานอุตสาหกรรม (กรอ.),
        รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดีอี))?"""
        i = self.index(ent)
        return ent.label == "AGENCY" and i > 0 and self.entities[i - 1].label in PARTY_LABELS and \
            bare(self.text[self.entities[i - 1].end:ent.start]) == "(" and self.text[ent.end:ent.end + 1] == ")"

    def is_candidate(self, ent: Entity) -> bool:
        """Can the entity be the subject of a clause? Not when it accompanies, is an object,
        is a bracketed organisation name after another party, or is an AGENCY written right after a person or office (its affiliation:
        นาย X อธิบดีกรมเจ้าท่า กระทรวงคมนาคม)."""
        if ent.label not in PARTY_LABELS or ent.id in self.accompanied or self.object_marked(ent) or \
                self.proposes(ent):
            return False
        if self.is_abbreviation(ent):
            return False
        i = self.index(ent)
        if ent.label == "AGENCY" and i > 0 and self.entities[i - 1].label in ("PERSON", "POSITION"):
            return not self.is_list_gap(self.text[self.entities[i - 1].end:ent.start])
        if i > 0 and self.is_parent_of(self.entities[i - 1], ent) and \
                not self.text[self.entities[i - 1].end:ent.start].strip(" )"):
            return False  # กรมทางหลวง (ทล.) กระทรวงคมนาคม: the parent ministry, an affiliation
        return True

    def is_parent_of(self, before: Entity, ent: Entity) -> bool:
        """Is the organisation ``ent`` the parent body of the organisation ``before``: a ministry
        after a department or office (``structure.json`` ``parent_heads``)?"""
        if ent.label != "AGENCY" or before.label != "AGENCY":
            return False
        parent = next((h for h in self.cues.words("structure", "parent_heads") if ent.text.startswith(h)), None)
        return parent is not None and not before.text.startswith(parent)

    def speech_cues(self, start: int, end: int) -> list[re.Match[str]]:
        """Speech cues in ``[start, end)`` outside entities; a quote closed before ``end``
        is a quoted title (“…”), not speech (:meth:`_closing_quote`)."""
        out = []
        for m in self.cues.speech.finditer(self.text, start, end):
            if self.inside_entity(m.start(), m.end()):
                # กล่าวภายหลังการประชุมคณะรัฐมนตรีว่า: the verb and its ว่า around an entity
                bare = self._bare_wa.search(self.text, m.start(), m.end())
                if bare is None or self.inside_entity(bare.start(), bare.end()):
                    continue
                m = bare
            if m.group() == "“" and self._closing_quote(m.end(), end) >= 0:
                continue
            out.append(m)
        return out

    def is_address_pronoun(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` bare ท่าน (``speech.json`` ``address_pronouns``), not ผม or ตน?"""
        return self.text[start:end] in self.cues.words("speech", "address_pronouns")

    def referent(self, ps: int, pe: int) -> Entity | None:
        """Who the pronoun at ``[ps, pe)`` stands for. A first-person one (ผม, ตน) is the speaker of
        the reported speech around it; bare ท่าน, the honorific third person, is not the speaker (who
        says ผม) but the nearest other person or office named before it in its paragraph
        (นายสุชาติ กล่าวว่า ท่าน พล.อ.ประวิตร … ในวันนี้ท่านจึงมอบหมายให้ผม → พล.อ.ประวิตร)."""
        speaker = self.speaker(ps)
        if not self.is_address_pronoun(ps, pe):
            return speaker or self._reporter(ps)
        for ent in reversed(self.entities_in(self.paragraph(ps)[0], ps)):
            if ent.label in ("PERSON", "POSITION") and self.is_candidate(ent):
                who = self.holder.get(ent.id, ent)
                if speaker is None or who.id != speaker.id:
                    return who
        return None

    def speaker(self, pos: int) -> Entity | None:
        """The speaker of reported speech around ``pos``: the speaker of its paragraph
        (:meth:`_paragraph_speaker`), else of a quote opened after ว่า in an earlier paragraph and
        still open at ``pos`` (นาย X กล่าวว่า “… / … / … ผมได้มอบให้…: นาย X)."""
        return self._paragraph_speaker(pos) or self._quote_speaker(pos)

    def _reporter(self, pos: int) -> Entity | None:
        """Who says ผม or ตน at ``pos`` where no ว่า or quote marks reported speech: the person named
        before the first speech verb (เปิดเผย, ระบุ) of its paragraph, or else of the one before
        (นายอนุชาฯ ระบุ พลเอก ประยุทธ์ … ได้มอบหมายให้ตน…; นาย X เปิดเผยถึงกรณี… ⏎ ทั้งนี้ ตนได้สั่งการ…)."""
        p_start = self.paragraph(pos)[0]
        verbs = self.speech_verbs(self.paragraph(p_start - 1)[0] if p_start else 0, pos)
        if not verbs:
            return None
        # the paragraph's first speech verb is its own (นาย X กล่าวว่า นาย Y … ย้ำว่า…: X speaks on)
        p_start = self.paragraph(verbs[-1].start())[0]
        first = next(m for m in verbs if m.start() >= p_start)
        return self.speaker_before(p_start, first.start(), named=True)

    def speech_verbs(self, start: int, end: int) -> list[re.Match[str]]:
        """Speech verbs (กล่าว, เปิดเผย, ระบุ) in ``[start, end)``, outside entities, with or without
        ว่า after them; not inside ดังกล่าว or เผยแพร่ (``speech.json`` ``not_speech_verbs``)."""
        false = [m.span() for m in self._not_speech_verb.finditer(self.text, start, end)]
        return [m for m in self._speech_verb.finditer(self.text, start, end) if not self.inside_entity(m.start(), m.end())
                and not any(s <= m.end() - 1 < e for s, e in false)]

    def _paragraph_speaker(self, pos: int) -> Entity | None:
        """The speaker of reported speech in the paragraph of ``pos``: the nearest PERSON, or office, before
        the last speech cue (ว่า, “) of the paragraph that is not an object or a companion
        (an office held by a named person gives the person; an unnamed office joined by และ to
        the one before gives the first: นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงกลาโหม กล่าวว่า);
        for a quote that opens the paragraph, the first PERSON after it closes, or an office
        there right before a speech verb (”… รมว.แรงงาน กล่าว). None when
        ``pos`` is not in reported speech."""
        p_start, p_end = self.paragraph(pos)
        cues = self.speech_cues(p_start, pos)
        if not cues:
            return None
        cue = cues[-1]
        who = self.speaker_before(p_start, cue.start())
        if who is not None:
            return who
        quotes = self.cues.value("speech", "quote_pairs")
        if cue.group() in quotes:
            # straight quotes do not nest: the paragraph's last one closes the speech, not the
            # one opening a quoted word inside it ("… แบบ "ยาฝรั่ง" … ในพระบาทสมเด็จ…")
            closing = quotes[cue.group()]
            close = self._closing_quote(cue.end(), p_end) if closing == "”" else self.text.rfind(closing, pos, p_end)
            if close >= 0:
                for ent in self.entities_in(close, p_end):
                    if ent.label == "PERSON":
                        return ent
                    if ent.label == "POSITION" and self._speech_verb.match(self.text, ent.end):
                        return self.holder.get(ent.id, ent)  # ”… รมว.แรงงาน กล่าว
            elif cue.group() == "“":
                return self._named_after_close(self._closing_quote(cue.end()))
        return None

    def speaker_before(self, start: int, end: int, *, named: bool = False) -> Entity | None:
        """Who speaks by a speech cue at ``end``: the nearest PERSON, or office, in ``[start, end)``
        that is not an object or a companion (see :meth:`_paragraph_speaker`); with ``named``,
        the nearest PERSON or office held by one."""
        before = self.entities_in(start, end)
        for k in range(len(before) - 1, -1, -1):
            ent = before[k]
            if self.assigned_by_cue(ent):
                continue  # … และมอบหมายรัฐมนตรีว่าการ… ดำเนินการ ย้ำว่า: the assignee, not the speaker
            if ent.label == "PERSON" and k >= 2 and bare(self.text[before[k - 1].end:ent.start]) == "(" \
                    and (before[k - 2].label, before[k - 1].label) == ("PERSON", "POSITION"):
                continue  # นาย A เลขานุการรัฐมนตรีว่าการ… (นาย B) เปิดเผยว่า: B names the minister; A speaks
            if ent.label == "PERSON" and ent.id not in self.accompanied and not self.object_marked(ent):
                return ent
            if ent.label == "POSITION" and ent.id in self.holder:
                if self.office_of_an_object(self.holder[ent.id], ent.start):
                    continue  # ได้รับเรื่องร้องเรียนจาก นาย X สส.ชุมพร ว่า…: the complainant, not the speaker
                return self.holder[ent.id]
            if ent.label == "POSITION" and self.is_candidate(ent) and not named:
                joined = self.cues.only([("structure", "conjoined")])
                while k > 0 and before[k - 1].label == "POSITION" and \
                        joined.match(self.text[before[k - 1].end:before[k].start]):
                    k -= 1
                return before[k]
        return None

    def _closing_quote(self, start: int, end: int | None = None) -> int:
        """Where the “ opened right before ``start`` closes before ``end`` (default: the text's
        end); -1 if it does not. Inner “…” pairs are counted: in “ผม… เว็บไซต์ “ไทยมีงานทำ”
        โดยผมได้มอบหมาย… the speech is still open after the title."""
        depth = 1
        for q in self._curly_quote.finditer(self.text, start, len(self.text) if end is None else end):
            depth += 1 if q.group() == "“" else -1
            if depth == 0:
                return q.start()
        return -1

    def _named_after_close(self, close: int) -> Entity | None:
        """The speaker named right after a quote that closes in a later paragraph: a person or
        an office written right after the ” and followed on its line by a speech verb
        (“… / … / …เป็นประธาน” รมว.ศธ. กล่าว)."""
        if close < 0:
            return None
        ent = self.next_entity(close + 1, address_ok=False, same_line=True)
        if ent is None or ent.label not in ("PERSON", "POSITION"):
            return None
        line_end = self.text.find("\n", ent.end)
        rest = self.text[ent.end:line_end if line_end >= 0 else len(self.text)]
        if not self._speech_verb.search(rest):
            return None
        return self.holder.get(ent.id, ent) if ent.label == "POSITION" else ent

    def _quote_speaker(self, pos: int) -> Entity | None:
        """The speaker of the outermost “ still open at ``pos`` (inner “…” pairs counted), when it
        opens after ว่า in an earlier paragraph; a “ misused as a closing mark (“เชียงใหม่-โอซาก้า“)
        has no ว่า before it."""
        opening, depth = -1, 0
        for m in self._curly_quote.finditer(self.text, 0, pos):
            if m.group() == "“":
                opening, depth = (m.start() if depth == 0 else opening), depth + 1
            elif depth:
                depth -= 1
        if not depth or opening >= self.paragraph(pos)[0] or not self._wa_end.search(self.text, 0, opening):
            return None
        return self._paragraph_speaker(opening + 1)

    def parties_between(self, start: int, end: int) -> list[Party]:
        """Candidate parties (entities and resolvable pronouns) in ``[start, end)``, in text order."""
        found: list[Party] = []
        for ent in self.entities_in(start, end):
            if self.is_candidate(ent):
                found.append(self.as_party(ent))
        for ps, pe in self.pronouns:
            if start <= ps and pe <= end:
                who = self.referent(ps, pe)
                if who is not None:
                    found.append(self.as_party(who, "pronoun", ps, pe))
        return sorted(found, key=lambda p: p.start)
