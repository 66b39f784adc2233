"""The Maryland rule at each of its boundaries: what a manager reads as a practice's verdict."""

from collections import Counter

import pytest

from research.verdicts import (
    DOES_NOT_WORK,
    PROMISING,
    UNKNOWN,
    WORKS,
    Finding,
    sms_level,
    strongest,
    verdict,
)


def found(*pairs: str) -> list[Finding]:
    """`"positive@sms-3"` → Finding("positive", "sms-3")."""
    return [Finding(*pair.split("@")) for pair in pairs]


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        # Nothing rigorous enough: nobody can say.
        ((), UNKNOWN),
        (("positive@sms-2", "positive@sms-2"), UNKNOWN),
        (("positive@unrated", "positive@sms-1", "positive@sms-2"), UNKNOWN),
        # One rigorous positive and nothing against it: promising.
        (("positive@sms-3",), PROMISING),
        (("positive@sms-5", "mixed@sms-4", "inconclusive@sms-3"), PROMISING),
        (("positive@sms-3", "no-effect@sms-2"), PROMISING),
        # One positive, one against: the positive does not outnumber the rest.
        (("positive@sms-3", "no-effect@sms-3"), UNKNOWN),
        (("positive@sms-4", "negative@sms-3"), UNKNOWN),
        # Two rigorous positives that outnumber what is against: works.
        (("positive@sms-3", "positive@sms-4"), WORKS),
        (("positive@sms-3", "positive@sms-3", "no-effect@sms-5"), WORKS),
        (("positive@sms-3", "positive@sms-3", "mixed@sms-3", "mixed@sms-4"), WORKS),
        # Two positives and two against: a tie is no verdict either way.
        (("positive@sms-3", "positive@sms-3", "no-effect@sms-3", "negative@sms-4"), UNKNOWN),
        # Two rigorous findings of no effect or harm that outnumber the positives: does not work.
        (("no-effect@sms-3", "negative@sms-5"), DOES_NOT_WORK),
        (("no-effect@sms-3", "no-effect@sms-4", "positive@sms-3"), DOES_NOT_WORK),
        (("negative@sms-3", "negative@sms-3"), DOES_NOT_WORK),
        # One finding against alone, or only mixed and inconclusive ones: unknown.
        (("no-effect@sms-4",), UNKNOWN),
        (("mixed@sms-5", "inconclusive@sms-4", "mixed@sms-3"), UNKNOWN),
        # Findings of weaker studies are listed but never tip the balance.
        (("positive@sms-3", "no-effect@sms-2", "negative@sms-1"), PROMISING),
        (("no-effect@sms-3", "no-effect@sms-3", "positive@sms-2", "positive@sms-1"), DOES_NOT_WORK),
    ],
)
def test_the_verdict_follows_the_maryland_rule(findings, expected):
    assert verdict(found(*findings)) == expected
    # The same findings counted (as the database groups them for a map) give the same verdict.
    assert verdict(Counter(found(*findings))) == expected


@pytest.mark.parametrize(
    ("slug", "level"),
    [("sms-1", 1), ("sms-5", 5), ("unrated", None), ("sms-", None), ("sms-x", None), ("", None)],
)
def test_evidence_slugs_read_as_levels(slug, level):
    assert sms_level(slug) == level


def test_the_strongest_study_is_the_highest_level_whatever_its_effect():
    assert strongest(found("positive@sms-2", "no-effect@sms-4", "mixed@unrated")) == "sms-4"
    assert strongest(found("positive@unrated")) is None
    assert strongest([]) is None
    assert strongest(Counter(found("positive@sms-2", "no-effect@sms-4", "no-effect@sms-4"))) == (
        "sms-4"
    )
