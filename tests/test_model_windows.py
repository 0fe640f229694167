from __future__ import annotations

import numpy as np
import pytest

from thaigov_ner.model.bio import IGNORE, LABEL2ID, TAGS, decode, encode, token_spans
from thaigov_ner.model.train import train_tokenizer
from thaigov_ner.model.windows import (
    merge_central, merge_mean, merge_windows, special_tokens, tokenize, window_inputs, window_spans,
)
from thaigov_ner.schema import Document


def test_model_windows_cover_every_token_with_the_overlap():
    for n in (1, 5, 63, 64, 65, 200, 1001):
        spans = window_spans(n, 64, 16)
        assert spans[0][0] == 0 and spans[-1][1] == n
        assert all(e - s <= 64 for s, e in spans)
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 - s2 >= 16  # consecutive windows share at least the overlap
            assert s2 > s1
    assert window_spans(0, 64, 16) == []


def test_model_windows_reject_bad_settings():
    with pytest.raises(ValueError, match="overlap"):
        window_spans(10, 4, 4)
    with pytest.raises(ValueError, match="max_tokens"):
        window_spans(10, 0, 0)


def test_model_windows_merge_central_prefers_context_and_mean_averages():
    spans = [(0, 4), (2, 6)]
    a = np.array([[1.0], [1.0], [1.0], [1.0]])
    b = np.array([[2.0], [2.0], [2.0], [2.0]])
    central = merge_central(6, spans, [a, b])[:, 0]
    # token 2 has 1 token of context on its right in window a, 0 on its left in b: a wins;
    # token 3 is the last of a (no right context) and has 1 on the left in b: b wins
    assert central.tolist() == [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
    assert merge_mean(6, spans, [a, b])[:, 0].tolist() == [1.0, 1.0, 1.5, 1.5, 2.0, 2.0]
    with pytest.raises(ValueError, match="uncovered"):
        merge_windows(7, spans, [a, b])
    with pytest.raises(ValueError, match="policy"):
        merge_windows(6, spans, [a, b], policy="vote")


def test_model_windows_special_tokens_of_a_template_tokenizer():
    tok = train_tokenizer(["นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่"] * 3, vocab_size=60)
    prefix, suffix = special_tokens(tok)
    assert prefix == [tok.cls_token_id] and suffix == [tok.sep_token_id]
    assert window_inputs([7, 8, 9], [(0, 2), (1, 3)], prefix, suffix) == [
        prefix + [7, 8] + suffix, prefix + [8, 9] + suffix]


def test_model_windows_tokenize_gives_bare_metaspace_no_characters():
    tok = train_tokenizer(["เมื่อวันที่ 18 กันยายน 2566 ผู้ว่าราชการจังหวัดแพร่"] * 3, vocab_size=60)
    text = "เมื่อวันที่  18 กันยายน"
    ids, offsets = tokenize(tok, text)
    assert len(ids) == len(offsets)
    pieces = tok.convert_ids_to_tokens(ids)
    assert pieces[0] == "\u2581" and offsets[0][0] == offsets[0][1]  # the prepended "▁"
    real = [(s, e) for s, e in offsets if e > s]
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(real, real[1:]))
    assert all(not text[s:e].isspace() and text[s:e] == text[s:e].strip() for s, e in real)
    assert "".join(text[s:e] for s, e in real) == text.replace(" ", "")


def test_model_windows_tokenize_never_lets_tokens_share_a_character():
    class Expanding:
        """Reports two pieces for the one character "…", as an NFKC normaliser does."""

        def __call__(self, text, **kw):
            enc = {"input_ids": [1, 2, 3, 4], "offset_mapping": [(0, 2), (2, 3), (2, 3), (3, 5)]}
            return type("Enc", (dict,), {"tokens": lambda self: ["ab", ".", "..", "cd"]})(enc)

    ids, offsets = tokenize(Expanding(), "ab…cd")
    assert ids == [1, 2, 3, 4]
    assert offsets == [(0, 2), (2, 3), (3, 3), (3, 5)]


def test_model_windows_long_text_decodes_like_its_parts(seed_dict):
    """The seed article repeated to ~20k characters: windows of 64 tokens whose edge
    tokens are scored badly still give every entity of every copy exactly once."""
    seed = Document.from_dict(seed_dict)
    copies = max(2, 20_000 // len(seed.text) + 1)
    sep = "\n"
    text = sep.join([seed.text] * copies)
    spans = [(e.start + k * (len(seed.text) + len(sep)), e.end + k * (len(seed.text) + len(sep)), e.label)
             for k in range(copies) for e in seed.entities]
    assert len(text) >= 20_000

    tok = train_tokenizer([seed.text], vocab_size=400)
    _, offsets = tokenize(tok, text)
    gold = encode(spans, offsets)
    expected = [(s, e, label) for s, e, label, _ in token_spans(gold, offsets)]
    per_copy = len(expected) // copies
    assert per_copy > 0 and len(expected) == per_copy * copies  # every copy decodes the same

    def fake_model(window: tuple[int, int]) -> np.ndarray:
        """Confident gold tags, except near the window edges, where it sees B-DATE everywhere."""
        s, e = window
        lp = np.full((e - s, len(TAGS)), np.log(1e-3))
        for row, t in enumerate(gold[s:e]):
            lp[row, LABEL2ID["O"] if t == IGNORE else t] = np.log(0.98)
        bad = [r for r in range(e - s) if (r < 4 and s > 0) or (r >= e - s - 4 and e < len(gold))]
        lp[bad] = np.log(1e-3)
        lp[bad, LABEL2ID["B-DATE"]] = np.log(0.98)
        return lp

    windows = window_spans(len(offsets), 64, 16)
    assert len(windows) > 50
    merged = merge_windows(len(offsets), windows, [fake_model(w) for w in windows])
    found = [(s, e, label) for s, e, label, _ in decode(merged, offsets)]
    assert found == expected
    assert len(set(found)) == len(found)
    # without overlap the corrupted edges leak through: the test can fail
    no_overlap = window_spans(len(offsets), 64, 0)
    leaky = merge_windows(len(offsets), no_overlap, [fake_model(w) for w in no_overlap])
    assert [(s, e, label) for s, e, label, _ in decode(leaky, offsets)] != expected
