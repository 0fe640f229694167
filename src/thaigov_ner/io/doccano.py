"""doccano JSONL, both export forms, read and written.

- ``label`` form (sequence labelling): ``{"id": .., "text": .., "label": [[start, end, "LABEL"], ...]}``
- ``entities`` form (relation extraction projects): ``{"id": .., "text": .., "entities":
  [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 5}], "relations":
  [{"id": 1, "from_id": 1, "to_id": 2, "type": "HOLDS_POSITION"}]}``

Decisions:

- Offsets are code-point offsets into ``text``, as doccano writes them.
- Labels must be project labels; anything else is a one-line error with ``file:line``.
- Span edges with whitespace (common after hand annotation) are trimmed and
  every trim noted in the report and the log; an all-whitespace span is left
  out and noted. Overlaps and other schema problems are errors.
- The document id is the record's ``id`` (as a string), else ``{file stem}-{line}``;
  a ``meta`` object is kept. Relations are kept in the ``entities`` form
  only: writing relations in the ``label`` form is refused with a hint.
  Relation fields doccano lacks (trigger, task, ...) ride along as extra keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DataError
from ..schema import RELATION_FIELDS, Document, document_problems
from .labelmaps import load_labelmap
from .report import ConversionReport, trim_span

STYLES = ("label", "entities")
# Relation fields doccano has no column for (trigger, task, ...): written as extra keys of the
# relation object, which doccano ignores on import and this reader reads back.
RELATION_EXTRAS = tuple(sorted(RELATION_FIELDS - {"id", "type", "head", "tail"}))


def read_doccano(path: str | Path, *, report: ConversionReport | None = None) -> Iterator[Document]:
    """Documents of a doccano JSONL export, either form (decided per record)."""
    path = Path(path)
    report = report if report is not None else ConversionReport()
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError("E100", f"{where}: invalid JSON: {exc.msg} at column {exc.colno}") from None
            yield doccano_record_to_document(record, where, default_id=f"{path.stem}-{lineno}", report=report)


def doccano_record_to_document(record: Any, where: str, *, default_id: str,
                               report: ConversionReport | None = None) -> Document:
    """One doccano record (either form) as a Document; problems raise naming ``where``."""
    report = report if report is not None else ConversionReport()
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise DataError("E102", f"{where}: a doccano record is an object with a 'text' string")
    text = record["text"]
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else default_id
    where = f"{where} [{doc_id}]"
    raw: list[tuple[int, int, str]] = []
    keys: list[Any] = []  # doccano entity id of each raw span (entities form)
    if "entities" in record:
        for k, ent in enumerate(_list(record, "entities", where)):
            try:
                raw.append((ent["start_offset"], ent["end_offset"], ent["label"]))
                keys.append(ent.get("id", k))
            except (KeyError, TypeError):
                raise DataError("E102", f"{where}: entity {k} needs start_offset, end_offset and label") from None
    else:
        for k, item in enumerate(_list(record, "label", where)):
            if not (isinstance(item, list) and len(item) == 3):
                raise DataError("E102", f"{where}: label {k} must be [start, end, LABEL], got {item!r}")
            raw.append(tuple(item))  # type: ignore[arg-type]
            keys.append(k)
    for k, (start, end, _) in enumerate(raw):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise DataError("E103", f"{where}: span {k} [{start}, {end}) is empty or outside the text (length {len(text)})")
    by_start = sorted(raw)
    for (s1, e1, l1), (s2, e2, l2) in zip(by_start, by_start[1:]):
        if s2 < e1:
            raise DataError("E107", f"{where}: span [{s2}, {e2}) {l2} overlaps [{s1}, {e1}) {l1}; "
                                    "project spans are flat, keep one of them")
    # convert() trims and sorts; each kept span finds its doccano key through its trimmed offsets
    kept = load_labelmap("project").convert(text, raw, where=where, report=report)
    trimmed_keys = {trim_span(text, s, e) + (label,): key for (s, e, label), key in zip(raw, keys)}
    entities, key_to_tid = [], {}
    for i, (s, e, label) in enumerate(kept, 1):
        tid = f"T{i}"
        entities.append({"id": tid, "start": s, "end": e, "label": label, "text": text[s:e]})
        key_to_tid[trimmed_keys[(s, e, label)]] = tid
    relations = []
    for k, rel in enumerate(record.get("relations") or []):
        try:
            head, tail = key_to_tid[rel["from_id"]], key_to_tid[rel["to_id"]]
        except KeyError:
            raise DataError("E110", f"{where}: relation {k} needs from_id and to_id naming entities of this record") from None
        extras = {key: rel[key] for key in RELATION_EXTRAS if rel.get(key) is not None}
        relations.append({"id": f"R{k + 1}", "type": rel.get("type"), "head": head, "tail": tail, **extras})
    data = {"id": doc_id, "text": text, "entities": entities, "relations": relations,
            "meta": record.get("meta") if isinstance(record.get("meta"), dict) else {}}
    problems = document_problems(data)
    if problems:
        code, msg = problems[0]
        raise DataError(code, f"{where}: {msg}")
    return Document.from_dict(data)


def _list(record: dict, key: str, where: str) -> list:
    value = record.get(key) or []
    if not isinstance(value, list):
        raise DataError("E102", f"{where}: {key!r} must be a list")
    return value


def document_to_doccano(doc: Document, style: str = "entities") -> dict[str, Any]:
    """The doccano record of a document in the given form (``"label"`` or ``"entities"``)."""
    if style not in STYLES:
        raise DataError("E102", f"unknown doccano style {style!r}; choose one of {', '.join(STYLES)}")
    out: dict[str, Any] = {"id": doc.id, "text": doc.text}
    if style == "label":
        if doc.relations:
            raise DataError("E102", f"document {doc.id}: has relations, which the doccano 'label' form cannot "
                                    "hold; write style='entities'")
        out["label"] = [[e.start, e.end, e.label] for e in doc.entities]
    else:
        number = {e.id: i for i, e in enumerate(doc.entities, 1)}
        out["entities"] = [{"id": number[e.id], "label": e.label, "start_offset": e.start, "end_offset": e.end}
                           for e in doc.entities]
        out["relations"] = []
        for i, rel in enumerate(doc.relations, 1):
            extras = {k: v for k, v in rel.to_dict().items() if k in RELATION_EXTRAS}
            out["relations"].append({"id": i, "from_id": number[rel.head], "to_id": number[rel.tail],
                                     "type": rel.type, **extras})
    if doc.meta:
        out["meta"] = dict(doc.meta)
    return out


def write_doccano(docs: Iterable[Document], path: str | Path, *, style: str = "entities") -> int:
    """Write documents as doccano JSONL in the given form; returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            if not isinstance(doc, Document):
                raise DataError("E102", f"write_doccano takes Documents, got {type(doc).__name__}")
            doc = doc if all(e.id for e in doc.entities) else doc.with_ids()
            fh.write(json.dumps(document_to_doccano(doc, style), ensure_ascii=False) + "\n")
            n += 1
    return n

