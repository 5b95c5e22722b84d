//! The e2e harness: a self-signed certificate for 127.0.0.1, Azurite over HTTPS with `--oauth basic`
//! on free ports, the tools the apps run with (python3, node), and bounded child processes. Every
//! child process sits in a guard that kills it on drop, so a failing test stops everything too.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

/// Azurite's published development account (documented by Microsoft, not a secret).
pub const ACCOUNT: &str = "devstoreaccount1";
pub const ACCOUNT_KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// How long a port may take to open, and an app may take to run. Bounds, not timing assertions.
/// Polls (each up to 0.6 s) before a server that never opens its port fails the test.
const PORT_POLLS: u32 = 100;
/// Polls of 50 ms before an app that never finishes fails the test (about 90 s).
const APP_POLLS: u32 = 1800;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The SDK packages and Azurite that `scripts/test-deps.sh` installs.
pub fn node_modules() -> PathBuf {
    root().join("tests/sdk/node_modules")
}

/// A child process killed (and reaped) when the guard is dropped.
pub struct ChildGuard {
    child: Child,
}

impl ChildGuard {
    pub fn spawn(name: &str, cmd: &mut Command) -> ChildGuard {
        let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {name} ({cmd:?}): {e}"));
        ChildGuard { child }
    }
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if self.exited().is_none() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// An absolute path to a tool on PATH, so the apps can run with a cleared environment.
pub fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(tool)).find(|p| p.is_file())
}

/// The real python3 interpreter (not a pyenv/asdf shim, which needs the user's environment), with the
/// Azure SDK packages importable. Panics with the install command otherwise: these tests never skip.
pub fn python() -> PathBuf {
    let out = Command::new("python3")
        .args(["-c", "import sys, azure.identity, azure.storage.blob, azure.storage.queue; print(sys.executable)"])
        .output()
        .unwrap_or_else(|e| panic!("python3 is required for the end-to-end tests (run scripts/test-deps.sh): {e}"));
    assert!(
        out.status.success(),
        "python3 cannot import azure-identity, azure-storage-blob and azure-storage-queue (run scripts/test-deps.sh):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(exe.is_file(), "python3 reported an interpreter that does not exist: {}", exe.display());
    exe
}

/// node, with @azure/identity and @azure/storage-blob installed in tests/sdk.
pub fn node() -> PathBuf {
    let node = which("node").expect("node is required for the end-to-end tests (install Node.js, then run scripts/test-deps.sh)");
    for pkg in ["@azure/identity", "@azure/storage-blob"] {
        assert!(
            node_modules().join(pkg).join("package.json").is_file(),
            "{pkg} is missing from tests/sdk/node_modules: run scripts/test-deps.sh"
        );
    }
    node
}

/// A free port on 127.0.0.1 for each name; the listeners are held until all are picked so they differ.
pub fn free_ports(n: usize) -> Vec<u16> {
    let listeners: Vec<TcpListener> = (0..n).map(|_| TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0")).collect();
    listeners.iter().map(|l| l.local_addr().unwrap().port()).collect()
}

/// A self-signed certificate and key for 127.0.0.1 (subjectAltName IP:127.0.0.1), made now.
pub fn make_cert(dir: &Path) -> (PathBuf, PathBuf) {
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    let how = if let Some(openssl) = which("openssl") {
        let out = Command::new(openssl)
            .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"])
            .args(["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .output()
            .expect("run openssl");
        assert!(out.status.success(), "openssl could not make the test certificate:\n{}", String::from_utf8_lossy(&out.stderr));
        "openssl"
    } else {
        let out = Command::new("python3")
            .arg(root().join("tests/e2e/make_cert.py"))
            .arg(&cert)
            .arg(&key)
            .output()
            .expect("neither openssl nor python3 is available to make the test certificate");
        assert!(
            out.status.success(),
            "no openssl, and python `cryptography` could not make the test certificate (pip install cryptography):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        "python cryptography"
    };
    assert!(cert.is_file() && key.is_file(), "{how} made no certificate in {}", dir.display());
    (cert, key)
}

/// Poll until something accepts connections on `port`, or panic after the deadline. `alive` reports a
/// dead server early (with its output) instead of waiting the whole deadline.
pub fn wait_for_port(what: &str, port: u16, mut alive: impl FnMut() -> Result<(), String>) {
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    // A hang guard counted in polls (about a minute), not a speed check.
    for _ in 0..PORT_POLLS {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok() {
            return;
        }
        if let Err(why) = alive() {
            panic!("{what} stopped before it opened port {port}: {why}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not open 127.0.0.1:{port} after {PORT_POLLS} polls");
}

/// Azurite (blob + queue + table) over HTTPS with basic OAuth, in a scratch workspace.
pub struct Azurite {
    pub blob_port: u16,
    pub queue_port: u16,
    pub cert: PathBuf,
    log: PathBuf,
    _child: ChildGuard,
    _dir: tempfile::TempDir,
}

impl Azurite {
    pub fn start() -> Azurite {
        let bin = node_modules().join(".bin/azurite");
        assert!(bin.exists(), "azurite is not installed at {} (run scripts/test-deps.sh)", bin.display());
        let node = node();
        let dir = tempfile::Builder::new().prefix("secretless-e2e-azurite").tempdir().unwrap();
        let (cert, key) = make_cert(dir.path());
        let workspace = dir.path().join("data");
        std::fs::create_dir(&workspace).unwrap();
        let log = dir.path().join("azurite.log");
        let ports = free_ports(3);
        let (blob_port, queue_port, table_port) = (ports[0], ports[1], ports[2]);
        let out = std::fs::File::create(&log).unwrap();
        let mut cmd = Command::new(&node);
        cmd.arg(std::fs::canonicalize(&bin).unwrap())
            .args(["--oauth", "basic", "--cert"])
            .arg(&cert)
            .arg("--key")
            .arg(&key)
            .args(["--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1"])
            .args(["--blobPort", &blob_port.to_string(), "--queuePort", &queue_port.to_string(), "--tablePort", &table_port.to_string()])
            .args(["--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry", "--location"])
            .arg(&workspace)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let mut child = ChildGuard::spawn("azurite", &mut cmd);
        for (what, port) in [("Azurite blob", blob_port), ("Azurite queue", queue_port)] {
            wait_for_port(what, port, || match child.exited() {
                Some(status) => Err(format!("{status}\n{}", std::fs::read_to_string(&log).unwrap_or_default())),
                None => Ok(()),
            });
        }
        Azurite { blob_port, queue_port, cert, log, _child: child, _dir: dir }
    }

    pub fn blob_url(&self) -> String {
        format!("https://127.0.0.1:{}/{ACCOUNT}", self.blob_port)
    }

    pub fn queue_url(&self) -> String {
        format!("https://127.0.0.1:{}/{ACCOUNT}", self.queue_port)
    }

    /// The emulator connection string with HTTPS endpoints, as an app before the fix reads it.
    pub fn connection_string(&self) -> String {
        format!(
            "DefaultEndpointsProtocol=https;AccountName={ACCOUNT};AccountKey={ACCOUNT_KEY};BlobEndpoint={};QueueEndpoint={};",
            self.blob_url(),
            self.queue_url()
        )
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// What an app run printed.
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.status.success() && self.stdout.lines().any(|l| l.trim() == "OK")
    }
    pub fn describe(&self) -> String {
        format!("exit: {}\n--- stdout\n{}\n--- stderr\n{}", self.status, self.stdout, self.stderr)
    }
}

/// Run `program args` in `cwd` with exactly `env` (the parent's environment is cleared, so no
/// AZURE_CLIENT_ID/SECRET, proxy or stray connection string leaks in). Killed after the deadline.
pub fn run(program: &Path, args: &[&str], cwd: &Path, env: &[(String, String)]) -> Run {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(cwd).env_clear().stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let name = format!("{} {}", program.display(), args.join(" "));
    let mut guard = ChildGuard::spawn(&name, &mut cmd);
    let mut stdout = guard.child.stdout.take().unwrap();
    let mut stderr = guard.child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut polls = 0u32;
    let status = loop {
        if let Some(status) = guard.exited() {
            break status;
        }
        polls += 1;
        // A hang guard counted in polls, not a speed check.
        if polls > APP_POLLS {
            drop(guard);
            panic!(
                "`{name}` in {} did not finish after {APP_POLLS} polls; output so far:\n{}\n{}",
                cwd.display(),
                out_reader.join().unwrap_or_default(),
                err_reader.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Run { status, stdout: out_reader.join().unwrap_or_default(), stderr: err_reader.join().unwrap_or_default() }
}

/// Copy a fixture directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}
