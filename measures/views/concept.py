"""Internal pages of the concept structure: the concept page, versions (Fortschreibung, current
version, comparison), fields of action, goals, indicators with measured values, and the
continuation overview with its elements.

Reading needs ``measures.view_internal`` (managers, city staff), every write
``measures.change_concept`` (managers). Objects are always loaded through the area of the URL,
so another area's object is a 404. A superseded version is frozen: its structure can no longer
be edited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from actors.models import Actor
from ihk.mixins import AreaPermissionMixin

from .. import services
from ..comparison import compare_versions, states_at
from ..forms.concept import (
    ActionFieldForm,
    ConceptVersionForm,
    ContinuationElementForm,
    GoalForm,
    IndicatorForm,
    IndicatorValueForm,
)
from ..indicators import value_chart
from ..models import (
    ActionField,
    ConceptVersion,
    ContinuationElement,
    ContinuationState,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    VersionKind,
    VersionStatus,
)


class ConceptReadMixin(AreaPermissionMixin):
    permission_required = "measures.view_internal"

    def concept_crumbs(self, *rest):
        return [
            (_("My areas"), reverse("ihk:dashboard")),
            (self.area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": self.area.slug})),
            (_("Concept"), reverse("measures:concept", kwargs={"area_slug": self.area.slug})),
            *rest,
        ]

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "can_manage", self.request.user.has_perm("measures.change_concept", self.area)
        )
        return super().get_context_data(**kwargs)


class ConceptWriteMixin(ConceptReadMixin):
    permission_required = "measures.change_concept"


def _concept_url(version) -> str:
    return (
        reverse("measures:concept", kwargs={"area_slug": version.area.slug})
        + f"?version={version.pk}"
    )


def _require_editable(version):
    if version.status == VersionStatus.SUPERSEDED:
        raise PermissionDenied(_("A superseded version can no longer be changed."))


# --- concept page -------------------------------------------------------------------------


def _measure_prefetch():
    return Prefetch(
        "measures",
        queryset=Measure.objects.select_related("lead_actor").order_by("title"),
    )


class ConceptView(ConceptReadMixin, TemplateView):
    """The concept of one version: vision, SWOT, fields → goals → indicators → measures."""

    template_name = "measures/concept_detail.html"

    @cached_property
    def versions(self):
        return list(ConceptVersion.objects.for_area(self.area).order_by("-number"))

    def get_version(self):
        chosen = self.request.GET.get("version")
        if chosen:
            if not chosen.isdigit():
                return None
            return next((v for v in self.versions if v.pk == int(chosen)), None)
        current = next((v for v in self.versions if v.is_current), None)
        return current or (self.versions[0] if self.versions else None)

    def get(self, request, *args, **kwargs):
        version = self.get_version()
        if request.GET.get("version") and version is None:
            raise Http404
        self.version = version
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        version = self.version
        fields = []
        if version is not None:
            fields = list(
                ActionField.objects.filter(version=version)
                .order_by("order", "pk")
                .prefetch_related(
                    _measure_prefetch(),
                    Prefetch("actors", queryset=Actor.objects.order_by("name")),
                    Prefetch(
                        "goals",
                        queryset=Goal.objects.order_by("order", "pk").prefetch_related(
                            _measure_prefetch(),
                            Prefetch(
                                "indicators",
                                queryset=Indicator.objects.prefetch_related("values"),
                            ),
                        ),
                    ),
                )
            )
            for field in fields:
                goals = list(field.goals.all())
                children: dict[int, list] = {}
                for goal in goals:
                    children.setdefault(goal.parent_id, []).append(goal)
                    goal.rated_indicators = [
                        (indicator, indicator.latest_value(), indicator.traffic_light())
                        for indicator in goal.indicators.all()
                    ]
                # Goals whose parent sits in another field of action are shown at top level.
                ids = {g.pk for g in goals}
                field.top_goals = [
                    g for g in goals if g.parent_id is None or g.parent_id not in ids
                ]
                for goal in goals:
                    goal.children = children.get(goal.pk, [])
                in_goals = {m.pk for g in goals for m in g.measures.all()}
                field.other_measures = [m for m in field.measures.all() if m.pk not in in_goals]
        # An earlier version shows its measures as they were when its successor was started;
        # the current version is the live one and shows them as they are now.
        successor = min(
            (
                v
                for v in self.versions
                if version and not version.is_current and v.number > version.number
            ),
            key=lambda v: v.number,
            default=None,
        )
        if successor is not None:
            shown = [m for f in fields for m in f.measures.all()]
            shown += [m for f in fields for g in f.goals.all() for m in g.measures.all()]
            states = states_at(
                Measure.history.model, {"id__in": {m.pk for m in shown}}, successor.created_at
            )
            for measure in shown:
                measure.as_was = states.get(measure.pk)
        kwargs.update(
            version=version,
            versions=self.versions,
            fields=fields,
            measures_as_of=successor.created_at if successor else None,
            editable=version is not None and version.status != VersionStatus.SUPERSEDED,
            breadcrumbs=self.concept_crumbs()[:-1] + [(_("Concept"), "")],
        )
        return super().get_context_data(**kwargs)


# --- versions ------------------------------------------------------------------------------


class VersionListView(ConceptReadMixin, TemplateView):
    template_name = "measures/version_list.html"

    def get_context_data(self, **kwargs):
        kwargs["versions"] = list(
            ConceptVersion.objects.for_area(self.area)
            .select_related("predecessor")
            .order_by("-number")
        )
        kwargs["breadcrumbs"] = self.concept_crumbs((_("Versions"), ""))
        return super().get_context_data(**kwargs)


class ConceptFormView(ConceptWriteMixin, View):
    """Shared GET/POST handling of the concept forms: render, validate, save, redirect."""

    template_name = "measures/concept_form.html"
    form_class = None
    title = ""

    def get_instance(self):
        return None

    def get_form_kwargs(self):
        return {}

    def get_success_url(self, obj):
        raise NotImplementedError

    def get_crumbs(self):
        return self.concept_crumbs((self.title, ""))

    def save(self, form):
        return form.save()

    def render(self, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "area": self.area,
                "form": form,
                "title": self.title,
                "breadcrumbs": self.get_crumbs(),
                "cancel_url": self.get_cancel_url(),
            },
        )

    def get_cancel_url(self):
        return reverse("measures:concept", kwargs={"area_slug": self.area.slug})

    def get(self, request, *args, **kwargs):
        return self.render(self.form_class(instance=self.get_instance(), **self.get_form_kwargs()))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, instance=self.get_instance(), **self.get_form_kwargs())
        if form.is_valid():
            with transaction.atomic():
                obj = self.save(form)
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(self.get_success_url(obj))
        return self.render(form)


class VersionCreateView(ConceptFormView):
    form_class = ConceptVersionForm

    @property
    def title(self):
        return _("New concept version")

    def get_form_kwargs(self):
        return {"area": self.area}

    def save(self, form):
        with transaction.atomic():
            version = form.save(commit=False)
            version.number = services.next_version_number(self.area)
            version.kind = VersionKind.UPDATE if version.number > 1 else VersionKind.INITIAL
            version.predecessor = (
                ConceptVersion.objects.for_area(self.area).order_by("-number").first()
            )
            version.save()
        return version

    def get_success_url(self, obj):
        return _concept_url(obj)


class VersionMixin:
    @cached_property
    def version(self):
        return get_object_or_404(ConceptVersion, pk=self.kwargs["pk"], area=self.area)


class VersionUpdateView(VersionMixin, ConceptFormView):
    form_class = ConceptVersionForm

    @property
    def title(self):
        return _("Edit %(version)s") % {"version": self.version}

    def get_instance(self):
        return self.version

    def get_form_kwargs(self):
        return {"area": self.area}

    def get_success_url(self, obj):
        return _concept_url(obj)

    def get_cancel_url(self):
        return _concept_url(self.version)


class VersionMakeCurrentView(VersionMixin, ConceptWriteMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.make_current(version=self.version, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(version)s is now the current version.") % {"version": self.version},
            )
        return redirect("measures:version_list", area_slug=self.area.slug)


class VersionStartUpdateView(VersionMixin, ConceptWriteMixin, View):
    """Starts a Fortschreibung of the version (POST only) and opens the new draft."""

    def post(self, request, *args, **kwargs):
        try:
            new = services.start_update(version=self.version, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("measures:version_list", area_slug=self.area.slug)
        messages.success(
            request,
            _(
                "%(new)s has been started as a draft with a copy of the structure of %(old)s. "
                "The previous version stays unchanged."
            )
            % {"new": new, "old": self.version},
        )
        return HttpResponseRedirect(_concept_url(new))


class VersionDeleteView(VersionMixin, ConceptWriteMixin, View):
    """Deletes a draft that is not current (e.g. a Fortschreibung started by mistake).

    Measures stay in the area; only the draft's copies of fields, goals and indicators go.
    """

    def check(self):
        if self.version.status != VersionStatus.DRAFT or self.version.is_current:
            raise PermissionDenied(_("Only a draft that is not current can be deleted."))

    def get(self, request, *args, **kwargs):
        self.check()
        return TemplateResponse(
            request,
            "measures/concept_confirm_delete.html",
            {
                "area": self.area,
                "object": self.version,
                "cancel_url": _concept_url(self.version),
                "breadcrumbs": self.concept_crumbs((_("Delete"), "")),
            },
        )

    def post(self, request, *args, **kwargs):
        self.check()
        name = str(self.version)
        self.version.delete()
        messages.success(request, _("“%(object)s” has been deleted.") % {"object": name})
        return redirect("measures:version_list", area_slug=self.area.slug)


class VersionCompareView(ConceptReadMixin, TemplateView):
    """Compares any two versions of the area (``?old=<pk>&new=<pk>``)."""

    template_name = "measures/version_compare.html"

    def get_context_data(self, **kwargs):
        versions = list(ConceptVersion.objects.for_area(self.area).order_by("-number"))
        by_pk = {str(v.pk): v for v in versions}
        old_pk, new_pk = self.request.GET.get("old"), self.request.GET.get("new")
        if (old_pk and old_pk not in by_pk) or (new_pk and new_pk not in by_pk):
            raise Http404
        new = by_pk.get(new_pk) or (versions[0] if versions else None)
        old = by_pk.get(old_pk)
        if old is None and new is not None:
            old = new.predecessor if new.predecessor_id in {v.pk for v in versions} else None
            if old is None:
                old = next((v for v in versions if v.number < new.number), None)
        diff = compare_versions(old, new) if old and new and old != new else None
        kwargs.update(
            versions=versions,
            old=old,
            new=new,
            diff=diff,
            breadcrumbs=self.concept_crumbs((_("Compare versions"), "")),
        )
        return super().get_context_data(**kwargs)


# --- fields of action ------------------------------------------------------------------------


class ActionFieldMixin:
    @cached_property
    def field(self):
        field = get_object_or_404(
            ActionField.objects.select_related("version__area"),
            pk=self.kwargs["pk"],
            version__area=self.area,
        )
        return field


class ActionFieldCreateView(ConceptFormView):
    form_class = ActionFieldForm

    @cached_property
    def version(self):
        version = get_object_or_404(ConceptVersion, pk=self.kwargs["version_pk"], area=self.area)
        _require_editable(version)
        return version

    @property
    def title(self):
        return _("New field of action")

    def get_form_kwargs(self):
        return {"version": self.version}

    def save(self, form):
        field = form.save(commit=False)
        last = ActionField.objects.filter(version=self.version).order_by("-order").first()
        field.order = last.order + 1 if last else 0
        field.save()
        form.save_m2m()
        return field

    def get_success_url(self, obj):
        return _concept_url(self.version)

    def get_cancel_url(self):
        return _concept_url(self.version)


class ActionFieldUpdateView(ActionFieldMixin, ConceptFormView):
    form_class = ActionFieldForm

    @property
    def title(self):
        return _("Edit field of action “%(title)s”") % {"title": self.field.title}

    def get_instance(self):
        _require_editable(self.field.version)
        return self.field

    def get_form_kwargs(self):
        return {"version": self.field.version}

    def get_success_url(self, obj):
        return _concept_url(self.field.version)

    def get_cancel_url(self):
        return _concept_url(self.field.version)


class ActionFieldMoveView(ActionFieldMixin, ConceptWriteMixin, View):
    """Moves a field of action up or down; htmx gets the re-rendered list, others a redirect."""

    def post(self, request, *args, **kwargs):
        _require_editable(self.field.version)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            messages.error(request, _("Unknown direction."))
        else:
            services.move_action_field(field=self.field, direction=direction)
        if request.headers.get("HX-Request"):
            fields = list(
                ActionField.objects.filter(version=self.field.version).order_by("order", "pk")
            )
            return TemplateResponse(
                request,
                "measures/partials/_concept_field_order.html",
                {"area": self.area, "version": self.field.version, "order_fields": fields},
            )
        return HttpResponseRedirect(_concept_url(self.field.version) + "#field-order")


class ConceptDeleteView(ConceptWriteMixin, View):
    """Confirmation page (GET) and deletion (POST) of one concept object."""

    template_name = "measures/concept_confirm_delete.html"

    def get_object(self):
        raise NotImplementedError

    def get_version(self, obj):
        raise NotImplementedError

    def get_success_url(self, obj):
        return _concept_url(self.get_version(obj))

    def get_context(self, obj):
        return {
            "area": self.area,
            "object": obj,
            "cancel_url": self.get_success_url(obj),
            "breadcrumbs": self.concept_crumbs((_("Delete"), "")),
        }

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        _require_editable(self.get_version(obj))
        return TemplateResponse(request, self.template_name, self.get_context(obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        _require_editable(self.get_version(obj))
        url = self.get_success_url(obj)
        obj.delete()
        messages.success(request, _("“%(object)s” has been deleted.") % {"object": obj})
        return HttpResponseRedirect(url)


class ActionFieldDeleteView(ConceptDeleteView):
    def get_object(self):
        return get_object_or_404(
            ActionField.objects.select_related("version__area"),
            pk=self.kwargs["pk"],
            version__area=self.area,
        )

    def get_version(self, obj):
        return obj.version


# --- goals ---------------------------------------------------------------------------------


class GoalCreateView(ConceptFormView):
    form_class = GoalForm

    @cached_property
    def field(self):
        field = get_object_or_404(
            ActionField.objects.select_related("version__area"),
            pk=self.kwargs["field_pk"],
            version__area=self.area,
        )
        _require_editable(field.version)
        return field

    @property
    def title(self):
        return _("New goal")

    def get(self, request, *args, **kwargs):
        form = self.form_class(version=self.field.version, initial={"action_field": self.field})
        return self.render(form)

    def get_form_kwargs(self):
        return {"version": self.field.version}

    def get_success_url(self, obj):
        return _concept_url(self.field.version) + f"#goal-{obj.pk}"

    def get_cancel_url(self):
        return _concept_url(self.field.version)


class GoalMixin:
    @cached_property
    def goal(self):
        return get_object_or_404(
            Goal.objects.select_related("action_field__version__area"),
            pk=self.kwargs["pk"],
            action_field__version__area=self.area,
        )


class GoalUpdateView(GoalMixin, ConceptFormView):
    form_class = GoalForm

    @property
    def title(self):
        return _("Edit goal “%(title)s”") % {"title": self.goal.title}

    def get_instance(self):
        _require_editable(self.goal.action_field.version)
        return self.goal

    def get_form_kwargs(self):
        return {"version": self.goal.action_field.version}

    def get_success_url(self, obj):
        return _concept_url(self.goal.action_field.version) + f"#goal-{obj.pk}"

    def get_cancel_url(self):
        return _concept_url(self.goal.action_field.version)


class GoalDeleteView(ConceptDeleteView):
    def get_object(self):
        return get_object_or_404(
            Goal.objects.select_related("action_field__version__area"),
            pk=self.kwargs["pk"],
            action_field__version__area=self.area,
        )

    def get_version(self, obj):
        return obj.action_field.version


# --- indicators and measured values ----------------------------------------------------------


class IndicatorMixin:
    @cached_property
    def indicator(self):
        return get_object_or_404(
            Indicator.objects.select_related("goal__action_field__version__area"),
            pk=self.kwargs["pk"],
            goal__action_field__version__area=self.area,
        )


class IndicatorCreateView(ConceptFormView):
    form_class = IndicatorForm

    @cached_property
    def goal(self):
        goal = get_object_or_404(
            Goal.objects.select_related("action_field__version__area"),
            pk=self.kwargs["goal_pk"],
            action_field__version__area=self.area,
        )
        _require_editable(goal.action_field.version)
        return goal

    @property
    def title(self):
        return _("New indicator for “%(goal)s”") % {"goal": self.goal.title}

    def get_instance(self):
        return Indicator(goal=self.goal)

    def get_success_url(self, obj):
        return reverse(
            "measures:indicator_detail", kwargs={"area_slug": self.area.slug, "pk": obj.pk}
        )

    def get_cancel_url(self):
        return _concept_url(self.goal.action_field.version)


class IndicatorUpdateView(IndicatorMixin, ConceptFormView):
    form_class = IndicatorForm

    @property
    def title(self):
        return _("Edit indicator “%(name)s”") % {"name": self.indicator.name}

    def get_instance(self):
        _require_editable(self.indicator.goal.action_field.version)
        return self.indicator

    def get_success_url(self, obj):
        return reverse(
            "measures:indicator_detail", kwargs={"area_slug": self.area.slug, "pk": obj.pk}
        )

    def get_cancel_url(self):
        return self.get_success_url(self.indicator)


class IndicatorDeleteView(ConceptDeleteView):
    def get_object(self):
        return get_object_or_404(
            Indicator.objects.select_related("goal__action_field__version__area"),
            pk=self.kwargs["pk"],
            goal__action_field__version__area=self.area,
        )

    def get_version(self, obj):
        return obj.goal.action_field.version


class IndicatorDetailView(IndicatorMixin, ConceptReadMixin, TemplateView):
    """An indicator with its measured values over time; managers add values here."""

    template_name = "measures/indicator_detail.html"

    def get_context_data(self, **kwargs):
        indicator = self.indicator
        values = list(indicator.values.order_by("measured_on", "pk"))
        indicator._prefetched_objects_cache = {"values": values}
        version = indicator.goal.action_field.version
        kwargs.setdefault("value_form", IndicatorValueForm(indicator=indicator))
        kwargs.update(
            indicator=indicator,
            values=values,
            light=indicator.traffic_light(),
            chart=value_chart(indicator, values),
            version=version,
            editable=version.status != VersionStatus.SUPERSEDED,
            breadcrumbs=self.concept_crumbs((indicator.name, "")),
        )
        return super().get_context_data(**kwargs)


class IndicatorValueCreateView(IndicatorMixin, ConceptWriteMixin, View):
    def post(self, request, *args, **kwargs):
        _require_editable(self.indicator.goal.action_field.version)
        form = IndicatorValueForm(request.POST, indicator=self.indicator)
        if form.is_valid():
            form.save()
            messages.success(request, _("The measured value has been saved."))
            return redirect(
                "measures:indicator_detail", area_slug=self.area.slug, pk=self.indicator.pk
            )
        view = IndicatorDetailView(request=request, kwargs=self.kwargs, args=())
        view.setup(request, *args, **kwargs)
        return TemplateResponse(
            request,
            view.template_name,
            view.get_context_data(value_form=form),
            status=200,
        )


class IndicatorValueUpdateView(ConceptFormView):
    """Correct a measured value (date, value, note) of an indicator."""

    form_class = IndicatorValueForm

    @cached_property
    def value(self):
        return get_object_or_404(
            IndicatorValue.objects.select_related("indicator__goal__action_field__version__area"),
            pk=self.kwargs["pk"],
            indicator__goal__action_field__version__area=self.area,
        )

    @property
    def title(self):
        return _("Edit measured value of “%(name)s”") % {"name": self.value.indicator.name}

    def get_instance(self):
        _require_editable(self.value.indicator.goal.action_field.version)
        return self.value

    def get_form_kwargs(self):
        return {"indicator": self.value.indicator}

    def get_success_url(self, obj):
        return reverse(
            "measures:indicator_detail",
            kwargs={"area_slug": self.area.slug, "pk": obj.indicator_id},
        )

    def get_cancel_url(self):
        return self.get_success_url(self.value)


class IndicatorValueDeleteView(ConceptDeleteView):
    def get_object(self):
        return get_object_or_404(
            IndicatorValue.objects.select_related("indicator__goal__action_field__version__area"),
            pk=self.kwargs["pk"],
            indicator__goal__action_field__version__area=self.area,
        )

    def get_version(self, obj):
        return obj.indicator.goal.action_field.version

    def get_success_url(self, obj):
        return reverse(
            "measures:indicator_detail",
            kwargs={"area_slug": self.area.slug, "pk": obj.indicator_id},
        )


# --- continuation ----------------------------------------------------------------------------


class ContinuationOverviewView(ConceptReadMixin, TemplateView):
    """The area's continuation concept: its elements and the measures' continuation plans."""

    template_name = "measures/continuation_overview.html"

    def get_context_data(self, **kwargs):
        elements = list(
            ContinuationElement.objects.filter(area=self.area).select_related("responsible_actor")
        )
        measures = list(
            Measure.objects.filter(area=self.area)
            .exclude(status=MeasureStatus.DROPPED)
            .select_related("continuation_carrier", "lead_actor")
            .order_by("title")
        )
        kwargs.update(
            elements=elements,
            measures=measures,
            open_elements=[e for e in elements if e.state != ContinuationState.SECURED],
            open_measures=[
                m for m in measures if m.continuation_state != ContinuationState.SECURED
            ],
            secured_amount=sum(
                (e.annual_amount or 0) for e in elements if e.state == ContinuationState.SECURED
            ),
            open_amount=sum(
                (e.annual_amount or 0) for e in elements if e.state != ContinuationState.SECURED
            ),
            breadcrumbs=[
                (_("My areas"), reverse("ihk:dashboard")),
                (
                    self.area.name,
                    reverse("ihk:area_dashboard", kwargs={"area_slug": self.area.slug}),
                ),
                (_("Continuation"), ""),
            ],
        )
        return super().get_context_data(**kwargs)


def _continuation_url(area):
    return reverse("measures:continuation", kwargs={"area_slug": area.slug})


class ContinuationElementCreateView(ConceptFormView):
    form_class = ContinuationElementForm

    @property
    def title(self):
        return _("New continuation element")

    def get_form_kwargs(self):
        return {"area": self.area}

    def get_success_url(self, obj):
        return _continuation_url(self.area)

    def get_cancel_url(self):
        return _continuation_url(self.area)

    def get_crumbs(self):
        return [
            (_("My areas"), reverse("ihk:dashboard")),
            (self.area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": self.area.slug})),
            (_("Continuation"), _continuation_url(self.area)),
            (self.title, ""),
        ]


class ContinuationElementUpdateView(ContinuationElementCreateView):
    @cached_property
    def element(self):
        return get_object_or_404(ContinuationElement, pk=self.kwargs["pk"], area=self.area)

    @property
    def title(self):
        return _("Edit “%(title)s”") % {"title": self.element.title}

    def get_instance(self):
        return self.element


class ContinuationElementDeleteView(ConceptDeleteView):
    def get_object(self):
        return get_object_or_404(ContinuationElement, pk=self.kwargs["pk"], area=self.area)

    def get_version(self, obj):
        return None

    def get_success_url(self, obj):
        return _continuation_url(self.area)

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, self.get_context(self.get_object()))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        obj.delete()
        messages.success(request, _("“%(object)s” has been deleted.") % {"object": obj})
        return HttpResponseRedirect(_continuation_url(self.area))
