from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from thaigov_ner.errors import DataError
from thaigov_ner.io.jsonl import write_jsonl
from thaigov_ner.model.bio import IGNORE, LABEL2ID
from thaigov_ner.model.predict import TokenClassifier
from thaigov_ner.model.train import (
    TrainConfig, cue_chunks, document_rows, epoch_order, length_grouped_batches, load_config, to_normalized, train,
    train_tokenizer,
)
from thaigov_ner.schema import Document, Entity
from thaigov_ner.text import normalize

REPO = Path(__file__).resolve().parents[1]


def seed_parts(seed_dict: dict) -> list[Document]:
    """The seed article cut at line breaks into small documents, each with its entities."""
    seed = Document.from_dict(seed_dict)
    docs, start = [], 0
    for line in seed.text.split("\n"):
        end = start + len(line)
        ents = tuple(Entity(e.start - start, e.end - start, e.label, e.text)
                     for e in seed.entities if start <= e.start and e.end <= end)
        if ents:
            docs.append(Document(f"seed-{len(docs)}", line, ents).with_ids())
        start = end + 1
    return docs


def tiny_config(tmp_path: Path, train_file: Path, **over) -> dict:
    return {
        "base_model": {"random": {"layers": 1, "hidden": 32, "heads": 2}, "tokenizer": {"train": {"vocab_size": 300}}},
        "train": [{"path": str(train_file)}], "dev": [{"path": str(train_file)}],
        "output": str(tmp_path / "out"), "seed": 7, "epochs": 6, "batch_size": 8, "learning_rate": 3e-3,
        "warmup_ratio": 0.0, "patience": 10, "max_length": 48, "overlap": 8, "progress": False, **over,
    }


def test_model_train_reduces_loss_and_writes_a_loadable_checkpoint(seed_dict, tmp_path):
    docs = seed_parts(seed_dict)
    assert len(docs) >= 3
    train_file = tmp_path / "train.jsonl"
    write_jsonl(docs, train_file)
    path = train(tiny_config(tmp_path, train_file))

    card = json.loads((path / "runcard.json").read_text(encoding="utf-8"))
    history = card["history"]
    assert len(history) == 6
    assert history[-1]["train_loss"] < history[0]["train_loss"]
    assert card["data"][0]["sha256"] == hashlib.sha256(train_file.read_bytes()).hexdigest()
    assert card["data"][0]["documents"] == len(docs)
    assert set(card["dev_metrics"]) >= {"micro", "PERSON"}
    assert card["best_epoch"] == max(history, key=lambda h: h["dev_f1"])["epoch"]
    assert (path / "RUNCARD.md").read_text(encoding="utf-8").startswith("# Run card")
    settings = json.loads((path / "thaigov_ner.json").read_text(encoding="utf-8"))
    assert settings["windows"]["max_length"] == 48 and settings["training"]["seed"] == 7

    clf = TokenClassifier.load(path)
    text = "วันที่ ๑๘ กันยายน ๒๕๖๖\u200b  " + docs[0].text + "  นาย\u200bชุติเดช  มีจันทร์"
    first = clf.predict([text, docs[1].text])
    assert first == clf.predict([text, docs[1].text])
    for t, ents in zip([text, docs[1].text], first):
        for e in ents:
            assert t[e.start:e.end] == e.text and e.text == e.text.strip()


def test_model_train_runcard_describes_the_data_as_read(seed_dict, tmp_path, monkeypatch):
    """A long run: the corpus file is edited while it trains; the card keeps what it trained on."""
    import thaigov_ner.model.train as train_module

    docs = seed_parts(seed_dict)
    train_file = tmp_path / "train.jsonl"
    write_jsonl(docs, train_file)
    read_hash = hashlib.sha256(train_file.read_bytes()).hexdigest()
    save = train_module.save_checkpoint

    def save_then_edit(*args, **kwargs):
        save(*args, **kwargs)
        write_jsonl(docs[:1], train_file)

    monkeypatch.setattr(train_module, "save_checkpoint", save_then_edit)
    card = json.loads((train(tiny_config(tmp_path, train_file, epochs=1)) / "runcard.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(train_file.read_bytes()).hexdigest() != read_hash
    assert [d["sha256"] for d in card["data"]] == [read_hash, read_hash]


def test_model_train_is_reproducible_with_a_seed(seed_dict, tmp_path):
    train_file = tmp_path / "train.jsonl"
    write_jsonl(seed_parts(seed_dict)[:3], train_file)
    losses = []
    for run in ("a", "b"):
        cfg = tiny_config(tmp_path / run, train_file, epochs=1, max_steps=2, dev=[])
        card = json.loads((train(cfg) / "runcard.json").read_text(encoding="utf-8"))
        losses.append([h["train_loss"] for h in card["history"]])
    assert losses[0] == losses[1]


def test_model_train_missing_labels_mask_possible_mentions():
    tok = train_tokenizer(["นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ เดินทางไปจังหวัดน่าน"] * 3, vocab_size=80)
    text = "นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ เดินทางไปจังหวัดน่าน"
    doc = Document("d", text, (Entity(0, 19, "PERSON", text[:19]),))
    kw = dict(max_tokens=200, overlap=0, prefix=[], suffix=[])
    plain = document_rows(doc, tok, {}, **kw)[0]["labels"]
    masked = document_rows(doc, tok, {}, unannotated=cue_chunks, cues=["ผู้ว่าราชการ"], **kw)[0]["labels"]
    assert IGNORE not in plain
    changed = [i for i, (a, b) in enumerate(zip(plain, masked)) if a != b]
    assert changed and all(plain[i] == LABEL2ID["O"] and masked[i] == IGNORE for i in changed)
    assert masked[0] == LABEL2ID["B-PERSON"]  # gold labels are never masked
    assert masked[-1] == LABEL2ID["O"]  # text outside the cue chunk still teaches O
    assert cue_chunks(text, ["ผู้ว่าราชการ"]) == [(20, 43)]


def test_model_train_epoch_order_is_seeded_and_weighted():
    corpus_of_row = [0] * 10 + [1] * 4
    a = epoch_order(corpus_of_row, [1.0, 2.5], seed=3, epoch=1)
    assert a == epoch_order(corpus_of_row, [1.0, 2.5], seed=3, epoch=1)
    assert a != epoch_order(corpus_of_row, [1.0, 2.5], seed=3, epoch=2)
    assert sum(1 for i in a if corpus_of_row[i] == 1) == 10  # 2 whole copies of 4 + half of 4
    assert sorted(i for i in a if corpus_of_row[i] == 0) == list(range(10))


def test_model_train_length_grouped_batches_keep_every_row_once():
    rows = [[0] * n for n in (5, 50, 6, 48, 7, 49, 5, 51)]
    order = list(range(len(rows)))
    batches = length_grouped_batches(order, rows, batch_size=2, seed=1)
    assert sorted(i for b in batches for i in b) == order
    assert batches == length_grouped_batches(order, rows, batch_size=2, seed=1)
    assert all(abs(len(rows[b[0]]) - len(rows[b[-1]])) <= 2 for b in batches)  # short with short


def test_model_train_to_normalized_inverts_the_offset_map():
    original = "ปี  ๒๕\u200b๖๖ นาย"
    norm = normalize(original)
    s, e = to_normalized(norm, original.index("๒"), original.index("๖๖") + 2)
    assert norm.text[s:e] == "2566"
    assert norm.to_original(s, e) == (original.index("๒"), original.index("๖๖") + 2)


def test_model_train_config_errors_are_one_line(tmp_path):
    with pytest.raises(DataError, match="unknown key.*epochz"):
        TrainConfig.from_dict({"base_model": "x", "train": ["a.jsonl"], "epochz": 3})
    with pytest.raises(DataError, match="missing label 'TITLE'"):
        TrainConfig.from_dict({"base_model": "x", "train": [{"path": "a", "missing_labels": ["TITLE"]}]})
    with pytest.raises(DataError, match="overlap"):
        TrainConfig.from_dict({"base_model": "x", "train": ["a"], "max_length": 64, "overlap": 40})
    bad = tmp_path / "bad.yaml"
    bad.write_text("train: [a\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad.yaml"):
        load_config(bad)


def test_model_train_shipped_configs_parse():
    names = sorted(p.name for p in (REPO / "configs").glob("*.yaml"))
    assert {"tiny.yaml", "default.yaml", "default-9L.yaml", "default-12L.yaml"} <= set(names)
    for name in names:
        cfg = load_config(REPO / "configs" / name)
        assert cfg.train and cfg.base_model, name


def test_model_train_config_extends_another(tmp_path):
    (tmp_path / "base.yaml").write_text("base_model: runs/a\ntrain: [a.jsonl]\nepochs: 3\nseed: 1\n", encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nbase_model: runs/b\nseed: 2\n", encoding="utf-8")
    cfg = load_config(tmp_path / "child.yaml")
    assert (cfg.base_model, cfg.seed, cfg.epochs, [s.path for s in cfg.train]) == ("runs/b", 2, 3, ["a.jsonl"])
    (tmp_path / "base.yaml").write_text("extends: child.yaml\n", encoding="utf-8")
    with pytest.raises(DataError, match="E301.*loops back"):
        load_config(tmp_path / "child.yaml")
    (tmp_path / "child.yaml").write_text("extends: nowhere.yaml\n", encoding="utf-8")
    with pytest.raises(DataError, match="E302.*nowhere.yaml"):
        load_config(tmp_path / "child.yaml")


def test_model_train_cli_reports_a_bad_config_in_one_line(tmp_path):
    from typer.testing import CliRunner
    import typer

    from thaigov_ner.cli.train import train as train_command

    app = typer.Typer()
    app.command()(train_command)
    app.command("other")(lambda: None)
    bad = tmp_path / "bad.yaml"
    bad.write_text("base_model: x\ntrain: [a.jsonl]\nepochz: 1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "--config", str(bad)])
    assert result.exit_code == 2
    assert "epochz" in result.output and "Traceback" not in result.output
    assert "--config" in CliRunner().invoke(app, ["train", "--help"]).output


def test_model_train_continues_from_a_checkpoint_head_included(seed_dict, tmp_path):
    import torch

    train_file = tmp_path / "train.jsonl"
    write_jsonl(seed_parts(seed_dict)[:3], train_file)
    first = train(tiny_config(tmp_path / "a", train_file, epochs=1, max_steps=2, dev=[]))
    # zero steps of further training (learning rate 0) keep every weight, head included
    second = train(tiny_config(tmp_path / "b", train_file, base_model=str(first), epochs=1, max_steps=1,
                               learning_rate=0.0, weight_decay=0.0, dev=[]))
    a, b = TokenClassifier.load(first).model.state_dict(), TokenClassifier.load(second).model.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
