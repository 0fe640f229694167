"""spaCy pipeline component ``thaigov_ner``.

Registered through the ``spacy_factories`` entry point, so
``spacy.blank("th").add_pipe("thaigov_ner")`` works without importing this
package. It sets ``doc.ents`` and ``doc._.relations``. Where an entity edge
falls inside a PyThaiNLP token, the token is split at the edge (no entity is
moved or lost) and the split is recorded in ``doc._.thaigov_adjustments``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)
if not Doc.has_extension("thaigov_adjustments"):
    Doc.set_extension("thaigov_adjustments", default=None)


class ThaigovNER:
    """Runs an :class:`~thaigov_ner.pipeline.Annotator` and writes its output to the Doc."""

    def __init__(self, annotator: Any, name: str = "thaigov_ner"):
        self.annotator = annotator
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.write(doc, self.annotator(doc.text))

    def pipe(self, docs, batch_size: int = 16):
        docs = list(docs)
        for doc, result in zip(docs, self.annotator.pipe([d.text for d in docs], batch_size=batch_size)):
            yield self.write(doc, result)

    @staticmethod
    def write(doc: Doc, result: Any) -> Doc:
        """Set ``doc.ents`` and ``doc._.relations`` from an annotated Document."""
        adjustments = _split_at(doc, sorted({e.start for e in result.entities} | {e.end for e in result.entities}))
        spans = {}
        for ent in result.entities:
            span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="strict")
            if span is None:  # cannot happen after splitting; never drop silently
                raise ValueError(f"entity {ent.id} [{ent.start}, {ent.end}) does not align with tokens")
            spans[ent.id] = span
        doc.ents = list(spans.values())
        doc._.relations = [
            {"type": r.type, "head": spans[r.head], "tail": spans[r.tail], "trigger": r.trigger, "task": r.task}
            for r in result.relations
        ]
        doc._.thaigov_adjustments = adjustments
        return doc


def _split_at(doc: Doc, offsets: list[int]) -> list[dict]:
    """Split tokens so that every offset is a token boundary; returns what was split."""
    cuts: dict[int, list[int]] = {}
    for off in offsets:
        for tok in doc:
            if tok.idx < off < tok.idx + len(tok.text):
                cuts.setdefault(tok.i, []).append(off - tok.idx)
                break
    adjustments = []
    with doc.retokenize() as retok:
        for i, rel_cuts in cuts.items():
            tok = doc[i]
            bounds = [0, *sorted(set(rel_cuts)), len(tok.text)]
            orths = [tok.text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads = [(tok, k) for k in range(len(orths))]
            retok.split(tok, orths, heads=heads)
            adjustments.append({"token": tok.text, "start": tok.idx, "pieces": orths})
    return adjustments


@Language.factory("thaigov_ner", default_config={"model": None, "batch_size": 16, "backend": "onnx"})
def make_component(nlp: Language, name: str, model: str | None, batch_size: int, backend: str) -> ThaigovNER:
    from .pipeline import Annotator

    return ThaigovNER(Annotator.load(model, backend=backend, batch_size=batch_size), name=name)
