"""Check that civis and a peer give the same W1 estimates and standard errors."""
import csv, sys

def load(path, est, se):
    out = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            key = (r["region"], r["citizen"], str(int(float(r["sex"]))))
            out[key] = (float(r[est]), float(r[se]) if r[se] not in ("", "NA") else float("nan"))
    return out

ours = load(sys.argv[1], "estimate", "se")
peer_path, name = sys.argv[2], sys.argv[3]
with open(peer_path, newline="") as f:
    cols = next(csv.reader(f))
est = "estimate" if "estimate" in cols else [c for c in cols if c.startswith("est") or c == "mean"][0]
se = "se" if "se" in cols else [c for c in cols if c.lower().startswith("se") or c.lower().startswith("std")][0]
peer = load(peer_path, est, se)
common = set(ours) & set(peer)
worst_e = max(abs(ours[k][0] - peer[k][0]) / max(abs(peer[k][0]), 1e-12) for k in common)
# standard errors that are 0 up to rounding (domains where everyone is employed) compare absolutely
worst_s = max((abs(ours[k][1] - peer[k][1]) / peer[k][1]) for k in common if peer[k][1] > 1e-12)
worst_abs = max(abs(ours[k][1] - peer[k][1]) for k in common if peer[k][1] <= 1e-12) if any(peer[k][1] <= 1e-12 for k in common) else 0.0
print(f"{name}: {len(common)} common domains (civis {len(ours)}, {name} {len(peer)}); "
      f"max rel diff estimate {worst_e:.1e}, se {worst_s:.1e} (zero SEs: max abs diff {worst_abs:.1e})")
