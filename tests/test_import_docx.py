"""`pst import docx`: a projet social written in Word becomes a project that `pst check` reads.

Two proofs: the document `pst render` writes for Meaux comes back as the same plan, and a
document written by LibreOffice in the layout of the Meaux seed (merged cells, soft line
breaks, « - » typed as bullets) imports to a project that checks clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, FIXTURES, run_pst

from pst_cli.project.load import open_project

WORD = FIXTURES / "word"


def words(text: str) -> str:
    """A label as a reader reads it: the no-break spaces of French typography are spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def plan_of(root: Path) -> list[tuple]:
    """Axes, general objectives (with their examples), operational objectives and their indicators, in order."""
    project = open_project(root)
    rows = []
    for axis in project.axes:
        rows.append(("axe", axis.id, words(axis.title)))
        for general in axis.general_objectives:
            rows.append(("objectif général", general.id, words(general.title), tuple(map(words, general.examples))))
            for operational in general.operational_objectives:
                rows.append(("objectif opérationnel", operational.id, words(operational.title)))
                rows += [("indicateur", i.id, words(i.label)) for i in operational.indicators]
            rows += [("indicateur de l'objectif général", i.id, words(i.label)) for i in general.indicators]
    return rows


@pytest.fixture(scope="module")
def meaux_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("render")
    run = run_pst("render", EXAMPLES / "meaux", "--to", "docx", "-o", out, "--quiet")
    assert run.code == 0, run.output
    return out / "meaux.docx"


@pytest.fixture(scope="module")
def meaux_imported(meaux_docx, tmp_path_factory) -> tuple[Path, object]:
    target = tmp_path_factory.mktemp("import") / "meaux-importe"
    run = run_pst("import", "docx", meaux_docx, target)
    return target, run


def test_the_meaux_document_comes_back_as_the_same_plan(meaux_imported):
    target, run = meaux_imported
    assert run.code == 0, run.output
    original, imported = plan_of(EXAMPLES / "meaux"), plan_of(target)
    assert len(imported) == len(original) == 67
    assert imported == original


def test_the_meaux_document_keeps_indicator_targets_actions_and_enjeux(meaux_imported):
    target, _ = meaux_imported
    original, imported = open_project(EXAMPLES / "meaux"), open_project(target)
    first = imported.axes[0].general_objectives[0].operational_objectives[0].indicators[0]
    assert (first.unit, first.baseline.value, first.target.value, first.target.date.isoformat(), first.frequency) == (
        "animations", 4, 20, "2028-12-31", "annuelle")
    assert [a.title for a in imported.actions] == [a.title for a in original.actions]
    assert [a.objectives for a in imported.actions] == [a.objectives for a in original.actions]
    assert [(a.start, a.end, a.status) for a in imported.actions] == [(a.start, a.end, a.status) for a in original.actions]
    kept = sorted((c for c in original.challenges if c.status == "retenu"), key=lambda c: (c.priority or 10_000, c.id))
    assert [words(c.label) for c in imported.challenges] == [words(c.label) for c in kept]  # in the document's order (by priority)
    config = yaml.safe_load((target / "pst.yaml").read_text(encoding="utf-8"))
    assert (config["kind"], config["structure"]["name"], config["territory"]["name"]) == ("centre-social", "Centre social de Meaux", "Meaux")
    assert (str(config["period"]["start"]), str(config["period"]["end"])) == ("2025-01-01", "2028-12-31")


def test_the_imported_meaux_project_checks_without_errors(meaux_imported):
    target, _ = meaux_imported
    run = run_pst("check", target)
    assert run.code == 0, run.output
    assert " 0 erreur" in run.out


def test_the_report_says_where_each_piece_of_the_document_went(meaux_imported):
    _, run = meaux_imported
    report = run.out
    assert "Ce que contenait meaux.docx :" in report
    assert "tableau 6 : axe A1 « Identifier le centre social comme lieu ressource des politiques territoriales » → plan/axes/1-identifier-le-centre-social.yaml : 3 objectifs généraux, 9 objectifs opérationnels, 10 indicateurs, 4 exemples" in report
    assert "liste des enjeux → plan/challenges.yaml : 4 enjeux (E1–E4)" in report
    assert "texte « Éditorial » → sections/01-editorial.md" in report
    assert "images non reprises" in report  # the figures of pst: said, not silently dropped
    assert "aucune erreur" in report


def test_a_plan_written_with_libreoffice_imports_to_a_project_that_checks_clean(tmp_path):
    target = tmp_path / "tilleuls"
    run = run_pst("import", "docx", WORD / "plan-tilleuls.docx", target)
    assert run.code == 0, run.output
    check = run_pst("check", target)
    assert check.code == 0 and " 0 erreur" in check.out, check.output
    project = open_project(target)
    first, second = project.axes
    assert first.title == "Faire du centre social un lieu ouvert à tous"  # « AXE I » then its title in capitals
    assert [g.title for g in first.general_objectives] == [
        "Aller vers les habitants", "Proposer des activités pour tous les âges", "Faire connaître le centre social"]
    going = first.general_objectives[0]
    # « -Tenir des permanences dans les quartiers.<br>-S'associer… » : one objective per typed bullet, full stop dropped
    assert [(o.id, o.title, [i.label for i in o.indicators]) for o in going.operational_objectives] == [
        ("A1.OG1.OO1", "Tenir des permanences dans les quartiers", ["Nombre de permanences tenues"]),
        ("A1.OG1.OO2", "S'associer aux fêtes municipales", ["Nombre de fêtes auxquelles le centre a participé"]),
        ("A1.OG1.OO3", "Créer des temps de convivialité", ["Nombre de participants aux temps de convivialité (estimation)"]),
    ]
    assert going.examples == ["Café des parents devant l'école.", "Goûter de rentrée."]
    assert second.title == "Renforcer les liens entre les habitants"  # a row merged across the table
    meeting, initiatives, _ = second.general_objectives
    assert [i.label for i in meeting.indicators] == ["Nombre de fêtes de quartier", "Nombre d'habitants bénévoles"]  # 2 for 1: not paired
    assert meeting.examples == initiatives.examples == ["Fête des voisins.", "Projet de jardin partagé porté par des habitants."]
    assert [c.label for c in project.challenges][0] == "Rompre l'isolement des habitants âgés et des familles arrivées récemment"
    poverty = next(d for d in project.context_indicators if d.label == "Taux de pauvreté")
    assert (poverty.value, poverty.unit, poverty.year, poverty.territory, [(c.territory, c.value) for c in poverty.comparisons]) == (
        21.5, "%", 2021, "Commune", [("Département", 13.2)])
    (action,) = project.actions
    assert (action.id, action.title, action.objectives, action.publics) == (
        "FA-01", "Café des parents", ["A1.OG1.OO3", "A1.OG1.OO1"], ["Parents", "enfants de moins de 6 ans"])
    assert (action.start.isoformat(), action.end.isoformat(), [i.label for i in action.indicators]) == (
        "2026-09-01", "2029-06-30", ["Nombre de cafés des parents", "Nombre de parents venus"])


def test_what_pst_cannot_structure_is_kept_as_chapters_in_order(tmp_path):
    target = tmp_path / "tilleuls"
    run = run_pst("import", "docx", WORD / "plan-tilleuls.docx", target)
    assert run.code == 0, run.output
    config = yaml.safe_load((target / "pst.yaml").read_text(encoding="utf-8"))
    assert config["sections"] == [
        {"file": "sections/01-le-mot-du-president.md", "before": "diagnostic"},
        {"file": "sections/02-diagnostic-partage.md", "before": "diagnostic"},
        {"file": "sections/03-faire-du-centre-social-un-lieu.md", "before": "plan"},
        {"file": "sections/04-evaluation.md", "after": "actions"},
    ]
    assert "Un comité d'évaluation se réunira chaque année" in (target / "sections/04-evaluation.md").read_text(encoding="utf-8")
    assert "§ 12 : texte « Faire du centre social un lieu ouvert à tous (suite) » → sections/03-faire-du-centre-social-un-lieu.md" in run.out
    rendered = run_pst("render", target, "--to", "md", "--quiet")
    assert rendered.code == 0, rendered.output


def test_objectives_laid_out_by_column_with_merged_cells_are_read(tmp_path):
    """The other common layout: labels in the header, one row per operational objective, the general objective merged down."""
    import pypandoc

    source = tmp_path / "colonnes.docx"
    pypandoc.convert_text(
        """# Axe 1 : Vivre ensemble

+------------------------+-----------------------------+---------------------------------+
| Objectif général       | Objectifs opérationnels     | Indicateurs                     |
+========================+=============================+=================================+
| Rompre l'isolement     | Créer un café des seniors   | Nombre de cafés                 |
|                        +-----------------------------+---------------------------------+
|                        | Organiser des visites       | Nombre de visites               |
+------------------------+-----------------------------+---------------------------------+
| Soutenir les familles  | Ouvrir un lieu d'accueil    | Nombre de familles accueillies  |
+------------------------+-----------------------------+---------------------------------+
""",
        "docx", format="markdown", outputfile=str(source), extra_args=["--sandbox"],
    )
    run = run_pst("import", "docx", source, tmp_path / "projet")
    assert run.code == 0, run.output
    (axis,) = open_project(tmp_path / "projet").axes
    assert axis.title == "Vivre ensemble"
    assert [(g.title, [(o.title, [i.label for i in o.indicators]) for o in g.operational_objectives]) for g in axis.general_objectives] == [
        ("Rompre l'isolement", [("Créer un café des seniors", ["Nombre de cafés"]), ("Organiser des visites", ["Nombre de visites"])]),
        ("Soutenir les familles", [("Ouvrir un lieu d'accueil", ["Nombre de familles accueillies"])]),
    ]


def test_a_folder_that_holds_something_is_refused(tmp_path):
    target = tmp_path / "existant"
    target.mkdir()
    (target / "notes.txt").write_text("à garder", encoding="utf-8")
    run = run_pst("import", "docx", WORD / "plan-tilleuls.docx", target)
    assert run.code == 2
    assert "n'est pas vide : rien n'a été écrit" in run.err
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no hidden half-built project left behind
