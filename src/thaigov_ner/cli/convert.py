"""``thaigov-ner convert``: between the project JSONL and other corpus formats."""

from __future__ import annotations

from pathlib import Path

import typer

from ..io import FORMATS, read_docs, write_docs


def convert(
    source: Path = typer.Argument(..., help="Input file (or folder, for the hf format).", exists=True),
    target: Path = typer.Argument(..., help="Output file (or folder, for the hf format)."),
    from_fmt: str = typer.Option(None, "--from", help=f"Input format: {', '.join(FORMATS)} (default: from the extension)."),
    to_fmt: str = typer.Option("jsonl", "--to", help=f"Output format: {', '.join(FORMATS)}."),
) -> None:
    """Convert a corpus between formats; reports how many documents were written."""
    n = write_docs(read_docs(source, from_fmt), target, to_fmt)
    typer.echo(f"wrote {n} documents to {target}", err=True)
