"""Following an area or a measure by e-mail: subscribe, confirm, settings, unsubscribe.

Residents have no account; the confirm, settings and unsubscribe pages are reached through
signed links from the mails (``participation.tokens``). A wrong, expired or revoked link gets a
friendly 404 page that says nothing about whether an address is subscribed.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from ihk.mixins import (
    AreaMixin,
    AreaPermissionMixin,
    PublicAreaMixin,
    internal_crumbs,
    public_crumbs,
)
from measures.models import Measure

from .. import spam, subscription_services
from ..forms.subscriptions import SubscribeForm, SubscriptionSettingsForm
from ..models import Subscription, Topic
from ..subscription_services import CONFIRM_SALT, MANAGE_SALT, subscription_for_token
from ..tokens import make_token

RATE_LIMIT_STATUS = 429


class SubscribeView(PublicAreaMixin, FormView):
    """``follow/`` (the area) and ``follow/measure/<pk>/`` (one public measure)."""

    template_name = "participation/subscriptions/subscribe.html"
    form_class = SubscribeForm

    def get_measure(self):
        if "measure_pk" not in self.kwargs:
            return None
        return get_object_or_404(
            Measure.objects.public_for(self.area), pk=self.kwargs["measure_pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        self.measure = self.get_measure()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "measure": self.measure}

    def get_context_data(self, **kwargs):
        kwargs["measure"] = self.measure
        items = [(_("Follow by e-mail"), "")]
        if self.measure is not None:
            items.insert(0, (self.measure.title, self.measure.get_absolute_url()))
        kwargs["breadcrumbs"] = public_crumbs(self.area, *items)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            subscription_services.subscribe(
                area=self.area,
                measure=self.measure,
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                rhythm=form.cleaned_data["rhythm"],
                client=spam.client_hash(self.request),
            )
        except spam.RateLimited:
            form.add_error(
                None,
                _("You have subscribed several times in a short time. Please try again later."),
            )
            return self.render_to_response(
                self.get_context_data(form=form), status=RATE_LIMIT_STATUS
            )
        url = reverse("participation:subscription_sent", kwargs={"area_slug": self.area.slug})
        return HttpResponseRedirect(url)


class SubscriptionSentView(PublicAreaMixin, TemplateView):
    template_name = "participation/subscriptions/sent.html"

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = public_crumbs(self.area, (_("Follow by e-mail"), ""))
        return super().get_context_data(**kwargs)


class _TokenMixin(AreaMixin):
    """The subscription of the signed link, looked up in this area only."""

    salt = MANAGE_SALT

    def dispatch(self, request, *args, **kwargs):
        queryset = Subscription.objects.filter(area=self.area).select_related("area", "measure")
        self.subscription = subscription_for_token(queryset, kwargs["token"], self.salt)
        if self.subscription is None:
            return render(
                request,
                "participation/subscriptions/link_invalid.html",
                {"area": self.area, "breadcrumbs": public_crumbs(self.area, (_("Link"), ""))},
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["subscription"] = self.subscription
        kwargs["target"] = self.subscription.measure or self.area
        kwargs["breadcrumbs"] = public_crumbs(self.area, (_("Follow by e-mail"), ""))
        return super().get_context_data(**kwargs)

    def manage_redirect(self):
        return HttpResponseRedirect(
            reverse(
                "participation:subscription_manage",
                kwargs={
                    "area_slug": self.area.slug,
                    "token": make_token(self.subscription, MANAGE_SALT),
                },
            )
        )


class SubscriptionConfirmView(_TokenMixin, TemplateView):
    """The link in the confirmation mail shows a button; only the POST confirms, so mail
    scanners that open links do not subscribe anyone."""

    salt = CONFIRM_SALT
    template_name = "participation/subscriptions/confirm.html"

    def post(self, request, *args, **kwargs):
        subscription_services.confirm(self.subscription)
        messages.success(request, _("Thank you – your subscription is confirmed."))
        return self.manage_redirect()


class SubscriptionManageView(_TokenMixin, FormView):
    template_name = "participation/subscriptions/manage.html"
    form_class = SubscriptionSettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subscription": self.subscription}

    def get_context_data(self, **kwargs):
        kwargs["unsubscribe_url"] = reverse(
            "participation:subscription_unsubscribe",
            kwargs={"area_slug": self.area.slug, "token": self.kwargs["token"]},
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        subscription_services.update_settings(
            self.subscription,
            topics=form.cleaned_data["topics"],
            rhythm=form.cleaned_data["rhythm"],
        )
        messages.success(self.request, _("Your settings have been saved."))
        return self.manage_redirect()


@method_decorator(csrf_exempt, name="dispatch")
class SubscriptionUnsubscribeView(_TokenMixin, TemplateView):
    """GET asks, POST unsubscribes. The POST needs no CSRF token (RFC 8058 one-click from the
    mail program): it can only end the subscription whose secret link it carries."""

    template_name = "participation/subscriptions/unsubscribe.html"

    def post(self, request, *args, **kwargs):
        subscription_services.unsubscribe(self.subscription)
        return render(
            request,
            "participation/subscriptions/unsubscribed.html",
            {
                "area": self.area,
                "breadcrumbs": public_crumbs(self.area, (_("Follow by e-mail"), "")),
            },
        )


class SubscriptionOverviewView(AreaPermissionMixin, TemplateView):
    """For the area team: how many people follow the area and what for (no addresses)."""

    permission_required = "participation.view_subscriptions"
    template_name = "participation/subscriptions/overview.html"

    def get_context_data(self, **kwargs):
        subscriptions = Subscription.objects.for_area(self.area)
        counts = subscriptions.topic_counts()
        kwargs["total"] = counts.pop("total")
        kwargs["topics"] = [(label, counts[value]) for value, label in Topic.choices]
        kwargs["pending"] = subscriptions.filter(confirmed_at=None).count()
        kwargs["measures"] = subscriptions.confirmed().exclude(measure=None).count()
        overview = reverse("participation:overview", kwargs={"area_slug": self.area.slug})
        kwargs["breadcrumbs"] = internal_crumbs(
            self.area, (_("Participation"), overview), (_("Subscriptions"), "")
        )
        return super().get_context_data(**kwargs)
