//! `secretless.toml`: per-repository settings (design.md "Common flags": `--config FILE`, default
//! `secretless.toml` at the scanned root, optional).
//!
//! ```toml
//! exclude = ["tests/fixtures/**", "docs/**"]      # gitignore-style globs, like --exclude
//! placeholders = ["^dev-only-", "(?i)not-a-key"]   # extra regexes for values that are not secrets
//! fail-on = "secret"                               # secret | auth | none (the CLI flag wins)
//!
//! [rules]
//! disable = ["SL106"]                              # ids or names
//! # enable = ["SL101", "SL201"]                    # if given, only these rules report
//!
//! [rules.severity]
//! SL201 = "error"                                  # error | warning | note
//! ```
//!
//! Every table denies unknown keys, and every rule id and regex is checked, so a typo is an error that
//! names the file, line and column (issue 4: "Unknown keys are an error with the file and line")
//! instead of a setting that silently does nothing.

use crate::finding::{Category, Finding};
use crate::rules::{self, Rule};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The settings file's name, looked up at the scanned root.
pub const FILE_NAME: &str = "secretless.toml";

/// How loudly a finding is reported: SARIF `level`, GitHub workflow command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    /// Secrets are errors, secret-based authentication (the migration backlog) is a warning.
    pub fn default_for(category: Category) -> Level {
        match category {
            Category::Secret => Level::Error,
            Category::Auth => Level::Warning,
        }
    }

    /// The SARIF `level` value.
    pub fn as_sarif(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }

    /// The GitHub Actions workflow command (`::error`, `::warning`, `::notice`).
    pub fn github_command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        }
    }
}

/// Which findings make `scan` exit 1. Ordered from strictest to most lenient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    /// Only hard-coded secrets fail the run.
    Secret,
    /// Any finding fails the run (secrets and secret-based authentication).
    Auth,
    /// Never fail because of findings.
    None,
}

impl FailOn {
    /// True when `f` makes the run fail. Suppressed findings never do.
    pub fn fails(self, f: &Finding) -> bool {
        f.suppressed.is_none()
            && match self {
                FailOn::Secret => f.category == Category::Secret,
                FailOn::Auth => true,
                FailOn::None => false,
            }
    }
}

/// Validated settings. `Settings::default()` is "no settings file".
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The file these settings came from (for messages).
    pub path: Option<PathBuf>,
    /// Gitignore-style globs to skip, relative to the scanned root: append them to
    /// `WalkOptions::excludes` (the walker applies them; [`Settings::apply`] does not).
    pub exclude: Vec<String>,
    /// Extra placeholder patterns: a secret finding whose every secret value matches one is dropped.
    pub placeholders: Vec<regex::Regex>,
    /// `fail-on` from the file; the `--fail-on` flag, when given, wins.
    pub fail_on: Option<FailOn>,
    /// When set, only these rule ids report.
    pub enable: Option<BTreeSet<&'static str>>,
    /// Rule ids that never report.
    pub disable: BTreeSet<&'static str>,
    /// Per-rule level overrides.
    pub severity: BTreeMap<&'static str, Level>,
}

/// What a settings file may hold, for the messages about a file that does not.
const SHAPE: &str = "secretless.toml takes exclude = [\"glob\", ...], placeholders = [\"regex\", ...], \
fail-on = \"secret\" | \"auth\" | \"none\", and under [rules]: enable = [\"SL101\", ...], disable = [...], \
and [rules.severity] SL201 = \"error\" | \"warning\" | \"note\"";

/// A settings file that cannot be used. The message always names the file.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read settings file {}: {source} (check that it exists and is a readable file; --config FILE names another settings file)", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Bad TOML, an unknown key, a wrong type, an unknown rule id or an invalid regex.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSettings {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    placeholders: Vec<Spanned<String>>,
    #[serde(default)]
    fail_on: Option<FailOn>,
    #[serde(default)]
    rules: RawRules,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    enable: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Level>,
}

/// `secretless.toml` in `root` (or beside `root` when it is a file), if there is one.
pub fn find(root: &Path) -> Option<PathBuf> {
    let dir = if root.is_file() { root.parent()? } else { root };
    let p = dir.join(FILE_NAME);
    p.is_file().then_some(p)
}

/// Read and validate a settings file.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Io { path: path.to_path_buf(), source })?;
    parse(&text, path)
}

/// Validate settings text; `path` is only used in messages and [`Settings::path`].
pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        SettingsError::Invalid { path: path.to_path_buf(), line, column, message }
    };
    let raw: RawSettings =
        toml::from_str(text).map_err(|e| at(e.span().map_or(0, |s| s.start), format!("{} ({SHAPE})", e.message().trim())))?;
    let rule = |s: &Spanned<String>| -> Result<&'static Rule, SettingsError> {
        rules::find(s.get_ref())
            .ok_or_else(|| at(s.span().start, format!("unknown rule `{}`: run `secretless rules` for the list", s.get_ref())))
    };
    for g in &raw.exclude {
        crate::walk::check_glob(g.get_ref()).map_err(|e| at(g.span().start, format!("exclude: {e}")))?;
    }
    let exclude = raw.exclude.into_iter().map(Spanned::into_inner).collect();
    let mut settings = Settings { path: Some(path.to_path_buf()), exclude, fail_on: raw.fail_on, ..Settings::default() };
    for p in &raw.placeholders {
        let re = regex::Regex::new(p.get_ref())
            .map_err(|e| at(p.span().start, format!("invalid placeholder regex (a regular expression, e.g. \"^dev-\"): {e}")))?;
        settings.placeholders.push(re);
    }
    if let Some(enable) = &raw.rules.enable {
        settings.enable = Some(enable.iter().map(|s| rule(s).map(|r| r.id)).collect::<Result<_, _>>()?);
    }
    for s in &raw.rules.disable {
        settings.disable.insert(rule(s)?.id);
    }
    for (s, level) in &raw.rules.severity {
        settings.severity.insert(rule(s)?.id, *level);
    }
    Ok(settings)
}

impl Settings {
    /// Does rule `id` report at all?
    pub fn rule_enabled(&self, id: &str) -> bool {
        !self.disable.contains(id) && self.enable.as_ref().is_none_or(|e| e.contains(id))
    }

    /// The configured level of a rule (the override, else its category's default).
    pub fn rule_level(&self, rule: &Rule) -> Level {
        self.severity.get(rule.id).copied().unwrap_or_else(|| Level::default_for(rule.category))
    }

    /// The level a finding is reported at.
    pub fn level(&self, f: &Finding) -> Level {
        self.severity.get(f.rule.as_str()).copied().unwrap_or_else(|| Level::default_for(f.category))
    }

    /// True when a value matches one of the extra placeholder patterns (anywhere in the value:
    /// anchor the regex with `^…$` to match whole values).
    pub fn is_placeholder(&self, value: &str) -> bool {
        self.placeholders.iter().any(|re| re.is_match(value))
    }

    /// Drop findings of disabled rules and secret findings whose secrets are all placeholders.
    /// Auth findings stay even when their literal is a placeholder: the code still authenticates
    /// with a secret. Excludes are the walker's job (see [`Settings::exclude`]).
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| self.rule_enabled(&f.rule))
            .filter(|f| f.category != Category::Secret || f.secrets.is_empty() || !f.secrets.iter().all(|s| self.is_placeholder(s)))
            .collect()
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, Path::new("secretless.toml")).unwrap_err().to_string()
    }

    #[test]
    fn full_file_parses() {
        let s = parse(
            "exclude = [\"tests/**\"]\nplaceholders = [\"^dev-\"]\nfail-on = \"secret\"\n\n[rules]\ndisable = [\"SL106\", \"database-password\"]\n\n[rules.severity]\nSL201 = \"error\"\n",
            Path::new("secretless.toml"),
        )
        .unwrap();
        assert_eq!(s.exclude, ["tests/**"]);
        assert_eq!(s.fail_on, Some(FailOn::Secret));
        assert!(!s.rule_enabled("SL106") && !s.rule_enabled("SL107") && s.rule_enabled("SL101"));
        assert_eq!(s.rule_level(rules::find("SL201").unwrap()), Level::Error);
        assert_eq!(s.rule_level(rules::find("SL202").unwrap()), Level::Warning);
        assert!(s.is_placeholder("dev-123") && !s.is_placeholder("prod-123"));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        assert!(err("exclude = []\n\n[rules]\ndisabled = [\"SL106\"]\n").starts_with("secretless.toml:4:1: unknown field `disabled`"));
        assert!(err("[rules]\ndisable = [\"SL999\"]\n").starts_with("secretless.toml:2:12: unknown rule `SL999`"));
        assert!(err("[rules.severity]\nSL201 = \"critical\"\n").starts_with("secretless.toml:2:9: unknown variant `critical`"));
        assert!(err("[rules.severity]\nSL9 = \"error\"\n").starts_with("secretless.toml:2:1: unknown rule `SL9`"));
        assert!(err("placeholders = [\"(\"]\n").starts_with("secretless.toml:1:17: invalid placeholder regex"));
        assert!(err("fail-on = \"sometimes\"\n").starts_with("secretless.toml:1:11:"));
        assert!(err("exclude = [\n").starts_with("secretless.toml:"));
    }
}
