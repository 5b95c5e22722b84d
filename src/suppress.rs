//! Inline suppressions: `secretless:ignore <RULE> <reason>` in a comment, in the file's own syntax,
//! on the finding's start line or alone on the line above (issue 4, item 5):
//!
//! ```text
//! conn = "...AccountKey=..."  # secretless:ignore SL101 test account, key revoked 2024-05
//! // secretless:ignore storage-shared-key-auth migrating in PAY-123
//! <!-- secretless:ignore all legacy admin site, decommissioned in Q3 -->
//! ```
//!
//! `<RULE>` is a rule id (`SL101`), a rule name (`storage-account-key`), a comma-separated list of
//! them, or `all`. The reason is required: it is what a reviewer reads in `--format json` and in
//! SARIF's `suppressions[].justification`. A directive without a reason, or naming a rule that does
//! not exist, suppresses nothing and comes back as a [`Problem`]: the CLI prints each one as a
//! diagnostic and exits 1, so an unexplained exception can never slip into a repository.
//!
//! Comment markers by file kind: `#` for Python, `.env`, YAML, TOML and shell; `//` or `/* */` for C#,
//! JavaScript/TypeScript and JSON (appsettings.json is JSONC); `<!-- -->` for `.config`, XML and
//! MSBuild files. A directive on the line above only counts when that line is nothing but the
//! comment, so a trailing directive never leaks onto the next line. Matching is textual (the config
//! formats have no syntax tree here): a marker must come right before `secretless:ignore`.

use crate::finding::{Finding, Suppression};
use crate::rules;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The directive's keyword.
pub const KEYWORD: &str = "secretless:ignore";

/// How comments are written in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentSyntax {
    /// `# ...`
    Hash,
    /// `// ...` and `/* ... */`
    Slash,
    /// `<!-- ... -->`
    Xml,
}

impl CommentSyntax {
    fn openers(self) -> &'static [&'static str] {
        match self {
            CommentSyntax::Hash => &["#"],
            CommentSyntax::Slash => &["//", "/*"],
            CommentSyntax::Xml => &["<!--"],
        }
    }

    /// How a directive is written in this syntax (for messages).
    pub fn example(self, rule: &str) -> String {
        match self {
            CommentSyntax::Hash => format!("# {KEYWORD} {rule} <reason>"),
            CommentSyntax::Slash => format!("// {KEYWORD} {rule} <reason>"),
            CommentSyntax::Xml => format!("<!-- {KEYWORD} {rule} <reason> -->"),
        }
    }
}

/// The comment syntax of a path (relative or absolute, `/` or `\` separators), or `None` for files
/// that cannot carry a suppression.
pub fn syntax_for(path: &str) -> Option<CommentSyntax> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    if name == ".env" || name.starts_with(".env.") || name == "dockerfile" {
        return Some(CommentSyntax::Hash);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "py" | "pyi" | "env" | "yaml" | "yml" | "toml" | "sh" | "bash" | "ps1" | "psm1" | "properties" | "cfg" | "conf" | "rb" | "tf"
        | "tfvars" => CommentSyntax::Hash,
        "cs" | "csx" | "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" | "json" | "jsonc" | "bicep" | "bicepparam" | "java"
        | "go" | "kt" => CommentSyntax::Slash,
        "config" | "xml" | "csproj" | "vbproj" | "fsproj" | "props" | "targets" | "resx" | "html" | "htm" => CommentSyntax::Xml,
        _ => return None,
    })
}

/// A directive that cannot be honoured. Print as a diagnostic (`Display` gives `path:line: message`)
/// and exit 1.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Which rules a directive names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rules {
    All,
    Some(BTreeSet<&'static str>),
}

/// A well-formed directive.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    line: usize,
    rules: Rules,
    reason: String,
    /// The comment is the whole line, so the directive also covers the next line.
    alone: bool,
}

impl Directive {
    fn covers(&self, rule: &str) -> bool {
        match &self.rules {
            Rules::All => true,
            Rules::Some(ids) => ids.contains(rule),
        }
    }
}

/// Mark the findings of file `path` (its text is `text`) that a directive suppresses. Findings of
/// other files are left alone, so all findings can be passed. Returns the directives of this file
/// that suppress nothing because they are malformed (no rule, unknown rule, no reason).
pub fn apply(findings: &mut [Finding], path: &str, text: &str) -> Vec<Problem> {
    let Some(syntax) = syntax_for(path) else { return Vec::new() };
    if !text.contains(KEYWORD) {
        return Vec::new();
    }
    let mut directives = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match parse_line(line, i + 1, syntax) {
            None => {}
            Some(Ok(d)) => directives.push(d),
            Some(Err(message)) => problems.push(Problem { path: path.to_owned(), line: i + 1, message }),
        }
    }
    for f in findings.iter_mut().filter(|f| f.path == path && f.suppressed.is_none()) {
        let line = f.start.line;
        let found = directives
            .iter()
            .filter(|d| d.line == line && d.covers(&f.rule))
            .chain(directives.iter().filter(|d| d.alone && d.line + 1 == line && d.covers(&f.rule)))
            .next();
        if let Some(d) = found {
            f.suppressed = Some(Suppression { reason: d.reason.clone(), line: d.line });
        }
    }
    problems
}

/// [`apply`] for every file that has findings, reading it from disk under `root`: the scanned
/// directory (finding paths are relative to it), or the current directory when several paths were
/// scanned (their findings' paths then start with the path given). Files that cannot be read are
/// skipped: the scan has already reported them.
pub fn apply_all(findings: &mut [Finding], root: &Path) -> Vec<Problem> {
    let paths: BTreeSet<String> = findings.iter().map(|f| f.path.clone()).collect();
    let mut problems = Vec::new();
    for rel in paths {
        if syntax_for(&rel).is_none() {
            continue;
        }
        let Ok(bytes) = std::fs::read(file_of(root, &rel)) else { continue };
        let text = crate::text::decode(&bytes).text;
        problems.extend(apply(findings, &rel, &text));
    }
    problems
}

/// The file on disk a finding path refers to, given the scanned root (a file root's findings are
/// named by the file name alone).
pub fn file_of(root: &Path, rel: &str) -> PathBuf {
    match root.parent() {
        Some(parent) if root.is_file() => parent.join(rel),
        _ => root.join(rel),
    }
}

/// `None` when the line holds no directive; `Some(Err(message))` for a malformed one.
fn parse_line(line: &str, number: usize, syntax: CommentSyntax) -> Option<Result<Directive, String>> {
    let at = line.find(KEYWORD)?;
    let before = &line[..at];
    let (opener_at, opener) = syntax
        .openers()
        .iter()
        .filter_map(|o| before.rfind(o).map(|i| (i, *o)))
        .filter(|(i, o)| before[i + o.len()..].trim().is_empty())
        .max_by_key(|(i, _)| *i)?;
    let mut rest = &line[at + KEYWORD.len()..];
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None; // `secretless:ignored`, `secretless:ignore-next`: not ours
    }
    let closer = match opener {
        "<!--" => Some("-->"),
        "/*" => Some("*/"),
        _ => None,
    };
    if let Some(c) = closer.and_then(|c| rest.find(c)) {
        rest = &rest[..c];
    }
    let rest = rest.trim();
    let (selector, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let reason = reason.trim().trim_start_matches([':', '-', '—', '–']).trim();
    if selector.is_empty() {
        return Some(Err(format!(
            "`{KEYWORD}` names no rule and suppresses nothing: write `{}` (a rule id or name, or `all`)",
            syntax.example("SL101")
        )));
    }
    let rules = if selector.eq_ignore_ascii_case("all") {
        Rules::All
    } else {
        let mut ids = BTreeSet::new();
        for s in selector.split(',').filter(|s| !s.is_empty()) {
            match rules::find(s) {
                Some(r) => {
                    ids.insert(r.id);
                }
                None => {
                    return Some(Err(format!(
                        "`{KEYWORD} {selector}`: unknown rule `{s}`, so it suppresses nothing: run `secretless rules` for the list"
                    )));
                }
            }
        }
        Rules::Some(ids)
    };
    if reason.is_empty() {
        return Some(Err(format!(
            "`{KEYWORD} {selector}` has no reason, so it suppresses nothing: say why the finding is accepted, e.g. `{}`",
            syntax.example(&format!("{selector} test account, key revoked"))
        )));
    }
    let alone = line[..opener_at].trim().is_empty();
    Some(Ok(Directive { line: number, rules, reason: reason.to_owned(), alone }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str, syntax: CommentSyntax) -> Option<Result<Directive, String>> {
        parse_line(line, 1, syntax)
    }

    #[test]
    fn directives_in_each_syntax() {
        let d = parse("x = 1  # secretless:ignore SL101 test key, revoked", CommentSyntax::Hash).unwrap().unwrap();
        assert_eq!((d.reason.as_str(), d.alone, d.covers("SL101"), d.covers("SL201")), ("test key, revoked", false, true, false));
        let d = parse("  // secretless:ignore storage-shared-key-auth,SL101 — migrating", CommentSyntax::Slash).unwrap().unwrap();
        assert!(d.alone && d.covers("SL201") && d.covers("SL101") && d.reason == "migrating");
        let d = parse("<!-- secretless:ignore all legacy site -->", CommentSyntax::Xml).unwrap().unwrap();
        assert!(d.covers("SL213") && d.reason == "legacy site");
        let d = parse("/* secretless:ignore SL101 demo */ var x = 1;", CommentSyntax::Slash).unwrap().unwrap();
        assert_eq!(d.reason, "demo");
    }

    #[test]
    fn not_directives() {
        assert!(parse("x = \"secretless:ignore SL101 r\"", CommentSyntax::Hash).is_none());
        assert!(parse("# secretless:ignore SL101 r", CommentSyntax::Slash).is_none());
        assert!(parse("//! mentions `secretless:ignore SL101 r` in docs", CommentSyntax::Slash).is_none());
        assert!(parse("# secretless:ignored SL101 r", CommentSyntax::Hash).is_none());
    }

    #[test]
    fn malformed_directives_are_problems() {
        let e = parse("# secretless:ignore SL101", CommentSyntax::Hash).unwrap().unwrap_err();
        assert!(e.contains("has no reason"), "{e}");
        let e = parse("<!-- secretless:ignore SL101 -->", CommentSyntax::Xml).unwrap().unwrap_err();
        assert!(e.contains("has no reason") && e.contains("<!-- secretless:ignore SL101 test account"), "{e}");
        let e = parse("// secretless:ignore", CommentSyntax::Slash).unwrap().unwrap_err();
        assert!(e.contains("names no rule"), "{e}");
        let e = parse("# secretless:ignore SL999 because", CommentSyntax::Hash).unwrap().unwrap_err();
        assert!(e.contains("unknown rule `SL999`"), "{e}");
    }

    #[test]
    fn syntax_by_file_kind() {
        assert_eq!(syntax_for("a/b/app.py"), Some(CommentSyntax::Hash));
        assert_eq!(syntax_for(".env"), Some(CommentSyntax::Hash));
        assert_eq!(syntax_for("web/.env.local"), Some(CommentSyntax::Hash));
        assert_eq!(syntax_for("prod.env"), Some(CommentSyntax::Hash));
        assert_eq!(syntax_for("Program.cs"), Some(CommentSyntax::Slash));
        assert_eq!(syntax_for("appsettings.Development.json"), Some(CommentSyntax::Slash));
        assert_eq!(syntax_for("Admin\\Web.config"), Some(CommentSyntax::Xml));
        assert_eq!(syntax_for("notes.ipynb"), None);
    }
}
