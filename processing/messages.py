"""Translated messages for the structured errors that core/ and engine/ raise.

Strings are passed to ``QCoreApplication.translate`` as literals, with no trailing comma after the
last argument, so that pylupdate5 finds them (tests/core/test_translations_extracted.py checks).
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ..engine.geometry import CrsProblem


def crs_problem_message(problem: CrsProblem, layer_name: str) -> str:
    """Explain a CRS/coordinate disagreement and name the CRS that fits."""
    if problem.suggested_epsg:
        fits = "EPSG:{}".format(problem.suggested_epsg)
    else:
        fits = QCoreApplication.translate("FarmlandMessages", "(none found)")
    if problem.kind == "prefix-in-no-prefix-crs":
        text = QCoreApplication.translate(
            "FarmlandMessages",
            "Layer “{layer}”: the eastings carry a zone prefix (8 digits) but its CRS {crs} has none. "
            "The coordinates fit {fits}: set the layer's CRS to it and run again."
        )
    elif problem.kind == "no-prefix-in-prefix-crs":
        text = QCoreApplication.translate(
            "FarmlandMessages",
            "Layer “{layer}”: its CRS {crs} expects eastings with a zone prefix but they have none. "
            "The coordinates fit {fits}: set the layer's CRS to it and run again."
        )
    elif problem.kind == "zone-mismatch":
        text = QCoreApplication.translate(
            "FarmlandMessages",
            "Layer “{layer}”: the zone prefix of the eastings does not match its CRS {crs}. "
            "The coordinates fit {fits}: set the layer's CRS to it and run again."
        )
    elif problem.kind == "mixed-eastings":
        text = QCoreApplication.translate(
            "FarmlandMessages",
            "Layer “{layer}” mixes eastings with and without a zone prefix (or of several zones); one "
            "CRS cannot fit them all. Split or repair the layer and run again."
        )
    elif problem.kind == "outside-china":
        text = QCoreApplication.translate(
            "FarmlandMessages",
            "Layer “{layer}”: in its CRS {crs} the coordinates fall outside China, so the CRS is not the one "
            "they were made in. Set the layer's CRS to the right one (e.g. a CGCS2000 Gauss–Krüger CRS) and "
            "run again."
        )
    else:
        text = QCoreApplication.translate(
            "FarmlandMessages",
            "Layer “{layer}” has no CRS, and its eastings are not 8-digit Gauss–Krüger coordinates with "
            "a zone prefix. Set the layer's CRS (e.g. EPSG:4490 or a CGCS2000 Gauss–Krüger CRS)."
        )
    return text.format(layer=layer_name, crs=problem.declared, fits=fits)


def derived_zone_message(layer_name: str, epsg: int | None, zone: int | None) -> str:
    return QCoreApplication.translate(
        "FarmlandMessages",
        "Layer “{layer}” has no CRS; its 8-digit eastings give 3° zone {zone}, so it is read as EPSG:{epsg}."
    ).format(layer=layer_name, zone=zone, epsg=epsg)
