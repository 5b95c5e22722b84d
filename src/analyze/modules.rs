//! Values another file of the app exports. A driver given an options object that a module of the
//! app exports (`new sql.ConnectionPool(sqlConfig)` with `sqlConfig` from `./db-config`) signs in
//! the way that object says: with its `password`, or without one (JS/TS relative imports, Python
//! `from .settings import NAME`). A Python driver given what a function of another module returns
//! (`create_async_engine(database_url())`) signs in the way that function's auth site does. The module is read, parsed and resolved on its
//! own, with the importing file's config scope.

use super::resolve::Resolver;
use crate::config::ConfigScope;
use crate::finding::Source;
use crate::lang::{Lang, Shape, javascript};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An exported module larger than this is not read: config modules are small.
const MAX_MODULE_BYTES: u64 = 256 * 1024;

/// One entry of an imported object, resolved in its own module.
#[derive(Debug, Clone)]
pub struct ImportedValue {
    pub source: Source,
    /// The value when fully known (a literal, or a config value).
    pub text: Option<String>,
    /// A function or arrow function (`password: async () => token`).
    pub is_function: bool,
}

/// The entries of the object that `expr` (`sqlConfig`, `config.db`, `TORTOISE_ORM.connections`)
/// names, when its root is bound by a relative import of `importer` (JS/TS) or a `from module import`
/// of an app module (Python) and that module defines an object literal or dict there.
pub fn imported_object(importer: &Path, imports: &str, expr: &str, config: ConfigScope<'_>) -> Option<Vec<(String, ImportedValue)>> {
    let mut segments = expr.split('.');
    let root = segments.next()?;
    let mut path: Vec<&str> = segments.collect();
    if root.is_empty() || !expr.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.')) {
        return None;
    }
    // JS/TS: a relative import (`./db-config`); Python: `from .settings import TORTOISE_ORM`.
    let is_python = importer.extension().is_some_and(|e| e == "py");
    let (file, export) = if is_python {
        python_import_target(importer, imports, root, &mut path)?
    } else {
        let (spec, export) = javascript::relative_import(imports, root)?;
        (module_file(importer.parent()?, &spec)?, export)
    };
    let lang = Lang::from_extension(file.extension()?.to_str()?)?;
    if std::fs::metadata(&file).ok()?.len() > MAX_MODULE_BYTES {
        return None;
    }
    let text = crate::text::decode(&std::fs::read(&file).ok()?).text;
    let tree = crate::scan::parse(lang, &text, Duration::from_secs(1))?;
    let defs = super::code::definitions(lang, &tree, &text);
    let r = Resolver::new(lang, &text, defs, config);
    let exported = match &export {
        Some(name) => ["", "module.exports.", "exports."].iter().find_map(|p| r.defs_named(&format!("{p}{name}")).first().map(|d| d.value)),
        None => r.defs_named("module.exports").first().map(|d| d.value).or_else(|| default_export(&tree)),
    }?;
    let mut node = exported;
    for key in path {
        let Shape::Dict(pairs) = r.shape(r.eval(node).node) else { return None };
        node = pairs.into_iter().find(|(k, _)| k == key)?.1;
    }
    let Shape::Dict(pairs) = r.shape(r.eval(node).node) else { return None };
    Some(
        pairs
            .into_iter()
            .map(|(k, v)| {
                let is_function = v.kind().contains("function") || v.kind().contains("arrow");
                let value = r.eval(v);
                (k, ImportedValue { source: value.source.clone(), text: value.full_text().map(str::to_owned), is_function })
            })
            .collect(),
    )
}

/// The file a relative specifier names, as Node and TypeScript resolve it.
fn module_file(dir: &Path, spec: &str) -> Option<PathBuf> {
    let base = dir.join(spec);
    let exts = ["ts", "js", "mjs", "cjs", "mts", "cts", "tsx"];
    let with_ext = exts.iter().map(|e| PathBuf::from(format!("{}.{e}", base.display())));
    let index = exts.iter().map(|e| base.join(format!("index.{e}")));
    // `./config.js` in TypeScript ESM names `./config.ts`.
    let ts_for_js = base.extension().filter(|e| *e == "js").map(|_| base.with_extension("ts"));
    std::iter::once(base.clone()).chain(ts_for_js).chain(with_ext).chain(index).find(|p| p.is_file())
}

/// `export default { ... }`: the exported expression.
fn default_export(tree: &tree_sitter::Tree) -> Option<tree_sitter::Node<'_>> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    root.named_children(&mut cursor)
        .filter(|n| n.kind() == "export_statement" && n.children(&mut n.walk()).any(|c| c.kind() == "default"))
        .find_map(|n| n.child_by_field_name("value").or_else(|| n.child_by_field_name("declaration")))
}

/// The datasource of the Prisma schema beside `importer` (`prisma/schema.prisma` in its directory
/// or one above): the database it names (`provider = "sqlserver"`) and the environment variable
/// that holds its URL (`url = env("DATABASE_URL")`).
pub fn prisma_datasource(importer: &Path) -> Option<(crate::finding::Service, String)> {
    use crate::finding::Service;
    let mut dir = importer.parent();
    let schema = loop {
        let d = dir?;
        if let Some(found) = [d.join("prisma/schema.prisma"), d.join("schema.prisma")].into_iter().find(|p| p.is_file()) {
            break found;
        }
        dir = d.parent();
    };
    if std::fs::metadata(&schema).ok()?.len() > MAX_MODULE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(schema).ok()?;
    let block = &text[text.find("datasource")?..];
    let block = &block[..block.find('}')?];
    let quoted = |key: &str| block.lines().map(str::trim).find(|l| l.starts_with(key)).and_then(|l| l.split('"').nth(1)).map(str::to_owned);
    let service = match quoted("provider")?.as_str() {
        "sqlserver" => Service::Sql,
        "postgresql" | "postgres" => Service::Postgresql,
        "mysql" => Service::Mysql,
        _ => return None,
    };
    let url_line = block.lines().map(str::trim).find(|l| l.starts_with("url"))?;
    let env = url_line.split("env(\"").nth(1)?.split('"').next()?.to_owned();
    Some((service, env))
}

/// How a function of another module of the app signs in, when this Python file calls it for the
/// value it hands a driver (`create_async_engine(database_url())` with `database_url` from
/// `.settings`): the auth site inside that function (`URL.create(..., password=DB_PASSWORD)`), with
/// its service and where its secret comes from. Modules are followed one level deep.
pub fn python_function_auth(
    importer: &Path,
    imports: &str,
    name: &str,
    config: ConfigScope<'_>,
) -> Option<(crate::finding::Service, Source)> {
    thread_local! {
        static FOLLOWING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if FOLLOWING.with(|f| f.get()) {
        return None;
    }
    let (module, function) = crate::lang::python::imported_from(imports, name)?;
    let file = python_module_file(importer, &module)?;
    if std::fs::metadata(&file).ok()?.len() > MAX_MODULE_BYTES {
        return None;
    }
    let text = crate::text::decode(&std::fs::read(&file).ok()?).text;
    let tree = crate::scan::parse(Lang::Python, &text, Duration::from_secs(1))?;
    let root = tree.root_node();
    let mut cursor = root.walk();
    let def = root
        .named_children(&mut cursor)
        .map(|n| if n.kind() == "decorated_definition" { n.child_by_field_name("definition").unwrap_or(n) } else { n })
        .find(|n| n.kind() == "function_definition" && n.child_by_field_name("name").is_some_and(|id| text[id.byte_range()] == function))?;
    FOLLOWING.with(|f| f.set(true));
    let hits = super::code::analyze(Lang::Python, &tree, &text, config, Some(&file));
    FOLLOWING.with(|f| f.set(false));
    hits.into_iter()
        .find(|h| h.category == crate::finding::Category::Auth && def.byte_range().contains(&h.span.start))
        .map(|h| (h.service, h.source))
}

/// The module file and the name in it that a Python expression rooted at `root` reads: `from .settings
/// import DB` (`DB`), or a module bound by name (`from app import config`, `import app.config as config`),
/// where the expression's next segment (`config.MYSQL`) is the name, taken off `path`.
fn python_import_target(importer: &Path, imports: &str, root: &str, path: &mut Vec<&str>) -> Option<(PathBuf, Option<String>)> {
    let module = match crate::lang::python::imported_from(imports, root) {
        Some((module, name)) => {
            // `from app import config`: a submodule, when the package has one by that name.
            let joined = if module.ends_with('.') { format!("{module}{name}") } else { format!("{module}.{name}") };
            match python_module_file(importer, &joined).filter(|_| !path.is_empty()) {
                Some(file) => return Some((file, Some(path.remove(0).to_owned()))),
                None => return Some((python_module_file(importer, &module)?, Some(name))),
            }
        }
        None => crate::lang::python::imported_module(imports, root)?,
    };
    let file = python_module_file(importer, &module)?;
    (!path.is_empty()).then(|| (file, Some(path.remove(0).to_owned())))
}

/// The file of Python module `dotted` as `importer` imports it: relative (`.settings`, `..db`) from
/// its package, absolute (`fleetgraph.settings`) from its directory or one above (a source root).
fn python_module_file(importer: &Path, dotted: &str) -> Option<PathBuf> {
    let dots = dotted.chars().take_while(|c| *c == '.').count();
    let rest = dotted[dots..].replace('.', "/");
    let candidates = |base: &Path| {
        let target = if rest.is_empty() { base.join("__init__") } else { base.join(&rest) };
        [PathBuf::from(format!("{}.py", target.display())), target.join("__init__.py")].into_iter().find(|p| p.is_file())
    };
    let mut dir = importer.parent()?;
    if dots > 0 {
        for _ in 1..dots {
            dir = dir.parent()?;
        }
        return candidates(dir);
    }
    std::iter::successors(Some(dir), |d| d.parent()).take(4).find_map(candidates)
}
