//! Resolve: where does a value come from? Follows names to their definitions within the file (a few
//! hops), through concatenation, templates and `or`/`??`/`||` fallbacks, and classifies the source:
//! a literal, an environment variable, a configuration key, or unknown. Config values found in the
//! repository's config files fill in the text, so code that reads `Configuration["X"]` can still be
//! classified by what `X` holds.

use crate::config::ConfigScope;
use crate::finding::Source;
use crate::lang::{CallInfo, Def, Lang, Part, Shape, compact, text};
use crate::lang::{FUNCTION_KINDS, SPREAD};
use crate::secrets::HOLE;
use std::collections::HashMap;
use tree_sitter::Node;

/// What an expression evaluates to, as far as one file can tell.
#[derive(Debug, Clone)]
pub struct Resolved<'t> {
    /// Best-known string content; [`HOLE`] marks parts that could not be seen.
    pub text: Option<String>,
    /// True when `text` came from a config file rather than from this file.
    pub text_from_config: bool,
    pub source: Source,
    /// The expression reached after following names and wrappers (a call, a dict, a literal).
    pub node: Node<'t>,
    /// String literal nodes of this file that contributed to `text`.
    pub literals: Vec<Node<'t>>,
    /// The last name seen on the way (`storage_key`, `AZURE_STORAGE_CONNECTION_STRING`).
    pub name_hint: Option<String>,
}

impl<'t> Resolved<'t> {
    fn unknown(node: Node<'t>) -> Self {
        Resolved { text: None, text_from_config: false, source: Source::Unknown, node, literals: Vec::new(), name_hint: None }
    }

    /// Text without holes, if fully known.
    pub fn full_text(&self) -> Option<&str> {
        self.text.as_deref().filter(|t| !t.contains(HOLE))
    }
}

/// Per-file resolver: the file's definitions plus the repository's config values.
pub struct Resolver<'a, 't> {
    pub lang: Lang,
    pub src: &'a str,
    defs: HashMap<String, Vec<Def<'t>>>,
    config: ConfigScope<'a>,
    /// Import aliases of the file: alias → imported name ([`Lang::import_aliases`]).
    aliases: HashMap<String, String>,
    /// Steps left for the current top-level `eval`: nested templates and fallbacks branch, and a
    /// hostile file must not make one value cost exponential time.
    budget: std::cell::Cell<u32>,
    /// What the file's functions return, by name, looked up on the first call to each name.
    /// This file's function of each name asked for (`None`: no such function), looked up once.
    functions: std::cell::RefCell<HashMap<String, Option<Node<'t>>>>,
    /// Every call of the file ([`Resolver::with_calls`]), and the same by callee name, indexed on the
    /// first parameter that needs its callers.
    calls: Vec<Node<'t>>,
    root: Option<Node<'t>>,
    call_sites: std::cell::OnceCell<HashMap<String, Vec<Node<'t>>>>,
}

/// Evaluation steps one top-level `eval` may take.
const EVAL_BUDGET: u32 = 2_000;

const MAX_DEPTH: usize = 8;

/// How deep in one evaluation a parameter is still followed to its callers' arguments, and through
/// how many callers.
const MAX_PARAMETER_DEPTH: usize = 2;
const MAX_CALLERS: usize = 4;

impl<'a, 't> Resolver<'a, 't> {
    pub fn new(lang: Lang, src: &'a str, defs: Vec<Def<'t>>, config: ConfigScope<'a>) -> Self {
        let mut map: HashMap<String, Vec<Def<'t>>> = HashMap::new();
        for d in defs {
            map.entry(d.name.clone()).or_default().push(d);
        }
        Resolver {
            lang,
            src,
            defs: map,
            config,
            aliases: HashMap::new(),
            budget: std::cell::Cell::new(EVAL_BUDGET),
            functions: std::cell::RefCell::new(HashMap::new()),
            calls: Vec::new(),
            root: None,
            call_sites: std::cell::OnceCell::new(),
        }
    }

    /// Calls through an import alias take the imported name (`new QueueKey(...)` after
    /// `import { StorageSharedKeyCredential as QueueKey }`).
    pub fn with_aliases(mut self, aliases: Vec<(String, String)>) -> Self {
        self.aliases = aliases.into_iter().collect();
        self
    }

    /// The file's call nodes, for following a parameter to the arguments its callers pass.
    pub fn with_calls(mut self, root: Node<'t>, calls: Vec<Node<'t>>) -> Self {
        self.root = Some(root);
        self.calls = calls;
        self
    }

    /// The imported name behind an alias, or the name itself.
    pub fn canonical<'n>(&'n self, name: &'n str) -> &'n str {
        self.aliases.get(name).map(String::as_str).unwrap_or(name)
    }

    pub fn shape(&self, node: Node<'t>) -> Shape<'t> {
        match self.lang.shape_with_aliases(node, self.src, &self.aliases) {
            Shape::Dict(pairs) if pairs.iter().any(|(k, _)| k == SPREAD) => Shape::Dict(self.spread(pairs, 0)),
            shape => shape,
        }
    }

    /// A dict's entries with each spread (`{ ...base, max: 10 }`, `{**base, "max": 10}`) replaced by
    /// the entries of the object it spreads, when this file shows it; a later key wins, as at run time.
    fn spread(&self, pairs: Vec<(String, Node<'t>)>, depth: usize) -> Vec<(String, Node<'t>)> {
        let mut out: Vec<(String, Node<'t>)> = Vec::new();
        for (key, value) in pairs {
            let entries = if key == SPREAD {
                // Not `eval`: this may run inside an evaluation, whose budget it must not reset.
                match self.lang.shape_with_aliases(self.eval_depth(value, MAX_DEPTH - 2).node, self.src, &self.aliases) {
                    Shape::Dict(inner) if depth < 2 => self.spread(inner, depth + 1),
                    _ => Vec::new(),
                }
            } else {
                vec![(key, value)]
            };
            for (key, value) in entries {
                out.retain(|(k, _)| *k != key);
                out.push((key, value));
            }
        }
        out
    }

    /// The definition of `name` that reaches `at`: the last one before it, else the first one.
    pub fn def_of(&self, name: &str, at: Node<'t>) -> Option<&Def<'t>> {
        let defs = self.defs.get(name)?;
        let before = defs.iter().rfind(|d| d.name_node.start_byte() < at.start_byte() && !contains(d.value, at));
        before.or_else(|| defs.iter().find(|d| !contains(d.value, at)))
    }

    /// Every definition of `name`.
    pub fn defs_named(&self, name: &str) -> &[Def<'t>] {
        self.defs.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// All definitions (for callers that scan every binding).
    pub fn all_defs(&self) -> impl Iterator<Item = &Def<'t>> {
        self.defs.values().flatten()
    }

    pub fn eval(&self, node: Node<'t>) -> Resolved<'t> {
        self.budget.set(EVAL_BUDGET);
        self.eval_depth(node, 0)
    }

    fn eval_depth(&self, node: Node<'t>, depth: usize) -> Resolved<'t> {
        let left = self.budget.get();
        if depth > MAX_DEPTH || left == 0 {
            return Resolved::unknown(node);
        }
        self.budget.set(left - 1);
        let k = self.lang.knowledge();
        match self.shape(node) {
            Shape::Str(s) => {
                Resolved { text: Some(s), text_from_config: false, source: Source::Literal, node, literals: vec![node], name_hint: None }
            }
            Shape::Template(parts) => {
                let nodes: Vec<Piece<'t>> = parts
                    .into_iter()
                    .map(|p| match p {
                        Part::Lit(s) => Piece::Lit(s),
                        Part::Expr(e) => Piece::Node(e),
                    })
                    .collect();
                self.join(node, nodes, depth)
            }
            Shape::Concat(parts) => self.join(node, parts.into_iter().map(Piece::Node).collect(), depth),
            Shape::Wrapper(inner) => self.eval_depth(inner, depth + 1),
            Shape::Ident(name) => {
                let Some(def) = self.def_of(&name, node) else {
                    // A parameter: what the function's callers in this file pass.
                    let mut r = self.argument_of(&name, node, depth).unwrap_or_else(|| Resolved::unknown(node));
                    r.name_hint.get_or_insert(name);
                    return r;
                };
                let def = def.clone();
                let mut r = match &def.member {
                    Some(member) => self.member_of(def.value, member, node, depth),
                    None => self.eval_depth(def.value, depth + 1),
                };
                r.name_hint.get_or_insert(name);
                r
            }
            Shape::Member { object, name } => {
                let full = compact(node, self.src);
                if let Some(def) = self.def_of(&full, node).cloned() {
                    let mut r = self.eval_depth(def.value, depth + 1);
                    r.name_hint.get_or_insert(name);
                    return r;
                }
                self.member_of(object, &name, node, depth)
            }
            Shape::Index { object, key } => {
                let key_r = self.eval_depth(key, depth + 1);
                let Some(key_text) = key_r.full_text().map(str::to_owned) else {
                    return Resolved::unknown(node);
                };
                self.member_of(object, &key_text, node, depth)
            }
            Shape::Call(call) => {
                let first = call.positional().next().or(call.args.first().map(|a| a.value));
                let first_text = first.and_then(|f| self.eval_depth(f, depth + 1).full_text().map(str::to_owned));
                let callee = call.callee.as_str();
                // os.getenv("X", "fallback"), Environment.GetEnvironmentVariable("X")
                let env_call = k.env_calls.contains(&callee) || (k.env_calls.contains(&call.name.as_str()) && call.receiver.is_none());
                // `os.environ.get(src["password_env"], "h0bn#…")`: the variable's name is not written
                // here, but the literal default still is the value where it is unset.
                if env_call
                    && first_text.is_none()
                    && let Some(d) = call.positional().nth(1).or(call.keyword(&["default"]))
                {
                    let dr = self.eval_depth(d, depth + 1);
                    if dr.source == Source::Literal && dr.full_text().is_some_and(|t| !t.trim().is_empty()) {
                        return Resolved { source: Source::Unknown, node, ..dr };
                    }
                }
                if env_call && let Some(name) = first_text {
                    let mut r = self.setting(node, Source::Env(name));
                    let default = call.positional().nth(1).or(call.keyword(&["default"]));
                    if let Some(d) = default {
                        let dr = self.eval_depth(d, depth + 1);
                        // `os.getenv("X", "")`: an empty default says nothing about the value. A
                        // default that holds a secret outweighs a local value without one
                        // (`.env` points at a local Redis, the fallback is production's URL).
                        let holds_secret = |t: &Option<String>| t.as_deref().is_some_and(|t| !crate::connstr::find_secrets(t).is_empty());
                        let keyless_local = r.text.is_some() && !holds_secret(&r.text) && holds_secret(&dr.text);
                        if (r.text.is_none() || keyless_local) && dr.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                            r.text = dr.text;
                        }
                        r.literals.extend(dr.literals);
                    }
                    return r;
                }
                // A Databricks secret scope's secret: `dbutils.secrets.get(scope="lake", key="partner-sas")`.
                if self.lang == Lang::Python
                    && call.name == "get"
                    && call.receiver.is_some_and(|r| compact(r, self.src) == "dbutils.secrets")
                {
                    let arg = |i: usize, name: &str| {
                        call.positional().nth(i).or(call.keyword(&[name])).and_then(|a| match self.shape(a) {
                            Shape::Str(t) => Some(t),
                            _ => None,
                        })
                    };
                    if let (Some(scope), Some(key)) = (arg(0, "scope"), arg(1, "key")) {
                        return self.setting(node, Source::Config(format!("{scope}:{key}")));
                    }
                }
                // configuration.GetConnectionString("X"), config.get("X"), settings.get("X")
                let configish_receiver = call.receiver.is_some_and(|r| is_configish(&compact(r, self.src)));
                // Airflow's `Variable.get("lake_account_key")`: a setting of the deployment.
                let airflow_variable =
                    self.lang == Lang::Python && call.name == "get" && call.receiver.is_some_and(|r| compact(r, self.src) == "Variable");
                // ServiceStack's `AppSettings.GetString("TourMedia:ConnectionString")` (a data reader's
                // `GetString` is no setting: the receiver must look like settings).
                let servicestack_setting = self.lang == Lang::CSharp && call.name == "GetString" && configish_receiver;
                if (k.config_calls.contains(&call.name.as_str()) || airflow_variable || servicestack_setting)
                    && (self.lang == Lang::CSharp || configish_receiver || airflow_variable)
                    && let Some(name) = first_text
                {
                    let key = match call.name.as_str() {
                        "GetConnectionString" => format!("ConnectionStrings:{name}"),
                        _ => match call.receiver.map(|r| self.eval_depth(r, depth + 1).source) {
                            Some(Source::Config(parent)) => format!("{parent}:{name}"),
                            _ => name,
                        },
                    };
                    return self.setting(node, Source::Config(key));
                }
                // `section.Get<AzureOpenAIConfig>()`: the section, bound to an options type.
                if self.lang == Lang::CSharp
                    && call.args.is_empty()
                    && (call.name == "Get" || call.name.starts_with("Get<"))
                    && let Some(receiver) = call.receiver
                {
                    let section = self.eval_depth(receiver, depth + 1);
                    if matches!(section.source, Source::Config(_)) {
                        return section;
                    }
                }
                // `const { mysql } = useRuntimeConfig()`: the configuration itself.
                if k.config_roots.contains(&call.callee.as_str()) && call.positional().next().is_none() {
                    return self.setting(node, Source::Config(String::new()));
                }
                // Feathers' and Express's `app.get('mssqlClient')` (one argument: with a handler it is a route).
                let app_setting = matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
                    && call.receiver.is_some_and(|r| compact(r, self.src) == "app")
                    && call.args.len() == 1;
                if matches!(call.name.as_str(), "get" | "getenv")
                    && (configish_receiver || app_setting)
                    && let Some(name) = first_text
                {
                    return self.setting(node, Source::Config(name));
                }
                // Conversions, formatting and URL-encoding keep the value: str(x), x.strip(), quote_plus(x),
                // encodeURIComponent(x), String.Format("..{0}", a), "{}".format(a)
                match call.name.as_str() {
                    "ToString" | "strip" | "trim" | "Trim" | "toString" | "rstrip" | "lstrip" | "get_secret_value" => {
                        if let Some(inner) = call.receiver.or(first) {
                            return self.eval_depth(inner, depth + 1);
                        }
                    }
                    // The value is the argument (`urllib.parse.quote_plus(odbc)`: the receiver is a module).
                    // pydantic's `SecretStr("…")` only hides the value from repr().
                    // Haystack's `Secret.from_env_var("AZURE_AI_SEARCH_API_KEY")` reads the environment;
                    // `Secret.from_token("…")` holds the value.
                    "from_env_var"
                        if self.lang == Lang::Python
                            && call.receiver.is_some_and(|r| compact(r, self.src) == "Secret")
                            && let Some(name) = first_text.clone() =>
                    {
                        return self.setting(node, Source::Env(name));
                    }
                    "from_token" if self.lang == Lang::Python && call.receiver.is_some_and(|r| compact(r, self.src) == "Secret") => {
                        if let Some(inner) = first {
                            return self.eval_depth(inner, depth + 1);
                        }
                    }
                    "str" | "String" | "quote_plus" | "quote" | "encodeURIComponent" | "encodeURI" | "EscapeDataString" | "UrlEncode"
                    | "SecretStr" | "SecretBytes" => {
                        if let Some(inner) = first.or(call.receiver) {
                            return self.eval_depth(inner, depth + 1);
                        }
                    }
                    // A schema's default is the value where the variable is unset: zod's
                    // `SQL_PASSWORD: z.string().default('…')`, yup's and joi's `.default(…)`.
                    "default"
                        if matches!(self.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
                            && call.receiver.is_some()
                            && call.args.len() == 1 =>
                    {
                        if let Some(r) = first.map(|f| self.eval_depth(f, depth + 1)).filter(|r| r.source == Source::Literal) {
                            return r;
                        }
                    }
                    // psycopg's `make_conninfo(host=…, password=…)` builds the libpq string `host=… password=…`.
                    "make_conninfo" if self.lang == Lang::Python => {
                        let mut pieces = Vec::new();
                        for a in &call.args {
                            match &a.name {
                                Some(k) => pieces.extend([Piece::Lit(format!("{k}=")), Piece::Node(a.value), Piece::Lit(" ".into())]),
                                None => pieces.extend([Piece::Node(a.value), Piece::Lit(" ".into())]),
                            }
                        }
                        return self.join(node, pieces, depth);
                    }
                    // A connection-string builder given a string holds that string, and its name says
                    // whose string it is: `new ServiceBusConnectionStringBuilder(settings.NamespaceConnection)`.
                    name if name.ends_with("ConnectionStringBuilder") && name.len() > "ConnectionStringBuilder".len() => {
                        if let Some(inner) = first {
                            let mut r = self.eval_depth(inner, depth + 1);
                            let owner = name.trim_end_matches("ConnectionStringBuilder");
                            let hint = r.name_hint.take().unwrap_or_default();
                            r.name_hint = Some(if hint.contains(owner) { hint } else { format!("{owner}{hint}") });
                            return r;
                        }
                    }
                    // String.Format("..{0}..", a), "{}/{name}".format(a, name=b): substitute the arguments.
                    "format" | "Format"
                        if call.receiver.is_some_and(|r| self.eval_depth(r, depth + 1).full_text().is_some()) || call.name == "Format" =>
                    {
                        let (template, args): (Node<'t>, Vec<Node<'t>>) = match (call.name.as_str(), call.receiver) {
                            ("format", Some(r)) => (r, call.args.iter().map(|a| a.value).collect()),
                            _ => match first {
                                Some(f) => (f, call.positional().skip(1).collect()),
                                None => return Resolved::unknown(node),
                            },
                        };
                        let t = self.eval_depth(template, depth + 1);
                        if let Some(fmt) = t.full_text() {
                            let named: Vec<(Option<String>, Resolved<'t>)> = call
                                .args
                                .iter()
                                .filter(|a| args.iter().any(|n| n.id() == a.value.id()))
                                .map(|a| (a.name.clone(), self.eval_depth(a.value, depth + 1)))
                                .collect();
                            return self.substitute(node, fmt, t.literals.clone(), named);
                        }
                    }
                    // psycopg's `make_conninfo(host=.., password=..)`: a libpq `key=value` string.
                    "make_conninfo" => {
                        let mut pieces = Vec::new();
                        for a in call.args.iter() {
                            let Some(name) = a.name.as_deref() else { continue };
                            pieces.push(Piece::Lit(format!("{name}=")));
                            pieces.push(Piece::Node(a.value));
                            pieces.push(Piece::Lit(" ".into()));
                        }
                        if !pieces.is_empty() {
                            return self.join(node, pieces, depth);
                        }
                    }
                    "Concat" | "concat" | "join" | "Join" => {
                        let mut pieces = Vec::new();
                        if call.name == "concat"
                            && let Some(r) = call.receiver
                        {
                            pieces.push(Piece::Node(r));
                        }
                        pieces.extend(call.positional().map(Piece::Node));
                        if !pieces.is_empty() && call.name != "join" && call.name != "Join" {
                            return self.join(node, pieces, depth);
                        }
                    }
                    _ => {}
                }
                // A function of this file: what it returns (`ConnectionPool(_replica_conninfo())`).
                let own = call.receiver.is_none_or(|r| matches!(compact(r, self.src).as_str(), "self" | "this" | "cls"));
                if own && let Some(ret) = self.returned_by(&call.name, node) {
                    // A credential factory (`return new ClientSecretCredential(…)`) stays the site:
                    // that is where the fix swaps in DefaultAzureCredential for every caller.
                    let credential =
                        matches!(self.shape(ret), Shape::Call(c) if crate::analyze::catalog::secret_credential(&c.name).is_some());
                    if !credential {
                        return self.eval_depth(ret, depth + 1);
                    }
                }
                // Several returns, one of them a setting (`return cfg.cosmos_key or ""` for local runs,
                // `return secret.value` from Key Vault otherwise): the function hands out that setting.
                if own && let Some(setting) = self.returned_setting(&call.name, node, depth) {
                    return setting;
                }
                // A value some other function computes: its name may say it is a connection string
                // (`serviceBusConnectionString({ key })`, `TripsConnectionString(configuration)`). Other
                // names leave the hint to the variable that holds the result (`sasToken = generate…()`).
                let mut r = Resolved::unknown(node);
                if crate::analyze::names::builds_connection_string(&call.name, call.is_new) {
                    r.name_hint = Some(call.name.clone());
                }
                r
            }
            Shape::Fallback(alts) => {
                let evaluated: Vec<Resolved<'t>> = alts.iter().map(|a| self.eval_depth(*a, depth + 1)).collect();
                let mut best = evaluated
                    .iter()
                    .find(|r| matches!(r.source, Source::Env(_) | Source::Config(_)))
                    .or_else(|| evaluated.iter().find(|r| r.source != Source::Unknown))
                    .cloned()
                    .unwrap_or_else(|| Resolved::unknown(node));
                for r in &evaluated {
                    // `process.env.X ?? ''`: an empty fallback says nothing about the value.
                    if best.text.is_none() && r.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                        best.text = r.text.clone();
                        best.text_from_config = r.text_from_config;
                    }
                    for l in &r.literals {
                        if !best.literals.iter().any(|b| b.id() == l.id()) {
                            best.literals.push(*l);
                        }
                    }
                    if best.name_hint.is_none() {
                        best.name_hint = r.name_hint.clone();
                    }
                }
                best
            }
            Shape::Dict(_) | Shape::Other => Resolved::unknown(node),
        }
    }

    /// `object.member` / `object["member"]`: env objects, config objects, dicts, config sections.
    fn member_of(&self, object: Node<'t>, member: &str, node: Node<'t>, depth: usize) -> Resolved<'t> {
        let k = self.lang.knowledge();
        let obj_text = compact(object, self.src);
        if k.env_objects.contains(&obj_text.as_str()) {
            return self.setting(node, Source::Env(member.to_owned()));
        }
        if obj_text.ends_with("ConnectionStrings") {
            return self.setting(node, Source::Config(format!("ConnectionStrings:{member}")));
        }
        // Follow the object: a dict literal, a config section, an env object reached through a name.
        let obj = self.eval_depth(object, depth + 1);
        if let Shape::Dict(pairs) = self.shape(obj.node)
            && let Some((_, v)) = pairs.iter().find(|(key, _)| key == member)
        {
            let mut r = self.eval_depth(*v, depth + 1);
            r.name_hint.get_or_insert(member.to_owned());
            return r;
        }
        // `args.key` with `args = parser.parse_args()`: the option's default (`add_argument("--key", default=...)`).
        if self.lang == Lang::Python
            && let Shape::Call(c) = self.shape(obj.node)
            && matches!(c.name.as_str(), "parse_args" | "parse_known_args")
            && let Some(default) = self.option_default(member, depth)
        {
            return default;
        }
        let obj_node_text = compact(obj.node, self.src);
        if k.env_objects.contains(&obj_node_text.as_str()) {
            return self.setting(node, Source::Env(member.to_owned()));
        }
        match obj.source {
            Source::Config(parent) if matches!(member, "ConnectionString" | "Value") => {
                return self.setting(node, Source::Config(parent));
            }
            // `o.Password` with `o = options.CurrentValue`: the bound options object has no key of its own.
            Source::Config(parent) if parent.is_empty() => {
                return self.setting(node, Source::Config(member.to_owned()));
            }
            Source::Config(parent) => {
                return self.setting(node, Source::Config(format!("{parent}:{member}")));
            }
            _ => {}
        }
        // `settings.x`, or `_s.x` with `_s = get_settings()`.
        if is_configish(&obj_text) || obj.node.id() != object.id() && is_configish(&obj_node_text) {
            // `options.Value` / `monitor.CurrentValue`: the bound options object itself.
            let key = if matches!(member, "Value" | "CurrentValue") { String::new() } else { member.to_owned() };
            // A command's settings class in this file (Spectre.Console.Cli) with no config file
            // behind it: the property's written default is the value (`[DefaultValue("…")]`, or its
            // initializer), an empty one aside.
            if self.lang == Lang::CSharp && !key.is_empty() && !self.config.defines(&key) {
                let property_default = self
                    .defs_named(member)
                    .iter()
                    .filter(|d| d.member.is_none() && d.name_node.parent().is_some_and(|p| p.kind() == "property_declaration"))
                    .map(|d| self.eval_depth(d.value, depth + 1))
                    .find(|r| r.source == Source::Literal && r.full_text().is_some_and(|t| !t.trim().is_empty()));
                if let Some(mut r) = property_default {
                    r.name_hint.get_or_insert(member.to_owned());
                    return r;
                }
            }
            return self.setting(node, Source::Config(key));
        }
        // `Constants.StorageKey`: a static field defined in this file. An empty default
        // (`public string Key { get; init; } = "";` on an options record) is not the value: binding fills it.
        if let Some(def) = self.def_of(member, node).cloned()
            && def.member.is_none()
            && def.name_node.id() != node.id()
        {
            let mut r = self.eval_depth(def.value, depth + 1);
            let empty_default = r.source == Source::Literal && r.full_text().is_some_and(|t| t.trim().is_empty());
            if !empty_default {
                r.name_hint.get_or_insert(member.to_owned());
                return r;
            }
        }
        // `Constants.PhotoContainerUrl`: a static field of a constants class in another file of the app
        // (with or without its namespace).
        if self.lang == Lang::CSharp && obj_text.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_lowercase()) {
            let class = obj_text.rsplit('.').next().unwrap_or(&obj_text);
            if class.starts_with(|c: char| c.is_ascii_uppercase()) && class.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                let key = format!("{class}.{member}");
                if self.config.get(&key).is_some() {
                    return self.setting(node, Source::Config(key));
                }
            }
        }
        let mut r = Resolved::unknown(node);
        r.name_hint = Some(member.to_owned());
        r
    }

    /// The expression the file's function `name` returns, if the file defines one. Found from the
    /// name's occurrences in the text (a full walk of every parsed tree cost 9 % of the scan).
    fn returned_by(&self, name: &str, at: Node<'t>) -> Option<Node<'t>> {
        self.function_named(name, at).and_then(function_return)
    }

    /// This file's function (or method) named `name`.
    pub fn function_named(&self, name: &str, at: Node<'t>) -> Option<Node<'t>> {
        if let Some(found) = self.functions.borrow().get(name) {
            return *found;
        }
        let mut root = at;
        while let Some(p) = root.parent() {
            root = p;
        }
        let found = self
            .src
            .match_indices(name)
            .filter_map(|(i, _)| root.descendant_for_byte_range(i, i + name.len()))
            .filter(|n| n.byte_range().len() == name.len())
            .find_map(|n| n.parent().filter(|f| FUNCTION_KINDS.contains(&f.kind()) && f.child_by_field_name("name") == Some(n)));
        self.functions.borrow_mut().insert(name.to_owned(), found);
        found
    }

    /// The first of the returns of this file's function `name` that reads a setting, when it has
    /// several.
    fn returned_setting(&self, name: &str, at: Node<'t>, depth: usize) -> Option<Resolved<'t>> {
        let returns = own_returns(self.function_named(name, at)?);
        if returns.len() < 2 {
            return None;
        }
        returns.into_iter().map(|ret| self.eval_depth(ret, depth + 1)).find(|r| matches!(r.source, Source::Env(_) | Source::Config(_)))
    }

    /// The value parameter `name` of the function around `at` receives from the calls to that function
    /// in this file (`def make(url)` ... `make(SAS_URL)`; `def __init__(self, url)` ... `cls(url)`): the
    /// first argument with a known value, else the first argument.
    fn argument_of(&self, name: &str, at: Node<'t>, depth: usize) -> Option<Resolved<'t>> {
        // Near the value asked for only, and through few callers: each caller's argument may be a
        // parameter again, and a helper called from many places must not multiply the work.
        if depth > MAX_PARAMETER_DEPTH {
            return None;
        }
        // The innermost function around `at` (only in a tree the resolver was given).
        self.root?;
        let func = self.ancestors(at).into_iter().find(|n| FUNCTION_KINDS.contains(&n.kind()))?;
        let p = parameter_position(self.lang, func, name, self.src)?;
        let class = self.enclosing_class_name(func);
        let mut first: Option<Resolved<'t>> = None;
        for callee in self.callee_names(func) {
            for &call in self.calls_named(&callee).iter().take(MAX_CALLERS) {
                if contains(func, call) {
                    continue;
                }
                let Shape::Call(c) = self.shape(call) else { continue };
                // `queue.SendMessage("Hello")` is another class's method; an overload takes other arguments.
                let receiver = c.receiver.map(|r| text(r, self.src));
                let own_receiver =
                    receiver.is_none_or(|r| matches!(r, "self" | "cls" | "this" | "base" | "super()") || Some(r) == class.as_deref());
                if !own_receiver || c.args.len() < p.required || c.args.len() > p.total {
                    continue;
                }
                let Some(arg) = c.keyword(&[p.name.as_str()]).or_else(|| c.positional().nth(p.index)) else { continue };
                let r = self.eval_depth(arg, depth + 1);
                // A caller passing a placeholder (`sas_token="<add_sas_here>"`) says nothing of the value.
                let placeholder = r.source == Source::Literal && r.full_text().is_some_and(crate::secrets::is_placeholder);
                if r.text.is_some() && !placeholder {
                    return Some(r);
                }
                first.get_or_insert(r);
            }
        }
        // C#: another constructor of the class chaining to this one (`public Repo() : this(ConfigurationManager
        // .ConnectionStrings["Orders"].ConnectionString) { }`).
        if first.is_none() && self.lang == Lang::CSharp && func.kind() == "constructor_declaration" {
            for init in chained_constructor_arguments(func) {
                let args: Vec<Node<'t>> = {
                    let mut c = init.walk();
                    init.named_children(&mut c).filter(|a| a.kind() == "argument").collect()
                };
                if args.len() < p.required || args.len() > p.total {
                    continue;
                }
                let Some(arg) = args.get(p.index).and_then(|a| a.named_child(a.named_child_count().saturating_sub(1) as u32)) else {
                    continue;
                };
                let r = self.eval_depth(arg, depth + 1);
                if r.text.is_some() {
                    return Some(r);
                }
                first.get_or_insert(r);
            }
        }
        first.filter(|r| r.source != Source::Literal)
    }

    /// The default of the command-line option `dest` (`--sas-key` → `sas_key`) declared in this file.
    fn option_default(&self, dest: &str, depth: usize) -> Option<Resolved<'t>> {
        for &call in self.calls_named("add_argument") {
            let Shape::Call(c) = self.shape(call) else { continue };
            if self.option_dest(&c, depth).as_deref() == Some(dest)
                && let Some(default) = c.keyword(&["default"])
            {
                let mut r = self.eval_depth(default, depth + 1);
                r.name_hint = Some(dest.to_owned());
                return Some(r);
            }
        }
        None
    }

    /// The attribute a command-line option is stored in: `dest=`, else its long flag (`--sas-key` →
    /// `sas_key`). argparse's `add_argument`, click's `option` / `argument`, typer's `Option`.
    pub fn option_dest(&self, c: &CallInfo<'t>, depth: usize) -> Option<String> {
        if !matches!(c.name.as_str(), "add_argument" | "option" | "Option" | "argument") {
            return None;
        }
        let text = |n: Node<'t>| self.eval_depth(n, depth + 1).full_text().map(str::to_owned);
        c.keyword(&["dest"])
            .and_then(text)
            .or_else(|| c.positional().filter_map(text).find(|t| t.starts_with('-')).map(|f| f.trim_start_matches('-').replace('-', "_")))
    }

    /// Calls of `callee` (`make(...)`, `new Pipe(...)`) anywhere in the file.
    fn calls_named(&self, callee: &str) -> &[Node<'t>] {
        let index = self.call_sites.get_or_init(|| {
            let mut map: HashMap<String, Vec<Node<'t>>> = HashMap::new();
            for call in &self.calls {
                let f = call
                    .child_by_field_name("function")
                    .or_else(|| call.child_by_field_name("constructor"))
                    .or_else(|| call.child_by_field_name("type"));
                if let Some(f) = f {
                    map.entry(crate::lang::last_segment(text(f, self.src))).or_default().push(*call);
                }
            }
            map
        });
        index.get(callee).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A value read from a setting; its text comes from the repository's config files when present.
    fn setting(&self, node: Node<'t>, source: Source) -> Resolved<'t> {
        let (name, text) = match &source {
            Source::Env(n) => (n.clone(), self.config.get(n)),
            // The whole key is the name: `Cosmos:Key` says more than `Key`.
            // A Python settings object's field (`settings.database_url`): the own app's setting of that
            // name, else its prefixed environment variable (`HELPDESK_DATABASE_URL`), before another
            // app's setting of the name.
            // A settings class's own default (`database_url: str = "…localhost…"`) and the environment
            // that overrides it may disagree: the one holding a secret wins, as in `ConfigScope::get`.
            Source::Config(k) if self.lang == Lang::Python && !k.contains(':') => {
                let own = self.config.defines(k).then(|| self.config.get(k)).flatten();
                let prefixed = self.config.by_env_suffix(k);
                let holds_secret = |v: &&str| !crate::connstr::find_secrets(v).is_empty();
                // Last, a section's key of that name (`[partner_feed] container_url` in luigi.cfg) that
                // holds a secret (an `.env.example`'s placeholder URL says nothing).
                let text = [own, prefixed]
                    .into_iter()
                    .flatten()
                    .find(holds_secret)
                    .or(own)
                    .or(prefixed)
                    .or_else(|| self.config.get(k))
                    .or_else(|| self.config.values_by_leaf(k).into_iter().find(holds_secret));
                (k.clone(), text)
            }
            Source::Config(k) => (k.clone(), self.config.get(k).or_else(|| self.config.get(k.rsplit(':').next().unwrap_or(k)))),
            _ => (String::new(), None),
        };
        Resolved {
            text: text.map(str::to_owned),
            text_from_config: text.is_some(),
            source,
            node,
            literals: Vec::new(),
            name_hint: Some(name),
        }
    }

    fn join(&self, node: Node<'t>, pieces: Vec<Piece<'t>>, depth: usize) -> Resolved<'t> {
        let mut out = String::new();
        let mut literals = Vec::new();
        let mut source: Option<Source> = None;
        let mut from_config = false;
        let mut hint = None;
        let mut hint_is_secret = false;
        for p in pieces {
            match p {
                Piece::Lit(s) => out.push_str(&s),
                Piece::Node(n) => {
                    let r = self.eval_depth(n, depth + 1);
                    match &r.text {
                        Some(t) => {
                            out.push_str(t);
                            from_config |= r.text_from_config;
                        }
                        None => out.push(HOLE),
                    }
                    // The piece named like a secret decides the source (`AccountKey=${key}` over `${account}`).
                    let secret_named = r.name_hint.as_deref().is_some_and(|h| crate::analyze::names::secret_name(h).is_some());
                    if r.source != Source::Literal && (source.is_none() || secret_named && !hint_is_secret) {
                        source = Some(r.source.clone());
                        hint = r.name_hint.clone();
                        hint_is_secret = secret_named;
                    }
                    literals.extend(r.literals);
                }
            }
        }
        Resolved {
            text: Some(out),
            text_from_config: from_config,
            source: source.unwrap_or(Source::Literal),
            node,
            literals,
            name_hint: hint,
        }
    }

    /// Fill `{0}` / `{}` / `{name}` / `%s` placeholders of a format string with the arguments' texts.
    fn substitute(
        &self,
        node: Node<'t>,
        fmt: &str,
        mut literals: Vec<Node<'t>>,
        args: Vec<(Option<String>, Resolved<'t>)>,
    ) -> Resolved<'t> {
        let mut out = String::new();
        let mut next = 0;
        let mut source: Option<Source> = None;
        let mut hint = None;
        let mut from_config = false;
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        let positional: Vec<&Resolved<'t>> = args.iter().filter(|(n, _)| n.is_none()).map(|(_, r)| r).collect();
        while i < chars.len() {
            let c = chars[i];
            let close = if c == '{' { chars[i..].iter().position(|&x| x == '}').map(|p| i + p) } else { None };
            let arg: Option<&Resolved<'t>> = match (c, close) {
                ('{', Some(end)) if chars.get(i + 1) != Some(&'{') => {
                    let inner: String = chars[i + 1..end].iter().collect();
                    let inner = inner.split([':', ',']).next().unwrap_or("").trim().to_owned();
                    i = end + 1;
                    if inner.is_empty() {
                        next += 1;
                        positional.get(next - 1).copied()
                    } else if let Ok(n) = inner.parse::<usize>() {
                        positional.get(n).copied()
                    } else {
                        args.iter().find(|(n, _)| n.as_deref() == Some(inner.as_str())).map(|(_, r)| r)
                    }
                }
                ('%', _) if matches!(chars.get(i + 1), Some('s' | 'd' | 'r')) => {
                    i += 2;
                    next += 1;
                    positional.get(next - 1).copied()
                }
                _ => {
                    out.push(c);
                    i += 1;
                    continue;
                }
            };
            match arg {
                Some(r) => {
                    match &r.text {
                        Some(t) => out.push_str(t),
                        None => out.push(HOLE),
                    }
                    from_config |= r.text_from_config;
                    literals.extend(r.literals.iter().copied());
                    let secret_named = r.name_hint.as_deref().is_some_and(|h| crate::analyze::names::secret_name(h).is_some());
                    if r.source != Source::Literal && (source.is_none() || secret_named) {
                        source = Some(r.source.clone());
                        hint = r.name_hint.clone();
                    }
                }
                None => out.push(HOLE),
            }
        }
        Resolved {
            text: Some(out),
            text_from_config: from_config,
            source: source.unwrap_or(Source::Literal),
            node,
            literals,
            name_hint: hint,
        }
    }

    /// A value from the repository's config files.
    pub fn config_value(&self, key: &str) -> Option<String> {
        self.config.get(key).map(str::to_owned)
    }

    /// [`ConfigScope::secret_anywhere`].
    pub fn config_secret_anywhere(&self, key: &str) -> Option<String> {
        self.config.secret_anywhere(key).map(str::to_owned)
    }

    /// [`ConfigScope::keys_under`].
    pub fn config_keys_under(&self, section: &str) -> Vec<&'a str> {
        self.config.keys_under(section)
    }

    /// Does the app's config name this key (any value, placeholders included)?
    pub fn config_defines(&self, key: &str) -> bool {
        self.config.defines(key)
    }

    pub fn text(&self, node: Node<'t>) -> &'a str {
        text(node, self.src)
    }
}

enum Piece<'t> {
    Lit(String),
    Node(Node<'t>),
}

/// `settings`, `Configuration`, `_config`, `app.config`, `options.Value`, `cfg`: objects that hold settings.
/// What a function builds, when it builds one value (`return make_conninfo(...)`,
/// `=> $"Endpoint=…;SharedAccessKey={key}"`). Functions with several returns, or that return a
/// variable, are left alone: which branch or assignment runs is not known here, and a test double's
/// placeholder must not stand for the production value.
/// The argument lists of the `: this(...)` initializers of a C# constructor's sibling constructors.
fn chained_constructor_arguments<'t>(ctor: Node<'t>) -> Vec<Node<'t>> {
    let Some(body) = ctor.parent() else { return Vec::new() };
    let mut out = Vec::new();
    let mut c = body.walk();
    for sibling in body.named_children(&mut c).filter(|n| n.kind() == "constructor_declaration" && n.id() != ctor.id()) {
        let mut cc = sibling.walk();
        for init in sibling.named_children(&mut cc).filter(|n| n.kind() == "constructor_initializer") {
            let mut ic = init.walk();
            let chains_here = init.children(&mut ic).any(|t| t.kind() == "this");
            if let Some(list) = init.named_children(&mut init.walk()).find(|n| n.kind() == "argument_list").filter(|_| chains_here) {
                out.push(list);
            }
        }
    }
    out
}

/// A parameter as its callers see it.
struct Parameter {
    name: String,
    /// Positional index (a Python method's `self` / `cls` is not passed).
    index: usize,
    /// How many arguments a call may pass: the parameters without a default, and all of them.
    required: usize,
    total: usize,
}

/// Where parameter `name` sits in `func`'s parameter list.
fn parameter_position(lang: Lang, func: Node<'_>, name: &str, src: &str) -> Option<Parameter> {
    let params = func.child_by_field_name("parameters")?;
    let mut c = params.walk();
    let (mut index, mut found, mut required, mut total) = (0, None, 0, 0);
    for (i, p) in params.named_children(&mut c).enumerate() {
        let id = match p.kind() {
            "identifier" => Some(p),
            "typed_parameter" => p.named_child(0).filter(|n| n.kind() == "identifier"),
            "default_parameter" | "typed_default_parameter" | "parameter" => p.child_by_field_name("name"),
            "assignment_pattern" => p.child_by_field_name("left"),
            "required_parameter" | "optional_parameter" => p.child_by_field_name("pattern"),
            // `*args`, `**kwargs`, `...rest`, `params string[]`: any number of arguments.
            "list_splat_pattern" | "dictionary_splat_pattern" | "rest_pattern" => {
                total = usize::MAX;
                continue;
            }
            _ => None,
        };
        let id_text = id.map(|n| &src[n.byte_range()]);
        if i == 0 && lang == Lang::Python && matches!(id_text, Some("self" | "cls")) {
            continue;
        }
        let has_default = matches!(p.kind(), "default_parameter" | "typed_default_parameter" | "assignment_pattern" | "optional_parameter")
            || p.kind() == "parameter" && p.child_by_field_name("default").is_some()
            || src[p.byte_range()].contains('=');
        if !has_default {
            required += 1;
        }
        total = total.saturating_add(1);
        if id_text == Some(name) {
            found = Some(index);
        }
        index += 1;
    }
    found.map(|index| Parameter { name: name.to_owned(), index, required, total })
}

impl<'t> Resolver<'_, 't> {
    /// The names the callers of `func` write: the function's own name; a Python `__init__`'s class name
    /// and `cls`; a C# / JS constructor's class name.
    fn callee_names(&self, func: Node<'t>) -> Vec<String> {
        let (lang, src) = (self.lang, self.src);
        let own = func.child_by_field_name("name").map(|n| src[n.byte_range()].to_owned()).or_else(|| {
            // `const make = (url) => ...`
            func.parent()
                .filter(|p| p.kind() == "variable_declarator")
                .and_then(|p| p.child_by_field_name("name"))
                .map(|n| src[n.byte_range()].to_owned())
        });
        let class_name = || self.enclosing_class_name(func);
        match own.as_deref() {
            Some("__init__") if lang == Lang::Python => class_name().into_iter().chain(std::iter::once("cls".to_owned())).collect(),
            Some("constructor") => class_name().into_iter().collect(),
            _ if func.kind() == "constructor_declaration" => own.into_iter().collect(),
            Some(n) if !n.is_empty() => vec![n.to_owned()],
            _ => Vec::new(),
        }
    }

    /// The file's root node, when the resolver was given the tree.
    pub(super) fn root(&self) -> Option<Node<'t>> {
        self.root
    }

    /// `node`'s ancestors, innermost first. `Node::parent` searches down from the root on every
    /// call, so climbing to the root with it costs depth² steps; one descent from the root costs depth.
    pub(super) fn ancestors(&self, node: Node<'t>) -> Vec<Node<'t>> {
        let Some(mut at) = self.root else {
            return std::iter::successors(node.parent(), |n| n.parent()).collect();
        };
        let mut chain = Vec::new();
        while at.id() != node.id() {
            chain.push(at);
            match at.child_with_descendant(node) {
                Some(child) => at = child,
                None => break,
            }
        }
        chain.reverse();
        chain
    }

    /// The name of the class `func` is declared in, if any.
    pub(super) fn enclosing_class_name(&self, func: Node<'t>) -> Option<String> {
        self.enclosing_class(func).and_then(|c| c.child_by_field_name("name")).map(|n| self.src[n.byte_range()].to_owned())
    }

    /// The class (Python, C#, JS/TS declaration) a node sits in.
    pub(super) fn enclosing_class(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.ancestors(node).into_iter().find(|n| matches!(n.kind(), "class_definition" | "class_declaration"))
    }

    /// The class whose body declares `node` (a field, constant or property), not a function inside it.
    pub(super) fn class_of_member(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.ancestors(node)
            .into_iter()
            .take_while(|n| !FUNCTION_KINDS.contains(&n.kind()))
            .find(|n| matches!(n.kind(), "class_definition" | "class_declaration"))
    }
}

pub(super) fn function_return(function: Node<'_>) -> Option<Node<'_>> {
    match own_returns(function).as_slice() {
        [ret]
            if !matches!(
                ret.kind(),
                "identifier" | "attribute" | "member_expression" | "member_access_expression" | "none" | "null" | "null_literal"
            ) =>
        {
            Some(*ret)
        }
        _ => None,
    }
}

/// The expressions of a function's own `return`s (not a nested function's), or its expression body.
fn own_returns(function: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = function.walk();
    let mut stack: Vec<Node> = function.named_children(&mut cursor).collect();
    while let Some(n) = stack.pop() {
        match n.kind() {
            "return_statement" | "arrow_expression_clause" => out.extend(n.named_child(0)),
            k if FUNCTION_KINDS.contains(&k) || k == "class_definition" || k == "class_declaration" => continue,
            _ => {
                let mut c = n.walk();
                stack.extend(n.named_children(&mut c));
            }
        }
    }
    out
}

pub fn is_configish(text: &str) -> bool {
    // `sp.GetRequiredService<IOptions<IntakeSettings>>().Value`: the options type names it.
    let last =
        text.rsplit(['.', '>']).find(|s| !s.trim_matches(['(', ')']).is_empty() && *s != "Value" && *s != "CurrentValue").unwrap_or(text);
    // `get_settings().database_url`: a settings getter's result.
    let l = last.trim_start_matches('_').trim_end_matches("()").to_ascii_lowercase();
    l.ends_with("configuration")
        || l.ends_with("config")
        || l.ends_with("settings")
        || l.ends_with("options")
        || l == "cfg"
        || l == "conf"
        // nconf, the config library of many Express apps: `nconf.get('COSMOS_CONNECTION')`.
        || l == "nconf"
        || l == "appsettings"
        // Streamlit's `st.secrets["KEY"]`: the app's secrets.toml.
        || l == "secrets"
        || l.ends_with("configservice")
}

fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}
