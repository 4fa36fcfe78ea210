"""Rankings of the votes held in workshops (votes par gommettes, multicritères, à main levée).

Pure functions: a `Vote` in, ranked options out. Only aggregates are ever stored in a
workshop file (how many dots an option received, never who voted what), so a ranking
is computed from those aggregates alone:

- gommettes and main levée: the value of an option is its `tally`;
- multicritère: the value is the weighted mean of its `scores`, each criterion counting
  for its `weight` (a criterion the option has no score for counts as 0).

Ties share a rank (« 1, 2, 2, 4 »), in the order the options were written. The share
of an option is its value divided by the sum of the values of the vote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pst_cli.model.workshops import Vote, VoteOption, Workshop


@dataclass
class RankedOption:
    """Une option classée : rang, valeur obtenue (gommettes ou note pondérée) et part du total."""

    rank: int | None
    label: str
    ref: str | None
    value: float | None
    share: float | None


@dataclass
class VoteRanking:
    """Le classement d'un vote d'un atelier."""

    workshop: Workshop
    vote: Vote
    options: list[RankedOption] = field(default_factory=list)
    total: float = 0.0

    def as_dict(self) -> dict:
        """Plain data for `pst votes --format json`."""
        return {
            "workshop": self.workshop.id,
            "date": self.workshop.date.isoformat(),
            "vote": self.vote.id,
            "question": self.vote.question,
            "method": self.vote.method,
            "voters": self.vote.voters,
            "dots_per_participant": self.vote.dots_per_participant,
            "criteria": [{"id": c.id, "label": c.label, "weight": c.weight} for c in self.vote.criteria],
            "total": self.total,
            "options": [
                {"rank": o.rank, "label": o.label, "ref": o.ref, "value": o.value, "share": o.share} for o in self.options
            ],
        }


def option_value(vote: Vote, option: VoteOption) -> float | None:
    """What an option obtained: its tally, or its weighted score for a multicriteria vote.

    None when the option carries no result (no tally, or no score at all).
    """
    if vote.method == "multicritere":
        if not option.scores:
            return None
        if vote.criteria:
            weights = {criterion.id: criterion.weight for criterion in vote.criteria}
            total_weight = sum(weights.values())
            return sum(weight * option.scores.get(cid, 0.0) for cid, weight in weights.items()) / total_weight
        # Without declared criteria every score counts the same.
        return sum(option.scores.values()) / len(option.scores)
    return float(option.tally) if option.tally is not None else None


def rank_vote(vote: Vote) -> tuple[list[RankedOption], float]:
    """The options of `vote`, best first, with competition ranks and shares; and the total."""
    valued = [(option, option_value(vote, option)) for option in vote.options]
    total = sum(value for _, value in valued if value is not None)
    counted = sorted(
        ((index, option, value) for index, (option, value) in enumerate(valued) if value is not None),
        key=lambda item: (-item[2], item[0]),
    )
    ranked: list[RankedOption] = []
    previous: float | None = None
    rank = 0
    for position, (_, option, value) in enumerate(counted, start=1):
        if value != previous:
            rank, previous = position, value
        ranked.append(RankedOption(rank, option.label, option.ref, value, value / total if total else None))
    # Options without a result stay listed, unranked, so nothing proposed disappears.
    ranked += [RankedOption(None, option.label, option.ref, None, None) for option, value in valued if value is None]
    return ranked, total


def rank_workshops(workshops: list[Workshop]) -> list[VoteRanking]:
    """The ranking of every vote of `workshops`, in workshop order then vote order."""
    rankings = []
    for workshop in workshops:
        for vote in workshop.votes:
            options, total = rank_vote(vote)
            rankings.append(VoteRanking(workshop, vote, options, total))
    return rankings
