//! Rewrite templates per language (catalog.md's "DAC form" column): connection-string factories
//! become endpoint constructors, secret credential objects become `DefaultAzureCredential`, API keys
//! become token providers, and the identity import is added in the file's own style.

pub mod functions;
mod ossrdbms;
mod redis;
mod signalr;
pub(crate) mod sql;
mod token_acquisition;

use super::{Applicability, CodeFix, Edit, Site, has_endpoint_constructor};
use crate::analyze::catalog;
use crate::finding::Service;
use crate::lang::{Lang, Shape, compact};
use tree_sitter::{Node, Tree};

const OPENAI_SCOPE: &str = "https://cognitiveservices.azure.com/.default";

/// A string literal in the language's syntax.
pub fn string_literal(_lang: Lang, s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn credential(lang: Lang) -> &'static str {
    match lang {
        Lang::Python => "DefaultAzureCredential()",
        _ => "new DefaultAzureCredential()",
    }
}

/// Rewrite one auth site.
pub fn rewrite(s: &Site) -> Result<CodeFix, String> {
    if s.finding.service == Service::Signalr && s.call.name == "AddAzureSignalR" {
        return signalr::rewrite(s);
    }
    if s.call.name == "MapAzureSignalR" {
        return Err(
            "no automatic rewrite for ASP.NET SignalR (OWIN) yet: keep only `Endpoint=https://<name>.service.signalr.net;Version=1.0` \
                    and set `options.Endpoints = new[] { new ServiceEndpoint(new Uri(endpoint), new DefaultAzureCredential()) }` in the \
                    MapAzureSignalR options callback"
                .into(),
        );
    }
    // A framework's own integration known by its name only: what it accepts instead of the string is
    // the framework's. A SQL connection string changes the same way whoever opens it.
    if !catalog::is_catalogued_call(&s.call.name)
        && catalog::framework_integration(&s.call.name).is_some()
        && s.finding.service != Service::Sql
    {
        return Err(format!(
            "no automatic rewrite for `{}` (a framework's own {} integration): give it a client or connection that signs in with \
             DefaultAzureCredential, as the framework documents, then drop the secret from its connection string",
            s.call.name, s.finding.service
        ));
    }
    // A Kafka client on Event Hubs' Kafka endpoint (`$ConnectionString` as the SASL user).
    if s.finding.service == Service::EventHubs && s.text(s.call.node).contains("$ConnectionString") {
        return Err("no automatic rewrite for Kafka clients yet: Event Hubs' Kafka endpoint takes Entra ID tokens over SASL \
                    OAUTHBEARER: set the mechanism to OAUTHBEARER and give the client a token callback that asks \
                    DefaultAzureCredential for `https://<namespace>.servicebus.windows.net/.default`, then drop the connection string"
            .into());
    }
    if let Some(why) = bot_framework(s) {
        return Err(why);
    }
    let bus_framework = s.finding.service == Service::ServiceBus && matches!(s.call.name.as_str(), "Host" | "AzureServiceBusTransport");
    if s.lang == Lang::CSharp && (catalog::registration_service(&s.call.name).is_some() || bus_framework) {
        return registration(s);
    }
    if s.finding.service == Service::Sql {
        return sql::rewrite(s);
    }
    if s.finding.service == Service::Redis {
        return redis::rewrite(s);
    }
    // A database driver never takes a credential object: no generic swap below applies to it.
    if matches!(s.finding.service, Service::Postgresql | Service::Mysql) {
        return ossrdbms::rewrite(s);
    }
    let norm = s.call.name.to_ascii_lowercase().replace('_', "");
    if norm == "fromconnectionstring" || norm == "createfromconnectionstring" {
        return factory_to_constructor(s);
    }
    // pydantic-ai's provider takes a key or a whole client, no token provider.
    if s.class == "AzureProvider" {
        return Err(format!(
            "pydantic-ai's `AzureProvider` takes no token provider: replace `api_key=...` with \
             `openai_client=AsyncAzureOpenAI(azure_endpoint=..., api_version=..., azure_ad_token_provider=\
             get_bearer_token_provider(DefaultAzureCredential(), \"{OPENAI_SCOPE}\"))`"
        ));
    }
    if matches!(s.class.as_str(), "AzureOpenAI" | "AsyncAzureOpenAI" | "AzureChatOpenAI" | "AzureOpenAIEmbeddings") {
        return openai_token_provider(s);
    }
    if matches!(s.class.as_str(), "OpenAI" | "AsyncOpenAI") {
        return openai_v1_token_provider(s);
    }
    if let Some(fix) = swap_credential_argument(s) {
        return Ok(fix);
    }
    if s.finding.credential_kind == crate::finding::CredentialKind::SasToken
        && s.finding.service.is_storage()
        && let Some(fix) = sas_url(s)
    {
        return Ok(fix);
    }
    if matches!(s.class.as_str(), "ClientSecretCredential" | "UsernamePasswordCredential") {
        return secret_credential_object(s);
    }
    if is_adal_client_credential(s.lang, &s.class, s.src) {
        return token_acquisition::adal(s).map_err(|why| format!("{why}; {MSAL_EXPLAINED}"));
    }
    if s.class.starts_with("ConfidentialClientApplication") || s.call.callee.contains("ConfidentialClientApplicationBuilder") {
        if s.class == "ConfidentialClientApplication" && s.lang != Lang::CSharp {
            let fix = if s.lang == Lang::Python { token_acquisition::msal_python(s) } else { token_acquisition::msal_node(s) };
            return fix.map_err(|why| format!("{why}; {MSAL_EXPLAINED}"));
        }
        return Err(MSAL_EXPLAINED.into());
    }
    if s.lang != Lang::Python
        && has_endpoint_constructor(&s.class)
        && s.call.is_new
        && s.finding.credential_kind == crate::finding::CredentialKind::ConnectionString
    {
        return connection_string_constructor(s);
    }
    Err(format!("no automatic rewrite for `{}` yet: follow `secretless rules {}`", s.finding.rule_call(), s.finding.rule))
}

/// The Bot Framework SDK's sign-in and state storage: configuration and options, not a client to swap.
fn bot_framework(s: &Site) -> Option<String> {
    match s.call.name.as_str() {
        "ConfigurationBotFrameworkAuthentication" => Some(
            "no code change: the bot signs in with its app registration's password; create the Azure Bot resource as a \
             user-assigned managed identity bot and set MicrosoftAppType=UserAssignedMSI, MicrosoftAppId = the identity's \
             client id and MicrosoftAppTenantId, then delete MicrosoftAppPassword and the registration's secret"
                .into(),
        ),
        "CosmosDbPartitionedStorage" => Some(
            match s.lang {
                Lang::CSharp => "set the options' `TokenCredential = new DefaultAzureCredential()` instead of `AuthKey` (Microsoft.Bot.Builder.Azure versions that have it)",
                Lang::Python => "botbuilder-azure's `CosmosDbPartitionedConfig` takes only an account key: read it from Key Vault with DefaultAzureCredential instead of a setting, or keep the state in a store that takes a credential",
                _ => "give the storage `cosmosClientOptions: { endpoint, aadCredentials: new DefaultAzureCredential() }` instead of the key",
            }
            .into(),
        ),
        _ => None,
    }
}

const MSAL_EXPLAINED: &str = "an MSAL/ADAL confidential client signs in as the app registration with its secret: for Azure resources take tokens from DefaultAzureCredential (get_token / GetTokenAsync / getToken) instead; where MSAL must stay (on-behalf-of, Graph app tokens), replace the secret with a certificate or a managed identity federated credential (client assertion)";

/// ADAL's `new ClientCredential(clientId, secret)` (Microsoft.IdentityModel.Clients.ActiveDirectory):
/// legacy, but the token it fetches can come from DefaultAzureCredential.
pub fn is_adal_client_credential(lang: Lang, class: &str, src: &str) -> bool {
    lang == Lang::CSharp && class == "ClientCredential" && src.contains("Microsoft.IdentityModel.Clients.ActiveDirectory")
}

impl crate::finding::Finding {
    fn rule_call(&self) -> &str {
        self.redacted.lines().next().unwrap_or("").trim()
    }
}

/// The service whose SDK the client belongs to: the Azure Tables SDK on a Cosmos DB for Table
/// account takes a Tables endpoint (`new TableClient(new Uri(ep), table, credential)`).
fn sdk_service(s: &Site) -> Service {
    if s.finding.service == Service::CosmosDb && s.class.starts_with("Table") { Service::StorageTable } else { s.finding.service }
}

/// The endpoint argument name of a client constructor (Python keywords).
fn endpoint_keyword(service: Service, class: &str) -> &'static str {
    match (service, class) {
        (Service::StorageTable, _) => "endpoint",
        (Service::ServiceBus | Service::EventHubs, _) => "fully_qualified_namespace",
        (Service::CosmosDb, _) => "url",
        (Service::AppConfiguration, _) => "base_url",
        (Service::WebPubsub, _) => "endpoint",
        _ => "account_url",
    }
}

/// Python keyword names for the positional arguments that follow the connection string.
fn python_positional_names(class: &str) -> &'static [&'static str] {
    match class {
        "ContainerClient" => &["container_name"],
        "BlobClient" => &["container_name", "blob_name"],
        "QueueClient" => &["queue_name"],
        "TableClient" => &["table_name"],
        "ShareClient" => &["share_name"],
        "ShareFileClient" => &["share_name", "file_path"],
        "ShareDirectoryClient" => &["share_name", "directory_path"],
        "FileSystemClient" => &["file_system_name"],
        "EventHubConsumerClient" => &["consumer_group"],
        _ => &[],
    }
}

/// A rewrite onto the endpoint constructor: safe when the endpoint is known, else review with what to set.
fn endpoint_fix(s: &Site, edits: Vec<Edit>, known: bool, title: String) -> CodeFix {
    CodeFix {
        edits,
        symbols: vec!["DefaultAzureCredential"],
        applicability: if known { Applicability::Safe } else { Applicability::Review },
        needs: if known { None } else { needs_for(s) },
        title,
        setting: s.setting.clone(),
        ..Default::default()
    }
}

fn needs_for(s: &Site) -> Option<String> {
    match (&s.endpoint, &s.setting) {
        (Some((_, true)), _) => None,
        (_, Some(st)) => Some(format!("set `{}` to the {} endpoint (it replaces `{}`)", st.name, s.finding.service, st.old)),
        _ => Some("supply the resource endpoint".into()),
    }
}

/// `X.from_connection_string(cs, ...)` → `X(endpoint, ..., credential)` / `new X(endpoint, ..., credential)`.
fn factory_to_constructor(s: &Site) -> Result<CodeFix, String> {
    if !has_endpoint_constructor(&s.class) {
        return Err(format!("`{}` has no DefaultAzureCredential form secretless knows", s.class));
    }
    let (ep, known) = s.endpoint.clone().ok_or_else(|| "the endpoint cannot be derived from this code: rewrite by hand".to_owned())?;
    let service = sdk_service(s);
    let class_text = s.call.receiver.map(|r| compact(r, s.src)).unwrap_or_else(|| s.class.clone());
    let mut args: Vec<String> = Vec::new();
    let positional: Vec<Node> = s.call.positional().collect();
    let rest_positional: Vec<&Node> = positional.iter().skip(1).collect();
    let keywords: Vec<(String, String)> = s
        .call
        .args
        .iter()
        .filter_map(|a| a.name.clone().map(|n| (n, s.text(a.value).to_owned())))
        .filter(|(n, _)| !matches!(n.as_str(), "conn_str" | "connection_string" | "connectionString"))
        .collect();
    let mut symbols = vec!["DefaultAzureCredential"];
    let text = match s.lang {
        Lang::Python => {
            args.push(format!("{}={ep}", endpoint_keyword(service, &s.class)));
            for (name, node) in python_positional_names(&s.class).iter().zip(&rest_positional) {
                args.push(format!("{name}={}", s.text(**node)));
            }
            if rest_positional.len() > python_positional_names(&s.class).len() {
                return Err("unexpected positional arguments: rewrite by hand".into());
            }
            args.extend(keywords.iter().map(|(n, v)| format!("{n}={v}")));
            args.push(format!("credential={}", credential(s.lang)));
            if service == Service::StorageFile {
                args.push("token_intent=\"backup\"".into());
            }
            if ep.starts_with("os.") {
                symbols.push("os");
            }
            format!("{class_text}({})", args.join(", "))
        }
        _ => {
            // JS/TS: `X.fromConnectionString(cs, a)` → `new X(url, a, cred)`; container/queue clients take the entity in the URL.
            let mut parts = vec![ep.clone()];
            let entity_in_url =
                matches!(s.class.as_str(), "ContainerClient" | "QueueClient" | "BlockBlobClient" | "BlobClient" | "ShareClient");
            if entity_in_url {
                let mut pieces = vec![ep.clone()];
                pieces.extend(rest_positional.iter().map(|n| s.text(**n).to_owned()));
                parts = vec![js_url(&pieces)];
            } else {
                parts.extend(rest_positional.iter().map(|n| s.text(**n).to_owned()));
            }
            parts.insert(if service == Service::EventHubs && s.class == "EventHubConsumerClient" { 0 } else { parts.len() }, String::new());
            parts.retain(|p| !p.is_empty());
            parts.push(credential(s.lang).to_owned());
            if service == Service::StorageFile {
                parts.push("{ fileRequestIntent: \"backup\" }".into());
            }
            format!("new {}({})", s.class, parts.join(", "))
        }
    };
    let edits = vec![Edit::replace(s.call.node.byte_range(), text)];
    let mut replaced = Vec::new();
    if let Some(cs) = positional.first().copied().or_else(|| s.call.keyword(&["conn_str", "connection_string"])) {
        replaced.extend(definition_of(s, cs));
    }
    Ok(CodeFix { symbols, replaced, ..endpoint_fix(s, edits, known, format!("Use DefaultAzureCredential with the {} endpoint", service)) })
}

/// Microsoft.Extensions.Azure / App Configuration registrations:
/// `AddBlobServiceClient(cs)` → `AddBlobServiceClient(new Uri(endpoint))` + `UseCredential(new DefaultAzureCredential())`,
/// `AddServiceBusClient(cs)` → `AddServiceBusClientWithNamespace(fqns)`,
/// `AddAzureAppConfiguration(cs)` → `AddAzureAppConfiguration(o => o.Connect(new Uri(endpoint), new DefaultAzureCredential()))`.
fn registration(s: &Site) -> Result<CodeFix, String> {
    if s.call.name == "AddStackExchangeRedisCache" {
        return Err("no automatic rewrite for the distributed cache yet: set `options.ConfigurationOptions` to \
                    `await ConfigurationOptions.Parse(host).ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential())` \
                    (Microsoft.Azure.StackExchangeRedis) and drop `password=` from the configuration string"
            .into());
    }
    // Message-bus frameworks: their own host APIs take the namespace and a TokenCredential.
    let bus = match s.call.name.as_str() {
        "Host" => Some(
            "MassTransit: `cfg.Host(new Uri(\"sb://<namespace>.servicebus.windows.net\"), h => h.TokenCredential = new DefaultAzureCredential())`",
        ),
        "AzureServiceBusTransport" => {
            Some("NServiceBus: `new AzureServiceBusTransport(\"<namespace>.servicebus.windows.net\", new DefaultAzureCredential())`")
        }
        "UseAzureServiceBus" => Some(
            "Rebus: keep only `Endpoint=sb://<namespace>.servicebus.windows.net` in the connection string and pass `new DefaultAzureCredential()` as its token credential",
        ),
        _ => None,
    };
    if let Some(how) = bus {
        return Err(format!("no automatic rewrite for a message-bus framework yet: {how}"));
    }
    if crate::analyze::catalog::is_health_check(&s.call.name) {
        return Err(format!(
            "no automatic rewrite for the `{}` health check yet: register the client it should use \
             (`AddAzureClients(...).UseCredential(new DefaultAzureCredential())`) and call its overload without a connection string",
            s.call.name
        ));
    }
    // `AddAzureKeyVault(vaultUri, new ClientSecretCredential(...))`: only the credential changes.
    if s.call.name == "AddAzureKeyVault"
        && s.call.positional().count() == 2
        && let Some(fix) = swap_credential_argument(s)
    {
        return Ok(fix);
    }
    // UseCosmos(endpoint, key, db) keeps its endpoint: only the key changes.
    let cosmos_key = if s.call.name == "UseCosmos" { crate::analyze::catalog::ef_cosmos_key_argument(&s.call) } else { None };
    let key_form = cosmos_key.is_some();
    let (ep, known) = match s.endpoint.clone() {
        Some(e) => e,
        None if key_form => (String::new(), true),
        None => return Err("the endpoint setting cannot be derived from this code: rewrite by hand".to_owned()),
    };
    let arg = s.call.positional().next().ok_or("no connection-string argument")?;
    let name = s.call.name.as_str();
    let mut edits = Vec::new();
    let mut use_credential = false;
    match name {
        "AddBlobServiceClient"
        | "AddQueueServiceClient"
        | "AddTableServiceClient"
        | "AddDataLakeServiceClient"
        | "AddFileServiceClient" => {
            edits.push(Edit::replace(arg.byte_range(), format!("new Uri({ep})")));
            use_credential = true;
        }
        "AddServiceBusClient" | "AddEventHubProducerClient" | "AddEventHubConsumerClient" => {
            let method = s.call.node.child_by_field_name("function").and_then(|f| f.child_by_field_name("name")).ok_or("malformed call")?;
            edits.push(Edit::replace(method.byte_range(), format!("{name}WithNamespace")));
            edits.push(Edit::replace(arg.byte_range(), ep.clone()));
            use_credential = true;
        }
        // EF Core: UseCosmos(accountEndpoint, tokenCredential, databaseName).
        "UseCosmos" => {
            if let Some(key) = cosmos_key {
                edits.push(Edit::replace(key.byte_range(), "new DefaultAzureCredential()"));
            } else {
                edits.push(Edit::replace(arg.byte_range(), format!("{ep}, new DefaultAzureCredential()")));
            }
        }
        // Orleans' Azure Storage providers: `ConfigureTableServiceClient(Uri, TokenCredential)`.
        "ConfigureTableServiceClient" | "ConfigureBlobServiceClient" | "ConfigureQueueServiceClient" => {
            edits.push(Edit::replace(arg.byte_range(), format!("new Uri({ep}), new DefaultAzureCredential()")));
        }
        // Data Protection: `PersistKeysToAzureBlobStorage(Uri blobUri, TokenCredential)`; the blob's
        // container and name follow the endpoint.
        "PersistKeysToAzureBlobStorage" => {
            let positional: Vec<Node> = s.call.positional().collect();
            let (container, blob) = (s.text(positional[1]), s.text(positional[2]));
            let from = positional[0].start_byte();
            edits.push(Edit::replace(
                from..positional[2].end_byte(),
                format!("new Uri(new Uri({ep}), {container} + \"/\" + {blob}), new DefaultAzureCredential()"),
            ));
        }
        // An options callback keeps its other settings (feature flags, Key Vault): say what to change.
        "AddAzureAppConfiguration" if arg.kind() == "lambda_expression" => {
            return Err("no automatic rewrite inside the options callback yet: change `options.Connect(connectionString)` to \
                        `options.Connect(new Uri(\"https://<store>.azconfig.io\"), new DefaultAzureCredential())`"
                .into());
        }
        "AddAzureAppConfiguration" => {
            edits.push(Edit::replace(arg.byte_range(), format!("options => options.Connect(new Uri({ep}), new DefaultAzureCredential())")));
        }
        _ => return Err(format!("no automatic rewrite for `{name}` yet: follow `secretless rules {}`", s.finding.rule)),
    }
    if use_credential {
        // `services.AddAzureClients(clients => { ... })`: one UseCredential for the whole builder.
        let mut p = s.call.node.parent();
        let mut done = false;
        while let Some(n) = p {
            if n.kind() == "lambda_expression" {
                let body = n.child_by_field_name("body").filter(|b| b.kind() == "block");
                let param = n.child_by_field_name("parameters").map(|x| s.text(x).trim_matches(['(', ')']).trim().to_owned());
                if let (Some(body), Some(param)) = (body, param) {
                    if s.text(body).contains(".UseCredential(") {
                        done = true;
                        break;
                    }
                    let close = body.end_byte() - 1;
                    let line_start = s.src[..close].rfind('\n').map(|i| i + 1).unwrap_or(close);
                    let indent: String = s.src[line_start..close].chars().take_while(|c| c.is_whitespace()).collect();
                    edits.push(Edit::insert(line_start, format!("{indent}    {param}.UseCredential(new DefaultAzureCredential());\n")));
                    done = true;
                }
                break;
            }
            p = n.parent();
        }
        if !done {
            return Err("the registration is not inside an `AddAzureClients(builder => { ... })` block: add `UseCredential` by hand".into());
        }
    }
    Ok(endpoint_fix(s, edits, known, format!("Register the {} client with its endpoint and DefaultAzureCredential", s.finding.service)))
}

/// C# / JS `new X(connectionString, ...)` → `new X(new Uri(endpoint), ..., new DefaultAzureCredential())`.
fn connection_string_constructor(s: &Site) -> Result<CodeFix, String> {
    let (ep, known) = s.endpoint.clone().ok_or_else(|| "the endpoint cannot be derived from this code: rewrite by hand".to_owned())?;
    let positional: Vec<Node> = s.call.positional().collect();
    let at = match s.class.as_str() {
        "EventHubConsumerClient" => 1,
        "EventProcessorClient" => 2,
        _ => 0,
    };
    let cs = *positional.get(at).ok_or("no connection-string argument")?;
    let service = sdk_service(s);
    let uri = |e: &str| if s.lang == Lang::CSharp { format!("new Uri({e})") } else { e.to_owned() };
    // Storage entity clients take the entity in the URI, the others keep their arguments.
    let entity_in_uri =
        service.is_storage() && matches!(s.class.as_str(), "BlobContainerClient" | "ContainerClient" | "QueueClient" | "ShareClient");
    let js_entity_in_url = s.lang != Lang::CSharp
        && service.is_storage()
        && matches!(
            s.class.as_str(),
            "ContainerClient" | "QueueClient" | "ShareClient" | "BlobClient" | "BlockBlobClient" | "AppendBlobClient" | "PageBlobClient"
        );
    if js_entity_in_url {
        return js_entity_url_constructor(s, &ep, known, &positional);
    }
    if service == Service::EventHubs
        && matches!(s.class.as_str(), "EventHubConsumerClient" | "EventHubProducerClient" | "EventProcessorClient")
    {
        return event_hubs_constructor(s, &ep, known, &positional, at);
    }
    // @azure/cosmos has no `(endpoint, credential)` constructor: one options object holds both.
    if service == Service::CosmosDb && s.lang != Lang::CSharp {
        if positional.len() != 1 {
            return Err("`new CosmosClient(...)` with unexpected arguments: rewrite by hand".into());
        }
        let options = format!("{{ endpoint: {ep}, aadCredentials: {} }}", credential(s.lang));
        let edits = vec![Edit::replace(cs.byte_range(), options)];
        return Ok(endpoint_fix(s, edits, known, format!("Use DefaultAzureCredential with the {} endpoint", service)));
    }
    let mut edits = Vec::new();
    if s.lang == Lang::CSharp && entity_in_uri {
        let entity = positional.get(1).ok_or("no entity-name argument")?;
        edits.push(Edit::replace(cs.start_byte()..entity.end_byte(), uri(&join_url(&ep, s.text(*entity)))));
    } else {
        let ep_expr = match service {
            Service::ServiceBus | Service::EventHubs | Service::CosmosDb if s.lang == Lang::CSharp => ep.clone(),
            _ => uri(&ep),
        };
        edits.push(Edit::replace(cs.byte_range(), ep_expr));
    }
    // The credential goes after the entity arguments, before an options object.
    let last = positional.last().copied().unwrap_or(cs);
    let options_last = positional.len() > at + 1 && s.text(last).contains("Options");
    let mut insert_at = if options_last { positional[positional.len() - 2].end_byte() } else { last.end_byte() };
    // JS Web PubSub takes the credential before the hub: `new WebPubSubServiceClient(endpoint, credential, hub)`.
    if s.class == "WebPubSubServiceClient" && s.lang != Lang::CSharp {
        insert_at = cs.end_byte();
    }
    edits.push(Edit::insert(insert_at, format!(", {}", credential(s.lang))));
    Ok(endpoint_fix(s, edits, known, format!("Use DefaultAzureCredential with the {} endpoint", service)))
}

/// JS/TS storage entity clients: `new ContainerClient(connectionString, containerName)` has no
/// `(url, name, credential)` counterpart: the entity goes into the URL,
/// `new ContainerClient(`${url}/${name}`, credential, options?)` (BlobClient: container and blob).
fn js_entity_url_constructor(s: &Site, ep: &str, known: bool, positional: &[Node]) -> Result<CodeFix, String> {
    let cs = *positional.first().ok_or("no connection-string argument")?;
    let names: Vec<Node> = positional[1..].iter().copied().filter(|n| !is_options_argument(s, *n)).collect();
    let wanted = if matches!(s.class.as_str(), "ContainerClient" | "QueueClient" | "ShareClient") { 1 } else { 2 };
    if names.len() != wanted {
        return Err(format!("`new {}(...)` with unexpected arguments: rewrite by hand", s.class));
    }
    let last = *names.last().unwrap();
    let mut pieces = vec![ep.to_owned()];
    pieces.extend(names.iter().map(|n| s.text(*n).to_owned()));
    let url = js_url(&pieces);
    let edits = vec![Edit::replace(cs.start_byte()..last.end_byte(), format!("{url}, {}", credential(s.lang)))];
    Ok(endpoint_fix(s, edits, known, format!("Use DefaultAzureCredential with the {} endpoint", s.finding.service)))
}

/// An options bag rather than an entity name (`{ retryOptions }`, `clientOptions`, `new XOptions()`).
fn is_options_argument(s: &Site, n: Node) -> bool {
    let t = s.text(n).to_ascii_lowercase();
    matches!(n.kind(), "object" | "object_creation_expression") || t.contains("options")
}

/// A template literal joining URL pieces with `/`: string literals are inlined, other expressions
/// interpolated (`${process.env.X}/clicks`).
fn js_url(pieces: &[String]) -> String {
    let plain = |p: &str| {
        let q = p.chars().next()?;
        let inner = p.strip_prefix(q)?.strip_suffix(q)?;
        let ok = p.len() >= 2 && matches!(q, '"' | '\'' | '`') && !inner.contains(['\\', '`', q]) && !inner.contains("${");
        ok.then(|| inner.to_owned())
    };
    let parts: Vec<String> = pieces
        .iter()
        .map(|p| match plain(p) {
            Some(text) => text.trim_end_matches('/').to_owned(),
            None => format!("${{{p}}}"),
        })
        .collect();
    format!("`{}`", parts.join("/"))
}

/// Event Hubs clients (JS/TS and C#): the credential overloads always take the event hub name,
/// and the credential follows it, before a checkpoint store and options:
/// `(consumerGroup, fullyQualifiedNamespace, eventHubName, credential, checkpointStore?, options?)`,
/// `(fullyQualifiedNamespace, eventHubName, credential, options?)`. A connection string with
/// `EntityPath` has no hub-name argument: it is inserted from the connection string, else marked for review.
fn event_hubs_constructor(s: &Site, ep: &str, known: bool, positional: &[Node], at: usize) -> Result<CodeFix, String> {
    let cs = *positional.get(at).ok_or("no connection-string argument")?;
    let next = positional.get(at + 1).copied();
    let is_hub_name = |n: Node| {
        let t = s.text(n).to_ascii_lowercase();
        !is_options_argument(s, n)
            && !matches!(n.kind(), "new_expression" | "object_creation_expression")
            && !t.contains("store")
            && !t.contains("checkpoint")
    };
    let mut known = known;
    let mut needs = if known { None } else { needs_for(s) };
    let cred = credential(s.lang);
    let mut edits = vec![Edit::replace(cs.byte_range(), ep.to_owned())];
    match next.filter(|n| is_hub_name(*n)) {
        Some(hub) => edits.push(Edit::insert(hub.end_byte(), format!(", {cred}"))),
        None => {
            let hub = entity_path(s.text(cs))
                .or_else(|| s.config_value.as_deref().and_then(entity_path))
                .or_else(|| s.finding.secrets.iter().find_map(|v| entity_path(v)))
                .map(|h| string_literal(s.lang, &h))
                .unwrap_or_else(|| {
                    known = false;
                    let n = "the event hub name (the connection string's EntityPath)";
                    needs = Some(match needs.take() {
                        Some(prev) => format!("{prev}; replace \"<event-hub-name>\" with {n}"),
                        None => format!("replace \"<event-hub-name>\" with {n}"),
                    });
                    string_literal(s.lang, "<event-hub-name>")
                });
            edits.push(Edit::insert(cs.end_byte(), format!(", {hub}, {cred}")));
        }
    }
    Ok(CodeFix {
        edits,
        symbols: vec!["DefaultAzureCredential"],
        applicability: if known { Applicability::Safe } else { Applicability::Review },
        needs,
        title: format!("Use DefaultAzureCredential with the {} endpoint", s.finding.service),
        setting: s.setting.clone(),
        ..Default::default()
    })
}

/// `EntityPath=<hub>` of an Event Hubs connection string.
fn entity_path(cs: &str) -> Option<String> {
    cs.split(';').find_map(|seg| {
        let (k, v) = seg.split_once('=')?;
        let k = k.trim().trim_start_matches(['"', '\'', '`']);
        let v = v.trim().trim_end_matches(['"', '\'', '`', ')']);
        let plain = !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        (k.eq_ignore_ascii_case("EntityPath") && plain).then(|| v.to_owned())
    })
}

/// When the replaced argument was a variable used nowhere else (`const cred = new StorageSharedKeyCredential(..)`,
/// `CONNECTION_STRING = os.getenv(.., "literal")`), delete its definition: dead code that still reads or
/// holds the secret.
pub fn definition_of(s: &Site, arg: Node) -> Option<(String, std::ops::Range<usize>)> {
    if !matches!(arg.kind(), "identifier") {
        return None;
    }
    let name = s.text(arg);
    let mut root = arg;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let declares = match n.kind() {
            "expression_statement" => n
                .named_child(0)
                .is_some_and(|a| a.kind() == "assignment" && a.child_by_field_name("left").is_some_and(|l| s.text(l) == name)),
            "lexical_declaration" | "variable_declaration" | "local_declaration_statement" | "field_declaration" => {
                single_declarator(s, n, name)
            }
            _ => false,
        };
        if declares && n.end_byte() < arg.start_byte() {
            let start = s.src[..n.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let end = s.src[n.end_byte()..].find('\n').map(|i| n.end_byte() + i + 1).unwrap_or(s.src.len());
            // `export const x = ...` counts (never removed as dead: other modules may use it).
            let prefix = s.src[start..n.start_byte()].trim();
            if !(prefix.is_empty() || prefix == "export") || !s.src[n.end_byte()..end].trim().is_empty() {
                return None;
            }
            return Some((name.to_owned(), start..end));
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c).filter(|k| k.start_byte() <= arg.start_byte()));
    }
    None
}

/// Python: the secret credential a `with` statement binds to `arg` (`with ClientSecretCredential(..) as arg:`).
fn context_manager_value<'t>(s: &Site<'_, 't>, arg: Node<'t>) -> Option<Node<'t>> {
    if s.lang != Lang::Python || arg.kind() != "identifier" {
        return None;
    }
    let name = s.text(arg);
    let mut n = arg;
    while let Some(p) = n.parent() {
        n = p;
        if n.kind() != "with_statement" {
            continue;
        }
        let mut c = n.walk();
        let clause = n.named_children(&mut c).find(|k| k.kind() == "with_clause")?;
        let mut c2 = clause.walk();
        for item in clause.named_children(&mut c2) {
            let Some(pattern) = item.child_by_field_name("value").filter(|v| v.kind() == "as_pattern") else { continue };
            let bound = pattern.child_by_field_name("alias").is_some_and(|a| s.text(a).trim() == name);
            let value = pattern.named_child(0)?;
            if bound && matches!(s.shape(value), Shape::Call(c) if catalog::secret_credential(&c.name).is_some()) {
                return Some(value);
            }
        }
    }
    None
}

/// `credential = ClientSecretCredential(...)` passed to this client and to others (management
/// clients, a second SDK client): the credential itself changes, once, for all of them. Swapping
/// only this argument would leave the others on the secret, and a second run would then find the
/// credential on its own.
fn shared_credential_value<'t>(s: &Site<'_, 't>, arg: Node<'t>) -> Option<Node<'t>> {
    if arg.kind() != "identifier" {
        return None;
    }
    let name = s.text(arg);
    let mut root = arg;
    while let Some(p) = root.parent() {
        root = p;
    }
    let (mut uses, mut value) = (0usize, None);
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" && s.text(n) == name && !super::is_argument_name(n) {
            uses += 1;
            let parent = n.parent();
            let field = |f: &str| parent.and_then(|p| p.child_by_field_name(f));
            let declared = field("left").or_else(|| field("name")).is_some_and(|l| l.id() == n.id());
            if declared {
                let v = field("right")
                    .or_else(|| field("value"))
                    .or_else(|| parent.and_then(|p| p.named_child(p.named_child_count() as u32 - 1)));
                if let Some(v) = v.filter(|v| matches!(s.shape(*v), Shape::Call(c) if catalog::secret_credential(&c.name).is_some())) {
                    value = Some(v);
                }
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    // The definition and at least two uses.
    value.filter(|_| uses >= 3)
}

/// Does this declaration declare exactly `name`, and nothing else?
fn single_declarator(s: &Site, decl: Node, name: &str) -> bool {
    let mut found = 0;
    let mut stack = vec![decl];
    while let Some(n) = stack.pop() {
        if n.kind() == "variable_declarator" {
            found += 1;
            if n.child_by_field_name("name").is_none_or(|x| s.text(x) != name) {
                return false;
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    found == 1
}

/// `endpoint + "/" + name`, folding literals: `"https://a.blob.core.windows.net/orders"`.
fn join_url(ep: &str, name: &str) -> String {
    let lit = |s: &str| s.len() >= 2 && s.starts_with('"') && s.ends_with('"') && !s[1..s.len() - 1].contains('"');
    match (lit(ep), lit(name)) {
        (true, true) => format!("\"{}/{}\"", &ep[1..ep.len() - 1], &name[1..name.len() - 1]),
        (true, false) => format!("\"{}/\" + {name}", &ep[1..ep.len() - 1]),
        (false, true) => format!("{ep} + \"/{}\"", &name[1..name.len() - 1]),
        (false, false) => format!("{ep} + \"/\" + {name}"),
    }
}

/// A secret credential argument (`AzureKeyCredential(key)`, `credential=account_key`,
/// `{ key }`) → `DefaultAzureCredential`: the endpoint is already in place, so this is safe.
fn swap_credential_argument(s: &Site) -> Option<CodeFix> {
    // The secret credential object itself (`UsernamePasswordCredential(id, user, password)`): its
    // arguments are not credentials to swap, the whole object is (`secret_credential_object`).
    if catalog::secret_credential(&s.class).is_some() {
        return None;
    }
    let cred = credential(s.lang);
    for a in &s.call.args {
        let v = a.value;
        let is_cred_kw = a
            .name
            .as_deref()
            .is_some_and(|n| matches!(n, "credential" | "credentials" | "account_key" | "sas_token" | "client_credential"));
        let is_secret_object = match s.shape(v) {
            Shape::Call(c) => catalog::secret_credential(&c.name).is_some(),
            _ => false,
        };
        let named_secret = a.name.is_none()
            && matches!(
                v.kind(),
                "identifier"
                    | "member_expression"
                    | "attribute"
                    | "member_access_expression"
                    | "element_access_expression"
                    | "subscript"
                    | "subscript_expression"
            )
            && names_a_secret(s.text(v))
            && s.call.positional().position(|p| p.id() == v.id()).unwrap_or(0) > 0;
        if !(is_cred_kw || is_secret_object || named_secret) {
            continue;
        }
        // `async with ClientSecretCredential(...) as credential:` the context manager itself changes, so
        // the credential is still closed where it was (and nothing is left for a second run).
        if let Some(managed) = context_manager_value(s, v).or_else(|| shared_credential_value(s, v)) {
            return Some(CodeFix {
                edits: vec![Edit::replace(managed.byte_range(), cred)],
                symbols: vec!["DefaultAzureCredential"],
                applicability: Applicability::Safe,
                title: "Use DefaultAzureCredential instead of the secret credential".into(),
                ..Default::default()
            });
        }
        let edit = match a.name.as_deref() {
            Some("account_key" | "sas_token") => {
                Edit::replace(v.parent().map(|p| p.byte_range()).unwrap_or(v.byte_range()), format!("credential={cred}"))
            }
            Some("client_credential") => return None,
            _ => Edit::replace(v.byte_range(), cred),
        };
        return Some(CodeFix {
            edits: vec![edit],
            replaced: definition_of(s, v).into_iter().collect(),
            symbols: vec!["DefaultAzureCredential"],
            applicability: Applicability::Safe,
            needs: None,
            title: "Use DefaultAzureCredential instead of the secret credential".into(),
            setting: None,
            ..Default::default()
        });
    }
    // JS options objects: `new CosmosClient({ endpoint, key })`.
    if s.lang != Lang::Python && s.lang != Lang::CSharp {
        for v in s.call.positional() {
            if v.kind() != "object" {
                continue;
            }
            let mut c = v.walk();
            for p in v.named_children(&mut c) {
                let key = pair_key(s, p);
                if matches!(key.as_deref(), Some("key" | "masterKey")) && s.class == "CosmosClient" {
                    return Some(CodeFix {
                        edits: vec![Edit::replace(p.byte_range(), format!("aadCredentials: {cred}"))],
                        symbols: vec!["DefaultAzureCredential"],
                        applicability: Applicability::Safe,
                        needs: None,
                        title: "Use DefaultAzureCredential (aadCredentials) instead of the account key".into(),
                        setting: None,
                        replaced: Vec::new(),
                        ..Default::default()
                    });
                }
            }
        }
    }
    None
}

/// Storage clients built from a SAS URL (`new BlobServiceClient(`https://a.blob.core.windows.net?${sas}`)`,
/// `ContainerClient.from_container_url(f"...?{sas}")`): the query string goes, DefaultAzureCredential
/// comes in. Safe: the account URL is written right there.
fn sas_url(s: &Site) -> Option<CodeFix> {
    let url = s.call.keyword(&["account_url", "container_url", "blob_url", "url"]).or_else(|| s.call.positional().next())?;
    let text = s.text(url);
    let quote = text.find(['"', '\'', '`'])?;
    // The `?` of the query, outside interpolation holes.
    let mut depth = 0usize;
    let q = text.char_indices().skip(quote + 1).find_map(|(i, c)| {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '?' if depth == 0 => return Some(i),
            _ => {}
        }
        None
    })?;
    let close = text.rfind(['"', '\'', '`']).filter(|c| *c > q)?;
    if s.call.keyword(&["credential"]).is_some() || (s.lang != Lang::Python && s.call.positional().count() > 1) {
        return None;
    }
    // Azure Files takes OAuth only with the backup intent (catalog §2).
    let file = s.finding.service == Service::StorageFile;
    let cred = match s.lang {
        Lang::Python if file => format!(", credential={}, token_intent=\"backup\"", credential(s.lang)),
        Lang::Python => format!(", credential={}", credential(s.lang)),
        Lang::CSharp if file => {
            format!(", {}, new ShareClientOptions {{ ShareTokenIntent = ShareTokenIntent.Backup }}", credential(s.lang))
        }
        _ if file => format!(", {}, {{ fileRequestIntent: \"backup\" }}", credential(s.lang)),
        _ => format!(", {}", credential(s.lang)),
    };
    // ShareTokenIntent lives in the Models namespace.
    let imports = if s.lang == Lang::CSharp && file {
        vec![crate::fix::Import { module: "Azure.Storage.Files.Shares.Models", name: "" }]
    } else {
        Vec::new()
    };
    let edits = vec![
        Edit::replace(url.start_byte() + q..url.start_byte() + close, ""),
        Edit::insert(if s.lang == Lang::Python { after_last_argument(s) } else { url.end_byte() }, cred),
    ];
    Some(CodeFix {
        edits,
        symbols: vec!["DefaultAzureCredential"],
        imports,
        applicability: Applicability::Safe,
        title: "Use DefaultAzureCredential instead of the SAS token".into(),
        ..Default::default()
    })
}

/// A client secret or password credential built on its own (`credential = ClientSecretCredential(..)`,
/// `return new ClientSecretCredential(..)`) → `DefaultAzureCredential`, wherever it is then used.
/// Review: the managed identity needs the roles the app registration had.
fn secret_credential_object(s: &Site) -> Result<CodeFix, String> {
    // A variable or signature typed as the secret credential would no longer type-check.
    let class = &s.class;
    let typed = [format!(": {class}"), format!("<{class}>"), format!("({class})")];
    if typed.iter().any(|t| s.src.contains(t.as_str())) || (s.lang == Lang::CSharp && !csharp_untyped_declaration(s)) {
        return Err(format!(
            "`{class}` is used as a declared type here: replace it by `DefaultAzureCredential` (or `TokenCredential`) by hand"
        ));
    }
    Ok(CodeFix {
        edits: vec![Edit::replace(s.call.node.byte_range(), credential(s.lang))],
        symbols: vec!["DefaultAzureCredential"],
        applicability: Applicability::Review,
        needs: Some("give the managed identity the roles the app registration had, then delete the registration's secret".into()),
        title: "Use DefaultAzureCredential instead of the app registration's secret".into(),
        ..Default::default()
    })
}

/// The `ClientSecretCredential(..)` / `UsernamePasswordCredential(..)` construction inside `range` (a
/// definition), when replacing it by `DefaultAzureCredential` keeps the code well typed.
pub fn secret_credential_in(lang: Lang, src: &str, tree: &Tree, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let text = &src[range.clone()];
    let class = ["ClientSecretCredential", "UsernamePasswordCredential"].into_iter().find(|c| text.contains(&format!("{c}(")))?;
    if [format!(": {class}"), format!("{class} "), format!("<{class}>")]
        .iter()
        .any(|t| text.contains(t.as_str()) && !text.contains(&format!("new {class}")))
    {
        return None;
    }
    if text.contains(&format!(": {class}")) || (lang == Lang::CSharp && !text.trim_start().starts_with("var ")) {
        return None;
    }
    let mut stack = vec![tree.root_node().descendant_for_byte_range(range.start, range.end)?];
    while let Some(n) = stack.pop() {
        if let Shape::Call(c) = lang.shape(n, src)
            && c.name == class
        {
            return Some(n.byte_range());
        }
        let mut cur = n.walk();
        stack.extend(n.named_children(&mut cur).filter(|k| k.start_byte() >= range.start && k.end_byte() <= range.end));
    }
    None
}

/// C#: the credential is returned, passed on, or assigned to a `var` / `TokenCredential`.
fn csharp_untyped_declaration(s: &Site) -> bool {
    let mut n = s.call.node.parent();
    while let Some(p) = n {
        match p.kind() {
            "variable_declaration" => {
                return p
                    .child_by_field_name("type")
                    .is_some_and(|t| matches!(s.text(t), "var" | "TokenCredential" | "Azure.Core.TokenCredential"));
            }
            "parenthesized_expression" | "equals_value_clause" | "variable_declarator" => n = p.parent(),
            _ => return true,
        }
    }
    true
}

/// `key`, `accountKey`, `sharedKeyCredential`, `clientSecret`: an argument that holds the secret.
fn names_a_secret(text: &str) -> bool {
    let n = crate::analyze::names::normalize(text.rsplit(['.', '>']).next().unwrap_or(text));
    crate::analyze::names::secret_name(text).is_some()
        || n.ends_with("key") && !n.contains("keyvault")
        || n.ends_with("secret")
        || n.ends_with("credential")
        || n.ends_with("cred")
}

/// `AzureOpenAI(api_key=...)` → a bearer token provider over DefaultAzureCredential.
fn openai_token_provider(s: &Site) -> Result<CodeFix, String> {
    let (provider, symbols) = match s.lang {
        Lang::Python => (
            format!("azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), \"{OPENAI_SCOPE}\")"),
            vec!["DefaultAzureCredential", "get_bearer_token_provider"],
        ),
        _ => (
            format!("azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), \"{OPENAI_SCOPE}\")"),
            vec!["DefaultAzureCredential", "getBearerTokenProvider"],
        ),
    };
    let fix = |edits| CodeFix {
        edits,
        symbols: symbols.clone(),
        applicability: Applicability::Safe,
        needs: None,
        title: "Use a DefaultAzureCredential bearer token provider instead of the API key".into(),
        setting: None,
        replaced: Vec::new(),
        ..Default::default()
    };
    if s.lang == Lang::Python {
        if let Some(a) =
            s.call.args.iter().find(|a| matches!(a.name.as_deref(), Some("api_key" | "openai_api_key" | "azure_openai_api_key")))
        {
            let kw = a.value.parent().ok_or("malformed keyword argument")?;
            return Ok(fix(vec![Edit::replace(kw.byte_range(), provider)]));
        }
        let args = s.call.node.child_by_field_name("arguments").ok_or("no argument list")?;
        let close = args.end_byte() - 1;
        return Ok(fix(vec![Edit::insert(close, format!("{}{provider}", list_separator(&s.src[args.start_byte()..close])))]));
    }
    let obj = s.call.positional().find(|v| v.kind() == "object").ok_or("no options object")?;
    let mut c = obj.walk();
    for p in obj.named_children(&mut c) {
        let key = pair_key(s, p);
        // LangChain.js names it `azureOpenAIApiKey`.
        if matches!(key.as_deref(), Some("apiKey" | "azureOpenAIApiKey" | "openAIApiKey")) {
            return Ok(fix(vec![Edit::replace(p.byte_range(), provider)]));
        }
    }
    let close = obj.end_byte() - 1;
    Ok(fix(vec![Edit::insert(close, format!("{}{provider} ", list_separator(&s.src[obj.start_byte()..close])))]))
}

/// What goes before an item appended to a list that ends here (`(` / `{` / a trailing comma: nothing
/// or a space; else a comma).
fn list_separator(before_close: &str) -> &'static str {
    match before_close.trim_end().chars().last() {
        Some('(' | '{') => "",
        Some(',') => " ",
        _ => ", ",
    }
}

/// The plain OpenAI client on Azure's v1 API (`OpenAI(base_url=".../openai/v1/", api_key=key)`): the
/// API key becomes a bearer token provider, which openai 1.106+ (Python) and 5.18+ (JS) take as `api_key`.
fn openai_v1_token_provider(s: &Site) -> Result<CodeFix, String> {
    let provider = match s.lang {
        Lang::Python => format!("get_bearer_token_provider(DefaultAzureCredential(), \"{OPENAI_SCOPE}\")"),
        _ => format!("getBearerTokenProvider(new DefaultAzureCredential(), \"{OPENAI_SCOPE}\")"),
    };
    let key = match s.lang {
        Lang::Python => s.call.args.iter().find(|a| a.name.as_deref() == Some("api_key")).map(|a| a.value),
        _ => s.call.positional().find(|v| v.kind() == "object").and_then(|obj| {
            let mut c = obj.walk();

            obj.named_children(&mut c).find(|p| pair_key(s, *p).as_deref() == Some("apiKey"))
        }),
    };
    let key =
        key.ok_or("the API key is not passed here (OPENAI_API_KEY from the environment): pass a bearer token provider as the API key")?;
    let edit = match (s.lang, key.kind()) {
        (Lang::Python, _) => Edit::replace(key.byte_range(), provider),
        (_, "shorthand_property_identifier") => Edit::replace(key.byte_range(), format!("apiKey: {provider}")),
        _ => Edit::replace(key.child_by_field_name("value").ok_or("malformed option")?.byte_range(), provider),
    };
    let symbols = match s.lang {
        Lang::Python => vec!["DefaultAzureCredential", "get_bearer_token_provider"],
        _ => vec!["DefaultAzureCredential", "getBearerTokenProvider"],
    };
    Ok(CodeFix {
        edits: vec![edit],
        symbols,
        applicability: Applicability::Review,
        needs: Some("openai 1.106+ (Python) / 5.18+ (JavaScript) take a token provider as the API key: upgrade older versions".into()),
        title: "Use a DefaultAzureCredential bearer token provider instead of the API key".into(),
        ..Default::default()
    })
}

/// The module the identity symbols come from, per language (`using Azure.Identity;` takes no names).
/// Python code on the asyncio clients (`from azure.keyvault.secrets.aio import SecretClient`) needs
/// the asyncio credential: the synchronous one cannot be awaited.
fn identity_module(lang: Lang, src: &str) -> &'static str {
    match lang {
        Lang::Python if python_uses_asyncio_sdk(src) => "azure.identity.aio",
        Lang::Python => "azure.identity",
        Lang::CSharp => "Azure.Identity",
        _ => "@azure/identity",
    }
}

/// Does this Python file import an Azure SDK's asyncio clients?
fn python_uses_asyncio_sdk(src: &str) -> bool {
    src.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("from azure.") && l.split_whitespace().nth(1).is_some_and(|m| m.ends_with(".aio") || m.contains(".aio."))
    })
}

/// The import / using / require of the identity symbols, once, in the file's own style (`os` in
/// `symbols` is Python's `import os`, for endpoint settings read from the environment).
pub fn import_edit(lang: Lang, src: &str, tree: &Tree, symbols: &[&str]) -> Vec<Edit> {
    let identity: Vec<&str> = symbols.iter().copied().filter(|s| *s != "os").collect();
    let need_os = lang == Lang::Python && symbols.contains(&"os") && !python_imports_module(src, "os");
    let edit = if identity.is_empty() { None } else { module_import(lang, src, tree, identity_module(lang, src), &identity) };
    match edit {
        // A new import line: `import os` goes on the line before it.
        Some(mut e) if need_os && e.replacement.starts_with("from ") => {
            e.replacement.insert_str(0, "import os\n");
            vec![e]
        }
        Some(e) if need_os => vec![Edit::insert(import_point(lang, src, tree), "import os\n"), e],
        None if need_os => vec![Edit::insert(import_point(lang, src, tree), "import os\n")],
        e => e.into_iter().collect(),
    }
}

/// The import of `names` from `module` (`names` empty: the module itself), once, in the file's own
/// style: an existing `from module import` / `import { } from "module"` line is extended, else a new
/// line goes after the last top-level import (C#: `using`s stay sorted).
pub fn module_import(lang: Lang, src: &str, tree: &Tree, module: &str, names: &[&str]) -> Option<Edit> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let top: Vec<Node> = root.named_children(&mut cursor).collect();
    match lang {
        Lang::Python => {
            if names.is_empty() {
                return (!python_imports_module(src, module))
                    .then(|| Edit::insert(import_point(lang, src, tree), format!("import {module}\n")));
            }
            let missing: Vec<&str> = names.iter().copied().filter(|s| !python_imports(src, module, s)).collect();
            if missing.is_empty() {
                return None;
            }
            // Extend an existing `from module import X` rather than adding a second line.
            let head = format!("from {module} import");
            if let Some(n) = top.iter().find(|n| n.kind() == "import_from_statement" && src[n.byte_range()].starts_with(&head)) {
                let t = &src[n.byte_range()];
                if let Some(inner) = t.trim_end().strip_suffix(')') {
                    // `(\n    A,\n    B,\n)`: after the last name, keeping the trailing comma style.
                    let last = inner.trim_end();
                    let at = n.start_byte() + last.len();
                    return Some(match last.strip_suffix(',') {
                        Some(_) => Edit::insert(at, format!(" {},", missing.join(", "))),
                        None => Edit::insert(at, format!(", {}", missing.join(", "))),
                    });
                }
                return Some(Edit::insert(n.end_byte(), format!(", {}", missing.join(", "))));
            }
            Some(Edit::insert(import_point(lang, src, tree), format!("{head} {}\n", missing.join(", "))))
        }
        Lang::CSharp => {
            let line = format!("using {module};");
            if src.contains(&line) {
                return None;
            }
            let usings: Vec<&Node> = top.iter().filter(|n| n.kind() == "using_directive").collect();
            let before = usings.iter().find(|n| {
                let name = src[n.byte_range()].trim_start_matches("using ").trim_end_matches(';').trim();
                !name.starts_with("System") && name > module && !name.starts_with("static ")
            });
            match (before, usings.last()) {
                (Some(n), _) => Some(Edit::insert(n.start_byte(), format!("{line}\n"))),
                (None, Some(last)) => Some(Edit::insert(line_end(src, last.end_byte()), format!("{line}\n"))),
                (None, None) => Some(Edit::insert(0, format!("{line}\n"))),
            }
        }
        _ => {
            let missing: Vec<&str> = names.iter().copied().filter(|s| !js_imports(src, module, s)).collect();
            if missing.is_empty() {
                return None;
            }
            // Extend `import { X } from "module"` / `const { X } = require("module")`.
            let quoted = |q: char| format!("{q}{module}{q}");
            if let Some(i) = src.find(&quoted('"')).or_else(|| src.find(&quoted('\''))) {
                let line_start = src[..i].rfind('\n').map(|j| j + 1).unwrap_or(0);
                let line = &src[line_start..];
                let line = &line[..line.find('\n').unwrap_or(line.len())];
                if let Some(close) = line.find('}').filter(|_| line.contains('{')) {
                    let inner = line[..close].trim_end();
                    let at = line_start + inner.len();
                    return Some(Edit::insert(at, format!(", {}", missing.join(", "))));
                }
            }
            let esm = top.iter().any(|n| n.kind() == "import_statement");
            let quote = if src.contains("from '") || src.contains("require('") { '\'' } else { '"' };
            let semi = if src.contains(";\n") { ";" } else { "" };
            let text = if esm {
                format!("import {{ {} }} from {quote}{module}{quote}{semi}\n", missing.join(", "))
            } else {
                format!("const {{ {} }} = require({quote}{module}{quote}){semi}\n", missing.join(", "))
            };
            Some(Edit::insert(import_point(lang, src, tree), text))
        }
    }
}

/// Where a new import line goes: after the last top-level import (or require), else after a
/// Python module docstring, else at the top.
pub fn import_point(lang: Lang, src: &str, tree: &Tree) -> usize {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let top: Vec<Node> = root.named_children(&mut cursor).collect();
    let is_import = |n: &Node| match lang {
        Lang::Python => matches!(n.kind(), "import_statement" | "import_from_statement" | "future_import_statement"),
        Lang::CSharp => n.kind() == "using_directive",
        _ => n.kind() == "import_statement" || (n.kind().ends_with("declaration") && src[n.byte_range()].contains("require(")),
    };
    match top.iter().rfind(|n| is_import(n)) {
        Some(n) => line_end(src, n.end_byte()),
        None if lang == Lang::Python => after_docstring(src, &top),
        None => 0,
    }
}

/// Where a module-level helper goes: before the first top-level statement after the imports.
pub fn helper_point(lang: Lang, src: &str, tree: &Tree) -> usize {
    let after = import_point(lang, src, tree);
    let root = tree.root_node();
    let mut cursor = root.walk();
    let next = root.named_children(&mut cursor).find(|n| n.start_byte() >= after && n.kind() != "comment");
    next.map(|n| src[..n.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0).max(after)).unwrap_or(src.len())
}

/// Does a `from module import ...` statement (parenthesised over several lines or not) import `symbol`?
fn python_imports(src: &str, module: &str, symbol: &str) -> bool {
    let head = format!("from {module} import");
    src.match_indices(&head).any(|(i, _)| {
        let rest = &src[i + head.len()..];
        let names = match rest.trim_start().strip_prefix('(') {
            Some(inner) => &inner[..inner.find(')').unwrap_or(inner.len())],
            None => &rest[..rest.find('\n').unwrap_or(rest.len())],
        };
        names.split([',', ' ', '\n', '\r', '\t', '\\']).any(|w| w == symbol)
    })
}

fn python_imports_module(src: &str, module: &str) -> bool {
    src.lines().any(|l| {
        let t = l.trim();
        t == format!("import {module}") || t.starts_with(&format!("import {module},")) || t.starts_with(&format!("import {module} "))
    })
}

fn js_imports(src: &str, module: &str, symbol: &str) -> bool {
    src.lines().any(|l| (l.contains(&format!("\"{module}\"")) || l.contains(&format!("'{module}'"))) && l.contains(symbol))
}

/// The options object of a call: an object literal argument, or the object literal a variable passed
/// as the argument is initialised with in this file (`sql.connect(config)` with `const config = {..}`).
fn object_argument<'t>(s: &Site<'_, 't>) -> Option<Node<'t>> {
    let arg = s.call.positional().find(|v| matches!(v.kind(), "object" | "identifier"))?;
    if arg.kind() == "object" {
        return Some(arg);
    }
    let name = s.text(arg);
    let mut root = arg;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut stack = vec![root];
    let mut found = Vec::new();
    while let Some(n) = stack.pop() {
        if n.kind() == "variable_declarator" && n.child_by_field_name("name").is_some_and(|x| s.text(x) == name) {
            found.extend(n.child_by_field_name("value").filter(|v| v.kind() == "object"));
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    // Only an unambiguous definition: one declaration of that name in the file.
    (found.len() == 1).then(|| found[0])
}

/// The key of an object member: `key: v`, `"key": v`, or the shorthand `key`.
fn pair_key(s: &Site, p: Node) -> Option<String> {
    match p.kind() {
        "pair" => p.child_by_field_name("key").map(|k| s.text(k).trim_matches(['"', '\'']).to_owned()),
        "shorthand_property_identifier" => Some(s.text(p).to_owned()),
        _ => None,
    }
}

/// Remove an item of an argument list or object literal with its comma: the whole line when it
/// stands alone on it.
fn remove_item(s: &Site, item: Node) -> Edit {
    let mut end = item.end_byte();
    let rest = &s.src[end..];
    let after_comma = rest.trim_start_matches([' ', '\t']);
    if let Some(stripped) = after_comma.strip_prefix(',') {
        end += rest.len() - stripped.len();
    }
    let line_start = s.src[..item.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let alone = s.src[line_start..item.start_byte()].trim().is_empty() && s.src[end..].starts_with(['\n', '\r']);
    if alone {
        return Edit::replace(line_start..line_end(s.src, end), "");
    }
    // Inline: also the space after the comma (`{ a, b }` → `{ b }`).
    let spaces = s.src[end..].len() - s.src[end..].trim_start_matches(' ').len();
    if end == item.end_byte() {
        // The last item: take the comma before it instead.
        let before = s.src[..item.start_byte()].trim_end();
        if let Some(b) = before.strip_suffix(',') {
            return Edit::replace(b.len()..item.end_byte(), "");
        }
    }
    Edit::replace(item.start_byte()..end + spaces, "")
}

/// Insert `text` as the item after `item` in a list or object, on a line of its own when `item` stands
/// on one.
fn insert_item_after(s: &Site, item: Node, text: &str) -> Edit {
    let line_start = s.src[..item.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let indent = &s.src[line_start..item.start_byte()];
    if indent.trim().is_empty() && !indent.is_empty() {
        Edit::insert(item.end_byte(), format!(",\n{indent}{text}"))
    } else {
        Edit::insert(item.end_byte(), format!(", {text}"))
    }
}

/// The offset just after a call's last argument (before a trailing comma and the closing bracket).
fn after_last_argument(s: &Site) -> usize {
    s.call
        .args
        .iter()
        .map(|a| a.value.parent().filter(|p| p.kind() == "keyword_argument").unwrap_or(a.value).end_byte())
        .max()
        .unwrap_or_else(|| s.call.node.child_by_field_name("arguments").map(|a| a.start_byte() + 1).unwrap_or(s.call.node.end_byte()))
}

/// The `key=value;` segments of a connection string written as source text (a literal, f-string,
/// template literal or interpolated string, or several of them concatenated) whose key is one of
/// `keys` (compared without case and spaces): byte ranges in `text`, with the separator (`sep`: `;`,
/// StackExchange.Redis `,`) that ends each. A value may hold interpolation holes
/// (`{os.environ['PWD']}`, `${pw}`), which go with it.
fn drop_segments(text: &str, keys: &[&str], sep: u8) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            // A segment starts after `;` or an opening quote, outside holes.
            c if depth == 0 && (c == sep || matches!(c, b'"' | b'\'' | b'`')) => {
                let start = i + 1;
                let key_end = text[start..].find('=').map(|k| start + k);
                if let Some(k) = key_end {
                    let key: String = text[start..k].chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()) && keys.contains(&key.as_str()) {
                        // The value: up to `;` (taken) or the closing quote (kept), skipping holes.
                        let mut j = k + 1;
                        let mut d = 0usize;
                        while j < b.len() {
                            match b[j] {
                                b'{' => d += 1,
                                b'}' => d = d.saturating_sub(1),
                                c if d == 0 && c == sep => {
                                    j += 1;
                                    break;
                                }
                                b'"' | b'\'' | b'`' if d == 0 => break,
                                _ => {}
                            }
                            j += 1;
                        }
                        out.push(start..j);
                        i = if b.get(j.wrapping_sub(1)) == Some(&sep) { j - 1 } else { j };
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A `key=value;` setting value without the segments whose key is one of `keys` (`None`: none there).
fn without_segments(value: &str, keys: &[&str]) -> Option<String> {
    let quoted = format!("\"{value}\"");
    let cut = drop_segments(&quoted, keys, b';');
    if cut.is_empty() {
        return None;
    }
    let mut kept = quoted;
    for r in cut.iter().rev() {
        kept.replace_range(r.clone(), "");
    }
    Some(kept[1..kept.len() - 1].to_owned())
}

/// Byte offset just after the line containing `at`.
pub(super) fn line_end(src: &str, at: usize) -> usize {
    src[at..].find('\n').map(|i| at + i + 1).unwrap_or(src.len())
}

fn after_docstring(src: &str, top: &[Node]) -> usize {
    match top.first() {
        Some(n) if n.kind() == "expression_statement" && n.named_child(0).is_some_and(|c| c.kind() == "string") => {
            line_end(src, n.end_byte())
        }
        _ => 0,
    }
}

/// `cs.ConnectionString` where `var cs = new XConnectionStringBuilder { .., Password = .., }` in the
/// same block: that initializer, and its `Name = value` items whose name is one of `names`.
fn builder_items<'t>(s: &Site<'_, 't>, arg: Node<'t>, names: &[&str]) -> Option<(Node<'t>, Vec<Node<'t>>)> {
    let var = s.text(arg).strip_suffix(".ConnectionString")?;
    let mut scope = arg.parent()?;
    while !matches!(scope.kind(), "block" | "compilation_unit") {
        scope = scope.parent()?;
    }
    let mut stack = vec![scope];
    while let Some(n) = stack.pop() {
        if n.kind() == "variable_declarator" && n.child_by_field_name("name").is_some_and(|x| s.text(x) == var) {
            let mut c = n.walk();
            let creation = n.named_children(&mut c).find(|k| k.kind() == "object_creation_expression")?;
            let init = creation.child_by_field_name("initializer")?;
            let mut c = init.walk();
            let items = init
                .named_children(&mut c)
                .filter(|item| {
                    item.kind() == "assignment_expression"
                        && item.child_by_field_name("left").is_some_and(|l| names.iter().any(|k| k.eq_ignore_ascii_case(s.text(l))))
                })
                .collect();
            return Some((init, items));
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c).filter(|k| k.start_byte() < arg.start_byte()));
    }
    None
}

/// pandas' readers and writers hand `storage_options` to fsspec's adlfs, which signs in with the
/// `credential` it is given: the key or SAS entry becomes `"credential": DefaultAzureCredential()`
/// beside the dict's `account_name`. Polars and delta-rs hand theirs to object_store, whose options
/// take no credential object: those are left to the user, as are dicts built elsewhere.
pub fn fsspec_storage_options(src: &str, call: &crate::lang::CallInfo<'_>, options: Node<'_>) -> Result<CodeFix, String> {
    let pandas = call.name.starts_with("to_") || call.receiver.is_some_and(|r| matches!(&src[r.byte_range()], "pd" | "pandas"));
    if !pandas {
        return Err("object_store (Polars, delta-rs) takes no credential object: drop the key or SAS from `storage_options` \
                    (on Azure it then signs in with the managed identity; add `azure_client_id` for a user-assigned one, \
                    `use_azure_cli` for local runs)"
            .into());
    }
    if options.kind() != "dictionary" {
        return Err("the `storage_options` dict is built elsewhere: replace its key or SAS entry with \
                    `\"credential\": DefaultAzureCredential()` (adlfs then signs in with Entra ID)"
            .into());
    }
    let mut cursor = options.walk();
    let pairs: Vec<(String, Node<'_>)> = options
        .named_children(&mut cursor)
        .filter(|p| p.kind() == "pair")
        .filter_map(|p| {
            let key = p.child_by_field_name("key")?;
            Some((src[key.byte_range()].trim_matches(['"', '\'']).to_owned(), p))
        })
        .collect();
    let has_account = pairs.iter().any(|(k, _)| k == "account_name");
    let secret = pairs.iter().find(|(k, _)| matches!(k.as_str(), "account_key" | "sas_token"));
    match (secret, has_account) {
        (Some((_, pair)), true) => Ok(CodeFix {
            edits: vec![Edit::replace(pair.byte_range(), "\"credential\": DefaultAzureCredential()")],
            symbols: vec!["DefaultAzureCredential"],
            applicability: Applicability::Safe,
            title: "Let adlfs sign in with DefaultAzureCredential instead of the key".into(),
            ..Default::default()
        }),
        _ => Err("the storage options name no account beside the secret (a connection string): set `account_name` and \
                  `\"credential\": DefaultAzureCredential()` in its place"
            .into()),
    }
}
