from __future__ import annotations

import copy

from thaigov_ner.schema import Document, Entity, Relation, document_problems, entities_from_spans


def codes(d):
    return [code for code, _ in document_problems(d)]


def test_schema_seed_is_valid_and_round_trips(seed_dict):
    assert document_problems(seed_dict) == []
    doc = Document.from_dict(seed_dict)
    assert doc.to_dict() == {**seed_dict, "meta": seed_dict["meta"]}
    assert Document.from_dict(doc.to_dict()) == doc


def test_schema_entity_text_indexes_original(seed_dict):
    doc = Document.from_dict(seed_dict)
    for ent in doc.entities:
        assert doc.text[ent.start:ent.end] == ent.text
    assert doc.entity("T6").text == "นายชุติเดช มีจันทร์"


def test_schema_reports_span_text_mismatch(seed_dict):
    bad = copy.deepcopy(seed_dict)
    bad["entities"][0]["start"] += 1
    assert "E104" in codes(bad)


def test_schema_reports_edge_whitespace():
    text = "นายกรัฐมนตรี มอบหมาย"
    d = {"id": "x", "text": text, "entities": [{"id": "T1", "start": 0, "end": 13, "label": "POSITION", "text": text[:13]}]}
    assert codes(d) == ["E105"]


def test_schema_reports_unknown_label_overlap_and_dangling_relation():
    text = "นางสาวนิติยา พงษ์พานิช รองผู้ว่าราชการจังหวัดแพร่"
    d = {
        "id": "x", "text": text,
        "entities": [
            {"id": "T1", "start": 0, "end": 22, "label": "PERSON", "text": text[0:22]},
            {"id": "T2", "start": 6, "end": 12, "label": "NAME", "text": text[6:12]},
        ],
        "relations": [{"id": "R1", "type": "HOLDS_POSITION", "head": "T1", "tail": "T9"}],
    }
    found = codes(d)
    assert "E106" in found and "E107" in found and "E110" in found


def test_schema_reports_wrong_relation_argument_label():
    text = "กระทรวงมหาดไทย นายก"
    d = {"id": "x", "text": text,
         "entities": [{"id": "T1", "start": 0, "end": 14, "label": "AGENCY", "text": "กระทรวงมหาดไทย"},
                      {"id": "T2", "start": 15, "end": 19, "label": "POSITION", "text": "นายก"}],
         "relations": [{"id": "R1", "type": "HOLDS_POSITION", "head": "T1", "tail": "T2"}]}
    assert codes(d) == ["E111"]


def test_schema_with_ids_renumbers_and_remaps_relations():
    text = "ก ข"
    doc = Document("d", text, entities=(Entity(2, 3, "POSITION", "ข", id="b"), Entity(0, 1, "PERSON", "ก", id="a")),
                   relations=(Relation("HOLDS_POSITION", "a", "b"),))
    fixed = doc.with_ids()
    assert [e.id for e in fixed.entities] == ["T1", "T2"]
    assert fixed.relations[0].head == "T1" and fixed.relations[0].tail == "T2" and fixed.relations[0].id == "R1"
    assert document_problems(fixed.to_dict()) == []


def test_schema_entities_from_spans_sorts_and_slices():
    ents = entities_from_spans("ab cd", [(3, 5, "PERSON"), (0, 2, "DATE")])
    assert [(e.id, e.text) for e in ents] == [("T1", "ab"), ("T2", "cd")]
