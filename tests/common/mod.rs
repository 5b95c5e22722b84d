//! Helpers shared by the integration tests.
#![allow(dead_code)]

use secretless::{Finding, ScanOptions};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn scan(path: &Path) -> Vec<Finding> {
    secretless::scan(&[path.to_path_buf()], &ScanOptions::default()).expect("scan runs").findings
}

/// One line per finding, for snapshots: stable, redacted, no absolute paths.
pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{} {} {} {} {} source={}{}\n    {}\n",
            f.path,
            f.start.line,
            f.start.column,
            f.rule,
            f.category.as_str(),
            f.service,
            f.credential_kind,
            f.source,
            if f.roles.is_empty() { String::new() } else { format!(" roles=[{}]", f.roles.join(", ")) },
            f.redacted.replace('\n', "\n    "),
        ));
    }
    out
}

/// The secretless binary built for this test run.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_secretless"))
}

/// Copy a directory tree (fixtures into a temp dir the test may modify).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}
