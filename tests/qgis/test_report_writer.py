"""engine/report_writer: the workbook holds every value as given; the HTML copy caps long sheets."""

from __future__ import annotations

import os
import re

import pytest
from osgeo import ogr

from farmland_guard.engine.report_writer import (
    HTML_ROWS_NOTE,
    BackgroundReport,
    ReportWriteError,
    Sheet,
    write_html,
    write_report,
)

ROWS = [
    ["XM-001", "甲村道路", 12, 0.1235, None],
    ["XM-002", "", 7, 2.5, "备注"],
    [3, "乙村", None, 10, "多个值"],
]


def read_sheet(path, name):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(name)
    definition = layer.GetLayerDefn()
    kinds = [definition.GetFieldDefn(k).GetType() for k in range(definition.GetFieldCount())]
    rows = [[f.GetField(k) if f.IsFieldSetAndNotNull(k) else None for k in range(len(kinds))] for f in layer]
    return kinds, rows


def test_workbook_keeps_types_values_and_blanks(tmp_path):
    sheet = Sheet("明细", ["项目编号", "项目名称", "图斑数", "面积（公顷）", "备注"], ROWS)
    xlsx, _html = write_report(str(tmp_path / "report.xlsx"), [sheet], "报告")
    kinds, rows = read_sheet(xlsx, "明细")
    assert kinds == [ogr.OFTString, ogr.OFTString, ogr.OFTInteger, ogr.OFTReal, ogr.OFTString]
    assert rows == [
        ["XM-001", "甲村道路", 12, 0.1235, None],
        ["XM-002", None, 7, 2.5, "备注"],
        ["3", "乙村", None, 10.0, "多个值"],
    ]


def test_html_copy_shows_the_first_rows_of_a_long_sheet_and_says_so(tmp_path):
    long_rows = [["XM-{:03d}".format(i), i] for i in range(12)]
    sheets = [Sheet("明细", ["项目编号", "序号"], long_rows), Sheet("汇总", ["项目编号", "序号"], long_rows[:3])]
    path = tmp_path / "report.html"
    write_html(str(path), sheets, "报告", max_rows=5)
    text = path.read_text(encoding="utf-8")
    details, summary = text.split("<h2>汇总</h2>")
    assert re.findall(r"<td>(XM-\d+)</td>", details) == ["XM-{:03d}".format(i) for i in range(5)]
    assert HTML_ROWS_NOTE.format(total=12, shown=5) in details
    assert re.findall(r"<td>(XM-\d+)</td>", summary) == ["XM-000", "XM-001", "XM-002"]
    assert "网页仅列出" not in summary


def test_background_report_writes_or_discards(tmp_path):
    sheet = Sheet("汇总", ["项目编号"], [["XM-001"]])
    written = BackgroundReport(str(tmp_path / "a.xlsx"), [sheet], "报告").result()
    assert all(os.path.exists(path) for path in written)
    BackgroundReport(str(tmp_path / "b.xlsx"), [sheet], "报告").discard()
    assert sorted(os.listdir(tmp_path)) == ["a.html", "a.xlsx"]  # nothing of b, not even a temporary file


def test_background_report_raises_the_write_error(tmp_path):
    job = BackgroundReport(str(tmp_path / "missing" / "r.xlsx"), [Sheet("汇总", ["项目编号"], [])], "报告")
    with pytest.raises(ReportWriteError):
        job.result()


def test_workbook_columns_carry_their_number_formats(tmp_path):
    import zipfile

    sheets = [
        Sheet(
            "汇总",
            ["项目编号", "面积（公顷）", "面积（亩）", "图斑数"],
            [["XM-001", 0.4, 6.0, 3]],
            [None, 4, 2, 0],
        ),
        Sheet("明细", ["项目编号", "面积（平方米）"], [["XM-001", 4000.0], ["XM-002", None]], [None, 2]),
    ]
    xlsx, _html = write_report(str(tmp_path / "r.xlsx"), sheets, "报告")
    with zipfile.ZipFile(xlsx) as workbook:
        styles = workbook.read("xl/styles.xml").decode("utf-8")
        first = workbook.read("xl/worksheets/sheet1.xml").decode("utf-8")
        second = workbook.read("xl/worksheets/sheet2.xml").decode("utf-8")
    formats = dict(re.findall(r'<numFmt formatCode="([^"]+)" numFmtId="(\d+)"/>', styles))
    xfs = re.findall(r'<xf (?:applyNumberFormat="true" )?numFmtId="(\d+)" xfId="0"/>', styles)
    assert int(re.search(r'<cellXfs count="(\d+)">', styles).group(1)) == len(xfs)

    def format_of(sheet_xml, cell):
        style = re.search(r'<c r="{}"(?: s="(\d+)")?>'.format(cell), sheet_xml).group(1)
        return None if style is None else {v: k for k, v in formats.items()}.get(xfs[int(style)])

    assert [format_of(first, c) for c in ("B2", "C2", "D2")] == ["0.0000", "0.00", "0"]
    assert '<c r="A2" t="s">' in first  # text keeps its own cell type and no number format
    assert format_of(second, "B2") == "0.00"
    _kinds, rows = read_sheet(xlsx, "汇总")  # GDAL still reads the values as written
    assert rows == [["XM-001", 0.4, 6.0, 3]]


def test_number_formats_leave_a_workbook_they_cannot_read_as_it_is(tmp_path):
    from farmland_guard.engine.xlsx_formats import apply_number_formats

    path = tmp_path / "not_a_workbook.xlsx"
    path.write_bytes(b"PK\x03\x04 but nothing more")
    assert apply_number_formats(str(path), [[2]]) is False
    assert path.read_bytes() == b"PK\x03\x04 but nothing more"
    assert os.listdir(tmp_path) == ["not_a_workbook.xlsx"]
