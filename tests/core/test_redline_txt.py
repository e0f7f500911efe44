"""部标 TXT reading and writing (core only): hand-written files, every problem, the round trip."""

from __future__ import annotations

import warnings
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import redline_problems as rp
from farmland_guard.core import redline_txt as rt
from farmland_guard.core.redline_rings import (
    assemble_polygons,
    clockwise_from_north_west,
    self_intersections,
    signed_area,
)

HEADER = """[属性描述]
格式版本号=1.01版本
数据产生单位=焦作市自然资源和规划局
数据产生日期=2024-05-20
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=38
精度=0.001
转换参数=0,0,0,0,0,0,0
[地块坐标]
"""

# A 100 m square (north-west corner 3899300 N / 38430800 E) written clockwise from the NW corner.
SQUARE = """5,1.0000,DK001,东风村项目,面,I49G001001,建设用地,0701,@
J1,1,3899300.000,38430800.000
J2,1,3899300.000,38430900.000
J3,1,3899200.000,38430900.000
J4,1,3899200.000,38430800.000
J1,1,3899300.000,38430800.000
"""
SQUARE_RING = ((38430800.0, 3899300.0), (38430900.0, 3899300.0), (38430900.0, 3899200.0),
               (38430800.0, 3899200.0), (38430800.0, 3899300.0))  # fmt: skip

HOLE = """10,0.9600,DK002,有洞地块,面,,,,@
J1,1,3899300.000,38430800.000
J2,1,3899300.000,38430900.000
J3,1,3899200.000,38430900.000
J4,1,3899200.000,38430800.000
J1,1,3899300.000,38430800.000
J5,2,3899260.000,38430840.000
J6,2,3899260.000,38430860.000
J7,2,3899240.000,38430860.000
J8,2,3899240.000,38430840.000
J5,2,3899260.000,38430840.000
"""

# two disjoint squares plus an island inside the first square's hole
MULTIPART = """20,,DK003,两块地,面,,,,@
J1,1,3899300.000,38430800.000
J2,1,3899300.000,38430900.000
J3,1,3899200.000,38430900.000
J4,1,3899200.000,38430800.000
J1,1,3899300.000,38430800.000
J5,2,3899280.000,38430820.000
J6,2,3899280.000,38430880.000
J7,2,3899220.000,38430880.000
J8,2,3899220.000,38430820.000
J5,2,3899280.000,38430820.000
J9,3,3899300.000,38431000.000
J10,3,3899300.000,38431050.000
J11,3,3899250.000,38431050.000
J12,3,3899250.000,38431000.000
J9,3,3899300.000,38431000.000
J13,4,3899260.000,38430840.000
J14,4,3899260.000,38430860.000
J15,4,3899240.000,38430860.000
J16,4,3899240.000,38430840.000
J13,4,3899260.000,38430840.000
"""


def parse(text: str, **kwargs) -> rt.RedlineDocument:
    return rt.parse_redline_text(text, source="test.txt", **kwargs)


def codes(document: rt.RedlineDocument) -> list[str]:
    return [p.code for p in document.problems]


def only(document: rt.RedlineDocument, code: str) -> rp.Problem:
    found = [p for p in document.problems if p.code == code]
    assert len(found) == 1, document.problems
    return found[0]


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line of ``text`` containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


# --- reading -------------------------------------------------------------------------------------


def test_simple_square_with_header_attributes():
    document = parse(HEADER + SQUARE)
    assert document.problems == ()
    assert document.epsg == 4526  # CGCS2000 3° zone 38 with zone prefix
    assert document.decimals == 3
    assert document.header["数据产生单位"] == "焦作市自然资源和规划局"
    assert document.header["带号"] == "38"
    (parcel,) = document.parcels
    attributes = parcel.attributes
    assert (attributes.point_count, attributes.area_ha, attributes.number, attributes.name) == (
        5,
        1.0,
        "DK001",
        "东风村项目",
    )
    assert (attributes.kind, attributes.sheet, attributes.use, attributes.land_code) == (
        "面",
        "I49G001001",
        "建设用地",
        "0701",
    )
    assert parcel.polygons == ((SQUARE_RING,),)
    assert parcel.line == line_of(HEADER + SQUARE, "DK001")


def test_hole_is_a_hole_of_the_outer_ring():
    document = parse(HEADER + HOLE)
    assert document.problems == ()
    (parcel,) = document.parcels
    (polygon,) = parcel.polygons
    assert len(polygon) == 2
    assert polygon[0] == SQUARE_RING
    assert polygon[1][0] == (38430840.0, 3899260.0)


def test_multipart_and_island_in_a_hole():
    (parcel,) = parse(HEADER + MULTIPART).parcels
    shapes = [[len(ring) for ring in polygon] for polygon in parcel.polygons]
    # square with its hole, the disjoint square, the island inside the hole
    assert shapes == [[5, 5], [5], [5]]
    assert parcel.polygons[1][0][0] == (38431000.0, 3899300.0)
    assert parcel.polygons[2][0][0] == (38430840.0, 3899260.0)


def test_ring_numbers_need_not_say_which_ring_is_a_hole():
    """Files number holes like parts (圈号 2, 3 …); nesting decides, not the number."""
    swapped_order = HOLE.replace(",1,", ",9,").replace(",2,", ",1,")
    (parcel,) = parse(HEADER + swapped_order).parcels
    (polygon,) = parcel.polygons
    assert polygon[0] == SQUARE_RING


@pytest.mark.parametrize(
    ("zone_lines", "east", "epsg"),
    [
        ("几度分带=3\n带号=38", "38430800.000", 4526),  # prefix, 3° zone 38
        ("几度分带=3\n带号=38", "430800.000", 4547),  # no prefix: CM 114°E
        ("几度分带=3\n带号=114", "430800.000", 4547),  # 带号 written as the central meridian
        ("几度分带=3度带\n带号=38", "430800.000", 4547),
        ("几度分带=6\n带号=19", "19430800.000", 4497),  # 6° zone 19 with prefix
        ("几度分带=6\n带号=19", "430800.000", 4508),  # 6° CM 111°E
        ("几度分带=\n带号=", "38430800.000", 4526),  # from the prefix alone (warned)
    ],
)
def test_crs_from_header_and_prefix(zone_lines, east, epsg):
    header = HEADER.replace("几度分带=3\n", "").replace("带号=38", zone_lines)
    body = SQUARE.replace("38430800.000", east).replace("38430900.000", str(float(east) + 100) + "00")
    document = parse(header + body)
    assert document.epsg == epsg
    assert len(document.parcels) == 1
    ring = document.parcels[0].polygons[0][0]
    assert ring[0] == (float(east), 3899300.0)


def test_zone_taken_from_prefix_is_reported():
    document = parse(HEADER.replace("带号=38", "带号=") + SQUARE)
    problem = only(document, rp.ZONE_FROM_EASTINGS)
    assert problem.severity == rp.WARNING
    assert problem.detail["zone"] == 38


def test_real_file_variations():
    """Full-width commas and brackets, BOM, blank lines, trailing commas, spaces, 9+ header fields,
    a 界址点数 without the closing point, an area with a unit, zero-padded point names."""
    text = (
        "\ufeff[属性描述]\r\n格式版本号＝1．01版本\r\n坐标系=2000国家大地坐标系\r\n\r\n几度分带=3\r\n"
        "带号=38\r\n精度=0.001\r\n【地块坐标】\r\n\r\n"
        "4，7655平方米，DK9，测试（一期）Ａ区，面，，，，＠\r\n"
        "J01,1,3899300.000, 38430800.000,\r\n"
        "J02，1，3899300.000，38430900.000\r\n"
        "\r\n"
        "J03,1,3899200.000,38430900.000,,\r\n"
        "J04,1,3899200.000,38430800.000\r\n"
        "J01,1,3899300.000,38430800.000\r\n"
        "5,0.7655公顷,DK10,十三列,面,,用途,0103,旱地,1,B,C,备注,@\r\n"
        "J1,1,3899300.000,38430800.000\r\n"
        "J2,1,3899300.000,38430900.000\r\n"
        "J3,1,3899200.000,38430900.000\r\n"
        "J4,1,3899200.000,38430800.000\r\n"
        "J1,1,3899300.000,38430800.000\r\n"
    )
    document = parse(text)
    assert document.problems == ()
    first, second = document.parcels
    assert first.attributes.area_ha == pytest.approx(0.7655, abs=1e-12)
    assert first.attributes.point_count == 4
    assert first.attributes.name == "测试（一期）Ａ区"  # names keep their full-width characters
    assert first.polygons == ((SQUARE_RING,),)
    assert second.attributes.area_ha == 0.7655
    assert second.attributes.land_code == "0103"
    assert second.attributes.extra == ("旱地", "1", "B", "C", "备注")
    assert document.header["格式版本号"] == "1．01版本"  # the value keeps its own characters


def test_axes_swapped_file_is_read_the_right_way_round():
    swapped = "\n".join(
        "{},{},{},{}".format(*(line.split(",")[:2] + line.split(",")[2:][::-1]))
        if line.startswith("J")
        else line
        for line in SQUARE.splitlines()
    )
    document = parse(HEADER + swapped + "\n")
    assert rp.AXES_SWAPPED in codes(document)
    assert document.parcels[0].polygons == ((SQUARE_RING,),)


# --- each problem, with its line ----------------------------------------------------------------

SECOND = SQUARE.replace("DK001", "DK_OK")


def test_unclosed_ring_is_an_error_and_the_parcel_is_skipped():
    bad = SQUARE.replace("J1,1,3899300.000,38430800.000\n", "", 2)
    bad = "J1,1,3899300.000,38430800.000\n".join([bad.split("\n", 1)[0] + "\n", bad.split("\n", 1)[1]])
    bad = bad.replace("5,1.0000", "4,1.0000")
    text = HEADER + bad + SECOND
    document = parse(text)
    problem = only(document, rp.UNCLOSED_RING)
    assert problem.is_error
    assert problem.parcel == "DK001"
    assert problem.source == "test.txt"
    assert problem.line == line_of(text, "J4,1,3899200.000,38430800.000")
    assert [p.attributes.number for p in document.parcels] == ["DK_OK"]


def test_too_few_points():
    bad = "3,,DK001,,面,,,,@\nJ1,1,3899300.000,38430800.000\nJ2,1,3899300.000,38430900.000\n"
    text = HEADER + bad + "J1,1,3899300.000,38430800.000\n" + SECOND
    document = parse(text)
    problem = only(document, rp.TOO_FEW_POINTS)
    assert problem.is_error and problem.detail["points"] == 2
    assert problem.line == line_of(text, "J1,1,") and problem.line == line_of(text, "DK001") + 1
    assert [p.attributes.number for p in document.parcels] == ["DK_OK"]


def test_duplicate_point_is_dropped_with_a_warning():
    bad = SQUARE.replace("5,1.0000", "6,1.0000").replace(
        "J2,1,3899300.000,38430900.000\n", "J2,1,3899300.000,38430900.000\nJ2,1,3899300.000,38430900.000\n"
    )
    text = HEADER + bad
    document = parse(text)
    problem = only(document, rp.DUPLICATE_POINT)
    assert problem.severity == rp.WARNING
    assert problem.line == line_of(text, "J2,1") + 1
    assert document.parcels[0].polygons == ((SQUARE_RING,),)


def test_header_count_differs_from_points():
    text = HEADER + SQUARE.replace("5,1.0000", "7,1.0000") + SECOND
    document = parse(text)
    problem = only(document, rp.COUNT_MISMATCH)
    assert problem.is_error
    assert (problem.detail["declared"], problem.detail["found"]) == (7, 5)
    assert problem.line == line_of(text, "DK001")
    assert [p.attributes.number for p in document.parcels] == ["DK_OK"]


def test_self_intersecting_ring_is_kept_with_a_warning():
    bow_tie = SQUARE.replace("J3,1,3899200.000,38430900.000", "J3,1,3899200.000,38430800.000").replace(
        "J4,1,3899200.000,38430800.000", "J4,1,3899200.000,38430900.000"
    )
    text = HEADER + bow_tie
    document = parse(text)
    problem = only(document, rp.SELF_INTERSECTION)
    assert problem.severity == rp.WARNING
    assert line_of(text, "J1,1") <= problem.line <= line_of(text, "J4,1")
    (parcel,) = document.parcels
    assert parcel.self_intersecting


def test_mixed_zones_fail_the_whole_file():
    other_zone = SQUARE.replace("DK001", "DK_39").replace("384308", "394308").replace("384309", "394309")
    text = HEADER + SQUARE + other_zone
    document = parse(text)
    problem = only(document, rp.MIXED_ZONES)
    assert problem.is_error and problem.parcel is None
    assert problem.line == line_of(text, "39430800.000")
    assert document.failed and document.parcels == ()


def test_prefix_and_no_prefix_in_one_file_are_mixed_zones():
    plain = SQUARE.replace("DK001", "DK_plain").replace("38430", "430")
    document = parse(HEADER + SQUARE + plain)
    assert only(document, rp.MIXED_ZONES).is_error
    assert document.parcels == ()


def test_header_zone_contradicting_the_prefix():
    text = HEADER.replace("带号=38", "带号=39") + SQUARE
    document = parse(text)
    problem = only(document, rp.ZONE_MISMATCH)
    assert problem.line == line_of(text, "带号=39")
    assert document.failed


def test_no_zone_anywhere_is_an_error_unless_a_crs_is_given():
    text = HEADER.replace("带号=38", "带号=") + SQUARE.replace("38430", "430")
    document = parse(text)
    assert only(document, rp.CRS_UNKNOWN).is_error and document.parcels == ()
    forced = parse(text, override=rt.CrsOverride(4547))
    assert forced.problems == () and forced.epsg == 4547 and len(forced.parcels) == 1


def test_other_datum_needs_a_crs():
    text = HEADER.replace("2000国家大地坐标系", "80国家大地坐标系") + SQUARE
    problem = only(parse(text), rp.UNSUPPORTED_DATUM)
    assert problem.detail["datum"] == "80国家大地坐标系"
    assert parse(text, override=rt.CrsOverride(None)).parcels  # a custom CRS from the user: trusted


def test_override_that_does_not_fit_the_eastings():
    problem = only(parse(HEADER + SQUARE, override=rt.CrsOverride(4547)), rp.OVERRIDE_MISMATCH)
    assert problem.detail["fits"] == 4526


def test_bad_point_line_and_line_not_a_polygon():
    text = HEADER + SQUARE.replace("J3,1,3899200.000,", "J3,1,38992OO.000,") + SECOND.replace(",面,", ",线,")
    document = parse(text)
    bad = only(document, rp.BAD_POINT_LINE)
    assert bad.line == line_of(text, "J3,1,38992OO")
    assert only(document, rp.NOT_POLYGON).detail["kind"] == "线"
    assert document.parcels == ()


def test_file_without_coordinate_section():
    document = parse(HEADER.replace("[地块坐标]\n", ""))
    assert only(document, rp.NO_COORDINATE_SECTION).is_error


@pytest.mark.parametrize(
    ("text", "decimals"),
    [("0.001", 3), ("0.01", 2), ("0.0001", 4), ("3", 3), ("1", 1), ("", None), ("高", None), ("0.5", None)],
)
def test_precision_decimals(text, decimals):
    assert rt.precision_decimals(text) == decimals


# --- decoding ------------------------------------------------------------------------------------


def test_gbk_utf8_and_bom_decoding():
    text = HEADER + SQUARE
    assert rt.decode_redline_bytes(text.encode("gbk")) == (text, "GBK")
    assert rt.decode_redline_bytes(text.encode("utf-8")) == (text, "UTF-8")
    assert rt.decode_redline_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8")
    document = parse(rt.decode_redline_bytes(text.encode("gbk"))[0])
    assert document.parcels[0].attributes.name == "东风村项目"


# --- ring geometry -------------------------------------------------------------------------------


def test_self_intersections_cases():
    square = [(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)]
    assert self_intersections(square) == []
    bow_tie = [(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]
    assert self_intersections(bow_tie) == [(0, 2)]
    touching = [(0, 0), (10, 0), (10, 10), (5, 0), (0, 10), (0, 0)]  # vertex (5, 0) on edge 0
    assert (0, 2) in self_intersections(touching)
    spike = [(0, 0), (10, 0), (10, 10), (10, 5), (0, 10), (0, 0)]  # goes up to (10,10) and back
    assert (1, 2) in self_intersections(spike)


def test_assemble_polygons_by_nesting():
    big = [(0, 0), (0, 100), (100, 100), (100, 0), (0, 0)]
    hole = [(10, 10), (10, 90), (90, 90), (90, 10), (10, 10)]
    island = [(40, 40), (40, 60), (60, 60), (60, 40), (40, 40)]
    apart = [(200, 0), (200, 10), (210, 10), (210, 0), (200, 0)]
    assert assemble_polygons([island, apart, hole, big]) == [[0], [1], [3, 2]]


def test_clockwise_from_north_west():
    # counter-clockwise square starting at the south-east corner
    ring = [(10, 0), (10, 10), (0, 10), (0, 0), (10, 0)]
    assert clockwise_from_north_west(ring) == [(0, 10), (10, 10), (10, 0), (0, 0)]
    assert signed_area(clockwise_from_north_west(ring)) < 0


# --- writing -------------------------------------------------------------------------------------


def test_written_file_numbers_clockwise_from_the_north_west_corner():
    # the square with a hole, both counter-clockwise and starting elsewhere; eastings rounded half-up
    outer = [
        (38430900.0, 3899200.0),
        (38430900.0, 3899300.0),
        (38430800.0, 3899300.0),
        (38430800.0, 3899200.0),
    ]
    hole = [
        (38430860.0, 3899240.0),
        (38430860.0, 3899260.0),
        (38430840.0, 3899260.0),
        (38430840.0, 3899240.0),
    ]
    outer[2] = (38430800.0005, 3899300.0)  # 0.0005 rounds up to 0.001 at 3 decimals
    header = rt.ExportHeader(zone=38, decimals=3, producer="某某测绘院", produced_on="2024-06-01")
    parcel = rt.ExportParcel([[outer, hole]], "0.9600", "DK002", "有洞地块", use="建设用地")
    text = rt.format_redline_text(header, [parcel], newline="\n")
    expected = HEADER.replace("焦作市自然资源和规划局", "某某测绘院").replace("2024-05-20", "2024-06-01") + (
        "10,0.9600,DK002,有洞地块,面,,建设用地,,@\n"
        "J1,1,3899300.000,38430800.001\n"
        "J2,1,3899300.000,38430900.000\n"
        "J3,1,3899200.000,38430900.000\n"
        "J4,1,3899200.000,38430800.000\n"
        "J1,1,3899300.000,38430800.001\n"
        "J5,2,3899260.000,38430840.000\n"
        "J6,2,3899260.000,38430860.000\n"
        "J7,2,3899240.000,38430860.000\n"
        "J8,2,3899240.000,38430840.000\n"
        "J5,2,3899260.000,38430840.000\n"
    )
    assert text == expected


def test_written_fields_cannot_break_the_line():
    header = rt.ExportHeader(zone=38, produced_on="2024-06-01")
    parcel = rt.ExportParcel([[list(SQUARE_RING)]], "1.0000", "A,1", "名称，有@逗号")
    line = rt.format_redline_text(header, [parcel], newline="\n").splitlines()[12]
    assert line == "5,1.0000,A、1,名称、有、逗号,面,,,,@"


def test_crlf_by_default():
    text = rt.format_redline_text(
        rt.ExportHeader(zone=38), [rt.ExportParcel([[list(SQUARE_RING)]], "1.0000")]
    )
    assert text.count("\r\n") == text.count("\n") == 12 + 6  # header, section line, parcel


def _half_up(value: float, decimals: int) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _normalised(ring) -> tuple:
    """A ring as a canonical tuple: open, clockwise, starting at its smallest point."""
    points = [tuple(p) for p in ring]
    if points[0] == points[-1]:
        points = points[:-1]
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))
    if area > 0:
        points.reverse()
    first = points.index(min(points))
    return tuple(points[first:] + points[:first])


def _star(cx: float, cy: float, radii: list[float], phase: float) -> list[tuple[float, float]]:
    angles = phase + np.linspace(0, 2 * np.pi, len(radii), endpoint=False)
    return [(cx + r * np.cos(a), cy + r * np.sin(a)) for r, a in zip(radii, angles)]


@settings(max_examples=40, deadline=None)
@given(
    radii=st.lists(st.floats(60, 100), min_size=3, max_size=12),
    hole_radii=st.lists(st.floats(5, 20), min_size=3, max_size=8),
    decimals=st.integers(2, 4),
    phase=st.floats(0, 6.28),
    prefix=st.booleans(),
)
def test_round_trip_preserves_rings_to_the_stated_precision(radii, hole_radii, decimals, phase, prefix):
    east0 = (38_000_000.0 if prefix else 0.0) + 430_812.3456789
    outer = _star(east0, 3_899_264.98765, radii, phase)
    hole = _star(east0 + 3.3, 3_899_264.98765 - 2.2, hole_radii, -phase)
    second = _star(east0 + 400.0, 3_899_000.0, radii[::-1], phase / 2)
    header = rt.ExportHeader(zone=38, decimals=decimals, produced_on="2024-06-01")
    text = rt.format_redline_text(header, [rt.ExportParcel([[outer, hole], [second]], "1.2345", "P1")])
    document = parse(text.replace("带号=38", "带号=38" if prefix else "带号=114"))
    assert [p.code for p in document.problems if p.code != rp.SELF_INTERSECTION] == []
    assert document.decimals == decimals
    assert document.epsg == (4526 if prefix else 4547)
    (parcel,) = document.parcels
    expected = [[outer, hole], [second]]
    assert len(parcel.polygons) == 2
    for got_polygon, want_polygon in zip(parcel.polygons, expected):
        assert len(got_polygon) == len(want_polygon)
        for got, want in zip(got_polygon, want_polygon):
            rounded = [(_half_up(x, decimals), _half_up(y, decimals)) for x, y in want]
            deduplicated = [p for k, p in enumerate(rounded) if k == 0 or p != rounded[k - 1]]
            assert _normalised(got) == _normalised(deduplicated)


# --- areas (wiring to the official engine) ---------------------------------------------------------


def _geodesic_area(rings_en: list[list[tuple[float, float]]]) -> float:
    """Independent reference: PROJ inverse + GeographicLib on edges cut into 1 m pieces."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyproj

    transformer = pyproj.Transformer.from_crs(4526, 4490, always_xy=True)
    geod = pyproj.Geod(a=6378137.0, rf=298.257222101)
    total = 0.0
    for k, ring in enumerate(rings_en):
        xs, ys = [], []
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            pieces = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
            t = np.arange(pieces) / pieces
            xs.extend(x1 + (x2 - x1) * t)
            ys.extend(y1 + (y2 - y1) * t)
        lon, lat = transformer.transform(np.array(xs), np.array(ys))
        area = abs(geod.polygon_area_perimeter(lon, lat)[0])
        total += area if k == 0 else -area
    return total


def test_official_area_counts_holes_and_parts():
    document = parse(HEADER + HOLE + MULTIPART)
    areas = rt.official_areas_m2([p.polygons for p in document.parcels], document.grid)
    hole = [(38430840, 3899260), (38430860, 3899260), (38430860, 3899240), (38430840, 3899240)]
    hole_expected = _geodesic_area([list(SQUARE_RING), [*hole, hole[0]]])
    assert areas[0] == pytest.approx(hole_expected, abs=0.005)
    parts = document.parcels[1].polygons
    multipart_expected = sum(_geodesic_area([list(r) for r in polygon]) for polygon in parts)
    assert areas[1] == pytest.approx(multipart_expected, abs=0.005)
    # a plausibility anchor independent of any library: 9600 m² planar, scale factor ≈ 1.000059 here
    assert areas[0] == pytest.approx(9600 / 1.000059**2, abs=0.05)
