//! SL210 `sql-password-auth`: Azure SQL connection authenticates with a password.
//!
//! ## What it finds
//! `SqlConnection`, `UseSqlServer`, `pyodbc.connect`, `mssql`/`tedious`, Knex, Hangfire, SQLAlchemy or a framework integration named for SQL Server (`PersistMessagesWithSqlServer`) given a SQL login password (also from a helper's parameter or an options section, when the app's settings hold one).
//!
//! ## Why it matters
//! SQL logins share one password across every instance of the app; Entra ID authentication ties access to the app's identity and database roles.

use crate::finding::Category;
use crate::rules::Rule;

/// SL210
pub const RULE: Rule = Rule {
    id: "SL210",
    name: "sql-password-auth",
    category: Category::Auth,
    summary: "Azure SQL connection authenticates with a password",
    what: "`SqlConnection`, `UseSqlServer`, `pyodbc.connect`, `mssql`/`tedious`, Knex, Hangfire, SQLAlchemy or a framework integration named for SQL Server (`PersistMessagesWithSqlServer`) given a SQL login password (also from a helper's parameter or an options section, when the app's settings hold one).",
    why: "SQL logins share one password across every instance of the app; Entra ID authentication ties access to the app's identity and database roles.",
    example: "using var conn = new SqlConnection(\"Server=tcp:contoso.database.windows.net;Database=shop;User ID=app;Password=…\");",
    use_instead: "using var conn = new SqlConnection(\"Server=tcp:contoso.database.windows.net;Database=shop;Authentication=Active Directory Default;\");",
    fix_safety: "Needs `CREATE USER [<identity>] FROM EXTERNAL PROVIDER` in the database first (see `secretless roles`).",
    fix_title: Some("Use Entra ID authentication (Active Directory Default)"),
    severity: 7.5,
    precision: "high",
};
