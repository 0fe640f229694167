from __future__ import annotations

import random
from dataclasses import replace

import pytest

from thaigov_ner.errors import DataError
from thaigov_ner.evaluate import PRF, confusion, evaluate, exact_scores, f1_interval, pair_documents, partial_scores
from thaigov_ner.io.jsonl import read_jsonl
from thaigov_ner.schema import LABELS, Document, Entity

from conftest import REPO, SEED


def perturb(doc: Document, rng: random.Random) -> Document:
    """A plausible prediction: drop, relabel, shift or keep each gold span."""
    out = []
    for e in doc.entities:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            e = replace(e, label=rng.choice([l for l in LABELS if l != e.label]))
        elif roll < 0.3 and e.end - e.start > 2:
            e = replace(e, end=e.end - 1, text=doc.text[e.start:e.end - 1])
        out.append(e)
    return replace(doc, entities=tuple(out))


def by_hand(pairs):
    counts = {}
    for label in [*LABELS, None]:
        tp = fp = fn = 0
        for g, p in pairs:
            gs = {(e.start, e.end, e.label) for e in g.entities if label in (None, e.label)}
            ps = {(e.start, e.end, e.label) for e in p.entities if label in (None, e.label)}
            tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
        counts[label or "micro"] = (tp, fp, fn)
    return counts


def corpus_docs() -> list[Document]:
    docs = list(read_jsonl(SEED))
    extra = REPO / "corpus" / "thainer-1.5.1" / "test.jsonl"
    if extra.exists():
        docs += list(read_jsonl(extra))
    return docs


def test_evaluate_seqeval_agrees_with_span_counting_on_the_corpus():
    rng = random.Random(13)
    pairs = [(d, perturb(d, rng)) for d in corpus_docs()]
    scores = exact_scores(pairs)
    assert {k: (v.tp, v.fp, v.fn) for k, v in scores.items()} == by_hand(pairs)
    assert 0 < scores["micro"].f1 < 1


def test_evaluate_perfect_prediction_scores_one():
    doc = next(read_jsonl(SEED))
    report = evaluate([(doc, doc)])
    assert report.exact["micro"].f1 == 1.0 and report.partial.f1 == 1.0 and report.worst == []


def test_evaluate_partial_and_confusion_views():
    text = "นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่"
    gold = Document("d", text, (Entity(0, 19, "PERSON", text[:19], "T1"), Entity(20, 43, "POSITION", text[20:43], "T2")))
    pred = Document("d", text, (Entity(3, 19, "PERSON", text[3:19], "T1"), Entity(20, 43, "AGENCY", text[20:43], "T2")))
    pairs = [(gold, pred)]
    assert exact_scores(pairs)["micro"].tp == 0
    partial = partial_scores(pairs)
    assert (partial.tp, partial.fp, partial.fn) == (1, 1, 1)
    assert confusion(pairs) == {"PERSON": {"PERSON": 1}, "POSITION": {"AGENCY": 1}}


def test_evaluate_interval_brackets_the_f1_and_narrows_with_more_documents():
    rng = random.Random(5)
    small = [PRF(rng.randint(0, 8), rng.randint(0, 3), rng.randint(0, 3)) for _ in range(40)]
    big = small * 25  # the same mix of documents, 25 times as many
    f1 = PRF(*(sum(getattr(c, k) for c in small) for k in ("tp", "fp", "fn"))).f1
    low, high = f1_interval(small)
    assert low < f1 < high
    big_low, big_high = f1_interval(big)
    assert big_low < f1 < big_high and big_high - big_low < (high - low) / 3
    assert f1_interval(small, seed=0) == (low, high) and f1_interval(small, seed=1) != (low, high)
    assert f1_interval([PRF(3, 1, 1)] * 10) == (0.75, 0.75)  # identical documents: no spread
    with pytest.raises(ValueError):
        f1_interval([])


def test_evaluate_report_carries_intervals_per_score():
    rng = random.Random(13)
    pairs = [(d, perturb(d, rng)) for d in corpus_docs()[:60]]
    report = evaluate(pairs)
    low, high = report.intervals["entities"]
    assert low <= report.exact["micro"].f1 <= high < 1
    assert report.to_dict()["f1_intervals"]["resamples"] == 1000
    assert evaluate(pairs, resamples=0).intervals == {}


def test_evaluate_pairs_by_id_and_refuses_missing_documents():
    a, b = Document("a", "ก"), Document("b", "ข")
    assert pair_documents([a, b], [b, a]) == [(a, a), (b, b)]
    with pytest.raises(DataError, match="no prediction for gold document 'b'"):
        pair_documents([a, b], [a])
    with pytest.raises(DataError, match="text differs"):
        pair_documents([a], [Document("a", "ค")])


def test_evaluate_cli_rule_layer_on_gold_entities(tmp_path):
    import json
    import subprocess
    import sys

    out = tmp_path / "report.json"
    res = subprocess.run([sys.executable, "-m", "thaigov_ner", "evaluate", str(SEED), "--gold-entities",
                          "--format", "json", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["entities"]["micro"]["f1"] == 1.0
    assert report["relations"]["DELEGATES_TO"]["support"] == 1  # two gold relations, one who-to-whom pair
    html = tmp_path / "report.html"
    res = subprocess.run([sys.executable, "-m", "thaigov_ner", "evaluate", str(SEED), "--pred", str(SEED),
                          "--format", "html", "-o", str(html)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert html.read_text(encoding="utf-8").count('<mark class="entity"') == 2 * 63
