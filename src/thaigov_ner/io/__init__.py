"""Corpus readers and writers, one module per format, and a small registry.

``read_docs(path, fmt=None)`` and ``write_docs(docs, path, fmt)`` pick the
module by name (see :data:`FORMATS`); with no ``fmt`` the reader guesses it
from the extension (:data:`EXTENSIONS`). Heavy libraries (spaCy, datasets,
PyThaiNLP) are imported only when their format is used.

=========  =====================================  ======  ======
name       what                                   read    write
=========  =====================================  ======  ======
jsonl      project JSONL (SCHEMA.md)              yes     yes
thainer    ThaiNER inline tags, one doc a line    yes     yes
nner       Thai N-NER JSON (nested, flattened)    yes     no
conll      CoNLL IOB2, PyThaiNLP newmm tokens     yes     yes
doccano    doccano JSONL (label/entities forms)   yes     yes
spacy      spaCy DocBin (.spacy)                  yes     yes
hf         datasets save_to_disk folder           yes     yes
=========  =====================================  ======  ======
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import DataError
from ..schema import Document
from .jsonl import read_jsonl, validate_file, write_jsonl
from .report import ConversionReport


@dataclass(frozen=True)
class Format:
    """A format's reader and writer, named ``module:function`` and imported on first use."""

    name: str
    reader: str
    writer: str | None
    description: str

    def read(self, path: str | Path, **options: Any) -> Iterator[Document]:
        return _load(self.reader)(path, **options)

    def reader_accepts(self, option: str) -> bool:
        """Whether this format's reader takes the keyword ``option``."""
        return option in inspect.signature(_load(self.reader)).parameters

    def write(self, docs: Iterable[Document], path: str | Path, **options: Any) -> int:
        if self.writer is None:
            writable = ", ".join(n for n, f in FORMATS.items() if f.writer)
            raise DataError("E102", f"format {self.name!r} is read-only; write one of {writable}")
        return _load(self.writer)(docs, path, **options)


def _load(target: str) -> Callable:
    module, func = target.split(":")
    return getattr(import_module(f"{__name__}.{module}"), func)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "jsonl:read_jsonl", "jsonl:write_jsonl", "project JSONL (SCHEMA.md)"),
    Format("thainer", "thainer:read_thainer", "thainer:write_thainer", "ThaiNER inline tags"),
    Format("nner", "nner:read_nner", None, "Thai N-NER JSON (read only)"),
    Format("conll", "conll:read_conll", "conll:write_conll", "CoNLL IOB2"),
    Format("doccano", "doccano:read_doccano", "doccano:write_doccano", "doccano JSONL"),
    Format("spacy", "spacy_docbin:read_spacy", "spacy_docbin:write_spacy", "spaCy DocBin"),
    Format("hf", "hf:read_hf", "hf:write_hf", "Hugging Face datasets folder (save_to_disk)"),
)}

EXTENSIONS: dict[str, str] = {".jsonl": "jsonl", ".txt": "thainer", ".json": "nner", ".conll": "conll",
                              ".iob": "conll", ".spacy": "spacy"}


def get_format(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise DataError("E102", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def guess_format(path: str | Path) -> str:
    """The format name for ``path``: a folder is ``hf``, a file goes by its extension."""
    path = Path(path)
    if path.is_dir():
        return "hf"
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(f"{ext}={name}" for ext, name in EXTENSIONS.items())
        raise DataError("E102", f"{path}: cannot tell the format from {path.suffix or 'no extension'!r} ({known}); "
                                f"name it with fmt / --from: {', '.join(FORMATS)}") from None


def read_docs(path: str | Path, fmt: str | None = None, **options: Any) -> Iterator[Document]:
    """Documents of ``path`` in format ``fmt`` (guessed from the extension when ``None``).
    ``options`` go to the format's reader (e.g. ``merge=True``, ``report=...`` for thainer)."""
    return get_format(fmt or guess_format(path)).read(path, **options)


def write_docs(docs: Iterable[Document], path: str | Path, fmt: str, **options: Any) -> int:
    """Write ``docs`` to ``path`` in format ``fmt``; returns how many documents were written."""
    if isinstance(docs, (str, Document)):
        raise DataError("E102", f"write_docs takes an iterable of Documents, not a single {type(docs).__name__}")
    return get_format(fmt).write(docs, path, **options)


__all__ = ["FORMATS", "EXTENSIONS", "Format", "ConversionReport", "get_format", "guess_format",
           "read_docs", "write_docs", "read_jsonl", "write_jsonl", "validate_file"]
