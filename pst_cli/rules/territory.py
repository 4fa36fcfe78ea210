"""The territory: codes of the quartiers prioritaires in the geography in force (2024)."""

from __future__ import annotations

from collections.abc import Iterator

from pst_cli.findings import Finding
from pst_cli.i18n import t
from pst_cli.model.frameworks import QPV_2015, QPV_2024
from pst_cli.project.aggregate import Project


def qpv_code(project: Project) -> Iterator[Finding]:
    """A QPV code is of the 2015 geography (`QP…`) or of no known shape; a contrat de ville names no QPV."""
    territory = project.config.territory
    quartiers = 0
    for index, code in enumerate(territory.codes):
        text = code.strip().upper()
        if QPV_2024.match(text):
            quartiers += 1
        elif QPV_2015.match(text):
            yield project.finding(
                territory, ("codes", index), message=t("rules.territory/qpv-code.message.2015", code=code), hint=t("rules.territory/qpv-code.hint")
            )
        elif text.startswith("Q") and text[:2] in ("QN", "QP"):
            yield project.finding(
                territory, ("codes", index), message=t("rules.territory/qpv-code.message.shape", code=code), hint=t("rules.territory/qpv-code.hint")
            )
    if project.config.kind == "contrat-de-ville" and not quartiers:
        yield project.finding(
            territory,
            ("codes",) if territory.codes else ("name",),
            message=t("rules.territory/qpv-code.message.none"),
            hint=t("rules.territory/qpv-code.hint"),
        )
