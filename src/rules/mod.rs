//! The rule registry: one table, one line per rule. IDs are never reused or renumbered.
//! `secretless rules`, the SARIF `reportingDescriptor`s and the README rule table come from here.
//!
//! Adding a rule: write `src/rules/<family>/<rule_name>.rs` with its docs, add it to the family's
//! `mod.rs` and to [`RULES`], route findings to it in [`select`], add a fixture under
//! `fixtures/rules/<ID>/` and accept its snapshot.

pub mod auth;
pub mod secrets;

use crate::finding::{Category, CredentialKind, Service};

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    /// Kebab-case name describing the problem (never the fix).
    pub name: &'static str,
    pub category: Category,
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub use_instead: &'static str,
    pub fix_safety: &'static str,
    /// Imperative title of the fix, for rules that have one.
    pub fix_title: Option<&'static str>,
    /// SARIF `security-severity` (0.0–10.0).
    pub severity: f32,
    /// SARIF `precision`: very-high, high, medium, low.
    pub precision: &'static str,
}

/// Every rule, in id order.
pub static RULES: &[&Rule] = &[
    &secrets::storage_account_key::RULE,                   // SL101
    &secrets::sas_token::RULE,                             // SL102
    &secrets::messaging_shared_access_key::RULE,           // SL103
    &secrets::cosmos_account_key::RULE,                    // SL104
    &secrets::entra_client_secret::RULE,                   // SL105
    &secrets::service_access_key::RULE,                    // SL106
    &secrets::database_password::RULE,                     // SL107
    &auth::storage_shared_key_auth::RULE,                  // SL201
    &auth::service_bus_shared_key_auth::RULE,              // SL202
    &auth::event_hubs_shared_key_auth::RULE,               // SL203
    &auth::cosmos_key_auth::RULE,                          // SL204
    &auth::client_secret_auth::RULE,                       // SL205
    &auth::app_configuration_connection_string_auth::RULE, // SL206
    &auth::ai_api_key_auth::RULE,                          // SL207
    &auth::event_grid_key_auth::RULE,                      // SL208
    &auth::signalr_access_key_auth::RULE,                  // SL209
    &auth::sql_password_auth::RULE,                        // SL210
    &auth::postgres_mysql_password_auth::RULE,             // SL211
    &auth::redis_access_key_auth::RULE,                    // SL212
    &auth::unknown_service_key_auth::RULE,                 // SL213
];

/// Look a rule up by id (case-insensitive) or name.
pub fn find(id_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
}

fn by_id(id: &str) -> &'static Rule {
    find(id).expect("rule ids in select() are in RULES")
}

/// The rule a finding belongs to.
pub fn select(category: Category, service: Service, kind: CredentialKind) -> &'static Rule {
    use CredentialKind as K;
    use Service as S;
    by_id(match category {
        Category::Secret => match (service, kind) {
            (_, K::SasToken) => "SL102",
            (_, K::ClientSecret) => "SL105",
            (_, K::Password) => "SL107",
            (s, _) if s.is_storage() => "SL101",
            (S::ServiceBus | S::EventHubs, _) => "SL103",
            (S::CosmosDb, _) => "SL104",
            (S::EntraId, _) => "SL105",
            _ => "SL106",
        },
        Category::Auth => match (service, kind) {
            (_, K::ClientSecret) => "SL205",
            (s, _) if s.is_storage() => "SL201",
            (S::ServiceBus, _) => "SL202",
            (S::EventHubs, _) => "SL203",
            (S::CosmosDb, _) => "SL204",
            (S::AppConfiguration, _) => "SL206",
            (S::Openai | S::AiServices | S::AiSearch, _) => "SL207",
            (S::EventGrid, _) => "SL208",
            (S::Signalr | S::WebPubsub, _) => "SL209",
            (S::Sql, _) => "SL210",
            (S::Postgresql | S::Mysql, _) => "SL211",
            (S::Redis, _) => "SL212",
            (S::EntraId | S::KeyVault, _) => "SL205",
            _ => "SL213",
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_sorted_and_documented() {
        for w in RULES.windows(2) {
            assert!(w[0].id < w[1].id, "{} must come before {}", w[0].id, w[1].id);
        }
        for r in RULES {
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.id);
            assert!(!r.what.is_empty() && !r.why.is_empty() && !r.example.is_empty() && !r.use_instead.is_empty(), "{}", r.id);
            assert_eq!(r.id.starts_with("SL2"), r.category == Category::Auth, "{}", r.id);
            assert!((0.0..=10.0).contains(&r.severity));
        }
    }

    #[test]
    fn every_service_and_kind_selects_a_rule_of_its_category() {
        for s in Service::ALL {
            for k in CredentialKind::ALL {
                assert_eq!(select(Category::Secret, *s, *k).category, Category::Secret);
                assert_eq!(select(Category::Auth, *s, *k).category, Category::Auth);
            }
        }
    }
}
