"""The rule layer: each pattern and each decoy on a small hand-written document."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from thaigov_ner.errors import DataError
from thaigov_ner.schema import Document, Entity, entities_from_spans
from thaigov_ner.relations import (
    agency_of, delegation_pattern, delegations, extract_relations, officials, person_name,
    position_key, who_to_whom,
)


def mark(text: str, *spans: tuple[str, str]) -> tuple[Entity, ...]:
    """Entities for ``(substring, label)`` pairs, each found after the previous one."""
    pos, out = 0, []
    for sub, label in spans:
        i = text.index(sub, pos)
        out.append((i, i + len(sub), label))
        pos = i + len(sub)
    return entities_from_spans(text, out)


def pairs(text: str, ents, rtype: str, **kw) -> set[tuple[str, str]]:
    """(head text, tail text) of the relations of one type; checks every task span on the way."""
    by_id = {e.id: e for e in ents}
    rels = extract_relations(text, ents, **kw)
    for r in rels:
        if r.task is not None:
            assert text[r.task_span[0]:r.task_span[1]] == r.task
        assert r.evidence is not None and 0 <= r.evidence[0] < r.evidence[1] <= len(text)
    return {(by_id[r.head].text, by_id[r.tail].text) for r in rels if r.type == rtype}


def delegation(text: str, ents):
    rels = [r for r in extract_relations(text, ents) if r.type == "DELEGATES_TO"]
    assert len(rels) == 1, rels
    return rels[0]


A = "นายสมศักดิ์ ทองดี"
A_POS = "ผู้ว่าราชการจังหวัดน่าน"
B = "นายประสิทธิ์ แก้วมณี"
B_POS = "รองผู้ว่าราชการจังหวัดน่าน"
C = "นางสาวมาลี ศรีสุข"
C_POS = "ปลัดจังหวัดน่าน"


# --- HOLDS_POSITION ------------------------------------------------------------------------

def test_relations_holds_apposition_name_then_office():
    text = f"{A} {A_POS} เดินทางไปตรวจเยี่ยมโรงเรียน"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(A, A_POS)}


def test_relations_holds_office_before_name_with_address_word():
    text = "วันนี้ท่านผู้ว่าฯ สมศักดิ์ ทองดี ลงพื้นที่ตรวจน้ำท่วม"
    ents = mark(text, ("ผู้ว่าฯ", "POSITION"), ("สมศักดิ์ ทองดี", "PERSON"))
    assert pairs(text, ents, "HOLDS_POSITION") == {("สมศักดิ์ ทองดี", "ผู้ว่าฯ")}


def test_relations_holds_address_word_between_name_and_office():
    text = f"ท่านรอง{B} ท่าน{B_POS} กล่าวเปิดงาน"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(B, B_POS)}


def test_relations_holds_in_role_and_holds_office():
    text = f"{C} {C_POS} ในฐานะประธานคณะทำงานแก้ไขปัญหาหมอกควัน เปิดประชุม และ{B} ซึ่งดำรงตำแหน่ง{B_POS} ร่วมประชุม"
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), ("ประธานคณะทำงานแก้ไขปัญหาหมอกควัน", "POSITION"),
                (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {
        (C, C_POS), (C, "ประธานคณะทำงานแก้ไขปัญหาหมอกควัน"), (B, B_POS)}
    rules = {r.rule for r in extract_relations(text, ents) if r.type == "HOLDS_POSITION"}
    assert {"apposition", "in_role", "holds_office"} <= rules


def test_relations_holds_conjoined_second_office():
    text = "นายวิชัย มั่นคง รองนายกรัฐมนตรี และรัฐมนตรีว่าการกระทรวงคมนาคม ตรวจสนามบิน"
    ents = mark(text, ("นายวิชัย มั่นคง", "PERSON"), ("รองนายกรัฐมนตรี", "POSITION"),
                ("รัฐมนตรีว่าการกระทรวงคมนาคม", "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {
        ("นายวิชัย มั่นคง", "รองนายกรัฐมนตรี"), ("นายวิชัย มั่นคง", "รัฐมนตรีว่าการกระทรวงคมนาคม")}


def test_relations_holds_not_across_a_verb():
    text = f"{A} เดินทางไปพบ{C_POS} ที่ศาลากลาง"
    ents = mark(text, (A, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == set()


def test_relations_holds_each_office_to_its_own_name_in_a_list():
    text = f"{A} {A_POS} {B} {B_POS} ร่วมงาน"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(A, A_POS), (B, B_POS)}


# --- DELEGATES_TO: patterns -------------------------------------------------------------------

def test_relations_active_delegation_with_task():
    text = f"{A} {A_POS} ได้มอบหมายให้ {B} {B_POS} เป็นประธานเปิดงานตลาดนัดชุมชน ณ ลานวัด"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    r = delegation(text, ents)
    assert (r.head, r.tail, r.trigger) == ("T1", "T3", "ได้มอบหมายให้")
    assert r.task == "เป็นประธานเปิดงานตลาดนัดชุมชน ณ ลานวัด"
    assert r.rule.startswith("active") and 0 < r.score <= 1


def test_relations_passive_head_is_the_assigner():
    text = f"{B} {B_POS} ได้รับมอบหมายจาก{A} {A_POS} ให้ตรวจเยี่ยมโรงพยาบาลอำเภอ"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"))
    r = delegation(text, ents)
    by_id = {e.id: e.text for e in ents}
    assert (by_id[r.head], by_id[r.tail]) == (A, B)
    assert r.task == "ตรวจเยี่ยมโรงพยาบาลอำเภอ" and r.rule.startswith("passive")


def test_relations_passive_unnamed_delegatee_gives_nothing():
    text = f"ให้ผู้แทนที่ได้รับมอบหมายจาก{A_POS} เข้าร่วมประชุม"
    ents = mark(text, (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


@pytest.mark.parametrize("cue", ["เป็นประธานในพิธีแทน", "ปฏิบัติราชการแทน", "รักษาราชการแทน"])
def test_relations_on_behalf_head_is_the_one_represented(cue):
    text = f"{B} {B_POS} {cue}{A} {A_POS} ที่หอประชุมอำเภอ"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_on_behalf_of_an_unnamed_office():
    text = "นายวิชัย มั่นคง รองนายกรัฐมนตรี รักษาราชการแทนนายกรัฐมนตรี ตรวจสถานการณ์น้ำ"
    ents = mark(text, ("นายวิชัย มั่นคง", "PERSON"), ("รองนายกรัฐมนตรี", "POSITION"), ("นายกรัฐมนตรี", "POSITION"))
    doc = Document("d", text, ents, tuple(extract_relations(text, ents)))
    assert ("DELEGATES_TO", "นายกรัฐมนตรี", "วิชัย มั่นคง") in who_to_whom(doc)


def test_relations_in_the_name_of_an_agency_speaker_after():
    text = "นายวิชัย มั่นคง กล่าวว่า ในนามของกระทรวงคมนาคม ผมขอขอบคุณทุกฝ่าย"
    ents = mark(text, ("นายวิชัย มั่นคง", "PERSON"), ("กระทรวงคมนาคม", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงคมนาคม", "นายวิชัย มั่นคง")}


def test_relations_instead_of_without_a_party_gives_nothing():
    text = f"{A} {A_POS} ติดภารกิจ จึงให้ทีมงานมาพบปะแทน ในวันนี้"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_ordered_office_to_agency_without_names():
    text = "นายกรัฐมนตรี สั่งการให้กระทรวงสาธารณสุข เร่งจัดหาเวชภัณฑ์ให้เพียงพอ"
    ents = mark(text, ("นายกรัฐมนตรี", "POSITION"), ("กระทรวงสาธารณสุข", "AGENCY"))
    r = delegation(text, ents)
    assert r.rule.startswith("ordered") and r.task == "เร่งจัดหาเวชภัณฑ์ให้เพียงพอ"
    doc = Document("d", text, ents, (r,))
    assert who_to_whom(doc) == {("DELEGATES_TO", "นายกรัฐมนตรี", "กระทรวงสาธารณสุข")}


def test_relations_agency_assigns_agency():
    text = "ครม. มอบหมายให้กระทรวงมหาดไทย ติดตามสถานการณ์น้ำอย่างใกล้ชิด"
    ents = mark(text, ("ครม.", "AGENCY"), ("กระทรวงมหาดไทย", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("ครม.", "กระทรวงมหาดไทย")}


def test_relations_parent_ministry_is_not_a_co_assignee():
    text = "ครม. มอบหมายให้สำนักงานประกันสังคม กระทรวงแรงงาน จัดทำแผนการจ่ายเงิน"
    ents = mark(text, ("ครม.", "AGENCY"), ("สำนักงานประกันสังคม", "AGENCY"), ("กระทรวงแรงงาน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("ครม.", "สำนักงานประกันสังคม")}


def test_relations_co_assignees_one_relation_each():
    text = f"{A} {A_POS} มอบหมายให้ {B} {B_POS} และ{C} {C_POS} ร่วมกันตรวจเยี่ยมผู้ประสบภัย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C)}


def test_relations_accompaniment_is_not_a_delegatee():
    for join in ("พร้อมด้วย", "พร้อมด้วยท่าน"):
        text = f"{A} {A_POS} มอบหมายให้ {B} {B_POS} {join}{C} {C_POS} ลงพื้นที่แจกจ่ายน้ำดื่ม"
        ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                    (C, "PERSON"), (C_POS, "POSITION"))
        assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
        assert delegation(text, ents).task == "ลงพื้นที่แจกจ่ายน้ำดื่ม"


def test_relations_entourage_stops_the_delegatee_list():
    text = f"{A} มอบหมายให้ {B} และคณะ {C} ติดตามงาน"
    ents = mark(text, (A, "PERSON"), (B, "PERSON"), (C, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_accompanying_person_is_not_the_delegator():
    text = f"{A} {A_POS} พร้อมด้วย{C} {C_POS} เป็นประธานการประชุม โดยมอบหมายให้{B} สรุปผลการประชุม"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_chain_of_delegations():
    text = f"{A} มอบหมายให้{B} {B_POS} สั่งการให้{C} {C_POS} ตั้งจุดบริการประชาชน"
    ents = mark(text, (A, "PERSON"), (B, "PERSON"), (B_POS, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (B, C)}


def test_relations_pronoun_delegator_resolves_to_speaker():
    text = f"{A} {A_POS} กล่าวว่า วันนี้ผมติดประชุมที่กรุงเทพฯ จึงได้มอบหมายให้{B} มาเปิดงานแทน"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("กรุงเทพฯ", "LOCATION"), (B, "PERSON"))
    r = delegation(text, ents)
    assert (r.head, r.tail) == ("T1", "T4") and r.rule.endswith("pronoun")


def test_relations_elided_subject_after_doi_is_the_speaker_not_the_nearest_name():
    text = (f"{A} กล่าวว่า ผมต้องไปรับนโยบายจากท่าน{C} {C_POS} โดยมอบหมายให้ {B} ไปแทน")
    ents = mark(text, (A, "PERSON"), (C, "PERSON"), (C_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_subject_in_previous_sentence():
    text = f"{A} {A_POS} เป็นประธานการประชุมติดตามภัยแล้ง\nในการนี้ ได้มอบหมายให้{B} รวบรวมข้อมูลพื้นที่เสี่ยง"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"))
    r = delegation(text, ents)
    assert (r.head, r.tail) == ("T1", "T3") and r.rule.endswith("previous_sentence")
    assert r.evidence[0] == 0


def test_relations_pronoun_delegatee_resolves_to_speaker():
    text = f"{C} กล่าวว่า ในวันนี้ท่าน{A} {A_POS} ได้มอบหมายให้ดิฉันมาเปิดการประชุม"
    ents = mark(text, (C, "PERSON"), (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, C)}


def test_relations_passive_across_a_space_made_sentence_break():
    text = f"{B} {B_POS}  ได้รับมอบหมายจาก {A} {A_POS}  ให้เข้าร่วมประชุมคณะกรรมการ"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"))
    assert len(extract_relations(text, ents)) and pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_affiliation_agency_is_not_the_delegator():
    text = f"{A} อธิบดีกรมเจ้าท่า กระทรวงคมนาคม ได้มอบหมายให้ {B} ตรวจสอบเหตุเรือล่ม"
    ents = mark(text, (A, "PERSON"), ("อธิบดีกรมเจ้าท่า", "POSITION"), ("กระทรวงคมนาคม", "AGENCY"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_co_delegators_joined_by_and():
    text = f"{A_POS} ({A}) และ{C_POS} ({C}) มอบหมายให้สำนักงานจังหวัดน่าน จัดเวทีรับฟังความคิดเห็น"
    ents = mark(text, (A_POS, "POSITION"), (A, "PERSON"), (C_POS, "POSITION"), (C, "PERSON"),
                ("สำนักงานจังหวัดน่าน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, "สำนักงานจังหวัดน่าน"), (C, "สำนักงานจังหวัดน่าน")}


def test_relations_organisation_list_closed_by_and():
    text = "นายกรัฐมนตรี สั่งการให้สำนักงานงบประมาณ กรมบัญชีกลาง และกระทรวงการคลัง เร่งเบิกจ่ายงบประมาณ"
    ents = mark(text, ("นายกรัฐมนตรี", "POSITION"), ("สำนักงานงบประมาณ", "AGENCY"), ("กรมบัญชีกลาง", "AGENCY"),
                ("กระทรวงการคลัง", "AGENCY"))
    assert {t for _, t in pairs(text, ents, "DELEGATES_TO")} == {"สำนักงานงบประมาณ", "กรมบัญชีกลาง", "กระทรวงการคลัง"}


def test_relations_closing_quote_does_not_link_instead_of():
    text = f"“{A_POS}ให้ทีมงานเป็นผู้ดำเนินการแทน” {B} กล่าว"
    ents = mark(text, (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


# --- DELEGATES_TO: decoys ------------------------------------------------------------------

@pytest.mark.parametrize("cue", ["ไม่ได้มอบหมายให้", "มิได้มอบหมายให้", "ยังไม่ได้สั่งการให้", "ไม่ได้\u200bมอบหมายให้"])
def test_relations_negated_delegation_gives_nothing(cue):
    text = f"{A} ยืนยันว่า{A_POS} {cue}{B} ดูแลเรื่องนี้"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_negated_passive_gives_nothing():
    text = f"{B} มิได้รับมอบหมายจาก{A} ให้ไปเจรจา"
    ents = mark(text, (B, "PERSON"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


@pytest.mark.parametrize("lead", ["หากมีการมอบหมายให้", "ถ้ามอบหมายให้", "ในกรณีที่มอบหมายให้"])
def test_relations_hypothetical_delegation_gives_nothing(lead):
    text = f"{A} {A_POS} ชี้แจงว่า {lead}{B} ดูแลโครงการ จะต้องรายงานทุกสัปดาห์"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_a_second_verb_joined_to_the_trigger_comes_before_its_party():
    # X กำชับและเน้นย้ำ Y เร่ง…: Y is the one ordered, after the second verb
    text = f"{A} {A_POS} กำชับและเน้นย้ำ{NAN_OFFICE} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}


@pytest.mark.parametrize("when", ["ในสัปดาห์หน้า", "ในปีนี้"])
def test_relations_a_time_word_before_the_trigger_leaves_the_subject_unsaid(when):
    # …กล่าวว่า ในสัปดาห์หน้าได้มอบหมายให้ Y…: no subject is named, so the speaker assigned
    text = f"{A} {A_POS} กล่าวว่า {when}ได้มอบหมายให้{NAN_OFFICE} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}


def test_relations_a_first_person_pronoun_after_a_speech_verb_without_wa_is_the_speaker():
    # นาย X เปิดเผยถึง… ⏎ ทั้งนี้ ตนได้สั่งการให้ Y…: X speaks, though no ว่า or quote says so
    text = f"{A} {A_POS} เปิดเผยถึงสถานการณ์น้ำท่วม\nทั้งนี้ ตนได้สั่งการให้{NAN_OFFICE} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}
    # the first speech verb of the paragraph names who speaks on, not one he reports (C ย้ำ)
    nested = f"{A} {A_POS} กล่าวว่า วันนี้ {C} {C_POS} ย้ำถึงความร่วมมือ\nทั้งนี้ ตนได้สั่งการให้{NAN_OFFICE} เร่งสำรวจ"
    ents = mark(nested, (A, "PERSON"), (A_POS, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(nested, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}
    # ดังกล่าว ('the said') contains กล่าว but reports no speech: C does not say ตน
    said = f"{C} {C_POS} ดำเนินการตามนโยบายดังกล่าว\n{B} ได้สั่งการให้ตนเร่งสำรวจความเสียหาย"
    ents = mark(said, (C, "PERSON"), (C_POS, "POSITION"), (B, "PERSON"))
    assert (B, C) not in pairs(said, ents, "DELEGATES_TO")


def test_relations_one_listed_after_dooi_mee_acts_for_an_office():
    # …ต้อนรับ โดยมี นาง Y รองผู้ว่าฯ ปฏิบัติหน้าที่แทนผู้ว่าฯ: Y acts for the office, though listed as a companion
    text = f"{A} รองนายกรัฐมนตรี ตรวจเยี่ยมจังหวัดน่าน โดยมี {C} {B_POS} ปฏิบัติหน้าที่แทน{A_POS} ให้การต้อนรับ"
    ents = mark(text, (A, "PERSON"), ("รองนายกรัฐมนตรี", "POSITION"), (C, "PERSON"), (B_POS, "POSITION"),
                (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, C)}


def test_relations_in_the_name_of_a_representative_of_a_party():
    # ในนามตัวแทน / ในนามผู้แทน X: the one named before stands in for X
    for cue in ("ในนามตัวแทน", "ในนามผู้แทน"):
        text = f"{B} {B_POS} {cue}กระทรวงยุติธรรม รับมอบโล่รางวัล"
        ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), ("กระทรวงยุติธรรม", "AGENCY"))
        assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงยุติธรรม", B)}


def test_relations_in_the_name_of_past_the_king_honoured_is_the_one_who_leads():
    # the king's monument is the nearest name before ในนาม; the one who leads the sentence acts
    king = "พระบาทสมเด็จพระจุลจอมเกล้าเจ้าอยู่หัว"
    text = f"{A} {A_POS} นำ{B} วางพวงมาลาถวายบังคม พระบรมราชานุสรณ์{king} เนื่องในวันปิยมหาราช ในนามกระทรวงมหาดไทย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (king, "PERSON"),
                ("กระทรวงมหาดไทย", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงมหาดไทย", A)}


def test_relations_a_resolution_list_item_is_assigned_by_who_resolved():
    # คณะรัฐมนตรีมีมติ… ดังนี้ ⏎ 1. … ⏎ 2. มอบหมายให้ X: the cabinet assigned, not the proposer
    cabinet, ministry, dept = "คณะรัฐมนตรี", "กระทรวงมหาดไทย", "กรมการปกครอง"
    text = f"{cabinet}มีมติเห็นชอบตามที่{ministry}เสนอ ดังนี้\n1. เห็นชอบโครงการบัตรประชาชน\n2. มอบหมายให้{dept}ดำเนินการต่อไป"
    ents = mark(text, (cabinet, "AGENCY"), (ministry, "AGENCY"), (dept, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(cabinet, dept)}
    # a list that is not a resolution (no มีมติ … ดังนี้) names no assigner for its items
    plain = text.replace("มีมติเห็นชอบตามที่", "รับทราบรายงานของ").replace(" ดังนี้", "")
    ents = mark(plain, (cabinet, "AGENCY"), (ministry, "AGENCY"), (dept, "AGENCY"))
    assert pairs(plain, ents, "DELEGATES_TO") == set()


def test_relations_in_the_name_of_at_a_quote_is_the_speaker_named_after_it():
    # “ในนามของกรม… ขอขอบคุณ… ⏎ …” อธิบดี… กล่าว: the one quoted thanks in the department's name
    dept, head = "กรมทางหลวงชนบท", "อธิบดีกรมทางหลวงชนบท"
    text = f"“ในนามของ{dept} ขอขอบคุณทุกหน่วยงานที่มอบรางวัลนี้\nเราจะรักษามาตรฐานต่อไป” {head} กล่าว"
    ents = mark(text, (dept, "AGENCY"), (head, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(dept, head)}
    # ในนามของ inside a clause about others (ผู้ได้รับรางวัล… ช่วยเหลือ… ในนามของ X ด้วยดี): no stand-in named
    about = f"“ผู้ได้รับรางวัลช่วยเหลือประชาชนในนามของ{dept} ด้วยดีตลอดมา\nเราจะรักษามาตรฐานต่อไป” {head} กล่าว"
    ents = mark(about, (dept, "AGENCY"), (head, "POSITION"))
    assert pairs(about, ents, "DELEGATES_TO") == set()


def test_relations_a_title_cut_by_an_entity_is_still_a_decoy():
    # ผู้แทน|การค้าไทย: the model tagged part of the title ผู้แทนการค้าไทย; no one stands in for การค้าไทย
    text = f"{C} ผู้แทนการค้าไทย เปิดเผยผลการหารือ"
    ents = mark(text, (C, "PERSON"), ("การค้าไทย", "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # the cue is still read when what follows is not the rest of a decoy
    minister = "รัฐมนตรีว่าการกระทรวงพาณิชย์"
    text = f"{C} ผู้แทน{minister} เปิดเผยผลการหารือ"
    ents = mark(text, (C, "PERSON"), (minister, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(minister, C)}


def test_relations_in_the_name_of_a_body_and_the_people_is_no_delegation():
    # ในนามของคณะรัฐมนตรี ข้าราชการ และพสกนิกรชาวไทย…: one speaks for the nation (ruling 9)
    cabinet = "คณะรัฐมนตรี"
    text = f"{A} นายกรัฐมนตรี กล่าวว่า ในนามของ{cabinet} ข้าราชการ และพสกนิกรชาวไทยทุกหมู่เหล่า ขอแสดงความยินดี"
    ents = mark(text, (A, "PERSON"), ("นายกรัฐมนตรี", "POSITION"), (cabinet, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    alone = f"{A} นายกรัฐมนตรี กล่าวว่า ในนามของ{cabinet} ขอขอบคุณทุกภาคส่วน"
    ents = mark(alone, (A, "PERSON"), ("นายกรัฐมนตรี", "POSITION"), (cabinet, "AGENCY"))
    assert pairs(alone, ents, "DELEGATES_TO") == {(cabinet, A)}


def test_relations_named_examples_after_chen_are_assignees():
    # มอบหมายให้หน่วยงานที่เกี่ยวข้อง เช่น กรม ก กรม ข…: the named examples of the group are assigned
    irrigation, works = "กรมชลประทาน", "กรมโยธาธิการและผังเมือง"
    text = f"{A} {A_POS} ได้มอบหมายให้หน่วยงานที่เกี่ยวข้อง เช่น {irrigation} {works} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (irrigation, "AGENCY"), (works, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, irrigation), (A, works)}
    # and after a named assignee and the group: … Y และทุกหน่วยงานที่เกี่ยวข้อง เช่น กรม ก…
    text = f"{A} {A_POS} กำชับ{NAN_OFFICE} และทุกหน่วยงานที่เกี่ยวข้อง เช่น {irrigation} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (irrigation, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE), (A, irrigation)}


def test_relations_a_spokesman_reports_what_the_one_he_names_ordered():
    # โฆษก… เปิดเผยว่า X … ห่วงใย… ทั้งนี้ กำชับ Y: X ordered, not the spokesman nor one named before
    spokesman = "โฆษกประจำสำนักนายกรัฐมนตรี"
    text = (f"ผู้อำนวยการใหญ่องค์การอนามัยโลก ชี้โควิดยังไม่สิ้นสุด\n{B} {spokesman} เปิดเผยว่า {A} {A_POS} "
            f"ห่วงใยประชาชน ขอให้สวมหน้ากากอนามัย ทั้งนี้ กำชับ{NAN_OFFICE}ติดตามสถานการณ์อย่างใกล้ชิด")
    ents = mark(text, ("ผู้อำนวยการใหญ่องค์การอนามัยโลก", "POSITION"), (B, "PERSON"), (spokesman, "POSITION"),
                (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}
    # the same with a bare เผย (no ว่า), the order in a later space-cut sentence
    text = (f"{B} {spokesman} เผย{A} {A_POS} รับทราบสถานการณ์น้ำท่วม  ถนนถูกตัดขาด  มีการประกาศปิดเส้นทาง  "
            f"ประชาชนได้รับความเดือดร้อน  จึงได้สั่งการให้{NAN_OFFICE} เร่งช่วยเหลือ")
    ents = mark(text, (B, "PERSON"), (spokesman, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}


def test_relations_a_teacher_is_not_a_condition():
    # อาจารย์ (a teacher) contains อาจ (may): อาจารย์ ดร.X … และรักษาการแทน Y states an acting office
    teacher = "ดร.มาลี ศรีสุข"
    text = f"อาจารย์ {teacher} รองคณบดี และรักษาการแทน{A_POS} ร่วมเปิดงาน"
    ents = mark(text, (teacher, "PERSON"), ("รองคณบดี", "POSITION"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, teacher)}
    maybe = text.replace("และรักษาการแทน", "อาจรักษาการแทน")
    ents = mark(maybe, (teacher, "PERSON"), ("รองคณบดี", "POSITION"), (A_POS, "POSITION"))
    assert pairs(maybe, ents, "DELEGATES_TO") == set()


@pytest.mark.parametrize("thing", ["มอบเงินให้", "มอบถุงยังชีพให้", "มอบเกียรติบัตรให้", "ได้มอบให้แก่", "ส่งมอบให้"])
def test_relations_handing_over_a_thing_is_not_a_delegation(thing):
    text = f"{A} {A_POS} {thing}{B} ที่ศาลากลางจังหวัด"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_a_handed_over_list_assigns_nobody():
    text = f"{A} {A_POS} กล่าวว่า ให้ผู้จัดการ กยศ. ส่งรายชื่อลูกหนี้ กยศ.จังหวัดน่าน มอบให้{B} {B_POS} ได้ทราบ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("กยศ.", "AGENCY"), ("กยศ.", "AGENCY"), (B, "PERSON"),
                (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_a_bare_mob_ending_a_paragraph_assigns_nobody_below_it():
    # …ตามเจตนารมณ์ของผู้มอบ⏎นายกรัฐมนตรีกล่าวขอบคุณ…: the giver's wish, not an order to the next paragraph
    text = f"{NAN_OFFICE}จัดแสดงโบราณวัตถุตามเจตนารมณ์ของผู้มอบ\n{A_POS}กล่าวขอบคุณในนามของรัฐบาล"
    ents = mark(text, (NAN_OFFICE, "AGENCY"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # a full trigger may still name its assignee on the next line (…ได้สั่งการให้⏎คณะกรรมการ…)
    text = f"{A} {A_POS} ได้สั่งการให้\n{NAN_OFFICE} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}


def test_relations_assignment_without_a_named_party_gives_nothing():
    text = f"{A} ได้มอบหมายให้ทุกหน่วยงานเร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


# --- officials, who-to-whom, delegations view ------------------------------------------------

def test_relations_person_name_strips_titles_and_address_words():
    assert person_name("ท่านรองนางนิติยา  พงษ์พานิช") == "นิติยา พงษ์พานิช"
    assert person_name("พล.ต.อ. สมชาย ใจดี") == person_name("พลตำรวจเอกสมชาย ใจดี") == "สมชาย ใจดี"
    assert person_name("นางสาวมาลี ศรีสุข") == person_name("นางมาลี ศรีสุข")


def test_relations_position_key_and_agency_from_office():
    assert position_key("รมว.แรงงาน") == "รัฐมนตรีว่าการกระทรวงแรงงาน"
    assert agency_of("รัฐมนตรีว่าการกระทรวงมหาดไทย") == "กระทรวงมหาดไทย"
    assert agency_of("รมว.แรงงาน") == "กระทรวงแรงงาน"
    assert agency_of("ผู้ว่าราชการจังหวัดแพร่") is None
    # a ministry written short after a ministry office is written in full
    assert position_key("รมว.พม.") == "รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"
    assert position_key("รมช.คลัง") == position_key("รัฐมนตรีช่วยว่าการกระทรวงการคลัง")
    assert position_key("ปลัด มท.") == "ปลัดกระทรวงมหาดไทย" and agency_of("ปลัด มท.") == "กระทรวงมหาดไทย"
    assert position_key("ปลัดจังหวัดน่าน") == "ปลัดจังหวัดน่าน"
    # the ministries' own abbreviations of their permanent secretary and inspectors
    assert position_key("ปกท.พม.") == position_key("ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์")
    assert position_key("ปมท.") == "ปลัดกระทรวงมหาดไทย"
    assert position_key("ผตร.อก.") == position_key("ผตร.อก") == position_key("ผู้ตรวจราชการกระทรวงอุตสาหกรรม")


def test_relations_officials_a_short_ministry_office_joins_its_holder():
    text = f"{A} รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ ลงพื้นที่ ต่อมา รมว.พม. กล่าวว่า"
    ents = mark(text, (A, "PERSON"), ("รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "POSITION"),
                ("รมว.พม.", "POSITION"))
    found = officials(text, ents, extract_relations(text, ents))
    assert [(o.name, o.mentions) for o in found] == [("สมศักดิ์ ทองดี", ("T1", "T2", "T3"))]


def test_relations_holds_an_office_glued_to_a_spouse_word_is_not_the_next_name():
    # …โดยนาง X ภริยานายกรัฐมนตรี นาย Y รองนายกรัฐมนตรี: the PM is X's husband, not Y
    text = f"โดย{C} ภริยานายกรัฐมนตรี {A} รองนายกรัฐมนตรี ร่วมพิธี"
    ents = mark(text, (C, "PERSON"), ("นายกรัฐมนตรี", "POSITION"), (A, "PERSON"), ("รองนายกรัฐมนตรี", "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(A, "รองนายกรัฐมนตรี")}


def test_relations_officials_a_held_office_tagged_agency_joins_its_holder():
    # the model tags the same ผตร.อก. POSITION once and AGENCY later: one official, who assigns
    text = f"{A} ผู้ตรวจราชการกระทรวงอุตสาหกรรม (ผตร.อก.) ลงพื้นที่ ซึ่ง ผตร.อก. กำชับให้ สอจ.ตราด ตรวจโรงงาน"
    ents = mark(text, (A, "PERSON"), ("ผู้ตรวจราชการกระทรวงอุตสาหกรรม", "POSITION"), ("ผตร.อก.", "POSITION"),
                ("ผตร.อก.", "AGENCY"), ("สอจ.ตราด", "AGENCY"))
    rels = extract_relations(text, ents)
    assert [o.name for o in officials(text, ents, rels)] == ["สมศักดิ์ ทองดี", "สอจ.ตราด"]
    assert [(d.delegator, d.delegatee) for d in delegations(text, ents, rels)] == [("สมศักดิ์ ทองดี", "สอจ.ตราด")]


def test_relations_officials_an_office_split_in_two_joins_its_holder_when_written_whole():
    # the model split ที่ปรึกษา… | สศค. where she is named; written whole later, it is still her office
    office, body = "ที่ปรึกษาด้านเศรษฐกิจระหว่างประเทศ", "สศค."
    text = f"{C} {office} {body} แถลงว่า ที่ประชุมได้ข้อสรุป\n{office} {body} เป็นผู้แทน รมว.คลัง เข้าร่วมการประชุม"
    ents = mark(text, (C, "PERSON"), (office, "POSITION"), (body, "POSITION"), (f"{office} {body}", "POSITION"),
                ("รมว.คลัง", "POSITION"))
    rels = extract_relations(text, ents)
    minister = "รัฐมนตรีว่าการกระทรวงการคลัง"
    assert [o.name for o in officials(text, ents, rels)] == ["มาลี ศรีสุข", minister]
    assert [(d.delegator, d.delegatee) for d in delegations(text, ents, rels)] == [(minister, "มาลี ศรีสุข")]


def test_relations_officials_an_office_written_with_a_space_joins_its_holder():
    # a headline's รองอธิบดี กรม… is the body's นาง X รองอธิบดีกรม…: the space is optional
    dept = "กรมสวัสดิการและคุ้มครองแรงงาน"
    text = f"รมว.แรงงาน มอบหมายรองอธิบดี {dept} ลงพื้นที่\n{C} รองอธิบดี{dept} กล่าวว่า"
    ents = mark(text, ("รมว.แรงงาน", "POSITION"), (f"รองอธิบดี {dept}", "POSITION"), (C, "PERSON"),
                (f"รองอธิบดี{dept}", "POSITION"))
    found = officials(text, ents, extract_relations(text, ents))
    assert [(o.name, o.mentions) for o in found if o.kind == "PERSON"] == [("มาลี ศรีสุข", ("T2", "T3", "T4"))]


def test_relations_officials_cluster_variants_first_names_and_abbreviations():
    text = (f"นางสาวมาลี ศรีสุข {C_POS} พบ{A} {A_POS} ต่อมานางมาลี ศรีสุข กล่าวว่า "
            f"ผู้ว่าฯ ให้ความสำคัญ และนายสมศักดิ์ ขอบคุณ")
    ents = mark(text, ("นางสาวมาลี ศรีสุข", "PERSON"), (C_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"),
                ("นางมาลี ศรีสุข", "PERSON"), ("ผู้ว่าฯ", "POSITION"), ("นายสมศักดิ์", "PERSON"))
    rels = extract_relations(text, ents)
    found = {o.name: o for o in officials(text, ents, rels)}
    assert set(found) == {"มาลี ศรีสุข", "สมศักดิ์ ทองดี"}
    assert found["มาลี ศรีสุข"].mentions == ("T1", "T2", "T5")
    assert found["สมศักดิ์ ทองดี"].mentions == ("T3", "T4", "T6", "T7")
    assert found["มาลี ศรีสุข"].positions == (C_POS,)


def test_relations_officials_zero_width_spaces_do_not_split_an_official():
    # Thai web text carries U+200B as an invisible word break; it must not make two officials
    first, again = "นายสมศักดิ์\u200b ทองดี", "นายสมศักดิ์ ทองดี"
    text = f"{first} รัฐมนตรี\u200bว่าการ\u200bกระทรวงมหาดไทย ลงพื้นที่ ต่อมา{again} กล่าวว่า"
    ents = mark(text, (first, "PERSON"), ("รัฐมนตรี\u200bว่าการ\u200bกระทรวงมหาดไทย", "POSITION"), (again, "PERSON"))
    found = officials(text, ents, extract_relations(text, ents))
    assert [(o.name, o.mentions, o.positions) for o in found] == [
        ("สมศักดิ์ ทองดี", ("T1", "T2", "T3"), ("รัฐมนตรีว่าการกระทรวงมหาดไทย",))]


def test_relations_officials_a_name_in_brackets_after_a_name_is_the_same_official():
    # นาย X (the name in Latin letters) ตำแหน่ง: one official, named as first written
    latin = "Mr. Somsak Thongdee"
    text = f"{A} ({latin}) {A_POS} มอบหมายให้{B} ตรวจสอบ และนางมาลี (คุณมาลี) ร่วมประชุม"
    ents = mark(text, (A, "PERSON"), (latin, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), ("นางมาลี", "PERSON"),
                ("คุณมาลี", "PERSON"))
    found = officials(text, ents, extract_relations(text, ents))
    assert [(o.name, o.mentions) for o in found] == [
        ("สมศักดิ์ ทองดี", ("T1", "T2", "T3")), ("ประสิทธิ์ แก้วมณี", ("T4",)), ("มาลี", ("T5", "T6"))]
    # an organisation and its abbreviation in brackets are one party, here and later
    body = "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค"
    text = f"{A} {A_POS} ได้สั่งการ{body} (สคบ.) ตรวจสอบโฆษณา ต่อมา สคบ. ได้สั่งการให้{NAN_OFFICE} ประสานงาน"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (body, "AGENCY"), ("สคบ.", "AGENCY"), ("สคบ.", "AGENCY"),
                (NAN_OFFICE, "AGENCY"))
    doc = Document("d", text, ents, tuple(extract_relations(text, ents)))
    assert {t for t in who_to_whom(doc) if t[0] == "DELEGATES_TO"} == {
        ("DELEGATES_TO", "สมศักดิ์ ทองดี", body), ("DELEGATES_TO", body, NAN_OFFICE)}
    # a name in brackets after an office is not an alias of anyone
    text = f"{A_POS} ({latin}) ลงพื้นที่"
    ents = mark(text, (A_POS, "POSITION"), (latin, "PERSON"))
    assert len(officials(text, ents, ())) == 2


def test_relations_who_to_whom_uses_office_when_no_person_is_linked():
    text = f"{A_POS} มอบหมายให้{B} {B_POS} ตรวจสอบข้อเท็จจริง"
    ents = mark(text, (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    doc = Document("d", text, ents, tuple(extract_relations(text, ents)))
    assert who_to_whom(doc) == {("DELEGATES_TO", A_POS, "ประสิทธิ์ แก้วมณี"),
                                ("HOLDS_POSITION", "ประสิทธิ์ แก้วมณี", B_POS)}


def test_relations_officials_office_joins_only_a_holder_that_adds_its_jurisdiction():
    text = (f"{A} {A_POS} และนายวีระ ชัยดี รัฐมนตรีว่าการกระทรวงการคลัง กล่าวว่า ผู้ว่าฯ สั่งการให้รัฐมนตรีช่วยกันดูแล "
            "ส่วน รมว.กห. พบนายคริส มิลเลอร์ รมว.กห.สหรัฐฯ")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("นายวีระ ชัยดี", "PERSON"),
                ("รัฐมนตรีว่าการกระทรวงการคลัง", "POSITION"), ("ผู้ว่าฯ", "POSITION"), ("รัฐมนตรี", "POSITION"),
                ("รมว.กห.", "POSITION"), ("นายคริส มิลเลอร์", "PERSON"), ("รมว.กห.สหรัฐฯ", "POSITION"))
    found = {o.name: o for o in officials(text, ents, extract_relations(text, ents))}
    assert "T5" in found["สมศักดิ์ ทองดี"].mentions          # ผู้ว่าฯ -> ผู้ว่าราชการจังหวัดน่าน
    assert found["รัฐมนตรี"].mentions == ("T6",)             # ministers in general, not the finance minister
    assert found["รัฐมนตรีว่าการกระทรวงกลาโหม"].mentions == ("T7",)  # not the US minister's office
    assert found["คริส มิลเลอร์"].mentions == ("T8", "T9")


def test_relations_delegations_view_deduplicates_over_mentions():
    text = (f"{A} {A_POS} มอบหมายให้{B} เปิดงาน\nต่อมา{A} มอบหมายให้ นายประสิทธิ์ ดูแลการจราจร")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (A, "PERSON"), ("นายประสิทธิ์", "PERSON"))
    rels = extract_relations(text, ents)
    assert len([r for r in rels if r.type == "DELEGATES_TO"]) == 2
    view = delegations(text, ents, rels)
    assert [(d.delegator, d.delegatee, d.task) for d in view] == [("สมศักดิ์ ทองดี", "ประสิทธิ์ แก้วมณี", "เปิดงาน")]
    assert len(view[0].relations) == 2


def test_relations_delegation_pattern_from_rule_or_trigger():
    text = f"{A} มอบหมายให้{B} เปิดงาน"
    ents = mark(text, (A, "PERSON"), (B, "PERSON"))
    pred = Document("d", text, ents, tuple(extract_relations(text, ents)))
    triple = ("DELEGATES_TO", "สมศักดิ์ ทองดี", "ประสิทธิ์ แก้วมณี")
    assert delegation_pattern(pred, triple) == "active"
    gold = replace(pred, relations=tuple(replace(r, rule=None, trigger="ได้รับมอบหมายจาก") for r in pred.relations))
    assert delegation_pattern(gold, triple) == "passive"


# --- input checks ----------------------------------------------------------------------

def test_relations_rejects_a_bare_string_for_entities():
    with pytest.raises(DataError) as exc:
        extract_relations("ข้อความ", "นายสมชาย")
    assert exc.value.code == "E102"


def test_relations_rejects_entities_of_another_text():
    ents = mark(f"{A} มอบหมายให้{B} เปิดงาน", (A, "PERSON"))
    with pytest.raises(DataError) as exc:
        extract_relations("  " + f"{A} มอบหมายให้{B} เปิดงาน", ents)
    assert exc.value.code == "E104" and "T1" in str(exc.value)


def test_relations_rejects_entities_without_ids():
    text = f"{A} มอบหมายให้{B} เปิดงาน"
    with pytest.raises(DataError) as exc:
        extract_relations(text, [Entity(0, len(A), "PERSON", A)])
    assert exc.value.code == "E102"


@pytest.mark.parametrize("engine", ["spaces", "lines"])
def test_relations_seed_article_gold_entities(seed_dict, engine):
    seed = Document.from_dict(seed_dict)
    rels = extract_relations(seed.text, seed.entities, sentence_engine=engine)
    mentions = {(r.type, r.head, r.tail) for r in rels}
    for gold in seed.relations:
        if gold.type == "HOLDS_POSITION":
            assert (gold.type, gold.head, gold.tail) in mentions
    pred = replace(seed, relations=tuple(rels))
    assert {t for t in who_to_whom(pred) if t[0] == "DELEGATES_TO"} == {
        ("DELEGATES_TO", "ชุติเดช มีจันทร์", "นิติยา พงษ์พานิช")}
    assert who_to_whom(pred) == who_to_whom(seed)
    view = delegations(seed.text, seed.entities, rels)
    assert len(view) == 1 and view[0].task.startswith("นำส่วนราชการที่เกี่ยวข้อง")
    assert view[0].task.endswith("ประจำปีงบประมาณ 2566")
    for r in rels:
        if r.task is not None:
            assert seed.text[r.task_span[0]:r.task_span[1]] == r.task


# --- DELEGATES_TO: recall on real shapes (hand-written) ---------------------------------------

NAN_OFFICE = "สำนักงานจังหวัดน่าน"
D = "นายธนา ใจดี"


def test_relations_instructed_kamchap_is_an_order():
    text = f"{A} {A_POS} ได้กำชับให้{NAN_OFFICE} เร่งสำรวจความเสียหายของพืชผล"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    r = delegation(text, ents)
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}
    assert r.trigger == "ได้กำชับให้" and delegation_pattern(
        Document("d", text, ents, tuple(extract_relations(text, ents))), ("DELEGATES_TO", person_name(A), NAN_OFFICE)
    ) == "ordered"


def test_relations_headline_bare_mop_with_a_named_party_and_a_task():
    text = f"{B_POS} มอบ {NAN_OFFICE} จัดอบรมอาสาสมัครรับมือไฟป่า"
    ents = mark(text, (B_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(B_POS, NAN_OFFICE)}


@pytest.mark.parametrize("tail", ["นโยบายแก่{x} ในการประชุม", "{x}", "ประกาศนียบัตรแก่{x} ที่ผ่านการอบรม"])
def test_relations_bare_mop_without_a_party_right_after_or_a_task_gives_nothing(tail):
    text = f"{A} {A_POS} มอบ" + tail.format(x=NAN_OFFICE)
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_elided_subject_in_reported_speech_is_the_speaker():
    text = f"{A} {A_POS} กล่าวภายหลังการประชุมคณะกรรมการจังหวัดว่า ได้มอบหมายให้{B} ติดตามงานทุกสัปดาห์"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("คณะกรรมการจังหวัด", "AGENCY"), (B, "PERSON"))
    r = delegation(text, ents)
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)} and r.rule.endswith("speaker")


def test_relations_unnamed_subject_in_reported_speech_gives_nothing():
    text = f"{A} กล่าวว่า รัฐบาล มอบหมายให้{NAN_OFFICE} จัดงานเฉลิมพระเกียรติ"
    ents = mark(text, (A, "PERSON"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_clause_opener_hides_a_name_mentioned_before_it():
    text = (f"{C} กล่าวว่า ท่าน{A} ฝากความห่วงใยมาถึงทุกคน ทั้งนี้ ได้กำชับ{B_POS} "
            "สำรวจความเสียหายเพื่อเตรียมเยียวยา")
    ents = mark(text, (C, "PERSON"), (A, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(C, B_POS)}


def test_relations_unnamed_office_as_speaker_resolves_the_pronoun():
    text = ("รัฐมนตรีว่าการกระทรวงแรงงาน เปิดเผยว่า ตามที่กรมอุตุนิยมวิทยาได้เตือนภัยพายุ "
            "ตนจึงได้สั่งการให้กรมสวัสดิการและคุ้มครองแรงงาน กำหนดมาตรการความปลอดภัย")
    ents = mark(text, ("รัฐมนตรีว่าการกระทรวงแรงงาน", "POSITION"), ("กรมอุตุนิยมวิทยา", "AGENCY"),
                ("กรมสวัสดิการและคุ้มครองแรงงาน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("รัฐมนตรีว่าการกระทรวงแรงงาน", "กรมสวัสดิการและคุ้มครองแรงงาน")}


def test_relations_the_assignee_is_never_its_own_delegator():
    text = ("นายกรัฐมนตรี กล่าวว่า กระทรวงมหาดไทยพร้อมช่วยเหลือประชาชน จึงได้สั่งการให้กระทรวงมหาดไทย "
            "ตั้งศูนย์ช่วยเหลือทุกอำเภอ")
    ents = mark(text, ("นายกรัฐมนตรี", "POSITION"), ("กระทรวงมหาดไทย", "AGENCY"), ("กระทรวงมหาดไทย", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("นายกรัฐมนตรี", "กระทรวงมหาดไทย")}


def test_relations_members_enumerated_after_a_group_word_are_delegatees():
    chamber, industry = "หอการค้าจังหวัดน่าน", "สภาอุตสาหกรรมจังหวัดน่าน"
    text = f"{A} {A_POS} ได้มอบหมายให้ภาคเอกชน ทั้ง{chamber}และ{industry} ร่วมหารือแนวทางช่วยเหลือ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (chamber, "AGENCY"), (industry, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, chamber), (A, industry)}


def test_relations_leader_of_an_unnamed_unit_is_the_delegatee():
    leader, leader_pos = "นายสมบัติ ใจกล้า", "ป้องกันจังหวัดน่าน"
    text = (f"{A} {A_POS} ได้มอบหมายให้ {B} {B_POS} สั่งการฝ่ายปกครองจังหวัดน่าน นำโดย{leader} {leader_pos} "
            "ออกตรวจสถานบริการในพื้นที่")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (leader, "PERSON"), (leader_pos, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (B, leader)}
    # led by someone, without an order: no delegation
    text = f"{A} {A_POS} พบปะกลุ่มเกษตรกร นำโดย{leader} ประธานกลุ่ม"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (leader, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_quoted_names_in_a_headline_are_parties():
    text = "“รมว.สมชาย” สั่ง “กรมทางหลวงชนบท” เร่งซ่อมถนนก่อนสงกรานต์"
    ents = mark(text, ("รมว.", "POSITION"), ("สมชาย", "PERSON"), ("กรมทางหลวงชนบท", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("สมชาย", "กรมทางหลวงชนบท")}
    assert delegation(text, ents).task == "เร่งซ่อมถนนก่อนสงกรานต์"
    # straight single quotes too: นายกฯ … มอบ 'รัฐมนตรีสมชาย' ช่วยเหลือ…
    text = "นายกฯ ห่วงแรงงานไทยในต่างแดน มอบ 'รัฐมนตรีสมชาย' ช่วยเหลือส่งกลับมารักษาตัวที่ไทย"
    ents = mark(text, ("นายกฯ", "POSITION"), ("รัฐมนตรี", "POSITION"), ("สมชาย", "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {("นายกฯ", "สมชาย")}
    assert delegation(text, ents).task == "ช่วยเหลือส่งกลับมารักษาตัวที่ไทย"


def test_relations_sending_a_named_team_is_a_delegation():
    text = "“สมชาย” ส่งทีม พม.น่าน เยี่ยมครอบครัวผู้ประสบอุทกภัย"
    ents = mark(text, ("สมชาย", "PERSON"), ("พม.น่าน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("สมชาย", "พม.น่าน")}
    # an unnamed team, or a named one with nothing to do, is not assigned
    text = "กรมส่งเสริมการเกษตร ได้จัดส่งทีมงานศูนย์เครื่องจักรกลออกบริการ และ “สมชาย” ส่งทีม พม.น่าน"
    ents = mark(text, ("กรมส่งเสริมการเกษตร", "AGENCY"), ("สมชาย", "PERSON"), ("พม.น่าน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_departments_after_a_space_are_listed_but_a_ministry_is_their_parent():
    text = "นายกรัฐมนตรี สั่งการให้กรมชลประทาน กรมทรัพยากรน้ำ เร่งระบายน้ำ"
    ents = mark(text, ("นายกรัฐมนตรี", "POSITION"), ("กรมชลประทาน", "AGENCY"), ("กรมทรัพยากรน้ำ", "AGENCY"))
    assert {t for _, t in pairs(text, ents, "DELEGATES_TO")} == {"กรมชลประทาน", "กรมทรัพยากรน้ำ"}
    text = "นายกรัฐมนตรี สั่งการให้สำนักงานประกันสังคม กระทรวงแรงงาน เร่งจ่ายเงินทดแทน"
    ents = mark(text, ("นายกรัฐมนตรี", "POSITION"), ("สำนักงานประกันสังคม", "AGENCY"), ("กระทรวงแรงงาน", "AGENCY"))
    assert {t for _, t in pairs(text, ents, "DELEGATES_TO")} == {"สำนักงานประกันสังคม"}


def test_relations_parent_ministry_after_an_organisation_is_not_the_delegator():
    text = "กรมทางหลวง (ทล.) กระทรวงคมนาคม ได้สั่งการให้แขวงทางหลวงน่าน ลงพื้นที่ติดตามน้ำท่วม"
    ents = mark(text, ("กรมทางหลวง", "AGENCY"), ("ทล.", "AGENCY"), ("กระทรวงคมนาคม", "AGENCY"),
                ("แขวงทางหลวงน่าน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กรมทางหลวง", "แขวงทางหลวงน่าน")}


def test_relations_shared_subject_after_phrom_reaches_back_over_an_abbreviation_stop():
    text = "รมว.กษ. เร่งสั่งการเจ้าหน้าที่ช่วยเหลือผู้ประสบภัย พร้อมมอบปลัด กษ. กำกับดูแลอย่างใกล้ชิด"
    ents = mark(text, ("รมว.กษ.", "POSITION"), ("ปลัด กษ.", "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {("รมว.กษ.", "ปลัด กษ.")}


def test_relations_acting_stand_in_inside_a_list_of_companions():
    text = f"{A} เป็นประธานการประชุม โดยมี {B} {B_POS} {C} ผู้ช่วยปลัดจังหวัด รักษาราชการแทน {C_POS} {D} เข้าร่วม"
    ents = mark(text, (A, "PERSON"), (B, "PERSON"), (B_POS, "POSITION"), (C, "PERSON"),
                ("ผู้ช่วยปลัดจังหวัด", "POSITION"), (C_POS, "POSITION"), (D, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(C_POS, C)}
    assert (D, C_POS) not in pairs(text, ents, "HOLDS_POSITION")


def test_relations_representative_of_an_organisation_and_the_noun_phu_thaen():
    text = f"{B_POS} เป็นผู้แทนกระทรวงมหาดไทย เข้าร่วมประชุมระดับภูมิภาค"
    ents = mark(text, (B_POS, "POSITION"), ("กระทรวงมหาดไทย", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงมหาดไทย", B_POS)}
    text = f"{A} รับฟังรายงานจาก{B} และผู้แทน{C_POS} ในที่ประชุม"
    ents = mark(text, (A, "PERSON"), (B, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_passive_past_a_bracketed_abbreviation():
    text = f"นายวิชัย มั่นคง รัฐมนตรีว่าการกระทรวงคมนาคม (คค.) ได้รับมอบหมายจาก {A} ให้เป็นประธานเปิดงาน"
    ents = mark(text, ("นายวิชัย มั่นคง", "PERSON"), ("รัฐมนตรีว่าการกระทรวงคมนาคม", "POSITION"), ("คค.", "AGENCY"),
                (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, "นายวิชัย มั่นคง")}


# --- rules added on the final corpus (each with its decoy) ---------------------------------------

def test_relations_holds_acting_in_an_office():
    text = f"{C} {C_POS} รักษาการในตำแหน่ง{A_POS} ตรวจเยี่ยมโรงเรียน"
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(C, C_POS), (C, A_POS)}
    text = f"{C} {C_POS} รักษาการแทน{A_POS} ตรวจเยี่ยมโรงเรียน"
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(C, C_POS)}


def test_relations_passive_subject_before_its_companions():
    text = f"{B} {B_POS} พร้อมด้วย {C} {C_POS} สำนักงานจังหวัดน่าน ได้รับมอบหมายจาก{A} ให้ตรวจเยี่ยมตลาด"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"),
                ("สำนักงานจังหวัดน่าน", "AGENCY"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


@pytest.mark.parametrize("gap", [" ", " ตามที่", "เมื่อวานนี้ "])
def test_relations_passive_subject_left_unsaid_is_the_speaker(gap):
    text = f"{B} {B_POS} กล่าวว่า{gap}ได้รับมอบหมายจาก{A} {A_POS} ให้มาเปิดงานกาชาด"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


@pytest.mark.parametrize("gap", [" ผู้แทนที่", " ไม่ได้", " หากได้"])
def test_relations_passive_in_speech_with_an_unnamed_or_negated_subject_gives_nothing(gap):
    text = f"{B} {B_POS} กล่าวว่า{gap}ได้รับมอบหมายจาก{A} จะมาร่วมงานกาชาด"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_representative_noun_in_apposition_to_the_stand_in():
    text = f"{B} {B_POS} ผู้แทน{A_POS} เป็นประธานเปิดงานกาชาด"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B)}
    for decoy in (f"{B} {B_POS} และผู้แทน{A_POS} ร่วมงานกาชาด", f"{B} {B_POS} ต้อนรับผู้แทนจาก{A_POS}",
                  f"{B} {B_POS} พบผู้แทน {A_POS}"):
        ents = mark(decoy, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"))
        assert pairs(decoy, ents, "DELEGATES_TO") == set(), decoy


def test_relations_representative_of_two_parties_joined_by_and():
    text = f"{B} {B_POS} เป็นผู้แทน{A_POS} และ {C_POS} ในพิธีวางพวงมาลา {A} ร่วมพิธี"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"), (C_POS, "POSITION"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B), (C_POS, B)}


@pytest.mark.parametrize("lead", ["เรื่องนี้เร่งด่วนต้อง", "จึงขอ", "ล่าสุดได้"])
def test_relations_subject_left_unsaid_before_a_modal_or_time_word_is_the_speaker(lead):
    text = f"{A} {A_POS} กล่าวว่า {lead}สั่งการให้{B_POS} เร่งสำรวจความเสียหาย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B_POS)}
    decoy = f"{A} {A_POS} กล่าวว่า จึงขอให้{B_POS} เร่งสำรวจความเสียหาย"
    ents = mark(decoy, (A, "PERSON"), (A_POS, "POSITION"), (B_POS, "POSITION"))
    assert pairs(decoy, ents, "DELEGATES_TO") == set()


def test_relations_body_after_a_meeting_word_is_not_the_delegator():
    text = f"{A} {A_POS} กล่าวภายหลังการประชุมคณะรัฐมนตรีว่า การประชุมคณะรัฐมนตรีวันนี้ได้สั่งการให้{B_POS} เร่งแก้ไขปัญหา"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("คณะรัฐมนตรี", "AGENCY"), ("คณะรัฐมนตรี", "AGENCY"),
                (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B_POS)}


def test_relations_body_named_with_its_abbreviation_is_not_its_own_delegator():
    text = (f"{A} {A_POS} เปิดเผยว่า กรมโรงงานอุตสาหกรรม (กรอ.) มีภารกิจออกใบอนุญาต "
            "ล่าสุดได้สั่งการให้ กรอ.ยกระดับการให้บริการออนไลน์")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("กรมโรงงานอุตสาหกรรม", "AGENCY"), ("กรอ.", "AGENCY"),
                ("กรอ.", "AGENCY"))
    assert ("กรมโรงงานอุตสาหกรรม", "กรอ.") not in pairs(text, ents, "DELEGATES_TO")


def test_relations_assignee_named_before_a_speech_cue_is_not_the_speaker():
    text = f"{A} ได้มอบหมาย{B_POS}ดูแลโครงการ และย้ำว่าเรื่องนี้เร่งด่วนต้องสั่งการให้{B_POS} และ{C_POS}เร่งดำเนินการ"
    ents = mark(text, (A, "PERSON"), (B_POS, "POSITION"), (B_POS, "POSITION"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B_POS), (A, C_POS)}


def test_relations_manner_adverb_doi_does_not_make_a_clause_subject():
    text = f"{A} {A_POS} กล่าวว่า จึงขอมอบหมายให้{B} เร่งแก้ไขปัญหาโดยด่วนและขอสั่งการให้ {C} เร่งช่วยเหลือประชาชน"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (C, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C)}


def test_relations_shared_subject_of_an_earlier_assignment():
    text = f"กระทรวงมหาดไทยได้สั่งการไปยังกรมป้องกันและบรรเทาสาธารณภัยแล้ว พร้อมกำชับให้{A_POS}ติดตามสถานการณ์"
    ents = mark(text, ("กระทรวงมหาดไทย", "AGENCY"), ("กรมป้องกันและบรรเทาสาธารณภัย", "AGENCY"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงมหาดไทย", "กรมป้องกันและบรรเทาสาธารณภัย"),
                                                 ("กระทรวงมหาดไทย", A_POS)}
    decoy = f"{A} มอบหมายให้{B} ดูแลตลาด และ{C} {C_POS} สั่งการให้{B_POS} ตรวจสอบ"
    ents = mark(decoy, (A, "PERSON"), (B, "PERSON"), (C, "PERSON"), (C_POS, "POSITION"), (B_POS, "POSITION"))
    assert pairs(decoy, ents, "DELEGATES_TO") == {(A, B), (C, B_POS)}


def test_relations_headline_bare_sang_with_a_named_party_and_a_task():
    text = "“นายกฯ ประยุทธ์” สั่งกระทรวงแรงงาน เร่งดูแลแรงงานเก็บผลไม้"
    ents = mark(text, ("ประยุทธ์", "PERSON"), ("กระทรวงแรงงาน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("ประยุทธ์", "กระทรวงแรงงาน")}
    for decoy in ("“นายกฯ ประยุทธ์” สั่งซื้อวัคซีนจากกระทรวงแรงงาน เพิ่ม",
                  "“นายกฯ ประยุทธ์” ลงนามคำสั่งกระทรวงแรงงาน เรื่องวันหยุด",
                  "“นายกฯ ประยุทธ์” สั่งกระทรวงแรงงาน"):
        ents = mark(decoy, ("ประยุทธ์", "PERSON"), ("กระทรวงแรงงาน", "AGENCY"))
        assert pairs(decoy, ents, "DELEGATES_TO") == set(), decoy


def test_relations_subject_of_a_relative_clause_after_an_object():
    text = f"อำเภอดำเนินการตามนโยบายของกระทรวงมหาดไทย ที่เน้นย้ำสั่งการให้{A_POS} และ{C_POS}เร่งปราบปรามยาเสพติด"
    ents = mark(text, ("กระทรวงมหาดไทย", "AGENCY"), (A_POS, "POSITION"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงมหาดไทย", A_POS), ("กระทรวงมหาดไทย", C_POS)}
    decoy = f"อำเภอดำเนินการตามนโยบายของกระทรวงมหาดไทย ที่ประชาชนขอให้สั่งการให้{A_POS} เร่งปราบปรามยาเสพติด"
    ents = mark(decoy, ("กระทรวงมหาดไทย", "AGENCY"), (A_POS, "POSITION"))
    assert pairs(decoy, ents, "DELEGATES_TO") == set()


def test_relations_parallel_assignees_each_with_the_same_action():
    text = (f"{A} มอบหมายให้ {B_POS} ({B}) ลงพื้นที่จังหวัดน่าน {C_POS} ลงพื้นที่จังหวัดแพร่ "
            f"และ{A_POS} ({C}) ลงพื้นที่จังหวัดพะเยา เพื่อเยี่ยมประชาชน")
    ents = mark(text, (A, "PERSON"), (B_POS, "POSITION"), (B, "PERSON"), ("จังหวัดน่าน", "LOCATION"),
                (C_POS, "POSITION"), ("จังหวัดแพร่", "LOCATION"), (A_POS, "POSITION"), (C, "PERSON"),
                ("จังหวัดพะเยา", "LOCATION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C_POS), (A, C)}
    decoy = (f"{A} มอบหมายให้ {B} ลงพื้นที่จังหวัดน่าน เพื่อพบ{C_POS} และลงพื้นที่อำเภอปัว "
             f"พร้อมด้วย {C} ลงพื้นที่ด้วย")
    ents = mark(decoy, (A, "PERSON"), (B, "PERSON"), ("จังหวัดน่าน", "LOCATION"), (C_POS, "POSITION"), (C, "PERSON"))
    assert pairs(decoy, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_straight_quote_paragraph_speaker_and_pronoun_with_co_assignee():
    text = f'"อย่างไรก็ตาม {A_POS} ได้มอบหมายผมและท่าน{C} ดูแลเรื่องนี้อย่างเข้มข้น" {B} กล่าว'
    ents = mark(text, (A_POS, "POSITION"), (C, "PERSON"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B), (A_POS, C)}
    decoy = f'{A_POS} กล่าวถึงโครงการ "ผมรักบ้านเกิด" โดยได้มอบหมายให้ผมดูแล {B} กล่าว'
    ents = mark(decoy, (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(decoy, ents, "DELEGATES_TO") == set()


def test_relations_person_name_strips_a_bare_address_rong():
    from thaigov_ner.relations import person_name

    # a tagger may keep รอง of ท่านรอง inside the PERSON span; the official is the same
    assert person_name("รองนางนิติยา พงษ์พานิช") == person_name("นางสาวนิติยา พงษ์พานิช") == "นิติยา พงษ์พานิช"
    assert person_name("รองศาสตราจารย์ดร.สมชาย ใจดี") == "สมชาย ใจดี"


def test_relations_officials_a_first_name_shortened_with_paiyannoi_is_the_same_official():
    # นายสมศักดิ์ฯ: the first name with the mark of a shortened name, after the full name
    text = f"{A} {A_POS} ลงพื้นที่ ต่อมานายสมศักดิ์ฯ จึงสั่งการให้{B} ตรวจสอบ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("นายสมศักดิ์ฯ", "PERSON"), (B, "PERSON"))
    found = officials(text, ents, extract_relations(text, ents))
    assert [(o.name, o.mentions) for o in found] == [("สมศักดิ์ ทองดี", ("T1", "T2", "T3")), ("ประสิทธิ์ แก้วมณี", ("T4",))]
    assert person_name("นายสมศักดิ์ฯ") == "สมศักดิ์" and person_name("ฯลฯ") == "ฯลฯ"


# --- issue #5: lists with fillers, conditions that end, clauses cut by spaces ----------------------

def test_relations_list_goes_on_past_a_quantifier_and_an_unnamed_member():
    text = ("นายวีระ ชัยดี ได้มีข้อสั่งการให้ผู้ว่าราชการจังหวัดน่าน นายอำเภอ ผู้นำท้องที่ การไฟฟ้าส่วนภูมิภาค "
            "ตลอดจนอธิบดีทุกกรม ผู้ว่าราชการจังหวัดทั้ง 76 จังหวัด สำรวจความเสียหาย")
    ents = mark(text, ("นายวีระ ชัยดี", "PERSON"), ("ผู้ว่าราชการจังหวัดน่าน", "POSITION"), ("นายอำเภอ", "POSITION"),
                ("การไฟฟ้าส่วนภูมิภาค", "AGENCY"), ("อธิบดี", "POSITION"), ("ผู้ว่าราชการจังหวัด", "POSITION"))
    tails = {t for _, t in pairs(text, ents, "DELEGATES_TO")}
    assert tails == {"ผู้ว่าราชการจังหวัดน่าน", "นายอำเภอ", "การไฟฟ้าส่วนภูมิภาค", "อธิบดี", "ผู้ว่าราชการจังหวัด"}


def test_relations_list_does_not_run_past_an_action_word():
    text = f"{A} สั่งการให้{B} ไปพบ {C} ที่ศาลากลาง"
    ents = mark(text, (A, "PERSON"), (B, "PERSON"), (C, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_coordinated_clause_ends_a_condition():
    text = (f"{A} {A_POS} กล่าวว่า หากเจ้าหนี้ข่มขู่ ใช้ความรุนแรง ให้แจ้งความ "
            "รวมทั้งมอบหมายให้สำนักงานจังหวัดน่าน ช่วยเหลือลูกหนี้")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("สำนักงานจังหวัดน่าน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, "สำนักงานจังหวัดน่าน")}
    still = f"{A} {A_POS} กล่าวว่า หากมีการประชุมและมอบหมายให้สำนักงานจังหวัดน่าน ช่วยเหลือลูกหนี้"
    ents = mark(still, (A, "PERSON"), (A_POS, "POSITION"), ("สำนักงานจังหวัดน่าน", "AGENCY"))
    assert pairs(still, ents, "DELEGATES_TO") == set()


def test_relations_doi_clause_subject_across_space_made_breaks():
    # a double space cuts the `spaces` sentences; the subject is the first party after เผยว่า
    text = (f"นายสมชาย ใจดี โฆษกรัฐบาล เผยว่า {A} {A_POS} แสดงความเสียใจต่อเหตุการณ์ที่เกิดขึ้น  "
            f"เมื่อวันที่ 3 ที่ผ่านมา  โดยมอบหมาย {B} ร่วมงาน")
    ents = mark(text, ("นายสมชาย ใจดี", "PERSON"), ("โฆษกรัฐบาล", "POSITION"), (A, "PERSON"), (A_POS, "POSITION"),
                (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_elided_subject_two_sentences_back_but_not_further():
    near = (f"{A} {A_POS} ห่วงใยประชาชน  หลังฝนตกหนักในพื้นที่  เกิดน้ำท่วมฉับพลัน  "
            "จึงสั่งการให้สำนักงานจังหวัดน่าน เร่งช่วยเหลือ")
    ents = mark(near, (A, "PERSON"), (A_POS, "POSITION"), ("สำนักงานจังหวัดน่าน", "AGENCY"))
    assert pairs(near, ents, "DELEGATES_TO") == set()   # three sentences back: too far
    near = f"{A} {A_POS} ห่วงใยประชาชน  หลังฝนตกหนักในพื้นที่  จึงสั่งการให้สำนักงานจังหวัดน่าน เร่งช่วยเหลือ"
    ents = mark(near, (A, "PERSON"), (A_POS, "POSITION"), ("สำนักงานจังหวัดน่าน", "AGENCY"))
    assert pairs(near, ents, "DELEGATES_TO") == {(A, "สำนักงานจังหวัดน่าน")}


def test_relations_office_acted_for_is_not_the_representative():
    text = (f"{A} มอบหมายให้ {B} พร้อมด้วย{C} {C_POS} รักษาราชการแทน ผู้อำนวยการท่าอากาศยานน่าน "
            "เป็นผู้แทนกรมท่าอากาศยานเข้าร่วมประชุม")
    ents = mark(text, (A, "PERSON"), (B, "PERSON"), (C, "PERSON"), (C_POS, "POSITION"),
                ("ผู้อำนวยการท่าอากาศยานน่าน", "POSITION"), ("กรมท่าอากาศยาน", "AGENCY"))
    found = pairs(text, ents, "DELEGATES_TO")
    assert ("กรมท่าอากาศยาน", "ผู้อำนวยการท่าอากาศยานน่าน") not in found
    assert ("ผู้อำนวยการท่าอากาศยานน่าน", C) in found and (A, B) in found


def test_relations_office_cut_short_by_pai_yan_noi_joins_its_holder():
    text = (f"{A} ผู้ตรวจราชการกระทรวงอุตสาหกรรม ประชุมร่วมกับภาคเอกชน\n"
            "ต่อมา ผู้ตรวจราชการฯ ได้มอบหมายให้สำนักงานอุตสาหกรรมจังหวัดน่าน ติดตามผล และรัฐมนตรีฯ ชื่นชม")
    ents = mark(text, (A, "PERSON"), ("ผู้ตรวจราชการกระทรวงอุตสาหกรรม", "POSITION"), ("ผู้ตรวจราชการฯ", "POSITION"),
                ("สำนักงานอุตสาหกรรมจังหวัดน่าน", "AGENCY"), ("รัฐมนตรีฯ", "POSITION"))
    doc = Document("d", text, ents, tuple(extract_relations(text, ents)))
    assert ("DELEGATES_TO", "สมศักดิ์ ทองดี", "สำนักงานอุตสาหกรรมจังหวัดน่าน") in who_to_whom(doc)
    found = {o.name: o for o in officials(text, ents, doc.relations)}
    assert found["สมศักดิ์ ทองดี"].mentions == ("T1", "T2", "T3")
    assert "รัฐมนตรีฯ" in found            # no held office begins with รัฐมนตรี here


def test_relations_speaker_heading_the_body_assigns_when_the_subject_is_left_unsaid():
    lead = "นายวีระ ชัยดี รัฐมนตรีว่าการกระทรวงอุตสาหกรรม เปิดเผยว่า กระทรวงอุตสาหกรรม มีนโยบายลดขั้นตอน"
    ents_for = lambda t: mark(t, ("นายวีระ ชัยดี", "PERSON"), ("รัฐมนตรีว่าการกระทรวงอุตสาหกรรม", "POSITION"),
                              ("กระทรวงอุตสาหกรรม", "AGENCY"), ("กรมโรงงานอุตสาหกรรม", "AGENCY"))
    text = lead + " ล่าสุดได้สั่งการให้ กรมโรงงานอุตสาหกรรม ตรวจโรงงานทางออนไลน์"
    assert pairs(text, ents_for(text), "DELEGATES_TO") == {("นายวีระ ชัยดี", "กรมโรงงานอุตสาหกรรม")}
    text = lead + " โดยมอบหมายให้ กรมโรงงานอุตสาหกรรม ตรวจโรงงานทางออนไลน์"   # โดย: the body's own clause
    assert pairs(text, ents_for(text), "DELEGATES_TO") == {("กระทรวงอุตสาหกรรม", "กรมโรงงานอุตสาหกรรม")}
    text = ("นายวีระ ชัยดี รัฐมนตรีว่าการกระทรวงอุตสาหกรรม เปิดเผยว่า กระทรวงอุตสาหกรรม ได้สั่งการให้ "
            "กรมโรงงานอุตสาหกรรม ตรวจโรงงานทางออนไลน์")                  # the body named as the subject
    assert pairs(text, ents_for(text), "DELEGATES_TO") == {("กระทรวงอุตสาหกรรม", "กรมโรงงานอุตสาหกรรม")}


def test_relations_office_split_flush_before_its_organisation_is_one_office():
    # a tagger may end the POSITION inside the title: รัฐมนตรีว่าการ|กระทรวงยุติธรรม
    text = f"{A} รัฐมนตรีว่าการกระทรวงยุติธรรม มอบหมายให้{B} ตรวจเยี่ยมเรือนจำ"
    ents = mark(text, (A, "PERSON"), ("รัฐมนตรีว่าการ", "POSITION"), ("กระทรวงยุติธรรม", "AGENCY"), (B, "PERSON"))
    doc = Document("d", text, ents, tuple(extract_relations(text, ents)))
    assert who_to_whom(doc) == {("HOLDS_POSITION", "สมศักดิ์ ทองดี", "รัฐมนตรีว่าการกระทรวงยุติธรรม"),
                                ("DELEGATES_TO", "สมศักดิ์ ทองดี", "ประสิทธิ์ แก้วมณี")}
    assert officials(text, ents, doc.relations)[0].agency == "กระทรวงยุติธรรม"


@pytest.mark.parametrize("verb", ["เปิดเผยภายหลัง", " กล่าวภายหลัง"])
def test_relations_passive_subject_before_a_speech_verb_and_after(verb):
    text = f"{B} {B_POS}{verb}ได้รับมอบหมายจาก{A} {A_POS} ให้เป็นประธานการประชุมคณะทำงาน"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
    text = f"{B} {B_POS} เปิดเผยภายหลังการประชุมว่า ผู้แทนที่ได้รับมอบหมายจาก{A} จะมาร่วมงาน"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_group_word_with_a_place_inside_still_enumerates_its_members():
    army, navy = "กองทัพภาคที่ 3", "กองบัญชาการตำรวจภูธรภาค 5"
    text = f"{A} {A_POS} สั่งการให้หน่วยงานในภาคเหนือ ทั้ง{army}และ{navy} เร่งช่วยเหลือผู้ประสบภัย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("ภาคเหนือ", "LOCATION"), (army, "AGENCY"),
                (navy, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, army), (A, navy)}
    # a party named inside the words after the cue is no group word: nothing is read past it
    text = f"{A} {A_POS} สั่งการให้ทีมของ{C_POS} ทั้ง{army} เร่งช่วยเหลือผู้ประสบภัย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (C_POS, "POSITION"), (army, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_the_noun_khosangkan_names_an_order_it_does_not_give_one():
    # ตามข้อสั่งการ X: "in line with X's order": X is who ordered, not who was ordered
    for noun in ("ข้อสั่งการ", "ข้อกำชับ"):
        text = f"{A} {A_POS} เร่งดำเนินการตาม{noun}นายกรัฐมนตรี เพื่อดูแลประชาชน"
        ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("นายกรัฐมนตรี", "POSITION"))
        assert pairs(text, ents, "DELEGATES_TO") == set(), noun
    # มีข้อสั่งการ (ไปยัง) X: gives the order to X
    for cue in ("ได้มีข้อสั่งการไปยัง", "มีข้อสั่งการ", "ได้มีข้อสั่งการให้"):
        given = f"{A} {A_POS} {cue}นายอำเภอเมืองน่าน ดำเนินการป้องกันโรค"
        ents = mark(given, (A, "PERSON"), (A_POS, "POSITION"), ("นายอำเภอเมืองน่าน", "POSITION"))
        assert pairs(given, ents, "DELEGATES_TO") == {(A, "นายอำเภอเมืองน่าน")}, cue


def test_relations_giving_in_order_to_hand_over_is_not_a_delegation():
    # เพื่อมอบให้ X: "so as to give (it) to X", even when an action follows
    text = f"{A} {A_POS} จัดซื้อหนังสือ 500 เล่ม เพื่อมอบให้{B} นำไปแจกจ่ายแก่โรงเรียนในจังหวัด"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


# --- rules from the 160-document train extension (session 4) ------------------------------------

def test_relations_acting_for_one_office_not_the_next_list_member():
    text = f"{A} {A_POS} พร้อมด้วย {B} รักษาราชการแทน{B_POS} และ{C} {C_POS} ร่วมแถลงข่าว"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(B_POS, B)}
    # the representative of two parties still gets one relation from each
    text = f"{B} เป็นผู้แทน{A_POS} และ{C_POS} เข้าร่วมประชุม"
    ents = mark(text, (B, "PERSON"), (A_POS, "POSITION"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B), (C_POS, B)}


def test_relations_acting_stand_in_before_an_opening_bracket():
    # two spaces cut the sentence before the bracket
    text = f"{A} {A_POS} {B} {B_POS}  (รักษาราชการแทน{C_POS}) {D} นายอำเภอเมืองน่าน ร่วมพิธี"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (C_POS, "POSITION"), (D, "PERSON"), ("นายอำเภอเมืองน่าน", "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(C_POS, B)}
    assert (B, B_POS) in pairs(text, ents, "HOLDS_POSITION")


@pytest.mark.parametrize("before", [" เมื่อ", " "])
def test_relations_passive_speaker_past_a_date(before):
    text = f"{B} {B_POS} กล่าวว่า{before}วันที่ 11 พ.ค. 65 ได้รับมอบหมายจาก{A} {A_POS} ให้มาเปิดงานกาชาด"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), ("วันที่ 11 พ.ค. 65", "DATE"), (A, "PERSON"),
                (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
    # a party between the speech verb and the trigger is the subject, not the speaker
    text = f"{B} {B_POS} กล่าวว่า {C} ได้รับมอบหมายจาก{A} ให้มาเปิดงานกาชาด"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (C, "PERSON"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, C)}


def test_relations_active_speaker_past_yesterday():
    text = f"{A} {A_POS} กล่าวว่า เมื่อวานนี้ได้มอบหมายให้ {B} {B_POS} ลงพื้นที่ตรวจสอบ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_passive_from_two_assigners():
    text = f"{C} {C_POS} ได้รับมอบหมายจาก{A} {A_POS} และ{B} {B_POS} ให้ตรวจเยี่ยมตลาด"
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"),
                (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, C), (B, C)}
    text = f"{C} {C_POS} ได้รับมอบหมายจาก{A} {A_POS} ให้ตรวจเยี่ยมตลาด และ{B} {B_POS} ร่วมด้วย"
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"),
                (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, C)}


def test_relations_speaker_is_not_the_minister_named_in_brackets():
    text = f"{B} เลขานุการ{A_POS} ({A}) เปิดเผยว่า ได้รับมอบหมายจาก{A} {A_POS} ให้เป็นประธานการประชุม"
    ents = mark(text, (B, "PERSON"), ("เลขานุการ" + A_POS, "POSITION"), (A, "PERSON"), (A, "PERSON"),
                (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
    # with no name before the office, the bracketed name is its holder and speaks
    text = f"{A_POS} ({A}) เปิดเผยว่า ได้มอบหมายให้{B} {B_POS} เป็นประธานการประชุม"
    ents = mark(text, (A_POS, "POSITION"), (A, "PERSON"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


@pytest.mark.parametrize("office", ["รัฐมนตรีว่าการกระทรวงศึกษาธิการ", "ประธานกรรมการ"])
def test_relations_trigger_right_after_an_office_ending_in_kan(office):
    """…ศึกษาธิการมอบหมายให้: the cue is มอบหมายให้ after the office, not การมอบหมาย across its end."""
    text = f"{A} {office}มอบหมายให้ {B} {B_POS} เป็นประธานในพิธีเปิดงาน"
    ents = mark(text, (A, "PERSON"), (office, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    rel = delegation(text, ents)
    assert (rel.trigger, rel.task) == ("มอบหมายให้", "เป็นประธานในพิธีเปิดงาน")
    # with no entity there, การมอบหมาย is still one word (passive without agent: nothing)
    text = f"{A} {A_POS} กล่าวถึงการมอบหมายให้{B} {B_POS} ดูแลงาน"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_proposer_is_not_the_assigner():
    cabinet, ministry = "คณะรัฐมนตรี", "กระทรวงมหาดไทย"
    text = f"{cabinet}มีมติอนุมัติตามที่{ministry} เสนอมอบหมายให้{B} {B_POS} เป็นผู้รักษาราชการแทน"
    ents = mark(text, (cabinet, "AGENCY"), (ministry, "AGENCY"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(cabinet, B)}
    # a zero-width space before the proposing verb is a space
    text = f"{cabinet}มีมติอนุมัติตามที่{ministry}\u200b เสนอมอบหมายให้{B} {B_POS} เป็นผู้รักษาราชการแทน"
    ents = mark(text, (cabinet, "AGENCY"), (ministry, "AGENCY"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(cabinet, B)}
    # the proposer's name and office joined by a zero-width space are one run
    text = f"{cabinet}มีมติอนุมัติตามที่{A}\u200b{A_POS} เสนอมอบหมายให้{B} {B_POS} เป็นผู้รักษาราชการแทน"
    ents = mark(text, (cabinet, "AGENCY"), (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(cabinet, B)}
    # ตามที่ X ได้มอบหมายให้ Y: X assigned ("as X assigned Y")
    text = f"ตามที่{A_POS}ได้มอบหมายให้{B} {B_POS} ลงพื้นที่ตรวจสอบ"
    ents = mark(text, (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B)}


def test_relations_assigning_cue_with_a_noun_inside():
    text = f"คณะรัฐมนตรีมีมติมอบหมายเป็นหลักการให้{B} {B_POS} เป็นผู้รักษาราชการแทน"
    ents = mark(text, ("คณะรัฐมนตรี", "AGENCY"), (B, "PERSON"), (B_POS, "POSITION"))
    assert delegation(text, ents).trigger == "มอบหมายเป็นหลักการให้"


def test_relations_acting_stand_in_named_after_the_office_only_next_to_it():
    king = "พระบาทสมเด็จพระเจ้าอยู่หัว"
    text = f"โอกาสนี้ รักษาราชการแทน{A_POS} {B} ทูลเกล้าฯ ถวายแจกันดอกไม้"
    ents = mark(text, (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B)}
    text = f"โอกาสนี้ รักษาราชการแทน{A_POS}และคู่สมรส ทูลเกล้าฯ ถวายแจกันดอกไม้เบื้องหน้าพระบรมฉายาลักษณ์{king}"
    ents = mark(text, (A_POS, "POSITION"), (king, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_zero_width_space_separates_like_a_space():
    """Thai web text breaks words with U+200B; between listed assignees it is a space."""
    text = f"{A} {A_POS} มอบหมายให้ {B}\u200b {C}\u200b {C_POS} ลงพื้นที่ตรวจสอบ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C)}


def test_relations_headline_organisation_nearest_the_verb_is_not_the_one_who_acts():
    """A headline: ‘X’ ห่วงใยชาว<org> สั่ง Y…: the organisation is what X worries about; X orders."""
    org, dept = "การเคหะแห่งชาติ", "กรมสวัสดิการและคุ้มครองแรงงาน"
    text = f"‘สมศักดิ์’ ห่วงใยผู้เช่า{org} สั่ง {dept} เร่งดูแลสิทธิลูกจ้าง\nวันนี้ (5 มิ.ย. 64) เวลา 10.00 น. ..."
    ents = mark(text, ("สมศักดิ์", "PERSON"), (org, "AGENCY"), (dept, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("สมศักดิ์", dept)}
    # a reporter before the reporting verb is not the one who acts; a title gives way to the name after it
    text = f"โฆษกรัฐบาลเผย “รองนายกฯสมศักดิ์” ห่วงใยผู้เช่า{org} สั่ง {dept} เร่งดูแล\nเนื้อข่าว"
    ents = mark(text, ("โฆษกรัฐบาล", "POSITION"), ("รองนายกฯ", "POSITION"), ("สมศักดิ์", "PERSON"),
                (org, "AGENCY"), (dept, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("สมศักดิ์", dept)}
    # a subtitle, or the headline written again as the lead, is read the same way
    minister, firm = "รัฐมนตรีว่าการกระทรวงแรงงาน", "บริษัท เจเอสแอล จำกัด"
    text = (f"รมว.แรงงาน เร่งเยียวยาลูกจ้าง\n{minister}ห่วงใยลูกจ้าง {firm} กำชับ{dept} เร่งช่วยเหลือ\n"
            f"{minister}ห่วงใยลูกจ้าง {firm} กำชับ{dept} เร่งช่วยเหลือ\nวันนี้ (5 มิ.ย. 64) เวลา 10.00 น. ...")
    ents = entities_from_spans(text, [(m.start(), m.end(), label) for word, label in
                                      ((minister, "POSITION"), (firm, "AGENCY"), (dept, "AGENCY"))
                                      for m in re.finditer(re.escape(word), text)])
    assert pairs(text, ents, "DELEGATES_TO") == {(minister, dept)}
    # the headline reading stays in the headline
    body = f"เนื้อข่าว\n‘สมศักดิ์’ ห่วงใยผู้เช่า{org} สั่ง {dept} เร่งดูแลสิทธิลูกจ้าง"
    ents = mark(body, ("สมศักดิ์", "PERSON"), (org, "AGENCY"), (dept, "AGENCY"))
    assert ("สมศักดิ์", dept) not in pairs(body, ents, "DELEGATES_TO")


def test_relations_first_assignee_does_not_give_the_shared_second_order():
    """X กล่าวว่า … เบื้องต้นได้สั่งการ กรม ก … พร้อมทั้งมอบหมายให้ ปลัด ข: กรม ก received the first order."""
    dept = "กรมชลประทาน"
    text = (f"{A} {A_POS} กล่าวว่า  ปัญหาตลิ่งทรุดต้องแก้ไขเร่งด่วน เบื้องต้นได้สั่งการ {dept} ติดตั้งชีทไพล์ "
            f"พร้อมทั้งมอบหมายให้ {C_POS} ตั้งคณะกรรมการสอบสวน")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (dept, "AGENCY"), (C_POS, "POSITION"))
    # เบื้องต้น (at first) leaves the subject unsaid, like ล่าสุด: the speaker gave both orders
    assert pairs(text, ents, "DELEGATES_TO") == {(A, dept), (A, C_POS)}


def test_relations_unnamed_subject_before_the_trigger_is_not_the_nearest_party():
    """…นาง X … ซึ่งรัฐบาลมอบหมายให้กระทรวง Y: the government (not an entity) assigned, not X."""
    ministry = "กระทรวงวัฒนธรรม"
    for subject in ("รัฐบาล", "รัฐบาลจึง", "ที่ประชุมได้"):
        text = f"{A} {A_POS} ร่วมชมการซ้อมริ้วขบวน ซึ่ง{subject}มอบหมายให้{ministry}จัดกิจกรรมขึ้น"
        ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (ministry, "AGENCY"))
        assert pairs(text, ents, "DELEGATES_TO") == set(), subject
    text = f"{A} {A_POS} ร่วมชมการซ้อมริ้วขบวน และได้มอบหมายให้{ministry}จัดกิจกรรมขึ้น"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (ministry, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, ministry)}


def test_relations_succession_is_not_standing_in():
    """แต่งตั้ง X … แทน Y …เดิมที่ลาออก: X succeeds Y, who has left; Y delegates nothing."""
    role = "กรรมการผู้ทรงคุณวุฒิ"
    for departed in ("เดิมที่ลาออก", " ที่พ้นจากตำแหน่งเนื่องจากครบวาระ"):
        text = f"คณะรัฐมนตรีมีมติอนุมัติแต่งตั้ง {B} เป็น{role} แทน {C} {role}{departed} ทั้งนี้ ตั้งแต่วันที่ 1 ตุลาคม"
        ents = mark(text, (B, "PERSON"), (role, "POSITION"), (C, "PERSON"))
        assert pairs(text, ents, "DELEGATES_TO") == set(), departed
    # an office taken over from someone
    text = f"สำหรับ {B} ที่เข้าไปรับตำแหน่งผู้อำนวยการแทน{C} เป็นคนในพื้นที่"
    ents = mark(text, (B, "PERSON"), ("ผู้อำนวยการ", "POSITION"), (C, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # a stand-in at a ceremony still stands in, also after the office they hold
    text = f"{B} ซึ่งดำรงตำแหน่ง{B_POS} เป็นประธานในพิธีแทน{A_POS}"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B)}
    text = f"{B} {B_POS} เป็นประธานในพิธีแทน {A} {A_POS} ณ ศาลากลางจังหวัดน่าน"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_tan_at_a_line_end_or_in_repaying_is_not_on_behalf():
    """แทน ending a line (…5 วันแทน⏎รองนายกรัฐมนตรี…) means "instead"; ตอบแทน means "repay"."""
    text = f"ผู้ป่วยอาการน้อย ให้ดูแลตนเอง 5 วันแทน\n{A_POS} ประชุมคณะกรรมการโรคติดต่อจังหวัด {B} {B_POS} เข้าร่วม"
    ents = mark(text, (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    text = f"{B} {B_POS} กล่าวว่า ขอตอบแทน{A_POS} ที่ให้โอกาส"
    ents = mark(text, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_sentences_are_not_cut_inside_a_name():
    """The sentence splitter breaks at a double space, which some names carry between given
    name and surname; the rules read the two halves as one sentence."""
    from thaigov_ner.relations.context import joined_over_entities
    from thaigov_ner.text import sentence_spans

    name = "นายประสิทธิ์\xa0 แก้วมณี"
    text = f"การมอบหมายและมอบอำนาจให้ รองนายกรัฐมนตรี ({name}) ปฏิบัติราชการแทนนายกรัฐมนตรี"
    ents = mark(text, ("รองนายกรัฐมนตรี", "POSITION"), (name, "PERSON"), ("นายกรัฐมนตรี", "POSITION"))
    assert len(sentence_spans(text, "spaces")) == 2
    assert joined_over_entities(sentence_spans(text, "spaces"), ents) == [(0, len(text))]
    assert pairs(text, ents, "DELEGATES_TO") == {("นายกรัฐมนตรี", name)}


def test_relations_soft_hyphen_is_invisible_like_a_zero_width_space():
    """U+00AD (9 of the 12,000 articles) is removed by normalisation; the rules read it as a space too."""
    text = f"{A} {A_POS} มอบหมายให้ {B}\u00ad {C}\u00ad {C_POS} ลงพื้นที่ตรวจสอบ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C)}


def test_relations_co_assignee_after_an_office_held_in_a_role():
    role = "ผู้อำนวยการศูนย์ปฏิบัติการส่วนหน้า"
    text = f"{A} {A_POS} มอบหมายให้ {B} {B_POS} ในฐานะ{role} และ {C} {C_POS} ร่วมกันลงพื้นที่ฟื้นฟู"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (role, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C)}
    # the role is not a second assignee
    assert (A, role) not in pairs(text, ents, "DELEGATES_TO")


def test_relations_jueng_clause_shares_the_subject_of_the_earlier_assignment():
    # ตนได้มอบหมายให้ B … จึงได้สั่งการให้ C: "so (I) ordered C", not B
    text = (f"{A} {A_POS} เปิดเผยว่า ตนได้มอบหมายให้{B} {B_POS} ตรวจสอบข้อมูลพบว่ามีที่อยู่จริง "
            f"จึงได้สั่งการให้{C} {C_POS} นำกำลังเข้าตรวจค้น")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, C)}
    # decoy: the subject written before จึง is the one who ordered
    text = (f"{A} {A_POS} มอบหมายให้{B} {B_POS} ตรวจสอบข้อมูล {B_POS} จึงได้สั่งการให้{C} {C_POS} "
            f"นำกำลังเข้าตรวจค้น")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (B_POS, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (B_POS, C)}


def test_relations_holds_an_office_one_is_made_chair_of():
    chair = "ประธานคณะทำงานเฉพาะกิจ"
    text = f"โดยมี {A} {A_POS} เป็น{chair} และได้มอบหมายให้ {B} {B_POS} เป็นหัวหน้าชุดปฏิบัติการ"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (chair, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(A, A_POS), (A, chair), (B, B_POS)}
    # so the chair who assigned is the person, not the office
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
    # เป็น with a word between is no apposition
    text = f"{A} {A_POS} เป็นผู้เสนอชื่อ{chair}"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (chair, "POSITION"))
    assert pairs(text, ents, "HOLDS_POSITION") == {(A, A_POS)}


def test_relations_pronoun_in_a_quote_that_runs_over_paragraphs_resolves_to_its_speaker():
    text = (f"{A} {A_POS} กล่าวว่า “ปีนี้จังหวัดจะเร่งส่งเสริม “ตลาดนำการผลิต” ให้ทั่วถึง\n"
            f"ความร่วมมือนี้เป็นของกรมการค้าภายในและกรมส่งเสริมการเกษตร โดยผมได้มอบให้{B} เป็นผู้ลงนามในวันนี้”")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("กรมการค้าภายใน", "AGENCY"),
                ("กรมส่งเสริมการเกษตร", "AGENCY"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
    # a “ misused as a closing mark opens no quote: with no speech verb either, the pronoun names
    # nobody, and nobody is linked
    decoy = text.replace("กล่าวว่า “ปีนี้", "ชม “ตลาดใหม่“ ปีนี้").replace("”", "")
    ents = mark(decoy, (A, "PERSON"), (A_POS, "POSITION"), ("กรมการค้าภายใน", "AGENCY"),
                ("กรมส่งเสริมการเกษตร", "AGENCY"), (B, "PERSON"))
    assert pairs(decoy, ents, "DELEGATES_TO") == set()
    # a speech verb without ว่า (กล่าวถึง) in the paragraph before names who says ผม
    spoken = decoy.replace("ชม “ตลาดใหม่“", "กล่าวถึง “ตลาดใหม่“")
    assert pairs(spoken, mark(spoken, (A, "PERSON"), (A_POS, "POSITION"), ("กรมการค้าภายใน", "AGENCY"),
                              ("กรมส่งเสริมการเกษตร", "AGENCY"), (B, "PERSON")), "DELEGATES_TO") == {(A, B)}
    # with no speech cue, whoever says ผม is the nearest person, never an organisation
    unquoted = f"{A} {A_POS} ยังกล่าวถึงกรมการค้าภายใน ผมได้สั่งการให้{B} เร่งตรวจสอบราคาสินค้า"
    ents = mark(unquoted, (A, "PERSON"), (A_POS, "POSITION"), ("กรมการค้าภายใน", "AGENCY"), (B, "PERSON"))
    assert pairs(unquoted, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_pronoun_inside_a_longer_word_is_no_pronoun():
    # ตน in เจตนารมณ์ and ท่าน in เท่านั้น are not pronouns: the ministry, the nearest party, assigned
    text = ("กระทรวงสาธารณสุขได้ส่งหนังสือแสดงเจตนารมณ์เท่านั้น และได้มอบหมายให้สถาบันวัคซีนแห่งชาติ "
            "เร่งประสานผู้ผลิตวัคซีน")
    ents = mark(text, ("กระทรวงสาธารณสุข", "AGENCY"), ("สถาบันวัคซีนแห่งชาติ", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงสาธารณสุข", "สถาบันวัคซีนแห่งชาติ")}


def test_relations_sudtai_after_a_space_opens_a_clause_with_its_subject_unsaid():
    text = (f"{A} {A_POS} กล่าวว่า ได้ย้ำให้สำนักงานอุตสาหกรรมจังหวัดน่าน ประสานหน่วยงาน เช่น ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 9 "
            f"เพื่อพัฒนาผลิตภัณฑ์ สุดท้ายได้มอบหมายให้{B} เชิญชวนผู้ประกอบการสมัครเข้ารับการคัดเลือก")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("สำนักงานอุตสาหกรรมจังหวัดน่าน", "AGENCY"),
                ("ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 9", "AGENCY"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}
    # glued to a noun, สุดท้าย ends it (ชั้นปีสุดท้าย): the clause goes on, and its nearest party assigns
    glued = f"{A} {A_POS} ได้นำนักศึกษาชั้นปีสุดท้ายมาช่วย และได้มอบหมายให้{B} ดูแลนักศึกษา"
    ents = mark(glued, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"))
    assert pairs(glued, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_kanadiaokan_shares_the_subject_of_the_earlier_order():
    text = (f"{A} {A_POS} ได้สั่งการกระทรวงกลาโหมเข้ามาช่วยดูแลประชาชน ขณะเดียวกันก็มอบหมายให้{B} "
            "สร้างเครือข่ายเฝ้าระวังในชุมชน")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("กระทรวงกลาโหม", "AGENCY"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, "กระทรวงกลาโหม"), (A, B)}


def test_relations_a_party_one_coordinates_with_assigns_nothing():
    # …สั่งการให้ B ประสาน<หน่วย X> … ได้มอบหมายให้ C: X is coordinated with; the speaker assigns C
    unit = "หน่วยพัฒนาการเคลื่อนที่ 22"
    text = (f"{A_POS} กล่าวว่า ตนได้สั่งการให้{B} ประสาน{unit} นำสะพานชั่วคราวมาติดตั้ง "
            f"ในส่วนของอำเภอท่าวังผา ได้มอบหมายให้{C} ซ่อมแซมถนน")
    ents = mark(text, (A_POS, "POSITION"), (B, "PERSON"), (unit, "AGENCY"), (C, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, B), (A_POS, C)}


def test_relations_the_said_subject_assigns():
    # …โดยมติ ครม. ดังกล่าว ได้มอบหมายให้ X: the cabinet named before ดังกล่าว, not the speaker
    text = (f"{A} {A_POS} กล่าวว่า ภาครัฐให้การอุดหนุนค่าเบี้ยประกันภัย โดยมติครม. ดังกล่าว ได้มอบหมายให้{NAN_OFFICE} "
            "ปรับปรุงอัตราเบี้ยประกันภัย")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("ครม.", "AGENCY"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {("ครม.", NAN_OFFICE)}


def test_relations_phromkap_shares_the_subject_of_the_earlier_assignment():
    # …ได้มอบหมายให้ B … เช่น <examples> เป็นต้น พร้อมกับมอบ C …: A gave both; not the examples
    text = (f"{A} {A_POS} ได้มอบหมายให้{B} สำรวจระบบไฟฟ้า ให้ประสานหน่วยงานข้างเคียง เช่น การไฟฟ้าส่วนภูมิภาค "
            f"เป็นต้น พร้อมกับมอบ {NAN_OFFICE} หาแนวทางแก้ไข")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), ("การไฟฟ้าส่วนภูมิภาค", "AGENCY"),
                (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, NAN_OFFICE)}


def test_relations_numbered_item_takes_the_subject_of_the_list():
    text = (f"นอกจากนี้ {A_POS}ยังได้มอบนโยบายให้หน่วยงานในสังกัดกระทรวงมหาดไทยปรับการทำงาน อาทิ "
            f"1) สำรวจพื้นที่เสี่ยง 2) ลงพื้นที่พูดคุยกับประชาชน 3) มอบหมายกรมป้องกันและบรรเทาสาธารณภัยทำจุดกักเก็บน้ำ")
    ents = mark(text, (A_POS, "POSITION"), ("กระทรวงมหาดไทย", "AGENCY"), ("กรมป้องกันและบรรเทาสาธารณภัย", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, "กรมป้องกันและบรรเทาสาธารณภัย")}


def test_relations_royals_and_senior_monks_are_never_delegatees():
    text = (f"{A} {A_POS} ได้ลงนามถวายพระพรชัยมงคล เบื้องหน้าพระฉายาลักษณ์สมเด็จพระนางเจ้าฯ พระบรมราชินี "
            "ในนาม กระทรวงการท่องเที่ยวและกีฬา")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("สมเด็จพระนางเจ้าฯ พระบรมราชินี", "PERSON"),
                ("กระทรวงการท่องเที่ยวและกีฬา", "AGENCY"))
    # the queen before ในนาม stands in for nobody: the one who signs, who leads the sentence, does
    assert pairs(text, ents, "DELEGATES_TO") == {("กระทรวงการท่องเที่ยวและกีฬา", A)}
    # one who is not royal, in the same place, stands in
    commoner = text.replace("สมเด็จพระนางเจ้าฯ พระบรมราชินี", C)
    ents = mark(commoner, (A, "PERSON"), (A_POS, "POSITION"), (C, "PERSON"), ("กระทรวงการท่องเที่ยวและกีฬา", "AGENCY"))
    assert pairs(commoner, ents, "DELEGATES_TO") == {("กระทรวงการท่องเที่ยวและกีฬา", C)}


def test_relations_spokesperson_reports_and_is_never_the_default_delegator():
    spokes, spokes_pos = "นางสาวรัชดา ธนาดิเรก", "รองโฆษกประจำสำนักนายกรัฐมนตรี"
    # the speaker fallback: a spokesperson reports the cabinet's assignment; nobody named assigned
    text = (f"{spokes} {spokes_pos} เปิดเผยว่า ที่ประชุมเห็นชอบมาตรการลดค่าไฟฟ้า "
            "และมอบหมายให้กระทรวงพลังงานดำเนินการต่อไป")
    ents = mark(text, (spokes, "PERSON"), (spokes_pos, "POSITION"), ("กระทรวงพลังงาน", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # the previous-sentence fallback: the first party of that sentence who is not the spokesperson
    head = (f"{spokes_pos}เผย “นายกฯ” ชื่นชมประชาชน\nพร้อมมอบหมายให้กระทรวงสาธารณสุขเตรียมปรับการให้บริการ")
    ents = mark(head, (spokes_pos, "POSITION"), ("นายกฯ", "POSITION"), ("กระทรวงสาธารณสุข", "AGENCY"))
    assert pairs(head, ents, "DELEGATES_TO") == {("นายกฯ", "กระทรวงสาธารณสุข")}


def test_relations_purpose_clause_assigns_nobody_but_a_stand_in_after_puea_stands_in():
    text = f"{A} {A_POS} ได้คัดเลือกชุมชนต้นแบบแล้ว เพื่อมอบหมายให้ศูนย์คุณธรรม ถอดบทเรียนต่อไป"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("ศูนย์คุณธรรม", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    made = text.replace("เพื่อมอบหมายให้", "และได้มอบหมายให้")
    ents = mark(made, (A, "PERSON"), (A_POS, "POSITION"), ("ศูนย์คุณธรรม", "AGENCY"))
    assert pairs(made, ents, "DELEGATES_TO") == {(A, "ศูนย์คุณธรรม")}
    stand_in = f"{B} {B_POS} เข้าร่วมการประชุมอาเซียน เพื่อเป็นผู้แทนกระทรวงมหาดไทย"
    ents = mark(stand_in, (B, "PERSON"), (B_POS, "POSITION"), ("กระทรวงมหาดไทย", "AGENCY"))
    assert pairs(stand_in, ents, "DELEGATES_TO") == {("กระทรวงมหาดไทย", B)}


def test_relations_previous_sentence_whose_first_party_is_an_assignee_gives_no_subject():
    # item 3's subject is unnamed (ที่ประชุม) and its first party is an assignee, so item 4's elided
    # subject is not that party
    item3 = ("3.การส่งออกไปอินเดียติดขัดเพราะการตรวจสอบรายโรงงาน ที่ประชุมมอบให้กระทรวงพาณิชย์โดยกรมการค้าภายใน"
             "หารือทางไกลในสัปดาห์นี้ให้สะดวกรวดเร็วและเป็นประโยชน์กับทั้งสองฝ่ายมากขึ้น\n")
    item4 = ("4.การส่งออกรถยนต์ใหม่ยังติดขัดเรื่องทะเบียนซึ่งเป็นปัญหาอุปสรรคในการส่งออกมาโดยตลอด "
             "ได้มอบให้กรมการค้าต่างประเทศไปหารือกับหน่วยงานที่เกี่ยวข้องต่อไป")
    text = item3 + item4
    ents = mark(text, ("กระทรวงพาณิชย์", "AGENCY"), ("กรมการค้าภายใน", "AGENCY"), ("กรมการค้าต่างประเทศ", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # a named subject of item 3 is lent to item 4
    named = text.replace("ที่ประชุมมอบให้", f"{A} มอบให้")
    ents = mark(named, (A, "PERSON"), ("กระทรวงพาณิชย์", "AGENCY"), ("กรมการค้าภายใน", "AGENCY"),
                ("กรมการค้าต่างประเทศ", "AGENCY"))
    assert (A, "กรมการค้าต่างประเทศ") in pairs(named, ents, "DELEGATES_TO")


def test_relations_representatives_listed_after_offices_stand_in_for_nobody_named():
    # a list of attendees: offices, then unnamed representatives of others
    text = ("โดยมีปลัดกระทรวงการคลัง ปลัดกระทรวงพาณิชย์ ผู้แทนเลขาธิการคณะกรรมการส่งเสริมการลงทุน "
            "ผู้แทนผู้ว่าการการนิคมอุตสาหกรรมแห่งประเทศไทย และกรรมการผู้ทรงคุณวุฒิ ร่วมประชุม")
    offices = ("ปลัดกระทรวงการคลัง", "ปลัดกระทรวงพาณิชย์", "เลขาธิการคณะกรรมการส่งเสริมการลงทุน",
               "ผู้ว่าการการนิคมอุตสาหกรรมแห่งประเทศไทย")
    ents = mark(text, *((o, "POSITION") for o in offices))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # in apposition (one representative) the office before it stands in
    one = f"{B} {B_POS} ผู้แทน{A_POS} ร่วมประชุม"
    ents = mark(one, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(one, ents, "DELEGATES_TO") == {(A_POS, B)}


def test_relations_unnamed_members_who_represent_a_ministry_are_no_stand_in():
    text = (f"{A} {A_POS} เป็นประธานการประชุมคณะกรรมการควบคุมการเรี่ยไร โดยมี {B} {B_POS} "
            "และคณะกรรมการซึ่งเป็นผู้แทนกระทรวงกลาโหม กระทรวงการคลัง ร่วมประชุม")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                ("กระทรวงกลาโหม", "AGENCY"), ("กระทรวงการคลัง", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # a named member who represents it does stand in
    named = f"{B} {B_POS} ซึ่งเป็นผู้แทนกระทรวงกลาโหม เข้าร่วมการประชุมคณะกรรมการควบคุมการเรี่ยไร"
    ents = mark(named, (B, "PERSON"), (B_POS, "POSITION"), ("กระทรวงกลาโหม", "AGENCY"))
    assert pairs(named, ents, "DELEGATES_TO") == {("กระทรวงกลาโหม", B)}


def test_relations_in_the_name_of_an_own_office_or_a_name_is_no_stand_in():
    # ในนาม right after the one who acts, before an office: in the capacity of one's own office
    text = f"{A} {A_POS} ในนามผู้อำนวยการศูนย์ปฏิบัติการจังหวัด ได้สั่งการให้{B} เร่งช่วยเหลือผู้ประสบภัย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("ผู้อำนวยการศูนย์ปฏิบัติการจังหวัด", "POSITION"), (B, "PERSON"))
    assert not {r.trigger for r in extract_relations(text, ents)} & {"ในนาม"}
    # ในนามของ another office is standing in for it
    behalf = f"{B} {B_POS} ในนามของ{A_POS} กล่าวต้อนรับคณะศึกษาดูงาน"
    ents = mark(behalf, (B, "PERSON"), (B_POS, "POSITION"), (A_POS, "POSITION"))
    assert pairs(behalf, ents, "DELEGATES_TO") == {(A_POS, B)}
    # known as, under the name of: naming, not representing
    named = f"{A} {A_POS} เยี่ยมโรงเรียนบ้านดอนซึ่งเป็นที่รู้จักในนามศูนย์การเรียนรู้ชุมชน"
    ents = mark(named, (A, "PERSON"), (A_POS, "POSITION"), ("ศูนย์การเรียนรู้ชุมชน", "AGENCY"))
    assert pairs(named, ents, "DELEGATES_TO") == set()


def test_relations_unnamed_subject_opening_the_clause_leaves_later_parties_unassigning():
    text = (f"{A} {A_POS} กล่าวว่า ในด้านกำลังคน ที่ประชุมได้เห็นชอบข้อเสนอของสถาบันพระบรมราชชนก "
            "โดยสัดส่วนพยาบาลที่องค์การอนามัยโลกแนะนำ คือ 1 ต่อ 270 และมอบหมายให้ สภาการพยาบาลไปจัดทำรายละเอียด")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("สถาบันพระบรมราชชนก", "AGENCY"),
                ("องค์การอนามัยโลก", "AGENCY"), ("สภาการพยาบาล", "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # a named subject right before the trigger still assigns
    named = text.replace("และมอบหมายให้", "กระทรวงสาธารณสุขจึงมอบหมายให้")
    ents = mark(named, (A, "PERSON"), (A_POS, "POSITION"), ("สถาบันพระบรมราชชนก", "AGENCY"),
                ("องค์การอนามัยโลก", "AGENCY"), ("กระทรวงสาธารณสุข", "AGENCY"), ("สภาการพยาบาล", "AGENCY"))
    assert pairs(named, ents, "DELEGATES_TO") == {("กระทรวงสาธารณสุข", "สภาการพยาบาล")}


def test_relations_bare_tan_stands_for_the_one_named_before_it_not_the_speaker():
    # the speaker says ผม of himself; ท่าน is the superior he spoke of
    text = (f"{C} กล่าวว่า {A} {A_POS} ห่วงใยผู้ประสบภัยทุกคน ในวันนี้ท่านจึงได้มอบหมายให้ผม"
            "มาตรวจเยี่ยมพื้นที่")
    ents = mark(text, (C, "PERSON"), (A, "PERSON"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, C)}
    text = (f"{C} กล่าวว่า {A} {A_POS} และ{B} {B_POS} ห่วงใยผู้ประสบภัย ท่านได้กำชับให้{NAN_OFFICE}"
            "เร่งช่วยเหลือ")
    ents = mark(text, (C, "PERSON"), (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"),
                (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE), (B, NAN_OFFICE)}


def test_relations_khana_diaokan_opens_a_clause_the_party_before_it_does_not_assign():
    # ขณะเดียวกัน (meanwhile) opens a clause whose subject is left unsaid: the body in the
    # ที่-clause before it did not assign
    text = (f"{A} {A_POS} แสดงความยินดีที่{NAN_OFFICE}ได้รับรางวัลดีเด่น ขณะเดียวกันได้มอบหมายให้{B} {B_POS} "
            "ประสานงานต่อไป")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (B, "PERSON"), (B_POS, "POSITION"))
    assert (NAN_OFFICE, B) not in pairs(text, ents, "DELEGATES_TO")


def test_relations_the_one_whose_order_it_was_assigns():
    # ตามข้อสั่งการของ X … จึงได้มอบหมายให้ Y: ของ here names who ordered, not an object
    text = (f"ซึ่งมี{C} {C_POS} ให้การต้อนรับ\nการลงพื้นที่ครั้งนี้เป็นไปตามข้อสั่งการของ {A} ที่มีความห่วงใย"
            f"ประชาชน จึงได้มอบหมายให้{B} {B_POS} ลงพื้นที่เยี่ยมเยียน")
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (A, "PERSON"), (B, "PERSON"), (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_unnamed_subject_with_particles_in_reported_speech_gives_nothing():
    text = f"{A} กล่าวว่า จากสถานการณ์ภัยแล้งที่ผ่านมา รัฐบาลจึงได้มอบหมายให้{NAN_OFFICE}เร่งช่วยเหลือ"
    ents = mark(text, (A, "PERSON"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_relative_clause_after_an_affiliation_is_about_the_official():
    # นาย X ตำแหน่ง กระทรวง Y ที่สั่งการให้ Z: the ministry is X's affiliation; X ordered
    text = f"จากนโยบายของ {A} {A_POS} กระทรวงมหาดไทย ที่สั่งการให้{NAN_OFFICE} ตรวจสอบพื้นที่"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), ("กระทรวงมหาดไทย", "AGENCY"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}


def test_relations_a_party_joined_to_an_object_is_an_object_too():
    # ประสานกับ A และ B: B is coordinated with, like A; the subject before them ordered
    text = (f"{C} {C_POS} ในฐานะผู้รับผิดชอบการประสานกับ{A_POS}และผู้ว่าราชการกรุงเทพมหานคร "
            f"ได้สั่งการไปยัง{B_POS}ทุกอำเภอ ให้เร่งดำเนินการ")
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (A_POS, "POSITION"), ("ผู้ว่าราชการกรุงเทพมหานคร", "POSITION"),
                (B_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(C, B_POS)}


def test_relations_representative_between_two_offices_is_a_list_item():
    # …ขึ้นสู่เวที นายกรัฐมนตรี ผู้แทนประธานรัฐสภา ประธานศาลฎีกา…: attendees, the PM stands in for nobody
    text = "จากนั้น ขึ้นสู่เวที นายกรัฐมนตรี ผู้แทนประธานรัฐสภา ประธานศาลฎีกา วางพานพุ่ม"
    ents = mark(text, ("นายกรัฐมนตรี", "POSITION"), ("ประธานรัฐสภา", "POSITION"), ("ประธานศาลฎีกา", "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # a named representative keeps the office after his own title
    text = f"{A} ผู้แทนปลัดกระทรวงสาธารณสุข ผู้ทรงคุณวุฒิด้านควบคุมโรค ลงพื้นที่ตรวจเยี่ยม"
    ents = mark(text, (A, "PERSON"), ("ปลัดกระทรวงสาธารณสุข", "POSITION"), ("ผู้ทรงคุณวุฒิด้านควบคุมโรค", "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {("ปลัดกระทรวงสาธารณสุข", A)}


def test_relations_an_office_of_someone_reported_from_does_not_make_him_the_speaker():
    # ได้รับเรื่องร้องเรียนจาก นาย X สส. ว่า…: X complained; the one who says it and orders is the minister
    text = (f"{A} {A_POS} เปิดเผยว่า ตามที่ได้รับเรื่องร้องเรียนจาก {B} {B_POS} ว่า มีโรงงานลักลอบฝังกลบของเสีย "
            f"จึงได้สั่งการให้{NAN_OFFICE} ลงพื้นที่ตรวจสอบ")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, NAN_OFFICE)}


def test_relations_successor_of_one_who_left_the_cabinet_stands_in_for_nobody():
    text = (f"ที่ประชุมมีมติเห็นชอบแต่งตั้ง {B} เป็นประธานคณะอนุกรรมการแก้ไขปัญหาที่ดิน แทน {A} "
            "ที่พ้นจากความเป็นรัฐมนตรี")
    ents = mark(text, (B, "PERSON"), ("ประธานคณะอนุกรรมการแก้ไขปัญหาที่ดิน", "POSITION"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_the_office_of_one_reported_from_is_not_the_clause_subject():
    text = (f"{A} {A_POS} เปิดเผยว่า ได้รับรายงานจาก {B} {B_POS} ถึงความคืบหน้าการช่วยเหลือผู้ประสบภัย "
            f"โดยมอบหมาย {C} {C_POS} ติดตามสถานการณ์")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"), (C, "PERSON"),
                (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, C)}


def test_relations_the_meeting_that_opens_a_clause_assigns_what_follows_unnamed():
    # ที่ประชุมได้เห็นชอบ… โดยมอบหมายให้ X: the meeting assigned; not its chair in the sentence before
    text = (f"{A} {A_POS} เป็นประธานการประชุมคณะกรรมการพัฒนาจังหวัด\n"
            f"ที่ประชุมได้เห็นชอบแนวทางการขจัดความยากจน โดยมอบหมายให้{NAN_OFFICE}เร่งจัดตั้งศูนย์ปฏิบัติการ")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    text = f"{A} {A_POS} กล่าวว่า โดยที่ประชุมฯ ได้มอบให้{NAN_OFFICE} ดำเนินการในส่วนที่เกี่ยวข้อง"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == set()
    # …รวมทั้งมอบหมายให้ ข shares the meeting's unnamed subject, not a party named in between
    text = (f"{A} {A_POS} กล่าวว่า โดยที่ประชุมฯ ได้มอบให้{NAN_OFFICE} ดำเนินการและเสนอคณะรัฐมนตรีต่อไป "
            f"รวมทั้งมอบหมายให้{C_POS} กำหนดแนวทางปฏิบัติ")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), ("คณะรัฐมนตรี", "AGENCY"),
                (C_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == set()


def test_relations_a_list_of_companions_ends_with_its_paragraph():
    # the one who opens the next paragraph speaks; she is not still in the list of companions above
    text = (f"โดยมี{A} {A_POS} และ{C} {C_POS} ร่วมเป็นเกียรติ\n"
            f"{C} {C_POS} กล่าวว่า ในนามของ{NAN_OFFICE} ขอขอบคุณทุกภาคส่วน")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (C, "PERSON"), (C_POS, "POSITION"), (C, "PERSON"),
                (C_POS, "POSITION"), (NAN_OFFICE, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(NAN_OFFICE, C)}


def test_relations_an_office_that_speaks_after_a_closing_quote_is_the_speaker():
    # “… ผมได้มอบหมาย X …” ผู้ว่าราชการจังหวัดน่าน กล่าว: the office names who says ผม, not the person
    # of the paragraph before
    text = (f"{C} {C_POS} ร่วมประชุมติดตามสถานการณ์น้ำ\n"
            f"“ผมได้มอบหมายให้{NAN_OFFICE} เร่งสำรวจความเสียหาย” {A_POS} กล่าว")
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, NAN_OFFICE)}
    # an office after a quote that closes a title, with no speech verb after it, speaks nothing
    title = (f"{C} {C_POS} ร่วมประชุมติดตามสถานการณ์น้ำ\n"
             f"“ผมได้มอบหมายให้{NAN_OFFICE} เร่งสำรวจความเสียหาย” {A_POS} ได้รับรางวัล")
    ents = mark(title, (C, "PERSON"), (C_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (A_POS, "POSITION"))
    assert (A_POS, NAN_OFFICE) not in pairs(title, ents, "DELEGATES_TO")


def test_relations_a_group_word_after_a_joiner_closes_a_list_of_assignees():
    # …นาย X รองผู้ว่าฯ สำนักงาน ก สำนักงาน ข และหน่วยงานที่เกี่ยวข้อง: the offices after the deputy are
    # further assignees, not where the deputy works
    health, works = "สำนักงานสาธารณสุขจังหวัดน่าน", "สำนักงานโยธาธิการและผังเมืองจังหวัดน่าน"
    text = f"{A} {A_POS} ได้สั่งการให้ {B} {B_POS} {health} {works} และหน่วยงานที่เกี่ยวข้องเร่งช่วยเหลือผู้ประสบภัย"
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"), (health, "AGENCY"),
                (works, "AGENCY"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B), (A, health), (A, works)}
    # one organisation after the office, with no group word closing a list, is its affiliation
    single = f"{A} {A_POS} ได้สั่งการให้ {B} {B_POS} {health} เร่งช่วยเหลือผู้ประสบภัย"
    ents = mark(single, (A, "PERSON"), (A_POS, "POSITION"), (B, "PERSON"), (B_POS, "POSITION"), (health, "AGENCY"))
    assert pairs(single, ents, "DELEGATES_TO") == {(A, B)}


def test_relations_a_title_quoted_inside_a_quote_does_not_close_it():
    # “ผม… เว็บไซต์ “ไทยมีงานทำ” โดยผมได้มอบหมาย…” นาย X กล่าว: the speech is still open after the title
    text = (f"{A} {A_POS} ลงพื้นที่ตรวจเยี่ยม\n"
            f"“ยินดีที่มีเว็บไซต์ “ไทยมีงานทำ” โดยผมได้มอบหมายให้{NAN_OFFICE}เป็นผู้ดูแล” {B} กล่าว")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(B, NAN_OFFICE)}


def test_relations_a_title_quoted_after_the_trigger_does_not_close_the_speech():
    # “ผมได้มอบหมายให้… โครงการ “ไทยมีงานทำ” ร่วมกับ นาย Y” นาย X กล่าว: X speaks, not Y named inside
    text = (f"{A} {A_POS} ลงพื้นที่ตรวจเยี่ยม\n"
            f"“ผมได้มอบหมายให้{NAN_OFFICE}ดูแลโครงการ “ไทยมีงานทำ” ร่วมกับ{C}” {B} กล่าว")
    ents = mark(text, (A, "PERSON"), (A_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (C, "PERSON"), (B, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(B, NAN_OFFICE)}


def test_relations_a_quote_over_paragraphs_is_spoken_by_who_is_named_after_it_closes():
    # “ได้มอบหมาย… / …” ผู้ว่าฯ กล่าว: the quote opens a paragraph and closes in a later one
    text = (f"{C} {C_POS} ร่วมประชุมติดตามสถานการณ์น้ำ\n"
            f"“ได้มอบหมายให้{NAN_OFFICE} เร่งสำรวจความเสียหาย\n"
            f"ทั้งนี้ ขอให้ประชาชนติดตามข่าวสารอย่างใกล้ชิด” {A_POS} กล่าว")
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (A_POS, "POSITION"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A_POS, NAN_OFFICE)}
    # with no speech verb after the office, the quote names no speaker
    unsaid = text.replace(f"{A_POS} กล่าว", f"{A_POS} ได้รับรางวัล")
    ents = mark(unsaid, (C, "PERSON"), (C_POS, "POSITION"), (NAN_OFFICE, "AGENCY"), (A_POS, "POSITION"))
    assert (A_POS, NAN_OFFICE) not in pairs(unsaid, ents, "DELEGATES_TO")


def test_relations_a_straight_quoted_word_inside_speech_does_not_close_it():
    # "ตนได้สั่งการ X … แบบ "ยาฝรั่ง" … ตามแนวพระราชดำริของ<the king>…" นาย Y กล่าว: Y speaks, not the king
    king = "พระบาทสมเด็จพระเจ้าอยู่หัว"
    text = (f'{C} {C_POS} ร่วมมอบถุงยังชีพ\n"ตนได้สั่งการ{B_POS} ลงพื้นที่ตรวจเยี่ยม เป็นการช่วยเหลือแบบ "ยาฝรั่ง" '
            f'โดยน้อมนำแนวพระราชดำริของ{king}" {A} กล่าว')
    ents = mark(text, (C, "PERSON"), (C_POS, "POSITION"), (B_POS, "POSITION"), (king, "PERSON"), (A, "PERSON"))
    assert pairs(text, ents, "DELEGATES_TO") == {(A, B_POS)}
