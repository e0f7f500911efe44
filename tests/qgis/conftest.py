"""Fixtures for tests that need QGIS: the provider registered once, a temporary GeoPackage writer."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def farmland_provider(qgis_app, qgis_processing):
    from qgis.core import QgsApplication

    from farmland_guard.processing.provider import FarmlandProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("farmland")
    if existing is not None:
        yield existing
        return
    provider = FarmlandProvider()
    registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


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
