<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>ExportRedlineAlgorithm</name>
    <message>
        <location filename="../processing/export_redline.py" line="73" />
        <source>Export red lines to 部标 TXT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="76" />
        <source>Write polygons as 勘测定界 boundary-point coordinate files for 报批.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="79" />
        <source>Writes every polygon of INPUT in the ministry's 部标 TXT exchange format: an [属性描述] header (2000国家大地坐标系, 几度分带, 带号, 精度 …) and, per parcel, a line with 界址点数, 地块面积, 地块编号, 地块名称 … followed by the points 点号,圈号,X,Y (X = northing).

Points are numbered J1, J2 … clockwise from the north-west corner of each ring, numbering runs on across the rings of a parcel, and each ring repeats its first point at its end. Holes and further parts are further 圈 (rings).

The area is the official ellipsoidal area (国土调查办发〔2008〕32号, CGCS2000) of the coordinates as written, in 公顷 with 4 decimals.

Coordinates are written in the layer's CGCS2000 Gauss–Krüger zone, with the zone prefix in Y or without as chosen; layers in other CRSs are written in the 3° zone of their centre.

Either one file per feature (named by the ID field) or one file for all. Files are written only when every parcel has been prepared, so a failure leaves no partial file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="95" />
        <source>Red-line polygons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="100" />
        <source>地块编号 field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="103" />
        <source>Empty: DKBH, XMBH, BSM … when the layer has one, else the feature number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="105" />
        <source>地块名称 field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="108" />
        <source>Empty: DKMC, XMMC … when the layer has one, else left blank.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="110" />
        <source>Files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="110" />
        <source>One file per feature</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="110" />
        <source>One file for all features</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="118" />
        <source>Encoding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="123" />
        <source>Decimals of the coordinates (精度)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="132" />
        <source>Write Y with the zone prefix (e.g. 38430806.456)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="137" />
        <source>数据产生单位 (producer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="142" />
        <source>File name for one file (without .txt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="147" />
        <source>Output folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="148" />
        <source>Files written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="149" />
        <source>Parcels written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="168" />
        <source>The input has no features: nothing to export.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="170" />
        <source>Coordinates written in EPSG:{epsg} (3° / 6° zone {zone}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="181" />
        <source>Canceled: nothing was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="188" />
        <source>Feature {number} has no polygon left at {decimals} decimals; skipped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="195" />
        <source>Feature {number} is not a valid polygon; written as it is.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="210" />
        <source>No feature has a polygon to export.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="241" />
        <source>{file}: “{text}” cannot be written in {encoding}; choose UTF-8.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="249" />
        <source>Cannot write to {folder}: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="250" />
        <source>{parcels} parcels written to {files} files in {folder}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="269" />
        <source>The layer lies outside the CGCS2000 Gauss–Krüger zones of China.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FarmlandAlgorithm</name>
    <message>
        <location filename="../processing/base.py" line="17" />
        <source>Areas and parcels</source>
        <translation>面积与图斑</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="18" />
        <source>Red-line overlay</source>
        <translation>红线压盖分析</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="19" />
        <source>Red-line coordinates</source>
        <translation>红线坐标</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="20" />
        <source>Compensation balance</source>
        <translation>耕地占补平衡</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="21" />
        <source>Village maps</source>
        <translation>一村一图</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="22" />
        <source>Responsibility targets</source>
        <translation>耕地保护目标责任</translation>
    </message>
</context>
<context>
    <name>FarmlandGuardPlugin</name>
    <message>
        <location filename="../plugin.py" line="45" />
        <source>&amp;Farmland Guard</source>
        <translation>耕地保护(&amp;F)</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="56" />
        <source>Farmland Guard</source>
        <translation>耕地保护</translation>
    </message>
</context>
<context>
    <name>FarmlandMessages</name>
    <message>
        <location filename="../processing/messages.py" line="18" />
        <source>(none found)</source>
        <translation>（未找到）</translation>
    </message>
</context>
<context>
    <name>FarmlandProvider</name>
    <message>
        <location filename="../processing/provider.py" line="18" />
        <source>Farmland Guard</source>
        <translation>耕地保护 Farmland Guard</translation>
    </message>
    <message>
        <location filename="../processing/provider.py" line="21" />
        <source>Farmland Guard {version}</source>
        <translation>耕地保护 Farmland Guard {version}</translation>
    </message>
</context>
<context>
    <name>ImportRedlineAlgorithm</name>
    <message>
        <location filename="../processing/import_redline.py" line="52" />
        <source>Import red lines (部标 TXT, DXF, DWG)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="55" />
        <source>Read 勘测定界 boundary-point files and CAD drawings into a polygon layer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="58" />
        <source>Reads project red lines as they reach a bureau: 部标 TXT coordinate files (勘测定界界址点坐标 exchange format, GBK or UTF-8) and CAD drawings (DXF; DWG where GDAL can read it).

INPUT takes one file, several files or a folder (searched with its subfolders for .txt, .dxf and .dwg).

TXT: the CRS comes from the [属性描述] header (坐标系, 几度分带, 带号) and from the zone prefix of the eastings; X is the northing. Rings (圈号) inside another ring are holes, rings outside are further parts. Every problem is reported with file and line: unclosed rings, too few points, repeated points, 界址点数 not matching the point lines, self-intersecting rings (imported as a repaired copy), several zones in one file. A parcel with an error is skipped; a file whose CRS cannot be settled is skipped whole.

DXF/DWG: closed polylines (and hatches) on the chosen CAD layers become polygons; closed polylines nested inside others become holes. CAD files have no CRS: give CRS, or the zone is taken from 8-digit eastings.

CRS overrides the CRS of every file. The output is in CRS, else in the CRS of the first file read (other files are reprojected).

The output carries the header and parcel attributes, the declared area (DKMJ, 公顷), the official ellipsoidal area (JSMJ, 公顷, 4 decimals) and their difference (MJCZ = DKMJ − JSMJ) for review. ERRORS lists every problem with file, line, parcel and level.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="80" />
        <source>Red-line files or folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="83" />
        <source>部标 TXT, DXF or DWG files, or folders holding them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="85" />
        <source>CRS of the coordinates (overrides the files)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="88" />
        <source>Leave empty to use each file's header (TXT) or the zone prefix of the eastings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="90" />
        <source>CAD layers to read (comma-separated; empty = all)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="94" />
        <source>Names of the DXF/DWG layers holding the red lines, e.g. 红线,用地范围.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="96" />
        <source>Red lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="99" />
        <source>Problems found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="102" />
        <source>A table of every problem: file, line, parcel, level, code and message.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="104" />
        <source>Files read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="105" />
        <source>Parcels imported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="106" />
        <source>Errors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="107" />
        <source>Warnings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="119" />
        <source>No .txt, .dxf or .dwg file found in the input.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="148" />
        <source>Canceled: nothing was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="131" />
        <source>{file}: {count} parcels, {encoding}, {crs}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="174" />
        <source>{files} files, {parcels} parcels imported, {errors} errors, {warnings} warnings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="258" />
        <source>error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="258" />
        <source>warning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="270" />
        <source>{file}, line {line}, parcel {parcel}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="272" />
        <source>{file}, line {line}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="274" />
        <source>{file}, parcel {parcel}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="277" />
        <source>{where}: {message}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="282" />
        <source>No [地块坐标] section: this is not a 部标 coordinate file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="283" />
        <source>The [地块坐标] section holds no parcel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="284" />
        <source>坐标系 “{datum}” is not CGCS2000; set the CRS parameter to the CRS of the coordinates.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="287" />
        <source>坐标系 is empty; read as CGCS2000.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="288" />
        <source>The zone is unknown: no 带号 in the header and no zone prefix in the eastings. Set the CRS parameter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="292" />
        <source>Eastings of several zones ({zones}; “-” = without prefix) in one file. Split the file or convert it to one zone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="296" />
        <source>The header (带号 {header}, 几度分带 {width}) contradicts the zone prefix {prefix} of the eastings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="300" />
        <source>No 带号 given; zone {zone} taken from the eastings (EPSG:{epsg}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="301" />
        <source>The easting comes before the northing in this file; read the other way round.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="304" />
        <source>{key}=“{value}” is not understood and was ignored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="305" />
        <source>The eastings do not fit the chosen CRS {crs}; they fit EPSG:{fits} (0 = none).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="308" />
        <source>Cannot read the file: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="309" />
        <source>Not a red-line file ({suffix}); only .txt, .dxf and .dwg are read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="310" />
        <source>GDAL cannot read this DWG (AutoCAD {version}); the GDAL of this QGIS reads DWG 2000 only. Save the drawing as DXF in your CAD program and import the DXF.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="314" />
        <source>No closed polyline on the CAD layers {layers}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="315" />
        <source>界址点数 “{text}” is not a whole number and was not checked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="316" />
        <source>Not a point line (点号,圈号,X,Y with numbers): “{text}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="317" />
        <source>Point lines before the first parcel header line were ignored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="318" />
        <source>图形属性 is “{kind}”, not 面: not a polygon, skipped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="319" />
        <source>Ring {ring} is not closed: its last point {point} differs from its first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="320" />
        <source>Ring {ring} has {points} distinct points; a polygon needs at least 3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="321" />
        <source>Ring {ring} has no area (its points lie on one line).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="322" />
        <source>Point {point} of ring {ring} repeats the point before it; dropped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="323" />
        <source>界址点数 says {declared} points but the parcel has {found} point lines.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="324" />
        <source>Ring {ring} crosses or touches itself; a repaired copy was imported.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="325" />
        <source>Invalid polygon ({reason}); a repaired copy was imported.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="326" />
        <source>The declared area {declared} looks like m², not 公顷 (about 10 000 times the computed area).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="329" />
        <source>地块面积 “{text}” is not a number and was ignored.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OfficialAreaAlgorithm</name>
    <message>
        <location filename="../processing/official_area.py" line="59" />
        <source>Official ellipsoidal area</source>
        <translation>图斑椭球面积计算</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="62" />
        <source>Recompute parcel areas on the CGCS2000 ellipsoid the official way (32号 formula).</source>
        <translation>按官方方法（32号文公式）在CGCS2000椭球上重新计算图斑面积。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="65" />
        <source>Computes the ellipsoidal area of every polygon with the trapezoid formula of 国土调查办发〔2008〕32号 on the CGCS2000 ellipsoid, rounded half-up to 0.01 m², as 三调 requires for TBMJ.

Coordinates in CGCS2000 Gauss–Krüger zones (EPSG:4491–4554, with or without zone prefix) or EPSG:4490 are used as they are; other CRSs are transformed to EPSG:4490. A layer without CRS but with 8-digit eastings is read in the 3° zone given by the prefix.

Where the layer has a 扣除地类系数 (KCXS) field, KCMJ = TBMJ × KCXS and TBDLMJ = TBMJ − KCMJ are written too. Optionally the areas are levelled (平差) so that the parcels of each unit sum exactly to the unit's control area (e.g. a village's DCMJ), matched by code.

The QA output lists the features whose stored area differs from the computed one by more than the tolerance.</source>
        <translation>按国土调查办发〔2008〕32号的梯形公式在CGCS2000椭球上计算每个图斑的椭球面积，按四舍五入保留到0.01平方米，符合三调对图斑面积（TBMJ）的要求。

CGCS2000高斯–克吕格投影（EPSG:4491–4554，带或不带带号）及 EPSG:4490 的坐标直接参与计算；其他坐标系先转换到 EPSG:4490。没有坐标系但横坐标为8位的图层，按带号所在的3度带读取。

图层有扣除地类系数（KCXS）字段时，同时写出 KCMJ = TBMJ × KCXS 与 TBDLMJ = TBMJ − KCMJ。可选按代码匹配控制单元，对面积进行平差，使每个单元内图斑面积之和严格等于该单元的控制面积（如村级调查区的 DCMJ）。

质检输出列出存储面积与计算面积之差超过容差的要素。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="80" />
        <source>Parcels (polygons)</source>
        <translation>图斑（面）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="85" />
        <source>Area field to write (m²)</source>
        <translation>写入的面积字段（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="88" />
        <source>Compute KCMJ and TBDLMJ where a KCXS field exists</source>
        <translation>有 KCXS 字段时计算 KCMJ 和 TBDLMJ</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="93" />
        <source>Add an area field in 亩</source>
        <translation>增加以亩为单位的面积字段</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="94" />
        <source>Add an area field in 公顷</source>
        <translation>增加以公顷为单位的面积字段</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="97" />
        <source>Control units for levelling (e.g. villages, CJDCQ)</source>
        <translation>平差控制单元（如村级调查区 CJDCQ）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="105" />
        <source>Parcel field with the unit code (e.g. ZLDWDM)</source>
        <translation>图斑中的单位代码字段（如 ZLDWDM）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="113" />
        <source>Control unit code field (e.g. ZLDWDM)</source>
        <translation>控制单元代码字段（如 ZLDWDM）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="121" />
        <source>Control area field in m² (e.g. DCMJ)</source>
        <translation>控制面积字段，平方米（如 DCMJ）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="130" />
        <source>QA tolerance (m²)</source>
        <translation>质检容差（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="138" />
        <source>Field map (role=field;…)</source>
        <translation>字段映射（角色=字段;…）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="143" />
        <source>Parcels with official areas</source>
        <translation>计算椭球面积后的图斑</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="144" />
        <source>Area deviations (QA)</source>
        <translation>面积偏差（质检）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="153" />
        <source>Number of features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="154" />
        <source>Total area (m²)</source>
        <translation>总面积（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="155" />
        <source>Total area (亩)</source>
        <translation>总面积（亩）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="156" />
        <source>Largest deviation (m²)</source>
        <translation>最大偏差（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="171" />
        <source>Layer “{layer}”: field {field} exists but is not numeric; choose another area field.</source>
        <translation>图层“{layer}”：字段 {field} 已存在但不是数值型；请选择其他面积字段。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="176" />
        <source>Reading geometries of “{layer}”…</source>
        <translation>正在读取“{layer}”的几何…</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="222" />
        <source>Layer “{layer}”, feature {fid}: KCXS value {value} is not a coefficient in [0, 1).</source>
        <translation>图层“{layer}”，要素 {fid}：KCXS 值 {value} 不是 [0, 1) 范围内的系数。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="256" />
        <source>{count} features, total {m2:.2f} m² = {mu:.2f} 亩; largest deviation from the stored {field}: {dev:.2f} m² ({n} above the tolerance).</source>
        <translation>共 {count} 个要素，总面积 {m2:.2f} 平方米 = {mu:.2f} 亩；与原 {field} 的最大偏差 {dev:.2f} 平方米（{n} 个超过容差）。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="304" />
        <source>Layer “{layer}” has no field “{field}” for levelling; its fields are: {fields}.</source>
        <translation>图层“{layer}”没有用于平差的字段“{field}”；现有字段：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="330" />
        <source>{n} parcels match no control unit by “{field}” and are not levelled.</source>
        <translation>{n} 个图斑按“{field}”未匹配到控制单元，未参与平差。</translation>
    </message>
</context>
</TS>