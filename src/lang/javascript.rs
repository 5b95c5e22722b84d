//! JavaScript, TypeScript and TSX: node shapes, `process.env`, definitions and destructuring.

use super::{Arg, CallInfo, Def, Knowledge, Part, Shape, compact, last_segment, text, unescape_c};
use tree_sitter::Node;

pub static KNOWLEDGE: Knowledge = Knowledge {
    env_calls: &["env.get", "Deno.env.get", "getEnv", "requireEnv", "getRequiredEnv"],
    env_objects: &["process.env", "import.meta.env", "env"],
    config_calls: &["get", "getOrThrow"],
    config_roots: &["useRuntimeConfig"],
};

pub fn shape<'t>(node: Node<'t>, src: &str) -> Shape<'t> {
    match node.kind() {
        "string" => Shape::Str(string_value(node, src)),
        "template_string" => {
            let mut parts = Vec::new();
            let mut c = node.walk();
            for k in node.named_children(&mut c) {
                match k.kind() {
                    "string_fragment" => parts.push(Part::Lit(text(k, src).to_owned())),
                    "escape_sequence" => parts.push(Part::Lit(unescape_c(text(k, src)))),
                    "template_substitution" => {
                        if let Some(e) = k.named_child(0) {
                            parts.push(Part::Expr(e));
                        }
                    }
                    _ => {}
                }
            }
            // Older grammars expose no fragments: fall back to the raw text between backticks.
            if parts.is_empty() {
                let raw = text(node, src);
                parts.push(Part::Lit(raw.get(1..raw.len().saturating_sub(1)).unwrap_or("").to_owned()));
            }
            Shape::Template(parts)
        }
        "binary_expression" => {
            let op = node.child_by_field_name("operator").map(|o| text(o, src)).unwrap_or("");
            match (op, node.child_by_field_name("left"), node.child_by_field_name("right")) {
                ("+", Some(l), Some(r)) => Shape::Concat(vec![l, r]),
                ("||" | "??", Some(l), Some(r)) => Shape::Fallback(vec![l, r]),
                _ => Shape::Other,
            }
        }
        "ternary_expression" => match (node.child_by_field_name("consequence"), node.child_by_field_name("alternative")) {
            (Some(a), Some(b)) => Shape::Fallback(vec![a, b]),
            _ => Shape::Other,
        },
        "identifier" | "this" | "shorthand_property_identifier" | "property_identifier" => Shape::Ident(text(node, src).to_owned()),
        "member_expression" => match (node.child_by_field_name("object"), node.child_by_field_name("property")) {
            (Some(object), Some(p)) => Shape::Member { object, name: text(p, src).to_owned() },
            _ => Shape::Other,
        },
        "subscript_expression" => match (node.child_by_field_name("object"), node.child_by_field_name("index")) {
            (Some(object), Some(key)) => Shape::Index { object, key },
            _ => Shape::Other,
        },
        "call_expression" | "new_expression" => call(node, src).map(Shape::Call).unwrap_or(Shape::Other),
        "parenthesized_expression"
        | "await_expression"
        | "non_null_expression"
        | "as_expression"
        | "satisfies_expression"
        | "type_assertion" => {
            let mut c = node.walk();
            let inner = node.named_children(&mut c).find(|n| !n.kind().contains("type"));
            inner.map(Shape::Wrapper).unwrap_or(Shape::Other)
        }
        "object" => {
            let mut pairs = Vec::new();
            let mut c = node.walk();
            for p in node.named_children(&mut c) {
                match p.kind() {
                    "pair" => {
                        if let (Some(k), Some(v)) = (p.child_by_field_name("key"), p.child_by_field_name("value")) {
                            let key = if k.kind() == "string" { string_value(k, src) } else { text(k, src).to_owned() };
                            pairs.push((key, v));
                        }
                    }
                    "shorthand_property_identifier" => pairs.push((text(p, src).to_owned(), p)),
                    "spread_element" => pairs.extend(p.named_child(0).map(|v| (super::SPREAD.to_owned(), v))),
                    _ => {}
                }
            }
            Shape::Dict(pairs)
        }
        _ => Shape::Other,
    }
}

fn string_value(node: Node<'_>, src: &str) -> String {
    let raw = text(node, src);
    unescape_c(raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""))
}

pub fn call<'t>(node: Node<'t>, src: &str) -> Option<CallInfo<'t>> {
    let is_new = node.kind() == "new_expression";
    let mut func = node.child_by_field_name(if is_new { "constructor" } else { "function" })?;
    // TypeScript reads `await pool.request().query<Row>(sql)` as `(await pool.request().query)<Row>(sql)`.
    if func.kind() == "await_expression"
        && let Some(inner) = func.named_child(0)
    {
        func = inner;
    }
    let (name, receiver) = match func.kind() {
        "member_expression" => (text(func.child_by_field_name("property")?, src).to_owned(), func.child_by_field_name("object")),
        _ => (last_segment(text(func, src)), None),
    };
    let mut args = Vec::new();
    if let Some(list) = node.child_by_field_name("arguments") {
        let mut c = list.walk();
        for a in list.named_children(&mut c) {
            if a.kind() != "comment" && a.kind() != "spread_element" {
                args.push(Arg { name: None, value: a });
            }
        }
    }
    Some(CallInfo { node, callee: compact(func, src), name, receiver, is_new, args, initializer: Vec::new(), splats: Vec::new() })
}

/// `import { A as B } from "m"` and `{ A: B } = require("m")` → (B, A).
pub fn import_aliases(imports: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in imports.lines() {
        let (Some(open), Some(close)) = (line.find('{'), line.find('}')) else { continue };
        if close < open {
            continue;
        }
        let is_require = line.contains("require(");
        for item in line[open + 1..close].split(',') {
            let item = item.trim().trim_start_matches("type ").trim();
            let pair = if is_require { item.split_once(':') } else { item.split_once(" as ") };
            if let Some((name, alias)) = pair {
                let (name, alias) = (name.trim(), alias.trim());
                if !name.is_empty() && !alias.is_empty() && name != alias {
                    out.push((alias.to_owned(), name.to_owned()));
                }
            }
        }
    }
    out
}

/// Where a local name comes from when a relative module binds it: the module specifier and the
/// exported name (`None`: the module's default export, or the whole CommonJS `module.exports`).
/// `import { sqlConfig as db } from "./db-config"` binds `db` to (`./db-config`, `sqlConfig`);
/// `const config = require("./config")` binds `config` to (`./config`, None).
pub fn relative_import(imports: &str, local: &str) -> Option<(String, Option<String>)> {
    for line in imports.lines() {
        let Some(spec) = module_specifier(line).filter(|s| s.starts_with("./") || s.starts_with("../")) else {
            continue;
        };
        let is_require = line.contains("require(");
        let head = if is_require { line.split("require(").next().unwrap_or("") } else { line.split(" from ").next().unwrap_or("") };
        let head =
            head.trim().trim_start_matches("import").trim_start_matches("const ").trim_start_matches("let ").trim_start_matches("var ");
        let head = head.trim().trim_end_matches('=').trim();
        if let (Some(open), Some(close)) = (head.find('{'), head.rfind('}')) {
            for item in head[open + 1..close].split(',') {
                let item = item.trim().trim_start_matches("type ").trim();
                let (name, alias) = match if is_require { item.split_once(':') } else { item.split_once(" as ") } {
                    Some((n, a)) => (n.trim(), a.trim()),
                    None => (item, item),
                };
                if alias == local && !name.is_empty() {
                    return Some((spec.to_owned(), Some(name.to_owned())));
                }
            }
            // `import config, { other } from "./config"`: the default binding before the braces.
            let default = head[..open].trim().trim_end_matches(',').trim();
            if default == local {
                return Some((spec.to_owned(), None));
            }
            continue;
        }
        let whole = head.trim_start_matches("* as ").trim();
        if whole == local {
            return Some((spec.to_owned(), None));
        }
    }
    None
}

/// The quoted module of an import or require line.
/// Does a file whose imports are `imports` (one per line) import `name` from the module at
/// `module_rel`? A relative specifier must resolve to it (`./storage`, `../lib/storage.js`,
/// a folder's `index`); a package specifier (`@acme/azure-clients`) must name a folder on its path
/// (a workspace package that re-exports it).
pub fn imports_from(imports: &str, name: &str, importer_rel: &str, module_rel: &str) -> bool {
    let module = strip_script_extension(module_rel);
    let dir: Vec<&str> = importer_rel.rsplit_once('/').map_or(Vec::new(), |(d, _)| d.split('/').collect());
    imports.lines().any(|line| {
        let Some(spec) = module_specifier(line) else { return false };
        let head = line.split(spec).next().unwrap_or("");
        if !head.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).any(|w| w == name) {
            return false;
        }
        if spec.starts_with("./") || spec.starts_with("../") {
            let mut parts = dir.clone();
            for seg in spec.split('/') {
                match seg {
                    "." | "" => {}
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            let target = strip_script_extension(&parts.join("/")).to_owned();
            target == module || format!("{target}/index") == module
        } else {
            let package = spec.rsplit('/').next().unwrap_or(spec);
            module.split('/').any(|seg| seg == package)
        }
    })
}

fn strip_script_extension(path: &str) -> &str {
    [".ts", ".tsx", ".js", ".mjs", ".cjs", ".mts", ".cts", ".jsx"].iter().find_map(|e| path.strip_suffix(e)).unwrap_or(path)
}

/// Names declared with type `ty` in TypeScript (`private readonly blobs: BlobServiceClient`).
pub fn declared_of_type(src: &str, ty: &str) -> Vec<String> {
    let pattern = format!(r"([A-Za-z_$][\w$]*)\s*[?!]?\s*:\s*{}\b", regex::escape(ty));
    super::captured_names(src, &pattern)
}

fn module_specifier(line: &str) -> Option<&str> {
    let at = line.find("require(").map(|i| i + "require(".len()).or_else(|| line.rfind(" from ").map(|i| i + " from ".len()))?;
    let rest = line[at..].trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let body = &rest[1..];
    body.find(quote).map(|end| &body[..end])
}

pub fn defs<'t>(name: Node<'t>, value: Option<Node<'t>>, src: &str) -> Vec<Def<'t>> {
    let Some(value) = value else {
        return Vec::new();
    };
    match name.kind() {
        "identifier" | "member_expression" | "property_identifier" | "private_property_identifier" => {
            vec![Def { name: compact(name, src), value, member: None, name_node: name }]
        }
        // const { A, B: b } = process.env
        "object_pattern" => {
            let mut out = Vec::new();
            let mut c = name.walk();
            for p in name.named_children(&mut c) {
                match p.kind() {
                    "shorthand_property_identifier_pattern" => {
                        out.push(Def { name: text(p, src).to_owned(), value, member: Some(text(p, src).to_owned()), name_node: p })
                    }
                    "pair_pattern" => {
                        if let (Some(k), Some(v)) = (p.child_by_field_name("key"), p.child_by_field_name("value")) {
                            let target = if v.kind() == "assignment_pattern" { v.child_by_field_name("left").unwrap_or(v) } else { v };
                            out.push(Def {
                                name: text(target, src).to_owned(),
                                value,
                                member: Some(text(k, src).to_owned()),
                                name_node: target,
                            });
                        }
                    }
                    "object_assignment_pattern" => {
                        if let Some(l) = p.child_by_field_name("left") {
                            out.push(Def { name: text(l, src).to_owned(), value, member: Some(text(l, src).to_owned()), name_node: l });
                        }
                    }
                    _ => {}
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_imports_name_their_module_and_export() {
        let imports = "import { ConnectionPool } from \"mssql\"\nimport { sqlConfig as db, replicaConfig } from \"../db/config\"\n\
                       const settings = require('./settings')\nconst { redis: cache } = require(\"./cache-config\")\n\
                       import * as conf from './conf'\nimport defaults, { extra } from './defaults'\n";
        assert_eq!(relative_import(imports, "db"), Some(("../db/config".into(), Some("sqlConfig".into()))));
        assert_eq!(relative_import(imports, "replicaConfig"), Some(("../db/config".into(), Some("replicaConfig".into()))));
        assert_eq!(relative_import(imports, "settings"), Some(("./settings".into(), None)));
        assert_eq!(relative_import(imports, "cache"), Some(("./cache-config".into(), Some("redis".into()))));
        assert_eq!(relative_import(imports, "conf"), Some(("./conf".into(), None)));
        assert_eq!(relative_import(imports, "defaults"), Some(("./defaults".into(), None)));
        assert_eq!(relative_import(imports, "extra"), Some(("./defaults".into(), Some("extra".into()))));
        // A package, not a file of the app.
        assert_eq!(relative_import(imports, "ConnectionPool"), None);
        assert_eq!(relative_import(imports, "sqlConfig"), None);
    }
}
