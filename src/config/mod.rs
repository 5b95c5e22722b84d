//! Config files: appsettings*.json / local.settings.json (JSON with comments), `.env`, web.config /
//! app.config (XML), TOML secrets and settings files, YAML settings an app loads itself. Each reader turns a file into flat [`Entry`]s (key path, value, value span), so
//! secret detection and cross-file lookups (`Configuration["X"]` in code → the value in
//! appsettings.json) share one representation.
//!
//! The readers are hand-written, iterative tokenizers: they must keep byte spans, accept JSON
//! comments and trailing commas (ASP.NET does), and never recurse (a hostile 20,000-deep JSON file
//! must not overflow the stack).

pub mod dotenv;
pub mod ini;
pub mod json;
pub mod toml;
pub mod xml;
pub mod yaml;

/// A text's lines without their line endings, each with the offset it starts at (the readers report
/// value spans in the file's text).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

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
    /// appsettings.Development.json may disagree), with the directory of the file that gives it.
    values: HashMap<String, Vec<(String, String)>>,
    /// Each lower-cased key as its file first spelled it.
    spelled: HashMap<String, String>,
}

impl ConfigIndex {
    /// Register the entries of a config file in directory `dir` (relative to the scan root, `/`
    /// separators, `""` for the root) under every name code may use for them.
    pub fn add(&mut self, dir: &str, entries: &[Entry]) {
        for e in entries {
            let mut keys = vec![e.key.clone()];
            // local.settings.json "Values" become environment variables; `__` is the section separator.
            if let Some(rest) = e.key.strip_prefix("Values:") {
                keys.push(rest.to_owned());
                keys.push(rest.replace("__", ":"));
            }
            keys.push(e.key.replace(':', "__"));
            // TOML and YAML sections as dotted paths: dlt's `dlt.secrets["sources.erp.credentials"]`.
            if e.key.contains(':') {
                keys.push(e.key.replace(':', "."));
            }
            // An environment variable (web.config `<environmentVariable name="ConnectionStrings__Db">`,
            // App Service settings) is read as configuration with `__` as the section separator.
            keys.push(e.key.replace("__", ":"));
            // launchSettings.json: `profiles:<name>:environmentVariables:ConnectionStrings__Db` is the
            // environment the app runs with locally.
            if let Some((_, var)) = e.key.split_once(":environmentVariables:") {
                keys.push(var.to_owned());
                keys.push(var.replace("__", ":"));
            }
            if let Some(rest) = e.key.strip_prefix("ConnectionStrings:") {
                keys.push(format!("CUSTOMCONNSTR_{rest}"));
                keys.push(format!("SQLAZURECONNSTR_{rest}"));
            }
            for k in keys {
                let lower = k.to_ascii_lowercase();
                self.spelled.entry(lower.clone()).or_insert_with(|| k.clone());
                let v = self.values.entry(lower).or_default();
                let given = (dir.to_owned(), e.value.clone());
                if !v.contains(&given) {
                    v.push(given);
                }
            }
        }
    }

    /// The settings as code in file `rel` sees them.
    pub fn scope<'a>(&'a self, rel: &'a str) -> ConfigScope<'a> {
        ConfigScope { index: self, dir: rel.rsplit_once('/').map_or("", |(d, _)| d) }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// The config index seen from one code file.
#[derive(Debug, Clone, Copy)]
pub struct ConfigScope<'a> {
    index: &'a ConfigIndex,
    dir: &'a str,
}

impl<'a> ConfigScope<'a> {
    /// The value of a key. The config files of the code's own app (in its directory or above) speak
    /// first. Where they disagree, the one holding a secret wins: code that reads a password in any
    /// environment authenticates with a password. Empty and placeholder values say nothing.
    ///
    /// When its own files do not name the key, the other config files of the scan are heard only
    /// for a value that holds a secret: a class library reads what its host project's appsettings
    /// hold, but another app of a monorepo may give the same setting name a keyless value, and that
    /// must not hide this app's secret.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let values = self.index.values.get(&key.to_ascii_lowercase())?;
        let holds_secret = |v: &&String| !crate::connstr::find_secrets(v).is_empty();
        let mut own = values.iter().filter(|(dir, _)| self.is_ancestor(dir)).map(|(_, v)| v).peekable();
        if own.peek().is_none() {
            return values.iter().map(|(_, v)| v).find(holds_secret).map(String::as_str);
        }
        let secret = own.clone().find(holds_secret);
        // Without one, a value for a deployed service outweighs the developer's (`Server=localhost`
        // in appsettings.json, `Authentication=Active Directory Default` in appsettings.Production.json).
        let usable = |v: &&String| !crate::secrets::is_placeholder(v);
        secret
            .or_else(|| own.clone().filter(usable).find(|v| !crate::connstr::points_local(v)))
            .or_else(|| own.find(usable))
            .map(String::as_str)
    }

    /// The own app's value of a key when every one it has is a placeholder (`.env.sample`'s
    /// `mongodb://<user>:<password>@<account>.mongo.cosmos.azure.com`): the shape the deployment fills in.
    pub fn sample(&self, key: &str) -> Option<&'a str> {
        let values = self.index.values.get(&key.to_ascii_lowercase())?;
        let mut own = values.iter().filter(|(dir, _)| self.is_ancestor(dir)).map(|(_, v)| v.as_str());
        let first = own.next()?;
        (crate::secrets::is_placeholder(first) && own.all(crate::secrets::is_placeholder)).then_some(first)
    }

    /// Every value the own app's settings give keys whose last path segments are `leaf`
    /// (`sqlalchemy.url` is `app:main:sqlalchemy.url` in production.ini and in development.ini;
    /// `Sql:Password` is `FleetFuel:Sql:Password`).
    pub fn values_by_leaf(&self, leaf: &str) -> Vec<&'a str> {
        let leaf = leaf.to_ascii_lowercase();
        let tail = format!(":{leaf}");
        let mut keys: Vec<&'a String> = self.index.values.keys().filter(|k| **k == leaf || k.ends_with(&tail)).collect();
        keys.sort();
        let mut out: Vec<&'a str> = Vec::new();
        for k in keys {
            for (dir, v) in &self.index.values[k] {
                if self.is_ancestor(dir) && !out.contains(&v.as_str()) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// The value of the own app's one environment setting named `<PREFIX>_<field>`: pydantic-settings
    /// reads field `redis_url` of a `BaseSettings` with `env_prefix="HELPDESK_"` from `HELPDESK_REDIS_URL`.
    /// `None` when no setting or several with different values end so.
    pub fn by_env_suffix(&self, field: &str) -> Option<&'a str> {
        let suffix = format!("_{}", field.to_ascii_lowercase());
        let mut found = self
            .index
            .values
            .iter()
            .filter(|(k, _)| !k.contains(':') && k.ends_with(&suffix))
            .flat_map(|(_, vs)| vs.iter().filter(|(dir, _)| self.is_ancestor(dir)).map(|(_, v)| v.as_str()))
            .filter(|v| !crate::secrets::is_placeholder(v));
        let first = found.next()?;
        found.all(|v| v == first).then_some(first)
    }

    /// The own app's connection strings to `service`: those that sign in with a password, one
    /// `(key, value)` per distinct value, and the keys of those that sign in without one. What a helper's
    /// `new SqlConnection(connectionString)` parameter is filled with when its callers are in other files.
    pub fn database_connection_strings(&self, service: crate::finding::Service) -> (Vec<(&'a str, &'a str)>, Vec<&'a str>) {
        let mut out: Vec<(&'a str, &'a str)> = Vec::new();
        let mut passwordless: Vec<(&'a str, &'a str)> = Vec::new();
        // `ConnectionStrings:Billing` before the other names of the same value (`DATABASE_URL`, `Values:Db`).
        let mut keys: Vec<&'a String> = self.index.values.keys().collect();
        keys.sort_by_key(|k| (!k.starts_with("connectionstrings:"), k.contains("__"), k.len(), k.as_str()));
        for k in keys {
            for (dir, v) in &self.index.values[k] {
                let info = crate::connstr::classify(v);
                let password = crate::connstr::find_secrets(v)
                    .iter()
                    .any(|h| h.kind == crate::finding::CredentialKind::Password && !crate::secrets::is_placeholder(&h.value));
                // `Server=localhost,1433` (Development): the developer's database, not the app's.
                let local = crate::connstr::resource_is_local(&info);
                if !self.is_ancestor(dir) || local || info.service != Some(service) {
                    continue;
                }
                if info.passwordless {
                    if !passwordless.iter().any(|(_, o)| o == v) {
                        passwordless.push((self.index.spelled.get(k).unwrap_or(k).as_str(), v.as_str()));
                    }
                } else if password && !out.iter().any(|(_, o)| o == v) {
                    out.push((self.index.spelled.get(k).unwrap_or(k).as_str(), v.as_str()));
                }
            }
        }
        (out, passwordless.into_iter().map(|(k, _)| k).collect())
    }

    /// Does a config file of the code's own app (its directory or above) name this key, whatever its
    /// value? A placeholder password in `config/development.json` still says the section carries a
    /// password in production.
    /// The value of `key` that holds a secret: the own app's, else another app's of the tree (an
    /// orchestrator such as a .NET Aspire AppHost fills a service's `ConnectionStrings` from its own
    /// settings, while the service's files hold placeholders).
    pub fn secret_anywhere(&self, key: &str) -> Option<&'a str> {
        let values = self.index.values.get(&key.to_ascii_lowercase())?;
        let holds_secret = |v: &&String| !crate::connstr::find_secrets(v).is_empty();
        let own = values.iter().filter(|(dir, _)| self.is_ancestor(dir)).map(|(_, v)| v).find(holds_secret);
        own.or_else(|| values.iter().map(|(_, v)| v).find(holds_secret)).map(String::as_str)
    }

    /// Does only another project of the scan give this key a value, and does every such value sign in
    /// without a secret (an Aspire AppHost's `ConnectionStrings:ordersdb` with `Authentication=Active
    /// Directory Default`, which the service project reads)?
    pub fn only_passwordless_elsewhere(&self, key: &str) -> bool {
        let Some(values) = self.index.values.get(&key.to_ascii_lowercase()) else { return false };
        !values.is_empty()
            && !values.iter().any(|(dir, _)| self.is_ancestor(dir))
            && values.iter().all(|(_, v)| crate::connstr::classify(v).passwordless)
    }

    pub fn defines(&self, key: &str) -> bool {
        self.index.values.get(&key.to_ascii_lowercase()).is_some_and(|values| values.iter().any(|(dir, _)| self.is_ancestor(dir)))
    }

    /// Is `dir` the code's own app's: its directory or one above, or the `config/` folder of one of
    /// those (node-config keeps `config/default.json` beside `src/`).
    /// The keys of the own app's settings below `section` (`mssqlClient` → `mssqlClient:connection:password`,
    /// as their files spell them, `:` separators), sorted: a section code reads as one object
    /// (`app.get('mssqlClient')`).
    pub fn keys_under(&self, section: &str) -> Vec<&'a str> {
        let prefix = format!("{}:", section.to_ascii_lowercase());
        let mut keys: Vec<&str> = self
            .index
            .values
            .iter()
            .filter(|(k, vs)| {
                k.starts_with(&prefix) && !k.contains("__") && !k.contains('.') && vs.iter().any(|(dir, _)| self.is_ancestor(dir))
            })
            .map(|(k, _)| self.index.spelled.get(k).unwrap_or(k).as_str())
            .collect();
        keys.sort_unstable();
        keys
    }

    fn is_ancestor(&self, dir: &str) -> bool {
        let above = |d: &str| d.is_empty() || self.dir == d || self.dir.strip_prefix(d).is_some_and(|rest| rest.starts_with('/'));
        // A settings folder beside an ancestor (`config/`, `deploy/worker.env`, Django's `settings/`
        // package) is the app's too.
        above(dir)
            || ["config", "settings", "deploy", "deployment", "env", "envs", "environments"].iter().any(|folder| {
                dir.strip_suffix(folder)
                    .is_some_and(|parent| parent.is_empty() || parent.ends_with('/') && above(&parent[..parent.len() - 1]))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, value: &str) -> Entry {
        Entry { key: key.into(), value: value.into(), span: 0..0 }
    }

    /// A monorepo's apps may share setting names: code hears its own app's config files first, and
    /// another app's only when its own say nothing about the key.
    #[test]
    fn code_hears_its_own_apps_config_first() {
        let mut index = ConfigIndex::default();
        let keyed = "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0==";
        index.add("apps/orders", &[entry("Values:StorageConnection", keyed)]);
        index.add("apps/billing", &[entry("Values:StorageConnection__blobServiceUri", "https://billing.blob.core.windows.net")]);
        index.add("apps/billing", &[entry("Values:StorageConnection", "UseDevelopmentStorage=true")]);
        assert_eq!(index.scope("apps/orders/src/upload.py").get("StorageConnection"), Some(keyed));
        // Billing's own file names the key (with the emulator, which says nothing): orders' key is not billing's.
        assert_eq!(index.scope("apps/billing/function_app.py").get("StorageConnection"), None);
        // `apps/orders-v2` is not inside `apps/orders`; with no config of its own it hears the others,
        // but only where they hold a secret: billing's keyless value could hide a key.
        assert_eq!(index.scope("apps/orders-v2/app.py").get("StorageConnection"), Some(keyed));
        assert_eq!(index.scope("apps/orders-v2/app.py").get("StorageConnection__blobServiceUri"), None);
        assert_eq!(
            index.scope("apps/billing/app.py").get("StorageConnection__blobServiceUri"),
            Some("https://billing.blob.core.windows.net")
        );
    }

    /// A settings object's field is found by its name in the app's own config, in any section.
    #[test]
    fn values_by_leaf_find_the_settings_of_that_name() {
        let mut index = ConfigIndex::default();
        index.add(
            "lake/config",
            &[entry("storage:vendor_drop_url", "https://x/c?sig=a"), entry("storage:account", "a"), entry("archive:account", "b")],
        );
        assert_eq!(index.scope("lake/src/clients.py").values_by_leaf("vendor_drop_url"), ["https://x/c?sig=a"]);
        assert_eq!(index.scope("lake/src/clients.py").values_by_leaf("account"), ["b", "a"]);
        assert!(index.scope("other/clients.py").values_by_leaf("vendor_drop_url").is_empty());
    }

    /// A section's keys are known to its own app whatever their values; another app's are not.
    #[test]
    fn defines_sees_the_own_apps_keys_whatever_their_value() {
        let mut index = ConfigIndex::default();
        index.add("payments/config", &[entry("sql:password", "changeme"), entry("sql:server", "localhost")]);
        // node-config: `config/` sits beside `src/`.
        assert!(index.scope("payments/src/db.js").defines("SQL:Password"));
        assert!(index.scope("payments/src/lib/db.js").defines("sql:server"));
        assert!(!index.scope("payments/src/db.js").defines("sql:authentication:type"));
        assert!(!index.scope("billing/src/db.js").defines("sql:password"));
        assert!(!index.scope("payments-v2/src/db.js").defines("sql:password"));
    }

    /// An empty or placeholder value says nothing about the secret the code will read in production.
    #[test]
    fn empty_and_placeholder_values_say_nothing() {
        let mut index = ConfigIndex::default();
        index.add("", &[entry("AZURE_STORAGE_CONNECTION_STRING", ""), entry("SEARCH_KEY", "<your-search-key>")]);
        index.add("other", &[entry("AZURE_STORAGE_CONNECTION_STRING", "AccountName=x;AccountKey=<key>")]);
        assert_eq!(index.scope("src/app.js").get("AZURE_STORAGE_CONNECTION_STRING"), None);
        assert_eq!(index.scope("src/app.js").get("SEARCH_KEY"), None);
    }

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
