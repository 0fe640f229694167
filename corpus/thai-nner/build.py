"""Rebuild train/dev.jsonl from the public Thai N-NER samples (run from the repository root):

    python corpus/thai-nner/build.py [../shared/data/thai-nner-sample]

Types go through the ``nner`` table of src/thaigov_ner/data/labelmaps.json:
nested spans flattened (longest wins), merge=True (a date and its time
written together become one DATE). Trims are printed; nested/merged counted.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from thaigov_ner.io import validate_file, write_jsonl
from thaigov_ner.io.nner import read_nner
from thaigov_ner.io.report import ConversionReport

HERE = Path(__file__).resolve().parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "data" / "thai-nner-sample"
URL = "https://github.com/vistec-AI/Thai-NNER/blob/f9525bf/data/scb-nner-th-2022/postproc/"
LICENSE = "CC-BY-SA-3.0, Thai N-NER (scb-nner-th-2022) by Buaphet et al., VISTEC-AI; derived data keeps this license"

stats = {}
for split in ("train", "dev"):
    report = ConversionReport()
    docs = [replace(d, meta={"source": f"{URL}{split}.json", "sentence_id": d.meta["sentence_id"],
                             "license": LICENSE})
            for d in read_nner(SOURCE / f"sample_{split}.json", merge=True, report=report,
                               id_prefix=f"thai-nner-{split}")]
    out = HERE / f"{split}.jsonl"
    write_jsonl(docs, out)
    problems = validate_file(out)
    assert not problems, problems[:3]
    for note in report.notes:
        if note.kind not in ("merged", "nested"):
            print(note)
    stats[split] = {"documents": len(docs), "entities": sum(len(d.entities) for d in docs),
                    "labels": dict(Counter(e.label for d in docs for e in d.entities).most_common()),
                    "notes": report.summary()["notes"], "dropped_total": sum(report.dropped.values()),
                    "bytes": out.stat().st_size}
print(json.dumps(stats, ensure_ascii=False, indent=1))
