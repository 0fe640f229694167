"""Compile the annotation files into the project JSONL files.

    python scripts/corpus_compile.py                 # checked documents only -> corpus/thaigov/{train,dev,test}.jsonl
    python scripts/corpus_compile.py --all --out-dir /tmp/x   # also pre-annotated (unchecked) documents
    python scripts/corpus_compile.py --check corpus/thaigov/ann/train/thaigov-100242-0.txt   # just these files

Every file under ``corpus/thaigov/ann/<split>/`` is parsed (format: corpus_format.py)
and compared with its excerpt in ``selection.jsonl``; the first problem stops the
run with ``file:line: what``. The decoy documents of the test split are also
written to ``corpus/thaigov-challenge/decoys.jsonl``. Each output is checked with
``thaigov_ner.io.jsonl.validate_file``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_format import AnnotationError, check_text, parse, to_document  # noqa: E402
from thaigov_ner.errors import DataError  # noqa: E402
from thaigov_ner.io.jsonl import validate_file, write_jsonl  # noqa: E402
from thaigov_ner.schema import document_problems  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "thaigov"
CHALLENGE = REPO / "corpus" / "thaigov-challenge"
SPLITS = ("train", "dev", "test")


def load_selection(path: Path) -> dict[str, dict]:
    records = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                r = json.loads(line)
                if r["id"] in records:
                    raise DataError("E112", f"{path}:{lineno}: document id {r['id']!r} listed twice")
                records[r["id"]] = r
    return records


def compile_file(path: Path, selection: dict[str, dict]):
    """``(Document, checked)`` for one annotation file; raises AnnotationError."""
    split, doc_id = path.parent.name, path.stem
    rec = selection.get(doc_id)
    if rec is None:
        raise AnnotationError("A210", str(path), 1, f"{doc_id!r} is not in selection.jsonl; rename or remove the file")
    if split != rec["split"]:
        raise AnnotationError("A210", str(path), 1, f"{doc_id} belongs to split {rec['split']!r}; move the file "
                                                    f"to ann/{rec['split']}/")
    ann = parse(path.read_text(encoding="utf-8"), str(path))
    check_text(ann, rec["text"])
    meta = dict(rec["meta"])
    meta["selected_for"] = rec["reasons"]
    meta["annotation"] = "checked by hand" if ann.checked else "pre-annotated, unchecked"
    return to_document(ann, doc_id, meta), ann.checked


def compile_corpus(ann_dir: Path, selection: dict[str, dict], include_unchecked: bool = False):
    """``{split: [Document]}`` and counts ``{split: (checked, unchecked)}``; raises AnnotationError."""
    docs: dict[str, list] = {s: [] for s in SPLITS}
    counts = {s: [0, 0] for s in SPLITS}
    for path in sorted(ann_dir.glob("*/*.txt")):
        doc, checked = compile_file(path, selection)
        split = path.parent.name
        counts[split][0 if checked else 1] += 1
        if checked or include_unchecked:
            docs[split].append(doc)
    return docs, counts


def check_files(paths: list[Path], selection: dict[str, dict]) -> int:
    """Print one line per file (ok, or the first problem); 1 when any file has a problem."""
    bad = 0
    for path in paths:
        try:
            doc, checked = compile_file(path, selection)
        except AnnotationError as exc:
            print(f"error [{exc.code}] {exc.message}")
            bad += 1
            continue
        problems = document_problems(doc.to_dict())
        for p in problems:
            print(f"invalid: {path}: {p[0]} {p[1]}")
        bad += bool(problems)
        if not problems:
            print(f"ok: {path} ({len(doc.entities)} entities, {len(doc.relations)} relations"
                  f"{'' if checked else ', still pre-annotated'})")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out-dir", type=Path, default=None, help="default: the corpus folder")
    ap.add_argument("--all", action="store_true", help="include pre-annotated (unchecked) documents")
    ap.add_argument("--check", type=Path, nargs="+", metavar="FILE", help="only check these annotation files")
    args = ap.parse_args(argv)
    out_dir = args.out_dir or args.corpus
    selection = load_selection(args.corpus / "selection.jsonl")
    if args.check:
        return check_files(args.check, selection)
    try:
        docs, counts = compile_corpus(args.corpus / "ann", selection, include_unchecked=args.all)
    except AnnotationError as exc:
        print(f"error [{exc.code}] {exc.message}", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = []
    for split in SPLITS:
        path = out_dir / f"{split}.jsonl"
        write_jsonl(docs[split], path)
        outputs.append(path)
        print(f"{split}: {len(docs[split])} documents written to {path} "
              f"({counts[split][0]} checked, {counts[split][1]} still pre-annotated)")
    if args.out_dir is None:
        decoys = [d for d in docs["test"] if any(r.startswith("decoy") for r in d.meta["selected_for"])]
        CHALLENGE.mkdir(parents=True, exist_ok=True)
        path = CHALLENGE / "decoys.jsonl"
        write_jsonl(decoys, path)
        outputs.append(path)
        print(f"challenge: {len(decoys)} decoy documents of the test split written to {path}")
    problems = [p for path in outputs for p in validate_file(path)]
    for p in problems:
        print(f"invalid: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
