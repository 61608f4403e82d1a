"""Check that extraction finds exactly what a reference run found.

    .venv/bin/python tools/same_extractions.py --write /tmp/ref.digest   # reference run
    .venv/bin/python tools/same_extractions.py --check /tmp/ref.digest   # after a change

Extracts a fixed set of texts: the articles of ``tests/eval``, ``tests/articles``,
``tests/hostile`` and ``data/``, ``../shared/seed`` and ``../shared/realdev`` when
they are there, and ``--generated`` articles of ``bench/corpus_gen.generated``
(seed 7). For each it writes one line: its name and a hash of the ``repr`` of
each field of its Extraction (records are frozen dataclasses of tuples, so the
repr is deterministic). ``--check`` lists the articles and fields that differ
and exits 1 when any does. Meant for speed work: a faster rule must find the
same things.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus_gen import generated  # noqa: E402

from kg.errors import KgError  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.ingest import parse_article, read_article  # noqa: E402
from kg.records import Extraction  # noqa: E402

FIELDS = ("article", "mentions", "entities", "relations", "quantities", "periods", "notes")
FOLDERS = (
    ROOT / "tests" / "eval" / "articles",
    ROOT / "tests" / "articles",
    ROOT / "tests" / "hostile",
    ROOT / "data" / "articles",
    ROOT.parent.parent / "shared" / "seed",
    ROOT.parent.parent / "shared" / "realdev",
)


def _digest(ex: Extraction) -> str:
    return " ".join(hashlib.sha256(repr(getattr(ex, f)).encode()).hexdigest()[:16] for f in FIELDS)


def lines(generated_count: int, seed: int) -> list[str]:
    """One ``name digest`` line per text of the set."""
    out = []
    for folder in FOLDERS:
        if not folder.is_dir():
            print(f"(no {folder})", file=sys.stderr)
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".txt", ".html"):
                continue
            name = f"{folder.parent.name}/{folder.name}/{path.name}"
            try:
                article = read_article(path)
            except KgError as exc:
                out.append(f"{name} unread {type(exc).__name__}")
                continue
            out.append(f"{name} {_digest(extract(article))}")
    for i, page in enumerate(generated(generated_count, seed)):
        article = parse_article(page, f"gen-{i}.txt", f"{i:064x}")
        out.append(f"generated/{i} {_digest(extract(article))}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write the digest here")
    mode.add_argument("--check", type=Path, help="compare with the digest written here")
    ap.add_argument("--generated", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    found = lines(args.generated, args.seed)
    if args.write:
        args.write.write_text("\n".join(found) + "\n", encoding="utf-8")
        print(f"{len(found)} extractions digested into {args.write}")
        return
    reference = args.check.read_text(encoding="utf-8").splitlines()
    ref = dict(line.split(" ", 1) for line in reference)
    now = dict(line.split(" ", 1) for line in found)
    differ = 0
    for name in sorted(ref.keys() | now.keys()):
        a, b = ref.get(name), now.get(name)
        if a == b:
            continue
        differ += 1
        if a is None or b is None:
            print(f"{name}: only in {'the reference' if b is None else 'this run'}")
            continue
        fields = [f for f, x, y in zip(FIELDS, a.split(), b.split(), strict=False) if x != y]
        print(f"{name}: {', '.join(fields) or 'differs'}")
    print(f"{len(now)} extractions, {differ} differ from {args.check}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
