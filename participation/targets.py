"""Which public object a resident's comment is about: lookup, kind, URL (reads, no writes)."""

from django.urls import NoReverseMatch, reverse

from ihk.models import Area
from measures.models import ConceptVersion, Measure

from .models import Comment, Consultation, Event, Idea, Moderation

# What a comment can be about; the key is used in URLs, the value is the model field.
TARGET_FIELDS = {
    "concept": "version",
    "measure": "measure",
    "event": "event",
    "idea": "idea",
    "consultation": "consultation",
}


class TargetNotFound(Exception):
    """The object does not exist, is not public, or belongs to another area (→ 404)."""


def public_target(area: Area, kind: str, pk: int):
    """Return the public object residents may comment on, or raise ``TargetNotFound``."""
    if not area.is_public or kind not in TARGET_FIELDS:
        raise TargetNotFound
    querysets = {
        "concept": ConceptVersion.objects.filter(area=area).current(),
        "measure": Measure.objects.public_for(area),
        "event": Event.objects.filter(area=area, is_public=True),
        "idea": Idea.objects.filter(area=area, moderation=Moderation.PUBLISHED),
        # A consulted draft takes comments only while its phase is open.
        "consultation": Consultation.objects.filter(area=area).open_now(),
    }
    try:
        return querysets[kind].get(pk=pk)
    except (querysets[kind].model.DoesNotExist, ValueError, TypeError):
        raise TargetNotFound from None


def target_kind(obj) -> str:
    """The URL key (concept, measure, event, idea) of a comment target object."""
    for kind, model in (
        ("concept", ConceptVersion),
        ("measure", Measure),
        ("event", Event),
        ("idea", Idea),
        ("consultation", Consultation),
    ):
        if isinstance(obj, model):
            return kind
    raise TypeError(f"Residents cannot comment on {type(obj).__name__}.")


def target_url(area, kind: str, obj) -> str:
    """The public page a comment target lives on."""
    try:
        if kind == "concept":
            return area.get_absolute_url()
        if kind == "idea":
            return reverse(
                "participation:idea_detail", kwargs={"area_slug": area.slug, "pk": obj.pk}
            )
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return area.get_absolute_url()


def comment_target(comment: Comment) -> tuple[str, object]:
    """The (kind, object) a comment is about."""
    for kind, field in TARGET_FIELDS.items():
        if getattr(comment, f"{field}_id"):
            return kind, getattr(comment, field)
    raise ValueError("comment without target")
