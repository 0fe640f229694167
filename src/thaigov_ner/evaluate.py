"""Pure evaluation metrics over pairs of gold and predicted documents.

Exact-span scores come from seqeval (strict IOB2 over a character-level tag
sequence, which is exactly "same start, end and label"); the partial-overlap
view, the label confusion table, relation scores and the worst documents are
counted here. Nothing in this module prints or reads files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from .schema import LABELS, RELATION_TYPES, Document, Entity


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "support": self.tp + self.fn, "predicted": self.tp + self.fp}


def _prf(gold: set, pred: set) -> PRF:
    return PRF(len(gold & pred), len(pred - gold), len(gold - pred))


def char_tags(text: str, entities: Iterable[Entity]) -> list[str]:
    """IOB2 tags, one per character of ``text``."""
    tags = ["O"] * len(text)
    for ent in entities:
        tags[ent.start] = f"B-{ent.label}"
        for i in range(ent.start + 1, ent.end):
            tags[i] = f"I-{ent.label}"
    return tags


def exact_scores(pairs: Sequence[tuple[Document, Document]]) -> dict[str, PRF]:
    """Per-label and micro exact-span counts, with spans read by seqeval's strict IOB2 scheme."""
    from seqeval.scheme import IOB2, Entities

    truth = Entities([char_tags(g.text, g.entities) for g, _ in pairs], IOB2, suffix=False)
    guess = Entities([char_tags(p.text, p.entities) for _, p in pairs], IOB2, suffix=False)
    out = {}
    for label in LABELS:
        t, p = truth.filter(label), guess.filter(label)
        out[label] = PRF(len(t & p), len(p - t), len(t - p))
    out["micro"] = PRF(*(sum(getattr(out[l], k) for l in LABELS) for k in ("tp", "fp", "fn")))
    return out


def partial_scores(pairs: Sequence[tuple[Document, Document]]) -> PRF:
    """Micro scores where a prediction counts if it overlaps a gold span of the same label."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        matched_gold = set()
        for p in pred.entities:
            hits = [i for i, g in enumerate(gold.entities)
                    if g.label == p.label and g.start < p.end and p.start < g.end]
            if hits:
                tp += 1
                matched_gold.update(hits)
            else:
                fp += 1
        fn += len(gold.entities) - len(matched_gold)
    return PRF(tp, fp, fn)


def confusion(pairs: Sequence[tuple[Document, Document]]) -> dict[str, Counter]:
    """``table[gold_label][pred_label]``: counts over gold spans, by the label of the
    most-overlapping predicted span ("O" when nothing overlaps)."""
    table: dict[str, Counter] = defaultdict(Counter)
    for gold, pred in pairs:
        for g in gold.entities:
            best, best_overlap = "O", 0
            for p in pred.entities:
                overlap = min(g.end, p.end) - max(g.start, p.start)
                if overlap > best_overlap:
                    best, best_overlap = p.label, overlap
            table[g.label][best] += 1
    return dict(table)


Triples = Callable[[Document], set[tuple[str, str, str]]]


def _relation_counts(gold: Document, pred: Document, who_to_whom: Triples) -> dict[str, PRF]:
    """One document's who-to-whom counts per relation type."""
    g, p = who_to_whom(gold), who_to_whom(pred)
    return {t: _prf({x for x in g if x[0] == t}, {x for x in p if x[0] == t}) for t in RELATION_TYPES}


def _summed(counts: Iterable[PRF]) -> PRF:
    counts = list(counts)
    return PRF(sum(c.tp for c in counts), sum(c.fp for c in counts), sum(c.fn for c in counts))


def relation_scores(pairs: Sequence[tuple[Document, Document]], who_to_whom: Triples) -> dict[str, PRF]:
    """Document-level "who to whom" scores per relation type (SCHEMA.md, Evaluation)."""
    per_doc = [_relation_counts(g, p, who_to_whom) for g, p in pairs]
    return {t: _summed(d[t] for d in per_doc) for t in RELATION_TYPES}


def f1_interval(per_document: Sequence[PRF], *, resamples: int = 1000, level: float = 0.95,
                seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of micro F1: the documents are resampled with
    replacement ``resamples`` times and the F1 of each resample's summed counts taken.
    It says how much the figure depends on which documents happen to be in the set."""
    import numpy as np

    if not per_document or resamples < 1:
        raise ValueError("f1_interval needs at least one document and one resample")
    counts = np.array([(c.tp, c.fp, c.fn) for c in per_document], dtype=np.int64)
    rng = np.random.default_rng(seed)
    f1 = []
    for start in range(0, resamples, 100):  # in chunks, so 12,000 documents stay a few MB
        idx = rng.integers(0, len(counts), size=(min(100, resamples - start), len(counts)))
        tp, fp, fn = counts[idx].sum(axis=1).T
        denom = 2 * tp + fp + fn
        f1.append(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0))
    low, high = np.quantile(np.concatenate(f1), [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def relation_scores_by(pairs: Sequence[tuple[Document, Document]], who_to_whom: Triples,
                       group: Callable[[Document, tuple[str, str, str]], str]) -> dict[str, PRF]:
    """DELEGATES_TO who-to-whom scores split by ``group(doc, triple)``, e.g. the delegation
    pattern of the trigger that produced the triple (from the gold document for misses,
    from the predicted one for false alarms)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for gold, pred in pairs:
        gs = {x for x in who_to_whom(gold) if x[0] == "DELEGATES_TO"}
        ps = {x for x in who_to_whom(pred) if x[0] == "DELEGATES_TO"}
        for x in gs & ps:
            counts[group(gold, x)][0] += 1
        for x in ps - gs:
            counts[group(pred, x)][1] += 1
        for x in gs - ps:
            counts[group(gold, x)][2] += 1
    return {k: PRF(*v) for k, v in sorted(counts.items())}


@dataclass
class Report:
    """Everything ``thaigov-ner evaluate`` shows."""

    documents: int
    exact: dict[str, PRF]
    partial: PRF
    confusion: dict[str, Counter]
    relations: dict[str, PRF] = field(default_factory=dict)
    relation_patterns: dict[str, PRF] = field(default_factory=dict)
    worst: list[tuple[str, float, int]] = field(default_factory=list)
    #: bootstrap intervals of micro F1 ("entities" and each relation type), see ``f1_interval``
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    resamples: int = 0
    level: float = 0.95

    def to_dict(self) -> dict:
        out = {
            "documents": self.documents,
            "entities": {k: v.to_dict() for k, v in self.exact.items()},
            "entities_partial": self.partial.to_dict(),
            "confusion": {g: dict(c) for g, c in sorted(self.confusion.items())},
            "relations": {k: v.to_dict() for k, v in self.relations.items()},
            "relation_patterns": {k: v.to_dict() for k, v in self.relation_patterns.items()},
            "worst_documents": [{"id": i, "f1": round(f, 4), "errors": e} for i, f, e in self.worst],
        }
        if self.intervals:
            out["f1_intervals"] = {"level": self.level, "resamples": self.resamples, "unit": "document",
                                   **{k: [round(lo, 4), round(hi, 4)] for k, (lo, hi) in self.intervals.items()}}
        return out


def pair_documents(gold: Iterable[Document], pred: Iterable[Document]) -> list[tuple[Document, Document]]:
    """Match predictions to gold by document id; a missing, extra or differing-text
    document is an error, never skipped."""
    from .errors import DataError

    pred_by_id = {}
    for p in pred:
        if p.id in pred_by_id:
            raise DataError("E112", f"prediction for document {p.id!r} appears twice")
        pred_by_id[p.id] = p
    pairs = []
    for g in gold:
        p = pred_by_id.pop(g.id, None)
        if p is None:
            raise DataError("E116", f"no prediction for gold document {g.id!r}")
        if p.text != g.text:
            raise DataError("E117", f"document {g.id!r}: predicted text differs from the gold text")
        pairs.append((g, p))
    if pred_by_id:
        raise DataError("E116", f"predictions for documents not in gold: {', '.join(sorted(pred_by_id)[:5])}")
    return pairs


def evaluate(pairs: Sequence[tuple[Document, Document]], *, who_to_whom: Triples | None = None,
             pattern: Callable[[Document, tuple[str, str, str]], str] | None = None,
             worst: int = 10, resamples: int = 1000, level: float = 0.95, seed: int = 0) -> Report:
    """Entity (and, given ``who_to_whom``, relation) scores of paired documents, with
    bootstrap intervals of the micro F1s over ``resamples`` document resamples (0: none)."""
    entity_counts = [_prf({(e.start, e.end, e.label) for e in gold.entities},
                          {(e.start, e.end, e.label) for e in pred.entities}) for gold, pred in pairs]
    per_doc = [(gold.id, c.f1 if gold.entities or pred.entities else 1.0, c.fp + c.fn)
               for (gold, pred), c in zip(pairs, entity_counts)]
    per_doc.sort(key=lambda x: (-x[2], x[1], x[0]))
    report = Report(len(pairs), exact_scores(pairs), partial_scores(pairs), confusion(pairs),
                    worst=[d for d in per_doc if d[2]][:worst], resamples=resamples, level=level)
    by_type: dict[str, list[PRF]] = {"entities": entity_counts}
    if who_to_whom is not None:
        relation_counts = [_relation_counts(g, p, who_to_whom) for g, p in pairs]
        by_type.update({t: [d[t] for d in relation_counts] for t in RELATION_TYPES})
        report.relations = {t: _summed(by_type[t]) for t in RELATION_TYPES}
        if pattern is not None:
            report.relation_patterns = relation_scores_by(pairs, who_to_whom, pattern)
    if resamples and pairs:
        report.intervals = {k: f1_interval(v, resamples=resamples, level=level, seed=seed)
                            for k, v in by_type.items()}
    return report
