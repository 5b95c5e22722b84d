//! Connection strings, credential-bearing URLs and SAS tokens: parse them, tell which service they
//! belong to, and find the secret inside.
//!
//! Every string the scanner sees (code literals, config values, lines of other text files) goes
//! through [`find_secrets`]; fixes use [`ConnInfo`] to derive endpoints (`https://<acct>.blob.<suffix>`).

use crate::finding::{CredentialKind, Service};
use crate::secrets::{self, HOLE};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// `key=value` pairs of a `;`-separated connection string, keys as written, with value spans.
#[derive(Debug, Clone, Default)]
pub struct ConnStr {
    pub pairs: Vec<(String, String, Range<usize>)>,
}

impl ConnStr {
    /// Parse `k=v;k=v`; `None` unless at least one pair has a key that looks like a setting name.
    pub fn parse(text: &str) -> Option<ConnStr> {
        let mut pairs = Vec::new();
        let mut offset = 0;
        for part in text.split(';') {
            let start = offset;
            offset += part.len() + 1;
            let Some(mut eq) = part.find('=') else { continue };
            let mut key = part[..eq].trim();
            // Quotes around the string (`"AccountEndpoint=...`) are no part of its first key.
            let unquoted = |k: &str| k.trim().trim_start_matches(['"', '\'', '`']).to_owned();
            // A connection string assigned to a variable on the same line (`ConnectionStrings__Sql=Server=...`
            // in a compose file, `export SQL="Server=..."`): its first key is after the variable's name.
            if pairs.is_empty()
                && let Some(eq2) = part[eq + 1..].find('=')
                && LEADING_KEYS.contains(&norm_key(&unquoted(&part[eq + 1..eq + 1 + eq2])).as_str())
            {
                let after = &part[eq + 1..eq + 1 + eq2];
                key = after[after.len() - unquoted(after).len()..].trim();
                eq += 1 + eq2;
            }
            // Or written after a name and a quote (`"value": "AccountEndpoint=...` in a JSON parameters
            // file, `--conn "Endpoint=..."`): the first key is the word before the `=`.
            if pairs.is_empty() && !key.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_') {
                let word = key.rsplit(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
                if LEADING_KEYS.contains(&norm_key(word).as_str()) {
                    key = word;
                }
            }
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_') {
                continue;
            }
            let raw = &part[eq + 1..];
            let lead = raw.len() - raw.trim_start().len();
            let value = raw.trim();
            let vstart = start + eq + 1 + lead;
            pairs.push((key.to_owned(), value.to_owned(), vstart..vstart + value.len()));
        }
        (!pairs.is_empty()).then_some(ConnStr { pairs })
    }

    /// Case- and space-insensitive lookup (`User ID` = `UserId` = `userid`).
    pub fn get(&self, key: &str) -> Option<&str> {
        let want = norm_key(key);
        self.pairs.iter().find(|(k, _, _)| norm_key(k) == want).map(|(_, v, _)| v.as_str())
    }

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// Keys a connection string starts with (normalised by [`norm_key`]).
const LEADING_KEYS: &[&str] =
    &["server", "datasource", "host", "accountendpoint", "endpoint", "defaultendpointsprotocol", "accountname", "blobendpoint", "driver"];

fn norm_key(k: &str) -> String {
    k.chars().filter(|c| !c.is_whitespace() && *c != '_').collect::<String>().to_ascii_lowercase()
}

/// What a connection string (or URL) says about the resource it points at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnInfo {
    pub service: Option<Service>,
    /// Storage account, Service Bus namespace host, Cosmos/App Config/SignalR endpoint host, SQL server host.
    pub resource: Option<String>,
    /// Full endpoint when the string names one (`Endpoint=`, `AccountEndpoint=`, `BlobEndpoint=`).
    pub endpoint: Option<String>,
    /// Storage `EndpointSuffix` (sovereign clouds), default `core.windows.net`.
    pub suffix: Option<String>,
    /// Service Bus / Event Hubs `EntityPath`.
    pub entity: Option<String>,
    /// Local emulator (Azurite, Cosmos emulator, Service Bus emulator): never a secret.
    pub emulator: bool,
    /// Already passwordless (`Authentication=Active Directory Default`, `Integrated Security`, `AuthType=azure.msi`).
    pub passwordless: bool,
    /// An Azure service outside the catalog (Communication Services, IoT Hub): its key is a secret of
    /// no known service, never a Service Bus or SignalR key by its key name.
    pub uncatalogued: bool,
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', ':', '?', ';', ',']).next()?.trim();
    (!host.is_empty() && !host.contains(HOLE)).then(|| host.to_ascii_lowercase())
}

/// Classify a `;`-separated connection string (or a StackExchange.Redis `host:port,password=` string).
pub fn classify(text: &str) -> ConnInfo {
    let mut info = ConnInfo::default();
    let lower = text.to_ascii_lowercase();
    if lower.contains("usedevelopmentstorage=true")
        || lower.contains("devstoreaccount1")
        || lower.contains("usedevelopmentemulator=true")
        || lower.contains("localhost:8081")
    {
        info.emulator = true;
    }
    if let Some(redis) = classify_redis(text) {
        return redis;
    }
    let Some(cs) = ConnStr::parse(text) else {
        return classify_url(text);
    };
    let get = |k: &str| cs.get(k).map(str::to_owned);
    // An `Endpoint=http://localhost;Port=8999;AccessKey=...` string is a local emulator's (SignalR,
    // Service Bus): its published key is no secret.
    if get("Endpoint").and_then(|ep| host_of(&ep)).is_some_and(|h| is_local_host(&h)) {
        info.emulator = true;
    }
    // Cosmos DB for Table: a storage-style string whose table endpoint is the Cosmos account's.
    let cosmos_table = get("TableEndpoint").and_then(|ep| host_of(&ep)).filter(|h| h.contains(".table.cosmos."));
    if let Some(ep) = get("AccountEndpoint") {
        info.service = Some(Service::CosmosDb);
        info.resource = host_of(&ep);
        info.endpoint = Some(ep);
    } else if let Some(host) = cosmos_table {
        info.service = Some(Service::CosmosDb);
        info.resource = get("AccountName").or_else(|| host.split('.').next().map(str::to_owned));
        info.endpoint = get("TableEndpoint");
    } else if cs.has("AccountName") || cs.has("DefaultEndpointsProtocol") || cs.has("EndpointSuffix") {
        info.service = Some(Service::Storage);
        info.resource = get("AccountName");
        info.suffix = get("EndpointSuffix");
        info.endpoint = get("BlobEndpoint");
        for (key, service) in STORAGE_ENDPOINT_KEYS {
            if !cs.has(key) {
                continue;
            }
            if info.resource.is_none() {
                info.resource = get(key).and_then(|u| host_of(&u)).map(|h| h.split('.').next().unwrap_or("").to_owned());
            }
            // `AccountName=…;AccountKey=…;TableEndpoint=…`: a single endpoint is the only service the string opens.
            if cs.pairs.iter().filter(|(k, _, _)| k.ends_with("Endpoint")).count() == 1 {
                info.service = Some(service);
            }
        }
    } else if cs.has("BlobEndpoint") || cs.has("QueueEndpoint") || cs.has("TableEndpoint") || cs.has("FileEndpoint") {
        // `BlobEndpoint=…;SharedAccessSignature=…`: one endpoint names the sub-service.
        let endpoints: Vec<Service> =
            STORAGE_ENDPOINT_KEYS.into_iter().filter(|(key, _)| cs.has(key)).map(|(_, service)| service).collect();
        info.service = Some(if let [one] = endpoints[..] { one } else { Service::Storage });
        let ep = get("BlobEndpoint").or(get("QueueEndpoint")).or(get("TableEndpoint")).or(get("FileEndpoint"));
        info.resource = ep.as_deref().and_then(host_of).map(|h| h.split('.').next().unwrap_or("").to_owned());
        info.endpoint = get("BlobEndpoint");
    } else if let Some(ep) = get("Endpoint") {
        let host = host_of(&ep).unwrap_or_default();
        info.resource = Some(host.clone()).filter(|h| !h.is_empty());
        info.entity = get("EntityPath");
        info.service = Some(if ep.starts_with("sb://") || host.contains(".servicebus.") {
            // Both live under servicebus.windows.net: an Event Hubs namespace named by the Azure naming
            // convention (`evhns-…`) or for its service (`…eventhub…`) is Event Hubs.
            let ns = host.split('.').next().unwrap_or("").to_ascii_lowercase();
            let eh_word = ns.split('-').any(|w| matches!(w, "eh" | "evh" | "ehns" | "evhns"));
            if ns.starts_with("evhns") || ns.contains("eventhub") || eh_word { Service::EventHubs } else { Service::ServiceBus }
        } else if host.ends_with(".azconfig.io") || cs.has("Secret") && cs.has("Id") {
            Service::AppConfiguration
        } else if host.contains(".communication.azure.") {
            info.uncatalogued = true;
            Service::Unknown
        } else if host.contains(".webpubsub.") {
            Service::WebPubsub
        } else if host.contains(".signalr.") || cs.has("AccessKey") {
            Service::Signalr
        } else if host.contains(".eventgrid.") {
            Service::EventGrid
        } else if host.contains("openai.azure.com") {
            Service::Openai
        } else {
            Service::Unknown
        });
        info.endpoint = Some(ep);
        if matches!(get("AuthType").as_deref().map(str::to_ascii_lowercase).as_deref(), Some("azure.msi" | "azure")) {
            info.passwordless = true;
        }
    } else if get("HostName").is_some_and(|h| h.to_ascii_lowercase().contains(".azure-devices.")) {
        // IoT Hub: `HostName=<hub>.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=…`.
        info.service = Some(Service::Unknown);
        info.uncatalogued = true;
        info.resource = get("HostName");
    } else if cs.has("RunAs") {
        info.service = Some(Service::EntraId);
        info.passwordless = !cs.has("AppKey");
    } else if cs.has("Server")
        || cs.has("Data Source")
        || cs.has("Host")
        || cs.has("Driver")
        || cs.has("Addr")
        || cs.has("Address")
        || lower.starts_with("sqlserver://")
    {
        // Prisma's SQL Server URL: `sqlserver://HOST:1433;database=d;user=u;password={p};encrypt=true`.
        let prisma_host = lower.strip_prefix("sqlserver://").map(|rest| rest.split([';', ':']).next().unwrap_or("").to_owned());
        let server =
            get("Server").or(get("Data Source")).or(get("Host")).or(get("Addr")).or(get("Address")).or(prisma_host).unwrap_or_default();
        let s = server.to_ascii_lowercase();
        let port = get("Port").unwrap_or_default();
        let driver = get("Driver").unwrap_or_default().to_ascii_lowercase();
        info.service =
            Some(if s.contains(".postgres.") || port == "5432" || cs.has("Username") && cs.has("Host") || driver.contains("postgres") {
                Service::Postgresql
            } else if s.contains(".mysql.")
                || port == "3306"
                || driver.contains("mysql")
                || cs.has("SslMode") && !cs.has("Encrypt") && cs.has("Uid")
            {
                Service::Mysql
            } else if s.contains(".redis.") {
                Service::Redis
            } else {
                Service::Sql
            });
        info.resource = Some(server.trim_start_matches("tcp:").split([',', ':']).next().unwrap_or("").to_ascii_lowercase())
            .filter(|h| !h.is_empty() && !h.contains(HOLE));
        let auth = get("Authentication").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
        let integrated = get("Integrated Security").or(get("Trusted_Connection")).unwrap_or_default().to_ascii_lowercase();
        if auth.contains("activedirectorydefault")
            || auth.contains("activedirectorymanagedidentity")
            || auth.contains("activedirectorymsi")
            || auth.contains("activedirectoryintegrated")
            || auth.contains("activedirectoryinteractive")
            || auth.contains("activedirectoryworkloadidentity")
            || matches!(integrated.as_str(), "true" | "yes" | "sspi")
        {
            info.passwordless = true;
        }
    }
    info
}

/// `host:6380,password=...,ssl=True`: the StackExchange.Redis configuration string.
fn classify_redis(text: &str) -> Option<ConnInfo> {
    let first = text.split(',').next()?;
    let lower = text.to_ascii_lowercase();
    let redisish = first.contains(".redis.")
        || (text.contains(',') && (lower.contains(",password=") || lower.contains(",abortconnect=")) && !text.contains(';'));
    if !redisish {
        return None;
    }
    Some(ConnInfo { service: Some(Service::Redis), resource: host_of(first), ..ConnInfo::default() })
}

/// A URL: scheme and host tell the service (`rediss://`, `postgresql://`, `https://x.blob.core.windows.net`).
pub fn classify_url(text: &str) -> ConnInfo {
    let mut info = ConnInfo::default();
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    // The user info ends at the authority's last `@` (a query may hold more: `appName=@acct@`).
    let authority_end = t.find("://").map_or(t.len(), |i| i + 3 + t[i + 3..].find(['/', '?', '#']).unwrap_or(t.len() - i - 3));
    let host = host_of(t[..authority_end].rsplit_once('@').map(|(_, h)| h).unwrap_or(t)).unwrap_or_default();
    let scheme = lower.split_once("://").map(|(s, _)| s).unwrap_or("");
    info.service = match scheme {
        "redis" | "rediss" => Some(Service::Redis),
        "postgres" | "postgresql" => Some(Service::Postgresql),
        "mysql" | "mysql+pymysql" | "mysql+mysqldb" | "mysql+mysqlconnector" => Some(Service::Mysql),
        s if s.starts_with("mssql") || s.starts_with("sqlserver") => Some(Service::Sql),
        s if s.starts_with("postgresql+") => Some(Service::Postgresql),
        "sb" | "azureservicebus" => Some(Service::ServiceBus),
        "azurestoragequeues" => Some(Service::StorageQueue),
        _ => service_of_host(&host),
    };
    info.resource = Some(host).filter(|h| !h.is_empty());
    if lower.starts_with("http://127.0.0.1:1000") || lower.contains("devstoreaccount1") || lower.contains("localhost:8081") {
        info.emulator = true;
    }
    info
}

/// Does a URL carry a password in its user info (`rediss://:<key>@host`, `postgres://app:<pw>@host`),
/// whether written out or filled in by code?
pub fn url_userinfo_password(url: &str) -> bool {
    url_password(url).is_some()
}

/// The password in a URL's user info. A known key put in by the resolver is not URL-encoded
/// (`encodeURIComponent(key)` keeps the value): a `/` may stand in the password, never in the user name.
pub fn url_password(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let head = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let (userinfo, _) = head.split_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    (!user.contains('/') && !password.is_empty() && !password.contains(char::is_whitespace)).then_some(password)
}

/// A storage connection string's endpoint keys and the sub-service each names.
const STORAGE_ENDPOINT_KEYS: [(&str, Service); 4] = [
    ("BlobEndpoint", Service::StorageBlob),
    ("QueueEndpoint", Service::StorageQueue),
    ("TableEndpoint", Service::StorageTable),
    ("FileEndpoint", Service::StorageFile),
];

/// The services an account SAS is signed for: its `ss=` letters (`bfqt`), in lower case text.
fn signed_services(lower: &str) -> Option<&str> {
    lower.split(['?', '&', ';', '"', '\'']).find_map(|p| p.strip_prefix("ss="))
}

/// The service an Azure host name belongs to.
pub fn service_of_host(host: &str) -> Option<Service> {
    let h = host.to_ascii_lowercase();
    let table: &[(&str, Service)] = &[
        (".blob.core.", Service::StorageBlob),
        (".queue.core.", Service::StorageQueue),
        (".table.core.", Service::StorageTable),
        (".file.core.", Service::StorageFile),
        (".dfs.core.", Service::StorageDatalake),
        (".servicebus.", Service::ServiceBus),
        (".documents.azure.", Service::CosmosDb),
        (".table.cosmos.azure.", Service::CosmosDb),
        (".mongo.cosmos.azure.", Service::CosmosDb),
        // Azure Cosmos DB for MongoDB vCore clusters.
        (".mongocluster.cosmos.azure.", Service::CosmosDb),
        (".vault.azure.", Service::KeyVault),
        (".vault.usgovcloudapi.", Service::KeyVault),
        (".azconfig.io", Service::AppConfiguration),
        (".database.windows.net", Service::Sql),
        (".database.chinacloudapi.cn", Service::Sql),
        (".database.usgovcloudapi.net", Service::Sql),
        (".postgres.database.", Service::Postgresql),
        (".mysql.database.", Service::Mysql),
        (".redis.cache.", Service::Redis),
        (".redis.azure.net", Service::Redis),
        (".openai.azure.com", Service::Openai),
        (".cognitiveservices.azure.com", Service::AiServices),
        (".api.cognitive.microsoft.com", Service::AiServices),
        (".services.ai.azure.com", Service::AiServices),
        (".search.windows.net", Service::AiSearch),
        (".eventgrid.azure.net", Service::EventGrid),
        (".service.signalr.net", Service::Signalr),
        (".webpubsub.azure.com", Service::WebPubsub),
    ];
    table.iter().find(|(s, _)| h.contains(s)).map(|(_, svc)| *svc)
}

/// A secret found inside a text, with its span in that text.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretHit {
    pub kind: CredentialKind,
    pub service: Service,
    pub value: String,
    pub span: Range<usize>,
    pub resource: Option<String>,
    /// True when the secret sits inside a connection string (the whole string is the credential).
    pub in_connection_string: bool,
}

static KV_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[;,\s\x22'`(&?])(AccountKey|SharedAccessKey|AccessKey|Secret|Password|Pwd|AppKey|SharedAccessSignature|ClientSecret)\s*=\s*([^;,\x22'`\s][^;\x22'`\r\n]*)").unwrap()
});
static SAS_SIG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)[?&;]sig=([A-Za-z0-9%+/=_-]{16,})").unwrap());
/// An Event Grid (or Service Bus-style) SAS: `r=<resource>&e=<expiry>&s=<signature>`.
static RES_SAS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[\s?&;\x22'=])r=([^&\s\x22';]+)&e=[^&\s\x22';]+&s=([A-Za-z0-9%+/=_-]{20,})").unwrap());

/// A PostgreSQL (libpq) keyword/value connection string: `host=… dbname=… user=… password=…`, no `;`.
fn is_libpq_conninfo(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    !text.contains(';') && ["host=", "dbname=", "user="].iter().filter(|k| lower.contains(*k)).count() >= 2
}

/// Does the value carry a real SAS signature (`…&sig=<16+ base64 characters>`), not `sig=...`?
pub fn has_sas_signature(value: &str) -> bool {
    static BARE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?:^|[?&;])sig=[A-Za-z0-9%+/=_-]{16,}").unwrap());
    BARE.is_match(value.trim())
}
static URI_CRED: LazyLock<Regex> = LazyLock::new(|| {
    // A Cosmos DB for MongoDB key is base64 and keeps its `/` in the portal's URLs (only `=` is
    // escaped, as `%3D`): a long base64 run may hold slashes, other passwords may not.
    Regex::new(r"(?i)\b(rediss?|postgres(?:ql)?(?:\+\w+)?|mysql(?:\+\w+)?|mongodb(?:\+srv)?|mssql(?:\+\w+)?|sqlserver|amqps?)://([^:/@\s\x22']*):((?:[A-Za-z0-9+/]{40,}(?:%3D|=){0,2})|[^@/\s\x22']+)@([^/\s:;?\x22',]+)").unwrap()
});
/// Celery/kombu broker URLs on Azure: `azureservicebus://POLICY:SAS_KEY@NAMESPACE`,
/// `azurestoragequeues://:ACCOUNT_KEY@ACCOUNT` (kombu also takes `DefaultAzureCredential@...`).
static KOMBU_CRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(azureservicebus|azurestoragequeues)://(?:[^:@\s\x22'/]*:)?([^@\s\x22']{16,})@([^/\s:;?\x22',]+)").unwrap()
});
/// Airflow's WASB connection as a URI (`AIRFLOW_CONN_X=wasb://ACCOUNT:URL_ENCODED_KEY@`): login is the
/// account name, password the account key.
static WASB_CRED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bwasbs?://([^:@\s\x22'/]+):([^@\s\x22']{20,})@").unwrap());
static ENTRA_SECRET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?:$|[^A-Za-z0-9_~.-])").unwrap());

/// Words at least one of which every secret pattern below needs: the key names of `KV_SECRET`,
/// `sig=`, `://` and the Entra secret's `Q~`. Most lines hold none and cost one automaton pass.
static SECRET_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["accountkey", "accesskey", "secret", "password", "pwd", "appkey", "sharedaccesssignature", "sig=", "://", "q~", "&s="])
        .expect("secret words compile")
});

/// Every secret inside `text` (a code string, a config value, a line of another text file).
pub fn find_secrets(text: &str) -> Vec<SecretHit> {
    let mut hits: Vec<SecretHit> = Vec::new();
    if !SECRET_WORDS.is_match(text) {
        return hits;
    }
    // Classifying parses the whole string: only done once a pattern has matched.
    let classified = std::cell::OnceCell::new();
    let info = || classified.get_or_init(|| classify(text));
    let libpq = std::cell::OnceCell::new();
    for cap in KV_SECRET.captures_iter(text) {
        let info = info();
        let key = cap[1].to_ascii_lowercase();
        let m = cap.get(2).unwrap();
        let raw = m.as_str().trim_end();
        let value = raw.split(HOLE).next().unwrap_or("");
        // A URL's query (`host:6380?ssl=true&password=KEY`, ServiceStack.Redis) ends a value at `&`.
        let in_query = cap.get(0).is_some_and(|m| matches!(m.as_str().as_bytes().first(), Some(b'&' | b'?')));
        let value = if in_query { value.split('&').next().unwrap_or("") } else { value };
        // StackExchange.Redis strings separate options with commas: `host:6380,password=KEY,ssl=True`.
        let value = if info.service == Some(Service::Redis) && !text.contains(';') { value.split(',').next().unwrap_or("") } else { value };
        // A libpq keyword/value string separates settings with spaces: `host=h dbname=d password=pw sslmode=require`.
        let value = if *libpq.get_or_init(|| is_libpq_conninfo(text)) { value.split_whitespace().next().unwrap_or("") } else { value };
        // ODBC and Prisma quote a value holding symbols in braces (`password={Z4fr#1*FH}`); a braced
        // word (`{password}`, `{0}`) is a format placeholder.
        let (value, brace) = match value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
            Some(inner)
                if matches!(key.as_str(), "password" | "pwd")
                    && inner.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))) =>
            {
                (inner, 1)
            }
            _ => (value, 0),
        };
        if info.emulator || info.passwordless && key != "password" && key != "pwd" {
            continue;
        }
        // Account and shared access keys are base64 key material; prose or code after the word
        // (`accountKey = env.get(` in a README) is not.
        let base64 = |v: &str| v.len() >= 20 && v.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
        if matches!(key.as_str(), "accountkey" | "sharedaccesskey" | "accesskey") && !base64(value) && !secrets::is_placeholder(value) {
            continue;
        }
        let (kind, service) = match key.as_str() {
            "accountkey" => (
                CredentialKind::ConnectionString,
                if info.service == Some(Service::CosmosDb) { Service::CosmosDb } else { info.service.unwrap_or(Service::Storage) },
            ),
            _ if info.uncatalogued && matches!(key.as_str(), "sharedaccesskey" | "accesskey") => {
                (CredentialKind::ConnectionString, Service::Unknown)
            }
            "sharedaccesskey" => {
                (CredentialKind::ConnectionString, info.service.filter(|s| *s != Service::Unknown).unwrap_or(Service::ServiceBus))
            }
            "accesskey" => (CredentialKind::ConnectionString, info.service.filter(|s| *s != Service::Unknown).unwrap_or(Service::Signalr)),
            "secret" => {
                // An App Configuration access key's secret is 32 bytes in base64 (44 characters): a
                // short one (`Secret=dGVzdA==` in a test) is a fake.
                if info.service != Some(Service::AppConfiguration) || value.len() < 20 {
                    continue;
                }
                (CredentialKind::ConnectionString, Service::AppConfiguration)
            }
            "clientsecret" => (CredentialKind::ClientSecret, Service::EntraId),
            "appkey" => (CredentialKind::ClientSecret, Service::EntraId),
            "password" | "pwd" => {
                if info.passwordless && value.is_empty() {
                    continue;
                }
                // `Server=localhost,1433;...;PWD=...`: the developer's or a test's database.
                if info.resource.as_deref().is_some_and(is_local_host) {
                    continue;
                }
                (
                    CredentialKind::Password,
                    info.service.filter(|s| *s != Service::Unknown && *s != Service::Storage).unwrap_or(Service::Unknown),
                )
            }
            "sharedaccesssignature" => {
                let lower = value.to_ascii_lowercase();
                if !lower.contains("sig=") {
                    continue;
                }
                // `BlobEndpoint=…;SharedAccessSignature=…ss=b…`: a SAS for the one service its endpoint names.
                let several = signed_services(&lower).is_some_and(|ss| ss.len() > 1);
                (
                    CredentialKind::SasToken,
                    info.service.filter(|s| !s.is_storage() || *s != Service::Storage && !several).unwrap_or(Service::Storage),
                )
            }
            _ => continue,
        };
        let valid = match kind {
            CredentialKind::Password => secrets::looks_like_password(value),
            // `ClientSecret = clientSecret;` in code is an assignment, not a secret: demand the shape.
            CredentialKind::ClientSecret => secrets::looks_like_client_secret(value),
            CredentialKind::SasToken => !secrets::is_placeholder(value),
            _ => !secrets::is_placeholder(value) && value.len() >= 8,
        };
        if !valid || raw.len() != value.len() && value.len() < 8 {
            continue;
        }
        // For a SAS the secret is the signature: its span is the signature's, inside the value.
        let (value, start) = match SAS_SIG.captures(value).filter(|_| kind == CredentialKind::SasToken) {
            Some(c) => (c[1].to_owned(), m.start() + c.get(1).unwrap().start()),
            None => (value.to_owned(), m.start() + brace),
        };
        // A text line (YAML, Markdown) is not one connection string: when the line as a whole names
        // no resource, the connection string around the pair may (`BlobEndpoint=...;SharedAccessSignature=`).
        let resource = info.resource.clone().or_else(|| classify(enclosing(text, cap.get(1).unwrap().start(), m.end())).resource);
        hits.push(SecretHit { kind, service, span: start..start + value.len(), value, resource, in_connection_string: true });
    }
    if SAS_SIG.is_match(text) && !info().emulator {
        // Computed once: a long line of signatures must not cost a copy of the line per signature.
        let lower = text.to_ascii_lowercase();
        let signed = lower.contains("sv=") || lower.contains("se=") || lower.contains("sr=");
        let services = signed_services(&lower);
        let several_services = services.is_some_and(|ss| ss.len() > 1);
        // A bare token says its one service in `ss=` (`ss=b`), when no URL names it.
        let one_service = match services {
            Some("b") => Some(Service::StorageBlob),
            Some("q") => Some(Service::StorageQueue),
            Some("t") => Some(Service::StorageTable),
            Some("f") => Some(Service::StorageFile),
            _ => None,
        };
        let host = text.split("://").nth(1).and_then(|r| r.split(['/', '?']).next()).unwrap_or("");
        // Signatures never overlap each other: check them against the key=value hits only (linear).
        let kv = hits.len();
        for cap in SAS_SIG.captures_iter(text) {
            let m = cap.get(1).unwrap();
            let sig = m.as_str().split(HOLE).next().unwrap_or("");
            if sig.len() < 16 || secrets::is_placeholder(sig) || hits[..kv].iter().any(|h| overlaps(&h.span, &m.range())) {
                continue;
            }
            // A SAS has its signed fields around the signature (sv=, se=, sp=, sr=).
            if !signed {
                continue;
            }
            // A storage SAS is signed with an account key (or a user delegation key). An account SAS for
            // several services (`ss=bfqt`) is the account's, whichever host the URL names; a service SAS
            // (`sr=c`), or an account SAS for one service (`ss=b`), grants that service only.
            let service = match service_of_host(host) {
                Some(s) if s.is_storage() && several_services => Service::Storage,
                Some(s) => s,
                None if lower.contains("servicebus") => Service::ServiceBus,
                None => one_service.unwrap_or(Service::Storage),
            };
            hits.push(SecretHit {
                kind: CredentialKind::SasToken,
                service,
                value: sig.to_owned(),
                span: m.start()..m.start() + sig.len(),
                resource: host.split('.').next().filter(|h| !h.is_empty()).map(str::to_owned),
                in_connection_string: false,
            });
        }
    }
    for cap in RES_SAS.captures_iter(text) {
        let m = cap.get(2).unwrap();
        let sig = m.as_str();
        if secrets::is_placeholder(sig) || hits.iter().any(|h| overlaps(&h.span, &m.range())) {
            continue;
        }
        // The resource is URL-encoded (`https%3a%2f%2ftopic.westeurope-1.eventgrid.azure.net%2fapi%2fevents`).
        let resource = cap[1].to_ascii_lowercase().replace("%3a", ":").replace("%2f", "/");
        let host = resource.split("://").nth(1).unwrap_or(&resource).split(['/', '?']).next().unwrap_or("").to_owned();
        let service = service_of_host(&host).unwrap_or(Service::EventGrid);
        hits.push(SecretHit {
            kind: CredentialKind::SasToken,
            service,
            value: sig.to_owned(),
            span: m.range(),
            resource: host.split('.').next().filter(|h| !h.is_empty()).map(str::to_owned),
            in_connection_string: false,
        });
    }
    for cap in URI_CRED.captures_iter(text) {
        let m = cap.get(3).unwrap();
        let password = m.as_str();
        if secrets::is_placeholder(password) || password.len() < 6 || hits.iter().any(|h| overlaps(&h.span, &m.range())) {
            continue;
        }
        let host = cap[4].to_ascii_lowercase();
        // A single-label host is a container beside the app (`@postgres/airflow`, `@redis:6379`): every
        // Azure database and cache has a DNS name.
        if is_local_host(&host) {
            continue;
        }
        let scheme = cap[1].to_ascii_lowercase();
        let service = if scheme.starts_with("redis") {
            Service::Redis
        } else if scheme.starts_with("postgres") {
            Service::Postgresql
        } else if scheme.starts_with("mysql") {
            Service::Mysql
        } else if scheme.starts_with("mongodb") {
            // Cosmos DB for MongoDB: the password is the account key. Other MongoDB hosts (Atlas,
            // self-hosted) are not Azure.
            if !(host.contains(".cosmos.azure.") || host.contains(".documents.azure.")) {
                continue;
            }
            Service::CosmosDb
        } else if scheme.starts_with("amqp") {
            // AMQP to a Service Bus namespace; RabbitMQ and other brokers are not Azure.
            if !host.contains(".servicebus.") {
                continue;
            }
            Service::ServiceBus
        } else {
            Service::Sql
        };
        hits.push(SecretHit {
            kind: if service == Service::CosmosDb { CredentialKind::ConnectionString } else { CredentialKind::Password },
            service,
            value: password.to_owned(),
            span: m.range(),
            resource: Some(host),
            in_connection_string: true,
        });
    }
    for cap in KOMBU_CRED.captures_iter(text) {
        let m = cap.get(2).unwrap();
        let key = m.as_str();
        if key.ends_with("Credential") || secrets::is_placeholder(key) || hits.iter().any(|h| overlaps(&h.span, &m.range())) {
            continue;
        }
        let (kind, service) = if cap[1].eq_ignore_ascii_case("azureservicebus") {
            (CredentialKind::ConnectionString, Service::ServiceBus)
        } else {
            (CredentialKind::AccountKey, Service::Storage)
        };
        let host = cap[3].to_ascii_lowercase();
        let resource = Some(host.split('.').next().unwrap_or(&host).to_owned());
        hits.push(SecretHit { kind, service, value: key.to_owned(), span: m.range(), resource, in_connection_string: true });
    }
    for cap in WASB_CRED.captures_iter(text) {
        let m = cap.get(2).unwrap();
        if secrets::is_placeholder(m.as_str()) || hits.iter().any(|h| overlaps(&h.span, &m.range())) {
            continue;
        }
        let resource = Some(cap[1].to_ascii_lowercase());
        let (kind, service, value) = (CredentialKind::AccountKey, Service::Storage, m.as_str().to_owned());
        hits.push(SecretHit { kind, service, value, span: m.range(), resource, in_connection_string: true });
    }
    for cap in ENTRA_SECRET.captures_iter(text) {
        let m = cap.get(1).unwrap();
        if hits.iter().any(|h| overlaps(&h.span, &m.range())) || secrets::is_placeholder(m.as_str()) {
            continue;
        }
        hits.push(SecretHit {
            kind: CredentialKind::ClientSecret,
            service: Service::EntraId,
            value: m.as_str().to_owned(),
            span: m.range(),
            resource: None,
            in_connection_string: false,
        });
    }
    hits.sort_by_key(|h| h.span.start);
    hits
}

/// The connection string that holds the `key=value` pair starting at `key` and ending at `end`:
/// back to the nearest quote, backtick, parenthesis or whitespace (at most 2 KiB back, so a line of
/// many pairs stays linear).
fn enclosing(text: &str, key: usize, end: usize) -> &str {
    let mut lo = key.saturating_sub(2048);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let start = text[lo..key].rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '(')).map_or(lo, |i| lo + i + 1);
    &text[start..end]
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Storage endpoint for a sub-service (`blob`, `queue`, `table`, `file`, `dfs`) from a connection string.
pub fn storage_endpoint(text: &str, sub: &str) -> Option<String> {
    let cs = ConnStr::parse(text)?;
    let explicit = match sub {
        "blob" => cs.get("BlobEndpoint"),
        "queue" => cs.get("QueueEndpoint"),
        "table" => cs.get("TableEndpoint"),
        "file" => cs.get("FileEndpoint"),
        _ => None,
    };
    if let Some(ep) = explicit {
        return Some(ep.trim_end_matches('/').to_owned());
    }
    let account = cs.get("AccountName")?;
    let suffix = cs.get("EndpointSuffix").unwrap_or("core.windows.net");
    let scheme = cs.get("DefaultEndpointsProtocol").unwrap_or("https");
    if account.contains(HOLE) || suffix.contains(HOLE) {
        return None;
    }
    Some(format!("{scheme}://{account}.{sub}.{suffix}"))
}

/// Classify a connection string or a URL (`rediss://:<key>@host:6380`), whichever `text` is.
pub fn classify_any(text: &str) -> ConnInfo {
    if text.contains("://") { classify_url(text) } else { classify(text) }
}

/// Does a connection string or URL point at the developer's machine or a container beside the app?
pub fn points_local(text: &str) -> bool {
    resource_is_local(&classify_any(text))
}

/// Is a classified connection's resource (`tcp:localhost,1433`, `127.0.0.1:5432`) a local host?
pub fn resource_is_local(info: &ConnInfo) -> bool {
    // A storage account's resource is its name (`AccountName=auctions`), not a host.
    if info.service.is_some_and(Service::is_storage) {
        return false;
    }
    let host = info.resource.as_deref().unwrap_or("").trim_start_matches("tcp:");
    !host.is_empty() && is_local_host(host.split([',', ':', '\\']).next().unwrap_or(""))
}

/// Is this host the developer's machine or a container beside the app (`localhost`, `127.0.0.1`,
/// `postgres`, `host.docker.internal`)? Every Azure database and cache has a DNS name.
pub fn is_local_host(host: &str) -> bool {
    // `tcp:localhost,1433`, `127.0.0.1:5432`: the host without protocol and port.
    let host = host.trim().to_ascii_lowercase();
    let host = host.trim_start_matches("tcp:");
    let host = host.split([',', '\\']).next().unwrap_or("");
    let host = if host.matches(':').count() == 1 { host.split(':').next().unwrap_or("") } else { host };
    // A Kubernetes service inside the cluster (`rabbitmq.telemetry.svc.cluster.local`) is beside the app.
    host.ends_with(".svc.cluster.local")
        || host.ends_with(".cluster.local")
        || host.starts_with("(localdb)")
        || host == "."
        || host == "localhost"
        || host.starts_with("127.")
        || host == "::1"
        || host == "host.docker.internal"
        || !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sas_needs_a_real_signature_and_names_the_services_it_grants() {
        assert!(has_sas_signature("sv=2024-11-04&sr=c&sig=yyqJgSH2kRWmUd7O1APdpshyPUtYqFdptJqHiP5Reso%3D"));
        assert!(!has_sas_signature("sv=...&sig=..."));
        assert!(!has_sas_signature("https://{0}.blob.core.windows.net/{1}?sv=2022-11-02&sp=r&sig={2}"));
        let sig = "sig=8HD5jvgf0Ui1U3OWJjO3oepdLRYG4AwXEExxga9eB1Q%3D";
        let service = |url: String| find_secrets(&url).first().map(|h| h.service);
        assert_eq!(service(format!("https://a.blob.core.windows.net/c?sv=2022-11-02&ss=bfqt&srt=sco&{sig}")), Some(Service::Storage));
        // An account SAS for one service, or a service SAS, grants the service its URL names.
        assert_eq!(service(format!("https://a.queue.core.windows.net/q?sv=2022-11-02&ss=q&srt=sco&{sig}")), Some(Service::StorageQueue));
        assert_eq!(service(format!("https://a.blob.core.windows.net/c?sv=2022-11-02&sr=c&{sig}")), Some(Service::StorageBlob));
        // No host: the one service `ss=` names, or the account's.
        assert_eq!(service(format!("?sv=2022-11-02&sr=c&{sig}")), Some(Service::Storage));
        assert_eq!(service(format!("sv=2022-11-02&ss=b&srt=co&sp=rl&{sig}")), Some(Service::StorageBlob));
        // Event Grid's own SAS: resource, expiry, signature.
        let eg = "r=https%3a%2f%2faudit.westeurope-1.eventgrid.azure.net%2fapi%2fevents&e=12%2f31%2f2026%2011%3a59%3a00%20PM&s=YMR6jSHTSWXWThFDaDHnRgRPjknZB%2BVQYFW%2BWUX55x8%3D";
        let hits = find_secrets(eg);
        assert_eq!((hits.len(), hits[0].kind, hits[0].service), (1, CredentialKind::SasToken, Service::EventGrid));
        assert!(find_secrets("r=https%3a%2f%2faudit.eventgrid.azure.net&e=2026&s=<signature>").is_empty());
    }

    #[test]
    fn a_password_in_url_user_info_is_seen_written_or_filled_in() {
        let hole = crate::secrets::HOLE;
        assert!(url_userinfo_password("rediss://:s3cr3tKey=@cache.redis.cache.windows.net:6380/0"));
        assert!(url_userinfo_password(&format!("rediss://:{hole}@{hole}:6380/0?ssl_cert_reqs=required")));
        assert!(url_userinfo_password(&format!("postgresql://app:{hole}@db.postgres.database.azure.com/orders")));
        assert!(!url_userinfo_password("rediss://cache.redis.cache.windows.net:6380/0"));
        assert!(!url_userinfo_password("postgresql://app@db.postgres.database.azure.com/orders?password=x"));
        assert!(!url_userinfo_password("https://example.com/path:with@colon"));
        // A key the resolver filled in from a config file, not URL-encoded.
        assert!(url_userinfo_password("rediss://:53qdiezhUFPgJx+sCGBi/7L6/wk6gwjUORkW1Y=@cache.redis.cache.windows.net:6380"));
    }

    const KEY88: &str = "k3Jx9QvR2mTz8wXy7LpN4sD6fG1hJ0cA5eU8iO3rT6yW9zQ2xC4vB7nM1kL5jH8gF0dS3aP6oI9uY2tR5eW8qA==";

    /// (text, expected kinds/services) — Nosey Parker style examples, checked in one loop.
    fn examples() -> Vec<(String, Vec<(CredentialKind, Service)>)> {
        vec![
            (format!("DefaultEndpointsProtocol=https;AccountName=contosoprod;AccountKey={KEY88};EndpointSuffix=core.windows.net"),
             vec![(CredentialKind::ConnectionString, Service::Storage)]),
            (format!("AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey={KEY88};"),
             vec![(CredentialKind::ConnectionString, Service::CosmosDb)]),
            ("Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Jx0Qd3kV9mN2pR5sT8wY1zB4cE7fH0jK3lM6nP9qS2u=".into(),
             vec![(CredentialKind::ConnectionString, Service::ServiceBus)]),
            ("Endpoint=https://contoso-cfg.azconfig.io;Id=Ab12-l0-s0:Xy9zQwErTy;Secret=Zk3mQ9xR2vT8wY1zB4cE7fH0jK3lM6nP9qS2uVw5Ab8=".into(),
             vec![(CredentialKind::ConnectionString, Service::AppConfiguration)]),
            ("Endpoint=https://contoso.service.signalr.net;AccessKey=Jx0Qd3kV9mN2pR5sT8wY1zB4cE7fH0jK3lM6nP9qS2u=;Version=1.0;".into(),
             vec![(CredentialKind::ConnectionString, Service::Signalr)]),
            ("Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=shop;User ID=app;Password=Tr0ub4dor&3x;Encrypt=True;".into(),
             vec![(CredentialKind::Password, Service::Sql)]),
            ("Host=contoso-pg.postgres.database.azure.com;Database=orders;Username=app;Password=Pg!9x7Wq2;SslMode=Require".into(),
             vec![(CredentialKind::Password, Service::Postgresql)]),
            ("rediss://:Zk3mQ9xR2vT8wY1zB4cE7fH0jK3lM6nP9qS2uVw5Ab8=@contoso.redis.cache.windows.net:6380/0".into(),
             vec![(CredentialKind::Password, Service::Redis)]),
            ("https://contoso.blob.core.windows.net/uploads?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=q8Vb3kRm2Tz9wXy7LpN4sD6fG1hJ0cA5eU8iO3r%3D".into(),
             vec![(CredentialKind::SasToken, Service::StorageBlob)]),
            ("RunAs=App;AppId=0f8fad5b-d9cb-469f-a165-70867728950e;TenantId=72f988bf-86f1-41af-91ab-2d7cd011db47;AppKey=Xk28Q~abcDEF123ghiJKL456mnoPQR789stuVWX0".into(),
             vec![(CredentialKind::ClientSecret, Service::EntraId)]),
            // Services outside the catalog: a key of no known service, not Service Bus's or SignalR's.
            ("HostName=plant-iot.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=Vb3Nm6Po0As5Df3Gh7Jk2Lz9Hk3Jd9Fm2Lq7Wz4Xc8A=".into(),
             vec![(CredentialKind::ConnectionString, Service::Unknown)]),
            ("endpoint=https://plant-acs.communication.azure.com/;accesskey=Rk7mQ2vX9pL4sT8wB1nC6zF3hJ5dG0aK2eY7uI4oP9Mx1Lw3Nc8Xb5Vq1Mz7Kr4Ts9Hy3Gd6Fj0Pe5Ua2Io8Qm1==".into(),
             vec![(CredentialKind::ConnectionString, Service::Unknown)]),
            // An Event Hubs namespace named for the service.
            ("Endpoint=sb://plant-eh-prod.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=Tr5Yu8Io2Pa4Sd7Fg1Hj3Kl6Zx9Cv0Bn2Mq5We8Rt1=;EntityPath=telemetry".into(),
             vec![(CredentialKind::ConnectionString, Service::EventHubs)]),
        ]
    }

    const NEGATIVE_EXAMPLES: &[&str] = &[
        "UseDevelopmentStorage=true",
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
        "AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
        "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net",
        "Server=tcp:contoso.database.windows.net;Database=shop;Authentication=Active Directory Default;Encrypt=True",
        "Server=.;Database=shop;Trusted_Connection=True;",
        "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        "https://contoso.blob.core.windows.net/public/logo.png",
        "Endpoint=https://contoso.service.signalr.net;AuthType=azure.msi;Version=1.0;",
        "Password=${DB_PASSWORD}",
    ];

    #[test]
    fn examples_match_and_negative_examples_do_not() {
        for (text, want) in examples() {
            let got: Vec<_> = find_secrets(&text).iter().map(|h| (h.kind, h.service)).collect();
            assert_eq!(got, want, "example: {text}");
        }
        for text in NEGATIVE_EXAMPLES {
            assert!(find_secrets(text).is_empty(), "negative example matched: {text} -> {:?}", find_secrets(text));
        }
    }

    /// Issue 10: a SAS in a connection string names its account by its endpoint, also when the
    /// connection string sits in a line of YAML or Markdown rather than a string of its own.
    #[test]
    fn issue_10_a_sas_in_a_connection_string_takes_its_account_from_the_endpoint() {
        let sas = "sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=q8Vb3kRm2Tz9wXy7LpN4sD6fG1hJ0cA5eU8iO3r%3D";
        for (text, account) in [
            (format!("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature={sas}"), "acct"),
            (format!("QueueEndpoint=https://acct2.queue.core.windows.net;SharedAccessSignature={sas}"), "acct2"),
            (format!("  conn: \"BlobEndpoint=https://yamlacct.blob.core.windows.net/;SharedAccessSignature={sas}\""), "yamlacct"),
            (format!("Storage: BlobEndpoint=https://mdacct.blob.core.windows.net/;SharedAccessSignature={sas}"), "mdacct"),
            (
                format!(
                    "a=`TableEndpoint=https://first.table.core.windows.net/;SharedAccessSignature={sas}` b=`FileEndpoint=https://second.file.core.windows.net/;SharedAccessSignature={sas}`"
                ),
                "first",
            ),
        ] {
            let hits = find_secrets(&text);
            assert!(!hits.is_empty(), "{text}");
            assert_eq!(hits[0].kind, CredentialKind::SasToken, "{text}");
            assert_eq!(hits[0].resource.as_deref(), Some(account), "{text}");
        }
        let two = format!(
            "a=`TableEndpoint=https://first.table.core.windows.net/;SharedAccessSignature={sas}` b=`FileEndpoint=https://second.file.core.windows.net/;SharedAccessSignature={sas}`"
        );
        let accounts: Vec<_> = find_secrets(&two).into_iter().map(|h| h.resource).collect();
        assert_eq!(accounts, [Some("first".to_owned()), Some("second".to_owned())]);
    }

    #[test]
    fn derives_storage_endpoints() {
        let cs = format!("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={KEY88};EndpointSuffix=core.chinacloudapi.cn");
        assert_eq!(storage_endpoint(&cs, "blob").as_deref(), Some("https://acct.blob.core.chinacloudapi.cn"));
        assert_eq!(classify(&cs).resource.as_deref(), Some("acct"));
    }
}
