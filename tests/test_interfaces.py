"""The same three documents through the Python API, the batch CLI, the spaCy
component and the HTTP service (a real server process on loopback) give
identical entities and relations, with the shipped model."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from thaigov_ner.pipeline import Annotator

from conftest import SEED

SEED_TEXT = json.loads(SEED.read_text(encoding="utf-8"))["text"]
DOCS = [
    ("seed", SEED_TEXT),
    ("short", "เมื่อวันที่ 5 มีนาคม 2567 นายสมชาย ใจดี รองผู้ว่าราชการจังหวัดเชียงใหม่ ได้รับมอบหมายจาก"
              "นายวิชัย สุขสันต์ ผู้ว่าราชการจังหวัดเชียงใหม่ ให้เป็นประธานเปิดงาน ณ ศาลากลางจังหวัดเชียงใหม่"),
    ("digits", "ปีงบประมาณ ๒๕๖๗ กระทรวงมหาดไทย จัดสรรงบประมาณ ๑,๒๐๐ ล้านบาท ให้\u200bจังหวัดแพร่"),
]


def view(record: dict) -> tuple:
    """What must be identical: entity spans and labels, relations by their argument spans."""
    spans = {e["id"]: (e["start"], e["end"]) for e in record["entities"]}
    return (tuple((e["start"], e["end"], e["label"]) for e in record["entities"]),
            tuple(sorted((r["type"], spans[r["head"]], spans[r["tail"]]) for r in record["relations"])))


@pytest.fixture(scope="module")
def api_views() -> list[tuple]:
    annotator = Annotator.load()
    return [view(d.to_dict()) for d in annotator.pipe(DOCS)]


def test_interfaces_shipped_model_finds_entities(api_views):
    assert all(entities for entities, _ in api_views)


@pytest.mark.parametrize("options", [[], ["--processes", "2", "--batch-size", "1"]], ids=["default", "2-processes"])
def test_interfaces_cli_matches_api(api_views, tmp_path, options):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in DOCS),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = subprocess.run([sys.executable, "-m", "thaigov_ner", "annotate", str(source), "-o", str(out), *options],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [i for i, _ in DOCS]
    assert [view(r) for r in records] == api_views


def test_interfaces_spacy_component_matches_api(api_views):
    import spacy

    nlp = spacy.blank("th")
    nlp.add_pipe("thaigov_ner")  # registered by entry point: no import of thaigov_ner.spacy_component here
    got = []
    for _, text in DOCS:
        doc = nlp(text)
        ents = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
        rels = tuple(sorted((r["type"], (r["head"].start_char, r["head"].end_char),
                             (r["tail"].start_char, r["tail"].end_char)) for r in doc._.relations))
        got.append((ents, rels))
        assert spacy.displacy.render(doc, style="ent").count("</mark>") == len(doc.ents)
    assert got == api_views


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_interfaces_http_service_matches_api_under_concurrent_requests(api_views):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "thaigov_ner", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "server did not start within 120 s"
            time.sleep(0.5)
        with httpx.Client(base_url=base, timeout=120) as client:
            batch = client.post("/annotate/batch", json={"documents": [{"id": i, "text": t} for i, t in DOCS]})
            assert batch.status_code == 200
            assert [view(r) for r in batch.json()["documents"]] == api_views

            def one(k: int) -> tuple:
                doc_id, text = DOCS[k % len(DOCS)]
                res = client.post("/annotate", json={"id": doc_id, "text": text})
                return k, view(res.json())

            with ThreadPoolExecutor(max_workers=6) as pool:
                results = list(pool.map(one, range(9)))
        assert all(v == api_views[k % len(DOCS)] for k, v in results)
    finally:
        server.terminate()
        server.wait(timeout=30)
