"""The indicator framework: which indicators, from which tables, and how they aggregate.

The framework (``lis_analytics/config/indicators.yaml``) lists each indicator with its source,
unit, direction and the rule that turns district (LAD) figures into an area figure:

``sum``
    counts add up.
``ratio_of_sums``
    ``scale x sum(numerator) / sum(denominator)`` over the districts that have both; never a
    mean of district ratios (see :func:`lis_analytics.geography.ratio_of_sums`).
``population_weighted``
    ``sum(value x weight) / sum(weight)``; exact for per-head rates and means computed over
    that weight (emissions per head, average travel time), an approximation otherwise.
``published_only``
    medians, ratios of medians and life expectancies never aggregate: the published figure
    for exactly the area's set of districts (a Nomis LEP row, an ELS combined-authority row,
    a county, a metropolitan county, an ITL region, a region, a district) or none, with the
    reason.
``difference``
    one indicator minus another in the same period, and only of two indicators on the same
    ``basis`` (e.g. both "all employee jobs"): parts on different bases are refused here,
    parts without a common period get no value (see
    :func:`lis_analytics.indicators.aggregate.difference`).

``published_first: true`` (``population_weighted`` only) takes the published row for exactly
the area's districts (an ONS combined-authority, region or district row, with its interval)
and builds the weighted figure only for areas nobody publishes (LEPs, custom areas).

Reading the packaged YAML (:func:`load_framework`) is configuration, not data: everything
else here is pure.

Examples
--------
>>> fw = load_framework()
>>> fw.get("nvq4plus_share").rule
'ratio of sums over districts'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

AGGREGATIONS = ("sum", "ratio_of_sums", "population_weighted", "published_only", "difference")
DIRECTIONS = ("higher_is_better", "lower_is_better", "neutral")
LEVELS = ("lad", "published", "blocks_itl3")
THEMES = ("People", "Ideas", "Infrastructure", "Business Environment", "Places",
          "Inclusive growth", "Grand Challenges")
"""Themes of the framework, in the order chapters show them."""
FOUNDATIONS = THEMES[:5]
"""The five foundations of productivity (Industrial Strategy, 2017)."""

RESULT_COLUMNS: tuple[str, ...] = (
    "indicator_id", "area_code", "period", "period_label", "value", "lci_95", "uci_95",
    "status", "reason", "method", "n_lads", "n_missing", "missing_lads",
)
"""Columns of :func:`compute_indicator` / :func:`compute_all` results."""

STATUSES = ("ok", "incomplete", "regional", "missing")
POPULATION_WEIGHTS = ("population", "population_0_15", "population_16_64", "population_16plus",
                      "population_65plus")


@dataclass(frozen=True)
class Term:
    """Where one part of an indicator comes from (numerator, denominator, value, weight)."""

    datasets: tuple[str, ...]
    measures: tuple[str, ...]
    times: str | None = None
    divide_by: str | None = None
    level: str = "lad"
    nearest: bool = False
    period: str | None = None
    industries: tuple[str, ...] = ()
    """SIC 2007 industry codes to add up (tables with an ``industry_code`` column, e.g. the
    Census 2021 industry table): only these industries' rows count. Without it, every
    industry of such a table is summed (the all-industry total)."""

    @classmethod
    def from_spec(cls, spec: Mapping, context: str) -> Term:
        """Build a term from its YAML mapping (``dataset``, ``measures`` or ``measure``...)."""
        if not isinstance(spec, Mapping):
            raise ValueError(f"{context}: expected a mapping, got {spec!r}")
        ds = spec.get("dataset", ())
        datasets = tuple([ds] if isinstance(ds, str) else ds)
        measures = spec.get("measures", spec.get("measure"))
        measures = tuple([measures] if isinstance(measures, str) else (measures or ()))
        if not measures:
            raise ValueError(f"{context}: needs 'measure' or 'measures'")
        level = str(spec.get("level", "lad"))
        if level not in LEVELS:
            raise ValueError(f"{context}: level {level!r} is not one of {LEVELS}")
        period = spec.get("period")
        industries = spec.get("industries", ())
        if isinstance(industries, (str, int)) or not all(
                isinstance(c, str) and c.strip() for c in industries):
            raise ValueError(f"{context}: industries must be a list of SIC codes as strings "
                             f"(quoted, e.g. \"21\"), got {industries!r}")
        if industries and level != "lad":
            raise ValueError(f"{context}: industries are summed over districts (level: lad)")
        return cls(datasets, measures, spec.get("times"), spec.get("divide_by"), level,
                   bool(spec.get("nearest", False)), str(period) if period is not None else None,
                   tuple(c.strip() for c in industries))


@dataclass(frozen=True)
class Indicator:
    """One indicator of the framework (see ``config/indicators.yaml``)."""

    id: str
    title: str
    theme: str
    unit: str
    direction: str
    aggregation: str
    decimals: int = 1
    note: str = ""
    value: Term | None = None
    numerator: Term | None = None
    denominator: Term | None = None
    weight: Term | None = None
    scale: float = 1.0
    ci: bool = False
    survey: bool = False
    headline: bool = False
    fallback: str = ""
    of: tuple[str, ...] = ()
    part_datasets: tuple[str, ...] = ()
    short: str = ""
    basis: str = ""
    published_first: bool = False

    @property
    def name(self) -> str:
        """Short name for sentences (``short`` in the YAML, else the title before a comma)."""
        if self.short:
            return self.short
        head = self.title.split(",")[0]
        return head if head[:2].isupper() else head[:1].lower() + head[1:]

    @property
    def is_survey(self) -> bool:
        """A sample-survey estimate: with intervals (``ci``) or without (``survey: true``).

        Changes of a survey estimate are tested when it has intervals and are "not tested"
        otherwise (:func:`lis_analytics.indicators.classify_change`); other indicators
        (administrative, census, national accounts) have no sampling error.
        """
        return self.ci or self.survey

    @property
    def datasets(self) -> tuple[str, ...]:
        """Registry ids the indicator reads (weights included; a difference: its parts')."""
        out: list[str] = list(self.part_datasets)
        for term in (self.value, self.numerator, self.denominator, self.weight):
            for ds in (term.datasets if term else ()):
                if ds not in out:
                    out.append(ds)
        return tuple(out)

    @property
    def rule(self) -> str:
        """The aggregation rule in words."""
        if self.published_first:
            return ("published figure for the area where ONS publishes one, else weighted "
                    "mean of district figures")
        return {
            "sum": "sum over districts",
            "ratio_of_sums": "ratio of sums over districts",
            "population_weighted": "weighted mean of district figures",
            "published_only": "published figure for the area only (not aggregated)",
            "difference": f"difference: {' minus '.join(self.of)}",
        }[self.aggregation]


@dataclass(frozen=True)
class Framework:
    """The list of indicators with the baseline and trend settings."""

    indicators: tuple[Indicator, ...]
    themes: tuple[dict, ...] = ()
    baseline_year: int = 2019
    trend_years: int = 5
    headline_min_coverage: float = 0.5
    """Share of the default areas (every LEP, CA and custom area) that must have a baseline
    and a later value of a ``headline`` indicator for it to stay in the headline set."""

    def get(self, indicator_id: str) -> Indicator:
        """The indicator with this id (``KeyError`` naming close ids otherwise)."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(f"unknown indicator {indicator_id!r}; known: "
                       f"{', '.join(i.id for i in self.indicators)}")

    def by_theme(self, theme: str) -> list[Indicator]:
        """Indicators of one theme, in framework order."""
        return [i for i in self.indicators if i.theme == theme]

    @property
    def datasets(self) -> tuple[str, ...]:
        """Every registry id the framework reads."""
        out: list[str] = []
        for ind in self.indicators:
            out += [d for d in ind.datasets if d not in out]
        return tuple(out)


def parse_framework(spec: Mapping) -> Framework:
    """Validate a framework mapping (the YAML document) and build a :class:`Framework`.

    Raises
    ------
    ValueError
        Naming the indicator and what is wrong (unknown rule or direction, missing terms,
        a difference of unknown indicators, a median aggregated by a summing rule...).

    Examples
    --------
    >>> fw = parse_framework({"indicators": [{
    ...     "id": "x", "title": "X", "theme": "People", "unit": "%", "direction": "neutral",
    ...     "aggregation": "sum", "value": {"dataset": "d", "measures": ["m"]}}]})
    >>> fw.get("x").rule
    'sum over districts'
    """
    out = []
    ids = set()
    for raw in spec.get("indicators", []):
        iid = str(raw.get("id", ""))
        ctx = f"indicator {iid or raw!r}"
        missing = [k for k in ("id", "title", "theme", "unit", "direction", "aggregation")
                   if not raw.get(k)]
        if missing:
            raise ValueError(f"{ctx}: missing {missing}")
        if iid in ids:
            raise ValueError(f"{ctx}: id used twice")
        ids.add(iid)
        if raw["aggregation"] not in AGGREGATIONS:
            raise ValueError(f"{ctx}: aggregation {raw['aggregation']!r} is not one of "
                             f"{AGGREGATIONS}")
        if raw["direction"] not in DIRECTIONS:
            raise ValueError(f"{ctx}: direction {raw['direction']!r} is not one of {DIRECTIONS}")
        if raw["theme"] not in THEMES:
            raise ValueError(f"{ctx}: theme {raw['theme']!r} is not one of {THEMES}")
        terms = {k: Term.from_spec(raw[k], f"{ctx}, {k}") for k in
                 ("value", "numerator", "denominator", "weight") if raw.get(k)}
        agg = raw["aggregation"]
        need = {"sum": ("value",), "ratio_of_sums": ("numerator", "denominator"),
                "population_weighted": ("value", "weight"), "published_only": ("value",),
                "difference": ()}[agg]
        lacking = [k for k in need if k not in terms]
        if lacking:
            raise ValueError(f"{ctx}: aggregation {agg} needs {lacking}")
        if agg == "population_weighted" and not terms["weight"].datasets and \
                terms["weight"].measures[0] not in POPULATION_WEIGHTS:
            raise ValueError(f"{ctx}: built-in weights are {POPULATION_WEIGHTS}")
        if agg in ("sum", "ratio_of_sums", "population_weighted"):
            for k, term in terms.items():
                if any("median" in m for m in term.measures):
                    raise ValueError(f"{ctx}: {k} uses a median ({term.measures}); medians "
                                     "never aggregate: use aggregation published_only")
        if agg == "difference" and len(raw.get("of", ())) != 2:
            raise ValueError(f"{ctx}: a difference needs 'of: [a, b]'")
        if raw.get("published_first") and agg != "population_weighted":
            raise ValueError(f"{ctx}: published_first is for population_weighted indicators")
        out.append(Indicator(
            id=iid, title=str(raw["title"]), theme=str(raw["theme"]), unit=str(raw["unit"]),
            direction=str(raw["direction"]), aggregation=agg,
            decimals=int(raw.get("decimals", 1)), note=" ".join(str(raw.get("note", "")).split()),
            scale=float(raw.get("scale", 1)), ci=bool(raw.get("ci", False)),
            survey=bool(raw.get("survey", False)),
            headline=bool(raw.get("headline", False)), fallback=str(raw.get("fallback", "")),
            of=tuple(raw.get("of", ())), short=str(raw.get("short", "")),
            basis=str(raw.get("basis", "")), published_first=bool(raw.get("published_first")),
            **terms))
    by_id = {i.id: i for i in out}
    for n, ind in enumerate(out):
        unknown = [o for o in ind.of if o not in ids]
        if unknown:
            raise ValueError(f"indicator {ind.id}: difference of unknown indicator(s) {unknown}")
        if ind.of:
            a, b = (by_id[o] for o in ind.of)
            if (a.unit, a.basis) != (b.unit, b.basis):
                raise ValueError(
                    f"indicator {ind.id}: a difference needs parts on the same unit and basis; "
                    f"{a.id} is {a.unit!r} on {a.basis or 'no stated basis'!r}, {b.id} is "
                    f"{b.unit!r} on {b.basis or 'no stated basis'!r}")
            parts = tuple(dict.fromkeys(d for o in ind.of for d in by_id[o].datasets))
            out[n] = replace(ind, part_datasets=parts)
    return Framework(tuple(out), tuple(spec.get("themes", ())),
                     int(spec.get("baseline_year", 2019)), int(spec.get("trend_years", 5)),
                     float(spec.get("headline_min_coverage", 0.5)))


@cache
def _default_framework() -> Framework:
    text = resources.files("lis_analytics.config").joinpath("indicators.yaml").read_text("utf-8")
    return parse_framework(yaml.safe_load(text))


def load_framework(path: str | Path | None = None) -> Framework:
    """The indicator framework: the packaged ``config/indicators.yaml`` or your own file.

    Examples
    --------
    >>> fw = load_framework()
    >>> fw.get("employment_rate").aggregation, fw.get("employment_rate").published_first
    ('population_weighted', True)
    >>> sorted({i.theme for i in fw.indicators}) == sorted(THEMES)
    True
    """
    if path is None:
        return _default_framework()
    return parse_framework(yaml.safe_load(Path(path).read_text("utf-8")))

