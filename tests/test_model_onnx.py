from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from thaigov_ner.errors import ModelError
from thaigov_ner.model import onnx as ox
from thaigov_ner.model.bio import TAGS
from thaigov_ner.model.checkpoint import make_settings, save_checkpoint
from thaigov_ner.model.predict import TokenClassifier
from thaigov_ner.model.train import build_model, train_tokenizer
from thaigov_ner.model.windows import special_tokens, tokenize
from thaigov_ner.pipeline import Annotator, default_model_path
from thaigov_ner.schema import LABELS

SENTENCES = [
    "เมื่อวันที่ 18 กันยายน 2566 นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ ได้มอบหมายให้นางสาวนิติยา พงษ์พานิช",
    "ปีงบประมาณ 2566 งบประมาณ 2446.88 ล้านบาท ที่ห้องนครา พาวิเลียน โรงแรมแพร่นครา อำเภอเมืองแพร่",
    "รองผู้ว่าราชการจังหวัดแพร่ นำส่วนราชการที่เกี่ยวข้อง ประกอบด้วยสำนักงานจังหวัดแพร่ 0123456789",
]
TEXTS = [" ".join(SENTENCES) * 2, SENTENCES[1], "", "ปี ๒๕\u200b๖๖  นาย\u200bชุติเดช…"]
FLOAT = {"quantize": None, "optimize": None}


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    """A tiny random BERT classifier; windows of 16 tokens so the long text has several.
    Seeded, with a sharpened classifier so that no two tags nearly tie (float rounding
    between backends would then pick either)."""
    import torch

    tmp = tmp_path_factory.mktemp("onnx")
    train_tokenizer(SENTENCES * 3, vocab_size=150).save_pretrained(tmp / "tok")
    torch.manual_seed(0)
    model, tok = build_model({"random": {"layers": 2, "hidden": 32, "heads": 2}, "tokenizer": str(tmp / "tok")},
                             TAGS, 16)
    with torch.no_grad():
        model.classifier.weight.mul_(50)
    settings = make_settings(labels=list(LABELS), tags=list(TAGS), base_model="test",
                             windows={"max_length": 16, "overlap": 4})
    return save_checkpoint(tmp / "ckpt", model, tok, settings)


def test_model_onnx_float_export_gives_the_torch_logits_and_entities(checkpoint, tmp_path):
    torch_clf = TokenClassifier.load(checkpoint)
    onnx_clf = ox.load_onnx_classifier(checkpoint, export=FLOAT, cache=tmp_path)
    rng = np.random.default_rng(0)
    ids = rng.integers(4, 150, size=(3, 16))
    mask = np.ones_like(ids)
    mask[1, 9:] = 0
    ids[1, 9:] = 0
    want, got = torch_clf.runner(ids, mask), onnx_clf.runner(ids, mask)
    assert got.shape == want.shape == (3, 16, len(TAGS))
    assert np.allclose(got[mask == 1], want[mask == 1], atol=1e-4)
    got, want = onnx_clf.predict(TEXTS), torch_clf.predict(TEXTS)
    assert [[(e.start, e.end, e.label) for e in d] for d in got] == [[(e.start, e.end, e.label) for e in d] for d in want]
    assert np.allclose([e.score for d in got for e in d], [e.score for d in want for e in d], atol=1e-4)


def test_model_onnx_int8_scores_do_not_depend_on_the_batch(checkpoint, tmp_path):
    clf = ox.load_onnx_classifier(checkpoint, cache=tmp_path)  # default export: optimised, int8
    together = clf.predict(TEXTS, batch_size=4)
    assert together == [clf.predict([t], batch_size=1)[0] for t in TEXTS]
    for text, ents in zip(TEXTS, together):
        assert all(text[e.start:e.end] == e.text for e in ents)


@pytest.mark.parametrize("which", ["tiny", "shipped"])
def test_model_onnx_json_tokenizer_gives_the_transformers_ids_and_offsets(checkpoint, which):
    from transformers import PreTrainedTokenizerFast

    path = checkpoint if which == "tiny" else default_model_path()
    slow, fast = PreTrainedTokenizerFast.from_pretrained(path, local_files_only=True), ox.JsonTokenizer.from_dir(path)
    assert fast.pad_token_id == slow.pad_token_id is not None
    assert special_tokens(fast) == special_tokens(slow)
    for text in TEXTS + ["  ผู้ว่าฯ\n\nแพร่  ", "<mask> ก", "๑,๒๓๔.๕ ล้านบาท (ร้อยละ ๕)"]:
        assert tokenize(fast, text) == tokenize(slow, text)


def test_model_onnx_cache_is_built_once_and_reused(checkpoint, tmp_path, monkeypatch):
    builds = []
    real = ox.build_onnx
    monkeypatch.setattr(ox, "build_onnx", lambda *a: builds.append(1) or real(*a))
    monkeypatch.setenv(ox.CACHE_ENV, str(tmp_path / "cache"))
    first = ox.cached_onnx(checkpoint, FLOAT)
    second = ox.cached_onnx(checkpoint, FLOAT)
    assert first == second and first.parent == tmp_path / "cache" and len(builds) == 1
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no temporary files left
    other = ox.cached_onnx(checkpoint, {**FLOAT, "opset": 18})  # other settings: another file
    assert other != first and len(builds) == 2


def test_model_onnx_isolated_build_writes_the_in_process_file(checkpoint, tmp_path):
    """Each step in its own process (the default, to bound the build's memory) gives the
    same bytes as all steps in this process."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    apart = ox.build_onnx(checkpoint, tmp_path / "a", ox.DEFAULT_EXPORT)
    together = ox.build_onnx(checkpoint, tmp_path / "b", ox.DEFAULT_EXPORT, isolate=False)
    assert apart.name == together.name == "int8.onnx"
    assert apart.read_bytes() == together.read_bytes()


def test_model_onnx_failed_build_step_names_the_step_and_the_cause(checkpoint, tmp_path):
    broken = tmp_path / "ckpt"
    broken.mkdir()
    for f in checkpoint.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ModelError, match=r"E221\] .* export step: \S"):
        ox.cached_onnx(broken, cache=tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-built left behind


def test_model_onnx_cached_model_loads_without_torch(checkpoint, tmp_path):
    ox.cached_onnx(checkpoint, cache=tmp_path)
    code = ("import sys; from thaigov_ner.pipeline import Annotator; "
            f"a = Annotator.load({str(checkpoint)!r}, backend='onnx', threads=1); a('ปี 2566 นายชุติเดช'); "
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, ox.CACHE_ENV: str(tmp_path)})
    assert out.stdout.strip() == "[]"


def test_model_onnx_unwritable_cache_names_the_variable(checkpoint, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(ox.CACHE_ENV, str(blocker / "cache"))
    with pytest.raises(ModelError, match=r"E220.*THAIGOV_NER_CACHE"):
        ox.cached_onnx(checkpoint, FLOAT)


def test_model_onnx_unknown_backend_names_the_choices(checkpoint):
    with pytest.raises(ValueError, match="onnx, torch"):
        Annotator.load(checkpoint, backend="tensorflow")
    with pytest.raises(ValueError, match="CPU"):
        Annotator.load(checkpoint, backend="onnx", device="cuda")


def test_model_onnx_float_layers_keeps_the_last_layers_and_the_classifier(checkpoint, tmp_path):
    exported = ox.export_onnx(TokenClassifier.load(checkpoint).model, tmp_path / "model.onnx")
    assert ox.float_nodes(exported, 2, 0) == []
    last = ox.float_nodes(exported, 2, 1)
    both = ox.float_nodes(exported, 2, 2)
    assert any("/layer.1/" in n for n in last) and not any("/layer.0/" in n for n in last)
    assert any("/layer.0/" in n for n in both) and set(last) < set(both)
    assert any(n.startswith("/classifier/") for n in last)
    with pytest.raises(ValueError, match="float_layers=3, but the model has 2"):
        ox.float_nodes(exported, 2, 3)


def test_model_onnx_float_embeddings_keeps_the_embedding_table_float(checkpoint, tmp_path):
    import onnx

    def ops(settings: dict, name: str) -> set[str]:
        work = tmp_path / name
        work.mkdir()
        built = ox.build_onnx(checkpoint, work, {**ox.DEFAULT_EXPORT, "float_layers": 0, **settings}, isolate=False)
        return {n.op_type for n in onnx.load(str(built)).graph.node}

    quantised, kept = ops({}, "int8"), ops({"float_embeddings": True}, "kept")
    assert "QEmbedLayerNormalization" in quantised and "EmbedLayerNormalization" not in quantised
    assert "EmbedLayerNormalization" in kept and "QEmbedLayerNormalization" not in kept
    assert "MatMulInteger" in kept  # the encoder is still int8


def test_model_onnx_checkpoint_settings_choose_the_build(checkpoint, tmp_path):
    """The "onnx" object of a checkpoint's thaigov_ner.json overrides the default export
    settings; an explicit ``export`` overrides both."""
    import json

    own = tmp_path / "own"
    own.mkdir()
    for f in checkpoint.iterdir():
        (own / f.name).write_bytes(f.read_bytes())
    settings = json.loads((own / "thaigov_ner.json").read_text(encoding="utf-8"))
    (own / "thaigov_ner.json").write_text(json.dumps({**settings, "onnx": FLOAT}), encoding="utf-8")

    ox.load_onnx_classifier(own, cache=tmp_path / "a")
    assert [p.name for p in (tmp_path / "a").iterdir()] == [f"own-{ox.cache_key(own, {**ox.DEFAULT_EXPORT, **FLOAT})}.onnx"]
    ox.load_onnx_classifier(own, export={"optimize": "bert"}, cache=tmp_path / "b")
    want = {**ox.DEFAULT_EXPORT, **FLOAT, "optimize": "bert"}
    assert [p.name for p in (tmp_path / "b").iterdir()] == [f"own-{ox.cache_key(own, want)}.onnx"]
