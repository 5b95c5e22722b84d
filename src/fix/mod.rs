//! Fixes: turn each `auth` finding into a DefaultAzureCredential rewrite — the code edit, the
//! import, the identity package in the manifest beside the code, and the endpoint setting — as
//! byte-range edits computed from tree-sitter node ranges (never regex over a whole file).
//!
//! Planning never writes; [`apply`] is the one engine that writes (for `--yes` and `--interactive`).

pub mod apply;
pub mod diff;
pub mod interactive;
mod manifest;
mod settings;
mod templates;

use crate::analyze::catalog;
use crate::finding::{Category, Finding, Service, Source};
use crate::lang::{CallInfo, Lang, Shape};
use crate::walk::{self, FileKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How far a fix can be trusted (ruff's applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    #[default]
    /// Needs a value the repository does not hold (an endpoint setting): apply with --include-review.
    Review,
    /// Endpoint fully known, behaviour preserved.
    Safe,
}

/// Replace `range` of a file's decoded text with `replacement` (an insertion when the range is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
    /// Apply only when all these fixes (fingerprints) are applied: the removal of a definition that
    /// becomes dead only once every use of it is rewritten.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit { range, replacement: replacement.into(), requires: Vec::new() }
    }
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { range: at..at, replacement: text.into(), requires: Vec::new() }
    }
}

/// Edits to one file, against the text that was scanned (its hash guards the apply).
#[derive(Debug, Clone, Serialize)]
pub struct FileEdits {
    /// Relative to the scanned root, `/` separators.
    pub path: String,
    #[serde(skip)]
    pub abs: PathBuf,
    /// SHA-256 of the bytes the edits were computed from.
    pub hash: String,
    pub edits: Vec<Edit>,
}

/// One finding's rewrite: code, import, manifest and settings edits.
#[derive(Debug, Clone, Serialize)]
pub struct Fix {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub line: usize,
    pub service: Service,
    /// Imperative: what the fix does.
    pub title: String,
    pub applicability: Applicability,
    /// For review fixes: what the user must supply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs: Option<String>,
    pub roles: Vec<String>,
    pub files: Vec<FileEdits>,
    /// Secret values in the files this fix touches: diffs redact them (never serialised).
    #[serde(skip)]
    pub secrets: Vec<String>,
}

/// A finding that could not be fixed, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Unfixed {
    pub fingerprint: String,
    pub path: String,
    pub line: usize,
    pub reason: String,
}

/// The result of planning.
#[derive(Debug, Default, Serialize)]
pub struct Plan {
    pub fixes: Vec<Fix>,
    pub unfixed: Vec<Unfixed>,
}

/// What a language template produced for one call site.
#[derive(Default)]
pub struct CodeFix {
    pub edits: Vec<Edit>,
    /// Identity symbols the rewritten code uses (`DefaultAzureCredential`, `get_bearer_token_provider`).
    pub symbols: Vec<&'static str>,
    pub applicability: Applicability,
    pub needs: Option<String>,
    pub title: String,
    /// A new endpoint setting: (name, value if derivable, replaces this old setting).
    pub setting: Option<NewSetting>,
    /// Variables whose use this fix replaced, with their definition statement (removed once no use is left).
    pub replaced: Vec<(String, Range<usize>)>,
    /// Names from other modules than the identity library (`redis_entraid.cred_provider`,
    /// `@redis/entraid`, `struct`): imported only by the fixes that use them.
    pub imports: Vec<Import>,
    /// Packages besides the identity library that the rewritten code needs in the manifest
    /// (`redis-entraid`, `@redis/entraid`, `Microsoft.Azure.StackExchangeRedis`).
    pub packages: Vec<Package>,
    /// The connection string stays in config and the code keeps reading it: the config entry is
    /// rewritten passwordless instead (SQL `Authentication=Active Directory Default`, SignalR
    /// `AuthType=azure`, a Redis string without its password).
    pub config: Option<ConfigRewrite>,
    /// A module-level helper the rewrite calls, inserted once after the imports (identical text in
    /// every fix that uses it, so the engine writes it once).
    pub helper: Option<&'static str>,
}

/// How the config value the code reads is made passwordless.
#[derive(Debug, Clone, Copy)]
pub struct ConfigRewrite {
    /// The new value (`None`: this value holds nothing to remove).
    pub rewrite: fn(&str) -> Option<String>,
    /// Without the config edit the fix does nothing: no config entry, no fix.
    pub required: bool,
    /// What to do where the value lives when this repository does not hold it.
    pub by_hand: &'static str,
}

/// A name the rewritten code takes from a module: `from module import name` / `import { name } from
/// "module"`; an empty name imports the module itself (`import struct`, `using Namespace;`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Import {
    pub module: &'static str,
    pub name: &'static str,
}

/// A package for the manifest beside the code, with the version requirement to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Package {
    pub name: &'static str,
    pub version: &'static str,
}

/// An endpoint setting the rewritten code reads.
#[derive(Debug, Clone)]
pub struct NewSetting {
    pub name: String,
    pub old: String,
    pub value: Option<String>,
}

/// Everything a template needs to know about one auth site.
pub struct Site<'a, 't> {
    pub lang: Lang,
    pub src: &'a str,
    pub call: CallInfo<'t>,
    pub finding: &'a Finding,
    /// The client class (`BlobServiceClient` in `BlobServiceClient.from_connection_string`).
    pub class: String,
    /// The endpoint the rewrite uses, as a source expression, and whether it is fully known.
    pub endpoint: Option<(String, bool)>,
    pub setting: Option<NewSetting>,
    /// The raw value of the connection-string setting the code reads, when a config file in the
    /// repository holds it (`EntityPath` of an Event Hubs string).
    pub config_value: Option<String>,
    /// The file's import aliases: alias → imported name.
    pub aliases: &'a HashMap<String, String>,
}

impl<'t> Site<'_, 't> {
    pub fn text(&self, n: tree_sitter::Node<'_>) -> &str {
        &self.src[n.byte_range()]
    }

    /// The shape of a node, a call through an import alias under its imported name.
    pub fn shape(&self, n: tree_sitter::Node<'t>) -> Shape<'t> {
        self.lang.shape_with_aliases(n, self.src, self.aliases)
    }
}

/// Plan fixes for the auth findings of a scan rooted at `base` (paths in findings are relative to it).
pub fn plan(base: &Path, findings: &[Finding]) -> Plan {
    let mut plan = Plan::default();
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.category == Category::Auth && f.suppressed.is_none()) {
        by_file.entry(f.path.as_str()).or_default().push(f);
    }
    let secrets_by_file: BTreeMap<&str, usize> =
        findings.iter().filter(|f| f.category == Category::Secret).fold(BTreeMap::new(), |mut m, f| {
            *m.entry(f.path.as_str()).or_default() += 1;
            m
        });
    let _ = secrets_by_file;
    let mut replacements: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.category == Category::Auth) {
        if let Some(NewSetting { name, old, value: Some(v) }) = new_setting(f) {
            let list = replacements.entry(old).or_default();
            if !list.iter().any(|(n, _)| *n == name) {
                list.push((name, v));
            }
        }
    }
    for (rel, fs) in by_file {
        let abs = base.join(rel);
        let unfixed = |f: &Finding, reason: &str| Unfixed {
            fingerprint: f.fingerprint.clone(),
            path: f.path.clone(),
            line: f.start.line,
            reason: reason.to_owned(),
        };
        // A `function.json` binding: its connection setting becomes identity-based, the file stays.
        if rel.rsplit('/').next() == Some("function.json") {
            for f in fs {
                match function_json_fix(base, &abs, f, &replacements) {
                    Ok(fix) => plan.fixes.push(fix),
                    Err(reason) => plan.unfixed.push(unfixed(f, &reason)),
                }
            }
            continue;
        }
        let Some(FileKind::Code(lang)) = walk::kind_of(&abs) else {
            plan.unfixed.extend(fs.iter().map(|f| unfixed(f, "not a code file")));
            continue;
        };
        let Ok(bytes) = std::fs::read(&abs) else {
            plan.unfixed.extend(fs.iter().map(|f| unfixed(f, "the file can no longer be read")));
            continue;
        };
        let decoded = crate::text::decode(&bytes);
        if decoded.encoding == crate::text::Encoding::Lossy {
            plan.unfixed.extend(fs.iter().map(|f| unfixed(f, "the file is not valid UTF-8 or UTF-16; it is never rewritten")));
            continue;
        }
        let src = decoded.text.as_str();
        let Some(tree) = crate::scan::parse(lang, src, std::time::Duration::from_secs(5)) else {
            plan.unfixed.extend(fs.iter().map(|f| unfixed(f, "the file could not be parsed")));
            continue;
        };
        let hash = apply::hash(&bytes);
        let aliases: HashMap<String, String> = crate::analyze::code::import_aliases(lang, &tree, src).into_iter().collect();
        let first_fix = plan.fixes.len();
        let mut symbols: Vec<&'static str> = Vec::new();
        // Other modules: module → (names, the fixes that use it); helper text → the fixes that call it.
        let mut modules: BTreeMap<&'static str, (Vec<&'static str>, Vec<String>)> = BTreeMap::new();
        let mut helpers: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut replaced: Vec<(String, Range<usize>, String)> = Vec::new();
        for f in fs {
            match plan_one(base, &abs, lang, src, &tree, &aliases, f) {
                Ok(code) => {
                    for s in &code.symbols {
                        if !symbols.contains(s) {
                            symbols.push(s);
                        }
                    }
                    for imp in &code.imports {
                        let (names, users) = modules.entry(imp.module).or_default();
                        if !imp.name.is_empty() && !names.contains(&imp.name) {
                            names.push(imp.name);
                        }
                        users.push(f.fingerprint.clone());
                    }
                    if let Some(h) = code.helper {
                        helpers.entry(h).or_default().push(f.fingerprint.clone());
                    }
                    replaced.extend(code.replaced.iter().map(|(n, r)| (n.clone(), r.clone(), f.fingerprint.clone())));
                    let mut files = vec![FileEdits { path: rel.to_owned(), abs: abs.clone(), hash: hash.clone(), edits: code.edits }];
                    let mut needs = code.needs;
                    let mut applicability = code.applicability;
                    let uses_identity = !code.symbols.is_empty();
                    if let Some(m) = manifest::edit(base, &abs, lang, uses_identity, &code.packages) {
                        files.push(m);
                    }
                    if let Some(cfg) = &code.config {
                        let edits = config_value_edits(base, &abs, f, cfg.rewrite);
                        match edits.is_empty() {
                            false => files.extend(edits),
                            true if cfg.required => {
                                plan.unfixed.push(unfixed(
                                    f,
                                    &format!(
                                        "the connection string is not in this repository's config files: {} where it lives",
                                        cfg.by_hand
                                    ),
                                ));
                                continue;
                            }
                            true => {
                                applicability = Applicability::Review;
                                needs = Some(needs.map_or_else(|| cfg.by_hand.to_owned(), |n| format!("{n}; {}", cfg.by_hand)));
                            }
                        }
                    }
                    if let Some(s) = &code.setting {
                        files.extend(setting_edit(base, &abs, s, &replacements, &mut applicability, &mut needs));
                    }
                    if let Some(note) = manifest::packages_config_note(base, &abs, lang, uses_identity, &code.packages)
                        .or_else(|| manifest::no_manifest_note(base, &abs, lang, uses_identity, &code.packages))
                    {
                        applicability = Applicability::Review;
                        needs = Some(needs.map_or_else(|| note.clone(), |n| format!("{n}; {note}")));
                    }
                    let secrets = files.iter().flat_map(|fe| secrets_in(findings, &fe.path)).collect();
                    plan.fixes.push(Fix::of(f, code.title, applicability, needs, files, secrets));
                }
                Err(reason) => plan.unfixed.push(unfixed(f, &reason)),
            }
        }
        // One import for the whole file (the union of what its fixes use), identical in every fix so
        // that the engine writes it once whichever fixes are accepted.
        let import = templates::import_edit(lang, src, &tree, &symbols);
        // A definition whose every use was rewritten is dead code that still reads the secret setting:
        // remove it, but only when all the fixes that replaced its uses are applied.
        let mut dead: Vec<Edit> = Vec::new();
        let mut names: Vec<&String> = replaced.iter().map(|(n, _, _)| n).collect();
        names.sort();
        names.dedup();
        for name in names {
            let by: Vec<&(String, Range<usize>, String)> = replaced.iter().filter(|(n, _, _)| n == name).collect();
            let total = uses_of(tree.root_node(), src, name);
            let mut fps: Vec<String> = by.iter().map(|(_, _, fp)| fp.clone()).collect();
            fps.sort();
            fps.dedup();
            let exported = src[by[0].1.clone()].trim_start().starts_with("export ");
            if total == by.len() + 1 && !exported {
                dead.push(Edit { range: by[0].1.clone(), replacement: String::new(), requires: fps });
            } else if let Some(call) = templates::secret_credential_in(lang, src, &tree, by[0].1.clone()) {
                // Still used elsewhere (exported, passed on): the object itself becomes DefaultAzureCredential,
                // else the next run would find it and rewrite it then.
                let new = if lang == Lang::Python { "DefaultAzureCredential()" } else { "new DefaultAzureCredential()" };
                dead.push(Edit { range: call, replacement: new.into(), requires: fps });
            }
        }
        let module_imports: Vec<(Edit, &Vec<String>)> = modules
            .iter()
            .filter_map(|(m, (names, users))| templates::module_import(lang, src, &tree, m, names).map(|e| (e, users)))
            .collect();
        let helper_at = templates::helper_point(lang, src, &tree);
        for fix in &mut plan.fixes[first_fix..] {
            // Whole-module imports (`import struct`) first, then the identity import, then the others;
            // C# `using`s that sort before `Azure.Identity` (`Azure.Core`) go before it.
            let uses = |(e, users): &&(Edit, &Vec<String>)| users.contains(&fix.fingerprint).then(|| e.clone());
            let (plain, named): (Vec<Edit>, Vec<Edit>) = module_imports.iter().filter_map(|m| uses(&m)).partition(|e| {
                e.replacement.starts_with("import ")
                    || (lang == Lang::CSharp && e.replacement.starts_with("using ") && e.replacement.as_str() < "using Azure.Identity;")
            });
            fix.files[0].edits.extend(plain.into_iter().chain(import.iter().cloned()).chain(named));
            for (h, users) in &helpers {
                if users.contains(&fix.fingerprint) {
                    fix.files[0].edits.push(Edit::insert(helper_at, *h));
                }
            }
            for d in &dead {
                if d.requires.contains(&fix.fingerprint) {
                    fix.files[0].edits.push(d.clone());
                }
            }
        }
    }
    plan
}

/// `credential` in `SearchClient(credential=...)` (Python) or `credential: ...` (C#): an argument's
/// name, not a use of a variable of that name.
pub(crate) fn is_argument_name(n: tree_sitter::Node) -> bool {
    n.parent().is_some_and(|p| {
        p.kind() == "keyword_argument" && p.child_by_field_name("name").is_some_and(|k| k.id() == n.id()) || p.kind() == "name_colon"
    })
}

/// How often `name` appears as a variable in the file (its definition included): identifiers only,
/// not a keyword argument's name (`credential=credential` is one use) nor text in strings or comments.
fn uses_of(root: tree_sitter::Node, src: &str, name: &str) -> usize {
    let mut count = 0;
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" && &src[n.byte_range()] == name {
            count += usize::from(!is_argument_name(n));
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    count
}

/// The value of the config file entry that holds the connection string the code reads.
fn config_value(base: &Path, code: &Path, f: &Finding) -> Option<String> {
    let mut value = None;
    let keep = |v: &str| {
        value.get_or_insert_with(|| v.to_owned());
        None
    };
    config_value_edits_with(base, code, f, keep);
    value
}

/// The config file entries that hold the connection string the code reads, rewritten passwordless:
/// every environment's file of the nearest directory that has one (appsettings.Development.json and
/// appsettings.Staging.json both, or a second run would find the other).
fn config_value_edits(base: &Path, code: &Path, f: &Finding, rewrite: fn(&str) -> Option<String>) -> Vec<FileEdits> {
    config_value_edits_with(base, code, f, rewrite)
}

fn config_value_edits_with(base: &Path, code: &Path, f: &Finding, mut rewrite: impl FnMut(&str) -> Option<String>) -> Vec<FileEdits> {
    let key = match &f.source {
        Source::Config(key) | Source::Env(key) => key,
        _ => return Vec::new(),
    };
    let leaf = key.rsplit(':').next().unwrap_or(key);
    // How config files spell the key: ASP.NET sections, Functions `Values`, environment variables (`__`).
    let spellings = [key.to_owned(), format!("ConnectionStrings:{leaf}"), format!("Values:{key}"), key.replace(':', "__")];
    let mut out = Vec::new();
    let Some(mut dir) = code.parent() else { return out };
    loop {
        let Ok(listing) = std::fs::read_dir(dir) else { return out };
        let mut files: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            let Some(FileKind::Config(format)) = walk::kind_of(&path) else { continue };
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let text = crate::text::decode(&bytes).text;
            let entries = crate::analyze::config_entries(format, &text);
            let Some(e) = entries.iter().find(|e| spellings.iter().any(|k| e.key.eq_ignore_ascii_case(k))) else {
                continue;
            };
            let Some(new) = rewrite(&e.value) else { continue };
            let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(FileEdits {
                path: rel,
                abs: path.clone(),
                hash: apply::hash(&bytes),
                edits: vec![Edit::replace(e.span.clone(), new)],
            });
        }
        if !out.is_empty() || dir == base || !dir.starts_with(base) {
            return out;
        }
        let Some(parent) = dir.parent() else { return out };
        dir = parent;
    }
}

/// The secret values the scan found in one file.
fn secrets_in(findings: &[Finding], path: &str) -> Vec<String> {
    findings.iter().filter(|f| f.path == path).flat_map(|f| f.secrets.iter().cloned()).collect()
}

/// `base` is the scan root and `abs` the file: an Event Hubs fix reads the config entry its connection string comes from.
fn plan_one(
    base: &Path,
    abs: &Path,
    lang: Lang,
    src: &str,
    tree: &tree_sitter::Tree,
    aliases: &HashMap<String, String>,
    f: &Finding,
) -> Result<CodeFix, String> {
    let node =
        tree.root_node().descendant_for_byte_range(f.span.start, f.span.end).ok_or("the finding's code is no longer there (rescan)")?;
    // The smallest node covering the span may be inside the call: climb to the call itself.
    let mut n = node;
    while n.byte_range() != f.span {
        n = n.parent().ok_or("the finding's code is no longer there (rescan)")?;
    }
    // EF6 `: base("name=IntranetDb")`: the connection string is in web.config.
    if n.kind() == "constructor_initializer" && f.service == Service::Sql {
        return Ok(templates::sql::in_config_file());
    }
    // The pre-1.0 `openai` module's `openai.api_key = key`: its API has no token provider.
    if src[n.byte_range()].starts_with("openai.api_key") {
        return Err("the pre-1.0 `openai` module cannot refresh Entra tokens: move to `openai>=1` and \
                    `AzureOpenAI(azure_endpoint=..., azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), \
                    \"https://cognitiveservices.azure.com/.default\"))`"
            .into());
    }
    // A REST call's key header (`api-key`, `Ocp-Apim-Subscription-Key`, `aeg-sas-key`).
    let site = src[n.byte_range()].to_ascii_lowercase();
    if ["\"api-key\"", "'api-key'", "ocp-apim-subscription-key", "aeg-sas-key"].iter().any(|h| site.contains(h)) {
        let scope = match f.service {
            Service::AiSearch => "https://search.azure.com/.default",
            Service::EventGrid => "https://eventgrid.azure.net/.default",
            _ => "https://cognitiveservices.azure.com/.default",
        };
        return Err(format!(
            "a REST call's key header: send `Authorization: Bearer <token>` with a DefaultAzureCredential token for \
             `{scope}` instead (the service's SDK client does this for you)"
        ));
    }
    // Spark's Hadoop storage settings (`fs.azure.account.key.<account>.dfs.core.windows.net`): the cluster signs in.
    if site.contains("fs.azure.account.key.") || site.contains("fs.azure.sas.") || site.contains("fs.azure.account.oauth2.client.secret") {
        return Err("Spark signs in to storage through its Hadoop settings: give the cluster or workspace a managed identity \
                    (on Databricks a Unity Catalog storage credential; elsewhere `fs.azure.account.auth.type` = `OAuth` with \
                    `fs.azure.account.oauth.provider.type` = `org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider`), grant it \
                    the storage role, then delete this setting and its secret"
            .into());
    }
    // A framework's options (ABP's `o.Connections.Default.ConnectionString = cs`): the framework opens it.
    if n.kind() == "assignment_expression" {
        let target = n.child_by_field_name("left").map_or("the option", |l| &src[l.byte_range()]);
        return Err(format!(
            "no automatic rewrite for a framework's connection option (`{target}`): give the framework a client or credential that \
             signs in with DefaultAzureCredential, as it documents, then drop the secret from the connection string"
        ));
    }
    let Shape::Call(call) = lang.shape_with_aliases(n, src, aliases) else {
        return Err("the finding is not a call".into());
    };
    // pandas handing fsspec (adlfs) a key or SAS: `storage_options={"account_name": a, "account_key": k}`.
    if lang == Lang::Python
        && let Some(options) = call.keyword(&["storage_options"])
    {
        return templates::fsspec_storage_options(src, &call, options);
    }
    // Kernel Memory's adapters sign in as their config's `Auth` says: the fix is in the settings.
    if crate::analyze::catalog::kernel_memory_service(&call.name).is_some() {
        return Err(format!(
            "Kernel Memory's `{}`: set the adapter's `Auth` to `AzureIdentity` (`AuthTypes.AzureIdentity` in code) and delete its key from every settings file; the adapter then signs in with DefaultAzureCredential",
            call.name
        ));
    }
    if let Some(binding) = crate::analyze::functions::binding(lang, &call.callee, &call.name, src) {
        return templates::functions::binding(f, binding, new_setting(f));
    }
    let class = match call.receiver {
        Some(r) if call.name.to_ascii_lowercase().replace('_', "").contains("connectionstring") => {
            let receiver = crate::lang::last_segment(&crate::lang::compact(r, src));
            aliases.get(&receiver).cloned().unwrap_or(receiver)
        }
        _ => call.name.clone(),
    };
    if crate::analyze::catalog::key_signed_sas_service(&call.name, "").is_some() {
        // The replacement needs a user delegation key valid for the SAS's lifetime, from a client the
        // code may not hold: say what to write instead of guessing.
        return Err(if matches!(f.service, Service::StorageBlob | Service::StorageDatalake) {
            format!(
                "a SAS signed with the account key: sign a user-delegation SAS instead (`key = service_client.get_user_delegation_key(start, expiry)`, then `{}(..., user_delegation_key=key)`)",
                call.name
            )
        } else {
            "a SAS signed with the account key, and this kind of SAS has no user-delegation form: give its consumers their own identity and roles".into()
        });
    }
    if is_legacy(&class, &call.callee, f.service, src) && !templates::is_adal_client_credential(lang, &class, src) {
        return Err(format!(
            "`{class}` is from a legacy SDK that a credential swap cannot migrate: move to the current SDK first (see `secretless rules {}`)",
            f.rule
        ));
    }
    let setting = new_setting(f);
    let cs_arg = call
        .keyword(&["conn_str", "connection_string", "connectionString"])
        .or_else(|| {
            call.positional().nth(match class.as_str() {
                "EventHubConsumerClient" if lang != Lang::Python => 1,
                "EventProcessorClient" => 2,
                _ => 0,
            })
        })
        .map(|n| &src[n.byte_range()]);
    let endpoint = match (lang, &f.source, &setting) {
        // C# reads settings through its own configuration object: reuse the accessor with the new key.
        (Lang::CSharp, Source::Config(old), Some(s)) => {
            cs_arg.and_then(|a| csharp_config_accessor(a, old, &s.name)).map(|e| (e, s.value.is_some()))
        }
        // Any other configuration getter (`config.getOrThrow<string>("eventHubs.connectionString")`,
        // `settings.get("storage.connection")`): the same call with the new key, never an
        // environment variable named after a config key.
        (_, Source::Config(old), Some(s)) => match cs_arg.and_then(|a| config_getter(a, old, &s.name)) {
            Some(e) => Some((e, s.value.is_some())),
            None => endpoint_expr(lang, f, setting.as_ref()),
        },
        _ => endpoint_expr(lang, f, setting.as_ref()),
    };
    let endpoint = match (&endpoint, &setting) {
        (None, None) if f.endpoint.is_some() => f.endpoint.as_ref().map(|e| (templates::string_literal(lang, e), true)),
        _ => endpoint,
    };
    // `f"…AccountName={ACCOUNT};AccountKey={key}…"`: the account is an expression of this file. A file
    // that also falls back to Azurite needs a look before the fix applies.
    let endpoint =
        endpoint.or_else(|| interpolated_account_endpoint(lang, src, f.service).map(|e| (e, !src.contains("UseDevelopmentStorage"))));
    let config_value = if f.service == Service::EventHubs { config_value(base, abs, f) } else { None };
    let site = Site { lang, src, call, finding: f, class, endpoint, setting, config_value, aliases };
    templates::rewrite(&site)
}

/// The endpoint of a storage connection string the file assembles from an account expression
/// (`f"…AccountName={s.account};AccountKey={s.key}…"`, `` `…AccountName=${account};…` ``,
/// `$"…AccountName={name};…"`): the same expression in the service's host name, written in the
/// file's language. `None` unless the file names exactly one account expression and one suffix.
fn interpolated_account_endpoint(lang: Lang, src: &str, service: Service) -> Option<String> {
    static PLACEHOLDER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"AccountName=(?:\$\{|\{)([A-Za-z_][A-Za-z0-9_.]*)\}").unwrap());
    static SUFFIX: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"EndpointSuffix=([A-Za-z0-9.-]+)").unwrap());
    let sub = catalog::storage_sub(service)?;
    let accounts: std::collections::BTreeSet<&str> = PLACEHOLDER.captures_iter(src).map(|c| c.get(1).map_or("", |m| m.as_str())).collect();
    let suffixes: std::collections::BTreeSet<&str> = SUFFIX.captures_iter(src).map(|c| c.get(1).map_or("", |m| m.as_str())).collect();
    let [account] = accounts.into_iter().collect::<Vec<_>>()[..] else { return None };
    let suffix = match suffixes.into_iter().collect::<Vec<_>>()[..] {
        [] => "core.windows.net",
        [one] => one,
        _ => return None,
    };
    Some(match lang {
        Lang::Python => format!("f\"https://{{{account}}}.{sub}.{suffix}\""),
        Lang::CSharp => format!("$\"https://{{{account}}}.{sub}.{suffix}\""),
        _ => format!("`https://${{{account}}}.{sub}.{suffix}`"),
    })
}

/// Legacy SDKs (WindowsAzure.Storage, Microsoft.Azure.DocumentDB, WindowsAzure.ServiceBus, azure-storage)
/// take no token credential: a rewrite would not compile. Microsoft.Azure.ServiceBus (`MessageSender`,
/// `SessionClient`...) has token providers but was retired in September 2026: moving to
/// Azure.Messaging.ServiceBus is the migration.
fn is_legacy(class: &str, callee: &str, service: Service, src: &str) -> bool {
    let legacy_class = matches!(
        class,
        "DocumentClient"
            | "CloudStorageAccount"
            | "BlockBlobService"
            | "PageBlobService"
            | "AppendBlobService"
            | "BaseBlobService"
            | "QueueService"
            | "TableService"
            | "FileService"
            | "ServiceBusService"
            | "MessagingFactory"
            | "NamespaceManager"
            | "TopicClient"
            | "SubscriptionClient"
            | "EventHubClient"
            | "EventProcessorHost"
            | "KeyVaultClient"
            | "SearchServiceClient"
            | "StorageCredentials"
            | "ClientCredential"
            | "ServicePrincipalCredentials"
    );
    let legacy_queue = class == "QueueClient" && service == Service::ServiceBus;
    let legacy_node = callee.starts_with("azure.create") || callee.starts_with("createBlobService");
    let legacy_import = src.contains("Microsoft.WindowsAzure.Storage")
        || src.contains("Microsoft.Azure.Storage")
        || src.contains("Microsoft.Azure.ServiceBus") && class != "ServiceBusClient";
    // Microsoft.Azure.Search's `SearchIndexClient(serviceName, index, new SearchCredentials(key))` shares
    // its name with Azure.Search.Documents' client, which alone takes a TokenCredential.
    let legacy_search =
        service == Service::AiSearch && (src.contains("using Microsoft.Azure.Search") || src.contains("SearchCredentials("));
    legacy_class
        || legacy_queue
        || legacy_node
        || legacy_search
        || legacy_import && (service.is_storage() || service == Service::ServiceBus)
}

/// `_config.GetConnectionString("Storage")` → `_config["Storage:ServiceUri"]`,
/// `ConfigurationManager.AppSettings["EventHubConnectionString"]` → `...AppSettings["EventHubFullyQualifiedNamespace"]`.
fn csharp_config_accessor(arg: &str, old: &str, new: &str) -> Option<String> {
    let leaf_old = old.rsplit(':').next().unwrap_or(old);
    if let Some(i) = arg.find(".GetConnectionString(") {
        return Some(format!("{}[\"{new}\"]!", &arg[..i]));
    }
    let quoted = format!("\"{old}\"");
    if arg.contains(&quoted) {
        return Some(format!("{}!", arg.replace(&quoted, &format!("\"{new}\""))).replace("!!", "!"));
    }
    let quoted_leaf = format!("\"{leaf_old}\"");
    if arg.contains(&quoted_leaf) && !new.contains(':') {
        return Some(arg.replace(&quoted_leaf, &format!("\"{new}\"")));
    }
    None
}

/// A configuration read written with the key as a string literal (`config.get("a.connectionString")`,
/// `cfg['Storage:Conn']`): the same read with the new key, in the same quotes.
fn config_getter(arg: &str, old: &str, new: &str) -> Option<String> {
    ['"', '\'', '`'].iter().find_map(|q| {
        let quoted = format!("{q}{old}{q}");
        arg.contains(&quoted).then(|| arg.replacen(&quoted, &format!("{q}{new}{q}"), 1))
    })
}

/// `eventHubs.connectionString` → `eventHubs.fullyQualifiedNamespace`, `storage.blobConnection` →
/// `storage.blobServiceUri`: a dotted key keeps its path and the case style of its last segment.
fn dotted_setting(old: &str, service: Service) -> Option<String> {
    let (path, leaf) = old.rsplit_once('.')?;
    let suffix = endpoint_suffix(service, false)?;
    let base = strip_secret_words(leaf);
    let base = base.strip_suffix("connectionString").or_else(|| base.strip_suffix("connection")).unwrap_or(&base);
    let base = base.trim_end_matches(['_', '-']);
    let leaf = match (base.is_empty(), leaf.chars().next().is_some_and(|c| c.is_ascii_lowercase())) {
        (true, true) => format!("{}{}", suffix[..1].to_ascii_lowercase(), &suffix[1..]),
        (true, false) => suffix.to_owned(),
        (false, _) => format!("{base}{suffix}"),
    };
    Some(format!("{path}.{leaf}"))
}

/// The fix of a `function.json` binding: only the app's settings change (the template says how).
fn function_json_fix(base: &Path, abs: &Path, f: &Finding, replacements: &BTreeMap<String, Vec<(String, String)>>) -> Result<Fix, String> {
    let binding = f
        .operations
        .iter()
        .find_map(|op| op.strip_prefix("functions."))
        .and_then(crate::analyze::functions::binding_of_operation)
        .ok_or("not a Functions binding")?;
    let code = templates::functions::binding(f, binding, new_setting(f))?;
    let setting = code.setting.as_ref().ok_or("the connection setting's name is not known")?;
    let (mut applicability, mut needs) = (code.applicability, code.needs.clone());
    let files: Vec<FileEdits> = setting_edit(base, abs, setting, replacements, &mut applicability, &mut needs).into_iter().collect();
    Ok(Fix::of(f, code.title, applicability, needs, files, Vec::new()))
}

/// The edit that writes the new endpoint setting where the config files hold the old one; when none
/// does, the code reads a setting this repository does not define: the fix needs review and says what
/// to set.
fn setting_edit(
    base: &Path,
    abs: &Path,
    s: &NewSetting,
    replacements: &BTreeMap<String, Vec<(String, String)>>,
    applicability: &mut Applicability,
    needs: &mut Option<String>,
) -> Option<FileEdits> {
    let edit = settings::edit(base, abs, s, replacements.get(&s.old).map(Vec::as_slice).unwrap_or(&[]));
    if edit.is_none() {
        *applicability = Applicability::Review;
        let value = s.value.as_deref().unwrap_or("the resource endpoint");
        needs.get_or_insert_with(|| format!("set `{}` to {value} (it replaces `{}`)", s.name, s.old));
    }
    edit
}

impl Fix {
    fn of(
        f: &Finding,
        title: String,
        applicability: Applicability,
        needs: Option<String>,
        files: Vec<FileEdits>,
        secrets: Vec<String>,
    ) -> Fix {
        Fix {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.clone(),
            path: f.path.clone(),
            line: f.start.line,
            service: f.service,
            title,
            applicability,
            needs,
            roles: f.roles.clone(),
            secrets,
            files,
        }
    }
}

/// The endpoint setting that replaces a connection-string setting (`AZURE_STORAGE_CONNECTION_STRING` →
/// `AZURE_STORAGE_ACCOUNT_URL`).
fn new_setting(f: &Finding) -> Option<NewSetting> {
    let (old, is_env) = match &f.source {
        Source::Env(n) => (n.clone(), true),
        // A setting named like an environment variable (`nconf.get('COSMOS_CONNECTION')`, web.config's
        // `STORAGE_CONNECTION`) keeps that style: `COSMOS_ENDPOINT`.
        Source::Config(k) => (k.clone(), is_env_style(k)),
        _ => return None,
    };
    // A Functions binding's connection (`ClaimsBus`) becomes identity-based (`ClaimsBus__fullyQualifiedNamespace`).
    if let Some(binding) = f.operations.iter().find_map(|op| op.strip_prefix("functions."))
        && !is_env
    {
        let family = crate::analyze::functions::family_of_operation(binding)?;
        // The host's own storage serves blobs, queues and tables to the host: one account name
        // (public cloud) covers them all.
        if old == "AzureWebJobsStorage" && f.endpoint.as_deref().is_some_and(|e| e.contains(".core.windows.net")) {
            return Some(NewSetting { name: format!("{old}__accountName"), old, value: f.resource.clone() });
        }
        let suffix = templates::functions::identity_setting(family)?;
        return Some(NewSetting { name: format!("{old}__{suffix}"), old, value: f.endpoint.clone() });
    }
    // Only a setting that holds the connection string can be replaced by an endpoint setting.
    if !crate::analyze::names::names_connection_string(&old) {
        return None;
    }
    let suffix = endpoint_suffix(f.service, is_env)?;
    if !is_env
        && !old.contains(':')
        && let Some(name) = dotted_setting(&old, f.service)
    {
        return Some(NewSetting { name, old, value: f.endpoint.clone() });
    }
    let base = strip_secret_words(&old);
    // One storage connection string serves blob, queue, table and file clients: each needs its own
    // endpoint setting (`AZURE_STORAGE_ACCOUNT_URL` for blob, `AZURE_STORAGE_QUEUE_ACCOUNT_URL`, ...).
    let sub = match f.service {
        Service::StorageQueue => "QUEUE",
        Service::StorageTable => "TABLE",
        Service::StorageFile => "FILE",
        Service::StorageDatalake => "DFS",
        _ => "",
    };
    let base = if sub.is_empty() || base.to_ascii_uppercase().contains(sub) {
        base
    } else if is_env {
        format!("{base}_{sub}")
    } else {
        format!("{base}:{}{}", &sub[..1], sub[1..].to_ascii_lowercase())
    };
    let name = if is_env {
        if base.is_empty() { suffix.to_owned() } else { format!("{base}_{suffix}") }
    } else {
        let b = base.trim_end_matches(':');
        if b.is_empty() { suffix.to_owned() } else { format!("{b}:{suffix}") }
    };
    let value = f.endpoint.clone();
    Some(NewSetting { name: name.replace("__", "_"), old, value })
}

/// `COSMOS_CONNECTION`: upper case, digits and underscores, with at least one underscore.
fn is_env_style(name: &str) -> bool {
    name.contains('_') && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn endpoint_suffix(service: Service, env: bool) -> Option<&'static str> {
    Some(match (service, env) {
        (s, true) if s.is_storage() => "ACCOUNT_URL",
        (s, false) if s.is_storage() => "ServiceUri",
        (Service::ServiceBus | Service::EventHubs, true) => "FULLY_QUALIFIED_NAMESPACE",
        (Service::ServiceBus | Service::EventHubs, false) => "FullyQualifiedNamespace",
        (Service::CosmosDb | Service::AppConfiguration | Service::WebPubsub | Service::Signalr, true) => "ENDPOINT",
        (Service::CosmosDb | Service::AppConfiguration | Service::WebPubsub | Service::Signalr, false) => "Endpoint",
        _ => return None,
    })
}

/// `AZURE_STORAGE_CONNECTION_STRING` → `AZURE_STORAGE`; `ConnectionStrings:Storage` → `Storage`.
fn strip_secret_words(name: &str) -> String {
    let mut s = name.to_owned();
    if let Some(rest) = s.strip_prefix("ConnectionStrings:") {
        s = rest.to_owned();
    }
    for w in [
        "_CONNECTION_STRING",
        "_CONNECTIONSTRING",
        "_CONN_STR",
        "_CONNSTR",
        "_CONNECTION",
        "_CONN",
        "_CS",
        "CONNECTION_STRING",
        "ConnectionString",
        "connection_string",
        "Connection",
        "_KEY",
        "Key",
    ] {
        if let Some(stripped) = s.strip_suffix(w) {
            s = stripped.to_owned();
            break;
        }
    }
    s.trim_end_matches(['_', ':']).to_owned()
}

/// The source expression for the endpoint: a literal when the repository holds the connection string
/// in code, else a read of the new setting.
fn endpoint_expr(lang: Lang, f: &Finding, setting: Option<&NewSetting>) -> Option<(String, bool)> {
    if f.source == Source::Literal {
        return f.endpoint.as_ref().map(|e| (templates::string_literal(lang, e), true));
    }
    let s = setting?;
    let expr = match (&f.source, lang) {
        (Source::Env(_), Lang::Python) => format!("os.environ[\"{}\"]", s.name),
        (Source::Env(_), Lang::CSharp) => format!("Environment.GetEnvironmentVariable(\"{}\")!", s.name),
        (Source::Env(_), Lang::TypeScript | Lang::Tsx) => format!("process.env.{}!", s.name),
        (Source::Env(_), _) => format!("process.env.{}", s.name),
        (Source::Config(_), Lang::CSharp) => format!("configuration[\"{}\"]!", s.name),
        (Source::Config(_), Lang::Python) => format!("os.environ[\"{}\"]", s.name.replace(':', "__")),
        (Source::Config(_), _) => format!("process.env.{}", s.name.replace(':', "__")),
        _ => return None,
    };
    Some((expr, s.value.is_some()))
}

/// Is the class one whose connection string is its only secret (so the constructor form applies)?
pub fn has_endpoint_constructor(class: &str) -> bool {
    catalog::storage_sub(catalog::client_service(class, "").unwrap_or(Service::Unknown)).is_some()
        || matches!(
            class,
            "ServiceBusClient"
                | "ServiceBusAdministrationClient"
                | "EventHubProducerClient"
                | "EventHubConsumerClient"
                | "EventProcessorClient"
                | "CosmosClient"
                | "CosmosClientBuilder"
                | "AzureAppConfigurationClient"
                | "AppConfigurationClient"
                | "ConfigurationClient"
                | "WebPubSubServiceClient"
        )
}
