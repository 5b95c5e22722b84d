//! Setting and variable names: which names hold secrets, and which service a name points at.
//! `AZURE_STORAGE_ACCOUNT_KEY`, `cosmosKey`, `SearchApiKey`, `DB_PASSWORD`, `ClientSecret`.

use crate::finding::{CredentialKind, Service};
use crate::secrets;

/// Lowercase, letters and digits only: `AZURE_STORAGE_KEY` → `azurestoragekey`.
pub fn normalize(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

/// The service a name suggests, if any.
pub fn service_of_name(name: &str) -> Option<Service> {
    let n = normalize(name);
    let table: &[(&[&str], Service)] = &[
        (&["datalake", "adls", "dfs"], Service::StorageDatalake),
        (&["cosmos", "documentdb", "docdb"], Service::CosmosDb),
        (&["servicebus"], Service::ServiceBus),
        (&["eventhub"], Service::EventHubs),
        (&["openai", "aoai", "gpt"], Service::Openai),
        (&["search"], Service::AiSearch),
        (&["eventgrid", "topickey", "aegsas"], Service::EventGrid),
        (&["webpubsub"], Service::WebPubsub),
        (&["signalr"], Service::Signalr),
        (&["appconfig"], Service::AppConfiguration),
        (
            &[
                "speech",
                "cognitive",
                "translator",
                "vision",
                "formrecognizer",
                "documentintelligence",
                "docintel",
                "textanalytics",
                "contentsafety",
                "language",
                "aiservice",
                // Haystack's and Azure AI Foundry samples' `AZURE_AI_API_KEY`.
                "azureaiapikey",
                "azureaikey",
                "faceapi",
                "computervision",
            ],
            Service::AiServices,
        ),
        (&["redis"], Service::Redis),
        (&["postgres", "pgpass", "pghost", "psql", "npgsql"], Service::Postgresql),
        (&["mysql", "mariadb"], Service::Mysql),
        (&["mssql", "sqlserver", "sqlazure", "azuresql", "sqldb", "sqlpassword", "sqlconn"], Service::Sql),
        (&["storage", "blob", "accountkey", "queue", "table", "fileshare"], Service::Storage),
        (&["clientsecret", "appsecret", "aadsecret", "entra", "azuread", "msal", "spsecret", "serviceprincipal"], Service::EntraId),
        (&["keyvault", "vault"], Service::KeyVault),
    ];
    table
        .iter()
        .find(|(words, _)| {
            words.iter().any(|w| n.contains(w) && (*w != "vision" || azure_vision(name)) && (*w != "psql" || says_psql(name)))
        })
        .map(|(_, s)| *s)
        // `ALERTS_EH_KEY`: Event Hubs' usual abbreviation, as a word of the name.
        .or_else(|| segments(name).any(|w| w == "eh").then_some(Service::EventHubs))
}

/// The words of a setting's name, lowercased: `ALERTS_EH_KEY` → alerts, eh, key; `ehKey` → eh, key.
fn segments(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if (!c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && prev_lower)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.into_iter()
}

/// `psql` is PostgreSQL's when a word of the name begins with it (`PSQL_PASSWORD`, `psqlConn`), not
/// when two words meet in it (`ERP_SQL_PASSWORD`: "erp" + "sql").
fn says_psql(name: &str) -> bool {
    segments(name).any(|w| w.starts_with("psql"))
}

/// `vision` is Azure's (`VISION_KEY`, `EXPO_PUBLIC_VISION_KEY`, `ComputerVision`, `CustomVision`) when
/// it starts a segment of the name or follows Azure's own words in it; a vendor's product
/// (`PlateVision:ApiKey`) is not.
fn azure_vision(name: &str) -> bool {
    name.split(|c: char| !c.is_ascii_alphanumeric()).any(|segment| {
        let segment = segment.to_ascii_lowercase();
        segment.match_indices("vision").any(|(at, _)| {
            let before = &segment[..at];
            before.is_empty() || ["computer", "custom", "azure", "ai", "cognitive", "ms"].iter().any(|w| before.ends_with(w))
        })
    })
}

/// Does a setting's name say Event Hubs (`EventHubConnection`, `TELEMETRY_EH_CONNECTION`)? Service Bus
/// and Event Hubs share the connection-string syntax.
pub fn says_event_hubs(name: &str) -> bool {
    let n = normalize(name);
    // `TelemetryHub`, `ConnectionStrings:IngestHub`: a Service Bus-style string for a "hub" is an event hub's.
    // Service Bus has no Kafka endpoint: `METER_KAFKA_CONNECTION_STRING` is an Event Hubs namespace's.
    n.contains("eventhub") || n.ends_with("hub") || n.contains("kafka") || segments(name).any(|w| w == "eh")
}

/// A password setting that names an app's own sign-in or a non-database protocol (`GRADIO_AUTH_PASSWORD`,
/// `ADMIN_PASSWORD`, `SMTP_PASSWORD`, `CERT_PASSWORD`) rather than a database's.
pub fn names_non_database_password(name: &str) -> bool {
    let n = normalize(name);
    let database = ["db", "database", "sql", "postgres", "pg", "mysql", "maria", "redis", "cache", "conn"].iter().any(|w| n.contains(w));
    !database
        && [
            "auth",
            "admin",
            "superuser",
            "smtp",
            "mail",
            "ftp",
            "ldap",
            "pfx",
            "cert",
            "keystore",
            "truststore",
            "jks",
            "vnc",
            "rdp",
            "user",
            "seed",
            "demo",
        ]
        .iter()
        .any(|w| n.contains(w))
}

/// Vendors outside Azure whose keys apps keep beside Azure's (`TWILIO_AUTH_TOKEN`, `Datadog:ApiKey`,
/// `aws_secret_access_key`): a name that says one of them holds no Azure secret.
const THIRD_PARTY: &[&str] = &[
    "twilio",
    "datadog",
    "ddapikey",
    "ddappkey",
    "sentry",
    "stripe",
    "sendgrid",
    "mailgun",
    "mailchimp",
    "mapbox",
    "slack",
    "github",
    "gitlab",
    "aws",
    "google",
    "firebase",
    "algolia",
    "pusher",
    "newrelic",
    "pagerduty",
    "segment",
    "mixpanel",
    "shopify",
    "paypal",
    "braintree",
    "plaid",
    "cloudflare",
    "heroku",
    "dockerhub",
    "npmtoken",
    "anthropic",
    "langsmith",
    "langchain",
    "huggingface",
    "postmark",
    "okta",
    "auth0",
    "contentful",
    "launchdarkly",
    "mlflow",
];

/// Does a name (a setting, a variable) say it belongs to a vendor outside Azure, or is the app's own
/// signing secret (`Jwt:AuthKeyBase64`, `<machineKey>`, a session cookie's secret, a licence key)?
pub fn names_third_party(name: &str) -> bool {
    let n = normalize(name);
    THIRD_PARTY.iter().any(|v| n.contains(v)) || APP_OWN.iter().any(|v| n.contains(v))
}

/// Secrets an app keeps for itself: no Azure service takes them. (`authentication.secret` is what
/// Feathers signs its JWTs with.)
const APP_OWN: &[&str] =
    &["jwt", "machinekey", "sessionsecret", "cookiesecret", "secretkeybase", "license", "licence", "authenticationsecret"];

/// Does a name say "I hold a secret"? Returns the kind and a service hint.
pub fn secret_name(name: &str) -> Option<(CredentialKind, Option<Service>)> {
    // Fast reject: every secret name below holds one of these.
    let lower = name.to_ascii_lowercase();
    if !["key", "secret", "pass", "pwd", "sas", "token", "signature"].iter().any(|w| lower.contains(w)) {
        return None;
    }
    let n = normalize(name);
    // azure-servicebus 0.x's `shared_access_key_value`, `SERVICEBUS_KEY_VALUE`: the key's value.
    let n = match n.strip_suffix("value") {
        Some(m) if m.ends_with("key") || m.ends_with("secret") => m.to_owned(),
        _ => n,
    };
    if THIRD_PARTY.iter().any(|v| n.contains(v)) {
        return None;
    }
    if n.is_empty()
        || n.contains("connectionstring")
        || n.contains("connstr")
        || n.ends_with("name")
        || n.ends_with("id")
        || (n.ends_with("url") || n.ends_with("uri")) && !n.contains("sasur")
        || n.ends_with("endpoint")
        || n.contains("secretname")
        || n.ends_with("file")
        || n.ends_with("path")
        || n.ends_with("header")
        || n.contains("keyvault") && !n.contains("secret")
    {
        return None;
    }
    let service = service_of_name(name);
    if n.contains("clientsecret")
        || n.contains("appsecret")
        || n == "secret" && service.is_none()
        || n.ends_with("spsecret")
        // `ida:AppKey`, `AAD_APP_KEY`: an app registration's key. A bare `APP_KEY` is a web framework's
        // own encryption key (AdonisJS, Laravel).
        || n.ends_with("appkey") && !n.contains("api") && n != "appkey"
    {
        return Some((CredentialKind::ClientSecret, Some(Service::EntraId)));
    }
    // Redis access keys are used as passwords (AUTH), whatever their setting is called.
    if n.contains("password")
        || n.contains("passwd")
        || n.ends_with("pwd")
        || n == "pass"
        || n.ends_with("dbpass")
        || service == Some(Service::Redis) && (n.ends_with("key") || n.ends_with("secret"))
    {
        return Some((CredentialKind::Password, service));
    }
    if n.contains("sastoken") || n.ends_with("sas") || n.contains("sharedaccesssignature") || n.contains("sasur") {
        return Some((CredentialKind::SasToken, service.or(Some(Service::Storage))));
    }
    if n.contains("accountkey") || n.contains("storagekey") || n.contains("accesskey") && service == Some(Service::Storage) {
        return Some((CredentialKind::AccountKey, Some(service.unwrap_or(Service::Storage))));
    }
    if n.contains("masterkey") || n.contains("primarykey") || n.contains("authkey") || n.contains("cosmoskey") {
        return Some((CredentialKind::AccountKey, service.or(Some(Service::CosmosDb))));
    }
    if n.contains("sharedaccesskey")
        || n.contains("sbkey")
        || n.contains("saskey")
        || n.ends_with("key") && matches!(service, Some(Service::ServiceBus | Service::EventHubs))
    {
        return Some((CredentialKind::AccountKey, service.or(Some(Service::ServiceBus))));
    }
    if n.contains("apikey")
        || n.contains("subscriptionkey")
        || n.contains("querykey")
        || n.contains("adminkey")
        || n.contains("accesskey")
        || n.ends_with("key") && n.len() > 3 && service.is_some()
        || n.ends_with("secret") && service.is_some()
    {
        let kind = match service {
            Some(s) if s.is_storage() => CredentialKind::AccountKey,
            Some(Service::CosmosDb) => CredentialKind::AccountKey,
            Some(Service::EntraId) => CredentialKind::ClientSecret,
            _ => CredentialKind::ApiKey,
        };
        return Some((kind, service));
    }
    None
}

/// Does the value have the shape the name promises?
pub fn value_fits(kind: CredentialKind, service: Option<Service>, value: &str) -> bool {
    if secrets::is_placeholder(value) || secrets::is_third_party_token(value) {
        return false;
    }
    match kind {
        CredentialKind::Password => secrets::looks_like_password(value),
        CredentialKind::ClientSecret => secrets::looks_like_client_secret(value),
        // A storage account key is 64 bytes in base64: a shorter value under a `STORAGE_SECRET` name is
        // some other secret (NiceGUI's `storage_secret` signs its sessions).
        CredentialKind::AccountKey if service.is_some_and(Service::is_storage) => secrets::looks_like_account_key(value),
        CredentialKind::AccountKey => {
            secrets::looks_like_account_key(value)
                || secrets::looks_like_shared_key(value)
                || secrets::looks_like_api_key(value) && value.len() >= 32
        }
        CredentialKind::SasToken => crate::connstr::has_sas_signature(value),
        CredentialKind::ApiKey => secrets::looks_like_api_key(value) && (value.len() >= 24 || service.is_some()),
        CredentialKind::ConnectionString => false,
    }
}

/// Does a name say it holds a connection string, URL or DSN (used when the value itself is unseen)?
pub fn names_connection_string(name: &str) -> bool {
    let n = normalize(name);
    n.contains("connectionstring")
        || n.contains("connstr")
        || n.ends_with("conn")
        || n.ends_with("cs")
        || n.contains("connectstring")
        || n.ends_with("dsn")
        || n.contains("databaseurl")
        || n.contains("dburl")
        || n.contains("redisurl")
        || n.contains("connection")
        || n == "azurewebjobsstorage"
}

/// Does a function's name say it returns a connection string (`serviceBusConnectionString(...)`,
/// `BuildConnString(config)`)? Constructors and factories (`new EventHubConnection(cs)`,
/// `from_connection_string`) build clients instead.
pub fn builds_connection_string(function: &str, is_new: bool) -> bool {
    let n = normalize(function);
    !is_new && !n.starts_with("from") && (n.contains("connectionstring") || n.contains("connstr") || n.ends_with("dsn"))
}

/// Does a name say it holds an endpoint / URL / namespace rather than a secret?
pub fn names_endpoint(name: &str) -> bool {
    let n = normalize(name);
    n.ends_with("url")
        || n.ends_with("uri")
        || n.contains("endpoint")
        || n.contains("namespace")
        || n.ends_with("host")
        || n.ends_with("fqdn")
        || n.ends_with("fqns")
        || n.ends_with("accountname")
        || n.ends_with("server")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        assert_eq!(secret_name("AZURE_STORAGE_ACCOUNT_KEY").map(|s| s.0), Some(CredentialKind::AccountKey));
        assert_eq!(secret_name("client_secret").map(|s| s.0), Some(CredentialKind::ClientSecret));
        assert_eq!(secret_name("SearchApiKey"), Some((CredentialKind::ApiKey, Some(Service::AiSearch))));
        assert_eq!(secret_name("DB_PASSWORD").map(|s| s.0), Some(CredentialKind::Password));
        assert_eq!(secret_name("KeyVaultSecretName"), None);
        assert_eq!(secret_name("AZURE_CLIENT_ID"), None);
        assert_eq!(secret_name("cache_key"), None);
    }

    #[test]
    fn vision_is_azure_only_on_its_own_or_after_azure_words() {
        assert_eq!(service_of_name("VISION_KEY"), Some(Service::AiServices));
        assert_eq!(service_of_name("EXPO_PUBLIC_VISION_KEY"), Some(Service::AiServices));
        assert_eq!(service_of_name("ComputerVision:Key"), Some(Service::AiServices));
        assert_eq!(service_of_name("CustomVisionPredictionKey"), Some(Service::AiServices));
        assert_eq!(service_of_name("PlateVision:ApiKey"), None);
    }

    #[test]
    fn abbreviations_count_as_words_only() {
        assert_eq!(service_of_name("ALERTS_EH_KEY"), Some(Service::EventHubs));
        assert_eq!(service_of_name("ehKey"), Some(Service::EventHubs));
        assert_eq!(service_of_name("THEME_KEY"), None);
        assert_eq!(service_of_name("PSQL_PASSWORD"), Some(Service::Postgresql));
        // "erp" + "sql" is no PostgreSQL.
        assert_eq!(service_of_name("ERP_SQL_PASSWORD"), Some(Service::Sql));
    }
}
