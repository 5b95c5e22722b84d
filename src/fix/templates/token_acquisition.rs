//! Code that fetches tokens itself with the app registration's secret, then hands the raw token on
//! (a Graph call, an ADAL `KeyVaultClient` callback): the token comes from DefaultAzureCredential
//! instead, for the same scope.
//! - MSAL Node: `const cca = new ConfidentialClientApplication({ auth: { clientSecret } })` used only as
//!   `await cca.acquireTokenByClientCredential({ scopes })` → `new DefaultAzureCredential()` and
//!   `await cca.getToken(scopes)`; the result's `accessToken` becomes `token`.
//! - ADAL .NET: `var credential = new ClientCredential(id, secret)` used only in
//!   `await context.AcquireTokenAsync(resource, credential)` → `await new DefaultAzureCredential()
//!   .GetTokenAsync(new TokenRequestContext(new[] { resource + "/.default" }))`; `AccessToken` becomes `Token`.
//!
//! Anything else done with the client or its result (on-behalf-of flows, the token cache, other
//! result members) is left alone with the reason. Always `review`: the managed identity needs the
//! permissions the app registration had (Graph application permissions are app role assignments).

use super::{CodeFix, Edit, Site, line_end};
use crate::fix::{Applicability, Import};
use tree_sitter::Node;

const NEEDS: &str = "grant the managed identity what the app registration had (Azure roles; for Microsoft Graph, its application permissions as app role assignments), then delete the registration's secret";
const TITLE: &str = "Take the token from DefaultAzureCredential instead of the app registration's secret";

fn review(edits: Vec<Edit>, symbols: Vec<&'static str>) -> CodeFix {
    CodeFix { edits, symbols, applicability: Applicability::Review, needs: Some(NEEDS.into()), title: TITLE.into(), ..Default::default() }
}

/// Identifier nodes named `name` under `scope` (Python/JS `identifier`, C# `identifier`), in source order.
fn identifiers<'t>(scope: Node<'t>, src: &str, name: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut stack = vec![scope];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), "identifier" | "shorthand_property_identifier") && &src[n.byte_range()] == name {
            out.push(n);
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out.sort_by_key(|n| n.start_byte());
    out
}

fn root(n: Node) -> Node {
    let mut r = n;
    while let Some(p) = r.parent() {
        r = p;
    }
    r
}

/// The innermost block (statement list) holding `n`.
fn enclosing_block(n: Node) -> Option<Node> {
    let mut p = n.parent();
    while let Some(b) = p {
        if matches!(b.kind(), "statement_block" | "block" | "program" | "compilation_unit" | "module") {
            return Some(b);
        }
        p = b.parent();
    }
    None
}

/// The whole lines of a statement, when it stands alone on them.
fn statement_lines(src: &str, stmt: Node) -> Option<std::ops::Range<usize>> {
    let start = src[..stmt.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = line_end(src, stmt.end_byte());
    (src[start..stmt.start_byte()].trim().is_empty() && src[stmt.end_byte()..end].trim().is_empty()).then_some(start..end)
}

/// Walk up from the token request to the `await` that takes its result (through `.ConfigureAwait(..)`).
fn awaited(call: Node) -> Option<Node> {
    let mut n = call;
    loop {
        let p = n.parent()?;
        match p.kind() {
            "await_expression" => return Some(p),
            "member_access_expression" if p.child_by_field_name("name").is_some() => {
                let outer = p.parent().filter(|q| q.kind() == "invocation_expression")?;
                n = outer;
            }
            "parenthesized_expression" => n = p,
            _ => return None,
        }
    }
}

/// The result's uses: `accessToken`/`AccessToken` members become `token`/`Token`. `Err` when the
/// result is used for anything else the new type lacks.
fn result_member_edits(s: &Site, awaited: Node, from: &str, to: &str, also_fine: &[&str]) -> Result<Vec<Edit>, String> {
    let mut p = awaited.parent().ok_or("malformed code")?;
    while p.kind() == "parenthesized_expression" {
        p = p.parent().ok_or("malformed code")?;
    }
    fn member(m: Node) -> Option<Node> {
        m.child_by_field_name("property").or_else(|| m.child_by_field_name("name"))
    }
    match p.kind() {
        // `(await cca.acquireTokenByClientCredential(..)).accessToken`
        "member_expression" | "member_access_expression" => match member(p) {
            Some(m) if s.text(m) == from => Ok(vec![Edit::replace(m.byte_range(), to)]),
            _ => Err(format!("the token result is used for more than `{from}`: rewrite by hand")),
        },
        // `const result = await ...;` then `result.accessToken`
        "variable_declarator" => {
            let name = p.child_by_field_name("name").ok_or("malformed declaration")?;
            let var = s.text(name);
            let block = enclosing_block(p).ok_or("malformed code")?;
            let mut edits = Vec::new();
            // C#: `AuthenticationResult result = await ...` → `AccessToken result = ...`.
            if let Some(t) = p.parent().and_then(|d| d.child_by_field_name("type")).filter(|t| s.text(*t) == "AuthenticationResult") {
                edits.push(Edit::replace(t.byte_range(), "AccessToken"));
            }
            for u in identifiers(block, s.src, var).into_iter().filter(|u| u.id() != name.id() && u.start_byte() > p.end_byte()) {
                let parent = u.parent().ok_or("malformed code")?;
                let is_object = parent
                    .child_by_field_name("object")
                    .or_else(|| parent.child_by_field_name("expression"))
                    .is_some_and(|o| o.id() == u.id());
                match (parent.kind(), member(parent)) {
                    ("member_expression" | "member_access_expression", Some(m)) if is_object && s.text(m) == from => {
                        edits.push(Edit::replace(m.byte_range(), to))
                    }
                    ("member_expression" | "member_access_expression", Some(m)) if is_object && also_fine.contains(&s.text(m)) => {}
                    // `if (!result)`: the new result is never empty, the check stays harmless.
                    ("unary_expression" | "prefix_unary_expression", _) => {}
                    _ => return Err(format!("`{var}` is used for more than its `{from}`: rewrite by hand")),
                }
            }
            Ok(edits)
        }
        _ => Err("the token result leaves this code (returned or passed on): rewrite by hand".into()),
    }
}

/// The variable the client construction is assigned to (JS `const x = ..`, Python `x = ..`), and each
/// of its uses, all of which must be `x.<method>(..)`: the calls with their method-name node.
fn method_calls<'t>(s: &Site<'_, 't>, method: &str) -> Result<Vec<(Node<'t>, Node<'t>)>, String> {
    let (decl, field, member_kind, member_field, call_kind) = match s.lang {
        crate::lang::Lang::Python => ("assignment", "left", "attribute", "attribute", "call"),
        _ => ("variable_declarator", "name", "member_expression", "property", "call_expression"),
    };
    let name = s
        .call
        .node
        .parent()
        .filter(|p| p.kind() == decl)
        .and_then(|d| d.child_by_field_name(field))
        .filter(|n| n.kind() == "identifier")
        .ok_or("the client is not assigned to a variable")?;
    let uses: Vec<Node> = identifiers(root(s.call.node), s.src, s.text(name)).into_iter().filter(|u| u.id() != name.id()).collect();
    if uses.is_empty() {
        return Err("the client is not used in this file".into());
    }
    let mut calls = Vec::new();
    for u in uses {
        let member = u.parent().filter(|m| m.kind() == member_kind).ok_or("the client is passed on: rewrite by hand")?;
        let name = member.child_by_field_name(member_field).ok_or("malformed code")?;
        if s.text(name) != method {
            return Err(format!("the client is also used for `{}`: only client-credential tokens are rewritten", s.text(name)));
        }
        calls.push((member.parent().filter(|c| c.kind() == call_kind).ok_or("malformed code")?, name));
    }
    Ok(calls)
}

/// MSAL Node confidential client used only for client-credential tokens.
pub fn msal_node(s: &Site) -> Result<CodeFix, String> {
    let mut edits = vec![Edit::replace(s.call.node.byte_range(), "new DefaultAzureCredential()")];
    for (call, prop) in method_calls(s, "acquireTokenByClientCredential")? {
        let args = call.child_by_field_name("arguments").ok_or("malformed code")?;
        let request = args
            .named_child(0)
            .filter(|a| a.kind() == "object" && args.named_child_count() == 1)
            .ok_or("the token request is not an object literal")?;
        let mut c = request.walk();
        let pairs: Vec<Node> = request.named_children(&mut c).collect();
        let scopes = match pairs.as_slice() {
            [p] if super::pair_key(s, *p).as_deref() == Some("scopes") => match p.kind() {
                "pair" => s.text(p.child_by_field_name("value").ok_or("malformed code")?).to_owned(),
                _ => "scopes".to_owned(),
            },
            _ => return Err("the token request has more than `scopes`: rewrite by hand".into()),
        };
        edits.push(Edit::replace(prop.byte_range(), "getToken"));
        edits.push(Edit::replace(request.byte_range(), scopes));
        let aw = awaited(call).ok_or("the token request is not awaited here: rewrite by hand")?;
        edits.extend(result_member_edits(s, aw, "accessToken", "token", &[])?);
    }
    // `const msal = require("@azure/msal-node")` / `import { ConfidentialClientApplication } from ..`
    // that nothing else uses now.
    let imported = s.call.receiver.map(|r| s.text(r)).unwrap_or(s.class.as_str());
    if let Some(stmt) = msal_import(s, imported) {
        edits.push(Edit::replace(stmt, ""));
    }
    // `new ConfidentialClientApplication(config)`: the options object, with the secret, goes too.
    let replaced = s.call.positional().next().and_then(|a| super::definition_of(s, a)).into_iter().collect();
    Ok(CodeFix { replaced, ..review(edits, vec!["DefaultAzureCredential"]) })
}

/// MSAL Python confidential client used only for `acquire_token_for_client(scopes)`, whose result is
/// read only as `result["access_token"]` / `result.get("access_token")`.
pub fn msal_python(s: &Site) -> Result<CodeFix, String> {
    let mut edits = vec![Edit::replace(s.call.node.byte_range(), "DefaultAzureCredential()")];
    for (call, method) in method_calls(s, "acquire_token_for_client")? {
        let args = call.child_by_field_name("arguments").ok_or("malformed code")?;
        let mut c = args.walk();
        let arg_nodes: Vec<Node> = args.named_children(&mut c).collect();
        let scopes = match arg_nodes.as_slice() {
            [a] if a.kind() == "keyword_argument" && a.child_by_field_name("name").is_some_and(|n| s.text(n) == "scopes") => {
                a.child_by_field_name("value").ok_or("malformed code")?
            }
            [a] if a.kind() != "keyword_argument" => *a,
            _ => return Err("the token request has more than `scopes`: rewrite by hand".into()),
        };
        let scope_args = match scopes.kind() {
            "list" | "tuple" => {
                let mut c = scopes.walk();
                scopes.named_children(&mut c).map(|n| s.text(n).to_owned()).collect::<Vec<_>>().join(", ")
            }
            _ => format!("*{}", s.text(scopes)),
        };
        edits.push(Edit::replace(method.byte_range(), "get_token"));
        edits.push(Edit::replace(args.byte_range(), format!("({scope_args})")));
        edits.extend(python_result_edits(s, call)?);
    }
    let imported = s.call.receiver.map(|r| s.text(r)).unwrap_or(s.class.as_str());
    edits.extend(msal_import(s, imported).map(|lines| Edit::replace(lines, "")));
    let replaced = s.call.positional().next().and_then(|a| super::definition_of(s, a)).into_iter().collect();
    Ok(CodeFix { replaced, ..review(edits, vec!["DefaultAzureCredential"]) })
}

/// `result["access_token"]` / `result.get("access_token")` → `result.token`; anything else read from the
/// MSAL result dict (`error`, `expires_in`) has no counterpart.
fn python_result_edits(s: &Site, call: Node) -> Result<Vec<Edit>, String> {
    let is_key = |n: Node| matches!(s.text(n), "\"access_token\"" | "'access_token'");
    // The access itself, on the call or on the variable holding its result.
    let access = |n: Node| -> Option<Edit> {
        let p = n.parent()?;
        match p.kind() {
            "subscript" if p.child_by_field_name("value").is_some_and(|v| v.id() == n.id()) => {
                let key = p.child_by_field_name("subscript")?;
                is_key(key).then(|| Edit::replace(n.end_byte()..p.end_byte(), ".token"))
            }
            "attribute" => {
                let get = p.parent().filter(|c| c.kind() == "call")?;
                let args = get.child_by_field_name("arguments")?;
                let first = args.named_child(0)?;
                (s.text(p.child_by_field_name("attribute")?) == "get" && args.named_child_count() == 1 && is_key(first))
                    .then(|| Edit::replace(n.end_byte()..get.end_byte(), ".token"))
            }
            _ => None,
        }
    };
    if let Some(e) = access(call) {
        return Ok(vec![e]);
    }
    let assign = call.parent().filter(|p| p.kind() == "assignment").ok_or("the token result leaves this code: rewrite by hand")?;
    let name = assign.child_by_field_name("left").filter(|n| n.kind() == "identifier").ok_or("malformed code")?;
    let scope = enclosing_block(assign).or_else(|| Some(root(assign))).ok_or("malformed code")?;
    let mut edits = Vec::new();
    for u in identifiers(scope, s.src, s.text(name)).into_iter().filter(|u| u.start_byte() > assign.end_byte()) {
        edits.push(access(u).ok_or_else(|| format!("`{}` is used for more than its access token: rewrite by hand", s.text(name)))?);
    }
    Ok(edits)
}

/// The lines of the top-level statement importing only `name` from MSAL (`const msal =
/// require("@azure/msal-node")`, `import { ConfidentialClientApplication } from ..`, `import msal`),
/// when `name` appears nowhere else but at the rewritten construction.
fn msal_import(s: &Site, name: &str) -> Option<std::ops::Range<usize>> {
    let top = root(s.call.node);
    let mut c = top.walk();
    let word_split = |t: &str| -> Vec<String> {
        t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).filter(|w| !w.is_empty()).map(str::to_owned).collect()
    };
    let stmt = top.named_children(&mut c).find(|st| {
        let t = s.text(*st);
        t.contains("@azure/msal-node")
            || (matches!(st.kind(), "import_statement" | "import_from_statement") && word_split(t).get(1).is_some_and(|m| m == "msal"))
    })?;
    let text = s.text(stmt).replace("@azure/msal-node", "");
    let mut names: Vec<String> =
        word_split(&text).into_iter().filter(|w| !matches!(w.as_str(), "const" | "let" | "var" | "require" | "import" | "from")).collect();
    if s.lang == crate::lang::Lang::Python && text.trim_start().starts_with("from ") {
        names.remove(0); // the module
    }
    let uses = word_split(s.src).iter().filter(|w| *w == name).count();
    (names == [name] && uses == 2).then(|| statement_lines(s.src, stmt)).flatten()
}

/// ADAL `ClientCredential` used once, in `AuthenticationContext.AcquireTokenAsync(resource, credential)`.
pub fn adal(s: &Site) -> Result<CodeFix, String> {
    let decl = s.call.node.parent().filter(|p| p.kind() == "variable_declarator").ok_or("the credential is not assigned to a variable")?;
    let name = decl.child_by_field_name("name").ok_or("malformed declaration")?;
    let stmt = decl
        .parent()
        .and_then(|d| d.parent())
        .filter(|st| st.kind() == "local_declaration_statement")
        .ok_or("the credential is not a local variable")?;
    let var = s.text(name);
    let block = enclosing_block(stmt).ok_or("malformed code")?;
    let uses: Vec<Node> = identifiers(block, s.src, var).into_iter().filter(|u| u.id() != name.id()).collect();
    let [u] = uses.as_slice() else { return Err("the credential is used more than once: rewrite by hand".into()) };
    // `context.AcquireTokenAsync(resource, credential)`
    let call = u
        .parent()
        .and_then(|a| a.parent())
        .and_then(|l| l.parent())
        .filter(|c| c.kind() == "invocation_expression")
        .ok_or("the credential is passed on: rewrite by hand")?;
    let function = call.child_by_field_name("function").filter(|f| f.kind() == "member_access_expression").ok_or("malformed code")?;
    let method = function.child_by_field_name("name").map(|n| s.text(n)).unwrap_or_default();
    if method != "AcquireTokenAsync" {
        return Err(format!("the credential goes to `{method}`: only AcquireTokenAsync(resource, credential) is rewritten"));
    }
    let args = call.child_by_field_name("arguments").ok_or("malformed code")?;
    let mut c = args.walk();
    let arg_nodes: Vec<Node> = args.named_children(&mut c).collect();
    let [resource, cred] = arg_nodes.as_slice() else { return Err("unexpected AcquireTokenAsync arguments: rewrite by hand".into()) };
    if !s.text(*cred).ends_with(var) {
        return Err("unexpected AcquireTokenAsync arguments: rewrite by hand".into());
    }
    let resource = s.text(*resource);
    let scope = match resource.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(lit) if !lit.contains(['"', '\\']) => format!("\"{lit}/.default\""),
        _ => format!("{resource} + \"/.default\""),
    };
    let mut edits = vec![
        Edit::replace(
            call.byte_range(),
            format!("new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext(new[] {{ {scope} }}))"),
        ),
        Edit::replace(statement_lines(s.src, stmt).ok_or("the credential's statement shares its line: rewrite by hand")?, ""),
    ];
    // The AuthenticationContext, when this was its only use.
    let context = function.child_by_field_name("expression").filter(|e| e.kind() == "identifier").map(|e| s.text(e));
    if let Some(ctx) = context {
        let all = identifiers(block, s.src, ctx);
        if let [def, _use] = all.as_slice() {
            let ctx_stmt =
                def.parent().and_then(|d| d.parent()).and_then(|d| d.parent()).filter(|st| st.kind() == "local_declaration_statement");
            if let Some(lines) = ctx_stmt.and_then(|st| statement_lines(s.src, st)) {
                edits.push(Edit::replace(lines, ""));
            }
        }
    }
    let aw = awaited(call).ok_or("the token request is not awaited here: rewrite by hand")?;
    edits.extend(result_member_edits(s, aw, "AccessToken", "Token", &["ExpiresOn"])?);
    Ok(CodeFix { imports: vec![Import { module: "Azure.Core", name: "" }], ..review(edits, vec!["DefaultAzureCredential"]) })
}
