"""Shift-share reference values, worked out by hand (every step is written below).

Notation: ``E_ir`` employment (or output) of industry i in region r, ``0``/``1`` the start and
end periods, ``N`` the nation (the benchmark: the sum of the regions),
``g_N = N_1 / N_0 - 1``, ``g_iN`` the nation's growth in industry i and ``g_ir`` the region's.

Classic (Dunn 1960), for each region and industry:

- national share      ``NS = E_ir0 * g_N``
- industry mix        ``IM = E_ir0 * (g_iN - g_N)``
- competitive (local) ``RS = E_ir0 * (g_ir - g_iN)``

Esteban-Marquillas (1972) splits ``RS`` with the homothetic employment
``Ê_ir = E_r0 * N_i0 / N_0`` (the region's size with the nation's structure):

- homothetic competitive ``Ê_ir * (g_ir - g_iN)``
- allocation             ``(E_ir0 - Ê_ir) * (g_ir - g_iN)``

Each class holds ``start`` and ``end`` (region -> industry -> value) and, per region, the
expected components by industry, in the order of ``industries``.
"""

from __future__ import annotations


class GrowingNation:
    """Three industries, a growing nation; region R gains on the nation in X and Y.

    Source: worked by hand.

    Nation: X 1000 -> 1100 (g_XN = .1), Y 2000 -> 1800 (-.1), Z 1000 -> 1500 (.5);
    N 4000 -> 4400, g_N = .1. Region R: X 200 -> 240 (g = .2), Y 100 -> 100 (0),
    Z 100 -> 130 (.3); R 400 -> 470.

    - NS = E_ir0 * .1                 : X 20,  Y 10,  Z 10   -> 40
    - IM = E_ir0 * (g_iN - .1)        : X 0,   Y -20, Z 40   -> 20
    - RS = E_ir0 * (g_ir - g_iN)      : X 20,  Y 10,  Z -20  -> 10
    - NS + IM + RS = 70 = 470 - 400.
    - Ê = 400 * (1000, 2000, 1000) / 4000 = (100, 200, 100)
    - homothetic competitive Ê (g_ir - g_iN) : X 10, Y 20, Z -20 -> 10
    - allocation (E - Ê)(g_ir - g_iN)        : X 10, Y -10, Z 0  -> 0
    """

    industries = ("X", "Y", "Z")
    start = {"R": {"X": 200.0, "Y": 100.0, "Z": 100.0},
             "rest": {"X": 800.0, "Y": 1900.0, "Z": 900.0}}
    end = {"R": {"X": 240.0, "Y": 100.0, "Z": 130.0},
           "rest": {"X": 860.0, "Y": 1700.0, "Z": 1370.0}}
    benchmark_growth = 0.1
    benchmark_industry_growth = (0.1, -0.1, 0.5)
    expected = {
        "R": {
            "actual_change": (40.0, 0.0, 30.0),
            "national_share": (20.0, 10.0, 10.0),
            "industry_mix": (0.0, -20.0, 40.0),
            "competitive": (20.0, 10.0, -20.0),
            "homothetic_start": (100.0, 200.0, 100.0),
            "homothetic_competitive": (10.0, 20.0, -20.0),
            "allocation": (10.0, -10.0, 0.0),
        },
    }


class DecliningNation:
    """Three industries, a shrinking nation, both regions worked out.

    Source: worked by hand.

    Nation: A 500 -> 450 (g_AN = -.1), B 300 -> 330 (.1), C 200 -> 170 (-.15);
    N 1000 -> 950, g_N = -.05.

    Region R: A 100 -> 95 (g = -.05), B 50 -> 60 (.2), C 50 -> 40 (-.2); R 200 -> 195.

    - NS = E_ir0 * -.05               : A -5,  B -2.5, C -2.5 -> -10
    - IM = E_ir0 * (g_iN + .05)       : A -5,  B 7.5,  C -5   -> -2.5
    - RS = E_ir0 * (g_ir - g_iN)      : A 5,   B 5,    C -2.5 -> 7.5
    - sum -5 = 195 - 200.
    - Ê = 200 * (.5, .3, .2) = (100, 60, 40)
    - homothetic competitive          : A 5,   B 6,    C -2   -> 9
    - allocation                      : A 0,   B -1,   C -.5  -> -1.5

    Rest of the nation: A 400 -> 355 (g = -.1125), B 250 -> 270 (.08), C 150 -> 130 (-2/15).

    - NS = E_ir0 * -.05               : A -20, B -12.5, C -7.5 -> -40
    - IM = E_ir0 * (g_iN + .05)       : A -20, B 37.5,  C -15  -> 2.5
    - RS = E_ir0 * (g_ir - g_iN)      : A 400 (-.0125) = -5, B 250 (-.02) = -5,
      C 150 (1/60) = 2.5 -> -7.5; sum -45 = 755 - 800.
    - Ê = 800 * (.5, .3, .2) = (400, 240, 160)
    - homothetic competitive          : A -5, B -4.8, C 160/60 = 8/3
    - allocation                      : A 0,  B 10 (-.02) = -.2, C -10/60 = -1/6

    Over the nation, industry mix and competitive effects cancel: -2.5 + 2.5 and 7.5 - 7.5.
    """

    industries = ("A", "B", "C")
    start = {"R": {"A": 100.0, "B": 50.0, "C": 50.0},
             "rest": {"A": 400.0, "B": 250.0, "C": 150.0}}
    end = {"R": {"A": 95.0, "B": 60.0, "C": 40.0},
           "rest": {"A": 355.0, "B": 270.0, "C": 130.0}}
    benchmark_growth = -0.05
    benchmark_industry_growth = (-0.1, 0.1, -0.15)
    expected = {
        "R": {
            "actual_change": (-5.0, 10.0, -10.0),
            "national_share": (-5.0, -2.5, -2.5),
            "industry_mix": (-5.0, 7.5, -5.0),
            "competitive": (5.0, 5.0, -2.5),
            "homothetic_start": (100.0, 60.0, 40.0),
            "homothetic_competitive": (5.0, 6.0, -2.0),
            "allocation": (0.0, -1.0, -0.5),
        },
        "rest": {
            "actual_change": (-45.0, 20.0, -20.0),
            "national_share": (-20.0, -12.5, -7.5),
            "industry_mix": (-20.0, 37.5, -15.0),
            "competitive": (-5.0, -5.0, 2.5),
            "homothetic_start": (400.0, 240.0, 160.0),
            "homothetic_competitive": (-5.0, -4.8, 8 / 3),
            "allocation": (0.0, -0.2, -1 / 6),
        },
    }


class DynamicTwoSteps:
    """Dynamic shift-share (Barff and Knight 1988): classic shift-share year by year, summed.

    Source: worked by hand.

    Nation: 2019 X 100, Y 100; 2020 X 120, Y 100; 2021 X 120, Y 110.
    Area R: 2019 X 10, Y 30;   2020 X 15, Y 30;   2021 X 15, Y 36.

    - Step 2019-20: g_N = .1, g_XN = .2, g_YN = 0.
      NS = 1 + 3 = 4; IM = 10 (.1) + 30 (-.1) = -2; RS = 10 (.5 - .2) + 0 = 3 (sum 5).
    - Step 2020-21: g_N = 1/22, g_XN = 0, g_YN = .1.
      NS = 45/22; IM = 15 (-1/22) + 30 (.1 - 1/22) = 21/22; RS = 0 + 30 (.2 - .1) = 3 (sum 6).
    - Dynamic totals: NS = 4 + 45/22, IM = -2 + 21/22, RS = 6 (sum 11 = 51 - 40).
    - Static 2019-21 for comparison: g_N = .15, g_XN = .2, g_YN = .1;
      NS = 40 (.15) = 6; IM = 10 (.05) + 30 (-.05) = -1; RS = 10 (.3) + 30 (.1) = 6.
    """

    periods = {
        "2019": {"R": {"X": 10.0, "Y": 30.0}, "rest": {"X": 90.0, "Y": 70.0}},
        "2020": {"R": {"X": 15.0, "Y": 30.0}, "rest": {"X": 105.0, "Y": 70.0}},
        "2021": {"R": {"X": 15.0, "Y": 36.0}, "rest": {"X": 105.0, "Y": 74.0}},
    }
    totals = {"national_share": 4 + 45 / 22, "industry_mix": -2 + 21 / 22, "competitive": 6.0,
              "actual_change": 11.0, "start": 40.0, "end": 51.0}
    static_totals = {"national_share": 6.0, "industry_mix": -1.0, "competitive": 6.0}
