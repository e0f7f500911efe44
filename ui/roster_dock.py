"""田长/网格员 roster dock: who is responsible for a unit (level, name, position, phone).

Edits the TZ table (CJDM, JB, XM, ZW, DH) of the target store — the roster the village maps print.
A save replaces the unit's rows in one transaction and is refused if someone changed them meanwhile.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.targets.roster import LEVEL_SUGGESTIONS, RosterEntry, entry_issues
from ..engine.target_store import RosterConflict, TargetStore
from ..engine.targets_messages import unit_label

COL_LEVEL, COL_NAME, COL_POSITION, COL_PHONE = range(4)


class RosterDock(QgsDockWidget):
    """``RosterDock(parent, message_bar)``; ``set_store(store)``, ``set_unit(code, name)``, ``save()``."""

    saved = pyqtSignal(str)

    def __init__(self, parent=None, message_bar=None) -> None:
        super().__init__(parent)
        self.setObjectName("FarmlandGuardRosterDock")
        self.setWindowTitle(self.tr("田长 roster"))
        self.message_bar = message_bar
        self.store: Optional[TargetStore] = None
        self.unit_code: Optional[str] = None
        self.unit_title = ""
        self._base: list[RosterEntry] = []
        main = QWidget(self)
        layout = QVBoxLayout(main)
        layout.setContentsMargins(2, 2, 2, 2)
        bar = QToolBar(main)
        self.add_action = bar.addAction(
            QgsApplication.getThemeIcon("/symbologyAdd.svg"), self.tr("Add a person")
        )
        self.add_action.triggered.connect(lambda _c=False: self.add_row())
        self.remove_action = bar.addAction(
            QgsApplication.getThemeIcon("/symbologyRemove.svg"), self.tr("Remove the selected people")
        )
        self.remove_action.triggered.connect(lambda _c=False: self.remove_selected())
        self.save_action = bar.addAction(
            QgsApplication.getThemeIcon("/mActionFileSave.svg"), self.tr("Save roster")
        )
        self.save_action.triggered.connect(lambda _c=False: self.save())
        self.reload_action = bar.addAction(
            QgsApplication.getThemeIcon("/mActionRefresh.svg"), self.tr("Reload")
        )
        self.reload_action.triggered.connect(lambda _c=False: self.reload())
        layout.addWidget(bar)
        self.title = QLabel(self.tr("Select a unit in the targets dock."), main)
        layout.addWidget(self.title)
        self.table = QTableWidget(0, 4, main)
        self.table.setObjectName("rosterTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Level"), self.tr("Name"), self.tr("Position"), self.tr("Phone")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(lambda _item: self._validate())
        layout.addWidget(self.table, 1)
        self.status = QLabel(main)
        layout.addWidget(self.status)
        self.setWidget(main)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.table, self.add_action, self.remove_action, self.save_action, self.reload_action):
            widget.setEnabled(enabled)

    # -- state ---------------------------------------------------------------------------
    def set_store(self, store: Optional[TargetStore]) -> None:
        self.store = store
        if self.unit_code is not None:
            self.reload()

    def set_unit(self, code: str, name: str = "") -> None:
        """Show the roster of ``code`` (asks nothing: unsaved rows of the previous unit are dropped)."""
        self.unit_code = code
        self.unit_title = name
        self.title.setText(unit_label(code, name))
        self.reload()

    def reload(self) -> None:
        rows: list[RosterEntry] = []
        if self.store is not None and self.unit_code is not None:
            try:
                rows = self.store.load_roster(self.unit_code)
            except Exception as error:  # StoreError or a driver error: show it, keep the dock usable
                self._message(self.tr("Cannot read the roster: {error}").format(error=error), Qgis.Critical)
        self._base = list(rows)
        self._fill(rows)
        self._set_enabled(self.store is not None and self.unit_code is not None)

    def _fill(self, rows: list[RosterEntry]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for entry in rows:
            self._append(entry)
        self.table.blockSignals(False)
        self._validate()

    def _append(self, entry: RosterEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        level = QComboBox(self.table)
        level.setEditable(True)
        level.addItems(list(LEVEL_SUGGESTIONS))
        level.setCurrentText(entry.level)
        level.currentTextChanged.connect(lambda _t: self._validate())
        self.table.setCellWidget(row, COL_LEVEL, level)
        for column, text in (
            (COL_NAME, entry.name),
            (COL_POSITION, entry.position),
            (COL_PHONE, entry.phone),
        ):
            self.table.setItem(row, column, QTableWidgetItem(text))
        # columns the dock does not show (DWMC unit name, WGBH grid) travel with the row
        self.table.item(row, COL_NAME).setData(Qt.UserRole, (entry.unit_name or self.unit_title, entry.grid))

    def add_row(self, entry: Optional[RosterEntry] = None) -> None:
        if self.unit_code is None:
            return
        self._append(entry or RosterEntry(self.unit_code))
        self._validate()

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self._validate()

    def entries(self) -> list[RosterEntry]:
        """The rows as shown (blank rows left out)."""
        result = []
        for row in range(self.table.rowCount()):
            level = self.table.cellWidget(row, COL_LEVEL)
            texts = [
                self.table.item(row, c).text().strip() if self.table.item(row, c) else ""
                for c in (COL_NAME, COL_POSITION, COL_PHONE)
            ]
            hidden = (
                self.table.item(row, COL_NAME).data(Qt.UserRole) if self.table.item(row, COL_NAME) else None
            )
            unit_name, grid = hidden if hidden else ("", "")
            entry = RosterEntry(
                self.unit_code or "", level.currentText().strip() if level else "", *texts, unit_name, grid
            )
            if entry.name or entry.position or entry.phone:
                result.append(entry)
        return result

    def _validate(self) -> bool:
        ok = True
        for row in range(self.table.rowCount()):
            level = self.table.cellWidget(row, COL_LEVEL)
            texts = [
                self.table.item(row, c).text() if self.table.item(row, c) else ""
                for c in (COL_NAME, COL_POSITION, COL_PHONE)
            ]
            entry = RosterEntry(self.unit_code or "", level.currentText() if level else "", *texts)
            issues = entry_issues(entry) if (entry.name or entry.position or entry.phone) else []
            ok = ok and not issues
            self.table.blockSignals(True)
            for column, issue in ((COL_NAME, "no-name"), (COL_PHONE, "bad-phone")):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(QColor(255, 200, 200)) if issue in issues else QBrush())
            self.table.blockSignals(False)
        self.status.setText(
            ""
            if ok
            else self.tr(
                "Every person needs a name and a level; phone numbers may "
                "contain digits, spaces, +, - and brackets only."
            )
        )
        return ok

    def is_modified(self) -> bool:
        return sorted(e.as_row() for e in self.entries()) != sorted(e.as_row() for e in self._base)

    def save(self) -> bool:
        """Replace the unit's roster in one transaction; refused (and reloaded on request) on a conflict."""
        if self.store is None or self.unit_code is None:
            return False
        if not self._validate():
            self._message(self.status.text(), Qgis.Warning)
            return False
        rows = self.entries()
        try:
            self.store.save_roster(self.unit_code, self._base, rows)
        except RosterConflict:
            self._message(
                self.tr(
                    "Someone else changed this roster after you opened it; nothing was saved. "
                    "Reload to see their version."
                ),
                Qgis.Warning,
            )
            return False
        except Exception as error:  # rolled back: the last saved roster stands
            self._message(
                self.tr("Saving the roster failed, nothing was written: {error}").format(error=error),
                Qgis.Critical,
            )
            return False
        self._base = rows
        self._message(self.tr("Roster saved."), Qgis.Success)
        self.saved.emit(self.unit_code)
        return True

    def _message(self, text: str, level=Qgis.Info) -> None:
        self.status.setText(text)
        if self.message_bar is not None:
            self.message_bar.pushMessage(self.tr("Roster"), text, level, 6)


def link_roster(targets_dock, roster_dock: RosterDock) -> None:
    """Wire the roster dock to the targets dock: same store, follow the unit the user asks for."""
    targets_dock.storeChanged.connect(roster_dock.set_store)
    targets_dock.rosterRequested.connect(
        lambda code, name: (roster_dock.set_unit(code, name), roster_dock.show(), roster_dock.raise_())
    )
    targets_dock.unitSelected.connect(
        lambda code: (
            roster_dock.set_unit(code, targets_dock.unit_name(code)) if roster_dock.isVisible() else None
        )
    )
    roster_dock.set_store(targets_dock.store)
