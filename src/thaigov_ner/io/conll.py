"""CoNLL IOB2: one token a line, ``token<TAB>TAG``, tags ``B-LABEL`` / ``I-LABEL`` / ``O``.

Layout written (and read)::

    -DOCSTART-<TAB>document-id
    <blank line>
    token<TAB>TAG          (one sentence)
    <blank line>
    ...

Decisions:

- Tokens come from :mod:`thaigov_ner.io.tokens` (PyThaiNLP ``newmm`` by
  default), cut at every entity edge, so each entity is whole tokens and is
  read back with exactly its span.
- Whitespace is kept as its own tokens (tag ``O`` outside entities, ``I-``
  inside one such as ``นางสาวนิติยา พงษ์พานิช``), so the reader rebuilds the
  text exactly by joining the tokens. Token escapes keep one token a line:
  ``\\`` -> ``\\\\``, space -> ``\\s``, tab -> ``\\t``, line break -> ``\\n``,
  carriage return -> ``\\r``.
- A sentence ends after a whitespace token holding a line break, outside
  entities; the blank lines between sentences carry no text.
- Ids are kept on the ``-DOCSTART-`` line; relations and meta have no place
  and are not written (logged). A file without ``-DOCSTART-`` lines is read
  one document per sentence block, ids ``{file stem}-{n}``.
- Strict IOB2 on reading: an ``I-X`` that continues nothing, an unknown tag
  or label, or a line without one tab is a one-line error with ``file:line``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DataError
from ..schema import LABELS, Document, entities_from_spans
from .report import check_document
from .tokens import token_spans

log = logging.getLogger("thaigov_ner.io")

DOCSTART = "-DOCSTART-"
_ESCAPES = {"\\": "\\\\", " ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {v[1]: k for k, v in _ESCAPES.items()}


def escape_token(token: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in token)


def unescape_token(token: str, where: str) -> str:
    out, i = [], 0
    while i < len(token):
        ch = token[i]
        if ch == "\\":
            nxt = token[i + 1:i + 2]
            if nxt not in _UNESCAPES:
                raise DataError("E102", f"{where}: unknown escape {ch + nxt!r} in token; write a backslash as \\\\")
            out.append(_UNESCAPES[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def iob2_tags(doc: Document, spans: list[tuple[int, int]]) -> list[str]:
    """The IOB2 tag of each token span; raises if an entity edge falls inside a token."""
    tags = ["O"] * len(spans)
    index = {start: i for i, (start, _) in enumerate(spans)}
    ends = {end for _, end in spans}
    for ent in doc.entities:
        if ent.start not in index or ent.end not in ends:
            raise DataError("E103", f"document {doc.id}: entity {ent.id} [{ent.start}, {ent.end}) does not fall on "
                                    "token edges; cut tokens with io.tokens.token_spans(text, edges)")
        i = index[ent.start]
        tags[i] = f"B-{ent.label}"
        i += 1
        while i < len(spans) and spans[i][0] < ent.end:
            tags[i] = f"I-{ent.label}"
            i += 1
    return tags


def write_conll(docs: Iterable[Document], path: str | Path, *, engine: str = "newmm") -> int:
    """Write documents as CoNLL IOB2; returns how many were written."""
    n = lost = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            if not isinstance(doc, Document):
                raise DataError("E102", f"write_conll takes Documents, got {type(doc).__name__}")
            edges = [x for e in doc.entities for x in (e.start, e.end)]
            spans = token_spans(doc.text, edges, engine)
            tags = iob2_tags(doc, spans)
            fh.write(f"{DOCSTART}\t{doc.id}\n\n")
            for (start, end), tag in zip(spans, tags):
                token = doc.text[start:end]
                fh.write(f"{escape_token(token)}\t{tag}\n")
                if tag == "O" and "\n" in token and end < len(doc.text):
                    fh.write("\n")
            fh.write("\n")
            lost += len(doc.relations)
            n += 1
    if lost:
        log.warning("%s: %d relations not written (CoNLL has no relations)", path, lost)
    return n


def read_conll(path: str | Path) -> Iterator[Document]:
    """Documents of a CoNLL IOB2 file (see the module notes for the layout)."""
    path = Path(path)
    doc_id: str | None = None
    doc_line = 0
    tokens: list[str] = []
    tags: list[tuple[str, str]] = []
    count = 0
    has_docstart = False

    def flush() -> Document | None:
        nonlocal tokens, tags
        if not tokens:
            return None
        doc = _build(doc_id or f"{path.stem}-{count}", tokens, tags, f"{path}:{doc_line}")
        tokens, tags = [], []
        return doc

    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            where = f"{path}:{lineno}"
            if line.startswith(DOCSTART):
                doc = flush()
                if doc is not None:
                    yield doc
                has_docstart = True
                doc_id = line[len(DOCSTART):].strip() or None
                doc_line = lineno
                count += 1
                continue
            if not line.strip():
                if not has_docstart:
                    doc = flush()
                    if doc is not None:
                        yield doc
                    count += 1
                    doc_line = lineno + 1
                continue
            if not tokens and not has_docstart:
                doc_line = lineno
            token, sep, tag = line.rpartition("\t")
            if not sep or not token:
                raise DataError("E102", f"{where}: expected 'token<TAB>TAG', got {line[:40]!r}")
            tokens.append(unescape_token(token, where))
            tags.append((tag.strip(), where))
    doc = flush()
    if doc is not None:
        yield doc


def _build(doc_id: str, tokens: list[str], tags: list[tuple[str, str]], where_doc: str) -> Document:
    text = "".join(tokens)
    spans: list[tuple[int, int, str]] = []
    pos = 0
    current: list | None = None  # [start, end, label]
    for token, (tag, where) in zip(tokens, tags):
        if tag == "O":
            current = None
        elif len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
            label = tag[2:]
            if label not in LABELS:
                raise DataError("E106", f"{where}: unknown label {label!r} in tag {tag!r}; use {', '.join(LABELS)}")
            if tag[0] == "B":
                current = [pos, pos + len(token), label]
                spans.append(current)  # type: ignore[arg-type]
            elif current is None or current[2] != label:
                raise DataError("E102", f"{where}: {tag} continues no {label} entity (IOB2); start it with B-{label}")
            else:
                current[1] = pos + len(token)
        else:
            raise DataError("E102", f"{where}: tag {tag!r} is not O, B-LABEL or I-LABEL")
        pos += len(token)
    doc = Document(id=doc_id, text=text, entities=entities_from_spans(text, [tuple(s) for s in spans]))
    return check_document(doc, where_doc)
