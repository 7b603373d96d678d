"""The report's renderings: ``text``, ``md``, ``html`` for people, ``json`` for programs and
``ttl``, the raw SHACL validation report (``sh:ValidationReport``) in Turtle.

Every rendering is deterministic: same data and shapes, same bytes (no clock, no paths
of temporary files).
"""

from __future__ import annotations

import html
import json

import pyoxigraph as ox

from procgraph.validate.figures import figures, sentence
from procgraph.validate.report import ElementEntry, Gap, Report

FORMATS = ("text", "json", "ttl", "md", "html")
SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}
TOP_UNCOVERED = 40


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`)."""
    return {"text": text, "json": as_json, "ttl": turtle, "md": markdown, "html": as_html}[fmt](report)


def _pct(score: float | None) -> str:
    return "–" if score is None else f"{score * 100:.0f}%"


def _name(e: ElementEntry) -> str:
    return " / ".join(n for n in (e.name_zh, e.name_en) if n) or "(no name / 无名称)"


def _verdict(report: Report) -> str:
    c = report.counts
    state = "conforms / 符合" if report.conforms else "does not conform / 不符合"
    return f"{state}: {c['Violation']} violations 违规, {c['Warning']} warnings 警告, {c['Info']} info 提示"


def _gap_line(gap: Gap) -> str:
    where_zh, where_en = gap.where("zh"), gap.where("en")
    zh = f"{where_zh}：{gap.message_zh}" if where_zh else gap.message_zh
    en = f"{where_en}: {gap.message_en}" if where_en else gap.message_en
    values = f" [{'; '.join(gap.values[:3])}{' …' if len(gap.values) > 3 else ''}]" if gap.values else ""
    return f"{zh} / {en}{values}"


def _level_rows(report: Report) -> list[tuple[str, str, str, str]]:
    rows = [
        (f"level {lv} 第{lv}级", _pct(v["score"]), str(v["elements"]), str(v["complete"]))
        for lv, v in report.levels.items()
    ]
    total = sum(v["elements"] for v in report.levels.values())
    complete = sum(v["complete"] for v in report.levels.values())
    return rows + [("overall 总体", _pct(report.overall), str(total), str(complete))]


def text(report: Report) -> str:
    """Plain text for a terminal: summary, scores, gaps by element, uncovered subtrees."""
    out = [
        "procgraph validation report / 完整性检查报告",
        f"data 数据: {report.source}" if report.source else "",
        f"result 结果: {_verdict(report)}",
        f"completeness 完整度: {sentence(figures(report.elements))}",
        "",
        "completeness 完整度      score 得分  elements 元素  complete 完整",
    ]
    out = [line for line in out[:-2] if line != ""] + [""] + out[-1:]
    out += [f"  {a:<22} {b:>9}  {c:>12}  {d:>11}" for a, b, c, d in _level_rows(report)]
    out += _part_lines(report)
    out += ["", "gaps by element, in fix order / 按元素列出的缺口（按修正顺序）"]
    if not report.with_gaps:
        out.append("  none / 无")
    for e in report.with_gaps:
        out.append(f"  {e.id}  {_name(e)}  (PCF {e.pcf_id or '–'}, score 得分 {_pct(e.score)})")
        for n, gap in enumerate(e.gaps, 1):
            out.append(f"    {n}. [{gap.severity.lower()} {SEVERITY_ZH[gap.severity]}] {_gap_line(gap)}")
    roots = report.uncovered_roots()
    if roots:
        out += [
            "",
            f"not covered by the standard yet / 标准尚未覆盖 ({len(report.uncovered)} elements 个元素, score 得分 0%)",
        ]
        for e, below in roots[:TOP_UNCOVERED]:
            extra = f"  (+{below} below 下级)" if below else ""
            out.append(f"  {e.id:<10} {_name(e)}{extra}")
        if len(roots) > TOP_UNCOVERED:
            out.append(f"  … and {len(roots) - TOP_UNCOVERED} more subtrees / 另有 {len(roots) - TOP_UNCOVERED} 个子树")
    complete = report.complete
    if complete:
        out += ["", f"complete / 完整 ({len(complete)} elements 个元素): " + ", ".join(e.id for e in complete)]
    return "\n".join(out) + "\n"


def _part_lines(report: Report) -> list[str]:
    """Per category and, for a series build, per part: what each covers and how complete it is."""
    out = ["", "by category / 按类别      score 得分  elements 元素  covered 覆盖  complete 完整"]
    out += [
        f"  {c['category']:<22} {_pct(c['score']):>9}  {c['elements']:>12}  {c['covered']:>11}  {c['complete']:>11}"
        for c in report.by_category()
    ]
    rcm = report.rcm_gaps()
    if rcm:
        out += ["", "organisation's risk-control matrix / 组织的风险控制矩阵 (import-rcm; not in the score 不计入得分)"]
        out += [f"  {n:>5}  {zh} / {en}" for zh, en, n in rcm]
    parts = report.by_part()
    if parts:
        out += ["", "by part of the series / 按标准分部（元素取自哪一部分）"]
        out += [
            f"  {p['part']}: {p['elements']} elements 个元素 ({p['first']} … {p['last']}), "
            f"complete 完整 {p['complete']}, score 得分 {_pct(p['score'])}"
            for p in parts
        ]
    return out


def markdown(report: Report) -> str:
    """Markdown: the same sections as :func:`text`, with tables."""
    out = ["# Completeness report / 完整性检查报告", ""]
    if report.source:
        out += [f"Data 数据: `{report.source}`", ""]
    out += [
        f"**{_verdict(report)}**",
        "",
        f"Completeness 完整度: {sentence(figures(report.elements))}",
        "",
        "| | score 得分 | elements 元素 | complete 完整 |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in _level_rows(report)]
    if report.by_part():
        out += [
            "",
            "| part 部分 | elements 元素 | from … to | complete 完整 | score 得分 |",
            "|---|---:|---|---:|---:|",
        ]
        out += [
            f"| {_md(p['part'])} | {p['elements']} | {p['first']} … {p['last']} | {p['complete']} "
            f"| {_pct(p['score'])} |"
            for p in report.by_part()
        ]
    out += ["", "## Gaps by element, in fix order / 按元素列出的缺口", ""]
    if not report.with_gaps:
        out.append("None / 无")
    for e in report.with_gaps:
        out += [f"### {e.id} {_md(_name(e))}", "", f"PCF {e.pcf_id or '–'} · score 得分 **{_pct(e.score)}**", ""]
        out += [
            f"{n}. **{gap.severity.lower()} {SEVERITY_ZH[gap.severity]}** {_md(_gap_line(gap))}"
            for n, gap in enumerate(e.gaps, 1)
        ]
        out.append("")
    roots = report.uncovered_roots()
    if roots:
        out += [
            f"## Not covered by the standard yet / 标准尚未覆盖 ({len(report.uncovered)})",
            "",
            "| id | element 元素 | below 下级 |",
            "|---|---|---:|",
        ]
        out += [f"| {e.id} | {_md(_name(e))} | {below} |" for e, below in roots]
        out.append("")
    if report.complete:
        out += [
            f"## Complete / 完整 ({len(report.complete)})",
            "",
            ", ".join(f"{e.id} {_md(e.name_zh)}" for e in report.complete),
            "",
        ]
    return "\n".join(out)


def _md(value: str) -> str:
    return value.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def as_html(report: Report) -> str:
    """A standalone HTML page (no scripts, no external resources)."""
    e_ = html.escape
    rows = "".join(
        f"<tr><td>{e_(a)}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in _level_rows(report)
    )
    parts = [
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">',
        "<title>Completeness report / 完整性检查报告</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;"
        "text-align:left}.violation{color:#a00}.warning{color:#a60}.info{color:#555}</style></head><body>",
        "<h1>Completeness report / 完整性检查报告</h1>",
        f"<p>{e_(report.source)}</p>" if report.source else "",
        f"<p><strong>{e_(_verdict(report))}</strong></p>",
        f"<table><tr><th></th><th>score 得分</th><th>elements 元素</th><th>complete 完整</th></tr>{rows}</table>",
        "<h2>Gaps by element, in fix order / 按元素列出的缺口</h2>",
    ]
    for e in report.with_gaps:
        items = "".join(
            f'<li><span class="{g.severity.lower()}">{g.severity.lower()} {SEVERITY_ZH[g.severity]}</span> '
            f"{e_(_gap_line(g))}</li>"
            for g in e.gaps
        )
        parts.append(
            f"<h3>{e_(e.id)} {e_(_name(e))}</h3><p>PCF {e.pcf_id or '–'} · score 得分 "
            f"<strong>{_pct(e.score)}</strong></p><ol>{items}</ol>"
        )
    roots = report.uncovered_roots()
    if roots:
        body = "".join(f"<tr><td>{e_(e.id)}</td><td>{e_(_name(e))}</td><td>{below}</td></tr>" for e, below in roots)
        parts.append(
            f"<h2>Not covered by the standard yet / 标准尚未覆盖 ({len(report.uncovered)})</h2>"
            f"<table><tr><th>id</th><th>element 元素</th><th>below 下级</th></tr>{body}</table>"
        )
    if report.complete:
        parts.append(
            f"<h2>Complete / 完整 ({len(report.complete)})</h2><p>"
            + ", ".join(e_(f"{e.id} {e.name_zh}") for e in report.complete)
            + "</p>"
        )
    return "".join(parts) + "</body></html>\n"


def as_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _term(nt: str):
    """Parse one N-Triples term back into a pyoxigraph term."""
    triple = next(iter(ox.parse(f"<urn:s> <urn:p> {nt} .".encode(), format=ox.RdfFormat.N_TRIPLES)))
    return triple.object


def report_triples(report: Report) -> list[ox.Triple]:
    """The SHACL validation report as triples; results are blank nodes r1, r2, ... in result order."""
    sh = lambda local: ox.NamedNode(_SH + local)  # noqa: E731
    root = ox.BlankNode("report")
    out = [
        ox.Triple(root, _RDF_TYPE, sh("ValidationReport")),
        ox.Triple(
            root,
            sh("conforms"),
            ox.Literal(
                "true" if report.conforms else "false",
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"),
            ),
        ),
    ]
    for n, r in enumerate(report.results, 1):
        node = ox.BlankNode(f"r{n}")
        out += [
            ox.Triple(root, sh("result"), node),
            ox.Triple(node, _RDF_TYPE, sh("ValidationResult")),
            ox.Triple(node, sh("focusNode"), _term(r.focus)),
            ox.Triple(node, sh("sourceShape"), ox.NamedNode(r.shape)),
            ox.Triple(node, sh("sourceConstraintComponent"), sh(r.component)),
            ox.Triple(node, sh("resultSeverity"), sh(r.severity)),
            ox.Triple(node, sh("resultMessage"), ox.Literal(r.message_zh, language="zh-Hans")),
            ox.Triple(node, sh("resultMessage"), ox.Literal(r.message_en, language="en")),
        ]
        if r.path and r.path.startswith("<") and r.path.endswith(">"):
            out.append(ox.Triple(node, sh("resultPath"), ox.NamedNode(r.path[1:-1])))
        if r.value is not None:
            out.append(ox.Triple(node, sh("value"), _term(r.value)))
    return out


def turtle(report: Report) -> str:
    """The raw SHACL validation report in Turtle."""
    data = (
        ox.serialize(
            report_triples(report),
            format=ox.RdfFormat.TURTLE,
            prefixes={
                "sh": _SH,
                "pg": "https://w3id.org/procgraph/ontology#",
                "pgsh": "https://w3id.org/procgraph/shapes#",
            },
        )
        or b""
    )
    return data.decode("utf-8")
