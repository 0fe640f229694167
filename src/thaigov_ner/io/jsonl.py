"""The project JSONL format (SCHEMA.md): one document per line, UTF-8, no BOM."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DataError
from ..schema import Document, document_problems


@dataclass(frozen=True)
class Problem:
    """One problem of a corpus file, located by line and document id."""

    path: str
    line: int
    doc_id: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.doc_id:
            where += f" [{self.doc_id}]"
        return f"{where}: {self.code} {self.message}"


def _decoded_lines(path: Path) -> Iterator[tuple[int, str | None, str | None]]:
    """``(line number, decoded line or None, encoding error or None)`` for each non-blank line."""
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                yield lineno, None, "file starts with a UTF-8 byte-order mark; save it without BOM"
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield lineno, None, f"line is not valid UTF-8 ({exc.reason} at byte {exc.start})"
                continue
            if line.strip():
                yield lineno, line, None


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem of a project JSONL file; an empty list means it is valid."""
    path = Path(path)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for lineno, line, enc_error in _decoded_lines(path):
        if enc_error:
            problems.append(Problem(str(path), lineno, None, "E101", enc_error))
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), lineno, None, "E100", f"invalid JSON: {exc.msg} at column {exc.colno}"))
            continue
        doc_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        if doc_id is not None:
            if doc_id in seen:
                problems.append(Problem(str(path), lineno, doc_id, "E112",
                                        f"document id already used on line {seen[doc_id]}"))
            else:
                seen[doc_id] = lineno
        for code, msg in document_problems(data):
            problems.append(Problem(str(path), lineno, doc_id, code, msg))
    return problems


def read_jsonl(path: str | Path) -> Iterator[Document]:
    """Documents of a project JSONL file; the first invalid line raises :class:`DataError`
    naming the file, line and problem (run ``thaigov-ner validate`` to see them all)."""
    path = Path(path)
    for lineno, line, enc_error in _decoded_lines(path):
        if enc_error:
            raise DataError("E101", f"{path}:{lineno}: {enc_error}")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError("E100", f"{path}:{lineno}: invalid JSON: {exc.msg} at column {exc.colno}") from None
        problems = document_problems(data)
        if problems:
            code, msg = problems[0]
            doc_id = data.get("id") if isinstance(data, dict) else None
            more = f" (and {len(problems) - 1} more; run `thaigov-ner validate {path}`)" if len(problems) > 1 else ""
            raise DataError(code, f"{path}:{lineno} [{doc_id}]: {msg}{more}")
        yield Document.from_dict(data)


def write_jsonl(docs: Iterable[Document], path: str | Path) -> int:
    """Write documents, one JSON line each; returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(doc.to_json() + "\n")
            n += 1
    return n
