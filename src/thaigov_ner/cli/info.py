"""``thaigov-ner info``: size, labels and relations of corpus files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer

from ..io import read_docs
from ..schema import LABELS, RELATION_TYPES


def corpus_stats(path: Path, fmt: str | None = None) -> dict:
    docs = chars = 0
    labels: Counter[str] = Counter()
    relations: Counter[str] = Counter()
    for doc in read_docs(path, fmt):
        docs += 1
        chars += len(doc.text)
        labels.update(e.label for e in doc.entities)
        relations.update(r.type for r in doc.relations)
    return {
        "path": str(path), "documents": docs, "characters": chars,
        "entities": {label: labels.get(label, 0) for label in LABELS} | {"total": sum(labels.values())},
        "relations": {rtype: relations.get(rtype, 0) for rtype in RELATION_TYPES} | {"total": sum(relations.values())},
    }


def info(
    paths: list[Path] = typer.Argument(..., help="Corpus files.", exists=True),
    fmt: str = typer.Option(None, "--format", "-f", help="Input format (default: from the extension)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Print documents, characters, entities per label and relations per type."""
    for path in paths:
        stats = corpus_stats(path, fmt)
        if as_json:
            typer.echo(json.dumps(stats, ensure_ascii=False))
            continue
        typer.echo(f"{stats['path']}\n  documents   {stats['documents']:>9,}\n  characters  {stats['characters']:>9,}")
        typer.echo("  entities")
        for label, n in stats["entities"].items():
            typer.echo(f"    {label:<14} {n:>7,}")
        typer.echo("  relations")
        for rtype, n in stats["relations"].items():
            typer.echo(f"    {rtype:<14} {n:>7,}")
