"""Wiring and teardown of Farmland Guard; nothing else lives here."""

from __future__ import annotations

from typing import Callable

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QAction, QMenu

from .i18n import remove_translator
from .processing.provider import FarmlandProvider
from .resources import icon

MENU_OBJECT_NAME = "mFarmlandGuardMenu"
TOOLBAR_OBJECT_NAME = "mFarmlandGuardToolbar"


class FarmlandGuardPlugin:
    """Registers the provider (``qgis_process`` and desktop) and, on the desktop, a menu and toolbar."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: FarmlandProvider | None = None
        self._undo: list[Callable[[], None]] = []

    def _on_unload(self, undo: Callable[[], None]) -> None:
        self._undo.append(undo)

    def initProcessing(self) -> None:
        if self.provider is not None:
            return
        self.provider = FarmlandProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)
        self._on_unload(self._remove_provider)

    def _remove_provider(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None

    def initGui(self) -> None:
        self.initProcessing()
        window = self.iface.mainWindow()
        menu = QMenu(QCoreApplication.translate("FarmlandGuardPlugin", "&Farmland Guard"), window)
        menu.setObjectName(MENU_OBJECT_NAME)
        menu_bar = window.menuBar()
        help_menu = self.iface.firstRightStandardMenu()
        if isinstance(help_menu, QMenu):
            menu_bar.insertMenu(help_menu.menuAction(), menu)
        else:
            menu_bar.addMenu(menu)
        self._on_unload(lambda: (menu_bar.removeAction(menu.menuAction()), menu.deleteLater()))

        toolbar = self.iface.addToolBar(QCoreApplication.translate("FarmlandGuardPlugin", "Farmland Guard"))
        toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
        self._on_unload(lambda: (self.iface.mainWindow().removeToolBar(toolbar), toolbar.deleteLater()))

        for alg in sorted(self.provider.algorithms(), key=lambda a: (a.groupId(), a.displayName())):
            action = QAction(alg.icon(), alg.displayName(), window)
            action.setObjectName(f"mFarmlandGuard_{alg.name()}")
            action.setToolTip(alg.shortDescription() or alg.displayName())
            action.setData(alg.id())
            action.triggered.connect(lambda _checked=False, a=action: self._open_algorithm(a.data()))
            menu.addAction(action)
            toolbar.addAction(action)
            self._on_unload(action.deleteLater)
        menu.addSeparator()
        self._add_docks(window, menu, toolbar)

    def _add_docks(self, window, menu: QMenu, toolbar) -> None:
        """The targets and roster docks, hidden until their menu action shows them."""
        from .ui.roster_dock import RosterDock, link_roster
        from .ui.targets_dock import TargetsDock

        targets = TargetsDock(self.iface.mapCanvas(), window, self.iface.messageBar())
        roster = RosterDock(window, self.iface.messageBar())
        for dock in (targets, roster):
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
        self._on_unload(lambda: (targets.cleanup(), self.iface.removeDockWidget(targets), targets.deleteLater()))
        self._on_unload(lambda: (self.iface.removeDockWidget(roster), roster.deleteLater()))
        link_roster(targets, roster)
        docks = (
            (targets, "mFarmlandGuardTargetsDock",
             QCoreApplication.translate("FarmlandGuardPlugin", "Responsibility targets")),
            (roster, "mFarmlandGuardRosterDock", QCoreApplication.translate("FarmlandGuardPlugin", "田长 roster")),
        )
        for dock, name, text in docks:
            action = QAction(icon("farmland_guard.svg"), text, window)
            action.setObjectName(name)
            dock.setToggleVisibilityAction(action)
            menu.addAction(action)
            toolbar.addAction(action)
            self._on_unload(action.deleteLater)
        targets.restore_from_project()

    def _open_algorithm(self, algorithm_id: str) -> None:
        from qgis import processing

        processing.execAlgorithmDialog(algorithm_id, {})

    def unload(self) -> None:
        while self._undo:
            self._undo.pop()()
        remove_translator()
