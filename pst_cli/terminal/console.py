"""The rich console pst prints its tables with."""

from __future__ import annotations


def console(stderr: bool = False):
    """A console that prints text as given: no emoji codes (`:100:`), no guessed highlighting."""
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=True, highlight=False, emoji=False)
