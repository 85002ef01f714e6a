import pytest

from codemods.catalogue.is_dst_argument import IsDstArgument
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.timezone import make_aware\na = make_aware(n, is_dst=None)\n",
     "from django.utils.timezone import make_aware\na = make_aware(n)\n"),
    ("from django.utils import timezone\na = timezone.make_aware(n, tz, is_dst=None)\n",
     "from django.utils import timezone\na = timezone.make_aware(n, tz)\n"),
    ("from django.db.models.functions import TruncDay\nq = TruncDay('created', tzinfo=tz, is_dst=None)\n",
     "from django.db.models.functions import TruncDay\nq = TruncDay('created', tzinfo=tz)\n"),
    ("days = Order.objects.datetimes('created', 'day', is_dst=None)\n",
     "days = Order.objects.datetimes('created', 'day')\n"),
])
def test_transformed(before, after):
    check_transformed(IsDstArgument, before, after)


@pytest.mark.parametrize("source", [
    "from django.utils.timezone import make_aware\na = make_aware(n)\n",
    "from mylib import make_aware\na = make_aware(n, is_dst=None)\n",
    "a = pytz_tz.localize(n, is_dst=None)\n",
    "doc = 'is_dst'\n",
])
def test_noop(source):
    check_noop(IsDstArgument, source)


@pytest.mark.parametrize("source", [
    "from django.utils.timezone import make_aware\na = make_aware(n, is_dst=True)\n",
    "days = qs.datetimes('created', 'day', is_dst=flag)\n",
    "try:\n    from django.utils.timezone import make_aware\nexcept ImportError:\n    pass\na = make_aware(n, is_dst=None)\n",
])
def test_noop_reported(source):
    check_noop(IsDstArgument, source, reported=True)
