"""Public views for residents' contributions without an account: comments, replies, reports,
project ideas.

Every POST follows post → redirect → get. A bad POST re-renders a comment form page with the
errors and everything the resident typed, never a 500. The comment list itself is rendered by the
``{% comments_for obj %}`` tag on the target's own page; after sending, the resident lands at the
confirmation next to that form (``#comment-notice``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from ihk.caching import cache_public_page
from ihk.mixins import AreaMixin, PublicAreaMixin

from .. import services, spam
from ..forms.contributions import CommentForm, IdeaForm, ReportForm
from ..maps import map_config
from ..models import Comment, Idea, Moderation
from ..targets import TargetNotFound, comment_target, public_target, target_url

RATE_LIMIT_STATUS = 429
# The query parameter that shows the confirmation at the comment form after sending.
NOTICE_PARAMETER = "comment"


def _safe_next(request, fallback: str) -> str:
    candidate = request.POST.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate.split("#", 1)[0]
    return fallback


class _SubmitMixin:
    """Store a resident's submission: rate limit (atomic with the insert) and refusals as form
    errors that keep what the resident typed."""

    rate_limit_message = ""
    form_class = None

    def get_form(self, data=None):
        return self.form_class(data)

    def form_context(self) -> dict:
        """What the form page shows besides the form (target, back link …)."""
        return {}

    def render_form(self, form, status=200):
        context = {"area": self.area, "form": form, **self.form_context()}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def submit(self, form, create):
        """Call ``create(client_hash=…)``; on refusal return the form page, else ``None``."""
        try:
            create(client_hash=spam.client_hash(self.request))
        except spam.RateLimited:
            form.add_error(None, self.rate_limit_message)
            return self.render_form(form, status=RATE_LIMIT_STATUS)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_form(form, status=400)
        return None


class _CommentFormView(_SubmitMixin, AreaMixin, View):
    """Shared handling of a comment or reply form: honeypot, rate limit, double submit."""

    template_name = "participation/comment_form.html"
    parent = None

    def load(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.load()
        return super().dispatch(request, *args, **kwargs)

    form_class = CommentForm

    def form_context(self):
        return {
            "target": self.target,
            "kind": self.kind,
            "parent": self.parent,
            "back_url": self.back_url,
            "next": self.request.POST.get("next", ""),
        }

    @cached_property
    def back_url(self):
        return target_url(self.area, self.kind, self.target)

    rate_limit_message = gettext_lazy(
        "You have written several comments in a short time. Please wait a few minutes and send "
        "your comment again – your text is kept below."
    )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        stored = []
        refused = self.submit(
            form,
            lambda **extra: stored.append(
                services.comment_create(
                    area=self.area,
                    target=self.target,
                    parent=self.parent,
                    text=data["text"],
                    pseudonym=data["pseudonym"],
                    email=data["email"],
                    consent=data["consent"],
                    submission_key=data["submission_key"],
                    **extra,
                )[0]
            ),
        )
        if refused is not None:
            return refused
        # The confirmation appears next to the comment form, focused and announced.
        state = "published" if stored[0].moderation == Moderation.PUBLISHED else "pending"
        url = _safe_next(request, self.back_url).split("?", 1)[0]
        return HttpResponseRedirect(f"{url}?{NOTICE_PARAMETER}={state}#comment-notice")


class CommentCreateView(_CommentFormView):
    """``comments/<kind>/<pk>/``: a new comment on a public concept, measure, event or idea."""

    def load(self):
        self.kind = self.kwargs["kind"]
        try:
            self.target = public_target(self.area, self.kind, self.kwargs["pk"])
        except TargetNotFound:
            raise Http404 from None


class CommentReplyView(_CommentFormView):
    """``comments/<pk>/reply/``: a reply to a published top-level comment (one level only)."""

    def load(self):
        parent = get_object_or_404(
            Comment.objects.select_related("version", "measure", "event", "idea"),
            pk=self.kwargs["pk"],
            area=self.area,
        )
        self.kind, target = comment_target(parent)
        try:
            self.target = public_target(self.area, self.kind, target.pk)
        except TargetNotFound:
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


class CommentReportView(_SubmitMixin, AreaMixin, View):
    """``comments/<pk>/report/``: a resident asks the moderation to look at a comment."""

    template_name = "participation/comment_report.html"

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            Comment.objects.select_related("version", "measure", "event", "idea"),
            pk=kwargs["pk"],
            area=self.area,
            moderation=Moderation.PUBLISHED,
        )
        self.kind, target = comment_target(self.comment)
        try:
            self.target = public_target(self.area, self.kind, target.pk)
        except TargetNotFound:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    form_class = ReportForm

    def form_context(self):
        return {
            "comment": self.comment,
            "target": self.target,
            "back_url": target_url(self.area, self.kind, self.target),
        }

    rate_limit_message = gettext_lazy(
        "You have sent several reports in a short time. Please try again later."
    )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        refused = self.submit(
            form,
            lambda **extra: services.comment_report(
                comment=self.comment, reason=form.cleaned_data["reason"], **extra
            ),
        )
        if refused is not None:
            return refused
        messages.success(request, _("Thank you. The moderation will look at the comment."))
        return HttpResponseRedirect(
            f"{target_url(self.area, self.kind, self.target)}#comment-{self.comment.pk}"
        )


# --- project ideas


@cache_public_page()
class IdeaListView(PublicAreaMixin, ListView):
    template_name = "participation/idea_list.html"
    context_object_name = "ideas"
    paginate_by = 20

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


class IdeaCreateView(_SubmitMixin, PublicAreaMixin, View):
    template_name = "participation/idea_form.html"

    def get_form(self, data=None):
        return IdeaForm(data, area=self.area)

    def form_context(self) -> dict:
        return {"picker_data": map_config(self.area)}

    rate_limit_message = gettext_lazy(
        "You have proposed several ideas in a short time. Please try again later – your text is "
        "kept below."
    )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        refused = self.submit(
            form,
            lambda **extra: services.idea_create(
                area=self.area,
                title=data["title"],
                description=data["description"],
                action_field=data["action_field"],
                place=data["place"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                consent=data["consent"],
                submission_key=data["submission_key"],
                **extra,
            ),
        )
        if refused is not None:
            return refused
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
