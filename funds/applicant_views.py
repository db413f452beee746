"""The applicant's private pages, reached only through the secret link from the e-mail.

Following the link confirms the e-mail address (double opt-in, by a button, so a mail scanner
that opens links confirms nothing). The applicant sees the status, edits and submits a draft,
answers questions, uploads documents and receipts, sends the proof of use and downloads the
decision letter. A wrong or tampered link is a 404, and so is another area's. The pages are
never cached and never indexed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from ihk.mixins import AreaMixin, public_crumbs

from . import money_services, services
from .application_forms import ApplicationBundle
from .forms import AnswerForm, DocumentForm, ProofForm
from .letters import letter_pdf
from .models import EDITABLE, Document, ProofState, Status
from .public_views import load_by_key


@method_decorator(never_cache, name="dispatch")
class ApplicantMixin(AreaMixin, View):
    @cached_property
    def application(self):
        return load_by_key(self.area, self.kwargs["token"])

    def home_url(self):
        return reverse(
            "funds:applicant_home",
            kwargs={"area_slug": self.area.slug, "token": self.kwargs["token"]},
        )

    def back_home(self, message=None, level=messages.SUCCESS):
        if message:
            messages.add_message(self.request, level, message)
        return HttpResponseRedirect(self.home_url())

    def dispatch(self, request, *args, **kwargs):
        self.application  # noqa: B018  404 before anything else
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def render_home(self, status=200, **forms):
        application = self.application
        proof = getattr(application, "proof", None)
        context = {
            "area": self.area,
            "application": application,
            "fund": application.fund,
            "key": self.kwargs["token"],
            "home_url": self.home_url(),
            "costs": list(application.costs.all()),
            "financing": list(application.financing.all()),
            "questions": list(application.questions.all()),
            "documents": list(application.documents.all()),
            "decision": application.decisions.first(),
            "proof": proof,
            "proof_open": proof is not None
            and proof.state in (ProofState.DUE, ProofState.RETURNED),
            "editable": application.status in EDITABLE,
            "upload_form": forms.get("upload_form") or DocumentForm(),
            "answer_form": forms.get("answer_form") or AnswerForm(),
            "answer_for": forms.get("answer_for"),
            "proof_form": forms.get("proof_form") or ProofForm(),
            "breadcrumbs": public_crumbs(
                self.area,
                (_("Neighbourhood fund"), application.fund.get_public_url()),
                (application.reference, ""),
            ),
        }
        return render(self.request, "funds/applicant_home.html", context, status=status)


class ApplicantHomeView(ApplicantMixin):
    def get(self, request, *args, **kwargs):
        return self.render_home()


class ConfirmView(ApplicantMixin):
    def post(self, request, *args, **kwargs):
        services.confirm_email(application=self.application)
        return self.back_home(_("Thank you, your e-mail address is confirmed."))


class SubmitView(ApplicantMixin):
    def post(self, request, *args, **kwargs):
        try:
            services.application_submit(application=self.application)
        except ValidationError as error:
            return self.back_home(" ".join(error.messages), messages.ERROR)
        return self.back_home(_("Your application has been submitted."))


class WithdrawView(ApplicantMixin):
    def post(self, request, *args, **kwargs):
        try:
            services.application_withdraw(application=self.application)
        except ValidationError as error:
            return self.back_home(" ".join(error.messages), messages.ERROR)
        return self.back_home(_("Your application has been withdrawn."))


class EditView(ApplicantMixin):
    """Change the draft: only while it is a draft."""

    def dispatch(self, request, *args, **kwargs):
        if self.application.status not in EDITABLE:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, bundle, status=200):
        context = {
            "area": self.area,
            "fund": self.application.fund,
            "application": self.application,
            "accepting": True,
            "cancel_url": self.home_url(),
            "breadcrumbs": public_crumbs(
                self.area,
                (_("Neighbourhood fund"), self.application.fund.get_public_url()),
                (self.application.reference, self.home_url()),
                (_("Edit"), ""),
            ),
            **bundle.context(),
        }
        return render(self.request, "funds/apply.html", context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(
            ApplicationBundle(fund=self.application.fund, instance=self.application)
        )

    def post(self, request, *args, **kwargs):
        bundle = ApplicationBundle(
            request.POST, fund=self.application.fund, instance=self.application
        )
        if not bundle.is_valid():
            return self.render_form(bundle, status=400)
        services.application_update(
            application=self.application,
            fields=bundle.form.fields_data(),
            costs=bundle.cost_rows(),
            financing=bundle.financing_rows(),
        )
        if "submit" in request.POST:
            try:
                services.application_submit(application=self.application)
            except ValidationError as error:
                return self.back_home(" ".join(error.messages), messages.ERROR)
            return self.back_home(_("Your application has been submitted."))
        return self.back_home(_("Your draft has been saved."))


class AnswerView(ApplicantMixin):
    def post(self, request, *args, **kwargs):
        question = get_object_or_404(
            self.application.questions, pk=kwargs["question_pk"], answered_at=None
        )
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render_home(status=400, answer_form=form, answer_for=question.pk)
        services.question_answer(question=question, answer=form.cleaned_data["answer"])
        return self.back_home(_("Thank you for your answer."))


class UploadView(ApplicantMixin):
    def post(self, request, *args, **kwargs):
        if self.application.status in (Status.WITHDRAWN, Status.REJECTED):
            raise Http404
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.document_add(
                    application=self.application,
                    upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    by_applicant=True,
                )
            except ValidationError as error:
                form.add_error("file", error)
        if form.errors:
            return self.render_home(status=400, upload_form=form)
        return self.back_home(_("The document has been uploaded."))


class ProofView(ApplicantMixin):
    def post(self, request, *args, **kwargs):
        form = ProofForm(request.POST)
        if form.is_valid():
            try:
                money_services.proof_submit(
                    application=self.application,
                    report=form.cleaned_data["report"],
                    spent_total=form.cleaned_data["spent_total"],
                )
            except ValidationError as error:
                form.add_error(None, error)
        if form.errors:
            return self.render_home(status=400, proof_form=form)
        return self.back_home(_("Thank you, your proof of use has been sent."))


def document_response(document: Document):
    """A stored document as a download, never displayed inline."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def letter_response(decision):
    response = HttpResponse(letter_pdf(decision), content_type="application/pdf")
    name = f"{decision.application.reference}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class DocumentView(ApplicantMixin):
    def get(self, request, *args, **kwargs):
        document = get_object_or_404(self.application.documents, pk=kwargs["document_pk"])
        return document_response(document)


class LetterView(ApplicantMixin):
    def get(self, request, *args, **kwargs):
        decision = self.application.decisions.filter(letter_sent_at__isnull=False).first()
        if decision is None:
            raise Http404
        return letter_response(decision)
