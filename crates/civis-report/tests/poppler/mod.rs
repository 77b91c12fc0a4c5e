//! poppler-utils for the tests that read a PDF back: `pdftotext` (its text) and `pdftoppm` (its
//! pages rendered). Without them the tests say so and pass, unless `CIVIS_REQUIRE_PDF=1` (set by
//! `.ci/pdf.sh`), where they fail. Shared by civis-report's `tests/pdf_text.rs` (`mod poppler;`)
//! and civis-cli's `tests/report_pdf.rs` (by path).

use std::path::Path;
use std::process::Command;

/// Whether `pdftotext` and `pdftoppm` run; when they do not, `what` (the test) is reported as
/// skipped, or the call panics under `CIVIS_REQUIRE_PDF=1`.
pub fn available(what: &str) -> bool {
    let found = ["pdftotext", "pdftoppm"].iter().all(|t| {
        Command::new(t)
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !found {
        if std::env::var("CIVIS_REQUIRE_PDF").as_deref() == Ok("1") {
            panic!("CIVIS_REQUIRE_PDF=1 but pdftotext/pdftoppm are missing (`source .ci/pdf.sh` installs poppler-utils)");
        }
        eprintln!("{what} SKIPPED: pdftotext/pdftoppm missing (poppler-utils; CIVIS_REQUIRE_PDF=1 makes this a failure)");
    }
    found
}

/// The text of the PDF file `pdf` (`pdftotext -raw`: in drawing order, which is reading order).
pub fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Renders pages of the PDF file `pdf` as PNG files `prefix-N.png` (`pdftoppm -png` with the
/// options `args`, such as the resolution and the page range); panics when it fails.
pub fn render(pdf: &Path, prefix: &Path, args: &[&str]) {
    let status = Command::new("pdftoppm")
        .arg("-png")
        .args(args)
        .arg(pdf)
        .arg(prefix)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm {}", pdf.display());
}
