//! SL209 `signalr-access-key-auth`: SignalR or Web PubSub authenticates with an access key.
//!
//! ## What it finds
//! `AddAzureSignalR(cs)` or a Web PubSub client built from a connection string with `AccessKey=`, or with `AzureKeyCredential`.
//!
//! ## Why it matters
//! The access key can mint client tokens for any user and hub.

use crate::finding::Category;
use crate::rules::Rule;

/// SL209
pub const RULE: Rule = Rule {
    id: "SL209",
    name: "signalr-access-key-auth",
    category: Category::Auth,
    summary: "SignalR or Web PubSub authenticates with an access key",
    what: "`AddAzureSignalR(cs)` or a Web PubSub client built from a connection string with `AccessKey=`, or with `AzureKeyCredential`.",
    why: "The access key can mint client tokens for any user and hub.",
    example: "var client = new WebPubSubServiceClient(connectionString, \"chat\");",
    use_instead: "var client = new WebPubSubServiceClient(new Uri(endpoint), \"chat\", new DefaultAzureCredential());",
    fix_safety: "Safe when the endpoint is known from the connection string.",
    fix_title: Some("Use DefaultAzureCredential with the service endpoint"),
    severity: 7.0,
    precision: "high",
};
