//! The ceiling for `cargo xtask serve-bench`: the least a hyper HTTP/1.1 server can do
//! per request, answering every request with the bytes of one file.
//!
//! ```text
//! bare_hyper --port 0 --body FILE [--content-type TYPE] [--work-us N]
//! ```
//!
//! `--work-us N` first keeps the CPU busy for N µs per request: the calibration rows
//! of the benchmark, showing what a given amount of work per request costs in
//! requests/s against the same ceiling.
//!
//! Runs the same Tokio multi-thread runtime, `TCP_NODELAY` and allocator (mimalloc) as the fake,
//! but no routing, body read, JSON or per-call log; prints `listening on http://HOST:PORT`.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::time::{Duration, Instant};

/// The fake's allocator, so the two differ only in what the fake does per request.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut port, mut body, mut content_type, mut work) = (
        0u16,
        None,
        "application/x-amz-json-1.1".to_owned(),
        Duration::ZERO,
    );
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--port" => {
                port = value
                    .parse()
                    .map_err(|_| format!("--port {value}: not a port"))?
            }
            "--body" => body = Some(std::fs::read(&value).map_err(|e| format!("{value}: {e}"))?),
            "--content-type" => content_type = value,
            "--work-us" => {
                let micros = value
                    .parse()
                    .map_err(|_| format!("--work-us {value}: not a number"))?;
                work = Duration::from_micros(micros);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    let body = Bytes::from(body.ok_or("--body FILE is required")?);
    let content_type = HeaderValue::from_str(&content_type).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime
        .block_on(serve(port, body, content_type, work))
        .map_err(|e| e.to_string())
}

async fn serve(
    port: u16,
    body: Bytes,
    content_type: HeaderValue,
    work: Duration,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (body, content_type) = (body.clone(), content_type.clone());
        let service = hyper::service::service_fn(move |_: Request<hyper::body::Incoming>| {
            busy(work);
            let mut response = Response::new(Full::new(body.clone()));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, content_type.clone());
            async move { Ok::<_, Infallible>(response) }
        });
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Spins for `work`: CPU time as a handler's own work would take it (no sleep, no yield).
fn busy(work: Duration) {
    if work.is_zero() {
        return;
    }
    let start = Instant::now();
    while start.elapsed() < work {
        std::hint::spin_loop();
    }
}
