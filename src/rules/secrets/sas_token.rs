//! SL102 `sas-token`: Signed SAS token in code or config.
//!
//! ## What it finds
//! A shared access signature (a URL or query string with `sig=`) written into a source or config file.
//!
//! ## Why it matters
//! A SAS signed with the account key is a bearer token: anyone holding it has its permissions until it expires, and it cannot be revoked without rotating the key that signed it.

use crate::finding::Category;
use crate::rules::Rule;

/// SL102
pub const RULE: Rule = Rule {
    id: "SL102",
    name: "sas-token",
    category: Category::Secret,
    summary: "Signed SAS token in code or config",
    what: "A shared access signature (a URL or query string with `sig=`) written into a source or config file.",
    why: "A SAS signed with the account key is a bearer token: anyone holding it has its permissions until it expires, and it cannot be revoked without rotating the key that signed it.",
    example: "url = \"https://contoso.blob.core.windows.net/in?sv=2022-11-02&sp=rl&se=2027-01-01&sig=…\"",
    use_instead: "Use a managed identity and DefaultAzureCredential; where a SAS is unavoidable, mint a short-lived user-delegation SAS at run time.",
    fix_safety: "Rotate the signing key after removing the token.",
    fix_title: None,
    severity: 8.2,
    precision: "very-high",
};
