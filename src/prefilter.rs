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

/// A DFA: the trigger sets are small, and the prefilter runs over every byte of the tree.
fn build<S: AsRef<[u8]>>(words: &[S]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .expect("trigger words compile")
}

static CODE: LazyLock<AhoCorasick> = LazyLock::new(|| build(CODE_TRIGGERS));
static CONFIG: LazyLock<AhoCorasick> = LazyLock::new(|| build(CONFIG_TRIGGERS));
static TEXT: LazyLock<AhoCorasick> = LazyLock::new(|| build(TEXT_TRIGGERS));

/// Words that only secret-based APIs use: a file holding one is always parsed.
const STRONG_CODE: &[&str] = &[
    // Call sites, not declarations or docs: a dot before the factory, a parenthesis after the credential.
    ".fromconnectionstring(",
    ".from_connection_string(",
    "createfromconnectionstring(",
    "keycredential(",
    "sascredential(",
    "sharedkeycredential(",
    "clientsecretcredential(",
    "usernamepasswordcredential(",
    "storagecredentials(",
    "searchcredentials(",
    "cloudstorageaccount.parse",
    "blockblobservice(",
    "createblobservice",
    "createqueueservice",
    "createtableservice",
    "createfileservice",
    "createservicebusservice",
    "documentclient",
    "fromsubscription",
    "speechconfig",
    "azureopenai",
    "azurechatopenai",
    "servicetokenprovider",
    "confidentialclient",
    "withclientsecret",
    "serviceprincipalcredentials",
    "loginwithserviceprincipalsecret",
    "usecosmos",
    "addazureappconfiguration",
    "addazuresignalr",
    "addazurekeyvault",
];

/// Second stage for files that hold only common words (`password`, `secret`, `_key`, `connection`):
/// parse them only when they also hold a secret-shaped literal or read a setting.
const CONFIRM_CODE: &[&str] = &[
    "accountkey=",
    "sharedaccesskey=",
    "accesskey=",
    "secret=",
    "password=",
    "pwd=",
    "appkey=",
    "sig=",
    "q~",
    "==\"",
    "=='",
    "==`",
    "process.env",
    "os.environ",
    "getenv",
    "getenvironmentvariable",
    "configuration[",
    "getconnectionstring",
    "appsettings[",
    "connectionstrings[",
    "config[",
    "settings.",
    "options.value",
    "credential=",
    "rediss://",
    "postgres://",
    "postgresql://",
    "mysql://",
];

/// A secret-named thing given a literal: `password = "..."`, `"apiKey": "..."`, `Key=...` in a literal.
static NAMED_LITERAL: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)(?:key|secret|password|passwd|pwd|token|sas)\w*["'\]]?\s*[:=]\s*[@$]?[rbfu]?["'`][^"'`\s]{8,}"#)
        .unwrap()
});

/// `new ServiceBusClient(`, `new CosmosClient(`...: a client constructed from arguments that may be a
/// connection string read from a config object (`config.eventHubs.connectionString`).
fn constructed_clients() -> Vec<String> {
    crate::analyze::catalog::CLIENT_NAMES.iter().map(|c| format!("new {c}(")).collect()
}

static STRONG: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<String> = STRONG_CODE.iter().map(|s| s.to_string()).collect();
    words.extend(constructed_clients());
    build(&words)
});

/// Should a code file be parsed? Any strong word; or a common trigger word confirmed by a literal
/// marker, a setting read or a secret-named literal. Most SDK and library sources stop here.
pub fn code_needs_parse(text: &[u8]) -> bool {
    // One pass over the file for all three word lists (most files match none of them).
    let (mut weak, mut confirm) = (false, false);
    for m in ALL_CODE.0.find_overlapping_iter(text) {
        match ALL_CODE.1[m.pattern().as_usize()] {
            Tier::Strong => return true,
            Tier::Weak => weak = true,
            Tier::Confirm => confirm = true,
        }
        if weak && confirm {
            return true;
        }
    }
    weak && NAMED_LITERAL.is_match(text)
}

#[derive(Clone, Copy)]
enum Tier {
    Strong,
    Weak,
    Confirm,
}

/// Every code word in one automaton, with the tier each belongs to.
static ALL_CODE: LazyLock<(AhoCorasick, Vec<Tier>)> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    let mut tiers = Vec::new();
    let strong = STRONG_CODE.iter().map(|s| s.to_string()).chain(constructed_clients());
    for (list, tier) in [
        (strong.collect::<Vec<_>>(), Tier::Strong),
        (CODE_TRIGGERS.iter().map(|s| s.to_string()).collect(), Tier::Weak),
        (CONFIRM_CODE.iter().map(|s| s.to_string()).collect(), Tier::Confirm),
    ] {
        for w in list {
            words.push(w);
            tiers.push(tier);
        }
    }
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&words)
        .expect("trigger words compile");
    (ac, tiers)
});

/// What a string holding a secret must contain (`AccountKey=`, `sig=`, `://...@`, `Q~`...):
/// strings without any are not evaluated (docstrings and messages are most strings).
const SECRET_MARKERS: &[&str] =
    &["accountkey", "sharedaccesskey", "accesskey", "secret", "password", "pwd", "appkey", "sig=", "q~", "@", "sharedaccesssignature"];

static MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| build(SECRET_MARKERS));

/// Might this string (or the concatenation it belongs to) hold a secret?
pub fn may_hold_secret(text: &[u8]) -> bool {
    MARKERS.is_match(text)
}

/// Keep `context` lines around every code trigger (and the file's first lines: imports and
/// constants), blank everything else to spaces (newlines kept): same length, same line numbers.
pub fn window(text: &str, context: usize) -> String {
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |at: usize| match starts.binary_search(&at) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    let mut keep = vec![false; starts.len()];
    for k in keep.iter_mut().take(context * 2) {
        *k = true;
    }
    for m in CODE.find_iter(text.as_bytes()).chain(STRONG.find_iter(text.as_bytes())) {
        let l = line_of(m.start());
        for k in keep.iter_mut().take((l + context + 1).min(starts.len())).skip(l.saturating_sub(context)) {
            *k = true;
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        let line = &text[s..e];
        if keep[i] {
            out.push_str(line);
        } else {
            // Every byte becomes a space (a multi-byte character as many spaces), so offsets hold.
            for c in line.chars() {
                if c == '\n' || c == '\r' {
                    out.push(c);
                } else {
                    out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
            }
        }
    }
    out
}

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
    fn windows_keep_offsets_and_lines() {
        let mut text = String::from("import os\n");
        for i in 0..400 {
            text.push_str(&format!("x{i} = 'é'\n"));
        }
        text.push_str("conn = BlobServiceClient.from_connection_string(cs)\n");
        let w = window(&text, 5);
        assert_eq!(w.len(), text.len());
        assert_eq!(w.matches('\n').count(), text.matches('\n').count());
        assert!(w.contains("from_connection_string(cs)"));
        assert!(w.starts_with("import os\n"));
        assert!(!w.contains("x200 ="));
    }

    #[test]
    fn triggers_are_case_insensitive_and_selective() {
        assert!(triggered(TriggerSet::Code, b"BlobServiceClient.from_connection_string(cs)"));
        assert!(triggered(TriggerSet::Code, b"var c = new AzureKeyCredential(k);"));
        assert!(!triggered(TriggerSet::Code, b"client = BlobServiceClient(url, credential=DefaultAzureCredential())"));
        assert!(!triggered(TriggerSet::Text, b"# Just a README\nNothing here."));
    }
}
