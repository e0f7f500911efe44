"""The ``farmland`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication

from ..metadata import plugin_version
from ..resources import icon, resource_path
from .algorithms import algorithm_classes


class FarmlandProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "farmland"

    def name(self) -> str:
        return QCoreApplication.translate("FarmlandProvider", "Farmland Guard")

    def longName(self) -> str:
        return QCoreApplication.translate("FarmlandProvider", "Farmland Guard {version}").format(
            version=plugin_version()
        )

    def icon(self):
        return icon("farmland_guard.svg")

    def svgIconPath(self) -> str:
        return str(resource_path("icons", "farmland_guard.svg"))

    def versionInfo(self) -> str:
        return plugin_version()

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
