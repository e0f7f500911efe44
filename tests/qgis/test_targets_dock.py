"""Drive the targets dock and the roster dock like a user: edit, undo, redo, allocate, problems, save,
reload, the two-editor conflict, zoom to a unit, mapped figures in a background task."""

from __future__ import annotations

import time

import pytest

from farmland_guard.core.targets.records import TargetRecord
from farmland_guard.engine.target_store import GeoPackageStore

# Two townships, two villages each; villages are 1 km squares in CGCS2000 3° zone 38 (EPSG:4526).
X0, Y0 = 38500000.0, 3900000.0
VILLAGES = {
    "410823100201": ("甲村", 0, 0),
    "410823100202": ("乙村", 1, 0),
    "410823101201": ("丙村", 0, 1),
    "410823101202": ("丁村", 1, 1),
}
TOWNSHIPS = {"410823100": ("一镇", 0), "410823101": ("二镇", 1)}
# 耕地 parcels per village: TBDLMJ in m² (one non-耕地 parcel per village must not count)
FARMLAND_M2 = {
    "410823100201": [6666.67, 3333.33],  # 10.00 亩 + 5.00 亩 (to 0.01 亩)
    "410823100202": [13333.33],  # 20.00 亩
    "410823101201": [20000.00],  # 30.00 亩
    "410823101202": [26666.67, 6666.67],  # 40.00 + 10.00 亩
}


def _square(ix, iy, size=1000.0, inset=0.0):
    x, y = X0 + ix * size + inset, Y0 + iy * size + inset
    s = size - 2 * inset
    return "POLYGON(({x} {y},{x2} {y},{x2} {y2},{x} {y2},{x} {y}))".format(x=x, y=y, x2=x + s, y2=y + s)


@pytest.fixture()
def county(tmp_path, write_layer, qgis_new_project):
    from qgis.core import QgsProject, QgsVectorLayer

    path = tmp_path / "county.gpkg"
    xzq = write_layer(
        path,
        "XZQ",
        4526,
        {"XZQDM": "str", "XZQMC": "str"},
        [
            (
                "MULTIPOLYGON((({x} {y},{x2} {y},{x2} {y2},{x} {y2},{x} {y})))".format(
                    x=X0, y=Y0 + iy * 1000, x2=X0 + 2000, y2=Y0 + iy * 1000 + 1000
                ),
                {"XZQDM": code, "XZQMC": name},
            )
            for code, (name, iy) in TOWNSHIPS.items()
        ],
    )
    cjdcq = write_layer(
        path,
        "CJDCQ",
        4526,
        {"ZLDWDM": "str", "ZLDWMC": "str"},
        [
            (_square(ix, iy), {"ZLDWDM": code + "0000000", "ZLDWMC": name})
            for code, (name, ix, iy) in VILLAGES.items()
        ],
    )
    rows = []
    for code, areas in FARMLAND_M2.items():
        _name, ix, iy = VILLAGES[code]
        for n, area in enumerate(areas):
            rows.append(
                (
                    _square(ix, iy, inset=10 + n * 100),
                    {"ZLDWDM": code + "0000000", "DLBM": "0103", "TBDLMJ": area},
                )
            )
        rows.append(
            (_square(ix, iy, inset=400), {"ZLDWDM": code + "0000000", "DLBM": "0701", "TBDLMJ": 999.0})
        )
    dltb = write_layer(path, "DLTB", 4526, {"ZLDWDM": "str", "DLBM": "str", "TBDLMJ": "real"}, rows)
    layers = {}
    for name, source in (("XZQ", xzq), ("CJDCQ", cjdcq), ("DLTB", dltb)):
        layer = QgsVectorLayer(source, name, "ogr")
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        layers[name] = layer
    return layers


@pytest.fixture()
def dock(county, qgis_canvas, tmp_path, qgis_iface):
    from farmland_guard.ui.targets_dock import TargetsDock

    widget = TargetsDock(qgis_canvas, qgis_iface.mainWindow())
    widget.confirm_discard = lambda: True
    widget.set_layers(XZQ=county["XZQ"], CJDCQ=county["CJDCQ"], DLTB=county["DLTB"])
    widget.set_store(GeoPackageStore(tmp_path / "targets.gpkg"))
    widget.set_year(2024)
    assert widget.build_tree() is not None
    yield widget
    widget.cleanup()
    widget.deleteLater()


def _cell(dock, code, column):
    from qgis.PyQt.QtCore import Qt

    return dock.model.data(dock.model.index_of(code, column), Qt.DisplayRole)


def _set(dock, code, column, text):
    from qgis.PyQt.QtCore import Qt

    return dock.model.setData(dock.model.index_of(code, column), text, Qt.EditRole)


def test_tree_and_mapped_figures(dock):
    from farmland_guard.ui.targets_model import COL_MAPPED_FARMLAND, COL_NAME

    hierarchy = dock.hierarchy
    assert hierarchy.roots == ("410823",)
    assert hierarchy.children("410823") == ("410823100", "410823101")
    assert len(hierarchy) == 7
    assert _cell(dock, "410823100201", COL_NAME) == "甲村"
    dock.compute_mapped(background=False)
    # hand sums in 亩 (m² × 0.0015, half-up): 15.00, 20.00, 30.00, 50.00; townships 35.00, 80.00
    expected = {
        "410823100201": "15.00",
        "410823100202": "20.00",
        "410823101201": "30.00",
        "410823101202": "50.00",
        "410823100": "35.00",
        "410823101": "80.00",
        "410823": "115.00",
    }
    for code, text in expected.items():
        assert _cell(dock, code, COL_MAPPED_FARMLAND) == text


def test_mapped_figures_in_a_background_task(dock):
    from qgis.core import QgsApplication

    from farmland_guard.ui.targets_model import COL_MAPPED_FARMLAND

    assert dock.compute_mapped(background=True)
    deadline = time.monotonic() + 30
    while dock.task is not None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is None
    assert _cell(dock, "410823", COL_MAPPED_FARMLAND) == "115.00"


def test_edit_undo_redo_and_validation(dock):
    from farmland_guard.ui.targets_model import COL_DIFF_FARMLAND, COL_FARMLAND, COL_SUM_FARMLAND

    assert _set(dock, "410823", COL_FARMLAND, "100")
    assert dock.book.value("410823", "farmland") == 10000
    assert _set(dock, "410823100", COL_FARMLAND, "1,234.5")
    assert dock.book.value("410823100", "farmland") == 123450
    assert _cell(dock, "410823", COL_SUM_FARMLAND) == "1234.50"
    assert _cell(dock, "410823", COL_DIFF_FARMLAND) == "1134.50"
    assert dock.undo_stack.count() == 2
    # refused: 3 decimals, negative, text; nothing is pushed
    for text in ("12.345", "-1", "abc"):
        assert not _set(dock, "410823101", COL_FARMLAND, text)
    assert dock.undo_stack.count() == 2
    assert "2 decimals" in dock.status.text() or "亩" in dock.status.text()
    dock.undo_action.trigger()
    assert dock.book.value("410823100", "farmland") is None
    dock.undo_action.trigger()
    assert dock.book.value("410823", "farmland") is None
    dock.redo_action.trigger()
    dock.redo_action.trigger()
    assert dock.book.value("410823100", "farmland") == 123450
    assert dock.undo_action.shortcut().toString() == "Ctrl+Z"
    assert dock.redo_action.shortcut().toString() == "Ctrl+Shift+Z"


def test_allocate_is_one_undo_step_and_levels_exactly(dock):
    from farmland_guard.ui.targets_model import COL_FARMLAND

    dock.compute_mapped(background=False)
    _set(dock, "410823", COL_FARMLAND, "100.00")
    assert dock.select_unit("410823")
    assert dock.allocate_selected("farmland", all_levels=True)
    values = {c: dock.book.value(c, "farmland") for c in dock.hierarchy.depth_first()}
    # by hand: 100 亩 × 35/115 = 30.434… → 30.43; × 80/115 = 69.565… → 69.57 (sum 100.00)
    assert values["410823100"] == 3043 and values["410823101"] == 6957
    # 30.43 × 15/35 = 13.041… → 13.04, × 20/35 = 17.388… → 17.39 (sum 30.43)
    assert values["410823100201"] == 1304 and values["410823100202"] == 1739
    # 69.57 × 30/80 = 26.08875 → 26.09, × 50/80 = 43.48125 → 43.48 (sum 69.57)
    assert values["410823101201"] == 2609 and values["410823101202"] == 4348
    kinds = {p.kind for p in dock.problem_list() if p.field == "farmland"}
    assert "sum-mismatch" not in kinds and "shortfall" not in kinds
    assert dock.undo_stack.count() == 2
    dock.undo_action.trigger()
    assert all(dock.book.value(c, "farmland") is None for c in dock.hierarchy.depth_first() if c != "410823")


def test_problems_list_and_click_selects_unit(dock):
    from farmland_guard.ui.targets_model import COL_FARMLAND

    dock.compute_mapped(background=False)
    _set(dock, "410823", COL_FARMLAND, "100")
    _set(dock, "410823100", COL_FARMLAND, "60")  # mapped 35.00 → 不足额
    _set(dock, "410823101", COL_FARMLAND, "30")  # 60 + 30 ≠ 100 → sum mismatch at the county
    problems = dock.problem_list()
    shortfall = [p for p in problems if p.kind == "shortfall" and p.field == "farmland"]
    assert [(p.unit_code, p.expected, p.actual) for p in shortfall] == [("410823100", 3500, 6000)]
    mismatch = [p for p in problems if p.kind == "sum-mismatch"]
    assert [(p.unit_code, p.expected, p.actual) for p in mismatch] == [("410823", 10000, 9000)]
    model = dock.problems_model
    assert model.rowCount() == len(problems)
    texts = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    row = next(i for i, text in enumerate(texts) if "不足额" in text)
    dock.problems.clicked.emit(model.index(row, 0))
    assert dock.current_code() == "410823100"


def test_selecting_a_village_zooms_to_it(dock, qgis_canvas):
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4526"))
    qgis_canvas.resize(400, 400)
    assert dock.select_unit("410823101202")
    extent = qgis_canvas.extent()
    village = QgsRectangle(X0 + 1000, Y0 + 1000, X0 + 2000, Y0 + 2000)
    assert extent.contains(village)
    # the village (1 km) plus a 10 % margin fills the canvas in its tighter direction
    assert min(extent.width(), extent.height()) == pytest.approx(1100, abs=1)
    assert extent.center().x() == pytest.approx(X0 + 1500, abs=1)
    assert extent.center().y() == pytest.approx(Y0 + 1500, abs=1)
    assert dock.locator._highlights


def test_search_filters_the_tree(dock):
    dock.search.setText("丁村")
    assert dock.proxy.rowCount() == 1  # the county, as ancestor of the match
    county = dock.proxy.index(0, 0)
    assert dock.proxy.rowCount(county) == 1
    dock.search.setText("")
    assert dock.proxy.rowCount(dock.proxy.index(0, 0)) == 2


def test_save_reload_and_provenance(dock, tmp_path):
    from farmland_guard.ui.targets_model import COL_PBF

    _set(dock, "410823", COL_PBF, "88.88")
    dock.select_unit("410823")
    dock.provenance_edits["doc_no"].setText("温政〔2024〕3号")
    dock._on_provenance_edited("doc_no")
    assert dock.undo_stack.count() == 2
    assert dock.save()
    assert dock.undo_stack.isClean()
    [row] = GeoPackageStore(tmp_path / "targets.gpkg").load_targets(2024)
    assert (row.unit_code, row.pbf, row.doc_no, row.version) == ("410823", 8888, "温政〔2024〕3号", 1)
    dock.set_year(2023)
    assert dock.book.value("410823", "pbf") is None
    dock.set_year(2024)
    assert dock.book.value("410823", "pbf") == 8888


def test_conflict_with_another_editor(dock, tmp_path):
    from farmland_guard.core.targets.book import TargetChange
    from farmland_guard.ui.targets_model import COL_FARMLAND

    _set(dock, "410823", COL_FARMLAND, "100")
    assert dock.save()
    other = GeoPackageStore(tmp_path / "targets.gpkg")
    [theirs] = other.load_targets(2024)
    other.save_targets([TargetChange(theirs, TargetRecord("410823", 2024, farmland=11111, version=1))])
    _set(dock, "410823", COL_FARMLAND, "222.22")
    seen = []
    dock.conflict_resolver = lambda conflicts: seen.append(conflicts) or None  # cancel
    assert not dock.save()
    assert other.load_targets(2024)[0].farmland == 11111  # theirs kept, nothing overwritten
    assert seen[0][0].mine.farmland == 22222 and seen[0][0].theirs.farmland == 11111
    dock.conflict_resolver = lambda conflicts: "mine"
    assert dock.save()
    [row] = other.load_targets(2024)
    assert (row.farmland, row.version) == (22222, 3)


def test_roster_dock_edits_the_tz_table(dock, tmp_path, qgis_iface):
    from farmland_guard.core.targets.roster import RosterEntry
    from farmland_guard.ui.roster_dock import RosterDock, link_roster

    roster = RosterDock(qgis_iface.mainWindow())
    link_roster(dock, roster)
    dock.select_unit("410823100201")
    dock._request_roster()
    assert roster.unit_code == "410823100201"
    roster.add_row(RosterEntry("410823100201", "村级田长", "张三", "村支书", "0391-5550000"))
    roster.add_row(RosterEntry("410823100201", "网格员", "李四", "", "call me"))
    assert not roster.save()  # bad phone
    roster.table.item(1, 3).setText("13800000000")
    assert roster.save()
    stored = GeoPackageStore(tmp_path / "targets.gpkg").load_roster("410823100201")
    assert [(e.level, e.name, e.phone) for e in stored] == [
        ("村级田长", "张三", "0391-5550000"),
        ("网格员", "李四", "13800000000"),
    ]
    roster.deleteLater()


def test_project_remembers_the_store(dock, tmp_path, qgis_canvas):
    from farmland_guard.ui.targets_dock import TargetsDock

    other = TargetsDock(qgis_canvas)
    try:
        assert other.store is None
        other.restore_from_project()
        assert isinstance(other.store, GeoPackageStore)
        assert other.store.path == tmp_path / "targets.gpkg"
        assert other.layer("CJDCQ") is dock.layer("CJDCQ")
    finally:
        other.cleanup()
        other.deleteLater()
