from __future__ import annotations

import pytest

from fixtures.io.handmade import make_doc, sample_docs, spans
from thaigov_ner.errors import DataError
from thaigov_ner.io.conll import escape_token, read_conll, unescape_token, write_conll
from thaigov_ner.io.tokens import TOKENIZERS, token_spans


def test_conll_round_trip_keeps_text_ids_and_spans(tmp_path):
    docs = sample_docs()
    path = tmp_path / "out.conll"
    assert write_conll(docs, path) == len(docs)
    back = list(read_conll(path))
    assert [b.id for b in back] == [d.id for d in docs]
    assert [b.text for b in back] == [d.text for d in docs]
    assert [spans(b) for b in back] == [spans(d) for d in docs]


def test_conll_splits_a_word_at_an_entity_edge_inside_it(tmp_path):
    doc = sample_docs()[2]
    ent = doc.entities[0]
    words = TOKENIZERS["newmm"](doc.text)
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w)
    assert any(s < ent.start < e for s, e in offsets), "precondition: newmm puts the edge inside a word"
    cut = token_spans(doc.text, [ent.start, ent.end])
    assert (ent.start in {s for s, _ in cut}) and (ent.end in {e for _, e in cut})
    assert "".join(doc.text[s:e] for s, e in cut) == doc.text
    path = tmp_path / "out.conll"
    write_conll([doc], path)
    first_piece = next(doc.text[s:e] for s, e in cut if s == ent.start)
    assert f"{first_piece}\tB-LOCATION" in path.read_text(encoding="utf-8").splitlines()
    (back,) = read_conll(path)
    assert spans(back) == spans(doc)


def test_conll_whitespace_inside_an_entity_is_an_inside_token(tmp_path):
    doc = sample_docs()[0]
    path = tmp_path / "out.conll"
    write_conll([doc], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    person = lines.index(next(line for line in lines if line.endswith("\tB-PERSON")))
    assert "\\s\tI-PERSON" in lines[person:person + 8]
    assert all(line.count("\t") == 1 for line in lines if line)


@pytest.mark.parametrize("token", ["a\\b", " ", "\t", "\n\n", "\\s", "ผู้ว่า"])
def test_conll_token_escapes_round_trip(token):
    escaped = escape_token(token)
    assert not any(ch in escaped for ch in " \t\n\r")
    assert unescape_token(escaped, "x") == token


def test_conll_text_with_backslash_and_tab_round_trips(tmp_path):
    doc = make_doc("odd", "ไฟล์ C:\\temp\tของกรมบัญชีกลาง", [("กรมบัญชีกลาง", "AGENCY")])
    path = tmp_path / "odd.conll"
    write_conll([doc], path)
    (back,) = read_conll(path)
    assert back.text == doc.text and spans(back) == spans(doc)


@pytest.mark.parametrize("body, message", [
    ("นาย\tI-PERSON\n", "I-PERSON continues no PERSON entity"),
    ("นาย\tB-PERSON\nแพร่\tI-LOCATION\n", "I-LOCATION continues no LOCATION"),
    ("นาย\tB-PEOPLE\n", "unknown label 'PEOPLE'"),
    ("นาย\tX\n", "tag 'X' is not O"),
    ("นาย B-PERSON\n", "expected 'token<TAB>TAG'"),
    ("a\\q\tO\n", "unknown escape"),
])
def test_conll_malformed_lines_are_errors_with_file_line(tmp_path, body, message):
    path = tmp_path / "bad.conll"
    path.write_text("-DOCSTART-\td1\n\nดี\tO\n" + body, encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.conll:\d+"):
        list(read_conll(path))
    with pytest.raises(DataError, match=message):
        list(read_conll(path))


def test_conll_file_without_docstart_gives_a_document_per_block(tmp_path):
    path = tmp_path / "plain.conll"
    path.write_text("นาย\tB-PERSON\nดี\tI-PERSON\n\nแพร่\tB-LOCATION\n", encoding="utf-8")
    docs = list(read_conll(path))
    assert [d.text for d in docs] == ["นายดี", "แพร่"]
    assert [[e.label for e in d.entities] for d in docs] == [["PERSON"], ["LOCATION"]]
    assert len({d.id for d in docs}) == 2
