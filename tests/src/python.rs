//! The Python peers of the tests (boto3, botocore, moto): one venv built from
//! `tests/py/requirements.txt`, Python helper scripts of `tests/py/`, and servers run as
//! subprocesses on a free loopback port, killed when dropped.

use std::fs::{self, File};
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime};

/// How long a test binary waits for another one that is building the venv.
const VENV_LOCK_WAIT: Duration = Duration::from_secs(15 * 60);
/// A lock older than this was left by a process that died while building.
const VENV_LOCK_STALE: Duration = Duration::from_secs(12 * 60);
/// How long a server may take from spawn to accepting connections.
const SERVER_START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a helper script of `tests/py/` may run.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(50);

/// `tests/py/`: the requirements and the helper scripts.
pub fn py_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("py")
}

fn target_dir() -> PathBuf {
    crate::workspace_root().join("target")
}

/// The venv's `python`, after installing `tests/py/requirements.txt` into
/// `<workspace>/target/py-venv` unless it was already installed from the same requirements.
///
/// The first run downloads from PyPI (about a minute); later runs only read a marker file.
/// Safe to call from parallel tests and test binaries.
pub fn venv_python() -> PathBuf {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(ensure_venv).clone()
}

/// The venv's `bin/` directory (`moto_server` is there).
pub fn venv_bin() -> PathBuf {
    venv_python()
        .parent()
        .expect("python lives in bin/")
        .to_path_buf()
}

fn ensure_venv() -> PathBuf {
    let venv = target_dir().join("py-venv");
    let python = venv.join("bin/python");
    let requirements_path = py_dir().join("requirements.txt");
    let requirements = fs::read_to_string(&requirements_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", requirements_path.display()));
    // The marker holds the requirements themselves: comparing them needs no hash function
    // whose output could change between Rust versions.
    let marker = venv.join("requirements.installed");
    let is_current = || fs::read_to_string(&marker).is_ok_and(|m| m == requirements);
    if is_current() {
        return python;
    }
    let _lock = DirLock::acquire(&target_dir().join("py-venv.lock"));
    // Another process may have built it while this one waited for the lock.
    if is_current() {
        return python;
    }
    eprintln!(
        "installing tests/py/requirements.txt into {} (first run: downloads from PyPI)",
        venv.display()
    );
    // An existing venv is updated, not replaced: generated/tests/boto3.rs uses the same
    // one (and the same lock), and may be running from it.
    let has_pip = Command::new(&python)
        .args(["-m", "pip", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pip {
        // Missing, or left half-made by a killed run.
        run_checked(
            Command::new("python3")
                .args(["-m", "venv", "--clear"])
                .arg(&venv),
        );
    }
    run_checked(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
            ])
            .args(["--timeout", "60", "--retries", "2", "-r"])
            .arg(&requirements_path),
    );
    // Written last: a build that failed half-way is redone by the next run.
    fs::write(&marker, &requirements)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", marker.display()));
    python
}

fn run_checked(command: &mut Command) {
    let (output, _) = crate::run(command);
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A lock between processes: a directory exists only once (`create_dir` is atomic), and
/// is removed on drop. A lock left by a killed process is broken once it is stale.
struct DirLock {
    path: PathBuf,
}

impl DirLock {
    fn acquire(path: &Path) -> DirLock {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        let start = Instant::now();
        loop {
            match fs::create_dir(path) {
                Ok(()) => {
                    return DirLock {
                        path: path.to_path_buf(),
                    };
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => panic!("cannot create the lock {}: {e}", path.display()),
            }
            let age = fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| SystemTime::now().duration_since(modified).ok());
            if age.is_some_and(|age| age > VENV_LOCK_STALE) {
                eprintln!("breaking the stale lock {}", path.display());
                let _ = fs::remove_dir(path);
                continue;
            }
            assert!(
                start.elapsed() < VENV_LOCK_WAIT,
                "gave up waiting for the lock {}",
                path.display()
            );
            sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.path);
    }
}

/// Runs `tests/py/<script>` with the venv's python, `args` and `stdin`; panics unless it
/// succeeds, and returns its standard output.
pub fn run_script(script: &str, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(venv_python())
        .arg(py_dir().join(script))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    // Fine to write all of it first: the scripts read their whole input before writing.
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .unwrap_or_else(|e| panic!("cannot write to {script}: {e}"));
    // Bounded wait; the scripts print little, so their output fits in the pipes meanwhile.
    let start = Instant::now();
    while child.try_wait().is_ok_and(|status| status.is_none()) {
        if start.elapsed() > SCRIPT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{script} {args:?} did not finish within {SCRIPT_TIMEOUT:?}");
        }
        sleep(Duration::from_millis(10));
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cannot wait for {script}: {e}"));
    assert!(
        output.status.success(),
        "{script} {args:?} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the scripts print UTF-8")
}

/// A server subprocess listening on a loopback port; killed when dropped, so a failing
/// test does not leave it behind.
pub struct ServerProcess {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl ServerProcess {
    /// Starts `command(port)` for a free port of 127.0.0.1 and waits (bounded) until the
    /// port accepts connections. Its output goes to `target/peer-logs/<name>-<port>.log`.
    pub fn start(name: &str, command: impl Fn(u16) -> Command) -> ServerProcess {
        // Another process may take the port between the probe and the server's bind:
        // then the server exits, and a new port is tried.
        for _ in 0..3 {
            let port = free_port();
            let log = target_dir()
                .join("peer-logs")
                .join(format!("{name}-{port}.log"));
            fs::create_dir_all(log.parent().expect("a parent"))
                .expect("cannot create target/peer-logs");
            let log_file = File::create(&log)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", log.display()));
            let child = command(port)
                .stdin(Stdio::null())
                .stdout(log_file.try_clone().expect("cannot clone a file handle"))
                .stderr(log_file)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
            let mut server = ServerProcess { child, port, log };
            if server.wait_until_listening() {
                return server;
            }
        }
        panic!("{name} did not start on any of three ports (logs in target/peer-logs/)");
    }

    /// Whether the server accepts connections before the timeout; false if it exited.
    fn wait_until_listening(&mut self) -> bool {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let start = Instant::now();
        while start.elapsed() < SERVER_START_TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                eprintln!("server exited with {status}:\n{}", self.log_text());
                return false;
            }
            if TcpStream::connect_timeout(&address, POLL).is_ok() {
                return true;
            }
            sleep(POLL);
        }
        panic!(
            "server not listening on {address} after {SERVER_START_TIMEOUT:?}:\n{}",
            self.log_text()
        );
    }

    /// The port it listens on (of 127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the server printed so far, for failure messages.
    pub fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The log is kept only to explain a failure.
        if !std::thread::panicking() {
            let _ = fs::remove_file(&self.log);
        }
    }
}

/// A port of 127.0.0.1 that was free a moment ago (the OS picks it for port 0).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("cannot bind 127.0.0.1:0");
    listener
        .local_addr()
        .expect("a bound listener has an address")
        .port()
}

/// moto's server on a free port, from the venv.
pub fn start_moto() -> ServerProcess {
    let moto_server = venv_bin().join("moto_server");
    ServerProcess::start("moto", |port| {
        let mut command = Command::new(&moto_server);
        command.args(["-H", "127.0.0.1", "-p", &port.to_string()]);
        command
    })
}
