//! `secretless fix --interactive` (issue 7): review the planned fixes one at a time, like `git add -p`,
//! and apply the accepted ones through the one apply engine ([`super::apply::apply`]).
//!
//! Why it looks like this (design.md "Fixes", style.md item 20):
//! - **One fix at a time**, in path/line order: file and line, the finding it fixes, a coloured
//!   unified diff of everything the fix changes (code, import, manifest, setting), its applicability
//!   (and for `review` fixes what the user must supply) and the roles it implies.
//! - **The diff is the engine's.** A fix is shown as the difference between the engine's render of
//!   the fixes accepted so far and its render of those plus this fix, so what is shown is what will
//!   be written, re-based on the earlier accepted fixes in the same file. A fix the engine refuses
//!   (it overlaps an accepted fix, its file changed since the scan, it would not parse) is reported
//!   and skipped without asking.
//! - **Nothing is written until the end.** The accepted fixes are applied in one call of
//!   `apply(&accepted, true)` when the walk ends (all answered, `q`, or end of input), in plan order,
//!   so the stale-file refusal, overlap and syntax checks and the atomic write all hold, and
//!   answering `y` to everything writes exactly what `fix --yes --include-review` writes. A fix's
//!   edits share files with others (the `.env`, the manifest), so writing file by file would make the
//!   later fixes stale. Ctrl-C aborts: nothing is written and the command exits 130.
//! - **Hunks are files.** `s` splits a fix into one hunk per file it changes: the code file (the
//!   client rewrite together with its import: one without the other would not run), the manifest's
//!   identity package and the endpoint setting. A file whose change an accepted fix already made
//!   (the same import, package or setting line) is not asked about again.
//! - **Two ways to answer.** On a terminal, single keys through `console` (raw mode only while one
//!   key is read; `console` restores the terminal before it returns, so an exit, a Ctrl-C or a panic
//!   always finds it cooked). Otherwise one answer per line from a [`BufRead`], so scripts and tests
//!   can pipe `y\nn\nq\n`. End of input means `q`.

use super::{Applicability, FileEdits, Fix, Plan, apply, diff};
use crate::finding::{Category, Finding};
use console::{Key, Style, Term};
use std::collections::BTreeSet;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Where the answers come from.
pub enum Answers<'a> {
    /// Single key presses on a terminal.
    Keys(Term),
    /// One answer per line (a pipe, a file, a test). End of input is `q`.
    Lines(&'a mut dyn BufRead),
}

/// How the walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every fix was answered.
    Finished,
    /// `q` or end of input: the accepted fixes were applied, the rest are left for review.
    Quit,
    /// Ctrl-C: nothing was written.
    Interrupted,
}

/// What one fix became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Not reached (after `q`, end of input or Ctrl-C): left for review.
    Undecided,
    Applied,
    /// Some of its hunks were applied; the paths of the hunks that were not.
    Partly(Vec<String>),
    Skipped,
    /// The engine refused it, with the reason.
    Refused(String),
}

/// The outcome of a session, one decision per fix of the plan (same order as `plan.fixes`).
#[derive(Debug)]
pub struct Report {
    pub ending: Ending,
    pub decisions: Vec<Decision>,
    /// Files written.
    pub files_changed: Vec<String>,
}

impl Report {
    pub fn interrupted(&self) -> bool {
        self.ending == Ending::Interrupted
    }
    /// Every planned fix was applied in full.
    pub fn all_applied(&self) -> bool {
        self.decisions.iter().all(|d| *d == Decision::Applied)
    }
    fn count(&self, f: impl Fn(&Decision) -> bool) -> usize {
        self.decisions.iter().filter(|d| f(d)).count()
    }
}

const FIX_PROMPT: &str = "Apply this fix? [y,n,a,d,q,s,?]";
const HUNK_PROMPT: &str = "Apply this hunk? [y,n,a,d,q,?]";

const FIX_HELP: &str = "\
y - apply this fix
n - do not apply this fix
a - apply this fix and all later fixes in this file
d - do not apply this fix or any later fix in this file
q - quit: the fixes accepted so far are applied, the rest are left for review
s - split this fix into hunks (one per file it changes) and decide each
? - print help
";

const HUNK_HELP: &str = "\
y - apply this hunk
n - do not apply this hunk
a - apply this hunk and the remaining hunks of this fix
d - do not apply this hunk or the remaining hunks of this fix
q - quit: what was accepted so far (this fix's hunks included) is applied, the rest is left for review
? - print help
";

/// Run a session on the process's standard input and output: single keys when stdin is a terminal
/// (and stdout or stderr is one, for `console`), else line answers from stdin.
pub fn run_stdio(plan: &Plan, findings: &[Finding], roots: &[PathBuf], color: bool, out: &mut dyn Write) -> io::Result<Report> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let term = [Term::stdout(), Term::stderr()].into_iter().find(|t| t.is_term());
        if let Some(term) = term {
            return run(plan, findings, roots, color, &mut Answers::Keys(term), out);
        }
    }
    let mut lock = stdin.lock();
    run(plan, findings, roots, color, &mut Answers::Lines(&mut lock), out)
}

/// Walk the fixes of `plan`, ask about each, apply the accepted ones and print the closing summary.
/// `findings` are the scan's (for each fix's finding and the secrets to rotate); `roots` the scanned
/// paths (for the `secretless roles` command to run next).
pub fn run(
    plan: &Plan,
    findings: &[Finding],
    roots: &[PathBuf],
    color: bool,
    answers: &mut Answers<'_>,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let paint = Paint { color };
    let mut order: Vec<usize> = (0..plan.fixes.len()).collect();
    order.sort_by(|&a, &b| (&plan.fixes[a].path, plan.fixes[a].line).cmp(&(&plan.fixes[b].path, plan.fixes[b].line)));
    let mut s = State { accepted: Vec::new(), decisions: vec![Decision::Undecided; plan.fixes.len()] };
    let total = order.len();
    if total == 0 {
        writeln!(out, "No fixes to review.")?;
    }
    // After `a` or `d`: the file whose remaining fixes are applied (true) or skipped (false).
    let mut rest_of_file: Option<(&str, bool)> = None;
    let mut ending = Ending::Finished;
    'walk: for (k, &i) in order.iter().enumerate() {
        let fix = &plan.fixes[i];
        let head = format!("({}/{total}) {}:{}", k + 1, fix.path, fix.line);
        match rest_of_file {
            Some((path, accept)) if path == fix.path => {
                if !accept {
                    s.decisions[i] = Decision::Skipped;
                    writeln!(out, "{} {}: skipped", paint.bold(&head), fix.rule)?;
                } else {
                    match s.preview(i, None, fix) {
                        Ok(_) => {
                            s.accept(i, fix.clone(), Decision::Applied);
                            writeln!(out, "{} {}: accepted", paint.bold(&head), fix.rule)?;
                        }
                        Err(reason) => {
                            writeln!(out, "{} {}: cannot be applied: {reason}", paint.bold(&head), fix.rule)?;
                            s.decisions[i] = Decision::Refused(reason);
                        }
                    }
                }
                continue;
            }
            _ => rest_of_file = None,
        }
        writeln!(out)?;
        let changes = match s.preview(i, None, fix) {
            Ok(c) => c,
            Err(reason) => {
                show_fix(out, &paint, &head, fix, findings, &[])?;
                writeln!(out, "{}", paint.yellow(&format!("This fix cannot be applied: {reason}. Skipped.")))?;
                s.decisions[i] = Decision::Refused(reason);
                continue;
            }
        };
        show_fix(out, &paint, &head, fix, findings, &changes)?;
        loop {
            match ask(answers, out, &paint, FIX_PROMPT)? {
                Answer::Interrupt => {
                    ending = Ending::Interrupted;
                    break 'walk;
                }
                Answer::End | Answer::Key('q') => {
                    ending = Ending::Quit;
                    break 'walk;
                }
                Answer::Key('y') => s.accept(i, fix.clone(), Decision::Applied),
                Answer::Key('n') => s.decisions[i] = Decision::Skipped,
                Answer::Key('a') => {
                    s.accept(i, fix.clone(), Decision::Applied);
                    rest_of_file = Some((&fix.path, true));
                }
                Answer::Key('d') => {
                    s.decisions[i] = Decision::Skipped;
                    rest_of_file = Some((&fix.path, false));
                }
                Answer::Key('s') => {
                    let (taken, hunks) = s.hunks(i, fix);
                    if hunks.len() < 2 {
                        writeln!(out, "This fix changes one hunk only: it cannot be split.")?;
                        continue;
                    }
                    match split(&mut s, i, fix, taken, hunks, answers, out, &paint)? {
                        Flow::Next => {}
                        Flow::Quit => {
                            ending = Ending::Quit;
                            break 'walk;
                        }
                        Flow::Interrupt => {
                            ending = Ending::Interrupted;
                            break 'walk;
                        }
                    }
                }
                Answer::Key('?') => {
                    write!(out, "{}", paint.dim(FIX_HELP))?;
                    continue;
                }
                Answer::Empty => continue,
                Answer::Key(c) => {
                    writeln!(out, "Unknown answer `{c}`.")?;
                    write!(out, "{}", paint.dim(FIX_HELP))?;
                    continue;
                }
                Answer::Other(text) => {
                    writeln!(out, "Unknown answer `{text}`.")?;
                    write!(out, "{}", paint.dim(FIX_HELP))?;
                    continue;
                }
            }
            break;
        }
    }
    if ending == Ending::Interrupted {
        writeln!(out, "\nInterrupted: nothing was written.")?;
        out.flush()?;
        return Ok(Report { ending, decisions: s.decisions, files_changed: Vec::new() });
    }
    // Apply once, in plan order: the same order `fix --yes` uses.
    s.accepted.sort_by_key(|(i, _)| *i);
    let chosen: Vec<&Fix> = s.accepted.iter().map(|(_, f)| f).collect();
    let outcome = apply::apply(&chosen, true);
    let mut decisions = s.decisions;
    for (fp, reason) in &outcome.dropped {
        if let Some(i) = plan.fixes.iter().position(|f| &f.fingerprint == fp) {
            decisions[i] = Decision::Refused(reason.clone());
        }
    }
    for (path, e) in &outcome.write_errors {
        for (i, f) in s.accepted.iter() {
            if f.files.iter().any(|fe| &fe.path == path) {
                decisions[*i] = Decision::Refused(format!("{path} could not be written: {e}"));
            }
        }
    }
    let report = Report { ending, decisions, files_changed: outcome.files.iter().map(|r| r.path.clone()).collect() };
    summary(out, &paint, plan, &report, &outcome.write_errors, findings, roots)?;
    out.flush()?;
    Ok(report)
}

/// The walk's state: the fixes (or parts of fixes) accepted so far, by plan index.
struct State {
    accepted: Vec<(usize, Fix)>,
    decisions: Vec<Decision>,
}

/// One file's change, for display.
struct Change {
    path: String,
    old: String,
    new: String,
}

impl State {
    fn accept(&mut self, i: usize, fix: Fix, decision: Decision) {
        self.accepted.push((i, fix));
        self.decisions[i] = decision;
    }

    /// What `candidate` (fix `i`, or part of it) changes on top of the accepted fixes and of `before`
    /// (the part of fix `i` already accepted while splitting), as the engine renders it; `Err` with
    /// the engine's reason when it would refuse it.
    fn preview(&self, i: usize, before: Option<&Fix>, candidate: &Fix) -> Result<Vec<Change>, String> {
        let touched: BTreeSet<&Path> = candidate.files.iter().map(|fe| fe.abs.as_path()).collect();
        // Only fixes sharing a file with the candidate can change how it renders.
        let mut related: Vec<(usize, &Fix)> = self
            .accepted
            .iter()
            .filter(|(_, f)| f.files.iter().any(|fe| touched.contains(fe.abs.as_path())))
            .map(|(j, f)| (*j, f))
            .collect();
        let mut with = related.clone();
        if let Some(b) = before {
            related.push((i, b));
        }
        with.push((i, candidate));
        related.sort_by_key(|(j, _)| *j);
        with.sort_by_key(|(j, _)| *j);
        let before = apply::apply(&related.iter().map(|(_, f)| *f).collect::<Vec<_>>(), false);
        let after = apply::apply(&with.iter().map(|(_, f)| *f).collect::<Vec<_>>(), false);
        if let Some((_, reason)) = after.dropped.iter().find(|(fp, _)| *fp == candidate.fingerprint) {
            return Err(reason.clone());
        }
        let mut changes = Vec::new();
        let mut seen = BTreeSet::new();
        // In the fix's own order of files: the code file first.
        for abs in candidate.files.iter().map(|fe| fe.abs.as_path()).filter(|abs| seen.insert(*abs)) {
            let Some(a) = after.files.iter().find(|r| r.abs == abs) else { continue };
            let old = before.files.iter().find(|r| r.abs == abs).map_or(&a.old, |r| &r.new);
            if *old != a.new {
                changes.push(Change { path: a.path.clone(), old: old.clone(), new: a.new.clone() });
            }
        }
        Ok(changes)
    }

    /// Split fix `i` into hunks (one per file): those an accepted fix already made, taken without
    /// asking, and those that change something, in the fix's order (code file first).
    fn hunks(&self, i: usize, fix: &Fix) -> (Vec<FileEdits>, Vec<FileEdits>) {
        let (mut taken, mut ask) = (Vec::new(), Vec::new());
        for fe in &fix.files {
            let one = partial(fix, vec![fe.clone()]);
            match self.preview(i, None, &one) {
                Ok(c) if c.is_empty() => taken.push(fe.clone()),
                _ => ask.push(fe.clone()),
            }
        }
        (taken, ask)
    }
}

fn partial(fix: &Fix, files: Vec<FileEdits>) -> Fix {
    Fix { files, ..fix.clone() }
}

enum Flow {
    Next,
    Quit,
    Interrupt,
}

/// Ask about each hunk of fix `i`; record the part accepted (the whole fix when every hunk is).
#[allow(clippy::too_many_arguments)]
fn split(
    s: &mut State,
    i: usize,
    fix: &Fix,
    mut taken: Vec<FileEdits>,
    hunks: Vec<FileEdits>,
    answers: &mut Answers<'_>,
    out: &mut dyn Write,
    paint: &Paint,
) -> io::Result<Flow> {
    let total = hunks.len();
    let mut left: Vec<String> = Vec::new();
    let mut rest: Option<bool> = None;
    let mut flow = Flow::Next;
    'hunks: for (h, fe) in hunks.iter().enumerate() {
        if let Some(accept) = rest {
            if accept {
                taken.push(fe.clone());
            } else {
                left.push(fe.path.clone());
            }
            continue;
        }
        let before = (!taken.is_empty()).then(|| partial(fix, taken.clone()));
        let mut with = taken.clone();
        with.push(fe.clone());
        let changes = match s.preview(i, before.as_ref(), &partial(fix, with)) {
            Ok(c) => c,
            Err(reason) => {
                writeln!(out, "Hunk {}/{total} ({}) cannot be applied: {reason}. Skipped.", h + 1, fe.path)?;
                left.push(fe.path.clone());
                continue;
            }
        };
        writeln!(out, "{}", paint.bold(&format!("Hunk {}/{total}: {}", h + 1, fe.path)))?;
        for c in &changes {
            write!(out, "{}", diff::unified(&c.path, &c.old, &c.new, paint.color, &fix.secrets))?;
        }
        loop {
            match ask(answers, out, paint, HUNK_PROMPT)? {
                Answer::Interrupt => {
                    flow = Flow::Interrupt;
                    break 'hunks;
                }
                Answer::End | Answer::Key('q') => {
                    left.extend(hunks[h..].iter().map(|fe| fe.path.clone()));
                    flow = Flow::Quit;
                    break 'hunks;
                }
                Answer::Key('y') => taken.push(fe.clone()),
                Answer::Key('n') => left.push(fe.path.clone()),
                Answer::Key('a') => {
                    taken.push(fe.clone());
                    rest = Some(true);
                }
                Answer::Key('d') => {
                    left.push(fe.path.clone());
                    rest = Some(false);
                }
                Answer::Key('s') => {
                    writeln!(out, "This fix is already split: a hunk is one file's change.")?;
                    continue;
                }
                Answer::Key('?') => {
                    write!(out, "{}", paint.dim(HUNK_HELP))?;
                    continue;
                }
                Answer::Empty => continue,
                Answer::Key(c) => {
                    writeln!(out, "Unknown answer `{c}`.")?;
                    write!(out, "{}", paint.dim(HUNK_HELP))?;
                    continue;
                }
                Answer::Other(text) => {
                    writeln!(out, "Unknown answer `{text}`.")?;
                    write!(out, "{}", paint.dim(HUNK_HELP))?;
                    continue;
                }
            }
            break;
        }
    }
    let took_some = taken.iter().any(|t| hunks.iter().any(|h| h.abs == t.abs));
    match flow {
        Flow::Interrupt => return Ok(flow),
        // Quit before accepting any hunk: the fix is left for review, not skipped.
        Flow::Quit if !took_some => return Ok(flow),
        _ => {}
    }
    if left.is_empty() {
        s.accept(i, fix.clone(), Decision::Applied);
    } else if took_some {
        // Keep the fix's own order of files (code file first).
        let files = fix.files.iter().filter(|fe| taken.iter().any(|t| t.abs == fe.abs)).cloned().collect();
        s.accept(i, partial(fix, files), Decision::Partly(left));
    } else {
        s.decisions[i] = Decision::Skipped;
    }
    Ok(flow)
}

fn show_fix(out: &mut dyn Write, paint: &Paint, head: &str, fix: &Fix, findings: &[Finding], changes: &[Change]) -> io::Result<()> {
    let finding = findings.iter().find(|f| f.fingerprint == fix.fingerprint);
    write!(out, "{} {} {}", paint.bold(head), fix.rule, fix.service)?;
    match finding {
        Some(f) => writeln!(out, " (source: {})\n  {}", f.source, f.message)?,
        None => writeln!(out)?,
    }
    let tag = match fix.applicability {
        Applicability::Safe => paint.green("safe"),
        Applicability::Review => paint.yellow("review"),
    };
    writeln!(out, "  fix: {} [{tag}]", fix.title)?;
    if let Some(n) = &fix.needs {
        writeln!(out, "  needs: {n}")?;
    }
    if fix.roles.is_empty() {
        let note = finding.and_then(|f| f.roles_note.as_deref()).map(|n| format!(" ({n})")).unwrap_or_default();
        writeln!(out, "  roles: none inferred{note}")?;
    } else {
        writeln!(out, "  roles: {}", fix.roles.join(", "))?;
    }
    for c in changes {
        write!(out, "{}", diff::unified(&c.path, &c.old, &c.new, paint.color, &fix.secrets))?;
    }
    Ok(())
}

fn summary(
    out: &mut dyn Write,
    paint: &Paint,
    plan: &Plan,
    report: &Report,
    write_errors: &[(String, String)],
    findings: &[Finding],
    roots: &[PathBuf],
) -> io::Result<()> {
    let applied = report.count(|d| matches!(d, Decision::Applied | Decision::Partly(_)));
    let partly = report.count(|d| matches!(d, Decision::Partly(_)));
    let skipped = report.count(|d| *d == Decision::Skipped);
    let left = report.count(|d| *d == Decision::Undecided);
    let refused = report.count(|d| matches!(d, Decision::Refused(_)));
    let in_part = if partly > 0 { format!(" ({partly} in part)") } else { String::new() };
    let refused = if refused > 0 { format!(", {refused} could not be applied") } else { String::new() };
    writeln!(
        out,
        "\n{}",
        paint.bold(&format!(
            "{applied} applied{in_part}, {skipped} skipped, {left} left for review{refused}; {} files changed.",
            report.files_changed.len()
        ))
    )?;
    let listed = |d: &dyn Fn(&Decision) -> Option<String>| -> Vec<String> {
        plan.fixes
            .iter()
            .zip(&report.decisions)
            .filter_map(|(f, dec)| d(dec).map(|why| format!("  {}:{} {} {}", f.path, f.line, f.rule, why)))
            .collect()
    };
    let sections: [(&str, Vec<String>); 4] = [
        (
            "Left for review (not answered; run `secretless fix --interactive` again):",
            listed(&|d| (*d == Decision::Undecided).then(String::new)),
        ),
        (
            "Applied in part:",
            listed(&|d| if let Decision::Partly(l) = d { Some(format!("(not applied: {})", l.join(", "))) } else { None }),
        ),
        ("Could not be applied:", listed(&|d| if let Decision::Refused(r) = d { Some(r.clone()) } else { None })),
        (
            "Applied review fixes: supply these values before you deploy:",
            plan.fixes
                .iter()
                .zip(&report.decisions)
                .filter(|(f, d)| f.applicability == Applicability::Review && matches!(d, Decision::Applied | Decision::Partly(_)))
                .map(|(f, _)| format!("  {}:{} {}", f.path, f.line, f.needs.as_deref().unwrap_or("an endpoint setting")))
                .collect(),
        ),
    ];
    for (title, lines) in sections {
        if !lines.is_empty() {
            writeln!(out, "{title}")?;
            for l in lines {
                writeln!(out, "{}", l.trim_end())?;
            }
        }
    }
    for (path, e) in write_errors {
        writeln!(out, "not written {path}: {e}")?;
    }
    for u in &plan.unfixed {
        writeln!(out, "  no fix {}:{}: {}", u.path, u.line, u.reason)?;
    }
    let rotate: Vec<&Finding> = findings.iter().filter(|f| f.category == Category::Secret && f.suppressed.is_none()).collect();
    if !rotate.is_empty() {
        writeln!(out, "Secrets to rotate ({}): they stay in git history even after the code no longer uses them.", rotate.len())?;
        for f in rotate {
            writeln!(out, "  {}:{} {} {}", f.path, f.start.line, f.rule, f.service)?;
        }
    }
    if !plan.fixes.is_empty() {
        writeln!(out, "Next: `{}` prints the role assignments the migrated code needs.", roles_command(roots))?;
    }
    Ok(())
}

/// `secretless roles` with the scanned paths (none when only `.` was scanned), quoted for a POSIX shell.
fn roles_command(roots: &[PathBuf]) -> String {
    let mut cmd = String::from("secretless roles");
    if roots.len() == 1 && roots[0] == Path::new(".") {
        return cmd;
    }
    for r in roots {
        let p = r.to_string_lossy();
        let plain = !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
        cmd.push(' ');
        if plain {
            cmd.push_str(&p);
        } else {
            cmd.push('\'');
            cmd.push_str(&p.replace('\'', r"'\''"));
            cmd.push('\'');
        }
    }
    cmd
}

enum Answer {
    Key(char),
    /// Anything that is not one letter (a word, an arrow key): unknown, ask again.
    Other(String),
    /// An empty line or a bare Enter: ask again.
    Empty,
    /// End of input: same as `q`.
    End,
    /// Ctrl-C on the terminal.
    Interrupt,
}

/// Print `prompt` and read one answer (echoed after the prompt, so the transcript reads as a dialogue).
fn ask(answers: &mut Answers<'_>, out: &mut dyn Write, paint: &Paint, prompt: &str) -> io::Result<Answer> {
    write!(out, "{} ", paint.blue(prompt))?;
    out.flush()?;
    let answer = match answers {
        // `read_key_raw` puts the terminal in raw mode for this one key and restores it before it
        // returns; it reports Ctrl-C as a key instead of raising SIGINT, so we can exit cleanly.
        Answers::Keys(term) => match term.read_key_raw() {
            Ok(Key::CtrlC) => Answer::Interrupt,
            // Ctrl-D: end of input, as on a line.
            Ok(Key::Char('\u{4}')) => Answer::End,
            Ok(Key::Char(c)) if !c.is_control() => Answer::Key(c.to_ascii_lowercase()),
            Ok(Key::Enter) => Answer::Empty,
            Ok(other) => Answer::Other(format!("{other:?}")),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Answer::End,
            Err(e) => return Err(e),
        },
        Answers::Lines(r) => {
            let mut buf = Vec::new();
            if r.read_until(b'\n', &mut buf)? == 0 { Answer::End } else { parse_line(&String::from_utf8_lossy(&buf)) }
        }
    };
    match &answer {
        Answer::Key(c) => writeln!(out, "{c}")?,
        Answer::Other(text) => writeln!(out, "{text}")?,
        Answer::Interrupt => writeln!(out, "^C")?,
        Answer::Empty | Answer::End => writeln!(out)?,
    }
    Ok(answer)
}

/// One answer per line: a single letter (any case), or `yes`/`no`/`quit`/`help`.
fn parse_line(line: &str) -> Answer {
    let t = line.trim().to_ascii_lowercase();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Answer::Empty,
        (Some(c), None) => Answer::Key(c),
        _ => match t.as_str() {
            "yes" => Answer::Key('y'),
            "no" => Answer::Key('n'),
            "quit" => Answer::Key('q'),
            "help" => Answer::Key('?'),
            _ => Answer::Other(t),
        },
    }
}

/// Colours through `console` (no hand-written escape codes), only when colour is on.
struct Paint {
    color: bool,
}

impl Paint {
    fn apply(&self, style: Style, s: &str) -> String {
        if self.color { style.force_styling(true).apply_to(s).to_string() } else { s.to_owned() }
    }
    fn bold(&self, s: &str) -> String {
        self.apply(Style::new().bold(), s)
    }
    fn dim(&self, s: &str) -> String {
        self.apply(Style::new().dim(), s)
    }
    fn green(&self, s: &str) -> String {
        self.apply(Style::new().green(), s)
    }
    fn yellow(&self, s: &str) -> String {
        self.apply(Style::new().yellow(), s)
    }
    fn blue(&self, s: &str) -> String {
        self.apply(Style::new().blue().bold(), s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_answers() {
        assert!(matches!(parse_line("y\n"), Answer::Key('y')));
        assert!(matches!(parse_line("  N \r\n"), Answer::Key('n')));
        assert!(matches!(parse_line("yes\n"), Answer::Key('y')));
        assert!(matches!(parse_line("\n"), Answer::Empty));
        assert!(matches!(parse_line("maybe\n"), Answer::Other(t) if t == "maybe"));
    }

    #[test]
    fn roles_command_quotes_paths() {
        assert_eq!(roles_command(&[PathBuf::from(".")]), "secretless roles");
        assert_eq!(roles_command(&[PathBuf::from("apps/api")]), "secretless roles apps/api");
        assert_eq!(roles_command(&[PathBuf::from("my app"), PathBuf::from("it's")]), r"secretless roles 'my app' 'it'\''s'");
    }
}
