//! SL204 `cosmos-key-auth`: Cosmos DB client authenticates with an account key.
//!
//! ## What it finds
//! A Cosmos DB client built from a connection string or an account key.
//!
//! ## Why it matters
//! Key auth grants full account access; Entra ID data-plane roles (Built-in Data Reader/Contributor) can be scoped to a database or container.

use crate::finding::Category;
use crate::rules::Rule;

/// SL204
pub const RULE: Rule = Rule {
    id: "SL204",
    name: "cosmos-key-auth",
    category: Category::Auth,
    summary: "Cosmos DB client authenticates with an account key",
    what: "A Cosmos DB client built from a connection string or an account key. An Azure Functions Cosmos DB binding whose connection setting holds the key is one too (the fix makes it identity-based: `<C>__accountEndpoint`).",
    why: "Key auth grants full account access; Entra ID data-plane roles (Built-in Data Reader/Contributor) can be scoped to a database or container.",
    example: "client = CosmosClient(url, credential=os.environ[\"COSMOS_KEY\"])",
    use_instead: "client = CosmosClient(url, credential=DefaultAzureCredential())",
    fix_safety: "Database/container creation is refused with Entra tokens: move it to IaC before migrating.",
    fix_title: Some("Use DefaultAzureCredential with the account endpoint"),
    severity: 7.5,
    precision: "high",
};
