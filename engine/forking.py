"""Whether work may go to a second process made by ``os.fork`` (the overlay's half of the sites, the
report): on Linux outside the QGIS desktop, where the process has no GUI threads to upset."""

from __future__ import annotations

import os
import sys

from qgis.core import QgsApplication

from ..core.second_process import die_with_parent

__all__ = ["die_with_parent", "fork_allowed"]


def fork_allowed() -> bool:
    """Linux, two cores or more, and not the QGIS desktop (qgis_process, scripts, tests)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    app = QgsApplication.instance()
    return app is None or app.platform() != "desktop"
