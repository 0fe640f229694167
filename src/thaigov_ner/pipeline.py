"""``Annotator``: the one place that wires the parts together.

text -> entity tagger (normalisation, subword windows, BIO decoding, spans in
the original text) -> rule layer (HOLDS_POSITION, DELEGATES_TO) -> Document
with ``officials`` and ``delegations`` views.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Protocol, Sequence, Union

from .errors import ModelError
from .schema import Document, Entity

TextOrPair = Union[str, tuple[str, str]]


class Backend(str, Enum):
    """Inference backends (``Annotator.load(backend=...)``, the CLI's ``--backend``)."""

    onnx = "onnx"
    torch = "torch"


BACKENDS = tuple(b.value for b in Backend)
DEFAULT_BACKEND = Backend.onnx  # benchmarks/results/speed.md: faster at F1 within 0.5 points


class Tagger(Protocol):
    """Anything that finds entities: the fine-tuned model, or a stand-in in tests."""

    def predict(self, texts: Sequence[str], batch_size: int = ...) -> list[list[Entity]]: ...


def default_model_path() -> Path:
    """The model shipped inside the package."""
    return Path(str(resources.files("thaigov_ner") / "models" / "default"))


class Annotator:
    """Annotate Thai government news.

    >>> annotator = Annotator.load()                       # doctest: +SKIP
    >>> doc = annotator("นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ ได้มอบหมายให้...")  # doctest: +SKIP
    >>> doc.to_dict()["delegations"]                       # doctest: +SKIP
    """

    def __init__(self, tagger: Tagger, *, batch_size: int = 16, sentence_engine: str = "spaces"):
        self.tagger = tagger
        self.batch_size = batch_size
        self.sentence_engine = sentence_engine

    @classmethod
    def load(cls, path: str | Path | None = None, *, backend: str = DEFAULT_BACKEND, device: str = "cpu",
             batch_size: int = 16, threads: int | None = None) -> "Annotator":
        """Load a trained model directory (default: the model shipped with the package).
        Never touches the network.

        ``backend="onnx"``: the model quantised to int8 on ONNX Runtime (CPU; built into a
        user cache on first use, see ``model/onnx.py``; ``threads``: its threads, default
        all cores). ``backend="torch"``: the float model on PyTorch, on ``device``."""
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
        path = Path(path) if path is not None else default_model_path()
        if not path.exists():
            raise ModelError("E201", f"no model at {path}; pass the folder of a trained model "
                                     "(see `thaigov-ner train --help`)")
        if backend == Backend.onnx:
            if device != "cpu":
                raise ValueError(f"backend 'onnx' runs on the CPU; for device={device!r} use backend='torch'")
            from .model.onnx import load_onnx_classifier

            return cls(load_onnx_classifier(path, threads=threads), batch_size=batch_size)
        from .model.predict import TokenClassifier

        return cls(TokenClassifier.load(path, device=device), batch_size=batch_size)

    def __call__(self, text: str, *, id: str = "doc") -> Document:
        return next(self.pipe([(id, text)]))

    def pipe(self, texts: Iterable[TextOrPair], *, batch_size: int | None = None) -> Iterator[Document]:
        """Annotate many texts, streaming, in input order. Items are texts (ids
        ``doc-1``, ``doc-2``, ...) or ``(id, text)`` pairs. A bare string is rejected."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("Annotator.pipe() takes an iterable of texts; for one text call the annotator directly")
        size = batch_size or self.batch_size
        buffer: list[tuple[str, str]] = []
        for n, item in enumerate(texts, 1):
            doc_id, text = (f"doc-{n}", item) if isinstance(item, str) else item
            if not isinstance(text, str):
                raise TypeError(f"document {doc_id!r}: text must be a str, got {type(text).__name__}")
            buffer.append((doc_id, text))
            if len(buffer) >= size:
                yield from self._annotate(buffer)
                buffer = []
        if buffer:
            yield from self._annotate(buffer)

    def _annotate(self, batch: list[tuple[str, str]]) -> list[Document]:
        found = self.tagger.predict([text for _, text in batch], batch_size=self.batch_size)
        return [self.link(Document(doc_id, text, tuple(ents))) for (doc_id, text), ents in zip(batch, found)]

    def link(self, doc: Document) -> Document:
        return link(doc, sentence_engine=self.sentence_engine)


def link(doc: Document, *, sentence_engine: str = "spaces") -> Document:
    """Replace a document's relations by the rule layer's, over its entities (the
    model's or gold ones), and add the officials and delegations views; entities
    are numbered T1.. and relations R1.. in text order."""
    from .relations import delegations, extract_relations, officials

    doc = replace(doc, relations=()).with_ids()
    relations = extract_relations(doc.text, doc.entities, sentence_engine=sentence_engine)
    return replace(
        doc, relations=tuple(relations),
        officials=tuple(o.to_dict() for o in officials(doc.text, doc.entities, relations)),
        delegations=tuple(d.to_dict() for d in delegations(doc.text, doc.entities, relations)),
    )
