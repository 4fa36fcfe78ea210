"""French typography and formats of the rendered document, and the grid tables."""

from __future__ import annotations

import datetime as dt

import pypandoc

from pst_cli.render.tables import grid_table
from pst_cli.render.typography import format_amount, format_date, format_number, markdown, plain, with_unit

NNBSP = "\u202f"


def test_dates_read_as_in_french():
    assert format_date(dt.date(2024, 3, 12), "fr") == "12\u00a0mars\u00a02024"  # no-break spaces: a date never splits
    assert format_date(dt.date(2025, 1, 1), "fr") == "1er\u00a0janvier\u00a02025"
    assert format_date(dt.date(2024, 3, 12), "en") == "12\u00a0March\u00a02024"


def test_numbers_have_a_decimal_comma_and_thin_spaces():
    assert format_number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert format_number(55900, "fr") == f"55{NNBSP}900"
    assert format_number(1234.5, "en") == "1,234.5"
    assert with_unit(38.6, "%", "fr") == f"38,6{NNBSP}%"
    assert format_amount(12500, "fr") == f"12{NNBSP}500\u00a0€"
    assert format_amount(12500, "en") == "€12,500"
    assert with_unit(18640, "€", "en") == "€18,640"  # a unit typed as « € » is an amount


def test_numbers_round_halves_up_on_the_value_as_written():
    assert format_number(1.005, "fr") == "1,01"  # 1.005 is 1.00499… in binary
    assert format_number(3.0, "fr", 2) == "3"
    assert format_number(2.345, "en", 1) == "2.3"


def test_a_unit_after_0_or_1_is_singular_in_french_and_as_typed_otherwise():
    assert with_unit(1, "sessions de formation", "fr") == "1\u00a0session de formation"
    assert with_unit(0, "actions et services", "fr") == "0\u00a0action et service"
    assert with_unit(1, "temps d'échange", "fr") == "1\u00a0temps d'échange"
    assert with_unit(2, "sessions de formation", "fr") == "2\u00a0sessions de formation"
    assert with_unit(1, "meetings", "en") == "1\u00a0meetings"


def test_french_punctuation_gets_narrow_no_break_spaces():
    assert plain("Format : forum ; ouvert ! Vraiment ?", "fr") == f"Format{NNBSP}: forum{NNBSP}; ouvert{NNBSP}! Vraiment{NNBSP}?"
    assert plain("«mot»", "fr") == f"«{NNBSP}mot{NNBSP}»"
    assert plain("voir https://insee.fr", "fr") == "voir https://insee.fr"
    assert plain("Format : x", "en") == "Format : x"


def test_plain_text_prints_verbatim_through_pandoc():
    for source in ("{{ 7*7 }}", "<script>alert(1)</script>", "*pas en italique*", "- pas une liste", "1. pas numéroté", "# pas un titre", "$x$ @cite"):
        html = pypandoc.convert_text(plain(source, "en"), "plain", format="markdown-raw_html-raw_attribute-raw_tex")
        assert html.strip() == source, source


def test_headings_of_a_text_fit_under_its_place():
    text = "# Titre\n\nTexte.\n\n## Sous-titre\n"
    assert markdown(text, "fr", depth=2).splitlines()[0] == "### Titre"
    assert "#### Sous-titre" in markdown(text, "fr", depth=2)


def test_grid_table_keeps_lists_and_wrapped_text_in_cells():
    table = grid_table(["A", "B"], [["- un élément assez long pour être coupé - 2. suite", "texte"]], [20, 10])
    html = pypandoc.convert_text(table, "html", format="markdown")
    assert html.count("<li>") == 1
    assert "un élément assez long pour être coupé - 2. suite" in " ".join(html.split())
