//! `workspaces-fake`: an in-memory WorkSpaces that speaks awsJson 1.1, for tests and
//! local development with any AWS SDK (point its endpoint at the printed address).
//!
//! ```text
//! cargo run --release --bin workspaces-fake -- --port 4566 [--host 127.0.0.1]
//!     [--region us-east-1] [--account 123456789012] [--directory d-1234567890 ...]
//! ```
//!
//! It prints `listening on http://HOST:PORT` on stdout once it accepts connections
//! (`--port 0` picks a free port), then one line per call on stderr (written out every 20 ms), and stops on Ctrl-C.

/// Calls clone and free many small strings across the worker threads, which mimalloc
/// does for less CPU than glibc's allocator (see the README's server benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    if std::env::args().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return std::process::ExitCode::SUCCESS;
    }
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("workspaces-fake: {message}\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    match runtime.block_on(run(options)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("workspaces-fake: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: workspaces-fake [--port 4566] [--host 127.0.0.1] [--region us-east-1] \
                     [--account 123456789012] [--directory d-1234567890 ...]";

struct Options {
    host: String,
    port: u16,
    fake: workspaces_fake::FakeConfig,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
        let mut options = Options {
            host: "127.0.0.1".into(),
            port: 4566,
            fake: workspaces_fake::FakeConfig::default(),
        };
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--host" => options.host = value,
                "--port" => {
                    options.port = value
                        .parse()
                        .map_err(|_| format!("--port {value}: not a port number"))?
                }
                "--region" => options.fake.region = value,
                "--account" => options.fake.account = value,
                "--directory" => {
                    options.fake.directories.insert(value);
                }
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(options)
    }
}

async fn run(options: Options) -> std::io::Result<()> {
    use workspaces::server::{ServerConfig, router_with_config, serve};
    let listener = tokio::net::TcpListener::bind((options.host.as_str(), options.port)).await?;
    let address = listener.local_addr()?;
    let log = CallLogBuffer::default();
    log.flush_every(LOG_FLUSH_INTERVAL);
    let config = ServerConfig::default().on_call({
        let log = log.clone();
        move |call| log.append(call)
    });
    let router = router_with_config(workspaces_fake::Fake::new(options.fake), config);
    println!("listening on http://{address}");
    serve(listener, router, async {
        // No signal handler to be had: serve until the process is killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await;
    log.flush();
    Ok(())
}

/// How long a call's log line may wait in memory before it reaches stderr.
const LOG_FLUSH_INTERVAL: std::time::Duration = std::time::Duration::from_millis(20);

/// The call log: lines gather in memory and a thread of their own writes them to
/// stderr every [`LOG_FLUSH_INTERVAL`]. A call then costs no write(2) and holds a lock
/// only to copy its line; writing each line at once took a fifth of the server's time
/// under load (the syscall, and the two workers waiting on each other for stderr).
#[derive(Clone, Default)]
struct CallLogBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl CallLogBuffer {
    fn lines(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        // Lines are appended whole, so a panic elsewhere leaves the buffer usable.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn append(&self, call: &workspaces::server::CallLog<'_>) {
        // Formatted before taking the lock, so that the lock is held for a copy only.
        let line = format!("{call}\n");
        self.lines().extend_from_slice(line.as_bytes());
    }

    /// Writes out what has gathered; the lock is not held while writing.
    fn flush(&self) {
        use std::io::Write;
        let lines = std::mem::take(&mut *self.lines());
        if !lines.is_empty() {
            let _ = std::io::stderr().write_all(&lines);
        }
    }

    fn flush_every(&self, interval: std::time::Duration) {
        let log = self.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(interval);
                log.flush();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::Options;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn options_have_defaults_and_every_flag_sets_one() {
        let options = parse(&[]).unwrap();
        assert_eq!((options.host.as_str(), options.port), ("127.0.0.1", 4566));
        assert!(options.fake.directories.is_empty());
        let args = [
            "--port",
            "0",
            "--host",
            "::1",
            "--region",
            "eu-west-3",
            "--account",
            "1",
            "--directory",
            "d-1",
            "--directory",
            "d-2",
        ];
        let options = parse(&args).unwrap();
        assert_eq!((options.host.as_str(), options.port), ("::1", 0));
        assert_eq!(
            (options.fake.region.as_str(), options.fake.account.as_str()),
            ("eu-west-3", "1")
        );
        assert_eq!(options.fake.directories.len(), 2);
    }

    #[test]
    fn bad_options_are_explained() {
        assert_eq!(
            parse(&["--port", "http"]).err().unwrap(),
            "--port http: not a port number"
        );
        assert_eq!(
            parse(&["--region"]).err().unwrap(),
            "--region needs a value"
        );
        assert_eq!(
            parse(&["--verbose", "1"]).err().unwrap(),
            "unknown option --verbose"
        );
    }
}
