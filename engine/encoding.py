"""Reading Chinese shapefiles right: detect GBK without ``.cpg`` and tell the provider, never mojibake."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProviderRegistry, QgsVectorLayer

from ..core.dbf_encoding import EncodingGuess, detect_shapefile_encoding


def shapefile_path(layer: QgsVectorLayer) -> Path | None:
    """The .shp behind an OGR layer, or None for any other source."""
    if layer is None or layer.providerType() != "ogr":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = Path(parts.get("path") or "")
    return path if path.suffix.lower() == ".shp" and path.is_file() else None


def repair_shapefile_encoding(layer: QgsVectorLayer) -> EncodingGuess | None:
    """Set the provider encoding of a shapefile layer that QGIS would read wrongly.

    Returns the guess when the encoding was changed (say so to the user), else None.  Only layers
    without a trustworthy ``.cpg``/LDID are touched: overriding a correct ``.cpg`` breaks them.
    """
    path = shapefile_path(layer)
    if path is None:
        return None
    guess = detect_shapefile_encoding(path)
    if not guess.needs_override or layer.dataProvider().encoding().upper() == guess.encoding.upper():
        return None
    layer.setProviderEncoding(guess.encoding)
    return guess
