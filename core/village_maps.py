"""一村一图 (domain §5.2): what goes on each village's 耕地保护现状图, as plain values.

Statistics per village on the 图斑地类面积 (TBDLMJ) basis: every clipped piece is measured with the
official engine, rounded half-up to 0.01 m², its 田坎 deduction taken off exactly (``deduction``), and
the pieces are summed in integer cents. The printed 亩/公顷 figures of the classes are levelled
(``levelling``) so that 水田 + 水浇地 + 旱地 equals the printed 耕地 total to the last digit.

Also here: the round map scale that lets the village fill the frame, safe/unique/deterministic file
names from the FILENAME pattern, the 田长 roster per village, the title and the notes. The map's own
texts are Chinese by nature (it is a Chinese public notice); user messages are issue codes with
values, translated at the edge.
"""

from __future__ import annotations

import math
import string
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from . import admin_codes
from .deduction import deduct_cents, kcxs_to_units
from .gauss_kruger import GaussKruger, Geographic, grid_for_epsg
from .land_classes import normalise_code
from .levelling import level_cents
from .units import to_cents

#: the round scales a village map may use: the 1:2000 … 1:20000 of domain §5.2 with the round steps
#: between them (so a village is not left at half size by the jump from 1:10000 to 1:15000), then
#: coarser ones for very large villages
ROUND_SCALES: tuple[int, ...] = (
    1000,
    2000,
    2500,
    3000,
    4000,
    5000,
    6000,
    8000,
    10000,
    12000,
    15000,
    20000,
    25000,
    30000,
    40000,
    50000,
    100000,
)
#: part of the frame left free on each side of the village
DEFAULT_MARGIN = 0.05
#: a 耕地 图斑 gets its number printed when it covers at least this much paper (mm²)
LABEL_MIN_PAPER_MM2 = 60.0

DEFAULT_FILENAME = "{村代码}_{村名}_耕地保护现状图"
#: FILENAME placeholders → the VillageNames attribute they print (English aliases accepted)
FILENAME_FIELDS: dict[str, str] = {
    "村代码": "code",
    "村名": "name",
    "乡镇": "township",
    "乡镇代码": "township_code",
    "县": "county",
    "县代码": "county_code",
    "序号": "number",
    "code": "code",
    "name": "name",
    "township": "township",
    "township_code": "township_code",
    "county": "county",
    "county_code": "county_code",
    "number": "number",
}
_FORBIDDEN = set('<>:"/\\|?*')
_WINDOWS_RESERVED = (
    {"CON", "PRN", "AUX", "NUL"}
    | {"COM{}".format(i) for i in range(1, 10)}
    | {"LPT{}".format(i) for i in range(1, 10)}
)
#: a file name stem stays below this many UTF-8 bytes (Linux allows 255 bytes per name, and the
#: extension, a uniqueness suffix and "_roster" style additions need room)
MAX_STEM_BYTES = 180

FARMLAND_CLASSES: tuple[tuple[str, str], ...] = (("0101", "水田"), ("0102", "水浇地"), ("0103", "旱地"))
CLASS_NAMES = dict(FARMLAND_CLASSES)

LEVEL_LABELS = {1: "县级田长", 2: "乡级田长", 3: "村级田长", 4: "网格员"}
_LEVEL_WORDS = (
    (4, ("网格", "田管", "巡查", "四级", "4")),
    (1, ("县", "区级", "市级", "一级", "总田长", "1")),
    (2, ("乡", "镇", "街道", "二级", "2")),
    (3, ("村", "社区", "三级", "3")),
)
_LEVEL_OF_CODE = {"province": 1, "city": 1, "county": 1, "township": 2, "village": 3, "group": 4}

REPORT_PHONE = "12336"
STATS_HEADER = ("项目", "面积（亩）", "面积（公顷）")
ROSTER_HEADER = ("层级", "姓名", "职务", "联系电话")
EMPTY_ROSTER_ROW = ("—", "（未登记）", "", "")

# Issue codes (translated at the edge)
NO_FARMLAND = "no-farmland"
NO_ROSTER = "no-roster"
MULTIPART = "multipart"
NO_TARGET = "no-target"
TARGET_NOT_MET = "target-not-met"
ROSTER_TRUNCATED = "roster-truncated"


class VillageMapError(ValueError):
    """A FILENAME pattern or a village cannot be used; ``kind`` says why, ``value`` shows the culprit."""

    def __init__(self, message: str, kind: str, value: object = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.value = value


# --------------------------------------------------------------------------------------------- scale


def choose_scale(
    width_m: float,
    height_m: float,
    frame_width_mm: float,
    frame_height_mm: float,
    margin: float = DEFAULT_MARGIN,
    scales: Sequence[int] = ROUND_SCALES,
) -> int:
    """The largest-looking round scale (smallest denominator) at which the village plus ``margin`` on
    each side fits the map frame. Beyond the list, the next 1/2/2.5/5 × 10ⁿ denominator."""
    if frame_width_mm <= 0 or frame_height_mm <= 0:
        raise VillageMapError("the map frame has no size", "frame", (frame_width_mm, frame_height_mm))
    if not (math.isfinite(width_m) and math.isfinite(height_m)) or width_m < 0 or height_m < 0:
        raise VillageMapError("the village has no usable extent", "extent", (width_m, height_m))
    grow = 1.0 + 2.0 * margin
    needed = max(width_m * grow / (frame_width_mm / 1000.0), height_m * grow / (frame_height_mm / 1000.0))
    for scale in sorted(scales):
        if scale >= needed * (1.0 - 1e-12):
            return int(scale)
    exponent = 10 ** math.floor(math.log10(needed))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * exponent >= needed:
            return round(step * exponent)
    return 10 * exponent


def scalebar_segment_m(scale: float, segment_mm: float = 15.0) -> float:
    """A round scale-bar segment (1, 2 or 5 × 10ⁿ m) at least ``segment_mm`` long on paper."""
    if scale <= 0 or segment_mm <= 0:
        raise VillageMapError("scale and segment length must be positive", "scalebar", (scale, segment_mm))
    needed = scale * segment_mm / 1000.0
    exponent = 10.0 ** math.floor(math.log10(needed))
    for step in (1.0, 2.0, 5.0, 10.0):
        if step * exponent >= needed * (1.0 - 1e-12):
            return step * exponent
    return 10.0 * exponent


# ---------------------------------------------------------------------------------------- file names


@dataclass(frozen=True)
class VillageNames:
    """Codes and names of one village and of its township and county (names may be '')."""

    code: str
    name: str
    township: str = ""
    county: str = ""
    number: int = 0

    @property
    def township_code(self) -> str:
        return self.code[:9]

    @property
    def county_code(self) -> str:
        return self.code[:6]


def check_filename_pattern(pattern: str) -> str:
    """The pattern with a trailing extension dropped; VillageMapError for unknown placeholders."""
    text = (pattern or "").strip() or DEFAULT_FILENAME
    for extension in (".pdf", ".png", ".PDF", ".PNG"):
        if text.endswith(extension):
            text = text[: -len(extension)]
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise VillageMapError(
            "FILENAME pattern {!r}: {}".format(pattern, error), "bad-pattern", pattern
        ) from error
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FILENAME_FIELDS or spec or conversion:
            raise VillageMapError(
                "FILENAME pattern {!r}: unknown placeholder {{{}}}; use {}".format(
                    pattern, name, " ".join("{" + k + "}" for k in FILENAME_FIELDS)
                ),
                "unknown-placeholder",
                name,
            )
    return text


def sanitize_file_name(text: str, fallback: str = "village") -> str:
    """A file name stem valid on Windows and Linux: no ``<>:"/\\|?*`` or control characters, no
    trailing dot/space, not a reserved device name, at most MAX_STEM_BYTES in UTF-8."""
    text = unicodedata.normalize("NFC", text or "")
    cleaned = "".join("_" if (c in _FORBIDDEN or ord(c) < 32 or ord(c) == 127) else c for c in text)
    cleaned = " ".join(cleaned.split())  # tabs/newlines were replaced; collapse runs of spaces
    cleaned = cleaned.strip(" .")
    if not cleaned:
        cleaned = fallback
    cleaned = _truncate_utf8(cleaned, MAX_STEM_BYTES) or fallback
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    return cleaned


def _truncate_utf8(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes at a character boundary, no trailing dot/space."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore").rstrip(" .")


def file_stems(pattern: str, villages: Sequence[VillageNames]) -> list[str]:
    """One safe, unique file name stem per village, in input order (deterministic for that order).

    Uniqueness ignores case (Windows and macOS file systems); a repeated stem gets ``_2``, ``_3`` …
    """
    text = check_filename_pattern(pattern)
    width = max(len(str(len(villages))), 3)
    taken: set[str] = set()
    stems = []
    for village in villages:
        values = {
            key: (str(village.number).zfill(width) if attr == "number" else str(getattr(village, attr) or ""))
            for key, attr in FILENAME_FIELDS.items()
        }
        stem = sanitize_file_name(text.format(**values), fallback=village.code or "village")
        candidate, n = stem, 1
        while candidate.casefold() in taken:
            n += 1
            suffix = "_{}".format(n)
            candidate = _truncate_utf8(stem, MAX_STEM_BYTES - len(suffix)) + suffix
        taken.add(candidate.casefold())
        stems.append(candidate)
    return stems


# ---------------------------------------------------------------------------------------- statistics


def farmland_class(dlbm: object) -> Optional[str]:
    """'0101' / '0102' / '0103' for a 耕地 code (after normalisation), None otherwise."""
    code = normalise_code(dlbm)[:4]
    return code if code in CLASS_NAMES else None


def net_cents(
    areas_m2: Sequence[float] | np.ndarray, kcxs: Sequence[object] | np.ndarray | None
) -> np.ndarray:
    """TBDLMJ basis per piece in integer 0.01 m²: half-up area, minus KCMJ = round(area × KCXS, 2).

    ``kcxs`` None means no deduction; missing coefficients count as 0 (``deduction.kcxs_to_units``).
    """
    gross = np.asarray(to_cents(np.asarray(areas_m2, dtype=np.float64).reshape(-1)), dtype=np.int64)
    if kcxs is None or gross.size == 0:
        return gross
    units = kcxs_to_units(np.asarray(list(kcxs), dtype=object))
    _, net = deduct_cents(gross, np.asarray(units, dtype=np.int64))
    return np.asarray(net, dtype=np.int64)


@dataclass
class VillageStatistics:
    """Measured figures of one village, in integer 0.01 m² (TBDLMJ / YJJBNTMJ basis)."""

    class_cents: dict[str, int] = field(default_factory=lambda: {c: 0 for c, _ in FARMLAND_CLASSES})
    pbf_cents: int = 0
    pbf_count: int = 0
    target_cents: Optional[int] = None
    farmland_pieces: int = 0

    @property
    def farmland_cents(self) -> int:
        return int(sum(self.class_cents.values()))

    def completion(self) -> Optional[float]:
        """耕地 / 耕地保有量目标 in percent (unrounded), None without a positive target."""
        if not self.target_cents:
            return None
        return 100.0 * self.farmland_cents / self.target_cents

    def target_met(self) -> Optional[bool]:
        """耕地 ≥ target, with the 0.01 亩 tolerance of domain §6.3; None without a target."""
        if self.target_cents is None:
            return None
        return mu_hundredths(self.farmland_cents) >= mu_hundredths(self.target_cents) - 1


def village_statistics(
    farmland_net_cents: Sequence[int] | np.ndarray,
    farmland_codes: Sequence[object],
    pbf_net_cents: Sequence[int] | np.ndarray = (),
    target_cents: Optional[int] = None,
) -> VillageStatistics:
    """Sum the measured pieces of one village: 耕地 pieces by class (non-耕地 codes are ignored),
    永久基本农田 pieces (count = pieces with a positive area)."""
    cents = np.asarray(farmland_net_cents, dtype=np.int64).reshape(-1)
    if cents.size != len(farmland_codes):
        raise ValueError("{} areas but {} codes".format(cents.size, len(farmland_codes)))
    stats = VillageStatistics(target_cents=target_cents)
    for value, code in zip(cents.tolist(), farmland_codes):
        cls = farmland_class(code)
        if cls is None:
            continue
        stats.class_cents[cls] += int(value)
        stats.farmland_pieces += 1
    pbf = np.asarray(pbf_net_cents, dtype=np.int64).reshape(-1)
    stats.pbf_cents = int(pbf.sum())
    stats.pbf_count = int((pbf > 0).sum())
    return stats


def mu_hundredths(cents: int) -> int:
    """0.01 m² → 0.01 亩, half-up, exact (亩 = m² × 0.0015)."""
    product = int(cents) * 15
    sign = -1 if product < 0 else 1
    return sign * ((abs(product) + 5000) // 10000)


def ha_ten_thousandths(cents: int) -> int:
    """0.01 m² → 0.0001 公顷, half-up, exact."""
    sign = -1 if cents < 0 else 1
    return sign * ((abs(int(cents)) + 50) // 100)


def _fixed(units: int, digits: int) -> str:
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(int(units)), 10**digits)
    return "{}{}.{}".format(sign, whole, str(frac).zfill(digits))


def mu_from_target(value: object) -> Optional[int]:
    """A target in 亩 (number or text) → 0.01 m² cents; None for blank/unreadable values."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return int(to_cents(number * 10000.0 / 15.0))


@dataclass(frozen=True)
class StatisticsFigures:
    """The printed figures: 亩 (2 dp) and 公顷 (4 dp) as text, classes levelled to the total."""

    farmland_mu: str
    farmland_ha: str
    class_mu: dict[str, str]
    class_ha: dict[str, str]
    pbf_mu: str
    pbf_ha: str
    pbf_count: int
    target_mu: Optional[str]
    target_ha: Optional[str]
    completion: Optional[str]
    target_met: Optional[bool]


def statistics_figures(stats: VillageStatistics) -> StatisticsFigures:
    classes = [c for c, _ in FARMLAND_CLASSES]
    class_cents = [stats.class_cents[c] for c in classes]
    total = stats.farmland_cents
    mu_total = mu_hundredths(total)
    ha_total = ha_ten_thousandths(total)
    mu_parts = level_cents([mu_hundredths(c) for c in class_cents], mu_total) if total else [0, 0, 0]
    ha_parts = level_cents([ha_ten_thousandths(c) for c in class_cents], ha_total) if total else [0, 0, 0]
    completion = stats.completion()
    completion_text = None
    if completion is not None:
        completion_text = _fixed(int(to_cents(completion)), 2)
    target = stats.target_cents
    return StatisticsFigures(
        farmland_mu=_fixed(mu_total, 2),
        farmland_ha=_fixed(ha_total, 4),
        class_mu={c: _fixed(int(v), 2) for c, v in zip(classes, mu_parts)},
        class_ha={c: _fixed(int(v), 4) for c, v in zip(classes, ha_parts)},
        pbf_mu=_fixed(mu_hundredths(stats.pbf_cents), 2),
        pbf_ha=_fixed(ha_ten_thousandths(stats.pbf_cents), 4),
        pbf_count=stats.pbf_count,
        target_mu=None if target is None else _fixed(mu_hundredths(target), 2),
        target_ha=None if target is None else _fixed(ha_ten_thousandths(target), 4),
        completion=completion_text,
        target_met=stats.target_met(),
    )


def statistics_rows(figures: StatisticsFigures, with_target: bool) -> list[tuple[str, str, str]]:
    """Rows of the 统计表 under STATS_HEADER."""
    rows = [("耕地总面积", figures.farmland_mu, figures.farmland_ha)]
    for i, (code, name) in enumerate(FARMLAND_CLASSES):
        rows.append(
            (("其中：" if i == 0 else "　　　") + name, figures.class_mu[code], figures.class_ha[code])
        )
    rows.append(("永久基本农田", figures.pbf_mu, figures.pbf_ha))
    rows.append(("永久基本农田图斑（个）", str(figures.pbf_count), ""))
    if with_target:
        rows.append(("耕地保有量目标", figures.target_mu or "—", figures.target_ha or "—"))
        if figures.completion is None:
            rows.append(("目标完成率", "—", ""))
        else:
            rows.append(("目标完成率", figures.completion + "%", "达标" if figures.target_met else "未达标"))
    return rows


# -------------------------------------------------------------------------------------------- roster


@dataclass(frozen=True)
class RosterEntry:
    """One 田长/网格员 line: the unit it serves (significant code), level 1 县 … 4 网格."""

    unit_code: str
    level: int
    name: str
    position: str = ""
    phone: str = ""
    unit_name: str = ""

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


def parse_level(value: object, unit_code: str = "") -> Optional[int]:
    """Level 1–4 from a JB value ('县', '乡级', '村级田长', '网格员', '2' …), else from the unit code."""
    text = "" if value is None else str(value).strip()
    if text:
        for level, words in _LEVEL_WORDS:
            if any(word in text for word in words):
                return level
    if unit_code:
        return _LEVEL_OF_CODE.get(admin_codes.level_of(unit_code))
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def roster_entries(rows: Iterable[Mapping[str, object]]) -> tuple[list[RosterEntry], list[int]]:
    """Parse roster rows with keys code, level, name, position, phone, unit_name (unit_name optional).

    Returns the entries and the indexes of the rows that were skipped (no valid code, no name or no
    level)."""
    entries: list[RosterEntry] = []
    skipped: list[int] = []
    for i, row in enumerate(rows):
        code = admin_codes.try_normalise(_text(row.get("code")))
        name = _text(row.get("name"))
        if code is None or not name:
            skipped.append(i)
            continue
        unit = admin_codes.significant(code)
        level = parse_level(row.get("level"), unit)
        if level is None:
            skipped.append(i)
            continue
        entries.append(
            RosterEntry(
                unit,
                level,
                name,
                _text(row.get("position")),
                _text(row.get("phone")),
                _text(row.get("unit_name")),
            )
        )
    return entries, skipped


def roster_for_village(entries: Sequence[RosterEntry], village_code: str) -> list[RosterEntry]:
    """The entries serving the village: its county, township, village and 网格 units (by code prefix),
    ordered 县 → 乡 → 村 → 网格, input order within a level."""
    code = admin_codes.village(village_code)
    chosen = [e for e in entries if code.startswith(e.unit_code)]
    return sorted(chosen, key=lambda e: e.level)


def roster_rows(entries: Sequence[RosterEntry], max_rows: int) -> tuple[list[tuple[str, str, str, str]], int]:
    """Rows under ROSTER_HEADER, at most ``max_rows`` (the last one says how many more there are);
    returns (rows, number of entries left out)."""
    rows = [(e.level_label, e.name, e.position, e.phone) for e in entries]
    if max_rows <= 0:
        return [], len(rows)
    if len(rows) <= max_rows:
        return rows, 0
    kept = rows[: max_rows - 1]
    left = len(rows) - len(kept)
    return [*kept, ("…", "另有{}人".format(left), "详见田长名录", "")], left


#: roster table columns (role → candidate field names, first match wins, case-insensitive)
ROSTER_FIELDS: dict[str, tuple[str, ...]] = {
    "code": (
        "CJDM",
        "DWDM",
        "XZQDM",
        "ZLDWDM",
        "QSDWDM",
        "单位代码",
        "村代码",
        "行政区代码",
        "CODE",
        "UNIT_CODE",
    ),
    "level": ("JB", "TZJB", "级别", "层级", "LEVEL"),
    "name": ("XM", "TZXM", "姓名", "NAME"),
    "position": ("ZW", "职务", "POSITION", "TITLE"),
    "phone": ("DH", "LXDH", "电话", "联系电话", "PHONE", "TEL"),
    "unit_name": ("DWMC", "单位名称", "XZQMC", "UNIT_NAME"),
}
#: targets table columns: the unit code, the 耕地保有量 target in 亩 and, where a table keeps several
#: years, the year (TARGET_GD_MU: farmland:allocatetargets; unit_code/farmland_mu/year: the targets
#: dock's GeoPackage or PostGIS table fg_targets)
TARGET_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("ZLDWDM", "XZQDM", "CJDM", "DWDM", "单位代码", "行政区代码", "村代码", "CODE", "UNIT_CODE"),
    "target": (
        "GDBYLMB",
        "MBGDBYL",
        "GDBYL",
        "耕地保有量目标",
        "目标耕地保有量",
        "耕地保有量",
        "TARGET_GD_MU",
        "TARGET_FARMLAND_MU",
        "TARGET_FARMLAND",
        "TARGET_GDBYL",
        "FARMLAND_MU",
    ),
    "year": ("YEAR", "ND", "NF", "年度", "年份"),
}


def match_fields(
    field_names: Sequence[str], candidates: Mapping[str, Sequence[str]]
) -> dict[str, Optional[str]]:
    """Role → the first field of ``field_names`` matching one of its candidates (case-insensitive)."""
    folded = {name.casefold(): name for name in reversed(list(field_names))}
    return {
        role: next((folded[c.casefold()] for c in names if c.casefold() in folded), None)
        for role, names in candidates.items()
    }


def latest_year(years: Sequence[object]) -> tuple[Optional[int], list[int]]:
    """(the latest year, indexes of the rows of that year) of a targets table's year column; rows
    without a readable year belong to no year. (None, every row) when no row has one."""
    parsed = []
    for value in years:
        try:
            parsed.append(int(str(value).strip()[:4]) if value is not None else None)
        except ValueError:
            parsed.append(None)
    known = [y for y in parsed if y is not None]
    if not known:
        return None, list(range(len(parsed)))
    year = max(known)
    return year, [i for i, y in enumerate(parsed) if y == year]


def targets_by_village(rows: Iterable[tuple[object, object]]) -> tuple[dict[str, int], list[int]]:
    """(code, 亩) rows → village code → target cents (summed per village); indexes of unusable rows.

    Codes of 12 or 19 digits name a village; shorter codes (county, township totals) are skipped."""
    targets: dict[str, int] = {}
    skipped: list[int] = []
    for i, (code, value) in enumerate(rows):
        text = admin_codes.try_normalise(_text(code))
        cents = mu_from_target(value)
        if text is None or len(text) < 12 or cents is None:
            skipped.append(i)
            continue
        village = text[:12]
        targets[village] = targets.get(village, 0) + cents
    return targets, skipped


def unit_names(entries: Iterable[RosterEntry]) -> dict[str, str]:
    """Unit code → unit name from roster lines that carry one (e.g. DWMC 示范县, 柳河镇)."""
    names: dict[str, str] = {}
    for entry in entries:
        if entry.unit_name and entry.unit_code not in names:
            names[entry.unit_code] = entry.unit_name
    return names


# ------------------------------------------------------------------------------------- titles, notes


def place_names(village_code: str, names: Mapping[str, str]) -> tuple[str, str]:
    """(county name, township name) of a village from a code → name map ('' when unknown).

    Keys may be 6/9-digit codes or the same codes padded with zeros to 12 digits."""
    code = admin_codes.village(village_code)
    county = names.get(code[:6]) or names.get(code[:6] + "000000") or ""
    township = names.get(code[:9]) or names.get(code[:9] + "000") or ""
    return county, township


def title_text(county: str, township: str, village: str) -> str:
    """ "{县}{乡镇}{村}耕地保护现状图"."""
    return "{}{}{}耕地保护现状图".format(county or "", township or "", village or "")


def subtitle_text(code: str, scale: int) -> str:
    """The line under the title: village code, scale, and what the sheet is for."""
    return "村代码：{}　　比例尺 1:{}　　（田长制公示图）".format(code, int(scale))


def crs_note(epsg: Optional[int], description: str = "") -> str:
    """The coordinate-system line, e.g. '2000国家大地坐标系　高斯-克吕格投影　3°带　中央经线114°'."""
    grid = grid_for_epsg(epsg) if epsg else None
    if isinstance(grid, GaussKruger):
        band = "{}°带".format(grid.zone_width)
        if grid.prefixed and grid.zone:
            band += "（第{}带）".format(grid.zone)
        return "2000国家大地坐标系　高斯-克吕格投影　{}　中央经线{:g}°".format(band, grid.central_meridian)
    if isinstance(grid, Geographic):
        return "2000国家大地坐标系　地理坐标（经纬度）"
    return "坐标系：{}".format(description or ("EPSG:{}".format(epsg) if epsg else "未定义"))


def data_source_note(year: Optional[int]) -> str:
    if year:
        return "数据来源：{}年度国土变更调查".format(year)
    return "数据来源：国土变更调查"


def credits_note(organisation: str, year: int, month: int) -> str:
    return "制图单位：{}　　制图日期：{}年{}月".format(organisation or "—", year, month)


def report_phone_note() -> str:
    return "违法占用耕地举报电话：{}".format(REPORT_PHONE)


def mapping_unit(county: str) -> str:
    """Default 制图单位: the county's 自然资源局."""
    return "{}自然资源局".format(county) if county else ""


def gk3_epsg_for_longitude(longitude: float) -> int:
    """CGCS2000 3° Gauss–Krüger CRS without zone prefix (EPSG:4534–4554) whose CM is nearest."""
    central = round(longitude / 3.0) * 3
    central = min(max(central, 75), 135)
    return 4534 + (central - 75) // 3


# ------------------------------------------------------------------------------------------- pages


@dataclass
class VillagePage:
    """Everything one page prints, ready for the layout (no QGIS types)."""

    names: VillageNames
    stem: str
    title: str
    scale: int
    center: tuple[float, float]
    stats_rows: list[tuple[str, str, str]]
    roster_rows: list[tuple[str, str, str, str]]
    notes: dict[str, str]
    figures: StatisticsFigures
    roster_count: int
    issues: list[tuple[str, object]] = field(default_factory=list)


def page_notice(issues: Sequence[tuple[str, object]]) -> str:
    """Short Chinese remarks printed on the page for the reader (empty when there are none)."""
    words = []
    for kind, value in issues:
        if kind == NO_FARMLAND:
            words.append("本村无耕地图斑")
        elif kind == NO_ROSTER:
            words.append("本村田长信息未登记")
        elif kind == MULTIPART:
            words.append("本村由{}块不相连的区域组成（含飞地）".format(value))
    return "；".join(words)


def build_page(
    names: VillageNames,
    stem: str,
    scale: int,
    center: tuple[float, float],
    stats: VillageStatistics,
    roster: Sequence[RosterEntry],
    notes: Mapping[str, str],
    with_target: bool,
    roster_max_rows: int,
    parts: int = 1,
) -> VillagePage:
    """Assemble a page and the issues worth telling the user about."""
    issues: list[tuple[str, object]] = []
    if stats.farmland_pieces == 0 or stats.farmland_cents == 0:
        issues.append((NO_FARMLAND, names.code))
    if not any(entry.level >= 3 for entry in roster):  # county/township 田长 alone do not count
        issues.append((NO_ROSTER, names.code))
    if parts > 1:
        issues.append((MULTIPART, parts))
    if with_target and stats.target_cents is None:
        issues.append((NO_TARGET, names.code))
    elif with_target and stats.target_met() is False:
        issues.append((TARGET_NOT_MET, names.code))
    figures = statistics_figures(stats)
    rows, left_out = roster_rows(roster, roster_max_rows)
    rows = rows or [EMPTY_ROSTER_ROW]
    if left_out:
        issues.append((ROSTER_TRUNCATED, left_out))
    page_notes = dict(notes)
    page_notes["notice"] = page_notice(issues)
    page_notes.setdefault("subtitle", subtitle_text(names.code, scale))
    return VillagePage(
        names=names,
        stem=stem,
        title=title_text(names.county, names.township, names.name),
        scale=int(scale),
        center=center,
        stats_rows=statistics_rows(figures, with_target),
        roster_rows=rows,
        notes=page_notes,
        figures=figures,
        roster_count=len(roster),
        issues=issues,
    )


# ------------------------------------------------------------------------------------------- index

INDEX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "int"),
    ("村代码", "str"),
    ("村名", "str"),
    ("乡镇", "str"),
    ("县", "str"),
    ("文件", "str"),
    ("比例尺", "str"),
    ("耕地面积（亩）", "real"),
    ("耕地面积（公顷）", "real"),
    ("水田（亩）", "real"),
    ("水浇地（亩）", "real"),
    ("旱地（亩）", "real"),
    ("永久基本农田面积（亩）", "real"),
    ("永久基本农田面积（公顷）", "real"),
    ("永久基本农田图斑数", "int"),
    ("耕地保有量目标（亩）", "real"),
    ("目标完成率（%）", "real"),
    ("田长人数", "int"),
    ("状态", "str"),
    ("说明", "str"),
)


def index_row(
    number: Optional[int],
    page: Optional[VillagePage],
    names: VillageNames,
    files: Sequence[str],
    ok: bool,
    remark: str,
) -> list[object]:
    """One index line in INDEX_COLUMNS order (statistics empty for a village that failed early)."""
    f = page.figures if page is not None else None

    def num(text: Optional[str]) -> Optional[float]:
        return None if text is None else float(text)

    return [
        number,
        names.code,
        names.name,
        names.township,
        names.county,
        "; ".join(files),
        "1:{}".format(page.scale) if page is not None else "",
        num(f.farmland_mu) if f else None,
        num(f.farmland_ha) if f else None,
        num(f.class_mu["0101"]) if f else None,
        num(f.class_mu["0102"]) if f else None,
        num(f.class_mu["0103"]) if f else None,
        num(f.pbf_mu) if f else None,
        num(f.pbf_ha) if f else None,
        f.pbf_count if f else None,
        num(f.target_mu) if f else None,
        num(f.completion) if f else None,
        page.roster_count if page is not None else None,
        "成功" if ok else "失败",
        remark,
    ]
