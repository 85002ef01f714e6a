from codemods.catalogue.signal_providing_args import SignalProvidingArgs as C
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.dispatch import Signal\n"


def test_keyword():
    check_transformed(
        C,
        IMP + "paid = Signal(providing_args=['order', 'amount'])\n",
        IMP + "# Sends: order, amount\npaid = Signal()\n",
    )


def test_positional():
    check_transformed(C, IMP + "paid = Signal(['order'])\n", IMP + "# Sends: order\npaid = Signal()\n")


def test_positional_use_caching():
    check_transformed(C, IMP + "s = Signal(['a'], True)\n", IMP + "# Sends: a\ns = Signal(use_caching=True)\n")


def test_keyword_with_use_caching():
    check_transformed(
        C, IMP + "s = Signal(providing_args=['a'], use_caching=True)\n", IMP + "# Sends: a\ns = Signal(use_caching=True)\n"
    )


def test_non_literal_list():
    check_transformed(C, IMP + "s = Signal(providing_args=ARGS)\n", IMP + "s = Signal()\n")


def test_module_attribute():
    check_transformed(
        C, "from django import dispatch\ns = dispatch.Signal(providing_args=['x'])\n",
        "from django import dispatch\n# Sends: x\ns = dispatch.Signal()\n",
    )


def test_class_attribute():
    check_transformed(
        C,
        IMP + "class Signals:\n    done = Signal(providing_args=['job'])\n",
        IMP + "class Signals:\n    # Sends: job\n    done = Signal()\n",
    )


def test_dispatcher_module():
    check_transformed(
        C, "from django.dispatch.dispatcher import Signal\ns = Signal(providing_args=[])\n",
        "from django.dispatch.dispatcher import Signal\ns = Signal()\n",
    )


def test_noop_no_args():
    check_noop(C, IMP + "s = Signal()\n")


def test_noop_use_caching_only():
    check_noop(C, IMP + "s = Signal(use_caching=True)\n")


def test_noop_other_signal_class():
    check_noop(C, "from blinker import Signal\ns = Signal('name')\n")


def test_noop_kwargs():
    check_noop(C, IMP + "s = Signal(**opts)\n", reported=True)


def test_noop_shadowed():
    check_noop(C, IMP + "class Signal:\n    pass\ns = Signal(providing_args=['a'])\n", reported=True)
