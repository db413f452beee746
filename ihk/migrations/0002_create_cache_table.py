"""Create the database cache table, so the default shared cache needs no manual step.

Runs the logic of ``manage.py createcachetable`` for every database cache in CACHES and, whatever
CACHE_URL says today, for the default table ``ihk_cache`` (so switching back from Redis works too).
"""

from django.core.management import call_command
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

DEFAULT_TABLE = "ihk_cache"


def create_cache_tables(apps, schema_editor):
    alias = schema_editor.connection.alias
    call_command("createcachetable", database=alias, verbosity=0)
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(alias, DEFAULT_TABLE, dry_run=False)


def drop_default_table(apps, schema_editor):
    tables = schema_editor.connection.introspection.table_names()
    if DEFAULT_TABLE in tables:
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(DEFAULT_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("ihk", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, drop_default_table)]
