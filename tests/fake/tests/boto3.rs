//! boto3 against the `workspaces-fake` binary: `tests/py/drive_fake.py` calls every
//! operation and error path as a boto3 user would, and checks what boto3 makes of it,
//! in awsJson 1.1 (boto3's choice) and in rpcv2Cbor (botocore given its own model with
//! only that protocol).
//!
//! Needs `python3` and, on the first run, PyPI: boto3 goes into `<workspace>/target/py-venv`
//! (shared with the workspace's other Python tests, which may add more packages to it).

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The newest boto3 1.44.x when this test was written; pinned so every run talks to the same peer.
const BOTO3_VERSION: &str = "1.44.5";
/// The botocore of `tests/py/requirements.txt` (boto3 takes any 1.44.x; the venv is shared).
const BOTOCORE_VERSION: &str = "1.44.5";
const START_TIMEOUT: Duration = Duration::from_secs(30);
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(180);
/// Longest wait for the fake's log lines after the last call.
const LOG_WAIT: Duration = Duration::from_secs(5);
/// How long to wait for another test process that is building the venv.
const LOCK_TIMEOUT: Duration = Duration::from_secs(15 * 60);

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .to_path_buf()
}

fn has_boto3(python: &Path) -> bool {
    let check = format!(
        "import boto3, botocore, sys; sys.exit(boto3.__version__ != '{BOTO3_VERSION}' or botocore.__version__ != '{BOTOCORE_VERSION}')"
    );
    Command::new(python)
        .args(["-c", &check])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run_checked(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The venv's python, with boto3 installed into it when it lacks it. Builders of the
/// venv take the lock directory `target/py-venv.lock` (created atomically) first.
fn venv_python() -> PathBuf {
    let venv = target_dir().join("py-venv");
    let python = venv.join("bin/python");
    if has_boto3(&python) {
        return python;
    }
    let lock = target_dir().join("py-venv.lock");
    let start = Instant::now();
    while fs::create_dir(&lock).is_err() {
        assert!(
            start.elapsed() < LOCK_TIMEOUT,
            "gave up waiting for {}",
            lock.display()
        );
        sleep(Duration::from_millis(200));
    }
    let _unlock = Cleanup(|| {
        let _ = fs::remove_dir(&lock);
    });
    if !has_boto3(&python) {
        eprintln!(
            "installing boto3 {BOTO3_VERSION} into {} (downloads from PyPI)",
            venv.display()
        );
        if !python.exists() {
            run_checked(Command::new("python3").arg("-m").arg("venv").arg(&venv));
        }
        let (boto3, botocore) = (
            format!("boto3=={BOTO3_VERSION}"),
            format!("botocore=={BOTOCORE_VERSION}"),
        );
        run_checked(Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &boto3,
            &botocore,
        ]));
    }
    python
}

/// Runs its closure when dropped, on failure too.
struct Cleanup<F: FnMut()>(F);

impl<F: FnMut()> Drop for Cleanup<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// The fake as a child process, killed when dropped (a failing test included).
struct FakeProcess {
    child: Child,
    endpoint: String,
    log: PathBuf,
}

impl FakeProcess {
    fn start(name: &str) -> FakeProcess {
        let log = target_dir().join(format!("tmp/workspaces-fake-{name}.log"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_workspaces-fake"))
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--region",
                "eu-west-3",
                "--account",
                "210987654321",
            ])
            .args(["--directory", "d-1234567890"])
            .stdout(Stdio::piped())
            .stderr(fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("workspaces-fake starts");
        // It prints its address once it accepts connections; wait for that, boundedly.
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let mut fake = FakeProcess {
            child,
            endpoint: String::new(),
            log,
        };
        let line = receiver
            .recv_timeout(START_TIMEOUT)
            .unwrap_or_else(|_| panic!("no address in time: {}", fake.log_text()));
        fake.endpoint = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        fake
    }

    fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for FakeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn boto3_drives_every_operation_and_error_path() {
    drive("json");
}

#[test]
fn boto3_drives_every_operation_and_error_path_in_cbor() {
    drive("smithy-rpc-v2-cbor");
}

/// Runs the script against a fresh fake with botocore speaking `protocol` (botocore's
/// name), and checks that it finished and that the fake logged its calls.
fn drive(protocol: &str) {
    let python = venv_python();
    let fake = FakeProcess::start(protocol);
    let data = target_dir().join(format!("tmp/botocore-data-{protocol}"));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/py/drive_fake.py");
    let mut driver = Command::new(python)
        .arg(script)
        .arg(&fake.endpoint)
        .arg(protocol)
        .arg(&data)
        // Only what the script sets: no profile, credentials or metadata service of the host.
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_DATA_PATH")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = driver.try_wait().expect("python is waitable") {
            break status;
        }
        if start.elapsed() > SCRIPT_TIMEOUT {
            let _ = driver.kill();
            panic!(
                "drive_fake.py took over {SCRIPT_TIMEOUT:?}; fake log:\n{}",
                fake.log_text()
            );
        }
        sleep(Duration::from_millis(50));
    };
    let output = driver.wait_with_output().expect("python output");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        status.success(),
        "drive_fake.py failed ({status}):\n{stdout}{stderr}\nfake log:\n{}",
        fake.log_text()
    );
    let done = format!("boto3 drove every operation in {protocol}");
    assert!(stdout.contains(&done), "{stdout}");
    // One log line per call, each naming its operation and status. The fake writes
    // its log every 20 ms, so the last lines may still be on their way.
    let expected = [
        "CreateWorkspacesPool 200 ",
        "UpdateWorkspacesPool 400 ResourceNotFoundException ",
    ];
    let logged = |log: &str| {
        expected
            .iter()
            .all(|head| log.lines().any(|line| line.starts_with(head)))
    };
    let waited = Instant::now();
    while !logged(&fake.log_text()) && waited.elapsed() < LOG_WAIT {
        sleep(Duration::from_millis(20));
    }
    let log = fake.log_text();
    assert!(
        logged(&log),
        "expected lines starting with {expected:?}:\n{log}"
    );
}
