"""Write layers to a GeoPackage (schema by OGR, rows by sqlite3 for speed) and GBK shapefiles."""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import gdal, ogr, osr

gdal.UseExceptions()


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # str | int | real | date
    width: int = 0
    precision: int = 0


@dataclass
class Layer:
    """Rows of one layer; ``geometries`` holds (WKB, bbox) or None per row, or is None for a table."""

    name: str
    title: str
    description: str
    fields: list[Field]
    rows: list[tuple] = field(default_factory=list)
    geometries: list | None = None


_OGR_TYPES = {"str": ogr.OFTString, "int": ogr.OFTInteger, "real": ogr.OFTReal, "date": ogr.OFTDate}


def gpkg_blob(wkb: bytes, bbox: tuple[float, float, float, float] | None, srs_id: int) -> bytes:
    """GeoPackage geometry blob: header (little-endian, xy envelope) + WKB; empty flag if no bbox."""
    if bbox is None:
        return b"GP\x00" + bytes([0x01 | 0x10]) + struct.pack("<i", srs_id) + wkb
    return b"GP\x00\x03" + struct.pack("<i4d", srs_id, *bbox) + wkb


def write_gpkg(path: Path, epsg: int, layers: list[Layer]) -> None:
    path = Path(path)
    if path.exists():
        path.unlink()
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    for layer in layers:
        spatial = layer.geometries is not None
        options = [
            "IDENTIFIER=" + layer.title,
            "DESCRIPTION=" + layer.description,
            "SPATIAL_INDEX=NO",
            "FID=fid",
        ]
        if spatial:
            options.append("GEOMETRY_NAME=geom")
        lyr = ds.CreateLayer(
            layer.name,
            srs if spatial else None,
            ogr.wkbMultiPolygon if spatial else ogr.wkbNone,
            options=options,
        )
        for f in layer.fields:
            defn = ogr.FieldDefn(f.name, _OGR_TYPES[f.kind])
            if f.width:
                defn.SetWidth(f.width)
            if f.precision:
                defn.SetPrecision(f.precision)
            lyr.CreateField(defn)
    ds = None
    con = sqlite3.connect(str(path))
    try:
        srs_id = dict(con.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns").fetchall())
        for layer in layers:
            names = [f.name for f in layer.fields]
            if layer.geometries is not None:
                sid = srs_id[layer.name]
                cols = ["geom", *names]
                rows = (
                    (None if g is None else gpkg_blob(g[0], g[1], sid), *row)
                    for g, row in zip(layer.geometries, layer.rows)
                )
            else:
                cols = names
                rows = iter(layer.rows)
            sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
                layer.name, ", ".join('"{}"'.format(c) for c in cols), ", ".join("?" * len(cols))
            )
            con.executemany(sql, rows)
            if layer.geometries is not None:
                boxes = [g[1] for g in layer.geometries if g is not None and g[1] is not None]
                if boxes:
                    con.execute(
                        "UPDATE gpkg_contents SET min_x=?, max_x=?, min_y=?, max_y=? WHERE table_name=?",
                        (
                            min(b[0] for b in boxes),
                            max(b[1] for b in boxes),
                            min(b[2] for b in boxes),
                            max(b[3] for b in boxes),
                            layer.name,
                        ),
                    )
        con.commit()
    finally:
        con.close()
    ds = gdal.OpenEx(str(path), gdal.OF_UPDATE | gdal.OF_VECTOR)
    for layer in layers:
        if layer.geometries is not None:
            result = ds.ExecuteSQL("SELECT CreateSpatialIndex('{}', 'geom')".format(layer.name))
            if result is not None:
                ds.ReleaseResultSet(result)
    ds = None


def write_gbk_shapefiles(gpkg: Path, out_dir: Path, layer_names: list[str]) -> list[Path]:
    """Each layer as a GBK shapefile with a ``.cpg`` (GBK) and as one without ``.cpg`` (LDID 0)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in layer_names:
        for suffix, keep_cpg in (("_gbk", True), ("_gbk_nocpg", False)):
            shp = out_dir / "{}{}.shp".format(name, suffix)
            for old in out_dir.glob("{}{}.*".format(name, suffix)):
                old.unlink()
            gdal.VectorTranslate(
                str(shp),
                str(gpkg),
                format="ESRI Shapefile",
                layers=[name],
                layerCreationOptions=["ENCODING=GBK"],
                layerName=shp.stem,
            )
            cpg = shp.with_suffix(".cpg")
            if not keep_cpg and cpg.exists():
                cpg.unlink()
            _clear_ldid(shp.with_suffix(".dbf"))
            written.append(shp)
    return written


def _clear_ldid(dbf: Path) -> None:
    """Set the DBF language driver id (byte 29) to 0, the case readers cannot guess from."""
    with open(dbf, "r+b") as f:
        f.seek(29)
        f.write(b"\x00")
