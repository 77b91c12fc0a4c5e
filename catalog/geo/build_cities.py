#!/usr/bin/env python3
"""Build the city registry crates/civis-geo/data/cities.csv from the files shipped in data/.

Run from the repository root (Python 3 standard library only):

    python3 catalog/geo/build_cities.py

Nothing here is typed by hand:

* Urban Audit cities: every code of the `cities` dimension (codes longer than two letters) in
  data/cities/urb_cpop1_sdmxcsv2.csv and urb_cpopcb_sdmxcsv2.csv, with the label Eurostat gives it
  ("Lyon", "Antwerpen (greater city)"); the country is the code's first two letters.
* Quality of Life survey cities: the column headers `<number> <name>` of the survey sheet of
  data/cities/quality_of_life_european_cities_2023_aggregated_data.xlsx. The survey numbers its
  cities by country (101 Graz, 102 Wien, 201 Antwerpen, ...): all cities whose number has the same
  leading digits (the number without its last two digits) are in one country. The country of such a
  group is the one most of its cities match (by name) among the Urban Audit cities and the GISCO
  place names; a QoL city is then matched by name *and* that country to an Urban Audit city
  (1106 München -> DE003C). A QoL city without a match keeps the id `QOL<number>`.
* Location: the city name is matched (same country, accents and case ignored, each variant of a
  "A/B" or "A / B" name tried) to a GISCO euronym place-name point (data/geo/places_euronym_200.csv),
  and the point is placed in a NUTS 2024 level-3 polygon of
  data/geo/NUTS_RG_20M_2024_4326_LEVL_3.geojson (ray casting). At 1:20 million a coastal point can
  fall just outside every polygon: then the nearest level-3 region of the same country (by distance
  to its boundary vertices) is taken and the placement says `nearest`.
* catalog/geo/city_overrides.csv: codes a person enters (columns `id, urban_audit_code, nuts3,
  note`): a QoL id (`QOL102`) given its Urban Audit code, or any city given its NUTS 3 region. The
  file ships with its header only; an override is applied and reported.

The script prints the match rates and lists every city it could not match or place.
Output columns: code, name, country, nuts3, nuts2, placement, place_name, lon, lat, qol_number, qol_name.
"""

import csv
import json
import math
import os
import sys
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(ROOT, "crates", "civis-geo", "data", "cities.csv")
OVERRIDES = os.path.join(ROOT, "catalog", "geo", "city_overrides.csv")
UA_FILES = ["cities/urb_cpop1_sdmxcsv2.csv", "cities/urb_cpopcb_sdmxcsv2.csv"]
QOL_FILE = "cities/quality_of_life_european_cities_2023_aggregated_data.xlsx"

SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss",
                         "đ": "d", "Đ": "d", "ı": "i", "ð": "d", "þ": "th", "œ": "oe"})


def norm(name):
    """Lower case, no accents, no punctuation, single spaces."""
    s = unicodedata.normalize("NFKD", name.translate(SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = "".join(c if c.isalnum() else " " for c in s)
    return " ".join(s.split())


def variants(name):
    """The names a label stands for: without "(greater city)" and such, each side of a slash."""
    base = name.split("(")[0].strip()
    out = [base] + [p.strip() for p in base.split("/") if p.strip()]
    out += [p.split(",")[0].strip() for p in out]
    seen = []
    for v in map(norm, out):
        if v and v not in seen:
            seen.append(v)
    return seen


def urban_audit_cities():
    cities = {}
    for f in UA_FILES:
        with open(os.path.join(DATA, f), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = row["cities"]
                if len(code) > 2 and code not in cities:
                    cities[code] = row["Geopolitical entity (declaring)"]
    return cities


def iso_to_eurostat():
    m = {}
    with open(os.path.join(ROOT, "crates", "civis-geo", "data", "gisco_countrycode.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["iso2c"] and row["CNTR_CODE"]:
                m[row["iso2c"]] = row["CNTR_CODE"]
    return m


def places():
    iso = iso_to_eurostat()
    by_country = defaultdict(dict)
    with open(os.path.join(DATA, "geo", "places_euronym_200.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cc = iso.get(row["cc"], row["cc"])
            for v in variants(row["name"]):
                by_country[cc].setdefault(v, (row["name"], float(row["lon"]), float(row["lat"])))
    return by_country


def qol_cities():
    """(number, name) of the survey's city columns, read from the xlsx with the standard library."""
    import zipfile
    import xml.etree.ElementTree as ET
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    z = zipfile.ZipFile(os.path.join(DATA, QOL_FILE))
    shared = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
              for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
    out = []
    for _, el in ET.iterparse(z.open("xl/worksheets/sheet3.xml")):
        if el.tag == "{%s}row" % ns["m"]:
            if el.get("r") == "2":
                for c in el.findall("m:c", ns):
                    v = c.find("m:v", ns)
                    if v is None:
                        continue
                    text = shared[int(v.text)] if c.get("t") == "s" else v.text
                    num, _, name = text.partition(" ")
                    if num.isdigit() and name:
                        out.append((int(num), name.strip()))
                break
            el.clear()
    return out


def rings(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def inside(x, y, ring):
    c = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            c = not c
        j = i
    return c


def nuts3_polygons():
    with open(os.path.join(DATA, "geo", "NUTS_RG_20M_2024_4326_LEVL_3.geojson"), encoding="utf-8") as fh:
        fc = json.load(fh)
    return [(f["properties"]["NUTS_ID"], f["properties"]["CNTR_CODE"], rings(f["geometry"])) for f in fc["features"]]


def km(lon1, lat1, lon2, lat2):
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


def place_in_nuts3(lon, lat, country, polys):
    for code, cc, polygon in polys:
        if cc == country and any(inside(lon, lat, poly[0]) and not any(inside(lon, lat, h) for h in poly[1:])
                                 for poly in polygon):
            return code, "inside"
    best = None
    for code, cc, polygon in polys:
        if cc != country:
            continue
        d = min(km(lon, lat, x, y) for poly in polygon for ring in poly for x, y in ring)
        if best is None or d < best[0]:
            best = (d, code)
    if best is None:
        return "", ""
    return best[1], "nearest (%.0f km)" % best[0]


def fallback_variants(name):
    """Looser names, tried only when no exact variant matched: the part before a qualifier
    ("Halle an der Saale" -> "halle", "Mülheim a.d.Ruhr" -> "mulheim") and each part of a
    hyphenated double name ("Villingen-Schwenningen" -> "villingen")."""
    out = []
    for v in variants(name):
        words = v.split()
        for i, w in enumerate(words):
            if i > 0 and w in ("am", "an", "a", "im", "in", "bei", "ob", "sur", "de", "del", "di", "nell"):
                out.append(" ".join(words[:i]))
                break
    base = name.split("(")[0].strip()
    if "-" in base:
        out += [norm(p) for p in base.split("-") if len(p.strip()) > 3]
    return [v for v in out if v]


def locate(name, country, pts):
    """The place point of a city name: exact variants first, then the looser ones."""
    for v in variants(name) + fallback_variants(name):
        if v in pts.get(country, {}):
            return pts[country][v]
    return None


def read_overrides():
    if not os.path.exists(OVERRIDES):
        return {}
    with open(OVERRIDES, newline="", encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh) if r.get("id")}


def qol_countries(qol, ua, pts):
    """Country of each survey country group (number // 100), by majority of its members' matches."""
    ua_names = defaultdict(set)
    for code, name in ua.items():
        for v in variants(name):
            ua_names[v].add(code[:2])
    votes = defaultdict(Counter)
    for num, name in qol:
        for v in variants(name):
            for cc in ua_names.get(v, ()):
                votes[num // 100][cc] += 1
            for cc, names in pts.items():
                if v in names:
                    votes[num // 100][cc] += 1
    return {g: c.most_common(1)[0][0] for g, c in votes.items() if c}


def main():
    ua = urban_audit_cities()
    pts = places()
    polys = nuts3_polygons()
    overrides = read_overrides()
    qol = qol_cities()
    group_country = qol_countries(qol, ua, pts)

    ua_by_name = defaultdict(list)
    for code, name in ua.items():
        for v in variants(name):
            ua_by_name[(code[:2], v)].append(code)
    rows = {}
    for code, name in sorted(ua.items()):
        rows[code] = {"code": code, "name": name.replace(" (greater city)", ""), "country": code[:2],
                      "qol_number": "", "qol_name": ""}
    unmatched_qol = []
    for num, name in qol:
        country = group_country.get(num // 100, "")
        qid = "QOL%d" % num
        code = overrides.get(qid, {}).get("urban_audit_code", "")
        if not code:
            found = sorted({c for v in variants(name) for c in ua_by_name.get((country, v), [])})
            # a city and its greater city share a name: prefer the city (`C`) code
            found = [c for c in found if c.endswith("C")] or found
            code = found[0] if found else ""
        if code:
            rows[code]["qol_number"], rows[code]["qol_name"] = str(num), name
        else:
            unmatched_qol.append("%s %s (%s)" % (qid, name, country or "country unknown"))
            rows[qid] = {"code": qid, "name": name, "country": country, "qol_number": str(num), "qol_name": name}

    unplaced = []
    for r in rows.values():
        hit = locate(r["name"], r["country"], pts) or (locate(r["qol_name"], r["country"], pts) if r["qol_name"] else None)
        over = overrides.get(r["code"], {}).get("nuts3", "")
        r.update({"place_name": "", "lon": "", "lat": "", "nuts3": "", "placement": ""})
        if hit:
            r["place_name"], r["lon"], r["lat"] = hit[0], "%.3f" % hit[1], "%.3f" % hit[2]
            r["nuts3"], r["placement"] = place_in_nuts3(hit[1], hit[2], r["country"], polys)
        if over:
            r["nuts3"], r["placement"] = over, "override"
        r["nuts2"] = r["nuts3"][:4]
        if not r["nuts3"]:
            unplaced.append("%s %s" % (r["code"], r["name"]))

    cols = ["code", "name", "country", "nuts3", "nuts2", "placement", "place_name", "lon", "lat", "qol_number", "qol_name"]
    tmp = OUT + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for code in sorted(rows):
            w.writerow({k: rows[code][k] for k in cols})
    os.replace(tmp, OUT)

    n_ua = len(ua)
    placed_ua = sum(1 for c, r in rows.items() if c in ua and r["nuts3"])
    inside_n = sum(1 for r in rows.values() if r["placement"] == "inside")
    print("Urban Audit cities: %d; placed in a NUTS 3 region: %d (%.1f %%), %d of them inside a polygon"
          % (n_ua, placed_ua, 100 * placed_ua / n_ua, inside_n))
    print("QoL cities: %d; matched to an Urban Audit code: %d (%.1f %%)"
          % (len(qol), len(qol) - len(unmatched_qol), 100 * (len(qol) - len(unmatched_qol)) / len(qol)))
    print("QoL cities without an Urban Audit code (%d): %s" % (len(unmatched_qol), "; ".join(unmatched_qol)))
    print("cities not placed (%d): %s" % (len(unplaced), "; ".join(unplaced)))
    print("wrote", os.path.relpath(OUT, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
