"""Polygon WKB readers: WKB written by hand with struct (ISO and EWKB, both byte orders), read by the
vectorised reader and the per-feature reader."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core import gauss_kruger as gk
from farmland_guard.core import wkb as wkb_module
from farmland_guard.core.area import RingBatch, ellipsoidal_areas
from farmland_guard.core.wkb import (
    _VECTOR_STEPS,
    MALFORMED,
    UNSUPPORTED_TYPE,
    WkbGeometryError,
    batch_from_wkb,
    batch_from_wkb_array,
    batch_from_wkb_buffer,
    batch_from_wkb_per_feature,
)

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
HOLE = [(2.0, 2.0), (2.0, 4.0), (4.0, 4.0), (4.0, 2.0), (2.0, 2.0)]
FAR = [(x + 100, y) for x, y in SQUARE]
SQUARE_ARRAY, HOLE_ARRAY = np.array(SQUARE), np.array(HOLE)


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
    body = b"".join(_ring(order, r, _extra(dims)) for r in rings)
    return head + struct.pack(f"{order}I", len(rings)) + body


def multipolygon(parts: list[bytes], order="<", dims="") -> bytes:
    mark = 1 if order == "<" else 0
    return struct.pack(f"{order}BII", mark, _iso_type(6, dims), len(parts)) + b"".join(parts)


@pytest.fixture(params=[batch_from_wkb, batch_from_wkb_per_feature], ids=["vectorised", "per-feature"])
def reader(request):
    """Every example runs through both readers: the vectorised one and the per-feature reference."""
    return request.param


def _rings_of(batch: RingBatch) -> list[np.ndarray]:
    o = batch.ring_offsets
    return [batch.xy[o[i] : o[i + 1]] for i in range(batch.ring_count)]


@pytest.mark.parametrize("order", ["<", ">"])
@pytest.mark.parametrize("dims", ["", "Z", "M", "ZM"])
@pytest.mark.parametrize("ewkb", [False, True])
def test_polygon_in_every_flavour(order, dims, ewkb, reader):
    data = polygon([SQUARE, HOLE], order, dims, ewkb, srid=4526 if ewkb else None)
    batch = reader([data])
    assert batch.feature_count == 1
    rings = _rings_of(batch)
    np.testing.assert_array_equal(rings[0], SQUARE)
    np.testing.assert_array_equal(rings[1], HOLE)
    np.testing.assert_array_equal(batch.ring_is_hole, [False, True])
    np.testing.assert_array_equal(batch.ring_feature, [0, 0])


def test_multipolygon_with_parts_in_mixed_byte_orders(reader):
    data = multipolygon([polygon([SQUARE, HOLE], "<", "Z"), polygon([FAR], ">", "Z")], ">", "Z")
    batch = reader([None, data, b""])
    assert batch.feature_count == 3
    np.testing.assert_array_equal(batch.ring_feature, [1, 1, 1])
    np.testing.assert_array_equal(batch.ring_is_hole, [False, True, False])
    np.testing.assert_array_equal(_rings_of(batch)[2], FAR)


def test_features_map_to_their_rings_and_areas(reader):
    x0, y0 = 38_500_000.0, 3_900_000.0
    square = [(x0 + x, y0 + y) for x, y in SQUARE]
    hole = [(x0 + x, y0 + y) for x, y in HOLE]
    two_parts = multipolygon([polygon([square]), polygon([square])])
    wkbs = [polygon([square]), None, polygon([square, hole]), two_parts]
    areas = ellipsoidal_areas(reader(wkbs), gk.grid_for_epsg(4526))
    assert areas[1] == 0.0
    assert areas[0] == pytest.approx(100.0, rel=2e-3)  # GK scale near the CM: planar ≈ ellipsoidal
    assert areas[2] == pytest.approx(areas[0] * 0.96, rel=1e-9)
    assert areas[3] == pytest.approx(areas[0] * 2, rel=1e-12)


def test_empty_polygon_and_empty_multipolygon_have_no_rings(reader):
    batch = reader([struct.pack("<BII", 1, 3, 0), struct.pack("<BII", 1, 6, 0)])
    assert batch.feature_count == 2 and batch.ring_count == 0


def test_open_rings_are_closed(reader):
    batch = reader([polygon([SQUARE[:-1]]), polygon([SQUARE])])
    rings = _rings_of(batch)
    np.testing.assert_array_equal(rings[0], SQUARE)
    np.testing.assert_array_equal(rings[1], SQUARE)


def test_bytes_like_input(reader):
    data = polygon([SQUARE])
    batch = reader([bytearray(data), memoryview(data)])
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
def test_other_types_are_refused_with_feature_and_type(data, code, reader):
    with pytest.raises(WkbGeometryError) as caught:
        reader([polygon([SQUARE]), data])
    assert caught.value.feature_index == 1
    assert caught.value.wkb_type == code
    assert caught.value.reason == UNSUPPORTED_TYPE
    assert isinstance(caught.value, ValueError)
    assert "feature 1" in str(caught.value)


def test_non_polygon_part_of_a_multipolygon_is_refused(reader):
    part = struct.pack("<BIdd", 1, 1, 0.0, 0.0)
    with pytest.raises(WkbGeometryError) as caught:
        reader([multipolygon([polygon([SQUARE]), part])])
    assert caught.value.reason == UNSUPPORTED_TYPE and caught.value.wkb_type == 1


@pytest.mark.parametrize(
    "data",
    [
        polygon([SQUARE])[:-8],  # truncated coordinates
        polygon([SQUARE])[:7],  # truncated ring count
        b"\x02" + polygon([SQUARE])[1:],  # bad byte-order mark
        multipolygon([polygon([SQUARE]), b"\x02" + polygon([FAR])[1:]]),  # a part's bad mark
        multipolygon([polygon([SQUARE]), polygon([FAR])])[:-20],  # truncated second part
        multipolygon([polygon([SQUARE])])[:12],  # truncated part header
    ],
)
def test_malformed_wkb_is_reported(data):
    for reader in (batch_from_wkb, batch_from_wkb_per_feature):
        with pytest.raises(WkbGeometryError) as caught:
            reader([polygon([SQUARE]), None, data, b"\x02"])
        assert caught.value.feature_index == 2
        assert caught.value.reason == MALFORMED


# --- the vectorised reader against the encoded rings and the per-feature reader -------------------

DIMS = ["", "Z", "M", "ZM"]


def _head(base: int, order: str, dims: str, ewkb: bool, srid: bool) -> bytes:
    mark = 1 if order == "<" else 0
    if not ewkb:
        return struct.pack(f"{order}BI", mark, _iso_type(base, dims))
    code = base | (0x80000000 if "Z" in dims else 0) | (0x40000000 if "M" in dims else 0)
    code |= 0x20000000 if srid else 0
    return struct.pack(f"{order}BI", mark, code) + (struct.pack(f"{order}i", 4526) if srid else b"")


def _encode_polygon(rings: list[np.ndarray], flavour: tuple) -> bytes:
    order, dims = flavour[0], flavour[1]
    body = b"".join(_ring(order, [tuple(p) for p in ring], _extra(dims)) for ring in rings)
    return _head(3, *flavour) + struct.pack(f"{order}I", len(rings)) + body


FLAVOURS = st.tuples(st.sampled_from(["<", ">"]), st.sampled_from(DIMS), st.booleans(), st.booleans())
LITTLE_2D = ("<", "", False, False)


@st.composite
def polygon_rings(draw, max_rings: int = 4) -> list[np.ndarray]:
    """Rings with 0–9 points from a seeded generator; some closed, some open, NaN inside some."""
    rings = []
    for _ in range(draw(st.integers(0, max_rings))):
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        ring = rng.uniform(-1e7, 4e7, (draw(st.integers(0, 9)), 2)).round(draw(st.integers(0, 3)))
        if len(ring) and draw(st.booleans()):
            ring = np.vstack([ring, ring[:1]])
        if len(ring) > 2 and draw(st.integers(0, 9)) == 0:
            ring[1, draw(st.integers(0, 1))] = np.nan
        rings.append(ring)
    return rings


@st.composite
def features(draw) -> tuple[bytes | None, list[list[np.ndarray]]]:
    """(WKB or None, the polygons it holds as [part][ring] arrays)."""
    kind = draw(st.sampled_from(["none", "no bytes", "polygon", "polygon", "multipolygon", "multipolygon"]))
    if kind == "none":
        return None, []
    if kind == "no bytes":
        return b"", []
    flavour = draw(st.sampled_from([LITTLE_2D, LITTLE_2D, ("<", "Z", False, False)]) | FLAVOURS)
    if kind == "polygon":
        parts = [draw(polygon_rings())]
        data = _encode_polygon(parts[0], flavour)
    else:
        parts = draw(st.lists(polygon_rings(), max_size=4))
        encoded = [_encode_polygon(part, draw(st.sampled_from([flavour]) | FLAVOURS)) for part in parts]
        data = _head(6, *flavour) + struct.pack(f"{flavour[0]}I", len(parts)) + b"".join(encoded)
    if draw(st.integers(0, 9)) == 0:  # bytes after the geometry are ignored
        data += b"\x01\x02\x03"
    return data, parts


def _expected(polygons: list[list[list[np.ndarray]]]) -> tuple[np.ndarray, list[int], list[int], list[bool]]:
    """Rings as written, each open one closed with its first point: (xy, offsets, feature, hole)."""
    rings, feature, hole = [], [], []
    for index, parts in enumerate(polygons):
        for part in parts:
            for number, ring in enumerate(part):
                if len(ring) and not np.array_equal(ring[0], ring[-1]):
                    ring = np.vstack([ring, ring[:1]])
                rings.append(ring)
                feature.append(index)
                hole.append(number > 0)
    offsets = np.cumsum([0] + [len(r) for r in rings]).tolist()
    return (np.concatenate(rings) if rings else np.empty((0, 2))), offsets, feature, hole


def _assert_same_batch(batch: RingBatch, other: RingBatch) -> None:
    assert batch.feature_count == other.feature_count
    np.testing.assert_array_equal(batch.xy, other.xy)
    np.testing.assert_array_equal(batch.ring_offsets, other.ring_offsets)
    np.testing.assert_array_equal(batch.ring_feature, other.ring_feature)
    np.testing.assert_array_equal(batch.ring_is_hole, other.ring_is_hole)


def _as_container(wkbs: list, container: str):
    if container == "array":  # what GDAL's Arrow stream gives: an object array of bytes
        array = np.empty(len(wkbs), dtype=object)
        array[:] = wkbs
        return array
    if container == "bytes-like":
        return [memoryview(w) if i % 2 and w is not None else (bytearray(w) if w is not None else None)
                for i, w in enumerate(wkbs)]
    return wkbs


@settings(max_examples=300, deadline=None)
@given(
    st.lists(features(), max_size=12),
    st.sampled_from(["list", "array", "bytes-like"]),
    st.sampled_from([1, 5, 1 << 16]),
)
def test_vectorised_reader_gives_the_encoded_rings_like_the_per_feature_reader(drawn, container, chunk):
    """Any mix of flavours, empty and open rings, None; coordinates gathered in chunks of any size."""
    wkbs = [data for data, _ in drawn]
    saved, wkb_module._GATHER_VERTICES = wkb_module._GATHER_VERTICES, chunk
    try:
        batch = batch_from_wkb_array(_as_container(wkbs, container))
    finally:
        wkb_module._GATHER_VERTICES = saved
    xy, offsets, feature, hole = _expected([parts for _, parts in drawn])
    np.testing.assert_array_equal(batch.xy, xy)
    np.testing.assert_array_equal(batch.ring_offsets, offsets)
    np.testing.assert_array_equal(batch.ring_feature, feature)
    np.testing.assert_array_equal(batch.ring_is_hole, hole)
    assert batch.feature_count == len(wkbs)
    _assert_same_batch(batch, batch_from_wkb_per_feature(_as_container(wkbs, container)))
    _assert_same_batch(batch, batch_from_wkb(wkbs))
    _assert_same_batch(batch, batch_from_wkb_buffer(*_arrow_like(wkbs)))


def _arrow_like(wkbs: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(buffer, offsets, valid) as an Arrow binary column holds them: a null may keep some bytes."""
    pieces = [b"\x01\x06junk" if w is None else w for w in wkbs]
    offsets = np.cumsum([3] + [len(piece) for piece in pieces])  # data starting at byte 3
    buffer = np.frombuffer(b"pad" + b"".join(pieces) + b"tail", dtype=np.uint8)
    return buffer, offsets, np.array([w is not None for w in wkbs], dtype=bool)


def _outcome(read, wkbs):
    try:
        return read(wkbs)
    except WkbGeometryError as error:
        return (error.feature_index, error.reason, error.wkb_type)


@settings(max_examples=200, deadline=None)
@given(st.lists(features(), min_size=1, max_size=8), st.data())
def test_broken_features_raise_the_same_error_in_both_readers(drawn, data):
    """Truncated, bad byte-order marks, other types: the first broken feature is reported."""
    wkbs = [w for w, _ in drawn]
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(wkbs) - 1))
        blob = wkbs[index] or polygon([SQUARE])
        damage = data.draw(st.sampled_from(["truncate", "mark", "type", "part mark", "part type"]))
        if damage == "truncate":
            blob = blob[: data.draw(st.integers(1, max(1, len(blob) - 1)))]
        elif damage == "mark":
            blob = bytes([data.draw(st.sampled_from([2, 255]))]) + blob[1:]
        elif damage == "type":
            order = "<" if blob[0] == 1 else ">"
            code = data.draw(st.sampled_from([1, 2, 7, 15, 1001, 4003]))
            blob = blob[:1] + struct.pack(f"{order}I", code) + blob[5:]
        elif damage == "part mark" and len(blob) > 14:  # a multipolygon's first part, if any
            blob = blob[:9] + b"\x02" + blob[10:]
        elif len(blob) > 14:
            blob = blob[:9] + b"\x01" + struct.pack("<I", 2) + blob[14:]
        wkbs[index] = blob
    fast = _outcome(batch_from_wkb_array, wkbs)
    slow = _outcome(batch_from_wkb_per_feature, wkbs)
    joined = _outcome(lambda w: batch_from_wkb_buffer(*_arrow_like(w)), wkbs)
    if isinstance(slow, tuple):
        assert fast == slow == joined
    else:
        _assert_same_batch(fast, slow)
        _assert_same_batch(joined, slow)


def test_features_with_many_rings_or_parts_are_read_whole(reader):
    """More rings than the vectorised walk takes (a fallback per feature), between ordinary ones."""
    rng = np.random.default_rng(4)
    many_holes = [rng.uniform(0, 100, (4, 2)) for _ in range(_VECTOR_STEPS + 8)]
    many_parts = [[rng.uniform(0, 100, (5, 2)), rng.uniform(0, 100, (3, 2))] for _ in range(_VECTOR_STEPS)]
    deep_z = [_encode_polygon(part, ("<", "Z", False, False)) for part in many_parts]
    polygons = [[[SQUARE_ARRAY]], [many_holes], many_parts, [[SQUARE_ARRAY, HOLE_ARRAY]], many_parts]
    wkbs = [
        polygon([SQUARE]),
        _encode_polygon(many_holes, LITTLE_2D),
        multipolygon(deep_z, "<", "Z"),
        polygon([SQUARE, HOLE], ">"),
        multipolygon([_encode_polygon(part, LITTLE_2D) for part in many_parts]),
    ]
    batch = reader(wkbs)
    xy, offsets, feature, hole = _expected(polygons)
    np.testing.assert_array_equal(batch.xy, xy)
    np.testing.assert_array_equal(batch.ring_offsets, offsets)
    np.testing.assert_array_equal(batch.ring_feature, feature)
    np.testing.assert_array_equal(batch.ring_is_hole, hole)


def test_open_ring_with_nan_ends_is_left_as_it_is_when_both_ends_are_nan(reader):
    ring = [(np.nan, 0.0), (1.0, 0.0), (1.0, 1.0), (np.nan, 0.0)]
    batch = reader([polygon([ring]), polygon([[*ring[:-1], (np.nan, 5.0)]])])
    np.testing.assert_array_equal(batch.ring_offsets, [0, 4, 9])
    np.testing.assert_array_equal(batch.xy[-1], [np.nan, 0.0])


def test_no_features_and_only_empty_features(reader):
    assert reader([]).feature_count == 0
    batch = reader(np.array([None, b"", None], dtype=object))
    assert batch.feature_count == 3 and batch.ring_count == 0 and batch.xy.shape == (0, 2)


def test_buffer_reader_checks_its_offsets():
    data = polygon([SQUARE])
    assert batch_from_wkb_buffer(data, [0, len(data)]).ring_count == 1
    assert batch_from_wkb_buffer(data, [0, len(data)], valid=[False]).ring_count == 0
    for offsets in ([], [0, len(data) + 1], [5, 0], [-1, 3]):
        with pytest.raises(ValueError):
            batch_from_wkb_buffer(data, offsets)
    with pytest.raises(ValueError):
        batch_from_wkb_buffer(data, [0, len(data)], valid=[True, True])


def test_a_two_dimensional_array_is_refused():
    with pytest.raises(ValueError):
        batch_from_wkb_array(np.empty((2, 2), dtype=object))
