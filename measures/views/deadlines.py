"""Due dates: the list of one area (with its own due dates), the list across the user's areas,
and the user's private iCalendar feed behind a secret, revocable token."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView, View

from ihk.mixins import internal_crumbs
from ihk.models import Area

from .. import funding_services
from ..deadline_calendar import deadlines_ical
from ..deadlines import open_deadlines, resolve
from ..forms.funding import AreaDeadlineForm
from ..models import AreaDeadline, DeadlineFeedToken
from .funding import FundingReadMixin, FundingWriteMixin

DEADLINES_PER_PAGE = 50
FEED_LIMIT = 500
FEED_PAST_DAYS = 180


def deadline_page(request, areas, *, per_page=DEADLINES_PER_PAGE):
    """One page of the open deadlines of ``areas`` (a page of ``Deadline`` objects)."""
    by_id = {area.pk: area for area in areas}
    paginator = Paginator(open_deadlines(list(by_id)), per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = resolve(page.object_list, by_id)
    return page


class DeadlineListView(FundingReadMixin, TemplateView):
    template_name = "measures/funding/deadline_list.html"

    def get_context_data(self, **kwargs):
        kwargs.update(
            page_obj=deadline_page(self.request, [self.area]),
            breadcrumbs=internal_crumbs(self.area, (_("Deadlines"), "")),
        )
        return super().get_context_data(**kwargs)


class AreaDeadlineFormMixin(FundingWriteMixin):
    model = AreaDeadline
    form_class = AreaDeadlineForm

    def crumbs(self, *items):
        url = reverse("measures:deadline_list", kwargs={"area_slug": self.area.slug})
        return internal_crumbs(self.area, (_("Deadlines"), url), *items)

    def get_queryset(self):
        return AreaDeadline.objects.filter(area=self.area)

    def form_valid(self, form):
        form.instance.area = self.area
        messages.success(self.request, _("The due date has been saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("measures:deadline_list", kwargs={"area_slug": self.area.slug})


class AreaDeadlineCreateView(AreaDeadlineFormMixin, CreateView):
    @property
    def title(self):
        return _("New due date")


class AreaDeadlineUpdateView(AreaDeadlineFormMixin, UpdateView):
    @property
    def title(self):
        return _("Edit due date")


class AreaDeadlineDeleteView(AreaDeadlineFormMixin, DeleteView):
    template_name = "measures/funding/confirm_delete.html"

    @property
    def title(self):
        return _("Delete due date")

    def form_valid(self, form):
        return DeleteView.form_valid(self, form)


class MyDeadlinesView(LoginRequiredMixin, TemplateView):
    """The open deadlines of every area the user reads, 50 per page."""

    template_name = "measures/funding/my_deadlines.html"

    def get_context_data(self, **kwargs):
        areas = list(Area.objects.for_user(self.request.user).only("pk", "name", "slug"))
        kwargs.update(
            page_obj=deadline_page(self.request, areas),
            breadcrumbs=[(_("My areas"), reverse("ihk:dashboard")), (_("Deadlines"), "")],
            feed_token=DeadlineFeedToken.objects.filter(user=self.request.user).first(),
        )
        return super().get_context_data(**kwargs)


class FeedTokenView(LoginRequiredMixin, View):
    """POST ``action=regenerate`` makes a new secret feed URL, ``action=revoke`` removes it."""

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "regenerate":
            funding_services.regenerate_feed_token(user=request.user)
            messages.success(request, _("Your calendar has a new private address."))
        elif action == "revoke":
            funding_services.revoke_feed_token(user=request.user)
            messages.success(request, _("Your calendar address has been switched off."))
        else:
            return HttpResponse(status=400)
        return HttpResponseRedirect(reverse("funding:my_deadlines") + "#calendar")


class DeadlineFeedView(View):
    """The private iCalendar feed: the token is the only credential, so an unknown, revoked or
    malformed token (or an inactive user) is a 404 that says nothing about why."""

    def get(self, request, token, *args, **kwargs):
        if not 20 <= len(token) <= 64:
            raise Http404
        feed = get_object_or_404(
            DeadlineFeedToken.objects.select_related("user"), token=token, user__is_active=True
        )
        areas = {
            area.pk: area for area in Area.objects.for_user(feed.user).only("pk", "name", "slug")
        }
        since = timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)
        rows = open_deadlines(list(areas), since=since)[:FEED_LIMIT]
        content = deadlines_ical(
            resolve(rows, areas),
            name=_("IHK deadlines"),
            host=request.get_host(),
            absolute=request.build_absolute_uri,
        )
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
