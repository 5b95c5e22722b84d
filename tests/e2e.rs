//! Issue 8: end-to-end proof. A rewrite is only trusted when the rewritten program runs.
//!
//! For each sample app in `fixtures/e2e/` (Python: azure-storage-blob + azure-storage-queue; Node:
//! @azure/storage-blob), against a real Azurite over HTTPS with `--oauth basic`:
//! 1. the app as written runs with the emulator connection string and prints OK;
//! 2. `secretless fix --yes --include-review` rewrites a copy; the rewritten app runs with the
//!    connection string REMOVED from its environment and only the endpoint settings that the fix says
//!    it needs, and prints OK; DefaultAzureCredential got its token from the local managed-identity
//!    endpoint (App Service style `IDENTITY_ENDPOINT`/`IDENTITY_HEADER`), which must have served one;
//! 3. the same rewrite with the credential argument deleted fails against Azurite: the test bites.
//!
//! Needs python3 with the Azure SDKs, node, and tests/sdk/node_modules (azurite, @azure/*), all
//! installed by `scripts/test-deps.sh`; a missing piece fails the test with the command to run, it is
//! never skipped. Run alone: `cargo test --test e2e`.

#[path = "e2e/harness.rs"]
mod harness;
#[path = "e2e/identity.rs"]
mod identity;

use harness::{Azurite, Run, copy_dir, node_modules, root, run};
use identity::IdentityEndpoint;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CONNECTION_SETTING: &str = "AZURE_STORAGE_CONNECTION_STRING";
const ENDPOINT_SETTING: &str = "AZURE_STORAGE_ACCOUNT_URL";

struct App {
    /// Directory under fixtures/e2e.
    fixture: &'static str,
    interpreter: PathBuf,
    /// The entry point, also the file the fix rewrites.
    main: &'static str,
    /// The old connection-string factory, gone after the fix.
    factory: &'static str,
    /// How the rewritten code must read the endpoint setting.
    endpoint_read: &'static str,
    /// The credential argument the fix adds; deleting it makes the deliberately broken rewrite.
    credential_arg: &'static str,
}

#[test]
fn python_storage_blob_and_queue() {
    prove(&App {
        fixture: "python-storage",
        interpreter: harness::python(),
        main: "app.py",
        factory: ".from_connection_string(",
        endpoint_read: r#"os.environ["AZURE_STORAGE_ACCOUNT_URL"]"#,
        credential_arg: ", credential=DefaultAzureCredential()",
    });
}

#[test]
fn node_storage_blob() {
    prove(&App {
        fixture: "node-storage",
        interpreter: harness::node(),
        main: "index.js",
        factory: ".fromConnectionString(",
        endpoint_read: "process.env.AZURE_STORAGE_ACCOUNT_URL",
        credential_arg: ", new DefaultAzureCredential()",
    });
}

fn prove(app: &App) {
    let azurite = Azurite::start();
    let identity = IdentityEndpoint::start();
    let work = tempfile::Builder::new().prefix("secretless-e2e-").tempdir().unwrap();
    let home = work.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let env = base_env(app, &azurite, &identity, &home);
    let fixture = root().join("fixtures/e2e").join(app.fixture);
    let context = |what: &str, r: &Run| format!("{what} ({}):\n{}\n--- azurite\n{}", app.fixture, r.describe(), azurite.log());

    // 1. The app as written, with the connection string.
    let before_dir = work.path().join("before");
    copy_dir(&fixture, &before_dir);
    let mut before_env = env.clone();
    before_env.push((CONNECTION_SETTING.into(), azurite.connection_string()));
    let before = run(&app.interpreter, &[app.main], &before_dir, &before_env);
    assert!(before.ok(), "{}", context("the app before the fix must run with the Azurite connection string", &before));
    assert_eq!(identity.tokens(), 0, "the app before the fix must not use the managed identity: {:?}", identity.served());

    // 2. The rewrite: `secretless fix --yes --include-review` on a copy.
    let fixed_dir = work.path().join("fixed");
    copy_dir(&fixture, &fixed_dir);
    let settings = needed_settings(&fixed_dir, &azurite);
    let applied = secretless(&["fix", "--yes", "--include-review", "--color", "never"], &fixed_dir);
    println!("{}", applied.stdout);
    let code = std::fs::read_to_string(fixed_dir.join(app.main)).unwrap();
    assert!(!code.contains(app.factory), "the fix left `{}` in {}:\n{code}\n{}", app.factory, app.main, applied.describe());
    assert!(code.contains("DefaultAzureCredential"), "the rewrite does not use DefaultAzureCredential:\n{code}");
    assert!(code.contains(app.endpoint_read), "the rewrite does not read the endpoint with `{}`:\n{code}", app.endpoint_read);

    let mut after_env = env.clone();
    after_env.extend(settings.iter().map(|(k, v)| (k.clone(), v.clone())));
    assert!(
        after_env.iter().all(|(k, _)| k != CONNECTION_SETTING),
        "the connection string must be gone from the rewritten app's environment"
    );
    let after = run(&app.interpreter, &[app.main], &fixed_dir, &after_env);
    assert!(
        after.ok(),
        "{}\n--- rewritten {}\n{code}\n--- settings\n{settings:?}\n--- identity endpoint\n{:?}",
        context("the rewritten app must run with DefaultAzureCredential and no connection string", &after),
        app.main,
        identity.served()
    );
    let tokens = identity.tokens();
    assert!(tokens >= 1, "the rewritten app succeeded but the managed-identity endpoint served no token: {:?}", identity.served());
    let refused: Vec<_> = identity.served().into_iter().filter(|s| s.refused.is_some()).collect();
    assert!(refused.is_empty(), "the managed-identity endpoint refused requests: {refused:?}");
    for s in identity.served() {
        assert!(
            s.method == "GET"
                && s.target.starts_with("/msi/token?")
                && s.resource.as_deref().is_some_and(|r| r.starts_with("https://storage.azure.com")),
            "unexpected request to the managed-identity endpoint: {s:?}"
        );
    }

    // 3. The same rewrite with the blob client's credential deleted must fail against Azurite with OAuth
    //    (the blob client is the one the SDKs let run anonymously, so Azurite is what refuses it).
    let broken_dir = work.path().join("broken");
    copy_dir(&fixed_dir, &broken_dir);
    let broken_code: String = code
        .split_inclusive('\n')
        .map(|line| if line.contains("BlobServiceClient(") { line.replace(app.credential_arg, "") } else { line.to_owned() })
        .collect();
    assert_ne!(broken_code, code, "the rewritten {} has no blob client with `{}` to delete", app.main, app.credential_arg);
    std::fs::write(broken_dir.join(app.main), &broken_code).unwrap();
    let broken = run(&app.interpreter, &[app.main], &broken_dir, &after_env);
    assert!(
        !broken.ok(),
        "{}",
        context("the rewrite WITHOUT the blob credential must fail against Azurite with OAuth, but it ran", &broken)
    );
    let said = format!("{}{}", broken.stdout, broken.stderr);
    assert!(
        ["AuthorizationFailure", "NoAuthenticationInformation", "AuthenticationFailed", "InvalidAuthenticationInfo"]
            .iter()
            .any(|m| said.contains(m)),
        "{}",
        context("the broken rewrite must fail because Azurite refused the unauthenticated request", &broken)
    );
    assert_eq!(identity.tokens(), tokens, "the broken rewrite has no credential, so it must not fetch a token");
    println!("{}: identity endpoint served {:?}", app.fixture, identity.served());
    println!("{}: the broken rewrite failed as it must:\n{}", app.fixture, broken.describe());
}

/// The environment every run gets, on top of a cleared one: certificate trust, where the SDKs are, and
/// the App Service managed-identity variables. No AZURE_CLIENT_ID/SECRET/TENANT, so
/// DefaultAzureCredential's EnvironmentCredential and WorkloadIdentityCredential stand aside.
fn base_env(app: &App, azurite: &Azurite, identity: &IdentityEndpoint, home: &Path) -> Vec<(String, String)> {
    let cert = azurite.cert.to_string_lossy().into_owned();
    let bin_dir = app.interpreter.parent().unwrap().to_string_lossy().into_owned();
    vec![
        ("PATH".into(), format!("{bin_dir}:/usr/bin:/bin")),
        ("HOME".into(), home.to_string_lossy().into_owned()),
        ("LANG".into(), "C.UTF-8".into()),
        ("REQUESTS_CA_BUNDLE".into(), cert.clone()),
        ("SSL_CERT_FILE".into(), cert.clone()),
        ("NODE_EXTRA_CA_CERTS".into(), cert),
        ("NODE_PATH".into(), node_modules().to_string_lossy().into_owned()),
        ("PYTHONDONTWRITEBYTECODE".into(), "1".into()),
        ("IDENTITY_ENDPOINT".into(), identity.url.clone()),
        ("IDENTITY_HEADER".into(), identity.header.clone()),
    ]
}

/// The endpoint settings the fix says the rewritten code needs (`needs: set `NAME` to the storage-blob
/// endpoint`), each with Azurite's (path-style) endpoint for that service. A setting asked to hold two
/// different endpoints is a rewrite bug: no value makes both clients work.
fn needed_settings(dir: &Path, azurite: &Azurite) -> BTreeMap<String, String> {
    let planned = secretless(&["fix", "--json", "--include-review"], dir);
    let plan: serde_json::Value = serde_json::from_str(&planned.stdout)
        .unwrap_or_else(|e| panic!("`secretless fix --json` printed no JSON ({e}):\n{}", planned.describe()));
    let fixes = plan["fixes"].as_array().expect("fixes array");
    assert!(!fixes.is_empty(), "secretless plans no fix for the sample app:\n{}", planned.stdout);
    let unfixed = plan["unfixed"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(unfixed, 0, "secretless leaves findings unfixed in the sample app:\n{}", planned.stdout);
    let needs = regex::Regex::new(r"set `([^`]+)` to the ([a-z-]+) endpoint").unwrap();
    let asked: Vec<String> = fixes
        .iter()
        .map(|f| format!("{}:{} {}", f["path"].as_str().unwrap_or("?"), f["line"], f["needs"].as_str().unwrap_or("(needs nothing)")))
        .collect();
    let mut settings: BTreeMap<String, (String, String)> = BTreeMap::new();
    for f in fixes {
        let Some(text) = f["needs"].as_str() else { continue };
        let c = needs.captures(text).unwrap_or_else(|| panic!("unexpected `needs` text in the fix plan: {text}"));
        let (name, service) = (c[1].to_owned(), c[2].to_owned());
        let url = match service.as_str() {
            "storage-blob" => azurite.blob_url(),
            "storage-queue" => azurite.queue_url(),
            other => panic!("the e2e harness has no emulator endpoint for {other} (setting {name})"),
        };
        if let Some((prev_service, prev_url)) = settings.get(&name) {
            assert_eq!(
                prev_url,
                &url,
                "secretless rewrites the {prev_service} client and the {service} client to read the same setting `{name}`, \
                 but they need different endpoints ({prev_url} vs {url}); in Azure too \
                 (https://ACCOUNT.blob.core.windows.net vs https://ACCOUNT.queue.core.windows.net). The fix asks:\n{}",
                asked.join("\n")
            );
        }
        settings.insert(name, (service, url));
    }
    assert!(settings.contains_key(ENDPOINT_SETTING), "the fix does not ask for {ENDPOINT_SETTING}: {settings:?}");
    settings.into_iter().map(|(k, (_, url))| (k, url)).collect()
}

fn secretless(args: &[&str], dir: &Path) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretless")).args(args).arg(dir).output().expect("run secretless");
    let run = Run {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(run.status.code().is_some_and(|c| c == 0 || c == 1), "secretless {args:?} failed:\n{}", run.describe());
    run
}
