"""Synthetic population and sample for benches/sae_unit.sh.

Scales emdi's eusilcA_pop (25,000 persons, 94 districts) up to N persons in D areas by
resampling: area a draws its persons with replacement from district a mod 94 (so areas keep the
districts' income differences), with sizes spread uniformly between 0.5 and 1.5 times N / D.
Persons with eqIncome <= 0 are left out (the benchmark uses the log transformation). The sample
is a simple random sample without replacement of 0.4 % of each area (at least 3 persons).

usage: python sae_unit_generate.py EUSILCA_POP.csv OUT_DIR [N] [D] [SEED]
"""
import sys

import numpy as np
import pandas as pd

pop_file, out = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 2_500_000
D = int(sys.argv[4]) if len(sys.argv) > 4 else 500
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 2026
COLS = ["eqIncome", "eqsize", "cash", "self_empl", "unempl_ben", "age_ben", "rent"]

rng = np.random.default_rng(seed)
src = pd.read_csv(pop_file)
src = src[src["eqIncome"] > 0]
districts = sorted(src["district"].unique())
by_district = {d: src.loc[src["district"] == d, COLS].to_numpy() for d in districts}

raw = rng.uniform(0.5, 1.5, D)
sizes = np.floor(raw / raw.sum() * N).astype(int)
sizes[: N - sizes.sum()] += 1
parts, samples = [], []
for a in range(D):
    pool = by_district[districts[a % len(districts)]]
    rows = pool[rng.integers(0, len(pool), sizes[a])]
    frame = pd.DataFrame(rows, columns=COLS)
    frame.insert(0, "area", f"A{a:03d}")
    parts.append(frame)
    n = max(3, round(0.004 * sizes[a]))
    samples.append(frame.iloc[rng.choice(sizes[a], n, replace=False)])
pop = pd.concat(parts, ignore_index=True)
smp = pd.concat(samples, ignore_index=True)
pop.drop(columns=["eqIncome"]).to_csv(f"{out}/population.csv", index=False)
pop[["area", "eqIncome"]].to_csv(f"{out}/population_truth.csv", index=False)
smp.to_csv(f"{out}/sample.csv", index=False)
print(f"population {len(pop)} persons in {D} areas, sample {len(smp)} persons")
