"""`pst grid`'s output: a grid answered criterion by criterion, as text, JSON or Markdown.

Each criterion: its status, what it requires, the evidence found with `file:line`, what is
missing with the field to fill and its file, and the findings that count against it.
"""

from __future__ import annotations

import json

from pst_cli.grids.evaluate import CriterionResult, Evidence, GridResult
from pst_cli.i18n import t, tn
from pst_cli.report.text import printable

FORMATS = ("text", "json", "md")
SHOWN_AGAINST = 5
"""Findings listed under one criterion in text; `--format json` gives them all."""


def _places(item: Evidence) -> str:
    shown = ", ".join(f"{place.file}:{place.line}" for place in item.places)
    more = item.count - len(item.places)
    return shown + (tn("grids.report.more", more) if more > 0 else "")


def _status(answer: CriterionResult) -> str:
    return t(f"grids.status.{answer.status}")


def _header(result: GridResult) -> list[str]:
    grid = result.grid
    lines = [t("grids.report.title", title=grid.title, id=grid.id, version=grid.version), t("grids.report.issuer", issuer=grid.issuer)]
    for source in grid.sources:
        parts = [source.title, source.reference or "", source.date.isoformat() if source.date else "", source.url or ""]
        lines.append(t("grids.report.source", source=", ".join(part for part in parts if part)))
    if result.origin:
        lines.append(t("grids.report.origin", file=result.origin))
    if grid.provisional:
        lines.append(t("grids.report.provisional-grid"))
    if grid.note:
        lines.append(grid.note)
    return lines


def _summary(result: GridResult) -> str:
    return t(
        "grids.report.summary",
        satisfied=tn("grids.report.satisfied", result.count("satisfait")),
        partial=tn("grids.report.partial", result.count("partiel")),
        absent=tn("grids.report.absent", result.count("absent")),
    )


def text(result: GridResult) -> str:
    lines = _header(result) + [""]
    for answer in result.criteria:
        criterion = answer.criterion
        flag = t("grids.report.provisional") if criterion.provisional else ""
        lines.append(t("grids.report.criterion", id=criterion.id, label=criterion.label + flag, status=_status(answer)))
        lines.append("   " + criterion.requirement)
        why = getattr(criterion.status, answer.status) or t(f"grids.why.{answer.status}")
        lines.append("   " + t("grids.report.why", why=why))
        for item in answer.found:
            lines.append("   " + t("grids.report.found", path=item.path, places=_places(item)))
        for item in answer.missing:
            lines.append("   " + t("grids.report.missing", path=item.path, file=item.file))
        for finding in answer.against[:SHOWN_AGAINST]:
            lines.append("   " + t("grids.report.against", rule=finding.rule, place=f"{finding.path}:{finding.line}:{finding.col}", message=finding.message))
        if len(answer.against) > SHOWN_AGAINST:
            lines.append("   " + tn("grids.report.more-against", len(answer.against) - SHOWN_AGAINST))
        lines.append("")
    lines.append(_summary(result))
    return printable("\n".join(lines))


def as_json(result: GridResult) -> str:
    grid = result.grid
    data = {
        "grid": {
            "id": grid.id,
            "title": grid.title,
            "issuer": grid.issuer,
            "version": grid.version,
            "provisional": grid.provisional,
            "origin": result.origin,
            "sources": [source.model_dump(mode="json", exclude_none=True) for source in grid.sources],
        },
        "criteria": [
            {
                "id": answer.criterion.id,
                "label": answer.criterion.label,
                "requirement": answer.criterion.requirement,
                "status": answer.status,
                "provisional": answer.criterion.provisional,
                "found": [
                    {"path": item.path, "count": item.count, "places": [{"file": p.file, "line": p.line, "col": p.col} for p in item.places]}
                    for item in answer.found
                ],
                "missing": [{"path": item.path, "file": item.file} for item in answer.missing],
                "against": [
                    {"rule": f.rule, "severity": f.severity, "file": f.path, "line": f.line, "col": f.col, "message": f.message}
                    for f in answer.against
                ],
            }
            for answer in result.criteria
        ],
        "summary": {status: result.count(status) for status in ("satisfait", "partiel", "absent")},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def markdown(result: GridResult) -> str:
    lines = [f"# {result.grid.title}", ""] + [line + "  " for line in _header(result)[1:]] + [""]
    lines += [f"| {t('grids.report.col-criterion')} | {t('grids.report.col-status')} | {t('grids.report.col-evidence')} |", "|---|---|---|"]
    for answer in result.criteria:
        criterion = answer.criterion
        found = "<br>".join(f"`{item.path}` : {_places(item)}" for item in answer.found)
        missing = "<br>".join(t("grids.report.missing", path=item.path, file=item.file) for item in answer.missing)
        cell = "<br>".join(part for part in (found, missing) if part) or "—"
        flag = t("grids.report.provisional") if criterion.provisional else ""
        label = f"{criterion.id}. {criterion.label}{flag}".replace("|", "\\|")
        lines.append(f"| {label} | {_status(answer)} | {cell.replace('|', chr(92) + '|')} |")
    lines += ["", _summary(result)]
    return "\n".join(lines)


def render(result: GridResult, format: str) -> str:
    return {"text": text, "json": as_json, "md": markdown}[format](result)
