"""The plugin loads, unloads and reloads without leaving anything behind."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMenu, QToolBar


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _leftovers(window) -> dict[str, list]:
    return {
        "provider": [p for p in QgsApplication.processingRegistry().providers() if p.id() == "farmland"],
        "actions": [a for a in window.findChildren(QAction) if a.objectName().startswith("mFarmlandGuard")],
        "menus": [m for m in window.findChildren(QMenu) if m.objectName() == "mFarmlandGuardMenu"],
        "menu bar": [
            a for a in window.menuBar().actions() if a.menu() and a.menu().objectName() == "mFarmlandGuardMenu"
        ],
        "toolbars": [t for t in window.findChildren(QToolBar) if t.objectName() == "mFarmlandGuardToolbar"],
        "docks": [d for d in window.findChildren(QDockWidget) if "FarmlandGuard" in d.objectName()],
    }


@pytest.fixture()
def clean_registry(qgis_app, qgis_processing):
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("farmland")
    if existing is not None:  # the session provider of other tests
        registry.removeProvider(existing)
    yield
    # other tests re-register their provider through their own fixture


def test_load_unload_three_times_leaves_nothing(qgis_iface, clean_registry):
    from farmland_guard import classFactory

    window = qgis_iface.mainWindow()
    for _ in range(3):
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        _flush_deletes()
        present = _leftovers(window)
        assert len(present["provider"]) == 1
        assert present["menus"] and present["toolbars"]
        algorithm_ids = {a.id() for a in present["provider"][0].algorithms()}
        assert "farmland:officialarea" in algorithm_ids
        action_names = {a.objectName() for a in present["actions"]}
        assert "mFarmlandGuard_officialarea" in action_names
        assert {"mFarmlandGuardTargetsDock", "mFarmlandGuardRosterDock"} <= action_names
        assert len(present["docks"]) == 2
        plugin.unload()
        _flush_deletes()
        assert _leftovers(window) == {k: [] for k in present}


def test_init_processing_alone_is_what_qgis_process_calls(clean_registry):
    from farmland_guard import classFactory

    plugin = classFactory(None)
    plugin.initProcessing()
    plugin.initProcessing()  # idempotent
    providers = [p for p in QgsApplication.processingRegistry().providers() if p.id() == "farmland"]
    assert len(providers) == 1
    plugin.unload()
    assert QgsApplication.processingRegistry().providerById("farmland") is None
