import pytest

from codemods.catalogue.queryset_earliest_field_name import QuerysetEarliestFieldName
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('x = Order.objects.latest(field_name="created")\n', 'x = Order.objects.latest("created")\n'),
    ('x = qs.earliest(field_name="-id")\n', 'x = qs.earliest("-id")\n'),
    ('x = qs.filter(a=1).earliest(field_name=FIELD)\n', 'x = qs.filter(a=1).earliest(FIELD)\n'),
    ('x = qs.latest(\n    field_name="created",\n)\n', 'x = qs.latest(\n    "created",\n)\n'),
])
def test_transformed(before, after):
    check_transformed(QuerysetEarliestFieldName, before, after)


@pytest.mark.parametrize("source", [
    'x = qs.latest("created")\n',
    'x = qs.latest()\n',
    'x = qs.latest("a", field_name="b")\n',
    'x = latest(field_name="created")\n',
    'x = qs.order_by(field_name="x")\n',
    "doc = 'field_name='\n",
    'x = qs.latest(**{"field_name": "created"})\n',
])
def test_noop(source):
    check_noop(QuerysetEarliestFieldName, source)


def test_migrations_untouched():
    check_noop(QuerysetEarliestFieldName, 'x = qs.latest(field_name="created")\n', filename="a/migrations/0002_x.py")
