"""耕地保护目标责任书 dock: edit 耕地保有量 / 永久基本农田 targets down the unit tree, with checks and undo.

The dock only turns user input into calls on ``core.targets`` (a TargetBook and its commands, wrapped in a
QUndoStack) and ``engine`` (the target store, mapped figures as a QgsTask) and shows the results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsFilterLineEdit, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QItemSelectionModel, QModelIndex, QRegularExpression, Qt, pyqtSignal
from qgis.PyQt.QtGui import QKeySequence, QRegularExpressionValidator
from qgis.PyQt.QtWidgets import (
    QAction,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QUndoCommand,
    QUndoStack,
    QVBoxLayout,
    QWidget,
)

from ..core import field_roles
from ..core.targets.allocation import AllocationError
from ..core.targets.book import TargetBook
from ..core.targets.checks import ERROR, Problem
from ..core.targets.commands import Command
from ..core.targets.hierarchy import Hierarchy
from ..core.targets.mapped import MappedFigures
from ..core.targets.records import TEXT_FIELDS, TargetValueError, merge_records
from ..engine.mapped_figures import DEFAULT_MODES, LayerInput, MappedFiguresTask, compute_mapped_figures
from ..engine.target_store import (
    GeoPackageStore,
    PostgresStore,
    SaveConflict,
    StoreError,
    TargetStore,
    open_store,
    postgres_connection_names,
    postgres_dsn,
)
from ..engine.targets_messages import (
    allocation_error_text,
    field_label,
    unit_label,
    value_error_text,
)
from .conflict_dialog import KEEP_MINE, TAKE_THEIRS, ask_conflict
from .targets_model import CODE_ROLE, EDITABLE, ProblemsModel, TargetsTreeModel, UnitFilterProxy
from .unit_locator import UnitLocator

PROJECT_SCOPE = "FarmlandGuard"
STORE_ENTRY = "targets/store"
LAYER_ENTRY = "targets/layer_{}"
#: layer slots: key → (layer type for field roles and name guessing)
LAYER_SLOTS = ("XZQ", "CJDCQ", "DLTB", "YJJBNTTB", "GDBHMB")
_MAPPED_SLOT = {"farmland": "DLTB", "pbf": "YJJBNTTB", "target_polygons": "GDBHMB"}
_MU_PATTERN = r"^\s*[0-9]{0,12}([.][0-9]{0,2})?\s*$"


class _UndoCommand(QUndoCommand):
    """A core command on the Qt undo stack."""

    def __init__(self, book: TargetBook, command: Command, text: str) -> None:
        super().__init__(text)
        self.book = book
        self.command = command

    def redo(self) -> None:
        self.command.apply(self.book)

    def undo(self) -> None:
        self.command.revert(self.book)


class _MuDelegate(QStyledItemDelegate):
    """Line editor accepting 亩 with at most 2 decimals."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(_MU_PATTERN), editor))
        return editor


class TargetsDock(QgsDockWidget):
    """The 责任书 target editor. ``TargetsDock(canvas, parent, message_bar)``.

    Signals: ``unitSelected(code)``, ``rosterRequested(code, name)``, ``storeChanged(store)``.
    """

    unitSelected = pyqtSignal(str)
    rosterRequested = pyqtSignal(str, str)
    storeChanged = pyqtSignal(object)
    mappedFiguresReady = pyqtSignal()

    def __init__(self, canvas=None, parent=None, message_bar=None) -> None:
        super().__init__(parent)
        self.setObjectName("FarmlandGuardTargetsDock")
        self.setWindowTitle(self.tr("Responsibility targets (耕地保护目标责任书)"))
        self.canvas = canvas
        self.message_bar = message_bar
        self.store: Optional[TargetStore] = None
        self.book: Optional[TargetBook] = None
        self.hierarchy: Optional[Hierarchy] = None
        self.mapped: Optional[MappedFigures] = None
        self.task: Optional[MappedFiguresTask] = None
        self.undo_stack = QUndoStack(self)
        self.locator = UnitLocator(canvas)
        #: hooks replaced in tests: conflict choice, "discard unsaved edits?" question
        self.conflict_resolver: Callable[[Sequence], Optional[str]] = self._ask_conflict
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self._build()
        QgsProject.instance().readProject.connect(self.restore_from_project)

    # -- widgets -------------------------------------------------------------------------
    def _build(self) -> None:
        main = QWidget(self)
        layout = QVBoxLayout(main)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self._build_toolbar())
        self.store_label = QLabel(self.tr("No target store: open a GeoPackage or a PostgreSQL connection."))
        self.store_label.setWordWrap(True)
        layout.addWidget(self.store_label)
        layout.addWidget(self._build_layers())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Year")))
        self.year_spin = QSpinBox(main)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(QgsProject.instance().readNumEntry(PROJECT_SCOPE, "targets/year", 2024)[0])
        self.year_spin.setObjectName("targetsYear")
        self._year = self.year_spin.value()
        self.year_spin.valueChanged.connect(self._on_year_changed)
        row.addWidget(self.year_spin)
        self.search = QgsFilterLineEdit(main)
        self.search.setPlaceholderText(self.tr("Search name or code"))
        self.search.setShowSearchIcon(True)
        self.search.textChanged.connect(self._on_search)
        row.addWidget(self.search, 1)
        layout.addLayout(row)

        splitter = QSplitter(Qt.Vertical, main)
        self.model = TargetsTreeModel(self)
        self.model.editRequested.connect(self.edit_value)
        self.model.editRejected.connect(lambda text: self._message(text, Qgis.Warning))
        self.proxy = UnitFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(splitter)
        self.tree.setObjectName("targetsTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(
            QTreeView.DoubleClicked | QTreeView.EditKeyPressed | QTreeView.AnyKeyPressed
        )
        for column in EDITABLE:
            self.tree.setItemDelegateForColumn(column, _MuDelegate(self.tree))
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        splitter.addWidget(self.tree)
        self.tabs = QTabWidget(splitter)
        self.problems_model = ProblemsModel(self)
        self.problems = QListView(self.tabs)
        self.problems.setObjectName("targetsProblems")
        self.problems.setUniformItemSizes(True)
        self.problems.setModel(self.problems_model)
        self.problems.clicked.connect(self._on_problem_clicked)
        self.tabs.addTab(self.problems, self.tr("Problems"))
        self.tabs.addTab(self._build_provenance(), self.tr("Provenance"))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.progress = QProgressBar(main)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel(main)
        layout.addWidget(self.status)
        self.setWidget(main)

    def _action(self, icon: str, text: str, slot, name: str) -> QAction:
        action = QAction(QgsApplication.getThemeIcon(icon), text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setIconSize(bar.iconSize() * 0.8)
        self.open_action = self._action(
            "/mActionFileOpen.svg",
            self.tr("Open or create a GeoPackage store…"),
            self.choose_geopackage,
            "targetsOpenGpkg",
        )
        self.pg_action = self._action(
            "/mIconPostgis.svg",
            self.tr("Use a PostgreSQL connection…"),
            self.choose_postgres,
            "targetsPostgres",
        )
        self.save_action = self._action(
            "/mActionFileSave.svg", self.tr("Save targets"), self.save, "targetsSave"
        )
        self.reload_action = self._action(
            "/mActionRefresh.svg", self.tr("Reload from the store"), self.reload, "targetsReload"
        )
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setIcon(QgsApplication.getThemeIcon("/mActionUndo.svg"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.setObjectName("targetsUndo")
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setIcon(QgsApplication.getThemeIcon("/mActionRedo.svg"))
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setObjectName("targetsRedo")
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.compute_action = self._action(
            "/mActionCalculateField.svg",
            self.tr("Compute mapped figures"),
            self.compute_mapped,
            "targetsCompute",
        )
        self.roster_action = self._action(
            "/mActionOpenTable.svg",
            self.tr("田长 roster of the selected unit"),
            self._request_roster,
            "targetsRoster",
        )
        self.export_action = self._action(
            "/mActionFileSaveAs.svg", self.tr("Export the allocation table…"), self.open_export, "targetsExport"
        )
        allocate_menu = QMenu(self)
        self.allocate_actions = {}
        for field, all_levels, text in (
            ("farmland", False, self.tr("Allocate farmland target to children")),
            ("pbf", False, self.tr("Allocate PBF target to children")),
            ("farmland", True, self.tr("Allocate farmland target down to villages")),
            ("pbf", True, self.tr("Allocate PBF target down to villages")),
        ):
            action = allocate_menu.addAction(text)
            action.triggered.connect(lambda _c=False, f=field, a=all_levels: self.allocate_selected(f, a))
            self.allocate_actions[(field, all_levels)] = action
        allocate_button = QToolButton(bar)
        allocate_button.setText(self.tr("Allocate"))
        allocate_button.setToolTip(
            self.tr("Allocate the selected unit's target to its children by mapped area (带位置)")
        )
        allocate_button.setIcon(QgsApplication.getThemeIcon("/mActionSplitFeatures.svg"))
        allocate_button.setMenu(allocate_menu)
        allocate_button.setPopupMode(QToolButton.InstantPopup)
        allocate_button.setObjectName("targetsAllocate")
        for action in (self.open_action, self.pg_action, self.save_action, self.reload_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        bar.addWidget(allocate_button)
        for action in (self.compute_action, self.roster_action, self.export_action):
            bar.addAction(action)
        return bar

    def _build_layers(self) -> QWidget:
        box = QgsCollapsibleGroupBox(self.tr("Layers"), self)
        box.setObjectName("targetsLayers")
        form = QFormLayout(box)
        labels = {
            "XZQ": self.tr("Townships (XZQ)"),
            "CJDCQ": self.tr("Villages (CJDCQ)"),
            "DLTB": self.tr("Land use (DLTB)"),
            "YJJBNTTB": self.tr("Permanent basic farmland (YJJBNTTB)"),
            "GDBHMB": self.tr("Farmland protection targets (GDBHMB)"),
        }
        self.layer_combos: dict[str, QgsMapLayerComboBox] = {}
        for slot in LAYER_SLOTS:
            combo = QgsMapLayerComboBox(box)
            combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
            combo.setAllowEmptyLayer(slot != "CJDCQ")
            combo.setLayer(None)
            combo.setObjectName("targetsLayer{}".format(slot))
            form.addRow(labels[slot], combo)
            self.layer_combos[slot] = combo
        self._guess_layers()
        build = QPushButton(self.tr("Build the unit tree"), box)
        build.clicked.connect(lambda _c=False: self.build_tree())
        form.addRow(build)
        return box

    def _build_provenance(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.provenance_edits: dict[str, QLineEdit] = {}
        labels = {
            "doc_no": self.tr("Document number (文号)"),
            "signed_on": self.tr("Date signed (签订日期, YYYY-MM-DD)"),
            "parties": self.tr("Signing parties (签订双方)"),
            "note": self.tr("Note"),
        }
        for field in TEXT_FIELDS:
            edit = QLineEdit(page)
            edit.setObjectName("targetsProvenance_{}".format(field))
            edit.editingFinished.connect(lambda f=field: self._on_provenance_edited(f))
            form.addRow(labels[field], edit)
            self.provenance_edits[field] = edit
        return page

    # -- layers and tree -----------------------------------------------------------------
    def _guess_layers(self) -> None:
        """Pick project layers by name (DLTB, 地类图斑, CJDCQ …) for empty slots."""
        for layer in QgsProject.instance().mapLayers().values():
            guess = field_roles.layer_type_from_name(layer.name())
            if guess in self.layer_combos and self.layer_combos[guess].currentLayer() is None:
                self.layer_combos[guess].setLayer(layer)

    def set_layers(self, **layers: Optional[QgsVectorLayer]) -> None:
        """Set layer slots by layer type: ``set_layers(CJDCQ=villages, XZQ=townships, DLTB=parcels)``."""
        for slot, layer in layers.items():
            self.layer_combos[slot].setLayer(layer)

    def layer(self, slot: str) -> Optional[QgsVectorLayer]:
        layer = self.layer_combos[slot].currentLayer()
        return layer if isinstance(layer, QgsVectorLayer) and layer.isValid() else None

    def _unit_rows(self, slot: str) -> tuple[list[tuple[object, object]], Optional[str]]:
        layer = self.layer(slot)
        if layer is None:
            return [], None
        roles = field_roles.resolve_roles(slot, layer.fields().names(), required=())
        code_field = roles.get("XZQDM" if slot == "XZQ" else "ZLDWDM")
        name_field = roles.get("XZQMC" if slot == "XZQ" else "ZLDWMC")
        if code_field is None:
            return [], None
        fields = [f for f in (code_field, name_field) if f]
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(fields, layer.fields())
        rows = [(f[code_field], f[name_field] if name_field else "") for f in layer.getFeatures(request)]
        return rows, code_field

    def build_tree(self) -> Optional[Hierarchy]:
        """Build the unit tree from the township and village layers, then load the year's targets."""
        townships, township_field = self._unit_rows("XZQ")
        villages, village_field = self._unit_rows("CJDCQ")
        if not villages and not townships:
            self._message(self.tr("Choose a village layer (CJDCQ) with a ZLDWDM field."), Qgis.Warning)
            return None
        self.locator.set_layers([(self.layer("XZQ"), township_field), (self.layer("CJDCQ"), village_field)])
        self.set_hierarchy(Hierarchy.build(townships + villages))
        self._remember_layers()
        return self.hierarchy

    def set_hierarchy(self, hierarchy: Hierarchy) -> None:
        self.hierarchy = hierarchy
        self.mapped = None
        self._load_book()

    def _load_book(self) -> None:
        if self.hierarchy is None:
            return
        records = []
        if self.store is not None:
            try:
                records = self.store.load_targets(self._year)
            except Exception as error:  # StoreError or a driver error must not take the dock down
                self._message(self.tr("Cannot read targets: {error}").format(error=error), Qgis.Critical)
        self.book = TargetBook(self.hierarchy, self._year, records, self.mapped)
        self.book.add_listener(lambda _codes, book=self.book: self._on_book_changed(book))
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.model.set_book(self.book)
        self.proxy.set_search(self.search.text())
        self.tree.expandToDepth(0)
        for column in range(self.model.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._refresh_problems()

    # -- year, search, selection ---------------------------------------------------------
    @property
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        self.year_spin.setValue(int(year))

    def _on_year_changed(self, year: int) -> None:
        if year == self._year:
            return
        if self.book is not None and self.book.is_modified() and not self.confirm_discard():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self._year)
            self.year_spin.blockSignals(False)
            return
        self._year = year
        QgsProject.instance().writeEntry(PROJECT_SCOPE, "targets/year", year)
        self._load_book()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        if text.strip():
            self.tree.expandAll()

    def current_code(self) -> Optional[str]:
        index = self.tree.currentIndex()
        return self.proxy.data(index, CODE_ROLE) if index.isValid() else None

    def select_unit(self, code: str) -> bool:
        """Make ``code`` the current row (expanding its ancestors), highlight and zoom to it."""
        source = self.model.index_of(code)
        if not source.isValid():
            return False
        if self.proxy.mapFromSource(source).isValid() is False:
            self.search.clear()
        index = self.proxy.mapFromSource(source)
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        )
        self.tree.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = self.proxy.data(current, CODE_ROLE) if current.isValid() else None
        self._show_provenance(code)
        if code is None:
            self.locator.clear()
            return
        self.locator.show(code)
        self.unitSelected.emit(code)

    # -- editing ---------------------------------------------------------------------------
    def edit_value(self, code: str, field: str, value: object) -> bool:
        """Set one field of one unit through the undo stack; False (and a message) if refused."""
        if self.book is None:
            return False
        try:
            command = self.book.edit(code, field, value)
        except TargetValueError as error:
            self._message(value_error_text(error), Qgis.Warning)
            return False
        if command.before[code] == command.after[code]:
            return False
        text = self.tr("Edit {field} of {unit}").format(field=field_label(field), unit=self._unit_text(code))
        self.undo_stack.push(_UndoCommand(self.book, command, text))
        return True

    def allocate(self, code: str, field: str, all_levels: bool = False) -> bool:
        """Allocate ``field`` of ``code`` to its children 带位置 as one undoable step."""
        if self.book is None:
            return False
        try:
            command = self.book.allocate(code, field, all_levels)
        except AllocationError as error:
            self._message(allocation_error_text(error.kind, self._unit_text(code), field), Qgis.Warning)
            return False
        text = self.tr("Allocate {field} of {unit}").format(
            field=field_label(field), unit=self._unit_text(code)
        )
        self.undo_stack.push(_UndoCommand(self.book, command, text))
        return True

    def allocate_selected(self, field: str, all_levels: bool = False) -> bool:
        code = self.current_code()
        if code is None:
            self._message(self.tr("Select a unit first."), Qgis.Info)
            return False
        return self.allocate(code, field, all_levels)

    def _on_provenance_edited(self, field: str) -> None:
        code = self.current_code()
        if code is None or self.book is None:
            return
        text = self.provenance_edits[field].text()
        if text.strip() != (self.book.value(code, field) or ""):
            self.edit_value(code, field, text)

    def _show_provenance(self, code: Optional[str]) -> None:
        for field, edit in self.provenance_edits.items():
            edit.blockSignals(True)
            edit.setText("" if code is None or self.book is None else str(self.book.value(code, field) or ""))
            edit.setEnabled(code is not None)
            edit.blockSignals(False)

    def _on_book_changed(self, book: TargetBook) -> None:
        if book is self.book:
            self._refresh_problems()
            self._show_provenance(self.current_code())

    def _refresh_problems(self) -> None:
        if self.book is None:
            self.problems_model.set_problems([], None)
            return
        problems = self.book.problems()
        self.problems_model.set_problems(problems, self.book)
        errors = sum(1 for p in problems if p.severity == ERROR)
        self.tabs.setTabText(
            0,
            self.tr("Problems ({errors} errors, {warnings} warnings)").format(
                errors=errors, warnings=len(problems) - errors
            ),
        )
        self.status.setText(
            self.tr("{units} units, year {year}").format(units=len(self.book.hierarchy), year=self._year)
        )

    def _on_problem_clicked(self, index: QModelIndex) -> None:
        code = self.problems_model.data(index, CODE_ROLE)
        if code:
            self.select_unit(code)

    def problem_list(self) -> list[Problem]:
        return [] if self.book is None else list(self.book.problems())

    # -- mapped figures ------------------------------------------------------------------
    def _mapped_inputs(self) -> dict[str, LayerInput]:
        inputs = {}
        for kind, slot in _MAPPED_SLOT.items():
            layer = self.layer(slot)
            if layer is not None:
                inputs[kind] = LayerInput.from_layer(layer, DEFAULT_MODES[kind])
        return inputs

    def compute_mapped(self, background: bool = True) -> bool:
        """Compute mapped figures from the DLTB / YJJBNTTB / GDBHMB layers (a QgsTask by default)."""
        if self.hierarchy is None and self.build_tree() is None:
            return False
        inputs = self._mapped_inputs()
        if not inputs:
            self._message(
                self.tr("Choose a land-use (DLTB), PBF or target-polygon layer first."), Qgis.Warning
            )
            return False
        if not background:
            figures, _arrays = compute_mapped_figures(self.hierarchy, inputs)
            self.set_mapped(figures)
            return True
        if self.task is not None:
            return False
        self.task = MappedFiguresTask(
            self.tr("Mapped figures for responsibility targets"), self.hierarchy, inputs, self._on_task_done
        )
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.compute_action.setEnabled(False)
        QgsApplication.taskManager().addTask(self.task)
        return True

    def _on_task_done(self, task: MappedFiguresTask) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.compute_action.setEnabled(True)
        if task.figures is not None and task.hierarchy is self.hierarchy:
            self.set_mapped(task.figures)
        elif task.error is not None:
            self._message(self.tr("Mapped figures failed: {error}").format(error=task.error), Qgis.Critical)

    def set_mapped(self, figures: Optional[MappedFigures]) -> None:
        self.mapped = figures
        if self.book is not None:
            self.book.mapped = figures
            self.model.set_book(self.book)
            self.tree.expandToDepth(0)
        self.mappedFiguresReady.emit()

    # -- store -----------------------------------------------------------------------------
    def set_store(self, store: Optional[TargetStore], remember: bool = True) -> bool:
        """Use ``store`` (schema created if missing) and reload the year's targets."""
        if store is not None:
            try:
                store.ensure_schema()
            except Exception as error:  # StoreError, sqlite3/psycopg2 errors: show, keep the old store
                self._message(
                    self.tr("Cannot use {store}: {error}").format(store=store.describe(), error=error),
                    Qgis.Critical,
                )
                return False
        self.store = store
        self.store_label.setText(self.tr("Store: {store}").format(store=store.describe()) if store else "")
        if remember and store is not None:
            QgsProject.instance().writeEntry(PROJECT_SCOPE, STORE_ENTRY, _project_uri(store))
        self.storeChanged.emit(store)
        self._load_book()
        return True

    def choose_geopackage(self) -> bool:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("GeoPackage for the targets"),
            "",
            self.tr("GeoPackage (*.gpkg)"),
            options=QFileDialog.DontConfirmOverwrite,
        )
        if not path:
            return False
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return self.set_store(GeoPackageStore(path))

    def choose_postgres(self) -> bool:
        names = postgres_connection_names()
        if not names:
            self._message(
                self.tr("No PostgreSQL connection is configured in QGIS (Data Source Manager)."), Qgis.Warning
            )
            return False
        name, ok = QInputDialog.getItem(
            self, self.tr("PostgreSQL connection"), self.tr("Connection"), names, 0, False
        )
        if not ok:
            return False
        schema, ok = QInputDialog.getText(
            self, self.tr("PostgreSQL schema"), self.tr("Schema"), text="farmland_guard"
        )
        if not ok or not schema.strip():
            return False
        try:
            store = PostgresStore(postgres_dsn(name), schema.strip(), connection_name=name)
        except StoreError as error:
            self._message(str(error), Qgis.Critical)
            return False
        return self.set_store(store)

    def restore_from_project(self, *_args) -> None:
        """Reopen the store and layers the project remembers (connected to QgsProject.readProject)."""
        project = QgsProject.instance()
        for slot in LAYER_SLOTS:
            layer_id, found = project.readEntry(PROJECT_SCOPE, LAYER_ENTRY.format(slot), "")
            if found and project.mapLayer(layer_id) is not None:
                self.layer_combos[slot].setLayer(project.mapLayer(layer_id))
        uri, found = project.readEntry(PROJECT_SCOPE, STORE_ENTRY, "")
        if found and uri:
            if uri.startswith("gpkg:"):
                uri = "gpkg:" + project.readPath(uri[5:])
            try:
                self.set_store(open_store(uri), remember=False)
            except StoreError as error:
                self._message(
                    self.tr("Cannot reopen the target store: {error}").format(error=error), Qgis.Warning
                )

    def _remember_layers(self) -> None:
        for slot, combo in self.layer_combos.items():
            layer = combo.currentLayer()
            QgsProject.instance().writeEntry(
                PROJECT_SCOPE, LAYER_ENTRY.format(slot), layer.id() if layer else ""
            )

    def reload(self) -> None:
        if self.book is not None and self.book.is_modified() and not self.confirm_discard():
            return
        self._load_book()

    def save(self) -> bool:
        """Save pending changes in one transaction; on a conflict merge or ask, never overwrite unseen."""
        if self.book is None:
            return False
        if self.store is None and not self.choose_geopackage():
            return False
        names = {code: self.book.hierarchy[code].name for code in self.book.hierarchy.depth_first()}
        for _attempt in range(5):
            changes = self.book.pending()
            if not changes:
                self.undo_stack.setClean()
                self._message(self.tr("Nothing to save."), Qgis.Info)
                return True
            try:
                saved = self.store.save_targets(changes, names)
            except SaveConflict as conflict:
                if not self._resolve(conflict.conflicts):
                    self._message(self.tr("Save canceled; nothing was written."), Qgis.Warning)
                    return False
                continue
            except Exception as error:  # the transaction was rolled back: the last saved state stands
                self._message(
                    self.tr("Saving failed, nothing was written: {error}").format(error=error), Qgis.Critical
                )
                return False
            deleted = [c.key[0] for c in changes if c.new is None]
            self.book.mark_saved(saved, deleted)
            self.undo_stack.setClean()
            self.model.set_book(self.book)
            self._message(
                self.tr("{n} target rows saved to {store}.").format(
                    n=len(changes), store=self.store.describe()
                ),
                Qgis.Success,
            )
            return True
        return False

    def _resolve(self, conflicts: Sequence) -> bool:
        """Merge rows edited in different fields; ask about the rest. False = cancel."""
        unresolved = []
        for conflict in conflicts:
            merged, fields = merge_records(conflict.base, conflict.mine, conflict.theirs)
            if fields:
                unresolved.append(conflict)
            else:
                self.book.rebase(conflict.key[0], conflict.theirs, merged)
        if not unresolved:
            return True
        choice = self.conflict_resolver(unresolved)
        if choice not in (KEEP_MINE, TAKE_THEIRS):
            return False
        for conflict in unresolved:
            keep = conflict.mine if choice == KEEP_MINE else conflict.theirs
            self.book.rebase(conflict.key[0], conflict.theirs, keep)
        return True

    def _ask_conflict(self, conflicts: Sequence) -> Optional[str]:
        return ask_conflict(conflicts, self.unit_name, self)

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved targets"),
            self.tr("Discard the unsaved target edits?"),
            QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Cancel,
        )
        return answer == QMessageBox.Discard

    # -- roster, export ------------------------------------------------------------------
    def _request_roster(self) -> None:
        code = self.current_code()
        if code is not None:
            self.rosterRequested.emit(code, self.unit_name(code))

    def open_export(self) -> None:
        """Open farmland:targetsexport prefilled with this dock's store, layers and year."""
        from qgis import processing

        parameters = {"YEAR": self._year}
        if self.store is not None:
            uri, provider = self.store.qgis_source()
            # Processing reads "provider://uri" for anything but OGR
            parameters["TARGETS"] = uri if provider == "ogr" else "{}://{}".format(provider, uri)
        for slot, name in (
            ("CJDCQ", "VILLAGES"),
            ("XZQ", "TOWNSHIPS"),
            ("DLTB", "LANDUSE"),
            ("YJJBNTTB", "PBF"),
            ("GDBHMB", "TARGET_POLYGONS"),
        ):
            layer = self.layer(slot)
            if layer is not None:
                parameters[name] = layer.id()
        processing.execAlgorithmDialog("farmland:targetsexport", parameters)

    # -- helpers -------------------------------------------------------------------------
    def unit_name(self, code: str) -> str:
        if self.hierarchy is not None and code in self.hierarchy:
            return self.hierarchy[code].name
        return ""

    def _unit_text(self, code: str) -> str:
        return unit_label(code, self.unit_name(code))

    def _message(self, text: str, level=Qgis.Info) -> None:
        self.status.setText(text)
        if self.message_bar is not None:
            self.message_bar.pushMessage(self.tr("Targets"), text, level, 6)

    def cleanup(self) -> None:
        """Before the plugin unloads: cancel the task, remove highlights, disconnect from the project."""
        if self.task is not None:
            self.task.on_done = None
            self.task.cancel()
            self.task = None
        self.locator.clear()
        QgsProject.instance().readProject.disconnect(self.restore_from_project)


def _project_uri(store: TargetStore) -> str:
    if isinstance(store, GeoPackageStore):
        return "gpkg:" + QgsProject.instance().writePath(str(store.path))
    return store.uri()
