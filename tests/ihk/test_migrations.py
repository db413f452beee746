"""The migrations build a working database, the way a deployment does.

The test databases are created from the models (``--nomigrations`` in pyproject.toml: a worker's
database is ready in about a second instead of ten), so this test runs the whole migration chain
once, in a subprocess, on an empty scratch database of the same engine as the suite
(``DATABASE_URL``, else SQLite). ``make test`` checks beforehand that no model change lacks a
migration (``makemigrations --check``); together they prove that models and migrations agree.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]


def migrate(database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    return subprocess.run(  # noqa: S603  our own manage.py
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def applied(result: subprocess.CompletedProcess) -> int:
    return result.stdout.count("... OK")


@pytest.fixture
def scratch_database_url(tmp_path):
    """An empty database on the suite's engine: on PostgreSQL a schema of its own in the
    configured database (a scratch database would cost a checkpoint to drop), dropped afterwards.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    schema = f"migration_check_{os.getpid()}"
    parts = urlsplit(url)
    query = parse_qsl(parts.query)  # the URL's own options (sslmode, …) stay for migrate
    with psycopg.connect(urlunsplit(parts._replace(query="")), autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.execute(f"CREATE SCHEMA {schema}")
        try:
            options = [*query, ("options", f"-c search_path={schema}")]
            yield urlunsplit(parts._replace(query=urlencode(options, quote_via=quote)))
        finally:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def test_every_migration_applies_to_an_empty_database(scratch_database_url):
    first = migrate(scratch_database_url)
    assert first.returncode == 0, first.stderr[-3000:]
    own_apps = ("ihk", "actors", "measures", "participation", "funds", "reports")
    for app in own_apps:
        assert f"Applying {app}.0001" in first.stdout, f"{app}: no migration applied"
    assert applied(first) > 50

    again = migrate(scratch_database_url)
    assert again.returncode == 0, again.stderr[-3000:]
    assert applied(again) == 0
    assert "No migrations to apply." in again.stdout
