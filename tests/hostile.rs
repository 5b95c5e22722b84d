//! Issue 10, part 1: hostile trees. secretless reads untrusted repositories: whatever they hold
//! (binary files, broken encodings, a 12 MB one-line bundle, JSON 20,000 deep, Python 3,000
//! parentheses deep, JS and C# 20,000 deep, links that loop or point nowhere, FIFOs, sockets, odd
//! file names), the scan
//! finishes, never panics, still finds the real secret beside them (exit 1), and says exactly once
//! on standard error why it passed over each file it could not scan.
//!
//! No test here asserts a speed. Each run of the binary has a hang guard (`HANG_GUARD_POLLS`, minutes,
//! for scans that take seconds): without it a scan that blocks forever (a FIFO) or goes quadratic
//! (a long line of SAS signatures) would hang `cargo test` instead of failing it.
//!
//! "A file that vanishes during the walk" cannot be staged deterministically from outside the
//! process (`scan` walks and reads in one call; its `load` is private). Both halves of it are
//! covered by deterministic stand-ins that take the same code paths:
//! - vanishing between the directory read and the stat: a dangling link under `--follow` (the walker
//!   stats a path that is not there: `walk::diag_from_error`, the `NotFound` arm);
//! - vanishing between the walk and the read: a socket named `sock.py` (`std::fs::read` fails, as it
//!   does with `NotFound` for a removed file: `scan::load`, "unreadable: ..."). A socket is used
//!   rather than `chmod 000` because the suite may run as root, who reads any file; the chmod case
//!   is checked too when the process is not root.
//!
//! Regression inputs found by fuzzing (`fuzz/`, `scripts/fuzz.sh`) live in `tests/regressions/`
//! and are replayed at the end of this file.

mod common;

use common::bin;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Storage account keys (64 random bytes, base64): real-shaped, never real.
const KEY_APP: &str = "pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p/tqg7ui5mX9cfCmZ/a/lkyU81lSvTfrXFA==";
const KEY_BIN: &str = "J6Cus/7pIy+K8iEfnuSRxbEL7LVWO/web5NCfsvI/ilV5c2ORtyO1LfCdk0qWk12dwb4XYaQAkrWvaNAG+nIyw==";
const KEY_LATIN: &str = "zMk19s0fYSJq4VM4rho0AE0zug0kasBMgbG68j47+e71958rSTSvh/VSC2m5Sw2YLoW7VbZyqHJjes10Zvy2Dg==";
const KEY_UTF16: &str = "Do/xhGOw5LK6KXA0dPBkrGj3APWwKz3GZvRb3qosyu3NK1FXQQ5N7krys09DCgc0R95jbA6AbJV7poTWQx+16g==";
const KEY_DEEP: &str = "10JNCeFdAkxYSPI9H6b3Nh1/YY0VMucOIOKmZo3n9H6EZ+VG1T7I4qEle9slbJs+T7tJgUbvcDDL+VNyUtzOrQ==";
const KEY_NAME: &str = "12S2oy+7Ca3q4QnEqZcgOXU1K4eLFFyKQtiEz0z9py2OHV3ZJYkILYUqcSKHPugFrdWJQhZ6OFKGGVxnn5xplA==";
/// An Entra ID client secret in the current `xxx8Q~` format.
const ENTRA: &str = "Hq38Q~vN2kLm9PqR4sT7uVw0XyZ1aB3cD5eF6gH8";

/// Far longer than any scan here needs (seconds); only there so a hang fails instead of blocking.
/// Polls of 50 ms (about two minutes) before a run counts as hung: a hang guard, not a speed check.
const HANG_GUARD_POLLS: u32 = 2400;

fn storage(account: &str, key: &str) -> String {
    format!("DefaultEndpointsProtocol=https;AccountName={account};AccountKey={key};EndpointSuffix=core.windows.net")
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn web_config(account: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<configuration>\r\n  <connectionStrings>\r\n    <add name=\"Storage\" connectionString=\"{}\" />\r\n  </connectionStrings>\r\n</configuration>\r\n",
        storage(account, KEY_UTF16)
    )
}

/// The outcome of one bounded run.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    hung: bool,
}

impl Run {
    fn finished(&self, what: &str) {
        assert!(
            !self.hung,
            "{what}: did not finish after {HANG_GUARD_POLLS} polls of 50 ms (hang guard, not a speed check); stderr so far:\n{}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{what}: panicked:\n{}", self.stderr);
        assert!(!self.stderr.contains("overflow"), "{what}: stack overflow:\n{}", self.stderr);
        assert_ne!(self.code, Some(101), "{what}: exit 101 is a Rust panic:\n{}", self.stderr);
        assert!(self.code.is_some(), "{what}: killed by a signal (stack overflow aborts with SIGABRT/SIGSEGV):\n{}", self.stderr);
    }

    /// stderr lines that name `rel`.
    fn diagnostics_for(&self, rel: &str) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with(&format!("secretless: {rel}: "))).collect()
    }

    fn findings(&self) -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", &self.stdout[..self.stdout.len().min(2000)]));
        match v {
            serde_json::Value::Array(a) => a,
            serde_json::Value::Object(mut o) => match o.remove("findings") {
                Some(serde_json::Value::Array(a)) => a,
                _ => panic!("no findings array in {}", &self.stdout[..self.stdout.len().min(2000)]),
            },
            other => panic!("unexpected JSON: {other}"),
        }
    }

    fn paths_with(&self, rule_prefix: &str) -> Vec<String> {
        self.findings()
            .iter()
            .filter(|f| f["rule"].as_str().is_some_and(|r| r.starts_with(rule_prefix)))
            .filter_map(|f| f["path"].as_str().map(str::to_owned))
            .collect()
    }
}

/// Run with the hang guard; stdin is closed (nothing waits for input).
fn run(cmd: &mut Command) -> Run {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut polls = 0u32;
    let mut hung = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        polls += 1;
        if polls > HANG_GUARD_POLLS {
            hung = true;
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    Run { code: status.and_then(|s| s.code()), stdout, stderr, hung }
}

fn scan_json(dir: &Path, extra: &[&str]) -> Run {
    run(bin().args(["scan", "--format", "json", "--max-filesize", "20M"]).args(extra).arg(dir))
}

/// A one-line minified bundle of about 12 MB with trigger words all along and one SAS URL.
fn bundle() -> Vec<u8> {
    let chunk = "!function(e){var t=e.connectionString||e.password||e.apiKey||e.accountKey;return t&&t.sig}(window),";
    let sas = "u=\"https://bundleacct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=Zq8Vb3kRm2Tz9wXy7LpN4sD6fG1hJ0cA5eU8iO3r%3D\",";
    let n = 12 * 1024 * 1024 / chunk.len();
    let mut s = String::with_capacity(12 * 1024 * 1024 + 4096);
    for i in 0..n {
        s.push_str(if i == n / 2 { sas } else { chunk });
    }
    s.push(';');
    s.into_bytes()
}

/// `{"a":{"a":...{"Storage":"<connection string>"}...}}`, 20,000 objects deep.
fn deep_json() -> String {
    const DEPTH: usize = 20_000;
    let mut s = String::with_capacity(DEPTH * 6 + 200);
    s.push_str(&"{\"a\":".repeat(DEPTH - 1));
    s.push_str(&format!("{{\"Storage\":\"{}\"}}", storage("deepjson", KEY_DEEP)));
    s.push_str(&"}".repeat(DEPTH - 1));
    s.push('\n');
    s
}

/// A Python expression 3,000 parentheses deep, one per line (so the file is parsed, not skipped
/// as minified), with a trigger word so the prefilter lets it through.
fn deep_python() -> String {
    const DEPTH: usize = 3_000;
    let mut s = String::from("import os\nconn_str = ");
    s.push_str(&"(\n".repeat(DEPTH));
    s.push_str("os.environ[\"AZURE_STORAGE_CONNECTION_STRING\"]\n");
    s.push_str(&")\n".repeat(DEPTH));
    s.push_str("print(conn_str)\n");
    s
}

/// The tree of the main tests.
fn hostile_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // The real secret beside the hostile files.
    write(p, "app.py", format!("import os\n\nCONN = \"{}\"\nprint(len(CONN))\n", storage("realacct", KEY_APP)));
    // Binary: a NUL in the first 8 KiB, trigger words and a key around it.
    let mut blob = format!("const password = 'AccountKey={KEY_BIN}'; // connectionString sig=\n").into_bytes();
    blob.extend_from_slice(b"\x00\x00\x01\x02\x7fELF\x00");
    blob.extend_from_slice(b"connectionString password secret AccountKey= q~ sig=");
    write(p, "vendor/blob.js", blob);
    // Invalid UTF-8 (Latin-1 bytes and stray continuation bytes) around a real secret.
    let mut latin = b"# caf\xe9 cr\xe8me \xff\xfe\xfd \x80\x81\n".to_vec();
    latin.extend_from_slice(format!("CONN = \"{}\"  # ", storage("latinacct", KEY_LATIN)).as_bytes());
    latin.extend_from_slice(b"\xe9t\xe9\n");
    latin.extend_from_slice(b"print('\xc3\x28 bad sequence')\n");
    write(p, "legacy/latin1.py", latin);
    // UTF-16 LE and BE config files with a BOM (Visual Studio saves web.config so).
    write(p, "le/Web.config", utf16(&web_config("utf16le"), false));
    write(p, "be/App.config", utf16(&web_config("utf16be"), true));
    // A 12 MB one-line bundle.
    write(p, "dist/bundle.js", bundle());
    // JSON 20,000 deep, Python 3,000 parentheses deep.
    write(p, "appsettings.json", deep_json());
    write(p, "deep.py", deep_python());
    // Deep nesting in the other grammars too: arrays in JS, parentheses in C#, 20,000 levels.
    write(p, "deep.js", format!("const connectionString = {}process.env.X\n{};\n", "[\n".repeat(20_000), "]\n".repeat(20_000)));
    write(
        p,
        "Deep.cs",
        format!("class A {{ void M() {{ var connectionString = {}x\n{}; }} }}\n", "(\n".repeat(20_000), ")\n".repeat(20_000)),
    );
    // Empty files of every kind.
    write(p, "empty.py", "");
    write(p, "empty/Web.config", "");
    write(p, "empty/appsettings.json", "");
    write(p, ".env", "");
    // Names with spaces and non-ASCII characters, holding secrets.
    write(p, "my app/clé secrète ü.py", format!("CONN = \"{}\"\n", storage("nonascii", KEY_NAME)));
    write(p, "données/名前 空白.env", format!("AZURE_CLIENT_SECRET={ENTRA}\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(".", p.join("loop")).unwrap();
        symlink("nowhere.py", p.join("gone.py")).unwrap();
        symlink("self.py", p.join("self.py")).unwrap();
        // A socket cannot be opened for reading (ENXIO), even by root: the unreadable stand-in.
        let listener = std::os::unix::net::UnixListener::bind(p.join("sock.py")).unwrap();
        drop(listener);
    }
    dir
}

#[test]
fn hostile_tree_finishes_finds_the_real_secrets_and_reports_each_skipped_file_once() {
    let dir = hostile_tree();
    let r = scan_json(dir.path(), &["--color", "never"]);
    r.finished("scan of the hostile tree");
    assert_eq!(r.code, Some(1), "a real secret sits beside the hostile files: exit 1\nstderr:\n{}", r.stderr);

    let secrets = r.paths_with("SL1");
    for want in [
        "app.py",
        "le/Web.config",
        "be/App.config",
        "my app/clé secrète ü.py",
        "données/名前 空白.env",
        "legacy/latin1.py",
        "appsettings.json",
        "dist/bundle.js",
    ] {
        assert!(secrets.iter().any(|p| p == want), "the secret in {want} is found; secret findings in: {secrets:?}\nstderr:\n{}", r.stderr);
    }
    assert!(!secrets.iter().any(|p| p == "vendor/blob.js"), "a binary file is skipped, not scanned: {secrets:?}");
    // Issue 10: the key path 20,000 objects deep is shown by its last segments.
    let deep: Vec<String> = r.findings().iter().filter(|f| f["path"] == "appsettings.json").map(|f| f["message"].to_string()).collect();
    assert!(!deep.is_empty() && deep.iter().all(|m| m.contains("in setting `…:a:a:a:Storage`") && m.len() < 200), "{deep:?}");

    // One line per file passed over, each naming the file.
    #[cfg(unix)]
    let skipped: &[(&str, &str)] = &[
        ("vendor/blob.js", "binary"),
        ("loop", "symbolic link"),
        ("gone.py", "dangling"),
        ("self.py", ""),
        ("sock.py", "unreadable"),
        ("dist/bundle.js", "not parsed"),
    ];
    #[cfg(not(unix))]
    let skipped: &[(&str, &str)] = &[("vendor/blob.js", "binary"), ("dist/bundle.js", "not parsed")];
    for (rel, says) in skipped {
        let lines = r.diagnostics_for(rel);
        assert_eq!(lines.len(), 1, "exactly one diagnostic for {rel}, got {lines:?}\nstderr:\n{}", r.stderr);
        assert!(lines[0].contains(says), "{rel}: `{}` should say `{says}`", lines[0]);
    }
    for line in r.stderr.lines() {
        assert!(line.starts_with("secretless: "), "diagnostics are one line each: {line}");
    }
    // Nothing that was scanned fine is reported as skipped.
    for rel in
        ["app.py", "empty.py", "appsettings.json", "deep.py", "deep.js", "Deep.cs", "le/Web.config", "be/App.config", "legacy/latin1.py"]
    {
        assert!(r.diagnostics_for(rel).is_empty(), "{rel} was scanned, no diagnostic expected: {:?}", r.diagnostics_for(rel));
    }
}

#[test]
fn every_output_and_command_survives_the_hostile_tree() {
    let dir = hostile_tree();
    for format in ["text", "sarif", "github"] {
        let r = run(bin().args(["scan", "--max-filesize", "20M", "--color", "never", "--format", format]).arg(dir.path()));
        r.finished(&format!("scan --format {format}"));
        assert_eq!(r.code, Some(1), "{format}: {}", r.stderr);
        assert!(r.stdout.contains("app.py"), "{format} names the real secret's file");
    }
    let fix = run(bin().args(["fix", "--max-filesize", "20M", "--color", "never"]).arg(dir.path()));
    fix.finished("fix (preview)");
    assert!(matches!(fix.code, Some(0 | 1)), "fix preview: {:?}\n{}", fix.code, fix.stderr);
    let roles = run(bin().args(["roles", "--max-filesize", "20M", "--format", "json"]).arg(dir.path()));
    roles.finished("roles");
    assert_eq!(roles.code, Some(0), "{}", roles.stderr);
    let base = tempfile::tempdir().unwrap();
    let b = run(bin().args(["baseline", "--max-filesize", "20M", "-o"]).arg(base.path().join("b.json")).arg(dir.path()));
    b.finished("baseline");
    assert_eq!(b.code, Some(0), "{}", b.stderr);
}

#[test]
fn the_library_scan_handles_the_hostile_tree_on_one_thread_and_many() {
    // Same tree through the library: per-thread parsers, default thread stacks (rayon workers get
    // 2 MiB, less than the main thread's 8 MiB: deep inputs must not need more).
    let dir = hostile_tree();
    let mut opts = secretless::ScanOptions::default();
    opts.walk.max_filesize = 20 * 1024 * 1024;
    opts.walk.threads = 1;
    let one = secretless::scan(&[dir.path().to_path_buf()], &opts).unwrap();
    opts.walk.threads = 4;
    let four = secretless::scan(&[dir.path().to_path_buf()], &opts).unwrap();
    let key =
        |r: &secretless::ScanResult| r.findings.iter().map(|f| (f.path.clone(), f.rule.clone(), f.fingerprint.clone())).collect::<Vec<_>>();
    assert_eq!(key(&one), key(&four), "same findings, same order for any thread count");
    assert_eq!(one.diagnostics, four.diagnostics);
}

#[test]
#[cfg(unix)]
fn a_fifo_is_passed_over_not_read() {
    // Reading a FIFO with no writer blocks forever: a repository (or a checked-out test fixture)
    // holding one must not stall the scan.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", format!("CONN = \"{}\"\n", storage("realacct", KEY_APP)));
    let fifo = dir.path().join("pipe.py");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let r = scan_json(dir.path(), &[]);
    r.finished("scan of a tree holding a FIFO");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(r.diagnostics_for("pipe.py").len(), 1, "one diagnostic for the FIFO:\n{}", r.stderr);
}

#[test]
#[cfg(unix)]
fn an_unreadable_file_is_one_diagnostic_and_the_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", format!("CONN = \"{}\"\n", storage("realacct", KEY_APP)));
    let locked = write(dir.path(), "locked.py", format!("CONN = \"{}\"\n", storage("lockedacct", KEY_BIN)));
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads_anyway = fs::read(&locked).is_ok();
    std::os::unix::net::UnixListener::bind(dir.path().join("sock.py")).unwrap();
    let r = scan_json(dir.path(), &[]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
    r.finished("scan with unreadable files");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let sock = r.diagnostics_for("sock.py");
    assert_eq!(sock.len(), 1, "{}", r.stderr);
    if !root_reads_anyway {
        let lines = r.diagnostics_for("locked.py");
        assert_eq!(lines.len(), 1, "{}", r.stderr);
        assert!(lines[0].contains("unreadable"), "{}", lines[0]);
    }
}

#[test]
fn a_file_over_max_filesize_is_one_diagnostic() {
    // README: "A file that cannot be read, is binary, too large, or a dangling link is reported as
    // one line on standard error and the scan goes on."
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", format!("CONN = \"{}\"\n", storage("realacct", KEY_APP)));
    write(dir.path(), "big.py", format!("CONN = \"{}\"\n{}", storage("bigacct", KEY_BIN), "password = None\n".repeat(200)));
    let r = run(bin().args(["scan", "--format", "json", "--max-filesize", "1K"]).arg(dir.path()));
    r.finished("scan with a file over --max-filesize");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let lines = r.diagnostics_for("big.py");
    assert_eq!(lines.len(), 1, "the file skipped for its size is reported once, got {lines:?}; stderr:\n{}", r.stderr);
    assert!(lines[0].contains("max-filesize"), "{}", lines[0]);
}

#[test]
#[cfg(target_os = "linux")]
fn a_file_name_that_is_not_utf8_is_scanned_or_reported() {
    // Linux file names are bytes. A name that is not UTF-8 must not make a secret disappear
    // silently: either it is scanned (path shown lossily) or it is one diagnostic.
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.py");
    fs::write(dir.path().join(name), format!("CONN = \"{}\"\n", storage("latin1name", KEY_LATIN))).unwrap();
    let r = scan_json(dir.path(), &[]);
    r.finished("scan of a non-UTF-8 file name");
    let found = !r.paths_with("SL1").is_empty();
    let reported = r.stderr.lines().filter(|l| l.contains(".py")).count() == 1;
    assert!(
        found || reported,
        "the file with a non-UTF-8 name is neither scanned nor reported: exit {:?}\nstdout: {}\nstderr: {}",
        r.code,
        r.stdout,
        r.stderr
    );
    if found {
        assert_eq!(r.code, Some(1));
    }
}

#[test]
#[cfg(unix)]
fn with_follow_loops_and_dangling_links_are_one_diagnostic_each() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "app.py", format!("CONN = \"{}\"\n", storage("realacct", KEY_APP)));
    write(p, "sub/inner.py", "x = 1\n");
    symlink("..", p.join("sub/up")).unwrap();
    symlink("nowhere.py", p.join("gone.py")).unwrap();
    symlink("self.py", p.join("self.py")).unwrap();
    symlink("app.py", p.join("alias.py")).unwrap();
    let r = scan_json(p, &["--follow"]);
    r.finished("scan --follow");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for rel in ["sub/up", "gone.py", "self.py"] {
        assert_eq!(r.diagnostics_for(rel).len(), 1, "{rel}: one diagnostic:\n{}", r.stderr);
    }
    assert!(r.diagnostics_for("sub/up")[0].contains("loop"), "{}", r.stderr);
    // The same dangling link is "dangling" without --follow; with it, it must not be called a file
    // that "vanished during the walk" (it never existed): the message must say what to do.
    let gone = r.diagnostics_for("gone.py")[0];
    assert!(gone.contains("dangling"), "a dangling link under --follow is reported as such: `{gone}`");
    // A followed link to a file is scanned like the file.
    assert!(r.paths_with("SL1").iter().any(|p| p == "alias.py"), "{}", r.stdout);
}

#[test]
fn a_long_line_of_sas_signatures_does_not_stall_the_scan() {
    // One 1 MB line holding ~40,000 distinct `&sig=` values (a generated text file, a log, a
    // hostile repository). Each signature costs the scan a pass over the whole line in several
    // places, so the scan is quadratic in the line length. The hang guard turns that into a
    // failure; a linear scan takes seconds.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", format!("CONN = \"{}\"\n", storage("realacct", KEY_APP)));
    let mut line = String::from("u=\"https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sr=b");
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while line.len() < 1024 * 1024 {
        line.push_str("&sig=");
        for _ in 0..20 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            line.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
    }
    line.push_str("\"\n");
    write(dir.path(), "notes.txt", &line);
    let r = scan_json(dir.path(), &[]);
    r.finished("scan of a line of SAS signatures");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
}

/// Inputs kept from fuzzing: each file under `tests/regressions/<target>/` is replayed through the
/// same entry point as its fuzz target, and must not panic.
#[test]
fn fuzz_regressions_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let Ok(targets) = fs::read_dir(&root) else { return };
    let mut replayed = 0;
    for t in targets.flatten() {
        let target = t.file_name().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(t.path()).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        for f in files {
            if f.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let data = fs::read(&f).unwrap();
            replay(&target, &data);
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} fuzz regression inputs");
}

/// The body of each fuzz target (fuzz/fuzz_targets/*.rs), kept in step with them.
fn replay(target: &str, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match target {
        "connstr" => {
            let hits = secretless::connstr::find_secrets(&text);
            for h in &hits {
                assert_eq!(text.get(h.span.clone()), Some(h.value.as_str()), "a hit's span holds its value");
            }
            let _ = secretless::connstr::classify(&text);
            let _ = secretless::connstr::classify_url(&text);
            for sub in ["blob", "queue", "table", "file", "dfs"] {
                let _ = secretless::connstr::storage_endpoint(&text, sub);
            }
            let known: Vec<String> = hits.iter().map(|h| h.value.clone()).collect();
            let redacted = secretless::scan::redact_all(&text, &known);
            for v in known.iter().filter(|v| v.chars().count() >= 16) {
                assert!(!redacted.contains(v.as_str()), "{v:?} survives redaction");
            }
        }
        "config_json" | "config_dotenv" | "config_xml" => {
            let entries = match target {
                "config_json" => secretless::config::json::read(&text),
                "config_dotenv" => secretless::config::dotenv::read(&text),
                _ => secretless::config::xml::read(&text),
            };
            for e in &entries {
                assert!(text.get(e.span.clone()).is_some(), "entry span {:?} is a slice of the text", e.span);
            }
            let hits = secretless::analyze::analyze_config(&entries);
            let _ = secretless::scan::assemble("f", &text, hits, false, None);
            let mut index = secretless::config::ConfigIndex::default();
            index.add("", &entries);
        }
        "decode" => {
            let d = secretless::text::decode(data);
            if let Some(bytes) = secretless::text::encode(&d.text, d.encoding) {
                assert_eq!(secretless::text::decode(&bytes).text, d.text, "decode(encode(x)) round-trips");
            }
        }
        lang => {
            let l = match lang {
                "scan_python" => secretless::lang::Lang::Python,
                "scan_csharp" => secretless::lang::Lang::CSharp,
                "scan_javascript" => secretless::lang::Lang::JavaScript,
                "scan_typescript" => secretless::lang::Lang::TypeScript,
                "scan_tsx" => secretless::lang::Lang::Tsx,
                other => panic!("tests/regressions/{other}: no replay for this target"),
            };
            let index = secretless::config::ConfigIndex::default();
            if let Some(tree) = secretless::scan::parse(l, &text, Duration::from_secs(5)) {
                let hits = secretless::analyze::code::analyze(l, &tree, &text, index.scope("x"), None);
                let _ = secretless::scan::assemble("f", &text, hits, false, Some(l));
            }
            let _ = secretless::analyze::analyze_text(&text);
        }
    }
}

/// Found by `fuzz/fuzz_targets/connstr.rs` on a seed (tests/regressions/connstr/): for a
/// `SharedAccessSignature=sv=...&sig=X` pair, `find_secrets` returns the signature as the value but
/// the span of the start of the pair's value (`sv=...`), so findings in text files point at the
/// wrong column (and the span may end inside a multi-byte character); and since that wrong span
/// does not overlap the signature, the bare `sig=` pass reports the same signature a second time.
#[test]
fn fuzz_connstr_a_sas_inside_a_connection_string_is_reported_at_its_signature() {
    let line = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/connstr/sas-span-minimized.txt")).unwrap();
    let hits = secretless::connstr::find_secrets(&line);
    for h in &hits {
        assert_eq!(line.get(h.span.clone()), Some(h.value.as_str()), "the span holds the signature: {h:?}");
    }
    // With the span right, the bare `sig=` pass sees the overlap and does not report it twice.
    assert_eq!(hits.len(), 1, "one signature, one hit: {hits:?}");
    assert_eq!(hits[0].kind, secretless::finding::CredentialKind::SasToken);

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", &line);
    let r = scan_json(dir.path(), &[]);
    r.finished("scan of a SAS in a connection string");
    let f = &r.findings()[0];
    let want = line[..line.find("sig=").unwrap() + 4].chars().count() + 1;
    assert_eq!(f["start"]["column"].as_u64(), Some(want as u64), "the finding starts at the signature: {f}");
    // Issue 10: the account comes from the endpoint beside the signature (the line is not one
    // connection string: `Storage: BlobEndpoint=...`).
    assert_eq!(f["resource"].as_str(), Some("contosodrops"), "the finding names the account: {f}");
}

/// Found by hand while reading `analyze/resolve.rs`: the resolver evaluates a name each time it is
/// used, without memoising and without a budget, so f-strings that each use the previous one k
/// times cost k^4 evaluations within `MAX_DEPTH` (8: a name and an f-string take one level each).
/// This 3.4 KB file (k = 100) takes about a minute and 900 MB in a release build; k = 150 runs out
/// of memory. `parse_timeout` bounds parsing only, not the analysis after it.
#[test]
fn a_small_file_of_nested_f_strings_does_not_blow_up_the_resolver() {
    let dir = tempfile::tempdir().unwrap();
    let mut py = String::from(
        "from azure.storage.blob import BlobServiceClient\na0 = \"DefaultEndpointsProtocol=https;AccountName=x;AccountKey=y;\"\n",
    );
    for i in 1..=8 {
        py.push_str(&format!("a{i} = f\"{}\"\n", format!("{{a{}}}", i - 1).repeat(100)));
    }
    py.push_str("svc = BlobServiceClient.from_connection_string(a8)\n");
    assert!(py.len() < 4096);
    write(dir.path(), "app.py", &py);
    let r = scan_json(dir.path(), &[]);
    r.finished("scan of nested f-strings");
    assert_eq!(r.code, Some(1), "the auth site is still reported: {}", r.stderr);
}
