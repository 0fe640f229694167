from __future__ import annotations

import random
import re
import unicodedata

import pytest

from thaigov_ner import text as text_module
from thaigov_ner.text import normalize, sentence_spans, thai_digits_to_arabic


def test_text_thai_digits():
    assert thai_digits_to_arabic("ปี ๒๕๖๖ เวลา ๑๐.๐๐ น.") == "ปี 2566 เวลา 10.00 น."


def test_text_normalize_maps_spans_back_to_original():
    original = "นาย\u200bชุติเดช  มีจันทร์ ปี ๒๕๖๖"
    norm = normalize(original)
    assert norm.text == "นายชุติเดช มีจันทร์ ปี 2566"
    start = norm.text.index("ชุติเดช มีจันทร์")
    s, e = norm.to_original(start, start + len("ชุติเดช มีจันทร์"))
    assert original[s:e] == "ชุติเดช  มีจันทร์"
    y = norm.text.index("2566")
    s, e = norm.to_original(y, y + 4)
    assert original[s:e] == "๒๕๖๖"


def test_text_normalize_combining_marks_keep_offsets():
    # decomposed e-acute (NFC composes it) and the Thai NIKHAHIT + SARA AA typing error
    original = "cafe\u0301 น\u0e4d\u0e32 ผู้ว่าราชการจังหวัด"
    norm = normalize(original)
    assert norm.text == "caf\u00e9 นำ ผู้ว่าราชการจังหวัด"
    assert unicodedata.is_normalized("NFC", norm.text)
    i = norm.text.index("\u00e9")
    assert norm.to_original(i, i + 1) == (3, 5)
    j = norm.text.index("นำ")
    assert original[slice(*norm.to_original(j, j + 2))] == "น\u0e4d\u0e32"
    k = norm.text.index("ผู้ว่า")
    assert original[slice(*norm.to_original(k, len(norm.text)))] == "ผู้ว่าราชการจังหวัด"


def test_text_normalize_identity_on_clean_text(seed_dict):
    norm = normalize(seed_dict["text"])
    assert len(norm.text) <= len(seed_dict["text"])
    for ent in seed_dict["entities"]:
        # every gold span survives normalisation and maps back exactly
        s, e = ent["start"], ent["end"]
        ns = norm.starts.index(s)
        ne = max(i for i, v in enumerate(norm.ends) if v == e) + 1
        assert norm.to_original(ns, ne) == (s, e)


def test_text_normalize_copying_clean_runs_changes_nothing(monkeypatch):
    """Runs already in NFC are copied whole; the result must be what going character by
    character gives, on texts mixing every case the normaliser handles."""
    pieces = ["นาย", "ชุติเดช", "\u0e48\u0e38", "\u0e38\u0e48", "\u0e4d\u0e32", "\u0e4d", "\u0e32", "๒๕๖๖",
              "2566", "\u200b", "\u00ad", "  ", "\t", "\u00a0", "\n", "e\u0301", "\u00e9", "A", "."]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    options = [{}, {"nfc": False}, {"digits": False}, {"zero_width": False}, {"spaces": False}]
    fast = [normalize(t, **o) for t in texts for o in options]
    monkeypatch.setattr(text_module, "_PLAIN_RUN", re.compile("(?!)"))  # never matches
    slow = [normalize(t, **o) for t in texts for o in options]
    assert fast == slow


def test_text_to_original_rejects_bad_span():
    with pytest.raises(ValueError):
        normalize("abc").to_original(2, 5)


def test_text_sentence_spans_index_the_text():
    text = "ประโยคแรก  ประโยคที่สอง\nบรรทัดใหม่ ต่อ. ประโยคสุดท้าย"
    spans = sentence_spans(text, engine="spaces")
    assert [text[s:e] for s, e in spans] == ["ประโยคแรก", "ประโยคที่สอง", "บรรทัดใหม่ ต่อ.", "ประโยคสุดท้าย"]
    with pytest.raises(ValueError, match="unknown sentence engine"):
        sentence_spans(text, engine="nope")
