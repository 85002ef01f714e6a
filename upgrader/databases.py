"""What a test suite that stopped at its databases needs, read from the error that stopped it.

    needs("django.core.exceptions.ImproperlyConfigured: Error loading MySQLdb module. ...")
    # -> "its databases need the MySQL driver (the mysqlclient package), which the project's
    #     interpreter lacks: install it there and start a MySQL server, ..."

A library's test settings often name several databases (django-reversion 3.0's name SQLite,
PostgreSQL and MySQL), and its CI starts the servers. Run elsewhere, the suite stops before its first
test: the driver is not installed (Django's backend raises ``ImproperlyConfigured: Error loading
MySQLdb module``), or the server does not answer (the driver's ``OperationalError``). Neither is the
project's code nor its Django: the refusal says what is missing and what to do, instead of the last
line of a traceback. The messages are Django's own (``django/db/backends/*/base.py``, 2.2 - 6.1) and
the drivers' (psycopg2/psycopg with libpq before and since 14, mysqlclient).
"""

from __future__ import annotations

import re

# (pattern, database, the driver's package): Django's backend could not import the driver
_DRIVERS = (
    (re.compile(r"Error loading MySQLdb module"), "MySQL", "mysqlclient"),
    (re.compile(r"Error loading psycopg2? (?:or psycopg )?module"), "PostgreSQL", "psycopg2-binary or psycopg"),
    (re.compile(r"Error loading psycopg_pool module"), "PostgreSQL", "psycopg[pool]"),
    (re.compile(r"Error loading (?:cx_Oracle|oracledb) module"), "Oracle", "oracledb; cx_Oracle before Django 5.0"),
)

# (pattern, database): the driver could not reach the server, or the server turned the login away
_UNREACHABLE = (
    (re.compile(r"could not connect to server|connection to server (?:at|on socket) .{0,200}? failed"
                r"|Is the server running (?:on host|locally)"), "PostgreSQL"),
    (re.compile(r"Can't connect to (?:local )?MySQL server"), "MySQL"),
    (re.compile(r"ORA-12541|ORA-12514|DPY-6005"), "Oracle"),
)
_REFUSED_LOGIN = (
    (re.compile(r'FATAL: +(?:role "[^"]+" does not exist|password authentication failed[^\n]*'
                r'|database "[^"]+" does not exist|no pg_hba\.conf entry[^\n]*)'), "PostgreSQL"),
    (re.compile(r"\(1045, \"Access denied for user [^\n]*?\"\)|\(1049, \"Unknown database [^\n]*?\"\)"), "MySQL"),
)
_WHERE = re.compile(r'on host "(?P<host>[^"]+)"[^\n]*?(?:\n\s*)?[^\n]*?on port (?P<port>\d+)'
                    r'|server at "(?P<host2>[^"]+)"[^,]*, port (?P<port2>\d+)'
                    r"|MySQL server on '(?P<host3>[^']+)'")
_OTHERWISE = "; or run the step with test settings whose DATABASES hold only SQLite ([tool.django-upgrade] settings)"


def needs(message: str) -> str | None:
    """What the suite's databases need, for an error that stopped it (its exception and message);
    None when the error is not about reaching a database."""
    text = message or ""
    for pattern, database, package in _DRIVERS:
        if pattern.search(text):
            return (f"its databases need the {database} driver ({package}), which the project's interpreter "
                    f"lacks: install it there and start a {database} server for the tests{_OTHERWISE}")
    for pattern, database in _UNREACHABLE:
        if pattern.search(text):
            return (f"its databases need a {database} server{_where(text)}, which does not answer: start it for "
                    f"the tests (the settings' HOST/PORT, or the environment variables they read){_OTHERWISE}")
    for pattern, database in _REFUSED_LOGIN:
        found = pattern.search(text)
        if found:
            said = " ".join(found.group(0).split())
            return (f"its {database} server turned the tests away ({said}): create that user or database, or set "
                    f"the USER/PASSWORD/NAME the settings read{_OTHERWISE}")
    return None


def _where(text: str) -> str:
    m = _WHERE.search(text)
    if not m:
        return ""
    host = m.group("host") or m.group("host2") or m.group("host3")
    port = m.group("port") or m.group("port2")
    return f" at {host}{':' + port if port else ''}"
