"""Builds give the same bytes whatever the worker count, the hash seed or the cache holds.

An incremental build (articles changed, removed and added since the last one)
must write exactly what a clean build of the same inputs writes.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build, extract_all
from kg.cache import FOLDER

ARTICLES = Path(__file__).parent / "eval" / "articles"
OUTPUTS = ("kg.ttl", "kg.trig", "kg.jsonld", "kg.graphml", "kg.html")


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file of a build by name (links followed), the page's data file included."""
    found = {name: (out / name).read_bytes() for name in OUTPUTS}
    for extra in out.glob("kg-data.*.js"):
        found[extra.name] = extra.read_bytes()
    return found


def kg_build(folder: Path, out: Path, *options: str, seed: str = "0") -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out), *options]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    return folder


@pytest.mark.slow
def test_one_worker_and_two_give_the_same_bytes_under_different_hash_seeds(corpus, tmp_path):
    kg_build(corpus, tmp_path / "one", "--jobs", "1", seed="1")
    kg_build(corpus, tmp_path / "two", "--jobs", "2", seed="2")
    one, two = outputs(tmp_path / "one"), outputs(tmp_path / "two")
    assert one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], f"{name} differs between --jobs 1 and --jobs 2"


def test_an_incremental_build_writes_what_a_clean_build_writes(corpus, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], out, jobs=1)
    assert first.reused == (0, 0)
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("1", "7", 1), encoding="utf-8")
    sorted(corpus.glob("*.txt"))[1].unlink()
    (corpus / "extra.txt").write_text(
        "韶关市乐昌市北乡镇新建的茶叶加工厂今年投产，总投资1.2亿元。\n", encoding="utf-8"
    )
    again = build([corpus], out, jobs=1)
    clean = build([corpus], tmp_path / "clean", jobs=1)
    assert again.articles == clean.articles
    assert again.reused[0] == len(again.articles) - 2  # the changed and the new one extracted
    assert outputs(out) == outputs(tmp_path / "clean")


def test_a_second_build_of_the_same_inputs_reuses_everything(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    before = outputs(out)
    again = build([corpus], out, jobs=2)
    assert again.reused == (len(again.articles), len(again.articles))
    assert outputs(out) == before


def test_a_rebuild_takes_the_slugs_of_names_from_the_cache(corpus, tmp_path, monkeypatch):
    """Romanising every name again took 8 s of a 300-article rebuild."""
    import kg.pinyin

    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def refuse(*_):
        raise AssertionError("romanised a name the cache knew")

    monkeypatch.setattr(kg.pinyin, "_SLUGS", {})
    monkeypatch.setattr(kg.pinyin, "lazy_pinyin", refuse)
    again = build([corpus], out, jobs=1)
    assert again.reused[0] == len(again.articles) - 1
    monkeypatch.undo()
    build([corpus], tmp_path / "clean", jobs=1)
    assert outputs(out) == outputs(tmp_path / "clean")


def test_a_torn_cache_entry_is_built_again(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    before = outputs(out)
    entries = sorted((out / FOLDER).rglob("*"))
    for entry in (p for p in entries if p.is_file()):
        entry.write_bytes(entry.read_bytes()[:10])  # as if the disk filled mid-write
    again = build([corpus], out, jobs=1)
    assert again.reused == (0, 0)
    assert outputs(out) == before


def test_the_cache_keeps_only_what_the_last_build_used(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    for path in sorted(corpus.glob("*"))[1:]:
        path.unlink()
    report = build([corpus], out, jobs=1)
    assert len(report.articles) == 1
    assert sorted(p.parent.name for p in (out / FOLDER).rglob("*") if p.is_file()) == [
        "extract",
        "part",
        "pinyin",
        "summary",
        "view",
    ]
    (table,) = (out / FOLDER / "pinyin").iterdir()
    (left,) = extract_all(list(corpus.iterdir())).extractions
    names = {e.name for e in left.entities}
    assert set(pickle.loads(table.read_bytes())) <= names  # only the last build's names


def test_turtle_and_jsonld_joined_from_cached_parts_are_a_clean_builds(corpus, tmp_path):
    """kg.ttl and kg.jsonld are joined from the parts' blocks, most of them from the
    cache on a rebuild: the bytes are a clean build's, and parse to the same triples."""
    import pyoxigraph as ox

    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n开平市新建一座公园。\n",
                       encoding="utf-8")  # fmt: skip
    again = build([corpus], out, jobs=2)
    assert again.reused[1] >= len(again.articles) - 3
    clean = build([corpus], tmp_path / "clean", jobs=1)
    for name, fmt in (("kg.ttl", ox.RdfFormat.TURTLE), ("kg.jsonld", ox.RdfFormat.JSON_LD)):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
        assert len(set(ox.parse(path=str(out / name), format=fmt))) == again.triples
    assert again.triples == clean.triples
    trig = ox.Dataset(ox.parse(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG))
    assert again.triples == len({(q.subject, q.predicate, q.object) for q in trig})


SHORT = "开平市的隆达科技今年扩产，总投资2亿元，新增就业岗位300个。\n"
LONG = "开平市隆达科技材料公司新建的工厂今年投产，总投资5亿元。隆达科技材料公司是一家新材料企业。\n"


def test_an_article_renamed_by_one_added_later_is_rebuilt_from_its_cached_extraction(tmp_path):
    """A rebuild reads articles' entities alone; an article whose names another
    article's longer form now renames (隆达科技 -> 隆达科技材料公司) gets its graph made
    again from its cached whole extraction, not extracted again."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    build([folder], out, jobs=1)
    (folder / "b.txt").write_text(LONG, encoding="utf-8")
    again = build([folder], out, jobs=1)
    assert again.reused == (1, 0)  # a's extraction reused; its graph made again, renamed
    build([folder], tmp_path / "clean", jobs=1)
    assert outputs(out) == outputs(tmp_path / "clean")
    assert "隆达科技材料公司" in (out / "kg.trig").read_text(encoding="utf-8").split("/b>")[0]


def test_a_part_made_again_without_its_cached_extraction_extracts_the_file_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT, encoding="utf-8")
    (folder / "b.txt").write_text(LONG, encoding="utf-8")
    out = tmp_path / "out"
    build([folder], out, jobs=1)
    for entry in (out / FOLDER / "extract").iterdir():
        entry.unlink()  # the summaries stay: a's graph must be made again without its entry
    (folder / "b.txt").unlink()
    again = build([folder], out, jobs=1)
    assert again.reused == (1, 0)
    build([folder], tmp_path / "clean", jobs=1)
    assert outputs(out) == outputs(tmp_path / "clean")
