"""Thai N-NER JSON (scb-nner-th-2022 post-processed samples): reader only.

The file is a JSON list; each item has ``sentence_id``, ``tokens`` (a ``"_"``
token is one space) and nested fine-grained ``entities`` with token spans
``span = [first, end)``. Decisions (also in ``data/labelmaps.json``, table ``nner``):

- text = the tokens joined, each ``"_"`` token read as ``" "``; the character
  offsets of each token are kept, so token spans become character spans exactly.
- Each entity's ``text`` must equal its tokens joined with spaces (the corpus'
  own convention); a mismatch is an error naming the file, item and entity.
- Types go through the ``nner`` table (mapped, or dropped and counted; unknown
  types are errors); nested spans are flattened, longest span wins, and every
  span lost that way is noted as ``nested``.
- A span that starts or ends on a ``"_"`` token is trimmed to its content (noted).
- ``merge=True`` joins a date and a time written together (table rule).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..errors import DataError
from ..schema import Document, entities_from_spans
from .labelmaps import load_labelmap
from .report import ConversionReport

SPACE_TOKEN = "_"


def nner_text(tokens: list[str]) -> tuple[str, list[int]]:
    """The text of ``tokens`` and the character offset where each token starts (plus the end)."""
    starts, pos, pieces = [], 0, []
    for tok in tokens:
        piece = " " if tok == SPACE_TOKEN else tok
        starts.append(pos)
        pieces.append(piece)
        pos += len(piece)
    starts.append(pos)
    return "".join(pieces), starts


def read_nner(path: str | Path, *, labelmap: str = "nner", merge: bool = False,
              report: ConversionReport | None = None, id_prefix: str | None = None) -> Iterator[Document]:
    """Documents of a Thai N-NER JSON list, ids ``{id_prefix}-{sentence_id}``
    (``id_prefix`` defaults to the file name without extension)."""
    path = Path(path)
    table = load_labelmap(labelmap)
    report = report if report is not None else ConversionReport()
    prefix = id_prefix if id_prefix is not None else path.stem
    try:
        with open(path, encoding="utf-8") as fh:
            items = json.load(fh)
    except json.JSONDecodeError as exc:
        raise DataError("E100", f"{path}:{exc.lineno}: invalid JSON: {exc.msg}; Thai N-NER files are one JSON list") from None
    if not isinstance(items, list):
        raise DataError("E102", f"{path}: expected a JSON list of sentences, got {type(items).__name__}")
    for index, item in enumerate(items):
        yield _document(item, f"{path}[{index}]", prefix, index, table, merge, report)


def _document(item: Any, where: str, prefix: str, index: int, table, merge: bool,
              report: ConversionReport) -> Document:
    if not isinstance(item, dict) or not isinstance(item.get("tokens"), list) or not isinstance(item.get("entities"), list):
        raise DataError("E102", f"{where}: each item needs 'tokens' (list of strings) and 'entities' (list)")
    tokens = item["tokens"]
    if not all(isinstance(t, str) and t for t in tokens):
        raise DataError("E102", f"{where}: 'tokens' must be non-empty strings")
    text, starts = nner_text(tokens)
    raw = []
    for k, ent in enumerate(item["entities"]):
        try:
            first, end = ent["span"]
            etype = ent["entity_type"]
        except (KeyError, TypeError, ValueError):
            raise DataError("E102", f"{where} entity {k}: needs 'span' [first, end) and 'entity_type'") from None
        if not (isinstance(first, int) and isinstance(end, int) and 0 <= first < end <= len(tokens)):
            raise DataError("E103", f"{where} entity {k}: token span {ent['span']} is empty or outside "
                                    f"the {len(tokens)} tokens")
        if "text" in ent and ent["text"] != " ".join(tokens[first:end]):
            raise DataError("E104", f"{where} entity {k}: text {ent['text']!r} is not its tokens "
                                    f"{' '.join(tokens[first:end])!r}; fix the span")
        raw.append((starts[first], starts[end], str(etype)))
    spans = table.convert(text, raw, where=where, report=report, merge=merge)
    sid = item.get("sentence_id", index)
    return Document(id=f"{prefix}-{sid}", text=text, entities=entities_from_spans(text, spans),
                    meta={"source_file": Path(where.split("[")[0]).name, "sentence_id": sid})
