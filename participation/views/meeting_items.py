"""Editors of one meeting's parts: agenda items (add, edit, move, delete), the decision on an item,
attendance of the members, and follow-up tasks. Managers only; objects are looked up within the
meeting, which is looked up within the area (anything else answers 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, FormView, UpdateView, View

from .. import meeting_services
from ..forms.meetings import AgendaItemForm, AttendanceForm, DecisionForm, FollowUpTaskForm
from ..models import Decision
from .meetings import MeetingMixin


class _MeetingPartMixin(MeetingMixin):
    def saved_through(self, form, save, message):
        """Run a meeting service with the form's data: its ValidationError goes onto the form
        (kept as typed); success gives ``message`` and the way back to the meeting."""
        try:
            save()
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    permission_required = "participation.manage_meetings"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.meeting
        return kwargs

    def get_success_url(self):
        return self.meeting.get_absolute_url() + self.anchor

    anchor = ""
    page_title = ""

    def get_context_data(self, **kwargs):
        kwargs["meeting"] = self.meeting
        kwargs["page_title"] = self.page_title
        kwargs["breadcrumbs"] = self.meeting_crumbs((self.page_title, ""))
        return super().get_context_data(**kwargs)

    def form_invalid(self, form):
        messages.error(self.request, _("Please correct the errors below."))
        return super().form_invalid(form)

    def _item(self):
        return get_object_or_404(self.meeting.agenda_items.all(), pk=self.kwargs["item_pk"])


def _add_errors(form, error: ValidationError):
    """Put a service's ValidationError on the form (per field where the form has the field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- agenda ---------------------------------------------------------------------------------


class AgendaItemCreateView(_MeetingPartMixin, CreateView):
    template_name = "participation/meetings/part_form.html"
    form_class = AgendaItemForm
    anchor = "#agenda"

    @property
    def page_title(self):
        return _("New agenda item")

    def form_valid(self, form):
        data = form.cleaned_data

        def save():
            self.object = meeting_services.add_agenda_item(
                self.meeting,
                title=data["title"],
                description=data["description"],
                public=data["is_public"],
                version=data["version"],
                measure=data["measure"],
                idea=data["idea"],
            )
            return self.object

        return self.saved_through(form, save, _("The agenda item has been added."))


class AgendaItemUpdateView(_MeetingPartMixin, UpdateView):
    template_name = "participation/meetings/part_form.html"
    form_class = AgendaItemForm
    anchor = "#agenda"

    @property
    def page_title(self):
        return _("Edit agenda item")

    def get_object(self, queryset=None):
        return self._item()

    def form_valid(self, form):
        messages.success(self.request, _("The agenda item has been saved."))
        return super().form_valid(form)


class AgendaItemMoveView(_MeetingPartMixin, View):
    """POST ``direction=up|down``: move the item one place."""

    def post(self, request, *args, **kwargs):
        item = self._item()
        meeting_services.move_agenda_item(item, up=request.POST.get("direction") != "down")
        return HttpResponseRedirect(self.meeting.get_absolute_url() + "#agenda")


class AgendaItemDeleteView(_MeetingPartMixin, View):
    def post(self, request, *args, **kwargs):
        item = self._item()
        meeting_services.remove_agenda_item(item)
        messages.success(request, _("The agenda item has been removed."))
        return HttpResponseRedirect(self.meeting.get_absolute_url() + "#agenda")


# --- decision -------------------------------------------------------------------------------


class DecisionView(_MeetingPartMixin, UpdateView):
    """Record or change the decision on one item, with votes and exclusions."""

    template_name = "participation/meetings/decision_form.html"
    form_class = DecisionForm
    anchor = "#agenda"

    @property
    def page_title(self):
        return _("Decision on item %(position)s") % {"position": self.item.position}

    @cached_property
    def item(self):
        return self._item()

    def get_object(self, queryset=None):
        return Decision.objects.filter(agenda_item=self.item).first() or Decision(
            agenda_item=self.item
        )

    def get_context_data(self, **kwargs):
        kwargs["item"] = self.item
        kwargs["eligible"] = meeting_services.eligible_voters(self.meeting)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        data = form.cleaned_data

        def save():
            return meeting_services.record_decision(
                self.item,
                outcome=data["outcome"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                abstentions=data["abstentions"],
                excluded_memberships=data["excluded_memberships"],
                reason=data["reason"],
                conditions=data["conditions"],
            )

        return self.saved_through(form, save, _("The decision has been recorded."))


# --- attendance -----------------------------------------------------------------------------


class AttendanceView(_MeetingPartMixin, FormView):
    template_name = "participation/meetings/attendance_form.html"
    form_class = AttendanceForm
    anchor = "#attendance"

    @property
    def page_title(self):
        return _("Attendance")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["memberships"] = list(self.meeting.memberships())
        return kwargs

    def form_valid(self, form):
        def save():
            return meeting_services.record_attendance(
                self.meeting, statuses=form.statuses(), guests=form.cleaned_data["guests"]
            )

        return self.saved_through(form, save, _("The attendance has been saved."))


# --- follow-up tasks ------------------------------------------------------------------------


class TaskCreateView(_MeetingPartMixin, CreateView):
    template_name = "participation/meetings/part_form.html"
    form_class = FollowUpTaskForm
    anchor = "#tasks"

    @property
    def page_title(self):
        return _("New follow-up task")

    def get_initial(self):
        item = self.request.GET.get("item", "")
        return {"agenda_item": item} if item.isascii() and item.isdigit() else {}

    def form_valid(self, form):
        data = form.cleaned_data

        def save():
            task = meeting_services.add_task(
                self.meeting,
                title=data["title"],
                agenda_item=data["agenda_item"],
                owner_user=data["owner_user"],
                owner_name=data["owner_name"],
                due_on=data["due_on"],
            )
            if data["done"]:
                meeting_services.set_task_done(task, done=True)
            return task

        return self.saved_through(form, save, _("The task has been added."))


class TaskUpdateView(_MeetingPartMixin, UpdateView):
    template_name = "participation/meetings/part_form.html"
    form_class = FollowUpTaskForm
    anchor = "#tasks"

    @property
    def page_title(self):
        return _("Edit follow-up task")

    def get_object(self, queryset=None):
        return get_object_or_404(self.meeting.tasks.all(), pk=self.kwargs["task_pk"])

    def form_valid(self, form):
        was_done = form.initial.get("done", False)
        task = form.save(commit=False)
        if task.done != was_done:
            meeting_services.set_task_done(task, done=task.done)
        task.save()
        messages.success(self.request, _("The task has been saved."))
        return HttpResponseRedirect(self.get_success_url())


class TaskDoneView(_MeetingPartMixin, View):
    """POST ``done=1|0`` from the meeting page, or from the area dashboard (``back=dashboard``)."""

    def post(self, request, *args, **kwargs):
        task = get_object_or_404(self.meeting.tasks.all(), pk=self.kwargs["task_pk"])
        meeting_services.set_task_done(task, done=request.POST.get("done") == "1")
        if task.done:
            messages.success(request, _("The task “%(title)s” is done.") % {"title": task.title})
        if request.POST.get("back") == "dashboard":
            return HttpResponseRedirect(
                reverse("ihk:area_dashboard", kwargs={"area_slug": self.area.slug})
            )
        return HttpResponseRedirect(self.meeting.get_absolute_url() + "#tasks")
