"""Sliding windows over a subword sequence of any length, and merging the
per-token scores of overlapping windows back into one sequence.

A text is tokenised once, without special tokens; :func:`window_spans` cuts
its token sequence into windows of at most ``max_tokens`` tokens that overlap
by ``overlap`` tokens, so every token is in at least one window and nothing is
truncated. After the model has scored each window, :func:`merge_windows`
gives each token one score vector (policy :func:`merge_central` by default:
the window in which the token has the most context on both sides), and the
whole document is decoded once, so an entity at a window edge is neither
duplicated nor split.

This module needs numpy only (no torch).
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

Window = tuple[int, int]  # token indices [start, end) into the document's token sequence


def window_spans(n_tokens: int, max_tokens: int, overlap: int) -> list[Window]:
    """Windows ``[start, end)`` covering ``range(n_tokens)``; consecutive windows share
    ``overlap`` tokens (the last window may share more: it ends at ``n_tokens``).

    >>> window_spans(10, 4, 1)
    [(0, 4), (3, 7), (6, 10)]
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    if not 0 <= overlap < max_tokens:
        raise ValueError(f"overlap must be in 0..max_tokens-1 ({max_tokens - 1}), got {overlap}")
    if n_tokens <= 0:
        return []
    step = max_tokens - overlap
    spans: list[Window] = []
    start = 0
    while True:
        end = min(start + max_tokens, n_tokens)
        spans.append((start, end))
        if end == n_tokens:
            return spans
        start += step


def tokenize(tokenizer, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """``(token ids, character offsets)`` of the whole ``text``, without special tokens and
    without truncation.

    Offsets go through :func:`~thaigov_ner.model.encoder.content_offsets`: a bare
    ``"▁"`` token (whose offset would claim the next token's first character) gets an
    empty offset and whitespace is cut from token edges. Then no two tokens share a
    character: when a normaliser expands one character into several pieces (NFKC
    ``"…"`` -> ``"."`` + ``".."``), the later piece starts where the earlier one ends,
    or gets an empty offset if nothing is left of it.
    """
    from .encoder import content_offsets

    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    offsets = content_offsets(text, enc.tokens(), [tuple(o) for o in enc["offset_mapping"]])
    out, end = [], 0
    for s, e in offsets:
        if e > s:
            s = max(s, end)
            if e <= s:
                s = e = end
            else:
                end = e
        out.append((s, e))
    return list(enc["input_ids"]), out


def special_tokens(tokenizer) -> tuple[list[int], list[int]]:
    """The ids the tokenizer puts before and after a single sequence (e.g. ``[CLS]`` and
    ``[SEP]``, or ``<s>`` and ``</s>``), found by comparing an encoding with and
    without special tokens; ``([], [])`` for a tokenizer that adds none."""
    probe = "a"
    bare = tokenizer(probe, add_special_tokens=False)["input_ids"]
    full = tokenizer(probe, add_special_tokens=True)["input_ids"]
    for i in range(len(full) - len(bare) + 1):
        if full[i:i + len(bare)] == bare:
            return list(full[:i]), list(full[i + len(bare):])
    raise ValueError("cannot find where the tokenizer puts its special tokens; use a fast tokenizer "
                     "whose special tokens surround a single sequence")


def window_inputs(token_ids: Sequence[int], spans: Sequence[Window],
                  prefix: Sequence[int], suffix: Sequence[int]) -> list[list[int]]:
    """Model input ids of each window: ``prefix + token_ids[start:end] + suffix``."""
    return [list(prefix) + list(token_ids[s:e]) + list(suffix) for s, e in spans]


# --- merging --------------------------------------------------------------------------

MergePolicy = Callable[[int, Sequence[Window], Sequence[np.ndarray]], np.ndarray]


def merge_central(n_tokens: int, spans: Sequence[Window], window_scores: Sequence[np.ndarray]) -> np.ndarray:
    """Each token takes its scores from the window where its distance to the nearer
    window edge is largest (ties: the earlier window). ``window_scores[w]`` has one
    row per token of ``spans[w]``."""
    _check(n_tokens, spans, window_scores)
    out = np.zeros((n_tokens, window_scores[0].shape[1]), dtype=np.float64) if spans else np.zeros((0, 0))
    best = np.full(n_tokens, -1)
    for (s, e), scores in zip(spans, window_scores):
        pos = np.arange(s, e)
        # the first window has no left edge, the last window no right edge
        left = pos - s if s > 0 else np.full(e - s, n_tokens)
        right = e - 1 - pos if e < n_tokens else np.full(e - s, n_tokens)
        context = np.minimum(left, right)
        better = context > best[s:e]
        out[pos[better]] = scores[better]
        best[s:e] = np.where(better, context, best[s:e])
    return out


def merge_mean(n_tokens: int, spans: Sequence[Window], window_scores: Sequence[np.ndarray]) -> np.ndarray:
    """Each token takes the mean of its score vectors over the windows that contain it
    (use it on probabilities or log-probabilities alike)."""
    _check(n_tokens, spans, window_scores)
    if not spans:
        return np.zeros((0, 0))
    total = np.zeros((n_tokens, window_scores[0].shape[1]), dtype=np.float64)
    count = np.zeros(n_tokens)
    for (s, e), scores in zip(spans, window_scores):
        total[s:e] += scores
        count[s:e] += 1
    return total / count[:, None]


MERGE_POLICIES: dict[str, MergePolicy] = {"central": merge_central, "mean": merge_mean}


def merge_windows(n_tokens: int, spans: Sequence[Window], window_scores: Sequence[np.ndarray],
                  policy: str | MergePolicy = "central") -> np.ndarray:
    """One ``(n_tokens, n_tags)`` score matrix from the scores of overlapping windows."""
    if isinstance(policy, str):
        try:
            policy = MERGE_POLICIES[policy]
        except KeyError:
            raise ValueError(f"unknown merge policy {policy!r}; choose one of {', '.join(MERGE_POLICIES)}") from None
    return policy(n_tokens, spans, window_scores)


def _check(n_tokens: int, spans: Sequence[Window], window_scores: Sequence[np.ndarray]) -> None:
    if len(spans) != len(window_scores):
        raise ValueError(f"{len(spans)} windows but {len(window_scores)} score arrays")
    covered = np.zeros(n_tokens, dtype=bool)
    for (s, e), scores in zip(spans, window_scores):
        if scores.shape[0] != e - s:
            raise ValueError(f"window [{s}, {e}) has {e - s} tokens but {scores.shape[0]} score rows")
        covered[s:e] = True
    if not covered.all():
        raise ValueError(f"windows leave {int((~covered).sum())} of {n_tokens} tokens uncovered")
