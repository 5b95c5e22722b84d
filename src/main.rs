//! The `secretless` command line: parse arguments, call the library, map the outcome to an exit code
//! (0 nothing at or above `--fail-on`, 1 findings, 2 usage or I/O error).

use clap::{Args, Parser, Subcommand};
use secretless::finding::{Category, Finding};
use secretless::report::{self, Format};
use secretless::{rules, scan::ScanOptions, walk::WalkOptions};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "secretless",
    version,
    about = "Find hard-coded Azure secrets and secret-based authentication, and move the code to managed identities.",
    long_about = "secretless scans C#, Python and JavaScript/TypeScript code and the config files beside it \
(appsettings*.json, local.settings.json, .env, web.config/app.config) for hard-coded Azure secrets \
and for every place where code authenticates with a secret (connection strings, account keys, SAS, \
client secrets, API keys, database passwords).\n\nExit codes: 0 nothing found at or above --fail-on, \
1 findings, 2 usage or I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find hard-coded secrets and secret-based authentication.
    Scan(ScanArgs),
    /// Write the current findings' fingerprints to a file, for `scan --baseline`.
    Baseline(BaselineArgs),
    /// Propose DefaultAzureCredential rewrites: prints the diff and changes nothing unless --yes or --interactive.
    Fix(FixArgs),
    /// The least-privilege role assignments the migrated code needs, as az CLI, Bicep, Terraform or JSON.
    Roles(RolesArgs),
    /// List the rules, or explain one (what it finds, why it matters, how the fix looks).
    Rules(RulesArgs),
    /// Print a file's tree-sitter syntax tree (for writing queries).
    #[command(hide = true)]
    DebugTree { file: PathBuf },
}

#[derive(Args)]
struct WalkArgs {
    /// Files or directories to scan [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also scan hidden files and directories (always scanned: `.env*` files and the folders secrets leak in, `.streamlit/`, `.dlt/`,
    /// azd's `.azure/`, CI's `.github/`, `.gitlab/`, `.circleci/`, `.vscode/`, `.devcontainer/`; `.git` never).
    #[arg(long)]
    hidden: bool,
    /// Do not honour .gitignore, .ignore and git exclude files. (Config files they list, such as
    /// .env.local and local.settings.json, are scanned anyway: that is where local secrets live.)
    #[arg(long)]
    no_ignore: bool,
    /// Follow symbolic links (off by default: a link is reported and skipped).
    #[arg(long, short = 'L')]
    follow: bool,
    /// Skip paths matching this glob (gitignore syntax, repeatable), e.g. --exclude 'tests/**'.
    #[arg(long, value_name = "GLOB", value_parser = parse_glob)]
    exclude: Vec<String>,
    /// Skip files larger than this many bytes (suffixes K, M, G accepted) [default: 2M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_filesize: Option<u64>,
    /// Worker threads [default: number of CPUs].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

#[derive(Args)]
struct ScanArgs {
    #[command(flatten)]
    walk: WalkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit 1 only for findings of this category or worse: `secret` (hard-coded secrets only), `auth` (any finding), `none` (always 0).
    /// [default: auth, or `fail-on` in secretless.toml]
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report only findings whose fingerprint is not in this baseline (written by `secretless baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Settings file [default: secretless.toml at the scanned root, if present].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print secrets in full. Off by default: every output shows a prefix and the length only.
    #[arg(long)]
    show_secrets: bool,
    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print no per-file diagnostics on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print scan counters on standard error: files walked, passing the prefilter, parsed, generated
    /// or vendored (pattern pass only), bytes walked and parsed, findings.
    #[arg(long)]
    stats: bool,
}

#[derive(Args)]
struct FixArgs {
    #[command(flatten)]
    walk: WalkArgs,
    /// Apply the safe fixes (endpoint known, behaviour preserved). Without it, fix only prints the diff.
    #[arg(long, short = 'y', conflicts_with = "interactive")]
    yes: bool,
    /// With --yes: also apply fixes that need a value you must supply (listed in the summary).
    #[arg(long)]
    include_review: bool,
    /// Review and apply each fix hunk by hunk, like `git add -p`.
    #[arg(long, short = 'i')]
    interactive: bool,
    /// Only fixes for this rule, by id or name (repeatable).
    #[arg(long, value_name = "ID")]
    rule: Vec<String>,
    /// Only fixes for this service, e.g. storage-blob (repeatable).
    #[arg(long, value_name = "SERVICE")]
    service: Vec<String>,
    /// When to colour the diff.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print the planned fixes as JSON instead of a diff.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct BaselineArgs {
    #[command(flatten)]
    walk: WalkArgs,
    /// Where to write the baseline.
    #[arg(long, short = 'o', value_name = "FILE", default_value = "secretless-baseline.json")]
    output: PathBuf,
    /// Settings file [default: secretless.toml at the scanned root, if present].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Args)]
struct RolesArgs {
    #[command(flatten)]
    walk: WalkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = secretless::roles::RolesFormat::Az)]
    format: secretless::roles::RolesFormat,
    /// The identity to grant: `system` (the app's system-assigned identity) or `user:NAME` (a user-assigned
    /// identity; DefaultAzureCredential then needs AZURE_CLIENT_ID).
    #[arg(long, default_value = "system", value_parser = |s: &str| s.parse::<secretless::roles::Identity>())]
    identity: secretless::roles::Identity,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct RulesArgs {
    /// A rule id (SL101) or name (storage-account-key) to explain.
    id: Option<String>,
    /// Print the prefilter's trigger words, one per line, lowercased (matched ASCII-case-insensitively):
    /// of one file kind (`code`, `config`, `text`) or of all of them. The benchmark's rg baseline uses them.
    #[arg(long, value_name = "KIND", num_args = 0..=1, default_missing_value = "all", require_equals = true)]
    triggers: Option<TriggerKind>,
}

/// Which file kind's trigger words `rules --triggers` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TriggerKind {
    All,
    Code,
    Config,
    Text,
}

use secretless::settings::{FailOn, Settings};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&s[..s.len() - 1], 1024),
        Some('M') => (&s[..s.len() - 1], 1024 * 1024),
        Some('G') => (&s[..s.len() - 1], 1024 * 1024 * 1024),
        _ => (s, 1),
    };
    num.parse::<u64>().map(|n| n * mult).map_err(|_| format!("`{s}` is not a size (try 2M, 512K or 1048576)"))
}

fn parse_glob(s: &str) -> Result<String, String> {
    secretless::walk::check_glob(s).map(|()| s.to_owned())
}

/// The three outcomes CI cares about.
enum Exit {
    Clean,
    Findings,
    Error,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(match e {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Error => 2,
        })
    }
}

/// mimalloc for Rust and for tree-sitter's C core: parsing allocates and frees a node per token, and
/// glibc's malloc was a tenth of the scan's CPU time on the benchmark corpus.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn use_mimalloc_in_tree_sitter() {
    use libmimalloc_sys as mi;
    // SAFETY: called first thing in main, before any tree-sitter object exists; the four functions
    // are one allocator family and return malloc-aligned memory.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc: mi::mi_malloc,
            calloc: mi::mi_calloc,
            realloc: mi::mi_realloc,
            free: mi::mi_free,
        }))
    };
}

fn main() -> ExitCode {
    use_mimalloc_in_tree_sitter();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { Exit::Error.into() } else { Exit::Clean.into() };
        }
    };
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            if err.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)) {
                return Exit::Clean.into();
            }
            let message = err.to_string();
            eprintln!("secretless: {message}");
            // A cause the message already quotes (`cannot read X: <io error>`) is not repeated.
            for cause in err.chain().skip(1).map(|c| c.to_string()).filter(|c| !message.contains(c.as_str())) {
                eprintln!("  cause: {cause}");
            }
            Exit::Error.into()
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Scan(args) => scan(args),
        Command::Rules(args) => rules_cmd(args),
        Command::Fix(args) => fix_cmd(args),
        Command::Baseline(args) => baseline_cmd(args),
        Command::Roles(args) => roles_cmd(args),
        Command::DebugTree { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let lang = secretless::lang::Lang::from_extension(ext)
                .ok_or_else(|| anyhow::anyhow!("{}: not a code file (give a .cs, .py, .js or .ts file)", file.display()))?;
            let tree = secretless::scan::parse(lang, &text, std::time::Duration::from_secs(5))
                .ok_or_else(|| anyhow::anyhow!("{}: parsing took over 5 s (try a smaller file)", file.display()))?;
            println!("{}", tree.root_node().to_sexp());
            Ok(Exit::Clean)
        }
    }
}

fn walk_options(w: &WalkArgs) -> WalkOptions {
    WalkOptions {
        hidden: w.hidden,
        no_ignore: w.no_ignore,
        follow: w.follow,
        excludes: w.exclude.clone(),
        max_filesize: w.max_filesize.unwrap_or(2 * 1024 * 1024),
        threads: w.threads.unwrap_or(0),
    }
}

fn paths(w: &WalkArgs) -> Vec<PathBuf> {
    if w.paths.is_empty() { vec![PathBuf::from(".")] } else { w.paths.clone() }
}

fn use_color(c: Color, to_terminal: bool) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none() && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true),
    }
}

/// Settings from `--config`, else `secretless.toml` at the (single) scanned root.
fn load_settings(config: Option<&PathBuf>, roots: &[PathBuf]) -> anyhow::Result<Settings> {
    let path = match config {
        Some(p) => Some(p.clone()),
        None => match roots {
            [one] => secretless::settings::find(if one.is_file() { one.parent().unwrap_or(one) } else { one }),
            _ => None,
        },
    };
    Ok(match path {
        Some(p) => secretless::settings::load(&p)?,
        None => Settings::default(),
    })
}

/// Scan with settings, suppressions and (optionally) a baseline applied; prints diagnostics.
fn scan_with_settings(
    walk: &WalkArgs,
    settings: &Settings,
    show_secrets: bool,
    quiet: bool,
) -> anyhow::Result<(secretless::ScanResult, Vec<secretless::suppress::Problem>, PathBuf)> {
    let roots = paths(walk);
    let mut w = walk_options(walk);
    w.excludes.extend(settings.exclude.iter().cloned());
    let opts = ScanOptions { walk: w, show_secrets, ..ScanOptions::default() };
    let mut result = secretless::scan(&roots, &opts)?;
    result.findings = settings.apply(std::mem::take(&mut result.findings));
    let base = base_of(&roots);
    let problems = secretless::suppress::apply_all(&mut result.findings, &base);
    if !quiet {
        let mut err = std::io::stderr().lock();
        for d in &result.diagnostics {
            writeln!(err, "secretless: {}: {}", d.path, d.message)?;
        }
        for p in &problems {
            writeln!(err, "secretless: {p}")?;
        }
    }
    Ok((result, problems, base))
}

fn scan(args: ScanArgs) -> anyhow::Result<Exit> {
    let roots = paths(&args.walk);
    let settings = load_settings(args.config.as_ref(), &roots)?;
    let (mut result, problems, base) = scan_with_settings(&args.walk, &settings, args.show_secrets, args.quiet)?;
    if let Some(b) = &args.baseline {
        let baseline = secretless::baseline::read(b)?;
        result.findings = secretless::baseline::filter(std::mem::take(&mut result.findings), &baseline);
    }
    let fail_on = args.fail_on.or(settings.fail_on).unwrap_or(FailOn::Auth);
    if args.stats {
        let s = &result.stats;
        eprintln!(
            "stats: files_walked={} files_prefiltered={} files_parsed={} files_generated={} bytes_walked={} bytes_parsed={} findings={}",
            s.files_walked, s.files_prefiltered, s.files_parsed, s.files_generated, s.bytes_walked, s.bytes_parsed, s.findings
        );
    }
    write_report(&args, &result.findings, &settings, &base)?;
    let failing = result.findings.iter().any(|f| fail_on.fails(f)) || !problems.is_empty() && fail_on != FailOn::None;
    Ok(if failing { Exit::Findings } else { Exit::Clean })
}

fn baseline_cmd(args: BaselineArgs) -> anyhow::Result<Exit> {
    let roots = paths(&args.walk);
    let settings = load_settings(args.config.as_ref(), &roots)?;
    let (result, _, _) = scan_with_settings(&args.walk, &settings, false, false)?;
    let file = std::fs::File::create(&args.output).map_err(|e| cannot_write(&args.output, e))?;
    let mut w = std::io::BufWriter::new(file);
    secretless::baseline::write(&result.findings, &mut w)?;
    w.flush()?;
    eprintln!(
        "secretless: wrote {} fingerprints to {}",
        result.findings.iter().filter(|f| f.suppressed.is_none()).count(),
        args.output.display()
    );
    Ok(Exit::Clean)
}

fn write_report(args: &ScanArgs, findings: &[Finding], settings: &Settings, base: &std::path::Path) -> anyhow::Result<()> {
    let (mut out, to_terminal): (Box<dyn Write>, bool) = match &args.output {
        Some(p) => (Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| cannot_write(p, e))?)), false),
        None => (Box::new(std::io::BufWriter::new(std::io::stdout().lock())), std::io::stdout().is_terminal()),
    };
    match args.format {
        Format::Text => report::text::write(findings, &mut out, use_color(args.color, to_terminal))?,
        Format::Json => report::json::write(findings, &mut out)?,
        Format::Sarif => {
            let root = if base.as_os_str().is_empty() { std::path::Path::new(".") } else { base };
            let opts = report::sarif::Options { settings: Some(settings), fixes: None };
            report::sarif::write_with(findings, root, &opts, &mut out)?
        }
        Format::Github => report::github::write_with(findings, settings, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// The error for an `--output` file that cannot be created.
fn cannot_write(path: &std::path::Path, e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("cannot write {}: {e} (check that its folder exists and is writable, or choose another --output)", path.display())
}

fn rules_cmd(args: RulesArgs) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    if let Some(kind) = args.triggers {
        use secretless::prefilter::{TriggerSet, all_triggers, triggers};
        let words = match kind {
            TriggerKind::All => all_triggers(),
            TriggerKind::Code => triggers(TriggerSet::Code),
            TriggerKind::Config => triggers(TriggerSet::Config),
            TriggerKind::Text => triggers(TriggerSet::Text),
        };
        for t in words {
            writeln!(out, "{t}")?;
        }
        return Ok(Exit::Clean);
    }
    match args.id {
        None => {
            for r in rules::RULES {
                writeln!(out, "{}  {:<7} {:<42} {}", r.id, r.category.as_str(), r.name, r.summary)?;
            }
        }
        Some(id) => {
            let Some(r) = rules::find(&id) else {
                anyhow::bail!("no rule `{id}`: run `secretless rules` for the list");
            };
            writeln!(out, "{} {} ({})\n\n{}\n", r.id, r.name, r.category.as_str(), r.summary)?;
            writeln!(out, "What it finds\n  {}\n\nWhy it matters\n  {}\n", r.what, r.why)?;
            writeln!(out, "Example\n  {}\n\nUse instead\n  {}\n", r.example, r.use_instead)?;
            if let Some(t) = r.fix_title {
                writeln!(out, "Fix\n  {t}")?;
            }
            writeln!(out, "Fix safety\n  {}", r.fix_safety)?;
        }
    }
    Ok(Exit::Clean)
}

/// The directory finding paths are relative to: the scanned directory, a scanned file's folder, or
/// nothing when several paths were scanned (their findings carry the path as given).
fn base_of(paths: &[PathBuf]) -> PathBuf {
    match paths {
        [one] if one.is_file() => one.parent().map(PathBuf::from).unwrap_or_default(),
        [one] => one.clone(),
        _ => PathBuf::new(),
    }
}

fn fix_cmd(args: FixArgs) -> anyhow::Result<Exit> {
    use secretless::fix::{self, Applicability};
    // Filters are checked before the scan: a typo is a usage error, not an empty plan.
    if let Some(bad) = args.service.iter().find(|s| secretless::finding::Service::parse(s).is_none()) {
        anyhow::bail!(
            "unknown service `{bad}` for --service: one of {}",
            secretless::finding::Service::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    let mut rule_ids = Vec::new();
    for r in &args.rule {
        match rules::find(r) {
            Some(rule) => rule_ids.push(rule.id),
            None => anyhow::bail!("unknown rule `{r}` for --rule: run `secretless rules` for the list"),
        }
    }
    let opts = ScanOptions { walk: walk_options(&args.walk), ..ScanOptions::default() };
    let roots = paths(&args.walk);
    let result = secretless::scan(&roots, &opts)?;
    for d in &result.diagnostics {
        eprintln!("secretless: {}: {}", d.path, d.message);
    }
    let base = base_of(&roots);
    let mut plan = fix::plan(&base, &result.findings);
    plan.fixes.retain(|f| {
        (rule_ids.is_empty() || rule_ids.contains(&f.rule.as_str()))
            && (args.service.is_empty() || args.service.iter().any(|s| s == f.service.as_str()))
    });
    let color = use_color(args.color, std::io::stdout().is_terminal());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &plan)?;
        writeln!(out)?;
        return Ok(if plan.fixes.is_empty() { Exit::Clean } else { Exit::Findings });
    }
    let chosen: Vec<&fix::Fix> = if args.interactive {
        let report = fix::interactive::run_stdio(&plan, &result.findings, &roots, color, &mut out)?;
        out.flush()?;
        if report.interrupted() {
            // Ctrl-C: nothing was written; the conventional status for an interrupt.
            std::process::exit(130);
        }
        return Ok(if report.all_applied() && plan.unfixed.is_empty() { Exit::Clean } else { Exit::Findings });
    } else if args.yes {
        plan.fixes.iter().filter(|f| f.applicability == Applicability::Safe || args.include_review).collect()
    } else {
        plan.fixes.iter().collect()
    };
    for f in &plan.fixes {
        let tag = match f.applicability {
            Applicability::Safe => "safe",
            Applicability::Review => "review",
        };
        writeln!(out, "{}:{}: {} {} [{tag}]", f.path, f.line, f.rule, f.title)?;
        if let Some(n) = &f.needs {
            writeln!(out, "    needs: {n}")?;
        }
        if !f.roles.is_empty() {
            writeln!(out, "    roles: {}", f.roles.join(", "))?;
        }
    }
    let outcome = fix::apply::apply(&chosen, args.yes);
    for r in &outcome.files {
        let known: Vec<String> = plan.fixes.iter().flat_map(|f| f.secrets.iter().cloned()).collect();
        write!(out, "{}", fix::diff::unified(&r.path, &r.old, &r.new, color, &known))?;
    }
    for (fp, reason) in &outcome.dropped {
        let f = plan.fixes.iter().find(|f| &f.fingerprint == fp);
        writeln!(out, "dropped {}: {reason}", f.map(|f| format!("{}:{}", f.path, f.line)).unwrap_or_default())?;
    }
    for (path, e) in &outcome.write_errors {
        writeln!(out, "not written {path}: {e}")?;
    }
    summary(&mut out, &args, &plan, &outcome, &result.findings)?;
    out.flush()?;
    let pending = plan.fixes.len() + plan.unfixed.len() > outcome.applied.len();
    // Clean when everything was applied, or when there was nothing to fix.
    let done = args.yes && !pending || plan.fixes.is_empty() && plan.unfixed.is_empty();
    Ok(if done { Exit::Clean } else { Exit::Findings })
}

fn summary(
    out: &mut dyn Write,
    args: &FixArgs,
    plan: &secretless::fix::Plan,
    outcome: &secretless::fix::apply::Outcome,
    findings: &[Finding],
) -> std::io::Result<()> {
    use secretless::fix::Applicability;
    let review: Vec<_> = plan.fixes.iter().filter(|f| f.applicability == Applicability::Review).collect();
    let verb = if args.yes { "applied" } else { "would apply" };
    writeln!(
        out,
        "\n{} fixes {verb}: {} safe, {} need review; {} findings have no automatic fix; {} files {}.",
        outcome.applied.len(),
        plan.fixes.iter().filter(|f| f.applicability == Applicability::Safe && outcome.applied.contains(&f.fingerprint)).count(),
        review.len(),
        plan.unfixed.len(),
        outcome.files.len(),
        if args.yes { "changed" } else { "would change" }
    )?;
    if !args.yes && !plan.fixes.is_empty() {
        writeln!(out, "Nothing was changed. Run with --yes to apply the safe fixes (--include-review for the rest), or --interactive.")?;
    }
    if args.yes && !args.include_review && !review.is_empty() {
        writeln!(out, "Left for review (apply with --yes --include-review once you have the values):")?;
        for f in &review {
            writeln!(out, "  {}:{} {}", f.path, f.line, f.needs.as_deref().unwrap_or(""))?;
        }
    }
    for u in &plan.unfixed {
        writeln!(out, "  no fix {}:{}: {}", u.path, u.line, u.reason)?;
    }
    let rotate: Vec<&Finding> = findings.iter().filter(|f| f.category == Category::Secret).collect();
    if !rotate.is_empty() {
        writeln!(out, "Secrets to rotate ({}): they stay in git history even after the code no longer uses them.", rotate.len())?;
        for f in rotate {
            writeln!(out, "  {}:{} {} {}", f.path, f.start.line, f.rule, f.service)?;
        }
    }
    if !plan.fixes.is_empty() {
        writeln!(out, "Next: `secretless roles` prints the role assignments the migrated code needs.")?;
    }
    Ok(())
}

fn roles_cmd(args: RolesArgs) -> anyhow::Result<Exit> {
    let opts = ScanOptions { walk: walk_options(&args.walk), ..ScanOptions::default() };
    let result = secretless::scan(&paths(&args.walk), &opts)?;
    for d in &result.diagnostics {
        eprintln!("secretless: {}: {}", d.path, d.message);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| cannot_write(p, e))?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    secretless::roles::emit(&result.findings, args.format, &args.identity, &mut out)?;
    out.flush()?;
    Ok(Exit::Clean)
}
