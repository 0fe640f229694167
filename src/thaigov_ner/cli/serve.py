"""``thaigov-ner serve``: the HTTP service."""

from __future__ import annotations

from pathlib import Path

import typer

from ..pipeline import DEFAULT_BACKEND, Backend


def serve(
    model: Path = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    backend: Backend = typer.Option(DEFAULT_BACKEND, "--backend",
                                    help="onnx: ONNX Runtime (fast; int8 unless the model names other settings); torch: PyTorch."),
) -> None:
    """Serve POST /annotate, POST /annotate/batch, GET /health, GET /labels (OpenAPI at /docs)."""
    import uvicorn

    from ..pipeline import Annotator
    from ..service import create_app

    uvicorn.run(create_app(Annotator.load(model, backend=backend.value)), host=host, port=port, log_level="info")
