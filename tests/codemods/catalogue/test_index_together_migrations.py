from codemods.catalogue.index_together_migrations import IndexTogetherMigrations as C
from codemods.index_together_history import index_name
from tests.codemods.helpers import check_noop, check_transformed

F = "shop/migrations/0001_initial.py"
SC = index_name("shop_order", ["status", "created"])
HEAD = "from django.db import migrations, models\n\n\n"

CREATE = HEAD + """\
class Migration(migrations.Migration):
    operations = [
        migrations.CreateModel(
            name='Order',
            fields=[
                ('id', models.AutoField(primary_key=True)),
                ('status', models.CharField(max_length=10)),
                ('created', models.DateTimeField()),
            ],
            options={
                'index_together': {('status', 'created')},
            },
        ),
    ]
"""


def test_create_model_options():
    check_transformed(C, CREATE, CREATE.replace(
        "'index_together': {('status', 'created')},",
        f"'indexes': [models.Index(fields=['status', 'created'], name={SC!r})],"), filename=F)


def test_create_model_flat_list_and_existing_indexes():
    before = CREATE.replace("'index_together': {('status', 'created')},",
                            "'indexes': [models.Index(fields=['status'], name='st_idx')],\n"
                            "                'index_together': ['status', 'created'],")
    after = CREATE.replace("'index_together': {('status', 'created')},",
                           f"'indexes': [models.Index(fields=['status'], name='st_idx'), "
                           f"models.Index(fields=['status', 'created'], name={SC!r})],")
    check_transformed(C, before, after, filename=F)


def test_alter_index_together_and_rename_in_one_file():
    before = CREATE + """\


class Later(migrations.Migration):
    operations = [
        migrations.AlterIndexTogether(name='order', index_together=set()),
    ]
"""
    result = check_transformed(C, before, before.replace(
        "'index_together': {('status', 'created')},",
        f"'indexes': [models.Index(fields=['status', 'created'], name={SC!r})],").replace(
        "migrations.AlterIndexTogether(name='order', index_together=set()),",
        f"migrations.RemoveIndex(model_name='order', name={SC!r}),"), filename=F)
    assert not result.findings


def test_db_table_and_db_column_name_the_index():
    before = CREATE.replace("('created', models.DateTimeField()),", "('created', models.DateTimeField(db_column='made')),").replace(
        "'index_together'", "'db_table': 'orders',\n                'index_together'")
    name = index_name("orders", ["status", "made"])
    check_transformed(C, before, before.replace("'index_together': {('status', 'created')},",
                                                f"'indexes': [models.Index(fields=['status', 'created'], name={name!r})],"),
                      filename=F)


def test_foreign_key_column():
    before = CREATE.replace("('created', models.DateTimeField()),",
                            "('owner', models.ForeignKey(on_delete=models.CASCADE, to='auth.user')),").replace(
        "('status', 'created')", "('owner', 'status')")
    name = index_name("shop_order", ["owner_id", "status"])
    check_transformed(C, before, before.replace("'index_together': {('owner', 'status')},",
                                                f"'indexes': [models.Index(fields=['owner', 'status'], name={name!r})],"),
                      filename=F)


def test_models_import_added():
    before = CREATE.replace("from django.db import migrations, models",
                            "from django.db import migrations\nfrom django.db.models import AutoField, CharField, DateTimeField").replace(
        "models.AutoField", "AutoField").replace("models.CharField", "CharField").replace("models.DateTimeField", "DateTimeField")
    result = check_transformed(C, before, before.replace(
        "from django.db import migrations\n", "from django.db import migrations, models\n").replace(
        "'index_together': {('status', 'created')},",
        f"'indexes': [models.Index(fields=['status', 'created'], name={SC!r})],"), filename=F)
    assert not result.findings


def test_not_a_migration():
    check_noop(C, CREATE, filename="shop/models_backup.py")


def test_no_index_together():
    check_noop(C, CREATE.replace("            options={\n                'index_together': {('status', 'created')},\n            },\n", ""),
               filename=F, reported=False)


def test_renamed_field_of_a_group_is_reported():
    before = CREATE.replace("        ),\n    ]\n", "        ),\n        migrations.RenameField(model_name='order', old_name='status', new_name='state'),\n    ]\n")
    check_noop(C, before, filename=F, reported=True)


def test_non_literal_value_is_reported():
    check_noop(C, CREATE.replace("{('status', 'created')}", "GROUPS"), filename=F, reported=True)


def test_rename_index_of_unknown_group_is_reported():
    before = HEAD + """\
class Migration(migrations.Migration):
    operations = [
        migrations.RenameIndex(model_name='order', new_name='x_idx', old_fields=('a', 'b')),
    ]
"""
    check_noop(C, before, filename=F, reported=True)


def test_already_rewritten_history_is_left_as_is():
    done = CREATE.replace("'index_together': {('status', 'created')},",
                          f"'indexes': [models.Index(fields=['status', 'created'], name={SC!r})],") + f"""\


class Later(migrations.Migration):
    operations = [
        migrations.RenameIndex(model_name='order', new_name='x_idx', old_name={SC!r}),
    ]
"""
    check_noop(C, done, filename=F, reported=False)


def test_an_apps_history_is_read_once_for_all_its_migrations(tmp_path, monkeypatch):
    """Each migration naming index_together asks for its app's whole history: 150 of them in an app
    of 1,500 migrations read and ordered the history 150 times (33 s). The history is now worked out
    once per app and content, and every migration gets the same rewrite as when asked alone."""
    from codemods import engine, index_together_history as history

    d = tmp_path / "shop" / "migrations"
    d.mkdir(parents=True)
    (d / "__init__.py").write_text("")
    (d / "0001_initial.py").write_text(CREATE.replace("operations = [", "initial = True\n    dependencies = []\n"
                                                                        "    operations = ["))
    groups = ["{('status', 'created')}", "{('created', 'status')}"]
    for i in range(2, 42):
        (d / f"{i:04d}_more.py").write_text(HEAD + f"""\
class Migration(migrations.Migration):
    dependencies = [('shop', '{i - 1:04d}_{'initial' if i == 2 else 'more'}')]
    operations = [
        migrations.AlterIndexTogether(name='order', index_together={groups[i % 2]}),
    ]
""")
    history._MEMO.clear()
    expected = history.rewrite_app(d).changed
    assert len(expected) == 41
    calls = []
    work = history._rewrite_app
    monkeypatch.setattr(history, "_rewrite_app", lambda *a: calls.append(a) or work(*a))
    history._MEMO.clear()
    run = engine.run([str(d)], [C], target="5.0", mode="check", jobs=1, use_cache=False)
    assert len(calls) == 1
    assert sorted(f.path for f in run.changed) == sorted(str(p) for p in expected)
    # a migration whose text an earlier codemod changed is worked out with that text
    first = d / "0002_more.py"
    changed = first.read_text().replace("operations = [", "operations = [  # edited")
    assert history.rewrite_app(d, texts={first: changed}).changed[first] != expected[first]
    assert len(calls) == 2
