//! `civis serve`: the portal. With a SQLite database file that does not exist yet, the default
//! database is first built from the data shipped in `data/` (see `civis init-db`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use civis_store::{is_postgres_url, open_store, redacted};
use civis_web::{server, PortalData, ServeOptions};

/// Arguments of `civis serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// SQLite database file (built from `--data` on first start when missing) or a
    /// postgres://user:password@host/db URL.
    #[arg(long, default_value = "civis.db")]
    pub database: String,
    /// The shipped data directory (Eurostat tables, microdata, geometry).
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Do not log requests.
    #[arg(long)]
    pub quiet: bool,
    /// Send the registry's session cookie without `Secure`, for a portal served over plain
    /// http on another host than localhost (never in production).
    #[arg(long)]
    pub insecure_cookies: bool,
}

/// Opens the practice registry on the same database (its own connection and tables) and
/// installs it on the portal's router.
pub fn install_registry(
    database: &str,
    data: Arc<PortalData>,
    insecure_cookies: bool,
) -> Result<()> {
    let db: Box<dyn civis_store::Db> = if is_postgres_url(database) {
        Box::new(civis_store::PgDb::connect(database)?)
    } else {
        Box::new(civis_store::SqliteDb::open(Path::new(database))?)
    };
    let reg = civis_web::registry::Registry::open(
        db,
        data,
        civis_web::registry::RegistryConfig {
            secure_cookies: !insecure_cookies,
            ..Default::default()
        },
    )
    .with_context(|| format!("preparing the practice registry in {}", redacted(database)))?;
    if civis_web::registry::install(reg).is_err() {
        anyhow::bail!("the practice registry was installed twice");
    }
    Ok(())
}

/// Opens (or first builds) the database and loads the portal's read model.
pub fn load(database: &str, data_dir: &Path) -> Result<PortalData> {
    if !is_postgres_url(database) && !Path::new(database).exists() {
        eprintln!(
            "civis serve: {database} does not exist: building the default database from {}",
            data_dir.display()
        );
        let t = Instant::now();
        let summary = crate::default_db::build_default_database_file(
            Path::new(database),
            data_dir,
            false,
            &mut |p| eprintln!("civis serve: [{}/{}] {}", p.done, p.total, p.what),
        )?;
        eprintln!(
            "civis serve: built {database} ({} observations) in {:.1} s",
            summary.observations(),
            t.elapsed().as_secs_f64()
        );
    }
    let store = open_store(database)
        .with_context(|| format!("opening the database {}", redacted(database)))?;
    let (maps, warnings) = server::load_maps(&data_dir.join("geo"));
    for w in warnings {
        eprintln!("civis serve: {w}");
    }
    PortalData::load(&*store, maps)
        .with_context(|| format!("loading the data of {}", redacted(database)))
}

pub fn run(a: &ServeArgs) -> Result<()> {
    let t = Instant::now();
    let data = load(&a.database, &a.data)?;
    eprintln!(
        "civis serve: {} observations, {} indicators, {} areas loaded in {:.2} s; listening on http://{} (Ctrl-C stops)",
        data.obs.len(),
        data.indicators.len(),
        data.areas.len(),
        t.elapsed().as_secs_f64(),
        a.addr
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let data = Arc::new(data);
    install_registry(&a.database, data.clone(), a.insecure_cookies)?;
    runtime.block_on(server::serve(
        data,
        &ServeOptions {
            addr: a.addr,
            log_requests: !a.quiet,
        },
        None,
    ))?;
    eprintln!("civis serve: stopped");
    Ok(())
}
