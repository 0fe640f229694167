"""HTTP service over one loaded :class:`~thaigov_ner.pipeline.Annotator` (FastAPI).

``POST /annotate`` (one text), ``POST /annotate/batch``, ``GET /health``,
``GET /labels``; the OpenAPI schema is at ``/openapi.json`` and ``/docs``.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from . import __version__
from .schema import LABELS, RELATION_TYPES

MAX_CHARS = 200_000
MAX_BATCH = 64


class TextIn(BaseModel):
    id: str = Field("doc", description="Document id echoed in the result.")
    text: str = Field(..., description="Thai text; spans in the answer index this exact string.")


class BatchIn(BaseModel):
    documents: list[TextIn]


def create_app(annotator: Any, *, max_chars: int = MAX_CHARS, max_batch: int = MAX_BATCH) -> FastAPI:
    """A FastAPI app that annotates with ``annotator`` (loaded once, by the caller)."""
    app = FastAPI(title="thaigov-ner", version=__version__,
                  description="Entities, officials and delegations in Thai government news.")
    lock = threading.Lock()  # one model, one batch at a time; requests queue here

    def check(doc: TextIn) -> None:
        if not doc.text.strip():
            raise HTTPException(422, f"document {doc.id!r}: text is empty")
        if len(doc.text) > max_chars:
            raise HTTPException(413, f"document {doc.id!r}: text has {len(doc.text):,} characters, "
                                     f"the limit is {max_chars:,}; split it or use the batch CLI")

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    @app.get("/labels")
    def labels() -> dict:
        return {"entities": list(LABELS), "relations": list(RELATION_TYPES)}

    @app.post("/annotate")
    def annotate(doc: TextIn) -> dict:
        check(doc)
        with lock:
            return annotator(doc.text, id=doc.id).to_dict()

    @app.post("/annotate/batch")
    def annotate_batch(batch: BatchIn) -> dict:
        if not batch.documents:
            raise HTTPException(422, "documents is empty")
        if len(batch.documents) > max_batch:
            raise HTTPException(413, f"{len(batch.documents)} documents in one request, the limit is {max_batch}")
        for doc in batch.documents:
            check(doc)
        with lock:
            docs = annotator.pipe([(d.id, d.text) for d in batch.documents])
            return {"documents": [d.to_dict() for d in docs]}

    return app
