"""``Annotator``: the one place that wires the parts together.

text -> entity tagger (normalisation, subword windows, BIO decoding, spans in
the original text) -> rule layer (HOLDS_POSITION, DELEGATES_TO) -> Document
with ``officials`` and ``delegations`` views.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from enum import Enum
from importlib import resources
from itertools import chain, islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol, Sequence, Union

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
        self._load_args: dict[str, Any] | None = None  # set by load(): worker processes load alike
        self._pool = None  # worker processes of pipe(n_process > 1), kept until close()

    @classmethod
    def load(cls, path: str | Path | None = None, *, backend: str = DEFAULT_BACKEND, device: str = "cpu",
             batch_size: int = 16, threads: int | None = None) -> "Annotator":
        """Load a trained model directory (default: the model shipped with the package).
        Never touches the network.

        ``backend="onnx"``: the model on ONNX Runtime, quantised to int8 with the export settings
        its folder names, chosen on dev (``benchmarks/onnx_settings.py``) (CPU; built into a
        user cache on first use, see ``model/onnx.py``; ``threads``: its threads, default
        all cores). ``backend="torch"``: the float model on PyTorch, on ``device`` (``threads``:
        PyTorch's threads, default its own choice)."""
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

            tagger = load_onnx_classifier(path, threads=threads)
        else:
            from .model.predict import TokenClassifier

            if threads:
                import torch

                torch.set_num_threads(threads)
            tagger = TokenClassifier.load(path, device=device)
        annotator = cls(tagger, batch_size=batch_size)
        annotator._load_args = {"path": str(path), "backend": backend, "device": device, "batch_size": batch_size}
        return annotator

    def __call__(self, text: str, *, id: str = "doc") -> Document:
        return next(self.pipe([(id, text)]))

    def pipe(self, texts: Iterable[TextOrPair], *, batch_size: int | None = None,
             n_process: int = 1) -> Iterator[Document]:
        """Annotate many texts, streaming, in input order. Items are texts (ids
        ``doc-1``, ``doc-2``, ...) or ``(id, text)`` pairs. A bare string is rejected.

        ``n_process > 1`` (an annotator made by :meth:`load`): batches are annotated in
        that many worker processes, each loading the same model with its share of the
        cores; the output is the same, in the same order. The workers start when the
        input holds more than one batch and stay until :meth:`close`. Workers are spawned, so
        a script that calls this must do so under ``if __name__ == "__main__":``."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("Annotator.pipe() takes an iterable of texts; for one text call the annotator directly")
        if n_process < 1:
            raise ValueError(f"n_process must be at least 1, got {n_process}")
        if n_process > 1 and self._load_args is None:
            raise ValueError("n_process > 1 needs an annotator made by Annotator.load(), which worker "
                             "processes can load again; use n_process=1")
        batches = _batches(texts, batch_size or self.batch_size)
        if n_process > 1:
            first = list(islice(batches, 2))
            batches = chain(first, batches)
            if len(first) > 1:
                yield from self._pipe_in_workers(batches, n_process)
                return
        for batch in batches:
            yield from self._annotate(batch)

    def _pipe_in_workers(self, batches: Iterator[list[tuple[str, str]]], n_process: int) -> Iterator[Document]:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._worker_pool(n_process)
        pending: deque = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_annotate_in_worker, batch, self.batch_size))
                if len(pending) >= 2 * n_process:  # bounded: the input is read as the output is used
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool:
            self.close()  # a worker died (out of memory?): the next call starts fresh ones
            raise

    def _worker_pool(self, n_process: int):
        if self._pool is not None and self._pool[0] != n_process:
            self.close()
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from .model.onnx import default_threads

            args = {**self._load_args, "threads": max(1, default_threads() // n_process)}
            pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_start_worker, initargs=(args, self.sentence_engine))
            self._pool = (n_process, pool)
        return self._pool[1]

    def close(self) -> None:
        """Stop the worker processes of ``pipe(n_process > 1)``, if any."""
        if self._pool is not None:
            self._pool[1].shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Annotator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _annotate(self, batch: list[tuple[str, str]]) -> list[Document]:
        found = self.tagger.predict([text for _, text in batch], batch_size=self.batch_size)
        return [self.link(Document(doc_id, text, tuple(ents))) for (doc_id, text), ents in zip(batch, found)]

    def link(self, doc: Document) -> Document:
        return link(doc, sentence_engine=self.sentence_engine)


def _batches(texts: Iterable[TextOrPair], size: int) -> Iterator[list[tuple[str, str]]]:
    """``(id, text)`` pairs in lists of ``size``; texts get ids ``doc-1``, ``doc-2``, ..."""
    buffer: list[tuple[str, str]] = []
    for n, item in enumerate(texts, 1):
        doc_id, text = (f"doc-{n}", item) if isinstance(item, str) else item
        if not isinstance(text, str):
            raise TypeError(f"document {doc_id!r}: text must be a str, got {type(text).__name__}")
        buffer.append((doc_id, text))
        if len(buffer) >= size:
            yield buffer
            buffer = []
    if buffer:
        yield buffer


# --- worker processes of pipe(n_process > 1) -----------------------------------------------

_WORKER: Annotator | None = None


def _start_worker(load_args: dict[str, Any], sentence_engine: str) -> None:
    global _WORKER
    _WORKER = Annotator.load(**load_args)
    _WORKER.sentence_engine = sentence_engine


def _annotate_in_worker(batch: list[tuple[str, str]], batch_size: int) -> list[Document]:
    _WORKER.batch_size = batch_size  # windows per model call, as in the calling process
    return _WORKER._annotate(batch)


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
