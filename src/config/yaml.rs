//! YAML settings files an app loads itself (`config/app.yaml`, `settings.yml`): block mappings of
//! `key: value`, nested by indentation, read line by line. Scalars are what secrets are written as;
//! sequences, block scalars (`|`, `>`), flow collections, anchors and aliases are skipped.

use super::Entry;

/// A Kubernetes manifest (`apiVersion:` and `kind:` at the top level), a Helm chart's values file
/// (`values.yaml`, `values-prod.yaml`) or a Ray job's `runtime_env.yaml` (its `env_vars`): the
/// settings a deployment gives the app.
pub fn is_deployment_settings(rel: &str, text: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let Some(stem) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")) else { return false };
    if stem == "values" || stem.starts_with("values-") || stem.starts_with("values.") || stem.starts_with("runtime_env") {
        return true;
    }
    let top = |key: &str| text.starts_with(key) || text.contains(&format!("\n{key}"));
    top("apiVersion:") && top("kind:")
}

pub fn read(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    // The open mappings: (indentation, key).
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut block_scalar: Option<usize> = None;
    // The open `- name: X` sequence item: (indentation of its keys, X).
    let mut named_item: Option<(usize, String)> = None;
    for (line_start, body) in super::lines(text) {
        let trimmed = body.trim_start();
        let indent = body.len() - trimmed.len();
        if let Some(owner) = block_scalar {
            if trimmed.is_empty() || indent > owner {
                continue;
            }
            block_scalar = None;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") || trimmed == "-" {
            continue;
        }
        // `- name: redisPassword` / `value: ...` (Dapr component metadata, container env lists): the
        // item's value is the setting its name names.
        if let Some(item) = trimmed.strip_prefix("- ") {
            named_item = split_pair(item.trim_start())
                .filter(|(k, rest)| k == "name" && !rest.trim().is_empty())
                .map(|(_, rest)| (indent + 2 + (item.len() - item.trim_start().len()), scalar(rest.trim_start()).0.to_owned()));
            continue;
        }
        if let Some((item_indent, name)) = &named_item
            && indent == *item_indent
            && let Some((key, rest)) = split_pair(trimmed)
        {
            let rest_trimmed = rest.trim_start();
            if key == "value" && !rest_trimmed.is_empty() && !rest_trimmed.starts_with(['|', '>', '[', '{', '&', '*', '!']) {
                let (value, start) = scalar(rest_trimmed);
                let value_offset = line_start + indent + (trimmed.len() - rest.len()) + (rest.len() - rest_trimmed.len());
                let full: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).chain(std::iter::once(name.as_str())).collect();
                out.push(Entry {
                    key: full.join(":"),
                    value: value.to_owned(),
                    span: value_offset + start..value_offset + start + value.len(),
                });
            }
            continue;
        }
        if named_item.as_ref().is_some_and(|(i, _)| indent < *i) {
            named_item = None;
        }
        let Some((key, rest)) = split_pair(trimmed) else { continue };
        while path.last().is_some_and(|(i, _)| *i >= indent) {
            path.pop();
        }
        let rest_trimmed = rest.trim_start();
        let value_offset = line_start + indent + (trimmed.len() - rest.len()) + (rest.len() - rest_trimmed.len());
        if rest_trimmed.is_empty() || rest_trimmed.starts_with('#') {
            path.push((indent, key));
            continue;
        }
        if rest_trimmed.starts_with(['|', '>']) {
            block_scalar = Some(indent);
            continue;
        }
        if rest_trimmed.starts_with(['[', '{', '&', '*', '!']) {
            continue;
        }
        let (value, start) = scalar(rest_trimmed);
        let full: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).chain(std::iter::once(key.as_str())).collect();
        let span_start = value_offset + start;
        out.push(Entry { key: full.join(":"), value: value.to_owned(), span: span_start..span_start + value.len() });
    }
    out
}

/// `key: rest` (the key unquoted); `None` for a line that is not a mapping entry.
fn split_pair(line: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(q) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let close = line[1..].find(q)? + 1;
        let rest = line[close + 1..].strip_prefix(':')?;
        (line[1..close].to_owned(), rest)
    } else {
        let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(|l| l.len()))?;
        (line[..colon].trim().to_owned(), &line[colon + 1..])
    };
    (!key.is_empty() && !key.contains(' ') || key.contains('.')).then_some((key, rest))
}

/// A scalar's text and where it starts in `rest`: quoted (without quotes) or plain (without a
/// trailing comment).
fn scalar(rest: &str) -> (&str, usize) {
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
        && let Some(close) = rest[1..].find(q)
    {
        return (&rest[1..1 + close], 1);
    }
    let plain = rest.split(" #").next().unwrap_or(rest).trim_end();
    (plain, 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_nested_mappings_with_spans_and_skips_the_rest() {
        let t = "# app\nstorage:\n  account: stlanding\n  vendor_drop_url: \"https://x.blob.core.windows.net/c?sv=1&sig=abc\"\n  tags:\n    - a\n    - b\n  notes: |\n    key: not a pair\n  port: 443 # https\nsql:\n  'password': s3cret\n";
        let e = super::read(t);
        let pairs: Vec<(&str, &str)> = e.iter().map(|e| (e.key.as_str(), e.value.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("storage:account", "stlanding"),
                ("storage:vendor_drop_url", "https://x.blob.core.windows.net/c?sv=1&sig=abc"),
                ("storage:port", "443"),
                ("sql:password", "s3cret"),
            ]
        );
        assert!(e.iter().all(|e| t[e.span.clone()] == e.value));
    }

    #[test]
    fn kubernetes_manifests_and_helm_values_are_deployment_settings() {
        let manifest = "apiVersion: v1\nkind: Secret\nstringData:\n  key: x\n";
        assert!(super::is_deployment_settings("k8s/secret.yaml", manifest));
        assert!(super::is_deployment_settings("charts/api/values-prod.yaml", "image: x\n"));
        assert!(super::is_deployment_settings("charts/api/values.yml", ""));
        // A CI pipeline or an OpenAPI document is neither.
        assert!(!super::is_deployment_settings(".github/workflows/ci.yml", "name: ci\non: push\njobs: {}\n"));
        assert!(!super::is_deployment_settings("api/openapi.yaml", "openapi: 3.0.0\ninfo:\n  kind: x\n"));
        assert!(!super::is_deployment_settings("k8s/notes.md", manifest));
    }
}
