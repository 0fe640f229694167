"""``thaigov-ner evaluate``: scores of predictions against a gold corpus."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from ..pipeline import DEFAULT_BACKEND, Backend


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"


def evaluate(
    gold: Path = typer.Argument(..., help="Gold corpus (project JSONL).", exists=True, dir_okay=False),
    pred: Path = typer.Option(None, "--pred", "-p", help="Predictions (project JSONL); default: run the model.",
                              exists=True, dir_okay=False),
    model: Path = typer.Option(None, "--model", "-m", help="Model folder when predicting (default: shipped model)."),
    backend: Backend = typer.Option(DEFAULT_BACKEND, "--backend",
                                    help="onnx: ONNX Runtime (fast; int8 unless the model names other settings); torch: PyTorch."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    output: Path = typer.Option(None, "--output", "-o", help="Write the report here instead of standard output."),
    gold_entities: bool = typer.Option(False, "--gold-entities", help="Score the rule layer alone: predict "
                                       "relations on the gold entities."),
    resamples: int = typer.Option(1000, "--resamples", min=0, help="Document resamples for the bootstrap "
                                  "intervals of the micro F1s (0: no intervals)."),
) -> None:
    """Exact and partial entity scores per label, label confusion, relation scores per type
    and per pattern, bootstrap intervals of the micro F1s, and the worst documents."""
    from ..evaluate import evaluate as run_evaluation
    from ..evaluate import pair_documents
    from ..io.jsonl import read_jsonl
    from ..relations import delegation_pattern, who_to_whom
    from ..report import as_html, as_text

    gold_docs = list(read_jsonl(gold))
    if pred is not None:
        pred_docs = list(read_jsonl(pred))
    elif gold_entities:
        from ..pipeline import link

        pred_docs = [link(d) for d in gold_docs]
    else:
        from ..pipeline import Annotator

        annotator = Annotator.load(model, backend=backend.value)
        pred_docs = list(annotator.pipe([(d.id, d.text) for d in gold_docs]))
    pairs = pair_documents(gold_docs, pred_docs)
    report = run_evaluation(pairs, who_to_whom=who_to_whom, pattern=delegation_pattern, resamples=resamples)
    if fmt is Format.json:
        rendered = json.dumps(report.to_dict(), ensure_ascii=False, indent=1)
    elif fmt is Format.html:
        rendered = as_html(report, pairs)
    else:
        rendered = as_text(report)
    if output:
        output.write_text(rendered + "\n", encoding="utf-8")
        typer.echo(f"report written to {output}", err=True)
    else:
        typer.echo(rendered)
