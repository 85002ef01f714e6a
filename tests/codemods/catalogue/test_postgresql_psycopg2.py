from codemods.catalogue.postgresql_psycopg2 import PostgresqlPsycopg2
from tests.codemods.helpers import check_noop, check_transformed


def test_databases_dict():
    check_transformed(PostgresqlPsycopg2, "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql_psycopg2',\n        'NAME': 'shop',\n    }\n}\n",
                      "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'shop',\n    }\n}\n", filename='proj/settings.py')


def test_double_quotes():
    check_transformed(PostgresqlPsycopg2, 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql_psycopg2", "NAME": "shop"}}\n',
                      'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"}}\n', filename='proj/settings.py')


def test_environ_default():
    check_transformed(PostgresqlPsycopg2, "import os\nENGINE = os.environ.get('DB_ENGINE', 'django.db.backends.postgresql_psycopg2')\n",
                      "import os\nENGINE = os.environ.get('DB_ENGINE', 'django.db.backends.postgresql')\n", filename='proj/settings.py')


def test_dict_call():
    check_transformed(PostgresqlPsycopg2, "DATABASES = dict(default=dict(ENGINE='django.db.backends.postgresql_psycopg2'))\n",
                      "DATABASES = dict(default=dict(ENGINE='django.db.backends.postgresql'))\n", filename='proj/settings.py')


def test_item_assignment():
    check_transformed(PostgresqlPsycopg2, "DATABASES['replica'] = {'ENGINE': 'django.db.backends.postgresql_psycopg2', 'NAME': 'r'}\n",
                      "DATABASES['replica'] = {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'r'}\n", filename='proj/settings.py')


def test_two_databases():
    check_transformed(PostgresqlPsycopg2, "DATABASES = {'a': {'ENGINE': 'django.db.backends.postgresql_psycopg2'}, 'b': {'ENGINE': 'django.db.backends.postgresql_psycopg2'}}\n",
                      "DATABASES = {'a': {'ENGINE': 'django.db.backends.postgresql'}, 'b': {'ENGINE': 'django.db.backends.postgresql'}}\n", filename='proj/settings.py')


def test_noop_comparison():
    check_noop(PostgresqlPsycopg2, "if DATABASES['default']['ENGINE'] == 'django.db.backends.postgresql_psycopg2':\n    X = 1\n", filename='proj/settings.py', reported=True)


def test_noop_membership_test():
    check_noop(PostgresqlPsycopg2, "IS_PG = 'django.db.backends.postgresql_psycopg2' in ENGINES\n", filename='proj/settings.py', reported=True)


def test_noop_not_settings():
    check_noop(PostgresqlPsycopg2, "ENGINE = 'django.db.backends.postgresql_psycopg2'\n", filename='app/views.py')


def test_noop_already_new():
    check_noop(PostgresqlPsycopg2, "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\n", filename='proj/settings.py')


def test_noop_longer_string():
    check_noop(PostgresqlPsycopg2, "ENGINE = 'django.db.backends.postgresql_psycopg2_custom'\n", filename='proj/settings.py')


def test_noop_comment():
    check_noop(PostgresqlPsycopg2, "# ENGINE = 'django.db.backends.postgresql_psycopg2'\nENGINE = 'django.db.backends.sqlite3'\n", filename='proj/settings.py')
