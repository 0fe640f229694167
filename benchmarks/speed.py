"""Speed, memory and accuracy of each inference path, on the same inputs, in one run.

    python benchmarks/speed.py [--docs 120] [--out benchmarks/results/speed.json]

Paths: ``torch`` (the float model on PyTorch), ``onnx`` (the model on ONNX Runtime with the
export settings it names, ``model/onnx.py``) and ``crf`` (PyThaiNLP's ThaiNER 1.5.1 CRF, ``peers.pythainlp_crf()``).
Each runs in its own process, so load time and peak memory (max RSS) are its own. For
each: documents, characters and tokens per second through the whole pipeline (entities
and the rule layer) at batch sizes 1, 16 and 32 (documents per call; batch 1 is one
document at a time, as a service sees them); "tokens" are the model's subword tokens of
the documents (each counted once, not per overlapping window) for the model paths and
PyThaiNLP's newmm words for the CRF, so characters per second is the figure to compare
across all three. Inputs: excerpts of about 1,500 characters of the real articles
(``excerpts()`` of benchmarks/model.py). Accuracy: exact-span micro F1 on
corpus/thaigov/test.jsonl (and dev, on which the export settings are chosen), and how
many of torch's entities each path finds alike. The ONNX model is built into a fresh
cache first (cold load, which needs torch) and then loaded from it (warm load).

The onnx path is also measured in one worker process per core (``Annotator.pipe(n_process=
...)``, what ``thaigov-ner annotate`` does by default): start time, documents per second at
batch 16 and 32, peak memory per worker, and whether the output is the in-process one.

Then a profile of the pipeline with the default backend at batch 32: the time spent
in normalisation, tokenisation, window assembly and merging, the model, decoding
(Viterbi, boundary policy, span mapping) and the rule layer.

Writes benchmarks/results/speed.json and speed.md, with the machine and its load
average (other processes share the CPU: compare the ratios, which are steadier).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from model import excerpts  # noqa: E402  (benchmarks/model.py)

BATCHES = (1, 16, 32)
BEFORE = {"documents_per_second": 6.55, "batch": 16, "load_seconds": 5.65,
          "source": "benchmarks/results/model.json (PyTorch, before issue #7)"}
SPLITS = ("test", "dev")


# --- one path, in its own process ----------------------------------------------------------

class CRFTagger:
    """The CRF with the tagger interface the Annotator calls (it has no batches)."""

    def __init__(self, crf):
        self.crf = crf

    def predict(self, texts, batch_size: int = 1):
        return self.crf.predict(list(texts))


def load(path: str, batch_size: int):
    from thaigov_ner.pipeline import Annotator

    if path == "crf":
        from peers import pythainlp_crf

        return Annotator(CRFTagger(pythainlp_crf()), batch_size=batch_size)
    return Annotator.load(backend="onnx" if path == "onnx-build" else path, batch_size=batch_size)


def token_count(path: str, annotator, texts: list[str]) -> int:
    if path == "crf":
        from pythainlp.tokenize import word_tokenize

        return sum(len(word_tokenize(t, engine="newmm")) for t in texts)
    return sum(len(annotator.tagger._prepare(t).token_ids) for t in texts)


def throughput(annotator, texts: list[str], batch: int, n_tokens: int, n_process: int = 1) -> dict:
    annotator.batch_size = batch
    list(annotator.pipe(texts[:2], batch_size=batch))  # warm-up
    t0 = time.perf_counter()
    docs = list(annotator.pipe(texts, batch_size=batch, n_process=n_process))
    seconds = time.perf_counter() - t0
    assert len(docs) == len(texts)
    return {"seconds": round(seconds, 2), "documents_per_second": round(len(texts) / seconds, 2),
            "characters_per_second": round(sum(map(len, texts)) / seconds),
            "tokens_per_second": round(n_tokens / seconds)}


def accuracy(annotator, preds_file: Path) -> dict:
    from thaigov_ner.evaluate import exact_scores
    from thaigov_ner.io.jsonl import read_jsonl

    out, found = {}, {}
    for split in SPLITS:
        gold = list(read_jsonl(REPO / f"corpus/thaigov/{split}.jsonl"))
        preds = annotator.tagger.predict([d.text for d in gold], batch_size=16)
        scores = exact_scores([(g, replace(g, entities=tuple(p), relations=())) for g, p in zip(gold, preds)])
        out[split] = scores["micro"].to_dict()
        found[split] = [[[e.start, e.end, e.label] for e in p] for p in preds]
    preds_file.write_text(json.dumps(found), encoding="utf-8")
    return out


def worker(path: str, docs: int, preds_file: Path) -> dict:
    texts = excerpts(docs)
    t0 = time.perf_counter()
    annotator = load(path, 16)
    result: dict = {"load_seconds": round(time.perf_counter() - t0, 2)}
    if path == "onnx-build":  # the first load: build into the (fresh) cache
        # the build steps run in child processes, one at a time: this process's peak plus
        # the largest child's bounds what was resident at once
        result["peak_rss_mb"] = round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                       + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
        return result
    n_tokens = token_count(path, annotator, texts)
    result["speed"] = {str(b): throughput(annotator, texts, b, n_tokens) for b in BATCHES}
    if path == "torch":  # the effect of batching windows of like length together
        annotator.tagger.sort_windows = False
        result["speed_windows_in_text_order"] = {str(b): throughput(annotator, texts, b, n_tokens) for b in (16, 32)}
        annotator.tagger.sort_windows = True
    if path == "onnx":
        result["processes"] = in_processes(annotator, texts, n_tokens)
    result["tokens"] = n_tokens
    result["accuracy"] = accuracy(annotator, preds_file)
    if path == "torch":
        import torch

        result["threads"] = torch.get_num_threads()
    elif path == "onnx":
        result["threads"] = annotator.tagger.runner.threads
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def in_processes(annotator, texts: list[str], n_tokens: int) -> dict:
    """The same annotator with ``pipe(n_process=cores)`` (the CLI's default): one worker
    process per core, one thread each. Started once (timed apart, like a load), then
    measured like the rest; the output is checked to be the in-process output."""
    from thaigov_ner.model.onnx import default_threads

    n = default_threads()
    reference = [d.to_dict() for d in annotator.pipe(texts[:32], batch_size=16)]
    t0 = time.perf_counter()
    same = [d.to_dict() for d in annotator.pipe(texts[:32], batch_size=16, n_process=n)] == reference
    out = {"n_process": n, "start_seconds": round(time.perf_counter() - t0, 2), "same_output": same,
           "speed": {str(b): throughput(annotator, texts, b, n_tokens, n_process=n) for b in (16, 32)}}
    annotator.close()
    out["peak_rss_mb_per_worker"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return out


def profile(docs: int, batch: int = 32) -> dict:
    """Seconds spent in each stage of the default pipeline (wrappers around its steps)."""
    from thaigov_ner.model import predict as predict_module
    from thaigov_ner.pipeline import DEFAULT_BACKEND, Annotator

    texts = excerpts(docs)
    annotator = Annotator.load(batch_size=batch)
    clf = annotator.tagger
    spent = dict.fromkeys(["normalisation", "tokenisation", "windows, batches, merging", "model",
                           "decoding", "rules (relations)"], 0.0)

    def timed(fn, stage):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - t0
        return wrapper

    list(annotator.pipe(texts[:2], batch_size=batch))  # warm-up
    predict_module.normalize = timed(predict_module.normalize, "normalisation")
    predict_module.tokenize = timed(predict_module.tokenize, "tokenisation")
    clf.token_log_probs = timed(clf.token_log_probs, "windows, batches, merging")
    clf.runner = timed(clf.runner, "model")
    clf._entities = timed(clf._entities, "decoding")
    annotator.link = timed(annotator.link, "rules (relations)")
    t0 = time.perf_counter()
    list(annotator.pipe(texts, batch_size=batch))
    total = time.perf_counter() - t0
    spent["windows, batches, merging"] -= spent["model"]  # token_log_probs calls the runner
    spent["other"] = total - sum(spent.values())
    return {"backend": DEFAULT_BACKEND.value, "batch": batch,
            "documents": len(texts), "seconds": round(total, 2),
            "stages": {k: {"seconds": round(v, 3), "percent": round(100 * v / total, 1)} for k, v in spent.items()}}


# --- the run ----------------------------------------------------------------------------------

def run_worker(name: str, args, cache: Path, preds: Path) -> dict:
    env = {**os.environ, "THAIGOV_NER_CACHE": str(cache), "PYTHONWARNINGS": "ignore"}
    cmd = [sys.executable, __file__, "--worker", name, "--docs", str(args.docs), "--preds", str(preds)]
    print(f"[speed] {name} ...", file=sys.stderr, flush=True)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"[speed] the {name} worker failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def agreement(preds: dict, reference: dict) -> float:
    """Entities (span and label) both found / entities either found, over all documents."""
    both = either = 0
    for split in SPLITS:
        for a, b in zip(preds[split], reference[split]):
            a, b = set(map(tuple, a)), set(map(tuple, b))
            both += len(a & b)
            either += len(a | b)
    return round(both / either, 4) if either else 1.0


def machine() -> dict:
    import onnxruntime
    import torch

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    mem_kb = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "ram_gb": round(mem_kb / 1024 ** 2, 1),
            "python": platform.python_version(), "torch": torch.__version__, "onnxruntime": onnxruntime.__version__,
            "platform": platform.platform()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120, help="documents for the speed measurements")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "speed.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--preds", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = profile(args.docs) if args.worker == "profile" else worker(args.worker, args.docs, args.preds)
        print(json.dumps(result))
        return

    started = time.time()
    result: dict = {"command": "python benchmarks/speed.py", "date": datetime.date.today().isoformat(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "machine": machine()}
    texts = excerpts(args.docs)
    result["inputs"] = {"documents": len(texts), "mean_characters": round(sum(map(len, texts)) / len(texts)),
                        "source": "excerpts() of benchmarks/model.py: shared thaigov-v2-sample articles"}
    paths: dict = {}
    found: dict = {}
    with tempfile.TemporaryDirectory(prefix="thaigov-ner-speed-") as tmp:
        cache = Path(tmp) / "cache"
        cold = run_worker("onnx-build", args, cache, Path(tmp) / "none.json")
        for name in ("torch", "onnx", "crf"):
            paths[name] = run_worker(name, args, cache, Path(tmp) / f"{name}.json")
            found[name] = json.loads((Path(tmp) / f"{name}.json").read_text())
        paths["onnx"]["load_seconds_cold"] = cold["load_seconds"]
        paths["onnx"]["peak_rss_mb_cold_build"] = cold["peak_rss_mb"]
        result["profile"] = run_worker("profile", args, cache, Path(tmp) / "none.json")
    for name, p in paths.items():
        p["agreement_with_torch"] = agreement(found[name], found["torch"])
    result["paths"] = paths
    torch_speed = paths["torch"]["speed"]
    result["ratios_vs_torch"] = {
        name: {**{f"documents_per_second_b{b}": round(p["speed"][str(b)]["documents_per_second"]
                                                      / torch_speed[str(b)]["documents_per_second"], 2) for b in BATCHES},
               "load_seconds": round(p["load_seconds"] / paths["torch"]["load_seconds"], 2),
               "peak_rss": round(p["peak_rss_mb"] / paths["torch"]["peak_rss_mb"], 2),
               "test_f1_points": round(100 * (p["accuracy"]["test"]["f1"] - paths["torch"]["accuracy"]["test"]["f1"]), 2)}
        for name, p in paths.items()}
    from thaigov_ner.pipeline import DEFAULT_BACKEND

    default = DEFAULT_BACKEND.value
    d16 = paths[default]["speed"]["16"]["documents_per_second"]
    p16 = paths["onnx"]["processes"]["speed"]["16"]["documents_per_second"]
    result["target"] = {
        "default_backend": default, "before": BEFORE,
        "default_documents_per_second_b16": d16, "ratio_to_before": round(d16 / BEFORE["documents_per_second"], 2),
        "met_2x": d16 >= 2 * BEFORE["documents_per_second"],
        "cli_default_documents_per_second_b16": p16,
        "cli_ratio_to_before": round(p16 / BEFORE["documents_per_second"], 2),
        "cli_met_2x": p16 >= 2 * BEFORE["documents_per_second"],
        "test_f1_points_vs_torch": result["ratios_vs_torch"][default]["test_f1_points"],
        "f1_within_half_point": abs(result["ratios_vs_torch"][default]["test_f1_points"]) <= 0.5,
    }
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["wall_seconds"] = round(time.time() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(render(result), encoding="utf-8")
    print(render(result))


def render(r: dict) -> str:
    m, paths = r["machine"], r["paths"]
    lines = ["# Speed (benchmarks/speed.py)", "",
             f"{r['date']}, {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
             f"torch {m['torch']}, onnxruntime {m['onnxruntime']}; load average at start "
             f"{r['load_average_at_start']}, at end {r['load_average_at_end']}; whole run {r['wall_seconds']} s.",
             f"{r['inputs']['documents']} excerpts of {r['inputs']['mean_characters']} characters on average; "
             "documents per second through the whole pipeline (entities + rule layer).", "",
             "| path | docs/s b1 | docs/s b16 | docs/s b32 | chars/s b32 | tokens/s b32 | x torch b32 | "
             "load s (cold) | peak MB | test F1 | dev F1 | same entities as torch |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, p in paths.items():
        s = p["speed"]
        cold = f" ({p['load_seconds_cold']})" if "load_seconds_cold" in p else ""
        lines.append(f"| {name} | {s['1']['documents_per_second']} | {s['16']['documents_per_second']} | "
                     f"{s['32']['documents_per_second']} | {s['32']['characters_per_second']} | "
                     f"{s['32']['tokens_per_second']} | {r['ratios_vs_torch'][name]['documents_per_second_b32']} | "
                     f"{p['load_seconds']}{cold} | {p['peak_rss_mb']} | {p['accuracy']['test']['f1']:.4f} | "
                     f"{p['accuracy']['dev']['f1']:.4f} | {p['agreement_with_torch']:.1%} |")
        if "processes" in p:
            q = p["processes"]
            lines.append(f"| {name}, {q['n_process']} processes | - | {q['speed']['16']['documents_per_second']} | "
                         f"{q['speed']['32']['documents_per_second']} | {q['speed']['32']['characters_per_second']} | "
                         f"{q['speed']['32']['tokens_per_second']} | "
                         f"{q['speed']['32']['documents_per_second'] / paths['torch']['speed']['32']['documents_per_second']:.2f} | "
                         f"+{q['start_seconds']} to start | {q['peak_rss_mb_per_worker']} per worker | "
                         f"same output: {q['same_output']} | | |")
    t = r["target"]
    unsorted = paths["torch"]["speed_windows_in_text_order"]
    lines += ["", "Tokens: the model's subword tokens (torch, onnx), PyThaiNLP newmm words (crf). "
              "onnx cold load = export (+ quantisation, if the model asks for it) into the cache (peak "
              f"{paths['onnx']['peak_rss_mb_cold_build']} MB: this process + the largest build step's "
              "process, needs torch); warm load reads the cache without torch.",
              f"torch with windows in text order instead of sorted by length: {unsorted['16']['documents_per_second']} "
              f"docs/s at b16, {unsorted['32']['documents_per_second']} at b32.", "",
              f"Target (issue #7): default backend `{t['default_backend']}` at batch 16: "
              f"{t['default_documents_per_second_b16']} docs/s = {t['ratio_to_before']} x the "
              f"{t['before']['documents_per_second']} docs/s before; 2 x met: {t['met_2x']}; test F1 "
              f"{t['test_f1_points_vs_torch']:+} points against torch (within 0.5: {t['f1_within_half_point']}). "
              f"In {paths['onnx']['processes']['n_process']} processes (`Annotator.pipe(n_process=...)`, the CLI's "
              f"default `--processes`): {t['cli_default_documents_per_second_b16']} docs/s = {t['cli_ratio_to_before']} x; "
              f"2 x met: {t['cli_met_2x']}. The {t['before']['documents_per_second']} docs/s were measured on another "
              "day; `benchmarks/speed_before.py` runs the code from before issue #7 in turns with the current "
              "default on the same machine (`speed-before.json`).", "",
              f"## Where the time goes ({r['profile']['documents']} documents, batch {r['profile']['batch']}, "
              f"default backend, {r['profile']['seconds']} s)", "", "| stage | seconds | % |", "|---|---|---|"]
    for stage, v in r["profile"]["stages"].items():
        lines.append(f"| {stage} | {v['seconds']} | {v['percent']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
