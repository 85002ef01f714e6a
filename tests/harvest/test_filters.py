"""The pytest plugin's filter rewrite: what the project ignores is shown, what it errors on still errors."""

from __future__ import annotations

import importlib
import sys
import warnings

import pytest

from upgrader.harvest import HARVEST_DIR


@pytest.fixture()
def plugin(monkeypatch):
    monkeypatch.syspath_prepend(str(HARVEST_DIR))
    sys.modules.pop("_dua_pytest_plugin", None)
    module = importlib.import_module("_dua_pytest_plugin")
    yield module
    sys.modules.pop("_dua_pytest_plugin", None)


def test_ignores_that_hide_deprecations_become_always(plugin):
    assert plugin.reveal(["ignore::DeprecationWarning"]) == ["always::DeprecationWarning"]
    assert plugin.reveal(["ignore::django.utils.deprecation.RemovedInDjango50Warning:somelib"]) == [
        "always::django.utils.deprecation.RemovedInDjango50Warning:somelib"]
    # "ignore everything": kept for the other categories, deprecations shown after it
    assert plugin.reveal(["ignore"]) == ["ignore", "always::DeprecationWarning", "always::PendingDeprecationWarning"]
    assert plugin.reveal(["ignore:some message::mod"]) == [
        "ignore:some message::mod", "always:some message:DeprecationWarning:mod",
        "always:some message:PendingDeprecationWarning:mod"]


def test_other_filters_keep_their_place_and_effect(plugin):
    filters = ["error", "ignore::DeprecationWarning:somelib", "default::UserWarning", "ignore::ResourceWarning",
               "error::DeprecationWarning"]
    assert plugin.reveal(filters) == ["error", "always::DeprecationWarning:somelib", "default::UserWarning",
                                      "ignore::ResourceWarning", "error::DeprecationWarning"]


def test_the_plugin_registers_only_the_warning_hook_its_pytest_has(plugin):
    assert plugin.PYTEST_VERSION >= (6, 0)
    assert hasattr(plugin, "pytest_warning_recorded") and not hasattr(plugin, "pytest_warning_captured")


def test_the_rewritten_filters_are_valid_for_the_warnings_module(plugin):
    for text in plugin.reveal(["ignore", "ignore::DeprecationWarning", "ignore:msg::mod"]):
        with warnings.catch_warnings():
            warnings._setoption(text)
