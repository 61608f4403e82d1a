"""Gold annotations: read the YAML files analysts write (docs/gold-format.md) into records.

Also the small pure rules the scorer applies to gold values: how a label is
normalised before comparison, which numbers a printed figure may appear as,
and whether found dates fit a gold period.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.errors import InputError, UsageError

# Gold type names that differ from the ontology's class local names.
TYPE_NAMES = {
    "AdminDivision": "AdministrativeDivision",
    "Program": "Programme",
    "Organisation": "Organization",
}
LEVEL_NAMES = {
    "province": "Province",
    "prefecture": "Prefecture",
    "city": "Prefecture",
    "county": "County",
    "town": "Town",
    "township": "Town",
    "subdistrict": "Subdistrict",
    "village": "Village",
}
_QUOTES = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")
_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class GoldEntity:
    """One thing the analyst found: its surface forms, accepted classes and level."""

    key: str
    names: tuple[str, ...]
    classes: tuple[str, ...]  # ontology class local names; any one is right
    level: str | None = None  # division level class local name (Town, County, ...)
    optional: bool = False


@dataclass(frozen=True)
class GoldFact:
    """A relation (``object`` set) or a figure (``value`` set) about ``subject``."""

    subject: GoldEntity
    predicate: str
    object: GoldEntity | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str = ""
    period: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Gold:
    """One gold file: the article's metadata, its entities and facts."""

    path: Path
    document: dict
    entities: tuple[GoldEntity, ...]
    facts: tuple[GoldFact, ...]

    @property
    def stem(self) -> str:
        """The file name without ``.gold.yaml`` (the article id it annotates)."""
        name = self.path.name
        for suffix in (".gold.yaml", ".gold.yml", ".yaml", ".yml"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return self.path.stem


def normalise_label(text: str) -> str:
    """The form labels and gold names are compared in: NFKC, no spaces or quotes.

    >>> normalise_label(" “百千万工程”指挥部 ")
    '百千万工程指挥部'
    >>> normalise_label("顺南产业合作园（顺德片区）")
    '顺南产业合作园(顺德片区)'
    """
    return _QUOTES.sub("", unicodedata.normalize("NFKC", str(text)))


def load_gold(path: Path) -> Gold:
    """Read one gold YAML file; bad files raise InputError naming the file and entry."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no gold file at {path}")
    document = _read_yaml(path)
    entities = tuple(_entity(path, i, raw) for i, raw in enumerate(document.get("entities") or []))
    by_ref: dict[str, GoldEntity] = {}
    for entity in entities:
        for name in entity.names:
            by_ref.setdefault(name, entity)
    by_ref.update({e.key: e for e in entities})
    facts = tuple(
        fact
        for i, raw in enumerate(document.get("facts") or [])
        if (fact := _fact(path, i, raw, by_ref)) is not None
    )
    return Gold(path, dict(document.get("document") or {}), entities, facts)


def _read_yaml(path: Path) -> dict:
    try:
        import yaml
    except ImportError as err:  # PyYAML is needed only by `kg eval`
        raise UsageError("kg eval needs PyYAML: pip install PyYAML") from err
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: not a readable YAML file: {' '.join(str(err).split())}") from err
    if not isinstance(document, dict) or not isinstance(document.get("entities"), list):
        raise InputError(f"{path}: a gold file is a mapping with an 'entities' list")
    return document


def _entity(path: Path, index: int, raw: object) -> GoldEntity:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise InputError(f"{path}: entity {index + 1} has no name")
    aliases = raw.get("aliases") or []
    names = tuple(dict.fromkeys(str(n) for n in [raw["name"], *aliases]))
    level = LEVEL_NAMES.get(str(raw.get("level") or "").lower())
    return GoldEntity(
        key=str(raw.get("id") or raw["name"]),
        names=names,
        classes=_classes(raw.get("type"), raw.get("subtype")),
        level=level,
        optional=bool(raw.get("optional")),
    )


def _classes(gold_type: object, subtype: object) -> tuple[str, ...]:
    """Accepted class local names for a gold ``type`` (a name or a list) and ``subtype``.

    >>> _classes("AdminDivision", None)
    ('AdministrativeDivision',)
    >>> _classes(["Project", "Road"], None)
    ('Project', 'Road')
    >>> _classes("Organization", "company")
    ('Company',)
    """
    names = gold_type if isinstance(gold_type, list) else [gold_type] if gold_type else []
    sub = str(subtype or "").lower()
    out = []
    for name in map(str, names):
        if name == "Organization" and sub == "company":
            name = "Company"
        elif name == "Organization" and sub in ("governmentbody", "government"):
            name = "GovernmentBody"
        elif name == "Other":
            name = {"region": "Region", "person": "Person"}.get(sub, "")
        if name:
            out.append(TYPE_NAMES.get(name, name))
    return tuple(out)


def _fact(path: Path, index: int, raw: object, by_ref: dict) -> GoldFact | None:
    if not isinstance(raw, dict):
        raise InputError(f"{path}: fact {index + 1} is not a mapping")
    subject = _ref(path, index, raw.get("s", raw.get("subject")), by_ref)
    target = raw.get("o", raw.get("object"))
    value = raw.get("value")
    if subject is None:
        raise InputError(f"{path}: fact {index + 1} has no subject (s)")
    if target is None and value is None:
        return GoldFact(subject, str(raw.get("p", raw.get("predicate", ""))))  # date or note only
    return GoldFact(
        subject=subject,
        predicate=str(raw.get("p", raw.get("predicate", ""))),
        object=_ref(path, index, target, by_ref) if target is not None else None,
        value=_decimal(path, index, value) if value is not None else None,
        upper=_decimal(path, index, raw["upper"]) if raw.get("upper") is not None else None,
        unit=str(raw.get("unit") or ""),
        period=str(raw["period"]) if raw.get("period") is not None else None,
        note=str(raw.get("note") or ""),
    )


def _ref(path: Path, index: int, ref: object, by_ref: dict) -> GoldEntity | None:
    """The entity a fact names by id or by name; a bare name stands for itself."""
    if ref is None:
        return None
    ref = str(ref)
    if ref in by_ref:
        return by_ref[ref]
    if _ID.match(ref):  # looks like an id, and a typo in an id must not pass silently
        raise InputError(f"{path}: fact {index + 1} refers to unknown entity id {ref!r}")
    return GoldEntity(key=ref, names=(ref,), classes=())


def _decimal(path: Path, index: int, value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation as err:
        message = f"{path}: fact {index + 1} has a value that is not a number: {value!r}"
        raise InputError(message) from err


# What one unit of the residual unit (after 万/亿) may be stored as in base units.
_BASE_FACTORS: dict[str, tuple[Decimal, ...]] = {
    "元": (Decimal(1),),
    "亩": (Decimal(2000) / 3, Decimal(1) / 15),  # m², hectares
    "平方公里": (Decimal(10) ** 6, Decimal(100)),
    "公顷": (Decimal(10) ** 4,),
    "平方米": (Decimal(1),),
    "公里": (Decimal(1000),),
    "千米": (Decimal(1000),),
    "米": (Decimal(1),),
    "吨": (Decimal(1000),),  # kg
    "%": (Decimal("0.01"),),
    "成": (Decimal("0.1"), Decimal(10)),  # fraction, per cent
    "个百分点": (Decimal("0.01"),),
    "兆瓦时": (Decimal(1000),),  # kWh
}
_PREFIXES = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def value_candidates(value: Decimal, unit: str) -> tuple[Decimal, ...]:
    """The numbers a figure may be stored as: as printed, and in base units.

    >>> [str(v) for v in value_candidates(Decimal("3.5"), "亿元")]
    ['3.5', '350000000.0']
    >>> [str(v) for v in value_candidates(Decimal("12"), "%")]
    ['12', '0.12']
    """
    unit = unicodedata.normalize("NFKC", unit).strip()
    scale, rest = Decimal(1), unit
    if unit[:1] in _PREFIXES and unit not in _BASE_FACTORS:
        scale, rest = _PREFIXES[unit[0]], unit[1:]
    out = [value]
    if scale != 1:
        out.append(value * scale)
    out += [value * scale * f for f in _BASE_FACTORS.get(rest, ()) if f != 1]
    return tuple(dict.fromkeys(out))


def period_fits(period: str, dates: list[str]) -> bool:
    """Whether found ISO dates span the gold period: the earliest starts with its
    first end and the latest with its last (a year or month matches any day in it).

    >>> period_fits("2023-01/2023-09", ["2023-01-01", "2023-09-30"])
    True
    >>> period_fits("2023", ["2023-01-01", "2023-12-31"])
    True
    >>> period_fits("2023-01/2023-09", ["2023-01-01", "2023-11-16"])
    False
    >>> period_fits("2025", [])
    False
    """
    ends = [e.strip() for e in str(period).split("/") if e.strip()]
    if not ends or not dates:
        return False
    return min(dates).startswith(ends[0]) and max(dates).startswith(ends[-1])
