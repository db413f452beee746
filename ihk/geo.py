"""Geometry kept small and plain: an area's outline as GeoJSON, points as latitude/longitude.

No GIS extension is needed: the outline is a ``JSONField`` (works on SQLite for ``make run`` and
on PostgreSQL), points are two decimal columns. The outline is validated on the way in (type,
coordinate ranges, a size cap), so the map can draw it without further checks.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The outline of a quarter needs a few hundred points; the cap keeps every map page small.
OUTLINE_MAX_POINTS = 5000
OUTLINE_MAX_RINGS = 50
COORDINATE_PLACES = Decimal("0.000001")  # six places: about 10 cm


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _check_position(position) -> None:
    if not isinstance(position, list) or len(position) not in (2, 3):
        raise ValidationError(_("Every point needs a longitude and a latitude."), code="position")
    if not all(_is_number(value) for value in position):
        raise ValidationError(_("Coordinates must be numbers."), code="position")
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _("Longitude must lie between −180 and 180, latitude between −90 and 90."),
            code="range",
        )


def _polygons(outline: dict) -> list:
    if outline["type"] == "Polygon":
        return [outline.get("coordinates")]
    polygons = outline.get("coordinates")
    if not isinstance(polygons, list) or not polygons:
        raise ValidationError(_("A MultiPolygon needs at least one polygon."), code="shape")
    return polygons


def validate_outline(outline) -> None:
    """A GeoJSON geometry of type Polygon or MultiPolygon with closed rings of at least four
    points, longitude/latitude in range, at most ``OUTLINE_MAX_POINTS`` points."""
    if outline in (None, ""):
        return
    if not isinstance(outline, dict) or outline.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(
            _("The outline must be a GeoJSON geometry of type Polygon or MultiPolygon."),
            code="type",
        )
    points = rings = 0
    for polygon in _polygons(outline):
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("A polygon needs at least one ring."), code="shape")
        for ring in polygon:
            rings += 1
            if not isinstance(ring, list) or len(ring) < 4:
                raise ValidationError(_("A ring needs at least four points."), code="shape")
            points += len(ring)
            if points > OUTLINE_MAX_POINTS or rings > OUTLINE_MAX_RINGS:
                raise ValidationError(
                    _("The outline is too detailed: at most %(points)d points.")
                    % {"points": OUTLINE_MAX_POINTS},
                    code="size",
                )
            for position in ring:
                _check_position(position)
            if ring[0][:2] != ring[-1][:2]:
                raise ValidationError(
                    _("Every ring must end at its first point."), code="not_closed"
                )


def outline_bounds(outline) -> tuple[float, float, float, float] | None:
    """``(south, west, north, east)`` of a valid outline, or None without one."""
    if not outline:
        return None
    lons, lats = [], []
    for polygon in _polygons(outline):
        for ring in polygon:
            for position in ring:
                lons.append(position[0])
                lats.append(position[1])
    return (min(lats), min(lons), max(lats), max(lons))


class CoordinateField(forms.DecimalField):
    """Latitude or longitude typed by hand or filled in by the map: a point or a comma as
    decimal separator, any number of places (rounded to six)."""

    def __init__(self, *, limit: int, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=-limit, max_value=limit, **kwargs)
        self.widget.attrs.update({"step": "any", "inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.quantize(COORDINATE_PLACES)
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


def clean_point(cleaned: dict, *, bounds=None, margin: float = 0.05) -> None:
    """Both coordinates or none; inside ``bounds`` (of the area's outline, with a margin)."""
    lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
    if (lat is None) != (lon is None):
        raise ValidationError(
            _("Please give both latitude and longitude, or neither."), code="half_point"
        )
    if lat is None or bounds is None:
        return
    south, west, north, east = bounds
    if not (
        south - margin <= float(lat) <= north + margin
        and west - margin <= float(lon) <= east + margin
    ):
        raise ValidationError(_("This place lies outside the area."), code="outside")
