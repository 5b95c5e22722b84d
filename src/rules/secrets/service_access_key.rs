//! SL106 `service-access-key`: Azure service API or access key.
//!
//! ## What it finds
//! An API key or access key of an Azure service: Azure OpenAI, AI services, AI Search, Event Grid, SignalR, Web PubSub, App Configuration (`Secret=`).
//!
//! ## Why it matters
//! Service keys are long-lived bearer secrets with full data-plane access to the resource.

use crate::finding::Category;
use crate::rules::Rule;

/// SL106
pub const RULE: Rule = Rule {
    id: "SL106",
    name: "service-access-key",
    category: Category::Secret,
    summary: "Azure service API or access key",
    what: "An API key or access key of an Azure service: Azure OpenAI, AI services, AI Search, Event Grid, SignalR, Web PubSub, App Configuration (`Secret=`).",
    why: "Service keys are long-lived bearer secrets with full data-plane access to the resource.",
    example: "client = SearchClient(endpoint, \"products\", AzureKeyCredential(\"3f2a…\"))",
    use_instead: "client = SearchClient(endpoint, \"products\", DefaultAzureCredential())",
    fix_safety: "Regenerate the key in the resource after migrating, and disable local (key) auth where the service allows it.",
    fix_title: None,
    severity: 8.5,
    precision: "high",
};
