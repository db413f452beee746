"""Forms to follow an area or a measure by e-mail and to change what one receives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Rhythm, Topic
from ..models.subscriptions import MEASURE_TOPICS
from .contributions import _AnonymousContributionForm


def _topic_field(measure):
    choices = [(t.value, t.label) for t in MEASURE_TOPICS] if measure is not None else Topic.choices
    return forms.MultipleChoiceField(
        label=_("What would you like to hear about?"),
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one topic.")},
    )


def _rhythm_field():
    return forms.ChoiceField(
        label=_("How often?"),
        choices=Rhythm.choices,
        initial=Rhythm.IMMEDIATE,
        widget=forms.RadioSelect,
    )


class SubscribeForm(_AnonymousContributionForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm. Nothing is sent before you confirm."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my e-mail address is stored to send me these news. I can unsubscribe "
            "at any time with the link in every mail."
        ),
        error_messages={"required": _("Please agree to the processing of your data.")},
    )

    def __init__(self, *args, measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = _topic_field(measure)
        self.fields["rhythm"] = _rhythm_field()
        self.initial.setdefault("topics", [c for c, _label in self.fields["topics"].choices])
        self.order_fields(["email", "topics", "rhythm", "consent"])


class SubscriptionSettingsForm(forms.Form):
    def __init__(self, *args, subscription, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = _topic_field(subscription.measure)
        self.fields["rhythm"] = _rhythm_field()
        if not self.is_bound:
            self.initial = {"topics": subscription.topics, "rhythm": subscription.rhythm}
