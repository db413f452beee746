"""Event pages: internal list, page and editor for the area team; public pages and iCalendar.

Django's generic views throughout; every object is looked up in the area's own events
(``get_queryset``), so another area's event answers 404.
"""

import datetime

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, ListView, TemplateView, View

from ihk.caching import cache_public_page
from ihk.mixins import AreaPermissionMixin, PublicAreaMixin, internal_crumbs, public_crumbs

from ..forms.events import EventForm, EventResultFormSet
from ..ical import build_calendar
from ..maps import map_config
from ..models import Event, EventFormat, EventResult
from ..services import event_save


class _InternalEventMixin(AreaPermissionMixin):
    """The area's events, all of them (public or not), for managers and city staff."""

    permission_required = "participation.view_event_internal"

    def get_queryset(self):
        return Event.objects.for_area(self.area)

    def crumbs(self, *items):
        overview = reverse("participation:overview", kwargs={"area_slug": self.area.slug})
        return internal_crumbs(self.area, (_("Participation"), overview), *items)

    def event_crumbs(self, *items):
        """Participation › Events › <event> › *items (or Events › *items for a new event)."""
        list_url = reverse("participation:event_list", kwargs={"area_slug": self.area.slug})
        event = getattr(self, "object", None)
        if event is not None and event.pk:
            return self.crumbs(
                (_("Events"), list_url), (event.title, event.get_internal_url()), *items
            )
        return self.crumbs((_("Events"), list_url), *items)


# --- internal -------------------------------------------------------------------------------


class EventListView(_InternalEventMixin, ListView):
    """All events of the area (public or not) for managers and city staff."""

    template_name = "participation/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        events = super().get_queryset().for_list().order_by("-starts_at", "-pk")
        fmt = self.request.GET.get("format")
        if fmt in EventFormat.values:
            events = events.filter(format=fmt)
        return events

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.crumbs((_("Events"), ""))
        kwargs["formats"] = EventFormat.choices
        kwargs["current_format"] = self.request.GET.get("format", "")
        kwargs["can_manage"] = self.request.user.has_perm("participation.manage_event", self.area)
        return super().get_context_data(**kwargs)


class EventDetailView(_InternalEventMixin, DetailView):
    template_name = "participation/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.event_crumbs()
        kwargs["breadcrumbs"][-1] = (self.object.title, "")
        kwargs["can_manage"] = self.request.user.has_perm("participation.manage_event", self.area)
        kwargs["people_total"] = sum(h.count for h in self.object.head_counts.all())
        return super().get_context_data(**kwargs)


class EventCreateView(_InternalEventMixin, CreateView):
    """A new event with attendance, head counts and results (``participation/events/new/``)."""

    permission_required = "participation.manage_event"
    template_name = "participation/event_form.html"
    form_class = EventForm
    context_object_name = "event"

    def get_object(self, queryset=None):
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        kwargs["instance"] = self.object or Event(area=self.area)
        return kwargs

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        instance = self.object or Event(area=self.area)
        return EventResultFormSet(data, instance=instance, prefix="results", area=self.area)

    def get_page_title(self):
        return _("New event")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        kwargs["page_title"] = self.get_page_title()
        kwargs["breadcrumbs"] = self.event_crumbs((kwargs["page_title"], ""))
        kwargs["event"] = self.object or Event(area=self.area)
        kwargs["picker_data"] = map_config(self.area)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form, formset = self.get_form(), self.get_formset()
        if not (form.is_valid() and formset.is_valid()):
            messages.error(request, _("Please correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        event = form.save(commit=False)
        event.area = self.area
        self.object = event_save(
            event=event,
            actors=form.cleaned_data["actors"],
            head_counts=form.head_counts(),
            results_formset=formset,
        )
        messages.success(request, _("The event has been saved."))
        if "add_result" in request.POST:
            url = reverse(
                "participation:event_update",
                kwargs={"area_slug": self.area.slug, "pk": self.object.pk},
            )
            return HttpResponseRedirect(f"{url}#results")
        return HttpResponseRedirect(self.object.get_internal_url())


class EventUpdateView(EventCreateView):
    """Edit an event of the area (``participation/events/<pk>/edit/``)."""

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def get_page_title(self):
        return _("Edit event")


class ResultRowView(AreaPermissionMixin, TemplateView):
    """htmx: one more empty result row for the formset (the page works without it, too)."""

    permission_required = "participation.manage_event"
    template_name = "participation/partials/_event_result_row.html"

    def get_context_data(self, **kwargs):
        try:
            # htmx sends the formset's current TOTAL_FORMS: the new row gets that index.
            raw = self.request.GET.get("results-TOTAL_FORMS", self.request.GET.get("index", "0"))
            index = max(0, min(int(raw), EventResultFormSet.max_num - 1))
        except ValueError:
            index = 0
        formset = EventResultFormSet(
            instance=Event(area=self.area), prefix="results", area=self.area
        )
        form = formset.empty_form
        form.prefix = formset.add_prefix(index)
        kwargs["result_form"] = form
        kwargs["index"] = index
        kwargs["total"] = index + 1
        kwargs["oob"] = True
        return super().get_context_data(**kwargs)


class EventDeleteView(_InternalEventMixin, DeleteView):
    permission_required = "participation.manage_event"
    template_name = "participation/event_confirm_delete.html"
    context_object_name = "event"

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.event_crumbs((_("Delete"), ""))
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return reverse("participation:event_list", kwargs={"area_slug": self.area.slug})

    def form_valid(self, form):
        title = self.object.title
        response = super().form_valid(form)
        messages.success(
            self.request, _("The event “%(title)s” has been deleted.") % {"title": title}
        )
        return response


# --- public ---------------------------------------------------------------------------------

PUBLIC_LIST_FIELDS = (
    "pk",
    "area_id",
    "title",
    "format",
    "starts_at",
    "ends_at",
    "place",
    "target_groups",
)


class _PublicEventMixin(PublicAreaMixin):
    def get_queryset(self):
        return Event.objects.for_area(self.area).filter(is_public=True)


@cache_public_page()
class EventPublicListView(_PublicEventMixin, ListView):
    """Upcoming events (the next ``upcoming_limit``) and past ones, paginated; no personal data."""

    template_name = "participation/event_public_list.html"
    context_object_name = "past"
    paginate_by = 20
    upcoming_limit = 20

    def get_queryset(self):
        return super().get_queryset().only(*PUBLIC_LIST_FIELDS).past(timezone.now())

    def get_context_data(self, **kwargs):
        upcoming = super().get_queryset().only(*PUBLIC_LIST_FIELDS).upcoming(timezone.now())
        # One row more than shown tells whether there are more, without counting them all.
        shown = list(upcoming[: self.upcoming_limit + 1])
        kwargs["upcoming"] = shown[: self.upcoming_limit]
        kwargs["more_upcoming"] = len(shown) > self.upcoming_limit
        kwargs["breadcrumbs"] = public_crumbs(self.area, (_("Events"), ""))
        kwargs["feed_url"] = self.request.build_absolute_uri(
            reverse("participation:event_feed", kwargs={"area_slug": self.area.slug})
        )
        return super().get_context_data(**kwargs)


@cache_public_page()
class EventPublicView(_PublicEventMixin, DetailView):
    template_name = "participation/event_public.html"
    context_object_name = "event"

    def get_queryset(self):
        return super().get_queryset().select_related("area")

    def get_context_data(self, **kwargs):
        kwargs["results"] = list(
            EventResult.objects.filter(event=self.object)
            .select_related("measure", "goal")
            .order_by("pk")
        )
        events_url = reverse(
            "participation:event_public_list", kwargs={"area_slug": self.area.slug}
        )
        kwargs["breadcrumbs"] = public_crumbs(
            self.area, (_("Events"), events_url), (self.object.title, "")
        )
        return super().get_context_data(**kwargs)


FEED_FIELDS = (
    "pk",
    "area_id",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "description",
    "updated_at",
)


class _CalendarView(_PublicEventMixin, View):
    def calendar_response(self, events, filename):
        host = self.request.get_host().split(":")[0]
        body = build_calendar(
            events,
            name=f"{self.area.name} – {_('Events')}",
            host=host,
            url_for=lambda event: self.request.build_absolute_uri(
                reverse(
                    "participation:event_public",
                    kwargs={"area_slug": self.area.slug, "pk": event.pk},
                )
            ),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


@cache_public_page()
class EventFeedView(_CalendarView):
    """The iCalendar feed: at most ``feed_size`` public events, the next ones first (up to
    ``feed_size - past_min``), the rest the latest of the past ``window_days``. A busy area's
    feed is as long as a quiet one's, so it costs the same; a calendar app reloads it regularly
    and so always has what is coming up. Everything else is on the paginated events page."""

    window_days = 365
    feed_size = 40
    past_min = 10

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        events = self.get_queryset().only(*FEED_FIELDS)
        upcoming = list(
            events.filter(ends_at__gte=now).order_by("starts_at", "pk")[
                : self.feed_size - self.past_min
            ]
        )
        since = now - datetime.timedelta(days=self.window_days)
        past = list(
            events.filter(ends_at__lt=now, ends_at__gte=since).order_by("-starts_at", "-pk")[
                : self.feed_size - len(upcoming)
            ]
        )
        return self.calendar_response(past[::-1] + upcoming, f"{self.area.slug}-events.ics")


@cache_public_page()
class EventIcsView(_CalendarView):
    """One public event as an .ics file ("add to calendar")."""

    def get(self, request, *args, **kwargs):
        event = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return self.calendar_response([event], f"event-{event.pk}.ics")
