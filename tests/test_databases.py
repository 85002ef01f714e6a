"""``upgrader.databases.needs``: what a suite that stopped at its databases needs, from the error text
(Django's backends' own messages, and the drivers'). The real drivers and a real refused connection
are in tests/step/test_step_library_layouts.py."""

import pytest

from upgrader.databases import needs


@pytest.mark.parametrize("message, said", [
    # Django's backends, 2.2 - 6.1 (django/db/backends/*/base.py)
    ("django.core.exceptions.ImproperlyConfigured: Error loading MySQLdb module.\nDid you install mysqlclient?",
     "the MySQL driver (mysqlclient)"),
    ("django.core.exceptions.ImproperlyConfigured: Error loading psycopg2 module: No module named 'psycopg2'",
     "the PostgreSQL driver (psycopg2-binary or psycopg)"),
    ("django.core.exceptions.ImproperlyConfigured: Error loading psycopg2 or psycopg module",
     "the PostgreSQL driver (psycopg2-binary or psycopg)"),
    ("django.core.exceptions.ImproperlyConfigured: Error loading cx_Oracle module: No module named 'cx_Oracle'",
     "the Oracle driver"),
    # the drivers: libpq before 14, libpq 14+, a socket; mysqlclient's 2002 / 2003
    ('psycopg2.OperationalError: could not connect to server: Connection refused\n\tIs the server running on host '
     '"localhost" (127.0.0.1) and accepting\n\tTCP/IP connections on port 5432?', "a PostgreSQL server at localhost:5432"),
    ('django.db.utils.OperationalError: connection to server at "db" (10.0.0.2), port 5433 failed: Connection refused',
     "a PostgreSQL server at db:5433"),
    ('connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory',
     "a PostgreSQL server, which does not answer"),
    ("django.db.utils.OperationalError: (2002, \"Can't connect to local MySQL server through socket "
     "'/var/run/mysqld/mysqld.sock' (2)\")", "a MySQL server, which does not answer"),
    ("django.db.utils.OperationalError: (2003, \"Can't connect to MySQL server on 'db' (111)\")",
     "a MySQL server at db, which does not answer"),
    # the server answered, and turned the login away
    ('django.db.utils.OperationalError: FATAL:  role "root" does not exist',
     'its PostgreSQL server turned the tests away (FATAL: role "root" does not exist)'),
    ("django.db.utils.OperationalError: (1045, \"Access denied for user 'root'@'localhost' (using password: NO)\")",
     "its MySQL server turned the tests away ((1045, \"Access denied for user 'root'@'localhost' (using password: NO)\"))"),
])
def test_what_the_databases_need(message, said):
    hint = needs(message)
    assert hint is not None and said in hint, hint
    assert "DATABASES hold only SQLite" in hint


@pytest.mark.parametrize("message", [
    "",
    "ValueError: invalid literal for int()",
    "ModuleNotFoundError: No module named 'six'",
    "django.db.utils.OperationalError: no such table: shop_item",  # SQLite: the project's own migrations
    "django.core.exceptions.ImproperlyConfigured: Requested setting INSTALLED_APPS, but settings are not configured.",
])
def test_other_errors_need_nothing_of_the_databases(message):
    assert needs(message) is None


def test_a_suite_that_started_gets_the_hint_when_half_its_failures_say_so():
    """pytest-django reaches the database at the first test that needs it: every such test errors
    with the same OperationalError. A failure or two among many is the project's own."""
    from upgrader.step.baseline import _database_hint
    from upgrader.step.suite import TestSummary
    from upgrader.testrun import Failure, RunResult

    refused = 'django.db.utils.OperationalError: connection to server at "db" (10.0.0.2), port 5432 failed'
    db = [Failure(f"tests/test_db.py::test_{i}", refused, "error") for i in range(3)]
    own = [Failure(f"tests/test_x.py::test_{i}", "AssertionError: 1 != 2", "failure") for i in range(4)]
    mostly = TestSummary("before", "3.2.25", "3.10", RunResult(1, passed=5, failed=1, errors=3, failures=db + own[:1]))
    assert _database_hint(mostly, None).startswith("; its databases need a PostgreSQL server at db:5432")
    few = TestSummary("before", "3.2.25", "3.10", RunResult(1, passed=5, failed=4, errors=1, failures=db[:1] + own))
    assert _database_hint(few, None) == ""
