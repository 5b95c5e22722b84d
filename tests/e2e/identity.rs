//! A local stand-in for the App Service managed-identity endpoint (`IDENTITY_ENDPOINT` +
//! `IDENTITY_HEADER`), the one `DefaultAzureCredential` reaches through its ManagedIdentityCredential
//! in Python (azure-identity → msal) and Node (@azure/identity → @azure/msal-node).
//!
//! It answers `GET /msi/token?api-version=2019-08-01&resource=...` carrying the
//! `X-IDENTITY-HEADER: <secret>` header, like App Service, with
//! `{"access_token", "expires_on", "resource", "token_type"}`. The access token is an unsigned JWT
//! that Azurite accepts in `--oauth basic` mode: Azurite (src/blob/authentication/BlobTokenAuthenticator
//! and the queue twin) only decodes it, then checks `nbf`/`iat`/`exp` are present and `nbf <= now <= exp`,
//! that `iss` starts with one of its known STS prefixes (`https://sts.windows.net/`, ...), and that
//! `aud` is `https://storage.azure.com[/]` (or the account's service host). The signature is not checked.
//!
//! Every request is recorded, so the test can prove the rewritten app did fetch a token.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the endpoint saw and answered.
#[derive(Debug, Clone)]
pub struct Served {
    pub method: String,
    pub target: String,
    pub status: u16,
    /// The `resource` the client asked for (decoded), when present.
    pub resource: Option<String>,
    /// Why the request was refused, when it was.
    pub refused: Option<String>,
}

pub struct IdentityEndpoint {
    pub url: String,
    pub header: String,
    log: Arc<Mutex<Vec<Served>>>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    thread: Option<JoinHandle<()>>,
}

/// The audience and issuer Azurite accepts (see the module comment).
const STORAGE_RESOURCES: [&str; 2] = ["https://storage.azure.com", "https://storage.azure.com/"];
const TENANT: &str = "72f988bf-0000-4000-8000-00000000e2e0";
const API_VERSION: &str = "2019-08-01";

impl IdentityEndpoint {
    pub fn start() -> IdentityEndpoint {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the managed-identity endpoint on 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let header = random_hex(16);
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (log, stop, header) = (log.clone(), stop.clone(), header.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(conn) = conn {
                        // One request per connection, answered inline: the SDKs fetch one token at a time.
                        if let Some(served) = serve(conn, &header) {
                            log.lock().unwrap().push(served);
                        }
                    }
                }
            })
        };
        IdentityEndpoint { url: format!("http://{addr}/msi/token"), header, log, stop, addr, thread: Some(thread) }
    }

    pub fn served(&self) -> Vec<Served> {
        self.log.lock().unwrap().clone()
    }

    /// Tokens handed out so far.
    pub fn tokens(&self) -> usize {
        self.served().iter().filter(|s| s.status == 200).count()
    }
}

impl Drop for IdentityEndpoint {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(2));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut conn: TcpStream, secret: &str) -> Option<Served> {
    conn.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 64 * 1024 {
            break;
        }
    }
    if buf.is_empty() {
        return None; // the shutdown wake-up connection, or a probe that sent nothing
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let method = request_line.next().unwrap_or("").to_owned();
    let target = request_line.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned())))
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let params: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let resource = param("resource").map(str::to_owned);

    let refused = if method != "GET" {
        Some((405, format!("method {method} not allowed")))
    } else if path != "/msi/token" {
        Some((404, format!("no such path {path}")))
    } else if header("x-identity-header") != Some(secret) {
        Some((401, "missing or wrong X-IDENTITY-HEADER".to_owned()))
    } else if param("api-version") != Some(API_VERSION) {
        Some((400, format!("api-version must be {API_VERSION}, got {:?}", param("api-version"))))
    } else if !resource.as_deref().is_some_and(|r| STORAGE_RESOURCES.contains(&r)) {
        Some((400, format!("this endpoint only issues tokens for https://storage.azure.com, asked for {resource:?}")))
    } else {
        None
    };
    let (status, body) = match &refused {
        Some((status, why)) => (*status, format!("{{\"error\":\"invalid_request\",\"error_description\":{}}}", json_string(why))),
        None => {
            let resource = resource.as_deref().unwrap();
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
            let exp = now + 3600;
            let token = jwt(resource, now, exp);
            let body = format!(
                "{{\"access_token\":{},\"expires_on\":\"{exp}\",\"resource\":{},\"token_type\":\"Bearer\",\"client_id\":\"{}\"}}",
                json_string(&token),
                json_string(resource),
                "5e2e0000-0000-4000-8000-00000000c11e"
            );
            (200, body)
        }
    };
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = conn.write_all(response.as_bytes());
    let _ = conn.flush();
    let _ = conn.shutdown(Shutdown::Write);
    Some(Served { method, target, status, resource, refused: refused.map(|(_, why)| why) })
}

/// An unsigned JWT with the claims Azurite checks in basic OAuth mode.
fn jwt(audience: &str, now: u64, exp: u64) -> String {
    let header = r#"{"alg":"RS256","typ":"JWT","kid":"secretless-e2e"}"#;
    let payload = format!(
        concat!(
            "{{\"aud\":{aud},\"iss\":\"https://sts.windows.net/{tenant}/\",\"iat\":{iat},\"nbf\":{nbf},\"exp\":{exp},",
            "\"appid\":\"5e2e0000-0000-4000-8000-00000000c11e\",\"appidacr\":\"2\",\"idtyp\":\"app\",",
            "\"oid\":\"5e2e0000-0000-4000-8000-0000000001d0\",\"sub\":\"5e2e0000-0000-4000-8000-0000000001d0\",",
            "\"tid\":\"{tenant}\",\"ver\":\"1.0\"}}"
        ),
        aud = json_string(audience),
        tenant = TENANT,
        iat = now - 60,
        nbf = now - 60,
        exp = exp,
    );
    format!("{}.{}.{}", b64url(header.as_bytes()), b64url(payload.as_bytes()), b64url(b"not-signed-e2e-only"))
}

fn b64url(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Percent-decoding of a query component (`+` is a space).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                Ok(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                Err(_) => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Random hex from the OS (the IDENTITY_HEADER secret and Azurite's scratch names).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_err() {
        use std::hash::{BuildHasher, Hasher};
        for (i, b) in buf.iter_mut().enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            h.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos());
            *b = h.finish() as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn base64url_and_decoding() {
        assert_eq!(b64url(b"f"), "Zg");
        assert_eq!(b64url(b"fo"), "Zm8");
        assert_eq!(b64url(b"foo"), "Zm9v");
        assert_eq!(b64url(b"\xfb\xff"), "-_8");
        assert_eq!(decode("https%3A%2F%2Fstorage.azure.com"), "https://storage.azure.com");
        assert_eq!(decode("a+b%2"), "a b%2");
    }
}
