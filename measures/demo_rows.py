"""Status and financing rows of the demo measures (measures/demo.py): Städtebauförderung thirds,
sometimes third-party money or an actor's own resources, in the state the reference date gives."""

import tomllib
from decimal import Decimal
from pathlib import Path

from .models import FinancingRow, FinancingSource, FinancingState, MeasureStatus

# The concept demo's texts and dates (measures/demo_data/concept.toml), shared with demo.py.
DATA = tomllib.loads((Path(__file__).parent / "demo_data" / "concept.toml").read_text("utf-8"))
REFERENCE = DATA["reference"]  # the state of affairs the demo describes


def status_for(start, end):
    if end < REFERENCE:
        return MeasureStatus.COMPLETED, 100
    if start <= REFERENCE:
        share = (REFERENCE - start).days / max((end - start).days, 1)
        return MeasureStatus.RUNNING, max(5, min(95, int(share * 100) // 5 * 5))
    if (start - REFERENCE).days < 180:
        return MeasureStatus.PREPARATION, 0
    return MeasureStatus.PLANNED, 0


def _row_state(year, final):
    if not final:
        return FinancingState.PLANNED if year > 2022 else FinancingState.APPROVED
    if year <= 2023:
        return FinancingState.SETTLED
    if year == 2024:
        return FinancingState.PAID
    if year == 2025:
        return FinancingState.APPROVED
    if year == 2026:
        return FinancingState.APPLIED
    return FinancingState.PLANNED


def pick_actor(actors_by_kind, all_actors, kinds, rng):
    for kind in kinds:
        if actors_by_kind.get(kind):
            return rng.choice(actors_by_kind[kind])
    return rng.choice(all_actors) if all_actors else None


def financing_rows(measure, per_year, rng, actors, final):
    """Städtebauförderung thirds (Bund/Land/Kommune), sometimes third-party money or own
    resources of an actor."""
    rows = []
    for year in range(measure.planned_start.year, measure.planned_end.year + 1):
        amount = Decimal(per_year) * Decimal(rng.choice([80, 90, 100, 110, 120])) / 100
        third = (amount / 3).quantize(Decimal("1"))
        state = _row_state(year, final)
        for source in (FinancingSource.FEDERAL, FinancingSource.STATE, FinancingSource.MUNICIPAL):
            rows.append(
                FinancingRow(measure=measure, year=year, source=source, state=state, amount=third)
            )
        if rng.random() < 0.25:
            rows.append(
                FinancingRow(
                    measure=measure,
                    year=year,
                    source=FinancingSource.THIRD_PARTY,
                    state=state,
                    amount=(amount * Decimal("0.1")).quantize(Decimal("1")),
                    note=DATA["third_party_note"],
                )
            )
        if actors and rng.random() < 0.3:
            actor = rng.choice(actors)
            own = Decimal(rng.choice([500, 1000, 1500, 2500]))
            # Small sums are volunteers' work (Eigenleistung), larger ones money (Eigenmittel).
            in_kind = own <= 1000
            rows.append(
                FinancingRow(
                    measure=measure,
                    year=year,
                    source=FinancingSource.IN_KIND if in_kind else FinancingSource.OWN_RESOURCES,
                    state=state,
                    actor=actor,
                    in_kind=in_kind,
                    amount=own,
                    note=DATA["in_kind_note"] if in_kind else DATA["own_funds_note"],
                )
            )
    return rows
