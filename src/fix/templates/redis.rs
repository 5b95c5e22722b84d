//! Azure Cache for Redis / Azure Managed Redis with Entra ID (catalog §11): the access key gives way
//! to a credentials provider that fetches and refreshes tokens for `https://redis.azure.com/.default`
//! and re-authenticates the connection:
//! - Python redis-py: `credential_provider=create_from_default_azure_credential((scope,))` (`redis-entraid`);
//! - Node node-redis 5+: `credentialsProvider: EntraIdCredentialsProviderFactory.createForDefaultAzureCredential(..)` (`@redis/entraid`);
//! - .NET StackExchange.Redis: `ConfigurationOptions.Parse(..).ConfigureForAzureWithTokenCredentialAsync(cred)`
//!   (`Microsoft.Azure.StackExchangeRedis`).
//!
//! Always `review`: Entra ID must be enabled on the cache and the identity given a data access policy.

use super::{CodeFix, Edit, Site, after_last_argument, drop_segments, insert_item_after, object_argument, pair_key, remove_item};
use crate::fix::{Applicability, ConfigRewrite, Import, Package};
use crate::lang::Lang;
use regex::Regex;
use std::sync::LazyLock;

const NEEDS: &str = "enable Microsoft Entra authentication on the cache and give the identity a data access policy (the user name is its object id); TLS on port 6380";
const TITLE: &str = "Authenticate to Redis with Microsoft Entra ID (DefaultAzureCredential) instead of the access key";

const PY_PROVIDER: &str = "credential_provider=create_from_default_azure_credential((\"https://redis.azure.com/.default\",))";
const JS_PROVIDER: &str = "credentialsProvider: EntraIdCredentialsProviderFactory.createForDefaultAzureCredential({ credential: new DefaultAzureCredential(), scopes: REDIS_SCOPE_DEFAULT, tokenManagerConfig: { expirationRefreshRatio: 0.8 } })";

/// `rediss://:key@host` / `redis://user:key@host`: the user information in a Redis URL.
static USERINFO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(rediss?://)[^@/\s"'`]*@"#).unwrap());

pub fn rewrite(s: &Site) -> Result<CodeFix, String> {
    match s.lang {
        Lang::Python => redis_py(s),
        Lang::CSharp => stackexchange(s),
        _ => node_redis(s),
    }
}

fn fix(edits: Vec<Edit>, needs: String) -> CodeFix {
    CodeFix { edits, applicability: Applicability::Review, needs: Some(needs), title: TITLE.into(), ..Default::default() }
}

/// The URL without its user information, if the text held any.
fn without_userinfo(text: &str) -> Option<String> {
    USERINFO.is_match(text).then(|| USERINFO.replace_all(text, "$1").into_owned())
}

/// `redis.Redis(host=h, port=6380, password=key, ssl=True)` → `credential_provider=...`;
/// `redis.from_url("rediss://:key@h:6380")` → the URL without the key, plus the provider.
fn redis_py(s: &Site) -> Result<CodeFix, String> {
    if s.call.keyword(&["credential_provider"]).is_some() {
        return Err("a credential provider is already set".into());
    }
    let mut edits = Vec::new();
    if let Some(pw) = s.call.keyword(&["password"]) {
        let kw = pw.parent().ok_or("malformed keyword argument")?;
        edits.push(Edit::replace(kw.byte_range(), PY_PROVIDER));
        // redis-py refuses a user name or password beside a credential provider.
        if let Some(user) = s.call.keyword(&["username"]) {
            edits.push(remove_item(s, user.parent().ok_or("malformed keyword argument")?));
        }
    } else {
        let url = s.call.positional().next().or_else(|| s.call.keyword(&["url"])).ok_or("no password and no URL argument")?;
        let stripped = without_userinfo(s.text(url)).ok_or("the key is not in the URL written here: remove it where the URL is built")?;
        edits.push(Edit::replace(url.byte_range(), stripped));
        edits.push(Edit::insert(after_last_argument(s), format!(", {PY_PROVIDER}")));
    }
    Ok(CodeFix {
        imports: vec![Import { module: "redis_entraid.cred_provider", name: "create_from_default_azure_credential" }],
        packages: vec![Package { name: "redis-entraid", version: "1.0.0" }],
        ..fix(edits, format!("{NEEDS}; redis-py 5.3+"))
    })
}

/// node-redis `createClient({ url: "rediss://:key@h:6380" })` / `{ password: key }` → `credentialsProvider`.
fn node_redis(s: &Site) -> Result<CodeFix, String> {
    // ioredis's default export, under whatever name the file imports it (`import IORedis from "ioredis"`).
    let ioredis = s.src.contains("from \"ioredis\"")
        || s.src.contains("from 'ioredis'")
        || s.src.contains("require(\"ioredis\")")
        || s.src.contains("require('ioredis')");
    if s.class == "Redis" || s.class == "Cluster" || ioredis && s.call.is_new {
        return Err("ioredis cannot refresh Entra ID tokens: move to node-redis 5+ with @redis/entraid, or pass a token as the password and reconnect before it expires".into());
    }
    let obj = object_argument(s).ok_or("the client options are not an object literal in this file: add a `credentialsProvider` by hand")?;
    let mut c = obj.walk();
    let pairs: Vec<tree_sitter::Node> = obj.named_children(&mut c).collect();
    let find = |k: &str| pairs.iter().find(|p| pair_key(s, **p).as_deref() == Some(k)).copied();
    if find("credentialsProvider").is_some() {
        return Err("a credentials provider is already set".into());
    }
    let mut edits = Vec::new();
    let mut needs = format!("{NEEDS}; redis (node-redis) 6.1+ beside @redis/entraid");
    if let Some(pw) = find("password") {
        edits.push(Edit::replace(pw.byte_range(), JS_PROVIDER));
    } else if let Some(url) = find("url") {
        let value = url.child_by_field_name("value").ok_or("the URL option has no value")?;
        match without_userinfo(s.text(value)) {
            Some(stripped) => edits.push(Edit::replace(value.byte_range(), stripped)),
            None => needs = format!("{needs}; the URL setting must no longer hold the key"),
        }
        edits.push(insert_item_after(s, url, JS_PROVIDER));
    } else {
        return Err("no password or URL option to replace".into());
    }
    if let Some(user) = find("username") {
        edits.push(remove_item(s, user));
    }
    Ok(CodeFix {
        symbols: vec!["DefaultAzureCredential"],
        imports: vec![
            Import { module: "@redis/entraid", name: "EntraIdCredentialsProviderFactory" },
            Import { module: "@redis/entraid", name: "REDIS_SCOPE_DEFAULT" },
        ],
        packages: vec![Package { name: "@redis/entraid", version: "6.1.0" }],
        ..fix(edits, needs)
    })
}

/// `ConnectionMultiplexer.Connect("h:6380,password=key,ssl=True")` →
/// `ConnectionMultiplexer.Connect(await ConfigurationOptions.Parse("h:6380,ssl=True").ConfigureForAzureWithTokenCredentialAsync(cred))`
/// (`.GetAwaiter().GetResult()` outside async code).
fn stackexchange(s: &Site) -> Result<CodeFix, String> {
    let arg = s.call.positional().next().ok_or("no configuration argument")?;
    if arg.kind() == "object_creation_expression" {
        return stackexchange_options(s, arg);
    }
    let literal = matches!(arg.kind(), "string_literal" | "verbatim_string_literal" | "interpolated_string_expression");
    let (stripped, config) = if literal {
        (without_password(s.text(arg)).ok_or("no password in the configuration string")?, None)
    } else if matches!(s.finding.source, crate::finding::Source::Config(_)) {
        // `Connect(configuration.GetConnectionString("Redis"))`: the string stays in config, without its password.
        let text = s.text(arg);
        let value = if text.ends_with('!') { text.to_owned() } else { format!("{text}!") };
        let rewrite = |v: &str| without_password(&format!("\"{v}\"")).map(|q| q[1..q.len() - 1].to_owned());
        (value, Some(ConfigRewrite { rewrite, required: false, by_hand: "remove `password=...` from the Redis configuration string" }))
    } else {
        return Err("the configuration is not a string written here: call `ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential())` on its ConfigurationOptions and drop the password".into());
    };
    let configure =
        format!("ConfigurationOptions.Parse({stripped}).ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential())");
    let options = if in_async_code(s) { format!("await {configure}") } else { format!("{configure}.GetAwaiter().GetResult()") };
    Ok(CodeFix {
        symbols: vec!["DefaultAzureCredential"],
        packages: vec![Package { name: "Microsoft.Azure.StackExchangeRedis", version: "3.2.0" }],
        config,
        ..fix(vec![Edit::replace(arg.byte_range(), options)], NEEDS.into())
    })
}

/// `Connect(new ConfigurationOptions { EndPoints = { .. }, Password = key, Ssl = true })`: the password
/// item leaves and the options are configured for Entra ID where they are built.
fn stackexchange_options(s: &Site, arg: tree_sitter::Node) -> Result<CodeFix, String> {
    let init = arg.child_by_field_name("initializer").ok_or("the ConfigurationOptions have no initializer")?;
    let mut c = init.walk();
    let password: Vec<tree_sitter::Node> = init
        .named_children(&mut c)
        .filter(|item| {
            item.kind() == "assignment_expression" && item.child_by_field_name("left").is_some_and(|l| s.text(l).trim() == "Password")
        })
        .collect();
    if password.is_empty() {
        return Err("the ConfigurationOptions set no Password".into());
    }
    let mut edits: Vec<Edit> = password.iter().map(|p| remove_item(s, *p)).collect();
    let configure = ".ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential())";
    let (open, close) =
        if in_async_code(s) { ("(await ", format!("{configure})")) } else { ("", format!("{configure}.GetAwaiter().GetResult()")) };
    edits.push(Edit::insert(arg.start_byte(), open.to_owned()));
    edits.push(Edit::insert(arg.end_byte(), close));
    Ok(CodeFix {
        symbols: vec!["DefaultAzureCredential"],
        packages: vec![Package { name: "Microsoft.Azure.StackExchangeRedis", version: "3.2.0" }],
        ..fix(edits, NEEDS.into())
    })
}

/// A StackExchange.Redis configuration string (source text, quotes included) without `password=...`.
fn without_password(text: &str) -> Option<String> {
    let cut = drop_segments(text, &["password"], b',');
    if cut.is_empty() {
        return None;
    }
    let mut stripped = String::new();
    let mut at = 0;
    for r in &cut {
        stripped.push_str(&text[at..r.start]);
        at = r.end;
    }
    stripped.push_str(&text[at..]);
    // `host:6380,password=key"` leaves a trailing comma before the quote.
    Some(stripped.replace(",\"", "\""))
}

/// Is the call inside an `async` method, local function or lambda (so that `await` is allowed)?
fn in_async_code(s: &Site) -> bool {
    let mut n = s.call.node.parent();
    while let Some(p) = n {
        if matches!(p.kind(), "method_declaration" | "local_function_statement" | "lambda_expression" | "anonymous_method_expression") {
            let text = s.text(p);
            let head = &text[..text.find(['(', '=']).unwrap_or(0)];
            return head.split_whitespace().any(|w| w == "async");
        }
        n = p.parent();
    }
    false
}
