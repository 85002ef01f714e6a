import pytest

from codemods.catalogue.signer_positional_args import SignerPositionalArgs
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.core.signing import Signer\nsigner = Signer('key')\n",
     "from django.core.signing import Signer\nsigner = Signer(key='key')\n"),
    ("from django.core.signing import Signer\nsigner = Signer(settings.OTHER_KEY, ':', 'invites')\n",
     "from django.core.signing import Signer\nsigner = Signer(key=settings.OTHER_KEY, sep=':', salt='invites')\n"),
    ("from django.core import signing\nsigner = signing.TimestampSigner(None, '/', salt='x')\n",
     "from django.core import signing\nsigner = signing.TimestampSigner(key=None, sep='/', salt='x')\n"),
    ("from django.core.signing import TimestampSigner as TS\nsigner = TS(k, ':', 's', 'sha256', [old])\n",
     "from django.core.signing import TimestampSigner as TS\nsigner = TS(key=k, sep=':', salt='s', algorithm='sha256', fallback_keys=[old])\n"),
    ('import django.core.signing\nsigner = django.core.signing.Signer(k)\n',
     'import django.core.signing\nsigner = django.core.signing.Signer(key=k)\n'),
    ("from django.core.signing import Signer\n\n\nclass MySigner(Signer):\n    def __init__(self, key):\n        super().__init__(key, ':', salt='mine')\n",
     "from django.core.signing import Signer\n\n\nclass MySigner(Signer):\n    def __init__(self, key):\n        super().__init__(key=key, sep=':', salt='mine')\n"),
])
def test_transformed(before, after):
    check_transformed(SignerPositionalArgs, before, after)


@pytest.mark.parametrize("source", [
    "from django.core.signing import Signer\nsigner = Signer(key='k', salt='s')\n",
    'from django.core.signing import Signer\nsigner = Signer()\n',
    "from mylib import Signer\nsigner = Signer('k', ':')\n",
    'class Mine(Base):\n    def __init__(self, k):\n        super().__init__(k)\n',
])
def test_noop(source):
    check_noop(SignerPositionalArgs, source)


def test_in_migration():
    check_transformed(SignerPositionalArgs, "from django.core.signing import Signer\nSIGNER = Signer('k')\n",
                      "from django.core.signing import Signer\nSIGNER = Signer(key='k')\n", filename='shop/migrations/0003_x.py')


def test_noop_star_args():
    check_noop(SignerPositionalArgs, 'from django.core.signing import Signer\nsigner = Signer(*args)\n', reported=True)


def test_noop_duplicate_keyword():
    check_noop(SignerPositionalArgs, "from django.core.signing import Signer\nsigner = Signer('k', key='j')\n", reported=True)


def test_noop_try_import():
    check_noop(SignerPositionalArgs, "try:\n    from django.core.signing import Signer\nexcept ImportError:\n    Signer = None\nsigner = Signer('k')\n", reported=True)
