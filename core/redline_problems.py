"""Problems found while reading or writing red-line coordinate files, as data (translated at the edge).

A problem names its file, its line (1-based, None when it concerns the whole file), the parcel it
belongs to (地块编号, or ``#n`` for the n-th parcel of the file) and a ``detail`` mapping with the
values a message needs. ``ERROR`` means the parcel (or, without a parcel, the whole file) was not
imported; ``WARNING`` means it was imported, possibly repaired.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Union

ERROR = "error"
WARNING = "warning"

# --- whole file ----------------------------------------------------------------------------------
NO_COORDINATE_SECTION = "no-coordinate-section"  # no [地块坐标] section at all
NO_PARCELS = "no-parcels"  # a [地块坐标] section without any parcel
UNSUPPORTED_DATUM = "unsupported-datum"  # 坐标系 is not CGCS2000 (detail: datum)
DATUM_ASSUMED = "datum-assumed"  # 坐标系 empty: read as CGCS2000
CRS_UNKNOWN = "crs-unknown"  # neither 带号 nor zone-prefixed eastings
MIXED_ZONES = "mixed-zones"  # eastings of several zones, or with and without prefix (detail: zones)
ZONE_MISMATCH = "zone-mismatch"  # header 带号/几度分带 contradict the prefix (detail: header, prefix)
ZONE_FROM_EASTINGS = "zone-from-eastings"  # no 带号 in the header: zone taken from the prefix
AXES_SWAPPED = "axes-swapped"  # the file gives easting before northing: swapped back
BAD_HEADER_VALUE = "bad-header-value"  # 几度分带/带号/精度 not understood (detail: key, value)
OVERRIDE_MISMATCH = "override-mismatch"  # eastings do not fit the CRS given by the user (detail: crs)
FILE_UNREADABLE = "file-unreadable"  # cannot be read or decoded (detail: reason)
UNSUPPORTED_FILE = "unsupported-file"  # not .txt/.dxf/.dwg (detail: suffix)
DWG_UNREADABLE = "dwg-unreadable"  # GDAL cannot read this DWG (detail: version)
CAD_NO_POLYGONS = "cad-no-polygons"  # no closed polyline on the chosen layers (detail: layers)

# --- one line or one parcel ----------------------------------------------------------------------
BAD_PARCEL_LINE = "bad-parcel-line"  # a parcel header line that cannot be read (detail: text)
BAD_POINT_LINE = "bad-point-line"  # a point line that is not 点号,圈号,X,Y with numbers (detail: text)
POINT_WITHOUT_PARCEL = "point-without-parcel"  # point lines before the first parcel header
NOT_POLYGON = "not-polygon"  # 图形属性 线/点: not a polygon (detail: kind)
UNCLOSED_RING = "unclosed-ring"  # last point of a ring differs from its first (detail: ring)
TOO_FEW_POINTS = "too-few-points"  # a ring with fewer than 3 distinct points (detail: ring, points)
DEGENERATE_RING = "degenerate-ring"  # a ring without area (collinear points) (detail: ring)
DUPLICATE_POINT = "duplicate-point"  # the same coordinates twice in a row: one dropped (detail: point)
COUNT_MISMATCH = "count-mismatch"  # 界址点数 differs from the point lines (detail: declared, found)
SELF_INTERSECTION = "self-intersection"  # a ring crosses or touches itself: repaired (detail: ring)
INVALID_GEOMETRY = "invalid-geometry"  # rings cross each other (or similar): repaired (detail: reason)
EMPTY_GEOMETRY = "empty-geometry"  # nothing is left of the polygon once repaired (detail: reason)
AREA_UNIT_SUSPECT = "area-unit-suspect"  # declared area looks like m², not 公顷 (detail: declared)
AREA_MISMATCH = "area-mismatch"  # declared and computed area > 1 % apart (detail: declared, computed, percent)
BAD_AREA_VALUE = "bad-area-value"  # 地块面积 is not a number (detail: text)

DetailValue = Union[str, int, float]
Detail = Mapping[str, DetailValue]


@dataclass(frozen=True)
class Problem:
    """One problem of a red-line file (see the module docstring)."""

    code: str
    severity: str
    line: int | None = None
    parcel: str | None = None
    detail: Detail = field(default_factory=dict)
    source: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def for_parcel(self, parcel: str) -> Problem:
        """The same problem attributed to parcel ``parcel``."""
        return replace(self, parcel=parcel)

    def in_source(self, source: str) -> Problem:
        """The same problem attributed to file ``source``."""
        return replace(self, source=source)


def error(code: str, line: int | None = None, parcel: str | None = None, **detail: DetailValue) -> Problem:
    return Problem(code, ERROR, line, parcel, dict(detail))


def warning(code: str, line: int | None = None, parcel: str | None = None, **detail: DetailValue) -> Problem:
    return Problem(code, WARNING, line, parcel, dict(detail))
