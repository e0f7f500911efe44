"""Whether work may go to a second process made by ``os.fork`` (the overlay's half of the sites, the
report): on Linux outside the QGIS desktop, where the process has no GUI threads to upset."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

from qgis.core import QgsApplication

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def fork_allowed() -> bool:
    """Linux, two cores or more, and not the QGIS desktop (qgis_process, scripts, tests)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    app = QgsApplication.instance()
    return app is None or app.platform() != "desktop"


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when the parent dies (a killed or cancelled run must not leave a
    second process that goes on and, say, puts a complete-looking report in place). Linux prctl; where
    that is not to be had the child simply runs to its end."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
