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
    if link.is_symlink():
        if link.resolve() != ROOT:
            print("re-pointing {} from {} to this checkout".format(link, link.resolve()))
            link.unlink()
            link.symlink_to(ROOT, target_is_directory=True)
        else:
            print("plugin already linked at {}".format(link))
    elif link.exists():
        print("{} is a copy installed from a zip; left as it is (remove it to use this checkout)".format(link))
    else:
        link.symlink_to(ROOT, target_is_directory=True)
        print("plugin linked at {}".format(link))
    ini_path = profile / "QGIS" / "QGIS3.ini"
    ini_path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(ini_path), QSettings.Format.IniFormat)  # QGIS's own format, untouched otherwise
    settings.setValue("PythonPlugins/{}".format(PLUGIN_NAME), "true")
    settings.sync()
    return link


if __name__ == "__main__":
    install(profile_dir())
    sys.exit(0)
