"""The ``thaigov-ner`` command line. One module per command; this one wires
them into a typer app and turns library errors into one-line messages."""

from __future__ import annotations

import sys

import typer

from ..errors import ThaigovError
from . import annotate, convert, evaluate, info, serve, train, validate

app = typer.Typer(
    name="thaigov-ner",
    help="Entities, officials and delegations in Thai government news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("validate")(validate.validate)
app.command("convert")(convert.convert)
app.command("info")(info.info)
app.command("annotate")(annotate.annotate)
app.command("evaluate")(evaluate.evaluate)
app.command("serve")(serve.serve)
app.command("train")(train.train)


def main() -> None:
    """Console entry point: library errors become one line on stderr and exit code 2."""
    try:
        app()
    except ThaigovError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        typer.echo(f"error: {exc.strerror}: {exc.filename}", err=True)
        sys.exit(2)
