"""Pre-annotate the selected excerpts with rules and gazetteers, writing the
initial annotation files ``corpus/thaigov/ann/<split>/<doc id>.txt``.

    python scripts/corpus_preannotate.py                 # writes files that do not exist yet
    python scripts/corpus_preannotate.py --ids thaigov-46034-0 --overwrite
    python scripts/corpus_preannotate.py --engine model   # the shipped model and rule layer instead

Existing files are never overwritten unless ``--overwrite`` is given, and a file
whose PRE-ANNOTATED line was removed (checked by hand) is never overwritten.
Every output carries the PRE-ANNOTATED header line: the annotator deletes it
once every span and relation has been checked.

The finders run in priority order (DATE, AMOUNT, PERSON, POSITION, VENUE,
AGENCY, LOCATION); a span overlapping an earlier-found span is dropped, so an
agency or province inside a position title stays part of the POSITION, as
SCHEMA.md asks. Relations are simple guesses: apposition for HOLDS_POSITION,
the nearest official before and the first one after a cue for DELEGATES_TO.

``--engine model`` pre-annotates with the shipped model and the package's rule layer
instead (used for the 160-document train extension of session 4, once the model
existed); the annotator still reads and corrects every span and relation.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from functools import lru_cache
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_format import PRE_MARK, render  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "thaigov"

Span = tuple[int, int, str]
D = "[0-9๐-๙]"

# --- DATE ----------------------------------------------------------------------------

MONTHS = ("มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
          r"|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.")
WEEKDAY = r"วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?\s?"
YEAR = rf"(?:(?:พ\.ศ\.|ค\.ศ\.)\s?)?{D}{{4}}"
DATE_ATOMS = [
    rf"(?:{WEEKDAY}|วันที่\s?)?{D}{{1,2}}(?:\s?[-–]\s?{D}{{1,2}})?\s?(?:{MONTHS})(?:\s?{YEAR}|\s?{D}{{2}}(?![0-9๐-๙]))?",
    rf"(?:เดือน)?(?:{MONTHS})\s?{YEAR}",
    rf"{D}{{1,2}}[.:]{D}{{2}}\s?(?:น\.|นาฬิกา)(?:\s?[-–]\s?{D}{{1,2}}[.:]{D}{{2}}\s?(?:น\.|นาฬิกา))?",
    rf"ปีงบประมาณ\s?(?:พ\.ศ\.\s?)?{D}{{4}}(?:\s?[-–]\s?{D}{{4}})?",
    rf"(?:ปี|พ\.ศ\.|ค\.ศ\.)\s?(?:พ\.ศ\.\s?)?{D}{{4}}(?:\s?[-–]\s?{D}{{4}})?",
    rf"(?<![0-9๐-๙]){D}{{4}}\s?[-–]\s?{D}{{4}}(?![0-9๐-๙])",
]
DATE_RE = re.compile("|".join(f"(?:{a})" for a in DATE_ATOMS))
DATE_GLUE = re.compile(r"\s?(?:เวลา|ตั้งแต่เวลา)?\s?")


def find_dates(text: str) -> list[Span]:
    """Date and time atoms; a date and a clock time written together become one span."""
    atoms = [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
    merged: list[list[int]] = []
    for s, e in atoms:
        if merged and DATE_GLUE.fullmatch(text[merged[-1][1]:s]):
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e, "DATE") for s, e in merged]


# --- AMOUNT --------------------------------------------------------------------------

NUM = rf"{D}[0-9๐-๙,]*(?:\.{D}+)?"
MULT = r"(?:\s?(?:ล้านล้าน|ล้าน|แสน|หมื่น|พัน))?"
UNITS = ("ล้านบาท|บาท|ล้านบาท|ดอลลาร์สหรัฐ|ดอลลาร์|ยูโร|เยน|หยวน|คน|ราย|แห่ง|ครัวเรือน|หลังคาเรือน|ไร่|ตัน|กิโลกรัม|กิโลเมตร"
         "|ตารางเมตร|ลูกบาศก์เมตร|ลบ\\.ม\\.|เมกะวัตต์|ลิตร|เมตร|ชุด|ถุง|หลัง|เครื่อง|คัน|ลำ|โครงการ|หน่วยงาน|หน่วย"
         "|ตำบล|หมู่บ้าน|จังหวัด|อำเภอ|ชุมชน|กลุ่ม/ราย|กลุ่ม|ผลิตภัณฑ์|ตัว|ขวด|ชิ้น|ครั้ง|เป้าหมาย|ฉบับ|คะแนน|โดส|เข็ม"
         "|แปลง|ทุน|เส้น|สาย|ประเทศ|องค์กร|บริษัท|ราย|อัตรา|นาย|นาย|คดี|แผน|กิจกรรม|ศูนย์|โรงเรียน|แบบ|รายการ|เตียง")
AMOUNT_RE = re.compile(
    rf"ร้อยละ\s?{NUM}|{NUM}\s?(?:%|เปอร์เซ็นต์)|(?<![0-9๐-๙.,]){NUM}{MULT}\s?(?:{UNITS})"
    rf"|(?<![0-9๐-๙.,]){NUM}\s?(?:ล้านล้าน|ล้าน)\s?(?=บาท)บาท")


def find_amounts(text: str) -> list[Span]:
    return [(m.start(), m.end(), "AMOUNT") for m in AMOUNT_RE.finditer(text)]


# --- PERSON --------------------------------------------------------------------------

TITLES = sorted([
    "นางสาว", "นาง", "นาย", "น.ส.", "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "ดร.", "ผศ.ดร.", "รศ.ดร.", "ศ.ดร.",
    "ผศ.", "รศ.", "ศ.", "นพ.", "พญ.", "ทพ.", "นายแพทย์", "แพทย์หญิง", "ศาสตราจารย์", "รองศาสตราจารย์",
    "ผู้ช่วยศาสตราจารย์", "คุณหญิง", "ท่านผู้หญิง", "หม่อมราชวงศ์", "ม.ร.ว.", "ม.ล.",
    "พลเอก", "พลโท", "พลตรี", "พันเอก", "พันโท", "พันตรี", "ร้อยเอก", "ร้อยโท", "ร้อยตรี", "จ่าสิบเอก",
    "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี", "พันตำรวจเอก", "พันตำรวจโท", "พันตำรวจตรี",
    "พลเรือเอก", "พลเรือโท", "พลเรือตรี", "พลอากาศเอก", "พลอากาศโท", "พลอากาศตรี",
    "พล.อ.", "พล.ท.", "พล.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.", "จ.ส.อ.",
    "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "พล.ร.อ.", "พล.ร.ท.", "พล.อ.อ.", "พล.อ.ท.",
], key=len, reverse=True)
# นาย/นาง starting a word that is not a name: นายกรัฐมนตรี, นายอำเภอ, นางพยาบาล ...
NOT_NAME_AFTER_TITLE = ("ทะเบียน|ก(?:รัฐมนตรี|ฯ|เทศมนตรี|องค์การ|สมาคม|สภา|รัฐ|สโมสร)|อำเภอ|ทหาร|ตำรวจ|จ้าง|ทุน|หน้า|ช่าง"
                        "|ด่าน|สถานี|เวร|ประกัน|ห้าง|ร้อย|สิบ|กอง|ท่า|งาม|พยาบาล|ฟ้า|รำ|แบบ|ใน")
TITLE_RE = "(?:" + "|".join(re.escape(t) for t in TITLES) + ")"
PERSON_RE = re.compile(
    rf"(?<!ท)(?<!เจ้า)(?:{TITLE_RE}\s?)*(?:นาย|นางสาว|นาง|{TITLE_RE})\s?(?!{NOT_NAME_AFTER_TITLE})"
    rf"([ก-ฮเ-ไ][ก-๙]{{1,18}})(?![ก-๙])(?:[ \u00a0]{{1,2}}([ก-ฮเ-ไ][ก-๙]{{1,24}}))?")


def find_persons(text: str, known_names: set[str] = frozenset()) -> list[Span]:
    """Title + given name + surname; the surname is dropped when it reads as a title or verb.
    Also bare ``given surname`` pairs seen with a title elsewhere in the corpus (``known_names``)."""
    spans = []
    for m in PERSON_RE.finditer(text):
        end = m.end()
        if m.group(2):
            # a surname written flush with the title that follows: วงษ์สุวรรณ|รองนายกรัฐมนตรี
            head = POSITION_HEAD_RE.search(text, m.start(2) + 2, m.end(2))
            if head:
                end = head.start()
        if m.group(2) and (POSITION_HEAD_RE.match(m.group(2)) or STOP_RE.match(m.group(2))
                           or AGENCY_HEAD_RE.match(m.group(2))):
            end = m.end(1)
        spans.append((m.start(), end, "PERSON"))
    # the address word ท่าน / ท่านรอง is not part of the name: ท่าน|อนุทิน ชาญวีรกุล
    for m in re.finditer(r"ท่าน(?:รอง)?\s?(?!ผู้|นาย|นาง|รอง|จะ|ได้|ที่|ก็)([ก-ฮเ-ไ][ก-๙]+) ([ก-ฮเ-ไ][ก-๙]+)", text):
        if not (POSITION_HEAD_RE.match(m.group(2)) or STOP_RE.match(m.group(2))):
            spans.append((m.start(1), m.end(2), "PERSON"))
    for name in known_names:
        for m in re.finditer(rf"(?<![ก-๙.]){re.escape(name)}(?![ก-๙])", text):
            spans.append((m.start(), m.end(), "PERSON"))
    return spans


def titled_names(text: str) -> set[str]:
    """``given surname`` pairs written with a title, for the bare-name gazetteer."""
    return {f"{m.group(1)} {m.group(2)}" for m in PERSON_RE.finditer(text.replace("\u00a0", " "))
            if m.group(2) and not (POSITION_HEAD_RE.match(m.group(2)) or STOP_RE.match(m.group(2)))
            and len(m.group(1)) > 2 and len(m.group(2)) > 3}


# --- POSITION, AGENCY, VENUE, LOCATION: a head word extended over the rest of the word run ----

POSITION_HEADS = sorted([
    "ผู้ว่าราชการจังหวัด", "รองผู้ว่าราชการจังหวัด", "ผู้ว่าราชการกรุงเทพมหานคร", "ผู้ว่าฯ", "รองผู้ว่าฯ",
    "นายกรัฐมนตรี", "รองนายกรัฐมนตรี", "นายกฯ", "รัฐมนตรีว่าการกระทรวง", "รัฐมนตรีช่วยว่าการกระทรวง",
    "รัฐมนตรีประจำสำนักนายกรัฐมนตรี", "รัฐมนตรี", "ปลัดกระทรวง", "รองปลัดกระทรวง", "ปลัดจังหวัด", "ปลัดอำเภอ",
    "อธิบดี", "รองอธิบดี", "ผู้อำนวยการ", "รองผู้อำนวยการ", "ผอ.", "เลขาธิการ", "รองเลขาธิการ", "นายอำเภอ",
    "นายกเทศมนตรี", "นายกองค์การบริหารส่วน", "นายก อบจ.", "นายก อบต.", "ประธานกรรมการ", "ประธานสภา",
    "ประธานคณะกรรมการ", "รองประธาน", "โฆษกประจำสำนักนายกรัฐมนตรี", "รองโฆษกประจำสำนักนายกรัฐมนตรี",
    "โฆษกรัฐบาล", "รองโฆษกรัฐบาล", "โฆษก", "ผู้ช่วยรัฐมนตรี", "ที่ปรึกษา", "เลขานุการรัฐมนตรี", "เลขานุการ",
    "พัฒนาการจังหวัด", "เกษตรจังหวัด", "ประชาสัมพันธ์จังหวัด", "สาธารณสุขจังหวัด", "นายแพทย์สาธารณสุขจังหวัด",
    "ท้องถิ่นจังหวัด", "หัวหน้าสำนักงานจังหวัด", "พาณิชย์จังหวัด", "แรงงานจังหวัด", "คลังจังหวัด", "ปศุสัตว์จังหวัด",
    "ผู้บัญชาการ", "ผู้บังคับการ", "ผู้กำกับการ", "แม่ทัพภาคที่", "แม่ทัพ", "ผู้บัญชาการทหารบก", "เอกอัครราชทูต",
    "กงสุลใหญ่", "ผู้ใหญ่บ้าน", "กำนัน", "ผู้ตรวจราชการ", "สมาชิกสภาผู้แทนราษฎร", "ส.ส.", "สมาชิกวุฒิสภา", "ส.ว.",
    "รมว.", "รมช.", "รมต.", "ผู้ว่าการ", "รองผู้ว่าการ", "ผู้จัดการ", "กรรมการผู้จัดการ", "อธิการบดี", "คณบดี",
    "หัวหน้า", "ผู้อำนวยการใหญ่", "ผู้แทนการค้าไทย", "ปลัดกรุงเทพมหานคร", "นายกสมาคม", "ประธาน",
], key=len, reverse=True)
POSITION_HEAD_RE = re.compile("|".join(re.escape(h) for h in POSITION_HEADS))

AGENCY_HEADS = sorted([
    "กระทรวง", "กรม", "สำนักงาน", "สำนัก", "คณะกรรมการ", "คณะอนุกรรมการ", "คณะทำงาน", "ศูนย์", "องค์การบริหารส่วน",
    "องค์การ", "เทศบาล", "การไฟฟ้า", "การประปา", "การท่องเที่ยวแห่งประเทศไทย", "การรถไฟ", "การนิคมอุตสาหกรรม",
    "ธนาคาร", "สถาบัน", "มหาวิทยาลัย", "กองทัพ", "กองบัญชาการ", "กองบังคับการ", "กองอำนวยการ", "ตำรวจภูธร",
    "สถานีตำรวจ", "หอการค้า", "สภา", "บริษัท", "สมาคม", "มูลนิธิ", "ที่ทำการปกครอง", "โรงพยาบาล", "พรรค",
    "ศาล", "สหกรณ์", "กองทุน",
], key=len, reverse=True)
AGENCY_WHOLE = ["คณะรัฐมนตรี", "รัฐสภา", "วุฒิสภา", "สภาผู้แทนราษฎร", "ครม.", "สธ.", "มท.", "กห.", "กษ.", "พม.",
                "อว.", "ศธ.", "คค.", "ทส.", "กต.", "ปภ.", "กกต.", "ธ.ก.ส.", "สพฐ.", "ททท.", "สศช.", "ก.พ.ร.",
                "ป.ป.ช.", "ป.ป.ท.", "กฟภ.", "กปภ.", "อปท.", "อบจ.", "อบต.", "สตช.", "กอ.รมน.", "ศอ.บต.", "ศบค."]
AGENCY_HEAD_RE = re.compile(
    "(?<!เกษตร)(?:" + "|".join(re.escape(h) if h != "สภา" else "สภา(?!พ|วะ)" for h in AGENCY_HEADS)
    + ")(?!ฯ|กลาง|รวม|ภาพ|เปล่า|า|เจ้า|งาน\\b)")
AGENCY_WHOLE_RE = re.compile(r"คณะรัฐมนตรี|สภาผู้แทนราษฎร|รัฐสภา|วุฒิสภา|(?<![ก-๙.])(?:"
                             + "|".join(re.escape(a) for a in AGENCY_WHOLE if a.endswith(".")) + r")(?![ก-๙])")

VENUE_HEADS = ["ห้อง", "อาคาร", "ตึก", "โรงแรม", "ศาลากลางจังหวัด", "ศูนย์ประชุม", "หอประชุม", "ทำเนียบรัฐบาล",
               "สนามกีฬา", "ท่าอากาศยาน", "อิมแพ็ค", "สโมสร", "ลานพระราชวังดุสิต"]
VENUE_HEAD_RE = re.compile("|".join(re.escape(h) for h in sorted(VENUE_HEADS, key=len, reverse=True)))

# Words that end a title or a name inside a run of Thai letters (Thai writes no spaces).
STOP_RE = re.compile(
    r"ได้|กล่าว|เป็นประธาน|เป็น|มอบหมาย|มอบ|พร้อม|เปิดเผย|ลงพื้นที่|เดินทาง|เข้าร่วม|ร่วมกับ|ร่วม|ให้การ|ให้สัมภาษณ์"
    r"|ตรวจเยี่ยม|ตรวจ|นำ|ประชุม|ชี้แจง|ที่(?![0-9๐-๙ ])|ซึ่ง|โดย|เพื่อให้|ให้|จึง|ยัง|จะ|และคณะ|พร้อมด้วย|เมื่อ|ว่า(?!การ|ราชการ|ด้วย)"
    r"|ณ|จำนวน|แถลง|ข้อสั่งการ|ครั้งที่|ใน|ในการ|ในพื้นที่|เกี่ยวกับ|ทั้ง|รวม|แจ้ง|สั่งการ|แทน|ต่อ|กับ|จาก|ไป|มา|เข้า|ตาม")
def province_names() -> list[str]:
    from pythainlp.corpus import provinces

    names = {p["name_th"] for p in provinces(details=True)} | {"กรุงเทพฯ"}
    return sorted(names, key=len, reverse=True)


PROVINCE_IN_RUN = re.compile(r"(?:จังหวัด)(?:" + "|".join(map(re.escape, province_names())) + ")")
STOP_WORDS = ("เผย", "รักษาราชการ", "รักษาการ", "ได้", "ได้รับ", "ได้มี", "กล่าว", "เป็นประธาน", "เป็น", "มอบหมาย", "มอบ", "พร้อม", "เปิดเผย", "ลงพื้นที่",
              "เดินทาง", "เข้าร่วม", "ร่วมกับ", "ร่วม", "ให้การ", "ให้สัมภาษณ์", "ตรวจเยี่ยม", "ตรวจ", "นำ", "ประชุม",
              "ชี้แจง", "ที่", "ซึ่ง", "โดย", "เพื่อให้", "ให้", "จึง", "ยัง", "จะ", "และคณะ", "พร้อมด้วย", "เมื่อ", "ว่า",
              "ณ", "จำนวน", "แถลง", "ข้อสั่งการ", "ครั้งที่", "ใน", "ในการ", "ในพื้นที่", "เกี่ยวกับ", "ทั้ง", "รวม", "แจ้ง",
              "สั่งการ", "แทน", "ต่อ", "กับ", "จาก", "ไป", "มา", "เข้า", "ตาม", "นั้น", "นี้", "ก็", "คือ", "มี", "ได้แก่")
LOCATION_UNIT_RE = re.compile(r"จังหวัด|อำเภอ|ตำบล|จ\.|อ\.|ต\.")
RUN_END = re.compile(r"[\s,()“”\"'‘’:;/]")


@lru_cache(maxsize=8)
def word_edges(text: str) -> frozenset[int]:
    """Offsets where PyThaiNLP's newmm tokenizer puts a word boundary (its dictionary ships
    in the wheel; nothing is downloaded)."""
    from pythainlp.tokenize import word_tokenize

    edges, pos = {0}, 0
    for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
        pos += len(tok)
        edges.add(pos)
    return frozenset(edges)


def stop_at(text: str, k: int) -> bool:
    """A stop word starts at ``k`` as a whole word (not ณ inside บรรเทาสาธารณภัย)."""
    edges = word_edges(text)
    if k not in edges:
        return False
    return any(k + len(w) in edges for w in STOP_WORDS if text.startswith(w, k))


def province_end(text: str, start: int, end: int) -> int:
    """A title or agency that names a province ends right after it: ...จังหวัดแพร่|จัดขึ้น."""
    m = PROVINCE_IN_RUN.search(text, start, end)
    return m.end() if m else end


def extend(text: str, start: int, head_end: int, *, split_on_and: bool = True) -> int:
    """End of a title/name starting with a head word: the rest of the Thai run, cut before a
    stop word, before ``และ`` + another title, after a province name, or at whitespace and
    punctuation."""
    m = RUN_END.search(text, head_end)
    run_end = province_end(text, start, m.start() if m else len(text))
    k = head_end
    while k < run_end:
        if stop_at(text, k):
            return k
        if split_on_and and text.startswith("และ", k) and (POSITION_HEAD_RE.match(text, k + 3)):
            return k
        k += 1
    # a trailing abbreviation mark belongs to the word; a trailing dot of a sentence does not
    return run_end


def _headed(text: str, head_re: re.Pattern[str], label: str, min_rest: int = 0) -> list[Span]:
    spans = []
    for m in head_re.finditer(text):
        end = extend(text, m.start(), m.end())
        if end - m.end() < min_rest:
            continue
        spans.append((m.start(), end, label))
    return spans


def find_positions(text: str) -> list[Span]:
    spans = []
    for m in POSITION_HEAD_RE.finditer(text):
        if text[max(0, m.start() - 3):m.start()] in ("ที่", "คณะ") or any(
                text[max(0, m.start() - len(h)):m.start()] == h for h in AGENCY_HEADS):
            continue          # สำนักนายกรัฐมนตรี, สำนักงานประชาสัมพันธ์จังหวัด are AGENCY spans
        if m.group(0) in ("ประธาน", "รองประธาน") and re.search(r"เป็น\s?$", text[max(0, m.start() - 5):m.start()]):
            continue          # เป็นประธานในพิธี: chairing an event, not an office
        spans.append((m.start(), extend(text, m.start(), m.end()), "POSITION"))
    return spans


BUILDING_RE = re.compile(r" ?(?:อาคาร|ตึก|โรงแรม|ทำเนียบรัฐบาล|ศาลากลางจังหวัด|ศูนย์ประชุม)")


def find_venues(text: str) -> list[Span]:
    spans = []
    for s, e, _ in _headed(text, VENUE_HEAD_RE, "VENUE"):
        # a room followed by its building is one span: ห้องประชุมX อาคารY / ตึกX ทำเนียบรัฐบาล
        while (m := BUILDING_RE.match(text, e)) and m.end() > e:
            e = extend(text, m.start() + (1 if text[e] == " " else 0), m.end())
        spans.append((s, e, "VENUE"))
    return spans


def find_agencies(text: str) -> list[Span]:
    spans = _headed(text, AGENCY_HEAD_RE, "AGENCY", min_rest=2)
    spans += [(m.start(), m.end(), "AGENCY") for m in AGENCY_WHOLE_RE.finditer(text)]
    # an abbreviation in brackets right after an agency: กรมการขนส่งทางบก (ขบ.)
    for s, e, _ in list(spans):
        m = re.compile(r" ?\(([ก-ฮ][ก-ฮ.]{1,10}\.)\)").match(text, e)
        if m:
            spans.append((m.start(1), m.end(1), "AGENCY"))
    return spans



COUNTRIES = ("สาธารณรัฐประชาชนจีน|จีน|ญี่ปุ่น|เกาหลีใต้|สหรัฐอเมริกา|สหรัฐฯ|อินเดีย|เวียดนาม|ลาว|สปป\\.ลาว|กัมพูชา|เมียนมา"
             "|มาเลเซีย|สิงคโปร์|อินโดนีเซีย|ฟิลิปปินส์|บรูไน|ออสเตรเลีย|นิวซีแลนด์|ฝรั่งเศส|เยอรมนี|สหราชอาณาจักร|อังกฤษ"
             "|รัสเซีย|ซาอุดีอาระเบีย|อิสราเอล|แคนาดา|อิตาลี|สเปน|เนเธอร์แลนด์|สวิตเซอร์แลนด์|ยูเครน|ภูฏาน|บังกลาเทศ|ไทย")
REGIONS = ["ภาคตะวันออกเฉียงเหนือ", "ภาคตะวันออก", "ภาคตะวันตก", "ภาคเหนือ", "ภาคใต้", "ภาคกลาง",
           "ประเทศไทย", "ต่างประเทศ"]


def find_locations(text: str, provinces: list[str]) -> list[Span]:
    names = "|".join(map(re.escape, provinces))
    spans = [(m.start(), m.end(), "LOCATION") for m in re.finditer(rf"(?:จังหวัด|จ\.\s?)(?:{names})", text)]
    spans += [(m.start(), m.end(), "LOCATION")
              for m in re.finditer(rf"(?<![ก-๙])(?:{names})(?![ก-๙])", text)]
    for m in re.finditer(r"(?:อำเภอ|ตำบล|อ\.|ต\.)(?=[ก-ฮเ-ไ])", text):
        m2 = re.compile(r"[ก-๙]+").match(text, m.end())
        end = m2.end()
        cut = LOCATION_UNIT_RE.search(text, m.end() + 1, end)
        end = cut.start() if cut else end
        end = next((k for k in range(m.end() + 2, end) if stop_at(text, k)), end)
        if end - m.end() >= 2:
            spans.append((m.start(), end, "LOCATION"))
    spans += [(m.start(), m.end(), "LOCATION")
              for m in re.finditer(rf"(?:ประเทศ|(?<![ก-๙]))(?:{COUNTRIES})(?![ก-๙])", text)]
    spans += [(m.start(), m.end(), "LOCATION") for m in re.finditer("|".join(REGIONS + ["กรุงเทพฯ", "กรุงเทพมหานคร"]), text)]
    return spans


# --- putting the finders together ----------------------------------------------------

def resolve(ordered: list[list[Span]], text: str) -> list[Span]:
    """Keep spans in finder priority order (longest first within a finder); drop a span that
    overlaps a kept one. Trailing dots of a sentence end and edge whitespace are trimmed."""
    kept: list[Span] = []
    taken = [False] * (len(text) + 1)
    for spans in ordered:
        for s, e, label in sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0])):
            while e > s and text[e - 1].isspace():
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            if e <= s or any(taken[s:e]):
                continue
            kept.append((s, e, label))
            for k in range(s, e):
                taken[k] = True
    return sorted(kept)


def outside_quotes(text: str, spans: list[Span]) -> list[Span]:
    """Names inside quoted titles “...” are not annotated (SCHEMA.md). Long quotes are
    reported speech, not titles, and keep their spans."""
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]{1,150}”|\"[^\"\n]{1,150}\"", text)]
    return [sp for sp in spans if not any(qs < sp[0] and sp[1] < qe for qs, qe in quoted)]


def find_entities(text: str, provinces: list[str], known_names: set[str] = frozenset()) -> list[Span]:
    finders: list[Callable[[], list[Span]]] = [
        lambda: find_dates(text),
        lambda: find_amounts(text),
        lambda: find_persons(text, known_names),
        lambda: find_positions(text),
        lambda: find_venues(text),
        lambda: find_agencies(text),
        lambda: find_locations(text, provinces),
    ]
    return outside_quotes(text, resolve([f() for f in finders], text))


# --- relation guesses ------------------------------------------------------------------

ACTIVE_CUE = re.compile(r"(?:ได้)?(?:มอบหมายให้|มอบหมาย|มอบให้|สั่งการให้)")
PASSIVE_CUE = re.compile(r"(?:ได้)?รับมอบหมาย(?:จาก|ให้)?")
ONBEHALF_CUE = re.compile(r"ปฏิบัติราชการแทน|รักษาราชการแทน|ในนามของ|ในนาม|(?<=[\s])แทน(?!ที่|ค่า|การ|กัน)")
NEGATION = re.compile(r"(?:ไม่ได้|มิได้|ไม่|ยังไม่)\s?$")
HYPOTHETICAL = re.compile(r"(?:^|\s)(?:หาก|ถ้า)")
OFFICIAL = ("PERSON", "POSITION", "AGENCY")


def guess_relations(text: str, spans: list[Span]) -> list[tuple[str, int, int, str | None]]:
    """``(type, head index, tail index, trigger)`` over ``spans``."""
    rels: list[tuple[str, int, int, str | None]] = []
    holder: dict[int, int] = {}     # position index -> person index

    def gap(i: int, j: int) -> str:
        return text[spans[i][1]:spans[j][0]]

    for i, (s, e, label) in enumerate(spans):
        if label != "PERSON":
            continue
        j = i + 1
        while j < len(spans) and spans[j][2] == "POSITION" and re.fullmatch(r"[\s,]*(?:และ|ในฐานะ)?\s*", gap(j - 1, j)):
            rels.append(("HOLDS_POSITION", i, j, None))
            holder[j] = i
            j += 1
    for j, (s, e, label) in enumerate(spans):
        if label == "POSITION" and j not in holder and j + 1 < len(spans) and spans[j + 1][2] == "PERSON" \
                and re.fullmatch(r"\s*", gap(j, j + 1)) and not any(r[1] == j + 1 for r in rels):
            rels.append(("HOLDS_POSITION", j + 1, j, None))
            holder[j] = j + 1

    def official(i: int) -> int:
        return holder.get(i, i) if spans[i][2] == "POSITION" else i

    def before(pos: int, limit: int = 250) -> int | None:
        line_start = text.rfind("\n", 0, pos) + 1
        cands = [i for i, sp in enumerate(spans) if sp[2] in OFFICIAL and sp[1] <= pos
                 and sp[0] >= max(line_start, pos - limit)]
        return official(cands[-1]) if cands else None

    def after(pos: int, limit: int = 60) -> list[int]:
        """The first official after ``pos`` and co-assignees joined to it by และ."""
        cands = [i for i, sp in enumerate(spans) if sp[2] in OFFICIAL and sp[0] >= pos and sp[0] - pos <= limit]
        if not cands:
            return []
        out = [official(cands[0])]
        k = cands[0]
        # skip the position that follows the person, then look for "และ <person>"
        while k + 1 < len(spans):
            nxt = k + 1
            g = text[spans[k][1]:spans[nxt][0]]
            if spans[nxt][2] == "POSITION" and holder.get(nxt) == out[-1]:
                k = nxt
                continue
            if spans[nxt][2] in ("PERSON", "POSITION") and re.fullmatch(r"\s*(?:และ|,)\s*", g):
                out.append(official(nxt))
                k = nxt
                continue
            break
        return out

    for m in ACTIVE_CUE.finditer(text):
        if PASSIVE_CUE.match(text, max(0, m.start() - 6)) or text[max(0, m.start() - 3):m.start()] == "รับ":
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if NEGATION.search(text[line_start:m.start()]) or HYPOTHETICAL.search(text[max(line_start, m.start() - 80):m.start()]):
            continue
        head = before(m.start())
        for tail in after(m.end()):
            if head is not None and tail != head:
                rels.append(("DELEGATES_TO", head, tail, m.group(0)))
    for m in PASSIVE_CUE.finditer(text):
        tail = before(m.start())
        heads = after(m.end()) if m.group(0).endswith("จาก") else []
        if tail is not None and heads and heads[0] != tail:
            rels.append(("DELEGATES_TO", heads[0], tail, m.group(0)))
    for m in ONBEHALF_CUE.finditer(text):
        tail = before(m.start())
        heads = after(m.end(), limit=30)
        if tail is not None and heads and heads[0] != tail:
            rels.append(("DELEGATES_TO", heads[0], tail, m.group(0).strip()))
    seen, out = set(), []
    for r in rels:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def preannotate(text: str, provinces: list[str], known_names: set[str] = frozenset()):
    """``(spans with keys, relations by key)`` ready for :func:`corpus_format.render`."""
    spans = find_entities(text, provinces, known_names)
    rels = guess_relations(text, spans)
    used = sorted({i for r in rels for i in (r[1], r[2])})
    keys: dict[int, str] = {}
    counters = {"PERSON": 0, "POSITION": 0, "AGENCY": 0}
    prefix = {"PERSON": "a", "POSITION": "p", "AGENCY": "g"}
    for i in used:
        label = spans[i][2]
        counters[label] += 1
        keys[i] = f"{prefix[label]}{counters[label]}"
    keyed = [(s, e, label, keys.get(i)) for i, (s, e, label) in enumerate(spans)]
    relations = [(t, keys[h], keys[tl], trig, None) for t, h, tl, trig in rels]
    return keyed, relations


def model_preannotations(texts: list[str]):
    """:func:`preannotate`'s output for each text, from the shipped model and rule layer."""
    from thaigov_ner import Annotator

    prefix = {"PERSON": "a", "POSITION": "p", "AGENCY": "g"}
    out = []
    for doc in Annotator.load().pipe(texts):
        used = {i for r in doc.relations for i in (r.head, r.tail)}
        keys: dict[str, str] = {}
        counters = dict.fromkeys(prefix, 0)
        for e in doc.entities:
            if e.id in used:
                counters[e.label] += 1
                keys[e.id] = f"{prefix[e.label]}{counters[e.label]}"
        spans = [(e.start, e.end, e.label, keys.get(e.id)) for e in doc.entities]
        rels = [(r.type, keys[r.head], keys[r.tail], r.trigger, r.task) for r in doc.relations]
        out.append((spans, rels))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--ids", nargs="*", help="only these document ids")
    ap.add_argument("--overwrite", action="store_true", help="replace pre-annotated files (never checked ones)")
    ap.add_argument("--engine", choices=("rules", "model"), default="rules",
                    help="rules and gazetteers of this script, or the shipped model and rule layer")
    args = ap.parse_args(argv)
    with open(args.corpus / "selection.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    provinces = province_names()
    known_names: set[str] = set()
    for r in records:
        known_names |= titled_names(r["text"])
    todo, skipped = [], 0
    for r in records:
        if args.ids and r["id"] not in args.ids:
            continue
        path = args.corpus / "ann" / r["split"] / f"{r['id']}.txt"
        if path.exists():
            checked = not any(line.startswith(PRE_MARK) for line in path.read_text(encoding="utf-8").splitlines()[:5])
            if checked or not args.overwrite:
                skipped += 1
                continue
        todo.append((r, path))
    if args.engine == "model":
        found = model_preannotations([r["text"] for r, _ in todo])
    else:
        found = [preannotate(r["text"], provinces, known_names) for r, _ in todo]
    for (r, path), (spans, relations) in zip(todo, found):
        notes = [f"selected for: {', '.join(r['reasons'])}"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(r["id"], r["split"], r["meta"]["url"], r["text"], spans, relations,
                               pre_annotated=True, notes=notes), encoding="utf-8")
    print(f"pre-annotated {len(todo)} documents ({args.engine}); left {skipped} existing files untouched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
