"""The rule layer: HOLDS_POSITION and DELEGATES_TO from ``(text, entities)``, officials
and who-to-whom delegations. Pure functions; runs on gold entities or model
predictions alike. Patterns and cue lexicons: docs/relations.md, data/cues/*.json.

>>> rels = extract_relations(text, entities)            # doctest: +SKIP
>>> officials(text, entities, rels)                      # doctest: +SKIP
>>> delegations(text, entities, rels)                    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..errors import DataError
from ..schema import Entity, Relation
from .context import Context
from .cues import Cues, load_cues
from .delegates import find_delegations
from .holds import find_holds
from .officials import Delegation, Official, agency_of, cluster, person_name, position_key
from .score import delegation_pattern, trigger_pattern, who_to_whom

__all__ = ["extract_relations", "officials", "delegations", "who_to_whom", "delegation_pattern",
           "trigger_pattern", "Official", "Delegation", "person_name", "position_key", "agency_of",
           "load_cues", "Cues"]


def _checked(text: str, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entities, after checking the input shape (nothing is fixed or dropped)."""
    if not isinstance(text, str):
        raise DataError("E102", f"text must be a str, got {type(text).__name__}")
    if isinstance(entities, (str, bytes)) or not isinstance(entities, Sequence):
        raise DataError("E102", f"entities must be a sequence of Entity, got {type(entities).__name__}; "
                        "pass a list, not a bare string")
    seen: set[str] = set()
    out = []
    for i, e in enumerate(entities):
        if isinstance(e, dict):
            e = Entity.from_dict(e)
        if not isinstance(e, Entity):
            raise DataError("E102", f"entity #{i} is a {type(e).__name__}, expected Entity")
        if not e.id:
            raise DataError("E102", f"entity #{i} [{e.start}, {e.end}) has no id; number entities with "
                            "Document.with_ids() or schema.entities_from_spans()")
        if e.id in seen:
            raise DataError("E108", f"entity id {e.id!r} is used twice; give every entity its own id")
        if text[e.start:e.end] != e.text:
            raise DataError("E104", f"entity {e.id}: text {e.text!r} != text[{e.start}:{e.end}] "
                            f"{text[e.start:e.end]!r}; entities must index this exact text")
        seen.add(e.id)
        out.append(e)
    return tuple(out)


def extract_relations(text: str, entities: Sequence[Entity], *, sentence_engine: str = "spaces") -> list[Relation]:
    """HOLDS_POSITION and DELEGATES_TO relations over ``entities`` of ``text``, numbered R1..
    in text order. Each carries its rule name, evidence sentence span and score; a
    delegation also its trigger as written and its task with ``task_span``."""
    ents = _checked(text, entities)
    ctx = Context.build(text, ents, load_cues(), sentence_engine)
    holds = find_holds(ctx)
    by_id = {e.id: e for e in ents}
    ctx.holder = {r.tail: by_id[r.head] for r in holds}
    delegs = find_delegations(ctx)
    anchor = {id(r): by_id[r.tail].start for r in holds}
    anchor.update({id(r): text.find(r.trigger, r.evidence[0]) if r.evidence else 0 for r in delegs})
    ordered = sorted(holds + delegs, key=lambda r: anchor[id(r)])
    return [replace(r, id=f"R{i}") for i, r in enumerate(ordered, 1)]


def officials(text: str, entities: Sequence[Entity], relations: Sequence[Relation]) -> list[Official]:
    """The officials of one document (people, unnamed offices, and organisations that
    assign or are assigned), in order of first mention."""
    ents = _checked(text, entities)
    found, _ = cluster(text, ents, relations)
    in_delegation = {x for r in relations if r.type == "DELEGATES_TO" for x in (r.head, r.tail)}
    return [o for o in found if o.kind != "AGENCY" or in_delegation & set(o.mentions)]


def delegations(text: str, entities: Sequence[Entity], relations: Sequence[Relation]) -> list[Delegation]:
    """Who delegated to whom, once per pair of officials (self-delegations left out),
    in text order; trigger and task come from the first relation that states a task."""
    ents = _checked(text, entities)
    _, of = cluster(text, ents, relations)
    grouped: dict[tuple[str, str], list[Relation]] = {}
    for r in relations:
        if r.type != "DELEGATES_TO" or r.head not in of or r.tail not in of:
            continue
        key = (of[r.head].name, of[r.tail].name)
        if key[0] != key[1]:
            grouped.setdefault(key, []).append(r)
    out = []
    for (head, tail), rels in grouped.items():
        best = next((r for r in rels if r.task), rels[0])
        out.append(Delegation(head, tail, best.trigger, best.task, tuple(r.id for r in rels)))
    return out
