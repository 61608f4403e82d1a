"""Bytes to text: UTF-8 (with or without a BOM), GB18030/GBK or Big5, told apart.

Why not charset-normalizer: on short Chinese texts it weighs every
single-byte and CJK code page, and for the three encodings Chinese pages
actually come in, strict decodes with a plausibility check decide as well and
in a fraction of the time, without a dependency. The order and the check:

1. UTF-16 when the file starts with its byte-order mark; then UTF-8 (a BOM
   dropped; a character cut off at the very end is dropped too, as a
   truncated download leaves it). UTF-8's byte patterns are strict: GBK or
   Big5 text of any length practically never decodes as UTF-8.
2. GB18030 and Big5 (cp950, Microsoft's Big5 with its extensions). Every Big5
   double byte is also a valid GBK one, and much GBK text decodes as Big5,
   so both are tried strictly and the one whose Han characters are more often
   *common* ones wins: the 3,755 level-1 characters of GB2312 and the 5,401
   frequent characters of Big5 (their first plane). Big5 read as GBK turns
   half its characters into kana, Greek, box drawing and rare Han; GBK read
   as Big5 turns most into rare traditional characters. Real text scores 0.8
   and more; a decode scoring under ``PLAUSIBLE`` is not trusted.
"""

from __future__ import annotations

import re
from functools import cache

from kg.errors import InputError

PLAUSIBLE = 0.6  # share of common characters below which a decode is mojibake
_SAMPLE = 200_000  # characters scored: enough to decide, bounded on big files
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# What a wrong double-byte decode produces besides Han: kana, Greek, Cyrillic,
# box drawing, private use, compatibility forms.
_ODD = re.compile(r"[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\ue000-\uf8ff\ufe30-\ufe4f]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of ``data``; InputError naming ``name`` when no
    encoding reads it plausibly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 BOM: Windows Notepad's "Unicode"
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as err:
        utf8_error = err
        if err.start >= len(data) - 3 and "end of data" in err.reason:
            return data[: err.start].decode("utf-8-sig"), "UTF-8"  # cut mid-character at the end
    scored = []
    for codec, label in (("gb18030", "GB18030"), ("cp950", "Big5")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text), label, text))
    if scored:
        score, label, text = max(scored)
        if score >= PLAUSIBLE:
            return text, label
    raise InputError(
        f"{name} is not text in UTF-8, GB18030 or Big5: invalid UTF-8 byte at offset "
        f"{utf8_error.start}, and no Chinese encoding reads it as common characters; "
        f"convert it to UTF-8 first (iconv -f ENCODING -t UTF-8)"
    )


def plausibility(text: str) -> float:
    """The share of ``text``'s Han (and odd) characters that are common Chinese ones;
    1.0 for text without any.

    >>> plausibility("鹤山市工业园区"), plausibility("ABC")
    (1.0, 1.0)
    """
    sample = text[:_SAMPLE]
    han = _CJK.findall(sample)
    odd = len(_ODD.findall(sample))
    if not han and not odd:
        return 1.0
    common = _common_characters()
    return sum(1 for c in han if c in common) / (len(han) + odd)


@cache
def _common_characters() -> frozenset[str]:
    """GB2312 level 1 (bytes B0A1-D7F9) and Big5's frequent characters (A440-C67E)."""
    found = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            found.update(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            found.update(bytes((lead, trail)).decode("cp950", errors="ignore"))
    return frozenset(c for c in found if _CJK.match(c))


__all__ = ["PLAUSIBLE", "decode", "plausibility"]
