"""Read any table QGIS/OGR can open (GeoPackage, CSV, XLSX, a layer) into rows of role → value.

Callers resolve roles to field names first (core/field_roles.resolve_roles or a module's own role
table, e.g. core/balance/fields.resolve_fields); this module only reads. Values are plain Python:
NULL → None, QDate → datetime.date, QDateTime → datetime.datetime, everything else as QGIS gives it.
Rows are numbered by feature id (for XLSX that is the spreadsheet row).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Optional

from qgis.core import QgsFeatureRequest, QgsFeatureSource, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..core.progress import Canceled, NoProgress, Progress

Row = tuple[int, dict[str, object]]


class TableOpenError(OSError):
    """A path that does not open as a table; ``path`` names it."""

    def __init__(self, path: str) -> None:
        super().__init__("cannot open as a table: {}".format(path))
        self.path = path


def open_table(path: str, name: str = "table") -> QgsVectorLayer:
    """A GeoPackage/CSV/XLSX path (``path|layername=…`` accepted) as an OGR layer; TableOpenError if invalid."""
    layer = QgsVectorLayer(path, name, "ogr")
    if not layer.isValid():
        raise TableOpenError(path)
    return layer


def field_names(source: QgsFeatureSource) -> list[str]:
    return [f.name() for f in source.fields()]


def python_value(value: object) -> object:
    """A QGIS attribute as a plain Python value."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        if value.isNull():
            return None
        value = value.value()
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, QTime):
        return value.toString("HH:mm:ss") if value.isValid() else None
    if isinstance(value, datetime.date):
        return value
    return value


def read_rows(
    source: QgsFeatureSource,
    fields_by_role: Mapping[str, Optional[str]],
    progress: Optional[Progress] = None,
) -> list[Row]:
    """(feature id, {role: value}) for every feature; roles without a field are left out of the dict."""
    progress = progress or NoProgress()
    fields = source.fields()
    wanted = {role: fields.lookupField(name) for role, name in fields_by_role.items() if name}
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes(sorted(i for i in wanted.values() if i >= 0))
    total = max(source.featureCount(), 1)
    rows: list[Row] = []
    for n, feature in enumerate(source.getFeatures(request)):
        if n % 1000 == 0:
            if progress.is_canceled():
                raise Canceled()
            progress.report(n / total)
        attributes = feature.attributes()
        rows.append(
            (int(feature.id()), {role: python_value(attributes[i]) for role, i in wanted.items() if i >= 0})
        )
    progress.report(1.0)
    return rows
