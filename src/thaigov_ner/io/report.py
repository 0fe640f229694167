"""What a conversion changed or left out, so that nothing is dropped silently.

Readers of foreign formats take an optional :class:`ConversionReport` and
fill it; each adjustment is also logged (logger ``thaigov_ner.io``) with the
file and line it concerns. Modules never print.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text import ZERO_WIDTH

if TYPE_CHECKING:
    from ..schema import Document

log = logging.getLogger("thaigov_ner.io")


@dataclass(frozen=True)
class Note:
    """One adjustment: ``where`` is ``path:line`` (or a document id), ``kind`` a short tag."""

    where: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.message}"


@dataclass
class ConversionReport:
    """Adjustments made while reading (``notes``) and foreign labels left out (``dropped``).

    Kinds of notes: ``trimmed`` (whitespace or a zero-width character at a
    span edge moved out of the span), ``bom`` (a byte-order mark at the start
    of a line, left out of the text), ``empty`` (a tag with no content, left out), ``nested`` (a nested
    span lost to a longer one when flattening), ``merged`` (two spans joined by
    a merge rule), ``skipped`` (a malformed line left out with
    ``on_malformed="skip"``).
    """

    notes: list[Note] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)

    def note(self, where: str, kind: str, message: str, *, level: int = logging.WARNING) -> None:
        item = Note(where, kind, message)
        self.notes.append(item)
        log.log(level, "%s", item)

    def count(self, kind: str) -> int:
        return sum(1 for n in self.notes if n.kind == kind)

    def summary(self) -> dict[str, object]:
        """Counts of notes by kind and of dropped foreign labels, for READMEs and logs."""
        return {"notes": dict(Counter(n.kind for n in self.notes)), "dropped": dict(self.dropped)}


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in ZERO_WIDTH


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without whitespace or zero-width characters (U+200B, U+FEFF...) at its edges
    (``start == end`` when nothing else is left)."""
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    return start, end


def check_document(doc: "Document", where: str) -> "Document":
    """``doc`` if it meets SCHEMA.md, else a one-line DataError naming ``where`` and the first problem."""
    from ..errors import DataError
    from ..schema import document_problems

    problems = document_problems(doc.to_dict())
    if problems:
        code, msg = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(code, f"{where} [{doc.id}]: {msg}{more}")
    return doc
