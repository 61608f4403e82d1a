"""Benchmark of big inputs through a whole ``kg build``; prints its figures.

    .venv/bin/python bench/inputs.py [--mb 1.0] [--budget 600] [--sparse-gb 3]

Two lines:

- a generated article of about ``--mb`` MB (bench/stages.py's templated
  paragraphs, one page, one header) built with the real command line in a
  subprocess: seconds and peak memory, or "not done" when it passes
  ``--budget`` seconds (it is then killed);
- a sparse file of ``--sparse-gb`` GB among the inputs: the seconds until kg
  refuses it, and the growth of the process's peak memory (it must not be
  read).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stages import generated_articles  # noqa: E402

from kg.errors import InputError  # noqa: E402
from kg.ingest import read_article  # noqa: E402


def big_article(megabytes: float) -> str:
    """One page whose body is generated paragraphs, about ``megabytes`` MB of UTF-8."""
    pages = generated_articles(int(megabytes * 1e6 / 1500) + 1, seed=7)
    head = "\n\n".join(pages[0].split("\n\n")[:2])
    body, size = [], 0
    for block in (b for page in pages for b in page.split("\n\n") if b.startswith("  ")):
        if size >= megabytes * 1e6:
            break
        body.append(block)
        size += len(block.encode("utf-8")) + 2
    return head + "\n\n" + "\n\n".join(body) + "\n\n2024年01月01日\n"


def build_line(megabytes: float, budget: float) -> str:
    """Time and peak memory of ``kg build`` on one article of ``megabytes`` MB."""
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "big-2024-01-01.txt"
        article.write_text(big_article(megabytes), encoding="utf-8")
        size = article.stat().st_size / 1e6
        command = [sys.executable, "-m", "kg.cli", "build", str(article),
                   "--out", str(Path(folder) / "out")]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            process.communicate(timeout=budget)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return f"build of one {size:.2f} MB article: not done after {budget:.0f} s (killed)"
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = after.ru_maxrss / 1024
        # CPU of the build and its workers: on a shared machine the wall time says more
        # about the other jobs than about kg
        cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
        load = os.getloadavg()[0]
        status = "built" if process.returncode in (0, 1) else f"exit {process.returncode}"
        return (
            f"build of one {size:.2f} MB article: {seconds:.1f} s ({cpu:.1f} s of CPU, "
            f"load {load:.1f}), {status}, peak memory {peak:.0f} MB"
        )


def sparse_line(gigabytes: float) -> str:
    """Seconds to refuse a sparse file of ``gigabytes`` GB, and the memory it cost."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.txt"
        with path.open("wb") as handle:
            handle.truncate(int(gigabytes * 1e9))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        try:
            read_article(path)
            verdict = "read (not refused!)"
        except InputError as err:
            verdict = f"refused: {err}"
        seconds = time.perf_counter() - started
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
        return f"{gigabytes:g} GB sparse file: {seconds * 1000:.1f} ms, +{grown:.0f} MB; {verdict}"


def cli_sparse_line(gigabytes: float) -> str:
    """Wall time of a whole ``kg build`` given only a sparse file (start-up included)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.txt"
        with path.open("wb") as handle:
            handle.truncate(int(gigabytes * 1e9))
        command = [sys.executable, "-m", "kg.cli", "build", str(path),
                   "--out", str(Path(folder) / "out")]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - started
        return (
            f"kg build of only the {gigabytes:g} GB sparse file: {seconds:.2f} s "
            f"(Python start-up and imports included), exit {done.returncode}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the big article")
    parser.add_argument("--budget", type=float, default=600.0, help="seconds before giving up")
    parser.add_argument("--sparse-gb", type=float, default=3.0, help="size of the sparse file")
    args = parser.parse_args()
    print(sparse_line(args.sparse_gb), flush=True)
    print(cli_sparse_line(args.sparse_gb), flush=True)
    print(build_line(args.mb, args.budget), flush=True)


if __name__ == "__main__":
    main()
