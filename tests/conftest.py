from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "examples" / "phrae-2566.jsonl"
SHARED = REPO.parent / "shared"


@pytest.fixture
def seed_dict() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not beside this checkout)")
    return path
