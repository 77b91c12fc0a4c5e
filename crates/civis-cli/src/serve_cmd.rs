//! `civis serve`: the portal. With a SQLite database file that does not exist yet, the default
//! database is first built from the data shipped in `data/` (see `civis init-db`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use civis_store::{is_postgres_url, open_store, redacted};
use civis_web::{server, AppState, ConnectionLimits, PortalData, ServeOptions};

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
    /// Connections open at once, all clients together (lowered to what the process's
    /// file-descriptor limit allows).
    #[arg(long, default_value_t = ConnectionLimits::default().max_connections)]
    pub max_connections: usize,
    /// Connections open at once from one client address.
    #[arg(long, default_value_t = ConnectionLimits::default().max_per_client)]
    pub max_per_client: usize,
}

/// Opens the practice registry on the same database (its own connections and tables).
pub fn open_registry(
    database: &str,
    data: Arc<PortalData>,
    insecure_cookies: bool,
) -> Result<civis_web::registry::Registry> {
    let pool = civis_registry::pool::Pool::for_database(database, civis_web::registry::CONNECTIONS);
    civis_web::registry::Registry::open(
        pool,
        data,
        civis_web::registry::RegistryConfig {
            secure_cookies: !insecure_cookies,
            ..Default::default()
        },
    )
    .with_context(|| format!("preparing the practice registry in {}", redacted(database)))
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

/// The caps of `civis serve`: the options, with the global cap kept below the number of file
/// descriptors the process may open (raised to its hard limit first), so that accepting never
/// fails for want of descriptors.
fn connection_limits(a: &ServeArgs) -> Result<ConnectionLimits> {
    if a.max_connections == 0 || a.max_per_client == 0 {
        anyhow::bail!("--max-connections and --max-per-client must be at least 1");
    }
    let mut limits = ConnectionLimits {
        max_connections: a.max_connections,
        max_per_client: a.max_per_client.min(a.max_connections),
        ..Default::default()
    };
    if let Some(descriptors) = raise_descriptor_limit() {
        // files, the database and the listener need some too
        let room = usize::try_from(descriptors.saturating_sub(64)).unwrap_or(usize::MAX);
        if room < limits.max_connections {
            eprintln!(
                "civis serve: at most {room} connections (the file-descriptor limit is {descriptors})"
            );
            limits.max_connections = room.max(1);
            limits.max_per_client = limits.max_per_client.min(limits.max_connections);
        }
    }
    Ok(limits)
}

/// Raises the soft limit on open files to the hard one; returns the soft limit in force.
#[cfg(unix)]
fn raise_descriptor_limit() -> Option<u64> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return None;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    Some(lim.rlim_cur)
}

#[cfg(not(unix))]
fn raise_descriptor_limit() -> Option<u64> {
    None
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
    let registry = open_registry(&a.database, data.clone(), a.insecure_cookies)?;
    runtime.block_on(server::serve(
        AppState::new(data).with_registry(registry),
        &ServeOptions {
            addr: a.addr,
            log_requests: !a.quiet,
            limits: connection_limits(a)?,
        },
        None,
    ))?;
    eprintln!("civis serve: stopped");
    Ok(())
}
