//! Issue 7: `secretless fix --interactive`. Piped answers for every key (y, n, a, d, q, s, ?, unknown
//! input, end of input), the byte-for-byte equivalence of "y to everything" with
//! `fix --yes --include-review`, and a real terminal through a pseudo-terminal: single keys, per-hunk
//! answers, Ctrl-C, and the terminal left as it was found.

mod common;

use common::copy_dir;

use common::{bin, root};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// A base64-looking key that is not anyone's secret (a fixed LCG), so no real-looking key sits in
/// this file.
fn fake_key(len: usize, seed: u64) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            B64[(x >> 58) as usize] as char
        })
        .collect()
}

/// A small app: two fixes in `src/a.js`, one in `src/b.js`, one review fix in `src/c.js`; the
/// connection strings in `.env` (so the fixes also edit it) and a `package.json` without
/// `@azure/identity` (so they add it).
///
/// Walk order and hunks (one hunk per file a fix changes, files an accepted fix already changed
/// are not asked again):
/// 1. `src/a.js:4`  storage-blob: `src/a.js`, `package.json`, `.env` line 1
/// 2. `src/a.js:7`  service-bus:  `src/a.js`, `.env` line 2 (+ `package.json` unless 1 was taken)
/// 3. `src/b.js:3`  storage-blob: `src/b.js` (+ `.env` line 1 and `package.json` unless taken)
/// 4. `src/c.js:3`  storage-queue, review (its setting is nowhere in the repository): `src/c.js`
///    (+ `package.json` unless taken)
fn app() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    write(
        "package.json",
        r#"{
  "name": "demo",
  "version": "1.0.0",
  "dependencies": {
    "@azure/service-bus": "^7.9.0",
    "@azure/storage-blob": "^12.17.0",
    "@azure/storage-queue": "^12.16.0"
  }
}
"#,
    );
    write(
        ".env",
        &format!(
            "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=demoacct;AccountKey={}==;EndpointSuffix=core.windows.net\n\
             SERVICEBUS_CONNECTION_STRING=Endpoint=sb://demo-bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={}=\n",
            fake_key(86, 7),
            fake_key(43, 11)
        ),
    );
    write(
        "src/a.js",
        r#"const { BlobServiceClient } = require("@azure/storage-blob");
const { ServiceBusClient } = require("@azure/service-bus");

const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);

function bus() {
  return new ServiceBusClient(process.env.SERVICEBUS_CONNECTION_STRING);
}

module.exports = { blobs, bus };
"#,
    );
    write(
        "src/b.js",
        r#"const { BlobServiceClient } = require("@azure/storage-blob");

const archive = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);

module.exports = { archive };
"#,
    );
    write(
        "src/c.js",
        r#"const { QueueServiceClient } = require("@azure/storage-queue");

const queues = QueueServiceClient.fromConnectionString(process.env.JOBS_STORAGE_CONNECTION_STRING);

async function push(msg) {
  await queues.getQueueClient("jobs").sendMessage(msg);
}

module.exports = { push };
"#,
    );
    dir
}

fn copy_of(dir: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(dir, tmp.path());
    tmp
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &entry.path(), out);
            } else {
                out.insert(entry.path().strip_prefix(base).unwrap().to_path_buf(), fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap()
}

/// `secretless fix --interactive` in `dir` with `answers` piped to stdin: (exit code, stdout).
fn interactive(dir: &Path, answers: &str) -> (i32, String) {
    let mut child = bin()
        .args(["fix", "--interactive", "--color", "never"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may stop reading early (q): a broken pipe here is expected.
    let _ = child.stdin.take().unwrap().write_all(answers.as_bytes());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "stderr: {stderr}");
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

/// The tree after `fix --yes --include-review` on a copy of `dir`.
fn fixed_with_yes(dir: &Path) -> tempfile::TempDir {
    let tmp = copy_of(dir);
    let out = bin().args(["fix", "--yes", "--include-review", "--color", "never"]).current_dir(tmp.path()).output().unwrap();
    assert!(out.status.code().unwrap() < 2, "{}", String::from_utf8_lossy(&out.stderr));
    tmp
}

fn prompts(out: &str) -> usize {
    out.matches("Apply this fix? [y,n,a,d,q,s,?]").count()
}

#[test]
fn yes_to_every_fix_writes_what_fix_yes_include_review_writes() {
    let mut dirs: Vec<PathBuf> =
        fs::read_dir(root().join("fixtures/apps")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let mine = app();
    dirs.push(mine.path().to_path_buf());
    for dir in dirs {
        let expected = fixed_with_yes(&dir);
        let tmp = copy_of(&dir);
        let (_, out) = interactive(tmp.path(), &"y\n".repeat(500));
        assert!(!out.contains("Left for review"), "{}: {out}", dir.display());
        assert_eq!(files(tmp.path()), files(expected.path()), "{}: {out}", dir.display());
    }
}

#[test]
fn yes_to_every_fix_shows_each_fix_and_the_summary() {
    let dir = app();
    let (code, out) = interactive(dir.path(), "y\ny\ny\ny\n");
    assert_eq!(prompts(&out), 4, "{out}");
    // File and line, the finding (rule, service, source), the fix and its applicability, the roles.
    assert!(out.contains("(1/4) src/a.js:4 SL201 storage-blob (source: env:AZURE_STORAGE_CONNECTION_STRING)"), "{out}");
    assert!(out.contains("fix: Use DefaultAzureCredential with the storage-blob endpoint [safe]"), "{out}");
    assert!(out.contains("(4/4) src/c.js:3 SL201 storage-queue (source: env:JOBS_STORAGE_CONNECTION_STRING)"), "{out}");
    assert!(out.contains("[review]\n  needs: set `JOBS_STORAGE_QUEUE_ACCOUNT_URL`"), "{out}");
    assert!(out.contains("roles: Storage Queue Data Message Sender"), "{out}");
    // The first fix's diff covers code, import, manifest and setting.
    let first = &out[..out.find("(2/4)").unwrap()];
    for line in [
        "+const { DefaultAzureCredential } = require(\"@azure/identity\");",
        "+const blobs = new BlobServiceClient(process.env.AZURE_STORAGE_ACCOUNT_URL, new DefaultAzureCredential());",
        "+    \"@azure/identity\": \"^4.5.0\",",
        "+AZURE_STORAGE_ACCOUNT_URL=https://demoacct.blob.core.windows.net",
    ] {
        assert!(first.contains(line), "missing {line:?} in {first}");
    }
    // Later fixes in a file are shown re-based on the accepted ones: the import is not added twice,
    // and the manifest line the first fix added is not shown again.
    let second = &out[out.find("(2/4)").unwrap()..out.find("(3/4)").unwrap()];
    assert!(second.contains(" const blobs = new BlobServiceClient(process.env.AZURE_STORAGE_ACCOUNT_URL"), "{second}");
    assert!(!second.contains("+const { DefaultAzureCredential }"), "{second}");
    assert!(!second.contains("package.json"), "{second}");
    // The summary.
    assert!(out.contains("4 applied, 0 skipped, 0 left for review; 5 files changed."), "{out}");
    assert!(
        out.contains("Applied review fixes: supply these values before you deploy:\n  src/c.js:3 set `JOBS_STORAGE_QUEUE_ACCOUNT_URL`"),
        "{out}"
    );
    assert!(out.contains("Secrets to rotate (2):"), "{out}");
    assert!(out.contains("  .env:1 SL101 storage\n  .env:2 SL103 service-bus\n"), "{out}");
    assert!(out.contains("Next: `secretless roles` prints the role assignments"), "{out}");
    assert_eq!(code, 0, "everything was fixed");
}

#[test]
fn no_to_every_fix_changes_nothing() {
    let dir = app();
    let before = files(dir.path());
    let (code, out) = interactive(dir.path(), "n\nn\nn\nn\n");
    assert_eq!(prompts(&out), 4, "{out}");
    assert_eq!(files(dir.path()), before);
    assert!(out.contains("0 applied, 4 skipped, 0 left for review; 0 files changed."), "{out}");
    assert_eq!(code, 1);
}

#[test]
fn quit_first_changes_nothing() {
    let dir = app();
    let before = files(dir.path());
    let (code, out) = interactive(dir.path(), "q\ny\ny\n");
    assert_eq!(prompts(&out), 1, "q stops at once: {out}");
    assert_eq!(files(dir.path()), before);
    assert!(out.contains("0 applied, 0 skipped, 4 left for review; 0 files changed."), "{out}");
    assert!(out.contains("Left for review (not answered; run `secretless fix --interactive` again):\n  src/a.js:4 SL201"), "{out}");
    assert_eq!(code, 1);
}

#[test]
fn quit_keeps_what_was_accepted() {
    let dir = app();
    let all = fixed_with_yes(dir.path());
    let original = copy_of(dir.path());
    let (_, out) = interactive(dir.path(), "n\ny\nq\n");
    assert_eq!(prompts(&out), 3, "{out}");
    assert!(out.contains("1 applied, 1 skipped, 2 left for review; 3 files changed."), "{out}");
    // Fix 2 alone: the service-bus rewrite with its own import, its setting and the package.
    let a = read(dir.path(), "src/a.js");
    assert!(a.contains("const blobs = BlobServiceClient.fromConnectionString("), "{a}");
    assert!(a.contains("new ServiceBusClient(process.env.SERVICEBUS_FULLY_QUALIFIED_NAMESPACE, new DefaultAzureCredential())"), "{a}");
    assert_eq!(a.matches("require(\"@azure/identity\")").count(), 1, "{a}");
    assert_eq!(read(dir.path(), "package.json"), read(all.path(), "package.json"));
    let env = read(dir.path(), ".env");
    assert!(env.starts_with("AZURE_STORAGE_CONNECTION_STRING="), "{env}");
    assert!(env.contains("\nSERVICEBUS_FULLY_QUALIFIED_NAMESPACE=demo-bus.servicebus.windows.net\n"), "{env}");
    for untouched in ["src/b.js", "src/c.js"] {
        assert_eq!(read(dir.path(), untouched), read(original.path(), untouched));
    }
}

#[test]
fn end_of_input_is_quit() {
    let dir = app();
    let all = fixed_with_yes(dir.path());
    let original = copy_of(dir.path());
    let (code, out) = interactive(dir.path(), "y\n");
    assert_eq!(prompts(&out), 2, "{out}");
    assert!(out.contains("1 applied, 0 skipped, 3 left for review; 3 files changed."), "{out}");
    let a = read(dir.path(), "src/a.js");
    assert!(a.contains("const blobs = new BlobServiceClient(process.env.AZURE_STORAGE_ACCOUNT_URL"), "{a}");
    assert!(a.contains("new ServiceBusClient(process.env.SERVICEBUS_CONNECTION_STRING)"), "{a}");
    assert_eq!(read(dir.path(), "package.json"), read(all.path(), "package.json"));
    assert_eq!(read(dir.path(), "src/b.js"), read(original.path(), "src/b.js"));
    assert_eq!(code, 1);
}

#[test]
fn a_applies_this_fix_and_the_rest_of_the_file() {
    let dir = app();
    let all = fixed_with_yes(dir.path());
    let original = copy_of(dir.path());
    let (_, out) = interactive(dir.path(), "a\nn\ny\n");
    // Fix 2 is in the same file: applied without asking.
    assert_eq!(prompts(&out), 3, "{out}");
    assert!(out.contains("(2/4) src/a.js:7 SL202: accepted"), "{out}");
    assert!(out.contains("3 applied, 1 skipped, 0 left for review"), "{out}");
    assert_eq!(read(dir.path(), "src/a.js"), read(all.path(), "src/a.js"));
    assert_eq!(read(dir.path(), "src/b.js"), read(original.path(), "src/b.js"));
    assert_eq!(read(dir.path(), "src/c.js"), read(all.path(), "src/c.js"));
}

#[test]
fn d_skips_this_fix_and_the_rest_of_the_file() {
    let dir = app();
    let all = fixed_with_yes(dir.path());
    let original = copy_of(dir.path());
    let (_, out) = interactive(dir.path(), "d\ny\ny\n");
    assert_eq!(prompts(&out), 3, "{out}");
    assert!(out.contains("(2/4) src/a.js:7 SL202: skipped"), "{out}");
    assert!(out.contains("2 applied, 2 skipped, 0 left for review"), "{out}");
    assert_eq!(read(dir.path(), "src/a.js"), read(original.path(), "src/a.js"));
    assert_eq!(read(dir.path(), "src/b.js"), read(all.path(), "src/b.js"));
    assert_eq!(read(dir.path(), "src/c.js"), read(all.path(), "src/c.js"));
    // b.js's fix brought the storage setting; the service-bus one stays.
    let env = read(dir.path(), ".env");
    assert!(env.starts_with("AZURE_STORAGE_ACCOUNT_URL=https://demoacct.blob.core.windows.net\nSERVICEBUS_CONNECTION_STRING="), "{env}");
}

#[test]
fn s_splits_a_fix_into_one_hunk_per_file() {
    let dir = app();
    let original = copy_of(dir.path());
    // Fix 1: split; take the code, not the package, take the setting. Then skip the rest.
    let (code, out) = interactive(dir.path(), "s\ny\nn\ny\nn\nn\nn\n");
    assert!(out.contains("Hunk 1/3: src/a.js"), "{out}");
    assert!(out.contains("Hunk 2/3: package.json"), "{out}");
    assert!(out.contains("Hunk 3/3: .env"), "{out}");
    assert_eq!(out.matches("Apply this hunk? [y,n,a,d,q,?]").count(), 3, "{out}");
    assert!(out.contains("1 applied (1 in part), 3 skipped, 0 left for review; 2 files changed."), "{out}");
    assert!(out.contains("Applied in part:\n  src/a.js:4 SL201 (not applied: package.json)"), "{out}");
    let a = read(dir.path(), "src/a.js");
    assert!(a.contains("require(\"@azure/identity\")"), "the import goes with the code: {a}");
    assert!(a.contains("const blobs = new BlobServiceClient(process.env.AZURE_STORAGE_ACCOUNT_URL"), "{a}");
    assert_eq!(read(dir.path(), "package.json"), read(original.path(), "package.json"));
    assert!(read(dir.path(), ".env").starts_with("AZURE_STORAGE_ACCOUNT_URL="));
    assert_eq!(code, 1);
    // Answering y to every hunk is the same as y to the fix.
    let split = copy_of(original.path());
    let whole = copy_of(original.path());
    interactive(split.path(), "s\ny\ny\ny\nn\nn\nn\n");
    interactive(whole.path(), "y\nn\nn\nn\n");
    assert_eq!(files(split.path()), files(whole.path()));
}

#[test]
fn s_hunk_answers_a_d_and_q() {
    let original = app();
    // a: this hunk and the rest of the fix = the whole fix.
    let a = copy_of(original.path());
    let whole = copy_of(original.path());
    let (_, out) = interactive(a.path(), "s\na\nq\n");
    interactive(whole.path(), "y\nq\n");
    assert_eq!(out.matches("Apply this hunk?").count(), 1, "{out}");
    assert_eq!(files(a.path()), files(whole.path()));
    // d: skip this hunk and the rest of the fix: only the code hunk taken.
    let d = copy_of(original.path());
    let (_, out) = interactive(d.path(), "s\ny\nd\nq\n");
    assert_eq!(out.matches("Apply this hunk?").count(), 2, "{out}");
    assert!(out.contains("(not applied: package.json, .env)"), "{out}");
    assert_eq!(read(d.path(), "package.json"), read(original.path(), "package.json"));
    assert_eq!(read(d.path(), ".env"), read(original.path(), ".env"));
    assert_ne!(read(d.path(), "src/a.js"), read(original.path(), "src/a.js"));
    // q inside a split keeps the hunks taken so far and stops.
    let q = copy_of(original.path());
    let (_, out) = interactive(q.path(), "s\nn\ny\nq\n");
    assert_eq!(prompts(&out), 1, "{out}");
    assert!(out.contains("1 applied (1 in part), 0 skipped, 3 left for review; 1 files changed."), "{out}");
    assert_ne!(read(q.path(), "package.json"), read(original.path(), "package.json"));
    assert_eq!(read(q.path(), "src/a.js"), read(original.path(), "src/a.js"));
    // q at the first hunk: nothing taken, the fix is left for review.
    let q0 = copy_of(original.path());
    let (_, out) = interactive(q0.path(), "s\nq\n");
    assert!(out.contains("0 applied, 0 skipped, 4 left for review; 0 files changed."), "{out}");
    assert_eq!(files(q0.path()), files(original.path()));
}

#[test]
fn s_on_a_one_hunk_fix_asks_again() {
    let dir = app();
    let all = fixed_with_yes(dir.path());
    // After fix 1, fix 3 (b.js) only changes b.js: its setting and package are already there.
    let (_, out) = interactive(dir.path(), "y\nn\ns\ny\nn\n");
    let third = &out[out.find("(3/4)").unwrap()..out.find("(4/4)").unwrap()];
    assert!(third.contains("This fix changes one hunk only: it cannot be split."), "{third}");
    assert_eq!(prompts(third), 2, "{third}");
    assert_eq!(read(dir.path(), "src/b.js"), read(all.path(), "src/b.js"));
}

#[test]
fn unknown_input_and_help_ask_again() {
    let dir = app();
    let (_, out) = interactive(dir.path(), "maybe\nx\n\n?\ny\n");
    let first = &out[..out.find("(2/4)").unwrap()];
    assert_eq!(prompts(first), 5, "{first}");
    assert!(first.contains("Unknown answer `maybe`."), "{first}");
    assert!(first.contains("Unknown answer `x`."), "{first}");
    assert!(first.contains("s - split this fix into hunks (one per file it changes) and decide each"), "{first}");
    assert!(out.contains("1 applied, 0 skipped, 3 left for review"), "{out}");
}

#[test]
fn a_file_changed_since_the_scan_is_refused_not_overwritten() {
    use std::io::Read;
    let dir = app();
    let mut child = bin()
        .args(["fix", "--interactive", "--color", "never"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first question: the scan is done. Then someone edits b.js.
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Apply this fix?") {
        assert_eq!(stdout.read(&mut byte).unwrap(), 1, "no question: {}", String::from_utf8_lossy(&seen));
        seen.push(byte[0]);
    }
    let edited = read(dir.path(), "src/b.js") + "// edited meanwhile\n";
    fs::write(dir.path().join("src/b.js"), &edited).unwrap();
    child.stdin.take().unwrap().write_all(b"y\ny\ny\ny\n").unwrap();
    stdout.read_to_end(&mut seen).unwrap();
    assert!(child.wait().unwrap().code() == Some(1));
    let out = String::from_utf8(seen).unwrap();
    assert!(out.contains("This fix cannot be applied: src/b.js changed since it was scanned: rescan and try again. Skipped."), "{out}");
    assert_eq!(prompts(&out), 3, "the refused fix is not asked about: {out}");
    assert!(out.contains("3 applied, 0 skipped, 0 left for review, 1 could not be applied;"), "{out}");
    assert!(out.contains("Could not be applied:\n  src/b.js:3 SL201 src/b.js changed since it was scanned"), "{out}");
    assert_eq!(read(dir.path(), "src/b.js"), edited);
}

/// A real terminal: single keys through a pseudo-terminal.
#[cfg(unix)]
mod terminal {
    use super::*;
    use expectrl::process::Termios;
    use expectrl::process::unix::WaitStatus;
    use expectrl::{Eof, Expect, Session};
    use std::process::Command;
    use std::time::Duration;

    /// Spawn `script` under `sh` in a pseudo-terminal, `$0` being the binary, in `dir`.
    fn spawn(dir: &Path, script: &str) -> expectrl::session::OsSession {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_secretless")).current_dir(dir);
        cmd.env("TERM", "xterm").env_remove("NO_COLOR");
        let mut s = Session::spawn(cmd).expect("a pseudo-terminal");
        // Only a guard against a hang, never an assertion on how long anything takes.
        s.set_expect_timeout(Some(Duration::from_secs(120)));
        s
    }

    /// Wait until the program has put the terminal in raw mode (echo off) to read a key, so a key
    /// sent now is read as a key, never by the line discipline. The scripts turn echo on first.
    fn wait_for_raw_mode(s: &mut expectrl::session::OsSession) {
        for _ in 0..60_000 {
            if !s.get_process().is_echo().unwrap() {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        panic!("the terminal never went to raw mode");
    }

    /// Wait for `needle`, then answer `key`; returns the output up to and including the needle.
    fn answer(s: &mut expectrl::session::OsSession, needle: &str, key: &str) -> String {
        let m = s.expect(needle).unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}"));
        let seen = format!("{}{}", String::from_utf8_lossy(m.before()), String::from_utf8_lossy(&m[0]));
        wait_for_raw_mode(s);
        s.send(key).unwrap();
        seen
    }

    fn rest(s: &mut expectrl::session::OsSession) -> String {
        let m = s.expect(Eof).unwrap();
        String::from_utf8_lossy(m.as_bytes()).into_owned()
    }

    #[test]
    fn per_hunk_keys_on_a_terminal_and_the_terminal_left_cooked() {
        let dir = app();
        let original = copy_of(dir.path());
        let mut s = spawn(
            dir.path(),
            r#"stty echo; echo "<<before"; stty -a; echo "before>>"; "$0" fix --interactive; echo "exit=$?"; echo "<<after"; stty -a; echo "after>>""#,
        );
        let mut out = String::new();
        out += &answer(&mut s, "Apply this fix? [y,n,a,d,q,s,?]", "s");
        out += &answer(&mut s, "Apply this hunk? [y,n,a,d,q,?]", "y"); // src/a.js
        out += &answer(&mut s, "Apply this hunk? [y,n,a,d,q,?]", "n"); // package.json
        out += &answer(&mut s, "Apply this hunk? [y,n,a,d,q,?]", "y"); // .env
        out += &answer(&mut s, "Apply this fix? [y,n,a,d,q,s,?]", "x"); // unknown: asked again
        out += &answer(&mut s, "Apply this fix? [y,n,a,d,q,s,?]", "n");
        out += &answer(&mut s, "Apply this fix? [y,n,a,d,q,s,?]", "q");
        out += &rest(&mut s);
        let out = out.replace('\r', "");
        assert!(s.get_process().wait().is_ok());

        assert!(out.contains("Hunk 2/3: package.json"), "{out}");
        assert!(out.contains("Unknown answer `x`."), "{out}");
        assert!(out.contains("1 applied (1 in part), 1 skipped, 2 left for review; 2 files changed."), "{out}");
        assert!(out.contains("exit=1"), "{out}");
        // Colour on a terminal (through console's styles).
        assert!(out.contains("\u{1b}["), "{out}");
        // The files: fix 1 without its package line.
        let a = read(dir.path(), "src/a.js");
        assert!(a.contains("const blobs = new BlobServiceClient(process.env.AZURE_STORAGE_ACCOUNT_URL"), "{a}");
        assert!(a.contains("new ServiceBusClient(process.env.SERVICEBUS_CONNECTION_STRING)"), "{a}");
        assert_eq!(read(dir.path(), "package.json"), read(original.path(), "package.json"));
        assert!(read(dir.path(), ".env").starts_with("AZURE_STORAGE_ACCOUNT_URL="));
        for same in ["src/b.js", "src/c.js"] {
            assert_eq!(read(dir.path(), same), read(original.path(), same));
        }
        // The terminal is left exactly as it was found: cooked, echo on.
        let between = |from: &str, to: &str| out[out.find(from).unwrap() + from.len()..out.find(to).unwrap()].trim().to_owned();
        let (before, after) = (between("<<before", "before>>"), between("<<after", "after>>"));
        assert_eq!(before, after);
        for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(after.split_whitespace().any(|w| w == flag), "{flag} missing from {after}");
        }
    }

    #[test]
    fn ctrl_c_exits_130_writes_nothing_and_restores_the_terminal() {
        let dir = app();
        let before = files(dir.path());
        let mut s = spawn(dir.path(), r#"stty echo; exec "$0" fix --interactive"#);
        let mut out = answer(&mut s, "Apply this fix? [y,n,a,d,q,s,?]", "y");
        out += &answer(&mut s, "(2/4)", "\u{3}");
        out += &rest(&mut s);
        let status = s.get_process().wait().unwrap();
        assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}: {out}");
        assert!(out.contains("Interrupted: nothing was written."), "{out}");
        assert!(!out.contains("applied,"), "no summary after Ctrl-C: {out}");
        assert_eq!(files(dir.path()), before, "the accepted fix 1 is not written");
        assert!(s.get_process().is_echo().unwrap(), "echo is back on after the interrupt");
    }
}
