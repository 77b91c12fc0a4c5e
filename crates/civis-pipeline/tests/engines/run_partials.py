"""Runs the partial sums SQL of `civis estimate --emit-sql spark|duckdb` over a Parquet copy
of a microdata CSV, in Apache Spark (PySpark, local mode) or DuckDB, and writes the result as
the partial sums CSV that `civis estimate --from-partials` reads.

usage: run_partials.py spark|duckdb DATA.csv QUERY.sql WORK.parquet OUT.csv

The Parquet file is written by pyarrow from the CSV (empty cells are nulls, as civis reads
them); the SQL reads it as the table `microdata`. Floats are written with repr(), which
round-trips every double exactly.
"""

import csv
import sys

import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def parquet_of(data_csv, parquet):
    table = pacsv.read_csv(
        data_csv,
        convert_options=pacsv.ConvertOptions(strings_can_be_null=True),
    )
    pq.write_table(table, parquet)


def spark(sql, parquet):
    from pyspark.sql import SparkSession

    # A small local job: the JVM's quick compiler and serial collector, no adaptive plans and no
    # whole-stage code generation start and run it in about half the time (2 cores, load 12: 94 s -> 49 s).
    session = (
        SparkSession.builder.master("local[1]")
        .appName("civis-partials")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "false")
        .getOrCreate()
    )
    try:
        session.read.parquet(parquet).createOrReplaceTempView("microdata")
        df = session.sql(sql)
        return df.columns, [tuple(r) for r in df.collect()]
    finally:
        session.stop()


def duckdb(sql, parquet):
    import duckdb as db

    con = db.connect()
    con.execute(f"CREATE VIEW microdata AS SELECT * FROM read_parquet('{parquet}')")
    cur = con.execute(sql)
    return [d[0] for d in cur.description], cur.fetchall()


def cell(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def main():
    engine, data_csv, sql_file, parquet, out = sys.argv[1:6]
    with open(sql_file, encoding="utf-8") as f:
        sql = f.read().strip().rstrip(";")
    parquet_of(data_csv, parquet)
    columns, rows = {"spark": spark, "duckdb": duckdb}[engine](sql, parquet)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([cell(v) for v in r])


if __name__ == "__main__":
    main()
