//! SL107 `database-password`: Database or cache password.
//!
//! ## What it finds
//! A password for Azure SQL, PostgreSQL, MySQL or Redis (connection-string `Password=`, `PWD=`, URL `user:pass@host`, `password=` argument).
//!
//! ## Why it matters
//! Database passwords are shared, rarely rotated and give direct data access that bypasses the application.

use crate::finding::Category;
use crate::rules::Rule;

/// SL107
pub const RULE: Rule = Rule {
    id: "SL107",
    name: "database-password",
    category: Category::Secret,
    summary: "Database or cache password",
    what: "A password for Azure SQL, PostgreSQL, MySQL or Redis (connection-string `Password=`, `PWD=`, URL `user:pass@host`, `password=` argument).",
    why: "Database passwords are shared, rarely rotated and give direct data access that bypasses the application.",
    example: "conn = psycopg2.connect(host=\"contoso.postgres.database.azure.com\", user=\"app\", password=\"S3cr3t!\")",
    use_instead: "password=DefaultAzureCredential().get_token(\"https://ossrdbms-aad.database.windows.net/.default\").token",
    fix_safety: "Change the password (or drop the SQL login) once the identity can connect.",
    fix_title: None,
    severity: 8.0,
    precision: "high",
};
