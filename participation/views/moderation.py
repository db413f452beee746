"""Moderation of comments and ideas, and data protection requests (internal pages).

Managers moderate, answer and erase; city staff (reader role) may look at the queue but every
POST needs ``participation.moderate``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ihk.mixins import AreaPermissionMixin

from .. import contributions, privacy
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


class _ModerationMixin(AreaPermissionMixin):
    """GET needs read access to internal data, every other method the moderation right."""

    def get_permission_required(self):
        if self.request.method in ("GET", "HEAD"):
            return ("participation.view_contributions_internal",)
        return ("participation.moderate",)

    def crumbs(self, *extra):
        queue = reverse("participation:moderation", kwargs={"area_slug": self.area.slug})
        return [
            (_("My areas"), reverse("ihk:dashboard")),
            (self.area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": self.area.slug})),
            (_("Moderation"), queue if extra else ""),
            *extra,
        ]


class ModerationQueueView(_ModerationMixin, TemplateView):
    """``moderation/``: new and reported comments and new ideas; ``?show=all`` lists everything."""

    template_name = "participation/moderation_queue.html"
    page_size = 50

    def get_lists(self):
        show = "all" if self.request.GET.get("show") == "all" else "open"
        comments = Comment.objects.for_area(self.area).for_moderation()
        ideas = Idea.objects.for_area(self.area).select_related("action_field")
        if show == "open":
            comments = comments.filter(
                pk__in=Comment.objects.for_area(self.area).needing_moderation().values("pk")
            )
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
            n_comments = contributions.comments_moderate(
                area=self.area, ids=data["comments"], action=data["action"], reason=data["reason"]
            )
        if data["ideas"]:
            n_ideas = contributions.ideas_moderate(
                area=self.area, ids=data["ideas"], action=data["action"], reason=data["reason"]
            )
        messages.success(
            request,
            _("Done: %(comments)d comments and %(ideas)d ideas.")
            % {"comments": n_comments, "ideas": n_ideas},
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
        contributions.area_set_moderation_mode(
            area=self.area, premoderated=form.cleaned_data["premoderated"]
        )
        messages.success(request, _("The moderation mode has been saved."))
        return HttpResponseRedirect(queue)


class CommentModerationView(_ModerationMixin, TemplateView):
    """``moderation/comments/<pk>/``: decide on one comment and answer it officially."""

    template_name = "participation/moderation_comment.html"

    def get_comment(self):
        return get_object_or_404(
            Comment.objects.for_area(self.area)
            .for_moderation()
            .prefetch_related("reports", "replies"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        comment = kwargs.setdefault("comment", self.get_comment())
        kind, target = contributions.comment_target(comment)
        kwargs.setdefault(
            "moderation_form",
            ModerationForm(
                initial={
                    "action": {
                        Moderation.HIDDEN: "hide",
                        Moderation.BLOCKED: "block",
                    }.get(comment.moderation, "approve"),
                    "reason": comment.moderation_reason,
                }
            ),
        )
        kwargs.setdefault(
            "answer_form", AnswerForm(initial={"official_answer": comment.official_answer})
        )
        from .contributions import target_url

        kwargs.update(
            kind=kind,
            target=target,
            target_url=target_url(self.area, kind, target),
            breadcrumbs=self.crumbs((_("Comment %(pk)s") % {"pk": comment.pk}, "")),
            can_moderate=self.request.user.has_perm("participation.moderate", self.area),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        comment = self.get_comment()
        if request.POST.get("form") == "answer":
            form = AnswerForm(request.POST)
            if form.is_valid():
                contributions.comment_answer(
                    comment=comment, answer=form.cleaned_data["official_answer"], user=request.user
                )
                messages.success(request, _("The answer has been saved and is shown publicly."))
                return HttpResponseRedirect(request.path)
            context = self.get_context_data(comment=comment, answer_form=form)
        else:
            form = ModerationForm(request.POST)
            if form.is_valid():
                contributions.comments_moderate(
                    area=self.area,
                    ids=[comment.pk],
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The decision has been saved."))
                return HttpResponseRedirect(request.path)
            context = self.get_context_data(comment=comment, moderation_form=form)
        return self.render_to_response(context, status=400)


class IdeaModerationView(_ModerationMixin, TemplateView):
    """``moderation/ideas/<pk>/``: publish or hide an idea and give it its public status."""

    template_name = "participation/moderation_idea.html"

    def get_idea(self):
        return get_object_or_404(
            Idea.objects.for_area(self.area).select_related("action_field", "measure"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        idea = kwargs.setdefault("idea", self.get_idea())
        kwargs.setdefault(
            "moderation_form",
            ModerationForm(
                initial={
                    "action": {
                        Moderation.HIDDEN: "hide",
                        Moderation.BLOCKED: "block",
                    }.get(idea.moderation, "approve"),
                    "reason": idea.moderation_reason,
                }
            ),
        )
        kwargs.setdefault(
            "status_form",
            IdeaStatusForm(
                area=self.area,
                initial={
                    "status": idea.status,
                    "measure": idea.measure_id,
                    "status_reason": idea.status_reason,
                },
            ),
        )
        kwargs.update(
            breadcrumbs=self.crumbs((idea.title, "")),
            can_moderate=self.request.user.has_perm("participation.moderate", self.area),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        idea = self.get_idea()
        if request.POST.get("form") == "status":
            form = IdeaStatusForm(request.POST, area=self.area)
            if form.is_valid():
                try:
                    contributions.idea_set_status(
                        idea=idea,
                        status=form.cleaned_data["status"],
                        reason=form.cleaned_data["status_reason"],
                        measure=form.cleaned_data["measure"],
                    )
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, _("The status has been saved."))
                    return HttpResponseRedirect(request.path)
            context = self.get_context_data(idea=idea, status_form=form)
        else:
            form = ModerationForm(request.POST)
            if form.is_valid():
                contributions.ideas_moderate(
                    area=self.area,
                    ids=[idea.pk],
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The decision has been saved."))
                return HttpResponseRedirect(request.path)
            context = self.get_context_data(idea=idea, moderation_form=form)
        return self.render_to_response(context, status=400)


class PrivacyRequestView(AreaPermissionMixin, TemplateView):
    """``privacy/``: find, export or erase everything one e-mail address submitted.

    Only POST carries the address, so it never appears in URLs or server logs.
    """

    permission_required = "participation.moderate"
    template_name = "participation/privacy_request.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("search_form", PrivacySearchForm())
        kwargs.setdefault("found", None)
        kwargs["breadcrumbs"] = [
            (_("My areas"), reverse("ihk:dashboard")),
            (self.area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": self.area.slug})),
            (_("Data protection requests"), ""),
        ]
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "search")
        if action == "erase":
            form = PrivacyEraseForm(request.POST)
            if form.is_valid():
                counts = privacy.erase_submissions(
                    area=self.area, email=form.cleaned_data["email"], mode=form.cleaned_data["mode"]
                )
                messages.success(
                    request,
                    _("Erased: %(comments)d comments and %(ideas)d ideas.") % counts,
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
        form = PrivacySearchForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(search_form=form), status=400)
        email = form.cleaned_data["email"]
        if action in ("export_json", "export_csv"):
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
        return self.render_to_response(
            self.get_context_data(
                search_form=form,
                found=privacy.find_submissions(area=self.area, email=email),
                email=email,
                erase_form=PrivacyEraseForm(initial={"email": email}),
            )
        )
