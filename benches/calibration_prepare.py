#!/usr/bin/env python3
"""Calibration benchmark input: adds the calibration cells to a gen_lfs.py file and writes their
population totals.

Usage: calibration_prepare.py LFS.csv OUT.csv TOTALS.csv
  regsex  = region x sex (488 cells), ageband = 12 age bands (15-19, ..., 65-69, 70+):
  500 population totals in civis' format (variable,category,total). The totals are the
  design-weighted counts tilted deterministically by +-2 % between neighbouring cells (so that
  calibration moves the weights), the age bands rescaled to the same population size.
"""
import sys

import numpy as np
import polars as pl

src, out, totals = sys.argv[1:4]
d = pl.read_csv(src)
band = np.minimum((d["age"].to_numpy() - 15) // 5, 11)
d = d.with_columns(
    (pl.col("region") + "_" + pl.col("sex").cast(pl.Utf8)).alias("regsex"),
    pl.Series("ageband", [f"A{b:02d}" for b in band]),
)
d.write_csv(out)


def tilted(var):
    t = d.group_by(var).agg(pl.col("weight").sum().alias("total")).sort(var)
    k = np.arange(t.height)
    return t.with_columns(pl.Series("total", t["total"].to_numpy() * (1 + 0.02 * (-1.0) ** k)))


rs = tilted("regsex")
ab = tilted("ageband")
ab = ab.with_columns(pl.col("total") * (rs["total"].sum() / ab["total"].sum()))
rows = [("regsex", c, t) for c, t in zip(rs["regsex"], rs["total"])]
rows += [("ageband", c, t) for c, t in zip(ab["ageband"], ab["total"])]
pl.DataFrame(rows, schema=["variable", "category", "total"], orient="row").write_csv(totals)
print(f"{d.height} rows, {len(rows)} totals")
