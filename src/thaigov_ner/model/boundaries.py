"""Entity edges inside a subword piece.

The XLM-R vocabulary glues some words that the annotation guidelines keep
outside a span onto the entity next to them: ``▁เมื่อวันที่``, ``▁ประจําปี``,
``▁(1``, ``5)``. A token classifier can only tag whole pieces, so a predicted
span starting on ``▁เมื่อวันที่`` includes ``เมื่อ`` however well the model has
learnt the convention. A *boundary policy* moves such an edge to where the
guidelines put it; the words and brackets are data
(``data/boundaries.json``), and every policy is a named function in
:data:`BOUNDARY_POLICIES` so it can be swapped or turned off (``"none"``).

:func:`cut_glued_words` (the default) cuts

- a leading word listed for the span's label (``เมื่อ`` before a DATE, ``ใน``
  before a LOCATION, ...), only where the rest of the span starts inside the
  same piece, that is where the model could not have put the edge itself;
- an opening bracket at the start or a closing bracket at the end that is not
  matched inside the span (``(12 ก.ย. 65)`` -> ``12 ก.ย. 65``; a bracketed
  qualifier such as ``หอภาพยนตร์ (องค์การมหาชน)`` keeps its brackets).

This module needs only the standard library.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Callable, Sequence

Offsets = Sequence[tuple[int, int]]
BoundaryPolicy = Callable[[str, int, int, str, Offsets], tuple[int, int]]

# Thai vowels and marks that cannot begin a word: a cut before one is inside a word
# (จาการ์ตา is not จาก + าร์ตา).
_NOT_WORD_INITIAL = frozenset("ะัาำิีึืฺุู็่้๊๋์ํๅ")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    data = json.loads((resources.files("thaigov_ner") / "data" / "boundaries.json").read_text(encoding="utf-8"))
    words = {label: tuple(sorted(ws, key=len, reverse=True)) for label, ws in data["leading_words"].items()}
    return words, tuple((o, c) for o, c in data["brackets"])


def keep_edges(text: str, start: int, end: int, label: str, token_offsets: Offsets) -> tuple[int, int]:
    """The span as decoded."""
    return start, end


def cut_glued_words(text: str, start: int, end: int, label: str, token_offsets: Offsets) -> tuple[int, int]:
    """The span without a glued leading word or an unmatched edge bracket (see the module doc)."""
    words, brackets = _lexicon()
    for word in words.get(label, ()):
        cut = start + len(word)
        if cut < end and text.startswith(word, start) and not text[cut].isspace() \
                and text[cut] not in _NOT_WORD_INITIAL and not any(s == cut < e for s, e in token_offsets):
            start = cut
            break
    for opening, closing in brackets:
        inner = text[start:end]
        wrapped = inner.startswith(opening) and inner.endswith(closing) and len(inner) > 2
        if wrapped and inner.count(opening) == 1 and inner.count(closing) == 1:
            start, end = start + 1, end - 1
            continue
        if inner.startswith(opening) and closing not in inner and len(inner) > 1:
            start += 1
        if inner.endswith(closing) and opening not in inner and len(inner) > 1:
            end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


BOUNDARY_POLICIES: dict[str, BoundaryPolicy] = {"cut_glued_words": cut_glued_words, "none": keep_edges}


def boundary_policy(name: str) -> BoundaryPolicy:
    try:
        return BOUNDARY_POLICIES[name]
    except KeyError:
        raise ValueError(f"unknown boundary policy {name!r}; choose one of {', '.join(BOUNDARY_POLICIES)}") from None
