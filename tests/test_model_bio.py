from __future__ import annotations

import itertools

import numpy as np
import pytest

from thaigov_ner.model.bio import (
    ID2LABEL, IGNORE, LABEL2ID, TAGS, alignment_stats, constrained_viterbi, decode, decode_batch, encode, start_mask,
    tag_set, viterbi_batch, token_spans, transition_mask, trim_span,
)
from thaigov_ner.schema import LABELS

TEXT = "นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ ที่ห้องนครา"


def char_offsets(text: str) -> list[tuple[int, int]]:
    """One token per code point: combining marks (ุ ้ ่) are tokens of their own."""
    return [(i, i + 1) for i in range(len(text))]


def one_hot_log_probs(tag_ids: list[int], n_tags: int = len(TAGS)) -> np.ndarray:
    lp = np.full((len(tag_ids), n_tags), np.log(1e-4))
    for i, t in enumerate(tag_ids):
        lp[i, t if t != IGNORE else LABEL2ID["O"]] = np.log(0.99)
    return lp


def spans_of(text: str, *pieces: tuple[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for piece, label in pieces:
        s = text.index(piece)
        out.append((s, s + len(piece), label))
    return out


def test_model_bio_tag_set_has_b_and_i_for_every_label():
    assert TAGS[0] == "O"
    assert len(TAGS) == 1 + 2 * len(LABELS)
    for label in LABELS:
        assert LABEL2ID[f"I-{label}"] == LABEL2ID[f"B-{label}"] + 1
    assert all(LABEL2ID[ID2LABEL[i]] == i for i in ID2LABEL)
    assert tag_set(["X"]) == ("O", "B-X", "I-X")


def test_model_bio_round_trip_with_combining_marks():
    # span edges sit after ร์ and ่ (a mark-final character) and before ผู้ (base + two marks)
    spans = spans_of(TEXT, ("นายชุติเดช มีจันทร์", "PERSON"), ("ผู้ว่าราชการจังหวัดแพร่", "POSITION"),
                     ("ห้องนครา", "VENUE"))
    offsets = char_offsets(TEXT)
    ids = encode(spans, offsets)
    assert ids[spans[0][0]] == LABEL2ID["B-PERSON"]
    assert ids[spans[0][1] - 1] == LABEL2ID["I-PERSON"]
    decoded = decode(one_hot_log_probs(ids), offsets)
    assert [(s, e, label) for s, e, label, _ in decoded] == spans
    assert all(0.0 < score <= 1.0 for *_, score in decoded)


def test_model_bio_subword_edge_inside_token_is_counted_inexact():
    # "ที่ห้อง" is one subword; the VENUE starts inside it at ห้อง
    start = TEXT.index("ที่ห้อง")
    offsets = [(i, i + 1) for i in range(start)] + [(start, start + len("ที่ห้อง"))] + \
              [(i, i + 1) for i in range(start + len("ที่ห้อง"), len(TEXT))]
    venue = spans_of(TEXT, ("ห้องนครา", "VENUE"))
    ids = encode(venue, offsets)
    # the VENUE overlaps the subword "ที่ห้อง", so the whole subword goes to it
    recovered = token_spans(ids, offsets)
    assert [(s, e, label) for s, e, label, _ in recovered] == [(start, len(TEXT), "VENUE")]
    assert alignment_stats(venue, offsets) == {"spans": 1, "exact": 0, "inexact": 1, "lost": 0}
    # a span whose only token is shared with a span covering more of it is lost
    two = [(start, start + 2, "LOCATION"), (start + 3, len(TEXT), "VENUE")]
    assert alignment_stats(two, offsets) == {"spans": 2, "exact": 0, "inexact": 1, "lost": 1}


def test_model_bio_special_tokens_are_ignored():
    offsets = [(0, 0)] + char_offsets("นายก") + [(0, 0)]
    ids = encode([(0, 4, "PERSON")], offsets)
    assert ids[0] == IGNORE and ids[-1] == IGNORE
    assert ids[1] == LABEL2ID["B-PERSON"]
    lp = one_hot_log_probs(ids)
    lp[0, LABEL2ID["B-DATE"]] = 0.0  # whatever a special token scores is not decoded
    assert [(s, e, label) for s, e, label, _ in decode(lp, offsets)] == [(0, 4, "PERSON")]


def test_model_bio_adjacent_spans_of_one_label_stay_apart():
    text = "สธ.กกต."
    spans = [(0, 3, "AGENCY"), (3, 7, "AGENCY")]
    ids = encode(spans, char_offsets(text))
    assert ids[3] == LABEL2ID["B-AGENCY"]
    assert [(s, e, label) for s, e, label, _ in decode(one_hot_log_probs(ids), char_offsets(text))] == spans


def _is_valid(path: list[int], tags) -> bool:
    prev = "O"
    for t in path:
        tag = tags[t]
        if tag.startswith("I-") and prev not in (f"B-{tag[2:]}", f"I-{tag[2:]}"):
            return False
        prev = tag
    return True


def test_model_bio_constrained_viterbi_never_yields_orphan_i():
    rng = np.random.default_rng(0)
    allowed, starts = transition_mask(TAGS), start_mask(TAGS)
    for _ in range(200):
        n = int(rng.integers(1, 30))
        logits = rng.normal(size=(n, len(TAGS))) * 3
        # make I- tags tempting so that an unconstrained argmax would break the scheme
        logits[:, [i for i, t in enumerate(TAGS) if t.startswith("I-")]] += 2
        lp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        assert _is_valid(constrained_viterbi(lp, allowed, starts), TAGS)


def test_model_bio_constrained_viterbi_finds_the_best_valid_path():
    tags = tag_set(["PERSON", "DATE"])
    allowed, starts = transition_mask(tags), start_mask(tags)
    rng = np.random.default_rng(1)
    for _ in range(20):
        lp = np.log(rng.dirichlet(np.ones(len(tags)), size=4))
        best = max((p for p in itertools.product(range(len(tags)), repeat=4) if _is_valid(list(p), tags)),
                   key=lambda p: sum(lp[i, t] for i, t in enumerate(p)))
        assert constrained_viterbi(lp, allowed, starts) == list(best)


def _best_by_search(lp, allowed, starts):
    paths = (p for p in itertools.product(range(allowed.shape[0]), repeat=len(lp))
             if starts[p[0]] and all(allowed[x, y] for x, y in zip(p, p[1:])))
    return list(max(paths, key=lambda p: sum(lp[i, t] for i, t in enumerate(p))))


def test_model_bio_viterbi_batch_gives_each_sequence_its_own_best_path():
    tags = tag_set(["PERSON", "DATE"])
    allowed, starts = transition_mask(tags), start_mask(tags)
    rng = np.random.default_rng(2)
    seqs = []
    for n in [0, 1, 2, 5, 3, 4, 1, 5]:
        logits = rng.normal(size=(n, len(tags))) * 2
        logits[:, [i for i, t in enumerate(tags) if t.startswith("I-")]] += 1.5  # tempt orphan I- tags
        seqs.append(logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)))
    assert viterbi_batch(seqs, allowed, starts) == [_best_by_search(lp, allowed, starts) if len(lp) else []
                                                     for lp in seqs]
    # a mask with no tag that may follow every tag (no padding tag): one at a time, still the best
    strict = allowed.copy()
    for prev, tag in [("B-DATE", "O"), ("B-DATE", "B-PERSON"), ("B-PERSON", "B-DATE")]:
        strict[tags.index(prev), tags.index(tag)] = False
    assert not strict.all(axis=0).any()
    assert viterbi_batch(seqs, strict, starts) == [_best_by_search(lp, strict, starts) if len(lp) else []
                                                    for lp in seqs]


def test_model_bio_decode_batch_matches_one_at_a_time():
    rng = np.random.default_rng(3)
    texts = ["ab cd\nef", "abc", "a b c d e f g"]
    offsets = [char_offsets(t) for t in texts]
    lps = [np.log(rng.dirichlet(np.ones(len(TAGS)), size=len(o))) for o in offsets]
    assert decode_batch(lps, offsets, texts=texts) == [decode(lp, o, text=t) for lp, o, t in zip(lps, offsets, texts)]


def test_model_bio_decode_rejects_wrong_shape():
    with pytest.raises(ValueError, match="shape"):
        decode(np.zeros((3, 2)), char_offsets("abc"))


def test_model_bio_trim_span():
    assert trim_span("  นาย ก  ", 0, 9) == (2, 7)
    assert trim_span("   ", 0, 3)[0] == trim_span("   ", 0, 3)[1]



def test_model_bio_decode_never_runs_a_span_across_a_line_break():
    text = "ญาณัจฉรา โชติ\nราเชนทร์ โชติ"
    offsets = [(0, 8), (9, 13), (14, 22), (23, 27)]
    tags = [LABEL2ID["B-PERSON"]] + [LABEL2ID["I-PERSON"]] * 3  # the model saw "\n" as a space
    lp = one_hot_log_probs(tags)
    assert [s[:3] for s in decode(lp, offsets)] == [(0, 27, "PERSON")]
    assert [s[:3] for s in decode(lp, offsets, text=text)] == [(0, 13, "PERSON"), (14, 27, "PERSON")]
