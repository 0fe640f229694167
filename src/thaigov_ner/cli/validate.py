"""``thaigov-ner validate``: report every problem of project JSONL corpus files."""

from __future__ import annotations

from pathlib import Path

import typer

from ..io.jsonl import validate_file


def validate(
    paths: list[Path] = typer.Argument(..., help="Project JSONL files to check.", exists=True, dir_okay=False),
    max_problems: int = typer.Option(0, "--max", help="Print at most this many problems per file (0: all)."),
) -> None:
    """Check corpus files against SCHEMA.md: JSON, encoding, spans, labels, overlaps, relations.

    Prints one line per problem (file:line [document id]: code message) and exits 1 if any."""
    failed = False
    for path in paths:
        problems = validate_file(path)
        shown = problems if max_problems <= 0 else problems[:max_problems]
        for problem in shown:
            typer.echo(str(problem))
        if len(shown) < len(problems):
            typer.echo(f"{path}: … {len(problems) - len(shown)} more problems")
        if problems:
            failed = True
            typer.echo(f"{path}: INVALID, {len(problems)} problems", err=True)
        else:
            typer.echo(f"{path}: ok")
    if failed:
        raise typer.Exit(1)
