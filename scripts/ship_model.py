"""Copy a trained checkpoint into the package as the shipped default model,
with its weights stored in float16 (loading casts them back to float32).

    python scripts/ship_model.py runs/ship-v1 [--dest src/thaigov_ner/models/default]
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
    args = parser.parse_args()
    ckpt = load_checkpoint(args.source)
    if args.dest.exists():
        shutil.rmtree(args.dest)
    runcard = json.loads((args.source / "runcard.json").read_text(encoding="utf-8"))
    runcard["shipped"] = {"from": str(args.source), "weights_dtype": "float16"}
    save_checkpoint(args.dest, ckpt.model.half(), ckpt.tokenizer, ckpt.settings, runcard=runcard)
    size = sum(f.stat().st_size for f in args.dest.iterdir()) / 1e6
    print(f"shipped {args.source} -> {args.dest} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
