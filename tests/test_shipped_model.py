"""The shipped default model folder: self-describing and within the size limit of issue #4."""

from __future__ import annotations

import json

from thaigov_ner.pipeline import default_model_path

LIMIT_BYTES = 60 * 1000 * 1000  # "at most 60 MB on disk"


def test_shipped_model_fits_the_size_limit():
    folder = default_model_path()
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    assert 0 < size <= LIMIT_BYTES, f"{folder}: {size / 1e6:.1f} MB"


def test_shipped_model_describes_itself():
    folder = default_model_path()
    settings = json.loads((folder / "thaigov_ner.json").read_text(encoding="utf-8"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert settings["tag_scheme"] == "BIO"
    assert [config["id2label"][str(i)] for i in range(len(config["id2label"]))] == settings["tags"]
    assert not any(f.suffix in (".bin", ".pt", ".pkl") for f in folder.iterdir())
    assert (folder / "model.safetensors").exists() and (folder / "RUNCARD.md").exists()
