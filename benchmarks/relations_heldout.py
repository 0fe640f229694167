"""The rule layer on model entities the model had not been trained on: the train extensions.

    python benchmarks/relations_heldout.py [--errors]

Each 160-document train extension was pre-annotated, before anyone corrected it, by the
model shipped at the time (``corpus_preannotate.py --engine model``), and that
pre-annotation is in git at the commit that added the block. Those entities are a model's
output on documents outside its training data, so relinking them with today's rules and
scoring against today's gold relations measures what entity errors cost the delegations,
over 800 documents and 573 gold who-to-whom DELEGATES_TO triples rather than the 43 of
corpus/thaigov/test. The same rules on the gold entities of the same documents are
scored beside it. Both figures are optimistic in level, because the rules were written
with these (train) documents in view; the gap between them is the figure this script is
for. Needs the git history (a clone, not an sdist). Writes
``benchmarks/results/relations-heldout.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import corpus_format as fmt  # noqa: E402

from thaigov_ner.evaluate import evaluate  # noqa: E402
from thaigov_ner.pipeline import link  # noqa: E402
from thaigov_ner.relations import who_to_whom  # noqa: E402

#: commits that added a pre-annotated train extension (git log: "pre-annotated by the shipped model")
BLOCKS = ("2ac6be1", "4159ffb", "e8252eb", "57abc4c", "3fb8dd9")
ANN = "corpus/thaigov/ann/train/"
RESULTS = REPO / "benchmarks" / "results" / "relations-heldout.json"


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout


def block_pairs(commit: str) -> list[tuple]:
    """(gold document now, the same document with the block's pre-annotated entities)."""
    names = [n for n in git("show", "--name-only", "--format=", commit).split()
             if n.startswith(ANN) and n.endswith(".txt")]
    pairs = []
    for name in names:
        doc_id = Path(name).stem
        gold = fmt.to_document(fmt.parse((REPO / name).read_text(encoding="utf-8"), name), doc_id, {})
        pre = fmt.to_document(fmt.parse(git("show", f"{commit}:{name}"), f"{commit}:{name}"), doc_id, {})
        if pre.text != gold.text:
            raise SystemExit(f"{name}: the text changed since {commit}; this script assumes it never does")
        pairs.append((gold, pre))
    return pairs


def scores(pairs: list[tuple]) -> dict:
    report = evaluate(pairs, who_to_whom=who_to_whom)
    d = report.relations["DELEGATES_TO"].to_dict()
    return {**d, "f1_interval_95": [round(x, 4) for x in report.intervals["DELEGATES_TO"]]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print the triples lost or added by model entities")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    result = {"scoring": "DELEGATES_TO who-to-whom (SCHEMA.md), rules of this commit",
              "git_commit": git("rev-parse", "HEAD").strip(), "blocks": {}}
    every = {"gold_entities": [], "model_entities": []}
    for commit in BLOCKS:
        pairs = block_pairs(commit)
        on_gold = [(g, link(g)) for g, _ in pairs]
        on_model = [(g, link(p)) for g, p in pairs]
        every["gold_entities"] += on_gold
        every["model_entities"] += on_model
        result["blocks"][commit] = {"documents": len(pairs), "gold_entities": scores(on_gold),
                                    "model_entities": scores(on_model)}
        if args.errors:
            for (g, pg), (_, pm) in zip(on_gold, on_model):
                gold, by_gold, by_model = (who_to_whom(x) for x in (g, pg, pm))
                for t in sorted((gold - by_model) | (by_model - gold)):
                    if t[0] == "DELEGATES_TO":
                        kind = "FN" if t in gold else "FP"
                        also = "also with gold entities" if (t in by_gold) != (t in gold) else "entity-induced"
                        print(f"{kind} {commit} {g.id} {t[1]} -> {t[2]} ({also})")
    result["all"] = {"documents": len(every["gold_entities"]),
                     **{k: scores(v) for k, v in every.items()}}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["all"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
