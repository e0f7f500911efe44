<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>AllocateTargetsAlgorithm</name>
    <message>
        <location filename="../processing/targets_allocate.py" line="54" />
        <source>Allocate responsibility targets</source>
        <translation>分解下达目标任务</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="57" />
        <source>Split top-level targets over townships and villages by mapped area (带位置).</source>
        <translation>按现状图斑面积将上级目标分解到乡镇和村（带位置）。</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="60" />
        <source>Builds the unit tree from the villages (CJDCQ) and townships (XZQ), computes the mapped 耕地 (Σ TBDLMJ of 耕地 parcels) and 永久基本农田 per unit, and allocates the top-level 耕地保有量 and 永久基本农田保护面积 down the tree in proportion to the mapped areas (耕地保有量 by the 耕地保护目标 polygons when that layer is given). Shares are rounded half-up to 0.01 亩 and levelled so that each level adds up exactly to its parent. Leave a total empty to allocate the mapped figure itself.
The output table has one row per unit with its mapped figures, targets and check results (ok, sum-mismatch, shortfall = 不足额, not-located = 未带位置).</source>
        <translation>由村级调查区（CJDCQ）和行政区（XZQ）建立单位层级，按单位统计现状耕地（耕地图斑 TBDLMJ 之和）和永久基本农田面积，并将上级耕地保有量和永久基本农田保护面积按现状面积比例逐级分解（提供耕地保护目标图层时，耕地保有量按耕地保护目标图斑分解）。分解值四舍五入到 0.01 亩并平差，使每一级的合计与上级完全相等。合计留空则按现状面积本身下达。
输出表每个单位一行，包括现状面积、目标和检查结果（ok 通过、sum-mismatch 下级合计不符、shortfall 不足额、not-located 未带位置）。</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="72" />
        <source>Land use (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="72" />
        <source>Permanent basic farmland (YJJBNTTB)</source>
        <translation>永久基本农田（YJJBNTTB）</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="72" />
        <source>Farmland protection targets (GDBHMB)</source>
        <translation>耕地保护目标（GDBHMB）</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="82" />
        <source>Top-level farmland target 耕地保有量 (亩)</source>
        <translation>上级耕地保有量（亩）</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="82" />
        <source>Top-level PBF target 永久基本农田保护面积 (亩)</source>
        <translation>上级永久基本农田保护面积（亩）</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="89" />
        <source>Empty: the mapped figure of the top unit.</source>
        <translation>留空：取最上级单位的现状面积。</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="91" />
        <source>Allocated targets</source>
        <translation>分解结果</translation>
    </message>
    <message>
        <location filename="../processing/targets_allocate.py" line="117" />
        <source>The villages and townships must belong to one county or city.</source>
        <translation>村和乡镇必须属于同一个县或市。</translation>
    </message>
</context>
<context>
    <name>AnnualBalanceAlgorithm</name>
    <message>
        <location filename="../processing/annual_balance.py" line="88" />
        <source>Annual county balance (年度算大账)</source>
        <translation>年度算大账</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="91" />
        <source>Per county, the farmland occupied and supplied in a year, with the pass/fail of each check.</source>
        <translation>按县统计一年内占用与补充的耕地，并给出各项检查是否通过。</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="96" />
        <source>Occupied = the projects of DEMANDS approved (PZRQ) in YEAR; supplied = the records of SUPPLY that entered the ledger (RKRQ) in YEAR with a status listed in SUPPLY_STATUSES (default 可用; empty = every status). Map the SUPPLY amount fields to the amounts credited in the year (入库量) with FIELD_MAP when the ledger keeps them apart from the remaining amounts, e.g. SYGDMJ=XZGDMJ.

Checks per county: quantity (supplied 耕地 ≥ occupied), paddy (水田), grain capacity (产能), quality (area-weighted 等别 of the supply not worse than that of the occupation) and quality against the previous year's occupation. 1 = pass, 0 = fail, empty = cannot be judged (no graded area).

Outputs: BALANCE (one row per county and a total), DETAILS (every project and record behind each number) and REPORT (XLSX with an HTML copy beside it).</source>
        <translation>占用 = DEMANDS 中批准日期（PZRQ）在 YEAR 年内的项目；补充 = SUPPLY 中入库日期（RKRQ）在 YEAR 年内、状态列在 SUPPLY_STATUSES 中的指标（默认 可用；留空 = 全部状态）。若指标库将入库量与剩余量分开记录，请用 FIELD_MAP 将 SUPPLY 的数量字段指向当年入库量，如 SYGDMJ=XZGDMJ。

按县检查：数量（补充耕地 ≥ 占用）、水田、粮食产能、质量（补充耕地面积加权等别不劣于占用耕地）以及与上一年度占用耕地质量比较。1 = 通过，0 = 不通过，空 = 无法判断（无等别面积）。

输出：BALANCE（每县一行及合计）、DETAILS（每个数字背后的项目和指标）和 REPORT（XLSX，旁边另存 HTML 副本）。</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="111" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="121" />
        <source>Ledger statuses counted as supply (comma-separated; empty = all)</source>
        <translation>计为补充的指标状态（逗号分隔；留空 = 全部）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="130" />
        <source>County balance</source>
        <translation>县级平衡表</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="131" />
        <source>Records behind the figures</source>
        <translation>数字所依据的明细</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="134" />
        <source>Report (XLSX; an HTML copy is written next to it)</source>
        <translation>报告（XLSX，旁边另存 HTML 副本）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="134" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="143" />
        <source>Number of counties failing a check</source>
        <translation>未通过检查的县数</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="161" />
        <source>DEMANDS has no grade field (DB): the quality checks cannot be judged.</source>
        <translation>DEMANDS 中没有等别字段（DB），无法判断质量检查。</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="178" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="173" />
        <source>{year}: {n} counties, {f} failing a check.</source>
        <translation>{year} 年：{n} 个县，{f} 个未通过检查。</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="195" />
        <source>Annual county balance {year} (年度算大账)</source>
        <translation>{year} 年度算大账</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="201" />
        <source>Could not write the report {path}: {error}</source>
        <translation>无法写入报告 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="204" />
        <source>Report: {xlsx} and {html}</source>
        <translation>报告：{xlsx} 和 {html}</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="247" />
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="247" />
        <source>fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="219" />
        <source>occupied</source>
        <translation>占用</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="220" />
        <source>supplied</source>
        <translation>补充</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="221" />
        <source>occupied, previous year</source>
        <translation>上年度占用</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="246" />
        <source>n/a</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Balance by county</source>
        <translation>按县汇总</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>County code</source>
        <translation>县级行政区代码</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Farmland occupied (ha)</source>
        <translation>占用耕地（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Farmland occupied (mu)</source>
        <translation>占用耕地（亩）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Paddy occupied (ha)</source>
        <translation>占用水田（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Capacity occupied (kg)</source>
        <translation>占用产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Mean grade occupied</source>
        <translation>占用耕地平均等别</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Records</source>
        <translation>指标数</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Farmland supplied (ha)</source>
        <translation>补充耕地（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Farmland supplied (mu)</source>
        <translation>补充耕地（亩）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Paddy supplied (ha)</source>
        <translation>补充水田（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Capacity supplied (kg)</source>
        <translation>补充产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Mean grade supplied</source>
        <translation>补充耕地平均等别</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Mean grade occupied, previous year</source>
        <translation>上年度占用耕地平均等别</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Quality vs previous year</source>
        <translation>质量（与上年度占用比）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="273" />
        <source>Result</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Details</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Side</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Farmland (m²)</source>
        <translation>耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Paddy (m²)</source>
        <translation>水田（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Grain capacity (kg)</source>
        <translation>标准粮食产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="288" />
        <source>Grade</source>
        <translation>等别</translation>
    </message>
    <message>
        <location filename="../processing/annual_balance.py" line="167" />
        <source>No project and no ledger record falls in {year}: there is nothing to balance.</source>
        <translation>{year} 年没有占用项目，也没有入库指标：无可核算的内容。</translation>
    </message>
</context>
<context>
    <name>AssessTargetsAlgorithm</name>
    <message>
        <location filename="../processing/targets_assess.py" line="73" />
        <source>Assess responsibility targets</source>
        <translation>耕地保护目标责任考核</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="76" />
        <source>考核: a year's targets against that year's land use (DLTB).</source>
        <translation>考核：将某年度的责任目标与该年度地类图斑（DLTB）对比。</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="79" />
        <source>Assesses the 耕地保护目标责任书 targets of one year (table fg_targets) against the land use (DLTB) of that year:
- OUTPUT: per unit the target 耕地保有量, the mapped 耕地 (Σ TBDLMJ of 耕地 parcels), the completion (mapped ÷ target, %) and the status (met when mapped ≥ target);
- LOST_PARCELS: the parts of the 耕地保护目标 polygons (GDBHMB) lying on DLTB parcels that are no longer 耕地;
- PBF_NOT_FARMLAND: the parts of the 永久基本农田 (YJJBNTTB) lying on parcels that are not 耕地.
Pieces are measured with the official ellipsoidal area (m² and 亩, 2 decimals).</source>
        <translation>考核某一年度的耕地保护目标责任书目标（表 fg_targets）与该年度地类图斑（DLTB）的对比：
- OUTPUT：每个单位的耕地保有量目标、现状耕地（耕地图斑 TBDLMJ 之和）、完成率（现状 ÷ 目标，%）和考核结果（现状 ≥ 目标为达标）；
- LOST_PARCELS：耕地保护目标图斑（GDBHMB）中落在已非耕地的地类图斑上的部分；
- PBF_NOT_FARMLAND：永久基本农田（YJJBNTTB）中落在非耕地图斑上的部分。
各部分面积按官方椭球面积计算（平方米和亩，保留 2 位小数）。</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="97" />
        <source>Target completion</source>
        <translation>目标完成情况</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="102" />
        <source>Target polygons no longer farmland</source>
        <translation>已非耕地的耕地保护目标图斑</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="110" />
        <source>Permanent basic farmland not farmland</source>
        <translation>非耕地的永久基本农田</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="118" />
        <source>Units below target</source>
        <translation>未达标单位数</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="119" />
        <source>Target area no longer farmland (亩)</source>
        <translation>已非耕地的耕地保护目标面积（亩）</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="120" />
        <source>PBF area not farmland (亩)</source>
        <translation>非耕地的永久基本农田面积（亩）</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="145" />
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="145" />
        <source>not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="145" />
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="190" />
        <source>{units} units assessed for {year}: {n} below target.</source>
        <translation>已考核 {year} 年度 {units} 个单位：{n} 个未达标。</translation>
    </message>
    <message>
        <location filename="../processing/targets_assess.py" line="153" />
        <source>The targets table has no 耕地保有量 target for {year}: no unit can be assessed.</source>
        <translation>目标表中没有 {year} 年的耕地保有量目标：无法考核任何单位。</translation>
    </message>
</context>
<context>
    <name>CompensationBalanceAlgorithm</name>
    <message>
        <location filename="../processing/compensation_balance.py" line="94" />
        <source>Could not write the table {name}: {error}</source>
        <translation>无法写入表 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="109" />
        <source>{table} row {row}, field {field}</source>
        <translation>{table} 第 {row} 行，字段 {field}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="116" />
        <source>{where}: the value is missing</source>
        <translation>{where}：缺少数值</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="117" />
        <source>{where}: the amount is negative ({value})</source>
        <translation>{where}：数量为负（{value}）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="120" />
        <source>{where}: not a number ({value})</source>
        <translation>{where}：不是数字（{value}）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="123" />
        <source>{where}: not a date ({value}); write e.g. 2024-05-31</source>
        <translation>{where}：不是日期（{value}），请写成如 2024-05-31</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="126" />
        <source>{where}: not a quality grade between 1 and 15 ({value})</source>
        <translation>{where}：不是 1–15 之间的质量等别（{value}）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="133" />
        <source>{where}: the id {value} is already used in row {other}</source>
        <translation>{where}：编号 {value} 已在第 {other} 行使用</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="136" />
        <source>{where}: the 水田 area {value} exceeds the 耕地 area</source>
        <translation>{where}：水田面积 {value} 大于耕地面积</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="144" />
        <source>{where}: invalid value ({value})</source>
        <translation>{where}：数值无效（{value}）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="157" />
        <source>The input tables have {n} problem(s); nothing was written:</source>
        <translation>输入表有 {n} 处问题，未写出任何结果：</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="160" />
        <source>… and {n} more.</source>
        <translation>……另有 {n} 处。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="198" />
        <source>FIELD_MAP cannot be read: {error}</source>
        <translation>无法读取 FIELD_MAP：{error}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="222" />
        <source>Supplementary farmland ledger (补充耕地指标: table or layer)</source>
        <translation>补充耕地指标库（表格或图层）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="274" />
        <source>YIELD_TABLE cannot be read: {error}</source>
        <translation>无法读取 YIELD_TABLE：{error}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="495" />
        <source>Farmland compensation balance (耕地占补平衡)</source>
        <translation>耕地占补平衡</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="362" />
        <source>Balance occupying projects against the supplementary farmland ledger in area, paddy and grain capacity, quality no lower, own county first.</source>
        <translation>按数量、水田、粮食产能将占用项目与补充耕地指标库挂钩核销，质量不降低，本县优先。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="368" />
        <source>Matches every occupying project (DEMANDS: 耕地 area GDMJ, of which 水田 STMJ, 产能 CN, grade DB) with records of the 补充耕地 ledger (SUPPLY: remaining SYGDMJ, SYSTMJ, SYCN, grade DB, status ZT). The three indicators are separate ledgers, each 核销 separately.

Rules: only records with ZT = 可用 are used; SCOPE 0 = own county only, 1 = own county then the same city, 2 = anywhere in the province (county codes: 6 / 4 / 2 digits); SUPPLY_BEFORE_DEMAND (先补后占): a record serves a project only if it entered the ledger (RKRQ) on or before the approval date (PZRQ); QUALITY_NOT_LOWER: the area-weighted grade of the 耕地 a project receives is not worse than its own (lower 等别 = better).

Solver: a linear programme solved by HiGHS (scipy), lexicographically: first cover as much as possible (any shortfall falls on the most recently approved projects), then least 调剂 from other counties (and cities), then the oldest records first (FIFO). Without scipy a greedy in approval order is used that respects every rule but may not be optimal; the log and the report say so.

Outputs: ALLOCATION (核销 lines), LEDGER_AFTER (every record: before / used / remaining), SHORTFALL (unmet amounts and why) and REPORT (XLSX with an HTML copy beside it: per county balance, per project lines in the 报批 wording). Missing CN is computed as area × yield of the grade (YIELD_TABLE; the default table is a placeholder).</source>
        <translation>将每个占用项目（DEMANDS：耕地面积 GDMJ，其中水田 STMJ，产能 CN，等别 DB）与补充耕地指标库中的指标（SUPPLY：剩余 SYGDMJ、SYSTMJ、SYCN，等别 DB，状态 ZT）挂钩。三类指标分账管理，分别核销。

规则：只使用 ZT = 可用 的指标；SCOPE 0 = 仅本县，1 = 先本县再市域内其他县，2 = 全省范围（县级代码前 6 / 4 / 2 位）；SUPPLY_BEFORE_DEMAND（先补后占）：指标入库日期（RKRQ）不晚于项目批准日期（PZRQ）方可使用；QUALITY_NOT_LOWER：项目所获耕地按面积加权的等别不劣于其自身等别（等别数值越小越好）。

求解：用 HiGHS（scipy）求解线性规划，按字典序：先尽可能全部落实（如有缺口，落在批准最晚的项目上），再尽量少从外县（外市）调剂，再先用入库早的指标（先进先出）。未安装 scipy 时改用按批准顺序的贪心算法，遵守全部规则但结果不一定最优，日志和报告中会注明。

输出：ALLOCATION（核销明细）、LEDGER_AFTER（每条指标的核销前 / 本次核销 / 剩余）、SHORTFALL（未落实数量及原因）和 REPORT（XLSX，旁边另存 HTML 副本：按县汇总、按项目的报批表述）。缺少 CN 时按面积 × 等别对应单产计算（YIELD_TABLE；默认表为占位表）。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="390" />
        <source>Scope (where records may come from)</source>
        <translation>调剂范围（指标可来自何处）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="390" />
        <source>Own county only</source>
        <translation>仅本县</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="390" />
        <source>Own county, then the same city (市域调剂)</source>
        <translation>先本县，再市域内（市域调剂）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="390" />
        <source>Own county, then city, then the province (省域调剂)</source>
        <translation>先本县，再市域，再省域（省域调剂）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="402" />
        <source>先补后占: records must predate the approval</source>
        <translation>先补后占：指标须在批准前入库</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="407" />
        <source>Quality no lower (area-weighted 等别 not worse)</source>
        <translation>质量不降低（面积加权等别不劣于占用）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="413" />
        <source>Allocation (核销明细)</source>
        <translation>核销明细</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="416" />
        <source>Ledger after (指标台账)</source>
        <translation>核销后指标台账</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="419" />
        <source>Shortfall (缺口)</source>
        <translation>缺口</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="420" />
        <source>Report (XLSX; an HTML copy is written next to it)</source>
        <translation>报告（XLSX，旁边另存 HTML 副本）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="420" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="429" />
        <source>Solver used (highs or greedy)</source>
        <translation>所用求解器（highs 或 greedy）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="430" />
        <source>Number of allocation lines</source>
        <translation>核销明细条数</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="431" />
        <source>Number of projects not balanced</source>
        <translation>未完全落实的项目数</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="449" />
        <source>{d} projects, {s} ledger records ({u} usable).</source>
        <translation>{d} 个项目，{s} 条指标（可用 {u} 条）。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="468" />
        <source>The LP solver failed in stage {stage} (status {status}: {message}).</source>
        <translation>线性规划求解在阶段 {stage} 失败（状态 {status}：{message}）。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="474" />
        <source>scipy is not installed: the greedy fallback was used. It respects every rule but the result may not be optimal (more shortfall or more 调剂 than necessary). Install scipy for the LP.</source>
        <translation>未安装 scipy：已改用贪心算法。结果遵守全部规则，但不一定最优（缺口或调剂可能多于必要）。安装 scipy 后可用线性规划求解。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="480" />
        <source>Solver: {solver}; {n} allocation lines; {k} projects not fully balanced.</source>
        <translation>求解器：{solver}；核销明细 {n} 条；{k} 个项目未完全落实。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="499" />
        <source>Could not write the report {path}: {error}</source>
        <translation>无法写入报告 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="502" />
        <source>Report: {xlsx} and {html}</source>
        <translation>报告：{xlsx} 和 {html}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="532" />
        <source>no usable record with this indicator within the scope</source>
        <translation>范围内没有该类可用指标</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="533" />
        <source>records in scope entered the ledger only after the approval date (先补后占)</source>
        <translation>范围内的指标均在批准日期之后入库（先补后占）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="534" />
        <source>the eligible records hold less than the project needs</source>
        <translation>符合条件的指标总量少于项目需求</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="535" />
        <source>the eligible records left are of worse grade than the project allows</source>
        <translation>剩余符合条件的指标等别劣于项目允许的等别</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="536" />
        <source>the eligible records are used up by other projects</source>
        <translation>符合条件的指标已被其他项目用完</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="541" />
        <source>farmland</source>
        <translation>耕地</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="541" />
        <source>paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="541" />
        <source>grain capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="604" />
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>Balance by county</source>
        <translation>按县汇总</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>County code</source>
        <translation>县级行政区代码</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Projects</source>
        <translation>分项目明细</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Farmland occupied (ha)</source>
        <translation>占用耕地（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Farmland occupied (mu)</source>
        <translation>占用耕地（亩）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>of which paddy (ha)</source>
        <translation>其中水田（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Grain capacity (kg)</source>
        <translation>标准粮食产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>From own county (ha)</source>
        <translation>本县补充（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>From other counties (ha)</source>
        <translation>调剂补充（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Farmland compensated (ha)</source>
        <translation>已落实耕地（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>Farmland compensated (mu)</source>
        <translation>已落实耕地（亩）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Paddy compensated (ha)</source>
        <translation>已落实水田（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Capacity compensated (kg)</source>
        <translation>已落实产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Farmland missing (ha)</source>
        <translation>缺口耕地（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>Paddy missing (ha)</source>
        <translation>缺口水田（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Capacity missing (kg)</source>
        <translation>缺口产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>Given to other counties (ha)</source>
        <translation>调出外县（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>Ledger farmland left (ha)</source>
        <translation>剩余指标耕地（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Project id</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Approval date</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Farmland occupied (m²)</source>
        <translation>占用耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Grade</source>
        <translation>等别</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Mean grade received</source>
        <translation>补充耕地平均等别</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>of which from other counties (ha)</source>
        <translation>其中调剂（公顷）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Ledger records</source>
        <translation>指标编号</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="627" />
        <source>Statement</source>
        <translation>报批表述</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Allocation</source>
        <translation>核销明细</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Record id</source>
        <translation>指标编号</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Project county</source>
        <translation>项目所在县</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Record county</source>
        <translation>指标所在县</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Farmland (m²)</source>
        <translation>耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Paddy (m²)</source>
        <translation>水田（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Cross-county (调剂)</source>
        <translation>是否调剂</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Scope level</source>
        <translation>调剂层级</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Entry date</source>
        <translation>入库日期</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>FIFO rank</source>
        <translation>入库顺序</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="647" />
        <source>Record grade</source>
        <translation>指标等别</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Ledger after</source>
        <translation>指标台账</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Farmland before (m²)</source>
        <translation>核销前耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Farmland used (m²)</source>
        <translation>本次核销耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Farmland left (m²)</source>
        <translation>剩余耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Paddy before (m²)</source>
        <translation>核销前水田（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Paddy used (m²)</source>
        <translation>本次核销水田（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Paddy left (m²)</source>
        <translation>剩余水田（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Capacity before (kg)</source>
        <translation>核销前产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Capacity used (kg)</source>
        <translation>本次核销产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="658" />
        <source>Capacity left (kg)</source>
        <translation>剩余产能（公斤）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Shortfall</source>
        <translation>缺口</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Farmland missing (m²)</source>
        <translation>缺口耕地（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Paddy missing (m²)</source>
        <translation>缺口水田（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Farmland reason</source>
        <translation>耕地缺口原因</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Paddy reason</source>
        <translation>水田缺口原因</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Capacity reason</source>
        <translation>产能缺口原因</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="671" />
        <source>Explanation</source>
        <translation>原因说明</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="682" />
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="689" />
        <source>own county only</source>
        <translation>仅本县</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="690" />
        <source>own county, then the same city</source>
        <translation>先本县，再市域内调剂</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="691" />
        <source>own county, then city, then province</source>
        <translation>先本县，再市域，再省域调剂</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="693" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="693" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="695" />
        <source>Rules: scope {scope}; 先补后占 {before}; quality no lower {quality}; usable status {status}.</source>
        <translation>规则：调剂范围 {scope}；先补后占 {before}；质量不降低 {quality}；可用状态 {status}。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="703" />
        <source>Solver: HiGHS linear programme, lexicographic (coverage, approval order of any shortfall, least 调剂, FIFO); the result is optimal.</source>
        <translation>求解器：HiGHS 线性规划，按字典序（落实量、缺口按批准先后、调剂最少、先进先出）；结果为最优解。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="708" />
        <source>Solver: greedy fallback (scipy missing or greedy requested); the result respects every rule but may not be optimal.</source>
        <translation>求解器：贪心算法（缺少 scipy 或指定贪心）；结果遵守全部规则，但不一定最优。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="713" />
        <source>Amounts are whole 0.01 m² / 0.01 kg: no record is used beyond what it holds and before − used = left exactly. The quality rule is exact in the LP; after rounding the amounts to 0.01 m² the area-weighted grade of each project, rounded to 0.01, is checked again.</source>
        <translation>数量均为 0.01 平方米 / 0.01 公斤的整数倍：任何指标都不会超量使用，核销前 − 本次核销 = 剩余 严格成立。线性规划中质量规则严格满足；数量取整到 0.01 平方米后，再按保留两位小数的面积加权等别逐项目复核。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="721" />
        <source>LP {indicator} stage {stage}: optimum {value}</source>
        <translation>线性规划 {indicator} 阶段 {stage}：最优值 {value}</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="728" />
        <source>{n} project(s) had no CN; it was computed from the grade → yield table (a placeholder unless the province's table was given).</source>
        <translation>{n} 个项目缺少 CN，已按等别 → 单产表计算（除非提供了本省的表，否则为占位表）。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="129" />
        <source>{where}: not a county code of 6 or more digits in a known province ({value})</source>
        <translation>{where}：不是有效省份下 6 位及以上的县级行政区代码（{value}）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="139" />
        <source>{where}: grade {value} is not in the grain yield table, so CN cannot be computed</source>
        <translation>{where}：等别 {value} 不在粮食单产表中，无法计算 CN</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="171" />
        <source>Table {table} has no field for {role} (looked for: {candidates}). Its fields are: {fields}. Name the field with FIELD_MAP, e.g. {role}=MY_FIELD.</source>
        <translation>表 {table} 中没有 {role} 对应的字段（查找过：{candidates}）。该表字段为：{fields}。请用 FIELD_MAP 指定，如 {role}=MY_FIELD。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="182" />
        <source>FIELD_MAP names the field {field} for {role}, but table {table} has no such field. Its fields are: {fields}.</source>
        <translation>FIELD_MAP 为 {role} 指定了字段 {field}，但表 {table} 中没有该字段。该表字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="193" />
        <source>FIELD_MAP names {role}, which is not a field role of {table}. Known roles: {roles}.</source>
        <translation>FIELD_MAP 中的 {role} 不是 {table} 的字段角色。可用角色：{roles}。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="207" />
        <source>Occupying projects (占用: table or layer, e.g. the VERDICT of the red-line overlay)</source>
        <translation>占用项目（表格或图层，如红线压盖分析的 VERDICT）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="215" />
        <source>Fields XMBH, XZQDM, PZRQ, GDMJ (m²), STMJ (m²), CN (kg, optional), DB (等别).</source>
        <translation>字段 XMBH、XZQDM、PZRQ、GDMJ（平方米）、STMJ（平方米）、CN（公斤，可选）、DB（等别）。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="229" />
        <source>Fields ZBBH, XZQDM, RKRQ, SYGDMJ (m²), SYSTMJ (m²), SYCN (kg), DB (等别), ZT (可用 = usable).</source>
        <translation>字段 ZBBH、XZQDM、RKRQ、SYGDMJ（平方米）、SYSTMJ（平方米）、SYCN（公斤）、DB（等别）、ZT（可用 = 可使用）。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="236" />
        <source>Field map (ROLE=FIELD;…, DEMANDS:ROLE=… or SUPPLY:ROLE=… for one table)</source>
        <translation>字段对照（角色=字段;…，仅对一张表时写 DEMANDS:角色=… 或 SUPPLY:角色=…）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="245" />
        <source>Grade → standard grain yield (GRADE=kg per m²;…; empty = placeholder table)</source>
        <translation>等别 → 标准粮食单产（等别=公斤/平方米;…；留空 = 占位表）</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="308" />
        <source>{n} demand(s) have no CN: their 产能 was computed as area × yield of their grade from the grade → yield table, which is a PLACEHOLDER unless YIELD_TABLE gives the province's table.</source>
        <translation>{n} 个项目缺少 CN：其产能已按面积 × 等别单产计算；除非 YIELD_TABLE 提供本省的表，所用等别 → 单产表为占位表。</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="589" />
        <source>occupies {a} ha of farmland, of which paddy {w} ha, standard grain capacity {p} kg; compensated: farmland quantity {ra} ha, paddy {rw} ha, standard grain capacity {rp} kg</source>
        <translation>占用耕地{a}公顷，其中水田{w}公顷，标准粮食产能{p}公斤；已落实补充耕地数量{ra}公顷、水田规模{rw}公顷、粮食产能{rp}公斤</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="601" />
        <source>; still missing: farmland quantity {a} ha, paddy {w} ha, standard grain capacity {p} kg</source>
        <translation>；尚缺耕地数量{a}公顷、水田规模{w}公顷、粮食产能{p}公斤</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="608" />
        <source>Number of projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../processing/compensation_balance.py" line="456" />
        <source>The usable ledger records carry {n} different grades (DB). The quality rule needs a part of the LP for each grade, so this balance may take minutes. Grades are used as given.</source>
        <translation>可用的补充耕地指标记录共有 {n} 种不同的质量等别（DB）。“质量不降低”规则对每种等别各需一部分线性规划，本次计算可能需要数分钟。等别按原值使用，未作取整。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../ui/conflict_dialog.py" line="39" />
        <source>Targets changed by someone else</source>
        <translation>目标已被他人修改</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="41" />
        <source>Someone else saved these targets after you loaded them. Nothing has been saved yet. Keep your values (they replace theirs) or take theirs (your edits of these rows are dropped).</source>
        <translation>在您载入之后，他人已保存了这些目标，您的修改尚未保存。请选择保留您的数值（覆盖对方的）或采用对方的数值（放弃您对这些行的修改）。</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="67" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="67" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="67" />
        <source>When you loaded</source>
        <translation>载入时</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="67" />
        <source>Yours</source>
        <translation>您的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="67" />
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="82" />
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="84" />
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
</context>
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
        <location filename="../processing/base.py" line="29" />
        <source>Areas and parcels</source>
        <translation>面积与图斑</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="30" />
        <source>Red-line overlay</source>
        <translation>红线压盖分析</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="31" />
        <source>Red-line coordinates</source>
        <translation>红线坐标</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="32" />
        <source>Compensation balance</source>
        <translation>耕地占补平衡</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="33" />
        <source>Village maps</source>
        <translation>一村一图</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="34" />
        <source>Responsibility targets</source>
        <translation>耕地保护目标责任</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="144" />
        <source>Layer “{layer}”: the shapefile declares no usable code page but its text is {encoding}; it is read as {encoding}. To fix the file for other programs, save a .cpg file containing {encoding} next to it.</source>
        <translation>图层“{layer}”：该 shapefile 未声明可用的编码，但其文字为 {encoding} 编码，已按 {encoding} 读取。如需其他软件也能正确读取，请在其旁边保存一个内容为 {encoding} 的 .cpg 文件。</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="113" />
        <source>The folder of the report {path} does not exist.</source>
        <translation>报告 {path} 所在的文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="118" />
        <source>The folder of the report {path} is not writable.</source>
        <translation>报告 {path} 所在的文件夹不可写。</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="105" />
        <source>The report {path} must be an .xlsx workbook; its HTML copy is written beside it.</source>
        <translation>报告 {path} 须为 .xlsx 工作簿，其网页副本写在同一文件夹。</translation>
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
    <message>
        <location filename="../plugin.py" line="84" />
        <source>Responsibility targets</source>
        <translation>耕地保护目标责任书</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="84" />
        <source>田长 roster</source>
        <translation>田长名单</translation>
    </message>
</context>
<context>
    <name>FarmlandMessages</name>
    <message>
        <location filename="../processing/messages.py" line="19" />
        <source>(none found)</source>
        <translation>（未找到）</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="27" />
        <source>Layer “{layer}”: its CRS {crs} expects eastings with a zone prefix but they have none. The coordinates fit {fits}: set the layer's CRS to it and run again.</source>
        <translation>图层“{layer}”：其坐标系 {crs} 要求横坐标带带号，但坐标不带带号。坐标与 {fits} 相符：请将图层坐标系设为该坐标系后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="33" />
        <source>Layer “{layer}”: the zone prefix of the eastings does not match its CRS {crs}. The coordinates fit {fits}: set the layer's CRS to it and run again.</source>
        <translation>图层“{layer}”：横坐标的带号与其坐标系 {crs} 不符。坐标与 {fits} 相符：请将图层坐标系设为该坐标系后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="61" />
        <source>Layer “{layer}” has no CRS; its 8-digit eastings give 3° zone {zone}, so it is read as EPSG:{epsg}.</source>
        <translation>图层“{layer}”没有坐标系；按8位横坐标判定为3度带第{zone}带，按 EPSG:{epsg} 读取。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="21" />
        <source>Layer “{layer}”: the eastings carry a zone prefix (8 digits) but its CRS {crs} has none. The coordinates fit {fits}: set the layer's CRS to it and run again.</source>
        <translation>图层“{layer}”：横坐标带有带号（8位），但其坐标系 {crs} 不带带号。坐标与 {fits} 相符：请将图层坐标系设为该坐标系后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="39" />
        <source>Layer “{layer}” mixes eastings with and without a zone prefix (or of several zones); one CRS cannot fit them all. Split or repair the layer and run again.</source>
        <translation>图层“{layer}”中带带号与不带带号（或不同带号）的横坐标混杂，无法用同一坐标系表示。请拆分或修复图层后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="52" />
        <source>Layer “{layer}” has no CRS, and its eastings are not 8-digit Gauss–Krüger coordinates with a zone prefix. Set the layer's CRS (e.g. EPSG:4490 or a CGCS2000 Gauss–Krüger CRS).</source>
        <translation>图层“{layer}”没有坐标系，且其横坐标不是带带号的8位高斯–克吕格坐标。请设置图层坐标系（如 EPSG:4490 或 CGCS2000 高斯–克吕格投影坐标系）。</translation>
    </message>
    <message>
        <location filename="../processing/messages.py" line="45" />
        <source>Layer “{layer}”: in its CRS {crs} the coordinates fall outside China, so the CRS is not the one they were made in. Set the layer's CRS to the right one (e.g. a CGCS2000 Gauss–Krüger CRS) and run again.</source>
        <translation>图层“{layer}”：按其坐标系 {crs} 解读，坐标落在中国境外，说明该坐标系不是数据实际采用的坐标系。请将图层坐标系设为正确的坐标系（如 CGCS2000 高斯–克吕格投影）后重新运行。</translation>
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
        <location filename="../processing/import_redline.py" line="54" />
        <source>Import red lines (部标 TXT, DXF, DWG)</source>
        <translation>导入红线（部标TXT、DXF、DWG）</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="57" />
        <source>Read 勘测定界 boundary-point files and CAD drawings into a polygon layer.</source>
        <translation>将勘测定界界址点坐标文件和CAD图读入为面图层。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="60" />
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
        <location filename="../processing/import_redline.py" line="82" />
        <source>Red-line files or folders</source>
        <translation>红线文件或文件夹</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="85" />
        <source>部标 TXT, DXF or DWG files, or folders holding them.</source>
        <translation>部标TXT、DXF或DWG文件，或包含这些文件的文件夹。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="87" />
        <source>CRS of the coordinates (overrides the files)</source>
        <translation>坐标的坐标系（覆盖文件中的设置）</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="90" />
        <source>Leave empty to use each file's header (TXT) or the zone prefix of the eastings.</source>
        <translation>留空则使用各文件的文件头（TXT）或横坐标的带号前缀。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="94" />
        <source>CAD layers to read (comma-separated; empty = all)</source>
        <translation>要读取的CAD图层（逗号分隔；留空=全部）</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="98" />
        <source>Names of the DXF/DWG layers holding the red lines, e.g. 红线,用地范围.</source>
        <translation>存放红线的DXF/DWG图层名，例如：红线,用地范围。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="100" />
        <source>Red lines</source>
        <translation>红线</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="105" />
        <source>Problems found</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="112" />
        <source>A table of every problem: file, line, parcel, level, code and message.</source>
        <translation>列出全部问题的表：文件、行号、地块、级别、代码和说明。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="114" />
        <source>Files read</source>
        <translation>读取的文件数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="115" />
        <source>Parcels imported</source>
        <translation>导入的地块数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="116" />
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="117" />
        <source>Warnings</source>
        <translation>警告数</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="131" />
        <source>No .txt, .dxf or .dwg file found in the input.</source>
        <translation>输入中没有找到 .txt、.dxf 或 .dwg 文件。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="160" />
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="143" />
        <source>{file}: {count} parcels, {encoding}, {crs}</source>
        <translation>{file}：{count} 个地块，{encoding}，{crs}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="186" />
        <source>{files} files, {parcels} parcels imported, {errors} errors, {warnings} warnings.</source>
        <translation>共 {files} 个文件，导入 {parcels} 个地块，{errors} 个错误，{warnings} 个警告。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="281" />
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="281" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="293" />
        <source>{file}, line {line}, parcel {parcel}</source>
        <translation>{file}，第 {line} 行，地块 {parcel}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="295" />
        <source>{file}, line {line}</source>
        <translation>{file}，第 {line} 行</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="297" />
        <source>{file}, parcel {parcel}</source>
        <translation>{file}，地块 {parcel}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="300" />
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="305" />
        <source>No [地块坐标] section: this is not a 部标 coordinate file.</source>
        <translation>没有[地块坐标]节：这不是部标坐标文件。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="306" />
        <source>The [地块坐标] section holds no parcel.</source>
        <translation>[地块坐标]节中没有地块。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="307" />
        <source>坐标系 “{datum}” is not CGCS2000; set the CRS parameter to the CRS of the coordinates.</source>
        <translation>坐标系“{datum}”不是CGCS2000；请将“坐标系”参数设为坐标实际所用的坐标系。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="310" />
        <source>坐标系 is empty; read as CGCS2000.</source>
        <translation>坐标系为空；按CGCS2000读取。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="311" />
        <source>The zone is unknown: no 带号 in the header and no zone prefix in the eastings. Set the CRS parameter.</source>
        <translation>无法确定投影带：文件头没有带号，横坐标也没有带号前缀。请设置“坐标系”参数。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="315" />
        <source>Eastings of several zones ({zones}; “-” = without prefix) in one file. Split the file or convert it to one zone.</source>
        <translation>一个文件中含有多个投影带的横坐标（{zones}；“-”表示无带号前缀）。请拆分文件或换算到同一投影带。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="319" />
        <source>The header (带号 {header}, 几度分带 {width}) contradicts the zone prefix {prefix} of the eastings.</source>
        <translation>文件头（带号 {header}，几度分带 {width}）与横坐标的带号前缀 {prefix} 不一致。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="323" />
        <source>No 带号 given; zone {zone} taken from the eastings (EPSG:{epsg}).</source>
        <translation>未给出带号；按横坐标取第 {zone} 带（EPSG:{epsg}）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="326" />
        <source>The easting comes before the northing in this file; read the other way round.</source>
        <translation>该文件中横坐标（东）在纵坐标（北）之前；已按相反顺序读取。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="329" />
        <source>{key}=“{value}” is not understood and was ignored.</source>
        <translation>{key}=“{value}”无法识别，已忽略。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="330" />
        <source>The eastings do not fit the chosen CRS {crs}; they fit EPSG:{fits} (0 = none).</source>
        <translation>横坐标与所选坐标系 {crs} 不符；与之相符的是 EPSG:{fits}（0 表示没有）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="333" />
        <source>Cannot read the file: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="334" />
        <source>Not a red-line file ({suffix}); only .txt, .dxf and .dwg are read.</source>
        <translation>不是红线文件（{suffix}）；只读取 .txt、.dxf 和 .dwg。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="337" />
        <source>GDAL cannot read this DWG (AutoCAD {version}); the GDAL of this QGIS reads DWG 2000 only. Save the drawing as DXF in your CAD program and import the DXF.</source>
        <translation>GDAL无法读取该DWG（AutoCAD {version}）；本QGIS所带的GDAL只能读取DWG 2000。请在CAD软件中将图另存为DXF，再导入DXF。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="341" />
        <source>No closed polyline on the CAD layers {layers}.</source>
        <translation>CAD图层 {layers} 上没有闭合多段线。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="342" />
        <source>界址点数 “{text}” is not a whole number and was not checked.</source>
        <translation>界址点数“{text}”不是整数，未作核对。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="343" />
        <source>Not a point line (点号,圈号,X,Y with numbers): “{text}”.</source>
        <translation>不是坐标行（应为 点号,圈号,X,Y 且为数字）：“{text}”。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="344" />
        <source>Point lines before the first parcel header line were ignored.</source>
        <translation>第一个地块属性行之前的坐标行已忽略。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="345" />
        <source>图形属性 is “{kind}”, not 面: not a polygon, skipped.</source>
        <translation>图形属性为“{kind}”而不是“面”：不是面状地块，已跳过。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="346" />
        <source>Ring {ring} is not closed: its last point {point} differs from its first.</source>
        <translation>第 {ring} 圈未闭合：末点 {point} 与首点不同。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="349" />
        <source>Ring {ring} has {points} distinct points; a polygon needs at least 3.</source>
        <translation>第 {ring} 圈只有 {points} 个不同的点；构面至少需要 3 个。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="352" />
        <source>Ring {ring} has no area (its points lie on one line).</source>
        <translation>第 {ring} 圈面积为零（各点共线）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="353" />
        <source>Point {point} of ring {ring} repeats the point before it; dropped.</source>
        <translation>第 {ring} 圈的点 {point} 与前一点重复，已删除。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="354" />
        <source>界址点数 says {declared} points but the parcel has {found} point lines.</source>
        <translation>界址点数为 {declared}，但该地块有 {found} 个坐标行。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="357" />
        <source>Ring {ring} crosses or touches itself; a repaired copy was imported.</source>
        <translation>第 {ring} 圈自相交或自接触；已导入修复后的副本。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="360" />
        <source>Invalid polygon ({reason}); a repaired copy was imported.</source>
        <translation>无效的面（{reason}）；已导入修复后的副本。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="362" />
        <source>The declared area {declared} looks like m², not 公顷 (about 10 000 times the computed area).</source>
        <translation>申报面积 {declared} 看来是平方米而不是公顷（约为计算面积的 10 000 倍）。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="365" />
        <source>地块面积 “{text}” is not a number and was ignored.</source>
        <translation>地块面积“{text}”不是数字，已忽略。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="361" />
        <source>Nothing is left of the polygon once repaired ({reason}); skipped.</source>
        <translation>修复后该面已不复存在（{reason}）；已跳过。</translation>
    </message>
    <message>
        <location filename="../processing/import_redline.py" line="366" />
        <source>The declared area {declared} 公顷 differs from the computed {computed} 公顷 by {percent} %, more than the 1 % a review accepts.</source>
        <translation>申报面积 {declared} 公顷与计算面积 {computed} 公顷相差 {percent}%，超过审查允许的 1%。</translation>
    </message>
</context>
<context>
    <name>OfficialAreaAlgorithm</name>
    <message>
        <location filename="../processing/official_area.py" line="90" />
        <source>Official ellipsoidal area</source>
        <translation>图斑椭球面积计算</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="93" />
        <source>Recompute parcel areas on the CGCS2000 ellipsoid the official way (32号 formula).</source>
        <translation>按官方方法（32号文公式）在CGCS2000椭球上重新计算图斑面积。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="96" />
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
        <location filename="../processing/official_area.py" line="111" />
        <source>Parcels (polygons)</source>
        <translation>图斑（面）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="116" />
        <source>Area field to write (m²)</source>
        <translation>写入的面积字段（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="119" />
        <source>Compute KCMJ and TBDLMJ where a KCXS field exists</source>
        <translation>有 KCXS 字段时计算 KCMJ 和 TBDLMJ</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="124" />
        <source>Add an area field in 亩</source>
        <translation>增加以亩为单位的面积字段</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="125" />
        <source>Add an area field in 公顷</source>
        <translation>增加以公顷为单位的面积字段</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="128" />
        <source>Control units for levelling (e.g. villages, CJDCQ)</source>
        <translation>平差控制单元（如村级调查区 CJDCQ）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="136" />
        <source>Parcel field with the unit code (e.g. ZLDWDM)</source>
        <translation>图斑中的单位代码字段（如 ZLDWDM）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="144" />
        <source>Control unit code field (e.g. ZLDWDM)</source>
        <translation>控制单元代码字段（如 ZLDWDM）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="152" />
        <source>Control area field in m² (e.g. DCMJ)</source>
        <translation>控制面积字段，平方米（如 DCMJ）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="161" />
        <source>QA tolerance (m²)</source>
        <translation>质检容差（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="169" />
        <source>Field map (role=field;…)</source>
        <translation>字段映射（角色=字段;…）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="174" />
        <source>Parcels with official areas</source>
        <translation>计算椭球面积后的图斑</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="175" />
        <source>Area deviations (QA)</source>
        <translation>面积偏差（质检）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="184" />
        <source>Number of features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="185" />
        <source>Total area (m²)</source>
        <translation>总面积（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="186" />
        <source>Total area (亩)</source>
        <translation>总面积（亩）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="187" />
        <source>Largest deviation (m²)</source>
        <translation>最大偏差（平方米）</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="202" />
        <source>Layer “{layer}”: field {field} exists but is not numeric; choose another area field.</source>
        <translation>图层“{layer}”：字段 {field} 已存在但不是数值型；请选择其他面积字段。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="207" />
        <source>Reading geometries of “{layer}”…</source>
        <translation>正在读取“{layer}”的几何…</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="330" />
        <source>Layer “{layer}”, feature {fid}: KCXS value {value} is not a coefficient in [0, 1).</source>
        <translation>图层“{layer}”，要素 {fid}：KCXS 值 {value} 不是 [0, 1) 范围内的系数。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="295" />
        <source>{count} features, total {m2:.2f} m² = {mu:.2f} 亩; largest deviation from the stored {field}: {dev:.2f} m² ({n} above the tolerance).</source>
        <translation>共 {count} 个要素，总面积 {m2:.2f} 平方米 = {mu:.2f} 亩；与原 {field} 的最大偏差 {dev:.2f} 平方米（{n} 个超过容差）。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="473" />
        <source>Layer “{layer}” has no field “{field}” for levelling; its fields are: {fields}.</source>
        <translation>图层“{layer}”没有用于平差的字段“{field}”；现有字段：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="503" />
        <source>{n} parcels match no control unit by “{field}” and are not levelled.</source>
        <translation>{n} 个图斑按“{field}”未匹配到控制单元，未参与平差。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="241" />
        <source>Layer “{layer}”: levelling to the control areas failed: {error}</source>
        <translation>图层“{layer}”：按控制面积平差失败：{error}</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="302" />
        <source>{count} features, total {m2:.2f} m² = {mu:.2f} 亩 (the layer has no {field} to compare with).</source>
        <translation>共 {count} 个要素，总面积 {m2:.2f} 平方米 = {mu:.2f} 亩（图层没有可供比对的 {field} 字段）。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="385" />
        <source>Layer “{layer}”: {n} invalid geometries (self-intersections, bow ties, overlapping rings) are measured after repair (makeValid); the output keeps them as they are: {ids}</source>
        <translation>图层“{layer}”：{n} 个无效几何（自相交、“8”字形、环重叠等）按修复（makeValid）后的图形计算面积，输出中的图形保持原样：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="393" />
        <source>Layer “{layer}”: {n} geometries cannot be repaired; their area is 0: {ids}</source>
        <translation>图层“{layer}”：{n} 个几何无法修复，面积记为 0：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="399" />
        <source>Layer “{layer}”: {n} features have no geometry; their area is 0: {ids}</source>
        <translation>图层“{layer}”：{n} 个要素没有几何，面积记为 0：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="420" />
        <source>Layer “{layer}”: the control areas of {n} units differ from the sum of their parcels by more than {limit} %, too much to level (check the unit codes and the control layer): {units}</source>
        <translation>图层“{layer}”：有 {n} 个单位的控制面积与其图斑面积之和相差超过 {limit}%，差异过大，不能平差（请检查单位代码和控制图层）：{units}</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="427" />
        <source>Layer “{layer}”: levelling spreads these gaps (control − Σ parcels) over the units' parcels: {units}</source>
        <translation>图层“{layer}”：以下单位的差值（控制面积 − 图斑面积之和）将平差分摊到各自的图斑：{units}</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="220" />
        <source>Layer “{layer}” has no features.</source>
        <translation>图层“{layer}”没有要素。</translation>
    </message>
    <message>
        <location filename="../processing/official_area.py" line="510" />
        <source>{n} control units have no parcels in the layer: {units}</source>
        <translation>有 {n} 个控制单位在图层中没有图斑：{units}</translation>
    </message>
</context>
<context>
    <name>RedlineOverlayAlgorithm</name>
    <message>
        <location filename="../processing/redline_overlay.py" line="149" />
        <source>Red-line overlay analysis</source>
        <translation>红线压盖分析</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="152" />
        <source>Which project sites occupy permanent basic farmland, the ecological red line, land outside the urban development boundary, and how much farmland of which class in which village.</source>
        <translation>分析建设项目用地是否占用永久基本农田、生态保护红线、城镇开发边界外用地，以及占用各村各地类耕地的面积。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="158" />
        <source>Overlays project sites (红线) with 永久基本农田 (PBF), 生态保护红线 (ERL), 城镇开发边界 (UDB), any other constraint layers (EXTRA) and the 三调/变更 DLTB layer (LANDUSE) in one run.

Areas are official ellipsoidal areas (国土调查办发〔2008〕32号, CGCS2000, half-up to 0.01 m²). For every site the DLTB pieces are levelled so that they add up exactly to the site's area inside DLTB; class, village and ownership totals are sums of levelled pieces. 田坎 is split off by KCXS. Overlapping features of one layer are counted once; sites that overlap each other are each reported in full and flagged. Parts of a site that DLTB does not cover are reported as a data gap.

Invalid geometries are repaired (makeValid) and listed in the log and the ERRORS output; features without geometry are skipped and counted.

Outputs: PIECES (every piece with its parcel's attributes, m², 公顷, 亩), SUMMARY (per site × category, and × land class × village × ownership for DLTB), VERDICT (per site and rule, with the 占补平衡 demand fields XMBH, XZQDM, PZRQ, GDMJ, STMJ, DB) and REPORT (XLSX workbook with 汇总/分地类/分村/明细 sheets and an HTML copy).

FIELD_MAP overrides field names, e.g. DLBM=DL_CODE;KCXS=TKXS for DLTB, or PBF.YJJBNTTBBH=BH for another layer (prefixes LANDUSE., PBF., ERL., UDB.).</source>
        <translation>一次运行完成建设项目用地（红线）与永久基本农田（PBF）、生态保护红线（ERL）、城镇开发边界（UDB）、其他管控图层（EXTRA）及三调/变更地类图斑（LANDUSE）的压盖分析。

面积为椭球面积（国土调查办发〔2008〕32号，CGCS2000，四舍五入至 0.01 平方米）。每个项目的地类图斑压盖面积平差至项目在地类图斑内的面积；分地类、分村、分权属合计均为平差后图斑面积之和。耕地按扣除地类系数（KCXS）扣除田坎。同一图层内相互重叠的要素只计一次；相互重叠的项目各自完整统计并标注。项目中地类图斑未覆盖的部分作为数据缺口列出。

无效几何用 makeValid 修复，并在日志和 ERRORS 输出中列出；无几何的要素跳过并计数。

输出：PIECES（每个压盖图斑及其属性，平方米、公顷、亩），SUMMARY（按项目×类别汇总，地类图斑另按地类×村×权属汇总），VERDICT（按项目和规则给出结论，含占补平衡所需字段 XMBH、XZQDM、PZRQ、GDMJ、STMJ、DB），REPORT（含 汇总/分地类/分村/明细 工作表的 XLSX 工作簿及 HTML 副本）。

FIELD_MAP 用于指定字段名，例如地类图斑 DLBM=DL_CODE;KCXS=TKXS，其他图层加前缀 PBF.YJJBNTTBBH=BH（前缀 LANDUSE.、PBF.、ERL.、UDB.）。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="179" />
        <source>Project sites (红线)</source>
        <translation>建设项目用地（红线）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="182" />
        <source>Site id field (default: XMBH, DKBH, … or the feature id)</source>
        <translation>项目编号字段（默认：XMBH、DKBH……或要素编号）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="182" />
        <source>Site name field (default: XMMC, DKMC, …)</source>
        <translation>项目名称字段（默认：XMMC、DKMC……）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="182" />
        <source>Approval date field (default: PZRQ, …)</source>
        <translation>批准日期字段（默认：PZRQ……）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="190" />
        <source>Tolerance zone around the sites (m, 0 = none)</source>
        <translation>项目周边缓冲区（米，0 = 不设）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="199" />
        <source>Permanent basic farmland (永久基本农田)</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="199" />
        <source>Ecological protection red line (生态保护红线)</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="199" />
        <source>Urban development boundary (城镇开发边界)</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="205" />
        <source>Other constraint layers</source>
        <translation>其他管控图层</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="213" />
        <source>Land use parcels (三调/变更 DLTB)</source>
        <translation>地类图斑（三调/变更 DLTB）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="218" />
        <source>Field map (role=field;…)</source>
        <translation>字段映射（角色=字段;…）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="223" />
        <source>Overlay pieces</source>
        <translation>压盖图斑</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="224" />
        <source>Summary table</source>
        <translation>汇总表</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="229" />
        <source>Verdict per site</source>
        <translation>项目审查结论</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="234" />
        <source>Report (XLSX; an HTML copy is written next to it)</source>
        <translation>报告（XLSX，同目录另存 HTML 副本）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="234" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="243" />
        <source>Repaired and skipped geometries</source>
        <translation>修复和跳过的几何</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="252" />
        <source>Number of sites</source>
        <translation>项目个数</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="253" />
        <source>Number of pieces</source>
        <translation>压盖图斑个数</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="254" />
        <source>Number of repaired geometries</source>
        <translation>修复的几何个数</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="272" />
        <source>The tolerance zone needs a projected working CRS; {crs} is geographic. Reproject the land-use layer (or the sites) to a CGCS2000 Gauss–Krüger CRS.</source>
        <translation>缓冲区需要投影坐标系作为工作坐标系；{crs} 是地理坐标系。请将地类图斑图层（或项目图层）投影到 CGCS2000 高斯–克吕格坐标系。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="278" />
        <source>Working CRS: {crs}</source>
        <translation>工作坐标系：{crs}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="296" />
        <source>The site layer “{layer}” has no features.</source>
        <translation>项目图层“{layer}”没有要素。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="310" />
        <source>Layer “{layer}” has no {role} field: the tables leave it blank.</source>
        <translation>图层“{layer}”没有 {role} 字段：表中该项留空。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="334" />
        <source>Levelling failed: {error}</source>
        <translation>平差失败：{error}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="387" />
        <source>Field map entry {entry}: unknown layer prefix {prefix} (use LANDUSE, PBF, ERL or UDB).</source>
        <translation>字段映射项 {entry}：未知的图层前缀 {prefix}（可用 LANDUSE、PBF、ERL 或 UDB）。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="406" />
        <source>The site layer has no id field (XMBH, DKBH, …); sites are named by feature id.</source>
        <translation>项目图层没有编号字段（XMBH、DKBH……），以要素编号作为项目编号。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="471" />
        <source>Layer “{layer}” has no field for the role {role} (looked for {candidates}). Its fields are: {fields}. Name the field with FIELD_MAP, e.g. {role}=YOUR_FIELD.</source>
        <translation>图层“{layer}”没有角色 {role} 对应的字段（查找了 {candidates}）。该图层的字段有：{fields}。请用 FIELD_MAP 指定字段，例如 {role}=你的字段。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="483" />
        <source>Layer “{layer}”: {error}</source>
        <translation>图层“{layer}”：{error}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="494" />
        <source>Parcel {fid}: KCXS {value} is not a coefficient in [0, 1). Fix the value and run again.</source>
        <translation>图斑 {fid}：扣除地类系数 KCXS {value} 不在 [0, 1) 范围内，请修正后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="503" />
        <source>Layer “{layer}”: {n} invalid geometries repaired (makeValid): {ids}</source>
        <translation>图层“{layer}”：修复了 {n} 个无效几何（makeValid）：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="504" />
        <source>Layer “{layer}”: {n} features without geometry skipped: {ids}</source>
        <translation>图层“{layer}”：跳过了 {n} 个无几何的要素：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="505" />
        <source>Layer “{layer}”: {n} features with empty geometry skipped: {ids}</source>
        <translation>图层“{layer}”：跳过了 {n} 个空几何的要素：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="506" />
        <source>Layer “{layer}”: {n} geometries could not be repaired and were skipped: {ids}</source>
        <translation>图层“{layer}”：{n} 个几何无法修复，已跳过：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="509" />
        <source>Layer “{layer}”: {n} features overlap others inside a site; the overlap is counted once: {ids}</source>
        <translation>图层“{layer}”：{n} 个要素在项目范围内与其他要素重叠，重叠部分只计一次：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="513" />
        <source>Layer “{layer}”: {n} features could not be intersected (GEOS); their area counts as a data gap: {ids}</source>
        <translation>图层“{layer}”：{n} 个要素无法求交（GEOS），其面积计入数据缺口：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="522" />
        <source>Layer “{layer}”: {n} features without geometry skipped.</source>
        <translation>图层“{layer}”：跳过了 {n} 个无几何的要素。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="528" />
        <source>Site ids used more than once (each feature is reported separately): {ids}</source>
        <translation>项目编号重复（每个要素分别统计）：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="535" />
        <source>{n} sites overlap other sites; each is reported in full (see CDXM/CDMJ): {ids}</source>
        <translation>{n} 个项目与其他项目重叠，各自完整统计（见 CDXM/CDMJ）：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="541" />
        <source>No grade → yield table available: the VERDICT has no CN (产能) figure.</source>
        <translation>没有等别→产量表：审查结论中不含产能（CN）。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="552" />
        <source>{sites} sites, {pieces} pieces ({whole} parcels taken whole, {cut} cut, {cand} candidates).</source>
        <translation>{sites} 个项目，{pieces} 个压盖图斑（整块 {whole} 个，切割 {cut} 个，候选 {cand} 个）。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="663" />
        <source>not checked (layer not given)</source>
        <translation>未核查（未提供图层）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="664" />
        <source>clear</source>
        <translation>不涉及</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="665" />
        <source>occupies farmland: compensation (占补平衡) required</source>
        <translation>占用耕地，须落实占补平衡</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="666" />
        <source>review needed</source>
        <translation>需审查</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="667" />
        <source>restricted: inside the ecological protection red line</source>
        <translation>限制（位于生态保护红线内）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="668" />
        <source>prohibited: occupies permanent basic farmland (only with State Council approval)</source>
        <translation>禁止占用（占用永久基本农田须报国务院批准）</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="675" />
        <source>review: outside the urban development boundary</source>
        <translation>需审查：位于城镇开发边界外</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="677" />
        <source>review: touches other constraint layers</source>
        <translation>需审查：涉及其他管控图层</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="763" />
        <source>Could not write to an output: {error}</source>
        <translation>无法写入输出：{error}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="545" />
        <source>CN (产能) uses the plugin's default grade → yield table, a placeholder until the province's table is entered; check it before the figures are filed.</source>
        <translation>产能（CN）按插件默认的等别→产量表计算，该表在录入本省标准之前只是占位数据；报批前请核实。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="654" />
        <source>The report could not be written: {error}</source>
        <translation>无法写出报告：{error}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="657" />
        <source>Report written: {xlsx} and {html}</source>
        <translation>已写出报告：{xlsx} 和 {html}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="281" />
        <source>Layer “{layer}” has no coordinate reference system, so it cannot be placed among the other layers. Set its CRS (the one its coordinates were made in) and run again.</source>
        <translation>图层“{layer}”没有坐标参考系，无法与其他图层叠加。请设置其坐标系（即坐标实际采用的坐标系）后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="288" />
        <source>The working CRS {crs} is not a CGCS2000 CRS: the pieces are cut with edges straight in it, which moves their areas slightly. Reproject the land-use layer to the county's CGCS2000 Gauss–Krüger CRS for the official figures.</source>
        <translation>工作坐标系 {crs} 不是 CGCS2000 坐标系：压盖图斑按该坐标系中的直线边切割，面积会略有偏差。如需正式数据，请将地类图斑图层投影到本县的 CGCS2000 高斯–克吕格坐标系。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="343" />
        <source>{n} sites are not wholly covered by the land-use layer; the uncovered part is reported as a data gap (未覆盖) and the site needs review: {ids}</source>
        <translation>有 {n} 个项目未被地类图斑图层完全覆盖，未覆盖部分作为数据缺口（未覆盖）单列，项目需审查：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="301" />
        <source>Layer “{layer}” has no KCXS (扣除地类系数) field: no 田坎 is deducted, so the 耕地 figures include their 田坎. Map the field with FIELD_MAP (e.g. KCXS=TKXS) if it has another name.</source>
        <translation>图层“{layer}”没有扣除地类系数（KCXS）字段：不扣除田坎，耕地面积中含田坎。如该字段另有名称，请用字段映射（FIELD_MAP，如 KCXS=TKXS）指定。</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="358" />
        <source>{n} land-use pieces have no land class (DLBM) and are counted as 未知地类: {ids}</source>
        <translation>有 {n} 个地类图斑压盖块没有地类编码（DLBM），计入未知地类：{ids}</translation>
    </message>
    <message>
        <location filename="../processing/redline_overlay.py" line="358" />
        <source>{n} land-use pieces have no village code (ZLDWDM) and are listed without a village: {ids}</source>
        <translation>有 {n} 个地类图斑压盖块没有坐落单位代码（ZLDWDM），列入无村别一栏：{ids}</translation>
    </message>
</context>
<context>
    <name>RosterDock</name>
    <message>
        <location filename="../ui/roster_dock.py" line="41" />
        <source>田长 roster</source>
        <translation>田长名单</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="51" />
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="55" />
        <source>Remove the selected people</source>
        <translation>删除所选人员</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="59" />
        <source>Save roster</source>
        <translation>保存名单</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="63" />
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="68" />
        <source>Select a unit in the targets dock.</source>
        <translation>请在目标责任面板中选择一个单位。</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="72" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="72" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="72" />
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="72" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="107" />
        <source>Cannot read the roster: {error}</source>
        <translation>无法读取田长名单：{error}</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="186" />
        <source>Every person needs a name and a level; phone numbers may contain digits, spaces, +, - and brackets only.</source>
        <translation>每个人都须填写姓名和层级；电话号码只能包含数字、空格、+、- 和括号。</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="210" />
        <source>Someone else changed this roster after you opened it; nothing was saved. Reload to see their version.</source>
        <translation>在您打开之后，他人已修改了该名单，未保存任何内容。请重新载入查看对方的版本。</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="219" />
        <source>Saving the roster failed, nothing was written: {error}</source>
        <translation>保存名单失败，未写入任何内容：{error}</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="225" />
        <source>Roster saved.</source>
        <translation>名单已保存。</translation>
    </message>
    <message>
        <location filename="../ui/roster_dock.py" line="232" />
        <source>Roster</source>
        <translation>田长名单</translation>
    </message>
</context>
<context>
    <name>TargetsAlgorithms</name>
    <message>
        <location filename="../processing/targets_check.py" line="64" />
        <source>Villages (CJDCQ)</source>
        <translation>村级调查区（CJDCQ）</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="69" />
        <source>Village units: ZLDWDM (code) and ZLDWMC (name) give the tree's villages.</source>
        <translation>村级单位：由 ZLDWDM（代码）和 ZLDWMC（名称）确定层级中的村。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="75" />
        <source>Townships (XZQ)</source>
        <translation>行政区（XZQ）</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="81" />
        <source>Township units: XZQDM and XZQMC give the townships' names.</source>
        <translation>乡级单位：由 XZQDM 和 XZQMC 确定乡镇名称。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="91" />
        <source>Land use (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="91" />
        <source>Permanent basic farmland (YJJBNTTB)</source>
        <translation>永久基本农田（YJJBNTTB）</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="91" />
        <source>Farmland protection targets (GDBHMB)</source>
        <translation>耕地保护目标（GDBHMB）</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="110" />
        <source>Targets table (fg_targets)</source>
        <translation>目标表（fg_targets）</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="115" />
        <source>The fg_targets table of the GeoPackage or PostgreSQL schema the targets dock saves to.</source>
        <translation>目标责任面板所保存到的 GeoPackage 或 PostgreSQL 模式中的 fg_targets 表。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="122" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="177" />
        <source>Reading “{layer}”…</source>
        <translation>正在读取“{layer}”…</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="188" />
        <source>Layer “{layer}” has no location code (ZLDWDM) or land-use code (DLBM) field; its fields are: {fields}.</source>
        <translation>图层“{layer}”缺少坐落单位代码（ZLDWDM）或地类编码（DLBM）字段；其字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="198" />
        <source>{n} parcels of “{layer}” measured with the official ellipsoidal area.</source>
        <translation>“{layer}”中 {n} 个图斑按官方椭球面积计算。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="218" />
        <source>“{layer}” is not a targets table: it has no {fields} field.</source>
        <translation>“{layer}”不是目标表：缺少字段 {fields}。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="243" />
        <source>Targets table, unit {unit}: {value} is not a number of 亩.</source>
        <translation>目标表，单位 {unit}：{value} 不是有效的亩数。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="259" />
        <source>Targets table, unit {unit}: {fields} is negative; a target is ≥ 0 亩.</source>
        <translation>目标表，单位 {unit}：{fields} 为负数；目标应不小于 0 亩。</translation>
    </message>
</context>
<context>
    <name>TargetsCheckAlgorithm</name>
    <message>
        <location filename="../processing/targets_check.py" line="285" />
        <source>Check responsibility targets</source>
        <translation>检查目标责任</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="288" />
        <source>List every problem of a year's 耕地保护目标责任书 targets.</source>
        <translation>列出某年度耕地保护目标责任书目标的全部问题。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="291" />
        <source>Checks the targets of one year saved by the targets dock (table fg_targets) against the unit tree built from the village (CJDCQ) and township (XZQ) layers and, when given, the mapped figures:
- the children's targets add up to the parent's (exact to 0.01 亩);
- a target does not exceed the mapped 耕地 / 永久基本农田 (不足额), nor the 耕地保护目标 polygons (未带位置);
- every unit has its targets; no target belongs to a unit missing from the layers;
- parcels whose location code lies in no unit.
Mapped 耕地 is Σ TBDLMJ of 耕地 parcels; 永久基本农田 is the official ellipsoidal area less the 田坎 deduction.</source>
        <translation>按村级调查区（CJDCQ）和行政区（XZQ）图层建立的单位层级，以及（如提供）现状面积，检查目标责任面板所保存的某年度目标（fg_targets 表）：
- 下级目标合计等于上级目标（精确到 0.01 亩）；
- 目标不超过现状耕地/永久基本农田（不足额），也不超过耕地保护目标图斑（未带位置）；
- 每个单位都有目标；没有属于图层中不存在单位的目标；
- 坐落代码不属于任何单位的图斑。
现状耕地为耕地图斑 TBDLMJ 之和；永久基本农田为官方椭球面积扣除田坎后的面积。</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="307" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="312" />
        <source>Number of problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="313" />
        <source>Number of errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../processing/targets_check.py" line="361" />
        <source>{units} units, {targets} target rows of {year}: {n} problems, {e} errors.</source>
        <translation>{units} 个单位，{year} 年度 {targets} 条目标：{n} 个问题，{e} 个错误。</translation>
    </message>
</context>
<context>
    <name>TargetsDock</name>
    <message>
        <location filename="../ui/targets_dock.py" line="125" />
        <source>Responsibility targets (耕地保护目标责任书)</source>
        <translation>耕地保护目标责任书</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="147" />
        <source>No target store: open a GeoPackage or a PostgreSQL connection.</source>
        <translation>尚无目标存储：请打开 GeoPackage 或 PostgreSQL 连接。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="152" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="161" />
        <source>Search name or code</source>
        <translation>按名称或代码搜索</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="192" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="193" />
        <source>Provenance</source>
        <translation>文件依据</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="214" />
        <source>Open or create a GeoPackage store…</source>
        <translation>打开或新建 GeoPackage 存储…</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="220" />
        <source>Use a PostgreSQL connection…</source>
        <translation>使用 PostgreSQL 连接…</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="226" />
        <source>Save targets</source>
        <translation>保存目标</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="229" />
        <source>Reload from the store</source>
        <translation>从存储重新载入</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="232" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="236" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="243" />
        <source>Compute mapped figures</source>
        <translation>计算现状面积</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="249" />
        <source>田长 roster of the selected unit</source>
        <translation>所选单位的田长名单</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="255" />
        <source>Export the allocation table…</source>
        <translation>导出分解表…</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="260" />
        <source>Allocate farmland target to children</source>
        <translation>将耕地保有量分解到下级</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="260" />
        <source>Allocate PBF target to children</source>
        <translation>将永久基本农田保护面积分解到下级</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="260" />
        <source>Allocate farmland target down to villages</source>
        <translation>将耕地保有量逐级分解到村</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="260" />
        <source>Allocate PBF target down to villages</source>
        <translation>将永久基本农田保护面积逐级分解到村</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="270" />
        <source>Allocate</source>
        <translation>分解</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="271" />
        <source>Allocate the selected unit's target to its children by mapped area (带位置)</source>
        <translation>按现状面积将所选单位的目标分解到下级（带位置）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="290" />
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="294" />
        <source>Townships (XZQ)</source>
        <translation>行政区（XZQ）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="295" />
        <source>Villages (CJDCQ)</source>
        <translation>村级调查区（CJDCQ）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="296" />
        <source>Land use (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="297" />
        <source>Permanent basic farmland (YJJBNTTB)</source>
        <translation>永久基本农田（YJJBNTTB）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="298" />
        <source>Farmland protection targets (GDBHMB)</source>
        <translation>耕地保护目标（GDBHMB）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="310" />
        <source>Build the unit tree</source>
        <translation>建立单位层级</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="320" />
        <source>Document number (文号)</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="321" />
        <source>Date signed (签订日期, YYYY-MM-DD)</source>
        <translation>签订日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="322" />
        <source>Signing parties (签订双方)</source>
        <translation>签订双方</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="323" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="370" />
        <source>Choose a village layer (CJDCQ) with a ZLDWDM field.</source>
        <translation>请选择含 ZLDWDM 字段的村级调查区图层（CJDCQ）。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="390" />
        <source>Cannot read targets: {error}</source>
        <translation>无法读取目标：{error}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="470" />
        <source>Edit {field} of {unit}</source>
        <translation>修改{unit}的{field}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="483" />
        <source>Allocate {field} of {unit}</source>
        <translation>分解{unit}的{field}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="492" />
        <source>Select a unit first.</source>
        <translation>请先选择一个单位。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="523" />
        <source>Problems ({errors} errors, {warnings} warnings)</source>
        <translation>问题（{errors} 个错误，{warnings} 个警告）</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="529" />
        <source>{units} units, year {year}</source>
        <translation>{units} 个单位，{year} 年度</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="556" />
        <source>Choose a land-use (DLTB), PBF or target-polygon layer first.</source>
        <translation>请先选择地类图斑（DLTB）、永久基本农田或耕地保护目标图层。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="566" />
        <source>Mapped figures for responsibility targets</source>
        <translation>计算目标责任现状面积</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="583" />
        <source>Mapped figures failed: {error}</source>
        <translation>现状面积计算失败：{error}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="600" />
        <source>Cannot use {store}: {error}</source>
        <translation>无法使用 {store}：{error}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="606" />
        <source>Store: {store}</source>
        <translation>存储：{store}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="614" />
        <source>GeoPackage for the targets</source>
        <translation>保存目标的 GeoPackage</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="614" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="630" />
        <source>No PostgreSQL connection is configured in QGIS (Data Source Manager).</source>
        <translation>QGIS 中尚未配置 PostgreSQL 连接（数据源管理器）。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="634" />
        <source>PostgreSQL connection</source>
        <translation>PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="634" />
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="639" />
        <source>PostgreSQL schema</source>
        <translation>PostgreSQL 模式</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="639" />
        <source>Schema</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="665" />
        <source>Cannot reopen the target store: {error}</source>
        <translation>无法重新打开目标存储：{error}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="692" />
        <source>Nothing to save.</source>
        <translation>没有需要保存的内容。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="698" />
        <source>Save canceled; nothing was written.</source>
        <translation>已取消保存，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="702" />
        <source>Saving failed, nothing was written: {error}</source>
        <translation>保存失败，未写入任何内容：{error}</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="710" />
        <source>{n} target rows saved to {store}.</source>
        <translation>已将 {n} 条目标保存到 {store}。</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="742" />
        <source>Unsaved targets</source>
        <translation>目标未保存</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="742" />
        <source>Discard the unsaved target edits?</source>
        <translation>放弃未保存的目标修改？</translation>
    </message>
    <message>
        <location filename="../ui/targets_dock.py" line="790" />
        <source>Targets</source>
        <translation>目标责任</translation>
    </message>
</context>
<context>
    <name>TargetsExportAlgorithm</name>
    <message>
        <location filename="../processing/targets_export.py" line="99" />
        <source>Export responsibility targets</source>
        <translation>导出目标责任</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="102" />
        <source>Write the 责任书 allocation tree of a year to XLSX or CSV.</source>
        <translation>将某年度责任书分解表导出为 XLSX 或 CSV。</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="105" />
        <source>Writes one row per unit (county, township, village) with its mapped 耕地 / 永久基本农田 / 耕地保护目标 areas, its targets (耕地保有量, 永久基本农田保护面积, further tasks), the sums of its children, the provenance (文号, 签订日期, 签订双方) and the check results.
XLSX: a sheet with every unit and one sheet per level; CSV: one UTF-8 table. Areas in 亩 with 2 decimals.</source>
        <translation>每个单位（县、乡镇、村）一行：现状耕地/永久基本农田/耕地保护目标面积、目标（耕地保有量、永久基本农田保护面积及其他任务）、下级合计、文件依据（文号、签订日期、签订双方）和检查结果。
XLSX：一个包含全部单位的工作表，另按层级各一个工作表；CSV：一个 UTF-8 表格。面积单位为亩，保留 2 位小数。</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="117" />
        <source>Allocation table</source>
        <translation>分解表</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="117" />
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="122" />
        <source>Number of units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="137" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../processing/targets_export.py" line="140" />
        <source>{n} units written to {path} ({sheets} sheets).</source>
        <translation>已将 {n} 个单位写入 {path}（{sheets} 个工作表）。</translation>
    </message>
</context>
<context>
    <name>TargetsMessages</name>
    <message>
        <location filename="../engine/targets_messages.py" line="17" />
        <source>farmland target (耕地保有量)</source>
        <translation>耕地保有量</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="18" />
        <source>permanent basic farmland target (永久基本农田保护面积)</source>
        <translation>永久基本农田保护面积</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="21" />
        <source>high-standard farmland task</source>
        <translation>高标准农田建设任务</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="22" />
        <source>farmland supplement task</source>
        <translation>补充耕地任务</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="23" />
        <source>document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="24" />
        <source>date signed</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="25" />
        <source>signing parties</source>
        <translation>签订双方</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="26" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="33" />
        <source>farmland parcels (DLTB)</source>
        <translation>耕地图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="34" />
        <source>permanent basic farmland (YJJBNTTB)</source>
        <translation>永久基本农田（YJJBNTTB）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="35" />
        <source>farmland protection targets (GDBHMB)</source>
        <translation>耕地保护目标（GDBHMB）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="44" />
        <source>province</source>
        <translation>省</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="45" />
        <source>city</source>
        <translation>市</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="46" />
        <source>county</source>
        <translation>县</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="47" />
        <source>township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="48" />
        <source>village</source>
        <translation>村</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="66" />
        <source>{unit}: children's {field} sum to {actual} 亩, the unit has {expected} 亩 (difference {diff} 亩)</source>
        <translation>{unit}：下级{field}合计 {actual} 亩，本级为 {expected} 亩（差额 {diff} 亩）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="72" />
        <source>{unit}: {field} {actual} 亩 exceeds the mapped {expected} 亩 (不足额)</source>
        <translation>{unit}：{field} {actual} 亩超过现状 {expected} 亩（不足额）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="76" />
        <source>{unit}: {field} {actual} 亩 exceeds the target polygons' {expected} 亩 (未带位置)</source>
        <translation>{unit}：{field} {actual} 亩超过耕地保护目标图斑 {expected} 亩（未带位置）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="81" />
        <source>{unit}: no {field}</source>
        <translation>{unit}：缺少{field}</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="83" />
        <source>{unit}: target for a unit that is not in the layers</source>
        <translation>{unit}：目标所属单位不在图层中</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="87" />
        <source>{count} parcels of {layer} lie in no unit (codes: {codes})</source>
        <translation>{layer}中有 {count} 个图斑不属于任何单位（代码：{codes}）</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="91" />
        <source>{unit}: malformed administrative code</source>
        <translation>{unit}：行政区代码格式错误</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="107" />
        <source>“{value}”: a target cannot be negative.</source>
        <translation>“{value}”：目标不能为负数。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="109" />
        <source>“{value}”: targets are in 亩 with at most 2 decimals.</source>
        <translation>“{value}”：目标以亩为单位，最多 2 位小数。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="113" />
        <source>“{value}”: the number is too large.</source>
        <translation>“{value}”：数值过大。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="115" />
        <source>“{value}”: write the date as YYYY-MM-DD.</source>
        <translation>“{value}”：日期请写成 YYYY-MM-DD。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="117" />
        <source>“{value}” is not a number of 亩.</source>
        <translation>“{value}”不是有效的亩数。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="123" />
        <source>{unit} has no {field} to allocate.</source>
        <translation>{unit}没有可分解的{field}。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="125" />
        <source>{unit} has no lower-level units.</source>
        <translation>{unit}没有下级单位。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="127" />
        <source>The units below {unit} have no mapped area to allocate {field} by.</source>
        <translation>{unit}的下级单位没有可用于分解{field}的现状面积。</translation>
    </message>
    <message>
        <location filename="../engine/targets_messages.py" line="131" />
        <source>Compute the mapped figures first: {field} is allocated by mapped area.</source>
        <translation>请先计算现状面积：{field}按现状面积分解。</translation>
    </message>
</context>
<context>
    <name>TargetsTreeModel</name>
    <message>
        <location filename="../ui/targets_model.py" line="151" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="152" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="153" />
        <source>Mapped farmland (亩)</source>
        <translation>现状耕地（亩）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="154" />
        <source>Mapped PBF (亩)</source>
        <translation>现状永农（亩）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="155" />
        <source>Farmland target (亩)</source>
        <translation>耕地保有量（亩）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="156" />
        <source>PBF target (亩)</source>
        <translation>永农保护面积（亩）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="157" />
        <source>Σ children, farmland</source>
        <translation>下级合计（保有量）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="158" />
        <source>Difference, farmland</source>
        <translation>差额（保有量）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="159" />
        <source>Σ children, PBF</source>
        <translation>下级合计（永农）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="160" />
        <source>Difference, PBF</source>
        <translation>差额（永农）</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="161" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/targets_model.py" line="221" />
        <source>No problems</source>
        <translation>无问题</translation>
    </message>
</context>
<context>
    <name>VillageMapsAlgorithm</name>
    <message>
        <location filename="../processing/village_maps.py" line="99" />
        <source>Village farmland maps (one map per village)</source>
        <translation>一村一图（耕地保护现状图）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="102" />
        <source>Print every village's 耕地保护现状图 with statistics and the 田长 roster.</source>
        <translation>批量输出各村耕地保护现状图，含统计表和田长公示。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="105" />
        <source>Writes one 耕地保护现状图 per village (一村一图): the village boundary, neighbours greyed with their names, 耕地 by class (水田/水浇地/旱地), 永久基本农田 hatched, 图斑 numbers, a statistics table, the 田长 table, legend, scale bar, north arrow and the notes (coordinate system, data year, 制图单位 and date, 举报电话 12336).

Statistics: LANDUSE and PBF are clipped to each village and measured with the official ellipsoidal area (32号 formula), net of the 田坎 deduction (TBDLMJ basis). TARGETS may be 耕地保护目标 polygons (measured the same way) or a table with a village code and the target in 亩. The ROSTER table lists 田长/网格员 by unit code (county, township or village): level, name, position, phone.

The scale is the largest of 1:2000, 1:2500, 1:5000, 1:10000 … at which the village fills the map frame. FILENAME may use {村代码} {村名} {乡镇} {乡镇代码} {县} {县代码} {序号}; names are made safe for Windows and Linux and unique. Township and county names come from an XZQ layer next to VILLAGES or from the roster's unit names (DWMC). Set the project variable farmland_mapping_unit to print another 制图单位.

TEMPLATE is a print layout template (.qpt); items are found by id (map, title, subtitle, stats_table, roster_table, legend, scalebar, north_arrow, locator, crs_note, data_source, credits, report_phone, notice). Without one, the shipped A3 landscape template is used.

Pages are drawn on all processor cores. A village that fails is reported and the others go on; the index (XLSX and CSV) lists every village with its file, statistics and status.</source>
        <translation>按村输出耕地保护现状图（一村一图）：本村村界、灰显的相邻村及村名、按水田/水浇地/旱地分类的耕地、斜线填充的永久基本农田、图斑编号、统计表、田长公示表、图例、比例尺、指北针以及说明（坐标系、数据年度、制图单位和日期、举报电话12336）。

统计：地类图斑和永久基本农田按村界裁切，用官方椭球面积（32号文公式）计算，并扣除田坎（按图斑地类面积口径）。耕地保护目标可以是耕地保护目标图斑（同样计算），也可以是含村代码和以亩为单位的目标值的表。田长名录按单位代码（县、乡镇或村）列出田长/网格员：级别、姓名、职务、电话。

比例尺取1:2000、1:2500、1:5000、1:10000……中能使本村充满图框的最大比例尺。文件名模式可用 {村代码} {村名} {乡镇} {乡镇代码} {县} {县代码} {序号}；文件名会处理为在Windows和Linux下均合法且不重复。乡镇和县名取自与村级调查区同一数据源中的XZQ图层，或田长名录中的单位名称（DWMC）。如需其他制图单位，请设置工程变量 farmland_mapping_unit。

模板为打印布局模板（.qpt），按ID查找各项（map、title、subtitle、stats_table、roster_table、legend、scalebar、north_arrow、locator、crs_note、data_source、credits、report_phone、notice）。不指定时使用自带的A3横向模板。

各页在所有处理器核心上并行绘制。某村失败会被报告，其他村照常输出；索引表（XLSX和CSV）列出每个村的文件、统计数字和状态。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="132" />
        <source>Villages (CJDCQ)</source>
        <translation>村级调查区（CJDCQ）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="135" />
        <source>Land use parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="138" />
        <source>Permanent basic farmland (YJJBNTTB)</source>
        <translation>永久基本农田（YJJBNTTB）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="143" />
        <source>Farmland protection targets (GDBHMB polygons or a table in 亩)</source>
        <translation>耕地保护目标（GDBHMB图斑，或以亩为单位的目标表）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="151" />
        <source>田长 roster (table: unit code, level, name, position, phone)</source>
        <translation>田长名录（表：单位代码、级别、姓名、职务、电话）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="159" />
        <source>Layout template (.qpt; empty: the shipped A3 template)</source>
        <translation>打印布局模板（.qpt；留空则用自带A3模板）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="167" />
        <source>Only villages matching</source>
        <translation>仅输出符合条件的村</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="175" />
        <source>Format</source>
        <translation>输出格式</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="180" />
        <source>Resolution (dpi)</source>
        <translation>分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="190" />
        <source>File name pattern</source>
        <translation>文件名模式</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="193" />
        <source>Also write one booklet PDF (图册)</source>
        <translation>同时输出合订图册PDF</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="196" />
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="199" />
        <source>Index (XLSX)</source>
        <translation>索引表（XLSX）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="200" />
        <source>Index (CSV)</source>
        <translation>索引表（CSV）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="201" />
        <source>Booklet (PDF)</source>
        <translation>图册（PDF）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="202" />
        <source>Maps written</source>
        <translation>已输出图幅数</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="203" />
        <source>Villages that failed</source>
        <translation>失败村数</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="220" />
        <source>Layer “{layer}” has no field for {role} (looked for {candidates}); its fields are: {fields}.</source>
        <translation>图层“{layer}”缺少 {role} 字段（已查找 {candidates}）；其字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="247" />
        <source>The roster “{layer}” needs a unit code field (e.g. CJDM) and a name field (e.g. XM); its fields are: {fields}.</source>
        <translation>田长名录“{layer}”需要单位代码字段（如CJDM）和姓名字段（如XM）；其字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="258" />
        <source>Roster: {n} rows without a valid unit code, name or level were skipped (rows {rows}).</source>
        <translation>田长名录：{n} 行缺少有效的单位代码、姓名或级别，已跳过（第 {rows} 行）。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="276" />
        <source>The targets table “{layer}” needs a unit code field (e.g. ZLDWDM) and a 耕地保有量 target field in 亩 (e.g. GDBYLMB); its fields are: {fields}.</source>
        <translation>目标表“{layer}”需要单位代码字段（如ZLDWDM）和以亩为单位的耕地保有量目标字段（如GDBYLMB）；其字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="298" />
        <source>Targets table: {n} rows are not village rows with a number and were left out.</source>
        <translation>目标表：{n} 行不是带数值的村级记录，未采用。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="377" />
        <source>The file name pattern is not usable: {error}</source>
        <translation>文件名模式不可用：{error}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="383" />
        <source>No Chinese font is installed (looked for WenQuanYi Micro Hei, Microsoft YaHei, SimHei, Noto Sans CJK SC …): Chinese text will not show in the maps. Install one and run again.</source>
        <translation>未安装中文字体（已查找文泉驿微米黑、微软雅黑、黑体、Noto Sans CJK SC……），图中汉字将无法显示。请安装后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="400" />
        <source>The template has no usable item with id {ids}; those parts are left out of the maps.</source>
        <translation>模板中没有可用的ID为 {ids} 的项，图中将不含这些内容。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="428" />
        <source>No village to map: VILLAGES is empty or FILTER matches none.</source>
        <translation>没有可制图的村：村级调查区为空，或筛选条件未匹配到任何村。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="488" />
        <source>Drawing {n} village maps on {threads} threads (font {font}, template {template})…</source>
        <translation>正在用 {threads} 个线程绘制 {n} 幅村图（字体 {font}，模板 {template}）……</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="502" />
        <source>An export thread stopped: {error}</source>
        <translation>一个输出线程已停止：{error}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="518" />
        <source>The index could not be written: {error}</source>
        <translation>无法写出索引表：{error}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="527" />
        <source>{done} maps written in {seconds:.1f} s ({rate:.1f} per minute); {failed} villages failed. Index: {index}</source>
        <translation>已输出 {done} 幅图，用时 {seconds:.1f} 秒（每分钟 {rate:.1f} 幅）；{failed} 个村失败。索引表：{index}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="541" />
        <source>Villages that failed: {codes}</source>
        <translation>失败的村：{codes}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="545" />
        <source>No village map could be written; see the log for the reasons.</source>
        <translation>没有输出任何村图，原因见日志。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="555" />
        <source>The layout template {path} cannot be read: {detail}</source>
        <translation>无法读取打印布局模板 {path}：{detail}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="559" />
        <source>The layout template {path} has no map item with id “map”; give the main map that id in the layout designer (Item Properties → Item ID).</source>
        <translation>打印布局模板 {path} 中没有ID为“map”的地图项；请在布局设计器中为主地图设置该ID（项目属性 → 项目ID）。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="563" />
        <source>{path} is not a print layout template (.qpt).</source>
        <translation>{path} 不是打印布局模板（.qpt）。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="618" />
        <source>FILTER is not a valid expression: {error}</source>
        <translation>筛选条件不是有效的表达式：{error}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="651" />
        <source>no valid 12-digit village code in {field} ({value})</source>
        <translation>{field} 中没有有效的12位村级代码（{value}）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="665" />
        <source>the village has no geometry</source>
        <translation>该村没有几何图形</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="670" />
        <source>the village geometry is invalid and cannot be repaired</source>
        <translation>该村几何图形无效且无法修复</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="672" />
        <source>Village {code} {name}: invalid boundary repaired for this run.</source>
        <translation>村 {code} {name}：村界几何无效，本次运行已自动修复。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="712" />
        <source>Village {code} {name} failed: {error}</source>
        <translation>村 {code} {name} 失败：{error}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="722" />
        <source>Village {code} {name}: {message}</source>
        <translation>村 {code} {name}：{message}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="727" />
        <source>{code} {name}: {files} (1:{scale}, {seconds:.2f} s)</source>
        <translation>{code} {name}：{files}（1:{scale}，{seconds:.2f} 秒）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="744" />
        <source>no 耕地 inside the village; the map shows zero areas.</source>
        <translation>村内无耕地，图上面积为零。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="746" />
        <source>no 村级田长 or 网格员 in the roster for this village.</source>
        <translation>田长名录中无本村的村级田长或网格员。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="748" />
        <source>the village has {n} separate parts (飞地); the map covers all of them.</source>
        <translation>本村由 {n} 块不相连的区域组成（含飞地），图幅已包含全部区域。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="752" />
        <source>no 耕地保有量 target for this village in TARGETS.</source>
        <translation>耕地保护目标中无本村的耕地保有量目标。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="754" />
        <source>耕地 is below the 耕地保有量 target.</source>
        <translation>耕地面积低于耕地保有量目标。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="756" />
        <source>{n} roster entries do not fit the 田长 table and are summarised in its last row.</source>
        <translation>另有 {n} 名田长/网格员超出田长表行数，已在表末行汇总。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="760" />
        <source>{n} parcels could not be clipped (invalid geometry) and are not counted; repair the layers' geometries.</source>
        <translation>{n} 个图斑无法裁切（几何无效），未计入统计；请修复图层几何。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="777" />
        <source>Village farmland maps</source>
        <translation>一村一图 耕地保护现状图册</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="779" />
        <source>GDAL cannot read PDFs here; the booklet pages are drawn again.</source>
        <translation>此处GDAL无法读取PDF，图册各页将重新绘制。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="782" />
        <source>The booklet could not be written: {error}</source>
        <translation>无法写出图册：{error}</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="787" />
        <source>Booklet: {path} ({n} pages)</source>
        <translation>图册：{path}（{n} 页）</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="739" />
        <source>canceled before this village was drawn</source>
        <translation>运行已取消，本村未绘制</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="288" />
        <source>The targets table “{layer}”: the maps use the targets of {year}; {n} rows of other years or without a year are left out.</source>
        <translation>目标表“{layer}”：图上采用 {year} 年的目标；其他年度或无年度的 {n} 行未采用。</translation>
    </message>
    <message>
        <location filename="../processing/village_maps.py" line="627" />
        <source>FILTER names fields the villages layer does not have: {unknown}; its fields are: {fields}.</source>
        <translation>筛选表达式（FILTER）引用了村界图层没有的字段：{unknown}；该图层的字段为：{fields}。</translation>
    </message>
</context>
</TS>