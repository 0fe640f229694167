from __future__ import annotations

import json

import pytest

from fixtures.io.handmade import sample_docs, spans
from thaigov_ner.errors import DataError
from thaigov_ner.io.doccano import read_doccano, write_doccano
from thaigov_ner.io.report import ConversionReport


def test_doccano_entities_form_round_trips_everything(tmp_path):
    docs = sample_docs()
    path = tmp_path / "out.jsonl"
    assert write_doccano(docs, path, style="entities") == len(docs)
    assert list(read_doccano(path)) == docs


def test_doccano_label_form_round_trips_spans(tmp_path):
    docs = [d for d in sample_docs() if not d.relations]
    path = tmp_path / "out.jsonl"
    write_doccano(docs, path, style="label")
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert set(record) >= {"text", "label"} and "entities" not in record
    back = list(read_doccano(path))
    assert [b.text for b in back] == [d.text for d in docs]
    assert [spans(b) for b in back] == [spans(d) for d in docs]


def test_doccano_label_form_refuses_relations(tmp_path):
    with pytest.raises(DataError, match="style='entities'"):
        write_doccano(sample_docs()[:1], tmp_path / "out.jsonl", style="label")


def test_doccano_edge_whitespace_is_trimmed_and_noted(tmp_path):
    text = "โดย นางสาวนิติยา พงษ์พานิช กล่าว"
    start = text.index(" นางสาว")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": text, "label": [[start, start + 24, "PERSON"]]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    report = ConversionReport()
    (doc,) = read_doccano(path, report=report)
    assert [e.text for e in doc.entities] == ["นางสาวนิติยา พงษ์พานิช"]
    assert [n.where.split(" ")[0] for n in report.notes if n.kind == "trimmed"] == [f"{path}:1"]
    assert doc.id == "in-1"


@pytest.mark.parametrize("record, message", [
    ({"text": "นายดี แพร่", "label": [[0, 5, "PERSON"], [3, 10, "LOCATION"]]}, "overlaps"),
    ({"text": "นายดี", "label": [[0, 9, "PERSON"]]}, "outside the text"),
    ({"text": "นายดี", "label": [[0, 5, "PER"]]}, "'PER' is not a project label"),
    ({"text": "นายดี", "entities": [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 5}],
      "relations": [{"id": 1, "from_id": 1, "to_id": 9, "type": "HOLDS_POSITION"}]}, "from_id and to_id"),
    ({"label": []}, "'text' string"),
])
def test_doccano_malformed_records_are_errors_with_file_line(tmp_path, record, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ดี", "label": []}\n' + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"bad\.jsonl:2.*{message}"):
        list(read_doccano(path))
