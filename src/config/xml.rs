//! web.config / app.config: `<connectionStrings><add name=".." connectionString=".."/>`,
//! `<appSettings><add key=".." value=".."/>` and any other attribute or element text.
//! A tag/attribute tokenizer rather than a DOM: it keeps byte spans, survives malformed files and
//! still reads secrets left in commented-out elements (they are in the repository all the same).

use super::Entry;
use regex::Regex;
use std::sync::LazyLock;

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<([A-Za-z_][\w:.-]*)(\s[^<>]*?)?/?>").unwrap());
static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).unwrap());
static TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<([A-Za-z_][\w:.-]*)[^<>]*>([^<]+)</").unwrap());

pub fn read(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for tag in TAG.captures_iter(text) {
        let Some(attrs) = tag.get(2) else { continue };
        let element = &tag[1];
        let mut pairs = Vec::new();
        for a in ATTR.captures_iter(attrs.as_str()) {
            let m = a.get(2).or(a.get(3)).unwrap();
            let start = attrs.start() + m.start();
            pairs.push((a[1].to_owned(), unescape(m.as_str()), start..start + m.len()));
        }
        let lookup = |n: &str| pairs.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(n)).map(|(_, v, _)| v.clone());
        let name = lookup("name").or(lookup("key"));
        for (attr, value, span) in &pairs {
            let lower = attr.to_ascii_lowercase();
            if lower == "name" || lower == "key" {
                continue;
            }
            let key = match (&name, lower.as_str()) {
                (Some(n), "connectionstring") => format!("ConnectionStrings:{n}"),
                (Some(n), "value") => n.clone(),
                (Some(n), _) => format!("{n}:{attr}"),
                (None, _) => format!("{element}:{attr}"),
            };
            out.push(Entry { key, value: value.clone(), span: span.clone() });
        }
    }
    for t in TEXT.captures_iter(text) {
        let m = t.get(2).unwrap();
        if m.as_str().trim().is_empty() {
            continue;
        }
        let lead = m.as_str().len() - m.as_str().trim_start().len();
        let v = m.as_str().trim();
        let start = m.start() + lead;
        out.push(Entry { key: t[1].to_owned(), value: unescape(v), span: start..start + v.len() });
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_connection_strings_and_app_settings() {
        let t = r#"<configuration><connectionStrings><add name="Storage" connectionString="A=1;B=2" /></connectionStrings>
<appSettings><add key="ApiKey" value="abc&amp;d"/></appSettings><x><value>inner</value></x></configuration>"#;
        let e = super::read(t);
        let kv: Vec<_> = e.iter().map(|e| (e.key.as_str(), e.value.as_str())).collect();
        assert_eq!(kv, [("ConnectionStrings:Storage", "A=1;B=2"), ("ApiKey", "abc&d"), ("value", "inner")]);
        assert_eq!(&t[e[0].span.clone()], "A=1;B=2");
    }
}
