//! Azure Database for PostgreSQL and MySQL flexible servers (catalog §9, §10): the password becomes
//! an Entra ID token for `https://ossrdbms-aad.database.windows.net/.default`, fetched per new
//! connection where the driver allows it:
//! - Python (psycopg, mysql-connector, PyMySQL, ...): `password=DefaultAzureCredential().get_token(scope).token`;
//! - node-postgres: `password: async () => token` (pg calls it for each connection);
//! - mysql2: the token through the `mysql_clear_password` plugin, an async function per connection;
//! - .NET Npgsql / MySqlConnector data sources: `UsePeriodicPasswordProvider` on the data source builder
//!   (a token refreshed before it expires); a MySqlConnector connection: `ProvidePasswordCallback`.
//!
//! Always `review`: the user name must become the identity's Entra principal name, over TLS.

use super::{
    CodeFix, Edit, Site, builder_items, drop_segments, insert_item_after, object_argument, pair_key, remove_item, without_segments,
};
use crate::finding::Service;
use crate::finding::Source;
use crate::fix::{Applicability, ConfigRewrite, Import};
use crate::lang::Lang;
use regex::Regex;
use std::sync::LazyLock;

const SCOPE: &str = "https://ossrdbms-aad.database.windows.net/.default";
const NEEDS: &str = "connect as the managed identity: set the user to the identity's name and require TLS";

/// `postgres://user:password@host`: the password of a URL, user kept.
static URL_PASSWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(://[^:/@\s"'`]*):[^@/\s"'`]*@"#).unwrap());

/// What to do when a Python driver's password is not a keyword argument: it is inside a dict passed
/// with `**`, or inside the URL or DSN, written in the code or read from a setting.
fn python_url_password(s: &Site) -> String {
    let url_setting = |n: &str| crate::analyze::names::names_connection_string(n) || crate::analyze::names::normalize(n).contains("url");
    // (`DB_PASSWORD` filled into a URL written here: the code is where it changes.)
    // `connect(**DB)`: a second `password=` beside the dict's would be a TypeError.
    if let Some(dict) = s.call.splats.first() {
        let dict = &s.src[dict.byte_range()];
        return format!(
            "the password is in the dict `{dict}` passed as `**{dict}`: drop its `password` entry and pass \
             `password=DefaultAzureCredential().get_token(\"{SCOPE}\").token`"
        );
    }
    let name = match &s.finding.source {
        Source::Config(name) | Source::Env(name) if url_setting(name) => name,
        _ => return "the password is not a keyword argument: pass an Entra ID token as the password".to_owned(),
    };
    if matches!(s.call.name.as_str(), "create_engine" | "create_async_engine") {
        format!(
            "the password is in the database URL of setting `{name}`: drop it there and add a `do_connect` event listener that \
             sets `cparams[\"password\"] = DefaultAzureCredential().get_token(\"{SCOPE}\").token`"
        )
    } else {
        format!(
            "the password is in the connection URL of setting `{name}`: drop it there and pass \
             `password=DefaultAzureCredential().get_token(\"{SCOPE}\").token`"
        )
    }
}

pub fn rewrite(s: &Site) -> Result<CodeFix, String> {
    let mut needs = NEEDS.to_owned();
    let edits = match s.lang {
        // SQLAlchemy engines built from a settings file: the URL stays there, without its password.
        Lang::Python if matches!(s.call.name.as_str(), "engine_from_config" | "async_engine_from_config") => {
            return Err(format!(
                "the URL is in the settings file: drop its password and add a `do_connect` event listener that sets \
                 `cparams[\"password\"] = DefaultAzureCredential().get_token(\"{SCOPE}\").token`"
            ));
        }
        Lang::Python => {
            let Some(pw) = s.call.keyword(&["password", "passwd"]) else {
                return Err(python_url_password(s));
            };
            vec![Edit::replace(pw.byte_range(), format!("DefaultAzureCredential().get_token(\"{SCOPE}\").token"))]
        }
        Lang::CSharp => return dotnet(s),
        // Knex hands `connection` to the driver and re-reads it when it is a function.
        _ if s.class.eq_ignore_ascii_case("knex") => {
            return Err(format!(
                "no automatic rewrite for Knex yet: make `connection` an async function returning the options with \
                 `password: (await new DefaultAzureCredential().getToken(\"{SCOPE}\")).token` and an `expirationChecker` \
                 for the token's expiry"
            ));
        }
        // LoopBack's connectors copy the options once, when the datasource connects.
        _ if (s.class == "DataSource" || s.call.callee == "super")
            && (s.src.contains("loopback-datasource-juggler") || s.src.contains("@loopback/repository")) =>
        {
            return Err(format!(
                "no automatic rewrite for LoopBack datasources: their connectors take `password` as a string when they connect. \
                 Fetch `(await new DefaultAzureCredential().getToken(\"{SCOPE}\")).token` before the datasource is created, \
                 pass it as the password, and reconnect before it expires (about an hour)"
            ));
        }
        // Sequelize takes the password positionally; a hook sets a fresh token before each connection.
        _ if s.class == "Sequelize" => {
            return Err(format!(
                "no automatic rewrite for Sequelize yet: drop the password argument and add \
                 `hooks: {{ beforeConnect: async (config) => {{ config.password = (await new DefaultAzureCredential().getToken(\"{SCOPE}\")).token; }} }}` \
                 to its options"
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
                // `{ ...base, max: 10 }`: the password comes with the spread; an entry after it wins.
                (None, None) if pairs.iter().any(|p| p.kind() == "spread_element") => {
                    let spread = pairs.iter().rfind(|p| p.kind() == "spread_element").and_then(|p| p.named_child(0));
                    if let Some(spread) = spread {
                        needs = format!("{needs}; drop the password from `{}`, whose entries this object spreads", s.text(spread));
                    }
                    let last = pairs.last().ok_or("the connection options are empty")?;
                    vec![insert_item_after(s, *last, &with_token)]
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

/// The keys of a password in an ADO.NET connection string.
const PASSWORD_KEYS: &[&str] = &["password", "pwd"];

/// .NET drivers. Npgsql and MySqlConnector data sources take a periodic password provider (a token
/// refreshed in the background before it expires); a MySqlConnector connection takes a password
/// callback, run for each new physical connection. Both drivers prefer a password in the
/// connection string, so the password leaves it: in the code, or in the config file it comes from.
fn dotnet(s: &Site) -> Result<CodeFix, String> {
    let refreshed = format!(
        ".UsePeriodicPasswordProvider(async (_, ct) => (await new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext(new[] {{ \"{SCOPE}\" }}), ct)).Token, TimeSpan.FromMinutes(55), TimeSpan.FromSeconds(5))"
    );
    let arg = s.call.positional().next().ok_or("no connection-string argument")?;
    let mysql_connector = s.src.contains("using MySqlConnector;") || s.call.callee.contains("MySqlConnector.");
    let start_to_arg = s.call.node.start_byte()..arg.start_byte();
    let mut edits = match (s.call.is_new, s.class.as_str(), s.call.name.as_str()) {
        // `NpgsqlDataSource.Create(cs)` → `new NpgsqlDataSourceBuilder(cs).UsePeriodicPasswordProvider(..).Build()`.
        (false, _, "Create") if s.call.callee.ends_with("NpgsqlDataSource.Create") => vec![
            Edit::replace(start_to_arg, "new NpgsqlDataSourceBuilder("),
            Edit::insert(s.call.node.end_byte(), format!("{refreshed}.Build()")),
        ],
        (true, "MySqlDataSource", _) if mysql_connector => vec![
            Edit::replace(start_to_arg, "new MySqlDataSourceBuilder("),
            Edit::insert(s.call.node.end_byte(), format!("{refreshed}.Build()")),
        ],
        (true, "NpgsqlDataSourceBuilder", _) => vec![Edit::insert(s.call.node.end_byte(), refreshed)],
        (true, "MySqlDataSourceBuilder", _) if mysql_connector => vec![Edit::insert(s.call.node.end_byte(), refreshed)],
        (true, "MySqlConnection", _) if mysql_connector => {
            if s.call.node.child_by_field_name("initializer").is_some() || s.text(s.call.node).trim_end().ends_with('}') {
                return Err(
                    "the connection already has an object initializer: set `ProvidePasswordCallback` to an Entra ID token by hand".into()
                );
            }
            let token = format!("new DefaultAzureCredential().GetToken(new TokenRequestContext(new[] {{ \"{SCOPE}\" }})).Token");
            vec![Edit::insert(s.call.node.end_byte(), format!(" {{ ProvidePasswordCallback = _ => {token} }}"))]
        }
        (true, "MySqlConnection", _) => {
            return Err(
                "MySql.Data has no token callback: move to MySqlConnector (`ProvidePasswordCallback`) and give it an Entra ID token".into(),
            );
        }
        (true, "NpgsqlConnection", _) => {
            return Err("a bare NpgsqlConnection cannot refresh its password: build one NpgsqlDataSource with `UsePeriodicPasswordProvider` (an Entra ID token) and open connections from it".into());
        }
        _ => return Err(format!("no automatic rewrite for `{}` yet: give the driver an Entra ID token as the password", s.call.callee)),
    };
    let mut needs = NEEDS.to_owned();
    let mut config = None;
    match arg.kind() {
        "string_literal" | "verbatim_string_literal" | "interpolated_string_expression" => {
            let cut = drop_segments(s.text(arg), PASSWORD_KEYS, b';');
            if cut.is_empty() {
                return Err("the connection string written here holds no password".into());
            }
            edits.extend(cut.into_iter().map(|r| Edit::replace(arg.start_byte() + r.start..arg.start_byte() + r.end, "")));
        }
        _ if matches!(s.finding.source, Source::Config(_)) => {
            config =
                Some(ConfigRewrite { rewrite: without_password, required: true, by_hand: "remove `Password=` from the connection string" })
        }
        _ => match builder_items(s, arg, &["Password", "Pwd"]).and_then(|(_, items)| items.into_iter().next()) {
            Some(item) => edits.push(remove_item(s, item)),
            None => needs = format!("{needs}; the connection string must no longer hold a password (it wins over the token)"),
        },
    }
    Ok(CodeFix {
        edits,
        symbols: vec!["DefaultAzureCredential"],
        imports: vec![Import { module: "Azure.Core", name: "" }],
        config,
        applicability: Applicability::Review,
        needs: Some(needs),
        title: "Use an Entra ID token as the database password".into(),
        ..Default::default()
    })
}

/// `Host=..;Username=app;Password=..;SslMode=Require` → `Host=..;Username=app;SslMode=Require`.
fn without_password(value: &str) -> Option<String> {
    without_segments(value, PASSWORD_KEYS)
}
