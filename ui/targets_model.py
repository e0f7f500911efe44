"""Qt item model of a TargetBook: the tree county → township → village with targets and checks."""

from __future__ import annotations

from typing import Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    pyqtSignal,
)
from qgis.PyQt.QtGui import QBrush, QColor

from ..core.targets.book import TargetBook
from ..core.targets.checks import ERROR, Problem, worst_by_unit
from ..core.targets.hierarchy import display_code
from ..core.targets.records import TargetValueError, mu_text, parse_mu
from ..engine.targets_messages import level_label, problem_text, value_error_text

COL_CODE, COL_NAME, COL_MAPPED_FARMLAND, COL_MAPPED_PBF, COL_FARMLAND, COL_PBF = range(6)
COL_SUM_FARMLAND, COL_DIFF_FARMLAND, COL_SUM_PBF, COL_DIFF_PBF, COL_STATUS = range(6, 11)
COLUMN_COUNT = 11
#: editable columns → target field
EDITABLE = {COL_FARMLAND: "farmland", COL_PBF: "pbf"}
CODE_ROLE = Qt.UserRole + 1


class TargetsTreeModel(QAbstractItemModel):
    """Rows are units; edits are not applied here but requested (the dock pushes undo commands)."""

    editRequested = pyqtSignal(str, str, object)  # unit code, field, value (hundredths of 亩 or None)
    editRejected = pyqtSignal(str)  # translated reason

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._book: Optional[TargetBook] = None
        self._codes: list[str] = []
        self._id: dict[str, int] = {}
        self._row: dict[str, int] = {}
        self._status: Optional[dict[str, str]] = None
        self._icons = {
            ERROR: QgsApplication.getThemeIcon("/mIconWarning.svg"),
            "warning": QgsApplication.getThemeIcon("/mIconInfo.svg"),
            "ok": QgsApplication.getThemeIcon("/mIconSuccess.svg"),
        }

    # -- book ----------------------------------------------------------------------------
    @property
    def book(self) -> Optional[TargetBook]:
        return self._book

    def set_book(self, book: Optional[TargetBook]) -> None:
        self.beginResetModel()
        self._book = book
        self._codes = list(book.hierarchy.depth_first()) if book is not None else []
        self._id = {code: i for i, code in enumerate(self._codes)}
        self._row = {}
        if book is not None:
            hierarchy = book.hierarchy
            for row, code in enumerate(hierarchy.roots):
                self._row[code] = row
            for code in self._codes:
                for row, child in enumerate(hierarchy.children(code)):
                    self._row[child] = row
            book.add_listener(lambda codes, source=book: self._on_book_changed(source, codes))
        self._status = None
        self.endResetModel()

    def _on_book_changed(self, source: TargetBook, codes: tuple[str, ...]) -> None:
        if self._book is None or source is not self._book:
            return
        self._status = None
        hierarchy = self._book.hierarchy
        touched = set()
        for code in codes:
            if code in hierarchy:
                touched.add(code)
                parent = hierarchy[code].parent
                if parent is not None and parent in hierarchy:
                    touched.add(parent)
        if len(touched) > 200:
            self._emit_all()
            return
        for code in touched:
            self.dataChanged.emit(self.index_of(code, 0), self.index_of(code, COLUMN_COUNT - 1))

    def _emit_all(self) -> None:
        for root in range(self.rowCount()):
            self.dataChanged.emit(self.index(root, 0), self.index(root, COLUMN_COUNT - 1))
        self.layoutChanged.emit()

    def status(self, code: str) -> str:
        if self._book is None:
            return "ok"
        if self._status is None:
            self._status = worst_by_unit(self._book.problems())
        return self._status.get(code, "ok")

    # -- structure -----------------------------------------------------------------------
    def code_of(self, index: QModelIndex) -> Optional[str]:
        if not index.isValid():
            return None
        return self._codes[index.internalId()]

    def index_of(self, code: str, column: int = 0) -> QModelIndex:
        if code not in self._id:
            return QModelIndex()
        return self.createIndex(self._row[code], column, self._id[code])

    def index(self, row: int, column: int, parent: Optional[QModelIndex] = None) -> QModelIndex:
        parent = QModelIndex() if parent is None else parent
        if self._book is None or column < 0 or column >= COLUMN_COUNT:
            return QModelIndex()
        if parent.isValid():
            siblings = self._book.hierarchy.children(self._codes[parent.internalId()])
        else:
            siblings = self._book.hierarchy.roots
        if row < 0 or row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, self._id[siblings[row]])

    def parent(self, index: QModelIndex) -> QModelIndex:  # noqa: A003 - Qt API
        if not index.isValid() or self._book is None:
            return QModelIndex()
        parent = self._book.hierarchy[self._codes[index.internalId()]].parent
        if parent is None or parent not in self._id:
            return QModelIndex()
        return self.createIndex(self._row[parent], 0, self._id[parent])

    def rowCount(self, parent: Optional[QModelIndex] = None) -> int:
        parent = QModelIndex() if parent is None else parent
        if self._book is None:
            return 0
        if not parent.isValid():
            return len(self._book.hierarchy.roots)
        if parent.column() != 0:
            return 0
        return len(self._book.hierarchy.children(self._codes[parent.internalId()]))

    def columnCount(self, parent: Optional[QModelIndex] = None) -> int:
        return COLUMN_COUNT

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        headers = [
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Mapped farmland (亩)"),
            self.tr("Mapped PBF (亩)"),
            self.tr("Farmland target (亩)"),
            self.tr("PBF target (亩)"),
            self.tr("Σ children, farmland"),
            self.tr("Difference, farmland"),
            self.tr("Σ children, PBF"),
            self.tr("Difference, PBF"),
            self.tr("Status"),
        ]
        return headers[section]

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemIsEditable
        return flags

    # -- values --------------------------------------------------------------------------
    def _cell(self, code: str, column: int) -> Optional[int]:
        book = self._book
        if column == COL_MAPPED_FARMLAND:
            return None if book.mapped is None else book.mapped.get("farmland", code)
        if column == COL_MAPPED_PBF:
            return None if book.mapped is None else book.mapped.get("pbf", code)
        if column in EDITABLE:
            return book.value(code, EDITABLE[column])
        field = "farmland" if column in (COL_SUM_FARMLAND, COL_DIFF_FARMLAND) else "pbf"
        total = book.children_sum(code, field)
        if column in (COL_SUM_FARMLAND, COL_SUM_PBF):
            return total
        own = book.value(code, field)
        return None if total is None or own is None else total - own

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        code = self.code_of(index)
        if code is None or self._book is None:
            return None
        column = index.column()
        unit = self._book.hierarchy[code]
        if role == CODE_ROLE:
            return code
        if role in (Qt.DisplayRole, Qt.EditRole):
            if column == COL_CODE:
                return display_code(code)
            if column == COL_NAME:
                return unit.name
            if column == COL_STATUS:
                return ""
            return mu_text(self._cell(code, column))
        if role == Qt.TextAlignmentRole and column not in (COL_CODE, COL_NAME, COL_STATUS):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and column in (COL_DIFF_FARMLAND, COL_DIFF_PBF):
            value = self._cell(code, column)
            if value:
                return QBrush(QColor(200, 0, 0))
        if role == Qt.BackgroundRole and column in EDITABLE:
            base = self._book.base(code)
            field = EDITABLE[column]
            if (None if base is None else base.value(field)) != self._book.value(code, field):
                return QBrush(QColor(255, 243, 200))  # edited, not saved
        if role == Qt.DecorationRole and column == COL_STATUS:
            return self._icons[self.status(code)]
        if role == Qt.ToolTipRole:
            if column == COL_STATUS:
                texts = [problem_text(p, unit.name) for p in self._book.problems() if p.unit_code == code]
                return "\n".join(texts) if texts else self.tr("No problems")
            if column == COL_CODE:
                return level_label(unit.level)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:
        code = self.code_of(index)
        if code is None or role != Qt.EditRole or index.column() not in EDITABLE:
            return False
        field = EDITABLE[index.column()]
        try:
            cents = parse_mu(value, field)
        except TargetValueError as error:
            self.editRejected.emit(value_error_text(error))
            return False
        if cents == self._book.value(code, field):
            return False
        self.editRequested.emit(code, field, cents)
        return True


class UnitFilterProxy(QSortFilterProxyModel):
    """Shows units whose code or name matches the search text, with their ancestors."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matching: Optional[set[str]] = None
        self.setRecursiveFilteringEnabled(True)

    def set_search(self, text: str) -> None:
        model = self.sourceModel()
        book = model.book if model is not None else None
        if book is None or not text.strip():
            self._matching = None
        else:
            self._matching = set(book.hierarchy.search(text))
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if self._matching is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self.sourceModel().code_of(index) in self._matching


class ProblemsModel(QAbstractListModel):
    """The book's problems as a list; texts are made only for the rows the view shows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._hierarchy = None
        self._icons = {
            ERROR: QgsApplication.getThemeIcon("/mIconWarning.svg"),
            "warning": QgsApplication.getThemeIcon("/mIconInfo.svg"),
        }

    def set_problems(self, problems: list[Problem], book: Optional[TargetBook]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self._hierarchy = book.hierarchy if book is not None else None
        self.endResetModel()

    def problem(self, row: int) -> Optional[Problem]:
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def rowCount(self, parent: Optional[QModelIndex] = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._problems)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        problem = self.problem(index.row()) if index.isValid() else None
        if problem is None:
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            unit = self._hierarchy.get(problem.unit_code) if self._hierarchy is not None else None
            return problem_text(problem, unit.name if unit is not None else "")
        if role == Qt.DecorationRole:
            return self._icons[problem.severity]
        if role == CODE_ROLE:
            return problem.unit_code
        return None
