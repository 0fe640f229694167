"""``thaigov-ner convert``: between the project JSONL and other corpus formats."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import DataError
from ..io import FORMATS, ConversionReport, get_format, guess_format, read_docs, write_docs


def convert(
    source: Path = typer.Argument(..., help="Input file (or folder, for the hf format).", exists=True),
    target: Path = typer.Argument(..., help="Output file (or folder, for the hf format)."),
    from_fmt: str = typer.Option(None, "--from", help=f"Input format: {', '.join(FORMATS)} (default: from the extension)."),
    to_fmt: str = typer.Option("jsonl", "--to", help=f"Output format: {', '.join(FORMATS)}."),
    merge: bool = typer.Option(False, "--merge", help="thainer, nner: join a DATE and the TIME written with it into one span."),
    skip_malformed: bool = typer.Option(False, "--skip-malformed", help="thainer: leave out (and report) lines with malformed tags instead of stopping."),
    labelmap: str = typer.Option(None, "--labelmap", help="thainer, nner: label table (thainer, nner, project)."),
    style: str = typer.Option(None, "--style", help="doccano output: 'entities' (default) or 'label'."),
) -> None:
    """Convert a corpus between formats. Every adjustment the reader makes (a trimmed
    span edge, a merged span, a skipped line) is counted here and logged with its line."""
    fmt_in = get_format(from_fmt or guess_format(source))
    read_options: dict = {}
    if merge:
        read_options["merge"] = True
    if skip_malformed:
        read_options["on_malformed"] = "skip"
    if labelmap:
        read_options["labelmap"] = labelmap
    for option in read_options:
        if not fmt_in.reader_accepts(option):
            raise DataError("E102", f"format {fmt_in.name!r} takes no option {option!r}")
    report = ConversionReport()
    if fmt_in.reader_accepts("report"):
        read_options["report"] = report
    write_options = {"style": style} if style else {}
    if write_options and to_fmt != "doccano":
        raise DataError("E102", "--style applies to the doccano output format only")
    n = write_docs(read_docs(source, fmt_in.name, **read_options), target, to_fmt, **write_options)
    typer.echo(f"wrote {n} documents to {target}", err=True)
    summary = report.summary()
    for kind, count in sorted(summary["notes"].items()):
        typer.echo(f"  {kind}: {count}", err=True)
    for label, count in sorted(summary["dropped"].items()):
        typer.echo(f"  dropped label {label}: {count}", err=True)
