//! SL105 `entra-client-secret`: Entra ID application client secret.
//!
//! ## What it finds
//! A client secret of an Entra ID app registration (for example `AZURE_CLIENT_SECRET`, `ClientSecret`, or a value of the form `xxx8Q~…`).
//!
//! ## Why it matters
//! A client secret lets anyone act as the application, with every role and API permission it holds, from anywhere.

use crate::finding::Category;
use crate::rules::Rule;

/// SL105
pub const RULE: Rule = Rule {
    id: "SL105",
    name: "entra-client-secret",
    category: Category::Secret,
    summary: "Entra ID application client secret",
    what: "A client secret of an Entra ID app registration (for example `AZURE_CLIENT_SECRET`, `ClientSecret`, or a value of the form `xxx8Q~…`).",
    why: "A client secret lets anyone act as the application, with every role and API permission it holds, from anywhere.",
    example: "credential = ClientSecretCredential(tenant_id, client_id, \"Xk28Q~…\")",
    use_instead: "credential = DefaultAzureCredential()  # managed identity in Azure, developer sign-in locally",
    fix_safety: "Delete the secret from the app registration (`az ad app credential delete`) after migrating.",
    fix_title: None,
    severity: 9.3,
    precision: "high",
};
