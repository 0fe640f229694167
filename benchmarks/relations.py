"""Score the relation rule layer on gold entities (and on the model's entities).

    python benchmarks/relations.py corpus/thaigov/train.jsonl corpus/thaigov/dev.jsonl corpus/thaigov/test.jsonl \
        --pred runs/pred/dev.jsonl runs/pred/test.jsonl

For each file and each sentence engine, the gold relations are replaced by the
rule layer's (``thaigov_ner.pipeline.link`` over the gold entities) and scored
"who to whom" (SCHEMA.md, Evaluation) per relation type and, for DELEGATES_TO,
per delegation pattern (active / ordered / passive / on_behalf / other), with a 95 %
bootstrap interval of each F1 over the documents (``thaigov_ner.evaluate.f1_interval``).

Every false negative and false positive of the default engine is printed with
its document id and sentence, for error analysis. Errors are printed for every
file except one named ``test.jsonl`` unless ``--errors-on-test`` is given: the
rules are tuned on train and dev, and test is only looked at for the final figure.

``--pred`` scores the rules on predicted entities: each file holds the shipped
model's output for one gold file (matched by file name: ``runs/pred/dev.jsonl``
goes with ``dev.jsonl``; made once with ``thaigov-ner annotate corpus/thaigov/dev.jsonl
-o runs/pred/dev.jsonl``). The predicted relations are dropped and the rules re-link
the predicted entities (default engine), so the rules can be re-scored without
running the model again; the figure is who-to-whom against the gold relations.

The scores go to ``benchmarks/results/relations.json`` with the corpus sizes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from thaigov_ner.evaluate import evaluate
from thaigov_ner.io.jsonl import read_jsonl
from thaigov_ner.pipeline import link
from thaigov_ner.relations import delegation_pattern, who_to_whom
from thaigov_ner.schema import Document
from thaigov_ner.text import sentence_spans

ENGINES = ("spaces", "lines", "crfcut")
DEFAULT_ENGINE = "spaces"
RESULTS = Path(__file__).resolve().parent / "results" / "relations.json"


def score(gold_docs: list[Document], engine: str) -> tuple[dict, list[tuple[Document, Document]]]:
    """Scores of the rule layer over the gold entities of ``gold_docs`` with one sentence engine."""
    pairs = [(g, link(g, sentence_engine=engine)) for g in gold_docs]
    return _scores(pairs), pairs


def score_predicted(gold_docs: list[Document], pred_docs: list[Document], engine: str
                    ) -> tuple[dict, list[tuple[Document, Document]]]:
    """Scores of the rule layer over predicted entities, against the gold relations."""
    by_id = {d.id: d for d in pred_docs}
    missing = [g.id for g in gold_docs if g.id not in by_id]
    if missing:
        raise SystemExit(f"E102 predictions lack {len(missing)} gold documents (first: {missing[0]}); "
                         "annotate the whole gold file")
    pairs = []
    for g in gold_docs:
        p = by_id[g.id]
        if p.text != g.text:
            raise SystemExit(f"E104 document {g.id}: predicted text differs from the gold text; "
                             "annotate the gold file itself")
        pairs.append((g, link(p, sentence_engine=engine)))
    return _scores(pairs), pairs


def _scores(pairs: list[tuple[Document, Document]]) -> dict:
    report = evaluate(pairs, who_to_whom=who_to_whom, pattern=delegation_pattern)
    intervals = {k: [round(lo, 4), round(hi, 4)] for k, (lo, hi) in report.intervals.items() if k != "entities"}
    return {"relations": {k: v.to_dict() for k, v in report.relations.items()},
            "delegation_patterns": {k: v.to_dict() for k, v in report.relation_patterns.items()},
            "f1_intervals_95": intervals}


def _print_scores(label: str, scores: dict) -> None:
    rel, ci = scores["relations"], scores["f1_intervals_95"]
    print(f"{label}: " + "  ".join(
        f"{t} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (95% {ci[t][0]:.3f} to {ci[t][1]:.3f}) "
        f"(gold {v['support']}, predicted {v['predicted']})" for t, v in rel.items()))
    for pat, v in scores["delegation_patterns"].items():
        print(f"    {pat:10s} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} "
              f"(gold {v['support']}, predicted {v['predicted']})")


def _print_errors(pairs: list[tuple[Document, Document]], relation: str) -> None:
    for err in errors(pairs, relation):
        print(f"  {err['kind']} {err['doc']} [{err['pattern']}] {err['head']} -> {err['tail']}\n"
              f"     {err['note']}\n     | {err['sentence']}")


def _sentence(doc: Document, start: int, end: int) -> str:
    """The sentences (spaces engine) covering ``[start, end)``, on one line."""
    spans = sentence_spans(doc.text, "spaces")
    lo = max((s for s, e in spans if s <= start), default=0)
    hi = min((e for s, e in spans if e >= end), default=len(doc.text))
    return " ".join(doc.text[lo:hi].split())


def _where(doc: Document, triple: tuple[str, str, str]) -> list[tuple[int, int, str]]:
    """``(start, end, note)`` of each relation of ``doc`` behind a who-to-whom triple."""
    from thaigov_ner.relations.officials import cluster

    _, of = cluster(doc.text, doc.entities, doc.relations)
    by_id = {e.id: e for e in doc.entities}
    out = []
    for r in doc.relations:
        if r.type != triple[0] or r.head not in of or r.tail not in of:
            continue
        if (of[r.head].name, of[r.tail].name) != triple[1:]:
            continue
        h, t = by_id[r.head], by_id[r.tail]
        if r.evidence:
            start, end = r.evidence
        else:  # a gold relation: the sentence of its trigger, the occurrence nearest the tail
            start, end = t.start, t.end
            if r.trigger:
                found = [m.start() for m in re.finditer(re.escape(r.trigger), doc.text)]
                if found:
                    start = min(found, key=lambda i: abs(i - t.start))
                    start, end = min(start, t.start), max(start + len(r.trigger), t.end)
        note = f"{r.rule or 'gold'} trigger={r.trigger!r} head={h.text!r} tail={t.text!r}"
        out.append((start, end, note))
    return out


def errors(pairs: list[tuple[Document, Document]], rtype: str = "DELEGATES_TO") -> list[dict]:
    """Every false negative and false positive of one relation type, with where it was read."""
    out = []
    for gold, pred in pairs:
        g = {x for x in who_to_whom(gold) if x[0] == rtype}
        p = {x for x in who_to_whom(pred) if x[0] == rtype}
        for kind, missing, doc in (("FN", g - p, gold), ("FP", p - g, pred)):
            for triple in sorted(missing):
                for start, end, note in _where(doc, triple) or [(0, 0, "?")]:
                    out.append({"kind": kind, "doc": gold.id, "head": triple[1], "tail": triple[2],
                                "pattern": delegation_pattern(doc, triple), "note": note,
                                "sentence": _sentence(doc, start, end)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="gold JSONL files (named by their stem)")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--relation", default="DELEGATES_TO", choices=("DELEGATES_TO", "HOLDS_POSITION"),
                    help="which relation type's errors to print")
    ap.add_argument("--errors-on-test", action="store_true", help="also print the errors of test.jsonl")
    ap.add_argument("--no-errors", action="store_true")
    ap.add_argument("--pred", nargs="+", type=Path, default=[],
                    help="model output JSONL, one per gold file of the same name: score the rules on its entities")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    corpora = {f.stem: list(read_jsonl(f)) for f in args.files}
    unmatched = [str(f) for f in args.pred if f.stem not in corpora]
    if unmatched:
        ap.error(f"--pred {unmatched[0]}: no gold file named {Path(unmatched[0]).stem}.jsonl among the inputs")
    result = {"default_engine": DEFAULT_ENGINE, "scoring": "who-to-whom on gold entities (SCHEMA.md, Evaluation)",
              "corpus": {}, "engines": {}}
    for name, docs in corpora.items():
        n_rel = {t: sum(1 for d in docs for r in d.relations if r.type == t)
                 for t in ("HOLDS_POSITION", "DELEGATES_TO")}
        n_w2w = {t: sum(len({x for x in who_to_whom(d) if x[0] == t}) for d in docs)
                 for t in ("HOLDS_POSITION", "DELEGATES_TO")}
        result["corpus"][name] = {"path": str(args.files[list(corpora).index(name)]), "documents": len(docs),
                                  "gold_relations": n_rel, "gold_who_to_whom": n_w2w}

    for engine in args.engines:
        result["engines"][engine] = {}
        for name, docs in corpora.items():
            scores, pairs = score(docs, engine)
            result["engines"][engine][name] = scores
            _print_scores(f"[{engine}] {name}", scores)
            show = engine == DEFAULT_ENGINE and not args.no_errors and (name != "test" or args.errors_on_test)
            if show:
                _print_errors(pairs, args.relation)

    if args.pred:
        result["model_entities"] = {"engine": DEFAULT_ENGINE, "scoring": "who-to-whom of the rules over the "
                                    "model's entities, against the gold relations"}
    for f in args.pred:
        name = f.stem
        scores, pairs = score_predicted(corpora[name], list(read_jsonl(f)), DEFAULT_ENGINE)
        result["model_entities"][name] = {"path": str(f), **scores}
        _print_scores(f"[model entities] {name}", scores)
        if not args.no_errors and (name != "test" or args.errors_on_test):
            _print_errors(pairs, args.relation)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
