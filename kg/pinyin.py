"""Romanisation of Chinese names: IRI slugs and pinyin labels (offline, deterministic).

Both use pypinyin's ``lazy_pinyin`` (most likely reading, no tones), so a
pypinyin upgrade that changes a reading changes the slug: pin it when IRIs
must stay stable across releases.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pypinyin.converter import DefaultConverter
from pypinyin.core import Pinyin

# Generic heads written as separate pinyin words, as place-name romanisation
# separates 开平 from 市; longest first so 有限公司 wins over 公司.
_GENERIC_HEADS = sorted(
    ("自治县", "自治州", "街道", "社区", "省", "市", "县", "区", "镇", "乡", "村",
     "有限公司", "股份有限公司", "集团", "公司", "委员会", "局",
     "产业园", "工业园", "科技园", "园区", "工业城", "产业基地", "基地", "开发区", "示范区",
     "示范带", "项目", "工程", "高速公路", "高速", "公路", "大桥", "大道"),
    key=len, reverse=True,
)  # fmt: skip
_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


class _KeptReadings(DefaultConverter):
    """pypinyin's converter, keeping the reading of each word it is given.

    pypinyin cuts a text into words (its phrase dictionary) and converts each
    word on its own, the same way every time; converting is four fifths of its
    time, and names are made of few words (区, 产业园, 有限公司, a county's
    name), so a name mostly needs only cutting. The readings are the ones
    ``pypinyin.lazy_pinyin`` gives (tested)."""

    def __init__(self) -> None:
        super().__init__()
        self._kept: dict[tuple, list] = {}

    def convert(self, words, style, heteronym, errors, strict, **kwargs):
        if kwargs:
            return super().convert(words, style, heteronym, errors, strict, **kwargs)
        key = (words, style, heteronym, errors, strict)
        found = self._kept.get(key)
        if found is None:
            if len(self._kept) >= _KEPT_WORDS:
                self._kept.clear()
            converted = super().convert(words, style, heteronym, errors, strict)
            found = self._kept[key] = tuple(tuple(readings) for readings in converted)
        return found  # tuples: the caller only reads them


_KEPT_WORDS = 1 << 17
# pypinyin's lazy_pinyin with the readings of words kept (a module name, so tests can
# refuse it)
lazy_pinyin = Pinyin(_KeptReadings()).lazy_pinyin


# Slugs made so far, by name: names repeat across articles and pypinyin is the slow
# part (about 1 ms a name). A build keeps the table in its cache (``known_slugs``,
# ``add_slugs``), so a rebuild of thousands of articles does not romanise them again.
_SLUGS: dict[str, str] = {}


def pinyin_slug(name: str) -> str:
    """Lower-case ASCII slug of ``name``: pinyin syllables and [a-z0-9] runs joined by '-'.

    >>> pinyin_slug("潭江智造产业园")
    'tan-jiang-zhi-zao-chan-ye-yuan'
    >>> pinyin_slug("G325国道（开平段）")
    'g325-guo-dao-kai-ping-duan'
    """
    slug = _SLUGS.get(name)
    if slug is None:
        tokens = lazy_pinyin(unicodedata.normalize("NFKC", name))
        words = [w for token in tokens for w in _ASCII_WORD.findall(token.lower())]
        slug = _SLUGS[name] = "-".join(words) or hashlib.sha1(name.encode()).hexdigest()[:6]
    return slug


def known_slugs() -> dict[str, str]:
    """A copy of the slugs made or added so far, by name."""
    return dict(_SLUGS)


def add_slugs(slugs: dict[str, str]) -> None:
    """Take ``slugs`` (from ``known_slugs`` of an earlier run of the same code) as made."""
    _SLUGS.update(slugs)


@lru_cache(maxsize=1 << 16)
def pinyin_label(name: str) -> str:
    """Pinyin without tones, one capitalised word per part, generic heads apart.

    >>> pinyin_label("开平市")
    'Kaiping Shi'
    >>> pinyin_label("TCL科技有限公司")
    'TCL Keji Youxiangongsi'
    """
    parts: list[str] = []
    rest = unicodedata.normalize("NFKC", name).strip()
    while len(parts) < 3:
        head = next((h for h in _GENERIC_HEADS if rest.endswith(h) and len(rest) > len(h)), None)
        if head is None:
            break
        parts.insert(0, head)
        rest = rest[: -len(head)]
    words = []
    for part in [rest, *parts]:
        for run in _HAN.split(part):
            if _HAN.fullmatch(run):
                words.append("".join(lazy_pinyin(run)).capitalize())
            else:
                words.extend(re.findall(r"[A-Za-z0-9]+", run))
    return " ".join(words)
