"""Figures in the tables of a cleaned article (trafilatura writes each table row as one line, `a | b | c |`).

A statistics bureau's data page is often only a table (指标 | 单位 | 1-10月 | 比上年同期增长(%)): its numbers
have no unit beside them, so the prose reader (figures.py) finds none there. Here each numeric cell of a
table becomes a figure:
  - named by its row label, or by its column header or the caption when the rows are places or years;
  - with the unit of its column header (增长(%)), its row's 单位 column, its row label (常住人口(万人)) or the
    caption (单位:%), and the kind the header says (增长 → growth, 百分点 → change_pp, % → share);
  - for the period its column header or row label names (2020年, 1-10月), else the one in force where the
    table starts (the caption, the title);
  - for the place its row (or column) names when they are places, else the document's region.
A cell whose unit no row, column or caption gives is left out: a bare number cannot be filed.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extract import indicators as ind
from extract.figure import Figure
from extract.regions import canonical as region_of_name
from extract.regions import find_mentions as find_regions
from extract.units import Unit, match_unit

LINE = re.compile(r"[^\n]+")
NUMBER = re.compile(r"(?P<num>[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>[^\d\s].{0,7})?")
MISSING = frozenset(("", "—", "——", "-", "--", "–", "…", "/", "*", "x", "X", "×"))
PAREN_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?(?P<u>[^()（）]{1,10}?)\s*[)）]\s*$")
CAPTION_UNIT = re.compile(r"(?:计量)?单位\s*[:：]\s*(?P<u>[^\s,，;；)）]{1,10})")
UNIT_HEADER = re.compile(r"^(?:计量)?单位$")
GROWTH_HEADER = re.compile(r"增长|增速|增幅|涨幅|降幅|比上年|比去年|同比|比上月|环比|比上季")
PP_HEADER = re.compile(r"百分点")
BASE_HEADER = re.compile(r"同比|环比|(?:比|较)(?:上年|去年|上月|上季)(?:同期)?")
NOT_OUTCOME = re.compile(r"目标|计划|预计|预期")  # a column of targets is no outcome
CAPTION = re.compile(r"^(?:附?表\s*\d*|.{0,40}?(?:情况|指标|数据|统计)\b|.*单位\s*[:：])")
PLACE_WORDS = frozenset(("全国", "全省", "全市", "全区", "全县", "市区", "县域", "东北", "华北"))
# the first header cell of a table whose rows are places (地 区 | 2020年 | 2010年): every row label is a place
PLACE_COLUMN = re.compile(r"^(?:地区|城市|区域|地市|市别|省份|省市|县区|县\(市\)区|区县|各区县|区县\(市\)|地区名称|城市名称)$")
# a column of differences (变化情况(±百分点), 增减): what it holds is named by the columns it compares
CHANGE_COLUMN = re.compile(r"变化|变动|增减|差额|差值|±")
TOTAL_ROW = re.compile(r"^(?:全市|全省|全区|全县)?(?:合计|总计|小计|总体|全部)$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Cell:
    text: str  # stripped
    start: int  # offsets of the stripped text in the working copy
    end: int


@dataclass
class Table:
    start: int  # the first row's start
    end: int  # the last row's end
    caption: Cell | None  # the short line just before the first row (表1 …城镇化率… 单位:%), if it looks like one
    rows: list[tuple[Cell, list[Cell]]]  # (the row line, its cells)


def _cells(t: str, start: int, end: int) -> list[Cell]:
    out, pos = [], start
    for part in t[start:end].split("|"):
        s = part.strip()
        if s:
            lead = len(part) - len(part.lstrip())
            out.append(Cell(s, pos + lead, pos + lead + len(s)))
        pos += len(part) + 1
    return out


def find_tables(t: str) -> list[Table]:
    """The tables written as `|`-separated lines: at least two lines running together, one of them a row
    of two cells or more."""
    tables: list[Table] = []
    block: list[tuple[Cell, list[Cell]]] = []
    prev_line: Cell | None = None
    caption: Cell | None = None

    def close():
        if len(block) >= 2 and sum(1 for _, cells in block if len(cells) >= 2) >= 1:
            tables.append(Table(block[0][0].start, block[-1][0].end, caption, list(block)))
        block.clear()

    for m in LINE.finditer(t):
        line = Cell(m.group().strip(), m.start(), m.end())
        if "|" in line.text:
            cells = _cells(t, m.start(), m.end())
            if cells:
                if not block:
                    caption = prev_line if prev_line is not None and _looks_like_caption(prev_line.text) else None
                block.append((line, cells))
                continue
        close()
        prev_line = line
    close()
    return tables


def _looks_like_caption(line: str) -> bool:
    return len(line) <= 60 and not line.endswith(("。", "!", "！")) and bool(CAPTION.match(line))


def _number(cell: Cell) -> tuple[float, Unit | None, int, int] | None:
    """(value, unit written in the cell or None, start, end of number and unit) of a numeric cell, else None."""
    m = NUMBER.fullmatch(cell.text)
    if m is None:
        return None
    raw = m["num"].replace(",", "").replace("−", "-").replace("－", "-")
    unit = None
    if m["unit"]:
        unit = _unit(m["unit"])
        if unit is None:
            return None  # 12项措施, 3号线: words after the digits, not a unit
    return float(raw), unit, cell.start, cell.end


def _unit(written: str) -> Unit | None:
    """A unit that is the whole of `written` (万人, 亿元, %), else None."""
    w = written.strip()
    if not w:
        return None
    um = match_unit(w, 0)
    return um.unit if um is not None and um.end == len(w) and um.unit.cls != "mult" else None


def _is_data_row(cells: list[Cell]) -> bool:
    if len(cells) < 2 or not CJK.search(cells[0].text) or _number(cells[0]) is not None:
        return False
    # (a cell that is only a unit is the row's 单位 column)
    values = [c for c in cells[1:] if c.text not in MISSING and _unit(c.text) is None]
    return bool(values) and all(_number(c) is not None for c in values)


def _is_header(cells: list[Cell]) -> bool:
    """A row of column names: two cells or more, one after the first holding words (深圳 | - | - is a row
    with nothing in it, not a header)."""
    return len(cells) >= 2 and any(c.text not in MISSING and _number(c) is None for c in cells[1:])


def _squeeze(label: str) -> str:
    """辽 宁 → 辽宁: the spaces a table puts between the characters of a short label."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", label)


def _place(label: str) -> str | None:
    name = _squeeze(label)
    if name in PLACE_WORDS:
        return name
    hit = region_of_name(name)
    return hit.name if hit is not None else None


def _name_and_unit(label: str) -> tuple[str, Unit | None]:
    """常住人口(万人) → (常住人口, 万人); 比上年同期增长(%) → (比上年同期增长, %)."""
    s = _squeeze(label)
    m = PAREN_UNIT.search(s)
    if m is not None:
        u = _unit(m["u"].lstrip("±+-"))
        if u is not None:
            return s[: m.start()].strip(), u
    u = _unit(s)
    return ("", u) if u is not None else (s, None)


class TableReader:
    """Reads the tables of one text; `figures()` gives their figures in text order."""

    def __init__(self, t: str, text: str, norm, periods, doc_region: str, not_over=lambda period: False):
        self.t, self.text, self.norm, self.periods, self.doc_region = t, text, norm, periods, doc_region
        self.not_over = not_over  # period → whether it had not ended when the text was published
        self._mention_starts = [m.start for m in periods.mentions]

    def _names_period(self, cell: Cell | None) -> bool:
        if cell is None:
            return False
        i = bisect.bisect_left(self._mention_starts, cell.start)
        return i < len(self._mention_starts) and self._mention_starts[i] < cell.end

    def _period(self, at: Cell | None, table_start: int) -> str | None:
        if at is not None:
            return self.periods.resolve(at.end, at.start)[0]
        return self.periods.resolve(table_start, table_start)[0]

    def _column_name(self, header: list[Cell] | None, j: int, width: int) -> str:
        """The indicator a column header names (地区生产总值(亿元) → 地区生产总值), or "" for a column of a
        period (2020年), a growth or a difference (增长(%), 变化情况(±百分点)) or a generic word."""
        head = _header_cell(header, j, width)
        if head is None or self._names_period(head):
            return ""
        name = _name_and_unit(head.text)[0]
        if not name or GROWTH_HEADER.search(name) or PP_HEADER.search(name) or CHANGE_COLUMN.search(name) \
                or NOT_OUTCOME.search(name) or ind.is_generic(ind.clean_subject(name)):
            return ""
        return name

    def figures(self, table: Table) -> list[Figure]:
        t = self.t
        caption = table.caption
        cap_text = _squeeze(caption.text) if caption is not None else ""
        cap_unit_m = CAPTION_UNIT.search(cap_text)
        cap_unit = _unit(cap_unit_m["u"]) if cap_unit_m else None
        cap_hit = ind.find_in_text(cap_text) if cap_text else None
        # (大连市2024年主要指标: the caption's place, when it names one)
        cap_place = next((m.region for m in find_regions(cap_text) if m.region), None)
        data = [(line, cells) for line, cells in table.rows if _is_data_row(cells)]
        if not data:
            return []
        places = sum(1 for _, cells in data if _place(cells[0].text))
        first_header = next((cells[0].text for _, cells in table.rows if not _is_data_row(cells) and _is_header(cells)), "")
        rows_are_places = places * 2 >= len(data) or bool(PLACE_COLUMN.match(_squeeze(first_header)))
        out: list[Figure] = []
        header: list[Cell] | None = None
        unit_col = None
        for line, cells in table.rows:
            if not _is_data_row(cells):
                if _is_header(cells):
                    header = cells
                    unit_col = next((i for i, c in enumerate(cells) if UNIT_HEADER.match(_squeeze(c.text))), None)
                continue
            label = cells[0]
            label_name, label_unit = _name_and_unit(label.text)
            row_place = None
            if rows_are_places and not TOTAL_ROW.match(_squeeze(label.text)):
                row_place = _place(label.text) or _squeeze(label.text)
            # (合计, 全市合计: the whole of the places listed is the table's region)
            row_unit = _unit(cells[unit_col].text) if unit_col is not None and unit_col < len(cells) else None
            for j, cell in enumerate(cells[1:], start=1):
                if j == unit_col or cell.text in MISSING:
                    continue
                num = _number(cell)
                if num is None:
                    continue
                value, cell_unit, n_start, n_end = num
                head = _header_cell(header, j, len(cells))
                head_text = _squeeze(head.text) if head is not None else ""
                if NOT_OUTCOME.search(head_text):
                    continue
                head_name, head_unit = _name_and_unit(head_text)
                unit = cell_unit or head_unit or row_unit or label_unit or cap_unit
                if unit is None:
                    continue
                described = head_text + cap_text
                if unit.cls == "pp" or PP_HEADER.search(described):
                    kind = "change_pp"
                elif unit.cls in ("pct", "permille", "times") and GROWTH_HEADER.search(head_text):
                    kind = "growth"
                elif unit.cls in ("pct", "permille"):
                    kind = "share"
                else:
                    kind = "level"
                base_m = BASE_HEADER.search(head_text) if kind == "growth" else None
                # the name: the row's, unless the rows are places or years (then the column's or the caption's)
                row_is_period = self._names_period(label)
                if rows_are_places or row_is_period:
                    # (增长(%) beside 地区生产总值(亿元): the growth of the column named before it)
                    named = next((n for n in (self._column_name(header, k, len(cells)) for k in range(j, 0, -1)) if n), "")
                    subject = named or (cap_hit.name if cap_hit is not None else "")
                else:
                    subject = label_name
                subject = ind.clean_subject(subject) or subject
                if not subject:
                    continue
                name, hit = ind.canonical_name(subject, unit_cls=unit.cls, kind=kind)
                period_at = head if self._names_period(head) else (label if row_is_period else None)
                period = self._period(period_at, table.start)
                if self.not_over(period):
                    continue
                region = row_place or cap_place or self.doc_region
                o_s, o_e = self.norm.span(n_start, n_end)
                l_s, l_e = self.norm.span(line.start, line.end)
                out.append(Figure(
                    start=o_s, end=o_e, value=value, unit=unit.written, value_base=value * unit.factor,
                    base_unit=unit.base, kind=kind, qualifier=None, indicator=name,
                    indicator_id=hit.id if hit else None, period=period, region=region,
                    sentence=self.text[l_s:l_e].strip(), confidence=0.7 if hit else 0.45, indicator_raw=subject,
                    base=base_m.group() if base_m else None, sentence_start=l_s))
        return out


def _header_cell(header: list[Cell] | None, j: int, width: int) -> Cell | None:
    """The header cell above column j of a row `width` cells wide (a header one cell short lacks the label's)."""
    if header is None:
        return None
    if len(header) == width:
        return header[j]
    if len(header) == width - 1:
        return header[j - 1]
    return None
