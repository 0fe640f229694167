"""benchmarks/peers.py: the peer systems of the accuracy benchmark give spans into the caller's text.

PyThaiNLP (a runtime dependency) ships the ThaiNER CRF, so its test runs wherever the
model file is in the wheel; TLTK is a benchmark-only extra, so its test skips without it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from thaigov_ner.errors import DataError
from thaigov_ner.schema import LABELS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

# Leading, doubled and trailing spaces and a blank line, to catch offsets that drift.
TEXTS = [
    "  นายชุติเดช มีจันทร์  ผู้ว่าราชการจังหวัดแพร่ เดินทางไปกระทรวงมหาดไทย\n\nเมื่อวันที่ 18 กันยายน 2566 ",
    "นางสาวนิติยา พงษ์พานิช รองผู้ว่าราชการจังหวัดแพร่ ได้รับงบประมาณ 1,887 ล้านบาท",
]


@pytest.fixture(scope="module")
def peers():
    spec = importlib.util.spec_from_file_location("peers", BENCHMARKS / "peers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("peers", module)
    spec.loader.exec_module(module)
    return module


def _crf_model_present() -> bool:
    from pythainlp.corpus import corpus_path

    return (Path(corpus_path()) / "thainer_crf_1_5_1.model").is_file()


def _check_spans(texts, predicted, allowed):
    assert len(predicted) == len(texts)
    for text, ents in zip(texts, predicted):
        previous_end = 0
        for e in ents:
            assert e.text == text[e.start:e.end]
            assert e.text == e.text.strip() and e.text
            assert e.label in allowed and e.label in LABELS
            assert e.start >= previous_end, "entities overlap"
            previous_end = e.end


def test_benchmarks_peers_crf_spans_index_the_given_text(peers):
    if not _crf_model_present():
        pytest.skip("this pythainlp wheel does not bundle thainer_crf_1_5_1.model")
    crf = peers.pythainlp_crf()
    predicted = crf.predict(TEXTS)
    _check_spans(TEXTS, predicted, crf.labels)
    found = {(e.label, e.text) for ents in predicted for e in ents}
    assert ("PERSON", "นายชุติเดช มีจันทร์") in found
    assert ("PERSON", "นางสาวนิติยา พงษ์พานิช") in found
    assert crf.stats.unaligned == 0


def test_benchmarks_peers_tltk_spans_index_the_given_text(peers):
    pytest.importorskip("tltk")
    tltk = peers.tltk_ner("mm")
    predicted = tltk.predict(TEXTS)
    _check_spans(TEXTS, predicted, tltk.labels)
    assert ("PERSON", "นายชุติเดช มีจันทร์") in {(e.label, e.text) for e in predicted[0]}


def test_benchmarks_peers_token_offsets_survive_altered_tokens(peers):
    text = "นาย ก  ข\nค ง"
    # verbatim tokens, TLTK's space marker and its <Fail> wrapping of an unknown word
    assert peers.token_offsets(text, ["นาย", " ", "ก", "<s/>", "ข", "ค", "ง"]) == \
        [(0, 3), None, (4, 5), None, (7, 8), (9, 10), (11, 12)]
    assert peers.token_offsets(text, ["นาย", "<Fail>กข</Fail>", "ค", "ง"]) == [(0, 3), (4, 8), (9, 10), (11, 12)]
    # a token the tokenizer rewrote gets the stretch between its neighbours, trimmed
    stats = peers.AlignStats()
    assert peers.token_offsets(text, ["นาย", "XY", "ค", "ง"], stats) == [(0, 3), (4, 8), (9, 10), (11, 12)]
    assert stats.unaligned == 1


def test_benchmarks_peers_bio_entities_map_labels_and_drop_the_rest(peers):
    text = "นายก ไป กทม. ปี 2566"
    spans = [(0, 4), None, (5, 7), None, (8, 12), None, (13, 15), (16, 20)]
    tags = ["B-PERSON", "O", "O", "O", "B-LOCATION", "I-LOCATION", "B-LAW", "I-LAW"]
    assert peers.bio_entities(text, spans, tags, peers.CRF_LABELS) == [
        (0, 4, "PERSON", "PERSON"), (8, 12, "LOCATION", "LOCATION")]


def test_benchmarks_peers_reject_a_bare_string(peers):
    if not _crf_model_present():
        pytest.skip("this pythainlp wheel does not bundle thainer_crf_1_5_1.model")
    with pytest.raises(DataError) as err:
        peers.pythainlp_crf().predict("นายกรัฐมนตรี")
    assert err.value.code == "E213"
    with pytest.raises(DataError) as err:
        peers.pythainlp_crf(pos="lst20")
    assert err.value.code == "E219"
