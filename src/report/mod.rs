//! Reports: one file per output format, each taking the findings and a writer.
//! Only `main.rs` and this module write to stdout.

pub mod json;
pub mod text;

/// Output format of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, one block per finding (coloured on a terminal).
    Text,
    /// A JSON document with every finding.
    Json,
}
