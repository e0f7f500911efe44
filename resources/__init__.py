"""Plain-file resources: icons, layout templates, styles."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtGui import QIcon

RESOURCES_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource; raises FileNotFoundError when it is missing."""
    path = RESOURCES_DIR.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(path)
    return path


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", name)))
