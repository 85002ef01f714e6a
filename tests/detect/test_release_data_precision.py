"""Release data's detectors name what Django removed, not its neighbours: a found use must be a real
one (false positives make `plan` noisy and the dependency scan call a working package BLOCKED)."""

from __future__ import annotations

import textwrap

import release_data
from codemods.detect import find_in_files


def _found(tmp_path, change_id: str, text: str) -> list[int]:
    path = tmp_path / "app" / "mod.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    change = release_data.load().change(change_id)
    return [f.line for f in find_in_files([path], [change], tmp_path) if f.change_id == change_id]


def test_the_form_field_nullbooleanfield_was_never_deprecated(tmp_path):
    """Only the MODEL field NullBooleanField went (3.1 -> 4.0); forms.NullBooleanField is current."""
    assert _found(tmp_path, "nullbooleanfield", """
        from django import forms
        from django.forms import NullBooleanField

        class F(forms.Form):
            a = forms.NullBooleanField()
            b = NullBooleanField()
    """) == []
    assert _found(tmp_path, "nullbooleanfield", """
        from django.db import models

        class M(models.Model):
            a = models.NullBooleanField()
    """) == [4]


def test_modelsignal_providing_args_is_found(tmp_path):
    """django-mptt 0.11 broke on Django 4.0 with ``ModelSignal(providing_args=...)`` (ModelSignal is a
    Signal subclass in django.db.models.signals); the dependency scan must see it."""
    assert _found(tmp_path, "signal-providing-args", """
        from django.db.models.signals import ModelSignal

        node_moved = ModelSignal(providing_args=["instance", "target", "position"])
        other = ModelSignal(use_caching=True)
    """) == [3]
