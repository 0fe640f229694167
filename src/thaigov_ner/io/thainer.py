"""ThaiNER inline tags: one paragraph a line, ``[LABEL]surface[/LABEL]``, UTF-8 with a BOM.

A document's text is its line with the tags removed; spans index that text.
Decisions (also in ``data/labelmaps.json``):

- Foreign labels go through the ``thainer`` table: mapped, or dropped and
  counted (``[T]``, ``LAW``, ``URL``...); a label in neither is an error.
- Whitespace inside a tag at its edges (``[PERSON]ศุภชัย เจียรวนนท์ [/PERSON]``)
  is moved out of the span; the text is untouched and every trim is noted,
  with its line, in the report and the log.
- Zero-width characters (U+FEFF, U+200B...) at a span edge are trimmed the
  same way. A byte-order mark at the start of a line (1.5.1 train has 45,
  left by files joined together) is left out of the text and noted, because
  SCHEMA forbids a text starting with one; zero-width characters elsewhere
  stay in the text.
- A tag with no content is left out and noted.
- Nested, unclosed, stray closing or mismatched tags (``[TIME]16.00 น.[/DATE]``)
  are malformed: ``on_malformed="raise"`` (default) raises a one-line
  :class:`DataError` with ``file:line``; ``"skip"`` leaves that line out and
  notes it, so a whole corpus can be converted with its few bad lines listed.
- Blank lines hold nothing and give no document; ids keep the line number.
- ``merge=True`` joins a DATE and a TIME written together (table rule).
- ``labelmap="project"`` reads project labels as they are (files from :func:`write_thainer`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DataError
from ..schema import Document, entities_from_spans
from .labelmaps import load_labelmap
from .report import ConversionReport

log = logging.getLogger("thaigov_ner.io")

BOM = "\ufeff"
TAG = re.compile(r"\[(/?)([A-Za-z_]+)\]")


def parse_tagged_line(line: str, where: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``(text without tags, [(start, end, foreign label)])`` for one line; malformed tags raise."""
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    open_tag: tuple[str, int, int] | None = None  # label, start in text, column in line
    pos = 0
    length = 0
    for m in TAG.finditer(line):
        pieces.append(line[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        closing, label = m.group(1) == "/", m.group(2)
        col = m.start() + 1
        if not closing:
            if open_tag is not None:
                raise DataError("E107", f"{where}: [{label}] at column {col} opens inside [{open_tag[0]}] "
                                        f"(column {open_tag[2]}); nested tags are not supported, close the first one")
            open_tag = (label, length, col)
        elif open_tag is None:
            raise DataError("E102", f"{where}: [/{label}] at column {col} closes no open tag; remove it")
        elif open_tag[0] != label:
            raise DataError("E102", f"{where}: [/{label}] at column {col} closes [{open_tag[0]}] opened at column "
                                    f"{open_tag[2]}; make the two labels the same")
        else:
            spans.append((open_tag[1], length, label))
            open_tag = None
    if open_tag is not None:
        raise DataError("E102", f"{where}: [{open_tag[0]}] at column {open_tag[2]} is never closed; add [/{open_tag[0]}]")
    pieces.append(line[pos:])
    return "".join(pieces), spans


def read_thainer(path: str | Path, *, labelmap: str = "thainer", merge: bool = False,
                 report: ConversionReport | None = None, on_malformed: str = "raise",
                 id_prefix: str | None = None) -> Iterator[Document]:
    """Documents of a ThaiNER file, one per non-blank line, ids ``{id_prefix}-{line:05d}``
    (``id_prefix`` defaults to the file name without extension)."""
    if on_malformed not in ("raise", "skip"):
        raise ValueError(f"on_malformed must be 'raise' or 'skip', not {on_malformed!r}")
    path = Path(path)
    table = load_labelmap(labelmap)
    report = report if report is not None else ConversionReport()
    prefix = id_prefix if id_prefix is not None else path.stem
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            if line.startswith(BOM):  # files joined together leave their BOMs at line starts
                report.note(where, "bom", "byte-order mark at the start of the line left out of the text")
                line = line.lstrip(BOM)
            try:
                text, raw = parse_tagged_line(line, where)
                spans = table.convert(text, raw, where=where, report=report, merge=merge)
            except DataError as exc:
                if on_malformed == "raise":
                    raise
                report.note(where, "skipped", "line left out: " + exc.message.removeprefix(f"{where}: "))
                continue
            yield Document(id=f"{prefix}-{lineno:05d}", text=text, entities=entities_from_spans(text, spans),
                           meta={"source_file": path.name, "line": lineno})


def write_thainer(docs: Iterable[Document], path: str | Path) -> int:
    """Write documents as ThaiNER lines with project labels (BOM first); returns how many.

    Ids, relations and meta have no place in the format and are not written (logged).
    A text with a line break or with something that reads as a tag cannot be written: DataError.
    """
    n = 0
    lost = 0
    with open(path, "w", encoding="utf-8-sig", newline="\n") as fh:
        for doc in docs:
            if not isinstance(doc, Document):
                raise DataError("E102", f"write_thainer takes Documents, got {type(doc).__name__}")
            if "\n" in doc.text or "\r" in doc.text:
                raise DataError("E102", f"document {doc.id}: text has a line break, but ThaiNER holds one line "
                                        "per document; split it into paragraphs first or write jsonl")
            if TAG.search(doc.text):
                raise DataError("E102", f"document {doc.id}: text contains {TAG.search(doc.text).group(0)!r}, "
                                        "which would read back as a tag; write jsonl instead")
            pieces, pos = [], 0
            for ent in sorted(doc.entities, key=lambda e: e.start):
                pieces += [doc.text[pos:ent.start], f"[{ent.label}]", doc.text[ent.start:ent.end], f"[/{ent.label}]"]
                pos = ent.end
            pieces.append(doc.text[pos:])
            fh.write("".join(pieces) + "\n")
            lost += len(doc.relations)
            n += 1
    if lost:
        log.warning("%s: %d relations not written (ThaiNER has no relations)", path, lost)
    return n
