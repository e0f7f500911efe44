"""Find a unit's polygons in the township/village layers, zoom the canvas to them and highlight them."""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsHighlight, QgsMapCanvas
from qgis.PyQt.QtGui import QColor

from ..core import admin_codes

MAX_HIGHLIGHTED = 500


class UnitLocator:
    """Looks units up by code prefix in a village layer (and a township layer for townships)."""

    def __init__(self, canvas: Optional[QgsMapCanvas]) -> None:
        self.canvas = canvas
        self.layers: list[tuple[QgsVectorLayer, str]] = []  # (layer, code field)
        self._levels: list[str] = []
        self._highlights: list[QgsHighlight] = []

    def set_layers(self, layers: list[tuple[Optional[QgsVectorLayer], Optional[str]]]) -> None:
        self.layers = [(layer, field) for layer, field in layers if layer is not None and field]
        self._levels = [_layer_level(layer, field) for layer, field in self.layers]

    def geometries(self, code: str) -> tuple[Optional[QgsVectorLayer], list[QgsGeometry]]:
        """The polygons of ``code``: from the layer whose codes are as long as the unit's, else by prefix."""
        level = admin_codes.level_of(code)
        order = sorted(
            range(len(self.layers)),
            key=lambda i: (self._levels[i] != level, self._levels[i] != "township"),
        )
        for layer, field in (self.layers[i] for i in order):
            expression = "left(to_string({}), {}) = {}".format(
                QgsExpression.quotedColumnRef(field), len(code), QgsExpression.quotedString(code)
            )
            request = QgsFeatureRequest().setFilterExpression(expression)
            found = [f.geometry() for f in layer.getFeatures(request) if f.hasGeometry()]
            if found:
                return layer, found
        return None, []

    def show(self, code: str, zoom: bool = True) -> bool:
        """Highlight ``code`` and zoom to it; False when it has no polygon."""
        self.clear()
        if self.canvas is None:
            return False
        layer, geometries = self.geometries(code)
        if layer is None:
            return False
        extent = QgsRectangle()
        extent.setMinimal()
        for geometry in geometries:
            extent.combineExtentWith(geometry.boundingBox())
        if len(geometries) <= MAX_HIGHLIGHTED:
            for geometry in geometries:
                highlight = QgsHighlight(self.canvas, geometry, layer)
                highlight.setColor(QColor(230, 0, 0))
                highlight.setWidth(3)
                highlight.setFillColor(QColor(230, 0, 0, 40))
                highlight.show()
                self._highlights.append(highlight)
        if zoom:
            transform = QgsCoordinateTransform(
                layer.crs(), self.canvas.mapSettings().destinationCrs(), QgsProject.instance()
            )
            target = transform.transformBoundingBox(extent) if layer.crs().isValid() else extent
            target.scale(1.1)
            self.canvas.setExtent(target)
        self.canvas.refresh()
        return True

    def clear(self) -> None:
        for highlight in self._highlights:
            if self.canvas is not None:
                self.canvas.scene().removeItem(highlight)
        self._highlights = []


def _layer_level(layer: QgsVectorLayer, field: str) -> str:
    """The level of the codes in ``field`` (looked at on the first feature with a valid code)."""
    request = QgsFeatureRequest().setLimit(20).setFlags(QgsFeatureRequest.NoGeometry)
    for feature in layer.getFeatures(request):
        code = admin_codes.try_normalise(feature[field])
        if code is not None:
            return "village" if len(code) >= 12 else admin_codes.level_of(code)
    return ""
