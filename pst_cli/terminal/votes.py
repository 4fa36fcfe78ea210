"""`pst votes` on a terminal: one table per vote, ranked."""

from __future__ import annotations

from pst_cli.i18n import active, t, tn
from pst_cli.monitoring.votes import VoteRanking


def _number(value: float) -> str:
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return text.replace(".", ",") if active() == "fr" else text


def print_rankings(rankings: list[VoteRanking], console) -> None:
    """One rich table per vote: rank, option, tally or weighted score, share."""
    from rich.markup import escape
    from rich.table import Table

    for ranking in rankings:
        vote, workshop = ranking.vote, ranking.workshop
        weighted = vote.method == "multicritere"
        table = Table(
            title=escape(f"{workshop.title} ({workshop.date.isoformat()}) — {vote.id}"),
            caption=escape(_caption(ranking)),
            title_justify="left",
        )
        table.add_column(t("votes.column.rank"), justify="right")
        table.add_column(t("votes.column.option"))
        table.add_column(t("votes.column.score" if weighted else "votes.column.votes"), justify="right")
        table.add_column(t("votes.column.share"), justify="right")
        for option in ranking.options:
            label = f"{option.label} ({option.ref})" if option.ref else option.label
            table.add_row(
                str(option.rank) if option.rank else "—",
                escape(label),
                _number(option.value) if option.value is not None else "—",
                f"{option.share * 100:.0f} %" if option.share is not None else "—",
            )
        console.print(escape(vote.question))
        console.print(table)
        console.print()


def _caption(ranking: VoteRanking) -> str:
    vote = ranking.vote
    if vote.method == "multicritere":
        weights = ", ".join(f"{c.label} ×{_number(c.weight)}" for c in vote.criteria)
        return t("votes.caption.weighted", weights=weights) if weights else ""
    # Outside multicriteria votes the total is a sum of tallies: a whole number.
    cast = round(ranking.total)
    if vote.voters and vote.dots_per_participant:
        possible = vote.voters * vote.dots_per_participant
        return t(
            "votes.caption.dots",
            voters=tn("votes.voters", vote.voters),
            dots=tn("votes.dots", vote.dots_per_participant),
            possible=tn("votes.possible", possible),
            counted=tn("votes.counted", cast),
        )
    return tn("votes.cast", cast)
