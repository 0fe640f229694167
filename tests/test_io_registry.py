from __future__ import annotations

import pytest

from fixtures.io.handmade import sample_docs
from thaigov_ner.errors import DataError
from thaigov_ner.io import FORMATS, guess_format, read_docs, write_docs


@pytest.mark.parametrize("fmt, name", [("jsonl", "c.jsonl"), ("doccano", "c.jsonl"), ("conll", "c.conll"),
                                       ("spacy", "c.spacy"), ("hf", "c_hf")])
def test_registry_write_then_read_gives_the_same_texts_and_spans(tmp_path, fmt, name):
    docs = sample_docs()
    path = tmp_path / name
    assert write_docs(docs, path, fmt) == len(docs)
    back = list(read_docs(path, fmt))
    assert [(b.id, b.text) for b in back] == [(d.id, d.text) for d in docs]
    assert [[(e.start, e.end, e.label) for e in b.entities] for b in back] == \
        [[(e.start, e.end, e.label) for e in d.entities] for d in docs]


@pytest.mark.parametrize("name, fmt", [("a.jsonl", "jsonl"), ("a.txt", "thainer"), ("a.json", "nner"),
                                       ("a.conll", "conll"), ("a.IOB", "conll"), ("a.spacy", "spacy")])
def test_registry_guesses_the_format_from_the_extension(name, fmt):
    assert guess_format(name) == fmt


def test_registry_guesses_hf_for_a_folder(tmp_path):
    assert guess_format(tmp_path) == "hf"


def test_registry_unknown_format_lists_the_formats(tmp_path):
    with pytest.raises(DataError, match="unknown format 'brat'; choose one of " + ", ".join(FORMATS)):
        list(read_docs(tmp_path / "a.ann", "brat"))
    with pytest.raises(DataError, match="cannot tell the format"):
        list(read_docs(tmp_path / "a.ann"))


def test_registry_read_only_format_refuses_writing(tmp_path):
    with pytest.raises(DataError, match="'nner' is read-only"):
        write_docs(sample_docs(), tmp_path / "x.json", "nner")


def test_registry_write_docs_rejects_a_bare_document(tmp_path):
    with pytest.raises(DataError, match="not a single Document"):
        write_docs(sample_docs()[0], tmp_path / "x.jsonl", "jsonl")
