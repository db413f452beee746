"""Event pages: internal list, page and editor for the area team; public pages and iCalendar."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View

from ihk.caching import cache_public_page
from ihk.mixins import AreaMixin, AreaPermissionMixin

from ..forms.events import EventForm, EventResultFormSet
from ..ical import build_calendar
from ..models import Event, EventFormat, EventResult
from ..services import event_save


def _internal_crumbs(area, *more):
    return [
        (_("My areas"), reverse("ihk:dashboard")),
        (area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})),
        (
            _("Participation"),
            reverse("participation:overview", kwargs={"area_slug": area.slug}),
        ),
        *more,
    ]


# --- internal -------------------------------------------------------------------------------


class EventListView(AreaPermissionMixin, ListView):
    """All events of the area (public or not) for managers and city staff."""

    permission_required = "participation.view_event_internal"
    template_name = "participation/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        events = Event.objects.for_area(self.area).for_list().order_by("-starts_at", "-pk")
        fmt = self.request.GET.get("format")
        if fmt in EventFormat.values:
            events = events.filter(format=fmt)
        return events

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = _internal_crumbs(self.area, (_("Events"), ""))
        kwargs["formats"] = EventFormat.choices
        kwargs["current_format"] = self.request.GET.get("format", "")
        kwargs["can_manage"] = self.request.user.has_perm("participation.manage_event", self.area)
        return super().get_context_data(**kwargs)


class EventDetailView(AreaPermissionMixin, DetailView):
    permission_required = "participation.view_event_internal"
    template_name = "participation/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        return get_object_or_404(Event.objects.for_detail(), pk=self.kwargs["pk"], area=self.area)

    def get_context_data(self, **kwargs):
        event = self.object
        kwargs["breadcrumbs"] = _internal_crumbs(
            self.area,
            (
                _("Events"),
                reverse("participation:event_list", kwargs={"area_slug": self.area.slug}),
            ),
            (event.title, ""),
        )
        kwargs["can_manage"] = self.request.user.has_perm("participation.manage_event", self.area)
        kwargs["people_total"] = sum(h.count for h in event.head_counts.all())
        return super().get_context_data(**kwargs)


class EventEditView(AreaPermissionMixin, TemplateView):
    """Create (no ``pk``) or edit an event with attendance, head counts and results."""

    permission_required = "participation.manage_event"
    template_name = "participation/event_form.html"

    @cached_property
    def event(self):
        if "pk" in self.kwargs:
            return get_object_or_404(Event, pk=self.kwargs["pk"], area=self.area)
        return Event(area=self.area)

    def get_forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        form = EventForm(data, instance=self.event, area=self.area)
        formset = EventResultFormSet(data, instance=self.event, prefix="results", area=self.area)
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self.get_forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self.get_forms()
        if form.is_valid() and formset.is_valid():
            event = form.save(commit=False)
            event.area = self.area
            event_save(
                event=event,
                actors=form.cleaned_data["actors"],
                head_counts=form.head_counts(),
                results_formset=formset,
            )
            messages.success(request, _("The event has been saved."))
            if "add_result" in request.POST:
                return redirect(
                    reverse(
                        "participation:event_update",
                        kwargs={"area_slug": self.area.slug, "pk": event.pk},
                    )
                    + "#results"
                )
            return redirect(event.get_internal_url())
        messages.error(request, _("Please correct the errors below."))
        return self.render_to_response(
            self.get_context_data(form=form, formset=formset), status=200
        )

    def get_context_data(self, **kwargs):
        list_url = reverse("participation:event_list", kwargs={"area_slug": self.area.slug})
        if self.event.pk:
            title = _("Edit event")
            kwargs["breadcrumbs"] = _internal_crumbs(
                self.area,
                (_("Events"), list_url),
                (self.event.title, self.event.get_internal_url()),
                (title, ""),
            )
        else:
            title = _("New event")
            kwargs["breadcrumbs"] = _internal_crumbs(
                self.area, (_("Events"), list_url), (title, "")
            )
        kwargs["page_title"] = title
        kwargs["event"] = self.event
        return super().get_context_data(**kwargs)


class ResultRowView(AreaPermissionMixin, TemplateView):
    """htmx: one more empty result row for the formset (the page works without it, too)."""

    permission_required = "participation.manage_event"
    template_name = "participation/partials/_event_result_row.html"

    def get_context_data(self, **kwargs):
        try:
            # htmx sends the formset's current TOTAL_FORMS: the new row gets that index.
            raw = self.request.GET.get("results-TOTAL_FORMS", self.request.GET.get("index", "0"))
            index = max(0, min(int(raw), 99))
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


class EventDeleteView(AreaPermissionMixin, TemplateView):
    permission_required = "participation.manage_event"
    template_name = "participation/event_confirm_delete.html"

    @cached_property
    def event(self):
        return get_object_or_404(Event, pk=self.kwargs["pk"], area=self.area)

    def get_context_data(self, **kwargs):
        kwargs["event"] = self.event
        kwargs["breadcrumbs"] = _internal_crumbs(
            self.area,
            (
                _("Events"),
                reverse("participation:event_list", kwargs={"area_slug": self.area.slug}),
            ),
            (self.event.title, self.event.get_internal_url()),
            (_("Delete"), ""),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        title = self.event.title
        self.event.delete()
        messages.success(request, _("The event “%(title)s” has been deleted.") % {"title": title})
        return redirect("participation:event_list", area_slug=self.area.slug)


# --- public ---------------------------------------------------------------------------------


class PublicAreaMixin(AreaMixin):
    """Public pages of an area: 404 while the area is not public (members see a preview)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.area.is_public and not request.user.has_perm(
            "ihk.view_area_internal", self.area
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def public_events(self):
        return Event.objects.filter(area=self.area, is_public=True)


@cache_public_page()
class EventPublicListView(PublicAreaMixin, TemplateView):
    """Upcoming and past public events; no personal data."""

    template_name = "participation/event_public_list.html"
    past_limit = 100

    def get_context_data(self, **kwargs):
        now = timezone.now()
        events = self.public_events().only(
            "pk", "area_id", "title", "format", "starts_at", "ends_at", "place", "target_groups"
        )
        kwargs["upcoming"] = list(events.upcoming(now))
        kwargs["past"] = list(events.past(now)[: self.past_limit])
        kwargs["breadcrumbs"] = [
            (_("Areas"), reverse("ihk:home")),
            (self.area.name, self.area.get_absolute_url()),
            (_("Events"), ""),
        ]
        kwargs["feed_url"] = self.request.build_absolute_uri(
            reverse("participation:event_feed", kwargs={"area_slug": self.area.slug})
        )
        return super().get_context_data(**kwargs)


@cache_public_page()
class EventPublicView(PublicAreaMixin, DetailView):
    template_name = "participation/event_public.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.public_events().select_related("area"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        kwargs["results"] = list(
            EventResult.objects.filter(event=self.object)
            .select_related("measure", "goal")
            .order_by("pk")
        )
        kwargs["breadcrumbs"] = [
            (_("Areas"), reverse("ihk:home")),
            (self.area.name, self.area.get_absolute_url()),
            (
                _("Events"),
                reverse("participation:event_public_list", kwargs={"area_slug": self.area.slug}),
            ),
            (self.object.title, ""),
        ]
        return super().get_context_data(**kwargs)


class _CalendarView(PublicAreaMixin, View):
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
    """The iCalendar feed of all public events of the area."""

    def get(self, request, *args, **kwargs):
        events = self.public_events().order_by("starts_at", "pk")
        return self.calendar_response(events, f"{self.area.slug}-events.ics")


@cache_public_page()
class EventIcsView(_CalendarView):
    """One public event as an .ics file ("add to calendar")."""

    def get(self, request, *args, **kwargs):
        event = get_object_or_404(self.public_events(), pk=kwargs["pk"])
        return self.calendar_response([event], f"event-{event.pk}.ics")
