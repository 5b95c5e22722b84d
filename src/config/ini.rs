//! INI files an app reads with `configparser` (Python) or an INI library (`config.ini`, `app.ini`,
//! alembic's `sqlalchemy.url`): `[section]` headers and `key = value` / `key: value` pairs, read line
//! by line. Values are plain text (quotes are part of them, as configparser keeps them); `;` and `#`
//! start comment lines; indented continuation lines are skipped.

use super::Entry;

pub fn read(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut section = String::new();
    for (line_start, body) in super::lines(text) {
        let trimmed = body.trim_start();
        // Blank lines, comments, and continuation lines of a multi-line value.
        if trimmed.is_empty() || trimmed.starts_with([';', '#']) || trimmed.len() != body.len() {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            section = header.split(']').next().unwrap_or("").trim().to_owned();
            continue;
        }
        let Some(sep) = trimmed.find(['=', ':']) else { continue };
        let key = trimmed[..sep].trim();
        if key.is_empty() || key.contains(' ') && !key.contains('.') {
            continue;
        }
        let raw = &trimmed[sep + 1..];
        let value = raw.trim();
        if value.is_empty() {
            continue;
        }
        let value_start = line_start + sep + 1 + (raw.len() - raw.trim_start().len());
        let full = if section.is_empty() { key.to_owned() } else { format!("{section}:{key}") };
        out.push(Entry { key: full, value: value.to_owned(), span: value_start..value_start + value.len() });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sections_pairs_and_spans() {
        let text = "; comment\n[redis]\nhost = cache.redis.cache.windows.net\npassword = Tx87AuZv3r6gQ=\n\n[db]\nurl: postgresql://u:p@h/d\n  continued\n";
        let e = super::read(text);
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["redis:host", "redis:password", "db:url"]);
        assert_eq!(&text[e[1].span.clone()], "Tx87AuZv3r6gQ=");
        assert_eq!(e[2].value, "postgresql://u:p@h/d");
    }
}
