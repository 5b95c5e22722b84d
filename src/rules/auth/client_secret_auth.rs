//! SL205 `client-secret-auth`: Authenticates with an Entra ID client secret.
//!
//! ## What it finds
//! `ClientSecretCredential`, `UsernamePasswordCredential`, MSAL confidential clients with a secret, ADAL `ClientCredential`, `AzureServiceTokenProvider` with `AppKey`.
//!
//! ## Why it matters
//! A client secret is a password for the application: it expires, leaks, and is shared between environments. A managed identity has no secret at all.

use crate::finding::Category;
use crate::rules::Rule;

/// SL205
pub const RULE: Rule = Rule {
    id: "SL205",
    name: "client-secret-auth",
    category: Category::Auth,
    summary: "Authenticates with an Entra ID client secret",
    what: "`ClientSecretCredential`, `UsernamePasswordCredential`, MSAL confidential clients with a secret, ADAL `ClientCredential`, `AzureServiceTokenProvider` with `AppKey`.",
    why: "A client secret is a password for the application: it expires, leaks, and is shared between environments. A managed identity has no secret at all.",
    example: "client = SecretClient(vault_url, ClientSecretCredential(tenant_id, client_id, client_secret))",
    use_instead: "client = SecretClient(vault_url, DefaultAzureCredential())",
    fix_safety: "Safe: the client and its endpoint stay the same, only the credential changes. The app registration's secret must then be deleted.",
    fix_title: Some("Use DefaultAzureCredential instead of the client secret"),
    severity: 8.0,
    precision: "high",
};
