"""Boundary policies: entity edges that fall inside a subword piece."""

import pytest

from thaigov_ner.model.boundaries import BOUNDARY_POLICIES, boundary_policy, cut_glued_words


def pieces(text, *cuts):
    """Token offsets that cut ``text`` at the given character positions."""
    edges = [0, *cuts, len(text)]
    return [(s, e) for s, e in zip(edges, edges[1:])]


def test_boundaries_cuts_a_leading_word_glued_to_the_first_piece():
    text = "เมื่อวันที่ 5 มกราคม 2567"
    offsets = pieces(text, 11, 13)  # "เมื่อวันที่" is one piece
    assert text[slice(*cut_glued_words(text, 0, len(text), "DATE", offsets))] == "วันที่ 5 มกราคม 2567"


def test_boundaries_keeps_a_leading_word_that_is_its_own_piece():
    text = "เมื่อวันที่ 5 มกราคม 2567"
    offsets = pieces(text, 5, 11, 13)  # the model could have started at วันที่ and did not
    assert cut_glued_words(text, 0, len(text), "DATE", offsets) == (0, len(text))


def test_boundaries_leading_words_depend_on_the_label():
    text = "ในปี 2567"
    offsets = pieces(text, 4)
    assert cut_glued_words(text, 0, len(text), "DATE", offsets) == (2, len(text))
    assert cut_glued_words(text, 0, len(text), "PERSON", offsets) == (0, len(text))


def test_boundaries_never_cuts_before_a_vowel_that_cannot_start_a_word():
    text = "จาการ์ตาโพสต์"
    assert cut_glued_words(text, 0, len(text), "AGENCY", pieces(text, 8)) == (0, len(text))


def test_boundaries_strips_brackets_around_or_unmatched_but_keeps_a_bracketed_qualifier():
    text = "(12 ก.ย. 65) หอภาพยนตร์ (องค์การมหาชน) 2568)"
    whole = text.index(")") + 1
    assert text[slice(*cut_glued_words(text, 0, whole, "DATE", pieces(text)))] == "12 ก.ย. 65"
    start = text.index("หอ")
    end = text.index(")", start) + 1
    assert cut_glued_words(text, start, end, "AGENCY", pieces(text)) == (start, end)
    assert text[slice(*cut_glued_words(text, end + 1, len(text), "DATE", pieces(text)))] == "2568"


def test_boundaries_policy_by_name():
    assert boundary_policy("cut_glued_words") is cut_glued_words
    text = "เมื่อวันที่ 5"
    assert BOUNDARY_POLICIES["none"](text, 0, len(text), "DATE", pieces(text)) == (0, len(text))
    with pytest.raises(ValueError, match="unknown boundary policy 'x'; choose one of"):
        boundary_policy("x")


def test_boundaries_cuts_a_conjunction_glued_to_a_state_enterprise_name():
    text = "และการรถไฟแห่งประเทศไทย"
    offsets = pieces(text, 6, 10)  # "และการ" is one piece
    assert text[slice(*cut_glued_words(text, 0, len(text), "AGENCY", offsets))] == "การรถไฟแห่งประเทศไทย"
    assert cut_glued_words(text, 0, len(text), "VENUE", offsets) == (0, len(text))
    person = "ที่คุณหญิงสุดารัตน์ เกยุราพันธุ์"
    offsets = pieces(person, 6, 19)  # "ที่คุณ" is one piece
    assert person[slice(*cut_glued_words(person, 0, len(person), "PERSON", offsets))] == "คุณหญิงสุดารัตน์ เกยุราพันธุ์"


def test_boundaries_cuts_curly_quotes_like_brackets():
    text = "มอก.”"
    offsets = pieces(text, 3)  # ".”" is one piece
    assert text[slice(*cut_glued_words(text, 0, len(text), "AGENCY", offsets))] == "มอก."
    quoted = "“สุริยะ”"
    assert quoted[slice(*cut_glued_words(quoted, 0, len(quoted), "PERSON", pieces(quoted)))] == "สุริยะ"
