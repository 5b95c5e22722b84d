//! Languages: one module per grammar family. Each turns tree-sitter nodes into the neutral
//! [`Shape`] the analyzer reads, and holds that language's knowledge (how environment variables and
//! configuration are read, how imports look). Nothing outside `src/lang/` names a grammar node kind.

pub mod csharp;
pub mod javascript;
pub mod python;

use std::sync::LazyLock;
use tree_sitter::{Language, Node, Query};

/// A programming language secretless parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    CSharp,
    JavaScript,
    TypeScript,
    Tsx,
}

impl Lang {
    /// Language by file extension (lowercase, no dot).
    pub fn from_extension(ext: &str) -> Option<Lang> {
        Some(match ext {
            "py" | "pyw" => Lang::Python,
            "cs" | "csx" => Lang::CSharp,
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::CSharp => "csharp",
            Lang::JavaScript => "javascript",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
        }
    }

    /// How comment and documentation lines begin (after indentation): trigger words there say
    /// nothing about the code, so the prefilter does not count them.
    pub fn doc_line_starts(self) -> &'static [&'static str] {
        match self {
            Lang::Python => &["#", ":param", ":keyword", ":type", ":ivar", ":vartype", ":return", ":rtype", ":raises", ">>>"],
            Lang::CSharp => &["//", "/*", "* ", "*\t", "#region", "#endregion"],
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => &["//", "/*", "* ", "*\t", "@param"],
        }
    }

    /// The grammar and its compiled candidate query, built once per process and shared by threads.
    pub fn grammar(self) -> &'static Grammar {
        static PY: LazyLock<Grammar> =
            LazyLock::new(|| Grammar::new(tree_sitter_python::LANGUAGE.into(), include_str!("../../queries/python/candidates.scm")));
        static CS: LazyLock<Grammar> =
            LazyLock::new(|| Grammar::new(tree_sitter_c_sharp::LANGUAGE.into(), include_str!("../../queries/csharp/candidates.scm")));
        static JS: LazyLock<Grammar> = LazyLock::new(|| {
            Grammar::new(tree_sitter_javascript::LANGUAGE.into(), include_str!("../../queries/javascript/candidates.scm"))
        });
        static TS: LazyLock<Grammar> = LazyLock::new(|| {
            Grammar::new(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(), include_str!("../../queries/typescript/candidates.scm"))
        });
        static TSX: LazyLock<Grammar> = LazyLock::new(|| {
            Grammar::new(tree_sitter_typescript::LANGUAGE_TSX.into(), include_str!("../../queries/typescript/candidates.scm"))
        });
        match self {
            Lang::Python => &PY,
            Lang::CSharp => &CS,
            Lang::JavaScript => &JS,
            Lang::TypeScript => &TS,
            Lang::Tsx => &TSX,
        }
    }

    /// Neutral view of an expression node.
    pub fn shape<'t>(self, node: Node<'t>, src: &str) -> Shape<'t> {
        match self {
            Lang::Python => python::shape(node, src),
            Lang::CSharp => csharp::shape(node, src),
            _ => javascript::shape(node, src),
        }
    }

    /// Names the file's imports give another name (`import { A as B }`, `from m import A as B`,
    /// `using B = Ns.A;`): alias → imported name, so that an aliased client or credential is still
    /// known to the catalog. `imports` holds one import per line (analyze::code collects them).
    pub fn import_aliases(self, imports: &str) -> Vec<(String, String)> {
        match self {
            Lang::Python => python::import_aliases(imports),
            Lang::CSharp => csharp::import_aliases(imports),
            _ => javascript::import_aliases(imports),
        }
    }

    /// [`Lang::shape`], with a call through an import alias under its imported name (`aliases`:
    /// alias → name, from [`Lang::import_aliases`]).
    pub fn shape_with_aliases<'t>(self, node: Node<'t>, src: &str, aliases: &std::collections::HashMap<String, String>) -> Shape<'t> {
        let mut shape = self.shape(node, src);
        if let Shape::Call(c) = &mut shape
            && let Some(name) = aliases.get(&c.name)
        {
            c.name = name.clone();
        }
        shape
    }

    /// Names declared with type `ty`: parameters and fields that receive an injected client.
    pub fn declared_of_type(self, src: &str, ty: &str) -> Vec<String> {
        match self {
            Lang::Python => python::declared_of_type(src, ty),
            Lang::CSharp => csharp::declared_of_type(src, ty),
            _ => javascript::declared_of_type(src, ty),
        }
    }

    /// Definitions from a `@def` / `@def.name` + `@def.value` capture.
    pub fn defs<'t>(self, name: Node<'t>, value: Option<Node<'t>>, src: &str) -> Vec<Def<'t>> {
        match self {
            Lang::Python => python::defs(name, value, src),
            Lang::CSharp => csharp::defs(name, value, src),
            _ => javascript::defs(name, value, src),
        }
    }

    /// How this language reads environment variables and configuration.
    pub fn knowledge(self) -> &'static Knowledge {
        match self {
            Lang::Python => &python::KNOWLEDGE,
            Lang::CSharp => &csharp::KNOWLEDGE,
            _ => &javascript::KNOWLEDGE,
        }
    }

    /// The line-comment marker used for inline suppressions.
    pub fn comment_prefix(self) -> &'static str {
        match self {
            Lang::Python => "#",
            _ => "//",
        }
    }
}

/// A grammar with its compiled query and capture indexes.
pub struct Grammar {
    pub language: Language,
    pub query: Query,
    pub cap: Captures,
}

/// Capture indexes of the candidate query (absent captures are `u32::MAX`).
pub struct Captures {
    pub call: u32,
    pub string: u32,
    pub def: u32,
    pub def_name: u32,
    pub def_value: u32,
    pub pair_key: u32,
    pub pair_value: u32,
    pub import: u32,
}

impl Grammar {
    fn new(language: Language, source: &str) -> Grammar {
        let query = Query::new(&language, source).unwrap_or_else(|e| panic!("built-in query does not compile: {e}"));
        let idx = |n: &str| query.capture_index_for_name(n).unwrap_or(u32::MAX);
        let cap = Captures {
            call: idx("call"),
            string: idx("string"),
            def: idx("def"),
            def_name: idx("def.name"),
            def_value: idx("def.value"),
            pair_key: idx("pair.key"),
            pair_value: idx("pair.value"),
            import: idx("import"),
        };
        Grammar { language, query, cap }
    }
}

/// A language-neutral view of one expression.
#[derive(Debug)]
pub enum Shape<'t> {
    /// A plain string literal, decoded.
    Str(String),
    /// f-string, template literal or interpolated string.
    Template(Vec<Part<'t>>),
    /// `a + b`, implicit concatenation.
    Concat(Vec<Node<'t>>),
    Ident(String),
    /// `object.name`
    Member {
        object: Node<'t>,
        name: String,
    },
    /// `object[key]`
    Index {
        object: Node<'t>,
        key: Node<'t>,
    },
    Call(CallInfo<'t>),
    /// `a or b`, `a ?? b`, `a || b`, `c ? a : b`: the alternatives, first preferred.
    Fallback(Vec<Node<'t>>),
    /// A dict / object literal: key → value.
    Dict(Vec<(String, Node<'t>)>),
    /// Parentheses, await, casts, `x!`: look inside.
    Wrapper(Node<'t>),
    Other,
}

/// A piece of a template string.
#[derive(Debug)]
pub enum Part<'t> {
    Lit(String),
    Expr(Node<'t>),
}

/// A call or object creation.
#[derive(Debug, Clone)]
pub struct CallInfo<'t> {
    pub node: Node<'t>,
    /// The called expression's text, whitespace removed (`BlobServiceClient.from_connection_string`).
    pub callee: String,
    /// Last segment of the callee or the constructed type (`from_connection_string`, `BlobServiceClient`).
    pub name: String,
    /// The object a method is called on (`BlobServiceClient` in `BlobServiceClient.from_connection_string`).
    pub receiver: Option<Node<'t>>,
    /// `new X(...)` in C# / JS / TS.
    pub is_new: bool,
    pub args: Vec<Arg<'t>>,
    /// C# object initializer members: `new X { ConnectionString = cs }`.
    pub initializer: Vec<(String, Node<'t>)>,
    /// Python `**options`: dicts whose entries are passed as keyword arguments (`connect(**DB)`).
    pub splats: Vec<Node<'t>>,
}

#[derive(Debug, Clone)]
pub struct Arg<'t> {
    /// Keyword / named argument name.
    pub name: Option<String>,
    pub value: Node<'t>,
}

impl<'t> CallInfo<'t> {
    pub fn positional(&self) -> impl Iterator<Item = Node<'t>> + '_ {
        self.args.iter().filter(|a| a.name.is_none()).map(|a| a.value)
    }

    pub fn keyword(&self, names: &[&str]) -> Option<Node<'t>> {
        self.args.iter().find(|a| a.name.as_deref().is_some_and(|n| names.iter().any(|w| w.eq_ignore_ascii_case(n)))).map(|a| a.value)
    }
}

/// One way a name gets a value: `name = value` (or `value.member` when destructured).
#[derive(Debug, Clone)]
pub struct Def<'t> {
    pub name: String,
    pub value: Node<'t>,
    /// `const { KEY } = process.env` defines KEY as `process.env.KEY`.
    pub member: Option<String>,
    pub name_node: Node<'t>,
}

/// Per-language facts about reading environment variables and configuration.
pub struct Knowledge {
    /// Callees that read an environment variable from their first argument (`os.getenv`).
    pub env_calls: &'static [&'static str],
    /// Objects indexed by environment variable name (`os.environ["X"]`, `process.env.X`).
    pub env_objects: &'static [&'static str],
    /// Method names that read a configuration key from their first argument (`GetConnectionString`).
    pub config_calls: &'static [&'static str],
    /// Calls that return the whole configuration object (Nuxt's `useRuntimeConfig()`).
    pub config_roots: &'static [&'static str],
}

/// Node text.
/// Node kinds that are functions in the grammars: a variable's scope, a helper whose return is followed.
/// The first group that matched of each match of `pattern` in `src`, deduplicated.
fn captured_names(src: &str, pattern: &str) -> Vec<String> {
    let Ok(re) = regex::Regex::new(pattern) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for caps in re.captures_iter(src) {
        if let Some(m) = caps.iter().skip(1).flatten().next() {
            let name = m.as_str().trim_start_matches('@').to_owned();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The key a dict shape gives a spread entry (`{ ...base }`, `{**base}`): the resolver puts the
/// spread object's own entries in its place.
pub const SPREAD: &str = "...";

pub const FUNCTION_KINDS: &[&str] = &[
    "function_definition",
    "function_declaration",
    "method_declaration",
    "method_definition",
    "local_function_statement",
    "constructor_declaration",
    "arrow_function",
    "function_expression",
    "lambda",
    "lambda_expression",
];

pub fn text<'a>(node: Node<'_>, src: &'a str) -> &'a str {
    &src[node.byte_range()]
}

/// Node text without whitespace (for callee comparisons across line breaks).
pub fn compact(node: Node<'_>, src: &str) -> String {
    text(node, src).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Last dotted segment, generics removed: `Azure.Storage.Blobs.BlobServiceClient<T>` → `BlobServiceClient`.
pub fn last_segment(s: &str) -> String {
    // Generic argument lists anywhere are not names: `GetValue<string>`, and the receiver's in
    // `new DbContextOptionsBuilder<Db>().UseSqlServer`.
    let mut plain = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain.rsplit(['.', ':']).next().unwrap_or(&plain).trim().to_owned()
}

/// Unescape backslash escapes common to C-family string literals.
pub fn unescape_c(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn import_aliases_map_each_alias_to_the_imported_name() {
        let pairs = |lang: Lang, imports: &str| {
            let mut v = lang.import_aliases(imports);
            v.sort();
            v
        };
        let own = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            pairs(
                Lang::TypeScript,
                "import { QueueServiceClient, StorageSharedKeyCredential as QueueKey, type TokenCredential as TC } from \"@azure/storage-queue\";\n{ AzureKeyCredential: KeyCred } = require('@azure/core-auth')\n"
            ),
            vec![own("KeyCred", "AzureKeyCredential"), own("QueueKey", "StorageSharedKeyCredential"), own("TC", "TokenCredential")]
        );
        assert_eq!(
            pairs(Lang::Python, "from azure.core.credentials import (AzureKeyCredential as KeyCred, AccessToken)\nimport numpy as np\n"),
            vec![own("KeyCred", "AzureKeyCredential")]
        );
        assert_eq!(
            pairs(
                Lang::CSharp,
                "using Azure.Storage;\nusing SharedKey = Azure.Storage.StorageSharedKeyCredential;\nusing static System.Math;\n"
            ),
            vec![own("SharedKey", "StorageSharedKeyCredential")]
        );
        // No alias, no entry.
        assert!(Lang::JavaScript.import_aliases("import { BlobServiceClient } from '@azure/storage-blob';\n").is_empty());
    }

    #[test]
    fn python_imports_from_resolves_absolute_relative_and_module_imports() {
        use super::python::imports_from;
        let module = "libs/common/common/storage.py";
        let importer = "services/jobs/jobs/run.py";
        assert!(imports_from("from common.storage import get_table, get_container\n", "", "get_container", importer, module));
        assert!(imports_from("from common.storage import (get_container as gc)\n", "", "get_container", importer, module));
        // Another package's function of the same name.
        assert!(!imports_from("from vendor.storage import get_container\n", "", "get_container", importer, module));
        // `from common import storage` is used as `storage.get_container()`.
        assert!(imports_from("from common import storage\n", "x = storage.get_container()", "get_container", importer, module));
        assert!(!imports_from("from common import storage\n", "x = get_container()", "get_container", importer, module));
        // Relative: `from .storage import` in the same package, `from ..common.storage` one up.
        assert!(imports_from("from .storage import get_container\n", "", "get_container", "libs/common/common/jobs.py", module));
        assert!(imports_from("from ..storage import get_container\n", "", "get_container", "libs/common/common/sub/jobs.py", module));
        assert!(!imports_from("from .storage import get_container\n", "", "get_container", "services/jobs/jobs/run.py", module));
    }

    #[test]
    fn javascript_imports_from_resolves_relative_paths_and_workspace_packages() {
        use super::javascript::imports_from;
        let module = "libs/clients/src/search.ts";
        assert!(imports_from("import { createSearch } from \"./search.js\";\n", "createSearch", "libs/clients/src/index.ts", module));
        assert!(imports_from("const { createSearch } = require(\"../src/search\");\n", "createSearch", "libs/clients/test/a.js", module));
        assert!(!imports_from("import { createSearch } from \"./other.js\";\n", "createSearch", "libs/clients/src/index.ts", module));
        // A workspace package that re-exports it, named after a folder on the module's path.
        assert!(imports_from("import { createSearch } from \"@shop/clients\";\n", "createSearch", "apps/bff/src/a.ts", module));
        assert!(!imports_from("import { createSearch } from \"search-kit\";\n", "createSearch", "apps/bff/src/a.ts", module));
        // The name must be among the bindings, not only in the path.
        assert!(!imports_from("import { other } from \"./search.js\";\n", "search", "libs/clients/src/index.ts", module));
    }

    #[test]
    fn declared_of_type_finds_where_an_injected_client_arrives() {
        let cs = "private readonly ServiceBusClient _client;\npublic Worker(ServiceBusClient client, ILogger log) {}\npublic ServiceBusClient Create() => null;";
        assert_eq!(Lang::CSharp.declared_of_type(cs, "ServiceBusClient"), ["_client", "client"]);
        assert_eq!(Lang::CSharp.declared_of_type("class Drain(ServiceBusClient client) {}", "ServiceBusClient"), ["client"]);
        let ts = "constructor(private readonly blobs: BlobServiceClient, @Inject(X) cfg: Config) {}";
        assert_eq!(Lang::TypeScript.declared_of_type(ts, "BlobServiceClient"), ["blobs"]);
        let py = "async def read(client: SecretClient = Depends(get_vault), other: Optional[SecretClient] = None): ...";
        assert_eq!(Lang::Python.declared_of_type(py, "get_vault"), ["client"]);
        assert_eq!(Lang::Python.declared_of_type(py, "SecretClient"), ["client", "other"]);
    }
}
