//! `civis report GEO --out FILE.pdf`: the profile of an area as a PDF document, the same as the
//! portal's `/areas/GEO/report.pdf`. The binary only opens the database, calls
//! [`civis_web::report::area_report`] and writes the file through a temporary file and a
//! rename, so an unknown area or a failure leaves no file behind.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{anyhow, bail, Result};
use clap::Args;

use civis_store::is_postgres_url;
use civis_web::report::{area_report, Lang};

use crate::output::write_atomically;

/// Arguments of `civis report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// The area's code, as in the portal's address `/areas/GEO` (`AT13`, `FR002C`).
    pub geo: String,
    /// The PDF file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// SQLite database file or a postgres://user:password@host/db URL.
    #[arg(long, default_value = "civis.db")]
    pub database: String,
    /// The shipped data directory (map geometry).
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Language of the report: en or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

pub fn run(a: &ReportArgs) -> Result<()> {
    let t = Instant::now();
    let lang = Lang::parse(&a.lang).ok_or_else(|| {
        anyhow!(
            "--lang {}: the report is offered in {}",
            a.lang,
            Lang::ALL.map(Lang::code).join(" and ")
        )
    })?;
    if !is_postgres_url(&a.database) && !Path::new(&a.database).exists() {
        bail!(
            "--database {}: the file does not exist (`civis init-db` builds the default database)",
            a.database
        );
    }
    let data = crate::serve_cmd::load(&a.database, &a.data)?;
    let pdf = area_report(&data, &a.geo, lang)?;
    write_atomically(&a.out, |w| Ok(w.write_all(&pdf)?))?;
    eprintln!(
        "civis report: {} ({} bytes) written in {:.2} s",
        a.out.display(),
        pdf.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
