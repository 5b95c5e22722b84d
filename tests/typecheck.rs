//! Issue 5, "real SDKs, not guesses": every file `secretless fix --yes --include-review` rewrites in
//! the sample apps is type-checked against the real Azure SDK packages that `scripts/test-deps.sh`
//! installs (PyPI: azure-identity, the service packages, openai, the database and cache drivers
//! (pyodbc, redis + redis-entraid, mysql-connector-python, psycopg) and mypy; npm, in tests/sdk:
//! @azure/identity, the service packages, openai, mssql, redis + @redis/entraid, mysql2, pg,
//! @types/node and typescript).
//!
//! For each app under fixtures/apps with Python or JS/TS files: copy it twice to a temp dir, fix one
//! copy, and type-check the rewritten files in both copies (mypy for Python, one `tsc --noEmit` per
//! app and copy for JS/TS, with checkJs). A rewrite passes when
//!   * the type checker reports nothing on a line the fix inserted or replaced, and
//!   * every other error in the rewritten copy is one the original copy already had (same file, same
//!     code and message; line numbers may move).
//!
//! The SDKs must resolve: a missing @azure/* / azure.* / openai module is an error, never `Any`.
//! mypy and tsc missing is a failure, not a skip: run `scripts/test-deps.sh`.
//!
//! C# is not type-checked: no .NET SDK is reachable here, so rewritten C# is re-parsed with
//! tree-sitter instead (tests/fix.rs).

use regex::Regex;
use similar::{DiffOp, TextDiff};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const PY_EXTS: &[&str] = &["py"];
const JS_EXTS: &[&str] = &["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts"];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Lang {
    Python,
    JsTs,
}

impl Lang {
    fn exts(self) -> &'static [&'static str] {
        match self {
            Lang::Python => PY_EXTS,
            Lang::JsTs => JS_EXTS,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Lang::Python => "mypy",
            Lang::JsTs => "tsc",
        }
    }
}

fn has_ext(path: &Path, exts: &[&str]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // `.d.ts` declaration files are not code the fix rewrites.
    !name.ends_with(".d.ts") && path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let ty = entry.file_type().unwrap();
        if ty.is_dir() {
            if !matches!(entry.file_name().to_str(), Some("node_modules" | "bin" | "obj" | ".git")) {
                walk(&path, out);
            }
        } else if ty.is_file() {
            out.push(path);
        }
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Where the apps are: the sample apps, and the fix regression apps (fixtures/fix: rewrites that
/// once picked an SDK overload that does not exist).
const APP_DIRS: &[&str] = &["fixtures/apps", "fixtures/fix"];

/// The sample and fix-regression apps that hold at least one file of the language.
fn apps_with(lang: Lang) -> Vec<String> {
    let mut names: Vec<String> = APP_DIRS
        .iter()
        .flat_map(|d| fs::read_dir(root().join(d)).unwrap())
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter(|e| files_under(&e.path()).iter().any(|p| has_ext(p, lang.exts())))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An app's source directory (app names are unique across `APP_DIRS`).
fn app_dir(app: &str) -> PathBuf {
    APP_DIRS.iter().map(|d| root().join(d).join(app)).find(|p| p.is_dir()).unwrap_or_else(|| panic!("no app {app}"))
}

fn rel(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/")
}

/// A sample app copied twice, one copy fixed.
struct Prepared {
    app: String,
    _tmp: tempfile::TempDir,
    orig: PathBuf,
    new: PathBuf,
    fix_output: String,
}

fn prepare(app: &str) -> Prepared {
    let tmp = tempfile::tempdir().unwrap();
    let src = app_dir(app);
    let orig = tmp.path().join("orig").join(app);
    let new = tmp.path().join("new").join(app);
    copy_dir(&src, &orig);
    copy_dir(&src, &new);
    let out = Command::new(env!("CARGO_BIN_EXE_secretless"))
        .args(["fix", "--yes", "--include-review"])
        .arg(&new)
        .env("NO_COLOR", "1")
        .output()
        .expect("run secretless fix");
    let fix_output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // 0: nothing left, 1: findings left without an automatic fix; 2 is a usage or I/O error.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "secretless fix --yes --include-review on {app} failed ({:?}):\n{fix_output}",
        out.status
    );
    Prepared { app: app.to_string(), _tmp: tmp, orig, new, fix_output }
}

/// Files of the language whose content the fix changed, with the 1-based line numbers of the new
/// file that the fix inserted or replaced.
fn changed_files(p: &Prepared, lang: Lang) -> BTreeMap<String, BTreeSet<usize>> {
    let mut out = BTreeMap::new();
    for path in files_under(&p.new) {
        if !has_ext(&path, lang.exts()) {
            continue;
        }
        let r = rel(&p.new, &path);
        let after = fs::read_to_string(&path).unwrap();
        let before = fs::read_to_string(p.orig.join(&r)).unwrap_or_default();
        if before != after {
            out.insert(r, changed_lines(&before, &after));
        }
    }
    out
}

fn changed_lines(before: &str, after: &str) -> BTreeSet<usize> {
    let diff = TextDiff::from_lines(before, after);
    let mut lines = BTreeSet::new();
    for op in diff.ops() {
        match *op {
            DiffOp::Insert { new_index, new_len, .. } | DiffOp::Replace { new_index, new_len, .. } => {
                lines.extend(new_index + 1..=new_index + new_len);
            }
            DiffOp::Equal { .. } | DiffOp::Delete { .. } => {}
        }
    }
    lines
}

#[derive(Clone, Debug)]
struct Diag {
    file: String,
    line: usize,
    code: String,
    message: String,
}

impl std::fmt::Display for Diag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: [{}] {}", self.file, self.line, self.code, self.message)
    }
}

static LINE_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"line \d+").unwrap());

/// What an error is, apart from where it is: line numbers move when the fix adds an import.
fn key(d: &Diag) -> (String, String, String) {
    (d.file.clone(), d.code.clone(), LINE_REF.replace_all(&d.message, "line N").into_owned())
}

fn install_hint() -> &'static str {
    "the type checkers and real SDKs come from `scripts/test-deps.sh`; run it first"
}

// ---------------------------------------------------------------------------------------------
// mypy

static MYPY_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?):(\d+): (error|note|warning): (.*?)(?:  \[([a-z0-9-]+)\])?$").unwrap());

fn mypy(dir: &Path, files: &[String], cache_key: &str) -> Vec<Diag> {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("typecheck-mypy-cache").join(cache_key);
    let out = Command::new("python3")
        .args(["-m", "mypy", "--config-file"])
        .arg(root().join("tests/typecheck/mypy.ini"))
        .arg("--cache-dir")
        .arg(&cache)
        .arg("--no-color-output")
        .args(files)
        .current_dir(dir)
        .env("MYPYPATH", stub_dir())
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 -m mypy ({e}); {}", install_hint()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut diags = Vec::new();
    for line in stdout.lines() {
        let Some(c) = MYPY_LINE.captures(line) else {
            panic!("unexpected mypy output line {line:?} in {}\nstdout:\n{stdout}\nstderr:\n{stderr}", dir.display());
        };
        if &c[3] != "error" {
            continue;
        }
        diags.push(Diag {
            file: c[1].trim_start_matches("./").replace('\\', "/"),
            line: c[2].parse().unwrap(),
            code: c.get(5).map_or("misc", |m| m.as_str()).to_string(),
            message: c[4].to_string(),
        });
    }
    match out.status.code() {
        Some(0) => assert!(diags.is_empty(), "mypy exited 0 but printed errors:\n{stdout}"),
        Some(1) if !diags.is_empty() => {}
        _ => panic!(
            "mypy did not run properly in {} ({:?}); {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            dir.display(),
            out.status,
            install_hint()
        ),
    }
    diags
}

// ---------------------------------------------------------------------------------------------
// tsc

static TSC_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$").unwrap());

fn tsc_bin() -> PathBuf {
    root().join("tests/sdk/node_modules/.bin/tsc")
}

/// Writes tsconfig.typecheck.json into `dir` (listing `files`), links the real SDKs in as its
/// node_modules and runs one `tsc --noEmit` over them.
fn tsc(dir: &Path, files: &[String]) -> Vec<Diag> {
    let tsc = tsc_bin();
    assert!(tsc.exists(), "{} is missing; {}", tsc.display(), install_hint());
    let sdk = root().join("tests/sdk/node_modules");
    assert!(sdk.join("@azure/identity").is_dir(), "{} has no @azure/identity; {}", sdk.display(), install_hint());
    let link = dir.join("node_modules");
    if fs::symlink_metadata(&link).is_err() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(&sdk, &link).unwrap();
        #[cfg(not(unix))]
        compile_error!("tests/typecheck.rs links node_modules with a Unix symlink");
    }
    let config = serde_json::json!({
        "extends": root().join("tests/typecheck/tsconfig.base.json").to_string_lossy(),
        // Next.js's own default alias (`import ... from "@/lib/x"`); harmless elsewhere.
        "compilerOptions": { "paths": { "@/*": ["./*"] } },
        "files": files,
    });
    fs::write(dir.join("tsconfig.typecheck.json"), serde_json::to_string_pretty(&config).unwrap()).unwrap();
    let out = Command::new(&tsc)
        .args(["-p", "tsconfig.typecheck.json", "--noEmit", "--pretty", "false"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}); {}", tsc.display(), install_hint()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut diags: Vec<Diag> = Vec::new();
    let mut global = Vec::new();
    for line in stdout.lines() {
        if let Some(c) = TSC_LINE.captures(line) {
            if &c[4] == "error" {
                diags.push(Diag {
                    file: c[1].trim_start_matches("./").replace('\\', "/"),
                    line: c[2].parse().unwrap(),
                    code: c[5].to_string(),
                    message: c[6].to_string(),
                });
            }
        } else if line.starts_with(' ') && !diags.is_empty() {
            let last = diags.last_mut().unwrap();
            last.message.push_str(" | ");
            last.message.push_str(line.trim());
        } else if !line.trim().is_empty() {
            global.push(line.to_string());
        }
    }
    assert!(
        global.is_empty() && (out.status.success() || !diags.is_empty()),
        "tsc did not run properly in {} ({:?}):\n{stdout}\n{stderr}",
        dir.display(),
        out.status
    );
    diags
}

// ---------------------------------------------------------------------------------------------
// the rule

/// The SDK packages a rewrite may depend on, which must resolve (never silently `Any`).
fn is_sdk_module(name: &str) -> bool {
    name.starts_with("@azure/")
        || name == "openai"
        || name.starts_with("openai/")
        || name.starts_with("openai.")
        || [
            "azure.identity",
            "azure.core",
            "azure.storage.",
            "azure.data.tables",
            "azure.servicebus",
            "azure.eventhub",
            "azure.cosmos",
            "azure.keyvault.secrets",
            "azure.search.documents",
            "azure.appconfiguration",
            "azure.ai.textanalytics",
            "redis",
            "redis_entraid",
            "pyodbc",
            "mysql.connector",
            "psycopg",
        ]
        .iter()
        .any(|p| name.starts_with(p))
        || ["mssql", "tedious", "redis", "ioredis", "mysql2", "pg"].iter().any(|m| name == *m || name.starts_with(&format!("{m}/")))
        || name.starts_with("@redis/")
}

/// A directory for stubs that ship beside a module rather than in a typed package (pyodbc's
/// `pyodbc.pyi` sits next to its extension module in site-packages, where mypy does not look):
/// copied from the installed package, passed to mypy as MYPYPATH.
fn stub_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("typecheck-stubs");
    fs::create_dir_all(&dir).unwrap();
    let out = Command::new("python3")
        .args(["-c", "import importlib.util as u; s = u.find_spec('pyodbc'); print(s.origin if s else '')"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 ({e}); {}", install_hint()));
    let origin = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(!origin.is_empty(), "pyodbc is not installed; {}", install_hint());
    let stub = Path::new(&origin).with_file_name("pyodbc.pyi");
    assert!(stub.is_file(), "{} is missing; {}", stub.display(), install_hint());
    fs::copy(&stub, dir.join("pyodbc.pyi")).unwrap();
    dir
}

static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"["']([^"']+)["']"#).unwrap());

fn unresolved_sdk(d: &Diag) -> bool {
    let import_error = matches!(d.code.as_str(), "import-not-found" | "import-untyped" | "TS2307" | "TS7016" | "TS2792");
    import_error && QUOTED.captures(&d.message).is_some_and(|c| is_sdk_module(&c[1]))
}

/// The last line (1-based) of the statement or call that starts on `line`: follows brackets, so that
/// an error mypy reports at the first line of a multi-line call (`client = AzureOpenAI(` with the
/// rewritten keyword on the next line) still counts as being on the rewritten code.
fn span_end(src: &str, line: usize) -> usize {
    let lines: Vec<&str> = src.lines().collect();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, text) in lines.iter().enumerate().skip(line.saturating_sub(1)).take(60) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(_), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'' | '`') => quote = Some(c),
                (None, '#') => break,
                (None, '/') if chars.peek() == Some(&'/') => break,
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']' | '}') => depth -= 1,
                _ => {}
            }
        }
        if quote != Some('`') {
            quote = None;
        }
        if depth <= 0 {
            return i + 1;
        }
    }
    line
}

#[derive(Debug)]
enum Problem {
    /// The SDK module did not resolve, so the rewrite was checked against `Any`.
    Unresolved,
    /// An error on code the fix inserted or replaced.
    OnRewrittenLine,
    /// An error elsewhere that the original copy did not have.
    New,
}

#[derive(Debug)]
struct Violation {
    problem: Problem,
    diag: Diag,
    /// The lines of the statement the error is reported on.
    span: (usize, usize),
    text: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.problem {
            Problem::Unresolved => "SDK not resolved (run scripts/test-deps.sh)",
            Problem::OnRewrittenLine => "error on a rewritten line",
            Problem::New => "new error the original did not have",
        };
        write!(f, "{what}: {}\n        {}| {}", self.diag, self.diag.line, self.text)
    }
}

struct Outcome {
    /// rewritten file → changed lines
    changed: BTreeMap<String, BTreeSet<usize>>,
    orig: Vec<Diag>,
    new: Vec<Diag>,
    violations: Vec<Violation>,
}

/// Type-checks the rewritten files in the fixed copy and, with `baseline`, in the original copy too.
fn check(p: &Prepared, lang: Lang, changed: BTreeMap<String, BTreeSet<usize>>, cache_key: &str, baseline: bool) -> Outcome {
    if changed.is_empty() {
        return Outcome { changed, orig: vec![], new: vec![], violations: vec![] };
    }
    let files: Vec<String> = changed.keys().cloned().collect();
    let run = |dir: &Path| match lang {
        Lang::Python => mypy(dir, &files, cache_key),
        Lang::JsTs => tsc(dir, &files),
    };
    let orig = if baseline { run(&p.orig) } else { Vec::new() };
    let new = run(&p.new);

    let mut budget: HashMap<(String, String, String), usize> = HashMap::new();
    for d in &orig {
        *budget.entry(key(d)).or_default() += 1;
    }
    let mut violations = Vec::new();
    for d in &new {
        let src = fs::read_to_string(p.new.join(&d.file)).unwrap_or_default();
        let span = (d.line, span_end(&src, d.line));
        let on_rewrite = changed.get(&d.file).is_some_and(|lines| lines.range(span.0..=span.1).next().is_some());
        let problem = if unresolved_sdk(d) {
            Problem::Unresolved
        } else if on_rewrite {
            Problem::OnRewrittenLine
        } else {
            match budget.get_mut(&key(d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    continue;
                }
                _ => Problem::New,
            }
        };
        let text = src.lines().nth(d.line.saturating_sub(1)).unwrap_or("").trim().to_string();
        violations.push(Violation { problem, diag: d.clone(), span, text });
    }
    Outcome { changed, orig, new, violations }
}

fn check_apps(lang: Lang) {
    let apps = apps_with(lang);
    assert!(!apps.is_empty(), "no sample app has {lang:?} files");
    let results: Vec<(String, Outcome, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = apps
            .iter()
            .map(|app| {
                s.spawn(move || {
                    let p = prepare(app);
                    let changed = changed_files(&p, lang);
                    let outcome = check(&p, lang, changed, app, true);
                    (p.app.clone(), outcome, p.fix_output.clone())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let mut report = String::new();
    let mut failed = false;
    let mut checked = 0;
    for (app, o, fix_output) in &results {
        checked += o.changed.len();
        report.push_str(&format!(
            "{app}: {} rewritten file(s) checked with {}; errors original {} / rewritten {}; violations {}\n",
            o.changed.len(),
            lang.name(),
            o.orig.len(),
            o.new.len(),
            o.violations.len()
        ));
        for f in o.changed.keys() {
            report.push_str(&format!("    {f}\n"));
        }
        for v in &o.violations {
            report.push_str(&format!("  ✗ {v}\n"));
        }
        if !o.violations.is_empty() {
            failed = true;
            // The fix's summary (what it applied where), without the diff it printed before it.
            let summary: Vec<&str> = fix_output.lines().filter(|l| !l.starts_with(['+', '-', ' ', '@']) && !l.is_empty()).collect();
            report.push_str(&format!("  secretless fix summary:\n    {}\n", summary.join("\n    ")));
        }
    }
    assert!(checked > 0, "no {lang:?} file was rewritten in any sample app, nothing was type-checked:\n{report}");
    assert!(!failed, "rewritten {lang:?} code does not type-check against the real SDKs:\n{report}");
    eprintln!("{report}");
}

#[test]
fn rewritten_python_type_checks_against_the_real_sdks() {
    check_apps(Lang::Python);
}

#[test]
fn rewritten_js_and_ts_type_check_against_the_real_sdks() {
    check_apps(Lang::JsTs);
}

// ---------------------------------------------------------------------------------------------
// the check bites

/// Replaces `from` by `to` in a rewritten file and returns the 1-based line of the change.
fn corrupt(p: &Prepared, file: &str, from: &str, to: &str) -> usize {
    let path = p.new.join(file);
    let src = fs::read_to_string(&path).unwrap();
    let at = src
        .find(from)
        .unwrap_or_else(|| panic!("{}/{file}: the rewrite no longer contains {from:?}; update this negative test\n{src}", p.app));
    fs::write(&path, src.replacen(from, to, 1)).unwrap();
    src[..at].matches('\n').count() + 1
}

fn assert_bites(p: &Prepared, lang: Lang, corruptions: &[(&str, &str, &str)], cache_key: &str) {
    let lines: Vec<(String, usize)> = corruptions.iter().map(|(file, from, to)| (file.to_string(), corrupt(p, file, from, to))).collect();
    // Only errors on rewritten lines matter here, so the original copy is not checked (saves a run).
    let outcome = check(p, lang, changed_files(p, lang), cache_key, false);
    for (file, line) in &lines {
        let hit = outcome
            .violations
            .iter()
            .find(|v| matches!(v.problem, Problem::OnRewrittenLine) && &v.diag.file == file && (v.span.0..=v.span.1).contains(line));
        if let Some(v) = hit {
            eprintln!("{}: {v}", p.app);
        }
        assert!(
            hit.is_some(),
            "{} did not flag the corrupted rewrite at {}/{file}:{line}; violations: {:#?}\nall errors: {:#?}",
            lang.name(),
            p.app,
            outcome.violations.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
            outcome.new.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_python_check_bites_on_a_corrupted_rewrite() {
    let p = prepare("py-functions-worker");
    assert_bites(
        &p,
        Lang::Python,
        &[
            // a wrong keyword for the required endpoint parameter: "Missing positional argument"
            ("shared/lake.py", "DataLakeServiceClient(account_url=", "DataLakeServiceClient(endpoint="),
            // AccessToken has .token, not .access_token
            ("shared/db.py", ".default\").token", ".default\").access_token"),
            // the class where a credential instance is expected
            ("function_app.py", "credential=DefaultAzureCredential()) as client:", "credential=DefaultAzureCredential) as client:"),
            // a misspelt keyword of a constructor without **kwargs (reported at `AzureOpenAI(`, the line above)
            ("function_app.py", "azure_ad_token_provider=get_bearer_token_provider(", "azure_ad_token_providr=get_bearer_token_provider("),
        ],
        "negative-py-functions-worker",
    );
}

#[test]
fn the_ts_check_bites_on_a_corrupted_rewrite() {
    let p = prepare("ts-nextjs-ai");
    assert_bites(
        &p,
        Lang::JsTs,
        &[
            // `new DefaultAzureCredential` where the endpoint string is expected
            (
                "lib/config.ts",
                "new AppConfigurationClient(process.env.APPCONFIG_ENDPOINT!, new DefaultAzureCredential())",
                "new AppConfigurationClient(new DefaultAzureCredential, process.env.APPCONFIG_ENDPOINT!)",
            ),
            // a credential where a token-provider function is expected
            (
                "lib/openai.ts",
                "azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), \"https://cognitiveservices.azure.com/.default\")",
                "azureADTokenProvider: new DefaultAzureCredential()",
            ),
        ],
        "unused",
    );
}

#[test]
fn the_js_check_bites_on_a_corrupted_rewrite() {
    let p = prepare("node-express-api");
    assert_bites(
        &p,
        Lang::JsTs,
        &[
            // a constructor option that does not exist (checkJs applies excess-property checks)
            ("src/data/cosmos.js", "aadCredentials: new DefaultAzureCredential()", "aadCredential: new DefaultAzureCredential()"),
            // the credential where the account URL string is expected
            (
                "src/storage/blobs.js",
                "new BlobServiceClient(process.env.AZURE_STORAGE_ACCOUNT_URL, new DefaultAzureCredential())",
                "new BlobServiceClient(new DefaultAzureCredential(), process.env.AZURE_STORAGE_ACCOUNT_URL)",
            ),
        ],
        "unused",
    );
}

/// The wrong rewrites found on unseen apps (fixtures/fix) fail the check: the connection-string
/// overloads' argument order kept with an endpoint and a credential does not exist in the SDKs.
#[test]
fn the_check_bites_on_the_wrong_overloads_fix_once_picked() {
    let p = prepare("node-clicks-processor");
    assert_bites(
        &p,
        Lang::JsTs,
        &[
            // (url, containerName, credential): ContainerClient has no such overload
            (
                "src/index.js",
                "new ContainerClient(`${process.env.CHECKPOINT_STORAGE_ACCOUNT_URL}/clicks-checkpoints`, new DefaultAzureCredential())",
                "new ContainerClient(process.env.CHECKPOINT_STORAGE_ACCOUNT_URL, \"clicks-checkpoints\", new DefaultAzureCredential())",
            ),
            // the credential after the checkpoint store instead of right after the event hub name
            (
                "src/index.js",
                "\"clicks\", new DefaultAzureCredential(), checkpointStore)",
                "\"clicks\", checkpointStore, new DefaultAzureCredential())",
            ),
            // no event hub name: the credential overloads always take one
            (
                "src/index.js",
                "ALERTS_EVENTHUB_FULLY_QUALIFIED_NAMESPACE, \"click-alerts\", new DefaultAzureCredential())",
                "ALERTS_EVENTHUB_FULLY_QUALIFIED_NAMESPACE, new DefaultAzureCredential())",
            ),
        ],
        "unused",
    );
    // a ConfigService key read as an environment variable
    let p = prepare("ts-nestjs-events");
    assert_bites(
        &p,
        Lang::JsTs,
        &[(
            "src/events.service.ts",
            "config.getOrThrow<string>(\"eventHubs.fullyQualifiedNamespace\")",
            "process.env.eventHubs.connectionString__FullyQualifiedNamespace",
        )],
        "unused",
    );
}
