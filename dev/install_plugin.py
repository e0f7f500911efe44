"""Install the checkout into the user's default QGIS profile (a symlink) and enable it.

Afterwards ``qgis`` shows Farmland Guard, and ``qgis_process.bin`` lists its algorithms.
The profile root is ``$QGIS_CUSTOM_CONFIG_PATH`` when set, else ``~/.local/share/QGIS/QGIS3``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from _sources import ROOT
from qgis.PyQt.QtCore import QSettings

PLUGIN_NAME = "farmland_guard"


def profile_dir() -> Path:
    base = os.environ.get("QGIS_CUSTOM_CONFIG_PATH")
    root = Path(base) if base else Path.home() / ".local" / "share" / "QGIS" / "QGIS3"
    return root / "profiles" / "default"


def install(profile: Path) -> Path:
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / PLUGIN_NAME
    if link.is_symlink() and link.resolve() == ROOT:
        pass_through = True
    else:
        pass_through = False
        if link.is_symlink() or link.exists():
            raise SystemExit("{} exists and is not a link to this checkout; remove it first".format(link))
        link.symlink_to(ROOT, target_is_directory=True)
    ini_path = profile / "QGIS" / "QGIS3.ini"
    ini_path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(ini_path), QSettings.Format.IniFormat)  # QGIS's own format, untouched otherwise
    settings.setValue("PythonPlugins/{}".format(PLUGIN_NAME), "true")
    settings.sync()
    print("plugin {} at {}".format("already linked" if pass_through else "linked", link))
    return link


if __name__ == "__main__":
    install(profile_dir())
    sys.exit(0)
