"""Shared by the fuzz test and the HTML validity test: the seeded demo, every URL pattern with
demo arguments, and the forms of a page.

``demo`` seeds ``seed_demo --scale small`` once per module inside a transaction that is rolled
back afterwards, so no other test sees the demo data.
"""

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actors.models import Actor, Committee, CommitteeMembership, ContactPerson
from funds.models import Application, Decision, Document, Fund, Question
from ihk.models import Area
from measures.models import (
    ActionField,
    ConceptVersion,
    ContinuationElement,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
)
from participation.models import Comment, Event, Idea
from reports.models import StatusReport
from tests.module_data import rolled_back_after_module

DEMO_SLUG = "gartenstadt-nord"
ROLES = {"anonymous": None, "manager": "manager@example.org", "city": "stadt@example.org"}
SKIPPED_PREFIXES = ("admin:", "media")


@dataclass
class Route:
    name: str  # namespaced URL name
    route: str  # the pattern as text
    kwargs: list[str] = field(default_factory=list)


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield Route(f"{namespace}{pattern.name}", prefix + str(pattern.pattern))


def all_routes() -> list[Route]:
    """Every named URL pattern of the site (admin and media excluded), kwargs from the route."""
    routes = []
    for route in _walk(get_resolver().url_patterns):
        if route.name.startswith(SKIPPED_PREFIXES):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route.route)
        names += re.findall(r"\(\?P<(\w+)>", route.route)
        route.kwargs = names
        routes.append(route)
    return routes


# Which model an integer ``pk`` is, by URL name (the first word that matches).
PK_MODELS = [
    ("contact_", ContactPerson),
    ("membership_", CommitteeMembership),
    ("committee_", Committee),
    ("actor_", Actor),
    ("version_", ConceptVersion),
    ("actionfield_", ActionField),
    ("goal_", Goal),
    ("indicatorvalue_", IndicatorValue),
    ("indicator_", Indicator),
    ("continuation_", ContinuationElement),
    ("milestone_", Measure),
    ("measure_", Measure),
    ("event_", Event),
    ("comment_", Comment),
    ("moderation_comment", Comment),
    ("idea_", Idea),
    ("moderation_idea", Idea),
    ("report_", StatusReport),
    ("concept_pdf", ConceptVersion),
    ("fund_", Fund),
    ("application_", Application),
]


def _area_filter(model, area):
    lookups = {
        ContactPerson: "actor__area",
        CommitteeMembership: "committee__area",
        ActionField: "version__area",
        Goal: "action_field__version__area",
        Indicator: "goal__action_field__version__area",
        IndicatorValue: "indicator__goal__action_field__version__area",
        Milestone: "measure__area",
    }
    return model.objects.filter(**{lookups.get(model, "area"): area})


def _first(model, area, **filters):
    return _area_filter(model, area).filter(**filters).order_by("pk").first()


def _fund_child(model, area, application):
    rows = model.objects.filter(application__area=area)
    if application is not None:
        rows = rows.filter(application=application)
    row = rows.order_by("pk").first()
    return row.pk if row else None


# Arguments of the fund's URLs: the year, an applicant's private link, rows of an application.
FUND_ARGUMENTS = {
    "year": lambda area, _obj: _first(Fund, area).year,
    "token": lambda area, _obj: _first(Application, area).access_key,
    "document_pk": lambda area, obj: _fund_child(Document, area, obj),
    "decision_pk": lambda area, obj: _fund_child(Decision, area, obj),
    "question_pk": lambda area, obj: _fund_child(Question, area, obj),
}


def demo_kwargs(route: Route, area: Area) -> list[dict]:
    """Argument sets for one route in the demo area (several for ``kind``/``fmt``), or []."""
    url_name = route.name.split(":")[-1]
    base = {}
    pk_object = None
    if "pk" in route.kwargs or "version_id" in route.kwargs:
        model = next((m for prefix, m in PK_MODELS if url_name.startswith(prefix)), None)
        if route.name == "participation:comment_create":
            model = None
        elif model is None:
            return []
        if model is not None:
            filters = {"parent__isnull": True} if model is Comment else {}
            pk_object = _first(model, area, **filters)
            if pk_object is None:
                return []
            base["version_id" if "version_id" in route.kwargs else "pk"] = pk_object.pk
    for name in route.kwargs:
        if name == "area_slug":
            base[name] = area.slug
        elif name == "actor_pk":
            base[name] = pk_object.actor_id if pk_object else _first(Actor, area).pk
        elif name == "committee_pk":
            base[name] = pk_object.committee_id if pk_object else _first(Committee, area).pk
        elif name == "version_pk":
            base[name] = _first(ConceptVersion, area, is_current=True).pk
        elif name == "field_pk":
            base[name] = _first(ActionField, area).pk
        elif name == "goal_pk":
            base[name] = _first(Goal, area).pk
        elif name in FUND_ARGUMENTS:
            value = FUND_ARGUMENTS[name](area, pk_object)
            if value is None:
                return []
            base[name] = value
        elif name == "milestone_pk":
            milestone = _first(Milestone, area, measure=pk_object)
            if milestone is None:
                return []
            base[name] = milestone.pk
    if route.name == "participation:comment_create":
        return [
            {**base, "kind": "concept", "pk": _first(ConceptVersion, area, is_current=True).pk},
            {**base, "kind": "measure", "pk": _first(Measure, area, is_public=True).pk},
            {**base, "kind": "idea", "pk": _first(Idea, area, moderation="published").pk},
            {**base, "kind": "event", "pk": _first(Event, area, is_public=True).pk},
        ]
    if route.name == "measures:measure_row":
        return [{**base, "kind": kind} for kind in ("milestones", "financing")]
    if "fmt" in route.kwargs:
        return [{**base, "fmt": fmt} for fmt in ("xlsx", "csv")]
    if "key" in route.kwargs or "uidb36" in route.kwargs:
        return [{**base, "uidb36": "zz", "key": "set-password"}] if "uidb36" in route.kwargs else []
    missing = [name for name in route.kwargs if name not in base]
    return [] if missing else [base]


def demo_urls(area: Area) -> list[tuple[str, str]]:
    """(url name, path) for every route with demo arguments."""
    urls = []
    for route in all_routes():
        for kwargs in demo_kwargs(route, area):
            try:
                urls.append((route.name, reverse(route.name, kwargs=kwargs)))
            except Exception:  # noqa: BLE001, S112  a route whose arguments we cannot fill
                continue
    return urls


def demo_users():
    User = get_user_model()
    return {
        role: (User.objects.get(email=email) if email else None) for role, email in ROLES.items()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo, seeded once for the module and rolled back after it."""
    with rolled_back_after_module(django_db_blocker):
        with override_settings(DEBUG=True):
            call_command("seed_demo", scale="small", stdout=io.StringIO())
        cache.clear()
        yield Area.objects.get(slug=DEMO_SLUG)
    with django_db_blocker.unblock():
        cache.clear()  # the database cache was rolled back with the demo; Redis was not


# --- Forms --------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: list[dict] = field(default_factory=list)  # {name, type, value, options}


class FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=attrs.get("action") or self.page_url,
                method=(attrs.get("method") or "get").lower(),
                multipart="multipart" in (attrs.get("enctype") or ""),
            )
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and any(
                f["name"] == attrs["name"] for f in self._form.fields
            ):
                return
            self._form.fields.append(
                {"name": attrs["name"], "type": kind, "value": attrs.get("value") or ""}
            )
        elif tag == "select":
            self._select = {"name": attrs["name"], "type": "select", "value": "", "options": []}
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["options"].append(value)
            if value and not self._select["value"]:
                self._select["value"] = value
        elif tag == "textarea":
            self._textarea = {"name": attrs["name"], "type": "textarea", "value": ""}
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(page_url: str, html: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms
