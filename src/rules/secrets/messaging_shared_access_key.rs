//! SL103 `messaging-shared-access-key`: Service Bus or Event Hubs shared access key.
//!
//! ## What it finds
//! A Service Bus or Event Hubs connection string with `SharedAccessKey=`, or a bare shared access key.
//!
//! ## Why it matters
//! A namespace-level SAS key (often RootManageSharedAccessKey) can send, receive and manage every entity in the namespace.

use crate::finding::Category;
use crate::rules::Rule;

/// SL103
pub const RULE: Rule = Rule {
    id: "SL103",
    name: "messaging-shared-access-key",
    category: Category::Secret,
    summary: "Service Bus or Event Hubs shared access key",
    what: "A Service Bus or Event Hubs connection string with `SharedAccessKey=`, or a bare shared access key.",
    why: "A namespace-level SAS key (often RootManageSharedAccessKey) can send, receive and manage every entity in the namespace.",
    example: "conn = \"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Jx0Q…=\"",
    use_instead: "client = ServiceBusClient(\"contoso.servicebus.windows.net\", DefaultAzureCredential())",
    fix_safety: "Regenerate the key (`az servicebus namespace authorization-rule keys renew`) and disable local auth once migrated.",
    fix_title: None,
    severity: 9.1,
    precision: "very-high",
};
