"""The preview converts the document one chapter at a time, and gets the page Pandoc makes of the whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import _reset_matplotlib

from pst_cli.i18n import activate
from pst_cli.render.engine import html_preview, run_pandoc
from pst_cli.serve.chapters import ChapterCache, split_parts

ARGS = ["-M", "title=Essai", "--toc", "--toc-depth=2", "--number-sections", "--standalone", "--section-divs"]

TRICKY = """Avant tout titre.

## Une section avant le premier chapitre

# Avant-propos {.unnumbered}

Texte.

# Un

## Objectifs

```
# pas un titre : dans du code
```

# Deux

## Objectifs

Le même titre qu'au chapitre un : Pandoc le nomme `objectifs-1`.

# Annexes {.unnumbered}

## Numérotée sous un chapitre qui ne l'est pas

# Fin

Texte.
"""


def whole(markdown: str, tmp_path: Path, args: list[str] = ARGS) -> str:
    output = tmp_path / "whole.html"
    run_pandoc(markdown, "html5", str(output), args)
    return output.read_text(encoding="utf-8")


def test_the_chapters_put_together_are_the_whole_document(tmp_path):
    cache = ChapterCache()
    assert cache(TRICKY, ARGS, tmp_path) == whole(TRICKY, tmp_path)
    assert cache.conversions == 6  # five parts and the page of the headings: not the whole document again
    parts = split_parts(TRICKY)
    # The fenced `#` is no heading; an unnumbered chapter with a numbered section stays with the chapter before, uncut.
    assert [(part.headings, part.offset) for part in parts] == [
        (("## Une section avant le premier chapitre", "# Avant-propos {.unnumbered}"), "0"),  # numbered 0.1: with the first chapter
        (("# Un",), "0"),
        (("## Objectifs",), "1,0"),
        (("# Deux", "## Objectifs", "# Annexes {.unnumbered}", "## Numérotée sous un chapitre qui ne l'est pas"), "1"),
        (("# Fin",), "2"),
    ]


def test_an_edit_converts_again_only_its_chapter_and_the_headings(tmp_path):
    cache = ChapterCache()
    cache(TRICKY, ARGS, tmp_path)
    first = cache.conversions
    edited = TRICKY.replace("# pas un titre", "# toujours pas un titre")
    assert cache(edited, ARGS, tmp_path) == whole(edited, tmp_path)
    assert cache.conversions == first + 1  # section 1.1 alone: the headings did not change


@pytest.mark.parametrize("tie", ["Une note[^1].\n\n[^1]: La note.\n", "Un [lien][ref].\n\n[ref]: https://example.org\n", "(@) premier\n", "Titre\n=====\n", "Une note^[en ligne].\n"])
def test_what_ties_chapters_together_is_converted_whole(tmp_path, tie):
    markdown = TRICKY + "\n" + tie
    assert split_parts(markdown) is None
    cache = ChapterCache()
    assert cache(markdown, ARGS, tmp_path) == whole(markdown, tmp_path)
    assert cache.conversions == 1


def test_meaux_in_chapters_is_meaux_whole(meaux):
    from pst_cli.render.document import MAIN_DOCUMENT
    from pst_cli.rules.runner import run_check

    activate("fr")
    try:
        project = run_check(meaux).project
        cache = ChapterCache()
        assert html_preview(MAIN_DOCUMENT, project, lambda path: path.name, convert=cache) == html_preview(MAIN_DOCUMENT, project, lambda path: path.name)
        assert cache.conversions > 20  # in parts (an action, an axis, a body…), not whole
    finally:
        _reset_matplotlib()


LINKED = """# Constats

Le constat [C1]{#finding-C1} : peu de lieux d'accueil.

# Plan

## Action

Elle répond à [C1](#finding-C1) et au constat C1, pas à [C9](#finding-C9) qui n'est nulle part.
"""


def test_a_link_to_another_chapter_is_kept_as_in_the_whole_document(tmp_path):
    from pst_cli.render.templating import template_file

    args = [f"--lua-filter={template_file(tmp_path, 'anchors.lua')}", *ARGS]
    cache = ChapterCache()
    page = cache(LINKED, args, tmp_path)
    assert page == whole(LINKED, tmp_path, args)
    # Both mentions of C1 lead to the finding of the other chapter; C9, nowhere, stays text.
    assert page.count('href="#finding-C1"') == 2 and "#finding-C9" not in page and "C9" in page
    conversions = cache.conversions
    edited = LINKED.replace("nulle part", "dans aucun chapitre")
    assert cache(edited, args, tmp_path) == whole(edited, tmp_path, args)
    assert cache.conversions == conversions + 1  # the anchors did not change: the edited action alone

