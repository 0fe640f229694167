"""spaCy ``DocBin`` files (``.spacy``), written and read.

Decisions:

- Docs are built from tokens cut by :mod:`thaigov_ner.io.tokens` (PyThaiNLP
  ``newmm``, split at every entity edge) with ``Doc(vocab, words=..., spaces=...)``
  over the vocab of ``spacy.blank("th")``, never re-tokenised by spaCy, so
  ``doc.text`` is the text exactly and every entity is ``doc.char_span(start,
  end)`` with no alignment change (``alignment_mode="expand"`` would move spans).
- A token followed by one plain space gets ``spaces=True``; other whitespace
  stays a token of its own (spaCy's usual convention).
- ``doc.user_data["thaigov_ner"]`` holds the document id, the entity ids in
  offset order, the relations (as dicts) and ``meta``, so the reader gives the
  same Document back. Entity ``score``/``normalized`` have no place in
  ``doc.ents`` and are kept there too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DataError
from ..schema import Document, Entity, Relation
from .report import check_document
from .tokens import token_spans

USER_KEY = "thaigov_ner"


def _blank_th():
    import spacy  # heavy: imported on first use

    return spacy.blank("th")


def document_to_spacy(doc: Document, vocab: Any, *, engine: str = "newmm") -> Any:
    """A spaCy ``Doc`` with the document's exact text, its entities as ``doc.ents``."""
    from spacy.tokens import Doc
    from spacy.util import get_words_and_spaces

    edges = [x for e in doc.entities for x in (e.start, e.end)]
    tokens = [doc.text[s:e] for s, e in token_spans(doc.text, edges, engine)]
    words, spaces = get_words_and_spaces(tokens, doc.text)
    sdoc = Doc(vocab, words=words, spaces=spaces)
    ents = sorted(doc.entities, key=lambda e: e.start)
    spans = []
    for ent in ents:
        span = sdoc.char_span(ent.start, ent.end, label=ent.label)
        if span is None:
            raise DataError("E103", f"document {doc.id}: entity {ent.id} [{ent.start}, {ent.end}) does not fall on "
                                    "token edges after tokenisation; report this as a bug")
        spans.append(span)
    sdoc.ents = spans
    sdoc.user_data[USER_KEY] = {
        "id": doc.id,
        "entities": [{"id": e.id, "score": e.score, "normalized": e.normalized} for e in ents],
        "relations": [r.to_dict() for r in doc.relations],
        "meta": dict(doc.meta),
    }
    return sdoc


def spacy_to_document(sdoc: Any, default_id: str) -> Document:
    """The Document of a spaCy ``Doc`` written by :func:`document_to_spacy` (or any Doc with ents)."""
    data = sdoc.user_data.get(USER_KEY) or {}
    extra = data.get("entities") or [{} for _ in sdoc.ents]
    if len(extra) != len(sdoc.ents):
        raise DataError("E102", f"spaCy doc {data.get('id', default_id)}: {len(sdoc.ents)} ents but "
                                f"{len(extra)} stored entity ids; the user_data does not belong to these ents")
    entities = tuple(
        Entity(span.start_char, span.end_char, span.label_, span.text, id=x.get("id") or f"T{i}",
               score=x.get("score"), normalized=x.get("normalized"))
        for i, (span, x) in enumerate(zip(sdoc.ents, extra), 1)
    )
    relations = tuple(Relation.from_dict(r) for r in data.get("relations") or ())
    return Document(id=str(data.get("id") or default_id), text=sdoc.text, entities=entities,
                    relations=relations, meta=dict(data.get("meta") or {}))


def write_spacy(docs: Iterable[Document], path: str | Path, *, engine: str = "newmm") -> int:
    """Write documents to a ``.spacy`` DocBin; returns how many were written."""
    from spacy.tokens import DocBin

    vocab = _blank_th().vocab
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    n = 0
    for doc in docs:
        if not isinstance(doc, Document):
            raise DataError("E102", f"write_spacy takes Documents, got {type(doc).__name__}")
        docbin.add(document_to_spacy(doc, vocab, engine=engine))
        n += 1
    docbin.to_disk(path)
    return n


def read_spacy(path: str | Path) -> Iterator[Document]:
    """Documents of a ``.spacy`` DocBin; ids from user_data, else ``{file stem}-{n}``."""
    from spacy.tokens import DocBin

    path = Path(path)
    try:
        docbin = DocBin().from_disk(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError("E100", f"{path}: not a spaCy DocBin ({exc}); write it with DocBin.to_disk") from None
    for i, sdoc in enumerate(docbin.get_docs(_blank_th().vocab), 1):
        yield check_document(spacy_to_document(sdoc, f"{path.stem}-{i}"), f"{path} doc {i}")
