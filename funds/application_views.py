"""Internal pages of one application: everything about it on one page, and the forms of the
review (edit, formal check, questions, documents, decision, letter, payouts, proof of use,
erasure of the applicant's data).

Every object is loaded filtered by the area of the URL: another area's application is a 404.
City staff read; only managers write.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from . import jury, money_services, services
from .applicant_views import document_response, letter_response
from .application_forms import ApplicationBundle
from .budget import fund_totals
from .forms import (
    AgendaForm,
    ChecklistForm,
    DecisionForm,
    DocumentForm,
    PayoutForm,
    ProofCheckForm,
    QuestionForm,
)
from .models import COMMITTED, ZERO, Application, ProofState, Status
from .review import CHECKLIST
from .views import MANAGE, FundsMixin


class ApplicationMixin(FundsMixin):
    @cached_property
    def application(self) -> Application:
        return get_object_or_404(
            Application.objects.for_area(self.area).select_related(
                "fund__committee", "actor", "area"
            ),
            pk=self.kwargs["pk"],
        )

    def app_crumbs(self, *items):
        fund = self.application.fund
        return self.crumbs(
            (str(fund), fund.get_absolute_url()),
            (self.application.reference, self.application.get_absolute_url() if items else ""),
            *items,
        )

    def done(self, message, level=messages.SUCCESS):
        messages.add_message(self.request, level, message)
        return HttpResponseRedirect(self.application.get_absolute_url())


class ApplicationDetailView(ApplicationMixin, TemplateView):
    template_name = "funds/application_detail.html"

    def get_context_data(self, **kwargs):
        a = self.application
        proof = getattr(a, "proof", None)
        net_paid = a.payouts.net_total()
        kwargs.update(
            application=a,
            fund=a.fund,
            costs=list(a.costs.all()),
            financing=list(a.financing.all()),
            questions=list(a.questions.select_related("asked_by")),
            documents=list(a.documents.all()),
            decisions=list(a.decisions.select_related("recorded_by")),
            payouts=list(a.payouts.all()),
            net_paid=net_paid,
            left_to_pay=(a.granted_amount or ZERO) - net_paid,
            decidable=a.status in money_services.DECIDABLE,
            checkable=a.status in (Status.SUBMITTED, Status.IN_REVIEW, Status.READY),
            payable=a.status in COMMITTED,
            proof=proof,
            repayment_due=money_services.repayment_due(a, proof) if proof else None,
            checks=[(label, a.checklist.get(key, False)) for key, label in CHECKLIST],
            checklist_form=kwargs.get("checklist_form") or ChecklistForm(application=a),
            question_form=kwargs.get("question_form") or QuestionForm(),
            upload_form=kwargs.get("upload_form") or DocumentForm(),
            proof_check_form=kwargs.get("proof_check_form") or ProofCheckForm(),
            agenda_form=kwargs.get("agenda_form") or AgendaForm(meetings=jury.open_meetings(a)),
            agenda_items=list(jury.agenda_items(a).select_related("decision")),
            breadcrumbs=self.app_crumbs(),
        )
        return super().get_context_data(**kwargs)


class _ManageApplicationView(ApplicationDetailView):
    """A form posted from the application page; errors show that page again (400)."""

    permission_required = MANAGE
    http_method_names = ["post"]

    def invalid(self, **forms):
        return self.render_to_response(self.get_context_data(**forms), status=400)


class ChecklistView(_ManageApplicationView):
    def post(self, request, *args, **kwargs):
        form = ChecklistForm(request.POST, application=self.application)
        if not form.is_valid():
            return self.invalid(checklist_form=form)
        try:
            services.checklist_save(
                application=self.application,
                checks=form.cleaned_data,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            return self.done(" ".join(error.messages), messages.ERROR)
        return self.done(_("The formal check was saved."))


class QuestionView(_ManageApplicationView):
    def post(self, request, *args, **kwargs):
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return self.invalid(question_form=form)
        services.question_ask(
            application=self.application, text=form.cleaned_data["text"], user=request.user
        )
        return self.done(_("The question was sent to the applicant."))


class UploadView(_ManageApplicationView):
    def post(self, request, *args, **kwargs):
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.document_add(
                    application=self.application,
                    upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    by_applicant=False,
                )
            except ValidationError as error:
                form.add_error("file", error)
        if form.errors:
            return self.invalid(upload_form=form)
        return self.done(_("The document has been uploaded."))


class DocumentView(ApplicationMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        document = get_object_or_404(self.application.documents, pk=kwargs["document_pk"])
        return document_response(document)


class ProofCheckView(_ManageApplicationView):
    def post(self, request, *args, **kwargs):
        proof = getattr(self.application, "proof", None)
        form = ProofCheckForm(request.POST)
        if proof is None or proof.state != ProofState.SUBMITTED:
            return self.done(_("No proof of use is waiting to be checked."), messages.ERROR)
        if not form.is_valid():
            return self.invalid(proof_check_form=form)
        try:
            money_services.proof_check(
                proof=proof, accepted=form.cleaned_data["accepted"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            return self.done(" ".join(error.messages), messages.ERROR)
        return self.done(_("The proof of use was checked."))


class AgendaView(_ManageApplicationView):
    """Put the application on a planned meeting of the fund's committee."""

    def post(self, request, *args, **kwargs):
        form = AgendaForm(request.POST, meetings=jury.open_meetings(self.application))
        if not form.is_valid():
            return self.invalid(agenda_form=form)
        try:
            jury.agenda_add(application=self.application, meeting=form.cleaned_data["meeting"])
        except ValidationError as error:
            return self.done(" ".join(error.messages), messages.ERROR)
        return self.done(_("The application is on the meeting's agenda."))


class EraseView(_ManageApplicationView):
    def post(self, request, *args, **kwargs):
        services.applicant_erase(area=self.area, application=self.application)
        return self.done(_("The applicant's personal data were erased."))


class _FormPageView(ApplicationMixin, TemplateView):
    """A page with one form about the application (edit, decision, payout)."""

    permission_required = MANAGE
    template_name = "funds/application_action.html"
    title = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.make_form())
        kwargs.update(
            application=self.application,
            fund=self.application.fund,
            page_title=self.title,
            cancel_url=self.application.get_absolute_url(),
            breadcrumbs=self.app_crumbs((self.title, "")),
        )
        return super().get_context_data(**kwargs)

    def make_form(self, data=None):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                message = self.save(form)
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                return self.done(message)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EditView(ApplicationMixin, TemplateView):
    permission_required = MANAGE
    template_name = "funds/application_form.html"

    def get_context_data(self, **kwargs):
        bundle = kwargs.pop("bundle", None) or ApplicationBundle(
            fund=self.application.fund, instance=self.application, manager=True
        )
        kwargs.update(bundle.context())
        kwargs.update(
            fund=self.application.fund,
            page_title=_("Edit application"),
            cancel_url=self.application.get_absolute_url(),
            breadcrumbs=self.app_crumbs((_("Edit application"), "")),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        bundle = ApplicationBundle(
            request.POST, fund=self.application.fund, instance=self.application, manager=True
        )
        if bundle.is_valid():
            services.application_update(
                application=self.application,
                fields=bundle.form.fields_data(),
                costs=bundle.cost_rows(),
                financing=bundle.financing_rows(),
            )
            return self.done(_("The application was saved."))
        return self.render_to_response(self.get_context_data(bundle=bundle), status=400)


class DecisionView(_FormPageView):
    @property
    def title(self):
        return _("Record the decision")

    def make_form(self, data=None):
        items = jury.agenda_items(self.application)
        initial = {
            "decided_on": timezone.localdate(),
            "amount": self.application.requested_amount,
            "agenda_item": items.filter(decision__isnull=True).first(),
        }
        return DecisionForm(data, initial=initial, agenda_items=items)

    def get_context_data(self, **kwargs):
        kwargs["totals"] = fund_totals(self.application.fund, exclude_application=self.application)
        return super().get_context_data(**kwargs)

    def save(self, form):
        data = form.cleaned_data
        money_services.decision_record(
            application=self.application,
            outcome=data["outcome"],
            amount=data["amount"],
            reason=data["reason"],
            conditions=data["conditions"],
            decided_on=data["decided_on"],
            budget_override=data["budget_override"],
            votes=(data["votes_for"], data["votes_against"], data["abstentions"]),
            agenda_item=data["agenda_item"],
            user=self.request.user,
        )
        return _("The decision was recorded.")


class PayoutView(_FormPageView):
    @property
    def title(self):
        return _("Record a payment")

    def make_form(self, data=None):
        return PayoutForm(data, initial={"paid_on": timezone.localdate()})

    def save(self, form):
        data = form.cleaned_data
        money_services.payout_record(
            application=self.application,
            kind=data["kind"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            note=data["note"],
            user=self.request.user,
        )
        return _("The payment was recorded.")


class LetterView(ApplicationMixin, TemplateView):
    """The decision letter as PDF (GET) or sent to the applicant by e-mail (POST)."""

    def decision(self):
        return get_object_or_404(self.application.decisions, pk=self.kwargs["decision_pk"])

    def get(self, request, *args, **kwargs):
        return letter_response(self.decision())

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE, self.area):
            return self.handle_no_permission()
        try:
            money_services.letter_send(decision=self.decision())
        except ValidationError as error:
            return self.done(" ".join(error.messages), messages.ERROR)
        return self.done(_("The letter was sent to the applicant."))
