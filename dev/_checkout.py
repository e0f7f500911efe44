"""Make the checkout importable as ``farmland_guard`` from dev scripts (as conftest.py does for tests).

Usage at the top of a dev script (dev/ is on sys.path when a script in it runs)::

    import _checkout  # noqa: F401

If the checkout folder is not itself called ``farmland_guard``, a symlink of that name is kept in a
per-checkout folder under the system temp dir and reused by later runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

PLUGIN_NAME = "farmland_guard"
ROOT = Path(__file__).resolve().parents[1]


def expose_checkout() -> Path:
    """Put a folder holding the checkout as ``farmland_guard`` on sys.path; return that folder."""
    spec = importlib.util.find_spec(PLUGIN_NAME)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).parent
    if ROOT.name == PLUGIN_NAME:
        parent = ROOT.parent
    else:
        tag = hashlib.sha1(str(ROOT).encode("utf-8")).hexdigest()[:12]
        parent = Path(tempfile.gettempdir()) / "fg-checkout-{}".format(tag)
        parent.mkdir(exist_ok=True)
        link = parent / PLUGIN_NAME
        if not link.is_symlink() or link.resolve() != ROOT:
            tmp = parent / "{}.{}".format(PLUGIN_NAME, os.getpid())
            tmp.symlink_to(ROOT, target_is_directory=True)
            tmp.replace(link)  # atomic, so concurrent runs never see a half-made link
    if str(parent) not in sys.path:
        sys.path.insert(0, str(parent))
    return parent


expose_checkout()
