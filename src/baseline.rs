//! Baselines: accept the findings a repository has today and report only new ones (issue 4, item 4),
//! so CI can block new secrets while a team migrates the old ones.
//!
//! `secretless baseline` writes [`write`]'s file; `scan --baseline FILE` calls [`read`] and [`filter`].
//! The file is JSON, sorted, one entry per finding, so it diffs well in review:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "fingerprint": "81cd3e37a638406aad3af81724581f31", "rule": "SL107", "path": "Admin/Web.config" }
//!   ]
//! }
//! ```
//!
//! Matching is by `fingerprint` alone. A fingerprint hashes the rule, the path and what the finding
//! is about (the secret, or the code without whitespace) plus an occurrence count, never a line
//! number, so moving code or editing other lines does not re-alert. `rule` and `path` are there for
//! the humans reviewing the file. Suppressed findings are left out: their comment already accepts them.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
}

/// A baseline file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// The baseline of these findings (suppressed ones excluded), sorted by path, rule, fingerprint.
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(|f| Entry { fingerprint: f.fingerprint.clone(), rule: f.rule.clone(), path: f.path.clone() })
            .collect();
        entries.sort_by(|a, b| (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint)));
        entries.dedup();
        Baseline { version: VERSION, findings: entries }
    }

    /// Is a finding with this fingerprint accepted?
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.findings.iter().any(|e| e.fingerprint == fingerprint)
    }
}

/// A baseline file that cannot be used. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read baseline {}: {source} (check the --baseline path, or write one with `secretless baseline --output FILE`)", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: not a secretless baseline: {message} (write one with `secretless baseline`)", path.display())]
    Format { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}: baseline version {found} is not supported by this secretless (it reads version {VERSION}); regenerate it with `secretless baseline`", path.display())]
    Version { path: PathBuf, found: u32 },
}

/// Write the baseline of `findings` as pretty JSON with a trailing newline.
pub fn write(findings: &[Finding], w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &Baseline::of(findings))?;
    writeln!(w)
}

/// Read and check a baseline file.
pub fn read(path: &Path) -> Result<Baseline, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let b: Baseline = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| Error::Format {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
    })?;
    if b.version != VERSION {
        return Err(Error::Version { path: path.to_path_buf(), found: b.version });
    }
    Ok(b)
}

/// Drop the findings whose fingerprint is in the baseline.
pub fn filter(findings: Vec<Finding>, baseline: &Baseline) -> Vec<Finding> {
    let known: HashSet<&str> = baseline.findings.iter().map(|e| e.fingerprint.as_str()).collect();
    findings.into_iter().filter(|f| !known.contains(f.fingerprint.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        std::fs::write(&p, "{\"version\": 1, \"findings\": [{\"fingerprint\": \"x\"}]}").unwrap();
        let e = read(&p).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:1:", p.display())) && e.contains("missing field `rule`"), "{e}");
        std::fs::write(&p, "{\"version\": 7, \"findings\": []}").unwrap();
        assert!(read(&p).unwrap_err().to_string().contains("baseline version 7"));
        let missing = dir.path().join("none.json");
        assert!(read(&missing).unwrap_err().to_string().starts_with(&format!("cannot read baseline {}", missing.display())));
    }
}
