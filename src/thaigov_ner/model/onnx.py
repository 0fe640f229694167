"""The token classifier on ONNX Runtime: export, optional int8 quantisation, a cache, a runner.

The shipped checkpoint holds float16 safetensors only (the package must stay small).
On first use, :func:`cached_onnx` exports the classifier to ONNX (dynamic batch and
sequence axes), applies the export settings (by default its weights are quantised to int8
with ``quantize_dynamic``; a checkpoint may name others, see :data:`DEFAULT_EXPORT`) and
writes the result into a user cache, keyed by the sha256 of ``model.safetensors`` and the
export settings; later loads reuse it. Building needs torch and transformers;
loading a cached model needs neither: :class:`OnnxRunner` runs it on ONNX
Runtime and :class:`JsonTokenizer` reads ``tokenizer.json`` with the
``tokenizers`` library (same ids and offsets as the transformers tokenizer).

Cache folder: ``$THAIGOV_NER_CACHE``, else ``$XDG_CACHE_HOME/thaigov-ner``, else
``~/.cache/thaigov-ner``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..errors import ModelError

log = logging.getLogger(__name__)

CACHE_ENV = "THAIGOV_NER_CACHE"
# Part of the cache key: change a setting (or EXPORT_VERSION when the code that builds
# the file changes) and a fresh file is built.
EXPORT_VERSION = 1
# Chosen on corpus/thaigov/dev.jsonl for the session-7 model (benchmarks/speed.py reports
# test): weights int8 per output channel in 7 bits ("reduce_range": AVX2 without VNNI adds
# pairs of 8-bit products in 16 bits, which 8-bit weights can overflow), the last encoder
# layer ("float_layers": 1) and the classifier left in float32 (all in int8: dev F1 -0.94
# points against torch; so: -0.38). A checkpoint can carry its own settings, chosen on dev
# for its weights (benchmarks/onnx_settings.py), as the "onnx" object of thaigov_ner.json;
# they override these.
DEFAULT_EXPORT = {"opset": 17, "optimize": "bert", "quantize": "int8", "per_channel": True,
                  "reduce_range": True, "float_layers": 1}


# --- where the file lives ---------------------------------------------------------------

def cache_dir() -> Path:
    """The folder of built ONNX models (not created here)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "thaigov-ner"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_key(model_dir: Path, export: Mapping[str, Any]) -> str:
    """sha256 of the weights and of the export settings."""
    settings = json.dumps({**export, "export_version": EXPORT_VERSION}, sort_keys=True)
    return hashlib.sha256((file_sha256(model_dir / "model.safetensors") + settings).encode()).hexdigest()[:32]


def cached_onnx(model_dir: str | Path, export: Mapping[str, Any] | None = None,
                cache: str | Path | None = None) -> Path:
    """Path of the ONNX file of a checkpoint, built into the cache if it is not there yet."""
    model_dir = Path(model_dir)
    export = {**DEFAULT_EXPORT, **(export or {})}
    folder = Path(cache) if cache is not None else cache_dir()
    target = folder / f"{model_dir.name}-{cache_key(model_dir, export)}.onnx"
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
    except OSError as exc:
        raise ModelError("E220", f"cannot write the ONNX model cache {folder} ({exc.strerror or exc}); "
                                 f"set {CACHE_ENV} to a writable folder") from None
    log.info("building the ONNX model of %s into %s (once; later loads reuse it)", model_dir, target)
    try:
        built = build_onnx(model_dir, work, export)
        os.replace(built, target)  # atomic: a reader never sees a half-written file
    finally:
        for leftover in work.iterdir():
            leftover.unlink()
        work.rmdir()
    return target


# --- building ---------------------------------------------------------------------------

def build_onnx(model_dir: Path, work: Path, export: Mapping[str, Any], *, isolate: bool = True) -> Path:
    """Export the checkpoint's classifier to ``work`` and apply the export settings; returns
    the final file (in ``work``).

    With ``isolate`` (the default) each step runs in a fresh Python process
    (``python -m thaigov_ner.model.onnx STEP ...``), so the build peaks at its largest step
    instead of holding torch, the optimiser's and the quantiser's copies of the graph at
    once (shipped 9-layer model: 1.05 GB against 1.64 GB, ``benchmarks/speed.py``)."""
    steps = [("export", work / "model.onnx")]
    if export.get("optimize") == "bert":
        steps.append(("optimize", work / "optimized.onnx"))
    if export.get("quantize") == "int8":
        steps.append(("quantize", work / "int8.onnx"))
    elif export.get("quantize") is not None:
        raise ValueError(f"unknown quantize setting {export['quantize']!r}; use 'int8' or None")
    src = model_dir
    for step, dst in steps:
        (run_isolated if isolate else run_step)(step, src, dst, model_dir, export)
        src = dst
    return src


def run_step(step: str, src: Path, dst: Path, model_dir: Path, export: Mapping[str, Any]) -> None:
    """One build step from ``src`` to ``dst``: ``export`` (the checkpoint to float32 ONNX),
    ``optimize`` or ``quantize``."""
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    with _quiet_onnxruntime_tools():
        if step == "export":
            from .checkpoint import load_checkpoint

            export_onnx(load_checkpoint(model_dir).model, dst, opset=int(export["opset"]))
        elif step == "optimize":
            optimize_bert(src, dst, num_heads=config["num_attention_heads"], hidden_size=config["hidden_size"])
        elif step == "quantize":
            keep = float_nodes(src, config["num_hidden_layers"], int(export.get("float_layers", 0)),
                               embeddings=bool(export.get("float_embeddings")))
            quantize_int8(src, dst, per_channel=bool(export.get("per_channel")),
                          reduce_range=bool(export.get("reduce_range")), exclude=keep)
        else:
            raise ValueError(f"unknown build step {step!r}")


def run_isolated(step: str, src: Path, dst: Path, model_dir: Path, export: Mapping[str, Any]) -> None:
    """:func:`run_step` in a child process; its output is kept unless it fails (E221)."""
    package_root = str(Path(__file__).resolve().parents[2])  # the child imports this same code
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "thaigov_ner.model.onnx", step, str(src), str(dst), str(model_dir),
               json.dumps(dict(export))]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise ModelError("E221", f"building the ONNX model of {model_dir} failed in its {step} step: {last}")


def float_nodes(path: Path, layers: int, keep: int, *, embeddings: bool = False) -> list[str]:
    """Names of the nodes left in float32: those that compute the last ``keep`` encoder
    layers and the classifier (none when ``keep`` is 0), and with ``embeddings`` the
    embedding lookup (a table read, no arithmetic to speed up; quantised, the whole table
    shares one scale). The fused attention nodes are numbered, not named after their layer:
    the last ``keep`` are taken."""
    import onnx

    if keep > layers:
        raise ValueError(f"float_layers={keep}, but the model has {layers} encoder layers")
    nodes = onnx.load(str(path), load_external_data=False).graph.node
    names = [n.name for n in nodes if embeddings and n.op_type == "EmbedLayerNormalization"]
    if keep <= 0:
        return names
    wanted = tuple(f"/layer.{i}/" for i in range(layers - keep, layers))
    names += [n.name for n in nodes if any(w in n.name for w in wanted) or n.name.startswith("/classifier/")]
    attention = [n.name for n in nodes if n.op_type == "Attention"]
    return names + attention[-keep:]


class _WarningsOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


@contextmanager
def _quiet_onnxruntime_tools():
    """ONNX Runtime's optimiser and quantiser log dozens of INFO lines, some through the
    root logger; a library keeps them out of its caller's logs (warnings pass)."""
    names = ("onnx_model", "onnx_model_bert", "fusion_base", "fusion_utils")
    levels = {name: logging.getLogger(name).level for name in names}
    quiet = _WarningsOnly()
    root = logging.getLogger()
    root.addFilter(quiet)  # a logger's filter sees only the records logged on it, not propagated ones
    for name in names:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.removeFilter(quiet)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def export_onnx(model: Any, path: Path, opset: int = 17) -> Path:
    """float32 ONNX of a transformers token classifier: inputs ``input_ids`` and
    ``attention_mask`` (int64, batch x length, both axes dynamic), output ``logits``."""
    import warnings

    import torch

    model = model.float().eval()
    # plain matrix-product attention: ONNX Runtime fuses it into one Attention operator
    # (and QAttention when quantised); the SDPA graph is not recognised
    model.set_attn_implementation("eager")
    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 8, 9, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])
    axes = {0: "batch", 1: "length"}
    with warnings.catch_warnings(), torch.inference_mode():
        # the TorchScript exporter: no extra dependency, and it traces this model whole;
        # its deprecation and tracer warnings are about models with control flow
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], opset_version=opset, dynamo=False,
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "logits": axes})
    return path


def optimize_bert(src: Path, dst: Path, *, num_heads: int, hidden_size: int) -> Path:
    """ONNX Runtime's transformer fusions (attention, layer norm, GELU) for a BERT graph."""
    from onnxruntime.transformers import optimizer

    optimized = optimizer.optimize_model(str(src), model_type="bert", num_heads=num_heads,
                                         hidden_size=hidden_size, opt_level=0)
    optimized.save_model_to_file(str(dst))
    return dst


def quantize_int8(src: Path, dst: Path, *, per_channel: bool = False, reduce_range: bool = False,
                  exclude: Any = ()) -> Path:
    """Dynamic int8 quantisation of the weights (activations quantised at run time)."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # DefaultTensorType: shape inference cannot type the outputs of fused operators
    # (com.microsoft domain); every activation here is float32
    quantize_dynamic(str(src), str(dst), per_channel=per_channel, reduce_range=reduce_range,
                     weight_type=QuantType.QInt8, nodes_to_exclude=list(exclude) or None,
                     extra_options={"DefaultTensorType": TensorProto.FLOAT})
    return dst


# --- running ----------------------------------------------------------------------------

def default_threads() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class OnnxRunner:
    """Logits of an ONNX token classifier on ONNX Runtime's CPU provider (see
    :class:`~thaigov_ner.model.predict.TokenClassifier`)."""

    is_runner = True

    def __init__(self, path: str | Path, threads: int | None = None):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.path = Path(path)
        self.threads = options.intra_op_num_threads
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError("E204", f"{path}: cannot load the ONNX model ({exc}); delete it to have it rebuilt") from None

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """One window at a time, without its padding: dynamic quantisation scales the
        activations of a whole call, so a window scored with others would depend on them;
        alone, its scores are the same in any batch. (A 256-token window is a matrix big
        enough for the int8 kernels; batching windows measured no faster.)"""
        logits = None
        for row in range(input_ids.shape[0]):
            n = int(attention_mask[row].sum())
            out = self.session.run(["logits"], {"input_ids": input_ids[row:row + 1, :n],
                                                "attention_mask": attention_mask[row:row + 1, :n]})[0]
            if logits is None:
                logits = np.zeros(input_ids.shape + out.shape[2:], dtype=np.float32)
            logits[row, :n] = out[0]
        return logits


# --- tokenizer without transformers ------------------------------------------------------

class _Encoding:
    def __init__(self, encoding: Any):
        self._encoding = encoding

    def __getitem__(self, key: str) -> list:
        if key == "input_ids":
            return self._encoding.ids
        if key == "offset_mapping":
            return self._encoding.offsets
        raise KeyError(key)

    def tokens(self) -> list[str]:
        return self._encoding.tokens


class JsonTokenizer:
    """The checkpoint's ``tokenizer.json`` on the ``tokenizers`` library, with the part of
    the transformers fast-tokenizer interface that ``windows.tokenize`` and
    ``windows.special_tokens`` use."""

    is_fast = True

    def __init__(self, tokenizer: Any, pad_token_id: int | None):
        self.backend = tokenizer
        self.backend.no_truncation()
        self.backend.no_padding()
        self.pad_token_id = pad_token_id

    @classmethod
    def from_dir(cls, path: str | Path) -> "JsonTokenizer":
        from tokenizers import Tokenizer

        path = Path(path)
        try:
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises plain Exception
            raise ModelError("E204", f"{path / 'tokenizer.json'}: cannot load the tokenizer ({exc}); "
                                     "re-save the checkpoint") from None
        pad = None
        config = path / "tokenizer_config.json"
        if config.is_file():
            token = json.loads(config.read_text(encoding="utf-8")).get("pad_token")
            if isinstance(token, dict):
                token = token.get("content")
            if token is not None:
                pad = tokenizer.token_to_id(token)
        return cls(tokenizer, pad)

    def __call__(self, text: str, add_special_tokens: bool = True, return_offsets_mapping: bool = False,
                 verbose: bool = True) -> _Encoding:
        return _Encoding(self.backend.encode(text, add_special_tokens=add_special_tokens))


# --- the classifier ---------------------------------------------------------------------

def load_onnx_classifier(path: str | Path, *, threads: int | None = None, export: Mapping[str, Any] | None = None,
                         cache: str | Path | None = None):
    """A :class:`~thaigov_ner.model.predict.TokenClassifier` on ONNX Runtime for a
    checkpoint directory; the ONNX file is built into the cache on first use."""
    from .checkpoint import read_settings
    from .predict import TokenClassifier

    settings = read_settings(path)
    onnx_path = cached_onnx(path, {**settings.get("onnx", {}), **(export or {})}, cache)
    return TokenClassifier(OnnxRunner(onnx_path, threads), JsonTokenizer.from_dir(path), settings)


if __name__ == "__main__":  # one isolated build step (run_isolated)
    _step, _src, _dst, _model_dir, _export = sys.argv[1:]
    run_step(_step, Path(_src), Path(_dst), Path(_model_dir), json.loads(_export))
