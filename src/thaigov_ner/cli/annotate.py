"""``thaigov-ner annotate``: batch annotation of archives into JSONL."""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path
from typing import Iterator

import typer

from ..batch import InputDoc, InputError, Item, JsonlWriter, done_ids, iter_inputs
from ..pipeline import DEFAULT_BACKEND, Backend


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _annotate_all(annotator, docs: list[InputDoc], n_process: int) -> list:
    """Annotated documents in order; if the batch fails, each document is retried
    alone (in this process) so that only the one at fault becomes an error record."""
    try:
        return list(annotator.pipe([(d.id, d.text) for d in docs], n_process=n_process))
    except Exception:  # noqa: BLE001 - any failure of one document must not end the run
        results = []
        for d in docs:
            try:
                results.append(annotator(d.text, id=d.id))
            except Exception as exc:  # noqa: BLE001
                results.append(InputError(d.id, "E300", f"annotation failed: {type(exc).__name__}: {exc}"))
        return results


def annotate(
    inputs: list[str] = typer.Argument(..., help=".txt files, folders of them, JSONL with id and text, or - for stdin."),
    output: Path = typer.Option(..., "--output", "-o", help="Output JSONL (one record per input document)."),
    model: Path = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    batch_size: int = typer.Option(16, "--batch-size", help="Documents per model batch."),
    backend: Backend = typer.Option(DEFAULT_BACKEND, "--backend",
                                    help="onnx: ONNX Runtime (fast; int8 unless the model names other settings); torch: PyTorch."),
    processes: int = typer.Option(0, "--processes", min=0,
                                  help="Worker processes, each with the model loaded (150-400 MB with onnx) "
                                       "and its share of the cores; 0: one per core. Small inputs stay in one."),
    resume: bool = typer.Option(False, "--resume", help="Skip ids already in OUTPUT and append the rest."),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: only on a terminal)."),
) -> None:
    """Annotate documents; failures become error records and the run goes on.

    Exit code 0 when every document was annotated, 1 when any failed."""
    from tqdm import tqdm

    from ..model.onnx import default_threads
    from ..pipeline import Annotator

    n_process = processes or default_threads()
    skip = done_ids(output) if resume else set()
    annotator = Annotator.load(model, backend=backend.value, batch_size=batch_size)
    show = sys.stderr.isatty() if progress is None else progress
    failed = written = 0
    items = (item for item in iter_inputs(inputs) if item.id not in skip)
    with annotator, JsonlWriter(output, append=resume) as out, \
            tqdm(disable=not show, unit="doc", file=sys.stderr) as bar:
        for chunk in _chunks(items, batch_size * 8 * n_process):
            docs = [item for item in chunk if isinstance(item, InputDoc)]
            results = iter(_annotate_all(annotator, docs, n_process))
            for item in chunk:
                result = item if isinstance(item, InputError) else next(results)
                failed += isinstance(result, InputError)
                out.write(result.to_dict())
                written += 1
                bar.update(1)
    typer.echo(f"{written} documents written to {output}" + (f", {len(skip)} skipped (already done)" if resume else "")
               + (f", {failed} failed" if failed else ""), err=True)
    if failed:
        raise typer.Exit(1)
