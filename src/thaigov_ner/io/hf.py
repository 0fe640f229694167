"""Hugging Face ``datasets.Dataset``, in memory and as a ``save_to_disk`` folder.

Columns: ``id``, ``text``, ``entities`` (list of ``{id, start, end, label,
text, score, normalized}``), ``relations`` (list of ``{id, type, head, tail,
trigger, task, rule, score, evidence, task_span}``) and ``meta``. Arrow needs
one type per column, so the free-form ``meta`` and each entity's
``normalized`` value are stored as JSON strings; missing optional fields are
null. :func:`from_hf_dataset` gives the same Documents back, in row order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DataError
from ..schema import Document, Entity, Relation
from .report import check_document


def _features() -> Any:
    from datasets import Features, Value  # heavy: imported on first use

    entity = {"id": Value("string"), "start": Value("int64"), "end": Value("int64"), "label": Value("string"),
              "text": Value("string"), "score": Value("float64"), "normalized": Value("string")}
    relation = {"id": Value("string"), "type": Value("string"), "head": Value("string"), "tail": Value("string"),
                "trigger": Value("string"), "task": Value("string"), "rule": Value("string"),
                "score": Value("float64"), "evidence": [Value("int64")], "task_span": [Value("int64")]}
    return Features({"id": Value("string"), "text": Value("string"), "entities": [entity],
                     "relations": [relation], "meta": Value("string")})


def _row(doc: Document) -> dict[str, Any]:
    entities = [{"id": e.id, "start": e.start, "end": e.end, "label": e.label, "text": e.text, "score": e.score,
                 "normalized": None if e.normalized is None else json.dumps(e.normalized, ensure_ascii=False)}
                for e in doc.entities]
    relations = [{"id": r.id, "type": r.type, "head": r.head, "tail": r.tail, "trigger": r.trigger, "task": r.task,
                  "rule": r.rule, "score": r.score,
                  "evidence": None if r.evidence is None else list(r.evidence),
                  "task_span": None if r.task_span is None else list(r.task_span)}
                 for r in doc.relations]
    return {"id": doc.id, "text": doc.text, "entities": entities, "relations": relations,
            "meta": json.dumps(dict(doc.meta), ensure_ascii=False)}


def to_hf_dataset(docs: Iterable[Document]) -> Any:
    """A ``datasets.Dataset`` with one row per document, in input order."""
    from datasets import Dataset

    if isinstance(docs, (str, Document)):
        raise DataError("E102", f"to_hf_dataset takes a list of Documents, not a single {type(docs).__name__}")
    rows = []
    for doc in docs:
        if not isinstance(doc, Document):
            raise DataError("E102", f"to_hf_dataset takes Documents, got {type(doc).__name__}")
        rows.append(_row(doc))
    columns = {name: [row[name] for row in rows] for name in ("id", "text", "entities", "relations", "meta")}
    return Dataset.from_dict(columns, features=_features())


def from_hf_dataset(ds: Any) -> Iterator[Document]:
    """Documents of a dataset with the columns of :func:`to_hf_dataset`, in row order."""
    missing = {"id", "text", "entities"} - set(ds.column_names)
    if missing:
        raise DataError("E102", f"dataset lacks columns {sorted(missing)}; it needs id, text, entities "
                                "(and optionally relations, meta)")
    for i, row in enumerate(ds):
        entities = tuple(
            Entity(e["start"], e["end"], e["label"], e["text"], id=e.get("id") or "", score=e.get("score"),
                   normalized=None if e.get("normalized") is None else json.loads(e["normalized"]))
            for e in row["entities"]
        )
        relations = tuple(Relation.from_dict({k: v for k, v in r.items() if v is not None})
                          for r in row.get("relations") or ())
        meta = row.get("meta")
        meta = json.loads(meta) if isinstance(meta, str) and meta else (meta or {})
        doc = Document(id=str(row["id"] or f"row-{i}"), text=row["text"], entities=entities,
                       relations=relations, meta=meta)
        yield check_document(doc, f"dataset row {i}")


def write_hf(docs: Iterable[Document], path: str | Path) -> int:
    """Save documents as a dataset folder (``Dataset.save_to_disk``); returns how many."""
    from datasets.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    ds = to_hf_dataset(docs)
    was_disabled = are_progress_bars_disabled()
    disable_progress_bars()  # library code does not print; the progress bar would
    try:
        ds.save_to_disk(str(path))
    finally:
        if not was_disabled:
            enable_progress_bars()
    return len(ds)


def read_hf(path: str | Path) -> Iterator[Document]:
    """Documents of a folder written by ``Dataset.save_to_disk``."""
    from datasets import Dataset

    path = Path(path)
    if not path.is_dir():
        raise DataError("E102", f"{path}: the hf format is a folder written by Dataset.save_to_disk, not a file")
    try:
        ds = Dataset.load_from_disk(str(path))
    except FileNotFoundError as exc:
        raise DataError("E102", f"{path}: not a saved dataset ({exc}); save it with Dataset.save_to_disk") from None
    yield from from_hf_dataset(ds)
