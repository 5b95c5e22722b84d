//! Role assignments from findings: group `auth` findings by resource, then write one assignment
//! per (identity, resource, role) as az CLI, Bicep, Terraform or JSON. Every assignment is scoped
//! to the resource itself, never to a subscription or resource group (design.md "Roles").
//!
//! A resource is the account / namespace / vault / server the finding names (`Finding::resource`,
//! first DNS label of a host). When the code does not name it, the findings of one service that
//! read the same setting share a placeholder (`<storage-account>`) that the output turns into a
//! parameter or a TODO.

use super::table::{self, Plane, ROLE_TABLE, RoleDef};
use super::{az, bicep, infer, terraform};
use crate::finding::{Category, Finding, Service, Source};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Output format of `secretless roles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RolesFormat {
    /// A bash script of `az role assignment create` (and the data-plane equivalents).
    Az,
    /// A Bicep module with `existing` resources and `Microsoft.Authorization/roleAssignments`.
    Bicep,
    /// Terraform with `azurerm_role_assignment` and data sources for the resources.
    Terraform,
    /// A JSON list of assignments.
    Json,
}

/// The identity that receives the roles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Identity {
    /// The app's system-assigned managed identity (the default).
    #[default]
    System,
    /// A user-assigned managed identity with this name.
    User(String),
}

impl Identity {
    /// `system` or `user:NAME` (the `--identity` spelling).
    pub fn label(&self) -> String {
        match self {
            Identity::System => "system".into(),
            Identity::User(n) => format!("user:{n}"),
        }
    }

    /// The name database scripts use for the identity: a system-assigned identity carries the
    /// app's name, which the scan cannot know.
    pub(crate) fn db_name(&self) -> String {
        match self {
            Identity::System => "<app-name>".into(),
            Identity::User(n) => n.clone(),
        }
    }
}

impl std::fmt::Display for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl std::str::FromStr for Identity {
    type Err = String;
    /// `system`, or `user:NAME` with a non-empty NAME.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            None if s == "system" => Ok(Identity::System),
            Some(("user", n)) if !n.trim().is_empty() => Ok(Identity::User(n.trim().to_owned())),
            _ => Err(format!("invalid identity `{s}`: use `system` or `user:NAME` (a user-assigned identity's name)")),
        }
    }
}

/// Writes the role assignments that the `auth` findings need, in `format`, for `identity`.
pub fn emit(findings: &[Finding], format: RolesFormat, identity: &Identity, w: &mut dyn Write) -> io::Result<()> {
    let plan = Plan::build(findings);
    match format {
        RolesFormat::Az => az::write(&plan, identity, w),
        RolesFormat::Bicep => bicep::write(&plan, identity, w),
        RolesFormat::Terraform => terraform::write(&plan, identity, w),
        RolesFormat::Json => write_json(&plan, identity, w),
    }
}

// ---- the plan: resources, roles, findings -------------------------------------------------------

/// The kind of Azure resource a role is scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Storage,
    ServiceBus,
    EventHubs,
    Cosmos,
    KeyVault,
    AppConfig,
    Sql,
    Postgres,
    Mysql,
    Redis,
    ManagedRedis,
    Cognitive,
    Search,
    EventGrid,
    SignalR,
    WebPubSub,
}

/// Per kind: ARM type, API version for `existing`, noun, placeholder, Bicep symbol prefix, Bicep
/// parameter, Terraform data source (empty: none), Terraform variable.
struct KindInfo {
    arm: &'static str,
    api: &'static str,
    noun: &'static str,
    placeholder: &'static str,
    prefix: &'static str,
    param: &'static str,
    tf_data: &'static str,
    tf_var: &'static str,
}

impl Kind {
    fn of(service: Service, resource: Option<&str>) -> Option<Kind> {
        Some(match service {
            s if s.is_storage() => Kind::Storage,
            Service::ServiceBus => Kind::ServiceBus,
            Service::EventHubs => Kind::EventHubs,
            Service::CosmosDb => Kind::Cosmos,
            Service::KeyVault => Kind::KeyVault,
            Service::AppConfiguration => Kind::AppConfig,
            Service::Sql => Kind::Sql,
            Service::Postgresql => Kind::Postgres,
            Service::Mysql => Kind::Mysql,
            Service::Redis => {
                let host = resource.unwrap_or("").to_ascii_lowercase();
                if host.contains(".redis.azure.net") || host.contains(".redisenterprise.") { Kind::ManagedRedis } else { Kind::Redis }
            }
            Service::Openai | Service::AiServices => Kind::Cognitive,
            Service::AiSearch => Kind::Search,
            Service::EventGrid => Kind::EventGrid,
            Service::Signalr => Kind::SignalR,
            Service::WebPubsub => Kind::WebPubSub,
            _ => return None,
        })
    }

    fn info(self) -> KindInfo {
        let k = |arm, api, noun, placeholder, prefix, param, tf_data, tf_var| KindInfo {
            arm,
            api,
            noun,
            placeholder,
            prefix,
            param,
            tf_data,
            tf_var,
        };
        match self {
            Kind::Storage => k(
                "Microsoft.Storage/storageAccounts",
                "2023-05-01",
                "storage account",
                "<storage-account>",
                "storage",
                "storageAccountName",
                "azurerm_storage_account",
                "storage_account_name",
            ),
            Kind::ServiceBus => k(
                "Microsoft.ServiceBus/namespaces",
                "2021-11-01",
                "Service Bus namespace",
                "<servicebus-namespace>",
                "serviceBus",
                "serviceBusNamespaceName",
                "azurerm_servicebus_namespace",
                "servicebus_namespace_name",
            ),
            Kind::EventHubs => k(
                "Microsoft.EventHub/namespaces",
                "2021-11-01",
                "Event Hubs namespace",
                "<eventhubs-namespace>",
                "eventHubs",
                "eventHubsNamespaceName",
                "azurerm_eventhub_namespace",
                "eventhub_namespace_name",
            ),
            Kind::Cosmos => k(
                "Microsoft.DocumentDB/databaseAccounts",
                "2024-05-15",
                "Cosmos DB account",
                "<cosmos-account>",
                "cosmos",
                "cosmosAccountName",
                "azurerm_cosmosdb_account",
                "cosmos_account_name",
            ),
            Kind::KeyVault => k(
                "Microsoft.KeyVault/vaults",
                "2023-07-01",
                "key vault",
                "<key-vault>",
                "keyVault",
                "keyVaultName",
                "azurerm_key_vault",
                "key_vault_name",
            ),
            Kind::AppConfig => k(
                "Microsoft.AppConfiguration/configurationStores",
                "2023-03-01",
                "App Configuration store",
                "<app-configuration-store>",
                "appConfig",
                "appConfigurationStoreName",
                "azurerm_app_configuration",
                "app_configuration_name",
            ),
            Kind::Sql => k(
                "Microsoft.Sql/servers",
                "2021-11-01",
                "Azure SQL server",
                "<sql-server>",
                "sql",
                "sqlServerName",
                "azurerm_mssql_server",
                "sql_server_name",
            ),
            Kind::Postgres => k(
                "Microsoft.DBforPostgreSQL/flexibleServers",
                "2022-12-01",
                "PostgreSQL flexible server",
                "<postgres-server>",
                "postgres",
                "postgresServerName",
                "azurerm_postgresql_flexible_server",
                "postgres_server_name",
            ),
            Kind::Mysql => k(
                "Microsoft.DBforMySQL/flexibleServers",
                "2023-12-30",
                "MySQL flexible server",
                "<mysql-server>",
                "mysql",
                "mysqlServerName",
                "azurerm_mysql_flexible_server",
                "mysql_server_name",
            ),
            Kind::Redis => k(
                "Microsoft.Cache/redis",
                "2024-03-01",
                "Azure Cache for Redis",
                "<redis-cache>",
                "redis",
                "redisCacheName",
                "azurerm_redis_cache",
                "redis_cache_name",
            ),
            Kind::ManagedRedis => k(
                "Microsoft.Cache/redisEnterprise",
                "2024-09-01-preview",
                "Azure Managed Redis cluster",
                "<managed-redis>",
                "managedRedis",
                "managedRedisName",
                "",
                "managed_redis_name",
            ),
            Kind::Cognitive => k(
                "Microsoft.CognitiveServices/accounts",
                "2023-05-01",
                "Azure OpenAI / AI services account",
                "<ai-account>",
                "ai",
                "aiAccountName",
                "azurerm_cognitive_account",
                "ai_account_name",
            ),
            Kind::Search => k(
                "Microsoft.Search/searchServices",
                "2023-11-01",
                "AI Search service",
                "<search-service>",
                "search",
                "searchServiceName",
                "azurerm_search_service",
                "search_service_name",
            ),
            Kind::EventGrid => k(
                "Microsoft.EventGrid/topics",
                "2022-06-15",
                "Event Grid topic",
                "<eventgrid-topic>",
                "eventGrid",
                "eventGridTopicName",
                "azurerm_eventgrid_topic",
                "eventgrid_topic_name",
            ),
            Kind::SignalR => k(
                "Microsoft.SignalRService/signalR",
                "2023-02-01",
                "SignalR service",
                "<signalr-service>",
                "signalR",
                "signalRName",
                "azurerm_signalr_service",
                "signalr_name",
            ),
            Kind::WebPubSub => k(
                "Microsoft.SignalRService/webPubSub",
                "2023-02-01",
                "Web PubSub service",
                "<web-pubsub>",
                "webPubSub",
                "webPubSubName",
                "azurerm_web_pubsub",
                "web_pubsub_name",
            ),
        }
    }

    pub(crate) fn arm_type(self) -> &'static str {
        self.info().arm
    }
    pub(crate) fn api_version(self) -> &'static str {
        self.info().api
    }
    pub(crate) fn noun(self) -> &'static str {
        self.info().noun
    }
    pub(crate) fn placeholder(self) -> &'static str {
        self.info().placeholder
    }
    pub(crate) fn prefix(self) -> &'static str {
        self.info().prefix
    }
    pub(crate) fn param(self) -> &'static str {
        self.info().param
    }
    pub(crate) fn tf_data(self) -> &'static str {
        self.info().tf_data
    }
    pub(crate) fn tf_var(self) -> &'static str {
        self.info().tf_var
    }

    /// What must be true of the resource before the assignments work (comment lines).
    pub(crate) fn prerequisites(self, roles: &[&RoleDef]) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        match self {
            Kind::KeyVault => v.push("The vault must use the Azure RBAC permission model (enableRbacAuthorization = true); on an access-policy vault grant an access policy instead.".into()),
            Kind::Search => v.push("The service must accept Entra tokens: az search service update --name <service> --resource-group <rg> --auth-options aadOrApiKey --aad-auth-failure-mode http401WithBearerChallenge".into()),
            Kind::Redis => v.push("The cache needs Microsoft Entra authentication enabled (redisConfiguration 'aad-enabled': 'true'); clients connect with TLS on port 6380.".into()),
            Kind::ManagedRedis => v.push("Azure Managed Redis has a single access policy, 'default' (full data access), assigned on the database.".into()),
            Kind::Sql => v.push("Prerequisite: the server has a Microsoft Entra admin (az sql server ad-admin create --resource-group <rg> --server-name <server> --display-name <name> --object-id <objectId>); run the script as that admin, in the app's database.".into()),
            Kind::Postgres => v.push("Prerequisite: Microsoft Entra authentication is enabled and the server has an Entra admin (az postgres flexible-server ad-admin create -g <rg> -s <server> -u <displayName> -i <objectId> -t ServicePrincipal); run the script as that admin.".into()),
            Kind::Mysql => v.push("Prerequisite: the server has a user-assigned identity with Microsoft Graph read permissions and an Entra admin (az mysql flexible-server ad-admin create); run the script as that admin.".into()),
            Kind::Cognitive => v.push("Entra tokens need the custom-subdomain endpoint (https://<name>.openai.azure.com or https://<name>.cognitiveservices.azure.com), not a regional endpoint.".into()),
            Kind::Cosmos => v.push("Cosmos DB data roles are granted with sqlRoleAssignments on the account, not with Microsoft.Authorization/roleAssignments.".into()),
            Kind::EventGrid => v.push("Scoped to a custom topic; for an Event Grid domain or namespace topic change the resource type.".into()),
            _ => {}
        }
        if roles.iter().any(|r| r.service == Service::StorageFile) {
            v.push("Azure Files with a token credential: the client must declare token intent backup (Python token_intent=\"backup\", .NET ShareTokenIntent.Backup, JS fileRequestIntent: \"backup\").".into());
        }
        v
    }
}

/// One resource and the roles its users need.
pub(crate) struct Group<'a> {
    pub kind: Kind,
    /// The resource's name; `None` when the code does not name it (a placeholder).
    pub name: Option<String>,
    /// For a placeholder: the setting the code reads the endpoint or secret from.
    pub setting: Option<String>,
    /// For a placeholder: 1-based number among the placeholders of its kind.
    pub placeholder_no: usize,
    pub findings: Vec<&'a Finding>,
    pub assignments: Vec<Assignment<'a>>,
    /// Distinct top-level folders of the findings' paths (`.` for files at the root).
    pub apps: Vec<String>,
}

impl Group<'_> {
    /// The resource name, or the placeholder (`<storage-account>`).
    pub(crate) fn display(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None if self.placeholder_no > 1 => {
                let p = self.kind.placeholder();
                format!("{}-{}>", &p[..p.len() - 1], self.placeholder_no)
            }
            None => self.kind.placeholder().to_owned(),
        }
    }

    /// Bicep parameter for a placeholder's name (`storageAccountName`, `storageAccountName2`).
    pub(crate) fn param(&self) -> String {
        numbered(self.kind.param(), self.placeholder_no, "")
    }

    /// Terraform variable for a placeholder's name (`storage_account_name`, `storage_account_name_2`).
    pub(crate) fn tf_var(&self) -> String {
        numbered(self.kind.tf_var(), self.placeholder_no, "_")
    }

    /// Human description of where the placeholder's name comes from.
    pub(crate) fn placeholder_hint(&self) -> String {
        match &self.setting {
            Some(s) => format!("Name of the {} that the code reaches through {s}.", self.kind.noun()),
            None => format!("Name of the {} the code uses (the scan could not see it).", self.kind.noun()),
        }
    }

    pub(crate) fn used_by(&self) -> String {
        self.findings.iter().map(|f| format!("{} ({})", location(f), f.service)).collect::<Vec<_>>().join(", ")
    }

    pub(crate) fn multi_app(&self) -> bool {
        self.apps.len() > 1
    }

    /// The recommendation written when several apps share this resource.
    pub(crate) fn shared_note(&self, identity: &Identity) -> Option<String> {
        if !self.multi_app() {
            return None;
        }
        let apps = self.apps.join(", ");
        Some(match identity {
            Identity::System => format!(
                "Used by several apps ({apps}): each app's system-assigned identity needs these roles. Consider one user-assigned identity instead (name it like id-<app>-<env>-<region>-<nn>, e.g. id-orders-prod-weu-01; --identity user:NAME) and set AZURE_CLIENT_ID in every app."
            ),
            Identity::User(n) => format!("Used by several apps ({apps}), all through the user-assigned identity {n}."),
        })
    }

    /// Whether any role is granted through an ARM resource (RBAC, Cosmos SQL roles, Redis
    /// access policies), as opposed to a script run inside a database.
    pub(crate) fn is_arm(&self) -> bool {
        self.has_plane(Plane::AzureRbac) || self.has_plane(Plane::CosmosSql) || self.has_plane(Plane::Redis)
    }

    pub(crate) fn has_plane(&self, plane: Plane) -> bool {
        self.assignments.iter().any(|a| a.role.plane == plane)
    }
}

fn numbered(base: &str, n: usize, sep: &str) -> String {
    if n <= 1 { base.to_owned() } else { format!("{base}{sep}{n}") }
}

/// One role on one resource, and the findings that need it.
pub(crate) struct Assignment<'a> {
    pub role: &'static RoleDef,
    pub order: usize,
    pub findings: Vec<&'a Finding>,
}

impl Assignment<'_> {
    pub(crate) fn locations(&self) -> String {
        self.findings.iter().map(|f| location(f)).collect::<Vec<_>>().join(", ")
    }
}

pub(crate) fn location(f: &Finding) -> String {
    format!("{}:{}", f.path, f.start.line)
}

/// All groups plus the auth findings no role could be assigned for, with the reason.
pub(crate) struct Plan<'a> {
    pub groups: Vec<Group<'a>>,
    pub unresolved: Vec<(&'a Finding, String)>,
}

/// Pairs (narrower, broader) where the broader role includes everything the narrower one
/// grants: on one resource for one identity only the broader role is assigned.
const SUBSUMED: &[(&str, &str)] = &[
    ("Storage Blob Delegator", "Storage Blob Data Reader"),
    ("Storage Blob Data Reader", "Storage Blob Data Contributor"),
    ("Storage Blob Data Contributor", "Storage Blob Data Owner"),
    ("Storage Queue Data Reader", "Storage Queue Data Contributor"),
    ("Storage Queue Data Message Sender", "Storage Queue Data Contributor"),
    ("Storage Queue Data Message Processor", "Storage Queue Data Contributor"),
    ("Storage Table Data Reader", "Storage Table Data Contributor"),
    ("Storage File Data Privileged Reader", "Storage File Data Privileged Contributor"),
    ("Azure Service Bus Data Sender", "Azure Service Bus Data Owner"),
    ("Azure Service Bus Data Receiver", "Azure Service Bus Data Owner"),
    ("Azure Event Hubs Data Sender", "Azure Event Hubs Data Owner"),
    ("Azure Event Hubs Data Receiver", "Azure Event Hubs Data Owner"),
    ("Schema Registry Reader", "Schema Registry Contributor"),
    ("Cosmos DB Built-in Data Reader", "Cosmos DB Built-in Data Contributor"),
    ("Key Vault Secrets User", "Key Vault Secrets Officer"),
    ("Key Vault Crypto Service Encryption User", "Key Vault Crypto User"),
    ("Key Vault Crypto User", "Key Vault Crypto Officer"),
    ("App Configuration Data Reader", "App Configuration Data Owner"),
    ("Data Reader", "Data Contributor"),
    ("Data Contributor", "Data Owner"),
    ("read-only grants", "read-write grants"),
    ("Cognitive Services OpenAI User", "Cognitive Services OpenAI Contributor"),
    ("Cognitive Services OpenAI User", "Cognitive Services User"),
    ("Cognitive Services Language Reader", "Cognitive Services User"),
    ("Cognitive Services Speech User", "Cognitive Services User"),
    ("Search Index Data Reader", "Search Index Data Contributor"),
    ("EventGrid Data Sender", "EventGrid Data Contributor"),
    ("EventGrid Data Receiver", "EventGrid Data Contributor"),
    ("Web PubSub Service Reader", "Web PubSub Service Owner"),
    ("SignalR App Server", "SignalR Service Owner"),
];

/// Top-level folder of a relative path (`.` for a file at the root).
fn app_of(path: &str) -> String {
    match path.split_once('/') {
        Some((first, rest)) if !rest.is_empty() && !first.is_empty() => first.to_owned(),
        _ => ".".to_owned(),
    }
}

/// `https://acct.blob.core.windows.net/x` → `acct`; `contoso.servicebus.windows.net` →
/// `contoso`; `None` for local hosts, IPs and templates.
pub(crate) fn resource_name(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.split_once("://").map_or(s, |(_, r)| r);
    let s = s.rsplit_once('@').map_or(s, |(_, h)| h);
    let host = s.split(['/', '?', '#', ',', ';']).next()?;
    let host = host.strip_prefix("tcp:").unwrap_or(host);
    let host = host.split(':').next()?;
    if host.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let first = host.split('.').next()?.to_ascii_lowercase();
    let ok = !first.is_empty() && first != "localhost" && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(first)
}

fn setting_of(f: &Finding) -> Option<String> {
    match &f.source {
        Source::Env(n) => Some(format!("env {n}")),
        Source::Config(k) => Some(format!("config {k}")),
        Source::Literal | Source::Unknown => None,
    }
}

impl<'a> Plan<'a> {
    pub(crate) fn build(findings: &'a [Finding]) -> Plan<'a> {
        // Named resources first, then placeholders, per kind.
        type Key = (Kind, bool, Option<String>, Option<String>);
        let mut groups: BTreeMap<Key, Group<'a>> = BTreeMap::new();
        let mut unresolved = Vec::new();
        for f in findings {
            if f.category != Category::Auth || f.suppressed.is_some() {
                continue;
            }
            let (names, note): (Vec<String>, Option<String>) = if f.roles.is_empty() {
                let inf = infer(f.service, &f.operations);
                (inf.roles.iter().map(|r| (*r).to_owned()).collect(), f.roles_note.clone().or(inf.note))
            } else {
                (f.roles.clone(), None)
            };
            if names.is_empty() {
                unresolved.push((f, note.unwrap_or_else(|| "no role could be inferred".into())));
                continue;
            }
            let Some(kind) = Kind::of(f.service, f.resource.as_deref()) else {
                unresolved.push((f, format!("no Azure resource to scope a role to ({})", f.service)));
                continue;
            };
            let mut defs: Vec<(usize, &'static RoleDef)> = Vec::new();
            for n in &names {
                match table::lookup(f.service, n) {
                    // A role listed under another service (e.g. a checkpoint container's Blob
                    // role on an Event Hubs finding) is not for this resource.
                    Some((_, d)) if Kind::of(d.service, f.resource.as_deref()) != Some(kind) => {
                        unresolved.push((f, format!("role `{n}` ({}) does not apply to the {} this client uses", d.service, kind.noun())))
                    }
                    Some((i, d)) => {
                        // Azure Managed Redis has only the `default` access policy.
                        if kind == Kind::ManagedRedis
                            && d.plane == Plane::Redis
                            && let Some(hit) =
                                ROLE_TABLE.iter().enumerate().find(|(_, r)| r.service == Service::Redis && r.name.starts_with("default"))
                        {
                            defs.push(hit);
                            continue;
                        }
                        defs.push((i, d));
                    }
                    None => unresolved.push((f, format!("role `{n}` is not in roles.tsv"))),
                }
            }
            if defs.is_empty() {
                continue;
            }
            let name = f.resource.as_deref().and_then(resource_name);
            let setting = if name.is_none() { setting_of(f) } else { None };
            let g = groups.entry((kind, name.is_none(), name.clone(), setting.clone())).or_insert_with(|| Group {
                kind,
                name,
                setting,
                placeholder_no: 0,
                findings: Vec::new(),
                assignments: Vec::new(),
                apps: Vec::new(),
            });
            g.findings.push(f);
            let app = app_of(&f.path);
            if !g.apps.contains(&app) {
                g.apps.push(app);
            }
            for (i, d) in defs {
                match g.assignments.iter_mut().find(|a| std::ptr::eq(a.role, d)) {
                    Some(a) => {
                        if !a.findings.iter().any(|x| std::ptr::eq(*x, f)) {
                            a.findings.push(f);
                        }
                    }
                    None => g.assignments.push(Assignment { role: d, order: i, findings: vec![f] }),
                }
            }
        }
        let mut groups: Vec<Group<'a>> = groups.into_values().collect();
        let mut counters: BTreeMap<Kind, usize> = BTreeMap::new();
        for g in &mut groups {
            prune(&mut g.assignments);
            g.assignments.sort_by_key(|a| a.order);
            for a in &mut g.assignments {
                a.findings.sort_by(|x, y| x.sort_key().cmp(&y.sort_key()));
            }
            g.findings.sort_by(|x, y| x.sort_key().cmp(&y.sort_key()));
            g.apps.sort();
            if g.name.is_none() {
                let c = counters.entry(g.kind).or_insert(0);
                *c += 1;
                g.placeholder_no = *c;
            }
        }
        Plan { groups, unresolved }
    }
}

/// Drops a role when a broader one on the same resource already grants it; its findings move
/// to the broader role.
fn prune(assignments: &mut Vec<Assignment<'_>>) {
    loop {
        let mut changed = false;
        for (narrow, broad) in SUBSUMED {
            let n = assignments.iter().position(|a| a.role.name == *narrow);
            let b = assignments.iter().position(|a| a.role.name == *broad);
            if let (Some(n), Some(b)) = (n, b) {
                let moved = assignments.remove(n);
                let b = if b > n { b - 1 } else { b };
                for f in moved.findings {
                    if !assignments[b].findings.iter().any(|x| std::ptr::eq(*x, f)) {
                        assignments[b].findings.push(f);
                    }
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

// ---- shared text helpers -------------------------------------------------------------------------

/// One line of comment text (no line breaks).
pub(crate) fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// `Storage Blob Data Contributor` → `StorageBlobDataContributor`.
pub(crate) fn pascal(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            let first = c.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(c).collect::<String>()
        })
        .collect()
}

/// `Storage Blob Data Contributor` → `storage_blob_data_contributor`.
pub(crate) fn snake(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// Makes identifiers unique within one output.
#[derive(Default)]
pub(crate) struct Names(BTreeSet<String>);

impl Names {
    pub(crate) fn unique(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while !self.0.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }
}

// ---- JSON ------------------------------------------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonAssignment {
    identity: String,
    resource: String,
    resource_type: &'static str,
    service: &'static str,
    role: &'static str,
    role_definition_id: Option<&'static str>,
    plane: Plane,
    scope: String,
    apps: Vec<String>,
    findings: Vec<String>,
}

fn write_json(plan: &Plan<'_>, identity: &Identity, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Vec::new();
    for g in &plan.groups {
        let id =
            format!("/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/providers/{}/{}", g.kind.arm_type(), g.display());
        for a in &g.assignments {
            let scope = match a.role.plane {
                Plane::CosmosSql => "/".to_owned(),
                Plane::SqlDb => format!("{id}/databases/{{database}}"),
                _ => id.clone(),
            };
            out.push(JsonAssignment {
                identity: identity.label(),
                resource: g.display(),
                resource_type: g.kind.arm_type(),
                service: a.role.service.as_str(),
                role: a.role.name,
                role_definition_id: a.role.guid,
                plane: a.role.plane,
                scope,
                apps: g.apps.clone(),
                findings: a.findings.iter().map(|f| location(f)).collect(),
            });
        }
    }
    serde_json::to_writer_pretty(&mut *w, &out)?;
    writeln!(w)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A hand-built auth finding (through serde, so fields added to `Finding` later keep their
    /// defaults and these tests keep compiling).
    pub(crate) fn finding(service: Service, path: &str, line: usize, resource: Option<&str>, ops: &[&str]) -> Finding {
        let mut v = serde_json::json!({
            "rule": "SL000",
            "category": "auth",
            "service": service.as_str(),
            "credentialKind": "connection-string",
            "path": path,
            "start": {"line": line, "column": 1},
            "end": {"line": line, "column": 2},
            "message": "",
            "source": "unknown",
            "fingerprint": "",
            "redacted": "",
            "operations": ops,
        });
        if let Some(r) = resource {
            v["resource"] = r.into();
        }
        serde_json::from_value(v).expect("a valid finding")
    }

    #[test]
    fn resource_names() {
        assert_eq!(resource_name("acct").as_deref(), Some("acct"));
        assert_eq!(resource_name("contoso.servicebus.windows.net").as_deref(), Some("contoso"));
        assert_eq!(resource_name("https://kv1.vault.azure.net/").as_deref(), Some("kv1"));
        assert_eq!(resource_name("c.redis.cache.windows.net:6380").as_deref(), Some("c"));
        assert_eq!(resource_name("localhost"), None);
        assert_eq!(resource_name("127.0.0.1:10000"), None);
    }

    #[test]
    fn groups_by_resource_and_prunes_narrower_roles() {
        let fs = vec![
            finding(Service::StorageBlob, "a/x.py", 3, Some("acct"), &["download_blob"]),
            finding(Service::StorageBlob, "b/y.py", 4, Some("acct"), &["upload_blob"]),
            finding(Service::StorageQueue, "a/z.py", 5, Some("acct"), &["send_message"]),
            finding(Service::KeyVault, "a/k.py", 6, None, &["get_secret"]),
            finding(Service::StorageBlob, "a/n.py", 7, Some("acct"), &[]),
        ];
        let plan = Plan::build(&fs);
        assert_eq!(plan.groups.len(), 2);
        let st = &plan.groups[0];
        assert_eq!(st.name.as_deref(), Some("acct"));
        let roles: Vec<_> = st.assignments.iter().map(|a| a.role.name).collect();
        assert_eq!(roles, ["Storage Blob Data Contributor", "Storage Queue Data Message Sender"]);
        assert_eq!(st.assignments[0].findings.len(), 2);
        assert_eq!(st.apps, ["a", "b"]);
        assert!(st.shared_note(&Identity::System).unwrap().contains("id-<app>-<env>-<region>-<nn>"));
        assert_eq!(plan.groups[1].display(), "<key-vault>");
        assert_eq!(plan.unresolved.len(), 1);
    }

    #[test]
    fn a_role_of_another_service_is_not_scoped_to_this_resource() {
        let mut f = finding(Service::EventHubs, "a/eh.py", 2, Some("ns.servicebus.windows.net"), &[]);
        f.roles = vec!["Storage Blob Data Contributor".into(), "Azure Event Hubs Data Receiver".into()];
        let fs = [f];
        let plan = Plan::build(&fs);
        assert_eq!(plan.groups.len(), 1);
        let roles: Vec<_> = plan.groups[0].assignments.iter().map(|a| a.role.name).collect();
        assert_eq!(roles, ["Azure Event Hubs Data Receiver"]);
        assert_eq!(plan.unresolved.len(), 1);
        assert!(plan.unresolved[0].1.contains("does not apply"));
    }

    #[test]
    fn identity_parses() {
        assert_eq!("system".parse::<Identity>(), Ok(Identity::System));
        assert_eq!("user:id-app-prod-weu-01".parse::<Identity>(), Ok(Identity::User("id-app-prod-weu-01".into())));
        assert!("user:".parse::<Identity>().is_err());
        assert!("group:x".parse::<Identity>().is_err());
    }
}
