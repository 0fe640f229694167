from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import shared_path
from fixtures.io.handmade import sample_docs, spans
from thaigov_ner.errors import DataError
from thaigov_ner.io.jsonl import validate_file, write_jsonl
from thaigov_ner.io.labelmaps import load_labelmap
from thaigov_ner.io.report import ConversionReport
from thaigov_ner.io.thainer import TAG, read_thainer, write_thainer
from thaigov_ner.schema import document_problems

# what the reader trims from span edges: whitespace and zero-width characters
EDGE_JUNK = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad"
FIXTURE = Path(__file__).parent / "fixtures" / "io" / "thainer_small.txt"


def write_lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "in.txt"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_thainer_text_is_line_without_tags_and_spans_index_it():
    docs = list(read_thainer(FIXTURE, report=ConversionReport()))
    raw_lines = FIXTURE.read_text(encoding="utf-8-sig").split("\n")
    assert [d.meta["line"] for d in docs] == [1, 2, 4]  # the blank line 3 gives no document
    for doc in docs:
        assert doc.text == TAG.sub("", raw_lines[doc.meta["line"] - 1])
        assert document_problems(doc.to_dict()) == []
    first = docs[0]
    assert [(e.label, e.text) for e in first.entities] == [
        ("PERSON", "นางสาวนิติยา พงษ์พานิช"), ("LOCATION", "จังหวัดแพร่"), ("DATE", "18 ก.ย. 66"),
        ("DATE", "10.00 น."), ("VENUE", "ศาลากลางจังหวัดแพร่")]


def test_thainer_trims_edge_whitespace_and_reports_each_with_its_line():
    report = ConversionReport()
    doc = list(read_thainer(FIXTURE, report=report))[1]
    assert [(e.label, e.text) for e in doc.entities] == [("AGENCY", "กระทรวงมหาดไทย"), ("AMOUNT", "2,446.88 ล้านบาท")]
    trims = [n for n in report.notes if n.kind == "trimmed"]
    assert len(trims) == 2
    assert all(n.where == f"{FIXTURE}:2" for n in trims)
    assert doc.text.startswith(" กระทรวงมหาดไทยจัดสรรงบ 2,446.88 ล้านบาท ตาม")  # the text is untouched


def test_thainer_drops_only_listed_labels_and_counts_them():
    report = ConversionReport()
    docs = list(read_thainer(FIXTURE, report=report))
    assert report.dropped == Counter({"LAW": 1, "T": 1, "PHONE": 1})
    assert all(e.label != "LAW" for d in docs for e in d.entities)
    assert "6 - 9 องศาเซลเซียส" in docs[1].text  # the text of a dropped tag stays


def test_thainer_unknown_label_is_an_error_naming_file_and_line(tmp_path):
    path = write_lines(tmp_path, "[PERSON]นายก[/PERSON]", "ที่ [BRAND]ไทยเบฟ[/BRAND]")
    with pytest.raises(DataError, match=r"in\.txt:2: label 'BRAND' is not in the 'thainer' table"):
        list(read_thainer(path))


@pytest.mark.parametrize("line, message", [
    ("[PERSON]นาย [LOCATION]แพร่[/LOCATION][/PERSON]", "opens inside"),
    ("[TIME]16.00 น.[/DATE] โดย", "closes \\[TIME\\]"),
    ("วันนี้[/DATE]", "closes no open tag"),
    ("[DATE]วันนี้", "never closed"),
])
def test_thainer_malformed_tags_are_one_line_errors_with_file_line(tmp_path, line, message):
    path = write_lines(tmp_path, "[PERSON]นางสาวนิติยา[/PERSON] ดี", line)
    with pytest.raises(DataError, match=rf"in\.txt:2: .*{message}") as info:
        list(read_thainer(path))
    assert "\n" not in str(info.value)


def test_thainer_skip_mode_leaves_malformed_line_out_and_notes_it(tmp_path):
    path = write_lines(tmp_path, "[PERSON]นายก[/PERSON]", "[TIME]16.00 น.[/DATE]", "[DATE]พรุ่งนี้[/DATE]")
    report = ConversionReport()
    docs = list(read_thainer(path, report=report, on_malformed="skip"))
    assert [d.meta["line"] for d in docs] == [1, 3]
    assert [n.where for n in report.notes if n.kind == "skipped"] == [f"{path}:2"]


def test_thainer_bom_at_a_line_start_is_left_out_and_noted(tmp_path):
    path = write_lines(tmp_path, "[PERSON]นายก[/PERSON]", "\ufeff[PERSON]นายสมรักษ์\ufeff[/PERSON]ร้อยเวร")
    report = ConversionReport()
    docs = list(read_thainer(path, report=report))
    assert docs[1].text == "นายสมรักษ์\ufeffร้อยเวร"  # zero-width characters inside the text stay
    assert [e.text for e in docs[1].entities] == ["นายสมรักษ์"]
    assert [n.kind for n in report.notes] == ["bom", "trimmed"]
    assert all(n.where == f"{path}:2" for n in report.notes)


def test_thainer_empty_tag_is_left_out_and_noted(tmp_path):
    path = write_lines(tmp_path, "ก่อน[DATE] [/DATE]หลัง [PERSON]นายดี[/PERSON]")
    report = ConversionReport()
    (doc,) = read_thainer(path, report=report)
    assert doc.text == "ก่อน หลัง นายดี"
    assert [e.text for e in doc.entities] == ["นายดี"]
    assert report.count("empty") == 1


def test_thainer_merge_joins_date_and_time_only_when_asked():
    plain = list(read_thainer(FIXTURE))[0]
    report = ConversionReport()
    merged = list(read_thainer(FIXTURE, merge=True, report=report))[0]
    assert [e.text for e in plain.entities if e.label == "DATE"] == ["18 ก.ย. 66", "10.00 น."]
    assert [e.text for e in merged.entities if e.label == "DATE"] == ["18 ก.ย. 66 เวลา 10.00 น."]
    assert report.count("merged") == 1


def test_thainer_merge_rule_needs_date_and_time_and_a_short_gap():
    table = load_labelmap("thainer")
    text = "5 ธ.ค. (5 ธ.ค.) เวลา 10.00 น. ถึงก่อนเวลา 12.00 น."
    a, b = text.index("5 ธ.ค."), text.index("5 ธ.ค.", 1)
    t1, t2 = text.index("10.00 น."), text.index("12.00 น.")
    raw = [(a, a + 6, "DATE"), (b, b + 6, "DATE"), (t1, t1 + 8, "TIME"), (t2, t2 + 8, "TIME")]
    out = table.convert(text, raw, where="x", merge=True)
    # ") เวลา " is not an allowed gap, DATE+DATE and TIME+TIME never merge
    assert [text[s:e] for s, e, _ in out] == ["5 ธ.ค.", "5 ธ.ค.", "10.00 น.", "12.00 น."]


def test_thainer_round_trip_with_project_labels(tmp_path):
    docs = [d for d in sample_docs() if "\n" not in d.text]
    path = tmp_path / "out.txt"
    assert write_thainer(docs, path) == len(docs)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = list(read_thainer(path, labelmap="project"))
    assert [b.text for b in back] == [d.text for d in docs]
    assert [spans(b) for b in back] == [spans(d) for d in docs]


def test_thainer_writer_refuses_text_with_a_line_break(tmp_path):
    doc = next(d for d in sample_docs() if "\n" in d.text)
    with pytest.raises(DataError, match=f"document {doc.id}: text has a line break"):
        write_thainer([doc], tmp_path / "out.txt")


def test_thainer_project_labels_are_errors_for_the_thainer_table(tmp_path):
    path = tmp_path / "out.txt"
    write_thainer([sample_docs()[0]], path)
    with pytest.raises(DataError, match="'POSITION' is not in the 'thainer' table"):
        list(read_thainer(path))


def test_thainer_whole_test_file_spans_equal_tag_contents(tmp_path):
    source = shared_path("data", "thainer-1.5.1", "test.txt")
    table = load_labelmap("thainer")
    report = ConversionReport()
    docs = list(read_thainer(source, report=report))
    raw_lines = source.read_text(encoding="utf-8-sig").split("\n")
    assert len(docs) == sum(1 for line in raw_lines if line.strip())
    tag_re = re.compile(r"\[([A-Z]+)\](.*?)\[/\1\]")  # independent parse: a regex over the raw line
    n_checked = 0
    for doc in docs:
        raw = raw_lines[doc.meta["line"] - 1]
        expected = [(m.group(1), m.group(2).strip(EDGE_JUNK)) for m in tag_re.finditer(raw)]
        expected = [(table.mapping[label], content) for label, content in expected if label in table.mapping]
        assert [(e.label, e.text) for e in doc.entities] == expected, doc.meta["line"]
        assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
        n_checked += len(expected)
    assert n_checked == sum(len(d.entities) for d in docs) > 3000
    assert report.count("trimmed") == 3 and report.count("skipped") == 0
    out = tmp_path / "test.jsonl"
    write_jsonl(docs, out)
    assert validate_file(out) == []


def test_thainer_merge_extends_dates_over_their_introducing_word():
    table = load_labelmap("thainer")
    text = "เมื่อวันที่ 5 ธ.ค. 2566 ประจำปีงบประมาณ 2567 เวลา 10.00 น. ทุกวัน 7"
    d1, d2 = text.index("5 ธ.ค. 2566"), text.index("2567")
    t, n = text.index("10.00 น."), text.rindex("7")
    raw = [(d1, d1 + 11, "DATE"), (d2, d2 + 4, "DATE"), (t, t + 8, "TIME"), (n, n + 1, "DATE")]
    report = ConversionReport()
    out = table.convert(text, raw, where="x", merge=True, report=report)
    # the DATE+TIME merge runs first; เวลา stays outside, a bare number is not extended
    assert [text[s:e] for s, e, _ in out] == ["วันที่ 5 ธ.ค. 2566", "ปีงบประมาณ 2567 เวลา 10.00 น.", "7"]
    assert report.count("extended") == 2 and report.count("merged") == 1
    plain = table.convert(text, raw, where="x")
    assert [text[s:e] for s, e, _ in plain] == ["5 ธ.ค. 2566", "2567", "10.00 น.", "7"]
