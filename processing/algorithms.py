"""The literal list of algorithms the provider offers (one class per file)."""

from __future__ import annotations

import importlib
import logging

LOGGER = logging.getLogger(__name__)

#: (module in this package, class name) of every algorithm
ALGORITHMS = [
    ("official_area", "OfficialAreaAlgorithm"),
    ("import_redline", "ImportRedlineAlgorithm"),
    ("export_redline", "ExportRedlineAlgorithm"),
    ("redline_overlay", "RedlineOverlayAlgorithm"),
    ("village_maps", "VillageMapsAlgorithm"),
    ("targets_check", "TargetsCheckAlgorithm"),
    ("targets_export", "TargetsExportAlgorithm"),
    ("targets_allocate", "AllocateTargetsAlgorithm"),
    ("compensation_balance", "CompensationBalanceAlgorithm"),
    ("annual_balance", "AnnualBalanceAlgorithm"),
    ("targets_assess", "AssessTargetsAlgorithm"),
]


def algorithm_classes() -> list[type]:
    """The algorithm classes; one that fails to import is logged and left out instead of taking
    QGIS down with it (an exception inside ``loadAlgorithms`` aborts the application)."""
    classes = []
    for module_name, class_name in ALGORITHMS:
        try:
            module = importlib.import_module("{}.{}".format(__package__, module_name))
            classes.append(getattr(module, class_name))
        except (ImportError, AttributeError) as error:
            LOGGER.error("Farmland Guard: algorithm %s.%s not loaded: %s", module_name, class_name, error)
    return classes
