"""A build's outputs replaced as one set: staged in a folder, switched in by one rename.

Renaming each file into place is atomic per file but not per set: a build
killed between ``kg.ttl`` and ``kg.html`` left a new Turtle file beside an
old page. So every build writes into its own folder,
``OUT/.kg-builds/<id>.partial-<pid>``, renamed ``OUT/.kg-builds/<id>`` when
complete; ``OUT/.kg-current`` is a symbolic link to the build in force,
replaced by a rename (atomic), and each output ``OUT/kg.ttl`` is a link to
``.kg-current/kg.ttl``. Readers see the whole old set or the whole new one,
whenever a build is killed. Links are relative, so OUT can be moved.

An output folder written before this scheme (plain files) is taken over
without a moment of mixed files: the plain files are hard-linked into a first
build folder, ``.kg-current`` points at it, and only then is each plain file
replaced by its link (same contents either way).

What a killed build leaves (a ``.partial`` folder, a temporary link, a
``.*.tmp`` file of the old per-file scheme) is removed by the next build.
On a file system without symbolic links (FAT, exFAT) the outputs are renamed
into place one by one instead, with a warning: atomic per file only.

What ``kg analyse`` writes from a build's ``kg.ttl`` (``report/``, ``kg.gexf``,
the CSVs) is added to that build's folder and linked like its outputs
(``beside_build``), so it is replaced or removed with the build it describes:
a later build never leaves an older report beside a newer graph.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError

log = logging.getLogger(__name__)

BUILDS = ".kg-builds"
CURRENT = ".kg-current"
LOCK = ".kg-lock"
_PARTIAL = re.compile(r".+\.partial-(\d+)")
_LEFTOVER = re.compile(r"\..+\.(?:tmp|(?:new|old|link)-(\d+))")


class Staging:
    """A build in progress: outputs go into ``folder``; ``commit`` switches them in."""

    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            (self.out / BUILDS).mkdir(exist_ok=True)
            clean_leftovers(self.out)
            # Unique even for two builds of one process in one second.
            self.name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
            self.folder = self.out / BUILDS / f"{self.name}.partial-{os.getpid()}"
            self.folder.mkdir()
        except OSError as err:
            raise OutputError(
                f"cannot write to {self.out}: {err.strerror or err}; choose another --out"
            ) from err

    def commit(self) -> list[str]:
        """Switch the staged outputs in as the current set; the names now in OUT.

        Builds into one folder at the same time switch in turn (a lock), so one
        never removes the set another is switching to.
        """
        try:
            with (self.out / LOCK).open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                final = self.out / BUILDS / self.name
                self.folder.rename(final)
                names = sorted(p.name for p in final.iterdir())
                if not _links_work(self.out):
                    _move_in(final, self.out)
                    return names
                _adopt_plain_outputs(self.out)
                for name in names:
                    _link(self.out / name, f"{CURRENT}/{name}")  # dangles until the switch
                _link(self.out / CURRENT, f"{BUILDS}/{self.name}")  # the switch
                _forget_others(self.out, keep=self.name, names=set(names))
        except OSError as err:
            raise OutputError(f"cannot switch in the new outputs in {self.out}: {err}") from err
        return names

    def abort(self) -> None:
        """Remove the staged outputs (an interrupted or failed build)."""
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def beside_build(out: Path, graph: Path) -> Iterator[Path]:
    """A folder for outputs made from ``graph``, added to its build when the block ends.

    When ``graph`` is an output of the build now in force in ``out``, what is
    written into the yielded folder is moved into that build's folder and
    linked from ``out`` like the build's own outputs, so the next build removes
    it with the rest. Otherwise (another folder, a graph from elsewhere, no
    links) the yielded folder is ``out`` itself and files are written in place.
    """
    out = Path(out)
    build = _build_of(out, Path(graph))
    if build is None:
        out.mkdir(parents=True, exist_ok=True)
        yield out
        return
    staged = out / BUILDS / f"{build.name}-extra.partial-{os.getpid()}"
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir()
    try:
        yield staged
        _attach(out, build, staged, graph)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _build_of(out: Path, graph: Path) -> Path | None:
    """The build folder in force in ``out`` when ``graph`` is one of its files."""
    current = out / CURRENT
    if not current.is_symlink():
        return None
    folder = current.resolve()
    return folder if graph.resolve().parent == folder else None


def _attach(out: Path, build: Path, staged: Path, graph: Path) -> None:
    try:
        with (out / LOCK).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if (out / CURRENT).resolve() != build:
                raise OutputError(
                    f"a newer build replaced {graph} while it was analysed; run it again"
                )
            for entry in sorted(staged.iterdir()):
                target = build / entry.name
                if target.is_dir() and not target.is_symlink():
                    old = build / f".{entry.name}.old-{os.getpid()}"
                    os.replace(target, old)
                    os.replace(entry, target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(entry, target)
                _link(out / entry.name, f"{CURRENT}/{entry.name}")
    except OSError as err:
        raise OutputError(f"cannot add the analysis to the build in {out}: {err}") from err


def clean_leftovers(out: Path) -> list[Path]:
    """Remove what killed builds left in ``out`` (their processes are gone); what was removed."""
    removed = []
    builds = out / BUILDS
    candidates = list(builds.iterdir()) if builds.is_dir() else []
    candidates += [p for p in out.iterdir() if _LEFTOVER.fullmatch(p.name)]
    for path in candidates:
        found = _PARTIAL.fullmatch(path.name) or _LEFTOVER.fullmatch(path.name)
        if not found or (found.group(1) and _alive(int(found.group(1)))):
            continue  # not a leftover, or another build is writing it now
        _remove(path)
        removed.append(path)
    if removed:
        log.info("removed %d leftover(s) of interrupted builds in %s", len(removed), out)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target`` by renaming a fresh link over it."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # a store folder of the old scheme: replaced, not merged
    fresh = path.with_name(f".{path.name}.link-{os.getpid()}")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(target)
    os.replace(fresh, path)


def _links_work(out: Path) -> bool:
    """Whether the file system of ``out`` holds symbolic links (FAT and exFAT do not)."""
    probe = out / f".kg-probe.link-{os.getpid()}"
    try:
        probe.unlink(missing_ok=True)
        probe.symlink_to(BUILDS)
    except OSError:
        return False
    probe.unlink()
    return True


def _move_in(final: Path, out: Path) -> None:
    """Without links: rename each output into ``out`` (atomic per file, not per set)."""
    log.warning("%s holds no symbolic links: outputs are replaced one by one", out)
    for path in sorted(final.iterdir()):
        target = out / path.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(path, target)
    shutil.rmtree(final, ignore_errors=True)


def _adopt_plain_outputs(out: Path) -> None:
    """Move an output folder of plain files under the scheme, contents unchanged."""
    if (out / CURRENT).is_symlink():
        return
    plain = [p for p in out.iterdir() if _is_output(p.name) and p.is_file() and not p.is_symlink()]
    if not plain:
        return
    first = out / BUILDS / "adopted"
    shutil.rmtree(first, ignore_errors=True)
    first.mkdir()
    for path in plain:
        os.link(path, first / path.name)
    _link(out / CURRENT, f"{BUILDS}/adopted")
    for path in plain:
        _link(path, f"{CURRENT}/{path.name}")


def _is_output(name: str) -> bool:
    return name.startswith("kg.") or bool(re.fullmatch(r"kg-data\.[0-9a-f]{12}\.js", name))


def _forget_others(out: Path, keep: str, names: set[str]) -> None:
    """Remove earlier builds, and links to outputs this build did not write."""
    for path in out.iterdir():
        linked = path.is_symlink() and os.readlink(path).startswith(f"{CURRENT}/")
        if linked and path.name not in names:
            path.unlink()
    for path in (out / BUILDS).iterdir():
        if path.name != keep and not _PARTIAL.fullmatch(path.name):
            _remove(path)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError as err:  # a leftover is harmless; the next build tries again
        log.warning("could not remove %s: %s", path, err.strerror)


__all__ = ["BUILDS", "CURRENT", "Staging", "beside_build", "clean_leftovers"]
