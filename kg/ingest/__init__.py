"""Read an article file into an ``Article``: decode, normalise, separate the body
from page furniture, read the page's metadata and split sentences.

The parts: ``kg.ingest.markup`` (HTML to text), ``kg.ingest.text``
(normalisation, sentences; the choice of punctuation forms is documented
there), ``kg.ingest.page`` (page furniture and metadata). This module ties
them together and is the stage's public face.
"""

from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
from dataclasses import replace
from pathlib import Path

from pypinyin import lazy_pinyin

from kg.errors import InputError
from kg.ingest.decode import decode
from kg.ingest.markup import html_to_text, looks_like_html
from kg.ingest.page import page_meta, split_page
from kg.ingest.text import collapse_blank_runs, normalise_text, segment, split_sentences
from kg.records import Article

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

__all__ = [
    "MAX_BYTES",
    "article_id",
    "html_to_text",
    "looks_like_html",
    "normalise_text",
    "read_bounded",
    "parse_article",
    "read_article",
    "segment",
    "split_sentences",
]

HTML_SUFFIXES = (".html", ".htm")
# The biggest article file read: far above any real article (the longest
# newspaper pages are a few hundred kB), far below what fills a laptop's memory.
MAX_BYTES = 50_000_000
# The most paragraphs an article may have: a long report has a few thousand;
# millions of short lines cost minutes and gigabytes in the page-furniture rules.
MAX_LINES = 100_000


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """The article in the file at ``path``: UTF-8 (± BOM), UTF-16 (with its BOM),
    GB18030 or Big5 text or HTML.

    The file is refused unread when it is not a regular file (a FIFO would
    block, a device never ends) or is bigger than ``max_bytes``.
    """
    path = Path(path)
    data = read_bounded(path, max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path} looks like a binary file: expected UTF-8 text or HTML")
    text, encoding = decode(data, str(path))
    del data
    html = True if path.suffix.lower() in HTML_SUFFIXES else None
    article = parse_article(text, str(path), sha256, html=html)
    return replace(article, meta=replace(article.meta, encoding=encoding))


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; InputError otherwise."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path} is {_kind(info.st_mode)}, not a file: skipped")
        if info.st_size > max_bytes:
            raise InputError(
                f"{path} is {info.st_size / 1e6:,.1f} MB, over the {max_bytes / 1e6:g} MB "
                "limit for one article (kg build --max-size MB raises it)"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    if len(data) > max_bytes:
        raise InputError(f"{path} grew past the {max_bytes / 1e6:g} MB limit while read")
    return data


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISDIR, "a folder"))  # fmt: skip
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def article_id(source_path: str, sha256: str) -> str:
    """A stable id from the file stem, ``[a-z0-9-]`` only: Chinese in pinyin, so
    names that differ only in Chinese (鹤山新闻2023, 台山新闻2023) differ.

    >>> article_id('data/Taishan 2024_05_10.txt', 'ab' * 32)
    'taishan-2024-05-10'
    >>> article_id('台山新闻2023.txt', '0123456789abcdef' * 4)
    'tai-shan-xin-wen-2023'
    >>> article_id('…….txt', '0123456789abcdef' * 4)
    'article-0123456789'
    """
    stem = unicodedata.normalize("NFKC", Path(source_path).stem).lower()
    if _HAN.search(stem):
        stem = " ".join(lazy_pinyin(stem))
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug[:80].strip("-") or f"article-{sha256[:10]}"


def parse_article(
    raw_text: str, source_path: str, sha256: str, *, html: bool | None = None
) -> Article:
    """The article in ``raw_text`` (plain text, or HTML when ``html`` or when it
    starts with a tag): metadata, body without page furniture, sentences."""
    hints: dict[str, str] = {}
    if html or (html is None and looks_like_html(raw_text)):
        raw_text, hints = html_to_text(raw_text)
    raw_text = collapse_blank_runs(raw_text)
    if (breaks := raw_text.count("\n")) > 2 * MAX_LINES:  # a blank line between paragraphs
        raise InputError(
            f"{source_path} has {breaks:,} lines, more than an article's {MAX_LINES:,} "
            "paragraphs: not an article (a list or a log?)"
        )
        hints = {k: v for k, v in ((k, normalise_text(v)) for k, v in hints.items()) if v}
    lines = [line for line in normalise_text(raw_text).split("\n") if line]
    layout = split_page(lines, hints)
    if not layout.body:
        found = f"only page furniture ({len(lines)} lines)" if lines else "the file is empty"
        raise InputError(
            f"no article text found in {source_path}: {found}; expected paragraphs of text"
        )
    text, sentences = segment(layout.body)
    meta = page_meta(layout, hints, source_path, sha256)
    return Article(article_id(source_path, sha256), meta, text, sentences)
