//! SL213 `unknown-service-key-auth`: Azure client authenticates with a key for an unrecognised service.
//!
//! ## What it finds
//! An Azure SDK client or credential (`AzureKeyCredential`, `AzureNamedKeyCredential`, `from_connection_string`) whose service secretless cannot tell.
//!
//! ## Why it matters
//! Whatever the service, a stored key is a long-lived shared secret.

use crate::finding::Category;
use crate::rules::Rule;

/// SL213
pub const RULE: Rule = Rule {
    id: "SL213",
    name: "unknown-service-key-auth",
    category: Category::Auth,
    summary: "Azure client authenticates with a key for an unrecognised service",
    what: "An Azure SDK client or credential (`AzureKeyCredential`, `AzureNamedKeyCredential`, `from_connection_string`) whose service secretless cannot tell.",
    why: "Whatever the service, a stored key is a long-lived shared secret.",
    example: "client = SomeClient.from_connection_string(conn_str)",
    use_instead: "client = SomeClient(endpoint, DefaultAzureCredential())",
    fix_safety: "No automatic fix: the service's Entra ID support must be checked.",
    fix_title: None,
    severity: 6.0,
    precision: "medium",
};
