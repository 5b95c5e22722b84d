//! CLI behaviour: exit codes, diagnostics, determinism across thread counts, redaction, `rules`.

mod common;

use common::{bin, root};
use std::fs;

const KEY: &str = "k3Jx9QvR2mTz8wXy7LpN4sD6fG1hJ0cA5eU8iO3rT6yW9zQ2xC4vB7nM1kL5jH8gF0dS3aP6oI9uY2tR5eW8qA==";

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    dir
}

fn secret_app() -> tempfile::TempDir {
    tree(&[(
        "app.py",
        &format!(
            "import os\nfrom azure.storage.blob import BlobServiceClient\n\nCONN = \"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={KEY};EndpointSuffix=core.windows.net\"\nsvc = BlobServiceClient.from_connection_string(os.getenv(\"AZURE_STORAGE_CONNECTION_STRING\", CONN))\nsvc.get_container_client(\"x\").download_blob(\"a\")\n"
        ),
    )])
}

#[test]
fn exit_1_with_findings_0_without_2_on_errors() {
    let app = secret_app();
    let out = bin().args(["scan", "--format", "json"]).arg(app.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let clean = tree(&[("ok.py", "from azure.identity import DefaultAzureCredential\nprint('hello')\n")]);
    assert_eq!(bin().arg("scan").arg(clean.path()).output().unwrap().status.code(), Some(0));
    let missing = bin().args(["scan", "/definitely/not/here"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file or directory"));
    assert_eq!(bin().args(["scan", "--format", "yaml"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn fail_on_secret_and_none() {
    let auth_only = tree(&[(
        "a.py",
        "import os\nfrom azure.storage.blob import BlobServiceClient\nsvc = BlobServiceClient.from_connection_string(os.environ[\"AZURE_STORAGE_CONNECTION_STRING\"])\n",
    )]);
    let code = |extra: &[&str], dir: &std::path::Path| bin().arg("scan").args(extra).arg(dir).output().unwrap().status.code();
    assert_eq!(code(&[], auth_only.path()), Some(1));
    assert_eq!(code(&["--fail-on", "secret"], auth_only.path()), Some(0));
    let app = secret_app();
    assert_eq!(code(&["--fail-on", "secret"], app.path()), Some(1));
    assert_eq!(code(&["--fail-on", "none"], app.path()), Some(0));
}

#[test]
fn secrets_are_redacted_unless_asked() {
    let app = secret_app();
    for format in ["text", "json"] {
        let out = bin().args(["scan", "--color", "never", "--format", format]).arg(app.path()).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains(&KEY[8..40]), "{format} output leaks the key");
        assert!(stdout.contains("k3Jx…[88 chars]"), "{format} output shows prefix and length: {stdout}");
    }
    let out = bin().args(["scan", "--show-secrets", "--format", "json"]).arg(app.path()).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(KEY));
}

#[test]
fn findings_are_identical_for_any_thread_count() {
    let apps = root().join("fixtures/apps");
    let run = |t: &str| bin().args(["scan", "--format", "json", "--threads", t]).arg(&apps).output().unwrap().stdout;
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("2"));
}

#[test]
fn skipped_files_are_one_line_diagnostics_and_the_scan_goes_on() {
    let app = secret_app();
    fs::write(app.path().join("blob.js"), b"const k = 'AccountKey=abc';\0\0binary").unwrap();
    fs::write(app.path().join("big.py"), "x = 1\n".repeat(400_000)).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.py", app.path().join("dangling.py")).unwrap();
        std::os::unix::fs::symlink(app.path(), app.path().join("loop")).unwrap();
    }
    let out = bin().args(["scan", "--max-filesize", "1M"]).arg(app.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the real secret is still found: {stderr}");
    assert!(stderr.contains("blob.js: skipped: binary file"), "{stderr}");
    #[cfg(unix)]
    {
        assert!(stderr.contains("dangling.py: dangling symbolic link skipped"), "{stderr}");
        assert!(stderr.contains("loop: symbolic link not followed"), "{stderr}");
    }
    for line in stderr.lines() {
        assert!(line.starts_with("secretless: "), "one-line diagnostics only: {line}");
    }
    let quiet = bin().args(["scan", "-q"]).arg(app.path()).output().unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn hidden_env_files_are_scanned_git_never() {
    let app = tree(&[
        (".env", "AZURE_CLIENT_SECRET=Xk28Q~abcDEF123ghiJKL456mnoPQR789stuVWX0\n"),
        (".git/config", "AccountKey=k3Jx9QvR2mTz8wXy7LpN4sD6fG1hJ0cA5eU8iO3rT6yW9zQ2xC4vB7nM1kL5jH8gF0dS3aP6oI9uY2tR5eW8qA==\n"),
        (".secret/app.env", "AZURE_CLIENT_SECRET=Yk28Q~abcDEF123ghiJKL456mnoPQR789stuVWX0\n"),
        // CI workflows and azd environments are where secrets leak: walked without --hidden.
        (".github/workflows/ci.yml", "env:\n  AZURE_CLIENT_SECRET: \"Zk28Q~abcDEF123ghiJKL456mnoPQR789stuVWX0\"\n"),
        (".azure/dev/.env", "AZURE_CLIENT_SECRET=Wk28Q~abcDEF123ghiJKL456mnoPQR789stuVWX0\n"),
    ]);
    let out = bin().args(["scan", "--format", "json"]).arg(app.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"path\": \".env\""), "{stdout}");
    assert!(stdout.contains("\"path\": \".github/workflows/ci.yml\""), "{stdout}");
    assert!(stdout.contains("\"path\": \".azure/dev/.env\""), "{stdout}");
    assert!(!stdout.contains(".git/"), "{stdout}");
    assert!(!stdout.contains(".secret/"), "hidden directories need --hidden: {stdout}");
    let all = bin().args(["scan", "--hidden", "--format", "json"]).arg(app.path()).output().unwrap();
    assert!(String::from_utf8_lossy(&all.stdout).contains(".secret/app.env"));
}

/// .gitignore keeps `.env.local` and `local.settings.json` out of commits, not off the disk: they hold
/// the app's secrets, so they are scanned; ignored code is not, and `--exclude` still wins.
#[test]
fn config_files_listed_in_gitignore_are_still_scanned() {
    let app = tree(&[
        (".gitignore", ".env*.local\nlocal.settings.json\nbuild/\ngenerated.py\n"),
        (".env.local", &format!("STORAGE_KEY={KEY}\n")),
        ("local.settings.json", &format!("{{\"Values\": {{\"Storage\": \"AccountName=contoso;AccountKey={KEY}\"}}}}\n")),
        ("build/.env", &format!("STORAGE_KEY={KEY}\n")),
        ("generated.py", &format!("CONN = \"AccountName=contoso;AccountKey={KEY}\"\n")),
    ]);
    let paths = |extra: &[&str]| {
        let out = bin().args(["scan", "--format", "json"]).args(extra).arg(app.path()).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut p: Vec<String> = v["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_owned()).collect();
        p.dedup();
        p
    };
    assert_eq!(paths(&[]), [".env.local", "local.settings.json"], "ignored config files are scanned, ignored dirs and code are not");
    assert_eq!(paths(&["--exclude", ".env.local"]), ["local.settings.json"]);
    assert_eq!(paths(&["--no-ignore"]), [".env.local", "build/.env", "generated.py", "local.settings.json"]);
}

#[test]
fn gitignore_and_exclude_are_honoured() {
    let app = secret_app();
    fs::write(app.path().join(".gitignore"), "ignored/\n").unwrap();
    fs::create_dir_all(app.path().join("ignored")).unwrap();
    fs::copy(app.path().join("app.py"), app.path().join("ignored/app.py")).unwrap();
    let json = |extra: &[&str]| {
        let out = bin().args(["scan", "--format", "json"]).args(extra).arg(app.path()).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(!json(&[]).contains("ignored/app.py"));
    assert!(json(&["--no-ignore"]).contains("ignored/app.py"));
    let excluded = bin().args(["scan", "--exclude", "app.py"]).arg(app.path()).output().unwrap();
    assert_eq!(excluded.status.code(), Some(0));
}

#[test]
fn rules_lists_and_explains() {
    let out = bin().arg("rules").output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("SL101") && s.contains("SL213"));
    let one = bin().args(["rules", "SL201"]).output().unwrap();
    let s = String::from_utf8_lossy(&one.stdout);
    assert!(s.contains("What it finds") && s.contains("Why it matters") && s.contains("Use instead"));
    assert_eq!(bin().args(["rules", "SL999"]).output().unwrap().status.code(), Some(2));
    let triggers = |kind: &str| {
        let out = bin().args(["rules", &format!("--triggers{kind}")]).output().unwrap();
        assert!(out.status.success(), "rules --triggers{kind}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect::<Vec<_>>()
    };
    let (all, code, config) = (triggers(""), triggers("=code"), triggers("=config"));
    assert!(all.iter().any(|l| l == "accountkey"));
    // Each kind's list is what its prefilter matches: `key` selects config files only, and the
    // call-site words are code words; the union holds both.
    assert!(config.iter().any(|l| l == "key") && !code.iter().any(|l| l == "key"));
    assert!(code.iter().any(|l| l == ".from_connection_string(") && all.iter().any(|l| l == ".from_connection_string("));
    assert!(code.iter().all(|l| *l == l.to_ascii_lowercase()));
    assert_eq!(bin().args(["rules", "--triggers=yaml"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn utf16_web_config_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let xml = format!(
        "<configuration><connectionStrings><add name=\"Storage\" connectionString=\"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={KEY}\" /></connectionStrings></configuration>"
    );
    let mut bytes = vec![0xFF, 0xFE];
    for u in xml.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(dir.path().join("Web.config"), bytes).unwrap();
    let out = bin().args(["scan", "--format", "json"]).arg(dir.path()).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("\"rule\": \"SL101\""), "{s}");
}

/// Generated code without a secret-based call site gets the pattern pass instead of a parse: the
/// key in a designer file is still found, and `--stats` counts the file as generated, not parsed.
#[test]
fn generated_files_get_the_pattern_pass_and_keep_their_secrets() {
    let dir = tree(&[
        (
            "Properties/Settings.Designer.cs",
            &format!(
                "//------------------------------------------------------------------------------\n// <auto-generated>\n//     This code was generated by a tool.\n// </auto-generated>\n//------------------------------------------------------------------------------\nnamespace Shop.Properties {{\n    internal sealed partial class Settings {{\n        [global::System.Configuration.DefaultSettingValueAttribute(\"DefaultEndpointsProtocol=https;AccountName=shopassets;AccountKey={KEY}\")]\n        public string StorageConnectionString {{ get {{ return ((string)(this[\"StorageConnectionString\"])); }} }}\n    }}\n}}\n"
            ),
        ),
        (
            "Models/Secret.cs",
            "// <auto-generated>\n// Code generated by Microsoft (R) AutoRest Code Generator.\n// </auto-generated>\nnamespace Api.Models {\n    public partial class Secret {\n        /// <summary>The password of the secret.</summary>\n        public string Password { get; set; }\n        public string ConnectionString { get; set; }\n        public const string Format = \"Server={0};User Id={1};Password={2};\";\n        public Secret(string password = default(string)) { Password = password; }\n    }\n}\n",
        ),
    ]);
    let out = bin().args(["scan", "--stats", "--format", "json"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["path"], "Properties/Settings.Designer.cs");
    assert_eq!(findings[0]["rule"], "SL101");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("files_parsed=0 files_generated=2"), "{stderr}");
}

/// Third-party code copied into the repository (an ASP.NET template's `wwwroot/lib`, a vendored
/// package, a bundle) is not parsed: its API calls are the library's, not the app's. A key
/// hard-coded in it is still found by the pattern pass.
#[test]
fn vendored_code_gets_the_pattern_pass_and_keeps_its_secrets() {
    let dir = tree(&[
        (
            "wwwroot/lib/azure-storage/azure-storage.blob.js",
            "var AzureStorage = {};\nAzureStorage.Blob.createBlobService = function (account, key) {\n  return new BlobService(account, key);\n};\nvar svc = AzureStorage.Blob.createBlobService(storageAccount, storageAccessKey);\n",
        ),
        (
            "static/js/app.bundle.js",
            &format!(
                "var cs = \"DefaultEndpointsProtocol=https;AccountName=shopassets;AccountKey={KEY}\";\nvar s = azure.createBlobService(cs);\n"
            ),
        ),
        ("wwwroot/js/site.js", "const svc = azure.createBlobService(process.env.STORAGE_ACCOUNT, process.env.STORAGE_KEY);\n"),
    ]);
    let out = bin().args(["scan", "--stats", "--format", "json"]).arg(dir.path()).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_owned(), f["rule"].as_str().unwrap().to_owned()))
        .collect();
    // The app's own call site is an auth finding; the bundle's key is a secret finding; the
    // library's own code yields nothing.
    assert_eq!(
        found,
        vec![("static/js/app.bundle.js".to_owned(), "SL101".to_owned()), ("wwwroot/js/site.js".to_owned(), "SL201".to_owned())],
        "{report:#}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("files_parsed=1 files_generated=2"), "{stderr}");
}

/// Issue 10: every error names the file it is about and says what to do; exit 2 is for usage and
/// fatal I/O errors only, while a problem with one scanned file is a diagnostic and the run goes on.
#[test]
fn issue_10_errors_name_the_file_and_say_what_to_do() {
    let app = secret_app();
    let dir = app.path();
    let other = tempfile::tempdir().unwrap();
    // Runs `secretless ARGS`, expects `code`, returns stderr (one line each: no repeated cause).
    let run = |args: &[&std::ffi::OsStr], code: i32| -> String {
        let out = bin().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("cause:"), "{args:?}: the cause is already in the message: {stderr}");
        stderr
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    let path = |p: &std::path::Path| p.as_os_str().to_owned();
    let check = |what: &str, stderr: &str, must: &[&str]| {
        for m in must {
            assert!(stderr.contains(m), "{what}: `{m}` missing from: {stderr}");
        }
    };

    // An unreadable settings file (a directory stands in: root reads any file).
    let cfg = other.path().join("cfg.toml");
    fs::create_dir(&cfg).unwrap();
    let e = run(&[&os("scan"), &os("--config"), &path(&cfg), &path(dir)], 2);
    check("unreadable --config", &e, &[&cfg.display().to_string(), "check that it exists and is a readable file"]);

    // A --baseline file that is not a baseline, and one that is missing.
    let b = other.path().join("b.json");
    fs::write(&b, "{\"version\": 1, \"findings\": [{\"fingerprint\": 3}]}").unwrap();
    let e = run(&[&os("scan"), &os("--baseline"), &path(&b), &path(dir)], 2);
    check("bad --baseline", &e, &[&format!("{}:1:", b.display()), "not a secretless baseline", "`secretless baseline`"]);
    let missing = other.path().join("none.json");
    let e = run(&[&os("scan"), &os("--baseline"), &path(&missing), &path(dir)], 2);
    check("missing --baseline", &e, &[&missing.display().to_string(), "secretless baseline --output"]);

    // A bad secretless.toml at the scanned root: file, line and column, and the file's shape.
    let toml = dir.join("secretless.toml");
    fs::write(&toml, "[rules]\ndisable = \"SL101\"\n").unwrap();
    let e = run(&[&os("scan"), &path(dir)], 2);
    check("bad secretless.toml", &e, &[&format!("{}:2:11:", toml.display()), "expected a sequence", "disable = [...]"]);
    fs::write(&toml, "exclude = [\"tests/**\", \"a[b\"]\n").unwrap();
    let e = run(&[&os("scan"), &path(dir)], 2);
    check("bad exclude in secretless.toml", &e, &[&format!("{}:1:24:", toml.display()), "invalid glob `a[b`", "gitignore syntax"]);
    fs::remove_file(&toml).unwrap();

    // Flags: an unknown --rule (before any scan: nothing is planned), a bad --exclude glob.
    let out = bin().args(["fix", "--rule", "SL999"]).arg(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    check("unknown --rule", &String::from_utf8_lossy(&out.stderr), &["unknown rule `SL999` for --rule", "run `secretless rules`"]);
    let by_name = bin().args(["fix", "--rule", "storage-shared-key-auth", "--color", "never"]).arg(dir).output().unwrap();
    assert!(String::from_utf8_lossy(&by_name.stdout).contains("app.py:5: SL201"), "a rule name is accepted too: {by_name:?}");
    let e = run(&[&os("scan"), &os("--exclude"), &os("a[b"), &path(dir)], 2);
    check("bad --exclude", &e, &["--exclude", "invalid glob `a[b`", "gitignore syntax"]);

    // An --output that cannot be created.
    let out_file = other.path().join("no/such/folder/report.sarif");
    let e = run(&[&os("scan"), &os("--format"), &os("sarif"), &os("--output"), &path(&out_file), &path(dir)], 2);
    check("bad --output", &e, &[&out_file.display().to_string(), "choose another --output"]);

    // One scanned file's problem is a diagnostic naming it, and the exit code is the findings'.
    fs::write(dir.join("big.py"), "x = 1\n".repeat(1000)).unwrap();
    let e = run(&[&os("scan"), &os("--max-filesize"), &os("1K"), &path(dir)], 1);
    check("file over --max-filesize", &e, &["big.py: skipped:", "raise it to scan this file"]);
}

/// Issue 10: `fix --yes` on a read-only file reports it, says what to do, and goes on (exit 1: a
/// fix is left to apply), never exit 2.
#[test]
#[cfg(unix)]
fn issue_10_fix_on_a_read_only_file_says_what_to_do_and_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let app = tree(&[
        (
            "ro.py",
            "import os\nfrom azure.storage.blob import BlobServiceClient\nsvc = BlobServiceClient.from_connection_string(os.environ[\"AZURE_STORAGE_CONNECTION_STRING\"])\n",
        ),
        (
            "rw.py",
            "import os\nfrom azure.storage.blob import BlobServiceClient\nsvc = BlobServiceClient.from_connection_string(os.environ[\"AZURE_STORAGE_CONNECTION_STRING\"])\n",
        ),
    ]);
    fs::set_permissions(app.path().join("ro.py"), fs::Permissions::from_mode(0o444)).unwrap();
    let out = bin().args(["fix", "--yes", "--include-review", "--color", "never"]).arg(app.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("not written ro.py: the file is read-only; left unchanged (make it writable"), "{stdout}");
    assert!(fs::read_to_string(app.path().join("rw.py")).unwrap().contains("DefaultAzureCredential"), "the other file is fixed");
    assert!(stdout.contains("1 fixes applied"), "the fix that was not written is not counted: {stdout}");
}

#[test]
fn messages_tell_a_constant_from_a_dotted_setting() {
    let scan = |dir: &str| {
        let out = bin().args(["scan", "--format", "json"]).arg(root().join(dir)).output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    // `AppConstants.MeterPhotosUrl`: a constants class of the app.
    let constants = scan("fixtures/rules/SL201/field-kit");
    assert!(
        constants.iter().any(|m| m.contains("from constant `AppConstants.MeterPhotosUrl`, hard-coded in another file")),
        "{constants:?}"
    );
    // `ConfigurationManager.AppSettings["Search.AdminKey"]`: a setting whose name has a dot.
    let settings = scan("fixtures/rules/SL207/legacy-search-sdk");
    assert!(settings.iter().any(|m| m.contains("from configuration key `Search.AdminKey`")), "{settings:?}");
    assert!(!settings.iter().any(|m| m.contains("from constant")), "{settings:?}");
}
