"""Who-to-whom: the document-level view of relations that SCHEMA.md's Evaluation scores.

Each argument resolves to its official (``officials.cluster``): the name without
honorifics for a person, the office (abbreviations expanded) when no person is
linked through HOLDS_POSITION, the agency's name for an organisation. A
HOLDS_POSITION triple is ``(type, person name, office)``. The same function
serves gold and predicted documents, each resolved with its own HOLDS_POSITION.
"""

from __future__ import annotations

from ..errors import DataError
from ..schema import Document
from .cues import load_cues
from .officials import Official, cluster, office_texts, position_key

Triple = tuple[str, str, str]


def _official(doc: Document, officials: dict[str, Official], rel_id: str, entity_id: str) -> Official:
    if entity_id not in officials:
        known = {e.id for e in doc.entities}
        what = "names no entity" if entity_id not in known else "is not a PERSON, POSITION or AGENCY"
        raise DataError("E110", f"document {doc.id!r}, relation {rel_id or '?'}: argument {entity_id!r} {what}; "
                        "fix the relation or run the validator")
    return officials[entity_id]


def who_to_whom(doc: Document) -> set[Triple]:
    """The set of ``(type, head, tail)`` triples of a document, arguments resolved to officials."""
    _, officials = cluster(doc.text, doc.entities, doc.relations)
    office = office_texts(doc.entities)
    out: set[Triple] = set()
    for r in doc.relations:
        head = _official(doc, officials, r.id, r.head)
        if r.type == "HOLDS_POSITION":
            tail_text = office.get(r.tail, next((e.text for e in doc.entities if e.id == r.tail), None))
            if tail_text is None:
                _official(doc, officials, r.id, r.tail)
            out.add((r.type, head.name, position_key(tail_text)))
        else:
            out.add((r.type, head.name, _official(doc, officials, r.id, r.tail).name))
    return out


def trigger_pattern(trigger: str | None) -> str:
    """The delegation pattern a trigger belongs to: active, ordered, passive, on_behalf or other."""
    if not trigger:
        return "other"
    cues = load_cues()
    kind = cues.trigger_kind.get(trigger)
    if kind is None:
        m = cues.triggers.search(trigger)
        kind = cues.trigger_kind[m.group()] if m else "other"
    return kind if kind in ("active", "ordered", "passive", "on_behalf") else "other"


def delegation_pattern(doc: Document, triple: Triple) -> str:
    """Which pattern produced a who-to-whom DELEGATES_TO triple of ``doc``: the rule's pattern
    for a predicted relation, the trigger's pattern for a gold one; ``other`` if unknown."""
    _, officials = cluster(doc.text, doc.entities, doc.relations)
    for r in doc.relations:
        if r.type != triple[0] or r.head not in officials or r.tail not in officials:
            continue
        if (officials[r.head].name, officials[r.tail].name) == triple[1:]:
            if r.rule:
                return r.rule.split(".")[0]
            return trigger_pattern(r.trigger)
    return "other"
