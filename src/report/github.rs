//! `--format github`: GitHub Actions workflow commands, one annotation per finding, for a plain
//! `run:` step without code scanning:
//!
//! ```text
//! ::error file=app.py,line=4,col=8,endLine=4,endColumn=120,title=SL101 storage-account-key::Hard-coded …
//! ```
//!
//! Secrets are errors and secret-based authentication is a warning unless `secretless.toml` says
//! otherwise (`note` becomes `::notice`). Suppressed findings are not annotated. Values are escaped as
//! the Actions toolkit does (`@actions/core` `command.ts`): the message escapes `%`, `\r`, `\n`;
//! properties also escape `:` and `,`, which would otherwise end the value.

use crate::finding::Finding;
use crate::rules;
use crate::settings::Settings;
use std::io::Write;

/// Annotations with the default levels.
pub fn write(findings: &[Finding], w: &mut dyn Write) -> std::io::Result<()> {
    write_with(findings, &Settings::default(), w)
}

/// Annotations with the levels of `settings`.
pub fn write_with(findings: &[Finding], settings: &Settings, w: &mut dyn Write) -> std::io::Result<()> {
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let title = match rules::find(&f.rule) {
            Some(r) => format!("{} {}", r.id, r.name),
            None => f.rule.clone(),
        };
        writeln!(
            w,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            settings.level(f).github_command(),
            escape_property(&f.path),
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            escape_property(&title),
            escape_data(&f.message),
        )?;
    }
    Ok(())
}

/// Escape a command's message (after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A");
    }
}
