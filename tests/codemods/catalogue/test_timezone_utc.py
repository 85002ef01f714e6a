from codemods.catalogue.timezone_utc import TimezoneUtc as C
from tests.codemods.helpers import check_noop, check_transformed


def test_migration_with_import_datetime():
    check_transformed(
        C,
        """\
        import datetime
        from django.db import migrations, models
        from django.utils.timezone import utc


        class Migration(migrations.Migration):
            operations = [
                migrations.AddField(
                    model_name="order",
                    name="created",
                    field=models.DateTimeField(default=datetime.datetime(2020, 1, 1, 0, 0, tzinfo=utc)),
                ),
            ]
        """,
        """\
        import datetime
        from django.db import migrations, models


        class Migration(migrations.Migration):
            operations = [
                migrations.AddField(
                    model_name="order",
                    name="created",
                    field=models.DateTimeField(default=datetime.datetime(2020, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)),
                ),
            ]
        """,
        filename="shop/migrations/0002_order_created.py",
    )


def test_from_import_timezone_free():
    check_transformed(
        C,
        "from django.utils.timezone import now, utc\nx = now().astimezone(utc)\n",
        "from django.utils.timezone import now\nfrom datetime import timezone\nx = now().astimezone(timezone.utc)\n",
    )


def test_existing_datetime_timezone_import():
    check_transformed(
        C,
        "from datetime import datetime, timezone\nfrom django.utils.timezone import utc\nx = datetime.now(utc)\n",
        "from datetime import datetime, timezone\nx = datetime.now(timezone.utc)\n",
    )


def test_django_module_still_used():
    check_transformed(
        C,
        "from django.utils import timezone\nx = timezone.now().replace(tzinfo=timezone.utc)\n",
        "from django.utils import timezone\nimport datetime\nx = timezone.now().replace(tzinfo=datetime.timezone.utc)\n",
    )


def test_django_module_only_for_utc_is_replaced():
    check_transformed(
        C,
        "import datetime as dt\nfrom django.utils import timezone\nx = dt.datetime(2020, 1, 1, tzinfo=timezone.utc)\n",
        "import datetime as dt\nfrom datetime import timezone\nx = dt.datetime(2020, 1, 1, tzinfo=timezone.utc)\n",
    )


def test_datetime_class_and_django_timezone():
    check_transformed(
        C,
        "from datetime import datetime\nfrom django.utils import timezone\nx = datetime(2020, 1, 1, tzinfo=timezone.utc) < timezone.now()\n",
        "from datetime import datetime\nfrom django.utils import timezone\nfrom datetime import timezone as dt_timezone\n"
        "x = datetime(2020, 1, 1, tzinfo=dt_timezone.utc) < timezone.now()\n",
    )


def test_dotted_django_import():
    check_transformed(
        C,
        "import datetime\nimport django.utils.timezone\nx = django.utils.timezone.utc\n",
        "import datetime\nimport django.utils.timezone\nx = datetime.timezone.utc\n",
    )


def test_alias_and_keyword_untouched():
    check_transformed(
        C,
        "import datetime\nfrom django.utils.timezone import utc as UTC\nf(utc=1, tz=UTC)\n",
        "import datetime\nf(utc=1, tz=datetime.timezone.utc)\n",
    )


def test_noop_datetime_timezone_utc():
    check_noop(C, "from datetime import timezone\nx = timezone.utc\n")


def test_noop_pytz_utc():
    check_noop(C, "import pytz\nfrom pytz import utc\nx = pytz.utc\ny = utc\n")


def test_noop_try_import():
    check_noop(
        C,
        "try:\n    from django.utils.timezone import utc\nexcept ImportError:\n    from datetime import timezone\n    utc = timezone.utc\n",
        reported=True,
    )


def test_noop_star():
    check_noop(C, "from django.utils.timezone import *\nx = utc\n", reported=True)


def test_noop_no_free_name():
    check_noop(
        C,
        "from datetime import datetime\nfrom django.utils import timezone\ndt_timezone = 1\nx = timezone.utc if timezone.now() else None\n",
        reported=True,
    )
