"""BIO tags over subword tokens: the tag set, character spans -> tag ids
(``encode``) and tag scores -> character spans (``decode``).

Both directions work on one text and the tokenizer's character offsets into
it (``return_offsets_mapping``): ``token_offsets[i] = (start, end)``. A token
with an empty offset (``start == end``: special tokens such as ``[CLS]``)
carries no tag: ``encode`` gives it :data:`IGNORE` and ``decode`` skips it.

Span edge inside a subword (policy :func:`align_largest_overlap`): a token that
overlaps one or more spans belongs to the one sharing most of its characters
(ties go to the earlier span); a token overlapping no span is ``O``. A gold
span that starts or ends inside a subword therefore grows to that subword's
boundary and is *not exactly recoverable*; a span whose every token is taken
by a neighbour covering more of it is *lost*. :func:`alignment_stats` counts
both, so the loss can be measured on a corpus for a given tokenizer.

This module needs numpy only (no torch).
"""

from __future__ import annotations

import functools
from typing import Callable, Sequence

import numpy as np

from ..schema import LABELS

IGNORE = -100  # label id that the loss skips (PyTorch's CrossEntropyLoss ignore_index)

Span = tuple[int, int, str]  # (start, end, label), half-open character span
Offsets = Sequence[tuple[int, int]]


def tag_set(labels: Sequence[str] = LABELS) -> tuple[str, ...]:
    """``("O", "B-PERSON", "I-PERSON", ...)`` in label order."""
    return ("O",) + tuple(f"{p}-{label}" for label in labels for p in ("B", "I"))


TAGS: tuple[str, ...] = tag_set()
ID2LABEL: dict[int, str] = dict(enumerate(TAGS))
LABEL2ID: dict[str, int] = {tag: i for i, tag in ID2LABEL.items()}


# --- encode: character spans -> tag ids ----------------------------------------------

AlignPolicy = Callable[[Sequence[Span], Offsets], list[int]]


def align_largest_overlap(spans: Sequence[Span], token_offsets: Offsets) -> list[int]:
    """For each token, the index of the span sharing most of its characters, or -1 when it
    overlaps no span.

    Ties go to the earlier span; tokens with an empty offset get -1.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1]))
    ordered = [spans[i] for i in order]
    owner: list[int] = []
    k = 0  # first span that may still overlap the current token (offsets are non-decreasing)
    for ts, te in token_offsets:
        best, best_overlap = -1, 0
        if te > ts:
            while k < len(ordered) and ordered[k][1] <= ts:
                k += 1
            j = k
            while j < len(ordered) and ordered[j][0] < te:
                overlap = min(te, ordered[j][1]) - max(ts, ordered[j][0])
                if overlap > best_overlap:
                    best, best_overlap = j, overlap
                j += 1
        owner.append(order[best] if best >= 0 else -1)
    return owner


def encode(char_spans: Sequence[Span], token_offsets: Offsets, *,
           label2id: dict[str, int] = LABEL2ID, align: AlignPolicy = align_largest_overlap) -> list[int]:
    """Tag ids, one per token: ``B-X`` on the first token of each span, ``I-X`` on the
    rest, ``O`` elsewhere, :data:`IGNORE` on tokens with an empty offset.

    ``char_spans`` are ``(start, end, label)`` on the same text as ``token_offsets``
    and must not overlap. Unknown labels raise ``KeyError``.
    """
    owners = align(char_spans, token_offsets)
    ids: list[int] = []
    previous = -1
    for (ts, te), owner in zip(token_offsets, owners):
        if te <= ts:
            ids.append(IGNORE)
            continue
        if owner < 0:
            ids.append(label2id["O"])
        else:
            label = char_spans[owner][2]
            ids.append(label2id[("I-" if owner == previous else "B-") + label])
        previous = owner
    return ids


def token_spans(tag_ids: Sequence[int], token_offsets: Offsets,
                id2label: dict[int, str] = ID2LABEL) -> list[tuple[int, int, str, list[int]]]:
    """``(start, end, label, token indices)`` of each B/I run of ``tag_ids``.

    Tokens tagged :data:`IGNORE` or with an empty offset are skipped (they neither
    start nor end a span). An ``I-X`` that does not continue an ``X`` span starts one.
    """
    out: list[tuple[int, int, str, list[int]]] = []
    current: list | None = None
    for i, (tag_id, (ts, te)) in enumerate(zip(tag_ids, token_offsets)):
        if tag_id == IGNORE or te <= ts:
            continue
        tag = id2label[int(tag_id)]
        if tag == "O":
            current = None
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "I" and current is not None and current[2] == label:
            current[0] = min(current[0], ts)
            current[1] = max(current[1], te)
            current[3].append(i)
        else:
            current = [ts, te, label, [i]]
            out.append(current)  # type: ignore[arg-type]
    return [(s, e, label, idx) for s, e, label, idx in out]


def alignment_stats(char_spans: Sequence[Span], token_offsets: Offsets, text: str | None = None) -> dict[str, int]:
    """How many gold spans survive :func:`encode` then :func:`token_spans`:
    ``exact`` (same start, end and label), ``inexact`` (an edge inside a subword, or
    split by a token that straddles two spans), ``lost`` (owns no token). With
    ``text``, recovered spans are first trimmed of edge whitespace, as the
    predictor does."""
    tagged = encode(char_spans, token_offsets)
    recovered = set()
    for s, e, label, _ in token_spans(tagged, token_offsets):
        if text is not None:
            s, e = trim_span(text, s, e)
        recovered.add((s, e, label))
    owned = {o for o, t in zip(align_largest_overlap(char_spans, token_offsets), tagged) if o >= 0 and t != IGNORE}
    stats = {"spans": len(char_spans), "exact": 0, "inexact": 0, "lost": 0}
    for i, span in enumerate(char_spans):
        if i not in owned:
            stats["lost"] += 1
        elif tuple(span) in recovered:
            stats["exact"] += 1
        else:
            stats["inexact"] += 1
    return stats


# --- decode: tag scores -> character spans -------------------------------------------

@functools.lru_cache(maxsize=8)
def _masks(tags: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    masks = transition_mask(tags), start_mask(tags)
    for mask in masks:
        mask.flags.writeable = False  # shared between calls
    return masks


def transition_mask(tags: Sequence[str] = TAGS) -> np.ndarray:
    """``allowed[i, j]``: may tag ``j`` follow tag ``i``? ``I-X`` only after ``B-X`` or ``I-X``."""
    n = len(tags)
    allowed = np.ones((n, n), dtype=bool)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            label = tag[2:]
            for i, prev in enumerate(tags):
                allowed[i, j] = prev in (f"B-{label}", f"I-{label}")
    return allowed


def start_mask(tags: Sequence[str] = TAGS) -> np.ndarray:
    """``allowed[j]``: may a sequence start with tag ``j``? Not with an ``I-`` tag."""
    return np.array([not t.startswith("I-") for t in tags], dtype=bool)


def constrained_viterbi(log_probs: np.ndarray, allowed: np.ndarray, allowed_start: np.ndarray) -> list[int]:
    """The best tag path under a hard transition mask (no learned transition scores).

    ``log_probs`` is ``(n_tokens, n_tags)``; returns ``n_tokens`` tag ids such that
    every consecutive pair is allowed and the first tag is an allowed start.
    """
    return viterbi_batch([log_probs], allowed, allowed_start)[0]


def viterbi_batch(sequences: Sequence[np.ndarray], allowed: np.ndarray,
                  allowed_start: np.ndarray) -> list[list[int]]:
    """:func:`constrained_viterbi` of each sequence, computed together.

    Where the best tag of each token already forms an allowed path (most texts), that
    path is the answer. The others go through one dynamic programme over the longest,
    the shorter ones padded with a tag that may follow any tag (``O``) scored 0, which
    changes no path.
    """
    paths: list[list[int]] = [[] for _ in sequences]
    todo = []
    for i, lp in enumerate(sequences):
        if len(lp):
            greedy = lp.argmax(axis=1)
            if allowed_start[greedy[0]] and allowed[greedy[:-1], greedy[1:]].all():
                paths[i] = greedy.tolist()
            else:
                todo.append(i)
    fillers = np.flatnonzero(allowed.all(axis=0))
    if len(fillers):
        groups, filler = [todo], int(fillers[0])
    else:  # no tag may follow every tag: one sequence at a time, so nothing is padded
        groups, filler = [[i] for i in todo], 0
    for group in groups:
        found = _viterbi_padded([sequences[i] for i in group], allowed, allowed_start, filler)
        for i, path in zip(group, found):
            paths[i] = path
    return paths


def _viterbi_padded(sequences: Sequence[np.ndarray], allowed: np.ndarray, allowed_start: np.ndarray,
                    filler: int) -> list[list[int]]:
    if not sequences:
        return []
    rows, longest, k = len(sequences), max(len(lp) for lp in sequences), allowed.shape[0]
    lp = np.full((rows, longest, k), -np.inf)
    for r, seq in enumerate(sequences):
        lp[r, :len(seq)] = seq
        lp[r, len(seq):, filler] = 0.0
    forbid = np.where(allowed, 0.0, -np.inf)
    score = np.where(allowed_start, lp[:, 0], -np.inf)  # (rows, tag)
    back = np.zeros((rows, longest, k), dtype=np.int64)
    for t in range(1, longest):
        cand = score[:, :, None] + forbid  # (rows, previous tag, tag)
        back[:, t] = cand.argmax(axis=1)
        score = cand.max(axis=1) + lp[:, t]
    path = np.zeros((rows, longest), dtype=np.int64)
    path[:, -1] = score.argmax(axis=1)
    every = np.arange(rows)
    for t in range(longest - 1, 0, -1):
        path[:, t - 1] = back[every, t, path[:, t]]
    return [path[r, :len(seq)].tolist() for r, seq in enumerate(sequences)]


Decoder = Callable[[Sequence[np.ndarray], np.ndarray, np.ndarray], list[list[int]]]
Span4 = tuple[int, int, str, float]


def decode(log_probs: np.ndarray, token_offsets: Offsets, *, tags: Sequence[str] = TAGS,
           decoder: Decoder = viterbi_batch, text: str | None = None) -> list[Span4]:
    """Character spans ``(start, end, label, score)`` from per-token tag log-probabilities.

    Tokens with an empty offset are left out before decoding. The span runs from
    its first token's start to its last token's end; ``score`` is the mean
    probability of the chosen tag over the span's tokens. Spans are not trimmed
    of whitespace here (see :func:`trim_span`).

    With ``text`` (the text the offsets index), no span runs across a line break:
    a token after a ``"\n"`` cannot take an ``I-`` tag. The tokenizer turns line
    breaks into plain spaces, so the model cannot see them; no gold span in the
    project's corpora crosses one.
    """
    return decode_batch([log_probs], [token_offsets], tags=tags, decoder=decoder, texts=[text])[0]


def decode_batch(log_probs: Sequence[np.ndarray], token_offsets: Sequence[Offsets], *,
                 tags: Sequence[str] = TAGS, decoder: Decoder = viterbi_batch,
                 texts: Sequence[str | None] | None = None) -> list[list[Span4]]:
    """:func:`decode` of several texts (one call of the decoder for all)."""
    texts = texts if texts is not None else [None] * len(log_probs)
    inputs = []
    for lp, offsets, text in zip(log_probs, token_offsets, texts, strict=True):
        lp = np.asarray(lp, dtype=np.float64)
        if lp.ndim != 2 or lp.shape[0] != len(offsets) or lp.shape[1] != len(tags):
            raise ValueError(f"log_probs has shape {lp.shape}, expected ({len(offsets)}, {len(tags)})")
        keep = [i for i, (s, e) in enumerate(offsets) if e > s]
        lp, offsets = lp[keep], [offsets[i] for i in keep]
        if text is not None and offsets:
            after_break = [k for k in range(1, len(offsets)) if "\n" in text[offsets[k - 1][1]:offsets[k][0]]]
            if after_break:
                inside = [j for j, tag in enumerate(tags) if tag.startswith("I-")]
                lp[np.ix_(after_break, inside)] = -np.inf
        inputs.append((lp, offsets))
    paths = decoder([lp for lp, _ in inputs], *_masks(tuple(tags)))
    id2label = dict(enumerate(tags))
    out = []
    for (lp, offsets), path in zip(inputs, paths):
        spans = []
        for s, e, label, idx in token_spans(path, offsets, id2label):
            score = float(np.mean(np.exp([lp[i, path[i]] for i in idx])))
            spans.append((s, e, label, min(1.0, score)))
        out.append(spans)
    return out


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without whitespace at either edge (may become empty: start == end)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
