"""Number formats for a workbook written by GDAL's XLSX driver: 公顷 with 4 decimals, 亩 and m² with 2.

GDAL writes every number with the "General" format, so Excel shows 0.4 where a report means 0.4000.
This rewrites the workbook once: the formats are added to ``xl/styles.xml`` and the numeric cells of
each column that has a decimal count get that style. It relies on the layout GDAL writes (one sheet
file per layer in creation order, each cell tag on its own line, numeric cells without a ``t``
attribute); a workbook that does not look like that is left as it is.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from typing import Optional

_CHUNK = 1 << 23  # characters of sheet XML rewritten at a time
_FIRST_FORMAT_ID = 200  # custom numFmt ids start at 164; GDAL uses 164–169
_CELL_XFS = re.compile(r'<cellXfs count="(\d+)">(.*?)</cellXfs>', re.S)
_NUM_FMTS = re.compile(r'<numFmts count="\d+">(.*?)</numFmts>', re.S)


def format_code(decimals: int) -> str:
    return "0." + "0" * decimals if decimals > 0 else "0"


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (Excel column names)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def apply_number_formats(path: str, sheet_decimals: Sequence[Sequence[Optional[int]]]) -> bool:
    """Give the numeric cells of each sheet's columns their decimals (None: as written). In place,
    through a temporary file; True when the workbook was rewritten."""
    wanted = sorted({d for decimals in sheet_decimals for d in decimals if d is not None and 0 <= d <= 10})
    if not wanted:
        return False
    temporary = "{}.formats.tmp".format(path)
    try:
        with zipfile.ZipFile(path) as source:
            if not _rewrite_workbook(source, temporary, sheet_decimals, wanted):
                return False
        os.replace(temporary, path)  # the source is closed: Windows refuses to replace an open file
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError):
        return False  # the formats are cosmetic: the workbook stays as GDAL wrote it
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return True


def _rewrite_workbook(source: zipfile.ZipFile, temporary: str, sheet_decimals, wanted) -> bool:
    names = source.namelist()
    sheets = [n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    if "xl/styles.xml" not in names or len(sheets) != len(sheet_decimals):
        return False
    styles, style_of = _styles_with_formats(source.read("xl/styles.xml").decode("utf-8"), wanted)
    if styles is None:
        return False
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name in names:
            if name == "xl/styles.xml":
                target.writestr(name, styles)
            elif name in sheets:
                number = int(re.search(r"(\d+)\.xml$", name).group(1))
                patterns = _cell_patterns(sheet_decimals[number - 1], style_of)
                with source.open(name) as raw, target.open(name, "w") as out:
                    _rewrite(raw, out, patterns)
            else:
                target.writestr(source.getinfo(name), source.read(name))
    return True


def _styles_with_formats(styles: str, decimals: Sequence[int]) -> tuple[Optional[str], dict[int, int]]:
    """styles.xml with one numFmt and one cell format per decimal count; decimals → cell style index."""
    cell_xfs, num_fmts = _CELL_XFS.search(styles), _NUM_FMTS.search(styles)
    if cell_xfs is None or num_fmts is None:
        return None, {}
    first_style = int(cell_xfs.group(1))
    formats = "".join(
        '<numFmt formatCode="{}" numFmtId="{}"/>\n'.format(format_code(d), _FIRST_FORMAT_ID + k)
        for k, d in enumerate(decimals)
    )
    xfs = "".join(
        '<xf applyNumberFormat="true" numFmtId="{}" xfId="0"/>\n'.format(_FIRST_FORMAT_ID + k)
        for k in range(len(decimals))
    )
    body = num_fmts.group(1) + formats
    count = body.count("<numFmt ")
    styles = (
        styles[: num_fmts.start()]
        + '<numFmts count="{}">{}</numFmts>'.format(count, body)
        + styles[num_fmts.end() : cell_xfs.start()]
        + '<cellXfs count="{}">{}{}</cellXfs>'.format(first_style + len(decimals), cell_xfs.group(2), xfs)
        + styles[cell_xfs.end() :]
    )
    return styles, {d: first_style + k for k, d in enumerate(decimals)}


def _cell_patterns(decimals: Sequence[Optional[int]], style_of: dict[int, int]) -> list:
    """(regex, replacement) per style: the numeric cells (no t attribute) of the columns it formats."""
    columns: dict[int, list[str]] = {}
    for index, d in enumerate(decimals):
        if d is not None and d in style_of:
            columns.setdefault(style_of[d], []).append(column_letters(index))
    return [
        (re.compile(r'<c r="((?:{})\d+)">'.format("|".join(letters))), r'<c r="\1" s="{}">'.format(style))
        for style, letters in columns.items()
    ]


def _rewrite(raw, out, patterns) -> None:
    """Copy one sheet's XML, chunk by chunk (cut at line ends: a cell tag never spans lines)."""
    rest = b""
    while True:
        block = raw.read(_CHUNK)
        data = rest + block
        if not block:
            rest = b""
        else:
            cut = data.rfind(b"\n") + 1
            data, rest = data[:cut], data[cut:]
        text = data.decode("utf-8")
        for pattern, replacement in patterns:
            text = pattern.sub(replacement, text)
        out.write(text.encode("utf-8"))
        if not block:
            break
