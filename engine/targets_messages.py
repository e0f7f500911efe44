"""Translated texts for 责任书 targets: field labels, problem descriptions, value errors.

Literal strings in ``QCoreApplication.translate("TargetsMessages", ...)`` so pylupdate5 finds them.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ..core.targets.checks import Problem
from ..core.targets.hierarchy import display_code
from ..core.targets.records import TargetValueError, mu_text


def field_label(field: str) -> str:
    labels = {
        "farmland": QCoreApplication.translate("TargetsMessages", "farmland target (耕地保有量)"),
        "pbf": QCoreApplication.translate(
            "TargetsMessages", "permanent basic farmland target (永久基本农田保护面积)"
        ),
        "high_standard": QCoreApplication.translate("TargetsMessages", "high-standard farmland task"),
        "supplement": QCoreApplication.translate("TargetsMessages", "farmland supplement task"),
        "doc_no": QCoreApplication.translate("TargetsMessages", "document number"),
        "signed_on": QCoreApplication.translate("TargetsMessages", "date signed"),
        "parties": QCoreApplication.translate("TargetsMessages", "signing parties"),
        "note": QCoreApplication.translate("TargetsMessages", "note"),
    }
    return labels.get(field, field)


def mapped_label(kind: str) -> str:
    labels = {
        "farmland": QCoreApplication.translate("TargetsMessages", "farmland parcels (DLTB)"),
        "pbf": QCoreApplication.translate("TargetsMessages", "permanent basic farmland (YJJBNTTB)"),
        "target_polygons": QCoreApplication.translate(
            "TargetsMessages", "farmland protection targets (GDBHMB)"
        ),
    }
    return labels.get(kind, kind)


def level_label(level: str) -> str:
    labels = {
        "province": QCoreApplication.translate("TargetsMessages", "province"),
        "city": QCoreApplication.translate("TargetsMessages", "city"),
        "county": QCoreApplication.translate("TargetsMessages", "county"),
        "township": QCoreApplication.translate("TargetsMessages", "township"),
        "village": QCoreApplication.translate("TargetsMessages", "village"),
    }
    return labels.get(level, level)


def unit_label(code: str, name: str) -> str:
    try:
        shown = display_code(code)
    except ValueError:
        shown = code
    return "{} {}".format(shown, name).strip()


def problem_text(problem: Problem, name: str = "") -> str:
    """One line describing ``problem`` for the problems list."""
    unit = unit_label(problem.unit_code, name) if problem.unit_code else ""
    field = field_label(problem.field)
    if problem.kind == "sum-mismatch":
        text = QCoreApplication.translate(
            "TargetsMessages",
            "{unit}: children's {field} sum to {actual} 亩, the unit has {expected} 亩 "
            "(difference {diff} 亩)"
        )
    elif problem.kind == "shortfall":
        text = QCoreApplication.translate(
            "TargetsMessages", "{unit}: {field} {actual} 亩 exceeds the mapped {expected} 亩 (不足额)"
        )
    elif problem.kind == "not-located":
        text = QCoreApplication.translate(
            "TargetsMessages",
            "{unit}: {field} {actual} 亩 exceeds the target polygons' {expected} 亩 (未带位置)"
        )
    elif problem.kind == "missing-target":
        text = QCoreApplication.translate("TargetsMessages", "{unit}: no {field}")
    elif problem.kind == "unknown-unit":
        text = QCoreApplication.translate(
            "TargetsMessages", "{unit}: target for a unit that is not in the layers"
        )
    elif problem.kind == "unmatched-parcels":
        text = QCoreApplication.translate(
            "TargetsMessages", "{count} parcels of {layer} lie in no unit (codes: {codes})"
        )
    else:
        text = QCoreApplication.translate("TargetsMessages", "{unit}: malformed administrative code")
    return text.format(
        unit=unit or problem.unit_code,
        field=field,
        actual=mu_text(problem.actual),
        expected=mu_text(problem.expected),
        diff=mu_text(problem.difference),
        count=problem.count,
        layer=mapped_label(problem.field),
        codes=problem.detail,
    )


def value_error_text(error: TargetValueError) -> str:
    """Why a typed value was refused."""
    if error.kind == "negative":
        text = QCoreApplication.translate("TargetsMessages", "“{value}”: a target cannot be negative.")
    elif error.kind == "too-many-decimals":
        text = QCoreApplication.translate(
            "TargetsMessages", "“{value}”: targets are in 亩 with at most 2 decimals."
        )
    elif error.kind == "too-large":
        text = QCoreApplication.translate("TargetsMessages", "“{value}”: the number is too large.")
    elif error.kind == "bad-date":
        text = QCoreApplication.translate("TargetsMessages", "“{value}”: write the date as YYYY-MM-DD.")
    else:
        text = QCoreApplication.translate("TargetsMessages", "“{value}” is not a number of 亩.")
    return text.format(value=error.value)


def allocation_error_text(kind: str, unit: str, field: str) -> str:
    if kind == "no-target":
        text = QCoreApplication.translate("TargetsMessages", "{unit} has no {field} to allocate.")
    elif kind == "no-children":
        text = QCoreApplication.translate("TargetsMessages", "{unit} has no lower-level units.")
    elif kind == "no-mapped-area":
        text = QCoreApplication.translate(
            "TargetsMessages", "The units below {unit} have no mapped area to allocate {field} by."
        )
    else:
        text = QCoreApplication.translate(
            "TargetsMessages", "Compute the mapped figures first: {field} is allocated by mapped area."
        )
    return text.format(unit=unit, field=field_label(field))
