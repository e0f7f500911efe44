"""Build the default 一村一图 template resources/templates/village_map_a3.qpt (A3 landscape).

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 dev/make_village_template.py [--out PATH]

The items carry the ids engine/village_layout.py looks for (map, title, subtitle, stats_table,
roster_table, legend, scalebar, north_arrow, locator, crs_note, data_source, credits, report_phone,
notice). Texts are placeholders: every page fills them. The font is WenQuanYi Micro Hei (pdftotext
gives back the exact characters with it); the plugin swaps in an installed CJK family when it is
missing. Commit the generated .qpt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, "/usr/share/qgis/python/plugins")
import _checkout  # noqa: E402,F401
from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QRectF, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

FONT = "WenQuanYi Micro Hei"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "templates" / "village_map_a3.qpt"
PANEL_X = 298.0
PANEL_W = 110.0


def QgsLayoutMeasurementMm(value: float):  # noqa: N802 - reads like the QGIS type it builds
    from qgis.core import QgsLayoutMeasurement

    return QgsLayoutMeasurement(value, QgsUnitTypes.LayoutMillimeters)


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(FONT)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def text_format(size: float, bold: bool = False, colour: str = "#000000") -> QgsTextFormat:
    t = QgsTextFormat()
    t.setFont(font(size, bold))
    t.setSize(size)
    t.setSizeUnit(QgsUnitTypes.RenderPoints)
    t.setColor(QColor(colour))
    return t


def place(item, x: float, y: float, w: float, h: float) -> None:
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))


def label(layout, item_id, text, x, y, w, h, size, bold=False, colour="#000000", align=Qt.AlignLeft):
    item = QgsLayoutItemLabel(layout)
    item.setId(item_id)
    item.setText(text)
    item.setFont(font(size, bold))
    item.setFontColor(QColor(colour))
    item.setHAlign(align)
    item.setVAlign(Qt.AlignVCenter)
    item.setMargin(0.5)
    layout.addLayoutItem(item)
    place(item, x, y, w, h)
    return item


def border(layout, x, y, w, h, width):
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    shape.setSymbol(
        QgsFillSymbol.createSimple({"style": "no", "outline_color": "#222222", "outline_width": str(width)})
    )
    layout.addLayoutItem(shape)
    place(shape, x, y, w, h)
    shape.setLocked(True)
    return shape


def table(layout, item_id, x, y, w, h, header, rows, widths):
    """A manual table in one frame; ``widths`` are the text widths: each column also takes 2 × 0.8 mm of
    cell margin, so they add up to ``w`` − 1.6 mm × columns."""
    t = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(t)
    frame = QgsLayoutFrame(layout, t)
    frame.attemptSetSceneRect(QRectF(x, y, w, h))
    frame.setId(item_id)
    t.addFrame(frame)
    t.setContentTextFormat(text_format(8))
    t.setHeaderTextFormat(text_format(8, True))
    t.setHeaderHAlignment(QgsLayoutTable.HeaderCenter)
    t.setCellMargin(0.8)
    t.setGridStrokeWidth(0.2)
    t.setGridColor(QColor("#555555"))
    t.setBackgroundColor(QColor("#ffffff"))
    style = QgsLayoutTableStyle()
    style.enabled = True
    style.cellBackgroundColor = QColor("#eef2e6")
    t.setCellStyle(QgsLayoutTable.HeaderRow, style)
    t.setHeaders([QgsLayoutTableColumn(text) for text in header])
    t.setIncludeTableHeader(True)
    t.setColumnWidths(widths)
    t.setWrapBehavior(QgsLayoutTable.TruncateText)
    t.setTableContents([[QgsTableCell(text) for text in row] for row in rows])
    return frame


def build(layout: QgsPrintLayout) -> None:
    layout.initializeDefaults()
    layout.setName("一村一图 A3")
    layout.pageCollection().page(0).setPageSize("A3", QgsLayoutItemPage.Landscape)
    border(layout, 6, 6, 408, 285, 0.8)
    border(layout, 8, 8, 404, 281, 0.2)

    label(
        layout, "title", "××县××镇××村耕地保护现状图", 10, 10, 400, 14, 24, bold=True, align=Qt.AlignHCenter
    )
    label(
        layout,
        "subtitle",
        "村代码：000000000000　　比例尺 1:5000　　（田长制公示图）",
        10,
        24,
        400,
        7,
        10,
        colour="#444444",
        align=Qt.AlignHCenter,
    )

    main = QgsLayoutItemMap(layout)
    main.setId("map")
    layout.addLayoutItem(main)
    place(main, 12, 33, 280, 250)
    main.setExtent(QgsRectangle(0, 0, 280, 250))
    place(main, 12, 33, 280, 250)
    main.setFrameEnabled(True)
    main.setFrameStrokeWidth(QgsLayoutMeasurementMm(0.5))
    main.setBackgroundColor(QColor("#ffffff"))

    north = QgsLayoutItemPicture(layout)
    north.setId("north_arrow")
    north.setPicturePath(str(Path(QgsApplication.pkgDataPath()) / "svg" / "arrows" / "NorthArrow_02.svg"))
    layout.addLayoutItem(north)
    place(north, 272, 37, 14, 20)
    north.setLinkedMap(main)

    bar = QgsLayoutItemScaleBar(layout)
    bar.setId("scalebar")
    bar.setStyle("Single Box")
    bar.setLinkedMap(main)
    bar.setUnits(QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("米")
    bar.setMapUnitsPerScaleBarUnit(1.0)
    bar.setNumberOfSegments(4)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(40)
    bar.setMaximumBarWidth(65)
    bar.setHeight(2.0)
    bar.setTextFormat(text_format(8))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 210))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(16, 268, QgsUnitTypes.LayoutMillimeters))
    bar.update()

    notice = label(layout, "notice", "", 120, 275, 168, 6, 10, colour="#c62828", align=Qt.AlignRight)
    notice.setBackgroundEnabled(False)

    label(layout, "locator_title", "位置示意图", PANEL_X, 33, 60, 6, 10, bold=True)
    locator = QgsLayoutItemMap(layout)
    locator.setId("locator")
    layout.addLayoutItem(locator)
    place(locator, PANEL_X, 39, PANEL_W, 52)
    locator.setExtent(QgsRectangle(0, 0, PANEL_W, 52))
    place(locator, PANEL_X, 39, PANEL_W, 52)
    locator.setFrameEnabled(True)
    locator.setBackgroundColor(QColor("#ffffff"))
    overview = QgsLayoutItemMapOverview("main extent", locator)
    overview.setLinkedMap(main)
    overview.setFrameSymbol(
        QgsFillSymbol.createSimple({"style": "no", "outline_color": "#1565c0", "outline_width": "0.5"})
    )
    locator.overviews().addOverview(overview)

    label(layout, "stats_title", "耕地保护情况统计", PANEL_X, 94, PANEL_W, 6, 11, bold=True)
    table(
        layout,
        "stats_table",
        PANEL_X,
        100,
        PANEL_W,
        58,
        ("项目", "面积（亩）", "面积（公顷）"),
        [("耕地总面积", "0.00", "0.0000")],
        [43.0, 31.0, 31.2],
    )
    label(layout, "roster_title", "田长公示", PANEL_X, 160, PANEL_W, 6, 11, bold=True)
    table(
        layout,
        "roster_table",
        PANEL_X,
        166,
        PANEL_W,
        52,
        ("层级", "姓名", "职务", "联系电话"),
        [("村级田长", "—", "—", "—")],
        [14.0, 13.0, 55.0, 21.6],
    )

    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("图例")
    legend.setLinkedMap(main)
    legend.setColumnCount(2)
    legend.setSplitLayer(True)
    legend.setEqualColumnWidth(True)
    legend.setSymbolWidth(7)
    legend.setSymbolHeight(3.6)
    legend.setBoxSpace(1.5)
    legend.setStyleFont(QgsLegendStyle.Title, font(10, True))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, font(8))
    legend.setStyleFont(QgsLegendStyle.Group, font(8, True))
    legend.setStyleFont(QgsLegendStyle.Subgroup, font(8, True))
    legend.setResizeToContents(False)
    legend.setFrameEnabled(True)
    legend.setFrameStrokeWidth(QgsLayoutMeasurementMm(0.2))
    layout.addLayoutItem(legend)
    place(legend, PANEL_X, 220, PANEL_W, 44)

    label(layout, "crs_note", "2000国家大地坐标系　高斯-克吕格投影　3°带", PANEL_X, 265, PANEL_W, 4.5, 7.5)
    label(layout, "data_source", "数据来源：国土变更调查", PANEL_X, 269.5, PANEL_W, 4.5, 7.5)
    label(layout, "credits", "制图单位：××县自然资源局　　制图日期：", PANEL_X, 274, PANEL_W, 4.5, 7.5)
    label(
        layout,
        "report_phone",
        "违法占用耕地举报电话：12336",
        PANEL_X,
        278.5,
        PANEL_W,
        5,
        9,
        bold=True,
        colour="#c62828",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject()
    layout = QgsPrintLayout(project)
    build(layout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ok = layout.saveAsTemplate(str(args.out), QgsReadWriteContext())
    print("wrote {} ({})".format(args.out, "ok" if ok else "FAILED"))
    del layout
    del project
    app.exitQgis()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
