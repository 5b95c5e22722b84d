//! Azure Functions bindings (catalog.md §17). A trigger, input or output binding names a connection
//! setting (`[ServiceBusTrigger("q", Connection = "ClaimsBus")]`, `@app.blob_output(connection=...)`,
//! `output.storageBlob({ connection })`); when that setting holds a connection string or key, the
//! function authenticates with a secret. Identity-based connections (`ClaimsBus__fullyQualifiedNamespace`)
//! hold none. This module knows the binding names of each programming model and what each needs.

use super::Hit;
use crate::config::ConfigScope;
use crate::connstr;
use crate::finding::{Category, CredentialKind, Service, Source};
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Blob,
    Queue,
    Table,
    ServiceBus,
    EventHubs,
    CosmosDb,
    EventGrid,
    Signalr,
    Sql,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Trigger,
    Input,
    Output,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub family: Family,
    pub direction: Direction,
}

impl Binding {
    pub fn service(&self) -> Service {
        match self.family {
            Family::Blob => Service::StorageBlob,
            Family::Queue => Service::StorageQueue,
            Family::Table => Service::StorageTable,
            Family::ServiceBus => Service::ServiceBus,
            Family::EventHubs => Service::EventHubs,
            Family::CosmosDb => Service::CosmosDb,
            Family::EventGrid => Service::EventGrid,
            Family::Signalr => Service::Signalr,
            Family::Sql => Service::Sql,
        }
    }

    /// The binding as operations for role inference (`functions.blobOutput`): the role tables map
    /// each to what catalog.md §17 lists for it.
    pub fn operations(&self) -> Vec<String> {
        let family = match self.family {
            Family::Blob => "blob",
            Family::Queue => "queue",
            Family::Table => "table",
            Family::ServiceBus => "serviceBus",
            Family::EventHubs => "eventHub",
            Family::CosmosDb => "cosmosDB",
            Family::EventGrid => "eventGrid",
            Family::Signalr => "signalR",
            Family::Sql => "sql",
        };
        let direction = match self.direction {
            Direction::Trigger => "Trigger",
            Direction::Input => "Input",
            Direction::Output => "Output",
        };
        let op = format!("functions.{family}{direction}");
        match (self.family, self.direction) {
            // The queue trigger polls the queue's length (metadata) and processes its messages.
            (Family::Queue, Direction::Trigger) => vec![op.clone(), format!("{op}.getProperties")],
            // The queue output binding: Contributor and Message Sender, as the Functions docs list them.
            (Family::Queue, Direction::Output) => vec![op.clone(), format!("{op}.send")],
            // The Event Grid output binding needs EventGrid Contributor beside Data Sender.
            (Family::EventGrid, _) => vec![op.clone(), format!("{op}.manage")],
            _ => vec![op],
        }
    }

    /// Argument names that hold the name of the setting with the secret.
    pub fn setting_args(&self) -> &'static [&'static str] {
        match self.family {
            Family::EventGrid => &["TopicKeySetting", "topic_key_setting", "topicKeySetting"],
            _ => &["Connection", "ConnectionStringSetting", "connection_string_setting", "connectionStringSetting"],
        }
    }

    /// The setting a binding without a connection argument uses.
    pub fn default_setting(&self) -> Option<&'static str> {
        match self.family {
            Family::Blob | Family::Queue | Family::Table => Some("AzureWebJobsStorage"),
            Family::ServiceBus => Some("AzureWebJobsServiceBus"),
            Family::Signalr => Some("AzureSignalRConnectionString"),
            _ => None,
        }
    }
}

/// Settings of an identity-based connection named `<C>` (`<C>__fullyQualifiedNamespace`...).
pub const IDENTITY_SUFFIXES: &[&str] = &[
    "credential",
    "clientId",
    "managedIdentityResourceId",
    "serviceUri",
    "blobServiceUri",
    "queueServiceUri",
    "tableServiceUri",
    "accountName",
    "fullyQualifiedNamespace",
    "accountEndpoint",
    "topicEndpointUri",
    "endpoint",
];

/// The binding a C# attribute, Python decorator or Node.js v4 registration declares, if any.
/// `callee` is the called expression as written (`app.blob_output`, `output.storageBlob`); `imports`
/// the file's imports (a binding needs the Functions SDK imported).
pub fn binding(lang: Lang, callee: &str, name: &str, imports: &str) -> Option<Binding> {
    use Direction::*;
    use Family::*;
    let b = |family, direction| Some(Binding { family, direction });
    match lang {
        Lang::CSharp => {
            if !(imports.contains("Microsoft.Azure.WebJobs") || imports.contains("Microsoft.Azure.Functions.Worker")) {
                return None;
            }
            match name.strip_suffix("Attribute").unwrap_or(name) {
                "BlobTrigger" => b(Blob, Trigger),
                "BlobInput" | "Blob" => b(Blob, Input),
                "BlobOutput" => b(Blob, Output),
                "QueueTrigger" => b(Queue, Trigger),
                "QueueOutput" | "Queue" => b(Queue, Output),
                "TableInput" => b(Table, Input),
                "TableOutput" | "Table" => b(Table, Output),
                "ServiceBusTrigger" => b(ServiceBus, Trigger),
                "ServiceBusOutput" | "ServiceBus" => b(ServiceBus, Output),
                "EventHubTrigger" => b(EventHubs, Trigger),
                "EventHubOutput" | "EventHub" => b(EventHubs, Output),
                "CosmosDBTrigger" => b(CosmosDb, Trigger),
                "CosmosDBInput" => b(CosmosDb, Input),
                "CosmosDBOutput" | "CosmosDB" => b(CosmosDb, Output),
                "EventGridOutput" | "EventGrid" => b(EventGrid, Output),
                "SignalRConnectionInfo" | "SignalRConnectionInfoInput" => b(Signalr, Input),
                "SignalR" | "SignalROutput" => b(Signalr, Output),
                "SqlTrigger" => b(Sql, Trigger),
                "SqlInput" => b(Sql, Input),
                "SqlOutput" | "Sql" => b(Sql, Output),
                _ => None,
            }
        }
        Lang::Python => {
            if !imports.contains("azure.functions") {
                return None;
            }
            match name.strip_suffix("_v3").unwrap_or(name) {
                "blob_trigger" => b(Blob, Trigger),
                "blob_input" => b(Blob, Input),
                "blob_output" => b(Blob, Output),
                "queue_trigger" => b(Queue, Trigger),
                "queue_output" => b(Queue, Output),
                "table_input" => b(Table, Input),
                "table_output" => b(Table, Output),
                "service_bus_queue_trigger" | "service_bus_topic_trigger" => b(ServiceBus, Trigger),
                "service_bus_queue_output" | "service_bus_topic_output" => b(ServiceBus, Output),
                "event_hub_message_trigger" => b(EventHubs, Trigger),
                "event_hub_output" => b(EventHubs, Output),
                "cosmos_db_trigger" => b(CosmosDb, Trigger),
                "cosmos_db_input" => b(CosmosDb, Input),
                "cosmos_db_output" => b(CosmosDb, Output),
                "event_grid_output" => b(EventGrid, Output),
                "sql_trigger" => b(Sql, Trigger),
                "sql_input" => b(Sql, Input),
                "sql_output" => b(Sql, Output),
                _ => None,
            }
        }
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
            if !imports.contains("@azure/functions") {
                return None;
            }
            let direction = match js_receiver(callee)? {
                "app" | "trigger" => Trigger,
                "input" => Input,
                "output" => Output,
                _ => return None,
            };
            let family = match name {
                "storageBlob" => Blob,
                "storageQueue" => Queue,
                "table" => Table,
                "serviceBusQueue" | "serviceBusTopic" => ServiceBus,
                "eventHub" => EventHubs,
                "cosmosDB" => CosmosDb,
                "eventGrid" => EventGrid,
                "signalR" | "signalRConnectionInfo" => Signalr,
                "sql" => Sql,
                _ => return None,
            };
            b(family, direction)
        }
    }
}

/// The family of an operation named by [`Binding::operations`] (`serviceBusTrigger` → Service Bus).
pub fn family_of_operation(op: &str) -> Option<Family> {
    let families = [
        ("blob", Family::Blob),
        ("queue", Family::Queue),
        ("table", Family::Table),
        ("serviceBus", Family::ServiceBus),
        ("eventHub", Family::EventHubs),
        ("cosmosDB", Family::CosmosDb),
        ("eventGrid", Family::EventGrid),
        ("signalR", Family::Signalr),
        ("sql", Family::Sql),
    ];
    let rest = |p: &str| op.strip_prefix(p).filter(|r| r.starts_with(['T', 'I', 'O']));
    families.into_iter().find(|(p, _)| rest(p).is_some()).map(|(_, f)| f)
}

/// The binding an operation named by [`Binding::operations`] stands for (`serviceBusTrigger`).
pub fn binding_of_operation(op: &str) -> Option<Binding> {
    let family = family_of_operation(op)?;
    let direction = if op.contains("Trigger") {
        Direction::Trigger
    } else if op.contains("Output") {
        Direction::Output
    } else {
        Direction::Input
    };
    Some(Binding { family, direction })
}

/// A connection setting that holds a secret: what kind, and what the connection string says.
pub struct KeyedConnection {
    pub kind: CredentialKind,
    pub resource: Option<String>,
    pub endpoint: Option<String>,
}

/// Does the binding's connection setting `setting` hold a key, as the app's config gives it? The host
/// looks the name up as an app setting, with the `AzureWebJobs` prefix, and among the connection
/// strings. An identity-based connection of the app itself (`OrdersBus__fullyQualifiedNamespace`)
/// holds none, whatever another app of the scan keeps under the same name.
pub fn keyed_connection(binding: Binding, setting: &str, config: &ConfigScope<'_>) -> Option<KeyedConnection> {
    // An identity-based connection (`Bus__fullyQualifiedNamespace`) is used unless the app's own
    // settings also give the setting itself: the Functions host takes the exact match first.
    if !config.defines(setting) && IDENTITY_SUFFIXES.iter().any(|suffix| config.defines(&format!("{setting}__{suffix}"))) {
        return None;
    }
    let value = [setting.to_owned(), format!("AzureWebJobs{setting}"), format!("ConnectionStrings:{setting}")]
        .iter()
        .find_map(|key| config.get(key))?;
    let info = connstr::classify(value);
    let kind = match binding.family {
        Family::EventGrid => {
            if crate::secrets::is_placeholder(value) || value.len() < 16 || value.contains(' ') {
                return None;
            }
            CredentialKind::ApiKey
        }
        _ if info.emulator || info.passwordless || connstr::find_secrets(value).is_empty() => return None,
        Family::Sql => CredentialKind::Password,
        _ => CredentialKind::ConnectionString,
    };
    let endpoint = super::code::endpoint_for(binding.service(), value, &info);
    Some(KeyedConnection { kind, resource: info.resource, endpoint })
}

/// The bindings of a `function.json` (the Python v1 and Node.js v3 programming models): each binding
/// whose connection setting holds a key is an auth site, reported at that setting's name.
pub fn function_json(text: &str, config: &ConfigScope<'_>) -> Vec<Hit> {
    let entries = crate::config::json::read(text);
    let field = |i: usize, name: &str| entries.iter().find(|e| e.key.eq_ignore_ascii_case(&format!("bindings:{i}:{name}")));
    let mut hits = Vec::new();
    for i in 0.. {
        let Some(ty) = field(i, "type") else { break };
        let direction = field(i, "direction").map(|e| e.value.as_str()).unwrap_or("in");
        let Some(binding) = json_binding(&ty.value, direction) else { continue };
        let named = binding.setting_args().iter().find_map(|a| field(i, a));
        // Reported at the setting's name when the binding gives one (`"connection": "OrdersBus"`).
        let span = named.map_or(ty.span.clone(), |e| e.span.clone());
        let setting = match named.map(|e| e.value.clone()) {
            Some(name) if !name.is_empty() => name,
            _ if binding.family == Family::EventGrid => continue,
            _ => match binding.default_setting() {
                Some(name) => name.to_owned(),
                None => continue,
            },
        };
        let Some(keyed) = keyed_connection(binding, &setting, config) else { continue };
        hits.push(Hit {
            category: Category::Auth,
            service: binding.service(),
            kind: keyed.kind,
            span,
            source: Source::Config(setting),
            secrets: Vec::new(),
            resource: keyed.resource,
            operations: binding.operations(),
            roles_note: None,
            exports: Vec::new(),
            what: format!("{} binding", ty.value),
            endpoint: keyed.endpoint,
            anchor: None,
            tentative: false,
        });
    }
    hits
}

/// The object a Node.js binding is registered on: `app`, `trigger`, `input` or `output` in
/// `output.storageBlob` / `df.input.generic`.
fn js_receiver(callee: &str) -> Option<&str> {
    callee.rsplit_once('.').map(|(r, _)| r.rsplit('.').next().unwrap_or(r))
}

/// Is `name` a generic binding, whose `type` argument says which binding it is (Node's
/// `input.generic({ type: 'signalRConnectionInfo', ... })`, Python's `@app.generic_input_binding(type=...)`)?
/// The direction its name or receiver gives, as `function.json` writes it.
pub fn generic_direction(lang: Lang, callee: &str, name: &str, imports: &str) -> Option<&'static str> {
    match lang {
        Lang::Python if imports.contains("azure.functions") => match name {
            "generic_trigger" => Some("trigger"),
            "generic_input_binding" => Some("in"),
            "generic_output_binding" => Some("out"),
            _ => None,
        },
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx if name == "generic" && imports.contains("@azure/functions") => {
            match js_receiver(callee)? {
                "app" | "trigger" => Some("trigger"),
                "input" => Some("in"),
                "output" => Some("out"),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The binding a generic binding's `type` names, in the direction [`generic_direction`] gave.
pub fn generic_binding(ty: &str, direction: &str) -> Option<Binding> {
    let binding = json_binding(ty, direction)?;
    // A trigger is a trigger by its type's name (`queueTrigger`), whatever registered it.
    (direction != "trigger" || binding.direction == Direction::Trigger).then_some(binding)
}

/// A `function.json` binding type (`serviceBusTrigger`, `blob` with `direction: out`).
fn json_binding(ty: &str, direction: &str) -> Option<Binding> {
    use Direction::*;
    use Family::*;
    let io = if direction.eq_ignore_ascii_case("out") { Output } else { Input };
    let (family, direction) = match ty {
        "blobTrigger" => (Blob, Trigger),
        "blob" => (Blob, io),
        "queueTrigger" => (Queue, Trigger),
        "queue" => (Queue, Output),
        "table" => (Table, io),
        "serviceBusTrigger" => (ServiceBus, Trigger),
        "serviceBus" => (ServiceBus, Output),
        "eventHubTrigger" => (EventHubs, Trigger),
        "eventHub" => (EventHubs, Output),
        "cosmosDBTrigger" => (CosmosDb, Trigger),
        "cosmosDB" => (CosmosDb, io),
        "eventGrid" => (EventGrid, Output),
        "signalR" | "signalRConnectionInfo" => (Signalr, io),
        "sqlTrigger" => (Sql, Trigger),
        "sql" => (Sql, io),
        _ => return None,
    };
    Some(Binding { family, direction })
}

/// Is `name` a binding's name in any programming model? (Which calls are worth a closer look.)
pub fn is_binding_name(name: &str) -> bool {
    const ALL_SDKS: &str = "Microsoft.Azure.Functions.Worker azure.functions @azure/functions";
    let callee = format!("app.{name}");
    [Lang::CSharp, Lang::Python, Lang::JavaScript]
        .into_iter()
        .any(|lang| binding(lang, &callee, name, ALL_SDKS).is_some() || generic_direction(lang, &callee, name, ALL_SDKS).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_each_programming_model() {
        let cs = "using Microsoft.Azure.Functions.Worker;";
        assert_eq!(binding(Lang::CSharp, "ServiceBusTrigger", "ServiceBusTrigger", cs).unwrap().service(), Service::ServiceBus);
        assert_eq!(binding(Lang::CSharp, "Blob", "Blob", "using Other;"), None);
        let py = "import azure.functions as func";
        let b = binding(Lang::Python, "app.cosmos_db_input", "cosmos_db_input", py).unwrap();
        assert_eq!((b.family, b.direction), (Family::CosmosDb, Direction::Input));
        let js = "const { app, output } = require('@azure/functions');";
        let b = binding(Lang::JavaScript, "output.storageBlob", "storageBlob", js).unwrap();
        assert_eq!((b.family, b.direction), (Family::Blob, Direction::Output));
        assert_eq!(binding(Lang::JavaScript, "client.storageBlob", "storageBlob", js), None);
        assert_eq!(b.operations(), ["functions.blobOutput"]);
    }

    #[test]
    fn generic_bindings_are_the_binding_their_type_names() {
        let js = "import { app, input } from '@azure/functions';";
        let dir = generic_direction(Lang::TypeScript, "input.generic", "generic", js).unwrap();
        let b = generic_binding("signalRConnectionInfo", dir).unwrap();
        assert_eq!((b.family, b.direction), (Family::Signalr, Direction::Input));
        assert_eq!(generic_direction(Lang::TypeScript, "schema.generic", "generic", js), None);
        let py = "import azure.functions as func";
        let dir = generic_direction(Lang::Python, "app.generic_trigger", "generic_trigger", py).unwrap();
        assert_eq!(generic_binding("queueTrigger", dir).map(|b| b.direction), Some(Direction::Trigger));
        assert_eq!(generic_binding("queue", dir), None);
        let dir = generic_direction(Lang::Python, "app.generic_output_binding", "generic_output_binding", py).unwrap();
        assert_eq!(generic_binding("queue", dir).map(|b| (b.family, b.direction)), Some((Family::Queue, Direction::Output)));
    }
}
