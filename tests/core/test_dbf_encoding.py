"""Shapefile text encoding detection on DBF files written byte by byte (core/dbf_encoding.py).

The expectations follow platform.md §6.1 (what OGR 3.6 / QGIS 3.22 read for each variant).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from farmland_guard.core.dbf_encoding import (
    content_encoding,
    detect_shapefile_encoding,
    ldid_encoding,
    normalise_cpg,
    read_dbf_header,
)

NAMES = ["东风村", "西王庄村", "焦作市马村区", "水浇地", "南张寨村"]


def write_dbf(path: Path, fields, records, ldid: int = 0) -> None:
    """A dBASE III file: 32-byte header, 32-byte field descriptors, 0x0D, records, 0x1A.

    ``fields``: (name bytes, type 'C'/'N', width); ``records``: lists of bytes values.
    """
    header_length = 32 + 32 * len(fields) + 1
    record_length = 1 + sum(width for _, _, width in fields)
    data = bytearray(struct.pack("<BBBBIHH", 0x03, 124, 1, 1, len(records), header_length, record_length))
    data += bytes(17) + bytes([ldid]) + bytes(2)
    for name, kind, width in fields:
        data += name.ljust(11, b"\0") + kind.encode("ascii") + bytes(4) + bytes([width, 0]) + bytes(14)
    data += b"\r"
    for record in records:
        data += b" "
        for (_, kind, width), value in zip(fields, record):
            data += value[:width].ljust(width, b" ") if kind == "C" else value[:width].rjust(width, b" ")
    data += b"\x1a"
    path.write_bytes(bytes(data))


def make_shapefile(
    tmp_path: Path,
    encoding: str = "gbk",
    ldid: int = 0,
    cpg: str | None = None,
    names=NAMES,
    field_name: bytes = b"ZLDWMC",
    stem: str = "DLTB",
) -> Path:
    shp = tmp_path / (stem + ".shp")
    shp.write_bytes(b"")  # the detector never reads the geometry
    fields = [(b"BSM", "C", 18), (field_name, "C", 60), (b"TBMJ", "N", 18)]
    records = [[str(i).encode(), n.encode(encoding), b"1234.56"] for i, n in enumerate(names)]
    write_dbf(tmp_path / (stem + ".dbf"), fields, records, ldid)
    if cpg is not None:
        (tmp_path / (stem + ".cpg")).write_bytes(cpg.encode("ascii"))
    return shp


def test_header_reader(tmp_path):
    make_shapefile(tmp_path, ldid=0x4D)
    header = read_dbf_header(tmp_path / "DLTB.dbf")
    assert header.record_count == len(NAMES)
    assert header.ldid == 0x4D
    assert [(f.name, f.type, f.length) for f in header.fields] == [
        (b"BSM", "C", 18),
        (b"ZLDWMC", "C", 60),
        (b"TBMJ", "N", 18),
    ]
    assert header.record_length == 1 + 18 + 60 + 18


@pytest.mark.parametrize("cpg", ["GBK", "936", "CP936", "cp936", "GB2312", " GBK\r\n"])
def test_gbk_cpg(tmp_path, cpg):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, cpg=cpg))
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "cpg", False)


def test_gb18030_and_utf8_cpg(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, cpg="GB18030"))
    assert (guess.encoding, guess.source, guess.needs_override) == ("GB18030", "cpg", False)
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, encoding="utf-8", cpg="UTF-8"))
    assert (guess.encoding, guess.source, guess.needs_override) == ("UTF-8", "cpg", False)


def test_gbk_without_cpg_with_ldid_4d(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, ldid=0x4D))
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "ldid", False)
    assert guess.ldid == 0x4D and guess.cpg is None


def test_gbk_without_cpg_and_ldid_0_needs_override(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, ldid=0))
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "content", True)
    assert "GBK" in guess.note


def test_ldid_57_current_ansi_is_read_as_latin1_by_ogr(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, ldid=0x57))
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "content", True)


def test_cpg_ansi_needs_override(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, cpg="ANSI", ldid=0x4D))
    assert (guess.encoding, guess.needs_override) == ("GBK", True)  # OGR lets the .cpg win, and fails
    ascii_only = tmp_path / "ascii"
    ascii_only.mkdir()
    guess = detect_shapefile_encoding(make_shapefile(ascii_only, cpg="ANSI", names=["A1", "B2"]))
    assert guess.needs_override  # as the brief says: ANSI always asks for a setting


def test_cpg_contradicted_by_content(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, cpg="UTF-8"))  # GBK bytes
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "content", True)
    assert "UTF-8" in guess.note


def test_western_cpg_on_chinese_text(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, cpg="1252"))
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "content", True)


def test_utf8_content_without_cpg(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, encoding="utf-8", ldid=0))
    assert (guess.encoding, guess.source, guess.needs_override) == ("UTF-8", "content", False)


def test_utf8_content_with_a_gbk_ldid(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, encoding="utf-8", ldid=0x4D))
    assert (guess.encoding, guess.source, guess.needs_override) == ("UTF-8", "content", True)


def test_ascii_content(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, names=["DONGFENG", "XIWANG"]))
    assert (guess.encoding, guess.source, guess.needs_override) == ("UTF-8", "content", False)


def test_gb18030_only_characters(tmp_path):
    # U+20BB7 𠮷 exists in GB18030 (4-byte sequence), not in GBK.
    guess = detect_shapefile_encoding(
        make_shapefile(tmp_path, encoding="gb18030", names=["𠮷家村", "东风村"])
    )
    assert (guess.encoding, guess.source, guess.needs_override) == ("GB18030", "content", True)


def test_chinese_field_names_count_as_content(tmp_path):
    shp = make_shapefile(tmp_path, names=["A", "B"], field_name="坐落".encode("gbk"))
    guess = detect_shapefile_encoding(shp)
    assert guess.encoding == "GBK" and guess.needs_override


def test_value_cut_at_the_field_width_is_tolerated(tmp_path):
    # ArcGIS cuts by bytes: a 5-byte field holding GBK '东风村' (6 bytes) ends in half a character.
    shp = tmp_path / "cut.shp"
    shp.write_bytes(b"")
    write_dbf(tmp_path / "cut.dbf", [(b"MC", "C", 5)], [["东风村".encode("gbk")], ["西王庄".encode("gbk")]])
    guess = detect_shapefile_encoding(shp)
    assert guess.encoding == "GBK" and guess.needs_override


def test_paths_case_and_suffix(tmp_path):
    make_shapefile(tmp_path, stem="dltb.2023", cpg="GBK")
    (tmp_path / "dltb.2023.cpg").rename(tmp_path / "dltb.2023.CPG")
    (tmp_path / "dltb.2023.dbf").rename(tmp_path / "dltb.2023.DBF")
    for given in ("dltb.2023.shp", "dltb.2023.dbf", "dltb.2023"):
        guess = detect_shapefile_encoding(tmp_path / given)
        assert (guess.encoding, guess.source) == ("GBK", "cpg"), given


def test_no_dbf(tmp_path):
    guess = detect_shapefile_encoding(tmp_path / "nothing.shp")
    assert (guess.encoding, guess.source, guess.needs_override) == ("UTF-8", "default", False)


def test_empty_dbf(tmp_path):
    shp = make_shapefile(tmp_path, names=[])
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source, guess.needs_override) == ("UTF-8", "default", False)


def test_only_the_first_records_are_sampled(tmp_path):
    names = ["AAAA"] * 50 + ["东风村"]
    shp = make_shapefile(tmp_path, names=names)
    assert detect_shapefile_encoding(shp, max_records=50).encoding == "UTF-8"  # all ASCII so far
    assert detect_shapefile_encoding(shp, max_records=51).encoding == "GBK"


def test_helpers():
    assert normalise_cpg("936") == "GBK"
    assert normalise_cpg("utf8") == "UTF-8"
    assert normalise_cpg("65001") == "UTF-8"
    assert normalise_cpg("ANSI") is None
    assert normalise_cpg("88591") == "ISO-8859-1"
    assert normalise_cpg("no such code page") is None
    assert ldid_encoding(0x4D) == "GBK" and ldid_encoding(0) is None and ldid_encoding(0x57) is None
    assert content_encoding([]) == (None, "all sampled text is ASCII")


def test_western_ldid_on_chinese_text(tmp_path):
    guess = detect_shapefile_encoding(make_shapefile(tmp_path, ldid=0x03))  # CP1252 driver id
    assert (guess.encoding, guess.source, guess.needs_override) == ("GBK", "content", True)
    assert guess.ldid == 0x03
