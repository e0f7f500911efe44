"""The one base class of our algorithms: only boilerplate, public QGIS API only."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsProviderRegistry,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..engine.encoding import repair_shapefile_encoding
from ..i18n import document_translator
from ..resources import icon

HELP_URL = "https://github.com/farmland-guard/farmland_guard#readme"


def group_name(group_id: str) -> str:
    """Translated display name of an algorithm group (literal strings for pylupdate)."""
    names = {
        "area": QCoreApplication.translate("FarmlandAlgorithm", "Areas and parcels"),
        "overlay": QCoreApplication.translate("FarmlandAlgorithm", "Red-line overlay"),
        "redline": QCoreApplication.translate("FarmlandAlgorithm", "Red-line coordinates"),
        "balance": QCoreApplication.translate("FarmlandAlgorithm", "Compensation balance"),
        "maps": QCoreApplication.translate("FarmlandAlgorithm", "Village maps"),
        "targets": QCoreApplication.translate("FarmlandAlgorithm", "Responsibility targets"),
    }
    return names[group_id]


class FeedbackProgress:
    """Adapts QgsProcessingFeedback to core.progress.Progress over a sub-range of the bar."""

    def __init__(self, feedback: QgsProcessingFeedback | None, start: float = 0.0, end: float = 100.0):
        self._feedback = feedback
        self._start = start
        self._span = end - start

    def report(self, fraction: float) -> None:
        if self._feedback is not None:
            self._feedback.setProgress(self._start + self._span * min(max(fraction, 0.0), 1.0))

    def is_canceled(self) -> bool:
        return self._feedback is not None and self._feedback.isCanceled()


class FarmlandAlgorithm(QgsProcessingAlgorithm):
    """Base of every Farmland Guard algorithm.

    Subclasses spell out ``name()``, ``displayName()``, ``shortHelpString()``, ``initAlgorithm()``
    and ``processAlgorithm()``; ``group_id`` picks the toolbox group.
    """

    group_id = "area"

    def createInstance(self) -> QgsProcessingAlgorithm:
        return type(self)()

    _document = None  # a translator while document texts are made (see documentLanguage)

    def tr(self, text: str) -> str:
        # pylupdate records the enclosing class name as the context of self.tr("...").
        context = type(self).__name__
        if self._document is not None:
            translated = self._document.translate(context.encode("utf-8"), text.encode("utf-8"))
            if translated:
                return translated
        return QCoreApplication.translate(context, text)

    @contextmanager
    def documentLanguage(self):  # noqa: N802
        """Within this block ``tr`` gives the document language (Chinese) whatever the UI language: for
        reports and the texts stored in output tables. Each run has its own algorithm instance."""
        previous = self._document
        self._document = document_translator()
        try:
            yield
        finally:
            self._document = previous

    def group(self) -> str:
        return group_name(self.group_id)

    def groupId(self) -> str:
        return self.group_id

    def icon(self):
        return icon("farmland_guard.svg")

    def helpUrl(self) -> str:
        return HELP_URL

    def checkReportPath(self, parameters, name, context) -> None:  # noqa: N802
        """Stop before any work when the report's folder is missing or read-only."""
        path = self.parameterAsFileOutput(parameters, name, context)
        if path and os.path.splitext(path)[1].lower() in (".html", ".htm"):
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "FarmlandAlgorithm",
                    "The report {path} must be an .xlsx workbook; its HTML copy is written beside it."
                ).format(path=path)
            )
        problem = report_folder_problem(path)
        if problem == "missing":
            raise QgsProcessingException(
                QCoreApplication.translate("FarmlandAlgorithm", "The folder of the report {path} does not exist.")
                .format(path=path)
            )
        if problem == "read-only":
            raise QgsProcessingException(
                QCoreApplication.translate("FarmlandAlgorithm", "The folder of the report {path} is not writable.")
                .format(path=path)
            )

    def plainVectorLayer(self, parameters, name, context):  # noqa: N802
        """The layer behind a source parameter when the whole layer is meant (no "selected features
        only", feature limit or filter), so that engines may read it in bulk; else None."""
        value = parameters.get(name)
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            if value.selectedFeaturesOnly or value.featureLimit not in (-1, None):
                return None
            if getattr(value, "filterExpression", ""):
                return None
        return self.parameterAsVectorLayer(parameters, name, context)

    def sourceWithEncoding(self, parameters, name, context, feedback):  # noqa: N802
        """``parameterAsSource`` after repairing the encoding of a GBK shapefile without ``.cpg``.

        Raises QgsProcessingException when the source cannot be loaded.
        """
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is not None:
            name_after_its_table(layer)
        guess = repair_shapefile_encoding(layer) if layer is not None else None
        if guess is not None:
            feedback.pushWarning(
                QCoreApplication.translate(
                    "FarmlandAlgorithm",
                    "Layer “{layer}”: the shapefile declares no usable code page but its text is {encoding}; "
                    "it is read as {encoding}. To fix the file for other programs, save a .cpg file "
                    "containing {encoding} next to it."
                ).format(layer=layer.name(), encoding=guess.encoding)
            )
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source


def name_after_its_table(layer) -> None:
    """A layer Processing loaded from a path (not one of the project's) is named after its file; give
    it the name of its table instead (DLTB, not the GeoPackage's name) so that messages say which
    layer they mean."""
    if QgsProject.instance().mapLayer(layer.id()) is not None:
        return
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    table = parts.get("layerName")
    if table and layer.name() == Path(parts.get("path") or "").stem:
        layer.setName(table)


def report_folder_problem(path: str) -> str | None:
    """Why a report cannot be written to ``path`` (its folder is missing or not writable), else None:
    checked before the work, not after it."""
    folder = os.path.dirname(os.path.abspath(path)) if path else ""
    if not folder:
        return None
    if not os.path.isdir(folder):
        return "missing"
    if not os.access(folder, os.W_OK):
        return "read-only"
    return None
