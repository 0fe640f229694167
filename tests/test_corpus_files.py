"""Every corpus file in the repository passes the validator."""

from __future__ import annotations

import pytest

from thaigov_ner.io.jsonl import validate_file

from conftest import REPO

# selection.jsonl holds the raw excerpts chosen for annotation, not annotated documents.
CORPUS_FILES = sorted(p for p in (REPO / "corpus").rglob("*.jsonl") if p.name != "selection.jsonl")


def test_corpus_files_exist():
    names = {p.relative_to(REPO / "corpus").as_posix() for p in CORPUS_FILES}
    assert {"thaigov/train.jsonl", "thaigov/dev.jsonl", "thaigov/test.jsonl",
            "thainer-1.5.1/test.jsonl", "examples/phrae-2566.jsonl"} <= names


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.relative_to(REPO / "corpus").as_posix())
def test_corpus_files_validate(path):
    problems = validate_file(path)
    assert not problems, "\n".join(map(str, problems[:20]))
