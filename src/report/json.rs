//! `--format json`: `{ "version", "findings": [...], "summary" }`.

use crate::finding::{Category, Finding};
use std::io::Write;

pub fn write(findings: &[Finding], w: &mut dyn Write) -> std::io::Result<()> {
    let secrets = findings.iter().filter(|f| f.category == Category::Secret).count();
    let doc = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "findings": findings,
        "summary": { "findings": findings.len(), "secret": secrets, "auth": findings.len() - secrets },
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
