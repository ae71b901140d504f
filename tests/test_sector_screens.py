"""Data-quality screens before a sector finding (issue #12): unit tests on hand-made frames
and integration tests on the real data (Greater Manchester's legal and accounting jump)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lis_analytics import sectors as S

ENGLAND = "E92000001"


def _panel(rows: dict[str, list[float]], years=("2019", "2020", "2021"),
           industry: str = "69") -> pd.DataFrame:
    """A GVA panel: one series per area over ``years`` for one industry."""
    return pd.DataFrame([{"area_code": a, "period": y, industry: v}
                         for a, values in rows.items() for y, v in zip(years, values, strict=True)])


# ---------------------------------------------------------------- jumps


def test_jump_relative_to_england_is_flagged_and_persists():
    panel = _panel({"E1": [356.0, 578.0, 1231.0], ENGLAND: [1000.0, 1000.0, 1100.0]})
    flags = S.flag_gva_jumps(panel)
    assert flags["period"].tolist() == ["2020", "2021"]
    assert flags["relative_change"].round(3).tolist() == [
        round(578 / 356 - 1, 3), round((1231 / 578) / 1.1 - 1, 3)]
    assert flags["persists"].all()


def test_change_in_step_with_england_is_not_flagged():
    # the district doubles, but so does England's industry: no artefact
    panel = _panel({"E1": [200.0, 400.0, 400.0], ENGLAND: [1000.0, 2000.0, 2000.0]})
    assert S.flag_gva_jumps(panel).empty


def test_change_just_inside_the_threshold_is_not_flagged():
    up = 1 + S.JUMP_THRESHOLD
    panel = _panel({"E1": [100.0, 100.0 * up * 0.99, 100.0 * up * 0.99],
                    "E2": [100.0, 100.0 * up * 1.01, 100.0 * up * 1.01],
                    ENGLAND: [1000.0] * 3})
    assert S.flag_gva_jumps(panel)["area_code"].tolist() == ["E2"]


def test_cells_below_the_floor_are_not_judged():
    small = S.CELL_FLOOR * 0.9
    panel = _panel({"E1": [small / 3, small, small], "E2": [small / 3, small * 1.2, small * 1.2],
                    ENGLAND: [1000.0] * 3})
    assert S.flag_gva_jumps(panel)["area_code"].tolist() == ["E2"]


def test_falls_are_flagged_symmetrically_and_a_reversed_spike_does_not_persist():
    panel = _panel({"E1": [300.0, 150.0, 150.0], "E2": [100.0, 300.0, 100.0],
                    ENGLAND: [1000.0] * 3})
    flags = S.flag_gva_jumps(panel).set_index(["area_code", "period"])
    assert flags.loc[("E1", "2020"), "persists"]
    assert not flags.loc[("E2", "2020"), "persists"]
    assert not flags.loc[("E2", "2021"), "persists"]


def test_zero_and_negative_cells_are_not_judged():
    panel = _panel({"E1": [0.0, 500.0, 500.0], "E2": [-5.0, 100.0, 100.0],
                    ENGLAND: [1000.0] * 3})
    assert S.flag_gva_jumps(panel).empty


# ---------------------------------------------------------------- shares


def _shares_matrix() -> pd.DataFrame:
    return pd.DataFrame({"45": [200.0, 30.0, 20.0, 150.0],
                         "C (10-33)": [100.0, 400.0, 20.0, 1500.0],
                         "K (64-66)": [700.0, 570.0, 60.0, 8350.0]},
                        index=["E1", "E2", "E3", ENGLAND])


def test_implausible_share_of_a_local_service_industry_is_flagged():
    flags = S.flag_implausible_shares(_shares_matrix())
    assert flags["area_code"].tolist() == ["E1"]
    assert flags["lq"].iloc[0] == pytest.approx(0.2 / 0.015)


def test_share_screen_spares_traded_industries_small_cells_and_modest_shares():
    m = _shares_matrix()
    # E2's manufacturing is 4x England's share: not a local-serving industry
    assert "C (10-33)" not in set(S.flag_implausible_shares(m)["industry_code"])
    # E3's motor trades are 20% of its GVA but under the floor
    assert "E3" not in set(S.flag_implausible_shares(m)["area_code"])
    # at exactly the ceiling nothing is flagged
    ceiling = S.SHARE_LQ_CEILING * 0.015
    m.loc["E1"] = [ceiling * 1000, 100.0, 1000 - 100.0 - ceiling * 1000]
    assert S.flag_implausible_shares(m).empty


def test_material_flags_keep_districts_that_weigh_in_the_area():
    flags = pd.DataFrame({"area_code": ["E1", "E2"], "industry_code": ["69", "69"]})
    gva = pd.DataFrame({"69": [95.0, 5.0]}, index=["E1", "E2"])
    out = S.material_flags(flags, gva)
    assert out["area_code"].tolist() == ["E1"]
    assert out["share_of_area"].tolist() == [0.95]


# ---------------------------------------------------------------- productivity and labels


def test_households_and_imputed_rent_are_never_ranked_for_productivity():
    assert not S.is_ranked_for_productivity("T (97-98)")
    assert not S.is_ranked_for_productivity("68IMP")
    assert not S.is_ranked_for_productivity("L (68)")
    assert S.is_ranked_for_productivity("68") and S.is_ranked_for_productivity("K (64-66)")


def test_label_industries_needs_two_measures_and_no_screen():
    table = pd.DataFrame({"industry_code": ["69", "C (10-33)", "K (64-66)", "T (97-98)"],
                          "lq": [2.0, 1.5, 1.5, 1.0], "jobs_lq": [1.3, 1.3, 1.1, 1.0],
                          "growth": [0.5, 0.1, 0.1, 0.0], "benchmark_growth": 0.0,
                          "productivity": [1.0, 1.0, 1.0, 9.0],
                          "benchmark_productivity": 2.0,
                          "screened": [True, False, False, False]})
    out = S.label_industries(table, corroborating_lq=["jobs_lq"], screened="screened")
    assert out["distinctive_strength"].tolist() == [False, True, False, False]
    assert out["high_productivity"].isna().tolist() == [False, False, False, True]


# ---------------------------------------------------------------- integration


@pytest.fixture(scope="module")
def inputs():
    from lis_analytics.chapters import sectors as chapter

    return chapter.load_inputs()


@pytest.mark.integration
def test_greater_manchester_strengths_no_longer_lead_with_legal_and_accounting(inputs):
    import lis_analytics as la
    from lis_analytics.chapters import sectors as chapter
    from lis_analytics.present.findings.sectors import figure_records, key_findings
    from lis_analytics.present.text.sectors import screens_table, strengths

    r = chapter.analyse(la.get_area("E37000015"), inputs)
    legal = r.harmonised.set_index("industry_code").loc["69"]
    assert legal["lq"] >= chapter.LQ_STRENGTH  # still the highest GVA LQ in the data
    trafford = r.screened[(r.screened["area_code"] == "E08000009")
                          & (r.screened["industry_code"] == "69")]
    assert set(trafford["screen"]) == {"jump"} and "2021" in set(trafford["period"])
    assert "69" in r.screened_codes and not legal["distinctive_strength"]
    assert "69" not in set(strengths(r)["industry_code"])
    assert "legal and accounting" not in key_findings(r)[0].lower()
    top = {f["indicator_id"]: f for f in figure_records(r)}["gva_lq_highest"]
    assert "Legal" not in top["note"]
    assert "Trafford" in set(screens_table(r)["District"])


@pytest.mark.integration
def test_section_t_never_appears_in_a_productivity_ranking(inputs):
    import lis_analytics as la
    from lis_analytics.chapters import sectors as chapter
    from lis_analytics.present.text.sectors import productivity_text

    for code in ("E37000015", "E47000007", "oxford_cambridge_arc"):
        r = chapter.analyse(la.get_area(code), inputs)
        t = r.harmonised.set_index("industry_code")
        assert "T (97-98)" in t.index
        assert pd.isna(t.loc["T (97-98)", "high_productivity"])
        ranked = t[t["high_productivity"].fillna(False).astype(bool)]
        assert not any(not S.is_ranked_for_productivity(c) for c in ranked.index)
        assert "households" not in productivity_text(r).lower()


@pytest.mark.integration
def test_screens_flag_the_arc_motor_trades_and_wmca_membership_bodies(inputs):
    import lis_analytics as la
    from lis_analytics.chapters import sectors as chapter

    arc = chapter.analyse(la.get_area("oxford_cambridge_arc"), inputs)
    mk = arc.screened[(arc.screened["industry_code"] == "45")]
    assert "E06000042" in set(mk["area_code"]) and "share" in set(mk["screen"])
    wmca = chapter.analyse(la.get_area("E47000007"), inputs)
    membership = wmca.harmonised.set_index("industry_code").loc["94-95"]
    assert "94-95" in wmca.screened_codes and not membership["distinctive_strength"]
    assert np.isfinite(membership["lq"])
