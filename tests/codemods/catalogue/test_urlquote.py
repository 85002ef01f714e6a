from codemods.catalogue.urlquote import UrlQuote as C
from tests.codemods.helpers import check_noop, check_transformed


def test_all_four():
    check_transformed(
        C,
        "from django.utils.http import urlquote, urlquote_plus, urlunquote, urlunquote_plus\n"
        "a = (urlquote(x), urlquote_plus(x), urlunquote(y), urlunquote_plus(y))\n",
        "from urllib.parse import quote, quote_plus, unquote, unquote_plus\n"
        "a = (quote(x), quote_plus(x), unquote(y), unquote_plus(y))\n",
    )


def test_safe_kept_and_keywords_renamed():
    check_transformed(
        C,
        "from django.utils.http import urlquote, urlunquote\na = urlquote(url=x, safe='')\nb = urlunquote(quoted_url=y)\n",
        "from urllib.parse import quote, unquote\na = quote(string=x, safe='')\nb = unquote(string=y)\n",
    )


def test_other_names_kept():
    check_transformed(
        C,
        "from django.utils.http import urlencode, urlquote\nq = urlencode({}) + urlquote(p)\n",
        "from django.utils.http import urlencode\nfrom urllib.parse import quote\nq = urlencode({}) + quote(p)\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.utils import http\nq = http.urlquote_plus(p)\n",
        "from django.utils import http\nfrom urllib.parse import quote_plus\nq = quote_plus(p)\n",
    )


def test_alias():
    check_transformed(
        C,
        "from django.utils.http import urlquote as uq\nq = uq(p, '/:')\n",
        "from urllib.parse import quote\nq = quote(p, '/:')\n",
    )


def test_merges_into_existing_urllib_import():
    check_transformed(
        C,
        "from urllib.parse import urljoin\nfrom django.utils.http import urlquote\nq = urljoin(a, urlquote(p))\n",
        "from urllib.parse import urljoin, quote\nq = urljoin(a, quote(p))\n",
    )


def test_lazy_call_reported_rest_rewritten():
    check_transformed(
        C,
        "from django.urls import reverse_lazy\nfrom django.utils.http import urlquote\n"
        "a = urlquote(reverse_lazy('home'))\nb = urlquote(p)\n",
        "from django.urls import reverse_lazy\nfrom django.utils.http import urlquote\nfrom urllib.parse import quote\n"
        "a = urlquote(reverse_lazy('home'))\nb = quote(p)\n",
        reported=True,
    )


def test_noop_lazy_translation():
    check_noop(
        C,
        "from django.utils.http import urlquote\nfrom django.utils.translation import gettext_lazy as _\nq = urlquote(_('x'))\n",
        reported=True,
    )


def test_noop_used_as_value():
    check_noop(C, "from django.utils.http import urlquote\nq = list(map(urlquote, parts))\n", reported=True)


def test_noop_kwargs():
    check_noop(C, "from django.utils.http import urlquote\nq = urlquote(**kw)\n", reported=True)


def test_noop_quote_name_taken():
    check_noop(C, "from django.utils.http import urlquote\nfrom shlex import quote\nq = urlquote(p) + quote(s)\n", reported=True)


def test_noop_star():
    check_noop(C, "from django.utils.http import *\nq = urlquote(p)\n", reported=True)


def test_noop_try():
    check_noop(
        C,
        "try:\n    from django.utils.http import urlquote\nexcept ImportError:\n    from urllib.parse import quote as urlquote\nq = urlquote(p)\n",
        reported=True,
    )


def test_noop_other_library():
    check_noop(C, "from mylib import urlquote\nq = urlquote(p)\n")
