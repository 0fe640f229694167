"""Compile the hand-written minimal pairs of the challenge set into JSONL.

    python scripts/corpus_challenge.py      # corpus/thaigov-challenge/minimal_pairs.txt -> minimal_pairs.jsonl

``minimal_pairs.txt`` holds several documents in the annotation-file format of
``corpus_format.py``, each headed by ``### <doc id> | <pattern> | <variant>``. They are
written for this project (patterns the 12,000 source articles lack, such as negated
delegation), so every document carries ``meta.constructed = true`` and is kept out of the
headline figures. The output is checked with ``thaigov_ner.io.jsonl.validate_file``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_format import AnnotationError, parse, to_document  # noqa: E402
from thaigov_ner.io.jsonl import validate_file, write_jsonl  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHALLENGE = REPO / "corpus" / "thaigov-challenge"
BLOCK_MARK = "### "
META = {"source": "written by hand for thaigov-ner; not from thaigov.go.th; invented people",
        "license": "CC0-1.0", "constructed": True}


def split_blocks(raw: str, path: str) -> list[tuple[str, str, str, str, int]]:
    """``(doc id, pattern, variant, block text, first line)`` for each ``### `` block."""
    lines = raw.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith(BLOCK_MARK)]
    blocks = []
    for k, i in enumerate(starts):
        parts = [p.strip() for p in lines[i][len(BLOCK_MARK):].split("|")]
        if len(parts) != 3 or not all(parts):
            raise AnnotationError("A201", path, i + 1, "block header must read '### <doc id> | <pattern> | <variant>'")
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        blocks.append((*parts, "\n".join(lines[i + 1:end]).rstrip("\n") + "\n", i + 2))
    return blocks


def compile_pairs(src: Path) -> list:
    raw = src.read_text(encoding="utf-8")
    docs, seen = [], set()
    for doc_id, pattern, variant, block, first_line in split_blocks(raw, str(src)):
        if doc_id in seen:
            raise AnnotationError("A205", str(src), first_line - 1, f"document id {doc_id!r} used twice")
        seen.add(doc_id)
        try:
            ann = parse(block, f"{src}#{doc_id}")
        except AnnotationError as exc:     # re-locate the line inside the whole file
            raise AnnotationError(exc.code, str(src), first_line - 1 + exc.line, exc.message.split(": ", 1)[-1]) from None
        docs.append(to_document(ann, doc_id, {**META, "pattern": pattern, "variant": variant}))
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=CHALLENGE / "minimal_pairs.txt")
    ap.add_argument("--out", type=Path, default=CHALLENGE / "minimal_pairs.jsonl")
    args = ap.parse_args(argv)
    try:
        docs = compile_pairs(args.src)
    except AnnotationError as exc:
        print(f"error [{exc.code}] {exc.message}", file=sys.stderr)
        return 1
    write_jsonl(docs, args.out)
    rels = sum(r.type == "DELEGATES_TO" for d in docs for r in d.relations)
    print(f"challenge: {len(docs)} constructed documents ({rels} DELEGATES_TO) written to {args.out}")
    problems = validate_file(args.out)
    for p in problems:
        print(f"invalid: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
