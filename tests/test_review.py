"""`pst review --year Y`: the yearly review a user hands to the board, the CAF, the council or the conference.

Each test reads the document as its reader would: the headings of the outline the
project's framework asks for, an action done in the year with its date, an indicator
late, the budget forecast against actual in French amounts, the previous year beside this
one, the opinion of a conseil citoyen still to attach, and the words of a refusal.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, run_pst, words
from documents import document_texts, squash

CONTRAT_DE_VILLE = FIXTURES / "review_contrat_de_ville_opinions"
DEPARTEMENTAL = FIXTURES / "review_departemental_conference"


def review(project: Path, year: int, out: Path, *extra: str) -> str:
    """The Markdown of the review of `year`, its typographic spaces as plain spaces."""
    result = run_pst("review", project, "--year", str(year), "--to", "md", "-o", out, "--quiet", *extra)
    assert result.code == 0, result.output
    (written,) = out.glob("*.md")
    return words(written.read_text(encoding="utf-8"))


def headings(markdown: str, level: int = 1) -> list[str]:
    return [line[level + 1 :] for line in markdown.splitlines() if line.startswith("#" * level + " ")]


def section(markdown: str, heading: str) -> str:
    """The text under the level-1 heading `heading`, up to the next one."""
    start = markdown.index(f"\n# {heading}\n")
    end = markdown.find("\n# ", start + 1)
    return markdown[start : end if end > 0 else None]


def row(markdown: str, marker: str) -> list[str]:
    """The cells of the grid-table row whose first line holds `marker`, each cell's lines joined."""
    lines = markdown.splitlines()
    start = next(index for index, line in enumerate(lines) if marker in line)
    cells: list[list[str]] = []
    for line in lines[start:]:
        if line.startswith("+"):
            break
        for index, cell in enumerate(line.strip("|").split("|")):
            if len(cells) <= index:
                cells.append([])
            cells[index].append(cell.strip())
    return [" ".join(part for part in cell if part) for cell in cells]


def copy(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / fixture.name
    shutil.copytree(fixture, target, ignore=shutil.ignore_patterns(".pst", "build"))
    return target


def test_meaux_2025_is_the_yearly_review_the_caf_asks_for(tmp_path):
    text = review(EXAMPLES / "meaux", 2025, tmp_path)
    assert headings(text) == [
        "Synthèse de l’année 2025",
        "Avancement des actions en 2025",
        "Indicateurs : résultats au regard des cibles",
        "Participation des habitants en 2025",
        "Gouvernance : instances réunies et décisions",
        "Budget 2025 : prévu et réalisé",
        "Évolutions du projet en 2025",
        "Perspectives pour 2026",
    ]
    assert "title: 'Bilan annuel 2025'" in text
    # The year's own text, from evaluation/reviews/2025.yaml.
    assert "Première année du projet social" in section(text, "Synthèse de l’année 2025")
    assert "Engager la mise en réseau des associations" in section(text, "Perspectives pour 2026")
    # The measurement left out of measurements.yaml is late, as pst status says.
    indicators = section(text, "Indicateurs : résultats au regard des cibles")
    assert "I-A3.OG3-2 Nombre de mises en réseau d’associations : la mesure du 31 décembre 2025 est attendue et absente." in indicators
    # A step of the year missed (0 for a step of 2) is said so.
    assert row(indicators, "**I-A1.OG2-2**")[4] == "2 *non atteint*"
    # The comment on an indicator and the charts follow the table, not the sub-heading of the delayed indicators.
    missing = indicators.index("\n## Mesures attendues et manquantes\n")
    assert indicators.index("Aucune journée d’information suivie") < missing
    assert indicators.index("![Évolution des indicateurs") < missing
    delayed = indicators[indicators.index("\n## Indicateurs publiés avec retard\n") :]
    assert "I-A1.OG2-4 Part des allocataires CAF" in delayed and "Aucune journée" not in delayed and "![" not in delayed
    # The COPIL of December and its decision.
    governance = section(text, "Gouvernance : instances réunies et décisions")
    assert "11 décembre 2025" in governance and "Bilan de la première année présenté et adopté" in governance
    # Budget: means.yaml's 2025, in French amounts.
    budget = section(text, "Budget 2025 : prévu et réalisé")
    assert "231 400 €" in budget and "−3 600 €" in budget and "**305 300 €**" in budget


def test_the_volunteers_are_counted_in_a_sentence_as_in_the_plan(tmp_path):
    """The same words as the plan's « Moyens » chapter, and only the counts given."""
    text = review(EXAMPLES / "meaux", 2025, tmp_path / "both")
    participation = section(text, "Participation des habitants en 2025")
    assert "La structure compte 18 bénévoles d’activités et 9 bénévoles de gouvernance." in participation
    project = copy(EXAMPLES / "meaux", tmp_path)
    means = project / "means.yaml"
    means.write_text(means.read_text(encoding="utf-8").replace("  governance: 9 ", "  # governance: 9 "), encoding="utf-8")
    participation = section(review(project, 2025, tmp_path / "one"), "Participation des habitants en 2025")
    assert "La structure compte 18 bénévoles d’activités." in participation and "gouvernance" not in participation


def test_the_contrat_de_ville_report_follows_the_decree_and_leaves_a_place_for_each_opinion(tmp_path):
    text = review(copy(CONTRAT_DE_VILLE, tmp_path), 2025, tmp_path / "out")
    assert headings(text) == [
        "Cadre du rapport",
        "Rappel des orientations du contrat de ville",
        "Évolution de la situation des quartiers prioritaires",
        "Actions menées au bénéfice des habitants des quartiers en 2025",
        "Moyens mobilisés en 2025",
        "Participation des habitants et conseils citoyens",
        "Gouvernance : instances réunies et décisions",
        "Évolutions du contrat de ville en 2025",
        "Perspectives d’évolution et améliorations nécessaires",
        "Annexe : avis des conseils citoyens",
        "Suites réservées aux avis et observations",
    ]
    assert "décret n° 2015-1118" in section(text, "Cadre du rapport")
    opinions = section(text, "Annexe : avis des conseils citoyens")
    assert headings(opinions, 2) == ["Conseil citoyen des Tilleuls", "Conseil citoyen du Moulin"]
    tilleuls, moulin = opinions.split("## Conseil citoyen du Moulin")
    assert "Avis favorable avec réserves" in tilleuls and "rouvert le samedi" in tilleuls and "Avis à joindre" not in tilleuls
    assert "**Avis à joindre**" in moulin and "body: cc-moulin" in moulin


def test_an_action_done_in_the_year_is_listed_as_done_with_its_date(tmp_path):
    text = review(copy(CONTRAT_DE_VILLE, tmp_path), 2025, tmp_path / "out")
    actions = section(text, "Actions menées au bénéfice des habitants des quartiers en 2025")
    assert "Actions prévues en 2025 : 1 ; réalisées dans l’année : 1." in actions
    assert "FA-01 Café des habitants des Tilleuls : réalisée le 30 septembre 2025." in actions
    run_pst("review", tmp_path / CONTRAT_DE_VILLE.name, "--year", "2025", "--to", "html", "-o", tmp_path / "html", "--quiet")
    page = words((tmp_path / "html" / "rapport-annuel-2025.html").read_text(encoding="utf-8"))
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", page, re.DOTALL)]
    start = next(index for index, cell in enumerate(cells) if cell.startswith("FA-01 Café"))
    assert cells[start + 2] == "Réalisée le 30 septembre 2025" and cells[start + 3] == "En cours"  # at the end of 2025, and of 2024
    assert "30 septembre 2025 : Réalisée (Le café est repris par l’association des locataires.)" in cells[start + 4]  # the dated change, with its note


def test_a_late_indicator_is_shown_late_and_a_reached_step_reached(tmp_path):
    text = review(copy(CONTRAT_DE_VILLE, tmp_path), 2025, tmp_path / "out")
    situation = section(text, "Évolution de la situation des quartiers prioritaires")
    assert "I-CONF Habitants qui disent avoir confiance dans leurs voisins : la mesure du 31 décembre 2025 est attendue et absente." in situation
    conf = row(situation, "**I-CONF**")
    assert conf[3] == "non mesuré" and conf[6] == "**en retard**"
    lien = row(situation, "**I-LIEN**")
    assert lien[3:5] == ["190", "180 *atteint*"]


def test_the_review_compares_with_the_previous_year(tmp_path):
    text = review(copy(CONTRAT_DE_VILLE, tmp_path), 2025, tmp_path / "out")
    situation = section(text, "Évolution de la situation des quartiers prioritaires")
    assert "Année" in situation and "précédente" in situation and "(2024)" in situation
    assert row(situation, "**I-LIEN**")[1:4] == ["120", "140", "190"]  # baseline, 2024, 2025
    budget = section(text, "Moyens mobilisés en 2025")
    assert "Réalisé 2024" in budget
    # Forecast, actual, gap and the previous year's actual of the State's credits.
    assert re.search(r"Préfecture \(délégué du préfet\) +110 000 € +102 500 € +−7 500 € +95 000 €", budget)
    assert re.search(r"\*\*Total\*\* +\*\*175 000 €\*\* +\*\*162 500 €\*\* +\*\*−12 500 €\*\* +\*\*155 000 €\*\*", budget)
    participation = section(text, "Participation des habitants et conseils citoyens")
    assert re.search(r"Habitants et usagers +48 +0", participation)


def test_the_departmental_review_is_the_document_of_the_local_social_conference(tmp_path):
    text = review(copy(DEPARTEMENTAL, tmp_path), 2025, tmp_path / "out")
    assert "title: 'Conférence sociale locale 2025'" in text
    assert headings(text) == [
        "La conférence sociale locale",
        "L’année 2025 du projet social de territoire",
        "Les projets communs : où en sont-ils ?",
        "Tableau de suivi",
        "Habitants et concertations de l’année",
        "Concertation régulière et décisions",
        "Moyens engagés en 2025",
        "Évolutions du projet en 2025",
        "Objectifs communs pour 2026",
    ]
    conference = section(text, "La conférence sociale locale")
    assert "## Conférence sociale locale, 20 novembre 2025" in conference
    assert "Les habitants y sont conviés en tant qu’acteurs du projet." in conference
    assert "Deux journées d’échanges entre professionnels en 2026" in conference
    # No budget: the departmental PST brings no direct funding, and the document says so rather than « à renseigner ».
    assert "Pas de financement direct" in section(text, "Moyens engagés en 2025")


def test_a_missing_text_of_the_year_shows_where_to_write_it(tmp_path):
    project = copy(DEPARTEMENTAL, tmp_path)
    (project / "evaluation" / "reviews" / "2025.yaml").unlink()
    text = review(project, 2025, tmp_path / "out")
    assert "**À rédiger** — écrivez ce texte dans evaluation/reviews/2025.yaml (champ « perspectives »)." in section(text, "Objectifs communs pour 2026")


@pytest.mark.parametrize("year", ["2031", "2023"])
def test_a_year_outside_the_period_is_refused_in_french_with_a_hint(year, tmp_path):
    result = run_pst("review", copy(CONTRAT_DE_VILLE, tmp_path), "--year", year, "--to", "md", "-o", tmp_path / "out")
    assert result.code == 2
    assert f"l'année {year} est hors de la période du projet (2024–2030)" in result.err
    assert "Choisissez une année de 2024 à 2030" in result.err
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_year_not_begun_is_refused(tmp_path):
    result = run_pst("review", copy(DEPARTEMENTAL, tmp_path), "--year", "2099", "-o", tmp_path / "out")
    assert result.code == 2
    assert "hors de la période" in result.err or "pas encore commencé" in result.err
    assert "Traceback" not in result.output


def test_outside_git_the_review_says_the_changes_cannot_be_dated(tmp_path):
    text = review(copy(CONTRAT_DE_VILLE, tmp_path), 2025, tmp_path / "out")
    assert "Le projet n’est pas suivi dans un dépôt Git : ses changements ne peuvent pas être datés" in section(
        text, "Évolutions du contrat de ville en 2025"
    )


def _commit(repository: Path, message: str, day: str) -> None:
    stamp = {"GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
    environment = {**os.environ, **stamp, "GIT_AUTHOR_NAME": "pst", "GIT_AUTHOR_EMAIL": "pst@example.org", "GIT_COMMITTER_NAME": "pst", "GIT_COMMITTER_EMAIL": "pst@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=repository, check=True, capture_output=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repository, check=True, capture_output=True, env=environment)


def test_in_git_the_review_lists_the_commits_of_the_year_and_what_they_changed(tmp_path):
    project = copy(CONTRAT_DE_VILLE, tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    _commit(project, "Contrat de ville signé", "2024-11-30")
    axis = project / "plan" / "axes" / "1-cohesion.yaml"
    axis.write_text(axis.read_text(encoding="utf-8").replace("{value: 300, date: 2030-12-31}", "{value: 350, date: 2030-12-31}"), encoding="utf-8")
    _commit(project, "Cible du lien social relevée par le COPIL", "2025-06-13")
    text = review(project, 2025, tmp_path / "out")
    changes = section(text, "Évolutions du contrat de ville en 2025")
    assert "13 juin 2025" in changes and "Cible du lien social relevée par le COPIL" in changes
    assert "Contrat de ville signé" not in changes  # a commit of 2024
    assert re.search(r"\*\*Indicateur I-LIEN — Habitants des quartiers fréquentant un lieu de rencontre\*\* : cible 300 → 350", changes)


def test_the_review_is_written_as_pdf_and_docx_with_the_placeholder(tmp_path):
    project = copy(CONTRAT_DE_VILLE, tmp_path)
    result = run_pst("review", project, "--year", "2025", "--to", "pdf,docx", "-o", tmp_path / "out", "--quiet")
    assert result.code == 0, result.output
    texts = document_texts(tmp_path / "out" / "rapport-annuel-2025", "pdf,docx")
    for text in texts.values():
        assert squash("Avis à joindre") in squash(text)
        assert squash("Rapport annuel 2025 sur la mise en œuvre de la politique de la ville") in squash(text)


def test_a_delayed_indicator_is_not_late_and_its_next_value_is_dated(tmp_path):
    project = copy(CONTRAT_DE_VILLE, tmp_path)
    axis = project / "plan" / "axes" / "1-cohesion.yaml"
    axis.write_text(
        axis.read_text(encoding="utf-8")
        + """          - id: I-CAF
            label: Allocataires CAF à bas revenus
            type: contexte
            unit: "%"
            baseline: {value: 48, date: 2023-12-31, source: CNAF}
            target: {value: 44, date: 2030-12-31}
            direction: decrease
            source: Données CNAF (publiées deux ans après)
            frequency: annuelle
            delay: 24
""",
        encoding="utf-8",
    )
    text = review(project, 2025, tmp_path / "out")
    situation = section(text, "Évolution de la situation des quartiers prioritaires")
    assert "I-CAF Allocataires CAF à bas revenus : publié 24 mois après sa date, il n’est pas en retard" in situation
    assert "prochaine mesure attendue : la valeur du 31 décembre 2024, connue le 31 décembre 2026" in situation
    assert "I-CAF Allocataires CAF à bas revenus : la mesure" not in situation


def test_the_ctg_review_is_the_steering_committees_with_actions_by_thematic_field(tmp_path):
    project = copy(CONTRAT_DE_VILLE, tmp_path)
    config = project / "pst.yaml"
    text = config.read_text(encoding="utf-8").replace("kind: contrat-de-ville", "kind: ctg").replace("end: 2030-12-31", "end: 2028-12-31")
    config.write_text(text, encoding="utf-8")
    action = project / "plan" / "actions" / "01-cafe.yaml"
    action.write_text(action.read_text(encoding="utf-8").replace("\nstatus: realisee\n", "\nstatus: realisee\nthemes: [animation-vie-sociale]\n"), encoding="utf-8")
    text = review(project, 2025, tmp_path / "out")
    assert "title: 'Bilan annuel 2025 de la convention territoriale globale'" in text
    assert headings(text) == [
        "Synthèse de l’année 2025",
        "Actions par champ thématique en 2025",
        "Indicateurs : résultats au regard des cibles",
        "Engagements des signataires",
        "Participation des habitants en 2025",
        "Comité de pilotage et comité technique",
        "Budget 2025 : prévu et réalisé",
        "Évolutions du projet en 2025",
        "Perspectives pour 2026",
    ]
    assert headings(section(text, "Actions par champ thématique en 2025"), 2) == ["Animation de la vie sociale"]


AGREEMENT = FIXTURES / "monitoring_baseline_before_period_delayed"


def test_review_status_and_check_agree_on_a_baseline_before_the_period_and_a_delayed_indicator(tmp_path):
    """The CTG of Val-Test (baseline of 2022, CNAF data two years late): the review of 2025, seen
    from 1 January 2026, says what `pst status --at 2026-01-01` and `pst check` say."""
    check = run_pst("check", AGREEMENT, "--format", "json")
    assert check.code == 0 and "indicators/measurement-outside-period" not in check.out  # the values of 2023–2024 are fine
    status = json.loads(run_pst("status", AGREEMENT, "--at", "2026-01-01", "--format", "json").out)
    assert status["late"] == []
    text = review(copy(AGREEMENT, tmp_path), 2025, tmp_path / "out")
    indicators = section(text, "Indicateurs : résultats au regard des cibles")
    assert "Aucune mesure en retard." in indicators  # as status
    assert "en retard**" not in indicators
    # The CNAF indicator: not late, and its next value dated as status dates it (« valeur au 31/12/2025, publiée le 31/12/2027 »).
    assert (
        "I-allocataires Familles allocataires bénéficiant de l’allocation de rentrée scolaire : publié 24 mois après sa date, "
        "il n’est pas en retard ; prochaine mesure attendue : la valeur du 31 décembre 2025, connue le 31 décembre 2027." in indicators
    )
    # The values measured before the period are the previous year's and the trend's.
    assert row(indicators, "**I-familles**")[1:4] == ["420", "446", "458"]


def test_the_review_takes_the_file_named_for_its_year_and_check_names_the_other(meaux, tmp_path):
    """A second file for 2025 (which sorts first) is not what the review prints; `pst check` says it is left out."""
    (meaux / "evaluation" / "reviews" / "2025-brouillon.yaml").write_text(
        "year: 2025\nhighlights: Brouillon abandonné, à ne pas imprimer.\n", encoding="utf-8"
    )
    markdown = review(meaux, 2025, tmp_path / "out")
    assert "Brouillon abandonné" not in markdown
    highlights = (meaux / "evaluation" / "reviews" / "2025.yaml").read_text(encoding="utf-8").split("highlights: |\n", 1)[1].split()
    assert " ".join(highlights[:4]) in markdown  # « Première année du projet »: the text of 2025.yaml
    check = run_pst("check", "--format", "json", meaux)
    found = [f for f in json.loads(check.out) if f["rule"] == "evaluation/review-year-mismatch"]
    assert [(Path(f["path"]).relative_to(meaux).as_posix(), f["line"]) for f in found] == [("evaluation/reviews/2025-brouillon.yaml", 1)]
    assert "evaluation/reviews/2025.yaml" in found[0]["message"]
