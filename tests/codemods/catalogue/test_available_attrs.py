from codemods.catalogue.available_attrs import AvailableAttrs
from tests.codemods.helpers import check_noop, check_statements_hidden, check_transformed


def test_decorator_assigned():
    check_transformed(
        AvailableAttrs,
        """\
        from functools import wraps

        from django.utils.decorators import available_attrs


        def deco(view_func):
            @wraps(view_func, assigned=available_attrs(view_func))
            def inner(request, *args, **kwargs):
                return view_func(request, *args, **kwargs)
            return inner
        """,
        """\
        from functools import wraps, WRAPPER_ASSIGNMENTS


        def deco(view_func):
            @wraps(view_func, assigned=WRAPPER_ASSIGNMENTS)
            def inner(request, *args, **kwargs):
                return view_func(request, *args, **kwargs)
            return inner
        """,
    )


def test_first_import_removed_without_leading_blank_lines():
    check_transformed(
        AvailableAttrs,
        "from django.utils.decorators import available_attrs\n\nATTRS = available_attrs(f)\n",
        "from functools import WRAPPER_ASSIGNMENTS\n\nATTRS = WRAPPER_ASSIGNMENTS\n",
    )


def test_keeps_other_names_in_import():
    check_transformed(
        AvailableAttrs,
        "from django.utils.decorators import available_attrs, method_decorator\nA = available_attrs(f)\n",
        "from django.utils.decorators import method_decorator\nfrom functools import WRAPPER_ASSIGNMENTS\n"
        "A = WRAPPER_ASSIGNMENTS\n",
    )


def test_alias():
    check_transformed(
        AvailableAttrs,
        "import os\nfrom django.utils.decorators import available_attrs as aa\nA = aa(self.func)\n",
        "import os\nfrom functools import WRAPPER_ASSIGNMENTS\nA = WRAPPER_ASSIGNMENTS\n",
    )


def test_module_attribute_uses_import_functools():
    check_transformed(
        AvailableAttrs,
        "import functools\nfrom django.utils import decorators\n"
        "w = functools.wraps(f, assigned=decorators.available_attrs(f))\n",
        "import functools\nfrom django.utils import decorators\n"
        "w = functools.wraps(f, assigned=functools.WRAPPER_ASSIGNMENTS)\n",
    )


def test_reuses_existing_import():
    check_transformed(
        AvailableAttrs,
        "from functools import WRAPPER_ASSIGNMENTS\nfrom django.utils.decorators import available_attrs\n"
        "A = available_attrs(f)\nB = WRAPPER_ASSIGNMENTS\n",
        "from functools import WRAPPER_ASSIGNMENTS\nA = WRAPPER_ASSIGNMENTS\nB = WRAPPER_ASSIGNMENTS\n",
    )


def test_in_migration():
    check_transformed(
        AvailableAttrs,
        "from django.utils.decorators import available_attrs\nX = available_attrs(f)\n",
        "from functools import WRAPPER_ASSIGNMENTS\nX = WRAPPER_ASSIGNMENTS\n",
        filename="shop/migrations/0003_x.py",
    )


def test_noop_computed_argument():
    check_noop(
        AvailableAttrs,
        "from django.utils.decorators import available_attrs\nA = available_attrs(make())\n",
        reported=True,
    )


def test_noop_used_as_value_keeps_import():
    check_noop(AvailableAttrs, "from django.utils.decorators import available_attrs\nfuncs = [available_attrs]\n")


def test_noop_try_import():
    check_noop(
        AvailableAttrs,
        """\
        try:
            from django.utils.decorators import available_attrs
        except ImportError:
            available_attrs = None
        A = available_attrs(f)
        """,
        reported=True,
    )


def test_noop_star_import():
    check_noop(AvailableAttrs, "from django.utils.decorators import *\nA = available_attrs(f)\n", reported=True)


def test_noop_other_module():
    check_noop(AvailableAttrs, "from mylib.compat import available_attrs\nA = available_attrs(f)\n")


def test_noop_wrapper_assignments_taken():
    check_noop(
        AvailableAttrs,
        "from django.utils.decorators import available_attrs\nWRAPPER_ASSIGNMENTS = ()\nA = available_attrs(f)\n",
        reported=True,
    )


# a function body's statements without a needle are hidden from libcst (local_statements); what they
# bind still counts, as in the whole-file run check_noop compares with
BOUND_IN_HIDDEN_STATEMENT = """\
from functools import wraps

from django.utils.decorators import available_attrs


def deco(func):
    WRAPPER_ASSIGNMENTS = ("__doc__",)
    total = 0

    @wraps(func, assigned=available_attrs(func))
    def inner(*args):
        return func(*args)
    return inner
"""


def test_a_binding_in_a_hidden_statement_still_counts():
    check_statements_hidden(AvailableAttrs, BOUND_IN_HIDDEN_STATEMENT)
    check_noop(AvailableAttrs, BOUND_IN_HIDDEN_STATEMENT, reported=True)


def test_hidden_statements_come_back_unchanged():
    source = BOUND_IN_HIDDEN_STATEMENT.replace('    WRAPPER_ASSIGNMENTS = ("__doc__",)\n', "")
    check_statements_hidden(AvailableAttrs, source)
    check_transformed(AvailableAttrs, source, source.replace(
        "from functools import wraps\n\nfrom django.utils.decorators import available_attrs\n",
        "from functools import wraps, WRAPPER_ASSIGNMENTS\n").replace("available_attrs(func)", "WRAPPER_ASSIGNMENTS"))
