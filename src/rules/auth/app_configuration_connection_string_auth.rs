//! SL206 `app-configuration-connection-string-auth`: App Configuration client authenticates with a connection string.
//!
//! ## What it finds
//! An App Configuration client or provider (`AddAzureAppConfiguration(cs)`, `load(connection_string=...)`) built from a connection string with `Secret=`.
//!
//! ## Why it matters
//! The access key reads (or writes) every key-value in the store.

use crate::finding::Category;
use crate::rules::Rule;

/// SL206
pub const RULE: Rule = Rule {
    id: "SL206",
    name: "app-configuration-connection-string-auth",
    category: Category::Auth,
    summary: "App Configuration client authenticates with a connection string",
    what: "An App Configuration client or provider (`AddAzureAppConfiguration(cs)`, `load(connection_string=...)`) built from a connection string with `Secret=`.",
    why: "The access key reads (or writes) every key-value in the store.",
    example: "builder.Configuration.AddAzureAppConfiguration(connectionString);",
    use_instead: "builder.Configuration.AddAzureAppConfiguration(o => o.Connect(new Uri(endpoint), new DefaultAzureCredential()));",
    fix_safety: "Safe when the endpoint is known from the connection string.",
    fix_title: Some("Use DefaultAzureCredential with the store endpoint"),
    severity: 7.0,
    precision: "high",
};
