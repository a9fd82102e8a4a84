"""From frequency to fraction to percentage, and why a spreadsheet's percentages may not total 100.

A spreadsheet rounds each share on its own, so three equal colours show 33 + 33 + 33 = 99. The
Smarties class found this puzzling; here it is shown, explained, and set beside a rounding that
always totals 100 (largest remainder). Arithmetic is exact (fractions and whole units), so the
rules tested here hold without floating-point luck.
"""
from __future__ import annotations

from fractions import Fraction
from math import floor
from typing import Mapping

import pandas as pd

from .language import _

PLACES = (0, 1, 2)


def _check_places(places: int) -> int:
    if places not in PLACES:
        raise ValueError(_("Choose 0, 1 or 2 decimal places."))
    return places


def exact_shares(counts: Mapping[str, int]) -> dict[str, Fraction]:
    """Each category's exact percentage as a fraction (all zero when nothing was counted)."""
    total = sum(counts.values())
    if total == 0:
        return {k: Fraction(0) for k in counts}
    return {k: Fraction(100 * v, total) for k, v in counts.items()}


def spreadsheet_units(counts: Mapping[str, int], places: int = 0) -> dict[str, int]:
    """Each share rounded on its own, half up, as Excel's ROUND does; in units of 10**-places %."""
    scale = 10 ** _check_places(places)
    return {k: floor(p * scale + Fraction(1, 2)) for k, p in exact_shares(counts).items()}


def largest_remainder_units(counts: Mapping[str, int], places: int = 0) -> dict[str, int]:
    """Round down, then give the units left over to the shares that lost most: always totals 100 %."""
    scale = 10 ** _check_places(places)
    exact = exact_shares(counts)
    if sum(counts.values()) == 0:
        return {k: 0 for k in counts}
    units = {k: floor(p * scale) for k, p in exact.items()}
    left = 100 * scale - sum(units.values())
    order = sorted(exact, key=lambda k: (exact[k] * scale - units[k], counts[k]), reverse=True)
    for k in order[:left]:
        units[k] += 1
    return units


def fmt(units: int, places: int) -> str:
    """Units of 10**-places % as text: 3333 at 2 places -> '33.33'."""
    if places == 0:
        return str(units)
    return f"{units // 10**places}.{units % 10**places:0{places}d}"


def share_table(counts: Mapping[str, int], places: int = 0) -> pd.DataFrame:
    """One row per category: frequency, fraction, exact %, spreadsheet % and largest-remainder %."""
    _check_places(places)
    total = sum(counts.values())
    exact = exact_shares(counts)
    sheet = spreadsheet_units(counts, places)
    fair = largest_remainder_units(counts, places)
    rows = [
        {
            "category": k,
            "frequency": int(v),
            "fraction": f"{v}/{total}" if total else "0/0",
            "exact": float(exact[k]),
            "spreadsheet": fmt(sheet[k], places),
            "largest_remainder": fmt(fair[k], places),
        }
        for k, v in counts.items()
    ]
    return pd.DataFrame(rows, columns=["category", "frequency", "fraction", "exact", "spreadsheet", "largest_remainder"])


def spreadsheet_total(counts: Mapping[str, int], places: int = 0) -> str:
    return fmt(sum(spreadsheet_units(counts, places).values()), places)


def adds_up(counts: Mapping[str, int], places: int = 0) -> bool:
    """Do the spreadsheet's percentages, as shown, total exactly 100?"""
    if sum(counts.values()) == 0:
        return True
    return sum(spreadsheet_units(counts, places).values()) == 100 * 10**places


def explain(counts: Mapping[str, int], places: int = 0, things: str = "sweets") -> str:
    """A few sentences a 9-year-old can follow about why the total is or isn't 100 %."""
    total = sum(counts.values())
    if total == 0:
        # Translators: {things} is what the lab counts, in the lab's words (sweets, throws).
        return _("Count some {things} first, then we can work out the percentages.").format(things=things)
    scale = 10**places
    sheet = spreadsheet_units(counts, places)
    shown = sum(sheet.values())
    if shown == 100 * scale:
        return _("These percentages add up to exactly 100 %, just as all the parts of one whole should.")
    exact = exact_shares(counts)
    gap = fmt(abs(100 * scale - shown), places)
    non_zero = [v for v in counts.values() if v]
    equal = len(non_zero) > 1 and len(set(non_zero)) == 1
    if shown < 100 * scale:
        down = [k for k in counts if Fraction(sheet[k], scale) < exact[k]]
        # Translators: {shown} and {gap} are percentages (99, 0.01); {n} how many shares were rounded down.
        text = _("These add up to {shown} %, not 100 %. Each share was rounded on its own, and {n} of them were "
                 "rounded down a little. Those little bits add up to the missing {gap} %.").format(
            shown=fmt(shown, places), n=len(down), gap=gap)
    else:
        up = [k for k in counts if Fraction(sheet[k], scale) > exact[k]]
        # Translators: {shown} and {gap} are percentages (101, 0.01); {n} how many shares were rounded up.
        text = _("These add up to {shown} %, more than 100 %. Each share was rounded on its own, and {n} of them "
                 "were rounded up a little. Those little bits add up to the extra {gap} %.").format(
            shown=fmt(shown, places), n=len(up), gap=gap)
    if equal:
        first = next(k for k in counts if counts[k])
        # Translators: {n} is how many share the cake (3); {exact} a share as pupils write it (33.333…); {rounded} 33.
        text += " " + _("It's like sharing one cake between {n}: each share is really {exact} %, which rounds to "
                        "{rounded} %.").format(n=len(non_zero), exact=_long(exact[first]),
                                               rounded=fmt(sheet[first], places))
    text += " " + _("The other column shares out the leftover bits so the total is always 100 %.")
    return text


def _long(p: Fraction) -> str:
    """A share as pupils would write it: 12.5, or 33.333… when it goes on for ever."""
    text = f"{float(p):.3f}".rstrip("0").rstrip(".")
    return text if (p * 1000).denominator == 1 else text + "…"
