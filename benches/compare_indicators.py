#!/usr/bin/env python3
"""Two `civis indicators` tables hold the same rows in the same order: equal labels, counts and
flags, numbers equal to 1e-9 relative or 1e-10 absolute (blank = missing on both sides). The
cv, se / |estimate|, inherits the estimate's rounding relative to |estimate|: a gap near zero
(0.0002 pp between two rates near 80 %) has a cv in the thousands and a relative rounding
error as large as that many times 1e-13, so its tolerance is 1e-9 x max(1, cv).
Usage: compare_indicators.py A.csv B.csv"""
import csv, math, sys

NUMBERS = ["estimate", "se", "ci_low", "ci_high", "cv", "deff", "pop"]


def num(v):
    return math.nan if v in ("", "NA", "NaN", "nan") else float(v)


with open(sys.argv[1], newline="") as fa, open(sys.argv[2], newline="") as fb:
    a, b = list(csv.DictReader(fa)), list(csv.DictReader(fb))
if len(a) != len(b):
    sys.exit(f"  different row counts: {len(a)} vs {len(b)}")
worst = 0.0
for i, (x, y) in enumerate(zip(a, b)):
    for k in x:
        if k in NUMBERS:
            u, v = num(x[k]), num(y[k])
            if math.isnan(u) and math.isnan(v):
                continue
            d = abs(u - v) / max(abs(u), abs(v), 1e-300) if u != v else 0.0
            worst = max(worst, d)
            tol = 1e-9 * max(1.0, abs(u)) if k == "cv" else 1e-9
            if not (d <= tol or abs(u - v) <= 1e-10):
                sys.exit(f"  row {i + 2}: {k} {x[k]} vs {y[k]}")
        elif x[k] != y[k]:
            sys.exit(f"  row {i + 2}: {k} `{x[k]}` vs `{y[k]}`")
print(f"  same {len(a)} rows; largest relative difference {worst:.1e}")
