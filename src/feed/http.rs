//! Getting one feed over HTTP(S) with ureq (rustls: nothing to install): connect and read
//! timeouts, a redirect limit, a response size limit, gzip and deflate, conditional GET (ETag and
//! Last-Modified, so an unchanged feed costs one 304), and a User-Agent naming triptych.
//! One agent is shared by all fetches so connections to a host are reused.

use std::io::Read;
use std::time::Duration;

use ureq::Agent;

/// What a fetch may cost.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Connecting.
    pub connect_timeout: Duration,
    /// The whole answer, from the request to the last byte of the body.
    pub total_timeout: Duration,
    pub max_redirects: u32,
    /// Bodies larger than this (after decompression) are refused.
    pub max_bytes: u64,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_bytes: super::MAX_FEED_BYTES as u64,
        }
    }
}

/// The validators of the copy we hold, sent so that an unchanged feed answers 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What the server gave.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the copy we hold is current.
    NotModified,
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
}

pub fn user_agent() -> String {
    format!("triptych/{}", env!("CARGO_PKG_VERSION"))
}

/// An agent configured from `opts`; share it between threads (it is cheap to clone).
pub fn agent(opts: &HttpOptions) -> Agent {
    Agent::config_builder()
        .timeout_connect(Some(opts.connect_timeout))
        // The read timeout bounds the whole answer (`fetch --timeout`), connecting included.
        .timeout_global(Some(opts.total_timeout))
        .max_redirects(opts.max_redirects)
        .user_agent(user_agent())
        // ureq decodes gzip; deflate is decoded here (`decode_deflate`).
        .accept_encoding("gzip, deflate")
        // 4xx and 5xx are answers to report, not transport errors.
        .http_status_as_error(false)
        .build()
        .into()
}

/// GETs `url`, conditionally on `held`. Errors are one line for the user.
pub fn get(agent: &Agent, opts: &HttpOptions, url: &str, held: &Validators) -> Result<Fetched, String> {
    let mut req = agent.get(url);
    if let Some(etag) = &held.etag {
        req = req.header("If-None-Match", etag);
    }
    if let Some(lm) = &held.last_modified {
        req = req.header("If-Modified-Since", lm);
    }
    let mut resp = req.call().map_err(describe)?;
    let status = resp.status().as_u16();
    if status == 304 {
        return Ok(Fetched::NotModified);
    }
    if !(200..300).contains(&status) {
        let reason = resp.status().canonical_reason().unwrap_or("");
        return Err(format!("HTTP {status} {reason}").trim_end().to_string());
    }
    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
    let deflated = header("content-encoding").is_some_and(|e| e.trim().eq_ignore_ascii_case("deflate"));
    let bytes = resp.body_mut().with_config().limit(opts.max_bytes).read_to_vec().map_err(describe)?;
    let bytes = if deflated { decode_deflate(&bytes, opts.max_bytes)? } else { bytes };
    Ok(Fetched::Body { bytes, validators })
}

/// A `Content-Encoding: deflate` body: zlib-wrapped as RFC 9110 says, or the raw deflate
/// stream some servers send instead. At most `limit` bytes once inflated.
fn decode_deflate(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let inflate = |reader: &mut dyn Read| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader.take(limit + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let out = inflate(&mut flate2::read::ZlibDecoder::new(bytes))
        .or_else(|_| inflate(&mut flate2::read::DeflateDecoder::new(bytes)))
        .map_err(|e| format!("cannot decompress the deflate body: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("response larger than the {limit}-byte limit"));
    }
    Ok(out)
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(n) => format!("response larger than the {n}-byte limit"),
        ureq::Error::TooManyRedirects => "too many redirects (a redirect loop?)".to_string(),
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        other => other.to_string(),
    }
}
