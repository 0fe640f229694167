"""The hand-editable annotation file of the gold corpus: parse, check, render.

One file per document, ``corpus/thaigov/ann/<split>/<doc id>.txt``::

    # thaigov-46034-0 | split test | https://www.thaigov.go.th/news/contents/details/46034
    # PRE-ANNOTATED by corpus_preannotate.py: delete this line once every span and relation is checked
    === text ===
    [PERSON#a]นายชุติเดช มีจันทร์[/PERSON] [POSITION#p1]ผู้ว่าราชการจังหวัดแพร่[/POSITION] ได้มอบหมายให้...
    === relations ===
    HOLDS_POSITION a -> p1
    DELEGATES_TO a -> b | trigger=ได้มอบหมายให้ | task=นำส่วนราชการที่เกี่ยวข้อง

- Header: ``#`` lines before ``=== text ===``. While the ``# PRE-ANNOTATED`` line is
  there the document counts as unchecked and is left out of the gold files.
- Text: the excerpt exactly as selected, with inline tags ``[LABEL]...[/LABEL]`` or
  ``[LABEL#key]...[/LABEL]``; tags do not nest, a tag holds no whitespace at its
  edges, keys are letters, digits and ``_`` and unique in the document.
- Relations: one per line, ``TYPE head_key -> tail_key`` then optional
  ``| trigger=...`` and ``| task=...``; both must occur in the text as written.
  ``#`` lines and blank lines are ignored.

Any deviation raises :class:`AnnotationError` naming ``file:line`` and what is
wrong; the text with the tags removed must equal the selected excerpt exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thaigov_ner.errors import DataError
from thaigov_ner.schema import LABELS, RELATION_ARGS, RELATION_TYPES, Document, Entity, Relation

TEXT_MARK = "=== text ==="
RELATIONS_MARK = "=== relations ==="
PRE_MARK = "# PRE-ANNOTATED"
PRE_LINE = (f"{PRE_MARK} by corpus_preannotate.py: delete this line once every span and "
            "relation is checked by hand")

# Annotation-file problem codes (A for annotation file; E-codes belong to the JSONL validator).
CODES = {
    "A201": "file layout: missing or misplaced '=== text ===' / '=== relations ===' line",
    "A202": "malformed or unknown tag",
    "A203": "unbalanced tags (unclosed, nested, or closing the wrong label)",
    "A204": "span is empty or has whitespace at its edge",
    "A205": "duplicate mention key",
    "A206": "text with tags removed differs from the selected excerpt",
    "A207": "malformed relation line",
    "A208": "relation names an unknown key, or an argument of the wrong label",
    "A209": "trigger or task does not occur in the text",
    "A210": "file not in the selection, or in the wrong split folder",
}

TAG = re.compile(r"\[(/?)([A-Za-z_]+)(?:#([^\]\s]*))?\]")
KEY = re.compile(r"[A-Za-z0-9_]+")
UNFINISHED = re.compile(r"\[/?(?:" + "|".join(LABELS) + r")(?:#[A-Za-z0-9_]*)?(?![\]#A-Za-z0-9_])")
REL_LINE = re.compile(r"^(\S+)\s+(\S+)\s*->\s*(\S+)\s*((?:\|.*)?)$")


class AnnotationError(DataError):
    """A problem of an annotation file, located as ``file:line``."""

    def __init__(self, code: str, path: str, line: int, what: str):
        self.path, self.line = path, line
        super().__init__(code, f"{path}:{line}: {what}")


@dataclass
class Span:
    start: int
    end: int
    label: str
    key: str | None
    line: int            # line of the opening tag in the file


@dataclass
class RelationLine:
    type: str
    head: str
    tail: str
    trigger: str | None
    task: str | None
    line: int


@dataclass
class AnnFile:
    """A parsed annotation file: clean text, spans into it, relations by key."""

    path: str
    header: list[str]
    text: str
    spans: list[Span]
    relations: list[RelationLine]
    checked: bool
    # file line and column of each character of ``text`` (for error messages)
    positions: list[tuple[int, int]] = field(repr=False, default_factory=list)


def parse(raw: str, path: str = "<string>") -> AnnFile:
    """Parse an annotation file's content; raise AnnotationError on the first problem."""
    lines = raw.split("\n")
    try:
        t_idx = lines.index(TEXT_MARK)
    except ValueError:
        raise AnnotationError("A201", path, 1, f"no line '{TEXT_MARK}'; restore it above the text") from None
    for i, line in enumerate(lines[:t_idx]):
        if line.strip() and not line.startswith("#"):
            raise AnnotationError("A201", path, i + 1,
                                  f"header lines must start with '#' (got {line[:40]!r}); move text below '{TEXT_MARK}'")
    header = lines[:t_idx]
    rel_idx = [i for i, line in enumerate(lines) if line == RELATIONS_MARK]
    if len(rel_idx) != 1 or rel_idx[0] < t_idx:
        where = rel_idx[1] + 1 if len(rel_idx) > 1 else len(lines)
        raise AnnotationError("A201", path, where, f"expected exactly one '{RELATIONS_MARK}' line after the text")
    r_idx = rel_idx[0]
    first_text_line = t_idx + 2          # 1-based line number of the first text line
    body = "\n".join(lines[t_idx + 1:r_idx])

    for bracket in UNFINISHED.finditer(body):
        raise AnnotationError("A202", path, first_text_line + body.count("\n", 0, bracket.start()),
                              f"unfinished tag {bracket.group(0)!r}; close it with ']'")
    text_chars: list[str] = []
    positions: list[tuple[int, int]] = []
    spans: list[Span] = []
    keys: set[str] = set()
    open_span: tuple[str, str | None, int, int] | None = None   # label, key, start, line
    line_no, col, pos = first_text_line, 1, 0

    def advance(chunk: str) -> None:
        nonlocal line_no, col
        for ch in chunk:
            if ch == "\n":
                line_no, col = line_no + 1, 1
            else:
                col += 1

    for m in TAG.finditer(body):
        chunk = body[pos:m.start()]
        for ch in chunk:
            text_chars.append(ch)
            positions.append((line_no, col))
            advance(ch)
        closing, label, key = m.group(1) == "/", m.group(2), m.group(3)
        if label not in LABELS:
            raise AnnotationError("A202", path, line_no,
                                  f"unknown label in tag {m.group(0)!r} (labels: {', '.join(LABELS)})")
        if closing:
            if key is not None:
                raise AnnotationError("A202", path, line_no, f"closing tag {m.group(0)!r} takes no key; write [/{label}]")
            if open_span is None:
                raise AnnotationError("A203", path, line_no, f"{m.group(0)!r} closes nothing; add the opening [{label}]")
            o_label, o_key, o_start, o_line = open_span
            if o_label != label:
                raise AnnotationError("A203", path, line_no,
                                      f"{m.group(0)!r} closes [{o_label}] opened on line {o_line}; use [/{o_label}]")
            surface = "".join(text_chars[o_start:])
            if not surface:
                raise AnnotationError("A204", path, line_no, f"empty [{label}] span; delete the tags")
            if surface != surface.strip():
                raise AnnotationError("A204", path, line_no,
                                      f"[{label}] span {surface!r} has whitespace at its edge; move the tag")
            spans.append(Span(o_start, len(text_chars), label, o_key, o_line))
            open_span = None
        else:
            if open_span is not None:
                raise AnnotationError("A203", path, line_no,
                                      f"{m.group(0)!r} opens inside [{open_span[0]}] from line {open_span[3]}; "
                                      "spans do not nest, close the first one")
            if key is not None:
                if not KEY.fullmatch(key):
                    raise AnnotationError("A202", path, line_no,
                                          f"bad key {key!r} in {m.group(0)!r}; use letters, digits and _")
                if key in keys:
                    raise AnnotationError("A205", path, line_no, f"key {key!r} is used twice; rename one")
                keys.add(key)
            open_span = (label, key, len(text_chars), line_no)
        advance(m.group(0))
        pos = m.end()
    for ch in body[pos:]:
        text_chars.append(ch)
        positions.append((line_no, col))
        advance(ch)
    if open_span is not None:
        raise AnnotationError("A203", path, open_span[3], f"[{open_span[0]}] is never closed; add [/{open_span[0]}]")


    relations: list[RelationLine] = []
    for i in range(r_idx + 1, len(lines)):
        line = lines[i].strip()
        if not line or line.startswith("#"):
            continue
        relations.append(_relation_line(line, path, i + 1))
    checked = not any(h.startswith(PRE_MARK) for h in header)
    return AnnFile(path, header, "".join(text_chars), spans, relations, checked, positions)


def _relation_line(line: str, path: str, line_no: int) -> RelationLine:
    m = REL_LINE.match(line)
    if not m:
        raise AnnotationError("A207", path, line_no,
                              f"cannot read {line!r}; write 'TYPE head -> tail | trigger=... | task=...'")
    rtype, head, tail, rest = m.groups()
    if rtype not in RELATION_TYPES:
        raise AnnotationError("A207", path, line_no,
                              f"unknown relation type {rtype!r} (expected {' or '.join(RELATION_TYPES)})")
    fields: dict[str, str] = {}
    for part in rest.split("|")[1:]:
        name, eq, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not eq or name not in ("trigger", "task") or not value:
            raise AnnotationError("A207", path, line_no, f"bad field {part.strip()!r}; use 'trigger=...' or 'task=...'")
        if name in fields:
            raise AnnotationError("A207", path, line_no, f"field {name!r} given twice")
        fields[name] = value
    return RelationLine(rtype, head, tail, fields.get("trigger"), fields.get("task"), line_no)


def check_text(ann: AnnFile, expected: str) -> None:
    """Raise A206 at the first character where the untagged text differs from ``expected``."""
    if ann.text == expected:
        return
    i = next((k for k, (a, b) in enumerate(zip(ann.text, expected)) if a != b), min(len(ann.text), len(expected)))
    if i < len(ann.positions):
        line, col = ann.positions[i]
    else:
        line, col = (ann.positions[-1] if ann.positions else (1, 1))
    got, want = ann.text[i:i + 15], expected[i:i + 15]
    raise AnnotationError("A206", ann.path, line,
                          f"column {col}: text differs from the selected excerpt at character {i}: "
                          f"file has {got!r}, source has {want!r}; edit tags only, never the text")


def to_document(ann: AnnFile, doc_id: str, meta: dict) -> Document:
    """The project Document of a parsed file (call :func:`check_text` first)."""
    by_key: dict[str, Span] = {s.key: s for s in ann.spans if s.key}
    order = sorted(ann.spans, key=lambda s: s.start)
    ids = {id(s): f"T{i}" for i, s in enumerate(order, 1)}
    entities = tuple(Entity(s.start, s.end, s.label, ann.text[s.start:s.end], id=ids[id(s)]) for s in order)
    relations = []
    for k, r in enumerate(ann.relations, 1):
        args = []
        for role, key, allowed in (("head", r.head, RELATION_ARGS[r.type][0]), ("tail", r.tail, RELATION_ARGS[r.type][1])):
            if key not in by_key:
                known = ", ".join(sorted(by_key)) or "none"
                raise AnnotationError("A208", ann.path, r.line,
                                      f"{role} key {key!r} is not a tagged mention (keys: {known}); add [LABEL#{key}]")
            if by_key[key].label not in allowed:
                raise AnnotationError("A208", ann.path, r.line,
                                      f"{role} {key!r} is {by_key[key].label}; {r.type} needs {'/'.join(sorted(allowed))}")
            args.append(by_key[key])
        head, tail = args
        task_span = None
        for name, value in (("trigger", r.trigger), ("task", r.task)):
            if value is not None and value not in ann.text:
                raise AnnotationError("A209", ann.path, r.line, f"{name} {value!r} does not occur in the text; copy it exactly")
        if r.task is not None:
            # the occurrence nearest the relation's tail mention
            starts = [m.start() for m in re.finditer(re.escape(r.task), ann.text)]
            s = min(starts, key=lambda x: abs(x - tail.end))
            task_span = (s, s + len(r.task))
        relations.append(Relation(r.type, ids[id(head)], ids[id(tail)], id=f"R{k}", trigger=r.trigger,
                                  task=r.task, task_span=task_span))
    return Document(doc_id, ann.text, entities, tuple(relations), dict(meta))


def render(doc_id: str, split: str, url: str, text: str, spans: list[tuple[int, int, str, str | None]],
           relations: list[tuple[str, str, str, str | None, str | None]], *, pre_annotated: bool,
           notes: list[str] = ()) -> str:
    """An annotation file for ``text`` with non-overlapping ``(start, end, label, key)`` spans and
    ``(type, head_key, tail_key, trigger, task)`` relations."""
    out: list[str] = []
    pos = 0
    for start, end, label, key in sorted(spans):
        if start < pos:
            raise ValueError(f"{doc_id}: span [{start}, {end}) overlaps the previous span")
        out.append(text[pos:start])
        out.append(f"[{label}{'#' + key if key else ''}]{text[start:end]}[/{label}]")
        pos = end
    out.append(text[pos:])
    header = [f"# {doc_id} | split {split} | {url}"]
    if pre_annotated:
        header.append(PRE_LINE)
    header += [f"# {n}" for n in notes]
    rel_lines = []
    for rtype, head, tail, trigger, task in relations:
        line = f"{rtype} {head} -> {tail}"
        if trigger:
            line += f" | trigger={trigger}"
        if task:
            line += f" | task={task}"
        rel_lines.append(line)
    return "\n".join(header + [TEXT_MARK, "".join(out), RELATIONS_MARK] + rel_lines) + "\n"
