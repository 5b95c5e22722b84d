//! Azure Database for PostgreSQL and MySQL flexible servers (catalog §9, §10): the password becomes
//! an Entra ID token for `https://ossrdbms-aad.database.windows.net/.default`, fetched per new
//! connection where the driver allows it:
//! - Python (psycopg, mysql-connector, PyMySQL, ...): `password=DefaultAzureCredential().get_token(scope).token`;
//! - node-postgres: `password: async () => token` (pg calls it for each connection);
//! - mysql2: the token through the `mysql_clear_password` plugin, an async function per connection.
//!
//! Always `review`: the user name must become the identity's Entra principal name, over TLS.

use super::{CodeFix, Edit, Site, insert_item_after, object_argument, pair_key};
use crate::finding::Service;
use crate::fix::Applicability;
use crate::lang::Lang;
use regex::Regex;
use std::sync::LazyLock;

const SCOPE: &str = "https://ossrdbms-aad.database.windows.net/.default";
const NEEDS: &str = "connect as the managed identity: set the user to the identity's name and require TLS";

/// `postgres://user:password@host`: the password of a URL, user kept.
static URL_PASSWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(://[^:/@\s"'`]*):[^@/\s"'`]*@"#).unwrap());

pub fn rewrite(s: &Site) -> Result<CodeFix, String> {
    let mut needs = NEEDS.to_owned();
    let edits = match s.lang {
        Lang::Python => {
            let pw = s
                .call
                .keyword(&["password", "passwd"])
                .ok_or("the password is not a keyword argument: pass an Entra ID token as the password")?;
            vec![Edit::replace(pw.byte_range(), format!("DefaultAzureCredential().get_token(\"{SCOPE}\").token"))]
        }
        Lang::CSharp => {
            return Err(format!(
                "no automatic rewrite for `{}` yet: give the driver an Entra ID token as the password (see `secretless rules {}`)",
                s.call.callee, s.finding.rule
            ));
        }
        _ => {
            let obj = object_argument(s)
                .ok_or("the connection options are not an object literal in this file: pass an Entra ID token as the password")?;
            let mut c = obj.walk();
            let pairs: Vec<tree_sitter::Node> = obj.named_children(&mut c).collect();
            let find = |k: &str| pairs.iter().find(|p| pair_key(s, **p).as_deref() == Some(k)).copied();
            let token = format!("(await new DefaultAzureCredential().getToken(\"{SCOPE}\")).token");
            let with_token = if s.finding.service == Service::Mysql {
                // mysql2 resolves a plugin's promise: a fresh token for each connection, sent in clear over TLS.
                format!("authPlugins: {{ mysql_clear_password: () => async () => Buffer.from({token} + \"\\0\") }}")
            } else {
                // node-postgres accepts a function for the password: a fresh token per connection.
                format!("password: async () => {token}")
            };
            match (find("password"), find("connectionString")) {
                (Some(pw), _) => vec![Edit::replace(pw.byte_range(), with_token)],
                (None, Some(cs)) if s.finding.service == Service::Postgresql => {
                    let value = cs.child_by_field_name("value").ok_or("the connection string has no value")?;
                    let mut edits = Vec::new();
                    match URL_PASSWORD.is_match(s.text(value)) {
                        true => edits.push(Edit::replace(value.byte_range(), URL_PASSWORD.replace_all(s.text(value), "$1@").into_owned())),
                        false => {
                            needs = format!(
                                "{needs}; the connection string setting must no longer hold the password (a password in it wins over the token)"
                            )
                        }
                    }
                    edits.push(insert_item_after(s, cs, &with_token));
                    edits
                }
                _ => return Err("no password option to replace".into()),
            }
        }
    };
    Ok(CodeFix {
        edits,
        symbols: vec!["DefaultAzureCredential"],
        applicability: Applicability::Review,
        needs: Some(needs),
        title: "Use an Entra ID token as the database password".into(),
        ..Default::default()
    })
}
