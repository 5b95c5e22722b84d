//! Issue 10, part 3: secret hygiene. A fixture tree holds known fake secrets of every kind (storage
//! key, Service Bus key, SAS signature, Entra client secret, API key in a named setting, SQL
//! password, Redis key) in code and config. Every output secretless has — `scan` in each format
//! (stdout and `--output` file), `roles` in each format, `baseline` (its file too), `fix` (the diff
//! preview), `fix --json`, `fix --interactive` answered `n`, `fix --yes` — must not show any of them
//! in full, nor any part of their middle, unless `--show-secrets` was given; and `--show-secrets`
//! must show them (proof that the test would see a leak).
//!
//! Debug logs: secretless has no logging framework (no `log`/`tracing` dependency, no RUST_LOG).
//! The only environment variables it reads are NO_COLOR and TERM (colour). The commands here run
//! with RUST_LOG=trace, RUST_BACKTRACE=full and SL_PROFILE=1 (a per-file timing switch scan.rs had
//! for a while) set all the same, so any debug output added later is checked too.

mod common;

use common::bin;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const STORAGE_KEY: &str = "5+7nYV7zXzDkm0guFcrnUAcgHhJhew/tp+Fkd5b/AivqjtAqgqF1kw8jN803lMUiCABtaxrwwMvWJWWKrCyfqg==";
/// Read by code through an environment variable; the value sits in `.env`.
const ENV_STORAGE_KEY: &str = "zq0tcTX6Rr1l9n0GvEoWZPTrjHiDzkX3q8i7cWbPZ3PPj1rXwT1HQ6kpj7QmB5nE8n9X8yKfQeUzr4OR3JnGxg==";
const SB_KEY: &str = "B9E8RH4zBR7u+Vpg5WFD1sQ7ytdsAIqbCmtfyTMVSm0=";
const SAS_SIG: &str = "NTcTgnrIg9f7llkjQHT1JY9saAgjidLkfx4XWpC8Qy8%3D";
const ENTRA_SECRET: &str = "Xk28Q~kAnqYYlAmEFFoHQ4auVY7vsldcd1iFhwgB";
const API_KEY: &str = "b4ea410fb9102f29a422eb14ab2f2d0f";
const SQL_PASSWORD: &str = "Vx7pQ2mZ9wK4rTq8";
const REDIS_KEY: &str = "lKBlaF1kxJgLuNRUSochqZoBrSGetZz2oV728Vodgws=";

const SECRETS: &[(&str, &str)] = &[
    ("storage key", STORAGE_KEY),
    ("storage key in .env", ENV_STORAGE_KEY),
    ("service bus key", SB_KEY),
    ("SAS signature", SAS_SIG),
    ("Entra client secret", ENTRA_SECRET),
    ("API key", API_KEY),
    ("SQL password", SQL_PASSWORD),
    ("Redis key", REDIS_KEY),
];

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Secrets in code (where fixes rewrite the lines around them) and in every kind of config file.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(
        p,
        "app.py",
        &format!(
            r#"import os
from azure.storage.blob import BlobServiceClient
from azure.servicebus import ServiceBusClient, ServiceBusMessage
from azure.identity import ClientSecretCredential
from azure.keyvault.secrets import SecretClient

STORAGE = "DefaultEndpointsProtocol=https;AccountName=hygieneacct;AccountKey={STORAGE_KEY};EndpointSuffix=core.windows.net"
svc = BlobServiceClient.from_connection_string(STORAGE)
svc.get_container_client("uploads").upload_blob("b", b"x")

bus = ServiceBusClient.from_connection_string("Endpoint=sb://hygiene-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={SB_KEY}")
with bus.get_queue_sender("orders") as sender:
    sender.send_messages(ServiceBusMessage("hi"))

cred = ClientSecretCredential("72f988bf-86f1-41af-91ab-2d7cd011db47", "0f8fad5b-d9cb-469f-a165-70867728950e", "{ENTRA_SECRET}")
vault = SecretClient("https://hygiene-kv.vault.azure.net", cred)
vault.get_secret("x")
"#
        ),
    );
    write(
        p,
        "worker.py",
        r#"import os
from azure.storage.queue import QueueServiceClient

queues = QueueServiceClient.from_connection_string(os.environ["AZURE_STORAGE_CONNECTION_STRING"])
queues.get_queue_client("jobs").send_message("hi")
"#,
    );
    write(
        p,
        "web/index.js",
        &format!(
            r#"const {{ BlobServiceClient }} = require("@azure/storage-blob");
const {{ OpenAIClient, AzureKeyCredential }} = require("@azure/openai");
const blobs = new BlobServiceClient("https://hygieneacct.blob.core.windows.net?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig={SAS_SIG}");
const ai = new OpenAIClient("https://hygiene-ai.openai.azure.com/", new AzureKeyCredential("{API_KEY}"));
module.exports = {{ blobs, ai }};
"#
        ),
    );
    write(
        p,
        "Api/Program.cs",
        &format!(
            r#"using Microsoft.Data.SqlClient;
using StackExchange.Redis;

var cs = "Server=tcp:hygiene-sql.database.windows.net,1433;Initial Catalog=shop;User ID=app;Password={SQL_PASSWORD};Encrypt=True;";
using var conn = new SqlConnection(cs);
conn.Open();
var redis = ConnectionMultiplexer.Connect("hygiene.redis.cache.windows.net:6380,password={REDIS_KEY},ssl=True,abortConnect=False");
"#
        ),
    );
    write(
        p,
        "appsettings.json",
        &format!(
            r#"{{
  "ConnectionStrings": {{
    "Storage": "DefaultEndpointsProtocol=https;AccountName=hygieneacct;AccountKey={STORAGE_KEY};EndpointSuffix=core.windows.net",
    "Redis": "hygiene.redis.cache.windows.net:6380,password={REDIS_KEY},ssl=True,abortConnect=False"
  }},
  "OpenAI": {{ "Endpoint": "https://hygiene-ai.openai.azure.com/", "ApiKey": "{API_KEY}" }}
}}
"#
        ),
    );
    write(
        p,
        "local.settings.json",
        &format!(
            r#"{{
  "IsEncrypted": false,
  "Values": {{
    "ServiceBusConnection": "Endpoint=sb://hygiene-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={SB_KEY}"
  }}
}}
"#
        ),
    );
    write(
        p,
        ".env",
        &format!(
            "AZURE_CLIENT_SECRET={ENTRA_SECRET}\n\
             AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=hygienequeues;AccountKey={ENV_STORAGE_KEY};EndpointSuffix=core.windows.net\n\
             BLOB_SAS_URL=https://hygieneacct.blob.core.windows.net/uploads?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01&sig={SAS_SIG}\n\
             REDIS_URL=rediss://:{REDIS_KEY}@hygiene.redis.cache.windows.net:6380/0\n"
        ),
    );
    write(
        p,
        "web.config",
        &format!(
            r#"<?xml version="1.0"?>
<configuration>
  <connectionStrings>
    <add name="Shop" connectionString="Server=tcp:hygiene-sql.database.windows.net,1433;Initial Catalog=shop;User ID=app;Password={SQL_PASSWORD};Encrypt=True;" providerName="System.Data.SqlClient" />
  </connectionStrings>
</configuration>
"#
        ),
    );
    write(
        p,
        "docs/setup.md",
        &format!("Use `https://hygieneacct.blob.core.windows.net/uploads?sv=2022-11-02&sr=c&sp=rl&sig={SAS_SIG}` to test.\n"),
    );
    dir
}

/// Where a secret shows up in `text`: in full, or an 8-character piece of what redaction must hide
/// (everything after the 4-character prefix it keeps).
fn leaks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, secret) in SECRETS {
        if text.contains(secret) {
            out.push(format!("{kind} in full ({secret})"));
            continue;
        }
        let hidden = &secret[4..];
        if let Some(w) = (0..=hidden.len() - 8).map(|i| &hidden[i..i + 8]).find(|w| text.contains(*w)) {
            out.push(format!("{kind}: part of its middle `{w}`"));
        }
    }
    out
}

/// Every secret's redacted form: its first four characters and its true length.
fn redacted(secret: &str) -> String {
    format!("{}…[{} chars]", &secret[..4], secret.chars().count())
}

struct Shown {
    what: String,
    text: String,
}

fn cmd() -> Command {
    let mut c = bin();
    c.env("RUST_LOG", "trace").env("RUST_BACKTRACE", "full").env("SL_PROFILE", "1").env_remove("NO_COLOR");
    c
}

/// Run and capture stdout and stderr (with `input` on stdin when given).
fn capture(what: &str, c: &mut Command, input: Option<&str>) -> Vec<Shown> {
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        if let Some(i) = input {
            let _ = stdin.write_all(i.as_bytes());
        }
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{what} panicked: {stderr}");
    vec![
        Shown { what: format!("{what} (stdout)"), text: String::from_utf8_lossy(&out.stdout).into_owned() },
        Shown { what: format!("{what} (stderr)"), text: stderr },
    ]
}

fn assert_clean(shown: &[Shown]) {
    let mut problems = Vec::new();
    for s in shown {
        for l in leaks(&s.text) {
            problems.push(format!("{}: {l}", s.what));
        }
    }
    assert!(problems.is_empty(), "secrets shown without --show-secrets:\n  {}", problems.join("\n  "));
}

#[test]
fn show_secrets_shows_every_secret_so_this_test_can_see_a_leak() {
    let dir = fixture();
    let shown = capture("scan --show-secrets", cmd().args(["scan", "--show-secrets", "--format", "json"]).arg(dir.path()), None);
    let seen = leaks(&shown[0].text);
    for (kind, _) in SECRETS {
        assert!(
            seen.iter().any(|l| l.starts_with(&format!("{kind}:")) || l.starts_with(&format!("{kind} in full"))),
            "--show-secrets shows the {kind}: {seen:?}"
        );
    }
}

#[test]
fn show_secrets_prints_every_secret_in_full() {
    // `--show-secrets`: "Print secrets in full". The snippet is cut at 160 characters after
    // redaction, so a key at the end of a long line (a connection string) is cut short even then.
    let dir = fixture();
    let shown = capture("scan --show-secrets", cmd().args(["scan", "--show-secrets", "--format", "json"]).arg(dir.path()), None);
    let missing: Vec<&str> = SECRETS.iter().filter(|(_, s)| !shown[0].text.contains(s)).map(|(k, _)| *k).collect();
    assert!(missing.is_empty(), "--show-secrets does not print these in full anywhere: {missing:?}");
}

#[test]
fn scan_outputs_never_show_a_secret() {
    let dir = fixture();
    let out = tempfile::tempdir().unwrap();
    let mut shown = Vec::new();
    for format in ["text", "json", "sarif", "github"] {
        let what = format!("scan --format {format}");
        shown.extend(capture(&what, cmd().args(["scan", "--color", "always", "--stats", "--format", format]).arg(dir.path()), None));
        let file = out.path().join(format!("report.{format}"));
        shown.extend(capture(&format!("{what} --output"), cmd().args(["scan", "--format", format, "-o"]).arg(&file).arg(dir.path()), None));
        shown.push(Shown { what: format!("{what} --output file"), text: fs::read_to_string(&file).unwrap() });
    }
    // One file at a time too (paths and bases differ).
    for f in ["app.py", ".env", "appsettings.json", "web.config", "Api/Program.cs", "web/index.js"] {
        shown.extend(capture(&format!("scan {f}"), cmd().args(["scan", "--color", "never"]).arg(dir.path().join(f)), None));
    }
    assert_clean(&shown);
    // The JSON report was written: it held findings to redact.
    let json = fs::read_to_string(out.path().join("report.json")).unwrap();
    assert!(json.contains("\"SL101\""), "{json}");
}

#[test]
fn redacted_forms_keep_the_true_prefix_and_length() {
    // "Redaction keeps enough to recognise the value (prefix and length), never the middle."
    let dir = fixture();
    let shown = capture("scan", cmd().args(["scan", "--color", "never"]).arg(dir.path()), None);
    let text = &shown[0].text;
    let mut wrong = Vec::new();
    for (kind, s) in SECRETS {
        // Every complete redacted form shown for this secret: `abcd…[N chars]`.
        let prefix = format!("{}…[", &s[..4]);
        let forms: Vec<&str> = text
            .match_indices(&prefix)
            .filter_map(|(i, _)| text[i..].find(" chars]").map(|e| &text[i..i + e + " chars]".len()]))
            .filter(|f| !f.contains('\n'))
            .collect();
        if forms.is_empty() || forms.iter().any(|f| *f != redacted(s)) {
            wrong.push(format!("{kind}: want `{}`, shown as {forms:?}", redacted(s)));
        }
    }
    assert!(wrong.is_empty(), "each secret is shown as its prefix and its own length:\n  {}", wrong.join("\n  "));
    for (_, s) in SECRETS {
        let r = secretless::secrets::redact(s);
        assert_eq!(r, redacted(s));
        assert!(leaks(&r).is_empty());
    }
}

#[test]
fn roles_outputs_never_show_a_secret() {
    let dir = fixture();
    let out = tempfile::tempdir().unwrap();
    let mut shown = Vec::new();
    for format in ["az", "bicep", "terraform", "json"] {
        shown.extend(capture(&format!("roles --format {format}"), cmd().args(["roles", "--format", format]).arg(dir.path()), None));
        let file = out.path().join(format!("roles.{format}"));
        shown.extend(capture(
            &format!("roles --format {format} -o"),
            cmd().args(["roles", "--format", format, "-o"]).arg(&file).arg(dir.path()),
            None,
        ));
        shown.push(Shown { what: format!("roles --format {format} file"), text: fs::read_to_string(&file).unwrap() });
    }
    assert_clean(&shown);
    assert!(shown[0].text.contains("hygieneacct"), "roles were emitted: {}", shown[0].text);
}

#[test]
fn baseline_never_holds_a_secret() {
    let dir = fixture();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("baseline.json");
    let mut shown = capture("baseline", cmd().args(["baseline", "-o"]).arg(&file).arg(dir.path()), None);
    let content = fs::read_to_string(&file).unwrap();
    assert!(content.len() > 20, "{content}");
    shown.push(Shown { what: "baseline file".into(), text: content });
    // And a scan filtered by it.
    shown.extend(capture("scan --baseline", cmd().args(["scan", "--baseline"]).arg(&file).arg(dir.path()), None));
    assert_clean(&shown);
}

#[test]
fn fix_json_never_shows_a_secret() {
    let dir = fixture();
    let shown = capture("fix --json", cmd().args(["fix", "--json"]).arg(dir.path()), None);
    assert!(shown[0].text.contains("\"fixes\""), "{}", shown[0].text);
    assert_clean(&shown);
}

#[test]
fn fix_diff_preview_never_shows_a_secret() {
    // The preview's diff shows the lines a fix removes (`-STORAGE = "...AccountKey=..."`) and the
    // unchanged lines around them; those are the user's own lines, but the issue lists the fix diff
    // among the outputs that must not print a secret: CI logs and terminal recordings keep them.
    let dir = fixture();
    let mut shown = capture("fix", cmd().args(["fix", "--color", "never"]).arg(dir.path()), None);
    shown.extend(capture("fix --color always", cmd().args(["fix", "--color", "always"]).arg(dir.path()), None));
    assert!(shown[0].text.contains("--- a/app.py"), "the preview shows a diff: {}", shown[0].text);
    assert_clean(&shown);
}

#[test]
fn fix_interactive_screen_never_shows_a_secret() {
    let dir = fixture();
    let before = fs::read_to_string(dir.path().join("app.py")).unwrap();
    let answers = "n\n".repeat(50);
    let shown = capture("fix --interactive", cmd().args(["fix", "--interactive", "--color", "never"]).arg(dir.path()), Some(&answers));
    assert!(shown[0].text.contains("Apply this fix?"), "the screen asked: {}", shown[0].text);
    assert_eq!(fs::read_to_string(dir.path().join("app.py")).unwrap(), before, "answering n changes nothing");
    // `?` (help) and `s` (split into hunks) screens too.
    let more = capture(
        "fix --interactive (s, ?)",
        cmd().args(["fix", "--interactive", "--color", "never"]).arg(dir.path()),
        Some(&"?\ns\nn\nn\nn\n".repeat(10)),
    );
    let mut all = shown;
    all.extend(more);
    assert_clean(&all);
}

#[test]
fn fix_yes_output_never_shows_a_secret() {
    let dir = fixture();
    let shown =
        capture("fix --yes --include-review", cmd().args(["fix", "--yes", "--include-review", "--color", "never"]).arg(dir.path()), None);
    assert!(fs::read_to_string(dir.path().join("app.py")).unwrap().contains("DefaultAzureCredential()"), "the fixes were applied");
    assert_clean(&shown);
}

/// Issue 10: a minified bundle is one 12 MB line. Its snippet is a window around the secret, with
/// and without `--show-secrets` (which used to print the whole line): bounded, and holding the
/// secret (redacted, or in full when asked).
#[test]
fn issue_10_snippets_of_a_minified_line_are_a_window_around_the_secret() {
    let chunk = "!function(e){var t=e.connectionString||e.password||e.apiKey||e.accountKey;return t&&t.sig}(window),";
    let sas = format!("u=\"https://bundleacct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig={SAS_SIG}\",");
    let n = 12 * 1024 * 1024 / chunk.len();
    let bundle: String = (0..n).map(|i| if i == n / 2 { sas.as_str() } else { chunk }).collect();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dist/app.min.js", &bundle);
    let snippets = |extra: &[&str]| -> Vec<String> {
        let out = cmd().args(["scan", "--format", "json", "--max-filesize", "20M"]).args(extra).arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"].as_array().unwrap().iter().map(|f| f["redacted"].as_str().unwrap().to_owned()).collect()
    };
    for (extra, shown) in
        [(&[][..], format!("sig={}…[{} chars]", &SAS_SIG[..4], SAS_SIG.len())), (&["--show-secrets"][..], format!("sig={SAS_SIG}\""))]
    {
        let all = snippets(extra);
        assert_eq!(all.len(), 1, "{extra:?}: {all:?}");
        let s = &all[0];
        // 160 characters of the line, a cut mark at each end.
        assert!(s.chars().count() <= 162, "{extra:?}: a snippet of {} characters", s.chars().count());
        assert!(s.starts_with('…') && s.ends_with('…'), "{extra:?}: {s}");
        assert!(s.contains(&shown), "{extra:?}: the snippet does not show `{shown}`: {s}");
        assert!(s.contains("&sr=b&sp=r&sig="), "{extra:?}: no context before the secret: {s}");
        assert_eq!(extra.is_empty(), leaks(s).is_empty(), "{extra:?}: {s}");
    }
}
