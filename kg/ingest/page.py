"""Page furniture and metadata: cut a page's lines into head, title, body and tail,
and read what the page says about the article.

Furniture (edition headers, bylines, word counts, share buttons, copyright and
licence lines, hotlines, repeated page headers) is recognised by general
patterns of Chinese news and government pages, only at the head and tail of
the page, except for unmistakable boilerplate, which is dropped anywhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.ingest.markup import html_title
from kg.ingest.text import CJK, ends_sentence
from kg.records import ArticleMeta

log = logging.getLogger(__name__)

_STRONG_BOILERPLATE = re.compile(
    r"版权所有|不得转载|禁止转载|转载请注明|未经.{0,8}(?:许可|授权)|©|copyright|"
    r"all rights reserved|经营许可证|许可证编号|icp[备证]|公网安备|分享到|扫一扫",
    re.I,
)
_SOFT_BOILERPLATE = re.compile(
    r"联系我们|关于我们|网站地图|广告服务|返回顶部|返回首页|打印本页|打印此文|关闭窗口|"
    r"上一篇|下一篇|相关(?:新闻|阅读|链接|文章)|官方微信|官方微博|公众号|客户端|二维码|"
    r"当前位置|首页\s*>|网站标识码|无障碍|相关附件|字[体号]\s*:|【(?:打印|关闭|收藏)】|浏览次数|阅读量|点击数|"
    r"(?:电话|热线|传真|邮箱|e-?mail|邮编|地址|主办|承办|协办|技术支持|编辑|校对|审核)(?:单位)?\s*:|"
    r"往期推荐|点击蓝字|关注我们|阅读原文|^原创\s|分享\s*收藏|点赞\s*在看|点(?:个|一下)?\s*[“\"]?在看|"
    r"(?:19|20)\d\d\s*[-~—]\s*(?:19|20)\d\d\s*[@©]|(?:报|新闻|网)\s*app\s*$",
    re.I,
)
_PAGE = re.compile(r"^(?:第\s*)?([A-Za-z]{0,4}\d{1,3}[A-Za-z]?)\s*版(?:\s*[:|·]?\s*(.{1,20}))?$")
_KEYS = (
    "本文字数|全文字数|字数|来源|稿源|作者|记者|通讯员|撰文|撰稿|责任编辑|编辑|责编|发布时间|"
    "发布日期|发表时间|发稿时间|更新时间|出版日期|日期|时间|版次|版面|版名|栏目|浏览次数|阅读量|"
    "原标题|"
    # a government notice's fields
    "发布机构|发文机关|发布单位|索引号|文号|"
    # the credits under a public-account post: 文字 / 图片 / 编辑 / 审核 / 终审
    "文字|采写|文案|图文|图片|摄影|视频|初审|复审|终审|审核|监制|出品"
)
_AUTHOR_KEYS = ("作者", "记者", "撰文", "撰稿", "文字", "采写", "文案", "图文")
_KV_LINE = re.compile(rf"^[【\[]?(?:{_KEYS})\s*:")
_KV = re.compile(rf"(?:^|(?<=[\s|【\[]))({_KEYS})\s*:\s*")
_AUTHOR_LINE = re.compile(r"^(?:本报)?(?:记者|通讯员|文\s*/|图\s*/|文/图)\s*[^,。;!?]{1,24}$")
# an office holder signing a report: 南雄市市长 钟明远
_OFFICE_LINE = re.compile(
    rf"^[{CJK}]{{2,12}}(?:市长|县长|区长|镇长|书记|主任|局长|厅长|省长|主席)\s+[{CJK}·]{{2,4}}$"
)
# a line that only names the organs issuing a release (X市统计局 国家统计局X调查队)
_ORGAN = rf"[{CJK}]{{2,20}}?(?:局|委员会|办公室|调查队|人民政府|厅)"
_ISSUERS = re.compile(rf"^{_ORGAN}(?:\s+{_ORGAN})*$")
# the field of a government notice naming who issues it
_ISSUER_FIELD = re.compile(r"^(?:发布机构|发文机关|发布单位)\s*:")
# a headline that is a document's whole name: the page is that document
_DOCUMENT_TITLE = re.compile(
    rf"^[{CJK}0-9]{{2,36}}(?:统计公报|工作报告)(?:[(（](?:摘要|全文)[)）])?$"
)
# a headline printed letter-spaced: 政 府 工 作 报 告
_SPACED = re.compile(rf"[{CJK}](?: [{CJK}]){{2,}}")
# how a report's subtitle ends: …会议上, …大会上的讲话
_SUBTITLE_END = re.compile(r"上(?:的(?:讲话|报告|工作报告|致辞))?$")
# a heading after which the page lists other articles
_MORE_LINKS = re.compile(
    r"^[【\[]?(?:往期推荐|推荐阅读|相关阅读|延伸阅读|相关新闻|相关文章|相关链接|更多阅读|"
    r"热门推荐|精彩推荐|猜你喜欢)[】\]]?\s*:?$"
)
# when and where a post was published: 2024-05-08 18:30, 5月8日 18:30, 发表于广东
_STAMP = re.compile(
    r"(?:(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}月\d{1,2}日|"
    r"昨天|前天|今天)\s*\d{1,2}:\d\d(?!\d)|发表于"
)
# a photo credit ending a caption: 签约现场。 张三 摄, (记者 李四 摄)
_PAPER_NAME = rf"[{CJK}]{{2,5}}?(?:日报|晚报|晨报|特区报|时报)"
_CAPTION_NAMES = rf"[{CJK}·]{{2,4}}(?:\s*[、和\s]\s*[{CJK}·]{{2,4}})*"
_CAPTION = re.compile(
    rf"(?:^|[\s。!?(▲])(?:(?:本报|{_PAPER_NAME})?(?:记者|通讯员|特约摄影|摄影)\s*{_CAPTION_NAMES}\s*"
    rf"|{_CAPTION_NAMES}\s+)摄\)?$|(?:^|[\s。!?])[{CJK}]{{2,12}}供图$"
)
_NAMES = re.compile(rf"^[{CJK}·]{{2,4}}(?:\s+[{CJK}·]{{2,4}}){{0,3}}$")
_AGENCY = re.compile(rf"^[{CJK}]{{1,8}}讯$")
_PAREN_BYLINE = re.compile(r"^\(([^()]{1,24})\)$")
# what a parenthesised byline holds: a reporter, an agency (鹤讯), or a short name
_BYLINE_TEXT = re.compile(rf"记者|通讯员|讯|供稿|撰文|文/|^(?!全文完)[{CJK}]{{2,4}}$")
_SITE_LINE = re.compile(
    rf"^[{CJK}\w]{{2,16}}(?:门户网站|官方网站|网站|新闻网|融媒体中心|数字报|电子版|客户端|官网)$"
)
_PAPER = re.compile(
    rf"[{CJK}]{{2,5}}?(?:日报|晚报|晨报|早报|商报|时报|都市报|侨报|特区报|快报|周报)"
)
_PAPER_LINE = re.compile(rf"{_PAPER.pattern}(?:社|数字报|电子版|网)?")
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?"
)
_COMPACT_DATE = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)")
_DATE_LINE_REST = re.compile(
    r"(?:星期|周|礼拜)[一二三四五六日天]|\d{1,2}:\d\d(?::\d\d)?|发布|更新|出版|时间|日期|[\s:|/()\[\]【】-]"
)


def _is_boilerplate(line: str) -> bool:
    """Lines no article body contains: copyright, licences, share bars, hotlines."""
    open_line = not ends_sentence(line)
    if _STRONG_BOILERPLATE.search(line) and (open_line or len(line) <= 100):
        return True
    return open_line and len(line) <= 60 and _SOFT_BOILERPLATE.search(line) is not None


def _is_stamp_line(line: str) -> bool:
    """A short line holding a date-time stamp or a 发表于 place: a post's account line."""
    return len(line) <= 60 and not ends_sentence(line) and _STAMP.search(line) is not None


def _account_of(line: str) -> str | None:
    """The public account a post's stamp line names: the word before the stamp.

    >>> _account_of('原创 新丰融媒 新丰发布 2024年11月02日 07:30 广东')
    '新丰发布'
    """
    m = _STAMP.search(line)
    labelled = _KV.search(line) or _AUTHOR_LINE.search(line) or "记者" in line
    words = line[: m.start()].split() if m and _is_stamp_line(line) and not labelled else []
    return words[-1] if words and re.fullmatch(rf"[{CJK}\w]{{2,12}}", words[-1]) else None


def _is_caption(line: str) -> bool:
    """A photo caption: a short line ending with a photographer's credit."""
    return len(line) <= 80 and _CAPTION.search(line) is not None


def _caption_text(line: str) -> str:
    """What a photo caption says, without its credit: what the photo shows is named
    as the text names it (项目一期厂房。许文达 摄 → 项目一期厂房。).

    >>> _caption_text('项目一期厂房。许文达 摄'), _caption_text('园区航拍图 记者 罗晓 摄')
    ('项目一期厂房。', '园区航拍图')
    """
    m = _CAPTION.search(line)
    if m is None:
        return line
    end = m.start() + 1 if line[m.start()] in "。!?" else m.start()
    return line[:end].strip()


def _is_date_line(line: str) -> bool:
    """A line holding a date and little else (a weekday, a time, a paper's name)."""
    if len(line) > 40 or not _DATE.search(line):
        return False
    rest = _DATE_LINE_REST.sub("", _DATE.sub("", line))
    return len(rest) <= 1 or _PAPER_LINE.fullmatch(rest) is not None


def _is_field_line(line: str) -> bool:
    """``来源:X 作者:Y``, also after a date (``2024-03-05 10:30 来源:X``)."""
    if len(line) > 120 or ends_sentence(line):
        return False
    return bool(_KV_LINE.match(line) or (_KV.search(line) and _DATE.match(line)))


def _is_page_furniture(line: str) -> bool:
    """Header/footer lines that carry metadata: edition, fields, dates, bylines."""
    return bool(
        _is_boilerplate(line)
        or _PAGE.match(line)
        or _is_field_line(line)
        or _AUTHOR_LINE.match(line)
        or _AGENCY.match(line)
        or _PAREN_BYLINE.match(line)
        or _PAPER_LINE.fullmatch(line)
        or _SITE_LINE.match(line)
        or _is_date_line(line)
        or _is_stamp_line(line)
    )


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class Layout:
    """A page cut into furniture above the body, the body, and furniture below it."""

    head: tuple[str, ...]
    title: str | None
    byline: str | None  # a short line right under the title (名字 or 本报讯)
    body: tuple[str, ...]
    tail: tuple[str, ...]


def _could_be_title(line: str) -> bool:
    """Whether ``line`` has a headline's shape; a post's time stamp never has."""
    return (
        5 <= len(line) <= 60
        and not line.endswith(("。", ";", ","))
        and not _STAMP.search(line)
        and not _is_caption(line)
    )


def _is_byline(line: str) -> bool:
    return bool(
        _NAMES.match(line)
        or _AGENCY.match(line)
        or _AUTHOR_LINE.match(line)
        or _OFFICE_LINE.match(line)
    )


def _find_title(
    lines: Sequence[str], hint: str | None, set_apart: frozenset[str]
) -> tuple[int | None, str | None]:
    """Index of the headline and what marked it.

    In order: the line matching the HTML title (``"title"``); the first line
    the markup sets apart as a heading before the body begins (``"markup"``);
    the first substantial line that is not furniture, if it can be a
    headline (``None``: nothing marked it).
    """
    if hint:
        key = hint.replace(" ", "")
        for i, line in enumerate(lines[:40]):
            flat = line.replace(" ", "")
            if (flat == key or (len(flat) >= 5 and key.startswith(flat))) and not _STAMP.search(
                line
            ):
                return i, "title"
    for i, line in enumerate(lines[:40]):
        if ends_sentence(line) and len(line) > 40:
            break  # the body has begun: later bold lines are subheadings
        if line in set_apart and _could_be_title(line) and not _is_page_furniture(line):
            return i, "markup"
    for i, line in enumerate(lines):
        if _is_page_furniture(line) or len(line) < 5:
            continue
        return (i if _could_be_title(line) else None), None
    return None, None


def _hinted_lines(hints: dict[str, str], key: str) -> frozenset[str]:
    """The lines a markup hint lists (``<headline>``, ``<a>``)."""
    return frozenset(line for line in hints.get(key, "").split("\n") if line)


def _is_link(line: str, links: frozenset[str]) -> bool:
    return line.lstrip(" ·•●◆◇■□▪▶►>*-—") in links


def split_page(lines: Sequence[str], hints: dict[str, str]) -> Layout:
    """Cut a page's normalised lines into head furniture, title, byline, body and tail.

    ``hints`` are the page's <title>/<meta> values (empty for plain text).
    """
    links = _hinted_lines(hints, "<a>")
    head, title, byline, start = _split_head(
        lines, html_title(hints), _hinted_lines(hints, "<headline>")
    )
    read = _head_text(lines[:start], byline)
    if title and _ISSUERS.match(title):
        read, title = [title, *read], None  # X市统计局 国家统计局X调查队: who issues it
    elif title and _DOCUMENT_TITLE.search(title):
        read = [title, *read]  # 2024年X县…统计公报: the page is the document; name it in the text
    lines, end = _cut_link_lists(lines, start, links)
    while end > start and (
        _is_tail_furniture(lines[end - 1], title, head) or _is_link(lines[end - 1], links)
    ):
        end -= 1
    body = [
        _caption_text(line) if _is_caption(line) else line
        for line in _without_link_runs(lines[start:end], links)
        if not _is_boilerplate(line)
    ]
    tail = list(lines[end:])
    if body:
        body[-1], trailing = _split_trailing_byline(body[-1])
        tail[:0] = trailing
    body = read + [line for line in body if line]
    log.debug("furniture: head %r, tail %r", head, tail)
    return Layout(tuple(head), title and _unspaced(title), byline, tuple(body), tuple(tail))


def _unspaced(line: str) -> str:
    """A headline printed letter-spaced (政 府 工 作 报 告) as it is written.

    >>> _unspaced('政 府 工 作 报 告'), _unspaced('连平:稳住基本盘 奋力开新局')
    ('政府工作报告', '连平:稳住基本盘 奋力开新局')
    """
    return line.replace(" ", "") if _SPACED.fullmatch(line) else line


def _head_text(head: Sequence[str], byline: str | None) -> list[str]:
    """The lines above the body that are also text to read, in page order: a report's
    subtitle (——2024年1月8日在X市第N届人民代表大会第N次会议上, with its line-broken
    rest), an office holder signing it (X市市长 张三), a notice's issuing organ
    (发布机构: X县发展和改革局). They stay metadata too; read
    as text, they give the report its place, its session and its speaker."""
    read: list[str] = []
    for line in head:
        subtitle = line.startswith(("——", "--")) or (read and _continues_subtitle(read[-1], line))
        issuer = _ISSUER_FIELD.match(line)
        if subtitle or issuer or (line == byline and _OFFICE_LINE.match(line)):
            read.append(line)
    return read


def _continues_subtitle(previous: str, line: str) -> bool:
    """``line`` is the rest of a subtitle broken after ``previous``: ——…在X县第十七届 /
    人民代表大会第三次会议上."""
    at = previous.rfind("在")
    return (
        previous.startswith(("——", "--"))
        and at >= 0
        and "上" not in previous[at:]
        and len(line) <= 40
        and _SUBTITLE_END.search(line) is not None
    )


def _cut_link_lists(
    lines: Sequence[str], start: int, links: frozenset[str]
) -> tuple[list[str], int]:
    """The lines without lists of other articles (相关新闻: and the links under
    it), and the index where the body ends: at the first such heading, unless
    the page shows it was a list of links with article text after it."""
    kept = list(lines)
    index = start
    while index < len(kept):
        if not _MORE_LINKS.match(kept[index]):
            index += 1
            continue
        after = index + 1
        while after < len(kept) and _is_link(kept[after], links):
            after += 1
        text_follows = any(
            ends_sentence(line) and len(line) > 15 and not _is_boilerplate(line)
            for line in kept[after:]
        )
        if after == index + 1 or not text_follows:
            return kept, index
        del kept[index:after]
    return kept, len(kept)


def _without_link_runs(lines: Sequence[str], links: frozenset[str]) -> list[str]:
    """``lines`` without runs of two or more lines that are each wholly a link."""
    kept: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line and _is_link(line, links):
            run.append(line)
            continue
        kept += run if len(run) == 1 else []
        run = []
        kept.append(line)
    return kept[:-1]


def _split_head(
    lines: Sequence[str], title_hint: str | None, set_apart: frozenset[str]
) -> tuple[list[str], str | None, str | None, int]:
    """Head furniture, headline, byline, and the index where the body starts.

    Title-like lines between the headline and later furniture are headline
    parts (引题, 主题, 副题). The main title is the one matching the HTML
    title; else the last one the markup sets apart; else the last one. A
    title-like line followed directly by text is a subheading of the body.
    """
    at, marked_by = _find_title(lines, title_hint, set_apart)
    start = 0 if at is None else at + 1
    head, headlines = list(lines[: at or 0]), [] if at is None else [lines[at]]
    last_furniture = _last_furniture_before_body(lines, start)
    byline = None
    for index in range(start, len(lines)):
        line = lines[index]
        if byline is None and headlines and _is_byline(line):
            byline = line
        elif (
            _is_page_furniture(line)
            or line.startswith(("——", "--"))
            or (head and _continues_subtitle(head[-1], line))
        ):
            head.append(line)
        elif headlines and index < last_furniture:
            headlines.append(line)
        elif not headlines and len(line) < 5:
            head.append(line)
        else:
            break
        start = index + 1
    parts = [line for line in headlines if not line.startswith(("——", "--"))]
    if marked_by == "title":
        parts = headlines[:1]
    elif marked_by == "markup":
        parts = [line for line in parts if line in set_apart]
    main = parts[-1:]
    head += [line for line in headlines if line not in main]
    return head, (main or [None])[0], byline, start


def _last_furniture_before_body(lines: Sequence[str], start: int) -> int:
    """Index of the last furniture line among the short lines after ``start``."""
    last = start
    for index in range(start, min(len(lines), start + 8)):
        line = lines[index]
        if ends_sentence(line) or len(line) > 60:
            break
        if _is_page_furniture(line) or _is_byline(line):
            last = index
    return last


def _is_tail_furniture(line: str, title: str | None, head: Sequence[str]) -> bool:
    """Footer lines: furniture, short tags (专题), repeats of the page header."""
    if _is_page_furniture(line):
        return True
    if ends_sentence(line):
        return False
    if len(line) <= 8 or (title and title in line) or re.search(r"\bapp\s*$", line, re.I):
        return True
    codes = [m[1] for m in map(_PAGE.match, head) if m]
    return any(code in line for code in codes)


def _split_trailing_byline(paragraph: str) -> tuple[str, list[str]]:
    """A last paragraph without its appended byline ``…。(记者 张三)``, and the byline."""
    m = re.match(r"^(.*[。!?;][”’」』]*)\s*\(([^()]{1,24})\)$", paragraph)
    if m and (m[2] == "完" or _BYLINE_TEXT.search(m[2])):
        return m[1], [f"({m[2]})"]
    return paragraph, []


# ---------------------------------------------------------------- metadata


def _fields(lines: Sequence[str]) -> dict[str, str]:
    """``key: value`` fields of furniture lines (来源:X 作者:Y 发布时间:Z); first wins."""
    found: dict[str, str] = {}
    for line in lines:
        if not _is_field_line(line):
            continue
        marks = list(_KV.finditer(line))
        for mark, following in zip(marks, marks[1:] + [None], strict=True):
            value = line[mark.end() : following.start() if following else len(line)]
            found.setdefault(mark[1], value.strip(" |【】[]"))
    return found


def _first_date(text: str) -> dt.date | None:
    """The first valid calendar date written in ``text``.

    >>> _first_date('发布时间:2024-02-30 或 2024年3月5日 星期二')
    datetime.date(2024, 3, 5)
    """
    for m in list(_DATE.finditer(text)) + list(_COMPACT_DATE.finditer(text)):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def _author_of(byline: str) -> str:
    """The name in a byline: ``(记者 张三 通讯员 李四)`` → ``张三``; ``(台讯)`` → ``台讯``."""
    text = byline.strip("()[]【】 ")
    m = re.search(r"(?:记者|文\s*/|撰文|作者:?)\s*([^\s,、()/]+?)(?=\s|,|、|通讯员|$)", text)
    return m[1] if m else text


def page_meta(layout: Layout, hints: dict[str, str], path: str, sha: str) -> ArticleMeta:
    """What the page says about its article; the file name only as a date fallback."""
    furniture = layout.head + layout.tail
    fields = _fields(furniture)
    page = next((m for m in map(_PAGE.match, furniture) if m), None)
    count = fields.get("本文字数") or fields.get("全文字数") or fields.get("字数") or ""
    title = layout.title or html_title(hints)
    return ArticleMeta(
        source_path=path,
        sha256=sha,
        title=title or None,
        newspaper=_newspaper(fields, hints, furniture),
        section=(page and page[2]) or fields.get("版名") or fields.get("栏目") or None,
        page=(page and page[1]) or fields.get("版次") or fields.get("版面") or None,
        date=_date(fields, hints, furniture, path),
        author=_author(fields, layout, hints),
        word_count=int(m[0]) if (m := re.match(r"\d+", count)) else None,
    )


def _newspaper(
    fields: dict[str, str], hints: dict[str, str], furniture: Sequence[str]
) -> str | None:
    """The publication: a post's account, a 来源 field, the page's site name, a paper named
    in the furniture."""
    account = next((name for line in furniture if (name := _account_of(line))), None)
    if account:
        return account
    source = fields.get("来源") or fields.get("稿源")
    if source:
        return source.split()[0]
    if hints.get("source") or hints.get("og:site_name"):
        return hints.get("source") or hints["og:site_name"]
    papers = Counter(m[0] for line in furniture for m in _PAPER.finditer(line))
    return papers.most_common(1)[0][0] if papers else None


def _date(
    fields: dict[str, str], hints: dict[str, str], furniture: Sequence[str], path: str
) -> dt.date | None:
    """The page's own date: a labelled field, a date line, the HTML meta, any
    furniture line, and only then the file name."""
    labelled = [v for k, v in fields.items() if "时间" in k or "日期" in k]
    meta = [hints[k] for k in hints if "date" in k or "published" in k or "pubtime" in k]
    date_lines = [line for line in furniture if _is_date_line(line)]
    for candidates in (labelled, date_lines, meta, furniture, [Path(path).stem]):
        for text in candidates:
            if found := _first_date(text):
                return found
    return None


def _author(fields: dict[str, str], layout: Layout, hints: dict[str, str]) -> str | None:
    named = next((fields[key] for key in _AUTHOR_KEYS if fields.get(key)), None)
    if named:
        return _author_of(named)
    for line in (layout.byline, *layout.head, *layout.body[:1], *reversed(layout.tail)):
        if not line:
            continue
        paren = _PAREN_BYLINE.match(line)
        if (
            line == layout.byline
            or _AUTHOR_LINE.match(line)
            or (paren and _BYLINE_TEXT.search(paren[1]))
        ):
            return _author_of(line)
        if m := re.match(r"^[^,。]{0,12}讯\s*(\([^()]{1,30}\))", line):
            return _author_of(m[1])
        if line in layout.head and (m := re.search(r"记者\s*([^\s,、()/:]{2,4})(?:\s|$)", line)):
            return m[1]
    return hints.get("author") or hints.get("article:author") or None
