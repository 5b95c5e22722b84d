//! `--format text`: ripgrep/ruff-like blocks: `path:line:col: RULE message`, the redacted snippet,
//! the source and the roles. Colour only when asked (see `main.rs` for the auto rules).

use crate::finding::{Category, Finding};
use console::Style;
use std::io::Write;

pub fn write(findings: &[Finding], w: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let style = |s: Style| s.force_styling(color);
    let path = style(Style::new().bold());
    let secret = style(Style::new().red().bold());
    let auth = style(Style::new().yellow().bold());
    let dim = style(Style::new().dim());
    for f in findings {
        let rule = if f.category == Category::Secret { secret.apply_to(&f.rule) } else { auth.apply_to(&f.rule) };
        writeln!(w, "{}:{}:{}: {} {}", path.apply_to(&f.path), f.start.line, f.start.column, rule, f.message)?;
        for line in f.redacted.lines() {
            writeln!(w, "    {}", dim.apply_to(format!("| {line}")))?;
        }
        let mut facts = vec![format!("service: {}", f.service), format!("kind: {}", f.credential_kind)];
        if f.category == Category::Auth {
            facts.push(format!("source: {}", f.source));
        }
        if let Some(r) = &f.resource {
            facts.push(format!("resource: {r}"));
        }
        writeln!(w, "    {}", dim.apply_to(facts.join(", ")))?;
        if !f.roles.is_empty() {
            writeln!(w, "    roles: {}", f.roles.join(", "))?;
        } else if f.category == Category::Auth
            && let Some(n) = &f.roles_note
        {
            writeln!(w, "    {}", dim.apply_to(format!("roles: none inferred ({n})")))?;
        }
        if let Some(s) = &f.suppressed {
            writeln!(w, "    suppressed: {}", s.reason)?;
        }
    }
    let secrets = findings.iter().filter(|f| f.category == Category::Secret).count();
    let auths = findings.len() - secrets;
    if findings.is_empty() {
        writeln!(w, "No hard-coded secrets or secret-based authentication found.")?;
    } else {
        writeln!(w, "\n{} findings: {secrets} hard-coded secrets, {auths} places that authenticate with a secret.", findings.len())?;
    }
    Ok(())
}
