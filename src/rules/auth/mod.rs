//! Code that authenticates with a secret: one file per rule.

pub mod ai_api_key_auth;
pub mod app_configuration_connection_string_auth;
pub mod client_secret_auth;
pub mod cosmos_key_auth;
pub mod event_grid_key_auth;
pub mod event_hubs_shared_key_auth;
pub mod postgres_mysql_password_auth;
pub mod redis_access_key_auth;
pub mod service_bus_shared_key_auth;
pub mod signalr_access_key_auth;
pub mod sql_password_auth;
pub mod storage_shared_key_auth;
pub mod unknown_service_key_auth;
