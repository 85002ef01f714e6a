"""Specifier semantics and style-preserving rewrites (upgrader.pins.specs)."""

import pytest

import release_data
from upgrader.pins import specs


@pytest.fixture(scope="module")
def nf():
    data = release_data.load()
    return data.next_feature


@pytest.mark.parametrize(
    "old, new_version, expected",
    [
        ("==3.2.25", "4.0.10", "==4.0.10"),
        ("== 3.2.25", "4.0.10", "== 4.0.10"),
        ("~=3.2", "4.0.10", "~=4.0"),
        ("~=3.2.0", "4.0.10", "~=4.0.0"),
        ("~=3.2.5", "4.0.10", "~=4.0.10"),
        (">=3.2,<4.0", "4.0.10", ">=4.0,<4.1"),
        (">=3.2,<3.3", "4.0.10", ">=4.0,<4.1"),
        (">=3.2, <4", "4.0.10", ">=4.0, <5"),
        (">= 3.2 , < 4.0", "4.0.10", ">= 4.0 , < 4.1"),
        ("<4", "4.0.10", "<5"),
        ("<4.0,>=3.2", "4.0.10", "<4.1,>=4.0"),
        (">=3.2,!=4.0.10,<5", "4.0.10", ">=4.0,<5"),
        ("==3.2.*", "4.0.10", "==4.0.*"),
        (">=4.2,<4.3", "5.0.14", ">=5.0,<5.1"),  # the release after 4.2 is 5.0, from release data
        ("~=4.2.0", "5.0.14", "~=5.0.0"),
        # calendar versions: the release after 6.2 is 2028
        (">=6.1,<6.2", "2028.1", ">=2028,<2029"),
        ("~=6.2", "2028.1", "~=2028.0"),
        ("~=6.2.0", "2028.1", "~=2028.0"),
        ("==6.2.3", "2028.1", "==2028.1"),
        (">=2028,<2029", "2029.0", ">=2029,<2030"),
        ("(>=3.2,<4)", "4.1.13", "(>=4.1,<5)"),
        # already admitted: unchanged (idempotence, patch steps)
        ("~=3.2", "3.2.25", "~=3.2"),
        (">=3.2,<4.0", "3.2.25", ">=3.2,<4.0"),
        (">=3.2", "4.0.10", ">=3.2"),
        ("==4.0.10", "4.0.10", "==4.0.10"),
        ("", "4.0.10", ""),
    ],
)
def test_bump_pep440(nf, old, new_version, expected):
    got = specs.bump(old, new_version, nf)
    assert got == expected
    assert specs.admits(got or ">=0", new_version)
    assert specs.bump(got, new_version, nf) == got  # a second run changes nothing


@pytest.mark.parametrize(
    "old, new_version, expected",
    [
        ("^3.2", "4.0.10", "^4.0"),
        ("^3.2", "3.2.25", "^3.2"),  # ^3.2 is >=3.2,<4.0: admits 3.2.25, no change needed
        ("^4.0", "4.2.30", "^4.0"),
        ("~3.2", "4.0.10", "~4.0"),
        ("~3", "4.0.1", "~4"),
        ("3.2.25", "4.0.10", "4.0.10"),
        ("==3.2.25", "4.0.10", "==4.0.10"),
        ("3.2.*", "4.0.1", "4.0.*"),
        ("*", "4.0", "*"),
        (">=3.2,<4.0", "4.0.10", ">=4.0,<4.1"),
        (">=3.2 <4.0", "4.0.10", ">=4.0 <4.1"),
        ("^3.2.5", "4.0.10", "^4.0.10"),
        ("^6.2", "2028.1", "^2028"),
        ("^2.2 || ^3.2", "4.0.10", "^2.2 || ^3.2 || ^4.0"),
    ],
)
def test_bump_poetry(nf, old, new_version, expected):
    got = specs.bump(old, new_version, nf, "poetry")
    assert got == expected
    assert specs.bump(got, new_version, nf, "poetry") == got


def test_poetry_semantics():
    assert specs.admits("^3.2", "3.2.25", "poetry")
    assert not specs.admits("^3.2", "4.0", "poetry")
    assert specs.admits("~3.2", "3.2.9", "poetry") and not specs.admits("~3.2", "3.3", "poetry")
    assert specs.admits("^0.2.3", "0.2.9", "poetry") and not specs.admits("^0.2.3", "0.3", "poetry")
    assert specs.admits("*", "2029.0", "poetry")
    assert specs.exact_version("3.2.25", "poetry") == "3.2.25"
    assert specs.exact_version("^3.2", "poetry") is None
    assert specs.exact_version("==3.2.25") == "3.2.25"
    assert specs.exact_version("==3.2.*") is None
    with pytest.raises(specs.SpecError):
        specs.to_specifier_sets(">=three", "poetry")


def test_highest_feature():
    data = release_data.load()
    cands = [(r.version, [r.version, f"{r.version}.0", r.latest_patch or r.version]) for r in data.releases if r.released]
    assert specs.highest_feature(">=3.2,<4.0", cands) == "3.2"
    assert specs.highest_feature("~=3.2.0", cands) == "3.2"
    assert specs.highest_feature("~=3.2", cands) == "3.2"
    assert specs.highest_feature("^3.2", cands, "poetry") == "3.2"
    assert specs.highest_feature("^4.0", cands, "poetry") == "4.2"
    assert specs.highest_feature(">=3.2", cands) == data.latest_released().version


def test_unrewritable_raises(nf):
    with pytest.raises(specs.SpecError):
        specs.bump(">=3.2,<<4", "4.0", nf)
