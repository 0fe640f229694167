"""Copy a trained checkpoint into the package as the shipped default model,
with its weights stored in float16 (loading casts them back to float32).

    python scripts/ship_model.py runs/default --overlap 32 [--dest src/thaigov_ner/models/default] [--int8-embeddings]

``--int8-embeddings`` stores the word embedding matrix in int8 rows with a float16 scale
per row (``thaigov_ner.model.checkpoint.INT8_ROWS``), which lets a 12-layer model fit
the 60 MB limit.

``--overlap`` sets the inference window overlap (subword tokens) saved with the shipped
model; training windows overlap by the config's ``overlap`` (64). 32 costs 7 % fewer tokens
with the same F1 (measured in the model README).

``--onnx`` saves ONNX export settings with the model (the "onnx" object of
thaigov_ner.json, over ``thaigov_ner.model.onnx.DEFAULT_EXPORT``), as chosen on dev by
``benchmarks/onnx_settings.py``; without it the source's own settings, if any, are kept.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from thaigov_ner.model.checkpoint import load_checkpoint, save_checkpoint
from thaigov_ner.pipeline import default_model_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--dest", type=Path, default=default_model_path())
    parser.add_argument("--overlap", type=int, default=None, help="inference window overlap (default: as trained)")
    parser.add_argument("--int8-embeddings", action="store_true", help="word embeddings in int8 rows")
    parser.add_argument("--onnx", type=json.loads, default=None, help="ONNX export settings, a JSON object")
    args = parser.parse_args()
    ckpt = load_checkpoint(args.source)
    settings = dict(ckpt.settings)
    if args.overlap is not None:
        settings["windows"] = {**settings["windows"], "overlap": args.overlap}
    if args.onnx is not None:
        settings["onnx"] = args.onnx
    readme = args.dest / "README.md"  # the hand-written model card and license notes stay
    kept = readme.read_text(encoding="utf-8") if readme.exists() else None
    if args.dest.exists():
        shutil.rmtree(args.dest)
    runcard = json.loads((args.source / "runcard.json").read_text(encoding="utf-8"))
    runcard["shipped"] = {"from": str(args.source), "weights_dtype": "float16",
                          **({"word_embeddings": "int8 rows, float16 scales"} if args.int8_embeddings else {})}
    save_checkpoint(args.dest, ckpt.model.half(), ckpt.tokenizer, settings, runcard=runcard,
                    int8_embeddings=args.int8_embeddings)
    if kept is not None:
        readme.write_text(kept, encoding="utf-8")
    size = sum(f.stat().st_size for f in args.dest.iterdir()) / 1e6
    print(f"shipped {args.source} -> {args.dest} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
