"""Attributes of the features that gave overlay pieces, read after the cutting: from a GeoPackage in one
columnar read (GDAL's Arrow stream), else with one QGIS request per layer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Optional

import numpy as np
from osgeo import ogr
from qgis.core import QgsFeatureRequest, QgsFeatureSource, QgsProviderRegistry

from ..core.overlay.records import GAP, UDB_OUT
from .geometry import features
from .values import plain_value, text_of

if TYPE_CHECKING:
    from .overlay import GeometryIssue, OverlayLayer, _Run


def fill_attributes(table, layers: Sequence[OverlayLayer], fids_by_layer: dict, run: _Run) -> None:
    """Read the attributes of the features that gave pieces (one request per layer) into the table."""
    rows_by_layer: dict[str, list[int]] = {}
    for i, (category, layer) in enumerate(zip(table.category, table.layer)):
        if category not in (GAP, UDB_OUT):
            rows_by_layer.setdefault(layer, []).append(i)
    issues_by_layer: dict[str, list[GeometryIssue]] = {}
    for issue in run.issues:
        issues_by_layer.setdefault(issue.layer, []).append(issue)
    for li, layer in enumerate(layers):
        run.check_cancel()
        columns = [(column, name) for column, name in layer.fields.items() if name]
        fids = fids_by_layer.get(li, set())
        if not columns or not fids:
            continue
        names = [name for _, name in columns]
        records = _read_attributes_ogr(layer.ogr_uri, fids, names) if layer.ogr_uri else None
        if records is None:
            records = _read_attributes(layer.source, sorted(fids), names)
        rows = rows_by_layer.get(layer.name, [])
        blank = (None,) * len(columns)
        by_column = list(zip(*[records.get(table.src_fid[i], blank) for i in rows])) if rows else []
        for position, (column, _) in enumerate(columns):
            if not rows:
                break
            values = by_column[position]
            if column in ("kcxs", "gddb"):
                target = table.kcxs if column == "kcxs" else table.gddb
                target[np.asarray(rows, dtype=np.int64)] = [_number(v) for v in values]
                continue
            text = table.text[column]
            cache: dict = {}
            for i, value in zip(rows, values):
                if isinstance(value, str):
                    converted = cache.get(value)
                    if converted is None:
                        converted = cache[value] = value.strip()
                else:
                    converted = text_of(value)
                text[i] = converted
        id_position = next((p for p, (column, _) in enumerate(columns) if column == "src_id"), None)
        for issue in issues_by_layer.get(layer.name, []):
            if id_position is not None and issue.fid in records:
                issue.feature_id = text_of(records[issue.fid][id_position])


def _read_attributes(source: QgsFeatureSource, fids: list[int], names: list[str]) -> dict:
    """fid → tuple of raw values of ``names`` for ``fids`` (one request, no geometry)."""
    all_fields = source.fields()
    indices = [all_fields.lookupField(name) for name in names]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(sorted({i for i in indices if i >= 0}))
    count = source.featureCount()
    if count < 0 or len(fids) * 5 < count:
        request.setFilterFids(fids)
    wanted = set(fids)
    records: dict = {}
    for feature in features(source, request):
        fid = feature.id()
        if fid in wanted:
            attributes = feature.attributes()
            records[fid] = tuple(attributes[i] if i >= 0 else None for i in indices)
    return records


def _read_attributes_ogr(uri: str, fids: set, names: list[str]) -> Optional[dict]:
    """Like :func:`_read_attributes`, through GDAL's Arrow stream (GeoPackage only, GDAL ≥ 3.6): one
    columnar read instead of a QgsFeature per row. None when the source does not qualify."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", uri)
    path, layer_name = parts.get("path", ""), parts.get("layerName", "")
    if not path.lower().endswith(".gpkg") or not layer_name:
        return None
    dataset = ogr.Open(path)
    layer = dataset.GetLayerByName(layer_name) if dataset is not None else None
    if layer is None or not hasattr(layer, "GetArrowStreamAsNumPy"):
        return None
    schema = [
        layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())
    ]
    if any(name not in schema for name in names):
        return None
    layer.SetIgnoredFields([name for name in schema if name not in names] + ["OGR_GEOMETRY"])
    wanted = np.fromiter(fids, dtype=np.int64, count=len(fids))
    records: dict = {}
    for batch in layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]):
        fid_column = batch.get(layer.GetFIDColumn() or "OGC_FID", batch.get("fid"))
        if fid_column is None:
            return None
        keep = np.flatnonzero(np.isin(np.asarray(fid_column), wanted))
        if keep.size == 0:
            continue
        columns = [_arrow_values(batch[name], keep) for name in names]
        for fid, values in zip(np.asarray(fid_column)[keep].tolist(), zip(*columns)):
            records[fid] = values
    return records


def _arrow_values(column, rows: np.ndarray) -> list:
    """Python values of ``column[rows]``: text decoded from UTF-8, masked (NULL) entries None."""
    values = column[rows]
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else np.zeros(len(rows), dtype=bool)
    data = np.ma.getdata(values)
    if data.dtype.kind == "S":
        cache: dict = {}
        out = []
        for raw in data.tolist():
            text = cache.get(raw)
            if text is None:
                text = cache[raw] = raw.decode("utf-8", "replace")
            out.append(text)
    elif data.dtype.kind == "O":
        out = [v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in data.tolist()]
    else:
        out = data.tolist()
    return [None if masked else value for value, masked in zip(out, mask.tolist())]


def _number(value) -> float:
    value = plain_value(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
