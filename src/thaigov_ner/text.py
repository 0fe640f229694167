"""Text handling in one place: normalisation with an offset map, Thai digits,
sentence splitting.

Every normalisation keeps, for each output character, the span of input
characters it came from, so a span found on the normalised text maps back to
the caller's original text with :meth:`NormalizedText.to_original`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_THAI_TO_ARABIC = {ord(t): str(i) for i, t in enumerate(THAI_DIGITS)}
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Whitespace other than the line break collapses to one plain space; line breaks are kept.
_SPACES = frozenset(" \t\u00a0\u2002\u2003\u2009\u202f\u3000")
# A run of characters none of which any option below touches by itself (most of a text):
# copied whole when it is already in NFC.
_PLAIN_RUN = re.compile("[^" + re.escape("".join(sorted(ZERO_WIDTH | _SPACES)) + THAI_DIGITS + "\u0e4d") + "]+")


def thai_digits_to_arabic(text: str) -> str:
    """``"๒๕๖๖"`` -> ``"2566"``; same length, so offsets are unchanged."""
    return text.translate(_THAI_TO_ARABIC)


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string with, for each of its characters, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the normalised text (length {len(self.text)})")
        return self.starts[start], self.ends[end - 1]


def normalize(text: str, *, digits: bool = True, zero_width: bool = True,
              spaces: bool = True, nfc: bool = True) -> NormalizedText:
    """Normalise ``text`` for the model, keeping an offset map.

    - Unicode NFC, applied per combining sequence so offsets stay exact;
      also the common Thai typing error NIKHAHIT + SARA AA -> SARA AM.
    - zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen) removed;
    - Thai digits to Arabic digits;
    - runs of spaces and tabs collapsed to one space (line breaks kept).
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chunk: str, s: int, e: int) -> None:
        for ch in chunk:
            out.append(ch)
            starts.append(s)
            ends.append(e)

    i, n = 0, len(text)
    slow_until = 0  # end of a run found not to be in NFC: it goes character by character
    while i < n:
        if i >= slow_until and (run := _PLAIN_RUN.match(text, i)):
            if not nfc or unicodedata.is_normalized("NFC", run.group()):
                out.append(run.group())
                starts.extend(range(i, run.end()))
                ends.extend(range(i + 1, run.end() + 1))
                i = run.end()
                continue
            slow_until = run.end()
        ch = text[i]
        if zero_width and ch in ZERO_WIDTH:
            i += 1
            continue
        if spaces and ch in _SPACES:
            j = i
            while j < n and (text[j] in _SPACES or (zero_width and text[j] in ZERO_WIDTH)):
                j += 1
            emit(" ", i, j)
            i = j
            continue
        if ch == "\u0e4d" and i + 1 < n and text[i + 1] == "\u0e32" and nfc:
            emit("\u0e33", i, i + 2)
            i += 2
            continue
        # A base character with the combining marks that follow it.
        j = i + 1
        while j < n and unicodedata.combining(text[j]) and text[j] not in ZERO_WIDTH:
            j += 1
        chunk = text[i:j]
        if nfc:
            chunk = unicodedata.normalize("NFC", chunk)
        if digits:
            chunk = thai_digits_to_arabic(chunk)
        if len(chunk) == j - i:
            for k, c in enumerate(chunk):
                emit(c, i + k, i + k + 1)
        else:
            emit(chunk, i, j)
        i = j
    return NormalizedText(text, "".join(out), tuple(starts), tuple(ends))


# --- sentence splitting -------------------------------------------------------------

_SENT_BREAK = re.compile(r"\n+|(?<=[.!?])\s+|\s{2,}")


def _split_spaces(text: str) -> list[tuple[int, int]]:
    """Thai news marks sentence ends with a space or a line break; split on
    line breaks, on spaces after ``.!?`` and on runs of spaces."""
    spans, start = [], 0
    for m in _SENT_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_crfcut(text: str) -> list[tuple[int, int]]:
    """PyThaiNLP's CRFCut sentence segmenter (its model ships in the wheel),
    applied per line, with offsets recovered by scanning the input."""
    from pythainlp.tokenize import sent_tokenize

    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        pos = line_start
        for sent in sent_tokenize(text[line_start:line_end], engine="crfcut"):
            stripped = sent.strip()
            if not stripped:
                continue
            s = text.index(stripped, pos, line_end)
            spans.append((s, s + len(stripped)))
            pos = s + len(stripped)
    return spans


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


SENTENCE_ENGINES: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "spaces": _split_spaces,
    "lines": _lines,
    "crfcut": _split_crfcut,
}


def sentence_spans(text: str, engine: str = "spaces") -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, trimmed of surrounding whitespace."""
    try:
        split = SENTENCE_ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown sentence engine {engine!r}; choose one of {', '.join(SENTENCE_ENGINES)}") from None
    out = []
    for s, e in split(text):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out
