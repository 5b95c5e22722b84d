//! The endpoint setting that replaces a connection-string setting in the repository's own config
//! files (`.env*`, `local.settings.json` Values, `appsettings*.json`): the secret line is replaced by
//! the endpoint derived from it. Only files that hold the old setting are edited.

use super::{Edit, FileEdits, NewSetting, apply};
use crate::analyze::ConfigFormat;
use crate::config;
use crate::walk::{FileKind, kind_of};
use std::path::{Path, PathBuf};

pub fn edit(base: &Path, code: &Path, s: &NewSetting) -> Option<FileEdits> {
    let value = s.value.as_deref()?;
    // Look beside the code file, then up to the scanned root.
    let mut dir = code.parent()?;
    loop {
        for file in config_files(dir) {
            if let Some(e) = edit_file(base, &file, s, value) {
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

fn edit_file(base: &Path, path: &Path, s: &NewSetting, value: &str) -> Option<FileEdits> {
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
            Edit::replace(line_start..line_end, format!("{export}{}={value}", s.name.replace(':', "__")))
        }
        ConfigFormat::Json => {
            let old_key = s.old.rsplit(':').next().unwrap_or(&s.old);
            let e = config::json::read(&text).into_iter().find(|e| e.key == s.old || e.key == format!("Values:{}", s.old))?;
            // The key string sits before the value: `"Old": "value"` → `"New": "endpoint"`.
            let key_pos = text[..e.span.start].rfind(&format!("\"{old_key}\""))?;
            let new_key = if e.key.starts_with("Values:") {
                s.name.replace(':', "__")
            } else {
                s.name.rsplit(':').next().unwrap_or(&s.name).to_owned()
            };
            Edit::replace(key_pos..e.span.end, format!("\"{new_key}\": \"{value}"))
        }
        ConfigFormat::Xml => return None,
    };
    Some(FileEdits { path: rel, abs: path.to_path_buf(), hash: apply::hash(&bytes), edits: vec![edit] })
}
