//! A raw HTTP/1.1 client for the server tests, so every byte on the wire is under
//! the test's control, and the server on loopback it talks to. Shared by the test files
//! through `mod common;`.
// Each test file uses a part of these helpers.
#![allow(dead_code)]

use serde_json::Value;
use smithy_lite_runtime::server::{Dispatch, Router, serve};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Every network wait in these tests is bounded by this.
pub const WAIT: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        let found = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name));
        found.map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn error_type(&self) -> String {
        self.json()["__type"].as_str().unwrap_or("").to_owned()
    }
}

/// Reads one response (Content-Length framed, as the server always sends).
pub async fn read_reply(
    stream: &mut (impl AsyncReadExt + Unpin),
    buf: &mut Vec<u8>,
) -> Option<Reply> {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().unwrap());
    while buf.len() < head_end + length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + length].to_vec();
    buf.drain(..head_end + length);
    Some(Reply {
        status,
        headers,
        body,
    })
}

/// A request as raw bytes; `Content-Length` is added unless `extra` frames the body itself.
pub fn request(method: &str, target: Option<&str>, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut head = format!("{method} / HTTP/1.1\r\nhost: localhost\r\n");
    if let Some(target) = target {
        head.push_str(&format!("x-amz-target: {target}\r\n"));
    }
    head.push_str(extra);
    if !extra.to_ascii_lowercase().contains("transfer-encoding") {
        head.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends `bytes` on a new connection while reading the reply, so a server that
/// answers before reading everything is seen as it would be by a real client.
pub async fn exchange(addr: SocketAddr, bytes: Vec<u8>) -> Option<Reply> {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let writer = tokio::spawn(async move {
        let _ = write.write_all(&bytes).await;
        write // kept open until the reply is read
    });
    let reply = tokio::time::timeout(WAIT, read_reply(&mut read, &mut Vec::new()))
        .await
        .expect("reply in time");
    writer.abort();
    reply
}

/// A body of `levels` nested empty JSON arrays: `[[[]]]`.
pub fn deep(levels: usize) -> Vec<u8> {
    let mut body = "[".repeat(levels);
    body.push_str(&"]".repeat(levels));
    body.into_bytes()
}

/// `serve` on a free port of 127.0.0.1, in a task of its own until [`Server::stop`].
pub struct Server {
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Server {
    pub async fn start<D: Dispatch>(router: Router<D>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, router, async move {
            let _ = stopped.await;
        }));
        Server { addr, stop, task }
    }

    /// Asks for shutdown and returns how long `serve` took to return.
    pub async fn stop(self) -> Duration {
        let started = Instant::now();
        let _ = self.stop.send(());
        tokio::time::timeout(WAIT, self.task)
            .await
            .expect("serve returned")
            .unwrap();
        started.elapsed()
    }
}
