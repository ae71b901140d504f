"""Whether two survey estimates differ, and whether a change is an improvement.

Survey estimates (APS, ASHE medians via ELS, healthy life expectancy, well-being) carry 95%
confidence intervals. Whether a change or a difference is significant is decided by
:func:`significant_difference`: by default **only when the two 95% intervals do not
overlap**. That is conservative (two intervals can overlap a little while a z-test on the
difference is significant), which suits APS year-on-year comparisons whose samples partly
overlap (positive covariance the published intervals do not show). ``method="z"`` gives the
two-sided z-test at 5% on ``(a - b) / sqrt(se_a^2 + se_b^2)`` instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054
"""Two-sided 95% normal quantile."""


@dataclass(frozen=True)
class Significance:
    """Result of comparing two estimates with 95% intervals."""

    significant: bool | None
    method: str
    statistic: float = np.nan

    @property
    def label(self) -> str:
        """``significant``, ``not significant`` or ``not tested (no interval)``."""
        if self.significant is None:
            return "not tested (no interval)"
        return "significant" if self.significant else "not significant"


def significant_difference(a: float, a_lci: float, a_uci: float, b: float, b_lci: float,
                           b_uci: float, method: str = "overlap") -> Significance:
    """Test whether two survey estimates differ significantly at the 5% level.

    Parameters
    ----------
    a, a_lci, a_uci, b, b_lci, b_uci
        Estimates with their 95% confidence limits.
    method
        ``"overlap"`` (default): significant only if the two intervals do not overlap, a
        conservative test that never calls a change significant when the intervals overlap.
        ``"z"``: two-sided z-test on ``(a - b) / sqrt(se_a^2 + se_b^2)`` with
        ``se = (upper - lower) / (2 x 1.96)``, assuming independent samples.

    Returns
    -------
    Significance
        ``significant`` is ``None`` when either interval is missing (not tested).

    Examples
    --------
    >>> significant_difference(75.0, 73.0, 77.0, 72.0, 70.0, 74.0).label
    'not significant'
    >>> significant_difference(75.0, 73.0, 77.0, 72.0, 70.0, 74.0, method="z").label
    'significant'
    >>> significant_difference(75.0, 74.0, 76.0, 71.0, 70.0, 72.0).label
    'significant'
    >>> significant_difference(75.0, float("nan"), float("nan"), 71.0, 70.0, 72.0).label
    'not tested (no interval)'
    """
    vals = [a, a_lci, a_uci, b, b_lci, b_uci]
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in vals):
        return Significance(None, method)
    if method == "overlap":
        overlap = not (a_lci > b_uci or b_lci > a_uci)
        return Significance(not overlap, method)
    if method == "z":
        se = math.hypot((a_uci - a_lci) / (2 * Z95), (b_uci - b_lci) / (2 * Z95))
        z = (a - b) / se if se else math.inf
        return Significance(abs(z) > Z95, method, z)
    raise ValueError(f"method {method!r}: use 'overlap' or 'z'")


def classify_change(change: float, direction: str, significance: Significance | None = None,
                    tolerance: float = 0.0) -> str:
    """Improving / worsening / no significant change, from a change and the direction.

    A survey change that is not significant (:func:`significant_difference`) is
    ``"no significant change"``; a change no larger than ``tolerance`` (half the last
    decimal shown) is ``"no change"``; neutral indicators give ``"increased"`` or
    ``"decreased"``.

    Examples
    --------
    >>> classify_change(-1.2, "lower_is_better")
    'improving'
    >>> classify_change(2.0, "higher_is_better", Significance(False, "overlap"))
    'no significant change'
    >>> classify_change(0.5, "neutral")
    'increased'
    """
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return "not available"
    if significance is not None and significance.significant is False:
        return "no significant change"
    if abs(change) <= tolerance:
        return "no change"
    if direction == "neutral":
        return "increased" if change > 0 else "decreased"
    better = change > 0 if direction == "higher_is_better" else change < 0
    return "improving" if better else "worsening"

