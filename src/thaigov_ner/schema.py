"""The data contract of ``SCHEMA.md``: labels, relation types and the typed
document model (Document, Entity, Relation) with a JSON round trip.

Offsets are Python string indices (code points), half-open ``[start, end)``,
into the text exactly as the caller gave it. This module imports nothing
heavy (no torch, spaCy or HTTP).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

LABELS: tuple[str, ...] = ("PERSON", "POSITION", "AGENCY", "VENUE", "LOCATION", "AMOUNT", "DATE")
RELATION_TYPES: tuple[str, ...] = ("HOLDS_POSITION", "DELEGATES_TO")

# Which entity labels each relation type accepts as head and tail.
RELATION_ARGS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "HOLDS_POSITION": (frozenset({"PERSON"}), frozenset({"POSITION"})),
    "DELEGATES_TO": (
        frozenset({"PERSON", "POSITION", "AGENCY"}),
        frozenset({"PERSON", "POSITION", "AGENCY"}),
    ),
}

ENTITY_FIELDS = frozenset({"id", "start", "end", "label", "text", "score", "normalized"})
# ``rule``, ``evidence`` (sentence span) and ``task_span`` are rule-layer
# extensions of SCHEMA.md's relation shape; all are optional.
RELATION_FIELDS = frozenset(
    {"id", "type", "head", "tail", "trigger", "task", "score", "rule", "evidence", "task_span"}
)
DOCUMENT_FIELDS = frozenset({"id", "text", "entities", "relations", "meta", "officials", "delegations"})


@dataclass(frozen=True)
class Entity:
    """A labelled span of the document text."""

    start: int
    end: int
    label: str
    text: str
    id: str = ""
    score: float | None = None
    normalized: Any = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "start": self.start, "end": self.end,
                               "label": self.label, "text": self.text}
        if self.score is not None:
            out["score"] = round(float(self.score), 4)
        if self.normalized is not None:
            out["normalized"] = self.normalized
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Entity":
        return cls(start=d["start"], end=d["end"], label=d["label"], text=d["text"],
                   id=d.get("id", ""), score=d.get("score"), normalized=d.get("normalized"))


@dataclass(frozen=True)
class Relation:
    """A directed relation between two entities of one document (by entity id)."""

    type: str
    head: str
    tail: str
    id: str = ""
    trigger: str | None = None
    task: str | None = None
    score: float | None = None
    rule: str | None = None
    evidence: tuple[int, int] | None = None
    task_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "head": self.head, "tail": self.tail}
        for key in ("trigger", "task", "rule"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.score is not None:
            out["score"] = round(float(self.score), 4)
        for key in ("evidence", "task_span"):
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Relation":
        def pair(v: Any) -> tuple[int, int] | None:
            return None if v is None else (int(v[0]), int(v[1]))

        return cls(type=d["type"], head=d["head"], tail=d["tail"], id=d.get("id", ""),
                   trigger=d.get("trigger"), task=d.get("task"), score=d.get("score"),
                   rule=d.get("rule"), evidence=pair(d.get("evidence")),
                   task_span=pair(d.get("task_span")))


@dataclass(frozen=True)
class Document:
    """A text with its entities and relations.

    ``officials`` and ``delegations`` are the per-document views the annotator
    derives from the relations (plain JSON objects, see ``thaigov_ner.relations``);
    ``None`` means they were not computed (as in corpus files).
    """

    id: str
    text: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    officials: tuple[Mapping[str, Any], ...] | None = None
    delegations: tuple[Mapping[str, Any], ...] | None = None

    def entity(self, entity_id: str) -> Entity:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)

    def with_ids(self) -> "Document":
        """Entities numbered T1.. in offset order and relations R1.., remapping heads and tails."""
        ents = sorted(self.entities, key=lambda e: (e.start, e.end))
        old_to_new = {e.id: f"T{i}" for i, e in enumerate(ents, 1) if e.id}
        new_ents = tuple(replace(e, id=f"T{i}") for i, e in enumerate(ents, 1))
        new_rels = tuple(
            replace(r, id=f"R{i}", head=old_to_new.get(r.head, r.head), tail=old_to_new.get(r.tail, r.tail))
            for i, r in enumerate(self.relations, 1)
        )
        return replace(self, entities=new_ents, relations=new_rels)

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "text": self.text,
               "entities": [e.to_dict() for e in self.entities],
               "relations": [r.to_dict() for r in self.relations],
               "meta": dict(self.meta)}
        for view in ("officials", "delegations"):
            if getattr(self, view) is not None:
                out[view] = [dict(x) for x in getattr(self, view)]
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Document":
        """Build from a dict. Call :func:`document_problems` first for untrusted input."""
        return cls(id=str(d["id"]), text=d["text"],
                   entities=tuple(Entity.from_dict(e) for e in d.get("entities", ())),
                   relations=tuple(Relation.from_dict(r) for r in d.get("relations", ())),
                   meta=dict(d.get("meta") or {}),
                   officials=None if d.get("officials") is None else tuple(d["officials"]),
                   delegations=None if d.get("delegations") is None else tuple(d["delegations"]))


def entities_from_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[Entity, ...]:
    """Entities for ``(start, end, label)`` triples over ``text``, numbered T1.. in offset order."""
    ordered = sorted(spans)
    return tuple(Entity(s, e, label, text[s:e], id=f"T{i}") for i, (s, e, label) in enumerate(ordered, 1))


def document_problems(d: Any) -> list[tuple[str, str]]:
    """Every problem of one decoded JSON document, as ``(code, message)`` pairs.

    Checks the fields and types, span bounds, entity text, whitespace at span
    edges, labels, overlaps, id uniqueness, relation types and arguments.
    Nothing is fixed; an empty list means the document is valid.
    """
    problems: list[tuple[str, str]] = []

    def add(code: str, msg: str) -> None:
        problems.append((code, msg))

    if not isinstance(d, dict):
        return [("E102", f"a document must be a JSON object, got {type(d).__name__}")]
    for key in d:
        if key not in DOCUMENT_FIELDS:
            add("E115", f"unknown document field {key!r}")
    if not isinstance(d.get("id"), str) or not d.get("id"):
        add("E102", "field 'id' must be a non-empty string")
    text = d.get("text")
    if not isinstance(text, str):
        add("E102", "field 'text' must be a string")
        return problems
    if not text.strip():
        add("E113", "field 'text' is empty")
    if "\ufeff" in text[:1]:
        add("E101", "text starts with a byte-order mark")
    ents = d.get("entities", [])
    rels = d.get("relations", [])
    if not isinstance(ents, list):
        add("E102", "field 'entities' must be a list")
        ents = []
    if not isinstance(rels, list):
        add("E102", "field 'relations' must be a list")
        rels = []
    if "meta" in d and not isinstance(d["meta"], dict):
        add("E102", "field 'meta' must be an object")

    labels_by_id: dict[str, str] = {}
    spans: list[tuple[int, int, str]] = []
    for i, e in enumerate(ents):
        where = f"entity {e.get('id', '#' + str(i)) if isinstance(e, dict) else '#' + str(i)}"
        if not isinstance(e, dict):
            add("E102", f"{where}: must be an object")
            continue
        for key in e:
            if key not in ENTITY_FIELDS:
                add("E115", f"{where}: unknown field {key!r}")
        start, end, label, etext = e.get("start"), e.get("end"), e.get("label"), e.get("text")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            add("E102", f"{where}: 'start' and 'end' must be integers")
            continue
        if not isinstance(etext, str):
            add("E102", f"{where}: 'text' must be a string")
            continue
        if not (0 <= start < end <= len(text)):
            add("E103", f"{where}: span [{start}, {end}) is empty or outside the text (length {len(text)})")
            continue
        if text[start:end] != etext:
            add("E104", f"{where}: text {etext!r} != text[{start}:{end}] {text[start:end]!r}")
        elif etext != etext.strip():
            add("E105", f"{where}: span {etext!r} has whitespace at its edge")
        if label not in LABELS:
            add("E106", f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
        score = e.get("score")
        if score is not None and not (isinstance(score, (int, float)) and 0 <= score <= 1):
            add("E114", f"{where}: score {score!r} is not in 0..1")
        eid = e.get("id")
        if isinstance(eid, str) and eid:
            if eid in labels_by_id:
                add("E108", f"{where}: duplicate entity id")
            labels_by_id[eid] = label
        spans.append((start, end, str(e.get("id", "#" + str(i)))))

    spans.sort()
    for (s1, e1, id1), (s2, e2, id2) in zip(spans, spans[1:]):
        if s2 < e1:
            add("E107", f"entity {id2} [{s2}, {e2}) overlaps entity {id1} [{s1}, {e1})")

    rel_ids: set[str] = set()
    for i, r in enumerate(rels):
        where = f"relation {r.get('id', '#' + str(i)) if isinstance(r, dict) else '#' + str(i)}"
        if not isinstance(r, dict):
            add("E102", f"{where}: must be an object")
            continue
        for key in r:
            if key not in RELATION_FIELDS:
                add("E115", f"{where}: unknown field {key!r}")
        rid = r.get("id")
        if isinstance(rid, str) and rid:
            if rid in rel_ids:
                add("E108", f"{where}: duplicate relation id")
            rel_ids.add(rid)
        rtype = r.get("type")
        if rtype not in RELATION_TYPES:
            add("E109", f"{where}: unknown relation type {rtype!r} (expected one of {', '.join(RELATION_TYPES)})")
            continue
        heads, tails = RELATION_ARGS[rtype]
        for role, allowed in (("head", heads), ("tail", tails)):
            arg = r.get(role)
            if arg not in labels_by_id:
                add("E110", f"{where}: {role} {arg!r} names no entity of this document")
            elif labels_by_id[arg] not in allowed:
                add("E111", f"{where}: {role} {arg} is {labels_by_id[arg]}, {rtype} needs {'/'.join(sorted(allowed))}")
        for key in ("evidence", "task_span"):
            span = r.get(key)
            if span is not None and not (
                isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                and 0 <= span[0] <= span[1] <= len(text)
            ):
                add("E103", f"{where}: {key} {span!r} is not a [start, end] span inside the text")
        if isinstance(r.get("task"), str) and isinstance(r.get("task_span"), list) and len(r["task_span"]) == 2:
            s, e = r["task_span"]
            if isinstance(s, int) and isinstance(e, int) and text[s:e] != r["task"]:
                add("E104", f"{where}: task {r['task']!r} != text[{s}:{e}]")
    return problems
