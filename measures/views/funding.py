"""Grant notices of an area with their PDF and draw-downs, and the stage amounts of a
financing row. Reading needs ``measures.view_funding``, writing ``measures.manage_funding``;
objects are loaded through the area, so another area's id is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView, FormView, ListView, View

from ihk.mixins import AreaPermissionMixin, internal_crumbs

from .. import funding_services
from ..forms.funding import DrawDownForm, FinancingStagesForm, GrantNoticeForm
from ..models import DrawDown, FinancingRow, GrantNotice, Measure

NOTICES_PER_PAGE = 25


class FundingReadMixin(AreaPermissionMixin):
    permission_required = "measures.view_funding"

    def notices_url(self) -> str:
        return reverse("measures:notice_list", kwargs={"area_slug": self.area.slug})

    def crumbs(self, *items):
        return internal_crumbs(self.area, (_("Grant notices"), self.notices_url()), *items)

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "can_manage", self.request.user.has_perm("measures.manage_funding", self.area)
        )
        return super().get_context_data(**kwargs)


class FundingWriteMixin(FundingReadMixin):
    permission_required = "measures.manage_funding"
    template_name = "measures/funding/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        kwargs.update(
            title=self.title,
            breadcrumbs=self.crumbs((self.title, "")),
            cancel_url=self.get_success_url(),
        )
        return super().get_context_data(**kwargs)


class NoticeListView(FundingReadMixin, ListView):
    template_name = "measures/funding/notice_list.html"
    context_object_name = "notices"
    paginate_by = NOTICES_PER_PAGE

    def get_queryset(self):
        return GrantNotice.objects.for_area(self.area).with_drawn()

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = internal_crumbs(self.area, (_("Grant notices"), ""))
        return super().get_context_data(**kwargs)


class NoticeObjectMixin:
    """The notice of the URL (``notice_pk`` or ``pk``), only within the URL's area."""

    @cached_property
    def notice(self) -> GrantNotice:
        pk = self.kwargs.get("notice_pk", self.kwargs.get("pk"))
        return get_object_or_404(GrantNotice.objects.for_area(self.area), pk=pk)


class NoticeDetailView(FundingReadMixin, DetailView):
    template_name = "measures/funding/notice_detail.html"
    context_object_name = "notice"

    def get_queryset(self):
        return (
            GrantNotice.objects.for_area(self.area)
            .with_drawn()
            .prefetch_related(
                "draw_downs",
                Prefetch("measures", queryset=Measure.objects.order_by("title")),
                Prefetch(
                    "financing_rows",
                    queryset=FinancingRow.objects.select_related("measure").order_by(
                        "year", "measure__title", "pk"
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        notice = self.object
        drawn = notice.drawn_total or 0
        kwargs.update(
            drawn=drawn,
            remaining=notice.amount - drawn,
            proof_overdue=notice.proof_overdue(),
            breadcrumbs=self.crumbs((str(notice), "")),
        )
        return super().get_context_data(**kwargs)


class NoticeDocumentView(FundingReadMixin, NoticeObjectMixin, View):
    """The notice's PDF, only for readers of the area (the storage itself is never public)."""

    def get(self, request, *args, **kwargs):
        if not self.notice.document:
            raise Http404
        try:
            handle = self.notice.document.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        name = f"bescheid-{self.notice.pk}.pdf"
        return FileResponse(
            handle, as_attachment=True, filename=name, content_type="application/pdf"
        )


class NoticeFormMixin(FundingWriteMixin):
    form_class = GrantNoticeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def form_valid(self, form):
        try:
            self.object = funding_services.save_notice(form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The grant notice has been saved."))
        return super().form_valid(form)

    def get_success_url(self):
        notice = getattr(self, "object", None)
        return notice.get_absolute_url() if notice and notice.pk else self.notices_url()


class NoticeCreateView(NoticeFormMixin, FormView):
    @property
    def title(self):
        return _("New grant notice")


class NoticeUpdateView(NoticeFormMixin, NoticeObjectMixin, FormView):
    @property
    def title(self):
        return _("Edit grant notice")

    def get_form_kwargs(self):
        self.object = self.notice
        return {**super().get_form_kwargs(), "instance": self.notice}


class NoticeDeleteView(FundingWriteMixin, DeleteView):
    template_name = "measures/funding/confirm_delete.html"

    @property
    def title(self):
        return _("Delete grant notice")

    def get_queryset(self):
        return GrantNotice.objects.for_area(self.area)

    def get_success_url(self):
        return self.notices_url()

    def form_valid(self, form):
        funding_services.delete_notice(notice=self.object)
        messages.success(self.request, _("The grant notice has been deleted."))
        return HttpResponseRedirect(self.get_success_url())


class DrawDownFormView(FundingWriteMixin, NoticeObjectMixin, FormView):
    """Add (no ``pk``) or edit a draw-down of the notice."""

    form_class = DrawDownForm

    @property
    def title(self):
        return _("Draw-down for %(notice)s") % {"notice": self.notice}

    @cached_property
    def draw_down(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(DrawDown, notice=self.notice, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "notice": self.notice, "instance": self.draw_down}

    def form_valid(self, form):
        try:
            funding_services.save_draw_down(notice=self.notice, form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draw-down has been saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return self.notice.get_absolute_url()


class DrawDownDeleteView(FundingWriteMixin, NoticeObjectMixin, DeleteView):
    template_name = "measures/funding/confirm_delete.html"

    @property
    def title(self):
        return _("Delete draw-down")

    def get_object(self, queryset=None):
        return get_object_or_404(DrawDown, notice=self.notice, pk=self.kwargs["pk"])

    def get_success_url(self):
        return self.notice.get_absolute_url()


class FinancingStagesView(FundingWriteMixin, FormView):
    """The stage amounts and the notice of one financing row of the area."""

    form_class = FinancingStagesForm

    @property
    def title(self):
        row = self.row
        return _("Funding stages: %(measure)s, %(year)s") % {
            "measure": row.measure.title,
            "year": row.year,
        }

    @cached_property
    def row(self) -> FinancingRow:
        return get_object_or_404(
            FinancingRow.objects.select_related("measure"),
            measure__area=self.area,
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area, "instance": self.row}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The funding stages have been saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse(
            "measures:measure_detail",
            kwargs={"area_slug": self.area.slug, "pk": self.row.measure_id},
        )
