"""Public views for residents' contributions without an account: comments, replies, reports,
project ideas.

Every POST follows post → redirect → get. A bad POST re-renders a comment form page with the
errors and everything the resident typed, never a 500. The comment list itself is rendered by the
``{% comments_for obj %}`` tag on the target's own page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from ihk.caching import cache_public_page
from ihk.mixins import AreaMixin

from .. import contributions, spam
from ..forms.contributions import CommentForm, IdeaForm, ReportForm
from ..models import Comment, CommentReport, Idea, Moderation

RATE_LIMIT_STATUS = 429
target_url = contributions.target_url


def _safe_next(request, fallback: str) -> str:
    candidate = request.POST.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate.split("#", 1)[0]
    return fallback


class PublicAreaMixin(AreaMixin):
    """Residents' pages exist only in public areas (members of the area may preview them)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.area.is_public and not request.user.has_perm(
            "participation.view_contributions_internal", self.area
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class _CommentFormView(AreaMixin, View):
    """Shared handling of a comment or reply form: honeypot, rate limit, double submit."""

    template_name = "participation/comment_form.html"
    parent = None

    def load(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        context = {
            "area": self.area,
            "target": self.target,
            "kind": self.kind,
            "parent": self.parent,
            "form": form,
            "back_url": self.back_url,
            "next": self.request.POST.get("next", ""),
        }
        return render(self.request, self.template_name, context, status=status)

    @cached_property
    def back_url(self):
        return target_url(self.area, self.kind, self.target)

    def get(self, request, *args, **kwargs):
        return self.render_form(CommentForm())

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        client = spam.client_hash(request)
        data = form.cleaned_data
        already = Comment.objects.filter(submission_key=data["submission_key"]).first()
        if already is None and spam.is_rate_limited(Comment.objects, "comment", client):
            form.add_error(
                None,
                _(
                    "You have written several comments in a short time. Please wait a few "
                    "minutes and send your comment again – your text is kept below."
                ),
            )
            return self.render_form(form, status=RATE_LIMIT_STATUS)
        try:
            comment, _created = contributions.comment_create(
                area=self.area,
                target=self.target,
                parent=self.parent,
                text=data["text"],
                pseudonym=data["pseudonym"],
                email=data["email"],
                consent=data["consent"],
                client_hash=client,
                submission_key=data["submission_key"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_form(form, status=400)
        url = _safe_next(request, self.back_url)
        if comment.moderation == Moderation.PUBLISHED:
            messages.success(request, _("Thank you! Your comment has been published."))
            return HttpResponseRedirect(f"{url}#comment-{comment.pk}")
        messages.success(
            request, _("Thank you! Your comment will be published after it has been reviewed.")
        )
        return HttpResponseRedirect(f"{url}#comments")


class CommentCreateView(_CommentFormView):
    """``comments/<kind>/<pk>/``: a new comment on a public concept, measure, event or idea."""

    def load(self):
        self.kind = self.kwargs["kind"]
        try:
            self.target = contributions.public_target(self.area, self.kind, self.kwargs["pk"])
        except contributions.TargetNotFound:
            raise Http404 from None


class CommentReplyView(_CommentFormView):
    """``comments/<pk>/reply/``: a reply to a published top-level comment (one level only)."""

    def load(self):
        parent = get_object_or_404(
            Comment.objects.select_related("version", "measure", "event", "idea"),
            pk=self.kwargs["pk"],
            area=self.area,
        )
        self.kind, target = contributions.comment_target(parent)
        try:
            self.target = contributions.public_target(self.area, self.kind, target.pk)
        except contributions.TargetNotFound:
            raise Http404 from None
        if parent.moderation != Moderation.PUBLISHED:
            raise Http404
        self.parent = parent

    def dispatch(self, request, *args, **kwargs):
        self.load()
        if self.parent.parent_id is not None:
            # One level of replies: answer the thread's first comment instead.
            return render(
                request,
                "participation/comment_reply_not_allowed.html",
                {"area": self.area, "back_url": self.back_url, "parent": self.parent.parent},
                status=400,
            )
        return View.dispatch(self, request, *args, **kwargs)


class CommentReportView(AreaMixin, View):
    """``comments/<pk>/report/``: a resident asks the moderation to look at a comment."""

    template_name = "participation/comment_report.html"

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            Comment.objects.select_related("version", "measure", "event", "idea"),
            pk=kwargs["pk"],
            area=self.area,
            moderation=Moderation.PUBLISHED,
        )
        self.kind, target = contributions.comment_target(self.comment)
        try:
            self.target = contributions.public_target(self.area, self.kind, target.pk)
        except contributions.TargetNotFound:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        context = {
            "area": self.area,
            "comment": self.comment,
            "target": self.target,
            "form": form,
            "back_url": target_url(self.area, self.kind, self.target),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ReportForm())

    def post(self, request, *args, **kwargs):
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        client = spam.client_hash(request)
        if spam.is_rate_limited(CommentReport.objects, "report", client):
            form.add_error(
                None, _("You have sent several reports in a short time. Please try again later.")
            )
            return self.render_form(form, status=RATE_LIMIT_STATUS)
        contributions.comment_report(
            comment=self.comment, reason=form.cleaned_data["reason"], client_hash=client
        )
        messages.success(request, _("Thank you. The moderation will look at the comment."))
        return HttpResponseRedirect(
            f"{target_url(self.area, self.kind, self.target)}#comment-{self.comment.pk}"
        )


# --- project ideas


@cache_public_page()
class IdeaListView(PublicAreaMixin, ListView):
    template_name = "participation/idea_list.html"
    context_object_name = "ideas"
    paginate_by = 30

    def get_queryset(self):
        return Idea.objects.for_area(self.area).for_public_list().order_by("-created_at", "-pk")


@cache_public_page()
class IdeaDetailView(PublicAreaMixin, DetailView):
    template_name = "participation/idea_detail.html"
    context_object_name = "idea"

    def get_queryset(self):
        return (
            Idea.objects.for_area(self.area)
            .published()
            .select_related("area", "action_field", "measure__area")
        )


class IdeaCreateView(PublicAreaMixin, View):
    template_name = "participation/idea_form.html"

    def render_form(self, form, status=200):
        return render(
            self.request, self.template_name, {"area": self.area, "form": form}, status=status
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(IdeaForm(area=self.area))

    def post(self, request, *args, **kwargs):
        form = IdeaForm(request.POST, area=self.area)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        client = spam.client_hash(request)
        already = Idea.objects.filter(submission_key=data["submission_key"]).exists()
        if not already and spam.is_rate_limited(Idea.objects, "idea", client):
            form.add_error(
                None,
                _(
                    "You have proposed several ideas in a short time. Please try again later – "
                    "your text is kept below."
                ),
            )
            return self.render_form(form, status=RATE_LIMIT_STATUS)
        try:
            contributions.idea_create(
                area=self.area,
                title=data["title"],
                description=data["description"],
                action_field=data["action_field"],
                place=data["place"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                consent=data["consent"],
                client_hash=client,
                submission_key=data["submission_key"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_form(form, status=400)
        messages.success(
            request,
            _(
                "Thank you for your idea! The quarter management will review it and then "
                "publish it here."
            ),
        )
        return HttpResponseRedirect(
            reverse("participation:idea_list", kwargs={"area_slug": self.area.slug})
        )
