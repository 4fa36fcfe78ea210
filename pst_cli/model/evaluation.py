"""`evaluation/measurements.yaml`: dated values of the plan's indicators (suivi)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, StrictBool, StrictFloat

from pst_cli.model.common import IndicatorRef, PstModel


class Measurement(PstModel):
    """Mesure datée d'un indicateur."""

    indicator: IndicatorRef = Field(description="Indicateur mesuré, par identifiant.")
    date: dt.date = Field(description="Date de la mesure.")
    value: StrictFloat = Field(description="Valeur mesurée.")
    source: str | None = Field(None, description="Origine de la mesure.")
    comment: str | None = Field(None, description="Commentaire.")
    illustrative: StrictBool = Field(False, description="Donnée d'illustration, à remplacer par une donnée réelle.")


class MeasurementsFile(PstModel):
    """`evaluation/measurements.yaml` : les mesures des indicateurs."""

    measurements: list[Measurement] = Field(default_factory=list, description="Mesures datées.")
