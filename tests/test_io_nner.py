from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import shared_path
from thaigov_ner.errors import DataError
from thaigov_ner.io.nner import nner_text, read_nner
from thaigov_ner.io.report import ConversionReport
from thaigov_ner.schema import document_problems

TOKENS = ["รอง", "ผู้ว่าราชการ", "จังหวัด", "แพร่", "_", "นาย", "ชุติเดช", "_", "มีจันทร์", "_",
          "เวลา", "_", "10.00", "_", "น.", "_", "วันที่", "_", "18", "_", "ก.ย.", "_"]


def ent(first: int, end: int, etype: str) -> dict:
    return {"span": [first, end], "entity_type": etype, "text": " ".join(TOKENS[first:end])}


def write_items(tmp_path, items) -> object:
    path = tmp_path / "sample.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def item(entities, tokens=TOKENS) -> dict:
    return {"sentence_id": 7, "tokens": tokens, "entities": entities}


def test_nner_text_reads_underscore_tokens_as_spaces():
    text, starts = nner_text(TOKENS)
    assert text == "รองผู้ว่าราชการจังหวัดแพร่ นายชุติเดช มีจันทร์ เวลา 10.00 น. วันที่ 18 ก.ย. "
    assert all(text[starts[i]:starts[i + 1]] == (" " if t == "_" else t) for i, t in enumerate(TOKENS))


def test_nner_flattens_nested_types_longest_span_wins(tmp_path):
    entities = [ent(0, 4, "role"), ent(2, 4, "province"), ent(3, 4, "province"),
                ent(5, 9, "person"), ent(5, 6, "title"), ent(6, 7, "firstname"), ent(8, 9, "last")]
    report = ConversionReport()
    (doc,) = read_nner(write_items(tmp_path, [item(entities)]), report=report)
    assert [(e.label, e.text) for e in doc.entities] == [
        ("POSITION", "รองผู้ว่าราชการจังหวัดแพร่"), ("PERSON", "นายชุติเดช มีจันทร์")]
    assert report.count("nested") == 2  # the two provinces inside the role
    assert report.dropped == Counter({"title": 1, "firstname": 1, "last": 1})
    assert doc.id == "sample-7"


def test_nner_trims_a_span_ending_on_a_space_token_and_notes_it(tmp_path):
    report = ConversionReport()
    (doc,) = read_nner(write_items(tmp_path, [item([ent(5, 10, "person")])]), report=report)
    assert [e.text for e in doc.entities] == ["นายชุติเดช มีจันทร์"]
    assert report.count("trimmed") == 1
    assert document_problems(doc.to_dict()) == []


def test_nner_merges_time_and_date_only_when_asked(tmp_path):
    entities = [ent(10, 15, "time"), ent(16, 21, "date")]
    path = write_items(tmp_path, [item(entities)])
    (plain,) = read_nner(path)
    (merged,) = read_nner(path, merge=True)
    assert [e.text for e in plain.entities] == ["เวลา 10.00 น.", "วันที่ 18 ก.ย."]
    assert [e.text for e in merged.entities] == ["เวลา 10.00 น. วันที่ 18 ก.ย."]


def test_nner_unknown_type_is_an_error(tmp_path):
    with pytest.raises(DataError, match=r"sample\.json\[0\]: label 'spaceship' is not in the 'nner' table"):
        list(read_nner(write_items(tmp_path, [item([ent(0, 2, "spaceship")])])))


def test_nner_entity_text_that_disagrees_with_its_tokens_is_an_error(tmp_path):
    bad = {"span": [0, 2], "entity_type": "role", "text": "รอง"}
    with pytest.raises(DataError, match=r"sample\.json\[0\] entity 0: text 'รอง' is not its tokens"):
        list(read_nner(write_items(tmp_path, [item([bad])])))


def test_nner_span_outside_the_tokens_is_an_error(tmp_path):
    bad = {"span": [20, 40], "entity_type": "role"}
    with pytest.raises(DataError, match="outside"):
        list(read_nner(write_items(tmp_path, [item([bad])])))


@pytest.mark.parametrize("name", ["sample_train.json", "sample_dev.json"])
def test_nner_public_samples_convert_and_validate(name):
    path = shared_path("data", "thai-nner-sample", name)
    items = json.loads(path.read_text(encoding="utf-8"))
    docs = list(read_nner(path, merge=True))
    assert len(docs) == len(items)
    assert all(document_problems(d.to_dict()) == [] for d in docs)
    labels = Counter(e.label for d in docs for e in d.entities)
    assert set(labels) == {"PERSON", "POSITION", "AGENCY", "VENUE", "LOCATION", "AMOUNT", "DATE"}
