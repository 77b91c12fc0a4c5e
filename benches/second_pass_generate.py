#!/usr/bin/env python3
"""EU-SILC-shaped person rows for benches/second_pass.sh, written block by block (bounded memory).

Columns: db040 (one of 9 regions, the strata), db030 (PSU: an area cluster of about 20 households,
numbered across the file, rows grouped by PSU), hid (household), rb090 (sex), pb220a (citizenship:
AT / EU / Other), rb050 (weight), eqIncome (equivalised household income: lognormal by region,
shared by the household's members; 2 % zero incomes).
Usage: second_pass_generate.py ROWS SEED OUT.csv
"""
import sys
import numpy as np

REGIONS = ["Burgenland", "Carinthia", "Lower Austria", "Salzburg", "Styria", "Tyrol",
           "Upper Austria", "Vienna", "Vorarlberg"]


def main():
    rows, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = np.random.default_rng(seed)
    level = rng.normal(10.0, 0.15, len(REGIONS))
    written, psu, hid = 0, 0, 0
    with open(out, "w") as f:
        f.write("db040,db030,hid,rb090,pb220a,rb050,eqIncome\n")
        while written < rows:
            # one block of PSUs: 2,000 clusters of 20 households of 1-6 persons
            n_psu = 2000
            region = rng.integers(0, len(REGIONS), n_psu)
            hh_per_psu = 20
            n_hh = n_psu * hh_per_psu
            size = np.minimum(rng.poisson(1.3, n_hh) + 1, 6)
            hh_region = np.repeat(region, hh_per_psu)
            income = np.exp(rng.normal(level[hh_region], 0.55))
            income[rng.random(n_hh) < 0.02] = 0.0
            weight = rng.uniform(300.0, 900.0, n_psu)
            lines = []
            for h in range(n_hh):
                p = h // hh_per_psu
                for _ in range(size[h]):
                    if written + len(lines) >= rows:
                        break
                    sex = "male" if rng.random() < 0.49 else "female"
                    u = rng.random()
                    cit = "AT" if u < 0.84 else ("EU" if u < 0.92 else "Other")
                    lines.append(f"{REGIONS[region[p]]},{psu + p + 1},{hid + h + 1},{sex},{cit},"
                                 f"{weight[p]:.4f},{income[h]:.2f}\n")
            f.writelines(lines)
            written += len(lines)
            psu += n_psu
            hid += n_hh


if __name__ == "__main__":
    main()
