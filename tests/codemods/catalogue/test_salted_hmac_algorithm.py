import pytest

from codemods.catalogue.salted_hmac_algorithm import SaltedHmacAlgorithm
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils.crypto import salted_hmac\nd = salted_hmac("k", v).hexdigest()\n',
     'from django.utils.crypto import salted_hmac\nd = salted_hmac("k", v, algorithm="sha1").hexdigest()\n'),
    ('from django.utils.crypto import salted_hmac\nd = salted_hmac("k", v, secret=s)\n',
     'from django.utils.crypto import salted_hmac\nd = salted_hmac("k", v, secret=s, algorithm="sha1")\n'),
    ('from django.utils import crypto\nd = crypto.salted_hmac("k", v)\n',
     'from django.utils import crypto\nd = crypto.salted_hmac("k", v, algorithm="sha1")\n'),
    ('from django.core.signing import base64_hmac\nsig = base64_hmac(salt, value, key)\n',
     'from django.core.signing import base64_hmac\nsig = base64_hmac(salt, value, key, algorithm="sha1")\n'),
])
def test_transformed(before, after):
    check_transformed(SaltedHmacAlgorithm, before, after, target="6.1")


@pytest.mark.parametrize("source", [
    'from django.utils.crypto import salted_hmac\nd = salted_hmac("k", v, algorithm="sha256")\n',
    'from django.core.signing import base64_hmac\nsig = base64_hmac(salt, value, key, "sha256")\n',
    'from mylib import salted_hmac\nd = salted_hmac("k", v)\n',
    "doc = 'salted_hmac'\n",
    'from django.utils.crypto import salted_hmac\nd = salted_hmac(*args)\n',
])
def test_noop(source):
    check_noop(SaltedHmacAlgorithm, source, target="6.1")


@pytest.mark.parametrize("source", [
    'from django.utils.crypto import salted_hmac\nd = salted_hmac("k", v, **opts)\n',
    'from django.utils.crypto import *\nd = salted_hmac("k", v)\n',
    'try:\n    from django.utils.crypto import salted_hmac\nexcept ImportError:\n    pass\nd = salted_hmac("k", v)\n',
])
def test_noop_reported(source):
    check_noop(SaltedHmacAlgorithm, source, target="6.1", reported=True)
