//! The identity package in the manifest beside the code: `requirements.txt` / `pyproject.toml` →
//! `azure-identity`, `package.json` → `@azure/identity`, `*.csproj` → `Azure.Identity`.
//! The nearest manifest walking up from the code file (not above the scanned root) is edited.

use super::{Edit, FileEdits, Package, apply};
use crate::lang::Lang;
use std::path::Path;

/// The identity library per language, always added beside a rewrite.
fn identity(lang: Lang) -> Package {
    match lang {
        Lang::Python => Package { name: "azure-identity", version: "1.19.0" },
        Lang::CSharp => Package { name: "Azure.Identity", version: "1.13.2" },
        _ => Package { name: "@azure/identity", version: "4.5.0" },
    }
}

/// What goes into the manifest: the identity package when the rewritten code uses it, and `extra`
/// (what the rewrite needs besides it), each once.
fn packages(lang: Lang, uses_identity: bool, extra: &[Package]) -> Vec<Package> {
    let mut packages: Vec<Package> = uses_identity.then(|| identity(lang)).into_iter().collect();
    packages.extend(extra.iter().copied().filter(|p| p.name != identity(lang).name));
    packages
}

/// The manifest edit for a rewrite (`None`: no manifest, or it lists everything already).
pub fn edit(base: &Path, code: &Path, lang: Lang, uses_identity: bool, extra: &[Package]) -> Option<FileEdits> {
    let packages = packages(lang, uses_identity, extra);
    if packages.is_empty() {
        return None;
    }
    let mut dir = code.parent()?;
    loop {
        if let Some(e) = manifest_in(base, dir, lang, &packages) {
            return e;
        }
        if dir == base || !dir.starts_with(base) {
            return None;
        }
        dir = dir.parent()?;
    }
}

/// When no manifest (requirements.txt / pyproject.toml, *.csproj / packages.config, package.json) is
/// found from the code file up to the scanned root: the packages to add by hand.
pub fn no_manifest_note(base: &Path, code: &Path, lang: Lang, uses_identity: bool, extra: &[Package]) -> Option<String> {
    let packages = packages(lang, uses_identity, extra);
    if packages.is_empty() {
        return None;
    }
    // Up to the repository's root, past the scanned folder: `fix src/` still has the manifest above.
    let mut dir = code.parent()?;
    loop {
        if manifest_in(base, dir, lang, &packages).is_some() {
            return None;
        }
        if dir.join(".git").exists() {
            break;
        }
        match dir.parent() {
            Some(p) if dir != base || !p.as_os_str().is_empty() => dir = p,
            _ => break,
        }
    }
    let names: Vec<String> = packages.iter().map(|p| format!("`{}` {}", p.name, p.version)).collect();
    let manifest = match lang {
        Lang::Python => "requirements.txt or pyproject.toml",
        Lang::CSharp => "project file",
        _ => "package.json",
    };
    Some(format!("no {manifest} was found: add {} to the app's dependencies", names.join(", ")))
}

/// A .NET Framework project on `packages.config` cannot take `PackageReference`s (NuGet ignores them
/// beside packages.config), and its references need NuGet itself: what to install, by hand.
pub fn packages_config_note(base: &Path, code: &Path, lang: Lang, uses_identity: bool, extra: &[Package]) -> Option<String> {
    if lang != Lang::CSharp {
        return None;
    }
    let packages = packages(lang, uses_identity, extra);
    let mut dir = code.parent()?;
    while dir.starts_with(base) {
        if dir.join("packages.config").is_file() {
            let names: Vec<String> = packages.iter().map(|p| format!("`Install-Package {} -Version {}`", p.name, p.version)).collect();
            return (!names.is_empty()).then(|| format!("the project uses packages.config: {}", names.join(", ")));
        }
        if dir == base {
            break;
        }
        dir = dir.parent()?;
    }
    None
}

/// `Some(None)`: a manifest is here and already lists the packages.
fn manifest_in(base: &Path, dir: &Path, lang: Lang, packages: &[Package]) -> Option<Option<FileEdits>> {
    let candidates: Vec<std::path::PathBuf> = match lang {
        // setup.py / setup.cfg are read, never edited (code, or free-form INI): one that lists the
        // packages is enough, one that does not leaves the note to add them.
        Lang::Python => vec![dir.join("requirements.txt"), dir.join("pyproject.toml"), dir.join("setup.py"), dir.join("setup.cfg")],
        // packages.config: see `packages_config_note`.
        Lang::CSharp if dir.join("packages.config").is_file() => return Some(None),
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
    if name == "setup.py" || name == "setup.cfg" {
        let lower = text.to_ascii_lowercase();
        return packages.iter().all(|p| lower.contains(&p.name.to_ascii_lowercase())).then_some(None);
    }
    // One edit per package, each the same whichever fix carries it (the engine writes it once).
    let edits: Vec<Edit> = packages
        .iter()
        .filter_map(|p| match (lang, name.as_str()) {
            (Lang::Python, "requirements.txt") => requirements(&text, *p),
            (Lang::Python, _) => pyproject(&text, *p),
            (Lang::CSharp, _) => csproj(&text, *p),
            _ => package_json(&text, *p),
        })
        .collect();
    let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
    Some((!edits.is_empty()).then(|| FileEdits { path: rel, abs: path.clone(), hash: apply::hash(&bytes), edits }))
}

fn requirements(text: &str, p: Package) -> Option<Edit> {
    let listed = text.lines().any(|l| {
        let l = l.trim_start().to_ascii_lowercase();
        l.strip_prefix(&p.name.to_ascii_lowercase())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['=', '>', '<', '~', '!', '[', ' ', ';']))
    });
    if listed {
        return None;
    }
    let nl = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
    Some(Edit::insert(text.len(), format!("{nl}{}>={}\n", p.name, p.version)))
}

fn pyproject(text: &str, p: Package) -> Option<Edit> {
    if text.contains(&format!("\"{}", p.name)) || text.contains(&format!("\n{} =", p.name)) {
        return None;
    }
    if let Some(i) = text.find("dependencies = [") {
        let at = i + "dependencies = [".len();
        let indent = text[at..].lines().nth(1).map(|l| l.len() - l.trim_start().len()).unwrap_or(4);
        return Some(Edit::insert(at, format!("\n{}\"{}>={}\",", " ".repeat(indent.max(4)), p.name, p.version)));
    }
    if let Some(i) = text.find("[tool.poetry.dependencies]") {
        let at = text[i..].find('\n').map(|n| i + n + 1)?;
        return Some(Edit::insert(at, format!("{} = \"^{}\"\n", p.name, p.version)));
    }
    None
}

fn package_json(text: &str, p: Package) -> Option<Edit> {
    if text.contains(&format!("\"{}\"", p.name)) {
        return None;
    }
    let i = text.find("\"dependencies\"")?;
    let brace = i + text[i..].find('{')?;
    let next_line = text[brace..].lines().nth(1).unwrap_or("");
    let indent = &next_line[..next_line.len() - next_line.trim_start().len()];
    let empty = next_line.trim_start().starts_with('}');
    let comma = if empty { "" } else { "," };
    Some(Edit::insert(brace + 1, format!("\n{indent}\"{}\": \"^{}\"{comma}", p.name, p.version)))
}

fn csproj(text: &str, p: Package) -> Option<Edit> {
    if text.contains(&format!("\"{}\"", p.name)) {
        return None;
    }
    let reference = format!("<PackageReference Include=\"{}\" Version=\"{}\" />", p.name, p.version);
    if let Some(i) = text.find("<PackageReference") {
        let line_start = text[..i].rfind('\n').map(|n| n + 1).unwrap_or(0);
        let indent = &text[line_start..i];
        return Some(Edit::insert(line_start, format!("{indent}{reference}\n")));
    }
    let end = text.rfind("</Project>")?;
    Some(Edit::insert(end, format!("  <ItemGroup>\n    {reference}\n  </ItemGroup>\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply1(text: &str, e: Edit) -> String {
        format!("{}{}{}", &text[..e.range.start], e.replacement, &text[e.range.end..])
    }

    /// setup.py is read, never edited: one listing the package is enough; one without it is no
    /// manifest to edit (the fix then says what to add).
    #[test]
    fn setup_py_is_read_not_edited() {
        let dir = tempfile::tempdir().unwrap();
        let setup = dir.path().join("setup.py");
        std::fs::write(&setup, "setup(name='permits', install_requires=['pyramid', 'azure-identity>=1.15'])\n").unwrap();
        let ids = [identity(Lang::Python)];
        assert!(matches!(manifest_in(dir.path(), dir.path(), Lang::Python, &ids), Some(None)));
        std::fs::write(&setup, "setup(name='permits', install_requires=['pyramid'])\n").unwrap();
        assert!(manifest_in(dir.path(), dir.path(), Lang::Python, &ids).is_none());
        assert_eq!(std::fs::read_to_string(&setup).unwrap(), "setup(name='permits', install_requires=['pyramid'])\n");
    }

    #[test]
    fn adds_the_identity_package_once() {
        assert_eq!(
            apply1("flask\nazure-storage-blob", requirements("flask\nazure-storage-blob", identity(Lang::Python)).unwrap()),
            "flask\nazure-storage-blob\nazure-identity>=1.19.0\n"
        );
        assert!(requirements("Azure-Identity==1.0\n", identity(Lang::Python)).is_none());
        let pj = "{\n  \"dependencies\": {\n    \"@azure/storage-blob\": \"^12.0.0\"\n  }\n}\n";
        let out = apply1(pj, package_json(pj, identity(Lang::JavaScript)).unwrap());
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{out}");
        assert!(out.contains("\"@azure/identity\": \"^4.5.0\","));
        let cs = "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"Azure.Storage.Blobs\" Version=\"12.22.0\" />\n  </ItemGroup>\n</Project>\n";
        let out = apply1(cs, csproj(cs, identity(Lang::CSharp)).unwrap());
        assert!(out.contains("    <PackageReference Include=\"Azure.Identity\""), "{out}");
        let py = "[project]\nname = \"x\"\ndependencies = [\n    \"azure-storage-blob\",\n]\n";
        assert!(apply1(py, pyproject(py, identity(Lang::Python)).unwrap()).contains("\"azure-identity>=1.19.0\","));
    }
}
