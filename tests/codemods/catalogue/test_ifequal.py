from codemods.catalogue.ifequal import IfEqual
from tests.codemods.helpers import check_noop, check_transformed

T = "shop/templates/shop/page.html"


def test_ifequal_with_else():
    check_transformed(
        IfEqual,
        "{% ifequal product.stock 0 %}\n  Sold out\n{% else %}\n  In stock\n{% endifequal %}\n",
        "{% if product.stock == 0 %}\n  Sold out\n{% else %}\n  In stock\n{% endif %}\n",
        filename=T,
    )


def test_ifnotequal():
    check_transformed(IfEqual, "{% ifnotequal a b %}x{% endifnotequal %}", "{% if a != b %}x{% endif %}", filename=T)


def test_quoted_argument_with_spaces():
    check_transformed(IfEqual, '{% ifequal user.name "John Doe" %}hi{% endifequal %}',
                      '{% if user.name == "John Doe" %}hi{% endif %}', filename=T)


def test_filter_argument():
    check_transformed(IfEqual, "{% ifequal a|lower 'x y' %}1{% endifequal %}", "{% if a|lower == 'x y' %}1{% endif %}", filename=T)


def test_nested():
    check_transformed(
        IfEqual,
        "{% ifequal a 1 %}{% ifnotequal b 2 %}in{% endifnotequal %}{% ifequal c 3 %}c{% endifequal %}{% endifequal %}",
        "{% if a == 1 %}{% if b != 2 %}in{% endif %}{% if c == 3 %}c{% endif %}{% endif %}",
        filename=T,
    )


def test_inside_other_blocks():
    check_transformed(
        IfEqual,
        "{% for p in ps %}{% ifequal p.id current %}<b>{{ p }}</b>{% endifequal %}{% endfor %}",
        "{% for p in ps %}{% if p.id == current %}<b>{{ p }}</b>{% endif %}{% endfor %}",
        filename=T,
    )


def test_converts_outside_but_not_inside_verbatim():
    check_transformed(
        IfEqual,
        "{% verbatim %}{% ifequal a b %}{% endifequal %}{% endverbatim %}{% ifequal a b %}y{% endifequal %}",
        "{% verbatim %}{% ifequal a b %}{% endifequal %}{% endverbatim %}{% if a == b %}y{% endif %}",
        filename=T,
    )


def test_converts_outside_comment():
    check_transformed(
        IfEqual,
        "{# {% ifequal a b %} #}{% comment %}{% ifequal x y %}{% endcomment %}{% ifequal a b %}y{% endifequal %}",
        "{# {% ifequal a b %} #}{% comment %}{% ifequal x y %}{% endcomment %}{% if a == b %}y{% endif %}",
        filename=T,
    )


def test_noop_verbatim_only():
    check_noop(IfEqual, "{% verbatim %}{% ifequal a b %}x{% endifequal %}{% endverbatim %}", filename=T)


def test_noop_named_verbatim():
    check_noop(IfEqual, "{% verbatim v1 %}{% endverbatim %}{% ifequal a b %}{% endverbatim v1 %}", filename=T)


def test_noop_comment_only():
    check_noop(IfEqual, "{% comment 'old' %}{% ifequal a b %}x{% endifequal %}{% endcomment %}", filename=T)


def test_noop_unbalanced_reported():
    check_noop(IfEqual, "{% ifequal a b %}x{% endifnotequal %}", filename=T, reported=True)


def test_noop_unclosed_reported():
    check_noop(IfEqual, "{% ifequal a b %}x", filename=T, reported=True)


def test_noop_operator_argument_reported():
    check_noop(IfEqual, "{% ifequal a in %}x{% endifequal %}", filename=T, reported=True)


def test_noop_text_mention():
    check_noop(IfEqual, "<p>ifequal is gone</p>", filename=T)
