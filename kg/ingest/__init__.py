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
import unicodedata
from pathlib import Path

from kg.errors import InputError
from kg.ingest.markup import html_to_text, looks_like_html
from kg.ingest.page import page_meta, split_page
from kg.ingest.text import normalise_text, segment, split_sentences
from kg.records import Article

__all__ = [
    "article_id",
    "html_to_text",
    "looks_like_html",
    "normalise_text",
    "parse_article",
    "read_article",
    "segment",
    "split_sentences",
]

HTML_SUFFIXES = (".html", ".htm")


def read_article(path: Path) -> Article:
    """The article in the file at ``path`` (UTF-8 text or HTML)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    sha256 = hashlib.sha256(data).hexdigest()
    text = _decode(data, path)
    html = True if path.suffix.lower() in HTML_SUFFIXES else None
    return parse_article(text, str(path), sha256, html=html)


def _decode(data: bytes, path: Path) -> str:
    """``data`` decoded as UTF-8 (a BOM is dropped); InputError otherwise."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{path} looks like a binary file: expected UTF-8 text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        hint = ""
        try:
            data.decode("gb18030")
            hint = " (it decodes as GB18030)"
        except UnicodeDecodeError:
            pass
        raise InputError(
            f"{path} is not UTF-8{hint}: invalid byte at offset {err.start}; expected UTF-8, "
            f"convert it first, e.g. iconv -f GB18030 -t UTF-8 '{path}' > fixed.txt"
        ) from err


def article_id(source_path: str, sha256: str) -> str:
    """A stable id from the file stem, ``[a-z0-9-]`` only.

    >>> article_id('data/Taishan 2024_05_10.txt', 'ab' * 32)
    'taishan-2024-05-10'
    >>> article_id('台山新闻.txt', '0123456789abcdef' * 4)
    'article-0123456789'
    """
    stem = unicodedata.normalize("NFKC", Path(source_path).stem).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or f"article-{sha256[:10]}"


def parse_article(
    raw_text: str, source_path: str, sha256: str, *, html: bool | None = None
) -> Article:
    """The article in ``raw_text`` (plain text, or HTML when ``html`` or when it
    starts with a tag): metadata, body without page furniture, sentences."""
    hints: dict[str, str] = {}
    if html or (html is None and looks_like_html(raw_text)):
        raw_text, hints = html_to_text(raw_text)
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
