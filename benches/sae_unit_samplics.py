"""Peer of benches/sae_unit.sh: the EBP of the poverty rate with samplics (EbUnitModel, REML,
log transformation = Box-Cox with lambda 0), L Monte Carlo draws over the whole population file
(the census EBP, as civis and emdi compute it). Prints the seconds of the fit and the prediction
and writes the estimates.

usage: python sae_unit_samplics.py DIR THRESHOLD L OUT.csv
"""
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")
from samplics.sae import EbUnitModel  # noqa: E402
from samplics.sae.eblup_unit_model import FitMethod  # noqa: E402

d, threshold, L, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
COVS = ["eqsize", "cash", "self_empl", "unempl_ben", "age_ben", "rent"]
start = time.time()
smp = pd.read_csv(f"{d}/sample.csv")
pop = pd.read_csv(f"{d}/population.csv")
read = time.time()


def hcr(y, line):
    return np.mean(y < line)


model = EbUnitModel(method="REML", boxcox=0, constant=0)
# samplics 0.6 stores the method as a string but its EblupUnitModel wants the enum.
model.method = FitMethod.reml
model.fit(smp["eqIncome"].to_numpy(), smp[COVS].to_numpy(), smp["area"].to_numpy(), intercept=True)
fitted = time.time()
model.predict(pop[COVS].to_numpy(), pop["area"].to_numpy(), hcr, L, line=threshold, show_progress=False)
done = time.time()
est = model.area_est
pd.DataFrame({"area": list(est.keys()), "hcr": list(est.values())}).to_csv(out, index=False)
print(f"samplics: read {read - start:.1f} s, fit {fitted - read:.2f} s, EBP (L={L}) {done - fitted:.1f} s")
