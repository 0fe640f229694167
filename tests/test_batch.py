from __future__ import annotations

import io
import json

import pytest

from thaigov_ner.batch import InputDoc, InputError, JsonlWriter, done_ids, iter_inputs


def test_batch_inputs_keep_order_and_turn_failures_into_errors(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "b.txt").write_text("ข่าวที่สอง", encoding="utf-8")
    (folder / "a.txt").write_bytes(b"\xef\xbb\xbf" + "ข่าวแรก".encode("utf-8"))
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    jl = tmp_path / "in.jsonl"
    jl.write_text('{"id": "x1", "text": "สวัสดี"}\nnot json\n{"id": "x2", "text": ""}\n', encoding="utf-8")
    items = list(iter_inputs([str(jl), str(folder), str(tmp_path / "missing.txt")]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("InputDoc", "x1"), ("InputError", f"{jl}:2"), ("InputError", "x2"),
        ("InputDoc", "news/a.txt"), ("InputDoc", "news/b.txt"), ("InputError", "news/bad.txt"),
        ("InputError", "news/empty.txt"), ("InputError", str(tmp_path / "missing.txt")),
    ]
    assert items[3].text == "ข่าวแรก"
    assert [i.code for i in items if isinstance(i, InputError)] == ["E100", "E113", "E101", "E113", "E118"]


def test_batch_inputs_reject_bare_string():
    with pytest.raises(TypeError):
        list(iter_inputs("file.txt"))


def test_batch_inputs_read_stdin():
    stdin = io.BytesIO('{"id": "s1", "text": "ข่าว"}\n'.encode("utf-8"))
    assert list(iter_inputs(["-"], stdin=stdin)) == [InputDoc("s1", "ข่าว")]


def test_batch_resume_drops_half_written_line(tmp_path):
    out = tmp_path / "out.jsonl"
    with JsonlWriter(out) as w:
        w.write({"id": "a"})
        w.write({"id": "b"})
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"id": "c", "entit')  # interrupted mid-line
    assert done_ids(out) == {"a", "b"}
    assert out.read_text(encoding="utf-8").endswith('"b"}\n')
    with JsonlWriter(out, append=True) as w:
        w.write({"id": "c"})
    assert [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()] == ["a", "b", "c"]


def test_batch_inputs_read_gzipped_jsonl(tmp_path):
    import gzip

    path = tmp_path / "archive.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "a", "text": "ข่าวแรก"}\n{"id": "b", "text": 3}\n')
    items = list(iter_inputs([str(path)]))
    assert items[0] == InputDoc("a", "ข่าวแรก")
    assert isinstance(items[1], InputError) and items[1].code == "E102"
