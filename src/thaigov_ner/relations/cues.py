"""The cue lexicons of the rule layer, loaded from ``thaigov_ner/data/cues/*.json``.

The rules hold no Thai words of their own: every trigger, title, pronoun and
joining word is data, so a lexicon can be extended without touching code. Each
file is read once per process (:func:`load_cues` is cached).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

from ..errors import DataError
from ..text import ZERO_WIDTH as _INVISIBLE

# Whitespace between entities, invisible characters included: Thai web text uses U+200B as an
# invisible word break (นางสาลินี วิรา\u200bรัตน์\u200b นางพิมวรา…), and it separates like a
# space. The set is the one normalisation removes (thaigov_ner.text.ZERO_WIDTH, soft hyphen included).
ZERO_WIDTH = "".join(sorted(_INVISIBLE))
SPACE = r"[\s" + ZERO_WIDTH + "]"
_DROP_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH))


def bare(gap: str) -> str:
    """``gap`` without its zero-width characters and the whitespace at its ends: what a gap
    between entities says (``not bare(gap)``: only spaces; ``bare(gap) == "("``: a bracket)."""
    return gap.translate(_DROP_ZERO_WIDTH).strip()

# A word found inside a longer one is not that word: ท่าน in เท่านั้น, ตน in เจตนารมณ์. Thai writes a
# leading vowel before its consonant and the vowels and marks after it.
_LEADING_VOWEL_NOT_BEFORE = "(?<![เแโใไ])"
_SYLLABLE_NOT_GOING_ON = "(?![ะาำิีึืุู็่้๊๋์ั])"

CUE_FILES = ("delegation", "modality", "honorifics", "speech", "structure", "positions")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first (so the longest cue wins at a position)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it is a cache key
class Cues:
    """All lexicons, as read from the JSON files, plus the regexes built from them."""

    raw: Mapping[str, Mapping[str, Any]]
    trigger_kind: Mapping[str, str]   # cue -> active / ordered / passive / passive_without_agent / on_behalf / decoy
    on_behalf_kind: Mapping[str, str]  # on-behalf cue -> acting / in_the_name_of / representative / instead_of
    triggers: re.Pattern[str]
    titles: re.Pattern[str]
    speech: re.Pattern[str]
    pronouns: re.Pattern[str]
    task_stops: re.Pattern[str]

    def words(self, file: str, key: str) -> list[str]:
        return list(self.raw[file][key])

    def value(self, file: str, key: str) -> Any:
        return self.raw[file][key]

    def only(self, file_keys: Iterable[tuple[str, str]], *, punctuation: bool = True) -> re.Pattern[str]:
        """A regex matching a string made only of whitespace, (punctuation and) the listed words.
        Built once per lexicon set and arguments: rules ask for the same few on every entity pair."""
        return _only(self, tuple(file_keys), punctuation)


@lru_cache(maxsize=64)
def _only(cues: Cues, file_keys: tuple[tuple[str, str], ...], punctuation: bool) -> re.Pattern[str]:
    words: list[str] = []
    for file, key in file_keys:
        words += cues.words(file, key)
    parts = [SPACE]
    if punctuation:
        parts.append("[" + re.escape(cues.value("structure", "punctuation")) + "]")
    if words:
        parts.append(alternation(words))
    return re.compile(r"^(?:" + "|".join(parts) + r")*$")


def _read(name: str) -> dict[str, Any]:
    path = resources.files("thaigov_ner") / "data" / "cues" / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError("E102", f"cue lexicon {name}.json is missing from thaigov_ner/data/cues; "
                        "reinstall the package (pip install -e .)") from None
    except json.JSONDecodeError as exc:
        raise DataError("E100", f"cue lexicon {name}.json line {exc.lineno}: {exc.msg}; fix the JSON") from None


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read and compile every lexicon (once per process)."""
    raw = {name: _read(name) for name in CUE_FILES}
    d = raw["delegation"]
    kind: dict[str, str] = {}
    for k in ("active", "ordered", "passive", "passive_without_agent", "decoys"):
        for w in d[k]:
            kind[w] = "decoy" if k == "decoys" else k
    for w in d["on_behalf"]:
        kind[w] = "on_behalf"
    sp = raw["speech"]
    return Cues(
        raw=raw,
        trigger_kind=kind,
        on_behalf_kind=dict(d["on_behalf"]),
        triggers=re.compile(alternation(kind)),
        titles=re.compile(r"^(?:" + alternation(raw["honorifics"]["titles"] + raw["honorifics"]["address_words"])
                          + r")" + SPACE + "*"),
        speech=re.compile("|".join(sp["speech_cues"])),
        pronouns=re.compile(_LEADING_VOWEL_NOT_BEFORE + "(?:" + alternation(sp["first_person"] + sp["address_pronouns"])
                            + ")" + _SYLLABLE_NOT_GOING_ON),
        task_stops=re.compile("|".join(raw["structure"]["task_stops"])),
    )
