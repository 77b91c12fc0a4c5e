"""Calibration benchmark with svy (Rust engine): linear calibration of the weights to 500 totals
(region x sex, age band), then workload W1 (employment rate 20-64 by region x citizen x sex,
Taylor) on the calibrated design. Usage: peer_svy_calibration.py DATA.csv TOTALS.csv OUT.csv"""
import sys, time
import polars as pl, svy
from svy.core.terms import Cat

t0 = time.perf_counter()
d = pl.read_csv(sys.argv[1]).with_columns((pl.col("ilostat") == 1).cast(pl.Float64).alias("emp"))
tot = pl.read_csv(sys.argv[2])
controls = {}
for var in ("regsex", "ageband"):
    t = tot.filter(pl.col("variable") == var)
    controls[Cat(var)] = dict(zip(t["category"].to_list(), t["total"].to_list()))
s = svy.Sample(d, svy.Design(stratum="stratum", psu="psu", wgt="weight", singleton="center"))
s = s.weighting.calibrate(controls=controls)
r = s.estimation.mean("emp", by=("region", "citizen", "sex"), where=(svy.col("age") >= 20) & (svy.col("age") <= 64))
t1 = time.perf_counter()
out = r.to_polars(); out.write_csv(sys.argv[3])
print(f"svy calibration + W1: {out.height} domains, {t1 - t0:.2f} s")
