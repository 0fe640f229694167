"""Batch input and output for annotating archives: where documents come from
(``.txt`` files, folders of them, JSONL with ``id`` and ``text``, standard
input) and how results are written (one JSONL line per input document, in
input order, error records for failures, resumable).

A document that cannot be read becomes an :class:`InputError` that flows
through the run in its place, so no document is ever lost.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Union


@dataclass(frozen=True)
class InputDoc:
    id: str
    text: str


@dataclass(frozen=True)
class InputError:
    id: str
    code: str
    reason: str

    def to_dict(self) -> dict:
        return {"id": self.id, "error": {"code": self.code, "message": self.reason}}


Item = Union[InputDoc, InputError]


def _check_text(doc_id: str, text: object) -> Item:
    if not isinstance(text, str):
        return InputError(doc_id, "E102", f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        return InputError(doc_id, "E113", "empty text")
    return InputDoc(doc_id, text)


def _read_txt(path: Path, doc_id: str) -> Item:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM on a plain-text file is an encoding marker, not text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(doc_id, "E101", f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
    return _check_text(doc_id, text)


def _read_jsonl_stream(fh: IO[bytes], name: str) -> Iterator[Item]:
    for lineno, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        fallback_id = f"{name}:{lineno}"
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(fallback_id, "E101", f"{name}:{lineno}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(fallback_id, "E100", f"{name}:{lineno}: invalid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield InputError(fallback_id, "E102", f"{name}:{lineno}: expected an object with 'id' and 'text'")
            continue
        doc_id = record.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else fallback_id
        yield _check_text(doc_id, record.get("text"))


def iter_inputs(sources: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Documents of every source, in order: a ``.jsonl`` or ``.jsonl.gz`` file
    (records with ``id`` and ``text``), a ``.txt`` file (id: its path), a folder (its ``.txt``
    files, sorted, recursively), or ``-`` (JSONL on standard input)."""
    if isinstance(sources, (str, bytes)):
        raise TypeError("iter_inputs() takes a list of paths, not a single string")
    for source in sources:
        if source == "-":
            yield from _read_jsonl_stream(stdin or sys.stdin.buffer, "<stdin>")
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield InputError(str(path), "E118", f"{path}: folder holds no .txt files")
            for f in files:
                yield _read_txt(f, str(f.relative_to(path.parent)))
        elif not path.exists():
            yield InputError(str(path), "E118", f"{path}: no such file or folder")
        elif path.suffix == ".jsonl" or path.name.endswith(".jsonl.gz"):
            with (gzip.open if path.suffix == ".gz" else open)(path, "rb") as fh:
                yield from _read_jsonl_stream(fh, str(path))
        else:
            yield _read_txt(path, str(path))


def done_ids(output: Path) -> set[str]:
    """Ids already written to ``output`` (for ``--resume``). A last line cut off by an
    interruption is removed from the file, since its document will be written again."""
    if not output.exists():
        return set()
    with open(output, "rb+") as fh:
        data = fh.read()
        complete = data.rfind(b"\n") + 1
        if complete < len(data):
            fh.truncate(complete)
    ids = set()
    for line in data[:complete].splitlines():
        if line.strip():
            ids.add(json.loads(line)["id"])
    return ids


class JsonlWriter:
    """Appends one complete line per record and flushes it, so an interruption
    never leaves more than a partial last line (which ``done_ids`` removes)."""

    def __init__(self, path: Path | None, append: bool = False):
        self._own = path is not None and str(path) != "-"
        self._fh = open(path, "a" if append else "w", encoding="utf-8") if self._own else sys.stdout

    def write(self, record: dict) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._own:
            os.fsync(self._fh.fileno())
            self._fh.close()

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
