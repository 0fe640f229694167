from __future__ import annotations

import random
from dataclasses import replace

import pytest

from thaigov_ner.errors import DataError
from thaigov_ner.evaluate import confusion, evaluate, exact_scores, pair_documents, partial_scores
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
