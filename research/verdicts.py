"""What works: a practice's verdict for one outcome, by the rule of the Maryland report.

Sherman et al. (1997), *Preventing Crime: What Works, What Doesn't, What's Promising*, rate a
practice from the findings of studies rigorous enough to tell (Maryland Scientific Methods
Scale level 3 or more). `mixed` and `inconclusive` findings count on neither side. The rule is
computed over the findings the viewer may see, never typed by hand. Plain Python: no Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

WORKS = "works"
DOES_NOT_WORK = "does-not-work"
PROMISING = "promising"
UNKNOWN = "unknown"
VERDICTS = (WORKS, PROMISING, DOES_NOT_WORK, UNKNOWN)

POSITIVE = "positive"
MIXED = "mixed"
NO_EFFECT = "no-effect"
NEGATIVE = "negative"
INCONCLUSIVE = "inconclusive"
EFFECTS = (POSITIVE, MIXED, NO_EFFECT, NEGATIVE, INCONCLUSIVE)
AGAINST = frozenset({NO_EFFECT, NEGATIVE})

# Below this level a study cannot tell an effect from what would have happened anyway.
RIGOROUS_LEVEL = 3
LEVEL_PREFIX = "sms-"


@dataclass(frozen=True)
class Finding:
    """What one study found for one outcome, and how rigorous that study is."""

    effect: str
    evidence: str  # the study's evidence strength slug: sms-1 … sms-5, or unrated


def sms_level(evidence: str) -> int | None:
    """The Maryland level of an evidence slug (`sms-3` → 3); None when unrated or unknown."""
    if evidence.startswith(LEVEL_PREFIX) and evidence[len(LEVEL_PREFIX) :].isdigit():
        return int(evidence[len(LEVEL_PREFIX) :])
    return None


def is_rigorous(finding: Finding) -> bool:
    level = sms_level(finding.evidence)
    return level is not None and level >= RIGOROUS_LEVEL


Findings = Iterable[Finding] | Mapping[Finding, int]


def _counted(findings: Findings) -> Mapping[Finding, int]:
    """Each distinct finding and how many times it occurs (a count is given, or counted)."""
    return findings if isinstance(findings, Mapping) else Counter(findings)


def verdict(findings: Findings) -> str:
    """works, does-not-work, promising or unknown, from the findings at SMS 3 or more (given
    one by one, or as finding → number: a map of 100,000 studies counts them in the database)."""
    positive = against = 0
    for finding, count in _counted(findings).items():
        if is_rigorous(finding):
            positive += count if finding.effect == POSITIVE else 0
            against += count if finding.effect in AGAINST else 0
    if positive >= 2 and positive > against:
        return WORKS
    if against >= 2 and against > positive:
        return DOES_NOT_WORK
    if positive == 1 and against == 0:
        return PROMISING
    return UNKNOWN


def strongest(findings: Findings) -> str | None:
    """The evidence slug of the most rigorous study among the findings, or None if unrated."""
    levels = [(level, f.evidence) for f in _counted(findings) if (level := sms_level(f.evidence))]
    return max(levels)[1] if levels else None
