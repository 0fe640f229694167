"""Entities from a trained token classifier.

For each text: :func:`~thaigov_ner.text.normalize` (with an offset map) ->
fast tokenizer with offsets on the normalised text -> sliding windows ->
tag log-probabilities per window (windows of all texts batched together) ->
merged per token -> constrained Viterbi BIO decoding -> spans on the
normalised text, an edge inside a subword piece placed by a boundary policy
(``boundaries.py``) -> spans on the caller's text via ``NormalizedText.to_original``,
trimmed of edge whitespace -> :class:`~thaigov_ner.schema.Entity` with ``score``.

torch is imported only when a classifier is built, never at ``import thaigov_ner``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from ..schema import Entity
from ..text import NormalizedText, normalize
from .bio import decode_batch, trim_span
from .boundaries import boundary_policy
from .windows import merge_windows, special_tokens, tokenize, window_inputs, window_spans


@dataclass
class _Prepared:
    norm: NormalizedText
    token_ids: list[int]
    offsets: list[tuple[int, int]]
    spans: list[tuple[int, int]]


class TorchRunner:
    """Logits of a torch token-classification model (anything called with ``input_ids`` and
    ``attention_mask`` tensors that returns ``.logits``), numpy arrays in and out."""

    def __init__(self, model: Any, device: str = "cpu"):
        self.model = model
        self.device = device

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        import torch

        self.model.eval()
        with torch.inference_mode():
            logits = self.model(input_ids=torch.from_numpy(input_ids).to(self.device),
                                attention_mask=torch.from_numpy(attention_mask).to(self.device)).logits
        return logits.float().cpu().numpy()


class TokenClassifier:
    """A BIO token classifier with its tokenizer and settings (see ``checkpoint.py``).

    ``model`` is a torch model, or a runner: an object with ``is_runner = True`` called
    with ``(input_ids, attention_mask)`` int64 arrays that returns float logits
    ``(batch, length, n_tags)``, such as :class:`~thaigov_ner.model.onnx.OnnxRunner`."""

    def __init__(self, model: Any, tokenizer: Any, settings: Mapping[str, Any], device: str = "cpu"):
        if not getattr(tokenizer, "is_fast", False):
            raise TypeError("TokenClassifier needs a fast tokenizer (character offsets); got "
                            f"{type(tokenizer).__name__}")
        self.model = model
        self.runner = model if getattr(model, "is_runner", False) else TorchRunner(model, device)
        self.sort_windows = True  # batch windows of like length together (False: in text order)
        self.tokenizer = tokenizer
        self.settings = dict(settings)
        self.device = device
        self.tags: list[str] = list(settings["tags"])
        self.normalization: dict[str, bool] = dict(settings.get("normalization", {}))
        windows = settings.get("windows", {})
        self.prefix, self.suffix = special_tokens(tokenizer)
        self.max_length = int(windows.get("max_length", 256))
        self.max_tokens = self.max_length - len(self.prefix) - len(self.suffix)
        self.overlap = int(windows.get("overlap", 64))
        self.merge = windows.get("merge", "central")
        # how an edge inside a subword piece is placed (model/boundaries.py)
        self.boundaries = boundary_policy(settings.get("boundaries", "cut_glued_words"))
        window_spans(1, self.max_tokens, self.overlap)  # validates the window settings

    @classmethod
    def load(cls, path: str | Path, device: str = "cpu") -> "TokenClassifier":
        """Load a checkpoint directory written by :func:`~thaigov_ner.model.checkpoint.save_checkpoint`."""
        from .checkpoint import load_checkpoint

        ckpt = load_checkpoint(path, device=device)
        return cls(ckpt.model, ckpt.tokenizer, ckpt.settings, device=device)

    def predict(self, texts: Sequence[str], batch_size: int = 16) -> list[list[Entity]]:
        """Entities of each text, in input order; spans index the texts as given."""
        if isinstance(texts, str):
            raise TypeError("predict() takes a list of texts, not a single string; wrap it: predict([text])")
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] is {type(t).__name__}, expected str")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        prepared = [self._prepare(t) for t in texts]
        scores = self.token_log_probs(prepared, batch_size)
        return self._entities(prepared, scores)

    # --- steps ------------------------------------------------------------------------

    def _prepare(self, text: str) -> _Prepared:
        norm = normalize(text, **self.normalization)
        ids, offsets = tokenize(self.tokenizer, norm.text)
        return _Prepared(norm, ids, offsets, window_spans(len(ids), self.max_tokens, self.overlap))

    def token_log_probs(self, prepared: Sequence[_Prepared], batch_size: int) -> list[np.ndarray]:
        """Merged ``(n_tokens, n_tags)`` log-probabilities of each prepared text; the windows
        of all texts are scored together, ``batch_size`` windows at a time, shortest first
        (windows of like length share a batch, so little of it is padding)."""
        jobs = []  # (text index, window index, input ids)
        for d, p in enumerate(prepared):
            for w, ids in enumerate(window_inputs(p.token_ids, p.spans, self.prefix, self.suffix)):
                jobs.append((d, w, ids))
        if self.sort_windows:
            jobs.sort(key=lambda job: len(job[2]))
        per_window: dict[tuple[int, int], np.ndarray] = {}
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        for b in range(0, len(jobs), batch_size):
            batch = jobs[b:b + batch_size]
            width = max(len(ids) for _, _, ids in batch)
            input_ids = np.full((len(batch), width), pad, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, (_, _, ids) in enumerate(batch):
                input_ids[row, :len(ids)] = ids
                mask[row, :len(ids)] = 1
            log_probs = _log_softmax(np.asarray(self.runner(input_ids, mask), dtype=np.float32))
            for row, (d, w, ids) in enumerate(batch):
                n_content = len(ids) - len(self.prefix) - len(self.suffix)
                per_window[(d, w)] = log_probs[row, len(self.prefix):len(self.prefix) + n_content]
        out = []
        for d, p in enumerate(prepared):
            if not p.token_ids:
                out.append(np.zeros((0, len(self.tags))))
                continue
            window_scores = [per_window[(d, w)] for w in range(len(p.spans))]
            out.append(merge_windows(len(p.token_ids), p.spans, window_scores, self.merge))
        return out

    def _entities(self, prepared: Sequence[_Prepared], log_probs: Sequence[np.ndarray]) -> list[list[Entity]]:
        spans = decode_batch(log_probs, [p.offsets for p in prepared], tags=self.tags,
                             texts=[p.norm.text for p in prepared])
        out = []
        for p, found in zip(prepared, spans):
            original = p.norm.original
            entities: list[Entity] = []
            for start, end, label, score in found:
                start, end = self.boundaries(p.norm.text, *trim_span(p.norm.text, start, end), label, p.offsets)
                if not any(ch.isalnum() for ch in p.norm.text[start:end]):
                    continue  # whitespace or punctuation only ("."): nothing that names anything
                s, e = trim_span(original, *p.norm.to_original(start, end))
                entities.append(Entity(s, e, label, original[s:e], id=f"T{len(entities) + 1}", score=round(score, 6)))
            out.append(entities)
        return out


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
