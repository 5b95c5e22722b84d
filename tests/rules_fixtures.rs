//! Per-rule fixtures (fixtures/rules/<ID>/): an insta snapshot per rule, and the findings compared
//! with each folder's expected.tsv (path, line, rule, category, service).

mod common;

use common::{render, root, scan};

struct Row {
    path: String,
    line: usize,
    rule: String,
    category: String,
    service: String,
}

fn rows(dir: &std::path::Path) -> Vec<Row> {
    let text = std::fs::read_to_string(dir.join("expected.tsv")).unwrap_or_default();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap_or_else(|| panic!("expected.tsv has no `{n}` column"));
    let (pi, li, ri, ci, si) = (col("path"), col("line"), col("rule"), col("category"), col("service"));
    let rows: Vec<Row> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Row {
                path: f[pi].to_owned(),
                line: f[li].parse().unwrap(),
                rule: f[ri].to_owned(),
                category: f[ci].to_owned(),
                service: f[si].to_owned(),
            }
        })
        .collect();
    // A row pasted twice would let a real miss pass as matched.
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        assert!(
            seen.insert((r.path.as_str(), r.line, r.rule.as_str(), r.category.as_str())),
            "{}: duplicate row {}:{} {} {}",
            dir.join("expected.tsv").display(),
            r.path,
            r.line,
            r.rule,
            r.category
        );
    }
    rows
}

#[test]
fn every_rule_has_a_fixture_and_a_snapshot() {
    for rule in secretless::rules::RULES {
        let dir = root().join("fixtures/rules").join(rule.id);
        assert!(dir.is_dir(), "{} has no fixture folder", rule.id);
        let findings = scan(&dir);
        assert!(findings.iter().any(|f| f.rule == rule.id), "{}: its fixture produces no {} finding", rule.id, rule.id);
        insta::assert_snapshot!(format!("rule_{}", rule.id), render(&findings));
    }
}

#[test]
fn rule_fixtures_meet_the_recall_and_precision_bar() {
    let (mut expected, mut matched, mut reported) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    let mut wrong_service: Vec<String> = Vec::new();
    for rule in secretless::rules::RULES {
        let dir = root().join("fixtures/rules").join(rule.id);
        let want = rows(&dir);
        let got = scan(&dir);
        let mut used = vec![false; want.len()];
        for f in &got {
            let hit = want
                .iter()
                .enumerate()
                .find(|(j, r)| !used[*j] && r.path == f.path && r.category == f.category.as_str() && r.line.abs_diff(f.start.line) <= 1);
            match hit {
                Some((j, r)) => {
                    used[j] = true;
                    matched += 1;
                    if r.service != f.service.to_string() {
                        wrong_service.push(format!("  {}/{}:{} expected {} got {}", rule.id, f.path, f.start.line, r.service, f.service));
                    }
                }
                None => report.push_str(&format!("  false positive {}/{}:{} {}\n", rule.id, f.path, f.start.line, f.rule)),
            }
        }
        for (j, r) in want.iter().enumerate().filter(|(j, _)| !used[*j]) {
            let _ = j;
            report.push_str(&format!("  missed {}/{}:{} {} {}\n", rule.id, r.path, r.line, r.rule, r.category));
        }
        expected += want.len();
        reported += got.len();
    }
    let recall = matched as f64 / expected as f64;
    let precision = matched as f64 / reported as f64;
    eprintln!("rule fixtures: recall {recall:.3} precision {precision:.3}\n{report}");
    assert!(recall >= 0.93 && precision >= 0.97, "recall {recall:.3} precision {precision:.3}\n{report}");
    // Every matched finding names the service its row expects.
    assert!(wrong_service.is_empty(), "findings with another service than expected.tsv says:\n{}", wrong_service.join("\n"));
}
