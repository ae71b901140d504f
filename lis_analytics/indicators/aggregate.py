"""Indicators for areas: district figures aggregated by each indicator's rule.

:func:`compute_indicator` turns the tidy district tables (:class:`Inputs`) into area figures
for every area and period at once, following the indicator's rule (see
:mod:`lis_analytics.indicators.framework`); :func:`compute_all` does every indicator of the
framework, takes differences after their parts and applies the region fallback.

The sums are taken for **every area at once** as a product of an area x district
membership matrix with the district x period panel (:func:`membership`). It is the rule of
:func:`lis_analytics.geography.ratio_of_sums_table` (districts lacking either value leave
both sums and are reported), but :func:`~lis_analytics.geography.ratio_of_sums_table` works
on one area's districts at a time: here several thousand areas (every LEP, CA, region,
custom area and district) are summed in one product, together with the variances of survey
estimates, which is what keeps the all-area table quick to build.

Survey estimates carry 95% confidence intervals. Aggregated intervals assume independent
district samples: the variance of a sum is the sum of the variances, with standard errors
from the published half-widths (``se = half-width / 1.96``); this reproduces Nomis's
published LEP intervals to within a few per cent. For APS rates the denominator (population
aged 16-64, to which the survey is weighted) is treated as known. A district count Nomis
flags unreliable (``*``, sample of 3-9, no interval) is given a half-width equal to the
estimate; an area with any district lacking an interval for another reason gets no interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lis_analytics.geography import Area, membership_matrix
from lis_analytics.indicators.difference import difference
from lis_analytics.indicators.framework import (
    POPULATION_WEIGHTS,
    RESULT_COLUMNS,
    Framework,
    Indicator,
    Term,
)
from lis_analytics.indicators.industries import industry_total
from lis_analytics.indicators.periods import nearest_period, period_year, sort_periods
from lis_analytics.indicators.reasons import itl3_blocks_reason, not_held, spanning_reason
from lis_analytics.indicators.significance import Z95

_PUBLISHED_ORDER = ("CA", "LEP", "MCTY", "CTY", "ITL1", "ITL2", "ITL3", "RGN", "CTRY", "INLN",
                    "LAD")


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


def membership(areas: Sequence[Area], lad_codes: Sequence[str]) -> np.ndarray:
    """Area x district matrix: 1 where the district belongs to the area.

    Examples
    --------
    >>> membership([Area("X", "X", "CUSTOM", ("B",))], ["A", "B"]).tolist()
    [[0.0, 1.0]]
    """
    by_position = {i: a.lad_codes for i, a in enumerate(areas)}
    return membership_matrix(pd.Index(list(lad_codes)), by_position).toarray().T


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
    table = industry_total(inputs.table(term.datasets), term.industries,
                           f"{', '.join(term.datasets)}")
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
    rows = _lad_rows(table, [measure])
    rows = rows.assign(lci_95=rows["lci_95"] if "lci_95" in rows else np.nan)[
        ["area_code", "period", "value", "lci_95", "uci_95"]]
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
    # se from the whole published interval (less rounding error than one half); the upper
    # half alone where no lower bound is published
    se = ((rows["uci_95"] - rows["lci_95"]) / (2 * Z95)).fillna(
        (rows["uci_95"] - rows["value"]) / Z95)
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


def geography_label(code: str, kind: str, names: Mapping[str, str]) -> str:
    """A published geography in words, by name and kind, never by code.

    Parameters
    ----------
    code : str
        Its GSS code.
    kind : str
        What it is, in words ("combined authority", "metropolitan county", "county").
    names : mapping
        Code -> name (:attr:`Geo.names`).

    Returns
    -------
    str
        ``"Name (kind)"``; ``"the kind CODE"`` only when no name is known (every published
        geography of the real tables has one: :func:`~lis_analytics.indicators.tables.build_geo`
        reads them from the published rows).

    Examples
    --------
    >>> geography_label("E11000001", "metropolitan county", {"E11000001": "Greater Manchester"})
    'Greater Manchester (metropolitan county)'
    >>> geography_label("P1", "county", {})
    'the county P1'
    """
    name = names.get(code)
    return f"{name} ({kind})" if name else f"the {kind} {code}"


def _fmt_lads(codes: Sequence[str], names: Mapping[str, str], limit: int = 6) -> str:
    shown = [names.get(c, c) for c in codes[:limit]]
    more = f" and {len(codes) - limit} more" if len(codes) > limit else ""
    return ", ".join(shown) + more


def _lad_term_result(ind: Indicator, areas: Sequence[Area], inputs: Inputs) -> pd.DataFrame:
    """Vectorised sum / ratio_of_sums / population_weighted over every area and period."""
    geo = inputs.geo
    m = membership(areas, geo.lad_codes)
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
                q = nearest_period(p, list(den_all.columns)) if ind.denominator.nearest else None
            cols[p] = den_all[q] if q is not None else pd.Series(np.nan, index=den_all.index)
        den = pd.DataFrame(cols).reindex(index=num.index)
    else:  # population_weighted
        num, den, var = _weighted_panel(ind, inputs)
    periods = sort_periods(num.columns)
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
                method = (f"published figures for {geography_label(code, 'geography', geo.names)}"
                          ": the district figures are incomplete")
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
                label = geography_label(hit[1], what, geo.names)
                alias = ""
                if hit[1] != area.code and hit[6] != "LAD":
                    alias = f"published for {label}, which has the same districts"
                res[period] = (float(hit[2]), hit[3], hit[4], f"published figure for {label}",
                               hit[7], alias)
            elif hit is not None:
                label = geography_label(hit[1], "geography", geo.names)
                res[period] = (np.nan, np.nan, np.nan,
                               f"published figure suppressed ({hit[5]}) for {label}", hit[7], "")
            elif term.level == "blocks_itl3":
                blocks = _itl3_blocks(per, atoms)
                if blocks is not None:
                    shown = [geo.names[c] for c in blocks[1] if c in geo.names]
                    listed = (f" ({', '.join(shown[:4])}{' and others' if len(shown) > 4 else ''})"
                              if len(shown) == len(blocks[1]) else "")
                    res[period] = (blocks[0], np.nan, np.nan,
                                   f"sum of {len(blocks[1])} ITL3 regions{listed}", period, "")
        out[area.code] = res
    return out


def _published_result(ind: Indicator, areas: Sequence[Area], inputs: Inputs) -> pd.DataFrame:
    """published_only indicators, and ratios whose numerator is published."""
    term = ind.value if ind.aggregation == "published_only" else ind.numerator
    found = _published_term(term, inputs, areas)
    den = None
    if ind.aggregation == "ratio_of_sums":
        den_panel, _ = _term_panel(ind.denominator, inputs)
        m = membership(areas, inputs.geo.lad_codes)
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
            why = (itl3_blocks_reason(area.name, inputs.geo.atoms_of(area.lad_codes),
                                      inputs.geo.published_sets) if term.level == "blocks_itl3"
                   else f"{kind}: no figure is published for exactly this area's districts")
            rows.append((ind.id, area.code, "", "", np.nan, np.nan, np.nan, "missing", why,
                         ind.rule, n, n, ""))
            continue
        for period, (v, lci, uci, method, label, alias) in sorted(res.items()):
            status, reason = ("ok", alias) if not np.isnan(v) else ("missing", method)
            if den is not None and not np.isnan(v):
                cols = list(den[0].columns)
                q = period if period in cols else (
                    nearest_period(period, cols) if ind.denominator.nearest else None)
                d = den[0].at[area.code, q] if q is not None else np.nan
                if q is None or not d or not den[1].at[area.code, q]:
                    status, reason, v = "missing", "no complete denominator", np.nan
                else:
                    v = ind.scale * v / d
                    lci = uci = np.nan
            rows.append((ind.id, area.code, period, label, v, lci, uci, status, reason,
                         method, n, 0 if status == "ok" else n, ""))
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def _published_first_result(ind: Indicator, areas: Sequence[Area], inputs: Inputs
                            ) -> pd.DataFrame:
    """Published rows for exactly the area's districts; the weighted mean for other areas.

    An area whose published figure is missing in a period (suppressed, not published that
    year) keeps the weighted figure of that period, and its method says so.
    """
    weighted = _lad_term_result(ind, areas, inputs)
    found = _published_term(ind.value, inputs, areas)
    rows, taken = [], set()
    for area in areas:
        for period, (v, lci, uci, method, label, alias) in sorted(
                found.get(area.code, {}).items()):
            if np.isnan(v):
                continue
            taken.add((area.code, period))
            rows.append((ind.id, area.code, period, label, v, lci, uci, "ok", alias, method,
                         len(area.lad_codes), 0, ""))
    keep = [(c, p) not in taken for c, p in zip(weighted["area_code"], weighted["period"],
                                                strict=True)]
    rest = weighted[keep].copy()
    has_pub = {c for c, _ in taken}
    some = ("weighted mean of district figures: ONS publishes no figure for this area in "
            "this period, so this is an approximation (published figures in other periods)")
    none = ("weighted mean of district figures: ONS publishes no figure for exactly this area, "
            "so this is an approximation")
    rest["method"] = [some if c in has_pub else none for c in rest["area_code"]]
    out = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    return pd.concat([f for f in (out, rest) if len(f)], ignore_index=True)


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
    >>> from lis_analytics.indicators import parse_framework
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
    if ind.published_first:
        return _published_first_result(ind, areas, inputs)
    published = ind.aggregation == "published_only" or (
        ind.numerator is not None and ind.numerator.level != "lad")
    if published:
        return _published_result(ind, areas, inputs)
    return _lad_term_result(ind, areas, inputs)


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
        absent = [d for d in ind.datasets if d not in inputs.tables]
        if absent:
            results[ind.id] = not_held(ind, areas, absent)
            continue
        res = compute_indicator(ind, areas, inputs)
        if ind.fallback == "region" and region_areas:
            res = _region_fallback(ind, res, areas, region_areas, inputs)
        results[ind.id] = res
    for ind in framework.indicators:
        if ind.aggregation == "difference":
            diff = difference(ind, *(results[i] for i in ind.of),
                              names=[framework.get(i).name for i in ind.of])
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
    res = spanning_reason(res, [a for a in areas if a.code not in has_value
                                 and a.type not in ("RGN", "CTRY")
                                 and a.region_code not in region_areas], region_areas)
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
        owner = f"{a.name}'" if a.name.endswith("s") else f"{a.name}'s"  # possessive
        sub["reason"] = (f"published for regions only: the figure is for {name}"
                         + ("" if whole else f" (the region of most of {owner} districts)"))
        sub["method"] = f"regional figure ({name})"
        frames.append(sub)
    return pd.concat(frames, ignore_index=True)
