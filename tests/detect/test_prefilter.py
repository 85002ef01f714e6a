"""``codemods.detect.prefilter.TriggerIndex``: a text trigger (a dotted path, a flag) is only searched
for in a file that has, as whole words, the words the trigger holds between other characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.detect.prefilter import TriggerIndex, _inner_words
from codemods.scanned_text import scanned


def _words(text: str) -> set[str]:
    return {w for w in (r.lstrip("0123456789") for r in scanned(text).runs()) if w}


def test_the_inner_words_of_a_trigger():
    assert _inner_words("django.contrib.auth.hashers.SHA1PasswordHasher") == {"contrib", "auth", "hashers"}
    assert _inner_words("(?L)") == {"L"}
    assert _inner_words("django/forms/default.html") == {"forms", "default"}
    assert _inner_words("django-admin.py") == {"admin"}
    assert _inner_words("shell --plain") == _inner_words("--exit") == _inner_words("a.2to3.b") == frozenset()


@pytest.mark.parametrize("text, found", [
    ("PASSWORD_HASHERS = ['django.contrib.auth.hashers.SHA1PasswordHasher']\n", True),
    ("X = 'mydjango.contrib.auth.hashers.SHA1PasswordHashers'\n", True),  # (the ends may be parts of words)
    ("X = 'django.contrib.auth.hasherss.SHA1PasswordHasher'\n", False),
    ("from django.contrib.auth import hashers\nhashers.SHA1PasswordHasher\n", False),
    ("re.compile('x', '(?L)')\n", True),
    ("re.compile('x', '(?LL)')\n", False),
])
def test_a_text_trigger_passes_exactly_where_it_occurs(text, found):
    index = TriggerIndex([(("django.contrib.auth.hashers.SHA1PasswordHasher", "(?L)"), ())])
    assert bool(index.passing(scanned(text), _words(text))) is found


def test_the_inner_words_change_no_answer_on_real_code():
    import release_data
    from codemods.detect.after import LeftRequest, changes_at

    django = pytest.importorskip("django")
    files = sorted(Path(django.__file__).parent.rglob("*.py"))[::3]
    request = LeftRequest(changes_at(release_data.load().changes, "6.1", None, fixed_by=None), Path.cwd())
    request.prepare()
    item_index, _, derived_index, _ = request.plan.indexes("python")
    passed = 0
    for path in files:
        text = scanned(path.read_text(encoding="utf-8", errors="replace"))
        words = _words(text)
        for index in (item_index, derived_index):
            with_inner = index.passing(text, words)
            saved, index.inner = index.inner, {t: frozenset() for t in index.inner}
            try:
                assert index.passing(text, words) == with_inner, path
            finally:
                index.inner = saved
            passed += bool(with_inner)
    assert passed > 50
