"""Rebuild train/val/test.jsonl from ThaiNER 1.5.1 (run from the repository root):

    python corpus/thainer-1.5.1/build.py [../shared/data/thainer-1.5.1]

Labels go through the ``thainer`` table of src/thaigov_ner/data/labelmaps.json
with merge=True (a DATE and its TIME written together become one DATE).
Malformed lines are left out and listed; every adjustment is printed
(merges are counted only).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from thaigov_ner.io import validate_file, write_jsonl
from thaigov_ner.io.report import ConversionReport
from thaigov_ner.io.thainer import read_thainer

HERE = Path(__file__).resolve().parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "data" / "thainer-1.5.1"
META = {"license": "CC-BY-3.0, ThaiNER by Wannaphong Phatthiyaphaibun (PyThaiNLP)"}
URL = "https://github.com/wannaphong/thai-ner/blob/c22ec8e/model/1.5.1/"

stats = {}
for split in ("train", "val", "test"):
    report = ConversionReport()
    docs = [replace(d, meta={"source": f"{URL}{split}.txt", "line": d.meta["line"], **META})
            for d in read_thainer(SOURCE / f"{split}.txt", merge=True, report=report, on_malformed="skip",
                                  id_prefix=f"thainer-1.5.1-{split}")]
    out = HERE / f"{split}.jsonl"
    write_jsonl(docs, out)
    problems = validate_file(out)
    assert not problems, problems[:3]
    for note in report.notes:
        if note.kind != "merged":
            print(note)
    stats[split] = {"documents": len(docs), "entities": sum(len(d.entities) for d in docs),
                    "labels": dict(Counter(e.label for d in docs for e in d.entities).most_common()),
                    "notes": report.summary()["notes"], "dropped": dict(report.dropped.most_common()),
                    "bytes": out.stat().st_size}
print(json.dumps(stats, ensure_ascii=False, indent=1))
