//! Issue 4: the CI report. SARIF that `shared/tools/sarif-check` accepts (golden file for the sample
//! apps, fixes and suppressions too), GitHub annotations, baselines, inline suppressions per
//! language and `secretless.toml` errors.
//!
//! The checker needs python3 and jsonschema (`.ci/run` installs them): without them these tests
//! fail rather than skip, because an unchecked SARIF log is exactly what the issue rules out.

use secretless::finding::Category;
use secretless::report::{github, json, sarif};
use secretless::{Finding, ScanOptions, baseline, settings, suppress};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const KEY: &str = "k3Jx9QvR2mTz8wXy7LpN4sD6fG1hJ0cA5eU8iO3rT6yW9zQ2xC4vB7nM1kL5jH8gF0dS3aP6oI9uY2tR5eW8qA==";
const KEY2: &str = "Zq8Lm2Nx7Vb4Kc9Jd3Hf6Gs1Pt5Rw0Ey8Ui2Oa7Sd4Fg9Hj3Kl6Zx1Cv5Bn0Mq8Wr2Te7Yu4Ip9Oa3Sd6Fg1Hj5Kl==";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn conn(key: &str) -> String {
    format!("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={key};EndpointSuffix=core.windows.net")
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    dir
}

fn scan(path: &Path) -> Vec<Finding> {
    secretless::scan(&[path.to_path_buf()], &ScanOptions::default()).expect("scan runs").findings
}

fn sarif_of(findings: &[Finding], root: &Path, opts: &sarif::Options) -> String {
    let mut out = Vec::new();
    sarif::write_with(findings, root, opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Run `../shared/tools/sarif-check FILE --root ROOT`; panic with its output unless it reports
/// zero problems and exits 0.
fn sarif_check(file: &Path, src_root: &Path) -> String {
    let checker = root().join("../shared/tools/sarif-check");
    let out = Command::new("python3")
        .arg(&checker)
        .arg(file)
        .arg("--root")
        .arg(src_root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e} (install python3 and `pip install jsonschema`)", checker.display()));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains(" 0 problems"),
        "sarif-check failed on {} (exit {:?}):\n{stdout}{stderr}",
        file.display(),
        out.status.code()
    );
    eprint!("{stdout}");
    stdout
}

/// The golden form: the tool's version and the absolute root are the only machine- or
/// release-dependent values. Textual, so the golden file keeps the writer's key order.
fn normalise(sarif: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let lines: Vec<String> = sarif
        .lines()
        .map(|l| {
            let t = l.trim_start();
            let indent = &l[..l.len() - t.len()];
            if indent.len() > 2 && (t == format!("\"version\": \"{version}\",") || t == format!("\"semanticVersion\": \"{version}\",")) {
                format!("{indent}{}", t.replace(version, "0.0.0"))
            } else if t.starts_with("\"uri\": \"file:///") {
                format!("{indent}\"uri\": \"file:///SRCROOT/\",")
            } else {
                l.to_owned()
            }
        })
        .collect();
    lines.join("\n") + "\n"
}

#[test]
fn apps_sarif_passes_sarif_check_and_matches_the_golden_file() {
    let apps = root().join("fixtures/apps");
    let findings = scan(&apps);
    assert!(findings.len() > 50, "the sample apps have findings");
    let text = sarif_of(&findings, &apps, &sarif::Options::default());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("apps.sarif");
    fs::write(&file, &text).unwrap();
    sarif_check(&file, &apps);

    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert_eq!(log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len(), secretless::rules::RULES.len());
    for (r, f) in results.iter().zip(&findings) {
        assert_eq!(r["partialFingerprints"]["secretless/v1"], f.fingerprint.as_str());
        assert!(r["partialFingerprints"]["primaryLocationLineHash"].is_string(), "{r}");
        let want = if f.category == Category::Secret { "error" } else { "warning" };
        assert_eq!(r["level"], want);
    }
    for f in &findings {
        for s in &f.secrets {
            assert!(!text.contains(s.as_str()), "SARIF leaks a secret of {}:{}", f.path, f.start.line);
        }
    }

    let golden = root().join("tests/golden/apps.sarif");
    let normal = normalise(&text);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::create_dir_all(golden.parent().unwrap()).unwrap();
        fs::write(&golden, &normal).unwrap();
    } else {
        let want = fs::read_to_string(&golden).expect("tests/golden/apps.sarif exists (UPDATE_GOLDEN=1 writes it)");
        assert!(want == normal, "SARIF differs from tests/golden/apps.sarif; review and rerun with UPDATE_GOLDEN=1");
    }
    sarif_check(&golden, &apps);
}

/// The reference values come from shared/sarif/examples/valid.sarif, which records what GitHub's
/// upload-sarif computed for that file.
#[test]
fn line_hash_equals_upload_sarifs() {
    let example = root().join("../shared/sarif/examples");
    let src = fs::read(example.join("repo/src/invoices/storage.py")).expect("shared/sarif/examples is beside the repository");
    let hashes = sarif::line_hashes(&String::from_utf8_lossy(&src));
    assert_eq!(hashes[&9], "849d0b4dcb4600cd:1");
    assert_eq!(hashes[&15], "4659e8dee3fe4a89:1");
}

/// Fixes and suppressions are part of "every SARIF the tool can write": check a log with both.
#[test]
fn sarif_with_fixes_and_suppressions_passes_sarif_check() {
    let app = tree(&[
        (
            "src/app.py",
            &format!(
                "import os\nfrom azure.storage.blob import BlobServiceClient\n\n# secretless:ignore SL101 test account, key revoked\nCONN = \"{}\"\nsvc = BlobServiceClient.from_connection_string(CONN)\nsvc.get_container_client(\"x\").download_blob(\"a\")\n",
                conn(KEY)
            ),
        ),
        ("dir with space/Ünïcode,1.py", &format!("OTHER = \"{}\"\n", conn(KEY2))),
    ]);
    let mut findings = scan(app.path());
    let problems = suppress::apply_all(&mut findings, app.path());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(findings.iter().any(|f| f.suppressed.is_some()));
    assert!(findings.iter().any(|f| f.path.starts_with("dir with space/")));
    let src = fs::read_to_string(app.path().join("src/app.py")).unwrap();
    let fix = |f: &Finding| -> Vec<sarif::Fix> {
        if f.category != Category::Auth {
            return Vec::new();
        }
        vec![sarif::Fix {
            description: "Use DefaultAzureCredential with the account URL".into(),
            changes: vec![sarif::ArtifactChange {
                path: f.path.clone(),
                replacements: vec![
                    sarif::Replacement::from_bytes(&src, 0..0, "from azure.identity import DefaultAzureCredential\n"),
                    sarif::Replacement {
                        start: f.start,
                        end: f.end,
                        text: "BlobServiceClient(os.environ[\"AZURE_STORAGE_ACCOUNT_URL\"], credential=DefaultAzureCredential())".into(),
                    },
                ],
            }],
        }]
    };
    let text = sarif_of(&findings, app.path(), &sarif::Options { settings: None, fixes: Some(&fix) });
    assert!(!text.contains(KEY) && !text.contains(&KEY2[..30]), "no secret in SARIF");
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<_> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(suppressed[0]["suppressions"][0]["justification"], "test account, key revoked");
    assert!(results.iter().any(|r| r.get("fixes").is_some()));
    assert!(text.contains("\"uri\": \"dir%20with%20space/%C3%9Cn%C3%AFcode,1.py\""), "{text}");
    let file = app.path().join("out.sarif");
    fs::write(&file, &text).unwrap();
    sarif_check(&file, app.path());
}

#[test]
fn severity_overrides_change_sarif_and_github_levels() {
    let app = tree(&[("a.py", &format!("CONN = \"{}\"\n", conn(KEY)))]);
    let findings = scan(app.path());
    let s = settings::parse("[rules.severity]\nSL101 = \"note\"\n", Path::new("secretless.toml")).unwrap();
    let text = sarif_of(&findings, app.path(), &sarif::Options { settings: Some(&s), fixes: None });
    assert!(text.contains("\"level\": \"note\""), "{text}");
    let mut out = Vec::new();
    github::write_with(&findings, &s, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().starts_with("::notice "));
}

#[test]
fn github_annotations_escape_properties_and_data() {
    let app = tree(&[("a,b:c/app.py", &format!("CONN = \"{}\"\n", conn(KEY)))]);
    let mut findings = scan(app.path());
    assert!(!findings.is_empty());
    findings.truncate(1);
    findings[0].message = "100% hard-coded,\r\nsee: docs".into();
    let mut out = Vec::new();
    github::write(&findings, &mut out).unwrap();
    let line = String::from_utf8(out).unwrap();
    let f = &findings[0];
    assert_eq!(
        line,
        format!(
            "::error file=a%2Cb%3Ac/app.py,line={},col={},endLine={},endColumn={},title=SL101 storage-account-key::100%25 hard-coded,%0D%0Asee: docs\n",
            f.start.line, f.start.column, f.end.line, f.end.column
        )
    );
    assert!(!line.contains(&KEY[..20]));
}

#[test]
fn baseline_round_trip_survives_moved_lines_and_catches_new_secrets() {
    let body =
        |extra_above: &str, extra_below: &str| format!("import os\n{extra_above}CONN = \"{}\"\nprint('x')\n{extra_below}", conn(KEY));
    let app = tree(&[("app.py", &body("", ""))]);
    let first = scan(app.path());
    assert!(!first.is_empty());
    let file = app.path().join("secretless-baseline.json");
    let mut out = Vec::new();
    baseline::write(&first, &mut out).unwrap();
    fs::write(&file, &out).unwrap();
    let b = baseline::read(&file).unwrap();
    assert_eq!(b.version, baseline::VERSION);
    assert_eq!(b.findings.len(), first.len());
    assert!(b.findings.iter().all(|e| e.path == "app.py" && e.rule.starts_with("SL")));

    // A line inserted above the finding: it moves, its fingerprint does not.
    fs::write(app.path().join("app.py"), body("# a new comment\n\n", "")).unwrap();
    let moved = scan(app.path());
    assert!(moved[0].start.line > first[0].start.line);
    assert!(baseline::filter(moved, &b).is_empty(), "a moved finding is still in the baseline");

    // A new secret is reported.
    fs::write(app.path().join("app.py"), body("# a new comment\n\n", &format!("NEW = \"{}\"\n", conn(KEY2)))).unwrap();
    let new = baseline::filter(scan(app.path()), &b);
    assert!(!new.is_empty());
    assert!(new.iter().all(|f| f.start.line == 6), "{new:?}");
}

/// One file per language with a reasoned directive (line above or same line) and one without.
#[test]
fn suppression_per_language() {
    let c = conn(KEY);
    let files: Vec<(&str, String, usize)> = vec![
        ("app.py", format!("CONN = \"{c}\"  # secretless:ignore SL101 test account, revoked\n"), 1),
        (
            "Program.cs",
            format!("class P {{\n    // secretless:ignore SL101 test account, revoked\n    const string Conn = \"{c}\";\n}}\n"),
            2,
        ),
        ("app.js", format!("const conn = \"{c}\"; // secretless:ignore storage-account-key test account, revoked\n"), 1),
        (
            "appsettings.json",
            format!(
                "{{\n  \"ConnectionStrings\": {{\n    // secretless:ignore SL101 test account, revoked\n    \"Storage\": \"{c}\"\n  }}\n}}\n"
            ),
            3,
        ),
        (".env", format!("# secretless:ignore all test account, revoked\nAZURE_STORAGE_CONNECTION_STRING={c}\n"), 1),
        (
            "web.config",
            format!(
                "<configuration>\n  <connectionStrings>\n    <!-- secretless:ignore SL101 test account, revoked -->\n    <add name=\"Storage\" connectionString=\"{c}\" />\n  </connectionStrings>\n</configuration>\n"
            ),
            3,
        ),
    ];
    for (name, body, directive_line) in &files {
        let app = tree(&[(name, body)]);
        let mut findings = scan(app.path());
        let sl101: Vec<_> = findings.iter().filter(|f| f.rule == "SL101").collect();
        assert!(!sl101.is_empty(), "{name}: the secret is found: {findings:?}");
        let problems = suppress::apply_all(&mut findings, app.path());
        assert!(problems.is_empty(), "{name}: {problems:?}");
        for f in findings.iter().filter(|f| f.rule == "SL101") {
            let s = f.suppressed.as_ref().unwrap_or_else(|| panic!("{name}: SL101 at line {} is suppressed", f.start.line));
            assert_eq!((s.reason.as_str(), s.line), ("test account, revoked", *directive_line), "{name}");
        }
        // The reason is shown in --format json.
        let mut out = Vec::new();
        json::write(&findings, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("\"reason\": \"test account, revoked\""), "{name}");
    }
}

#[test]
fn suppression_without_a_reason_suppresses_nothing_and_is_reported() {
    let app = tree(&[
        ("app.py", format!("# secretless:ignore SL101\nCONN = \"{}\"\n", conn(KEY)).as_str()),
        (
            "web.config",
            format!(
                "<configuration><!-- secretless:ignore SL999 because -->\n<add connectionString=\"{}\" /></configuration>\n",
                conn(KEY2)
            )
            .as_str(),
        ),
    ]);
    let mut findings = scan(app.path());
    assert!(findings.iter().any(|f| f.path == "app.py"));
    let problems = suppress::apply_all(&mut findings, app.path());
    assert!(findings.iter().all(|f| f.suppressed.is_none()));
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{shown:?}");
    assert!(shown[0].starts_with("app.py:1: `secretless:ignore SL101` has no reason"), "{shown:?}");
    assert!(shown[1].starts_with("web.config:1: ") && shown[1].contains("unknown rule `SL999`"), "{shown:?}");
}

#[test]
fn settings_unknown_key_is_an_error_with_file_and_line() {
    let dir = tree(&[("secretless.toml", "exclude = [\"tests/**\"]\n\n[rules]\ndisable = [\"SL106\"]\nseverty = { SL201 = \"error\" }\n")]);
    let path = settings::find(dir.path()).expect("secretless.toml at the root is found");
    let err = settings::load(&path).unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}:5:1: unknown field `severty`", path.display())), "{err}");
    assert!(settings::find(&dir.path().join("nothing-here")).is_none());

    let ok = tree(&[("secretless.toml", "placeholders = [\"k3Jx9QvR2m\"]\n[rules]\ndisable = [\"SL201\"]\n")]);
    let s = settings::load(&settings::find(ok.path()).unwrap()).unwrap();
    let app = tree(&[(
        "a.py",
        &format!("from azure.storage.blob import BlobServiceClient\nsvc = BlobServiceClient.from_connection_string(\"{}\")\n", conn(KEY)),
    )]);
    let findings = scan(app.path());
    assert!(findings.iter().any(|f| f.rule == "SL201") && findings.iter().any(|f| f.rule == "SL101"), "{findings:?}");
    let kept = s.apply(findings);
    assert!(kept.iter().all(|f| f.rule != "SL201" && f.rule != "SL101"), "{kept:?}");
}
