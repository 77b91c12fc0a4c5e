//! `civis catalog`: the indicator catalogue as a readable reference.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use civis_catalog::render::{to_markdown, to_text};
use civis_catalog::Catalogue;

use crate::output::write_atomically;

/// Arguments of `civis catalog`.
#[derive(Debug, Clone, Args)]
pub struct CatalogArgs {
    /// text (default) or md (Markdown with every definition).
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Render the built-in catalogue.
pub fn render(args: &CatalogArgs) -> Result<String> {
    let c = Catalogue::default_catalogue()?;
    Ok(match args.format.as_str() {
        "text" => to_text(&c),
        "md" | "markdown" => to_markdown(&c),
        other => bail!("--format `{other}`: expected text or md"),
    })
}

pub fn run(args: &CatalogArgs) -> Result<()> {
    let text = render(args)?;
    match &args.out {
        Some(p) => write_atomically(p, |w| {
            use std::io::Write;
            w.write_all(text.as_bytes())?;
            Ok(())
        }),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}
