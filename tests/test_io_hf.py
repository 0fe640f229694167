from __future__ import annotations

from dataclasses import replace

import pytest

from fixtures.io.handmade import sample_docs
from thaigov_ner.errors import DataError
from thaigov_ner.io.hf import from_hf_dataset, read_hf, to_hf_dataset, write_hf

pytest.importorskip("datasets")


def test_hf_dataset_columns_and_order():
    docs = sample_docs()
    ds = to_hf_dataset(docs)
    assert ds.column_names == ["id", "text", "entities", "relations", "meta"]
    assert ds["id"] == [d.id for d in docs]
    first = ds[0]["entities"][0]
    assert {k: first[k] for k in ("start", "end", "label", "text")} == {
        "start": docs[0].entities[0].start, "end": docs[0].entities[0].end,
        "label": docs[0].entities[0].label, "text": docs[0].entities[0].text}


def test_hf_round_trip_in_memory_and_on_disk(tmp_path):
    docs = sample_docs()
    ents = list(docs[1].entities)
    ents[1] = replace(ents[1], score=0.5, normalized={"value": 1755091742.0, "unit": "THB"})
    docs[1] = replace(docs[1], entities=tuple(ents))
    assert list(from_hf_dataset(to_hf_dataset(docs))) == docs
    assert write_hf(docs, tmp_path / "ds") == len(docs)
    assert list(read_hf(tmp_path / "ds")) == docs


def test_hf_rejects_a_bare_document_and_a_plain_file(tmp_path):
    with pytest.raises(DataError, match="list of Documents"):
        to_hf_dataset(sample_docs()[0])
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="folder written by Dataset.save_to_disk"):
        list(read_hf(tmp_path / "x.txt"))
