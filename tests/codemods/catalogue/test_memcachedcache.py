import pytest

from codemods.catalogue.memcachedcache import MemcachedCache
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


def test_caches_dict():
    check_transformed(MemcachedCache, """\
        CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.memcached.MemcachedCache",
                "LOCATION": "127.0.0.1:11211",
            }
        }
        """, """\
        CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                "LOCATION": "127.0.0.1:11211",
            }
        }
        """, filename=S, reported=False)


def test_single_quotes_unix_socket_and_list_location():
    check_transformed(
        MemcachedCache,
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache', 'LOCATION': 'unix:/tmp/m.sock'},\n"
        "          'b': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache', 'LOCATION': ['a:1', 'b:2'], 'TIMEOUT': 60}}\n",
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache', 'LOCATION': 'unix:/tmp/m.sock'},\n"
        "          'b': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache', 'LOCATION': ['a:1', 'b:2'], 'TIMEOUT': 60}}\n",
        filename=S)


def test_item_assignment_and_dict_call():
    check_transformed(
        MemcachedCache,
        "CACHES['sessions'] = {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache', 'LOCATION': 'x:1'}\n"
        "OTHER = dict(BACKEND='django.core.cache.backends.memcached.MemcachedCache', LOCATION='y:1')\n",
        "CACHES['sessions'] = {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache', 'LOCATION': 'x:1'}\n"
        "OTHER = dict(BACKEND='django.core.cache.backends.memcached.PyMemcacheCache', LOCATION='y:1')\n",
        filename=S)


def test_environ_default():
    check_transformed(
        MemcachedCache,
        "import os\nCACHES = {'default': {'BACKEND': os.environ.get('CACHE_BACKEND', 'django.core.cache.backends.memcached.MemcachedCache')}}\n",
        "import os\nCACHES = {'default': {'BACKEND': os.environ.get('CACHE_BACKEND', 'django.core.cache.backends.memcached.PyMemcacheCache')}}\n",
        filename=S)


def test_other_options_of_other_settings_do_not_block():
    check_transformed(
        MemcachedCache,
        "TEMPLATES = [{'BACKEND': 'x', 'OPTIONS': {}}]\nTEMPLATES[0]['OPTIONS']['debug'] = True\n"
        "DATABASES = {'default': {'OPTIONS': {'timeout': 5}}}\n"
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n",
        "TEMPLATES = [{'BACKEND': 'x', 'OPTIONS': {}}]\nTEMPLATES[0]['OPTIONS']['debug'] = True\n"
        "DATABASES = {'default': {'OPTIONS': {'timeout': 5}}}\n"
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache'}}\n",
        filename=S)


def test_one_cache_with_options_other_without():
    check_transformed(
        MemcachedCache,
        "CACHES = {\n"
        "    'a': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache', 'OPTIONS': {'server_max_value_length': 1 << 21}},\n"
        "    'b': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'},\n"
        "}\n",
        "CACHES = {\n"
        "    'a': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache', 'OPTIONS': {'server_max_value_length': 1 << 21}},\n"
        "    'b': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache'},\n"
        "}\n",
        filename=S, reported=True)


def test_noop_options():
    from codemods.apply import apply_source

    src = ("CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache',\n"
           "                     'LOCATION': 'x:1', 'OPTIONS': {'socket_timeout': 3}}}\n")
    check_noop(MemcachedCache, src, filename=S, reported=True)
    r = apply_source(src, S, [MemcachedCache()])
    assert "OPTIONS" in r.findings[0].message and "by hand" in r.findings[0].message


def test_noop_options_dict_call():
    check_noop(MemcachedCache, "C = dict(BACKEND='django.core.cache.backends.memcached.MemcachedCache', OPTIONS={'dead_retry': 5})\n",
               filename=S, reported=True)


def test_noop_splat():
    check_noop(MemcachedCache, "CACHES = {'default': {**BASE, 'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n",
               filename=S, reported=True)


def test_noop_options_set_by_subscript():
    check_noop(MemcachedCache,
               "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n"
               "CACHES['default']['OPTIONS'] = {'socket_timeout': 3}\n", filename=S, reported=True)


def test_noop_options_set_by_update():
    check_noop(MemcachedCache,
               "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n"
               "CACHES['default'].update(OPTIONS={'socket_timeout': 3})\n", filename=S, reported=True)


def test_noop_variable_and_comparison():
    check_noop(MemcachedCache, "BACKEND = 'django.core.cache.backends.memcached.MemcachedCache'\n"
                               "CACHES = {'default': {'BACKEND': BACKEND}}\n", filename=S, reported=True)
    check_noop(MemcachedCache, "if CACHES['default']['BACKEND'] == 'django.core.cache.backends.memcached.MemcachedCache':\n    X = 1\n",
               filename=S, reported=True)


def test_noop_subscript_backend_assignment():
    check_noop(MemcachedCache, "from .base import *\nCACHES['default']['BACKEND'] = 'django.core.cache.backends.memcached.MemcachedCache'\n",
               filename=S, reported=True)


def test_noop_not_settings_and_migrations():
    src = "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n"
    check_noop(MemcachedCache, src, filename="app/views.py")
    check_noop(MemcachedCache, src, filename="app/migrations/0002_x.py")


def test_noop_already_new_and_pylibmc():
    check_noop(MemcachedCache, "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache'}}\n", filename=S)
    check_noop(MemcachedCache, "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyLibMCCache'}}\n", filename=S)


def test_noop_when_a_star_importing_sibling_sets_options(tmp_path):
    pkg = tmp_path / "proj" / "settings"
    pkg.mkdir(parents=True)
    base = pkg / "base.py"
    src = "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache'}}\n"
    base.write_text(src)
    (pkg / "prod.py").write_text("from .base import *\nCACHES['default']['OPTIONS'] = {'server_max_value_length': 2**21}\n")
    check_noop(MemcachedCache, src, filename=str(base), reported=True)
    (pkg / "prod.py").write_text("from .base import *\nDEBUG = False\n")
    check_transformed(MemcachedCache, src, src.replace("MemcachedCache", "PyMemcacheCache"), filename=str(base))


REAL = """\
import django
from django.conf import settings
import sys
sys.path.insert(0, {dir!r})
import {mod} as s
settings.configure(CACHES=s.CACHES)
django.setup()
from django.core.cache import caches
try:
    client = caches["default"]._cache
    print("OK", type(client).__module__ + "." + type(client).__name__)
except TypeError as e:
    print("TypeError", e)
"""


@pytest.mark.integration
def test_rewritten_settings_build_a_pymemcache_client_and_options_would_not(tmp_path):
    """Real Django 3.2 + pymemcache: the rewritten CACHES builds pymemcache's HashClient (no server
    needed to construct it); python-memcached OPTIONS passed to it fail, which is why they block."""
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="3.2"), ["django==3.2.25", "pymemcache==4.0.0"])
    plain = "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache', 'LOCATION': '127.0.0.1:11211'}}\n"
    (tmp_path / "good.py").write_text(apply_source(plain, "settings.py", [MemcachedCache()]).new)
    (tmp_path / "bad.py").write_text(
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache', "
        "'LOCATION': '127.0.0.1:11211', 'OPTIONS': {'server_max_value_length': 2097152}}}\n")
    for mod, expected in (("good", "OK pymemcache.client.hash.HashClient"), ("bad", "TypeError")):
        out = subprocess.run([str(py), "-c", REAL.format(dir=str(tmp_path), mod=mod)], capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(expected), out.stdout
