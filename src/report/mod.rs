//! Reports: one file per output format, each taking the findings and a writer.
//! Only `main.rs` and this module write to stdout.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

/// Output format of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, one block per finding (coloured on a terminal).
    Text,
    /// A JSON document with every finding.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and Azure DevOps Advanced Security.
    Sarif,
    /// GitHub Actions workflow-command annotations (`::error file=…`).
    Github,
}
