"""Data shared by every test of one module, made once.

It is written inside a transaction that stays open for the module; each test's own transaction
nests in it (a savepoint), and rolling the outer one back after the module's last test removes
the data at once, so no other module ever sees it. Not for transactional tests: their flush
would delete it.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back_after_module(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
