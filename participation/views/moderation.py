"""Moderation of comments and ideas, and data protection requests (internal pages).

Managers moderate, answer and erase; city staff (reader role) may look at the queue but every
POST needs ``participation.moderate``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ihk.mixins import AreaPermissionMixin, internal_crumbs

from .. import privacy, services
from ..forms.contributions import (
    AnswerForm,
    BulkModerationForm,
    IdeaStatusForm,
    ModerationForm,
    ModerationModeForm,
    PrivacyEraseForm,
    PrivacySearchForm,
)
from ..models import Comment, Idea, Moderation
from ..targets import comment_target, target_url
from ..wording import contributions_counted


class _ModerationMixin(AreaPermissionMixin):
    """GET needs read access to internal data, every other method the moderation right."""

    def get_permission_required(self):
        if self.request.method in ("GET", "HEAD"):
            return ("participation.view_contributions_internal",)
        return ("participation.moderate",)

    def crumbs(self, *extra):
        queue = reverse("participation:moderation", kwargs={"area_slug": self.area.slug})
        return internal_crumbs(self.area, (_("Moderation"), queue if extra else ""), *extra)


class ModerationQueueView(_ModerationMixin, TemplateView):
    """``moderation/``: new and reported comments and new ideas; ``?show=all`` lists everything."""

    template_name = "participation/moderation_queue.html"
    page_size = 50

    def get_lists(self):
        show = "all" if self.request.GET.get("show") == "all" else "open"
        comments = Comment.objects.for_area(self.area).for_moderation()
        ideas = Idea.objects.for_area(self.area).select_related("action_field")
        if show == "open":
            comments = comments.needing_moderation()
            ideas = ideas.filter(moderation=Moderation.PENDING)
        comments = comments.order_by("-created_at", "-pk")
        ideas = ideas.order_by("-created_at", "-pk")
        page = Paginator(comments, self.page_size).get_page(self.request.GET.get("page"))
        return show, page, list(ideas[: self.page_size])

    def get_context_data(self, form=None, **kwargs):
        show, page, ideas = self.get_lists()
        kwargs.update(
            show=show,
            page_obj=page,
            comments=list(page.object_list),
            ideas=ideas,
            form=form or BulkModerationForm(),
            mode_form=ModerationModeForm(
                initial={"premoderated": "1" if self.area.comments_premoderated else "0"}
            ),
            breadcrumbs=self.crumbs(),
            can_moderate=self.request.user.has_perm("participation.moderate", self.area),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = BulkModerationForm(
            request.POST,
            comment_ids=Comment.objects.for_area(self.area).values_list("pk", flat=True),
            idea_ids=Idea.objects.for_area(self.area).values_list("pk", flat=True),
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        n_comments = n_ideas = 0
        if data["comments"]:
            n_comments = services.comments_moderate(
                area=self.area, ids=data["comments"], action=data["action"], reason=data["reason"]
            )
        if data["ideas"]:
            n_ideas = services.ideas_moderate(
                area=self.area, ids=data["ideas"], action=data["action"], reason=data["reason"]
            )
        messages.success(
            request,
            _("Done: %(comments)s and %(ideas)s.") % contributions_counted(n_comments, n_ideas),
        )
        return HttpResponseRedirect(request.get_full_path())


class ModerationModeView(AreaPermissionMixin, View):
    """``moderation/mode/`` (POST): switch the area between pre- and post-moderation."""

    permission_required = "participation.moderate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ModerationModeForm(request.POST)
        queue = reverse("participation:moderation", kwargs={"area_slug": self.area.slug})
        if not form.is_valid():
            messages.error(request, _("Please choose how comments are moderated."))
            return HttpResponseRedirect(queue)
        services.area_set_moderation_mode(
            area=self.area, premoderated=form.cleaned_data["premoderated"]
        )
        messages.success(request, _("The moderation mode has been saved."))
        return HttpResponseRedirect(queue)


class _DecisionView(_ModerationMixin, DetailView):
    """One comment or idea: the moderation decision and a second form (answer or status).

    Subclasses name the second form (``second``: POST name, heading, button) and say how to
    build and save it and how to save a decision; the POST handling (valid → save → redirect,
    invalid or refused → the page again with the errors, status 400) is written once here.
    """

    template_name = "participation/moderation_item.html"
    second = ("", "", "")  # (POST name, heading, button) of the second form

    def get_second_form(self, data=None):
        raise NotImplementedError

    def save_second_form(self, form) -> str:
        raise NotImplementedError

    def moderate(self, *, ids, action, reason) -> int:
        raise NotImplementedError

    def save_decision(self, form) -> str:
        self.moderate(
            ids=[self.object.pk],
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
        return _("The decision has been saved.")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("moderation_form", ModerationForm.for_item(self.object))
        kwargs.setdefault("second_form", self.get_second_form())
        name, heading, button = self.second
        kwargs.update(
            second_form_name=name,
            second_heading=heading,
            second_button=button,
            can_moderate=self.request.user.has_perm("participation.moderate", self.area),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.POST.get("form") == self.second[0]:
            name, form, save = (
                "second_form",
                self.get_second_form(request.POST),
                self.save_second_form,
            )
        else:
            name, form, save = "moderation_form", ModerationForm(request.POST), self.save_decision
        if form.is_valid():
            try:
                message = save(form)
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                messages.success(request, message)
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(**{name: form}), status=400)


class CommentModerationView(_DecisionView):
    """``moderation/comments/<pk>/``: decide on one comment and answer it officially."""

    template_name = "participation/moderation_comment.html"
    context_object_name = "comment"
    # The second form: its POST name, heading and button.
    second = ("answer", gettext_lazy("Official answer"), gettext_lazy("Save answer"))

    def get_queryset(self):
        return (
            Comment.objects.for_area(self.area)
            .for_moderation()
            .prefetch_related("reports", "replies")
        )

    def get_second_form(self, data=None):
        return AnswerForm(data, initial={"official_answer": self.object.official_answer})

    def save_second_form(self, form) -> str:
        services.comment_answer(
            comment=self.object, answer=form.cleaned_data["official_answer"], user=self.request.user
        )
        return _("The answer has been saved and is shown publicly.")

    def moderate(self, **kwargs) -> int:
        return services.comments_moderate(area=self.area, **kwargs)

    def get_context_data(self, **kwargs):
        kind, target = comment_target(self.object)
        title = _("Comment %(pk)s") % {"pk": self.object.pk}
        kwargs.update(
            item_title=title,
            kind=kind,
            target=target,
            target_url=target_url(self.area, kind, target),
            breadcrumbs=self.crumbs((title, "")),
        )
        return super().get_context_data(**kwargs)


class IdeaModerationView(_DecisionView):
    """``moderation/ideas/<pk>/``: publish or hide an idea and give it its public status."""

    template_name = "participation/moderation_idea.html"
    context_object_name = "idea"
    second = ("status", gettext_lazy("Public status"), gettext_lazy("Save status"))

    def get_queryset(self):
        return Idea.objects.for_area(self.area).select_related("action_field", "measure")

    def get_second_form(self, data=None):
        idea = self.object
        initial = {
            "status": idea.status,
            "measure": idea.measure_id,
            "status_reason": idea.status_reason,
        }
        return IdeaStatusForm(data, area=self.area, initial=initial)

    def save_second_form(self, form) -> str:
        services.idea_set_status(
            idea=self.object,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["status_reason"],
            measure=form.cleaned_data["measure"],
        )
        return _("The status has been saved.")

    def moderate(self, **kwargs) -> int:
        return services.ideas_moderate(area=self.area, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(
            item_title=self.object.title, breadcrumbs=self.crumbs((self.object.title, ""))
        )
        return super().get_context_data(**kwargs)


class PrivacyRequestView(AreaPermissionMixin, TemplateView):
    """``privacy/``: find, export or erase everything one e-mail address submitted.

    Only POST carries the address, so it never appears in URLs or server logs.
    """

    permission_required = "participation.moderate"
    template_name = "participation/privacy_request.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("search_form", PrivacySearchForm())
        kwargs.setdefault("found", None)
        kwargs["breadcrumbs"] = internal_crumbs(self.area, (_("Data protection requests"), ""))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "search")
        if action == "erase":
            return self.erase(request)
        form = PrivacySearchForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(search_form=form), status=400)
        email = form.cleaned_data["email"]
        if action in ("export_json", "export_csv"):
            return self.export(action, email)
        return self.render_to_response(
            self.get_context_data(
                search_form=form,
                found=privacy.find_submissions(area=self.area, email=email),
                email=email,
                erase_form=PrivacyEraseForm(initial={"email": email}),
            )
        )

    def erase(self, request):
        form = PrivacyEraseForm(request.POST)
        if form.is_valid():
            counts = privacy.erase_submissions(
                area=self.area, email=form.cleaned_data["email"], mode=form.cleaned_data["mode"]
            )
            messages.success(
                request,
                _("Erased: %(comments)s and %(ideas)s.")
                % contributions_counted(counts["comments"], counts["ideas"]),
            )
            if counts.get("subscriptions") or counts.get("registrations"):
                messages.success(
                    request,
                    _(
                        "Also deleted: %(subscriptions)d subscriptions, "
                        "%(registrations)d event registrations."
                    )
                    % counts,
                )
            return HttpResponseRedirect(request.path)
        email = request.POST.get("email", "")
        return self.render_to_response(
            self.get_context_data(
                search_form=PrivacySearchForm(initial={"email": email}),
                found=privacy.find_submissions(area=self.area, email=email),
                email=email,
                erase_form=form,
            ),
            status=400,
        )

    def export(self, action, email):
        """Everything the address submitted, as a JSON or CSV download (never cached)."""
        stamp = timezone.localdate().isoformat()
        if action == "export_json":
            body = privacy.export_json(area=self.area, email=email)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            name = f"datenauskunft-{self.area.slug}-{stamp}.json"
        else:
            body = privacy.export_csv(area=self.area, email=email)
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
            name = f"datenauskunft-{self.area.slug}-{stamp}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
