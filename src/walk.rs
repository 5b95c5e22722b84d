//! Walk: the parallel directory walk (`ignore`, honouring .gitignore), the file-kind table, and
//! the size / binary / symlink rules. Every file that is passed over is a diagnostic, never silence.

use crate::analyze::ConfigFormat;
use crate::lang::Lang;
use crate::prefilter::TriggerSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// What a file is, by extension or name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Code(Lang),
    Config(ConfigFormat),
    /// Any other text file: pattern-only pass for high-confidence shapes.
    Text,
}

impl FileKind {
    pub fn triggers(self) -> TriggerSet {
        match self {
            FileKind::Code(_) => TriggerSet::Code,
            FileKind::Config(_) => TriggerSet::Config,
            FileKind::Text => TriggerSet::Text,
        }
    }
}

/// The one table from file names to kinds.
pub fn kind_of(path: &Path) -> Option<FileKind> {
    // A name that is not UTF-8 is still a file: judge it by its lossy form.
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") {
        return Some(FileKind::Config(ConfigFormat::DotEnv));
    }
    if (name.starts_with("appsettings") && name.ends_with(".json"))
        || matches!(name.as_str(), "local.settings.json" | "secrets.json" | "launchsettings.json" | "connectionstrings.json")
        // Expo's EAS build profiles set the app's environment (`build.production.env`).
        || name == "eas.json"
    {
        return Some(FileKind::Config(ConfigFormat::Json));
    }
    if name.ends_with(".config") {
        return Some(FileKind::Config(ConfigFormat::Xml));
    }
    // Streamlit's `.streamlit/secrets.toml`, dynaconf's `settings.toml` / `.secrets.toml`.
    // Any other TOML file an app loads itself (`ledgersync.toml`), except tools' own manifests.
    if let Some(stem) = name.strip_suffix(".toml")
        && !matches!(
            stem,
            "pyproject"
                | "cargo"
                | "rustfmt"
                | ".rustfmt"
                | "clippy"
                | ".clippy"
                | "taplo"
                | ".taplo"
                | "ruff"
                | ".ruff"
                | "rust-toolchain"
                | "netlify"
                | "fly"
                | "wrangler"
                | "poetry"
                | "pdm"
                | "hatch"
                | "uv"
                | "deny"
                | "cross"
                | "typos"
                | "_typos"
                | "book"
        )
    {
        return Some(FileKind::Config(ConfigFormat::Toml));
    }
    // An app's own JSON or YAML config: node-config's `config/default.json`, `litops.config.json`,
    // `settings.json`, `config/lakesync.yaml`, `secrets.yml`.
    let own_config = |stem: &str| {
        let dir = path.parent().and_then(|d| d.file_name()).map(|d| d.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        stem.contains("config") || stem.contains("settings") || dir == "config"
    };
    if let Some(stem) = name.strip_suffix(".json")
        && own_config(stem)
    {
        return Some(FileKind::Config(ConfigFormat::Json));
    }
    if let Some(stem) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))
        && (own_config(stem) || stem == "secrets")
    {
        return Some(FileKind::Config(ConfigFormat::Yaml));
    }
    // INI files an app reads itself (`config.ini` via configparser, alembic.ini's `sqlalchemy.url`);
    // tools' own INI files (tox, pytest, mypy, flake8...) hold no credentials worth a config parse.
    // (`.cfg` too: luigi.cfg, an app's `config.cfg` read with configparser; setup.cfg is a tool's.)
    if let Some(stem) = name.strip_suffix(".ini").or_else(|| name.strip_suffix(".cfg"))
        && !matches!(
            stem,
            "tox" | "pytest" | "mypy" | "setup" | "flake8" | ".flake8" | "pylintrc" | ".pylintrc" | ".editorconfig" | "desktop"
        )
    {
        return Some(FileKind::Config(ConfigFormat::Ini));
    }
    // Kedro's `conf/<env>/credentials.yml` and Dapr components (`components/statestore.yaml`, whose
    // `metadata` lists `- name: redisPassword` / `value: ...`).
    if let Some(stem) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")) {
        let dir = path.parent().and_then(|d| d.file_name()).map(|d| d.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if stem == "credentials" || dir == "components" || dir == ".dapr" || dir == "dapr" {
            return Some(FileKind::Config(ConfigFormat::Yaml));
        }
    }
    if name == "dockerfile" || name.starts_with("dockerfile.") || name == "containerfile" {
        return Some(FileKind::Text);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    if let Some(lang) = Lang::from_extension(ext) {
        // Minified bundles and type declarations hold no application code worth parsing.
        if name.ends_with(".min.js") || name.ends_with(".d.ts") {
            return Some(FileKind::Text);
        }
        return Some(FileKind::Code(lang));
    }
    match ext {
        "md" | "markdown" | "rst" | "txt" | "yml" | "yaml" | "sh" | "bash" | "zsh" | "ps1" | "psm1" | "cmd" | "bat" | "tf" | "tfvars"
        | "bicep" | "bicepparam" | "ini" | "properties" | "toml" | "cfg" | "conf" | "json" | "jsonc" | "xml" | "ipynb" | "http"
        | "rest" | "sql" | "csproj" | "pubxml" | "cscfg" | "npmrc" => Some(FileKind::Text),
        _ => None,
    }
}

/// Hidden directories that hold an app's own settings or its CI's, where secrets leak: Streamlit's
/// and dlt's `secrets.toml`, azd's environments (`.azure/<env>/.env`), CI workflows' `env:` blocks,
/// VS Code launch settings and dev containers. Walked without `--hidden`.
const CONFIG_DIRS: &[&str] = &[".streamlit", ".dlt", ".azure", ".github", ".gitlab", ".circleci", ".vscode", ".devcontainer"];

/// Hidden CI files at a repository's root, read like the workflows above.
const CONFIG_FILES: &[&str] = &[".gitlab-ci.yml", ".travis.yml"];

/// Walk settings (from the CLI and `secretless.toml`).
#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub hidden: bool,
    pub no_ignore: bool,
    pub follow: bool,
    pub excludes: Vec<String>,
    pub max_filesize: u64,
    pub threads: usize,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions { hidden: false, no_ignore: false, follow: false, excludes: Vec::new(), max_filesize: 2 * 1024 * 1024, threads: 0 }
    }
}

/// A file to scan.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Relative to the scanned root, `/` separators.
    pub rel: String,
    pub kind: FileKind,
}

/// A file or directory that was passed over, with why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
}

const GLOB_HINT: &str = "(gitignore syntax, e.g. `tests/**` or `*.min.js`)";

/// Is `glob` a valid exclude pattern (gitignore syntax)? The error says what is wrong with it.
/// Checked where the glob comes from (`--exclude`, `exclude` in secretless.toml), so the message can
/// name its source; [`walk`] would only say that some glob failed.
pub fn check_glob(glob: &str) -> Result<(), String> {
    let mut b = ignore::overrides::OverrideBuilder::new("/");
    match b.add(&format!("!{glob}")) {
        Ok(_) => Ok(()),
        Err(ignore::Error::Glob { err, .. }) => Err(format!("invalid glob `{glob}`: {err} {GLOB_HINT}")),
        Err(e) => Err(format!("invalid glob `{glob}`: {e} {GLOB_HINT}")),
    }
}

/// Walk `root` and return the files to scan (sorted by path) and the diagnostics.
pub fn walk(root: &Path, opts: &WalkOptions) -> Result<(Vec<Candidate>, Vec<Diagnostic>), ignore::Error> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for g in &opts.excludes {
        overrides.add(&format!("!{g}"))?;
    }
    let overrides = overrides.build()?;
    let excluded = overrides.clone();
    let mut builder = ignore::WalkBuilder::new(root);
    let show_hidden = opts.hidden;
    builder
        .hidden(false)
        .ignore(!opts.no_ignore)
        .git_ignore(!opts.no_ignore)
        .git_global(!opts.no_ignore)
        .git_exclude(!opts.no_ignore)
        .parents(!opts.no_ignore)
        .require_git(false)
        .follow_links(opts.follow)
        .overrides(overrides)
        .threads(opts.threads)
        .filter_entry(move |e| {
            let name = e.file_name().to_string_lossy();
            if name == ".git" {
                return false;
            }
            // Hidden directories are skipped unless --hidden, except the ones apps keep their
            // settings in; hidden config files (.env*) always count.
            if !show_hidden && e.depth() > 0 && name.starts_with('.') {
                let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                if is_dir {
                    return CONFIG_DIRS.contains(&name.as_ref());
                }
                return CONFIG_FILES.contains(&name.as_ref()) || kind_of(e.path()).is_some_and(|k| matches!(k, FileKind::Config(_)));
            }
            true
        });
    let root_is_file = root.is_file();
    let honour_ignores = !opts.no_ignore;
    let (tx, rx) = mpsc::channel::<Result<Candidate, Diagnostic>>();
    builder.build_parallel().run(|| {
        let tx = tx.clone();
        let excluded = excluded.clone();
        Box::new(move |entry| {
            use ignore::WalkState;
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let _ = tx.send(Err(diag_from_error(root, &err)));
                    return WalkState::Continue;
                }
            };
            let Some(ft) = entry.file_type() else {
                return WalkState::Continue;
            };
            if ft.is_dir() {
                if honour_ignores {
                    ignored_config_files(entry.path(), &excluded, &mut |path, ft| {
                        if let Some(c) = candidate(path, relative(root, path, root_is_file), ft) {
                            let _ = tx.send(c);
                        }
                    });
                }
                return WalkState::Continue;
            }
            let path = entry.path();
            if let Some(c) = candidate(path, relative(root, path, root_is_file), ft) {
                let _ = tx.send(c);
            }
            WalkState::Continue
        })
    });
    drop(tx);
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for item in rx {
        match item {
            Ok(c) => files.push(c),
            Err(d) => diags.push(d),
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    // A config file that .gitignore does not list is met twice: by the walker and by its directory's listing.
    files.dedup_by(|a, b| a.rel == b.rel);
    Ok((files, diags))
}

/// Config files in `dir` that the walker passes over because .gitignore lists them. `.env.local`,
/// `local.settings.json` and `appsettings.Development.json` are ignored precisely because they hold
/// the secrets: .gitignore keeps them out of commits, not off the disk, and the code reads them. They
/// are scanned unless `--exclude` names them (`--no-ignore` walks them anyway).
fn ignored_config_files(dir: &Path, excluded: &ignore::overrides::Override, found: &mut dyn FnMut(&Path, std::fs::FileType)) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if !kind_of(&path).is_some_and(|k| matches!(k, FileKind::Config(_))) || excluded.matched(&path, false).is_ignore() {
            continue;
        }
        if let Ok(ft) = e.file_type()
            && !ft.is_dir()
        {
            found(&path, ft);
        }
    }
}

/// The candidate for a walked file, a diagnostic saying why it is passed over, or nothing for a file
/// of no kind secretless reads. No `stat` here: the directory entry's type tells regular files from
/// FIFOs, sockets and devices, and the size is checked on the open file when it is read
/// ([`crate::scan::load`]), which saves a path lookup per file (2 % of a scan of the SDK corpus).
fn candidate(path: &Path, rel: String, ft: std::fs::FileType) -> Option<Result<Candidate, Diagnostic>> {
    if ft.is_symlink() {
        let msg =
            if std::fs::metadata(path).is_err() { "dangling symbolic link skipped" } else { "symbolic link not followed (use --follow)" };
        return Some(Err(Diagnostic { path: rel, message: msg.into() }));
    }
    let kind = kind_of(path)?;
    // FIFOs, sockets and devices would block or never end: only regular files are read.
    if !ft.is_file() {
        return Some(Err(Diagnostic { path: rel, message: "unreadable: not a regular file (FIFO, socket or device)".into() }));
    }
    Some(Ok(Candidate { path: path.to_path_buf(), rel, kind }))
}

fn relative(root: &Path, path: &Path, root_is_file: bool) -> String {
    let rel = if root_is_file {
        path.file_name().map(PathBuf::from).unwrap_or_else(|| path.to_path_buf())
    } else {
        path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}

fn diag_from_error(root: &Path, err: &ignore::Error) -> Diagnostic {
    fn find(err: &ignore::Error) -> (Option<PathBuf>, String) {
        match err {
            ignore::Error::WithPath { path, err } => {
                let dangling =
                    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) && std::fs::metadata(path).is_err();
                (Some(path.clone()), if dangling { "dangling symbolic link skipped".into() } else { find(err).1 })
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => find(err),
            ignore::Error::Loop { child, ancestor } => {
                (Some(child.clone()), format!("symbolic link loop back to {} skipped", ancestor.display()))
            }
            ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (None, "vanished during the walk, or a dangling symbolic link".into())
            }
            ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                (None, format!("unreadable: {e} (make it readable to scan it)"))
            }
            other => (None, other.to_string()),
        }
    }
    let (path, message) = find(err);
    let path = path.map(|p| relative(root, &p, false)).unwrap_or_else(|| root.display().to_string());
    Diagnostic { path, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds() {
        assert_eq!(kind_of(Path::new("a/appsettings.Development.json")), Some(FileKind::Config(ConfigFormat::Json)));
        assert_eq!(kind_of(Path::new("mobile/eas.json")), Some(FileKind::Config(ConfigFormat::Json)));
        assert_eq!(kind_of(Path::new(".env.production")), Some(FileKind::Config(ConfigFormat::DotEnv)));
        assert_eq!(kind_of(Path::new("Web.config")), Some(FileKind::Config(ConfigFormat::Xml)));
        assert_eq!(kind_of(Path::new("app/.streamlit/secrets.toml")), Some(FileKind::Config(ConfigFormat::Toml)));
        assert_eq!(kind_of(Path::new("pipelines/.dlt/secrets.toml")), Some(FileKind::Config(ConfigFormat::Toml)));
        assert_eq!(kind_of(Path::new(".secrets.toml")), Some(FileKind::Config(ConfigFormat::Toml)));
        assert_eq!(kind_of(Path::new("app/config/lakesync.yaml")), Some(FileKind::Config(ConfigFormat::Yaml)));
        assert_eq!(kind_of(Path::new("settings.yml")), Some(FileKind::Config(ConfigFormat::Yaml)));
        assert_eq!(kind_of(Path::new(".github/workflows/ci.yml")), Some(FileKind::Text));
        assert_eq!(kind_of(Path::new("pyproject.toml")), Some(FileKind::Text));
        // An app's own JSON config is read as config (secrets by name and shape, values for code).
        assert_eq!(kind_of(Path::new("cli/litops.config.json")), Some(FileKind::Config(ConfigFormat::Json)));
        assert_eq!(kind_of(Path::new("api/config/production.json")), Some(FileKind::Config(ConfigFormat::Json)));
        assert_eq!(kind_of(Path::new("api/package.json")), Some(FileKind::Text));
        assert_eq!(kind_of(Path::new("src/app.tsx")), Some(FileKind::Code(Lang::Tsx)));
        assert_eq!(kind_of(Path::new("README.md")), Some(FileKind::Text));
        assert_eq!(kind_of(Path::new("logo.png")), None);
    }

    /// Issue 10: a folder the walk may not enter is named, with what to do (root reads everything,
    /// so the error is built by hand).
    #[test]
    fn an_unreadable_folder_is_named_with_a_hint() {
        let root = Path::new("/repo");
        let err = ignore::Error::WithPath {
            path: PathBuf::from("/repo/secret"),
            err: Box::new(ignore::Error::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied))),
        };
        let d = diag_from_error(root, &err);
        assert_eq!(d.path, "secret");
        assert!(d.message.starts_with("unreadable: ") && d.message.ends_with("(make it readable to scan it)"), "{}", d.message);
    }

    #[test]
    fn globs_are_checked_with_a_hint() {
        assert!(check_glob("tests/**").is_ok() && check_glob("*.min.js").is_ok());
        let e = check_glob("a[b").unwrap_err();
        assert!(e.starts_with("invalid glob `a[b`: ") && e.ends_with("(gitignore syntax, e.g. `tests/**` or `*.min.js`)"), "{e}");
    }
}
