//! Python: node shapes of tree-sitter-python, `os.environ` / settings access, definitions.

use super::{Arg, CallInfo, Def, Knowledge, Part, Shape, compact, last_segment, text, unescape_c};
use tree_sitter::Node;

pub static KNOWLEDGE: Knowledge = Knowledge {
    env_calls: &[
        "os.getenv",
        "os.environ.get",
        "getenv",
        "environ.get",
        "os.environ.setdefault",
        "env",
        "env.str",
        "config",
        "decouple.config",
        "os.environ.pop",
    ],
    env_objects: &["os.environ", "environ"],
    config_calls: &["get_secret_setting", "get_setting"],
    config_roots: &[],
};

pub fn shape<'t>(node: Node<'t>, src: &str) -> Shape<'t> {
    match node.kind() {
        "string" => string(node, src),
        "concatenated_string" => Shape::Concat(named(node)),
        "binary_operator" => {
            let op = node.child_by_field_name("operator").map(|o| o.kind()).unwrap_or("");
            match (op, node.child_by_field_name("left"), node.child_by_field_name("right")) {
                ("+" | "%", Some(l), Some(r)) => Shape::Concat(vec![l, r]),
                _ => Shape::Other,
            }
        }
        "boolean_operator" => match (node.child_by_field_name("left"), node.child_by_field_name("right")) {
            (Some(l), Some(r)) if text(node, src).contains(" or ") => Shape::Fallback(vec![l, r]),
            _ => Shape::Other,
        },
        "conditional_expression" => Shape::Fallback(named(node).into_iter().step_by(2).collect()),
        "identifier" => Shape::Ident(text(node, src).to_owned()),
        "attribute" => match (node.child_by_field_name("object"), node.child_by_field_name("attribute")) {
            (Some(object), Some(attr)) => Shape::Member { object, name: text(attr, src).to_owned() },
            _ => Shape::Other,
        },
        "subscript" => match (node.child_by_field_name("value"), node.child_by_field_name("subscript")) {
            (Some(object), Some(key)) => Shape::Index { object, key },
            _ => Shape::Other,
        },
        "call" => call(node, src).map(Shape::Call).unwrap_or(Shape::Other),
        "parenthesized_expression" | "await" | "expression_statement" => node.named_child(0).map(Shape::Wrapper).unwrap_or(Shape::Other),
        "dictionary" => {
            let mut pairs = Vec::new();
            for p in named(node) {
                match p.kind() {
                    "dictionary_splat" => pairs.extend(p.named_child(0).map(|v| (super::SPREAD.to_owned(), v))),
                    "pair" => {
                        if let (Some(k), Some(v)) = (p.child_by_field_name("key"), p.child_by_field_name("value")) {
                            let key = match string(k, src) {
                                Shape::Str(s) => s,
                                _ => text(k, src).to_owned(),
                            };
                            pairs.push((key, v));
                        }
                    }
                    _ => {}
                }
            }
            Shape::Dict(pairs)
        }
        _ => Shape::Other,
    }
}

fn named(node: Node<'_>) -> Vec<Node<'_>> {
    let mut c = node.walk();
    node.named_children(&mut c).filter(|n| n.kind() != "comment").collect()
}

fn string<'t>(node: Node<'t>, src: &str) -> Shape<'t> {
    if node.kind() != "string" {
        return Shape::Other;
    }
    let raw = text(node, src);
    let prefix: String = raw.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase();
    let kids = named(node);
    if kids.iter().any(|k| k.kind() == "interpolation") {
        let mut parts = Vec::new();
        for k in kids {
            match k.kind() {
                "string_content" => parts.push(Part::Lit(text(k, src).to_owned())),
                "interpolation" => {
                    if let Some(e) = k.child_by_field_name("expression").or(k.named_child(0)) {
                        parts.push(Part::Expr(e));
                    }
                }
                "escape_sequence" => parts.push(Part::Lit(unescape_c(text(k, src)))),
                _ => {}
            }
        }
        return Shape::Template(parts);
    }
    let body = &raw[prefix.len()..];
    let q = if body.starts_with("\"\"\"") || body.starts_with("'''") { 3 } else { 1 };
    let inner = body.get(q..body.len().saturating_sub(q)).unwrap_or("");
    Shape::Str(if prefix.contains('r') { inner.to_owned() } else { unescape_c(inner) })
}

pub fn call<'t>(node: Node<'t>, src: &str) -> Option<CallInfo<'t>> {
    let func = node.child_by_field_name("function")?;
    let (name, receiver) = match func.kind() {
        "attribute" => (text(func.child_by_field_name("attribute")?, src).to_owned(), func.child_by_field_name("object")),
        _ => (last_segment(text(func, src)), None),
    };
    let (mut args, mut splats) = (Vec::new(), Vec::new());
    if let Some(list) = node.child_by_field_name("arguments") {
        let mut c = list.walk();
        for a in list.named_children(&mut c) {
            match a.kind() {
                "keyword_argument" => {
                    if let (Some(n), Some(v)) = (a.child_by_field_name("name"), a.child_by_field_name("value")) {
                        args.push(Arg { name: Some(src[n.byte_range()].to_owned()), value: v });
                    }
                }
                "dictionary_splat" => splats.extend(a.named_child(0)),
                "comment" | "list_splat" => {}
                _ => args.push(Arg { name: None, value: a }),
            }
        }
    }
    Some(CallInfo { node, callee: compact(func, src), name, receiver, is_new: false, args, initializer: Vec::new(), splats })
}

/// `from m import A as B`, `from m import (A as B, C)` → (B, A). Module aliases (`import m as n`)
/// name modules, not classes, and are left out.
pub fn import_aliases(imports: &str) -> Vec<(String, String)> {
    imports
        .lines()
        .filter(|l| l.trim_start().starts_with("from "))
        .filter_map(|l| l.split_once(" import ").map(|(_, names)| names))
        .flat_map(|names| names.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace()).split(','))
        .filter_map(|item| {
            let (name, alias) = item.split_once(" as ")?;
            let (name, alias) = (name.trim(), alias.trim().trim_end_matches(')').trim());
            (!name.is_empty() && !alias.is_empty() && name != alias).then(|| (alias.to_owned(), name.to_owned()))
        })
        .collect()
}

pub fn defs<'t>(name: Node<'t>, value: Option<Node<'t>>, src: &str) -> Vec<Def<'t>> {
    let Some(value) = value else {
        return Vec::new();
    };
    match name.kind() {
        "identifier" | "attribute" => vec![Def { name: compact(name, src), value, member: None, name_node: name }],
        // `DATABASES["default"]["PASSWORD"] = ...` (a Django settings override): named by its keys,
        // `DATABASES.default.PASSWORD`.
        "subscript" => subscript_path(name, src).map(|path| Def { name: path, value, member: None, name_node: name }).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// `A["b"]["c"]` → `A.b.c`, when every key is a plain string.
fn subscript_path(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind() {
        "identifier" | "attribute" => Some(compact(node, src)),
        "subscript" => {
            let base = subscript_path(node.child_by_field_name("value")?, src)?;
            let Shape::Str(key) = string(node.child_by_field_name("subscript")?, src) else { return None };
            let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
            plain.then(|| format!("{base}.{key}"))
        }
        _ => None,
    }
}

/// A settings module code reads as `settings.NAME` / `config.NAME`: Django's `settings.py` or
/// `settings/production.py`, a `config.py`. Its module-level constants join the config index.
/// Does a file whose imports are `imports` (one statement per line) reach `name` of the module at
/// `module_rel` (`libs/common/common/storage.py`)? By `from common.storage import name`, a relative
/// `from .storage import name`, or a module import used as `storage.name` in `src`.
pub fn imports_from(imports: &str, src: &str, name: &str, importer_rel: &str, module_rel: &str) -> bool {
    let module = module_rel.trim_end_matches(".py").trim_end_matches("/__init__").replace('/', ".");
    let package = importer_rel.rsplit_once('/').map_or("", |(dir, _)| dir).replace('/', ".");
    // `a.b` names the module when the module's dotted path ends with it (sources live under a root).
    let names_module = |dotted: &str| {
        let dotted = resolve_relative(dotted, &package);
        !dotted.is_empty() && (module == dotted || module.ends_with(&format!(".{dotted}")))
    };
    let used_as_member = |alias: &str| src.contains(&format!("{alias}.{name}("));
    for line in imports.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("from ") {
            let Some((from, items)) = rest.split_once(" import ") else { continue };
            let from = from.trim();
            for item in items.trim().trim_start_matches('(').trim_end_matches(')').split(',') {
                let mut parts = item.split(" as ").map(str::trim);
                let imported = parts.next().unwrap_or("");
                let alias = parts.next().unwrap_or(imported);
                if imported == name && names_module(from) {
                    return true;
                }
                let joined = if from.ends_with('.') { format!("{from}{imported}") } else { format!("{from}.{imported}") };
                if !imported.is_empty() && names_module(&joined) && used_as_member(alias) {
                    return true;
                }
            }
        } else if let Some(rest) = line.strip_prefix("import ") {
            for item in rest.split(',') {
                let mut parts = item.split(" as ").map(str::trim);
                let imported = parts.next().unwrap_or("");
                let alias = parts.next().unwrap_or(imported);
                if names_module(imported) && used_as_member(alias) {
                    return true;
                }
            }
        }
    }
    false
}

/// `.storage` from package `app.services` is `app.services.storage`; `..storage` is `app.storage`.
fn resolve_relative(dotted: &str, package: &str) -> String {
    let dots = dotted.chars().take_while(|c| *c == '.').count();
    if dots == 0 {
        return dotted.to_owned();
    }
    let mut base: Vec<&str> = package.split('.').filter(|s| !s.is_empty()).collect();
    for _ in 1..dots {
        base.pop();
    }
    let rest = &dotted[dots..];
    if !rest.is_empty() {
        base.push(rest);
    }
    base.join(".")
}

/// Names declared with type `ty` (`client: SecretClient`, `client: Optional[SecretClient]`), and
/// FastAPI parameters that `Depends` on a function `ty` (`client = Depends(get_secret_client)`).
pub fn declared_of_type(src: &str, ty: &str) -> Vec<String> {
    let ty = regex::escape(ty);
    let pattern = format!(
        r"\b([A-Za-z_]\w*)\s*:\s*(?:(?:Optional|Annotated)\[\s*)?{ty}\b|\b([A-Za-z_]\w*)\s*(?::[^=,()]*)?=\s*Depends\(\s*{ty}\s*\)|\b([A-Za-z_]\w*)\s*:\s*Annotated\[[^\]]*Depends\(\s*{ty}\s*\)"
    );
    super::captured_names(src, &pattern)
}

pub fn is_settings_module(rel: &str) -> bool {
    let mut parts = rel.rsplit('/');
    let file = parts.next().unwrap_or(rel).to_ascii_lowercase();
    let dir = parts.next().unwrap_or("").to_ascii_lowercase();
    let Some(stem) = file.strip_suffix(".py") else { return false };
    matches!(stem, "settings" | "config" | "conf") || stem.ends_with("_settings") || matches!(dir.as_str(), "settings" | "config")
}

/// The node an assignment statement sits in (`module`, a class's or function's `block`), for a
/// definition made by a plain `name = value` statement.
fn statement_container<'t>(def: &Def<'t>) -> Option<Node<'t>> {
    def.name_node
        .parent()
        .filter(|a| a.kind() == "assignment")
        .and_then(|a| a.parent())
        .filter(|e| e.kind() == "expression_statement")
        .and_then(|e| e.parent())
}

/// Is this definition a module-level constant (`ARCHIVE_URL = (...)` at the top of the file)?
pub fn is_module_constant(def: &Def<'_>) -> bool {
    let upper = def.name.starts_with(|c: char| c.is_ascii_uppercase())
        && def.name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    upper && def.member.is_none() && statement_container(def).is_some_and(|m| m.kind() == "module")
}

/// Is this definition a field default of a class (`database_url: str = "postgresql://…"` in a
/// pydantic `BaseSettings` or a dataclass)? In a settings module, `settings.database_url` reads it.
pub fn is_class_field(def: &Def<'_>) -> bool {
    def.member.is_none()
        && def.name_node.kind() == "identifier"
        && statement_container(def).filter(|b| b.kind() == "block").and_then(|b| b.parent()).is_some_and(|c| c.kind() == "class_definition")
}

/// Is this keyword argument given to a class's constructor (`Config(pg_dsn=os.environ.get("X",
/// "postgresql://…"))`)? In a settings module, `cfg.pg_dsn` reads it.
pub fn is_constructor_keyword(key: Node<'_>, src: &str) -> bool {
    key.parent()
        .filter(|k| k.kind() == "keyword_argument")
        .and_then(|k| k.parent())
        .filter(|a| a.kind() == "argument_list")
        .and_then(|a| a.parent())
        .and_then(|call| call.child_by_field_name("function"))
        .is_some_and(|f| last_segment(&src[f.byte_range()]).starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The module and name that `name` is bound to by a `from M import N [as name]` line of `imports`.
pub fn imported_from(imports: &str, name: &str) -> Option<(String, String)> {
    imports.lines().map(str::trim).find_map(|line| {
        let (module, items) = line.strip_prefix("from ")?.split_once(" import ")?;
        items.trim().trim_start_matches('(').trim_end_matches(')').split(',').find_map(|item| {
            let mut parts = item.split(" as ").map(str::trim);
            let imported = parts.next()?;
            let alias = parts.next().unwrap_or(imported);
            (alias == name && !imported.is_empty()).then(|| (module.trim().to_owned(), imported.to_owned()))
        })
    })
}

/// The module `import app.config as config` (or `import config`) binds to `name`.
pub fn imported_module(imports: &str, name: &str) -> Option<String> {
    imports.lines().map(str::trim).find_map(|line| {
        line.strip_prefix("import ")?.split(',').find_map(|item| {
            let mut parts = item.split(" as ").map(str::trim);
            let module = parts.next()?;
            let bound = parts.next().unwrap_or(module);
            (bound == name && !module.is_empty()).then(|| module.to_owned())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{imported_module, is_settings_module};

    #[test]
    fn module_imports_bind_their_alias_or_their_name() {
        let imports = "import os, sys\nimport app.config as cfg\nimport settings\nfrom app import db\n";
        assert_eq!(imported_module(imports, "cfg").as_deref(), Some("app.config"));
        assert_eq!(imported_module(imports, "settings").as_deref(), Some("settings"));
        assert_eq!(imported_module(imports, "sys").as_deref(), Some("sys"));
        assert_eq!(imported_module(imports, "db"), None);
    }

    #[test]
    fn settings_modules_are_known_by_their_path() {
        for yes in
            ["newsroom/settings.py", "newsroom/settings/production.py", "app/config.py", "billing/worker_settings.py", "config/base.py"]
        {
            assert!(is_settings_module(yes), "{yes}");
        }
        for no in ["newsroom/views.py", "settings.json", "app/configure.py", "tests/test_settings_page.py"] {
            assert!(!is_settings_module(no), "{no}");
        }
    }
}
