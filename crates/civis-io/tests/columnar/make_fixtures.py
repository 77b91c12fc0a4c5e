#!/usr/bin/env python3
"""Writes the columnar test fixtures of civis-io with pyarrow (26.0.1 made the committed ones).

  python3 make_fixtures.py [EUSILC_CSV]   (default ../shared/data/microdata/eusilc.csv from the repo root)

eusilc.parquet  eusilc.csv (all 14,827 rows) read by pyarrow's CSV reader, 8 columns, snappy,
                row groups of 4,000 rows: tests/columnar.rs checks it reads as the CSV does.
eusilc.feather  the same rows, 7 columns, as Feather v2 (Arrow IPC file, LZ4 frames), record
                batches of 4,000 rows, with narrower integers and dictionary-encoded text.
edge.arrows     a small Arrow IPC *stream*: nulls, NaN, blank text, a decimal, a large string,
                a string view, and the refused types (boolean, date, infinite float).
"""
import datetime
import decimal
import os
import sys

import pyarrow as pa
import pyarrow.csv as pc
import pyarrow.feather as pf
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/microdata/eusilc.csv"
    t = pc.read_csv(src)
    pq.write_table(
        t.select(["db030", "db040", "rb090", "pb220a", "pl030", "age", "eqIncome", "rb050"]),
        os.path.join(HERE, "eusilc.parquet"),
        row_group_size=4000,
        compression="snappy",
    )
    f = t.select(["db030", "db040", "rb090", "pb220a", "pl030", "age", "rb050"])
    f = f.set_column(0, "db030", f["db030"].cast(pa.int32()))
    f = f.set_column(4, "pl030", f["pl030"].cast(pa.int8()))
    f = f.set_column(5, "age", f["age"].cast(pa.int16()))
    for i in (1, 2, 3):
        f = f.set_column(i, f.schema.field(i).name, f.column(i).dictionary_encode())
    pf.write_feather(f, os.path.join(HERE, "eusilc.feather"), chunksize=4000, compression="lz4")

    edge = pa.table({
        "x": pa.array([1.5, None, float("nan"), -2.0], pa.float64()),
        "n": pa.array([1, 2, None, 4], pa.uint16()),
        "d": pa.array([decimal.Decimal("0.10"), decimal.Decimal("12.34"), None,
                       decimal.Decimal("-7.05")], pa.decimal128(9, 2)),
        "s": pa.array(["b", " ", None, "a"], pa.large_string()),
        "v": pa.array(["p", "q", "p", ""], pa.string_view()),
        "k": pa.array(["z", "y", "z", None]).dictionary_encode(),
        "empty": pa.array([None] * 4, pa.null()),
        "flag": pa.array([True, False, None, True]),
        "day": pa.array([datetime.date(2024, 1, d) for d in (1, 2, 3, 4)]),
        "inf": pa.array([0.0, 1.0, float("inf"), 2.0]),
    })
    with ipc.new_stream(os.path.join(HERE, "edge.arrows"), edge.schema) as w:
        w.write_table(edge, max_chunksize=2)


if __name__ == "__main__":
    main()
