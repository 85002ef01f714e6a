from codemods.catalogue.div_form_renderers import DivFormRenderers
from tests.codemods.helpers import check_noop, check_transformed


def test_django_renderer():
    check_transformed(DivFormRenderers, "FORM_RENDERER = 'django.forms.renderers.DjangoDivFormRenderer'\n",
                      "FORM_RENDERER = 'django.forms.renderers.DjangoTemplates'\n", filename='proj/settings.py')


def test_jinja2_renderer():
    check_transformed(DivFormRenderers, 'FORM_RENDERER = "django.forms.renderers.Jinja2DivFormRenderer"\n',
                      'FORM_RENDERER = "django.forms.renderers.Jinja2"\n', filename='proj/settings.py')


def test_comments_kept():
    check_transformed(DivFormRenderers, "# forms\nFORM_RENDERER = 'django.forms.renderers.DjangoDivFormRenderer'  # div forms\n",
                      "# forms\nFORM_RENDERER = 'django.forms.renderers.DjangoTemplates'  # div forms\n", filename='proj/settings.py')


def test_environ_default():
    check_transformed(DivFormRenderers, "import os\nFORM_RENDERER = os.environ.get('RENDERER', 'django.forms.renderers.DjangoDivFormRenderer')\n",
                      "import os\nFORM_RENDERER = os.environ.get('RENDERER', 'django.forms.renderers.DjangoTemplates')\n", filename='proj/settings.py')


def test_list():
    check_transformed(DivFormRenderers, "RENDERERS = ['django.forms.renderers.DjangoDivFormRenderer', 'django.forms.renderers.Jinja2DivFormRenderer']\n",
                      "RENDERERS = ['django.forms.renderers.DjangoTemplates', 'django.forms.renderers.Jinja2']\n", filename='proj/settings.py')


def test_raw_string():
    check_transformed(DivFormRenderers, "FORM_RENDERER = r'django.forms.renderers.DjangoDivFormRenderer'\n",
                      "FORM_RENDERER = r'django.forms.renderers.DjangoTemplates'\n", filename='proj/settings.py')


def test_noop_comparison():
    check_noop(DivFormRenderers, "if FORM_RENDERER == 'django.forms.renderers.DjangoDivFormRenderer':\n    pass\n", filename='proj/settings.py', reported=True)


def test_noop_not_settings():
    check_noop(DivFormRenderers, "FORM_RENDERER = 'django.forms.renderers.DjangoDivFormRenderer'\n", filename='app/forms.py')


def test_noop_already_new():
    check_noop(DivFormRenderers, "FORM_RENDERER = 'django.forms.renderers.DjangoTemplates'\n", filename='proj/settings.py')


def test_noop_own_renderer():
    check_noop(DivFormRenderers, "FORM_RENDERER = 'myproject.renderers.DjangoDivFormRenderer'\n", filename='proj/settings.py')


def test_noop_templates_setting():
    check_noop(DivFormRenderers, "FORM_RENDERER = 'django.forms.renderers.TemplatesSetting'\n", filename='proj/settings.py')


def test_noop_python_import():
    check_noop(DivFormRenderers, 'from django.forms.renderers import DjangoDivFormRenderer\n', filename='proj/settings.py')
