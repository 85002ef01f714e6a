import pytest

from codemods.catalogue.runner_setup_databases import RunnerSetupDatabases
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.test.runner import setup_databases\nold = setup_databases(1, False)\n',
     'from django.test.utils import setup_databases\nold = setup_databases(1, False)\n'),
    ('from django.test.runner import setup_databases as sd\nold = sd(1, False)\n',
     'from django.test.utils import setup_databases as sd\nold = sd(1, False)\n'),
])
def test_transformed(before, after):
    check_transformed(RunnerSetupDatabases, before, after)


@pytest.mark.parametrize("source", [
    'from django.test.utils import setup_databases\nold = setup_databases(1, False)\n',
    'class R(DiscoverRunner):\n    def setup_databases(self, **kwargs):\n        return super().setup_databases(**kwargs)\n',
    'from django.test.runner import DiscoverRunner\nr = DiscoverRunner()\nr.setup_databases()\n',
])
def test_noop(source):
    check_noop(RunnerSetupDatabases, source)


def test_noop_try_import():
    check_noop(RunnerSetupDatabases, 'try:\n    from django.test.utils import setup_databases\nexcept ImportError:\n'
                                     '    from django.test.runner import setup_databases\n', reported=True)


def test_noop_star_import():
    check_noop(RunnerSetupDatabases, 'from django.test.runner import *\nsetup_databases(1, False)\n', reported=True)


def test_aliased_in_a_shared_import_is_reported():
    check_noop(RunnerSetupDatabases, 'from django.test.runner import DiscoverRunner, setup_databases as sd\nold = sd(1, False)\n',
               reported=True)


def test_module_attribute():
    check_transformed(RunnerSetupDatabases, 'from django.test import runner\nold = runner.setup_databases(1, False)\n',
                      'from django.test import runner\nfrom django.test.utils import setup_databases\nold = setup_databases(1, False)\n')


def test_noop_shadowed():
    check_noop(RunnerSetupDatabases, 'from django.test.runner import setup_databases\n\n\ndef setup_databases():\n    pass\n', reported=True)
