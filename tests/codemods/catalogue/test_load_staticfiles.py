from codemods.catalogue.load_staticfiles import LoadStaticfiles
from tests.codemods.helpers import check_noop, check_transformed

T = "shop/templates/shop/page.html"


def test_staticfiles():
    check_transformed(LoadStaticfiles, "{% load staticfiles %}\n<img src=\"{% static 'a.png' %}\">\n",
                      "{% load static %}\n<img src=\"{% static 'a.png' %}\">\n", filename=T)


def test_admin_static():
    check_transformed(LoadStaticfiles, "{% load admin_static %}x", "{% load static %}x", filename=T)


def test_combined_load():
    check_transformed(LoadStaticfiles, "{% load i18n staticfiles humanize %}", "{% load i18n static humanize %}", filename=T)


def test_combined_with_static_already():
    check_transformed(LoadStaticfiles, "{% load static staticfiles %}", "{% load static %}", filename=T)


def test_from_form():
    check_transformed(LoadStaticfiles, "{% load static from staticfiles %}", "{% load static from static %}", filename=T)


def test_whitespace_kept():
    check_transformed(LoadStaticfiles, "{%  load   staticfiles  %}", "{%  load static  %}", filename=T)


def test_several_tags_and_lines():
    check_transformed(
        LoadStaticfiles,
        "{% extends 'base.html' %}\n{% load admin_static %}\n{% load i18n %}\n{% load staticfiles %}\n",
        "{% extends 'base.html' %}\n{% load static %}\n{% load i18n %}\n{% load static %}\n",
        filename=T,
    )


def test_txt_template_with_signs_outside_templates_dir():
    check_transformed(LoadStaticfiles, "{% load staticfiles %}{{ x }}", "{% load static %}{{ x }}", filename="mail/body.txt")


def test_noop_verbatim():
    check_noop(LoadStaticfiles, "{% verbatim %}{% load staticfiles %}{% endverbatim %}", filename=T)


def test_noop_comment_block():
    check_noop(LoadStaticfiles, "{% comment %}{% load staticfiles %}{% endcomment %}", filename=T)


def test_noop_hash_comment():
    check_noop(LoadStaticfiles, "{# {% load staticfiles %} #}{% load static %}", filename=T)


def test_noop_text_mention():
    check_noop(LoadStaticfiles, "<p>the staticfiles app serves files</p>", filename=T)


def test_noop_from_other_library():
    check_noop(LoadStaticfiles, "{% load staticfiles from mylib %}", filename=T)


def test_noop_python_file():
    check_noop(LoadStaticfiles, "INSTALLED_APPS = ['django.contrib.staticfiles']\n", filename="proj/settings.py")
