"""Evaluation reports as text and as HTML (gold and predicted spans side by
side, highlighted in the style of displaCy's entity view)."""

from __future__ import annotations

import html
from typing import Sequence

from .evaluate import Report
from .schema import LABELS, Document

COLORS = {"PERSON": "#aa9cfc", "POSITION": "#feca74", "AGENCY": "#7aecec", "VENUE": "#bfe1d9",
          "LOCATION": "#ff9561", "AMOUNT": "#e4e7d2", "DATE": "#bfeeb7"}


def _table(rows: dict, title: str) -> list[str]:
    lines = [title, f"  {'':<16}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
    for name, prf in rows.items():
        d = prf.to_dict()
        lines.append(f"  {name:<16}{d['precision']:>8.3f}{d['recall']:>8.3f}{d['f1']:>8.3f}{d['support']:>8}{d['predicted']:>8}")
    return lines


def as_text(report: Report) -> str:
    lines = [f"documents: {report.documents}"]
    lines += _table(report.exact, "entities (exact span and label)")
    lines += _table({"micro": report.partial}, "entities (partial overlap, same label)")
    labels = [*LABELS, "O"]
    lines.append("confusion (rows gold, columns predicted; O = nothing overlaps)")
    lines.append("  " + " " * 10 + "".join(f"{l[:8]:>9}" for l in labels))
    for gold in LABELS:
        row = report.confusion.get(gold, {})
        lines.append(f"  {gold:<10}" + "".join(f"{row.get(p, 0):>9}" for p in labels))
    if report.relations:
        lines += _table(report.relations, "relations (document-level who-to-whom)")
    if report.relation_patterns:
        lines += _table(report.relation_patterns, "DELEGATES_TO by pattern")
    if report.intervals:
        lines.append(f"micro F1, {report.level:.0%} interval (bootstrap over documents, {report.resamples} resamples)")
        lines += [f"  {name:<16}{lo:>8.3f} to {hi:.3f}" for name, (lo, hi) in report.intervals.items()]
    if report.worst:
        lines.append("worst documents (errors, F1)")
        lines += [f"  {doc_id}  {errors} errors  F1 {f1:.3f}" for doc_id, f1, errors in report.worst]
    return "\n".join(lines)


def _marked(doc: Document) -> str:
    out, pos = [], 0
    for ent in doc.entities:
        out.append(html.escape(doc.text[pos:ent.start]))
        color = COLORS.get(ent.label, "#ddd")
        out.append(f'<mark class="entity" style="background:{color};padding:0.2em 0.35em;border-radius:0.3em">'
                   f'{html.escape(ent.text)}<span style="font-size:0.7em;font-weight:bold;margin-left:0.4em">'
                   f"{ent.label}</span></mark>")
        pos = ent.end
    out.append(html.escape(doc.text[pos:]))
    return "".join(out).replace("\n", "<br>")


def as_html(report: Report, pairs: Sequence[tuple[Document, Document]], *, max_docs: int = 50) -> str:
    """A standalone HTML page: the scores, then the worst documents with gold and
    predicted spans side by side."""
    worst = [doc_id for doc_id, _, _ in report.worst]
    by_id = {g.id: (g, p) for g, p in pairs}
    order = worst + [g.id for g, _ in pairs if g.id not in worst]
    parts = ["<!doctype html><meta charset='utf-8'><title>thaigov-ner evaluation</title>",
             "<style>body{font-family:sans-serif;margin:2em}td{vertical-align:top;width:50%;"
             "line-height:2.2;padding:0 1em}pre{background:#f6f6f6;padding:1em}</style>",
             f"<h1>Evaluation</h1><pre>{html.escape(as_text(report))}</pre>"]
    for doc_id in order[:max_docs]:
        gold, pred = by_id[doc_id]
        parts.append(f"<h2>{html.escape(doc_id)}</h2><table><tr><th>gold</th><th>predicted</th></tr>"
                     f"<tr><td>{_marked(gold)}</td><td>{_marked(pred)}</td></tr></table>")
    return "\n".join(parts)
