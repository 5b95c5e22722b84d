//! Azure SQL (catalog §8): a SQL login's user name and password give way to Entra ID.
//! - .NET Microsoft.Data.SqlClient: `Authentication=Active Directory Default` in the connection
//!   string — a literal, an interpolated string, or the config file that holds it;
//! - Python pyodbc: the user and password leave the ODBC string and an access token goes in through
//!   `attrs_before={1256: token}` (SQL_COPT_SS_ACCESS_TOKEN, a UTF-16-LE token behind its length);
//! - Node mssql / tedious: `authentication: { type: "azure-active-directory-default", options: {} }`.
//!
//! Always `review`: the database user for the identity must be created first (`secretless roles`).

use super::{
    CodeFix, Edit, Site, after_last_argument, builder_items, drop_segments, insert_item_after, object_argument, pair_key, remove_item,
    without_segments,
};
use crate::finding::Source;
use crate::fix::{Applicability, ConfigRewrite, Import, Package};
use crate::lang::Lang;

const NEEDS: &str = "create the database user for the identity (`secretless roles`) and use Microsoft.Data.SqlClient 5+";
const TITLE: &str = "Use Entra ID authentication (Active Directory Default) in the connection string";
/// The keys of a SQL login in a connection string.
const LOGIN_KEYS: &[&str] = &["uid", "userid", "user", "username", "pwd", "password"];

/// pyodbc takes the token as a packed UTF-16-LE byte string: one helper per module, called per connection
/// so that each new connection gets a fresh token.
const PYODBC_HELPER: &str = "
def _sql_access_token() -> bytes:
    \"\"\"An Entra ID access token for Azure SQL, packed for pyodbc's SQL_COPT_SS_ACCESS_TOKEN (1256).\"\"\"
    token = DefaultAzureCredential().get_token(\"https://database.windows.net/.default\").token.encode(\"UTF-16-LE\")
    return struct.pack(f\"<I{len(token)}s\", len(token), token)


";

pub fn rewrite(s: &Site) -> Result<CodeFix, String> {
    match s.lang {
        Lang::CSharp => sqlclient(s),
        Lang::Python => pyodbc(s),
        _ if s.class.eq_ignore_ascii_case("knex") => Err("no automatic rewrite for Knex yet: give `connection` the mssql options \
             `{ server, database, options: { encrypt: true }, authentication: { type: \"azure-active-directory-default\" } }` \
             instead of a URL or login"
            .into()),
        _ => mssql(s),
    }
}

fn review(edits: Vec<Edit>, needs: &str, title: &str) -> CodeFix {
    CodeFix { edits, applicability: Applicability::Review, needs: Some(needs.into()), title: title.into(), ..Default::default() }
}

/// Microsoft.Data.SqlClient: `new SqlConnection("...;User ID=app;Password=..")`, `UseSqlServer($"..")`.
/// System.Data.SqlClient has no `Active Directory Default`: a file on it moves to Microsoft.Data.SqlClient
/// (same type names), and the package goes into the manifest.
fn sqlclient(s: &Site) -> Result<CodeFix, String> {
    let mut fix = sqlclient_connection_string(s)?;
    if let Some(i) = s.src.find("using System.Data.SqlClient;") {
        let line_start = s.src[..i].rfind('\n').map(|n| n + 1).unwrap_or(0);
        if s.src[line_start..i].trim().is_empty() {
            fix.edits.push(Edit::replace(line_start..super::line_end(s.src, i), ""));
            fix.imports.push(Import { module: "Microsoft.Data.SqlClient", name: "" });
            fix.packages.push(Package { name: "Microsoft.Data.SqlClient", version: "5.2.2" });
            fix.needs = Some(format!(
                "{NEEDS_SYSTEM_DATA}; {}",
                fix.needs.as_deref().unwrap_or_default().replace(" and use Microsoft.Data.SqlClient 5+", "")
            ));
        }
    }
    Ok(fix)
}

const NEEDS_SYSTEM_DATA: &str =
    "the file moves from System.Data.SqlClient to Microsoft.Data.SqlClient: change the other files that share its connections too";

fn sqlclient_connection_string(s: &Site) -> Result<CodeFix, String> {
    let arg = s.call.positional().next().ok_or("no connection-string argument")?;
    let text = s.text(arg);
    // `var cs = "…;User ID=app;Password=…;"` declared in this file (split over concatenated
    // literals, or a ternary's literal branch): the login leaves the literals.
    if arg.kind() == "identifier"
        && let Some(fix) = declared_login(s, arg)
    {
        return Ok(fix);
    }
    match arg.kind() {
        // Entity Framework's `"name=IntranetDb"`: the string itself is in web.config / appsettings.json.
        "string_literal" | "verbatim_string_literal" if text.trim_matches(['@', '"']).to_ascii_lowercase().starts_with("name=") => {
            Ok(in_config_file())
        }
        "string_literal" | "verbatim_string_literal" => {
            let quote = text.find('"').ok_or("not a string literal")?;
            let inner = &text[quote + 1..text.len() - 1];
            let new = passwordless_sql(inner).ok_or("the connection string holds no password")?;
            Ok(review(vec![Edit::replace(arg.start_byte() + quote + 1..arg.end_byte() - 1, new)], NEEDS, TITLE))
        }
        // `$"Server={server};User ID=app;Password={password};"`: the login leaves, the holes it used with it.
        "interpolated_string_expression" => {
            let mut edits: Vec<Edit> = drop_segments(text, LOGIN_KEYS, b';')
                .into_iter()
                .map(|r| Edit::replace(arg.start_byte() + r.start..arg.start_byte() + r.end, ""))
                .collect();
            if edits.is_empty() {
                return Err("the connection string holds no password".into());
            }
            let close = arg.end_byte() - 1;
            let sep = if text[..text.len() - 1].trim_end().ends_with(';') { "" } else { ";" };
            edits.push(Edit::insert(close, format!("{sep}Authentication=Active Directory Default;")));
            Ok(review(edits, NEEDS, TITLE))
        }
        // `new SqlConnectionStringBuilder { UserID = .., Password = .. }`: the login leaves the
        // initializer, `Authentication = ActiveDirectoryDefault` comes in.
        _ if builder_items(s, arg, &["Password"]).is_some_and(|(_, items)| !items.is_empty()) => {
            let (init, items) = builder_items(s, arg, &["UserID", "Password", "PersistSecurityInfo", "Authentication"]).unwrap();
            let mut c = init.walk();
            let last_kept = init.named_children(&mut c).filter(|n| !items.iter().any(|i| i.id() == n.id())).last();
            let mut edits: Vec<Edit> = items.iter().map(|i| remove_item(s, *i)).collect();
            let auth = "Authentication = SqlAuthenticationMethod.ActiveDirectoryDefault";
            match last_kept {
                Some(k) => edits.push(insert_item_after(s, k, auth)),
                None => return Err("the connection string builder holds nothing but the login: set `Authentication` by hand".into()),
            }
            Ok(review(edits, NEEDS, TITLE))
        }
        // The value lives in a config file: the plan edits it there (see `fix::config_value_edits`).
        _ => Ok(in_config_file()),
    }
}

/// The fix for a connection string declared in this file as string literals holding a SQL login.
fn declared_login(s: &Site, arg: tree_sitter::Node) -> Option<CodeFix> {
    let (_, range) = super::definition_of(s, arg)?;
    let mut root = arg;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut literals = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.end_byte() <= range.start || n.start_byte() >= range.end {
            continue;
        }
        if matches!(n.kind(), "string_literal" | "verbatim_string_literal") {
            literals.push(n);
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    literals.sort_by_key(|n| n.start_byte());
    let mut edits: Vec<Edit> = literals
        .iter()
        .flat_map(|l| super::drop_segments(s.text(*l), LOGIN_KEYS, b';').into_iter().map(|r| (l.start_byte(), r)))
        .map(|(at, r)| Edit::replace(at + r.start..at + r.end, ""))
        .collect();
    if edits.is_empty() {
        return None;
    }
    let last = literals.last()?;
    let text = s.text(*last);
    let sep = if text[..text.len() - 1].trim_end().ends_with(';') { "" } else { ";" };
    edits.push(Edit::insert(last.end_byte() - 1, format!("{sep}Authentication=Active Directory Default;")));
    Some(review(edits, NEEDS, TITLE))
}

/// The connection string lives in a config file (a setting read by code, EF's `name=`): the login
/// leaves it there and `Authentication=Active Directory Default` comes in.
pub fn in_config_file() -> CodeFix {
    CodeFix {
        config: Some(ConfigRewrite { rewrite: passwordless_sql, required: true, by_hand: "set `Authentication=Active Directory Default`" }),
        ..review(Vec::new(), NEEDS, TITLE)
    }
}

/// `Server=..;User ID=app;Password=..;Encrypt=True` → `Server=..;Encrypt=True;Authentication=Active Directory Default`.
pub fn passwordless_sql(cs: &str) -> Option<String> {
    let parts: Vec<&str> = cs.split(';').filter(|p| !p.trim().is_empty()).collect();
    let key = |p: &str| p.split('=').next().unwrap_or("").trim().to_ascii_lowercase().replace(' ', "");
    if !parts.iter().any(|p| matches!(key(p).as_str(), "password" | "pwd")) {
        return None;
    }
    let mut kept: Vec<&str> = parts
        .into_iter()
        .filter(|p| {
            !matches!(
                key(p).as_str(),
                "password" | "pwd" | "userid" | "uid" | "user" | "username" | "persistsecurityinfo" | "authentication"
            )
        })
        .collect();
    kept.push("Authentication=Active Directory Default");
    Some(kept.join(";") + if cs.trim_end().ends_with(';') { ";" } else { "" })
}

/// `pyodbc.connect("...;UID=app;PWD=..;")` → `pyodbc.connect("...;", attrs_before={1256: _sql_access_token()})`.
fn pyodbc(s: &Site) -> Result<CodeFix, String> {
    let callee = s.call.callee.to_ascii_lowercase();
    if callee.starts_with("pymssql") {
        return Err("pymssql has no Entra ID authentication: move to pyodbc (access token) or mssql-python (`Authentication=ActiveDirectoryDefault`)".into());
    }
    if !callee.ends_with("pyodbc.connect") && callee != "connect" {
        return Err(format!(
            "no automatic rewrite for `{}`: pass an Entra ID access token to the driver (see `secretless rules {}`)",
            s.call.callee, s.finding.rule
        ));
    }
    if s.call.keyword(&["attrs_before"]).is_some() {
        return Err("`attrs_before` is already set: add the access token (1256) by hand".into());
    }
    let arg = s.call.positional().next().or_else(|| s.call.keyword(&["connstring"])).ok_or("no connection-string argument")?;
    let token = Edit::insert(after_last_argument(s), ", attrs_before={1256: _sql_access_token()}");
    let fix = |edits, config| CodeFix {
        imports: vec![Import { module: "struct", name: "" }],
        symbols: vec!["DefaultAzureCredential"],
        helper: Some(PYODBC_HELPER),
        config,
        ..review(
            edits,
            "create the database user for the identity (`secretless roles`)",
            "Connect with an Entra ID access token instead of a SQL login",
        )
    };
    if !matches!(arg.kind(), "string" | "concatenated_string") {
        if !matches!(s.finding.source, Source::Env(_) | Source::Config(_)) {
            return Err(
                "the connection string is not written at the call: remove UID/PWD where it is built and pass `attrs_before={1256: token}`"
                    .into(),
            );
        }
        // The string comes from a setting: the token goes in here, the login leaves the setting.
        let config = ConfigRewrite {
            rewrite: odbc_without_login,
            required: false,
            by_hand: "remove UID and PWD from the connection string setting",
        };
        return Ok(fix(vec![token], Some(config)));
    }
    let mut edits = Vec::new();
    let pieces: Vec<tree_sitter::Node> = if arg.kind() == "concatenated_string" {
        {
            let mut c = arg.walk();
            arg.named_children(&mut c).collect()
        }
    } else {
        vec![arg]
    };
    for piece in pieces {
        let text = s.text(piece);
        let cut = drop_segments(text, LOGIN_KEYS, b';');
        let kept = text.len() - cut.iter().map(|r| r.len()).sum::<usize>();
        let prefix = text.len() - text.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
        // A piece of an implicit concatenation left empty (`f""`) goes, with the space before it.
        if !cut.is_empty() && arg.kind() == "concatenated_string" && kept == prefix + 2 {
            let start = s.src[..piece.start_byte()].trim_end().len();
            edits.push(Edit::replace(start..piece.end_byte(), ""));
        } else {
            edits.extend(cut.into_iter().map(|r| Edit::replace(piece.start_byte() + r.start..piece.start_byte() + r.end, "")));
        }
    }
    if edits.is_empty() {
        return Err("the connection string holds no UID/PWD to remove".into());
    }
    edits.push(token);
    Ok(fix(edits, None))
}

/// An ODBC connection string setting without its UID / PWD.
fn odbc_without_login(value: &str) -> Option<String> {
    without_segments(value, LOGIN_KEYS)
}

/// Node mssql / tedious options: `{ user, password, ... }` → `{ authentication: { type: "azure-active-directory-default", options: {} }, ... }`.
fn mssql(s: &Site) -> Result<CodeFix, String> {
    const AUTH: &str = "authentication: { type: \"azure-active-directory-default\", options: {} }";
    let obj = object_argument(s).ok_or("the connection options are not an object literal in this file: set `authentication: { type: \"azure-active-directory-default\" }` by hand")?;
    let mut edits = Vec::new();
    let mut c = obj.walk();
    let pairs: Vec<tree_sitter::Node> = obj.named_children(&mut c).collect();
    // tedious: `authentication: { type: "default", options: { userName, password } }` → replaced whole.
    if let Some(auth) = pairs.iter().find(|p| pair_key(s, **p).as_deref() == Some("authentication")) {
        edits.push(Edit::replace(auth.byte_range(), AUTH));
    } else {
        let login: Vec<&tree_sitter::Node> =
            pairs.iter().filter(|p| matches!(pair_key(s, **p).as_deref(), Some("user" | "userName" | "password"))).collect();
        let password =
            login.iter().find(|p| pair_key(s, ***p).as_deref() == Some("password")).ok_or("no password in the connection options")?;
        for p in &login {
            if p.id() == password.id() {
                edits.push(Edit::replace(p.byte_range(), AUTH));
            } else {
                edits.push(remove_item(s, **p));
            }
        }
    }
    Ok(review(
        edits,
        "create the database user for the identity (`secretless roles`)",
        "Use Entra ID authentication (azure-active-directory-default) instead of a SQL login",
    ))
}
