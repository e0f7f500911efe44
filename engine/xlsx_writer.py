"""A plain XLSX writer: worksheets of typed cells with number formats, streamed into the zip.

Why not GDAL's XLSX driver: it writes every number as "General" (so 0.4000 公顷 shows as 0.4), and a
report with a 明细 sheet of 150,000 pieces took it 7 s, plus a second pass to add the formats. This
writes the final workbook in one pass, rows in blocks, each block's XML built column by column.

What a workbook holds (Office Open XML, the parts every reader needs and nothing more): one
worksheet per sheet with the headers in a bold, frozen first row, then the rows; texts in the
shared-string table; numbers as numbers, with the column's number format (``0.00``, ``0.0000``, …)
where the sheet gives a decimal count; empty cells (None, "") left out; column widths from the
headers. A column whose values are not all numbers is written as text, so a code like 410802 stays
the text the table holds.
"""

from __future__ import annotations

import html
import math
import re
import zipfile
from collections.abc import Sequence
from typing import Optional

_WIDTH_SAMPLE = 200  # rows whose values set a column's width (with its header)
_BLOCK_ROWS = 4096  # rows turned into XML at a time (bounded memory for sheets of any length)
_FIRST_FORMAT_ID = 164  # custom number formats start here
_STYLE_HEADER = 1  # cellXfs index of the bold header style; number styles follow
# characters XML 1.0 does not allow (a stray control character in a DBF text would break the file),
# and lone surrogates (from a badly decoded file), which UTF-8 cannot encode
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# text Excel would read as an escaped character (_x000D_): its underscore is escaped in turn
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
MAX_TEXT = 32767  # characters of one cell

TEXT, INTEGER, REAL = "text", "integer", "real"


def format_code(decimals: int) -> str:
    """Excel number format showing ``decimals`` decimals: 0 → "0", 2 → "0.00"."""
    return "0." + "0" * decimals if decimals > 0 else "0"


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (Excel column names)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_kind(values) -> str:
    """INTEGER when every value given is an int, REAL when every one is a number, else TEXT (bools
    and mixed columns are text; None and "" are blanks and do not count)."""
    kind = None
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return TEXT
        if kind is None or kind == INTEGER:
            kind = INTEGER if isinstance(value, int) else REAL
    return kind or TEXT


class _SharedStrings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0  # cells referring to the table (Excel's "count")

    def add(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join('<si><t xml:space="preserve">{}</t></si>'.format(_xml_text(text)) for text in self.index)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{}" '
            'uniqueCount="{}">{}</sst>'.format(self.count, len(self.index), items)
        )


def _xml_text(text: str) -> str:
    """A cell text as XML: illegal characters dropped, Excel's own escapes kept apart, \\r kept, cut
    to what a cell holds (ending in "…")."""
    text = _ILLEGAL.sub("", text)
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return html.escape(text, quote=False).replace("\r", "_x000D_")


def write_workbook(
    path: str,
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]], Sequence[Optional[int]]]],
) -> None:
    """Write ``sheets`` — (name, headers, rows, decimals per column or None) — as a workbook at
    ``path``. Sheet names must already be valid and unique (report_writer.sheet_name). Raises
    OSError when the file cannot be written."""
    sheets = list(sheets) or [("Sheet1", [], [], [])]  # a workbook needs a sheet to open
    wanted = sorted({d for _, _, _, decimals in sheets for d in decimals if d is not None and 0 <= d <= 10})
    style_of = {d: _STYLE_HEADER + 1 + k for k, d in enumerate(wanted)}
    strings = _SharedStrings()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, (_, headers, rows, decimals) in enumerate(sheets, 1):
            with archive.open("xl/worksheets/sheet{}.xml".format(number), "w") as out:
                _write_sheet(out, headers, rows, decimals, style_of, strings)
        archive.writestr("xl/sharedStrings.xml", strings.xml())
        archive.writestr("xl/styles.xml", _styles(wanted))
        archive.writestr("xl/workbook.xml", _workbook([name for name, *_ in sheets]))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_relations(len(sheets)))
        archive.writestr("_rels/.rels", _ROOT_RELATIONS)
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))


def _write_sheet(out, headers, rows, decimals, style_of: dict, strings: _SharedStrings) -> None:
    n = len(headers)
    decimals = (list(decimals) + [None] * n)[:n]
    kinds = [column_kind(row[k] for row in rows if k < len(row)) for k in range(n)]
    letters = [column_letters(k) for k in range(n)]
    widths = [_width([headers[k], *(row[k] for row in rows[:_WIDTH_SAMPLE] if k < len(row))]) for k in range(n)]
    last = "{}{}".format(letters[-1], len(rows) + 1) if n else "A1"
    out.write(_sheet_head(widths, last).encode("utf-8"))
    header = "".join(
        '<c r="{}1" t="s" s="{}"><v>{}</v></c>'.format(letter, _STYLE_HEADER, strings.add(str(h)))
        for letter, h in zip(letters, headers)
    )
    out.write('<row r="1">{}</row>'.format(header).encode("utf-8"))
    for start in range(0, len(rows), _BLOCK_ROWS):
        block = rows[start : start + _BLOCK_ROWS]
        columns = [
            _column_cells(
                [row[k] if k < len(row) else None for row in block],
                letters[k],
                kinds[k],
                style_of.get(decimals[k]),
                start + 2,
                strings,
            )
            for k in range(n)
        ]
        text = "".join(
            '<row r="{}">{}</row>'.format(r, "".join(cells)) for r, cells in enumerate(zip(*columns), start + 2)
        )
        out.write(text.encode("utf-8"))
    out.write(b"</sheetData></worksheet>")


def _column_cells(values: list, letter: str, kind: str, style: Optional[int], first_row: int, strings) -> list:
    """The XML of one column's cells for a block of rows (blank values give "")."""
    rows = range(first_row, first_row + len(values))
    if kind == TEXT:
        add = strings.add
        return [
            "" if v is None or v == "" else '<c r="{}{}" t="s"><v>{}</v></c>'.format(letter, r, add(str(v)))
            for r, v in zip(rows, values)
        ]
    style_attribute = ' s="{}"'.format(style) if style is not None else ""
    head = '<c r="{}'.format(letter)
    tail = '"{}><v>'.format(style_attribute)
    if kind == INTEGER:
        return ["" if _blank(v) else "{}{}{}{}</v></c>".format(head, r, tail, v) for r, v in zip(rows, values)]
    return [
        "" if _blank(v) or not math.isfinite(v) else "{}{}{}{!r}</v></c>".format(head, r, tail, float(v))
        for r, v in zip(rows, values)
    ]


def _blank(value) -> bool:
    return value is None or value == ""


def _sheet_head(column_widths: Sequence[int], last_cell: str) -> str:
    widths = "".join(
        '<col min="{0}" max="{0}" width="{1}" customWidth="1"/>'.format(k + 1, width)
        for k, width in enumerate(column_widths)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:{}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews>'
        "{}<sheetData>".format(last_cell, "<cols>{}</cols>".format(widths) if widths else "")
    )


def _width(values) -> int:
    """Column width for the header and the first values of a column: CJK characters count twice,
    numbers as shown with their number format; between 8 and 60 characters."""
    widest = 0
    for value in values:
        if value is None:
            continue
        text = "{:.4f}".format(value) if isinstance(value, float) else str(value)
        widest = max(widest, sum(2 if ord(c) > 0x2E80 else 1 for c in text[:100]))
    return max(8, min(60, widest + 2))


def _styles(decimals: Sequence[int]) -> str:
    formats = "".join(
        '<numFmt numFmtId="{}" formatCode="{}"/>'.format(_FIRST_FORMAT_ID + k, format_code(d))
        for k, d in enumerate(decimals)
    )
    number_xfs = "".join(
        '<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'.format(
            _FIRST_FORMAT_ID + k
        )
        for k in range(len(decimals))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + ('<numFmts count="{}">{}</numFmts>'.format(len(decimals), formats) if decimals else "")
        + '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
        '<font><b/><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="{}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>{}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>".format(2 + len(decimals), number_xfs)
    )


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(
        '<sheet name="{}" sheetId="{}" r:id="rId{}"/>'.format(html.escape(name), k, k)
        for k, name in enumerate(names, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        "<sheets>{}</sheets></workbook>".format(sheets)
    )


_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _workbook_relations(count: int) -> str:
    sheets = "".join(
        '<Relationship Id="rId{0}" Type="{1}worksheet" Target="worksheets/sheet{0}.xml"/>'.format(k, _RELATIONSHIP)
        for k in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '{0}<Relationship Id="rId{1}" Type="{2}styles" Target="styles.xml"/>'
        '<Relationship Id="rId{3}" Type="{2}sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>".format(sheets, count + 1, _RELATIONSHIP, count + 2)
    )


_ROOT_RELATIONS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="{}officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>".format(_RELATIONSHIP)
)

_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def _content_types(count: int) -> str:
    sheets = "".join(
        '<Override PartName="/xl/worksheets/sheet{}.xml" ContentType="{}worksheet+xml"/>'.format(k, _MAIN)
        for k in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="{0}sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="{0}styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="{0}sharedStrings+xml"/>'
        "{1}</Types>".format(_MAIN, sheets)
    )
