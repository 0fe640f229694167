from __future__ import annotations

from typing import Sequence

import pytest

from thaigov_ner.io.jsonl import read_jsonl
from thaigov_ner.pipeline import Annotator
from thaigov_ner.schema import Document, Entity, document_problems

from conftest import SEED


class LookupTagger:
    """A stand-in for the model: returns the entities of known texts."""

    def __init__(self, docs: Sequence[Document]):
        self.by_text = {d.text: d.entities for d in docs}
        self.calls: list[int] = []

    def predict(self, texts, batch_size=16):
        self.calls.append(len(texts))
        return [[Entity(e.start, e.end, e.label, e.text) for e in self.by_text.get(t, ())] for t in texts]


@pytest.fixture
def seed() -> Document:
    return next(read_jsonl(SEED))


def test_pipeline_annotates_seed_with_views(seed):
    doc = Annotator(LookupTagger([seed]))(seed.text, id=seed.id)
    record = doc.to_dict()
    assert document_problems(record) == []
    assert [(d["delegator"], d["delegatee"]) for d in record["delegations"]] == [("ชุติเดช มีจันทร์", "นิติยา พงษ์พานิช")]
    names = {o["name"]: o["positions"] for o in record["officials"]}
    assert "ผู้ว่าราชการจังหวัดแพร่" in names["ชุติเดช มีจันทร์"]


def test_pipeline_pipe_keeps_order_and_batches(seed):
    tagger = LookupTagger([seed])
    texts = ["ข่าวไม่มีชื่อ", seed.text, "อีกข่าว"] * 3
    docs = list(Annotator(tagger, batch_size=4).pipe(texts))
    assert [d.id for d in docs] == [f"doc-{i}" for i in range(1, 10)]
    assert [d.text for d in docs] == texts
    assert tagger.calls == [4, 4, 1]
    assert len(docs[1].entities) == len(seed.entities) and docs[0].entities == ()


def test_pipeline_pipe_rejects_a_bare_string(seed):
    with pytest.raises(TypeError, match="iterable of texts"):
        list(Annotator(LookupTagger([seed])).pipe(seed.text))


def test_pipeline_pipe_in_processes_needs_a_loaded_annotator(seed):
    annotator = Annotator(LookupTagger([seed]), batch_size=1)
    with pytest.raises(ValueError, match="Annotator.load"):
        list(annotator.pipe(["ข่าว", "อีกข่าว"], n_process=2))
    with pytest.raises(ValueError, match="at least 1"):
        list(annotator.pipe(["ข่าว"], n_process=0))


def test_pipeline_load_missing_model_is_a_clear_error(tmp_path):
    from thaigov_ner.errors import ModelError

    with pytest.raises(ModelError, match="no model at"):
        Annotator.load(tmp_path / "nothing-here")
