"""Event registration: the residents' form and cancel link, the managers' attendance list.

The public pages carry no personal data; the list, its exports and the settings are internal
(``participation.view_registrations`` / ``manage_registrations``) and look up the event in the
area's own events, so another area's event answers 404.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from ihk.mixins import (
    AreaMixin,
    AreaPermissionMixin,
    PublicAreaMixin,
    internal_crumbs,
    public_crumbs,
)

from .. import registration_services, spam
from ..forms.registrations import HeadCountTransferForm, RegistrationForm, RegistrationSettingsForm
from ..models import Event, Registration, RegistrationSettings
from ..registration_exports import registrations_csv, registrations_xlsx
from ..registration_services import Applicant, RegistrationClosed, is_open

RATE_LIMIT_STATUS = 429


class RegisterView(PublicAreaMixin, FormView):
    """``events/<pk>/register/``: the form, or a note that registration is not open."""

    template_name = "participation/registrations/register.html"
    form_class = RegistrationForm

    @cached_property
    def event(self):
        events = Event.objects.for_area(self.area).filter(is_public=True)
        return get_object_or_404(events, pk=self.kwargs["pk"])

    @cached_property
    def registration_settings(self):
        return RegistrationSettings.objects.filter(event=self.event).first()

    def get_form_kwargs(self):
        settings = self.registration_settings or RegistrationSettings(event=self.event)
        return {**super().get_form_kwargs(), "settings": settings}

    def get_context_data(self, **kwargs):
        kwargs["event"] = self.event
        kwargs["open"] = is_open(self.event, self.registration_settings)
        kwargs["breadcrumbs"] = public_crumbs(
            self.area,
            (_("Events"), reverse("participation:event_public_list", args=[self.area.slug])),
            (self.event.title, self.event.get_absolute_url()),
            (_("Registration"), ""),
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        applicant = Applicant(
            name=data["name"],
            email=data["email"],
            accessibility_needs=data.get("accessibility_needs", ""),
            childcare_children=data.get("childcare_children") or 0,
        )
        try:
            registration, _created = registration_services.register(
                event=self.event, applicant=applicant, client=spam.client_hash(self.request)
            )
        except RegistrationClosed:
            form.add_error(None, _("Registration for this event is closed."))
            return self.render_to_response(self.get_context_data(form=form), status=409)
        except spam.RateLimited:
            form.add_error(
                None,
                _("You have registered several times in a short time. Please try again later."),
            )
            return self.render_to_response(
                self.get_context_data(form=form), status=RATE_LIMIT_STATUS
            )
        url = reverse("participation:registration_done", args=[self.area.slug, self.event.pk])
        return HttpResponseRedirect(url)


class RegistrationDoneView(RegisterView):
    """After sending the form: "check your inbox" (the mail says whether a place or the
    waiting list; the page shows nothing about the person)."""

    template_name = "participation/registrations/done.html"
    http_method_names = ["get", "head"]


class RegistrationCancelView(AreaMixin, TemplateView):
    """The cancel link from the mails: GET asks, POST cancels (a freed place moves someone up)."""

    template_name = "participation/registrations/cancel.html"

    @cached_property
    def registration(self):
        queryset = (
            Registration.objects.active()
            .filter(event__area=self.area)
            .select_related("event__area")
        )
        return registration_services.registration_for_token(queryset, self.kwargs["token"])

    def dispatch(self, request, *args, **kwargs):
        if self.registration is None:
            return render(
                request,
                "participation/subscriptions/link_invalid.html",
                {"area": self.area, "breadcrumbs": public_crumbs(self.area, (_("Link"), ""))},
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["event"] = self.registration.event
        kwargs["breadcrumbs"] = public_crumbs(self.area, (_("Cancel registration"), ""))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        context = self.get_context_data()
        registration_services.cancel(self.registration)
        return render(request, "participation/registrations/cancelled.html", context)


# --- internal -------------------------------------------------------------------------------


class _EventRegistrationsMixin(AreaPermissionMixin):
    permission_required = "participation.view_registrations"

    @cached_property
    def event(self):
        return get_object_or_404(Event.objects.for_area(self.area), pk=self.kwargs["pk"])

    def list_url(self):
        return reverse("participation:registration_list", args=[self.area.slug, self.event.pk])


class RegistrationListView(_EventRegistrationsMixin, ListView):
    """The attendance list: registered, waiting, cancelled; printable; attendance ticks."""

    template_name = "participation/registrations/list.html"
    context_object_name = "registrations"
    paginate_by = 200

    def get_queryset(self):
        return Registration.objects.for_event(self.event).for_list()

    def get_context_data(self, **kwargs):
        settings = RegistrationSettings.objects.filter(event=self.event).first()
        kwargs.update(
            event=self.event,
            registration_settings=settings,
            counts=Registration.objects.for_event(self.event).counts(),
            can_manage=self.request.user.has_perm("participation.manage_registrations", self.area),
            settings_form=RegistrationSettingsForm(
                instance=settings or RegistrationSettings(event=self.event)
            ),
            transfer_form=HeadCountTransferForm(),
            breadcrumbs=internal_crumbs(
                self.area,
                (_("Participation"), reverse("participation:overview", args=[self.area.slug])),
                (_("Events"), reverse("participation:event_list", args=[self.area.slug])),
                (self.event.title, self.event.get_internal_url()),
                (_("Registrations"), ""),
            ),
        )
        return super().get_context_data(**kwargs)


class RegistrationExportView(_EventRegistrationsMixin, View):
    """``registrations.csv`` / ``registrations.xlsx`` through the formula-safe spreadsheet layer."""

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in ("csv", "xlsx"):
            raise Http404
        registrations = Registration.objects.for_event(self.event).for_list()
        name = f"registrations-event-{self.event.pk}"
        if kwargs["fmt"] == "xlsx":
            body = registrations_xlsx(self.event, registrations)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body = registrations_csv(self.event, registrations)
            content_type = "text/csv; charset=utf-8"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{kwargs["fmt"]}"'
        return response


class RegistrationSettingsView(_EventRegistrationsMixin, View):
    permission_required = "participation.manage_registrations"

    def post(self, request, *args, **kwargs):
        settings = RegistrationSettings.objects.filter(event=self.event).first()
        form = RegistrationSettingsForm(
            request.POST, instance=settings or RegistrationSettings(event=self.event)
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(self.list_url())
        moved = registration_services.save_settings(form.save(commit=False))
        messages.success(request, _("The registration settings have been saved."))
        if moved:
            messages.info(
                request,
                _("%(count)d people moved up from the waiting list.") % {"count": len(moved)},
            )
        return HttpResponseRedirect(self.list_url())


class AttendanceView(_EventRegistrationsMixin, View):
    """Ticks who came (for the registrations shown on the submitted page of the list)."""

    permission_required = "participation.manage_registrations"

    def post(self, request, *args, **kwargs):
        shown = _ids(request.POST.getlist("shown"))
        attended = _ids(request.POST.getlist("attended")) & shown
        registration_services.record_attendance(
            event=self.event, shown_ids=shown, attended_ids=attended
        )
        messages.success(request, _("Attendance has been saved."))
        return HttpResponseRedirect(self.list_url())


class HeadCountTransferView(_EventRegistrationsMixin, View):
    """Writes the number of attended registrations into the event's head counts."""

    permission_required = "participation.manage_registrations"

    def post(self, request, *args, **kwargs):
        form = HeadCountTransferForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please choose a group."))
            return HttpResponseRedirect(self.list_url())
        count = registration_services.transfer_head_count(
            event=self.event, group=form.cleaned_data["group"]
        )
        messages.success(
            request,
            _("%(count)d people have been entered in the attendance records.") % {"count": count},
        )
        return HttpResponseRedirect(self.list_url())


def _ids(values) -> set[int]:
    """Primary keys from form values; anything that is not a plain number is ignored."""
    return {int(v) for v in values[:1000] if v.isascii() and v.isdigit() and len(v) < 19}
