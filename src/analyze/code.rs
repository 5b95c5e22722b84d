//! Code files: find where code authenticates with a secret (auth sites) and where a secret value is
//! written into the code (secret literals). Works on the neutral shapes of `crate::lang`, so the
//! logic is the same for C#, Python and JS/TS; only the tables in `catalog` name SDK APIs.

use super::catalog::{self, SecretCredential};
use super::functions;
use super::names;
use super::resolve::{Resolved, Resolver};
use super::{Export, Hit};
use crate::config::ConfigScope;
use crate::connstr;
use crate::finding::{Category, CredentialKind, Service, Source};
use crate::lang::{CallInfo, Def, Lang, Shape, compact, last_segment};
use crate::secrets::{self, HOLE};
use std::collections::{HashMap, HashSet};
use tree_sitter::{Node, QueryCursor, StreamingIterator, Tree};

/// Everything the candidate query captured in one file.
struct Candidates<'t> {
    calls: Vec<Node<'t>>,
    strings: Vec<Node<'t>>,
    defs: Vec<Def<'t>>,
    pairs: Vec<(Node<'t>, Node<'t>)>,
    imports: String,
}

fn collect<'t>(lang: Lang, tree: &'t Tree, src: &str) -> Candidates<'t> {
    let g = lang.grammar();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&g.query, tree.root_node(), src.as_bytes());
    let mut c = Candidates { calls: Vec::new(), strings: Vec::new(), defs: Vec::new(), pairs: Vec::new(), imports: String::new() };
    while let Some(m) = matches.next() {
        let (mut def_name, mut def_value, mut key, mut value) = (None, None, None, None);
        for cap in m.captures() {
            let i = cap.index;
            let n = cap.node;
            if i == g.cap.call {
                c.calls.push(n);
            } else if i == g.cap.string {
                c.strings.push(n);
            } else if i == g.cap.def {
                c.defs.extend(lang.defs(n, None, src));
            } else if i == g.cap.def_name {
                def_name = Some(n);
            } else if i == g.cap.def_value {
                def_value = Some(n);
            } else if i == g.cap.pair_key {
                key = Some(n);
            } else if i == g.cap.pair_value {
                value = Some(n);
            } else if i == g.cap.import {
                // One line per import, however it is wrapped.
                c.imports.push_str(&src[n.byte_range()].replace(['\r', '\n'], " "));
                c.imports.push('\n');
            }
        }
        if let Some(n) = def_name {
            c.defs.extend(lang.defs(n, def_value, src));
        }
        if let (Some(k), Some(v)) = (key, value) {
            c.pairs.push((k, v));
        }
    }
    // JS/TS: `require("x")` is an import too, with the names it binds when it has a declarator
    // (`{ createClient } = require("redis")`), so that a name can be traced to its module.
    if matches!(lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) {
        for call in &c.calls {
            let t = &src[call.byte_range()];
            if t.starts_with("require(") {
                let binding = call.parent().filter(|p| p.kind() == "variable_declarator").unwrap_or(*call);
                c.imports.push_str(&src[binding.byte_range()].replace(['\r', '\n'], " "));
                c.imports.push('\n');
            }
        }
    }
    c
}

/// The definitions of a file (for resolving what another file imports from it).
pub(super) fn definitions<'t>(lang: Lang, tree: &'t Tree, src: &str) -> Vec<Def<'t>> {
    collect(lang, tree, src).defs
}

/// The operations this file performs on clients that other files hand out, one list per export:
/// calls on a function's result, on an imported module-level client, or on the parameters and
/// fields of an injected client's type; with the names this file hands them on by (`export const
/// search = createSearchClient(...)`). `reaches(imports, export)` says whether this file imports
/// the export from the file that defines it (`imports`: one import statement per line).
pub fn operations_on(
    lang: Lang,
    tree: &Tree,
    src: &str,
    config: ConfigScope<'_>,
    exports: &[Export],
    reaches: &dyn Fn(&str, &Export) -> bool,
) -> Vec<(Vec<String>, Vec<Export>)> {
    let a = Analyzer::new(lang, tree, src, config, None, collect(lang, tree, src));
    exports
        .iter()
        .map(|e| {
            if !reaches(&a.imports, e) {
                return (Vec::new(), Vec::new());
            }
            let (mut ops, mut exports) = (Vec::new(), Vec::new());
            let start = match e {
                Export::Function(f) => {
                    for c in a.all_calls().iter().filter(|c| &c.name == f) {
                        let usage = a.operations(c.node);
                        ops.extend(usage.ops);
                        exports.extend(usage.exports);
                    }
                    // `get_openai().chat.completions.create(...)`, and FastAPI's
                    // `client: SecretClient = Depends(get_secret_client)`.
                    let injected = if lang == Lang::Python { lang.declared_of_type(src, f) } else { Vec::new() };
                    std::iter::once(f.clone()).chain(injected).map(|n| (n, None)).collect()
                }
                Export::Variable(v) => vec![(v.clone(), None)],
                Export::Type(t) => lang.declared_of_type(src, t).into_iter().map(|n| (n, None)).collect(),
            };
            let (ops, more) = a.follow(start, ops, false);
            exports.extend(more);
            exports.retain(|x| x != e);
            (ops, exports)
        })
        .collect()
}

/// The file's import aliases (alias → imported name), for the fix engine, which does not run the
/// analysis.
pub fn import_aliases(lang: Lang, tree: &Tree, src: &str) -> Vec<(String, String)> {
    lang.import_aliases(&collect(lang, tree, src).imports)
}

/// How an imported options object signs in ([`Analyzer::imported_options`]).
enum ImportedAuth {
    Password(Source),
    Passwordless,
}

/// How a connection-string builder signs in ([`Analyzer::builder_auth`]).
enum BuilderAuth<'t> {
    Password(Node<'t>),
    Passwordless,
}

/// How an argument authenticates.
#[derive(Debug, Clone)]
enum Cred<'t> {
    Passwordless,
    Secret { kind: CredentialKind, service: Option<Service>, value: Resolved<'t>, credential: Option<Node<'t>> },
    Unknown,
}

/// A secret-based credential object built somewhere in the file (`ClientSecretCredential(...)`).
struct CredentialSite<'t> {
    node: Node<'t>,
    name: String,
    kind: CredentialKind,
    service: Option<Service>,
    value: Option<Resolved<'t>>,
}

struct Analyzer<'a, 't> {
    lang: Lang,
    src: &'a str,
    config: ConfigScope<'a>,
    origin: Option<&'a std::path::Path>,
    r: Resolver<'a, 't>,
    imports: String,
    /// Calls that may be auth sites (names the catalog knows).
    calls: Vec<CallInfo<'t>>,
    /// Every call node, and their shapes once needed (operations on a client).
    call_nodes: Vec<Node<'t>>,
    all_calls: std::cell::OnceCell<Vec<CallInfo<'t>>>,
    /// Where the file returns a bare name (`return _client`): name → offsets, found once.
    returned_names: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
    /// Credential construction nodes consumed by a known client.
    consumed: HashSet<usize>,
    hits: Vec<Hit>,
    /// Secret literals to report: root node → (kind, service, resource).
    /// `direct`: the literal is the secret itself (a key argument), not a connection string around it.
    /// Literals feeding an auth site: (literal, kind, service, resource, direct, the site names the
    /// service's endpoint).
    secret_literals: Vec<(Node<'t>, CredentialKind, Service, Option<String>, bool, bool)>,
}

/// The string constants of a Python settings module ([`crate::lang::python::is_settings_module`]),
/// as config entries: `settings.ARCHIVE_EXPORT_URL` in a view then resolves to the SAS URL that
/// settings/base.py builds, as `Configuration["X"]` resolves to appsettings.json.
///
/// Python settings classes count too: a field's default (`database_url: str = "…"` in a pydantic
/// `BaseSettings` or a dataclass) and a keyword given to a class's constructor (`Config(pg_dsn=
/// os.environ.get("PG_DSN", "…"))`) are what `settings.database_url` and `cfg.pg_dsn` read. Only
/// values that are written out join (a field read from the environment has no text here).
pub fn module_settings<'t>(lang: Lang, tree: &'t Tree, src: &str) -> Vec<crate::config::Entry> {
    let cand = collect(lang, tree, src);
    let none = crate::config::ConfigIndex::default();
    let r = Resolver::new(lang, src, cand.defs, none.scope(""));
    let entry = |key: String, value: Node<'t>| -> Option<crate::config::Entry> {
        let text = r.eval(value).full_text()?.to_owned();
        Some(crate::config::Entry { key, value: text, span: value.byte_range() })
    };
    let mut entries: Vec<crate::config::Entry> = r
        .all_defs()
        .filter_map(|d| {
            // Python: `NAME = ...` at module level or a settings class's field; C#: `Class.Field` of a
            // const or static field.
            let key = match lang {
                Lang::Python => {
                    (crate::lang::python::is_module_constant(d) || crate::lang::python::is_class_field(d)).then(|| d.name.clone())?
                }
                Lang::CSharp => crate::lang::csharp::constant_key(d, src)?,
                _ => return None,
            };
            entry(key, d.value)
        })
        .collect();
    if lang == Lang::Python {
        let keywords = cand.pairs.iter().filter(|(k, _)| crate::lang::python::is_constructor_keyword(*k, src));
        entries.extend(keywords.filter_map(|(k, v)| entry(src[k.byte_range()].to_owned(), *v)));
    }
    entries
}

/// Analyze one parsed code file.
/// `origin` is the file's path on disk, for following relative imports to the app's own modules.
pub fn analyze(lang: Lang, tree: &Tree, src: &str, config: ConfigScope<'_>, origin: Option<&std::path::Path>) -> Vec<Hit> {
    let mut cand = collect(lang, tree, src);
    let (strings, pairs) = (std::mem::take(&mut cand.strings), std::mem::take(&mut cand.pairs));
    let mut a = Analyzer::new(lang, tree, src, config, origin, cand);
    // Only calls whose name the catalog knows can be auth sites: the others are looked at only when
    // an auth site's operations are collected (most files of a large tree never need them).
    a.calls = a
        .call_nodes
        .iter()
        .filter(|n| catalog::is_candidate_call(a.r.canonical(&callee_name(lang, **n, src))))
        .filter_map(|n| match a.r.shape(*n) {
            Shape::Call(c) => Some(c),
            _ => None,
        })
        .collect();
    let mut credential_sites = Vec::new();
    for i in 0..a.calls.len() {
        if let Some(site) = a.credential_site(i) {
            credential_sites.push(site);
        }
    }
    for i in 0..a.calls.len() {
        a.auth_site(i);
    }
    for site in credential_sites {
        if a.consumed.contains(&site.node.id()) {
            continue;
        }
        // `credential = ClientSecretCredential(...)` in one branch, `DefaultAzureCredential()` in the
        // other, then `SecretClient(vault_url, credential=credential)`: the client says the service.
        let client = a.client_taking(site.node);
        // A shared key that only signs SAS tokens (no client holds it).
        let signs = if client.is_none() && site.name == "StorageSharedKeyCredential" { a.sas_signer_taking(site.node) } else { None };
        let service = client
            .map(|(s, _)| s)
            .or(signs)
            .or(site.service)
            .or_else(|| site.value.as_ref().and_then(|v| v.name_hint.as_deref()).and_then(names::service_of_name));
        let service = service.unwrap_or(Service::Unknown);
        let source = site.value.as_ref().map(|v| v.source.clone()).unwrap_or(Source::Unknown);
        if let Some(v) = &site.value {
            a.remember_literals(v, site.kind, service, None);
        }
        let mut hit = a.hit(site.node, Category::Auth, service, site.kind, source, &site.name);
        if signs.is_some() {
            sas_signing_usage(&mut hit, service);
        } else {
            let usage = a.operations(client.map_or(site.node, |(_, n)| n));
            hit.operations = usage.ops;
            hit.exports = usage.exports;
            hit.roles_note = usage.note.or(Some("the credential is not passed to a client secretless knows in this file".into()));
        }
        a.hits.push(hit);
    }
    if lang == Lang::CSharp {
        a.named_context_sites(&strings);
        a.abp_options_sites();
    }
    a.kafka_sites(&strings);
    a.header_key_sites(&strings);
    if lang == Lang::Python {
        a.spark_conf_sites(&strings);
        a.fsspec_sites(&pairs);
        a.legacy_openai_module();
    }
    a.secret_hits(&strings, &pairs);
    // A credential two clients share is reported at each client, where each one's roles belong.
    let mut from_credential: HashMap<usize, usize> = HashMap::new();
    for h in a.hits.iter().filter(|h| h.category == Category::Auth) {
        if let Some(at) = h.anchor.filter(|at| *at < h.span.start) {
            *from_credential.entry(at).or_default() += 1;
        }
    }
    for h in a.hits.iter_mut().filter(|h| h.category == Category::Auth) {
        if h.anchor.is_some_and(|at| at < h.span.start && from_credential.get(&at).is_some_and(|n| *n > 1)) {
            h.anchor = None;
        }
    }
    // No call on the client that chooses a role is visible (it is returned, injected or exported, or
    // only sub-client getters are seen): its type may still say what it does.
    for h in a.hits.iter_mut().filter(|h| h.category == Category::Auth) {
        if !crate::roles::infer(h.service, &h.operations).roles.is_empty() {
            continue;
        }
        if let Some(implied) = catalog::implied_operations(h.service, &h.what) {
            h.operations.extend(implied.ops.iter().map(|o| o.to_string()));
            let seen = h.roles_note.take().unwrap_or_else(|| "no operations on this client are visible in this file".into());
            let why = implied.why.map_or(seen, str::to_owned);
            h.roles_note = Some(format!("assumed from `{}` ({}): {why}", h.what, implied.ops.join(", ")));
        }
    }
    a.hits
}

/// What signing a SAS with an account key needs after the migration: Blob and Data Lake SAS are
/// signed with a user delegation key (a read action); the others have no user-delegation form.
fn sas_signing_usage(hit: &mut Hit, service: Service) {
    if matches!(service, Service::StorageBlob | Service::StorageDatalake) {
        hit.operations = vec!["get_user_delegation_key".into()];
        hit.roles_note = Some(
            "sign a user-delegation SAS instead (get_user_delegation_key, then user_delegation_key=): the SAS carries only rights the signing identity also holds".into(),
        );
    } else {
        hit.roles_note = Some(
            "queue, file share and account SAS have no user-delegation form: give the SAS's consumers their own identity and roles instead"
                .into(),
        );
    }
}

/// After a receiver ending at `at`: the method called with a tuple type argument at the end of its
/// chain (`.Request().QueryAsync<(` → `QueryAsync` and its offset), skipping the calls before it.
fn generic_method_after(src: &str, mut at: usize) -> Option<(&str, usize)> {
    let bytes = src.as_bytes();
    let skip_ws = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    loop {
        at = skip_ws(at);
        if bytes.get(at) != Some(&b'.') {
            return None;
        }
        let name_at = skip_ws(at + 1);
        let mut end = name_at;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
            end += 1;
        }
        if end == name_at {
            return None;
        }
        at = skip_ws(end);
        match bytes.get(at) {
            // A tuple type argument (`QueryAsync<(string A, decimal B)>`); `x.Count < (y)` is rarer than it.
            Some(b'<') if bytes.get(skip_ws(at + 1)) == Some(&b'(') => return Some((&src[name_at..end], name_at)),
            Some(b'<') => return None,
            Some(b'(') => {
                // Skip the call's arguments.
                let mut depth = 0usize;
                while at < bytes.len() {
                    match bytes[at] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    at += 1;
                }
                at += 1;
            }
            _ => {}
        }
    }
}

/// The first string literal inside `node` that starts after byte `at`.
fn first_string_after(node: Node<'_>, at: usize) -> Option<Node<'_>> {
    if node.start_byte() > at
        && matches!(node.kind(), "string" | "string_literal" | "verbatim_string_literal" | "raw_string_literal" | "template_string")
    {
        return Some(node);
    }
    let mut w = node.walk();
    let children: Vec<Node<'_>> = node.named_children(&mut w).filter(|c| c.end_byte() > at).collect();
    children.into_iter().find_map(|c| first_string_after(c, at))
}

/// How many lines above its client a credential may start and still be reported with it.
const CREDENTIAL_REACH_LINES: usize = 12;

/// The service a sibling of a secret names: a driver or dialect (`engine: "mssql"`, `dialect:
/// "postgres"`), an Airflow connection type (`conn_type="wasb"`), or a host (`host: "x.redis.cache.windows.net"`).
fn service_named_by(key: &str, value: &str) -> Option<Service> {
    let t = value.to_ascii_lowercase();
    match names::normalize(key).as_str() {
        "engine" | "dialect" | "client" | "driver" | "conntype" => {
            if t.contains("mssql") || t.contains("sql_server") || t.contains("sqlserver") || t.contains("pyodbc") {
                return Some(Service::Sql);
            }
            if t.contains("postgres") || t == "pg" || t.contains("asyncpg") || t.contains("psycopg") {
                return Some(Service::Postgresql);
            }
            if t.contains("mysql") || t.contains("asyncmy") {
                return Some(Service::Mysql);
            }
            if t.contains("redis") {
                return Some(Service::Redis);
            }
            // Airflow's Azure connection types.
            match t.as_str() {
                "wasb" => return Some(Service::Storage),
                "adls" | "azure_data_lake" => return Some(Service::StorageDatalake),
                "azure_cosmos" => return Some(Service::CosmosDb),
                "azure_service_bus" => return Some(Service::ServiceBus),
                "azure_file_share" | "azure_fileshare" => return Some(Service::StorageFile),
                _ => {}
            }
        }
        _ => {}
    }
    connstr::service_of_host(&t)
}

/// The start of the method name of a call that ends a fluent chain spanning several lines
/// (`lc.ReadFrom.Configuration(..)\n  .WriteTo.AzureBlobStorage(..)`): where a reader looks for it.
/// A builder's chain (`ConfidentialClientApplicationBuilder.Create(id)\n .WithTenantId(t)\n
/// .WithClientSecret(s)`) is one construction: it is reported from where the builder starts, and
/// its range still reaches the method.
fn chain_method(call: Node<'_>, src: &str) -> Option<usize> {
    let function = call.child_by_field_name("function")?;
    let name = function
        .child_by_field_name("name")
        .or_else(|| function.child_by_field_name("property"))
        .or_else(|| function.child_by_field_name("attribute"))?;
    if name.start_position().row == call.start_position().row {
        return None;
    }
    let mut root = call;
    while let Some(inner) = root
        .child_by_field_name("function")
        .and_then(|f| f.child_by_field_name("expression").or_else(|| f.child_by_field_name("object")))
        .filter(|r| r.kind() == "invocation_expression" || r.kind() == "call_expression")
    {
        root = inner;
    }
    let builder = root.child_by_field_name("function").is_some_and(|f| {
        let callee = &src[f.byte_range()];
        callee.strip_suffix("Create").map(|c| c.trim_end().trim_end_matches('.').trim_end()).is_some_and(|c| c.ends_with("Builder"))
    });
    (!builder).then(|| name.start_byte())
}

/// The called name without building the whole call shape: `from_connection_string`, `BlobServiceClient`.
fn callee_name(lang: Lang, node: Node<'_>, src: &str) -> String {
    let f = node
        .child_by_field_name("function")
        .or_else(|| node.child_by_field_name("constructor"))
        .or_else(|| node.child_by_field_name("type"))
        .or_else(|| node.child_by_field_name("name").filter(|_| node.kind() == "attribute"));
    match f {
        Some(f) => last_segment(&src[f.byte_range()]),
        // C# target-typed `new(...)`: its type is on the declaration; keep it as a candidate.
        None if lang == Lang::CSharp => "new".into(),
        None => String::new(),
    }
}

impl<'a, 't> Analyzer<'a, 't> {
    /// An analyzer of the file's candidates (strings and pairs are not kept), with no auth-site calls
    /// chosen yet.
    fn new(
        lang: Lang,
        tree: &'t Tree,
        src: &'a str,
        config: ConfigScope<'a>,
        origin: Option<&'a std::path::Path>,
        cand: Candidates<'t>,
    ) -> Self {
        let r = Resolver::new(lang, src, cand.defs, config)
            .with_aliases(lang.import_aliases(&cand.imports))
            .with_calls(tree.root_node(), cand.calls.clone());
        Analyzer {
            lang,
            src,
            config,
            origin,
            r,
            imports: cand.imports,
            calls: Vec::new(),
            call_nodes: cand.calls,
            all_calls: std::cell::OnceCell::new(),
            returned_names: std::cell::OnceCell::new(),
            consumed: HashSet::new(),
            hits: Vec::new(),
            secret_literals: Vec::new(),
        }
    }

    fn all_calls(&self) -> &[CallInfo<'t>] {
        self.all_calls.get_or_init(|| {
            self.call_nodes
                .iter()
                .filter_map(|n| match self.r.shape(*n) {
                    Shape::Call(c) => Some(c),
                    _ => None,
                })
                .collect()
        })
    }

    fn hit(&self, node: Node<'t>, category: Category, service: Service, kind: CredentialKind, source: Source, what: &str) -> Hit {
        // `NAME = (\n "part" "part")`: the secret starts at its first literal, not at the parenthesis.
        let node = if category == Category::Secret && node.kind() == "parenthesized_expression" {
            node.named_child(0).unwrap_or(node)
        } else {
            node
        };
        Hit {
            category,
            service,
            kind,
            span: node.byte_range(),
            source,
            secrets: Vec::new(),
            resource: None,
            operations: Vec::new(),
            roles_note: None,
            exports: Vec::new(),
            what: what.to_owned(),
            endpoint: None,
            anchor: if category == Category::Auth { chain_method(node, self.src) } else { None },
            tentative: false,
        }
    }

    fn class_of(&self, c: &CallInfo<'t>) -> String {
        match c.receiver {
            Some(r) if catalog::is_factory(&c.name) => self.r.canonical(&last_segment(&compact(r, self.src))).to_owned(),
            _ => c.name.clone(),
        }
    }

    // ---- credentials ----------------------------------------------------------------------------

    fn credential_site(&self, i: usize) -> Option<CredentialSite<'t>> {
        let c = self.calls[i].clone();
        let spec = catalog::secret_credential(&c.name)?;
        // ADAL's ClientCredential(clientId, secret) vs MSAL's ClientCredential(cert): two arguments only.
        if c.name == "ClientCredential" && c.args.len() != 2 {
            return None;
        }
        let value = self.secret_arg(&c, &spec).map(|n| self.r.eval(n));
        if let Some(v) = &value
            && v.source == Source::Literal
            && v.full_text().is_some_and(secrets::is_placeholder)
        {
            return None;
        }
        Some(CredentialSite { node: c.node, name: c.name.clone(), kind: spec.kind, service: spec.service, value })
    }

    fn secret_arg(&self, c: &CallInfo<'t>, spec: &SecretCredential) -> Option<Node<'t>> {
        c.keyword(spec.secret_keywords).or_else(|| c.positional().nth(spec.secret_index)).or_else(|| c.positional().last())
    }

    /// Classify an argument: passwordless credential, secret (object or string), or unknown.
    fn classify_cred(&self, arg: Node<'t>, string_is_secret: bool) -> Cred<'t> {
        let r = self.r.eval(arg);
        // A call that reads a setting (`os.getenv("X")`) is a value, not a credential object.
        let object = if r.text.is_none() && r.source == Source::Unknown { self.r.shape(r.node) } else { Shape::Other };
        match object {
            Shape::Call(c) => {
                let name = c.name.as_str();
                if catalog::is_passwordless_credential(name) {
                    return Cred::Passwordless;
                }
                if let Some(spec) = catalog::secret_credential(name) {
                    let value = self.secret_arg(&c, &spec).map(|n| self.r.eval(n)).unwrap_or_else(|| r.clone());
                    return Cred::Secret { kind: spec.kind, service: spec.service, value, credential: Some(c.node) };
                }
                if name.ends_with("Credential") || name.ends_with("TokenProvider") || name == "Uri" || name == "URL" {
                    return Cred::Unknown;
                }
                Cred::Unknown
            }
            Shape::Dict(pairs) => self.dict_secret(&pairs, 0).unwrap_or(Cred::Unknown),
            _ => {
                let hint_kind = r.name_hint.as_deref().and_then(names::secret_name);
                if let Some(t) = r.full_text() {
                    if t.to_ascii_lowercase().contains("sig=") {
                        return Cred::Secret { kind: CredentialKind::SasToken, service: None, value: r.clone(), credential: None };
                    }
                    if t.starts_with("http") || !string_is_secret {
                        return Cred::Unknown;
                    }
                    if secrets::is_placeholder(t) && r.source == Source::Literal {
                        return Cred::Unknown;
                    }
                    let kind = if secrets::looks_like_account_key(t) {
                        CredentialKind::AccountKey
                    } else {
                        hint_kind.map(|h| h.0).unwrap_or(CredentialKind::ApiKey)
                    };
                    return Cred::Secret { kind, service: None, value: r.clone(), credential: None };
                }
                let hint = r.name_hint.as_deref().unwrap_or("");
                if r.text.is_none() && (r.source != Source::Unknown || !hint.is_empty()) {
                    if let Some((kind, service)) = hint_kind {
                        return Cred::Secret { kind, service, value: r.clone(), credential: None };
                    }
                    if string_is_secret
                        && r.source != Source::Unknown
                        && !names::names_endpoint(hint)
                        && !names::normalize(hint).contains("cred")
                    {
                        return Cred::Secret { kind: CredentialKind::ApiKey, service: None, value: r.clone(), credential: None };
                    }
                }
                Cred::Unknown
            }
        }
    }

    /// `{ key }`, `{ masterKey }`, `{ auth: { clientSecret } }`, `{"account_key": k}`: a secret inside a literal object.
    fn dict_secret(&self, pairs: &[(String, Node<'t>)], depth: usize) -> Option<Cred<'t>> {
        for (key, value) in pairs {
            let k = names::normalize(key);
            if matches!(k.as_str(), "aadcredentials" | "credential" | "credentials" | "azureadtokenprovider" | "tokencredential")
                && let Cred::Passwordless = self.classify_cred(*value, false)
            {
                return Some(Cred::Passwordless);
            }
        }
        for (key, value) in pairs {
            let k = names::normalize(key);
            let kind = match k.as_str() {
                "key" | "accountkey" | "masterkey" | "primarykey" => CredentialKind::AccountKey,
                "apikey" | "subscriptionkey" => CredentialKind::ApiKey,
                "clientsecret" | "secret" => CredentialKind::ClientSecret,
                // node-redis 2/3 `auth_pass`.
                "password" | "pwd" | "passwd" | "authpass" => CredentialKind::Password,
                "sastoken" | "sas" => CredentialKind::SasToken,
                _ => {
                    if depth < 3 {
                        let inner = self.r.eval(*value);
                        if let Shape::Dict(p) = self.r.shape(inner.node)
                            && let Some(c) = self.dict_secret(&p, depth + 1)
                        {
                            return Some(c);
                        }
                    }
                    continue;
                }
            };
            let v = self.r.eval(*value);
            if v.source == Source::Literal && v.full_text().is_none_or(secrets::is_placeholder) {
                continue;
            }
            if self.is_token_source(&v) {
                return Some(Cred::Passwordless);
            }
            return Some(Cred::Secret { kind, service: None, value: v, credential: None });
        }
        None
    }

    /// A password that is really a token: `cred.get_token(...).token`, `async () => (await cred.getToken(scope)).token`.
    fn is_token_source(&self, v: &Resolved<'t>) -> bool {
        let t = compact(v.node, self.src).to_ascii_lowercase();
        // A name that says token (`password=token`, `access_token.token`, `aadToken`).
        let name = t.rsplit('.').next().unwrap_or("");
        let named_token = name.ends_with("token") && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        named_token
            || t.contains("get_token")
            || t.contains("gettoken")
            || t.contains("=>")
            || t.contains("lambda")
            || t.contains("token_provider")
            || t.contains("tokenprovider")
            || t.contains("accesstoken")
    }

    // ---- auth sites -----------------------------------------------------------------------------

    fn auth_site(&mut self, i: usize) {
        let c = self.calls[i].clone();
        let class = self.class_of(&c);
        let norm = names::normalize(&c.name);
        if matches!(norm.as_str(), "fromconnectionstring" | "createfromconnectionstring")
            || class == "CloudStorageAccount" && matches!(c.name.as_str(), "Parse" | "TryParse")
        {
            return self.connection_string_factory(i, &class);
        }
        if let Some(service) = catalog::registration_service(&c.name) {
            return self.registration(i, service);
        }
        if !catalog::is_catalogued_call(&c.name)
            && let Some(service) = catalog::framework_integration(&c.name)
        {
            return self.framework_integration(i, service);
        }
        if let Some(service) = catalog::kernel_memory_service(&c.name).filter(|_| self.imports.contains("Microsoft.KernelMemory")) {
            return self.kernel_memory(i, service);
        }
        if matches!(c.name.as_str(), "ConfigurationBotFrameworkAuthentication" | "CosmosDbPartitionedStorage") {
            return self.bot_framework(i);
        }
        // Entity Framework 6: a `DbContext` subclass built with the connection string itself
        // (`new DealerContext(ConfigurationManager.ConnectionStrings["DealerDb"].ConnectionString)`) opens
        // the database with the password in it.
        if self.lang == Lang::CSharp && c.is_new && c.name.ends_with("Context") && c.args.len() == 1 {
            let v = self.r.eval(c.args[0].value);
            if let Some(t) = v.text.as_deref()
                && matches!(v.source, Source::Config(_) | Source::Env(_))
            {
                let info = connstr::classify(t);
                let password = connstr::find_secrets(t).iter().any(|h| h.kind == CredentialKind::Password);
                if let Some(service) = info.service.filter(|s| matches!(s, Service::Sql | Service::Postgresql | Service::Mysql))
                    && password
                    && !info.passwordless
                {
                    return self.push_conn(i, service, v, info, &c.name);
                }
            }
        }
        if let Some((_, service, at)) = catalog::OPTIONS_CONNECTION_STRING.iter().find(|(n, _, _)| *n == c.name) {
            let options = c.positional().nth(*at).map(|o| self.r.shape(self.r.eval(o).node));
            if let Some(Shape::Dict(pairs)) = options
                && let Some((_, cs)) = pairs.iter().find(|(k, _)| k == "connectionString")
            {
                let v = self.r.eval(*cs);
                let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
                if !(info.emulator || info.passwordless) {
                    self.push_conn(i, *service, v, info, &c.name);
                }
            }
            return;
        }
        // .NET Aspire: `builder.AddAzureServiceBusClient("messaging")` connects with `ConnectionStrings:messaging`.
        if self.lang == Lang::CSharp
            && let Some((service, client_type)) = catalog::aspire_client_integration(&c.name)
            && let Some(Shape::Str(name)) = c.positional().next().map(|a| self.r.shape(a))
            && !name.contains(['=', ';'])
        {
            return self.aspire_client(i, service, client_type, &name);
        }
        // Umbraco's `AddAzureBlobMediaFileSystem()`: the connection string is at a fixed config key.
        if let Some((key, service)) = catalog::implicit_config_registration(&c.name) {
            if let Some(value) = self.r.config_value(key) {
                let info = connstr::classify(&value);
                if !info.emulator && !connstr::find_secrets(&value).is_empty() {
                    let mut hit =
                        self.hit(c.node, Category::Auth, service, CredentialKind::ConnectionString, Source::Config(key.into()), &c.name);
                    hit.anchor = Self::method_name_start(c.node);
                    hit.resource = info.resource.clone();
                    hit.endpoint = endpoint_for(service, &value, &info);
                    hit.roles_note = Some("the media file system reads, writes and deletes blobs: Storage Blob Data Contributor".into());
                    hit.operations = vec!["upload".into(), "delete".into()];
                    self.hits.push(hit);
                }
            }
            return;
        }
        // SQLAlchemy's `engine_from_config(settings, "sqlalchemy.")` (Pyramid, Alembic): the URL is the
        // settings file's `sqlalchemy.url`.
        if self.lang == Lang::Python && matches!(c.name.as_str(), "engine_from_config" | "async_engine_from_config") {
            return self.engine_from_config(i);
        }
        // Prisma: the engine opens the database its schema names, from an environment variable.
        if c.is_new && c.name == "PrismaClient" && self.imports.contains("@prisma/client") {
            return self.prisma_client(i);
        }
        // The Vercel AI SDK's Azure OpenAI provider: `createAzure({ resourceName, apiKey })`.
        if c.name == "createAzure" && self.imports.contains("@ai-sdk/azure") {
            return self.openai(i);
        }
        if let Some(direction) = functions::generic_direction(self.lang, &c.callee, &c.name, &self.imports) {
            // `input.generic({ type: 'signalRConnectionInfo', ... })`, `generic_input_binding(type=...)`.
            let ty = c.keyword(&["type"]).or_else(|| {
                c.positional().find_map(|arg| match self.r.shape(self.r.eval(arg).node) {
                    Shape::Dict(pairs) => pairs.into_iter().find(|(k, _)| k == "type").map(|(_, v)| v),
                    _ => None,
                })
            });
            if let Some(binding) = ty.and_then(|t| self.r.eval(t).text).and_then(|t| functions::generic_binding(&t, direction)) {
                return self.functions_binding(i, binding);
            }
            return;
        }
        if let Some(mut binding) = functions::binding(self.lang, &c.callee, &c.name, &self.imports) {
            // The in-process `[Blob("path", FileAccess.Write)]` writes: an output binding.
            if binding.family == functions::Family::Blob
                && binding.direction == functions::Direction::Input
                && c.positional().any(|a| matches!(compact(a, self.src).as_str(), "FileAccess.Write" | "FileAccess.ReadWrite"))
            {
                binding.direction = functions::Direction::Output;
            }
            return self.functions_binding(i, binding);
        }
        // Serilog's Azure Storage sinks: `.WriteTo.AzureBlobStorage(connectionString: cs, ...)`.
        if self.lang == Lang::CSharp && matches!(c.name.as_str(), "AzureBlobStorage" | "AzureTableStorage") && c.callee.contains("WriteTo.")
        {
            let service = if c.name == "AzureBlobStorage" { Service::StorageBlob } else { Service::StorageTable };
            if let Some(cs) = c.keyword(&["connectionString"]).or_else(|| c.positional().next()) {
                let v = self.r.eval(cs);
                let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
                let keyed = v.full_text().is_some_and(|t| !connstr::find_secrets(t).is_empty())
                    || matches!(v.source, Source::Config(_) | Source::Env(_));
                if keyed && !info.passwordless && !(info.emulator && v.source == Source::Literal) {
                    self.push_conn(i, service, v, info, &c.name);
                }
            }
            return;
        }
        // Message-bus frameworks over Service Bus take the connection string themselves: MassTransit's
        // `cfg.Host(cs)` inside `UsingAzureServiceBus(...)`, NServiceBus's `new AzureServiceBusTransport(cs)`.
        if self.lang == Lang::CSharp
            && (c.name == "Host" && self.inside_call_named(c.node, "UsingAzureServiceBus")
                || c.is_new && c.name == "AzureServiceBusTransport")
        {
            return self.registration(i, Service::ServiceBus);
        }
        if self.loopback_datasource(&c) {
            return self.driver(i, Service::Unknown);
        }
        if let Some(service) = catalog::driver_service(&c.callee, &c.name, c.is_new, &self.imports) {
            return self.driver(i, service);
        }
        if matches!(
            c.name.as_str(),
            "createBlobService"
                | "createQueueService"
                | "createTableService"
                | "createFileService"
                | "createServiceBusService"
                | "createBlobServiceWithSas"
                | "createQueueServiceWithSas"
                | "createTableServiceWithSas"
                | "createFileServiceWithSas"
        ) {
            return self.legacy_node_factory(i);
        }
        if matches!(c.name.as_str(), "FromSubscription" | "fromSubscription") && class == "SpeechConfig" {
            let key = c.positional().next();
            return self.push_cred_site(
                i,
                Service::AiServices,
                key.map(|k| self.classify_cred(k, true)).unwrap_or(Cred::Unknown),
                "SpeechConfig.FromSubscription",
            );
        }
        if c.name == "AzureServiceTokenProvider" {
            if let Some(arg) = c.positional().next() {
                let v = self.r.eval(arg);
                if v.text.as_deref().is_some_and(|t| t.contains("AppKey=")) {
                    let cred =
                        Cred::Secret { kind: CredentialKind::ClientSecret, service: Some(Service::EntraId), value: v, credential: None };
                    return self.push_cred_site(i, Service::EntraId, cred, "AzureServiceTokenProvider");
                }
            }
            return;
        }
        // App Configuration providers: Python `load(connection_string=...)`, JS `load(connectionString)`.
        if c.name == "load" && names::normalize(&self.imports).contains("appconfiguration") {
            let cs = c.keyword(&["connection_string"]).or_else(|| c.positional().next());
            if let Some(cs) = cs {
                let v = self.r.eval(cs);
                let hint = v.name_hint.clone().unwrap_or_default();
                let is_cs = v.text.as_deref().is_some_and(|t| t.contains("Secret=")) || names::names_connection_string(&hint);
                if is_cs && !v.text.as_deref().is_some_and(|t| t.starts_with("http")) {
                    let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
                    self.push_conn(i, Service::AppConfiguration, v, info, "load");
                    if let Some(h) = self.hits.last_mut() {
                        h.operations = vec!["load".into()];
                        h.roles_note = None;
                    }
                    return;
                }
            }
            return;
        }
        // A SAS URL handed to a factory: `ContainerClient.from_container_url(url_with_sas)`.
        if matches!(
            norm.as_str(),
            "frombloburl" | "fromcontainerurl" | "fromqueueurl" | "fromtableurl" | "fromshareurl" | "fromfileurl" | "fromdirectoryurl"
        ) {
            if let Some(service) = catalog::client_service(&class, &self.imports)
                && let Some(url) = c.positional().next()
            {
                if c.keyword(&["credential"]).is_some_and(|k| matches!(self.classify_cred(k, false), Cred::Passwordless)) {
                    return;
                }
                let v = self.r.eval(url);
                // `f"{url}/{name}?{cfg['sas']}"`: a query string from a setting named for a SAS counts.
                let sas = v.text.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("sig="))
                        // A name says so only when the value is not known (a known unsigned URL has no SAS).
                        || v.text.as_deref().is_none_or(|t| t.contains(HOLE))
                            && v.name_hint.as_deref().and_then(names::secret_name).is_some_and(|(k, _)| k == CredentialKind::SasToken)
                        || self.holds_sas(&v)
                        // `from_container_url(settings.vendor_drop_url)`: the field's value in the app's config
                        // (a deployed value with a signature outweighs a local Azurite URL).
                        || v.text.is_none()
                            && v.name_hint.as_deref().is_some_and(|h| {
                                self.config.values_by_leaf(h).iter().any(|t| t.to_ascii_lowercase().contains("sig="))
                            });
                if sas {
                    let what = format!("{class}.{}", c.name);
                    let cred = Cred::Secret { kind: CredentialKind::SasToken, service: None, value: v, credential: None };
                    return self.push_cred_site(i, service, cred, &what);
                }
            }
            return;
        }
        if c.name == "ConfidentialClientApplication" {
            let cred = match c.keyword(&["client_credential"]) {
                Some(v) => match self.r.shape(self.r.eval(v).node) {
                    Shape::Dict(_) => Cred::Unknown,
                    _ => self.classify_cred(v, true),
                },
                None => c.positional().next().map(|a| self.classify_cred(a, true)).unwrap_or(Cred::Unknown),
            };
            return self.push_cred_site(i, Service::EntraId, cred, "ConfidentialClientApplication");
        }
        if let Some(service) = catalog::key_signed_sas_service(&c.name, &self.imports) {
            return self.key_signed_sas(i, service);
        }
        if matches!(c.name.as_str(), "OpenAI" | "AsyncOpenAI") {
            // The plain OpenAI client pointed at Azure (the v1 API: `base_url=".../openai/v1/"`): Python
            // keyword or JS `{ baseURL }`, a literal URL or a setting named for Azure.
            let mut base = c.keyword(&["base_url"]);
            if let Some(first) = c.positional().next().filter(|_| self.lang != Lang::Python)
                && let Shape::Dict(pairs) = self.r.shape(self.r.eval(first).node)
            {
                base = pairs.into_iter().find(|(k, _)| names::normalize(k) == "baseurl").map(|(_, v)| v).or(base);
            }
            let azure = base.map(|b| self.r.eval(b)).is_some_and(|b| {
                let named = match &b.source {
                    Source::Env(n) | Source::Config(n) => n.to_ascii_lowercase().contains("azure"),
                    _ => false,
                };
                named || b.text.is_some_and(|t| t.contains(".azure.com") || t.contains(".azure.us") || t.contains(".azure.cn"))
            });
            if azure {
                return self.openai(i);
            }
            return;
        }
        let Some(service) = catalog::client_service(&class, &self.imports) else {
            return self.unknown_azure_client(i, &class);
        };
        // Python constructs by calling the class; JS REST clients are factory functions (`DocumentIntelligence(ep, { key })`).
        let module_receiver = c.receiver.is_none_or(|r| {
            let t = compact(r, self.src);
            self.lang == Lang::Python && t.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == '.' || ch.is_ascii_digit())
        });
        // (`createImageAnalysisClient(ep, credential)`, the default export of `@azure-rest/ai-vision-image-analysis`.)
        let factory_named = starts_upper(&c.name) || c.name.starts_with("create") && c.name.ends_with("Client");
        let constructs = c.is_new || class == c.name && factory_named && module_receiver && self.lang != Lang::CSharp;
        if !constructs {
            return;
        }
        if catalog::is_openai_wrapper(&class) {
            return self.openai(i);
        }
        self.client_constructor(i, service);
    }

    /// Python storage `generate_*_sas(..., account_key=key)`: the account key signs a SAS although no
    /// client holds it. Blob and Data Lake SAS can be signed with a user delegation key instead.
    fn key_signed_sas(&mut self, i: usize, service: Service) {
        let c = self.calls[i].clone();
        // `generate_account_sas(account_name, account_key, ...)` takes the key second.
        let key = c.keyword(&["account_key"]).or_else(|| if c.name == "generate_account_sas" { c.positional().nth(1) } else { None });
        let Some(key) = key else { return };
        let cred = match self.classify_cred(key, true) {
            Cred::Secret { value, credential, .. } => Cred::Secret { kind: CredentialKind::AccountKey, service: None, value, credential },
            _ => return,
        };
        self.push_cred_site(i, service, cred, &c.name);
        let Some(hit) = self.hits.last_mut() else { return };
        sas_signing_usage(hit, service);
    }

    /// The service of the SAS a shared-key credential signs, when this file hands it to a signer:
    /// JS `generateBlobSASQueryParameters(options, sharedKeyCredential)`, .NET
    /// `new BlobSasBuilder { ... }.ToSasQueryParameters(sharedKeyCredential)`.
    fn sas_signer_taking(&self, cred: Node<'t>) -> Option<Service> {
        // Bound to a name and passed on, or built inline as the signer's argument.
        let var = match self.binding(cred) {
            Binding::Var(var, _) => Some(strip_self(&var).to_owned()),
            _ => None,
        };
        let given = |a: &crate::lang::Arg<'t>| match &var {
            Some(v) => strip_self(&compact(a.value, self.src)) == v,
            None => a.value.id() == cred.id(),
        };
        self.all_calls().iter().find_map(|c| {
            if !c.args.iter().any(given) {
                return None;
            }
            let signer = match c.name.as_str() {
                "ToSasQueryParameters" => match self.r.shape(self.r.eval(c.receiver?).node) {
                    Shape::Call(builder) => builder.name,
                    _ => return None,
                },
                name => name.to_owned(),
            };
            match signer.as_str() {
                "generateBlobSASQueryParameters" | "BlobSasBuilder" => Some(Service::StorageBlob),
                "generateDataLakeSASQueryParameters" | "DataLakeSasBuilder" => Some(Service::StorageDatalake),
                "generateQueueSASQueryParameters" | "QueueSasBuilder" => Some(Service::StorageQueue),
                "generateFileSASQueryParameters" | "ShareSasBuilder" => Some(Service::StorageFile),
                "generateTableSas" | "TableSasBuilder" => Some(Service::StorageTable),
                "generateAccountSASQueryParameters" | "AccountSasBuilder" => Some(Service::Storage),
                _ => None,
            }
        })
    }

    fn push_cred_site(&mut self, i: usize, service: Service, cred: Cred<'t>, what: &str) {
        let Cred::Secret { kind, value, credential, service: cred_service } = cred else {
            return;
        };
        if let Some(n) = credential {
            self.consumed.insert(n.id());
        }
        let node = self.calls[i].node;
        let service = if service == Service::Unknown { cred_service.unwrap_or(Service::Unknown) } else { service };
        self.remember_literals(&value, kind, service, None);
        let mut hit = self.hit(node, Category::Auth, service, kind, value.source.clone(), what);
        // A credential built just above its client (`credential = ClientSecretCredential(...)`, then
        // `SecretClient(url, credential)`) is where the secret goes in: the finding starts there and
        // reaches the client (whose call the fix rewrites). One built far away stays apart.
        if let Some(n) = credential
            && n.end_byte() <= node.start_byte()
            && node.start_position().row - n.start_position().row <= CREDENTIAL_REACH_LINES
        {
            hit.anchor = Some(n.start_byte());
        }
        self.usage_into(&mut hit, node);
        self.hits.push(hit);
    }

    fn connection_string_factory(&mut self, i: usize, class: &str) {
        let c = self.calls[i].clone();
        let Some(arg) = c.keyword(&["conn_str", "connection_string", "connectionString", "conn_string"]).or(c.positional().next()) else {
            return;
        };
        let v = self.r.eval(arg);
        let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
        if info.passwordless || info.emulator && v.source == Source::Literal {
            return;
        }
        if v.source == Source::Literal && v.full_text().is_some_and(|t| secrets::is_placeholder(t) || !t.contains('=')) {
            return;
        }
        let service = catalog::client_service(class, &self.imports)
            .or(info.service)
            .or_else(|| self.imports.to_ascii_lowercase().contains("azure").then_some(Service::Unknown));
        let Some(mut service) = service else { return };
        // `CloudStorageAccount.Parse(cs)` then `account.CreateCloudBlobClient()`: the one client the
        // file makes from the account names the sub-service (and so the data roles).
        if class == "CloudStorageAccount" {
            service = catalog::legacy_account_clients(self.src).unwrap_or(service);
        }
        let what = format!("{}.{}", class, c.name);
        self.push_conn(i, service, v, info, &what);
    }

    /// `"name=IntranetDb"`: Entity Framework's reference to a connection string in the config files
    /// (web.config `<connectionStrings>`, appsettings.json `ConnectionStrings`), read as that setting.
    fn named_connection(&self, v: &Resolved<'t>) -> Option<Resolved<'t>> {
        let t = v.full_text()?.trim();
        let name = t.get(..5).filter(|p| p.eq_ignore_ascii_case("name="))?;
        let name = t[name.len()..].trim();
        if name.is_empty() || name.contains(['=', ';']) {
            return None;
        }
        let key = if name.contains(':') { name.to_owned() } else { format!("ConnectionStrings:{name}") };
        let text = self.config_text(&key);
        Some(Resolved {
            text_from_config: text.is_some(),
            text,
            source: Source::Config(key),
            node: v.node,
            literals: Vec::new(),
            name_hint: Some(name.to_owned()),
        })
    }

    /// pandas / fsspec readers and writers given `storage_options` with an account key, SAS token or
    /// connection string (`pd.read_csv("abfs://…", storage_options={"account_key": key})`): the call
    /// authenticates to the storage account through adlfs.
    fn fsspec_sites(&mut self, pairs: &[(Node<'t>, Node<'t>)]) {
        for (key, value) in pairs {
            if self.r.text(*key) != "storage_options" {
                continue;
            }
            let Shape::Dict(options) = self.r.shape(self.r.eval(*value).node) else { continue };
            let cred = options.iter().find_map(|(k, v)| {
                let kind = match k.as_str() {
                    "account_key" => CredentialKind::AccountKey,
                    "sas_token" => CredentialKind::SasToken,
                    "connection_string" => CredentialKind::ConnectionString,
                    "client_secret" => CredentialKind::ClientSecret,
                    _ => return None,
                };
                Some((kind, self.r.eval(*v)))
            });
            let Some((kind, v)) = cred else { continue };
            if v.source == Source::Literal && v.full_text().is_none_or(|t| t.trim().is_empty() || secrets::is_placeholder(t)) {
                continue;
            }
            let Some(call) = key.parent().and_then(|a| a.parent()).and_then(|l| l.parent()).filter(|n| n.kind() == "call") else {
                continue;
            };
            // `abfs://` paths and the fsspec default are Data Lake; object_store's `az://` (Polars, Delta
            // Lake) is Blob storage.
            // The path may be a name bound to it (`target = f"az://exports/{name}.csv"`).
            let path = match self.r.shape(call) {
                Shape::Call(c) => c.positional().next().map(|p| {
                    let bound = self.r.eval(p).node;
                    format!("{} {}", &self.src[p.byte_range()], &self.src[bound.byte_range()]).to_ascii_lowercase()
                }),
                _ => None,
            };
            let service = if path.is_some_and(|p| p.contains("az://") && !p.contains(".dfs.")) {
                Service::StorageBlob
            } else {
                Service::StorageDatalake
            };
            self.remember_literals(&v, kind, service, None);
            let mut hit = self.hit(call, Category::Auth, service, kind, v.source.clone(), "storage_options");
            // The reader or writer says which: `pd.read_parquet`, `pl.scan_delta`, `DeltaTable(...)` read;
            // `df.to_parquet`, `write_deltalake` write.
            let verb = match self.r.shape(call) {
                Shape::Call(c) => c.name,
                _ => String::new(),
            };
            if verb.starts_with("to_") || verb.starts_with("write_") || verb.starts_with("sink_") {
                hit.operations = vec!["upload_data".into()];
            } else if verb.starts_with("read_") || verb.starts_with("scan_") || verb == "DeltaTable" {
                hit.operations = vec![if service == Service::StorageBlob { "download_blob" } else { "download_file" }.into()];
            } else {
                hit.roles_note = Some(
                    "fsspec reads and writes through the filesystem: Storage Blob Data Reader or Contributor, as the code needs".into(),
                );
            }
            self.hits.push(hit);
        }
    }

    /// Spark and Databricks jobs sign in to storage through the Hadoop ABFS / WASB settings:
    /// `spark.conf.set("fs.azure.account.key.<account>.dfs.core.windows.net", key)`, a container's or a
    /// fixed SAS (`fs.azure.sas.…`), a service principal's secret (`fs.azure.account.oauth2.client.secret.…`);
    /// also as `extra_configs` entries of `dbutils.fs.mount`. The setting's name says the endpoint.
    fn spark_conf_sites(&mut self, strings: &[Node<'t>]) {
        for s in strings {
            let raw = &self.src[s.byte_range()];
            if !raw.contains("fs.azure.") {
                continue;
            }
            let name = raw.to_ascii_lowercase();
            let (kind, service) = if name.contains("fs.azure.account.key.") {
                (CredentialKind::AccountKey, storage_endpoint_service(&name))
            } else if name.contains("fs.azure.sas.") && !name.contains("provider") {
                (CredentialKind::SasToken, storage_endpoint_service(&name))
            } else if name.contains("fs.azure.account.oauth2.client.secret") {
                (CredentialKind::ClientSecret, Service::EntraId)
            } else {
                continue;
            };
            // The setting's value: the next argument of `conf.set(name, value)`, or the entry's value.
            let Some(holder) = s.parent() else { continue };
            let (site, value) = match holder.kind() {
                "argument_list" => {
                    let call = holder.parent().filter(|c| matches!(self.r.shape(*c), Shape::Call(ref c) if c.name == "set"));
                    let mut next = s.next_named_sibling();
                    while next.is_some_and(|n| n.kind() == "comment") {
                        next = next.and_then(|n| n.next_named_sibling());
                    }
                    (call, next)
                }
                "pair" if holder.child_by_field_name("key").is_some_and(|k| k.id() == s.id()) => {
                    (Some(holder), holder.child_by_field_name("value"))
                }
                _ => continue,
            };
            let (Some(site), Some(value)) = (site, value) else { continue };
            let v = self.r.eval(value);
            if v.source == Source::Literal && v.full_text().is_none_or(|t| t.trim().is_empty() || secrets::is_placeholder(t)) {
                continue;
            }
            self.remember_literals_for(&v, kind, service, None, service != Service::Storage);
            let mut hit = self.hit(site, Category::Auth, service, kind, v.source.clone(), "Spark storage setting");
            hit.roles_note = Some(if kind == CredentialKind::ClientSecret {
                "the service principal's roles on the storage account carry over to the cluster's managed identity".into()
            } else {
                "Spark reads and writes through the account: Storage Blob Data Reader or Contributor, as the jobs need".into()
            });
            self.hits.push(hit);
        }
    }

    /// Kafka clients on Event Hubs' Kafka endpoint sign in with SASL PLAIN, user name
    /// `$ConnectionString` and the namespace's connection string as the password (kafkajs,
    /// aiokafka, confluent-kafka, Confluent.Kafka). The client call around the user name is the
    /// auth site; the password beside it is the source.
    fn kafka_sites(&mut self, strings: &[Node<'t>]) {
        for s in strings {
            // Every string of the file comes here: look at its bytes before building its text.
            if !self.src[s.byte_range()].contains("$ConnectionString")
                || !matches!(self.r.shape(*s), Shape::Str(ref t) if t == "$ConnectionString")
            {
                continue;
            }
            // The options object or argument list holding the user name, and the call it belongs to.
            let mut site = None;
            let mut holder = None;
            let mut p = s.parent();
            for _ in 0..8 {
                let Some(n) = p else { break };
                let holds = matches!(self.r.shape(n), Shape::Dict(_)) || n.kind().contains("argument_list") || n.kind() == "arguments";
                if holds && holder.is_none() {
                    holder = Some(n);
                }
                // (Faust's `broker_credentials=faust.SASLCredentials(...)` belongs to the `faust.App(...)` around it.)
                let call_kind = matches!(
                    n.kind(),
                    "call" | "call_expression" | "new_expression" | "object_creation_expression" | "invocation_expression"
                );
                if call_kind && !matches!(self.r.shape(n), Shape::Call(ref c) if c.name == "SASLCredentials") {
                    site = Some(n);
                    break;
                }
                p = n.parent();
            }
            // A config object assigned to a name (`conf = {...}`) is used where a Kafka client is given
            // that name (`Consumer(conf)`); one no client uses (`KAFKA_CONFIG = {...}`) is not a site: its secret is.
            let site = site.or_else(|| holder.and_then(|h| self.kafka_client_given(h)));
            let Some(site) = site else { continue };
            let holder = holder.unwrap_or(site);
            let source = self.kafka_password(holder).map(|v| v.source).unwrap_or(Source::Unknown);
            let mut hit =
                self.hit(site, Category::Auth, Service::EventHubs, CredentialKind::ConnectionString, source, "Kafka client (Event Hubs)");
            // The client's type says which way it goes (`KafkaProducer`, `AIOKafkaConsumer`,
            // `new ProducerBuilder<…>`); a Faust app's agents consume and produce.
            let callee = self.src[site.child_by_field_name("function").or(site.child_by_field_name("type")).unwrap_or(site).byte_range()]
                .to_ascii_lowercase();
            let (produces, consumes) = (callee.contains("producer"), callee.contains("consumer"));
            if produces || consumes {
                hit.operations.extend(produces.then(|| "send_batch".to_owned()));
                hit.operations.extend(consumes.then(|| "receive".to_owned()));
            } else if callee == "faust.app" || callee == "app" && self.imports.contains("faust") {
                hit.operations = vec!["send_batch".into(), "receive".into()];
            } else if self.src.contains(".producer(") || self.src.contains(".consumer(") {
                // kafkajs: `kafka.producer()`, `kafka.consumer({ groupId })` on the client.
                hit.operations.extend(self.src.contains(".producer(").then(|| "send_batch".to_owned()));
                hit.operations.extend(self.src.contains(".consumer(").then(|| "receive".to_owned()));
            } else {
                hit.roles_note = Some("Kafka producers need Azure Event Hubs Data Sender, consumers Data Receiver".into());
            }
            self.hits.push(hit);
        }
    }

    /// The Kafka client call (`Consumer(conf)`, `new Kafka(config)`) given the options object `holder`
    /// by the name it is assigned to, after it in the file.
    fn kafka_client_given(&self, holder: Node<'t>) -> Option<Node<'t>> {
        let Binding::Var(name, _) = self.binding(holder) else { return None };
        self.call_nodes.iter().copied().find(|&call| {
            call.start_byte() > holder.end_byte()
                && matches!(self.r.shape(call), Shape::Call(ref c)
                    if ["consumer", "producer", "kafka", "admin"].iter().any(|w| c.name.to_ascii_lowercase().contains(w))
                        && c.positional().any(|a| compact(a, self.src) == name))
        })
    }

    /// The password entry (`password`, `sasl_plain_password`, `"sasl.password"`, `SaslPassword`) in
    /// the options that hold a Kafka user name, resolved.
    fn kafka_password(&self, holder: Node<'t>) -> Option<Resolved<'t>> {
        let is_password = |k: &str| matches!(names::normalize(k).as_str(), "password" | "saslplainpassword" | "saslpassword");
        if let Shape::Dict(pairs) = self.r.shape(holder) {
            return pairs.into_iter().find(|(k, _)| is_password(k)).map(|(_, v)| self.r.eval(v));
        }
        // Keyword arguments (aiokafka) or a C# initializer (`SaslPassword = cs`).
        let mut c = holder.walk();
        let children: Vec<Node<'t>> = holder.named_children(&mut c).collect();
        children.into_iter().find_map(|arg| {
            let key = arg.child_by_field_name("name").or_else(|| arg.child_by_field_name("left"))?;
            let value = arg.child_by_field_name("value").or_else(|| arg.child_by_field_name("right"))?;
            is_password(&self.src[key.byte_range()]).then(|| self.r.eval(value))
        })
    }

    /// EF6 `public IntranetContext() : base("name=IntranetDb")`: the context opens the named
    /// connection string; with a SQL login in it, the constructor is the auth site.
    /// The name a keyword argument gives its value: the keyword, except for a command-line option's
    /// default, which takes the option's name (`add_argument("--key", default="...")`,
    /// `click.option("--sas-token", default=...)`, `typer.Option("...", "--api-key")`).
    fn option_name(&self, key: Node<'t>, value: Node<'t>) -> String {
        let k = self.key_text(key);
        // A config schema's default takes the name of its entry: convict's `password: { default: '…',
        // env: 'DB_PASSWORD' }`, envalid's `SQL_PASSWORD: str({ devDefault: '…' })`.
        if matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) && matches!(k.as_str(), "default" | "devDefault") {
            let object = value.parent().and_then(|pair| pair.parent());
            // convict's `env: 'REDIS_KEY'` beside the default names the setting best (`key` alone does not).
            if let Some(Shape::Dict(pairs)) = object.map(|o| self.r.shape(o))
                && let Some(Shape::Str(env)) = pairs.iter().find(|(k, _)| k == "env").map(|(_, v)| self.r.shape(*v))
            {
                return env;
            }
            let mut entry = object.and_then(|object| object.parent());
            // envalid: the object is the validator call's argument.
            if let Some(args) = entry.filter(|n| n.kind() == "arguments") {
                entry = args.parent().filter(|call| call.kind() == "call_expression").and_then(|call| call.parent());
            }
            return match entry.filter(|n| n.kind() == "pair").and_then(|pair| pair.child_by_field_name("key")) {
                Some(outer) => self.key_text(outer),
                None => k,
            };
        }
        if k != "default" || self.lang != Lang::Python {
            return k;
        }
        let call = value.parent().and_then(|kw| kw.parent()).and_then(|args| args.parent());
        let Some(Shape::Call(c)) = call.map(|n| self.r.shape(n)) else { return k };
        self.r.option_dest(&c, 0).unwrap_or(k)
    }

    /// A REST call to an Azure AI service that sends its key as a header: C#
    /// `client.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", key)`, a headers dict or object
    /// (`{"Ocp-Apim-Subscription-Key": key}`). Event Grid's `aeg-sas-key` header likewise.
    fn header_key_sites(&mut self, strings: &[Node<'t>]) {
        for s in strings {
            let text = &self.src[s.byte_range()];
            let lower = text.to_ascii_lowercase();
            let service = if text.len() < 40 && lower.contains("ocp-apim-subscription-key") {
                Service::AiServices
            } else if text.len() < 20 && lower.contains("aeg-sas-key") {
                Service::EventGrid
            } else if text.len() < 12 && lower.trim_matches(['"', '\'', '`', '@']) == "api-key" {
                // AI Search and Azure OpenAI REST calls send `api-key`; other APIs use the name too, so the
                // service must show in the file (decided below, from the value's setting or the endpoint).
                Service::Unknown
            } else {
                continue;
            };
            // The header's value: the next argument of the call, or the value of the pair.
            let Some(holder) = s.parent() else { continue };
            // The header's name is the pair's key (`{"api_key": "api-key"}` names no header).
            if holder.kind() == "pair" && holder.child_by_field_name("key").is_none_or(|k| k.id() != s.id()) {
                continue;
            }
            let (site, value) = if matches!(holder.kind(), "pair") {
                (holder, holder.child_by_field_name("value"))
            } else {
                let arg = if holder.kind() == "argument" { holder } else { *s };
                let Some(call) = arg.parent().and_then(|l| l.parent()) else { continue };
                let mut next = arg.next_named_sibling();
                let value = next.take().map(|n| {
                    if n.kind() == "argument" { n.named_child(n.named_child_count().saturating_sub(1) as u32).unwrap_or(n) } else { n }
                });
                (call, value)
            };
            let Some(value) = value else { continue };
            let v = self.r.eval(value);
            // A value the file does not show (an SDK's own credential class forwarding its field) is
            // not an app's key.
            if v.source == Source::Unknown || v.source == Source::Literal && v.full_text().is_none_or(secrets::is_placeholder) {
                continue;
            }
            let service = match service {
                Service::Unknown => {
                    let by_name = match &v.source {
                        Source::Env(n) | Source::Config(n) => names::service_of_name(n),
                        _ => v.name_hint.as_deref().and_then(names::service_of_name),
                    };
                    let by_endpoint = if self.src.contains(".search.windows.net") || self.src.contains(".search.azure.") {
                        Some(Service::AiSearch)
                    } else if self.src.contains(".openai.azure.com") {
                        Some(Service::Openai)
                    } else {
                        None
                    };
                    match by_name.filter(|s| matches!(s, Service::AiSearch | Service::Openai)).or(by_endpoint) {
                        Some(s) => s,
                        None => continue,
                    }
                }
                s => s,
            };
            self.remember_literals(&v, CredentialKind::ApiKey, service, None);
            let what = if lower.contains("api-key") { "api-key header" } else { "subscription key header" };
            let mut hit = self.hit(site, Category::Auth, service, CredentialKind::ApiKey, v.source.clone(), what);
            // The REST paths in the file are the operations (`/docs/search`, `/chat/completions`).
            let paths: &[(&str, &str)] = match service {
                Service::AiSearch => &[
                    ("/docs/search", "search"),
                    ("/docs/suggest", "suggest"),
                    ("/docs/autocomplete", "autocomplete"),
                    ("/docs?", "search"),
                    ("/docs/index", "indexdocuments"),
                ],
                Service::Openai => &[("/chat/completions", "create"), ("/embeddings", "create"), ("/completions", "create")],
                _ => &[],
            };
            let mut ops: Vec<String> = paths.iter().filter(|(p, _)| self.src.contains(p)).map(|(_, op)| op.to_string()).collect();
            ops.dedup();
            if !ops.is_empty() {
                hit.operations = ops;
            }
            self.hits.push(hit);
        }
    }

    /// The pre-1.0 `openai` package set up module-wide for Azure (`openai.api_type = "azure"`,
    /// `openai.api_base = "https://….openai.azure.com/"`): every `openai.ChatCompletion.create(...)`
    /// signs in with `openai.api_key`, so its assignment is the auth site.
    fn legacy_openai_module(&mut self) {
        let says = |name: &str, test: &dyn Fn(&str) -> bool| {
            self.r.defs_named(name).iter().any(|d| self.r.eval(d.value).full_text().is_some_and(|t| test(&t.to_ascii_lowercase())))
        };
        let azure = says("openai.api_type", &|t| t.starts_with("azure"))
            || says("openai.api_base", &|t| t.contains(".openai.azure.") || t.contains(".cognitiveservices.azure."));
        if !azure {
            return;
        }
        for d in self.r.defs_named("openai.api_key").to_vec() {
            let v = self.r.eval(d.value);
            if v.source == Source::Unknown || v.source == Source::Literal && v.full_text().is_none_or(secrets::is_placeholder) {
                continue;
            }
            self.remember_literals(&v, CredentialKind::ApiKey, Service::Openai, None);
            let site = d.name_node.parent().unwrap_or(d.name_node);
            let mut hit = self.hit(site, Category::Auth, Service::Openai, CredentialKind::ApiKey, v.source.clone(), "openai.api_key");
            let calls_model = self.all_calls().iter().any(|c| {
                let callee = callee_name(self.lang, c.node, self.src);
                matches!(callee.as_str(), "create" | "acreate") && self.src[c.node.byte_range()].starts_with("openai.")
            });
            if calls_model {
                hit.operations = vec!["create".into()];
            } else {
                hit.roles_note =
                    Some("the module's model calls are in other files: Cognitive Services OpenAI User covers inference".into());
            }
            self.hits.push(hit);
        }
    }

    fn named_context_sites(&mut self, strings: &[Node<'t>]) {
        for s in strings {
            let Some(init) = s.parent().and_then(|a| a.parent()).and_then(|l| l.parent()).filter(|n| n.kind() == "constructor_initializer")
            else {
                continue;
            };
            let Some(v) = self.named_connection(&self.r.eval(*s)) else { continue };
            let Some(t) = v.full_text() else { continue };
            let info = connstr::classify(t);
            let password = connstr::find_secrets(t).iter().any(|h| h.kind == CredentialKind::Password);
            let service = info.service.unwrap_or(Service::Sql);
            if info.passwordless || !password || !matches!(service, Service::Sql | Service::Postgresql | Service::Mysql) {
                continue;
            }
            let mut hit = self.hit(init, Category::Auth, service, CredentialKind::Password, v.source.clone(), "DbContext");
            hit.resource = info.resource.clone();
            hit.roles_note = Some("the context's queries are in other files: grant db_datareader / db_datawriter as they need".into());
            self.hits.push(hit);
        }
    }

    fn push_conn(&mut self, i: usize, service: Service, v: Resolved<'t>, info: connstr::ConnInfo, what: &str) {
        self.push_conn_at(self.calls[i].node, service, v, info, what);
    }

    fn push_conn_at(&mut self, node: Node<'t>, service: Service, v: Resolved<'t>, info: connstr::ConnInfo, what: &str) {
        // A setting named for the local emulator (`E2E_AZURITE`, `COSMOS_EMULATOR_CONNECTION`) holds its
        // published key, whatever its value here.
        if let Source::Env(name) | Source::Config(name) = &v.source
            && ["azurite", "emulator"].iter().any(|w| name.to_ascii_lowercase().contains(w))
        {
            return;
        }
        // The Azure Tables SDK on a Cosmos DB for Table account (`TableEndpoint=https://x.table.cosmos.azure.com`).
        let service = if service == Service::StorageTable && info.service == Some(Service::CosmosDb) { Service::CosmosDb } else { service };
        let kind = if matches!(service, Service::Sql | Service::Postgresql | Service::Mysql | Service::Redis) {
            CredentialKind::Password
        } else {
            CredentialKind::ConnectionString
        };
        self.remember_literals(&v, CredentialKind::ConnectionString, service, info.resource.clone());
        let mut hit = self.hit(node, Category::Auth, service, kind, v.source.clone(), what);
        hit.resource = info.resource.clone();
        hit.endpoint = v.full_text().and_then(|t| endpoint_for(service, t, &info));
        self.usage_into(&mut hit, node);
        self.hits.push(hit);
    }

    /// `engine_from_config(settings, prefix)`: the engine opens `<prefix>url` from the app's settings
    /// files; one that signs in with a password to an Azure database is the auth site's value.
    fn engine_from_config(&mut self, i: usize) {
        let c = self.calls[i].clone();
        let prefix = c
            .keyword(&["prefix"])
            .or_else(|| c.positional().nth(1))
            .and_then(|p| self.r.eval(p).full_text().map(str::to_owned))
            .unwrap_or_else(|| "sqlalchemy.".to_owned());
        let leaf = format!("{prefix}url");
        let found = self.config.values_by_leaf(&leaf).into_iter().find_map(|url| {
            let info = connstr::classify_url(url);
            let host = info.resource.as_deref().unwrap_or("");
            let signs_in = connstr::url_userinfo_password(url) && !info.passwordless && !connstr::is_local_host(host);
            let service = info.service.filter(|s| matches!(s, Service::Sql | Service::Postgresql | Service::Mysql))?;
            signs_in.then_some((service, info))
        });
        let Some((service, info)) = found else { return };
        self.push_password_site(c.node, service, Source::Config(leaf), info.resource, "engine_from_config");
    }

    /// A .NET Aspire client integration whose named connection string (in the service's settings, or
    /// in the AppHost's that fill them) holds a key or a password. Consumers receive the client by
    /// type, so its operations are followed there.
    fn aspire_client(&mut self, i: usize, service: Service, client_type: &str, name: &str) {
        let c = self.calls[i].clone();
        let key = format!("ConnectionStrings:{name}");
        let Some(value) = self.r.config_secret_anywhere(&key) else { return };
        let info = connstr::classify(&value);
        let Some(found) = connstr::find_secrets(&value).into_iter().next() else { return };
        if info.emulator || info.resource.as_deref().is_some_and(connstr::is_local_host) {
            return;
        }
        let kind = match service {
            Service::Sql | Service::Postgresql | Service::Mysql | Service::Redis => CredentialKind::Password,
            Service::AiSearch | Service::Openai => CredentialKind::ApiKey,
            _ => found.kind,
        };
        let kind = if kind == CredentialKind::AccountKey { CredentialKind::ConnectionString } else { kind };
        let mut hit = self.hit(c.node, Category::Auth, service, kind, Source::Config(key), &c.name);
        hit.resource = info.resource.clone();
        hit.endpoint = endpoint_for(service, &value, &info);
        hit.exports = vec![Export::Type(client_type.to_owned())];
        hit.roles_note = Some("the client is registered for dependency injection; its operations are in other files".into());
        self.hits.push(hit);
    }

    /// An auth site that signs in with a database password, with the operations seen on its client.
    fn push_password_site(&mut self, node: Node<'t>, service: Service, source: Source, resource: Option<String>, what: &str) {
        let mut hit = self.hit(node, Category::Auth, service, CredentialKind::Password, source, what);
        hit.resource = resource;
        self.usage_into(&mut hit, node);
        self.hits.push(hit);
    }

    /// `new PrismaClient()`: the schema's datasource URL (`env("DATABASE_URL")`) signs in with the
    /// password it holds, when the app's settings give it one.
    fn prisma_client(&mut self, i: usize) {
        let Some((service, env)) = self.origin.and_then(super::modules::prisma_datasource) else { return };
        let Some(url) = self.r.config_value(&env) else { return };
        let info = connstr::classify(&url);
        let has_password = connstr::find_secrets(&url).iter().any(|h| h.kind == CredentialKind::Password);
        if info.passwordless || !has_password {
            return;
        }
        let node = self.calls[i].node;
        self.push_password_site(node, service, Source::Env(env), info.resource, "PrismaClient");
    }

    /// An Azure Functions binding whose connection setting holds a connection string or key: the
    /// function host authenticates with it. The setting is named by an argument, a property of the
    /// options object (Node.js v4) or, when neither is given, the binding's default setting.
    fn functions_binding(&mut self, i: usize, binding: functions::Binding) {
        let c = self.calls[i].clone();
        let args = binding.setting_args();
        let named = c.keyword(args).or_else(|| {
            c.positional().find_map(|arg| match self.r.shape(self.r.eval(arg).node) {
                Shape::Dict(pairs) => pairs.into_iter().find(|(k, _)| args.iter().any(|a| a.eq_ignore_ascii_case(k))).map(|(_, v)| v),
                _ => None,
            })
        });
        let setting = match named {
            Some(node) => match self.r.eval(node).text {
                Some(name) if !name.contains(HOLE) => name,
                _ => return,
            },
            // The Event Grid output binding always names its key setting.
            None if binding.family == functions::Family::EventGrid => return,
            None => match binding.default_setting() {
                Some(name) => name.to_owned(),
                None => return,
            },
        };
        let Some(keyed) = functions::keyed_connection(binding, &setting, &self.config) else { return };
        let mut hit = self.hit(c.node, Category::Auth, binding.service(), keyed.kind, Source::Config(setting), &c.name);
        hit.resource = keyed.resource;
        hit.endpoint = keyed.endpoint;
        hit.operations = binding.operations();
        self.hits.push(hit);
    }

    /// Bot Framework SDK. `ConfigurationBotFrameworkAuthentication(config)` signs the bot in to Entra ID
    /// with the app registration's password from its configuration (`APP_PASSWORD` of the Python
    /// config object, `MicrosoftAppPassword` elsewhere) unless `MicrosoftAppType` is a managed
    /// identity; `CosmosDbPartitionedStorage` keeps the conversation state with the account key
    /// (`auth_key=` / `authKey` / `AuthKey = …`).
    /// The SQL text a query call is given: the argument itself, or the statement of Dapper's
    /// `new CommandDefinition(sql, parameters, ...)` around it.
    /// Generic method calls the C# grammar reads as comparisons: Dapper's `conn.QueryAsync<(string A,
    /// decimal B)>(sql)` parses as `a < (tuple) > (sql)`, so it is not among the file's calls. Its
    /// method name (and a query's statement) on `var` still count.
    fn misparsed_generic_calls(&self, var: &str, scope: Option<(usize, usize)>) -> Vec<(String, Option<String>)> {
        // The misreading needs a tuple type argument, `<(`.
        if self.lang != Lang::CSharp || !is_identifier(var) || !self.src.contains("<(") {
            return Vec::new();
        }
        let (from, to) = scope.unwrap_or((0, self.src.len()));
        let mut found = Vec::new();
        for (at, _) in self.src[from..to].match_indices(var) {
            let start = from + at;
            let before = self.src[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let Some((name, name_at)) = generic_method_after(self.src, start + var.len()) else { continue };
            // A generic call the grammar did read is among the calls already.
            if self.all_calls().iter().any(|c| c.name == name && c.node.start_byte() <= name_at && name_at < c.node.end_byte()) {
                continue;
            }
            let Some(root) = self.r.root() else { continue };
            let Some(leaf) = root.descendant_for_byte_range(name_at, name_at) else { continue };
            let statement =
                self.r.ancestors(leaf).into_iter().find(|n| n.kind().ends_with("statement") || n.kind().ends_with("declaration"));
            let sql = (crate::roles::is_query_call(name))
                .then(|| statement.and_then(|st| first_string_after(st, name_at)).and_then(|lit| self.statement_text(lit)))
                .flatten();
            found.push((name.to_owned(), sql));
        }
        found
    }

    fn statement_text(&self, arg: Node<'t>) -> Option<String> {
        let v = self.r.eval(arg);
        if v.text.is_some() {
            return v.text;
        }
        match self.r.shape(v.node) {
            // Dapper's `new CommandDefinition(sql, ...)`, SQLAlchemy's `text("INSERT ...")`.
            Shape::Call(c) if c.name == "CommandDefinition" || c.name == "text" => c.positional().next().and_then(|a| self.r.eval(a).text),
            _ => None,
        }
    }

    fn bot_framework(&mut self, i: usize) {
        let c = self.calls[i].clone();
        if c.name == "ConfigurationBotFrameworkAuthentication" {
            // The Python samples' config class names them APP_TYPE / APP_PASSWORD (read from the
            // Microsoft* environment variables); elsewhere the configuration keys are read directly.
            let (app_type, password): (&[&str], &[&str]) = match self.lang {
                Lang::Python => (&["APP_TYPE", "MicrosoftAppType"], &["APP_PASSWORD", "MicrosoftAppPassword"]),
                _ => (&["MicrosoftAppType"], &["MicrosoftAppPassword"]),
            };
            if app_type.iter().filter_map(|k| self.config_text(k)).any(|t| t.eq_ignore_ascii_case("UserAssignedMSI")) {
                return;
            }
            let Some((key, text)) = password.iter().find_map(|k| self.config_text(k).map(|t| (*k, t))) else { return };
            if text.trim().is_empty() || secrets::is_placeholder(&text) {
                return;
            }
            let value = Resolved {
                text: Some(text),
                text_from_config: true,
                // Node.js bots hand over `process.env`.
                source: if matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) {
                    Source::Env(key.into())
                } else {
                    Source::Config(key.into())
                },
                node: c.node,
                literals: Vec::new(),
                name_hint: Some(key.into()),
            };
            let cred = Cred::Secret { kind: CredentialKind::ClientSecret, service: Some(Service::EntraId), value, credential: None };
            self.push_cred_site(i, Service::EntraId, cred, &c.name);
            if let Some(hit) = self.hits.last_mut().filter(|h| h.span == c.node.byte_range()) {
                hit.roles_note = Some(
                    "no Azure role: the bot signs in as itself; make it a user-assigned managed identity bot \
                     (MicrosoftAppType=UserAssignedMSI, MicrosoftAppId = the identity's client id, MicrosoftAppTenantId, no password)"
                        .into(),
                );
            }
            return;
        }
        let Some(options) = c.positional().next() else { return };
        let options = self.r.eval(options).node;
        let key = match self.r.shape(options) {
            Shape::Call(inner) => {
                inner.keyword(&["auth_key"]).or_else(|| inner.initializer.iter().find(|(k, _)| k == "AuthKey").map(|p| p.1))
            }
            // `{ authKey }`, or the newer `{ cosmosClientOptions: { endpoint, key } }`.
            Shape::Dict(pairs) => pairs.iter().find(|(k, _)| k == "authKey").map(|p| p.1).or_else(|| {
                let (_, client_options) = pairs.iter().find(|(k, _)| k == "cosmosClientOptions")?;
                let Shape::Dict(inner) = self.r.shape(self.r.eval(*client_options).node) else { return None };
                inner.iter().find(|(k, _)| k == "key").map(|p| p.1)
            }),
            _ => None,
        };
        if let Some(key) = key {
            let cred = match self.classify_cred(key, true) {
                Cred::Secret { service, value, credential, .. } => {
                    Cred::Secret { kind: CredentialKind::AccountKey, service, value, credential }
                }
                other => other,
            };
            self.push_cred_site(i, Service::CosmosDb, cred, &c.name);
        }
    }

    fn registration(&mut self, i: usize, service: Service) {
        let c = self.calls[i].clone();
        let name = c.name.clone();
        let positional: Vec<Node<'t>> = c.positional().collect();
        match name.as_str() {
            "AddAzureKeyVault" => {
                // (vault, clientId, clientSecret) in the legacy provider; (Uri, TokenCredential) in
                // Azure.Extensions.AspNetCore.Configuration.Secrets.
                let cred_arg = match positional.len() {
                    0 | 1 => None,
                    2 => Some(positional[1]),
                    _ => Some(positional[2]),
                };
                if let Some(arg) = cred_arg {
                    let cred = self.classify_cred(arg, true);
                    let cred = match cred {
                        Cred::Secret { value, credential, .. } => {
                            Cred::Secret { kind: CredentialKind::ClientSecret, service: Some(Service::KeyVault), value, credential }
                        }
                        other => other,
                    };
                    self.push_cred_site(i, Service::KeyVault, cred, "AddAzureKeyVault");
                }
                return;
            }
            // EF Core's `UseCosmos(endpoint, accountKey, databaseName)`; `UseCosmos(connectionString,
            // databaseName)` goes on below.
            "UseCosmos" if catalog::ef_cosmos_key_argument(&c).is_some() => {
                let key = catalog::ef_cosmos_key_argument(&c).unwrap_or(c.node);
                let cred = self.classify_cred(key, true);
                self.push_cred_site(i, Service::CosmosDb, cred, "UseCosmos");
                return;
            }
            // `PersistKeysToAzureBlobStorage(Uri, TokenCredential)` and `(BlobClient)` hold no secret.
            "PersistKeysToAzureBlobStorage" if positional.len() < 3 => return,
            "AddAzureOpenAIChatCompletion" | "AddAzureOpenAITextEmbeddingGeneration" | "AddAzureOpenAIClient" => {
                let key = c.keyword(&["apiKey"]).or(positional.get(2).copied());
                if let Some(k) = key {
                    let cred = self.classify_cred(k, true);
                    self.push_cred_site(i, Service::Openai, cred, &name);
                }
                return;
            }
            _ => {}
        }
        // OWIN's `app.MapAzureSignalR(appName, options => …)` (ASP.NET SignalR): the application's name
        // comes first; with it alone, the string is the config's, as for `AddAzureSignalR()`.
        let first = if name == "MapAzureSignalR" { positional.get(1) } else { positional.first() };
        let Some(arg) = first.copied() else {
            if matches!(name.as_str(), "AddAzureSignalR" | "MapAzureSignalR")
                && let Some(t) = self.config_text("Azure:SignalR:ConnectionString")
                && t.contains("AccessKey=")
            {
                let r = Resolved {
                    text: Some(t),
                    text_from_config: true,
                    source: Source::Config("Azure:SignalR:ConnectionString".into()),
                    node: c.node,
                    literals: Vec::new(),
                    name_hint: None,
                };
                let info = connstr::classify(r.text.as_deref().unwrap_or(""));
                self.push_conn(i, service, r, info, &name);
            }
            return;
        };
        // `AddAzureSignalR(options => { options.ConnectionString = config["…"]; })`: the options callback
        // sets the string.
        let arg = if is_callback(arg) {
            // A Redis cache's options set `Configuration`; App Configuration's call
            // `options.Connect(connectionString)` (the `Connect(Uri, TokenCredential)` overload is passwordless).
            let member = if service == Service::Redis { "Configuration" } else { "ConnectionString" };
            let methods: &[&str] = if name == "AddAzureAppConfiguration" { &["Connect"] } else { &[] };
            match self.options_callback_connection(arg, member, methods) {
                Some(value) => value,
                None => return,
            }
        } else {
            arg
        };
        let v = self.r.eval(arg);
        // A StackExchange.Redis configuration string authenticates with its `password=`, if any.
        if service == Service::Redis && v.text.as_deref().is_some_and(|t| !t.to_ascii_lowercase().contains("password=")) {
            return;
        }
        if let Shape::Call(inner) = self.r.shape(v.node)
            && (matches!(inner.name.as_str(), "Uri" | "URL") || catalog::is_passwordless_credential(&inner.name))
        {
            return;
        }
        if let Some(t) = v.full_text()
            && (t.starts_with("http") || v.source == Source::Literal && (secrets::is_placeholder(t) || !t.contains('=')))
        {
            return;
        }
        if v.text.is_none() && v.name_hint.as_deref().is_some_and(names::names_endpoint) {
            return;
        }
        let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
        if info.passwordless || info.emulator && v.source == Source::Literal {
            return;
        }
        self.push_conn(i, service, v, info, &name);
        // A configuration provider reads its settings; the key ring is read and written: those are
        // their operations.
        let ops: &[&str] = match name.as_str() {
            "AddAzureAppConfiguration" => &["load"],
            "PersistKeysToAzureBlobStorage" => &["download", "upload"],
            _ => &[],
        };
        if !ops.is_empty()
            && let Some(h) = self.hits.last_mut()
        {
            h.operations = ops.iter().map(|o| o.to_string()).collect();
            h.roles_note = None;
        }
        // A health check's chained siblings are other checks, not operations on its client.
        if catalog::is_health_check(&name)
            && let Some(h) = self.hits.last_mut()
        {
            h.operations.clear();
            h.roles_note = Some("a health check only probes the service: give the identity the reader data role it already needs".into());
        }
    }

    /// A call known only by its name (`PersistMessagesWithSqlServer(cs)`, `UseRedis(cs)`, Brighter's
    /// `RedisProducerRegistryFactory(new RedisMessagingGatewayConfiguration { RedisConnectionString = cs })`):
    /// an auth site when an argument, or a connection member of an options object given to it, is a
    /// connection string to a deployed service that holds its secret.
    fn framework_integration(&mut self, i: usize, service: Service) {
        let c = self.calls[i].clone();
        let mut values = Vec::new();
        for arg in &c.args {
            // `AddMarten(options => options.Connection(cs))`, CAP's `UseSqlServer(sql => sql.ConnectionString = cs)`.
            if let Some(cs) = self.options_callback_connection(arg.value, "ConnectionString", &["Connection", "ConnectionString"]) {
                values.push(self.r.eval(cs));
                continue;
            }
            let v = self.r.eval(arg.value);
            let members = match self.r.shape(v.node) {
                Shape::Call(inner) => inner.initializer,
                Shape::Dict(pairs) => pairs,
                _ => Vec::new(),
            };
            if members.is_empty() {
                values.push(v);
            }
            for (key, value) in members {
                let k = names::normalize(&key);
                if ["connection", "configuration", "url", "dsn"].iter().any(|w| k.contains(w)) {
                    values.push(self.r.eval(value));
                }
            }
        }
        for v in values {
            if let Some(info) = deployed_keyed_connection(&v, service) {
                return self.push_conn(i, service, v, info, &c.name);
            }
        }
    }

    /// Kernel Memory's `.WithAzureOpenAITextGeneration(config)`: the config object signs in as its `Auth`
    /// says, with the key member that goes with it. Built in code (`new AzureAIDocIntelConfig { Auth =
    /// AuthTypes.APIKey, APIKey = key }`) or bound from a settings section, where any environment's
    /// file choosing a key with a key set makes the app sign in with one there.
    fn kernel_memory(&mut self, i: usize, service: Service) {
        let c = self.calls[i].clone();
        let Some(arg) = c.positional().next() else { return };
        let v = self.r.eval(arg);
        let member_of = |auth: &str| match auth.rsplit('.').next().unwrap_or(auth).to_ascii_lowercase().as_str() {
            "apikey" => Some((CredentialKind::ApiKey, "APIKey")),
            "accountkey" => Some((CredentialKind::AccountKey, "AccountKey")),
            "connectionstring" => Some((CredentialKind::ConnectionString, "ConnectionString")),
            _ => None,
        };
        let (kind, value) = match (self.r.shape(v.node), &v.source) {
            (Shape::Call(config), _) if !config.initializer.is_empty() => {
                let auth = config.initializer.iter().find(|(k, _)| k == "Auth").map(|(_, n)| compact(*n, self.src));
                let Some((kind, member)) = auth.as_deref().and_then(member_of) else { return };
                let Some((_, node)) = config.initializer.iter().find(|(k, _)| k == member) else { return };
                let value = self.r.eval(*node);
                if value.source == Source::Literal && value.full_text().is_none_or(|t| t.trim().is_empty() || secrets::is_placeholder(t)) {
                    return;
                }
                (kind, value)
            }
            (_, Source::Config(section)) if !section.is_empty() => {
                // Development may choose Azurite's connection string, production the account key.
                let key_set = |kind: CredentialKind, key: &str| {
                    self.config.values_by_leaf(key).into_iter().any(|t| {
                        !t.trim().is_empty()
                            && !secrets::is_placeholder(t)
                            && (kind != CredentialKind::ConnectionString
                                || !connstr::classify(t).emulator && !connstr::find_secrets(t).is_empty())
                    })
                };
                let keyed =
                    self.config.values_by_leaf(&format!("{section}:Auth")).into_iter().filter_map(member_of).find_map(|(kind, member)| {
                        let key = format!("{section}:{member}");
                        key_set(kind, &key).then_some((kind, key))
                    });
                let Some((kind, key)) = keyed else { return };
                (kind, Resolved { source: Source::Config(key), ..v })
            }
            _ => return,
        };
        self.remember_literals(&value, kind, service, None);
        let mut hit = self.hit(c.node, Category::Auth, service, kind, value.source.clone(), &c.name);
        // A builder chain starts lines above: the method names the site.
        hit.anchor = Self::method_name_start(c.node);
        self.usage_into(&mut hit, c.node);
        self.hits.push(hit);
    }

    /// ABP modules hand the framework its connection strings through options types:
    /// `Configure<AbpAzureServiceBusOptions>(o => o.Connections.Default.ConnectionString = cs)`,
    /// `Configure<AbpBlobStoringOptions>(o => ... container.UseAzure(azure => azure.ConnectionString = cs))`.
    /// The assignment is the auth site when the options type names a service and the string, deployed
    /// and not local, holds a key.
    fn abp_options_sites(&mut self) {
        if !self.imports.contains("Volo.Abp") {
            return;
        }
        let assignments: Vec<(Node<'t>, Node<'t>)> =
            self.r.all_defs().filter(|d| d.name.ends_with(".ConnectionString")).map(|d| (d.name_node, d.value)).collect();
        for (name, value) in assignments {
            let Some(options_type) = std::iter::successors(name.parent(), |n| n.parent()).find_map(|n| {
                let f = n.child_by_field_name("function").filter(|_| n.kind() == "invocation_expression")?;
                let callee = compact(f, self.src);
                let t = callee.rsplit('.').next()?.strip_prefix("Configure<")?.strip_suffix('>')?.to_owned();
                t.starts_with("Abp").then_some(t)
            }) else {
                continue;
            };
            let named = options_type.trim_start_matches("Abp").trim_end_matches("Options");
            let Some(service) = catalog::framework_integration(named) else { continue };
            let v = self.r.eval(value);
            if let Some(info) = deployed_keyed_connection(&v, service) {
                let site = name.parent().unwrap_or(name);
                self.push_conn_at(site, service, v, info, &options_type);
            }
        }
    }

    /// The connection string an options callback sets: `o => o.ConnectionString = cs` (the `member`),
    /// or passes to one of `methods` (`o => o.Connection(cs)`). `None` when the argument is no callback.
    fn options_callback_connection(&self, arg: Node<'t>, member: &str, methods: &[&str]) -> Option<Node<'t>> {
        if !is_callback(arg) {
            return None;
        }
        self.member_assigned_in(arg, member).or_else(|| methods.iter().find_map(|m| self.single_argument_call_in(arg, m)))
    }

    /// How an options section of the settings signs in, by the keys it defines: `Some(Some(key))` with
    /// a password, `Some(None)` with Entra ID, `None` when it says neither. `by_tail` matches the
    /// section's last path segments (a bound member `Sql` for `FleetFuel:Sql`).
    fn section_sign_in(&self, section: &str, by_tail: bool) -> Option<Option<&'static str>> {
        let defines = |k: &str| {
            let key = format!("{section}:{k}");
            if by_tail { !self.config.values_by_leaf(&key).is_empty() } else { self.r.config_defines(&key) }
        };
        if let Some(key) = ["password", "pwd"].into_iter().find(|k| defines(k)) {
            return Some(Some(key));
        }
        ["authentication", "authentication:type", "credentialsProvider"].iter().any(|k| defines(k)).then_some(None)
    }

    /// The argument of a one-argument call to `method` inside `scope` (`options.Connect(cs)`).
    fn single_argument_call_in(&self, scope: Node<'t>, method: &str) -> Option<Node<'t>> {
        self.all_calls()
            .iter()
            .filter(|c| c.name == method && c.node.start_byte() >= scope.start_byte() && c.node.end_byte() <= scope.end_byte())
            .find_map(|c| {
                let mut args = c.positional();
                let first = args.next()?;
                args.next().is_none().then_some(first)
            })
    }

    /// The value assigned to `<anything>.member` inside `scope` (an options callback's body).
    fn member_assigned_in(&self, scope: Node<'t>, member: &str) -> Option<Node<'t>> {
        let suffix = format!(".{member}");
        let mut cursor = scope.walk();
        let mut stack = vec![scope];
        while let Some(n) = stack.pop() {
            if n.kind().starts_with("assignment")
                && let (Some(left), Some(right)) = (n.child_by_field_name("left"), n.child_by_field_name("right"))
                && compact(left, self.src).ends_with(&suffix)
            {
                return Some(right);
            }
            stack.extend(n.children(&mut cursor));
        }
        None
    }

    fn legacy_node_factory(&mut self, i: usize) {
        let c = self.calls[i].clone();
        let with_sas = c.name.strip_suffix("WithSas");
        let service = match with_sas.unwrap_or(&c.name) {
            "createBlobService" => Service::StorageBlob,
            "createQueueService" => Service::StorageQueue,
            "createTableService" => Service::StorageTable,
            "createFileService" => Service::StorageFile,
            _ => Service::ServiceBus,
        };
        let what = c.name.clone();
        let args: Vec<Node<'t>> = c.positional().collect();
        // `createBlobServiceWithSas(host, sasToken)`: a SAS, signed or it grants nothing.
        if with_sas.is_some() {
            let Some(sas) = args.get(1).map(|a| self.r.eval(*a)) else { return };
            if sas.source == Source::Literal && sas.full_text().is_none_or(|t| !t.contains("sig=") || secrets::is_placeholder(t)) {
                return;
            }
            let cred = Cred::Secret { kind: CredentialKind::SasToken, service: Some(service), value: sas, credential: None };
            return self.push_cred_site(i, service, cred, &what);
        }
        let v = match args.as_slice() {
            [] => Resolved {
                text: None,
                text_from_config: false,
                source: Source::Env(
                    if service == Service::ServiceBus { "AZURE_SERVICEBUS_CONNECTION_STRING" } else { "AZURE_STORAGE_CONNECTION_STRING" }
                        .into(),
                ),
                node: c.node,
                literals: Vec::new(),
                name_hint: None,
            },
            [one] => self.r.eval(*one),
            // `createBlobService(account, key)`: the second argument is the account key itself.
            [_, key, ..] => {
                let key = self.r.eval(*key);
                if key.source == Source::Literal && key.full_text().is_none_or(|t| t.is_empty() || secrets::is_placeholder(t)) {
                    return;
                }
                let cred = Cred::Secret { kind: CredentialKind::AccountKey, service: Some(service), value: key, credential: None };
                return self.push_cred_site(i, service, cred, &what);
            }
        };
        let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
        if info.emulator && v.source == Source::Literal {
            return;
        }
        self.push_conn(i, service, v, info, &what);
    }

    fn openai(&mut self, i: usize) {
        let c = self.calls[i].clone();
        let what = c.name.clone();
        // Python keywords, or a JS options object.
        let mut key = c.keyword(&["api_key", "openai_api_key", "azure_openai_api_key", "apiKey"]);
        let mut provider = c.keyword(&["azure_ad_token_provider", "azure_ad_token", "ad_token_provider", "credential", "credentials"]);
        if let Some(first) = c.positional().next() {
            let r = self.r.eval(first);
            if let Shape::Dict(pairs) = self.r.shape(r.node) {
                for (k, v) in pairs {
                    match names::normalize(&k).as_str() {
                        // LangChain.js: `azureOpenAIApiKey`.
                        "apikey" | "key" | "azureopenaiapikey" | "openaiapikey" => key = Some(v),
                        "azureadtokenprovider" | "credential" | "credentials" => provider = Some(v),
                        _ => {}
                    }
                }
            } else if self.lang == Lang::CSharp {
                // AzureOpenAIClient(endpoint, credential)
                if let Some(second) = c.positional().nth(1) {
                    let cred = self.classify_cred(second, true);
                    return self.push_cred_site(i, Service::Openai, cred, &what);
                }
            }
        }
        if provider.is_some() && key.is_none() {
            return;
        }
        let cred = match key {
            Some(k) => {
                let v = self.r.eval(k);
                if v.source == Source::Literal && v.full_text().is_none_or(secrets::is_placeholder) {
                    return;
                }
                if compact(v.node, self.src).contains("token_provider") || self.is_token_source(&v) {
                    return;
                }
                Cred::Secret { kind: CredentialKind::ApiKey, service: Some(Service::Openai), value: v, credential: None }
            }
            None if self.lang == Lang::CSharp => return,
            None => Cred::Secret {
                kind: CredentialKind::ApiKey,
                service: Some(Service::Openai),
                value: Resolved {
                    text: None,
                    text_from_config: false,
                    // What the SDK reads when no key is passed (`createAzure` reads AZURE_API_KEY).
                    source: Source::Env(if c.name == "createAzure" { "AZURE_API_KEY" } else { "AZURE_OPENAI_API_KEY" }.into()),
                    node: c.node,
                    literals: Vec::new(),
                    name_hint: None,
                },
                credential: None,
            },
        };
        self.push_cred_site(i, Service::Openai, cred, &what);
    }

    fn driver(&mut self, i: usize, service: Service) {
        let c = self.calls[i].clone();
        // A LoopBack datasource's `super(dsConfig)` is known by its class.
        let what = match c.callee.as_str() {
            "super" => self.r.enclosing_class_name(c.node).unwrap_or_else(|| "super".into()),
            callee => callee.trim_start_matches("new").to_owned(),
        };
        // Knex names its database by `client` even when `connection` is only a URL from the environment.
        let service = if service == Service::Unknown && c.name.eq_ignore_ascii_case("knex") {
            self.dialect_service(&c).unwrap_or(service)
        } else {
            service
        };
        // 1. An explicit password: keyword, options object, or C# initializer.
        let mut password = c.keyword(&["password", "passwd", "pwd"]);
        let mut dict_cs = None;
        // An options dict, positional, splatted (`connect(**DB)`) or a framework's `config=` (Flask-Caching's
        // `Cache(config={...})`), or SQLAlchemy's `URL.create("mssql+pyodbc", query={"odbc_connect": cs})`.
        let splats = c.splats.iter().copied();
        for arg in c.positional().chain(c.keyword(&["config"])).chain(c.keyword(&["query"])).chain(splats) {
            if let Some(pairs) = self.options_pairs(arg) {
                if let Some(Cred::Secret { value, .. }) = self.dict_secret(&pairs, 0) {
                    password = Some(value.node);
                }
                // A token instead of the secret: node-redis `credentialsProvider` (`@redis/entraid`), mysql2
                // `authPlugins`, node-postgres `password: async () => token`. The URL carries no key then.
                let token_pair = |(k, v): &(String, Node<'t>)| match names::normalize(k).as_str() {
                    "credentialsprovider" | "authplugins" => true,
                    "password" => self.is_token_source(&self.r.eval(*v)),
                    _ => false,
                };
                if pairs.iter().any(token_pair) {
                    return;
                }
                // Knex's `connection` is an options object or a connection URL; MikroORM's `clientUrl` a URL.
                let is_url = |k: &str, v: Node<'t>| {
                    matches!(
                        names::normalize(k).as_str(),
                        "connectionstring" | "url" | "uri" | "cacheredisurl" | "odbcconnect" | "clienturl"
                    ) || k == "connection" && !matches!(self.r.shape(self.r.eval(v).node), Shape::Dict(_))
                };
                dict_cs = pairs
                    .iter()
                    .find(|(k, v)| is_url(k, *v))
                    .map(|p| p.1)
                    .or_else(|| {
                        // `{ pool: { connectionString } }` (Payload's postgresAdapter, Drizzle's pools).
                        let (_, pool) = pairs.iter().find(|(k, _)| k == "pool")?;
                        let Shape::Dict(inner) = self.r.shape(self.r.eval(*pool).node) else { return None };
                        inner.iter().find(|(k, v)| is_url(k, *v)).map(|p| p.1)
                    })
                    .or_else(|| {
                        // Tortoise ORM's `{"connections": {"default": "postgres://..."}}` (a `credentials`
                        // dict there holds a password, found above).
                        let (_, connections) = pairs.iter().find(|(k, _)| k == "connections")?;
                        let Shape::Dict(inner) = self.r.shape(self.r.eval(*connections).node) else { return None };
                        let (_, first) = inner.first()?;
                        (!matches!(self.r.shape(self.r.eval(*first).node), Shape::Dict(_))).then_some(*first)
                    });
            }
        }
        if password.is_none() {
            password = c.initializer.iter().find(|(k, _)| matches!(k.as_str(), "Password" | "Pwd")).map(|p| p.1);
        }
        // `new SqlConnection(builder.ConnectionString)`: the builder's `Password`, set in its initializer
        // or assigned later.
        if password.is_none() && self.lang == Lang::CSharp {
            match c.positional().find_map(|arg| self.builder_auth(arg)) {
                Some(BuilderAuth::Password(p)) => password = Some(p),
                Some(BuilderAuth::Passwordless) => return,
                None => {}
            }
        }
        // pymssql.connect(server, user, password, database), new Sequelize(database, user, password, options)
        if password.is_none() && (c.callee.eq_ignore_ascii_case("pymssql.connect") || c.name == "Sequelize" && c.positional().count() >= 3)
        {
            password = c.positional().nth(2);
        }
        // ConnectionMultiplexer.Connect(options) with `new ConfigurationOptions { Password = key }`.
        if password.is_none() {
            for arg in c.positional() {
                let r = self.r.eval(arg);
                if let Shape::Call(inner) = self.r.shape(r.node)
                    && let Some((_, v)) = inner.initializer.iter().find(|(k, _)| matches!(k.as_str(), "Password" | "Pwd"))
                {
                    password = Some(*v);
                }
            }
        }
        // `new sql.ConnectionPool(sqlConfig)` with `sqlConfig` exported by a module of the app.
        if password.is_none() && dict_cs.is_none() {
            match self.imported_options(&c) {
                Some(ImportedAuth::Passwordless) => return,
                Some(ImportedAuth::Password(source)) => {
                    let service =
                        if service == Service::Unknown { self.context_service(c.node).unwrap_or(Service::Unknown) } else { service };
                    if service != Service::Unknown {
                        self.push_password_site(c.node, service, source, None, &what);
                    }
                    return;
                }
                None => {}
            }
        }
        // The options live elsewhere: a dict of the app's settings module (`register_tortoise(app,
        // config=TORTOISE_ORM)`), or a section of the app's config files (`knex(app.get('mssqlClient'))`,
        // `new Pool(config.get('db'))`).
        if password.is_none()
            && dict_cs.is_none()
            && let Some((section_service, source)) = self.imported_python_connection(&c).or_else(|| self.config_section_password(&c))
        {
            let service = if service == Service::Unknown { section_service } else { service };
            if service != Service::Unknown {
                self.push_password_site(c.node, service, source, None, &what);
            }
            return;
        }
        if let Some(p) = password {
            let v = self.r.eval(p);
            if self.literal_local_host(&c) {
                return;
            }
            if self.is_token_source(&v)
                || v.source == Source::Literal && v.full_text().is_none_or(|t| t.is_empty() || secrets::is_placeholder(t))
            {
                return;
            }
            // The options the password sits in may name the host (Tortoise's `credentials`).
            let service = if service == Service::Unknown {
                self.context_service(c.node)
                    .or_else(|| self.dialect_service(&c))
                    .or_else(|| self.context_service(p))
                    .unwrap_or(Service::Unknown)
            } else {
                service
            };
            if service == Service::Unknown {
                return;
            }
            self.remember_literals(&v, CredentialKind::Password, service, None);
            let mut hit = self.hit(c.node, Category::Auth, service, CredentialKind::Password, v.source.clone(), &what);
            self.usage_into(&mut hit, c.node);
            self.hits.push(hit);
            return;
        }
        // 2. A connection string or URL.
        let cs = c
            .keyword(&[
                "dsn",
                "conninfo",
                "url",
                "connection_string",
                "connectionString",
                "conn_str",
                "connstring",
                "broker",
                "broker_url",
                "storage_uri",
                "redis_url",
                "db_url",
                "credentials",
            ])
            .or(dict_cs)
            .or_else(|| c.positional().next().filter(|n| !matches!(self.r.shape(self.r.eval(*n).node), Shape::Dict(_))));
        // CAP's `UseSqlServer(sql => { sql.ConnectionString = cs; })`.
        let cs = cs.map(|n| self.options_callback_connection(n, "ConnectionString", &["Connection", "ConnectionString"]).unwrap_or(n));
        if let Some(cs) = cs {
            if c.keyword(&["attrs_before", "credential_provider"]).is_some() {
                return;
            }
            let v = self.r.eval(cs);
            let mut v = self.named_connection(&v).unwrap_or(v);
            // `mongoose.connect(config.mongoUri)` with the app's config module holding the URI.
            if v.text.is_none()
                && matches!(v.source, Source::Unknown | Source::Config(_))
                && let Some(imported) = self.imported_value(cs)
            {
                v = Resolved { source: imported.source, text: imported.text, ..v };
            }
            // `create_async_engine(database_url())`, the function imported from the app's settings module:
            // it signs in the way that function's URL does.
            if v.text.is_none()
                && self.lang == Lang::Python
                && let Shape::Call(inner) = self.r.shape(v.node)
                && inner.receiver.is_none()
                && let Some((found, source)) =
                    self.origin.and_then(|o| super::modules::python_function_auth(o, &self.imports, &inner.callee, self.config))
            {
                let service = if service == Service::Unknown { found } else { service };
                if service != Service::Unknown {
                    self.push_password_site(c.node, service, source, None, &what);
                }
                return;
            }
            // `";".join(f"{k}={v}" for ...)`: a string made only of unknown parts says nothing.
            if v.text.as_deref().is_some_and(|t| !t.chars().any(char::is_alphanumeric)) {
                v.text = None;
            }
            match v.text.as_deref() {
                Some(t) if !t.contains(HOLE) => {
                    let info = connstr::classify_any(t);
                    // A setting whose local value has a placeholder password (`Password=#{DbPassword}#`,
                    // filled at deployment) still signs in with a password.
                    let lower = t.to_ascii_lowercase();
                    // So does a URL with a password in its user info, whatever it is (`rediss://:changeme@…`).
                    let placeholder_password = matches!(v.source, Source::Config(_) | Source::Env(_))
                        && (lower.contains("password=")
                            || lower.contains("pwd=")
                            || connstr::url_password(t).is_some() && !connstr::points_local(t));
                    // A kombu broker URL carries a Service Bus SAS key or a storage account key.
                    // A key filled in from the settings (`rediss://:${encodeURIComponent(key)}@host`) is not
                    // URL-encoded here, so the URL pattern may not see it.
                    let filled_in = v.text_from_config
                        && connstr::url_password(t).is_some_and(|p| !secrets::is_placeholder(p))
                        && !connstr::points_local(t);
                    let signs_in = |t: &str| {
                        let lower = t.to_ascii_lowercase();
                        connstr::find_secrets(t).iter().any(|h| {
                            h.kind == CredentialKind::Password
                                // Cosmos DB for MongoDB: the account key as the URI's password.
                                || h.service == Service::CosmosDb && lower.starts_with("mongodb")
                                || lower.starts_with("azureservicebus:")
                                || lower.starts_with("azurestoragequeues:")
                        })
                    };
                    // A setting's local value (`mongodb://mongo:27017` in compose.env) does not outweigh
                    // the code's own fallback (`process.env.MONGO_URL || "mongodb://acct:key@…"`).
                    let fallback = || {
                        v.literals.iter().find_map(|l| match self.r.shape(*l) {
                            Shape::Str(lit) if v.source != Source::Literal && signs_in(&lit) => Some(lit),
                            _ => None,
                        })
                    };
                    let (info, has_password) = if placeholder_password || filled_in || signs_in(t) {
                        (info, true)
                    } else {
                        match fallback() {
                            Some(lit) => (connstr::classify_any(&lit), true),
                            None => (info, false),
                        }
                    };
                    if info.passwordless || !has_password {
                        return;
                    }
                    let service = if service == Service::Unknown { info.service.unwrap_or(Service::Unknown) } else { service };
                    if service == Service::Unknown {
                        return;
                    }
                    self.push_conn(i, service, v, info, &what);
                }
                Some(t) => {
                    // Partly known: an interpolated password is still a password.
                    let lower = t.to_ascii_lowercase();
                    let info = connstr::classify_any(t);
                    if info.passwordless || !(lower.contains("password=") || lower.contains("pwd=") || connstr::url_userinfo_password(t)) {
                        return;
                    }
                    let service = if service == Service::Unknown { info.service.unwrap_or(Service::Unknown) } else { service };
                    if service != Service::Unknown {
                        self.push_conn(i, service, v, info, &what);
                    }
                }
                None => {
                    // Only a sample file shows the setting, with placeholders (`.env.sample`:
                    // `mongodb://<user>:<password>@<account>.mongo.cosmos.azure.com`): its shape says the
                    // deployed value carries a password.
                    if let Source::Env(key) | Source::Config(key) = &v.source
                        && let Some(sample) = self.config.sample(key)
                        && connstr::url_password(sample).is_some()
                        && !connstr::points_local(sample)
                    {
                        let info = connstr::classify_any(sample);
                        let service = if service == Service::Unknown { info.service.unwrap_or(Service::Unknown) } else { service };
                        if service != Service::Unknown {
                            return self.push_conn(i, service, v, info, &what);
                        }
                    }
                    // An options section of the settings: given itself (`new sql.ConnectionPool(config.get('sql'))`)
                    // or to a helper that builds the string from it (`new SqlConnection(SqlConnectionStrings.Build(_sql))`,
                    // where `Sql` is `FleetFuel:Sql`). Its keys say how it signs in, whatever their local values.
                    let section = match &v.source {
                        Source::Config(section) => Some((section.clone(), false)),
                        Source::Unknown if matches!(service, Service::Sql | Service::Postgresql | Service::Mysql | Service::Redis) => {
                            match self.r.shape(v.node) {
                                Shape::Call(helper) => helper.args.iter().find_map(|a| match self.r.eval(a.value).source {
                                    Source::Config(k) if !k.is_empty() => Some((k, true)),
                                    _ => None,
                                }),
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    if let Some((section, by_tail)) = section {
                        match self.section_sign_in(&section, by_tail) {
                            Some(Some(key)) => {
                                let mut v = v.clone();
                                v.source = Source::Config(format!("{section}:{key}"));
                                return self.push_conn(i, service, v, connstr::ConnInfo::default(), &what);
                            }
                            Some(None) => return,
                            None => {}
                        }
                    }
                    let hint = v.name_hint.clone().unwrap_or_default();
                    let by_name = names::names_connection_string(&hint) || names::normalize(&hint).contains("url");
                    // `REDIS_URL`, `DATABASE_URL`: a Redis or database URL with no other credential
                    // beside it carries the password (`rediss://:<key>@host:6380`).
                    let url_with_password = names::normalize(&hint).contains("url")
                        && matches!(service, Service::Redis | Service::Postgresql | Service::Mysql | Service::Sql);
                    if service != Service::Unknown
                        && (by_name || matches!(v.source, Source::Env(_) | Source::Config(_)))
                        && (!names::names_endpoint(&hint) || url_with_password)
                    {
                        // A helper's parameter whose callers are in other files (`static SqlConnection
                        // Open(string connectionString)`) gets one of the app's connection strings to
                        // this database: the one that signs in with a password, if only one does; none
                        // of them, if they are all passwordless.
                        let mut v = v;
                        let mut info = connstr::ConnInfo::default();
                        // (So does an options object whose section is not known: `Config("")`.)
                        let unknown_setting = v.source == Source::Unknown || v.source == Source::Config(String::new());
                        if unknown_setting && matches!(service, Service::Sql | Service::Postgresql | Service::Mysql) {
                            // A connection string named like the class that opens it (`ReportingQueries`
                            // and `ConnectionStrings:Reporting`) is the one its callers pass; so is one
                            // named like the option that holds its name (`_options.LedgerDbConnectionName`).
                            let class = self.r.enclosing_class_name(c.node).unwrap_or_default().to_ascii_lowercase();
                            let hint = names::normalize(&format!("{hint} {}", self.r.text(v.node)));
                            let named_here = |key: &str| {
                                let leaf = names::normalize(key.rsplit(':').next().unwrap_or(key));
                                leaf.len() >= 4 && (class.contains(&leaf) || hint.contains(&leaf))
                            };
                            match self.config.database_connection_strings(service) {
                                (_, passwordless) if passwordless.iter().any(|k| named_here(k)) => return,
                                (with_password, passwordless) if with_password.is_empty() && !passwordless.is_empty() => return,
                                (with_password, passwordless) => {
                                    let named = with_password.iter().filter(|(k, _)| named_here(k)).collect::<Vec<_>>();
                                    let one = if let [only] = named[..] {
                                        Some(*only)
                                    } else if let [only] = with_password[..] {
                                        // A passwordless string to the same database is as likely what the
                                        // callers pass (`new SqlConnectionFactory(GetConnectionString("Inventory"))`
                                        // in another file): no guess, and no finding.
                                        if !passwordless.is_empty() {
                                            return;
                                        }
                                        Some(only)
                                    } else {
                                        None
                                    };
                                    if let Some((key, value)) = one {
                                        v.source = Source::Config(key.to_owned());
                                        info = connstr::classify(value);
                                    }
                                }
                            }
                        }
                        // A bound options object's member (`options.Value.ReportingConnection`): the
                        // settings of that name decide, the developer's local ones aside.
                        if let Source::Config(key) = &v.source
                            && !key.is_empty()
                            && !key.contains(':')
                            && matches!(service, Service::Sql | Service::Postgresql | Service::Mysql)
                        {
                            let values = self.config.values_by_leaf(key);
                            let signs_in = |t: &&str| {
                                !connstr::points_local(t) && connstr::find_secrets(t).iter().any(|h| h.kind == CredentialKind::Password)
                            };
                            if !values.is_empty() && !values.iter().any(signs_in) {
                                return;
                            }
                        }
                        // Filled in by another project of the solution (an Aspire AppHost) without a password.
                        if let Source::Config(key) = &v.source
                            && self.config.only_passwordless_elsewhere(key)
                        {
                            return;
                        }
                        self.push_conn(i, service, v, info, &what);
                    }
                }
            }
        }
    }

    fn client_constructor(&mut self, i: usize, service: Service) {
        let c = self.calls[i].clone();
        let class = c.name.clone();
        // adlfs's `AzureBlobFileSystem` talks to the account's Blob endpoint whatever the paths' protocol
        // (`az://`, `abfs://`), unless its own arguments name the Data Lake endpoint (`account_host=`).
        let service =
            if class == "AzureBlobFileSystem" && !self.src[c.node.byte_range()].contains(".dfs.") { Service::StorageBlob } else { service };
        let positional: Vec<Node<'t>> = c.positional().collect();
        // The legacy azure-storage clients' `is_emulated=True`: the local emulator and its published key.
        if c.keyword(&["is_emulated"]).is_some_and(|v| self.r.text(v) == "True") {
            return;
        }
        // 1. Credential arguments: keyword credentials, then positional credential objects / secret strings.
        let cred_keywords =
            // `azure_search_key`: LangChain's AzureSearch vector store; `authKeyOrResourceToken:` the .NET
            // CosmosClient's and DocumentClient's key, named.
            [
                "credential",
                "credentials",
                "account_key",
                "sas_token",
                "key",
                "auth",
                "master_key",
                "api_key",
                "subscription",
                "azure_search_key",
                // azure-servicebus 0.x `ServiceBusService(shared_access_key_value=...)`.
                "shared_access_key_value",
                "authKeyOrResourceToken",
                "authKey",
            ];
        for a in &c.args {
            let Some(name) = a.name.as_deref() else {
                continue;
            };
            // `subscription=` is the Speech SDK's key, but an Event Grid or Service Bus subscription's name.
            let is_cred =
                cred_keywords.iter().any(|k| k.eq_ignore_ascii_case(name)) && (name != "subscription" || service == Service::AiServices);
            if is_cred {
                match self.classify_cred(a.value, true) {
                    Cred::Passwordless => return,
                    Cred::Secret { kind, service: cs, value, credential } => {
                        let kind = if name == "sas_token" { CredentialKind::SasToken } else { kind };
                        return self.client_hit(i, service, Cred::Secret { kind, service: cs, value, credential }, &class);
                    }
                    // `CosmosClient(endpoint, credential=key)` with `key` a parameter: a value named only
                    // "key" is the client's key.
                    Cred::Unknown if matches!(name, "credential" | "credentials") => {
                        let v = self.r.eval(a.value);
                        let hint = v.name_hint.as_deref().map(names::normalize).unwrap_or_default();
                        if v.text.is_none() && matches!(hint.as_str(), "key" | "accountkey" | "masterkey") {
                            let kind = if service.is_storage() || service == Service::CosmosDb {
                                CredentialKind::AccountKey
                            } else {
                                CredentialKind::ApiKey
                            };
                            let cred = Cred::Secret { kind, service: None, value: v, credential: None };
                            return self.client_hit(i, service, cred, &class);
                        }
                    }
                    Cred::Unknown => {}
                }
            }
            if matches!(name, "connection_string" | "conn_str") {
                let v = self.r.eval(a.value);
                let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
                if !(info.emulator && v.source == Source::Literal) {
                    return self.push_conn(i, service, v, info, &class);
                }
                return;
            }
        }
        let mut conn_candidate = None;
        for (pos, arg) in positional.iter().enumerate() {
            let v = self.r.eval(*arg);
            // A call that reads a setting or formats a string is a value, not a credential object.
            let object = if v.text.is_none() && v.source == Source::Unknown { self.r.shape(v.node) } else { Shape::Other };
            match object {
                Shape::Call(inner) => {
                    if catalog::is_passwordless_credential(&inner.name) {
                        return;
                    }
                    if catalog::secret_credential(&inner.name).is_some() {
                        let cred = self.classify_cred(*arg, true);
                        return self.client_hit(i, service, cred, &class);
                    }
                    // `new BlobClient(new Uri(sasUrl))`: a SAS in the URI is the credential.
                    if matches!(inner.name.as_str(), "Uri" | "URL")
                        && let Some(url) = inner.positional().next()
                    {
                        let u = self.r.eval(url);
                        if u.text.is_none() && self.sas_named(&u) || u.text.is_some() && self.holds_sas(&u) {
                            let cred = Cred::Secret { kind: CredentialKind::SasToken, service: None, value: u, credential: None };
                            return self.client_hit(i, service, cred, &class);
                        }
                    }
                    // A helper that builds the string: `new ServiceBusClient(serviceBusConnectionString({ key }))`.
                    if names::builds_connection_string(&inner.name, inner.is_new) && conn_candidate.is_none() {
                        conn_candidate = Some((v, connstr::ConnInfo::default()));
                    }
                    continue;
                }
                Shape::Dict(pairs) => {
                    match self.dict_secret(&pairs, 0) {
                        Some(Cred::Passwordless) => return,
                        Some(cred) => return self.client_hit(i, service, cred, &class),
                        None => {}
                    }
                    continue;
                }
                _ => {}
            }
            let hint = v.name_hint.clone().unwrap_or_default();
            // `new ContainerClient(process.env.REPORTS_CONTAINER_SAS_URL)`: a URL alone, that the
            // setting's name says carries a SAS.
            if pos == 0 && positional.len() == 1 && v.text.is_none() && service.is_storage() && self.sas_named(&v) {
                let cred = Cred::Secret { kind: CredentialKind::SasToken, service: None, value: v, credential: None };
                return self.client_hit(i, service, cred, &class);
            }
            // `new ContainerClient(config.photos.containerUrl)`, the app's config module holding a SAS URL.
            if pos == 0
                && positional.len() == 1
                && v.text.is_none()
                && service.is_storage()
                && let Some(imported) = self.imported_value(*arg)
                && imported.text.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("sig="))
            {
                let value = Resolved { source: imported.source, ..v };
                let cred = Cred::Secret { kind: CredentialKind::SasToken, service: None, value, credential: None };
                return self.client_hit(i, service, cred, &class);
            }
            if let Some(t) = v.text.as_deref() {
                if self.holds_sas(&v) {
                    let cred = Cred::Secret { kind: CredentialKind::SasToken, service: None, value: v, credential: None };
                    return self.client_hit(i, service, cred, &class);
                }
                let info = connstr::classify(t);
                if t.contains('=') && t.contains(';') || info.service.is_some() && t.contains('=') && !t.starts_with("http") {
                    if conn_candidate.is_none() {
                        conn_candidate = Some((v, info));
                    }
                    continue;
                }
                // A key handed over positionally (Python CosmosClient(url, key), legacy TableService(name, key)).
                if pos > 0
                    && (names::secret_name(&hint).is_some()
                        || secrets::looks_like_account_key(t)
                        || secrets::looks_like_api_key(t) && v.source == Source::Literal && !t.contains('/'))
                {
                    let cred = self.classify_cred(*arg, true);
                    return self.client_hit(i, service, cred, &class);
                }
                continue;
            }
            if names::names_connection_string(&hint) && !names::names_endpoint(&hint) {
                if conn_candidate.is_none() {
                    conn_candidate = Some((v, connstr::ConnInfo::default()));
                }
                continue;
            }
            // `new CosmosClient(o.Endpoint, o.Key)`: after the endpoint, a bare `Key` is the credential.
            // A config path's last segment is the name: `cfg["ReadModel:Key"]`.
            let leaf = hint.rsplit(':').next().unwrap_or(&hint);
            let key_named = names::secret_name(&hint).is_some() || names::normalize(leaf) == "key";
            if pos > 0 && key_named && !names::normalize(&hint).contains("cred") {
                let cred = match self.classify_cred(*arg, true) {
                    Cred::Unknown => Cred::Secret { kind: CredentialKind::ApiKey, service: None, value: v.clone(), credential: None },
                    c => c,
                };
                // A Cosmos DB or storage key is the account's key.
                let cred = match cred {
                    Cred::Secret { kind: CredentialKind::ApiKey, service: s, value, credential }
                        if service == Service::CosmosDb || service.is_storage() =>
                    {
                        Cred::Secret { kind: CredentialKind::AccountKey, service: s, value, credential }
                    }
                    c => c,
                };
                return self.client_hit(i, service, cred, &class);
            }
        }
        if let Some((v, info)) = conn_candidate {
            if info.passwordless || info.emulator && v.source == Source::Literal {
                return;
            }
            if v.source == Source::Literal && v.full_text().is_some_and(secrets::is_placeholder) {
                return;
            }
            return self.push_conn(i, service, v, info, &class);
        }
        // 2. C#: a constructor whose only string arguments are not URIs takes a connection string.
        if self.lang == Lang::CSharp && !positional.is_empty() && !matches!(class.as_str(), "SpeechConfig" | "KeyVaultClient") {
            let strings: Vec<(usize, Resolved<'t>)> = positional
                .iter()
                .enumerate()
                .map(|(p, n)| (p, self.r.eval(*n)))
                .filter(|(_, v)| !matches!(self.r.shape(v.node), Shape::Call(_) | Shape::Dict(_)))
                .collect();
            let any_uri_or_cred = positional.iter().any(|n| {
                let v = self.r.eval(*n);
                let hint = v.name_hint.as_deref().unwrap_or("");
                matches!(self.r.shape(v.node), Shape::Call(ref k) if k.name == "Uri" || k.name.ends_with("Credential"))
                    || names::names_endpoint(hint) && !names::names_connection_string(hint)
                    || names::normalize(hint).contains("cred")
                    || v.full_text().is_some_and(|t| t.starts_with("http"))
            });
            if !any_uri_or_cred && !strings.is_empty() && class_takes_connection_string(&class) {
                let at = match class.as_str() {
                    "EventHubConsumerClient" => 1,
                    "EventProcessorClient" => 2,
                    _ => 0,
                };
                if let Some((_, v)) = strings.into_iter().find(|(p, _)| *p == at) {
                    if v.source == Source::Literal && v.full_text().is_some_and(|t| secrets::is_placeholder(t) || !t.contains('=')) {
                        return;
                    }
                    let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
                    if info.passwordless || info.emulator && v.source == Source::Literal {
                        return;
                    }
                    return self.push_conn(i, service, v, info, &class);
                }
            }
        }
        // 3. JS: `new ServiceBusClient(connectionString)` — a lone string argument that is not a URL or host.
        if matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) && class_takes_connection_string(&class) {
            let at = match class.as_str() {
                "EventHubConsumerClient" => 1,
                _ => 0,
            };
            let cred_present = positional.iter().any(|n| {
                let v = self.r.eval(*n);
                matches!(self.r.shape(v.node), Shape::Call(_))
                    || v.name_hint.as_deref().is_some_and(|h| names::normalize(h).contains("cred"))
            });
            if let Some(arg) = positional.get(at) {
                let v = self.r.eval(*arg);
                let hint = v.name_hint.clone().unwrap_or_default();
                let unseen_string = v.text.is_none() && v.source != Source::Unknown || !hint.is_empty() && v.text.is_none();
                if !cred_present && unseen_string && !names::names_endpoint(&hint) && !names::normalize(&hint).contains("host") {
                    self.push_conn(i, service, v, connstr::ConnInfo::default(), &class)
                }
            }
        }
    }

    /// `new SmsClient(connectionString)`: an Azure SDK client secretless has no table row for, built
    /// from a connection string (`endpoint=...;accesskey=...`): still secret-based, service unknown.
    fn unknown_azure_client(&mut self, i: usize, class: &str) {
        let c = self.calls[i].clone();
        let azure = self.imports.contains("azure") || self.imports.contains("Azure");
        if !azure || !class.ends_with("Client") || !(c.is_new || starts_upper(&c.name)) || catalog::is_passwordless_credential(class) {
            return;
        }
        let Some(first) = c.positional().next().or(c.keyword(&["conn_str", "connection_string", "connectionString"])) else { return };
        let v = self.r.eval(first);
        let hint = v.name_hint.clone().unwrap_or_default();
        let by_text = v.text.as_deref().is_some_and(|t| connstr::find_secrets(t).iter().any(|h| h.in_connection_string));
        let by_name = v.text.is_none() && v.source != Source::Literal && names::names_connection_string(&hint);
        if by_text || by_name {
            let info = v.text.as_deref().map(connstr::classify).unwrap_or_default();
            // The setting's name may still say whose string it is (`ServiceBusConnectionStringBuilder(…)`).
            let service = info.service.or_else(|| names::service_of_name(&hint)).unwrap_or(Service::Unknown);
            self.push_conn(i, service, v, info, class);
        }
    }

    /// The operations seen on the client built at `node`, for `hit`'s roles.
    fn usage_into(&self, hit: &mut Hit, node: Node<'t>) {
        let usage = self.operations(node);
        hit.operations = usage.ops;
        hit.roles_note = usage.note;
        hit.exports = usage.exports;
        // A connection NServiceBus opens for its own tables: what the framework does is the usage.
        if self.lang == Lang::CSharp && hit.operations.is_empty() && self.inside_call_named(node, "ConnectionBuilder") {
            let implied = catalog::nservicebus_sql_persistence(self.src.contains("EnableInstallers()"));
            hit.operations = implied.ops.iter().map(|o| o.to_string()).collect();
            hit.roles_note = implied.why.map(|why| format!("assumed from NServiceBus ({}): {why}", implied.ops.join(", ")));
        }
    }

    fn client_hit(&mut self, i: usize, service: Service, cred: Cred<'t>, class: &str) {
        // `new CloudStorageAccount(new StorageCredentials(name, key), true)` then `CreateCloudBlobClient()`:
        // the one client the file makes from the account names the sub-service.
        let service = if class == "CloudStorageAccount" && service == Service::Storage {
            catalog::legacy_account_clients(self.src).unwrap_or(service)
        } else {
            service
        };
        self.push_cred_site(i, service, cred, class);
    }

    // ---- operations (for roles) -----------------------------------------------------------------

    /// Method names called on the client built at `node` (and on sub-clients derived from it), and
    /// the names through which other files reach it.
    fn operations(&self, node: Node<'t>) -> Usage {
        let mut ops: Vec<String> = Vec::new();
        let mut vars: Vec<(String, Option<(usize, usize)>)> = Vec::new();
        let mut exports = Vec::new();
        let note = match self.binding(node) {
            Binding::Var(name, scope) => {
                if scope.is_none() && self.at_module_level(node) && is_identifier(&name) {
                    exports.push(Export::Variable(name.clone()));
                }
                vars.push((name, scope));
                None
            }
            Binding::Chain(first) => {
                ops.extend(first);
                None
            }
            Binding::Returned(func) => {
                for c in self.all_calls() {
                    if c.name == func
                        && c.node.id() != node.id()
                        && let Binding::Var(v, scope) = self.binding(c.node)
                    {
                        vars.push((v, scope));
                    }
                }
                let note = vars.is_empty().then(|| format!("the client is returned by `{func}` and used outside this file"));
                exports.push(Export::Function(func.clone()));
                // `def search_client() -> SearchClient:` (FastAPI's `Depends(search_client)`): the code
                // that receives it declares the type, often after handing it on to another class.
                exports.extend(self.returned_type(&func, node).map(Export::Type));
                // `vault().get_secret(name)`: calls on the function's result in this file.
                vars.push((func, None));
                note
            }
            Binding::Injected => {
                let injected = self.injected_type(node);
                if let Some(t) = &injected {
                    exports.extend(self.derived_registrations(t).into_iter().map(Export::Type));
                }
                exports.extend(injected.map(Export::Type));
                Some("the client is registered for dependency injection; its operations are in other files".into())
            }
            Binding::None => Some("the client is not bound to a name in this file, so its operations cannot be seen".into()),
        };
        // A lazily built singleton (`_client = X(...)` ... `return _client` in `def _safety()`): its
        // operations are called on the getter (`_safety().analyze_text(...)`).
        let getters: Vec<String> = vars.iter().flat_map(|(v, _)| self.getters_of(strip_self(v))).collect();
        exports.extend(getters.iter().cloned().map(Export::Function));
        vars.extend(getters.into_iter().map(|g| (g, None)));
        let speech_config = compact(node, self.src).contains("SpeechConfig(") || compact(node, self.src).contains("SpeechConfig.");
        let (uniq, more) = self.follow(vars, ops, speech_config);
        exports.extend(more);
        exports.dedup();
        let note = note.or_else(|| uniq.is_empty().then(|| "no operations on this client are visible in this file".to_owned()));
        Usage { ops: uniq, note, exports }
    }

    /// The operations called on the names in `vars` (and on the clients derived from them and bound
    /// to names, or handed out by a function), after `ops`; and the functions that hand them out.
    fn follow(
        &self,
        mut vars: Vec<(String, Option<(usize, usize)>)>,
        mut ops: Vec<String>,
        speech_config: bool,
    ) -> (Vec<String>, Vec<Export>) {
        let mut exports = Vec::new();
        let mut seen = HashSet::new();
        let mut depth = 0;
        // Breadth first: the names bound straight from the client are followed before those derived
        // from them, so the budget runs out on the farthest ones.
        let mut next = 0;
        while next < vars.len() {
            let (var, scope) = vars[next].clone();
            next += 1;
            // The same name in two functions (`container` in each handler) is two clients.
            if !seen.insert((var.clone(), scope)) || depth > 24 {
                continue;
            }
            depth += 1;
            let bare = strip_self(&var);
            // `self._client = client` (a constructor keeping what it was given): the field is the client.
            if is_identifier(bare) {
                for d in self.r.all_defs().filter(|d| d.member.is_none() && d.name != var && &self.src[d.value.byte_range()] == bare) {
                    vars.push((d.name.clone(), None));
                }
            }
            for c in self.all_calls() {
                // A getter's result bound to a name (`const pool = await getPool()`, a method's
                // `fs = self.file_system(name)`): that name is the client.
                if c.receiver.is_none_or(|r| matches!(&self.src[r.byte_range()], "self" | "this" | "cls"))
                    && c.name == bare
                    && let Binding::Var(v, sc) = self.binding(c.node)
                {
                    vars.push((v, sc));
                }
                let Some(recv) = c.receiver else { continue };
                if let Some((s, e)) = scope
                    && (c.node.start_byte() < s || c.node.end_byte() > e)
                {
                    continue;
                }
                let recv_text = compact(recv, self.src);
                let root = receiver_root(&recv_text);
                // `vault().secrets.get(...)`: the path after a call of the getter counts too.
                let chained = strip_self(&recv_text)
                    .strip_prefix(bare)
                    .map(after_call_args)
                    .and_then(|t| t.strip_prefix('.'))
                    .filter(|t| !t.contains(['(', '[']));
                if strip_self(&root) != bare && chained.is_none() {
                    continue;
                }
                // @azure/ai-language-text: `client.analyze("EntityRecognition", docs)` names a Language
                // action (the other `analyze` calls are Document Intelligence's and Vision's).
                let language_action = c.name == "analyze"
                    && c.positional().next().is_some_and(|a| {
                        matches!(self.r.shape(a), Shape::Str(ref t)
                            if ["Recognition", "Analysis", "Extraction", "Detection", "Linking"].iter().any(|s| t.ends_with(s)))
                    });
                let name = if language_action { "recognize_entities".to_owned() } else { c.name.clone() };
                // `client.chat.completions.create`: the property path is part of the operation.
                ops.push(match chained {
                    Some(path) => format!("{path}.{name}"),
                    None => name,
                });
                // `pool.query("INSERT ...")`, `cursor.executemany("INSERT ... VALUES", rows)`: a call
                // given its statement does what the statement does (reading rows back is a call of its own).
                if crate::roles::is_query_call(&c.name) || crate::roles::runs_statement(&c.name) {
                    let sql = c.positional().next().and_then(|a| self.statement_text(a));
                    if let Some(verb) = sql.as_deref().and_then(crate::roles::sql_verb) {
                        ops.pop();
                        ops.push(verb.to_owned());
                    }
                }
                // A derived client bound to a name, or handed out by a function: follow it too.
                match self.binding(c.node) {
                    Binding::Var(v, sc) => {
                        // `labels = service.getContainerClient("labels")` ... `return labels`: a getter
                        // hands out the sub-client.
                        for g in self.getters_of(strip_self(&v)) {
                            exports.push(Export::Function(g.clone()));
                            vars.push((g, None));
                        }
                        vars.push((v, sc));
                    }
                    Binding::Returned(f) => {
                        exports.push(Export::Function(f.clone()));
                        vars.push((f, None));
                    }
                    _ => {}
                }
            }
            for (name, sql) in self.misparsed_generic_calls(bare, scope) {
                ops.push(name);
                ops.extend(sql.as_deref().and_then(crate::roles::sql_verb).map(str::to_owned));
            }
            // pandas: `pd.read_sql("SELECT ...", engine)`, `df.to_sql("t", engine)`: the engine is the
            // connection the statement runs on. `pd.read_parquet(path, filesystem=fs)`, `df.to_csv(path,
            // filesystem=fs)`: the file system reads or writes.
            for c in self.all_calls().iter().filter(|c| {
                c.name.starts_with("read_") || c.name.starts_with("to_") || matches!(c.name.as_str(), "write_table" | "write_deltalake")
            }) {
                let passed = c.args.iter().any(|a| strip_self(&compact(a.value, self.src)) == bare);
                if !passed {
                    continue;
                }
                match c.name.as_str() {
                    "read_sql" | "read_sql_query" | "read_sql_table" => {
                        let sql = c.positional().next().and_then(|a| self.r.eval(a).text);
                        ops.push(sql.as_deref().and_then(crate::roles::sql_verb).unwrap_or("select").to_owned());
                    }
                    "to_sql" => ops.push("insert".to_owned()),
                    name if name.starts_with("read_") => ops.push("download".to_owned()),
                    _ => ops.push("upload".to_owned()),
                }
            }
            // Calls the client is handed to, in its own scope: ADO.NET `new SqlCommand("INSERT ...",
            // connection)` runs its statement on the connection; `new BlobCheckpointStore(container)` makes
            // the container an Event Hubs processor's checkpoint store.
            let passed = |a: Node<'t>| strip_self(&compact(a, self.src)) == bare;
            for c in self.all_calls().iter().filter(|c| scope.is_none_or(|(s, e)| c.node.start_byte() >= s && c.node.end_byte() <= e)) {
                if c.is_new && matches!(c.name.as_str(), "SqlCommand" | "NpgsqlCommand" | "MySqlCommand") {
                    if c.positional().skip(1).any(passed)
                        && let Some(verb) =
                            c.positional().next().and_then(|a| self.statement_text(a)).as_deref().and_then(crate::roles::sql_verb)
                    {
                        ops.push(verb.to_owned());
                    }
                } else if catalog::takes_checkpoint_container(&c.name) && c.positional().next().is_some_and(passed) {
                    ops.push("checkpoint_store".to_owned());
                }
            }
            // The Speech SDK's config is no client: the recognizers and synthesizers built from it are.
            if speech_config {
                for c in self.all_calls() {
                    let takes_config = c.args.iter().any(|a| strip_self(&compact(a.value, self.src)) == bare);
                    if takes_config
                        && (c.name.ends_with("Recognizer") || c.name.ends_with("Synthesizer") || c.name.ends_with("Translator"))
                        && let Binding::Var(v, sc) = self.binding(c.node)
                    {
                        vars.push((v, sc));
                    }
                }
            }
        }
        let mut uniq: Vec<String> = Vec::new();
        for o in ops {
            if !uniq.contains(&o) {
                uniq.push(o);
            }
        }
        (uniq, exports)
    }

    /// Is the assignment that binds `node` at the top of its module (not in a function or class)?
    fn at_module_level(&self, node: Node<'t>) -> bool {
        let mut p = node.parent();
        while let Some(n) = p {
            if crate::lang::FUNCTION_KINDS.contains(&n.kind()) || n.kind().starts_with("class") || n.kind().contains("arrow") {
                return false;
            }
            p = n.parent();
        }
        true
    }

    /// The known client type a Python function's return annotation names (`-> SearchClient`,
    /// `-> Optional[SearchClient]`).
    fn returned_type(&self, func: &str, at: Node<'t>) -> Option<String> {
        if self.lang != Lang::Python {
            return None;
        }
        let def = self.r.function_named(func, at)?;
        let annotation = &self.src[def.child_by_field_name("return_type")?.byte_range()];
        let name = annotation.trim_start_matches("Optional[").trim_end_matches(']').rsplit('.').next()?.trim();
        (starts_upper(name) && catalog::client_service(name, &self.imports).is_some()).then(|| name.to_owned())
    }

    /// The sub-client types this file registers from the injected client of type `ty`
    /// (`AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender("q"))`, keyed alike):
    /// their consumers use the client too.
    fn derived_registrations(&self, ty: &str) -> Vec<String> {
        let resolved = format!("<{ty}>");
        let mut out: Vec<String> = Vec::new();
        for c in self.all_calls() {
            let Some(receiver) = c.receiver else { continue };
            let Shape::Call(inner) = self.r.shape(receiver) else { continue };
            let resolves = inner.name.starts_with("Get") && inner.name.contains("Service") && inner.callee.ends_with(&resolved);
            if let Some(derived) = catalog::derived_client(&c.name).filter(|_| resolves && self.in_registration(c.node))
                && !out.iter().any(|o| o == derived)
            {
                out.push(derived.to_owned());
            }
        }
        out
    }

    /// The type consumers of an injected client declare: the class constructed (`new ServiceBusClient(..)`)
    /// or the one a registration helper adds (`AddBlobServiceClient(..)`).
    fn injected_type(&self, node: Node<'t>) -> Option<String> {
        let name = callee_name(self.lang, node, self.src);
        let name = name.strip_prefix("Add").filter(|n| n.ends_with("Client")).unwrap_or(&name);
        (starts_upper(name) && catalog::client_service(name, &self.imports).is_some()).then(|| name.to_owned())
    }

    /// A known client constructed in this file with the credential object bound at `cred` as an
    /// argument (`SecretClient(url, credential=credential)`): its service and its call.
    fn client_taking(&self, cred: Node<'t>) -> Option<(Service, Node<'t>)> {
        let Binding::Var(var, scope) = self.binding(cred) else { return None };
        let var = strip_self(&var).to_owned();
        // Within the variable's scope (the same name is reused across methods), after the credential.
        let (from, to) = scope.unwrap_or((0, self.src.len()));
        self.all_calls().iter().find_map(|c| {
            let inside = c.node.start_byte() >= cred.end_byte().max(from) && c.node.end_byte() <= to;
            let takes = inside && c.args.iter().any(|a| strip_self(&compact(a.value, self.src)) == var);
            let service = catalog::client_service(&c.name, &self.imports)?;
            takes.then_some((service, c.node))
        })
    }

    /// The file's functions that only hand out `var` (`return _client`): getters of a singleton.
    fn getters_of(&self, var: &str) -> Vec<String> {
        if var.is_empty() || !var.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Vec::new();
        }
        let returned = self.returned_names.get_or_init(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, _) in self.src.match_indices("return ") {
                let rest = &self.src[i + "return ".len()..];
                let name_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
                // `return _client` alone, not `return _client.x` or `return _client()`.
                if name_len > 0 && !rest[name_len..].starts_with(['.', '(', '[']) {
                    map.entry(rest[..name_len].to_owned()).or_default().push(i);
                }
            }
            map
        });
        let Some(offsets) = returned.get(var) else { return Vec::new() };
        let mut root = self.calls.first().map(|c| c.node).or_else(|| self.call_nodes.first().copied());
        while let Some(p) = root.and_then(|r| r.parent()) {
            root = Some(p);
        }
        let Some(root) = root else { return Vec::new() };
        let mut out = Vec::new();
        for &i in offsets {
            let mut n = root.descendant_for_byte_range(i, i + 6);
            while let Some(x) = n {
                if matches!(x.kind(), "function_definition" | "function_declaration" | "method_definition" | "method_declaration") {
                    if let Some(name) = x.child_by_field_name("name") {
                        out.push(self.src[name.byte_range()].to_owned());
                    }
                    break;
                }
                n = x.parent();
            }
        }
        out
    }

    /// Does the fallback or conditional expression `expr` give `operand`'s value as its own (not
    /// its condition, not an arithmetic operand)?
    fn passes_value_through(&self, expr: Node<'t>, operand: Node<'t>) -> bool {
        if let Some(condition) = expr.child_by_field_name("condition") {
            return condition.id() != operand.id();
        }
        expr.child_by_field_name("operator").is_some_and(|op| matches!(&self.src[op.byte_range()], "??" | "||" | "or"))
    }

    fn binding(&self, node: Node<'t>) -> Binding {
        let mut n = node;
        let mut chain = Vec::new();
        loop {
            let Some(p) = n.parent() else {
                return Binding::None;
            };
            let kind = p.kind();
            match kind {
                "parenthesized_expression"
                | "await_expression"
                | "await"
                | "non_null_expression"
                | "as_expression"
                | "equals_value_clause"
                | "cast_expression"
                | "as_pattern"
                | "with_item"
                | "expression_statement"
                    if kind != "expression_statement" =>
                {
                    if kind == "as_pattern"
                        && let Some(alias) = p.child_by_field_name("alias")
                    {
                        return Binding::Var(compact(alias, self.src), self.scope_of(p));
                    }
                    n = p;
                }
                // `cached ?? BlobServiceClient.fromConnectionString(cs)`, `a if ok else B(cs)`: the
                // client is what the expression gives its variable.
                "binary_expression" | "boolean_operator" | "conditional_expression" | "ternary_expression"
                    if chain.is_empty() && self.passes_value_through(p, n) =>
                {
                    n = p;
                }
                "attribute" | "member_expression" | "member_access_expression" => {
                    // client.method(...) chained directly on the construction.
                    let name = p.child_by_field_name("attribute").or(p.child_by_field_name("property")).or(p.child_by_field_name("name"));
                    if let Some(m) = name {
                        chain.push(compact(m, self.src));
                    }
                    let call = p.parent().filter(|g| matches!(g.kind(), "call" | "call_expression" | "invocation_expression"));
                    match call {
                        Some(g) => n = g,
                        None => return Binding::Chain(chain),
                    }
                }
                "assignment"
                | "assignment_expression"
                | "augmented_assignment"
                // `connecting ??= pool.connect()`
                | "augmented_assignment_expression"
                | "variable_declarator"
                | "named_expression"
                | "field_definition"
                | "public_field_definition"
                | "property_declaration" => {
                    let target = p.child_by_field_name("left").or(p.child_by_field_name("name")).or(p.child_by_field_name("property"));
                    // `pool = await new sql.ConnectionPool(cfg).connect()`: connecting gives the client back.
                    let connected = chain.iter().all(|m| matches!(m.as_str(), "connect" | "connectAsync" | "ConnectAsync" | "open" | "Open"));
                    // `container = BlobServiceClient.fromConnectionString(cs).getContainerClient("x")`,
                    // `new CosmosClient(cs).database("d").container("c")`: the sub-client bound to the name is
                    // where the operations are.
                    let sub_client = chain.iter().all(|m| {
                        let l = m.to_ascii_lowercase();
                        l.starts_with("get") && l.ends_with("client") || matches!(l.as_str(), "database" | "container")
                    });
                    if !chain.is_empty() && !connected && !sub_client {
                        return Binding::Chain(chain);
                    }
                    return match target {
                        Some(t) if t.id() != n.id() => {
                            Binding::Var(compact(t, self.src), self.scope_of(p).filter(|_| is_local(&compact(t, self.src))))
                        }
                        _ => Binding::None,
                    };
                }
                "return_statement" | "arrow_expression_clause" | "arrow_function" | "lambda" | "lambda_expression" => {
                    if !chain.is_empty() {
                        return Binding::Chain(chain);
                    }
                    if let Some(f) = self.enclosing_function(p) {
                        if self.in_registration(p) {
                            return Binding::Injected;
                        }
                        return Binding::Returned(f);
                    }
                    return if self.in_registration(p) { Binding::Injected } else { Binding::None };
                }
                "argument" | "argument_list" | "arguments" | "keyword_argument" => {
                    if !chain.is_empty() {
                        return Binding::Chain(chain);
                    }
                    return if self.in_registration(p) { Binding::Injected } else { Binding::None };
                }
                _ => {
                    return if !chain.is_empty() {
                        Binding::Chain(chain)
                    } else if self.in_registration(p) {
                        Binding::Injected
                    } else {
                        Binding::None
                    };
                }
            }
        }
    }

    /// How the options object a driver call gets from another module of the app signs in
    /// (`new sql.ConnectionPool(sqlConfig)`, `sqlConfig` imported from `./db-config`; Python's
    /// `connect(**config.MYSQL)` with `config` the app's settings module).
    fn imported_options(&self, c: &CallInfo<'t>) -> Option<ImportedAuth> {
        // JS/TS: `new sql.ConnectionPool(sqlConfig)`; Python: `mysql.connector.connect(**config.MYSQL)`.
        let arg = match self.lang {
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => c.positional().next()?,
            Lang::Python => *c.splats.first()?,
            Lang::CSharp => return None,
        };
        // A Python module's dict reads like a setting (`config.MYSQL`): the module decides.
        if self.lang != Lang::Python && self.r.eval(arg).source != Source::Unknown {
            return None;
        }
        let pairs = super::modules::imported_object(self.origin?, &self.imports, &compact(arg, self.src), self.config)?;
        let key = |k: &str| names::normalize(k);
        if pairs.iter().any(|(k, _)| matches!(key(k).as_str(), "authentication" | "credentialsprovider" | "authplugins")) {
            return Some(ImportedAuth::Passwordless);
        }
        let (_, v) = pairs.iter().find(|(k, _)| matches!(key(k).as_str(), "password" | "pwd" | "passwd"))?;
        if v.is_function
            || v.source == Source::Literal && v.text.as_deref().is_none_or(|t| t.trim().is_empty() || secrets::is_placeholder(t))
        {
            return Some(ImportedAuth::Passwordless);
        }
        // A literal is reported where it is written; from here it is a value this file does not show.
        Some(ImportedAuth::Password(if v.source == Source::Literal { Source::Unknown } else { v.source.clone() }))
    }

    /// How the first connection of a dict that the app's settings module defines signs in, for a
    /// Python driver given it by name (`register_tortoise(app, config=TORTOISE_ORM)`): a URL with a
    /// password (its service from the URL), or `None`.
    fn imported_python_connection(&self, c: &CallInfo<'t>) -> Option<(Service, Source)> {
        if self.lang != Lang::Python {
            return None;
        }
        let arg = c.keyword(&["config"])?;
        let expr = compact(arg, self.src);
        let pairs = super::modules::imported_object(self.origin?, &self.imports, &format!("{expr}.connections"), self.config)?;
        let (_, first) = pairs.into_iter().next()?;
        let url = first.text.filter(|u| !connstr::points_local(u))?;
        let info = connstr::classify_any(&url);
        if !connstr::find_secrets(&url).iter().any(|h| h.kind == CredentialKind::Password) {
            return None;
        }
        // A literal is reported where it is written; from here it is a value this file does not show.
        let source = if first.source == Source::Literal { Source::Unknown } else { first.source };
        Some((info.service.unwrap_or(Service::Unknown), source))
    }

    /// The value of `config.photos.containerUrl` when `config` is the object a relative import of
    /// this JS/TS file binds (the app's config module), resolved in that module.
    fn imported_value(&self, node: Node<'t>) -> Option<super::modules::ImportedValue> {
        if !matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx) {
            return None;
        }
        let path = compact(node, self.src);
        let (object, key) = path.rsplit_once('.')?;
        let pairs = super::modules::imported_object(self.origin?, &self.imports, object, self.config)?;
        pairs.into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// How a `*ConnectionStringBuilder` signs in the string `arg` reads from it (`builder.ConnectionString`,
    /// `builder.ToString()`): its `Password` (initializer or a later `builder.Password = ...`), or
    /// passwordless when it names an `Authentication` method or sets no password on an empty builder.
    /// `None` when `arg` is not read from a builder, or the builder starts from another string.
    fn builder_auth(&self, arg: Node<'t>) -> Option<BuilderAuth<'t>> {
        let object = match self.r.shape(arg) {
            Shape::Member { object, name } if name == "ConnectionString" => object,
            Shape::Call(call) if call.name == "ToString" => call.receiver?,
            _ => return None,
        };
        let Shape::Call(builder) = self.r.shape(self.r.eval(object).node) else {
            return None;
        };
        if !builder.name.ends_with("ConnectionStringBuilder") {
            return None;
        }
        let name = compact(object, self.src);
        let member = |keys: &[&str]| {
            let assigned = || keys.iter().find_map(|k| self.r.def_of(&format!("{name}.{k}"), arg).map(|d| d.value));
            builder.initializer.iter().find(|(k, _)| keys.contains(&k.as_str())).map(|p| p.1).or_else(assigned)
        };
        if let Some(p) = member(&["Password", "Pwd"]) {
            return Some(BuilderAuth::Password(p));
        }
        if member(&["Authentication"]).is_some() || builder.positional().next().is_none() {
            return Some(BuilderAuth::Passwordless);
        }
        None
    }

    /// Is `node` inside the arguments of a call whose name is `name` (`bus.UsingAzureServiceBus(...)`)?
    fn inside_call_named(&self, node: Node<'t>, name: &str) -> bool {
        self.r.ancestors(node).into_iter().any(|n| n.kind() == "invocation_expression" && callee_name(self.lang, n, self.src) == name)
    }

    fn in_registration(&self, node: Node<'t>) -> bool {
        for n in self.r.ancestors(node) {
            let t = &self.src[n.byte_range()];
            // A NestJS provider object (`{ provide: TOKEN, useFactory: (config) => new X(...) }`), declared
            // apart from the module that lists it.
            if n.kind() == "pair" && n.child_by_field_name("key").is_some_and(|k| &self.src[k.byte_range()] == "useFactory") {
                return true;
            }
            if matches!(n.kind(), "invocation_expression" | "call_expression" | "call") {
                let head: String = t.chars().take(200).collect();
                if [
                    "AddSingleton",
                    "AddScoped",
                    "AddTransient",
                    // .NET 8 keyed services: `AddKeyedSingleton("archive", (sp, _) => new BlobServiceClient(..))`.
                    "AddKeyedSingleton",
                    "AddKeyedScoped",
                    "AddKeyedTransient",
                    "AddAzureClients",
                    "TryAddSingleton",
                    "register",
                    "provide",
                    "useFactory",
                    "useValue",
                ]
                .iter()
                .any(|w| head.contains(w))
                {
                    return true;
                }
            }
        }
        false
    }

    fn enclosing_function(&self, node: Node<'t>) -> Option<String> {
        for n in self.r.ancestors(node) {
            if matches!(
                n.kind(),
                "function_definition" | "function_declaration" | "method_declaration" | "method_definition" | "local_function_statement"
            ) {
                return n.child_by_field_name("name").map(|x| compact(x, self.src));
            }
            if n.kind() == "variable_declarator" && n.child_by_field_name("value").is_some_and(|v| v.kind().contains("function")) {
                return n.child_by_field_name("name").map(|x| compact(x, self.src));
            }
        }
        None
    }

    fn scope_of(&self, node: Node<'t>) -> Option<(usize, usize)> {
        self.r.ancestors(node).into_iter().find(|n| crate::lang::FUNCTION_KINDS.contains(&n.kind())).map(|n| (n.start_byte(), n.end_byte()))
    }

    /// The service a SQLAlchemy dialect names: `URL.create("mssql+pyodbc", password=...)`.
    /// A driver call whose host is written as the developer's machine or a container beside the app
    /// (`host="localhost"`, `{ host: 'db' }`, Knex's `{ connection: { host: '127.0.0.1' } }`): a test or
    /// local database, not an Azure one.
    fn literal_local_host(&self, c: &CallInfo<'t>) -> bool {
        c.args.iter().any(|a| a.name.as_deref().is_some_and(is_host_key) && self.literal_local(a.value))
            || c.positional().any(|a| self.dict_local_host(a, 1))
    }

    fn literal_local(&self, n: Node<'t>) -> bool {
        let v = self.r.eval(n);
        v.source == Source::Literal && v.full_text().is_some_and(connstr::is_local_host)
    }

    /// Does this options object (or one nested `depth` levels down) name a local host?
    fn dict_local_host(&self, n: Node<'t>, depth: usize) -> bool {
        let Shape::Dict(pairs) = self.r.shape(self.r.eval(n).node) else { return false };
        pairs.iter().any(|(k, v)| is_host_key(k) && self.literal_local(*v) || depth > 0 && self.dict_local_host(*v, depth - 1))
    }

    /// Is a password's value an argument or option beside a local host (see [`Self::literal_local_host`])?
    fn beside_local_host(&self, value: Node<'t>) -> bool {
        // Up through an env read's fallback (`"PWD": os.environ.get("X", "...")`) to the options it sits in.
        let mut p = value.parent();
        for _ in 0..6 {
            let Some(n) = p else { return false };
            match self.r.shape(n) {
                Shape::Call(c) if self.literal_local_host(&c) => return true,
                Shape::Dict(_) if self.dict_local_host(n, 0) => return true,
                _ => {}
            }
            p = n.parent();
        }
        false
    }

    /// Options that are a whole config section (`knex(app.get('mssqlClient'))`): the database its
    /// `client` / `dialect` / `type` or its host names, and where its password is, when it has a real
    /// one (the deployed value wins, as for any setting).
    fn config_section_password(&self, c: &CallInfo<'t>) -> Option<(Service, Source)> {
        let section = c.positional().find_map(|a| match self.r.eval(a) {
            Resolved { source: Source::Config(key), text: None, .. } if !key.is_empty() => Some(key),
            _ => None,
        })?;
        let keys = self.r.config_keys_under(&section);
        let value = |leaves: &[&str]| {
            keys.iter()
                .filter(|k| k[section.len() + 1..].split(':').count() <= 2)
                .find(|k| leaves.contains(&k.rsplit(':').next().unwrap_or("").to_ascii_lowercase().as_str()))
                .and_then(|k| self.r.config_value(k).map(|v| (k.to_string(), v)))
        };
        let (password_key, password) = value(&["password", "pwd"])?;
        if password.trim().is_empty() || secrets::is_placeholder(&password) {
            return None;
        }
        let by_dialect = value(&DIALECT_KEYS).and_then(|(_, d)| dialect_service_of(&d));
        let host = value(&["server", "host", "hostname"]).map(|(_, h)| h);
        if host.as_deref().is_some_and(connstr::is_local_host) {
            return None;
        }
        let service = by_dialect.or_else(|| host.as_deref().and_then(connstr::service_of_host)).unwrap_or(Service::Unknown);
        Some((service, Source::Config(password_key)))
    }

    /// LoopBack's datasource: a `juggler.DataSource` subclass hands its options to `super(dsConfig)`
    /// (what `lb4 datasource` generates); LoopBack 3 and scripts write `new DataSource(options)`. The
    /// options' `connector` names the database.
    fn loopback_datasource(&self, c: &CallInfo<'t>) -> bool {
        if !matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
            || !(self.imports.contains("@loopback/repository") || self.imports.contains("loopback-datasource-juggler"))
        {
            return false;
        }
        if c.is_new {
            return c.name == "DataSource";
        }
        c.callee == "super"
            && self
                .r
                .enclosing_class(c.node)
                .and_then(|class| {
                    let mut w = class.walk();
                    class.children(&mut w).find(|n| n.kind() == "class_heritage")
                })
                .is_some_and(|heritage| self.r.text(heritage).contains("DataSource"))
    }

    fn dialect_service(&self, c: &CallInfo<'t>) -> Option<Service> {
        // Sequelize's options object names it: `new Sequelize(db, user, password, { dialect: "mysql" })`.
        // TypeORM names it `type` (`{ type: 'mssql', ... }`), Knex `client` (`{ client: 'pg', connection }`),
        // LoopBack `connector` (`{ connector: 'mssql' }`, or the package `loopback-connector-mssql`).
        let in_options = c.positional().find_map(|a| {
            let pairs = self.options_pairs(a)?;
            pairs.iter().find(|(k, _)| DIALECT_KEYS.contains(&k.as_str())).and_then(|(_, v)| self.r.eval(*v).full_text().map(str::to_owned))
        });
        let dialect = match in_options {
            Some(d) => d,
            None => self.r.eval(c.positional().next()?).full_text()?.to_owned(),
        };
        dialect_service_of(&dialect)
    }

    /// Where a call's method name starts: a builder chain's call begins lines above the method that
    /// makes it a site (`builder.AddKernelMemory(km => km` then `.WithAzureBlobsDocumentStorage(...)`).
    fn method_name_start(call: Node<'_>) -> Option<usize> {
        call.child_by_field_name("function").and_then(|f| f.child_by_field_name("name")).map(|n| n.start_byte())
    }

    /// The entries of an options object argument; for NestJS's async modules
    /// (`TypeOrmModule.forRootAsync({ useFactory: (config) => ({ type, password }) })`), those of the
    /// object its factory returns.
    fn options_pairs(&self, arg: Node<'t>) -> Option<Vec<(String, Node<'t>)>> {
        let Shape::Dict(pairs) = self.r.shape(self.r.eval(arg).node) else { return None };
        let factory = pairs.iter().find(|(k, _)| k == "useFactory").map(|(_, f)| self.r.eval(*f).node);
        let Some(factory) = factory.filter(|f| matches!(f.kind(), "arrow_function" | "function_expression" | "function")) else {
            return Some(pairs);
        };
        let body = factory.child_by_field_name("body")?;
        let result = if body.kind() == "statement_block" { super::resolve::function_return(factory)? } else { body };
        match self.r.shape(self.r.eval(result).node) {
            Shape::Dict(inner) => Some(inner),
            _ => Some(pairs),
        }
    }

    /// A service suggested by what surrounds a node: Django's ENGINE/HOST, a driver call, a host literal.
    fn context_service(&self, node: Node<'t>) -> Option<Service> {
        let mut p = Some(node);
        for _ in 0..5 {
            let n = p?;
            match self.r.shape(n) {
                Shape::Dict(mut pairs) => {
                    // The siblings that share most of the secret's own name speak first: in a PM2 `env`
                    // block, `BILLING_DB_SERVER` says what `BILLING_DB_PASSWORD` is, not `REDIS_HOST`.
                    let own = pairs.iter().find(|(_, v)| v.start_byte() <= node.start_byte() && node.end_byte() <= v.end_byte());
                    let own = own.map(|(k, _)| names::normalize(k)).unwrap_or_default();
                    let shared = |k: &str| names::normalize(k).bytes().zip(own.bytes()).take_while(|(a, b)| a == b).count();
                    pairs.sort_by_key(|(k, _)| std::cmp::Reverse(shared(k)));
                    for (k, v) in &pairs {
                        if let Some(s) = self.r.eval(*v).full_text().and_then(|t| service_named_by(k, t)) {
                            return Some(s);
                        }
                    }
                }
                Shape::Call(c) => {
                    // Airflow's `Connection(conn_type="wasb", login=…, password=…)`.
                    for a in &c.args {
                        if let Some(key) = &a.name
                            && let Some(s) = self.r.eval(a.value).full_text().and_then(|t| service_named_by(key, t))
                        {
                            return Some(s);
                        }
                    }
                    if let Some(s) = catalog::driver_service(&c.callee, &c.name, c.is_new, &self.imports).filter(|s| *s != Service::Unknown)
                    {
                        return Some(s);
                    }
                    if let Some(s) =
                        catalog::client_service(&self.class_of(&c), &self.imports).or_else(|| catalog::connection_builder_service(&c.name))
                    {
                        return Some(s);
                    }
                    // `make_conninfo(host="….postgres.database.azure.com", password=…)`: the host says.
                    for a in &c.args {
                        if let Some(s) = self.r.eval(a.value).full_text().and_then(connstr::service_of_host) {
                            return Some(s);
                        }
                    }
                }
                _ => {}
            }
            p = n.parent();
        }
        None
    }

    /// Does this URL or string carry a SAS: a signed query (`sv=…&sig=…`), or a query filled in from
    /// a SAS setting (`$"https://…/share?{settings["ExportShareSas"]}"`)?
    fn holds_sas(&self, v: &Resolved<'t>) -> bool {
        let Some(t) = v.text.as_deref() else { return false };
        let lower = t.to_ascii_lowercase();
        lower.contains("sig=") && (lower.contains("sv=") || lower.contains("se="))
            || t.contains(HOLE) && t.contains('?') && self.sas_named(v)
    }

    /// Is this value read from a setting named for a SAS, or from one whose config value is signed?
    fn sas_named(&self, v: &Resolved<'t>) -> bool {
        v.name_hint.as_deref().and_then(names::secret_name).is_some_and(|(k, _)| k == CredentialKind::SasToken)
            || self.setting_holds_sas(v.node)
    }

    /// Does a setting read inside this expression hold a SAS, by its name (`settings["ExportShareSas"]`)
    /// or by the value the repository's config gives it? (`$"https://…/share?{settings["Token"]}"`.)
    fn setting_holds_sas(&self, node: Node<'t>) -> bool {
        let text = &self.src[node.byte_range()];
        text.split(['"', '\'']).skip(1).step_by(2).any(|key| {
            names::secret_name(key).is_some_and(|(k, _)| k == CredentialKind::SasToken)
                || self.config_text(key).is_some_and(|v| v.to_ascii_lowercase().contains("sig="))
        })
    }

    fn config_text(&self, key: &str) -> Option<String> {
        self.r.config_value(key)
    }

    // ---- secret literals --------------------------------------------------------------------------

    fn remember_literals(&mut self, v: &Resolved<'t>, kind: CredentialKind, service: Service, resource: Option<String>) {
        self.remember_literals_for(v, kind, service, resource, false);
    }

    /// `endpoint_named`: the site names the endpoint the key is for (Spark's
    /// `fs.azure.account.key.<account>.dfs.core.windows.net`), so the key keeps that sub-service.
    fn remember_literals_for(
        &mut self,
        v: &Resolved<'t>,
        kind: CredentialKind,
        service: Service,
        resource: Option<String>,
        endpoint_named: bool,
    ) {
        let direct = !matches!(kind, CredentialKind::ConnectionString) && resource.is_none();
        for l in &v.literals {
            self.secret_literals.push((*l, kind, service, resource.clone(), direct, endpoint_named));
        }
    }

    /// The outermost expression a string literal is part of (a concatenation, a template).
    fn string_root(&self, node: Node<'t>) -> Node<'t> {
        let mut n = node;
        while let Some(p) = n.parent() {
            match self.r.shape(p) {
                Shape::Concat(_) | Shape::Template(_) => n = p,
                Shape::Wrapper(_) if p.kind() == "parenthesized_expression" => n = p,
                _ if p.kind() == "concatenated_string" => n = p,
                _ => break,
            }
        }
        n
    }

    fn secret_hits(&mut self, strings: &[Node<'t>], pairs: &[(Node<'t>, Node<'t>)]) {
        let mut reported: HashMap<usize, usize> = HashMap::new();
        // 1. Literals feeding an auth site: the site knows the service.
        let literals = std::mem::take(&mut self.secret_literals);
        for (lit, kind, service, resource, direct, endpoint_named) in literals {
            let root = self.string_root(lit);
            if reported.contains_key(&root.start_byte()) {
                continue;
            }
            let v = self.r.eval(root);
            let Some(text) = v.text.clone() else { continue };
            let found = connstr::find_secrets(&text);
            let (value, kind, service) = match found.first() {
                Some(h) => (
                    h.value.clone(),
                    h.kind,
                    match (h.service, service) {
                        (Service::Unknown, s) | (Service::ServiceBus, s @ Service::EventHubs) => s,
                        (h, _) => h,
                    },
                ),
                None if !direct => continue,
                None => {
                    // A key split across literals (`("zjbP…" "ClFC…==")`, `"…" + "…"`) is the whole.
                    let whole = (root.id() != lit.id()).then(|| v.full_text().map(str::to_owned)).flatten();
                    let lit_text = match (whole, self.r.shape(lit)) {
                        (Some(w), _) => w,
                        (None, Shape::Str(s)) => s,
                        _ => continue,
                    };
                    if !names::value_fits(
                        if kind == CredentialKind::ConnectionString { CredentialKind::ApiKey } else { kind },
                        Some(service),
                        &lit_text,
                    ) {
                        continue;
                    }
                    (lit_text, kind, service)
                }
            };
            if !self.literal_holds(&v, &value) {
                continue;
            }
            let root = self.holding_root(&v, &value, root);
            if reported.contains_key(&root.start_byte()) {
                continue;
            }
            let kind = self.kind_at(root, &value, kind, service);
            // An account key (alone or in a connection string) opens every service of the account,
            // whichever client this code builds with it; so does an account SAS for several services. A
            // service SAS on a blob URL grants the blob service only (`connstr::find_secrets` says which).
            let service = match kind {
                CredentialKind::SasToken
                    if found.first().is_some_and(|h| h.kind == CredentialKind::SasToken && h.service != Service::Storage) =>
                {
                    service
                }
                CredentialKind::AccountKey | CredentialKind::ConnectionString | CredentialKind::SasToken
                    if service.is_storage() && !endpoint_named =>
                {
                    Service::Storage
                }
                _ => service,
            };
            let idx = self.hits.len();
            let mut hit = self.hit(root, Category::Secret, service, kind, Source::Literal, "secret");
            hit.secrets = vec![value];
            hit.resource = resource.or_else(|| found.first().and_then(|h| h.resource.clone()));
            self.hits.push(hit);
            reported.insert(root.start_byte(), idx);
        }
        // 2. Every string: connection strings, SAS tokens, credential URLs, Entra secrets by shape.
        for s in strings {
            // A concatenation holding a secret has a piece with a marker: pieces without one are skipped
            // before climbing to their root (climbing costs a walk from the tree's root).
            if !crate::prefilter::may_hold_secret(&self.src.as_bytes()[s.byte_range()]) {
                continue;
            }
            let root = self.string_root(*s);
            if reported.contains_key(&root.start_byte()) {
                continue;
            }
            let v = self.r.eval(root);
            let Some(text) = v.text.as_deref() else {
                continue;
            };
            let found = connstr::find_secrets(text);
            let Some(h) = found.into_iter().find(|h| self.literal_holds(&v, &h.value)) else {
                continue;
            };
            let root = self.holding_root(&v, &h.value, root);
            if reported.contains_key(&root.start_byte()) {
                continue;
            }
            let service = if h.service == Service::Unknown { self.context_service(root).unwrap_or(Service::Unknown) } else { h.service };
            let h = connstr::SecretHit { kind: self.kind_at(root, &h.value, h.kind, service), ..h };
            let service = self.refine_by_context(root, service);
            let idx = self.hits.len();
            let mut hit = self.hit(root, Category::Secret, service, h.kind, Source::Literal, "secret");
            hit.secrets = vec![h.value.clone()];
            hit.resource = h.resource.clone();
            self.hits.push(hit);
            reported.insert(root.start_byte(), idx);
        }
        // 3. Named values: `ACCOUNT_KEY = "..."`, `password="..."`, `{ "apiKey": "..." }`.
        let mut named: Vec<(String, Node<'t>)> = pairs.iter().map(|(k, v)| (self.option_name(*k, *v), *v)).collect();
        named.extend(self.r.all_defs().filter(|d| d.member.is_none()).map(|d| (last_segment(&d.name), d.value)));
        // A literal fallback of a setting takes the setting's name: `process.env.AZURE_STORAGE_KEY || "..."`,
        // `os.getenv("COSMOS_KEY", "...")`, `config["Search:ApiKey"] ?? "..."`.
        for s in strings {
            // No secret value holds whitespace (a SAS URL's `sig=` aside), and a piece with some
            // spreads it to the whole it is part of: skip such strings (docstrings, messages) before
            // climbing to their parent (a walk from the tree's root).
            if let Shape::Str(text) = self.r.shape(*s)
                && text.trim().contains(|c: char| c.is_whitespace())
                && !text.to_ascii_lowercase().contains("sig=")
            {
                continue;
            }
            let mut p = s.parent();
            while let Some(n) = p.filter(|n| matches!(n.kind(), "argument_list" | "arguments" | "argument" | "parenthesized_expression")) {
                p = n.parent();
            }
            let Some(parent) = p else { continue };
            if !matches!(self.r.shape(parent), Shape::Fallback(_) | Shape::Call(_)) {
                continue;
            }
            let r = self.r.eval(parent);
            if let (Source::Env(name) | Source::Config(name), true) = (&r.source, r.literals.iter().any(|l| l.id() == s.id())) {
                named.push((name.clone(), *s));
                continue;
            }
            // The app's own settings helper, `_env("SPEECH_KEY", "<literal>")`: a call whose first
            // argument names a secret setting and whose second is this literal.
            // (`monkeypatch.setenv("DB_PASSWORD", "...")`, vitest's `vi.stubEnv(...)` set a test's
            // value: not the app's.)
            if let Shape::Call(c) = self.r.shape(parent)
                && !matches!(c.name.as_str(), "setenv" | "putenv" | "setitem" | "set_env" | "SetEnvironmentVariable" | "stubEnv")
            {
                let mut args = c.positional();
                if let (Some(first), Some(second)) = (args.next(), args.next())
                    && second.id() == s.id()
                    && let Shape::Str(setting) = self.r.shape(first)
                    && setting.len() <= 64
                    // A setting's name: `SPEECH_KEY`, `Speech:Key` (not an XML element's `Password`).
                    && (setting.contains('_') && setting.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
                        || setting.contains(':') && setting.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | ':' | '.')))
                    && names::secret_name(&setting).is_some()
                {
                    named.push((setting, *s));
                }
            }
        }
        named.sort_by_key(|(_, v)| v.start_byte());
        for (name, value) in named {
            // Most bindings hold no string at all: skip them before looking at the name.
            let raw = &self.src.as_bytes()[value.byte_range()];
            if !raw.iter().any(|b| matches!(b, b'"' | b'\'' | b'`')) {
                continue;
            }
            // A class member's name may say what it is only with its class's: `FallbackKey` in
            // `AzureOpenAIOptions`, `Key` in `class CosmosSettings`.
            let Some((kind, service_hint)) = names::secret_name(&name).or_else(|| {
                let class = self.r.class_of_member(value)?.child_by_field_name("name")?;
                names::secret_name(&format!("{}_{name}", &self.src[class.byte_range()]))
            }) else {
                continue;
            };
            // The literal the name holds: directly, through concatenation, or as an env default.
            let v = self.r.eval(value);
            let Some(lit) = v.literals.iter().copied().find(|l| l.start_byte() >= value.start_byte() && l.end_byte() <= value.end_byte())
            else {
                continue;
            };
            let root = self.string_root(lit);
            if reported.contains_key(&root.start_byte()) {
                continue;
            }
            let Some(text) = self.r.eval(root).full_text().map(str::to_owned) else {
                continue;
            };
            if !names::value_fits(kind, service_hint, &text) {
                continue;
            }
            // The setting the literal is the default of may say more than the name holding it
            // (`clickstreamKey = process.env.CLICKSTREAM_EVENTHUB_KEY ?? '…'`).
            let setting_service = match &v.source {
                Source::Env(n) | Source::Config(n) => names::service_of_name(n),
                _ => None,
            };
            let service = names::service_of_name(&name)
                .or(setting_service)
                .or(service_hint)
                .or_else(|| self.context_service(value))
                .or_else(|| self.sibling_keys_service(value))
                .or_else(|| self.enclosing_name_service(value))
                .unwrap_or(if kind == CredentialKind::ClientSecret { Service::EntraId } else { Service::Unknown });
            // A password with no Azure context must at least look deliberate.
            if kind == CredentialKind::Password && service == Service::Unknown && text.len() < 8 {
                continue;
            }
            // `psycopg2.connect(host="db", password="...")`: a test or local database's password.
            if kind == CredentialKind::Password && self.beside_local_host(value) {
                continue;
            }
            let idx = self.hits.len();
            let mut hit = self.hit(root, Category::Secret, service, kind, Source::Literal, "secret");
            hit.secrets = vec![text];
            self.hits.push(hit);
            reported.insert(root.start_byte(), idx);
        }
        // 4. An account key by its shape alone: 64 random bytes in base64 (88 characters ending `==`)
        // is a Storage or Cosmos DB key whatever name or helper holds it (`Env("OPS_LAKE_KEY", "…==")`).
        for s in strings {
            let Shape::Str(text) = self.r.shape(*s) else { continue };
            if !secrets::looks_like_account_key(&text) {
                continue;
            }
            let root = self.string_root(*s);
            if reported.contains_key(&root.start_byte()) {
                continue;
            }
            let service = match self.context_service(*s).or_else(|| self.enclosing_name_service(*s)) {
                Some(Service::CosmosDb) => Service::CosmosDb,
                _ => Service::Storage,
            };
            let idx = self.hits.len();
            let mut hit = self.hit(root, Category::Secret, service, CredentialKind::AccountKey, Source::Literal, "secret");
            hit.secrets = vec![text.trim().to_owned()];
            self.hits.push(hit);
            reported.insert(root.start_byte(), idx);
        }
    }

    /// The service that the keys set beside a value's own say, for a value assigned one key at a time
    /// (`DATABASES["default"]["PASSWORD"] = ...` beside `DATABASES["default"]["HOST"] = "….postgres…"`).
    fn sibling_keys_service(&self, value: Node<'t>) -> Option<Service> {
        let own = self.r.all_defs().find(|d| d.value.id() == value.id())?;
        let (object, _) = own.name.rsplit_once('.')?;
        let prefix = format!("{object}.");
        self.r.all_defs().filter(|d| d.value.id() != value.id()).find_map(|d| {
            let key = d.name.strip_prefix(&prefix).filter(|k| !k.contains('.'))?;
            service_named_by(key, self.r.eval(d.value).full_text()?)
        })
    }

    /// The service named by what encloses a value: the key of the object holding it (`openai: { apiKey }`)
    /// or its class (`class Cosmos: key = environ.var("…")`).
    fn enclosing_name_service(&self, node: Node<'t>) -> Option<Service> {
        let mut p = node.parent();
        for _ in 0..6 {
            let n = p?;
            let name = match n.kind() {
                "pair" => n.child_by_field_name("key"),
                // `cosmos_key: SecretStr = Field(default=SecretStr("…"))`, `const cosmosKey = wrap("…")`.
                "assignment" => n.child_by_field_name("left"),
                "variable_declarator" | "property_declaration" => n.child_by_field_name("name"),
                "class_definition" | "class_declaration" | "class" => n.child_by_field_name("name"),
                _ => None,
            };
            if let Some(service) = name.and_then(|k| names::service_of_name(&self.src[k.byte_range()])) {
                return Some(service);
            }
            p = n.parent();
        }
        None
    }

    /// Service Bus and Event Hubs share connection-string syntax: the names around tell them apart.
    fn refine_by_context(&self, node: Node<'t>, service: Service) -> Service {
        if service != Service::ServiceBus {
            return service;
        }
        let mut p = node.parent();
        for _ in 0..4 {
            let Some(n) = p else { break };
            let t: String = self.src[n.byte_range()].chars().take(300).collect::<String>().to_ascii_lowercase();
            if t.contains("eventhub") || t.contains("event_hub") || t.contains("9093") || t.contains("sasl") {
                return Service::EventHubs;
            }
            p = n.parent();
        }
        service
    }

    fn key_text(&self, key: Node<'t>) -> String {
        match self.r.shape(key) {
            Shape::Str(s) => s,
            _ => compact(key, self.src),
        }
    }

    /// Is `value` written in this file's literals (rather than coming from a config file)?
    /// The kind of what the literal at `root` holds: the bare key of a connection string built around
    /// it (`key = "…=="; cs = "…;AccountKey=" + key`) is an account key (or an API key), not the string.
    fn kind_at(&self, root: Node<'t>, value: &str, kind: CredentialKind, service: Service) -> CredentialKind {
        let bare = matches!(self.r.shape(root), Shape::Str(ref s) if s.trim() == value);
        match kind {
            CredentialKind::ConnectionString if bare && (service.is_storage() || service == Service::CosmosDb) => {
                CredentialKind::AccountKey
            }
            CredentialKind::ConnectionString if bare => CredentialKind::ApiKey,
            k => k,
        }
    }

    /// Where a secret is reported: at the literal that holds it (`params = quote_plus("...Pwd=...")`)
    /// rather than at the concatenation or template that uses it, else at `root`.
    fn holding_root(&self, v: &Resolved<'t>, value: &str, root: Node<'t>) -> Node<'t> {
        let holds = |l: &&Node<'t>| matches!(self.r.shape(**l), Shape::Str(ref s) if s.contains(value));
        // A key split over concatenated literals (`'hJ8k…' + '…ew=='`): the literal holding a piece of
        // it, not the template that interpolates the variable.
        let piece = |l: &&Node<'t>| matches!(self.r.shape(**l), Shape::Str(ref s) if s.len() >= 8 && value.contains(s.as_str()));
        v.literals.iter().find(holds).or_else(|| v.literals.iter().find(piece)).map(|l| self.string_root(*l)).unwrap_or(root)
    }

    fn literal_holds(&self, v: &Resolved<'t>, value: &str) -> bool {
        if value.is_empty() || value.contains(HOLE) {
            return false;
        }
        if self.src[v.node.byte_range()].contains(value) {
            return true;
        }
        if !v.text_from_config && v.source == Source::Literal {
            return true;
        }
        let mut joined = String::new();
        for l in &v.literals {
            if let Shape::Str(s) = self.r.shape(*l) {
                if s.contains(value) {
                    return true;
                }
                joined.push_str(&s);
            }
        }
        joined.contains(value)
    }
}

/// What [`Analyzer::operations`] learns about a client.
struct Usage {
    ops: Vec<String>,
    note: Option<String>,
    exports: Vec<Export>,
}

enum Binding {
    Var(String, Option<(usize, usize)>),
    Chain(Vec<String>),
    Returned(String),
    Injected,
    None,
}

/// A lambda or function given as an argument (an options callback).
fn is_callback(arg: Node<'_>) -> bool {
    arg.kind().contains("lambda") || arg.kind().contains("function")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// `(x, y).rest` → `.rest`: what follows a call's argument list (the text itself when it is none).
fn after_call_args(s: &str) -> &str {
    if !s.starts_with('(') {
        return s;
    }
    let mut depth = 0;
    for (i, ch) in s.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &s[i + 1..];
                }
            }
            _ => {}
        }
    }
    s
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// The storage service a Hadoop setting's endpoint names (`….dfs.core.windows.net`: Data Lake).
fn storage_endpoint_service(setting: &str) -> Service {
    if setting.contains(".dfs.") {
        Service::StorageDatalake
    } else if setting.contains(".blob.") {
        Service::StorageBlob
    } else {
        Service::Storage
    }
}

fn strip_self(s: &str) -> &str {
    s.trim_start_matches("self.").trim_start_matches("this.")
}

/// Does a driver's option name the database host (`host`, `Server`, ODBC's `SERVER`)?
fn is_host_key(key: &str) -> bool {
    matches!(key.to_ascii_lowercase().as_str(), "host" | "server" | "hostname" | "data source" | "addr" | "address")
}

fn is_local(name: &str) -> bool {
    !(name.starts_with("self.") || name.starts_with("this.") || name.starts_with('_') || name.contains('.'))
}

/// `a.b(x).c` → `a.b` root of a receiver chain: the leading names before the first call.
fn receiver_root(recv: &str) -> String {
    let end = recv.find(['(', '[', '?']).unwrap_or(recv.len());
    let head = &recv[..end];
    // For `client.get_container_client`, the root is everything but the last segment when a call followed.
    if end < recv.len() {
        match head.rfind('.') {
            Some(dot) => head[..dot].to_owned(),
            None => head.to_owned(),
        }
    } else {
        head.to_owned()
    }
}

fn class_takes_connection_string(class: &str) -> bool {
    matches!(
        class,
        "BlobServiceClient"
            | "BlobContainerClient"
            | "ContainerClient"
            | "BlobClient"
            | "BlockBlobClient"
            | "AppendBlobClient"
            | "PageBlobClient"
            | "QueueServiceClient"
            | "QueueClient"
            | "TableServiceClient"
            | "TableClient"
            | "ShareServiceClient"
            | "ShareClient"
            | "ShareFileClient"
            | "ShareDirectoryClient"
            | "DataLakeServiceClient"
            | "DataLakeFileSystemClient"
            | "ServiceBusClient"
            | "ServiceBusAdministrationClient"
            | "EventHubProducerClient"
            | "EventHubConsumerClient"
            | "EventHubBufferedProducerClient"
            | "EventProcessorClient"
            | "CosmosClient"
            | "CosmosClientBuilder"
            | "ConfigurationClient"
            | "AppConfigurationClient"
            | "WebPubSubServiceClient"
            | "TopicClient"
            | "SubscriptionClient"
            | "MessageSender"
            | "MessageReceiver"
            | "SessionClient"
            | "EventProcessorHost"
            | "ServiceBusMqServer"
            | "AzureBlobVirtualFiles"
    )
}

/// The passwordless endpoint a rewrite would use, when the connection string gives it away.
pub(crate) fn endpoint_for(service: Service, text: &str, info: &connstr::ConnInfo) -> Option<String> {
    if let Some(sub) = catalog::storage_sub(service) {
        return connstr::storage_endpoint(text, sub);
    }
    match service {
        Service::ServiceBus | Service::EventHubs => info.resource.clone(),
        Service::CosmosDb | Service::AppConfiguration | Service::Signalr | Service::WebPubsub => info.endpoint.clone(),
        _ => None,
    }
}

/// A connection string a framework opens itself, given to it in code: the parsed string when it is
/// deployed (not an emulator's or a local host's), of the service the framework's name says, and
/// holds a real key or password.
fn deployed_keyed_connection(v: &Resolved<'_>, service: Service) -> Option<connstr::ConnInfo> {
    if !matches!(v.source, Source::Literal | Source::Config(_) | Source::Env(_)) {
        return None;
    }
    let text = v.full_text()?;
    let info = connstr::classify_any(text);
    if info.emulator || info.passwordless || connstr::resource_is_local(&info) {
        return None;
    }
    // The string's own service, where it says one, must be the one the name says.
    if info.service.is_some_and(|s| s != service && !(s.is_storage() && service.is_storage())) {
        return None;
    }
    connstr::find_secrets(text).iter().any(|h| !secrets::is_placeholder(&h.value)).then_some(info)
}

/// The options keys that name an ORM's or driver's database: Sequelize's `dialect`, TypeORM's `type`,
/// Knex's `client`, LoopBack's `connector`.
const DIALECT_KEYS: [&str; 4] = ["dialect", "type", "client", "connector"];

/// The service a dialect names (`mssql`, `pg`, `mysql2`, `loopback-connector-postgresql`, `kv-redis`).
fn dialect_service_of(dialect: &str) -> Option<Service> {
    let d = dialect.to_ascii_lowercase();
    if d.contains("://") {
        return None;
    }
    let d = match d.trim_start_matches("loopback-connector-") {
        "mariadb" | "mysql2" => "mysql",
        "pg" | "pg-native" => "postgresql",
        "tedious" => "mssql",
        "kv-redis" => "redis",
        d => d,
    };
    connstr::classify_url(&format!("{d}://")).service.filter(|s| *s != Service::Unknown)
}
