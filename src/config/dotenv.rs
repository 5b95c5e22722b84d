//! `.env` files: `KEY=value`, `export KEY="value"`, `#` comments.

use super::Entry;

pub fn read(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for (line_start, body) in super::lines(text) {
        let trimmed = body.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let lead = body.len() - trimmed.len();
        let decl = trimmed.strip_prefix("export ").unwrap_or(trimmed);
        let decl_start = line_start + lead + (trimmed.len() - decl.len());
        let Some(eq) = decl.find('=') else { continue };
        let key = decl[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-') {
            continue;
        }
        let raw = &decl[eq + 1..];
        let ws = raw.len() - raw.trim_start().len();
        let mut vstart = decl_start + eq + 1 + ws;
        let mut value = raw.trim();
        if let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
            if let Some(close) = value[1..].find(q) {
                value = &value[1..1 + close];
                vstart += 1;
            }
        } else if let Some(hash) = value.find(" #") {
            value = value[..hash].trim_end();
        }
        // A JSON object as the value (Airflow's `AIRFLOW_CONN_X='{"conn_type": "wasb", "password": "…"}'`):
        // its members are settings too, under the variable's name.
        if value.starts_with('{') && value.ends_with('}') {
            out.extend(super::json::read(value).into_iter().map(|e| Entry {
                key: format!("{key}:{}", e.key),
                value: e.value,
                span: vstart + e.span.start..vstart + e.span.end,
            }));
        }
        out.push(Entry { key: key.to_owned(), value: value.to_owned(), span: vstart..vstart + value.len() });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_quotes_exports_and_comments() {
        let t = "# c\nexport A=\"x y\"\nB = plain # note\r\nC='q'\n";
        let e = super::read(t);
        assert_eq!(e.iter().map(|e| (e.key.as_str(), e.value.as_str())).collect::<Vec<_>>(), [("A", "x y"), ("B", "plain"), ("C", "q")]);
        assert_eq!(&t[e[1].span.clone()], "plain");
    }

    #[test]
    fn a_json_value_holds_settings() {
        let t = "AIRFLOW_CONN_FX='{\"conn_type\": \"wasb\", \"password\": \"k3y\"}'\n";
        let e = super::read(t);
        let pw = e.iter().find(|e| e.key == "AIRFLOW_CONN_FX:password").unwrap();
        assert_eq!((pw.value.as_str(), &t[pw.span.clone()]), ("k3y", "k3y"));
        assert!(e.iter().any(|e| e.key == "AIRFLOW_CONN_FX:conn_type" && e.value == "wasb"));
    }
}
