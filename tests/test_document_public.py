"""`pst render --public`: a named person, and everything written about them, is in no format of the document."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, run_pst
from documents import document_texts

NAMED = FIXTURES / "render_named_resident"
ALL = "docx,odt,pdf,html,md"
PERSONAL = ["Fatima", "Benali", "fatima.benali", "06 12 34 56 78"]
"""The personal block: name, e-mail address, phone."""
ABOUT_HER = ["diabète", "musulmane", "maladie", "hospitalisation", "Habitante du quartier Beauval", "Amicale des locataires"]
"""What the stakeholder's own fields, and the relations that name her, say: health, religion, who she is."""


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("public")
    result = run_pst("render", NAMED, "--to", ALL, "-o", out, "--public", "--quiet")
    assert result.code == 0, result.output
    return document_texts(out / NAMED.name, ALL)


@pytest.mark.parametrize("format", ALL.split(","))
def test_a_named_resident_is_in_no_public_format(public, format):
    text = " ".join(public[format].replace("\u202f", " ").replace("\u00a0", " ").split())
    assert [word for word in PERSONAL + ABOUT_HER if word.lower() in text.lower()] == []


def test_what_the_plan_says_without_her_is_still_there(public):
    for text in public.values():
        assert "Café des aidants" in text and "Forum des habitants" in text and "CCAS de Testville" in text
        assert "une personne" in text, "where the plan names her, the document says « une personne »"


def test_the_internal_document_still_shows_her(tmp_path):
    result = run_pst("render", NAMED, "--to", "html", "-o", tmp_path, "--quiet")
    assert result.code == 0, result.output
    text = document_texts(tmp_path / NAMED.name, "html")["html"]
    assert "Fatima Benali" in text and "Habitante du quartier Beauval" in text
