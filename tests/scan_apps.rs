//! Issue 3: the sample apps under fixtures/apps are scanned and compared with their ground truth
//! (fixtures/apps/expected.tsv): recall, precision and service attribution, plus a snapshot per app.

mod common;

use common::{render, root, scan};
use secretless::Finding;

struct Row {
    path: String,
    line: usize,
    category: String,
    service: String,
}

fn expected() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join("fixtures/apps/expected.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row { path: c[0].into(), line: c[1].parse().unwrap(), category: c[2].into(), service: c[3].into() }
        })
        .collect()
}

/// Match findings to rows by (path, category, line ±1); each row at most once.
fn score(findings: &[Finding], rows: &[Row]) -> (Vec<usize>, Vec<usize>, usize) {
    let mut used = vec![false; rows.len()];
    let mut fps = Vec::new();
    let mut service_ok = 0;
    for (i, f) in findings.iter().enumerate() {
        let best = rows
            .iter()
            .enumerate()
            .filter(|(j, r)| !used[*j] && r.path == f.path && r.category == f.category.as_str() && r.line.abs_diff(f.start.line) <= 1)
            .min_by_key(|(_, r)| r.line.abs_diff(f.start.line));
        match best {
            Some((j, r)) => {
                used[j] = true;
                if r.service == f.service.as_str() {
                    service_ok += 1;
                }
            }
            None => fps.push(i),
        }
    }
    let misses = used.iter().enumerate().filter(|(_, u)| !**u).map(|(j, _)| j).collect();
    (misses, fps, service_ok)
}

#[test]
fn sample_apps_meet_the_recall_precision_and_service_bar() {
    let findings = scan(&root().join("fixtures/apps"));
    let rows = expected();
    let (misses, fps, service_ok) = score(&findings, &rows);
    let tp = rows.len() - misses.len();
    let recall = tp as f64 / rows.len() as f64;
    let precision = tp as f64 / (tp + fps.len()) as f64;
    let service = service_ok as f64 / tp as f64;
    let report = format!(
        "recall {recall:.3} precision {precision:.3} service {service:.3}\nmisses:\n{}\nfalse positives:\n{}",
        misses
            .iter()
            .map(|j| format!("  {}:{} {} {}", rows[*j].path, rows[*j].line, rows[*j].category, rows[*j].service))
            .collect::<Vec<_>>()
            .join("\n"),
        fps.iter()
            .map(|i| format!(
                "  {}:{} {} {}",
                findings[*i].path,
                findings[*i].start.line,
                findings[*i].category.as_str(),
                findings[*i].service
            ))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(recall >= 0.95, "{report}");
    assert!(precision >= 0.97, "{report}");
    assert!(service >= 0.93, "{report}");
}

#[test]
fn sample_app_snapshots() {
    let apps = root().join("fixtures/apps");
    let mut names: Vec<String> = std::fs::read_dir(&apps)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "expected the sample apps under fixtures/apps");
    for name in names {
        let findings = scan(&apps.join(&name));
        insta::assert_snapshot!(format!("app_{name}"), render(&findings));
    }
}

#[test]
fn no_secret_value_appears_in_any_snapshot_line() {
    // Every secret a finding knows of must be redacted in its snippet.
    for f in scan(&root().join("fixtures/apps")) {
        for s in &f.secrets {
            if s.chars().count() >= 8 {
                assert!(!f.redacted.contains(s.as_str()), "{}:{} leaks its secret in `redacted`", f.path, f.start.line);
            }
        }
    }
}

/// Roles across files: a client built in a shared library takes its roles from the calls in the
/// services that import its factory, re-export it or receive it by dependency injection, and from
/// no file that merely has a function or a parameter of the same name.
#[test]
fn roles_follow_a_client_into_the_files_that_use_it() {
    let findings = scan(&root().join("fixtures/apps/platform-monorepo"));
    let roles_at = |path: &str, line: usize| -> (Vec<String>, String) {
        let f = findings
            .iter()
            .find(|f| f.path == path && f.start.line == line && f.category == secretless::finding::Category::Auth)
            .unwrap_or_else(|| panic!("no auth finding at {path}:{line}"));
        (f.roles.clone(), f.roles_note.clone().unwrap_or_default())
    };
    // Python factory imported by `from common.storage import ...`: upload + list, not the
    // `delete_blob` of the same-named function another package provides.
    let (roles, note) = roles_at("libs/python/common/common/storage.py", 11);
    assert_eq!(roles, ["Storage Blob Data Contributor"], "{note}");
    assert!(note.contains("services/reports/reports/jobs.py") && !note.contains("exports.py"), "{note}");
    // `from common import storage` ... `storage.get_ledger_table()`: reads only.
    assert_eq!(roles_at("libs/python/common/common/storage.py", 15).0, ["Storage Table Data Reader"]);
    // TS: the package re-exports the factory, the service binds `export const search`, a route queries it.
    let (roles, note) = roles_at("libs/ts/clients/src/search.ts", 10);
    assert_eq!(roles, ["Search Index Data Reader"], "{note}");
    assert!(note.contains("services/bff/src/routes/find.ts"), "{note}");
    // A lazily built sub-client handed out by a getter (`labels = service.getContainerClient(..)`,
    // `return labels`): the route downloads.
    assert_eq!(roles_at("libs/ts/clients/src/labels.ts", 8).0, ["Storage Blob Data Reader"]);
    // C#: the project that references Shop.Data sends; legacy-tools (no reference) receives with a
    // client of its own and must not add Data Receiver.
    let (roles, note) = roles_at("libs/dotnet/Shop.Data/MessagingExtensions.cs", 11);
    assert_eq!(roles, ["Azure Service Bus Data Sender"], "{note}");
    assert!(!note.contains("legacy-tools"), "{note}");
}
