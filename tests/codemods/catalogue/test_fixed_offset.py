import pytest

from codemods.catalogue.fixed_offset import FixedOffset
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils.timezone import FixedOffset\ntz = FixedOffset(330, "IST")\n',
     'from datetime import timezone, timedelta\ntz = timezone(timedelta(minutes=330), "IST")\n'),
    ('from django.utils.timezone import FixedOffset\ntz = FixedOffset(-60)\n',
     'from datetime import timezone, timedelta\ntz = timezone(timedelta(minutes=-60))\n'),
    ('from django.utils.timezone import FixedOffset\ntz = FixedOffset(offset=60, name=None)\n',
     'from datetime import timezone, timedelta\ntz = timezone(timedelta(minutes=60))\n'),
    ('from django.utils import timezone\ntz = timezone.FixedOffset(60, "CET")\nnow = timezone.now()\n',
     'from django.utils import timezone\nimport datetime\ntz = datetime.timezone(datetime.timedelta(minutes=60), "CET")\nnow = timezone.now()\n'),
    ('import datetime\nfrom django.utils import timezone\ntz = timezone.FixedOffset(60, "CET")\n',
     'import datetime\nfrom django.utils import timezone\ntz = datetime.timezone(datetime.timedelta(minutes=60), "CET")\n'),
])
def test_transformed(before, after):
    check_transformed(FixedOffset, before, after)


@pytest.mark.parametrize("source", [
    'from datetime import timezone, timedelta\ntz = timezone(timedelta(minutes=60))\n',
    'from mylib import FixedOffset\ntz = FixedOffset(60)\n',
    "doc = 'FixedOffset'\n",
])
def test_noop(source):
    check_noop(FixedOffset, source)


@pytest.mark.parametrize("source", [
    'from django.utils.timezone import FixedOffset\ntz = FixedOffset()\n',
    'from django.utils.timezone import FixedOffset\ntz = FixedOffset(*args)\n',
    'from datetime import datetime\nfrom django.utils import timezone\ntz = timezone.FixedOffset(60)\n',
    'from django.utils.timezone import *\ntz = FixedOffset(60)\n',
])
def test_noop_reported(source):
    check_noop(FixedOffset, source, reported=True)
