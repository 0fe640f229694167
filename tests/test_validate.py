"""The validator on each kind of bad input, through the library and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from thaigov_ner.io.jsonl import read_jsonl, validate_file
from thaigov_ner.errors import DataError

from conftest import SEED


def write_lines(tmp_path: Path, lines: list[str | bytes], name: str = "c.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join((l if isinstance(l, bytes) else l.encode("utf-8")) + b"\n" for l in lines))
    return path


def doc_line(**overrides) -> str:
    text = "นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ มอบหมายให้"
    d = {"id": "d1", "text": text,
         "entities": [{"id": "T1", "start": 0, "end": 19, "label": "PERSON", "text": text[0:19]},
                      {"id": "T2", "start": 20, "end": 43, "label": "POSITION", "text": text[20:43]}],
         "relations": [{"id": "R1", "type": "HOLDS_POSITION", "head": "T1", "tail": "T2"}]}
    d.update(overrides)
    return json.dumps(d, ensure_ascii=False)


def test_validate_seed_file_is_clean():
    assert validate_file(SEED) == []
    assert len(list(read_jsonl(SEED))) == 1


@pytest.mark.parametrize(
    "line, code",
    [
        ('{"id": "d1", "text": ', "E100"),
        (b"\xff\xfe not utf-8", "E101"),
        (doc_line(id=""), "E102"),
        (doc_line(entities=[{"id": "T1", "start": 0, "end": 99, "label": "PERSON", "text": "x"}], relations=[]), "E103"),
        (doc_line(entities=[{"id": "T1", "start": 0, "end": 18, "label": "PERSON", "text": "นายชุติเดช มีจันทร์"}], relations=[]), "E104"),
        (doc_line(entities=[{"id": "T1", "start": 0, "end": 20, "label": "PERSON", "text": "นายชุติเดช มีจันทร์ "}], relations=[]), "E105"),
        (doc_line(entities=[{"id": "T1", "start": 0, "end": 19, "label": "NAME", "text": "นายชุติเดช มีจันทร์"}], relations=[]), "E106"),
        (doc_line(entities=[{"id": "T1", "start": 0, "end": 19, "label": "PERSON", "text": "นายชุติเดช มีจันทร์"},
                            {"id": "T2", "start": 3, "end": 10, "label": "PERSON", "text": "ชุติเดช"}], relations=[]), "E107"),
        (doc_line(relations=[{"id": "R1", "type": "HOLDS_POSITION", "head": "T1", "tail": "T7"}]), "E110"),
        (doc_line(relations=[{"id": "R1", "type": "KNOWS", "head": "T1", "tail": "T2"}]), "E109"),
        (doc_line(text=" "), "E113"),
    ],
)
def test_validate_reports_each_problem_with_line_and_id(tmp_path, line, code):
    path = write_lines(tmp_path, [doc_line(id="ok-doc"), line])
    problems = validate_file(path)
    assert problems, "a bad line must be reported"
    assert {p.code for p in problems} >= {code}
    assert all(p.line == 2 for p in problems)
    assert f"{path}:2" in str(problems[0])


def test_validate_reports_byte_order_mark(tmp_path):
    path = write_lines(tmp_path, [b"\xef\xbb\xbf" + doc_line().encode("utf-8")])
    assert [p.code for p in validate_file(path)] == ["E101"]


def test_validate_reports_duplicate_document_id(tmp_path):
    path = write_lines(tmp_path, [doc_line(), doc_line()])
    problems = validate_file(path)
    assert [(p.line, p.code, p.doc_id) for p in problems] == [(2, "E112", "d1")]


def test_validate_reports_every_problem_not_only_the_first(tmp_path):
    path = write_lines(tmp_path, ['{"broken', doc_line(id="a", relations=[{"id": "R1", "type": "X", "head": "T1", "tail": "T2"}]),
                                  doc_line(id="b"), '[1, 2]'])
    assert [(p.line, p.code) for p in validate_file(path)] == [(1, "E100"), (2, "E109"), (4, "E102")]


def test_validate_reader_raises_one_line_error(tmp_path):
    path = write_lines(tmp_path, [doc_line(id="a"), doc_line(id="b", text="x")])
    with pytest.raises(DataError) as info:
        list(read_jsonl(path))
    message = str(info.value)
    assert f"{path}:2 [b]" in message and "\n" not in message


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "thaigov_ner", *args], capture_output=True, text=True, timeout=120)


def test_validate_cli_passes_seed_and_fails_corrupted_copy(tmp_path):
    ok = run_cli("validate", str(SEED))
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    doc["entities"][5]["end"] += 1  # T6 now ends one character late
    bad = tmp_path / "corrupted.jsonl"
    bad.write_text(doc_line(id="first") + "\n" + json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    res = run_cli("validate", str(bad))
    assert res.returncode == 1
    assert f"{bad}:2 [phrae-2566-09-18]: E104 entity T6" in res.stdout
    assert "Traceback" not in res.stderr


def test_validate_cli_missing_file_is_one_line(tmp_path):
    res = run_cli("validate", str(tmp_path / "nope.jsonl"))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert "nope.jsonl" in res.stderr


def test_cli_every_command_has_help():
    for command in ("validate", "convert", "info"):
        res = run_cli(command, "--help")
        assert res.returncode == 0 and "Usage" in res.stdout, res.stderr


def test_cli_info_counts_seed():
    res = run_cli("info", "--json", str(SEED))
    assert res.returncode == 0, res.stderr
    stats = json.loads(res.stdout)
    assert stats["documents"] == 1
    assert stats["entities"]["PERSON"] == 8 and stats["relations"]["DELEGATES_TO"] == 2


def test_cli_convert_refuses_an_option_the_reader_does_not_take(tmp_path):
    res = run_cli("convert", str(SEED), str(tmp_path / "out.jsonl"), "--merge")
    assert res.returncode == 2
    assert "format 'jsonl' takes no option 'merge'" in res.stderr and "Traceback" not in res.stderr
