//! C#: node shapes of tree-sitter-c-sharp (regular, verbatim, interpolated and raw strings),
//! `IConfiguration` / `Environment` access, declarations and object initializers.

use super::{Arg, CallInfo, Def, Knowledge, Part, Shape, compact, last_segment, text, unescape_c};
use tree_sitter::Node;

pub static KNOWLEDGE: Knowledge = Knowledge {
    env_calls: &["Environment.GetEnvironmentVariable", "System.Environment.GetEnvironmentVariable", "GetEnvironmentVariable"],
    env_objects: &[],
    config_calls: &["GetConnectionString", "GetValue", "GetSetting", "GetRequiredValue", "GetSection", "GetAppSetting"],
    config_roots: &[],
};

pub fn shape<'t>(node: Node<'t>, src: &str) -> Shape<'t> {
    match node.kind() {
        "string_literal" => {
            let mut s = String::new();
            let mut c = node.walk();
            for k in node.named_children(&mut c) {
                match k.kind() {
                    "string_literal_content" => s.push_str(text(k, src)),
                    "escape_sequence" => s.push_str(&unescape_c(text(k, src))),
                    _ => {}
                }
            }
            Shape::Str(s)
        }
        "verbatim_string_literal" => {
            let raw = text(node, src);
            Shape::Str(raw.get(2..raw.len().saturating_sub(1)).unwrap_or("").replace("\"\"", "\""))
        }
        "raw_string_literal" => {
            let mut c = node.walk();
            let content = node.named_children(&mut c).find(|k| k.kind() == "raw_string_content");
            Shape::Str(content.map(|k| text(k, src).to_owned()).unwrap_or_default())
        }
        "interpolated_string_expression" => {
            let verbatim = text(node, src).contains('@');
            let mut parts = Vec::new();
            let mut c = node.walk();
            for k in node.named_children(&mut c) {
                match k.kind() {
                    "string_content" => parts.push(Part::Lit(if verbatim { text(k, src).to_owned() } else { unescape_c(text(k, src)) })),
                    "escape_sequence" => parts.push(Part::Lit(unescape_c(text(k, src)))),
                    "interpolation" => {
                        let mut ic = k.walk();
                        if let Some(e) = k.named_children(&mut ic).find(|e| !e.kind().starts_with("interpolation_")) {
                            parts.push(Part::Expr(e));
                        }
                    }
                    _ => {}
                }
            }
            Shape::Template(parts)
        }
        "binary_expression" => {
            let op = node.child_by_field_name("operator").map(|o| text(o, src)).unwrap_or("");
            match (op, node.child_by_field_name("left"), node.child_by_field_name("right")) {
                ("+", Some(l), Some(r)) => Shape::Concat(vec![l, r]),
                ("??", Some(l), Some(r)) => Shape::Fallback(vec![l, r]),
                _ => Shape::Other,
            }
        }
        "conditional_expression" => match (node.child_by_field_name("consequence"), node.child_by_field_name("alternative")) {
            (Some(a), Some(b)) => Shape::Fallback(vec![a, b]),
            _ => Shape::Other,
        },
        "identifier" => Shape::Ident(text(node, src).to_owned()),
        "member_access_expression" => match (node.child_by_field_name("expression"), node.child_by_field_name("name")) {
            (Some(object), Some(n)) => Shape::Member { object, name: last_segment(text(n, src)) },
            _ => Shape::Other,
        },
        "element_access_expression" => {
            let key = node.child_by_field_name("subscript").and_then(|b| b.named_child(0)).and_then(arg_value);
            match (node.child_by_field_name("expression"), key) {
                (Some(object), Some(key)) => Shape::Index { object, key },
                _ => Shape::Other,
            }
        }
        "invocation_expression" | "object_creation_expression" | "implicit_object_creation_expression" | "attribute" => {
            call(node, src).map(Shape::Call).unwrap_or(Shape::Other)
        }
        "parenthesized_expression" | "await_expression" | "checked_expression" => {
            node.named_child(0).map(Shape::Wrapper).unwrap_or(Shape::Other)
        }
        "cast_expression" => node.child_by_field_name("value").map(Shape::Wrapper).unwrap_or(Shape::Other),
        "postfix_unary_expression" => node.named_child(0).map(Shape::Wrapper).unwrap_or(Shape::Other),
        "arrow_expression_clause" | "equals_value_clause" => node.named_child(0).map(Shape::Wrapper).unwrap_or(Shape::Other),
        "anonymous_object_creation_expression" | "initializer_expression" => Shape::Dict(initializer(node, src)),
        _ => Shape::Other,
    }
}

fn arg_value(arg: Node<'_>) -> Option<Node<'_>> {
    let n = arg.named_child_count();
    if n == 0 {
        return None;
    }
    arg.named_child(n as u32 - 1)
}

fn initializer<'t>(node: Node<'t>, src: &str) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    let mut c = node.walk();
    for k in node.named_children(&mut c) {
        if k.kind() == "assignment_expression"
            && let (Some(l), Some(r)) = (k.child_by_field_name("left"), k.child_by_field_name("right"))
        {
            out.push((last_segment(text(l, src)), r));
        }
    }
    out
}

pub fn call<'t>(node: Node<'t>, src: &str) -> Option<CallInfo<'t>> {
    let (callee, name, receiver, is_new) = match node.kind() {
        "invocation_expression" => {
            let func = node.child_by_field_name("function")?;
            match func.kind() {
                "member_access_expression" => {
                    let n = func.child_by_field_name("name")?;
                    let name = last_segment(text(n, src));
                    (compact(func, src), name, func.child_by_field_name("expression"), false)
                }
                _ => (compact(func, src), last_segment(text(func, src)), None, false),
            }
        }
        "object_creation_expression" => {
            let ty = node.child_by_field_name("type")?;
            (compact(ty, src), last_segment(text(ty, src)), None, true)
        }
        // `[ServiceBusTrigger("q", Connection = "Bus")]`: an attribute reads like a constructor call.
        "attribute" => {
            let ty = node.child_by_field_name("name")?;
            (compact(ty, src), last_segment(text(ty, src)), None, false)
        }
        _ => {
            // `new(...)`: the type is on the declaration.
            let mut ty = String::new();
            let mut p = node.parent();
            while let Some(n) = p {
                if let Some(t) = n.child_by_field_name("type").or_else(|| n.child_by_field_name("returns")) {
                    ty = compact(t, src);
                    break;
                }
                if n.kind() == "block"
                    || n.kind().ends_with("statement")
                        && n.kind() != "local_declaration_statement"
                        && n.kind() != "local_function_statement"
                {
                    break;
                }
                p = n.parent();
            }
            (ty.clone(), last_segment(&ty), None, true)
        }
    };
    let mut args = Vec::new();
    if let Some(list) = node.child_by_field_name("arguments").or_else(|| {
        let mut c = node.walk();
        node.named_children(&mut c).find(|k| matches!(k.kind(), "argument_list" | "attribute_argument_list"))
    }) {
        let mut c = list.walk();
        for a in list.named_children(&mut c) {
            if !matches!(a.kind(), "argument" | "attribute_argument") {
                continue;
            }
            let Some(value) = arg_value(a) else { continue };
            let name = a.child_by_field_name("name").filter(|n| n.id() != value.id()).map(|n| src[n.byte_range()].to_owned());
            args.push(Arg { name, value });
        }
    }
    let init = node.child_by_field_name("initializer").map(|i| initializer(i, src)).unwrap_or_default();
    Some(CallInfo { node, callee, name, receiver, is_new, args, initializer: init, splats: Vec::new() })
}

/// `using B = Azure.Storage.StorageSharedKeyCredential;` → (B, StorageSharedKeyCredential).
pub fn import_aliases(imports: &str) -> Vec<(String, String)> {
    imports
        .lines()
        .filter_map(|l| l.trim().strip_prefix("using ")?.split_once('='))
        .filter_map(|(alias, target)| {
            let (alias, target) = (alias.trim(), target.trim().trim_end_matches(';').trim());
            let name = last_segment(target);
            (!alias.is_empty() && !alias.contains(' ') && !name.is_empty() && alias != name).then(|| (alias.to_owned(), name))
        })
        .collect()
}

/// A C# file of constants other files read as `Constants.StorageUrl` (a MAUI or console app's
/// `Constants.cs`, `AppSecrets.cs`, `AzureKeys.cs`): its static fields join the config index.
/// Fields, properties and parameters declared with type `ty` (`ServiceBusClient client`,
/// `private readonly BlobContainerClient _container;`): where an injected client arrives.
pub fn declared_of_type(src: &str, ty: &str) -> Vec<String> {
    let pattern = format!(r"\b{}\??\s+(@?[A-Za-z_]\w*)\s*(?:[,;)=]|\{{)", regex::escape(ty));
    super::captured_names(src, &pattern)
}

/// The project (`*.csproj`) a file belongs to: the nearest one in its folder or the folders above,
/// short of a repository or solution root that has none.
pub fn project_of(file: &std::path::Path) -> Option<std::path::PathBuf> {
    for d in file.ancestors().skip(1) {
        let entries: Vec<std::path::PathBuf> = std::fs::read_dir(d).ok()?.filter_map(Result::ok).map(|e| e.path()).collect();
        if let Some(p) = entries.iter().find(|p| p.extension().is_some_and(|e| e == "csproj")) {
            return Some(p.clone());
        }
        if entries.iter().any(|p| p.file_name().is_some_and(|n| n == ".git") || p.extension().is_some_and(|e| e == "sln")) {
            return None;
        }
    }
    None
}

/// Does project `consumer` see the types of project `provider`: the same project, or a
/// `<ProjectReference>` to it?
pub fn project_sees(consumer: &std::path::Path, provider: &std::path::Path) -> bool {
    if consumer == provider {
        return true;
    }
    let Some(name) = provider.file_name().and_then(|n| n.to_str()) else { return false };
    std::fs::read_to_string(consumer).is_ok_and(|t| {
        t.lines().any(|l| {
            l.contains("ProjectReference") && l.replace('\\', "/").contains(&format!("/{name}\"")) || l.contains(&format!("\"{name}\""))
        })
    })
}

pub fn is_constants_file(rel: &str) -> bool {
    let file = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let Some(stem) = file.strip_suffix(".cs") else { return false };
    ["constants", "consts", "secrets", "keys", "settings", "config", "configuration", "defaults"].iter().any(|s| stem.ends_with(s))
}

/// Is this setting key a constants class's field (`AppConstants.MeterPhotosUrl`), as [`constant_key`] makes them?
pub fn is_constant_key(key: &str) -> bool {
    key.split_once('.').is_some_and(|(class, field)| {
        class.starts_with(|c: char| c.is_ascii_uppercase())
            && [class, field].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// `Class.Field` for a `const` or `static` field of a class (the innermost class when nested: code
/// reads `Constants.Storage.Url` as `Storage.Url` of class `Storage`).
pub fn constant_key(def: &Def<'_>, src: &str) -> Option<String> {
    let field = def.name_node.parent()?.parent()?.parent().filter(|f| f.kind() == "field_declaration")?;
    let mut c = field.walk();
    let modifiers: Vec<&str> = field.children(&mut c).filter(|m| m.kind() == "modifier").map(|m| text(m, src)).collect();
    if !modifiers.iter().any(|m| matches!(*m, "const" | "static")) {
        return None;
    }
    let mut p = field.parent();
    while let Some(n) = p {
        if matches!(n.kind(), "class_declaration" | "struct_declaration" | "record_declaration") {
            return Some(format!("{}.{}", text(n.child_by_field_name("name")?, src), def.name));
        }
        p = n.parent();
    }
    None
}

pub fn defs<'t>(name: Node<'t>, value: Option<Node<'t>>, src: &str) -> Vec<Def<'t>> {
    if name.kind() == "variable_declarator" {
        let Some(n) = name.child_by_field_name("name") else {
            return Vec::new();
        };
        let count = name.named_child_count();
        let Some(v) = (count >= 2).then(|| name.named_child(count as u32 - 1)).flatten() else {
            return Vec::new();
        };
        if v.id() == n.id() {
            return Vec::new();
        }
        return vec![Def { name: text(n, src).to_owned(), value: v, member: None, name_node: n }];
    }
    let Some(value) = value else {
        return Vec::new();
    };
    let value = if value.kind() == "arrow_expression_clause" { value.named_child(0).unwrap_or(value) } else { value };
    match name.kind() {
        "identifier" | "member_access_expression" => vec![Def { name: compact(name, src), value, member: None, name_node: name }],
        _ => Vec::new(),
    }
}
