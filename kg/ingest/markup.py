"""HTML pages to plain text: one block per line, page chrome dropped, <title>/<meta> kept.

Only the standard library's ``html.parser``: pages are read as they are,
without running scripts or fetching anything.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kg.ingest.text import CJK

_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|"
    r"section|main|h[1-6]|table|span|br)\b",
    re.I | re.S,
)
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt"}
    | {"figcaption", "figure", "footer", "form", "header", "li", "main", "nav", "ol", "p"}
    | {"pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul"}
    | {f"h{level}" for level in range(1, 7)}
)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
_VOID |= {"param", "source", "track", "wbr"}
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "footer"}
    | {"aside", "form", "button", "select", "textarea", "object"}
)
# class/id words of navigation, footers, share bars and other page chrome
_CHROME = re.compile(
    r"(?<![a-z])(?:nav|navbar|menu|footer|foot|copyright|share|breadcrumbs?|crumbs?|sidebar|"
    r"related|comments?|toolbar|advert|ads?|banner|login|search)(?![a-z])",
    re.I,
)
_SOFT_BREAK = "\x01"  # whitespace with a newline inside, from the HTML source


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts with an HTML tag.

    >>> looks_like_html('<!DOCTYPE html><html>'), looks_like_html('台山 <b>x</b>')
    (True, False)
    """
    return _HTML_START.match(text[:4000]) is not None


class _PageText(HTMLParser):
    """Collects visible text (blocks as lines) and <title>/<meta> values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hints: dict[str, str] = {}
        self._skipping: list[str] = []
        self._title: list[str] | None = None
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {"class": "", "id": ""} | {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.hints.setdefault(key, attr["content"])
        elif tag in _VOID:
            if tag in ("br", "hr") and not self._skipping:
                self.parts.append("\n")
        elif self._skipping or tag in _SKIP or _CHROME.search(f"{attr.get('class')}/{attr['id']}"):
            self._skipping.append(tag)
        elif tag == "title":
            self._title = []
        else:
            self.parts.append("\n" if tag in _BLOCK else " " if tag in ("td", "th") else "")
            self._pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("body", "html"):
            self._skipping.clear()  # an unclosed chrome element ends with the page
        if self._skipping:
            if tag in self._skipping:
                while self._skipping.pop() != tag:
                    pass
        elif tag == "title" and self._title is not None:
            self.hints.setdefault("<title>", "".join(self._title))
            self._title = None
        elif tag in _BLOCK:
            self.parts.append("\n")
            self._pre -= tag == "pre" and self._pre > 0

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        data = data.replace(_SOFT_BREAK, "")
        if self._title is not None:
            self._title.append(data)
        elif self._pre:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", _soft_space, data))


def _soft_space(match: re.Match[str]) -> str:
    return _SOFT_BREAK if "\n" in match.group() else " "


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (one block per line) and its <title>/<meta> values.

    Scripts, styles, navigation, footers and share bars are dropped. A source
    line break between two Chinese characters joins them, as browsers show it.

    >>> html_to_text('<title>T</title><p>台山\\n市</p><script>x()</script><p>b</p>')
    ('\\n台山市\\n\\nb\\n', {'<title>': 'T'})
    """
    parser = _PageText()
    parser.feed(html)
    parser.close()
    text = re.sub(f"(?<=[{CJK}。,、，；：“”])\x01(?=[{CJK}“])", "", "".join(parser.parts))
    return text.replace(_SOFT_BREAK, " "), parser.hints


def html_title(hints: dict[str, str]) -> str | None:
    """The headline a page declares: ``og:title``, else <title> without the site name.

    >>> html_title({"<title>": "台山招商_县域经济_侨都网"})
    '台山招商'
    """
    if hints.get("og:title"):
        return hints["og:title"]
    parts = [p for p in re.split(r"\s*[_|]\s*|\s+[-—]+\s+", hints.get("<title>", "")) if p]
    return parts[0] if parts else None
