"""Red-line files into QGIS geometries: 部标 TXT (GBK or UTF-8), DXF through GDAL, DWG where GDAL can.

Each file becomes an :class:`ImportedFile`: its CRS, its parcels as QGIS multipolygons with their
attributes, and its problems (``core.redline_problems``, untranslated). Nothing is written here;
the algorithm writes only after every file has been read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsMultiPolygon,
    QgsPointXY,
    QgsPolygon,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import gauss_kruger as gk
from ..core import redline_problems as rp
from ..core.progress import Canceled, NoProgress, Progress
from ..core.redline_rings import assemble_polygons
from ..core.redline_txt import CrsOverride, Parcel, decode_redline_bytes, epsg_for_zone, parse_redline_text
from .geometry import CrsProblem, choose_grid

TXT_SUFFIXES = (".txt",)
CAD_SUFFIXES = (".dxf", ".dwg")
SUPPORTED_SUFFIXES = TXT_SUFFIXES + CAD_SUFFIXES

# [属性描述] keys → output field names (pinyin initials, ≤ 10 characters for shapefiles)
HEADER_FIELDS: tuple[tuple[str, str], ...] = (
    ("格式版本号", "GSBBH"),
    ("数据产生单位", "SJSCDW"),
    ("数据产生日期", "SJSCRQ"),
    ("坐标系", "ZBX"),
    ("几度分带", "JDFD"),
    ("投影类型", "TYLX"),
    ("计量单位", "JLDW"),
    ("带号", "DH"),
    ("精度", "JD"),
    ("转换参数", "ZHCS"),
)
# output field name, type, Chinese alias
PARCEL_FIELDS: tuple[tuple[str, QVariant.Type, str], ...] = (
    ("DKBH", QVariant.String, "地块编号"),
    ("DKMC", QVariant.String, "地块名称"),
    ("JZDS", QVariant.Int, "界址点数"),
    ("DKMJ", QVariant.Double, "地块面积（公顷，申报）"),
    ("JSMJ", QVariant.Double, "计算面积（公顷，椭球）"),
    ("MJCZ", QVariant.Double, "面积差（申报−计算，公顷）"),
    ("TXSX", QVariant.String, "图形属性"),
    ("TFH", QVariant.String, "图幅号"),
    ("DKYT", QVariant.String, "地块用途"),
    ("DLBM", QVariant.String, "地类编码"),
    ("KZSX", QVariant.String, "扩展属性"),
    ("SFXF", QVariant.Int, "几何已修复"),
    ("CADTC", QVariant.String, "CAD图层"),
    ("SRCFILE", QVariant.String, "来源文件"),
    ("SRCLINE", QVariant.Int, "来源行号"),
)
DWG_VERSIONS = {
    "AC1012": "R13",
    "AC1014": "R14",
    "AC1015": "2000",
    "AC1018": "2004",
    "AC1021": "2007",
    "AC1024": "2010",
    "AC1027": "2013",
    "AC1032": "2018",
}


def output_fields() -> QgsFields:
    """Fields of the imported polygon layer: parcel fields, then the header fields."""
    fields = QgsFields()
    for name, kind, alias in PARCEL_FIELDS:
        f = QgsField(name, kind)
        f.setAlias(alias)
        fields.append(f)
    for key, name in HEADER_FIELDS:
        f = QgsField(name, QVariant.String)
        f.setAlias(key)
        fields.append(f)
    return fields


@dataclass
class ImportedParcel:
    """One polygon feature read from a file, in the file's CRS."""

    geometry: QgsGeometry
    attributes: dict[str, object]
    label: str
    line: int | None
    declared_ha: float | None


@dataclass
class ImportedFile:
    path: Path
    crs: QgsCoordinateReferenceSystem
    parcels: list[ImportedParcel] = field(default_factory=list)
    problems: list[rp.Problem] = field(default_factory=list)
    encoding: str = ""

    @property
    def failed(self) -> bool:
        return any(p.is_error and p.parcel is None for p in self.problems)


def input_files(values: Iterable[str]) -> tuple[list[Path], list[rp.Problem]]:
    """Files named by the INPUT values: files as given, folders searched (with subfolders)."""
    files: list[Path] = []
    problems: list[rp.Problem] = []
    for value in values:
        path = Path(str(value))
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                problems.append(rp.error(rp.UNSUPPORTED_FILE, suffix=path.suffix).in_source(path.name))
        else:
            problems.append(rp.error(rp.FILE_UNREADABLE, reason="missing").in_source(str(path)))
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in files:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique, problems


def epsg_of(crs: QgsCoordinateReferenceSystem | None) -> int | None:
    if crs is None or not crs.isValid() or not crs.authid().upper().startswith("EPSG:"):
        return None
    code = crs.authid().split(":", 1)[1]
    return int(code) if code.isdigit() else None


def same_zone_shift(
    source: QgsCoordinateReferenceSystem, target: QgsCoordinateReferenceSystem
) -> float | None:
    """The easting shift from ``source`` to ``target`` when both are the same CGCS2000 Gauss–Krüger zone
    (one with the zone prefix, one without, or identical); None when a real transformation is needed.
    Shifting is exact where PROJ would add noise in the last digits."""
    a, b = gk.grid_for_epsg(epsg_of(source) or 0), gk.grid_for_epsg(epsg_of(target) or 0)
    if not (isinstance(a, gk.GaussKruger) and isinstance(b, gk.GaussKruger)):
        return None
    if (a.zone, a.zone_width, a.central_meridian) != (b.zone, b.zone_width, b.central_meridian):
        return None
    return b.false_easting - a.false_easting


def read_redline_file(
    path: Path,
    crs: QgsCoordinateReferenceSystem | None = None,
    cad_layers: Sequence[str] = (),
    progress: Progress | None = None,
) -> ImportedFile:
    """Read one file (by its suffix). ``crs`` overrides the file's own CRS when given."""
    progress = progress or NoProgress()
    if path.suffix.lower() in TXT_SUFFIXES:
        return read_txt(path, crs, progress)
    return read_cad(path, crs, cad_layers, progress)


# --- 部标 TXT -------------------------------------------------------------------------------------


def read_txt(path: Path, crs: QgsCoordinateReferenceSystem | None, progress: Progress) -> ImportedFile:
    name = path.name
    try:
        text, encoding = decode_redline_bytes(path.read_bytes())
    except (OSError, ValueError) as exc:
        problem = rp.error(rp.FILE_UNREADABLE, reason=str(exc)).in_source(name)
        return ImportedFile(path, QgsCoordinateReferenceSystem(), problems=[problem])
    override = CrsOverride(epsg_of(crs)) if crs is not None and crs.isValid() else None
    document = parse_redline_text(text, name, override, progress)
    result = ImportedFile(
        path, QgsCoordinateReferenceSystem(), problems=list(document.problems), encoding=encoding
    )
    if document.failed:
        return result
    if override is not None:
        result.crs = crs
    elif document.epsg is not None:
        result.crs = QgsCoordinateReferenceSystem("EPSG:{}".format(document.epsg))
    header_values = {field_name: document.header.get(key, "") for key, field_name in HEADER_FIELDS}
    for parcel in document.parcels:
        if progress.is_canceled():
            raise Canceled()
        geometry = polygons_geometry(parcel.polygons)
        geometry, repaired, reason = valid_geometry(geometry, parcel.self_intersecting)
        if geometry.isEmpty():
            result.problems.append(
                rp.error(rp.EMPTY_GEOMETRY, parcel.line, parcel.label, reason=reason).in_source(name)
            )
            continue
        if repaired and not parcel.self_intersecting:
            result.problems.append(
                rp.warning(rp.INVALID_GEOMETRY, parcel.line, parcel.label, reason=reason).in_source(name)
            )
        attributes = _parcel_attributes(parcel)
        attributes.update(header_values)
        attributes.update(SFXF=int(repaired), SRCFILE=name, SRCLINE=parcel.line)
        result.parcels.append(
            ImportedParcel(geometry, attributes, parcel.label, parcel.line, parcel.attributes.area_ha)
        )
    return result


def _parcel_attributes(parcel: Parcel) -> dict[str, object]:
    a = parcel.attributes
    point_count = a.point_count
    if point_count is None:
        point_count = sum(len(ring) for polygon in parcel.polygons for ring in polygon)
    return {
        "DKBH": a.number,
        "DKMC": a.name,
        "JZDS": point_count,
        "DKMJ": a.area_ha,
        "TXSX": a.kind,
        "TFH": a.sheet,
        "DKYT": a.use,
        "DLBM": a.land_code,
        "KZSX": ",".join(a.extra) if a.extra else None,
    }


# --- geometry ----------------------------------------------------------------------------------


def polygons_geometry(polygons: Sequence[Sequence[Sequence[tuple[float, float]]]]) -> QgsGeometry:
    """A multipolygon of (outer, *holes) rings of (x, y) points."""
    multi = QgsMultiPolygon()
    for rings in polygons:
        polygon = QgsPolygon()
        for k, ring in enumerate(rings):
            line = QgsLineString([x for x, _ in ring], [y for _, y in ring])
            if k == 0:
                polygon.setExteriorRing(line)
            else:
                polygon.addInteriorRing(line)
        multi.addGeometry(polygon)
    return QgsGeometry(multi)


def valid_geometry(geometry: QgsGeometry, known_invalid: bool = False) -> tuple[QgsGeometry, bool, str]:
    """The geometry, GEOS-valid: (geometry, repaired?, GEOS's reason when it was not valid)."""
    if not known_invalid and geometry.isGeosValid():
        return geometry, False, ""
    reason = _validity_reason(geometry)
    repaired = geometry.makeValid()
    polygonal = _polygonal_part(repaired)
    return polygonal, True, reason


def _validity_reason(geometry: QgsGeometry) -> str:
    errors = geometry.validateGeometry(QgsGeometry.ValidatorGeos)
    return errors[0].what() if errors else ""


def _polygonal_part(geometry: QgsGeometry) -> QgsGeometry:
    """Only the polygons of a repaired geometry (makeValid may add lines or points), as multi."""
    if geometry.isNull() or geometry.isEmpty():
        return geometry
    parts = [
        QgsGeometry(part.clone())
        for part in geometry.constParts()
        if QgsWkbTypes.geometryType(part.wkbType()) == QgsWkbTypes.PolygonGeometry
    ]
    if not parts:
        return QgsGeometry()
    collected = QgsGeometry.collectGeometry(parts)
    collected.convertToMultiType()
    return collected


# --- CAD ---------------------------------------------------------------------------------------


def dwg_version(path: Path) -> str:
    """The AutoCAD release of a DWG file from its first six bytes ('2000', '2018', … or the code)."""
    try:
        with path.open("rb") as stream:
            code = stream.read(6).decode("ascii", "replace")
    except OSError:
        return ""
    return DWG_VERSIONS.get(code, code)


def read_cad(
    path: Path,
    crs: QgsCoordinateReferenceSystem | None,
    cad_layers: Sequence[str],
    progress: Progress,
) -> ImportedFile:
    """Closed polylines (and hatches) on the chosen CAD layers → polygons; nested rings → holes."""
    name = path.name
    result = ImportedFile(path, QgsCoordinateReferenceSystem())
    dataset = _open_cad(path)
    if dataset is None:
        if path.suffix.lower() == ".dwg":
            result.problems.append(rp.error(rp.DWG_UNREADABLE, version=dwg_version(path)).in_source(name))
        else:
            result.problems.append(
                rp.error(rp.FILE_UNREADABLE, reason=gdal.GetLastErrorMsg()).in_source(name)
            )
        return result
    wanted = {layer.strip().lower() for layer in cad_layers if layer.strip()}
    rings_by_layer: dict[str, list[tuple[tuple[tuple[float, float], ...], str]]] = {}
    for layer_index in range(dataset.GetLayerCount()):
        ogr_layer = dataset.GetLayer(layer_index)
        has_layer_field = ogr_layer.GetLayerDefn().GetFieldIndex("Layer") >= 0
        has_handle = ogr_layer.GetLayerDefn().GetFieldIndex("EntityHandle") >= 0
        for feature in ogr_layer:
            if progress.is_canceled():
                raise Canceled()
            cad_layer = feature.GetField("Layer") if has_layer_field else ogr_layer.GetName()
            cad_layer = cad_layer or ""
            if wanted and cad_layer.lower() not in wanted:
                continue
            handle = (feature.GetField("EntityHandle") if has_handle else None) or str(feature.GetFID())
            for ring in _closed_rings(feature.GetGeometryRef()):
                rings_by_layer.setdefault(cad_layer, []).append((ring, handle))
    dataset = None
    all_x = [x for rings in rings_by_layer.values() for ring, _ in rings for x, _ in ring]
    if not all_x:
        layers = ", ".join(sorted(cad_layers)) if cad_layers else "*"
        result.problems.append(rp.error(rp.CAD_NO_POLYGONS, layers=layers).in_source(name))
        return result
    override = gk.grid_for_epsg(epsg_of(crs) or 0) if crs is not None and crs.isValid() else None
    if isinstance(override, gk.GaussKruger) and gk.check_eastings(override, np.asarray(all_x)) is not None:
        fits = gk.suggest_epsg(override, np.asarray(all_x)) or 0
        result.problems.append(rp.error(rp.OVERRIDE_MISMATCH, crs=crs.authid(), fits=fits).in_source(name))
        return result
    if crs is not None and crs.isValid():
        result.crs = crs
    else:
        grid = gk.grid_from_eastings(np.asarray(all_x))
        if grid is None or grid.epsg is None:
            result.problems.append(rp.error(rp.CRS_UNKNOWN).in_source(name))
            return result
        result.problems.append(
            rp.warning(rp.ZONE_FROM_EASTINGS, zone=grid.zone, epsg=grid.epsg).in_source(name)
        )
        result.crs = QgsCoordinateReferenceSystem("EPSG:{}".format(grid.epsg))
    number = 0
    for cad_layer in sorted(rings_by_layer):
        entries = rings_by_layer[cad_layer]
        rings = [ring for ring, _ in entries]
        for group in assemble_polygons(rings):
            number += 1
            label = entries[group[0]][1]
            geometry = polygons_geometry([[rings[k] for k in group]])
            geometry, repaired, reason = valid_geometry(geometry)
            if geometry.isEmpty():
                result.problems.append(
                    rp.error(rp.EMPTY_GEOMETRY, None, label, reason=reason).in_source(name)
                )
                continue
            if repaired:
                result.problems.append(
                    rp.warning(rp.INVALID_GEOMETRY, None, label, reason=reason).in_source(name)
                )
            attributes: dict[str, object] = {
                "DKBH": str(number),
                "DKMC": "",
                "JZDS": sum(len(rings[k]) for k in group),
                "TXSX": "面",
                "SFXF": int(repaired),
                "CADTC": cad_layer,
                "SRCFILE": name,
            }
            result.parcels.append(ImportedParcel(geometry, attributes, label, None, None))
    return result


def _open_cad(path: Path):
    drivers = ["DXF"] if path.suffix.lower() == ".dxf" else ["CAD"]
    gdal.ErrorReset()
    try:
        return gdal.OpenEx(str(path), gdal.OF_VECTOR, allowed_drivers=drivers)
    except RuntimeError:  # when some other code switched GDAL exceptions on
        return None


def _closed_rings(geometry) -> list[tuple[tuple[float, float], ...]]:
    """Closed rings of an OGR geometry: closed line strings and polygon rings, in 2D."""
    if geometry is None:
        return []
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbGeometryCollection, ogr.wkbMultiLineString):
        rings: list[tuple[tuple[float, float], ...]] = []
        for k in range(geometry.GetGeometryCount()):
            rings.extend(_closed_rings(geometry.GetGeometryRef(k)))
        return rings
    if flat in (ogr.wkbLineString, ogr.wkbLinearRing):
        points = tuple((geometry.GetX(k), geometry.GetY(k)) for k in range(geometry.GetPointCount()))
        if len(points) >= 4 and points[0] == points[-1] and len(set(points)) >= 3:
            return [points]
        return []
    if flat in (ogr.wkbCircularString, ogr.wkbCompoundCurve, ogr.wkbCurvePolygon, ogr.wkbMultiSurface):
        return _closed_rings(geometry.GetLinearGeometry())
    return []


# --- export --------------------------------------------------------------------------------------


@dataclass
class ExportTarget:
    """Where exported coordinates go: a CGCS2000 Gauss–Krüger grid, reached by a transform and/or a
    shift of the eastings (adding or removing the zone prefix)."""

    grid: gk.GaussKruger
    epsg: int
    transform: QgsCoordinateTransform | None = None
    shift: float = 0.0

    def apply(self, geometry: QgsGeometry) -> QgsGeometry:
        result = QgsGeometry(geometry)
        if self.transform is not None:
            result.transform(self.transform)
        if self.shift:
            result.translate(self.shift, 0.0)
        return result


def export_target(
    crs: QgsCoordinateReferenceSystem,
    sample_x: np.ndarray,
    centre: QgsPointXY,
    prefixed: bool,
    transform_context: QgsCoordinateTransformContext,
) -> ExportTarget:
    """The grid a layer is written in: its own Gauss–Krüger zone (with or without prefix as asked);
    for other CRSs the 3° zone of ``centre`` (a point in ``crs``). Raises CrsProblem when the layer's
    CRS and its eastings disagree."""
    choice = choose_grid(crs, sample_x, transform_context)
    if isinstance(choice.grid, gk.GaussKruger) and choice.grid.zone is not None:
        source = choice.grid
        epsg = epsg_for_zone(source.zone, source.zone_width, prefixed)
        target = gk.grid_for_epsg(epsg or 0)
        if isinstance(target, gk.GaussKruger) and epsg is not None:
            return ExportTarget(target, epsg, None, target.false_easting - source.false_easting)
    geographic = QgsCoordinateReferenceSystem("EPSG:4490")
    to_geographic = QgsCoordinateTransform(crs, geographic, transform_context)
    longitude = to_geographic.transform(centre).x()
    zone = int((longitude + 1.5) // 3)
    epsg = epsg_for_zone(zone, 3, prefixed)
    target = gk.grid_for_epsg(epsg or 0)
    if epsg is None or not isinstance(target, gk.GaussKruger):
        raise CrsProblem("outside-china", crs.authid(), None)
    transform = QgsCoordinateTransform(
        crs, QgsCoordinateReferenceSystem("EPSG:{}".format(epsg)), transform_context
    )
    return ExportTarget(target, epsg, transform, 0.0)


def geometry_polygons(geometry: QgsGeometry) -> list[list[list[tuple[float, float]]]]:
    """[part][ring][point] = (x, y) of a (multi)polygon; curves are segmentized first."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return []
    g = QgsGeometry(geometry)
    if QgsWkbTypes.isCurvedType(g.wkbType()):
        g = QgsGeometry(g.constGet().segmentize())
    if QgsWkbTypes.geometryType(g.wkbType()) != QgsWkbTypes.PolygonGeometry:
        return []
    g.convertToMultiType()
    return [[[(p.x(), p.y()) for p in ring] for ring in polygon] for polygon in g.asMultiPolygon()]


def write_files_atomically(folder: Path, contents: dict[str, bytes]) -> list[Path]:
    """Write every file, or none: all go to temporary names first, then are renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in contents.items():
            temporary = folder / ".{}.part".format(name)
            temporary.write_bytes(data)
            staged.append((temporary, folder / name))
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, final in staged:
        os.replace(temporary, final)
    return [final for _, final in staged]
