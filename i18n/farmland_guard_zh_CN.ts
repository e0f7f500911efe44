<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>ExportRedlineAlgorithm</name>
    <message>
        <location filename="../processing/export_redline.py" line="75" />
        <source>Export red lines to 部标 TXT</source>
        <translation>导出红线为部标TXT</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="78" />
        <source>Write polygons as 勘测定界 boundary-point coordinate files for 报批.</source>
        <translation>将面要素写成报批用的勘测定界界址点坐标文件。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="81" />
        <source>Writes every polygon of INPUT in the ministry's 部标 TXT exchange format: an [属性描述] header (2000国家大地坐标系, 几度分带, 带号, 精度 …) and, per parcel, a line with 界址点数, 地块面积, 地块编号, 地块名称 … followed by the points 点号,圈号,X,Y (X = northing).

Points are numbered J1, J2 … clockwise from the north-west corner of each ring, numbering runs on across the rings of a parcel, and each ring repeats its first point at its end. Holes and further parts are further 圈 (rings).

The area is the official ellipsoidal area (国土调查办发〔2008〕32号, CGCS2000) of the coordinates as written, in 公顷 with 4 decimals.

Coordinates are written in the layer's CGCS2000 Gauss–Krüger zone, with the zone prefix in Y or without as chosen; layers in other CRSs are written in the 3° zone of their centre.

Either one file per feature (named by the ID field) or one file for all. Files are written only when every parcel has been prepared, so a failure leaves no partial file.</source>
        <translation>将输入图层的每个面按部标TXT交换格式写出：[属性描述]文件头（2000国家大地坐标系、几度分带、带号、精度……），每个地块一行属性（界址点数、地块面积、地块编号、地块名称……），其后为坐标行 点号,圈号,X,Y（X为纵坐标，北）。

界址点从每圈西北角起按顺时针编号 J1、J2……，同一地块各圈连续编号，每圈末尾重复首点以闭合。洞和其他部分作为后续各圈。

面积为按所写坐标计算的官方椭球面积（国土调查办发〔2008〕32号，CGCS2000），单位公顷，保留4位小数。

坐标写在图层所在的CGCS2000高斯-克吕格投影带中，Y坐标按选择带或不带带号前缀；其他坐标系的图层写在其中心所在的3度带中。

可每个要素一个文件（以编号字段命名），也可全部写入一个文件。所有地块准备完毕后才写文件，出错时不会留下不完整的文件。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="97" />
        <source>Red-line polygons</source>
        <translation>红线面图层</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="102" />
        <source>地块编号 field</source>
        <translation>地块编号字段</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="105" />
        <source>Empty: DKBH, XMBH, BSM … when the layer has one, else the feature number.</source>
        <translation>留空：使用图层中的 DKBH、XMBH、BSM 等字段，没有则用要素序号。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="107" />
        <source>地块名称 field</source>
        <translation>地块名称字段</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="110" />
        <source>Empty: DKMC, XMMC … when the layer has one, else left blank.</source>
        <translation>留空：使用图层中的 DKMC、XMMC 等字段，没有则留空。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="112" />
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="112" />
        <source>One file per feature</source>
        <translation>每个要素一个文件</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="112" />
        <source>One file for all features</source>
        <translation>全部要素一个文件</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="120" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="125" />
        <source>Decimals of the coordinates (精度)</source>
        <translation>坐标小数位数（精度）</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="136" />
        <source>Write Y with the zone prefix (e.g. 38430806.456)</source>
        <translation>Y坐标带带号前缀（如 38430806.456）</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="141" />
        <source>数据产生单位 (producer)</source>
        <translation>数据产生单位</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="147" />
        <source>File name for one file (without .txt)</source>
        <translation>单个文件的文件名（不含 .txt）</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="152" />
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="155" />
        <source>Files written</source>
        <translation>写出的文件数</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="156" />
        <source>Parcels written</source>
        <translation>写出的地块数</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="174" />
        <source>The input has no features: nothing to export.</source>
        <translation>输入图层没有要素：无可导出内容。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="181" />
        <source>Coordinates written in EPSG:{epsg} (3° / 6° zone {zone}).</source>
        <translation>坐标按 EPSG:{epsg}（3度/6度带第 {zone} 带）写出。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="192" />
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何文件。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="199" />
        <source>Feature {number} has no polygon left at {decimals} decimals; skipped.</source>
        <translation>要素 {number} 按 {decimals} 位小数取舍后不再构成面，已跳过。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="206" />
        <source>Feature {number} is not a valid polygon; written as it is.</source>
        <translation>要素 {number} 不是有效的面；已按原样写出。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="223" />
        <source>No feature has a polygon to export.</source>
        <translation>没有可导出的面要素。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="260" />
        <source>{file}: “{text}” cannot be written in {encoding}; choose UTF-8.</source>
        <translation>{file}：“{text}”无法用 {encoding} 编码写出；请选择 UTF-8。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="268" />
        <source>Cannot write to {folder}: {error}</source>
        <translation>无法写入 {folder}：{error}</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="271" />
        <source>{parcels} parcels written to {files} files in {folder}.</source>
        <translation>已将 {parcels} 个地块写入 {folder} 中的 {files} 个文件。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="298" />
        <source>The layer lies outside the CGCS2000 Gauss–Krüger zones of China.</source>
        <translation>该图层位于中国CGCS2000高斯-克吕格投影带范围之外。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="134" />
        <source>Empty: the 精度 of the layer's JD field (from an import), else 3.</source>
        <translation>留空：使用图层 JD 字段（导入时生成）中的精度，没有则为 3。</translation>
    </message>
    <message>
        <location filename="../processing/export_redline.py" line="144" />
        <source>Empty: the layer's SJSCDW field (from an import), when it has one.</source>
        <translation>留空：使用图层的 SJSCDW 字段（导入时生成），如果有的话。</translation>
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
        <location filename="../plugin.py" line="55" />
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
        <translation>导入红线（部标TXT、DXF、DWG）</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="55" />
        <source>Read 勘测定界 boundary-point files and CAD drawings into a polygon layer.</source>
        <translation>将勘测定界界址点坐标文件和CAD图读入为面图层。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="58" />
        <source>Reads project red lines as they reach a bureau: 部标 TXT coordinate files (勘测定界界址点坐标 exchange format, GBK or UTF-8) and CAD drawings (DXF; DWG where GDAL can read it).

INPUT takes one file, several files or a folder (searched with its subfolders for .txt, .dxf and .dwg).

TXT: the CRS comes from the [属性描述] header (坐标系, 几度分带, 带号) and from the zone prefix of the eastings; X is the northing. Rings (圈号) inside another ring are holes, rings outside are further parts. Every problem is reported with file and line: unclosed rings, too few points, repeated points, 界址点数 not matching the point lines, self-intersecting rings (imported as a repaired copy), several zones in one file. A parcel with an error is skipped; a file whose CRS cannot be settled is skipped whole.

DXF/DWG: closed polylines (and hatches) on the chosen CAD layers become polygons; closed polylines nested inside others become holes. CAD files have no CRS: give CRS, or the zone is taken from 8-digit eastings.

CRS overrides the CRS of every file. The output is in CRS, else in the CRS of the first file read (other files are reprojected).

The output carries the header and parcel attributes, the declared area (DKMJ, 公顷), the official ellipsoidal area (JSMJ, 公顷, 4 decimals) and their difference (MJCZ = DKMJ − JSMJ) for review. ERRORS lists every problem with file, line, parcel and level.</source>
        <translation>读取报送到局里的项目红线：部标TXT坐标文件（勘测定界界址点坐标交换格式，GBK或UTF-8编码）和CAD图（DXF；GDAL能读取时也支持DWG）。

输入可以是一个文件、多个文件或一个文件夹（连同子文件夹搜索 .txt、.dxf 和 .dwg）。

TXT：坐标系取自[属性描述]（坐标系、几度分带、带号）和横坐标的带号前缀；X为纵坐标（北）。位于另一圈之内的圈为洞，位于其外的圈为另一部分。每个问题都注明文件和行号：圈未闭合、点数过少、重复点、界址点数与坐标行不符、圈自相交（导入修复后的副本）、一个文件中有多个投影带。有错误的地块不导入；无法确定坐标系的文件整体不导入。

DXF/DWG：所选CAD图层上的闭合多段线（及填充）转为面；嵌套在其他闭合多段线内的成为洞。CAD文件没有坐标系：请指定坐标系，否则由8位横坐标的带号确定投影带。

“坐标系”参数覆盖所有文件的坐标系。输出采用该坐标系，未指定时采用读入的第一个文件的坐标系（其他文件重投影）。

输出包含文件头和地块属性、申报面积（DKMJ，公顷）、官方椭球面积（JSMJ，公顷，4位小数）及二者之差（MJCZ = DKMJ − JSMJ），供审核使用。“问题清单”列出每个问题的文件、行号、地块和级别。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="80" />
        <source>Red-line files or folders</source>
        <translation>红线文件或文件夹</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="83" />
        <source>部标 TXT, DXF or DWG files, or folders holding them.</source>
        <translation>部标TXT、DXF或DWG文件，或包含这些文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="85" />
        <source>CRS of the coordinates (overrides the files)</source>
        <translation>坐标的坐标系（覆盖文件中的设置）</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="88" />
        <source>Leave empty to use each file's header (TXT) or the zone prefix of the eastings.</source>
        <translation>留空则使用各文件的文件头（TXT）或横坐标的带号前缀。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="92" />
        <source>CAD layers to read (comma-separated; empty = all)</source>
        <translation>要读取的CAD图层（逗号分隔；留空=全部）</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="96" />
        <source>Names of the DXF/DWG layers holding the red lines, e.g. 红线,用地范围.</source>
        <translation>存放红线的DXF/DWG图层名，例如：红线,用地范围。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="98" />
        <source>Red lines</source>
        <translation>红线</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="103" />
        <source>Problems found</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="110" />
        <source>A table of every problem: file, line, parcel, level, code and message.</source>
        <translation>列出全部问题的表：文件、行号、地块、级别、代码和说明。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="112" />
        <source>Files read</source>
        <translation>读取的文件数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="113" />
        <source>Parcels imported</source>
        <translation>导入的地块数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="114" />
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="115" />
        <source>Warnings</source>
        <translation>警告数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="129" />
        <source>No .txt, .dxf or .dwg file found in the input.</source>
        <translation>输入中没有找到 .txt、.dxf 或 .dwg 文件。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="158" />
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="141" />
        <source>{file}: {count} parcels, {encoding}, {crs}</source>
        <translation>{file}：{count} 个地块，{encoding}，{crs}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="184" />
        <source>{files} files, {parcels} parcels imported, {errors} errors, {warnings} warnings.</source>
        <translation>共 {files} 个文件，导入 {parcels} 个地块，{errors} 个错误，{warnings} 个警告。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="271" />
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="271" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="283" />
        <source>{file}, line {line}, parcel {parcel}</source>
        <translation>{file}，第 {line} 行，地块 {parcel}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="285" />
        <source>{file}, line {line}</source>
        <translation>{file}，第 {line} 行</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="287" />
        <source>{file}, parcel {parcel}</source>
        <translation>{file}，地块 {parcel}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="290" />
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="295" />
        <source>No [地块坐标] section: this is not a 部标 coordinate file.</source>
        <translation>没有[地块坐标]节：这不是部标坐标文件。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="296" />
        <source>The [地块坐标] section holds no parcel.</source>
        <translation>[地块坐标]节中没有地块。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="297" />
        <source>坐标系 “{datum}” is not CGCS2000; set the CRS parameter to the CRS of the coordinates.</source>
        <translation>坐标系“{datum}”不是CGCS2000；请将“坐标系”参数设为坐标实际所用的坐标系。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="300" />
        <source>坐标系 is empty; read as CGCS2000.</source>
        <translation>坐标系为空；按CGCS2000读取。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="301" />
        <source>The zone is unknown: no 带号 in the header and no zone prefix in the eastings. Set the CRS parameter.</source>
        <translation>无法确定投影带：文件头没有带号，横坐标也没有带号前缀。请设置“坐标系”参数。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="305" />
        <source>Eastings of several zones ({zones}; “-” = without prefix) in one file. Split the file or convert it to one zone.</source>
        <translation>一个文件中含有多个投影带的横坐标（{zones}；“-”表示无带号前缀）。请拆分文件或换算到同一投影带。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="309" />
        <source>The header (带号 {header}, 几度分带 {width}) contradicts the zone prefix {prefix} of the eastings.</source>
        <translation>文件头（带号 {header}，几度分带 {width}）与横坐标的带号前缀 {prefix} 不一致。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="313" />
        <source>No 带号 given; zone {zone} taken from the eastings (EPSG:{epsg}).</source>
        <translation>未给出带号；按横坐标取第 {zone} 带（EPSG:{epsg}）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="316" />
        <source>The easting comes before the northing in this file; read the other way round.</source>
        <translation>该文件中横坐标（东）在纵坐标（北）之前；已按相反顺序读取。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="319" />
        <source>{key}=“{value}” is not understood and was ignored.</source>
        <translation>{key}=“{value}”无法识别，已忽略。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="320" />
        <source>The eastings do not fit the chosen CRS {crs}; they fit EPSG:{fits} (0 = none).</source>
        <translation>横坐标与所选坐标系 {crs} 不符；与之相符的是 EPSG:{fits}（0 表示没有）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="323" />
        <source>Cannot read the file: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="324" />
        <source>Not a red-line file ({suffix}); only .txt, .dxf and .dwg are read.</source>
        <translation>不是红线文件（{suffix}）；只读取 .txt、.dxf 和 .dwg。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="327" />
        <source>GDAL cannot read this DWG (AutoCAD {version}); the GDAL of this QGIS reads DWG 2000 only. Save the drawing as DXF in your CAD program and import the DXF.</source>
        <translation>GDAL无法读取该DWG（AutoCAD {version}）；本QGIS所带的GDAL只能读取DWG 2000。请在CAD软件中将图另存为DXF，再导入DXF。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="331" />
        <source>No closed polyline on the CAD layers {layers}.</source>
        <translation>CAD图层 {layers} 上没有闭合多段线。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="332" />
        <source>界址点数 “{text}” is not a whole number and was not checked.</source>
        <translation>界址点数“{text}”不是整数，未作核对。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="333" />
        <source>Not a point line (点号,圈号,X,Y with numbers): “{text}”.</source>
        <translation>不是坐标行（应为 点号,圈号,X,Y 且为数字）：“{text}”。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="334" />
        <source>Point lines before the first parcel header line were ignored.</source>
        <translation>第一个地块属性行之前的坐标行已忽略。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="335" />
        <source>图形属性 is “{kind}”, not 面: not a polygon, skipped.</source>
        <translation>图形属性为“{kind}”而不是“面”：不是面状地块，已跳过。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="336" />
        <source>Ring {ring} is not closed: its last point {point} differs from its first.</source>
        <translation>第 {ring} 圈未闭合：末点 {point} 与首点不同。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="339" />
        <source>Ring {ring} has {points} distinct points; a polygon needs at least 3.</source>
        <translation>第 {ring} 圈只有 {points} 个不同的点；构面至少需要 3 个。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="342" />
        <source>Ring {ring} has no area (its points lie on one line).</source>
        <translation>第 {ring} 圈面积为零（各点共线）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="343" />
        <source>Point {point} of ring {ring} repeats the point before it; dropped.</source>
        <translation>第 {ring} 圈的点 {point} 与前一点重复，已删除。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="344" />
        <source>界址点数 says {declared} points but the parcel has {found} point lines.</source>
        <translation>界址点数为 {declared}，但该地块有 {found} 个坐标行。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="347" />
        <source>Ring {ring} crosses or touches itself; a repaired copy was imported.</source>
        <translation>第 {ring} 圈自相交或自接触；已导入修复后的副本。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="350" />
        <source>Invalid polygon ({reason}); a repaired copy was imported.</source>
        <translation>无效的面（{reason}）；已导入修复后的副本。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="352" />
        <source>The declared area {declared} looks like m², not 公顷 (about 10 000 times the computed area).</source>
        <translation>申报面积 {declared} 看来是平方米而不是公顷（约为计算面积的 10 000 倍）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="355" />
        <source>地块面积 “{text}” is not a number and was ignored.</source>
        <translation>地块面积“{text}”不是数字，已忽略。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="351" />
        <source>Nothing is left of the polygon once repaired ({reason}); skipped.</source>
        <translation>修复后该面已不复存在（{reason}）；已跳过。</translation>
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