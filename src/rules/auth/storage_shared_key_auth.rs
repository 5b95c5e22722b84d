//! SL201 `storage-shared-key-auth`: Storage client authenticates with a key, SAS or connection string.
//!
//! ## What it finds
//! A Storage client (blob, queue, table, file share, Data Lake) built from a connection string, an account key (`StorageSharedKeyCredential`, `AzureNamedKeyCredential`) or a SAS, and a SAS signed with the account key (Python `generate_blob_sas(..., account_key=)`).
//!
//! ## Why it matters
//! Shared-key auth cannot be scoped to one container or operation, is not tied to an identity in the logs, and keeps a secret alive in configuration.

use crate::finding::Category;
use crate::rules::Rule;

/// SL201
pub const RULE: Rule = Rule {
    id: "SL201",
    name: "storage-shared-key-auth",
    category: Category::Auth,
    summary: "Storage client authenticates with a key, SAS or connection string",
    what: "A Storage client (blob, queue, table, file share, Data Lake) built from a connection string, an account key (`StorageSharedKeyCredential`, `AzureNamedKeyCredential`) or a SAS, and a SAS signed with the account key (Python `generate_blob_sas(..., account_key=)`). An Azure Functions blob, queue or table binding whose connection setting holds a connection string with a key is one too (the fix makes the setting identity-based: `<C>__blobServiceUri`).",
    why: "Shared-key auth cannot be scoped to one container or operation, is not tied to an identity in the logs, and keeps a secret alive in configuration.",
    example: "svc = BlobServiceClient.from_connection_string(os.environ[\"AZURE_STORAGE_CONNECTION_STRING\"])",
    use_instead: "svc = BlobServiceClient(account_url=os.environ[\"AZURE_STORAGE_ACCOUNT_URL\"], credential=DefaultAzureCredential())",
    fix_safety: "Safe when the account URL can be derived from a connection string in the repository; otherwise a review fix asks for the `*_ACCOUNT_URL` setting. A key-signed SAS is not rewritten: sign a user-delegation SAS (blob, Data Lake) instead.",
    fix_title: Some("Use DefaultAzureCredential with the account URL"),
    severity: 7.5,
    precision: "high",
};
