"""Polygon WKB reader: WKB written by hand with struct (ISO and EWKB, both byte orders)."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from farmland_guard.core import gauss_kruger as gk
from farmland_guard.core.area import RingBatch, ellipsoidal_areas
from farmland_guard.core.wkb import MALFORMED, UNSUPPORTED_TYPE, WkbGeometryError, batch_from_wkb

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
HOLE = [(2.0, 2.0), (2.0, 4.0), (4.0, 4.0), (4.0, 2.0), (2.0, 2.0)]
FAR = [(x + 100, y) for x, y in SQUARE]


def _ring(order: str, ring, extra: int) -> bytes:
    values = [c for x, y in ring for c in (x, y, *[7.0 + k for k in range(extra)])]
    return struct.pack(f"{order}I{len(values)}d", len(ring), *values)


def _extra(dims: str) -> int:
    return {"": 0, "Z": 1, "M": 1, "ZM": 2}[dims]


def _iso_type(base: int, dims: str) -> int:
    return base + {"": 0, "Z": 1000, "M": 2000, "ZM": 3000}[dims]


def polygon(rings, order="<", dims="", ewkb=False, srid=None) -> bytes:
    mark = 1 if order == "<" else 0
    if ewkb:
        code = 3 | (0x80000000 if "Z" in dims else 0) | (0x40000000 if "M" in dims else 0)
        code |= 0x20000000 if srid is not None else 0
        head = struct.pack(f"{order}BI", mark, code) + (
            struct.pack(f"{order}i", srid) if srid is not None else b""
        )
    else:
        head = struct.pack(f"{order}BI", mark, _iso_type(3, dims))
    return head + struct.pack(f"{order}I", len(rings)) + b"".join(_ring(order, r, _extra(dims)) for r in rings)


def multipolygon(parts: list[bytes], order="<", dims="") -> bytes:
    mark = 1 if order == "<" else 0
    return struct.pack(f"{order}BII", mark, _iso_type(6, dims), len(parts)) + b"".join(parts)


def _rings_of(batch: RingBatch) -> list[np.ndarray]:
    o = batch.ring_offsets
    return [batch.xy[o[i] : o[i + 1]] for i in range(batch.ring_count)]


@pytest.mark.parametrize("order", ["<", ">"])
@pytest.mark.parametrize("dims", ["", "Z", "M", "ZM"])
@pytest.mark.parametrize("ewkb", [False, True])
def test_polygon_in_every_flavour(order, dims, ewkb):
    data = polygon([SQUARE, HOLE], order, dims, ewkb, srid=4526 if ewkb else None)
    batch = batch_from_wkb([data])
    assert batch.feature_count == 1
    rings = _rings_of(batch)
    np.testing.assert_array_equal(rings[0], SQUARE)
    np.testing.assert_array_equal(rings[1], HOLE)
    np.testing.assert_array_equal(batch.ring_is_hole, [False, True])
    np.testing.assert_array_equal(batch.ring_feature, [0, 0])


def test_multipolygon_with_parts_in_mixed_byte_orders():
    data = multipolygon([polygon([SQUARE, HOLE], "<", "Z"), polygon([FAR], ">", "Z")], ">", "Z")
    batch = batch_from_wkb([None, data, b""])
    assert batch.feature_count == 3
    np.testing.assert_array_equal(batch.ring_feature, [1, 1, 1])
    np.testing.assert_array_equal(batch.ring_is_hole, [False, True, False])
    np.testing.assert_array_equal(_rings_of(batch)[2], FAR)


def test_features_map_to_their_rings_and_areas():
    x0, y0 = 38_500_000.0, 3_900_000.0
    square = [(x0 + x, y0 + y) for x, y in SQUARE]
    hole = [(x0 + x, y0 + y) for x, y in HOLE]
    wkbs = [polygon([square]), None, polygon([square, hole]), multipolygon([polygon([square]), polygon([square])])]
    areas = ellipsoidal_areas(batch_from_wkb(wkbs), gk.grid_for_epsg(4526))
    assert areas[1] == 0.0
    assert areas[0] == pytest.approx(100.0, rel=2e-3)  # GK scale near the CM: planar ≈ ellipsoidal
    assert areas[2] == pytest.approx(areas[0] * 0.96, rel=1e-9)
    assert areas[3] == pytest.approx(areas[0] * 2, rel=1e-12)


def test_empty_polygon_and_empty_multipolygon_have_no_rings():
    batch = batch_from_wkb([struct.pack("<BII", 1, 3, 0), struct.pack("<BII", 1, 6, 0)])
    assert batch.feature_count == 2 and batch.ring_count == 0


def test_open_rings_are_closed():
    batch = batch_from_wkb([polygon([SQUARE[:-1]]), polygon([SQUARE])])
    rings = _rings_of(batch)
    np.testing.assert_array_equal(rings[0], SQUARE)
    np.testing.assert_array_equal(rings[1], SQUARE)


def test_bytes_like_input():
    data = polygon([SQUARE])
    batch = batch_from_wkb([bytearray(data), memoryview(data)])
    np.testing.assert_array_equal(batch.ring_feature, [0, 1])


@pytest.mark.parametrize(
    "data, code",
    [
        (struct.pack("<BIdd", 1, 1, 0.0, 0.0), 1),  # Point
        (struct.pack("<BII", 1, 2, 0), 2),  # LineString
        (struct.pack("<BII", 1, 7, 0), 7),  # GeometryCollection
        (struct.pack("<BII", 1, 10, 0), 10),  # CurvePolygon
        (struct.pack("<BII", 1, 12, 0), 12),  # MultiSurface
        (struct.pack("<BII", 1, 1010, 0), 1010),  # CurvePolygon Z
        (struct.pack("<BII", 1, 5003, 0), 5003),  # no such dimension
    ],
)
def test_other_types_are_refused_with_feature_and_type(data, code):
    with pytest.raises(WkbGeometryError) as caught:
        batch_from_wkb([polygon([SQUARE]), data])
    assert caught.value.feature_index == 1
    assert caught.value.wkb_type == code
    assert caught.value.reason == UNSUPPORTED_TYPE
    assert isinstance(caught.value, ValueError)
    assert "feature 1" in str(caught.value)


def test_non_polygon_part_of_a_multipolygon_is_refused():
    part = struct.pack("<BIdd", 1, 1, 0.0, 0.0)
    with pytest.raises(WkbGeometryError) as caught:
        batch_from_wkb([multipolygon([polygon([SQUARE]), part])])
    assert caught.value.reason == UNSUPPORTED_TYPE and caught.value.wkb_type == 1


@pytest.mark.parametrize(
    "data",
    [
        polygon([SQUARE])[:-8],  # truncated coordinates
        polygon([SQUARE])[:7],  # truncated ring count
        b"\x02" + polygon([SQUARE])[1:],  # bad byte-order mark
    ],
)
def test_malformed_wkb_is_reported(data):
    with pytest.raises(WkbGeometryError) as caught:
        batch_from_wkb([data])
    assert caught.value.feature_index == 0
    assert caught.value.reason == MALFORMED
