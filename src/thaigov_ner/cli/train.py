"""``thaigov-ner train``: fine-tune the token classifier from a YAML config."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import ThaigovError


def train(
    config: Path = typer.Option(..., "--config", "-c", help="YAML training config (see configs/tiny.yaml)."),
    output: Path = typer.Option(None, "--output", "-o", help="Checkpoint directory (default: 'output' of the config)."),
    seed: int = typer.Option(None, "--seed", help="Random seed (default: 'seed' of the config)."),
    max_steps: int = typer.Option(None, "--max-steps", help="Stop after this many optimiser steps."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Train, keep the epoch with the best dev F1, write the checkpoint and its run card."""
    from ..model.train import load_config
    from ..model.train import train as run_training

    try:
        cfg = load_config(config)
        if output is not None:
            cfg.output = str(output)
        if seed is not None:
            cfg.seed = seed
        if max_steps is not None:
            cfg.max_steps = max_steps
        if quiet:
            cfg.progress = False
        cfg.check(str(config))
        path = run_training(cfg)
    except ThaigovError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    card = json.loads((path / "runcard.json").read_text(encoding="utf-8"))
    f1 = (card.get("dev_metrics") or {}).get("micro", {}).get("f1")
    summary = f"best epoch {card['best_epoch']}, dev micro F1 {f1:.4f}" if f1 is not None else "no dev set"
    typer.echo(f"wrote {path} ({summary}, {card['steps']} steps, {card['duration_s']} s)")
