//! The endpoint setting that replaces a connection-string setting in the repository's own config
//! files (`.env*`, `local.settings.json` Values, `appsettings*.json`): the secret line is replaced by
//! the endpoint derived from it. Only files that hold the old setting are edited.

use super::{Edit, FileEdits, NewSetting, apply};
use crate::analyze::ConfigFormat;
use crate::config;
use crate::walk::{FileKind, kind_of};
use std::path::{Path, PathBuf};

/// `all`: every endpoint setting that replaces `s.old` across the plan, so that each fix carries the
/// same edit (the apply engine keeps identical edits once) and none of them overlaps another.
pub fn edit(base: &Path, code: &Path, s: &NewSetting, all: &[(String, String)]) -> Option<FileEdits> {
    let value = s.value.as_deref()?;
    let own = [(s.name.clone(), value.to_owned())];
    let all = if all.is_empty() { &own[..] } else { all };
    // Look beside the code file, then up to the scanned root.
    let mut dir = code.parent()?;
    loop {
        for file in config_files(dir) {
            if let Some(e) = edit_file(base, &file, s, all) {
                return Some(e);
            }
        }
        if dir == base || !dir.starts_with(base) {
            return None;
        }
        dir = dir.parent()?;
    }
}

fn config_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| matches!(kind_of(p), Some(FileKind::Config(_)))).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn edit_file(base: &Path, path: &Path, s: &NewSetting, all: &[(String, String)]) -> Option<FileEdits> {
    let Some(FileKind::Config(format)) = kind_of(path) else { return None };
    let bytes = std::fs::read(path).ok()?;
    let text = crate::text::decode(&bytes).text;
    let rel = path.strip_prefix(base).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let edit = match format {
        ConfigFormat::DotEnv => {
            let e = config::dotenv::read(&text).into_iter().find(|e| e.key == s.old)?;
            let line_start = text[..e.span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let line_end = text[e.span.end..].find(['\n', '\r']).map(|i| e.span.end + i).unwrap_or(text.len());
            let export = if text[line_start..e.span.start].trim_start().starts_with("export ") { "export " } else { "" };
            let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let lines: Vec<String> = all.iter().map(|(n, v)| format!("{export}{}={v}", n.replace(':', "__"))).collect();
            Edit::replace(line_start..line_end, lines.join(nl))
        }
        ConfigFormat::Json => {
            let old_key = s.old.rsplit(':').next().unwrap_or(&s.old);
            // Only a setting that stays in its section can be rewritten in place.
            let parent = |k: &str| k.strip_prefix("Values:").unwrap_or(k).rsplit_once(':').map(|(p, _)| p.to_owned()).unwrap_or_default();
            if !s.old.contains("__") && parent(&s.old) != parent(&s.name) {
                return None;
            }
            let e = config::json::read(&text).into_iter().find(|e| e.key == s.old || e.key == format!("Values:{}", s.old))?;
            // The key string sits before the value: `"Old": "value"` → `"New": "endpoint"`.
            let key_pos = text[..e.span.start].rfind(&format!("\"{old_key}\""))?;
            let line_start = text[..key_pos].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let indent = &text[line_start..key_pos];
            let indent = if indent.trim().is_empty() { format!("\n{indent}") } else { " ".to_owned() };
            let pairs: Vec<String> = all
                .iter()
                .map(|(n, v)| {
                    let key =
                        if e.key.starts_with("Values:") { n.replace(':', "__") } else { n.rsplit(':').next().unwrap_or(n).to_owned() };
                    format!("\"{key}\": \"{v}\"")
                })
                .collect();
            // Replace `"Old": "value"` (through its closing quote) by the new pairs.
            Edit::replace(key_pos..e.span.end + 1, pairs.join(&format!(",{indent}")))
        }
        // web.config settings, TOML tables, YAML mappings and INI sections are left to the user (the
        // summary names the setting).
        ConfigFormat::Xml | ConfigFormat::Toml | ConfigFormat::Yaml | ConfigFormat::Ini => return None,
    };
    Some(FileEdits { path: rel, abs: path.to_path_buf(), hash: apply::hash(&bytes), edits: vec![edit] })
}
