//! TOML settings files (`.streamlit/secrets.toml`, dynaconf's `settings.toml` / `.secrets.toml`):
//! `[section]` tables and `key = "value"` pairs, read line by line. Strings are what secrets are
//! written as; numbers, booleans, arrays and multi-line strings are skipped (a multi-line string's
//! lines are never read as pairs).

use super::Entry;

pub fn read(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut in_multiline: Option<&str> = None;
    for (line_start, body) in super::lines(text) {
        if let Some(delim) = in_multiline {
            if body.contains(delim) {
                in_multiline = None;
            }
            continue;
        }
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            // `[cosmos]`, `[[servers]]` (an array of tables: its keys still belong to that name).
            let name = header.trim_start_matches('[').split(']').next().unwrap_or("");
            section = name.split('.').map(|s| unquote(s.trim())).collect::<Vec<_>>().join(":");
            continue;
        }
        let Some(eq) = trimmed.find('=') else { continue };
        let key = trimmed[..eq].split('.').map(|s| unquote(s.trim())).collect::<Vec<_>>().join(":");
        if key.is_empty() {
            continue;
        }
        let raw = &trimmed[eq + 1..];
        let value_text = raw.trim_start();
        for delim in ["\"\"\"", "'''"] {
            if value_text.starts_with(delim) && !value_text[3..].contains(delim) {
                in_multiline = Some(delim);
            }
        }
        if in_multiline.is_some() {
            continue;
        }
        let Some(quote) = value_text.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        let Some(close) = value_text[1..].find(quote) else { continue };
        let value_start = line_start + (body.len() - trimmed.len()) + eq + 1 + (raw.len() - value_text.len()) + 1;
        let value = &value_text[1..1 + close];
        let key = if section.is_empty() { key } else { format!("{section}:{key}") };
        out.push(Entry { key, value: value.to_owned(), span: value_start..value_start + value.len() });
    }
    out
}

fn unquote(s: &str) -> String {
    s.trim_matches(|c| c == '"' || c == '\'').to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_tables_pairs_and_spans_and_skips_the_rest() {
        let t = "# local\nAPI_KEY = \"abc\"\nport = 8501\n\n[cosmos]\nkey = 'k=='  # emulator\n[\"my app\".db]\npassword = \"p w\"\nnotes = \"\"\"\nfake = \"x\"\n\"\"\"\n";
        let e = super::read(t);
        let pairs: Vec<(&str, &str)> = e.iter().map(|e| (e.key.as_str(), e.value.as_str())).collect();
        assert_eq!(pairs, [("API_KEY", "abc"), ("cosmos:key", "k=="), ("my app:db:password", "p w")]);
        assert!(e.iter().all(|e| t[e.span.clone()] == e.value));
    }
}
