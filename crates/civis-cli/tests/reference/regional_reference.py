#!/usr/bin/env python3
"""Reference values for the regional and city data of the default database, computed
independently of Civis (openpyxl reads the xlsx, statsmodels computes the Wilson interval, the
csv module reads the Eurostat files).

    pip install openpyxl statsmodels
    python3 crates/civis-cli/tests/reference/regional_reference.py

writes, beside this script:
* qol_good_place.csv: city number, name, share (%) answering "a good place to live" for
  immigrants (item Q3_4), unweighted count n, and the 95 % Wilson interval on n / deff with
  deff = 1.5 (statsmodels.stats.proportion.proportion_confint(method="wilson")).
* city_foreign_born_share.csv: 100 * DE2009V / DE1001V per Urban Audit city and year, flags of both.
"""
import csv
import os

import openpyxl
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "data")
DEFF = 1.5


def qol():
    wb = openpyxl.load_workbook(os.path.join(DATA, "cities", "quality_of_life_european_cities_2023_aggregated_data.xlsx"),
                                read_only=True, data_only=True)
    rows = list(wb["QoL in European cities 2023_V2"].iter_rows(values_only=True))
    header = rows[1]
    start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Q3_4 "))
    total = next(i for i in range(start, start + 6) if rows[i][1] == "Total" and rows[i][2] == "Unweighted Count")
    with open(os.path.join(HERE, "qol_good_place.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["qol_number", "name", "estimate", "n", "ci_low", "ci_high"])
        for col, h in enumerate(header):
            if col < 4 or not h:
                continue
            num, name = str(h).split(" ", 1)
            p, n = rows[start][col], rows[total][col]
            lo, hi = proportion_confint(p * n / DEFF, n / DEFF, alpha=0.05, method="wilson")
            w.writerow([num, name, repr(100 * p), n, repr(100 * lo), repr(100 * hi)])


def ua(path):
    out = {}
    with open(os.path.join(DATA, "cities", path), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if len(r["cities"]) > 2:
                out[(r["cities"], r["TIME_PERIOD"])] = (r["OBS_VALUE"], r["OBS_FLAG"])
    return out


def city_shares():
    fb, pop = ua("urb_cpopcb_sdmxcsv2.csv"), ua("urb_cpop1_sdmxcsv2.csv")
    with open(os.path.join(HERE, "city_foreign_born_share.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["geo", "time", "estimate", "flags"])
        for key in sorted(fb):
            if key in pop and fb[key][0] and pop[key][0] and float(pop[key][0]) > 0:
                flags = "".join(sorted(set(fb[key][1] + pop[key][1])))
                w.writerow([key[0], key[1], repr(100 * float(fb[key][0]) / float(pop[key][0])), flags])


if __name__ == "__main__":
    qol()
    city_shares()
