//! Prefilter: one Aho-Corasick automaton of trigger words per file kind. A file with no trigger is
//! never parsed — this is what lets the scan run near I/O speed (design.md, "prefilter").
//!
//! Triggers are deliberately about secrets and secret-based APIs, not about Azure in general: a file
//! that builds a client with `DefaultAzureCredential` and mentions no key, secret, password or
//! connection string has nothing to report.

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Which trigger set applies to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerSet {
    Code,
    Config,
    Text,
}

/// Trigger words for code (matched ASCII case-insensitively).
pub const CODE_TRIGGERS: &[&str] = &[
    "accountkey",
    "account_key",
    "sharedaccesskey",
    "accesskey",
    "access_key",
    "sig=",
    "connectionstring",
    "connection_string",
    "connstr",
    "conn_str",
    "password",
    "passwd",
    "pwd",
    "secret",
    "apikey",
    "api_key",
    "api-key",
    "keycredential",
    "sascredential",
    "sharedkeycredential",
    "storagecredentials",
    "cloudstorageaccount",
    "blockblobservice",
    "createblobservice",
    "createqueueservice",
    "createtableservice",
    "createfileservice",
    "createservicebusservice",
    "documentclient",
    "subscription_key",
    "subscriptionkey",
    "fromsubscription",
    "subscription=",
    "masterkey",
    "master_key",
    "primarykey",
    "primary_key",
    "authkey",
    "auth_key",
    "q~",
    "azureopenai",
    "azurechatopenai",
    "rediss://",
    "servicetokenprovider",
    "clientcredential",
    "_key",
    "key=",
    "sastoken",
    "sas_token",
    "search_key",
    "cosmos_key",
    "cosmoskey",
    "storage_key",
    "storagekey",
    "speechconfig",
    "conninfo",
    "dsn",
    // A base64 key literal ends with padding right before its closing quote.
    "==\"",
    "=='",
    "==`",
    // Settings that hold connection strings without saying "ConnectionString".
    "connection\"",
    "connection'",
    "connection)",
    "connection,",
    "connection;",
    "connection]",
    "connection_str",
    "conn\"",
    "conn'",
    "conn)",
    "from_container_url",
    "from_blob_url",
    "appconfiguration",
    // Settings read by a name ending in "Key": `configuration["Cosmos:Key"]`, `getenv("SEARCH_KEY")`.
    "key\"]",
    "key']",
    "key\")",
    "key')",
];

/// Trigger words for config files (appsettings, local.settings, .env, web.config).
pub const CONFIG_TRIGGERS: &[&str] =
    &["accountkey", "sharedaccesskey", "accesskey", "sig=", "password", "pwd", "secret", "key", "q~", "://"];

/// Trigger words for other text files: only the high-confidence shapes are looked for there.
pub const TEXT_TRIGGERS: &[&str] = &[
    "accountkey=",
    "sharedaccesskey=",
    "accesskey=",
    "sig=",
    "q~",
    "appkey=",
    "password=",
    "pwd=",
    ".database.",
    ".redis.cache.",
    ".postgres.",
    ".mysql.",
    "secret=",
];

fn build(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("trigger words compile")
}

static CODE: LazyLock<AhoCorasick> = LazyLock::new(|| build(CODE_TRIGGERS));
static CONFIG: LazyLock<AhoCorasick> = LazyLock::new(|| build(CONFIG_TRIGGERS));
static TEXT: LazyLock<AhoCorasick> = LazyLock::new(|| build(TEXT_TRIGGERS));

/// Does the text hold any trigger of its set?
pub fn triggered(set: TriggerSet, text: &[u8]) -> bool {
    let ac = match set {
        TriggerSet::Code => &*CODE,
        TriggerSet::Config => &*CONFIG,
        TriggerSet::Text => &*TEXT,
    };
    ac.is_match(text)
}

/// Every distinct trigger word (for `secretless rules --triggers` and the rg baseline of the benchmark).
pub fn all_triggers() -> Vec<&'static str> {
    let mut all: Vec<&str> = CODE_TRIGGERS.iter().chain(CONFIG_TRIGGERS).chain(TEXT_TRIGGERS).copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_are_case_insensitive_and_selective() {
        assert!(triggered(TriggerSet::Code, b"BlobServiceClient.from_connection_string(cs)"));
        assert!(triggered(TriggerSet::Code, b"var c = new AzureKeyCredential(k);"));
        assert!(!triggered(TriggerSet::Code, b"client = BlobServiceClient(url, credential=DefaultAzureCredential())"));
        assert!(!triggered(TriggerSet::Text, b"# Just a README\nNothing here."));
    }
}
