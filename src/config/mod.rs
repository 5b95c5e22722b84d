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
