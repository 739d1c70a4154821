"""k-anonymity suppression and the complementary rule for daily totals (pure functions).

A window cell of a person-derived stream is suppressed when it counts fewer than k people
(distinct pseudonyms, or the summed count of a counter without identifiers).

A daily total is the sum of the day's window values. Subtracting the published windows from
it leaves the *residual*: the sum over the withheld (suppressed or refused) windows. The total
is published only if that residual tells an adversary nothing about any single withheld
window beyond what its suppression already said:

1. the day itself counts at least k people;
2. the withheld windows together count at least k people (distinct pseudonyms over all of
   them, or their summed count), so the residual is itself a cell that passes k; this also
   rules out exactly one withheld window, whose value the residual would be;
3. where the published value is a count of people, every withheld window is known to hold
   0..k-1; with ``n`` withheld windows and residual ``R`` a single window is then bounded
   below by ``R - (n - 1)(k - 1)``. The total is published only if ``R <= (n - 1)(k - 1)``,
   so that bound stays 0 and each withheld window's range stays exactly 0..k-1.

Otherwise the daily total is suppressed as well.
"""

from __future__ import annotations

from dataclasses import dataclass


def below_k(people: float, k: int) -> bool:
    return people < k


@dataclass(frozen=True)
class DayWindow:
    value: float  # the window's true value of the additive aggregation
    withheld: bool  # suppressed, or refused for want of budget


def daily_total_safe(
    windows: list[DayWindow],
    *,
    k: int,
    day_people: float,
    withheld_people: float,
    value_counts_people: bool,
) -> bool:
    """Whether the day's total can be published next to its windows (rules 1-3 above)."""
    if below_k(day_people, k):
        return False
    withheld = [window for window in windows if window.withheld]
    if not withheld:
        return True
    if below_k(withheld_people, k):
        return False
    if value_counts_people:
        residual = sum(window.value for window in withheld)
        if residual > (len(withheld) - 1) * (k - 1):
            return False
    return True
