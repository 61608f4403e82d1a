"""People: a name written right after a post title (县长X, 董事长X, 记者 X).

A person is two or three characters opening with a family name, right after a
title (or a title and one space, as in a byline or a signature line), and
followed by what follows a person in news copy: a speech verb (说, 表示), a verb
of taking part or leading (作, 向, 主持, 出席, 参加, 带队, 赴), 等 or 一行, a
punctuation mark, a space or the end of a line. Names listed with 、 after such a
person (副主席X、Y、Z参加) are people too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.kinds import Kind
from kg.extract.names.candidates import Candidate
from kg.extract.text.lexicon import Lexicon

PERSON_TITLES = (
    "董事长",
    "总经理",
    "副总经理",
    "负责人",
    "总裁",
    "创始人",
    "书记",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "主任",
    "主席",
    "局长",
    "厅长",
    "部长",
    "院长",
    "所长",
    "经理",
    "记者",
    "通讯员",
)
# what may follow a person's name: speech, taking part, leading, a list or a pause
_AFTER_NAME = (
    r"说|表示|介绍|指出|认为|强调|透露|坦言|在|作|向|主持|出席|参加|带队|带领|率队|率|"
    r"赴|到|深入|亲临|莅临|致辞|讲话|等|一行|、|,|，|。|；|;|:|：|\s|$"
)
_NAME = r"[\u4e00-\u9fff]{2,3}?"
_PERSON = re.compile(
    r"(?P<title>"
    + "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
    + rf")[ \u3000]?(?P<name>{_NAME})(?={_AFTER_NAME})",
    re.M,
)
_LISTED = re.compile(rf"、(?P<name>{_NAME})(?={_AFTER_NAME})", re.M)


def _is_name(name: str, lex: Lexicon) -> bool:
    return name[0] in lex.surnames and name not in lex.boundaries


def person_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    """People named after a title (董事长陈立峰说, 县长吴海涛在…表示, 记者 李明 摄,
    副主席张三、李四参加) ."""
    for m in _PERSON.finditer(text):
        if not _is_name(m.group("name"), lex):
            continue
        yield Candidate(m.start("name"), m.end("name"), Kind.PERSON, "person")
        end = m.end("name")
        while (listed := _LISTED.match(text, end)) and _is_name(listed.group("name"), lex):
            if _PERSON.match(text, listed.start("name")):
                break  # the next one has a title of its own
            yield Candidate(listed.start("name"), listed.end("name"), Kind.PERSON, "person")
            end = listed.end("name")
