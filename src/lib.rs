//! secretless: find hard-coded Azure secrets and secret-based authentication in C#, Python and
//! JS/TS repositories, and move them to managed identities.
//!
//! Data flows one way (design.md): [`walk`] → [`prefilter`] → parse + query ([`lang`]) →
//! resolve ([`analyze`]) → [`finding::Finding`]s → [`report`]. The library never prints.

pub mod analyze;
pub mod baseline;
pub mod config;
pub mod connstr;
pub mod finding;
pub mod fix;
pub mod follow;
pub mod lang;
pub mod prefilter;
pub mod report;
pub mod roles;
pub mod rules;
pub mod scan;
pub mod secrets;
pub mod settings;
pub mod suppress;
pub mod text;
pub mod walk;

pub use finding::Finding;
pub use scan::{ScanOptions, ScanResult, scan};
