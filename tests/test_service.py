"""The HTTP service's contract, with a stand-in annotator (the real model is
exercised over a real server in test_interfaces.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from thaigov_ner.pipeline import Annotator
from thaigov_ner.service import create_app

from test_pipeline import LookupTagger


@pytest.fixture
def client(seed_dict):
    from thaigov_ner.schema import Document

    annotator = Annotator(LookupTagger([Document.from_dict(seed_dict)]))
    return TestClient(create_app(annotator, max_chars=5000, max_batch=3))


def test_service_health_labels_and_openapi(client):
    assert client.get("/health").json()["status"] == "ok"
    assert "POSITION" in client.get("/labels").json()["entities"]
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/annotate", "/annotate/batch", "/health", "/labels"} <= set(paths)


def test_service_annotates_one_text_and_a_batch_in_order(client, seed_dict):
    one = client.post("/annotate", json={"id": "seed", "text": seed_dict["text"]}).json()
    assert one["id"] == "seed" and len(one["entities"]) == len(seed_dict["entities"])
    assert one["delegations"][0]["delegatee"] == "นิติยา พงษ์พานิช"
    batch = client.post("/annotate/batch", json={"documents": [
        {"id": "b", "text": "ข่าวสั้น"}, {"id": "a", "text": seed_dict["text"]}]}).json()
    assert [d["id"] for d in batch["documents"]] == ["b", "a"]
    assert batch["documents"][1]["entities"] == one["entities"]


def test_service_rejects_bad_requests_with_clear_4xx(client):
    too_long = client.post("/annotate", json={"text": "ก" * 5001})
    assert too_long.status_code == 413 and "limit is 5,000" in too_long.json()["detail"]
    empty = client.post("/annotate", json={"text": "  "})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    too_many = client.post("/annotate/batch", json={"documents": [{"text": "ก"}] * 4})
    assert too_many.status_code == 413
    assert client.post("/annotate", json={"txt": "ก"}).status_code == 422
