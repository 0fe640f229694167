"""A self-describing checkpoint directory, safetensors and JSON only (no pickle)::

    config.json          HF model config, with id2label / label2id
    model.safetensors    weights
    tokenizer.json       fast tokenizer (+ tokenizer_config.json)
    thaigov_ner.json     tag scheme, labels, normalisation and window settings,
                         base model, training config, library version, and how
                         model.safetensors stores the weights ("storage")
    runcard.json         how it was trained: data files with sha256, metrics, versions
    RUNCARD.md           the same, for people

:func:`load_checkpoint` reads it back offline (``local_files_only=True``,
``use_safetensors=True``) and raises :class:`~thaigov_ner.errors.ModelError`
naming the first missing file. torch and transformers are imported inside the
functions, so importing this module is cheap.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..errors import ModelError

SETTINGS_FILE = "thaigov_ner.json"
RUNCARD_JSON = "runcard.json"
RUNCARD_MD = "RUNCARD.md"
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", SETTINGS_FILE)
FORMAT = "thaigov-ner-token-classifier"

DEFAULT_NORMALIZATION = {"digits": True, "zero_width": True, "spaces": True, "nfc": True}
DEFAULT_WINDOWS = {"max_length": 256, "overlap": 64, "merge": "central"}
#: ``settings["storage"]["word_embeddings"]`` when the input embedding matrix is stored as
#: int8 rows (``<name>.int8``) with one float16 scale per row (``<name>.scale``): a quarter
#: of float32, a half of float16, error at most half a step (max |row| / 254) per weight.
INT8_ROWS = "int8_rows"


@contextmanager
def _no_progress_bars():
    """transformers draws progress bars while saving and loading weights; a library
    does not print, so they are off inside this block (and restored after)."""
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def make_settings(*, labels: list[str], tags: list[str], base_model: Any,
                  normalization: Mapping[str, bool] | None = None, windows: Mapping[str, Any] | None = None,
                  training: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The content of ``thaigov_ner.json``."""
    from .. import __version__

    return {
        "format": FORMAT,
        "version": __version__,
        "tag_scheme": "BIO",
        "labels": list(labels),
        "tags": list(tags),
        "normalization": {**DEFAULT_NORMALIZATION, **(normalization or {})},
        "windows": {**DEFAULT_WINDOWS, **(windows or {})},
        "base_model": base_model,
        "training": dict(training or {}),
    }


@dataclass
class Checkpoint:
    """A loaded checkpoint: model (eval mode), fast tokenizer and settings."""

    path: Path
    model: Any
    tokenizer: Any
    settings: dict[str, Any]
    runcard: dict[str, Any] = field(default_factory=dict)


def save_checkpoint(path: str | Path, model: Any, tokenizer: Any, settings: Mapping[str, Any],
                    runcard: Mapping[str, Any] | None = None, *, int8_embeddings: bool = False) -> Path:
    """Write the checkpoint directory (created if needed) and return its path.

    The model config gets ``id2label`` / ``label2id`` from ``settings["tags"]``. With
    ``int8_embeddings`` the input embedding matrix is stored in int8 rows (:data:`INT8_ROWS`);
    :func:`load_checkpoint` restores it, ``from_pretrained`` alone does not.
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    tags = list(settings["tags"])
    model.config.id2label = dict(enumerate(tags))
    model.config.label2id = {t: i for i, t in enumerate(tags)}
    with _no_progress_bars():
        model.save_pretrained(path)
    if not (path / "model.safetensors").exists():
        raise ModelError("E203", f"{path}: the model was not saved as model.safetensors; "
                                 "use a model class whose save_pretrained writes safetensors")
    settings = {key: value for key, value in settings.items() if key != "storage"}
    if int8_embeddings:
        _store_int8_rows(path / "model.safetensors", _embedding_key(model))
        settings["storage"] = {"word_embeddings": INT8_ROWS}
    tokenizer.save_pretrained(path)
    (path / SETTINGS_FILE).write_text(json.dumps(dict(settings), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if runcard is not None:
        write_runcard(path, runcard)
    return path


def read_settings(path: str | Path) -> dict[str, Any]:
    """``thaigov_ner.json`` of a checkpoint directory, checked for the tag scheme."""
    path = Path(path)
    _require_files(path)
    try:
        settings = json.loads((path / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError("E202", f"{path / SETTINGS_FILE}: not valid JSON ({exc}); re-save the checkpoint") from None
    if settings.get("format") != FORMAT or settings.get("tag_scheme") != "BIO" or not settings.get("tags"):
        raise ModelError("E202", f"{path / SETTINGS_FILE}: not a thaigov-ner BIO token-classifier checkpoint "
                                 f"(format={settings.get('format')!r}); train one with `thaigov-ner train`")
    return settings


def load_checkpoint(path: str | Path, device: str = "cpu") -> Checkpoint:
    """Load a checkpoint directory offline; the model is put in eval mode on ``device``."""
    path = Path(path)
    settings = read_settings(path)
    from transformers import AutoModelForTokenClassification, PreTrainedTokenizerFast

    storage = settings.get("storage") or {}
    try:
        if storage.get("word_embeddings") == INT8_ROWS:
            model = _load_int8_rows(path)
        elif storage:
            raise ValueError(f"unknown storage {storage!r} in {SETTINGS_FILE}")
        else:
            with _no_progress_bars():
                model = AutoModelForTokenClassification.from_pretrained(path, use_safetensors=True,
                                                                        local_files_only=True)
        tokenizer = PreTrainedTokenizerFast.from_pretrained(path, local_files_only=True)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ModelError("E204", f"{path}: cannot load the model or tokenizer ({exc}); re-save the checkpoint") from None
    tags = [model.config.id2label[i] for i in range(len(model.config.id2label))]
    if tags != list(settings["tags"]):
        raise ModelError("E202", f"{path}: config.json id2label {tags} does not match {SETTINGS_FILE} tags; "
                                 "re-save the checkpoint")
    model.float()  # weights may be stored in float16 to halve the download; compute in float32
    model.to(device)
    model.eval()
    runcard: dict[str, Any] = {}
    if (path / RUNCARD_JSON).exists():
        runcard = json.loads((path / RUNCARD_JSON).read_text(encoding="utf-8"))
    return Checkpoint(path, model, tokenizer, settings, runcard)


def _embedding_key(model: Any) -> str:
    """The state-dict name of the model's input embedding matrix."""
    weight = model.get_input_embeddings().weight
    return next(name for name, param in model.named_parameters() if param is weight)


def _store_int8_rows(file: Path, key: str) -> None:
    """Rewrite one matrix of a safetensors file as int8 rows plus a float16 scale per row."""
    import torch
    from safetensors.torch import load_file, save_file

    state = load_file(str(file))
    matrix = state.pop(key).float()
    scale = (matrix.abs().amax(dim=1, keepdim=True) / 127).clamp(min=1e-12)
    state[f"{key}.int8"] = torch.round(matrix / scale).to(torch.int8)
    state[f"{key}.scale"] = scale.half()
    save_file(state, str(file), metadata={"format": "pt"})


def _load_int8_rows(path: Path) -> Any:
    """The classifier of a checkpoint whose embedding rows are stored in int8 (:data:`INT8_ROWS`)."""
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_config(AutoConfig.from_pretrained(path, local_files_only=True))
    state = load_file(str(path / "model.safetensors"))
    for name in [n for n in state if n.endswith(".int8")]:
        key = name[: -len(".int8")]
        state[key] = state.pop(name).float() * state.pop(f"{key}.scale").float()
    model.load_state_dict(state, strict=True)
    return model


def _require_files(path: Path) -> None:
    if not path.is_dir():
        raise ModelError("E201", f"{path}: checkpoint directory not found; pass the folder written by `thaigov-ner train`")
    for name in REQUIRED_FILES:
        if not (path / name).is_file():
            raise ModelError("E201", f"{path}: checkpoint file {name} is missing; copy the whole checkpoint "
                                     "folder or re-save it")


# --- run card -------------------------------------------------------------------------

def write_runcard(path: str | Path, runcard: Mapping[str, Any]) -> None:
    """Write ``runcard.json`` and a readable ``RUNCARD.md`` into the checkpoint directory."""
    path = Path(path)
    (path / RUNCARD_JSON).write_text(json.dumps(dict(runcard), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (path / RUNCARD_MD).write_text(render_runcard(runcard), encoding="utf-8")


def render_runcard(runcard: Mapping[str, Any]) -> str:
    """Markdown view of a run card: summary, data files, per-label metrics, history, config."""
    lines = ["# Run card", ""]
    for key in ("created", "base_model", "git_commit", "seed", "best_epoch", "steps",
                "python", "torch", "transformers", "thaigov_ner"):
        if key in runcard:
            lines.append(f"- **{key}**: {runcard[key]}")
    data = runcard.get("data") or []
    if data:
        lines += ["", "## Data", "", "| split | file | documents | weight | missing labels | sha256 |",
                  "|---|---|---|---|---|---|"]
        for d in data:
            lines.append(f"| {d.get('split', '')} | {d.get('path', '')} | {d.get('documents', '')} | "
                         f"{d.get('weight', '')} | {', '.join(d.get('missing_labels') or []) or '-'} | "
                         f"`{d.get('sha256', '')[:16]}` |")
    metrics = runcard.get("dev_metrics") or {}
    if metrics:
        lines += ["", "## Dev metrics (exact span and label)", "", "| label | precision | recall | F1 | support |",
                  "|---|---|---|---|---|"]
        for label, m in metrics.items():
            lines.append(f"| {label} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | {m['support']} |")
    history = runcard.get("history") or []
    if history:
        lines += ["", "## Epochs", "", "| epoch | steps | train loss | dev F1 |", "|---|---|---|---|"]
        for h in history:
            f1 = h.get("dev_f1")
            lines.append(f"| {h['epoch']} | {h['steps']} | {h['train_loss']:.4f} | "
                         f"{'-' if f1 is None else f'{f1:.4f}'} |")
    if "config" in runcard:
        lines += ["", "## Config", "", "```json", json.dumps(runcard["config"], ensure_ascii=False, indent=2), "```"]
    return "\n".join(lines) + "\n"
