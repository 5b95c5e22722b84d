//! Analysis: turns one file's text into findings. Code files go through `code` (tree-sitter,
//! resolve, auth sites, secret literals); config files through `config_file`; other text files
//! through a pattern-only pass for the high-confidence shapes.

pub mod catalog;
pub mod code;
pub mod functions;
pub mod modules;
pub mod names;
pub mod resolve;

use crate::config::{self, Entry};
use crate::connstr;
use crate::finding::{Category, CredentialKind, Service, Source};
use std::ops::Range;

/// A finding before it is placed in a file (line/column, rule, message, fingerprint).
#[derive(Debug, Clone)]
pub struct Hit {
    pub category: Category,
    pub service: Service,
    pub kind: CredentialKind,
    pub span: Range<usize>,
    pub source: Source,
    /// Secret values at this location (for redaction and fingerprints; never printed).
    pub secrets: Vec<String>,
    pub resource: Option<String>,
    pub operations: Vec<String>,
    pub roles_note: Option<String>,
    /// Names through which other files of the app reach this client (its operations may be there).
    pub exports: Vec<Export>,
    /// What authenticates (`BlobServiceClient.from_connection_string`) or `secret`.
    pub what: String,
    /// The passwordless endpoint derived from the connection string, when known.
    pub endpoint: Option<String>,
    /// Where the finding is reported when not at the span's start: the method name of a call at the
    /// end of a fluent chain (`.WriteTo.AzureBlobStorage(...)` lines below `lc.ReadFrom...`). The span
    /// stays the whole call (the fix engine finds the call by it).
    pub anchor: Option<usize>,
    /// A setting's key-shaped value that neither its name nor its neighbours tie to Azure
    /// (`SB_POLICY_KEY`): reported only when code of the app signs in to a service with that setting.
    pub tentative: bool,
}

impl Hit {
    pub fn secret(span: Range<usize>, service: Service, kind: CredentialKind, value: String, what: &str) -> Hit {
        Hit {
            category: Category::Secret,
            service,
            kind,
            span,
            source: Source::Literal,
            secrets: vec![value],
            resource: None,
            operations: Vec::new(),
            roles_note: None,
            exports: Vec::new(),
            what: what.to_owned(),
            endpoint: None,
            anchor: None,
            tentative: false,
        }
    }
}

/// A name through which another file of the app reaches a client built in this one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Export {
    /// A function that returns it or a sub-client of it (`get_reports_container()`).
    Function(String),
    /// A module-level variable another module imports (`export const blobService = ...`).
    Variable(String),
    /// Registered for dependency injection: consumers declare a parameter or field of this type.
    Type(String),
}

/// Kinds of config file secretless reads with a real parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfigFormat {
    Json,
    DotEnv,
    Xml,
    Toml,
    Yaml,
    Ini,
}

/// Read a config file into entries.
pub fn config_entries(format: ConfigFormat, text: &str) -> Vec<Entry> {
    match format {
        ConfigFormat::Json => config::json::read(text),
        ConfigFormat::DotEnv => config::dotenv::read(text),
        ConfigFormat::Xml => config::xml::read(text),
        ConfigFormat::Toml => config::toml::read(text),
        ConfigFormat::Yaml => config::yaml::read(text),
        ConfigFormat::Ini => config::ini::read(text),
    }
}

/// Secrets in a config file's entries.
pub fn analyze_config(entries: &[Entry]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for e in entries {
        let found = connstr::find_secrets(&e.value);
        if let Some(h) = found.first() {
            let mut service = h.service;
            if service == Service::ServiceBus && names::says_event_hubs(&e.key) {
                service = Service::EventHubs;
            }
            if service == Service::Unknown {
                service = names::service_of_name(&e.key).unwrap_or(Service::Unknown);
            }
            let mut hit = Hit::secret(e.span.clone(), service, h.kind, h.value.clone(), "setting");
            hit.resource = h.resource.clone();
            hit.what = e.key.clone();
            hits.push(hit);
            continue;
        }
        // Functions identity-based settings and App Service Key Vault references hold no secret.
        let named = names::secret_name(e.name()).or_else(|| names::secret_name(&last_two(&e.key))).or_else(|| generic_key(e));
        let Some((kind, mut service)) = named else {
            continue;
        };
        // `Twilio:AuthToken`, `s3_archive:aws_secret_access_key`: the section names another vendor.
        // (A section that names one decides, whatever the leaf suggests: `Jwt:AuthKeyBase64`.)
        if (service.is_none() || names::service_of_name(&e.key).is_none()) && names::names_third_party(&e.key) {
            continue;
        }
        if service.is_none() {
            service = sibling_service(e, entries);
        }
        // A bare `AccountKey` is a storage key by default; beside `AccountEndpoint=https://….documents.azure.com`
        // it is Cosmos DB's.
        let section = e.key.rsplit_once(':').map_or("", |(s, _)| s);
        let generic = matches!(names::normalize(e.name()).as_str(), "accountkey" | "key" | "primarykey");
        // A section that names the service says the same (`"Cosmos": { "AccountKey": … }`).
        if kind == CredentialKind::AccountKey
            && generic
            && match names::service_of_name(section) {
                Some(s) => s == Service::CosmosDb,
                None => sibling_service(e, entries) == Some(Service::CosmosDb),
            }
        {
            service = Some(Service::CosmosDb);
        }
        // A bare `SECRET` is an app registration's only beside the registration's other settings;
        // alone it is the app's own signing secret (Directus, Feathers).
        if kind == CredentialKind::ClientSecret && names::normalize(e.name()) == "secret" && !registration_sibling(e, entries) {
            continue;
        }
        // A password beside `host = localhost` (or a compose service name) opens a local database.
        if kind == CredentialKind::Password && local_host_sibling(e, entries) {
            continue;
        }
        if !names::value_fits(kind, service, &e.value) || e.value.contains("://") && kind != CredentialKind::SasToken {
            continue;
        }
        let service = service.or_else(|| names::service_of_name(&e.key)).unwrap_or(if kind == CredentialKind::ClientSecret {
            Service::EntraId
        } else {
            Service::Unknown
        });
        // An account key opens every service of the account, whichever one its name mentions
        // (`ADLS_ACCOUNT_KEY`), as in code.
        let service = if kind == CredentialKind::AccountKey && service.is_storage() { Service::Storage } else { service };
        // A password of no known service for an app's own sign-in or mail (`GRADIO_AUTH_PASSWORD`,
        // `SMTP_PASSWORD`) opens no Azure database.
        if service == Service::Unknown && kind == CredentialKind::Password && names::names_non_database_password(&e.key) {
            continue;
        }
        // An API key that neither its name (`AzureMaps:SubscriptionKey`), its section, its neighbours
        // nor its shape ties to Azure (`ZYTE_API_KEY`, Airflow's `FERNET_KEY`) is another vendor's or
        // the app's own.
        // Unless the app's code signs in to a service with it (`SB_POLICY_KEY` in a
        // `ServiceBusClient`'s named-key credential): the scan keeps it until it knows.
        // So is a password of no known service (`DASH_OPS_PASSWORD` for the app's basic auth): a
        // database's is reported once a driver of the app opens it.
        let tentative = service == Service::Unknown
            && (kind == CredentialKind::ApiKey
                && !names::normalize(&e.key).contains("azure")
                && !crate::secrets::looks_like_azure_ai_key(&e.value)
                || kind == CredentialKind::Password);
        let mut hit = Hit::secret(e.span.clone(), service, kind, e.value.clone(), "setting");
        hit.what = e.key.clone();
        hit.tentative = tentative;
        hits.push(hit);
    }
    hits
}

/// `DI_KEY`, `Commands:Key`, `LEDGER_KEY`: a name ending in "key" whose value has a key's shape.
fn generic_key(e: &Entry) -> Option<(CredentialKind, Option<Service>)> {
    let n = names::normalize(e.name());
    if !(n.ends_with("key") || n.ends_with("token")) || n.ends_with("publickey") || n.ends_with("keyname") {
        return None;
    }
    let v = e.value.trim();
    if crate::secrets::looks_like_account_key(v) {
        return Some((CredentialKind::AccountKey, None));
    }
    if crate::secrets::looks_like_shared_key(v) || crate::secrets::looks_like_api_key(v) && v.len() >= 32 {
        return Some((CredentialKind::ApiKey, None));
    }
    None
}

/// The service of a key's neighbours: `DI_ENDPOINT` beside `DI_KEY`, `Namespace` beside `Key`.
fn sibling_service(e: &Entry, entries: &[Entry]) -> Option<Service> {
    let section = e.key.rsplit_once(':').map(|(s, _)| s).unwrap_or("");
    let leaf = names::normalize(e.name());
    let prefix = leaf
        .trim_end_matches("password")
        .trim_end_matches("passwd")
        .trim_end_matches("pwd")
        .trim_end_matches("pass")
        .trim_end_matches("key")
        .trim_end_matches("api")
        .trim_end_matches("access")
        .trim_end_matches("secret")
        .to_owned();
    let by_section = names::service_of_name(section);
    if by_section.is_some() {
        return by_section;
    }
    for other in entries {
        if std::ptr::eq(other, e) {
            continue;
        }
        let other_section = other.key.rsplit_once(':').map(|(s, _)| s).unwrap_or("");
        let other_leaf = names::normalize(other.name());
        if other_section != section || !(other_leaf.starts_with(&prefix) || prefix.is_empty()) {
            continue;
        }
        // `AZURE_AI_SEARCH_ENDPOINT` is not the neighbour of `AZURE_AI_API_KEY`: what follows the shared
        // prefix names another service.
        if !prefix.is_empty() && names::service_of_name(&other_leaf[prefix.len()..]).is_some() {
            continue;
        }
        if let Some(s) = connstr::classify_url(&other.value).service.filter(|s| *s != Service::Unknown) {
            return Some(s);
        }
        if other_leaf == format!("{prefix}keyname") || other.value.contains(".servicebus.") {
            return Some(Service::ServiceBus);
        }
        // `DATABASE_CLIENT=postgres` (Strapi, Knex), `DB_DIALECT=mssql` (Sequelize), `DB_ENGINE=mysql`.
        let dialect_named = matches!(other_leaf.strip_prefix(prefix.as_str()), Some("client" | "dialect" | "engine" | "driver" | "type"));
        if dialect_named && !prefix.is_empty() {
            let d = other.value.trim().to_ascii_lowercase();
            let d = d.rsplit('.').next().unwrap_or(&d);
            match d {
                "postgres" | "postgresql" | "pg" | "postgresql_psycopg2" => return Some(Service::Postgresql),
                "mssql" | "sqlserver" | "tedious" | "mssql+pyodbc" | "sql_server" => return Some(Service::Sql),
                "mysql" | "mysql2" | "mariadb" => return Some(Service::Mysql),
                _ => {}
            }
        }
    }
    let v = e.value.trim();
    crate::secrets::looks_like_account_key(v).then_some(Service::Storage)
}

/// Does the entry's section (or its name prefix: `DB_HOST` beside `DB_PASSWORD`) give a host that is
/// the developer's machine or a container beside the app (`localhost`, `127.0.0.1`, `postgres`)?
/// Is `e` in a section that names Entra ID (`AzureAd:Secret`) or beside a client or tenant id?
fn registration_sibling(e: &Entry, entries: &[Entry]) -> bool {
    let section = e.key.rsplit_once(':').map(|(s, _)| s).unwrap_or("");
    let s = names::normalize(section);
    if ["azuread", "aad", "entra", "identity", "oauth", "msal"].iter().any(|w| s.contains(w)) {
        return true;
    }
    entries.iter().any(|other| {
        let other_section = other.key.rsplit_once(':').map(|(s, _)| s).unwrap_or("");
        let leaf = names::normalize(other.name());
        other_section == section && ["clientid", "tenant", "appid", "applicationid", "authority"].iter().any(|w| leaf.contains(w))
    })
}

fn local_host_sibling(e: &Entry, entries: &[Entry]) -> bool {
    let section = e.key.rsplit_once(':').map(|(s, _)| s).unwrap_or("");
    let leaf = names::normalize(e.name());
    let prefix = leaf.trim_end_matches("password").trim_end_matches("pwd").trim_end_matches("pass").to_owned();
    entries.iter().any(|other| {
        let other_section = other.key.rsplit_once(':').map(|(s, _)| s).unwrap_or("");
        let other_leaf = names::normalize(other.name());
        let host_named = matches!(other_leaf.strip_prefix(prefix.as_str()), Some("host" | "hostname" | "server" | "addr" | "address"));
        other_section == section && host_named && connstr::is_local_host(&other.value)
    })
}

/// `Cosmos:Key` → `CosmosKey`: a generic leaf name qualified by its section.
fn last_two(key: &str) -> String {
    let mut parts = key.rsplit(':');
    let leaf = parts.next().unwrap_or("");
    format!("{}{leaf}", parts.next().unwrap_or(""))
}

/// High-confidence secret shapes in any other text file (Markdown, YAML, shell, Dockerfile, ...).
pub fn analyze_text(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        for h in connstr::find_secrets(line) {
            let azure_db = h.resource.as_deref().and_then(connstr::service_of_host).is_some();
            if h.kind == CredentialKind::Password && !azure_db {
                continue;
            }
            let start = offset + line.len() - line.trim_start().len();
            let mut hit =
                Hit::secret(start + h.span.start - (start - offset)..offset + h.span.end, h.service, h.kind, h.value.clone(), "text");
            hit.resource = h.resource.clone();
            hits.push(hit);
            break;
        }
        offset += line.len();
    }
    hits
}
