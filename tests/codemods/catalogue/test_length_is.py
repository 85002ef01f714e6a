from codemods.catalogue.length_is import LengthIs
from tests.codemods.helpers import check_noop, check_transformed

T = "shop/templates/shop/page.html"


def test_quoted_literal():
    check_transformed(LengthIs, '{% if products|length_is:"0" %}none{% endif %}',
                      "{% if products|length == 0 %}none{% endif %}", filename=T)


def test_plain_literal():
    check_transformed(LengthIs, "{% if v|length_is:4 %}4{% endif %}", "{% if v|length == 4 %}4{% endif %}", filename=T)


def test_single_quoted():
    check_transformed(LengthIs, "{% if v|length_is:'2' %}2{% endif %}", "{% if v|length == 2 %}2{% endif %}", filename=T)


def test_elif_and_boolean_operators():
    check_transformed(
        LengthIs,
        "{% if a %}a{% elif not v|length_is:1 and w|length_is:2 %}b{% endif %}",
        "{% if a %}a{% elif not v|length == 1 and w|length == 2 %}b{% endif %}",
        filename=T,
    )


def test_after_other_filter():
    check_transformed(LengthIs, "{% if v|dictsort:'x'|length_is:3 %}{% endif %}", "{% if v|dictsort:'x'|length == 3 %}{% endif %}", filename=T)


def test_reports_output_but_rewrites_if():
    check_transformed(LengthIs, "{{ v|length_is:2 }}{% if v|length_is:2 %}x{% endif %}",
                      "{{ v|length_is:2 }}{% if v|length == 2 %}x{% endif %}", filename=T, reported=True)


def test_whitespace_kept():
    check_transformed(LengthIs, "{%   if  v|length_is:2   %}x{% endif %}", "{%   if  v|length == 2   %}x{% endif %}", filename=T)


def test_noop_output_reported():
    check_noop(LengthIs, "<p>{{ v|length_is:2 }}</p>", filename=T, reported=True)


def test_noop_variable_argument_reported():
    check_noop(LengthIs, "{% if v|length_is:n %}x{% endif %}", filename=T, reported=True)


def test_noop_followed_by_filter_reported():
    check_noop(LengthIs, "{% if v|length_is:2|yesno:'a,b' %}x{% endif %}", filename=T, reported=True)


def test_noop_next_to_comparison_reported():
    check_noop(LengthIs, "{% if v|length_is:2 == flag %}x{% endif %}", filename=T, reported=True)


def test_noop_other_tag_reported():
    check_noop(LengthIs, "{% with ok=v|length_is:2 %}{{ ok }}{% endwith %}", filename=T, reported=True)


def test_noop_verbatim_and_comment():
    check_noop(LengthIs, "{% verbatim %}{% if v|length_is:2 %}{% endverbatim %}{# {{ v|length_is:1 }} #}", filename=T, reported=False)


def test_noop_text():
    check_noop(LengthIs, "<p>length_is was removed</p>", filename=T)
