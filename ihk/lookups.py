"""ORM lookups registered by ``IhkConfig.ready``.

``IntegerFieldIn``: Django drops integers outside a column's range for ``exact``, ``gt``, ``lt``
… (they can never match) but not for ``in``. A posted id like 99999999999999999999 in any
multiple-choice field (``ModelMultipleChoiceField`` checks with ``pk__in``) then reached SQLite
as an ``OverflowError`` and answered 500. Out-of-range values are left out of the ``IN`` list,
as for the other lookups; an empty list matches nothing.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)

            def in_range(value):
                if not isinstance(value, int):
                    return True
                return (low is None or value >= low) and (high is None or value <= high)

            self.rhs = [value for value in self.rhs if in_range(value)]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
