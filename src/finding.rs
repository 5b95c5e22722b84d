//! The finding: plain data, the output contract of design.md ("Findings: the output contract").

use crate::text::Position;
use serde::{Deserialize, Serialize};

/// `secret`: a secret value is literally here. `auth`: code authenticates with a secret here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Secret,
    Auth,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Secret => "secret",
            Category::Auth => "auth",
        }
    }
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $s)] $variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s),* } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$variant),)* _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum! {
    /// The Azure service a finding belongs to (design.md's list).
    Service {
        StorageBlob = "storage-blob", StorageQueue = "storage-queue", StorageTable = "storage-table",
        StorageFile = "storage-file", StorageDatalake = "storage-datalake", Storage = "storage",
        ServiceBus = "service-bus", EventHubs = "event-hubs", CosmosDb = "cosmos-db", KeyVault = "key-vault",
        AppConfiguration = "app-configuration", Sql = "sql", Postgresql = "postgresql", Mysql = "mysql",
        Redis = "redis", Openai = "openai", AiServices = "ai-services", AiSearch = "ai-search",
        EventGrid = "event-grid", Signalr = "signalr", WebPubsub = "web-pubsub", EntraId = "entra-id",
        Unknown = "unknown",
    }
}

impl Service {
    pub fn is_storage(self) -> bool {
        matches!(
            self,
            Service::StorageBlob
                | Service::StorageQueue
                | Service::StorageTable
                | Service::StorageFile
                | Service::StorageDatalake
                | Service::Storage
        )
    }
}

string_enum! {
    /// What kind of secret is involved.
    CredentialKind {
        ConnectionString = "connection-string", AccountKey = "account-key", SasToken = "sas-token",
        ClientSecret = "client-secret", Password = "password", ApiKey = "api-key",
    }
}

/// Where the secret value used at an auth site comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Literal,
    Env(String),
    Config(String),
    Unknown,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Literal => f.write_str("literal"),
            Source::Env(n) => write!(f, "env:{n}"),
            Source::Config(k) => write!(f, "config:{k}"),
            Source::Unknown => f.write_str("unknown"),
        }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.split_once(':') {
            Some(("env", n)) => Source::Env(n.to_owned()),
            Some(("config", k)) => Source::Config(k.to_owned()),
            _ if s == "literal" => Source::Literal,
            _ => Source::Unknown,
        })
    }
}

/// A reviewed exception: `secretless:ignore <RULE> <reason>` on the line or the line above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub reason: String,
    pub line: usize,
}

/// One problem found in one place.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub service: Service,
    pub credential_kind: CredentialKind,
    /// Relative to the scanned root, `/` separators.
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub message: String,
    pub source: Source,
    pub fingerprint: String,
    /// The code or config line(s) with every secret redacted (unless `--show-secrets`).
    pub redacted: String,
    /// Least-privilege built-in roles for the operations seen on this client (auth findings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Why `roles` is empty, or what it assumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles_note: Option<String>,
    /// Operations the code performs on the client (normalised method names), for roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<String>,
    /// The account, namespace, vault or server, when the code or config names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The passwordless endpoint derived from the connection string (`https://acct.blob.core.windows.net`,
    /// `ns.servicebus.windows.net`), when the repository holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// For secret findings: the secret is in the repository and must be rotated even after a fix.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rotate: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
    /// Byte range in the decoded text (internal: fixes and dedup).
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
    /// The secret values in this finding's snippet (internal: redaction; never serialised).
    #[serde(skip)]
    pub secrets: Vec<String>,
    /// For a secret in a config file: the setting that holds it (internal: service attribution).
    #[serde(skip)]
    pub setting: Option<String>,
    /// For an auth finding: the names through which other files reach its client (internal: roles
    /// from operations in those files).
    #[serde(skip)]
    pub exports: Vec<crate::analyze::Export>,
    /// A setting's value kept only if code signs in with that setting ([`crate::analyze::Hit::tentative`]).
    #[serde(skip)]
    pub tentative: bool,
}

impl Finding {
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.path, self.start.line, self.start.column, &self.rule)
    }
}
