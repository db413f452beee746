"""Residents' pages of a draft consultation: the draft beside the version in force, comments on
each open part, the outcome of every contribution, and an actor's statement via personal link.

Comments go through the same machinery as every other comment (``_CommentFormView``: consent,
moderation, honeypot, rate limit, double-submit guard); only the target differs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from ihk.caching import cache_public_page
from ihk.mixins import PublicAreaMixin, public_crumbs

from .. import consultation_services as services
from ..forms.consultation import StatementForm
from ..forms.contributions import CommentForm
from ..models import (
    Comment,
    Consultation,
    Moderation,
    Statement,
    StatementInvitation,
    Weighing,
    WeighingDecision,
)
from .contributions import _CommentFormView

GENERAL = "general"  # the URL name of the draft as a whole (stored as an empty draft_part)
PER_PAGE = 20


def _page_number(request, name="page") -> int:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 6 else 1


def _notice(request) -> str:
    """``pending``/``published`` right after a resident sent a comment (as on other pages)."""
    value = request.GET.get("comment", "")
    return value if value in ("pending", "published") else ""


class _ConsultationMixin(PublicAreaMixin):
    """A consultation of the area that has started; members may preview one that has not."""

    def get_queryset(self):
        consultations = Consultation.objects.for_area(self.area).select_related("version", "area")
        if self.request.user.has_perm("ihk.view_area_internal", self.area):
            return consultations
        return consultations.public()

    @cached_property
    def consultation(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except Consultation.DoesNotExist:
            raise Http404 from None

    def crumbs(self, *items):
        return public_crumbs(
            self.area, (self.consultation.title, self.consultation.get_absolute_url()), *items
        )


@cache_public_page()
class ConsultationPublicView(_ConsultationMixin, DetailView):
    """``consultation/<pk>/``: the draft part by part, marked new/changed, with comment counts."""

    template_name = "participation/consultation/public.html"
    context_object_name = "consultation"

    def get_object(self, queryset=None):
        return self.consultation

    def get_context_data(self, **kwargs):
        consultation = self.consultation
        decisions = dict(
            Weighing.objects.for_consultation(consultation)
            .values_list("decision")
            .annotate(n=models.Count("pk"))
            .order_by()
        )
        kwargs.update(
            parts=services.consultation_parts(consultation),
            counts=services.comment_counts(consultation),
            statement_count=consultation.statements.count(),
            decisions=[
                (label, decisions.get(value, 0)) for value, label in WeighingDecision.choices
            ],
            breadcrumbs=public_crumbs(self.area, (consultation.title, "")),
            general=GENERAL,
        )
        return super().get_context_data(**kwargs)


@cache_public_page()
class ConsultationPartView(_ConsultationMixin, View):
    """``consultation/<pk>/<part>/``: one part beside its version in force, and its comments."""

    template_name = "participation/consultation/part.html"

    def get(self, request, *args, **kwargs):
        consultation = self.consultation
        key = "" if kwargs["part"] == GENERAL else kwargs["part"]
        part = None
        if key:
            part = services.consultation_parts(consultation).get(key)
            if part is None:
                raise Http404
        threads = (
            Comment.objects.filter(consultation=consultation, draft_part=key)
            .threads_with_outcome()
            .order_by("-created_at", "-pk")
        )
        page = Paginator(threads, PER_PAGE).get_page(_page_number(request, "comments_page"))
        is_open = consultation.is_open and (part is None or part.is_open)
        title = part.title if part else _("The draft as a whole")
        context = {
            "area": self.area,
            "consultation": consultation,
            "part": part,
            "part_url_key": kwargs["part"],
            "title": title,
            "threads": list(page.object_list),
            "comments_page": page,
            "open_for_comments": is_open,
            "can_moderate": request.user.has_perm("participation.moderate", self.area),
            "form": CommentForm(),
            "notice": _notice(request),
            "breadcrumbs": self.crumbs((title, "")),
        }
        return render(request, self.template_name, context)


class ConsultationCommentView(_CommentFormView):
    """``consultation/<pk>/<part>/comment/``: a resident's comment on one part of the draft."""

    template_name = "participation/consultation/comment_form.html"

    def load(self):
        consultation = (
            Consultation.objects.for_area(self.area)
            .open_now()
            .filter(pk=self.kwargs["pk"], area__is_public=True)
        )
        self.target = consultation.select_related("version").first()
        part = self.kwargs["part"]
        self.draft_part = "" if part == GENERAL else part
        if self.target is None or not services.part_exists(self.target, self.draft_part):
            raise Http404
        self.kind = "consultation"

    @cached_property
    def back_url(self):
        return reverse(
            "participation:consultation_part",
            kwargs={"area_slug": self.area.slug, "pk": self.target.pk, "part": self.kwargs["part"]},
        )

    def target_fields(self):
        return {"draft_part": self.draft_part}


@cache_public_page()
class ConsultationResultsView(_ConsultationMixin, View):
    """``consultation/<pk>/results/``: what became of each contribution, without personal data.

    Comments are listed with their text (already public); statements only with the name of the
    organisation that sent them — a private person's statement stays anonymous.
    """

    template_name = "participation/consultation/results.html"

    def get(self, request, *args, **kwargs):
        consultation = self.consultation
        comments = (
            Comment.objects.filter(consultation=consultation, moderation=Moderation.PUBLISHED)
            .exclude(weighing=None)
            .select_related("weighing")
            .prefetch_related(*_weighing_links("weighing__"))
            .order_by("created_at", "pk")
        )
        statements = (
            Statement.objects.for_consultation(consultation)
            .exclude(weighing=None)
            .select_related("actor", "weighing")
            .prefetch_related(*_weighing_links("weighing__"))
            .order_by("received_on", "pk")
        )
        comment_page = Paginator(comments, PER_PAGE).get_page(_page_number(request))
        statement_page = Paginator(statements, PER_PAGE).get_page(
            _page_number(request, "statements_page")
        )
        context = {
            "area": self.area,
            "consultation": consultation,
            "comment_page": comment_page,
            "statement_page": statement_page,
            "breadcrumbs": self.crumbs((_("Results"), "")),
        }
        return render(request, self.template_name, context)


def _weighing_links(prefix: str) -> list[str]:
    return [f"{prefix}action_fields", f"{prefix}goals", f"{prefix}measures"]


class StatementSubmitView(PublicAreaMixin, View):
    """``consultation/statement/<token>/``: the invited actor's personal form.

    The token is compared by its hash; a tampered, revoked or expired link is a 404 that says
    nothing about which of these it was.
    """

    template_name = "participation/consultation/statement_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = (
            StatementInvitation.objects.by_token(kwargs["token"])
            .filter(consultation__area=self.area)
            .first()
        )
        if self.invitation is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        invitation = self.invitation
        submitted = Statement.objects.filter(invitation=invitation).first()
        context = {
            "area": self.area,
            "invitation": invitation,
            "consultation": invitation.consultation,
            "form": form,
            "submitted": submitted,
        }
        response = render(self.request, self.template_name, context, status=status)
        # The personal link must not leak to other sites through the Referer header, nor into
        # caches. ("no-referrer" would also send "Origin: null", which fails the CSRF check.)
        response["Referrer-Policy"] = "same-origin"
        response["Cache-Control"] = "private, no-store"
        return response

    def get(self, request, *args, **kwargs):
        return self.render_form(StatementForm())

    def post(self, request, *args, **kwargs):
        form = StatementForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            services.statement_submit(
                invitation=self.invitation,
                text=form.cleaned_data["text"],
                pdf=form.cleaned_data["attachment"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_form(form, status=400)
        messages.success(request, _("Thank you! Your statement has been received."))
        return HttpResponseRedirect(request.path)
