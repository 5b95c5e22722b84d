//! Azure SignalR Service (catalog §16): the server SDK reads a connection string; the identity-based
//! form keeps the endpoint and says `AuthType=azure` (DefaultAzureCredential) instead of the
//! `AccessKey` (or an app registration's `ClientSecret`). Applies to a literal passed to
//! `AddAzureSignalR("...")` and to the config entry it reads.

use super::{CodeFix, Edit, Site};
use crate::fix::{Applicability, ConfigRewrite};

const NEEDS: &str = "give the identity the SignalR App Server role (`secretless roles`)";

pub fn rewrite(s: &Site) -> Result<CodeFix, String> {
    let fix = |edits, config| CodeFix {
        edits,
        config,
        applicability: Applicability::Review,
        needs: Some(NEEDS.into()),
        title: "Connect to Azure SignalR with DefaultAzureCredential (AuthType=azure) instead of the access key".into(),
        ..Default::default()
    };
    match s.call.positional().next() {
        Some(arg) if arg.kind() == "string_literal" => {
            let text = s.text(arg);
            let new = identity_based(&text[1..text.len() - 1]).ok_or("the connection string holds no access key")?;
            Ok(fix(vec![Edit::replace(arg.start_byte() + 1..arg.end_byte() - 1, new)], None))
        }
        Some(_) => Ok(fix(
            Vec::new(),
            Some(ConfigRewrite { rewrite: identity_based, required: true, by_hand: "replace `AccessKey=...` by `AuthType=azure`" }),
        )),
        None => Err("the connection string is not passed here: set `AuthType=azure` instead of `AccessKey` where it is configured".into()),
    }
}

/// `Endpoint=https://x.service.signalr.net;AccessKey=..;Version=1.0;` →
/// `Endpoint=https://x.service.signalr.net;AuthType=azure;Version=1.0;`.
pub fn identity_based(cs: &str) -> Option<String> {
    let parts: Vec<&str> = cs.split(';').filter(|p| !p.trim().is_empty()).collect();
    let key = |p: &str| p.split('=').next().unwrap_or("").trim().to_ascii_lowercase();
    if !parts.iter().any(|p| matches!(key(p).as_str(), "accesskey" | "clientsecret")) {
        return None;
    }
    let mut kept: Vec<&str> = parts
        .into_iter()
        .filter(|p| !matches!(key(p).as_str(), "accesskey" | "authtype" | "clientsecret" | "clientid" | "tenantid"))
        .collect();
    let at = kept.iter().position(|p| key(p) == "endpoint").map(|i| i + 1).unwrap_or(kept.len());
    kept.insert(at, "AuthType=azure");
    Some(kept.join(";") + if cs.trim_end().ends_with(';') { ";" } else { "" })
}
