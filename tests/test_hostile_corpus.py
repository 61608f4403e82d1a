"""A corpus of malformed and hostile files (tests/hostile/, our own) builds: one line for
each bad file naming it and the reason, a correct graph for the good ones, and a page on
which no script of theirs runs.

Files that cannot live in git are made here: a FIFO, a 3 GB sparse file, a dangling
symlink, and a path that does not exist.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.sparql import open_store, run_query

CORPUS = Path(__file__).resolve().parent / "hostile"

BUILT = {
    "01-utf8": ("UTF-8", {"01-utf8.txt", "10-same-as-01.txt"}, "台山市"),
    "02-bom-crlf": ("UTF-8", {"02-bom-crlf.txt"}, "开平市"),
    "03-gb18030": ("GB18030", {"03-gb18030.txt"}, "恩平市"),
    "04-big5": ("Big5", {"04-big5.txt"}, "江門市新會區"),
    "05-fullwidth": ("UTF-8", {"05-fullwidth.txt"}, "ABC科技有限公司"),
    "06-hostile": ("UTF-8", {"06-hostile.html"}, "博罗县园洲镇"),
    "07-long-line": ("UTF-8", {"07-long-line.txt"}, "阳春市"),
    "08-cr-only": ("UTF-8", {"08-cr-only.txt"}, "阳东区计划"),
    "09-zero-width": ("UTF-8", {"09-zero-width.txt"}, "新兴县"),
    "13-quotes": ("UTF-8", {"13-quotes.txt"}, '"双引号"'),
    "14-emoji-rare": ("UTF-8", {"14-emoji-rare.txt"}, "🏭兴宁市"),
    "15-huge-numbers": ("UTF-8", {"15-huge-numbers.txt"}, "999999999999999999999亿元"),
    "16-nul-late": ("UTF-8", {"16-nul-late.txt"}, "陶瓷产业园"),
    "17-truncated-utf8": ("UTF-8", {"17-truncated-utf8.txt"}, "普宁市"),
    "18-utf16": ("UTF-16", {"18-utf16.txt"}, "高州市"),
    "19-control-chars": ("UTF-8", {"19-control-chars.txt"}, "菠萝产业园"),
    "mei-li-xiang-cun-2023": ("UTF-8", {"美丽乡村2023.txt"}, "英德市"),
    "he-mei-xiang-cun-2023": ("UTF-8", {"和美乡村2023.txt"}, "乐昌市"),
}
SKIPPED = {
    "20-empty.txt": "the file is empty",
    "21-whitespace.txt": "the file is empty",
    "22-binary.txt": "looks like a binary file",
    "23-latin1.txt": "is not text in UTF-8, GB18030 or Big5",
    "24-furniture.txt": "only page furniture",
    "25-script-only.html": "the file is empty",
    "26-random-bytes.txt": "is not text in UTF-8, GB18030 or Big5",
    "40-fifo.txt": "is a FIFO, not a file",
    "41-huge.txt": "over the 50 MB limit",
    "42-dangling.txt": "cannot read",
    "missing.txt": "no such file or folder",
}


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """(the finished kg build, the corpus folder, the output folder)."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus"
    shutil.copytree(CORPUS, folder)
    os.mkfifo(folder / "40-fifo.txt")
    with (folder / "41-huge.txt").open("wb") as handle:
        handle.truncate(3_000_000_000)
    (folder / "42-dangling.txt").symlink_to(root / "gone.txt")
    out = root / "out"
    command = [sys.executable, "-m", "kg.cli", "build", str(folder), str(root / "missing.txt"),
               "--out", str(out)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return done, folder, out


@pytest.mark.slow
def test_every_bad_file_gets_one_line_naming_it_and_why(corpus_build):
    done, folder, _ = corpus_build
    assert done.returncode == 1  # something failed; the rest was built
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    skipped = [line for line in lines if line.startswith("kg: skipped ")]
    assert len(skipped) == len(SKIPPED), done.stderr
    for name, reason in SKIPPED.items():
        (line,) = [
            line for line in skipped if line.startswith(f"kg: skipped {_path(folder, name)}:")
        ]
        assert reason in line, line
    warnings = [line for line in lines if line.startswith("kg: warning: ")]
    assert warnings == [
        f"kg: warning: {folder}/10-same-as-01.txt holds the same article as "
        f"{folder}/01-utf8.txt: built once"
    ]
    assert len(lines) == len(skipped) + len(warnings)


def _path(folder: Path, name: str) -> Path:
    return folder.parent / name if name == "missing.txt" else folder / name


@pytest.mark.slow
def test_the_good_files_are_built_with_their_encoding_and_every_source(corpus_build):
    done, _, out = corpus_build
    assert f"built {len(BUILT)} article(s)" in done.stdout
    store = open_store(out / "kg.ttl")
    answer = run_query(
        store,
        "SELECT ?id ?enc ?file WHERE { ?a a kgo:Article ; dcterms:identifier ?id ; "
        "kgo:encoding ?enc ; kgo:sourceFile ?file }",
    )
    found: dict[str, tuple[str, set[str]]] = {}
    for article_id, encoding, file in answer.rows:
        found.setdefault(article_id.value, (encoding.value, set()))[1].add(file.value)
    assert found == {key: (enc, files) for key, (enc, files, _) in BUILT.items()}
    texts: dict[str, str] = {}
    sentences = run_query(
        store,
        "SELECT ?id ?t WHERE { ?s dcterms:isPartOf ?a ; kgo:text ?t . ?a dcterms:identifier ?id }",
    )
    for article_id, text in sentences.rows:
        texts[article_id.value] = texts.get(article_id.value, "") + text.value
    for article_id, (_, _, text) in BUILT.items():
        assert text in texts[article_id], (article_id, text)


@pytest.mark.slow
def test_scripts_and_markup_of_the_html_file_are_dropped(corpus_build):
    _, _, out = corpus_build
    sentences = run_query(
        open_store(out / "kg.ttl"),
        "SELECT ?t WHERE { ?s dcterms:isPartOf ?a ; kgo:text ?t . "
        "?a dcterms:identifier '06-hostile' }",
    )
    text = "".join(row[0].value for row in sentences.rows)
    for dropped in ("alert('x')", "alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)",
                    "alert(7)", "alert(8)", "injected", "__pwned = 1"):  # fmt: skip
        assert dropped not in text
    # The escaped payload is text of the article, kept byte-exact.
    assert "</script><script>window.__pwned=1</script>" in text
    assert "<img src=x onerror=alert(6)>" in text


@pytest.mark.slow
@pytest.mark.browser
def test_the_page_of_the_hostile_files_runs_none_of_their_scripts(corpus_build, chromium):
    _, _, out = corpus_build
    context = chromium.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    external: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith("file:") else external.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto((out / "kg.html").absolute().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        page.fill("#kg-search", "科技")
        matches = page.locator("#kg-matches").text_content()
        assert "ABC科技有限公司" in matches
        page.fill("#kg-search", "产业园")
        assert re.search("𠀀𪚥产业园", page.locator("#kg-matches").text_content())
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#kg-panel script, #kg-matches script, img[onerror]").count() == 0
        assert dialogs == [] and external == [] and errors == []
    finally:
        context.close()
