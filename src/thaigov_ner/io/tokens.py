"""Tokens with character offsets, cut at entity edges, for the token-based
formats (CoNLL, spaCy).

Rules, the same for every writer that uses them:

- Words come from a named engine (``"newmm"``: PyThaiNLP's bundled
  dictionary tokenizer, offline; ``"whitespace"``: runs of non-space
  characters), imported lazily. Offsets are recovered by walking the text, so
  every character of the text is in exactly one token.
- Whitespace is kept as its own tokens (a run of whitespace is one token), so
  the text is rebuilt exactly by joining the tokens; a token never mixes
  whitespace and other characters.
- A token is split wherever an entity starts or ends inside it, so every
  entity is a whole number of tokens and no span changes.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from ..errors import DataError

_WS_RUNS = re.compile(r"\s+|\S+")


def _newmm(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize  # heavy: imported on first use

    return word_tokenize(text, engine="newmm", keep_whitespace=True)


def _whitespace(text: str) -> list[str]:
    return _WS_RUNS.findall(text)


TOKENIZERS: dict[str, Callable[[str], list[str]]] = {"newmm": _newmm, "whitespace": _whitespace}


def token_spans(text: str, edges: Iterable[int] = (), engine: str = "newmm") -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` of each token of ``text``, covering it without gaps, split at
    whitespace boundaries and at every offset in ``edges``."""
    try:
        tokenize = TOKENIZERS[engine]
    except KeyError:
        raise DataError("E102", f"unknown tokenizer engine {engine!r}; choose one of {', '.join(TOKENIZERS)}") from None
    cuts = {0, len(text)} | {e for e in edges if 0 < e < len(text)}
    pos = 0
    for word in tokenize(text):
        if not word:
            continue
        found = text.find(word, pos)
        if found < 0:  # the engine changed the text; keep what is left as it is
            break
        cuts.update((found, found + len(word)))
        pos = found + len(word)
    for m in _WS_RUNS.finditer(text):
        cuts.update((m.start(), m.end()))
    ordered = sorted(cuts)
    return list(zip(ordered, ordered[1:]))
