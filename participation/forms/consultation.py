"""Forms of the draft consultation: the phase, invitations, statements and the weighing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ContactPerson
from ihk.dates import DateBoundsMixin
from ihk.text import CleanTextFormMixin
from measures.models import ActionField, ConceptVersion, Goal, Measure, VersionStatus

from .. import consultation_services
from ..models import Consultation, StatementChannel, WeighingDecision

STATEMENT_MAX_LENGTH = 20000
REASON_MAX_LENGTH = 4000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConsultationForm(CleanTextFormMixin, DateBoundsMixin, forms.ModelForm):
    """The phase: which draft, when, what residents read first, and which parts are open."""

    class Meta:
        model = Consultation
        fields = [
            "version",
            "title",
            "introduction",
            "starts_on",
            "ends_on",
            "open_vision",
            "open_action_fields",
            "open_goals",
            "open_measures",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].max_length = 200
        self.fields["introduction"].max_length = 5000
        self.fields["version"].queryset = ConceptVersion.objects.for_area(area).filter(
            status__in=[VersionStatus.DRAFT, VersionStatus.PARTICIPATION]
        )
        self.fields["version"].help_text = _("Only drafts can be consulted.")
        instance = self.instance
        if instance.pk and (instance.comments.exists() or instance.statements.exists()):
            # Contributions refer to the parts of this draft: it cannot be swapped any more.
            self.fields["version"].disabled = True
            self.fields["version"].queryset = ConceptVersion.objects.filter(pk=instance.version_id)
            self.fields["version"].help_text = _(
                "The draft cannot be changed once contributions have been received."
            )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end must not be before the start."))
        if not any(
            cleaned.get(name)
            for name in ("open_vision", "open_action_fields", "open_goals", "open_measures")
        ):
            raise ValidationError(_("Please open at least one part of the draft for comments."))
        return cleaned


class InviteForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contact persons to invite"),
        queryset=ContactPerson.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each receives an e-mail with a personal link. Only contacts with an e-mail."),
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = (
            ContactPerson.objects.filter(actor__area=area)
            .exclude(email="")
            .select_related("actor")
            .order_by("actor__name", "name")
        )
        self.fields["contacts"].label_from_instance = lambda c: f"{c.actor.name} – {c.name}"


class _AttachmentMixin:
    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return consultation_services.check_pdf(upload)


class StatementForm(_AttachmentMixin, CleanTextFormMixin, forms.Form):
    """An invited actor's statement through the personal link."""

    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional, PDF, at most 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the statement is processed for the weighing and that its outcome is "
            "published with the name of our organisation (never names of persons)."
        ),
        error_messages={"required": _("Please agree to the processing of the statement.")},
    )


class StatementRecordForm(_AttachmentMixin, CleanTextFormMixin, DateBoundsMixin, forms.Form):
    """A statement received by letter, e-mail or in a meeting, recorded by the manager."""

    actor = forms.ModelChoiceField(label=_("Actor"), queryset=Actor.objects.none(), required=False)
    sender = forms.CharField(
        label=_("Sender (if not in the actor register)"), max_length=200, required=False
    )
    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[c for c in StatementChannel.choices if c[0] != StatementChannel.ONLINE],
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    text = forms.CharField(
        label=_("Statement (text or summary)"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    attachment = forms.FileField(
        label=_("Scan or document (optional, PDF, at most 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(area=area).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("actor") and not (cleaned.get("sender") or "").strip():
            self.add_error("sender", _("Please choose an actor or name the sender."))
        return cleaned


class WeighingForm(CleanTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=WeighingDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    vision_changed = forms.BooleanField(label=_("The vision was changed"), required=False)
    action_fields = forms.ModelMultipleChoiceField(
        label=_("Changed fields of action"),
        queryset=ActionField.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Changed goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.ModelMultipleChoiceField(
        label=_("Changed measures"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        draft = consultation.version
        self.fields["action_fields"].queryset = ActionField.objects.filter(version=draft).order_by(
            "order", "pk"
        )
        self.fields["goals"].queryset = (
            Goal.objects.for_version(draft)
            .select_related("action_field")
            .order_by("action_field__order", "order", "pk")
        )
        self.fields["measures"].queryset = Measure.objects.in_version(draft).order_by("title")

    @classmethod
    def for_weighing(cls, weighing, **kwargs):
        if weighing is None:
            return cls(**kwargs)
        initial = {
            "decision": weighing.decision,
            "reason": weighing.reason,
            "vision_changed": weighing.vision_changed,
            "action_fields": [f.pk for f in weighing.action_fields.all()],
            "goals": [g.pk for g in weighing.goals.all()],
            "measures": [m.pk for m in weighing.measures.all()],
        }
        return cls(initial=initial, **kwargs)
