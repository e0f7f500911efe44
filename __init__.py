"""Farmland Guard (耕地保护): QGIS entry point.

``classFactory`` installs the translator first, then imports the plugin class lazily, so that
every string the plugin creates afterwards is translated (QGIS calls this with ``iface=None``
under ``qgis_process``).
"""

from __future__ import annotations


def classFactory(iface):
    from .i18n import install_translator

    install_translator()
    from .plugin import FarmlandGuardPlugin

    return FarmlandGuardPlugin(iface)
