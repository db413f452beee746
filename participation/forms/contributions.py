"""Forms for residents' contributions (comments, reports, ideas), moderation and data protection."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from ihk.geo import CoordinateField, clean_point, outline_bounds
from ihk.text import CleanTextFormMixin
from measures.models import ActionField, Measure

from ..models import IdeaStatus, Moderation
from ..spam import HONEYPOT_FIELD

COMMENT_MAX_LENGTH = 2000
IDEA_MAX_LENGTH = 5000


def _add_bootstrap_classes(form):
    """Bootstrap classes on the widgets, since residents' forms are rendered field by field."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        elif isinstance(widget, (forms.HiddenInput, forms.RadioSelect)):
            continue
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class _AnonymousContributionForm(CleanTextFormMixin, forms.Form):
    """Common parts: honeypot and the submission key that makes a double submit harmless."""

    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bots fill in every field; people never see this one.
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Please leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

        _add_bootstrap_classes(self)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _(
                    "Your contribution could not be accepted. Please leave the last field empty "
                    "and send it again."
                ),
                code="honeypot",
            )
        if not cleaned.get("submission_key"):
            cleaned["submission_key"] = uuid.uuid4()
        return cleaned


def _normalise_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


class CommentForm(_AnonymousContributionForm):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, at most %(max)d characters.") % {"max": COMMENT_MAX_LENGTH},
        error_messages={"required": _("Please write a comment.")},
    )
    pseudonym = forms.CharField(
        label=_("Name or pseudonym (optional, shown publicly)"),
        max_length=80,
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("Never shown. We only use it to tell you when your comment is answered."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my comment and the data I entered are processed."),
        error_messages={"required": _("Please agree to the processing of your data.")},
    )

    def clean_text(self):
        return _normalise_newlines(self.cleaned_data["text"]).strip()


class ReportForm(_AnonymousContributionForm):
    reason = forms.CharField(
        label=_("Why should the moderation look at this comment? (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IdeaForm(_AnonymousContributionForm):
    title = forms.CharField(label=_("Title of your idea"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=IDEA_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should happen, for whom, and why?"),
    )
    action_field = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=ActionField.objects.none(),
        required=False,
        empty_label=_("– not sure –"),
    )
    place = forms.CharField(label=_("Place (optional)"), max_length=200, required=False)
    latitude = CoordinateField(limit=90, label=_("Latitude (optional)"))
    longitude = CoordinateField(limit=180, label=_("Longitude (optional)"))
    contact_name = forms.CharField(
        label=_("Your name (optional, not shown publicly)"), max_length=200, required=False
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail (optional, not shown publicly)"),
        required=False,
        help_text=_("So the quarter management can ask you about your idea."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my idea and the data I entered are processed."),
        error_messages={"required": _("Please agree to the processing of your data.")},
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["action_field"].queryset = ActionField.objects.filter(
            version__area=area, version__is_current=True
        ).select_related("version")

    def clean_description(self):
        return _normalise_newlines(self.cleaned_data["description"]).strip()

    def clean(self):
        cleaned = super().clean()
        try:
            clean_point(cleaned, bounds=outline_bounds(self.area.outline))
        except forms.ValidationError as error:
            self.add_error("latitude", error)
        return cleaned


# --- moderation


class BulkModerationForm(CleanTextFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action for the selected items"),
        choices=[
            ("", _("– choose –")),
            ("approve", _("Approve (publish)")),
            ("hide", _("Hide with a public reason")),
            ("block", _("Block (not shown at all)")),
        ],
    )
    reason = forms.CharField(
        label=_("Public reason for hiding"),
        max_length=300,
        required=False,
    )
    comments = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    ideas = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args, comment_ids=(), idea_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(pk, pk) for pk in comment_ids]
        self.fields["ideas"].choices = [(pk, pk) for pk in idea_ids]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("comments") and not cleaned.get("ideas"):
            raise forms.ValidationError(_("Please select at least one item."))
        if cleaned.get("action") == "hide" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a public reason for hiding."))
        return cleaned


class ModerationForm(CleanTextFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve (publish)")),
            ("hide", _("Hide with a public reason")),
            ("block", _("Block (not shown at all)")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Public reason for hiding"), max_length=300, required=False)

    @classmethod
    def for_item(cls, item):
        """The form for a comment or an idea, preset with its current decision."""
        action = {Moderation.HIDDEN: "hide", Moderation.BLOCKED: "block"}.get(
            item.moderation, "approve"
        )
        return cls(initial={"action": action, "reason": item.moderation_reason})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "hide" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a public reason for hiding."))
        return cleaned


class AnswerForm(CleanTextFormMixin, forms.Form):
    official_answer = forms.CharField(
        label=_("Official answer"),
        max_length=COMMENT_MAX_LENGTH * 2,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown publicly below the comment."),
        error_messages={"required": _("Please write an answer.")},
    )


class IdeaStatusForm(CleanTextFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IdeaStatus.choices)
    measure = forms.ModelChoiceField(
        label=_("Taken up as measure"),
        queryset=Measure.objects.none(),
        required=False,
    )
    status_reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(area=area).order_by("title")

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == IdeaStatus.TAKEN_UP and not cleaned.get("measure"):
            self.add_error("measure", _("Please choose the measure the idea was taken up as."))
        if status == IdeaStatus.NOT_TAKEN_UP and not cleaned.get("status_reason", "").strip():
            self.add_error(
                "status_reason", _("Please give a reason why the idea was not taken up.")
            )
        return cleaned


class ModerationModeForm(forms.Form):
    premoderated = forms.TypedChoiceField(
        label=_("When do residents' comments appear?"),
        choices=[
            ("1", _("Pre-moderation: only after approval")),
            ("0", _("Post-moderation: at once, moderated afterwards")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


# --- data protection


class PrivacySearchForm(CleanTextFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))


class PrivacyEraseForm(CleanTextFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"), widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("What should happen to the comments?"),
        choices=[
            ("anonymise", _("Keep the text, remove name, e-mail and all author data")),
            ("delete", _("Remove the comments completely")),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I have checked the list and want to erase this data now."),
        error_messages={"required": _("Please confirm the erasure.")},
    )
