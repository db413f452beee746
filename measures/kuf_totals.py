"""The KuF page at any size: totals aggregated in SQL, per-measure rows one page at a time.

::

    kuf = kuf_totals(version)                    # Kuf with years, matrix, sources, fields
                                                 # (subtotals), total – no per-measure entries
    groups = kuf_page_groups(measures, kuf)      # [FieldKuf] of one page of measures

The sums are the same as ``build_kuf`` computes from all measures (tests compare them); the
exports keep using ``build_kuf`` so their rows are complete.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from .kuf import Amounts, FieldKuf, Kuf, MeasureKuf
from .models import ActionField, FinancingSource
from .overview import WITHOUT_FIELD, financing_sums


def _field_titles(version) -> dict:
    titles = {
        pk: (order, title)
        for pk, order, title in ActionField.objects.filter(version=version).values_list(
            "pk", "order", "title"
        )
    }
    titles[0] = (WITHOUT_FIELD, _("Without field of action"))
    return titles


def kuf_totals(version) -> Kuf:
    """Stage sums by year × source × field of action in one query (rows do not grow with
    the number of measures)."""
    rows = financing_sums(version)
    titles = _field_titles(version)
    cells, by_year, by_source = defaultdict(Amounts), defaultdict(Amounts), defaultdict(Amounts)
    total = Amounts()
    groups: dict = {}
    for row in rows:
        order, title = titles.get(row["field_pk"], titles[0])
        group = groups.setdefault((order, row["field_pk"]), FieldKuf(title=title))
        year, source = row["year"], row["source"]
        for amounts in (
            cells[(year, source)],
            by_year[year],
            by_source[source],
            total,
            group.by_year[year],
            group.total,
        ):
            amounts.add_sums(row)
    years = sorted(by_year)
    fields = [groups[key] for key in sorted(groups)]
    for group in fields:
        group.year_cells = [group.year(y) for y in years]
    kuf = Kuf(
        years=years,
        sources=[(value, str(label)) for value, label in FinancingSource.choices],
        cells=dict(cells),
        by_year=dict(by_year),
        by_source=dict(by_source),
        total=total,
        fields=fields,
        measures=[],
    )
    kuf.field_titles = titles  # for kuf_page_groups
    return kuf


def kuf_page_groups(measures, kuf: Kuf) -> list:
    """One page of measures (``overview.measures_of_page``: ``field_pk`` set, ``financing_rows``
    prefetched) as field groups with per-year cells on the KuF's years."""
    titles = kuf.field_titles
    groups: list = []
    for measure in measures:
        if not groups or groups[-1].pk != measure.field_pk:
            group = FieldKuf(title=titles.get(measure.field_pk, titles[0])[1])
            group.pk = measure.field_pk
            groups.append(group)
        entry = MeasureKuf(measure=measure, field_title=groups[-1].title)
        for row in measure.financing_rows.all():
            entry.by_year[row.year].add_row(row)
            entry.total.add_row(row)
        entry.year_cells = [entry.year(y) for y in kuf.years]
        groups[-1].measures.append(entry)
    return groups
