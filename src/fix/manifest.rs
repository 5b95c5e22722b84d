//! The identity package in the manifest beside the code: `requirements.txt` / `pyproject.toml` →
//! `azure-identity`, `package.json` → `@azure/identity`, `*.csproj` → `Azure.Identity`.
//! The nearest manifest walking up from the code file (not above the scanned root) is edited.

use super::{Edit, FileEdits, apply};
use crate::lang::Lang;
use std::path::Path;

const PY_VERSION: &str = ">=1.19.0";
const JS_VERSION: &str = "^4.5.0";
const DOTNET_VERSION: &str = "1.13.2";

pub fn edit(base: &Path, code: &Path, lang: Lang) -> Option<FileEdits> {
    let mut dir = code.parent()?;
    loop {
        if let Some(e) = manifest_in(base, dir, lang) {
            return e;
        }
        if dir == base || !dir.starts_with(base) {
            return None;
        }
        dir = dir.parent()?;
    }
}

/// `Some(None)`: a manifest is here and already lists the package.
fn manifest_in(base: &Path, dir: &Path, lang: Lang) -> Option<Option<FileEdits>> {
    let candidates: Vec<std::path::PathBuf> = match lang {
        Lang::Python => vec![dir.join("requirements.txt"), dir.join("pyproject.toml")],
        Lang::CSharp => std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "csproj"))
            .collect(),
        _ => vec![dir.join("package.json")],
    };
    let path = candidates.into_iter().find(|p| p.is_file())?;
    let bytes = std::fs::read(&path).ok()?;
    let text = crate::text::decode(&bytes).text;
    let name = path.file_name()?.to_str()?.to_owned();
    let edit = match (lang, name.as_str()) {
        (Lang::Python, "requirements.txt") => requirements(&text),
        (Lang::Python, _) => pyproject(&text),
        (Lang::CSharp, _) => csproj(&text),
        _ => package_json(&text),
    };
    let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
    Some(edit.map(|e| FileEdits { path: rel, abs: path.clone(), hash: apply::hash(&bytes), edits: vec![e] }))
}

fn requirements(text: &str) -> Option<Edit> {
    if text.lines().any(|l| l.trim_start().to_ascii_lowercase().starts_with("azure-identity")) {
        return None;
    }
    let nl = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
    Some(Edit::insert(text.len(), format!("{nl}azure-identity{PY_VERSION}\n")))
}

fn pyproject(text: &str) -> Option<Edit> {
    if text.contains("azure-identity") {
        return None;
    }
    if let Some(i) = text.find("dependencies = [") {
        let at = i + "dependencies = [".len();
        let indent = text[at..].lines().nth(1).map(|l| l.len() - l.trim_start().len()).unwrap_or(4);
        return Some(Edit::insert(at, format!("\n{}\"azure-identity{PY_VERSION}\",", " ".repeat(indent.max(4)))));
    }
    if let Some(i) = text.find("[tool.poetry.dependencies]") {
        let at = text[i..].find('\n').map(|n| i + n + 1)?;
        return Some(Edit::insert(at, "azure-identity = \"^1.19.0\"\n"));
    }
    None
}

fn package_json(text: &str) -> Option<Edit> {
    if text.contains("\"@azure/identity\"") {
        return None;
    }
    let i = text.find("\"dependencies\"")?;
    let brace = i + text[i..].find('{')?;
    let next_line = text[brace..].lines().nth(1).unwrap_or("");
    let indent = &next_line[..next_line.len() - next_line.trim_start().len()];
    let empty = next_line.trim_start().starts_with('}');
    let comma = if empty { "" } else { "," };
    Some(Edit::insert(brace + 1, format!("\n{indent}\"@azure/identity\": \"{JS_VERSION}\"{comma}")))
}

fn csproj(text: &str) -> Option<Edit> {
    if text.contains("\"Azure.Identity\"") {
        return None;
    }
    if let Some(i) = text.find("<PackageReference") {
        let line_start = text[..i].rfind('\n').map(|n| n + 1).unwrap_or(0);
        let indent = &text[line_start..i];
        return Some(Edit::insert(
            line_start,
            format!("{indent}<PackageReference Include=\"Azure.Identity\" Version=\"{DOTNET_VERSION}\" />\n"),
        ));
    }
    let end = text.rfind("</Project>")?;
    Some(Edit::insert(
        end,
        format!("  <ItemGroup>\n    <PackageReference Include=\"Azure.Identity\" Version=\"{DOTNET_VERSION}\" />\n  </ItemGroup>\n"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply1(text: &str, e: Edit) -> String {
        format!("{}{}{}", &text[..e.range.start], e.replacement, &text[e.range.end..])
    }

    #[test]
    fn adds_the_identity_package_once() {
        assert_eq!(
            apply1("flask\nazure-storage-blob", requirements("flask\nazure-storage-blob").unwrap()),
            "flask\nazure-storage-blob\nazure-identity>=1.19.0\n"
        );
        assert!(requirements("Azure-Identity==1.0\n").is_none());
        let pj = "{\n  \"dependencies\": {\n    \"@azure/storage-blob\": \"^12.0.0\"\n  }\n}\n";
        let out = apply1(pj, package_json(pj).unwrap());
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{out}");
        assert!(out.contains("\"@azure/identity\": \"^4.5.0\","));
        let cs = "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"Azure.Storage.Blobs\" Version=\"12.22.0\" />\n  </ItemGroup>\n</Project>\n";
        let out = apply1(cs, csproj(cs).unwrap());
        assert!(out.contains("    <PackageReference Include=\"Azure.Identity\""), "{out}");
        let py = "[project]\nname = \"x\"\ndependencies = [\n    \"azure-storage-blob\",\n]\n";
        assert!(apply1(py, pyproject(py).unwrap()).contains("\"azure-identity>=1.19.0\","));
    }
}
