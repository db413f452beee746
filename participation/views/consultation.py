"""Internal pages of the draft consultation: list, open and edit a phase, invite actors, record
statements received on paper, and download a statement's attachment.

City staff (reader role) see everything; only managers change anything. Every object is looked
up within the area's consultations, so another area's ids answer 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView, View

from ihk.mixins import AreaPermissionMixin, internal_crumbs

from .. import consultation_services as services
from ..forms.consultation import ConsultationForm, InviteForm, StatementRecordForm
from ..models import Consultation, Statement, StatementInvitation


class _InternalMixin(AreaPermissionMixin):
    permission_required = "participation.view_consultation_internal"

    def get_queryset(self):
        return Consultation.objects.for_area(self.area).select_related("version")

    def crumbs(self, *items):
        overview = reverse("participation:overview", kwargs={"area_slug": self.area.slug})
        listing = reverse("participation:consultation_list", kwargs={"area_slug": self.area.slug})
        return internal_crumbs(
            self.area, (_("Participation"), overview), (_("Consultations"), listing), *items
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "can_manage",
            self.request.user.has_perm("participation.manage_consultation", self.area),
        )
        return super().get_context_data(**kwargs)


def internal_url(consultation, name="consultation_detail") -> str:
    return reverse(
        f"participation:{name}",
        kwargs={"area_slug": consultation.area.slug, "pk": consultation.pk},
    )


class _ConsultationChildMixin(_InternalMixin):
    """Pages below one consultation: ``self.consultation`` from the ``pk`` URL argument."""

    @cached_property
    def consultation(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def consultation_crumbs(self, *items):
        return self.crumbs((self.consultation.title, internal_url(self.consultation)), *items)


class ConsultationListView(_InternalMixin, ListView):
    template_name = "participation/consultation/list.html"
    context_object_name = "consultations"
    paginate_by = 20

    def get_queryset(self):
        return super().get_queryset().order_by("-starts_on", "-pk")

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = self.crumbs()[:-1] + [(_("Consultations"), "")]
        return super().get_context_data(**kwargs)


class _ConsultationFormMixin(_InternalMixin):
    permission_required = "participation.manage_consultation"
    form_class = ConsultationForm
    template_name = "participation/consultation/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def form_valid(self, form):
        form.instance.area = self.area
        return super().form_valid(form)

    def get_success_url(self):
        return internal_url(self.object)


class ConsultationCreateView(_ConsultationFormMixin, CreateView):
    def get_context_data(self, **kwargs):
        kwargs["page_title"] = _("Open a consultation")
        kwargs["breadcrumbs"] = self.crumbs((_("New"), ""))
        return super().get_context_data(**kwargs)


class ConsultationUpdateView(_ConsultationFormMixin, UpdateView):
    def get_context_data(self, **kwargs):
        kwargs["page_title"] = _("Edit consultation")
        kwargs["breadcrumbs"] = self.crumbs(
            (self.object.title, internal_url(self.object)), (_("Edit"), "")
        )
        return super().get_context_data(**kwargs)


class ConsultationDetailView(_InternalMixin, DetailView):
    """The phase at a glance: period, invitations and statements (both bounded lists)."""

    template_name = "participation/consultation/detail.html"
    context_object_name = "consultation"
    shown = 100

    def get_context_data(self, **kwargs):
        consultation = self.object
        invitations = StatementInvitation.objects.for_consultation(consultation).select_related(
            "statement"
        )
        statements = Statement.objects.for_consultation(consultation).with_weighing()
        kwargs.update(
            breadcrumbs=self.crumbs((consultation.title, "")),
            invitations=list(invitations[: self.shown]),
            invitation_count=invitations.count(),
            statements=list(statements[: self.shown]),
            statement_count=statements.count(),
            comment_count=services.weighable_comments(consultation).count(),
            shown=self.shown,
        )
        return super().get_context_data(**kwargs)


class InviteView(_ConsultationChildMixin, FormView):
    permission_required = "participation.manage_consultation"
    template_name = "participation/consultation/invite.html"
    form_class = InviteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def get_context_data(self, **kwargs):
        kwargs["consultation"] = self.consultation
        kwargs["breadcrumbs"] = self.consultation_crumbs((_("Invite actors"), ""))
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            created = services.invite_actors(
                consultation=self.consultation, contacts=form.cleaned_data["contacts"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("%(count)d invitation(s) sent.") % {"count": len(created)})
        return HttpResponseRedirect(internal_url(self.consultation))


class InvitationRevokeView(_ConsultationChildMixin, View):
    """POST only: the personal link stops working at once."""

    permission_required = "participation.manage_consultation"

    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(
            StatementInvitation, pk=kwargs["invitation_pk"], consultation=self.consultation
        )
        services.invitation_revoke(invitation=invitation)
        messages.success(
            request,
            _("The personal link of %(actor)s no longer works.") % {"actor": invitation.actor.name},
        )
        return HttpResponseRedirect(internal_url(self.consultation))


class StatementRecordView(_ConsultationChildMixin, FormView):
    """A statement that arrived by letter, e-mail or in a meeting."""

    permission_required = "participation.manage_consultation"
    template_name = "participation/consultation/statement_record.html"
    form_class = StatementRecordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def get_context_data(self, **kwargs):
        kwargs["consultation"] = self.consultation
        kwargs["breadcrumbs"] = self.consultation_crumbs((_("Record a statement"), ""))
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.statement_record(
                consultation=self.consultation,
                actor=data["actor"],
                sender=data["sender"],
                channel=data["channel"],
                received_on=data["received_on"],
                text=data["text"],
                pdf=data["attachment"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The statement has been recorded."))
        return HttpResponseRedirect(internal_url(self.consultation))


class StatementAttachmentView(_ConsultationChildMixin, View):
    """The attachment of a statement, for the area's team only (never a public media URL)."""

    def get(self, request, *args, **kwargs):
        statement = get_object_or_404(
            Statement, pk=kwargs["statement_pk"], consultation=self.consultation
        )
        if not statement.attachment or not default_storage.exists(statement.attachment.name):
            raise Http404
        response = FileResponse(
            default_storage.open(statement.attachment.name, "rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"statement-{statement.pk}.pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
