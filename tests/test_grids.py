"""Conformity grids: `pst grid` answers a framework's criteria with the places of the project
that answer them, a project can bring its own grid, and `pst check` reports unmet criteria."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FIXTURES, copy_project, run_pst, words


def grid_json(*args: str | Path) -> dict:
    run = run_pst("grid", "--format", "json", *args)
    assert run.code == 0, run.output
    return json.loads(run.out)


def statuses(data: dict) -> dict[str, str]:
    return {criterion["id"]: criterion["status"] for criterion in data["criteria"]}


def remove_top_level_block(path: Path, key: str) -> None:
    """Drop `key:` and its indented lines from a YAML file (the comments above it stay)."""
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and line.strip() and not line.startswith((" ", "#")):
            skipping = False
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def test_pst_grid_on_meaux_lists_the_8_caf_criteria_each_traced_to_its_files():
    data = grid_json(EXAMPLES / "meaux")
    assert data["grid"]["id"] == "caf-agrement-centre-social"
    assert list(statuses(data)) == [str(number) for number in range(1, 9)]
    assert set(statuses(data).values()) <= {"satisfait", "partiel", "absent"}
    for criterion in data["criteria"]:
        # every status has its reasons: the places found, or what is missing, or findings against it
        assert criterion["found"] or criterion["missing"] or criterion["against"], criterion["id"]
        for found in criterion["found"]:
            for place in found["places"]:
                lines = (EXAMPLES / "meaux" / place["file"]).read_text(encoding="utf-8").splitlines()
                assert 1 <= place["line"] <= len(lines), (criterion["id"], place)
        for against in criterion["against"]:
            assert (EXAMPLES / "meaux" / against["file"]).is_file()
    director = next(c for c in data["criteria"] if c["id"] == "8")
    assert director["status"] == "satisfait"
    means = (EXAMPLES / "meaux" / "means.yaml").read_text(encoding="utf-8").splitlines()
    places = {found["path"]: found["places"][0] for found in director["found"]}
    assert places["means.staff[role=direction]"]["file"] == "means.yaml"
    assert "id: direction" in means[places["means.staff[role=direction]"]["line"] - 1]
    assert "qualification_level: 6" in means[places["means.staff[role=direction].qualification_level"]["line"] - 1]
    assert "fte: 1" in means[places["means.staff[role=direction].fte"]["line"] - 1]


def test_pst_grid_text_says_status_place_and_what_to_fill():
    run = run_pst("grid", EXAMPLES / "meaux")
    assert run.code == 0, run.output
    text = words(run.out)
    assert "8. Qualification et temps de travail du directeur : satisfait" in text
    assert "trouvé : means.staff[role=direction] — means.yaml:14" in text
    assert re.search(r"Bilan : \d+ critères? satisfaits?, \d+ partiels?, \d+ absents?\.", text)


def test_removing_the_staff_table_turns_criterion_8_absent_and_says_where_to_write_it(meaux):
    remove_top_level_block(meaux / "means.yaml", "staff")
    data = grid_json(meaux)
    director = next(c for c in data["criteria"] if c["id"] == "8")
    assert director["status"] == "absent"
    assert {"path": "means.staff[role=direction]", "file": "means.yaml"} in director["missing"]
    assert run_pst("grid", "--strict", meaux).code == 1
    check = run_pst("check", "--format", "json", "--select", "grid", meaux)
    findings = json.loads(check.out)
    absent = [f for f in findings if f["rule"] == "grid/absent"]
    assert any("critère 8" in words(f["message"]) for f in absent)
    assert any("means.staff[role=direction]" in f["hint"] for f in absent)


def test_pst_grid_exits_0_without_strict_even_with_absent_criteria():
    run = run_pst("grid", FIXTURES / "grid_caf-agrement-centre-social")
    assert run.code == 0, run.output
    assert run_pst("grid", "--strict", FIXTURES / "grid_caf-agrement-centre-social").code == 1


SHIPPED = {
    "caf-agrement-centre-social": {"8": "satisfait", "5": "partiel", "1": "absent"},
    "caf-agrement-2026": {"procedure-unique": "satisfait", "5": "partiel", "volet-familles": "absent"},
    "caf-agrement-evs": {"moyens": "satisfait", "gouvernance": "partiel", "participation": "absent"},
    "abs": {"territoire": "satisfait", "rapport": "partiel", "diagnostic": "absent"},
    "ctg": {"champs": "satisfait", "pilotage": "partiel", "evaluation": "absent"},
    "contrat-de-ville-2024": {"quartiers": "satisfait", "pilotage": "partiel", "participation": "absent"},
    "pst-departemental": {"formation": "satisfait", "concertation": "partiel", "convention": "absent"},
}


@pytest.mark.parametrize("grid_id", SHIPPED)
def test_each_shipped_grid_has_a_fixture_with_a_status_of_each_kind(grid_id):
    data = grid_json("--grid", grid_id, FIXTURES / f"grid_{grid_id}")
    got = statuses(data)
    assert {criterion: got[criterion] for criterion in SHIPPED[grid_id]} == SHIPPED[grid_id]


def test_every_shipped_grid_is_sourced_and_names_registered_rules_and_real_fields():
    from pst_cli.grids import shipped
    from pst_cli.model.grid import path_problem
    from pst_cli.rules import RULES_BY_ID

    grids = shipped()
    assert set(SHIPPED) == set(grids)
    assert len(grids["caf-agrement-centre-social"].criteria) == 8
    for grid in grids.values():
        assert grid.sources and all(source.title for source in grid.sources)
        for criterion in grid.criteria:
            assert all(rule in RULES_BY_ID for rule in criterion.rules), (grid.id, criterion.id)
            assert all(path_problem(path) is None for path in criterion.evidence)
    provisional = grids["caf-agrement-2026"]
    assert provisional.provisional and any(c.provisional for c in provisional.criteria)
    assert not any(c.provisional for c in grids["caf-agrement-centre-social"].criteria)


def test_the_default_grid_follows_the_kind_and_the_provisional_2026_grid_says_so():
    assert grid_json(FIXTURES / "grid_abs")["grid"]["id"] == "abs"
    assert grid_json(FIXTURES / "grid_ctg")["grid"]["id"] == "ctg"
    run = run_pst("grid", "--grid", "caf-agrement-2026", FIXTURES / "grid_caf-agrement-2026")
    text = words(run.out)
    assert "Grille provisoire" in text
    assert "Volet familles obligatoire à partir de 2027 (provisoire) : absent" in text


def test_an_unknown_grid_id_suggests_the_closest():
    run = run_pst("grid", "--grid", "caf-agrement-centre-socail", EXAMPLES / "meaux")
    assert run.code == 2
    assert "caf-agrement-centre-social" in run.err
    assert "Traceback" not in run.output


def test_a_project_grid_with_a_misspelt_field_path_is_refused_where_it_is_written(tmp_path):
    project = copy_project(FIXTURES / "rule_grid_absent", tmp_path / "p")
    grid = project / "grids" / "referentiel-local.yaml"
    grid.write_text(grid.read_text(encoding="utf-8").replace("[means.staff, means.budget]", "[means.staf, means.budget]"), encoding="utf-8")
    line = next(n for n, text in enumerate(grid.read_text(encoding="utf-8").splitlines(), 1) if "means.staf," in text)
    run = run_pst("grid", project)
    assert run.code == 1, run.output
    text = words(run.output)
    assert f"grids/referentiel-local.yaml:{line}:" in text
    assert "« staf » n'est pas un champ" in text and "vouliez-vous dire « staff » ?" in text
    assert "Traceback" not in run.output


def test_a_misspelt_filter_value_suggests_the_allowed_value(tmp_path):
    project = copy_project(FIXTURES / "rule_grid_absent", tmp_path / "p")
    grid = project / "grids" / "referentiel-local.yaml"
    grid.write_text(grid.read_text(encoding="utf-8").replace("category=elu", "category=elus"), encoding="utf-8")
    run = run_pst("check", project)
    assert run.code == 1
    assert "vouliez-vous dire « elu » ?" in words(run.output)


def test_a_project_grid_is_read_by_pst_grid_and_its_criteria_point_to_the_grid_file():
    data = grid_json("--grid", "referentiel-local", FIXTURES / "rule_grid_absent")
    assert data["grid"]["origin"] == "grids/referentiel-local.yaml"
    assert statuses(data) == {"acteurs": "satisfait", "moyens": "absent", "ville": "partiel", "plan": "satisfait"}


def test_grid_rules_are_configurable_like_the_others(tmp_path):
    project = copy_project(FIXTURES / "rule_grid_absent", tmp_path / "p")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "checks:\n  severity:\n    grid/absent: error\n", encoding="utf-8")
    findings = json.loads(run_pst("check", "--format", "json", "--select", "grid", project).out)
    assert {f["severity"] for f in findings if f["rule"] == "grid/absent"} == {"error"}
    assert run_pst("check", "--select", "grid", project).code == 1
    assert run_pst("check", "--ignore", "grid", "--select", "grid/absent", project).code == 0


def test_markdown_and_english_outputs():
    md = run_pst("grid", "--format", "md", EXAMPLES / "meaux").out
    assert "| Critère | Statut | Où le projet y répond |" in md
    assert md.count("\n| ") >= 9
    english = run_pst("--lang", "en", "grid", FIXTURES / "grid_caf-agrement-centre-social")
    assert english.code == 0, english.output
    assert "8. Qualification et temps de travail du directeur: met" in english.out
    assert "Summary:" in english.out


def test_a_kind_without_a_grid_asks_for_one():
    run = run_pst("grid", EXAMPLES / "questembert")
    assert run.code == 2
    assert "--grid" in run.err and "caf-agrement-centre-social" in run.err


def test_docs_grids_md_is_up_to_date():
    from pst_cli.grids.reference import render
    from tests.conftest import REPO

    assert (REPO / "docs" / "grids.md").read_text(encoding="utf-8") == render(), "run: python -m pst_cli.grids.reference docs/grids.md"


def test_the_html_document_links_each_criterion_of_its_reading_grid_to_its_chapter(tmp_path):
    run = run_pst("render", "--to", "html", "--public", "--out", tmp_path, "--quiet", EXAMPLES / "meaux")
    assert run.code == 0, run.output
    html = (tmp_path / "meaux.html").read_text(encoding="utf-8")
    appendix = html[html.index('id="grille-de-lecture"') :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", appendix, flags=re.S)[1:9]
    assert len(rows) == 8
    ids = set(re.findall(r'id="([^"]+)"', html))
    for row in rows:
        links = re.findall(r'href="#([^"]+)"', row)
        assert links and all(link in ids for link in links), row
    assert "Qualification et temps de travail du directeur" in appendix


def test_render_grid_picks_another_grid_and_a_kind_without_grid_has_no_appendix(tmp_path):
    run = run_pst("render", "--to", "md", "--grid", "caf-agrement-2026", "--out", tmp_path, "--quiet", EXAMPLES / "meaux")
    assert run.code == 0, run.output
    text = words((tmp_path / "meaux.md").read_text(encoding="utf-8"))
    assert "# Grille de lecture" in text
    assert "Volet familles" in text and "(provisoire)" in text  # a table cell: its words wrap
    assert "Grille provisoire" in text
    run = run_pst("render", "--to", "md", "--out", tmp_path / "q", "--quiet", EXAMPLES / "questembert")
    assert run.code == 0, run.output
    assert "Grille de lecture" not in (tmp_path / "q" / "questembert.md").read_text(encoding="utf-8")
