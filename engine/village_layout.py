"""The print layout of one village map (一村一图): template loading, map styling and filling a page.

The layout comes from a ``.qpt`` template; its items are found by id (ITEM_*). Only the map item is
required; a missing optional item is reported once and left out. Every text item is filled from a
``core.village_maps.VillagePage``, and the page's values are also set as layout variables
(``@fg_title``, ``@fg_village_code`` …) for templates that print them in their own labels.

Map styling (done on clones of the input layers): 耕地 by class (水田/水浇地/旱地), other land muted,
永久基本农田 hatched, the village boundary bold over a halo, neighbours greyed with their names, and
图斑 numbers on 耕地 parcels large enough on paper. Renderers and labelings are built in Python and
*cloned* before they are set: the clones are plain C++ objects, so drawing a feature never has to
take the Python GIL to look for Python overrides (which would serialise the export threads).

A ``VillageLayout`` lives in one thread: build it, fill and export pages, and drop it in the same
thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from osgeo import gdal
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateTransform,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsLinePatternFillSymbolLayer,
    QgsLineSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsRendererCategory,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsScaleBarSettings,
    QgsSimpleLineSymbolLayer,
    QgsTableCell,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase
from qgis.PyQt.QtXml import QDomDocument

from ..core.village_maps import (
    CLASS_NAMES,
    LABEL_MIN_PAPER_MM2,
    ROSTER_HEADER,
    STATS_HEADER,
    VillagePage,
    scalebar_segment_m,
)

# Item ids of the template
ITEM_MAP = "map"
ITEM_TITLE = "title"
ITEM_SUBTITLE = "subtitle"
ITEM_STATS = "stats_table"
ITEM_ROSTER = "roster_table"
ITEM_LEGEND = "legend"
ITEM_SCALEBAR = "scalebar"
ITEM_NORTH = "north_arrow"
ITEM_LOCATOR = "locator"
ITEM_CRS = "crs_note"
ITEM_SOURCE = "data_source"
ITEM_CREDITS = "credits"
ITEM_PHONE = "report_phone"
ITEM_NOTICE = "notice"
REQUIRED_ITEMS = (ITEM_MAP,)
OPTIONAL_ITEMS = (
    ITEM_TITLE,
    ITEM_SUBTITLE,
    ITEM_STATS,
    ITEM_ROSTER,
    ITEM_LEGEND,
    ITEM_SCALEBAR,
    ITEM_NORTH,
    ITEM_LOCATOR,
    ITEM_CRS,
    ITEM_SOURCE,
    ITEM_CREDITS,
    ITEM_PHONE,
    ITEM_NOTICE,
)
#: note key of a VillagePage → the label item that prints it
NOTE_ITEMS = {
    "subtitle": ITEM_SUBTITLE,
    "crs": ITEM_CRS,
    "source": ITEM_SOURCE,
    "credits": ITEM_CREDITS,
    "phone": ITEM_PHONE,
    "notice": ITEM_NOTICE,
}

#: the family the shipped template names; with it pdftotext returns the exact characters
TEMPLATE_FONT = "WenQuanYi Micro Hei"
#: CJK families tried in order when the template's family is not installed (Windows, macOS, Linux)
CJK_FONTS = (
    TEMPLATE_FONT,
    "Microsoft YaHei",
    "微软雅黑",
    "SimHei",
    "黑体",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "SimSun",
    "宋体",
)
#: expression variable holding the current village's 12-digit code (set per page)
VILLAGE_VARIABLE = "fg_village_code"

# Colours: 耕地 classes distinct and clear, everything else pale
FARMLAND_COLOURS = {"0101": "#9fd3e0", "0102": "#cde59a", "0103": "#f3dc8c"}
FARMLAND_OUTLINE = "#a08a55"
MUTED = (
    ("02", "园地", "#ece3ef"),
    ("03", "林地", "#dcebd8"),
    ("04", "草地", "#e9f1dc"),
    ("JS", "城乡建设用地", "#f1dfdc"),
    ("10", "交通运输用地", "#e4e4e4"),
    ("11", "水域及水利设施用地", "#d7e9f4"),
    ("12", "其他土地", "#f0ece3"),
)
MUTED_OUTLINE = "#cfcfcf"
PBF_COLOUR = "#c62828"
VILLAGE_LINE = "#4a148c"
VILLAGE_HALO = "#f6b26b"
NEIGHBOUR_LINE = "#9e9e9e"


class TemplateProblem(Exception):
    """The template cannot be used: ``kind`` is ``unreadable``, ``not-a-layout`` or ``no-map``."""

    def __init__(self, kind: str, path: str, detail: str = "") -> None:
        super().__init__("{}: {} {}".format(kind, path, detail).strip())
        self.kind = kind
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class LayerFields:
    """Field names the styling needs (None where the layer lacks the role)."""

    dlbm: str
    tbbh: str | None
    village_code: str
    village_name: str | None
    landuse_code: str | None = None  # DLTB 坐落单位代码: 图斑 numbers only on the village's own parcels


@dataclass(frozen=True)
class TemplateInfo:
    """What the caller needs before any page is drawn."""

    map_width_mm: float
    map_height_mm: float
    roster_capacity: int
    missing: tuple[str, ...]
    page_width_mm: float
    page_height_mm: float


# --------------------------------------------------------------------------------------- template


def cjk_font_family(preferred: tuple[str, ...] = CJK_FONTS) -> str | None:
    """The first installed CJK family of ``preferred`` (QFontDatabase, not exactMatch: see platform §5)."""
    families = set(QFontDatabase().families())
    for family in preferred:
        if family in families:
            return family
    return None


def read_template(path: str, font_family: str | None) -> str:
    """The template's XML text, with the template font replaced by ``font_family`` when that differs."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateProblem("unreadable", path, str(error)) from error
    document = QDomDocument()
    if not document.setContent(text)[0] or document.documentElement().tagName() != "Layout":
        raise TemplateProblem("not-a-layout", path)
    if font_family and font_family != TEMPLATE_FONT:
        text = text.replace(TEMPLATE_FONT, font_family)
    return text


def _load(layout: QgsPrintLayout, template_xml: str, path: str) -> None:
    document = QDomDocument()
    document.setContent(template_xml)
    _, ok = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not ok:
        raise TemplateProblem("not-a-layout", path)


def _frame_table(layout: QgsPrintLayout, item_id: str):
    frame = layout.itemById(item_id)
    if isinstance(frame, QgsLayoutFrame) and isinstance(frame.multiFrame(), QgsLayoutItemManualTable):
        return frame, frame.multiFrame()
    return None, None


def _row_height_mm(table: QgsLayoutItemManualTable) -> float:
    size = table.contentTextFormat().size()
    return size * 0.3528 * 1.25 + 2 * table.cellMargin()


def template_info(template_xml: str, path: str) -> TemplateInfo:
    """Check the template (in a scratch layout of the calling thread) and measure what the pages need."""
    project = QgsProject()
    layout = QgsPrintLayout(project)
    _load(layout, template_xml, path)
    map_item = layout.itemById(ITEM_MAP)
    if not isinstance(map_item, QgsLayoutItemMap):
        raise TemplateProblem("no-map", path, ITEM_MAP)
    size = map_item.sizeWithUnits()
    width = layout.convertToLayoutUnits(size).width()
    height = layout.convertToLayoutUnits(size).height()
    missing = [i for i in OPTIONAL_ITEMS if layout.itemById(i) is None]
    for table_id in (ITEM_STATS, ITEM_ROSTER):
        if table_id not in missing and _frame_table(layout, table_id)[1] is None:
            missing.append(table_id)  # present but not a manual table: unusable
    capacity = 0
    frame, table = _frame_table(layout, ITEM_ROSTER)
    if table is not None:
        rows = int(frame.rect().height() / _row_height_mm(table))
        capacity = max(rows - 1, 1)  # the header takes a row
    page = layout.pageCollection().page(0)
    page_size = layout.convertToLayoutUnits(page.pageSize()) if page is not None else None
    page_w = float(page_size.width()) if page_size is not None else 420.0
    page_h = float(page_size.height()) if page_size is not None else 297.0
    del layout
    del project
    return TemplateInfo(float(width), float(height), capacity, tuple(missing), page_w, page_h)


# ---------------------------------------------------------------------------------------- styling


def _text_format(family: str, size: float, colour: str = "#000000", bold: bool = False) -> QgsTextFormat:
    font = QFont(family)
    font.setBold(bold)
    text_format = QgsTextFormat()
    text_format.setFont(font)
    text_format.setSize(size)
    text_format.setSizeUnit(QgsUnitTypes.RenderPoints)
    text_format.setColor(QColor(colour))
    return text_format


def _fill(colour: str, outline: str, width: float) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(width), "outline_width_unit": "MM"}
    )


def _stack(layers: list) -> QgsFillSymbol:
    """A fill symbol of several symbol layers. (``QgsFillSymbol([...])`` does not take ownership of the
    list's layers, so Python would free them a second time: hand them over one by one instead.)"""
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_style": "no"})
    symbol.changeSymbolLayer(0, layers[0])
    for layer in layers[1:]:
        symbol.appendSymbolLayer(layer)
    return symbol


def _code_expression(field: str) -> str:
    """Category key of a DLBM: 0101/0102/0103, JS for 05–09, else the first two digits.

    Kept to plain ``left()`` calls because it runs for every parcel drawn; a code whose leading zero
    was lost ('101') is drawn as 其他 (the statistics normalise codes properly)."""
    quoted = '"{}"'.format(field.replace('"', '""'))
    return (
        "CASE WHEN left({f}, 2) = '01' THEN left({f}, 4)"
        " WHEN left({f}, 2) IN ('05', '06', '07', '08', '09') THEN 'JS'"
        " ELSE left({f}, 2) END"
    ).format(f=quoted)


def landuse_renderer(dlbm_field: str) -> QgsCategorizedSymbolRenderer:
    categories = [
        QgsRendererCategory(code, _fill(FARMLAND_COLOURS[code], FARMLAND_OUTLINE, 0.1), name)
        for code, name in CLASS_NAMES.items()
    ]
    categories += [
        QgsRendererCategory(key, _fill(colour, MUTED_OUTLINE, 0.05), name) for key, name, colour in MUTED
    ]
    categories.append(QgsRendererCategory("", _fill("#f4f4f4", MUTED_OUTLINE, 0.05), "其他"))
    renderer = QgsCategorizedSymbolRenderer(_code_expression(dlbm_field), categories)
    return renderer.clone()


def pbf_renderer() -> QgsRuleBasedRenderer:
    hatch = QgsLinePatternFillSymbolLayer.create(
        {"angle": "45", "distance": "2.0", "distance_unit": "MM", "color": PBF_COLOUR}
    )
    hatch.setSubSymbol(QgsLineSymbol.createSimple({"color": PBF_COLOUR, "width": "0.15", "width_unit": "MM"}))
    outline = QgsSimpleLineSymbolLayer.create({"color": PBF_COLOUR, "width": "0.22", "width_unit": "MM"})
    symbol = _stack([hatch, outline])
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, "", "永久基本农田"))
    return QgsRuleBasedRenderer(root).clone()


def _village_filter(code_field: str, equal: bool) -> str:
    return 'left(to_string("{}"), 12) {} @{}'.format(
        code_field.replace('"', '""'), "=" if equal else "<>", VILLAGE_VARIABLE
    )


def village_renderer(code_field: str) -> QgsRuleBasedRenderer:
    halo = QgsSimpleLineSymbolLayer.create(
        {"color": VILLAGE_HALO, "width": "2.4", "width_unit": "MM", "joinstyle": "round"}
    )
    halo.setColor(QColor(246, 178, 107, 150))
    line = QgsSimpleLineSymbolLayer.create(
        {
            "color": VILLAGE_LINE,
            "width": "0.7",
            "width_unit": "MM",
            "line_style": "dash dot",
            "joinstyle": "round",
        }
    )
    own = _stack([halo, line])
    neighbour = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": NEIGHBOUR_LINE, "outline_width": "0.35", "outline_style": "dash"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(own, 0, 0, _village_filter(code_field, True), "本村界线"))
    root.appendChild(
        QgsRuleBasedRenderer.Rule(neighbour, 0, 0, _village_filter(code_field, False), "相邻村界线")
    )
    return QgsRuleBasedRenderer(root).clone()


def mask_renderer(code_field: str) -> QgsInvertedPolygonRenderer:
    """White veil over everything outside the current village (neighbours greyed)."""
    veil = QgsFillSymbol.createSimple({"color": "255,255,255,150", "outline_style": "no"})
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(veil, 0, 0, _village_filter(code_field, True), ""))
    return QgsInvertedPolygonRenderer(QgsRuleBasedRenderer(root)).clone()


def locator_renderer(code_field: str) -> QgsRuleBasedRenderer:
    current = _fill("#e53935", "#b71c1c", 0.2)
    others = _fill("#eeeeee", "#b0b0b0", 0.1)
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(current, 0, 0, _village_filter(code_field, True), "本村"))
    root.appendChild(QgsRuleBasedRenderer.Rule(others, 0, 0, _village_filter(code_field, False), "其他村"))
    return QgsRuleBasedRenderer(root).clone()


def village_labeling(code_field: str, name_field: str, family: str) -> QgsRuleBasedLabeling:
    settings = QgsPalLayerSettings()
    settings.fieldName = name_field
    settings.placement = QgsPalLayerSettings.OverPoint
    settings.centroidWhole = False
    settings.centroidInside = True
    text_format = _text_format(family, 11, "#6d6d6d")
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    text_format.setBuffer(buffer)
    settings.setFormat(text_format)
    root = QgsRuleBasedLabeling.Rule(None)
    root.appendChild(
        QgsRuleBasedLabeling.Rule(settings, 0, 0, _village_filter(code_field, False), "相邻村名")
    )
    return QgsRuleBasedLabeling(root).clone()


def parcel_labeling(dlbm_field: str, tbbh_field: str, family: str, code_field: str | None = None):
    """图斑编号 on the village's own 耕地 parcels (all 耕地 parcels without ``code_field``) that cover at
    least LABEL_MIN_PAPER_MM2 of paper (checked by the label engine: minFeatureSize is the square root
    of the paper area in mm). Neighbours stay unlabelled: they are greyed context."""
    settings = QgsPalLayerSettings()
    settings.fieldName = tbbh_field
    settings.isExpression = False
    settings.placement = QgsPalLayerSettings.OverPoint
    settings.centroidInside = True
    settings.minFeatureSize = math.sqrt(LABEL_MIN_PAPER_MM2)
    settings.priority = 2
    settings.setFormat(_text_format(family, 5.5, "#5d4037"))
    condition = "left(\"{}\", 2) = '01'".format(dlbm_field.replace('"', '""'))
    if code_field:
        condition += " AND " + _village_filter(code_field, True)
    root = QgsRuleBasedLabeling.Rule(None)
    root.appendChild(QgsRuleBasedLabeling.Rule(settings, 0, 0, condition, "图斑编号"))
    return QgsRuleBasedLabeling(root).clone()


def locator_layer(villages: QgsVectorLayer, code_field: str, crs, transform_context, tolerance: float):
    """The villages for the small location map: only the code, in the map CRS, simplified to
    ``tolerance`` (map units): drawing every vertex of a county's village boundaries on every page
    would cost more than the main map."""
    layer = QgsVectorLayer(
        "MultiPolygon?crs={}&field={}:string".format(crs.authid() or "EPSG:4490", "code"), "locator", "memory"
    )
    transform = None
    if villages.crs() != crs:
        transform = QgsCoordinateTransform(villages.crs(), crs, transform_context)
    request = QgsFeatureRequest().setSubsetOfAttributes([code_field], villages.fields())
    features = []
    for feature in villages.getFeatures(request):
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        if transform is not None:
            geometry.transform(transform)
        simple = geometry.simplify(tolerance)
        out = QgsFeature(layer.fields())
        out.setGeometry(simple if not simple.isEmpty() else geometry)
        out.setAttributes([str(feature[code_field]) if feature[code_field] is not None else ""])
        features.append(out)
    layer.dataProvider().addFeatures(features)
    return layer


@dataclass
class RenderLayers:
    """Styled clones of the inputs for one export thread (all owned by that thread once moved)."""

    landuse: QgsVectorLayer
    pbf: QgsVectorLayer | None
    villages: QgsVectorLayer
    mask: QgsVectorLayer
    locator: QgsVectorLayer

    def all(self) -> list[QgsVectorLayer]:
        return [x for x in (self.landuse, self.pbf, self.villages, self.mask, self.locator) if x is not None]

    def move_to_thread(self, thread) -> None:
        for layer in self.all():
            layer.moveToThread(thread)


def clone_layer(layer: QgsVectorLayer, name: str = "") -> QgsVectorLayer:
    """A clone reading the same data with the same provider encoding (clone() forgets a repaired one)."""
    clone = layer.clone()
    if name:
        clone.setName(name)
    source_encoding = layer.dataProvider().encoding() if layer.dataProvider() else ""
    if source_encoding and clone.dataProvider() and clone.dataProvider().encoding() != source_encoding:
        clone.setProviderEncoding(source_encoding)
    return clone


def make_render_layers(
    landuse: QgsVectorLayer,
    pbf: QgsVectorLayer | None,
    villages: QgsVectorLayer,
    fields: LayerFields,
    family: str,
    locator_source: QgsVectorLayer | None = None,
) -> RenderLayers:
    """Clone and style the layers one export thread draws (call in the thread owning the inputs).

    ``locator_source`` is a ``locator_layer()``; without it the location map draws ``villages``."""
    land = clone_layer(landuse, "地类")
    land.setRenderer(landuse_renderer(fields.dlbm))
    if fields.tbbh:
        land.setLabeling(parcel_labeling(fields.dlbm, fields.tbbh, family, fields.landuse_code))
        land.setLabelsEnabled(True)
    else:
        land.setLabelsEnabled(False)
    protected = None
    if pbf is not None:
        protected = clone_layer(pbf, "永久基本农田")
        protected.setRenderer(pbf_renderer())
        protected.setLabelsEnabled(False)
    boundary = clone_layer(villages, "村界")
    boundary.setRenderer(village_renderer(fields.village_code))
    if fields.village_name:
        boundary.setLabeling(village_labeling(fields.village_code, fields.village_name, family))
        boundary.setLabelsEnabled(True)
    mask = clone_layer(villages, "mask")
    mask.setRenderer(mask_renderer(fields.village_code))
    mask.setLabelsEnabled(False)
    if locator_source is not None:
        locator = clone_layer(locator_source, "locator")
        locator.setRenderer(locator_renderer("code"))
    else:
        locator = clone_layer(villages, "locator")
        locator.setRenderer(locator_renderer(fields.village_code))
    locator.setLabelsEnabled(False)
    return RenderLayers(land, protected, boundary, mask, locator)


# ------------------------------------------------------------------------------------------- pages


class VillageLayout:
    """A loaded template with its items found, ready to show and export village pages."""

    def __init__(
        self,
        template_xml: str,
        path: str,
        layers: RenderLayers,
        crs,
        locator_extent: QgsRectangle,
        family: str,
    ) -> None:
        self.project = QgsProject()
        self.project.setCrs(crs)
        self.layout = QgsPrintLayout(self.project)
        _load(self.layout, template_xml, path)
        self.layers = layers
        self.family = family
        self.legend_root = None
        self.scalebar = None
        self.map = self.layout.itemById(ITEM_MAP)
        if not isinstance(self.map, QgsLayoutItemMap):
            raise TemplateProblem("no-map", path, ITEM_MAP)
        self.map.setCrs(crs)
        self.map.setLayers(
            [x for x in (layers.villages, layers.mask, layers.pbf, layers.landuse) if x is not None]
        )
        self.map.setKeepLayerSet(True)
        self.map.setKeepLayerStyles(False)
        self.map.setFollowVisibilityPreset(False)
        self.map.setAtlasDriven(False)
        self.labels = {}
        for item_id in (ITEM_TITLE, *NOTE_ITEMS.values()):
            item = self.layout.itemById(item_id)
            if isinstance(item, QgsLayoutItemLabel):
                self.labels[item_id] = item
        self.stats_table = _frame_table(self.layout, ITEM_STATS)[1]
        self.roster_table = _frame_table(self.layout, ITEM_ROSTER)[1]
        for table, header in ((self.stats_table, STATS_HEADER), (self.roster_table, ROSTER_HEADER)):
            if table is not None:
                table.setHeaders([QgsLayoutTableColumn(text) for text in header])
                table.setIncludeTableHeader(True)
        self._link_items(locator_extent, crs)
        self.exporter = QgsLayoutExporter(self.layout)

    def _link_items(self, locator_extent: QgsRectangle, crs) -> None:
        self.scalebar = self.layout.itemById(ITEM_SCALEBAR)
        if isinstance(self.scalebar, QgsLayoutItemScaleBar):
            self.scalebar.setLinkedMap(self.map)
            self.scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
        else:
            self.scalebar = None
        north = self.layout.itemById(ITEM_NORTH)
        if isinstance(north, QgsLayoutItemPicture):
            north.setLinkedMap(self.map)
        for item_id in (ITEM_NORTH, ITEM_SCALEBAR, ITEM_NOTICE):  # map labels keep clear of these
            item = self.layout.itemById(item_id)
            if item is not None:
                self.map.addLabelBlockingItem(item)
        locator = self.layout.itemById(ITEM_LOCATOR)
        if isinstance(locator, QgsLayoutItemMap):
            locator.setCrs(crs)
            locator.setLayers([self.layers.locator])
            locator.setKeepLayerSet(True)
            locator.zoomToExtent(locator_extent)
            for i in range(locator.overviews().size()):
                locator.overviews().overview(i).setLinkedMap(self.map)
        legend = self.layout.itemById(ITEM_LEGEND)
        if isinstance(legend, QgsLayoutItemLegend):
            legend.setLinkedMap(self.map)
            legend.setAutoUpdateModel(False)
            legend.setLegendFilterByMapEnabled(False)
            self.legend_root = QgsLayerTree()
            for layer in (self.layers.landuse, self.layers.pbf, self.layers.villages):
                if layer is None:
                    continue
                node = self.legend_root.addLayer(layer)
                QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
            legend.model().setRootGroup(self.legend_root)
            legend.refresh()

    def show(self, page: VillagePage) -> None:
        """Put the page's values into the layout (map extent and scale, texts, tables, variables)."""
        names = page.names
        QgsExpressionContextUtils.setLayoutVariables(
            self.layout,
            {
                VILLAGE_VARIABLE: names.code,
                "fg_village_name": names.name,
                "fg_township": names.township,
                "fg_county": names.county,
                "fg_title": page.title,
                "fg_scale": page.scale,
            },
        )
        self.map.zoomToExtent(self._extent(page.center, page.scale))
        self.map.setScale(page.scale)
        if self.scalebar is not None:
            self.scalebar.setUnitsPerSegment(scalebar_segment_m(page.scale))
        title = self.labels.get(ITEM_TITLE)
        if title is not None:
            title.setText(page.title)
        for key, item_id in NOTE_ITEMS.items():
            item = self.labels.get(item_id)
            if item is not None:
                item.setText(page.notes.get(key, ""))
        if self.stats_table is not None:
            self._fill_table(self.stats_table, page.stats_rows, right_from=1)
        if self.roster_table is not None:
            self._fill_table(self.roster_table, page.roster_rows, right_from=None)
        metadata = self.project.metadata()
        metadata.setTitle(page.title)
        self.project.setMetadata(metadata)
        self.layout.refresh()

    def _extent(self, center, scale: float) -> QgsRectangle:
        size = self.layout.convertToLayoutUnits(self.map.sizeWithUnits())
        half_w = size.width() / 1000.0 * scale / 2.0
        half_h = size.height() / 1000.0 * scale / 2.0
        x, y = center
        return QgsRectangle(x - half_w, y - half_h, x + half_w, y + half_h)

    @staticmethod
    def _fill_table(table: QgsLayoutItemManualTable, rows, right_from) -> None:
        contents = []
        for row in rows:
            cells = []
            for i, text in enumerate(row):
                cell = QgsTableCell(text)
                if right_from is not None and i >= right_from:
                    cell.setHorizontalAlignment(Qt.AlignRight | Qt.AlignVCenter)
                cells.append(cell)
            contents.append(cells)
        table.setTableContents(contents)

    def export_pdf(self, path: str, dpi: float) -> str:
        """Export the current page as PDF; '' on success, else the error text."""
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = False
        result = self.exporter.exportToPdf(path, settings)
        if result != QgsLayoutExporter.Success:
            return "{} ({})".format(self.exporter.errorMessage() or "PDF export failed", int(result))
        return ""

    def export_png(self, path: str, dpi: float) -> str:
        """Export the current page as PNG; '' on success, else the error text."""
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        settings.generateWorldFile = False
        # QGIS then tries to georeference the PNG through GDAL, which cannot update PNGs and says so
        # ("ERROR 6 … update access") although the image is fine: keep that out of the log.
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            result = self.exporter.exportToImage(path, settings)
        finally:
            gdal.PopErrorHandler()
        if result != QgsLayoutExporter.Success:
            return "{} ({})".format(self.exporter.errorMessage() or "PNG export failed", int(result))
        return ""

    def close(self) -> None:
        """Free the layout before the layers and the project (the order QGIS needs at exit)."""
        self.exporter = None
        self.map = None
        self.scalebar = None
        self.labels = {}
        self.stats_table = None
        self.roster_table = None
        layout, self.layout = self.layout, None
        del layout
        self.legend_root = None
        project, self.project = self.project, None
        del project
