"""Nomis LEP rows of the APS T01 workbook: people aged 16-64 in employment and in all.

Source: Annual Population Survey, table T01 (economic activity, aged 16-64), Office for
National Statistics via Nomis; the workbook DfE extracted on 24 April 2023
(``labour_market/nomis_aps_T01_econ_activity_16_64_lad_lep_2018_2022.xlsx`` in the data
mirror), its ``lep:`` rows: the 38 LEPs of 2021, January-December 2018 to 2022. Counts are as
published, rounded by Nomis to the nearest 100; transcribed once from the workbook (the tests
never read the workbook for them). Open Government Licence v3.0.

Nomis estimates a LEP from the survey responses of its districts with the same weights, so
its count is the sum of its districts' counts up to rounding; an employment rate of a LEP
built as a ratio of sums of district counts must reproduce Nomis's within that rounding.
"""

from __future__ import annotations


class LepEmploymentT01:
    """``(LEP code, year) -> (in employment 16-64, population 16-64)``, as published."""

    indicator_id = "employment_rate"
    rounding = 100  # persons: every count (district and LEP) is rounded to the nearest 100
    counts = {
        ("E37000001", "2018"): (500600, 729000),  # Black Country
        ("E37000001", "2019"): (515400, 732200),  # Black Country
        ("E37000001", "2020"): (527300, 732700),  # Black Country
        ("E37000001", "2021"): (537800, 735500),  # Black Country
        ("E37000001", "2022"): (512700, 734800),  # Black Country
        ("E37000003", "2018"): (429300, 559200),  # Cheshire and Warrington
        ("E37000003", "2019"): (442900, 558400),  # Cheshire and Warrington
        ("E37000003", "2020"): (439900, 556200),  # Cheshire and Warrington
        ("E37000003", "2021"): (419400, 554700),  # Cheshire and Warrington
        ("E37000003", "2022"): (424300, 555800),  # Cheshire and Warrington
        ("E37000005", "2018"): (245300, 327600),  # Cornwall and Isles of Scilly
        ("E37000005", "2019"): (252900, 327000),  # Cornwall and Isles of Scilly
        ("E37000005", "2020"): (246700, 326500),  # Cornwall and Isles of Scilly
        ("E37000005", "2021"): (240400, 325600),  # Cornwall and Isles of Scilly
        ("E37000005", "2022"): (254000, 327200),  # Cornwall and Isles of Scilly
        ("E37000006", "2018"): (449700, 583900),  # Coventry and Warwickshire
        ("E37000006", "2019"): (455000, 587100),  # Coventry and Warwickshire
        ("E37000006", "2020"): (447700, 587500),  # Coventry and Warwickshire
        ("E37000006", "2021"): (451700, 590600),  # Coventry and Warwickshire
        ("E37000006", "2022"): (457800, 591700),  # Coventry and Warwickshire
        ("E37000007", "2018"): (231000, 291400),  # Cumbria
        ("E37000007", "2019"): (227400, 289300),  # Cumbria
        ("E37000007", "2020"): (221400, 287200),  # Cumbria
        ("E37000007", "2021"): (215600, 284800),  # Cumbria
        ("E37000007", "2022"): (219400, 285800),  # Cumbria
        ("E37000009", "2018"): (345400, 446100),  # Dorset
        ("E37000009", "2019"): (350600, 445800),  # Dorset
        ("E37000009", "2020"): (342600, 445400),  # Dorset
        ("E37000009", "2021"): (338500, 444600),  # Dorset
        ("E37000009", "2022"): (344500, 446200),  # Dorset
        ("E37000011", "2018"): (310200, 378100),  # Gloucestershire
        ("E37000011", "2019"): (310300, 378700),  # Gloucestershire
        ("E37000011", "2020"): (299100, 379000),  # Gloucestershire
        ("E37000011", "2021"): (297400, 378900),  # Gloucestershire
        ("E37000011", "2022"): (306700, 380200),  # Gloucestershire
        ("E37000012", "2018"): (894200, 1260300),  # Greater Birmingham and Solihull
        ("E37000012", "2019"): (899600, 1263200),  # Greater Birmingham and Solihull
        ("E37000012", "2020"): (910100, 1274700),  # Greater Birmingham and Solihull
        ("E37000012", "2021"): (881900, 1272000),  # Greater Birmingham and Solihull
        ("E37000012", "2022"): (919600, 1280700),  # Greater Birmingham and Solihull
        ("E37000015", "2018"): (1297200, 1781200),  # Greater Manchester
        ("E37000015", "2019"): (1297600, 1785000),  # Greater Manchester
        ("E37000015", "2020"): (1291000, 1787000),  # Greater Manchester
        ("E37000015", "2021"): (1280700, 1789000),  # Greater Manchester
        ("E37000015", "2022"): (1299300, 1795200),  # Greater Manchester
        ("E37000016", "2018"): (794000, 1009100),  # Heart of the South West
        ("E37000016", "2019"): (802500, 1011800),  # Heart of the South West
        ("E37000016", "2020"): (782500, 1009100),  # Heart of the South West
        ("E37000016", "2021"): (772700, 1013500),  # Heart of the South West
        ("E37000016", "2022"): (778800, 1015600),  # Heart of the South West
        ("E37000019", "2018"): (668100, 899100),  # Lancashire
        ("E37000019", "2019"): (675100, 895600),  # Lancashire
        ("E37000019", "2020"): (666000, 891800),  # Lancashire
        ("E37000019", "2021"): (642500, 889700),  # Lancashire
        ("E37000019", "2022"): (651200, 892800),  # Lancashire
        ("E37000021", "2018"): (480500, 654400),  # Leicester and Leicestershire
        ("E37000021", "2019"): (508800, 659900),  # Leicester and Leicestershire
        ("E37000021", "2020"): (507100, 658800),  # Leicester and Leicestershire
        ("E37000021", "2021"): (479800, 655400),  # Leicester and Leicestershire
        ("E37000021", "2022"): (505100, 661900),  # Leicester and Leicestershire
        ("E37000022", "2018"): (693500, 967600),  # Liverpool City Region
        ("E37000022", "2019"): (704400, 966600),  # Liverpool City Region
        ("E37000022", "2020"): (702400, 964100),  # Liverpool City Region
        ("E37000022", "2021"): (707500, 960400),  # Liverpool City Region
        ("E37000022", "2022"): (709000, 962500),  # Liverpool City Region
        ("E37000025", "2018"): (887000, 1230700),  # North East
        ("E37000025", "2019"): (873300, 1227700),  # North East
        ("E37000025", "2020"): (878100, 1222100),  # North East
        ("E37000025", "2021"): (857200, 1216600),  # North East
        ("E37000025", "2022"): (859500, 1220900),  # North East
        ("E37000032", "2018"): (523100, 684500),  # Stoke-on-Trent and Staffordshire
        ("E37000032", "2019"): (529700, 683000),  # Stoke-on-Trent and Staffordshire
        ("E37000032", "2020"): (524200, 681900),  # Stoke-on-Trent and Staffordshire
        ("E37000032", "2021"): (524800, 679600),  # Stoke-on-Trent and Staffordshire
        ("E37000032", "2022"): (537500, 682000),  # Stoke-on-Trent and Staffordshire
        ("E37000033", "2018"): (341400, 429300),  # Swindon and Wiltshire
        ("E37000033", "2019"): (340900, 430300),  # Swindon and Wiltshire
        ("E37000033", "2020"): (339200, 432300),  # Swindon and Wiltshire
        ("E37000033", "2021"): (342300, 431600),  # Swindon and Wiltshire
        ("E37000033", "2022"): (344100, 434200),  # Swindon and Wiltshire
        ("E37000034", "2018"): (280700, 410600),  # Tees Valley
        ("E37000034", "2019"): (281200, 409400),  # Tees Valley
        ("E37000034", "2020"): (286300, 408600),  # Tees Valley
        ("E37000034", "2021"): (282100, 405800),  # Tees Valley
        ("E37000034", "2022"): (289100, 407500),  # Tees Valley
        ("E37000035", "2018"): (454800, 569800),  # Thames Valley Berkshire
        ("E37000035", "2019"): (461400, 572900),  # Thames Valley Berkshire
        ("E37000035", "2020"): (446400, 572300),  # Thames Valley Berkshire
        ("E37000035", "2021"): (450300, 572100),  # Thames Valley Berkshire
        ("E37000035", "2022"): (456200, 573600),  # Thames Valley Berkshire
        ("E37000036", "2018"): (318900, 401700),  # The Marches
        ("E37000036", "2019"): (322200, 401500),  # The Marches
        ("E37000036", "2020"): (307600, 401700),  # The Marches
        ("E37000036", "2021"): (302200, 401200),  # The Marches
        ("E37000036", "2022"): (310800, 403500),  # The Marches
        ("E37000037", "2018"): (580400, 733900),  # West of England
        ("E37000037", "2019"): (580900, 737400),  # West of England
        ("E37000037", "2020"): (593600, 744400),  # West of England
        ("E37000037", "2021"): (591100, 742800),  # West of England
        ("E37000037", "2022"): (594200, 745200),  # West of England
        ("E37000038", "2018"): (276100, 347500),  # Worcestershire
        ("E37000038", "2019"): (272200, 349100),  # Worcestershire
        ("E37000038", "2020"): (272900, 350500),  # Worcestershire
        ("E37000038", "2021"): (273400, 346800),  # Worcestershire
        ("E37000038", "2022"): (269400, 348600),  # Worcestershire
        ("E37000043", "2018"): (259300, 322100),  # Buckinghamshire Thames Valley
        ("E37000043", "2019"): (259100, 326700),  # Buckinghamshire Thames Valley
        ("E37000043", "2020"): (253100, 325900),  # Buckinghamshire Thames Valley
        ("E37000043", "2021"): (254500, 328100),  # Buckinghamshire Thames Valley
        ("E37000043", "2022"): (269100, 329600),  # Buckinghamshire Thames Valley
        ("E37000044", "2018"): (729500, 945000),  # Coast to Capital
        ("E37000044", "2019"): (768100, 949700),  # Coast to Capital
        ("E37000044", "2020"): (747000, 951900),  # Coast to Capital
        ("E37000044", "2021"): (759500, 953900),  # Coast to Capital
        ("E37000044", "2022"): (750400, 958500),  # Coast to Capital
        # Derby, Derbyshire, Nottingham and Nottinghamshire
        ("E37000045", "2018"): (1005500, 1366100),
        # Derby, Derbyshire, Nottingham and Nottinghamshire
        ("E37000045", "2019"): (1032500, 1365400),
        # Derby, Derbyshire, Nottingham and Nottinghamshire
        ("E37000045", "2020"): (1021900, 1365000),
        # Derby, Derbyshire, Nottingham and Nottinghamshire
        ("E37000045", "2021"): (1008400, 1365800),
        # Derby, Derbyshire, Nottingham and Nottinghamshire
        ("E37000045", "2022"): (1008500, 1370100),
        ("E37000046", "2018"): (761000, 929000),  # Enterprise M3
        ("E37000046", "2019"): (755600, 929500),  # Enterprise M3
        ("E37000046", "2020"): (743400, 930000),  # Enterprise M3
        ("E37000046", "2021"): (744000, 930000),  # Enterprise M3
        ("E37000046", "2022"): (734500, 931400),  # Enterprise M3
        ("E37000048", "2018"): (581600, 741300),  # Hertfordshire
        ("E37000048", "2019"): (588400, 744200),  # Hertfordshire
        ("E37000048", "2020"): (590900, 746800),  # Hertfordshire
        ("E37000048", "2021"): (594300, 748600),  # Hertfordshire
        ("E37000048", "2022"): (595100, 751200),  # Hertfordshire
        ("E37000051", "2018"): (4475000, 6024100),  # London
        ("E37000051", "2019"): (4521400, 6069200),  # London
        ("E37000051", "2020"): (4590500, 6106600),  # London
        ("E37000051", "2021"): (4591300, 6131200),  # London
        ("E37000051", "2022"): (4691200, 6156400),  # London
        ("E37000052", "2018"): (738500, 961500),  # New Anglia
        ("E37000052", "2019"): (748700, 961600),  # New Anglia
        ("E37000052", "2020"): (736100, 961900),  # New Anglia
        ("E37000052", "2021"): (744500, 961400),  # New Anglia
        ("E37000052", "2022"): (758200, 964800),  # New Anglia
        ("E37000053", "2018"): (345000, 424500),  # Oxfordshire
        ("E37000053", "2019"): (350400, 420200),  # Oxfordshire
        ("E37000053", "2020"): (338500, 423400),  # Oxfordshire
        ("E37000053", "2021"): (322700, 419100),  # Oxfordshire
        ("E37000053", "2022"): (337100, 418100),  # Oxfordshire
        ("E37000054", "2018"): (639100, 879400),  # Sheffield City Region
        ("E37000054", "2019"): (642900, 881400),  # Sheffield City Region
        ("E37000054", "2020"): (633700, 881200),  # Sheffield City Region
        ("E37000054", "2021"): (637500, 880600),  # Sheffield City Region
        ("E37000054", "2022"): (648200, 883900),  # Sheffield City Region
        ("E37000055", "2018"): (581200, 768900),  # Solent
        ("E37000055", "2019"): (582800, 769400),  # Solent
        ("E37000055", "2020"): (580200, 767400),  # Solent
        ("E37000055", "2021"): (574500, 764400),  # Solent
        ("E37000055", "2022"): (578100, 768300),  # Solent
        ("E37000056", "2018"): (1946400, 2539600),  # South East
        ("E37000056", "2019"): (1982500, 2550200),  # South East
        ("E37000056", "2020"): (1970300, 2558300),  # South East
        ("E37000056", "2021"): (1970200, 2568000),  # South East
        ("E37000056", "2022"): (1981400, 2573500),  # South East
        ("E37000057", "2018"): (812800, 1048100),  # South East Midlands
        ("E37000057", "2019"): (827700, 1050600),  # South East Midlands
        ("E37000057", "2020"): (836900, 1057700),  # South East Midlands
        ("E37000057", "2021"): (817400, 1064800),  # South East Midlands
        ("E37000057", "2022"): (828200, 1067800),  # South East Midlands
        ("E37000058", "2018"): (383800, 488100),  # York and North Yorkshire
        ("E37000058", "2019"): (385300, 486500),  # York and North Yorkshire
        ("E37000058", "2020"): (374900, 484600),  # York and North Yorkshire
        ("E37000058", "2021"): (381700, 482200),  # York and North Yorkshire
        ("E37000058", "2022"): (389000, 483900),  # York and North Yorkshire
        ("E37000059", "2018"): (416300, 525400),  # Greater Cambridge and Greater Peterborough
        ("E37000059", "2019"): (413100, 525900),  # Greater Cambridge and Greater Peterborough
        ("E37000059", "2020"): (404000, 526000),  # Greater Cambridge and Greater Peterborough
        ("E37000059", "2021"): (411400, 525400),  # Greater Cambridge and Greater Peterborough
        ("E37000059", "2022"): (422500, 527400),  # Greater Cambridge and Greater Peterborough
        ("E37000060", "2018"): (494200, 662800),  # Greater Lincolnshire
        ("E37000060", "2019"): (494900, 660000),  # Greater Lincolnshire
        ("E37000060", "2020"): (472400, 658500),  # Greater Lincolnshire
        ("E37000060", "2021"): (480700, 656200),  # Greater Lincolnshire
        ("E37000060", "2022"): (495200, 658200),  # Greater Lincolnshire
        ("E37000061", "2018"): (272300, 362000),  # Hull and East Riding
        ("E37000061", "2019"): (272500, 362000),  # Hull and East Riding
        ("E37000061", "2020"): (267200, 360400),  # Hull and East Riding
        ("E37000061", "2021"): (268100, 360100),  # Hull and East Riding
        ("E37000061", "2022"): (267700, 361000),  # Hull and East Riding
        ("E37000062", "2018"): (1048300, 1450700),  # Leeds City Region
        ("E37000062", "2019"): (1050100, 1451900),  # Leeds City Region
        ("E37000062", "2020"): (1086200, 1451500),  # Leeds City Region
        ("E37000062", "2021"): (1057000, 1449700),  # Leeds City Region
        ("E37000062", "2022"): (1067400, 1454800),  # Leeds City Region
    }

    @classmethod
    def rates(cls) -> dict[tuple[str, str], float]:
        """Nomis's employment rate of each LEP and year, percent (from the counts above)."""
        return {k: e / p * 100 for k, (e, p) in cls.counts.items()}
