"""IS-8 Financial Services in Greater Manchester LEP: residents' jobs, share and LQ by hand.

Source: Census 2021 TS060 (industry, 88 categories) by lower-tier local authority, Office for
National Statistics (dataset ``census2021_industry_lad``): residents aged 16 and over in
employment, counted where they live. Financial Services in DBT's sector definitions list is
SIC divisions 64, 65 and 66 (its frontier industries are classes and groups inside them, or
non-SIC), so 2-digit Census data measure it exactly (lower bound = upper bound).

Values copied from the table, district by district (divisions 64, 65, 66 and all 87 division
categories):

============  ======  ======  ======  =======
District        64      65      66     total
============  ======  ======  ======  =======
Bolton         1,576   1,320     971  125,439
Bury           1,344   1,064     836   88,475
Manchester     3,701   2,108   1,610  234,290
Oldham         1,331     813     508   98,205
Rochdale       1,193     722     546   94,462
Salford        2,168   1,578   1,120  127,603
Stockport      2,448   2,089   1,629  139,812
Tameside       1,528   1,219     658  105,659
Trafford       2,403   1,525   1,461  111,558
Wigan          1,868     999     802  154,610
============  ======  ======  ======  =======

Steps (ratio of sums, not an average of district ratios):

* GM Financial Services = 19,560 + 13,437 + 10,141 = 43,138; GM total = 1,280,113;
  share = 43,138 / 1,280,113 = 0.033699 (3.37%).
* England (309 districts of 2021): 466,379 + 252,506 + 288,664 = 1,007,549 of 26,405,282;
  share = 0.038157 (3.82%).
* LQ = 0.033699 / 0.038157 = 0.8832.
"""

AREA = "E37000015"
DISTRICTS = {
    "E08000001": (1576, 1320, 971, 125439), "E08000002": (1344, 1064, 836, 88475),
    "E08000003": (3701, 2108, 1610, 234290), "E08000004": (1331, 813, 508, 98205),
    "E08000005": (1193, 722, 546, 94462), "E08000006": (2168, 1578, 1120, 127603),
    "E08000007": (2448, 2089, 1629, 139812), "E08000008": (1528, 1219, 658, 105659),
    "E08000009": (2403, 1525, 1461, 111558), "E08000010": (1868, 999, 802, 154610),
}
ENGLAND = (466379, 252506, 288664, 26405282)
JOBS = 43138
TOTAL = 1280113
SHARE = 43138 / 1280113
ENGLAND_SHARE = 1007549 / 26405282
LQ = 0.8832
