"""Traffic light of indicators against their target."""

import datetime
from decimal import Decimal

import pytest

from measures.indicators import traffic_light
from measures.models import Indicator, IndicatorValue


def make(baseline=100, target=200, start=(2022, 1, 1), end=(2026, 1, 1)):
    return Indicator(
        name="Kita-Plätze",
        baseline_value=Decimal(baseline),
        baseline_on=datetime.date(*start),
        target_value=Decimal(target),
        target_on=datetime.date(*end),
    )


def value(v, on):
    return IndicatorValue(value=Decimal(v), measured_on=datetime.date(*on))


@pytest.mark.parametrize(
    ("measured", "on", "colour"),
    [
        (200, (2024, 1, 1), "green"),  # target reached early
        (150, (2024, 1, 1), "green"),  # half way after half the time
        (130, (2024, 1, 1), "yellow"),  # 30 % after 50 % of the time
        (110, (2024, 1, 1), "red"),  # 10 % after 50 % of the time
        (90, (2024, 1, 1), "red"),  # moving away from the target
        (190, (2026, 6, 1), "red"),  # target date passed, not reached
    ],
)
def test_rising_target(measured, on, colour):
    assert traffic_light(make(), value(measured, on)).colour == colour


def test_falling_target_counts_the_right_way():
    indicator = make(baseline=12, target=8)
    assert traffic_light(indicator, value(10, (2024, 1, 1))).colour == "green"
    assert traffic_light(indicator, value(13, (2024, 1, 1))).colour == "red"


def test_no_value_is_grey_with_text():
    light = traffic_light(make(), None)
    assert light.colour == "grey"
    assert light.label


def test_light_has_text_not_only_colour():
    light = traffic_light(make(), value(130, (2024, 1, 1)))
    assert light.label and light.symbol and light.achieved_percent == 30


def test_model_method_uses_latest_value(db):
    from tests.factories import IndicatorFactory, IndicatorValueFactory

    indicator = IndicatorFactory(
        baseline_value=100,
        target_value=200,
        baseline_on=datetime.date(2022, 1, 1),
        target_on=datetime.date(2026, 1, 1),
    )
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2023, 1, 1), value=105)
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2024, 1, 1), value=160)
    assert indicator.latest_value().value == 160
    assert indicator.traffic_light().colour == "green"


def test_indicator_page_has_accessible_chart(area, client_as):
    import xml.etree.ElementTree as ET

    from tests.factories import ConceptVersionFactory, IndicatorFactory, IndicatorValueFactory

    version = ConceptVersionFactory(area=area, as_of=datetime.date(2024, 1, 1))
    indicator = IndicatorFactory(goal__action_field__version=version)
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2023, 1, 1), value=120)
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2024, 1, 1), value=150)
    html = client_as("reader").get(f"/areas/{area.slug}/concept/indicators/{indicator.pk}/")
    text = html.content.decode()
    svg = text[text.index("<svg") : text.index("</svg>") + 6]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find("title") is not None or root.find(f"{ns}title") is not None
    assert len(root.findall("circle")) + len(root.findall(f"{ns}circle")) == 2
