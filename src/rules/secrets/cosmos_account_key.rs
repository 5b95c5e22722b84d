//! SL104 `cosmos-account-key`: Cosmos DB account key.
//!
//! ## What it finds
//! A Cosmos DB primary or secondary key (alone or in a connection string with `AccountKey=`).
//!
//! ## Why it matters
//! The account key gives read-write access to every database and container, including management operations that Entra ID tokens are denied.

use crate::finding::Category;
use crate::rules::Rule;

/// SL104
pub const RULE: Rule = Rule {
    id: "SL104",
    name: "cosmos-account-key",
    category: Category::Secret,
    summary: "Cosmos DB account key",
    what: "A Cosmos DB primary or secondary key (alone or in a connection string with `AccountKey=`).",
    why: "The account key gives read-write access to every database and container, including management operations that Entra ID tokens are denied.",
    example: "client = CosmosClient(url, credential=\"k3Jx…==\")",
    use_instead: "client = CosmosClient(url, credential=DefaultAzureCredential())",
    fix_safety: "Regenerate the key (`az cosmosdb keys regenerate`) and set `disableLocalAuth` once migrated.",
    fix_title: None,
    severity: 9.1,
    precision: "very-high",
};
