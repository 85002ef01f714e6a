"""Codemod: remove the transitional FORMS_URLFIELD_ASSUME_HTTPS = True setting."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class FormsUrlfieldAssumeHttps(SettingRemovalCodemod):
    """Remove ``FORMS_URLFIELD_ASSUME_HTTPS = True`` from settings once on Django 6.0.

    What it does: deletes top-level ``FORMS_URLFIELD_ASSUME_HTTPS = True`` lines. With the setting
    ``True``, ``forms.URLField()`` without ``assume_scheme`` assumes ``"https"``; from Django 6.0
    that is the default, so at a 6.0+ target deleting the line is exactly equivalent and no
    ``forms.URLField`` call needs ``assume_scheme="https"`` added. (Before 6.0 deleting it would
    switch forms back to ``"http"``, hence ``available_from = "6.0"``.) Left alone and reported:
    ``FORMS_URLFIELD_ASSUME_HTTPS = False`` (from 6.0 forms assume ``"https"``: pass
    ``assume_scheme="http"`` to the ``forms.URLField`` fields that must keep ``http``, then delete
    it), non-literal values, the setting inside ``if``/``try`` or read elsewhere in the module.

    Decision: ``forms.URLField(...)`` calls are not rewritten. Which scheme preserves behaviour
    depends on this setting, which lives in another file; the ``RemovedInDjango60Warning`` on 5.x
    names each call, and on 6.0 the default equals what the setting gave.

    Why: the transitional setting was added and deprecated in Django 5.0
    (``RemovedInDjango60Warning``: "The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is
    deprecated.") and removed in 6.0, whose ``URLField`` assumes ``"https"``.

    Example::

        # before
        FORMS_URLFIELD_ASSUME_HTTPS = True

        # after: the line is gone

    Django versions: from 6.0 (the release where ``"https"`` is the default). Settings files only.
    """

    name = "forms_urlfield_assume_https"
    changes = ("forms-urlfield-assume-https",)
    available_from = "6.0"
    removed_in = "6.0"
    triggers = ("FORMS_URLFIELD_ASSUME_HTTPS",)
    setting = "FORMS_URLFIELD_ASSUME_HTTPS"
    deletable = {True: "6.0"}
    advice = (
        'from Django 6.0 forms.URLField assumes https: pass assume_scheme="http" where http must stay, then delete the setting'
    )
