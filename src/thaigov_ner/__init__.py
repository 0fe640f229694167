"""thaigov-ner: who is who, and who delegated what to whom, in Thai government news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import LABELS, RELATION_TYPES, Document, Entity, Relation

__version__ = "0.1.0"
__all__ = ["Annotator", "Document", "Entity", "Relation", "LABELS", "RELATION_TYPES", "__version__"]

if TYPE_CHECKING:
    from .pipeline import Annotator


def __getattr__(name: str) -> Any:
    # The Annotator pulls in torch; import it only when asked for.
    if name == "Annotator":
        from .pipeline import Annotator

        return Annotator
    raise AttributeError(f"module 'thaigov_ner' has no attribute {name!r}")
