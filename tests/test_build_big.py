"""A big article's graph is validated by a worker of its own while the build goes on:
the build writes and reports what it does when every part is made whole at once."""

from __future__ import annotations

import multiprocessing
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rdf_samples import kaiping_extraction  # noqa: E402
from test_build_incremental import ARTICLES, outputs  # noqa: E402

import kg.build  # noqa: E402
from kg.build import build, make_parts, start_parts  # noqa: E402
from kg.cache import BuildCache  # noqa: E402
from kg.model import DEFAULT_BASE  # noqa: E402


def broken_extraction():
    """The 开平 extraction with a mention ending where it starts (MentionShape: beginIndex
    must be below endIndex)."""
    x = kaiping_extraction()
    first = x.mentions[0]
    return replace(x, mentions=(replace(first, end=first.start), *x.mentions[1:]))


@pytest.fixture()
def every_article_big(monkeypatch):
    monkeypatch.setattr(kg.build, "BIG_ARTICLE", 1)


def test_a_big_part_checked_beside_the_build_has_the_violations_of_one_made_whole(
    every_article_big, tmp_path
):
    x = broken_extraction()
    whole = make_parts([x], DEFAULT_BASE, jobs=1)
    assert not whole.report.conforms
    cache = BuildCache(tmp_path / "cache")
    beside = make_parts([x], DEFAULT_BASE, jobs=2, cache=cache)
    assert beside.report == whole.report
    assert [p.ntriples for p in beside.parts] == [p.ntriples for p in whole.parts]
    assert beside.trig() == whole.trig()  # made from the triples: the part has no block yet
    # the worker cached the part whole: a second build takes it, violations and all
    again = make_parts([x], DEFAULT_BASE, jobs=2, cache=BuildCache(tmp_path / "cache"))
    assert again.report == whole.report
    assert len(again) == len(whole) == len(beside)  # its shared lines kept for the count


def test_a_build_whose_articles_are_all_big_writes_what_one_worker_writes(
    every_article_big, tmp_path
):
    one = build([ARTICLES], tmp_path / "one", jobs=1)
    two = build([ARTICLES], tmp_path / "two", jobs=2)
    assert two.validation == one.validation
    assert outputs(tmp_path / "two") == outputs(tmp_path / "one")
    again = build([ARTICLES], tmp_path / "two", jobs=2)
    assert again.reused == (len(one.articles), len(one.articles))
    assert outputs(tmp_path / "two") == outputs(tmp_path / "one")


def test_leaving_the_checks_before_their_report_stops_their_worker(every_article_big):
    before = set(multiprocessing.active_children())
    graph, checks = start_parts([broken_extraction()], DEFAULT_BASE, jobs=2)
    assert set(multiprocessing.active_children()) - before  # the checking worker runs
    with checks:
        pass  # as when Ctrl-C or an error leaves the build before it waits
    assert set(multiprocessing.active_children()) <= before
    assert len(graph.parts) == 1


def test_while_a_big_part_is_checked_the_outputs_take_one_process_fewer(
    every_article_big, tmp_path, monkeypatch
):
    """The checker shared its core with a writer and finished last: a 1 MB article's
    build waited for it after every output was written."""
    seen = []
    export = kg.build._export
    monkeypatch.setattr(
        kg.build, "_export", lambda *a, jobs=1, **k: seen.append(jobs) or export(*a, jobs=jobs, **k)
    )
    build([ARTICLES], tmp_path / "two", jobs=2)
    build([ARTICLES], tmp_path / "three", jobs=3)
    build([ARTICLES], tmp_path / "two", jobs=2)  # nothing to check: every part is cached
    assert seen == [1, 2, 2]
    assert outputs(tmp_path / "two") == outputs(tmp_path / "three")
