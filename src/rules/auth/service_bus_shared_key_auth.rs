//! SL202 `service-bus-shared-key-auth`: Service Bus client authenticates with a shared access key.
//!
//! ## What it finds
//! A Service Bus client built from a connection string or `AzureNamedKeyCredential`/`AzureSasCredential`.
//!
//! ## Why it matters
//! The namespace key is shared by every sender and receiver; Entra ID roles can separate them (Data Sender / Data Receiver).

use crate::finding::Category;
use crate::rules::Rule;

/// SL202
pub const RULE: Rule = Rule {
    id: "SL202",
    name: "service-bus-shared-key-auth",
    category: Category::Auth,
    summary: "Service Bus client authenticates with a shared access key",
    what: "A Service Bus client built from a connection string or `AzureNamedKeyCredential`/`AzureSasCredential`. An Azure Functions Service Bus trigger or output binding whose connection setting holds the connection string is one too (the fix makes it identity-based: `<C>__fullyQualifiedNamespace`).",
    why: "The namespace key is shared by every sender and receiver; Entra ID roles can separate them (Data Sender / Data Receiver).",
    example: "client = ServiceBusClient.from_connection_string(conn_str)",
    use_instead: "client = ServiceBusClient(fully_qualified_namespace, credential=DefaultAzureCredential())",
    fix_safety: "Safe when the namespace comes from a connection string in the repository; otherwise review.",
    fix_title: Some("Use DefaultAzureCredential with the fully qualified namespace"),
    severity: 7.5,
    precision: "high",
};
