"""Builds replace their outputs as one set: a build killed (SIGKILL) or interrupted
(Ctrl-C) at any moment leaves every output from one build, and the next build removes
what the killed one left."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.cache import FOLDER as CACHE
from kg.cli import main
from kg.export.generations import BUILDS, CURRENT, LOCK

ROOT = Path(__file__).resolve().parent.parent
# Two inputs whose builds are told apart by their article ids.
INPUTS = {
    "heshan-2023-11-16": ROOT / "data" / "articles",
    "xinhui-2024-01-18": ROOT / "tests" / "articles" / "xinhui-2024-01-18.txt",
}
OUTPUTS = ("kg.ttl", "kg.trig", "kg.jsonld", "kg.graphml", "kg.html")


def output_set(out: Path) -> str:
    """The article id every output of ``out`` is about; fails when they differ."""
    current = os.readlink(out / CURRENT)
    assert re.fullmatch(rf"{BUILDS}/[0-9T]+-\d+-[0-9a-f]{{6}}", current), current
    found = set()
    for name in OUTPUTS:
        path = out / name
        assert os.readlink(path) == f"{CURRENT}/{name}" and path.is_file(), name
        text = path.read_text(encoding="utf-8")
        found.add(frozenset(i for i in INPUTS if i in text))
    assert len(found) == 1, f"outputs of different builds side by side: {found}"
    (ids,) = found
    assert len(ids) == 1, ids
    return next(iter(ids))


def leftovers(out: Path) -> list[str]:
    """What an interrupted build left: partial build folders, temporary files and links."""
    names = [p.name for p in (out / BUILDS).iterdir() if ".partial-" in p.name]
    names += [p.name for p in out.iterdir() if re.fullmatch(r"\..+\.(tmp|link-\d+)", p.name)]
    return names


def kg_build(article: str, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "kg.cli", "build", str(INPUTS[article]), "--out", str(out)]
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_a_terminal_sends_it,
    )


def wait_for_staging(out: Path, process: subprocess.Popen) -> None:
    """Return once the build has started writing its outputs."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if any(".partial-" in p.name for p in (out / BUILDS).iterdir()):
            return
        time.sleep(0.005)
    pytest.fail("the build never started writing")


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_one_whole_set(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(INPUTS["heshan-2023-11-16"]), "--out", str(out)]) == 0
    assert output_set(out) == "heshan-2023-11-16"
    # Kill at fixed times from the start (reading, extracting) and at moments after
    # the build began writing its outputs (the window that used to mix builds).
    moments = [("start", 1.0), ("start", 3.0)] + [
        ("writing", d) for d in (0.0, 0.02, 0.1, 0.3, 0.6, 1.0, 2.0)
    ]
    kills = 0
    for n, (since, delay) in enumerate(moments):
        article = list(INPUTS)[n % 2 == 0]
        before = output_set(out)
        shutil.rmtree(out / CACHE, ignore_errors=True)  # a cached build ends too soon to kill
        process = kg_build(article, out)
        if since == "writing":
            wait_for_staging(out, process)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        assert output_set(out) in (before, article)
    assert kills >= len(moments) - 2  # most kills landed before the build ended
    assert main(["build", str(INPUTS["xinhui-2024-01-18"]), "--out", str(out)]) == 0
    assert output_set(out) == "xinhui-2024-01-18"
    assert leftovers(out) == []
    assert len(list((out / BUILDS).iterdir())) == 1
    # what the killed builds left in the cache is whole: the last build, which read it,
    # wrote what a build with no cache writes
    assert main(["build", str(INPUTS["xinhui-2024-01-18"]), "--out", str(tmp_path / "clean")]) == 0
    for name in OUTPUTS[:3]:
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


@pytest.mark.slow
def test_ctrl_c_during_a_build_is_one_line_and_keeps_the_old_set(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(INPUTS["xinhui-2024-01-18"]), "--out", str(out)]) == 0
    process = kg_build("heshan-2023-11-16", out)
    wait_for_staging(out, process)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the build finished before Ctrl-C reached it")  # nothing to check
    assert process.returncode == 130 and err == "kg: interrupted\n"
    assert output_set(out) == "xinhui-2024-01-18"
    assert leftovers(out) == []


def test_the_next_build_removes_what_killed_builds_left(tmp_path):
    out = tmp_path / "out"
    assert build([INPUTS["xinhui-2024-01-18"]], out).exit_code == 0
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process id that no longer runs
    (out / BUILDS / f"x.partial-{gone.pid}").mkdir()
    (out / BUILDS / f"x.partial-{gone.pid}" / "kg.ttl").write_text("half", encoding="utf-8")
    (out / ".kg.ttl.abc123.tmp").write_text("half", encoding="utf-8")  # the old scheme's
    (out / f".kg.html.link-{gone.pid}").symlink_to("nowhere")
    assert build([INPUTS["xinhui-2024-01-18"]], out).exit_code == 0
    assert leftovers(out) == [] and output_set(out) == "xinhui-2024-01-18"


def test_an_output_folder_of_plain_files_is_taken_over(tmp_path):
    plain = tmp_path / "plain"
    assert build([INPUTS["xinhui-2024-01-18"]], tmp_path / "first").exit_code == 0
    plain.mkdir()
    for name in OUTPUTS:
        shutil.copy(tmp_path / "first" / name, plain / name)  # as earlier kg versions wrote
    assert build([INPUTS["heshan-2023-11-16"]], plain).exit_code == 0
    assert output_set(plain) == "heshan-2023-11-16"
    assert sorted(p.name for p in plain.iterdir()) == sorted(
        [BUILDS, CACHE, CURRENT, LOCK, *OUTPUTS]
    )


def test_every_output_is_written_through_a_temporary_file(tmp_path, monkeypatch):
    """Every file under out/ is created under a temporary name and renamed."""
    import builtins

    out = tmp_path / "out"
    opened: list[Path] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            opened.append(Path(file))
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            opened.append(Path(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    # One process: the spy sees what forked workers open no more than it sees their lists.
    assert build([INPUTS["xinhui-2024-01-18"]], out, jobs=1).exit_code == 0
    written = [p for p in opened if p.is_relative_to(out)]
    assert len(written) >= len(OUTPUTS)
    assert all(re.fullmatch(r"\..+\.tmp", p.name) for p in written), written


def test_two_builds_of_one_process_in_one_second_get_their_own_folders(tmp_path):
    from kg.export.generations import Staging

    first, second = Staging(tmp_path / "out"), Staging(tmp_path / "out")
    assert first.name != second.name and first.folder != second.folder
    first.abort()
    second.abort()


def test_without_symbolic_links_outputs_are_renamed_in_one_by_one(tmp_path, monkeypatch, caplog):
    import kg.export.generations as generations

    monkeypatch.setattr(generations, "_links_work", lambda out: False)
    out = tmp_path / "out"
    for article in ("xinhui-2024-01-18", "heshan-2023-11-16"):
        assert build([INPUTS[article]], out).exit_code == 0
    for name in OUTPUTS:
        assert (out / name).is_file() and not (out / name).is_symlink()
        assert "heshan-2023-11-16" in (out / name).read_text(encoding="utf-8")
    assert list((out / BUILDS).iterdir()) == []
    assert "no symbolic links" in caplog.text


def kg_build_all_big(article: str, out: Path) -> subprocess.Popen:
    """``kg build`` with every article's graph validated by the checking worker beside
    the build (as a big article's is)."""
    code = (
        "import sys, kg.build; kg.build.BIG_ARTICLE = 1; from kg.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    command = [sys.executable, "-c", code, "build", str(INPUTS[article]), "--out", str(out)]
    command += ["--jobs", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_a_build_killed_while_a_big_graph_is_checked_leaves_one_whole_set(tmp_path):
    out = tmp_path / "out"
    first = kg_build_all_big("heshan-2023-11-16", out)
    assert first.wait() == 0, first.stderr.read()
    assert output_set(out) == "heshan-2023-11-16"
    for n, delay in enumerate((0.0, 0.1, 0.3, 1.0)):
        article = list(INPUTS)[n % 2 == 0]
        before = output_set(out)
        shutil.rmtree(out / CACHE, ignore_errors=True)
        process = kg_build_all_big(article, out)
        wait_for_staging(out, process)  # the checking worker runs from before this on
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        assert output_set(out) in (before, article)
    last = kg_build_all_big("xinhui-2024-01-18", out)
    assert last.wait() == 0, last.stderr.read()
    assert output_set(out) == "xinhui-2024-01-18"
    assert leftovers(out) == []
    assert main(["build", str(INPUTS["xinhui-2024-01-18"]), "--out", str(tmp_path / "clean")]) == 0
    for name in OUTPUTS[:3]:
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def _ctrl_c_as_a_terminal_sends_it() -> None:
    """In the child: Ctrl-C handled by default, even when this test run was started with
    SIGINT ignored (a shell's background job), which the child would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
