"""benchmarks/wild_recall.py: a read delegation counts as found only when the tool names the same two parties."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load():
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("wild_recall", BENCHMARKS / "wild_recall.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmarks_wild_recall_same_party_ignores_titles_and_abbreviations_only():
    w = load()
    assert w.same_party("สุชาติ ชมกลิ่น", {"นายสุชาติ  ชมกลิ่น"})
    assert w.same_party("รัฐมนตรีว่าการกระทรวงแรงงาน", {"รมว.แรงงาน"})
    assert w.same_party("ผู้ว่าราชการจังหวัด", {"ผู้ว่าราชการจังหวัดน่าน"})       # loose: the office without its province
    assert not w.same_party("ผู้ว่าราชการจังหวัด", {"ผู้ว่าราชการจังหวัดน่าน"}, loose=False)
    assert not w.same_party("สุชาติ ชมกลิ่น", {"ไพโรจน์ โชติกเสถียร"})


def test_benchmarks_wild_recall_match_takes_exact_names_before_loose_ones():
    w = load()
    minister = {"สุชาติ ชมกลิ่น", "รมว.แรงงาน"}
    director = {"ไพโรจน์ โชติกเสถียร", "อธิบดีกรมการจัดหางาน"}
    pairs = [(minister, director, "ได้มอบหมายให้")]
    # the department is held loosely inside its director's office; the director exactly: the pair is his
    read = [{"delegator": "สุชาติ ชมกลิ่น", "delegatee": "กรมการจัดหางาน"},
            {"delegator": "สุชาติ ชมกลิ่น", "delegatee": "ไพโรจน์ โชติกเสถียร"}]
    assert w.match(read, pairs) == [False, True]
    assert w.match(read[:1], pairs) == [True]  # alone, the loose reading takes it
    assert w.match(read, []) == [False, False]
