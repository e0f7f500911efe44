"""Dialog shown when a save is refused because someone else saved the same targets meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Optional

from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.targets.records import EDITABLE_FIELDS, VALUE_FIELDS, TargetRecord, mu_text
from ..engine.target_store import Conflict
from ..engine.targets_messages import field_label, unit_label

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"


def _shown(record: Optional[TargetRecord], field: str) -> str:
    if record is None:
        return "—"
    value = record.value(field)
    return mu_text(value) if field in VALUE_FIELDS else str(value)


class ConflictDialog(QDialog):
    """Lists every conflicting field with the value read, mine and theirs; the user keeps one side."""

    def __init__(self, conflicts: Sequence[Conflict], name_of: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self.choice: Optional[str] = None
        self.setWindowTitle(self.tr("Targets changed by someone else"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Someone else saved these targets after you loaded them. Nothing has been saved yet. "
                    "Keep your values (they replace theirs) or take theirs (your edits of these rows are "
                    "dropped)."
                )
            )
        )
        rows = []
        for conflict in conflicts:
            code = conflict.key[0]
            for field in EDITABLE_FIELDS:
                mine = _shown(conflict.mine, field)
                theirs = _shown(conflict.theirs, field)
                if mine != theirs:
                    rows.append(
                        (
                            unit_label(code, name_of(code)),
                            field_label(field),
                            _shown(conflict.base, field),
                            mine,
                            theirs,
                        )
                    )
        self.table = QTableWidget(len(rows), 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Unit"),
                self.tr("Field"),
                self.tr("When you loaded"),
                self.tr("Yours"),
                self.tr("Theirs"),
            ]
        )
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        mine = QPushButton(self.tr("Keep mine"), self)
        mine.setObjectName("keepMine")
        theirs = QPushButton(self.tr("Take theirs"), self)
        theirs.setObjectName("takeTheirs")
        buttons.addButton(mine, QDialogButtonBox.AcceptRole)
        buttons.addButton(theirs, QDialogButtonBox.AcceptRole)
        mine.clicked.connect(lambda: self._choose(KEEP_MINE))
        theirs.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_conflict(conflicts: Sequence[Conflict], name_of: Callable[[str], str], parent=None) -> Optional[str]:
    """Show the dialog; ``"mine"``, ``"theirs"`` or None (cancel)."""
    dialog = ConflictDialog(conflicts, name_of, parent)
    dialog.exec_()
    return dialog.choice
