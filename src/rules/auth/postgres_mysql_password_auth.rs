//! SL211 `postgres-mysql-password-auth`: PostgreSQL or MySQL connection authenticates with a password.
//!
//! ## What it finds
//! `psycopg2.connect`, `asyncpg`, `Npgsql`, `pg`, `mysql.connector`, `mysql2`, Sequelize, TypeORM, Knex, Prisma or SQLAlchemy (`create_engine`, `engine_from_config`) given a password.
//!
//! ## Why it matters
//! A static password instead of a short-lived Entra ID token for the identity.

use crate::finding::Category;
use crate::rules::Rule;

/// SL211
pub const RULE: Rule = Rule {
    id: "SL211",
    name: "postgres-mysql-password-auth",
    category: Category::Auth,
    summary: "PostgreSQL or MySQL connection authenticates with a password",
    what: "`psycopg2.connect`, `asyncpg`, `Npgsql`, `pg`, `mysql.connector`, `mysql2`, Sequelize, TypeORM, Knex, Prisma or SQLAlchemy (`create_engine`, `engine_from_config`) given a password.",
    why: "A static password instead of a short-lived Entra ID token for the identity.",
    example: "conn = psycopg2.connect(host=host, dbname=\"orders\", user=\"app\", password=os.environ[\"PGPASSWORD\"])",
    use_instead: "conn = psycopg2.connect(host=host, dbname=\"orders\", user=identity_name, password=credential.get_token(\"https://ossrdbms-aad.database.windows.net/.default\").token, sslmode=\"require\")",
    fix_safety: "Review: the user name becomes the identity's name, and tokens must be refreshed for pooled connections.",
    fix_title: Some("Use an Entra ID token as the password"),
    severity: 7.5,
    precision: "high",
};
