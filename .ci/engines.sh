#!/usr/bin/env bash
# Install the engines the partial sums SQL of `civis estimate --emit-sql` is run in by
# crates/civis-pipeline/tests/partials_engines.rs: Apache Spark (PySpark from PyPI, local
# mode) on Debian's Java runtime, DuckDB (PyPI), and pyarrow (writes the Parquet copy of the
# microdata). PostgreSQL comes from .ci/postgres.sh.
#
#   source .ci/engines.sh
#
# Exports CIVIS_REQUIRE_SPARK=1 and CIVIS_REQUIRE_DUCKDB=1: the tests then fail instead of
# skipping when an engine is missing. Nothing is downloaded at test time. Idempotent;
# installing Java needs root.

civis_engines_main() {
  if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "engines.sh: missing a Java runtime; install default-jre-headless (as root)" >&2
      return 1
    fi
    echo "engines.sh: installing default-jre-headless (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || return 1
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq default-jre-headless >&2 || return 1
  fi
  python3 -m pip install --quiet pyspark pyarrow duckdb >&2 || return 1
  export CIVIS_REQUIRE_SPARK=1 CIVIS_REQUIRE_DUCKDB=1
  echo "engines.sh: $(java -version 2>&1 | head -n 1), pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)'), duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)'), CIVIS_REQUIRE_SPARK=1 CIVIS_REQUIRE_DUCKDB=1" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  civis_engines_main || exit 1
  echo "export CIVIS_REQUIRE_SPARK=1 CIVIS_REQUIRE_DUCKDB=1"
else
  civis_engines_main || return 1
fi
