//! `--format sarif`: a SARIF 2.1.0 log that GitHub code scanning (`github/codeql-action/upload-sarif`)
//! and Azure DevOps Advanced Security (`AdvancedSecurity-Publish`) ingest without a warning
//! (design.md "Findings: the output contract"; checked by `shared/tools/sarif-check`).
//!
//! - One `reportingDescriptor` per rule of [`rules::RULES`], with its docs as `help` (text and
//!   markdown), `security-severity`, `precision` and tags, so every alert explains what to do.
//! - One result per finding: `ruleId`/`ruleIndex`, `level` (secret → error, auth → warning, or the
//!   `secretless.toml` override), the message plus the roles to grant, one physical location
//!   relative to `%SRCROOT%` (the scanned root) with a full region, in Unicode code points
//!   (`columnKind`), as [`Position`] counts them.
//! - `partialFingerprints`: `secretless/v1` is the finding's own fingerprint (stable when lines
//!   move); `primaryLocationLineHash` is what upload-sarif would compute for the line
//!   ([`line_hashes`]), so GitHub keeps tracking an alert when unrelated lines change and does not
//!   recompute (or warn about) it.
//! - Suppressed findings carry `suppressions: [{kind: inSource, justification}]`.
//! - `fixes` (artifactChanges with replacements) for findings that have one, through
//!   [`Options::fixes`] (the fix engine's hook).
//!
//! No secret is written: the message never holds one, and the redacted snippet is not emitted at all.
//!
//! Written with serde structs over `serde_json` rather than a SARIF crate: the log is a fixed,
//! small subset of the schema, validity is proven against the official schema by `sarif-check` in
//! the tests, and `serde-sarif`'s build-time generated types and builders would add dependencies
//! and compile time for no check that the tests do not already make.

use crate::finding::{Category, Finding};
use crate::rules::{self, Rule};
use crate::settings::Settings;
use crate::suppress;
use crate::text::Position;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

/// The schema URI GitHub and the Multitool recognise.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base id every location is relative to: the scanned root.
pub const SRCROOT: &str = "%SRCROOT%";
/// Key of our own fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "secretless/v1";

/// A proposed fix in SARIF terms: edits by line and column (1-based, code points, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does (the rule's `fix_title` or more specific).
    pub description: String,
    pub changes: Vec<ArtifactChange>,
}

/// The edits of a fix in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactChange {
    /// Relative to the scanned root, `/` separators (like [`Finding::path`]).
    pub path: String,
    pub replacements: Vec<Replacement>,
}

/// Replace `start..end` (an insertion when equal) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub start: Position,
    pub end: Position,
    pub text: String,
}

impl Replacement {
    /// A replacement from a byte range of a file's decoded text (the fix engine's `Edit`s).
    pub fn from_bytes(text: &str, range: std::ops::Range<usize>, replacement: &str) -> Replacement {
        let idx = crate::text::LineIndex::new(text);
        Replacement { start: idx.position(text, range.start), end: idx.position(text, range.end), text: replacement.to_owned() }
    }
}

/// What shapes the log beyond the findings.
#[derive(Default)]
pub struct Options<'a> {
    /// Level overrides from `secretless.toml` (default levels when `None`).
    pub settings: Option<&'a Settings>,
    /// The fixes of a finding; none when `None` (until the fix engine lands).
    #[allow(clippy::type_complexity)]
    pub fixes: Option<&'a dyn Fn(&Finding) -> Vec<Fix>>,
}

/// Write the SARIF log of `findings`; `root` is the scanned directory (finding paths are relative
/// to it; the current directory when several paths were scanned). Files under it are read to
/// compute `primaryLocationLineHash`.
pub fn write(findings: &[Finding], root: &Path, w: &mut dyn Write) -> io::Result<()> {
    write_with(findings, root, &Options::default(), w)
}

/// [`write`] with level overrides and fixes.
pub fn write_with(findings: &[Finding], root: &Path, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    let default_settings = Settings::default();
    let settings = opts.settings.unwrap_or(&default_settings);
    let mut hashes: HashMap<&str, HashMap<usize, String>> = HashMap::new();
    let results = findings
        .iter()
        .map(|f| {
            let file_hashes = hashes.entry(f.path.as_str()).or_insert_with(|| {
                std::fs::read(suppress::file_of(root, &f.path))
                    .map(|bytes| line_hashes(&String::from_utf8_lossy(&bytes)))
                    .unwrap_or_default()
            });
            result(f, settings, file_hashes.get(&f.start.line).cloned(), opts.fixes.map(|g| g(f)).unwrap_or_default())
        })
        .collect();
    let mut base_ids = BTreeMap::new();
    base_ids.insert(
        SRCROOT,
        BaseId { uri: root_uri(root), description: Text { text: "The scanned root: every result's path is relative to it.".into() } },
    );
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "secretless",
                    full_name: "secretless: hard-coded Azure secrets and secret-based authentication",
                    version,
                    semantic_version: version,
                    information_uri: [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")].into_iter().find(|u| !u.is_empty()),
                    rules: rules::RULES.iter().map(|r| descriptor(r, settings)).collect(),
                },
            },
            invocations: vec![Invocation { execution_successful: true }],
            original_uri_base_ids: base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

fn descriptor(r: &Rule, settings: &Settings) -> Descriptor {
    let (text, markdown) = help(r);
    let cwe = match r.category {
        Category::Secret => "external/cwe/cwe-798",
        Category::Auth => "external/cwe/cwe-522",
    };
    Descriptor {
        id: r.id,
        name: r.name,
        short_description: Text { text: clip(r.summary, 1024) },
        full_description: Text { text: clip(r.what, 1024) },
        default_configuration: Configuration { level: settings.rule_level(r).as_sarif() },
        help: Help { text, markdown },
        properties: RuleProperties {
            tags: vec!["security", r.category.as_str(), "azure", cwe],
            precision: r.precision,
            security_severity: format!("{:.1}", r.severity),
        },
    }
}

/// The rule's documentation: what, why, example, use instead, fix, fix safety, roles.
fn help(r: &Rule) -> (String, String) {
    let roles = (r.category == Category::Auth).then_some(
        "Each result's `roles` property lists the least-privilege Azure built-in roles the app's identity needs \
         for the operations the code performs; grant them on the resource, not the subscription.",
    );
    let mut text = format!(
        "{}\n\nWhy it matters: {}\n\nExample:\n    {}\n\nUse instead:\n    {}\n",
        r.what,
        r.why,
        indent(r.example, "    "),
        indent(r.use_instead, "    ")
    );
    let mut md = format!(
        "## What it finds\n\n{}\n\n## Why it matters\n\n{}\n\n## Example\n\n{}\n\n## Use instead\n\n{}\n",
        r.what,
        r.why,
        fence(r.example),
        fence(r.use_instead)
    );
    if let Some(t) = r.fix_title {
        text.push_str(&format!("\nFix: {t}\n"));
        md.push_str(&format!("\n## Fix\n\n{t}\n"));
    }
    text.push_str(&format!("\nFix safety: {}\n", r.fix_safety));
    md.push_str(&format!("\n## Fix safety\n\n{}\n", r.fix_safety));
    if let Some(roles) = roles {
        text.push_str(&format!("\nRoles: {}\n", roles.replace('`', "")));
        md.push_str(&format!("\n## Roles\n\n{roles}\n"));
    }
    (text, md)
}

fn result(f: &Finding, settings: &Settings, line_hash: Option<String>, fixes: Vec<Fix>) -> ResultObj {
    let rule_index = rules::RULES.iter().position(|r| r.id == f.rule);
    let mut message = f.message.clone();
    if !f.roles.is_empty() {
        message.push_str(&format!(". Grant the app's identity: {}.", f.roles.join(", ")));
    }
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY, f.fingerprint.clone());
    if let Some(h) = line_hash {
        fingerprints.insert("primaryLocationLineHash", h);
    }
    ResultObj {
        rule_id: f.rule.clone(),
        rule_index,
        level: settings.level(f).as_sarif(),
        message: Text { text: message },
        locations: vec![Location {
            physical_location: PhysicalLocation { artifact_location: artifact(&f.path), region: region(f.start, f.end) },
        }],
        partial_fingerprints: fingerprints,
        properties: ResultProperties {
            category: f.category.as_str(),
            service: f.service.as_str(),
            credential_kind: f.credential_kind.as_str(),
            source: f.source.to_string(),
            roles: f.roles.clone(),
        },
        suppressions: f
            .suppressed
            .as_ref()
            .map(|s| vec![SuppressionObj { kind: "inSource", justification: s.reason.clone() }])
            .unwrap_or_default(),
        fixes: fixes
            .into_iter()
            .map(|fix| FixObj {
                description: Text { text: fix.description },
                artifact_changes: fix
                    .changes
                    .into_iter()
                    .map(|c| ArtifactChangeObj {
                        artifact_location: artifact(&c.path),
                        replacements: c
                            .replacements
                            .into_iter()
                            .map(|r| ReplacementObj { deleted_region: region(r.start, r.end), inserted_content: Text { text: r.text } })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation { uri: relative_uri(path), uri_base_id: SRCROOT }
}

fn region(start: Position, end: Position) -> Region {
    Region { start_line: start.line, start_column: start.column, end_line: end.line, end_column: end.column }
}

/// A relative path as a URI reference: `/` separators, no `.` segments, and every byte outside
/// RFC 3986's unreserved and sub-delims (plus `@`) percent-encoded — `:` too, so a first segment
/// like `c:` is never read as a scheme.
pub fn relative_uri(path: &str) -> String {
    path.split(['/', '\\']).filter(|s| !s.is_empty() && *s != ".").map(|s| encode(s, b"")).collect::<Vec<_>>().join("/")
}

/// `file:///…/` for the scanned root (a file root's directory), with the trailing slash SARIF asks for.
fn root_uri(root: &Path) -> String {
    let dir = if root.is_file() { root.parent().unwrap_or(root) } else { root };
    let abs = dir.canonicalize().or_else(|_| std::path::absolute(dir)).unwrap_or_else(|_| dir.to_path_buf());
    let s = abs.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("//?/").unwrap_or(&s);
    let encoded: Vec<String> = s.split('/').filter(|seg| !seg.is_empty()).map(|seg| encode(seg, b":")).collect();
    format!("file:///{}/", encoded.join("/")).replace("file:////", "file:///")
}

fn encode(segment: &str, also_keep: &[u8]) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) || also_keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_owned() } else { format!("{}…", s.chars().take(max - 1).collect::<String>()) }
}

fn indent(s: &str, prefix: &str) -> String {
    s.lines().collect::<Vec<_>>().join(&format!("\n{prefix}"))
}

fn fence(code: &str) -> String {
    let ticks = if code.contains("```") { "~~~~" } else { "```" };
    format!("{ticks}\n{code}\n{ticks}")
}

/// `primaryLocationLineHash` for every 1-based line of `text`, exactly as GitHub's upload-sarif
/// computes it (`src/fingerprints.ts`; ported from sarif-check's `line_hashes`): a rolling hash,
/// base 37 modulo 2^64, over the 100 UTF-16 code units starting at each line start, skipping spaces
/// and tabs, reading CR and CRLF as LF, followed by an end-of-file unit (0xFFFF) and then zeros; a
/// hash value seen before in the file gets the next `:n` count. Read the file as UTF-8 with
/// replacement characters (as upload-sarif's `utf8` stream does) before calling this.
pub fn line_hashes(text: &str) -> HashMap<usize, String> {
    const B: usize = 100;
    let first = (0..B).fold(1u64, |a, _| a.wrapping_mul(37));
    let mut window = [0u64; B];
    let mut starts = [0usize; B]; // the 1-based line whose window began at this slot; 0 for none
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut out = HashMap::new();
    let (mut hash, mut i, mut line, mut at_line_start, mut prev_cr) = (0u64, 0usize, 0usize, true, false);
    let units = text.encode_utf16().map(|u| (u64::from(u), true)).chain(std::iter::once((0xFFFF, true)));
    for (mut c, real) in units.chain(std::iter::repeat_n((0, false), B)) {
        if real {
            if c == 9 || c == 32 || (prev_cr && c == 10) {
                prev_cr = false;
                continue;
            }
            prev_cr = c == 13;
            if c == 13 {
                c = 10;
            }
        }
        if starts[i] != 0 {
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            out.insert(starts[i], format!("{hash:x}:{n}"));
            starts[i] = 0;
        }
        if real {
            if at_line_start {
                line += 1;
                starts[i] = line;
            }
            at_line_start = c == 10;
        }
        hash = hash.wrapping_mul(37).wrapping_add(c).wrapping_sub(first.wrapping_mul(window[i]));
        window[i] = c;
        i = (i + 1) % B;
    }
    out
}

// The serialized shape: the subset of SARIF 2.1.0 this writer emits.

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    original_uri_base_ids: BTreeMap<&'static str, BaseId>,
    column_kind: &'static str,
    results: Vec<ResultObj>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    full_name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
struct BaseId {
    uri: String,
    description: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    help: Help,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "security-severity")]
    security_severity: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultObj {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SuppressionObj>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<FixObj>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    category: &'static str,
    service: &'static str,
    credential_kind: &'static str,
    source: String,
    roles: Vec<String>,
}

#[derive(Serialize)]
struct SuppressionObj {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixObj {
    description: Text,
    artifact_changes: Vec<ArtifactChangeObj>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChangeObj {
    artifact_location: ArtifactLocation,
    replacements: Vec<ReplacementObj>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReplacementObj {
    deleted_region: Region,
    inserted_content: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(relative_uri("./src/app.py"), "src/app.py");
        assert_eq!(relative_uri("a b\\ü:x#1.cs"), "a%20b/%C3%BC%3Ax%231.cs");
    }

    #[test]
    fn line_hash_counts_repeats_and_reads_crlf_as_lf() {
        let lf = line_hashes("a\nb\na\n");
        let crlf = line_hashes("a\r\nb\r\n  a\r\n");
        assert_eq!(lf, crlf);
        assert_eq!(lf.len(), 4); // three lines and the empty one after the last newline
        assert!(lf[&1].ends_with(":1"));
    }
}
