//! Config files: appsettings*.json / local.settings.json (JSON with comments), `.env`, web.config /
//! app.config (XML). Each reader turns a file into flat [`Entry`]s (key path, value, value span), so
//! secret detection and cross-file lookups (`Configuration["X"]` in code → the value in
//! appsettings.json) share one representation.
//!
//! The readers are hand-written, iterative tokenizers: they must keep byte spans, accept JSON
//! comments and trailing commas (ASP.NET does), and never recurse (a hostile 20,000-deep JSON file
//! must not overflow the stack).

pub mod dotenv;
pub mod json;
pub mod xml;

use std::collections::HashMap;
use std::ops::Range;

/// One setting: `ConnectionStrings:Storage` = `DefaultEndpointsProtocol=...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Path with `:` separators, as ASP.NET configuration spells it (`Values:AzureWebJobsStorage`).
    pub key: String,
    /// The value, unescaped.
    pub value: String,
    /// Span of the raw value in the file text (inside quotes).
    pub span: Range<usize>,
}

impl Entry {
    /// The last path segment (`AzureWebJobsStorage`).
    pub fn name(&self) -> &str {
        self.key.rsplit(':').next().unwrap_or(&self.key)
    }
}

/// Key path segments a message shows: deeper paths show their last ones after `…:`.
const SHOWN_SEGMENTS: usize = 4;
/// Characters of a key path a message shows (one huge segment is cut too).
const SHOWN_CHARS: usize = 80;

/// A key path as messages show it: whole when short (`ConnectionStrings:Storage`), else its last
/// [`SHOWN_SEGMENTS`] segments (`…:Azure:Storage:Primary:Key`), and never more than [`SHOWN_CHARS`]
/// characters. A secret 20,000 objects deep in a JSON file would otherwise get a 40 KB message.
pub fn shown_key(key: &str) -> std::borrow::Cow<'_, str> {
    let mut tail = key;
    let mut cut = false;
    if let Some((i, _)) = key.rmatch_indices(':').nth(SHOWN_SEGMENTS - 1) {
        tail = &key[i..];
        cut = true;
    }
    let n = tail.chars().count();
    if n > SHOWN_CHARS {
        let skip = tail.char_indices().nth(n - SHOWN_CHARS).map_or(0, |(i, _)| i);
        tail = &tail[skip..];
        cut = true;
    }
    if cut { format!("…{tail}").into() } else { tail.into() }
}

/// Settings from every config file in the scan, for resolving `config:KEY` / `env:NAME` in code.
#[derive(Debug, Default)]
pub struct ConfigIndex {
    /// Every value each key has across the repository's config files (appsettings.json and
    /// appsettings.Development.json may disagree).
    values: HashMap<String, Vec<String>>,
}

impl ConfigIndex {
    /// Register a file's entries under every name code may use for them.
    pub fn add(&mut self, entries: &[Entry]) {
        for e in entries {
            let mut keys = vec![e.key.clone()];
            // local.settings.json "Values" become environment variables; `__` is the section separator.
            if let Some(rest) = e.key.strip_prefix("Values:") {
                keys.push(rest.to_owned());
                keys.push(rest.replace("__", ":"));
            }
            keys.push(e.key.replace(':', "__"));
            if let Some(rest) = e.key.strip_prefix("ConnectionStrings:") {
                keys.push(format!("CUSTOMCONNSTR_{rest}"));
                keys.push(format!("SQLAZURECONNSTR_{rest}"));
            }
            for k in keys {
                let v = self.values.entry(k.to_ascii_lowercase()).or_default();
                if !v.contains(&e.value) {
                    v.push(e.value.clone());
                }
            }
        }
    }

    /// The value of a key. Where config files disagree, the one holding a secret wins: code that
    /// reads a password in any environment authenticates with a password.
    pub fn get(&self, key: &str) -> Option<&str> {
        let values = self.values.get(&key.to_ascii_lowercase())?;
        values
            .iter()
            .find(|v| !crate::connstr::find_secrets(v).is_empty())
            .or_else(|| values.iter().find(|v| !crate::secrets::is_placeholder(v)))
            .or(values.first())
            .map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10: a secret deep in JSON gets a message with the last few segments of its key path.
    #[test]
    fn issue_10_messages_show_the_last_segments_of_a_deep_key() {
        assert_eq!(shown_key("ConnectionStrings:Storage"), "ConnectionStrings:Storage");
        assert_eq!(shown_key("a:b:c:d"), "a:b:c:d");
        assert_eq!(shown_key("a:b:c:d:e"), "…:b:c:d:e");
        let deep = format!("{}Storage", "a:".repeat(19_999));
        assert_eq!(shown_key(&deep), "…:a:a:a:Storage");
        let long = "k".repeat(500);
        assert_eq!(shown_key(&format!("x:{long}")), format!("…{}", "k".repeat(80)));
        assert_eq!(shown_key(&"é".repeat(100)), format!("…{}", "é".repeat(80)));
    }
}
