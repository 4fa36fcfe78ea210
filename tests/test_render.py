"""`pst render`: the examples become documents a reader can use, and project text stays data."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypandoc
import pytest
from conftest import EXAMPLES, FIXTURES, copy_project, run_pst
from pypdf import PdfReader

ALL = "docx,odt,pdf,html,md"
INJECTION = FIXTURES / "render_injection"


def normalise(text: str) -> str:
    """Text as a reader compares it: one kind of space and apostrophe, no line-end hyphenation."""
    text = text.replace("\u2019", "'").replace("\u00ad", "")
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def squash(text: str) -> str:
    """Letters only: a word cut at the end of a PDF line (« co-/construction ») still matches."""
    return re.sub(r"[\s\-\u00ad]", "", normalise(text))


def plan_labels(project: Path) -> list[str]:
    """Every axis, general objective, operational objective and indicator label of a project."""
    from pst_cli.project.load import load_project

    loaded = load_project(project)
    assert loaded.project is not None
    labels = []
    for axis in loaded.project.axes:
        labels.append(axis.title)
        for general in axis.general_objectives:
            labels.append(general.title)
            for operational in general.operational_objectives:
                labels.append(operational.title)
                labels += [indicator.label for indicator in operational.indicators]
            labels += [indicator.label for indicator in general.indicators]
    return labels


EXAMPLE_NAMES = [name for name in ("meaux", "questembert") if (EXAMPLES / name / "pst.yaml").is_file()]


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def rendered(request, tmp_path_factory) -> tuple[Path, Path]:
    """An example rendered once to every format: (project folder, output folder)."""
    project = EXAMPLES / request.param
    out = tmp_path_factory.mktemp(f"render-{request.param}")
    result = run_pst("render", project, "--to", ALL, "-o", out, "--quiet")
    assert result.code == 0, result.output
    return project, out


def test_example_renders_to_every_format(rendered):
    project, out = rendered
    for extension in ALL.split(","):
        document = out / f"{project.name}.{extension}"
        assert document.is_file() and document.stat().st_size > 1000, document
    assert not list(out.glob(".*.tmp")), "no temporary file is left behind"


def test_pdf_is_tagged_and_declares_pdf_ua_and_pdf_a(rendered):
    project, out = rendered
    reader = PdfReader(out / f"{project.name}.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith(("fr", "en"))
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), "PDF/UA-1 declared"
    assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(r"pdfaid:conformance(>|=\")A", xmp), "PDF/A-2a declared"
    assert reader.metadata.title, "the document has a title"


def test_pdf_text_has_every_plan_label_and_page_numbers(rendered):
    project, out = rendered
    reader = PdfReader(out / f"{project.name}.pdf")
    text = normalise("\n".join(page.extract_text() for page in reader.pages))
    missing = [label for label in plan_labels(project) if squash(label) not in squash(text)]
    assert not missing
    pages = len(reader.pages)
    assert f"2 / {pages - 1}" in text, "pages are numbered « N / M » after the cover"


def test_docx_read_back_has_every_plan_label(rendered):
    project, out = rendered
    text = normalise(pypandoc.convert_file(str(out / f"{project.name}.docx"), "plain", extra_args=["--wrap=none"]))
    missing = [label for label in plan_labels(project) if normalise(label) not in text]
    assert not missing


def test_docx_pages_are_numbered_n_of_m(rendered):
    """Word shows « N / M » at the foot of every page: PAGE and NUMPAGES fields in the footer."""
    project, out = rendered
    with zipfile.ZipFile(out / f"{project.name}.docx") as document:
        body = document.read("word/document.xml").decode("utf-8")
        footers = [document.read(name).decode("utf-8") for name in document.namelist() if name.startswith("word/footer")]
    assert "<w:footerReference" in body
    assert any(" PAGE " in footer and " NUMPAGES " in footer for footer in footers)


def test_html_is_one_self_contained_file(rendered):
    project, out = rendered
    html = (out / f"{project.name}.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert re.search(r'src="data:image/(png|svg\+xml);base64,', html), "figures are embedded"
    assert re.search(r'<img\s[^>]*alt="[^"]{20,}', html), "figures carry an alternative text"


def test_template_syntax_in_a_title_prints_as_typed(tmp_path):
    result = run_pst("render", INJECTION, "--to", "html,md,docx", "-o", tmp_path, "--quiet")
    assert result.code == 0, result.output
    html = (tmp_path / "render_injection.html").read_text(encoding="utf-8")
    assert "Projet {{ 7*7 }} de Testville" in html
    assert "Projet 49" not in html
    docx = pypandoc.convert_file(str(tmp_path / "render_injection.docx"), "plain", extra_args=["--wrap=none"])
    assert "{% raw %}{{ 7*7 }}{% endraw %}" in docx


def test_raw_html_in_a_description_never_reaches_the_html(tmp_path):
    result = run_pst("render", INJECTION, "--to", "html", "-o", tmp_path, "--quiet")
    assert result.code == 0, result.output
    html = (tmp_path / "render_injection.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<img src=x" not in html and "onerror=alert(2)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, "the text is shown, not run"


def test_logo_outside_the_project_is_refused_with_its_position(tmp_path):
    project = copy_project(INJECTION, tmp_path / "projet")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "logo: ../../etc/passwd\n", encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index("logo: ../../etc/passwd") + 1
    for draft in ((), ("--draft",)):  # a draft renders despite errors, never with a file from outside
        result = run_pst("render", project, "--to", "pdf,html", "--quiet", *draft)
        assert result.code == 1
        assert f"pst.yaml:{line}:7" in result.output
        assert "du dossier du projet" in result.output
        assert "Traceback" not in result.output
        assert not (project / "build").exists() or not any((project / "build").iterdir())


def test_public_document_leaves_out_personal_data(tmp_path):
    private = run_pst("render", INJECTION, "--to", "html,md", "-o", tmp_path / "private", "--quiet")
    public = run_pst("render", INJECTION, "--to", "html,md,docx", "-o", tmp_path / "public", "--public", "--quiet")
    assert private.code == public.code == 0, private.output + public.output
    assert "camille.exemple@testville.example" in (tmp_path / "private" / "render_injection.html").read_text(encoding="utf-8")
    docx = pypandoc.convert_file(str(tmp_path / "public" / "render_injection.docx"), "plain")
    for name in ("render_injection.html", "render_injection.md"):
        text = (tmp_path / "public" / name).read_text(encoding="utf-8")
        for personal in ("camille.exemple", "01 23 45 67 89", "Camille Exemple"):
            assert personal not in text and personal not in docx


def test_template_typo_names_the_file_and_line(tmp_path):
    project = copy_project(INJECTION, tmp_path / "projet")
    (project / "templates" / "chapters").mkdir(parents=True)
    (project / "templates" / "chapters" / "synthesis.md.j2").write_text("# Synthèse\n\n{{ labels.synthesys }}\n", encoding="utf-8")
    result = run_pst("render", project, "--to", "md", "--quiet")
    assert result.code == 1
    assert "synthesis.md.j2:3" in result.output
    assert "synthesys" in result.output
    assert "Traceback" not in result.output


def test_project_template_extends_the_shipped_one(tmp_path):
    project = copy_project(INJECTION, tmp_path / "projet")
    (project / "templates").mkdir()
    (project / "templates" / "document.md.j2").write_text(
        '{% extends "shipped/document.md.j2" %}\n{% block cover %}Mot du président du CCAS.\n\n{% endblock %}\n', encoding="utf-8"
    )
    result = run_pst("render", project, "--to", "md", "--quiet")
    assert result.code == 0, result.output
    text = (project / "build" / "projet.md").read_text(encoding="utf-8")
    assert "Mot du président du CCAS." in text
    assert "Renforcer le lien social" in text, "the rest of the shipped document is still there"


def test_project_with_errors_is_not_rendered(tmp_path):
    project = copy_project(INJECTION, tmp_path / "projet")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kind: pst", "kind: pst\ntitel: faute"), encoding="utf-8")
    result = run_pst("render", project, "--to", "md", "--quiet")
    assert result.code == 1
    assert "pst.yaml:" in result.output and "titel" in result.output
    assert not (project / "build").exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run_pst("render", INJECTION, "--to", "docx,rtf", "-o", tmp_path)
    assert result.code == 2
    assert "rtf" in result.output and "docx, odt, pdf, html, md" in result.output


def test_english_project_gets_english_labels(tmp_path):
    project = copy_project(INJECTION, tmp_path / "project")
    config = project / "pst.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    result = run_pst("render", project, "--to", "md", "--quiet")
    assert result.code == 0, result.output
    text = (project / "build" / "project.md").read_text(encoding="utf-8")
    assert "# Axes and objectives" in text
    assert "1 January 2025" in text


def test_markdown_output_ships_its_figures(tmp_path):
    result = run_pst("render", INJECTION, "--to", "md", "-o", tmp_path, "--quiet")
    assert result.code == 0, result.output
    text = (tmp_path / "render_injection.md").read_text(encoding="utf-8")
    for image in re.findall(r"\]\((figures/[^)]+)\)", text):
        assert (tmp_path / image).is_file()


def test_evaluation_shows_progress_and_a_chart_per_measured_indicator(tmp_path):
    """The document shows where the plan stands, as `pst status` does, with the measurements drawn."""
    result = run_pst("render", EXAMPLES / "meaux", "--to", "md", "-o", tmp_path, "--quiet")
    assert result.code == 0, result.output
    text = (tmp_path / "meaux.md").read_text(encoding="utf-8").replace("\u2019", "'")  # typographic apostrophes in the .md
    progress = text.split("Avancement au 31\u00a0décembre\u00a02025", 1)[1]
    # The row of the table, however Pandoc's Markdown writer lays it out: 4 → 9 animations, target 20: (9-4)/(20-4).
    assert re.search(r"^[ |[]*Nombre d'animations de quartier.*[ |]31\u202f%", progress.replace(" %", "\u202f%"), re.MULTILINE)
    assert "en recul" in progress  # an indicator measured below its baseline
    charts = sorted((tmp_path / "figures").glob("figure-progress-*.png"))
    assert charts, "measured indicators are drawn"
    assert "Nombre d'animations de quartier réalisées (cible 20) : 31 décembre 2024 : 4; 31 décembre 2025 : 9" in progress


def test_public_document_removes_contacts_left_in_free_text(tmp_path):
    """An e-mail or phone typed in a free text (which `pst check` warns about) never reaches a public document."""
    import yaml

    project = copy_project(EXAMPLES / "meaux", tmp_path / "meaux")
    workshop = project / "workshops" / "2024-06-18-forum-enjeux.yaml"
    data = yaml.safe_load(workshop.read_text(encoding="utf-8"))
    data["follow_up"] = "Contact : jeanne.martin@mairie-meaux.fr, 06 12 34 56 78 ou +33 6 12 34 56 79."
    workshop.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_pst("render", project, "--public", "--to", "md,html", "-o", tmp_path / "public", "--quiet")
    assert result.code == 0, result.output
    for document in (tmp_path / "public").glob("meaux.*"):
        text = document.read_text(encoding="utf-8")
        assert "jeanne.martin" not in text and "06 12 34 56 78" not in text and "+33 6 12" not in text, document.name
        assert "coordonnées retirées" in text


def test_a_measured_indicator_without_target_renders_without_progress(meaux):
    """Found by the fuzz tests: a measured indicator with no target once stopped the render."""
    axis = meaux / "plan" / "axes" / "1-lieu-ressource.yaml"
    text = axis.read_text(encoding="utf-8")
    target = "            target:\n              value: 20\n              date: 2028-12-31\n"
    assert target in text
    axis.write_text(text.replace(target, "", 1), encoding="utf-8")
    run = run_pst("render", meaux, "--to", "md", "--quiet")
    assert run.code == 0, run.output
    assert "Traceback" not in run.output
