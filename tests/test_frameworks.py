"""Each kind of plan is checked against its own framework: renewal of a centre social, an
open-ended departmental PST, an ABS without action plan, the Meaux example's output/result
indicators, the sessions that count as concertation, rules that say their kinds."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import EXAMPLES, FIXTURES, copy_project, run_pst

from pst_cli.model.frameworks import ACTION_PLAN_KINDS
from pst_cli.rules import RULES

RENEWAL = FIXTURES / "renewal_centre_social"
DEPARTEMENTAL = FIXTURES / "departemental_open"
ABS = FIXTURES / "abs_diagnostic"
CTG = FIXTURES / "ctg_convention"


def findings(project: Path, *args: str) -> tuple[int, list[dict]]:
    # The conformity grids (`grid/…`) read these projects too; they have their own tests (test_grids.py).
    run = run_pst("check", "--format", "json", ".", "--ignore", "grid", *args, cwd=project)
    assert run.code in (0, 1), run.output
    return run.code, json.loads(run.out)


def line_of(path: Path, start: str) -> int:
    """The number of the line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


# Rules know the kinds of project ---------------------------------------------------------


def test_pst_rules_lists_the_kinds_each_rule_applies_to():
    run = run_pst("rules")
    assert run.code == 0, run.output
    table = {line.split()[0]: line for line in run.out.splitlines() if line.strip()}
    assert "centre-social, evs" in table["evaluation/renewal-without-evaluation"]
    assert " abs " in table["calendar/abs-year"] + " "
    assert "tous sauf abs" in table["plan/objective-without-indicator"]
    assert " tous " in table["references/unknown-id"]
    one = run_pst("rules", "means/director")
    assert "Projets concernés : centre-social." in one.out


def test_docs_rules_md_says_the_kinds_of_every_rule():
    text = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "| Règle | Gravité | Projets | Résumé |" in text
    assert text.count("Projets concernés") == len(RULES)


def test_every_action_plan_rule_leaves_the_abs_out():
    """A rule about objectives, indicators, actions or means never runs on a diagnostic-only kind."""
    families = ("plan/", "indicators/", "actions/", "means/", "family/")
    for rule in RULES:
        if rule.id.startswith(families) and rule.id not in ("plan/challenge-without-finding", "plan/too-many-challenges"):
            assert rule.kinds is not None and "abs" not in rule.kinds, rule.id
            assert rule.kinds <= ACTION_PLAN_KINDS, rule.id


# A centre social's renewal ----------------------------------------------------------------


def test_a_renewal_with_its_evaluation_checks_clean():
    code, found = findings(RENEWAL)
    assert code == 0
    assert found == []


def test_a_renewal_without_its_evaluation_fails_at_the_previous_project_line(tmp_path):
    project = copy_project(RENEWAL, tmp_path / "p")
    (project / "evaluation" / "previous.yaml").unlink()
    code, found = findings(project)
    assert code == 1
    errors = [f for f in found if f["severity"] == "error"]
    assert [(f["rule"], f["path"], f["line"]) for f in errors] == [
        ("evaluation/renewal-without-evaluation", "pst.yaml", line_of(project / "pst.yaml", "previous_project:"))
    ]
    assert "évaluation du projet précédent" in errors[0]["message"]
    assert "evaluation/previous.yaml" in errors[0]["hint"]
    text = run_pst("check", ".", cwd=project)
    assert text.code == 1
    assert f"pst.yaml:{errors[0]['line']}:" in text.out


def test_the_current_agrement_alone_makes_a_renewal(tmp_path):
    project = copy_project(RENEWAL, tmp_path / "p")
    (project / "evaluation" / "previous.yaml").unlink()
    config = project / "pst.yaml"
    config.write_text(re.sub(r"\nprevious_project: .*\n", "\n", config.read_text(encoding="utf-8")), encoding="utf-8")
    code, found = findings(project, "--select", "evaluation")
    assert code == 1
    assert [(f["path"], f["line"]) for f in found] == [("pst.yaml", line_of(config, "  current_end:"))]


def test_an_evaluation_without_judgements_does_not_carry_a_renewal(tmp_path):
    project = copy_project(RENEWAL, tmp_path / "p")
    (project / "evaluation" / "previous.yaml").write_text("project: Projet social 2021-2024\n", encoding="utf-8")
    code, found = findings(project, "--select", "evaluation/renewal-without-evaluation")
    assert code == 1
    assert "aucun jugement" in found[0]["message"]


def test_previous_project_is_a_text_not_an_identifier(tmp_path):
    project = copy_project(RENEWAL, tmp_path / "p")
    config = project / "pst.yaml"
    text = config.read_text(encoding="utf-8").replace("previous_project: Projet social 2021-2024", 'previous_project: "Contrat enfance jeunesse 2019-2022"')
    config.write_text(text, encoding="utf-8")
    code, found = findings(project)
    assert code == 0 and not [f for f in found if f["rule"].startswith("schema/")]


def test_the_renewal_document_has_the_evaluation_of_the_previous_project(tmp_path):
    run = run_pst("render", RENEWAL, "--to", "md", "-o", tmp_path, "--quiet")
    assert run.code == 0, run.output
    text = (tmp_path / "renewal_centre_social.md").read_text(encoding="utf-8")
    chapter = text[text.index("# Évaluation du projet précédent") : text.index("# Diagnostic partagé")]
    for words in ("Projet social 2021-2024", "Questions évaluatives", "Jugements et décisions", "abandonné", "maintenu", "modifié", "dont 22 habitants"):
        assert words in chapter.replace("\u202f", " ").replace("\u00a0", " "), words
    assert chapter.index("Questions évaluatives") < chapter.index("Jugements et décisions")


# An espace de vie sociale: agréé like a centre social, without its director and family rules ----


def test_an_evs_renewal_needs_its_evaluation_but_not_a_director_or_a_family_project(tmp_path):
    project = copy_project(RENEWAL, tmp_path / "p")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kind: centre-social", "kind: evs"), encoding="utf-8")
    (project / "plan" / "family.yaml").unlink()
    means = project / "means.yaml"
    means.write_text(means.read_text(encoding="utf-8").replace("    role: direction\n", ""), encoding="utf-8")
    code, found = findings(project)
    assert (code, found) == (0, [])
    (project / "evaluation" / "previous.yaml").unlink()
    code, found = findings(project)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("evaluation/renewal-without-evaluation", line_of(config, "previous_project:"))]


# A CTG: co-signatories, their commitments, thematic fields, yearly budget by funder ----------


def test_a_ctg_with_its_signatories_commitments_and_themes_checks_clean():
    code, found = findings(CTG)
    assert (code, found) == (0, [])


def test_a_ctg_signatory_without_commitment_and_a_theme_without_action_are_reported(tmp_path):
    project = copy_project(CTG, tmp_path / "p")
    governance = project / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    governance.write_text(text[: text.index("      - party: departement")], encoding="utf-8")
    (project / "plan" / "actions" / "02-acces-droits.yaml").unlink()
    _, found = findings(project)
    assert sorted(f["rule"] for f in found) == ["governance/party-without-commitment", "plan/theme-without-action"]


def test_a_ctg_longer_than_five_years_is_an_error(tmp_path):
    project = copy_project(CTG, tmp_path / "p")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("end: 2029-12-31", "end: 2030-12-31"), encoding="utf-8")
    code, found = findings(project, "--select", "calendar/duration")
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("calendar/duration", line_of(config, "  end:"))]
    assert "au plus 5 ans" in found[0]["message"]


def test_the_ctg_document_shows_commitments_themes_and_the_budget_by_funder(tmp_path):
    run = run_pst("render", CTG, "--to", "md", "-o", tmp_path, "--quiet")
    assert run.code == 0, run.output
    text = (tmp_path / "ctg_convention.md").read_text(encoding="utf-8").replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    governance = text[text.index("# Gouvernance et partenariats") :]
    assert (
        "[Caisse d'allocations familiales](#stakeholder-caf), [Ville de Ville-Test](#stakeholder-mairie), "
        "[Département](#stakeholder-departement) (signée le 12 décembre 2024" in governance
    )
    assert (
        "*[Ville de Ville-Test](#stakeholder-mairie)* : Ouvrir un lieu d'accueil enfants-parents et coordonner la convention. "
        "(95 000 €) — champs thématiques : parentalité" in governance
    )
    sheet = text[text.index("## FA-02") : text.index("# Moyens")]
    assert re.search(r"^[ |]*Champs thématiques[ |]+accès aux droits", sheet, re.MULTILINE)  # however Pandoc lays the table out
    means = text[text.index("# Moyens") : text.index("# Gouvernance")]
    funders = means[means.index("### Produits prévus par financeur") :]
    assert re.search(r"^[ |]*\[Ville de[ |]+54 000 €[ |]+56 000 €[ |]+110 000 €", funders, re.MULTILINE)
    assert re.search(r"^[ |]*2026[ |]+103 000 €", means, re.MULTILINE)


# A departmental PST, not limited in time ----------------------------------------------------


def test_a_departmental_pst_without_an_end_checks_clean():
    code, found = findings(DEPARTEMENTAL)
    assert code == 0
    assert [f for f in found if f["severity"] in ("error", "warning")] == []


def test_a_departmental_pst_without_an_end_renders(tmp_path):
    run = run_pst("render", DEPARTEMENTAL, "--to", "md,docx", "-o", tmp_path, "--quiet")
    assert run.code == 0, run.output
    text = (tmp_path / "departemental_open.md").read_text(encoding="utf-8")
    assert "À partir du 1er janvier 2025, sans terme" in text.replace("\u202f", " ")
    assert "Référents des institutions" in text and "Démarches articulées au projet" in text
    assert (tmp_path / "departemental_open.docx").stat().st_size > 5000


def test_only_a_departmental_pst_may_leave_its_period_open(tmp_path):
    project = copy_project(DEPARTEMENTAL, tmp_path / "p")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kind: departemental", "kind: pst"), encoding="utf-8")
    code, found = findings(project)
    assert code == 1
    assert [f["rule"] for f in found if f["severity"] == "error"] == ["calendar/period-without-end"]


def test_a_date_before_an_open_period_says_so(tmp_path):
    project = copy_project(DEPARTEMENTAL, tmp_path / "p")
    action = project / "plan" / "actions" / "01-projet-commun.yaml"
    action.write_text(action.read_text(encoding="utf-8") + "start: 2024-06-01\n", encoding="utf-8")
    _, found = findings(project, "--select", "calendar/action-outside-period")
    assert [f["message"] for f in found] == ["action « FA-01 » : date 2024-06-01 avant le début du projet le 2025-01-01"]


def test_every_year_of_a_departmental_pst_needs_its_conference(tmp_path):
    project = copy_project(DEPARTEMENTAL, tmp_path / "p")
    governance = project / "governance.yaml"
    governance.write_text(governance.read_text(encoding="utf-8").replace("      - date: 2026-11-19\n", ""), encoding="utf-8")
    _, found = findings(project, "--select", "governance/yearly-conference")
    assert [f["message"] for f in found] == ["aucune conférence sociale locale en 2026 (instance « conference-sociale »)"]


# An ABS is a diagnostic ------------------------------------------------------------------


def test_an_abs_gets_no_action_plan_findings():
    code, found = findings(ABS)
    assert code == 0
    assert found == []


def test_the_same_project_as_a_town_plan_gets_action_plan_findings(tmp_path):
    project = copy_project(ABS, tmp_path / "p")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kind: abs", "kind: pst"), encoding="utf-8")
    _, found = findings(project)
    families = {f["rule"].split("/")[0] for f in found}
    assert {"plan", "indicators", "actions"} <= families


def test_an_abs_outside_the_year_after_the_elections_is_reported(tmp_path):
    project = copy_project(ABS, tmp_path / "p")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("adopted: 2021-06-24", "adopted: 2023-06-22"), encoding="utf-8")
    _, found = findings(project, "--select", "calendar/abs-year")
    assert [f["message"] for f in found] == [
        "ABS présentée en 2023 : elle est attendue l'année qui suit les élections municipales, soit en 2027 (élections de 2026)"
    ]


# Meaux: still the seed's plan, with its means and its family project --------------------------

# The nine indicators of seed 003 that count activities done, as the Meaux example writes them.
MEAUX_ACTIVITY_COUNTS = {
    "I-A1.OG1-1": "Nombre d'animations de quartier réalisées",
    "I-A1.OG2-1": "Nombre d'animations et de services proposés sur la structure",
    "I-A1.OG3-2": "Nombre de temps d'échanges organisés avec les partenaires",
    "I-A2.OG1-3": "Nombre d'actions et de services créés",
    "I-A2.OG2-2": "Nombre de projets réalisés avec les habitants",
    "I-A2.OG3-2": "Nombre de temps de formation proposés à l'équipe",
    "I-A3.OG1-1": "Nombre d'instances de concertation des habitants créées",
    "I-A3.OG2-1": "Nombre d'actions «\u00a0hors les murs\u00a0» réalisées sur les différents quartiers",
    "I-A3.OG3-3": "Nombre de collectifs créés",
}


def test_meaux_keeps_the_seed_plan_and_its_result_indicators():
    import yaml

    axes = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((EXAMPLES / "meaux" / "plan" / "axes").glob("*.yaml"))]
    generals = [general for axis in axes for general in axis["general_objectives"]]
    operationals = [operational for general in generals for operational in general["operational_objectives"]]
    indicators = {indicator["id"]: indicator for operational in operationals for indicator in operational["indicators"]}
    assert (len(axes), len(generals), len(operationals), len(indicators)) == (3, 9, 27, 27)
    assert {indicator["type"] for indicator in indicators.values()} == {"resultat"}
    assert {key: indicators[key]["label"] for key in MEAUX_ACTIVITY_COUNTS} == MEAUX_ACTIVITY_COUNTS


def test_meaux_activity_counts_get_the_output_result_info():
    _, found = findings(EXAMPLES / "meaux", "--select", "indicators/output-typed-as-result")
    assert {f["severity"] for f in found} == {"info"}
    assert sorted(f["entity"] for f in found) == sorted(MEAUX_ACTIVITY_COUNTS)
    first = next(f for f in found if f["entity"] == "I-A1.OG1-1")
    assert first["message"] == "« I-A1.OG1-1 » compte des activités réalisées (« Nombre d'animations de quartier réalisées ») mais est typé `resultat`"
    assert first["hint"].startswith("Typez-le `realisation`")


def test_meaux_has_its_means_and_family_project_and_no_error():
    code, found = findings(EXAMPLES / "meaux")
    assert code == 0
    rules = {f["rule"] for f in found}
    assert not rules & {"means/director", "means/family-referent", "family/no-family-project", "means/feasibility"}
    assert (EXAMPLES / "meaux" / "means.yaml").read_text(encoding="utf-8").count("illustrative: true") >= 6
    assert "illustrative: true" in (EXAMPLES / "meaux" / "plan" / "family.yaml").read_text(encoding="utf-8")


def test_meaux_document_has_the_new_chapters(tmp_path):
    run = run_pst("render", EXAMPLES / "meaux", "--to", "md", "-o", tmp_path, "--quiet")
    assert run.code == 0, run.output
    text = (tmp_path / "meaux.md").read_text(encoding="utf-8").replace("\u2019", "'")  # typographic apostrophes in the .md
    order = [text.index(f"# {title}\n") for title in ("Axes et objectifs", "Missions de la CNAF", "Fiches actions", "Projet famille", "Moyens")]
    assert order == sorted(order)
    means = text[text.index("# Moyens\n") :]
    for words in ("Personnel", "Budget par année", "Produits prévus par financeur", "Prestations de service CAF", "(AGC)", "Fonction d'accueil"):
        assert words in means, words


# The sentence that counts the concertation sessions --------------------------------------------


def test_the_concertation_count_leaves_out_follow_up_training_and_planned_sessions(meaux):
    for name, phase, day in (("suivi", "suivi", "2025-03-04"), ("formation", "formation", "2024-05-14"), ("futur", "diagnostic", "2030-05-14")):
        (meaux / "workshops" / f"{day}-{name}.yaml").write_text(
            f"id: {day}-{name}\ntitle: Séance {name}\nphase: {phase}\ndate: {day}\nparticipants:\n  counts:\n    habitant: 30\n",
            encoding="utf-8",
        )
    out = meaux.parent / "out"
    run = run_pst("render", meaux, "--to", "md", "-o", out, "--quiet")
    assert run.code == 0, run.output
    text = (out / f"{meaux.name}.md").read_text(encoding="utf-8").replace("\u202f", " ")
    assert "au cours de 4 temps de concertation, qui ont réuni 149 participations" in text


# pst add for the structure's means and the evaluation ----------------------------------------


def test_pst_add_writes_staff_budget_lines_and_judgements(tmp_path):
    import yaml

    project = copy_project(RENEWAL, tmp_path / "p")
    steps = [
        ("staff", "--function", "Chargée d'accueil", "--role", "accueil", "--fte", "1", "--qualification-level", "4", "--funder", "mairie"),
        ("income", "--year", "2026", "--label", "Subvention de la ville", "--amount", "120000", "--funder", "mairie", "--type", "subvention"),
        ("expense", "--year", "2025", "--label", "Personnel", "--amount", "200000", "--category", "personnel"),
        ("judgement", "--subject", "Atelier couture", "--decision", "maintenu", "--reason", "Très fréquenté"),
    ]
    for args in steps:
        run = run_pst("add", *args, project)
        assert run.code == 0, run.output
    means = yaml.safe_load((project / "means.yaml").read_text(encoding="utf-8"))
    assert means["staff"][-1] == {"id": "chargee-d-accueil", "function": "Chargée d'accueil", "role": "accueil", "fte": 1.0, "qualification_level": 4, "funder": "mairie"}
    assert [year["year"] for year in means["budget"]] == [2025, 2026]  # the new years in order
    assert means["budget"][0]["expenses"] == [{"label": "Personnel", "category": "personnel", "forecast": 200000.0}]
    assert means["budget"][1]["income"][0]["funder"] == "mairie"
    previous = yaml.safe_load((project / "evaluation" / "previous.yaml").read_text(encoding="utf-8"))
    assert previous["judgements"][-1] == {"subject": "Atelier couture", "decision": "maintenu", "reason": "Très fréquenté"}
    assert run_pst("check", project).code == 0
    assert "# The evaluation of the previous project, as data" in (project / "evaluation" / "previous.yaml").read_text(encoding="utf-8")


def test_pst_add_refuses_a_budget_line_of_an_unknown_funder(tmp_path):
    project = copy_project(RENEWAL, tmp_path / "p")
    before = (project / "means.yaml").read_text(encoding="utf-8")
    run = run_pst("add", "income", "--year", "2025", "--label", "Mécénat", "--amount", "500", "--funder", "fondation", project)
    assert run.code == 1
    assert "fondation" in run.output
    assert (project / "means.yaml").read_text(encoding="utf-8") == before


def test_pst_add_staff_keeps_the_comments_after_the_staff_list_where_they_were(tmp_path):
    """The skeleton's commented `volunteers:`/`opening:` lines follow the staff list; a new
    post goes above them, and they stay at the top level, ready to be uncommented."""
    project = tmp_path / "p"
    init = run_pst("init", project, "--method", "centre-social", "--title", "PS", "--structure", "CS", "--territory", "V", "--start", "2026-01-05")
    assert init.code == 0, init.output
    run = run_pst("add", "staff", "--function", "Chargée d'accueil", "--role", "accueil", "--fte", "1", project)
    assert run.code == 0, run.output
    lines = (project / "means.yaml").read_text(encoding="utf-8").splitlines()
    assert lines.index("# volunteers: {activities: 0, governance: 0}") > lines.index("    function: Chargée d'accueil")
    assert not [line for line in lines if line.lstrip().startswith("# volunteers") and line != "# volunteers: {activities: 0, governance: 0}"]
