//! Unified diffs (git style, 1-based hunk headers) from `similar`, optionally coloured.

use console::Style;
use similar::TextDiff;

/// A diff never shows a secret: the lines it removes are the user's own, but a diff ends up in
/// terminals, CI logs and pull-request comments. `known` are the values the scan found.
pub fn unified(path: &str, old: &str, new: &str, color: bool, known: &[String]) -> String {
    let diff = TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    let redactor = crate::secrets::Redactor::new(known);
    let text: String = text.lines().map(|l| crate::scan::redact_all_with(l, &redactor) + "\n").collect();
    if !color {
        return text;
    }
    let (add, del, hunk, head) = (
        Style::new().green().force_styling(true),
        Style::new().red().force_styling(true),
        Style::new().cyan().force_styling(true),
        Style::new().bold().force_styling(true),
    );
    text.lines()
        .map(|l| {
            if l.starts_with("+++") || l.starts_with("---") {
                head.apply_to(l).to_string()
            } else if l.starts_with('+') {
                add.apply_to(l).to_string()
            } else if l.starts_with('-') {
                del.apply_to(l).to_string()
            } else if l.starts_with("@@") {
                hunk.apply_to(l).to_string()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
