"""Benchmark of whole builds of a corpus: from scratch, then again after touching one article.

    .venv/bin/python bench/corpus.py [--corpus generated|real] [--articles 1000 10000] [--seed 7]

Each corpus (see ``bench/corpus_gen.py``) is written to
``bench/results/corpus/<corpus>-<N>/articles`` and built with the real
command, ``kg build ARTICLES --out OUT``, in a child process: validation and
every export included. Then one article is touched (a number in it changed)
and the same command runs again over the same output folder. For each build it
prints wall time, articles/s, chars/s, triples (from kg's own summary line) and
the child's peak RSS. ``--corpus real`` needs ``../shared/realdev`` (or
``--real-dir``); a user's clone has none, so the generated corpus is the default.
A build that takes longer than ``--timeout`` seconds is stopped and reported.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus_gen import from_real, generated  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "corpus"
KG = ROOT / ".venv" / "bin" / "kg"


def write_corpus(kind: str, count: int, seed: int, real_dir: Path) -> tuple[Path, int]:
    """The corpus's article folder (written afresh) and its characters."""
    folder = RESULTS / f"{kind}-{count}" / "articles"
    shutil.rmtree(folder.parent, ignore_errors=True)
    folder.mkdir(parents=True)
    pages = generated(count, seed) if kind == "generated" else from_real(real_dir, count, seed)
    for i, page in enumerate(pages):
        (folder / f"{kind}-{i:05d}.txt").write_text(page, encoding="utf-8")
    return folder, sum(map(len, pages))


def timed_build(articles: Path, out: Path, timeout: float) -> dict:
    """Run ``kg build`` in a child; its wall time, peak RSS (MB), triples and exit code.

    The peak is this child's own (``os.wait4``), not the maximum over every
    child the benchmark has run.
    """
    log = out.parent / "build.log"
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as sink:
        child = subprocess.Popen(
            [str(KG), "build", str(articles), "--out", str(out)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    timer = threading.Timer(timeout, os.killpg, (child.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    wall = time.perf_counter() - started
    output = log.read_text(encoding="utf-8")
    found = re.search(r"(\d+) triples", output)
    return {
        "wall": wall,
        "timeout": os.WIFSIGNALED(status) and wall >= timeout,
        "rss_mb": usage.ru_maxrss / 1024,
        "triples": int(found.group(1)) if found else None,
        "code": os.waitstatus_to_exitcode(status),
    }


def touch_one(articles: Path) -> None:
    """Change one number in the first article, as an editor's correction would."""
    first = sorted(articles.iterdir())[0]
    text = first.read_text(encoding="utf-8")
    match = re.search(r"\d+(?=亿元|万元|亩|公里|家|个)", text)
    if match:
        changed = str(int(match.group()) + 1)
        text = text[: match.start()] + changed + text[match.end() :]
    else:
        text += "\n"
    first.write_text(text, encoding="utf-8")


def report(label: str, count: int, chars: int, result: dict) -> None:
    if result.get("timeout"):
        print(f"  {label:22s} stopped after {result['wall']:.0f} s (--timeout)")
        return
    wall = result["wall"]
    triples = f"{result['triples']:,}" if result["triples"] is not None else "?"
    print(
        f"  {label:22s} {wall:8.1f} s  {count / wall:8.1f} articles/s  "
        f"{chars / wall:10,.0f} chars/s  {triples:>10s} triples  "
        f"peak RSS {result['rss_mb']:,.0f} MB (exit {result['code']})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("generated", "real"), default="generated")
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--real-dir", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--timeout", type=float, default=3600)
    args = ap.parse_args()
    if not KG.exists():
        raise SystemExit(f"no {KG}: run `make demo` first")
    print(f"kg build on {os.cpu_count()} cores; corpus: {args.corpus}, seed {args.seed}")
    for count in args.articles:
        articles, chars = write_corpus(args.corpus, count, args.seed, args.real_dir)
        out = articles.parent / "out"
        print(f"{count:,} articles, {chars:,} characters ({chars / count:,.0f} per article)")
        first = timed_build(articles, out, args.timeout)
        report("from scratch", count, chars, first)
        if first.get("timeout"):
            continue
        touch_one(articles)
        report("after touching one", count, chars, timed_build(articles, out, args.timeout))


if __name__ == "__main__":
    main()
