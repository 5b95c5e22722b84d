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
    /// Also scan hidden files and directories (`.env*` files are always scanned; `.git` never).
    #[arg(long)]
    hidden: bool,
    /// Do not honour .gitignore, .ignore and git exclude files.
    #[arg(long)]
    no_ignore: bool,
    /// Follow symbolic links (off by default: a link is reported and skipped).
    #[arg(long, short = 'L')]
    follow: bool,
    /// Skip paths matching this glob (gitignore syntax, repeatable), e.g. --exclude 'tests/**'.
    #[arg(long, value_name = "GLOB")]
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
    #[arg(long, value_enum, default_value_t = FailOn::Auth)]
    fail_on: FailOn,
    /// Print secrets in full. Off by default: every output shows a prefix and the length only.
    #[arg(long)]
    show_secrets: bool,
    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print no per-file diagnostics on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print scan counters (files walked, prefiltered, parsed, bytes, findings) on standard error.
    #[arg(long)]
    stats: bool,
}

#[derive(Args)]
struct RulesArgs {
    /// A rule id (SL101) or name (storage-account-key) to explain.
    id: Option<String>,
    /// Print the prefilter's trigger words, one per line (used by the benchmark).
    #[arg(long)]
    triggers: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Secret,
    Auth,
    None,
}

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

fn main() -> ExitCode {
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
            eprintln!("secretless: {err}");
            for cause in err.chain().skip(1) {
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
        Command::DebugTree { file } => {
            let text = std::fs::read_to_string(&file)?;
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let lang = secretless::lang::Lang::from_extension(ext).ok_or_else(|| anyhow::anyhow!("not a code file"))?;
            let tree =
                secretless::scan::parse(lang, &text, std::time::Duration::from_secs(5)).ok_or_else(|| anyhow::anyhow!("parse failed"))?;
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

fn scan(args: ScanArgs) -> anyhow::Result<Exit> {
    let opts = ScanOptions { walk: walk_options(&args.walk), show_secrets: args.show_secrets, ..ScanOptions::default() };
    let result = secretless::scan(&paths(&args.walk), &opts)?;
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        for d in &result.diagnostics {
            writeln!(err, "secretless: {}: {}", d.path, d.message)?;
        }
    }
    if args.stats {
        let s = &result.stats;
        eprintln!(
            "stats: files_walked={} files_prefiltered={} files_parsed={} bytes_walked={} bytes_parsed={} findings={}",
            s.files_walked, s.files_prefiltered, s.files_parsed, s.bytes_walked, s.bytes_parsed, s.findings
        );
    }
    write_report(&args, &result.findings)?;
    let failing = result.findings.iter().filter(|f| f.suppressed.is_none()).any(|f| match args.fail_on {
        FailOn::Secret => f.category == Category::Secret,
        FailOn::Auth => true,
        FailOn::None => false,
    });
    Ok(if failing { Exit::Findings } else { Exit::Clean })
}

fn write_report(args: &ScanArgs, findings: &[Finding]) -> anyhow::Result<()> {
    let (mut out, to_terminal): (Box<dyn Write>, bool) = match &args.output {
        Some(p) => (
            Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).map_err(|e| anyhow::anyhow!("cannot write report to {}: {e}", p.display()))?,
            )),
            false,
        ),
        None => (Box::new(std::io::BufWriter::new(std::io::stdout().lock())), std::io::stdout().is_terminal()),
    };
    match args.format {
        Format::Text => report::text::write(findings, &mut out, use_color(args.color, to_terminal))?,
        Format::Json => report::json::write(findings, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

fn rules_cmd(args: RulesArgs) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    if args.triggers {
        for t in secretless::prefilter::all_triggers() {
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
