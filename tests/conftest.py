"""Make the checkout importable as ``farmland_guard`` whatever its folder is called.

CI clones the repository into a folder of another name, and the plugin uses relative
imports inside the package; the tests import it by its installed name.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

PLUGIN_NAME = "farmland_guard"
_ROOT = Path(__file__).resolve().parent.parent


def _expose_checkout() -> None:
    # `python -m pytest` puts the working directory on sys.path; from the checkout that would make
    # our `processing/` folder shadow QGIS's Processing plugin. The plugin is reached by name only.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT]
    if _ROOT.name == PLUGIN_NAME:
        parent = _ROOT.parent
    else:
        parent = Path(tempfile.mkdtemp(prefix="fg-import-"))
        (parent / PLUGIN_NAME).symlink_to(_ROOT, target_is_directory=True)
    if str(parent) not in sys.path:
        sys.path.insert(0, str(parent))
    # QGIS's own Processing plugin lives outside site-packages on Debian.
    for path in ("/usr/share/qgis/python/plugins",):
        if Path(path).is_dir() and path not in sys.path:
            sys.path.append(path)


def _proj_data() -> None:
    # Debian's pyproj in a venv does not always find PROJ's database; QGIS's PROJ uses the same one.
    if "PROJ_DATA" not in os.environ and Path("/usr/share/proj/proj.db").exists():
        os.environ["PROJ_DATA"] = "/usr/share/proj"


_expose_checkout()
_proj_data()
