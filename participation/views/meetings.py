"""Committee meeting pages: internal list, page, editor, minutes, invitations and minutes PDFs for
the area team; the public list of meetings with their public agenda and published minutes.

Every meeting is looked up in the area's own meetings, so another area's meeting answers 404.
Agenda items, decisions, attendance and tasks are in ``meeting_items``.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView, View

from ihk.caching import cache_public_page
from ihk.mixins import AreaPermissionMixin, PublicAreaMixin, internal_crumbs, public_crumbs

from .. import meeting_services
from ..forms.meetings import MeetingForm, MinutesForm
from ..meeting_pdf import render_minutes_pdf
from ..models import AgendaItem, Meeting, MeetingInvitation, MeetingStatus


class MeetingMixin(AreaPermissionMixin):
    """The area's meetings for managers and city staff; ``self.meeting`` from ``<pk>``."""

    permission_required = "participation.view_meetings"

    def get_queryset(self):
        return Meeting.objects.for_area(self.area)

    @cached_property
    def meeting(self) -> Meeting:
        return get_object_or_404(
            self.get_queryset().select_related("area", "committee"), pk=self.kwargs["pk"]
        )

    def crumbs(self, *items):
        area = self.area
        overview = reverse("participation:overview", kwargs={"area_slug": area.slug})
        meetings = reverse("participation:meeting_list", kwargs={"area_slug": area.slug})
        if items:
            return internal_crumbs(
                area, (_("Participation"), overview), (_("Committee meetings"), meetings), *items
            )
        return internal_crumbs(area, (_("Participation"), overview), (_("Committee meetings"), ""))

    def meeting_crumbs(self, *items):
        return self.crumbs((self.meeting.title, self.meeting.get_absolute_url()), *items)

    def get_context_data(self, **kwargs):
        kwargs["can_manage"] = self.request.user.has_perm(
            "participation.manage_meetings", self.area
        )
        return super().get_context_data(**kwargs)


class MeetingListView(MeetingMixin, ListView):
    template_name = "participation/meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 30

    def get_queryset(self):
        return super().get_queryset().for_list().order_by("-starts_at", "-pk")

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.crumbs()
        return super().get_context_data(**kwargs)


class MeetingDetailView(MeetingMixin, DetailView):
    template_name = "participation/meetings/meeting_detail.html"
    context_object_name = "meeting"
    invitations_shown = 100

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_context_data(self, **kwargs):
        meeting = self.object
        kwargs["breadcrumbs"] = self.crumbs((meeting.title, ""))
        kwargs["invitations"] = list(
            MeetingInvitation.objects.filter(meeting=meeting)
            .select_related("membership__actor", "contact")
            .order_by("-queued_at", "membership__actor__name", "pk")[: self.invitations_shown]
        )
        kwargs["member_count"] = meeting.memberships().count()
        kwargs["attendances"] = sorted(
            meeting.attendances.all(), key=lambda a: a.membership.actor.name
        )
        return super().get_context_data(**kwargs)


class _MeetingFormMixin(MeetingMixin):
    permission_required = "participation.manage_meetings"
    template_name = "participation/meetings/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["area"] = self.area
        return kwargs

    def form_valid(self, form):
        messages.success(self.request, _("The meeting has been saved."))
        return super().form_valid(form)

    def form_invalid(self, form):
        messages.error(self.request, _("Please correct the errors below."))
        return super().form_invalid(form)


class MeetingCreateView(_MeetingFormMixin, CreateView):
    def get_initial(self):
        committee = self.request.GET.get("committee", "")
        if committee.isascii() and committee.isdigit():
            return {"committee": committee}
        return {}

    def get_context_data(self, **kwargs):
        kwargs["page_title"] = _("New committee meeting")
        kwargs["breadcrumbs"] = self.crumbs((kwargs["page_title"], ""))
        return super().get_context_data(**kwargs)


class MeetingUpdateView(_MeetingFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return self.meeting

    def get_context_data(self, **kwargs):
        kwargs["page_title"] = _("Edit meeting")
        kwargs["breadcrumbs"] = self.meeting_crumbs((kwargs["page_title"], ""))
        return super().get_context_data(**kwargs)


class MinutesUpdateView(MeetingMixin, UpdateView):
    permission_required = "participation.manage_meetings"
    template_name = "participation/meetings/minutes_form.html"
    form_class = MinutesForm

    def get_object(self, queryset=None):
        return self.meeting

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.meeting_crumbs((_("Minutes"), ""))
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("The minutes have been saved."))
        return super().form_valid(form)


class MeetingDeleteView(MeetingMixin, DeleteView):
    permission_required = "participation.manage_meetings"
    template_name = "participation/meetings/meeting_confirm_delete.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return self.meeting

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.meeting_crumbs((_("Delete"), ""))
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return reverse("participation:meeting_list", kwargs={"area_slug": self.area.slug})

    def form_valid(self, form):
        messages.success(
            self.request,
            _("The meeting “%(title)s” has been deleted.") % {"title": self.object.title},
        )
        return super().form_valid(form)


class MeetingInviteView(MeetingMixin, View):
    """POST: queue invitation mails to every current member (sent by the background worker)."""

    permission_required = "participation.manage_meetings"

    def post(self, request, *args, **kwargs):
        meeting = self.meeting
        if meeting.status == MeetingStatus.CANCELLED:
            messages.error(request, _("A cancelled meeting cannot be invited to."))
        else:
            rows = meeting_services.queue_invitations(meeting)
            reachable = sum(1 for row in rows if row.contact_id)
            messages.success(
                request,
                _(
                    "%(count)d invitations will be sent in the next minutes; "
                    "%(missing)d members have no e-mail address."
                )
                % {"count": reachable, "missing": len(rows) - reachable},
            )
        return HttpResponseRedirect(meeting.get_absolute_url() + "#invitations")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class MinutesPdfView(MeetingMixin, View):
    """The internal minutes (every item, names, internal part, tasks)."""

    def get(self, request, *args, **kwargs):
        meeting = get_object_or_404(self.get_queryset().for_detail(), pk=self.kwargs["pk"])
        pdf = render_minutes_pdf(meeting, public=False)
        return _pdf_response(pdf, f"protokoll-intern-{meeting.pk}.pdf")


# --- public ---------------------------------------------------------------------------------


class _PublicMeetingMixin(PublicAreaMixin):
    def get_queryset(self):
        return Meeting.objects.for_area(self.area).filter(is_public=True)


@cache_public_page()
class MeetingPublicListView(_PublicMeetingMixin, ListView):
    """Public meetings, newest first, with their public agenda items and, once published, the
    public minutes as PDF. Names no member and nothing internal."""

    template_name = "participation/meetings/meeting_public_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        public_items = AgendaItem.objects.filter(is_public=True).select_related("decision")
        return (
            super()
            .get_queryset()
            .select_related("committee")
            .prefetch_related(Prefetch("agenda_items", queryset=public_items))
            .order_by("-starts_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = public_crumbs(self.area, (_("Committee meetings"), ""))
        kwargs["now"] = timezone.now()
        return super().get_context_data(**kwargs)


class PublicMinutesPdfView(_PublicMeetingMixin, View):
    """The public minutes of a held public meeting whose minutes are published; else 404."""

    def get(self, request, *args, **kwargs):
        meeting = (
            self.get_queryset()
            .filter(status=MeetingStatus.HELD, minutes_published=True)
            .for_detail()
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if meeting is None:
            raise Http404
        pdf = render_minutes_pdf(meeting, public=True)
        return _pdf_response(pdf, f"protokoll-{meeting.pk}.pdf")
