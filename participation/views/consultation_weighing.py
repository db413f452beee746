"""The weighing (Abwägung): the internal table of every contribution, the decision form per
comment or statement, and the table as XLSX and tagged PDF for the council."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from .. import consultation_exports
from .. import consultation_services as services
from ..forms.consultation import WeighingForm
from ..models import Statement, Weighing
from .consultation import _ConsultationChildMixin, internal_url

PER_PAGE = 25
LINKS = consultation_exports.LINKS


def _page_number(request, name) -> int:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 6 else 1


class WeighingTableView(_ConsultationChildMixin, TemplateView):
    """Statements and comments, each page by page, with their decision; filter: only open."""

    template_name = "participation/consultation/weighing.html"

    def get_context_data(self, **kwargs):
        consultation = self.consultation
        only_open = self.request.GET.get("open") == "1"
        statements = (
            Statement.objects.for_consultation(consultation)
            .with_weighing()
            .prefetch_related(*LINKS)
            .order_by("received_on", "pk")
        )
        comments = (
            services.weighable_comments(consultation)
            .select_related("weighing")
            .prefetch_related(*LINKS)
            .order_by("created_at", "pk")
        )
        if only_open:
            statements = statements.filter(weighing=None)
            comments = comments.filter(weighing=None)
        weighed = Weighing.objects.for_consultation(consultation).count()
        total = services.weighable_comments(consultation).count() + consultation.statements.count()
        kwargs.update(
            consultation=consultation,
            breadcrumbs=self.consultation_crumbs((_("Weighing"), "")),
            statement_page=Paginator(statements, PER_PAGE).get_page(
                _page_number(self.request, "statements_page")
            ),
            comment_page=Paginator(comments, PER_PAGE).get_page(_page_number(self.request, "page")),
            titles=services.part_titles(consultation),
            only_open=only_open,
            weighed=weighed,
            total=total,
        )
        return super().get_context_data(**kwargs)


class WeighView(_ConsultationChildMixin, FormView):
    """``weighing/<kind>/<id>/``: the decision on one comment or statement."""

    permission_required = "participation.manage_consultation"
    template_name = "participation/consultation/weigh.html"

    @cached_property
    def contribution(self):
        if self.kwargs["kind"] not in ("comment", "statement"):
            raise Http404
        if self.kwargs["kind"] == "statement":
            queryset = Statement.objects.filter(consultation=self.consultation).select_related(
                "actor"
            )
        else:
            queryset = services.weighable_comments(self.consultation)
        return get_object_or_404(queryset, pk=self.kwargs["item_pk"])

    @cached_property
    def weighing(self):
        return (
            Weighing.objects.filter(**{self.kwargs["kind"]: self.contribution})
            .prefetch_related("action_fields", "goals", "measures")
            .first()
        )

    def get_form(self, form_class=None):
        kwargs = {"consultation": self.consultation}
        if self.request.method == "POST":
            return WeighingForm(self.request.POST, **kwargs)
        return WeighingForm.for_weighing(self.weighing, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(
            consultation=self.consultation,
            contribution=self.contribution,
            kind=self.kwargs["kind"],
            part_title=services.part_titles(self.consultation).get(
                getattr(self.contribution, "draft_part", None) or "", ""
            ),
            breadcrumbs=self.consultation_crumbs(
                (_("Weighing"), internal_url(self.consultation, "consultation_weighing")),
                (_("Decision"), ""),
            ),
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.weigh(
                consultation=self.consultation,
                contribution=self.contribution,
                decision=data["decision"],
                reason=data["reason"],
                user=self.request.user,
                action_fields=data["action_fields"],
                goals=data["goals"],
                measures=data["measures"],
                vision_changed=data["vision_changed"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision has been saved."))
        return HttpResponseRedirect(internal_url(self.consultation, "consultation_weighing"))


class _ExportView(_ConsultationChildMixin, View):
    content_type = ""
    suffix = ""

    def build(self, consultation) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        consultation = self.consultation
        response = HttpResponse(self.build(consultation), content_type=self.content_type)
        name = f"weighing-{consultation.area.slug}-{consultation.pk}.{self.suffix}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class WeighingXlsxView(_ExportView):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffix = "xlsx"

    def build(self, consultation):
        return consultation_exports.weighing_xlsx(consultation)


class WeighingPdfView(_ExportView):
    content_type = "application/pdf"
    suffix = "pdf"

    def build(self, consultation):
        return consultation_exports.weighing_pdf(consultation)
