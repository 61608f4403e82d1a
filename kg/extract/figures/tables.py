"""Figures in tables: every number cell with its column's measure and unit, its row's subject.

Statistical releases and work reports carry their figures in tables, saved by
scrapers as lines of cells joined by ``|``:

    表2 2024年各镇主要经济指标
    镇 | 地区生产总值(亿元) | 增长(%) | 税收收入(万元)
    全县 | 312.5 | 4.1 | 98650
    石门镇 | 45.2 | -1.3 | 12033

- A **table** is a run of at least two consecutive lines of two or more cells.
  Leading lines whose cells after the first hold no number are the **header**;
  the lines after them that do are **data rows**.
- A **column** takes its measure and unit from its header cell: the unit in
  brackets (``(亿元)``, ``（%）``) when the unit table knows it, the rest the
  measure. A column whose header names no known unit gives no figures: a
  number without a unit is no figure here either. When a second header line
  names as many columns as the first lacks (a growth column under an amount:
  ``地区生产总值(亿元) | 增长(%)`` flattened to two lines), those names go
  after the first amount column, the way statistical tables group them.
- A **row's subject** is the entity named by its first cell (a division, park,
  company ...); 全市, 全县, 合计 and the like, and rows naming no entity, are
  about the article's main place, the row head then opening the measure
  (``第一产业`` + ``增加值`` in a table of sectors).
- A **period** comes from the table's caption (the line just before the
  header: ``表2 2024年各镇…``); without one the figures are dated as the
  article's other figures are (a release's period, the article date).
- Signed values are kept with their sign (-1.3 %). Figures the sentence rules
  found inside a table's data rows are replaced by the table's reading of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.figures.subjects import main_place
from kg.extract.pipeline import step
from kg.extract.text.spans import index_of, within
from kg.extract.text.units import to_base, units
from kg.records import Extraction, Mention, Quantity, Sentence

__all__ = ["Table", "find_tables", "tables_step"]

_CELL_NUMBER = re.compile(r"[-−+]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_UNIT_IN_BRACKETS = re.compile(r"[(（]\s*([^()（）]{1,6}?)\s*[)）]\s*$")
_TOTALS = frozenset({"全市", "全县", "全区", "全镇", "全省", "合计", "总计", "全域", "全街"})
_CAPTION = re.compile(r"^(?:附)?表\s*[0-9一二三四五六七八九十]+|表$|情况$|指标$|统计$|收入$|收支$")


@dataclass(frozen=True)
class Cell:
    """One cell of a line: its text (stripped) and absolute offsets into the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Column:
    """What a column of numbers measures, in which unit; ``header`` is its header cell."""

    measure: str
    unit: str | None
    header: Cell | None = None


@dataclass(frozen=True)
class Table:
    """A table of an article: its caption sentence, columns and data rows."""

    caption: Sentence | None
    columns: tuple[Column, ...]  # one per cell after the row head
    rows: tuple[tuple[Sentence, tuple[Cell, ...]], ...]  # data rows, head cell first


def split_cells(sentence: Sentence) -> tuple[Cell, ...]:
    """The ``|``-separated cells of a sentence with their offsets (empty cells kept).

    >>> s = Sentence(0, 10, 22, "石门镇 | 45.2 | -1.3", 0)
    >>> [(c.text, c.start, c.end) for c in split_cells(s)]
    [('石门镇', 10, 13), ('45.2', 16, 20), ('-1.3', 23, 27)]
    """
    cells, position = [], 0
    for raw in sentence.text.split("|"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = sentence.start + position + lead
        cells.append(Cell(stripped, start, start + len(stripped)))
        position += len(raw) + 1
    return tuple(cells)


def _trimmed(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """The cells without the empty ones a line's trailing separators leave."""
    end = len(cells)
    while end and not cells[end - 1].text:
        end -= 1
    return cells[:end]


def _number(text: str) -> Decimal | None:
    if not _CELL_NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(",", "").replace("−", "-").lstrip("+"))


def _is_data(cells: tuple[Cell, ...]) -> bool:
    return any(_number(c.text) is not None for c in cells[1:])


def _column(header: str, cell: Cell | None = None) -> Column:
    """The measure and unit a header cell names: ``地区生产总值(亿元)`` → (地区生产总值, 亿元)."""
    found = _UNIT_IN_BRACKETS.search(header)
    if found and found.group(1) in units():
        return Column(header[: found.start()].strip(), found.group(1), cell)
    return Column(header, None, cell)


def _columns(header_rows: list[tuple[Cell, ...]], width: int) -> tuple[Column, ...]:
    """One column per data cell after the row head (see the module docstring)."""
    if not header_rows:
        return ()
    first = [_column(c.text, c) for c in header_rows[0][1:] if c.text]
    extra = [_column(c.text, c) for row in header_rows[1:] for c in row if c.text]
    if len(first) < width and len(first) + len(extra) == width:
        amount = next((i for i, c in enumerate(first) if c.unit and c.unit != "%"), None)
        if amount is not None:
            first = first[: amount + 1] + extra + first[amount + 1 :]
    return tuple(first[:width])


def _runs(sentences: tuple[Sentence, ...]) -> list[list[tuple[Sentence, tuple[Cell, ...]]]]:
    """Runs of consecutive lines of two or more cells."""
    runs: list[list[tuple[Sentence, tuple[Cell, ...]]]] = []
    for sentence in sentences:
        cells = split_cells(sentence) if "|" in sentence.text else ()
        if len(cells) >= 2:
            cells = _trimmed(cells)
            if runs and runs[-1][-1][0].index == sentence.index - 1:
                runs[-1].append((sentence, cells))
            else:
                runs.append([(sentence, cells)])
    return [run for run in runs if len(run) >= 2]


def find_tables(sentences: tuple[Sentence, ...]) -> list[Table]:
    """The tables among ``sentences`` (lines of ``|``-separated cells), in text order."""
    tables = []
    for run in _runs(sentences):
        header = []
        while run and not _is_data(run[0][1]):
            header.append(run.pop(0)[1])
        rows = tuple(row for row in run if _is_data(row[1]))
        if not rows or not header:
            continue
        width = max(len(cells) for _, cells in rows) - 1
        first_line = rows[0][0].index - len(header)
        before = sentences[max(0, first_line - 2) : first_line]  # a sentence's index is its place
        caption = next((s for s in reversed(before) if _is_caption(s.text)), None)
        unit = next((u for s in before if (u := _table_unit(s.text))), None)
        columns = _columns(header, width)
        if unit:
            columns = tuple(c if c.unit else Column(c.measure, unit, c.header) for c in columns)
        tables.append(Table(caption, columns, rows))
    return tables


_UNIT_LINE = re.compile(r"单位\s*[:：]\s*([^\s,，;；)）]{1,6})")


def _table_unit(text: str) -> str | None:
    """The unit a caption or a line above a table gives all its columns (``单位：亿元``)."""
    found = _UNIT_LINE.search(text)
    if found and found.group(1) in units():
        return found.group(1)
    return None


def _is_caption(text: str) -> bool:
    return "|" not in text and len(text) <= 60 and bool(_CAPTION.search(text.strip()))


def _subject(ex: Extraction, head: Cell, fallback: str | None) -> tuple[str | None, Column]:
    """The row's subject, and what its head says when it names no entity (measure, unit)."""
    named = [m for m in within(ex.mentions, head.start, head.end) if m.entity]
    if named:
        widest: Mention = max(named, key=lambda m: (m.end - m.start, -m.start))
        return widest.entity, Column("", None)
    if head.text in _TOTALS or not head.text:
        return fallback, Column("", None)
    return fallback, _column(head.text)


def _period_in(ex: Extraction, cell: Cell | None) -> int | None:
    """The index of the period a cell consists of (``2024年``, ``1-9月``), if it is one."""
    if cell is None:
        return None
    text = _column(cell.text).measure
    index = index_of(ex.periods)
    return next(
        (i for i in index.starting(cell.start, cell.end) if index.items[i].text == text), None
    )


def table_quantities(ex: Extraction, table: Table, fallback: str | None) -> list[Quantity]:
    """Every number cell of the table's data rows whose column or row gives a unit, as a figure.

    A column headed by a time (``2024年``) is dated by it and measures what the
    row head says, in the row head's unit (``地区生产总值(亿元) | 300.1 | 320.5``).
    """
    caption = None
    if table.caption is not None:
        in_caption = [i for i, p in enumerate(ex.periods) if p.sentence == table.caption.index]
        caption = in_caption[-1] if in_caption else None
    dates = [_period_in(ex, column.header) for column in table.columns]
    out = []
    for sentence, cells in table.rows:
        subject, head = _subject(ex, cells[0], fallback)
        for cell, column, dated in zip(cells[1:], table.columns, dates, strict=False):
            value = _number(cell.text)
            if dated is not None:
                unit, measure, period = head.unit, head.measure, dated
            else:
                unit, measure, period = column.unit, head.measure + column.measure, caption
            if value is None or unit is None:
                continue
            out.append(_figure(sentence, cell, value, unit, measure, subject, period))
    return out


def _figure(
    sentence: Sentence,
    cell: Cell,
    value: Decimal,
    unit: str,
    measure: str,
    subject: str | None,
    period: int | None,
) -> Quantity:
    base = to_base(value, unit)
    return Quantity(
        text=cell.text,
        start=cell.start,
        end=cell.end,
        sentence=sentence.index,
        value=value,
        unit=unit,
        kind=units()[unit].quantity_kind,  # columns take only units the table knows
        base_value=base[0],
        base_unit=base[1],
        measure=measure or None,
        subject=subject,
        period=period,
    )


@step("tables", needs={"entities", "quantities", "periods"}, adds={"quantities"})
def tables_step(ex: Extraction) -> Extraction:
    """Adds the figures of the article's tables, replacing sentence rules' reading of their rows."""
    tables = find_tables(ex.article.sentences)
    if not tables:
        return ex
    fallback = main_place(ex)
    found = [q for table in tables for q in table_quantities(ex, table, fallback)]
    read = {offset for q in found for offset in range(q.start, q.end)}
    kept = [q for q in ex.quantities if read.isdisjoint(range(q.start, q.end))]
    merged = sorted(kept + found, key=lambda q: (q.start, q.end))
    return ex.evolve(quantities=tuple(merged))
