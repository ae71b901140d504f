"""Indicators for areas: the framework, aggregation from districts, benchmarks and significance.

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
    one indicator minus another in the same period.

Everything here is a pure function of tidy tables (:class:`Inputs`): the report's shared step
loads the tables once and computes every indicator for every area
(:func:`compute_all`), and the chapters read the result.

Survey estimates (APS, ASHE medians via ELS, healthy life expectancy, well-being) carry 95%
confidence intervals. Aggregated intervals assume independent district samples: the
variance of a sum is the sum of the variances, with standard errors from the published
half-widths (``se = half-width / 1.96``); this reproduces Nomis's published LEP intervals
to within a few per cent. For APS rates the denominator (population aged 16-64, to which
the survey is weighted) is treated as known. A district count Nomis flags unreliable (``*``,
sample of 3-9, no interval) is given a half-width equal to the estimate; an area with any
district lacking an interval for another reason gets no interval.

Whether a change or a difference is significant is decided by :func:`significant_difference`:
by default **only when the two 95% intervals do not overlap**. That is conservative (two
intervals can overlap a little while a z-test on the difference is significant), which suits
APS year-on-year comparisons whose samples partly overlap (positive covariance the published
intervals do not show). ``method="z"`` gives the two-sided z-test at 5% on
``(a - b) / sqrt(se_a^2 + se_b^2)`` instead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from lis_analytics.geography import Area

Z95 = 1.959963984540054
"""Two-sided 95% normal quantile."""

AGGREGATIONS = ("sum", "ratio_of_sums", "population_weighted", "published_only", "difference")
DIRECTIONS = ("higher_is_better", "lower_is_better", "neutral")
LEVELS = ("lad", "published", "blocks_itl3")
THEMES = ("People", "Ideas", "Infrastructure", "Business Environment", "Places",
          "Inclusive growth", "Grand Challenges")
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
_PUBLISHED_ORDER = ("CA", "LEP", "MCTY", "CTY", "ITL1", "ITL2", "ITL3", "RGN", "CTRY", "INLN",
                    "LAD")


# ============================================================== the framework


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
        return cls(datasets, measures, spec.get("times"), spec.get("divide_by"), level,
                   bool(spec.get("nearest", False)), str(period) if period is not None else None)


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
    headline: bool = False
    fallback: str = ""
    of: tuple[str, ...] = ()
    part_datasets: tuple[str, ...] = ()
    short: str = ""

    @property
    def name(self) -> str:
        """Short name for sentences (``short`` in the YAML, else the title before a comma)."""
        if self.short:
            return self.short
        head = self.title.split(",")[0]
        return head if head[:2].isupper() else head[:1].lower() + head[1:]

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
        out.append(Indicator(
            id=iid, title=str(raw["title"]), theme=str(raw["theme"]), unit=str(raw["unit"]),
            direction=str(raw["direction"]), aggregation=agg,
            decimals=int(raw.get("decimals", 1)), note=" ".join(str(raw.get("note", "")).split()),
            scale=float(raw.get("scale", 1)), ci=bool(raw.get("ci", False)),
            headline=bool(raw.get("headline", False)), fallback=str(raw.get("fallback", "")),
            of=tuple(raw.get("of", ())), short=str(raw.get("short", "")), **terms))
    by_id = {i.id: i for i in out}
    for n, ind in enumerate(out):
        unknown = [o for o in ind.of if o not in ids]
        if unknown:
            raise ValueError(f"indicator {ind.id}: difference of unknown indicator(s) {unknown}")
        if ind.of:
            parts = tuple(dict.fromkeys(d for o in ind.of for d in by_id[o].datasets))
            out[n] = replace(ind, part_datasets=parts)
    return Framework(tuple(out), tuple(spec.get("themes", ())),
                     int(spec.get("baseline_year", 2019)), int(spec.get("trend_years", 5)))


@cache
def _default_framework() -> Framework:
    text = resources.files("lis_analytics.config").joinpath("indicators.yaml").read_text("utf-8")
    return parse_framework(yaml.safe_load(text))


def load_framework(path: str | Path | None = None) -> Framework:
    """The indicator framework: the packaged ``config/indicators.yaml`` or your own file.

    Examples
    --------
    >>> fw = load_framework()
    >>> fw.get("employment_rate").aggregation
    'ratio_of_sums'
    >>> sorted({i.theme for i in fw.indicators}) == sorted(THEMES)
    True
    """
    if path is None:
        return _default_framework()
    return parse_framework(yaml.safe_load(Path(path).read_text("utf-8")))


# ============================================================== inputs


@dataclass
class Geo:
    """Geography an indicator computation needs, as plain mappings (no I/O).

    Parameters
    ----------
    lad_codes
        The LAD 2023 building blocks (columns of the area x district matrix).
    bridge
        Any LAD code (any vintage) -> its LAD 2023 code.
    atoms
        LAD 2023 code -> the finest district codes it is made of (LAD 2021 predecessors),
        so that a published geography built on older districts is matched exactly.
    published_sets
        Code of a published non-district geography (CA, LEP, county, metropolitan county,
        ITL region, region, England) -> its set of atoms.
    names
        Code -> name, for reasons in words.
    """

    lad_codes: tuple[str, ...]
    bridge: Mapping[str, str]
    atoms: Mapping[str, frozenset] = field(default_factory=dict)
    published_sets: Mapping[str, frozenset] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def atoms_of(self, lads: Iterable[str]) -> frozenset:
        """Atoms of a set of LAD 2023 codes."""
        out: set[str] = set()
        for lad in lads:
            out |= self.atoms.get(lad, frozenset({lad}))
        return frozenset(out)

    def code_atoms(self, code: str) -> frozenset | None:
        """Atoms of a published code: a district of any vintage or a published geography."""
        if code in self.published_sets:
            return self.published_sets[code]
        lad23 = self.bridge.get(code)
        if lad23 is None:
            return None
        atoms = self.atoms.get(lad23, frozenset({lad23}))
        if code == lad23 or len(atoms) == 1:
            return atoms
        return frozenset({code}) if code in atoms else atoms


@dataclass
class Inputs:
    """Tidy tables (registry id -> table), geography and population weights."""

    tables: Mapping[str, pd.DataFrame]
    geo: Geo
    weights: pd.DataFrame | None = None  # long: code, year, measure, value

    def table(self, datasets: Sequence[str]) -> pd.DataFrame:
        """One table, or several concatenated with the first winning on duplicates."""
        frames = []
        for ds in datasets:
            if ds not in self.tables:
                raise KeyError(f"table {ds!r} was not loaded (known: {sorted(self.tables)})")
            frames.append(self.tables[ds])
        if len(frames) == 1:
            return frames[0]
        both = pd.concat(frames, ignore_index=True)
        return both.drop_duplicates(["area_code", "period", "measure"], keep="first")


def population_weights(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Long population weights ``code, year, measure, value`` from tidy population tables.

    Tables earlier in the list win where two give the same code, year and measure; adds
    ``population_16plus`` (= population - population_0_15). Only district rows are used.

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": ["A", "A"], "geography": ["LAD", "LAD"],
    ...                   "period": ["2022", "2022"], "measure": ["population", "population_0_15"],
    ...                   "value": [100.0, 20.0]})
    >>> w = population_weights([t])
    >>> w.loc[w.measure == "population_16plus", "value"].item()
    80.0
    """
    frames = []
    for t in tables:
        sub = t[(t["geography"] == "LAD") & t["measure"].isin(POPULATION_WEIGHTS)
                & t["period"].str.fullmatch(r"\d{4}")]
        frames.append(sub[["area_code", "period", "measure", "value"]])
    long = pd.concat(frames, ignore_index=True).dropna(subset=["value"])
    long = long.drop_duplicates(["area_code", "period", "measure"], keep="first")
    wide = long.pivot(index=["area_code", "period"], columns="measure", values="value")
    if {"population", "population_0_15"} <= set(wide.columns):
        wide["population_16plus"] = wide["population"] - wide["population_0_15"]
    out = wide.stack().rename("value").reset_index()
    out = out.rename(columns={"area_code": "code", "period": "year"})
    out["year"] = out["year"].astype(int)
    return out[["code", "year", "measure", "value"]]


# ============================================================== helpers


def period_year(period: str) -> int:
    """Start year of a tidy period (``"2021-2022"`` -> 2021)."""
    return int(str(period)[:4])


def _nearest(target: str, available: Sequence[str]) -> str | None:
    """The available period whose start year is nearest ``target`` (earlier on ties)."""
    if not available:
        return None
    ty = period_year(target)
    return min(available, key=lambda p: (abs(period_year(p) - ty), period_year(p) - ty > 0))


def _sort_periods(periods: Iterable[str]) -> list[str]:
    return sorted(set(periods), key=lambda p: (period_year(p), p))


def _membership(areas: Sequence[Area], lad_codes: Sequence[str]) -> np.ndarray:
    pos = {c: i for i, c in enumerate(lad_codes)}
    m = np.zeros((len(areas), len(lad_codes)))
    for i, a in enumerate(areas):
        for lad in a.lad_codes:
            if lad in pos:
                m[i, pos[lad]] = 1.0
    return m


def _lad_rows(table: pd.DataFrame, measures: Sequence[str]) -> pd.DataFrame:
    rows = table[(table["geography"] == "LAD") & table["measure"].isin(measures)]
    return rows


def _bridge_to_lad23(values: pd.DataFrame, geo: Geo, cols: Sequence[str]) -> pd.DataFrame:
    """Sum source-district columns onto LAD 2023 codes; a LAD 2023 with any missing part is NaN.

    ``values`` has ``code, period`` and the columns to sum.
    """
    lad23 = values["code"].map(geo.bridge)
    values = values.assign(lad23=lad23)[lad23.notna()]
    keys = [values["lad23"], values["period"]]
    out = values[list(cols)].groupby(keys).sum(min_count=1)
    gaps = values[list(cols)].isna().groupby(keys).any()
    return out.mask(gaps)


def _term_panel(term: Term, inputs: Inputs, with_var: bool = False) -> tuple[pd.DataFrame,
                                                                              pd.DataFrame | None]:
    """District panel of a LAD-level term: LAD 2023 x period (values, and variances)."""
    table = inputs.table(term.datasets)
    extra = [m for m in (term.times, term.divide_by) if m]
    rows = _lad_rows(table, list(term.measures) + extra)
    wide = rows.pivot(index=["area_code", "period"], columns="measure", values="value")
    for m in list(term.measures) + extra:
        if m not in wide.columns:
            raise KeyError(f"measure {m!r} not in {term.datasets}")
    x = wide[list(term.measures)].sum(axis=1, min_count=len(term.measures))
    x = x.where(wide[list(term.measures)].notna().all(axis=1))
    if term.times:
        x = x * wide[term.times]
    if term.divide_by:
        x = x / wide[term.divide_by]
    frame = pd.DataFrame({"x": x})
    if with_var:
        hw = rows["uci_95"] - rows["value"]
        # an estimate flagged unreliable (*: sample of 3-9) has no interval: give it a 95%
        # half-width equal to the estimate itself (conservative; the relative standard error
        # of so small a sample is about 35-60%)
        unreliable = hw.isna() & rows["value"].notna() & (rows["flag"] == "*")
        hw = hw.mask(unreliable, rows["value"])
        hw = rows.assign(hw=hw).pivot(index=["area_code", "period"], columns="measure",
                                      values="hw")
        var = ((hw[list(term.measures)] / Z95) ** 2).sum(axis=1, min_count=len(term.measures))
        frame["var"] = var
    frame = frame.reset_index().rename(columns={"area_code": "code"})
    cols = ["x", "var"] if with_var else ["x"]
    lad = _bridge_to_lad23(frame, inputs.geo, cols)
    values = lad["x"].unstack("period").reindex(list(inputs.geo.lad_codes))
    variances = lad["var"].unstack("period").reindex(list(inputs.geo.lad_codes)) if with_var \
        else None
    return values, variances


def _weight_lookup(weights: pd.DataFrame, measure: str) -> dict[str, tuple[np.ndarray,
                                                                       np.ndarray]]:
    """Map code -> (years, values) of one population weight, years with a value only."""
    sub = weights[(weights["measure"] == measure) & weights["value"].notna()]
    out = {}
    for code, grp in sub.groupby("code"):
        out[code] = (grp["year"].to_numpy(dtype=int), grp["value"].to_numpy(dtype=float))
    return out


def _weighted_panel(ind: Indicator, inputs: Inputs) -> tuple[pd.DataFrame, pd.DataFrame,
                                                              pd.DataFrame | None]:
    """Panels of sum(value x weight), sum(weight) (and sum(weight^2 se^2)) on LAD 2023."""
    value_term, weight_term = ind.value, ind.weight
    table = inputs.table(value_term.datasets)
    measure = value_term.measures[0]
    rows = _lad_rows(table, [measure])[["area_code", "period", "value", "uci_95"]]
    rows = rows.rename(columns={"area_code": "code"})
    if weight_term.datasets:
        wtable = inputs.table(weight_term.datasets)
        wrows = _lad_rows(wtable, [weight_term.measures[0]])
        w = wrows.set_index(["area_code", "period"])["value"]
        rows = rows.assign(w=[w.get((c, p), np.nan) for c, p in
                              zip(rows["code"], rows["period"], strict=True)])
    else:
        if inputs.weights is None:
            raise ValueError(f"{ind.id}: population weights were not loaded")
        lookup = _weight_lookup(inputs.weights, weight_term.measures[0])
        fixed = int(weight_term.period) if weight_term.period else None

        geo = inputs.geo

        def weight_of(code: str, period: str) -> float:
            if code not in lookup:  # a recoded district (same area, new code) uses its twin
                twin = geo.bridge.get(code)
                if twin not in lookup or geo.code_atoms(code) != geo.atoms_of([twin]):
                    return np.nan
                code = twin
            years, values = lookup[code]
            y = fixed if fixed is not None else period_year(period)
            return float(values[np.argmin(np.abs(years - y) + 0.1 * (years > y))])

        rows = rows.assign(w=[weight_of(c, p) for c, p in
                              zip(rows["code"], rows["period"], strict=True)])
    se = (rows["uci_95"] - rows["value"]) / Z95
    frame = pd.DataFrame({"code": rows["code"], "period": rows["period"],
                          "xw": rows["value"] * rows["w"], "w": rows["w"].where(
                              rows["value"].notna()),
                          "var": (rows["w"] * se) ** 2})
    lad = _bridge_to_lad23(frame, inputs.geo, ["xw", "w", "var"])
    order = list(inputs.geo.lad_codes)
    xw = lad["xw"].unstack("period").reindex(order)
    w = lad["w"].unstack("period").reindex(order)
    var = lad["var"].unstack("period").reindex(order) if ind.ci else None
    return xw, w, var


# ============================================================== published figures


def _published_index(table: pd.DataFrame, measure: str, geo: Geo
                     ) -> dict[str, dict[frozenset, list[tuple]]]:
    """Map period -> atoms -> [(geography rank, code, value, lci, uci, flag)] for one measure."""
    rows = table[table["measure"] == measure]
    index: dict[str, dict[frozenset, list[tuple]]] = {}
    order = {g: i for i, g in enumerate(_PUBLISHED_ORDER)}
    lad_parts: dict[tuple[str, frozenset], int] = {}
    for r in rows.itertuples(index=False):
        atoms = geo.code_atoms(r.area_code)
        if atoms is None:
            continue
        if r.geography == "LAD":
            lad_parts[(r.period, atoms)] = lad_parts.get((r.period, atoms), 0) + 1
        index.setdefault(r.period, {}).setdefault(atoms, []).append(
            (order.get(r.geography, 99), r.area_code, r.value, getattr(r, "lci_95", np.nan),
             getattr(r, "uci_95", np.nan), r.flag, r.geography,
             getattr(r, "period_label", r.period)))
    # several old districts sharing one LAD 2023 do not each stand for it
    for (period, atoms), n in lad_parts.items():
        if n > 1:
            index[period][atoms] = [e for e in index[period][atoms] if e[6] != "LAD"]
    for per in index.values():
        for atoms in per:
            per[atoms].sort(key=lambda e: e[0])
    return index


def _published_for(index: Mapping[frozenset, list[tuple]], atoms: frozenset, own_code: str
                   ) -> tuple | None:
    entries = index.get(atoms)
    if not entries:
        return None
    own = [e for e in entries if e[1] == own_code]
    return (own or entries)[0]


def _itl3_blocks(index: Mapping[frozenset, list[tuple]], atoms: frozenset
                 ) -> tuple[float, list[str]] | None:
    """Sum of the ITL3 regions that exactly make up ``atoms`` (None if they do not)."""
    inside = [(a, e) for a, entries in index.items() for e in entries
              if e[6] == "ITL3" and a <= atoms]
    if not inside:
        return None
    union = frozenset().union(*[a for a, _ in inside])
    if union != atoms or any(pd.isna(e[2]) for _, e in inside):
        return None
    return float(sum(e[2] for _, e in inside)), sorted(e[1] for _, e in inside)


# ============================================================== computing


def _fmt_lads(codes: Sequence[str], names: Mapping[str, str], limit: int = 6) -> str:
    shown = [names.get(c, c) for c in codes[:limit]]
    more = f" and {len(codes) - limit} more" if len(codes) > limit else ""
    return ", ".join(shown) + more


def _lad_term_result(ind: Indicator, areas: Sequence[Area], inputs: Inputs) -> pd.DataFrame:
    """Vectorised sum / ratio_of_sums / population_weighted over every area and period."""
    geo = inputs.geo
    m = _membership(areas, geo.lad_codes)
    var = None
    if ind.aggregation == "sum":
        num, var = _term_panel(ind.value, inputs, with_var=ind.ci)
        den = None
    elif ind.aggregation == "ratio_of_sums":
        num, var = _term_panel(ind.numerator, inputs, with_var=ind.ci)
        den_all, _ = _term_panel(ind.denominator, inputs)
        cols = {}
        for p in num.columns:
            if ind.denominator.period:
                q = ind.denominator.period if ind.denominator.period in den_all.columns else None
            elif p in den_all.columns:
                q = p
            else:
                q = _nearest(p, list(den_all.columns)) if ind.denominator.nearest else None
            cols[p] = den_all[q] if q is not None else pd.Series(np.nan, index=den_all.index)
        den = pd.DataFrame(cols).reindex(index=num.index)
    else:  # population_weighted
        num, den, var = _weighted_panel(ind, inputs)
    periods = _sort_periods(num.columns)
    num = num[periods]
    ok = num.notna() if den is None else (num.notna() & den[periods].notna())
    okv = ok.to_numpy()
    n_ok = m @ okv
    n_lads = m.sum(axis=1)[:, None]
    nsum = m @ np.where(okv, num.to_numpy(), 0.0)
    if den is not None:
        dsum = m @ np.where(okv, den[periods].to_numpy(), 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = ind.scale * nsum / dsum
        value[(n_ok == 0) | (dsum == 0)] = np.nan
    else:
        value = ind.scale * nsum
        value[n_ok == 0] = np.nan
        dsum = None
    half = np.full_like(value, np.nan)
    if var is not None:
        varv = var[periods].to_numpy()
        vsum = m @ np.where(okv, np.nan_to_num(varv), 0.0)
        no_ci = (m @ (okv & np.isnan(varv))) > 0  # a district without an interval
        with np.errstate(divide="ignore", invalid="ignore"):
            if ind.aggregation == "population_weighted":
                se = np.sqrt(vsum) / dsum
            else:
                se = np.sqrt(vsum) * (ind.scale / dsum if dsum is not None else ind.scale)
        half = np.where(np.isnan(value) | no_ci, np.nan, Z95 * se)
    fallback = _published_fallback(ind, areas, inputs) if ind.aggregation == "ratio_of_sums" \
        else {}
    missing_mask = (~okv).astype(float)
    rows = []
    lad_index = np.array(geo.lad_codes)
    labels = _period_labels(ind, inputs)
    for i, area in enumerate(areas):
        member = m[i] > 0
        for j, p in enumerate(periods):
            v = value[i, j]
            lo = v - half[i, j] if not np.isnan(half[i, j]) else np.nan
            hi = v + half[i, j] if not np.isnan(half[i, j]) else np.nan
            n_miss = int(n_lads[i, 0] - n_ok[i, j])
            method = ind.rule
            if (np.isnan(v) or n_miss) and (area.code, p) in fallback:
                v, lo, hi, code = fallback[(area.code, p)]
                status, reason, miss, n_miss = "ok", "", "", 0
                method = (f"published figures for {geo.names.get(code, code)} ({code}): the "
                          "district figures are incomplete")
            elif np.isnan(v):
                status, reason = "missing", (
                    f"no district data for {p}" if n_lads[i, 0] else "the area has no districts")
                miss = ""
            elif n_miss:
                codes = list(lad_index[member & (missing_mask[:, j] > 0)])
                status = "incomplete"
                reason = (f"excludes {n_miss} of {int(n_lads[i, 0])} districts without data "
                          f"({_fmt_lads(codes, geo.names)})")
                miss = ";".join(codes)
            else:
                status, reason, miss = "ok", "", ""
            rows.append((ind.id, area.code, p, labels.get(p, p), v, lo, hi, status, reason,
                         method, int(n_lads[i, 0]), n_miss, miss))
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def _published_counts(term: Term, inputs: Inputs, areas: Sequence[Area]
                      ) -> dict[tuple[str, str], tuple[float, float, str]]:
    """Published non-district rows of a count term: (area, period) -> (value, var, code)."""
    if term.times or term.divide_by or term.level != "lad":
        return {}
    table = inputs.table(term.datasets)
    table = table[table["geography"] != "LAD"]
    if table.empty:
        return {}
    geo = inputs.geo
    indexes = [_published_index(table, m, geo) for m in term.measures]
    out = {}
    for area in areas:
        if area.type == "LAD":
            continue
        atoms = geo.atoms_of(area.lad_codes)
        for period in indexes[0]:
            hits = [_published_for(ix.get(period, {}), atoms, area.code) for ix in indexes]
            if any(h is None or pd.isna(h[2]) for h in hits) or len({h[1] for h in hits}) != 1:
                continue
            value = float(sum(h[2] for h in hits))
            var = float(sum(((h[4] - h[2]) / Z95) ** 2 for h in hits))
            out[(area.code, period)] = (value, var, hits[0][1])
    return out


def _published_fallback(ind: Indicator, areas: Sequence[Area], inputs: Inputs
                        ) -> dict[tuple[str, str], tuple[float, float, float, str]]:
    """Ratio from published area rows (e.g. Nomis LEP rows) where districts are incomplete."""
    num = _published_counts(ind.numerator, inputs, areas)
    if not num:
        return {}
    den = _published_counts(ind.denominator, inputs, areas)
    out = {}
    for key, (n, nvar, code) in num.items():
        if key not in den or den[key][2] != code or not den[key][0]:
            continue
        d = den[key][0]
        v = ind.scale * n / d
        half = Z95 * math.sqrt(nvar) * ind.scale / d if ind.ci and not math.isnan(nvar) \
            else np.nan
        out[key] = (v, v - half, v + half, code)
    return out


def _period_labels(ind: Indicator, inputs: Inputs) -> dict[str, str]:
    term = ind.value or ind.numerator
    if term is None:
        return {}
    table = inputs.table(term.datasets)
    if "period_label" not in table.columns:
        return {}
    sub = table[table["measure"] == term.measures[0]]
    return dict(zip(sub["period"], sub["period_label"], strict=True))


def _published_term(term: Term, inputs: Inputs, areas: Sequence[Area]
                    ) -> dict[str, dict[str, tuple]]:
    """Map area -> period -> (value, lci, uci, method, label) for a published / ITL3-block term."""
    table = inputs.table(term.datasets)
    geo = inputs.geo
    out: dict[str, dict[str, tuple]] = {}
    index = _published_index(table, term.measures[0], geo)
    for area in areas:
        atoms = geo.atoms_of(area.lad_codes)
        res: dict[str, tuple] = {}
        for period, per in index.items():
            hit = _published_for(per, atoms, area.code)
            if hit is not None and not pd.isna(hit[2]):
                what = {"LAD": "district", "CA": "combined authority", "LEP": "LEP",
                        "CTY": "county", "MCTY": "metropolitan county", "RGN": "region",
                        "CTRY": "country"}.get(hit[6], hit[6])
                alias = ""
                if hit[1] != area.code and hit[6] != "LAD":
                    alias = (f"published for {geo.names[hit[1]]} ({what} {hit[1]}), same "
                             "districts" if hit[1] in geo.names else
                             f"published for the {what} {hit[1]}, which has the same districts")
                res[period] = (float(hit[2]), hit[3], hit[4],
                               f"published figure for the {what} {hit[1]}", hit[7], alias)
            elif hit is not None:
                res[period] = (np.nan, np.nan, np.nan,
                               f"published figure suppressed ({hit[5]}) for {hit[1]}", hit[7], "")
            elif term.level == "blocks_itl3":
                blocks = _itl3_blocks(per, atoms)
                if blocks is not None:
                    shown = ", ".join(blocks[1][:4]) + ("..." if len(blocks[1]) > 4 else "")
                    res[period] = (blocks[0], np.nan, np.nan,
                                   f"sum of {len(blocks[1])} ITL3 regions ({shown})", period, "")
        out[area.code] = res
    return out


def _published_result(ind: Indicator, areas: Sequence[Area], inputs: Inputs) -> pd.DataFrame:
    """published_only indicators, and ratios whose numerator is published."""
    term = ind.value if ind.aggregation == "published_only" else ind.numerator
    found = _published_term(term, inputs, areas)
    den = None
    if ind.aggregation == "ratio_of_sums":
        den_panel, _ = _term_panel(ind.denominator, inputs)
        m = _membership(areas, inputs.geo.lad_codes)
        okd = den_panel.notna().to_numpy()
        den_sums = pd.DataFrame(m @ np.where(okd, den_panel.to_numpy(), 0.0),
                                index=[a.code for a in areas], columns=den_panel.columns)
        den_complete = pd.DataFrame((m @ (~okd)) == 0, index=den_sums.index,
                                    columns=den_panel.columns)
        den = (den_sums, den_complete)
    rows = []
    kind = {"published_only": "a published figure only (it does not aggregate)",
            "ratio_of_sums": "published for a few geographies only"}[ind.aggregation]
    for area in areas:
        res = found.get(area.code, {})
        n = len(area.lad_codes)
        if not res:
            rows.append((ind.id, area.code, "", "", np.nan, np.nan, np.nan, "missing",
                         f"{kind}: no figure is published for exactly this area's districts",
                         ind.rule, n, n, ""))
            continue
        for period, (v, lci, uci, method, label, alias) in sorted(res.items()):
            status, reason = ("ok", alias) if not np.isnan(v) else ("missing", method)
            if den is not None and not np.isnan(v):
                cols = list(den[0].columns)
                q = period if period in cols else (
                    _nearest(period, cols) if ind.denominator.nearest else None)
                d = den[0].at[area.code, q] if q is not None else np.nan
                if q is None or not d or not den[1].at[area.code, q]:
                    status, reason, v = "missing", "no complete denominator", np.nan
                else:
                    v = ind.scale * v / d
                    lci = uci = np.nan
            rows.append((ind.id, area.code, period, label, v, lci, uci, status, reason,
                         method, n, 0 if status == "ok" else n, ""))
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def compute_indicator(ind: Indicator, areas: Sequence[Area], inputs: Inputs) -> pd.DataFrame:
    """Compute one indicator for every area and period, following its aggregation rule.

    Parameters
    ----------
    ind
        The indicator (from :func:`load_framework`).
    areas
        Areas (sets of LAD 2023 codes).
    inputs
        Tables, geography and weights (:class:`Inputs`).

    Returns
    -------
    DataFrame
        :data:`RESULT_COLUMNS`: one row per area and period with a value or a missing status
        and the reason; ``complete`` is ``status == "ok"``. Differences and the region
        fallback are applied by :func:`compute_all`.

    Examples
    --------
    >>> geo = Geo(("A", "B"), {"A": "A", "B": "B"})
    >>> t = pd.DataFrame({"area_code": ["A", "B", "A", "B"], "geography": ["LAD"] * 4,
    ...     "period": ["2022"] * 4, "measure": ["emp", "emp", "pop", "pop"],
    ...     "value": [10.0, 90.0, 100.0, 900.0], "uci_95": [np.nan] * 4})
    >>> ind = parse_framework({"indicators": [{"id": "rate", "title": "Rate", "theme": "People",
    ...     "unit": "%", "direction": "higher_is_better", "aggregation": "ratio_of_sums",
    ...     "numerator": {"dataset": "t", "measures": ["emp"]},
    ...     "denominator": {"dataset": "t", "measures": ["pop"]}, "scale": 100}]}).get("rate")
    >>> r = compute_indicator(ind, [Area("X", "X", "CUSTOM", ("A", "B"))], Inputs({"t": t}, geo))
    >>> float(r["value"].iloc[0]), r["status"].iloc[0]
    (10.0, 'ok')
    """
    if ind.aggregation == "difference":
        raise ValueError(f"{ind.id}: differences are computed by compute_all")
    published = ind.aggregation == "published_only" or (
        ind.numerator is not None and ind.numerator.level != "lad")
    if published:
        return _published_result(ind, areas, inputs)
    return _lad_term_result(ind, areas, inputs)


def _difference(ind: Indicator, results: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    a, b = (results[i] for i in ind.of)
    keys = ["area_code", "period"]
    both = a[a["status"] != "missing"].merge(b[b["status"] != "missing"], on=keys,
                                             suffixes=("_a", "_b"))
    se_a = (both["uci_95_a"] - both["lci_95_a"]) / (2 * Z95)
    se_b = (both["uci_95_b"] - both["lci_95_b"]) / (2 * Z95)
    half = Z95 * np.sqrt(se_a.fillna(0) ** 2 + se_b.fillna(0) ** 2)
    half = half.where(se_a.notna() & se_b.notna())
    value = both["value_a"] - both["value_b"]
    out = pd.DataFrame({
        "indicator_id": ind.id, "area_code": both["area_code"], "period": both["period"],
        "period_label": both["period_label_a"], "value": value, "lci_95": value - half,
        "uci_95": value + half, "status": "ok",
        "reason": [_join_notes(x, y) for x, y in zip(both["reason_a"].fillna(""),
                                                    both["reason_b"].fillna(""), strict=True)],
        "method": ind.rule,
        "n_lads": both["n_lads_a"], "n_missing": 0, "missing_lads": ""})
    return out[list(RESULT_COLUMNS)]


def _join_notes(*notes: str) -> str:
    out: list[str] = []
    for n in notes:
        if n and n not in out:
            out.append(n)
    return "; ".join(out)


def _keep_informative(frame: pd.DataFrame) -> pd.DataFrame:
    """Per area: every period with a value; an area with none keeps one row with the reason."""
    has = frame["value"].notna()
    with_value = frame[has]
    covered = set(with_value["area_code"])
    rest = frame[~has & ~frame["area_code"].isin(covered)]
    rest = rest.assign(_y=rest["period"].map(lambda p: period_year(p) if p else 0))
    rest = rest.sort_values(["area_code", "_y"]).groupby("area_code").tail(1).drop(columns="_y")
    return pd.concat([with_value, rest], ignore_index=True)


def compute_all(framework: Framework, areas: Sequence[Area], inputs: Inputs,
                region_areas: Mapping[str, Area] | None = None) -> pd.DataFrame:
    """Every indicator of the framework for every area (the shared step's table).

    Differences are taken after their parts; an indicator with ``fallback: region`` gives an
    area with no figure of its own its region's figure (status ``regional``), computed from
    ``region_areas`` (region code -> Area). An area never lacks a row: when no period has a
    value, one row says why.
    """
    results: dict[str, pd.DataFrame] = {}
    region_areas = dict(region_areas or {})
    for ind in framework.indicators:
        if ind.aggregation == "difference":
            continue
        res = compute_indicator(ind, areas, inputs)
        if ind.fallback == "region" and region_areas:
            res = _region_fallback(ind, res, areas, region_areas, inputs)
        results[ind.id] = res
    for ind in framework.indicators:
        if ind.aggregation == "difference":
            diff = _difference(ind, results)
            missing = [a.code for a in areas if a.code not in set(diff["area_code"])]
            if missing:
                gap = pd.DataFrame({
                    "indicator_id": ind.id, "area_code": missing, "period": "",
                    "period_label": "", "value": np.nan, "lci_95": np.nan, "uci_95": np.nan,
                    "status": "missing",
                    "reason": ("not available: needs both "
                               + " and ".join(framework.get(i).name for i in ind.of)
                               + " for the same year, and at least one is not published for "
                                 "exactly this area's districts"),
                    "method": ind.rule, "n_lads": [len(a.lad_codes) for a in areas
                                                   if a.code in missing],
                    "n_missing": 0, "missing_lads": ""})
                diff = pd.concat([diff, gap], ignore_index=True)
            results[ind.id] = diff
    out = pd.concat([_keep_informative(results[i.id]) for i in framework.indicators],
                    ignore_index=True)
    return out


def _region_fallback(ind: Indicator, res: pd.DataFrame, areas: Sequence[Area],
                     region_areas: Mapping[str, Area], inputs: Inputs) -> pd.DataFrame:
    has_value = set(res.loc[res["value"].notna(), "area_code"])
    needs = [a for a in areas if a.code not in has_value and a.type not in ("RGN", "CTRY")
             and a.region_code in region_areas]
    if not needs:
        return res
    regions = {a.region_code for a in needs}
    reg_res = compute_indicator(ind, [region_areas[r] for r in sorted(regions)], inputs)
    reg_res = reg_res[reg_res["value"].notna()]
    frames = [res[~res["area_code"].isin([a.code for a in needs])]]
    for a in needs:
        sub = reg_res[reg_res["area_code"] == a.region_code].copy()
        if sub.empty:
            frames.append(res[res["area_code"] == a.code])
            continue
        whole = set(a.lad_codes) <= set(region_areas[a.region_code].lad_codes)
        name = region_areas[a.region_code].name
        sub["area_code"] = a.code
        sub["status"] = "regional"
        sub["reason"] = (f"published for regions only: the figure is for {name}"
                         + ("" if whole else f" (the region of most of {a.name}'s districts)"))
        sub["method"] = f"regional figure ({a.region_code})"
        frames.append(sub)
    return pd.concat(frames, ignore_index=True)


# ============================================================== ranks


def rank_values(values: pd.Series, direction: str) -> pd.Series:
    """Rank 1 = best (highest for ``higher_is_better`` and ``neutral``, lowest otherwise).

    Examples
    --------
    >>> rank_values(pd.Series({"a": 3.0, "b": 1.0, "c": 2.0}), "lower_is_better").to_dict()
    {'a': 3, 'b': 1, 'c': 2}
    """
    ascending = direction == "lower_is_better"
    return values.rank(ascending=ascending, method="min").astype("Int64")


def add_ranks(results: pd.DataFrame, framework: Framework, areas: Sequence[Area],
              pools: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Add ``rank`` and ``n_ranked``: rank among areas of the same kind, same period.

    ``pools`` maps an area type to the type it is ranked among (default: each type among
    itself, custom areas among LEPs, to which they are closest in scale). Regional
    fallback figures, incomplete aggregates (some districts without data) and missing values
    are not ranked.
    """
    pools = {"CUSTOM": "LEP", **(pools or {})}
    kind = {a.code: a.type for a in areas}
    res = results.assign(_type=results["area_code"].map(kind))
    res["rank"] = pd.array([pd.NA] * len(res), dtype="Int64")
    res["n_ranked"] = pd.array([pd.NA] * len(res), dtype="Int64")
    rankable = res["value"].notna() & ~res["status"].isin(["regional", "incomplete"])
    directions = {i.id: i.direction for i in framework.indicators}
    for (iid, period, typ), grp in res[rankable].groupby(["indicator_id", "period", "_type"]):
        pool_type = pools.get(typ, typ)
        if pool_type == typ:
            r = rank_values(grp.set_index("area_code")["value"], directions[iid])
            res.loc[grp.index, "rank"] = r.to_numpy()
            res.loc[grp.index, "n_ranked"] = len(grp)
        else:
            peers = res[rankable & (res["indicator_id"] == iid) & (res["period"] == period)
                        & (res["_type"] == pool_type)]
            for idx, row in grp.iterrows():
                vals = pd.concat([peers.set_index("area_code")["value"],
                                  pd.Series({row["area_code"]: row["value"]})])
                r = rank_values(vals, directions[iid])
                res.at[idx, "rank"] = int(r[row["area_code"]])
                res.at[idx, "n_ranked"] = len(vals)
    return res.drop(columns="_type")


# ============================================================== significance


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


# ============================================================== views for chapters


_INDEX_CACHE: list[tuple[pd.DataFrame, dict]] = []


def _index(results: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Rows as records grouped by (area, indicator), sorted by period; cached per frame object.

    A chapter looks up hundreds of single values: plain records are much faster than
    filtering the frame each time.
    """
    for frame, idx in _INDEX_CACHE:
        if frame is results:
            return idx
    records = _records(results)
    records.sort(key=lambda r: (period_year(r["period"]) if r["period"] else 0,
                                str(r["period"])))
    idx: dict[tuple[str, str], list[dict]] = {}
    for rec in records:
        idx.setdefault((rec["area_code"], rec["indicator_id"]), []).append(rec)
    _INDEX_CACHE.append((results, idx))
    del _INDEX_CACHE[:-4]  # keep a few frames: a chapter works on one or two
    return idx


def _records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, converting column by column (5x faster on Arrow strings).

    Examples
    --------
    >>> f = pd.DataFrame({"a": ["x", None], "n": pd.array([1, None], dtype="Int64")})
    >>> _records(f) == f.to_dict("records")
    True
    """
    columns = list(frame.columns)
    values = []
    for col in columns:
        series = frame[col]
        items = series.tolist()
        if (isinstance(series.dtype, pd.api.extensions.ExtensionDtype)
                and not pd.api.types.is_string_dtype(series.dtype)):
            items = [None if v is pd.NA else v for v in items]  # as to_dict gives them
        values.append(items)
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _has_value(rec: Mapping) -> bool:
    v = rec.get("value")
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def area_rows(results: pd.DataFrame, area_code: str, indicator_id: str | None = None
              ) -> pd.DataFrame:
    """An area's rows (optionally one indicator), sorted by period."""
    if indicator_id is not None:
        recs = _index(results).get((area_code, indicator_id))
        if not recs:
            return results.iloc[0:0]
        return pd.DataFrame.from_records(recs, columns=list(results.columns))
    sub = results[results["area_code"] == area_code]
    return sub.assign(_y=sub["period"].map(lambda p: period_year(p) if p else 0)).sort_values(
        ["indicator_id", "_y", "period"]).drop(columns="_y")


def latest_row(results: pd.DataFrame, area_code: str, indicator_id: str) -> pd.Series:
    """The latest row with a value (or the row saying why there is none)."""
    recs = _index(results).get((area_code, indicator_id))
    if not recs:
        return pd.Series({c: np.nan for c in RESULT_COLUMNS} | {
            "indicator_id": indicator_id, "area_code": area_code, "status": "missing",
            "reason": "not computed for this area", "period": ""})
    with_value = [r for r in recs if _has_value(r)]
    return pd.Series((with_value or recs)[-1])


def value_at(results: pd.DataFrame, area_code: str, indicator_id: str, period: str
             ) -> pd.Series | None:
    """The row of an area for one period, or ``None``."""
    for rec in _index(results).get((area_code, indicator_id), ()):
        if rec["period"] == period and _has_value(rec):
            return pd.Series(rec)
    return None


def format_value(value: float, ind: Indicator) -> str:
    """A value in words with its unit (``"74.3%"``, ``"£612 per week"``, ``"7.2 ratio"``).

    Examples
    --------
    >>> fw = load_framework()
    >>> format_value(74.26, fw.get("employment_rate")), format_value(612.4, fw.get("pay_residence"))
    ('74.3%', '£612 per week')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "[x]"
    text = f"{_number(value, ind.decimals):,.{ind.decimals}f}"
    unit = ind.unit
    if unit.startswith("%"):
        return f"{text}{unit}"
    if unit.startswith("£"):
        rest = unit[1:].strip()
        return f"£{text} {rest}".strip()
    if unit.startswith("score "):
        unit = unit[len("score "):]
    return f"{text} {unit}"


def _number(value: float, decimals: int) -> float:
    """Round, turning -0.0 into 0.0."""
    return round(float(value), decimals) + 0.0


def format_change(change: float, ind: Indicator) -> str:
    """A signed change in words: ``+£3.60 per hour``, ``-1.2 percentage points``.

    Examples
    --------
    >>> fw = load_framework()
    >>> format_change(3.6, fw.get("gva_per_hour")), format_change(-1.23, fw.get("employment_rate"))
    ('+£3.60 per hour', '-1.2 percentage points')
    """
    if change is None or pd.isna(change):
        return "[x]"
    d = ind.decimals
    v = _number(change, d)
    sign = "+" if v > 0 else "-" if v < 0 else ""
    unit = ind.unit
    if unit.startswith("%"):
        return f"{sign}{abs(v):,.{d}f} percentage points"
    if unit.startswith("£"):
        dec = 2 if unit.strip().endswith("per hour") else d
        return f"{sign}£{abs(round(float(change), dec)):,.{dec}f} {unit[1:].strip()}".strip()
    return sign + format_value(abs(v), ind)


def format_range(low: float, high: float, ind: Indicator) -> str:
    """A range with the unit once: ``2.8% to 5.3%``, ``£540 to £610 per week``.

    Examples
    --------
    >>> fw = load_framework()
    >>> format_range(540, 610, fw.get("pay_residence"))
    '£540 to £610 per week'
    """
    if pd.isna(low) or pd.isna(high):
        return "[x]"
    d = ind.decimals
    unit = ind.unit
    if unit.startswith("%"):
        return f"{low:,.{d}f}% to {high:,.{d}f}%"
    if unit.startswith("£"):
        return f"£{low:,.{d}f} to {format_value(high, ind)}"
    return f"{low:,.{d}f} to {format_value(high, ind)}"


def _tolerance(ind: Indicator) -> float:
    return 0.5 * 10 ** (-ind.decimals)


def compare_periods(results: pd.DataFrame, area_code: str, ind: Indicator, base_period: str,
                    latest_period: str, method: str = "overlap") -> dict:
    """Change between two periods of an area, with significance and direction in words."""
    a = value_at(results, area_code, ind.id, latest_period)
    b = value_at(results, area_code, ind.id, base_period)
    if a is None or b is None:
        return {"change": np.nan, "significance": "not available", "assessment": "not available"}
    sig = significant_difference(a["value"], a["lci_95"], a["uci_95"], b["value"], b["lci_95"],
                                 b["uci_95"], method=method) if ind.ci else None
    change = float(a["value"] - b["value"])
    return {"change": change, "significance": sig.label if sig else "no interval (not a survey)",
            "assessment": classify_change(change, ind.direction, sig, _tolerance(ind))}


def periods_with_values(results: pd.DataFrame, area_code: str, indicator_id: str) -> list[str]:
    """Periods in which an area has a value, oldest first."""
    sub = area_rows(results, area_code, indicator_id)
    return list(sub.loc[sub["value"].notna(), "period"])


def baseline_period(periods: Sequence[str], baseline_year: int, latest: str) -> str | None:
    """The period closest to ``baseline_year`` that is earlier than ``latest``.

    Examples
    --------
    >>> baseline_period(["2017", "2018", "2019", "2020", "2021"], 2019, "2021")
    '2019'
    >>> baseline_period(["2022", "2023"], 2019, "2023")
    '2022'
    >>> baseline_period(["2024"], 2019, "2024") is None
    True
    """
    earlier = [p for p in periods if period_year(p) < period_year(latest)]
    if not earlier:
        return None
    return min(earlier, key=lambda p: (abs(period_year(p) - baseline_year), -period_year(p)))


def scorecard(results: pd.DataFrame, framework: Framework, area: Area,
              benchmarks: Mapping[str, str], comparator_codes: Sequence[str],
              themes: Sequence[str] | None = None) -> pd.DataFrame:
    """The scorecard: latest value, benchmarks, comparator range, rank and trend per indicator.

    Parameters
    ----------
    results
        :func:`compute_all` output with ranks (:func:`add_ranks`).
    benchmarks
        Label -> area code (e.g. ``{"England": "E92000001", "North West": "E12000002"}``).
        Benchmarks and comparators are taken in the area's own latest period.
    comparator_codes
        The comparator areas (same for every chapter: see
        :func:`lis_analytics.comparators.comparators_for`).

    Returns
    -------
    DataFrame
        One row per indicator: theme, indicator, period, value, unit, status/reason,
        benchmark columns, comparator min / median / max and the area's position among
        them, rank among areas of the same kind, trend and the source dataset ids.
    """
    themes = list(themes or THEMES)
    rows = []
    for ind in [i for t in themes for i in framework.by_theme(t)]:
        own = area_rows(results, area.code, ind.id)
        row = latest_row(results, area.code, ind.id)
        period = row["period"]
        notes = [row.get("reason") or ""]
        if not period or pd.isna(row["value"]):
            eng_latest = latest_row(results, "E92000001", ind.id)
            period = eng_latest["period"] or ""
            row = pd.Series({**row.to_dict(), "period": period,
                             "period_label": eng_latest.get("period_label") or period})
        rec = {"theme": ind.theme, "indicator_id": ind.id, "indicator": ind.title,
               "name": ind.name, "period": row.get("period_label") or period,
               "value": row["value"],
               "unit": ind.unit, "status": row["status"], "note": "",
               "direction": ind.direction}
        for label, code in benchmarks.items():
            b = value_at(results, code, ind.id, period) if period else None
            rec[label] = b["value"] if b is not None else np.nan
            if b is None:
                other = latest_row(results, code, ind.id)
                why = ("no figure for this period" if _has_value(other.to_dict())
                       else "not published" if ind.aggregation in (
                           "published_only",) or (ind.numerator is not None
                                                  and ind.numerator.level != "lad")
                       else "no figure")
                notes.append(f"{label}: {why}")
        comp_vals = {}
        for code in comparator_codes:
            c = value_at(results, code, ind.id, period) if period else None
            if c is not None and c["status"] != "regional":
                comp_vals[code] = c["value"]
        vals = pd.Series(comp_vals, dtype=float)
        if comparator_codes and not len(vals) and period:
            notes.append("comparators: none has a figure for this period")
        rec["comparator_min"] = vals.min() if len(vals) else np.nan
        rec["comparator_median"] = vals.median() if len(vals) else np.nan
        rec["comparator_max"] = vals.max() if len(vals) else np.nan
        rec["n_comparators"] = len(vals)
        if len(vals) and not pd.isna(row["value"]) and row["status"] != "regional":
            r = rank_values(pd.concat([vals, pd.Series({area.code: row["value"]})]),
                            ind.direction)
            rec["position_among_comparators"] = f"{int(r[area.code])} of {len(vals) + 1}"
        else:
            rec["position_among_comparators"] = ""
        rank, n = row.get("rank", pd.NA), row.get("n_ranked", pd.NA)
        rec["rank"] = f"{int(rank)} of {int(n)}" if not pd.isna(rank) and not pd.isna(n) else ""
        if not rec["rank"] and row["status"] == "incomplete":
            notes.append("not ranked: the figure leaves out districts without data")
        elif not rec["rank"] and row["status"] == "regional":
            notes.append("not ranked: regional figure")
        # trend: latest against the period closest to trend_years earlier
        pers = list(own.loc[own["value"].notna(), "period"])
        trend, since = "", ""
        if period and len(pers) > 1 and row["status"] != "regional":
            base = baseline_period(pers, period_year(period) - framework.trend_years, period)
            if base:
                cmp = compare_periods(results, area.code, ind, base, period)
                trend, since = cmp["assessment"], base
        rec["trend"] = f"{trend} since {since}" if trend and trend != "not available" else ""
        if not rec["trend"] and not pd.isna(row["value"]) and row["status"] != "regional":
            notes.append("trend: only one period published" if len(pers) <= 1
                         else "trend: no earlier comparable period")
        rec["note"] = _join_notes(*notes)
        rec["datasets"] = ", ".join(ind.datasets)
        rows.append(rec)
    out = pd.DataFrame(rows)
    out.attrs["area_code"] = area.code
    return out


def baseline_table(results: pd.DataFrame, framework: Framework, area: Area,
                   england_code: str = "E92000001", indicators: Sequence[str] | None = None,
                   method: str = "overlap") -> pd.DataFrame:
    """The monitoring baseline: baseline and latest values, change and its direction.

    The baseline period of each indicator is the one closest to the framework's
    ``baseline_year`` (earlier than the latest). Survey indicators are tested with
    :func:`significant_difference`; England's change over the same periods is shown for
    context. Money values in current prices (units starting ``£``) are not judged on their
    cash change, which mostly reflects inflation: their direction is judged **against
    England's change** over the same periods (the area's % change minus England's, more than
    0.5 percentage points either way); ``basis`` says which test was used.
    """
    ids = list(indicators or [i.id for i in framework.indicators if i.headline])
    rows = []
    for iid in ids:
        ind = framework.get(iid)
        own = area_rows(results, area.code, iid)
        pers = list(own.loc[own["value"].notna(), "period"])
        latest = latest_row(results, area.code, iid)
        rec = {"theme": ind.theme, "indicator_id": iid, "indicator": ind.title,
               "unit": ind.unit, "direction": ind.direction.replace("_", " "),
               "baseline_period": "", "baseline_value": np.nan,
               "latest_period": latest.get("period_label") or latest["period"],
               "latest_value": latest["value"], "change": np.nan,
               "significance": "", "assessment": "", "england_change": np.nan,
               "england_change_pct": np.nan,
               "status": latest["status"], "note": latest.get("reason") or "",
               "basis": "", "datasets": ", ".join(ind.datasets)}
        if pers and latest["status"] != "regional":
            base = baseline_period(pers, framework.baseline_year, latest["period"])
            if base is None:
                rec["assessment"] = "single period: baseline only"
                rec["note"] = _join_notes(rec["note"], "only one period published so far: "
                                          "the latest figure is the baseline")
                rec["baseline_period"] = rec["latest_period"]
                rec["baseline_value"] = latest["value"]
            else:
                b = value_at(results, area.code, iid, base)
                cmp = compare_periods(results, area.code, ind, base, latest["period"], method)
                rec.update(baseline_period=b["period_label"] or base, baseline_value=b["value"],
                           change=cmp["change"], significance=cmp["significance"],
                           assessment=cmp["assessment"])
                e = compare_periods(results, england_code, ind, base, latest["period"], method)
                rec["england_change"] = e["change"]
                eb = value_at(results, england_code, iid, base)
                rec["england_change_pct"] = (100 * e["change"] / abs(eb["value"])
                                             if eb is not None and eb["value"] else np.nan)
                notes = [rec["note"]]
                if abs(period_year(base) - framework.baseline_year) > 1:
                    notes.append(f"baseline {rec['baseline_period']}: the published figure "
                                 f"closest to {framework.baseline_year} for this area")
                if ind.unit.startswith("£") and ind.direction != "neutral":
                    own_pct = 100 * cmp["change"] / abs(b["value"]) if b["value"] else np.nan
                    rel = own_pct - rec["england_change_pct"]
                    if pd.isna(rel):
                        rec["assessment"] = "not assessed (no England change)"
                    elif abs(rel) <= 0.5:
                        rec["assessment"] = "no change"
                    else:
                        up = rel > 0 if ind.direction == "higher_is_better" else rel < 0
                        rec["assessment"] = "improving" if up else "worsening"
                    rec["basis"] = "against England's change (current prices)"
                    notes.append(f"cash change {own_pct:+.1f}% against England "
                                 f"{rec['england_change_pct']:+.1f}%")
                else:
                    rec["basis"] = ("change, significant only if 95% intervals do not overlap"
                                    if ind.ci else "change")
                rec["note"] = _join_notes(*notes)
        elif not pers:
            rec["assessment"] = "not available"
        else:
            rec["assessment"] = "regional figure only"
        rows.append(rec)
    return pd.DataFrame(rows)


# ============================================================== chapter helpers


def source_words(indicator: Indicator) -> str:
    """The indicator's sources in words (registry ``source_in_words``), without weights."""
    from lis_analytics.data.registry import get_dataset

    ids = list(indicator.part_datasets)
    for term in (indicator.value, indicator.numerator):
        ids += [d for d in (term.datasets if term else ()) if d not in ids]
    names = []
    for ds in ids:
        text = get_dataset(ds).source_in_words or get_dataset(ds).title
        if text not in names:
            names.append(text)
    return "; ".join(names)


def source_line(framework: Framework, indicator_ids: Iterable[str]) -> str:
    """One chart/table source line for several indicators."""
    names: list[str] = []
    for iid in indicator_ids:
        for part in source_words(framework.get(iid)).split("; "):
            if part not in names:
                names.append(part)
    return "Source: " + "; ".join(names)


def benchmarks_for(area: Area, region: Area | None) -> dict[str, str]:
    """Benchmark label -> code: England, and the area's region when it is a different area.

    A region sharing the area's name is labelled ``"<name> region"``.
    """
    out = {"England": "E92000001"}
    if region is not None and region.code != area.code and \
            set(region.lad_codes) != set(area.lad_codes):
        out[f"{region.name} region" if region.name == area.name else region.name] = region.code
    return out


def comparison_table(results: pd.DataFrame, framework: Framework, area: Area,
                     indicator_ids: Sequence[str], benchmarks: Mapping[str, str],
                     comparator_codes: Sequence[str], method: str = "overlap",
                     periods: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Latest value of each indicator with benchmarks, comparator median and a significance test.

    The England comparison of a survey indicator says whether the difference is
    significant (:func:`significant_difference`); others say "higher" or "lower".
    ``periods`` (indicator -> period) fixes the period of some indicators (e.g. workplace
    and residence pay in the same year). When the area has no figure, England, the region
    and the comparators are shown for England's latest period; the ``Note`` column says why
    a figure is missing or where it comes from.
    """
    rows = []
    periods = dict(periods or {})
    for iid in indicator_ids:
        ind = framework.get(iid)
        own = latest_row(results, area.code, iid)
        if iid in periods:
            fixed = value_at(results, area.code, iid, periods[iid])
            own = fixed if fixed is not None else pd.Series(
                {**own.to_dict(), "period": periods[iid], "period_label": periods[iid],
                 "value": np.nan, "reason": own.get("reason") or "no figure for this year"})
        period = own["period"]
        if not period or pd.isna(own["value"]):
            eng_latest = latest_row(results, "E92000001", iid)
            period = periods.get(iid) or eng_latest["period"] or ""
            eng_at = value_at(results, "E92000001", iid, period) if period else None
            label = eng_at.get("period_label") if eng_at is not None else None
            own = pd.Series({**own.to_dict(), "period": period, "period_label": label or period})
        rec = {"Indicator": ind.title, "Period": own.get("period_label") or period,
               area.name: own["value"]}
        eng = None
        for label, code in benchmarks.items():
            b = value_at(results, code, iid, period) if period else None
            rec[label] = b["value"] if b is not None else np.nan
            if code == "E92000001":
                eng = b
        comp = [value_at(results, c, iid, period) for c in comparator_codes] if period else []
        comp_vals = [c["value"] for c in comp if c is not None and c["status"] != "regional"]
        rec["Comparator median"] = float(np.median(comp_vals)) if comp_vals else np.nan
        if eng is not None and not pd.isna(own["value"]) and own["status"] != "regional":
            diff = own["value"] - eng["value"]
            word = "higher" if diff > 0 else "lower"
            if ind.ci:
                sig = significant_difference(own["value"], own["lci_95"], own["uci_95"],
                                             eng["value"], eng["lci_95"], eng["uci_95"], method)
                if sig.significant is False:
                    word = "no significant difference"
                elif sig.significant:
                    word = f"significantly {word}"
            if diff == 0 or _number(diff, ind.decimals) == 0:
                word = "the same"
            rec["Compared with England"] = word
        elif own["status"] == "regional":
            rec["Compared with England"] = "not compared (regional figure)"
        else:
            rec["Compared with England"] = "not available"
        notes = [own.get("reason") or ""]
        if eng is None:
            notes.append("England: no published figure for this period")
        rec["Note"] = _join_notes(*notes) or "none"
        rec["Unit"] = "per cent" if ind.unit == "%" else ind.unit
        rec["Source"] = source_words(ind)
        rows.append(rec)
    return pd.DataFrame(rows)


def _better(ind: Indicator, a: float, b: float) -> bool | None:
    if ind.direction == "neutral" or pd.isna(a) or pd.isna(b) or a == b:
        return None
    return a > b if ind.direction == "higher_is_better" else a < b


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value_in_sentence(value: float, ind: Indicator) -> str:
    """The value with its unit, without repeating a ``per ...`` already in the name."""
    text = format_value(value, ind)
    at = ind.unit.find("per ")
    if at >= 0 and ind.unit[at:] in ind.name and text.endswith(ind.unit[at:]):
        text = text[: -len(ind.unit[at:])].strip()
    return text


def _verb(ind: Indicator) -> str:
    head = ind.name.split(" per ")[0].split(" of ")[0].split()[-1]
    return "were" if head.endswith("s") and not head.endswith(("ss", "us", "is")) else "was"


def describe_against(results: pd.DataFrame, framework: Framework, area: Area, iid: str,
                     benchmark_code: str = "E92000001", benchmark_label: str = "England",
                     method: str = "overlap") -> str:
    """One sentence: the area's latest value against a benchmark, with significance for surveys.

    For example "Employment rate in Greater Manchester was 72.4% in 2022, significantly below
    England (75.8%)." Survey differences are tested with :func:`significant_difference`.
    """
    ind = framework.get(iid)
    own = latest_row(results, area.code, iid)
    if pd.isna(own["value"]):
        return (f"{_cap(ind.name)}: not available for {area.name} "
                f"({own.get('reason') or 'no data'}).")
    text = (f"{_cap(ind.name)} in {area.name} {_verb(ind)} "
            f"{_value_in_sentence(own['value'], ind)} in "
            f"{own.get('period_label') or own['period']}")
    if own["status"] == "regional":
        return text + f" ({own['reason']})."
    b = value_at(results, benchmark_code, iid, own["period"])
    if b is None:
        return text + "."
    diff = own["value"] - b["value"]
    where = "above" if diff > 0 else "below"
    if abs(diff) <= _tolerance(ind):
        return text + f", the same as {benchmark_label}."
    qualifier = ""
    if ind.ci:
        sig = significant_difference(own["value"], own["lci_95"], own["uci_95"], b["value"],
                                     b["lci_95"], b["uci_95"], method)
        if sig.significant is False:
            return text + (f", {where} {benchmark_label} ({_value_in_sentence(b['value'], ind)}) "
                           "but not significantly so.")
        qualifier = "significantly " if sig.significant else ""
    return text + (f", {qualifier}{where} {benchmark_label} "
                   f"({_value_in_sentence(b['value'], ind)}).")


def people_findings(results: pd.DataFrame, framework: Framework, area: Area,
                    benchmarks: Mapping[str, str], comparator_codes: Sequence[str]) -> list[str]:
    """Key findings of the people and inclusive-growth chapter, generated from the data."""
    out = [describe_against(results, framework, area, "employment_rate"),
           describe_against(results, framework, area, "inactivity_rate")]
    res_pay = latest_row(results, area.code, "pay_residence")
    gap = latest_row(results, area.code, "pay_gap_workplace_residence")
    if not pd.isna(gap["value"]):
        out.append(pay_gap_sentence(results, framework, area, gap["period"]))
    elif not pd.isna(res_pay["value"]):
        out.append(describe_against(results, framework, area, "pay_residence"))
    else:
        out.append(f"Median pay is published only for districts, counties and combined "
                   f"authorities, not for {area.name} as a whole; the chapter shows its "
                   "districts.")
    out.append(describe_against(results, framework, area, "nvq4plus_share"))
    gdhi = latest_row(results, area.code, "gdhi_per_head")
    eng = value_at(results, "E92000001", "gdhi_per_head", gdhi["period"]) if gdhi["period"] \
        else None
    if eng is not None and not pd.isna(gdhi["value"]):
        idx = 100 * gdhi["value"] / eng["value"]
        out.append(f"Disposable household income per head was "
                   f"{_value_in_sentence(gdhi['value'], framework.get('gdhi_per_head'))} in "
                   f"{gdhi['period']}, {abs(idx - 100):.0f}% "
                   f"{'above' if idx >= 100 else 'below'} the England average.")
    out.append(describe_against(results, framework, area, "child_poverty"))
    return [s for s in out if s]


def pay_gap_sentence(results: pd.DataFrame, framework: Framework, area: Area, period: str,
                     subject: str | None = None) -> str:
    """Workplace against residence median pay for the SAME year, worded from the sign.

    Both medians are all employee jobs (full- and part-time); a gap that rounds to
    zero is called "about the same".
    """
    subject = subject or area.name
    w = value_at(results, area.code, "pay_workplace", period)
    r = value_at(results, area.code, "pay_residence", period)
    if w is None or r is None:
        return ""
    spec = framework.get("pay_residence")
    when = r.get("period_label") or period
    gap = _number(w["value"] - r["value"], 0)
    figures = (f"jobs {format_value(w['value'], spec)}, residents "
               f"{format_value(r['value'], spec)}")
    if gap == 0:
        return (f"Jobs in {subject} paid about the same as its residents earned in {when} "
                f"(median weekly pay, all employees: {figures}).")
    more = "more" if gap > 0 else "less"
    why = ("in-commuters take a share of the better-paid jobs." if gap > 0
           else "residents earn more by working elsewhere.")
    return (f"Jobs in {subject} paid £{abs(gap):,.0f} a week {more} than its residents earned "
            f"in {when} (median weekly pay, all employees: {figures}): {why}")


def scorecard_findings(card: pd.DataFrame, area: Area, benchmark: str = "England") -> list[str]:
    """Findings of the foundations scorecard: how many indicators beat England, best and worst."""
    judged = card[(card["direction"] != "neutral") & card["value"].notna()
                  & card[benchmark].notna() & (card["status"] != "regional")]
    better = [r for r in judged.itertuples() if (r.value > getattr(r, benchmark)) ==
              (r.direction == "higher_is_better") and r.value != getattr(r, benchmark)]
    out = [f"{area.name} does better than {benchmark} on {len(better)} of the {len(judged)} "
           "indicators that have a direction and an England figure."]
    by_theme = []
    for theme, grp in judged.groupby("theme", sort=False):
        n_better = sum(1 for r in grp.itertuples() if r.Index in {b.Index for b in better})
        by_theme.append(f"{theme} {n_better} of {len(grp)}")
    if by_theme:
        out.append("By foundation: " + "; ".join(by_theme) + ".")
    ranked = card[card["rank"] != ""].copy()
    if len(ranked):
        ranked["_r"] = ranked["rank"].str.split(" of ").map(lambda p: int(p[0]) / int(p[1]))
        ranked = ranked[ranked["direction"] != "neutral"]
        if len(ranked):
            best = ranked.sort_values("_r").iloc[0]
            worst = ranked.sort_values("_r").iloc[-1]
            out.append(f"Its best position among comparable areas is on {best['name']} (ranked "
                       f"{best['rank']}); its weakest on {worst['name']} (ranked "
                       f"{worst['rank']}).")
    improving = card["trend"].str.startswith("improving").sum()
    worsening = card["trend"].str.startswith("worsening").sum()
    out.append(f"Over about five years, {improving} indicators improved and {worsening} worsened "
               "(survey changes count only when significant).")
    return out


def baseline_findings(table: pd.DataFrame, area: Area, framework: Framework | None = None
                      ) -> list[str]:
    """Findings of the monitoring baseline."""
    counts = table["assessment"].value_counts()
    n_up, n_down = counts.get("improving", 0), counts.get("worsening", 0)
    n_same = counts.get("no significant change", 0) + counts.get("no change", 0)
    n_other = len(table) - n_up - n_down - n_same
    out = [f"The baseline tracks {len(table)} headline indicators for {area.name}: {n_up} "
           f"improving, {n_down} worsening, {n_same} with no (significant) change since the "
           f"baseline and {n_other} without a comparable earlier figure."]
    for r in table.itertuples():
        if r.assessment in ("improving", "worsening") and not pd.isna(r.change):
            spec = framework.get(r.indicator_id) if framework else None
            if spec is not None:
                change = format_change(r.change, spec)
                eng = (f"; England {format_change(r.england_change, spec)}"
                       if not pd.isna(r.england_change) else "")
            else:
                unit = "percentage points" if str(r.unit).startswith("%") else str(r.unit)
                change = f"{r.change:+,.1f} {unit}"
                eng = (f"; England {r.england_change:+,.1f}" if not pd.isna(r.england_change)
                       else "")
            basis = (", judged against England's change" if str(getattr(r, "basis", ""))
                     .startswith("against") else "")
            out.append(f"{r.indicator}: {r.assessment}{basis} ({r.baseline_period} to "
                       f"{r.latest_period}, {change}{eng}).")
    return out[:6]


def up_to(results: pd.DataFrame, latest_year: str | int | None) -> pd.DataFrame:
    """Rows whose period starts no later than ``latest_year`` (all rows when it is empty).

    Rows that only carry a reason (no period) are kept.
    """
    if latest_year in (None, ""):
        return results
    y = int(latest_year)
    keep = results["period"].map(lambda p: not p or period_year(p) <= y)
    return results[keep]


def series_table(results: pd.DataFrame, indicator_id: str, codes: Mapping[str, str]
                 ) -> pd.DataFrame:
    """Period x label table of one indicator for several areas (label -> area code)."""
    sub = results[(results["indicator_id"] == indicator_id)
                  & results["area_code"].isin(list(codes.values())) & results["value"].notna()]
    wide = sub.pivot_table(index="period", columns="area_code", values="value", aggfunc="first")
    wide = wide.reindex(columns=[c for c in codes.values() if c in wide.columns])
    wide.columns = [next(lbl for lbl, c in codes.items() if c == code) for code in wide.columns]
    return wide.loc[_sort_periods(wide.index)] if len(wide) else wide


def district_table(results: pd.DataFrame, area: Area, indicator_ids: Sequence[str],
                   names: Mapping[str, str], period: str | None = None) -> pd.DataFrame:
    """Each district of the area with the indicators' values (latest or given period)."""
    rows = []
    for lad in area.lad_codes:
        rec = {"LAD code": lad, "District": names.get(lad, lad)}
        for iid in indicator_ids:
            row = value_at(results, lad, iid, period) if period else None
            if row is None and not period:
                row = latest_row(results, lad, iid)
            rec[iid] = row["value"] if row is not None else np.nan
        rows.append(rec)
    return pd.DataFrame(rows)


def pool_label(area: Area) -> str:
    """What an area is ranked among, in words (``"38 LEPs"`` style plural noun)."""
    return {"LEP": "LEPs", "CA": "combined authorities", "LAD": "local authority districts",
            "RGN": "regions", "CUSTOM": "LEPs (and this area)", "CTRY": "countries"}.get(
        area.type, "areas of the same kind")


def format_scorecard(card: pd.DataFrame, framework: Framework, benchmark_labels: Sequence[str]
                     ) -> pd.DataFrame:
    """The scorecard with values as text in each indicator's unit, for display and the pack."""
    rows = []
    for r in card.to_dict("records"):
        spec = framework.get(r["indicator_id"])

        def fmt(v: float, spec: Indicator = spec) -> str:
            return format_value(v, spec) if not pd.isna(v) else "[x]"

        rng = (format_range(r["comparator_min"], r["comparator_max"], spec)
               if r["n_comparators"] else "[x]")
        rec = {"Indicator": r["indicator"], "Period": r["period"] or "[x]",
               "Value": fmt(r["value"]) if r["status"] != "missing" else "[x]"}
        for label in benchmark_labels:
            rec[label] = fmt(r[label])
        rec.update({"Comparator range": rng,
                    "Position among comparators": r["position_among_comparators"] or "[x]",
                    "Rank (1 = best)": r["rank"] or "[x]", "Trend": r["trend"] or "[x]",
                    "Note": r["note"] or ("higher is better" if r["direction"] ==
                                          "higher_is_better" else "lower is better"
                                          if r["direction"] == "lower_is_better" else
                                          "no better or worse direction")})
        rows.append(rec)
    return pd.DataFrame(rows)


def dot_plot_frame(card: pd.DataFrame, results: pd.DataFrame, framework: Framework,
                   comparator_codes: Sequence[str], benchmark: str = "England") -> pd.DataFrame:
    """Rows for the scorecard dot plot: area and comparators as an index of the benchmark.

    ``index = 100 x value / benchmark``, inverted (``100 x benchmark / value``) for
    lower-is-better indicators so that right is always better; neutral indicators are left
    out. Regional figures are left out.
    """
    rows = []
    for r in card.to_dict("records"):
        spec = framework.get(r["indicator_id"])
        b = r[benchmark]
        if spec.direction == "neutral" or pd.isna(r["value"]) or pd.isna(b) or not b \
                or r["status"] == "regional":
            continue

        def idx(v: float, b: float = b, spec: Indicator = spec) -> float:
            if pd.isna(v) or v == 0:
                return np.nan
            return 100 * (v / b if spec.direction == "higher_is_better" else b / v)

        period = latest_row(results, card.attrs.get("area_code", ""), spec.id)["period"] \
            if card.attrs.get("area_code") else None
        comp = []
        for code in comparator_codes:
            c = value_at(results, code, spec.id, period) if period else None
            if c is not None and c["status"] != "regional":
                comp.append(idx(c["value"]))
        rows.append({"theme": spec.theme, "indicator_id": spec.id, "indicator": spec.title,
                     "area_index": idx(r["value"]), "comparator_indices": comp,
                     "direction": spec.direction})
    return pd.DataFrame(rows)


def table_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """A table safe for the accessible workbook: no empty or symbol-only text cells.

    Empty text becomes ``[x]`` (not available) and a unit of ``%`` alone becomes
    ``per cent`` (gptables refuses cells made only of symbols).

    Examples
    --------
    >>> t = table_ready(pd.DataFrame({"unit": ["%", "£ per head"], "note": ["", "ok"]}))
    >>> t.to_dict("list")
    {'unit': ['per cent', '£ per head'], 'note': ['[x]', 'ok']}
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("string", "str")):
            text = out[col].astype(object)
            text = text.where(~text.isin(["", None]), "[x]")
            text = text.map(lambda v: "per cent" if v == "%" else v)
            out[col] = text
    return out


def for_areas(results: pd.DataFrame, codes: Iterable[str]) -> pd.DataFrame:
    """Only the rows of the given areas (makes a chapter's many look-ups fast)."""
    wanted = set(codes)
    return results[results["area_code"].isin(wanted)].reset_index(drop=True)
