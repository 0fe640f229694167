from __future__ import annotations

from types import SimpleNamespace

import pytest

from thaigov_ner.errors import ModelError
from thaigov_ner.model.bio import LABEL2ID, TAGS
from thaigov_ner.model.checkpoint import load_checkpoint, make_settings, save_checkpoint
from thaigov_ner.model.predict import TokenClassifier
from thaigov_ner.model.train import build_model, train_tokenizer
from thaigov_ner.schema import LABELS

SENTENCES = [
    "เมื่อวันที่ 18 กันยายน 2566 นายชุติเดช มีจันทร์ ผู้ว่าราชการจังหวัดแพร่ ได้มอบหมายให้นางสาวนิติยา พงษ์พานิช",
    "ปีงบประมาณ 2566 งบประมาณ 2446.88 ล้านบาท ที่ห้องนครา พาวิเลียน โรงแรมแพร่นครา อำเภอเมืองแพร่",
    "รองผู้ว่าราชการจังหวัดแพร่ นำส่วนราชการที่เกี่ยวข้อง ประกอบด้วยสำนักงานจังหวัดแพร่ 0123456789",
]


@pytest.fixture(scope="module")
def tokenizer():
    return train_tokenizer(SENTENCES * 3, vocab_size=150)


def settings(**windows):
    return make_settings(labels=list(LABELS), tags=list(TAGS), base_model="test",
                         windows={"max_length": 16, "overlap": 4, **windows})


class DigitTagger:
    """A context-free stand-in model: tokens with a digit score I-DATE a little above
    B-DATE, all others O. Constrained decoding must turn each digit run into B I I..."""

    def __init__(self, tokenizer):
        import torch

        vocab = tokenizer.get_vocab()
        self.table = torch.full((len(tokenizer), len(TAGS)), -10.0)
        self.table[:, LABEL2ID["O"]] = 5.0
        for piece, i in vocab.items():
            if any(ch.isdigit() for ch in piece):
                self.table[i] = -10.0
                self.table[i, LABEL2ID["I-DATE"]] = 5.0
                self.table[i, LABEL2ID["B-DATE"]] = 4.0

    def eval(self):
        return self

    def __call__(self, input_ids, attention_mask):
        return SimpleNamespace(logits=self.table[input_ids])


def test_model_predict_spans_index_the_original_text(tokenizer):
    clf = TokenClassifier(DigitTagger(tokenizer), tokenizer, settings())
    text = "ปี  ๒๕\u200b๖๖ นาย\u200bชุติเดช  เวลา ๑๐ น.   และ 2567"
    ents = clf.predict([text])[0]
    assert [e.text for e in ents] == ["๒๕\u200b๖๖", "๑๐", "2567"]
    for e in ents:
        assert e.label == "DATE" and text[e.start:e.end] == e.text and e.text == e.text.strip()
        assert 0.0 < e.score <= 1.0
    assert [e.id for e in ents] == ["T1", "T2", "T3"]


class PunctuationTagger(DigitTagger):
    """Tags every piece without a letter or digit as a one-piece PERSON."""

    def __init__(self, tokenizer):
        super().__init__(tokenizer)
        for piece, i in tokenizer.get_vocab().items():
            if not any(ch.isalnum() for ch in piece):
                self.table[i] = -10.0
                self.table[i, LABEL2ID["B-PERSON"]] = 5.0


def test_model_predict_drops_spans_of_punctuation_only(tokenizer):
    clf = TokenClassifier(PunctuationTagger(tokenizer), tokenizer, settings())
    text = "ปี 2566 . และ 2446.88"
    assert "." in tokenizer.get_vocab() or "▁." in tokenizer.get_vocab()
    ents = clf.predict([text])[0]
    assert [e.text for e in ents] == ["2566", "2446.88"] and {e.label for e in ents} == {"DATE"}


def test_model_predict_keeps_order_and_batches_across_texts(tokenizer):
    clf = TokenClassifier(DigitTagger(tokenizer), tokenizer, settings())
    texts = [SENTENCES[0] * 4, "", "ไม่มีตัวเลข", SENTENCES[1], "เลข ๙"]
    one_by_one = [clf.predict([t], batch_size=1)[0] for t in texts]
    together = clf.predict(texts, batch_size=3)
    assert together == one_by_one
    assert together[1] == [] and together[2] == []
    assert [e.text for e in together[4]] == ["๙"]
    assert len(together[0]) >= 4  # the digits of each of the four copies


def test_model_predict_rejects_a_bare_string(tokenizer):
    clf = TokenClassifier(DigitTagger(tokenizer), tokenizer, settings())
    with pytest.raises(TypeError, match="list of texts"):
        clf.predict("ปี 2566")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        clf.predict(["ปี 2566", None])


def test_model_predict_checkpoint_round_trip_is_deterministic(tokenizer, tmp_path):
    tokenizer.save_pretrained(tmp_path / "tok")
    model, tok = build_model({"random": {"layers": 1, "hidden": 32, "heads": 2}, "tokenizer": str(tmp_path / "tok")},
                             TAGS, 16)
    path = save_checkpoint(tmp_path / "ckpt", model, tok, settings(), runcard={"seed": 1})
    for name in ("config.json", "model.safetensors", "tokenizer.json", "thaigov_ner.json",
                 "runcard.json", "RUNCARD.md"):
        assert (path / name).is_file(), name
    assert not list(path.glob("*.bin")) and not list(path.glob("*.pkl"))
    ckpt = load_checkpoint(path)
    assert ckpt.model.config.id2label[LABEL2ID["B-PERSON"]] == "B-PERSON"
    assert ckpt.settings["tag_scheme"] == "BIO" and ckpt.runcard == {"seed": 1}

    clf = TokenClassifier.load(path)
    texts = [" ".join(SENTENCES) + " ๒๕๖๖\u200b  จบ", SENTENCES[2]]
    first, second = clf.predict(texts), clf.predict(texts)
    assert first == second
    for text, ents in zip(texts, first):
        for e in ents:
            assert text[e.start:e.end] == e.text and e.text == e.text.strip()
        spans = sorted((e.start, e.end) for e in ents)
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_model_predict_int8_embedding_rows_load_back_close_to_the_float_model(tokenizer, tmp_path):
    import torch
    from safetensors import safe_open

    tokenizer.save_pretrained(tmp_path / "tok")
    model, tok = build_model({"random": {"layers": 1, "hidden": 32, "heads": 2}, "tokenizer": str(tmp_path / "tok")},
                             TAGS, 16)
    plain = load_checkpoint(save_checkpoint(tmp_path / "plain", model, tok, settings()))
    path = save_checkpoint(tmp_path / "int8", model, tok, settings(), int8_embeddings=True)
    with safe_open(str(path / "model.safetensors"), "pt") as fh:
        stored = {k: fh.get_tensor(k).dtype for k in fh.keys()}
    assert stored["bert.embeddings.word_embeddings.weight.int8"] == torch.int8
    assert "bert.embeddings.word_embeddings.weight" not in stored
    small = load_checkpoint(path)
    assert small.settings["storage"] == {"word_embeddings": "int8_rows"}
    ids = tok(SENTENCES, padding=True, return_tensors="pt")
    with torch.no_grad():
        a = plain.model(**ids).logits
        b = small.model(**ids).logits
    assert 0 < (a - b).abs().max() < 0.05  # rounded, not lost
    assert (a.argmax(-1) == b.argmax(-1)).float().mean() > 0.95
    again = save_checkpoint(tmp_path / "again", small.model, small.tokenizer, small.settings)
    assert "storage" not in load_checkpoint(again).settings  # saved plainly unless asked


def test_model_predict_missing_checkpoint_file_names_it(tokenizer, tmp_path):
    tokenizer.save_pretrained(tmp_path / "tok")
    model, tok = build_model({"random": {"layers": 1, "hidden": 32, "heads": 2}, "tokenizer": str(tmp_path / "tok")},
                             TAGS, 16)
    path = save_checkpoint(tmp_path / "ckpt", model, tok, settings())
    (path / "model.safetensors").unlink()
    with pytest.raises(ModelError, match="model.safetensors"):
        TokenClassifier.load(path)
    with pytest.raises(ModelError, match="not found"):
        TokenClassifier.load(tmp_path / "nowhere")
