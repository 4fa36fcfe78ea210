"""`pst minutes`: the compte rendu of one workshop, as DOCX, ODT, PDF or Markdown.

workshop ──context──▶ Jinja (`templates/minutes/minutes.md.j2`) ──▶ Pandoc Markdown
         ──Pandoc──▶ docx / odt;  ──Pandoc──▶ Typst (`templates/minutes/minutes.typ`) ──typst──▶ pdf

It reuses the safety of `pst render`: every user string reaches the template already
escaped (`typography.plain`) or as Markdown without raw HTML (`typography.markdown`),
the Jinja environment is sandboxed with strict undefined, Pandoc runs with `--sandbox`,
and each output replaces its target in one step. A project may override the template
with its own `templates/minutes/minutes.md.j2` (or `minutes.typ`).
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from pst_cli.files import replace_file
from pst_cli.findings import PstError
from pst_cli.model.common import CATEGORY_LABELS
from pst_cli.model.workshops import Workshop
from pst_cli.project.aggregate import Project
from pst_cli.render import typography as ty
from pst_cli.render.pipeline import compile_pdf, run_pandoc
from pst_cli.render.tables import grid_table
from pst_cli.render.templating import environment, render_template, template_file
from pst_cli.monitoring.votes import rank_workshops

MINUTES_FORMATS = ("docx", "odt", "pdf", "md")

LABELS = {
    "fr": {
        "minutes": "Compte rendu",
        "date": "Date", "place": "Lieu", "format": "Format", "level": "Niveau de participation",
        "facilitator": "Animation", "objectives": "Objectifs de la séance", "participants": "Participants",
        "category": "Catégorie", "count": "Nombre", "total": "Total", "present": "Structures et groupes présents",
        "questions": "Questions posées", "outputs": "Productions", "votes": "Votes", "rank": "Rang", "option": "Option",
        "votes_col": "Voix", "score": "Note pondérée", "share": "Part", "agreements": "Points d'accord",
        "disagreements": "Points de désaccord", "follow_up": "Suite donnée", "notes": "Notes de séance",
        "chart": "Résultat du vote", "illustrative": "Données d'illustration, à remplacer par les données réelles.",
        "none": "Non renseigné.",
        "colon": "\u202f:",
    },
    "en": {
        "minutes": "Minutes",
        "date": "Date", "place": "Place", "format": "Format", "level": "Participation level",
        "facilitator": "Facilitation", "objectives": "Objectives of the session", "participants": "Participants",
        "category": "Category", "count": "Number", "total": "Total", "present": "Organisations and groups present",
        "questions": "Questions asked", "outputs": "Outputs", "votes": "Votes", "rank": "Rank", "option": "Option",
        "votes_col": "Votes", "score": "Weighted score", "share": "Share", "agreements": "Agreements",
        "disagreements": "Disagreements", "follow_up": "Follow-up", "notes": "Session notes",
        "chart": "Vote result", "illustrative": "Illustrative data, to be replaced by real data.",
        "none": "Not given.",
        "colon": ":",
    },
}


def vote_chart(ranking, path: Path, language: str) -> None:
    """A horizontal bar chart of a vote, best option on top (matplotlib, same bytes every time)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counted = [option for option in ranking.options if option.value is not None]
    labels = [option.label if len(option.label) <= 45 else option.label[:44] + "…" for option in counted][::-1]
    values = [option.value for option in counted][::-1]
    figure, axes = plt.subplots(figsize=(6.5, 0.45 * len(values) + 0.9))
    # Positions, not labels, on the axis: two options with the same label stay two bars.
    bars = axes.barh(range(len(values)), values, color="#1f4e79", tick_label=labels)
    axes.bar_label(bars, labels=[ty.format_number(value, language) for value in values], padding=3, fontsize=8)
    axes.set_xlabel(LABELS[language]["score" if ranking.vote.method == "multicritere" else "votes_col"])
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=8)
    figure.savefig(path, dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)


def minutes_context(project: Project, workshop: Workshop, work: Path) -> dict:
    """What the minutes template sees: escaped text, tables, and vote charts written into `work`."""
    lang = project.language if project.language in LABELS else "fr"
    labels = LABELS[lang]
    names = {stakeholder.id: stakeholder.name for stakeholder in project.stakeholders}
    categories = CATEGORY_LABELS[lang]
    counts = workshop.participants.counts
    participant_rows = [[ty.plain(categories[c], lang), ty.format_number(counts[c], lang)] for c in categories if counts.get(c)]
    if participant_rows:
        participant_rows.append([f"**{labels['total']}**", f"**{ty.format_number(sum(counts.values()), lang)}**"])
    votes = []
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
            name = f"vote-{index}.png"
            vote_chart(ranking, work / name, lang)
            chart = {"file": name, "alt": ty.attribute(f"{labels['chart']} : {ranking.vote.question}")}
        votes.append({
            "question": ty.plain(ranking.vote.question, lang),
            "table": grid_table(header, rows, [6, 50, 14, 8]),
            "chart": chart,
        })
    level = workshop.participation_level
    return {
        "labels": labels,
        "title": ty.plain(workshop.title, lang),
        "project": ty.plain(project.config.title, lang),
        "date": ty.format_date(workshop.date, lang),
        "place": ty.plain(workshop.place, lang) if workshop.place else "",
        "format": ty.plain(workshop.format, lang) if workshop.format else "",
        "level": level.capitalize() if lang == "en" else {"codecision": "Codécision"}.get(level, level.capitalize()),
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


def _notes(project: Project, workshop: Workshop, language: str) -> str:
    """The free minutes text: inline Markdown, or a `.md` file inside the project."""
    text = workshop.minutes or ""
    if text.strip().endswith(".md") and "\n" not in text.strip():
        path = project.project_file(text.strip())
        text = path.read_text(encoding="utf-8") if path else ""
    return ty.markdown(text, language, 1)


def render_minutes(project: Project, workshop: Workshop, formats: list[str], outdir: Path) -> list[Path]:
    """Write the minutes of `workshop` in `formats` into `outdir`; return the files written."""
    lang = project.language
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="pst-minutes-") as work_name:
        work = Path(work_name)
        context = minutes_context(project, workshop, work)
        env = environment(project.root, "minutes")
        title = f"{LABELS.get(lang, LABELS['fr'])['minutes']} — {workshop.title}"
        meta = ["-M", f"title={title}", "-M", f"lang={'en-GB' if lang == 'en' else 'fr-FR'}"]

        def markdown_for(source) -> str:
            """The Markdown of the minutes, each chart pointing at `source(file name)`."""
            votes = [{**vote, "chart": {**vote["chart"], "src": source(vote["chart"]["file"])} if vote["chart"] else None} for vote in context["votes"]]
            return render_template(env, "minutes.md.j2", {**context, "votes": votes}, lang)

        for name in formats:
            target = outdir / f"compte-rendu-{workshop.id}.{name}"
            if name == "md":
                # Charts beside the Markdown, named after the workshop so that minutes never collide.
                figures = outdir / "figures"
                figures.mkdir(exist_ok=True)
                for chart in sorted(work.glob("vote-*.png")):
                    data = chart.read_bytes()
                    replace_file(figures / f"{workshop.id}-{chart.name}", lambda temporary, d=data: Path(temporary).write_bytes(d))
                text = f"# {ty.plain(title, lang)}\n\n" + markdown_for(lambda file: f"figures/{workshop.id}-{file}")
                replace_file(target, lambda temporary, t=text: Path(temporary).write_text(t, encoding="utf-8"))
            elif name == "pdf":
                text = markdown_for(lambda file: file)
                replace_file(target, lambda temporary, t=text: _pdf(project, t, meta, work, temporary))
            else:
                # Pandoc runs sandboxed and may read no file: images travel as data URIs.
                text = markdown_for(lambda file: "data:image/png;base64," + base64.b64encode((work / file).read_bytes()).decode("ascii"))
                args = [*meta, f"--reference-doc={template_file(project.root, 'reference.' + name)}"]
                replace_file(target, lambda temporary, t=text, n=name, a=args: run_pandoc(t, n, temporary, a, lang))
            written.append(target)
    return written


def _pdf(project: Project, text: str, meta: list[str], work: Path, outputfile: str) -> None:
    """Markdown → Typst (our minutes template) → tagged PDF, compiled inside `work` only."""
    source = work / "minutes.typ"
    args = [*meta, f"--template={template_file(project.root, 'minutes.typ', 'minutes')}", f"--lua-filter={template_file(project.root, 'typst-images.lua')}"]
    run_pandoc(text, "typst", str(source), args, project.language)
    compile_pdf(source, outputfile, work, project.language)


def parse_minutes_formats(text: str, language: str) -> list[str]:
    """`docx,pdf` → ["docx", "pdf"], refusing what minutes cannot be written as."""
    from pst_cli.findings import say

    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in MINUTES_FORMATS]
    if unknown or not chosen:
        raise PstError(
            say(language, f"format inconnu : {', '.join(unknown) or text}", f"unknown format: {', '.join(unknown) or text}"),
            say(language, f"Formats possibles : {', '.join(MINUTES_FORMATS)}.", f"Possible formats: {', '.join(MINUTES_FORMATS)}."),
        )
    return list(dict.fromkeys(chosen))
