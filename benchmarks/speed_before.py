"""The default batch path against the plain PyTorch path as it was before issue #7, in
turns on the same machine and the same inputs.

    python benchmarks/speed_before.py [--before f10b1b1] [--rounds 3] [--docs 120]

``--before`` (default: the last commit before the ONNX backend) is checked out into a
temporary git worktree and imported from there: its PyTorch path at batch 16, as
benchmarks/model.py measured it then. "now" is what ``thaigov-ner annotate`` does by
default: the onnx backend, one worker process per core, batch 16. Turns alternate
(before, now, before, now, ...), each in a fresh process, so a machine that speeds up or
slows down during the run affects both alike; the ratio of the medians is reported.
Load and worker start are not timed (benchmarks/speed.py reports them).
Writes benchmarks/results/speed-before.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BEFORE = "f10b1b1"  # the parent of a8f69a8, which added the ONNX backend


def turn(which: str, docs: int) -> dict:
    sys.path.insert(0, str(HERE))
    from model import excerpts  # benchmarks/model.py

    import thaigov_ner
    from thaigov_ner.pipeline import Annotator

    texts = excerpts(docs)
    annotator = Annotator.load(batch_size=16)
    options = {}
    if which == "now":
        from thaigov_ner.model.onnx import default_threads

        options["n_process"] = default_threads()
    list(annotator.pipe(texts[:32], batch_size=16, **options))  # warm-up (starts the workers)
    t0 = time.perf_counter()
    out = list(annotator.pipe(texts, batch_size=16, **options))
    seconds = time.perf_counter() - t0
    if options:
        annotator.close()
    return {"which": which, "code": str(Path(thaigov_ner.__file__).parent), "documents": len(out),
            "seconds": round(seconds, 2), "documents_per_second": round(len(out) / seconds, 2), **options}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="git revision of the plain path before issue #7")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "speed-before.json")
    parser.add_argument("--turn", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.turn:
        print(json.dumps(turn(args.turn, args.docs)))
        return

    rev = subprocess.run(["git", "rev-parse", args.before], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.strip()
    now_rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.strip()
    load_start = [round(x, 2) for x in os.getloadavg()]
    turns: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="thaigov-ner-before-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), rev], cwd=REPO, check=True,
                       capture_output=True)
        try:
            for r in range(args.rounds):
                for which in ("before", "now"):
                    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
                    if which == "before":
                        env["PYTHONPATH"] = str(tree / "src")
                    done = subprocess.run([sys.executable, __file__, "--turn", which, "--docs", str(args.docs)],
                                          env=env, capture_output=True, text=True)
                    if done.returncode != 0:
                        sys.stderr.write(done.stderr)
                        raise SystemExit(f"[speed_before] the {which} turn failed (exit {done.returncode})")
                    turns.append(json.loads(done.stdout.strip().splitlines()[-1]))
                    if (which == "before") != turns[-1]["code"].startswith(str(tree)):
                        raise SystemExit(f"[speed_before] the {which} turn ran the code in {turns[-1]['code']}")
                    print(f"[speed_before] round {r + 1} {which}: {turns[-1]['documents_per_second']} docs/s",
                          file=sys.stderr, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, capture_output=True)
    for t in turns:
        t["code"] = "worktree of --before" if t["which"] == "before" else os.path.relpath(t["code"], REPO)
    median = {w: statistics.median(t["documents_per_second"] for t in turns if t["which"] == w)
              for w in ("before", "now")}
    result = {"command": "python benchmarks/speed_before.py", "date": time.strftime("%Y-%m-%d"),
              "before": {"revision": rev, "path": "torch, batch 16, one process"},
              "now": {"revision": now_rev, "path": "onnx (default backend), batch 16, one worker process per core"},
              "cores": os.cpu_count(), "load_average_at_start": load_start,
              "load_average_at_end": [round(x, 2) for x in os.getloadavg()], "turns": turns,
              "median_documents_per_second": median, "ratio": round(median["now"] / median["before"], 2)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"median_documents_per_second": median, "ratio": result["ratio"]}))


if __name__ == "__main__":
    main()
