//! SL208 `event-grid-key-auth`: Event Grid client authenticates with an access key or SAS.
//!
//! ## What it finds
//! An Event Grid publisher, sender or receiver client given `AzureKeyCredential` or `AzureSasCredential`.
//!
//! ## Why it matters
//! The topic key lets anyone publish any event; EventGrid Data Sender can be granted per topic.

use crate::finding::Category;
use crate::rules::Rule;

/// SL208
pub const RULE: Rule = Rule {
    id: "SL208",
    name: "event-grid-key-auth",
    category: Category::Auth,
    summary: "Event Grid client authenticates with an access key or SAS",
    what: "An Event Grid publisher, sender or receiver client given `AzureKeyCredential` or `AzureSasCredential`. An Azure Functions Event Grid output binding with `TopicKeySetting` is one too.",
    why: "The topic key lets anyone publish any event; EventGrid Data Sender can be granted per topic.",
    example: "client = EventGridPublisherClient(endpoint, AzureKeyCredential(key))",
    use_instead: "client = EventGridPublisherClient(endpoint, DefaultAzureCredential())",
    fix_safety: "Safe: only the credential changes.",
    fix_title: Some("Use DefaultAzureCredential"),
    severity: 7.0,
    precision: "high",
};
