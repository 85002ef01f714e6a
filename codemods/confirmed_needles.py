"""Prune needles that ``confirm()`` reads from the file: for codemods whose changes sit on names the
file itself chooses (what it binds from ``six``, the classes its ``register()`` calls pass), which no
fixed trigger string finds."""

from __future__ import annotations


class NeedlesFromConfirm:
    """Mix in before ``Codemod``. ``confirm()`` sets ``self._names`` (None first, then the file's names
    once it knows them); the needles are the triggers plus those names, and before any confirm() there
    are none (the file is not pruned). The pipeline confirms a file before it asks for its needles."""

    _names: tuple[str, ...] | None = None

    def prune_needles(self) -> tuple[str, ...]:
        return () if self._names is None else (*self.triggers, *self._names)
