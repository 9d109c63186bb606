//! What the loopback tests' servers share: reading one HTTP/1.1 request, bounded.

use std::io::Read;
use std::net::TcpStream;
use std::time::Duration;

/// Reads one request (head and `content-length` body) from `stream`, waiting at most
/// 5 s for each read; `None` when the peer closes or sends more than 64 KiB of head.
pub fn read_request(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) if buffer.len() < 65536 => buffer.extend_from_slice(&chunk[..n]),
            Ok(_) => return None,
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    let length = header(&head, "content-length").map_or(0, |v| v.parse().unwrap_or(0));
    while buffer.len() < head_end + length {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
    Some((head, buffer.split_off(head_end)))
}

/// The value of header `name` in a request or response head.
pub fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}
