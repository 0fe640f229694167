"""The gold-corpus tooling: annotation file format, compiler, pre-annotation rules, selection cuts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from thaigov_ner.io.jsonl import validate_file

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import corpus_compile  # noqa: E402
import corpus_format as fmt  # noqa: E402
import corpus_preannotate as pre  # noqa: E402
import corpus_select  # noqa: E402

TEXT = "นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ ได้มอบหมายให้นางสาวนิติยา พงษ์พานิช รองผู้ว่าราชการจังหวัดแพร่ นำส่วนราชการ"


def ann_file(body: str, relations: str = "", pre_annotated: bool = False) -> str:
    header = "# d1 | split test | url\n" + (fmt.PRE_LINE + "\n" if pre_annotated else "")
    return f"{header}{fmt.TEXT_MARK}\n{body}\n{fmt.RELATIONS_MARK}\n{relations}"


TAGGED = ("[PERSON#a]นายชุติเดช มีจันทร์[/PERSON] [POSITION#p1]ผู้ว่าราชการจังหวัดแพร่[/POSITION] "
          "ได้มอบหมายให้[PERSON#b]นางสาวนิติยา พงษ์พานิช[/PERSON] [POSITION#p2]รองผู้ว่าราชการจังหวัดแพร่[/POSITION] "
          "นำส่วนราชการ")
RELS = ("HOLDS_POSITION a -> p1\nDELEGATES_TO a -> b | trigger=ได้มอบหมายให้ | task=นำส่วนราชการ\n"
        "HOLDS_POSITION b -> p2\n")


def test_corpus_tools_parse_gives_offsets_into_the_clean_text():
    ann = fmt.parse(ann_file(TAGGED, RELS))
    fmt.check_text(ann, TEXT)
    doc = fmt.to_document(ann, "d1", {})
    assert [e.text for e in doc.entities] == ["นายชุติเดช มีจันทร์", "ผู้ว่าราชการจังหวัดแพร่",
                                              "นางสาวนิติยา พงษ์พานิช", "รองผู้ว่าราชการจังหวัดแพร่"]
    assert all(TEXT[e.start:e.end] == e.text for e in doc.entities)
    deleg = [r for r in doc.relations if r.type == "DELEGATES_TO"][0]
    assert (doc.entity(deleg.head).text, doc.entity(deleg.tail).text) == ("นายชุติเดช มีจันทร์", "นางสาวนิติยา พงษ์พานิช")
    assert TEXT[deleg.task_span[0]:deleg.task_span[1]] == "นำส่วนราชการ"
    assert ann.checked


def test_corpus_tools_pre_annotated_marker_means_unchecked():
    assert not fmt.parse(ann_file(TAGGED, RELS, pre_annotated=True)).checked


def test_corpus_tools_changed_text_fails_with_line_and_column():
    body = TAGGED.replace("ได้มอบหมายให้", "ได้มอบหมาย ให้")
    ann = fmt.parse(ann_file("บรรทัดแรก\n" + body, RELS), "x.txt")
    with pytest.raises(fmt.AnnotationError) as exc:
        fmt.check_text(ann, "บรรทัดแรก\n" + TEXT)
    assert exc.value.code == "A206"
    assert exc.value.message.startswith("x.txt:4:")      # header, mark, first text line, then the change


@pytest.mark.parametrize("body, code", [
    ("[PERSON]นายชุติเดช มีจันทร์", "A203"),                                  # never closed
    ("[PERSON]นายชุติเดช[/POSITION]", "A203"),                                # wrong closing label
    ("[PERSON][POSITION]ผู้ว่า[/POSITION][/PERSON]", "A203"),                 # nested
    ("[PERSN]นายชุติเดช[/PERSN]", "A202"),                                    # unknown label
    ("[PERSON นายชุติเดช[/PERSON]", "A202"),                                  # unfinished tag
    ("[PERSON] นายชุติเดช[/PERSON]", "A204"),                                 # whitespace inside the edge
    ("[PERSON#a]นาย[/PERSON] [PERSON#a]นาง[/PERSON]", "A205"),                # key used twice
])
def test_corpus_tools_malformed_tags_fail_loudly(body, code):
    with pytest.raises(fmt.AnnotationError) as exc:
        fmt.parse(ann_file(body), "f.txt")
    assert exc.value.code == code
    assert exc.value.message.startswith("f.txt:")


@pytest.mark.parametrize("rels, code", [
    ("HOLDS a -> p1", "A207"),
    ("DELEGATES_TO a b", "A207"),
    ("DELEGATES_TO a -> zz", "A208"),
    ("HOLDS_POSITION p1 -> a", "A208"),
    ("DELEGATES_TO a -> b | trigger=สั่งการให้", "A209"),
    ("DELEGATES_TO a -> b | who=x", "A207"),
])
def test_corpus_tools_bad_relation_lines_name_their_line(rels, code):
    with pytest.raises(fmt.AnnotationError) as exc:
        ann = fmt.parse(ann_file(TAGGED, "# comment\n" + rels), "f.txt")
        fmt.to_document(ann, "d1", {})
    assert exc.value.code == code
    assert exc.value.message.startswith("f.txt:")


def test_corpus_tools_render_then_parse_round_trips():
    spans = [(0, 19, "PERSON", "a"), (20, 43, "POSITION", None)]
    raw = fmt.render("d1", "test", "u", TEXT, spans, [], pre_annotated=True)
    ann = fmt.parse(raw)
    fmt.check_text(ann, TEXT)
    assert [(s.start, s.end, s.label, s.key) for s in ann.spans] == spans
    assert not ann.checked


def test_corpus_tools_compile_writes_only_checked_documents_that_validate(tmp_path):
    other = "นายอธิชัย ต้นกันยา ประชาสัมพันธ์จังหวัดแพร่ รายงาน และยังคงยาวพอสำหรับการทดสอบ"
    selection = {
        "d1": {"id": "d1", "split": "test", "text": TEXT, "reasons": ["delegation"], "meta": {"url": "u"}},
        "d2": {"id": "d2", "split": "train", "text": other, "reasons": ["topical"], "meta": {"url": "u"}},
    }
    (tmp_path / "test").mkdir()
    (tmp_path / "train").mkdir()
    (tmp_path / "test" / "d1.txt").write_text(ann_file(TAGGED, RELS), encoding="utf-8")
    (tmp_path / "train" / "d2.txt").write_text(ann_file(other, pre_annotated=True), encoding="utf-8")
    docs, counts = corpus_compile.compile_corpus(tmp_path, selection)
    assert [d.id for d in docs["test"]] == ["d1"] and docs["train"] == []
    assert counts["train"] == [0, 1]
    out = tmp_path / "test.jsonl"
    from thaigov_ner.io.jsonl import write_jsonl
    write_jsonl(docs["test"], out)
    assert validate_file(out) == []
    # a file in the wrong split folder is refused
    (tmp_path / "train" / "d1.txt").write_text(ann_file(TAGGED, RELS), encoding="utf-8")
    with pytest.raises(fmt.AnnotationError) as exc:
        corpus_compile.compile_corpus(tmp_path, selection)
    assert exc.value.code == "A210"


def test_corpus_tools_preannotate_finds_officials_and_the_delegation():
    spans, rels = pre.preannotate(TEXT, pre.province_names())
    found = {(TEXT[s:e], label) for s, e, label, _ in spans}
    assert ("นายชุติเดช มีจันทร์", "PERSON") in found
    assert ("ผู้ว่าราชการจังหวัดแพร่", "POSITION") in found
    assert ("รองผู้ว่าราชการจังหวัดแพร่", "POSITION") in found
    key_text = {k: TEXT[s:e] for s, e, _, k in spans if k}
    deleg = [(key_text[h], key_text[t], trig) for typ, h, t, trig, _ in rels if typ == "DELEGATES_TO"]
    assert deleg == [("นายชุติเดช มีจันทร์", "นางสาวนิติยา พงษ์พานิช", "ได้มอบหมายให้")]


def test_corpus_tools_preannotate_keeps_agency_inside_position_and_skips_quotes():
    text = "นายอนุทิน ชาญวีรกุล รัฐมนตรีว่าการกระทรวงมหาดไทย เปิดงาน “พัฒนาจังหวัดแพร่” ที่จังหวัดน่าน"
    spans = pre.find_entities(text, pre.province_names())
    labels = {text[s:e]: label for s, e, label in spans}
    assert labels.get("รัฐมนตรีว่าการกระทรวงมหาดไทย") == "POSITION"
    assert "กระทรวงมหาดไทย" not in labels
    assert "จังหวัดแพร่" not in labels                      # inside a quoted title
    assert labels.get("จังหวัดน่าน") == "LOCATION"


def test_corpus_tools_preannotate_skips_negated_and_hypothetical_cues():
    base = "นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ {} นางสาวนิติยา พงษ์พานิช ไปประชุม"
    for cue in ("ไม่ได้มอบหมายให้", "หากจำเป็นจะมอบหมายให้"):
        text = base.format(cue)
        spans, rels = pre.preannotate(text, pre.province_names())
        assert not [r for r in rels if r[0] == "DELEGATES_TO"], cue


def test_corpus_tools_preannotate_merges_date_and_clock_time():
    text = "เมื่อเวลา 10.00 น.วันที่ 18 กันยายน 2566 ที่ห้องนครา"
    dates = [text[s:e] for s, e, _ in pre.find_dates(text)]
    assert dates == ["10.00 น.วันที่ 18 กันยายน 2566"]


def test_corpus_tools_select_cuts_excerpts_at_line_or_space_boundaries():
    para = "ก" * 50 + " " + "ข" * 40
    text = "\n".join([para] * 30)
    anchor = text.index("ข", 1000)
    s, e = corpus_select.cut_excerpt(text, anchor)
    assert corpus_select.MIN_CHARS <= e - s <= corpus_select.MAX_CHARS
    assert s <= anchor < e
    assert s == 0 or text[s - 1] in " \n"
    assert e == len(text) or text[e] in " \n"


def test_corpus_tools_selection_file_is_split_by_article():
    path = SCRIPTS.parent / "corpus" / "thaigov" / "selection.jsonl"
    if not path.exists():
        pytest.skip("selection.jsonl not built")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    split_of: dict[str, str] = {}
    for r in records:
        assert split_of.setdefault(r["meta"]["url"], r["split"]) == r["split"]
        assert 300 <= len(r["text"]) <= 2500


def test_corpus_tools_topical_extension_takes_unused_articles_round_robin_over_topics():
    line = "ข่าว" * 30
    def article(n: int, topic_line: str) -> dict:
        return {"id": f"a{n}", "url": f"https://www.thaigov.go.th/news/contents/details/{n}",
                "title": f"t{n}", "date": "2023-01-01", "text": topic_line + "\n" + "\n".join([line] * 5)}
    arts = [article(n, "คณะรัฐมนตรี มีมติ") for n in range(1, 5)] + [article(9, "อุทกภัย น้ำท่วม")]
    existing = [{"meta": {"article_id": "1", "source": "a1", "title": "t1"}}]
    records = corpus_select.select_topical_extension(arts, existing, 2, seed=1, only_split="train")
    assert [r["split"] for r in records] == ["train", "train"]
    assert "1" not in {r["meta"]["article_id"] for r in records}          # already used
    assert "9" in {r["meta"]["article_id"] for r in records}              # the rarer topic comes first
    assert all(r["reasons"][:2] == ["extension", "topical"] for r in records)
    with pytest.raises(SystemExit, match="only 4 topical excerpts"):
        corpus_select.select_topical_extension(arts, existing, 5, seed=1)
