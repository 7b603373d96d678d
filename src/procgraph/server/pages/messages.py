"""Interface strings of the web pages: key -> {"zh-Hans": …, "en": …} (zh-Hant when OpenCC's
conversion would not be the right word). ``{name}`` fields are filled by the template.

The vocabulary follows the standard: 最佳实践流程标准 (practices), 流程运行和控制需应对的风险
(risks), 流程运行预期结果 (outputs).
"""

from __future__ import annotations

from procgraph.validate.figures import NAMES as _FIGURE_NAMES


def _m(zh: str, en: str, hant: str | None = None) -> dict[str, str]:
    entry = {"zh-Hans": zh, "en": en}
    if hant:
        entry["zh-Hant"] = hant
    return entry


MESSAGES: dict[str, dict[str, str]] = {
    # navigation and frame
    "nav.skip": _m("跳到正文", "Skip to content"),
    "nav.label": _m("主导航", "Main navigation"),
    "nav.home": _m("首页", "Home"),
    "nav.tree": _m("流程树", "Process tree"),
    "nav.themes": _m("主题", "Themes"),
    "nav.completeness": _m("完整性", "Completeness"),
    "nav.language": _m("语言", "Language"),
    "nav.breadcrumbs": _m("位置", "You are here"),
    "footer.notice": _m(
        "流程框架源自 APQC 流程分类框架（PCF）7.4 版；APQC 的版权声明随每个导出文件提供。",
        "The process framework is APQC's Process Classification Framework (PCF) 7.4; "
        "APQC's notice travels with every export.",
    ),
    "footer.sparql": _m("SPARQL 查询页面", "SPARQL query page"),
    "search.label": _m("搜索", "Search"),
    "search.placeholder": _m("搜索流程、风险、实践……", "Search processes, risks, practices…"),
    "search.button": _m("搜索", "Search"),
    "search.title": _m("搜索", "Search"),
    "search.help": _m(
        "输入中文（简体或繁体）或英文词语，例如：沟通、供应商、training。",
        "Type Chinese (Simplified or Traditional) or English words, for example 沟通, 供应商, training.",
    ),
    "search.nothing": _m(
        "没有找到与“{q}”相关的内容。试试更短的词，或换用简体/繁体/英文。",
        "Nothing found for “{q}”. Try a shorter word, or another script or English.",
    ),
    "search.count": _m(
        "第 {first}–{last} 条，共 {n} 条结果，按相关度排序", "Results {first}–{last} of {n}, best first"
    ),
    "search.pages": _m("结果分页", "Result pages"),
    "search.prev": _m("‹ 上一页", "‹ Previous"),
    "search.next": _m("下一页 ›", "Next ›"),
    "search.csv": _m("下载全部 {n} 条结果（CSV）", "Download all {n} results (CSV)"),
    "search.filter": _m("按类型筛选", "Filter by kind"),
    "search.all": _m("全部", "All"),
    "search.in": _m("所属流程元素", "in"),
    "search.matched": _m("匹配的词", "matched"),
    "search.via_themes": _m("经由主题", "via themes"),
    # common
    "common.none": _m("（无）", "(none)"),
    "common.no_name": _m("（无名称）", "(no name)"),
    "common.pcf_id": _m("PCF 编号", "PCF ID"),
    "common.level": _m("层级", "Level"),
    "level.1": _m("类别", "Category"),
    "level.2": _m("流程组", "Process group"),
    "level.3": _m("流程", "Process"),
    "level.4": _m("活动", "Activity"),
    "level.5": _m("任务", "Task"),
    "lang.zh-Hans": _m("简体中文", "Simplified Chinese"),
    "lang.zh-Hant": _m("繁体中文", "Traditional Chinese"),
    "lang.zh-Hant-TW": _m("繁体中文（台湾）", "Traditional Chinese (Taiwan)", "繁體中文（台灣）"),
    "lang.en": _m("英文", "English"),
    "kind.element.name": _m("流程元素", "Element"),
    "kind.practice.name": _m("最佳实践", "Practice"),
    "kind.risk.name": _m("风险", "Risk"),
    "kind.output.name": _m("预期结果", "Output"),
    "kind.practice.short": _m("实践", "P"),
    "kind.risk.short": _m("风险", "R"),
    "kind.output.short": _m("结果", "O"),
    "kind.element.plural": _m("流程元素", "Elements"),
    "kind.practice.plural": _m("最佳实践", "Practices"),
    "kind.risk.plural": _m("风险", "Risks"),
    "kind.output.plural": _m("预期结果", "Outputs"),
    "kind.practice.column": _m("最佳实践流程标准", "Best-practice standard"),
    "kind.risk.column": _m("流程运行和控制需应对的风险", "Risks to address"),
    "kind.output.column": _m("流程运行预期结果", "Expected outputs"),
    "badge.uncovered": _m("标准未覆盖", "not covered"),
    "badge.uncovered_title": _m("标准没有为此元素给出内容", "The standard states nothing for this element"),
    "badge.title": _m("完整性：{of} 项中 {done} 项齐全", "Completeness: {done} of {of} columns present"),
    "badge.truncated": _m("截断", "truncated"),
    "badge.truncated_title": _m("原文在此元素中途中断", "The source text stops inside this element"),
    "state.ok": _m("齐全", "present"),
    "state.missing": _m("缺失", "missing"),
    "state.na": _m("不适用（标准未覆盖）", "not applicable (not covered)"),
    "column.definition": _m("定义", "Definition"),
    "column.practices": _m("实践", "Practices"),
    "column.risks": _m("风险", "Risks"),
    "column.outputs": _m("结果", "Outputs"),
    "column.alignment": _m("对应", "Alignment"),
    "column.english": _m("英文名", "English name"),
    # home
    "home.title": _m("流程知识图谱", "Process knowledge graph"),
    "home.lead": _m(
        "浏览流程元素，查看每个元素的最佳实践、风险与预期结果（风险控制矩阵），找出缺口，并下载数据。",
        "Browse process elements, read each one's practices, risks and outputs side by side as a "
        "risk-control matrix, find what is missing, and download the data.",
    ),
    "home.loaded": _m("已载入", "What is loaded"),
    "home.based_on": _m("依据：", "Based on"),
    "home.version": _m("版本", "version"),
    "home.no_standard": _m(
        "存储中没有标准。请先运行 procgraph build。", "No standard in the store. Run procgraph build first."
    ),
    "home.elements": _m("PCF 流程元素", "PCF elements"),
    "figures.sentence": _m(
        "完整性：评分范围内 {in_scope} 个元素的平均得分 {overall}；标准覆盖其中 {covered} 个，其中 "
        "{complete} 个完整，平均得分 {covered_score}",
        "Completeness: {overall} of the {in_scope} elements in scope; {covered} covered by the "
        "standard; of those, {complete} complete, mean score {covered_score}",
    ),
    # the completeness figures one by one (validate/figures.py NAMES: the English is taken from there)
    **{
        f"figures.{key}": _m(zh, _FIGURE_NAMES[key][0])
        for key, zh in (
            ("in_scope", "评分范围内的元素"),
            ("covered", "标准覆盖"),
            ("complete", "完整"),
            ("overall", "平均得分（评分范围内）"),
            ("covered_score", "平均得分（标准覆盖）"),
        )
    },
    **{
        f"figures.{key}.over": _m(zh, _FIGURE_NAMES[key][1])
        for key, zh in (
            ("in_scope", "标准所涉类别的全部 PCF 元素"),
            ("covered", "占评分范围内的元素"),
            ("complete", "占标准覆盖的元素：内容检查全部通过"),
            ("overall", "评分范围内元素的平均（未覆盖的记 0）"),
            ("covered_score", "标准覆盖元素的平均"),
        )
    },
    "home.find": _m("查找", "Find"),
    "home.search_label": _m("搜索名称与条目文本", "Search names and item texts"),
    "home.search_example": _m("例如：沟通", "e.g. communication"),
    "home.goto_label": _m("按层级编号或 PCF 编号打开元素", "Open an element by hierarchy id or PCF ID"),
    "home.goto": _m("打开", "Open"),
    "home.start": _m("从这里开始", "Start here"),
    "home.tree_of": _m("流程树", "Process tree of"),
    "home.completeness": _m("完整性看板：缺什么？", "Completeness dashboard: what is missing?"),
    "home.themes": _m("按主题查看风险（沟通、供应商、培训……）", "Risks by theme (communication, suppliers, training…)"),
    "home.sparql": _m("SPARQL 查询（高级）", "SPARQL queries (advanced)"),
    # tree
    "tree.title": _m("流程树", "Process tree"),
    "tree.lead": _m(
        "共 {total} 个元素，其中 {covered} 个有标准内容。徽章显示完整性；灰色为标准未覆盖。",
        "{total} elements, {covered} with content from the standard. Badges show completeness; "
        "grey marks elements the standard does not cover.",
    ),
    "tree.only_covered": _m("只显示标准覆盖的元素", "Only elements the standard covers"),
    "tree.open_all": _m("全部展开", "Expand all"),
    "tree.close_all": _m("全部折叠", "Collapse all"),
    "tree.category": _m("类别", "Category"),
    "tree.show": _m("显示", "Show"),
    "tree.legend_full": _m("齐全", "complete"),
    "tree.legend_partial": _m("部分缺失", "something missing"),
    "footer.notice_link": _m("APQC 声明全文", "APQC's notice"),
    "tree.legend_uncovered": _m("标准未覆盖", "not in the standard"),
    # element
    "element.download": _m("下载此元素：", "Download this element:"),
    "element.matrix_short": _m("风险控制矩阵", "risk-control matrix"),
    "element.matrix_with_descendants": _m(
        "风险控制矩阵，含下级流程", "risk-control matrix with all sub-processes", "風險控制矩陣，含下級流程"
    ),
    "element.uncovered": _m(
        "标准没有为此元素给出定义、实践、风险或结果：这是一个覆盖缺口。",
        "The standard gives no definition, practices, risks or outputs for this element: it is a coverage gap.",
    ),
    "element.truncated": _m(
        "原文在此元素中途中断：以下内容不完整（缺少后面的条目，可能缺少预期结果）。",
        "The source text stops inside this element: what follows is incomplete "
        "(later items, possibly the outputs, are missing).",
    ),
    "element.org_controls": _m("组织的控制措施", "Your organisation's controls"),
    "element.org_controls_note": _m(
        "组织导入的风险控制矩阵（procgraph import-rcm）为此元素列出 {n} 项控制措施。",
        "The risk-control matrix your organisation imported (procgraph import-rcm) has {n} controls for this element.",
    ),
    "org.control": _m("控制措施", "Control"),
    "org.risks": _m("应对的风险", "Risks addressed"),
    "org.owner": _m("控制负责人", "Owner"),
    "org.frequency": _m("频率", "Frequency"),
    "org.type": _m("控制类型", "Type"),
    "org.key": _m("关键控制", "Key control"),
    "org.evidence": _m("证据", "Evidence"),
    "org.row": _m("第 {n} 行", "row {n}"),
    "org.own_risk": _m("组织自述的风险", "own wording"),
    "org.no_owner": _m("未指定负责人", "no owner"),
    "org.kind.preventive": _m("预防性", "Preventive"),
    "org.kind.detective": _m("检查性", "Detective"),
    "org.yes": _m("是", "Yes"),
    "org.no": _m("否", "No"),
    "element.definition": _m("定义", "Definition"),
    "element.other_scripts": _m("其他文字版本", "Other scripts and languages"),
    "element.matrix": _m("风险控制矩阵", "Risk-control matrix"),
    "element.matrix_counts": _m(
        "{p} 条最佳实践，{r} 项风险，{o} 项预期结果；每行为一条实践及其应对的风险和产生的结果。",
        "{p} practices, {r} risks, {o} outputs; each row is one practice with the risks it "
        "addresses and the outputs it produces.",
    ),
    "element.items_chinese": _m(
        "条目只有中文。", "The standard's items exist in Chinese only; they are shown in Simplified Chinese."
    ),
    "element.unclaimed": _m("（未对应到任何实践）", "(not tied to a practice)"),
    "element.no_risk": _m("无对应风险", "no risk"),
    "element.no_output": _m("无对应结果", "no output"),
    "element.no_items": _m("此元素没有实践、风险或结果。", "This element has no practices, risks or outputs."),
    "element.source": _m("源文件字符", "Source characters"),
    "element.source_missing": _m(
        "此服务器上找不到源文件，只能给出字符位置。",
        "The source file is not on this server; only the character offsets are known.",
    ),
    "element.themes": _m("主题", "Themes"),
    "element.evidence": _m("依据", "evidence"),
    "element.this_element": _m("本元素", "this element"),
    "element.links": _m("其他类别中的相关元素", "Related elements in other categories"),
    "element.related": _m("相关元素", "Related element"),
    "element.link_kind": _m("关联类型", "Relation"),
    "element.link_group": _m("所属流程组", "in group"),
    "element.links_names_only": _m(
        "这些关联仅依据 PCF 名称计算（procgraph 自带的事实，没有定义）。用 procgraph "
        "import-pcf 导入 APQC 工作簿后重新构建，可依据定义得到更好的、"
        "细到流程和活动的关联。",
        "These links were computed from the PCF names only (the facts procgraph carries, no "
        "definitions). Import APQC's workbook with procgraph import-pcf and rebuild for "
        "better links, down to processes and activities.",
    ),
    "element.score": _m("相关度", "Score"),
    "element.children": _m("下级元素", "Elements below"),
    "element.provenance": _m("来源", "Provenance"),
    "element.provenance_text": _m(
        "每条实践、风险和结果都记录了它在源文件中的字符范围；打开条目页面可查看清理后的原文及其修复。",
        "Every practice, risk and output records the character span of the source file it "
        "came from; its own page shows that text as cleaned, with its repairs marked.",
    ),
    "element.item": _m("条目", "Item"),
    "element.provenance_found": _m(
        "源文件已在此服务器上找到并核对了哈希值。", "The source file was found on this server and its hash checked."
    ),
    "element.provenance_missing": _m("此服务器上没有源文件。", "The source file is not on this server."),
    # item
    "item.download": _m("下载此条目：", "Download this item:"),
    "item.row": _m("所在矩阵行", "Its row of the matrix"),
    "item.whole_matrix": _m("查看整个矩阵", "See the whole matrix"),
    "item.no_themes": _m("没有标注主题。", "No themes tagged."),
    "item.span": _m("源文件字符 {start}–{end}，清理后的文本：", "Source characters {start}–{end}, as cleaned:"),
    "item.no_span": _m("没有记录字符范围。", "No span recorded."),
    "item.repairs": _m(
        "源文件此处有乱码，procgraph 读取时做了以下修复（标黄处）：",
        "The source is damaged here (mojibake); procgraph read it with these repairs (marked):",
    ),
    "item.no_repairs": _m(
        "此处源文本没有乱码；清理只去掉了拼音注音并恢复了标点。",
        "The source text here has no mojibake; cleaning only removed the pinyin readings and restored punctuation.",
    ),
    "item.repair_title": _m(
        "修复：原文为“{damaged}”，把握度 {confidence}%", "repaired: the file has “{damaged}”, confidence {confidence} %"
    ),
    "item.damaged": _m("受损原文", "Damaged text"),
    "item.repaired": _m("修复为", "Read as"),
    "item.confidence": _m("把握度", "Confidence"),
    "item.repair_note": _m("说明", "What was lost"),
    "item.raw": _m("未经清理的原始抓取文本（含拼音与乱码）", "The raw scraped text (with pinyin and mojibake)"),
    # themes
    "themes.title": _m("主题", "Themes"),
    "themes.lead": _m(
        "按实践者常用的主题查看风险。数字为直接标注该主题的风险数。",
        "Risks sliced by the themes practitioners use. Numbers count risks tagged with the theme itself.",
    ),
    "themes.risks": _m("{n} 项风险", "{n} risks"),
    "themes.count_title": _m(
        "标注此主题或其下级主题的风险数（每项风险只计一次）",
        "Risks tagged with this theme or a narrower one (each risk counted once)",
    ),
    "themes.none": _m(
        "此存储中没有主题。用当前版本重新运行 procgraph build 可生成主题标注。",
        "This store has no themes. Rebuild with procgraph build to add theme tags.",
    ),
    "theme.title": _m("主题", "Theme"),
    "theme.narrower": _m("下级主题", "Narrower themes"),
    "theme.related": _m("相关主题（不计入本主题）", "Related themes (not counted here)"),
    "theme.source": _m("依据", "Source"),
    "theme.marks": _m(
        "高亮的词是使风险归入此主题的依据；将鼠标停在其上可看到匹配的词。",
        "Highlighted words are why a risk is filed under this theme; hover one to see the word that matched.",
    ),
    "theme.unknown_title": _m("没有名为“{key}”的主题", "No theme is called “{key}”"),
    "theme.unknown_lead": _m(
        "主题词表中没有这个名称。下面是最接近的主题，以及文本中含有检索词（{words}）的风险："
        "这是文本检索，不是主题标注。",
        "The thesaurus has no theme of that name. Below are the nearest themes, and the risks "
        "whose text contains the search words ({words}): a text search, not a theme.",
    ),
    "theme.nearest": _m("最接近的主题", "Nearest themes"),
    "theme.why.label": _m("名称相近", "similar name"),
    "theme.why.risks": _m("这些风险常见的主题", "a frequent theme of these risks"),
    "theme.searched": _m("文本中含有检索词的风险", "Risks whose text contains the search words"),
    "theme.no_hits": _m("没有风险的文本含有这些词。", "No risk text contains these words."),
    "theme.count": _m("共 {n} 项风险（含下级主题）。", "{n} risks (narrower themes included)."),
    "theme.by_group": _m("各流程组的风险数", "Risks per process group"),
    "theme.chart_caption": _m(
        "条形长度为该流程组中标注此主题的风险数。", "Bar length: risks of this theme in each process group."
    ),
    "theme.by_process": _m("各流程的风险数", "Risks per process"),
    "theme.chart_caption_process": _m(
        "条形长度为该流程（第 3 级）中标注此主题的风险数；流程组和类别本身的风险单独计数。",
        "Bar length: risks of this theme in each process (level 3); risks stated on a "
        "process group or category itself count on their own bar.",
    ),
    "theme.risks": _m("风险列表", "The risks"),
    "theme.element": _m("流程元素", "Element"),
    "theme.tagged_as": _m("标注主题", "Tagged as"),
    # completeness
    "coverage.by_category": _m("各类别的覆盖情况", "Coverage per category"),
    "coverage.by_part": _m("各分部的覆盖情况", "Coverage per part of the series"),
    "coverage.category": _m("类别", "Category"),
    "coverage.part": _m("标准分部", "Part"),
    "coverage.range": _m("元素范围", "Elements from … to"),
    "coverage.from_part": _m(
        "每个分部的评分范围：取自该分部的元素。", "Each part's elements in scope: the elements taken from it."
    ),
    "completeness.title": _m("完整性看板", "Completeness dashboard"),
    "completeness.lead": _m(
        "每个元素在六个方面是否齐全：定义、实践、风险、结果、对应关系（每项风险和结果都属于某条实践）和英文名。",
        "For every element, whether six things are present: definition, practices, risks, outputs, "
        "alignment (every risk and output belongs to a practice) and an English name.",
    ),
    "completeness.heatmap": _m("热图：元素 × 方面", "Heat map: elements × columns"),
    "completeness.gaps": _m("缺口（{n}）", "Gaps ({n})"),
    "completeness.from_report": _m(
        "来自验证报告（SHACL 形状）：{violations} 项违规，{warnings} 项警告。",
        "From the validation report (SHACL shapes): {violations} violations, {warnings} warnings.",
    ),
    "completeness.no_report": _m(
        "此存储没有保存的验证报告，下面列出热图中的缺口。生成报告：procgraph validate --store {store} --save",
        "This store has no saved validation report; the list shows the gaps of the heat map. "
        "Make the report with: procgraph validate --store {store} --save",
    ),
    "severity.Violation": _m("违规", "violation"),
    "severity.Warning": _m("警告", "warning"),
    "severity.Info": _m("提示", "note"),
    "gap.uncovered": _m(
        "标准未覆盖（含下级共 {n} 个元素）", "not covered by the standard ({n} elements with those below)"
    ),
    "gap.uncovered_one": _m("标准未覆盖", "not covered by the standard"),
    "gap.truncated": _m("原文中途中断", "the source text stops inside it"),
    "gap.definition": _m("缺少定义", "no definition"),
    "gap.practices": _m("缺少最佳实践", "no practices"),
    "gap.risks": _m("缺少风险", "no risks"),
    "gap.outputs": _m("缺少预期结果", "no outputs"),
    "gap.alignment": _m(
        "有风险或结果未对应到实践，或有实践未应对任何风险",
        "a risk or output is not tied to a practice, or a practice addresses no risk",
    ),
    "gap.english": _m("缺少英文名", "no English name"),
    # the SPARQL query page (keys starting "sparql." are also sent to its script)
    "sparql.title": _m("SPARQL 查询", "SPARQL query"),
    "sparql.lead": _m(
        "SPARQL 1.1 查询端点：{endpoint}。查询同时看到所有图，除非用 FROM 或 GRAPH 指定某个图。",
        "The SPARQL 1.1 endpoint is {endpoint}. Queries see all graphs together unless they name one (FROM, GRAPH).",
    ),
    "sparql.examples": _m("命名查询", "Named queries"),
    "sparql.choose": _m("（选择一个查询）", "(choose a query)"),
    "sparql.parameters": _m("参数", "Parameters"),
    "sparql.run_with": _m("用这些参数运行", "Run with these values"),
    "sparql.run": _m("运行", "Run"),
    "sparql.editor": _m("查询文本", "Query text"),
    "sparql.keys": _m(
        "Ctrl+空格：补全前缀、类、属性和流程编号（如 8.1.5）；Ctrl+Enter：运行",
        "Ctrl+Space: complete prefixes, classes, properties and element ids (such as 8.1.5); Ctrl+Enter: run",
    ),
    "sparql.permalink": _m("本查询的链接", "Link to this query"),
    "sparql.history": _m("最近的查询（保存在本浏览器中）", "Recent queries (kept in this browser)"),
    "sparql.history_none": _m("还没有运行过查询。", "No query has been run yet."),
    "sparql.history_clear": _m("清除记录", "Clear the list"),
    "sparql.filter": _m("筛选结果", "Filter the results"),
    "sparql.download": _m("下载", "Download"),
    "sparql.chart": _m("图表：{label} 的 {value}", "Chart: {value} by {label}"),
    "sparql.type.string": _m("文本", "text"),
    "sparql.type.iri": _m("IRI 或名称", "IRI or name"),
    "sparql.type.integer": _m("整数", "integer"),
    "sparql.type.boolean": _m("是否", "true or false"),
    "sparql.no_parameters": _m("此查询没有参数。", "This query has no parameters."),
    "sparql.example": _m("示例：{text}", "Example: {text}"),
    "sparql.running": _m("正在运行……", "running…"),
    "sparql.binding": _m("正在填入参数……", "filling in the values…"),
    "sparql.rows": _m("{n} 行", "{n} rows"),
    "sparql.one_row": _m("{n} 行", "{n} row"),
    "sparql.where": _m("第 {first}–{last} 行，共 {n} 行", "rows {first}–{last} of {n}"),
    "sparql.filtered": _m("（筛选自 {n} 行）", "(filtered from {n})"),
    "sparql.no_rows": _m("没有结果", "no rows"),
    "sparql.prev": _m("‹ 上一页", "‹ previous"),
    "sparql.next": _m("下一页 ›", "next ›"),
    "sparql.pages": _m("结果分页", "result pages"),
    "sparql.waited": _m(
        "{shown} · 用时 {waited} 秒（{server} 秒时收到回答）", "{shown} · {waited} s (answer received after {server} s)"
    ),
    "sparql.graph": _m("图", "graph"),
    "sparql.at": _m("第 {line} 行，第 {column} 列：{message}", "line {line}, column {column}: {message}"),
    "sparql.server": _m("服务器回答 {status}：{message}", "the server answered {status}: {message}"),
    "sparql.unclosed": _m("“{open}”没有闭合；请补上“{close}”", "“{open}” is never closed; add “{close}”"),
    "sparql.unopened": _m(
        "“{close}”前面没有对应的“{open}”", "“{close}” closes nothing: there is no “{open}” before it"
    ),
    "sparql.mismatch": _m(
        "“{close}”与第 {line} 行第 {column} 列的“{open}”不配对",
        "“{close}” does not match the “{open}” at line {line}, column {column}",
    ),
    "sparql.open_string": _m(
        "字符串没有结束；请在同一行用 {quote} 结束", "the string is never ended; end it with {quote} on the same line"
    ),
    "sparql.open_long_string": _m(
        "长字符串没有结束；请用 {quote} 结束", "the long string is never ended; end it with {quote}"
    ),
    "sparql.open_iri": _m("IRI 没有结束；请用 > 结束", "the IRI is never ended; end it with >"),
    "sparql.undeclared": _m(
        "前缀 {prefix}: 未声明；请添加 PREFIX {prefix}: <{iri}>",
        "the prefix {prefix}: is not declared; add PREFIX {prefix}: <{iri}>",
    ),
    "sparql.unknown_prefix": _m(
        "前缀 {prefix}: 未声明，也不是本图的前缀；请添加 PREFIX {prefix}: <…>，或把 IRI 完整写在 < > 中",
        "the prefix {prefix}: is not declared and is not one of this graph's prefixes; add "
        "PREFIX {prefix}: <…>, or write the IRI in full in < >",
    ),
    "sparql.add_prefix": _m("添加这一行", "Add the line"),
    "sparql.kind.class": _m("类", "class"),
    "sparql.kind.property": _m("属性", "property"),
    "sparql.kind.term": _m("术语", "term"),
    "sparql.kind.prefix": _m("前缀", "prefix"),
    "sparql.kind.element": _m("流程元素", "element"),
    "sparql.kind.keyword": _m("关键词", "keyword"),
    "sparql.completions": _m("补全建议", "Completions"),
    # errors
    "error.title.404": _m("没有找到", "Not found"),
    "error.title.503": _m("暂时无法回答", "Not available right now"),
    "error.no_element": _m("没有编号为“{key}”的流程元素。", "There is no process element “{key}”."),
    "error.no_item": _m("没有这个条目：{key}", "There is no such item: {key}"),
    "error.no_theme": _m("没有名为“{key}”的主题。", "There is no theme “{key}”."),
    "error.backend": _m(
        "读取数据时出错：{detail}。请稍后重试；如果一直如此，请告知服务器管理员。",
        "Reading the data failed: {detail}. Try again in a moment; if it keeps happening, tell "
        "whoever runs this server.",
    ),
    "error.home": _m("回到首页", "Back to the home page"),
}
