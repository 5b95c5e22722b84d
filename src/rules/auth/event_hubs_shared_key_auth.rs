//! SL203 `event-hubs-shared-key-auth`: Event Hubs client authenticates with a shared access key.
//!
//! ## What it finds
//! An Event Hubs producer, consumer or processor built from a connection string or a named key credential.
//!
//! ## Why it matters
//! As for Service Bus: one key for all parties, no per-identity audit, no least privilege.

use crate::finding::Category;
use crate::rules::Rule;

/// SL203
pub const RULE: Rule = Rule {
    id: "SL203",
    name: "event-hubs-shared-key-auth",
    category: Category::Auth,
    summary: "Event Hubs client authenticates with a shared access key",
    what: "An Event Hubs producer, consumer or processor built from a connection string or a named key credential. An Azure Functions Event Hubs trigger or output binding whose connection setting holds the connection string is one too (the fix makes it identity-based: `<C>__fullyQualifiedNamespace`).",
    why: "As for Service Bus: one key for all parties, no per-identity audit, no least privilege.",
    example: "producer = EventHubProducerClient.from_connection_string(conn_str, eventhub_name=\"telemetry\")",
    use_instead: "producer = EventHubProducerClient(fully_qualified_namespace, \"telemetry\", DefaultAzureCredential())",
    fix_safety: "Safe when the namespace and hub name are known; otherwise review.",
    fix_title: Some("Use DefaultAzureCredential with the fully qualified namespace"),
    severity: 7.5,
    precision: "high",
};
