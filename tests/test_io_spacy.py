from __future__ import annotations

import pytest

from fixtures.io.handmade import sample_docs
from thaigov_ner.errors import DataError
from thaigov_ner.io.spacy_docbin import document_to_spacy, read_spacy, write_spacy

spacy = pytest.importorskip("spacy")


def test_spacy_round_trip_gives_the_same_documents(tmp_path):
    docs = sample_docs()
    path = tmp_path / "out.spacy"
    assert write_spacy(docs, path) == len(docs)
    assert list(read_spacy(path)) == docs


def test_spacy_doc_keeps_text_and_entity_edges_inside_words():
    doc = sample_docs()[2]  # the LOCATION starts inside newmm's word ผู้ว่าราชการจังหวัด
    sdoc = document_to_spacy(doc, spacy.blank("th").vocab)
    assert sdoc.text == doc.text
    assert [(s.start_char, s.end_char, s.label_) for s in sdoc.ents] == [
        (e.start, e.end, e.label) for e in doc.entities]


def test_spacy_reader_rejects_a_file_that_is_not_a_docbin(tmp_path):
    path = tmp_path / "bad.spacy"
    path.write_bytes(b"not a docbin")
    with pytest.raises(DataError, match=r"bad\.spacy: not a spaCy DocBin"):
        list(read_spacy(path))
