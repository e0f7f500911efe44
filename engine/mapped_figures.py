"""Mapped figures per unit: 耕地 (Σ TBDLMJ of 耕地 parcels), 永久基本农田 and 耕地保护目标 areas.

Reads each layer once into per-parcel arrays (location code, net area in 0.01 m²) and hands them to
``core.targets.mapped``. Net areas are the TBDLMJ / YJJBNTMJ attribute (mode ``attribute``; parcels
without a value are measured) or the official ellipsoidal area minus the 田坎 deduction (mode
``geometry``). Runs synchronously (processing, tests) or as a :class:`MappedFiguresTask` in the
background with progress and cancel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
from qgis.core import QgsFeatureRequest, QgsTask, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from ..core import field_roles
from ..core.deduction import deduct_cents, kcxs_to_units
from ..core.land_classes import farmland_mask
from ..core.progress import Canceled, NoProgress, Progress
from ..core.targets.hierarchy import Hierarchy
from ..core.targets.mapped import MappedFigures, mapped_figures
from ..core.units import to_cents
from .geometry import official_areas_of_source

#: mapped kind → (layer type for field roles, default area mode)
KIND_LAYER_TYPES = {"farmland": "DLTB", "pbf": "YJJBNTTB", "target_polygons": "GDBHMB"}
DEFAULT_MODES = {"farmland": "attribute", "pbf": "geometry", "target_polygons": "attribute"}


class MappedInputError(ValueError):
    """A layer cannot give mapped figures. ``kind``: invalid-layer, no-code-field, no-class-field."""

    def __init__(self, kind: str, layer_name: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__("{}: {}".format(layer_name, kind))
        self.kind = kind
        self.layer_name = layer_name
        self.fields = fields


@dataclass(frozen=True)
class LayerInput:
    """A layer as a thread-safe description (source, provider), with field overrides and area mode."""

    source: str
    provider: str
    name: str
    mode: str = "attribute"
    overrides: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_layer(cls, layer: QgsVectorLayer, mode: str, overrides: Optional[dict] = None) -> LayerInput:
        return cls(layer.source(), layer.providerType(), layer.name(), mode, tuple((overrides or {}).items()))

    def open(self) -> QgsVectorLayer:
        layer = QgsVectorLayer(self.source, self.name, self.provider)
        if not layer.isValid():
            raise MappedInputError("invalid-layer", self.name)
        return layer


@dataclass
class ParcelArrays:
    """Per counted parcel: location code and net area (0.01 m²); ``measured`` = areas from geometry."""

    codes: np.ndarray
    cents: np.ndarray
    measured: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, QVariant) and value.isNull()) or value == ""


class _SubProgress:
    def __init__(self, progress: Progress, start: float, end: float) -> None:
        self._progress, self._start, self._span = progress, start, end - start

    def report(self, fraction: float) -> None:
        self._progress.report(self._start + self._span * min(max(fraction, 0.0), 1.0))

    def is_canceled(self) -> bool:
        return self._progress.is_canceled()


def parcel_arrays(
    layer,
    kind: str,
    mode: str = "",
    overrides: Optional[dict] = None,
    progress: Optional[Progress] = None,
    transform_context=None,
) -> ParcelArrays:
    """Read the parcels of ``layer`` (a vector layer or a processing feature source) that count for
    ``kind`` (farmland / pbf / target_polygons)."""
    progress = progress or NoProgress()
    layer_name = layer.name() if isinstance(layer, QgsVectorLayer) else layer.sourceName()
    mode = mode or DEFAULT_MODES[kind]
    layer_type = KIND_LAYER_TYPES[kind]
    names = layer.fields().names()
    roles = field_roles.resolve_roles(layer_type, names, overrides or {}, required=())
    code_field = roles.get("ZLDWDM") or (roles.get("XZQDM") if kind == "pbf" else None)
    if code_field is None:
        raise MappedInputError("no-code-field", layer_name, tuple(names))
    class_field = roles.get("DLBM") if kind == "farmland" else None
    if kind == "farmland" and class_field is None:
        raise MappedInputError("no-class-field", layer_name, tuple(names))
    area_field = roles.get(field_roles.NET_AREA_ROLE[layer_type]) if mode == "attribute" else None
    kcxs_field = roles.get("KCXS")
    wanted = [f for f in (code_field, class_field, area_field, kcxs_field) if f]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(wanted, layer.fields())
    total = max(layer.featureCount(), 1)
    fids, codes, classes, areas, kcxs = [], [], [], [], []
    for i, feature in enumerate(layer.getFeatures(request)):
        if i % 2000 == 0:
            if progress.is_canceled():
                raise Canceled()
            progress.report(0.5 * i / total)
        fids.append(feature.id())
        codes.append(feature[code_field])
        if class_field:
            classes.append(feature[class_field])
        if area_field:
            value = feature[area_field]
            areas.append(np.nan if _is_null(value) else float(value))
        if kcxs_field:
            value = feature[kcxs_field]
            kcxs.append(np.nan if _is_null(value) else float(value))
    keep = farmland_mask(classes) if class_field else np.ones(len(fids), dtype=bool)
    code_array = np.array(["" if _is_null(c) else str(c).strip() for c in codes], dtype=object)
    cents = np.zeros(len(fids), dtype=np.int64)
    need_geometry = keep.copy()
    if area_field:
        values = np.array(areas, dtype=np.float64)
        known = keep & np.isfinite(values)
        cents[known] = to_cents(values[known])
        need_geometry &= ~known
    measured = int(need_geometry.sum())
    if measured:
        fid_array = np.array(fids, dtype=np.int64)
        wanted_fids = fid_array[need_geometry].tolist()
        geometry_request = QgsFeatureRequest().setFilterFids(wanted_fids)
        got_fids, got_areas, _choice = official_areas_of_source(
            layer, transform_context, _SubProgress(progress, 0.5, 0.95), geometry_request
        )
        index = {fid: i for i, fid in enumerate(fids)}
        positions = np.array([index[f] for f in got_fids], dtype=np.int64)
        gross = to_cents(np.asarray(got_areas, dtype=np.float64))
        if kcxs_field:
            coefficients = np.array(kcxs, dtype=np.float64)[positions]
            _kcmj, net = deduct_cents(gross, kcxs_to_units(coefficients))
            cents[positions] = net
        else:
            cents[positions] = gross
    progress.report(1.0)
    return ParcelArrays(code_array[keep], cents[keep], measured, int((~keep).sum()))


def compute_mapped_figures(
    hierarchy: Hierarchy,
    inputs: dict[str, LayerInput],
    progress: Optional[Progress] = None,
    transform_context=None,
) -> tuple[MappedFigures, dict[str, ParcelArrays]]:
    """Mapped figures for every kind in ``inputs`` (kind → layer)."""
    progress = progress or NoProgress()
    arrays: dict[str, ParcelArrays] = {}
    kinds = [k for k in ("farmland", "pbf", "target_polygons") if k in inputs]
    for n, kind in enumerate(kinds):
        spec = inputs[kind]
        layer = spec.open()
        arrays[kind] = parcel_arrays(
            layer,
            kind,
            spec.mode,
            dict(spec.overrides),
            _SubProgress(progress, n / len(kinds), (n + 1) / len(kinds)),
            transform_context,
        )
    figures = mapped_figures(hierarchy, {k: (a.codes, a.cents) for k, a in arrays.items()})
    return figures, arrays


class _TaskProgress:
    def __init__(self, task: QgsTask) -> None:
        self._task = task

    def report(self, fraction: float) -> None:
        self._task.setProgress(100.0 * min(max(fraction, 0.0), 1.0))

    def is_canceled(self) -> bool:
        return self._task.isCanceled()


class MappedFiguresTask(QgsTask):
    """Computes mapped figures in QGIS's task manager; ``on_done(task)`` runs in the main thread.

    After it ends: ``figures`` (None when canceled or failed), ``arrays``, ``error``.
    """

    def __init__(
        self,
        description: str,
        hierarchy: Hierarchy,
        inputs: dict[str, LayerInput],
        on_done: Optional[Callable[[MappedFiguresTask], None]] = None,
    ) -> None:
        super().__init__(description, QgsTask.CanCancel)
        self.hierarchy = hierarchy
        self.inputs = dict(inputs)
        self.on_done = on_done
        self.figures: Optional[MappedFigures] = None
        self.arrays: dict[str, ParcelArrays] = {}
        self.error: Optional[BaseException] = None
        self.canceled = False

    def run(self) -> bool:
        try:
            self.figures, self.arrays = compute_mapped_figures(
                self.hierarchy, self.inputs, _TaskProgress(self)
            )
        except Canceled:
            self.canceled = True
            return False
        except Exception as error:  # reported to the user in finished(); a task must not raise
            self.error = error
            return False
        return True

    def finished(self, result: bool) -> None:
        if self.on_done is not None:
            self.on_done(self)
