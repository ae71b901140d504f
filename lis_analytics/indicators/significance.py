"""Tests of difference and change for survey estimates, and the words for a change.

Survey estimates (APS, ASHE, healthy life expectancy, well-being) carry 95% confidence
intervals or coefficients of variation. Every comparison here is a **two-sided z-test at
5%** on the difference, with standard errors implied by the published intervals or CVs:

- standard error from a 95% interval ``[l, u]``: ``se = (u - l) / (2 x 1.96)``
  (:func:`se_from_interval`); from a CV in per cent: ``se = value x cv / 100``
  (:func:`se_from_cv`);
- two estimates (two areas, or two periods of one area, :func:`change_test`):
  ``z = (x2 - x1) / sqrt(se1^2 + se2^2)``, significant when ``|z| > 1.96``;
- an area's change against England's change (:func:`change_against_benchmark`):
  ``d = (a2 - a1) - (e2 - e1)``, ``se_d = sqrt(sa1^2 + sa2^2 + se1^2 + se2^2)``,
  ``z = d / se_d``; with ``relative=True`` the changes are percentage changes
  (``100 (x2 / x1 - 1)``, standard error by the delta method), for money in current prices.

The estimates are treated as independent. Successive APS years share part of their sample
(positive covariance), so the tests of change are approximate: the true standard error of a
change is somewhat smaller, and the test somewhat conservative. Whether two 95% intervals
overlap is **not** a test and is not used: intervals can overlap while the difference is
significant.

Where no interval or CV exists for a survey estimate, the change is **not tested** and is
never called improving or worsening (:func:`classify_change`). Values with no sampling error
(administrative counts, census, national accounts) are described as changes, with the words
saying they are not survey estimates.

Examples
--------
>>> t = change_test(70.0, se_from_interval(68.0, 72.0), 73.0, se_from_interval(71.0, 75.0))
>>> round(t.statistic, 2), t.label
(2.08, 'significant')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054
"""Two-sided 95% normal quantile."""

NOT_TESTED = "not tested (no interval)"
"""Label of a survey comparison without an interval or CV."""

NOT_SURVEY = "not a survey estimate (no sampling error)"
"""Label of a comparison of values without sampling error (administrative, census)."""


def _missing(*values: float | None) -> bool:
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)


def se_from_interval(lower: float, upper: float) -> float:
    """Standard error implied by a 95% confidence interval: ``(upper - lower) / (2 x 1.96)``.

    Returns NaN when either limit is missing.

    Examples
    --------
    >>> round(se_from_interval(70.0, 74.0), 4)
    1.0204
    >>> math.isnan(se_from_interval(float("nan"), 74.0))
    True
    """
    if _missing(lower, upper):
        return np.nan
    return (float(upper) - float(lower)) / (2 * Z95)


def se_from_cv(value: float, cv: float) -> float:
    """Standard error from a coefficient of variation in per cent: ``value x cv / 100``.

    ASHE publishes CVs rather than intervals.

    Examples
    --------
    >>> se_from_cv(600.0, 2.5)
    15.0
    """
    if _missing(value, cv):
        return np.nan
    return abs(float(value)) * float(cv) / 100


@dataclass(frozen=True)
class Significance:
    """Result of a z-test of a difference (or of a difference in changes).

    Attributes
    ----------
    significant : bool or None
        ``None`` when the test could not be made (no interval): "not tested".
    method : str
        ``"z"`` for a z-test; ``"none"`` when not tested; ``"no sampling error"`` for values
        that are not survey estimates.
    statistic : float
        The z statistic (NaN when not tested).
    difference : float
        The difference tested.
    se : float
        Its standard error.
    """

    significant: bool | None
    method: str
    statistic: float = np.nan
    difference: float = np.nan
    se: float = np.nan

    @property
    def label(self) -> str:
        """``significant``, ``not significant``, ``not tested (no interval)`` or not a survey.

        Examples
        --------
        >>> Significance(None, "no sampling error").label
        'not a survey estimate (no sampling error)'
        """
        if self.method == "no sampling error":
            return NOT_SURVEY
        if self.significant is None:
            return NOT_TESTED
        return "significant" if self.significant else "not significant"


def z_test(difference: float, se: float) -> Significance:
    """Two-sided z-test at 5% of a difference with its standard error.

    Significant when ``|difference / se| > 1.96``; not tested when either is missing.

    Examples
    --------
    >>> z_test(3.0, 1.0).significant, z_test(1.0, 1.0).significant
    (True, False)
    >>> z_test(1.0, float("nan")).label
    'not tested (no interval)'
    """
    if _missing(difference, se):
        return Significance(None, "none", np.nan, difference if not _missing(difference)
                            else np.nan, np.nan)
    z = difference / se if se > 0 else (math.inf if difference else 0.0)
    return Significance(bool(abs(z) > Z95), "z", z, float(difference), float(se))


def change_test(x1: float, se1: float, x2: float, se2: float) -> Significance:
    """Test the change ``x2 - x1`` between two estimates: ``z = (x2 - x1) / sqrt(se1^2 + se2^2)``.

    Parameters
    ----------
    x1, se1 : float
        The earlier (or first) estimate and its standard error.
    x2, se2 : float
        The later (or second) estimate and its standard error.

    Returns
    -------
    Significance
        Significant at 5% when ``|z| > 1.96``; not tested when a standard error is missing.

    Examples
    --------
    A hand-worked case: 72.0 (95% CI 70.0 to 74.0) against 75.0 (73.0 to 77.0); each
    se = 4 / 3.92 = 1.0204, se of the change = 1.4431, z = 3 / 1.4431 = 2.08: significant,
    although the two intervals overlap.

    >>> t = change_test(72.0, se_from_interval(70.0, 74.0), 75.0, se_from_interval(73.0, 77.0))
    >>> round(t.se, 4), round(t.statistic, 2), t.label
    (1.4431, 2.08, 'significant')
    """
    if _missing(x1, x2, se1, se2):
        return z_test(np.nan if _missing(x1, x2) else x2 - x1, np.nan)
    return z_test(float(x2) - float(x1), math.hypot(se1, se2))


def significant_difference(a: float, a_lci: float, a_uci: float, b: float, b_lci: float,
                           b_uci: float) -> Significance:
    """Whether two survey estimates with 95% intervals differ at 5% (z-test).

    ``z = (a - b) / sqrt(se_a^2 + se_b^2)`` with ``se = (upper - lower) / (2 x 1.96)``
    (:func:`change_test` with standard errors from the intervals).

    Examples
    --------
    >>> significant_difference(75.0, 73.0, 77.0, 72.0, 70.0, 74.0).label
    'significant'
    >>> significant_difference(75.0, 72.0, 78.0, 73.0, 70.0, 76.0).label
    'not significant'
    >>> significant_difference(75.0, float("nan"), float("nan"), 71.0, 70.0, 72.0).label
    'not tested (no interval)'
    """
    return change_test(b, se_from_interval(b_lci, b_uci), a, se_from_interval(a_lci, a_uci))


def pct_change(x1: float, se1: float, x2: float, se2: float) -> tuple[float, float]:
    """Percentage change ``100 (x2 / x1 - 1)`` and its standard error (delta method).

    ``se = 100 (x2 / x1) sqrt((se1 / x1)^2 + (se2 / x2)^2)``, the two estimates independent.

    Examples
    --------
    >>> p, se = pct_change(500.0, 5.0, 550.0, 5.5)
    >>> round(p, 1), round(se, 3)
    (10.0, 1.556)
    """
    if _missing(x1, x2) or not x1:
        return np.nan, np.nan
    ratio = float(x2) / float(x1)
    if _missing(se1, se2) or not x2:
        return 100 * (ratio - 1), np.nan
    return 100 * (ratio - 1), 100 * abs(ratio) * math.hypot(se1 / x1, se2 / x2)


def change_against_benchmark(a1: float, sa1: float, a2: float, sa2: float, e1: float,
                             se1: float, e2: float, se2: float, relative: bool = False
                             ) -> Significance:
    """Test an area's change against a benchmark's (England's) change over the same periods.

    ``d = (a2 - a1) - (e2 - e1)``, ``se_d = sqrt(sa1^2 + sa2^2 + se1^2 + se2^2)``,
    ``z = d / se_d``, significant at 5% when ``|z| > 1.96``. With ``relative=True`` the
    changes are percentage changes (:func:`pct_change`) and ``d`` is in percentage points:
    the test for money in current prices, whose cash change is mostly inflation.

    Parameters
    ----------
    a1, sa1, a2, sa2 : float
        The area's baseline and latest estimates and their standard errors.
    e1, se1, e2, se2 : float
        The benchmark's, over the same periods.
    relative : bool, default False
        Compare percentage changes rather than changes in the indicator's unit.

    Returns
    -------
    Significance
        ``difference`` is ``d`` (positive: the area's change was larger); not tested when
        any standard error is missing.

    Examples
    --------
    Residents' pay up 11.4% (546.0 to 608.3, 95% CIs of +-2.5%) against England's 12.2%
    (578.0 to 648.4, CIs of +-0.8%): se of GM's % change = 100 x 1.114 x
    sqrt(2 x 0.01276^2) = 2.01, England's 0.65; d = 11.41 - 12.18 = -0.77 points,
    se_d = sqrt(2.01^2 + 0.65^2) = 2.11, z = -0.36: not significantly different from England.

    >>> def ci(v, share):
    ...     return se_from_interval(v * (1 - share), v * (1 + share))
    >>> t = change_against_benchmark(546.0, ci(546.0, .025), 608.3, ci(608.3, .025),
    ...                              578.0, ci(578.0, .008), 648.4, ci(648.4, .008),
    ...                              relative=True)
    >>> round(t.difference, 1), round(t.se, 2), round(t.statistic, 2), t.label
    (-0.8, 2.11, -0.36, 'not significant')

    In the indicator's own unit: 70 to 74 against 70 to 71, each se 1, d = 3, se_d = 2,
    z = 1.5: not significant.

    >>> change_against_benchmark(70, 1, 74, 1, 70, 1, 71, 1).statistic
    1.5
    """
    if relative:
        pa, spa = pct_change(a1, sa1, a2, sa2)
        pe, spe = pct_change(e1, se1, e2, se2)
        d = pa - pe
        se = math.hypot(spa, spe) if not _missing(spa, spe) else np.nan
        return z_test(d, se)
    if _missing(a1, a2, e1, e2):
        return z_test(np.nan, np.nan)
    d = (float(a2) - float(a1)) - (float(e2) - float(e1))
    if _missing(sa1, sa2, se1, se2):
        return z_test(d, np.nan)
    return z_test(d, math.sqrt(sa1 ** 2 + sa2 ** 2 + se1 ** 2 + se2 ** 2))


def classify_change(change: float, direction: str, significance: Significance | None = None,
                    tolerance: float = 0.0) -> str:
    """Words for a change: improving / worsening / no significant change / not tested.

    Parameters
    ----------
    change : float
        The change (or, against a benchmark, the difference in changes).
    direction : str
        ``higher_is_better``, ``lower_is_better`` or ``neutral``.
    significance : Significance, optional
        The test of the change. ``None``: a value with no sampling error (administrative,
        census), judged on its sign beyond ``tolerance``. A test that could not be made
        (``significant is None``) gives ``"not tested"``, never improving or worsening; a
        test that is not significant gives ``"no significant change"``.
    tolerance : float
        For values without sampling error: changes no larger than this (half the last
        decimal shown) are ``"no change"``.

    Examples
    --------
    >>> classify_change(-1.2, "lower_is_better")
    'improving'
    >>> classify_change(2.0, "higher_is_better", Significance(False, "z"))
    'no significant change'
    >>> classify_change(2.0, "higher_is_better", Significance(None, "none"))
    'not tested'
    >>> classify_change(-3.0, "higher_is_better", Significance(True, "z"))
    'worsening'
    >>> classify_change(0.5, "neutral")
    'increased'
    """
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return "not available"
    if significance is not None and significance.method != "no sampling error":
        if significance.significant is None:
            return "not tested"
        if significance.significant is False:
            return "no significant change"
    elif abs(change) <= tolerance:
        return "no change"
    if direction == "neutral":
        return "increased" if change > 0 else "decreased"
    better = change > 0 if direction == "higher_is_better" else change < 0
    return "improving" if better else "worsening"
