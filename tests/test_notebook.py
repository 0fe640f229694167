"""notebooks/quickstart.ipynb runs top to bottom with the shipped model."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from conftest import REPO


def test_notebook_quickstart_runs_top_to_bottom():
    path = REPO / "notebooks" / "quickstart.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "entities (exact span and label)" in printed
