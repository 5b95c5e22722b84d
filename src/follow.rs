//! Roles across files. A client built with a secret in one file is often used in others: a factory
//! (`get_reports_container()`), a module-level client another module imports, or a client registered
//! for dependency injection that services receive as a constructor parameter. Its least-privilege
//! role depends on what those files call on it. After the scan, every auth finding whose client
//! another file can reach ([`Export`]) gets the operations of the files that reach it.
//!
//! Following reads the tree's code files of the client's language again, so it is bounded: trees
//! holding more than [`FOLLOW_BUDGET`] bytes of that language are not followed (the finding's note
//! says so) and the scan keeps its speed on SDK-sized trees.

use crate::analyze::Export;
use crate::config::ConfigIndex;
use crate::finding::{Category, Finding};
use crate::lang::Lang;
use crate::scan::{ScanOptions, load, parse};
use crate::walk::{Candidate, FileKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Code of one language family read again to follow clients, at most (per family).
pub const FOLLOW_BUDGET: u64 = 32 * 1024 * 1024;

/// How many files a note names before "and N more".
const NOTE_FILES: usize = 3;

/// Languages whose files can import one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Family {
    Python,
    CSharp,
    Script,
}

fn family(lang: Lang) -> Family {
    match lang {
        Lang::Python => Family::Python,
        Lang::CSharp => Family::CSharp,
        _ => Family::Script,
    }
}

/// One export of one finding's client, with the file that defines it.
struct Wanted {
    finding: usize,
    family: Family,
    export: Export,
    def_rel: String,
    def_path: PathBuf,
}

/// Which exports a language follows: C# namespaces are too wide to tell a factory method's callers
/// from any other method of that name, so only injected types are followed there.
fn followed(family: Family, export: &Export) -> bool {
    family != Family::CSharp || matches!(export, Export::Type(_))
}

/// Give each auth finding whose client other files reach the operations those files perform on it.
/// `code_bytes`: how much code of each language the tree holds (the budget is per family).
pub fn operations_elsewhere(
    findings: &mut [Finding],
    files: &[&Candidate],
    code_bytes: &HashMap<Lang, u64>,
    opts: &ScanOptions,
    index: &ConfigIndex,
    pool: &rayon::ThreadPool,
) {
    let by_rel: HashMap<&str, &Candidate> = files.iter().map(|c| (c.rel.as_str(), *c)).collect();
    let mut wanted: Vec<Wanted> = Vec::new();
    for (i, f) in findings.iter().enumerate().filter(|(_, f)| f.category == Category::Auth) {
        let Some(def) = by_rel.get(f.path.as_str()) else { continue };
        let FileKind::Code(lang) = def.kind else { continue };
        for e in f.exports.iter().filter(|e| followed(family(lang), e)) {
            wanted.push(Wanted {
                finding: i,
                family: family(lang),
                export: e.clone(),
                def_rel: f.path.clone(),
                def_path: def.path.clone(),
            });
        }
    }
    if wanted.is_empty() {
        return;
    }
    let mut family_bytes: HashMap<Family, u64> = HashMap::new();
    for (lang, bytes) in code_bytes {
        *family_bytes.entry(family(*lang)).or_default() += bytes;
    }
    let over_budget = |fam: Family| family_bytes.get(&fam).copied().unwrap_or(0) > FOLLOW_BUDGET;
    for w in wanted.iter().filter(|w| over_budget(w.family)) {
        let f = &mut findings[w.finding];
        if f.roles_note.as_deref().is_some_and(|n| !n.contains("not followed")) {
            let note = f.roles_note.take().unwrap_or_default();
            f.roles_note =
                Some(format!("{note} (not followed into other files: the tree holds over {} MiB of such code)", FOLLOW_BUDGET >> 20));
        }
    }
    wanted.retain(|w| !over_budget(w.family));
    if wanted.is_empty() {
        return;
    }
    let projects = Projects::default();
    // Merged in path order: identical output for any thread count.
    let mut per_finding: HashMap<usize, Elsewhere> = HashMap::new();
    let mut seen: std::collections::HashSet<(usize, String, Export)> = std::collections::HashSet::new();
    // A file that imports the client may hand it on (`export const search = createSearchClient(..)`):
    // a few rounds follow those names too.
    for _ in 0..ROUNDS {
        wanted.retain(|w| seen.insert((w.finding, w.def_rel.clone(), w.export.clone())));
        if wanted.is_empty() {
            break;
        }
        let mut next = Vec::new();
        for (rel, found) in round(&wanted, files, opts, index, pool, &projects) {
            for (i, ops, handed_on) in found {
                let w = &wanted[i];
                let entry = per_finding.entry(w.finding).or_default();
                push_new(&mut entry.ops, ops);
                push_new(&mut entry.files, [rel.clone()]);
                push_new(&mut entry.names, [export_name(&w.export).to_owned()]);
                let Some(c) = by_rel.get(rel.as_str()) else { continue };
                for export in handed_on {
                    next.push(Wanted { finding: w.finding, family: w.family, export, def_rel: rel.clone(), def_path: c.path.clone() });
                }
            }
        }
        wanted = next;
    }
    for (i, Elsewhere { ops, files, names }) in per_finding {
        if ops.is_empty() {
            continue;
        }
        let f = &mut findings[i];
        // Operations assumed from the client's type give way to the ones actually called, when those
        // choose a role (`on`, `quit` on a Redis client choose none: the assumption stands).
        if f.roles_note.as_deref().is_some_and(|n| n.starts_with("assumed from")) {
            if crate::roles::infer(f.service, &ops).roles.is_empty() {
                continue;
            }
            f.operations.clear();
        }
        push_new(&mut f.operations, ops);
        let mut shown: Vec<String> = files.iter().take(NOTE_FILES).map(|p| format!("`{p}`")).collect();
        if files.len() > NOTE_FILES {
            shown.push(format!("{} more", files.len() - NOTE_FILES));
        }
        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        f.roles_note = Some(format!("{} {}: {}", OPERATIONS_ELSEWHERE, names.join(", "), shown.join(", ")));
    }
}

/// Rounds of following names handed on from file to file.
const ROUNDS: usize = 3;

/// What other files do with one finding's client: the operations, the files, the names they use.
#[derive(Default)]
struct Elsewhere {
    ops: Vec<String>,
    files: Vec<String>,
    names: Vec<String>,
}

fn push_new(into: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for item in items {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// One file's uses of the wanted exports: its path, and for each export it reaches (an index into
/// the wanted list) the operations called on it and the names it hands it on by.
type FileUses = (String, Vec<(usize, Vec<String>, Vec<Export>)>);

/// Calls on the wanted exports in every other code file of their language, per file, sorted by path.
fn round(
    wanted: &[Wanted],
    files: &[&Candidate],
    opts: &ScanOptions,
    index: &ConfigIndex,
    pool: &rayon::ThreadPool,
    projects: &Projects,
) -> Vec<FileUses> {
    let names: Vec<&str> = wanted.iter().map(|w| export_name(&w.export)).collect();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&names) else { return Vec::new() };
    let mut results: Vec<FileUses> = pool.install(|| {
        files
            .par_iter()
            .filter_map(|c| {
                let FileKind::Code(lang) = c.kind else { return None };
                let d = load(c, opts, &Default::default()).ok()??;
                let text = d.text.as_str();
                // Generated code defines APIs; it does not call an app's clients.
                if crate::prefilter::is_generated(text.as_bytes()) {
                    return None;
                }
                let mut present: Vec<usize> = ac
                    .find_iter(text)
                    .filter(|m| whole_word(text, m.start(), m.end()))
                    .flat_map(|m| {
                        let name = names[m.pattern().as_usize()];
                        names.iter().enumerate().filter(move |(_, n)| **n == name).map(|(i, _)| i)
                    })
                    .filter(|&i| wanted[i].family == family(lang) && wanted[i].def_rel != c.rel)
                    .collect();
                present.sort_unstable();
                present.dedup();
                // Parse only files whose text names the defining module somewhere (its imports do).
                present.retain(|&i| names_module(text, &wanted[i]));
                // An injected type is seen only by the projects that reference the registering one.
                present.retain(|&i| !matches!(wanted[i].export, Export::Type(_)) || projects.sees(lang, &c.path, &wanted[i].def_path));
                if present.is_empty() {
                    return None;
                }
                let tree = parse(lang, text, opts.parse_timeout)?;
                let exports: Vec<Export> = present.iter().map(|&i| wanted[i].export.clone()).collect();
                let reaches = |imports: &str, e: &Export| {
                    let Some(&i) = present.iter().find(|&&i| &wanted[i].export == e) else { return false };
                    reaches(lang, imports, text, &c.rel, &wanted[i])
                };
                let used = crate::analyze::code::operations_on(lang, &tree, text, index.scope(&c.rel), &exports, &reaches);
                let found: Vec<(usize, Vec<String>, Vec<Export>)> = present
                    .into_iter()
                    .zip(used)
                    .filter(|(_, (ops, handed_on))| !ops.is_empty() || !handed_on.is_empty())
                    .map(|(i, (ops, handed_on))| (i, ops, handed_on))
                    .collect();
                (!found.is_empty()).then(|| (c.rel.clone(), found))
            })
            .collect()
    });
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// How a roles note that [`operations_elsewhere`] wrote begins (kept beside the roles it chose).
pub const OPERATIONS_ELSEWHERE: &str = "operations include calls in other files that use";

/// Folder names too common to tell one module from another.
const COMMON_FOLDERS: &[&str] = &["src", "lib", "libs", "app", "apps", "packages", "services", "shared", "common", "utils"];

/// Does `text` mention the module that defines the export: its file name, or a folder on its path
/// (a package that re-exports it: `@acme/azure-clients`)? Injected types need no import of the
/// registering module.
fn names_module(text: &str, w: &Wanted) -> bool {
    if matches!(w.export, Export::Type(_)) {
        return true;
    }
    let mut parts: Vec<&str> = w.def_rel.split('/').collect();
    let file = parts.pop().unwrap_or("");
    let stem = file.split('.').next().unwrap_or(file);
    let words = std::iter::once(stem)
        .filter(|s| !matches!(*s, "__init__" | "index"))
        .chain(parts.into_iter().filter(|d| d.len() > 2 && !COMMON_FOLDERS.contains(d)));
    words.into_iter().any(|w| !w.is_empty() && text.contains(w))
}

fn export_name(e: &Export) -> &str {
    match e {
        Export::Function(n) | Export::Variable(n) | Export::Type(n) => n,
    }
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    !text[..start].chars().next_back().is_some_and(word) && !text[end..].chars().next().is_some_and(word)
}

/// Does a file (imports `imports`, text `src`) import the export from the file that defines it?
fn reaches(lang: Lang, imports: &str, src: &str, rel: &str, w: &Wanted) -> bool {
    match (&w.export, lang) {
        (Export::Type(_), _) => true,
        (Export::Function(name) | Export::Variable(name), Lang::Python) => {
            crate::lang::python::imports_from(imports, src, name, rel, &w.def_rel)
        }
        (_, Lang::CSharp) => false,
        (Export::Function(name) | Export::Variable(name), _) => crate::lang::javascript::imports_from(imports, name, rel, &w.def_rel),
    }
}

/// The `.csproj` (C#) or app folder (Python, JS/TS) of each folder, looked up once per folder: the
/// lookups stat the folders above, and every file that names an injected type asks.
#[derive(Default)]
struct Projects {
    cache: std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    apps: std::sync::Mutex<HashMap<(PathBuf, Lang), Option<PathBuf>>>,
}

impl Projects {
    fn project_of(&self, file: &Path) -> Option<PathBuf> {
        let dir = file.parent()?.to_path_buf();
        if let Some(hit) = self.cache.lock().ok()?.get(&dir) {
            return hit.clone();
        }
        let found = crate::lang::csharp::project_of(file);
        self.cache.lock().ok()?.insert(dir, found.clone());
        found
    }

    fn app_of(&self, lang: Lang, file: &Path) -> Option<PathBuf> {
        let key = (file.parent()?.to_path_buf(), lang);
        if let Some(hit) = self.apps.lock().ok()?.get(&key) {
            return hit.clone();
        }
        let found = app_root(lang, file).map(Path::to_path_buf);
        self.apps.lock().ok()?.insert(key, found.clone());
        found
    }

    /// Can the file at `consumer` receive a type registered in the file at `provider`? In C#, when its
    /// project is the provider's or references it; elsewhere, when it is in the provider's app (a type
    /// names no module, and one scan often holds several apps).
    fn sees(&self, lang: Lang, consumer: &Path, provider: &Path) -> bool {
        if lang != Lang::CSharp {
            return self.app_of(lang, provider).is_some_and(|root| consumer.starts_with(root));
        }
        match (self.project_of(consumer), self.project_of(provider)) {
            (Some(c), Some(p)) => crate::lang::csharp::project_sees(&c, &p),
            // Loose files without a project: the same folder tree.
            _ => provider.parent().is_some_and(|d| consumer.starts_with(d)),
        }
    }
}

/// The folder of the app a Python or JS/TS file belongs to: the nearest one above it with a package
/// manifest, else (Python) the folder holding its top package, else its own folder.
fn app_root(lang: Lang, file: &Path) -> Option<&Path> {
    const MANIFESTS: &[&str] = &["package.json", "pyproject.toml", "requirements.txt", "setup.py", "setup.cfg", "Pipfile"];
    let dir = file.parent()?;
    if let Some(root) = dir.ancestors().take(8).find(|d| MANIFESTS.iter().any(|m| d.join(m).is_file())) {
        return Some(root);
    }
    if lang == Lang::Python {
        let mut top = dir;
        while top.join("__init__.py").is_file() {
            top = top.parent()?;
        }
        return Some(top);
    }
    Some(dir)
}
