"""Entity accuracy of this project's default model next to PyThaiNLP's CRF and TLTK's NER.

    pip install -e '.[bench]'          # tltk and matplotlib (benchmark-only extras)
    python benchmarks/accuracy.py      # a few minutes on 2 cores

Corpora: ThaiNER 1.5.1 test (corpus/thainer-1.5.1/test.jsonl), corpus/thaigov/test.jsonl,
the Thai N-NER samples (corpus/thai-nner/dev.jsonl) and the seed article
(corpus/examples/phrae-2566.jsonl). Systems: this project's shipped model, PyThaiNLP's
bundled ThaiNER 1.5.1 CRF and TLTK's NER, wrapped in benchmarks/peers.py (label tables there).

Scores are exact span and label (thaigov_ner.evaluate.exact_scores), per label, only over
the labels a system can produce and the corpus annotates: a label a system cannot produce
is "—", one the corpus does not annotate (POSITION in ThaiNER) is "n/a". The micro rows
are like for like: over the labels shared by all three systems (PERSON, AGENCY, LOCATION),
and over the labels this project shares with the CRF; an overlap ("relaxed") micro on the
same labels shows how much is boundary convention rather than detection.

Also measured: what the CRF's POS input costs (the model expects LST20 tags from a tagger
the wheel does not ship; see peers.py), and how the CRF scores on ThaiNER train / val / test.
Writes benchmarks/results/accuracy.json and accuracy.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import POS_VARIANTS, pythainlp_crf, tltk_ner  # noqa: E402

from thaigov_ner.schema import LABELS  # noqa: E402

OURS = "this project"
CRF = "PyThaiNLP CRF"
TLTK = "TLTK"
CORPORA = {  # name: (path, labels the gold annotates)
    "ThaiNER 1.5.1 test": ("corpus/thainer-1.5.1/test.jsonl", tuple(l for l in LABELS if l != "POSITION")),
    "thaigov test": ("corpus/thaigov/test.jsonl", LABELS),
    "Thai N-NER dev": ("corpus/thai-nner/dev.jsonl", LABELS),
    "seed article": ("corpus/examples/phrae-2566.jsonl", LABELS),
}
THAINER = "ThaiNER 1.5.1 test"


def restrict(doc, entities, labels):
    return replace(doc, entities=tuple(e for e in entities if e.label in labels), relations=())


def score(docs, preds, labels: tuple[str, ...], shared: dict[str, tuple[str, ...]]) -> dict:
    """Per-label exact scores over ``labels``; exact and overlap micro over each ``shared`` set."""
    from thaigov_ner.evaluate import PRF, exact_scores, partial_scores

    pairs = [(restrict(g, g.entities, labels), restrict(g, p, labels)) for g, p in zip(docs, preds)]
    found = exact_scores(pairs)
    out = {"per_label": {l: found[l].to_dict() for l in labels},
           "micro_own_labels": PRF(*(sum(getattr(found[l], k) for l in labels) for k in ("tp", "fp", "fn"))).to_dict()}
    for key, subset in shared.items():
        subset = tuple(l for l in subset if l in labels)
        out[key] = {"labels": list(subset),
                    "exact": PRF(*(sum(getattr(found[l], k) for l in subset) for k in ("tp", "fp", "fn"))).to_dict(),
                    "overlap": partial_scores([(restrict(g, g.entities, subset), restrict(p, p.entities, subset))
                                               for g, p in pairs]).to_dict()}
    return out


def tltk_subset(docs, chars: int) -> int:
    """How many leading documents fit in ``chars`` characters (at least one; all when 0)."""
    if not chars:
        return len(docs)
    total = 0
    for i, doc in enumerate(docs):
        total += len(doc.text)
        if total > chars:
            return max(i, 1)
    return len(docs)


def machine(pos: str, tltk_segmenter: str) -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("thaigov-ner", "torch", "transformers", "pythainlp", "python-crfsuite", "tltk", "nltk",
                "scikit-learn", "sklearn-crfsuite", "matplotlib", "seqeval"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    import subprocess

    import torch

    def git(*cmd: str) -> str:
        try:
            return subprocess.run(["git", *cmd], cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    import thaigov_ner
    from thaigov_ner.pipeline import DEFAULT_BACKEND

    versions["git_commit"] = git("rev-parse", "--short", "HEAD")
    source = Path(thaigov_ner.__file__).resolve().parents[1]
    versions["thaigov_ner_source"] = str(source)
    if source == REPO / "src":
        versions["uncommitted_changes_in_src"] = git("status", "--porcelain", "--", "src").splitlines()
    return {"date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cpu": cpu,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "backend_of_this_project": DEFAULT_BACKEND.value,
            "torch_threads": torch.get_num_threads(), "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions,
            "crf_pos_variant": pos, "tltk_segmenter": tltk_segmenter}


def fmt(x) -> str:
    return "—" if x is None else ("n/a" if x == "n/a" else f"{x:.3f}")


def print_table(name: str, entry: dict, systems: list[str]) -> None:
    width = 40
    line = lambda title, values: print(f"{title:<{width}}" + "".join(f"{v:>16}" for v in values))  # noqa: E731
    print(f"\n{name} ({entry['documents']} documents), F1, exact span and label")
    line("", systems)
    for label in LABELS:
        row = []
        for s in systems:
            res = entry["systems"].get(s)
            if label not in entry["gold_labels"]:
                row.append("n/a")
            elif res is None or label not in res["per_label"]:
                row.append("—")
            else:
                row.append(f"{res['per_label'][label]['f1']:.3f}")
        support = entry["support"].get(label)
        line(label + (f" ({support})" if support else ""), row)

    def pick(key: str, kind: str = "exact") -> list[str]:
        out = []
        for s in systems:
            res = entry["systems"].get(s, {}).get(key)
            out.append("—" if res is None else f"{res[kind]['f1']:.3f}")
        return out

    line("micro, shared by all, exact", pick("micro_shared_by_all"))
    line("micro, shared by all, overlap", pick("micro_shared_by_all", "overlap"))
    tltk = entry["systems"].get(TLTK, {})
    if "micro_shared_by_all_on_tltk_documents" in tltk:
        line(f"  same, TLTK's {tltk['documents']} documents, exact", pick("micro_shared_by_all_on_tltk_documents"))
    line("micro, shared with CRF, exact", pick("micro_shared_with_crf"))
    line("micro, shared with CRF, overlap", pick("micro_shared_with_crf", "overlap"))
    line("micro, every label it produces", [f"{entry['systems'][s]['micro_own_labels']['f1']:.3f}"
                                            if s in entry["systems"] else "—" for s in systems])
    line("seconds", [f"{entry['systems'][s]['seconds']:.1f}" if s in entry["systems"] else "—" for s in systems])
    for s in systems:
        note = entry["systems"].get(s, {}).get("note")
        if note:
            print(f"  {note}")


def plot(result: dict, systems: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(result["corpora"])
    fig, axes = plt.subplots(len(names), 1, figsize=(11, 3.2 * len(names)), sharey=True)
    colours = {OURS: "#1f77b4", CRF: "#ff7f0e", TLTK: "#2ca02c"}
    groups = list(LABELS) + ["micro\n(P, A, L)"]
    width = 0.8 / len(systems)
    for ax, name in zip(axes, names):
        entry = result["corpora"][name]
        for i, s in enumerate(systems):
            res = entry["systems"].get(s)
            for j, group in enumerate(groups):
                x = j + (i - (len(systems) - 1) / 2) * width
                if res is None:
                    value = None
                elif group in LABELS:
                    value = res["per_label"].get(group, {}).get("f1")
                else:  # on TLTK's documents when it ran on fewer
                    value = res.get("micro_shared_by_all_on_tltk_documents", res["micro_shared_by_all"])["exact"]["f1"]
                if group in LABELS and group not in entry["gold_labels"]:
                    ax.text(x, 0.02, "n/a", ha="center", fontsize=6, rotation=90)
                elif value is None:
                    ax.text(x, 0.02, "—", ha="center", fontsize=11, fontweight="bold", color=colours[s])
                else:
                    ax.bar(x, value, width, color=colours[s], label=s if j == 0 else None)
                    ax.text(x, value + 0.01, f"{value:.2f}", ha="center", fontsize=6)
        title = f"{name} ({entry['documents']} documents)"
        tltk = entry["systems"].get(TLTK, {})
        ticks = groups
        if tltk.get("documents", entry["documents"]) < entry["documents"]:
            title += f"; TLTK on the first {tltk['documents']} only"
            ticks = groups[:-1] + [f"micro (P, A, L)\non TLTK's {tltk['documents']} docs"]
        ax.set_title(title, fontsize=10)
        ax.set_xticks(range(len(groups)), ticks, fontsize=8)
        ax.set_ylim(0, 1.08)
        ax.set_ylabel("F1 (exact)")
        ax.grid(axis="y", alpha=0.3)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s]) for s in systems]
    fig.legend(handles, [n if n.startswith(s) else f"{s}: {n}" for s, n in
                         ((s, result["system_names"][s]) for s in systems)], loc="upper center",
               ncol=1, fontsize=8, frameon=False)
    fig.text(0.5, 0.005, "— = the system cannot produce this label; n/a = the corpus does not annotate it",
             ha="center", fontsize=8)
    fig.tight_layout(rect=(0, 0.015, 1, 1 - 0.06 * 3 / len(names)))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pos", choices=POS_VARIANTS, default="orchid", help="POS input of the CRF")
    parser.add_argument("--tltk-segmenter", choices=("colloc", "mm"), default="colloc",
                        help="TLTK word segmenter: 'colloc' (TLTK's default, ~85 characters a second on "
                             "2 cores) or 'mm' (~30 times faster, less accurate)")
    parser.add_argument("--tltk-chars", type=int, default=4000,
                        help="TLTK only: per corpus, the first documents up to this many characters "
                             "(at least one document; 0: all documents)")
    parser.add_argument("--out-dir", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    started = time.perf_counter()

    from thaigov_ner.io.jsonl import read_jsonl
    from thaigov_ner.pipeline import Annotator

    corpora = {name: list(read_jsonl(REPO / path)) for name, (path, _) in CORPORA.items()}
    t0 = time.perf_counter()
    ours = Annotator.load(batch_size=16)
    crf = pythainlp_crf(pos=args.pos)
    systems = {OURS: ours, CRF: crf}
    names = {OURS: "default model (6-layer trimmed multilingual-e5-small, fine-tuned)", CRF: crf.name}
    labels = {OURS: frozenset(LABELS), CRF: crf.labels}
    not_run = {}
    try:
        tltk = tltk_ner(args.tltk_segmenter)
        tltk.predict(["ทดสอบ"])  # loads its pickled models now, so a failure is caught here
        systems[TLTK], names[TLTK], labels[TLTK] = tltk, tltk.name, tltk.labels
    except Exception as exc:  # recorded, never faked: the run goes on without TLTK
        not_run[TLTK] = f"not run: {type(exc).__name__}: {exc}"
    print(f"loaded {', '.join(systems)} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    all_shared = tuple(l for l in LABELS if all(l in labels[s] for s in systems))
    crf_shared = tuple(l for l in LABELS if l in labels[OURS] and l in labels[CRF])
    result = {"machine": machine(args.pos, args.tltk_segmenter), "system_names": names, "not_run": not_run,
              "labels_produced": {s: [l for l in LABELS if l in labels[s]] for s in systems},
              "corpora": {}}
    for cname, docs in corpora.items():
        gold_labels = CORPORA[cname][1]
        entry = {"path": CORPORA[cname][0], "documents": len(docs), "gold_labels": list(gold_labels),
                 "support": {l: sum(e.label == l for d in docs for e in d.entities) for l in gold_labels},
                 "systems": {}}
        subset = tltk_subset(docs, args.tltk_chars) if TLTK in systems else len(docs)
        for sname, system in systems.items():
            use = docs[:subset] if sname == TLTK else docs
            t0 = time.perf_counter()
            texts = [d.text for d in use]
            preds = system.tagger.predict(texts, batch_size=16) if sname == OURS else system.predict(texts)
            if cname == THAINER and sname == CRF:
                crf_thainer_preds = preds  # reused below
            seconds = time.perf_counter() - t0
            scored = tuple(l for l in gold_labels if l in labels[sname])
            res = score(use, preds, scored, {"micro_shared_by_all": all_shared,
                                             "micro_shared_with_crf": crf_shared} if sname != TLTK
                        else {"micro_shared_by_all": all_shared})
            if subset < len(docs):  # like for like with TLTK: the same documents
                res["micro_shared_by_all_on_tltk_documents"] = (
                    score(use[:subset], preds[:subset], scored, {"m": all_shared})["m"])
                if sname == TLTK:
                    res["note"] = (f"TLTK ran on the first {subset} of {len(docs)} documents only "
                                   f"({sum(len(d.text) for d in use)} characters; its segmenter is slow)")
            res["documents"] = len(use)
            res["seconds"] = round(seconds, 1)
            entry["systems"][sname] = res
            print(f"{cname}: {sname} {seconds:.1f} s", file=sys.stderr)
        result["corpora"][cname] = entry

    # What the CRF's POS input costs, and its score on the ThaiNER splits it may have seen.
    thainer = corpora[THAINER]
    thainer_labels = tuple(l for l in CORPORA[THAINER][1] if l in crf.labels)
    variants = {}
    for pos in POS_VARIANTS:
        for conventions in (True, False):
            if not conventions and pos != args.pos:
                continue
            if (pos, conventions) == (args.pos, True):
                preds = crf_thainer_preds
            else:
                preds = pythainlp_crf(pos=pos, conventions=conventions).predict([d.text for d in thainer])
            res = score(thainer, preds, thainer_labels, {})
            key = f"pos={pos}" + ("" if conventions else ", ThaiNER DATE/TIME conventions not applied")
            variants[key] = {"micro_f1": res["micro_own_labels"]["f1"],
                             "per_label_f1": {l: v["f1"] for l, v in res["per_label"].items()}}
    result["crf_pos_variants_thainer_test"] = {
        "labels": list(thainer_labels),
        "expected_input": "LST20 tags from PyThaiNLP's perceptron 'blackboard' tagger (blackboard_pt_tagger), "
                          "not in the pythainlp wheel: a download, so not measurable offline",
        "variants": variants}
    splits = {}
    for split in ("train", "val", "test"):
        if split == "test":
            docs, preds = thainer, crf_thainer_preds
        else:
            docs = list(read_jsonl(REPO / f"corpus/thainer-1.5.1/{split}.jsonl"))
            preds = crf.predict([d.text for d in docs])
        res = score(docs, preds, thainer_labels, {})
        splits[split] = {"documents": len(docs), "micro_f1": res["micro_own_labels"]["f1"]}
    result["crf_thainer_splits"] = splits
    result["alignment"] = {s: {"tokens": systems[s].stats.tokens, "not_verbatim": systems[s].stats.unaligned,
                               "examples": systems[s].stats.examples[:5]} for s in systems if s != OURS}
    result["seconds_total"] = round(time.perf_counter() - started, 1)

    result["cpu_seconds"] = round(time.process_time(), 1)
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    order = list(systems)
    print(f"\nshared by all = {', '.join(all_shared)}; shared with CRF = {', '.join(crf_shared)}; "
          "— = the system cannot produce the label; n/a = the corpus does not annotate it; "
          "overlap = a prediction counts if it overlaps a gold span of its label")
    for cname, entry in result["corpora"].items():
        print_table(cname, entry, order)
    print(f"\nCRF POS input, ThaiNER 1.5.1 test, micro F1 over {', '.join(thainer_labels)}:")
    for key, v in variants.items():
        print(f"  {key:<60} {v['micro_f1']:.3f}")
    print("CRF micro F1 on ThaiNER 1.5.1 splits: "
          + ", ".join(f"{k} {v['micro_f1']:.3f} ({v['documents']} docs)" for k, v in splits.items()))
    for s, why in not_run.items():
        print(f"{s}: {why}")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "accuracy.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    plot(result, order, args.out_dir / "accuracy.png")
    print(f"\nwrote {args.out_dir / 'accuracy.json'} and accuracy.png in {result['seconds_total']:.0f} s "
          f"({result['cpu_seconds']:.0f} CPU seconds; load average {result['load_average_at_end'][0]})")


if __name__ == "__main__":
    main()
