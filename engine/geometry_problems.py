"""Features whose geometry cannot be measured as it is: none, empty, or invalid for GEOS.

The area engine measures rings as they are drawn, so a bow tie's two lobes cancel and a
self-overlapping ring counts twice. Such features are found here (one pass, no attributes but the
id field) and repaired with ``makeValid`` as the overlay does; the caller measures the repaired
geometry and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from qgis.core import QgsFeatureRequest, QgsFeatureSource, QgsGeometry

from ..core.progress import Canceled, NoProgress, Progress
from .geometry import features
from .overlay_geometry import EMPTY_SKIPPED, INVALID_REPAIRED, NULL_SKIPPED, UNREPAIRABLE_SKIPPED, checked_geometry
from .values import text_of


@dataclass
class GeometryProblems:
    """fid → repaired geometry (INVALID_REPAIRED), and the fids of the other kinds; ``labels`` maps
    fids to the feature's id text (e.g. BSM) when an id field was given."""

    repaired: dict[int, QgsGeometry] = field(default_factory=dict)
    unrepairable: list[int] = field(default_factory=list)
    without_geometry: list[int] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)

    def label(self, fid: int) -> str:
        return self.labels.get(fid) or str(fid)


def find_geometry_problems(
    source: QgsFeatureSource, id_field: Optional[str] = None, progress: Optional[Progress] = None
) -> GeometryProblems:
    """Check every feature's geometry (Processing's own validity filter is bypassed: a feature it would
    drop is a feature whose area the output would miss)."""
    progress = progress or NoProgress()
    request = QgsFeatureRequest()
    id_index = source.fields().lookupField(id_field) if id_field else -1
    request.setSubsetOfAttributes([id_index] if id_index >= 0 else [])
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    problems = GeometryProblems()
    total = max(source.featureCount(), 1)
    for n, feature in enumerate(features(source, request)):
        if n % 2000 == 0:
            if progress.is_canceled():
                raise Canceled()
            progress.report(n / total)
        geometry, kind = checked_geometry(feature.geometry() if feature.hasGeometry() else None)
        if kind is None:
            continue
        fid = feature.id()
        if kind == INVALID_REPAIRED:
            problems.repaired[fid] = geometry
        elif kind == UNREPAIRABLE_SKIPPED:
            problems.unrepairable.append(fid)
        elif kind in (NULL_SKIPPED, EMPTY_SKIPPED):
            problems.without_geometry.append(fid)
        if id_index >= 0:
            problems.labels[fid] = text_of(feature.attributes()[id_index])
    progress.report(1.0)
    return problems
