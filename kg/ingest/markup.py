"""HTML pages to plain text: one block per line, page chrome dropped, <title>/<meta> kept.

Besides <title> and <meta>, the hints say which lines the markup set apart:
``<headline>`` lists the lines written wholly in a heading, bold or large
font, or in an element whose class names a title (newline-separated);
``<a>`` lists the lines that are wholly a link. The page stage uses them to
pick the headline and to drop lists of links to other articles.

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
_CELLS = frozenset({"td", "th"})
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
_EMPHASIS = frozenset({"b", "strong", "h1", "h2", "h3"})
# class/id words of a headline element: title, headline, biaoti (标题), but not subtitle
_TITLE_CLASS = re.compile(r"(?<![a-z])(?:title|headline|biaoti|arttitle)(?![a-z])", re.I)


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
        self._emphasis: list[str] = []  # open elements that set their text apart
        self._links = 0  # open <a> elements
        # the current line's text: all of it, the emphasised part, the linked part
        self._line: list[list[str]] = [[], [], []]
        self.headlines: list[str] = []
        self.link_lines: list[str] = []
        self._row_start: int | None = None  # where the open table row's text begins in parts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {"class": "", "id": ""} | {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.hints.setdefault(key, attr["content"])
        elif tag in _VOID:
            if tag in ("br", "hr") and not self._skipping:
                self._break(True)
                self.parts.append("\n")
        elif self._skipping or tag in _SKIP or _CHROME.search(f"{attr.get('class')}/{attr['id']}"):
            self._skipping.append(tag)
        elif tag == "title":
            self._title = []
        else:
            self._break(tag in _BLOCK)
            self.parts.append("\n" if tag in _BLOCK else self._cell_gap() if tag in _CELLS else "")
            if tag == "tr":
                self._row_start = len(self.parts)
            self._pre += tag == "pre"
            if _sets_apart(tag, attr):
                self._emphasis.append(tag)
            self._links += tag == "a"

    def _cell_gap(self) -> str:
        """' | ' between the cells of a table row that stays one line, else a space.

        A data table's cells become ``A | B | C`` (kg.extract.figures.tables reads
        them); a layout table, whose cells hold paragraphs, gets no bars.
        """
        row = self.parts[self._row_start :] if self._row_start is not None else []
        on_one_line = row and "\n" not in "".join(row)
        return " | " if on_one_line else " "

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
        else:
            if tag in self._emphasis:
                while self._emphasis.pop() != tag:
                    pass
            self._links -= tag == "a" and self._links > 0
            if tag in _BLOCK:
                self._break(True)
                self.parts.append("\n")
                self._pre -= tag == "pre" and self._pre > 0

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        data = data.replace(_SOFT_BREAK, "")
        if self._title is not None:
            self._title.append(data)
        else:
            data = data if self._pre else re.sub(r"\s+", _soft_space, data)
            self.parts.append(data)
            self._line[0].append(data)
            self._line[1].append(data if self._emphasis else "")
            self._line[2].append(data if self._links else "")

    def close(self) -> None:
        super().close()
        self._break(True)

    def _break(self, line_ends: bool) -> None:
        """At the end of a line, note whether all its text was emphasised or linked."""
        if not line_ends:
            return
        text, emphasised, linked = ("".join(part) for part in self._line)
        self._line = [[], [], []]
        if _same_text(text, emphasised):
            self.headlines.append(text.strip(_SOFT_BREAK + " "))
        if _same_text(text.lstrip(_BULLETS + _SOFT_BREAK), linked):
            self.link_lines.append(linked.strip(_SOFT_BREAK + " "))


_BULLETS = " ·•●◆◇■□▪▶►>*-—"


def _same_text(text: str, part: str) -> bool:
    """Whether ``part`` is all the visible text of ``text`` (and there is some)."""
    text, part = (re.sub(rf"[\s{_SOFT_BREAK}]+", "", t) for t in (text, part))
    return bool(part) and text == part


def _sets_apart(tag: str, attr: dict[str, str]) -> bool:
    """Whether an element marks its text as a heading: h1-h3, bold, a large
    font, or a class or id naming a title."""
    if tag in _EMPHASIS:
        return True
    if tag == "font" and re.fullmatch(r"\+[1-4]|[4-7]", attr.get("size", "").strip()):
        return True
    return tag in ("td", "th", "div", "p", "span") and bool(
        _TITLE_CLASS.search(f"{attr.get('class')}/{attr.get('id')}")
    )


def _soft_space(match: re.Match[str]) -> str:
    return _SOFT_BREAK if "\n" in match.group() else " "


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (one block per line) and its <title>/<meta> values,
    with ``<headline>`` and ``<a>`` hints when some lines are set apart or links.

    Scripts, styles, navigation, footers and share bars are dropped. A source
    line break between two Chinese characters joins them, as browsers show it.

    >>> html_to_text('<title>T</title><p>台山\\n市</p><script>x()</script><p>b</p>')
    ('\\n台山市\\n\\nb\\n', {'<title>': 'T'})
    """
    parser = _PageText()
    parser.feed(html)
    parser.close()
    text = _join_soft_breaks("".join(parser.parts))
    hints = dict(parser.hints)
    for key, lines in (("<headline>", parser.headlines), ("<a>", parser.link_lines)):
        if lines:
            hints[key] = "\n".join(_join_soft_breaks(line) for line in lines)
    return text, hints


def _join_soft_breaks(text: str) -> str:
    text = re.sub(f"(?<=[{CJK}。,、，；：“”])\x01(?=[{CJK}“])", "", text)
    return text.replace(_SOFT_BREAK, " ")


def html_title(hints: dict[str, str]) -> str | None:
    """The headline a page declares: ``og:title``, else <title> without the site name.

    >>> html_title({"<title>": "台山招商_县域经济_侨都网"})
    '台山招商'
    """
    if hints.get("og:title"):
        return hints["og:title"]
    parts = [p for p in re.split(r"\s*[_|]\s*|\s+[-—]+\s+", hints.get("<title>", "")) if p]
    return parts[0] if parts else None
