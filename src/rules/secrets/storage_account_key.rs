//! SL101 `storage-account-key`: Storage account key in code or config.
//!
//! ## What it finds
//! A storage account key (alone or inside a connection string with `AccountKey=`) written into a source or config file.
//!
//! ## Why it matters
//! An account key grants full control of every container, queue, table and share in the account, never expires on its own and is copied into every clone, fork, build log and backup of the repository.

use crate::finding::Category;
use crate::rules::Rule;

/// SL101
pub const RULE: Rule = Rule {
    id: "SL101",
    name: "storage-account-key",
    category: Category::Secret,
    summary: "Storage account key in code or config",
    what: "A storage account key (alone or inside a connection string with `AccountKey=`) written into a source or config file.",
    why: "An account key grants full control of every container, queue, table and share in the account, never expires on its own and is copied into every clone, fork, build log and backup of the repository.",
    example: "conn = \"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=q8Vb…==;EndpointSuffix=core.windows.net\"",
    use_instead: "client = BlobServiceClient(account_url=\"https://contoso.blob.core.windows.net\", credential=DefaultAzureCredential())",
    fix_safety: "Removing the literal does not un-leak it: rotate the key (`az storage account keys renew`) after migrating, then disable shared-key access (`allowSharedKeyAccess=false`).",
    fix_title: None,
    severity: 9.1,
    precision: "very-high",
};
