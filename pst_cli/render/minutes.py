"""The minutes (compte rendu) of one workshop (`pst minutes`), a kind of document of the engine.

Every user string reaches the template already escaped (`typography.plain`) or as
Markdown without raw HTML (`typography.markdown`); a project may override the template
with its own `templates/minutes/minutes.md.j2` (or `minutes.typ`).
"""

from __future__ import annotations

import typing
from pathlib import Path

from pst_cli.i18n import section, t
from pst_cli.model.common import StakeholderCategory
from pst_cli.model.workshops import Workshop
from pst_cli.monitoring.votes import rank_workshops
from pst_cli.project.aggregate import Project
from pst_cli.render import typography as ty
from pst_cli.render.engine import DocumentKind, Prepared
from pst_cli.render.inputs import refuse_unreadable_inputs
from pst_cli.render.office import finish
from pst_cli.render.tables import grid_table
from pst_cli.render.templating import template_file

FORMATS = ("docx", "odt", "pdf", "md")


def minutes_context(project: Project, workshop: Workshop, work: Path) -> tuple[dict, dict[str, dict]]:
    """What the minutes template sees (escaped text, tables) and the vote charts drawn into `work`."""
    from pst_cli.render.figures import vote_chart

    lang = project.language
    labels = section("minutes")
    names = {stakeholder.id: stakeholder.name for stakeholder in project.stakeholders}
    counts = workshop.participants.counts
    participant_rows = [
        [ty.plain(t(f"category.{c}"), lang), ty.format_number(counts[c], lang)] for c in typing.get_args(StakeholderCategory) if counts.get(c)
    ]
    if participant_rows:
        participant_rows.append([f"**{labels['total']}**", f"**{ty.format_number(sum(counts.values()), lang)}**"])
    votes = []
    figures: dict[str, dict] = {}
    for index, ranking in enumerate(rank_workshops([workshop]), start=1):
        weighted = ranking.vote.method == "multicritere"
        rows = [
            [
                str(option.rank) if option.rank else "—",
                ty.plain(option.label, lang),
                ty.format_number(option.value, lang, 2 if weighted else None) if option.value is not None else "—",
                f"{ty.format_number(round(option.share * 100), lang)} %" if option.share is not None else "—",
            ]
            for option in ranking.options
        ]
        header = [labels["rank"], labels["option"], labels["score" if weighted else "votes_col"], labels["share"]]
        chart = None
        if any(option.value for option in ranking.options):
            chart = f"vote-{index}"
            vote_chart(ranking, work / f"{chart}.png", lang)
            figures[chart] = {"file": f"{chart}.png", "caption": labels["chart"], "alt": f"{labels['chart']} : {ranking.vote.question}"}
        votes.append({"question": ty.plain(ranking.vote.question, lang), "table": grid_table(header, rows, [6, 50, 14, 8]), "chart": chart})
    context = {
        "labels": labels,
        "title": ty.plain(workshop.title, lang),
        "project": ty.plain(project.config.title, lang),
        "date": ty.format_date(workshop.date, lang),
        "place": ty.plain(workshop.place, lang) if workshop.place else "",
        "format": ty.plain(workshop.format, lang) if workshop.format else "",
        "level": t(f"value.{workshop.participation_level}"),
        "facilitator": ty.plain(names.get(workshop.facilitator, workshop.facilitator), lang) if workshop.facilitator else "",
        "objectives": [ty.plain(text, lang) for text in workshop.objectives],
        "participants": grid_table([labels["category"], labels["count"]], participant_rows, [40, 10]) if participant_rows else "",
        "present": [ty.plain(names.get(sid, sid), lang) for sid in workshop.participants.stakeholders],
        "questions": [ty.plain(text, lang) for text in workshop.questions],
        "outputs": [ty.plain(text, lang) for text in workshop.outputs],
        "votes": votes,
        "agreements": [ty.plain(text, lang) for text in workshop.agreements],
        "disagreements": [ty.plain(text, lang) for text in workshop.disagreements],
        "follow_up": ty.plain(workshop.follow_up, lang) if workshop.follow_up else "",
        "notes": _notes(project, workshop, lang),
        "illustrative": workshop.illustrative,
    }
    return context, figures


def _notes(project: Project, workshop: Workshop, language: str) -> str:
    """The free minutes text: inline Markdown, or a `.md` file inside the project."""
    text = workshop.minutes or ""
    if text.strip().endswith(".md") and "\n" not in text.strip():
        text = project.read_markdown(text.strip()) if project.project_file(text.strip()) else ""
    return ty.markdown(text, language, 1)


def minutes_of(workshop: Workshop) -> DocumentKind:
    """The minutes of `workshop` as a kind of document."""

    def prepare(project: Project, work: Path, public: bool) -> Prepared:
        refuse_unreadable_inputs(project)
        context, figures = minutes_context(project, workshop, work)
        title = t("minutes.title", title=workshop.title)
        context["heading"] = ty.plain(title, project.language)
        return Prepared(context, figures, {"title": title, "lang": t("document.lang-tag")})

    def pandoc_args(project: Project, name: str, work: Path, prepared: Prepared) -> list[str]:
        return [f"--reference-doc={template_file(project.root, 'reference.' + name)}"]

    def typst_args(project: Project, prepared: Prepared) -> list[str]:
        return [f"--template={template_file(project.root, 'minutes.typ', 'minutes')}"]

    def preamble(prepared: Prepared) -> str:
        return f"# {prepared.context['heading']}\n\n"

    return DocumentKind(
        formats=FORMATS,
        folder="minutes",
        template="minutes.md.j2",
        prepare=prepare,
        basename=lambda project: f"compte-rendu-{workshop.id}",
        pandoc_args=pandoc_args,
        typst_args=typst_args,
        markdown_preamble=preamble,
        figure_prefix=f"{workshop.id}-",
        finish=finish,
    )
