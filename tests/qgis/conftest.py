"""Fixtures for tests that need QGIS: the provider registered once, a temporary GeoPackage writer."""

from __future__ import annotations

import gc

import pytest

_KEEP_ALIVE: list = []


@pytest.fixture(autouse=True, scope="session")
def collect_layers_before_qgis_exits(qgis_app):
    """Destroy layers that only reference cycles still hold (a test's ``pytest.raises`` traceback keeps
    its frame, and so its layers) while QGIS is up: pytest-qgis calls exitQgis() when the session ends,
    and an OGR layer destroyed after that crashes the interpreter."""
    yield
    gc.collect()


@pytest.fixture()
def farmland_provider(qgis_app, qgis_processing):
    """Our provider, registered if it is not (the plugin tests remove it while they run)."""
    from qgis.core import QgsApplication

    from farmland_guard.processing.provider import FarmlandProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("farmland")
    if provider is None:
        provider = FarmlandProvider()
        registry.addProvider(provider)
        _KEEP_ALIVE[:] = [provider]  # the Python half of a provider must outlive the registration
    return provider


@pytest.fixture()
def run_alg(farmland_provider):
    """Run ``farmland:<name>`` through processing.run and return its results."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    def run(name: str, parameters: dict, context=None, feedback=None):
        return processing.run(
            "farmland:{}".format(name),
            parameters,
            context=context or QgsProcessingContext(),
            feedback=feedback or QgsProcessingFeedback(),
        )

    return run


@pytest.fixture()
def write_layer():
    """Write a small vector layer with OGR: ``write_layer(path, name, epsg, fields, rows)``.

    ``fields`` maps names to "str", "real" or "int"; ``rows`` are ``(wkt, {field: value})``;
    ``epsg`` may be None for a layer without CRS.  Returns the OGR data source string.
    """
    from osgeo import ogr, osr

    kinds = {"str": ogr.OFTString, "real": ogr.OFTReal, "int": ogr.OFTInteger64}

    def write(path, name, epsg, fields, rows, driver="GPKG", options=()):
        path = str(path)
        drv = ogr.GetDriverByName(driver)
        ds = drv.Open(path, 1) if driver == "GPKG" and __import__("os").path.exists(path) else None
        if ds is None:
            ds = drv.CreateDataSource(path)
        srs = None
        if epsg is not None:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(epsg)
        layer = ds.CreateLayer(name, srs, ogr.wkbUnknown if driver == "GPKG" else ogr.wkbPolygon, list(options))
        for field_name, kind in fields.items():
            layer.CreateField(ogr.FieldDefn(field_name, kinds[kind]))
        for wkt, values in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            if wkt:
                feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            for key, value in values.items():
                feature.SetField(key, value)
            layer.CreateFeature(feature)
        ds = None
        return "{}|layername={}".format(path, name) if driver == "GPKG" else path

    return write


@pytest.fixture()
def warning_log():
    """A processing feedback that keeps the warnings pushed to it: ``.warnings`` (list), ``.text``."""
    from qgis.core import QgsProcessingFeedback

    class WarningLog(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

        @property
        def text(self) -> str:
            return "\n".join(self.warnings)

    return WarningLog()
