"""Peer Thai NER systems for the benchmarks (benchmark-only extras, never runtime dependencies).

    from peers import pythainlp_crf, tltk_ner        # with benchmarks/ on sys.path
    crf = pythainlp_crf()
    crf.predict(["นายกรัฐมนตรีเดินทางไปจังหวัดแพร่"])   # -> [[Entity(...), ...]]

Each factory returns an object with ``.name``, ``.labels`` (the project labels it can
produce) and ``.predict(texts) -> list[list[Entity]]``: character spans into the given
texts, labels mapped to the project labels they share (tables below), edge whitespace
trimmed, no overlaps.

- ``pythainlp_crf()``: PyThaiNLP's bundled ThaiNER 1.5.1 CRF (``thainer_crf_1_5_1.model``
  in the pythainlp wheel, downloaded upstream as ``thai-ner-1-5-newmm-lst20.crfsuite``),
  called directly through python-crfsuite with PyThaiNLP's own feature function
  (``pythainlp.tag.thainer._doc2features``). PyThaiNLP's ``ThaiNameTagger(version="1.5")``
  cannot run offline: it looks the model up as version "1.5" (the catalog has "1.5.1")
  and then tries to download the catalog, and its POS tagger (perceptron, corpus
  ``blackboard``, LST20 tags) is not in the wheel (``blackboard_pt_tagger`` is a download).
  The model's POS features use the LST20 tag set (NN, VV, NU, PU, CL, ...); ``pos`` picks
  what feeds them: ``"orchid"`` (the bundled ORCHID perceptron, its 47 tags mapped to
  LST20 by ``ORCHID_TO_LST20``), ``"ud"`` (the bundled Thai PUD perceptron, UD tags mapped
  by ``UD_TO_LST20``) or ``"none"`` (POS features left out).
- ``tltk_ner()``: TLTK's CRF NER (``tltk.nlp.pos_tag`` then ``tltk.nlp.ner``; PERSON,
  ORGANIZATION, LOCATION only). Its models ship in the tltk wheel as pickles, which tltk
  itself unpickles: this project never loads a pickle of its own, but running TLTK means
  running its loader. Its default word segmenter ("colloc") runs at about 90 characters a
  second on 2 cores; ``segmenter="mm"`` (maximal matching) runs about 30 times faster.

PyThaiNLP is told to work offline (``PYTHAINLP_OFFLINE=1``, ``PYTHAINLP_READ_ONLY=1``), so
any attempted download raises at once instead of waiting on the network.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from thaigov_ner.errors import DataError, ModelError, OfflineError
from thaigov_ner.schema import Entity

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

# ThaiNER 1.5.1 CRF labels -> project labels (the same as the "thainer" table of
# thaigov_ner/data/labelmaps.json). Dropped: LAW, URL, PHONE, EMAIL, ZIP (no project
# label). The CRF has no FACILITY tag, so it never produces VENUE; no ThaiNER model has POSITION.
CRF_LABELS = {
    "PERSON": "PERSON",
    "ORGANIZATION": "AGENCY",
    "LOCATION": "LOCATION",
    "DATE": "DATE",
    "TIME": "DATE",
    "MONEY": "AMOUNT",
    "PERCENT": "AMOUNT",
    "LEN": "AMOUNT",
}

# TLTK NER tags (B-P, I-O, ...) -> project labels. TLTK tags nothing else.
TLTK_LABELS = {"P": "PERSON", "O": "AGENCY", "L": "LOCATION"}

# ORCHID tags (bundled perceptron) -> LST20 tags the CRF was trained with.
ORCHID_TO_LST20 = {
    "NPRP": "NN", "NCMN": "NN", "NTTL": "NN", "NLBL": "NU", "NCNM": "NU", "NONM": "NU",
    "PPRS": "PR", "PDMN": "PR", "PNTR": "PR", "PREL": "CC",
    "VACT": "VV", "VSTA": "VV", "VATT": "AJ",
    "XVBM": "AX", "XVAM": "AX", "XVMM": "AX", "XVBB": "AX", "XVAE": "AX",
    "DDAN": "AJ", "DDAC": "AJ", "DDBQ": "AJ", "DDAQ": "AJ", "DIAC": "AJ", "DIBQ": "AJ", "DIAQ": "AJ",
    "DCNM": "NU", "DONM": "NU",
    "ADVN": "AV", "ADVI": "AV", "ADVP": "AV", "ADVS": "AV",
    "CNIT": "CL", "CLTV": "CL", "CMTR": "CL", "CFQC": "CL", "CVBL": "CL",
    "JCRG": "CC", "JCMP": "CC", "JSBR": "CC",
    "RPRE": "PS", "INT": "IJ", "FIXN": "FX", "FIXV": "FX", "EAFF": "PA", "EITT": "PA",
    "NEG": "NG", "PUNC": "PU",
}

# Universal POS tags (bundled Thai PUD perceptron) -> LST20 tags.
UD_TO_LST20 = {
    "ADJ": "AJ", "ADP": "PS", "ADV": "AV", "AUX": "AX", "CCONJ": "CC", "SCONJ": "CC", "DET": "AJ",
    "NOUN": "NN", "PROPN": "NN", "NUM": "NU", "PART": "PA", "PRON": "PR", "PUNCT": "PU", "SYM": "PU",
    "VERB": "VV", "INTJ": "IJ", "X": "XX",
}

POS_VARIANTS = ("orchid", "ud", "none")
CRF_MODEL = "thainer_crf_1_5_1.model"
_MARKUP = re.compile(r"<s/>|</?Fail>")
_NUMERAL = re.compile(r"[0-9๐-๙]+(?:[.,:/][0-9๐-๙]+)*")


# ---------------------------------------------------------------- offsets and spans

@dataclass
class AlignStats:
    """How many non-space tokens the peer produced, and how many of them were not found
    verbatim in the text (altered by the peer's tokenizer), with the first few."""

    tokens: int = 0
    unaligned: int = 0
    examples: list[str] = field(default_factory=list)


def token_offsets(text: str, tokens: Sequence[str], stats: AlignStats | None = None
                  ) -> list[tuple[int, int] | None]:
    """Character span of each token in ``text`` (``None`` for whitespace tokens).

    The non-space characters of the tokens are aligned with the non-space characters of
    the text (identical in the usual case; otherwise by difflib, which survives a peer
    tokenizer that alters, adds or drops characters). A token spans from its first to its
    last aligned character; a token with no aligned character gets the stretch of text
    between its neighbours, trimmed of whitespace. TLTK's ``<s/>`` (a space) and its
    ``<Fail>...</Fail>`` wrapping of unknown words are read as what they stand for.
    """
    stats = stats if stats is not None else AlignStats()
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    target = "".join(text[i] for i in positions)
    words = [_MARKUP.sub("", t) for t in tokens]
    words = ["".join(w.split()) for w in words]
    source = "".join(words)
    to_text: dict[int, int] = {}  # index in source -> index in target
    if source == target:
        to_text = dict(enumerate(range(len(source))))
    else:
        from difflib import SequenceMatcher

        for a, b, size in SequenceMatcher(None, source, target, autojunk=False).get_matching_blocks():
            to_text.update(zip(range(a, a + size), range(b, b + size)))

    spans: list[tuple[int, int] | None] = [None] * len(tokens)
    lost: list[int] = []
    offset = 0
    for i, word in enumerate(words):
        hits = [to_text[k] for k in range(offset, offset + len(word)) if k in to_text]
        offset += len(word)
        if not word:
            continue
        stats.tokens += 1
        if hits:
            spans[i] = (positions[hits[0]], positions[hits[-1]] + 1)
        if not hits or len(hits) < len(word) or "".join(text[spans[i][0]:spans[i][1]].split()) != word:
            stats.unaligned += 1
            if len(stats.examples) < 20:
                stats.examples.append(tokens[i])
        if not hits:
            lost.append(i)
    for i in lost:  # the gap between the nearest placed neighbours
        left = max((s[1] for s in spans[:i] if s is not None), default=0)
        right = min((s[0] for s in spans[i + 1:] if s is not None), default=len(text))
        start, end = _trim(text, left, max(left, right))
        spans[i] = (start, end) if start < end else None
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def bio_entities(text: str, spans: Sequence[tuple[int, int] | None], tags: Sequence[str],
                 labels: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """``(start, end, project_label, foreign_label)`` of the BIO runs over tokens; an I- tag
    after O or after another label opens an entity; labels not in ``labels`` are dropped;
    overlapping results (possible only around altered tokens) keep the earlier entity."""
    runs: list[list] = []  # [foreign_label, first_span, last_span]
    current = None
    for span, tag in zip(spans, tags):
        if tag == "O" or "-" not in tag:
            current = None
            continue
        prefix, foreign = tag.split("-", 1)
        if prefix == "B" or current is None or current[0] != foreign:
            current = [foreign, None, None]
            runs.append(current)
        if span is not None:
            if current[1] is None:
                current[1] = span
            current[2] = span
    out: list[tuple[int, int, str, str]] = []
    for foreign, first, last in runs:
        if first is None or foreign not in labels:
            continue
        start, end = _trim(text, first[0], last[1])
        if start >= end or (out and start < out[-1][1]):
            continue
        out.append((start, end, labels[foreign], foreign))
    return out


def to_entities(text: str, found: Sequence[tuple[int, int, str, str]]) -> list[Entity]:
    ents = []
    for start, end, label, _ in found:
        ent = Entity(start=start, end=end, label=label, text=text[start:end])
        assert ent.text == text[ent.start:ent.end] and ent.text == ent.text.strip()
        ents.append(ent)
    return ents


def _check_texts(texts) -> list[str]:
    if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
        raise DataError("E213", "predict() takes a list of strings; wrap a single text as [text]")
    return list(texts)


# ---------------------------------------------------------------- PyThaiNLP CRF

@dataclass
class PyThaiNLPCRF:
    """PyThaiNLP's bundled ThaiNER 1.5.1 CRF (see the module docstring)."""

    pos: str = "orchid"
    tokenizer: str = "newmm"
    conventions: bool = True
    name: str = field(init=False)
    labels: frozenset[str] = frozenset(CRF_LABELS.values())
    stats: AlignStats = field(default_factory=AlignStats)

    def __post_init__(self) -> None:
        if self.pos not in POS_VARIANTS:
            raise DataError("E219", f"pos={self.pos!r}; choose one of {', '.join(POS_VARIANTS)}")
        self.name = f"PyThaiNLP CRF (ThaiNER 1.5.1, POS {self.pos})"
        import pycrfsuite
        from pythainlp.corpus import corpus_path

        path = Path(corpus_path()) / CRF_MODEL
        if not path.is_file():
            raise OfflineError("E214", f"{path} is missing: this pythainlp wheel does not bundle {CRF_MODEL}")
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(path))
        self._pos_tagger = self._make_pos_tagger()

    def _make_pos_tagger(self) -> Callable[[list[str]], list[str]]:
        if self.pos == "none":
            return lambda words: [""] * len(words)
        from pythainlp.tag import pos_tag

        corpus, table = ("orchid", ORCHID_TO_LST20) if self.pos == "orchid" else ("pud", UD_TO_LST20)

        def tag(words: list[str]) -> list[str]:
            tags = [table.get(t, "XX") for _, t in pos_tag(words, engine="perceptron", corpus=corpus)]
            return [_lst20_fixed(w) or t for w, t in zip(words, tags)]
        return tag

    def tag_tokens(self, text: str) -> tuple[list[str], list[str]]:
        """PyThaiNLP tokens of ``text`` and the CRF's BIO tags for them."""
        from pythainlp.tag.thainer import _doc2features
        from pythainlp.tokenize import word_tokenize

        words = word_tokenize(text, engine=self.tokenizer)
        if not words:
            return [], []
        doc = list(zip(words, self._pos_tagger(words)))
        feats = [_doc2features(doc, i) for i in range(len(doc))]
        if self.pos == "none":
            for f in feats:
                for key in ("postag", "word.prevpostag", "word.nextpostag"):
                    f.pop(key, None)
        return words, self._crf.tag(feats)

    def predict(self, texts: Sequence[str]) -> list[list[Entity]]:
        out = []
        for text in _check_texts(texts):
            words, tags = self.tag_tokens(text)
            found = bio_entities(text, token_offsets(text, words, self.stats), tags, CRF_LABELS)
            if self.conventions:
                found = _thainer_conventions(text, found)
            out.append(to_entities(text, found))
        return out


def _thainer_conventions(text: str, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The project's ThaiNER->SCHEMA convention rules, exactly as the ThaiNER corpus files
    were converted (labelmaps.json, table "thainer", merge=True): a DATE and its TIME
    written together become one DATE, and a DATE grows over a preceding วันที่/ปี/พ.ศ."""
    from thaigov_ner.io.labelmaps import load_labelmap
    from thaigov_ner.io.report import ConversionReport

    table = load_labelmap("thainer")
    report = ConversionReport()
    merged = table.merge_adjacent(text, found, where="crf", report=report)
    return table.extend_left(text, merged, where="crf", report=report)


def _lst20_fixed(word: str) -> str | None:
    """LST20 tags that do not need a tagger: whitespace is PU, a numeral is NU (the bundled
    ORCHID tagger calls a bare number like "28" NLBL, a label noun, and PUD calls a space NOUN)."""
    if word.isspace():
        return "PU"
    if _NUMERAL.fullmatch(word):
        return "NU"
    return None


def pythainlp_crf(pos: str = "orchid", tokenizer: str = "newmm", conventions: bool = True) -> PyThaiNLPCRF:
    """PyThaiNLP's ThaiNER 1.5.1 CRF, offline. ``pos``: "orchid" (default), "ud" or "none";
    ``conventions``: apply the ThaiNER->SCHEMA DATE rules the gold ThaiNER files went through."""
    return PyThaiNLPCRF(pos=pos, tokenizer=tokenizer, conventions=conventions)


# ---------------------------------------------------------------- TLTK

@dataclass
class TLTKNER:
    """TLTK's NER (see the module docstring)."""

    segmenter: str = "colloc"
    name: str = field(init=False)
    labels: frozenset[str] = frozenset(TLTK_LABELS.values())
    stats: AlignStats = field(default_factory=AlignStats)

    def __post_init__(self) -> None:
        if self.segmenter not in ("colloc", "mm", "ngram"):
            raise DataError("E219", f"segmenter={self.segmenter!r}; choose colloc, mm or ngram")
        self.name = f"TLTK NER (segmenter {self.segmenter})"
        try:
            import tltk.nlp  # noqa: F401
        except ImportError as exc:
            raise ModelError("E204", f"tltk is not installed ({exc}); pip install -e '.[bench]'") from exc

    def tag_tokens(self, text: str) -> tuple[list[str], list[str]]:
        """TLTK tokens of ``text`` (spaces as ``<s/>``) and its BIO tags for them."""
        import tltk.nlp as nlp

        if not text.strip():
            return [], []
        words = [pair for sentence in nlp.pos_tag(text, self.segmenter) for pair in sentence]
        if not words:
            return [], []
        tagged = nlp.ner(words)  # drops a trailing ' ' token; never the '<s/>' ones
        return [w for w, _, _ in tagged], [t for _, _, t in tagged]

    def predict(self, texts: Sequence[str]) -> list[list[Entity]]:
        out = []
        for text in _check_texts(texts):
            words, tags = self.tag_tokens(text)
            spans = token_offsets(text, words, self.stats)
            out.append(to_entities(text, bio_entities(text, spans, tags, TLTK_LABELS)))
        return out


def tltk_ner(segmenter: str = "colloc") -> TLTKNER:
    """TLTK's NER; ``segmenter`` "colloc" (TLTK's default, ~85 characters a second on 2 cores) or
    "mm" (maximal matching, ~30 times faster; on 60 ThaiNER val documents exact micro F1 0.34
    against 0.43 with colloc)."""
    return TLTKNER(segmenter=segmenter)

