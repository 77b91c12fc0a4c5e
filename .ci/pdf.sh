#!/usr/bin/env bash
# Install what the report tests (crates/civis-report/tests, crates/civis-cli/tests/report_pdf.rs)
# need to read the PDFs back: Debian's poppler-utils (pdftotext, pdftoppm).
#
#   source .ci/pdf.sh
#
# Exports CIVIS_REQUIRE_PDF=1: the tests then fail instead of skipping when the tools are
# missing. Nothing is downloaded at test time. Idempotent; installing needs root.

civis_pdf_main() {
  if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "pdf.sh: missing poppler-utils; install this Debian package (as root)" >&2
      return 1
    fi
    echo "pdf.sh: installing poppler-utils (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || return 1
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq poppler-utils >&2 || return 1
  fi
  export CIVIS_REQUIRE_PDF=1
  echo "pdf.sh: $(pdftotext -v 2>&1 | head -n 1), CIVIS_REQUIRE_PDF=1" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  civis_pdf_main || exit 1
  echo "export CIVIS_REQUIRE_PDF=1"
else
  civis_pdf_main || return 1
fi
