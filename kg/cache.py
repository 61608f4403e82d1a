"""The build cache under ``OUT/.kg-cache``: what a build can reuse from the last one.

Six kinds of entry, each in its own file named by a key:

- ``extract/<key>``: an article's Extraction, keyed by the file's path and
  bytes and the extractor's version, a hash of the code and data reading and
  extraction use (``kg/ingest``, ``kg/extract``, ``kg/records.py``,
  ``kg/pinyin.py`` and pypinyin's version, ``data/``);
- ``summary/<key>``: the same Extraction with its entities alone and no text
  (and a hash of its text), under the same key: what cross-article resolution
  and the IRIs need, about a sixth of the whole, so a rebuild does not read
  every whole Extraction, nor read any article again;
- ``part/<key>``: an article's graph part, keyed by ``kg.parts.part_key`` and
  the model's version (``kg/model.py``, ``kg/vocab.py``, ``kg/validate.py``,
  ``ontology/``); not a pickle but ``kg.parts.write_part``'s file, which the
  build reads piece by piece while writing its outputs (``put_bytes``,
  ``path``), so the parts of a corpus are never all in memory;
- ``view/<key>``: an article's piece of the NetworkX view
  (``kg.analyse.pieces``: its entities' facts and the rows of its sentences,
  figures and statements), keyed by the part's key and the view's version
  (``kg/analyse/pieces.py``, ``kg/analyse/view.py``, ``kg/ntriples.py``,
  ``kg/vocab.py``, ``kg/records.py``), made with the part; the build merges
  the view from the pieces instead of reading every part's triples;
- ``layout/<key>``: a force layout of the browser page, keyed by the graph laid
  out (``kg.export.summary``, ``kg.export.layout``), so a rebuild whose drawn structure is unchanged
  does not lay it out again;
- ``pinyin/<key>``: the IRI slugs of the last build's names (``kg.pinyin``),
  keyed by ``kg/pinyin.py`` and pypinyin's version.

Entries are written to a temporary file and renamed, so a build killed at any
moment leaves every entry whole or absent; an entry that cannot be read is
treated as absent. After a build switches its outputs in, entries it did not
use are removed, so the cache holds one build's worth. The cache is the
user's own output folder: it is not meant to be shared between users (pickle).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, MutableMapping
from functools import cache
from importlib import metadata
from pathlib import Path

from kg.resources import resource_path

log = logging.getLogger(__name__)

FOLDER = ".kg-cache"
_PACKAGE = Path(__file__).resolve().parent


@cache
def code_version(kind: str) -> str:
    """A hash of the code and data an entry of ``kind`` depends on."""
    if kind == "layout":
        paths = [_PACKAGE / "export" / "summary.py", _PACKAGE / "export" / "layout.py"]
    elif kind == "pinyin":
        paths = [_PACKAGE / "pinyin.py"]
    elif kind == "view":  # keyed by the part's key too, which hashes the model's code
        names = ("analyse/pieces.py", "analyse/view.py", "ntriples.py", "vocab.py", "records.py")
        paths = [_PACKAGE / name for name in names]
    elif kind in ("extract", "summary"):
        paths = [*(_PACKAGE / "extract").rglob("*.py"), *(_PACKAGE / "ingest").rglob("*.py")]
        paths += [_PACKAGE / "records.py", _PACKAGE / "pinyin.py"]
        paths += [
            *_files(resource_path("data", "lexicon")),
            *_files(resource_path("data", "gazetteer")),
        ]
    else:
        paths = [
            _PACKAGE / name
            for name in ("model.py", "vocab.py", "validate.py", "parts.py", "pinyin.py")
        ]
        paths += _files(resource_path("ontology"))
    digest = hashlib.sha256(_version().encode())
    if kind in ("pinyin", "extract", "summary"):  # article ids are romanised too
        digest.update(metadata.version("pypinyin").encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(path.parents[1])).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _version() -> str:
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        return ""


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


class BuildCache:
    """Entries under ``folder``; ``None`` as folder makes a cache that holds nothing."""

    def __init__(self, folder: Path | None):
        self.folder = None if folder is None else Path(folder)
        kinds = ("extract", "summary", "part", "view", "layout", "pinyin")
        self.used: dict[str, set[str]] = {kind: set() for kind in kinds}
        self.hits = dict.fromkeys(kinds, 0)

    def key(self, kind: str, *parts: bytes | str) -> str:
        """The key of an entry of ``kind`` made of ``parts`` and the code version."""
        digest = hashlib.sha256(code_version(kind).encode())
        for part in parts:
            digest.update(part.encode() if isinstance(part, str) else part)
        return digest.hexdigest()

    def get(self, kind: str, key: str) -> object | None:
        """The entry, or None when absent or unreadable."""
        self.used[kind].add(key)
        if self.folder is None:
            return None
        path = self.folder / kind / key
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as err:  # a torn or foreign file: rebuilt, never trusted
            log.info("ignoring unreadable cache entry %s: %s", path, err)
            return None
        self.hits[kind] += 1
        return value

    def put(self, kind: str, key: str, value: object) -> None:
        """Store an entry atomically; a cache that cannot be written is only logged."""
        self.put_bytes(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def path(self, kind: str, key: str) -> Path | None:
        """Where the entry is (or would be) kept; None for a cache that holds nothing.
        The entry counts as used by this build."""
        self.used[kind].add(key)
        return None if self.folder is None else self.folder / kind / key

    def put_bytes(self, kind: str, key: str, data: bytes) -> Path | None:
        """Store ``data`` as the entry, atomically; its path, or None when not written
        (no folder, or one that cannot be written, which is only logged)."""
        self.used[kind].add(key)
        if self.folder is None:
            return None
        folder = self.folder / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / key)
        except OSError as err:
            log.warning("cannot write the build cache in %s: %s", folder, err.strerror)
            return None
        return folder / key

    def prune(self) -> int:
        """Remove entries this build did not use, and temporary files; how many went."""
        if self.folder is None:
            return 0
        removed = 0
        for kind, used in self.used.items():
            for path in _entries(self.folder / kind):
                if path.name not in used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


class Memo(MutableMapping):
    """The entries of one kind as a mapping (what a cached computation reads and fills)."""

    def __init__(self, cache: BuildCache, kind: str):
        self.cache, self.kind = cache, kind

    def __getitem__(self, key: str) -> object:
        value = self.cache.get(self.kind, self.cache.key(self.kind, key))
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: object) -> None:
        self.cache.put(self.kind, self.cache.key(self.kind, key), value)

    def __delitem__(self, key: str) -> None:
        raise TypeError("cache entries are removed by prune()")

    def __iter__(self) -> Iterator[str]:
        return iter(())  # keys are hashes of what they stand for: not listed

    def __len__(self) -> int:
        return 0


def _entries(folder: Path) -> Iterable[Path]:
    return folder.iterdir() if folder.is_dir() else ()


__all__ = ["FOLDER", "BuildCache", "code_version"]
