"""`pst votes` on a terminal: one table per vote, ranked."""

from __future__ import annotations

from pst_cli.monitoring.votes import VoteRanking


def _number(value: float, language: str) -> str:
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def print_rankings(rankings: list[VoteRanking], console) -> None:
    """One rich table per vote: rank, option, tally or weighted score, share."""
    from pst_cli.i18n import active

    language = active()
    from rich.markup import escape
    from rich.table import Table

    from pst_cli.findings import say

    for ranking in rankings:
        vote, workshop = ranking.vote, ranking.workshop
        weighted = vote.method == "multicritere"
        table = Table(
            title=escape(f"{workshop.title} ({workshop.date.isoformat()}) — {vote.id}"),
            caption=escape(_caption(ranking, language)),
            title_justify="left",
        )
        table.add_column(say(language, "Rang", "Rank"), justify="right")
        table.add_column(say(language, "Option", "Option"))
        table.add_column(say(language, "Note pondérée", "Weighted score") if weighted else say(language, "Voix", "Votes"), justify="right")
        table.add_column(say(language, "Part", "Share"), justify="right")
        for option in ranking.options:
            label = f"{option.label} ({option.ref})" if option.ref else option.label
            table.add_row(
                str(option.rank) if option.rank else "—",
                escape(label),
                _number(option.value, language) if option.value is not None else "—",
                f"{option.share * 100:.0f} %" if option.share is not None else "—",
            )
        console.print(escape(vote.question))
        console.print(table)
        console.print()


def _caption(ranking: VoteRanking, language: str) -> str:
    from pst_cli.findings import say

    vote = ranking.vote
    if vote.method == "multicritere":
        weights = ", ".join(f"{c.label} ×{_number(c.weight, language)}" for c in vote.criteria)
        return say(language, f"Vote multicritère : moyenne pondérée ({weights})", f"Multicriteria vote: weighted mean ({weights})") if weights else ""
    cast = _number(ranking.total, language)
    if vote.voters and vote.dots_per_participant:
        possible = vote.voters * vote.dots_per_participant
        return say(
            language,
            f"{vote.voters} votants × {vote.dots_per_participant} gommettes = {possible} possibles, {cast} comptées",
            f"{vote.voters} voters × {vote.dots_per_participant} dots = {possible} possible, {cast} counted",
        )
    return say(language, f"{cast} voix comptées", f"{cast} votes counted")
