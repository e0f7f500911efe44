<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>FarmlandAlgorithm</name>
    <message>
        <location filename="../processing/base.py" line="16" />
        <source>Areas and parcels</source>
        <translation>面积与图斑</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="17" />
        <source>Red-line overlay</source>
        <translation>红线压盖分析</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="18" />
        <source>Red-line coordinates</source>
        <translation>红线坐标</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="19" />
        <source>Compensation balance</source>
        <translation>耕地占补平衡</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="20" />
        <source>Village maps</source>
        <translation>一村一图</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="21" />
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
    <message>
        <location filename="../processing/messages.py" line="20" />
        <source>Layer “{layer}”: the eastings carry a zone prefix (8 digits) but its CRS {crs} has none. The coordinates fit {fits}: set the layer's CRS to it and run again.</source>
        <translation>图层“{layer}”：横坐标带有带号（8位），但其坐标系 {crs} 不带带号。坐标与 {fits} 相符：请将图层坐标系设为该坐标系后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="25" />
        <source>Layer “{layer}”: its CRS {crs} expects eastings with a zone prefix but they have none. The coordinates fit {fits}: set the layer's CRS to it and run again.</source>
        <translation>图层“{layer}”：其坐标系 {crs} 要求横坐标带带号，但坐标不带带号。坐标与 {fits} 相符：请将图层坐标系设为该坐标系后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="30" />
        <source>Layer “{layer}”: the zone prefix of the eastings does not match its CRS {crs}. The coordinates fit {fits}: set the layer's CRS to it and run again.</source>
        <translation>图层“{layer}”：横坐标的带号与其坐标系 {crs} 不符。坐标与 {fits} 相符：请将图层坐标系设为该坐标系后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="35" />
        <source>Layer “{layer}” has no CRS, and its eastings are not 8-digit Gauss–Krüger coordinates with a zone prefix. Set the layer's CRS (e.g. EPSG:4490 or a CGCS2000 Gauss–Krüger CRS).</source>
        <translation>图层“{layer}”没有坐标系，且其横坐标不是带带号的8位高斯–克吕格坐标。请设置图层坐标系（如 EPSG:4490 或 CGCS2000 高斯–克吕格投影坐标系）。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="43" />
        <source>Layer “{layer}” has no CRS; its 8-digit eastings give 3° zone {zone}, so it is read as EPSG:{epsg}.</source>
        <translation>图层“{layer}”没有坐标系；按8位横坐标判定为3度带第{zone}带，按 EPSG:{epsg} 读取。</translation>
    </message>
</context>
<context>
    <name>FarmlandProvider</name>
    <message>
        <location filename="../processing/provider.py" line="19" />
        <source>Farmland Guard</source>
        <translation>耕地保护 Farmland Guard</translation>
    </message>
    <message>
        <location filename="../processing/provider.py" line="22" />
        <source>Farmland Guard {version}</source>
        <translation>耕地保护 Farmland Guard {version}</translation>
    </message>
</context>
<context>
    <name>OfficialAreaAlgorithm</name>
    <message>
        <location filename="../processing/official_area.py" line="60" />
        <source>Official ellipsoidal area</source>
        <translation>图斑椭球面积计算</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="63" />
        <source>Recompute parcel areas on the CGCS2000 ellipsoid the official way (32号 formula).</source>
        <translation>按官方方法（32号文公式）在CGCS2000椭球上重新计算图斑面积。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="66" />
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
        <location filename="../processing/official_area.py" line="81" />
        <source>Parcels (polygons)</source>
        <translation>图斑（面）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="86" />
        <source>Area field to write (m²)</source>
        <translation>写入的面积字段（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="89" />
        <source>Compute KCMJ and TBDLMJ where a KCXS field exists</source>
        <translation>有 KCXS 字段时计算 KCMJ 和 TBDLMJ</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="94" />
        <source>Add an area field in 亩</source>
        <translation>增加以亩为单位的面积字段</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="95" />
        <source>Add an area field in 公顷</source>
        <translation>增加以公顷为单位的面积字段</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="98" />
        <source>Control units for levelling (e.g. villages, CJDCQ)</source>
        <translation>平差控制单元（如村级调查区 CJDCQ）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="106" />
        <source>Parcel field with the unit code (e.g. ZLDWDM)</source>
        <translation>图斑中的单位代码字段（如 ZLDWDM）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="114" />
        <source>Control unit code field (e.g. ZLDWDM)</source>
        <translation>控制单元代码字段（如 ZLDWDM）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="122" />
        <source>Control area field in m² (e.g. DCMJ)</source>
        <translation>控制面积字段，平方米（如 DCMJ）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="131" />
        <source>QA tolerance (m²)</source>
        <translation>质检容差（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="139" />
        <source>Field map (role=field;…)</source>
        <translation>字段映射（角色=字段;…）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="144" />
        <source>Parcels with official areas</source>
        <translation>计算椭球面积后的图斑</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="145" />
        <source>Area deviations (QA)</source>
        <translation>面积偏差（质检）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="154" />
        <source>Number of features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="155" />
        <source>Total area (m²)</source>
        <translation>总面积（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="156" />
        <source>Total area (亩)</source>
        <translation>总面积（亩）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="157" />
        <source>Largest deviation (m²)</source>
        <translation>最大偏差（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="174" />
        <source>Layer “{layer}”: field {field} exists but is not numeric; choose another area field.</source>
        <translation>图层“{layer}”：字段 {field} 已存在但不是数值型；请选择其他面积字段。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="179" />
        <source>Reading geometries of “{layer}”…</source>
        <translation>正在读取“{layer}”的几何…</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="225" />
        <source>Layer “{layer}”, feature {fid}: KCXS value {value} is not a coefficient in [0, 1).</source>
        <translation>图层“{layer}”，要素 {fid}：KCXS 值 {value} 不是 [0, 1) 范围内的系数。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="259" />
        <source>{count} features, total {m2:.2f} m² = {mu:.2f} 亩; largest deviation from the stored {field}: {dev:.2f} m² ({n} above the tolerance).</source>
        <translation>共 {count} 个要素，总面积 {m2:.2f} 平方米 = {mu:.2f} 亩；与原 {field} 的最大偏差 {dev:.2f} 平方米（{n} 个超过容差）。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="307" />
        <source>Layer “{layer}” has no field “{field}” for levelling; its fields are: {fields}.</source>
        <translation>图层“{layer}”没有用于平差的字段“{field}”；现有字段：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="333" />
        <source>{n} parcels match no control unit by “{field}” and are not levelled.</source>
        <translation>{n} 个图斑按“{field}”未匹配到控制单元，未参与平差。</translation>
    </message>
</context>
</TS>