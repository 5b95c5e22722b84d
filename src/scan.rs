//! The scan pipeline: walk → prefilter → parse + query → resolve → findings (design.md "Data flow").
//!
//! Config files are read first (they are few and small) so that code reading `Configuration["X"]`
//! or `os.environ["X"]` can be classified by the value the repository's config files hold for `X`;
//! then code and other text files are analyzed in parallel, one tree-sitter `Parser` per thread.
//! Results are merged and sorted once.

use crate::analyze::{self, Hit};
use crate::config::ConfigIndex;
use crate::connstr;
use crate::finding::{Category, Finding, Source};
use crate::lang::Lang;
use crate::prefilter;
use crate::rules;
use crate::secrets;
use crate::text::{self, Decoded, LineIndex};
use crate::walk::{self, Candidate, Diagnostic, FileKind, WalkOptions};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Everything that shapes one scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub walk: WalkOptions,
    /// Print secrets in full (off by default: every output redacts).
    pub show_secrets: bool,
    /// Upper bound on parsing one file; a file that takes longer is skipped with a diagnostic.
    pub parse_timeout: Duration,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions { walk: WalkOptions::default(), show_secrets: false, parse_timeout: Duration::from_secs(5) }
    }
}

/// Counters for `--stats` and the benchmark.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Stats {
    pub files_walked: u64,
    pub files_prefiltered: u64,
    pub files_parsed: u64,
    /// Code files that passed the prefilter but carry a generator's header or are third-party code
    /// (`wwwroot/lib`, `vendor/`, bundles): pattern pass only.
    pub files_generated: u64,
    pub bytes_walked: u64,
    pub bytes_parsed: u64,
    pub findings: u64,
}

/// Findings (sorted), per-file diagnostics (sorted) and counters.
#[derive(Debug, Default)]
pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

#[derive(Default)]
pub(crate) struct Counters {
    prefiltered: AtomicU64,
    parsed: AtomicU64,
    generated: AtomicU64,
    bytes_walked: AtomicU64,
    bytes_parsed: AtomicU64,
}

/// Scan one or more paths.
pub fn scan(paths: &[PathBuf], opts: &ScanOptions) -> anyhow::Result<ScanResult> {
    let mut files: Vec<Candidate> = Vec::new();
    let mut diagnostics = Vec::new();
    for root in paths {
        if !root.exists() {
            anyhow::bail!("{}: no such file or directory (check the path)", root.display());
        }
        let (mut f, d) = walk::walk(root, &opts.walk)?;
        if paths.len() > 1 {
            let prefix = root.to_string_lossy().trim_end_matches('/').replace('\\', "/");
            for c in &mut f {
                c.rel = if root.is_file() { prefix.clone() } else { format!("{prefix}/{}", c.rel) };
            }
        }
        files.extend(f);
        diagnostics.extend(d);
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.walk.threads).build()?;
    let counters = Counters::default();
    let (configs, rest): (Vec<&Candidate>, Vec<&Candidate>) = files.iter().partition(|c| matches!(c.kind, FileKind::Config(_)));

    // 1. Config files: entries for the index, secrets as findings.
    let config_results: Vec<(FileOutcome, Vec<crate::config::Entry>)> = pool.install(|| {
        configs
            .par_iter()
            .map(|c| {
                let FileKind::Config(format) = c.kind else { unreachable!() };
                match load(c, opts, &counters) {
                    Ok(Some(d)) => {
                        let entries = analyze::config_entries(format, &d.text);
                        let hits = if prefilter::triggered(prefilter::TriggerSet::Config, d.text.as_bytes()) {
                            counters.prefiltered.fetch_add(1, Ordering::Relaxed);
                            analyze::analyze_config(&entries)
                        } else {
                            Vec::new()
                        };
                        (FileOutcome::found(assemble(&c.rel, &d.text, hits, opts.show_secrets, None)), entries)
                    }
                    Ok(None) => (FileOutcome::default(), Vec::new()),
                    Err(diag) => (FileOutcome::diag(diag), Vec::new()),
                }
            })
            .collect()
    });
    let mut index = ConfigIndex::default();
    let mut outcomes = Vec::new();
    let dir_of = |c: &Candidate| c.rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
    for (c, (o, entries)) in configs.iter().zip(config_results) {
        index.add(&dir_of(c), &entries);
        outcomes.push(o);
    }
    // Python settings modules are code (scanned below) and config: their constants join the index.
    let settings_modules: Vec<&Candidate> = rest
        .iter()
        .copied()
        .filter(|c| match c.kind {
            FileKind::Code(Lang::Python) => crate::lang::python::is_settings_module(&c.rel),
            // C# constants classes (`Constants.cs`): `Constants.StorageUrl` is read from other files.
            FileKind::Code(Lang::CSharp) => crate::lang::csharp::is_constants_file(&c.rel),
            _ => false,
        })
        .collect();
    let module_entries: Vec<Vec<crate::config::Entry>> = pool.install(|| {
        settings_modules
            .par_iter()
            .map(|c| match (c.kind, load(c, opts, &Counters::default())) {
                // Most `*Configuration.cs` files (generated clients' options) hold no string constant.
                (FileKind::Code(Lang::CSharp), Ok(Some(d)))
                    if !(d.text.contains("const string") || d.text.contains("static readonly string"))
                        || !prefilter::may_hold_secret(d.text.as_bytes()) =>
                {
                    Vec::new()
                }
                (FileKind::Code(lang), Ok(Some(d))) => parse(lang, &d.text, opts.parse_timeout)
                    .map(|tree| analyze::code::module_settings(lang, &tree, &d.text))
                    .unwrap_or_default(),
                _ => Vec::new(),
            })
            .collect()
    });
    // A code file that names a constant holding a secret (`Constants.PhotoContainerUrl`) is worth a
    // parse even with none of the trigger words.
    let mut secret_constants: HashMap<Lang, Vec<String>> = HashMap::new();
    for (c, entries) in settings_modules.iter().zip(module_entries) {
        if let FileKind::Code(lang) = c.kind {
            let words = secret_constants.entry(lang).or_default();
            words.extend(entries.iter().filter(|e| !crate::connstr::find_secrets(&e.value).is_empty()).map(|e| e.key.clone()));
        }
        index.add(&dir_of(c), &entries);
    }
    let constant_readers: HashMap<Lang, aho_corasick::AhoCorasick> = secret_constants
        .into_iter()
        .filter(|(_, words)| !words.is_empty())
        .filter_map(|(lang, words)| aho_corasick::AhoCorasick::new(&words).ok().map(|ac| (lang, ac)))
        .collect();

    // 2. Code and other text files, in parallel.
    let index = &index;
    let constant_readers = &constant_readers;
    let code: Vec<(FileOutcome, usize)> = pool.install(|| {
        rest.par_iter()
            .map(|c| match load(c, opts, &counters) {
                Ok(Some(d)) => (scan_text(c, &d, opts, index, constant_readers, &counters), d.text.len()),
                Ok(None) => (FileOutcome::default(), 0),
                Err(diag) => (FileOutcome::diag(diag), 0),
            })
            .collect()
    });
    // How much code of each language the tree holds: following clients across files has a budget.
    let mut code_bytes: HashMap<Lang, u64> = HashMap::new();
    for (c, (_, len)) in rest.iter().zip(&code) {
        if let FileKind::Code(lang) = c.kind {
            *code_bytes.entry(lang).or_default() += *len as u64;
        }
    }
    outcomes.extend(code.into_iter().map(|(o, _)| o));

    let mut findings = Vec::new();
    for o in outcomes {
        findings.extend(o.findings);
        diagnostics.extend(o.diagnostics);
    }
    attribute_settings(&mut findings);
    crate::follow::operations_elsewhere(&mut findings, &rest, &code_bytes, opts, index, &pool);
    for f in findings.iter_mut() {
        crate::roles::annotate(f);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.sort();
    diagnostics.dedup();
    let stats = Stats {
        files_walked: files.len() as u64,
        files_prefiltered: counters.prefiltered.load(Ordering::Relaxed),
        files_parsed: counters.parsed.load(Ordering::Relaxed),
        files_generated: counters.generated.load(Ordering::Relaxed),
        bytes_walked: counters.bytes_walked.load(Ordering::Relaxed),
        bytes_parsed: counters.bytes_parsed.load(Ordering::Relaxed),
        findings: findings.len() as u64,
    };
    Ok(ScanResult { findings, diagnostics, stats })
}

/// A config secret whose service its name does not tell (`DB_PASSWORD`) takes the service of the
/// code that signs in with that setting (`TypeOrmModule.forRoot({ type: 'mssql', password:
/// process.env.DB_PASSWORD })`), when every such site agrees. A tentative one (a key-shaped value
/// of no known service) is kept only then.
fn attribute_settings(findings: &mut Vec<Finding>) {
    // Each auth site that reads a setting: (setting, the site's file, service).
    let mut readers: Vec<(String, String, crate::finding::Service)> = Vec::new();
    for f in findings.iter().filter(|f| f.category == Category::Auth && f.service != crate::finding::Service::Unknown) {
        let (crate::finding::Source::Env(name) | crate::finding::Source::Config(name)) = &f.source else { continue };
        readers.push((name.to_ascii_lowercase(), f.path.clone(), f.service));
    }
    // Service Bus and Event Hubs strings look alike: the code that uses one tells which it is.
    let open = |s: crate::finding::Service| matches!(s, crate::finding::Service::Unknown | crate::finding::Service::ServiceBus);
    // Only the code of the settings file's app reads it (one scan often holds several apps): the
    // settings each app's code reads, with the one service they are read for, built once per app.
    let mut apps: HashMap<String, HashMap<&str, Option<crate::finding::Service>>> = HashMap::new();
    for f in findings.iter_mut().filter(|f| f.category == Category::Secret && open(f.service)) {
        let Some(key) = f.setting.as_deref() else { continue };
        let app = settings_app_dir(&f.path);
        let by_setting = apps.entry(app.to_owned()).or_insert_with(|| {
            let mut by_setting: HashMap<&str, Option<crate::finding::Service>> = HashMap::new();
            for (name, path, service) in &readers {
                if !(app.is_empty() || path.starts_with(&format!("{app}/"))) {
                    continue;
                }
                let seen = by_setting.entry(name.as_str()).or_insert(Some(*service));
                if *seen != Some(*service) {
                    *seen = None;
                }
            }
            by_setting
        });
        // `.env`'s `DB_PASSWORD`, local.settings.json's `Values:DB_PASSWORD`, appsettings' `Db:Password`.
        let leaf = key.strip_prefix("Values:").unwrap_or(key).replace("__", ":").to_ascii_lowercase();
        // Or with the app's prefix: `PARCELHUB_DB_PASSWORD` is what `config["DB_PASSWORD"]` reads
        // through a config class (`os.environ.get("PARCELHUB_DB_PASSWORD")`), when one setting ends so.
        // A tentative value needs a name that says more than "a key" (`ZYTE_API_KEY` is not what
        // `settings.api_key` reads for an Azure client).
        let tentative = f.tentative;
        let prefixed = || {
            let mut ends = by_setting
                .iter()
                .filter(|(name, _)| leaf.ends_with(&format!("_{name}")) && !(tentative && generic_setting_name(name)))
                .map(|(_, s)| s);
            ends.next().filter(|first| ends.all(|s| s == *first))
        };
        let Some(Some(service)) = by_setting.get(leaf.as_str()).or_else(prefixed) else { continue };
        if f.tentative {
            f.tentative = false;
            f.service = *service;
            f.credential_kind = key_kind_of(*service, f.credential_kind);
            let rule = rules::select(Category::Secret, *service, f.credential_kind);
            f.rule = rule.id.to_owned();
            f.message = secret_message(*service, f.credential_kind, key, rule);
        } else if f.service == crate::finding::Service::Unknown || *service == crate::finding::Service::EventHubs {
            f.message = f.message.replacen(&format!("Hard-coded {} ", f.service), &format!("Hard-coded {service} "), 1);
            f.service = *service;
        }
    }
    findings.retain(|f| !f.tentative);
}

/// `api_key`, `access_key`, `secret`: a setting name made only of words every key's name has.
/// The folder of the app a settings file configures: its own, or the one above a folder that only
/// holds deployment settings (`deploy/staging.env`, `config/production.json`).
fn settings_app_dir(path: &str) -> &str {
    const SETTINGS_FOLDERS: &[&str] =
        &["deploy", "deployment", "config", "configs", "configuration", "settings", "env", "envs", "environments"];
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    // azd's environments (`.azure/<env>/.env`) configure the project above them.
    if let Some(at) = format!("/{dir}/").find("/.azure/") {
        return dir[..at.saturating_sub(1)].trim_end_matches('/');
    }
    match dir.rsplit_once('/') {
        Some((parent, last)) if SETTINGS_FOLDERS.contains(&last.to_ascii_lowercase().as_str()) => parent,
        None if SETTINGS_FOLDERS.contains(&dir.to_ascii_lowercase().as_str()) => "",
        _ => dir,
    }
}

fn generic_setting_name(name: &str) -> bool {
    name.split(['_', '-', '.', ':'])
        .all(|w| matches!(w, "" | "api" | "key" | "access" | "secret" | "shared" | "account" | "token" | "primary"))
}

#[derive(Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    diagnostics: Vec<Diagnostic>,
}

impl FileOutcome {
    fn found(findings: Vec<Finding>) -> Self {
        FileOutcome { findings, diagnostics: Vec::new() }
    }
    fn diag(d: Diagnostic) -> Self {
        FileOutcome { findings: Vec::new(), diagnostics: vec![d] }
    }
}

/// Read and decode a file; `Ok(None)` for files with nothing to decode.
pub(crate) fn load(c: &Candidate, opts: &ScanOptions, counters: &Counters) -> Result<Option<Decoded>, Diagnostic> {
    let diag = |m: String| Diagnostic { path: c.rel.clone(), message: m };
    let unreadable = |e: std::io::Error| {
        let hint = if e.kind() == std::io::ErrorKind::PermissionDenied { " (make it readable to scan it)" } else { "" };
        diag(format!("unreadable: {e}{hint}"))
    };
    // The size is checked on the open file, before reading it (the walk does not stat).
    let mut file = std::fs::File::open(&c.path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let too_large =
        |size: u64| diag(format!("skipped: {size} bytes is over --max-filesize {} (raise it to scan this file)", opts.walk.max_filesize));
    if size > opts.walk.max_filesize {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // One byte over the limit is enough to know a file that grew since is too large.
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, opts.walk.max_filesize + 1), &mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > opts.walk.max_filesize {
        return Err(too_large(bytes.len() as u64));
    }
    counters.bytes_walked.fetch_add(bytes.len() as u64, Ordering::Relaxed);
    if text::looks_binary(&bytes) {
        return Err(diag("skipped: binary file (NUL byte in the first 8 KiB)".into()));
    }
    if bytes.is_empty() {
        return Ok(None);
    }
    Ok(Some(text::decode_vec(bytes)))
}

thread_local! {
    /// One parser per language per thread: parsing stays lock-free (ast-grep's PARSER_CACHE).
    static PARSERS: RefCell<HashMap<Lang, tree_sitter::Parser>> = RefCell::new(HashMap::new());
}

fn non_blank(s: &str) -> u64 {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u64
}

/// Parse with a time bound; `None` when the parse was cut off.
pub fn parse(lang: Lang, text: &str, timeout: Duration) -> Option<tree_sitter::Tree> {
    parse_ranges(lang, text, None, timeout)
}

/// Parse the whole text, or only the given line windows of it (offsets stay the text's).
fn parse_ranges(lang: Lang, text: &str, windows: Option<&[prefilter::Window]>, timeout: Duration) -> Option<tree_sitter::Tree> {
    PARSERS.with(|cell| {
        let mut map = cell.borrow_mut();
        let parser = map.entry(lang).or_insert_with(|| {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&lang.grammar().language).expect("grammar ABI matches tree-sitter");
            p
        });
        parser.reset();
        let ranges: Vec<tree_sitter::Range> = windows
            .unwrap_or_default()
            .iter()
            .map(|w| tree_sitter::Range {
                start_byte: w.bytes.start,
                end_byte: w.bytes.end,
                start_point: tree_sitter::Point { row: w.lines.start, column: 0 },
                end_point: tree_sitter::Point { row: w.lines.end, column: w.end_column },
            })
            .collect();
        // An empty list means the whole document (and resets what the last file set).
        parser.set_included_ranges(&ranges).expect("windows are sorted and disjoint");
        let start = Instant::now();
        let mut check = |_: &tree_sitter::ParseState| {
            if start.elapsed() > timeout { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut check);
        let bytes = text.as_bytes();
        parser.parse_with_options(&mut |i, _| if i < bytes.len() { &bytes[i..] } else { &[] }, None, Some(options))
    })
}

/// Files larger than this are parsed in windows around their trigger words.
const WINDOW_FILE_BYTES: usize = 64 * 1024;
/// Lines kept before and after each trigger word in a windowed file.
const WINDOW_LINES: usize = 60;

/// Lines longer than this are generated or minified: such files get the pattern-only pass.
const MAX_PARSED_LINE: usize = 5_000;

fn scan_text(
    c: &Candidate,
    d: &Decoded,
    opts: &ScanOptions,
    index: &ConfigIndex,
    constant_readers: &HashMap<Lang, aho_corasick::AhoCorasick>,
    counters: &Counters,
) -> FileOutcome {
    // A Functions `function.json` names the settings its bindings connect with (no secret word in it).
    if c.kind == FileKind::Text && c.rel.rsplit('/').next() == Some("function.json") {
        let hits = analyze::functions::function_json(&d.text, &index.scope(&c.rel));
        return FileOutcome::found(assemble(&c.rel, &d.text, hits, opts.show_secrets, None));
    }
    // Kubernetes manifests and Helm values set an app's settings (`env: - name: Redis__Password`,
    // a Secret's `stringData`): read as settings, with the config words.
    let deployment_yaml = c.kind == FileKind::Text && crate::config::yaml::is_deployment_settings(&c.rel, &d.text);
    let trigger = match c.kind {
        FileKind::Code(lang) => prefilter::code_trigger(d.text.as_bytes(), lang.doc_line_starts()).or_else(|| {
            let reads_constant = constant_readers.get(&lang).is_some_and(|ac| ac.is_match(d.text.as_str()));
            (reads_constant && !prefilter::is_generated(d.text.as_bytes())).then_some(prefilter::CodeTrigger::Confirmed)
        }),
        _ if deployment_yaml => {
            prefilter::triggered(prefilter::TriggerSet::Config, d.text.as_bytes()).then_some(prefilter::CodeTrigger::Confirmed)
        }
        _ => prefilter::triggered(c.kind.triggers(), d.text.as_bytes()).then_some(prefilter::CodeTrigger::Confirmed),
    };
    let Some(trigger) = trigger else {
        return FileOutcome::default();
    };
    counters.prefiltered.fetch_add(1, Ordering::Relaxed);
    let hits = match c.kind {
        FileKind::Code(lang) => {
            if d.text.lines().any(|l| l.len() > MAX_PARSED_LINE) {
                let why =
                    format!("not parsed: a line is longer than {MAX_PARSED_LINE} characters (minified?); scanned for secret patterns only");
                return pattern_pass(c, d, lang, opts, Some(why));
            }
            // Generated code (AutoRest models and clients, designers, migrations) and third-party
            // code define APIs rather than sign in with an app's secrets: the pattern pass finds the
            // secrets written in them (a designer's connection-string default), at a fraction of a
            // parse's cost.
            if trigger == prefilter::CodeTrigger::Generated || prefilter::is_vendored(&c.rel) {
                counters.generated.fetch_add(1, Ordering::Relaxed);
                return pattern_pass(c, d, lang, opts, None);
            }
            counters.parsed.fetch_add(1, Ordering::Relaxed);
            // Large (mostly generated) files: only the lines around trigger words are parsed, as
            // tree-sitter included ranges: the tree keeps the file's offsets and the lexer never
            // sees the rest (blanking it to spaces instead still cost a lexer step per byte).
            let text = d.text.as_str();
            let windows = (text.len() > WINDOW_FILE_BYTES).then(|| prefilter::windows(text, WINDOW_LINES));
            let parsed_bytes = match &windows {
                Some(w) => w.iter().map(|r| non_blank(&text[r.bytes.clone()])).sum(),
                None => non_blank(text),
            };
            counters.bytes_parsed.fetch_add(parsed_bytes, Ordering::Relaxed);
            match parse_ranges(lang, text, windows.as_deref(), opts.parse_timeout) {
                Some(tree) => analyze::code::analyze(lang, &tree, text, index.scope(&c.rel), Some(&c.path)),
                None => {
                    return pattern_pass(
                        c,
                        d,
                        lang,
                        opts,
                        Some(format!("not parsed: parsing took over {:?}; scanned for secret patterns only", opts.parse_timeout)),
                    );
                }
            }
        }
        FileKind::Text if deployment_yaml => {
            let mut hits = analyze::analyze_config(&crate::config::yaml::read(&d.text));
            // The shapes the pattern pass knows, where no setting was read (block scalars, flow maps).
            let pattern = analyze::analyze_text(&d.text);
            let unread: Vec<_> =
                pattern.into_iter().filter(|p| !hits.iter().any(|h| h.span.start < p.span.end && p.span.start < h.span.end)).collect();
            hits.extend(unread);
            hits
        }
        FileKind::Text => analyze::analyze_text(&d.text),
        FileKind::Config(_) => Vec::new(),
    };
    let lang = match c.kind {
        FileKind::Code(l) => Some(l),
        _ => None,
    };
    FileOutcome::found(assemble(&c.rel, &d.text, hits, opts.show_secrets, lang))
}

/// The connection-string pattern pass for a code file that is not parsed, with the diagnostic
/// saying why when the reason is one the user should hear about.
fn pattern_pass(c: &Candidate, d: &Decoded, lang: Lang, opts: &ScanOptions, why: Option<String>) -> FileOutcome {
    let mut o = FileOutcome::found(assemble(&c.rel, &d.text, analyze::analyze_text(&d.text), opts.show_secrets, Some(lang)));
    o.diagnostics.extend(why.map(|message| Diagnostic { path: c.rel.clone(), message }));
    o
}

/// Is this (`/`-separated, relative) path test code: under a test folder, or named as a test
/// (`test_x.py`, `x_test.py`, `x.test.ts`, `x.spec.js`, `XTests.cs`, `conftest.py`)?
fn is_test_file(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    let mut parts: Vec<&str> = lower.split('/').collect();
    let file = parts.pop().unwrap_or("");
    let stem = file.split('.').next().unwrap_or(file);
    parts.iter().any(|d| matches!(*d, "test" | "tests" | "__tests__" | "spec" | "specs" | "e2e" | "testing" | "integrationtests"))
        || parts.iter().any(|d| d.ends_with(".tests") || d.ends_with(".test"))
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("tests") && file.ends_with(".cs")
        || stem.ends_with("test") && file.ends_with(".cs")
        || file.contains(".test.")
        || file.contains(".spec.")
        || file == "conftest.py"
}

/// Turn one file's hits into findings: positions, rule, message, redacted snippet, fingerprint.
pub fn assemble(rel: &str, text: &str, mut hits: Vec<Hit>, show_secrets: bool, lang: Option<Lang>) -> Vec<Finding> {
    // A password that nothing ties to Azure, in test code (`assert "Pwd=unit-test;" in cs`), is a
    // fixture's value.
    if lang.is_some() && is_test_file(rel) {
        hits.retain(|h| {
            !(h.category == Category::Secret
                && h.kind == crate::finding::CredentialKind::Password
                && h.service == crate::finding::Service::Unknown)
        });
    }
    if hits.is_empty() {
        // Most files that pass the prefilter hold nothing: skip the line index.
        return Vec::new();
    }
    hits.sort_by_key(|h| (h.span.start, h.category));
    hits.dedup_by(|a, b| a.span == b.span && a.category == b.category);
    let idx = LineIndex::new(text);
    let file_secrets: Vec<String> = hits.iter().flat_map(|h| h.secrets.iter().cloned()).collect();
    // Built once per file: every snippet of the file is redacted with the same secrets.
    let redactor = secrets::Redactor::new(&file_secrets);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(hits.len());
    for mut h in hits {
        // A key of the Azure AI services shape (`...JQQJ99...ACOG...`) names its service family.
        if h.service == crate::finding::Service::Unknown
            && h.kind == crate::finding::CredentialKind::ApiKey
            && h.secrets.iter().any(|s| secrets::looks_like_azure_ai_key(s))
        {
            h.service = crate::finding::Service::AiServices;
        }
        h.kind = key_kind_of(h.service, h.kind);
        let rule = rules::select(h.category, h.service, h.kind);
        let start = idx.position(text, h.anchor.unwrap_or(h.span.start));
        let end = idx.position(text, h.span.end);
        let redacted = snippet(text, &idx, &h.span, start.line, end.line, show_secrets, |line: &str| {
            if show_secrets { line.to_owned() } else { redact_all_with(line, &redactor) }
        });
        // Fingerprint: rule, path and what the finding is about (the secret's hash or the code's
        // whitespace-free text), plus an occurrence count: stable when lines move.
        // A secret's fingerprint never derives from the whole secret (a hash of a weak password can be
        // brute-forced): its redacted form (prefix and length) is stable enough.
        let content = match h.category {
            Category::Secret => h.secrets.first().map(|s| secrets::redact(s)).unwrap_or_default(),
            Category::Auth => text[h.span.clone()].chars().filter(|c| !c.is_whitespace()).collect(),
        };
        let base = format!("{}\0{}\0{}", rule.id, rel, content);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let fingerprint = hex(&Sha256::digest(format!("{base}\0{n}").as_bytes()))[..32].to_owned();
        let message = message(&h, rule, text);
        let setting = (h.category == Category::Secret && h.what != "secret" && h.what != "text").then(|| h.what.clone());
        out.push(Finding {
            rule: rule.id.to_owned(),
            category: h.category,
            service: h.service,
            credential_kind: h.kind,
            path: rel.to_owned(),
            start,
            end,
            message,
            source: h.source,
            fingerprint,
            redacted,
            roles: Vec::new(),
            roles_note: h.roles_note,
            operations: h.operations,
            resource: h.resource,
            endpoint: h.endpoint,
            rotate: h.category == Category::Secret,
            suppressed: None,
            span: h.span,
            secrets: h.secrets,
            setting,
            exports: h.exports,
            tentative: h.tentative,
        });
    }
    out
}

/// One name per service for "a key": Storage, Cosmos DB, Service Bus and Event Hubs keys are account /
/// shared access keys, an AI service's or Event Grid's is an API key, and a Redis access key is the
/// cache's password (design.md's credentialKind values), whatever the code or setting called it.
fn key_kind_of(service: crate::finding::Service, kind: crate::finding::CredentialKind) -> crate::finding::CredentialKind {
    use crate::finding::{CredentialKind as K, Service as S};
    match (service, kind) {
        (S::Redis, K::ApiKey | K::AccountKey) => K::Password,
        (s, K::ApiKey) if s.is_storage() || matches!(s, S::CosmosDb | S::ServiceBus | S::EventHubs) => K::AccountKey,
        (S::AiServices | S::Openai | S::AiSearch | S::EventGrid, K::AccountKey) => K::ApiKey,
        (_, k) => k,
    }
}

/// A secret finding's message; `what` is the setting that holds it, or "secret" / "text".
fn secret_message(service: crate::finding::Service, kind: crate::finding::CredentialKind, what: &str, rule: &rules::Rule) -> String {
    let shape = match kind {
        crate::finding::CredentialKind::ConnectionString => "connection string with an embedded key",
        crate::finding::CredentialKind::AccountKey => "account key",
        crate::finding::CredentialKind::SasToken => "signed SAS token",
        crate::finding::CredentialKind::ClientSecret => "client secret",
        crate::finding::CredentialKind::Password => "password",
        crate::finding::CredentialKind::ApiKey => "API key",
    };
    let place =
        if what == "secret" || what == "text" { String::new() } else { format!(" in setting `{}`", crate::config::shown_key(what)) };
    format!("Hard-coded {service} {shape}{place}: remove it and rotate it ({})", rule.name)
}

fn message(h: &Hit, rule: &rules::Rule, text: &str) -> String {
    match h.category {
        Category::Secret => secret_message(h.service, h.kind, &h.what, rule),
        Category::Auth => {
            let how = match h.kind {
                crate::finding::CredentialKind::ConnectionString => "a connection string",
                crate::finding::CredentialKind::AccountKey => "a shared key",
                crate::finding::CredentialKind::SasToken => "a SAS token",
                crate::finding::CredentialKind::ClientSecret => "a client secret",
                crate::finding::CredentialKind::Password => "a password",
                crate::finding::CredentialKind::ApiKey => "an API key",
            };
            let from = match &h.source {
                Source::Literal => "hard-coded in this file".to_owned(),
                Source::Env(n) => format!("from environment variable `{n}`"),
                // `AppConstants.MeterPhotosUrl`: a constants class of the app (its value is hard-coded there).
                // (A dotted setting read by its name, `AppSettings["Search.AdminKey"]`, is no constant.)
                Source::Config(k) if crate::lang::csharp::is_constant_key(k) && !text.contains(&format!("\"{k}\"")) => {
                    format!("from constant `{k}`, hard-coded in another file")
                }
                Source::Config(k) => format!("from configuration key `{}`", crate::config::shown_key(k)),
                Source::Unknown => "from a value this file does not show".to_owned(),
            };
            format!("`{}` authenticates to {} with {how} ({from})", h.what, h.service)
        }
    }
}

/// The finding's lines (at most three), redacted first and only then shortened: a cut-off secret
/// would no longer be recognised. A long line is cut to a window around the finding
/// ([`text::window`]); under `--show-secrets` the window holds the finding in full.
fn snippet(
    text: &str,
    idx: &LineIndex,
    span: &std::ops::Range<usize>,
    first: usize,
    last: usize,
    show_secrets: bool,
    redact: impl Fn(&str) -> String,
) -> String {
    let last = last.min(first + 2);
    (first..=last)
        .map(|l| {
            let raw = idx.line_text(text, l);
            let start = idx.line_start(text, l);
            let trimmed = raw.trim_start();
            let start = start + (raw.len() - trimmed.len());
            let trimmed = trimmed.trim_end();
            let line = redact(trimmed);
            if line.chars().count() <= text::SNIPPET_WIDTH {
                return line;
            }
            // Where the finding lies in the redacted line: the redacted length of what precedes it.
            let at = |offset: usize| {
                let mut o = offset.clamp(start, start + trimmed.len()) - start;
                while !trimmed.is_char_boundary(o) {
                    o -= 1;
                }
                redact(&trimmed[..o]).chars().count()
            };
            let from = at(span.start);
            text::window(&line, from..at(span.end).max(from), show_secrets)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Redact every known secret of the file, then anything else that still looks like one.
pub fn redact_all(snippet: &str, known: &[String]) -> String {
    redact_all_with(snippet, &secrets::Redactor::new(known))
}

/// [`redact_all`] with the known secrets' [`secrets::Redactor`] built by the caller.
pub fn redact_all_with(snippet: &str, known: &secrets::Redactor) -> String {
    let mut s = known.redact(snippet);
    let extra: Vec<String> = connstr::find_secrets(&s).into_iter().map(|h| h.value).filter(|v| !v.contains('…')).collect();
    if !extra.is_empty() {
        s = secrets::redact_in(&s, &extra);
    }
    s
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::settings_app_dir;

    #[test]
    fn a_settings_file_configures_the_app_around_it() {
        assert_eq!(settings_app_dir("app10/.env"), "app10");
        assert_eq!(settings_app_dir("app10/deploy/staging.env"), "app10");
        assert_eq!(settings_app_dir("services/api/appsettings.json"), "services/api");
        assert_eq!(settings_app_dir("config/production.json"), "");
        assert_eq!(settings_app_dir(".env"), "");
        assert_eq!(settings_app_dir(".azure/dev/.env"), "");
        assert_eq!(settings_app_dir("web/.azure/dev/.env"), "web");
    }
}
