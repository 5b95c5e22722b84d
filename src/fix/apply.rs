//! The one apply engine (`fix` preview, `--yes`, `--interactive` all use it):
//! edits are spliced into the bytes that were scanned (refused if the file changed since), each
//! fix is re-parsed and dropped if it adds syntax errors or overlaps an accepted fix, and files are
//! written atomically (temp file in the same directory, then rename) with their encoding, BOM, line
//! endings and permissions kept. A symlink's target is written, never the link replaced.

use super::{Edit, Fix};
use crate::text::{self, Encoding};
use crate::walk::{FileKind, kind_of};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One file after the accepted fixes, ready to show or write.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub path: String,
    pub abs: PathBuf,
    pub old: String,
    pub new: String,
}

/// What applying a set of fixes did (or would do).
#[derive(Debug, Default)]
pub struct Outcome {
    /// Fingerprints of the fixes that were applied (or would be).
    pub applied: Vec<String>,
    /// Fixes left out, with the reason.
    pub dropped: Vec<(String, String)>,
    pub files: Vec<Rendered>,
    /// Files that could not be written, with the error (the fixes in them are not in `applied`).
    pub write_errors: Vec<(String, String)>,
}

struct FileState {
    path: String,
    abs: PathBuf,
    bytes: Vec<u8>,
    text: String,
    encoding: Encoding,

    crlf: bool,
    kind: Option<FileKind>,
    base_errors: usize,
    accepted: Vec<Edit>,
}

/// Compute the result of applying `fixes` in order; write the files when `write` is true.
pub fn apply(fixes: &[&Fix], write: bool) -> Outcome {
    let mut out = Outcome::default();
    let mut files: BTreeMap<PathBuf, FileState> = BTreeMap::new();
    let mut dropped: BTreeSet<String> = BTreeSet::new();
    // 1. Load every file once and refuse fixes whose files changed since they were scanned.
    for fix in fixes {
        for fe in &fix.files {
            if !files.contains_key(&fe.abs) {
                match std::fs::read(&fe.abs) {
                    Ok(bytes) => {
                        let d = text::decode(&bytes);
                        let crlf = d.text.matches("\r\n").count() * 2 > d.text.matches('\n').count();
                        let kind = kind_of(&fe.abs);
                        let base_errors = syntax_errors(kind, &d.text);
                        files.insert(
                            fe.abs.clone(),
                            FileState {
                                path: fe.path.clone(),
                                abs: fe.abs.clone(),
                                bytes,
                                text: d.text,
                                encoding: d.encoding,
                                crlf,
                                kind,
                                base_errors,
                                accepted: Vec::new(),
                            },
                        );
                    }
                    Err(e) => {
                        drop_fix(
                            &mut out,
                            &mut dropped,
                            fix,
                            &format!("{}: cannot be read: {e} (check its permissions, then run `secretless fix` again)", fe.path),
                        );
                        continue;
                    }
                }
            }
            let st = &files[&fe.abs];
            if hash(&st.bytes) != fe.hash {
                drop_fix(&mut out, &mut dropped, fix, &format!("{} changed since it was scanned: rescan and try again", fe.path));
            } else if st.encoding == Encoding::Lossy {
                drop_fix(
                    &mut out,
                    &mut dropped,
                    fix,
                    &format!("{} is not valid UTF-8/UTF-16 and is never rewritten (save it as UTF-8 to have it fixed)", fe.path),
                );
            }
        }
    }
    let mut deferred: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
    // 2. Accept fixes one by one: no overlap with what is accepted, no new syntax errors.
    for fix in fixes {
        if dropped.contains(&fix.fingerprint) {
            continue;
        }
        let mut trial: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
        let mut problem = None;
        for fe in &fix.files {
            let st = &files[&fe.abs];
            let mut edits = trial.remove(&fe.abs).unwrap_or_else(|| st.accepted.clone());
            for e in &fe.edits {
                if !e.requires.is_empty() {
                    deferred.entry(fe.abs.clone()).or_default().push(e.clone());
                    continue; // applied at the end, once every fix it requires is in
                }
                let e = if st.crlf { Edit { replacement: to_crlf(&e.replacement), ..e.clone() } } else { e.clone() };
                if edits.contains(&e) {
                    continue; // the same import / manifest line from another fix
                }
                if edits.iter().any(|a| overlaps(a, &e)) {
                    problem =
                        Some(format!("{}: overlaps a fix already accepted (run `secretless fix` again once that one is applied)", fe.path));
                }
                edits.push(e);
            }
            let new = splice(&st.text, &edits);
            if syntax_errors(st.kind, &new) > st.base_errors {
                problem = Some(format!(
                    "{}: the rewrite would not parse, so it was dropped (change the code by hand: `secretless rules {}` shows how)",
                    fe.path, fix.rule
                ));
            }
            trial.insert(fe.abs.clone(), edits);
        }
        match problem {
            Some(p) => drop_fix(&mut out, &mut dropped, fix, &p),
            None => {
                for (abs, edits) in trial {
                    files.get_mut(&abs).unwrap().accepted = edits;
                }
                out.applied.push(fix.fingerprint.clone());
            }
        }
    }
    // Edits that wait for a set of fixes (dead definitions): in only when all of them were applied.
    for (abs, edits) in deferred {
        let st = files.get_mut(&abs).unwrap();
        for e in edits {
            let e = if st.crlf { Edit { replacement: to_crlf(&e.replacement), ..e } } else { e };
            let ready = e.requires.iter().all(|fp| out.applied.contains(fp));
            if ready && !st.accepted.contains(&e) && !st.accepted.iter().any(|a| overlaps(a, &e)) {
                st.accepted.push(e);
            }
        }
    }
    // 3. Render and (maybe) write. Temps a killed run left beside these files go first.
    if write {
        let dirs: BTreeSet<PathBuf> =
            files.keys().filter_map(|p| std::fs::canonicalize(p).ok()).filter_map(|p| p.parent().map(PathBuf::from)).collect();
        for d in dirs {
            remove_stale_temps(&d);
        }
    }
    let mut unwritten: BTreeSet<PathBuf> = BTreeSet::new();
    for st in files.into_values() {
        if st.accepted.is_empty() {
            continue;
        }
        let new = splice(&st.text, &st.accepted);
        if new == st.text {
            continue;
        }
        if write && let Err(e) = write_atomic(&st.abs, &new, st.encoding) {
            // Our own errors say what to do; the system's (no space left, a folder we may not
            // write a temp file in) get the hint here.
            let hint = if e.raw_os_error().is_some() {
                " (check that the file and its folder are writable; the file was left unchanged)"
            } else {
                ""
            };
            out.write_errors.push((st.path.clone(), format!("{e}{hint}")));
            unwritten.insert(st.abs.clone());
            continue;
        }
        out.files.push(Rendered { path: st.path, abs: st.abs, old: st.text, new });
    }
    // A fix whose file was not written is not applied (and `fix --yes` exits 1: it is still to do).
    out.applied.retain(|fp| !fixes.iter().any(|f| &f.fingerprint == fp && f.files.iter().any(|fe| unwritten.contains(&fe.abs))));
    out
}

fn drop_fix(out: &mut Outcome, dropped: &mut BTreeSet<String>, fix: &Fix, reason: &str) {
    if dropped.insert(fix.fingerprint.clone()) {
        out.dropped.push((fix.fingerprint.clone(), reason.to_owned()));
    }
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.range.is_empty() || b.range.is_empty() {
        // Two insertions at one point are fine; an insertion inside a replaced range is not.
        return (a.range.is_empty() && b.range.start < a.range.start && a.range.start < b.range.end)
            || (b.range.is_empty() && a.range.start < b.range.start && b.range.start < a.range.end);
    }
    a.range.start < b.range.end && b.range.start < a.range.end
}

fn to_crlf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Apply non-overlapping edits to `text` (insertions at one point keep their order, except C#
/// `using` lines, which several fixes may insert at one point and which stay sorted).
pub fn splice(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    let using = |e: &Edit| (e.range.is_empty() && e.replacement.starts_with("using ")).then(|| e.replacement.clone());
    sorted.sort_by_key(|e| (e.range.start, e.range.end, using(e)));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for e in sorted {
        if e.range.start < at {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// ERROR and MISSING nodes in a code file (0 for other files: their edits are line-level).
pub fn syntax_errors(kind: Option<FileKind>, text: &str) -> usize {
    match kind {
        Some(FileKind::Code(lang)) => match crate::scan::parse(lang, text, std::time::Duration::from_secs(5)) {
            Some(tree) => {
                let mut count = 0;
                let mut cursor = tree.walk();
                let mut visited_children = false;
                loop {
                    let n = cursor.node();
                    if !visited_children && (n.is_error() || n.is_missing()) {
                        count += 1;
                    }
                    if !visited_children && n.has_error() && cursor.goto_first_child() {
                        continue;
                    }
                    if cursor.goto_next_sibling() {
                        visited_children = false;
                    } else if cursor.goto_parent() {
                        visited_children = true;
                    } else {
                        break;
                    }
                }
                if matches!(lang, crate::lang::Lang::JavaScript | crate::lang::Lang::TypeScript | crate::lang::Lang::Tsx) {
                    count += comma_holes(tree.root_node());
                }
                count
            }
            None => usize::MAX,
        },
        Some(FileKind::Config(crate::analyze::ConfigFormat::Json)) if !text.contains("//") => {
            usize::from(serde_json::from_str::<serde_json::Value>(text).is_err())
        }
        _ => 0,
    }
}

/// Empty slots in JS/TS objects and argument lists (`{ a: 1,, b }`, `f(a,, b)`): the tree-sitter
/// grammar accepts them (arrays may have holes), JavaScript does not.
fn comma_holes(root: tree_sitter::Node<'_>) -> usize {
    let mut count = 0;
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let mut c = n.walk();
        let children: Vec<tree_sitter::Node<'_>> = n.children(&mut c).collect();
        if matches!(n.kind(), "object" | "arguments" | "object_pattern" | "named_imports") {
            count += children.windows(2).filter(|w| w[1].kind() == "," && matches!(w[0].kind(), "," | "{" | "(")).count();
        }
        stack.extend(children.into_iter().filter(|k| k.child_count() > 0));
    }
    count
}

/// Temp files are `.secretless-<random>.tmp` beside the file they replace: hidden, and with an
/// extension that is no file kind (`walk::kind_of` gives `None`), so a temp left by a crash is never
/// scanned, and the pattern tells [`remove_stale_temps`] which leftovers are ours.
const TEMP_PREFIX: &str = ".secretless-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temp of ours older than this was left by a run that died between write and rename (a live
/// write lasts milliseconds); a younger one may belong to a run still going, and is left alone.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Write `text` to `path` atomically in `encoding`, keeping permissions; a symlink's target is written.
///
/// The new bytes go to a temp file in the target's directory, are synced, get the target's
/// permissions, and only then replace the target by a rename. A crash at any point leaves either
/// the old file or the new one, never a mix; what it can leave besides is the temp file
/// (see [`remove_stale_temps`]).
pub fn write_atomic(path: &std::path::Path, text: &str, encoding: Encoding) -> std::io::Result<()> {
    write_atomic_with(path, text, encoding, |_| Ok(()))
}

/// [`write_atomic`] with `before_rename` called between the finished temp file and the rename (its
/// path as argument): the point a crash would hit. An error from it is returned and the target is
/// left as it was. Production passes a no-op; the tests pass a step that inspects or fails.
fn write_atomic_with(
    path: &std::path::Path,
    text: &str,
    encoding: Encoding,
    before_rename: impl FnOnce(&std::path::Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; left unchanged (make it writable and run `secretless fix` again)",
        ));
    }
    let bytes = text::encode(text, encoding).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "the file's encoding cannot be written back; left unchanged (save it as UTF-8)",
        )
    })?;
    let dir = target.parent().unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        // Keep the owner and group too when we may (root fixing another user's file, a group we
        // belong to). Before the mode: a chown clears set-id bits.
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    std::fs::set_permissions(tmp.path(), meta.permissions())?;
    before_rename(tmp.path())?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: not every platform syncs a directory).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Is `name` one of our temp files?
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
}

/// Remove the temp files of ours in `dir` that are older than an hour: left by a run that was killed
/// between writing a temp and renaming it. Returns how many were removed. Errors are ignored: a
/// leftover is harmless (never scanned), only untidy.
pub fn remove_stale_temps(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for e in entries.flatten() {
        if !is_temp_name(&e.file_name().to_string_lossy()) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_and_overlap() {
        let t = "abcdef";
        let edits = vec![Edit::replace(1..3, "X"), Edit::insert(0, ">"), Edit::insert(6, "<")];
        assert_eq!(splice(t, &edits), ">aXdef<");
        assert!(overlaps(&Edit::replace(1..3, "a"), &Edit::replace(2..4, "b")));
        assert!(!overlaps(&Edit::insert(3, "a"), &Edit::replace(3..4, "b")));
        assert!(overlaps(&Edit::insert(2, "a"), &Edit::replace(1..4, "b")));
    }

    #[test]
    fn empty_slots_in_js_objects_and_calls_are_syntax_errors() {
        use crate::lang::Lang;
        let js = Some(FileKind::Code(Lang::JavaScript));
        assert_eq!(syntax_errors(js, "const o = new C({ a: 1, b: 2, });\nf(a, b);\nconst xs = [1, , 2];\n"), 0);
        // tree-sitter parses both without an ERROR node; JavaScript rejects them.
        assert_eq!(syntax_errors(js, "const o = new C({ a: 1,\n, b: 2 });\n"), 1);
        assert_eq!(syntax_errors(js, "f(a,, b);\n"), 1);
    }

    fn mode(p: &std::path::Path) -> u32 {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(p).unwrap().permissions().mode()
        }
        #[cfg(not(unix))]
        {
            u32::from(std::fs::metadata(p).unwrap().permissions().readonly())
        }
    }

    fn temps(dir: &std::path::Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| is_temp_name(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    }

    /// Issue 10: a crash between the temp write and the rename. At that point the original is
    /// untouched (same bytes, same permissions) and the temp holds the whole new text with the
    /// original's permissions; when the step fails, the original stays as it was and no temp is left.
    #[test]
    fn issue_10_a_crash_between_temp_write_and_rename_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.py");
        let old = "import os\r\nCONN = os.environ['X']\r\n";
        std::fs::write(&p, old).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let before = mode(&p);
        let new = "import os\r\nCONN = os.environ['Y']\r\n";
        let mut seen = None;
        let err = write_atomic_with(&p, new, Encoding::Utf8, |tmp| {
            // The state a crash here leaves behind.
            assert_eq!(std::fs::read(&p).unwrap(), old.as_bytes(), "the original is untouched before the rename");
            assert_eq!(mode(&p), before);
            assert_eq!(std::fs::read(tmp).unwrap(), new.as_bytes(), "the temp holds the whole new text");
            assert_eq!(mode(tmp) & 0o7777, before & 0o7777, "the temp already has the original's permissions");
            assert_eq!(tmp.parent(), Some(std::fs::canonicalize(dir.path()).unwrap().as_path()), "the temp is beside the file");
            assert!(crate::walk::kind_of(tmp).is_none(), "a temp is never a file the scan reads: {}", tmp.display());
            seen = Some(tmp.to_path_buf());
            Err(std::io::Error::other("killed"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "killed");
        assert!(seen.is_some(), "the step ran");
        assert_eq!(std::fs::read(&p).unwrap(), old.as_bytes());
        assert_eq!(mode(&p), before);
        assert!(temps(dir.path()).is_empty(), "a failed write removes its temp: {:?}", temps(dir.path()));
        // The next write goes through.
        write_atomic(&p, new, Encoding::Utf8).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), new.as_bytes());
        assert_eq!(mode(&p), before);
        assert!(temps(dir.path()).is_empty());
    }

    #[test]
    fn stale_temps_of_ours_are_removed_fresh_ones_and_other_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let age = |name: &str, secs: u64| {
            let f = std::fs::File::create(d.join(name)).unwrap();
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(secs)).unwrap();
        };
        age(".secretless-AbC123.tmp", 2 * 3600); // ours, left by a killed run
        age(".secretless-Fresh1.tmp", 5); // ours, maybe a run still writing
        age(".secretless-notes.txt", 2 * 3600); // not ours: wrong suffix
        age("other.tmp", 2 * 3600); // not ours
        std::fs::create_dir(d.join(".secretless-dir.tmp")).unwrap(); // a directory is never removed
        assert_eq!(remove_stale_temps(d), 1);
        let mut left: Vec<String> = std::fs::read_dir(d).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, [".secretless-Fresh1.tmp", ".secretless-dir.tmp", ".secretless-notes.txt", "other.tmp"]);
        assert!(is_temp_name(".secretless-x.tmp") && !is_temp_name(".secretless-.tmp") && !is_temp_name("secretless-x.tmp"));
    }
}
