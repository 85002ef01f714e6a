from codemods.catalogue.is_safe_url import IsSafeUrl as C
from tests.codemods.helpers import check_noop, check_transformed


def test_from_import_keywords_unchanged():
    check_transformed(
        C,
        "from django.utils.http import is_safe_url\nok = is_safe_url(url=u, allowed_hosts={h}, require_https=True)\n",
        "from django.utils.http import url_has_allowed_host_and_scheme\n"
        "ok = url_has_allowed_host_and_scheme(url=u, allowed_hosts={h}, require_https=True)\n",
    )


def test_positional():
    check_transformed(
        C,
        "from django.utils.http import is_safe_url\nok = is_safe_url(u, {h})\n",
        "from django.utils.http import url_has_allowed_host_and_scheme\nok = url_has_allowed_host_and_scheme(u, {h})\n",
    )


def test_other_names_kept():
    check_transformed(
        C,
        "from django.utils.http import is_safe_url, urlencode\nok = is_safe_url(u, None)\nq = urlencode({})\n",
        "from django.utils.http import url_has_allowed_host_and_scheme, urlencode\n"
        "ok = url_has_allowed_host_and_scheme(u, None)\nq = urlencode({})\n",
    )


def test_alias_kept():
    check_transformed(
        C,
        "from django.utils.http import is_safe_url as safe\nok = safe(u, None)\n",
        "from django.utils.http import url_has_allowed_host_and_scheme as safe\nok = safe(u, None)\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.utils import http\nok = http.is_safe_url(u, None)\n",
        "from django.utils import http\nok = http.url_has_allowed_host_and_scheme(u, None)\n",
    )


def test_dotted_import():
    check_transformed(
        C,
        "import django.utils.http\nok = django.utils.http.is_safe_url(u, None)\n",
        "import django.utils.http\nok = django.utils.http.url_has_allowed_host_and_scheme(u, None)\n",
    )


def test_noop_new_name():
    check_noop(C, "from django.utils.http import url_has_allowed_host_and_scheme\nok = url_has_allowed_host_and_scheme(u, None)\n")


def test_noop_own_function():
    check_noop(C, "def is_safe_url(u):\n    return True\nok = is_safe_url('x')\n")


def test_noop_try_import():
    check_noop(
        C,
        """\
        try:
            from django.utils.http import url_has_allowed_host_and_scheme
        except ImportError:
            from django.utils.http import is_safe_url as url_has_allowed_host_and_scheme
        """,
        reported=True,
    )


def test_noop_star():
    check_noop(C, "from django.utils.http import *\nok = is_safe_url(u, None)\n", reported=True)


def test_noop_before_3_0_target_handled_by_selection():
    # available_from gates selection (registry), not the transform; the metadata must say 3.0
    assert C.available_from == "3.0" and C.removed_in == "4.0"
