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


@pytest.fixture(params=["forked", "thread"])
def background(request, monkeypatch):
    """BackgroundReport in a forked process (Linux outside the desktop) and on a thread (elsewhere)."""
    from farmland_guard.engine import report_writer

    if request.param == "forked" and not report_writer.fork_allowed():
        pytest.skip("no fork here")
    monkeypatch.setattr(report_writer, "fork_allowed", lambda: request.param == "forked")
    return request.param


def test_background_report_writes_or_discards(tmp_path, background):
    sheet = Sheet("汇总", ["项目编号"], [["XM-001"]])
    written = BackgroundReport(str(tmp_path / "a.xlsx"), [sheet], "报告").result()
    assert all(os.path.exists(path) for path in written)
    BackgroundReport(str(tmp_path / "b.xlsx"), [sheet], "报告").discard()
    assert sorted(os.listdir(tmp_path)) == ["a.html", "a.xlsx"]  # nothing of b, not even a temporary file


def test_background_report_raises_the_write_error(tmp_path, background):
    target = str(tmp_path / "missing" / "r.xlsx")
    job = BackgroundReport(target, [Sheet("汇总", ["项目编号"], [])], "报告")
    with pytest.raises(ReportWriteError) as raised:
        job.result()
    assert raised.value.path == target and "No such file" in raised.value.message
    assert os.listdir(tmp_path) == []


def test_background_report_in_a_process_of_its_own_holds_every_row(tmp_path, background):
    rows = [["XM-{:05d}".format(i), i * 0.25] for i in range(20000)]
    sheets = [Sheet("明细", ["项目编号", "面积"], rows)]
    xlsx, _html = BackgroundReport(str(tmp_path / "r.xlsx"), sheets, "报告").result()
    _kinds, read = read_sheet(xlsx, "明细")
    assert read == rows


def _number_formats(xlsx):
    """{cell reference: format code or None} of every cell of each sheet, read from the XML."""
    import xml.etree.ElementTree as ET
    import zipfile

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(xlsx) as workbook:
        styles = ET.fromstring(workbook.read("xl/styles.xml"))
        codes = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind("m:numFmts/m:numFmt", ns)}
        xfs = [codes.get(xf.get("numFmtId")) for xf in styles.iterfind("m:cellXfs/m:xf", ns)]
        sheets = sorted(n for n in workbook.namelist() if n.startswith("xl/worksheets/sheet"))
        return [
            {
                c.get("r"): (xfs[int(c.get("s", "0"))], c.get("t"))
                for c in ET.fromstring(workbook.read(name)).iterfind("m:sheetData/m:row/m:c", ns)
            }
            for name in sheets
        ]


def test_workbook_columns_carry_their_number_formats(tmp_path):
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
    first, second = _number_formats(xlsx)
    assert [first[c] for c in ("B2", "C2", "D2")] == [("0.0000", None), ("0.00", None), ("0", None)]
    assert first["A2"] == (None, "s")  # text keeps its own cell type and no number format
    assert second["B2"] == ("0.00", None)
    assert "B3" not in second  # a blank is no cell at all
    _kinds, rows = read_sheet(xlsx, "汇总")  # GDAL reads the values as written
    assert rows == [["XM-001", 0.4, 6.0, 3]]


def test_workbook_keeps_every_digit_and_cleans_what_xml_cannot_hold(tmp_path):
    value = 0.42521214783009464  # 17 significant digits: the shortest text that reads back exactly
    sheet = Sheet("明细", ["名称", "面积"], [["甲村\x01<&>", value], ["", float("nan")]], [None, 2])
    xlsx, _html = write_report(str(tmp_path / "r.xlsx"), [sheet], "报告")
    _kinds, rows = read_sheet(xlsx, "明细")
    assert rows == [["甲村<&>", value], [None, None]]


def test_an_empty_sheet_keeps_its_headers(tmp_path):
    import xml.etree.ElementTree as ET
    import zipfile

    sheets = [Sheet("汇总", ["项目编号", "面积"], [["XM-001", 1.5]]), Sheet("无数据", ["项目编号", "面积"], [])]
    xlsx, _html = write_report(str(tmp_path / "r.xlsx"), sheets, "报告")
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(xlsx) as workbook:
        strings = [t.text for t in ET.fromstring(workbook.read("xl/sharedStrings.xml")).iterfind("m:si/m:t", ns)]
        sheet = ET.fromstring(workbook.read("xl/worksheets/sheet2.xml"))
    rows = sheet.findall("m:sheetData/m:row", ns)
    assert len(rows) == 1  # GDAL would guess a lone row to be data; Excel and WPS show the headers
    assert [strings[int(c.find("m:v", ns).text)] for c in rows[0]] == ["项目编号", "面积"]


def _shared_strings(xlsx) -> list:
    import xml.etree.ElementTree as ET
    import zipfile

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(xlsx) as workbook:
        return [t.text for t in ET.fromstring(workbook.read("xl/sharedStrings.xml")).iterfind("m:si/m:t", ns)]


def test_texts_excel_would_misread_or_refuse_are_made_safe(tmp_path):
    long_text = "长" * 40000
    rows = [["a_x000D_b", "行一\r\n行二"], ["坏\ud800字", long_text], ["短行"]]  # the last row is short
    xlsx, _html = write_report(str(tmp_path / "r.xlsx"), [Sheet("明细", ["甲", "乙"], rows)], "报告")
    strings = _shared_strings(xlsx)
    assert "a_x005F_x000D_b" in strings  # Excel shows a_x000D_b, not a carriage return
    assert "行一_x000D_\n行二" in strings  # the carriage return survives XML's line-end folding
    assert "坏字" in strings
    cut = [s for s in strings if s.startswith("长")]
    assert len(cut) == 1 and len(cut[0]) == 32767 and cut[0].endswith("…")


def test_sheet_names_follow_excels_rules():
    from farmland_guard.engine.report_writer import sheet_name

    taken: set = set()
    assert sheet_name("'分\t村'", taken) == "分_村"
    assert sheet_name("History", taken) == "History_"
    assert sheet_name("分_村", taken) == "分_村(2)"


def test_a_sheet_beyond_excels_rows_is_refused_by_name(tmp_path):
    class Many:
        def __len__(self):
            return 1_048_576

        def __getitem__(self, index):
            raise AssertionError("never read")

    with pytest.raises(ReportWriteError, match="明细 has 1048576 rows"):
        write_report(str(tmp_path / "r.xlsx"), [Sheet("明细", ["甲"], Many())], "报告")
    assert os.listdir(tmp_path) == []


def test_a_failure_while_making_the_sheets_is_a_report_error(tmp_path, background):
    def sheets():
        raise ValueError("no such column")

    job = BackgroundReport(str(tmp_path / "r.xlsx"), sheets, "报告")
    with pytest.raises(ReportWriteError, match="ValueError: no such column"):
        job.result()


def test_discard_stops_a_report_still_being_written(tmp_path, background):
    import time

    def sheets():
        time.sleep(20 if background == "forked" else 1)  # a thread cannot be stopped: it is waited for
        return [Sheet("汇总", ["项目编号"], [["XM-001"]])]

    job = BackgroundReport(str(tmp_path / "r.xlsx"), sheets, "报告")
    started = time.monotonic()
    job.discard()
    if background == "forked":
        assert time.monotonic() - started < 5  # stopped, not waited for
    assert os.listdir(tmp_path) == []


def test_columns_are_wide_enough_for_their_values_and_the_sheet_states_its_size(tmp_path):
    import zipfile

    name = "焦作市某某区某某镇某某村高标准农田建设项目"
    sheet = Sheet("汇总", ["项目编号", "项目名称", "面积"], [["XM-2024-000001", name, 12.5], ["XM-2", "乙", None]])
    xlsx, _html = write_report(str(tmp_path / "r.xlsx"), [sheet], "报告")
    with zipfile.ZipFile(xlsx) as workbook:
        text = workbook.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<dimension ref="A1:C3"/>' in text
    widths = [float(w) for w in re.findall(r'<col min="\d+" max="\d+" width="([\d.]+)"', text)]
    assert widths[0] >= len("XM-2024-000001") and widths[1] >= 2 * len(name)


def test_a_report_whose_html_copy_cannot_be_replaced_leaves_both_files_as_they_were(tmp_path, monkeypatch):
    from farmland_guard.engine import report_writer

    (tmp_path / "r.xlsx").write_bytes(b"old workbook")
    (tmp_path / "r.html").write_text("old page", encoding="utf-8")
    real_access = report_writer.os.access
    monkeypatch.setattr(
        report_writer.os, "access", lambda path, mode: not str(path).endswith("r.html") and real_access(path, mode)
    )
    with pytest.raises(ReportWriteError) as raised:
        write_report(str(tmp_path / "r.xlsx"), [Sheet("汇总", ["项目编号"], [["XM-001"]])], "报告")
    assert raised.value.path == str(tmp_path / "r.html")
    assert (tmp_path / "r.xlsx").read_bytes() == b"old workbook"
    assert sorted(os.listdir(tmp_path)) == ["r.html", "r.xlsx"]


def test_a_report_process_dies_with_the_run_that_started_it(tmp_path):
    """A run killed while its report is still being written leaves no report behind: the forked
    report process goes with it (it used to finish and put a complete-looking workbook in place)."""
    import subprocess  # nosec B404 - a test starting the interpreter it runs in
    import sys
    import time
    from pathlib import Path

    from farmland_guard.engine import report_writer

    if not report_writer.fork_allowed():
        pytest.skip("no fork here")
    script = (
        "import os, signal, time\n"
        "from farmland_guard.engine.report_writer import BackgroundReport, Sheet\n"
        "def sheets():\n"
        "    time.sleep(2)\n"
        "    return [Sheet('汇总', ['项目编号'], [['XM-001']])]\n"
        "job = BackgroundReport({path!r}, sheets, '报告')\n"
        "time.sleep(0.3)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    ).format(path=str(tmp_path / "r.xlsx"))
    # the folder through which this test run imports the checkout as farmland_guard (tests/conftest.py)
    package_parent = next(p for p in sys.path if p and (Path(p) / "farmland_guard" / "__init__.py").exists())
    env = dict(os.environ, PYTHONPATH=package_parent, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=60, check=False)
    assert done.returncode == -9, done.stderr.decode("utf-8", "replace")[-2000:]
    time.sleep(3)  # the report would have been written by now
    assert os.listdir(tmp_path) == []
