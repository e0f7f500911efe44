"""The ministry's 勘测定界 界址点坐标 exchange format (部标 TXT): read text into parcels, write parcels.

A file has an ``[属性描述]`` section of ``key=value`` lines (格式版本号, 数据产生单位, 数据产生日期, 坐标系,
几度分带, 投影类型, 计量单位, 带号, 精度, 转换参数) and a ``[地块坐标]`` section: per parcel one header line
``界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@`` followed by point lines
``点号,圈号,X,Y`` where X is the northing and Y the easting (with or without zone prefix). Each
圈 (ring) repeats its first point at its end. Rings nested in others are holes; rings outside all
others are further parts.

Reading is forgiving about what real files vary in — full-width commas and brackets, blank lines,
trailing commas, a BOM, extra header fields, 界址点数 counting the closing points or not, an area
with a unit suffix — and strict about what changes the geometry: every problem is returned with
its line number (see ``redline_problems``); parcels with errors are left out, the others kept.

Coordinates in the returned parcels are (easting, northing) as written in the file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

import numpy as np

from . import gauss_kruger as gk
from . import redline_problems as rp
from .area import RingBatch, ellipsoidal_areas
from .progress import Canceled, NoProgress, Progress
from .redline_rings import (
    Ring,
    assemble_polygons,
    clockwise_from_north_west,
    collinear,
    self_intersections,
)

HEADER_SECTION = "属性描述"
COORDINATE_SECTION = "地块坐标"
HEADER_KEYS: tuple[str, ...] = (
    "格式版本号",
    "数据产生单位",
    "数据产生日期",
    "坐标系",
    "几度分带",
    "投影类型",
    "计量单位",
    "带号",
    "精度",
    "转换参数",
)
CGCS2000_NAME = "2000国家大地坐标系"
FORMAT_VERSION = "1.01版本"
POLYGON_KIND = "面"
M2_PER_HA = 10000.0
M2_PER_MU = 10000.0 / 15.0

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH.update({0x3000: 0x20, 0x3010: ord("["), 0x3011: ord("]")})  # ideographic space, 【】
_AREA = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(公顷|亩|平方米|m2|m²|㎡|ha)?$", re.IGNORECASE)
_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")
_CHINESE_DIGITS = {"三": 3, "六": 6}
_PREFIX_UNIT = 1_000_000.0


def normalize_width(text: str) -> str:
    """Full-width ASCII (，＝［］０-９．…), 【】 and the ideographic space → their ASCII forms."""
    return text.translate(_FULL_WIDTH)


# --- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParcelAttributes:
    """The fields of a parcel header line (strings as written, numbers parsed)."""

    point_count: int | None = None
    area_text: str = ""
    area_ha: float | None = None
    number: str = ""
    name: str = ""
    kind: str = POLYGON_KIND
    sheet: str = ""
    use: str = ""
    land_code: str = ""
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parcel:
    """One parcel read from a file: polygons as (outer, *holes) rings of (easting, northing)."""

    attributes: ParcelAttributes
    polygons: tuple[tuple[Ring, ...], ...]
    line: int
    index: int
    self_intersecting: bool = False

    @property
    def label(self) -> str:
        return self.attributes.number or "#{}".format(self.index)


@dataclass(frozen=True)
class CrsOverride:
    """A CRS the user imposes: ``epsg`` of a CGCS2000 grid (checked against the eastings) or None."""

    epsg: int | None = None


@dataclass(frozen=True)
class RedlineDocument:
    """Everything read from one file. ``parcels`` is empty when the file as a whole has an error."""

    source: str
    header: dict[str, str]
    parcels: tuple[Parcel, ...]
    problems: tuple[rp.Problem, ...]
    epsg: int | None
    grid: gk.GaussKruger | None
    decimals: int | None
    parcel_count: int = 0
    axes_swapped: bool = False

    @property
    def failed(self) -> bool:
        """True when the file as a whole could not be imported."""
        return any(p.is_error and p.parcel is None for p in self.problems)


@dataclass
class _Point:
    name: str
    ring: int
    north: float
    east: float
    line: int


@dataclass
class _RawParcel:
    attributes: ParcelAttributes
    line: int
    index: int
    points: list[_Point] = field(default_factory=list)
    problems: list[rp.Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.attributes.number or "#{}".format(self.index)


# --- decoding ------------------------------------------------------------------------------------


def decode_redline_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a file's bytes: BOMs first, then UTF-8, then GBK (as GB18030).

    Raises ValueError when the bytes are neither.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    for codec, name in (("utf-8", "UTF-8"), ("gb18030", "GBK")):
        text = _decoded(data, codec)
        if text is not None:
            return text, name
    raise ValueError("neither UTF-8 nor GBK")


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


# --- header values -------------------------------------------------------------------------------


def precision_decimals(text: str) -> int | None:
    """Decimals meant by a 精度 value: '0.001' → 3, '0.01' → 2, '3' → 3, '' → None."""
    value = normalize_width(text).strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if 0 < number < 1:
        decimals = -math.log10(number)
        return round(decimals) if abs(decimals - round(decimals)) < 1e-6 else None
    if number == int(number) and 0 <= number <= 9:
        return int(number)
    return None


def precision_text(decimals: int) -> str:
    """The 精度 value written for ``decimals`` ('0.001' for 3)."""
    return "1" if decimals <= 0 else "0." + "0" * (decimals - 1) + "1"


def _zone_width(text: str) -> int | None:
    value = normalize_width(text).strip()
    for word, number in _CHINESE_DIGITS.items():
        if value.startswith(word):
            return number
    match = re.match(r"\d+", value)
    if match and int(match.group()) in (3, 6):
        return int(match.group())
    return None


def _header_zone(zone_text: str, width: int | None) -> tuple[int, int] | None:
    """(zone, width) from 带号 — a zone number, or a central meridian such as 114."""
    match = re.match(r"\d+", normalize_width(zone_text).strip())
    if not match:
        return None
    number = int(match.group())
    if number > 60:  # a central meridian
        if width == 6 or (width is None and number % 3 != 0):
            return ((number + 3) // 6, 6) if (number + 3) % 6 == 0 else None
        return (number // 3, 3) if number % 3 == 0 else None
    if width is None:
        width = 6 if 13 <= number <= 23 else 3
    return number, width


def _is_cgcs2000(datum: str) -> bool:
    text = normalize_width(datum).upper()
    return "2000" in text or "CGCS" in text


# --- parsing -------------------------------------------------------------------------------------


def _section(normalized: str) -> str | None:
    text = normalized.strip()
    if text.startswith("[") and text.endswith("]"):
        return text[1:-1].strip()
    return None


def _is_parcel_header(normalized: str) -> bool:
    return normalized.rstrip(", \t").endswith("@")


def _parse_area(text: str) -> tuple[float | None, bool]:
    """Declared area in 公顷 (a unit suffix converts) and whether the text was understood."""
    value = normalize_width(text).strip()
    if not value:
        return None, True
    match = _AREA.match(value)
    if not match:
        return None, False
    number = float(match.group(1))
    unit = (match.group(2) or "公顷").lower()
    if unit in ("平方米", "m2", "m²", "㎡"):
        return number / M2_PER_HA, True
    if unit == "亩":
        return number * M2_PER_MU / M2_PER_HA, True
    return number, True


def _split_original(text: str) -> list[str]:
    """Fields of a header line split at ASCII or full-width commas, each keeping its own characters
    (full-width letters and brackets in names stay as written); the final '@' is dropped."""
    normalized = normalize_width(text)  # one character for one: positions agree with `text`
    end = len(normalized.rstrip(", \t")) - 1  # position of the '@'
    fields: list[str] = []
    start = 0
    for position, character in enumerate(normalized[:end]):
        if character == ",":
            fields.append(text[start:position].strip())
            start = position + 1
    fields.append(text[start:end].strip())
    if fields and fields[-1] == "":
        fields.pop()  # the comma before '@'
    return fields


def _parse_parcel_header(text: str, line: int, index: int) -> _RawParcel:
    fields = _split_original(text)
    fields += [""] * max(0, 8 - len(fields))
    problems: list[rp.Problem] = []
    count_text = normalize_width(fields[0])
    point_count: int | None = None
    if count_text:
        if re.fullmatch(r"\d+", count_text):
            point_count = int(count_text) or None
        else:
            problems.append(rp.warning(rp.BAD_PARCEL_LINE, line, None, text=count_text))
    area_ha, understood = _parse_area(fields[1])
    if not understood:
        problems.append(rp.warning(rp.BAD_AREA_VALUE, line, None, text=fields[1]))
    extra = tuple(fields[8:])
    while extra and not extra[-1]:
        extra = extra[:-1]
    attributes = ParcelAttributes(
        point_count=point_count,
        area_text=fields[1],
        area_ha=area_ha,
        number=fields[2],
        name=fields[3],
        kind=fields[4] or POLYGON_KIND,
        sheet=fields[5],
        use=fields[6],
        land_code=fields[7],
        extra=extra,
    )
    parcel = _RawParcel(attributes, line, index)
    parcel.problems = [p.for_parcel(parcel.label) for p in problems]
    return parcel


def _parse_point(normalized: str, line: int) -> _Point | None:
    fields = [f.strip() for f in normalized.split(",")]
    while fields and fields[-1] == "":
        fields.pop()
    if len(fields) < 4:
        return None
    try:
        ring = int(float(fields[1]))
        north = float(fields[2])
        east = float(fields[3])
    except ValueError:
        return None
    if not (math.isfinite(north) and math.isfinite(east)) or not _INTEGER.fullmatch(fields[1]):
        return None
    return _Point(fields[0], ring, north, east, line)


def parse_redline_text(
    text: str,
    source: str = "",
    override: CrsOverride | None = None,
    progress: Progress | None = None,
) -> RedlineDocument:
    """Read the text of one 部标 TXT file (see the module docstring).

    ``override`` replaces the CRS of the header (its eastings are still checked when it names a
    CGCS2000 grid). Raises ``Canceled`` when the progress sink says so.
    """
    progress = progress or NoProgress()
    header: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    parcels: list[_RawParcel] = []
    file_problems: list[rp.Problem] = []
    section: str | None = None
    seen_coordinates = False
    orphan_reported = False
    lines = text.splitlines()
    total = max(len(lines), 1)
    for number, raw in enumerate(lines, start=1):
        if number % 5000 == 0:
            if progress.is_canceled():
                raise Canceled()
            progress.report(0.8 * number / total)
        stripped = raw.strip().lstrip("\ufeff").strip()
        if not stripped:
            continue
        normalized = normalize_width(stripped)  # one character for one: positions agree with `stripped`
        name = _section(normalized)
        if name is not None:
            section = name
            seen_coordinates = seen_coordinates or name == COORDINATE_SECTION
            continue
        if section == HEADER_SECTION:
            if "=" in normalized:
                position = normalized.index("=")
                key = normalized[:position].strip()
                header[key] = stripped[position + 1 :].strip()
                header_lines[key] = number
            continue
        if section != COORDINATE_SECTION:
            continue
        if _is_parcel_header(normalized):
            parcels.append(_parse_parcel_header(stripped, number, len(parcels) + 1))
            continue
        point = _parse_point(normalized, number)
        if not parcels:
            if not orphan_reported:
                file_problems.append(rp.warning(rp.POINT_WITHOUT_PARCEL, number))
                orphan_reported = True
            continue
        if point is None:
            parcels[-1].problems.append(rp.error(rp.BAD_POINT_LINE, number, parcels[-1].label, text=stripped))
            continue
        parcels[-1].points.append(point)

    if not seen_coordinates:
        file_problems.append(rp.error(rp.NO_COORDINATE_SECTION))
    elif not parcels:
        file_problems.append(rp.error(rp.NO_PARCELS))

    decimals = precision_decimals(header.get("精度", ""))
    if header.get("精度", "").strip() and decimals is None:
        file_problems.append(
            rp.warning(rp.BAD_HEADER_VALUE, header_lines.get("精度"), None, key="精度", value=header["精度"])
        )
    swapped = _axes_swapped(parcels)
    if swapped:
        for parcel in parcels:
            for p in parcel.points:
                p.north, p.east = p.east, p.north
        file_problems.append(rp.warning(rp.AXES_SWAPPED))
    grid, epsg, crs_problems = _resolve_crs(header, header_lines, parcels, override)
    file_problems.extend(crs_problems)

    tolerance = 1e-6 if decimals is None else min(0.5 * 10.0**-decimals, 5e-4)
    built: list[Parcel] = []
    parcel_problems: list[rp.Problem] = []
    for k, raw_parcel in enumerate(parcels):
        if k % 200 == 0:
            if progress.is_canceled():
                raise Canceled()
            progress.report(0.8 + 0.2 * k / max(len(parcels), 1))
        parcel, problems = _build_parcel(raw_parcel, tolerance)
        parcel_problems.extend(problems)
        if parcel is not None:
            built.append(parcel)
    problems = tuple(p.in_source(source) for p in file_problems + parcel_problems)
    failed = any(p.is_error and p.parcel is None for p in problems)
    progress.report(1.0)
    return RedlineDocument(
        source=source,
        header=header,
        parcels=() if failed else tuple(built),
        problems=problems,
        epsg=epsg,
        grid=grid,
        decimals=decimals,
        parcel_count=len(parcels),
        axes_swapped=swapped,
    )


def _axes_swapped(parcels: Sequence[_RawParcel]) -> bool:
    """True when every point has its easting first: X carries a zone prefix, or Y is a northing."""
    north = np.array([p.north for parcel in parcels for p in parcel.points], dtype=np.float64)
    east = np.array([p.east for parcel in parcels for p in parcel.points], dtype=np.float64)
    if north.size == 0:
        return False
    looks_swapped = (north >= 10 * _PREFIX_UNIT) | (
        (east >= _PREFIX_UNIT) & (east < 10 * _PREFIX_UNIT) & (north < _PREFIX_UNIT)
    )
    return bool(looks_swapped.all())


def _first_line_of_zone(parcels: Sequence[_RawParcel], predicate) -> int | None:
    for parcel in parcels:
        for p in parcel.points:
            if predicate(p.east):
                return p.line
    return None


def _resolve_crs(
    header: dict[str, str],
    header_lines: dict[str, int],
    parcels: Sequence[_RawParcel],
    override: CrsOverride | None,
) -> tuple[gk.GaussKruger | None, int | None, list[rp.Problem]]:
    problems: list[rp.Problem] = []
    east = np.array([p.east for parcel in parcels for p in parcel.points], dtype=np.float64)
    east = east[np.isfinite(east)]
    eight = (east >= 10 * _PREFIX_UNIT) & (east < 100 * _PREFIX_UNIT)
    zones = sorted({int(z) for z in np.floor(east[eight] / _PREFIX_UNIT)})
    if eight.any() and not eight.all():
        line = _first_line_of_zone(parcels, lambda e: not (10 * _PREFIX_UNIT <= e < 100 * _PREFIX_UNIT))
        problems.append(rp.error(rp.MIXED_ZONES, line, None, zones=_zone_list(zones, with_plain=True)))
        return None, None, problems
    if len(zones) > 1:
        line = _first_line_of_zone(parcels, lambda e: math.floor(e / _PREFIX_UNIT) != zones[0])
        problems.append(rp.error(rp.MIXED_ZONES, line, None, zones=_zone_list(zones, with_plain=False)))
        return None, None, problems
    if override is not None:
        return _check_override(override, east, problems)

    datum = header.get("坐标系", "").strip()
    if not datum:
        problems.append(rp.warning(rp.DATUM_ASSUMED, header_lines.get("坐标系")))
    elif not _is_cgcs2000(datum):
        problems.append(rp.error(rp.UNSUPPORTED_DATUM, header_lines.get("坐标系"), None, datum=datum))
        return None, None, problems
    width_text = header.get("几度分带", "").strip()
    width = _zone_width(width_text)
    if width_text and width is None:
        problems.append(
            rp.warning(
                rp.BAD_HEADER_VALUE, header_lines.get("几度分带"), None, key="几度分带", value=width_text
            )
        )
    zone_text = header.get("带号", "").strip()
    header_zone = _header_zone(zone_text, width) if zone_text else None
    if zone_text and header_zone is None:
        problems.append(
            rp.warning(rp.BAD_HEADER_VALUE, header_lines.get("带号"), None, key="带号", value=zone_text)
        )

    if zones:
        grid = gk.grid_from_eastings(east)
        if grid is None or grid.epsg is None:
            problems.append(rp.error(rp.CRS_UNKNOWN, None, None, zone=zones[0]))
            return None, None, problems
        if header_zone is not None and (header_zone[0] != grid.zone or header_zone[1] != grid.zone_width):
            problems.append(
                rp.error(
                    rp.ZONE_MISMATCH,
                    header_lines.get("带号"),
                    None,
                    header=zone_text,
                    prefix=zones[0],
                    width=width_text,
                )
            )
            return None, None, problems
        if width is not None and width != grid.zone_width:
            problems.append(
                rp.error(
                    rp.ZONE_MISMATCH,
                    header_lines.get("几度分带"),
                    None,
                    header=width_text,
                    prefix=zones[0],
                    width=width_text,
                )
            )
            return None, None, problems
        if header_zone is None:
            problems.append(rp.warning(rp.ZONE_FROM_EASTINGS, None, None, zone=zones[0], epsg=grid.epsg))
        return grid, grid.epsg, problems
    if header_zone is None:
        problems.append(rp.error(rp.CRS_UNKNOWN))
        return None, None, problems
    epsg = epsg_for_zone(header_zone[0], header_zone[1], prefixed=False)
    if epsg is None:
        problems.append(rp.error(rp.CRS_UNKNOWN, header_lines.get("带号"), None, zone=header_zone[0]))
        return None, None, problems
    grid = gk.grid_for_epsg(epsg)
    return grid if isinstance(grid, gk.GaussKruger) else None, epsg, problems


def _zone_list(zones: list[int], with_plain: bool) -> str:
    names = [str(z) for z in zones]
    if with_plain:
        names.append("-")
    return ", ".join(names)


def _check_override(
    override: CrsOverride, east: np.ndarray, problems: list[rp.Problem]
) -> tuple[gk.GaussKruger | None, int | None, list[rp.Problem]]:
    grid = gk.grid_for_epsg(override.epsg) if override.epsg is not None else None
    if isinstance(grid, gk.GaussKruger) and east.size:
        problem = gk.check_eastings(grid, east)
        if problem is not None:
            fits = gk.suggest_epsg(grid, east) or 0
            problems.append(
                rp.error(rp.OVERRIDE_MISMATCH, crs=f"EPSG:{override.epsg}", kind=problem, fits=fits)
            )
            return None, None, problems
    return (grid if isinstance(grid, gk.GaussKruger) else None), override.epsg, problems


def epsg_for_zone(zone: int, width: int, prefixed: bool) -> int | None:
    """EPSG code of the CGCS2000 Gauss–Krüger CRS of a zone (3° 25–45 or 6° 13–23)."""
    for epsg in range(4491, 4555):
        grid = gk.grid_for_epsg(epsg)
        if (
            isinstance(grid, gk.GaussKruger)
            and grid.zone == zone
            and grid.zone_width == width
            and grid.prefixed == prefixed
        ):
            return epsg
    return None


def _runs(points: Sequence[_Point]) -> list[list[_Point]]:
    """Consecutive points with the same 圈号."""
    runs: list[list[_Point]] = []
    for p in points:
        if runs and runs[-1][-1].ring == p.ring:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _same(a: _Point, b: _Point, tolerance: float) -> bool:
    return abs(a.north - b.north) <= tolerance and abs(a.east - b.east) <= tolerance


def _build_parcel(raw: _RawParcel, tolerance: float) -> tuple[Parcel | None, list[rp.Problem]]:
    label = raw.label
    problems = list(raw.problems)
    if raw.attributes.kind != POLYGON_KIND:
        problems.append(rp.error(rp.NOT_POLYGON, raw.line, label, kind=raw.attributes.kind))
        return None, problems
    if any(p.is_error for p in problems):
        return None, problems
    runs = _runs(raw.points)
    if not runs:
        problems.append(rp.error(rp.TOO_FEW_POINTS, raw.line, label, ring=0, points=0))
        return None, problems
    declared = raw.attributes.point_count
    found = len(raw.points)
    if declared is not None and declared not in (found, found - len(runs)):
        problems.append(rp.error(rp.COUNT_MISMATCH, raw.line, label, declared=declared, found=found))
    rings: list[Ring] = []
    ring_lines: list[list[int]] = []
    for run in runs:
        ring_number = run[0].ring
        where = {"ring": ring_number}
        closed = len(run) > 1 and _same(run[0], run[-1], tolerance)
        body = run[:-1] if closed else list(run)
        kept: list[_Point] = []
        for p in body:
            if kept and _same(kept[-1], p, tolerance):
                problems.append(rp.warning(rp.DUPLICATE_POINT, p.line, label, point=p.name, ring=ring_number))
                continue
            kept.append(p)
        while len(kept) > 1 and _same(kept[0], kept[-1], tolerance):
            dropped = kept.pop()
            problems.append(
                rp.warning(rp.DUPLICATE_POINT, dropped.line, label, point=dropped.name, ring=ring_number)
            )
        if len(kept) < 3:
            problems.append(rp.error(rp.TOO_FEW_POINTS, run[0].line, label, **where, points=len(kept)))
            continue
        if not closed:
            problems.append(rp.error(rp.UNCLOSED_RING, run[-1].line, label, **where, point=run[-1].name))
            continue
        ring = (*((p.east, p.north) for p in kept), (kept[0].east, kept[0].north))
        if collinear(ring):
            problems.append(rp.error(rp.DEGENERATE_RING, run[0].line, label, ring=ring_number))
            continue
        rings.append(ring)
        ring_lines.append([p.line for p in kept])
    if any(p.is_error for p in problems):
        return None, problems
    self_crossing = False
    for ring, lines in zip(rings, ring_lines):
        crossings = self_intersections(ring)
        if crossings:
            self_crossing = True
            first_segment = crossings[0][1]
            problems.append(
                rp.warning(
                    rp.SELF_INTERSECTION,
                    lines[min(first_segment, len(lines) - 1)],
                    label,
                    ring=_ring_number_at(raw, lines[0]),
                    count=len(crossings),
                )
            )
    groups = assemble_polygons(rings)
    polygons = tuple(tuple(rings[k] for k in group) for group in groups)
    return Parcel(raw.attributes, polygons, raw.line, raw.index, self_crossing), problems


def _ring_number_at(raw: _RawParcel, line: int) -> int:
    for p in raw.points:
        if p.line == line:
            return p.ring
    return 0


# --- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportHeader:
    """What the [属性描述] section of a written file says."""

    zone: int
    zone_width: int = 3
    decimals: int = 3
    producer: str = ""
    produced_on: str = ""
    datum: str = CGCS2000_NAME
    version: str = FORMAT_VERSION
    projection: str = "高斯克吕格"
    unit: str = "米"
    transformation: str = "0,0,0,0,0,0,0"


@dataclass(frozen=True)
class ExportParcel:
    """A parcel to write: polygons (outer, *holes) of (easting, northing) points, and its fields."""

    polygons: Sequence[Sequence[Sequence[tuple[float, float]]]]
    area_ha_text: str
    number: str = ""
    name: str = ""
    sheet: str = ""
    use: str = ""
    land_code: str = ""


@dataclass(frozen=True)
class PointLine:
    name: str
    ring: int
    north: str
    east: str


def _decimal_text(value: float, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    return format(rounded, "f")


def _rounded(value: float, decimals: int) -> float:
    return float(_decimal_text(value, decimals))


def prepared_rings(
    polygons: Sequence[Sequence[Sequence[tuple[float, float]]]], decimals: int
) -> list[list[list[tuple[float, float]]]]:
    """Rings as they will be written: rounded to ``decimals`` (half-up), repeated points dropped,
    clockwise from the north-west corner, closing point repeated. Rings left with fewer than
    three points are dropped (and polygons without an outer ring)."""
    result: list[list[list[tuple[float, float]]]] = []
    for polygon in polygons:
        rings: list[list[tuple[float, float]]] = []
        for k, ring in enumerate(polygon):
            rounded = [(_rounded(x, decimals), _rounded(y, decimals)) for x, y in ring]
            distinct: list[tuple[float, float]] = []
            for point in rounded:
                if not distinct or distinct[-1] != point:
                    distinct.append(point)
            while len(distinct) > 1 and distinct[0] == distinct[-1]:
                distinct.pop()
            if len(distinct) < 3 or collinear(distinct):
                if k == 0:
                    break
                continue
            ordered = clockwise_from_north_west(distinct)
            rings.append([*ordered, ordered[0]])
        if rings:
            result.append(rings)
    return result


def point_lines(rings: Sequence[Sequence[Sequence[tuple[float, float]]]], decimals: int) -> list[PointLine]:
    """Numbered point lines of prepared rings: J1… across the parcel, 圈号 1… across its rings."""
    lines: list[PointLine] = []
    counter = 0
    ring_number = 0
    for polygon in rings:
        for ring in polygon:
            ring_number += 1
            first_name = ""
            for position, (x, y) in enumerate(ring):
                if position == len(ring) - 1:
                    name = first_name
                else:
                    counter += 1
                    name = "J{}".format(counter)
                    first_name = first_name or name
                north, east = _decimal_text(y, decimals), _decimal_text(x, decimals)
                lines.append(PointLine(name, ring_number, north, east))
    return lines


def _clean_field(value: object) -> str:
    text = "" if value is None else str(value)
    for character in (",", "，", "@", "\r", "\n"):
        text = text.replace(character, " " if character in "\r\n" else "、")
    return text.strip()


def format_header(header: ExportHeader) -> list[str]:
    """The [属性描述] lines of a written file."""
    produced_on = header.produced_on or date.today().isoformat()
    values = {
        "格式版本号": header.version,
        "数据产生单位": _clean_field(header.producer),
        "数据产生日期": produced_on,
        "坐标系": header.datum,
        "几度分带": str(header.zone_width),
        "投影类型": header.projection,
        "计量单位": header.unit,
        "带号": str(header.zone),
        "精度": precision_text(header.decimals),
        "转换参数": header.transformation,
    }
    return ["[{}]".format(HEADER_SECTION)] + ["{}={}".format(key, values[key]) for key in HEADER_KEYS]


def format_parcel(parcel: ExportParcel, decimals: int) -> list[str]:
    """The header line and point lines of one parcel (its rings are prepared here)."""
    rings = prepared_rings(parcel.polygons, decimals)
    points = point_lines(rings, decimals)
    fields = [
        str(len(points)),
        parcel.area_ha_text,
        _clean_field(parcel.number),
        _clean_field(parcel.name),
        POLYGON_KIND,
        _clean_field(parcel.sheet),
        _clean_field(parcel.use),
        _clean_field(parcel.land_code),
        "@",
    ]
    return [",".join(fields)] + ["{},{},{},{}".format(p.name, p.ring, p.north, p.east) for p in points]


def format_redline_text(header: ExportHeader, parcels: Sequence[ExportParcel], newline: str = "\r\n") -> str:
    """A whole 部标 TXT file (CRLF line ends by default, as Windows tools expect)."""
    lines = [*format_header(header), "[{}]".format(COORDINATE_SECTION)]
    for parcel in parcels:
        lines.extend(format_parcel(parcel, header.decimals))
    return newline.join(lines) + newline


# --- areas ---------------------------------------------------------------------------------------


def official_areas_m2(
    parcels: Sequence[Sequence[Sequence[Sequence[tuple[float, float]]]]], grid: gk.GaussKruger
) -> np.ndarray:
    """Unrounded official (32号 ellipsoidal) areas in m² of parcels given as [parcel][part][ring]."""
    if not parcels:
        return np.zeros(0)
    return ellipsoidal_areas(RingBatch.from_polygons(parcels), grid)
