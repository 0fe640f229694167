"""The real job: annotate all 12,000 thaigov.go.th articles with the CLI and
summarise the run (wall time, documents and characters per second, peak
memory, what was found). The annotated output stays in runs/ (not committed);
the summary goes to benchmarks/results/batch-12k.json.

    python benchmarks/batch_run.py [--out runs/batch-12k.jsonl] [--backend onnx] [--limit N]

The CLI runs with its defaults (onnx backend, one worker process per core). Peak memory is
reported twice: the largest single process (getrusage) and the CLI with its workers
together (sampled every second from /proc).

``--limit`` annotates only the first N articles (a quick check of the script).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "data" / "thaigov-v2-sample" / "articles.jsonl.gz"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        pid = int(stat.parent.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, frontier = {root}, [root]
    while frontier:
        children = [pid for pid, ppid in parents.items() if ppid in frontier and pid not in tree]
        tree.update(children)
        frontier = children
    return sum(rss.get(pid, 0) for pid in tree) / 1024 ** 2


def summarise(output: Path) -> dict:
    docs = errors = chars = 0
    labels: Counter = Counter()
    relations: Counter = Counter()
    officials = delegations = with_delegation = 0
    error_codes: Counter = Counter()
    with open(output, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if "error" in record:
                errors += 1
                error_codes[record["error"]["code"]] += 1
                continue
            docs += 1
            chars += len(record["text"])
            labels.update(e["label"] for e in record["entities"])
            relations.update(r["type"] for r in record["relations"])
            officials += len(record.get("officials", ()))
            delegations += len(record.get("delegations", ()))
            with_delegation += bool(record.get("delegations"))
    return {"documents_annotated": docs, "error_records": errors, "error_codes": dict(error_codes),
            "characters": chars, "entities": dict(labels), "relations": dict(relations),
            "officials": officials, "delegations": delegations, "documents_with_a_delegation": with_delegation}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "runs" / "batch-12k.jsonl")
    parser.add_argument("--backend", default=None, help="passed to `thaigov-ner annotate --backend`")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--result", type=Path, default=REPO / "benchmarks" / "results" / "batch-12k.json")
    args = parser.parse_args()

    source = ARTICLES
    tmp = None
    if args.limit:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n == args.limit:
                    break
                tmp.write(line)
        tmp.close()
        source = Path(tmp.name)
    cli = shutil.which("thaigov-ner", path=str(Path(sys.executable).parent)) or "thaigov-ner"
    command = [cli, "annotate", str(source), "-o", str(args.out), "--batch-size", str(args.batch_size), "--no-progress"]
    if args.backend:
        command += ["--backend", args.backend]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, text=True)
        peak_total = 0.0
        while proc.poll() is None:  # sampled every second: the CLI and its worker processes together
            peak_total = max(peak_total, tree_rss_mb(proc.pid))
            time.sleep(1)
        wall = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if tmp:
        os.unlink(tmp.name)
    found = summarise(args.out)
    result = {
        "command": " ".join(["thaigov-ner", *command[1:]]).replace(str(source), "articles.jsonl.gz" if not tmp else f"first {args.limit} articles"),
        "exit_code": proc.returncode, "cli_stderr_tail": stderr.strip().splitlines()[-3:],
        "wall_seconds": round(wall, 1),
        "documents_per_second": round((found["documents_annotated"] + found["error_records"]) / wall, 2),
        "characters_per_second": round(found["characters"] / wall),
        "peak_rss_mb_largest_process": round(peak_mb),
        "peak_rss_mb_all_processes_sampled": round(peak_total),
        **found,
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_start": [round(x, 2) for x in load],
                    "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")},
    }
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
