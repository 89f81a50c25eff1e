//! A tiny HTTP/1.1 server on 127.0.0.1 for the feed tests: each test says what to answer per
//! request. It serves at most a bounded number of connections and only on the loopback
//! address; its thread ends with the test process.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the handler sees it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
}

/// What to send back.
pub enum Reply {
    /// Status, extra headers, body (Content-Length set from the body).
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// Wait this long, then answer.
    Slow(Duration, Box<Reply>),
    /// Send the headers at once, then the body a byte at a time, `every` apart.
    Trickle { every: Duration, body: Vec<u8> },
    /// Say Content-Length `claimed`, send `body` (shorter), and close.
    Truncated { claimed: usize, body: Vec<u8> },
}

pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full(200, vec![], body.into())
}

pub fn status(code: u16) -> Reply {
    Reply::Full(code, vec![], format!("status {code}").into_bytes())
}

pub fn with_headers(code: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full(code, headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), body.into())
}

pub struct Server {
    pub port: u16,
    /// Every request received, in order.
    pub requests: Arc<Mutex<Vec<Request>>>,
    /// The most requests in flight at once: received, and their answer not yet sent (a
    /// connection still closing after its answer does not count: the client is done with it).
    pub max_concurrent: Arc<AtomicUsize>,
}

/// Connections one server accepts before its thread ends.
const MAX_CONNECTIONS: usize = 200;

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let max_concurrent = Arc::new(AtomicUsize::new(0));
        let open = Arc::new(AtomicUsize::new(0));
        let handler = Arc::new(handler);
        let (reqs, maxc) = (requests.clone(), max_concurrent.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().take(MAX_CONNECTIONS) {
                let Ok(stream) = stream else { continue };
                let (handler, reqs, maxc, open) = (handler.clone(), reqs.clone(), maxc.clone(), open.clone());
                std::thread::spawn(move || serve(stream, &*handler, &reqs, &open, &maxc));
            }
        });
        Server { port, requests, max_concurrent }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// One request per connection (`Connection: close`), which keeps the server simple.
fn serve(
    stream: TcpStream,
    handler: &dyn Fn(&Request) -> Reply,
    log: &Mutex<Vec<Request>>,
    open: &AtomicUsize,
    max_concurrent: &AtomicUsize,
) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let req = Request { path, headers };
    log.lock().unwrap().push(req.clone());
    let now = open.fetch_add(1, Ordering::SeqCst) + 1;
    max_concurrent.fetch_max(now, Ordering::SeqCst);
    let mut reply = handler(&req);
    while let Reply::Slow(wait, next) = reply {
        std::thread::sleep(wait);
        reply = *next;
    }
    open.fetch_sub(1, Ordering::SeqCst);
    let _ = send(stream, reply);
}

fn send(mut stream: TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Slow(wait, reply) => {
            std::thread::sleep(wait);
            send(stream, *reply)
        }
        Reply::Full(code, headers, body) => {
            let mut head =
                format!("HTTP/1.1 {code} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
            stream.flush()
        }
        Reply::Trickle { every, body } => {
            let head =
                format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            stream.write_all(head.as_bytes())?;
            for b in body {
                stream.write_all(&[b])?;
                stream.flush()?;
                std::thread::sleep(every);
            }
            Ok(())
        }
        Reply::Truncated { claimed, body } => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {claimed}\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
            stream.flush()?;
            stream.shutdown(std::net::Shutdown::Both)
        }
    }
}

/// An RSS 2.0 feed with `items` items `(guid, title)`.
pub fn rss(title: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, t)| format!("<item><guid>{guid}</guid><title>{t}</title><description>&lt;p&gt;About {t}.&lt;/p&gt;</description></item>"))
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{items}</channel></rss>"
    )
}
