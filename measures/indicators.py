"""Traffic light of an indicator: how far its latest measured value is on the way to the target.

The expected progress grows linearly from the baseline date to the target date. An indicator is
green when the achieved share of the way (baseline → target) is at least the expected share minus
a tolerance of 10 points (or the target is reached), yellow when at least half of the expected
share is reached, red otherwise or when the target date has passed without reaching the target,
and grey when there is no measured value yet. Works for falling targets too (e.g. "unemployment
from 12 % to 8 %"), because the share is computed on the signed distance.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

TOLERANCE = Decimal("0.10")


@dataclass(frozen=True)
class TrafficLight:
    colour: str  # green, yellow, red, grey
    label: str  # short text shown next to the colour, never colour alone
    achieved: Decimal | None  # share of the way from baseline to target, 0..1 (may exceed)
    expected: Decimal | None

    @property
    def css_class(self) -> str:
        return {
            "green": "text-bg-success",
            "yellow": "text-bg-warning",
            "red": "text-bg-danger",
            "grey": "text-bg-secondary",
        }[self.colour]

    @property
    def symbol(self) -> str:
        return {"green": "●", "yellow": "▲", "red": "■", "grey": "○"}[self.colour]

    @property
    def achieved_percent(self) -> int | None:
        return None if self.achieved is None else int(round(self.achieved * 100))


_LATEST = object()


def traffic_light(indicator, latest=_LATEST) -> TrafficLight:
    """Rate ``indicator`` by ``latest`` (IndicatorValue or None; default: its latest value)."""
    if latest is _LATEST:
        latest = indicator.latest_value()
    if latest is None:
        return TrafficLight("grey", str(_("no measured value yet")), None, None)
    distance = Decimal(indicator.target_value) - Decimal(indicator.baseline_value)
    if distance == 0:
        return TrafficLight("grey", str(_("target equals baseline")), None, None)
    achieved = (Decimal(latest.value) - Decimal(indicator.baseline_value)) / distance
    span = (indicator.target_on - indicator.baseline_on).days
    elapsed = (latest.measured_on - indicator.baseline_on).days
    expected = Decimal(1) if span <= 0 else Decimal(min(max(elapsed, 0), span)) / Decimal(span)
    if achieved >= 1:
        return TrafficLight("green", str(_("target reached")), achieved, expected)
    if latest.measured_on > indicator.target_on:
        return TrafficLight("red", str(_("target missed")), achieved, expected)
    if achieved >= expected - TOLERANCE:
        return TrafficLight("green", str(_("on track")), achieved, expected)
    if achieved >= expected / 2 and achieved > 0:
        return TrafficLight("yellow", str(_("behind schedule")), achieved, expected)
    return TrafficLight("red", str(_("clearly behind target")), achieved, expected)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str


def value_chart(indicator, values, *, width: int = 600, height: int = 220, pad: int = 40):
    """Coordinates of a small SVG line chart: the planned path from baseline to target (dashed)
    and the measured values. The same numbers are in the table next to it."""
    points = [(indicator.baseline_on, indicator.baseline_value)]
    points += [(v.measured_on, v.value) for v in values]
    points.append((indicator.target_on, indicator.target_value))
    first = min(p[0] for p in points)
    last = max(p[0] for p in points)
    low = min(p[1] for p in points)
    high = max(p[1] for p in points)
    days = max((last - first).days, 1)
    span = (high - low) or Decimal(1)

    def at(day, value):
        x = pad + (width - 2 * pad) * (day - first).days / days
        y = height - pad - float((Decimal(value) - low) / span) * (height - 2 * pad)
        return round(x, 1), round(y, 1)

    planned = [at(indicator.baseline_on, indicator.baseline_value)]
    planned.append(at(indicator.target_on, indicator.target_value))
    measured = [
        ChartPoint(*at(v.measured_on, v.value), f"{v.measured_on:%d.%m.%Y}: {v.value}")
        for v in values
    ]
    return {
        "width": width,
        "height": height,
        "planned": " ".join(f"{x},{y}" for x, y in planned),
        "measured": " ".join(f"{p.x},{p.y}" for p in measured),
        "points": measured,
        "axis_y": height - pad,
        "pad": pad,
        "first": first,
        "last": last,
        "low": low,
        "high": high,
    }
