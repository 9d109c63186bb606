//! `cargo xtask serve-bench [--duration SECS] [--connections N] [--threads N] [--rounds N]`:
//! throughput and latency of the generated server, a benchmark rather than a test.
//!
//! With `wrk` (Debian package `wrk`) as the load generator, on 127.0.0.1 only:
//! - DescribeWorkspacesPools against `workspaces-fake` holding 10 pools, in awsJson 1.1
//!   and in rpcv2Cbor, beside a bare hyper handler (`tests/examples/bare_hyper.rs`)
//!   answering the awsJson body byte for byte, and the same handler after 2 and 5 µs of
//!   busy work per request (calibration);
//! - CreateWorkspaces (one request for the unknown directory `d-0123456789`, so both
//!   answer it as a FailedRequest and store nothing) against the fake in both protocols,
//!   against its bare ceiling, and against moto from `target/py-venv` (made by the peer tests).
//!
//! Rounds alternate the targets of an operation, and each row is the round with the
//! median requests/s, so a burst of noise on the machine hits all of them alike. The
//! server's own CPU time per request (from procfs) is reported too: on a small machine
//! wrk takes cores from the server, and requests/s mixes both.
//! Every process it starts is killed when its guard drops, on errors too.

use serde_json::json;
use smithy_lite_runtime::cbor::json_to_cbor;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// moto routes by the SigV4 credential scope and verifies nothing, so a fixed header
/// does; the fake ignores it. Both get the same requests.
const AUTHORIZATION: &str = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/workspaces/aws4_request, \
                             SignedHeaders=host, Signature=00";
const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
const DESCRIBE: &str = "DescribeWorkspacesPools";
const CREATE: &str = "CreateWorkspaces";
/// Not among the fake's `--directory` list nor registered in moto: a FailedRequest in both.
const CREATE_BODY: &str = r#"{"Workspaces":[{"DirectoryId":"d-0123456789","UserName":"bench-user","BundleId":"wsb-0123456789"}]}"#;
/// The fake knows only this directory during the CreateWorkspaces runs.
const KNOWN_DIRECTORY: &str = "d-9999999999";
const POOLS: usize = 10;
/// The calibration handlers: the bare one after some µs of busy work per request, to
/// show what the 0.8 target leaves for routing, validation, the fake and the codec.
const CALIBRATION: [(u64, &str); 2] = [
    (2, "bare hyper + 2 µs busy (calibration)"),
    (5, "bare hyper + 5 µs busy (calibration)"),
];
/// Unmeasured load before each measured run: fills caches, and moto loads its backend.
const WARMUP: Duration = Duration::from_secs(2);
const START_TIMEOUT: Duration = Duration::from_secs(60);
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// The protocol of a benchmark's requests.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wire {
    AwsJson,
    RpcV2Cbor,
}

impl Wire {
    fn name(self) -> &'static str {
        match self {
            Wire::AwsJson => "json",
            Wire::RpcV2Cbor => "cbor",
        }
    }
}

struct Options {
    duration: u64,
    connections: u32,
    threads: u32,
    rounds: usize,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            duration: 10,
            connections: 32,
            threads: 2,
            rounds: 3,
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number = || {
                value
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{flag} {value}: not a positive number"))
            };
            match flag.as_str() {
                "--duration" => options.duration = number()?,
                "--connections" => {
                    options.connections = u32::try_from(number()?).map_err(|e| e.to_string())?
                }
                "--threads" => {
                    options.threads = u32::try_from(number()?).map_err(|e| e.to_string())?
                }
                "--rounds" => {
                    options.rounds = usize::try_from(number()?).map_err(|e| e.to_string())?
                }
                other => return Err(format!("serve-bench: unknown option {other}")),
            }
        }
        Ok(options)
    }
}

/// Builds, starts, loads and stops everything; prints the report on stdout.
pub fn run(root: &Path, args: &[String]) -> Result<String, String> {
    let options = Options::parse(args)?;
    let target = root.join("target");
    let moto_server = target.join("py-venv/bin/moto_server");
    if !moto_server.exists() {
        return Err(format!(
            "{} is missing: make the venv first with `cargo test -p tests --test peer_moto`",
            moto_server.display()
        ));
    }
    let wrk_version = wrk_version()?;
    let machine = machine();
    let work = target.join("serve-bench");
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    cargo_build(
        root,
        &["--package", "workspaces-fake", "--bin", "workspaces-fake"],
    )?;
    cargo_build(root, &["--package", "tests", "--example", "bare_hyper"])?;
    let fake_bin = target.join("release/workspaces-fake");
    let bare_bin = target.join("release/examples/bare_hyper");
    let bench = Bench {
        options: &options,
        work: &work,
    };

    // DescribeWorkspacesPools: a seeded fake and the same answer from the bare handler.
    let mut rows = Vec::new();
    {
        let fake = Server::start("fake-describe", &work, |port| {
            let mut command = Command::new(&fake_bin);
            command.args(["--host", "127.0.0.1", "--port", &port.to_string()]);
            command
        })?;
        seed_pools(fake.port)?;
        let body = expect_ok(post(fake.port, DESCRIBE, "{}")?, "fake", DESCRIBE)?;
        let body_file = write_body(&work, "describe", &body)?;
        let bare = start_bare(&bare_bin, &work, "describe", &body_file, 0)?;
        if expect_ok(post(bare.port, DESCRIBE, "{}")?, "bare hyper", DESCRIBE)? != body {
            return Err("the bare handler's body differs from the fake's".into());
        }
        let calibration = CALIBRATION
            .iter()
            .map(|&(micros, name)| {
                Ok((
                    name,
                    start_bare(&bare_bin, &work, "describe", &body_file, micros)?,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let cbor_body = expect_ok(
            post_in(
                Wire::RpcV2Cbor,
                fake.port,
                DESCRIBE,
                &json_to_cbor(&json!({})),
            )?,
            "fake",
            DESCRIBE,
        )?;
        let mut targets = vec![
            ("bare hyper (ceiling)", &bare, body.len(), Wire::AwsJson),
            ("workspaces-fake", &fake, body.len(), Wire::AwsJson),
            (
                "workspaces-fake, rpcv2Cbor",
                &fake,
                cbor_body.len(),
                Wire::RpcV2Cbor,
            ),
        ];
        targets.extend(
            calibration
                .iter()
                .map(|(name, server)| (*name, server, body.len(), Wire::AwsJson)),
        );
        rows.extend(bench.compare(DESCRIBE, &json!({}), &targets)?);
    }
    // CreateWorkspaces: the fake, its bare ceiling, and moto.
    {
        let fake = Server::start("fake-create", &work, |port| {
            let mut command = Command::new(&fake_bin);
            command.args([
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--directory",
                KNOWN_DIRECTORY,
            ]);
            command
        })?;
        let create_body: serde_json::Value =
            serde_json::from_str(CREATE_BODY).map_err(|e| e.to_string())?;
        let fake_body = expect_ok(post(fake.port, CREATE, CREATE_BODY)?, "fake", CREATE)?;
        let fake_cbor_body = expect_ok(
            post_in(
                Wire::RpcV2Cbor,
                fake.port,
                CREATE,
                &json_to_cbor(&create_body),
            )?,
            "fake",
            CREATE,
        )?;
        let body_file = write_body(&work, "create", &fake_body)?;
        let bare = start_bare(&bare_bin, &work, "create", &body_file, 0)?;
        let moto = Server::start("moto", &work, |port| {
            let mut command = Command::new(&moto_server);
            command.args(["-H", "127.0.0.1", "-p", &port.to_string()]);
            command
        })?;
        let moto_body = expect_ok(post(moto.port, CREATE, CREATE_BODY)?, "moto", CREATE)?;
        for (name, body) in [("fake", &fake_body), ("moto", &moto_body)] {
            if !String::from_utf8_lossy(body).contains("ResourceNotFound.Directory") {
                return Err(format!(
                    "{name} did not answer a FailedRequest: {}",
                    String::from_utf8_lossy(body)
                ));
            }
        }
        let targets = [
            (
                "bare hyper (ceiling)",
                &bare,
                fake_body.len(),
                Wire::AwsJson,
            ),
            ("workspaces-fake", &fake, fake_body.len(), Wire::AwsJson),
            (
                "workspaces-fake, rpcv2Cbor",
                &fake,
                fake_cbor_body.len(),
                Wire::RpcV2Cbor,
            ),
            ("moto 5.2.5", &moto, moto_body.len(), Wire::AwsJson),
        ];
        rows.extend(bench.compare(CREATE, &create_body, &targets)?);
    }

    // The fake logs every call: hundreds of MB a run, kept only to explain a failure.
    for entry in fs::read_dir(&work).map_err(|e| format!("{}: {e}", work.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "log") {
            let _ = fs::remove_file(path);
        }
    }
    let mut report = format!(
        "{}, {wrk_version}: {}s per run after {}s warm-up, {} threads, {} connections, median of {} rounds by requests/s\n\n",
        machine,
        options.duration,
        WARMUP.as_secs(),
        options.threads,
        options.connections,
        options.rounds
    );
    report.push_str(
        "| operation | target | response bytes | requests/s | p50 | p99 | errors | ratio to ceiling | server CPU per request |\n",
    );
    report.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for row in &rows {
        report.push_str(&format!(
            "| {} | {} | {} | {:.0} | {} | {} | {} | {:.3} | {} |\n",
            row.operation,
            row.target,
            row.bytes,
            row.result.requests_per_sec,
            micros(row.result.p50_us),
            micros(row.result.p99_us),
            row.result.errors(),
            row.ratio,
            row.result
                .server_cpu_us
                .map_or("?".into(), |us| format!("{us:.1} µs")),
        ));
    }
    println!("{report}");
    Ok(String::new())
}

struct Row {
    operation: &'static str,
    target: &'static str,
    bytes: usize,
    result: WrkResult,
    ratio: f64,
}

struct Bench<'a> {
    options: &'a Options,
    work: &'a Path,
}

impl Bench<'_> {
    /// Runs every target once per round, in turn; the first target is the ceiling.
    fn compare(
        &self,
        operation: &'static str,
        body: &serde_json::Value,
        targets: &[(&'static str, &Server, usize, Wire)],
    ) -> Result<Vec<Row>, String> {
        let script = |wire: Wire| self.work.join(format!("{operation}-{}.lua", wire.name()));
        for wire in [Wire::AwsJson, Wire::RpcV2Cbor] {
            let path = script(wire);
            fs::write(&path, lua_script(wire, operation, body))
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let mut results: Vec<Vec<WrkResult>> = targets.iter().map(|_| Vec::new()).collect();
        for round in 1..=self.options.rounds {
            for ((name, server, _, wire), results) in targets.iter().zip(&mut results) {
                let script = script(*wire);
                eprintln!(
                    "serve-bench: {operation} against {name}, round {round}/{}",
                    self.options.rounds
                );
                self.wrk(&script, server, WARMUP)?;
                results.push(self.wrk(
                    &script,
                    server,
                    Duration::from_secs(self.options.duration),
                )?);
            }
        }
        let medians: Vec<WrkResult> = results
            .into_iter()
            .map(|mut runs| {
                runs.sort_by(|a, b| a.requests_per_sec.total_cmp(&b.requests_per_sec));
                runs.swap_remove(runs.len() / 2)
            })
            .collect();
        let ceiling = medians[0].requests_per_sec;
        Ok(targets
            .iter()
            .zip(medians)
            .map(|(&(target, _, bytes, _), result)| Row {
                operation,
                target,
                bytes,
                ratio: result.requests_per_sec / ceiling,
                result,
            })
            .collect())
    }

    fn wrk(&self, script: &Path, server: &Server, duration: Duration) -> Result<WrkResult, String> {
        let mut command = Command::new("wrk");
        command
            .arg(format!("--threads={}", self.options.threads))
            .arg(format!("--connections={}", self.options.connections))
            .arg(format!("--duration={}s", duration.as_secs()))
            .args(["--timeout=10s", "--latency", "--script"])
            .arg(script)
            .arg(format!("http://127.0.0.1:{}/", server.port));
        let cpu_before = server.cpu_seconds();
        let output = run_bounded(&mut command, duration + Duration::from_secs(30))?;
        let cpu = cpu_before
            .zip(server.cpu_seconds())
            .map(|(before, after)| after - before);
        let text = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!(
                "wrk failed ({}): {text}{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let mut result =
            WrkResult::parse(&text).ok_or_else(|| format!("cannot read wrk's output:\n{text}"))?;
        result.server_cpu_us = cpu.map(|seconds| seconds * 1e6 / result.requests.max(1) as f64);
        Ok(result)
    }
}

/// The numbers of one wrk run that the report shows.
struct WrkResult {
    requests: u64,
    requests_per_sec: f64,
    p50_us: f64,
    p99_us: f64,
    /// Answers with status 400 or more (wrk's "Non-2xx or 3xx responses").
    non_2xx: u64,
    /// connect, read, write and timeout errors.
    socket_errors: u64,
    /// The server's CPU time (user + system) per request: unlike requests/s, it does not
    /// depend on how much CPU wrk and other processes leave to the server.
    server_cpu_us: Option<f64>,
}

impl WrkResult {
    fn parse(text: &str) -> Option<WrkResult> {
        let line_after = |prefix: &str| {
            text.lines()
                .map(str::trim)
                .find_map(|line| line.strip_prefix(prefix))
                .map(str::trim)
        };
        let socket_errors = match line_after("Socket errors:") {
            // "connect 0, read 0, write 0, timeout 0"
            Some(counts) => counts
                .split(',')
                .map(|c| c.split_whitespace().last()?.parse::<u64>().ok())
                .sum::<Option<u64>>()?,
            None => 0,
        };
        // "  558214 requests in 10.01s, 75.18MB read"
        let requests = text.lines().find_map(|line| {
            let (count, rest) = line.trim().split_once(' ')?;
            rest.starts_with("requests in")
                .then(|| count.parse().ok())?
        })?;
        Some(WrkResult {
            requests,
            requests_per_sec: line_after("Requests/sec:")?.parse().ok()?,
            p50_us: parse_latency(line_after("50%")?)?,
            p99_us: parse_latency(line_after("99%")?)?,
            non_2xx: line_after("Non-2xx or 3xx responses:").map_or(Some(0), |n| n.parse().ok())?,
            socket_errors,
            server_cpu_us: None,
        })
    }

    fn errors(&self) -> String {
        match (self.non_2xx, self.socket_errors) {
            (0, 0) => "0".into(),
            (http, 0) => format!("{http} non-2xx"),
            (http, socket) => format!("{http} non-2xx, {socket} socket"),
        }
    }
}

/// wrk's latencies: `421.00us`, `1.08ms`, `2.10s`.
fn parse_latency(text: &str) -> Option<f64> {
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1e3)
    } else {
        (text.strip_suffix('s')?, 1e6)
    };
    Some(number.parse::<f64>().ok()? * scale)
}

fn micros(us: f64) -> String {
    if us < 1000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.2} ms", us / 1000.0)
    }
}

/// wrk sends the same POST on every connection: awsJson with `[==[ ]==]` quoting the
/// JSON verbatim; rpcv2Cbor with the CBOR bytes as Lua decimal escapes.
fn lua_script(wire: Wire, operation: &str, body: &serde_json::Value) -> String {
    match wire {
        Wire::AwsJson => format!(
            "wrk.method = \"POST\"\n\
             wrk.headers[\"Content-Type\"] = \"{CONTENT_TYPE}\"\n\
             wrk.headers[\"X-Amz-Target\"] = \"WorkspacesService.{operation}\"\n\
             wrk.headers[\"Authorization\"] = \"{AUTHORIZATION}\"\n\
             wrk.body = [==[{body}]==]\n"
        ),
        Wire::RpcV2Cbor => {
            let bytes: String = json_to_cbor(body)
                .iter()
                .map(|b| format!("\\{b}"))
                .collect();
            format!(
                "wrk.method = \"POST\"\n\
                 wrk.path = \"/service/WorkspacesService/operation/{operation}\"\n\
                 wrk.headers[\"Content-Type\"] = \"application/cbor\"\n\
                 wrk.headers[\"smithy-protocol\"] = \"rpc-v2-cbor\"\n\
                 wrk.headers[\"Authorization\"] = \"{AUTHORIZATION}\"\n\
                 wrk.body = \"{bytes}\"\n"
            )
        }
    }
}

/// A server subprocess on a free port of 127.0.0.1, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts `command(port)` and waits (bounded) until the port accepts connections;
    /// output goes to `<work>/<name>.log`. A port taken meanwhile makes it exit: retried.
    fn start(name: &str, work: &Path, command: impl Fn(u16) -> Command) -> Result<Server, String> {
        let log_path = work.join(format!("{name}.log"));
        for _ in 0..3 {
            let port = TcpListener::bind(("127.0.0.1", 0))
                .and_then(|l| l.local_addr())
                .map_err(|e| e.to_string())?
                .port();
            let log =
                File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
            let child = command(port)
                .stdin(Stdio::null())
                .stdout(log.try_clone().map_err(|e| e.to_string())?)
                .stderr(log)
                .spawn()
                .map_err(|e| format!("cannot start {name}: {e}"))?;
            let mut server = Server { child, port };
            let address = SocketAddr::from(([127, 0, 0, 1], port));
            let started = Instant::now();
            while started.elapsed() < START_TIMEOUT {
                if server
                    .child
                    .try_wait()
                    .map_err(|e| e.to_string())?
                    .is_some()
                {
                    break;
                }
                if TcpStream::connect_timeout(&address, Duration::from_millis(100)).is_ok() {
                    return Ok(server);
                }
                sleep(Duration::from_millis(50));
            }
            if started.elapsed() >= START_TIMEOUT {
                return Err(format!(
                    "{name} not listening after {START_TIMEOUT:?}; see {}",
                    log_path.display()
                ));
            }
            drop(server);
        }
        Err(format!(
            "{name} did not start on three ports; see {}",
            log_path.display()
        ))
    }

    /// CPU time used so far, from `/proc/PID/stat` (fields 14 and 15, in USER_HZ, which
    /// Linux fixes at 100 for user space); None where there is no procfs.
    fn cpu_seconds(&self) -> Option<f64> {
        let stat = fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // The command name (field 2) may hold spaces: count fields after its ')'.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(ticks as f64 / 100.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes the body a bare handler answers with, once for all the handlers serving it.
fn write_body(work: &Path, name: &str, body: &[u8]) -> Result<PathBuf, String> {
    let body_path = work.join(format!("{name}-body.json"));
    fs::write(&body_path, body).map_err(|e| format!("{}: {e}", body_path.display()))?;
    Ok(body_path)
}

/// The bare handler `name` answering with the file `body`, after `work_us` µs of busy
/// work per request.
fn start_bare(
    bin: &Path,
    work: &Path,
    name: &str,
    body: &Path,
    work_us: u64,
) -> Result<Server, String> {
    Server::start(&format!("bare-{name}-{work_us}us"), work, |port| {
        let mut command = Command::new(bin);
        command
            .args([
                "--port",
                &port.to_string(),
                "--work-us",
                &work_us.to_string(),
                "--body",
            ])
            .arg(body);
        command
    })
}

/// Pools with every optional member the request can set, so each listed pool is full-size.
fn seed_pools(port: u16) -> Result<(), String> {
    for i in 1..=POOLS {
        let body = json!({
            "PoolName": format!("bench-pool-{i:02}"),
            "Description": format!("Benchmark pool {i} of {POOLS}"),
            "BundleId": "wsb-0123456789",
            "DirectoryId": "d-0123456789",
            "Capacity": { "DesiredUserSessions": 10 * i },
            "ApplicationSettings": { "Status": "ENABLED", "SettingsGroup": "bench" },
            "TimeoutSettings": {
                "DisconnectTimeoutInSeconds": 900,
                "IdleDisconnectTimeoutInSeconds": 600,
                "MaxUserDurationInSeconds": 36000
            },
            "RunningMode": "AUTO_STOP"
        });
        expect_ok(
            post(port, "CreateWorkspacesPool", &body.to_string())?,
            "fake",
            "CreateWorkspacesPool",
        )?;
    }
    Ok(())
}

fn expect_ok(
    (status, body): (u16, Vec<u8>),
    who: &str,
    operation: &str,
) -> Result<Vec<u8>, String> {
    if status == 200 {
        Ok(body)
    } else {
        Err(format!(
            "{who} answered {operation} with {status}: {}",
            String::from_utf8_lossy(&body)
        ))
    }
}

/// One awsJson call: see [`post_in`].
fn post(port: u16, operation: &str, body: &str) -> Result<(u16, Vec<u8>), String> {
    post_in(Wire::AwsJson, port, operation, body.as_bytes())
}

/// One call over a fresh connection (`Connection: close`, so the body is the rest of
/// the stream): the status and the body.
fn post_in(wire: Wire, port: u16, operation: &str, body: &[u8]) -> Result<(u16, Vec<u8>), String> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream =
        TcpStream::connect_timeout(&address, IO_TIMEOUT).map_err(|e| format!("{address}: {e}"))?;
    stream
        .set_read_timeout(Some(IO_TIMEOUT))
        .map_err(|e| e.to_string())?;
    stream
        .set_write_timeout(Some(IO_TIMEOUT))
        .map_err(|e| e.to_string())?;
    let (path, protocol_headers) = match wire {
        Wire::AwsJson => (
            "/".to_owned(),
            format!(
                "Content-Type: {CONTENT_TYPE}\r\nX-Amz-Target: WorkspacesService.{operation}\r\n"
            ),
        ),
        Wire::RpcV2Cbor => (
            format!("/service/WorkspacesService/operation/{operation}"),
            "Content-Type: application/cbor\r\nsmithy-protocol: rpc-v2-cbor\r\n".to_owned(),
        ),
    };
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{protocol_headers}\
         Authorization: {AUTHORIZATION}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    stream
        .write_all(&request)
        .map_err(|e| format!("{address}: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("{address}: {e}"))?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of the response head")?;
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    if head.contains("transfer-encoding: chunked") {
        return Err(format!(
            "{address} answered chunked, which this reader does not decode"
        ));
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status in the response")?;
    Ok((status, response[split + 4..].to_vec()))
}

fn cargo_build(root: &Path, args: &[&str]) -> Result<(), String> {
    let status = crate::cargo(root)
        .args(["build", "--quiet", "--release"])
        .args(args)
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo build {args:?} failed: {status}"))
    }
}

fn wrk_version() -> Result<String, String> {
    let output = Command::new("wrk")
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run wrk ({e}): install it, e.g. `apt-get install wrk`"))?;
    // `wrk --version` prints usage too and exits 1; the first line names the version.
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" "))
}

/// Runs `command` to completion, killing it after `limit`.
fn run_bounded(command: &mut Command, limit: Duration) -> Result<Output, String> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{command:?}: {e}"))?;
    let started = Instant::now();
    // wrk prints only its summary, at the end: the pipes cannot fill while it runs.
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{command:?} still running after {limit:?}"));
        }
        sleep(Duration::from_millis(50));
    }
    child.wait_with_output().map_err(|e| e.to_string())
}

/// CPU model, core count, kernel and load, for the report.
fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU", str::trim);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    // Other work on the machine takes cores from both the servers and wrk.
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{model}, {cores} cores, Linux {}, load average {load} at the start",
        kernel.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_bodies_in_cbor() {
        let body = json!({"Limit": 300, "Ids": ["a", -25], "On": true});
        let expected = [
            0xa3, 0x65, b'L', b'i', b'm', b'i', b't', 0x19, 0x01, 0x2c, 0x63, b'I', b'd', b's',
            0x82, 0x61, b'a', 0x38, 0x18, 0x62, b'O', b'n', 0xf5,
        ];
        assert_eq!(json_to_cbor(&body), expected);
    }

    #[test]
    fn reads_wrk_output() {
        let text = "Running 10s test @ http://127.0.0.1:1/\n  2 threads and 32 connections\n  Latency Distribution\n     50%  421.00us\n     75%  617.00us\n     90%    1.08ms\n     99%    4.94ms\n  558214 requests in 10.01s, 75.18MB read\n  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: 12\nRequests/sec:  55789.47\n";
        let result = WrkResult::parse(text).unwrap();
        assert_eq!((result.p50_us, result.p99_us), (421.0, 4940.0));
        assert_eq!((result.non_2xx, result.socket_errors), (12, 3));
        assert_eq!(result.requests, 558214);
        assert_eq!(result.errors(), "12 non-2xx, 3 socket");
        assert!((result.requests_per_sec - 55789.47).abs() < 1e-9);
        assert_eq!(parse_latency("2.10s"), Some(2.1e6));
    }
}
