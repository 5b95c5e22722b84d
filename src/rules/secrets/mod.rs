//! Secret values written into files: one file per rule.

pub mod cosmos_account_key;
pub mod database_password;
pub mod entra_client_secret;
pub mod messaging_shared_access_key;
pub mod sas_token;
pub mod service_access_key;
pub mod storage_account_key;
